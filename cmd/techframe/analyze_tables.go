package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/summary"
	"github.com/techframe/techframe/reports"
	"github.com/xuri/excelize/v2"
)

// writeCorpusTables writes the tables that need the whole corpus: Documents,
// Entities, ActorFrames, Summary (with charts in xlsx), About and Manifest.
func writeCorpusTables(set reports.TableSet, a *analysis) error {
	if err := writeDocuments(set, a); err != nil {
		return err
	}
	if err := writeEntities(set, a); err != nil {
		return err
	}
	if err := writeActorFrames(set, a); err != nil {
		return err
	}
	if err := writeSummary(set, a); err != nil {
		return err
	}
	if err := writeAbout(set, a); err != nil {
		return err
	}
	return writeManifest(set, a)
}

func writeDocuments(set reports.TableSet, a *analysis) error {
	// metadata columns: union of keys in first-seen order
	var metaKeys []string
	seen := map[string]bool{}
	for _, d := range a.docs {
		for _, k := range d.meta.Keys() {
			if !seen[k] {
				seen[k] = true
				metaKeys = append(metaKeys, k)
			}
		}
	}
	cols := []reports.Column{{Name: "id", Width: 16}}
	for _, k := range metaKeys {
		cols = append(cols, reports.Column{Name: k, Width: 16, Input: true})
	}
	cols = append(cols, reports.Column{Name: "tokens", Kind: "int"}, reports.Column{Name: "sentences", Kind: "int"})
	if a.framing {
		cols = append(cols, reports.Column{Name: "frame", Width: 13})
		for _, f := range summary.Frames {
			cols = append(cols, reports.Column{Name: f, Kind: "int"})
		}
		for _, f := range summary.Frames {
			cols = append(cols, reports.Column{Name: "share_" + f, Kind: "pct"})
		}
		cols = append(cols, reports.Column{Name: "balance", Kind: "float"})
	}
	var extraNames []string
	if len(a.docs) > 0 {
		for _, f := range a.docs[0].fields {
			if f.Name == "frame" || isCountField(f.Name) {
				continue
			}
			extraNames = append(extraNames, f.Name)
			cols = append(cols, reports.Column{Name: f.Name, Kind: "float"})
		}
	}
	for _, name := range a.docExtraCols {
		cols = append(cols, reports.Column{Name: name, Kind: "wrap", Width: 40})
	}
	t, err := set.Table("Documents", cols)
	if err != nil {
		return err
	}
	numeric := make([]bool, len(metaKeys))
	for j, k := range metaKeys {
		numeric[j] = numericMetaColumn(a.docs, k)
	}
	for i, d := range a.docs {
		row := []any{d.id}
		for j, k := range metaKeys {
			row = append(row, metaCell(d.meta, k, numeric[j]))
		}
		frame := ""
		for _, f := range d.fields {
			if f.Name == "frame" {
				frame, _ = f.Value.(string)
			}
		}
		row = append(row, d.tokens, d.sentences)
		if a.framing {
			row = append(row, frame)
			for j := range summary.Frames {
				row = append(row, d.counts[j])
			}
			for j := range summary.Frames {
				row = append(row, nilNaN(d.counts.Share(j)))
			}
			row = append(row, nilNaN(d.counts.Balance()))
		}
		for _, name := range extraNames {
			var v any
			for _, f := range d.fields {
				if f.Name == name {
					v = f.Value
				}
			}
			if x, ok := v.(float64); ok {
				v = nilNaN(x)
			}
			row = append(row, v)
		}
		for _, name := range a.docExtraCols {
			row = append(row, a.docExtras[name][i])
		}
		if err := t.Row(row...); err != nil {
			return err
		}
	}
	return t.Close()
}

// metaValue returns a document's value of a metadata field, and whether
// it has a non-empty one.
func metaValue(m pipeline.Meta, key string) (any, bool) {
	for _, f := range m {
		if f.Key == key {
			return f.Value, f.Value != nil && strings.TrimSpace(pipeline.MetaString(f.Value)) != ""
		}
	}
	return nil, false
}

