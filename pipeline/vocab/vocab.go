// Package vocab is the one place that turns tokens into terms for every
// corpus statistic (TF-IDF, keyness, collocations, topics), so that they all
// agree on what a term is, and that counts terms into a sparse
// document-term matrix.
//
//	b, err := vocab.NewBuilder(vocab.DefaultOptions())
//	for each document (streaming, in input order): b.Add(doc)
//	m, err := b.Build()   // prune by document frequency; *EmptyVocabularyError if nothing is left
//	m.Counts              // docs x terms raw counts (sparse.CSR), m.Terms sorted by byte order
//
// The builder keeps each document's id, metadata and token count, never its
// text; memory grows with the vocabulary and the number of non-zeros, not
// with documents x terms.
//
// # What a term is
//
// Each token's normalised form (Token.Norm, or the surface text when
// Lowercase is off) is trimmed of leading and trailing characters that are
// neither letters nor digits ("'s" -> "s", "--" -> ""). A token is then
// dropped when it is empty (pure punctuation), shorter than MinLen runes, a
// number without letters (unless KeepNumbers; "5G" always stays), not all
// letters (with LettersOnly), or a stop word. Survivors made of letters only
// are stemmed when Stem is "snowball" ("u.s" and "5g" are left alone). Phrases (multi-word entries such as "made in china 2025")
// are matched first, longest first, inside one sentence, and become one term
// that no filter removes.
//
// N-grams (MinN..MaxN) join consecutive surviving units with one space. A
// dropped token (a stop word, punctuation, a number) and a sentence boundary
// break the chain: "department of defense" gives no bigram. (scikit-learn
// instead joins the tokens left after stop-word removal; techframe's choice
// keeps n-grams to phrases that occur in the text.)
package vocab

import (
	"bufio"
	"cmp"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/sparse"
	"github.com/techframe/techframe/pipeline/tokenize"
)

//go:embed stopwords_en.txt
var defaultStopText string

// DefaultStopList returns the embedded English stop-word list (see
// stopwords_en.txt for where it came from).
func DefaultStopList() []string {
	words, err := ParseStopList(strings.NewReader(defaultStopText), "stopwords_en.txt")
	if err != nil {
		panic("vocab: embedded stop list: " + err.Error()) // a build-time fact, pinned by a test
	}
	return words
}

// ParseStopList reads a stop-word file: one word per line, '#' starts a
// comment, blank lines are ignored. A UTF-8 byte-order mark (which Notepad
// and Excel write) is dropped, not read as part of the first word. A line
// holding more than one word is an error that names the file and line (a
// *pipeline.PosError).
func ParseStopList(r io.Reader, name string) ([]string, error) {
	var words []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if line == 1 {
			s = strings.TrimPrefix(s, "\uFEFF")
		}
		if i := strings.IndexByte(s, '#'); i >= 0 {
			s = s[:i]
		}
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if !utf8.ValidString(s) {
			return nil, &pipeline.PosError{Stage: "vocab", Path: name, Line: line, Err: errors.New("stop word is not valid UTF-8")}
		}
		if strings.ContainsFunc(s, unicode.IsSpace) {
			return nil, &pipeline.PosError{Stage: "vocab", Path: name, Line: line, Err: fmt.Errorf("one stop word per line, found %q", s)}
		}
		words = append(words, s)
	}
	if err := sc.Err(); err != nil {
		return nil, &pipeline.PosError{Stage: "vocab", Path: name, Line: line + 1, Err: err}
	}
	return words, nil
}

