package evaluate

import (
	"fmt"
	"math"
	"testing"
)

// pairsOf builds n pairs per (gold, system, count) triple.
func pairsOf(spec ...any) []Pair {
	var out []Pair
	for i := 0; i+2 < len(spec); i += 3 {
		for k := 0; k < spec[i+2].(int); k++ {
			out = append(out, Pair{Gold: spec[i].(string), System: spec[i+1].(string)})
		}
	}
	return out
}

func TestBootstrapBracketsTheScore(t *testing.T) {
	pairs := pairsOf(
		"cooperation", "cooperation", 40, "cooperation", "neutral", 10,
		"competition", "competition", 35, "competition", "both", 5,
		"both", "both", 8, "both", "cooperation", 4,
		"neutral", "neutral", 90, "neutral", "competition", 8)
	m, err := Compute(Labels, pairs)
	if err != nil {
		t.Fatal(err)
	}
	iv, err := Bootstrap(Labels, pairs, nil, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		point float64
		in    Interval
	}{{"accuracy", m.Accuracy, iv.Accuracy}, {"macro-F1", m.MacroF1, iv.MacroF1}, {"kappa", m.Kappa, iv.Kappa}, {"alpha", m.Alpha, iv.Alpha}} {
		if !(c.in.Lo < c.point && c.point < c.in.Hi) {
			t.Errorf("%s %.3f is not inside its interval [%.3f, %.3f]", c.name, c.point, c.in.Lo, c.in.Hi)
		}
		// 200 units: a 95% interval of a proportion near 0.85 is about
		// +-0.05 wide; far narrower or wider means the resampling is off.
		if w := c.in.Hi - c.in.Lo; w < 0.04 || w > 0.25 {
			t.Errorf("%s interval [%.3f, %.3f] has implausible width %.3f for 200 units", c.name, c.in.Lo, c.in.Hi, w)
		}
	}
	// Accuracy is a proportion: its bootstrap interval is close to the
	// normal approximation p +- 1.96 sqrt(p(1-p)/n).
	p, n := m.Accuracy, float64(m.N)
	half := 1.96 * math.Sqrt(p*(1-p)/n)
	if math.Abs(iv.Accuracy.Lo-(p-half)) > 0.015 || math.Abs(iv.Accuracy.Hi-(p+half)) > 0.015 {
		t.Errorf("accuracy interval [%.3f, %.3f], normal approximation [%.3f, %.3f]", iv.Accuracy.Lo, iv.Accuracy.Hi, p-half, p+half)
	}
}

func TestBootstrapNarrowsWithMoreUnits(t *testing.T) {
	small := pairsOf("cooperation", "cooperation", 20, "cooperation", "neutral", 5, "neutral", "neutral", 20, "neutral", "cooperation", 5)
	var large []Pair
	for k := 0; k < 9; k++ {
		large = append(large, small...)
	}
	a, err := Bootstrap(Labels, small, nil, 500)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Bootstrap(Labels, large, nil, 500)
	if err != nil {
		t.Fatal(err)
	}
	wa, wb := a.Kappa.Hi-a.Kappa.Lo, b.Kappa.Hi-b.Kappa.Lo
	// Nine times the units: about a third of the width.
	if ratio := wb / wa; ratio < 0.2 || ratio > 0.5 {
		t.Errorf("kappa interval width %.3f for 50 units, %.3f for 450: ratio %.2f, want about 1/3", wa, wb, ratio)
	}
}

func TestBootstrapDeterministicAndDegenerate(t *testing.T) {
	pairs := pairsOf("cooperation", "cooperation", 30, "competition", "neutral", 7, "neutral", "neutral", 30)
	a, _ := Bootstrap(Labels, pairs, nil, 300)
	b, _ := Bootstrap(Labels, pairs, nil, 300)
	if *a != *b {
		t.Errorf("same pairs, different intervals: %+v vs %+v", a, b)
	}
	all := pairsOf("neutral", "neutral", 10, "cooperation", "cooperation", 10)
	c, err := Bootstrap(Labels, all, nil, 200)
	if err != nil {
		t.Fatal(err)
	}
	if c.Accuracy != (Interval{1, 1}) {
		t.Errorf("perfect agreement: accuracy interval %+v, want [1, 1]", c.Accuracy)
	}
	// One gold label and one system label everywhere: kappa is undefined
	// in every resample.
	one := pairsOf("neutral", "neutral", 10)
	d, _ := Bootstrap(Labels, one, nil, 100)
	if !math.IsNaN(d.Kappa.Lo) || !math.IsNaN(d.Kappa.Hi) {
		t.Errorf("kappa undefined in every resample, interval %+v, want NaN", d.Kappa)
	}
	if _, err := Bootstrap(Labels, []Pair{{"neutral", "nuetral"}}, nil, 10); err == nil {
		t.Error("a typo in a label was accepted")
	}
	if _, err := Bootstrap(Labels, pairs, nil, 0); err == nil {
		t.Error("zero resamples accepted")
	}
}

