package topics

import (
	"errors"
	"math"
	"reflect"
	"strconv"
	"testing"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/sparse"
)

// TestLDADeterministicAcrossJobs: the same seed gives identical topics and
// document proportions for 1, 2 and 4 workers.
func TestLDADeterministicAcrossJobs(t *testing.T) {
	m, terms, _ := loadLines(t, "testdata/coherence_corpus.txt")
	var ref *Model
	for _, jobs := range []int{1, 2, 4} {
		model, err := FitLDA(m, terms, LDAOptions{K: 4, Seed: 7, Jobs: jobs, Iterations: 60, BurnIn: 20, OptimizeInterval: 10, OptimizeBeta: true})
		if err != nil {
			t.Fatal(err)
		}
		if ref == nil {
			ref = model
			continue
		}
		if !reflect.DeepEqual(model.TopicWord, ref.TopicWord) || !reflect.DeepEqual(model.DocTopic, ref.DocTopic) || !reflect.DeepEqual(model.Alpha, ref.Alpha) {
			t.Fatalf("jobs=%d differs from jobs=1", jobs)
		}
	}
	// A different seed must give a different sample (the test can fail).
	other, err := FitLDA(m, terms, LDAOptions{K: 4, Seed: 8, Jobs: 2, Iterations: 60, BurnIn: 20})
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(other.TopicWord, ref.TopicWord) {
		t.Fatal("seed has no effect")
	}
}

// TestLDARecoversPlantedTopics: documents drawn from two disjoint word sets
// must give two topics whose top words are those sets.
func TestLDARecoversPlantedTopics(t *testing.T) {
	var docs [][]string
	a := []string{"chips", "export", "sanctions", "tariff"}
	b := []string{"treaty", "summit", "alliance", "dialogue"}
	for d := 0; d < 40; d++ {
		set := a
		if d%2 == 1 {
			set = b
		}
		var doc []string
		for i := 0; i < 30; i++ {
			doc = append(doc, set[(d+i*3)%4])
		}
		docs = append(docs, doc)
	}
	m, terms, _ := docsMatrix(docs)
	model, err := FitLDA(m, terms, LDAOptions{K: 2, Seed: 1, Iterations: 100})
	if err != nil {
		t.Fatal(err)
	}
	for k := 0; k < 2; k++ {
		set := map[string]bool{}
		for _, tw := range model.TopTerms(k, 4) {
			set[tw.Term] = true
		}
		inA := set["chips"] && set["export"] && set["sanctions"] && set["tariff"]
		inB := set["treaty"] && set["summit"] && set["alliance"] && set["dialogue"]
		if !inA && !inB {
			t.Errorf("topic %d mixes the planted sets: %v", k, model.TopTerms(k, 4))
		}
	}
	if model.Convergence.Window == 0 {
		t.Error("no convergence report")
	}
}

func TestFitBadInput(t *testing.T) {
	m, terms, _ := docsMatrix([][]string{{"a", "b"}, {"b", "c"}, {}})
	empty := sparse.NewCSR(3)
	empty.AppendRow(nil)
	weighted := &sparse.CSR{Rows: 1, Cols: 1, Indptr: []int{0, 1}, Indices: []int32{0}, Data: []float64{0.5}}
	tests := []struct {
		name  string
		fit   func() error
		usage bool
	}{
		{"k above non-empty documents", func() error { _, err := FitLDA(m, terms, LDAOptions{K: 3}); return err }, true},
		{"k zero", func() error { _, err := FitNMF(m, terms, NMFOptions{K: 0}); return err }, true},
		{"empty matrix", func() error { _, err := FitLDA(empty, []string{"a", "b", "c"}, LDAOptions{K: 1}); return err }, false},
		{"non-integer counts for LDA", func() error { _, err := FitLDA(weighted, []string{"a"}, LDAOptions{K: 1}); return err }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.fit()
			if err == nil {
				t.Fatal("no error")
			}
			if errors.Is(err, pipeline.ErrUsage) != tc.usage || (!tc.usage && !errors.Is(err, ErrBadInput)) {
				t.Fatalf("error %v: usage=%v", err, errors.Is(err, pipeline.ErrUsage))
			}
		})
	}
	// Empty documents are counted and skipped.
	model, err := FitLDA(m, terms, LDAOptions{K: 2, Iterations: 5})
	if err != nil {
		t.Fatal(err)
	}
	if model.EmptyDocs != 1 {
		t.Fatalf("EmptyDocs = %d, want 1", model.EmptyDocs)
	}
}