// Options says how tokens become terms and how the vocabulary is pruned.
type Options struct {
	// Lowercase uses Token.Norm (lower-cased, quotes and dashes normalised);
	// off, the surface text is used.
	Lowercase bool
	// StopWords removes the words of StopList (nil: the embedded default
	// list). Matching is case-insensitive.
	StopWords bool
	StopList  []string
	// Stem is "none" (or "") or "snowball" (Porter2 English stemmer).
	Stem string
	// MinN and MaxN are the n-gram range (default 1, 1).
	MinN, MaxN int
	// MinDF and MaxDF prune by document frequency with scikit-learn's
	// semantics: a value >= 1 is a document count, a value < 1 a fraction of
	// the documents. MaxDF <= 0 means no upper limit (scikit-learn's 1.0).
	MinDF, MaxDF float64
	// MaxTerms keeps only the MaxTerms terms with the highest total count
	// (scikit-learn's max_features; ties broken by byte order). 0: all.
	MaxTerms int
	// KeepNumbers keeps tokens without letters ("2025", "1.5"). Tokens with
	// a letter ("5G") are kept either way. Pure punctuation is always dropped.
	KeepNumbers bool
	// LettersOnly drops tokens holding anything but letters ("5g",
	// "self-reliance"), like the topic-model preprocessing of the benchmark.
	LettersOnly bool
	// MinLen drops tokens shorter than this many characters (runes) after
	// trimming (scikit-learn's default pattern keeps 2 or more).
	MinLen int
	// Phrases are multi-word entries kept as one term, matched on the
	// normalised token forms ("made in china 2025").
	Phrases [][]string
	// SplitHyphens makes each part of a hyphenated token a term of its
	// own ("US-China" gives us and china, spanning their bytes), as
	// scikit-learn's token pattern does; off, the compound is one term,
	// as in quanteda. The parts are filtered like tokens, and n-grams run
	// across them ("us-china rivalry": "us china", "china rivalry").
	SplitHyphens bool
}

// DefaultOptions: lower-cased unigrams, default stop words, no stemming,
// pure numbers dropped, at least 2 characters, no pruning.
func DefaultOptions() Options {
	return Options{Lowercase: true, StopWords: true, Stem: "none", MinN: 1, MaxN: 1, MinDF: 1, MaxDF: 0, MinLen: 2}
}

// Term is one term occurrence in a document.
type Term struct {
	Text string
	// First and End index Document.Tokens: the term covers Tokens[First:End].
	First, End int
	// Sent is the sentence index of the first token.
	Sent int
	// Span is the byte range from the first token's start to the last
	// token's end.
	Span pipeline.Span
}

// Builder counts terms document by document. Add and AddTerms must be called
// from one goroutine; DocTerms is safe for concurrent use.
type Builder struct {
	opts Options
	stop *stopSet // nil without stop words
	// stopMaxLen: no token form longer than this (in bytes) is a stop word
	stopMaxLen int
	phrases    map[string][][]string // first word -> phrases, longest first
	stems      sync.Map              // word -> stem

	ids   map[string]int32 // term -> id; keys are copies, never substrings of a document
	terms []string
	df    []int
	tf    []float64

	// rows holds each document's entries in order of first occurrence,
	// each slice sized exactly (no doubling of one corpus-wide slice).
	rows    [][]entry
	scratch []entry

	docIDs []string
	meta   []pipeline.Meta
	tokens []int

	slot []int32 // per term: position in the current document's entries, or -1
}

// entry is one non-zero of a document's row before pruning.
type entry struct{ id, count, sent int32 }

