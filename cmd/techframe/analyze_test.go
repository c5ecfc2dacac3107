package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline/ingest"
	"github.com/xuri/excelize/v2"
)

const samplesDir = "../../samples"

// readWorkbook returns every sheet's rows.
func readWorkbook(t *testing.T, path string) map[string][][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	out := map[string][][]string{}
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		out[s] = rows
	}
	return out
}

func TestAnalyzeWorkbookSheetsAndValues(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.xlsx")
	_, errs, code := runCLI(t, "", "analyze", samplesDir, "-o", path, "--group-by", "outlet_type")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	wb := readWorkbook(t, path)
	for _, s := range []string{"About", "Summary", "Documents", "Sentences", "Evidence", "Entities", "ActorFrames", "Keywords", "Keyness", "Topics", "DocTopics", "Manifest"} {
		if len(wb[s]) == 0 {
			t.Errorf("sheet %s missing or empty", s)
		}
	}
	docs := wb["Documents"]
	if len(docs)-1 < 30 {
		t.Errorf("Documents has %d rows, want one per sample article (>= 30)", len(docs)-1)
	}
	head := strings.Join(docs[0], ",")
	for _, col := range []string{"id", "outlet_type", "tokens", "sentences", "cooperation", "competition", "share_cooperation", "balance"} {
		if !strings.Contains(head, col) {
			t.Errorf("Documents header lacks %q: %s", col, head)
		}
	}
	// Sentences: one row per sentence; the sum matches the documents' counts.
	sentCol := indexOf(docs[0], "sentences")
	total := 0
	for _, r := range docs[1:] {
		total += atoi(t, r[sentCol])
	}
	if got := len(wb["Sentences"]) - 1; got != total {
		t.Errorf("Sentences rows = %d, Documents sentences sum = %d", got, total)
	}
	// every sentence row's text matches the document text at its offsets
	texts := sampleTexts(t)
	sh := wb["Sentences"]
	ti, si, ei, di := indexOf(sh[0], "text"), indexOf(sh[0], "start"), indexOf(sh[0], "end"), indexOf(sh[0], "doc_id")
	for _, r := range sh[1:20] {
		doc := texts[r[di]]
		if doc == "" {
			t.Fatalf("unknown doc %q", r[di])
		}
		if got := doc[atoi(t, r[si]):atoi(t, r[ei])]; got != r[ti] {
			t.Errorf("sentence offsets do not point at its text: %q vs %q", got, r[ti])
		}
	}
	// keyness compares each outlet type with the rest; G2 is positive and
	// the example sentence comes from that group's documents
	kn := wb["Keyness"]
	gi, g2i, exi := indexOf(kn[0], "outlet_type"), indexOf(kn[0], "G2"), indexOf(kn[0], "example doc")
	outletOf := map[string]string{}
	oi := indexOf(docs[0], "outlet_type")
	for _, r := range docs[1:] {
		outletOf[r[0]] = r[oi]
	}
	for _, r := range kn[1:] {
		if r[g2i] == "" || r[g2i][0] == '-' {
			t.Errorf("keyness row with non-positive G2: %v", r)
		}
		if outletOf[r[exi]] != r[gi] {
			t.Errorf("keyness example %s is not from group %s", r[exi], r[gi])
		}
	}
	// manifest records the inputs with hashes and the command line
	man := flatten(wb["Manifest"])
	for _, want := range []string{"command line", "sha256", "group_by"} {
		if !strings.Contains(man, want) {
			t.Errorf("Manifest lacks %q", want)
		}
	}
	// charts exist in the package
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	charts := 0
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "xl/charts/chart") {
			charts++
		}
	}
	if charts < 2 {
		t.Errorf("workbook has %d charts, want at least 2 (frame shares, share per group)", charts)
	}
}

