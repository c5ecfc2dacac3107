package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/techframe/techframe/pipeline"
)

// TestFolderWalk checks recursion, lexical order, hidden entries, the
// ignore file (names, anchored paths, folders, comments, nested files) and
// IDs relative to the folder.
func TestFolderWalk(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"b.txt":                       "b",
		"a.txt":                       "a",
		"Z.txt":                       "Z",
		"sub/c.md":                    "c",
		"sub/deeper/d.txt":            "d",
		"sub/deeper/skip.txt":         "ignored by the nested ignore file",
		"sub/deeper/.techframeignore": "skip.txt\n",
		".hidden.txt":                 "hidden file",
		".git/config":                 "hidden folder",
		"sub/.cache/x.txt":            "hidden folder below",
		"copy.jsonl":                  "{\"text\":\"ignored by name\"}\n",
		"coded.csv":                   "text\nignored\n",
		"drafts/e.txt":                "ignored folder",
		"notes/drafts":                "a file named drafts is kept",
		"keep/coded.csv":              "text\nanchored pattern does not reach here\n",
		"only/top.txt":                "anchored path",
		".techframeignore":            "# keep the JSONL copy and the hand coding out\n*.jsonl\n/coded.csv\n\ndrafts/\nonly/top.txt\n[bad\n",
	})
	res := readAll(t, []string{dir}, Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	want := []string{"Z.txt", "a.txt", "b.txt", "keep/coded.csv:2", "notes/drafts", "sub/c.md", "sub/deeper/d.txt"}
	if got := ids(res.docs); !reflect.DeepEqual(got, want) {
		t.Errorf("ids\n got %q\nwant %q", got, want)
	}
	if got := warnKinds(res.warns); !reflect.DeepEqual(got, []string{"ignore-file@.techframeignore:7"}) {
		t.Errorf("warnings %v", got)
	}
	for _, d := range res.docs {
		if want := filepath.Join(dir, filepath.FromSlash(strings.TrimSuffix(d.ID, ":2"))); d.Source != want {
			t.Errorf("Source %q, want %q", d.Source, want)
		}
	}
	// The same folder read again gives the same order.
	again := readAll(t, []string{dir}, Options{})
	if !reflect.DeepEqual(ids(again.docs), ids(res.docs)) {
		t.Error("order differs between runs")
	}
}

// TestSymlinkedFolder reads a named input that is a symbolic link to a
// folder like the folder itself (same IDs, paths through the link), keeps
// skipping linked folders found below it, and cannot loop on link cycles.
func TestSymlinkedFolder(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"real/a.txt":            "a",
		"real/sub/b.md":         "b",
		"real/skip.txt":         "ignored",
		"real/.techframeignore": "skip.txt\n",
		"other/c.txt":           "c",
	})
	t.Chdir(dir)
	links := map[string]string{
		"corpus":     "real",           // the reported case
		"corpus2":    "corpus",         // a link to a link
		"real/up":    "..",             // a cycle back to the parent, found while walking
		"real/self":  ".",              // a cycle to the folder itself
		"real/other": "../other",       // a linked sub-folder: not followed
		"real/c.txt": "../other/c.txt", // a linked file: read
		"loop":       "loop",           // a link to itself
	}
	for name, target := range links {
		if err := os.Symlink(target, name); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	plain := readAll(t, []string{"real"}, Options{})
	if plain.err != nil {
		t.Fatal(plain.err)
	}
	wantIDs := []string{"a.txt", "c.txt", "sub/b.md"}
	if got := ids(plain.docs); !reflect.DeepEqual(got, wantIDs) {
		t.Fatalf("plain folder: ids %q, want %q", got, wantIDs)
	}
	wantWarns := []string{"skipped-symlink@other:0", "skipped-symlink@self:0", "skipped-symlink@up:0"}
	for _, arg := range []string{"corpus", "corpus/", "./corpus", "corpus2", filepath.Join(dir, "corpus")} {
		t.Run(arg, func(t *testing.T) {
			res := readAll(t, []string{arg}, Options{})
			if res.err != nil {
				t.Fatal(res.err)
			}
			if got := ids(res.docs); !reflect.DeepEqual(got, wantIDs) {
				t.Errorf("ids %q, want %q", got, wantIDs)
			}
			if got := warnKinds(res.warns); !reflect.DeepEqual(got, wantWarns) {
				t.Errorf("warnings %v, want %v", got, wantWarns)
			}
			for _, w := range res.warns {
				if want := filepath.Join(arg, filepath.Base(w.Path)); w.Path != want {
					t.Errorf("warning names %q, want %q (through the link)", w.Path, want)
				}
			}
			for _, d := range res.docs {
				if want := filepath.Join(arg, filepath.FromSlash(d.ID)); d.Source != want {
					t.Errorf("Source %q, want %q (through the link)", d.Source, want)
				}
			}
		})
	}
	// A named link to itself cannot be read: an error naming it (like any
	// named input that cannot be read), not a loop.
	res := readAll(t, []string{"loop"}, Options{})
	var ie *InputError
	if !errors.As(res.err, &ie) || ie.Path != "loop" || !strings.Contains(res.err.Error(), "ingest: loop: cannot read:") {
		t.Errorf("self link: err %v, want an *InputError naming loop", res.err)
	}
}

