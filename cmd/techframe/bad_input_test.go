package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNothingSilentlyIgnored: runs that would do nothing useful say so
// with a non-zero exit (evaluate with no row matched or none coded, sample
// stratified by a field no document has), and a sub-folder of a lexicon
// folder that holds lexicons is a warning, not silently left out.
func TestNothingSilentlyIgnored(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "other")
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, "a.txt"), []byte("We agree on nothing here."), 0o644)
	headerOnly := filepath.Join(dir, "h.csv")
	os.WriteFile(headerOnly, []byte("doc_id,index,label\n"), 0o644)

	out, errs, code := runCLI(t, "", "evaluate", "--gold", "../../samples/coded.csv", other, "--bootstrap", "0")
	if code != 1 || !strings.Contains(errs, "none of the 518 coded rows") || !strings.Contains(out, "Unmatched") {
		t.Errorf("evaluate, no row matched: exit %d, stderr %q; want 1, the reason, and the report", code, errs)
	}
	if _, errs, code := runCLI(t, "", "evaluate", "--gold", headerOnly, other); code != 2 || !strings.Contains(errs, "has no coded rows") {
		t.Errorf("evaluate, header-only gold: exit %d, stderr %q", code, errs)
	}
	if _, errs, code := runCLI(t, "", "evaluate", "--gold", headerOnly, other, "--bootstrap", "-1"); code != 2 || !strings.Contains(errs, "--bootstrap must be") {
		t.Errorf("evaluate --bootstrap -1: exit %d, stderr %q", code, errs)
	}
	target := filepath.Join(dir, "s.csv")
	if _, errs, code := runCLI(t, "", "sample", "../../samples", "--stratify", "outlet-type", "-o", target); code != 2 || !strings.Contains(errs, `--stratify "outlet-type": no document has this metadata field`) {
		t.Errorf("sample --stratify with a misspelt field: exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(target); err == nil {
		t.Errorf("a refused sample wrote %s", target)
	}
	if _, errs, code := runCLI(t, "", "sample", "../../samples", "--stratify", "outlet_type", "-o", target); code != 0 {
		t.Errorf("sample --stratify outlet_type: exit %d, stderr %q", code, errs)
	}

	// sample --exclude lists every bad row of every sheet.
	badIdx := filepath.Join(dir, "bad.csv")
	os.WriteFile(badIdx, []byte("doc_id,index,label\nx1,0,cooperation\nx1,a,\nx1,-2,\n"), 0o644)
	cp1252 := filepath.Join(dir, "w.csv")
	os.WriteFile(cp1252, []byte("sentence,label\nChina\x92s plan,neutral\n"), 0o644)
	_, errs, code = runCLI(t, "", "sample", "../../samples", "--exclude", badIdx, "--exclude", cp1252, "-o", target)
	for _, w := range []string{"3 problems", badIdx + ":3: index \"a\"", badIdx + ":4: index \"-2\"", cp1252 + ":2: not valid UTF-8"} {
		if code != 2 || !strings.Contains(errs, w) {
			t.Errorf("sample --exclude with bad sheets: exit %d, stderr %q; want 2 and %q", code, errs, w)
		}
	}

	lex := filepath.Join(dir, "lex")
	os.MkdirAll(filepath.Join(lex, "sub"), 0o755)
	os.MkdirAll(filepath.Join(lex, "empty"), 0o755)
	os.WriteFile(filepath.Join(lex, "a_framing.tsv"), []byte("# kind: framing\nfoo\tcooperation\t1\n"), 0o644)
	os.WriteFile(filepath.Join(lex, "sub", "b_framing.tsv"), []byte("bar\tcooperation\t1\n"), 0o644)
	want := "techframe: warning: lexicon: " + filepath.Join(lex, "sub") + ": a sub-folder with .tsv files: skipped"
	if _, errs, code := runCLI(t, "", "lexicons", "check", lex); code != 0 || !strings.Contains(errs, want) || strings.Contains(errs, "empty") {
		t.Errorf("lexicons check with a sub-folder: exit %d, stderr %q; want 0 and %q (and nothing on the empty folder)", code, errs, want)
	}
}

