package ingest

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/techframe/techframe/pipeline"
)

// result is everything one read produced.
type result struct {
	docs  []*pipeline.Document
	warns []pipeline.Warning
	src   *Source
	err   error // the first error other than io.EOF (from Open or Next)
}

// readAll opens args and reads to the end (or to the first error).
func readAll(t testing.TB, args []string, opts Options) result {
	t.Helper()
	var res result
	opts.Warn = func(w pipeline.Warning) { res.warns = append(res.warns, w) }
	src, err := Open(args, opts)
	res.src = src
	if err != nil {
		res.err = err
		return res
	}
	for i := 0; ; i++ {
		if i > 1_000_000 {
			t.Fatal("Next never returned io.EOF")
		}
		doc, err := src.Next(context.Background())
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			res.err = err
			break
		}
		res.docs = append(res.docs, doc)
	}
	return res
}

// writeTree creates files (slash paths relative to dir) with the given
// contents.
func writeTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// ids lists the documents' IDs.
func ids(docs []*pipeline.Document) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.ID
	}
	return out
}

// metaString renders metadata as "k=v;k=v" with pipeline.MetaString.
func metaString(m pipeline.Meta) string {
	parts := make([]string, len(m))
	for i, f := range m {
		parts[i] = f.Key + "=" + pipeline.MetaString(f.Value)
	}
	return strings.Join(parts, ";")
}

// warnKinds lists the warnings as "kind@path:line".
func warnKinds(ws []pipeline.Warning) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Kind + "@" + filepath.Base(w.Path) + ":" + strconv.Itoa(w.Line)
	}
	return out
}

func decodeRuneInString(s string) (rune, int) { return utf8.DecodeRuneInString(s) }
