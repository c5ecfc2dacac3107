package keyness

import (
	"sort"

	"github.com/techframe/techframe/pipeline/vocab"
)

// Rest compares groups of documents with the rest of the corpus. The corpus
// totals are counted once, so comparing every group costs one pass over the
// matrix in all, not one per group (Compare with an explicit reference list
// would cost groups x documents).
type Rest struct {
	m         *vocab.Matrix
	totals    []float64
	totalSize float64
	acc       []float64 // scratch: counts in the current group
	most      []float64 // scratch: the count in each term's example document
	doc, sent []int
	touched   []int32
}

// NewRest counts the corpus totals.
func NewRest(m *vocab.Matrix) *Rest {
	r := &Rest{m: m, totals: make([]float64, len(m.Terms)), acc: make([]float64, len(m.Terms)),
		most: make([]float64, len(m.Terms)), doc: make([]int, len(m.Terms)), sent: make([]int, len(m.Terms))}
	for i, n := range m.Tokens {
		r.totalSize += float64(n)
		for p := m.Counts.Indptr[i]; p < m.Counts.Indptr[i+1]; p++ {
			r.totals[m.Counts.Indices[p]] += m.Counts.Data[p]
		}
	}
	return r
}

// Compare returns the keyness of the target rows against every other
// document, for the terms that occur in the target (so under-represented
// terms absent from the target are not listed), by G2 descending then term.
// The figures equal Compare(m, target, all other rows) for those terms.
func (r *Rest) Compare(target []int) Result {
	m := r.m
	var res Result
	res.TargetDocs = len(target)
	res.ReferenceDocs = len(m.DocIDs) - len(target)
	r.touched = r.touched[:0]
	for _, row := range target {
		res.TargetSize += float64(m.Tokens[row])
		for p := m.Counts.Indptr[row]; p < m.Counts.Indptr[row+1]; p++ {
			j := m.Counts.Indices[p]
			if r.acc[j] == 0 {
				r.touched = append(r.touched, j)
			}
			if m.Counts.Data[p] > r.most[j] {
				// the example: the document with the most occurrences,
				// the first such in target order (as Compare)
				r.doc[j], r.sent[j], r.most[j] = row, int(m.FirstSent[p]), m.Counts.Data[p]
			}
			r.acc[j] += m.Counts.Data[p]
		}
	}
	res.ReferenceSize = r.totalSize - res.TargetSize
	c, d := res.TargetSize, res.ReferenceSize
	for _, j := range r.touched {
		a := r.acc[j]
		b := r.totals[j] - a
		g := G2(a, b, c, d)
		res.Keys = append(res.Keys, Key{Term: int(j), Target: a, Reference: b, G2: g, P: PValue(g),
			LogRatio: LogRatio(a, b, c, d), Over: a*d > b*c, Doc: r.doc[j], Sent: r.sent[j]})
		r.acc[j], r.most[j] = 0, 0
	}
	sort.SliceStable(res.Keys, func(i, k int) bool {
		if res.Keys[i].G2 != res.Keys[k].G2 {
			return res.Keys[i].G2 > res.Keys[k].G2
		}
		return m.Terms[res.Keys[i].Term] < m.Terms[res.Keys[k].Term]
	})
	return res
}
