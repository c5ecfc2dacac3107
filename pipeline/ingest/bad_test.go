package ingest

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
)

// TestBadInput checks that every bad record gives exactly the expected
// warnings (kind, path, line), that good records around it survive, and
// that with Strict the first warning becomes a *pipeline.StrictError.
func TestBadInput(t *testing.T) {
	cases := []struct {
		name, file, content string
		opts                Options
		ids                 []string
		warns               []string // kind@file:line
		msg                 string   // substring of the first warning's message
	}{
		{"malformed json line", "a.jsonl", "{\"text\":\"ok\"}\n{\"text\": \"broken\n{\"text\":\"ok2\"}\n", Options{},
			[]string{"a.jsonl:1", "a.jsonl:3"}, []string{"malformed-json@a.jsonl:2"}, "malformed JSON"},
		{"json array line", "a.jsonl", "[1,2]\n", Options{}, nil, []string{"malformed-json@a.jsonl:1"}, "not a JSON object"},
		{"json trailing data", "a.jsonl", "{\"text\":\"x\"} {\"text\":\"y\"}\n", Options{}, nil, []string{"malformed-json@a.jsonl:1"}, "after the object"},
		{"json truncated", "a.jsonl", "{\"text\":\"x\"", Options{}, nil, []string{"malformed-json@a.jsonl:1"}, "end of line"},
		{"json missing text", "a.jsonl", "{\"notes\":\"x\",\"id\":3}\n", Options{}, nil, []string{"missing-text@a.jsonl:1"}, `fields: "notes", "id"`},
		{"json text is a number", "a.jsonl", "{\"id\":\"n\",\"text\":12345}\n{\"id\":\"b\",\"text\":true}\n", Options{},
			[]string{"n", "b"}, []string{"bad-text-field@a.jsonl:1", "bad-text-field@a.jsonl:2"}, `field "text" is a number, not a string: read as the text "12345"`},
		{"json file", "corpus.json", "[{\"id\":\"j1\",\"text\":\"China agreed.\"}]\n", Options{},
			[]string{"corpus.json"}, []string{"unparsed-format@corpus.json:0"}, "JSON Lines (.jsonl, one object per line)"},
		{"json text is object", "a.jsonl", "{\"text\":{\"en\":\"x\"}}\n", Options{}, nil, []string{"bad-text-field@a.jsonl:1"}, "object or array"},
		{"json non-scalar once per file and field", "a.jsonl", "{\"text\":\"a\",\"tags\":[1]}\n{\"text\":\"b\",\"tags\":[2],\"loc\":{}}\n{\"text\":\"c\",\"tags\":[3]}\n", Options{},
			[]string{"a.jsonl:1", "a.jsonl:2", "a.jsonl:3"}, []string{"non-scalar-field@a.jsonl:1", "non-scalar-field@a.jsonl:2"}, `"tags"`},
		{"json empty text", "a.jsonl", "{\"text\":\"  \"}\n{\"text\":null}\n", Options{}, nil, []string{"empty-document@a.jsonl:1", "empty-document@a.jsonl:2"}, "no text"},
		{"csv without text column", "b.csv", "id,notes,year\n1,x,2\n", Options{}, nil, []string{"missing-text@b.csv:1"}, `header has "id", "notes", "year"`},
		{"csv wrong field count", "b.csv", "id,text\n1,ok\n2,too,many\n3\n4,fine\n", Options{},
			[]string{"1", "4"}, []string{"malformed-csv@b.csv:3", "malformed-csv@b.csv:4"}, "row has 3 fields, the header has 2"},
		{"csv quote closing too early", "b.csv", "id,text\n1,\"a\" b\n2,fine\n", Options{},
			[]string{"1", "2"}, []string{"malformed-csv@b.csv:2"}, "field 2 opens a quote that does not close a quoted field: read as written"},
		// An unterminated quote costs its own row's reading, not the rest
		// of the file.
		{"csv quote never closed", "b.csv", "id,text\nr1,ok\nr2,\"He said \"\"hi\"\" and left\nr3,fine\nr4,\"also\"\n", Options{},
			[]string{"r1", "r2", "r3", "r4"}, []string{"malformed-csv@b.csv:3"}, "read as written"},
		{"csv empty text", "b.csv", "id,text\n1,\n", Options{}, nil, []string{"empty-document@b.csv:2"}, `"1" has no text`},
		{"csv empty file", "b.csv", "", Options{}, nil, []string{"empty-document@b.csv:0"}, "no header"},
		{"empty txt", "c.txt", " \n\n", Options{}, nil, []string{"empty-document@c.txt:0"}, "no text"},
		{"binary", "d.txt", "abc\x00def", Options{}, nil, []string{"binary-file@d.txt:0"}, "binary"},
		{"binary jsonl", "d.jsonl", "{\"text\":\"a\"}\n\x00\x01", Options{}, nil, []string{"binary-file@d.jsonl:0"}, "binary"},
		{"invalid utf8 txt", "e.txt", "ok\nab\xffcd\xfe\n", Options{}, []string{"e.txt"}, []string{"invalid-utf8@e.txt:2"}, "byte offset 5"},
		{"invalid utf8 jsonl", "e.jsonl", "{\"text\":\"fine\"}\n{\"text\":\"bad \xc3\x28 here\"}\n", Options{}, []string{"e.jsonl:1", "e.jsonl:2"}, []string{"invalid-utf8@e.jsonl:2"}, "byte offset 29"},
		{"invalid utf8 csv", "e.csv", "text\n\xe2\x82\n", Options{}, []string{"e.csv:2"}, []string{"invalid-utf8@e.csv:2"}, "byte offset 5"},
		{"duplicate ids", "f.jsonl", "{\"id\":\"a\",\"text\":\"1\"}\n{\"id\":\"a\",\"text\":\"2\"}\n{\"id\":\"a#2\",\"text\":\"3\"}\n{\"id\":\"a\",\"text\":\"4\"}\n", Options{},
			[]string{"a", "a#2", "a#2#2", "a#3"}, []string{"duplicate-id@f.jsonl:2", "duplicate-id@f.jsonl:3", "duplicate-id@f.jsonl:4"}, `duplicate id "a": renamed to "a#2"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{tc.file: tc.content})
			res := readAll(t, []string{dir}, tc.opts)
			if res.err != nil {
				t.Fatal(res.err)
			}
			if got := ids(res.docs); !reflect.DeepEqual(got, tc.ids) && (len(got) > 0 || len(tc.ids) > 0) {
				t.Errorf("ids %q, want %q", got, tc.ids)
			}
			if got := warnKinds(res.warns); !reflect.DeepEqual(got, tc.warns) {
				t.Fatalf("warnings %v, want %v\n%v", got, tc.warns, res.warns)
			}
			w := res.warns[0]
			if w.Stage != "ingest" || w.Path != filepath.Join(dir, tc.file) || !strings.Contains(w.Message, tc.msg) {
				t.Errorf("first warning %+v: want stage ingest, path %s, message containing %q", w, filepath.Join(dir, tc.file), tc.msg)
			}
			counts := res.src.Warnings()
			total := 0
			for _, n := range counts {
				total += n
			}
			if total != len(tc.warns) || counts[w.Kind] == 0 {
				t.Errorf("Warnings() = %v for %d warnings", counts, len(tc.warns))
			}
			for _, d := range res.docs {
				// A byte that is not UTF-8 is read as Windows-1252, never
				// replaced, and the record then carries its text.
				if strings.ContainsRune(d.Text, 0xFFFD) {
					t.Errorf("doc %s text %q holds U+FFFD", d.ID, d.Text)
				}
				if strings.HasPrefix(tc.warns[0], "invalid-utf8") && !d.Converted && tc.name != "invalid utf8 jsonl" {
					t.Errorf("doc %s read as Windows-1252 is not marked Converted", d.ID)
				}
			}

			// Strict: the same input fails with the first warning.
			strict := tc.opts
			strict.Strict = true
			sres := readAll(t, []string{dir}, strict)
			var se *pipeline.StrictError
			if !errors.As(sres.err, &se) {
				t.Fatalf("strict: err = %v, want *pipeline.StrictError", sres.err)
			}
			if se.Warning.Kind != w.Kind || se.Warning.Line != w.Line || se.Warning.Path != w.Path {
				t.Errorf("strict error %+v, want the warning %+v", se.Warning, w)
			}
			if _, err := sres.src.Next(context.Background()); !errors.As(err, &se) {
				t.Errorf("Next after a strict error returned %v", err)
			}
		})
	}
}

// TestInvalidUTF8Offset checks the reported offset of the first bad byte in
// files with and without a BOM, that later bad bytes are not reported
// again, and that every bad byte is read as Windows-1252 (a UTF-8 BOM is
// then no longer held by spaces: the text is not the file's bytes).
func TestInvalidUTF8Offset(t *testing.T) {
	cases := []struct {
		content string
		line    int
		offset  int64
		text    string
	}{
		{"\xff", 1, 0, "ÿ"},
		{"abc\n\ndef\x80", 3, 8, "abc\n\ndef€"},
		{"\xef\xbb\xbfab\xc0z\xc0", 1, 5, "abÀzÀ"},
		{"é\xe9", 1, 2, "éé"},
		{strings.Repeat("é", 40000) + "\n\xf0\x9f", 2, 80001, strings.Repeat("é", 40000) + "\nðŸ"},
		// Lines end in LF, CRLF (once) or a bare CR (old Mac files).
		{"one\rtwo \xff bad\r", 2, 8, "one\rtwo ÿ bad\r"},
		{"a\r\nb\r\n\r\nc\xff", 4, 9, "a\r\nb\r\n\r\ncÿ"},
		{"a\r\rb\n\r\xff", 5, 6, "a\r\rb\n\rÿ"},
		// The five bytes Windows-1252 leaves undefined are the C1
		// controls of the same number, as browsers read them.
		{"x\x81\x8d\x8f\x90\x9d", 1, 1, "x\u0081\u008d\u008f\u0090\u009d"},
	}
	for _, tc := range cases {
		dir := t.TempDir()
		writeTree(t, dir, map[string]string{"x.txt": tc.content})
		res := readAll(t, []string{filepath.Join(dir, "x.txt")}, Options{})
		if len(res.warns) != 1 || res.warns[0].Kind != KindInvalidUTF8 || res.warns[0].Line != tc.line || res.warns[0].Offset != tc.offset {
			t.Errorf("%.20q: warnings %+v, want one invalid-utf8 at line %d offset %d", tc.content, res.warns, tc.line, tc.offset)
		}
		if len(res.docs) != 1 || res.docs[0].Text != tc.text || !res.docs[0].Converted {
			t.Errorf("%.20q: text or Converted wrong: %+v", tc.content, res.docs)
		}
	}
}

// TestUTF8FixerChunks feeds the fixer one byte at a time and in odd chunks:
// the output must equal a byte-wise repair of the whole input (each bad byte
// read as Windows-1252, from the table below, not from the fixer's source).
func TestUTF8FixerChunks(t *testing.T) {
	inputs := []string{
		"plain ascii",
		"中文 and é and 😀 mixed",
		"bad \xff in \xe4\xb8 middle \xf0\x9f\x98 end \xe4",
		"\xc3",
		strings.Repeat("€", 20000) + "\xff" + strings.Repeat("😀", 9000),
	}
	for _, in := range inputs {
		want := repairBytewise(in)
		for _, mk := range []func(io.Reader) io.Reader{
			func(r io.Reader) io.Reader { return r },
			oneByteReader,
			func(r io.Reader) io.Reader { return &chunkReader{r: r, n: 7} },
		} {
			bad := 0
			f := &utf8Fixer{r: mk(strings.NewReader(in)), line: 1, onBad: func(int, int64) error { bad++; return nil }}
			got, err := io.ReadAll(f)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != want {
				t.Errorf("%.30q: fixer output differs from byte-wise repair", in)
			}
			if (bad > 0) != (want != in) || bad > 1 {
				t.Errorf("%.30q: onBad called %d times", in, bad)
			}
		}
	}
}

// TestUTF8FixerLine: the line of the first bad byte counts LF, CRLF and
// bare CR line ends, however the input is cut into reads (a CRLF split
// between two reads is one line end).
func TestUTF8FixerLine(t *testing.T) {
	cases := []struct {
		in   string
		line int
	}{
		{"one\rtwo \xff", 2},
		{"one\r\ntwo \xff", 2},
		{"one\n\rtwo\r\xff", 4},
		{"abcdef\r\nX\xff", 2},    // with 7-byte reads the CR ends one, its LF opens the next
		{"abcdef\r\r\nX\xff", 3},  // a bare CR ends one read, a CRLF opens the next
		{"abcdefg\r\nX\xff", 2},   // the CRLF whole in the second read
		{"\r\n\r\n\r\n\r\xff", 5}, // CRLF pairs split by one-byte reads
	}
	for _, tc := range cases {
		for name, mk := range map[string]func(io.Reader) io.Reader{
			"whole":    func(r io.Reader) io.Reader { return r },
			"one byte": oneByteReader,
			"7 bytes":  func(r io.Reader) io.Reader { return &chunkReader{r: r, n: 7} },
		} {
			got := 0
			f := &utf8Fixer{r: mk(strings.NewReader(tc.in)), line: 1, onBad: func(line int, _ int64) error { got = line; return nil }}
			if _, err := io.ReadAll(f); err != nil {
				t.Fatal(err)
			}
			if got != tc.line {
				t.Errorf("%q read %s: bad byte on line %d, want %d", tc.in, name, got, tc.line)
			}
		}
	}
}

func repairBytewise(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= 0x80 {
			r, size = decodeRuneInString(s[i:])
		}
		if r == 0xFFFD && size == 1 {
			b.WriteRune(cp1252[s[i]])
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

type chunkReader struct {
	r io.Reader
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(p) > c.n {
		p = p[:c.n]
	}
	return c.r.Read(p)
}

func oneByteReader(r io.Reader) io.Reader { return &chunkReader{r: r, n: 1} }

// cp1252 is Windows-1252 as the WHATWG Encoding Standard reads it: bytes
// below 0x80 and from 0xA0 are Latin-1; 0x80-0x9F are typographic marks,
// the five undefined ones the C1 control of the same number.
var cp1252 = func() [256]rune {
	var t [256]rune
	for i := range t {
		t[i] = rune(i)
	}
	high := []rune("€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ")
	copy(t[0x80:], high)
	return t
}()