// numericMetaColumn reports whether a metadata field is a column of
// numbers: every non-empty value, whether a JSON number or text from a CSV
// file, is a plain number (see plainNumber). One such column is written all
// as numbers, so that Excel sorts and filters 2022 from a CSV file with
// 2024 from a JSON file; any other column is written all as text, so that
// a zip code "02139" keeps its zero and sorts with "10001".
func numericMetaColumn(docs []docRow, key string) bool {
	found := false
	for _, d := range docs {
		v, ok := metaValue(d.meta, key)
		if !ok {
			continue
		}
		if _, isBool := v.(bool); isBool || !plainNumber(strings.TrimSpace(pipeline.MetaString(v))) {
			return false
		}
		found = true
	}
	return found
}

// plainNumber reports whether s is written as a plain number: an optional
// minus, digits with no leading zero (02139 is a code), an optional
// decimal part; no plus sign, exponent, thousands separator or spaces; at
// most 15 significant digits, which a spreadsheet holds exactly (a longer
// id such as 1234567890123456789 would be rounded).
func plainNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if intPart == "" || hasFrac && frac == "" {
		return false
	}
	for _, part := range []string{intPart, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return false
			}
		}
	}
	if len(intPart) > 1 && intPart[0] == '0' {
		return false
	}
	return significantDigits(s) <= 15
}

// metaCell returns a metadata value for a cell: in a numeric column
// (numericMetaColumn) a number, shown with the decimal places it was typed
// with, otherwise the value's text, always stored as text (so "=1+2" or
// "-5" in a text column is never a formula).
func metaCell(m pipeline.Meta, key string, numeric bool) any {
	v, ok := metaValue(m, key)
	if !ok {
		if v == nil {
			return nil
		}
		return pipeline.MetaString(v) // blank text stays as it was
	}
	text := strings.TrimSpace(pipeline.MetaString(v))
	if numeric {
		if x, err := strconv.ParseFloat(text, 64); err == nil {
			if _, frac, ok := strings.Cut(text, "."); ok {
				// 12.50 and 2019.0 show as typed, as their groups
				// are named (summary.GroupValue).
				return reports.Cell{Value: x, Kind: reports.Decimals(len(frac))}
			}
			return x
		}
	}
	return pipeline.MetaString(v)
}

// significantDigits counts the digits of a number's mantissa, without
// leading zeros.
func significantDigits(num string) int {
	n, started := 0, false
	for _, r := range num {
		if r == 'e' || r == 'E' {
			break
		}
		if r >= '1' && r <= '9' || r == '0' && started {
			started = true
			n++
		}
	}
	return n
}

// isCountField reports document fields already shown from the frame counts.
func isCountField(name string) bool {
	for _, f := range summary.Frames {
		if name == f || name == "share_"+f || name == f+"_count" || name == f+"_share" {
			return true
		}
	}
	return name == "balance" || name == "sentences" || name == "tokens"
}

// nilNaN turns NaN (an undefined share) into an empty cell.
func nilNaN(x float64) any {
	if x != x {
		return nil
	}
	return x
}

func writeEntities(set reports.TableSet, a *analysis) error {
	if !a.entities {
		return nil // the sheet says why (noteEmptySheets)
	}
	t, err := set.Table("Entities", []reports.Column{
		{Name: "canonical", Width: 30}, {Name: "type", Width: 14}, {Name: "mentions", Kind: "int"}, {Name: "documents", Kind: "int"},
		{Name: "surface forms merged (count)", Kind: "wrap", Width: 60},
	})
	if err != nil {
		return err
	}
	for _, e := range a.corpus.Entities() {
		if err := t.Row(e.Canonical, e.Type, e.Mentions, e.Docs, e.FormList()); err != nil {
			return err
		}
	}
	return t.Close()
}

func writeActorFrames(set reports.TableSet, a *analysis) error {
	if !a.framing || !a.entities {
		return nil // the sheet says why (noteEmptySheets)
	}
	cols := []reports.Column{{Name: "actor", Width: 28}, {Name: "type", Width: 14}, {Name: "sentences", Kind: "int"}}
	for _, f := range summary.Frames {
		cols = append(cols, reports.Column{Name: f, Kind: "int"})
	}
	for _, f := range summary.Frames {
		cols = append(cols, reports.Column{Name: "share_" + f, Kind: "pct"})
	}
	cols = append(cols, reports.Column{Name: "balance", Kind: "float"},
		reports.Column{Name: "example cooperation sentences (doc#sentence)", Kind: "wrap", Width: 70},
		reports.Column{Name: "example competition sentences (doc#sentence)", Kind: "wrap", Width: 70})
	t, err := set.Table("ActorFrames", cols)
	if err != nil {
		return err
	}
	for _, af := range a.corpus.Actors() {
		row := []any{af.Actor, af.Type, af.Counts.Total()}
		for i := range summary.Frames {
			row = append(row, af.Counts[i])
		}
		for i := range summary.Frames {
			row = append(row, nilNaN(af.Counts.Share(i)))
		}
		row = append(row, nilNaN(af.Counts.Balance()), examples(af.Examples[0]), examples(af.Examples[1]))
		if err := t.Row(row...); err != nil {
			return err
		}
	}
	return t.Close()
}

