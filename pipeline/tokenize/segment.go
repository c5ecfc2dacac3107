package tokenize

import (
	"unicode"
	"unicode/utf8"

	"github.com/techframe/techframe/pipeline"
)

// segment groups tokens into sentences. starts are the byte offsets where
// punkt's sentences begin (ascending). A token belongs to the punkt sentence
// its first byte is in, so a sentence boundary always falls between tokens.
// Four corrections follow (see the package comment). It sets toks[i].Sent.
func segment(text string, toks []pipeline.Token, info []tokInfo, starts []int) []pipeline.Sentence {
	if len(toks) == 0 {
		return nil
	}
	sents := make([]pipeline.Sentence, 0, len(starts)+len(toks)/64+1)
	first := 0
	p := 0 // number of punkt starts <= current token start
	for p < len(starts) && starts[p] <= toks[0].Start {
		p++
	}
	flush := func(end int) {
		n := len(sents)
		sents = append(sents, pipeline.Sentence{
			Span:       pipeline.Span{Start: toks[first].Start, End: toks[end-1].End},
			FirstToken: first, EndToken: end,
		})
		for k := first; k < end; k++ {
			toks[k].Sent = n
		}
		first = end
	}
	for i := 1; i < len(toks); i++ {
		brk := false
		for p < len(starts) && starts[p] <= toks[i].Start {
			p++
			brk = true
		}
		switch {
		case info[i].nlBefore >= 2: // a blank line always ends a sentence
			brk = true
		case info[i].list: // a list item opens a sentence
			brk = true
		case followsInitialism(text, toks, i): // "by the U.S. The rules" (initialisms.go)
			brk = initialismEnds(text, toks, i)
		case !brk:
		case info[i-1].list && i-1 == first: // a marker is never a sentence alone
			brk = false
		case startsLower(text[toks[i].Start:toks[i].End]): // “Really?” she asked
			brk = false
		}
		if brk {
			flush(i)
		}
	}
	flush(len(toks))
	return sents
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}
