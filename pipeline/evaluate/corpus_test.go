package evaluate

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// A worked example by hand. Corpus: 1,000 sentences the system calls
// neutral, 100 competition. Coded: 10 of the neutral ones (2 truly
// competition) and 10 of the competition ones (6 truly competition, 4
// neutral). Weights: 100 per neutral row, 10 per competition row.
// Estimated true competition: 2*100 + 6*10 = 260 of 1,100.
func TestEstimateCorpusByHand(t *testing.T) {
	pairs := pairsOf(
		"neutral", "neutral", 8, "competition", "neutral", 2,
		"competition", "competition", 6, "neutral", "competition", 4)
	e, err := EstimateCorpus(Labels, pairs, nil, []int{0, 100, 0, 1000}, 0)
	if err != nil {
		t.Fatal(err)
	}
	wantNear(t, "share competition", e.Share[1], 260.0/1100)
	wantNear(t, "share neutral", e.Share[3], 840.0/1100)
	wantNear(t, "system share competition", e.SystemShare[1], 100.0/1100)
	wantNear(t, "accuracy", e.Accuracy, (800.0+60)/1100)
	// Kappa from the weighted proportions: po = 860/1100,
	// pe = (260/1100)(100/1100) + (840/1100)(1000/1100).
	po, pe := 860.0/1100, 260.0/1100*100/1100+840.0/1100*1000/1100
	wantNear(t, "kappa", e.Kappa, (po-pe)/(1-pe))
	// F1 over the two labels present: competition 2*60/(260+100),
	// neutral 2*800/(840+1000).
	wantNear(t, "macro-F1", e.MacroF1, (120.0/360+1600.0/1840)/2)
	if e.Sentences != 1100 || e.Covered != 1100 || e.Coded[3] != 10 || e.CI != nil {
		t.Errorf("sentences %d covered %d coded %v ci %v", e.Sentences, e.Covered, e.Coded, e.CI)
	}
	// The unweighted sample says 8 of 20 competition: 40%, not 24%.
	if m, _ := Compute(Labels, pairs); math.Abs(float64(m.Classes[1].Support)/20-0.4) > 1e-9 {
		t.Errorf("sample share %v", m.Classes[1].Support)
	}
}

// On a simulated corpus with known truth, the estimate from an equal-
// allocation sample lands near the true shares while the sample's own
// shares do not, and the 95% interval covers the truth.
func TestEstimateCorpusRecoversTruth(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	// True label per sentence and a noisy system label.
	type sent struct{ gold, sys int }
	var corpus []sent
	trueShare := []float64{0.10, 0.15, 0.03, 0.72}
	for i := 0; i < 20000; i++ {
		u, g := rng.Float64(), 0
		for acc := trueShare[0]; u > acc && g < 3; {
			g++
			acc += trueShare[g]
		}
		s := g
		if rng.Float64() < 0.3 { // 30% errors, towards neutral or at random
			if rng.Float64() < 0.6 {
				s = 3
			} else {
				s = rng.IntN(4)
			}
		}
		corpus = append(corpus, sent{g, s})
	}
	count := make([]int, 4)
	truth := make([]float64, 4)
	byStratum := make([][]sent, 4)
	for _, c := range corpus {
		count[c.sys]++
		truth[c.gold] += 1 / float64(len(corpus))
		byStratum[c.sys] = append(byStratum[c.sys], c)
	}
	// Equal allocation: 100 per system label.
	var pairs []Pair
	for s := range byStratum {
		for _, i := range rng.Perm(len(byStratum[s]))[:100] {
			c := byStratum[s][i]
			pairs = append(pairs, Pair{Gold: Labels[c.gold], System: Labels[c.sys]})
		}
	}
	e, err := EstimateCorpus(Labels, pairs, nil, count, 1000)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := Compute(Labels, pairs)
	for g, l := range Labels {
		sampleShare := float64(m.Classes[g].Support) / float64(m.N)
		t.Logf("%-11s truth %.3f estimate %.3f [%.3f, %.3f] sample %.3f system %.3f", l, truth[g], e.Share[g], e.CI.Share[g].Lo, e.CI.Share[g].Hi, sampleShare, e.SystemShare[g])
		if math.Abs(e.Share[g]-truth[g]) > 0.04 {
			t.Errorf("%s: estimate %.3f, truth %.3f", l, e.Share[g], truth[g])
		}
		if !(e.CI.Share[g].Lo <= truth[g] && truth[g] <= e.CI.Share[g].Hi) {
			t.Errorf("%s: interval [%.3f, %.3f] misses the truth %.3f", l, e.CI.Share[g].Lo, e.CI.Share[g].Hi, truth[g])
		}
	}
	// The raw sample over-represents the rare labels: neutral is 72% of
	// the corpus but far less of an equal-allocation sample.
	if s := float64(m.Classes[3].Support) / float64(m.N); s > 0.5 {
		t.Errorf("sample neutral share %.3f: the simulation does not test weighting", s)
	}
}

