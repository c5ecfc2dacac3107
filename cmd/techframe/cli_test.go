package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// runCLI runs techframe in-process with injected streams.
func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, StdinPiped: stdin != ""}
	code = run(context.Background(), append([]string{"techframe"}, args...), e)
	return out.String(), errb.String(), code
}

func TestAnnotateStdinOffsetsPointIntoText(t *testing.T) {
	text := "China’s “AI plan” and the U.S. response. They record the record now.\n"
	out, errs, code := runCLI(t, text, "annotate")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rec struct {
		ID        string
		Sentences []struct{ Start, End int }
		Tokens    []struct {
			Start, End int
			Text, Norm string
			Sent       int
		}
	}
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	if len(rec.Sentences) != 2 {
		t.Errorf("sentences = %d, want 2", len(rec.Sentences))
	}
	if len(rec.Tokens) == 0 {
		t.Fatal("no tokens")
	}
	prev := 0
	for _, tok := range rec.Tokens {
		if tok.Start < prev || tok.End <= tok.Start || tok.End > len(text) {
			t.Fatalf("bad span %+v", tok)
		}
		if text[tok.Start:tok.End] != tok.Text {
			t.Errorf("text[%d:%d] = %q, token says %q", tok.Start, tok.End, text[tok.Start:tok.End], tok.Text)
		}
		prev = tok.Start
	}
}

func TestExitCodes(t *testing.T) {
	cases := []struct {
		name  string
		stdin string
		args  []string
		code  int
		msg   string
	}{
		{"missing path", "", []string{"annotate", "no/such/file.txt"}, 1, "no/such/file.txt"},
		{"unknown flag", "", []string{"annotate", "--no-such-flag", "x"}, 2, "no-such-flag"},
		{"bad level", "text.", []string{"annotate", "--level", "paragraph"}, 2, "--level"},
		{"bad jobs", "text.", []string{"annotate", "--jobs", "0"}, 2, "--jobs"},
		{"non-numeric jobs", "text.", []string{"annotate", "--jobs", "many"}, 2, "jobs"},
		{"no input on a terminal", "", []string{"annotate"}, 2, "no input"},
		{"unknown command", "", []string{"frobnicate"}, 2, "frobnicate"},
		{"analyze bad output", "text.", []string{"analyze", "-o", "report.docx"}, 2, "report.docx"},
		{"analyze unknown group field", "", []string{"analyze", "../../samples", "--group-by", "publisher", "-o", "-"}, 2, "outlet_type"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errs, code := runCLI(t, c.stdin, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, c.code, errs)
			}
			if !strings.Contains(errs, c.msg) {
				t.Errorf("stderr %q does not mention %q", errs, c.msg)
			}
		})
	}
}

func TestFlagsAfterInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.txt")
	os.WriteFile(in, []byte("Beijing and Brussels signed a joint standards pact."), 0o644)
	out := filepath.Join(dir, "out.tsv")
	_, errs, code := runCLI(t, "", "annotate", in, "--level", "sentence", "-t", "tsv", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "doc_id\tindex") {
		t.Errorf("tsv output:\n%s", b)
	}
}

func TestHelpHasExamplesForEveryCommand(t *testing.T) {
	app := newApp(&env{})
	for _, c := range app.Commands {
		if c.Name == "help" {
			continue
		}
		check := func(name, usage string) {
			if !strings.Contains(usage, "EXAMPLES") {
				t.Errorf("%s --help has no EXAMPLES section", name)
			}
		}
		check(c.Name, c.UsageText)
		for _, sub := range c.Subcommands {
			if sub.Name == "help" {
				continue
			}
			check(c.Name+" "+sub.Name, sub.UsageText)
		}
	}
}

// urfave/cli's "Required flag" error is untyped, so run cannot map it to
// exit 2; commands check their own required flags and return a usage error.
func TestNoCommandUsesCLIRequiredFlags(t *testing.T) {
	var walk func(prefix string, cmds []*cli.Command)
	walk = func(prefix string, cmds []*cli.Command) {
		for _, c := range cmds {
			for _, f := range c.Flags {
				if rf, ok := f.(cli.RequiredFlag); ok && rf.IsRequired() {
					t.Errorf("%s%s: flag %v is Required; check it in the action and return pipeline.Usagef", prefix, c.Name, f.Names())
				}
			}
			walk(prefix+c.Name+" ", c.Subcommands)
		}
	}
	walk("", newApp(&env{}).Commands)
}

