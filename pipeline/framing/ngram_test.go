package framing

import (
	"slices"
	"testing"

	"github.com/techframe/techframe/lexicons"
)

// TestGramNames checks the n-gram names of sentences (negation scope ends
// at punctuation, a contrast word or NegationWindow words) and that the
// run-time hashes equal the hashes of those names.
func TestGramNames(t *testing.T) {
	tests := []struct {
		text      string
		has, lack []string
	}{
		{"Beijing did not seek confrontation, but rivalry grows.",
			[]string{"NOT_seek", "NOT_confrontation", "NOT_seek NOT_confrontation", "rivalry", "but rivalry", "did", "not NOT_seek"},
			[]string{"NOT_rivalry", "seek", "NOT_but", NoCueGram}},
		{"The ministries never met again after that long and tedious day in spring.",
			[]string{"NOT_met", "NOT_again", "NOT_after", "NOT_that", "NOT_long", "and", NoCueGram},
			[]string{"NOT_and", "met"}},
		{"China's labs", []string{"china", "'s", "china 's", "'s labs", NoCueGram}, nil},
	}
	for _, tc := range tests {
		doc := oneSentence(tc.text)
		testGaz.Process(doc)
		_, gs := testTagger.FeaturesGrams(doc)
		names := gs[0]
		for _, h := range tc.has {
			if !slices.Contains(names, h) {
				t.Errorf("%q: no n-gram %q in %q", tc.text, h, names)
			}
		}
		for _, l := range tc.lack {
			if slices.Contains(names, l) {
				t.Errorf("%q: unexpected n-gram %q", tc.text, l)
			}
		}
		// Run-time hashes = hashes of the names.
		var sc scratch
		sc.words = lexicons.SentenceWords(doc, 0, nil)
		sc.hits = testTagger.scan(sc.words, 0, len(sc.words), false, &sc, nil)
		cued := !slices.Contains(names, NoCueGram)
		want := map[uint64]bool{}
		for _, n := range names {
			want[mustHash(t, n)] = true
		}
		got := map[uint64]bool{}
		for _, g := range testTagger.grams(sc.words, sc.hits, cued, &sc, nil) {
			got[g.key] = true
		}
		if len(got) != len(want) {
			t.Errorf("%q: %d distinct hashes at run time, %d names", tc.text, len(got), len(want))
		}
		for k := range want {
			if !got[k] {
				t.Errorf("%q: a name's hash is missing at run time", tc.text)
			}
		}
	}
	for _, bad := range []string{"", "a b c", "NOT_", "a NOT_"} {
		if _, ok := hashGramName(bad); ok {
			t.Errorf("hashGramName(%q) accepted", bad)
		}
	}
}

// TestCuelessLabelsTraced trains a model that may label cue-less sentences
// (not the shipped configuration) and checks on the gold sentences that
// the tagger agrees with LabelExample and that every frame given to a
// cue-less sentence carries n-gram Evidence from the model file.
func TestCuelessLabelsTraced(t *testing.T) {
	all := allExamples(t)
	m, err := Train(all, TrainOptions{NGramL2: 0.003, LabelCueless: true})
	if err != nil {
		t.Fatal(err)
	}
	m.Name = "cueless-model.json"
	tagger := New(testSet, Options{Model: m})
	sets, _ := loadSets(t)
	framed := 0
	for gi, s := range goldSets {
		for i, r := range readGold(t, s.path) {
			ex := sets[gi][i]
			doc := oneSentence(r.sentence)
			testGaz.Process(doc)
			tagger.Process(doc)
			got := doc.Sentences[0].Frame
			if want := LabelExample(m, ex); got != want {
				t.Errorf("%s row %d: tagger %s, LabelExample %s", s.name, i+1, got, want)
			}
			if ex.F != nil || got == Neutral {
				continue
			}
			framed++
			n := 0
			for _, e := range doc.Evidence {
				if e.Lexicon == m.Name && e.Weight > 0 && e.Term != "" && doc.SpanText(e.Span) != "" {
					n++
				}
			}
			if n == 0 {
				t.Errorf("%s row %d: %s without n-gram evidence", s.name, i+1, got)
			}
		}
	}
	if framed == 0 {
		t.Error("the cue-less model never framed a cue-less sentence (the test checks nothing)")
	}
	t.Logf("%d cue-less sentences framed from n-grams", framed)
}
