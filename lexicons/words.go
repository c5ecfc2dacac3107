package lexicons

import (
	"github.com/techframe/techframe/pipeline"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Gap classes: the strongest punctuation between a word and the one before
// it in the same sentence.
const (
	GapNone   byte = 0
	GapComma  byte = ','
	GapClause byte = ';' // ; : ( ) [ ] or a spaced dash
)

// Word is one matchable word of a text. Start and End are byte offsets
// (including the base passed to Words); Norm is lower-cased with curly
// apostrophes made straight.
type Word struct {
	Start, End int
	Norm       string
	// Gap is the strongest punctuation between the previous word and this
	// one (GapNone, GapComma or GapClause).
	Gap byte
	// Hash is HashNorm(Norm), computed once when the word is split so that
	// every matcher (and the framing n-grams) looks the word up without
	// hashing it again. Zero means not computed: readers then call
	// HashNorm themselves.
	Hash uint64
}

// FNV-1a (64-bit) constants of HashNorm.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// HashNorm is the 64-bit FNV-1a hash of a word's Norm.
func HashNorm(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// hashOf returns w.Hash, computing it when the word was built without one.
func (w *Word) hashOf() uint64 {
	if w.Hash != 0 {
		return w.Hash
	}
	return HashNorm(w.Norm)
}

func isApos(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isDash(r rune) bool {
	return r == '-' || r == '–' || r == '—' || r == '‑' || r == '‒' || r == '―' || r == '−'
}

// Words splits text into words and appends them to dst. Offsets are
// text offsets plus base. Rules: a word is a run of letters, digits and
// marks; an apostrophe inside a word stays in it ("o'clock"), except that a
// final "'s" and "n't" become words of their own ("China's" -> china 's,
// "don't" -> do n't); everything else (hyphens, dashes, periods, slashes)
// separates words, so "U.S." is u s and "China-US" is china us.
func Words(text string, base int, dst []Word) []Word {
	gap := GapNone
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			switch {
			case r == ',':
				if gap < GapComma {
					gap = GapComma
				}
			case r == ';' || r == ':' || r == '(' || r == ')' || r == '[' || r == ']':
				gap = GapClause
			case isDash(r) && r != '-' || r == '-':
				// A dash with a space on either side breaks the clause; a
				// hyphen or dash between letters only separates words.
				before := i > 0 && (text[i-1] == ' ' || text[i-1] == '\t' || text[i-1] == '\n')
				after := i+size < len(text) && (text[i+size] == ' ' || text[i+size] == '\n')
				if before || after {
					gap = GapClause
				}
			}
			i += size
			continue
		}
		start := i
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i += size
				continue
			}
			if isApos(r) {
				next, nsize := utf8.DecodeRuneInString(text[i+size:])
				if i+size < len(text) && isWordRune(next) {
					after := i + size + nsize
					atEnd := after >= len(text)
					if !atEnd {
						a, _ := utf8.DecodeRuneInString(text[after:])
						atEnd = !isWordRune(a)
					}
					if atEnd && (next == 's' || next == 'S') {
						break // "'s" becomes its own word
					}
					if atEnd && (next == 't' || next == 'T') && i-1 > start && (text[i-1] == 'n' || text[i-1] == 'N') {
						// "don't": the word ends before the n.
						dst = appendWord(dst, text, base, start, i-1, gap)
						gap = GapNone
						start = i - 1
						i = after
						goto done
					}
					i += size
					continue
				}
			}
			break
		}
	done:
		dst = appendWord(dst, text, base, start, i, gap)
		gap = GapNone
		if i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if isApos(r) && i+size < len(text) {
				next, nsize := utf8.DecodeRuneInString(text[i+size:])
				if next == 's' || next == 'S' {
					end := i + size + nsize
					if end >= len(text) || !isWordRune(firstRune(text[end:])) {
						dst = appendWord(dst, text, base, i, end, GapNone)
						i = end
					}
				}
			}
		}
	}
	return dst
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func appendWord(dst []Word, text string, base, start, end int, gap byte) []Word {
	if end <= start {
		return dst
	}
	n := Norm(text[start:end])
	return append(dst, Word{Start: base + start, End: base + end, Norm: n, Gap: gap, Hash: HashNorm(n)})
}

