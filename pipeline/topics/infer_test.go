package topics

import (
	"bytes"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/sparse"
)

// plantedDocs returns n documents of 30 tokens, even ones from set a and
// odd ones from set b, with their term matrix.
func plantedDocs(n int) ([][]string, *sparse.CSR, []string, [][]int32) {
	a := []string{"chips", "export", "sanctions", "tariff"}
	b := []string{"treaty", "summit", "alliance", "dialogue"}
	var docs [][]string
	for d := 0; d < n; d++ {
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
	m, terms, seqs := docsMatrix(docs)
	return docs, m, terms, seqs
}

func fitPlanted(t testing.TB, kind string) (*Model, *sparse.CSR, [][]int32) {
	t.Helper()
	_, m, terms, seqs := plantedDocs(40)
	var model *Model
	var err error
	if kind == KindLDA {
		model, err = FitLDA(m, terms, LDAOptions{K: 2, Seed: 1, Iterations: 100})
	} else {
		x := sklearnTFIDF(m)
		model, err = FitNMF(x, terms, NMFOptions{K: 2, Seed: 1})
		if model != nil {
			df := m.DocFreq()
			model.IDF = make([]float64, len(terms))
			for j := range terms {
				model.IDF[j] = math.Log(float64(1+m.Rows)/float64(1+df[j])) + 1
			}
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	return model, m, seqs
}

func TestSaveLoadRoundTrip(t *testing.T) {
	for _, kind := range []string{KindLDA, KindNMF} {
		t.Run(kind, func(t *testing.T) {
			model, _, _ := fitPlanted(t, kind)
			model.Settings = map[string]string{"stem": "none"}
			var buf bytes.Buffer
			if err := model.Save(&buf); err != nil {
				t.Fatal(err)
			}
			got, err := Load(bytes.NewReader(buf.Bytes()), "m.json")
			if err != nil {
				t.Fatal(err)
			}
			if got.Kind != kind || got.K != model.K || !reflect.DeepEqual(got.Terms, model.Terms) ||
				!reflect.DeepEqual(got.TopicWord, model.TopicWord) || !reflect.DeepEqual(got.Alpha, model.Alpha) ||
				got.Beta != model.Beta || !reflect.DeepEqual(got.IDF, model.IDF) || !reflect.DeepEqual(got.Settings, model.Settings) ||
				!reflect.DeepEqual(got.TopicTokens, model.TopicTokens) {
				t.Fatalf("round trip changed the model")
			}
			// Saving the loaded model gives the same bytes.
			var again bytes.Buffer
			if err := got.Save(&again); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again.Bytes(), buf.Bytes()) {
				t.Fatal("save(load(save(m))) differs from save(m)")
			}
		})
	}
}

func TestLoadRejectsBadModels(t *testing.T) {
	model, _, _ := fitPlanted(t, KindLDA)
	var buf bytes.Buffer
	if err := model.Save(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	cases := []struct {
		name, text, msg string
	}{
		{"truncated", good[:len(good)/2], "not valid JSON"},
		{"empty", "", "not valid JSON"},
		{"not an object", "[1,2]", "not a techframe topic model"},
		{"other format", strings.Replace(good, ModelFormat, "something-else", 1), "format is"},
		{"later version", strings.Replace(good, `"version":1`, `"version":2`, 1), "version 2"},
		{"altered term", strings.Replace(good, `"chips"`, `"chip"`, 1), "checksum mismatch"},
		{"unknown kind", strings.Replace(good, `"kind":"lda"`, `"kind":"pca"`, 1), "kind must be"},
		{"wrong k", strings.Replace(good, `"k":2`, `"k":3`, 1), "topic rows for k=3"},
		{"string weight", strings.Replace(good, `"topic_word":[[`, `"topic_word":[["x",`, 1), "wrong type"},
		{"negative beta", strings.Replace(good, `"beta":`, `"beta":-`, 1), "beta"},
		{"unknown field", strings.Replace(good, `"k":2`, `"k":2,"extra":1`, 1), "unknown field"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.text == good {
				t.Fatal("the corruption did not apply")
			}
			_, err := Load(strings.NewReader(c.text), "models/m.json")
			if err == nil {
				t.Fatal("accepted")
			}
			if !errors.Is(err, ErrBadModel) || !errors.Is(err, pipeline.ErrUsage) {
				t.Errorf("error %v does not wrap ErrBadModel and ErrUsage", err)
			}
			if !strings.Contains(err.Error(), "models/m.json") || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error %q should name the file and say %q", err, c.msg)
			}
		})
	}
}

// FuzzLoadModel: Load never panics, and whatever it accepts saves and loads
// back to the same model.
func FuzzLoadModel(f *testing.F) {
	// More seeds (fitted LDA and NMF models, damaged copies) are in
	// testdata/fuzz/FuzzLoadModel.
	for _, m := range []*Model{
		{Kind: KindLDA, K: 1, Terms: []string{"a", "b"}, TopicWord: []float64{0.25, 0.75}, TopicTokens: []float64{4}, Alpha: []float64{0.5}, Beta: 0.1},
		{Kind: KindNMF, K: 2, Terms: []string{"x"}, TopicWord: []float64{1, 0}, TopicTokens: []float64{1, 0}, IDF: []float64{1.5}},
	} {
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Load(bytes.NewReader(data), "fuzz.json")
		if err != nil {
			if !errors.Is(err, ErrBadModel) {
				t.Fatalf("error %v does not wrap ErrBadModel", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			t.Fatalf("accepted model does not save: %v", err)
		}
		m2, err := Load(&buf, "again.json")
		if err != nil {
			t.Fatalf("saved model does not load: %v", err)
		}
		if !reflect.DeepEqual(m.TopicWord, m2.TopicWord) || !reflect.DeepEqual(m.Terms, m2.Terms) {
			t.Fatal("round trip changed an accepted model")
		}
	})
}

// TestInferLDA: new documents from each planted set land on that set's
// topic, and the result does not depend on the number of workers.
func TestInferLDA(t *testing.T) {
	model, _, _ := fitPlanted(t, KindLDA)
	_, x, terms, _ := plantedDocs(6)
	if !reflect.DeepEqual(terms, model.Terms) {
		t.Fatal("vocabulary differs")
	}
	topicA := 0
	if model.Weight(1, indexOf(model.Terms, "chips")) > model.Weight(0, indexOf(model.Terms, "chips")) {
		topicA = 1
	}
	var ref []float64
	for _, jobs := range []int{1, 2, 4} {
		theta, err := model.Infer(x, InferOptions{Seed: 5, Jobs: jobs})
		if err != nil {
			t.Fatal(err)
		}
		if ref == nil {
			ref = theta
		} else if !reflect.DeepEqual(theta, ref) {
			t.Fatalf("jobs=%d differs from jobs=1", jobs)
		}
	}
	for d := 0; d < x.Rows; d++ {
		want := topicA
		if d%2 == 1 {
			want = 1 - topicA
		}
		row := ref[d*2 : d*2+2]
		if math.Abs(row[0]+row[1]-1) > 1e-9 {
			t.Fatalf("doc %d proportions %v do not sum to 1", d, row)
		}
		if row[want] < 0.9 {
			t.Errorf("doc %d: proportion of its planted topic %.3f, want > 0.9 (%v)", d, row[want], row)
		}
	}
}

func indexOf(v []string, s string) int {
	for i, x := range v {
		if x == s {
			return i
		}
	}
	return -1
}

// TestInferNMFMatchesFit: at convergence every row of W is the
// non-negative least-squares fit of its TF-IDF row against H, so inferring
// the training documents must give W back.
func TestInferNMFMatchesFit(t *testing.T) {
	model, m, _ := fitPlanted(t, KindNMF)
	w, err := model.Infer(m, InferOptions{Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range w {
		if d := math.Abs(x - model.DocTopic[i]); d > 1e-3*(1+math.Abs(model.DocTopic[i])) {
			t.Fatalf("W[%d,%d]: inferred %.6f, fitted %.6f", i/model.K, i%model.K, x, model.DocTopic[i])
		}
	}
}

// TestDocumentCompletionOneTopic checks the formula by hand: with k=1,
// θ = 1 and p(w) = φ_w, so the perplexity is exp(−mean log φ) over the
// second halves.
func TestDocumentCompletionOneTopic(t *testing.T) {
	model := &Model{Kind: KindLDA, K: 1, Terms: []string{"a", "b", "c"}, TopicWord: []float64{0.5, 0.3, 0.2},
		TopicTokens: []float64{10}, Alpha: []float64{1}, Beta: 0.01}
	docs := [][]int32{{0, 1, 2, 2}, {1, -1, 0}, {2}}
	// Doc 0 scores "c c"; doc 1 (in-vocabulary tokens b a) scores "a"; doc 2 is skipped.
	want := math.Exp(-(2*math.Log(0.2) + math.Log(0.5)) / 3)
	got, err := model.DocumentCompletion(docs, InferOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got.Tokens != 3 || got.Docs != 2 || math.Abs(got.Perplexity-want) > 1e-9 {
		t.Fatalf("got %+v, want perplexity %.6f over 3 tokens in 2 docs", got, want)
	}
}

// TestDocumentCompletionPlanted: each planted document uses 4 of 8 words
// evenly, so a good model's perplexity is near 4: with Σα = 5 and 15
// tokens in the first half, θ of the planted topic is about (15 + 2.5) / 20,
// p(w) about 0.875/4 and the perplexity about 4.6. A model whose topics are
// uniform over the 8 words gives exactly 8.
func TestDocumentCompletionPlanted(t *testing.T) {
	model, _, _ := fitPlanted(t, KindLDA)
	_, _, _, seqs := plantedDocs(10)
	good, err := model.DocumentCompletion(seqs, InferOptions{Seed: 2, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	flat := *model
	flat.TopicWord = make([]float64, len(model.TopicWord))
	for i := range flat.TopicWord {
		flat.TopicWord[i] = 1 / float64(len(model.Terms))
	}
	bad, err := flat.DocumentCompletion(seqs, InferOptions{Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	if good.Perplexity > 4.8 || math.Abs(bad.Perplexity-8) > 1e-9 {
		t.Fatalf("perplexity: fitted %.3f (want < 4.8), uniform %.3f (want 8)", good.Perplexity, bad.Perplexity)
	}
	if _, err := (&Model{Kind: KindNMF}).DocumentCompletion(seqs, InferOptions{}); !errors.Is(err, ErrBadInput) {
		t.Fatalf("NMF model: %v", err)
	}
}

// TestLDASampleAveraging: averaging several samples keeps every topic a
// distribution and differs from the final sample alone.
func TestLDASampleAveraging(t *testing.T) {
	m, terms, _ := loadLines(t, "testdata/coherence_corpus.txt")
	one, err := FitLDA(m, terms, LDAOptions{K: 3, Seed: 4, Iterations: 60})
	if err != nil {
		t.Fatal(err)
	}
	avg, err := FitLDA(m, terms, LDAOptions{K: 3, Seed: 4, Iterations: 60, Samples: 5, SampleLag: 5})
	if err != nil {
		t.Fatal(err)
	}
	if avg.Samples != 5 || one.Samples != 1 {
		t.Fatalf("samples %d and %d", avg.Samples, one.Samples)
	}
	if err := avg.validate(); err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(one.TopicWord, avg.TopicWord) {
		t.Fatal("averaging changed nothing")
	}
}

// TestSentenceScores works one example by hand: two topics, theta (0.5,
// 0.5), word 0 only in topic 0, word 1 shared 1:3.
func TestSentenceScores(t *testing.T) {
	m := &Model{Kind: KindLDA, K: 2, Terms: []string{"a", "b"}, TopicWord: []float64{0.75, 0.25, 0, 1}}
	got := m.SentenceScores(0, []float64{0.5, 0.5}, [][]int32{{0, 1}, {1, 1, -1}, {}})
	want := []float64{1 + 0.2, 0.4, 0}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Fatalf("scores %v, want %v", got, want)
		}
	}
}

// TestNMFStoppingRuleIsConvergence: a fit that ends by its projected-
// gradient rule before the iteration limit reports converged; one cut
// off by the limit does not claim to be.
func TestNMFStoppingRuleIsConvergence(t *testing.T) {
	_, m, terms, _ := plantedDocs(40)
	x := sklearnTFIDF(m)
	free, err := FitNMF(x, terms, NMFOptions{K: 2, Seed: 1, MaxIterations: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if free.Iterations >= 1000 || !free.Convergence.Converged || !strings.Contains(free.Convergence.Description, "stopped after") {
		t.Errorf("free fit: %d iterations, %+v", free.Iterations, free.Convergence)
	}
	cut, err := FitNMF(x, terms, NMFOptions{K: 2, Seed: 1, MaxIterations: 1})
	if err != nil {
		t.Fatal(err)
	}
	if cut.Iterations != 1 || strings.Contains(cut.Convergence.Description, "stopped after") {
		t.Errorf("fit cut at 1 iteration: %d, %+v", cut.Iterations, cut.Convergence)
	}
}
