package reports

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// CodingSheet is a workbook for hand coding: the sentences on a sheet
// named Coding, with a drop-down list of labels in the label column, and a
// Codebook sheet that tells the coder what each label means.
type CodingSheet struct {
	// Sheet is the name of the coding table's sheet.
	Sheet   string
	Columns []Column
	Rows    [][]any
	// LabelColumn is the index in Columns of the column to code; its cells
	// accept only Labels (or nothing).
	LabelColumn int
	Labels      []string
	// Guide fills the Codebook sheet, one row per entry: a first cell in
	// bold (a label, a heading) and the text beside it. Empty entries
	// leave a blank row.
	Guide [][2]string
}

// WriteTo writes the workbook. Text is stored as text, so a sentence
// starting with = + - or @ stays a sentence, and the label list is a data
// validation of the kind both Excel and LibreOffice offer as a drop-down.
func (s *CodingSheet) WriteTo(out io.Writer) (int64, error) {
	w, err := NewWorkbook()
	if err != nil {
		return 0, err
	}
	defer w.Close()
	f := w.File()
	if err := w.NewSheet(s.Sheet); err != nil {
		return 0, err
	}
	last := len(s.Rows) + 1
	header := make([]any, len(s.Columns))
	for i, c := range s.Columns {
		header[i] = c.Name
		col, _ := excelize.ColumnNumberToName(i + 1)
		width := c.Width
		if width == 0 {
			width = float64(len(c.Name)) + 4
		}
		if err := f.SetColWidth(s.Sheet, col, col, width); err != nil {
			return 0, err
		}
		kind := c.Kind
		if kind == "" {
			kind = "text"
		}
		if err := f.SetCellStyle(s.Sheet, col+"2", fmt.Sprintf("%s%d", col, max(last, 2)), w.Style(kind)); err != nil {
			return 0, err
		}
	}
	if err := f.SetSheetRow(s.Sheet, "A1", &header); err != nil {
		return 0, err
	}
	lastCol, _ := excelize.ColumnNumberToName(len(s.Columns))
	if err := f.SetCellStyle(s.Sheet, "A1", lastCol+"1", w.Style("header")); err != nil {
		return 0, err
	}
	for r, vals := range s.Rows {
		row := make([]any, len(vals))
		for i, v := range vals {
			if str, ok := v.(string); ok {
				v, _ = SafeText(str)
			}
			row[i] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := f.SetSheetRow(s.Sheet, cell, &row); err != nil {
			return 0, err
		}
	}
	if err := f.SetPanes(s.Sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return 0, err
	}
	if err := f.AutoFilter(s.Sheet, fmt.Sprintf("A1:%s%d", lastCol, last), nil); err != nil {
		return 0, err
	}
	if len(s.Rows) > 0 && s.LabelColumn >= 0 && s.LabelColumn < len(s.Columns) {
		col, _ := excelize.ColumnNumberToName(s.LabelColumn + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, last)
		if err := dv.SetDropList(s.Labels); err != nil {
			return 0, err
		}
		dv.SetInput("Label", "Pick one from the list; leave blank to skip the row.")
		dv.SetError(excelize.DataValidationErrorStyleStop, "Not a label", "Pick one from the list, or leave the cell blank.")
		if err := f.AddDataValidation(s.Sheet, dv); err != nil {
			return 0, err
		}
	}
	if len(s.Guide) > 0 {
		const guide = "Codebook"
		if err := w.NewSheet(guide); err != nil {
			return 0, err
		}
		if err := f.SetColWidth(guide, "A", "A", 22); err != nil {
			return 0, err
		}
		if err := f.SetColWidth(guide, "B", "B", 100); err != nil {
			return 0, err
		}
		for r, g := range s.Guide {
			if g == [2]string{} {
				continue
			}
			row := []any{g[0], g[1]}
			a, _ := excelize.CoordinatesToCellName(1, r+1)
			b, _ := excelize.CoordinatesToCellName(2, r+1)
			if err := f.SetSheetRow(guide, a, &row); err != nil {
				return 0, err
			}
			if err := f.SetCellStyle(guide, a, a, w.Style("bold")); err != nil {
				return 0, err
			}
			if err := f.SetCellStyle(guide, b, b, w.Style("wrap")); err != nil {
				return 0, err
			}
		}
	}
	// The coding table opens first.
	idx, err := f.GetSheetIndex(s.Sheet)
	if err != nil {
		return 0, err
	}
	f.SetActiveSheet(idx)
	return w.WriteTo(out)
}
