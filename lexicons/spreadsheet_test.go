package lexicons

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

// Scholars edit exported lexicons in Excel or LibreOffice and save them as
// tab-delimited text. These tests feed the parsers files written the way
// those programs write them.

// spreadsheetSave rewrites a TSV file the way a spreadsheet saves it as
// tab-delimited text: a cell holding a double quote or a comma is wrapped
// in double quotes with its quotes doubled; with extraCol, every row is
// padded to the widest row plus one empty column (a sheet that once had
// something in a further column); with crlf, lines end in CRLF.
func spreadsheetSave(data string, extraCol, crlf bool) string {
	lines := strings.Split(strings.TrimSuffix(data, "\n"), "\n")
	rows := make([][]string, len(lines))
	width := 0
	for i, l := range lines {
		rows[i] = strings.Split(l, "\t")
		width = max(width, len(rows[i]))
	}
	if extraCol {
		width++
	}
	var b strings.Builder
	for _, r := range rows {
		for len(r) < width && extraCol {
			r = append(r, "")
		}
		for k, c := range r {
			if strings.ContainsAny(c, "\",") {
				r[k] = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
		}
		b.WriteString(strings.Join(r, "\t"))
		if crlf {
			b.WriteString("\r")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// sameFraming and sameEntities compare the entries of two parses of one
// lexicon (their File is the same name). Notes are compared without one
// pair of surrounding quotes: the built-in framing.tsv writes some notes
// as quotations ("after years of hostility, exchanges resumed"), which
// read as a quoted cell, as a spreadsheet opening the file reads them,
// while the same text saved by a spreadsheet reads back with its quotes.
// Notes are codebook text and reach no output.
func sameFraming(t *testing.T, label string, got, want []FrameEntry) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d entries, want %d", label, len(got), len(want))
	}
	unquote := func(s string) string {
		if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
			return s[1 : len(s)-1]
		}
		return s
	}
	for i := range want {
		g, w := got[i], want[i]
		g.Note, w.Note = unquote(g.Note), unquote(w.Note)
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("%s: entry %d = %+v, want %+v", label, i, got[i], want[i])
		}
	}
}

func sameEntities(t *testing.T, label string, got, want []EntityEntry) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d entries, want %d", label, len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("%s: entry %d = %+v, want %+v", label, i, got[i], want[i])
		}
	}
}

func defaultData(t *testing.T, kind Kind) string {
	t.Helper()
	for _, f := range DefaultFiles() {
		if f.Kind == kind {
			return string(f.Data)
		}
	}
	t.Fatalf("no default %s lexicon", kind)
	return ""
}

// TestSpreadsheetQuoting: Excel wraps a cell holding a quote or a comma in
// double quotes. The term, the canonical name and the comment lines read
// back as they were written.
func TestSpreadsheetQuoting(t *testing.T) {
	fr, probs := ParseFraming("f.tsv", []byte("# kind: framing\n\"# a comment, with a comma\"\n\"zorblax\"\tcooperation\t1\t\"a note, quoted \"\"here\"\"\"\nsay \"hi\"\tcooperation\t1\n"))
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	if len(fr) != 2 || fr[0].Term != "zorblax" || fr[0].Note != `a note, quoted "here"` || fr[0].Line != 3 {
		t.Errorf("quoted framing line = %+v, want term zorblax, note unquoted, line 3", fr)
	}
	if len(fr) == 2 && fr[1].Term != `say "hi"` {
		t.Errorf("quotes inside an unquoted field: term %q, want them kept", fr[1].Term)
	}
	fr, _ = ParseFraming("f.tsv", []byte("erroneous\tcompetition\t0.8\t\"erroneous practices\", \"erroneous moves\"\n"))
	if len(fr) != 1 || fr[0].Note != `"erroneous practices", "erroneous moves"` {
		t.Errorf("a field with undoubled inner quotes is not a quoted cell: got %+v", fr)
	}
	for _, data := range []string{"\"# kind: entities\"\t\t\n", "\uFEFF# kind: entities\r\n"} {
		if k, err := KindOf("x.tsv", []byte(data)); k != KindEntities {
			t.Errorf("KindOf(%q) = %q, %v; want entities", data, k, err)
		}
	}
	en, probs := ParseEntities("e.tsv", []byte("\"# kind: entities, edited\"\n\"Ministry of Economy, Trade and Industry\"\tSTATE_ACTOR\tMETI\n"))
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	if len(en) != 1 || en[0].Canonical != "Ministry of Economy, Trade and Industry" || en[0].Aliases[0].Text != "Ministry of Economy, Trade and Industry" {
		t.Errorf("quoted canonical = %+v", en)
	}
	// A bad line after quoted comment lines keeps its line number.
	_, probs = ParseFraming("f.tsv", []byte("\"# one, two\"\n\"# three, four\"\n\"x\"\tfriendship\t1\n"))
	if len(probs) != 1 || probs[0].Line != 3 {
		t.Errorf("problems = %v, want one at line 3", probs)
	}
}