func examples(refs []summary.SentenceRef) string {
	parts := make([]string, len(refs))
	for i, r := range refs {
		parts[i] = fmt.Sprintf("[%s#%d] %s", r.DocID, r.Index, r.Text)
	}
	return strings.Join(parts, "\n")
}

// summaryBlocks assembles the corpus-level blocks of the Summary sheet.
// Without framing (--no-framing) the frame blocks are left out and a note
// says so; sentence counts are the documents' sentences either way.
func summaryBlocks(a *analysis) []summaryBlock {
	c := a.corpus
	corpus := summaryBlock{
		title: "Corpus",
		cols:  []string{"measure", "value"},
		rows: [][]any{
			{"documents", c.Docs}, {"sentences", c.Sentences}, {"tokens", c.Tokens},
		},
	}
	if a.framing {
		corpus.rows = append(corpus.rows, []any{"framing cues counted", c.Cues})
	} else {
		corpus.rows = append(corpus.rows, []any{"framing", "not run (--no-framing)"})
	}
	if !a.entities {
		corpus.rows = append(corpus.rows, []any{"entities", "not tagged (--no-entities)"})
	}
	corpus.rows = append(corpus.rows, []any{"warnings (skipped or repaired records)", totalWarnings(a.s)})
	blocks := []summaryBlock{corpus}
	if a.framing {
		fr := summaryBlock{title: "Frame shares (sentences)", cols: []string{"frame", "sentences", "share"}, chart: "pie", pct: map[int]bool{2: true}}
		for i, f := range summary.Frames {
			fr.rows = append(fr.rows, []any{f, c.Counts[i], nilNaN(c.Counts.Share(i))})
		}
		blocks = append(blocks, fr)
		blocks[0].rows = append(blocks[0].rows, []any{"frame balance (see About)", nilNaN(c.Counts.Balance())})
	}

	// frame share per group, or per document when not grouping (the first
	// summaryDocs, a note saying so when there are more); without framing,
	// the documents and sentences only
	per := summaryBlock{pct: map[int]bool{3: true, 4: true, 5: true, 6: true}}
	by, first := "document", "document"
	if a.groupBy != "" {
		by, first = a.groupBy, a.groupBy
	}
	per.cols = []string{first, "documents", "sentences"}
	if a.framing {
		per.title, per.chart = "Frame share by "+by, "share"
		for _, f := range summary.Frames {
			per.cols = append(per.cols, f)
		}
		per.cols = append(per.cols, "balance")
		if a.groupBy != "" && (isTimeField(a.groupBy) || strings.Contains(a.s.settings["bin"].(string), ":")) {
			per.chart = "share+balance"
		}
	} else {
		per.title = "Sentences by " + by + " (framing not run: --no-framing)"
	}
	addRow := func(label string, docs, sentences int, counts summary.Counts) {
		row := []any{label, docs, sentences}
		if a.framing {
			for i := range summary.Frames {
				row = append(row, nilNaN(counts.Share(i)))
			}
			row = append(row, nilNaN(counts.Balance()))
		}
		per.rows = append(per.rows, row)
	}
	if a.groupBy != "" {
		for _, g := range c.Groups() {
			addRow(g.Value, g.Docs, g.Sentences, g.Counts)
		}
	} else {
		for i, d := range a.docs {
			if i == summaryDocs {
				per.note = fmt.Sprintf("first %d of %d documents; all are on the Documents sheet", summaryDocs, len(a.docs))
				break
			}
			addRow(d.id, 1, d.sentences, d.counts)
		}
	}
	blocks = append(blocks, per)

	if a.framing && a.entities {
		act := summaryBlock{title: "Top actors by frame (sentences)", cols: []string{"actor", "type", "sentences"}}
		for _, f := range summary.Frames {
			act.cols = append(act.cols, f)
		}
		act.cols = append(act.cols, "balance")
		for i, af := range c.Actors() {
			if i == 15 {
				break
			}
			row := []any{af.Actor, af.Type, af.Counts.Total()}
			for j := range summary.Frames {
				row = append(row, af.Counts[j])
			}
			row = append(row, nilNaN(af.Counts.Balance()))
			act.rows = append(act.rows, row)
		}
		blocks = append(blocks, act)
	}
	return append(blocks, a.summary...)
}

