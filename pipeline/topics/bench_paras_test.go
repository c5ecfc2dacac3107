package topics

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"
)

// TestParasBench fits the bench corpus when TOPICS_PARAS names
// paras.train.txt; it writes the topic words to TOPICS_OUT for
// score_topics.py. Skipped otherwise (it is a measurement, not a test).
func TestParasBench(t *testing.T) {
	path := os.Getenv("TOPICS_PARAS")
	if path == "" {
		t.Skip("set TOPICS_PARAS=/tmp/techframe-bench/data/paras.train.txt")
	}
	m, terms, _ := loadLines(t, path)
	t0 := time.Now()
	model, err := FitLDA(m, terms, LDAOptions{K: 20, Seed: 1, Jobs: 2, Iterations: envInt("TOPICS_ITERS", 400), OptimizeBeta: os.Getenv("TOPICS_OPTBETA") != "", AlphaSum: float64(envInt("TOPICS_ALPHASUM", 5)),
		Progress: func(it int, ll float64) {
			if it%50 == 0 {
				t.Logf("it %d ll %.6g", it, ll)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fit %v, alpha sum %.3f beta %.4f %s", time.Since(t0), sum(model.Alpha), model.Beta, model.Convergence.Description)
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
