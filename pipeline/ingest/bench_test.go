package ingest

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeJSONLCorpus writes n records of about 1.5 KB of text with metadata
// and returns the path and size.
func writeJSONLCorpus(tb testing.TB, n int) (string, int64) {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), "corpus.jsonl")
	f, err := os.Create(p)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	para := strings.Repeat("China's AI governance diplomacy is framed as cooperation amid rivalry with the United States. ", 16)
	for i := 0; i < n; i++ {
		fmt.Fprintf(w, "{\"id\":\"doc-%d\",\"year\":%d,\"outlet\":\"Outlet %d\",\"score\":%g,\"text\":%q}\n", i, 1990+i%35, i%7, float64(i)/3, para)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		tb.Fatal(err)
	}
	return p, fi.Size()
}

// BenchmarkJSONL reads a generated 5,000-record (~7.6 MB) JSONL corpus.
func BenchmarkJSONL(b *testing.B) {
	p, size := writeJSONLCorpus(b, 5000)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		src, err := Open([]string{p}, Options{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, err := src.Next(context.Background())
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 5000 {
			b.Fatalf("%d documents", n)
		}
	}
	b.ReportMetric(float64(5000*b.N)/b.Elapsed().Seconds(), "docs/s")
}
