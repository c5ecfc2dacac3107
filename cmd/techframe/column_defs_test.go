package main

import (
	"archive/zip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/techframe/techframe/reports"
)

// readCSVTable reads one table of analyze -o DIR/ with its header.
func readCSVTable(t *testing.T, dir, name string) (col map[string]int, rows [][]string) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, name+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("%s.csv: %v", name, err)
	}
	col = map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	return col, recs[1:]
}

// meaning returns the Columns definition of a table's column.
func meaning(t *testing.T, sheet, column string) string {
	t.Helper()
	d, ok := definitionFor(sheet, reports.Column{Name: column})
	if !ok {
		t.Fatalf("no definition of %s %s", sheet, column)
	}
	return d.meaning
}

// TestAnalyzeColumnDefinitionsMatchContents: definitions the audit found
// at odds with what their columns hold.
//
//   - Sentences negated and hedged count the sentence's counted cues, its
//     Evidence rows with the flag and an empty ignored column (b24#15 has
//     one counted negated cue beside two negated cues set aside, "absence of
//     both"), and say so.
//   - Summary's Top keywords documents is the term's document frequency
//     (the documents with a token of that norm), not "documents in the
//     row", and the definition says so.
//   - Validation's ci95_low/high say how each kind of figure is resampled:
//     documents for agreement, coded rows within each system label for
//     corrected shares and the corpus estimate (as evaluate's JSON says).
func TestAnalyzeColumnDefinitionsMatchContents(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out") + string(filepath.Separator)
	if _, errs, code := runCLI(t, "", "analyze", samplesDir, "-o", dir); code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, errs)
	}

	// Sentences negated / hedged
	ec, ev := readCSVTable(t, dir, "Evidence")
	type key struct{ doc, sent string }
	neg, hedge := map[key]int{}, map[key]int{}
	setAside := 0
	for _, r := range ev {
		k := key{r[ec["doc_id"]], r[ec["sentence"]]}
		if r[ec["ignored"]] != "" {
			if r[ec["negated"]] == "1" {
				setAside++
			}
			continue
		}
		if r[ec["negated"]] == "1" {
			neg[k]++
		}
		if r[ec["hedged"]] == "1" {
			hedge[k]++
		}
	}
	if setAside == 0 {
		t.Fatal("no negated cue set aside in the samples: nothing to tell the counts apart")
	}
	sc, ss := readCSVTable(t, dir, "Sentences")
	for _, r := range ss {
		k := key{r[sc["doc_id"]], r[sc["sentence"]]}
		if got := r[sc["negated"]]; got != strconv.Itoa(neg[k]) {
			t.Errorf("Sentences %s#%s: negated %s, counted negated cues on the Evidence sheet %d", k.doc, k.sent, got, neg[k])
		}
		if got := r[sc["hedged"]]; got != strconv.Itoa(hedge[k]) {
			t.Errorf("Sentences %s#%s: hedged %s, counted hedged cues on the Evidence sheet %d", k.doc, k.sent, got, hedge[k])
		}
		if k == (key{"b24", "15"}) && r[sc["negated"]] != "1" {
			t.Errorf("b24#15: negated %s, want 1 (the other two negated cues were set aside)", r[sc["negated"]])
		}
	}
	for _, c := range []string{"negated", "hedged"} {
		if m := meaning(t, "Sentences", c); !strings.Contains(m, "counted cues") || !strings.Contains(m, "ignored") {
			t.Errorf("Sentences %s is defined as %q: it does not say that only counted cues count", c, m)
		}
	}

	// Summary Top keywords documents = document frequency
	out, errs, code := runCLI(t, "", "annotate", samplesDir)
	if code != 0 {
		t.Fatalf("annotate: exit %d: %s", code, errs)
	}
	df := map[string]int{}
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var rec struct {
			Tokens []struct{ Norm string }
		}
		if err := dec.Decode(&rec); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, tk := range rec.Tokens {
			if !seen[tk.Norm] {
				seen[tk.Norm] = true
				df[tk.Norm]++
			}
		}
	}
	mc, ms := readCSVTable(t, dir, "Summary")
	checked := 0
	for _, r := range ms {
		if !strings.HasPrefix(r[mc["section"]], "Top keywords") || r[mc["column"]] != "documents" {
			continue
		}
		term := r[mc["row"]]
		if strings.Contains(term, " ") {
			continue // an n-gram: no single token to count
		}
		checked++
		if got := r[mc["value"]]; got != strconv.Itoa(df[term]) {
			t.Errorf("Summary Top keywords %q: documents %s, documents with the term %d", term, got, df[term])
		}
	}
	if checked == 0 {
		t.Fatal("no Top keywords documents value checked")
	}
	if m := meaning(t, "Summary", "documents"); !strings.Contains(m, "contain the term") {
		t.Errorf("Summary documents is defined as %q: it does not say what the Top keywords block holds", m)
	}

	// Validation ci95
	for _, c := range []string{"ci95_low", "ci95_high"} {
		m := strings.ToLower(meaning(t, "Validation", c))
		if !strings.Contains(m, "within each system label") || !strings.Contains(m, "documents") || !strings.Contains(m, "corrected share") {
			t.Errorf("Validation %s is defined as %q: it does not say how agreement and corrected-share intervals are resampled", c, m)
		}
	}
}

