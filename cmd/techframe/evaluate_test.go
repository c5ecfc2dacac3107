package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var (
	samplesGold     = filepath.Join("..", "..", "samples", "coded.csv")
	samplesArticles = filepath.Join("..", "..", "samples")
)

type evalJSON struct {
	Rows, Matched, Unmatched, Documents int
	MatchKinds                          map[string]int `json:"match_kinds"`
	TextDiffers                         int            `json:"text_differs"`
	IndexWrong                          int            `json:"index_wrong"`
	Metrics                             struct {
		N, Agree                        int
		Accuracy, Kappa, Alpha, MacroF1 *float64
		Confusion                       [][]int
		Labels                          []string
		Classes                         []struct {
			Label                 string
			Precision, Recall, F1 *float64
			Support, Predicted    int
		}
	}
	Disagreements []map[string]any
	UnmatchedRows []map[string]any `json:"unmatched_rows"`
	ByNote        []struct {
		Tag         string
		Rows, Agree int
		Accuracy    *float64
		GoldLabels  map[string]int `json:"gold_labels"`
	} `json:"by_note"`
	CI *struct {
		Level                           float64
		Resamples, Documents            int
		Accuracy, MacroF1, Kappa, Alpha []*float64
	}
}

func decodeEval(t *testing.T, out string) evalJSON {
	t.Helper()
	var r evalJSON
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("evaluate JSON: %v\n%s", err, out)
	}
	// encoding/json matches macro_f1 to MacroF1 only by tag; read it here.
	var raw struct {
		Metrics struct {
			MacroF1 *float64 `json:"macro_f1"`
			CI      *struct {
				Level                  float64
				Resamples, Documents   int
				Accuracy, Kappa, Alpha []*float64
				MacroF1                []*float64 `json:"macro_f1"`
			} `json:"ci"`
		}
	}
	json.Unmarshal([]byte(out), &raw)
	r.Metrics.MacroF1 = raw.Metrics.MacroF1
	if c := raw.Metrics.CI; c != nil {
		r.CI = &struct {
			Level                           float64
			Resamples, Documents            int
			Accuracy, MacroF1, Kappa, Alpha []*float64
		}{c.Level, c.Resamples, c.Documents, c.Accuracy, c.MacroF1, c.Kappa, c.Alpha}
	}
	return r
}

// checkConsistent checks that the scores agree with the confusion matrix.
func checkConsistent(t *testing.T, r evalJSON) {
	t.Helper()
	m := r.Metrics
	k := len(m.Labels)
	diag, total := 0, 0
	rows, cols := make([]int, k), make([]int, k)
	for i := 0; i < k; i++ {
		for j := 0; j < k; j++ {
			total += m.Confusion[i][j]
			rows[i] += m.Confusion[i][j]
			cols[j] += m.Confusion[i][j]
		}
		diag += m.Confusion[i][i]
	}
	if total != m.N || diag != m.Agree || m.N != r.Matched {
		t.Errorf("confusion total %d diag %d; N %d agree %d matched %d", total, diag, m.N, m.Agree, r.Matched)
	}
	if m.Accuracy == nil || *m.Accuracy != float64(diag)/float64(total) {
		t.Errorf("accuracy %v, confusion diagonal share %d/%d", m.Accuracy, diag, total)
	}
	if len(r.Disagreements) != m.N-m.Agree {
		t.Errorf("%d disagreements listed, %d expected", len(r.Disagreements), m.N-m.Agree)
	}
	in01 := func(name string, f *float64) {
		if f == nil || *f < 0 || *f > 1 {
			t.Errorf("%s = %v, want a value in [0,1]", name, f)
		}
	}
	in01("accuracy", m.Accuracy)
	in01("macro-F1", m.MacroF1)
	in01("kappa", m.Kappa)
	in01("alpha", m.Alpha)
	for i, c := range m.Classes {
		if c.Support != rows[i] || c.Predicted != cols[i] {
			t.Errorf("%s support %d predicted %d; confusion row %d column %d", c.Label, c.Support, c.Predicted, rows[i], cols[i])
		}
		if c.Support > 0 && c.Predicted > 0 {
			in01(c.Label+" precision", c.Precision)
			in01(c.Label+" recall", c.Recall)
			in01(c.Label+" F1", c.F1)
		}
	}
}