// TestAnnotateTableColumnsUnique: a metadata key that names one of
// annotate's own CSV/TSV columns ("id", "text") is written meta_KEY, so a
// reader that looks columns up by name gets the tool's values.
func TestAnnotateTableColumnsUnique(t *testing.T) {
	in := `{"id":"17","url":"http://a/1","body":"China agreed to cooperate.","text":"summary","frame":"human"}` + "\n"
	for _, tc := range []struct {
		level string
		want  map[string]string
	}{
		{"document", map[string]string{"id": "http://a/1", "meta_id": "17", "text": "", "meta_text": "summary", "frame": "cooperation", "meta_frame": "human"}},
		{"sentence", map[string]string{"doc_id": "http://a/1", "id": "17", "text": "China agreed to cooperate.", "meta_text": "summary", "frame": "cooperation", "meta_frame": "human"}},
	} {
		out, errs, code := runCLI(t, in, "annotate", "--text-field", "body", "--id-field", "url", "-t", "csv", "--level", tc.level)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(rows) != 2 {
			t.Fatalf("%s: %v, %d rows", tc.level, err, len(rows))
		}
		seen := map[string]int{}
		for i, h := range rows[0] {
			if _, dup := seen[h]; dup {
				t.Errorf("%s: column %q twice in %q", tc.level, h, rows[0])
			}
			seen[h] = i
		}
		for col, v := range tc.want {
			if i, ok := seen[col]; !ok || rows[1][i] != v {
				t.Errorf("%s: column %q = %v, want %q (header %q)", tc.level, col, ok && rows[1][i] == v, v, rows[0])
			}
		}
	}
}

// TestFramingTrainWarnsDuplicateRows: a sentence coded twice in the
// training files is trained on once, as evaluate scores it once: the later
// row is warned about, with the other row's place, and louder when the two
// labels differ. Rows with a blank label are counted and said.
func TestFramingTrainWarnsDuplicateRows(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.csv")
	b := filepath.Join(dir, "b.csv")
	os.WriteFile(a, []byte("sentence,label\nWe agree.,neutral\nThey compete.,competition\n"), 0o644)
	os.WriteFile(b, []byte("sentence,label\nWe  agree.,cooperation\nThey compete.,competition\nChina and the EU signed a pact.,cooperation\nRivalry grew.,\n"), 0o644)
	model := filepath.Join(dir, "m.json")
	_, errs, code := runCLI(t, "", "framing", "train", "--gold", a, "--gold", b, "-o", model)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, w := range []string{
		b + ":2: the same sentence as " + a + ":2, coded neutral there and cooperation here: left out of the training, the first row (neutral) is used",
		b + ":3: 1 rows code sentences already coded with the same label: left out of the training, the first rows are used (lines 3)",
		b + ":5: 1 rows with a blank label are not trained on (lines 5)",
		b + ": 1 of 4 rows trained on (1 with a blank label, 2 duplicates, 0 unmatched left out)",
		"framing train: 3 rows",
	} {
		if !strings.Contains(errs, w) {
			t.Errorf("stderr %q lacks %q", errs, w)
		}
	}
	// The same sentence in two documents is two sentences.
	c := filepath.Join(dir, "c.csv")
	os.WriteFile(c, []byte("doc_id,sentence,label\nd1,They compete.,competition\nd2,They compete.,competition\nd1,We agree.,cooperation\n"), 0o644)
	_, errs, code = runCLI(t, "", "framing", "train", "--gold", c, "-o", model)
	if code != 0 || strings.Contains(errs, "the same sentence") || !strings.Contains(errs, "framing train: 3 rows") {
		t.Errorf("exit %d, stderr %q: want 3 rows and no duplicate", code, errs)
	}
	// One document named two ways ("bom.txt", "corpus/bom.txt", as
	// evaluate matches them by path) is one document; files of one name in
	// two folders are two.
	d := filepath.Join(dir, "d.csv")
	os.WriteFile(d, []byte("doc_id,sentence,label\nbom.txt,They compete.,competition\ncorpus/bom.txt,They compete.,competition\na/x.txt,We agree.,cooperation\nb/x.txt,We agree.,cooperation\n"), 0o644)
	_, errs, code = runCLI(t, "", "framing", "train", "--gold", d, "-o", model)
	if code != 0 || !strings.Contains(errs, d+":3: 1 rows code sentences already coded with the same label") || strings.Count(errs, "already coded") != 1 {
		t.Errorf("exit %d, stderr %q: want line 3 alone a duplicate of line 2", code, errs)
	}
}

