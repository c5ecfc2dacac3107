package evaluate

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// CorpusEstimate turns a coded sample into estimates for the whole corpus
// it was drawn from, by post-stratification on the system's label: the
// coded rows whose system label is f stand for all the corpus sentences
// the system labelled f, so each gets the weight N_f / n_f (N_f corpus
// sentences with system label f, n_f coded rows among them). Weighted, the
// confusion matrix estimates the corpus's; from it come the estimated true
// share of each label (the system's shares corrected by the coding) and
// corpus-level accuracy, macro-F1 and kappa.
//
// The estimates are unbiased when the coded rows were drawn at random
// within each system label (techframe sample with --stratify frame or
// none). A sample that over-represents some labels, such as --stratify-mode
// equal, is then weighted back to the corpus; hand-picked rows are not a
// sample and give no valid estimate.
type CorpusEstimate struct {
	Labels []string
	// Sentences is the corpus size N; SystemCount[f] = N_f and
	// Coded[f] = n_f.
	Sentences   int
	SystemCount []int
	Coded       []int
	// Covered is the number of corpus sentences in strata with at least
	// one coded row: the estimates describe those sentences only.
	Covered int
	// SystemShare[f] = N_f / N; Share[g] the estimated share of
	// sentences whose true label is g (among the covered ones).
	SystemShare []float64
	Share       []float64
	// Weighted is the estimated corpus confusion matrix as proportions
	// (rows true label, columns system label), summing to 1.
	Weighted [][]float64
	Accuracy float64
	MacroF1  float64
	Kappa    float64
	// CI holds 95% percentile intervals from a stratified bootstrap (rows
	// resampled within each system label), nil when not computed.
	CI *CorpusIntervals
	// Spanning counts coded rows left out because they span several
	// system sentences (set by the caller).
	Spanning int
}

// CorpusIntervals are the 95% intervals of a CorpusEstimate.
type CorpusIntervals struct {
	Resamples int
	Share     []Interval
	Accuracy  Interval
	MacroF1   Interval
	Kappa     Interval
}

// EstimateCorpus computes the CorpusEstimate of pairs (the coded rows)
// against systemCount, the number of corpus sentences per system label in
// labels order. sentences[i] names the system sentence that pairs[i]
// codes (Result.SentencePairs); nil when every row codes a sentence of its
// own. Rows coding two parts of one sentence (where the system joined two
// sentences) are two rows of its stratum but one of the inputs' sentences:
// a stratum may not hold more coded sentences than the inputs have. With
// resamples > 0 it adds bootstrap intervals.
func EstimateCorpus(labels []string, pairs []Pair, sentences []string, systemCount []int, resamples int) (*CorpusEstimate, error) {
	k := len(labels)
	if len(systemCount) != k {
		return nil, fmt.Errorf("%d system counts for %d labels", len(systemCount), k)
	}
	strata, err := strataOf(labels, pairs, sentences)
	if err != nil {
		return nil, err
	}
	e := &CorpusEstimate{Labels: append([]string(nil), labels...), SystemCount: append([]int(nil), systemCount...), Coded: make([]int, k)}
	for s := range strata {
		for _, u := range strata[s] {
			e.Coded[s] += len(u)
		}
		if n := len(strata[s]); n > systemCount[s] {
			return nil, fmt.Errorf("the coded rows name %d sentences with system label %s, but the inputs have only %d such sentences: the gold file does not come from these inputs", n, labels[s], systemCount[s])
		}
		e.Sentences += systemCount[s]
		if e.Coded[s] > 0 {
			e.Covered += systemCount[s]
		}
	}
	e.SystemShare = make([]float64, k)
	for s, n := range systemCount {
		e.SystemShare[s] = ratio(n, e.Sentences)
	}
	e.Weighted, e.Share, e.Accuracy, e.MacroF1, e.Kappa = weightedScores(strata, systemCount)
	if resamples > 0 && e.Covered > 0 {
		e.CI = corpusBootstrap(strata, systemCount, resamples)
	}
	return e, nil
}