// Clustered rows: documents that are each all right or all wrong carry
// less information than as many independent rows, and the cluster
// bootstrap says so with a wider interval.
func TestBootstrapClusters(t *testing.T) {
	var pairs []Pair
	var groups []string
	for d := 0; d < 20; d++ {
		sys := "neutral"
		if d%4 == 0 {
			sys = "cooperation" // a quarter of the documents entirely wrong
		}
		for k := 0; k < 10; k++ {
			pairs = append(pairs, Pair{Gold: "neutral", System: sys})
			groups = append(groups, fmt.Sprint("doc", d))
		}
	}
	rows, err := Bootstrap(Labels, pairs, nil, 1000)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := Bootstrap(Labels, pairs, groups, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if rows.Clusters != 200 || docs.Clusters != 20 {
		t.Errorf("clusters %d and %d, want 200 rows and 20 documents", rows.Clusters, docs.Clusters)
	}
	wr, wd := rows.Accuracy.Hi-rows.Accuracy.Lo, docs.Accuracy.Hi-docs.Accuracy.Lo
	// Ten rows per document with no variation inside: the interval
	// should be about sqrt(10) times wider.
	if ratio := wd / wr; ratio < 2 || ratio > 4.5 {
		t.Errorf("accuracy interval width %.3f by rows, %.3f by documents: ratio %.2f, want about 3.2", wr, wd, ratio)
	}
	if !(docs.Accuracy.Lo < 0.75 && 0.75 < docs.Accuracy.Hi) {
		t.Errorf("document bootstrap interval %+v does not bracket the accuracy 0.75", docs.Accuracy)
	}
	if _, err := Bootstrap(Labels, pairs, groups[:3], 10); err == nil {
		t.Error("groups of the wrong length accepted")
	}
}

func TestTagScores(t *testing.T) {
	row := func(label, note string) GoldRow { return GoldRow{Label: label, Note: note} }
	r := &Result{Metrics: &Metrics{Labels: Labels}, Matches: []Match{
		{Row: row("competition", "negation; rule-10"), Kind: Exact, System: "competition"},
		{Row: row("cooperation", "negation"), Kind: Exact, System: "neutral"},
		{Row: row("neutral", "Hedge,rule-2"), Kind: Exact, System: "neutral"},
		{Row: row("neutral", "rule-10;rule-10"), Kind: Exact, System: "cooperation"},
		{Row: row("neutral", "negation"), Reason: "no such document"}, // unmatched: not scored
		{Row: row("both", ""), Kind: Exact, System: "both"},
	}}
	got := r.TagScores()
	want := []struct {
		tag         string
		rows, agree int
	}{{"hedge", 1, 1}, {"negation", 2, 1}, {"rule-2", 1, 1}, {"rule-10", 2, 1}}
	if len(got) != len(want) {
		t.Fatalf("got %d tags %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Tag != w.tag || g.Rows != w.rows || g.Agree != w.agree {
			t.Errorf("tag %d: got %s %d/%d, want %s %d/%d", i, g.Tag, g.Agree, g.Rows, w.tag, w.agree, w.rows)
		}
	}
	if neg := got[1]; neg.Labels[0] != 1 || neg.Labels[1] != 1 || neg.Accuracy() != 0.5 {
		t.Errorf("negation by gold label %v, accuracy %v", neg.Labels, neg.Accuracy())
	}
	if (&Result{Metrics: &Metrics{Labels: Labels}, Matches: []Match{{Row: row("both", ""), Kind: Exact, System: "both"}}}).TagScores() != nil {
		t.Error("no notes: want nil")
	}
	if p := r.Pairs(); len(p) != 5 || p[1] != (Pair{"cooperation", "neutral"}) {
		t.Errorf("pairs %v", p)
	}
}

// TestBootstrapIgnoresRowOrder: the same pairs in another order give the
// same intervals, with documents as clusters and without.
func TestBootstrapIgnoresRowOrder(t *testing.T) {
	labels := []string{"a", "b"}
	var pairs []Pair
	var groups []string
	for i := 0; i < 40; i++ {
		p := Pair{Gold: labels[i%2], System: labels[(i/3)%2]}
		pairs = append(pairs, p)
		groups = append(groups, fmt.Sprintf("doc%d", i%7))
	}
	rev := func(p []Pair, g []string) ([]Pair, []string) {
		rp := append([]Pair(nil), p...)
		rg := append([]string(nil), g...)
		for i, j := 0, len(rp)-1; i < j; i, j = i+1, j-1 {
			rp[i], rp[j] = rp[j], rp[i]
			rg[i], rg[j] = rg[j], rg[i]
		}
		return rp, rg
	}
	rp, rg := rev(pairs, groups)
	for _, c := range []struct {
		name   string
		g1, g2 []string
	}{{"documents", groups, rg}, {"rows", nil, nil}} {
		a, err := Bootstrap(labels, pairs, c.g1, 300)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Bootstrap(labels, rp, c.g2, 300)
		if err != nil {
			t.Fatal(err)
		}
		if a.Kappa != b.Kappa || a.Accuracy != b.Accuracy || a.Alpha != b.Alpha {
			t.Errorf("%s: kappa %v vs %v, accuracy %v vs %v", c.name, a.Kappa, b.Kappa, a.Accuracy, b.Accuracy)
		}
	}
}
