package reports

import (
	"archive/zip"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestWorkbookKeepsFormulaLikeTextAsText(t *testing.T) {
	w, err := NewWorkbook()
	if err != nil {
		t.Fatal(err)
	}
	tab, err := w.Table("Sentences", []Column{{Name: "id"}, {Name: "text", Kind: "wrap"}, {Name: "n", Kind: "int"}})
	if err != nil {
		t.Fatal(err)
	}
	inputs := []string{"=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-3", "@SUM(A1)", "plain"}
	for i, s := range inputs {
		if err := tab.Row("d", s, i); err != nil {
			t.Fatal(err)
		}
	}
	if err := tab.Close(); err != nil {
		t.Fatal(err)
	}
	f := savedWorkbook(t, w)
	for i, s := range inputs {
		cell, _ := excelize.CoordinatesToCellName(2, i+2)
		got, err := f.GetCellValue("Sentences", cell)
		if err != nil || got != s {
			t.Errorf("%s = %q (%v), want %q", cell, got, err, s)
		}
		formula, _ := f.GetCellFormula("Sentences", cell)
		if formula != "" {
			t.Errorf("%s holds a formula %q", cell, formula)
		}
		typ, _ := f.GetCellType("Sentences", cell)
		if typ == excelize.CellTypeFormula {
			t.Errorf("%s typed as formula", cell)
		}
	}
	if n, _ := f.GetCellValue("Sentences", "C3"); n != "1" {
		t.Errorf("int cell = %q", n)
	}
	panes, err := f.GetPanes("Sentences")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header row not frozen: %+v %v", panes, err)
	}
	tables, err := f.GetTables("Sentences")
	if err != nil || len(tables) != 1 {
		t.Errorf("want one filtered table, got %v %v", tables, err)
	}
}

func TestWorkbookTruncatesLongCellsAndContinuesSheets(t *testing.T) {
	w, err := NewWorkbook()
	if err != nil {
		t.Fatal(err)
	}
	w.RowLimit = 3
	tab, err := w.Table("Evidence", []Column{{Name: "text"}})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("ab", MaxCellChars)
	for i := 0; i < 7; i++ {
		v := "row"
		if i == 0 {
			v = long
		}
		if err := tab.Row(v); err != nil {
			t.Fatal(err)
		}
	}
	if err := tab.Close(); err != nil {
		t.Fatal(err)
	}
	if w.Truncated["Evidence"] != 1 {
		t.Errorf("truncated = %v", w.Truncated)
	}
	want := []string{"Evidence", "Evidence (2)", "Evidence (3)"}
	if got := w.File().GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets = %v, want %v", got, want)
	}
	f := savedWorkbook(t, w)
	v, _ := f.GetCellValue("Evidence", "A2")
	if utf16Len(v) > MaxCellChars || !strings.HasSuffix(v, TruncationMarker) {
		t.Errorf("long cell: %d units, marker %v", utf16Len(v), strings.HasSuffix(v, TruncationMarker))
	}
	total := 0
	for _, s := range want {
		rows, _ := f.GetRows(s)
		if len(rows) < 2 || rows[0][0] != "text" {
			t.Errorf("sheet %s lacks header or rows: %v", s, rows)
		}
		total += len(rows) - 1
	}
	if total != 7 {
		t.Errorf("data rows over all sheets = %d, want 7", total)
	}
}

func TestSafeTextReplacesXMLInvalidCharacters(t *testing.T) {
	got, cut := SafeText("a\x00b\x1fc\xffd")
	if cut || got != "a\uFFFDb\uFFFDc\uFFFDd" {
		t.Errorf("SafeText = %q, %v", got, cut)
	}
	// Form feed and vertical tab are white space: a space, not U+FFFD.
	if got, _ := SafeText("end of page\fNext\vline"); got != "end of page Next line" {
		t.Errorf("SafeText = %q", got)
	}
}

func TestSaveAtomicLeavesOldFileOnFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "missing-dir", "r.xlsx")
	w, _ := NewWorkbook()
	if err := w.SaveAtomic(path); err == nil {
		t.Fatal("want an error for a missing directory")
	}
}

// TestWorkbookStylesNumberedAlike: two workbooks built alike number their
// cell styles alike (the styles part and the sheet's style references are
// the same bytes), so the same run gives the same workbook.
func TestWorkbookStylesNumberedAlike(t *testing.T) {
	parts := func() (styles, sheet string) {
		w, err := NewWorkbook()
		if err != nil {
			t.Fatal(err)
		}
		tab, err := w.Table("T", []Column{{Name: "a"}, {Name: "b", Kind: "wrap"}, {Name: "c", Kind: "int"}, {Name: "d", Kind: "float"}, {Name: "e", Kind: "pct"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := tab.Row("x", "y", 1, 0.5, 0.25); err != nil {
			t.Fatal(err)
		}
		if err := tab.Close(); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "s.xlsx")
		if err := w.SaveAtomic(path); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.OpenReader(path)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		read := func(name string) string {
			for _, f := range zr.File {
				if f.Name == name {
					rc, err := f.Open()
					if err != nil {
						t.Fatal(err)
					}
					defer rc.Close()
					b, err := io.ReadAll(rc)
					if err != nil {
						t.Fatal(err)
					}
					return string(b)
				}
			}
			t.Fatalf("no part %s", name)
			return ""
		}
		return read("xl/styles.xml"), read("xl/worksheets/sheet1.xml")
	}
	styles0, sheet0 := parts()
	// Map order differs between runs of the program, and often between two
	// iterations in one run: several builds catch a run-to-run difference.
	for i := 0; i < 8; i++ {
		styles, sheet := parts()
		if styles != styles0 || sheet != sheet0 {
			t.Fatalf("build %d numbers its styles differently from the first", i+2)
		}
	}
}

// TestContinuedSheetsFollowTheirTable: a table split over several sheets
// keeps its parts together, right after the first, although the workbook
// created the later sheets (Manifest) in advance.
func TestContinuedSheetsFollowTheirTable(t *testing.T) {
	x, err := NewXLSXSet(filepath.Join(t.TempDir(), "r.xlsx"), "Sentences", "Evidence", "Topics", "Manifest")
	if err != nil {
		t.Fatal(err)
	}
	x.RowLimit = 2
	for _, name := range []string{"Evidence", "Sentences"} {
		tab, err := x.Table(name, []Column{{Name: "n", Kind: "int"}})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 5; i++ {
			if err := tab.Row(i); err != nil {
				t.Fatal(err)
			}
		}
		if err := tab.Close(); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"Topics", "Manifest"} {
		tab, err := x.Table(name, []Column{{Name: "n", Kind: "int"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := tab.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Commit(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(x.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := "Sentences,Sentences (2),Sentences (3),Evidence,Evidence (2),Evidence (3),Topics,Manifest"
	if got := strings.Join(f.GetSheetList(), ","); got != want {
		t.Errorf("tab order = %s\nwant        %s", got, want)
	}
	for _, s := range []string{"Evidence (3)", "Sentences (2)"} {
		if rows, _ := f.GetRows(s); len(rows) < 2 || rows[0][0] != "n" {
			t.Errorf("sheet %s lost its rows after moving: %v", s, rows)
		}
	}
}

// savedWorkbook saves w to a temporary .xlsx file and opens it again, as
// a reader of the report would; the file is closed when the test ends.
func savedWorkbook(t *testing.T, w *Workbook) *excelize.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if err := w.SaveAtomic(path); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