// TestSpreadsheetRoundTrip: the built-in lexicons saved the way Excel saves
// them parse to the same entries as the files themselves.
func TestSpreadsheetRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name           string
		extraCol, crlf bool
	}{
		{"quoted", false, false},
		{"quoted, extra empty column, CRLF", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fw, fp := ParseFraming("framing.tsv", []byte(defaultData(t, KindFraming)))
			fg, gp := ParseFraming("framing.tsv", []byte(spreadsheetSave(defaultData(t, KindFraming), tc.extraCol, tc.crlf)))
			if len(fp) > 0 || len(gp) > 0 {
				t.Fatalf("problems: %d in the file, %d saved (first %v)", len(fp), len(gp), append(fp, gp...)[0])
			}
			sameFraming(t, "framing", fg, fw)
			ew, ep := ParseEntities("entities.tsv", []byte(defaultData(t, KindEntities)))
			eg, gp := ParseEntities("entities.tsv", []byte(spreadsheetSave(defaultData(t, KindEntities), tc.extraCol, tc.crlf)))
			if len(ep) > 0 || len(gp) > 0 {
				t.Fatalf("problems: %d in the file, %d saved (first %v)", len(ep), len(gp), append(ep, gp...)[0])
			}
			sameEntities(t, "entities", eg, ew)
		})
	}
}

// TestTrailingEmptyColumns: a sheet that once had something in a further
// column saves every row with empty fields after the last: they are
// dropped; a non-empty extra column is still an error.
func TestTrailingEmptyColumns(t *testing.T) {
	fr, probs := ParseFraming("f.tsv", []byte("# kind: framing\t\t\t\t\nrival*\tcompetition\t1\t\t\t\nbut\tcontrast\t\t\t\nx\tcompetition\t1\tnote\textra\t\n"))
	if len(fr) != 2 || fr[0].Term != "rival*" || fr[1].Term != "but" {
		t.Errorf("entries = %+v, want rival* and but", fr)
	}
	if len(probs) != 1 || probs[0].Line != 4 || probs[0].Msg != "want 3 or 4 TAB-separated columns (term, frame, weight, note), got 5 (empty columns after the last are ignored)" {
		t.Errorf("problems = %v, want one at line 4 for the non-empty fifth column", probs)
	}
	en, probs := ParseEntities("e.tsv", []byte("China\tSTATE_ACTOR\t\t\t\t\nUS\tSTATE_ACTOR\tUSA\tauto\t\"x\"\n"))
	if len(en) != 1 || en[0].Canonical != "China" || en[0].Case != "auto" {
		t.Errorf("entries = %+v, want China", en)
	}
	if len(probs) != 1 || probs[0].Line != 2 || !strings.Contains(probs[0].Msg, "got 5") {
		t.Errorf("problems = %v, want one at line 2", probs)
	}
}

func utf16Bytes(t *testing.T, s string, order unicode.Endianness) []byte {
	t.Helper()
	b, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestUTF16: Excel's "Unicode Text" is UTF-16LE with a byte-order mark;
// UTF-16 files (either byte order, with a BOM) parse to the same entries
// as UTF-8, and their kind comment is read.
func TestUTF16(t *testing.T) {
	framing, ents := defaultData(t, KindFraming), defaultData(t, KindEntities)
	fw, _ := ParseFraming("framing.tsv", []byte(framing))
	ew, _ := ParseEntities("entities.tsv", []byte(ents))
	for _, order := range []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian} {
		for _, saved := range []bool{false, true} {
			label := fmt.Sprintf("UTF-16 big-endian %v, spreadsheet-saved %v", order == unicode.BigEndian, saved)
			f, e := framing, ents
			if saved {
				f, e = spreadsheetSave(f, true, true), spreadsheetSave(e, true, true)
			}
			fg, probs := ParseFraming("framing.tsv", utf16Bytes(t, f, order))
			if len(probs) > 0 {
				t.Fatalf("%s: %d problems, first %v", label, len(probs), probs[0])
			}
			sameFraming(t, label, fg, fw)
			eg, probs := ParseEntities("entities.tsv", utf16Bytes(t, e, order))
			if len(probs) > 0 {
				t.Fatalf("%s: %d problems, first %v", label, len(probs), probs[0])
			}
			sameEntities(t, label, eg, ew)
			if k, err := KindOf("x.tsv", utf16Bytes(t, e, order)); k != KindEntities {
				t.Errorf("%s: KindOf = %q, %v; want entities", label, k, err)
			}
		}
	}
	// A bad line keeps its line number.
	_, probs := ParseFraming("f.tsv", utf16Bytes(t, "# kind: framing\r\n\r\nx\tfriendship\t1\r\n", unicode.LittleEndian))
	if len(probs) != 1 || probs[0].Line != 3 {
		t.Errorf("problems = %v, want one at line 3", probs)
	}
	// Without its byte-order mark UTF-16 is one problem, not one a line.
	_, probs = ParseFraming("f.tsv", utf16Bytes(t, framing, unicode.LittleEndian)[2:])
	if len(probs) != 1 || probs[0].Line != 1 || !strings.Contains(probs[0].Msg, "NUL bytes") {
		t.Errorf("UTF-16 without a BOM: problems = %d, first %v; want one about NUL bytes at line 1", len(probs), probs[0])
	}
}