// NewBuilder validates the options. Bad values are usage errors.
func NewBuilder(opts Options) (*Builder, error) {
	if opts.MinN == 0 && opts.MaxN == 0 {
		opts.MinN, opts.MaxN = 1, 1
	}
	if opts.MinN < 1 || opts.MaxN < opts.MinN {
		return nil, pipeline.Usagef("n-gram range must be 1 <= min <= max, not %d-%d", opts.MinN, opts.MaxN)
	}
	if opts.MaxN > 8 {
		return nil, pipeline.Usagef("n-gram range max %d is too large (at most 8)", opts.MaxN)
	}
	switch opts.Stem {
	case "", "none", "snowball":
	default:
		return nil, pipeline.Usagef("--stem must be none or snowball, not %q", opts.Stem)
	}
	if opts.MinDF < 0 || math.IsNaN(opts.MinDF) || math.IsInf(opts.MinDF, 0) {
		return nil, pipeline.Usagef("--min-df must be a count >= 1 or a fraction in [0, 1), not %v", opts.MinDF)
	}
	if opts.MaxDF < 0 || math.IsNaN(opts.MaxDF) || math.IsInf(opts.MaxDF, 0) {
		return nil, pipeline.Usagef("--max-df must be a count >= 1 or a fraction in (0, 1), not %v", opts.MaxDF)
	}
	if opts.MinDF >= 1 && opts.MinDF != math.Trunc(opts.MinDF) {
		return nil, pipeline.Usagef("--min-df %v: a value >= 1 is a document count and must be whole", opts.MinDF)
	}
	if opts.MaxDF >= 1 && opts.MaxDF != math.Trunc(opts.MaxDF) {
		return nil, pipeline.Usagef("--max-df %v: a value >= 1 is a document count and must be whole", opts.MaxDF)
	}
	if opts.MaxTerms < 0 {
		return nil, pipeline.Usagef("--max-terms must not be negative, not %d", opts.MaxTerms)
	}
	b := &Builder{opts: opts, ids: map[string]int32{}, phrases: map[string][][]string{}}
	if opts.StopWords {
		list := opts.StopList
		if list == nil {
			list = DefaultStopList()
		}
		lower := make([]string, len(list))
		for i, w := range list {
			lower[i] = strings.ToLower(w)
		}
		b.stop = newStopSet(lower)
		b.stopMaxLen = b.stop.maxLen
		if !opts.Lowercase {
			// the key is lower-cased first, and lower-casing can shrink a
			// rune from 3 bytes to 1 (the Kelvin sign becomes "k")
			b.stopMaxLen *= 3
		}
	}
	for _, p := range opts.Phrases {
		var words []string
		for _, w := range p {
			w = strings.TrimSpace(w)
			if opts.Lowercase {
				w = strings.ToLower(w)
			}
			if w != "" {
				words = append(words, w)
			}
		}
		if len(words) == 0 {
			continue
		}
		b.phrases[words[0]] = append(b.phrases[words[0]], words)
	}
	for k, ps := range b.phrases {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i]) > len(ps[j]) })
		b.phrases[k] = ps
	}
	return b, nil
}

// Options returns the builder's options (with defaults filled in).
func (b *Builder) Options() Options { return b.opts }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// tokenForm returns the token's normalised form before filtering.
func (b *Builder) tokenForm(doc *pipeline.Document, i int) string {
	t := doc.Tokens[i]
	s := t.Norm
	if !b.opts.Lowercase || s == "" {
		if t.Start >= 0 && t.End <= len(doc.Text) && t.Start <= t.End {
			s = doc.Text[t.Start:t.End]
		}
		if b.opts.Lowercase {
			s = strings.ToLower(s)
		}
	}
	return trimNonWord(s)
}

// asciiClass classifies ASCII bytes for the fast paths: letter or digit.
var asciiClass = func() (c [utf8.RuneSelf]uint8) {
	for b := 'a'; b <= 'z'; b++ {
		c[b], c[b-'a'+'A'] = classLetter, classLetter
	}
	for b := '0'; b <= '9'; b++ {
		c[b] = classDigit
	}
	return c
}()

const (
	classOther  = 0
	classLetter = 1
	classDigit  = 2
)

// trimNonWord trims leading and trailing runes that are not word runes
// (strings.TrimFunc with !isWordRune, without its cost when both ends are
// ASCII letters or digits).
func trimNonWord(s string) string {
	if s == "" {
		return s
	}
	if first, last := s[0], s[len(s)-1]; first < utf8.RuneSelf && last < utf8.RuneSelf &&
		asciiClass[first] != classOther && asciiClass[last] != classOther {
		return s
	}
	return strings.TrimFunc(s, isNotWordRune)
}

func isNotWordRune(r rune) bool { return !isWordRune(r) }

// filter returns the term text of a (trimmed) token form and whether it
// survives the filters.
func (b *Builder) filter(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	letters, others, n := false, false, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			// not ASCII: count and classify the rest rune by rune
			for _, r := range s[i:] {
				n++
				if unicode.IsLetter(r) || unicode.IsMark(r) {
					letters = true
				} else {
					others = true
				}
			}
			break
		}
		n++
		if asciiClass[c] == classLetter {
			letters = true
		} else {
			others = true
		}
	}
	if n < b.opts.MinLen {
		return "", false
	}
	if !letters && !b.opts.KeepNumbers {
		return "", false
	}
	if b.opts.LettersOnly && others {
		return "", false
	}
	if b.stop != nil && len(s) <= b.stopMaxLen {
		key := s
		if !b.opts.Lowercase {
			key = strings.ToLower(s)
		}
		if b.stop.has(key) {
			return "", false
		}
	}
	if b.opts.Stem == "snowball" && !others {
		if v, ok := b.stems.Load(s); ok {
			return v.(string), true
		}
		st := english.Stem(s, true)
		if !b.opts.Lowercase && st == strings.ToLower(s) {
			st = s // the stemmer lower-cases; keep the case when nothing was cut
		}
		b.stems.Store(s, st)
		return st, true
	}
	return s, true
}

