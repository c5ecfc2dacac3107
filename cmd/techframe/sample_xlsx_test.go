package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline/evaluate"
	"github.com/xuri/excelize/v2"
)

// TestSampleWorkbookRoundTrip: sample -o FILE.xlsx writes the rows of the
// CSV sheet (same seed) on a Coding sheet whose label column has a
// drop-down of the four labels, plus a Codebook sheet; text is stored as
// text (a sentence starting with = is no formula and needs no escape);
// the coded workbook reads back with evaluate --gold and sample --exclude.
func TestSampleWorkbookRoundTrip(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, dir, "c.jsonl",
		`{"id":"=d1","text":"=SUM(1,2) marks cooperation between China and the United States. Rivalry and strategic competition grow."}`+"\n"+
			`{"id":"d2","text":"The two sides signed a partnership. The weather was mild. Sanctions followed the talks."}`+"\n")
	csvPath, xlsxPath := filepath.Join(dir, "tocode.csv"), filepath.Join(dir, "tocode.xlsx")
	for _, out := range []string{csvPath, xlsxPath} {
		if _, errs, code := runCLI(t, "", "sample", corpus, "--n", "100", "--stratify", "none", "-q", "-o", out); code != 0 {
			t.Fatalf("sample -o %s: exit %d: %s", out, code, errs)
		}
	}
	f, err := excelize.OpenFile(xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Coding,Codebook" {
		t.Fatalf("sheets %s", got)
	}
	rows, err := f.GetRows("Coding", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, csvPath)
	if len(rows) != len(recs) || len(rows) != 6 {
		t.Fatalf("workbook %d rows, CSV %d, want 6", len(rows), len(recs))
	}
	for i := range recs {
		for j, want := range recs[i] {
			got := ""
			if j < len(rows[i]) {
				got = rows[i][j]
			}
			// The CSV escapes formula-like text with an apostrophe; the
			// workbook stores it as text instead.
			if strings.TrimPrefix(want, "'") != got {
				t.Errorf("row %d col %d: workbook %q, CSV %q", i+1, j+1, got, want)
			}
		}
	}
	// The formula-like cells are strings, the numbers numbers.
	for _, c := range []struct{ cell, want string }{{"A2", "=d1"}, {"E2", "=SUM(1,2) marks cooperation between China and the United States."}} {
		if ty, _ := f.GetCellType("Coding", c.cell); ty != excelize.CellTypeSharedString && ty != excelize.CellTypeInlineString {
			t.Errorf("%s is of type %v, want a string", c.cell, ty)
		}
		if fm, _ := f.GetCellFormula("Coding", c.cell); fm != "" {
			t.Errorf("%s holds the formula %q", c.cell, fm)
		}
		if v, _ := f.GetCellValue("Coding", c.cell); v != c.want {
			t.Errorf("%s = %q, want %q", c.cell, v, c.want)
		}
	}
	if ty, _ := f.GetCellType("Coding", "B2"); ty != excelize.CellTypeNumber && ty != excelize.CellTypeUnset {
		t.Errorf("index cell B2 is of type %v, want a number", ty)
	}
	dvs, err := f.GetDataValidations("Coding")
	if err != nil || len(dvs) != 1 {
		t.Fatalf("data validations %v, %v", dvs, err)
	}
	if dvs[0].Sqref != "I2:I6" || !strings.Contains(dvs[0].Formula1, "cooperation,competition,both,neutral") {
		t.Errorf("label validation on %s: %s", dvs[0].Sqref, dvs[0].Formula1)
	}
	guide, _ := f.GetRows("Codebook")
	if len(guide) < 10 || guide[2][0] != "cooperation" {
		t.Errorf("codebook sheet: %v", guide)
	}
	// Code it: the system's label everywhere but row 3, flipped there.
	flip := map[string]string{"neutral": "both", "both": "neutral", "cooperation": "competition", "competition": "cooperation"}
	for r := 2; r <= 6; r++ {
		frame, _ := f.GetCellValue("Coding", "H"+strconv.Itoa(r))
		if r == 3 {
			frame = flip[frame]
		}
		if err := f.SetCellValue("Coding", "I"+strconv.Itoa(r), frame); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCLI(t, "", "evaluate", "--gold", xlsxPath, corpus, "-t", "json")
	if code != 0 {
		t.Fatalf("evaluate: exit %d: %s", code, errs)
	}
	r := decodeEval(t, out)
	if r.Rows != 5 || r.MatchKinds["index"] != 5 || r.Unmatched != 0 || r.Metrics.Agree != 4 {
		t.Errorf("rows %d kinds %v unmatched %d agree %d", r.Rows, r.MatchKinds, r.Unmatched, r.Metrics.Agree)
	}
	if _, errs, code := runCLI(t, "", "sample", corpus, "--stratify", "none", "--exclude", xlsxPath, "-o", filepath.Join(dir, "r2.csv")); code != 0 || !strings.Contains(errs, "0 sentences drawn") {
		t.Errorf("--exclude the workbook: exit %d, %s", code, errs)
	}
}

