package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
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

// TestDocumentsMetadataColumnsHaveOneType: within one metadata column the
// values are all numbers or all text, whichever file they came from. A
// year from JSON (2024) and from CSV ("2022") are both numbers; zip codes
// with a leading zero make their column text, JSON numbers included; a
// value starting with = is text, never a formula.
func TestDocumentsMetadataColumnsHaveOneType(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.jsonl",
		`{"id":"j1","year":2024,"zip":10001,"score":1.5,"note":"=1+2","text":"China and the EU signed a joint agreement on AI standards."}`+"\n"+
			`{"id":"j2","year":2023,"zip":"02139","score":-2,"note":"plain","text":"Washington imposed export controls on chips."}`+"\n")
	writeFile(t, dir, "b.csv", "id,year,zip,score,note,text\nc1,2022,60601,+3,-5,Beijing and Brussels held a dialogue.\nc2,,94105,0.25,x,The ministry published a plan.\n")
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if _, errs, code := runCLI(t, "", "analyze", filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.csv"), "-k", "0", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]excelize.CellType{"year": excelize.CellTypeNumber, "zip": excelize.CellTypeSharedString,
		"score": excelize.CellTypeSharedString, // "+3" is not a plain number
		"note":  excelize.CellTypeSharedString}
	for col, typ := range want {
		c := headerIndex(t, f, "Documents", col)
		for row := 2; row <= 5; row++ {
			cell, _ := excelize.CoordinatesToCellName(c, row)
			v, _ := f.GetCellValue("Documents", cell)
			if v == "" {
				continue
			}
			got, _ := f.GetCellType("Documents", cell)
			switch got { // the stream writer stores numbers untyped
			case excelize.CellTypeInlineString:
				got = excelize.CellTypeSharedString
			case excelize.CellTypeUnset:
				got = excelize.CellTypeNumber
			}
			if got != typ {
				t.Errorf("Documents %s (%s = %q) type %v, want %v", cell, col, v, got, typ)
			}
			if fm, _ := f.GetCellFormula("Documents", cell); fm != "" {
				t.Errorf("Documents %s holds formula %q", cell, fm)
			}
		}
	}
	zip := headerIndex(t, f, "Documents", "zip")
	cell, _ := excelize.CoordinatesToCellName(zip, 3)
	if v, _ := f.GetCellValue("Documents", cell); v != "02139" {
		t.Errorf("zip %s = %q, want 02139 (leading zero kept)", cell, v)
	}
}

