package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const trainGold = "../../pipeline/framing/testdata/gold/dev.csv"

func TestFramingTrainAndUse(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.json")
	_, errs, code := runCLI(t, "", "framing", "train", "--gold", trainGold, "--gold", "../../samples/coded.csv", "-o", model)
	if code != 0 {
		t.Fatalf("train: exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "leave-one-file-out") || !strings.Contains(errs, "in-sample") {
		t.Errorf("stderr lacks the score tables:\n%s", errs)
	}
	first, err := os.ReadFile(model)
	if err != nil {
		t.Fatal(err)
	}
	// Same files, same bytes.
	out, _, code := runCLI(t, "", "framing", "train", "-q", "--gold", trainGold, "--gold", "../../samples/coded.csv", "-o", "-")
	if code != 0 || out != string(first) {
		t.Errorf("retraining to stdout: exit %d, same bytes %v", code, out == string(first))
	}
	text := "China and Brazil signed a partnership on satellite data. Washington sees Beijing as a strategic rival in chips.\n"
	for _, args := range [][]string{
		{"annotate", "--framing-model", model},
		{"annotate", "--framing-rule"},
		{"annotate"},
	} {
		out, errs, code := runCLI(t, text, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		if !strings.Contains(out, `"frame":"cooperation"`) || !strings.Contains(out, `"frame":"competition"`) {
			t.Errorf("%v: frames missing in %s", args, out)
		}
	}
}

func TestFramingModelErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad-model.json")
	if err := os.WriteFile(bad, []byte(`{"format":"techframe-topics"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"bad model", []string{"annotate", "--framing-model", bad}, "bad-model.json"},
		{"missing model", []string{"annotate", "--framing-model", filepath.Join(dir, "none.json")}, "none.json"},
		{"rule and model", []string{"annotate", "--framing-rule", "--framing-model", bad}, "cannot be used together"},
		{"no gold", []string{"framing", "train", "-o", filepath.Join(dir, "m.json")}, "--gold"},
		{"no output", []string{"framing", "train", "--gold", trainGold}, "-o MODEL.json"},
		{"bad l2", []string{"framing", "train", "--gold", trainGold, "--l2", "0", "-o", "-"}, "--l2"},
		{"bad gold", []string{"framing", "train", "--gold", bad, "-o", "-"}, "bad-model.json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errs, code := runCLI(t, "China and Brazil signed a partnership.\n", tc.args...)
			if code != 2 || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 mentioning %q", code, errs, tc.want)
			}
		})
	}
}

// One gold file gets a cross-validated estimate: whole documents per fold
// when it has doc_id, consecutive rows otherwise; every row is scored in
// exactly one fold.
func TestFramingTrainCrossValidatesOneFile(t *testing.T) {
	_, errs, code := runCLI(t, "", "framing", "train", "--gold", "../../samples/coded.csv", "-o", filepath.Join(t.TempDir(), "m.json"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "5-fold cross-validation by document") || !strings.Contains(errs, "the honest estimate") {
		t.Fatalf("stderr lacks the cross-validation table:\n%s", errs)
	}
	if rows := foldRows(t, errs); rows != 518 {
		t.Errorf("folds score %d rows, the file has 518", rows)
	}
	// The shipped model's score on the rows is given as the yardstick;
	// coded.csv is among its training sets, so it beats the hand rule.
	var rf, rk, sf, sk float64
	if _, err := fmt.Sscanf(errs[strings.Index(errs, "in-sample (optimistic)"):], "in-sample (optimistic)   hand rule macro-F1 %f kappa %f", &rf, &rk); err != nil {
		t.Fatalf("no in-sample line (%v):\n%s", err, errs)
	}
	i := strings.Index(errs, "the shipped model on these rows: ")
	if i < 0 {
		t.Fatalf("no shipped-model line:\n%s", errs)
	}
	if _, err := fmt.Sscanf(errs[i:], "the shipped model on these rows: macro-F1 %f kappa %f", &sf, &sk); err != nil || sf <= rf || sk <= rk || sf > 1 {
		t.Errorf("shipped model macro-F1 %.3f kappa %.3f (%v), hand rule %.3f / %.3f", sf, sk, err, rf, rk)
	}
	// dev.csv has no doc_id: consecutive blocks.
	_, errs, code = runCLI(t, "", "framing", "train", "--gold", trainGold, "-o", filepath.Join(t.TempDir(), "m.json"))
	if code != 0 || !strings.Contains(errs, "by consecutive rows") {
		t.Fatalf("dev.csv: exit %d:\n%s", code, errs)
	}
	if rows := foldRows(t, errs); rows != 400 {
		t.Errorf("folds score %d rows, dev.csv has 400", rows)
	}
}

// foldRows sums the rows column of the "fold N" lines of a training report.
func foldRows(t *testing.T, report string) int {
	t.Helper()
	n := 0
	for _, line := range strings.Split(report, "\n") {
		f := strings.Fields(line)
		if len(f) > 2 && f[0] == "fold" {
			k, err := strconv.Atoi(f[2])
			if err != nil {
				t.Fatalf("fold line %q", line)
			}
			n += k
		}
	}
	return n
}

// --builtin adds the embedded training sets to the fit and to the training
// side of every fold; the estimate still scores only the user's rows, and
// the held-out test sets are never among the built-in sets.
func TestFramingTrainBuiltin(t *testing.T) {
	dir := t.TempDir()
	with, without := filepath.Join(dir, "with.json"), filepath.Join(dir, "without.json")
	_, errs, code := runCLI(t, "", "framing", "train", "--builtin", "--gold", "../../samples/coded.csv", "-o", with)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "rows from the built-in gold sets") {
		t.Errorf("stderr does not say built-in rows were used:\n%s", errs)
	}
	if rows := foldRows(t, errs); rows != 518 {
		t.Errorf("folds score %d rows; want only the 518 of coded.csv", rows)
	}
	if _, errs, code := runCLI(t, "", "framing", "train", "-q", "--gold", "../../samples/coded.csv", "-o", without); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	a, _ := os.ReadFile(with)
	b, _ := os.ReadFile(without)
	if string(a) == string(b) {
		t.Error("--builtin made no difference to the model")
	}
	for _, want := range []string{`"builtin:dev.csv"`, `"builtin:train9.csv"`, `"builtin:codebook.csv"`, `coded.csv"`} {
		if !strings.Contains(string(a), want) {
			t.Errorf("model's training sets lack %s", want)
		}
	}
	if strings.Contains(string(a), "heldout4") || strings.Contains(string(a), "heldout5") {
		t.Error("a held-out test set is among the built-in training sets")
	}
}

// An index-only sheet (doc_id, index, label) trains on the sentences its
// rows name in the corpus given as inputs, the same model as the sheet
// with the sentence text; rows that name no sentence are warned about,
// counted and left out; without inputs the sheet is a usage error.
func TestFramingTrainIndexOnlySheet(t *testing.T) {
	dir := t.TempDir()
	sampled := filepath.Join(dir, "sampled.csv")
	if _, errs, code := runCLI(t, "", "sample", samplesArticles, "--n", "80", "-q", "-o", sampled); code != 0 {
		t.Fatalf("sample: exit %d: %s", code, errs)
	}
	recs := readCSV(t, sampled)
	col := map[string]int{}
	for i, name := range recs[0] {
		col[name] = i
	}
	// The tagger's label stands in for a coder's.
	withText := [][]string{{"doc_id", "index", "sentence", "label"}}
	indexOnly := [][]string{{"doc_id", "index", "label"}}
	for _, r := range recs[1:] {
		withText = append(withText, []string{r[col["doc_id"]], r[col["index"]], r[col["sentence"]], r[col["system_frame"]]})
		indexOnly = append(indexOnly, []string{r[col["doc_id"]], r[col["index"]], r[col["system_frame"]]})
	}
	n := len(indexOnly) - 1
	textPath, idxPath, badPath, blankPath := filepath.Join(dir, "text.csv"), filepath.Join(dir, "idx.csv"), filepath.Join(dir, "bad.csv"), filepath.Join(dir, "blank.csv")
	writeCSV(t, textPath, withText)
	writeCSV(t, idxPath, indexOnly)
	// Two rows that name no sentence of the inputs, at lines n+2 and n+3.
	first := indexOnly[1][0]
	writeCSV(t, badPath, append(append([][]string(nil), indexOnly...), []string{"no-such-doc", "0", "neutral"}, []string{first, "9999", "competition"}))
	// A sentence column with one blank cell: that row needs the corpus.
	blank := append([][]string(nil), withText...)
	blank[1] = []string{withText[1][0], withText[1][1], "", withText[1][3]}
	writeCSV(t, blankPath, blank)

	train := func(gold string, extra ...string) (string, string, int) {
		return runCLI(t, "", append([]string{"framing", "train", "--gold", gold, "-o", "-"}, extra...)...)
	}
	want, errs, code := train(textPath, "-q")
	if code != 0 {
		t.Fatalf("sheet with text: exit %d: %s", code, errs)
	}
	// The model names its training file, and the inputs and tokenizer
	// that numbered the sentences of rows without text; otherwise the
	// bytes are equal.
	inputs := regexp.MustCompile(`\n *"inputs": \[[^\]]*\],\n *"tokenizer": "[^"]*",`)
	same := func(got, path string) bool {
		return inputs.ReplaceAllString(strings.ReplaceAll(got, filepath.ToSlash(path), filepath.ToSlash(textPath)), "") == want
	}
	if strings.Contains(want, `"inputs"`) {
		t.Errorf("a model trained on sentence text records inputs:\n%s", want[:min(len(want), 1200)])
	}
	got, errs, code := train(idxPath, samplesArticles)
	if code != 0 || !same(got, idxPath) {
		t.Fatalf("index-only sheet: exit %d, same model as with the text %v:\n%s", code, same(got, idxPath), errs)
	}
	var m struct {
		Training struct {
			Inputs    []string
			Tokenizer string
		}
	}
	if err := json.Unmarshal([]byte(got), &m); err != nil || !slices.Equal(m.Training.Inputs, []string{filepath.ToSlash(samplesArticles)}) || m.Training.Tokenizer != "default" {
		t.Errorf("index-only model records inputs %q and tokenizer %q (%v); want [%s] and default", m.Training.Inputs, m.Training.Tokenizer, err, samplesArticles)
	}
	if msg := fmt.Sprintf("%s: %d rows without sentence text, trained on the sentences their doc_id and index name in the inputs", idxPath, n); !strings.Contains(errs, msg) {
		t.Errorf("stderr lacks %q:\n%s", msg, errs)
	}
	if got, errs, code := train(blankPath, "-q", samplesArticles); code != 0 || !same(got, blankPath) {
		t.Errorf("sheet with a blank sentence cell: exit %d, same model %v: %s", code, same(got, blankPath), errs)
	}

	// Unmatched rows: one warning each with file:line and the reason, and
	// a count that -q does not hide; the model is the one without them.
	got, errs, code = train(badPath, samplesArticles)
	if code != 0 || !same(got, badPath) {
		t.Fatalf("sheet with unmatched rows: exit %d, same model %v: %s", code, same(got, badPath), errs)
	}
	summary := fmt.Sprintf("%s: 2 of %d rows without sentence text name no sentence of the inputs and are left out of the training", badPath, n+2)
	for _, w := range []string{
		fmt.Sprintf(`warning: framing train: %s:%d: no document with id "no-such-doc" in the inputs: left out of the training`, badPath, n+2),
		fmt.Sprintf(`warning: framing train: %s:%d: document %s has `, badPath, n+3, first), "no sentence 9999: left out of the training",
		summary,
	} {
		if !strings.Contains(errs, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errs)
		}
	}
	if _, errs, code := train(badPath, "-q", samplesArticles); code != 0 || !strings.Contains(errs, summary) || strings.Contains(errs, "warning:") {
		t.Errorf("-q: exit %d; want the count without the warnings:\n%s", code, errs)
	}
	if _, errs, code := train(badPath, "--strict", samplesArticles); code != 1 || !strings.Contains(errs, "no-such-doc") || !strings.Contains(errs, "(--strict)") {
		t.Errorf("--strict: exit %d, want 1 naming the row:\n%s", code, errs)
	}
	// Inputs that hold none of the sheet's documents: nothing to train on.
	other := writeFile(t, dir, "other.txt", "---\nid: other\n---\nChina and Brazil signed a partnership.\n")
	if _, errs, code := train(idxPath, "-q", other); code != 1 || !strings.Contains(errs, fmt.Sprintf("none of the %d coded rows of %s names a sentence of the inputs", n, idxPath)) {
		t.Errorf("no row matched: exit %d:\n%s", code, errs)
	}

	// No inputs: a usage error that says to give the corpus, also when
	// stdin is piped (only "-" reads it).
	for _, c := range []struct {
		gold, stdin, want string
	}{
		{idxPath, "", idxPath + " has no sentence column: its rows name sentences by doc_id and index, so give the corpus it was coded from as inputs"},
		{idxPath, "China and Brazil signed a partnership.\n", "give the corpus it was coded from as inputs"},
		{blankPath, "", blankPath + ":2: the row has no sentence text: give the corpus the sheet was coded from as inputs"},
	} {
		if _, errs, code := runCLI(t, c.stdin, "framing", "train", "--gold", c.gold, "-o", "-"); code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%s without inputs (stdin %q): exit %d, stderr %q; want exit 2 with %q", filepath.Base(c.gold), c.stdin, code, errs, c.want)
		}
	}

	// A sheet with its text ignores the inputs, and says so.
	got, errs, code = train(textPath, samplesArticles)
	if code != 0 || got != want || !strings.Contains(errs, "every coded row has its sentence text, so the inputs are not read") {
		t.Errorf("sheet with text and inputs: exit %d, same model %v:\n%s", code, got == want, errs)
	}
}

