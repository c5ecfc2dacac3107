// Package tfidf weights a vocab.Matrix by term frequency x inverse document
// frequency with scikit-learn's TfidfTransformer options and formulas, and
// ranks the top terms of documents and of groups of documents.
//
//	tf    raw        tf = count
//	      sublinear  tf = 1 + ln(count)            (count > 0)
//	idf   smooth     idf = ln((1 + n) / (1 + df)) + 1
//	      plain      idf = ln(n / df) + 1
//	      none       idf = 1                        (scikit-learn use_idf=False)
//	norm  l2 | l1 | none   applied to each document's row after tf x idf
//
// n is the number of documents and df a term's document frequency.
//
// A group's score for a term is the mean of its documents' normalised
// weights (the group centroid): every document counts once whatever its
// length, and idf stays a property of the corpus. (Concatenating a group's
// documents and taking idf over groups, the other common choice, makes idf
// meaningless with two or three groups: every term of the vocabulary would
// be in almost every group.)
package tfidf

import (
	"math"
	"sort"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/sparse"
	"github.com/techframe/techframe/pipeline/vocab"
)

// Options selects the weighting.
type Options struct {
	TF   string // raw | sublinear
	IDF  string // smooth | plain | none
	Norm string // l2 | l1 | none
}

// DefaultOptions are scikit-learn's TfidfVectorizer defaults.
func DefaultOptions() Options { return Options{TF: "raw", IDF: "smooth", Norm: "l2"} }

// Validate returns a usage error naming the flag for an unknown value.
func (o Options) Validate() error {
	switch o.TF {
	case "raw", "sublinear":
	default:
		return pipeline.Usagef("--tf must be raw or sublinear, not %q", o.TF)
	}
	switch o.IDF {
	case "smooth", "plain", "none":
	default:
		return pipeline.Usagef("--idf must be smooth, plain or none, not %q", o.IDF)
	}
	switch o.Norm {
	case "l2", "l1", "none":
	default:
		return pipeline.Usagef("--norm must be l2, l1 or none, not %q", o.Norm)
	}
	return nil
}

// IDF returns the inverse document frequency of each term for n documents.
func IDF(df []int, n int, mode string) []float64 {
	out := make([]float64, len(df))
	for j, d := range df {
		switch mode {
		case "smooth":
			out[j] = math.Log(float64(1+n)/float64(1+d)) + 1
		case "plain":
			out[j] = math.Log(float64(n)/float64(d)) + 1
		default:
			out[j] = 1
		}
	}
	return out
}

// Weights is a weighted document-term matrix.
type Weights struct {
	M   *vocab.Matrix
	W   *sparse.CSR // docs x terms, same structure as M.Counts
	IDF []float64
}

// Transform weights the matrix. The counts are left untouched.
func Transform(m *vocab.Matrix, o Options) (*Weights, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	c := m.Counts
	idf := IDF(m.DF, c.Rows, o.IDF)
	w := &sparse.CSR{Rows: c.Rows, Cols: c.Cols, Indptr: c.Indptr, Indices: c.Indices, Data: make([]float64, len(c.Data))}
	for i := 0; i < c.Rows; i++ {
		a, b := c.Indptr[i], c.Indptr[i+1]
		var norm float64
		for k := a; k < b; k++ {
			tf := c.Data[k]
			if o.TF == "sublinear" && tf > 0 {
				tf = 1 + math.Log(tf)
			}
			v := tf * idf[c.Indices[k]]
			w.Data[k] = v
			switch o.Norm {
			case "l2":
				norm += v * v
			case "l1":
				norm += math.Abs(v)
			}
		}
		if o.Norm == "l2" {
			norm = math.Sqrt(norm)
		}
		if o.Norm != "none" && norm > 0 {
			for k := a; k < b; k++ {
				w.Data[k] /= norm
			}
		}
	}
	return &Weights{M: m, W: w, IDF: idf}, nil
}

// Scored is one ranked term.
type Scored struct {
	Term  int     // column in M.Terms
	Score float64 // weight (document) or mean weight (group)
	Count float64 // raw count in the document or group
	Docs  int     // documents of the group holding the term (1 for a document)
	// Doc and Sent locate an example: the document (row) with the term's
	// highest weight in the group, and the sentence of its first
	// occurrence there.
	Doc  int
	Sent int
}

// rank sorts by score (descending), then count, then term byte order, and
// keeps k (k <= 0: all). For small k it selects before sorting.
func rank(s []Scored, terms []string, k int) []Scored {
	less := func(a, b *Scored) bool {
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return terms[a.Term] < terms[b.Term]
	}
	if k > 0 && len(s) > 4*k {
		// keep the best k in s[:k] by insertion: O(n k) for small k, no full sort
		top := s[:0:0]
		for i := range s {
			if len(top) == k && !less(&s[i], &top[k-1]) {
				continue
			}
			if len(top) < k {
				top = append(top, s[i])
			} else {
				top[k-1] = s[i]
			}
			for j := len(top) - 1; j > 0 && less(&top[j], &top[j-1]); j-- {
				top[j], top[j-1] = top[j-1], top[j]
			}
		}
		return top
	}
	sort.Slice(s, func(i, j int) bool { return less(&s[i], &s[j]) })
	if k > 0 && len(s) > k {
		s = s[:k]
	}
	return s
}

// TopDoc returns document row's k best terms.
func (w *Weights) TopDoc(row, k int) []Scored {
	a, b := w.W.Indptr[row], w.W.Indptr[row+1]
	out := make([]Scored, 0, b-a)
	for p := a; p < b; p++ {
		out = append(out, Scored{Term: int(w.W.Indices[p]), Score: w.W.Data[p], Count: w.M.Counts.Data[p], Docs: 1, Doc: row, Sent: int(w.M.FirstSent[p])})
	}
	return rank(out, w.M.Terms, k)
}

// TopGroup returns the k best terms of a group of rows by mean weight.
func (w *Weights) TopGroup(rows []int, k int) []Scored {
	if len(rows) == 0 {
		return nil
	}
	acc := map[int32]*Scored{}
	best := map[int32]float64{}
	for _, r := range rows {
		a, b := w.W.Indptr[r], w.W.Indptr[r+1]
		for p := a; p < b; p++ {
			j := w.W.Indices[p]
			s := acc[j]
			if s == nil {
				s = &Scored{Term: int(j), Doc: -1}
				acc[j] = s
			}
			s.Score += w.W.Data[p]
			s.Count += w.M.Counts.Data[p]
			s.Docs++
			if s.Doc < 0 || w.W.Data[p] > best[j] {
				best[j] = w.W.Data[p]
				s.Doc, s.Sent = r, int(w.M.FirstSent[p])
			}
		}
	}
	out := make([]Scored, 0, len(acc))
	for _, s := range acc {
		s.Score /= float64(len(rows))
		out = append(out, *s)
	}
	return rank(out, w.M.Terms, k)
}
