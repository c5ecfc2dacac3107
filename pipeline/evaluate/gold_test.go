package evaluate

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/formula"
	"github.com/xuri/excelize/v2"
)

func TestReadGoldAcceptsHeaderVariants(t *testing.T) {
	cases := []struct {
		name            string
		in              string
		hasDoc, hasIdx  bool
		rows            int
		firstIdx        int
		firstLabel      string
		uncoded         []int
		firstSentence   string
		firstLine, last int
	}{
		{"doc and sentence", "doc_id,sentence,label,note\nd1,A b.,cooperation,\nd1,\"C, d.\",neutral,x\n",
			true, false, 2, -1, "cooperation", nil, "A b.", 2, 3},
		{"doc and index, label case and spaces", "doc_id,index,label\nd1,3, Competition \nd2,0,both\n",
			true, true, 2, 3, "competition", nil, "", 2, 3},
		{"sentence alone, BOM and CRLF", "\ufeffid,sentence,label,note\r\nx-1,A b.,both,\r\nx-2,C d.,neutral,\r\n",
			false, false, 2, -1, "both", nil, "A b.", 2, 3},
		{"annotate's text column, blank labels are uncoded", "doc_id,index,text,label\nd1,0,A.,\nd1,1,B.,neutral\nd1,2,C.,\n",
			true, true, 1, 1, "neutral", []int{2, 4}, "B.", 3, 3},
		{"multi-line quoted sentence keeps its start line", "doc_id,sentence,label\nd1,\"A\nb.\",neutral\nd1,C.,both\n",
			true, false, 2, -1, "neutral", nil, "A\nb.", 2, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, err := ReadGold(strings.NewReader(c.in), "g.csv")
			if err != nil {
				t.Fatal(err)
			}
			if g.HasDoc != c.hasDoc || g.HasIndex != c.hasIdx || len(g.Rows) != c.rows {
				t.Fatalf("HasDoc %v HasIndex %v rows %d, want %v %v %d", g.HasDoc, g.HasIndex, len(g.Rows), c.hasDoc, c.hasIdx, c.rows)
			}
			r := g.Rows[0]
			if r.Index != c.firstIdx || r.Label != c.firstLabel || r.Sentence != c.firstSentence || r.Line != c.firstLine {
				t.Errorf("first row %+v", r)
			}
			if got := g.Rows[len(g.Rows)-1].Line; got != c.last {
				t.Errorf("last row line %d, want %d", got, c.last)
			}
			if fmt.Sprint(g.Uncoded) != fmt.Sprint(c.uncoded) && len(g.Uncoded)+len(c.uncoded) > 0 {
				t.Errorf("uncoded %v, want %v", g.Uncoded, c.uncoded)
			}
		})
	}
}

// Every bad row is reported with its line, not just the first.
func TestReadGoldReportsEveryBadRow(t *testing.T) {
	path := filepath.Join("testdata", "bad-labels.csv")
	_, err := ReadGoldFile(path)
	if err == nil {
		t.Fatal("no error")
	}
	if !errors.Is(err, pipeline.ErrUsage) {
		t.Errorf("not a usage error: %v", err)
	}
	var ge *GoldError
	if !errors.As(err, &ge) {
		t.Fatalf("not a *GoldError: %T", err)
	}
	want := []string{
		path + ":3: unknown label \"rivalry\"",
		path + ":4: blank doc_id",
		path + ":6: blank sentence",
		path + ":7: unknown label \"coop\"",
	}
	if len(ge.Problems) != len(want) {
		t.Fatalf("%d problems, want %d:\n%v", len(ge.Problems), len(want), err)
	}
	msg := err.Error()
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("message lacks %q:\n%s", w, msg)
		}
	}
	var pe *pipeline.PosError
	if !errors.As(err, &pe) || pe.Line != 3 {
		t.Errorf("first PosError %+v", pe)
	}
}

