package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// analyze --gold puts what evaluate reports into the workbook: the same
// agreement figures, the corrected shares and every disagreement, in two
// sheets before the Manifest; without --gold they are absent.
func TestAnalyzeGoldAddsValidationSheets(t *testing.T) {
	dir := t.TempDir()
	gold := filepath.Join(dir, "coded.csv")
	recs := readCSV(t, samplesGold)
	// One row that matches no sentence: counted as a warning with its
	// line, listed on the Disagreements sheet.
	recs = append(recs, []string{"a01", "This sentence is in no sample article.", "neutral", ""})
	writeCSV(t, gold, recs)
	path := filepath.Join(dir, "report.xlsx")
	_, errs, code := runCLI(t, "", "analyze", samplesDir, "--gold", gold, "-k", "0", "--group-by", "outlet_type", "-o", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if want := fmt.Sprintf("%s:%d", gold, len(recs)); !strings.Contains(errs, want) || !strings.Contains(errs, "warning") {
		t.Errorf("stderr does not warn about the unmatched row at %s: %q", want, errs)
	}
	wb := readWorkbook(t, path)
	// The Manifest sheet identifies the gold file as evaluate's manifest does.
	raw, err := os.ReadFile(gold)
	if err != nil {
		t.Fatal(err)
	}
	goldSum := sha256.Sum256(raw)
	wantGold := fmt.Sprintf("gold|%s|sha256 %s; %d bytes; %d rows", gold, hex.EncodeToString(goldSum[:]), len(raw), len(recs)-1)
	var goldRows []string
	for _, row := range wb["Manifest"] {
		if len(row) > 2 && row[0] == "gold" {
			goldRows = append(goldRows, strings.Join(row[:3], "|"))
		}
	}
	if strings.Join(goldRows, "\n") != wantGold {
		t.Errorf("Manifest gold rows %q, want %q", goldRows, wantGold)
	}
	f := openWorkbookSheets(t, path)
	if got := strings.Join(f[len(f)-3:], ","); got != "Validation,Disagreements,Manifest" {
		t.Errorf("last sheets %s, want Validation,Disagreements,Manifest", got)
	}
	eval, errs, code := runCLI(t, "", "evaluate", "--gold", gold, samplesDir, "-t", "json")
	if code != 0 {
		t.Fatalf("evaluate: exit %d: %s", code, errs)
	}
	r := decodeEval(t, eval)
	find := func(section, measure, label string) []string {
		for _, row := range wb["Validation"][1:] {
			if row[0] == section && row[1] == measure && (label == "" || len(row) > 2 && row[2] == label) {
				return row
			}
		}
		t.Fatalf("Validation has no row %s / %s / %s", section, measure, label)
		return nil
	}
	// Shares are shown as percentages ("22.45%"), scores as decimals.
	num := func(s string) float64 {
		pct := strings.HasSuffix(s, "%")
		v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
		if err != nil {
			t.Fatalf("%q is not a number", s)
		}
		if pct {
			v /= 100
		}
		return v
	}
	acc := find("agreement", "accuracy", "")
	// Cells read back as displayed (three decimals).
	same := func(cell float64, v float64) bool { return math.Abs(cell-v) < 0.0005 }
	if v := num(acc[3]); !same(v, *r.Metrics.Accuracy) || acc[4] != strconv.Itoa(r.Metrics.Agree) {
		t.Errorf("Validation accuracy %v (%s agree), evaluate %v (%d)", v, acc[4], *r.Metrics.Accuracy, r.Metrics.Agree)
	}
	if lo, hi := num(acc[5]), num(acc[6]); !(lo < *r.Metrics.Accuracy && *r.Metrics.Accuracy < hi) {
		t.Errorf("accuracy interval [%v, %v]", lo, hi)
	}
	if k := find("agreement", "Cohen's kappa", ""); !same(num(k[3]), *r.Metrics.Kappa) {
		t.Errorf("Validation kappa %s, evaluate %v", k[3], *r.Metrics.Kappa)
	}
	if u := find("coding", "unmatched rows (Disagreements sheet)", ""); u[4] != "1" {
		t.Errorf("unmatched rows %s, want 1", u[4])
	}
	// Corrected shares add up to one over the labels.
	sum := 0.0
	for _, l := range []string{"cooperation", "competition", "both", "neutral"} {
		sum += num(find("corrected share", "estimated share (coded rows)", l)[3])
	}
	if math.Abs(sum-1) > 0.002 {
		t.Errorf("estimated shares sum to %v", sum)
	}
	// Corrected shares per group: four labels per group, summing to one.
	byGroup := map[string]float64{}
	for _, row := range wb["Validation"][1:] {
		if row[0] == "corrected share by outlet_type" {
			byGroup[row[1]] += num(row[3])
		}
	}
	if len(byGroup) < 3 {
		t.Errorf("corrected shares for %d groups, want the sample outlets", len(byGroup))
	}
	for g, sum := range byGroup {
		if math.Abs(sum-1) > 0.002 {
			t.Errorf("group %s: corrected shares sum to %v", g, sum)
		}
	}
	summaryText := ""
	for _, row := range wb["Summary"] {
		summaryText += strings.Join(row, " ") + "\n"
	}
	if !strings.Contains(summaryText, "Frame shares corrected by the hand coding") {
		t.Error("Summary lacks the corrected frame shares")
	}
	dis := wb["Disagreements"]
	unmatched := 0
	for _, row := range dis[1:] {
		if len(row) > 4 && strings.HasPrefix(row[4], "unmatched") {
			unmatched++
		}
	}
	if len(dis)-1 != len(r.Disagreements)+1 || unmatched != 1 {
		t.Errorf("Disagreements has %d rows (%d unmatched), want %d disagreements + 1 unmatched", len(dis)-1, unmatched, len(r.Disagreements))
	}
	about := ""
	for _, row := range wb["About"] {
		about += strings.Join(row, " ") + "\n"
	}
	if !strings.Contains(about, "Sheet Validation") {
		t.Error("About does not describe the Validation sheet")
	}

	// Without --gold: no validation sheets, and About does not mention them.
	plain := filepath.Join(dir, "plain.xlsx")
	if _, errs, code := runCLI(t, "", "analyze", samplesDir, "-k", "0", "-o", plain); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, s := range openWorkbookSheets(t, plain) {
		if s == "Validation" || s == "Disagreements" {
			t.Errorf("sheet %s written without --gold", s)
		}
	}
	for _, row := range readWorkbook(t, plain)["About"] {
		if strings.Contains(strings.Join(row, " "), "Sheet Validation") {
			t.Error("About describes Validation without --gold")
		}
	}

	// --gold needs the frame labels.
	if _, errs, code := runCLI(t, "", "analyze", samplesDir, "--gold", gold, "--no-framing", "-o", filepath.Join(dir, "x.xlsx")); code != 2 || !strings.Contains(errs, "--no-framing") {
		t.Errorf("--gold with --no-framing: exit %d, %q; want exit 2", code, errs)
	}
}

// openWorkbookSheets returns a workbook's sheet names in tab order.
func openWorkbookSheets(t *testing.T, path string) []string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return f.GetSheetList()
}
