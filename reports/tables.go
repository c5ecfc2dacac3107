package reports

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/techframe/techframe/pipeline/formula"
)

// RowWriter receives the rows of one table in order.
type RowWriter interface {
	Row(vals ...any) error
	Close() error
}

// TableSet is a destination for a report's tables: an xlsx workbook, a folder
// of CSV files or one JSON document. Tables may be written interleaved.
type TableSet interface {
	Table(name string, cols []Column) (RowWriter, error)
	// Commit puts the report in place; Abort discards it, leaving any
	// earlier report untouched.
	Commit() error
	Abort()
}

// ---- xlsx -------------------------------------------------------------

// XLSXSet writes tables as sheets of a workbook saved atomically to Path.
type XLSXSet struct {
	*Workbook
	Path string
	// Out, when set, receives the workbook instead of Path.
	Out io.Writer
}

// NewXLSXSet starts a workbook. Sheets named in order are created first so
// that the workbook's tab order is fixed whatever order tables are written.
func NewXLSXSet(path string, order ...string) (*XLSXSet, error) {
	w, err := NewWorkbook()
	if err != nil {
		return nil, err
	}
	for _, name := range order {
		if err := w.NewSheet(name); err != nil {
			return nil, err
		}
	}
	return &XLSXSet{Workbook: w, Path: path}, nil
}

// Table implements TableSet.
func (x *XLSXSet) Table(name string, cols []Column) (RowWriter, error) {
	return x.Workbook.Table(name, cols)
}

// Commit implements TableSet.
func (x *XLSXSet) Commit() error {
	defer x.Workbook.Close()
	if x.Out != nil {
		_, err := x.Workbook.WriteTo(x.Out)
		return err
	}
	return x.Workbook.SaveAtomic(x.Path)
}

// Abort implements TableSet.
func (x *XLSXSet) Abort() { x.Workbook.Close() }

// ---- CSV folder ---------------------------------------------------------

// CSVDirSet writes one CSV file per table into a folder. Files are written
// under temporary names and renamed into place together on Commit.
type CSVDirSet struct {
	Dir   string
	files []*csvTable
	// Known lists every table name a report of this kind can hold; on
	// Commit, Known tables this run did not write are removed from Dir, so
	// the folder never mixes tables from two runs.
	Known []string
	wrote map[string]bool
}

type csvTable struct {
	f *AtomicFile
	w *csv.Writer
}

// NewCSVDirSet creates the folder if needed.
func NewCSVDirSet(dir string) (*CSVDirSet, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w", dir, err)
	}
	return &CSVDirSet{Dir: dir}, nil
}

// Table implements TableSet.
func (c *CSVDirSet) Table(name string, cols []Column) (RowWriter, error) {
	if c.wrote == nil {
		c.wrote = map[string]bool{}
	}
	c.wrote[fileName(name)] = true
	f, err := CreateAtomic(filepath.Join(c.Dir, fileName(name)+".csv"))
	if err != nil {
		return nil, err
	}
	cols = UniqueColumns(cols)
	t := &csvTable{f: f, w: csv.NewWriter(f)}
	c.files = append(c.files, t)
	head := make([]string, len(cols))
	for i, col := range cols {
		head[i] = col.Name
	}
	return t, t.w.Write(head)
}

func fileName(name string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ' ' || r == '(' || r == ')' {
			return '_'
		}
		return r
	}, name)
}

func (t *csvTable) Row(vals ...any) error { return t.w.Write(csvRecord(vals)) }

// csvRecord renders one row of cells for a CSV file that people open in a
// spreadsheet.
func csvRecord(vals []any) []string {
	rec := make([]string, len(vals))
	for i, v := range vals {
		if c, ok := v.(Cell); ok {
			if n, ok := decimalsOf(c.Kind); ok {
				if x, ok := c.Value.(float64); ok && !math.IsNaN(x) && !math.IsInf(x, 0) {
					rec[i] = strconv.FormatFloat(x, 'f', n, 64)
					continue
				}
			}
		}
		v = bare(v)
		rec[i] = cellString(v)
		if _, isText := v.(string); isText {
			// Excel and LibreOffice would run text starting with = + - @
			// as a formula: formula.Defuse makes it text (numbers are untouched).
			rec[i] = formula.Defuse(rec[i])
		}
	}
	return rec
}