func TestReadGoldRejectsBadHeadersAndFiles(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"empty", "", "g.csv:1: empty file"},
		{"no label", "doc_id,sentence,note\nd,s,n\n", "g.csv:1: no label column"},
		{"doc without sentence or index", "doc_id,label\nd,neutral\n", "needs a sentence or an index column"},
		{"nothing to match on", "id,label\nd,neutral\n", "no sentence column"},
		{"bad index", "doc_id,index,label\nd,x,neutral\nd,-1,both\n", "g.csv:3: index \"-1\""},
		{"short row", "doc_id,sentence,note,label\nd,s\n", "g.csv:2: row has 2 fields"},
		{"broken quote", "doc_id,sentence,label\nd,\"abc,neutral\n", "g.csv:2: malformed CSV"},
		// Excel's plain "CSV" on Windows writes Windows-1252: a curly
		// quote is one byte that is not UTF-8.
		{"Windows-1252", "doc_id,sentence,label\nd,plain,neutral\nd,China\x92s plan,neutral\nd,\x93quoted\x94,both\n", "g.csv:3: not valid UTF-8 (2 line(s), the first here)"},
		{"UTF-16", "\xff\xfed\x00o\x00c\x00", "g.csv:1: the file is UTF-16 text"},
		{"NUL bytes", "doc_id,sentence,label\nd,a\x00b,neutral\n", "g.csv:1: the file is UTF-16 text (Excel's \"Unicode Text\") or not text at all"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadGold(strings.NewReader(c.in), "g.csv")
			if err == nil || !errors.Is(err, pipeline.ErrUsage) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want usage error containing %q", err, c.want)
			}
		})
	}
	if _, err := ReadGoldFile(filepath.Join(t.TempDir(), "missing.csv")); err == nil || !errors.Is(err, pipeline.ErrUsage) {
		t.Errorf("missing file: %v", err)
	}
}

func FuzzReadGold(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.csv"))
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, in string) {
		g, err := ReadGold(strings.NewReader(in), "f.csv")
		if err != nil {
			if !errors.Is(err, pipeline.ErrUsage) {
				t.Fatalf("error is not a usage error: %v", err)
			}
			return
		}
		valid := map[string]bool{}
		for _, l := range Labels {
			valid[l] = true
		}
		for _, r := range g.Rows {
			if !valid[r.Label] || r.Line < 2 {
				t.Fatalf("bad row accepted: %+v", r)
			}
		}
	})
}

// A coding sheet from techframe sample escapes formula-like doc_id and
// sentence cells with an apostrophe; reading takes it off there, and leaves
// other apostrophes alone, and the note (which sample writes blank) as typed.
func TestReadGoldRestoresEscapedFormulas(t *testing.T) {
	in := "doc_id,index,sentence,label,note\n'=d1,0,\"'=SUM(1,2) grows.\",cooperation,'-hedge\n" +
		"'@d2,1,'+1 for partnership.,neutral,\nd3,2,'Quoted' text.,both,it's\n"
	g, err := ReadGold(strings.NewReader(in), "g.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []GoldRow{
		{Line: 2, DocID: "=d1", Index: 0, Sentence: "=SUM(1,2) grows.", Label: "cooperation", Note: "'-hedge"},
		{Line: 3, DocID: "@d2", Index: 1, Sentence: "+1 for partnership.", Label: "neutral"},
		{Line: 4, DocID: "d3", Index: 2, Sentence: "'Quoted' text.", Label: "both", Note: "it's"},
	}
	if fmt.Sprint(g.Rows) != fmt.Sprint(want) {
		t.Errorf("rows\n%+v\nwant\n%+v", g.Rows, want)
	}
}

// Only the cells sample writes escaped are restored: a doc_id and sentence
// written by sample (formula.Defuse) read back as they were, while a note
// or label a coder typed with a leading apostrophe is kept as typed.
func TestReadGoldRestoresOnlySampleColumns(t *testing.T) {
	docs := []string{"=d1", "-d2", "'=d3", "d4"}
	sents := []string{"'-ism' is overused.", "=SUM(1,2) grows.", "@all parties agree.", "''+x and y."}
	var b strings.Builder
	b.WriteString("doc_id,index,sentence,label,note\n")
	for i := range docs {
		fmt.Fprintf(&b, "%s,%d,\"%s\",neutral,\"'-ism' is overused.\"\n", formula.Defuse(docs[i]), i, formula.Defuse(sents[i]))
	}
	g, err := ReadGold(strings.NewReader(b.String()), "g.csv")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range g.Rows {
		if r.DocID != docs[i] || r.Sentence != sents[i] {
			t.Errorf("line %d: doc_id %q, sentence %q; want %q, %q", r.Line, r.DocID, r.Sentence, docs[i], sents[i])
		}
		if r.Note != "'-ism' is overused." {
			t.Errorf("line %d: note %q lost its apostrophe", r.Line, r.Note)
		}
	}
	_, err = ReadGold(strings.NewReader("doc_id,index,label\nd1,0,'-neutral\n"), "g.csv")
	if err == nil || !strings.Contains(err.Error(), `unknown label "'-neutral"`) {
		t.Errorf("label typed with an apostrophe: got %v, want it reported as typed", err)
	}
}

