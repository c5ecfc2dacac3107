package main

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Group values are spelled as in the data: 007 is not 7, 1.0 and +1 are not
// 1, 1e5 is not 100000; a JSON number and the same digits as a string
// are one group.
const groupCorpus = `{"id":"d1","grp":"007","g":"1","year":2019,"text":"China rivalry deepens in chips."}
{"id":"d2","grp":"2019","g":"1.0","year":"2019","text":"Beijing cooperation grows in standards."}
{"id":"d3","grp":" 2019 ","g":"+1","year":2019.0,"text":"Chips rivalry deepens again."}
{"id":"d4","grp":"1e5","g":"0.1e1","year":2020,"text":"Standards cooperation talks continue."}
{"id":"d5","grp":"1.50","g":"2","year":"2021.50","text":"Export controls bite."}
`

func TestGroupValuesKeepTheirSpellingOnTheCommandLine(t *testing.T) {
	corpus := writeFile(t, t.TempDir(), "g.jsonl", groupCorpus)
	_, errs, code := runCLI(t, "", "keyness", corpus, "--target", "grp=007")
	if code != 0 || !strings.Contains(errs, "target grp=007: 1 documents") {
		t.Errorf("--target grp=007: exit %d: %s", code, errs)
	}
	_, errs, code = runCLI(t, "", "keyness", corpus, "--target", "grp=7")
	if code == 0 || !strings.Contains(errs, "values of grp: 007, 1.50, 1e5, 2019") {
		t.Errorf("--target grp=7: exit %d: %s", code, errs)
	}
	// g=1 is the one document whose g is 1, not 1.0, +1 or 0.1e1.
	_, errs, code = runCLI(t, "", "keyness", corpus, "--target", "g=1")
	if code != 0 || !strings.Contains(errs, "target g=1: 1 documents") {
		t.Errorf("--target g=1: exit %d: %s", code, errs)
	}
	out, errs, code := runCLI(t, "", "keywords", corpus, "--group-by", "year", "--top", "1", "-t", "csv")
	if code != 0 {
		t.Fatalf("keywords --group-by year: exit %d: %s", code, errs)
	}
	var groups []string
	for _, r := range readTable(t, out, "csv")[1:] {
		groups = append(groups, r[0]+"="+r[1])
	}
	sort.Strings(groups)
	// JSON 2019 and "2019" are one group; 2019.0 is typed otherwise.
	if got := strings.Join(groups, " "); got != "2019.0=1 2019=2 2020=1 2021.50=1" {
		t.Errorf("groups %s", got)
	}
}

// In the workbook, a group reads the same on every sheet as in the
// Documents sheet's column of its field.
func TestGroupValuesReadTheSameOnEverySheet(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, dir, "g.jsonl", groupCorpus)
	for _, c := range []struct {
		field string
		want  string // the field's values in Documents, as shown
	}{
		{"grp", "007 1.50 1e5 2019 2019"},         // a text column (007, 1e5)
		{"year", "2019 2019 2019.0 2020 2021.50"}, // a column of numbers
	} {
		path := filepath.Join(dir, c.field+".xlsx")
		if _, errs, code := runCLI(t, "", "analyze", corpus, "-q", "--group-by", c.field, "-k", "0", "-o", path); code != 0 {
			t.Fatalf("analyze --group-by %s: exit %d: %s", c.field, code, errs)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		column := func(sheet string) map[string]bool {
			rows, _ := f.GetRows(sheet)
			col := headerIndex(t, f, sheet, c.field) - 1
			vals := map[string]bool{}
			for _, r := range rows[1:] {
				if col < len(r) {
					vals[r[col]] = true
				}
			}
			return vals
		}
		docs := column("Documents")
		var shown []string
		rows, _ := f.GetRows("Documents")
		col := headerIndex(t, f, "Documents", c.field) - 1
		for _, r := range rows[1:] {
			shown = append(shown, strings.TrimSpace(r[col]))
		}
		sort.Strings(shown)
		if got := strings.Join(shown, " "); got != c.want {
			t.Errorf("Documents %s shows %s, want %s", c.field, got, c.want)
		}
		trimmed := map[string]bool{}
		for v := range docs {
			trimmed[strings.TrimSpace(v)] = true
		}
		for _, sheet := range []string{"Keywords", "Keyness"} {
			for v := range column(sheet) {
				if !trimmed[v] {
					t.Errorf("--group-by %s: %s shows group %q, which Documents does not (%v)", c.field, sheet, v, shown)
				}
			}
		}
		// The Summary sheet's per-group block lists every group as typed
		// in its first column, below a header naming the field.
		summary, _ := f.GetRows("Summary")
		listed := map[string]bool{}
		inBlock := false
		for _, r := range summary {
			switch {
			case len(r) == 0 || r[0] == "":
				inBlock = false
			case r[0] == c.field:
				inBlock = true
			case inBlock:
				listed[r[0]] = true
			}
		}
		for v := range trimmed {
			if !listed[v] {
				t.Errorf("--group-by %s: Summary lacks the group %q (lists %v)", c.field, v, listed)
			}
		}
		for v := range listed {
			if !trimmed[v] && v != "(none)" {
				t.Errorf("--group-by %s: Summary lists group %q, which Documents does not show", c.field, v)
			}
		}
		f.Close()
	}
}
