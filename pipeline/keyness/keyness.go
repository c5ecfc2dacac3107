// Package keyness compares a target group of documents with a reference
// (keyness) and finds the terms that co-occur with a node term
// (collocations). Both read terms from package vocab, so they agree with
// TF-IDF and topics on what a term is.
//
// Keyness, for a term with frequency a in the target (size c word tokens)
// and b in the reference (size d):
//
//	E1 = c (a+b) / (c+d),  E2 = d (a+b) / (c+d)
//	G2 = 2 (a ln(a/E1) + b ln(b/E2))          0 ln 0 = 0  (Dunning 1993; Rayson & Garside 2000)
//	p  = P(chi-square with 1 df >= G2)
//	log ratio = log2((a/c) / (b/d))           Hardie 2014
//
// For the log ratio a zero frequency is replaced by 0.5 (only the zero one),
// so that a term absent from one side gets a finite, conservative value
// instead of infinity; G2 needs no smoothing. Sizes are word tokens (tokens
// with a letter or digit, stop words included), see vocab.WordTokens.
package keyness

import (
	"math"
	"sort"

	"github.com/techframe/techframe/pipeline/vocab"
	"gonum.org/v1/gonum/stat/distuv"
)

// ZeroSmoothing replaces a zero frequency in the log ratio.
const ZeroSmoothing = 0.5

// G2 is the log-likelihood statistic of the 2 x 2 table (a, b; c-a, d-b).
func G2(a, b, c, d float64) float64 {
	if c <= 0 || d <= 0 || a+b == 0 {
		return 0
	}
	e1 := c * (a + b) / (c + d)
	e2 := d * (a + b) / (c + d)
	g := 0.0
	if a > 0 {
		g += a * math.Log(a/e1)
	}
	if b > 0 {
		g += b * math.Log(b/e2)
	}
	return 2 * g
}

// PValue is the upper tail of the chi-square distribution with 1 degree of
// freedom at g2.
func PValue(g2 float64) float64 {
	if g2 <= 0 {
		return 1
	}
	return distuv.ChiSquared{K: 1}.Survival(g2)
}

// LogRatio is Hardie's log ratio: log2 of the ratio of relative
// frequencies, zero frequencies replaced by ZeroSmoothing.
func LogRatio(a, b, c, d float64) float64 {
	if a == 0 {
		a = ZeroSmoothing
	}
	if b == 0 {
		b = ZeroSmoothing
	}
	return math.Log2((a / c) / (b / d))
}

// Key is one term's comparison.
type Key struct {
	Term      int // column in the matrix
	Target    float64
	Reference float64
	G2        float64
	P         float64
	LogRatio  float64
	// Over is true when the term is relatively more frequent in the target.
	Over bool
	// Doc and Sent locate the term's example (row, sentence): its first
	// sentence in the target document where it occurs most often (the
	// first such in target order); -1 when absent from the target.
	Doc, Sent int
}

// Result is a whole comparison.
type Result struct {
	Keys []Key // every term present in target or reference, by G2 descending
	// TargetSize and ReferenceSize are the word-token totals (c and d) and
	// TargetDocs/ReferenceDocs the document counts.
	TargetSize, ReferenceSize float64
	TargetDocs, ReferenceDocs int
}

// Compare computes keyness of target rows against reference rows of m.
// A row may be in neither (it is then ignored).
func Compare(m *vocab.Matrix, target, reference []int) Result {
	ta := make([]float64, len(m.Terms))
	rb := make([]float64, len(m.Terms))
	doc := make([]int, len(m.Terms))
	sent := make([]int, len(m.Terms))
	most := make([]float64, len(m.Terms)) // the example document's count
	for j := range doc {
		doc[j] = -1
	}
	var res Result
	res.TargetDocs, res.ReferenceDocs = len(target), len(reference)
	for _, r := range target {
		res.TargetSize += float64(m.Tokens[r])
		for p := m.Counts.Indptr[r]; p < m.Counts.Indptr[r+1]; p++ {
			j := m.Counts.Indices[p]
			ta[j] += m.Counts.Data[p]
			if m.Counts.Data[p] > most[j] {
				doc[j], sent[j], most[j] = r, int(m.FirstSent[p]), m.Counts.Data[p]
			}
		}
	}
	for _, r := range reference {
		res.ReferenceSize += float64(m.Tokens[r])
		for p := m.Counts.Indptr[r]; p < m.Counts.Indptr[r+1]; p++ {
			rb[m.Counts.Indices[p]] += m.Counts.Data[p]
		}
	}
	c, d := res.TargetSize, res.ReferenceSize
	for j := range m.Terms {
		a, b := ta[j], rb[j]
		if a == 0 && b == 0 {
			continue
		}
		g := G2(a, b, c, d)
		res.Keys = append(res.Keys, Key{Term: j, Target: a, Reference: b, G2: g, P: PValue(g),
			LogRatio: LogRatio(a, b, c, d), Over: a*d > b*c, Doc: doc[j], Sent: sent[j]})
	}
	sort.SliceStable(res.Keys, func(i, k int) bool {
		if res.Keys[i].G2 != res.Keys[k].G2 {
			return res.Keys[i].G2 > res.Keys[k].G2
		}
		return m.Terms[res.Keys[i].Term] < m.Terms[res.Keys[k].Term]
	})
	return res
}