// writeWorkbook saves sheets (name, rows of cells; nil leaves a row empty)
// as an .xlsx file in a temporary folder and returns its path.
func writeWorkbook(t *testing.T, sheets []string, rows map[string][][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, cells := range rows[name] {
			if cells == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, cell, &cells); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "g.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReadGoldWorkbook: a coded .xlsx reads like the CSV: from the sheet
// named Coding (not the first here), numbers stored as numbers, blank rows
// skipped, lines are the spreadsheet's row numbers, trailing empty cells
// are a blank label (uncoded), and text is read as shown, but for the
// apostrophe that escapes a leading = + - @ in sample's CSV, which a
// workbook saved from that CSV keeps in the cell text: it is taken off as
// in a CSV file ("'=x" is "=x", "”=x" is "'=x"; see
// TestReadGoldWorkbookRestoresEscapedFormulas).
func TestReadGoldWorkbook(t *testing.T) {
	path := writeWorkbook(t, []string{"Codebook", "Coding"}, map[string][][]any{
		"Codebook": {{"label", "meaning"}, {"cooperation", "working together"}},
		"Coding": {
			{"doc_id", "index", "sentence", "label", "note"},
			{"d1", 0, "A b.", " Cooperation", "hedge"},
			nil,
			{"d1", 1, "''=x", "neutral"},
			{"d2", 2, "C."},
		},
	})
	g, err := ReadGoldFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !g.HasDoc || !g.HasIndex || len(g.Rows) != 2 {
		t.Fatalf("HasDoc %v HasIndex %v rows %+v", g.HasDoc, g.HasIndex, g.Rows)
	}
	want := []GoldRow{
		{Line: 2, DocID: "d1", Index: 0, Sentence: "A b.", Label: "cooperation", Note: "hedge"},
		{Line: 4, DocID: "d1", Index: 1, Sentence: "'=x", Label: "neutral"},
	}
	for i, w := range want {
		if g.Rows[i] != w {
			t.Errorf("row %d: %+v, want %+v", i, g.Rows[i], w)
		}
	}
	if fmt.Sprint(g.Uncoded) != "[5]" {
		t.Errorf("uncoded rows %v, want [5]", g.Uncoded)
	}
	data, _ := os.ReadFile(path)
	if g.Bytes != int64(len(data)) || len(g.SHA256) != 64 {
		t.Errorf("file identity %d bytes %q", g.Bytes, g.SHA256)
	}
}

// TestReadGoldWorkbookProblems: problems in a workbook name the file and
// the row a spreadsheet shows; the first sheet is read when none is named
// Coding; a zip that is no workbook says so.
func TestReadGoldWorkbookProblems(t *testing.T) {
	path := writeWorkbook(t, []string{"Sheet A", "Other"}, map[string][][]any{
		"Sheet A": {nil, nil, {"doc_id", "index", "label"}, {"d1", 0, "bogus"}, {"d1", -2, "both"}},
		"Other":   {{"nothing", "here"}},
	})
	_, err := ReadGoldFile(path)
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{path + ":4: unknown label \"bogus\"", path + ":5: index \"-2\" is not a sentence number"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	path = writeWorkbook(t, []string{"Coding"}, map[string][][]any{"Coding": {{"doc_id", "what"}, {"d1", "x"}}})
	_, err = ReadGoldFile(path)
	if err == nil || !strings.Contains(err.Error(), path+":1: no label column in the header of sheet \"Coding\"") {
		t.Errorf("error %v", err)
	}
	zipPath := filepath.Join(t.TempDir(), "notes.xlsx")
	if err := os.WriteFile(zipPath, []byte("PK\x03\x04 not really a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ReadGoldFile(zipPath)
	if err == nil || !strings.Contains(err.Error(), zipPath+":1: not a readable .xlsx workbook") || !errors.Is(err, pipeline.ErrUsage) {
		t.Errorf("error %v", err)
	}
}

// TestReadGoldWorkbookSheetsAndFormats: without a Coding sheet the first
// visible sheet with a label column is read (not a hidden lookup list or
// an instructions sheet before it); ids are read as displayed (a number
// formatted "000" is "007") and indexes as stored (3 formatted "0.00");
// .xls and .ods files are refused by name.
func TestReadGoldWorkbookSheetsAndFormats(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for _, name := range []string{"Lookup", "Read me", "Sheet 3"} {
		if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.DeleteSheet("Sheet1"); err != nil {
		t.Fatal(err)
	}
	set := func(sheet, cell string, v any) {
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("Lookup", "A1", "label")
	set("Lookup", "A2", "cooperation")
	idx, _ := f.GetSheetIndex("Sheet 3")
	f.SetActiveSheet(idx) // the active sheet cannot be hidden
	if err := f.SetSheetVisible("Lookup", false); err != nil {
		t.Fatal(err)
	}
	set("Read me", "A1", "Code each sentence.")
	for i, v := range []any{"doc_id", "index", "label"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		set("Sheet 3", cell, v)
	}
	set("Sheet 3", "A2", 7)
	set("Sheet 3", "B2", 3)
	set("Sheet 3", "C2", "both")
	fmt000, _ := f.NewStyle(&excelize.Style{CustomNumFmt: strptr("000")})
	fmt2, _ := f.NewStyle(&excelize.Style{CustomNumFmt: strptr("0.00")})
	if err := f.SetCellStyle("Sheet 3", "A2", "A2", fmt000); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStyle("Sheet 3", "B2", "B2", fmt2); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "w.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	g, err := ReadGoldFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Rows) != 1 || g.Rows[0].DocID != "007" || g.Rows[0].Index != 3 || g.Rows[0].Label != "both" || g.Rows[0].Line != 2 {
		t.Errorf("rows %+v", g.Rows)
	}
	for name, data := range map[string]string{
		"old.xls": "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 rest of an OLE2 file",
		"new.ods": "PK\x03\x04\x14\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x08\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
	} {
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadGoldFile(p)
		if err == nil || !strings.Contains(err.Error(), "save it as .xlsx or CSV") || strings.ContainsRune(err.Error(), 0xFFFD) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := ReadGoldFile(t.TempDir()); err == nil || !errors.Is(err, pipeline.ErrUsage) {
		t.Errorf("a folder as gold file: %v", err)
	}
}

func strptr(s string) *string { return &s }

// A coding sheet saved with CR alone at the end of each row (Excel for
// Mac's "CSV (Macintosh)") is read row by row, its problems at their lines.
func TestReadGoldBareCRRows(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mac.csv")
	data := "doc_id,index,sentence,label\rd1,0,China and the EU agreed.,cooperation\rd1,1,\"The US imposed\rsanctions.\",competition\rd1,2,Rain fell.,rivalry\r"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadGoldFile(path)
	var ge *GoldError
	if !errors.As(err, &ge) || len(ge.Problems) != 1 || !strings.Contains(err.Error(), path+":5: unknown label \"rivalry\"") {
		t.Fatalf("err = %v; want one problem, the unknown label at line 5", err)
	}
	os.WriteFile(path, []byte(strings.Replace(data, "rivalry", "neutral", 1)), 0o644)
	g, err := ReadGoldFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range g.Rows {
		got = append(got, fmt.Sprintf("%d|%s|%s", r.Line, r.Sentence, r.Label))
	}
	want := []string{"2|China and the EU agreed.|cooperation", "3|The US imposed\nsanctions.|competition", "5|Rain fell.|neutral"}
	if !slices.Equal(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
}

// A coding sheet sample wrote as CSV, saved as .xlsx by LibreOffice or
// Excel, keeps sample's escape in the cell text ("'=cmd"): the doc_id and
// sentence cells lose it as in the CSV; label and note keep what was typed.
func TestReadGoldWorkbookRestoresEscapedFormulas(t *testing.T) {
	path := writeWorkbook(t, []string{"Sheet1"}, map[string][][]any{
		"Sheet1": {
			{"doc_id", "index", "sentence", "label", "note"},
			{"'=cmd", 0, `'=HYPERLINK("http://evil","x") China and India compete.`, "competition", "'-hedge"},
			{"'+p", 1, "'+Tariffs hurt trade.", "competition", ""},
			{"d3", 2, "'Quoted' text.", "neutral", "it's"},
		},
	})
	g, err := ReadGoldFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []GoldRow{
		{Line: 2, DocID: "=cmd", Index: 0, Sentence: `=HYPERLINK("http://evil","x") China and India compete.`, Label: "competition", Note: "'-hedge"},
		{Line: 3, DocID: "+p", Index: 1, Sentence: "+Tariffs hurt trade.", Label: "competition"},
		{Line: 4, DocID: "d3", Index: 2, Sentence: "'Quoted' text.", Label: "neutral", Note: "it's"},
	}
	if fmt.Sprint(g.Rows) != fmt.Sprint(want) {
		t.Errorf("rows\n%+v\nwant\n%+v", g.Rows, want)
	}
}