// WriteCSV writes one table as a CSV file meant for a spreadsheet: the
// column names, then the rows, text defused as in a CSV folder's tables.
func WriteCSV(w io.Writer, cols []Column, rows [][]any) error {
	cw := csv.NewWriter(w)
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = c.Name
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write(csvRecord(r)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func (t *csvTable) Close() error {
	t.w.Flush()
	return t.w.Error()
}

// Commit implements TableSet.
func (c *CSVDirSet) Commit() error {
	for _, t := range c.files {
		if err := t.Close(); err != nil {
			c.Abort()
			return err
		}
	}
	for _, t := range c.files {
		if err := t.f.Commit(); err != nil {
			c.Abort()
			return err
		}
	}
	for _, name := range c.Known {
		if !c.wrote[fileName(name)] {
			stale := filepath.Join(c.Dir, fileName(name)+".csv")
			if err := os.Remove(stale); err != nil && !os.IsNotExist(err) {
				return fmt.Errorf("removing the stale table %s: %w", stale, err)
			}
		}
	}
	return nil
}

// Abort implements TableSet.
func (c *CSVDirSet) Abort() {
	for _, t := range c.files {
		t.f.Abort()
	}
}

// cellString renders a value for CSV.
func cellString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		if math.IsNaN(x) {
			return ""
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case time.Duration:
		return fmt.Sprintf("%.3f", x.Seconds())
	default:
		return fmt.Sprint(x)
	}
}

// ---- JSON ----------------------------------------------------------------

// JSONSet writes the tables as one JSON document:
// {"tables": [{"name", "columns", "rows": [[...], ...]}, ...]}. Rows go to a
// temporary file per table as they come, so memory does not grow with the
// corpus; Commit joins them in table order.
type JSONSet struct {
	out    *Output
	tables []*jsonTable
	// Order, when set, lists table names in the order they are written
	// (the workbook's tab order); others follow in creation order.
	Order []string
}

type jsonTable struct {
	name    string
	columns []string
	tmp     *os.File
	w       *bufio.Writer
	rows    int
	err     error
}

// NewJSONSet writes to out on Commit.
func NewJSONSet(out *Output) *JSONSet { return &JSONSet{out: out} }

// Table implements TableSet.
func (j *JSONSet) Table(name string, cols []Column) (RowWriter, error) {
	f, err := os.CreateTemp("", "techframe-table-*.json")
	if err != nil {
		return nil, err
	}
	t := &jsonTable{name: name, tmp: f, w: bufio.NewWriterSize(f, 64<<10)}
	for _, c := range UniqueColumns(cols) {
		t.columns = append(t.columns, c.Name)
	}
	j.tables = append(j.tables, t)
	return t, nil
}

func (t *jsonTable) Row(vals ...any) error {
	row := make([]any, len(vals))
	for i, v := range vals {
		v = bare(v)
		switch x := v.(type) {
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				v = nil
			}
		case time.Duration:
			v = x.Seconds()
		}
		row[i] = v
	}
	b, err := json.Marshal(row)
	if err != nil {
		return err
	}
	if t.rows > 0 {
		t.w.WriteByte(',')
	}
	t.rows++
	_, err = t.w.Write(b)
	return err
}

func (t *jsonTable) Close() error { return t.w.Flush() }

func (t *jsonTable) remove() {
	t.tmp.Close()
	os.Remove(t.tmp.Name())
}

// Commit implements TableSet.
func (j *JSONSet) Commit() error {
	defer func() {
		for _, t := range j.tables {
			t.remove()
		}
	}()
	pos := func(name string) int {
		for i, n := range j.Order {
			if n == name {
				return i
			}
		}
		return len(j.Order)
	}
	sort.SliceStable(j.tables, func(a, b int) bool { return pos(j.tables[a].name) < pos(j.tables[b].name) })
	w := bufio.NewWriterSize(j.out, 256<<10)
	w.WriteString(`{"tables":[`)
	for i, t := range j.tables {
		if err := t.w.Flush(); err != nil {
			j.out.Abort()
			return err
		}
		if i > 0 {
			w.WriteByte(',')
		}
		head, _ := json.Marshal(struct {
			Name    string   `json:"name"`
			Columns []string `json:"columns"`
		}{t.name, t.columns})
		w.Write(head[:len(head)-1]) // without the closing brace
		w.WriteString(`,"rows":[`)
		if _, err := t.tmp.Seek(0, io.SeekStart); err != nil {
			j.out.Abort()
			return err
		}
		if _, err := io.Copy(w, t.tmp); err != nil {
			j.out.Abort()
			return err
		}
		w.WriteString("]}")
	}
	w.WriteString("]}\n")
	if err := w.Flush(); err != nil {
		j.out.Abort()
		return err
	}
	return j.out.Commit()
}

// Abort implements TableSet.
func (j *JSONSet) Abort() {
	for _, t := range j.tables {
		t.remove()
	}
	j.out.Abort()
}

// DiscardSet accepts tables and writes nothing (analyze on a terminal
// without -o prints a summary instead).
type DiscardSet struct{}

type discardTable struct{}

func (discardTable) Row(...any) error { return nil }
func (discardTable) Close() error     { return nil }

// Table implements TableSet.
func (DiscardSet) Table(string, []Column) (RowWriter, error) { return discardTable{}, nil }

// Discard returns a RowWriter that drops its rows, for a table a run does
// not write.
func (DiscardSet) Discard() RowWriter { return discardTable{} }

// Commit implements TableSet.
func (DiscardSet) Commit() error { return nil }

// Abort implements TableSet.
func (DiscardSet) Abort() {}