// TestGoldProblemsNameTheCommand: a bad row of a gold sheet is reported
// under the command the user ran, whichever command reads the sheet, alone
// or in a list of problems.
func TestGoldProblemsNameTheCommand(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "a.txt", "China and the EU signed a joint AI pact.")
	one := writeFile(t, dir, "g-badlabel.csv", "sentence,label\nChina and the EU signed a joint AI pact.,competiton\n")
	two := writeFile(t, dir, "g-two.csv", "sentence,label\nChina and the EU signed a joint AI pact.,competiton\nThe US and China compete.,bar\n")
	good := writeFile(t, dir, "good.csv", "sentence,label\nChina and the EU signed a joint AI pact.,cooperation\n")
	cases := []struct {
		cmd  string
		args func(gold string) []string
	}{
		{"framing train", func(g string) []string {
			return []string{"framing", "train", "--gold", g, "-o", filepath.Join(dir, "m.json")}
		}},
		{"evaluate", func(g string) []string { return []string{"evaluate", "--gold", g, in} }},
		{"analyze", func(g string) []string {
			return []string{"analyze", "--gold", g, in, "-o", filepath.Join(dir, "r.xlsx")}
		}},
		{"agree", func(g string) []string { return []string{"agree", good, g} }},
	}
	for _, c := range cases {
		t.Run(c.cmd, func(t *testing.T) {
			_, errs, code := runCLI(t, "", c.args(one)...)
			if want := "techframe: " + c.cmd + ": " + one + `:2: unknown label "competiton"`; code != 2 || !strings.Contains(errs, want) {
				t.Errorf("one problem: exit %d, stderr lacks %q:\n%s", code, want, errs)
			}
			_, errs, code = runCLI(t, "", c.args(two)...)
			for _, want := range []string{
				"\n  " + c.cmd + ": " + two + `:2: unknown label "competiton"`,
				"\n  " + c.cmd + ": " + two + `:3: unknown label "bar"`,
			} {
				if code != 2 || !strings.Contains(errs, want) {
					t.Errorf("two problems: exit %d, stderr lacks %q:\n%s", code, want, errs)
				}
			}
		})
	}
}