// summaryDocs is how many documents the Summary's per-document block
// shows: its chart has a bar for each.
const summaryDocs = 60

func isTimeField(name string) bool {
	n := strings.ToLower(name)
	return n == "year" || n == "date" || n == "decade" || strings.HasSuffix(n, "_year") || strings.HasSuffix(n, "_date")
}

func writeSummary(set reports.TableSet, a *analysis) error {
	blocks := summaryBlocks(a)
	if x, ok := xlsxOf(set); ok {
		if r, ok := set.(*columnRecorder); ok {
			for _, b := range blocks {
				var cols []reports.Column
				for i, c := range b.cols {
					// a per-group block's first column is the group field
					cols = append(cols, reports.Column{Name: c, Input: i == 0 && a.groupBy != "" && c == a.groupBy})
				}
				r.record("Summary", cols)
			}
		}
		return writeSummaryXLSX(x, blocks)
	}
	// A CSV or JSON Summary is one long table: each cell of a block is a
	// row naming its section, what the block's rows are (frame, document,
	// outlet_type, actor, term, topic, measure), the row, the column and
	// the value, so every column has a name and a program can filter it.
	t, err := set.Table("Summary", summaryLongColumns)
	if err != nil {
		return err
	}
	for _, b := range blocks {
		if len(b.cols) == 0 {
			continue
		}
		for _, r := range b.rows {
			if len(r) == 0 {
				continue
			}
			for i := 1; i < len(r) && i < len(b.cols); i++ {
				if err := t.Row(b.title, b.cols[0], r[0], b.cols[i], r[i]); err != nil {
					return err
				}
			}
		}
		if b.note != "" {
			if err := t.Row(b.title, "note", "", "note", b.note); err != nil {
				return err
			}
		}
	}
	return t.Close()
}

// summaryLongColumns are the columns of the Summary table in CSV and JSON.
var summaryLongColumns = []reports.Column{{Name: "section"}, {Name: "row_type"}, {Name: "row"}, {Name: "column"}, {Name: "value"}}

// writeSummaryXLSX lays the blocks out down the Summary sheet with native
// charts beside them.
func writeSummaryXLSX(x *reports.XLSXSet, blocks []summaryBlock) error {
	f := x.File()
	const sh = "Summary"
	if err := f.SetCellValue(sh, "A1", "techframe summary"); err != nil {
		return err
	}
	f.SetCellStyle(sh, "A1", "A1", x.Style("title"))
	f.SetColWidth(sh, "A", "A", 34)
	f.SetColWidth(sh, "B", "K", 13)
	row := 3
	chartRow := 3
	for bi, b := range blocks {
		title, _ := excelize.CoordinatesToCellName(1, row)
		f.SetCellValue(sh, title, b.title)
		f.SetCellStyle(sh, title, title, x.Style("bold"))
		row++
		head, _ := excelize.CoordinatesToCellName(1, row)
		hv := make([]any, len(b.cols))
		for i, c := range b.cols {
			hv[i] = c
		}
		if err := f.SetSheetRow(sh, head, &hv); err != nil {
			return err
		}
		end, _ := excelize.CoordinatesToCellName(len(b.cols), row)
		f.SetCellStyle(sh, head, end, x.Style("header"))
		first := row + 1
		for _, r := range b.rows {
			row++
			cell, _ := excelize.CoordinatesToCellName(1, row)
			vals := make([]any, len(r))
			for i, v := range r {
				if s, ok := v.(string); ok {
					v, _ = reports.SafeText(s)
				}
				vals[i] = v
			}
			if err := f.SetSheetRow(sh, cell, &vals); err != nil {
				return err
			}
			for i, v := range r {
				c, _ := excelize.CoordinatesToCellName(i+1, row)
				if b.pct[i] {
					f.SetCellStyle(sh, c, c, x.Style("pct"))
				} else if _, isFloat := v.(float64); isFloat {
					f.SetCellStyle(sh, c, c, x.Style("float"))
				}
			}
		}
		last := row
		if b.note != "" {
			// Below the rows, outside the chart's range.
			row++
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := f.SetCellValue(sh, cell, b.note); err != nil {
				return err
			}
			f.SetCellStyle(sh, cell, cell, x.Style("note"))
		}
		if b.chart != "" && last >= first {
			ch := chartFor(b, sh, first, last)
			if ch != nil {
				anchor, _ := excelize.CoordinatesToCellName(13, max(chartRow, first-2))
				if err := f.AddChart(sh, anchor, ch); err != nil {
					return fmt.Errorf("summary chart %d: %w", bi, err)
				}
				chartRow = max(chartRow, first-2) + 18
				if b.chart == "share+balance" {
					bal := balanceChart(b, sh, first, last)
					anchor, _ := excelize.CoordinatesToCellName(13, chartRow)
					if err := f.AddChart(sh, anchor, bal); err != nil {
						return err
					}
					chartRow += 18
				}
			}
		}
		row += 2
	}
	return nil
}

