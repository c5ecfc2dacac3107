package evaluate

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/techframe/techframe/pipeline"
	"github.com/xuri/excelize/v2"
)

// CodingSheetName is the sheet of a workbook that holds the coding table
// (techframe sample -o FILE.xlsx writes it). A workbook without one is
// read from its first visible sheet with a label column (see ReadTable).
const CodingSheetName = "Coding"

// Table is a coding sheet as read: a CSV file, or one sheet of an .xlsx
// workbook. Every row keeps the line it came from, which for a workbook
// is the row number a spreadsheet shows.
type Table struct {
	Path string
	// Sheet names the workbook sheet read; empty for CSV.
	Sheet  string
	Header []string
	// HeaderLine is the header's line: 1, or in a workbook whose first
	// rows are empty, the row it stands in.
	HeaderLine int
	Rows       []TableRow
	// SHA256 (hex) and Bytes identify the file as read, for run manifests.
	SHA256 string
	Bytes  int64
}

// TableRow is one row below the header.
type TableRow struct {
	Line int
	// Cells are the texts as a spreadsheet shows them (for a workbook,
	// formatted: an id formatted "000" reads "001").
	Cells []string
	// Raw holds a workbook's stored values (a number without its format:
	// an index formatted "0.00" reads "3"); nil for CSV.
	Raw []string
}

// RawCell returns the stored value of cell i (Cell for CSV).
func (r TableRow) RawCell(i int) string {
	if r.Raw == nil {
		return r.Cell(i)
	}
	if i < 0 || i >= len(r.Raw) {
		return ""
	}
	return r.Raw[i]
}

// Cell returns cell i of the row, or "" past its end (or for i < 0).
func (r TableRow) Cell(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return r.Cells[i]
}

// Blank reports whether every cell of the row is empty or white space.
func (r TableRow) Blank() bool {
	for _, c := range r.Cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Column returns the index of the first header cell equal to one of
// names (case and surrounding white space ignored), or -1.
func (t *Table) Column(names ...string) int {
	for i, h := range t.Header {
		h = strings.ToLower(strings.TrimSpace(h))
		for _, n := range names {
			if h == n {
				return i
			}
		}
	}
	return -1
}

// isWorkbook reports whether data is a zip archive, as an .xlsx workbook
// is; a coding sheet is read as CSV otherwise, whatever its name.
func isWorkbook(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// ReadTableFile reads a coding sheet from path (see ReadTable).
func ReadTableFile(path string) (*Table, []*PosProblem, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, unwrapPath(err)
	}
	return ReadTable(data, path)
}

// checkEncoding refuses a CSV coding sheet that is not UTF-8 text: rows
// with mis-decoded curly quotes or accents would match no sentence, and the
// run would report them as unmatched without saying why.
func checkEncoding(data []byte) error {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) ||
		bytes.IndexByte(data[:min(len(data), 4096)], 0) >= 0 {
		return &PosProblem{Line: 1, Msg: `the file is UTF-16 text (Excel's "Unicode Text") or not text at all: save the sheet as "CSV UTF-8 (comma delimited)" or as .xlsx`}
	}
	if utf8.Valid(data) {
		return nil
	}
	line, bad, first := 1, 0, 0
	for _, l := range bytes.SplitAfter(data, []byte("\n")) {
		if !utf8.Valid(l) {
			bad++
			if first == 0 {
				first = line
			}
		}
		line++
	}
	return &PosProblem{Line: first, Msg: fmt.Sprintf(`not valid UTF-8 (%d line(s), the first here): the file was perhaps saved as Windows-1252, Excel's plain "CSV"; save it as "CSV UTF-8 (comma delimited)" or as .xlsx`, bad)}
}

// PosProblem is a problem with one line of a coding sheet.
type PosProblem struct {
	Line int
	Msg  string
}

func (p *PosProblem) Error() string { return fmt.Sprintf("line %d: %s", p.Line, p.Msg) }