// TestNotUTF8Hint: a file saved as Windows-1252 is refused at each bad
// line, with a hint on how to save it once per file, and a file's problems
// are capped so that check never prints thousands of lines for one file.
func TestNotUTF8Hint(t *testing.T) {
	var b strings.Builder
	b.WriteString("# kind: entities\n")
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, "Caf\xe9 %d\tORGANIZATION\n", i) // é in Windows-1252
	}
	_, probs := ParseEntities("e.tsv", []byte(b.String()))
	if len(probs) != 200 {
		t.Fatalf("problems = %d, want 200", len(probs))
	}
	hints := 0
	for i, p := range probs {
		if p.Line != i+2 || !strings.HasPrefix(p.Msg, "line is not valid UTF-8") {
			t.Fatalf("problem %d = %v, want line %d not valid UTF-8", i, p, i+2)
		}
		if strings.Contains(p.Msg, "Unicode (UTF-8)") {
			hints++
		}
	}
	if hints != 1 || !strings.Contains(probs[0].Msg, "Unicode (UTF-8)") {
		t.Errorf("the hint is in %d messages, want once, in the first: %q", hints, probs[0].Msg)
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "entities.tsv")
	os.WriteFile(path, []byte(b.String()), 0o644)
	other := filepath.Join(dir, "other-framing.tsv")
	os.WriteFile(other, []byte("x\tfriendship\t1\n"), 0o644)
	_, err := Load([]string{path, other}, true)
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want a *ValidationError", err)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxFileProblems+2 {
		t.Fatalf("error has %d lines, want %d (capped, a summary, the other file):\n%s", len(lines), maxFileProblems+2, err)
	}
	if want := fmt.Sprintf("techframe: lexicon: ... and %d more problems in %s", 200-maxFileProblems, path); lines[maxFileProblems] != want {
		t.Errorf("summary line %q, want %q", lines[maxFileProblems], want)
	}
	if !strings.Contains(lines[maxFileProblems+1], "other-framing.tsv:1: unknown frame") {
		t.Errorf("last line %q, want the other file's problem", lines[maxFileProblems+1])
	}
}

// TestFolderSkippedFiles: Excel saves tab-delimited text as .txt; a folder's
// files that are not read are reported, except hidden ones and folders.
func TestFolderSkippedFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "entities.tsv"), []byte("China\tSTATE_ACTOR\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "framing.txt"), []byte("rival*\tcompetition\t1\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "framing.xlsx"), []byte("PK"), 0o644)
	os.WriteFile(filepath.Join(dir, ".~lock.framing.tsv#"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "~$framing.xlsx"), []byte("x"), 0o644)
	os.Mkdir(filepath.Join(dir, "old"), 0o755)
	var got []string
	set, err := LoadWarn([]string{dir}, true, func(p Problem) { got = append(got, p.String()) })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		filepath.Join(dir, "framing.txt") + ": not a .tsv file: skipped (lexicon files end in .tsv)",
		filepath.Join(dir, "framing.xlsx") + ": not a .tsv file: skipped (lexicon files end in .tsv)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings = %q, want %q", got, want)
	}
	if len(set.Files) != 1 {
		t.Errorf("files = %d, want 1", len(set.Files))
	}
	// The warning comes with the error when nothing else is there.
	os.Remove(filepath.Join(dir, "entities.tsv"))
	got = nil
	if _, err := LoadWarn([]string{dir}, true, func(p Problem) { got = append(got, p.String()) }); err == nil || len(got) != 2 {
		t.Errorf("err = %v, warnings %q: want an error and 2 warnings", err, got)
	}
}