func colName(i int) string {
	n, _ := excelize.ColumnNumberToName(i)
	return n
}

func chartFor(b summaryBlock, sh string, first, last int) *excelize.Chart {
	title := []excelize.RichTextRun{{Text: b.title}}
	switch b.chart {
	case "pie":
		return &excelize.Chart{Type: excelize.Pie, Title: excelize.ChartTitle{Paragraph: title},
			Series:    []excelize.ChartSeries{{Name: b.title, Categories: fmt.Sprintf("%s!$A$%d:$A$%d", sh, first, first+3), Values: fmt.Sprintf("%s!$B$%d:$B$%d", sh, first, first+3)}},
			Dimension: excelize.ChartDimension{Width: 480, Height: 320}}
	case "share", "share+balance":
		var series []excelize.ChartSeries
		for i, fr := range summary.Frames {
			col := colName(4 + i)
			series = append(series, excelize.ChartSeries{Name: fr, Categories: fmt.Sprintf("%s!$A$%d:$A$%d", sh, first, last), Values: fmt.Sprintf("%s!$%s$%d:$%s$%d", sh, col, first, col, last)})
		}
		return &excelize.Chart{Type: excelize.BarPercentStacked, Series: series, Title: excelize.ChartTitle{Paragraph: title},
			Legend: excelize.ChartLegend{Position: "bottom"}, Dimension: excelize.ChartDimension{Width: 640, Height: 340}}
	case "bar":
		return &excelize.Chart{Type: excelize.Bar, Title: excelize.ChartTitle{Paragraph: title},
			Series:    []excelize.ChartSeries{{Name: b.title, Categories: fmt.Sprintf("%s!$A$%d:$A$%d", sh, first, last), Values: fmt.Sprintf("%s!$B$%d:$B$%d", sh, first, last)}},
			Dimension: excelize.ChartDimension{Width: 640, Height: 340}}
	}
	return nil
}

func balanceChart(b summaryBlock, sh string, first, last int) *excelize.Chart {
	col := colName(4 + len(summary.Frames))
	return &excelize.Chart{Type: excelize.Line, Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Frame balance over time"}}},
		Series:    []excelize.ChartSeries{{Name: "balance", Categories: fmt.Sprintf("%s!$A$%d:$A$%d", sh, first, last), Values: fmt.Sprintf("%s!$%s$%d:$%s$%d", sh, col, first, col, last)}},
		Dimension: excelize.ChartDimension{Width: 640, Height: 320}}
}