// The whole pipeline on the sample corpus: every coded row must match a
// system sentence and the scores must agree with the confusion matrix.
func TestEvaluateSamplesEndToEnd(t *testing.T) {
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "eval.xlsx")
	out, errs, code := runCLI(t, "", "evaluate", "--gold", samplesGold, samplesArticles, "--output-format", "json", "--jobs", "2", "-o", xlsx)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	r := decodeEval(t, out)
	if r.Documents != 32 {
		t.Errorf("%d documents read from samples/, want the 32 articles", r.Documents)
	}
	if r.Rows < 200 || r.Unmatched != 0 || r.Matched != r.Rows || len(r.UnmatchedRows) != 0 {
		t.Errorf("rows %d matched %d unmatched %d: %v", r.Rows, r.Matched, r.Unmatched, r.UnmatchedRows)
	}
	checkConsistent(t, r)
	t.Logf("samples: accuracy %.3f macro-F1 %.3f kappa %.3f alpha %.3f (n=%d)", *r.Metrics.Accuracy, *r.Metrics.MacroF1, *r.Metrics.Kappa, *r.Metrics.Alpha, r.Metrics.N)

	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Metrics,Confusion,Corpus estimate,By note,Disagreements,Unmatched" {
		t.Errorf("sheets %s", got)
	}
	dis, _ := f.GetRows("Disagreements")
	if len(dis)-1 != len(r.Disagreements) {
		t.Errorf("Disagreements sheet has %d rows, want %d", len(dis)-1, len(r.Disagreements))
	}
	conf, _ := f.GetRows("Confusion")
	if len(conf) != 6 || conf[1][1] != fmt.Sprint(r.Metrics.Confusion[0][0]) {
		t.Errorf("Confusion sheet %v", conf)
	}

	// Confidence intervals bracket their scores; the by-note table adds
	// up to the rows carrying each tag in the gold file.
	if r.CI == nil || r.CI.Level != 0.95 || r.CI.Resamples != 1000 || r.CI.Documents != r.Documents {
		t.Fatalf("metrics.ci %+v, want 95%% intervals from 1000 resamples of the %d documents", r.CI, r.Documents)
	}
	for _, c := range []struct {
		name  string
		point *float64
		iv    []*float64
	}{{"accuracy", r.Metrics.Accuracy, r.CI.Accuracy}, {"macro_f1", r.Metrics.MacroF1, r.CI.MacroF1}, {"kappa", r.Metrics.Kappa, r.CI.Kappa}, {"alpha", r.Metrics.Alpha, r.CI.Alpha}} {
		if len(c.iv) != 2 || c.iv[0] == nil || c.iv[1] == nil || !(*c.iv[0] < *c.point && *c.point < *c.iv[1]) {
			t.Errorf("%s %v: interval %v does not bracket it", c.name, *c.point, c.iv)
		}
	}
	tagRows := map[string]int{}
	for _, rec := range readCSV(t, samplesGold)[1:] {
		for _, tag := range strings.Split(rec[3], ";") {
			if tag = strings.TrimSpace(tag); tag != "" {
				tagRows[tag]++
			}
		}
	}
	if len(r.ByNote) != len(tagRows) || len(tagRows) == 0 {
		t.Errorf("by_note has %d tags, the gold file %d", len(r.ByNote), len(tagRows))
	}
	for _, b := range r.ByNote {
		sum := 0
		for _, k := range b.GoldLabels {
			sum += k
		}
		if b.Rows != tagRows[b.Tag] || sum != b.Rows || b.Agree > b.Rows || b.Accuracy == nil || *b.Accuracy != float64(b.Agree)/float64(b.Rows) {
			t.Errorf("by_note %s: rows %d (gold file %d), by label %d, agree %d, accuracy %v", b.Tag, b.Rows, tagRows[b.Tag], sum, b.Agree, b.Accuracy)
		}
	}
	notes, _ := f.GetRows("By note")
	if len(notes)-1 != len(r.ByNote) {
		t.Errorf("By note sheet has %d rows, want %d", len(notes)-1, len(r.ByNote))
	}

	// The text report says the same.
	text, errs, code := runCLI(t, "", "evaluate", "--gold", samplesGold, samplesArticles)
	if code != 0 {
		t.Fatalf("text report: exit %d: %s", code, errs)
	}
	for _, want := range []string{
		fmt.Sprintf("Matched     %d of %d rows", r.Rows, r.Rows),
		"Unmatched   0 rows",
		fmt.Sprintf("Accuracy    %.3f  (%d of %d agree; 95%% CI %.3f-%.3f)", *r.Metrics.Accuracy, r.Metrics.Agree, r.Metrics.N, *r.CI.Accuracy[0], *r.CI.Accuracy[1]),
		fmt.Sprintf("Kappa       %.3f  (Cohen; 95%% CI %.3f-%.3f)", *r.Metrics.Kappa, *r.CI.Kappa[0], *r.CI.Kappa[1]),
		"By note tag",
		fmt.Sprintf("Disagreements (%d)", len(r.Disagreements)),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text report lacks %q", want)
		}
	}
}

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEvaluateListsUnmatchedAndSpans(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "a.txt", "---\nid: d1\n---\nChina and the EU signed a joint AI pact. Trade volumes rose by a tenth.\n")
	gold := writeFile(t, dir, "gold.csv", "doc_id,sentence,label,note\n"+
		"d1,China and the EU signed a joint AI pact.,cooperation,\n"+
		"d1,Trade volumes rose,neutral,part of a sentence\n"+
		"d1,Nothing like this is in the text.,neutral,\n"+
		"d2,Nor is this document.,both,\n")
	csvOut := filepath.Join(dir, "dis.csv")
	out, errs, code := runCLI(t, "", "evaluate", "--gold", gold, in, "-o", csvOut)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"Matched     2 of 4 rows: 0 by index, 1 exact text, 1 part of a system sentence",
		"Unmatched   2 rows",
		gold + ":4: sentence not found in document d1",
		gold + `:5: no document with id "d2" in the inputs`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	f, err := os.Open(csvOut)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) < 1 || recs[0][0] != "file" {
		t.Errorf("disagreements CSV: %v %v", recs, err)
	}
}

