package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/techframe/techframe/pipeline"
)

// tokInfo is what the segmenter needs to know about the gap before a token.
type tokInfo struct {
	nlBefore uint8 // line breaks (LF, CRLF, CR, U+2028, U+2029) in the whitespace before the token, capped at 2
	list     bool  // the token is a list marker at the start of a line
}

// scanTokens cuts text into tokens (see the package comment for the rules).
// Tokens cover every non-space byte, in order, and never overlap. It also
// returns the pieces of text that punkt must see (see punktPieces).
func scanTokens(text string) ([]pipeline.Token, []tokInfo, []piece) {
	n := len(text)/5 + 1
	s := scanner{text: text, toks: make([]pipeline.Token, 0, n)}
	info := make([]tokInfo, 0, n)
	var pp punktPieces
	nl := 2 // the document start counts as a paragraph start
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if asciiSpace[c] {
				// A line ends in LF, CRLF or a bare CR (old Mac files):
				// the CR of a CRLF is plain space, so CRLF counts once.
				if c == '\n' || c == '\r' && (i+1 == len(text) || text[i+1] != '\n') {
					nl++
				}
				i++
				continue
			}
		} else if n := spaceLen(text, i); n > 0 {
			if n > 1 && (text[i:i+n] == "\u2028" || text[i:i+n] == "\u2029") {
				nl++
			}
			i += n
			continue
		}
		j, sc := scanChunk(text, i)
		first := len(s.toks)
		lineStart := nl > 0
		list := false
		switch {
		case sc.others == 0:
			// ASCII letters only: one token whatever the rules (no
			// punctuation, dash, apostrophe, digit or list marker)
			s.emitASCII(i, j, sc.upper)
		case sc.others == 1 && text[j-1] == ',' && j-1 > i:
			// letters and a trailing comma: the comma is split off
			s.emitASCII(i, j-1, sc.upper)
			s.emitASCII(j-1, j, false)
		default:
			list = lineStart && isListMarker(text[i:j])
			if list {
				s.emit(i, j)
			} else {
				s.chunk(i, j)
			}
		}
		for k := first; k < len(s.toks); k++ {
			info = append(info, tokInfo{})
		}
		if first > 0 {
			info[first].nlBefore = uint8(min(nl, 2))
		}
		info[first].list = list
		pp.chunk(text, i, j, sc.sentPunct)
		nl = 0
		i = j
	}
	s.finish()
	return s.toks, info, pp.done(text)
}

// asciiSpace marks the ASCII bytes that unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\t': true, '\n': true, '\r': true, '\v': true, '\f': true}

// chunkShape summarises the bytes of a chunk.
type chunkShape struct {
	others    int  // bytes that are not ASCII letters
	upper     bool // an ASCII capital
	sentPunct bool // . ! or ? (punkt's candidates)
}

// asciiShape: bit 1 letter, bit 2 capital, bit 4 . ! ?
var asciiShape = func() (t [utf8.RuneSelf]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = 1, 1|2
	}
	t['.'], t['!'], t['?'] = 4, 4, 4
	return t
}()

// scanChunk returns the end of the run of non-space runes starting at i and
// its shape.
func scanChunk(text string, i int) (int, chunkShape) {
	var sc chunkShape
	var bits uint8
	j := i
	for j < len(text) {
		if c := text[j]; c < utf8.RuneSelf {
			if asciiSpace[c] {
				break
			}
			b := asciiShape[c]
			bits |= b
			if b&1 == 0 {
				sc.others++
			}
			j++
			continue
		}
		if spaceLen(text, j) > 0 {
			break
		}
		n := runeLen(text, j)
		sc.others += n
		j += n
	}
	sc.upper, sc.sentPunct = bits&2 != 0, bits&4 != 0
	return j, sc
}

type scanner struct {
	text string
	toks []pipeline.Token
	// lower holds the lower-cased forms of ASCII tokens with capitals, and
	// fix says which tokens they belong to: finish turns lower into one
	// string and slices it, one allocation per document instead of one per
	// capitalised token.
	lower []byte
	fix   []lowerFix
}

