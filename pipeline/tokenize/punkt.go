package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/english"
)

// Running punkt over a whole document costs as much as the rest of the
// tokenizer: it splits the text into whitespace-separated words, and for
// each word holding . ! or ? (a candidate) and the word after it, builds a
// token and runs its annotation passes (regular expressions, map lookups).
// Only candidates can end a sentence, and punkt's decision about one reads
// only the candidate, the word after it and, through that word's own
// decision, the words after that while they are candidates too (the ". ."
// rule also looks one candidate back). The library's word splitter also
// skips non-candidate words entirely unless they follow a candidate.
//
// So the text can be cut after any word that is not a candidate: the two
// sides get the same annotations alone as together (a pair whose first word
// is not a candidate is never acted on, and the splitter starts the second
// side in the same state). A piece is a run of candidates plus the word
// that follows them, with one whitespace rune after it so that punkt emits
// that word exactly as in the whole text (it drops a text-final word that
// ends in a multi-byte rune). Pieces without candidates cannot hold a break
// and are left out; the others are joined and punkt runs once over the
// join, which is typically a tenth of the text. Break positions are mapped
// back to the document. TestMatchesReference and FuzzMatchesReference check
// the result against punkt over the whole text.

// piece is a byte range of the document passed to punkt.
type piece struct{ start, end int }

// punktPieces collects pieces while scanTokens walks the chunks (maximal
// runs of non-space runes, which are punkt's words: both split on
// unicode.IsSpace).
type punktPieces struct {
	list   []piece
	open   bool
	start  int
	closes bool // the open piece ends after the next chunk
}

// chunk records text[i:j]; cand says whether it holds . ! or ?.
func (p *punktPieces) chunk(text string, i, j int, cand bool) {
	switch {
	case cand && !p.open:
		p.open, p.start = true, i
	case !cand && p.open:
		end := j
		if j < len(text) {
			end += spaceLen(text, j)
		}
		p.list = append(p.list, piece{p.start, end})
		p.open = false
	}
}

// done closes a piece still open at the end of the text (it keeps the
// text's tail, so that punkt sees the same end of text).
func (p *punktPieces) done(text string) []piece {
	if p.open {
		p.list = append(p.list, piece{p.start, len(text)})
		p.open = false
	}
	return p.list
}

// punktStarts returns where punkt's sentences start, as
// (*sentences.DefaultSentenceTokenizer).Tokenize(text) would give them:
// 0, then the position after each word punkt marks as a sentence break
// (except the end of the text).
func punktStarts(punkt *sentences.DefaultSentenceTokenizer, text string, pieces []piece) []int {
	starts := []int{0}
	if len(pieces) == 0 {
		return starts
	}
	size := 0
	for _, p := range pieces {
		size += p.end - p.start
	}
	var b strings.Builder
	b.Grow(size)
	offs := make([]int, len(pieces)+1) // offs[k]: where piece k starts in the join
	for k, p := range pieces {
		offs[k] = b.Len()
		b.WriteString(text[p.start:p.end])
	}
	offs[len(pieces)] = b.Len()
	k := 0
	for _, t := range punkt.AnnotatedTokens(b.String()) {
		if !t.SentBreak {
			continue
		}
		for k < len(pieces)-1 && t.Position >= offs[k+1] {
			k++
		}
		if pos := pieces[k].start + t.Position - offs[k]; pos != len(text) {
			starts = append(starts, pos)
		}
	}
	return starts
}

// newPunkt assembles punkt's English sentence tokenizer as
// english.NewSentenceTokenizer does (its trained model and extra
// abbreviations, the same three annotation passes), but with fastWords as
// the word helper: the library lets a caller supply its own WordTokenizer.
func newPunkt() (*sentences.DefaultSentenceTokenizer, error) {
	stock, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		return nil, err
	}
	lang := sentences.NewPunctStrings()
	word := &fastWords{english.NewWordTokenizer(lang)}
	ortho := &sentences.OrthoContext{Storage: stock.Storage, PunctStrings: lang, TokenType: word, TokenFirst: word}
	multi := &english.MultiPunctWordAnnotation{Storage: stock.Storage, TokenParser: word,
		TokenGrouper: &sentences.DefaultTokenGrouper{}, Ortho: ortho}
	return &sentences.DefaultSentenceTokenizer{Storage: stock.Storage, PunctStrings: lang, WordTokenizer: word,
		Annotations: append(sentences.NewAnnotations(stock.Storage, lang, word), &multiPunct{multi})}, nil
}

