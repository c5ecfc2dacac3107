package framing

import (
	"fmt"
	"os"
	"strconv"
	"testing"
)

// goldSets are the ten labelled sets the combiner learns from, in
// leave-one-set-out order; codebookGold (the codebook's own examples) is
// added to the training side of every fold.
var goldSets = []struct{ name, path string }{
	{"dev", "testdata/gold/dev.csv"},
	{"coded", "../../samples/coded.csv"},
	{"heldout", "testdata/gold/heldout.csv"},
	{"heldout2", "testdata/gold/heldout2.csv"},
	{"heldout3", "testdata/gold/heldout3.csv"},
	{"train5", "testdata/gold/train5.csv"},
	{"train6", "testdata/gold/train6.csv"},
	{"train7", "testdata/gold/train7.csv"},
	{"train8", "testdata/gold/train8.csv"},
	{"train9", "testdata/gold/train9.csv"},
}

// examples turns gold rows into training examples with the test tagger
// (the hand rule's features do not depend on the combiner).
func examples(rows []goldRow) []Example {
	out := make([]Example, len(rows))
	for i, r := range rows {
		doc := oneSentence(r.sentence)
		if err := testGaz.Process(doc); err != nil {
			panic(err)
		}
		fs, gs := testTagger.FeaturesGrams(doc)
		out[i] = Example{F: fs[0], Grams: gs[0], Label: r.label}
	}
	return out
}

// predict labels examples with m (nil: the hand rule).
func predict(m *Model, exs []Example) []string {
	out := make([]string, len(exs))
	for i, ex := range exs {
		if m == nil {
			out[i] = testTagger.RuleLabel(ex.F)
		} else {
			out[i] = LabelWith(m, ex.F)
		}
	}
	return out
}

func labelsOf(exs []Example) []string {
	out := make([]string, len(exs))
	for i, ex := range exs {
		out[i] = ex.Label
	}
	return out
}

// codebookGold holds sentences built on the examples of DOMAIN.md's
// decision rules and hard cases.
const codebookGold = "testdata/gold/codebook.csv"

func codebookExamples(t *testing.T) []Example { return examples(readGold(t, codebookGold)) }

func loadSets(t *testing.T) ([][]Example, []string) {
	var sets [][]Example
	var names []string
	for _, s := range goldSets {
		rows := readGold(t, s.path)
		sets = append(sets, examples(rows))
		names = append(names, s.name)
	}
	return sets, names
}

func meanOf(fs []Fold, f func(Fold) float64) float64 {
	s := 0.0
	for _, x := range fs {
		s += f(x)
	}
	return s / float64(len(fs))
}

