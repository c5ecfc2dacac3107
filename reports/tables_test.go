package reports

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestCSVDirDefusesFormulasAndDropsStaleTables(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "Topics.csv"), []byte("old run\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine\n"), 0o644)
	set, err := NewCSVDirSet(dir)
	if err != nil {
		t.Fatal(err)
	}
	set.Known = []string{"Sentences", "Topics"}
	tab, err := set.Table("Sentences", []Column{{Name: "text"}, {Name: "n"}, {Name: "text"}})
	if err != nil {
		t.Fatal(err)
	}
	tab.Row("=HYPERLINK(\"x\")", -3.5, "@SUM(A1)")
	tab.Row("plain", 1234567890123456789.0, "-minus")
	if err := set.Commit(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "Sentences.csv"))
	want := "text,n,text (2)\n\"'=HYPERLINK(\"\"x\"\")\",-3.5,'@SUM(A1)\nplain,1.2345678901234568e+18,'-minus\n"
	if string(b) != want {
		t.Errorf("Sentences.csv =\n%s\nwant\n%s", b, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "Topics.csv")); !os.IsNotExist(err) {
		t.Error("a table from an earlier run was left in the folder")
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Error("a file that is not a report table was removed")
	}
}

func TestAtomicKeepsModeAndFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.xlsx")
	os.WriteFile(real, []byte("old"), 0o600)
	link := filepath.Join(dir, "link.xlsx")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("skipped: no symlinks here")
	}
	f, err := CreateAtomic(link)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("new")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	b, _ := os.ReadFile(real)
	st, _ := os.Stat(real)
	if string(b) != "new" || st.Mode().Perm() != 0o600 {
		t.Errorf("target holds %q with mode %v, want \"new\" with 0600", b, st.Mode().Perm())
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*tmp*"))
	if len(left) > 0 || strings.Contains(strings.Join(left, ""), "tmp") {
		t.Errorf("temporary files left: %v", left)
	}
}

// A Cell carries a per-cell format for the workbook; CSV writes its bare value.
func TestCellWritesBareValueToCSV(t *testing.T) {
	got := csvRecord([]any{Cell{Value: 0.25, Kind: "pct"}, Cell{Value: "=x", Kind: "text"}, Cell{}})
	if want := []string{"0.25", "'=x", ""}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("csvRecord = %q, want %q", got, want)
	}
}

// A Decimals cell is a number shown with its places: 12.50 in the workbook
// (a number, not text) and in CSV.
func TestDecimalsCellShowsItsPlaces(t *testing.T) {
	got := csvRecord([]any{Cell{Value: 12.5, Kind: Decimals(2)}, Cell{Value: 2019.0, Kind: Decimals(1)}, Cell{Value: 3.0, Kind: Decimals(0)}})
	if want := "12.50|2019.0|3"; strings.Join(got, "|") != want {
		t.Errorf("csvRecord = %q, want %s", got, want)
	}
	w, err := NewWorkbook()
	if err != nil {
		t.Fatal(err)
	}
	tab, err := w.Table("T", []Column{{Name: "v"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []Cell{{Value: 12.5, Kind: Decimals(2)}, {Value: 2019.0, Kind: Decimals(1)}, {Value: 12.5, Kind: Decimals(2)}} {
		if err := tab.Row(c); err != nil {
			t.Fatal(err)
		}
	}
	if err := tab.Close(); err != nil {
		t.Fatal(err)
	}
	f := savedWorkbook(t, w)
	for cell, want := range map[string]string{"A2": "12.50", "A3": "2019.0", "A4": "12.50"} {
		shown, _ := f.GetCellValue("T", cell)
		raw, _ := f.GetCellValue("T", cell, excelize.Options{RawCellValue: true})
		if shown != want || raw == want {
			t.Errorf("%s shows %q (stored %q), want the number shown as %s", cell, shown, raw, want)
		}
	}
}