// An unmatched row of an index-only sheet has no sentence text: its line
// in the report ends with the reason, not with an empty quotation.
func TestEvaluateUnmatchedIndexRowsQuoteNoText(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "a.txt", "---\nid: d1\n---\nChina and the EU signed a joint AI pact. Trade volumes rose by a tenth.\n")
	gold := writeFile(t, dir, "idx.csv", "doc_id,index,label\n"+
		"d1,0,cooperation\n"+
		"nodoc,0,neutral\n"+
		"d1,9,neutral\n")
	text := writeFile(t, dir, "text.csv", "doc_id,sentence,label\n"+
		"d1,China and the EU signed a joint AI pact.,cooperation\n"+
		"nodoc,Nor is this document.,both\n")
	for _, tc := range []struct {
		gold string
		want []string
	}{
		{gold, []string{
			"\n  " + gold + ":3: no document with id \"nodoc\" in the inputs\n",
			"\n  " + gold + ":4: document d1 has 2 sentences, no sentence 9\n"}},
		// A row with text still shows it.
		{text, []string{"\n  " + text + ":3: no document with id \"nodoc\" in the inputs: \"Nor is this document.\"\n"}},
	} {
		out, errs, code := runCLI(t, "", "evaluate", "--gold", tc.gold, in, "--bootstrap", "0", "-q")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("report lacks %q:\n%s", w, out)
			}
		}
		if strings.Contains(out, `: ""`) {
			t.Errorf("report quotes an empty text:\n%s", out)
		}
	}
}