// TestArguments covers file and glob arguments, missing inputs, bad
// options and several arguments in order.
func TestArguments(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"x/one.txt": "1", "x/two.txt": "2", "x/.three.txt": "hidden", "y.md": "y", "x/sub/four.txt": "4"})
	t.Chdir(dir)

	res := readAll(t, []string{"y.md", "x/*.txt", "z/*.csv", "x/sub"}, Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if got, want := ids(res.docs), []string{"y.md", "x/one.txt", "x/two.txt", "four.txt"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ids %q, want %q", got, want)
	}
	if got, want := warnKinds(res.warns), []string{"empty-glob@*.csv:0"}; !reflect.DeepEqual(got, want) {
		t.Errorf("warnings %v, want %v", got, want)
	}
	if res.warns[0].Path != "z/*.csv" {
		t.Errorf("glob warning names %q", res.warns[0].Path)
	}
	if n := res.src.Warnings(); n[KindEmptyGlob] != 1 {
		t.Errorf("Warnings() = %v", n)
	}

	// A named input that does not exist is an error at Open, before any
	// document, naming it (and every other one), with or without Strict.
	for _, strict := range []bool{false, true} {
		_, err := Open([]string{"y.md", "nope.txt", "x/*.txt", "gone/", "-"}, Options{Strict: strict})
		var ie *InputError
		if !errors.As(err, &ie) || ie.Path != "nope.txt" || !reflect.DeepEqual(ie.More, []string{"gone/"}) || !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("strict %v: missing inputs: %v, want an *InputError for nope.txt and gone/", strict, err)
		} else if msg := err.Error(); !strings.Contains(msg, "ingest: nope.txt: no such file or folder (and 1 more that cannot be read: gone/)") {
			t.Errorf("message %q", msg)
		}
		if errors.Is(err, pipeline.ErrUsage) {
			t.Errorf("a missing input is not a usage error")
		}
	}
	// Usage errors.
	for _, args := range []struct {
		args []string
		opts Options
	}{
		{[]string{"y.md"}, Options{Format: "docx"}},
		{[]string{"x/[.txt"}, Options{}},
		{[]string{"y.md"}, Options{TextField: "body", IDField: "body"}},
	} {
		if _, err := Open(args.args, args.opts); !errors.Is(err, pipeline.ErrUsage) {
			t.Errorf("Open(%v, %+v) = %v, want a usage error", args.args, args.opts, err)
		}
	}
}

// TestUnreadableNamed: a named file or folder that exists but cannot be
// opened is an *InputError at Open (nothing is read), like a missing one.
func TestUnreadableNamed(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": "a", "b.txt": "b", "locked/c.txt": "c"})
	old := openFile
	defer func() { openFile = old }()
	openFile = func(name string) (io.ReadCloser, error) {
		if base := filepath.Base(name); base == "a.txt" || base == "locked" {
			return nil, &os.PathError{Op: "open", Path: name, Err: os.ErrPermission}
		}
		return old(name)
	}
	for _, bad := range []string{"a.txt", "locked"} {
		res := readAll(t, []string{filepath.Join(dir, "b.txt"), filepath.Join(dir, bad)}, Options{})
		var ie *InputError
		if !errors.As(res.err, &ie) || ie.Path != filepath.Join(dir, bad) || !errors.Is(res.err, os.ErrPermission) || len(res.docs) != 0 {
			t.Errorf("%s: err %v, %d documents; want an *InputError naming it and none read", bad, res.err, len(res.docs))
		} else if !strings.Contains(res.err.Error(), "cannot read: permission denied") {
			t.Errorf("%s: message %q", bad, res.err)
		}
	}
}