// unit is a unigram or phrase covering Tokens[first:end]; ok says whether
// it survived the filters.
type unit struct {
	text       string
	first, end int32
	ok         bool
	// part is set for a part of a hyphenated token (SplitHyphens), span
	// its bytes; other units span their tokens.
	part bool
	span pipeline.Span
}

// unitPool recycles DocTerms's per-token scratch (one unit per token).
var unitPool = sync.Pool{New: func() any { return new([]unit) }}

// DocTerms returns a document's terms in order, before any pruning: for
// each position the unigram (or phrase) and then the n-grams that start
// there, shortest first.
func (b *Builder) DocTerms(doc *pipeline.Document) []Term {
	up := unitPool.Get().(*[]unit)
	units := (*up)[:0]
	if cap(units) < len(doc.Tokens) {
		units = make([]unit, 0, len(doc.Tokens))
	}
	defer func() {
		clear(units) // drop the references to the document's strings
		*up = units[:0]
		unitPool.Put(up)
	}()
	// Structs are filled in place (not appended whole): cheaper while the
	// garbage collector's write barrier is on.
	for i := 0; i < len(doc.Tokens); {
		form := b.tokenForm(doc, i)
		if len(b.phrases) > 0 {
			if ps := b.phrases[form]; ps != nil {
				if n := b.matchPhrase(doc, i, ps); n > 0 {
					words := make([]string, n)
					for k := 0; k < n; k++ {
						words[k] = b.tokenForm(doc, i+k)
					}
					units = grow(units)
					u := &units[len(units)-1]
					u.text, u.first, u.end, u.ok, u.part = strings.Join(words, " "), int32(i), int32(i+n), true, false
					i += n
					continue
				}
			}
		}
		if b.opts.SplitHyphens && tokenize.HyphenParts(doc.Text[doc.Tokens[i].Start:doc.Tokens[i].End]) != nil {
			units = b.hyphenParts(doc, i, units)
			i++
			continue
		}
		text, ok := b.filter(form)
		units = grow(units)
		u := &units[len(units)-1]
		u.text, u.first, u.end, u.ok, u.part = text, int32(i), int32(i+1), ok, false
		i++
	}
	// Count first so that out is sized exactly.
	minN := max(2, b.opts.MinN)
	total := 0
	for i := range units {
		if !units[i].ok {
			continue
		}
		if b.opts.MinN <= 1 {
			total++
		}
		if b.opts.MaxN >= minN {
			if run := b.run(doc, units, i); run >= minN {
				total += run - minN + 1
			}
		}
	}
	out := make([]Term, total)
	k := 0
	var buf []byte
	for i := range units {
		u := &units[i]
		if !u.ok {
			continue
		}
		first := &doc.Tokens[u.first]
		if b.opts.MinN <= 1 {
			t := &out[k]
			k++
			t.Text, t.First, t.End, t.Sent = u.text, int(u.first), int(u.end), first.Sent
			t.Span = unitSpan(doc, u, u)
		}
		if b.opts.MaxN < minN {
			continue
		}
		run := b.run(doc, units, i)
		for n := minN; n <= run; n++ {
			j := i + n - 1
			buf = buf[:0]
			for x := i; x <= j; x++ {
				if x > i {
					buf = append(buf, ' ')
				}
				buf = append(buf, units[x].text...)
			}
			t := &out[k]
			k++
			t.Text, t.First, t.End, t.Sent = string(buf), int(u.first), int(units[j].end), first.Sent
			t.Span = unitSpan(doc, u, &units[j])
		}
	}
	return out
}

// grow extends units by one, in place while its capacity lasts (hyphen
// parts can make more units than tokens).
func grow(units []unit) []unit {
	if len(units) < cap(units) {
		return units[:len(units)+1]
	}
	return append(units, unit{})
}