// A second row for a sentence already coded is a counted warning naming
// both lines, left out of every score, by index and by text alike.
func TestEvaluateDuplicateGoldRows(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "a.txt", "---\nid: d1\n---\nChina and the EU signed a joint AI pact. Trade volumes rose by a tenth. Rivalry between the powers grew.\n")
	cases := []struct {
		name, gold string
		warnings   []string
	}{
		{"doc_id and index", "doc_id,index,sentence,label\n" +
			"d1,0,,cooperation\n" +
			"d1,1,,neutral\n" +
			"d1,0,,competition\n" +
			"d1,1,,neutral\n", []string{
			":4: duplicate of line 2 (doc d1, sentence 0): left out of the scores; the labels differ (competition here, cooperation on line 2, which is scored)",
			":5: duplicate of line 3 (doc d1, sentence 1): left out of the scores"}},
		{"doc_id and sentence text", "doc_id,sentence,label\n" +
			"d1,China and the EU signed a joint AI pact.,cooperation\n" +
			"d1,Trade volumes rose by a tenth.,neutral\n" +
			"d1,China  and the EU signed a joint AI pact. ,competition\n" +
			"d1,Trade volumes rose by a tenth.,neutral\n", []string{
			":4: duplicate of line 2 (doc d1, sentence 0): left out of the scores; the labels differ (competition here, cooperation on line 2, which is scored)",
			":5: duplicate of line 3 (doc d1, sentence 1): left out of the scores"}},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			gold := writeFile(t, dir, fmt.Sprintf("gold%d.csv", i), c.gold)
			out, errs, code := runCLI(t, "", "evaluate", "--gold", gold, in, "--output-format", "json", "--bootstrap", "0")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			for _, w := range c.warnings {
				if !strings.Contains(errs, "techframe: warning: evaluate: "+gold+w+"\n") {
					t.Errorf("stderr lacks %q:\n%s", gold+w, errs)
				}
			}
			r := decodeEval(t, out)
			var dups struct {
				Duplicates    int
				DuplicateRows []struct {
					Line      int
					FirstLine int `json:"first_line"`
				} `json:"duplicate_rows"`
			}
			json.Unmarshal([]byte(out), &dups)
			if dups.Duplicates != 2 || len(dups.DuplicateRows) != 2 || dups.DuplicateRows[0].Line != 4 || dups.DuplicateRows[0].FirstLine != 2 {
				t.Errorf("duplicates %+v", dups)
			}
			// duplicate_rows use the keys of disagreements and
			// unmatched_rows for the same things, plus first_line,
			// first_gold and message.
			var keyed struct {
				DuplicateRows []map[string]any `json:"duplicate_rows"`
			}
			json.Unmarshal([]byte(out), &keyed)
			d := keyed.DuplicateRows[0]
			want := map[string]any{"file": gold, "line": 4.0, "doc_id": "d1", "gold": "competition", "match": nil, "sentences": []any{0.0},
				"system": nil, "system_text": "China and the EU signed a joint AI pact.", "first_line": 2.0, "first_gold": "cooperation",
				"message": strings.TrimPrefix(c.warnings[0], ":4: ")}
			for k, v := range want {
				got, ok := d[k]
				if !ok {
					t.Errorf("duplicate_rows[0] has no %q: %v", k, d)
				} else if v != nil && fmt.Sprint(got) != fmt.Sprint(v) {
					t.Errorf("duplicate_rows[0].%s = %v, want %v", k, got, v)
				}
			}
			if _, ok := d["gold_sentence"]; !ok {
				t.Errorf("duplicate_rows[0] has no gold_sentence: %v", d)
			}
			for _, k := range []string{"label", "first_label", "sentence"} {
				if _, ok := d[k]; ok {
					t.Errorf("duplicate_rows[0] still has %q: %v", k, d)
				}
			}
			// The first rows are scored, and only they: both agree with the
			// system's labels.
			if r.Rows != 2 || r.Matched != 2 || r.Metrics.N != 2 || r.Metrics.Agree != 2 || len(r.Disagreements) != 0 {
				t.Errorf("rows %d matched %d n %d agree %d disagreements %d", r.Rows, r.Matched, r.Metrics.N, r.Metrics.Agree, len(r.Disagreements))
			}
			checkConsistent(t, r)
			text, _, code := runCLI(t, "", "evaluate", "--gold", gold, in, "--bootstrap", "0", "-q")
			if code != 0 {
				t.Fatalf("text: exit %d", code)
			}
			for _, want := range []string{"Matched     2 of 2 rows", "Duplicates  2 rows coding a sentence an earlier row codes: left out of the scores", "Duplicate rows, left out of the scores (2)", gold + c.warnings[1]} {
				if !strings.Contains(text, want) {
					t.Errorf("text report lacks %q:\n%s", want, text)
				}
			}
		})
	}
}

