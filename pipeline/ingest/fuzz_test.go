package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"testing"
	"unicode/utf8"

	"github.com/techframe/techframe/pipeline"
)

// checkFuzz reads data from stdin in one format and checks the invariants
// every reader must keep whatever the bytes: no panic, no hang, documents
// with valid UTF-8, non-blank text and unique IDs, warnings that carry a
// position, a manifest entry covering every byte, and strict mode failing
// on exactly the first warning.
func checkFuzz(t *testing.T, format string, data []byte) {
	res := readAll(t, []string{"-"}, Options{Format: format, Stdin: bytes.NewReader(data)})
	if res.err != nil {
		t.Fatalf("unexpected error: %v", res.err)
	}
	seen := map[string]bool{}
	for _, d := range res.docs {
		if !utf8.ValidString(d.Text) || !utf8.ValidString(d.ID) {
			t.Fatalf("document %q has invalid UTF-8", d.ID)
		}
		if d.ID == "" || seen[d.ID] {
			t.Fatalf("empty or repeated id %q", d.ID)
		}
		seen[d.ID] = true
		if len(bytes.TrimSpace([]byte(d.Text))) == 0 {
			t.Fatalf("document %q has blank text", d.ID)
		}
		if d.Source != "-" {
			t.Fatalf("Source %q", d.Source)
		}
		wholeFile := format == FormatHTML || format == FormatText || format == FormatMarkdown
		if wholeFile != (d.Line == 0) {
			t.Fatalf("document %q has line %d", d.ID, d.Line)
		}
		for _, m := range d.Meta {
			if !utf8.ValidString(m.Key) || !utf8.ValidString(pipeline.MetaString(m.Value)) {
				t.Fatalf("metadata %q has invalid UTF-8", m.Key)
			}
		}
	}
	for _, w := range res.warns {
		if w.Stage != "ingest" || w.Path != "-" || w.Kind == "" || w.Message == "" {
			t.Fatalf("incomplete warning %+v", w)
		}
		fileLevel := w.Kind == KindBinary || (w.Kind == KindEmptyDocument && w.Line == 0)
		if w.Line <= 0 && !fileLevel {
			t.Fatalf("warning without a line: %+v", w)
		}
	}
	in := res.src.Inputs()
	if len(in) != 1 || in[0].Bytes != int64(len(data)) || in[0].Documents != len(res.docs) || len(in[0].SHA256) != 64 {
		t.Fatalf("Inputs() = %+v for %d bytes, %d documents", in, len(data), len(res.docs))
	}

	strict := readAll(t, []string{"-"}, Options{Format: format, Stdin: bytes.NewReader(data), Strict: true})
	var se *pipeline.StrictError
	switch {
	case len(res.warns) == 0 && strict.err != nil:
		t.Fatalf("strict mode failed without warnings: %v", strict.err)
	case len(res.warns) > 0 && !errors.As(strict.err, &se):
		t.Fatalf("strict mode: err %v, want a StrictError", strict.err)
	case se != nil && (se.Warning.Kind != res.warns[0].Kind || se.Warning.Line != res.warns[0].Line):
		t.Fatalf("strict mode failed on %+v, want %+v", se.Warning, res.warns[0])
	}
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte("{\"id\":\"a\",\"text\":\"Beijing\",\"year\":2021}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFuzz(t, FormatJSONL, data)
		for _, line := range bytes.Split(data, []byte("\n")) {
			compareJSONParsers(t, line)
		}
	})
}

func FuzzCSV(f *testing.F) {
	f.Add([]byte("id,text\n1,\"a, b\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFuzz(t, FormatCSV, data)
		checkFuzz(t, FormatTSV, data)
	})
}

func FuzzHTML(f *testing.F) {
	f.Add([]byte("<title>t</title><p>x &amp; y</p>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFuzz(t, FormatHTML, data)
		checkFuzz(t, FormatMarkdown, data)
	})
}

func FuzzLines(f *testing.F) {
	f.Add([]byte("china ai\rexport controls\r\n\r\nchips\n\rx"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFuzz(t, FormatLines, data)
		// Through a 16-byte buffer, lines end where cutLine (front
		// matter's LF, CRLF or bare CR rule) says.
		lr := lineReader{br: bufio.NewReaderSize(bytes.NewReader(data), 16), bareCR: true}
		rest := string(data)
		for rest != "" {
			want, more, _ := cutLine(rest)
			rest = more
			got, err := lr.read()
			if err != nil || string(got) != want {
				t.Fatalf("line %d: %q, %v; want %q", lr.line, got, err, want)
			}
		}
		if got, err := lr.read(); err != io.EOF {
			t.Fatalf("after the last line: %q, %v", got, err)
		}
	})
}

// compareJSONParsers checks the fast object scanner against the
// encoding/json Decoder version: both fail, or both give the same fields.
func compareJSONParsers(t *testing.T, line []byte) {
	slow, serr := parseObject(line)
	fast, ferr := parseObjectFast(line)
	if (serr == nil) != (ferr == nil) {
		t.Fatalf("%q: Decoder error %v, fast error %v", line, serr, ferr)
	}
	if len(slow) != len(fast) {
		t.Fatalf("%q: %d fields vs %d", line, len(slow), len(fast))
	}
	for i := range slow {
		sv, ss, _ := scalarValue(slow[i].raw)
		fv, fs, _ := scalarValue(fast[i].raw)
		if slow[i].key != fast[i].key || ss != fs || pipeline.MetaString(sv) != pipeline.MetaString(fv) {
			t.Fatalf("%q: field %d differs: %q=%v vs %q=%v", line, i, slow[i].key, sv, fast[i].key, fv)
		}
	}
}