// Norm lower-cases a word and straightens curly apostrophes. ASCII words
// without capitals are returned without allocating.
func Norm(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if isApos(r) {
			b.WriteByte('\'')
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// SplitTerm splits a lexicon term into its word patterns the way Words
// splits text, keeping '*' (glob) inside words. It returns the lower-cased
// patterns and the surface spellings.
func SplitTerm(term string) (norms, surfaces []string) {
	if !strings.Contains(term, "*") && !strings.Contains(term, globPlaceholder) {
		// Most terms have no glob: nothing to replace, so split them
		// without the copies (lexicon loading is part of start-up).
		var buf [8]Word
		ws := Words(term, 0, buf[:0])
		if len(ws) == 0 {
			return nil, nil
		}
		all := make([]string, 2*len(ws))
		norms, surfaces = all[:len(ws):len(ws)], all[len(ws):]
		for i, w := range ws {
			norms[i] = w.Norm
			surfaces[i] = term[w.Start:w.End]
		}
		return norms, surfaces
	}
	return splitGlobTerm(term)
}

// globPlaceholder is a letter (Lo), so Words keeps it inside words.
const globPlaceholder = "\u01C2"

// splitGlobTerm is SplitTerm for any term, globs included: '*' is replaced
// by a letter placeholder so that Words keeps it in the word, then restored.
func splitGlobTerm(term string) (norms, surfaces []string) {
	const ph = globPlaceholder
	t := strings.ReplaceAll(term, "*", ph)
	ws := Words(t, 0, nil)
	for _, w := range ws {
		s := strings.ReplaceAll(t[w.Start:w.End], ph, "*")
		surfaces = append(surfaces, s)
		norms = append(norms, strings.ReplaceAll(w.Norm, ph, "*"))
	}
	return norms, surfaces
}

// SentenceWords appends the words of sentence i of doc to dst, with offsets
// into doc.Text. Matching never crosses a sentence boundary because each
// sentence is split on its own.
//
// The result equals Words over the sentence's text, but when the tokenizer
// has run it is built from doc.Tokens: a token that is a whole word of plain
// ASCII letters and digits becomes a word directly, reusing its Norm (no
// decoding, no allocation); only the stretches around other tokens
// (punctuation, hyphenated words such as "U.S.-China", "China" + "'s",
// non-ASCII) are split by Words. The gazetteer and the framing tagger both
// call it, so neither re-reads plain words rune by rune.
func SentenceWords(doc *pipeline.Document, i int, dst []Word) []Word {
	s := doc.Sentences[i]
	if s.EndToken <= s.FirstToken || s.EndToken > len(doc.Tokens) {
		return Words(doc.Text[s.Start:s.End], s.Start, dst)
	}
	text := doc.Text
	toks := doc.Tokens[s.FirstToken:s.EndToken]
	pos := s.Start // end of the last word emitted
	for k := 0; k < len(toks); {
		t := &toks[k]
		if n, h, ok := plainWord(text, t, s.Span); ok {
			gap := GapNone // the common case, one space, without a call
			if t.Start-pos != 1 || text[pos] != ' ' {
				gap = gapOf(text, pos, t.Start, s.Span)
			}
			dst = append(dst, Word{Start: t.Start, End: t.End, Norm: n, Gap: gap, Hash: h})
			pos = t.End
			k++
			continue
		}
		// Split the stretch up to the next plain token with Words: it
		// starts right after a whole word and ends right before one, so it
		// splits exactly as the whole sentence would.
		j := k + 1
		for j < len(toks) && !plainToken(text, toks[j], s.Span) {
			j++
		}
		end := s.End
		if j < len(toks) {
			end = toks[j].Start
		}
		if pos < end {
			n := len(dst)
			dst = Words(text[pos:end], pos, dst)
			if len(dst) > n {
				// Words measured its first gap from pos, as needed.
				pos = dst[len(dst)-1].End
			}
		}
		k = j
	}
	return dst
}

// plainWord is plainToken plus the word's Norm (plainNorm) and its
// HashNorm, in one pass over the token's bytes when the tokenizer's Norm
// can be reused (the common case).
func plainWord(text string, t *pipeline.Token, span pipeline.Span) (string, uint64, bool) {
	if t.Start < span.Start || t.End > span.End || t.End <= t.Start {
		return "", 0, false
	}
	norm := t.Norm
	if len(norm) != t.End-t.Start {
		if !plainToken(text, *t, span) {
			return "", 0, false
		}
		n := plainNorm(text, *t)
		return n, HashNorm(n), true
	}
	word := text[t.Start:t.End]
	h := uint64(fnvOffset)
	for i := 0; i < len(word); i++ {
		if byteClass[word[i]] != classAlnum {
			return "", 0, false
		}
		h ^= uint64(norm[i])
		h *= fnvPrime
	}
	if t.Start > span.Start && joins(text[t.Start-1]) {
		return "", 0, false
	}
	if t.End < span.End && joins(text[t.End]) {
		return "", 0, false
	}
	return norm, h, true
}

// plainToken reports whether token t is a whole word by the rules of Words
// made only of ASCII letters and digits, inside span.
func plainToken(text string, t pipeline.Token, span pipeline.Span) bool {
	if t.Start < span.Start || t.End > span.End || t.End <= t.Start {
		return false
	}
	for i := t.Start; i < t.End; i++ {
		if byteClass[text[i]] != classAlnum {
			return false
		}
	}
	// Whole: no word byte, apostrophe or non-ASCII byte (a letter or a
	// curly apostrophe) touches it.
	if t.Start > span.Start && joins(text[t.Start-1]) {
		return false
	}
	if t.End < span.End && joins(text[t.End]) {
		return false
	}
	return true
}

const (
	classOther byte = iota
	classAlnum
	classJoin // apostrophe or a non-ASCII byte
)

// byteClass classifies bytes for plainToken.
var byteClass = func() (t [256]byte) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			t[c] = classAlnum
		case c == '\'' || c >= utf8.RuneSelf:
			t[c] = classJoin
		}
	}
	return t
}()

