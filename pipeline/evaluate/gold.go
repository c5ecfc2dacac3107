package evaluate

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/formula"
)

// GoldRow is one hand-coded row of a gold file.
type GoldRow struct {
	// Line is the 1-based line on which the row starts in the file.
	Line  int
	DocID string
	// Index is the 0-based sentence index, -1 when the file has no index
	// column or the cell is blank.
	Index    int
	Sentence string
	Label    string
	Note     string
}

// Gold is a parsed gold file.
type Gold struct {
	Path string
	Rows []GoldRow
	// HasDoc, HasIndex and HasSentence say which matching keys the header
	// offers.
	HasDoc, HasIndex, HasSentence bool
	// Uncoded lists the lines of rows whose label cell is blank (rows of a
	// sampling sheet nobody has coded yet); they are not scored.
	Uncoded []int
	// SHA256 (hex) and Bytes identify the file as read, for run manifests.
	SHA256 string
	Bytes  int64
}

// DataRows returns the number of rows below the header, coded or not
// (blank lines not counted).
func (g *Gold) DataRows() int { return len(g.Rows) + len(g.Uncoded) }

// GoldError lists every problem of a gold file. It is a usage error
// (errors.Is(err, pipeline.ErrUsage)).
type GoldError struct {
	Path     string
	Problems []*pipeline.PosError
	// Noun names the file in the message ("gold file" when empty).
	Noun string
}

// Relabel makes the error speak for another command: its problems name
// stage, its summary noun.
func (e *GoldError) Relabel(stage, noun string) {
	e.Noun = noun
	for _, p := range e.Problems {
		p.Stage = stage
	}
}

func (e *GoldError) Error() string {
	if len(e.Problems) == 1 {
		return e.Problems[0].Error()
	}
	noun := e.Noun
	if noun == "" {
		noun = "gold file"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s has %d problems:", noun, e.Path, len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.Error())
	}
	return b.String()
}

// Unwrap makes a GoldError a usage error and exposes each problem.
func (e *GoldError) Unwrap() []error {
	out := []error{pipeline.ErrUsage}
	for _, p := range e.Problems {
		out = append(out, p)
	}
	return out
}

// Column names recognised in a gold header (case-insensitive). "text" is
// accepted for the sentence so that annotate's sentence tables can be coded.
var (
	colDoc      = []string{"doc_id"}
	colIndex    = []string{"index"}
	colSentence = []string{"sentence", "text"}
	colLabel    = []string{"label"}
	colNote     = []string{"note"}
)