// ReadTable parses a coding sheet: CSV (a UTF-8 byte order mark is
// dropped; rows may have different lengths; fields separated by ',', or
// by ';' or tabs as the header shows, see Delimiter) or an .xlsx workbook (the
// sheet named CodingSheetName, else the first visible sheet with a label
// column, else the first visible sheet; cells as displayed, with the
// stored values beside them in Raw). The first non-blank row is the
// header; rows after it come with their line, blank ones left out.
// Malformed CSV rows are returned as problems and skipped, unless a broken
// quote leaves the rest of the file unreadable; a file that cannot be read
// as a table at all (also a legacy .xls or an .ods file) is an error.
func ReadTable(data []byte, path string) (*Table, []*PosProblem, error) {
	sum := sha256.Sum256(data)
	t := &Table{Path: path, HeaderLine: 1, SHA256: hex.EncodeToString(sum[:]), Bytes: int64(len(data))}
	switch {
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return nil, nil, errors.New("an Excel 97-2003 workbook (.xls), which techframe cannot read: save it as .xlsx or CSV")
	case isWorkbook(data) && bytes.Contains(data[:min(len(data), 100)], []byte("application/vnd.oasis.opendocument")):
		return nil, nil, errors.New("an OpenDocument file (.ods), which techframe cannot read: save it as .xlsx or CSV")
	case isWorkbook(data):
		return t, nil, t.readWorkbook(data)
	}
	if err := checkEncoding(data); err != nil {
		return nil, nil, err
	}
	if pipeline.BareCRLines(data) {
		// Excel for Mac's "CSV (Macintosh)": rows end in CR alone, which
		// encoding/csv keeps inside one long first row.
		data = pipeline.CRToLF(data)
	}
	var probs []*PosProblem
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = Delimiter(data)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return t, nil, nil
	}
	if err != nil {
		return nil, nil, &PosProblem{Line: csvLine(err, 1), Msg: csvCause(err).Error()}
	}
	t.Header = header
	t.HeaderLine, _ = cr.FieldPos(0) // after any blank lines
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			probs = append(probs, &PosProblem{Line: csvLine(err, 0), Msg: csvCause(err).Error()})
			var pe *csv.ParseError
			if errors.As(err, &pe) && (pe.Err == csv.ErrQuote || pe.Err == csv.ErrBareQuote) {
				// A broken quote swallows the rest of the file: stop here.
				break
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		row := TableRow{Line: line, Cells: rec}
		if !row.Blank() {
			t.Rows = append(t.Rows, row)
		}
	}
	return t, probs, nil
}

// Delimiter returns the field separator of a CSV coding sheet, read off its
// header (the first line with anything but white space on it): ';' or a
// tab when the header has no comma outside quotes but has that character
// (Excel saves "CSV" with ';' where the decimal separator is a comma, as
// in much of Europe; "Text (Tab delimited)" with tabs), else ','.
func Delimiter(data []byte) rune {
	var counts [256]int
	quoted, blank := false, true
	for _, c := range data {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n' || c == '\r':
			if !blank {
				return pickDelimiter(counts)
			}
			counts = [256]int{} // a blank line before the header
		default:
			counts[c]++
			if c != ' ' && c != '\t' {
				blank = false
			}
		}
	}
	return pickDelimiter(counts)
}

func pickDelimiter(counts [256]int) rune {
	switch {
	case counts[','] > 0:
		return ','
	case counts[';'] > 0:
		return ';'
	case counts['\t'] > 0:
		return '\t'
	}
	return ','
}

func (t *Table) readWorkbook(data []byte) error {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not a readable .xlsx workbook (%v); save the sheet as .xlsx or CSV", err)
	}
	defer f.Close()
	var visible []string
	for _, s := range f.GetSheetList() {
		if v, err := f.GetSheetVisible(s); err == nil && v {
			visible = append(visible, s)
		}
	}
	if len(visible) == 0 {
		return errors.New("the workbook has no visible sheet")
	}
	// The Coding sheet, else the first sheet whose header has a label
	// column (a workbook may open on instructions or a lookup list).
	rows, err := t.pickSheet(f, visible)
	if err != nil {
		return err
	}
	raw, err := f.GetRows(t.Sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return fmt.Errorf("sheet %q: %v", t.Sheet, err)
	}
	// GetRows lists every row from the first, empty ones as empty slices,
	// so row i is spreadsheet row i+1. Leading empty rows are skipped to
	// the header.
	first := 0
	for first < len(rows) && (TableRow{Cells: rows[first]}).Blank() {
		first++
	}
	if first == len(rows) {
		return nil
	}
	t.Header, t.HeaderLine = rows[first], first+1
	for i := first + 1; i < len(rows); i++ {
		row := TableRow{Line: i + 1, Cells: rows[i], Raw: []string{}}
		if i < len(raw) {
			row.Raw = raw[i]
		}
		if !row.Blank() {
			t.Rows = append(t.Rows, row)
		}
	}
	return nil
}

// pickSheet chooses the sheet to read among the visible ones and returns
// its rows as displayed.
func (t *Table) pickSheet(f *excelize.File, visible []string) ([][]string, error) {
	for _, s := range visible {
		if strings.EqualFold(s, CodingSheetName) {
			t.Sheet = s
			rows, err := f.GetRows(s)
			if err != nil {
				return nil, fmt.Errorf("sheet %q: %v", s, err)
			}
			return rows, nil
		}
	}
	var firstRows [][]string
	for i, s := range visible {
		rows, err := f.GetRows(s)
		if err != nil {
			return nil, fmt.Errorf("sheet %q: %v", s, err)
		}
		if i == 0 {
			firstRows = rows
		}
		for _, r := range rows {
			if (TableRow{Cells: r}).Blank() {
				continue
			}
			if (&Table{Header: r}).Column(colLabel...) >= 0 {
				t.Sheet = s
				return rows, nil
			}
			break // the header row has no label column
		}
	}
	t.Sheet = visible[0]
	return firstRows, nil
}

func csvLine(err error, fallback int) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if pe.StartLine > 0 {
			return pe.StartLine
		}
		return pe.Line
	}
	return fallback
}

func csvCause(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("malformed CSV: %w", pe.Err)
	}
	return err
}
