package tokenize

import (
	"strings"
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
	// lineStart is the first token of the current line; topLine reports
	// whether that line opens the text or a paragraph, or follows only
	// heading lines (headingLine).
	lineStart, topLine := 0, true
	for i := 1; i < len(toks); i++ {
		brk := false
		heading := false
		if info[i].nlBefore == 1 {
			heading = topLine && headingLine(text, toks, lineStart, i)
			topLine = heading
			lineStart = i
		} else if info[i].nlBefore >= 2 {
			lineStart, topLine = i, true
		}
		for p < len(starts) && starts[p] <= toks[i].Start {
			p++
			brk = true
		}
		switch {
		case info[i].nlBefore >= 2: // a blank line always ends a sentence
			brk = true
		case heading: // a headline or byline on its own line, at the top
			brk = true
		case info[i].list: // a list item opens a sentence
			brk = true
		case followsInitialism(text, toks, i): // "by the U.S. The rules" (initialisms.go)
			brk = initialismEnds(text, toks, i)
		case !brk:
		case info[i-1].list && i-1 == first: // a marker is never a sentence alone
			brk = false
		case isNameTitle(text[toks[i-1].Start:toks[i-1].End]):
			brk = false // "(Mr. Jordan)": a title goes with the name after it
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

// nameTitles are the abbreviated titles that stand before a name and so
// never end a sentence; punkt knows them but misses them after an opening
// bracket or quote ("(Mr. Jordan) asked").
var nameTitles = map[string]bool{
	"mr.": true, "mrs.": true, "ms.": true, "dr.": true, "prof.": true, "gen.": true, "col.": true,
	"lt.": true, "sgt.": true, "capt.": true, "cmdr.": true, "adm.": true, "maj.": true, "gov.": true,
	"sen.": true, "rep.": true, "rev.": true, "hon.": true, "pres.": true,
}

// isNameTitle reports whether a token is a capitalised title abbreviation
// ("Mr.", "Gen."): "the sales rep. He said" ends a sentence.
func isNameTitle(t string) bool {
	return t != "" && t[0] >= 'A' && t[0] <= 'Z' && nameTitles[strings.ToLower(t)]
}

// headingLine reports whether toks[from:to], a whole line followed by a
// single newline, is a heading, a byline or a dateline-free title line: at
// most twelve tokens, no sentence-final punctuation at its end, every word
// capitalised but short function words ("China, US Sign AI Safety Pact",
// "By Joe Smith"), and the next line starting with a capital or a digit.
// Only lines at the top of the text or of a paragraph (after a blank line
// or other heading lines) are considered, so a hard-wrapped line of names
// inside a paragraph is not cut.
func headingLine(text string, toks []pipeline.Token, from, to int) bool {
	if to-from > 12 || to >= len(toks) {
		return false
	}
	last := text[toks[to-1].Start:toks[to-1].End]
	switch last {
	case ".", "!", "?", ",", ";", "-", "–", "—", "(", "and", "or", "of", "the":
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[toks[to].Start:])
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	words := 0
	for k := from; k < to; k++ {
		w := text[toks[k].Start:toks[k].End]
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		words++
		if unicode.IsLower(r) && !headingSmallWords[w] {
			return false
		}
	}
	return words >= 2
}

// headingSmallWords stay lower-case in a title ("Sign of the Times").
var headingSmallWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "of": true, "in": true, "on": true,
	"at": true, "to": true, "for": true, "by": true, "with": true, "from": true, "over": true, "as": true, "vs": true,
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}