func TestEstimateCorpusCoverageAndErrors(t *testing.T) {
	// Nothing coded among the 500 system-"both" sentences: they are left
	// out of the estimates, which describe the 1,000 covered sentences.
	pairs := pairsOf("neutral", "neutral", 5, "cooperation", "cooperation", 5)
	e, err := EstimateCorpus(Labels, pairs, nil, []int{400, 0, 500, 600}, 100)
	if err != nil {
		t.Fatal(err)
	}
	if e.Sentences != 1500 || e.Covered != 1000 || math.Abs(e.Share[0]-0.4) > 1e-9 || e.Accuracy != 1 {
		t.Errorf("sentences %d covered %d share %v accuracy %v", e.Sentences, e.Covered, e.Share, e.Accuracy)
	}
	if _, err := EstimateCorpus(Labels, pairsOf("neutral", "neutral", 7), nil, []int{0, 0, 0, 5}, 0); err == nil {
		t.Error("more coded rows than corpus sentences accepted")
	}
	if _, err := EstimateCorpus(Labels, pairs, nil, []int{1, 2}, 0); err == nil {
		t.Error("counts of the wrong length accepted")
	}
	none, err := EstimateCorpus(Labels, nil, nil, []int{1, 2, 3, 4}, 50)
	if err != nil || !math.IsNaN(none.Accuracy) || none.CI != nil {
		t.Errorf("no rows: %v, accuracy %v, ci %v", err, none.Accuracy, none.CI)
	}
}

func TestEstimateGroups(t *testing.T) {
	pairs := pairsOf(
		"neutral", "neutral", 8, "competition", "neutral", 2,
		"competition", "competition", 6, "neutral", "competition", 4)
	groups := []GroupCounts{
		{"only competition", []int{0, 100, 0, 0}},
		{"only neutral", []int{0, 0, 0, 1000}},
		{"mixed, with both", []int{0, 100, 50, 1000}}, // no coded "both" row
		{"all", []int{0, 100, 0, 1000}},
	}
	est, err := EstimateGroups(Labels, pairs, nil, groups, 500)
	if err != nil {
		t.Fatal(err)
	}
	// The coding says: of sentences labelled competition 6 in 10 are,
	// of those labelled neutral 2 in 10 are competition.
	wantNear(t, "only competition: competition", est[0].Share[1], 0.6)
	wantNear(t, "only competition: neutral", est[0].Share[3], 0.4)
	wantNear(t, "only neutral: competition", est[1].Share[1], 0.2)
	wantNear(t, "system share of only neutral", est[1].SystemShare[3], 1)
	if e := est[2]; e.Sentences != 1150 || e.Covered != 1100 {
		t.Errorf("mixed: sentences %d covered %d, want 1150 and 1100 (no coded row labelled both)", e.Sentences, e.Covered)
	}
	// One group holding the whole input is the corpus estimate.
	c, err := EstimateCorpus(Labels, pairs, nil, groups[3].SystemCount, 0)
	if err != nil {
		t.Fatal(err)
	}
	for l := range Labels {
		wantNear(t, "all = corpus estimate, "+Labels[l], est[3].Share[l], c.Share[l])
	}
	for _, e := range est {
		for l, iv := range e.CI {
			if !math.IsNaN(e.Share[l]) && !(iv.Lo <= e.Share[l] && e.Share[l] <= iv.Hi) {
				t.Errorf("%s %s: interval %+v misses %.3f", e.Group, Labels[l], iv, e.Share[l])
			}
		}
	}
	// The competition stratum has 10 rows: its share 0.6 is uncertain,
	// and the interval says so.
	if iv := est[0].CI[1]; iv.Hi-iv.Lo < 0.3 {
		t.Errorf("only competition: interval %+v is too narrow for 10 coded rows", iv)
	}
	if _, err := EstimateGroups(Labels, pairs, nil, []GroupCounts{{"bad", []int{1}}}, 0); err == nil {
		t.Error("counts of the wrong length accepted")
	}
}