// unitSpan is the byte span from unit a's start to unit b's end.
func unitSpan(doc *pipeline.Document, a, b *unit) pipeline.Span {
	s := pipeline.Span{Start: doc.Tokens[a.first].Start, End: doc.Tokens[b.end-1].End}
	if a.part {
		s.Start = a.span.Start
	}
	if b.part {
		s.End = b.span.End
	}
	return s
}

// hyphenParts appends a unit for each part of token i, a hyphenated
// compound (SplitHyphens): its text split at the hyphens
// (tokenize.HyphenParts), each part normalised and filtered as a token's
// form is.
func (b *Builder) hyphenParts(doc *pipeline.Document, i int, units []unit) []unit {
	t := doc.Tokens[i]
	text := doc.Text[t.Start:t.End]
	for _, part := range tokenize.HyphenParts(text) {
		form := text[part[0]:part[1]]
		if b.opts.Lowercase {
			form = tokenize.NormalizeWord(form)
		}
		term, ok := b.filter(trimNonWord(form))
		units = append(units, unit{text: term, first: int32(i), end: int32(i + 1), ok: ok, part: true,
			span: pipeline.Span{Start: t.Start + part[0], End: t.Start + part[1]}})
	}
	return units
}

// run returns how many consecutive surviving units of unit i's sentence
// start at i, at most MaxN.
func (b *Builder) run(doc *pipeline.Document, units []unit, i int) int {
	sent := doc.Tokens[units[i].first].Sent
	run := 1
	for run < b.opts.MaxN && i+run < len(units) && units[i+run].ok && doc.Tokens[units[i+run].first].Sent == sent {
		run++
	}
	return run
}

// matchPhrase returns the length in tokens of the longest phrase matching at
// token i inside its sentence, or 0.
func (b *Builder) matchPhrase(doc *pipeline.Document, i int, ps [][]string) int {
	for _, p := range ps {
		if i+len(p) > len(doc.Tokens) {
			continue
		}
		ok := true
		for k := 1; k < len(p); k++ {
			if doc.Tokens[i+k].Sent != doc.Tokens[i].Sent || b.tokenForm(doc, i+k) != p[k] {
				ok = false
				break
			}
		}
		if ok {
			return len(p)
		}
	}
	return 0
}

// WordTokens counts the tokens holding a letter or digit: the corpus size
// that relative frequencies (keyness, collocations) are taken against.
func WordTokens(doc *pipeline.Document) int {
	n := 0
	for i := range doc.Tokens {
		if isWordToken(doc, i) {
			n++
		}
	}
	return n
}

// WordIndex returns, for every i from 0 to len(doc.Tokens), the number of
// word tokens (as WordTokens counts them) among doc.Tokens[:i], reusing buf.
// A term covering Tokens[First:End] covers the word positions
// [idx[First], idx[End]), so distances between terms can be measured in
// word tokens, the unit of WordTokens, whatever punctuation lies between.
func WordIndex(doc *pipeline.Document, buf []int) []int {
	idx := append(buf[:0], 0)
	n := 0
	for i := range doc.Tokens {
		if isWordToken(doc, i) {
			n++
		}
		idx = append(idx, n)
	}
	return idx
}

// isWordToken says whether token i holds a letter or digit.
func isWordToken(doc *pipeline.Document, i int) bool {
	t := &doc.Tokens[i]
	if t.Start < 0 || t.End > len(doc.Text) || t.Start > t.End {
		return false
	}
	w := doc.Text[t.Start:t.End]
	if w != "" && w[0] < utf8.RuneSelf && asciiClass[w[0]] != classOther {
		return true // the common case: starts with an ASCII letter or digit
	}
	return strings.ContainsFunc(w, isWordRune)
}

// Add counts a document's terms. It keeps the id, metadata and token count,
// not the text.
func (b *Builder) Add(doc *pipeline.Document) { b.AddTerms(doc, b.DocTerms(doc)) }