// TestKwicPatternsThatCannotMatch: a misspelt frame or entity type, or a
// category the flags turn off, is a usage error, not "0 lines".
func TestKwicPatternsThatCannotMatch(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"kwic", "frame:competiton", "../../samples/samples.jsonl"}, "cues have the frame cooperation or competition"},
		{[]string{"kwic", "frame:both", "../../samples/samples.jsonl"}, "cues have the frame"},
		{[]string{"kwic", "entity:FOO", "../../samples/samples.jsonl"}, "entity types are STATE_ACTOR"},
		{[]string{"kwic", "frame:competition", "--no-framing", "../../samples/samples.jsonl"}, "which --no-framing turns off"},
		{[]string{"kwic", "actor:China", "--no-entities", "../../samples/samples.jsonl"}, "which --no-entities turns off"},
	} {
		if _, errs, code := runCLI(t, "", tc.args...); code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", tc.args, code, errs, tc.want)
		}
	}
	if out, errs, code := runCLI(t, "", "kwic", "entity:state_actor", "-q", "../../samples/samples.jsonl"); code != 0 || strings.Count(out, "\n") < 10 {
		t.Errorf("kwic entity:state_actor: exit %d, %d lines, %s", code, strings.Count(out, "\n"), errs)
	}
}

// TestImpossibleParameters: values that cannot mean anything are usage
// errors naming the flag, not silently accepted, capped or half-parsed.
func TestImpossibleParameters(t *testing.T) {
	in := "../../samples/samples.jsonl"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"keyness", in, "--target", "outlet_type=wire", "--max-p", "NaN"}, "--max-p must be a p-value"},
		{[]string{"keyness", in, "--target", "outlet_type=wire", "--max-p", "2"}, "--max-p must be a p-value"},
		{[]string{"collocations", "china", in, "--min-count", "-5"}, "--min-count must be at least 1"},
		{[]string{"collocations", "china", in, "--window", "4611686018427387904"}, "--window must be between 1 and 1000"},
		{[]string{"kwic", "china", in, "--width", "-5"}, "--width must be at least 1"},
		{[]string{"keywords", in, "--group-by", "year", "--bin", "year:2.5"}, "WIDTH must be a positive whole number"},
		{[]string{"keywords", in, "--group-by", "year", "--bin", "year:10abc"}, "WIDTH must be a positive whole number"},
		{[]string{"keywords", in, "-j", "100000000"}, "--jobs must be between 1 and 1024"},
		{[]string{"topics", in, "--k", "3", "--samples", "100"}, "hold at most 30 samples"},
	} {
		if _, errs, code := runCLI(t, "", tc.args...); code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", tc.args, code, errs, tc.want)
		}
	}
}

// TestBinWarnsValuesWithoutYear: a value --bin cannot read a year from is
// grouped under "(no year)" with one warning per distinct value.
func TestBinWarnsValuesWithoutYear(t *testing.T) {
	in := `{"id":"y1","year":"n.d.","text":"China chips."}` + "\n" + `{"id":"y2","year":"1999","text":"Rivalry chips."}` + "\n" + `{"id":"y3","year":"n.d.","text":"China rivalry chips."}` + "\n"
	out, errs, code := runCLI(t, in, "keywords", "--group-by", "year", "--bin", "year:10")
	want := `--bin year:10: year "n.d." holds no year: its documents go to "(no year)"`
	if code != 0 || strings.Count(errs, want) != 1 || !strings.Contains(out, "(no year)") || !strings.Contains(out, "1990s") {
		t.Errorf("exit %d, stderr %q, stdout %q; want the warning once and both groups", code, errs, out)
	}
}