// wantNear reports got != want beyond rounding (near).
func wantNear(t *testing.T, name string, got, want float64) {
	t.Helper()
	if !near(got, want) {
		t.Errorf("%s = %.6f, want %.6f", name, got, want)
	}
}

// Two rows coding two parts of one system sentence (the system joined two
// sentences) are two rows of its stratum but one of the inputs'
// sentences: the inputs' only "both" sentence coded in two parts is not
// taken for a gold file from other inputs, and its weight goes to the two
// rows. Coded sentences beyond the inputs' are still refused.
func TestEstimateCorpusTwoPartsOfOneSentence(t *testing.T) {
	d1 := doc("d1", " ", []string{"E f, g h.", "A b."}, []string{"both", "neutral"})
	r := run(t, gold(t, "doc_id,sentence,label\nd1,E f,cooperation\nd1,g h.,competition\nd1,A b.,neutral\n"), d1)
	pairs, sentences, spanning := r.SentencePairs()
	if len(pairs) != 3 || spanning != 0 || sentences[0] != sentences[1] || sentences[1] == sentences[2] {
		t.Fatalf("pairs %v, sentences %q, spanning %d: want 3 pairs, the first two of one sentence", pairs, sentences, spanning)
	}
	e, err := EstimateCorpus(Labels, pairs, sentences, r.SystemCount, 0)
	if err != nil {
		t.Fatal(err)
	}
	if e.Sentences != 2 || e.Coded[2] != 2 || e.Coded[3] != 1 {
		t.Errorf("sentences %d, coded %v: want 2 sentences, 2 rows labelled both, 1 neutral", e.Sentences, e.Coded)
	}
	wantNear(t, "share cooperation", e.Share[0], 0.25)
	wantNear(t, "share competition", e.Share[1], 0.25)
	wantNear(t, "share neutral", e.Share[3], 0.5)
	// Counted as rows, or as two sentences, they are more than the inputs
	// have.
	for _, names := range [][]string{nil, {"s1", "s2", "s3"}} {
		if _, err := EstimateCorpus(Labels, pairs, names, r.SystemCount, 0); err == nil || !strings.Contains(err.Error(), "name 2 sentences with system label both, but the inputs have only 1") {
			t.Errorf("sentences %q: error %v", names, err)
		}
	}
	if _, err := EstimateCorpus(Labels, pairs, sentences[:2], r.SystemCount, 0); err == nil {
		t.Error("fewer sentence names than pairs accepted")
	}
}

// TestEstimateCorpusPartsShareTheirSentence: two parts of one sentence
// share its weight in a stratum that holds other coded sentences too, in
// the estimate, the group shares and the bootstrap (review: each part
// weighed a whole sentence, giving cooperation 2/3 instead of 1/2).
func TestEstimateCorpusPartsShareTheirSentence(t *testing.T) {
	pairs := []Pair{{"cooperation", "both"}, {"cooperation", "both"}, {"competition", "both"}}
	names := []string{"d\x000", "d\x000", "d\x001"}
	e, err := EstimateCorpus(Labels, pairs, names, []int{0, 0, 2, 0}, 200)
	if err != nil {
		t.Fatal(err)
	}
	wantNear(t, "share cooperation", e.Share[0], 0.5)
	wantNear(t, "share competition", e.Share[1], 0.5)
	if e.Coded[2] != 3 {
		t.Errorf("coded %v: want the 3 rows counted", e.Coded)
	}
	g, err := EstimateGroups(Labels, pairs, names, []GroupCounts{{Group: "all", SystemCount: []int{0, 0, 2, 0}}}, 200)
	if err != nil {
		t.Fatal(err)
	}
	wantNear(t, "group share cooperation", g[0].Share[0], 0.5)
	// Every bootstrap draw takes whole sentences: a share of cooperation
	// is 0, 1/2 or 1, never the 1/3 or 2/3 of drawing rows.
	for _, iv := range []Interval{e.CI.Share[0], g[0].CI[0]} {
		for _, v := range []float64{iv.Lo, iv.Hi} {
			if v != 0 && v != 0.5 && v != 1 {
				t.Errorf("interval %+v: bound %v is no share of whole sentences", iv, v)
			}
		}
	}
}