// Two coders' sheets of the same sentences (the help's "--gold coder1.csv
// --gold coder2.csv"): the second adds no sentence, so it is one counted
// warning saying so and how many of its labels differ, not an error; the
// model is the one the first sheet alone gives. Before, the run failed
// with "coderB.csv has no coded rows" and wrote no model. A sheet whose
// labels are all blank is still refused.
func TestFramingTrainTwoCodersOfTheSameSentences(t *testing.T) {
	dir := t.TempDir()
	sheet := filepath.Join(dir, "tocode.csv")
	if _, errs, code := runCLI(t, "", "sample", "../../samples", "--n", "60", "-q", "-o", sheet); code != 0 {
		t.Fatalf("sample: exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(sheet)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int {
		i := slices.Index(rows[0], name)
		if i < 0 {
			t.Fatalf("no %s column in %q", name, rows[0])
		}
		return i
	}
	frame, label := col("system_frame"), col("label")
	other := map[string]string{"cooperation": "competition", "competition": "both", "both": "neutral", "neutral": "cooperation"}
	// coder A takes the system's frames; coder B differs on every 7th row.
	write := func(name string, code func(i int, frame string) string) string {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		for i, r := range rows {
			r = slices.Clone(r)
			if i > 0 {
				r[label] = code(i, r[frame])
			}
			w.Write(r)
		}
		w.Flush()
		return writeFile(t, dir, name, buf.String())
	}
	a := write("coderA.csv", func(i int, f string) string { return f })
	differ := 0
	bSheet := write("coderB.csv", func(i int, f string) string {
		if i%7 == 0 {
			differ++
			return other[f]
		}
		return f
	})
	blank := write("blank.csv", func(int, string) string { return "" })

	alone, both := filepath.Join(dir, "alone.json"), filepath.Join(dir, "both.json")
	if _, errs, code := runCLI(t, "", "framing", "train", "--gold", a, "-o", alone); code != 0 {
		t.Fatalf("train on coder A: exit %d: %s", code, errs)
	}
	_, errs, code := runCLI(t, "", "framing", "train", "--gold", a, "--gold", bSheet, "-o", both)
	if code != 0 {
		t.Fatalf("train on coders A and B: exit %d: %s", code, errs)
	}
	want := fmt.Sprintf("techframe: warning: framing train: %s: every one of its 60 coded rows codes a sentence that %s already codes, %d of them labelled differently here: nothing new to train on", bSheet, a, differ)
	if !strings.Contains(errs, want) || strings.Count(errs, "every one of its") != 1 {
		t.Errorf("stderr lacks %q once:\n%s", want, errs)
	}
	if !strings.Contains(errs, "framing train: 60 rows") || !strings.Contains(errs, "5-fold cross-validation") {
		t.Errorf("want 60 rows trained on and cross-validated (coder B adds no fold):\n%s", errs)
	}
	if strings.Contains(errs, "has no coded rows") {
		t.Errorf("coder B's sheet was taken for an empty one:\n%s", errs)
	}
	// Only the rows labelled differently get a warning each (settle the
	// label); those coded alike are in the file's one warning.
	if n := strings.Count(errs, "settle the label"); n != differ || strings.Contains(errs, "already coded with the same label") {
		t.Errorf("%d row warnings, want %d (one per differing label) and none for the rows coded alike:\n%s", n, differ, errs)
	}
	// Trained on coder A's labels: the same weights as coder A alone; only
	// the list of files differs.
	model := func(p string) map[string]any {
		var m map[string]any
		b, err := os.ReadFile(p)
		if err == nil {
			err = json.Unmarshal(b, &m)
		}
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		delete(m["training"].(map[string]any), "sets")
		return m
	}
	if ma, mb := model(alone), model(both); !reflect.DeepEqual(ma, mb) {
		t.Errorf("the model of A and B differs from A's alone: training %v, want %v", mb["training"], ma["training"])
	}

	// A sheet with every label blank is still an error, after a first one
	// or alone.
	for _, args := range [][]string{{"--gold", a, "--gold", blank}, {"--gold", blank}} {
		_, errs, code := runCLI(t, "", append(append([]string{"framing", "train"}, args...), "-o", filepath.Join(dir, "x.json"))...)
		if code != 2 || !strings.Contains(errs, blank+" has no coded rows") {
			t.Errorf("%q: exit %d, %s; want 2: has no coded rows", args, code, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.json")); err == nil {
		t.Errorf("a refused run wrote its model")
	}
}
