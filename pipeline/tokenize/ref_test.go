package tokenize

// This file keeps the tokenizer as it was before the speed work (scanner,
// normaliser and segmenter, punkt run over the whole text) as an oracle:
// TestMatchesReference and FuzzMatchesReference check that the fast paths
// give exactly the same tokens, norms and sentences.

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/techframe/techframe/pipeline"
	"golang.org/x/text/unicode/norm"
	"gopkg.in/neurosnap/sentences.v1"
)

// refTokInfo is what the segmenter needs to know about the gap before a token.
type refTokInfo struct {
	nlBefore uint8 // newlines in the whitespace before the token, capped at 2
	list     bool  // the token is a list marker at the start of a line
}

// refScanTokens cuts text into tokens (see the package comment for the rules).
// Tokens cover every non-space byte, in order, and never overlap.
func refScanTokens(text string) ([]pipeline.Token, []refTokInfo) {
	s := refScanner{text: text, toks: make([]pipeline.Token, 0, len(text)/5+1)}
	var info []refTokInfo
	nl := 2 // the document start counts as a paragraph start
	for i := 0; i < len(text); {
		if n := refSpaceLen(text, i); n > 0 {
			// Line breaks as in scanTokens: LF, a CR not followed by
			// LF (old Mac files; a CRLF counts once), U+2028, U+2029.
			if text[i] == '\n' || text[i] == '\r' && (i+1 == len(text) || text[i+1] != '\n') || n > 1 && (text[i:i+n] == "\u2028" || text[i:i+n] == "\u2029") {
				nl++
			}
			i += n
			continue
		}
		j := i + refRuneLen(text, i)
		for j < len(text) && refSpaceLen(text, j) == 0 {
			j += refRuneLen(text, j)
		}
		first := len(s.toks)
		lineStart := nl > 0
		if lineStart && refIsListMarker(text[i:j]) {
			s.emit(i, j)
		} else {
			s.chunk(i, j)
		}
		for k := first; k < len(s.toks); k++ {
			info = append(info, refTokInfo{})
		}
		info[first].nlBefore = uint8(min(nl, 2))
		if first == 0 {
			info[first].nlBefore = 0
		}
		info[first].list = lineStart && refIsListMarker(text[i:j])
		nl = 0
		i = j
	}
	return s.toks, info
}

type refScanner struct {
	text string
	toks []pipeline.Token
}

func (s *refScanner) emit(a, b int) {
	s.toks = append(s.toks, pipeline.Token{Span: pipeline.Span{Start: a, End: b}, Norm: refNormalize(s.text[a:b])})
}

// chunk splits one run of non-space bytes [lo, hi).
func (s *refScanner) chunk(lo, hi int) {
	t := s.text
	for lo < hi {
		n := refLeadPunct(t, lo, hi)
		if n == 0 || lo+n >= hi {
			break
		}
		s.emit(lo, lo+n)
		lo += n
	}
	var buf [8]pipeline.Span
	tails := buf[:0]
	for hi > lo {
		n := refTrailPunct(t, lo, hi)
		if n == 0 || hi-n <= lo {
			break
		}
		tails = append(tails, pipeline.Span{Start: hi - n, End: hi})
		hi -= n
	}
	s.middle(lo, hi)
	for k := len(tails) - 1; k >= 0; k-- {
		s.emit(tails[k].Start, tails[k].End)
	}
}

// middle handles what is left of a chunk once outer punctuation is gone:
// URLs, dashes and contractions.
func (s *refScanner) middle(lo, hi int) {
	if lo >= hi {
		return
	}
	w := s.text[lo:hi]
	if refIsURL(w) {
		s.emit(lo, hi)
		return
	}
	if d, n := refFindDash(w); n > 0 && len(w) > n {
		if d > 0 {
			s.chunk(lo, lo+d)
		}
		s.emit(lo+d, lo+d+n)
		if lo+d+n < hi {
			s.chunk(lo+d+n, hi)
		}
		return
	}
	if n := refContraction(w); n > 0 {
		s.emit(lo, hi-n)
		s.emit(hi-n, hi)
		return
	}
	s.emit(lo, hi)
}

// refApostrophes are the spellings of an apostrophe that prose's sanitiser
// folds to ASCII.
var refApostrophes = [...]string{"'", "\u2019", "&rsquo;"}

