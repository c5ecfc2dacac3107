package vocab

// This file keeps the builder as it was before the speed work as an oracle:
// TestMatchesReference and FuzzMatchesReference check that DocTerms and
// Build give exactly the same terms and matrices.

import (
	"math"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/kljensen/snowball/english"
	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/sparse"
)

// Builder counts terms document by document. Add and AddTerms must be called
// from one goroutine; DocTerms is safe for concurrent use.
type refBuilder struct {
	opts    Options
	stop    map[string]bool
	phrases map[string][][]string // first word -> phrases, longest first
	stems   sync.Map              // word -> stem

	ids   map[string]int32
	terms []string
	df    []int
	tf    []float64

	indptr    []int
	indices   []int32
	counts    []int32
	firstSent []int32

	docIDs []string
	meta   []pipeline.Meta
	tokens []int

	slot []int32 // per term: position in the current document's entries, or -1
}

// NewBuilder validates the options. Bad values are usage errors.
func newRefBuilder(opts Options) (*refBuilder, error) {
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
	b := &refBuilder{opts: opts, ids: map[string]int32{}, indptr: []int{0}, stop: map[string]bool{}, phrases: map[string][][]string{}}
	if opts.StopWords {
		list := opts.StopList
		if list == nil {
			list = DefaultStopList()
		}
		for _, w := range list {
			b.stop[strings.ToLower(w)] = true
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

// tokenForm returns the token's normalised form before filtering.
func (b *refBuilder) tokenForm(doc *pipeline.Document, i int) string {
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
	return strings.TrimFunc(s, func(r rune) bool { return !isWordRune(r) })
}

// filter returns the term text of a (trimmed) token form and whether it
// survives the filters.
func (b *refBuilder) filter(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	letters, others, n := false, false, 0
	for _, r := range s {
		n++
		if unicode.IsLetter(r) || unicode.IsMark(r) {
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
	if len(b.stop) > 0 {
		key := s
		if !b.opts.Lowercase {
			key = strings.ToLower(s)
		}
		if b.stop[key] {
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

type refUnit struct {
	text        string
	first, end  int
	sent        int
	ok          bool
	start, stop int
}

// DocTerms returns a document's terms in order, before any pruning: for
// each position the unigram (or phrase) and then the n-grams that start
// there, shortest first.
func (b *refBuilder) DocTerms(doc *pipeline.Document) []Term {
	units := make([]refUnit, 0, len(doc.Tokens))
	for i := 0; i < len(doc.Tokens); {
		tok := doc.Tokens[i]
		form := b.tokenForm(doc, i)
		if ps := b.phrases[form]; ps != nil {
			if n := b.matchPhrase(doc, i, ps); n > 0 {
				last := doc.Tokens[i+n-1]
				words := make([]string, n)
				for k := 0; k < n; k++ {
					words[k] = b.tokenForm(doc, i+k)
				}
				units = append(units, refUnit{text: strings.Join(words, " "), first: i, end: i + n, sent: tok.Sent, ok: true, start: tok.Start, stop: last.End})
				i += n
				continue
			}
		}
		text, ok := b.filter(form)
		units = append(units, refUnit{text: text, first: i, end: i + 1, sent: tok.Sent, ok: ok, start: tok.Start, stop: tok.End})
		i++
	}
	out := make([]Term, 0, len(units))
	var sb strings.Builder
	for i, u := range units {
		if !u.ok {
			continue
		}
		if b.opts.MinN <= 1 {
			out = append(out, Term{Text: u.text, First: u.first, End: u.end, Sent: u.sent, Span: pipeline.Span{Start: u.start, End: u.stop}})
		}
		// run: how many consecutive surviving units of this sentence start here
		run := 1
		for run < b.opts.MaxN && i+run < len(units) && units[i+run].ok && units[i+run].sent == u.sent {
			run++
		}
		for n := max(2, b.opts.MinN); n <= run; n++ {
			j := i + n - 1
			sb.Reset()
			for k := i; k <= j; k++ {
				if k > i {
					sb.WriteByte(' ')
				}
				sb.WriteString(units[k].text)
			}
			out = append(out, Term{Text: sb.String(), First: u.first, End: units[j].end, Sent: u.sent, Span: pipeline.Span{Start: u.start, End: units[j].stop}})
		}
	}
	return out
}

// matchPhrase returns the length in tokens of the longest phrase matching at
// token i inside its sentence, or 0.
func (b *refBuilder) matchPhrase(doc *pipeline.Document, i int, ps [][]string) int {
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

// AddTerms counts terms already computed with DocTerms (so that a caller
// that also needs them, for example to export them, computes them once).
func (b *refBuilder) AddTerms(doc *pipeline.Document, terms []Term) {
	rowStart := len(b.indices)
	for _, t := range terms {
		id, ok := b.ids[t.Text]
		if !ok {
			id = int32(len(b.terms))
			b.ids[t.Text] = id
			b.terms = append(b.terms, t.Text)
			b.df = append(b.df, 0)
			b.tf = append(b.tf, 0)
			b.slot = append(b.slot, -1)
		}
		b.tf[id]++
		if p := b.slot[id]; p >= 0 {
			b.counts[p]++
			continue
		}
		b.slot[id] = int32(len(b.indices))
		b.df[id]++
		b.indices = append(b.indices, id)
		b.counts = append(b.counts, 1)
		b.firstSent = append(b.firstSent, int32(t.Sent))
	}
	for _, id := range b.indices[rowStart:] {
		b.slot[id] = -1
	}
	b.indptr = append(b.indptr, len(b.indices))
	b.docIDs = append(b.docIDs, doc.ID)
	b.meta = append(b.meta, doc.Meta)
	b.tokens = append(b.tokens, WordTokens(doc))
}

// Build prunes the vocabulary and returns the matrix. The builder should
// not be used afterwards.
func (b *refBuilder) Build() (*Matrix, error) {
	n := len(b.docIDs)
	if n == 0 {
		return nil, ErrNoDocuments
	}
	minCount, maxCount := DFBounds(b.opts, n)
	if maxCount < minCount {
		return nil, pipeline.Usagef("--max-df (%g documents) is lower than --min-df (%g documents) for %d documents", maxCount, minCount, n)
	}
	var kept []int32
	for id, df := range b.df {
		if float64(df) >= minCount && float64(df) <= maxCount {
			kept = append(kept, int32(id))
		}
	}
	if b.opts.MaxTerms > 0 && len(kept) > b.opts.MaxTerms {
		sort.Slice(kept, func(i, j int) bool {
			a, c := kept[i], kept[j]
			if b.tf[a] != b.tf[c] {
				return b.tf[a] > b.tf[c]
			}
			return b.terms[a] < b.terms[c]
		})
		kept = kept[:b.opts.MaxTerms]
	}
	if len(kept) == 0 {
		return nil, &EmptyVocabularyError{Docs: n, RawTerms: len(b.terms), MinCount: minCount, MaxCount: maxCount, Opts: b.opts}
	}
	sort.Slice(kept, func(i, j int) bool { return b.terms[kept[i]] < b.terms[kept[j]] })
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
	nnz := 0
	for _, id := range b.indices {
		if remap[id] >= 0 {
			nnz++
		}
	}
	csr := &sparse.CSR{Rows: n, Cols: len(kept), Indptr: make([]int, 1, n+1), Indices: make([]int32, 0, nnz), Data: make([]float64, 0, nnz)}
	m.FirstSent = make([]int32, 0, nnz)
	type ent struct {
		col   int32
		count int32
		sent  int32
	}
	var row []ent
	for d := 0; d < n; d++ {
		row = row[:0]
		for k := b.indptr[d]; k < b.indptr[d+1]; k++ {
			if c := remap[b.indices[k]]; c >= 0 {
				row = append(row, ent{c, b.counts[k], b.firstSent[k]})
			}
		}
		sort.Slice(row, func(i, j int) bool { return row[i].col < row[j].col })
		for _, e := range row {
			csr.Indices = append(csr.Indices, e.col)
			csr.Data = append(csr.Data, float64(e.count))
			m.FirstSent = append(m.FirstSent, e.sent)
		}
		csr.Indptr = append(csr.Indptr, len(csr.Indices))
	}
	m.Counts = csr
	// release the raw rows
	b.indices, b.counts, b.firstSent, b.slot = nil, nil, nil, nil
	return m, nil
}
