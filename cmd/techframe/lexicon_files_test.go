package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

// exportLexicons writes the built-in lexicons into a new folder.
func exportLexicons(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "lex")
	if _, errs, code := runCLI(t, "", "lexicons", "export", dir); code != 0 {
		t.Fatalf("lexicons export: exit %d: %s", code, errs)
	}
	return dir
}

// TestLexiconFolderSkippedFileWarns: Excel saves tab-delimited text as
// .txt; a file of a lexicon folder that is not read is a warning (counted
// in the run's manifest), hidden files are not.
func TestLexiconFolderSkippedFileWarns(t *testing.T) {
	dir := exportLexicons(t)
	if err := os.Rename(filepath.Join(dir, "framing.tsv"), filepath.Join(dir, "framing.txt")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, ".~lock.framing.txt#"), []byte("x"), 0o644)
	want := "techframe: warning: lexicon: " + filepath.Join(dir, "framing.txt") + ": not a .tsv file: skipped (lexicon files end in .tsv)\n"

	out, errs, code := runCLI(t, "", "lexicons", "check", dir)
	if code != 0 || errs != want || !strings.HasPrefix(out, "ok ") {
		t.Errorf("lexicons check: exit %d, stdout %q, stderr %q; want 0 and the warning %q", code, out, errs, want)
	}

	mf := filepath.Join(t.TempDir(), "m.json")
	_, errs, code = runCLI(t, "China and the EU signed a partnership on chips.\n", "annotate", "--lexicon", dir, "--manifest", mf)
	if code != 0 || strings.Count(errs, want) != 1 {
		t.Errorf("annotate --lexicon DIR: exit %d, stderr %q; want the warning once", code, errs)
	}
	var m manifestJSON
	b, _ := os.ReadFile(mf)
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Warnings.ByKind["lexicon:skipped-file"] != 1 {
		t.Errorf("manifest warnings %v, want lexicon:skipped-file 1", m.Warnings.ByKind)
	}
	if _, errs, _ = runCLI(t, "x.\n", "annotate", "-q", "--lexicon", dir); strings.Contains(errs, "warning") {
		t.Errorf("-q: stderr %q", errs)
	}
}

// TestLexiconReplaceWithoutKindWarns: --lexicon-replace with files of one
// kind only leaves the other stage with nothing to find: a warning, counted
// in the manifest, only when that stage runs.
func TestLexiconReplaceWithoutKindWarns(t *testing.T) {
	dir := exportLexicons(t)
	framing, ents := filepath.Join(dir, "framing.tsv"), filepath.Join(dir, "entities.tsv")
	const noFraming = "techframe: warning: framing: --lexicon-replace: no framing lexicon among the --lexicon files: every sentence will be neutral\n"
	const noEntities = "techframe: warning: entities: --lexicon-replace: no entities lexicon among the --lexicon files: no entity will be tagged\n"
	text := "China and the EU signed a partnership on chips.\n"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--lexicon", ents}, noFraming},
		{[]string{"--lexicon", ents, "--no-framing"}, ""},
		{[]string{"--lexicon", framing}, noEntities},
		{[]string{"--lexicon", framing, "--no-entities"}, ""},
		{[]string{"--lexicon", dir}, ""},
	} {
		mf := filepath.Join(t.TempDir(), "m.json")
		args := append(append([]string{"annotate", "--lexicon-replace", "--manifest", mf}, tc.args...), "-o", filepath.Join(t.TempDir(), "o.jsonl"))
		_, errs, code := runCLI(t, text, args...)
		if code != 0 || errs != tc.want {
			t.Errorf("%v: exit %d, stderr %q; want 0 and %q", tc.args, code, errs, tc.want)
		}
		var m manifestJSON
		b, _ := os.ReadFile(mf)
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		if n := m.Warnings.Total; (n == 1) != (tc.want != "") {
			t.Errorf("%v: manifest counts %d warnings (%v)", tc.args, n, m.Warnings.ByKind)
		}
	}
	// framing train tags the gold rows with the same lexicons.
	if _, errs, _ := runCLI(t, "", "framing", "train", "--lexicon-replace", "--lexicon", ents, "--gold", "../../samples/coded.csv", "-o", filepath.Join(t.TempDir(), "m.json")); !strings.Contains(errs, "warning: framing: --lexicon-replace: no framing lexicon among the --lexicon files") {
		t.Errorf("framing train: stderr %q lacks the warning", errs)
	}
	// Without --lexicon-replace the built-ins fill in: no warning.
	if _, errs, _ := runCLI(t, text, "annotate", "--lexicon", ents, "-o", filepath.Join(t.TempDir(), "o.jsonl")); errs != "" {
		t.Errorf("--lexicon without --lexicon-replace: stderr %q", errs)
	}
}