// TestAnalyzeSummaryNotesDocumentCap: the Summary's "Frame share by
// document" block shows the first 60 documents; with more, a line under
// its rows says so and where the rest are, in the workbook (outside the
// chart's rows) and as a note row of the CSV Summary table. With 60 or
// fewer there is no such line.
func TestAnalyzeSummaryNotesDocumentCap(t *testing.T) {
	const title = "Frame share by document"
	dir := t.TempDir()
	var b strings.Builder
	for i := range 62 {
		fmt.Fprintf(&b, `{"id":"d%02d","text":"China and the EU agreed to cooperate on chips. Washington imposed sanctions on Beijing."}`+"\n", i)
	}
	in := writeFile(t, dir, "many.jsonl", b.String())
	const want = "first 60 of 62 documents; all are on the Documents sheet"

	book := filepath.Join(dir, "r.xlsx")
	if _, errs, code := runCLI(t, "", "analyze", in, "-o", book, "--no-keywords"); code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, errs)
	}
	sum := readWorkbook(t, book)["Summary"]
	block := summarySection(sum, title)
	if len(block) != 1+60+1 {
		t.Fatalf("%s: %d rows (header, documents, note), want 62:\n%s", title, len(block), flatten(block))
	}
	if last := block[len(block)-1]; len(last) != 1 || last[0] != want {
		t.Errorf("%s: last line %q, want %q", title, last, want)
	}
	if got := block[60][0]; got != "d59" {
		t.Errorf("%s: 60th document row is %q, want d59", title, got)
	}
	// The charts' category ranges stop at the documents' rows.
	noteRow := 0
	for i, r := range sum {
		if len(r) == 1 && r[0] == want {
			noteRow = i + 1
		}
	}
	z, err := zip.OpenReader(book)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	ranges := regexp.MustCompile(`Summary!\$A\$([0-9]+):\$A\$([0-9]+)`)
	found := 0
	for _, zf := range z.File {
		if !strings.HasPrefix(zf.Name, "xl/charts/chart") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ranges.FindAllStringSubmatch(string(data), -1) {
			lo, _ := strconv.Atoi(m[1])
			hi, _ := strconv.Atoi(m[2])
			found++
			if lo <= noteRow && noteRow <= hi {
				t.Errorf("%s: chart range %s takes in the note's row %d", zf.Name, m[0], noteRow)
			}
		}
	}
	if noteRow == 0 || found == 0 {
		t.Errorf("note row %d, %d chart ranges: nothing checked", noteRow, found)
	}

	out := filepath.Join(dir, "out") + string(filepath.Separator)
	if _, errs, code := runCLI(t, "", "analyze", in, "-o", out, "--no-keywords"); code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, errs)
	}
	col, rows := readCSVTable(t, out, "Summary")
	notes := 0
	for _, r := range rows {
		if r[col["section"]] == title && r[col["row_type"]] == "note" {
			notes++
			if r[col["value"]] != want {
				t.Errorf("CSV Summary note %q, want %q", r[col["value"]], want)
			}
		}
	}
	if notes != 1 {
		t.Errorf("CSV Summary: %d note rows in %s, want 1", notes, title)
	}

	// 32 documents: no note
	small := filepath.Join(dir, "small.xlsx")
	if _, errs, code := runCLI(t, "", "analyze", samplesDir, "-o", small, "--no-keywords"); code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, errs)
	}
	for _, r := range summarySection(readWorkbook(t, small)["Summary"], title) {
		if len(r) == 1 {
			t.Errorf("%s with 32 documents has a note: %q", title, r[0])
		}
	}
}
