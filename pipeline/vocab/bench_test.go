package vocab

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/tokenize"
)

// benchDocs tokenizes the State of the Union corpus prepared by
// ../shared/bench/setup.sh ($BENCH_WORK, default /tmp/techframe-bench).
func benchDocs(b *testing.B) []*pipeline.Document {
	dir := os.Getenv("BENCH_WORK")
	if dir == "" {
		dir = "/tmp/techframe-bench"
	}
	f, err := os.Open(filepath.Join(dir, "data", "sotu.jsonl"))
	if err != nil {
		b.Skipf("benchmark corpus absent (run ../shared/bench/setup.sh): %v", err)
	}
	defer f.Close()
	tk, err := tokenize.New(tokenize.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var docs []*pipeline.Document
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var r struct{ ID, Text string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			b.Fatal(err)
		}
		d := &pipeline.Document{ID: r.ID, Text: r.Text}
		if err := tk.Process(d); err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// BenchmarkDocTerms: terms of every SOTU address (default options; the
// runner calls DocTerms on its workers).
func BenchmarkDocTerms(b *testing.B) {
	docs := benchDocs(b)
	bl, _ := NewBuilder(DefaultOptions())
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			bl.DocTerms(d)
		}
	}
}

// BenchmarkAddTermsBuild: counting (the runner's ordered sink) and Build,
// terms computed beforehand.
func BenchmarkAddTermsBuild(b *testing.B) {
	docs := benchDocs(b)
	for _, n := range []struct {
		name string
		maxN int
	}{{"unigrams", 1}, {"bigrams", 2}} {
		b.Run(n.name, func(b *testing.B) {
			o := DefaultOptions()
			o.MaxN = n.maxN
			bl, _ := NewBuilder(o)
			terms := make([][]Term, len(docs))
			for i, d := range docs {
				terms[i] = bl.DocTerms(d)
			}
			b.ResetTimer()
			for b.Loop() {
				bl, _ := NewBuilder(o)
				for i, d := range docs {
					bl.AddTerms(d, terms[i])
				}
				if _, err := bl.Build(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