// ReadGoldFile reads a gold file (CSV or .xlsx) from path.
func ReadGoldFile(path string) (*Gold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, pipeline.Usagef("gold file: %v", unwrapPath(err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, pipeline.Usagef("gold file: %s is a folder, not a CSV or .xlsx file", path)
	}
	return ReadGold(f, path)
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// ReadGold reads a gold file, CSV or an .xlsx workbook (ReadTable): a
// header, then one row per coded sentence. The header needs a label column
// and either doc_id with sentence (or index), or sentence alone. Labels are
// compared case-insensitively with Labels. Every bad row is reported, each
// with its line (a workbook's row number), in one *GoldError. The doc_id
// and sentence cells, which techframe sample writes escaped against
// spreadsheet formulas in a CSV file (formula.Defuse), are read without the
// escaping apostrophe; label, note and index cells are read as they are
// (sample writes label and note blank, and an index is never escaped), so
// an apostrophe a coder typed there stays. The same holds for a workbook:
// one saved from the CSV sheet (LibreOffice, Excel) keeps the apostrophe in
// the cell text, and sample's own workbooks give a doc_id or sentence that
// truly starts with an apostrophe before = + - @ one more
// (formula.KeepQuote). A workbook's cells are read as shown, the index as
// stored.
func ReadGold(r io.Reader, path string) (*Gold, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	gerr := &GoldError{Path: path}
	bad := func(line int, format string, args ...any) {
		gerr.Problems = append(gerr.Problems, &pipeline.PosError{Stage: "evaluate", Path: path, Line: line, Offset: -1,
			Err: fmt.Errorf(format, args...)})
	}
	t, probs, err := ReadTable(data, path)
	if err != nil {
		var pp *PosProblem
		if errors.As(err, &pp) {
			bad(pp.Line, "%s", pp.Msg)
		} else {
			bad(1, "%v", err)
		}
		return nil, gerr
	}
	for _, p := range probs {
		bad(p.Line, "%s", p.Msg)
	}
	g := &Gold{Path: path, SHA256: t.SHA256, Bytes: t.Bytes}
	where := ""
	if t.Sheet != "" {
		where = fmt.Sprintf(" of sheet %q", t.Sheet)
	}
	if t.Header == nil {
		bad(1, "empty file%s: expected a header with a label column and doc_id/sentence/index columns", where)
		return nil, gerr
	}
	iDoc, iIdx, iSent, iLabel, iNote := t.Column(colDoc...), t.Column(colIndex...), t.Column(colSentence...), t.Column(colLabel...), t.Column(colNote...)
	hl := t.HeaderLine
	cols := strings.Join(t.Header, ", ")
	if iLabel < 0 {
		hint := ""
		if t.Sheet != "" {
			hint = "; a workbook is read from its sheet named Coding, else the first visible sheet with a label column"
		}
		bad(hl, "no label column in the header%s (columns: %s%s)", where, cols, hint)
	}
	switch {
	case iDoc >= 0 && (iSent >= 0 || iIdx >= 0):
	case iDoc < 0 && iSent >= 0:
	case iDoc >= 0:
		bad(hl, "a doc_id column needs a sentence or an index column beside it (columns: %s)", cols)
	default:
		bad(hl, "no sentence column and no doc_id+index columns in the header%s (columns: %s)", where, cols)
	}
	if len(gerr.Problems) > 0 {
		return nil, gerr
	}
	g.HasDoc, g.HasIndex, g.HasSentence = iDoc >= 0, iIdx >= 0 && iDoc >= 0, iSent >= 0
	restore := formula.Restore
	valid := map[string]bool{}
	for _, l := range Labels {
		valid[l] = true
	}
	for _, rec := range t.Rows {
		line := rec.Line
		// A sheet written by techframe sample has an apostrophe before a
		// doc_id or sentence that a spreadsheet would run as a formula
		// (in a CSV sheet, and in a workbook saved from one): take it
		// off, so the row matches its sentence and document id.
		row := GoldRow{Line: line, Index: -1,
			DocID:    strings.TrimSpace(restore(rec.Cell(iDoc))),
			Sentence: restore(rec.Cell(iSent)),
			Label:    strings.ToLower(strings.TrimSpace(rec.Cell(iLabel))),
			Note:     rec.Cell(iNote)}
		if t.Sheet == "" && iLabel >= len(rec.Cells) {
			// A short CSV row (a workbook leaves trailing empty cells out).
			bad(line, "row has %d fields, the label column is field %d", len(rec.Cells), iLabel+1)
			continue
		}
		if row.Label == "" {
			g.Uncoded = append(g.Uncoded, line)
			continue
		}
		ok := true
		if !valid[row.Label] {
			bad(line, "unknown label %q: use %s", rec.Cell(iLabel), strings.Join(Labels, ", "))
			ok = false
		}
		if g.HasDoc && row.DocID == "" {
			bad(line, "blank doc_id")
			ok = false
		}
		if s := strings.TrimSpace(rec.RawCell(iIdx)); g.HasIndex && s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				bad(line, "index %q is not a sentence number (0, 1, 2, ...)", s)
				ok = false
			}
			row.Index = n
		}
		if row.Index < 0 && strings.TrimSpace(row.Sentence) == "" {
			if g.HasIndex {
				bad(line, "blank sentence and blank index: nothing to match")
			} else {
				bad(line, "blank sentence")
			}
			ok = false
		}
		if ok {
			g.Rows = append(g.Rows, row)
		}
	}
	if len(gerr.Problems) > 0 {
		return nil, gerr
	}
	return g, nil
}