// weightedScores computes the post-stratified confusion proportions and
// scores of strata (the coded sentences per system label).
func weightedScores(strata [][]unit, systemCount []int) (w [][]float64, share []float64, acc, macroF1, kappa float64) {
	k := len(strata)
	w = make([][]float64, k)
	for g := range w {
		w[g] = make([]float64, k)
	}
	// Rows are counted per cell first and every sum is taken before the
	// one division by total, so that agreeing rows give exact figures (an
	// accuracy of exactly 1, not 0.9999999999999999).
	total := 0.0
	for s, units := range strata {
		if len(units) == 0 {
			continue
		}
		for _, u := range units {
			u.add(w, s)
		}
		for g := range w {
			w[g][s] = w[g][s] * float64(systemCount[s]) / float64(len(units))
		}
		total += float64(systemCount[s])
	}
	share = make([]float64, k)
	if total == 0 {
		nan := math.NaN()
		for g := range share {
			share[g] = nan
		}
		return w, share, nan, nan, nan
	}
	sys := make([]float64, k)
	for g := range w {
		for s := range w[g] {
			share[g] += w[g][s]
			sys[s] += w[g][s]
		}
		acc += w[g][g]
	}
	acc /= total
	for g := range w {
		share[g] /= total
		sys[g] /= total
		for s := range w[g] {
			w[g][s] /= total
		}
	}
	f1s, nF1 := 0.0, 0
	pe := 0.0
	for c := 0; c < k; c++ {
		if share[c]+sys[c] > 0 {
			f1s += 2 * w[c][c] / (share[c] + sys[c])
			nF1++
		}
		pe += share[c] * sys[c]
	}
	macroF1, kappa = math.NaN(), math.NaN()
	if nF1 > 0 {
		macroF1 = f1s / float64(nF1)
	}
	if pe < 1 {
		kappa = (acc - pe) / (1 - pe)
	}
	return w, share, acc, macroF1, kappa
}

// corpusBootstrap resamples the coded sentences within each stratum (the
// sampling design) and takes percentile intervals of the estimates.
func corpusBootstrap(strata [][]unit, systemCount []int, resamples int) *CorpusIntervals {
	k := len(strata)
	n := 0
	for _, units := range strata {
		for _, u := range units {
			n += len(u)
		}
	}
	rng := rand.New(rand.NewPCG(BootstrapSeed, uint64(n)<<32|0xC0))
	shares := make([][]float64, k)
	var accs, f1s, kappas []float64
	draw := make([][]unit, k)
	for b := 0; b < resamples; b++ {
		resampleStrata(rng, strata, draw)
		_, sh, acc, f1, ka := weightedScores(draw, systemCount)
		for g := range sh {
			shares[g] = append(shares[g], sh[g])
		}
		accs = append(accs, acc)
		if !math.IsNaN(f1) {
			f1s = append(f1s, f1)
		}
		if !math.IsNaN(ka) {
			kappas = append(kappas, ka)
		}
	}
	ci := &CorpusIntervals{Resamples: resamples, Share: make([]Interval, k)}
	for g := range shares {
		ci.Share[g] = percentiles(shares[g], resamples, 0.025, 0.975)
	}
	ci.Accuracy = percentiles(accs, resamples, 0.025, 0.975)
	ci.MacroF1 = percentiles(f1s, resamples, 0.025, 0.975)
	ci.Kappa = percentiles(kappas, resamples, 0.025, 0.975)
	return ci
}

// GroupCounts is one group of the inputs (an outlet, a year) with its
// sentences counted by system label, in the labels' order.
type GroupCounts struct {
	Group       string
	SystemCount []int
}

// GroupEstimate is a group's frame shares as the system gives them and as
// corrected by the coding.
type GroupEstimate struct {
	Group       string
	Sentences   int
	SystemCount []int
	SystemShare []float64
	// Covered is the number of the group's sentences whose system label
	// has coded rows; Share describes those.
	Covered int
	Share   []float64
	// CI holds 95% intervals of Share (nil without resamples).
	CI []Interval
}