// TestLeaveOneSetOut reports, for each of the gold sets, the hand
// rule's score and the score of a combiner (cue features + n-grams)
// trained on the other sets and the codebook examples. It fails when the
// learned combiner's mean macro-F1 or kappa falls below the rule's.
//
// By default the combiner uses the shipped penalties (DefaultL2,
// DefaultNGramL2), which were chosen over all sets, the test fold included,
// so the scores lean a little optimistic. FRAMING_LOSO_INNER=1 gives the
// honest estimates quoted in the docs: both penalties chosen by inner
// leave-one-set-out on each fold's training sets only (about 8 minutes on
// two cores instead of one). FRAMING_L2 and FRAMING_NGRAM_L2 fix the
// penalties (FRAMING_NGRAM_L2=0: cue features only).
func TestLeaveOneSetOut(t *testing.T) {
	sets, names := loadSets(t)
	opts := TrainOptions{Always: codebookExamples(t), L2: DefaultL2, NGramL2: DefaultNGramL2}
	if os.Getenv("FRAMING_LOSO_INNER") != "" {
		opts.NGramL2 = -1 // ChooseL2 on each fold's training sets
	}
	if v := os.Getenv("FRAMING_L2"); v != "" {
		opts.L2, _ = strconv.ParseFloat(v, 64)
	}
	opts.Unweighted = os.Getenv("FRAMING_UNWEIGHTED") != ""
	if v := os.Getenv("FRAMING_NGRAM_L2"); v != "" { // 0: cue features only
		opts.NGramL2, _ = strconv.ParseFloat(v, 64)
	}
	opts.LabelCueless = os.Getenv("FRAMING_CUELESS") != ""
	folds, err := testTagger.LeaveOneSetOut(sets, names, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%-9s %5s  %-15s %-15s", "test set", "n", "rule F1/kappa", "learned F1/kappa")
	for _, f := range folds {
		t.Logf("%-9s %5d  %.3f / %.3f   %.3f / %.3f  (L2 %g, n-gram L2 %g)", f.Name, f.N, f.Rule.MacroF1, f.Rule.Kappa, f.Learned.MacroF1, f.Learned.Kappa, f.L2, f.NGramL2)
		if os.Getenv("FRAMING_DEBUG") != "" {
			for _, l := range Labels {
				c := f.Learned.Confusion[l]
				t.Logf("    %-12s rule F1 %.3f  learned F1 %.3f  learned confusion (gold row) coop %3d comp %3d both %3d neut %3d",
					l, f.Rule.PerClass[l].F1, f.Learned.PerClass[l].F1, c[Cooperation], c[Competition], c[Both], c[Neutral])
			}
		}
	}
	rf := meanOf(folds, func(f Fold) float64 { return f.Rule.MacroF1 })
	rk := meanOf(folds, func(f Fold) float64 { return f.Rule.Kappa })
	lf := meanOf(folds, func(f Fold) float64 { return f.Learned.MacroF1 })
	lk := meanOf(folds, func(f Fold) float64 { return f.Learned.Kappa })
	t.Logf("%-9s %5s  %.3f / %.3f   %.3f / %.3f", "mean", "", rf, rk, lf, lk)
	if lf < rf || lk < rk {
		t.Errorf("learned combiner's leave-one-set-out mean %s is below the hand rule's %s", fmt.Sprintf("%.3f/%.3f", lf, lk), fmt.Sprintf("%.3f/%.3f", rf, rk))
	}
}

// TestCueCoverage counts, per gold set (aggregate numbers only), where the
// cue stage limits the combiner: framed sentences with no cue at all
// (forced neutral), framed sentences whose cues all count for nothing,
// framed sentences whose counted cues are only of the other side, and
// neutral sentences with a counted cue. Diagnostic: it fails only when a
// set cannot be read.
func TestCueCoverage(t *testing.T) {
	sets, names := loadSets(t)
	t.Logf("%-9s %5s %6s  %-14s %-14s %-14s %-14s", "set", "n", "framed", "no cue", "no counted", "other side", "neutral cued")
	for k, exs := range sets {
		framed, noCue, noCounted, wrongSide, neutral, neutralCued := 0, 0, 0, 0, 0, 0
		for _, ex := range exs {
			if ex.Label == Neutral {
				neutral++
				if ex.F != nil && (ex.F[FCoopScore] > 0 || ex.F[FCompScore] > 0) {
					neutralCued++
				}
				continue
			}
			framed++
			switch {
			case ex.F == nil:
				noCue++
			case ex.F[FCoopScore] <= 0 && ex.F[FCompScore] <= 0:
				noCounted++
			case ex.Label == Cooperation && ex.F[FCoopScore] <= 0,
				ex.Label == Competition && ex.F[FCompScore] <= 0,
				ex.Label == Both && (ex.F[FCoopScore] <= 0 || ex.F[FCompScore] <= 0):
				wrongSide++
			}
		}
		pct := func(a, b int) string { return fmt.Sprintf("%3d (%4.1f%%)", a, 100*float64(a)/float64(max(b, 1))) }
		t.Logf("%-9s %5d %6d  %-14s %-14s %-14s %-14s", names[k], len(exs), framed, pct(noCue, framed), pct(noCounted, framed), pct(wrongSide, framed), pct(neutralCued, neutral))
	}
}

// TestChooseShippedL2 runs the penalty choice for the shipped model
// (leave-one-set-out over all gold sets with the codebook examples, its training data) and checks
// that DefaultL2 and DefaultNGramL2 are what it picks.
func TestChooseShippedL2(t *testing.T) {
	sets, _ := loadSets(t)
	l2, ngramL2, err := ChooseL2(sets, TrainOptions{Always: codebookExamples(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("penalties chosen over the gold sets and the codebook examples: L2 %g, n-gram L2 %g", l2, ngramL2)
	if l2 != DefaultL2 || ngramL2 != DefaultNGramL2 {
		t.Errorf("DefaultL2 / DefaultNGramL2 are %g / %g, the choice over the gold sets is %g / %g", DefaultL2, DefaultNGramL2, l2, ngramL2)
	}
}