// TestMessagesNameTheRightFlagAndCommand: a flag error in a subcommand
// points to its own help, and a grouping field that only --bin gave is
// blamed on --bin.
func TestMessagesNameTheRightFlagAndCommand(t *testing.T) {
	if _, errs, code := runCLI(t, "", "topics", "infer", "--bogus"); code != 2 || !strings.Contains(errs, "(see techframe topics infer --help)") {
		t.Errorf("topics infer --bogus: exit %d, stderr %q", code, errs)
	}
	if _, errs, code := runCLI(t, "", "keywords", "../../samples/samples.jsonl", "--bin", "nosuch:10"); code != 2 || !strings.Contains(errs, `--bin "nosuch": no document has this metadata field`) {
		t.Errorf("keywords --bin nosuch:10: exit %d, stderr %q", code, errs)
	}
}

// TestTopicsChecksEveryKFirst: a --k list whose largest value exceeds the
// documents left for fitting fails before any fit, naming the holdout.
func TestTopicsChecksEveryKFirst(t *testing.T) {
	_, errs, code := runCLI(t, "", "topics", "../../samples/samples.jsonl", "--k", "10,20,30", "--holdout", "0.1", "-q")
	if code != 2 || !strings.Contains(errs, "--k 30 is larger than the 29 non-empty documents left for fitting after --holdout 0.1") || strings.Contains(errs, "k=10") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

// actor: takes the gazetteer's aliases (actor:US is United States) and
// refuses a name the gazetteer does not know, suggesting the nearest; a
// name several entries share is refused with their names. With --ner an
// unknown name is a warning (NER may tag it).
func TestKwicActorAliases(t *testing.T) {
	canon, errs, code := runCLI(t, "", "kwic", "actor:United States", "-q", samplesArticles)
	if code != 0 || canon == "" {
		t.Fatalf("actor:United States: exit %d, %d bytes: %s", code, len(canon), errs)
	}
	for _, alias := range []string{"US", "usa", "Washington", "united-states"} {
		out, errs, code := runCLI(t, "", "kwic", "actor:"+alias, samplesArticles)
		if code != 0 || out != canon {
			t.Errorf("actor:%s: exit %d, same lines as actor:United States %v: %s", alias, code, out == canon, errs)
		}
		if alias != "united-states" && !strings.Contains(errs, "actor:"+alias+" is United States (an alias, builtin:entities.tsv:") {
			t.Errorf("actor:%s: stderr does not say which entity it means: %s", alias, errs)
		}
	}
	for _, c := range []struct{ pattern, want string }{
		{"actor:Chian", `no entity of the gazetteer is named or called "Chian"; did you mean China`},
		{"actor:Xyzzy", `no entity of the gazetteer is named or called "Xyzzy" (`},
		{"actor:the bloc", "is a name of several entities (ASEAN, "},
	} {
		if _, errs, code := runCLI(t, "", "kwic", c.pattern, samplesArticles); code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%s: exit %d, want 2 with %q: %s", c.pattern, code, c.want, errs)
		}
	}
	if _, errs, code := runCLI(t, "", "kwic", "actor:Xyzzy", "--ner", samplesArticles); code != 0 || !strings.Contains(errs, `warning: kwic: no entity of the gazetteer is named or called "Xyzzy"`) {
		t.Errorf("actor:Xyzzy --ner: exit %d, want 0 with a warning: %s", code, errs)
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"china", "china", 0}, {"chian", "china", 1}, {"chna", "china", 1}, {"chinaa", "china", 1},
		{"chile", "china", 2}, {"japan", "china", 3}, {"", "ab", 2}, {"abc", "", 3},
	} {
		if got := editDistance(c.a, c.b, 2); got != min(c.want, 3) {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, min(c.want, 3))
		}
	}
}

// With --strict the first warning is the failure: stderr states it once,
// not once as a warning and again as the error.
func TestStrictReportsOnce(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.jsonl", "{\"id\":\"a\",\"text\":\"China and the EU agreed.\"}\n{bad json\n")
	_, errs, code := runCLI(t, "", "annotate", "--strict", in, "-o", filepath.Join(dir, "out.jsonl"))
	if code != 1 || strings.Count(errs, "malformed JSON line") != 1 || !strings.Contains(errs, "(--strict)") || strings.Contains(errs, "warning:") {
		t.Errorf("exit %d, want 1 with the problem stated once as the failure:\n%s", code, errs)
	}
}