func joins(c byte) bool { return byteClass[c] != classOther }

// plainNorm returns the lower-cased form of a plain token, reusing the
// tokenizer's Norm when it is that form.
func plainNorm(text string, t pipeline.Token) string {
	// A Token's Norm is its lower-cased form (pipeline.Token); a plain
	// ASCII token's has the same length.
	if len(t.Norm) == t.End-t.Start {
		return t.Norm
	}
	return Norm(text[t.Start:t.End])
}

// gapOf is the gap class (see Words) of the text between two words, text[from:to],
// inside span: the strongest of comma, clause punctuation and spaced dashes.
func gapOf(text string, from, to int, span pipeline.Span) byte {
	if to-from == 1 && text[from] == ' ' {
		return GapNone // the common case: one space
	}
	gap := GapNone
	for i := from; i < to; {
		c := text[i]
		size := 1
		r := rune(c)
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:to])
		}
		switch {
		case r == ',':
			if gap < GapComma {
				gap = GapComma
			}
		case r == ';' || r == ':' || r == '(' || r == ')' || r == '[' || r == ']':
			gap = GapClause
		case isDash(r):
			before := i > span.Start && (text[i-1] == ' ' || text[i-1] == '\t' || text[i-1] == '\n')
			after := i+size < span.End && (text[i+size] == ' ' || text[i+size] == '\n')
			if before || after {
				gap = GapClause
			}
		}
		i += size
	}
	return gap
}

// SameSpelling reports whether two spellings are equal after straightening
// curly apostrophes (case is kept): the test for case-sensitive entries.
func SameSpelling(a, b string) bool {
	if a == b {
		return true
	}
	return straight(a) == straight(b)
}

func straight(s string) string {
	return strings.Map(func(r rune) rune {
		if isApos(r) {
			return '\''
		}
		return r
	}, s)
}
