package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A keyness term's example is its first sentence in the target document
// where it occurs most often (ties: the first in input order), on the
// command line and in the workbook's Keyness sheet, as the Columns sheet
// defines it.
func TestKeynessExampleIsTheDocumentWithTheMostOccurrences(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, dir, "c.jsonl", `{"id":"t1","grp":"a","text":"Semiconductors matter. Semiconductors again."}
{"id":"t2","grp":"a","text":"Trade grows. Semiconductors, semiconductors and semiconductors everywhere."}
{"id":"t3","grp":"a","text":"Semiconductors here, semiconductors there, semiconductors."}
{"id":"r1","grp":"b","text":"Trade talks resume. Diplomats meet."}
{"id":"r2","grp":"b","text":"Diplomats talk trade."}
`)
	out, errs, code := runCLI(t, "", "keyness", corpus, "--target", "grp=a", "-t", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	recs := readTable(t, out, "csv")
	var row []string
	for _, r := range recs[1:] {
		if r[0] == "semiconductors" {
			row = r
		}
	}
	if row == nil || row[9] != "t2" || row[10] != "1" || row[11] != "Semiconductors, semiconductors and semiconductors everywhere." {
		t.Errorf("semiconductors: example %v, want t2, sentence 1 (3 occurrences; t3 has as many but comes later)", row)
	}
	path := filepath.Join(dir, "r.xlsx")
	if _, errs, code := runCLI(t, "", "analyze", corpus, "-q", "--group-by", "grp", "-k", "0", "-o", path); code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, errs)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Keyness")
	term, doc, sent := headerIndex(t, f, "Keyness", "term")-1, headerIndex(t, f, "Keyness", "example doc")-1, headerIndex(t, f, "Keyness", "sentence")-1
	found := false
	for _, r := range rows[1:] {
		if r[0] == "a" && r[term] == "semiconductors" {
			found = true
			if r[doc] != "t2" || r[sent] != "1" {
				t.Errorf("Keyness sheet: semiconductors example %s#%s, want t2#1", r[doc], r[sent])
			}
		}
	}
	if !found {
		t.Errorf("Keyness sheet has no row for semiconductors in group a: %v", rows)
	}
	cols, _ := f.GetRows("Columns")
	defined := false
	for _, r := range cols {
		if len(r) > 2 && r[0] == "Keyness" && r[1] == "example doc" {
			defined = strings.Contains(r[2], "where the term occurs most often, the first such in input order")
		}
	}
	if !defined {
		t.Errorf("the Columns sheet does not define Keyness's example doc as the document with the most occurrences")
	}
	// The samples: "content" occurs once in a07 and eleven times in b30.
	out, errs, code = runCLI(t, "", "keyness", samplesDir, "--target", "outlet_type=academic", "-t", "csv")
	if code != 0 {
		t.Fatalf("samples: exit %d: %s", code, errs)
	}
	for _, r := range readTable(t, out, "csv")[1:] {
		if r[0] == "content" && r[9] != "b30" {
			t.Errorf("samples: content's example doc %s, want b30", r[9])
		}
	}
}

// A document that --target and --reference both select is in the target
// only: stderr counts those left out of the reference, and when that is
// every reference document the error says so instead of "matched no
// document".
func TestKeynessReferenceOverlapIsCounted(t *testing.T) {
	corpus := writeFile(t, t.TempDir(), "c.jsonl", `{"id":"d1","grp":"a","year":"2019","text":"Chips rivalry deepens."}
{"id":"d2","grp":"a","year":"2020","text":"Chips rivalry grows."}
{"id":"d3","grp":"b","year":"2019","text":"Trade cooperation talks."}
{"id":"d4","grp":"b","year":"2020","text":"Trade cooperation resumes."}
`)
	_, errs, code := runCLI(t, "", "keyness", corpus, "--target", "grp=a", "--reference", "year=2019")
	if code != 0 || !strings.Contains(errs, "warning: keyness: 1 documents matched by --reference year=2019 are also in the target --target grp=a: they count in the target only and were left out of the reference") ||
		!strings.Contains(errs, "reference year=2019: 1 documents") {
		t.Errorf("partial overlap: exit %d: %s", code, errs)
	}
	_, errs, code = runCLI(t, "", "keyness", corpus, "--target", "year=2019", "--reference", "year=2019")
	if code == 0 || strings.Contains(errs, "matched no document") ||
		!strings.Contains(errs, "--reference year=2019: each of the 2 documents it matches is also in the target (--target year=2019)") {
		t.Errorf("total overlap: exit %d: %s", code, errs)
	}
	_, errs, code = runCLI(t, "", "keyness", corpus, "--target", "grp=a", "--reference", "grp=b")
	if code != 0 || strings.Contains(errs, "warning") {
		t.Errorf("no overlap: exit %d: %s", code, errs)
	}
}
