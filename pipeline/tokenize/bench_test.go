package tokenize

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/techframe/techframe/pipeline"
)

// benchCorpus reads the State of the Union corpus prepared by
// ../shared/bench/setup.sh ($BENCH_WORK, default /tmp/techframe-bench).
func benchCorpus(b *testing.B, name string) []string {
	dir := os.Getenv("BENCH_WORK")
	if dir == "" {
		dir = "/tmp/techframe-bench"
	}
	f, err := os.Open(filepath.Join(dir, "data", name))
	if err != nil {
		b.Skipf("benchmark corpus absent (run ../shared/bench/setup.sh): %v", err)
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var r struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			b.Fatal(err)
		}
		texts = append(texts, r.Text)
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	return texts
}

// benchRun processes every text once per iteration on GOMAXPROCS goroutines
// and reports tokens/s.
func benchRun(b *testing.B, opts Options, texts []string) {
	tk, err := New(opts)
	if err != nil {
		b.Fatal(err)
	}
	var bytes int64
	for _, t := range texts {
		bytes += int64(len(t))
	}
	b.SetBytes(bytes)
	b.ResetTimer()
	var toks atomic.Int64
	for b.Loop() {
		var next atomic.Int64
		var wg sync.WaitGroup
		for w := 0; w < max(1, testingProcs()); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1) - 1)
					if i >= len(texts) {
						return
					}
					d := &pipeline.Document{Text: texts[i]}
					if err := tk.Process(d); err != nil {
						b.Error(err)
						return
					}
					toks.Add(int64(len(d.Tokens)))
				}
			}()
		}
		wg.Wait()
	}
	b.ReportMetric(float64(toks.Load())/float64(b.N), "tokens/op")
	b.ReportMetric(float64(toks.Load())/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkTokenize: tokens and sentences, no tags, whole SOTU corpus.
// Use -cpu 1,2 to see the scaling.
func BenchmarkTokenize(b *testing.B) {
	benchRun(b, Options{}, benchCorpus(b, "sotu.jsonl"))
}

// BenchmarkTokenizePOS: with POS tags, on the 30-address sample.
func BenchmarkTokenizePOS(b *testing.B) {
	benchRun(b, Options{POS: true}, benchCorpus(b, "sotu-every8.jsonl"))
}

// BenchmarkTokenizeNER: POS and NER, on the 30-address sample.
func BenchmarkTokenizeNER(b *testing.B) {
	benchRun(b, Options{POS: true, NER: true}, benchCorpus(b, "sotu-every8.jsonl"))
}

// BenchmarkScanTokens: the scanner alone (tokens, line breaks, punkt
// pieces) on one goroutine over the whole SOTU corpus, the hot loop that the
// whole-pipeline benchmarks dilute.
func BenchmarkScanTokens(b *testing.B) {
	texts := benchCorpus(b, "sotu.jsonl")
	var bytes int64
	for _, t := range texts {
		bytes += int64(len(t))
	}
	b.SetBytes(bytes)
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			scanTokens(t)
		}
	}
}

func testingProcs() int { return runtime.GOMAXPROCS(0) }
