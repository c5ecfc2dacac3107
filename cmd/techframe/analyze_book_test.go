package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline/topics"
	"github.com/xuri/excelize/v2"
)

// Tests of the analyze workbook's layout and formats: what a co-author
// sees when opening it without the tool.

// cellNumFmt returns the number format of a cell: the built-in format id,
// or the custom format code.
func cellNumFmt(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	switch st.NumFmt {
	case 1:
		return "0"
	case 10:
		return "0.00%"
	}
	return "builtin " + strings.Repeat("#", st.NumFmt)
}

// headerIndex returns the column number (1-based) of name in a sheet's
// first row, or fails.
func headerIndex(t *testing.T, f *excelize.File, sheet, name string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	for i, c := range rows[0] {
		if c == name {
			return i + 1
		}
	}
	t.Fatalf("sheet %s has no column %q: %v", sheet, name, rows[0])
	return 0
}

// TestTopicCellsLeaveOutWeightlessTermsAndDocuments: an NMF topic with
// two weighted terms lists those two, not ten more at weight 0 in
// vocabulary order; a document with 0% of the topic is no representative.
func TestTopicCellsLeaveOutWeightlessTermsAndDocuments(t *testing.T) {
	m := &topics.Model{Kind: topics.KindNMF, K: 2, Terms: []string{"5g", "accelerates", "data", "asean", "tiny"},
		TopicWord: []float64{
			0, 0, 0.797, 0.173, 0.0001,
			0.5, 0, 0, 0, 0,
		},
		// doc 0 all topic 0; doc 1 mostly topic 1; doc 2 0.1% topic 1
		DocTopic: []float64{1, 0, 0.2, 0.8, 0.999, 0.001},
		Docs:     3}
	if got, want := topTermsCell(m, 0), "data (0.797), asean (0.173), tiny (1.0e-04)"; got != want {
		t.Errorf("top terms = %q, want %q", got, want)
	}
	if got, want := topTermsCell(m, 1), "5g (0.500)"; got != want {
		t.Errorf("top terms = %q, want %q", got, want)
	}
	ids := []string{"d0", "d1", "d2"}
	if got, want := repDocsCell(m, 1, ids), "d1 (80%)"; got != want {
		t.Errorf("representative documents = %q, want %q", got, want)
	}
	if got, want := repDocsCell(m, 0, ids), "d0 (100%); d2 (100%); d1 (20%)"; got != want {
		t.Errorf("representative documents = %q, want %q", got, want)
	}
}

// TestTopicsTokensShowAsWholeNumbers: the Topics sheet's tokens column
// (tokens assigned to the topic) shows 586, not 586.000.
func TestTopicsTokensShowAsWholeNumbers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if _, errs, code := runCLI(t, "", "analyze", samplesDir, "--no-framing", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cell, _ := excelize.CoordinatesToCellName(headerIndex(t, f, "Topics", "tokens"), 2)
	if got := cellNumFmt(t, f, "Topics", cell); got != "0" {
		t.Errorf("Topics tokens format = %q, want 0 (whole number)", got)
	}
}

// TestValidationSharesArePercentages: the Validation sheet shows frame
// shares (system, corrected, by group, and their intervals) as
// percentages like every other sheet, and agreement scores as decimals.
func TestValidationSharesArePercentages(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if _, errs, code := runCLI(t, "", "analyze", samplesDir, "--gold", samplesGold, "--bootstrap", "50", "-k", "0", "--group-by", "outlet_type", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Validation")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i, r := range rows[1:] {
		if len(r) < 4 || r[3] == "" {
			continue
		}
		want := "0.000"
		if strings.HasPrefix(r[0], "corrected share") {
			want = "0.00%"
		}
		for _, col := range []int{4, 6, 7} {
			cell, _ := excelize.CoordinatesToCellName(col, i+2)
			if v, _ := f.GetCellValue("Validation", cell); v == "" {
				continue
			}
			if got := cellNumFmt(t, f, "Validation", cell); got != want {
				t.Errorf("Validation %s (%s / %s) format %q, want %q", cell, r[0], r[1], got, want)
			}
		}
		seen[r[0]] = true
	}
	for _, s := range []string{"agreement", "corrected share", "corrected share by outlet_type"} {
		if !seen[s] {
			t.Errorf("no %q rows on the Validation sheet", s)
		}
	}
}