// multiPunct runs the library's multi-period pass (U.S., e.g.) only on the
// pairs it can act on. That pass does nothing unless the first word
// matches ((?:\w\.)+\w*\.), which needs a word character followed by a
// period and a second period after it; the regular expression runs for
// every pair, so pairs failing this cheap test are skipped, and the others
// are handed to the library one pair at a time (its pairing of a
// two-token slice acts on exactly that pair).
type multiPunct struct {
	lib *english.MultiPunctWordAnnotation
}

func (m *multiPunct) Annotate(tokens []*sentences.Token) []*sentences.Token {
	for i := 0; i+1 < len(tokens); i++ {
		if mayBeMultiPeriod(tokens[i].Tok) {
			m.lib.Annotate(tokens[i : i+2])
		}
	}
	return tokens
}

// mayBeMultiPeriod is false when ((?:\w\.)+\w*\.) cannot match s.
func mayBeMultiPeriod(s string) bool {
	first := strings.IndexByte(s, '.')
	if first < 0 || strings.IndexByte(s[first+1:], '.') < 0 {
		return false
	}
	for i := 0; i+1 < len(s); i++ {
		if s[i+1] == '.' && isWordByte(s[i]) {
			return true
		}
	}
	return false
}

// isWordByte is \w of Go's regular expressions: [0-9A-Za-z_].
func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'z'
}

// sentEnders and sentEndInner are the endings and inner sequences that
// english.WordTokenizer.HasSentEndChars looks for (it rebuilds the lists on
// every call).
var (
	sentEnders = [...]string{`."`, `.'`, `.)`, `.’`, `.”`, `?`, `?"`, `?'`, `?)`, `?’`, `?”`,
		`!`, `!"`, `!'`, `!)`, `!’`, `!”`}
	sentEndInner = [...]string{`.[`, `.(`, `."`, `.'`, `?[`, `?(`, `![`, `!(`}
)

// fastWords is punkt's English word helper with cheaper, equivalent
// versions of the methods its annotation passes call for every candidate
// and following word. The library's Type lower-cases the word and runs a
// regular expression that rewrites a trailing number to "##number##"; the
// expression needs an ASCII digit to match, so a word without one skips it.
// FirstUpper/FirstLower read the first rune without converting the whole
// word to runes; IsInitial and IsEllipsis test by hand what their anchored
// expressions (^[A-Za-z]\.$ and \.\.+$) test. Everything else is the
// library's. FuzzMatchesReference compares with the stock tokenizer.
type fastWords struct{ *english.WordTokenizer }

func (w *fastWords) Type(t *sentences.Token) string {
	if strings.ContainsAny(t.Tok, "0123456789") {
		return w.WordTokenizer.Type(t)
	}
	typ := strings.ToLower(t.Tok)
	if len(typ) == 1 {
		return typ
	}
	return strings.ReplaceAll(typ, ",", "")
}

func (w *fastWords) TypeNoPeriod(t *sentences.Token) string {
	typ := w.Type(t)
	if len(typ) > 1 && typ[len(typ)-1] == '.' {
		return typ[:len(typ)-1]
	}
	return typ
}

func (w *fastWords) TypeNoSentPeriod(t *sentences.Token) string {
	if t.SentBreak {
		return w.TypeNoPeriod(t)
	}
	return w.Type(t)
}

func (w *fastWords) FirstUpper(t *sentences.Token) bool {
	if t.Tok == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Tok)
	return unicode.IsUpper(r)
}

func (w *fastWords) FirstLower(t *sentences.Token) bool {
	if t.Tok == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Tok)
	return unicode.IsLower(r)
}

func (w *fastWords) IsInitial(t *sentences.Token) bool {
	s := t.Tok
	return len(s) == 2 && s[1] == '.' && (s[0]|0x20 >= 'a' && s[0]|0x20 <= 'z')
}

func (w *fastWords) HasSentEndChars(t *sentences.Token) bool {
	s := t.Tok
	if strings.IndexByte(s, '.') < 0 && strings.IndexByte(s, '?') < 0 && strings.IndexByte(s, '!') < 0 {
		return false // every pattern holds one of them
	}
	for _, e := range sentEnders {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	for _, p := range sentEndInner {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

func (w *fastWords) IsEllipsis(t *sentences.Token) bool { return strings.HasSuffix(t.Tok, "..") }