type lowerFix struct{ tok, off, end int32 }

func (s *scanner) emit(a, b int) {
	w := s.text[a:b]
	// filled in place, not appended whole: cheaper while the garbage
	// collector's write barrier is on
	if n := len(s.toks); n < cap(s.toks) {
		s.toks = s.toks[:n+1] // still zero: toks only grows
	} else {
		s.toks = append(s.toks, pipeline.Token{})
	}
	t := &s.toks[len(s.toks)-1]
	t.Start, t.End = a, b
	switch asciiCase(w) {
	case caseLower:
		t.Norm = w
	case caseUpper:
		s.lowerASCII(len(s.toks)-1, w)
	default:
		t.Norm = normalize(w)
	}
}

// emitASCII emits text[a:b], ASCII without '&' (upper: it has capitals).
func (s *scanner) emitASCII(a, b int, upper bool) {
	if n := len(s.toks); n < cap(s.toks) {
		s.toks = s.toks[:n+1]
	} else {
		s.toks = append(s.toks, pipeline.Token{})
	}
	t := &s.toks[len(s.toks)-1]
	t.Start, t.End = a, b
	if upper {
		s.lowerASCII(len(s.toks)-1, s.text[a:b])
	} else {
		t.Norm = s.text[a:b]
	}
}

// lowerASCII records the lower-cased w as token k's norm.
func (s *scanner) lowerASCII(k int, w string) {
	if s.lower == nil {
		s.lower = make([]byte, 0, len(s.text)/4+16)
	}
	off := len(s.lower)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		s.lower = append(s.lower, c)
	}
	s.fix = append(s.fix, lowerFix{int32(k), int32(off), int32(len(s.lower))})
}

// finish fills in the norms of the tokens recorded in s.fix.
func (s *scanner) finish() {
	if len(s.fix) == 0 {
		return
	}
	all := string(s.lower)
	for _, f := range s.fix {
		s.toks[f.tok].Norm = all[f.off:f.end]
	}
	s.lower, s.fix = nil, nil
}

const (
	caseLower = iota // ASCII without capitals or '&': the norm is the text
	caseUpper        // ASCII with capitals, no '&': the norm is the ASCII lower-casing
	caseOther        // anything else: normalize
)

func asciiCase(w string) int {
	c := caseLower
	for k := 0; k < len(w); k++ {
		b := w[k]
		if b >= utf8.RuneSelf || b == '&' {
			return caseOther
		}
		if 'A' <= b && b <= 'Z' {
			c = caseUpper
		}
	}
	return c
}

