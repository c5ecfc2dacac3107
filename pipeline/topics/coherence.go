package topics

import "math"

// coherenceEpsilon is gensim's EPSILON in topic_coherence.direct_confirmation_measure.
const coherenceEpsilon = 1e-12

// CoherenceOptions configure Coherence.
type CoherenceOptions struct {
	// TopN words of each topic are scored (default 10).
	TopN int
	// Window is the NPMI sliding-window size in tokens (default 10).
	Window int
}

// CoherenceResult holds per-topic and mean scores. Topics with fewer than
// two scorable words get NaN and are left out of the means.
type CoherenceResult struct {
	NPMI, UMass         []float64
	MeanNPMI, MeanUMass float64
}

// Coherence scores topics (each a list of term ids, best first; ids out of
// range or negative are dropped as out-of-vocabulary) against a reference
// corpus given as term-id sequences in text order (-1 marks a token that is
// not a term). It reproduces gensim 4.2's CoherenceModel exactly, as used by
// the shared scorer score_topics.py:
//
//   - c_npmi: every ordered pair of distinct top words (w', w*) of a topic
//     ("one-one" segmentation), NPMI = log((P(w',w*)+ε) / (P(w')P(w*))) /
//     −log(P(w',w*)+ε) with ε = 1e-12, averaged over pairs then topics.
//     Probabilities are shares of boolean sliding windows of Window tokens:
//     a document of L ≥ Window tokens gives L−Window+1 windows, a shorter one
//     a single window. Like gensim, the window is slid incrementally: when it
//     moves, the token that left at the left edge is marked absent even if it
//     occurs again inside the window, until it re-enters at the right edge.
//     gensim's scorer fails on empty documents; they are skipped here.
//   - u_mass: pairs (w_i, w_j) with j < i ("one-preceding"), log((D(w_i,w_j)/N
//   - ε) / (D(w_j)/N)) where D counts documents (every document, empty
//     ones included) containing the words, averaged over pairs then topics.
//
// The union of all topics' words determines nothing but which counts are
// kept, so the per-topic scores do not depend on the other topics.
func Coherence(topics [][]int, docs [][]int32, nterms int, opts CoherenceOptions) CoherenceResult {
	if opts.TopN <= 0 {
		opts.TopN = 10
	}
	if opts.Window <= 0 {
		opts.Window = 10
	}
	// Relevant words: contiguous ids.
	rel := map[int]int{}
	clean := make([][]int, len(topics))
	for i, t := range topics {
		if len(t) > opts.TopN {
			t = t[:opts.TopN]
		}
		for _, w := range t {
			if w < 0 || w >= nterms {
				continue
			}
			clean[i] = append(clean[i], w)
			if _, ok := rel[w]; !ok {
				rel[w] = len(rel)
			}
		}
	}
	R := len(rel)
	local := make([]int32, nterms)
	for i := range local {
		local[i] = -1
	}
	for w, j := range rel {
		local[w] = int32(j)
	}
	// Sliding windows.
	wOcc := make([]float64, R)
	wCo := make([]float64, R*R)
	present := make([]bool, R)
	var members []int32 // relevant words currently marked present
	nWindows := 0.0
	// Boolean documents.
	dOcc := make([]float64, R)
	dCo := make([]float64, R*R)
	nDocs := float64(len(docs))
	seen := make([]bool, R)
	var inDoc []int32

	countWindow := func() {
		nWindows++
		for a, x := range members {
			wOcc[x]++
			for _, y := range members[a+1:] {
				wCo[pairIndex(x, y, R)]++
			}
		}
	}
	setPresent := func(x int32, on bool) {
		if x < 0 || present[x] == on {
			return
		}
		present[x] = on
		if on {
			members = append(members, x)
			return
		}
		for i, y := range members {
			if y == x {
				members[i] = members[len(members)-1]
				members = members[:len(members)-1]
				return
			}
		}
	}
	for _, doc := range docs {
		// Document-level occurrence.
		inDoc = inDoc[:0]
		for _, w := range doc {
			if w < 0 || int(w) >= nterms {
				continue
			}
			if x := local[w]; x >= 0 && !seen[x] {
				seen[x] = true
				inDoc = append(inDoc, x)
			}
		}
		for a, x := range inDoc {
			dOcc[x]++
			for _, y := range inDoc[a+1:] {
				dCo[pairIndex(x, y, R)]++
			}
			seen[x] = false
		}
		if len(doc) == 0 {
			continue
		}
		// Windows.
		for _, x := range members {
			present[x] = false
		}
		members = members[:0]
		lid := func(i int) int32 {
			w := doc[i]
			if w < 0 || int(w) >= nterms {
				return -1
			}
			return local[w]
		}
		first := opts.Window
		if first > len(doc) {
			first = len(doc)
		}
		for i := 0; i < first; i++ {
			setPresent(lid(i), true)
		}
		countWindow()
		for s := 1; s+opts.Window <= len(doc); s++ {
			setPresent(lid(s-1), false)
			setPresent(lid(s+opts.Window-1), true)
			countWindow()
		}
	}
	co := func(m []float64, x, y int) float64 { return m[pairIndex(int32(x), int32(y), R)] }
	res := CoherenceResult{NPMI: make([]float64, len(topics)), UMass: make([]float64, len(topics))}
	var sumN, sumU float64
	n := 0
	for i, t := range clean {
		if len(t) < 2 {
			res.NPMI[i], res.UMass[i] = math.NaN(), math.NaN()
			continue
		}
		// NPMI over ordered pairs (symmetric, so each unordered pair twice).
		s, pairs := 0.0, 0
		for a := range t {
			for b := range t {
				if a == b {
					continue
				}
				x, y := rel[t[a]], rel[t[b]]
				pxy := co(wCo, x, y) / nWindows
				if x == y {
					pxy = wOcc[x] / nWindows
				}
				px, py := wOcc[x]/nWindows, wOcc[y]/nWindows
				num := math.Log((pxy + coherenceEpsilon) / (px * py))
				s += num / -math.Log(pxy+coherenceEpsilon)
				pairs++
			}
		}
		res.NPMI[i] = s / float64(pairs)
		// UMass over preceding pairs.
		s, pairs = 0, 0
		for a := 1; a < len(t); a++ {
			for b := 0; b < a; b++ {
				x, y := rel[t[a]], rel[t[b]]
				var v float64
				if dOcc[y] > 0 {
					cxy := co(dCo, x, y)
					if x == y {
						cxy = dOcc[x]
					}
					v = math.Log((cxy/nDocs + coherenceEpsilon) / (dOcc[y] / nDocs))
				}
				s += v
				pairs++
			}
		}
		res.UMass[i] = s / float64(pairs)
		sumN += res.NPMI[i]
		sumU += res.UMass[i]
		n++
	}
	if n > 0 {
		res.MeanNPMI, res.MeanUMass = sumN/float64(n), sumU/float64(n)
	} else {
		res.MeanNPMI, res.MeanUMass = math.NaN(), math.NaN()
	}
	return res
}