// TestUnreadable simulates a file that cannot be opened.
func TestUnreadable(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": "a", "b.txt": "b"})
	old := openFile
	defer func() { openFile = old }()
	openFile = func(name string) (io.ReadCloser, error) {
		if filepath.Base(name) == "a.txt" {
			return nil, &os.PathError{Op: "open", Path: name, Err: os.ErrPermission}
		}
		return old(name)
	}
	res := readAll(t, []string{dir}, Options{})
	if got := ids(res.docs); !reflect.DeepEqual(got, []string{"b.txt"}) {
		t.Errorf("ids %q", got)
	}
	if got := warnKinds(res.warns); !reflect.DeepEqual(got, []string{"unreadable@a.txt:0"}) {
		t.Errorf("warnings %v", got)
	}
	if in := res.src.Inputs(); len(in) != 1 || in[0].Path != filepath.Join(dir, "b.txt") {
		t.Errorf("Inputs() = %+v", in)
	}
}

// TestEncodings reads BOM-marked UTF-8 and UTF-16 files.
func TestEncodings(t *testing.T) {
	utf16le := func(s string) string {
		b := []byte{0xFF, 0xFE}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return string(b)
	}
	utf16be := func(s string) string {
		b := []byte{0xFE, 0xFF}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u>>8), byte(u))
		}
		return string(b)
	}
	cases := []struct {
		name, file, content string
		ids, texts          []string
	}{
		{"utf-8 bom txt", "a.txt", "\xef\xbb\xbfHello 中国", []string{"a.txt"}, []string{"   Hello 中国"}}, // the mark's three bytes kept as spaces: file offsets
		{"utf-8 bom csv header", "b.csv", "\xef\xbb\xbfid,text\nk1,Row\n", []string{"k1"}, []string{"Row"}},
		{"utf-8 bom jsonl", "c.jsonl", "\xef\xbb\xbf{\"text\":\"J\"}\n", []string{"c.jsonl:1"}, []string{"J"}},
		{"utf-16le txt", "d.txt", utf16le("Wide text 😀 é\r\nline two"), []string{"d.txt"}, []string{"Wide text 😀 é\r\nline two"}},
		{"utf-16be jsonl", "e.jsonl", utf16be("{\"id\":\"u\",\"text\":\"Big end 中\"}\n{\"text\":\"two\"}\n"), []string{"u", "e.jsonl:2"}, []string{"Big end 中", "two"}},
		{"utf-16le csv", "f.csv", utf16le("text,year\n\"a, b\",2020\n"), []string{"f.csv:2"}, []string{"a, b"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{tc.file: tc.content})
			res := readAll(t, []string{dir}, Options{})
			if res.err != nil || len(res.warns) > 0 {
				t.Fatalf("err %v warnings %v", res.err, res.warns)
			}
			var texts []string
			for _, d := range res.docs {
				texts = append(texts, d.Text)
			}
			if !reflect.DeepEqual(ids(res.docs), tc.ids) || !reflect.DeepEqual(texts, tc.texts) {
				t.Errorf("got %q %q, want %q %q", ids(res.docs), texts, tc.ids, tc.texts)
			}
			// A document of a UTF-16 file is not the file's bytes: its
			// record carries the text its offsets count in.
			for _, d := range res.docs {
				if wide := strings.Contains(tc.name, "utf-16"); d.Converted != wide {
					t.Errorf("%s: Converted %v, want %v", d.ID, d.Converted, wide)
				}
			}
			if in := res.src.Inputs(); len(in) != 1 || in[0].Bytes != int64(len(tc.content)) {
				t.Errorf("Inputs() = %+v, want %d bytes", in, len(tc.content))
			}
		})
	}
}

// TestInputsManifest checks hashes, sizes, formats and document counts,
// including a file that was skipped as binary and one cut short by a
// missing text column (its hash still covers every byte).
func TestInputsManifest(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.jsonl": "{\"text\":\"one\"}\n{\"text\":\"two\"}\nbad\n",
		"b.bin":   "\x00\x01\x02" + strings.Repeat("x", 20000),
		"c.csv":   "notes\n" + strings.Repeat("row\n", 5000),
		"d.html":  "<p>hi</p>",
	}
	writeTree(t, dir, files)
	res := readAll(t, []string{dir}, Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	got := res.src.Inputs()
	want := []struct {
		name, format string
		docs         int
	}{{"a.jsonl", "jsonl", 2}, {"b.bin", "binary", 0}, {"c.csv", "csv", 0}, {"d.html", "html", 1}}
	if len(got) != len(want) {
		t.Fatalf("Inputs() = %+v", got)
	}
	for i, w := range want {
		sum := sha256.Sum256([]byte(files[w.name]))
		g := got[i]
		if g.Path != filepath.Join(dir, w.name) || g.Format != w.format || g.Documents != w.docs ||
			g.Bytes != int64(len(files[w.name])) || g.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("input %d = %+v, want %s %s %d docs %d bytes", i, g, w.name, w.format, w.docs, len(files[w.name]))
		}
	}
}

