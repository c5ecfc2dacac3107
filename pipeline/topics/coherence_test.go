package topics

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

// The expected values below were measured once by running gensim 4.2.0's
// CoherenceModel (Debian python3-gensim, the library score_topics.py uses)
// on testdata/coherence_corpus.txt and testdata/coherence_topics.txt:
//
//	texts = [l.split() for l in open(corpus).read().split("\n")[:-1]]
//	dct = Dictionary(texts); topics = OOV words dropped, topics < 2 words dropped
//	CoherenceModel(topics=topics, texts=texts, dictionary=dct, coherence=m,
//	               topn=10, processes=1).get_coherence_per_topic()
//
// (score_topics.py prints the same numbers rounded to 4 places). The corpus
// repeats words inside windows, which exercises gensim's incremental window.
var gensimFixture = struct {
	npmi, umass []float64
}{
	npmi:  []float64{0.18057684378100217, 0.08855734940055053, 0.13368543195546945, 0.04587934715286375, -0.12011286389320561},
	umass: []float64{-0.5613683933724197, -0.7094702016648855, -0.7129532560740794, -0.7672258068597493, -1.6094379124191003},
}

func readWordLines(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		out = append(out, strings.Fields(sc.Text()))
	}
	return out
}

func TestCoherenceMatchesGensim(t *testing.T) {
	docs := readWordLines(t, "testdata/coherence_corpus.txt")
	_, terms, seqs := docsMatrix(docs)
	id := map[string]int{}
	for i, w := range terms {
		id[w] = i
	}
	var topics [][]int
	for _, line := range readWordLines(t, "testdata/coherence_topics.txt") {
		var tp []int
		for _, w := range line {
			if j, ok := id[w]; ok {
				tp = append(tp, j)
			} else {
				tp = append(tp, -1)
			}
		}
		topics = append(topics, tp)
	}
	res := Coherence(topics, seqs, len(terms), CoherenceOptions{})
	// Topic 6 ("chips") has one word: NaN, as gensim's scorer drops it.
	if !math.IsNaN(res.NPMI[5]) || !math.IsNaN(res.UMass[5]) {
		t.Errorf("one-word topic scored: %v %v", res.NPMI[5], res.UMass[5])
	}
	for i := range gensimFixture.npmi {
		if d := math.Abs(res.NPMI[i] - gensimFixture.npmi[i]); d > 1e-9 {
			t.Errorf("topic %d NPMI = %.12f, gensim %.12f", i, res.NPMI[i], gensimFixture.npmi[i])
		}
		if d := math.Abs(res.UMass[i] - gensimFixture.umass[i]); d > 1e-9 {
			t.Errorf("topic %d UMass = %.12f, gensim %.12f", i, res.UMass[i], gensimFixture.umass[i])
		}
	}
}

func TestCoherenceWindowEdgeCases(t *testing.T) {
	// Two terms, window 3, plus the documents {0} and {1}. Expected NPMI
	// worked by hand from gensim's definitions: N windows, c0, c1, c01.
	npmi := func(n, c0, c1, c01 float64) float64 {
		p := c01/n + 1e-12
		return math.Log(p/((c0/n)*(c1/n))) / -math.Log(p)
	}
	tests := []struct {
		name string
		doc  []int32
		want float64
	}{
		// Windows [0 1 0] {0,1} and [1 0 1]: sliding drops the left 0 although
		// another 0 is still inside, so the second window counts only {1}
		// (gensim's incremental window).
		{"incremental window drops a repeated word", []int32{0, 1, 0, 1}, npmi(4, 2, 3, 1)},
		// Windows {0}, {}, {}, {1}: the pair never shares a window.
		{"far apart never share a window", []int32{0, -1, -1, -1, -1, 1}, npmi(6, 2, 2, 0)},
		// Shorter than the window: one window with both.
		{"short document is one window", []int32{1, 0}, npmi(3, 2, 2, 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Coherence([][]int{{0, 1}}, [][]int32{tc.doc, {0}, {1}}, 2, CoherenceOptions{Window: 3})
			if math.Abs(res.NPMI[0]-tc.want) > 1e-12 {
				t.Errorf("NPMI = %v, want %v", res.NPMI[0], tc.want)
			}
		})
	}
}

func TestDiversity(t *testing.T) {
	tests := []struct {
		topics [][]int
		want   float64
	}{
		{[][]int{{1, 2}, {3, 4}}, 1},
		{[][]int{{1, 2}, {1, 2}}, 0.5},
		{[][]int{{1, 2, 3}, {3, 4, 5}}, 5.0 / 6},
	}
	for _, tc := range tests {
		if got := Diversity(tc.topics); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("Diversity(%v) = %v, want %v", tc.topics, got, tc.want)
		}
	}
}

// TestScoreTopicsFile scores TOPICS_FILE against the reference corpus
// TOPICS_REF (one document per line) and prints the result as JSON, for
// scripts/bench-topics.sh to compare with score_topics.py. Skipped unless
// both are set.
func TestScoreTopicsFile(t *testing.T) {
	tf, ref := os.Getenv("TOPICS_FILE"), os.Getenv("TOPICS_REF")
	if tf == "" || ref == "" {
		t.Skip("set TOPICS_FILE and TOPICS_REF")
	}
	docs := readWordLines(t, ref)
	_, terms, seqs := docsMatrix(docs)
	id := map[string]int{}
	for i, w := range terms {
		id[w] = i
	}
	var topics [][]int
	for _, line := range readWordLines(t, tf) {
		if len(line) == 0 {
			continue
		}
		var tp []int
		for _, w := range line[:min(10, len(line))] {
			if j, ok := id[w]; ok {
				tp = append(tp, j)
			} else {
				tp = append(tp, -1)
			}
		}
		topics = append(topics, tp)
	}
	res := Coherence(topics, seqs, len(terms), CoherenceOptions{})
	fmt.Printf("{\"c_npmi\": %.6f, \"u_mass\": %.6f}\n", res.MeanNPMI, res.MeanUMass)
}
