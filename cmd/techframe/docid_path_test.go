package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pathCorpus writes three short documents into dir/corpus and returns the
// folder and the files' paths (named one by one, as a shell glob does).
func pathCorpus(t *testing.T, dir string) (folder string, files []string) {
	t.Helper()
	folder = filepath.Join(dir, "corpus")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{
		"a.txt": "China and the EU signed a joint agreement on AI standards. Washington responded with new export controls on chips.\n",
		"b.txt": "The U.S. and China are locked in strategic competition. Yet both joined the ITU working group on spectrum.\n",
		"c.txt": "Ministries aligned their data rules. Singapore and China agreed to cooperate on AI safety.\n",
	}
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		files = append(files, writeFile(t, folder, name, texts[name]))
	}
	return folder, files
}

// A sheet drawn from a folder names documents relative to it ("a.txt");
// read back with the files named one by one ("corpus/a.txt"), every row
// still finds its document, and stderr says once how.
func TestEvaluateMatchesDocIDByPath(t *testing.T) {
	dir := t.TempDir()
	folder, files := pathCorpus(t, dir)
	sheet := filepath.Join(dir, "tc.csv")
	if _, errs, code := runCLI(t, "", "sample", folder, "--n", "6", "-q", "-o", sheet); code != 0 {
		t.Fatalf("sample: exit %d: %s", code, errs)
	}
	recs := readCSV(t, sheet)
	for _, r := range recs[1:] {
		if strings.Contains(r[0], "/") {
			t.Fatalf("sample from a folder wrote doc_id %q, want a name relative to it", r[0])
		}
		r[8] = r[7]
	}
	writeCSV(t, sheet, recs)
	out, errs, code := runCLI(t, "", append([]string{"evaluate", "--gold", sheet, "-t", "json"}, files...)...)
	if code != 0 {
		t.Fatalf("evaluate: exit %d: %s", code, errs)
	}
	r := decodeEval(t, out)
	if r.MatchKinds["index"] != 6 || r.Unmatched != 0 {
		t.Errorf("kinds %v, unmatched %d; want 6 by index", r.MatchKinds, r.Unmatched)
	}
	var byPath struct {
		IDs []struct {
			DocID   string `json:"doc_id"`
			InputID string `json:"input_id"`
			Rows    int
		} `json:"doc_ids_by_path"`
	}
	if err := json.Unmarshal([]byte(out), &byPath); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, p := range byPath.IDs {
		total += p.Rows
		if !strings.HasSuffix(p.InputID, "/"+p.DocID) {
			t.Errorf("doc_ids_by_path: %+v", p)
		}
	}
	if total != 6 {
		t.Errorf("doc_ids_by_path %+v, want 6 rows", byPath.IDs)
	}
	if n := strings.Count(errs, "rows matched by file path"); n != 1 || !strings.Contains(errs, `6 rows matched by file path: the sheet's doc_id "a.txt" is the input's "`+files[0]+`"`) {
		t.Errorf("want one line saying how the rows were matched, got:\n%s", errs)
	}

	// The other way round: a sheet naming the files as typed, read back
	// with the folder.
	for _, r := range recs[1:] {
		r[0] = filepath.Join(folder, r[0])
	}
	writeCSV(t, sheet, recs)
	if _, errs, code = runCLI(t, "", "evaluate", "--gold", sheet, folder, "-q"); code != 0 {
		t.Fatalf("evaluate with the folder: exit %d: %s", code, errs)
	}

	// An id that shares only the file name is not matched, but named.
	writeCSV(t, sheet, [][]string{recs[0], append([]string{"elsewhere/a.txt"}, recs[1][1:]...)})
	out, _, code = runCLI(t, "", append([]string{"evaluate", "--gold", sheet}, files...)...)
	if code != 1 || !strings.Contains(out, `no document with id "elsewhere/a.txt" in the inputs; nearest: "`+files[0]+`", with the same file name`) {
		t.Errorf("exit %d, want 1 and a hint at the nearest id:\n%s", code, out)
	}
}

// framing train's index-only rows and sample --exclude find their
// documents by path too.
func TestTrainAndExcludeMatchDocIDByPath(t *testing.T) {
	dir := t.TempDir()
	folder, files := pathCorpus(t, dir)
	sheet := filepath.Join(dir, "tc.csv")
	if _, errs, code := runCLI(t, "", "sample", folder, "--n", "3", "--stratify", "none", "-q", "-o", sheet); code != 0 {
		t.Fatalf("sample: exit %d: %s", code, errs)
	}
	recs := readCSV(t, sheet)
	idx := [][]string{{"doc_id", "index", "label"}}
	for _, r := range recs[1:] {
		idx = append(idx, []string{r[0], r[1], "neutral"})
	}
	idxSheet := filepath.Join(dir, "idx.csv")
	writeCSV(t, idxSheet, idx)
	_, errs, code := runCLI(t, "", append([]string{"framing", "train", "--gold", idxSheet, "-o", filepath.Join(dir, "m.json")}, files...)...)
	if code != 0 {
		t.Fatalf("framing train: exit %d: %s", code, errs)
	}
	if strings.Contains(errs, "left out of the training") || !strings.Contains(errs, "3 rows matched by file path") {
		t.Errorf("framing train did not find the rows by path:\n%s", errs)
	}

	// The corpus has 6 sentences: excluding the 3 drawn leaves 3.
	next := filepath.Join(dir, "next.csv")
	_, errs, code = runCLI(t, "", append([]string{"sample", "--n", "6", "--stratify", "none", "--exclude", sheet, "-o", next}, files...)...)
	if code != 0 {
		t.Fatalf("sample --exclude: exit %d: %s", code, errs)
	}
	drawn := map[string]bool{}
	for _, r := range recs[1:] {
		drawn[r[4]] = true
	}
	again := readCSV(t, next)
	if len(again) != 4 {
		t.Errorf("drew %d sentences, want the 3 not excluded\n%s", len(again)-1, errs)
	}
	for _, r := range again[1:] {
		if drawn[r[4]] {
			t.Errorf("excluded sentence drawn again: %q", r[4])
		}
	}
	if !strings.Contains(errs, "3 sentences left out") || !strings.Contains(errs, "3 rows matched by file path") {
		t.Errorf("stderr:\n%s", errs)
	}
}

// An --exclude row whose text is another sentence than its index names
// leaves out the sentence of its text, as evaluate scores that one.
func TestExcludeTextBeatsWrongIndex(t *testing.T) {
	dir := t.TempDir()
	folder, _ := pathCorpus(t, dir)
	sheet := filepath.Join(dir, "done.csv")
	writeCSV(t, sheet, [][]string{{"doc_id", "index", "sentence", "label"},
		{"a.txt", "0", "Washington responded with new export controls on chips.", "competition"}})
	next := filepath.Join(dir, "next.csv")
	_, errs, code := runCLI(t, "", "sample", folder, "--n", "6", "--stratify", "none", "--exclude", sheet, "-o", next)
	if code != 0 {
		t.Fatalf("sample --exclude: exit %d: %s", code, errs)
	}
	drawn := map[string]bool{}
	recs := readCSV(t, next)
	for _, r := range recs[1:] {
		drawn[r[4]] = true
	}
	if len(recs) != 6 || drawn["Washington responded with new export controls on chips."] || !drawn["China and the EU signed a joint agreement on AI standards."] {
		t.Errorf("drew %d: %v", len(recs)-1, drawn)
	}
}