// TestOldMacLineEnds: a lexicon saved with CR alone between lines (old
// Mac spreadsheets) is read line by line, its problems at their lines, and
// its checksum is the file's own.
func TestOldMacLineEnds(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "cr_framing.tsv")
	data := "# kind: framing\rfoo\tcooperation\t1\rbar\tcompetition\t1\r"
	os.WriteFile(good, []byte(data), 0o644)
	set, err := Load([]string{good}, true)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(set.Framing); n != 2 {
		t.Errorf("%d entries, want 2", n)
	}
	if got, want := set.Files[len(set.Files)-1].SHA256, sum([]byte(data)); got != want {
		t.Errorf("sha256 %s, want the file's %s", got, want)
	}
	bad := filepath.Join(dir, "cr2_framing.tsv")
	os.WriteFile(bad, []byte("# kind: framing\rfoo\tcooperation\t1\rbar\tcooperat\t1\r"), 0o644)
	_, err = Load([]string{bad}, true)
	if err == nil || !strings.Contains(err.Error(), bad+":3: unknown frame \"cooperat\"") {
		t.Errorf("err = %v, want the problem at line 3", err)
	}
}

// TestMultiLineCell: a spreadsheet saves a cell holding a line break as a
// quoted cell whose closing quote is on a later line. One problem at the
// line where the cell opens says so and names the line where it closes;
// the rest of that entry is still checked, the lines after it are read as
// they are, and no part of the cell is read as an entry of its own. A
// quote that no later line closes the way a spreadsheet does is kept, as
// before.
func TestMultiLineCell(t *testing.T) {
	brk := func(line int, cell string, closes int) string {
		return fmt.Sprintf("f.tsv:%d: line break inside %s: a quoted cell opens here and closes on line %d, but a lexicon cell cannot hold a line break; remove it (in a spreadsheet, edit the cell; in a text editor, join the lines)", line, cell, closes)
	}
	cases := []struct {
		name, data string
		parse      func(string, []byte) []Problem
		want       []string
	}{
		{"framing", "# kind: framing\nterm\tframe\tweight\tnote\njoint venture*\tcooperation\t1\tfine\n" +
			"\"trade\nwar\"\tcompetition\t1\tfrom a sheet\n" + // lines 4-5
			"rival*\tcompetition\t1\t\"a note\r\nover\r\nthree lines\"\r\n" + // lines 6-8, CRLF
			"badweight\tcooperation\tx\n" + // line 9
			"\"tech\nrace\"\tfriendship\t1\t\"and\nnote\"\n" + // lines 10-12
			"\"# a comment\nover two lines\"\n" + // lines 13-14
			"ally\tcooperation\t0.3\textra\t\"x\ny\"\n", // lines 15-16
			framingProblems, []string{
				brk(4, "the term (column 1)", 5),
				brk(6, "the note (column 4)", 8),
				`f.tsv:9: bad weight "x" for a cooperation cue: want a number in (0, 10]`,
				brk(10, "the term (column 1)", 11),
				`f.tsv:10: unknown frame "friendship" (want cooperation, competition, threat, disrupt, benchmark, negator, hedge, concession, contrast, domestic, international or ignore)`,
				brk(11, "the note (column 4)", 12),
				brk(13, "a comment", 14),
				brk(15, "column 5", 16),
				"f.tsv:15: want 3 or 4 TAB-separated columns (term, frame, weight, note), got 5 (empty columns after the last are ignored)",
			}},
		{"entities", "\uFEFF\"European\nUnion\"\tSTATE_ACTOR\tEU\nChina\tSTATE_ACTOR\t\"PRC|Middle\nKingdom\"\nJapan\tPLACE\n",
			entityProblems, []string{
				brk(1, "the canonical name (column 1)", 2),
				brk(3, "the aliases (column 3)", 4),
				`f.tsv:5: unknown entity type "PLACE" (want STATE_ACTOR, ORGANIZATION, POLICY, TECHNOLOGY, PERSON, EVENT, CONCEPT)`,
			}},
		// Not closed the way a spreadsheet closes a cell: read line by
		// line, the quotes kept.
		{"unclosed quote", "rival*\tcompetition\t1\t\"a note\nally\tcooperation\t0.3\t\"a quoted\" note\n\"say\tcompetition\t1\n",
			framingProblems, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range tc.parse("f.tsv", []byte(tc.data)) {
				got = append(got, p.String())
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func framingProblems(name string, data []byte) []Problem { _, p := ParseFraming(name, data); return p }
func entityProblems(name string, data []byte) []Problem  { _, p := ParseEntities(name, data); return p }
