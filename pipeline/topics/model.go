// Package topics fits topic models to a documents x terms matrix and
// diagnoses them: LDA by collapsed Gibbs sampling (FitLDA), NMF by coordinate
// descent on a TF-IDF matrix (FitNMF), coherence (NPMI and UMass, computed
// exactly as gensim's CoherenceModel does), diversity, exclusivity, held-out
// perplexity, and topic stability across restarts (Hungarian matching).
//
// The package depends only on the sparse CSR matrix and a term list, so any
// stage that builds a document-term matrix can feed it. Every fit takes a seed
// and gives identical results for any number of workers.
package topics

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/sparse"
)

// Kinds of model.
const (
	KindLDA = "lda"
	KindNMF = "nmf"
)

// ModelVersion is the version of the saved-model format (see Save).
const ModelVersion = 1

// ErrBadInput marks input the models cannot be fitted to (an empty matrix,
// more topics than documents, non-integer counts for LDA).
var ErrBadInput = errors.New("topics: bad input")

// Model is a fitted topic model.
type Model struct {
	Kind string `json:"kind"`
	K    int    `json:"k"`
	// Terms is the vocabulary: column j of the fitted matrix is Terms[j].
	Terms []string `json:"terms"`
	// TopicWord is K x len(Terms), row-major. For LDA row k is the topic's
	// word distribution phi_k (sums to 1); for NMF it is the row of H.
	TopicWord []float64 `json:"topic_word"`
	// DocTopic is docs x K, row-major: for LDA the smoothed proportions
	// theta_d, for NMF the rows of W. Not saved.
	DocTopic []float64 `json:"-"`
	Docs     int       `json:"-"`
	// EmptyDocs counts documents without any term; they were skipped by the
	// fit and their DocTopic row is zero: they have no share of any topic
	// (DocProportions returns nil), not the prior mean LDA would give them.
	EmptyDocs int `json:"-"`
	// TopicTokens is, for LDA, the number of tokens assigned to each topic;
	// for NMF the total weight sum_d W[d,k] * ||H_k||_1.
	TopicTokens []float64 `json:"topic_tokens"`

	// LDA hyperparameters (final values after optimisation).
	Alpha []float64 `json:"alpha,omitempty"`
	Beta  float64   `json:"beta,omitempty"`
	// IDF, for NMF, is the inverse document frequency used to weight the
	// training matrix, so that Infer can weight new documents the same way.
	IDF []float64 `json:"idf,omitempty"`
	// TF and Norm, for NMF, are the term-frequency and row-normalisation
	// modes of that weighting (tfidf.Options; "" means raw and l2).
	TF   string `json:"tf,omitempty"`
	Norm string `json:"norm,omitempty"`
	// Settings records how the model was fitted (vocabulary and tokenizer
	// options, for instance) so that a saved model can be applied to new
	// documents the same way. Free-form; saved with the model.
	Settings map[string]string `json:"settings,omitempty"`

	Seed       uint64 `json:"seed"`
	Iterations int    `json:"iterations"`
	// Samples is, for LDA, the number of Gibbs samples averaged into
	// TopicWord and DocTopic.
	Samples int `json:"samples,omitempty"`
	// Trace holds the fit's progress: log-likelihood (LDA) or Frobenius
	// loss (NMF) at the iterations where it was measured.
	Trace []TracePoint `json:"-"`
	// Converged reports the relative change of the objective over the last
	// window of the trace (see Convergence).
	Convergence Convergence `json:"-"`
}

// TracePoint is the objective at one iteration.
type TracePoint struct {
	Iteration int
	Value     float64
}

// Convergence summarises the end of a trace: the relative change of the
// objective between the first and last point of the final window.
type Convergence struct {
	Window      int     // iterations covered
	RelChange   float64 // |last - first| / |first|
	Converged   bool    // RelChange below the threshold
	Threshold   float64
	Description string
}

func convergence(trace []TracePoint, window int, threshold float64) Convergence {
	c := Convergence{Threshold: threshold}
	if len(trace) < 2 {
		c.Description = "not measured (too few trace points)"
		return c
	}
	last := trace[len(trace)-1]
	first := trace[0]
	for i := len(trace) - 1; i >= 0; i-- {
		if last.Iteration-trace[i].Iteration >= window {
			first = trace[i]
			break
		}
	}
	c.Window = last.Iteration - first.Iteration
	if first.Value != 0 {
		d := last.Value - first.Value
		if d < 0 {
			d = -d
		}
		f := first.Value
		if f < 0 {
			f = -f
		}
		c.RelChange = d / f
	}
	c.Converged = c.RelChange < threshold
	state := "converged"
	if !c.Converged {
		state = "not converged (consider more iterations)"
	}
	c.Description = fmt.Sprintf("relative change %.2e over the last %d iterations: %s", c.RelChange, c.Window, state)
	return c
}

