package reports

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/techframe/techframe/pipeline/formula"
	"github.com/xuri/excelize/v2"
)

// Excel's hard limits.
const (
	MaxCellChars = formula.MaxCellChars
	MaxSheetRows = 1048576
	// TruncationMarker ends a cell that was cut to fit MaxCellChars.
	TruncationMarker = formula.TruncationMarker
)

// Column describes one table column.
type Column struct {
	Name string
	// Width in Excel character units; 0 picks one from the name.
	Width float64
	// Kind: "text" (default), "wrap" (long text, wrapped), "int", "float"
	// (3 decimals), "pct" (share shown as a percentage).
	Kind string
	// Input marks a column named by the input (a metadata field): when its
	// name clashes with one of the tool's columns, it is the one renamed.
	Input bool
}

// Cell is a value with its own kind ("pct", "float", ...), for a column
// whose rows hold different measures: a Validation row holding a frame
// share shows it as a percentage, one holding kappa as a decimal. CSV and
// JSON tables write the bare value.
type Cell struct {
	Value any
	Kind  string
}

// Decimals is the cell kind of a number shown with n decimal places (0.00
// for 2), so that a value typed 12.50 or 2019.0 is a number that reads as
// typed; CSV tables write it with those places too.
func Decimals(n int) string { return decimalsKind + strconv.Itoa(n) }

const decimalsKind = "decimals:"

// decimalsOf returns the places of a Decimals kind.
func decimalsOf(kind string) (int, bool) {
	rest, ok := strings.CutPrefix(kind, decimalsKind)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil && n >= 0 && n <= 30
}

// bare returns v without its Cell wrapper.
func bare(v any) any {
	if c, ok := v.(Cell); ok {
		return c.Value
	}
	return v
}

// Workbook writes a workbook of tables with excelize. Large tables go
// through excelize's stream writer; every cell holding text is stored as a
// string, so input text starting with =, +, - or @ is never a formula.
type Workbook struct {
	f      *excelize.File
	styles map[string]int
	// RowLimit is the number of data rows per sheet before a table continues
	// on a numbered sheet ("Sentences (2)"); default MaxSheetRows-1.
	RowLimit int
	// Truncated counts cells cut to MaxCellChars, per sheet.
	Truncated map[string]int
	// Continued lists continuation sheets created for long tables.
	Continued []string
	first     bool
	tables    map[string]bool
}

// HasTable reports whether a table was written on the named sheet.
func (w *Workbook) HasTable(name string) bool { return w.tables[name] }

// NewWorkbook starts an empty workbook.
func NewWorkbook() (*Workbook, error) {
	f := excelize.NewFile()
	// Parts in name order (sortedZip), so that the same input gives the
	// same bytes; deflated at the fastest level: a large workbook's
	// compression is a serial step at the end of a run, and BestSpeed costs
	// a few percent in file size for several times the speed.
	f.SetZipWriter(func(out io.Writer) excelize.ZipWriter { return newSortedZip(out) })
	// The template's author ("xuri", excelize's) is not ours; no dates,
	// so that the same input gives the same bytes.
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "techframe", LastModifiedBy: "techframe"}); err != nil {
		return nil, err
	}
	w := &Workbook{f: f, styles: map[string]int{}, RowLimit: MaxSheetRows - 1, Truncated: map[string]int{}, first: true}
	specs := map[string]*excelize.Style{
		"header": {Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE6F0"}},
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		"text":  {Alignment: &excelize.Alignment{Vertical: "top"}},
		"wrap":  {Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		"int":   {NumFmt: 1, Alignment: &excelize.Alignment{Vertical: "top"}},
		"float": {CustomNumFmt: strptr("0.000"), Alignment: &excelize.Alignment{Vertical: "top"}},
		"pct":   {NumFmt: 10, Alignment: &excelize.Alignment{Vertical: "top"}},
		"title": {Font: &excelize.Font{Bold: true, Size: 14}},
		"bold":  {Font: &excelize.Font{Bold: true}},
		// a line about a block rather than a row of it
		"note": {Font: &excelize.Font{Italic: true}},
	}
	// Styles are registered in name order: map order would number them
	// differently from run to run, and the same input must give the same
	// workbook bytes.
	names := make([]string, 0, len(specs))
	for name := range specs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		st := specs[name]
		id, err := f.NewStyle(st)
		if err != nil {
			return nil, err
		}
		w.styles[name] = id
	}
	return w, nil
}

