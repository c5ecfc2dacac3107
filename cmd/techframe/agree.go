package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/evaluate"
	"github.com/techframe/techframe/reports"
	"github.com/urfave/cli/v2"
)

func init() {
	register(&cli.Command{
		Name:  "agree",
		Usage: "agreement between hand coders on the same sentences (kappa, Krippendorff's alpha), and a sheet to adjudicate their differences",
		UsageText: `techframe agree CODED1 CODED2 [CODED3 ...] [-o adjudicate.xlsx|adjudicate.csv]

Before a hand coding serves as the gold standard, two or more people code
the same sentences blind and their agreement is reported. agree reads their
coding sheets (CSV or .xlsx, as evaluate --gold reads them: a label column
and doc_id + index, doc_id + sentence, or sentence columns; rows with a
blank label count as not coded) and matches the rows: by doc_id + index when
every sheet has both columns, otherwise by the sentence text (white space and
curly quotes normalised), within doc_id when every sheet has one.

A doc_id matches another sheet's exactly or, as evaluate matches a doc_id to
a document, by file path: "bom.txt" in a sheet drawn from a folder is
"corpus/bom.txt" in one drawn from a glob (leading folders dropped on /
boundaries, \ read as /, ./ tidied). The report says how many doc_ids were
matched so, and each document is spelled, in the report and the -o sheet, as
the first sheet given that codes it spells it. A doc_id that could be two
documents of the other sheets ("bom.txt" when they have "a/bom.txt" and
"b/bom.txt") is paired with none, with a counted warning at its file:line.
Two doc_ids of one sheet are two documents, never one.

It reports Krippendorff's alpha (nominal) over all coders, with missing
codes allowed, and for each pair of coders the sentences both coded, their
percent agreement, macro-F1 (one coder taken as the reference), Cohen's
kappa, alpha and the confusion matrix. 95% intervals come from a percentile
bootstrap that resamples whole documents (fixed seed and document order, so
every run prints the same, whatever the order of the rows). The
disagreements are listed.

-o FILE.xlsx or FILE.csv writes every sentence with each coder's label and
note, how many coded it, whether they agree, and a label column that holds
the common label where the coders agree (or the one label where only one
coded) and is blank where they differ, and a note column holding the
coders' note tags merged. Fill in the blanks and the file is the
adjudicated gold file for evaluate --gold. The workbook offers the four labels
as a drop-down in that column.

A row that codes a sentence its sheet already coded is a counted warning
(the first row counts), as is a row without the index (or sentence) the
others match by, and a row matched by index whose sentence text differs from
another sheet's (the coders may have coded different sentences).

EXAMPLES:
   techframe sample corpus/ --n 200 --blind -o tocode.xlsx   # one copy per coder
   techframe agree anna.xlsx ben.xlsx
   techframe agree anna.xlsx ben.xlsx -o adjudicate.xlsx      # fill the blank labels, then
   techframe evaluate --gold adjudicate.xlsx corpus/
   techframe agree a.csv b.csv c.csv --output-format json | jq .alpha

Exit status is 0 whenever agreement was measured, however low; 2 for a
malformed sheet (every bad row is listed), a sheet with nothing coded,
sheets without a common key (index or sentence), fewer than two sheets, or
an -o that would overwrite one of them; 1 when the sheets share no coded
sentence.`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Category: catOutput, Usage: "adjudication sheet: `FILE`.xlsx or FILE.csv (every sentence, each coder's label, the agreed label)"},
			&cli.IntFlag{Name: "bootstrap", Category: catOutput, Value: 1000, Usage: "bootstrap resamples for the 95% confidence intervals (0: no intervals)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Category: catRun, Usage: "do not print warnings (they are still counted)"},
		}, reportFormatFlags()...),
		Action: runAgree,
	})
}