// TestCodingWorkbookSurvivesLibreOffice: a coder who opens the coding
// workbook in LibreOffice and saves it as .xlsx keeps a sheet that
// evaluate reads (every row, uncoded) with the label drop-down in place.
func TestCodingWorkbookSurvivesLibreOffice(t *testing.T) {
	soffice := sofficeOrSkip(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "tocode.xlsx")
	if _, errs, code := runCLI(t, "", "sample", samplesArticles, "--n", "20", "-q", "-o", path); code != 0 {
		t.Fatalf("sample: exit %d: %s", code, errs)
	}
	outDir := filepath.Join(dir, "saved")
	cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	saved := filepath.Join(outDir, "tocode.xlsx")
	g, err := evaluate.ReadGoldFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Rows) != 0 || len(g.Uncoded) != 20 || !g.HasIndex {
		t.Errorf("after LibreOffice: %d coded, %d uncoded rows, index column %v; want 0, 20, true", len(g.Rows), len(g.Uncoded), g.HasIndex)
	}
	f, err := excelize.OpenFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dvs, err := f.GetDataValidations("Coding")
	if err != nil || len(dvs) != 1 || !strings.Contains(dvs[0].Formula1, "neutral") {
		t.Errorf("label drop-down after LibreOffice: %+v, %v", dvs, err)
	}
}

// sofficeOrSkip returns LibreOffice's soffice, skipping the test when it
// is missing (fatal when TECHFRAME_REQUIRE_LIBREOFFICE=1, as .ci/run sets).
func sofficeOrSkip(t *testing.T) string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("TECHFRAME_REQUIRE_LIBREOFFICE") == "1" {
			t.Fatal("soffice not found but TECHFRAME_REQUIRE_LIBREOFFICE=1")
		}
		t.Skip("skipped: LibreOffice (soffice) not installed; .ci/run installs it")
	}
	return soffice
}

// A coder opens sample's CSV sheet in LibreOffice and saves it as .xlsx:
// the escaped cells keep their apostrophe in the cell text ("'=cmd").
// evaluate and --exclude read them as they read the CSV. sample's own
// workbook gives text that truly starts with "'=" one more apostrophe, so
// it also reads back as it was.
func TestWorkbookSavedFromCSVSheetRestoresEscapes(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, dir, "c.jsonl",
		`{"id":"=cmd","text":"=HYPERLINK(\"http://evil\",\"x\") China and India compete for influence. -5% growth in trade with the EU."}`+"\n"+
			`{"id":"'=q","text":"+Tariffs hurt trade between the US and China. Ministers met."}`+"\n")
	csvPath := filepath.Join(dir, "tocode.csv")
	if _, errs, code := runCLI(t, "", "sample", corpus, "--n", "100", "--stratify", "none", "-q", "-o", csvPath); code != 0 {
		t.Fatalf("sample: exit %d: %s", code, errs)
	}
	recs := readCSV(t, csvPath)
	if len(recs) != 5 || recs[1][0] != "'=cmd" {
		t.Fatalf("sheet %v", recs)
	}
	// As LibreOffice saves it: every cell the CSV's text, a string.
	f := excelize.NewFile()
	for i, r := range recs {
		if i > 0 {
			r[8] = r[7]
		}
		for j, c := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellStr("Sheet1", cell, c); err != nil {
				t.Fatal(err)
			}
		}
	}
	saved := filepath.Join(dir, "coded.xlsx")
	if err := f.SaveAs(saved); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out, errs, code := runCLI(t, "", "evaluate", "--gold", saved, corpus, "-t", "json")
	if code != 0 {
		t.Fatalf("evaluate: exit %d: %s", code, errs)
	}
	if r := decodeEval(t, out); r.MatchKinds["index"] != 4 || r.Unmatched != 0 || r.TextDiffers != 0 {
		t.Errorf("kinds %v unmatched %d text differs %d, want 4 by index", r.MatchKinds, r.Unmatched, r.TextDiffers)
	}
	if _, errs, code := runCLI(t, "", "sample", corpus, "--stratify", "none", "--exclude", saved, "-o", filepath.Join(dir, "r2.csv")); code != 0 || !strings.Contains(errs, "0 sentences drawn") {
		t.Errorf("--exclude the saved workbook: exit %d, %s", code, errs)
	}

	// sample's own workbook: "'=q" is stored "''=q", "=cmd" as it is.
	own := filepath.Join(dir, "own.xlsx")
	if _, errs, code := runCLI(t, "", "sample", corpus, "--n", "100", "--stratify", "none", "-q", "-o", own); code != 0 {
		t.Fatalf("sample -o xlsx: exit %d: %s", code, errs)
	}
	wb, err := excelize.OpenFile(own)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for r := 2; r <= 5; r++ {
		v, _ := wb.GetCellValue("Coding", "A"+strconv.Itoa(r))
		ids[v] = true
		frame, _ := wb.GetCellValue("Coding", "H"+strconv.Itoa(r))
		if err := wb.SetCellValue("Coding", "I"+strconv.Itoa(r), frame); err != nil {
			t.Fatal(err)
		}
	}
	if !ids["=cmd"] || !ids["''=q"] {
		t.Errorf("doc_id cells %v, want =cmd and ''=q", ids)
	}
	if err := wb.Save(); err != nil {
		t.Fatal(err)
	}
	wb.Close()
	out, errs, code = runCLI(t, "", "evaluate", "--gold", own, corpus, "-t", "json")
	if code != 0 {
		t.Fatalf("evaluate own workbook: exit %d: %s", code, errs)
	}
	if r := decodeEval(t, out); r.MatchKinds["index"] != 4 || r.Unmatched != 0 || r.TextDiffers != 0 {
		t.Errorf("own workbook: kinds %v unmatched %d text differs %d, want 4 by index", r.MatchKinds, r.Unmatched, r.TextDiffers)
	}
}