// chunk splits one run of non-space bytes [lo, hi).
func (s *scanner) chunk(lo, hi int) {
	t := s.text
	for lo < hi {
		n := leadPunct(t, lo, hi)
		if n == 0 || lo+n >= hi {
			break
		}
		s.emit(lo, lo+n)
		lo += n
	}
	var buf [8]pipeline.Span
	tails := buf[:0]
	for hi > lo {
		n := trailPunct(t, lo, hi)
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
func (s *scanner) middle(lo, hi int) {
	if lo >= hi {
		return
	}
	w := s.text[lo:hi]
	if isURL(w) {
		s.emit(lo, hi)
		return
	}
	if d, n := findDash(w); n > 0 && len(w) > n {
		if d > 0 {
			s.chunk(lo, lo+d)
		}
		s.emit(lo+d, lo+d+n)
		if lo+d+n < hi {
			s.chunk(lo+d+n, hi)
		}
		return
	}
	if n := contraction(w); n > 0 {
		s.emit(lo, hi-n)
		s.emit(hi-n, hi)
		return
	}
	s.emit(lo, hi)
}

// apostrophes are the spellings of an apostrophe that prose's sanitiser
// folds to ASCII.
var apostrophes = [...]string{"'", "\u2019", "&rsquo;"}

// contraction returns the byte length of a clitic at the end of w (n't, 's,
// 'll, 're, 've, 'd, 'm), or 0.
func contraction(w string) int {
	// Every clitic ends in one of these letters and has an apostrophe
	// ("'", the last byte of "\u2019" or of "&rsquo;") in its last 9 bytes.
	if len(w) < 3 {
		return 0
	}
	switch w[len(w)-1] | 0x20 {
	case 's', 'l', 'e', 'd', 'm', 't':
	default:
		return 0
	}
	apos := false
	for i := max(0, len(w)-9); i < len(w); i++ {
		if c := w[i]; c == '\'' || c == 0x99 || c == ';' {
			apos = true
			break
		}
	}
	if !apos {
		return 0
	}
	for _, ap := range apostrophes {
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

// findDash finds the first em dash, horizontal bar or "--" in w.
func findDash(w string) (at, n int) {
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

func isURL(w string) bool {
	if c := strings.IndexByte(w, ':'); c >= 0 && strings.Contains(w[c:], "://") || strings.HasPrefix(w, "www.") {
		return true
	}
	at := strings.IndexByte(w, '@')
	return at > 0 && strings.IndexByte(w[at:], '.') > 1
}

// leadPunct returns the length of an opening bracket, quote or currency sign
// at t[lo:], or 0.
func leadPunct(t string, lo, hi int) int {
	switch c := t[lo]; c {
	case '(', '[', '{', '"', '$':
		return 1
	case '\'':
		// An opening single quote, but not a clitic ('s) or a year ('90s).
		j := lo + 1
		for j < hi && isASCIILetter(t[j]) {
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

// trailPunct returns the length of closing punctuation at the end of
// t[lo:hi], or 0. A full stop that ends an abbreviation stays on its word.
func trailPunct(t string, lo, hi int) int {
	w := t[lo:hi]
	switch c := w[len(w)-1]; c {
	case ',', ';', ':', '!', '?', ')', ']', '}', '"', '\'':
		return 1
	case '.':
		if strings.HasSuffix(w, "...") {
			return 3
		}
		if isAbbrev(w) {
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

// abbrevs are words that keep their full stop (matched lower-case, without
// the stop). Initials (J.) and dotted forms (U.S., e.g., Ph.D.) are found by
// shape in isAbbrev.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true, "jr": true, "st": true,
	"gen": true, "col": true, "lt": true, "sgt": true, "capt": true, "cmdr": true, "adm": true, "maj": true,
	"gov": true, "sen": true, "rep": true, "rev": true, "hon": true, "pres": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"no": true, "nos": true, "vol": true, "vols": true, "fig": true, "figs": true, "pp": true,
	"etc": true, "vs": true, "inc": true, "ltd": true, "co": true, "corp": true, "dept": true,
	"est": true, "approx": true, "cf": true, "al": true, "mt": true, "ft": true,
}

// isAbbrev reports whether w (ending in ".") is an abbreviation.
func isAbbrev(w string) bool {
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
			if len(p) < 1 || len(p) > 2 || !isASCIILetter(p[0]) || !isASCIILetter(p[len(p)-1]) {
				return false
			}
			parts++
		}
		return parts >= 2
	}
	if len(base) > 6 {
		return false
	}
	var low [6]byte
	for k := 0; k < len(base); k++ {
		c := base[k]
		if c >= utf8.RuneSelf {
			return abbrevs[strings.ToLower(base)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[k] = c
	}
	return abbrevs[string(low[:len(base)])]
}

// isListMarker reports whether a chunk at the start of a line is a list
// marker: 1. 12) a) - * •
func isListMarker(w string) bool {
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

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// spaceLen returns the byte length of the whitespace rune at text[i], or 0.
func spaceLen(text string, i int) int {
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
		// A zero-width space or a byte-order mark left inside a text
		// (copied from the web, or a BOM at the start of a JSON string)
		// separates words: "\ufeffChina" is the word China.
		return n
	}
	return 0
}

// runeLen returns the byte length of the rune at text[i] (1 for an invalid
// byte).
func runeLen(text string, i int) int {
	if text[i] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeRuneInString(text[i:])
	return n
}