// EstimateGroups corrects each group's frame shares by the coding: the
// coded rows give, for each system label s, the share of its sentences
// whose true label is g (over the whole sample), and a group's corrected
// count of g is the sum over s of its sentences labelled s times that
// share. It assumes that the tagger errs alike in every group (the same
// label confusion in every outlet or year); where that is doubtful, code
// a sample per group and run evaluate on each. Intervals come from the
// stratified bootstrap of EstimateCorpus (the same draws for every group).
func EstimateGroups(labels []string, pairs []Pair, sentences []string, groups []GroupCounts, resamples int) ([]GroupEstimate, error) {
	k := len(labels)
	strata, err := strataOf(labels, pairs, sentences)
	if err != nil {
		return nil, err
	}
	out := make([]GroupEstimate, len(groups))
	for i, g := range groups {
		if len(g.SystemCount) != k {
			return nil, fmt.Errorf("group %q: %d system counts for %d labels", g.Group, len(g.SystemCount), k)
		}
		e := GroupEstimate{Group: g.Group, SystemCount: append([]int(nil), g.SystemCount...), SystemShare: make([]float64, k)}
		for s, n := range g.SystemCount {
			e.Sentences += n
			if len(strata[s]) > 0 {
				e.Covered += n
			}
		}
		for s, n := range g.SystemCount {
			e.SystemShare[s] = ratio(n, e.Sentences)
		}
		e.Share = correctedShares(strata, g.SystemCount)
		out[i] = e
	}
	if resamples <= 0 || len(pairs) == 0 {
		return out, nil
	}
	rng := rand.New(rand.NewPCG(BootstrapSeed, uint64(len(pairs))<<32|0x6E))
	draws := make([][][]float64, len(groups)) // group, label, draw
	for i := range draws {
		draws[i] = make([][]float64, k)
	}
	draw := make([][]unit, k)
	for b := 0; b < resamples; b++ {
		resampleStrata(rng, strata, draw)
		for i, g := range groups {
			for l, v := range correctedShares(draw, g.SystemCount) {
				if !math.IsNaN(v) {
					draws[i][l] = append(draws[i][l], v)
				}
			}
		}
	}
	for i := range out {
		out[i].CI = make([]Interval, k)
		for l := range out[i].CI {
			out[i].CI[l] = percentiles(draws[i][l], resamples, 0.025, 0.975)
		}
	}
	return out, nil
}

// correctedShares is the share of each true label among sentences counted
// by system label (counts), each stratum split by its coded rows' gold
// labels (strata[s]); strata without coded rows are left out. NaN when no
// counted sentence has coded rows.
func correctedShares(strata [][]unit, counts []int) []float64 {
	k := len(strata)
	share := make([]float64, k)
	total := 0.0
	for s, units := range strata {
		if len(units) == 0 || counts[s] == 0 {
			continue
		}
		w := float64(counts[s]) / float64(len(units))
		for _, u := range units {
			for _, g := range u {
				share[g] += w / float64(len(u))
			}
		}
		total += float64(counts[s])
	}
	for g := range share {
		if total == 0 {
			share[g] = math.NaN()
		} else {
			share[g] /= total
		}
	}
	return share
}

// unit is one coded sentence of a stratum: the gold labels of its coded
// rows, one unless the system joined sentences that the coders coded as
// parts. Its parts share the sentence's weight.
type unit []int

// add adds the unit's weight (1, shared among its parts) to column s of
// w, at each part's gold label.
func (u unit) add(w [][]float64, s int) {
	for _, g := range u {
		w[g][s] += 1 / float64(len(u))
	}
}

// strataOf groups the pairs by system label (the strata of the sampling
// design) into coded sentences: sentences[i] names pairs[i]'s (nil: every
// pair its own), and pairs naming one sentence are one unit.
func strataOf(labels []string, pairs []Pair, sentences []string) ([][]unit, error) {
	gold, sys, err := labelIndexes(labels, pairs)
	if err != nil {
		return nil, err
	}
	if sentences != nil && len(sentences) != len(pairs) {
		return nil, fmt.Errorf("%d sentence names for %d coded rows", len(sentences), len(pairs))
	}
	strata := make([][]unit, len(labels))
	at := map[string][2]int{} // a named sentence's stratum and unit
	for i := range pairs {
		if sentences != nil {
			if p, ok := at[sentences[i]]; ok {
				strata[p[0]][p[1]] = append(strata[p[0]][p[1]], gold[i])
				continue
			}
			at[sentences[i]] = [2]int{sys[i], len(strata[sys[i]])}
		}
		strata[sys[i]] = append(strata[sys[i]], unit{gold[i]})
	}
	return strata, nil
}

// resampleStrata fills draw[s] with len(strata[s]) coded sentences drawn
// with replacement from strata[s], for every stratum.
func resampleStrata(rng *rand.Rand, strata, draw [][]unit) {
	for s, units := range strata {
		draw[s] = draw[s][:0]
		for range units {
			draw[s] = append(draw[s], units[rng.IntN(len(units))])
		}
	}
}