// TestLongRecords reads records far beyond bufio.Scanner's 64 KiB limit in
// every streaming format.
func TestLongRecords(t *testing.T) {
	long := strings.Repeat("Beijing and Brussels discussed AI standards. ", 8000) // ~360 KB
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"a.jsonl": "{\"text\":\"short\"}\n{\"id\":\"L\",\"text\":\"" + long + "\"}\n{\"text\":\"after\"}\n",
		"b.csv":   "text\n\"" + long + "\"\nafter\n",
		"c.lines": long + "\nafter\n",
	})
	res := readAll(t, []string{filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.csv")}, Options{})
	lines := readAll(t, []string{filepath.Join(dir, "c.lines")}, Options{Format: "lines"})
	docs := append(res.docs, lines.docs...)
	if res.err != nil || lines.err != nil || len(res.warns)+len(lines.warns) > 0 {
		t.Fatalf("errors %v %v warnings %v %v", res.err, lines.err, res.warns, lines.warns)
	}
	wantLen := []int{5, len(long), 5, len(long), 5, len(long), 5}
	if len(docs) != len(wantLen) {
		t.Fatalf("%d documents, want %d", len(docs), len(wantLen))
	}
	for i, d := range docs {
		if len(d.Text) != wantLen[i] {
			t.Errorf("doc %d (%s) has %d bytes, want %d", i, d.ID, len(d.Text), wantLen[i])
		}
	}
	if docs[2].Line != 3 || docs[4].Line != 3 || docs[6].Line != 2 {
		t.Errorf("lines after the long record: %d %d %d", docs[2].Line, docs[4].Line, docs[6].Line)
	}
}

// TestHugeJSONLLine reads a single ~50 MB JSONL record (skipped with -short).
func TestHugeJSONLLine(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 50 MB file")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "huge.jsonl")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	chunk := strings.Repeat("x", 1<<20)
	io.WriteString(f, "{\"id\":\"huge\",\"year\":2024,\"text\":\"")
	for i := 0; i < 50; i++ {
		io.WriteString(f, chunk)
	}
	io.WriteString(f, "\"}\n{\"text\":\"small\"}\n")
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	res := readAll(t, []string{p}, Options{})
	if res.err != nil || len(res.warns) > 0 || len(res.docs) != 2 {
		t.Fatalf("err %v warnings %v docs %d", res.err, res.warns, len(res.docs))
	}
	if len(res.docs[0].Text) != 50<<20 || res.docs[0].ID != "huge" || res.docs[1].Line != 2 {
		t.Errorf("huge record: %d bytes id %q; next line %d", len(res.docs[0].Text), res.docs[0].ID, res.docs[1].Line)
	}
}

// TestCancel stops reading when the context is cancelled.
func TestCancel(t *testing.T) {
	src, err := Open([]string{"-"}, Options{Stdin: strings.NewReader("a\nb\n"), Format: "lines"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := src.Next(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Next on a cancelled context = %v", err)
	}
}

// An unknown format is a usage error naming the flag that gave it.
func TestUnknownFormatNamesTheFlag(t *testing.T) {
	for _, c := range []struct{ flag, format, want string }{
		{"", "xml", `unknown --format "xml": use txt, md, html, jsonl, csv, tsv or lines`},
		{"--input-format", "pdf", `unknown --input-format "pdf": use txt, md, html, jsonl, csv, tsv or lines (PDF and word-processor files are not read`},
	} {
		_, err := Open([]string{"x.txt"}, Options{Format: c.format, FormatFlag: c.flag})
		if !errors.Is(err, pipeline.ErrUsage) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %s: %v, want %q", c.flag, c.format, err, c.want)
		}
	}
}

// Resolve lists the files Open would read (folders walked with their
// ignore files, globs expanded) without reading a file or warning, and
// leaves out what Open would report: a missing input, a glob that matches
// nothing, stdin.
func TestResolve(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"corp/a.txt":            "a",
		"corp/sub/b.md":         "b",
		"corp/skip.txt":         "ignored",
		"corp/.techframeignore": "skip.txt\n[bad\n",
		"g/x.txt":               "x",
		"g/y.csv":               "text\ny\n",
		"one.txt":               "one",
	})
	j := func(p string) string { return filepath.Join(dir, p) }
	got := Resolve([]string{j("missing.txt"), j("corp"), j("g/*.txt"), j("none/*.txt"), "-", j("one.txt")})
	want := []string{j("corp/a.txt"), j("corp/sub/b.md"), j("g/x.txt"), j("one.txt")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Resolve = %q, want %q", got, want)
	}
}
