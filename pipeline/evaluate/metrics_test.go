package evaluate

import (
	"math"
	"testing"
)

func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) < 1e-9
}

func pairs(gold, sys []string) []Pair {
	out := make([]Pair, len(gold))
	for i := range gold {
		out[i] = Pair{Gold: gold[i], System: sys[i]}
	}
	return out
}

// Ten units worked by hand.
//
//	gold:   coop coop coop comp comp both neut neut neut neut
//	system: coop coop neut comp both both neut neut coop neut
//
// Confusion (rows gold, columns system; coop comp both neut):
//
//	coop [2 0 0 1]  support 3      column sums: coop 3, comp 1, both 2, neut 4
//	comp [0 1 1 0]  support 2
//	both [0 0 1 0]  support 1
//	neut [1 0 0 3]  support 4
//
// accuracy = 7/10 = 0.7
// coop P 2/3 R 2/3 F1 2/3; comp P 1 R 1/2 F1 2/3; both P 1/2 R 1 F1 2/3;
// neut P 3/4 R 3/4 F1 3/4; macro-F1 = (3*(2/3) + 3/4)/4 = 0.6875.
// kappa: pe = (3*3 + 2*1 + 1*2 + 4*4)/100 = 0.29; (0.7-0.29)/(1-0.29) = 0.41/0.71.
// alpha: coincidence marginals n_c = gold_c + sys_c = 6, 3, 3, 8 (n = 20);
// sum_{c!=k} n_c n_k = 20^2 - (36+9+9+64) = 282; off-diagonal o = 2*3 = 6;
// alpha = 1 - (20-1)*6/282 = 1 - 114/282.
func TestComputeHandWorkedFourLabels(t *testing.T) {
	g := []string{"cooperation", "cooperation", "cooperation", "competition", "competition", "both", "neutral", "neutral", "neutral", "neutral"}
	s := []string{"cooperation", "cooperation", "neutral", "competition", "both", "both", "neutral", "neutral", "cooperation", "neutral"}
	m, err := Compute(Labels, pairs(g, s))
	if err != nil {
		t.Fatal(err)
	}
	wantConf := [][]int{{2, 0, 0, 1}, {0, 1, 1, 0}, {0, 0, 1, 0}, {1, 0, 0, 3}}
	for i := range wantConf {
		for j := range wantConf[i] {
			if m.Confusion[i][j] != wantConf[i][j] {
				t.Fatalf("confusion = %v, want %v", m.Confusion, wantConf)
			}
		}
	}
	checks := []struct {
		name      string
		got, want float64
	}{
		{"accuracy", m.Accuracy, 0.7},
		{"macro-F1", m.MacroF1, 0.6875},
		{"kappa", m.Kappa, 0.41 / 0.71},
		{"alpha", m.Alpha, 1 - 114.0/282},
		{"coop P", m.Classes[0].Precision, 2.0 / 3},
		{"coop R", m.Classes[0].Recall, 2.0 / 3},
		{"comp P", m.Classes[1].Precision, 1},
		{"comp R", m.Classes[1].Recall, 0.5},
		{"comp F1", m.Classes[1].F1, 2.0 / 3},
		{"both P", m.Classes[2].Precision, 0.5},
		{"both R", m.Classes[2].Recall, 1},
		{"neutral F1", m.Classes[3].F1, 0.75},
	}
	for _, c := range checks {
		if !near(c.got, c.want) {
			t.Errorf("%s = %.12g, want %.12g", c.name, c.got, c.want)
		}
	}
	wantSupport := []int{3, 2, 1, 4}
	wantPred := []int{3, 1, 2, 4}
	for i, c := range m.Classes {
		if c.Support != wantSupport[i] || c.Predicted != wantPred[i] {
			t.Errorf("%s support/predicted = %d/%d, want %d/%d", c.Label, c.Support, c.Predicted, wantSupport[i], wantPred[i])
		}
	}
}

// Published worked examples, figures only.
func TestComputePublishedExamples(t *testing.T) {
	expand := func(labels []string, conf [][]int) []Pair {
		var out []Pair
		for g, row := range conf {
			for s, n := range row {
				for ; n > 0; n-- {
					out = append(out, Pair{Gold: labels[g], System: labels[s]})
				}
			}
		}
		return out
	}
	yn := []string{"yes", "no"}
	cases := []struct {
		name       string
		labels     []string
		pairs      []Pair
		kappa      float64
		alpha      float64
		tol        float64
		checkAlpha bool
		checkKappa bool
	}{
		{
			// Wikipedia, "Cohen's kappa", simple example: 50 grant proposals,
			// both yes 20, A yes/B no 5, A no/B yes 10, both no 15; kappa 0.4
			// (p_o 0.7, p_e 0.5, worked exactly).
			name: "wikipedia kappa", labels: yn, pairs: expand(yn, [][]int{{20, 5}, {10, 15}}),
			kappa: 0.4, tol: 1e-12, checkKappa: true,
		},
		{
			// easycalculation.com "Cohen's kappa index": 20 patients, 12 yes/yes,
			// 2 and 4 disagreements, 2 no/no; kappa 0.21 (0.08/0.38).
			name: "easycalculation kappa", labels: yn, pairs: expand(yn, [][]int{{12, 2}, {4, 2}}),
			kappa: 0.21, tol: 0.005, checkKappa: true,
		},
		{
			// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
			// A. binary data, two observers, no missing data:
			//   c: 0 1 0 0 0 0 0 0 1 0
			//   k: 1 1 1 0 0 1 0 0 0 0      alpha = 0.095
			// (o_01 = 4, n_0 = 14, n_1 = 6, n = 20: 1 - 19*4/(14*6)).
			// Kappa by hand: p_o 0.6; p_e 0.8*0.6 + 0.2*0.4 = 0.56; 0.04/0.44.
			name:   "krippendorff binary",
			labels: []string{"0", "1"},
			pairs: pairs(
				[]string{"0", "1", "0", "0", "0", "0", "0", "0", "1", "0"},
				[]string{"1", "1", "1", "0", "0", "1", "0", "0", "0", "0"}),
			alpha: 0.095, kappa: 0.04 / 0.44, tol: 0.0005, checkAlpha: true, checkKappa: true,
		},
		{
			// Krippendorff (2011), B. nominal data, two observers, no missing
			// data, twelve units:
			//   a a b b d c c c e d d a
			//   b a b b b c c c e d d d      alpha = 0.692
			name:   "krippendorff nominal",
			labels: []string{"a", "b", "c", "d", "e"},
			pairs: pairs(
				[]string{"a", "a", "b", "b", "d", "c", "c", "c", "e", "d", "d", "a"},
				[]string{"b", "a", "b", "b", "b", "c", "c", "c", "e", "d", "d", "d"}),
			alpha: 0.692, tol: 0.0005, checkAlpha: true,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := Compute(c.labels, c.pairs)
			if err != nil {
				t.Fatal(err)
			}
			if c.checkKappa && math.Abs(m.Kappa-c.kappa) > c.tol {
				t.Errorf("kappa = %.6f, want %.6f", m.Kappa, c.kappa)
			}
			if c.checkAlpha && math.Abs(m.Alpha-c.alpha) > c.tol {
				t.Errorf("alpha = %.6f, want %.6f", m.Alpha, c.alpha)
			}
		})
	}
}