// excelSave rewrites a TSV file the way Excel saves an edited sheet as
// tab-delimited text: a cell holding a quote or a comma wrapped in quotes
// with its quotes doubled, every row padded to one more column than the
// widest row (a column that once held something), CRLF line ends; with
// utf16, as "Unicode Text" (UTF-16LE with a byte-order mark).
func excelSave(t *testing.T, path string, utf16 bool) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	rows := make([][]string, len(lines))
	width := 0
	for i, l := range lines {
		rows[i] = strings.Split(l, "\t")
		width = max(width, len(rows[i])+1)
	}
	var out strings.Builder
	for _, r := range rows {
		for len(r) < width {
			r = append(r, "")
		}
		for k, c := range r {
			if strings.ContainsAny(c, "\",") {
				r[k] = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
		}
		out.WriteString(strings.Join(r, "\t") + "\r\n")
	}
	data := []byte(out.String())
	if utf16 {
		data, err = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(data)
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLexiconSpreadsheetRoundTripAnnotate: the built-in lexicons exported,
// opened and saved by Excel (quoted cells, an extra empty column, CRLF, and
// as UTF-16 "Unicode Text") and used with --lexicon-replace annotate the
// samples exactly as the built-ins do, but for the lexicon file names in
// the evidence.
func TestLexiconSpreadsheetRoundTripAnnotate(t *testing.T) {
	want, errs, code := runCLI(t, "", "annotate", "../../samples/articles")
	if code != 0 {
		t.Fatalf("built-in run: exit %d: %s", code, errs)
	}
	for _, utf16 := range []bool{false, true} {
		dir := exportLexicons(t)
		for _, n := range []string{"framing.tsv", "entities.tsv"} {
			excelSave(t, filepath.Join(dir, n), utf16)
		}
		got, errs, code := runCLI(t, "", "annotate", "--lexicon", dir, "--lexicon-replace", "../../samples/articles")
		if code != 0 || errs != "" {
			t.Fatalf("utf16 %v: exit %d: %s", utf16, code, errs)
		}
		// The lexicon file is named in evidence and in ignore reasons:
		// the copies by their paths, the built-ins as builtin:NAME.
		got = strings.ReplaceAll(got, dir+string(filepath.Separator), "builtin:")
		if got != want {
			a, b := strings.Split(got, "\n"), strings.Split(want, "\n")
			for i := range min(len(a), len(b)) {
				if a[i] != b[i] {
					k := 0
					for k < min(len(a[i]), len(b[i])) && a[i][k] == b[i][k] {
						k++
					}
					from := max(0, k-150)
					t.Fatalf("utf16 %v: line %d differs at byte %d:\n got ...%.300s\nwant ...%.300s", utf16, i+1, k, a[i][from:], b[i][from:])
				}
			}
			t.Fatalf("utf16 %v: %d lines, want %d", utf16, len(a), len(b))
		}
	}
}

// TestLexiconMultiLineCell: a cell holding a line break, saved by a
// spreadsheet as a quoted cell over two lines, is one problem at the line
// where the cell opens, with every other line's problems, exit code 2,
// before any text is read; no half of the cell is read as an entry.
func TestLexiconMultiLineCell(t *testing.T) {
	f := filepath.Join(t.TempDir(), "mine.tsv")
	data := "# kind: framing\n" +
		"joint venture*\tcooperation\t1\tfine\n" +
		"\"trade\nwar\"\tcompetition\t1\tfrom a sheet\n" +
		"rival*\tcompetition\tx\n"
	if err := os.WriteFile(f, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	want := "techframe: lexicon: " + f + ":3: line break inside the term (column 1): a quoted cell opens here and closes on line 4, but a lexicon cell cannot hold a line break; remove it (in a spreadsheet, edit the cell; in a text editor, join the lines)\n" +
		"techframe: lexicon: " + f + `:5: bad weight "x" for a competition cue: want a number in (0, 10]` + "\n"
	for _, args := range [][]string{{"lexicons", "check", f}, {"annotate", "--lexicon", f}} {
		out, errs, code := runCLI(t, "China and the EU agreed.\n", args...)
		if code != 2 || out != "" || errs != want {
			t.Errorf("%v: exit %d, stdout %q, stderr\n%s\nwant exit 2, no output, stderr\n%s", args, code, out, errs, want)
		}
	}
}

// TestKWICWordPatternChecksLexicons: kwic with a word pattern runs no
// annotation stage, but a malformed or missing --lexicon is still a
// configuration error (exit 2) before any input is read, as kwic --help
// says; a good one changes nothing.
func TestKWICWordPatternChecksLexicons(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad-framing.tsv")
	if err := os.WriteFile(bad, []byte("# kind: framing\nfoo\tcooperashun\t1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "nonexist.tsv")
	for _, c := range []struct{ lexicon, want string }{
		{bad, "techframe: lexicon: " + bad + `:2: unknown frame "cooperashun"`},
		{missing, "techframe: lexicon: " + missing + ": cannot read lexicon: "},
	} {
		// A missing input would be exit 1: the lexicon comes first.
		for _, in := range []string{"../../samples/samples.jsonl", filepath.Join(dir, "no-such-input.jsonl")} {
			out, errs, code := runCLI(t, "", "kwic", "--lexicon", c.lexicon, "cooperation", in)
			if code != 2 || out != "" || !strings.HasPrefix(errs, c.want) {
				t.Errorf("kwic --lexicon %s cooperation %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.lexicon, in, code, out, errs, c.want)
			}
		}
	}
	want, errs, code := runCLI(t, "", "kwic", "-q", "cooperation", "../../samples/samples.jsonl")
	if code != 0 {
		t.Fatalf("kwic: exit %d: %s", code, errs)
	}
	good := filepath.Join(dir, "extra-framing.tsv")
	os.WriteFile(good, []byte("# kind: framing\nzorblax\tcooperation\t1\n"), 0o644)
	if got, errs, code := runCLI(t, "", "kwic", "-q", "--lexicon", good, "cooperation", "../../samples/samples.jsonl"); code != 0 || got != want {
		t.Errorf("kwic --lexicon good: exit %d, stderr %q, output changed: %v", code, errs, got != want)
	}
}

// TestFramingModelCheckedWithoutFraming: --framing-model is read and
// checked even when the framing stage does not run (--no-framing, kwic with
// a word pattern): a missing or malformed model is exit 2 before any input
// is read, and a good one is warned about as unused.
func TestFramingModelCheckedWithoutFraming(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad-model.json")
	if err := os.WriteFile(bad, []byte(`{"format": "something else"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "nonexist.json")
	in := "../../samples/samples.jsonl"
	for _, model := range []string{bad, missing} {
		for _, args := range [][]string{
			{"annotate", "--no-framing", "--framing-model", model, "-o", filepath.Join(dir, "out.jsonl"), in},
			{"kwic", "--framing-model", model, "cooperation", in},
		} {
			out, errs, code := runCLI(t, "", args...)
			if code != 2 || out != "" || !strings.Contains(errs, "framing model "+model) {
				t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 naming the model", args, code, out, errs)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out.jsonl")); err == nil {
		t.Error("annotate wrote its output although the model was bad")
	}
	good := "../../lexicons/data/framing-model.json"
	_, errs, code := runCLI(t, "", "kwic", "--framing-model", good, "cooperation", in)
	if code != 0 || !strings.Contains(errs, "the model is not used") {
		t.Errorf("kwic with an unused good model: exit %d, stderr %q; want 0 and a warning", code, errs)
	}
}
