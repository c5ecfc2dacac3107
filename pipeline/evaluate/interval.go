package evaluate

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
)

// Interval is a confidence interval; both ends are NaN when the score is
// undefined in too many resamples to say.
type Interval struct {
	Lo, Hi float64
}

// Intervals are percentile bootstrap confidence intervals for the summary
// scores of a Metrics.
type Intervals struct {
	// Level is the coverage (0.95) and Resamples the number of bootstrap
	// samples drawn; Clusters the number of units drawn in each (groups
	// of rows, or rows).
	Level     float64
	Resamples int
	Clusters  int
	Accuracy  Interval
	MacroF1   Interval
	Kappa     Interval
	Alpha     Interval
}

// BootstrapSeed is the fixed seed of Bootstrap, so that a report is the
// same on every run.
const BootstrapSeed = 20261127

// Bootstrap estimates 95% confidence intervals for accuracy, macro-F1,
// Cohen's kappa and Krippendorff's alpha by the percentile bootstrap: it
// draws resamples samples with replacement, scores each with Compute's
// formulas and takes the 2.5th and 97.5th percentiles of each score
// (Efron and Tibshirani, An Introduction to the Bootstrap, ch. 13).
//
// groups[i] names the cluster of pair i (its document): the bootstrap
// then draws whole clusters, as many as there are, because sentences of
// one document share an author, a topic and a style and are not
// independent (a cluster bootstrap; Field and Welsh 2007). With groups
// nil every pair is its own cluster. The draws come from a PCG generator
// with a fixed seed over clusters in a fixed order, so equal input gives
// equal intervals whatever the order of its rows.
func Bootstrap(labels []string, pairs []Pair, groups []string, resamples int) (*Intervals, error) {
	if resamples < 1 {
		return nil, fmt.Errorf("bootstrap needs at least one resample, not %d", resamples)
	}
	gold, sys, err := labelIndexes(labels, pairs)
	if err != nil {
		return nil, err
	}
	k := len(labels)
	// Each unit as a cell of the confusion matrix.
	cells := make([]int, len(pairs))
	for i := range pairs {
		cells[i] = gold[i]*k + sys[i]
	}
	if groups != nil && len(groups) != len(pairs) {
		return nil, fmt.Errorf("%d groups for %d pairs", len(groups), len(pairs))
	}
	// The cells of each cluster. Clusters are taken in the order of their
	// names (of their cells when every pair is its own cluster), so that
	// the same rows in another order give the same intervals.
	var clusters [][]int
	at := map[string]int{}
	for i, c := range cells {
		if groups == nil {
			clusters = append(clusters, []int{c})
			continue
		}
		g, ok := at[groups[i]]
		if !ok {
			g = len(clusters)
			at[groups[i]] = g
			clusters = append(clusters, nil)
		}
		clusters[g] = append(clusters[g], c)
	}
	if groups == nil {
		sort.Slice(clusters, func(a, b int) bool { return clusters[a][0] < clusters[b][0] })
	} else {
		clusters = inNameOrder(clusters, at)
	}
	out := &Intervals{Level: 0.95, Resamples: resamples, Clusters: len(clusters)}
	if len(pairs) == 0 {
		nan := Interval{math.NaN(), math.NaN()}
		out.Accuracy, out.MacroF1, out.Kappa, out.Alpha = nan, nan, nan, nan
		return out, nil
	}
	rng := rand.New(rand.NewPCG(BootstrapSeed, uint64(len(pairs))<<32|uint64(len(clusters))))
	scores := [4][]float64{}
	m := &Metrics{Labels: labels, N: len(pairs), Confusion: make([][]int, k)}
	for i := range m.Confusion {
		m.Confusion[i] = make([]int, k)
	}
	for b := 0; b < resamples; b++ {
		for _, row := range m.Confusion {
			clear(row)
		}
		m.N = 0
		for range clusters {
			for _, c := range clusters[rng.IntN(len(clusters))] {
				m.Confusion[c/k][c%k]++
				m.N++
			}
		}
		m.Agree = 0
		m.fill()
		for j, v := range [4]float64{m.Accuracy, m.MacroF1, m.Kappa, m.Alpha} {
			if !math.IsNaN(v) {
				scores[j] = append(scores[j], v)
			}
		}
	}
	iv := [4]*Interval{&out.Accuracy, &out.MacroF1, &out.Kappa, &out.Alpha}
	for j, s := range scores {
		*iv[j] = percentiles(s, resamples, 0.025, 0.975)
	}
	return out, nil
}