// AddTerms counts terms already computed with DocTerms (so that a caller
// that also needs them, for example to export them, computes them once).
func (b *Builder) AddTerms(doc *pipeline.Document, terms []Term) {
	row := b.scratch[:0]
	for _, t := range terms {
		id, ok := b.ids[t.Text]
		if !ok {
			id = int32(len(b.terms))
			key := strings.Clone(t.Text) // do not keep the document's text alive
			b.ids[key] = id
			b.terms = append(b.terms, key)
			b.df = append(b.df, 0)
			b.tf = append(b.tf, 0)
			b.slot = append(b.slot, -1)
		}
		b.tf[id]++
		if p := b.slot[id]; p >= 0 {
			row[p].count++
			continue
		}
		b.slot[id] = int32(len(row))
		b.df[id]++
		row = append(row, entry{id: id, count: 1, sent: int32(t.Sent)})
	}
	for _, e := range row {
		b.slot[e.id] = -1
	}
	b.rows = append(b.rows, slices.Clone(row))
	b.scratch = row[:0]
	b.docIDs = append(b.docIDs, doc.ID)
	b.meta = append(b.meta, doc.Meta)
	b.tokens = append(b.tokens, WordTokens(doc))
}

// Docs returns the number of documents added so far.
func (b *Builder) Docs() int { return len(b.docIDs) }

// ErrEmptyVocabulary is matched (errors.Is) by *EmptyVocabularyError.
var ErrEmptyVocabulary = errors.New("empty vocabulary")

// ErrNoDocuments is returned by Build when no document was added.
var ErrNoDocuments = errors.New("vocab: no documents")

// EmptyVocabularyError says why no term is left.
type EmptyVocabularyError struct {
	Docs     int     // documents counted
	RawTerms int     // distinct terms before pruning
	MinCount float64 // resolved document-count bounds
	MaxCount float64
	Opts     Options
}

func (e *EmptyVocabularyError) Error() string {
	if e.RawTerms == 0 {
		var why []string
		if e.Opts.StopWords {
			why = append(why, "stop words (--no-stopwords)")
		}
		if !e.Opts.KeepNumbers {
			why = append(why, "numbers (--keep-numbers)")
		}
		if e.Opts.MinLen > 1 {
			why = append(why, fmt.Sprintf("words shorter than %d characters", e.Opts.MinLen))
		}
		if e.Opts.LettersOnly {
			why = append(why, "tokens that are not all letters")
		}
		if e.Opts.MinN > 1 {
			why = append(why, fmt.Sprintf("n-grams shorter than %d (--ngrams)", e.Opts.MinN))
		}
		return fmt.Sprintf("empty vocabulary: the %d documents have no terms at all after removing %s", e.Docs, strings.Join(why, ", "))
	}
	maxs := "no limit"
	if !math.IsInf(e.MaxCount, 1) {
		maxs = fmt.Sprintf("<= %d documents", maxDocs(e.MaxCount))
	}
	maxDF := e.Opts.MaxDF
	if maxDF == 0 {
		maxDF = 1 // unset: the default, every document
	}
	return fmt.Sprintf("empty vocabulary after pruning: none of %d distinct terms in %d documents has a document frequency within --min-df %g (>= %d documents) and --max-df %g (%s); lower --min-df or raise --max-df",
		e.RawTerms, e.Docs, e.Opts.MinDF, minDocs(e.MinCount), maxDF, maxs)
}

// minDocs and maxDocs give the document-count bounds of DFBounds as the
// whole numbers they come to, a document frequency being whole: 0.67 of 3
// documents (2.0100000000000002) keeps terms in at least 3, 0.5 of 3 in at
// most 1.
func minDocs(count float64) int { return int(math.Ceil(count)) }

func maxDocs(count float64) int { return int(math.Floor(count)) }

func (e *EmptyVocabularyError) Unwrap() error { return ErrEmptyVocabulary }

// DFBounds resolves MinDF and MaxDF to document counts for n documents,
// as scikit-learn does (a fraction is multiplied by n, no rounding).
func DFBounds(opts Options, n int) (minCount, maxCount float64) {
	minCount = opts.MinDF
	if minCount < 1 {
		minCount *= float64(n)
	}
	maxCount = math.Inf(1)
	if opts.MaxDF >= 1 {
		maxCount = opts.MaxDF
	} else if opts.MaxDF > 0 {
		maxCount = opts.MaxDF * float64(n)
	}
	return minCount, maxCount
}

// Matrix is the pruned document-term matrix.
type Matrix struct {
	DocIDs []string
	Meta   []pipeline.Meta
	// Terms are sorted by byte order; DF[j] is the number of documents
	// holding Terms[j]; TF[j] its total count.
	Terms []string
	DF    []int
	TF    []float64
	// Counts is docs x terms, raw counts.
	Counts *sparse.CSR
	// FirstSent runs parallel to Counts.Data: the sentence index of the
	// term's first occurrence in that document (for traceability).
	FirstSent []int32
	// Tokens is the number of word tokens per document (see WordTokens).
	Tokens []int
	// RawTerms is the number of distinct terms before pruning.
	RawTerms int

	index map[string]int
}