// Weight returns TopicWord[k][w].
func (m *Model) Weight(k, w int) float64 { return m.TopicWord[k*len(m.Terms)+w] }

// Row returns topic k's word weights (a view).
func (m *Model) Row(k int) []float64 { v := len(m.Terms); return m.TopicWord[k*v : (k+1)*v] }

// TermWeight is a term and its weight in a topic.
type TermWeight struct {
	Term   string
	Index  int
	Weight float64
}

// TopTerms returns topic k's n heaviest terms, best first (ties by term
// index, so the order is deterministic).
func (m *Model) TopTerms(k, n int) []TermWeight {
	row := m.Row(k)
	idx := topIndices(row, n)
	out := make([]TermWeight, len(idx))
	for i, j := range idx {
		out[i] = TermWeight{Term: m.Terms[j], Index: j, Weight: row[j]}
	}
	return out
}

// TopTermIDs returns the n best term indices of every topic.
func (m *Model) TopTermIDs(n int) [][]int {
	out := make([][]int, m.K)
	for k := range out {
		out[k] = topIndices(m.Row(k), n)
	}
	return out
}

// topIndices returns the indices of the n largest values, largest first,
// ties broken by the smaller index.
func topIndices(v []float64, n int) []int {
	if n > len(v) {
		n = len(v)
	}
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool {
		if v[idx[a]] != v[idx[b]] {
			return v[idx[a]] > v[idx[b]]
		}
		return idx[a] < idx[b]
	})
	return idx[:n]
}

// DocTopics returns document d's topic weights (a view).
func (m *Model) DocTopics(d int) []float64 { return m.DocTopic[d*m.K : (d+1)*m.K] }

// DocProportions returns document d's topic weights normalised to sum to 1,
// or nil for a document with no share of any topic: one without terms
// (skipped by the fit) or, for NMF, one the fit gave no weight. Such a
// document is no member of any topic; callers leave its cells empty and
// out of every sum and mean.
func (m *Model) DocProportions(d int) []float64 {
	row := m.DocTopics(d)
	s := 0.0
	for _, x := range row {
		s += x
	}
	if !(s > 0) {
		return nil
	}
	out := make([]float64, len(row))
	for i, x := range row {
		out[i] = x / s
	}
	return out
}

// Prevalence returns the mean document-topic proportion of each topic over
// the training documents that have a share (DocProportions not nil).
func (m *Model) Prevalence() []float64 {
	out := make([]float64, m.K)
	n := 0
	for d := 0; d < m.Docs; d++ {
		p := m.DocProportions(d)
		if p == nil {
			continue
		}
		for k, x := range p {
			out[k] += x
		}
		n++
	}
	if n > 0 {
		for k := range out {
			out[k] /= float64(n)
		}
	}
	return out
}

// RepresentativeDocs returns, for topic k, the n documents with the largest
// proportion of it, best first (ties by document index). Documents with no
// share (DocProportions nil) are never listed, so fewer than n may come
// back.
func (m *Model) RepresentativeDocs(k, n int) []int {
	var docs []int
	var v []float64
	for d := 0; d < m.Docs; d++ {
		if p := m.DocProportions(d); p != nil {
			docs = append(docs, d)
			v = append(v, p[k])
		}
	}
	idx := topIndices(v, n)
	for i, j := range idx {
		idx[i] = docs[j]
	}
	return idx
}