func TestPlainNumber(t *testing.T) {
	for s, want := range map[string]bool{"2024": true, "0": true, "0.25": true, "-5": true, "12.50": true,
		"02139": false, "+3": false, "1e3": false, "1,000": false, "": false, "-": false, "3.": false, ".5": false,
		"1234567890123456": false, "123456789012345": true, " 7": false} {
		if got := plainNumber(s); got != want {
			t.Errorf("plainNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestManifestSheetResultsAndNumbers: topic coherence and diversity are
// results, not settings, and the Manifest's numbers are numbers.
func TestManifestSheetResultsAndNumbers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if _, errs, code := runCLI(t, "", "analyze", samplesDir, "--no-framing", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Manifest")
	kinds := map[string]string{}
	for i, r := range rows[1:] {
		if len(r) < 3 {
			continue
		}
		kinds[r[1]] = r[0]
		cell, _ := excelize.CoordinatesToCellName(3, i+2)
		typ, _ := f.GetCellType("Manifest", cell)
		number := typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber
		_, perr := strconv.ParseFloat(r[2], 64)
		wantNumber := perr == nil && r[2] != "" && r[0] != "run"
		if r[1] == "k" || r[1] == "seed" || r[1] == "jobs" || r[0] == "result" || strings.HasPrefix(r[0], "timing") || r[0] == "warnings" {
			if !wantNumber {
				t.Errorf("Manifest %s %s = %q, want a number", r[0], r[1], r[2])
			}
		}
		if number != wantNumber {
			t.Errorf("Manifest %s (%s %s = %q): number %v, want %v", cell, r[0], r[1], r[2], number, wantNumber)
		}
	}
	for _, k := range []string{"topic_coherence_mean_npmi", "topic_diversity_top25"} {
		if kinds[k] != "result" {
			t.Errorf("Manifest lists %s under %q, want result", k, kinds[k])
		}
	}
	if kinds["seed"] != "setting" {
		t.Errorf("seed under %q", kinds["seed"])
	}
}

// summaryBlock returns the rows of the Summary sheet's block with the given
// title (its header row first), or nil.
func summarySection(rows [][]string, title string) [][]string {
	for i, r := range rows {
		if len(r) == 1 && r[0] == title {
			var out [][]string
			for _, b := range rows[i+1:] {
				if len(b) == 0 {
					break
				}
				out = append(out, b)
			}
			return out
		}
	}
	return nil
}

// TestNoFramingLeavesOutFrameTables: with --no-framing no table shows
// frame counts as zeros: the frame columns and blocks are left out, the
// Evidence and ActorFrames sheets say framing did not run, and the
// sentence counts are the documents' sentences. --no-entities does the
// same for the entity and actor tables.
func TestNoFramingLeavesOutFrameTables(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if _, errs, code := runCLI(t, "", "analyze", samplesDir, "--no-framing", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	wb := readWorkbook(t, path)
	docs := wb["Documents"]
	sentences := map[string]string{}
	si := indexOf(docs[0], "sentences")
	for _, r := range docs[1:] {
		sentences[r[0]] = r[si]
	}
	if sentences["a01"] != "23" {
		t.Fatalf("Documents: a01 has %q sentences, want 23", sentences["a01"])
	}
	frameCols := []string{"frame", "cooperation", "competition", "both", "neutral", "share_cooperation", "balance", "cues", "negated",
		"cooperation (weighted sentences)", "competition (weighted sentences)"}
	for _, sheet := range []string{"Documents", "Sentences", "Topics"} {
		for _, c := range frameCols {
			if indexOf(wb[sheet][0], c) >= 0 {
				t.Errorf("%s has the frame column %q without framing", sheet, c)
			}
		}
	}
	if indexOf(wb["Sentences"][0], "actors") < 0 {
		t.Errorf("Sentences lost the actors column: %v", wb["Sentences"][0])
	}
	for _, sheet := range []string{"Evidence", "ActorFrames"} {
		if got := flatten(wb[sheet]); !strings.Contains(got, "framing not run (--no-framing)") {
			t.Errorf("%s does not say framing did not run: %q", sheet, got)
		}
	}
	if got := flatten(wb["Entities"]); !strings.Contains(got, "China") {
		t.Errorf("Entities lost its rows without framing")
	}
	sum := wb["Summary"]
	for _, title := range []string{"Frame shares (sentences)", "Frame share by document", "Top actors by frame (sentences)"} {
		if summarySection(sum, title) != nil {
			t.Errorf("Summary has the block %q without framing", title)
		}
	}
	per := summarySection(sum, "Sentences by document (framing not run: --no-framing)")
	if len(per) < 2 || strings.Join(per[0], ",") != "document,documents,sentences" {
		t.Fatalf("Summary block of sentences by document: %v", per)
	}
	for _, r := range per[1:] {
		if r[2] != sentences[r[0]] {
			t.Errorf("Summary: %s has %s sentences, Documents %s", r[0], r[2], sentences[r[0]])
		}
	}
	if corpus := flatten(summarySection(sum, "Corpus")); !strings.Contains(corpus, "not run (--no-framing)") || strings.Contains(corpus, "balance") {
		t.Errorf("Summary corpus block: %q", corpus)
	}

	// --no-entities: no actor column, Entities and ActorFrames say why;
	// the frame tables stay.
	path = filepath.Join(t.TempDir(), "e.xlsx")
	if _, errs, code := runCLI(t, "", "analyze", samplesDir, "--no-entities", "-k", "0", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	wb = readWorkbook(t, path)
	if indexOf(wb["Sentences"][0], "actors") >= 0 || indexOf(wb["Sentences"][0], "frame") < 0 {
		t.Errorf("Sentences header with --no-entities: %v", wb["Sentences"][0])
	}
	for _, sheet := range []string{"Entities", "ActorFrames"} {
		if got := flatten(wb[sheet]); !strings.Contains(got, "entities not tagged (--no-entities)") {
			t.Errorf("%s does not say entities were not tagged: %q", sheet, got)
		}
	}
	if summarySection(wb["Summary"], "Top actors by frame (sentences)") != nil || summarySection(wb["Summary"], "Frame shares (sentences)") == nil {
		t.Errorf("Summary blocks with --no-entities wrong")
	}

	// --no-entities --ner: the statistical tagger's entities are entities
	// all the same: the actor column and the Entities sheet are there.
	path = filepath.Join(t.TempDir(), "n.xlsx")
	if _, errs, code := runCLI(t, "", "analyze", samplesDir, "--no-entities", "--ner", "-k", "0", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	wb = readWorkbook(t, path)
	if indexOf(wb["Sentences"][0], "actors") < 0 || strings.Contains(flatten(wb["Entities"]), "not tagged") || len(wb["Entities"]) < 2 {
		t.Errorf("--no-entities --ner: Sentences header %v, Entities %d rows", wb["Sentences"][0], len(wb["Entities"]))
	}
}

// TestAnalyzeJSONSummaryHasNamedColumns: the JSON Summary table names
// its columns (no c1...c8) and holds each figure once, findable by its
// section, row and column.
func TestAnalyzeJSONSummaryHasNamedColumns(t *testing.T) {
	out, errs, code := runCLI(t, "", "analyze", samplesDir, "-k", "0", "-o", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		Tables []struct {
			Name    string
			Columns []string
			Rows    [][]any
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, tb := range doc.Tables {
		if tb.Name != "Summary" {
			continue
		}
		found = true
		if got := strings.Join(tb.Columns, ","); got != "section,row_type,row,column,value" {
			t.Errorf("Summary columns %s", got)
		}
		var docs, a01 any
		for _, r := range tb.Rows {
			if r[0] == "Corpus" && r[2] == "documents" && r[3] == "value" {
				docs = r[4]
			}
			if r[0] == "Frame share by document" && r[1] == "document" && r[2] == "a01" && r[3] == "sentences" {
				a01 = r[4]
			}
		}
		if docs != 32.0 || a01 != 23.0 {
			t.Errorf("Summary: documents %v (want 32), a01 sentences %v (want 23)", docs, a01)
		}
	}
	if !found {
		t.Fatal("no Summary table")
	}
}

// TestEveryColumnIsDefined: every column of every sheet analyze writes,
// in every layout (grouped or not, with --gold, without framing, entities
// or keywords, as JSON), has a definition on the Columns sheet, taken from
// columnDefs. A table that gains a column without one fails here.
func TestEveryColumnIsDefined(t *testing.T) {
	runs := [][]string{
		{"--group-by", "outlet_type", "--gold", samplesGold, "--bootstrap", "20", "-k", "3"},
		{"-k", "3", "--model", "nmf"},
		{"--no-framing", "--no-entities", "-k", "0"},
		{"--no-keywords", "--group-by", "date", "--bin", "date:5"},
	}
	for _, args := range runs {
		path := filepath.Join(t.TempDir(), "r.xlsx")
		if _, errs, code := runCLI(t, "", append(append([]string{"analyze", samplesDir}, args...), "-o", path)...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		wb := readWorkbook(t, path)
		defined := map[string]bool{}
		for _, r := range wb["Columns"][1:] {
			if len(r) < 3 || r[2] == noDefinition {
				t.Errorf("%v: Columns: no definition of %v", args, r)
				continue
			}
			defined[r[0]+"|"+r[1]] = true
		}
		for sheet, rows := range wb {
			if len(rows) == 0 {
				t.Errorf("%v: sheet %s is empty", args, sheet)
				continue
			}
			base := sheet
			if i := strings.Index(sheet, " ("); i > 0 {
				base = sheet[:i]
			}
			var headers [][]string
			if sheet == "Summary" {
				// each block: a title row, then its header row
				for i, r := range rows[:len(rows)-1] {
					if len(r) == 1 && r[0] != "" && len(rows[i+1]) > 1 {
						headers = append(headers, rows[i+1])
					}
				}
			} else {
				headers = [][]string{rows[0]}
			}
			for _, h := range headers {
				for _, c := range h {
					if !defined[base+"|"+c] {
						t.Errorf("%v: %s column %q is not on the Columns sheet", args, sheet, c)
					}
				}
			}
		}
	}
	out, errs, code := runCLI(t, "", "analyze", samplesDir, "-k", "2", "-o", "-")
	if code != 0 {
		t.Fatalf("json: exit %d: %s", code, errs)
	}
	if strings.Contains(out, noDefinition) || !strings.Contains(out, `"name":"Columns"`) {
		t.Errorf("JSON Columns table missing or incomplete")
	}
}

// Every definition says something, and no column is defined twice.
func TestColumnDefsAreComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range columnDefs {
		key := d.sheet + "|" + d.column
		if seen[key] {
			t.Errorf("%s defined twice", key)
		}
		seen[key] = true
		if strings.TrimSpace(d.meaning) == "" {
			t.Errorf("%s has no meaning", key)
		}
	}
}

// The Topics tokens column counts tokens for LDA (an integer) and sums
// weights for NMF, which an integer format would round away.
func TestTopicsTokensFormat(t *testing.T) {
	for _, c := range []struct {
		model   string
		decimal bool
	}{{"lda", false}, {"nmf", true}} {
		path := filepath.Join(t.TempDir(), c.model+".xlsx")
		if _, errs, code := runCLI(t, "", "analyze", samplesDir, "-k", "3", "--model", c.model, "-o", path); code != 0 {
			t.Fatalf("%s: exit %d: %s", c.model, code, errs)
		}
		rows := readWorkbook(t, path)["Topics"]
		col := indexOf(rows[0], "tokens")
		if col < 0 || len(rows) < 4 {
			t.Fatalf("%s: Topics %v", c.model, rows)
		}
		for _, r := range rows[1:4] {
			if strings.Contains(r[col], ".") != c.decimal {
				t.Errorf("%s: tokens cell %q, want decimals %v", c.model, r[col], c.decimal)
			}
		}
	}
}