func runAgree(c *cli.Context) error {
	s := newSession(c)
	format, err := reportFormat(c, "agree")
	if err != nil {
		return err
	}
	paths := c.Args().Slice()
	if len(paths) < 2 {
		return pipeline.Usagef("agree: give two coded sheets or more, not %d (see techframe agree --help)", len(paths))
	}
	n := c.Int("bootstrap")
	if n < 0 {
		return pipeline.Usagef("agree: --bootstrap must be 0 (no intervals) or a number of resamples, not %d", n)
	}
	target := c.String("output")
	if target != "" {
		ext := strings.ToLower(filepath.Ext(target))
		if target == "-" || ext != ".xlsx" && ext != ".csv" {
			return pipeline.Usagef("agree: -o %s: use a .xlsx or .csv file name (the report goes to stdout)", target)
		}
		if _, err := os.Stat(filepath.Dir(target)); err != nil {
			return pipeline.Usagef("agree: cannot write %s: folder %s does not exist", target, filepath.Dir(target))
		}
		for _, p := range paths {
			if sameFile(target, p) {
				return pipeline.Usagef("agree: -o %s would overwrite a coder's sheet", target)
			}
		}
	}
	// Every sheet is read before any error is returned, so that all their
	// problems are listed at once.
	var sheets []*evaluate.Gold
	var errs []error
	for _, p := range paths {
		g, err := evaluate.ReadGoldFile(p)
		var ge *evaluate.GoldError
		if errors.As(err, &ge) {
			ge.Relabel("agree", "coding sheet")
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		sheets = append(sheets, g)
	}
	if len(errs) == 1 {
		return errs[0]
	}
	if len(errs) > 1 {
		return errors.Join(errs...)
	}
	a, err := evaluate.Agree(sheets, n)
	if err != nil {
		return fmt.Errorf("agree: %w", err)
	}
	for _, r := range a.Repeated {
		s.warn(pipeline.Warning{Stage: "agree", Path: a.Coders[r.Coder], Line: r.Line, Kind: "duplicate-coded-row",
			Message: fmt.Sprintf("codes the sentence that line %d codes: left out", r.FirstLine)})
	}
	for c, lines := range a.Unkeyed {
		for _, l := range lines {
			s.warn(pipeline.Warning{Stage: "agree", Path: a.Coders[c], Line: l, Kind: "no-index",
				Message: "no sentence index, and every sheet is matched by doc_id + index: left out"})
		}
	}
	for _, d := range a.TextDiffers {
		s.warn(pipeline.Warning{Stage: "agree", Path: a.Coders[d.Coder], Line: d.Line, Kind: "text-differs",
			Message: fmt.Sprintf("same doc_id and index as %s line %d, but another sentence text: were the same sentences coded?", a.Coders[d.FirstCoder], d.FirstLine)})
	}
	for _, d := range a.Ambiguous {
		s.warn(pipeline.Warning{Stage: "agree", Path: a.Coders[d.Coder], Line: d.Line, Kind: "ambiguous-doc-id", Message: ambiguousMessage(a, d)})
	}
	if a.Pairable == 0 {
		return fmt.Errorf("agree: no sentence was coded by two of the sheets; check that they code the same sample (same doc_id + index, or the same sentence text)")
	}
	if target != "" && target != "-" {
		if err := writeAdjudication(target, a, s); err != nil {
			return err
		}
		if !s.quiet {
			settle := 0
			for i := range a.Units {
				if unitStatus(&a.Units[i]) == "disagree" {
					settle++
				}
			}
			fmt.Fprintf(s.env.Stderr, "techframe: agree: wrote %s: %d sentences, %d with labels that differ (left blank to settle)\n", target, len(a.Units), settle)
		}
	}
	if format == "json" {
		return writeAgreeJSON(s.env.Stdout, a, sheets)
	}
	return writeAgreeText(s.env.Stdout, a, sheets)
}

// ambiguousMessage says why doc_id d is paired with no other sheet's.
func ambiguousMessage(a *evaluate.Agreement, d evaluate.AmbiguousDoc) string {
	var ms []string
	for i, m := range d.Matches {
		if i == 3 {
			ms = append(ms, "...")
			break
		}
		ms = append(ms, fmt.Sprintf("%q (%s:%d)", m.DocID, a.Coders[m.Coder], m.Line))
	}
	return fmt.Sprintf("doc_id %q could be any of %d documents of the other sheets by path: %s; its rows are paired with none (write the doc_id with the folders that tell them apart)",
		d.DocID, len(d.Matches), strings.Join(ms, ", "))
}

// coderName is how reports name coder i: the file's base name, with its
// number when two sheets share a base name.
func coderNames(a *evaluate.Agreement) []string {
	names := make([]string, len(a.Coders))
	seen := map[string]int{}
	for _, p := range a.Coders {
		seen[filepath.Base(p)]++
	}
	for i, p := range a.Coders {
		names[i] = filepath.Base(p)
		if seen[names[i]] > 1 {
			names[i] = fmt.Sprintf("%d:%s", i+1, p)
		}
	}
	return names
}

// unitStatus says how a unit's coders relate: agree, disagree, or one
// coder.
func unitStatus(u *evaluate.Unit) string {
	switch {
	case u.Coded() < 2:
		return "one coder"
	case u.Unanimous() != "":
		return "agree"
	}
	return "disagree"
}

// mergedNote joins the coders' note tags (separated by ";"), each once,
// in the order first given.
func mergedNote(u *evaluate.Unit) string {
	var tags []string
	seen := map[string]bool{}
	for _, n := range u.Notes {
		for _, tag := range strings.Split(n, ";") {
			tag = strings.TrimSpace(tag)
			if tag != "" && !seen[strings.ToLower(tag)] {
				seen[strings.ToLower(tag)] = true
				tags = append(tags, tag)
			}
		}
	}
	return strings.Join(tags, "; ")
}

// adjudicated is the label an adjudication sheet starts with: the common
// label, the only label, or blank where the coders differ.
func adjudicated(u *evaluate.Unit) string {
	if u.Coded() == 1 {
		for _, l := range u.Labels {
			if l != "" {
				return l
			}
		}
	}
	return u.Unanimous()
}

func unitRef(a *evaluate.Agreement, u *evaluate.Unit) string {
	switch {
	case a.ByIndex:
		return fmt.Sprintf("%s#%d", u.DocID, u.Index)
	case u.DocID != "":
		return u.DocID + ": " + quoteShort(u.Sentence)
	}
	return quoteShort(u.Sentence)
}

func writeAgreeText(w io.Writer, a *evaluate.Agreement, sheets []*evaluate.Gold) error {
	ew := &errWriter{w: w}
	names := coderNames(a)
	for i, g := range sheets {
		head := "Coders"
		if i > 0 {
			head = ""
		}
		ew.printf("%-11s %d %s: %d coded rows, %d blank\n", head, i+1, names[i], len(g.Rows), len(g.Uncoded))
	}
	by := "sentence text"
	if a.ByIndex {
		by = "doc_id + index"
	}
	single := len(a.Units) - a.Pairable
	ew.printf("Matched     by %s: %d sentences, %d coded by two coders or more, %d by one only\n", by, len(a.Units), a.Pairable, single)
	if len(a.ByPath) > 0 {
		rows := 0
		for _, p := range a.ByPath {
			rows += p.Rows
		}
		p := a.ByPath[0]
		more := ""
		if len(a.ByPath) > 1 {
			more = fmt.Sprintf(", and %d more", len(a.ByPath)-1)
		}
		ew.printf("Doc ids     %d matched by file path, not exactly (%d rows): %s %q is %s %q%s; a document takes the spelling of the first sheet that codes it\n",
			len(a.ByPath), rows, names[p.Coder], p.DocID, names[p.As.Coder], p.As.DocID, more)
	}
	if len(a.Ambiguous) > 0 {
		head := "Doc ids"
		if len(a.ByPath) > 0 {
			head = ""
		}
		d := a.Ambiguous[0]
		more := ""
		if len(a.Ambiguous) > 1 {
			more = fmt.Sprintf(", and %d more", len(a.Ambiguous)-1)
		}
		ew.printf("%-11s %d paired with none, as each could be two documents or more of the other sheets by path: %s %q%s\n", head, len(a.Ambiguous), names[d.Coder], d.DocID, more)
	}
	unkeyed := 0
	for _, l := range a.Unkeyed {
		unkeyed += len(l)
	}
	if len(a.Repeated) > 0 || unkeyed > 0 {
		ew.printf("Left out    %d repeated rows, %d rows without an index\n", len(a.Repeated), unkeyed)
	}
	ew.printf("\nKrippendorff's alpha (nominal, all coders): %s  (95%% CI %s)\n\n", na(a.Alpha, "%.3f"), ivString(a.AlphaInterval))
	ew.printf("%-36s %6s %9s %8s %7s %7s  %s\n", "pair", "units", "agreement", "macro-F1", "kappa", "alpha", "95% CI of kappa")
	for _, p := range a.Pairs {
		m := p.Metrics
		ci := "n/a"
		if p.Intervals != nil {
			ci = ivString(p.Intervals.Kappa)
		}
		ew.printf("%-36s %6d %9s %8s %7s %7s  %s\n", names[p.A]+" / "+names[p.B], m.N, na(m.Accuracy, "%.3f"), na(m.MacroF1, "%.3f"), na(m.Kappa, "%.3f"), na(m.Alpha, "%.3f"), ci)
	}
	for _, p := range a.Pairs {
		m := p.Metrics
		ew.printf("\nConfusion: %s (rows) by %s (columns)\n%-12s", names[p.A], names[p.B], "")
		for _, l := range m.Labels {
			ew.printf(" %11s", l)
		}
		ew.printf("\n")
		for i, l := range m.Labels {
			ew.printf("%-12s", l)
			for j := range m.Labels {
				ew.printf(" %11d", m.Confusion[i][j])
			}
			ew.printf("\n")
		}
	}
	var dis []*evaluate.Unit
	for i := range a.Units {
		if unitStatus(&a.Units[i]) == "disagree" {
			dis = append(dis, &a.Units[i])
		}
	}
	ew.printf("\nDisagreements (%d)\n", len(dis))
	for _, u := range dis {
		var ls []string
		for c, l := range u.Labels {
			if l != "" {
				ls = append(ls, names[c]+" "+l)
			}
		}
		ew.printf("  %s  %s", unitRef(a, u), strings.Join(ls, ", "))
		if a.ByIndex && u.Sentence != "" {
			ew.printf("  %s", quoteShort(u.Sentence))
		}
		ew.printf("\n")
	}
	return ew.err
}

func ivString(iv evaluate.Interval) string {
	if math.IsNaN(iv.Lo) || math.IsNaN(iv.Hi) {
		return "n/a"
	}
	return fmt.Sprintf("%.3f to %.3f", iv.Lo, iv.Hi)
}

func writeAgreeJSON(w io.Writer, a *evaluate.Agreement, sheets []*evaluate.Gold) error {
	ivJSON := func(iv evaluate.Interval) []any { return []any{num(iv.Lo), num(iv.Hi)} }
	var coders []map[string]any
	for i, g := range sheets {
		unkeyed := append([]int{}, a.Unkeyed[i]...)
		coders = append(coders, map[string]any{"path": g.Path, "coded_rows": len(g.Rows), "blank_rows": len(g.Uncoded), "sha256": g.SHA256, "unkeyed_lines": unkeyed})
	}
	var pairs []map[string]any
	for _, p := range a.Pairs {
		m := p.Metrics
		pj := map[string]any{"a": a.Coders[p.A], "b": a.Coders[p.B], "units": m.N, "agree": m.Agree,
			"agreement": num(m.Accuracy), "macro_f1": num(m.MacroF1), "kappa": num(m.Kappa), "alpha": num(m.Alpha), "labels": m.Labels, "confusion": m.Confusion}
		if p.Intervals != nil {
			pj["ci95"] = map[string]any{"agreement": ivJSON(p.Intervals.Accuracy), "kappa": ivJSON(p.Intervals.Kappa), "alpha": ivJSON(p.Intervals.Alpha),
				"resamples": p.Intervals.Resamples, "clusters": p.Intervals.Clusters}
		}
		pairs = append(pairs, pj)
	}
	units := []map[string]any{}
	for i := range a.Units {
		u := &a.Units[i]
		uj := map[string]any{"doc_id": u.DocID, "sentence": u.Sentence, "labels": u.Labels, "notes": u.Notes, "lines": u.Lines,
			"status": unitStatus(u), "label": adjudicated(u)}
		if a.ByIndex {
			uj["index"] = u.Index
		}
		units = append(units, uj)
	}
	repeated := []map[string]any{}
	for _, r := range a.Repeated {
		repeated = append(repeated, map[string]any{"path": a.Coders[r.Coder], "line": r.Line, "first_line": r.FirstLine})
	}
	byPath := []map[string]any{}
	for _, p := range a.ByPath {
		byPath = append(byPath, map[string]any{"path": a.Coders[p.Coder], "line": p.Line, "doc_id": p.DocID, "rows": p.Rows,
			"as": p.As.DocID, "as_path": a.Coders[p.As.Coder]})
	}
	ambiguous := []map[string]any{}
	for _, d := range a.Ambiguous {
		var ms []map[string]any
		for _, m := range d.Matches {
			ms = append(ms, map[string]any{"path": a.Coders[m.Coder], "line": m.Line, "doc_id": m.DocID})
		}
		ambiguous = append(ambiguous, map[string]any{"path": a.Coders[d.Coder], "line": d.Line, "doc_id": d.DocID, "rows": d.Rows, "matches": ms})
	}
	by := "text"
	if a.ByIndex {
		by = "index"
	}
	out := map[string]any{"coders": coders, "matched_by": by, "sentences": len(a.Units), "pairable": a.Pairable,
		"alpha": num(a.Alpha), "alpha_ci95": ivJSON(a.AlphaInterval), "pairs": pairs, "units": units, "repeated": repeated,
		"doc_ids_by_path": byPath, "ambiguous_doc_ids": ambiguous}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// withDocIDs reports whether every unit has a doc_id: only then does the
// adjudication sheet have the column (evaluate refuses a blank doc_id).
func withDocIDs(a *evaluate.Agreement) bool {
	for i := range a.Units {
		if a.Units[i].DocID == "" {
			return false
		}
	}
	return true
}

// adjudicationColumns are the columns of agree -o: the unit, each coder's
// label and note, and the label and note to fill in (the note starts with
// the coders' tags).
func adjudicationColumns(a *evaluate.Agreement, withDoc bool) []reports.Column {
	var cols []reports.Column
	if withDoc {
		cols = append(cols, reports.Column{Name: "doc_id", Width: 14})
	}
	if a.ByIndex {
		cols = append(cols, reports.Column{Name: "index", Kind: "int", Width: 8})
	}
	cols = append(cols, reports.Column{Name: "sentence", Kind: "wrap", Width: 70}, reports.Column{Name: "coders", Kind: "int", Width: 8},
		reports.Column{Name: "agreement", Width: 12})
	for _, n := range coderNames(a) {
		cols = append(cols, reports.Column{Name: "label: " + n, Width: 16}, reports.Column{Name: "note: " + n, Kind: "wrap", Width: 24})
	}
	cols = append(cols, reports.Column{Name: "label", Width: 15}, reports.Column{Name: "note", Kind: "wrap", Width: 30})
	return reports.UniqueColumns(cols)
}

func adjudicationRow(a *evaluate.Agreement, u *evaluate.Unit, withDoc bool) []any {
	var row []any
	if withDoc {
		row = append(row, u.DocID)
	}
	if a.ByIndex {
		row = append(row, u.Index)
	}
	row = append(row, u.Sentence, u.Coded(), unitStatus(u))
	for c := range u.Labels {
		row = append(row, u.Labels[c], u.Notes[c])
	}
	return append(row, adjudicated(u), mergedNote(u))
}

// writeAdjudication writes the adjudication sheet to target (.xlsx or
// .csv), atomically.
func writeAdjudication(target string, a *evaluate.Agreement, s *session) error {
	out, err := reports.OpenOutput(target, s.env.Stdout)
	if err != nil {
		return err
	}
	withDoc := withDocIDs(a)
	cols := adjudicationColumns(a, withDoc)
	if strings.EqualFold(filepath.Ext(target), ".xlsx") {
		sheet := &reports.CodingSheet{Sheet: evaluate.CodingSheetName, Columns: cols, LabelColumn: len(cols) - 2, Labels: evaluate.Labels, Guide: codingGuide}
		for i := range a.Units {
			sheet.Rows = append(sheet.Rows, adjudicationRow(a, &a.Units[i], withDoc))
		}
		_, err = sheet.WriteTo(out)
		return finish(out, err)
	}
	rows := make([][]any, len(a.Units))
	for i := range a.Units {
		rows[i] = adjudicationRow(a, &a.Units[i], withDoc)
	}
	err = reports.WriteCSV(out, cols, rows)
	return finish(out, err)
}