// inNameOrder returns clusters in the order of their names; at maps each
// name to its cluster's index.
func inNameOrder(clusters [][]int, at map[string]int) [][]int {
	out := make([][]int, 0, len(clusters))
	for _, n := range slices.Sorted(maps.Keys(at)) {
		out = append(out, clusters[at[n]])
	}
	return out
}

// percentiles returns the lo and hi quantiles of xs (nearest rank), NaN
// when more than one draw in twenty of total left the score undefined.
func percentiles(xs []float64, total int, lo, hi float64) Interval {
	if len(xs) == 0 || 20*(total-len(xs)) > total {
		return Interval{math.NaN(), math.NaN()}
	}
	sort.Float64s(xs)
	at := func(q float64) float64 {
		i := int(math.Ceil(q*float64(len(xs)))) - 1
		return xs[min(max(i, 0), len(xs)-1)]
	}
	return Interval{at(lo), at(hi)}
}

// TagScore is how the system did on the gold rows carrying one note tag
// (negation, hedge, rule-4, ...): the hard cases of the codebook.
type TagScore struct {
	Tag   string
	Rows  int
	Agree int
	// Labels counts the tag's rows by gold label, in Labels order.
	Labels []int
}

// Accuracy is Agree / Rows.
func (t TagScore) Accuracy() float64 { return ratio(t.Agree, t.Rows) }

// Pairs returns the (gold, system) labels of the matched rows, in file
// order: the units behind Metrics.
func (r *Result) Pairs() []Pair {
	var out []Pair
	for _, m := range r.Matches {
		if m.Matched() {
			out = append(out, Pair{Gold: m.Row.Label, System: m.System})
		}
	}
	return out
}

// SentencePairs returns the pairs of the rows matched to one system
// sentence (by index, exactly or as part of it), leaving out rows that
// span several: the units of EstimateCorpus, which counts the inputs by
// sentence. sentences[i] names the system sentence of pairs[i] (document
// and index): two rows coding two parts of one sentence share it.
// spanning is the number left out.
func (r *Result) SentencePairs() (pairs []Pair, sentences []string, spanning int) {
	for _, m := range r.Matches {
		switch {
		case !m.Matched():
		case m.Kind == Span:
			spanning++
		default:
			pairs = append(pairs, Pair{Gold: m.Row.Label, System: m.System})
			sentences = append(sentences, fmt.Sprintf("%s\x00%d", m.DocID, m.Sentences[0]))
		}
	}
	return pairs, sentences, spanning
}

// PairDocs returns the document of each pair of Pairs, in the same order:
// the clusters of Bootstrap.
func (r *Result) PairDocs() []string {
	var out []string
	for _, m := range r.Matches {
		if m.Matched() {
			out = append(out, m.DocID)
		}
	}
	return out
}

// TagScores scores the matched rows by the tags of their note column
// (split on ';' or ','; case and surrounding space ignored), sorted by tag.
// A row with several tags counts under each. Nil when no matched row has
// a note.
func (r *Result) TagScores() []TagScore {
	by := map[string]*TagScore{}
	for _, m := range r.Matches {
		if !m.Matched() {
			continue
		}
		seen := map[string]bool{}
		for _, t := range strings.FieldsFunc(m.Row.Note, func(c rune) bool { return c == ';' || c == ',' }) {
			t = strings.ToLower(strings.TrimSpace(t))
			if t == "" || seen[t] {
				continue
			}
			seen[t] = true
			s := by[t]
			if s == nil {
				s = &TagScore{Tag: t, Labels: make([]int, len(r.Metrics.Labels))}
				by[t] = s
			}
			s.Rows++
			if m.Agrees() {
				s.Agree++
			}
			for i, l := range r.Metrics.Labels {
				if l == m.Row.Label {
					s.Labels[i]++
				}
			}
		}
	}
	if len(by) == 0 {
		return nil
	}
	out := make([]TagScore, 0, len(by))
	for _, s := range by {
		out = append(out, *s)
	}
	sort.Slice(out, func(a, b int) bool { return tagLess(out[a].Tag, out[b].Tag) })
	return out
}

// tagLess orders tags alphabetically, except that "rule-N" tags follow
// the others in rule order (rule-2 before rule-10).
func tagLess(a, b string) bool {
	ra, oka := ruleNumber(a)
	rb, okb := ruleNumber(b)
	switch {
	case oka && okb:
		if ra != rb {
			return ra < rb
		}
	case oka != okb:
		return okb
	}
	return a < b
}

func ruleNumber(t string) (int, bool) {
	var n int
	if rest, ok := strings.CutPrefix(t, "rule-"); ok {
		if _, err := fmt.Sscanf(rest, "%d", &n); err == nil && fmt.Sprint(n) == rest {
			return n, true
		}
	}
	return 0, false
}