// VocabChecksum is the SHA-256 of the terms joined by newlines: a saved model
// records it so that a file whose vocabulary was altered is rejected.
func VocabChecksum(terms []string) string {
	h := sha256.New()
	for _, t := range terms {
		h.Write([]byte(t))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// checkMatrix validates a document-term matrix against its terms.
func checkMatrix(m *sparse.CSR, terms []string, k int) error {
	if m == nil || m.Rows == 0 {
		return fmt.Errorf("%w: the document-term matrix has no documents", ErrBadInput)
	}
	if m.NNZ() == 0 {
		return fmt.Errorf("%w: the document-term matrix is empty (no document has any term)", ErrBadInput)
	}
	if len(terms) < m.Cols {
		return fmt.Errorf("%w: %d terms for a matrix with %d columns", ErrBadInput, len(terms), m.Cols)
	}
	if k < 1 {
		return pipeline.Usagef("the number of topics must be at least 1, not %d", k)
	}
	nonEmpty := 0
	for i := 0; i < m.Rows; i++ {
		if m.Indptr[i+1] > m.Indptr[i] {
			nonEmpty++
		}
	}
	if k > nonEmpty {
		return pipeline.Usagef("--k %d is larger than the number of non-empty documents (%d)", k, nonEmpty)
	}
	for _, v := range m.Data {
		if v < 0 {
			return fmt.Errorf("%w: negative value %g in the document-term matrix", ErrBadInput, v)
		}
	}
	return nil
}

// TopicLabel returns a short label for topic k: its three best terms.
func (m *Model) TopicLabel(k int) string {
	var parts []string
	for _, t := range m.TopTerms(k, 3) {
		parts = append(parts, t.Term)
	}
	return strings.Join(parts, "_")
}

// Ranking of a topic's terms.
const (
	// RankWeight orders terms by their weight in the topic (φ_kw for LDA,
	// H[k,w] for NMF).
	RankWeight = "weight"
	// RankRelevance orders terms by relevance (Sievert & Shirley 2014,
	// LDAvis): λ log p(w|k) + (1−λ) log(p(w|k)/p(w)), where p(w|k) is the
	// topic's row normalised to sum to 1 and p(w) the marginal Σ_k p(k)
	// p(w|k) with p(k) ∝ TopicTokens[k]. λ = 0.6 is the value their user
	// study found best; it demotes words that are frequent in every topic.
	RankRelevance = "relevance"
)

// RankedTopTerms returns the n best term indices of every topic under the
// ranking (RankWeight or RankRelevance with lambda in [0, 1]).
func (m *Model) RankedTopTerms(n int, rank string, lambda float64) ([][]int, error) {
	switch rank {
	case RankWeight, "":
		return m.TopTermIDs(n), nil
	case RankRelevance:
	default:
		return nil, fmt.Errorf("%w: topic-word ranking must be weight or relevance, not %q", pipeline.ErrUsage, rank)
	}
	if lambda < 0 || lambda > 1 || math.IsNaN(lambda) {
		return nil, pipeline.Usagef("--lambda must be between 0 and 1, not %v", lambda)
	}
	V := len(m.Terms)
	cond := make([]float64, m.K*V)
	pk := make([]float64, m.K)
	tot := 0.0
	for k := 0; k < m.K; k++ {
		row := m.Row(k)
		s := 0.0
		for _, x := range row {
			s += x
		}
		for w, x := range row {
			if s > 0 {
				cond[k*V+w] = x / s
			}
		}
		pk[k] = m.TopicTokens[k]
		tot += pk[k]
	}
	pw := make([]float64, V)
	for k := 0; k < m.K; k++ {
		if tot > 0 {
			pk[k] /= tot
		} else {
			pk[k] = 1 / float64(m.K)
		}
		for w := 0; w < V; w++ {
			pw[w] += pk[k] * cond[k*V+w]
		}
	}
	out := make([][]int, m.K)
	rel := make([]float64, V)
	for k := 0; k < m.K; k++ {
		for w := 0; w < V; w++ {
			p := cond[k*V+w]
			if p <= 0 || pw[w] <= 0 {
				rel[w] = math.Inf(-1)
				continue
			}
			rel[w] = lambda*math.Log(p) + (1-lambda)*math.Log(p/pw[w])
		}
		out[k] = topIndices(rel, n)
	}
	return out, nil
}

// SentenceScores scores the sentences of one document for topic k: the
// expected number of the sentence's tokens that belong to topic k,
//
//	score(s) = Σ_{w ∈ s} θ_dk φ_kw / Σ_j θ_dj φ_jw,
//
// where theta is the document's topic weights (DocTopics(d), or a row from
// Infer) and φ the topic-word weights (for NMF the rows of H, so the terms
// are shares of the reconstruction). sents holds each sentence's term ids;
// ids outside the vocabulary are skipped. The best-scoring sentence of a
// topic's most representative document is a readable example of the topic.
func (m *Model) SentenceScores(k int, theta []float64, sents [][]int32) []float64 {
	V := len(m.Terms)
	out := make([]float64, len(sents))
	for i, s := range sents {
		for _, w := range s {
			if w < 0 || int(w) >= V {
				continue
			}
			num, den := 0.0, 0.0
			for j := 0; j < m.K; j++ {
				p := theta[j] * m.TopicWord[j*V+int(w)]
				den += p
				if j == k {
					num = p
				}
			}
			if den > 0 {
				out[i] += num / den
			}
		}
	}
	return out
}