// CoherenceTopN and DiversityTopN are how many of each topic's words,
// ranked by weight, TopicCoherence and TopicDiversity score: gensim's
// CoherenceModel default (topn 10) and Dieng et al. (2020)'s 25.
const (
	CoherenceTopN = 10
	DiversityTopN = 25
)

// TopicCoherence scores the model's topics against docs (see Coherence):
// each topic's CoherenceTopN words by weight, the words gensim's
// CoherenceModel takes from a model. Coherence is a property of the model:
// the order a report lists words in (RankRelevance and its lambda) does not
// change it, so the same model scores the same in every report and models
// with different k compare on the same footing.
func (m *Model) TopicCoherence(docs [][]int32) CoherenceResult {
	return Coherence(m.TopTermIDs(CoherenceTopN), docs, len(m.Terms), CoherenceOptions{TopN: CoherenceTopN})
}

// TopicDiversity is Diversity over every topic's DiversityTopN words by
// weight.
func (m *Model) TopicDiversity() float64 { return Diversity(m.TopTermIDs(DiversityTopN)) }

// Diversity is the share of distinct words among all topics' top-n words
// (Dieng et al. 2020 use n = 25): 1 means no word is shared.
func Diversity(topics [][]int) float64 {
	seen := map[int]bool{}
	total := 0
	for _, t := range topics {
		for _, w := range t {
			seen[w] = true
			total++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(len(seen)) / float64(total)
}

// Exclusivity returns, per topic, the mean over its top-n words of the share
// of the word's weight that this topic holds, φ_kw / Σ_j φ_jw (1 means the
// words belong to this topic alone).
func (m *Model) Exclusivity(n int) []float64 {
	colSum := make([]float64, len(m.Terms))
	for k := 0; k < m.K; k++ {
		for w, x := range m.Row(k) {
			colSum[w] += x
		}
	}
	out := make([]float64, m.K)
	tops := m.TopTermIDs(n)
	for k := 0; k < m.K; k++ {
		top := tops[k]
		s := 0.0
		for _, w := range top {
			if colSum[w] > 0 {
				s += m.Weight(k, w) / colSum[w]
			}
		}
		if len(top) > 0 {
			out[k] = s / float64(len(top))
		}
	}
	return out
}

// pairIndex is the index of the unordered pair {x, y} in an R x R table.
func pairIndex(x, y int32, R int) int {
	if x > y {
		x, y = y, x
	}
	return int(x)*R + int(y)
}