func TestNMFDeterministicAndRecovers(t *testing.T) {
	m, terms, _ := loadLines(t, "testdata/coherence_corpus.txt")
	x := sklearnTFIDF(m)
	var ref *Model
	for _, jobs := range []int{1, 3} {
		model, err := FitNMF(x, terms, NMFOptions{K: 4, Seed: 3, Jobs: jobs})
		if err != nil {
			t.Fatal(err)
		}
		if ref == nil {
			ref = model
			continue
		}
		if !reflect.DeepEqual(model.TopicWord, ref.TopicWord) || !reflect.DeepEqual(model.DocTopic, ref.DocTopic) {
			t.Fatal("NMF differs across jobs")
		}
	}
	// The loss must decrease from the first to the last trace point.
	tr := ref.Trace
	if len(tr) < 2 || tr[len(tr)-1].Value >= tr[0].Value {
		t.Fatalf("loss did not decrease: %v", tr)
	}
}

// BenchmarkFitLDA fits a synthetic corpus shaped like the bench paragraphs
// (Zipf-distributed words over a 5,000-term vocabulary, 2,000 documents of
// 75 tokens, k = 20) for 50 sweeps, with 1 and 2 workers: compare sampler changes with
// benchstat.
func BenchmarkFitLDA(b *testing.B) {
	const V, D, N = 5000, 2000, 75
	r := rng{s: 42}
	// Each document mixes a few of 20 planted themes, so the topics settle
	// as they do on real text; word ranks within a theme are Zipf.
	cdf := make([]float64, V/20)
	tot := 0.0
	for i := range cdf {
		tot += 1 / float64(i+1)
		cdf[i] = tot
	}
	m := sparse.NewCSR(V)
	for d := 0; d < D; d++ {
		counts := map[int32]float64{}
		themes := []int{r.intn(20), r.intn(20), r.intn(20)}
		for i := 0; i < N; i++ {
			u := r.float() * tot
			j := 0
			for cdf[j] < u {
				j++
			}
			counts[int32(themes[r.intn(3)]+20*j)]++
		}
		var e []sparse.Entry
		for w := int32(0); w < V; w++ {
			if c := counts[w]; c > 0 {
				e = append(e, sparse.Entry{Col: w, Val: c})
			}
		}
		m.AppendRow(e)
	}
	terms := make([]string, V)
	for i := range terms {
		terms[i] = strconv.Itoa(i)
	}
	for _, jobs := range []int{1, 2} {
		b.Run("jobs="+strconv.Itoa(jobs), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := FitLDA(m, terms, LDAOptions{K: 20, Seed: 1, Iterations: 50, BurnIn: 20, Jobs: jobs}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestEmptyDocumentHasNoShare: a document without terms is skipped by the
// fit, so neither model may give it topic proportions (LDA would report
// the prior mean alpha/sum(alpha), a share no token supports). It gets
// nil from DocProportions, is no representative of any topic, and
// Prevalence is the mean over the other documents alone.
func TestEmptyDocumentHasNoShare(t *testing.T) {
	a := []string{"chips", "export", "sanctions", "tariff"}
	b := []string{"treaty", "summit", "alliance", "dialogue"}
	var docs [][]string
	for d := 0; d < 12; d++ {
		set := a
		if d%3 == 1 {
			set = b
		}
		var doc []string
		for i := 0; i < 12; i++ {
			doc = append(doc, set[(d+i)%4])
		}
		docs = append(docs, doc)
	}
	const empty = 5
	docs[empty] = nil
	m, terms, _ := docsMatrix(docs)
	lda, err := FitLDA(m, terms, LDAOptions{K: 2, Seed: 1, Iterations: 50, BurnIn: 10, OptimizeInterval: 10})
	if err != nil {
		t.Fatal(err)
	}
	nmf, err := FitNMF(sklearnTFIDF(m), terms, NMFOptions{K: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, model := range []*Model{lda, nmf} {
		t.Run(model.Kind, func(t *testing.T) {
			if model.EmptyDocs != 1 {
				t.Fatalf("EmptyDocs = %d, want 1", model.EmptyDocs)
			}
			if p := model.DocProportions(empty); p != nil {
				t.Errorf("the empty document has proportions %v, want none (nil)", p)
			}
			// Prevalence by hand over the 11 documents with terms; each of
			// their rows sums to 1.
			want := make([]float64, model.K)
			for d := range docs {
				if d == empty {
					continue
				}
				p := model.DocProportions(d)
				if len(p) != model.K {
					t.Fatalf("document %d: proportions %v", d, p)
				}
				for k, x := range p {
					want[k] += x / float64(len(docs)-1)
				}
			}
			got := model.Prevalence()
			for k := range want {
				if math.Abs(got[k]-want[k]) > 1e-12 {
					t.Errorf("prevalence %v, want the mean over documents with terms %v", got, want)
					break
				}
			}
			for k := 0; k < model.K; k++ {
				reps := model.RepresentativeDocs(k, len(docs))
				if len(reps) != len(docs)-1 {
					t.Errorf("topic %d: %d representative documents of %d asked, want the %d with terms", k, len(reps), len(docs), len(docs)-1)
				}
				for _, d := range reps {
					if d == empty {
						t.Errorf("topic %d: the empty document is a representative", k)
					}
				}
			}
		})
	}
}

// TestFirstOptimizationMatchesFit: FirstOptimization (the first multiple of
// OptimizeInterval after BurnIn, if Iterations reaches it) agrees with what
// FitLDA does: alpha leaves its initial AlphaSum/K exactly when it reports
// an optimisation.
func TestFirstOptimizationMatchesFit(t *testing.T) {
	var docs [][]string
	words := []string{"chips", "export", "sanctions", "treaty", "summit", "dialogue"}
	for d := 0; d < 10; d++ {
		var doc []string
		for i := 0; i < 10; i++ {
			doc = append(doc, words[(d%2)*3+(d+i)%3])
		}
		docs = append(docs, doc)
	}
	m, terms, _ := docsMatrix(docs)
	cases := []struct {
		iters, burn, interval int
		sweep                 int
		ok                    bool
	}{
		{300, 100, 10, 110, true},
		{300, 500, 10, 510, false},
		{299, 291, 10, 300, false},
		{300, 291, 10, 300, true},
		{50, 0, 0, 110, false}, // the defaults: burn-in 100, every 10 sweeps
		{30, -1, 10, 10, true}, // no burn-in
		{30, -1, -1, 0, false}, // optimisation off
	}
	for _, tc := range cases {
		o := LDAOptions{K: 2, Seed: 1, Iterations: tc.iters, BurnIn: tc.burn, OptimizeInterval: tc.interval}
		sweep, ok := o.FirstOptimization()
		if sweep != tc.sweep || ok != tc.ok {
			t.Errorf("%+v: FirstOptimization = %d, %v; want %d, %v", tc, sweep, ok, tc.sweep, tc.ok)
		}
		model, err := FitLDA(m, terms, o)
		if err != nil {
			t.Fatal(err)
		}
		moved := false
		for _, a := range model.Alpha {
			if a != 5.0/2 {
				moved = true
			}
		}
		if moved != ok {
			t.Errorf("%+v: alpha %v after the fit, but FirstOptimization says ok=%v", tc, model.Alpha, ok)
		}
	}
}

// TestInferBurnInOptions: a negative BurnIn discards no sweep, zero takes
// the default of 10, and one at or past Iterations leaves the last sweep.
func TestInferBurnInOptions(t *testing.T) {
	for _, c := range []struct{ burn, iters, want int }{{-1, 0, 0}, {0, 0, 10}, {5, 0, 5}, {100, 0, 99}, {30, 20, 19}} {
		if got := (InferOptions{BurnIn: c.burn, Iterations: c.iters}).Resolved(KindLDA).BurnIn; got != c.want {
			t.Errorf("BurnIn %d, Iterations %d: resolved %d, want %d", c.burn, c.iters, got, c.want)
		}
	}
}