func TestAnalyzeSameCellsForAnyJobs(t *testing.T) {
	dir := t.TempDir()
	var books []map[string][][]string
	for _, jobs := range []string{"1", "3"} {
		path := filepath.Join(dir, "r"+jobs+".xlsx")
		_, errs, code := runCLI(t, "", "analyze", samplesDir, "-o", path, "--jobs", jobs)
		if code != 0 {
			t.Fatalf("jobs %s: exit %d: %s", jobs, code, errs)
		}
		wb := readWorkbook(t, path)
		delete(wb, "Manifest") // timings, start time and the jobs setting differ by design
		books = append(books, wb)
	}
	for name, rows := range books[0] {
		if !reflect.DeepEqual(rows, books[1][name]) {
			t.Errorf("sheet %s differs between --jobs 1 and --jobs 3", name)
		}
	}
	// The bytes too: the same parts in the same order, every one identical
	// but the Manifest sheet's.
	parts := func(path string) (names []string, data map[string]string) {
		zr, err := zip.OpenReader(path)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		data = map[string]string{}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			names = append(names, f.Name)
			data[f.Name] = string(b)
		}
		return names, data
	}
	n1, d1 := parts(filepath.Join(dir, "r1.xlsx"))
	n3, d3 := parts(filepath.Join(dir, "r3.xlsx"))
	if !reflect.DeepEqual(n1, n3) {
		t.Fatalf("the parts or their order differ:\n%q\n%q", n1, n3)
	}
	for _, n := range n1 {
		if d1[n] != d3[n] && !strings.Contains(d1[n], "techframe version") {
			t.Errorf("part %s differs between --jobs 1 and --jobs 3", n)
		}
	}
}

func TestAnalyzeFormulaLikeTextStaysText(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "evil.jsonl")
	os.WriteFile(in, []byte(`{"id":"=1+1","outlet":"@SUM(A1)","text":"=HYPERLINK(\"http://example.com\") China and the EU agreed to cooperate. -2 more."}`+"\n"), 0o644)
	path := filepath.Join(dir, "r.xlsx")
	if _, errs, code := runCLI(t, "", "analyze", in, "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range []string{"Documents", "Sentences"} {
		rows, _ := f.GetRows(sheet)
		for r := range rows {
			for c := range rows[r] {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
					t.Errorf("%s!%s holds formula %q", sheet, cell, fm)
				}
			}
		}
	}
	rows, _ := f.GetRows("Documents")
	if rows[1][0] != "=1+1" {
		t.Errorf("id cell = %q, want the literal text", rows[1][0])
	}
}

func TestAnalyzeFailureLeavesEarlierReport(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.xlsx")
	os.WriteFile(path, []byte("previous report"), 0o644)
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{\"id\":\"a\",\"text\":\"fine text.\"}\n{not json\n"), 0o644)
	_, _, code := runCLI(t, "", "analyze", bad, "--strict", "-o", path)
	if code != 1 {
		t.Errorf("exit %d, want 1 with --strict and a malformed line", code)
	}
	b, _ := os.ReadFile(path)
	if string(b) != "previous report" {
		t.Error("the earlier report was overwritten by a failed run")
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".r.xlsx.tmp-*"))
	if len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// TestWorkbookOpensInLibreOffice converts the workbook with LibreOffice
// headless, one CSV per sheet, and checks every sheet comes back with rows.
// .ci/run installs libreoffice-calc and sets TECHFRAME_REQUIRE_LIBREOFFICE=1.
func TestWorkbookOpensInLibreOffice(t *testing.T) {
	soffice := sofficeOrSkip(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "report.xlsx")
	if _, errs, code := runCLI(t, "", "analyze", samplesDir, "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := readWorkbook(t, path)
	outDir := filepath.Join(dir, "csv")
	// filter options: comma, double quote, UTF-8, start row 1, ..., sheet -1 = every sheet to its own file
	cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", outDir, path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for sheet, rows := range want {
		got, err := os.ReadFile(filepath.Join(outDir, "report-"+sheet+".csv"))
		if err != nil {
			t.Errorf("LibreOffice did not export sheet %s: %v", sheet, err)
			continue
		}
		recs, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
		if err != nil {
			t.Errorf("sheet %s: LibreOffice CSV unreadable: %v", sheet, err)
			continue
		}
		if len(recs) != len(rows) {
			t.Errorf("sheet %s: LibreOffice sees %d rows, excelize wrote %d", sheet, len(recs), len(rows))
		}
	}
}

func indexOf(row []string, name string) int {
	for i, c := range row {
		if c == name {
			return i
		}
	}
	return -1
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			t.Fatalf("not a whole number: %q", s)
		}
		n = n*10 + int(r-'0')
	}
	return n
}

func flatten(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "\t"))
		b.WriteByte('\n')
	}
	return b.String()
}

// sampleTexts reads the sample articles' bodies by id through ingest.
func sampleTexts(t *testing.T) map[string]string {
	t.Helper()
	src, err := ingest.Open([]string{samplesDir}, ingest.Options{TextField: "text", IDField: "id"})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for {
		d, err := src.Next(context.Background())
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out[d.ID] = d.Text
	}
}