func TestEvaluateBadGoldListsEveryRow(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "a.txt", "Some text.")
	gold := writeFile(t, dir, "gold.csv", "doc_id,sentence,label\na,Some text.,coop\na,Some text.,neutral\na,Some text.,rivalry\n")
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"bad labels", []string{"evaluate", "--gold", gold, in}, []string{gold + ":2: unknown label \"coop\"", gold + ":4: unknown label \"rivalry\""}},
		{"missing gold", []string{"evaluate", "--gold", filepath.Join(dir, "none.csv"), in}, []string{"none.csv"}},
		{"no gold flag", []string{"evaluate", in}, []string{"gold"}},
		{"bad output-format", []string{"evaluate", "--gold", gold, "-t", "csv", in}, []string{"-t/--output-format must be text or json", "the -o file's format follows its name"}},
		{"bad format-out", []string{"evaluate", "--gold", gold, "--format-out", "xml", in}, []string{"--format-out must be text or json"}},
		{"bad output", []string{"evaluate", "--gold", gold, "-o", filepath.Join(dir, "x.docx"), in}, []string{"x.docx"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errs, code := runCLI(t, "", c.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2: %s", code, errs)
			}
			for _, w := range c.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
		})
	}
}

// --bootstrap 0 turns the intervals off; a negative count is a usage error.
func TestEvaluateBootstrapFlag(t *testing.T) {
	out, errs, code := runCLI(t, "", "evaluate", "--gold", samplesGold, samplesArticles, "--output-format", "json", "--bootstrap", "0")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if r := decodeEval(t, out); r.CI != nil {
		t.Errorf("--bootstrap 0 still reports intervals: %+v", r.CI)
	}
	text, _, code := runCLI(t, "", "evaluate", "--gold", samplesGold, samplesArticles, "--bootstrap", "0")
	if code != 0 || strings.Contains(text, "95% CI") {
		t.Errorf("--bootstrap 0: exit %d, text mentions an interval: %v", code, strings.Contains(text, "95% CI"))
	}
	_, errs, code = runCLI(t, "", "evaluate", "--gold", samplesGold, samplesArticles, "--bootstrap", "-5")
	if code != 2 || !strings.Contains(errs, "--bootstrap") {
		t.Errorf("--bootstrap -5: exit %d, stderr %q; want exit 2 naming the flag", code, errs)
	}
}

