package topics

import (
	"fmt"
	"github.com/techframe/techframe/pipeline/sparse"
	"github.com/techframe/techframe/pipeline/vocab"
	"math"
	"os"
	"strings"
	"testing"
	"time"
)

// TestParasBench fits the bench corpus when TOPICS_PARAS names
// paras.train.txt; it writes the topic words to TOPICS_OUT for
// score_topics.py. Skipped otherwise (it is a measurement, not a test).
//
// With TOPICS_REF=paras.tok.txt it also scores the weight- and
// relevance-ranked top words in process (Coherence equals score_topics.py)
// and logs a RESULT line. Knobs: TOPICS_MODEL=nmf, TOPICS_SEED, TOPICS_ITERS,
// TOPICS_BURNIN, TOPICS_OPTINT (-1: no optimisation), TOPICS_OPTBETA=1,
// TOPICS_ALPHASUM, TOPICS_BETA, TOPICS_SAMPLES, TOPICS_LAG, and TOPICS_STOP=1
// to drop techframe's default stop list as the CLI does.
func TestParasBench(t *testing.T) {
	path := os.Getenv("TOPICS_PARAS")
	if path == "" {
		t.Skip("set TOPICS_PARAS=/tmp/techframe-bench/data/paras.train.txt")
	}
	m, terms, _ := loadLines(t, path)
	if os.Getenv("TOPICS_STOP") != "" {
		// The CLI's default vocabulary drops techframe's stop list too.
		m, terms = dropStopWords(m, terms)
	}
	t0 := time.Now()
	if os.Getenv("TOPICS_MODEL") == "nmf" {
		tf := sklearnTFIDF(m)
		t.Logf("tfidf %v", time.Since(t0))
		model, err := FitNMF(tf, terms, NMFOptions{K: 20, Seed: 1, Jobs: 2})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("fit %v, %d iterations, %s", time.Since(t0), model.Iterations, model.Convergence.Description)
		writeTopics(t, model, terms)
		return
	}
	opts := LDAOptions{K: 20, Seed: uint64(envInt("TOPICS_SEED", 1)), Jobs: 2, Iterations: envInt("TOPICS_ITERS", 400),
		BurnIn: envInt("TOPICS_BURNIN", 0), OptimizeInterval: envInt("TOPICS_OPTINT", 0), OptimizeBeta: os.Getenv("TOPICS_OPTBETA") != "",
		AlphaSum: envFloat("TOPICS_ALPHASUM", 0), Beta: envFloat("TOPICS_BETA", 0),
		Samples: envInt("TOPICS_SAMPLES", 0), SampleLag: envInt("TOPICS_LAG", 0)}
	model, err := FitLDA(m, terms, opts)
	if err != nil {
		t.Fatal(err)
	}
	el := time.Since(t0)
	writeTopics(t, model, terms)
	res := []string{}
	if ref := os.Getenv("TOPICS_REF"); ref != "" {
		// Score in process against the scorer's reference corpus (our
		// Coherence reproduces gensim's; see TestCoherenceMatchesGensim).
		_, rterms, rseqs := loadLines(t, ref)
		id := map[string]int{}
		for i, w := range rterms {
			id[w] = i
		}
		for _, rank := range []string{RankWeight, RankRelevance} {
			keys, _ := model.RankedTopTerms(10, rank, 0.6)
			for k := range keys {
				for i, w := range keys[k] {
					if j, ok := id[terms[w]]; ok {
						keys[k][i] = j
					} else {
						keys[k][i] = -1
					}
				}
			}
			c := Coherence(keys, rseqs, len(rterms), CoherenceOptions{})
			res = append(res, fmt.Sprintf("%s npmi %.4f umass %.3f", rank, c.MeanNPMI, c.MeanUMass))
		}
	}
	t.Logf("RESULT %+v fit %.2fs alpha sum %.3f beta %.4f %s | %s", opts, el.Seconds(), sum(model.Alpha), model.Beta, model.Convergence.Description, strings.Join(res, " | "))
}

func envFloat(k string, def float64) float64 {
	var x float64
	if _, err := fmt.Sscan(os.Getenv(k), &x); err == nil {
		return x
	}
	return def
}

func writeTopics(t *testing.T, model *Model, terms []string) {
	var b strings.Builder
	for k := 0; k < model.K; k++ {
		for i, tw := range model.TopTerms(k, 10) {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(tw.Term)
		}
		b.WriteByte('\n')
	}
	if out := os.Getenv("TOPICS_OUT"); out != "" {
		os.WriteFile(out, []byte(b.String()), 0o644)
		// Variants: relevance ranking (Sievert & Shirley) for a few lambdas.
		pw := make([]float64, len(terms))
		for k := 0; k < model.K; k++ {
			for w := range pw {
				pw[w] += model.Weight(k, w) * model.TopicTokens[k]
			}
		}
		for _, lam := range []float64{0.4, 0.6, 0.8} {
			var b strings.Builder
			for k := 0; k < model.K; k++ {
				rel := make([]float64, len(terms))
				for w := range rel {
					p := model.Weight(k, w)
					rel[w] = lam*math.Log(p) + (1-lam)*math.Log(p/pw[w])
				}
				for i, j := range topIndices(rel, 10) {
					if i > 0 {
						b.WriteByte(' ')
					}
					b.WriteString(terms[j])
				}
				b.WriteByte('\n')
			}
			os.WriteFile(fmt.Sprintf("%s.rel%.1f", out, lam), []byte(b.String()), 0o644)
		}
	}
}

func envInt(k string, def int) int {
	var n int
	if _, err := fmt.Sscan(os.Getenv(k), &n); err == nil {
		return n
	}
	return def
}

func sum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

// sklearnTFIDF weights counts as scikit-learn's TfidfTransformer defaults:
// raw tf, idf = ln((1+n)/(1+df)) + 1, rows l2-normalised.
func sklearnTFIDF(m *sparse.CSR) *sparse.CSR {
	df := m.DocFreq()
	n := float64(m.Rows)
	out := &sparse.CSR{Rows: m.Rows, Cols: m.Cols, Indptr: append([]int(nil), m.Indptr...), Indices: append([]int32(nil), m.Indices...), Data: make([]float64, len(m.Data))}
	for i := 0; i < m.Rows; i++ {
		a, b := m.Indptr[i], m.Indptr[i+1]
		s := 0.0
		for p := a; p < b; p++ {
			v := m.Data[p] * (math.Log((1+n)/(1+float64(df[m.Indices[p]]))) + 1)
			out.Data[p] = v
			s += v * v
		}
		s = math.Sqrt(s)
		for p := a; p < b; p++ {
			out.Data[p] /= s
		}
	}
	return out
}

func dropStopWords(m *sparse.CSR, terms []string) (*sparse.CSR, []string) {
	stop := map[string]bool{}
	for _, w := range vocab.DefaultStopList() {
		stop[w] = true
	}
	newID := make([]int32, len(terms))
	var kept []string
	for i, w := range terms {
		newID[i] = -1
		if !stop[w] {
			newID[i] = int32(len(kept))
			kept = append(kept, w)
		}
	}
	out := sparse.NewCSR(len(kept))
	for d := 0; d < m.Rows; d++ {
		idx, val := m.Row(d)
		var e []sparse.Entry
		for p, j := range idx {
			if newID[j] >= 0 {
				e = append(e, sparse.Entry{Col: newID[j], Val: val[p]})
			}
		}
		out.AppendRow(e)
	}
	return out, kept
}
