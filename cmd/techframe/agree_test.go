package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestAgreeTwoCodersAndAdjudicate: two coders (one CSV, one workbook) code
// a sample; agree reports their agreement, lists the disagreements, and
// writes an adjudication workbook whose label column is blank exactly where
// they differ; once filled in, evaluate reads it as the gold file.
func TestAgreeTwoCodersAndAdjudicate(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base.csv")
	if _, errs, code := runCLI(t, "", "sample", samplesArticles, "--n", "12", "--stratify", "none", "-q", "-o", base); code != 0 {
		t.Fatalf("sample: exit %d: %s", code, errs)
	}
	recs := readCSV(t, base)
	flip := map[string]string{"neutral": "both", "both": "neutral", "cooperation": "competition", "competition": "cooperation"}
	// Coder A codes the system's frame everywhere; coder B differs on rows
	// 1 and 4, leaves row 7 blank, and codes row 2 twice.
	a := [][]string{{"doc_id", "index", "sentence", "label", "note"}}
	f := excelize.NewFile()
	defer f.Close()
	bRows := [][]any{{"doc_id", "index", "label"}}
	for i, r := range recs[1:] {
		a = append(a, []string{r[0], r[1], r[4], r[7], ""})
		label := r[7]
		switch i {
		case 1, 4:
			label = flip[label]
		case 7:
			label = ""
		}
		idx, _ := strconv.Atoi(r[1])
		bRows = append(bRows, []any{r[0], idx, label})
		if i == 2 {
			bRows = append(bRows, []any{r[0], idx, flip[label]})
		}
	}
	for i, row := range bRows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	aPath, bPath, adj := filepath.Join(dir, "anna.csv"), filepath.Join(dir, "ben.xlsx"), filepath.Join(dir, "adjudicate.xlsx")
	writeCSV(t, aPath, a)
	if err := f.SaveAs(bPath); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCLI(t, "", "agree", aPath, bPath, "-o", adj)
	if code != 0 {
		t.Fatalf("agree: exit %d: %s", code, errs)
	}
	for _, want := range []string{"by doc_id + index: 12 sentences, 11 coded by two coders or more, 1 by one only",
		"Krippendorff's alpha (nominal, all coders):", "macro-F1", "anna.csv / ben.xlsx", "Disagreements (2)"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "ben.xlsx:5: codes the sentence that line 4 codes") {
		t.Errorf("no warning for the repeated row: %s", errs)
	}
	if want := "techframe: agree: wrote " + adj + ": 12 sentences, 2 with labels that differ (left blank to settle)"; !strings.Contains(errs, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errs)
	}
	js, _, code := runCLI(t, "", "agree", aPath, bPath, "-t", "json", "--bootstrap", "50", "-q")
	if code != 0 {
		t.Fatalf("agree json: exit %d", code)
	}
	var r struct {
		Pairable int `json:"pairable"`
		Pairs    []struct {
			Units, Agree int
			Kappa        float64
			MacroF1      *float64 `json:"macro_f1"`
		} `json:"pairs"`
		Units []struct {
			Status, Label string
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(js), &r); err != nil {
		t.Fatal(err)
	}
	if r.Pairable != 11 || len(r.Pairs) != 1 || r.Pairs[0].Units != 11 || r.Pairs[0].Agree != 9 || r.Pairs[0].MacroF1 == nil {
		t.Fatalf("json %+v", r)
	}
	// The adjudication sheet: blank labels exactly at the disagreements.
	wb, err := excelize.OpenFile(adj)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	rows, _ := wb.GetRows("Coding", excelize.Options{RawCellValue: true})
	if len(rows) != 13 {
		t.Fatalf("%d rows in the adjudication sheet", len(rows))
	}
	head := rows[0]
	iLabel, iStatus := indexOf(head, "label"), indexOf(head, "agreement")
	if iLabel < 0 || iStatus < 0 || indexOf(head, "label: ben.xlsx") < 0 {
		t.Fatalf("header %v", head)
	}
	blank := 0
	for i, row := range rows[1:] {
		label := ""
		if iLabel < len(row) {
			label = row[iLabel]
		}
		disagree := row[iStatus] == "disagree"
		if disagree != (label == "") || disagree != (i == 1 || i == 4) {
			t.Errorf("row %d: status %q, label %q", i+2, row[iStatus], label)
		}
		if label == "" {
			blank++
			if err := wb.SetCellValue("Coding", cellName(iLabel+1, i+2), "neutral"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if dvs, _ := wb.GetDataValidations("Coding"); len(dvs) != 1 || blank != 2 {
		t.Errorf("%d validations, %d blank labels", len(dvs), blank)
	}
	if err := wb.Save(); err != nil {
		t.Fatal(err)
	}
	ev, errs, code := runCLI(t, "", "evaluate", "--gold", adj, samplesArticles, "-t", "json", "--bootstrap", "0")
	if code != 0 {
		t.Fatalf("evaluate the adjudicated sheet: exit %d: %s", code, errs)
	}
	if got := decodeEval(t, ev); got.Rows != 12 || got.MatchKinds["index"] != 12 {
		t.Errorf("evaluate: %d rows, kinds %v", got.Rows, got.MatchKinds)
	}
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// TestAgreeBadInput: fewer than two sheets and a malformed sheet are usage
// errors (2) naming the file and line; sheets sharing no coded sentence
// are an error (1) that says so.
func TestAgreeBadInput(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", "doc_id,index,label\nd1,0,cooperation\nd1,1,neutral\n")
	b := writeFile(t, dir, "b.csv", "doc_id,index,label\nd2,0,cooperation\n")
	bad := writeFile(t, dir, "bad.csv", "doc_id,index,label\nd1,0,cooperation\nd1,1,coop\n")
	bad2 := writeFile(t, dir, "bad2.csv", "doc_id,index,label\nd1,0,rivalry\n")
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{a}, 2, "give two coded sheets or more"},
		{[]string{a, bad}, 2, bad + ":3: unknown label \"coop\""},
		{[]string{bad, a, bad2}, 2, bad2 + ":2: unknown label \"rivalry\""},
		{[]string{a, b}, 1, "no sentence was coded by two of the sheets"},
		{[]string{a, a, "-o", filepath.Join(dir, "x.json")}, 2, "use a .xlsx or .csv file name"},
	}
	idx := writeFile(t, dir, "idx.csv", "doc_id,index,label\nd1,0,cooperation\n")
	sent := writeFile(t, dir, "sent.csv", "doc_id,sentence,label\nd1,One.,cooperation\n")
	blank := writeFile(t, dir, "blank.csv", "doc_id,index,label\nd1,0,\n")
	cases = append(cases, []struct {
		args []string
		code int
		want string
	}{
		{[]string{idx, sent}, 2, "idx.csv has no sentence column and " + sent + " no doc_id + index columns"},
		{[]string{a, blank}, 2, blank + " has no coded row"},
		{[]string{a, b, "-o", a}, 2, "would overwrite a coder's sheet"},
		{[]string{a, b, "-o", "-"}, 2, "use a .xlsx or .csv file name"},
	}...)
	for _, c := range cases {
		_, errs, code := runCLI(t, "", append([]string{"agree"}, c.args...)...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("agree %v: exit %d (want %d), stderr %q lacks %q", c.args, code, c.code, errs, c.want)
		}
	}
}

// TestAgreeBySentenceText: sheets without doc_id and index are matched by
// sentence text; the adjudication sheet then has no doc_id column (a blank
// one would be refused) and evaluate matches it by text (with a doc_id from
// any sheet it would have one); the coders' note
// tags are merged into its note. Rows matched by index whose texts differ
// are a warning.
func TestAgreeBySentenceText(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, dir, "c.jsonl", `{"id":"d1","text":"China and the EU signed a partnership. Sanctions followed."}`+"\n")
	a := writeFile(t, dir, "a.csv", "sentence,label,note\nChina and the EU signed a partnership.,cooperation,hedge\nSanctions followed.,competition,\n")
	b := writeFile(t, dir, "b.csv", "sentence,label,note\nSanctions followed.,neutral,rule-7\n\"China and the EU  signed a partnership.\",cooperation,HEDGE; scope\n")
	adj := filepath.Join(dir, "adj.csv")
	out, errs, code := runCLI(t, "", "agree", a, b, "-o", adj)
	if code != 0 || !strings.Contains(out, "by sentence text: 2 sentences, 2 coded by two coders or more") {
		t.Fatalf("exit %d: %s%s", code, out, errs)
	}
	recs := readCSV(t, adj)
	if indexOf(recs[0], "doc_id") >= 0 || len(recs) != 3 {
		t.Fatalf("adjudication sheet %v", recs)
	}
	iLabel, iNote := indexOf(recs[0], "label"), indexOf(recs[0], "note")
	if recs[1][iLabel] != "cooperation" || recs[1][iNote] != "hedge; scope" || recs[2][iLabel] != "" {
		t.Errorf("rows %v", recs[1:])
	}
	recs[2][iLabel] = "competition"
	writeCSV(t, adj, recs)
	ev, errs, code := runCLI(t, "", "evaluate", "--gold", adj, corpus, "-t", "json", "--bootstrap", "0")
	if code != 0 {
		t.Fatalf("evaluate: exit %d: %s", code, errs)
	}
	if r := decodeEval(t, ev); r.Rows != 2 || r.Unmatched != 0 {
		t.Errorf("evaluate: %d rows, %d unmatched", r.Rows, r.Unmatched)
	}
	x := writeFile(t, dir, "x.csv", "doc_id,index,sentence,label\nd1,0,One.,cooperation\n")
	y := writeFile(t, dir, "y.csv", "doc_id,index,sentence,label\nd1,0,Another.,cooperation\n")
	if _, errs, code := runCLI(t, "", "agree", x, y); code != 0 || !strings.Contains(errs, "y.csv:2: same doc_id and index as "+x+" line 2, but another sentence text") {
		t.Errorf("exit %d, no text-differs warning: %s", code, errs)
	}
}

// TestAgreePairsDocIDsByPath: one coder's sheet drawn from the folder
// ("a.txt"), the other's naming the same files another way (a Windows
// path, an absolute one, "./corpus/c.txt"): every sentence is paired, the
// report says once how many doc_ids were matched by path, and the
// adjudication sheet spells each document as the first sheet given does;
// evaluate reads it back against the folder.
func TestAgreePairsDocIDsByPath(t *testing.T) {
	dir := t.TempDir()
	folder, _ := pathCorpus(t, dir)
	base := filepath.Join(dir, "base.csv")
	if _, errs, code := runCLI(t, "", "sample", folder, "--n", "6", "--stratify", "none", "-q", "-o", base); code != 0 {
		t.Fatalf("sample: exit %d: %s", code, errs)
	}
	recs := readCSV(t, base)
	other := map[string]string{"a.txt": `corpus\a.txt`, "b.txt": filepath.Join(folder, "b.txt"), "c.txt": "./corpus/c.txt"}
	anna := [][]string{{"doc_id", "index", "label"}}
	ben := [][]string{{"doc_id", "index", "label"}}
	for i, r := range recs[1:] {
		anna = append(anna, []string{r[0], r[1], r[7]})
		label := r[7]
		if i == 2 {
			label = "neutral"
		}
		ben = append(ben, []string{other[r[0]], r[1], label})
	}
	aPath, bPath := filepath.Join(dir, "anna.csv"), filepath.Join(dir, "ben.csv")
	writeCSV(t, aPath, anna)
	writeCSV(t, bPath, ben)

	for _, order := range [][]string{{aPath, bPath}, {bPath, aPath}} {
		adj := filepath.Join(dir, "adj.csv")
		out, errs, code := runCLI(t, "", "agree", order[0], order[1], "-o", adj, "--bootstrap", "0")
		if code != 0 {
			t.Fatalf("agree %v: exit %d: %s%s", order, code, out, errs)
		}
		if !strings.Contains(out, "by doc_id + index: 6 sentences, 6 coded by two coders or more, 0 by one only") || !strings.Contains(out, "Disagreements (1)") {
			t.Errorf("agree %v did not pair every sentence:\n%s", order, out)
		}
		if n := strings.Count(out+errs, "matched by file path"); n != 1 || !strings.Contains(out, "Doc ids     3 matched by file path, not exactly (6 rows): ") {
			t.Errorf("agree %v: want one line saying 3 doc_ids were matched by path, got:\n%s%s", order, out, errs)
		}
		// One spelling per document: the first sheet's.
		first := map[string]bool{}
		for _, r := range readCSV(t, order[0])[1:] {
			first[r[0]] = true
		}
		got := map[string]bool{}
		for _, r := range readCSV(t, adj)[1:] {
			got[r[0]] = true
			if !first[r[0]] {
				t.Errorf("agree %v: the adjudication sheet spells a document %q, not as %s does", order, r[0], order[0])
			}
		}
		if len(got) != 3 {
			t.Errorf("agree %v: %d spellings in the adjudication sheet, want one for each of 3 documents: %v", order, len(got), got)
		}
		ev, errs, code := runCLI(t, "", "evaluate", "--gold", adj, folder, "-t", "json", "--bootstrap", "0")
		if code != 0 {
			t.Fatalf("evaluate the adjudication sheet: exit %d: %s", code, errs)
		}
		if r := decodeEval(t, ev); r.Rows != 5 || r.Unmatched != 0 {
			t.Errorf("evaluate: %d rows (want the 5 agreed), %d unmatched", r.Rows, r.Unmatched)
		}
	}

	js, _, code := runCLI(t, "", "agree", aPath, bPath, "-t", "json", "--bootstrap", "0")
	if code != 0 {
		t.Fatalf("agree json: exit %d", code)
	}
	var r struct {
		Pairable int `json:"pairable"`
		ByPath   []struct {
			Path, DocID, As string
			Rows            int
		} `json:"doc_ids_by_path"`
	}
	if err := json.Unmarshal([]byte(js), &r); err != nil {
		t.Fatal(err)
	}
	if r.Pairable != 6 || len(r.ByPath) != 3 || r.ByPath[0].Path != bPath || r.ByPath[0].Rows != 2 {
		t.Errorf("json: pairable %d, doc_ids_by_path %+v", r.Pairable, r.ByPath)
	}
}

// TestAgreeAmbiguousDocID: a short doc_id that could be either of two
// longer ones of another sheet is paired with neither, with a warning that
// names its file and line and the two it could be.
func TestAgreeAmbiguousDocID(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", "doc_id,index,label\n2023/report.txt,0,cooperation\n2024/report.txt,0,competition\nx.txt,0,neutral\n")
	b := writeFile(t, dir, "b.csv", "doc_id,index,label\nreport.txt,0,cooperation\nx.txt,0,neutral\n")
	out, errs, code := runCLI(t, "", "agree", a, b, "--bootstrap", "0")
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errs)
	}
	want := b + `:2: doc_id "report.txt" could be any of 2 documents of the other sheets by path: "2023/report.txt" (` + a + `:2), "2024/report.txt" (` + a + `:3); its rows are paired with none`
	if !strings.Contains(errs, want) {
		t.Errorf("stderr lacks\n%s\ngot:\n%s", want, errs)
	}
	if !strings.Contains(out, "4 sentences, 1 coded by two coders or more, 3 by one only") || !strings.Contains(out, "Doc ids     1 paired with none") || strings.Contains(out, "matched by file path") {
		t.Errorf("report:\n%s", out)
	}
}
