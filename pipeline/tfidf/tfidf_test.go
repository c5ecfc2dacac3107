package tfidf

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/vocab"
)

// corpus: three documents of space-separated tokens, one sentence each.
//
//	d0: chips chips trade     d1: trade cloud     d2: cloud cloud cloud
//
// Terms in byte order: chips (df 1), cloud (df 2), trade (df 2); n = 3.
func corpus(t *testing.T) *vocab.Matrix {
	t.Helper()
	b, err := vocab.NewBuilder(vocab.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range []string{"chips chips trade", "trade cloud", "cloud cloud cloud"} {
		d := &pipeline.Document{ID: fmt.Sprintf("d%d", i), Text: s}
		pos := 0
		for _, w := range strings.Fields(s) {
			d.Tokens = append(d.Tokens, pipeline.Token{Span: pipeline.Span{Start: pos, End: pos + len(w)}, Norm: w})
			pos += len(w) + 1
		}
		b.Add(d)
	}
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// want works the weights out by hand for the 3 x 3 corpus above:
// counts[d][j] with j = chips, cloud, trade.
func want(o Options) [3][3]float64 {
	counts := [3][3]float64{{2, 0, 1}, {0, 1, 1}, {0, 3, 0}}
	df := [3]float64{1, 2, 2}
	var w [3][3]float64
	for d := 0; d < 3; d++ {
		var sum2, sum1 float64
		for j := 0; j < 3; j++ {
			c := counts[d][j]
			if c == 0 {
				continue
			}
			tf := c
			if o.TF == "sublinear" {
				tf = 1 + math.Log(c) // 2 -> 1.6931, 3 -> 2.0986
			}
			idf := 1.0
			switch o.IDF {
			case "smooth":
				idf = math.Log(4/(1+df[j])) + 1 // chips 1+ln 2, cloud/trade 1+ln 4/3
			case "plain":
				idf = math.Log(3/df[j]) + 1 // chips 1+ln 3, cloud/trade 1+ln 1.5
			}
			w[d][j] = tf * idf
			sum2 += w[d][j] * w[d][j]
			sum1 += w[d][j]
		}
		for j := 0; j < 3; j++ {
			switch o.Norm {
			case "l2":
				w[d][j] /= math.Sqrt(sum2)
			case "l1":
				w[d][j] /= sum1
			}
		}
	}
	return w
}

func TestTransformAllOptions(t *testing.T) {
	m := corpus(t)
	if strings.Join(m.Terms, ",") != "chips,cloud,trade" {
		t.Fatalf("terms %v", m.Terms)
	}
	for _, tf := range []string{"raw", "sublinear"} {
		for _, idf := range []string{"smooth", "plain", "none"} {
			for _, norm := range []string{"l2", "l1", "none"} {
				o := Options{TF: tf, IDF: idf, Norm: norm}
				t.Run(fmt.Sprintf("%s-%s-%s", tf, idf, norm), func(t *testing.T) {
					w, err := Transform(m, o)
					if err != nil {
						t.Fatal(err)
					}
					exp := want(o)
					for d := 0; d < 3; d++ {
						for j := 0; j < 3; j++ {
							if got := w.W.At(d, j); math.Abs(got-exp[d][j]) > 1e-12 {
								t.Errorf("w[%d][%s] = %.15g, want %.15g", d, m.Terms[j], got, exp[d][j])
							}
						}
					}
				})
			}
		}
	}
}

// Pinned decimals (worked on paper, agreeing with scikit-learn 1.x):
// d0 raw/smooth/l2: chips 2(1+ln2) = 3.386294, trade 1+ln(4/3) = 1.287682,
// norm sqrt(3.386294^2 + 1.287682^2) = 3.622868 -> 0.934702, 0.355432.
func TestTransformPinned(t *testing.T) {
	m := corpus(t)
	cases := []struct {
		o       Options
		d, j    int
		wantVal float64
	}{
		{DefaultOptions(), 0, 0, 0.93470196},
		{DefaultOptions(), 0, 2, 0.35543247},
		{DefaultOptions(), 1, 1, 0.70710678},
		{Options{"sublinear", "plain", "l1"}, 0, 0, 0.71656722},
		{Options{"sublinear", "plain", "l1"}, 0, 2, 0.28343278},
		{Options{"sublinear", "smooth", "none"}, 2, 1, 2.09861229 * (1 + math.Log(4.0/3))},
		{Options{"sublinear", "none", "none"}, 2, 1, 2.09861229},
	}
	for _, c := range cases {
		w, _ := Transform(m, c.o)
		if got := w.W.At(c.d, c.j); math.Abs(got-c.wantVal) > 1e-8 {
			t.Errorf("%+v w[%d][%d] = %.10f, want %.10f", c.o, c.d, c.j, got, c.wantVal)
		}
	}
	w, _ := Transform(m, DefaultOptions())
	if math.Abs(w.IDF[0]-1.6931471806) > 1e-9 || math.Abs(w.IDF[1]-1.2876820725) > 1e-9 {
		t.Errorf("idf %v", w.IDF)
	}
	// counts untouched
	if m.Counts.At(0, 0) != 2 {
		t.Errorf("counts modified")
	}
}

func TestTop(t *testing.T) {
	m := corpus(t)
	w, _ := Transform(m, DefaultOptions())
	top := w.TopDoc(0, 1)
	if len(top) != 1 || m.Terms[top[0].Term] != "chips" || top[0].Count != 2 {
		t.Errorf("top doc 0: %+v", top)
	}
	// group {d1, d2}: cloud (0.70710678 + 1)/2 = 0.85355339, trade 0.70710678/2 = 0.35355339
	g := w.TopGroup([]int{1, 2}, 0)
	if len(g) != 2 || m.Terms[g[0].Term] != "cloud" || m.Terms[g[1].Term] != "trade" {
		t.Fatalf("group: %+v", g)
	}
	if math.Abs(g[0].Score-0.85355339) > 1e-8 || math.Abs(g[1].Score-0.35355339) > 1e-8 {
		t.Errorf("group scores %v %v", g[0].Score, g[1].Score)
	}
	if g[0].Count != 4 || g[0].Docs != 2 || g[0].Doc != 2 {
		t.Errorf("cloud: %+v (example should be d2, its best document)", g[0])
	}
	if w.TopGroup(nil, 3) != nil {
		t.Errorf("empty group")
	}
}

func TestValidate(t *testing.T) {
	for _, o := range []Options{{"log", "smooth", "l2"}, {"raw", "bm25", "l2"}, {"raw", "smooth", "max"}} {
		if err := o.Validate(); !errors.Is(err, pipeline.ErrUsage) {
			t.Errorf("%+v: %v", o, err)
		}
	}
}

// The top-k selection path (k small against the row) must give exactly the
// head of the full sort, ties included.
func TestRankSelectionMatchesSort(t *testing.T) {
	terms := make([]string, 200)
	var all []Scored
	for j := range terms {
		terms[j] = fmt.Sprintf("t%03d", (j*37)%200)
		all = append(all, Scored{Term: j, Score: float64((j * 7919) % 13), Count: float64(j % 3)})
	}
	full := rank(append([]Scored(nil), all...), terms, 0)
	for _, k := range []int{1, 5, 20} {
		got := rank(append([]Scored(nil), all...), terms, k)
		if len(got) != k {
			t.Fatalf("k=%d: %d results", k, len(got))
		}
		for i := range got {
			if got[i] != full[i] {
				t.Errorf("k=%d [%d]: %+v, want %+v", k, i, got[i], full[i])
			}
		}
	}
}