// refContraction returns the byte length of a clitic at the end of w (n't, 's,
// 'll, 're, 've, 'd, 'm), or 0.
func refContraction(w string) int {
	for _, ap := range refApostrophes {
		for _, suf := range [...]string{"s", "ll", "re", "ve", "d", "m"} {
			n := len(ap) + len(suf)
			if len(w) > n && strings.HasPrefix(w[len(w)-n:], ap) && strings.EqualFold(w[len(w)-len(suf):], suf) {
				return n
			}
		}
		n := 2 + len(ap)
		if len(w) > n && (w[len(w)-n] == 'n' || w[len(w)-n] == 'N') &&
			strings.HasPrefix(w[len(w)-n+1:], ap) && (w[len(w)-1] == 't' || w[len(w)-1] == 'T') {
			return n
		}
	}
	return 0
}

// refFindDash finds the first em dash, horizontal bar or "--" in w.
func refFindDash(w string) (at, n int) {
	for i := 0; i < len(w); i++ {
		switch {
		case w[i] == '-' && i+1 < len(w) && w[i+1] == '-':
			j := i + 2
			for j < len(w) && w[j] == '-' {
				j++
			}
			return i, j - i
		case w[i] == 0xe2 && (strings.HasPrefix(w[i:], "\u2014") || strings.HasPrefix(w[i:], "\u2015")):
			return i, 3
		}
	}
	return -1, 0
}

func refIsURL(w string) bool {
	if strings.Contains(w, "://") || strings.HasPrefix(w, "www.") {
		return true
	}
	at := strings.IndexByte(w, '@')
	return at > 0 && strings.IndexByte(w[at:], '.') > 1
}

// refLeadPunct returns the length of an opening bracket, quote or currency sign
// at t[lo:], or 0.
func refLeadPunct(t string, lo, hi int) int {
	switch c := t[lo]; c {
	case '(', '[', '{', '"', '$':
		return 1
	case '\'':
		// An opening single quote, but not a clitic ('s) or a year ('90s).
		j := lo + 1
		for j < hi && refIsASCIILetter(t[j]) {
			j++
		}
		switch strings.ToLower(t[lo+1 : j]) {
		case "", "s", "ll", "re", "ve", "d", "m", "t":
			return 0
		}
		return 1
	case 0xe2, 0xc2: // “ ‘ € « £ ¥
		for _, p := range [...]string{"\u201c", "\u2018", "\u20ac"} {
			if strings.HasPrefix(t[lo:hi], p) {
				return len(p)
			}
		}
		for _, p := range [...]string{"\u00ab", "\u00a3", "\u00a5"} {
			if strings.HasPrefix(t[lo:hi], p) {
				return len(p)
			}
		}
	}
	return 0
}

// refTrailPunct returns the length of closing punctuation at the end of
// t[lo:hi], or 0. A full stop that ends an abbreviation stays on its word.
func refTrailPunct(t string, lo, hi int) int {
	w := t[lo:hi]
	switch c := w[len(w)-1]; c {
	case ',', ';', ':', '!', '?', ')', ']', '}', '"', '\'':
		return 1
	case '.':
		if strings.HasSuffix(w, "...") {
			return 3
		}
		if refIsAbbrev(w) {
			return 0
		}
		return 1
	case 0x9d, 0x99, 0xa6, 0xbb: // ” ’ … »
		for _, p := range [...]string{"\u201d", "\u2019", "\u2026", "\u00bb"} {
			if strings.HasSuffix(w, p) {
				return len(p)
			}
		}
	}
	if strings.HasSuffix(w, "&rsquo;") {
		return len("&rsquo;")
	}
	return 0
}

// refAbbrevs are words that keep their full stop (matched lower-case, without
// the stop). Initials (J.) and dotted forms (U.S., e.g., Ph.D.) are found by
// shape in refIsAbbrev.
var refAbbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true, "jr": true, "st": true,
	"gen": true, "col": true, "lt": true, "sgt": true, "capt": true, "cmdr": true, "adm": true, "maj": true,
	"gov": true, "sen": true, "rep": true, "rev": true, "hon": true, "pres": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"no": true, "nos": true, "vol": true, "vols": true, "fig": true, "figs": true, "pp": true,
	"etc": true, "vs": true, "inc": true, "ltd": true, "co": true, "corp": true, "dept": true,
	"est": true, "approx": true, "cf": true, "al": true, "mt": true, "ft": true,
}

