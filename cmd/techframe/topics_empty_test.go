package main

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// emptyDocCorpus writes four documents; with --min-df 2 only apple, banana
// and cherry are terms, so d4 (the only one with frame cues: rivalry,
// confrontation) has no term left, and it is alone in outlet c.
func emptyDocCorpus(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "emp.jsonl")
	data := `{"id": "d1", "outlet": "a", "text": "apple banana apple cherry."}
{"id": "d2", "outlet": "a", "text": "banana cherry apple."}
{"id": "d3", "outlet": "b", "text": "cherry durian durian banana."}
{"id": "d4", "outlet": "c", "text": "Washington escalated its rivalry and confrontation with Beijing."}
`
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// rawSheet reads a sheet's cells unformatted (a share as 0.6667, not 67%).
func rawSheet(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func cellAt(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return row[i]
}

// TestAnalyzeTopicsEmptyDocumentHasNoShare: a document with no term after
// pruning is not seen by the topic model, so the workbook gives it no
// share (DocTopics and Documents cells empty, not the LDA prior 2/3, 1/3),
// its sentences weigh on no topic (the only frame cues are d4's, so every
// topic's weighted sentences are 0 and its balance empty), prevalence is
// the mean of the documents with a share, and the group holding only d4
// has 0 documents and no prevalence.
func TestAnalyzeTopicsEmptyDocumentHasNoShare(t *testing.T) {
	in := emptyDocCorpus(t)
	path := filepath.Join(t.TempDir(), "emp.xlsx")
	if _, errs, code := runCLI(t, "", "analyze", in, "--min-df", "2", "-k", "2", "--group-by", "outlet", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	dt := rawSheet(t, path, "DocTopics")
	if len(dt) != 5 || len(dt[0]) != 4 {
		t.Fatalf("DocTopics %v", dt)
	}
	sum := make([]float64, 2)
	n := 0
	for _, r := range dt[1:] {
		if r[0] == "d4" {
			for i := 1; i < 4; i++ {
				if c := cellAt(r, i); c != "" {
					t.Errorf("DocTopics d4 %s = %q, want empty (no term, no share)", dt[0][i], c)
				}
			}
			continue
		}
		for k := 0; k < 2; k++ {
			v, err := strconv.ParseFloat(cellAt(r, 2+k), 64)
			if err != nil {
				t.Fatalf("DocTopics %s: %v", r[0], r)
			}
			sum[k] += v
		}
		n++
	}
	docs := rawSheet(t, path, "Documents")
	di := indexOf(docs[0], "dominant topic")
	for _, r := range docs[1:] {
		if r[0] == "d4" && cellAt(r, di) != "" {
			t.Errorf("Documents d4 dominant topic = %q, want empty", cellAt(r, di))
		}
	}
	tp := rawSheet(t, path, "Topics")
	pi, ci, ki, bi := indexOf(tp[0], "prevalence"), indexOf(tp[0], "cooperation (weighted sentences)"), indexOf(tp[0], "competition (weighted sentences)"), indexOf(tp[0], "balance")
	if pi < 0 || ci < 0 || ki < 0 || bi < 0 {
		t.Fatalf("Topics header %v", tp[0])
	}
	for k, r := range tp[1:] {
		if cellAt(r, ci) != "0" || cellAt(r, ki) != "0" || cellAt(r, bi) != "" {
			t.Errorf("topic %s: cooperation %q, competition %q, balance %q; want 0, 0 and empty (only d4, which has no share, has frame cues)",
				r[0], cellAt(r, ci), cellAt(r, ki), cellAt(r, bi))
		}
		prev, err := strconv.ParseFloat(cellAt(r, pi), 64)
		if err != nil || math.Abs(prev-sum[k]/float64(n)) > 1e-9 {
			t.Errorf("topic %s: prevalence %q, want the mean share over the %d documents with terms, %.6f", r[0], cellAt(r, pi), n, sum[k]/float64(n))
		}
	}
	summary := rawSheet(t, path, "Summary")
	blk := summarySection(summary, "Topic prevalence by outlet")
	if len(blk) != 4 {
		t.Fatalf("prevalence block %v", blk)
	}
	for _, r := range blk[1:] {
		switch r[0] {
		case "a", "b":
			if want := map[string]string{"a": "2", "b": "1"}[r[0]]; r[1] != want {
				t.Errorf("outlet %s: %s documents, want %s", r[0], r[1], want)
			}
		case "c":
			if r[1] != "0" || cellAt(r, 2) != "" || cellAt(r, 3) != "" {
				t.Errorf("outlet c (only d4): %v, want 0 documents and empty shares", r)
			}
		}
	}
}

// TestTopicsEmptyDocumentHasNoShare: in topics' own tables the document
// with no term has empty cells (docs), is no representative of a topic
// (examples), and counts in no group's prevalence; topics infer gives a
// document with no term of the model empty cells too.
func TestTopicsEmptyDocumentHasNoShare(t *testing.T) {
	in := emptyDocCorpus(t)
	model := filepath.Join(t.TempDir(), "m.json")
	args := []string{"topics", in, "--min-df", "2", "--k", "2", "-q"}
	docs := parseTable(t, mustRun(t, append(args, "--table", "docs", "--save-model", model)...))
	for _, r := range docs[1:] {
		if r[0] == "d4" && (cellAt(r, 1) != "" || cellAt(r, 2) != "") {
			t.Errorf("docs: d4 %v, want empty shares", r)
		}
	}
	ex := parseTable(t, mustRun(t, append(args, "--table", "examples")...))
	// At most the 3 documents with terms for each of the 2 topics (fewer
	// when a share is below 0.5%), at least one per topic.
	if n := len(ex) - 1; n < 2 || n > 2*3 {
		t.Errorf("examples: %d rows, want 2 to 6", n)
	}
	for _, r := range ex[1:] {
		if r[3] == "d4" {
			t.Errorf("examples: d4, which has no term, represents topic %s: %v", r[0], r)
		}
	}
	prev := parseTable(t, mustRun(t, append(args, "--table", "prevalence", "--group-by", "outlet")...))
	for _, r := range prev[1:] {
		if r[0] == "c" && (r[1] != "0" || cellAt(r, 4) != "") {
			t.Errorf("prevalence: outlet c (only d4) %v, want 0 documents and no prevalence", r)
		}
	}
	inf := parseTable(t, mustRun(t, "topics", "infer", "--model", model, in, "-q"))
	for _, r := range inf[1:] {
		if r[0] == "d4" && (r[1] != "0" || cellAt(r, 2) != "" || cellAt(r, 3) != "") {
			t.Errorf("infer: d4 %v, want 0 tokens in the vocabulary and empty shares", r)
		}
	}
}

// TestAnalyzeTopicsWarnings: analyze names the documents with no term, as
// techframe topics does (it said "1 documents have no term"), and says when
// its --iterations ends before the LDA's first hyper-parameter
// optimisation (it went on silently with fixed priors; techframe topics
// refuses such a run).
func TestAnalyzeTopicsWarnings(t *testing.T) {
	in := emptyDocCorpus(t)
	path := filepath.Join(t.TempDir(), "emp.xlsx")
	_, errs, code := runCLI(t, "", "analyze", in, "--min-df", "2", "-k", "2", "--iterations", "50", "-o", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"1 of 4 documents have no term left after vocabulary pruning (d4)",
		"--iterations 50 ends before the first hyper-parameter optimisation (sweep 110, after a burn-in of 100)",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if _, errs, _ := runCLI(t, "", "analyze", in, "--min-df", "2", "-k", "2", "--iterations", "120", "-o", path); strings.Contains(errs, "hyper-parameter") {
		t.Errorf("--iterations 120 optimises at sweep 110, yet: %s", errs)
	}
}