var sheetHelp = [][2]string{
	{"About", "This sheet: how to read the workbook, the coding scheme and the label rules."},
	{"Columns", "The definition of every column of every sheet of this workbook (sheet, column, meaning, and the formula where there is one)."},
	{"Summary", "Corpus figures, frame shares with the number of sentences behind them, frame share per group or document (charts; the first 60 documents, a note under the block says when there are more), top actors by frame, top keywords and topics."},
	{"Documents", "One row per document: id, metadata, tokens, sentences, the document's frame label, sentence counts and shares per frame, balance, dominant topic, top keywords."},
	{"Sentences", "One row per sentence: document id, sentence index (0-based), frame label, the cues that fired, how many of the counted ones were negated or hedged, the actors named, the sentence text and its byte offsets in the document."},
	{"Evidence", "One row per cue match: the words in the text, the lexicon term and its file and line (builtin:framing.tsv is the built-in lexicon, which techframe lexicons export writes as framing.tsv; your files are named by their paths), frame, weight, negated/hedged flags, the frame the weight counted for (a negated cue counts for the other frame), ignored reason, byte span and the sentence."},
	{"Entities", "One row per canonical entity: type, mentions, documents, and the surface forms merged into it with their counts."},
	{"ActorFrames", "Actor x frame cross-tab: for each actor (state, organisation, person), the number of sentences naming it per frame, shares and balance, with example sentences (doc#sentence) to drill down."},
	{"Keywords", "Top TF-IDF terms per document or per group, with an example sentence."},
	{"Keyness", "Terms that set the target group apart from the reference (log-likelihood G2, p-value, log ratio), when a group is given."},
	{"Topics", "Topic model: top terms with weights and coherence (NPMI, UMass) per topic. Topics are numbered from 1 and their terms ranked by weight; techframe topics numbers them from 0 and lists terms by relevance (--rank weight matches this sheet); coherence is computed on the terms of highest weight in both, so it is the same."},
	{"DocTopics", "Document-topic proportions."},
	{"Manifest", "How this workbook was made: version, command line, settings (seeds included), results that describe the output as a whole (topic coherence and diversity), SHA-256s of the lexicons, inputs and --gold file, warnings by kind, stage timings in seconds."},
}

var codebook = [][2]string{
	{"cooperation", "The sentence presents relations between states or other actors in terms of collaboration, coordination, partnership, coalitions, shared or common norms and standards, joint solutions, multilateralism, interoperability, dialogue, mutual benefit or accommodation."},
	{"competition", "Rivalry, strategic competition, a contest for primacy, leadership or dominance, conflict, confrontation, hegemony, decoupling, sanctions, export controls, fragmentation or disagreement between powers, threats to security."},
	{"both", "Clearly both at once, with an explicit cue for each frame describing the relation in question (\"cooperation amid rivalry\")."},
	{"neutral", "Neither: description, method, domestic policy detail with no relation between actors."},
	{"balance", "(cooperation - competition) / (cooperation + competition) over sentence counts, where a 'both' sentence counts on each side. +1 = only cooperation, -1 = only competition; empty when no sentence is framed."},
	{"shares", "Sentences with a label / all sentences of the document or group; the count behind every share is shown beside it."},
	{"offsets", "start/end are byte offsets into the document's text, half-open (text[start:end]), so every figure points back to its words."},
}

// aboutRules holds the label rule text; the framing stage sets it.
var aboutRules []string

func writeAbout(set reports.TableSet, a *analysis) error {
	t, err := set.Table("About", []reports.Column{{Name: "item", Width: 22}, {Name: "explanation", Kind: "wrap", Width: 110}})
	if err != nil {
		return err
	}
	rows := [][2]string{
		{"What this is", "A techframe report: sentence-level cooperation/competition framing with evidence, domain entities, keywords and topics for a batch of commentary. Every number can be traced to a sentence via the Sentences and Evidence sheets."},
	}
	help := sheetHelp
	if a.validation { // before Manifest, as in the tab order
		n := len(help)
		help = append(append(append([][2]string(nil), help[:n-1]...), validationHelp...), help[n-1])
	}
	for _, h := range help {
		rows = append(rows, [2]string{"Sheet " + h[0], h[1]})
	}
	for _, c := range codebook {
		rows = append(rows, [2]string{"Codebook: " + c[0], c[1]})
	}
	for i, r := range aboutRules {
		rows = append(rows, [2]string{fmt.Sprintf("Label rule %d", i+1), r})
	}
	for _, r := range rows {
		if err := t.Row(r[0], r[1]); err != nil {
			return err
		}
	}
	return t.Close()
}

func writeManifest(set reports.TableSet, a *analysis) error {
	t, err := set.Table("Manifest", []reports.Column{{Name: "section", Width: 14}, {Name: "key", Width: 40}, {Name: "value", Kind: "wrap", Width: 90}})
	if err != nil {
		return err
	}
	// Rows only a workbook has: cells cut at Excel's limit, tables
	// continued on another sheet.
	var extra [][3]any
	if x, ok := xlsxOf(set); ok {
		var names []string
		for k := range x.Truncated {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			extra = append(extra, [3]any{"truncated cells", k, x.Truncated[k]})
		}
		for _, c := range x.Continued {
			extra = append(extra, [3]any{"continued sheet", c, "table continued here after the row limit"})
		}
	}
	for _, r := range a.s.manifest().Rows(extra) {
		if err := t.Row(r[0], r[1], r[2]); err != nil {
			return err
		}
	}
	return t.Close()
}