func TestComputeEdgeCases(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name                   string
		gold, sys              []string
		acc, macro, kappa, alp float64
		// f1 per label (coop, comp, both, neutral); NaN = left out of macro.
		f1 []float64
	}{
		{
			name: "perfect agreement on two labels",
			gold: []string{"cooperation", "neutral"}, sys: []string{"cooperation", "neutral"},
			// pe = (1*1 + 1*1)/4 = 0.5: kappa (1-0.5)/0.5 = 1; alpha: off o = 0 -> 1.
			acc: 1, macro: 1, kappa: 1, alp: 1, f1: []float64{1, nan, nan, 1},
		},
		{
			name: "one label only: chance agreement is total",
			gold: []string{"neutral", "neutral"}, sys: []string{"neutral", "neutral"},
			// pe = 1 and D_e = 0: kappa and alpha undefined.
			acc: 1, macro: 1, kappa: nan, alp: nan, f1: []float64{nan, nan, nan, 1},
		},
		{
			name: "system never predicts the gold label",
			gold: []string{"both", "both"}, sys: []string{"neutral", "neutral"},
			// both: TP 0, support 2, predicted 0 -> F1 = 0/2 = 0; neutral:
			// TP 0, predicted 2 -> 0. pe = 0 -> kappa 0. alpha: n = 4,
			// n_both = n_neut = 2, off E = 16-8 = 8, off o = 4: 1 - 3*4/8 = -0.5.
			acc: 0, macro: 0, kappa: 0, alp: -0.5, f1: []float64{nan, nan, 0, 0},
		},
		{
			name: "no pairs",
			acc:  nan, macro: nan, kappa: nan, alp: nan, f1: []float64{nan, nan, nan, nan},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := Compute(Labels, pairs(c.gold, c.sys))
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range []struct {
				n    string
				g, w float64
			}{{"accuracy", m.Accuracy, c.acc}, {"macro-F1", m.MacroF1, c.macro}, {"kappa", m.Kappa, c.kappa}, {"alpha", m.Alpha, c.alp}} {
				if !near(x.g, x.w) {
					t.Errorf("%s = %v, want %v", x.n, x.g, x.w)
				}
			}
			for i, w := range c.f1 {
				if !near(m.Classes[i].F1, w) {
					t.Errorf("F1(%s) = %v, want %v", m.Classes[i].Label, m.Classes[i].F1, w)
				}
			}
		})
	}
}

func TestComputeRejectsUnknownLabels(t *testing.T) {
	if _, err := Compute(Labels, []Pair{{"cooperation", "rivalry"}}); err == nil {
		t.Error("unknown system label accepted")
	}
	if _, err := Compute(Labels, []Pair{{"coop", "neutral"}}); err == nil {
		t.Error("unknown gold label accepted")
	}
	if _, err := Compute([]string{"a", "a"}, nil); err == nil {
		t.Error("duplicate label accepted")
	}
}

func TestFromConfusionAgreesWithCompute(t *testing.T) {
	conf := [][]int{{5, 1, 0, 2}, {0, 7, 1, 3}, {1, 0, 2, 0}, {4, 2, 0, 20}}
	var ps []Pair
	for g, row := range conf {
		for s, n := range row {
			for ; n > 0; n-- {
				ps = append(ps, Pair{Labels[g], Labels[s]})
			}
		}
	}
	a, err := Compute(Labels, ps)
	if err != nil {
		t.Fatal(err)
	}
	b, err := FromConfusion(Labels, conf)
	if err != nil {
		t.Fatal(err)
	}
	if a.N != 48 || b.N != 48 || !near(a.Kappa, b.Kappa) || !near(a.Alpha, b.Alpha) || !near(a.MacroF1, b.MacroF1) {
		t.Errorf("Compute %+v\nFromConfusion %+v", a, b)
	}
	// accuracy = diagonal share: (5+7+2+20)/48.
	if !near(a.Accuracy, 34.0/48) {
		t.Errorf("accuracy %v, want 34/48", a.Accuracy)
	}
	if _, err := FromConfusion(Labels, conf[:2]); err == nil {
		t.Error("short matrix accepted")
	}
}