// refIsAbbrev reports whether w (ending in ".") is an abbreviation.
func refIsAbbrev(w string) bool {
	base := w[:len(w)-1]
	if base == "" {
		return false
	}
	if len(base) == 1 {
		return base[0] >= 'A' && base[0] <= 'Z' // an initial
	}
	if strings.IndexByte(base, '.') >= 0 {
		parts := 0
		for _, p := range strings.Split(base, ".") {
			if len(p) < 1 || len(p) > 2 || !refIsASCIILetter(p[0]) || !refIsASCIILetter(p[len(p)-1]) {
				return false
			}
			parts++
		}
		return parts >= 2
	}
	if len(base) > 6 {
		return false
	}
	return refAbbrevs[strings.ToLower(base)]
}

// refIsListMarker reports whether a chunk at the start of a line is a list
// marker: 1. 12) a) - * •
func refIsListMarker(w string) bool {
	switch w {
	case "-", "*", "\u2022":
		return true
	}
	if len(w) < 2 || len(w) > 4 || (w[len(w)-1] != '.' && w[len(w)-1] != ')') {
		return false
	}
	body := w[:len(w)-1]
	if len(body) == 1 && body[0] >= 'a' && body[0] <= 'z' && w[len(w)-1] == ')' {
		return true
	}
	for i := 0; i < len(body); i++ {
		if body[i] < '0' || body[i] > '9' {
			return false
		}
	}
	return true
}

func refIsASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// refSpaceLen returns the byte length of the whitespace rune at text[i], or 0.
func refSpaceLen(text string, i int) int {
	c := text[i]
	if c < utf8.RuneSelf {
		switch c {
		case ' ', '\t', '\n', '\r', '\v', '\f':
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	if unicode.IsSpace(r) || r == '\u200B' || r == '\uFEFF' {
		return n // zero-width space and byte-order mark separate words
	}
	return 0
}

// refRuneLen returns the byte length of the rune at text[i] (1 for an invalid
// byte).
func refRuneLen(text string, i int) int {
	if text[i] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeRuneInString(text[i:])
	return n
}

// refSegment groups tokens into sentences. starts are the byte offsets where
// punkt's sentences begin (ascending). A token belongs to the punkt sentence
// its first byte is in, so a sentence boundary always falls between tokens.
// Five corrections follow (see the package comment); the initialism and
// heading-line rules are shared with segment, as they have no fast path. It
// sets toks[i].Sent.
func refSegment(text string, toks []pipeline.Token, info []refTokInfo, starts []int) []pipeline.Sentence {
	if len(toks) == 0 {
		return nil
	}
	var sents []pipeline.Sentence
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
	lineStart, topLine := 0, true
	for i := 1; i < len(toks); i++ {
		brk := false
		heading := false
		switch {
		case info[i].nlBefore == 1:
			heading = topLine && headingLine(text, toks, lineStart, i)
			topLine, lineStart = heading, i
		case info[i].nlBefore >= 2:
			topLine, lineStart = true, i
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
			brk = false // "(Mr. Jordan)", "the Hon. George W. Hopkins"
		case refStartsLower(text[toks[i].Start:toks[i].End]): // “Really?” she asked
			brk = false
		}
		if brk {
			flush(i)
		}
	}
	flush(len(toks))
	return sents
}

func refStartsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// refNormalize returns the lower-cased surface with curly quotes and "&rsquo;"
// replaced by their ASCII forms; dashes are kept. Plain lower-case ASCII is
// returned as is (no allocation).
func refNormalize(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || (c >= 'A' && c <= 'Z') || c == '&' {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	for _, r := range s {
		if r >= 0x80 {
			// Compatibility composition, then no soft hyphens and ASCII
			// hyphens, as documented on normalize.
			s = norm.NFKC.String(s)
			s = strings.ReplaceAll(s, "\u00ad", "")
			s = strings.ReplaceAll(s, "\u2010", "-")
			s = strings.ReplaceAll(s, "\u2011", "-")
			break
		}
	}
	return strings.ToLower(refNormReplacer.Replace(s))
}

var refNormReplacer = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201c", `"`, "\u201d", `"`, "&rsquo;", "'")

// refProcess is Process (without tags) as it was: punkt over the whole text.
func refProcess(punkt *sentences.DefaultSentenceTokenizer, text string) ([]pipeline.Token, []pipeline.Sentence) {
	toks, info := refScanTokens(text)
	var bounds []int
	if len(toks) > 0 {
		for _, s := range punkt.Tokenize(text) {
			bounds = append(bounds, s.Start)
		}
	}
	return toks, refSegment(text, toks, info, bounds)
}