func TestInterspersedArguments(t *testing.T) {
	app := newApp(&env{})
	cases := []struct{ in, want string }{
		{"techframe analyze samples -o r.xlsx --k 5", "techframe analyze -o r.xlsx --k 5 samples"},
		{"techframe --cpuprofile p.out analyze samples --pos", "techframe --cpuprofile p.out analyze --pos samples"},
		{"techframe annotate a.txt --level=sentence b.txt", "techframe annotate --level=sentence a.txt b.txt"},
		{"techframe kwic China corpus.jsonl --window 3", "techframe kwic --window 3 China corpus.jsonl"},
		{"techframe annotate -- -odd-name.txt", "techframe annotate -- -odd-name.txt"},
		{"techframe lexicons check a.tsv", "techframe lexicons check a.tsv"},
	}
	for _, c := range cases {
		got := strings.Join(interspersed(app, strings.Fields(c.in)), " ")
		if got != c.want {
			t.Errorf("%q\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestAnnotateIdenticalForAnyJobs(t *testing.T) {
	for _, level := range []string{"document", "sentence"} {
		var outs []string
		for _, jobs := range []string{"1", "3"} {
			out, errs, code := runCLI(t, "", "annotate", "../../samples", "--level", level, "--jobs", jobs)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			outs = append(outs, out)
		}
		if outs[0] != outs[1] {
			t.Errorf("--level %s: output differs between --jobs 1 and --jobs 3", level)
		}
		if strings.Count(outs[0], "\n") < 32 {
			t.Errorf("--level %s: only %d records", level, strings.Count(outs[0], "\n"))
		}
	}
}

// The example: for annotate, --format tsv names the output format,
// while the CSV input is still read as CSV.
func TestAnnotateFormatNamesOutput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "export.csv")
	os.WriteFile(in, []byte("id,text,outlet\nx1,\"China and the EU agreed to cooperate. Washington imposed sanctions.\",wire\n"), 0o644)
	out, errs, code := runCLI(t, "", "annotate", in, "--level", "sentence", "--format", "tsv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "doc_id\tindex\t") || !strings.HasPrefix(lines[1], "x1\t0\t") {
		t.Fatalf("want a TSV header and two sentence rows, got:\n%s", out)
	}
	if !strings.Contains(lines[2], "competition") || !strings.Contains(lines[1], "cooperation") {
		t.Errorf("frames missing:\n%s", out)
	}
	_, errs, code = runCLI(t, "", "annotate", in, "--format", "tsv", "--output-format", "csv")
	if code != 2 {
		t.Errorf("contradicting --format and --output-format: exit %d (%s)", code, errs)
	}
}

// TestStagesOffLeaveLexiconsAlone: a run with neither entities nor framing
// does not load the built-in lexicons (its manifest lists none), while a
// lexicon file the user names is still checked.
func TestStagesOffLeaveLexiconsAlone(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(in, []byte("China and the EU signed a partnership on chips.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lexiconRows := func(args ...string) int {
		out := filepath.Join(t.TempDir(), "report") + string(filepath.Separator)
		_, errs, code := runCLI(t, "", append(append([]string{"analyze", "-q"}, args...), "-o", out, in)...)
		if code != 0 {
			t.Fatalf("analyze %v: exit %d: %s", args, code, errs)
		}
		b, err := os.ReadFile(filepath.Join(out, "Manifest.csv"))
		if err != nil {
			t.Fatal(err)
		}
		return strings.Count(string(b), "\nlexicon,")
	}
	if n := lexiconRows(); n < 2 {
		t.Errorf("with both stages the manifest lists %d lexicon files, want the lexicons and the model", n)
	}
	if n := lexiconRows("--no-entities", "--no-framing"); n != 0 {
		t.Errorf("with neither stage the manifest lists %d lexicons, want 0", n)
	}
	bad := filepath.Join(dir, "framing-bad.tsv")
	if err := os.WriteFile(bad, []byte("term\tframe\tweight\nfoo\tnonsense\t1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, code := runCLI(t, "", "annotate", "--no-entities", "--no-framing", "--lexicon", bad, "-o", filepath.Join(dir, "out.jsonl"), in)
	if code != 2 || !strings.Contains(errs, "framing-bad.tsv:2") {
		t.Errorf("a malformed --lexicon with both stages off: exit %d, stderr %q; want 2 naming framing-bad.tsv:2", code, errs)
	}
}

// TestAnnotateJSONLAnnotationsInTextOrder: JSONL records list entities and
// evidence in text order (by sentence, start, end), as the runner sorts them
// for every other consumer. Two sample articles have cues found out of order.
func TestAnnotateJSONLAnnotationsInTextOrder(t *testing.T) {
	out, errs, code := runCLI(t, "", "annotate", "../../samples/articles", "--no-tokens")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	type span struct{ Start, End, Sent int }
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var rec struct {
			ID                 string
			Entities, Evidence []span
		}
		if err := dec.Decode(&rec); err != nil {
			t.Fatal(err)
		}
		for name, spans := range map[string][]span{"entities": rec.Entities, "evidence": rec.Evidence} {
			for i := 1; i < len(spans); i++ {
				a, b := spans[i-1], spans[i]
				if a.Sent > b.Sent || a.Sent == b.Sent && (a.Start > b.Start || a.Start == b.Start && a.End > b.End) {
					t.Errorf("%s %s: %+v listed before %+v", rec.ID, name, a, b)
				}
			}
		}
	}
}

// TestAnnotateConvertedTextIsInTheRecord: for Markdown, HTML and text with
// front matter, offsets count in the converted text, not the file, so the
// document record carries that text and every span slices it; a plain
// text file's offsets are file offsets and its record has no text.
func TestAnnotateConvertedTextIsInTheRecord(t *testing.T) {
	dir := writeConvertedInputs(t)
	out, errs, code := runCLI(t, "", "annotate", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	withText := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var rec struct {
			ID     string
			Text   *string
			Tokens []struct {
				Start, End int
				Text       string
			}
			Entities []struct {
				Start, End int
				Text       string
			}
			Evidence []struct {
				Start, End int
				Text       string
			}
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		if rec.Text == nil {
			continue
		}
		withText[rec.ID] = true
		text := *rec.Text
		var spans []struct {
			Start, End int
			Text       string
		}
		spans = append(append(append(spans, rec.Tokens...), rec.Entities...), rec.Evidence...)
		if len(rec.Entities) == 0 || len(rec.Evidence) == 0 {
			t.Errorf("%s: no entities or no evidence to check", rec.ID)
		}
		for _, s := range spans {
			if s.End > len(text) || text[s.Start:s.End] != s.Text {
				t.Errorf("%s: span %d-%d %q does not slice the record's text", rec.ID, s.Start, s.End, s.Text)
			}
		}
	}
	want := map[string]bool{"a.md": true, "b.html": true, "c1": true, "f1": true, "g1": true, "h.txt": true, "i.txt": true} // ids are relative to the folder
	if !reflect.DeepEqual(withText, want) {
		t.Errorf("records with text: %v, want %v", withText, want)
	}
}

// TestTermCommandsOfferNoPOSOrNER: --pos and --ner change nothing that
// keywords, keyness, collocations or topics count (audit: output identical
// with them, only 4 to 8 times slower), so those commands refuse them as
// unknown flags; annotate still takes them.
func TestTermCommandsOfferNoPOSOrNER(t *testing.T) {
	for _, cmd := range [][]string{{"keywords"}, {"keyness", "--target", "outlet_type=academic"}, {"collocations", "china"}, {"topics"}} {
		for _, flag := range []string{"--pos", "--ner"} {
			args := append(append([]string{}, cmd...), flag, samplesArticles)
			if _, errs, code := runCLI(t, "", args...); code != 2 || !strings.Contains(errs, "flag provided but not defined") {
				t.Errorf("%v: exit %d, stderr %q", args, code, errs)
			}
		}
	}
	// Part-of-speech tags are written by annotate alone (audit: analyze,
	// kwic, sample and evaluate took --pos and wrote no tag anywhere).
	for _, cmd := range [][]string{{"analyze"}, {"kwic", "china"}, {"sample"}, {"evaluate", "--gold", "coded.csv"}} {
		args := append(append([]string{}, cmd...), "--pos", samplesArticles)
		if _, errs, code := runCLI(t, "", args...); code != 2 || !strings.Contains(errs, "flag provided but not defined: -pos") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
	if _, errs, code := runCLI(t, "", "annotate", "--pos", "-o", filepath.Join(t.TempDir(), "a.jsonl"), samplesArticles); code != 0 {
		t.Errorf("annotate --pos: exit %d: %s", code, errs)
	}
}

// convertedInputs are files whose text is converted on reading (Markdown,
// HTML, front matter, Windows-1252, UTF-16) beside ones read as they are.
var convertedInputs = map[string]string{
	"a.md":    "# Chips\n\nChina and the *EU* agreed to cooperate on [AI](http://x).\n",
	"b.html":  "<html><head><title>T</title></head><body><p>Beijing &amp; Washington compete.</p><p>The US tightened export controls.</p></body></html>",
	"c.txt":   "---\nid: c1\noutlet: X\n---\nChina and the EU agreed to cooperate.\n",
	"d.txt":   "China and the EU agreed to cooperate.\n",
	"e.jsonl": `{"id":"e1","text":"China and the EU agreed."}` + "\n",
	// Old Mac line ends (a bare CR) read like LF.
	"f.txt": "---\rid: f1\routlet: X\r---\rChina and the EU agreed to cooperate.\rThe US tightened export controls.\r",
	"g.md":  "---\rid: g1\r---\r# Chips\r\rChina and the *EU* agreed to cooperate.\r",
	// Windows-1252 (curly quotes) and UTF-16 text is not the file's
	// bytes: the record carries the UTF-8 text the offsets count in.
	"h.txt": "Beijing\x92s \x93partners\x94 and the EU agreed to cooperate.\r\n",
	"i.txt": "\xff\xfeC\x00h\x00i\x00n\x00a\x00 \x00a\x00n\x00d\x00 \x00t\x00h\x00e\x00 \x00E\x00U\x00 \x00c\x00o\x00o\x00p\x00e\x00r\x00a\x00t\x00e\x00.\x00",
}

// writeConvertedInputs writes convertedInputs to a new folder.
func writeConvertedInputs(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range convertedInputs {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