// TermIndex returns the column of a term.
func (m *Matrix) TermIndex(term string) (int, bool) {
	if m.index == nil {
		m.index = make(map[string]int, len(m.Terms))
		for j, t := range m.Terms {
			m.index[t] = j
		}
	}
	j, ok := m.index[term]
	return j, ok
}

// Build prunes the vocabulary and returns the matrix. The builder should
// not be used afterwards.
func (b *Builder) Build() (*Matrix, error) {
	n := len(b.docIDs)
	if n == 0 {
		return nil, ErrNoDocuments
	}
	minCount, maxCount := DFBounds(b.opts, n)
	if maxCount < minCount {
		return nil, pipeline.Usagef("--max-df (at most %d documents) is lower than --min-df (at least %d documents) for %d documents", maxDocs(maxCount), minDocs(minCount), n)
	}
	var kept []int32
	for id, df := range b.df {
		if float64(df) >= minCount && float64(df) <= maxCount {
			kept = append(kept, int32(id))
		}
	}
	if b.opts.MaxTerms > 0 && len(kept) > b.opts.MaxTerms {
		slices.SortFunc(kept, func(a, c int32) int {
			if b.tf[a] != b.tf[c] {
				return cmp.Compare(b.tf[c], b.tf[a])
			}
			return strings.Compare(b.terms[a], b.terms[c])
		})
		kept = kept[:b.opts.MaxTerms]
	}
	if len(kept) == 0 {
		return nil, &EmptyVocabularyError{Docs: n, RawTerms: len(b.terms), MinCount: minCount, MaxCount: maxCount, Opts: b.opts}
	}
	slices.SortFunc(kept, func(a, c int32) int { return strings.Compare(b.terms[a], b.terms[c]) })
	remap := make([]int32, len(b.terms))
	for i := range remap {
		remap[i] = -1
	}
	m := &Matrix{DocIDs: b.docIDs, Meta: b.meta, Tokens: b.tokens, RawTerms: len(b.terms),
		Terms: make([]string, len(kept)), DF: make([]int, len(kept)), TF: make([]float64, len(kept))}
	for newID, old := range kept {
		remap[old] = int32(newID)
		m.Terms[newID] = b.terms[old]
		m.DF[newID] = b.df[old]
		m.TF[newID] = b.tf[old]
	}
	// Row d's kept entries go to [indptr[d], indptr[d+1]) in column order
	// (sorting keys column<<32 | position: plain integers sort fastest).
	// Rows are independent, so two goroutines fill halves of the matrix.
	indptr := make([]int, n+1)
	for d, row := range b.rows {
		k := 0
		for _, e := range row {
			if remap[e.id] >= 0 {
				k++
			}
		}
		indptr[d+1] = indptr[d] + k
	}
	nnz := indptr[n]
	csr := &sparse.CSR{Rows: n, Cols: len(kept), Indptr: indptr, Indices: make([]int32, nnz), Data: make([]float64, nnz)}
	m.FirstSent = make([]int32, nnz)
	fill := func(lo, hi int) {
		var keys []uint64
		for d := lo; d < hi; d++ {
			row := b.rows[d]
			keys = keys[:0]
			for p, e := range row {
				if c := remap[e.id]; c >= 0 {
					keys = append(keys, uint64(c)<<32|uint64(p))
				}
			}
			slices.Sort(keys)
			at := indptr[d]
			for x, k := range keys {
				e := row[uint32(k)]
				csr.Indices[at+x] = int32(k >> 32)
				csr.Data[at+x] = float64(e.count)
				m.FirstSent[at+x] = e.sent
			}
			b.rows[d] = nil // release the raw row as soon as it is copied
		}
	}
	mid, _ := slices.BinarySearch(indptr, nnz/2)
	mid = min(mid, n)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		fill(mid, n)
	}()
	fill(0, mid)
	wg.Wait()
	m.Counts = csr
	b.rows, b.scratch, b.slot = nil, nil, nil
	return m, nil
}