func strptr(s string) *string { return &s }

// File exposes the underlying excelize file for sheets written with the
// normal API (the Summary sheet with its charts).
func (w *Workbook) File() *excelize.File { return w.f }

// style returns the style of a cell kind, registering a Decimals kind the
// first time it is used.
func (w *Workbook) style(kind string) (int, error) {
	if id, ok := w.styles[kind]; ok {
		return id, nil
	}
	n, ok := decimalsOf(kind)
	if !ok {
		return 0, nil // the default style, as before
	}
	format := "0"
	if n > 0 {
		format += "." + strings.Repeat("0", n)
	}
	id, err := w.f.NewStyle(&excelize.Style{CustomNumFmt: &format, Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return 0, err
	}
	w.styles[kind] = id
	return id, nil
}

// Style returns a named style id ("header", "wrap", "pct", "title", ...).
func (w *Workbook) Style(name string) int { return w.styles[name] }

// NewSheet adds a sheet (the first call renames the default "Sheet1").
func (w *Workbook) NewSheet(name string) error {
	if w.first {
		w.first = false
		return w.f.SetSheetName("Sheet1", name)
	}
	_, err := w.f.NewSheet(name)
	return err
}

// SafeText prepares text for a cell (formula.CellText): invalid UTF-8 and
// control characters that XML cannot hold are replaced, and text longer
// than Excel's limit is cut with a visible marker. The second result
// reports truncation.
func SafeText(s string) (string, bool) { return formula.CellText(s) }

func utf16Len(s string) int { return formula.UTF16Len(s) }

// TableWriter streams rows into a sheet with a frozen, filtered header row.
type TableWriter struct {
	w       *Workbook
	base    string
	cols    []Column
	sheet   string
	part    int
	sw      *excelize.StreamWriter
	row     int // rows written on the current sheet, header included
	buf     []any
	rows    int
	closed  bool
	headers []any
}

// Table starts a table on a new sheet.
func (w *Workbook) Table(name string, cols []Column) (*TableWriter, error) {
	cols = UniqueColumns(cols)
	if w.tables == nil {
		w.tables = map[string]bool{}
	}
	w.tables[name] = true
	t := &TableWriter{w: w, base: name, cols: cols, part: 1}
	for _, c := range cols {
		t.headers = append(t.headers, excelize.Cell{StyleID: w.styles["header"], Value: c.Name})
	}
	if err := t.startSheet(name); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *TableWriter) startSheet(name string) error {
	if err := t.w.NewSheet(name); err != nil {
		return err
	}
	sw, err := t.w.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, c := range t.cols {
		width := c.Width
		if width == 0 {
			width = float64(utf8.RuneCountInString(c.Name)) + 4
			switch c.Kind {
			case "wrap":
				width = 80
			case "int", "float", "pct":
				if width < 10 {
					width = 10
				}
			}
		}
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", t.headers, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	t.sheet, t.sw, t.row = name, sw, 1
	return nil
}

// placeAfter moves sheet name to sit right after sheet prev in the tab
// order: a table's continuation sheets follow it ("Evidence",
// "Evidence (2)", "Evidence (3)", then the next table), not the sheets the
// workbook created in advance for its tab order.
func (w *Workbook) placeAfter(name, prev string) error {
	list := w.f.GetSheetList()
	for i, s := range list {
		if s != prev {
			continue
		}
		if i+1 < len(list) && list[i+1] != name {
			return w.f.MoveSheet(name, list[i+1])
		}
		return nil
	}
	return nil
}

// UniqueColumns makes column names fit for a table header, as Excel
// requires: line breaks, tabs and other control characters become spaces,
// a blank name becomes "column N" (its position), and names are unique
// ignoring case ("tokens", "tokens (2)"). A metadata field (Input) may
// share its name with one of the tool's columns: the tool's column keeps
// its documented name and the field is renamed.
func UniqueColumns(cols []Column) []Column {
	out := make([]Column, len(cols))
	seen := map[string]bool{}
	place := func(i int, c Column) {
		base := cleanColumnName(c.Name)
		if base == "" {
			base = fmt.Sprintf("column %d", i+1)
		}
		name := base
		for n := 2; seen[strings.ToLower(name)]; n++ {
			name = fmt.Sprintf("%s (%d)", base, n)
		}
		seen[strings.ToLower(name)] = true
		c.Name = name
		out[i] = c
	}
	for i, c := range cols {
		if !c.Input {
			place(i, c)
		}
	}
	for i, c := range cols {
		if c.Input {
			place(i, c)
		}
	}
	return out
}

// cleanColumnName turns control characters (line breaks, tabs) into
// spaces, runs of spaces into one, and trims the name.
func cleanColumnName(name string) string {
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, name)
	return strings.Join(strings.Fields(name), " ")
}

// Row appends one row; values are matched to the columns in order. Strings
// are always stored as text (never formulas) and cut at Excel's cell limit.
func (t *TableWriter) Row(vals ...any) error {
	if t.row-1 >= t.w.RowLimit {
		if err := t.finishSheet(); err != nil {
			return err
		}
		t.part++
		name := fmt.Sprintf("%s (%d)", t.base, t.part)
		t.w.Continued = append(t.w.Continued, name)
		prev := t.sheet
		if err := t.startSheet(name); err != nil {
			return err
		}
		if err := t.w.placeAfter(name, prev); err != nil {
			return err
		}
	}
	t.buf = t.buf[:0]
	for i, v := range vals {
		kind := "text"
		if i < len(t.cols) && t.cols[i].Kind != "" {
			kind = t.cols[i].Kind
		}
		if c, ok := v.(Cell); ok {
			v = c.Value
			if c.Kind != "" {
				kind = c.Kind
			}
		}
		if s, ok := v.(string); ok {
			safe, cut := SafeText(s)
			if cut {
				t.w.Truncated[t.base]++
			}
			v = safe
		}
		style, err := t.w.style(kind)
		if err != nil {
			return err
		}
		t.buf = append(t.buf, excelize.Cell{StyleID: style, Value: v})
	}
	t.row++
	t.rows++
	cell, _ := excelize.CoordinatesToCellName(1, t.row)
	return t.sw.SetRow(cell, t.buf)
}

// Rows returns the number of data rows written.
func (t *TableWriter) Rows() int { return t.rows }

func (t *TableWriter) finishSheet() error {
	if t.row > 1 {
		first, _ := excelize.CoordinatesToCellName(1, 1)
		last, _ := excelize.CoordinatesToCellName(len(t.cols), t.row)
		name := strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
				return r
			}
			return '_'
		}, t.sheet)
		if err := t.sw.AddTable(&excelize.Table{Range: first + ":" + last, Name: "T_" + name, StyleName: "TableStyleLight1", ShowRowStripes: boolptr(true)}); err != nil {
			return err
		}
	}
	return t.sw.Flush()
}

func boolptr(b bool) *bool { return &b }

// Close finishes the table.
func (t *TableWriter) Close() error {
	if t.closed {
		return nil
	}
	t.closed = true
	return t.finishSheet()
}

// WriteTo writes the workbook.
func (w *Workbook) WriteTo(out io.Writer) (int64, error) {
	return w.f.WriteTo(out)
}

// SaveAtomic writes the workbook to path through a temporary file.
func (w *Workbook) SaveAtomic(path string) error {
	f, err := CreateAtomic(path)
	if err != nil {
		return err
	}
	if _, err := w.f.WriteTo(f); err != nil {
		f.Abort()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Commit()
}

// Close releases the workbook's temporary files.
func (w *Workbook) Close() error { return w.f.Close() }