// The validation loop with an equal-allocation sample: rare frames are
// over-represented among the coded rows, and the corpus estimate weights
// them back. With every row coded as the system labelled it, the
// estimated shares must equal the system's shares over all the inputs,
// while the coded rows' own shares do not.
func TestEvaluateCorpusEstimateUndoesEqualAllocation(t *testing.T) {
	dir := t.TempDir()
	tocode := filepath.Join(dir, "tocode.csv")
	if _, errs, code := runCLI(t, "", "sample", samplesArticles, "--n", "60", "--stratify", "frame", "--seed", "3", "-o", tocode); code != 0 {
		t.Fatalf("sample: exit %d: %s", code, errs)
	}
	recs := readCSV(t, tocode)
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	rawShare := map[string]float64{}
	for _, r := range recs[1:] {
		r[col["label"]] = r[col["system_frame"]]
		rawShare[r[col["system_frame"]]] += 1 / float64(len(recs)-1)
	}
	writeCSV(t, tocode, recs)
	out, errs, code := runCLI(t, "", "evaluate", "--gold", tocode, samplesArticles, "--output-format", "json", "--bootstrap", "200", "--group-by", "outlet_type")
	if code != 0 {
		t.Fatalf("evaluate: exit %d: %s", code, errs)
	}
	var r struct {
		Corpus struct {
			Sentences, Covered int
			Accuracy           *float64
			Labels             []struct {
				Label           string
				SystemSentences int      `json:"system_sentences"`
				SystemShare     *float64 `json:"system_share"`
				Coded           int
				EstimatedShare  *float64 `json:"estimated_share"`
				CI              []*float64
			}
			GroupBy string `json:"group_by"`
			Groups  []struct {
				Group     string
				Sentences int
				Labels    []struct {
					SystemShare    *float64 `json:"system_share"`
					EstimatedShare *float64 `json:"estimated_share"`
				}
			}
		} `json:"corpus_estimate"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	c := r.Corpus
	if c.Sentences < 500 || c.Covered != c.Sentences || c.Accuracy == nil || *c.Accuracy != 1 {
		t.Fatalf("corpus estimate: sentences %d covered %d accuracy %v", c.Sentences, c.Covered, c.Accuracy)
	}
	moved := false
	for _, l := range c.Labels {
		if l.SystemSentences == 0 {
			continue
		}
		if l.EstimatedShare == nil || math.Abs(*l.EstimatedShare-*l.SystemShare) > 1e-9 {
			t.Errorf("%s: estimated share %v, system share %v: with every row agreeing they must be equal", l.Label, l.EstimatedShare, *l.SystemShare)
		}
		if math.Abs(rawShare[l.Label]-*l.SystemShare) > 0.05 {
			moved = true
		}
		if len(l.CI) != 2 || l.CI[0] == nil || *l.CI[0] > *l.EstimatedShare || *l.CI[1] < *l.EstimatedShare {
			t.Errorf("%s: interval %v does not hold the estimate", l.Label, l.CI)
		}
	}
	if !moved {
		t.Errorf("the coded rows' shares %v are close to the system's: equal allocation should over-represent rare frames", rawShare)
	}
	// By group: with no disagreement to correct, each group's corrected
	// shares are its own system shares; the groups hold every sentence.
	total := 0
	for _, g := range c.Groups {
		total += g.Sentences
		for l, x := range g.Labels {
			if x.SystemShare != nil && (x.EstimatedShare == nil || math.Abs(*x.EstimatedShare-*x.SystemShare) > 1e-9) {
				t.Errorf("group %s label %d: corrected %v, system %v", g.Group, l, x.EstimatedShare, *x.SystemShare)
			}
		}
	}
	if c.GroupBy != "outlet_type" || len(c.Groups) < 3 || total != c.Sentences {
		t.Errorf("groups by %q: %d groups with %d sentences, corpus %d", c.GroupBy, len(c.Groups), total, c.Sentences)
	}
	if _, errs, code := runCLI(t, "", "evaluate", "--gold", tocode, samplesArticles, "--group-by", "no_such_field"); code != 2 || !strings.Contains(errs, "no_such_field") {
		t.Errorf("--group-by no_such_field: exit %d, %q", code, errs)
	}
}

// A coded row that spans two system sentences has no single system label
// to weight by: the corpus estimates leave it out and say so, even when
// its combined label ("both") labels no sentence of the inputs.
func TestEvaluateCorpusEstimateLeavesOutSpanningRows(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "a.txt", "---\nid: d1\n---\nChina and the EU signed a joint AI pact. Washington imposed new export controls on chips. The weather was mild.\n")
	gold := writeFile(t, dir, "gold.csv", "doc_id,sentence,label,note\n"+
		"d1,China and the EU signed a joint AI pact. Washington imposed new export controls on chips.,both,\n"+
		"d1,The weather was mild.,neutral,\n")
	out, errs, code := runCLI(t, "", "evaluate", "--gold", gold, in)
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	for _, want := range []string{"1 spanning several system sentences", "Left out    1 coded rows that span several system sentences"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

// evaluate --help says which leading apostrophes are read as sample's escape.
func TestEvaluateHelpStatesEscape(t *testing.T) {
	help, _, _ := runCLI(t, "", "evaluate", "--help")
	if !strings.Contains(strings.Join(strings.Fields(help), " "), "In doc_id and sentence cells (never label or note), a leading apostrophe before = + - @ is taken as the escape that sample writes") {
		t.Errorf("evaluate --help does not say which apostrophes are taken as sample's escape:\n%s", help)
	}
}

// A row whose text is another sentence than its index names (or whose
// index is past the end) is scored against the sentence of its text, with
// a warning naming file:line.
func TestEvaluateTextBeatsWrongIndex(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "a.txt", "---\nid: d1\n---\nChina and the EU signed a joint AI pact. Trade volumes rose by a tenth. Washington imposed new export controls on chips.\n")
	gold := writeFile(t, dir, "gold.csv", "doc_id,index,sentence,label\n"+
		"d1,0,Washington imposed new export controls on chips.,competition\n"+
		"d1,999,China and the EU signed a joint AI pact.,cooperation\n"+
		"d1,1,,neutral\n")
	out, errs, code := runCLI(t, "", "evaluate", "--gold", gold, in, "-t", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	r := decodeEval(t, out)
	if r.Matched != 3 || r.MatchKinds["exact"] != 2 || r.MatchKinds["index"] != 1 || r.TextDiffers != 0 || r.IndexWrong != 2 {
		t.Errorf("matched %d, kinds %v, text differs %d, index wrong %d; want 3: 2 by text, 1 by index", r.Matched, r.MatchKinds, r.TextDiffers, r.IndexWrong)
	}
	for _, w := range []string{
		gold + ":2: index 0 is wrong: the row's sentence text is sentence 2 of d1, which is scored",
		gold + ":3: index 999 is wrong: the row's sentence text is sentence 0 of d1, which is scored",
	} {
		if !strings.Contains(errs, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errs)
		}
	}
}

// Two rows coding two parts of the inputs' only "both" sentence (the
// system joined two sentences there) are both scored, and the corpus
// estimate gives that sentence's weight to the two rows. Before, the
// check that the gold file comes from the inputs counted rows, not
// sentences: exit 2, "2 coded rows have system label both, but the inputs
// have only 1 such sentences".
func TestEvaluateTwoPartsOfTheOnlyBothSentence(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "a.txt", "---\nid: d1\n---\n"+
		"China and the EU signed a joint AI pact and pledged to cooperate on climate research, while Beijing and Washington compete fiercely over chips. "+
		"Trade volumes rose by a tenth.\n")
	gold := writeFile(t, dir, "gold.csv", "doc_id,sentence,label\n"+
		"d1,China and the EU signed a joint AI pact and pledged to cooperate on climate research,cooperation\n"+
		"d1,while Beijing and Washington compete fiercely over chips.,competition\n"+
		"d1,Trade volumes rose by a tenth.,neutral\n")
	out, errs, code := runCLI(t, "", "evaluate", "--gold", gold, in, "--output-format", "json", "--bootstrap", "0")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Matched int
		Kinds   map[string]int `json:"match_kinds"`
		Corpus  struct {
			Sentences int
			Labels    []struct {
				Label           string
				SystemSentences int     `json:"system_sentences"`
				Coded           int     `json:"coded"`
				Estimated       float64 `json:"estimated_share"`
			}
		} `json:"corpus_estimate"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if r.Matched != 3 || r.Kinds["part"] != 2 {
		t.Errorf("matched %d, kinds %v: want 3 rows matched, 2 of them as parts", r.Matched, r.Kinds)
	}
	want := map[string][3]float64{ // system sentences, coded rows, estimated share
		"cooperation": {0, 0, 0.25}, // half of the both sentence
		"competition": {0, 0, 0.25},
		"both":        {1, 2, 0},
		"neutral":     {1, 1, 0.5},
	}
	if r.Corpus.Sentences != 2 || len(r.Corpus.Labels) != 4 {
		t.Fatalf("corpus %+v, want 2 sentences in 4 labels\n%s", r.Corpus, out)
	}
	for _, l := range r.Corpus.Labels {
		w := want[l.Label]
		if float64(l.SystemSentences) != w[0] || float64(l.Coded) != w[1] || math.Abs(l.Estimated-w[2]) > 1e-9 {
			t.Errorf("%s: system %d coded %d estimated %v, want %v", l.Label, l.SystemSentences, l.Coded, l.Estimated, w)
		}
	}
}