func TestAnalyzeOnTerminalWithoutOutputPrintsSummary(t *testing.T) {
	var out, errb bytes.Buffer
	e := &env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, StdoutTTY: true}
	code := run(context.Background(), []string{"techframe", "analyze", samplesDir, "--k", "0"}, e)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if out.Len() != 0 {
		t.Errorf("wrote %d bytes to a terminal stdout", out.Len())
	}
	for _, want := range []string{"documents", "cooperation", "balance", "no report written", "-o report.xlsx"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("terminal summary lacks %q:\n%s", want, errb.String())
		}
	}
}

func TestBinYears(t *testing.T) {
	bin, err := parseBin("date:10", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"2021-03-04": "2020s", "05/03/2021": "2020s", "March 5, 1999": "1990s", "1790": "1790s",
		"1790.0": "1790s", "12/25/19": "(no year)", "soon": "(no year)", "20210304": "(no year)",
	}
	for in, want := range cases {
		if got := bin(in); got != want {
			t.Errorf("bin(%q) = %q, want %q", in, got, want)
		}
	}
	yearly, _ := parseBin("year:1", "", nil)
	if got := yearly("2021-12-31"); got != "2021" {
		t.Errorf("year:1 bin = %q", got)
	}
}

func TestAnalyzeNotesSheetsThatDidNotRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if _, errs, code := runCLI(t, "", "analyze", samplesDir, "--k", "0", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	wb := readWorkbook(t, path)
	for _, sheet := range []string{"Keyness", "Topics", "DocTopics"} {
		rows := wb[sheet]
		if len(rows) != 2 || !strings.HasPrefix(rows[1][0], "not computed") {
			t.Errorf("sheet %s = %v, want a 'not computed' note", sheet, rows)
		}
	}
	if len(wb["Summary"]) < 10 {
		t.Error("Summary sheet was overwritten")
	}
}

func TestAnalyzeProgressOnlyOnTerminal(t *testing.T) {
	dir := t.TempDir()
	for _, tty := range []bool{false, true} {
		var out, errb bytes.Buffer
		e := &env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, StderrTTY: tty}
		code := run(context.Background(), []string{"techframe", "analyze", samplesDir, "--k", "0", "-q=false", "-o", filepath.Join(dir, "r.xlsx")}, e)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		if got := strings.Contains(errb.String(), "analyzing"); got != tty {
			t.Errorf("stderr terminal=%v: progress shown=%v\n%s", tty, got, errb.String())
		}
	}
}

func TestAnalyzeInterruptedKeepsEarlierReport(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.xlsx")
	os.WriteFile(path, []byte("previous report"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // as if Ctrl-C arrived at once
	var out, errb bytes.Buffer
	e := &env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb}
	code := run(ctx, []string{"techframe", "analyze", samplesDir, "-o", path}, e)
	if code != 130 {
		t.Errorf("exit %d, want 130; stderr: %s", code, errb.String())
	}
	if b, _ := os.ReadFile(path); string(b) != "previous report" {
		t.Error("an interrupted run replaced the earlier report")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".r.xlsx.tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestAnalyzeHeadersFromMetadata: metadata field names go into the header
// of the Documents table as Excel accepts it (no line break, no blank
// name), and the tool's own columns keep their documented names when a
// field shares one ("frame"): the field is the one renamed.
func TestAnalyzeHeadersFromMetadata(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "c.csv")
	os.WriteFile(in, []byte("id,text,\"outlet\nname\",frame,\" \"\nc1,\"China and the US compete for dominance in chips.\",X,human,y\n"), 0o644)
	path := filepath.Join(dir, "r.xlsx")
	if _, errs, code := runCLI(t, "", "analyze", in, "-q", "-k", "0", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Documents")
	col := map[string]int{}
	for i, h := range rows[0] {
		if strings.TrimSpace(h) == "" || strings.ContainsAny(h, "\n\r\t") {
			t.Errorf("header cell %d = %q", i+1, h)
		}
		col[h] = i
	}
	if _, ok := col["outlet name"]; !ok {
		t.Errorf("no \"outlet name\" column in %q", rows[0])
	}
	if i, ok := col["frame"]; !ok || rows[1][i] != "competition" {
		t.Errorf("the tool's frame column: %q (row %q)", rows[0], rows[1])
	}
	if i, ok := col["frame (2)"]; !ok || rows[1][i] != "human" {
		t.Errorf("the metadata field frame should be renamed \"frame (2)\": %q (row %q)", rows[0], rows[1])
	}
	tables, err := f.GetTables("Documents")
	if err != nil || len(tables) != 1 {
		t.Fatalf("tables: %v %v", tables, err)
	}
}
