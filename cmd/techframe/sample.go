package main

import (
	"container/heap"
	"encoding/csv"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/evaluate"
	"github.com/techframe/techframe/pipeline/formula"
	"github.com/techframe/techframe/pipeline/ingest"
	"github.com/techframe/techframe/reports"
	"github.com/urfave/cli/v2"
)

func init() {
	register(&cli.Command{
		Name:  "sample",
		Usage: "draw sentences for hand coding (stratified by the system's frame, reproducible with --seed)",
		UsageText: `techframe sample [options] [inputs...] -o tocode.csv|tocode.xlsx

Runs the annotation pipeline and draws a random sample of sentences for hand
coding, written as CSV or, with -o FILE.xlsx, as a workbook whose label
column offers the four labels as a drop-down list and whose Codebook sheet
sums up the coding scheme. Columns: doc_id, index, start, end, sentence,
context_before, context_after, system_frame (left out with --blind), label
and note (blank, for the coder). Once the label column is filled in, the
file is a gold file for "techframe evaluate --gold" (rows left blank are
skipped there). In the workbook, text is stored as text (a doc_id or
sentence that starts with an apostrophe before = + - @ gets one more, as
evaluate takes one off, also in a workbook saved from the CSV). In the CSV, text
that a spreadsheet would run as a formula (a cell starting with = + - or @)
is written with a leading apostrophe, shown as text; evaluate and --exclude
take it off the doc_id and sentence cells again, so the coded sheet still
matches every row (label and note are read as typed).

--stratify frame (the default) samples within each system frame: with
--stratify-mode equal the same number from each frame present (a frame with
too few sentences gives its share to the others), with proportional in
proportion to each frame's sentence count. --stratify FIELD stratifies by a
metadata field (outlet_type, country, ...); --stratify none draws a simple
random sample. Each stratum keeps a bounded reservoir (random keys), so the
corpus streams; the same inputs, flags and --seed give the same sample for
any --jobs. Rows are written in corpus order.

--exclude FILE leaves out the sentences of earlier coding sheets (matched by
doc_id and index, or by sentence text), so that a second round, or a test of
a model trained on the first, gets sentences nobody has coded. With the same
--seed the draw continues the first one's random order.

An equal allocation over-represents rare frames, which is what coding needs
(enough "both" rows to judge them); evaluate then weights each coded row by
the corpus sentences with its system frame, so its corpus estimates
(corrected frame shares, accuracy) describe the whole input, not the sample.

EXAMPLES:
   techframe sample samples --n 200 -o tocode.csv
   techframe sample samples --n 200 -o tocode.xlsx     # with a label drop-down and the codebook
   techframe sample corpus.jsonl --n 300 --stratify frame --blind --seed 7 -o tocode.csv
   techframe sample corpus/ --n 150 --stratify outlet_type --stratify-mode proportional -o tocode.csv
   techframe sample corpus/ --n 100 --stratify none --context 2 > tocode.csv
   techframe evaluate --gold tocode.csv corpus/           # after coding
   techframe sample corpus/ --n 200 --exclude tocode.csv -o round2.csv   # fresh sentences only
   techframe sample corpus/ --n 200 -o tocode.csv --manifest tocode.manifest.json  # seed, SHA-256s`,
		Flags: concatFlags(inputFlags(), annotationFlags(), []cli.Flag{
			&cli.IntFlag{Name: "n", Category: catAnalysis, Value: 200, Usage: "number of sentences to draw"},
			&cli.StringFlag{Name: "stratify", Category: catAnalysis, Value: "frame", Usage: "frame, none, or a metadata field"},
			&cli.StringFlag{Name: "stratify-mode", Category: catAnalysis, Value: "equal", Usage: "equal (same number per stratum) or proportional"},
			&cli.Uint64Flag{Name: "seed", Category: catAnalysis, Value: 1, Usage: "random seed"},
			&cli.IntFlag{Name: "context", Category: catOutput, Value: 1, Usage: "neighbouring sentences shown on each side"},
			&cli.BoolFlag{Name: "blind", Category: catOutput, Usage: "leave out the system_frame column, so coders do not see the system's label"},
			&cli.StringSliceFlag{Name: "exclude", Category: catInput, Usage: "earlier coding sheet `FILE`, CSV or .xlsx (repeatable): never draw its sentences again (by doc_id + index, or by sentence text)"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Category: catOutput, Value: "-", Usage: "coding sheet: FILE.csv, or FILE.xlsx for a workbook with a label drop-down (written atomically); - for CSV on stdout"},
			manifestFlag(),
		}),
		Action: runSample,
	})
}

// sampled is one drawn sentence.
type sampled struct {
	key                 uint64
	seq, index          int
	docID               string
	start, end          int
	text, before, after string
	frame               string
}

// reservoir keeps the k items with the smallest keys (a max-heap on key):
// the kept items are a uniform random sample without replacement, and any
// prefix of them by key is one too.
type reservoir struct {
	k     int
	seen  int
	items []*sampled
}

func (r *reservoir) Len() int           { return len(r.items) }
func (r *reservoir) Less(i, j int) bool { return r.items[i].key > r.items[j].key }
func (r *reservoir) Swap(i, j int)      { r.items[i], r.items[j] = r.items[j], r.items[i] }
func (r *reservoir) Push(x any)         { r.items = append(r.items, x.(*sampled)) }
func (r *reservoir) Pop() any {
	x := r.items[len(r.items)-1]
	r.items = r.items[:len(r.items)-1]
	return x
}

// offer counts an item and keeps it if its key is among the k smallest.
// build is called only for kept items.
func (r *reservoir) offer(key uint64, build func() *sampled) {
	r.seen++
	if len(r.items) < r.k {
		s := build()
		s.key = key
		heap.Push(r, s)
		return
	}
	if key < r.items[0].key {
		s := build()
		s.key = key
		r.items[0] = s
		heap.Fix(r, 0)
	}
}

// smallest returns the m items with the smallest keys.
func (r *reservoir) smallest(m int) []*sampled {
	items := append([]*sampled(nil), r.items...)
	sort.Slice(items, func(i, j int) bool { return items[i].key < items[j].key })
	return items[:min(m, len(items))]
}

func runSample(c *cli.Context) error {
	s := newSession(c)
	n := c.Int("n")
	if n < 1 {
		return pipeline.Usagef("sample: --n must be at least 1, not %d", n)
	}
	strat := c.String("stratify")
	if strat == "" {
		return pipeline.Usagef("sample: --stratify is empty: use frame, none or a metadata field")
	}
	mode := c.String("stratify-mode")
	if mode != "equal" && mode != "proportional" {
		return pipeline.Usagef("sample: --stratify-mode must be equal or proportional, not %q", mode)
	}
	ctxN := c.Int("context")
	if ctxN < 0 {
		return pipeline.Usagef("sample: --context must be 0 or more, not %d", ctxN)
	}
	target := c.String("output")
	ext := strings.ToLower(filepath.Ext(target))
	if ext == ".json" || ext == ".jsonl" {
		return pipeline.Usagef("sample: -o %s: the coding sheet is CSV, or a workbook with -o FILE.xlsx", target)
	}
	workbook := ext == ".xlsx"
	for _, x := range c.StringSlice("exclude") {
		if sameFile(target, x) {
			return pipeline.Usagef("sample: -o %s would overwrite the coding sheet given to --exclude", target)
		}
	}
	seed := c.Uint64("seed")
	for k, v := range map[string]any{"n": n, "stratify": strat, "stratify_mode": mode, "seed": seed, "context": ctxN, "blind": c.Bool("blind"),
		"exclude": c.StringSlice("exclude"), "output": target} {
		s.setting(k, v)
	}
	mf, err := openManifest(c)
	if err != nil {
		return err
	}
	defer mf.abort()
	// An -o that an input folder or glob brings in is refused before the
	// --exclude sheets are read (the run's own check comes after them).
	if err := checkOutputs(c, ingest.Resolve(c.Args().Slice())); err != nil {
		return err
	}
	excl, err := readExcludes(c.StringSlice("exclude"))
	if err != nil {
		return err
	}
	s.recordExclude(excl.files)
	rng := rand.New(rand.NewPCG(seed, 0x7465636866726d65)) // "techfrme"
	strata := map[string]*reservoir{}
	seq := 0
	withField := 0 // documents that have the --stratify field
	// stratum names the stratum of sentence i of d.
	stratum := func(d *pipeline.Document, i int) string {
		switch strat {
		case "none":
			return "all"
		case "frame":
			if f := d.Sentences[i].Frame; f != "" {
				return f
			}
			return "(no frame)"
		}
		if v, _ := d.Meta.Get(strat); v != "" {
			return v
		}
		return "(blank)"
	}
	offer := func(name string, key uint64, build func() *sampled) {
		r := strata[name]
		if r == nil {
			r = &reservoir{k: n}
			strata[name] = r
		}
		r.offer(key, build)
	}
	// pending holds the sentences that an --exclude row names by a doc_id
	// equal to the document's id by path only: excluded once the inputs
	// are read, if no other document turns out to have that doc_id.
	var pending []pendingSentence
	sink := func(d *pipeline.Document) error {
		if _, ok := d.Meta.Get(strat); ok {
			withField++
		}
		named := excl.see(d)
		for i, sent := range d.Sentences {
			key := rng.Uint64() // drawn for excluded sentences too: the others keep their keys
			build := func() *sampled {
				return &sampled{seq: seq, index: i, docID: d.ID, start: sent.Start, end: sent.End,
					text: d.SpanText(sent.Span), frame: sent.Frame,
					before: neighbours(d, i-ctxN, i), after: neighbours(d, i+1, i+1+ctxN)}
			}
			out, byPath := excl.has(d, i, named)
			switch {
			case out:
				excl.skipped++
				continue
			case byPath != "":
				pending = append(pending, pendingSentence{sheetID: byPath, docID: d.ID, name: stratum(d, i), key: key, s: build()})
				continue
			}
			offer(stratum(d, i), key, build)
		}
		seq++
		return nil
	}
	out, err := reports.OpenOutput(target, s.env.Stdout)
	if err != nil {
		return err
	}
	if _, err := s.annotate(c, sink); err != nil {
		out.Abort()
		return err
	}
	if strat != "none" && strat != "frame" && withField == 0 && seq > 0 {
		out.Abort()
		return pipeline.Usagef("sample: --stratify %q: no document has this metadata field (use frame, none or a field of the inputs)", strat)
	}
	for _, p := range pending {
		if doc, byPath, _ := excl.ids.Resolve(p.sheetID); byPath && doc == p.docID {
			excl.skipped++
			excl.byPath = evaluate.CountPath(excl.byPath, p.sheetID, doc)
			continue
		}
		offer(p.name, p.key, func() *sampled { return p.s })
	}
	noteByPath(s, "sample", "--exclude "+strings.Join(c.StringSlice("exclude"), ", "), excl.byPath)
	names := stratumOrder(strata)
	sizes := make([]int, len(names))
	for i, nm := range names {
		sizes[i] = strata[nm].seen
	}
	quota := allocate(n, sizes, mode == "proportional" && strat != "none")
	var picked []*sampled
	for i, nm := range names {
		picked = append(picked, strata[nm].smallest(quota[i])...)
	}
	sort.Slice(picked, func(i, j int) bool {
		if picked[i].seq != picked[j].seq {
			return picked[i].seq < picked[j].seq
		}
		return picked[i].index < picked[j].index
	})
	if workbook {
		err = writeSampleWorkbook(out, picked, c.Bool("blind"))
	} else {
		err = writeSample(out, picked, c.Bool("blind"))
	}
	if err == nil && !s.quiet {
		var parts []string
		for i, nm := range names {
			parts = append(parts, fmt.Sprintf("%s %d of %d", nm, quota[i], sizes[i]))
		}
		fmt.Fprintf(s.env.Stderr, "techframe: sample: %d sentences drawn (seed %d, stratified by %s, %s): %s\n",
			len(picked), seed, strat, mode, strings.Join(parts, "; "))
		if excl.rows > 0 {
			fmt.Fprintf(s.env.Stderr, "techframe: sample: %d sentences left out, listed in %d rows of %s\n", excl.skipped, excl.rows, strings.Join(c.StringSlice("exclude"), ", "))
		}
	}
	return mf.commit(s, finish(out, err))
}

// neighbours joins the text of sentences [from, to) that exist.
func neighbours(d *pipeline.Document, from, to int) string {
	from = max(from, 0)
	to = min(to, len(d.Sentences))
	if from >= to {
		return ""
	}
	return d.Text[d.Sentences[from].Start:d.Sentences[to-1].End]
}

// stratumOrder lists frame labels in the codebook's order, then other
// strata alphabetically.
func stratumOrder(strata map[string]*reservoir) []string {
	rank := map[string]int{}
	for i, l := range evaluate.Labels {
		rank[l] = i + 1
	}
	var names []string
	for nm := range strata {
		names = append(names, nm)
	}
	sort.Slice(names, func(i, j int) bool {
		ri, rj := rank[names[i]], rank[names[j]]
		if ri == 0 {
			ri = len(rank) + 1
		}
		if rj == 0 {
			rj = len(rank) + 1
		}
		if ri != rj {
			return ri < rj
		}
		return names[i] < names[j]
	})
	return names
}

// allocate splits n draws over strata of the given sizes. Proportional
// allocation gives n*size/total with the remainder to the largest
// fractional parts (ties to the earlier stratum); equal allocation gives
// each stratum the same share, a stratum too small for it passing the rest
// on to the others. No stratum gets more than its size; the total is
// min(n, sum of sizes).
func allocate(n int, sizes []int, proportional bool) []int {
	q := make([]int, len(sizes))
	total := 0
	for _, s := range sizes {
		total += s
	}
	if total <= n {
		copy(q, sizes)
		return q
	}
	if proportional {
		type rem struct {
			i    int
			frac int // remainder of n*size/total, compared exactly
		}
		var rems []rem
		left := n
		for i, s := range sizes {
			q[i] = n * s / total
			left -= q[i]
			rems = append(rems, rem{i, n * s % total})
		}
		sort.SliceStable(rems, func(a, b int) bool { return rems[a].frac > rems[b].frac })
		for k := 0; left > 0; k++ {
			if q[rems[k].i] < sizes[rems[k].i] {
				q[rems[k].i]++
				left--
			}
		}
		return q
	}
	left := n
	for left > 0 {
		var open []int
		for i, s := range sizes {
			if q[i] < s {
				open = append(open, i)
			}
		}
		if len(open) == 0 {
			break
		}
		share := left / len(open)
		if share == 0 {
			for _, i := range open[:left] {
				q[i]++
			}
			break
		}
		for _, i := range open {
			add := min(share, sizes[i]-q[i])
			q[i] += add
			left -= add
		}
	}
	return q
}

func writeSample(out *reports.Output, rows []*sampled, blind bool) error {
	cw := csv.NewWriter(out)
	head := []string{"doc_id", "index", "start", "end", "sentence", "context_before", "context_after", "system_frame", "label", "note"}
	if blind {
		head = append(head[:7:7], "label", "note")
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, r := range rows {
		rec := []string{r.docID, strconv.Itoa(r.index), strconv.Itoa(r.start), strconv.Itoa(r.end), r.text, r.before, r.after}
		if !blind {
			rec = append(rec, r.frame)
		}
		// Coders open the sheet in a spreadsheet: text from the input that
		// would run as a formula gets an apostrophe (evaluate and
		// --exclude take it off again).
		for i := range rec {
			rec[i] = formula.Defuse(rec[i])
		}
		if err := cw.Write(append(rec, "", "")); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeSampleWorkbook writes the coding sheet as an .xlsx workbook: the
// columns of writeSample, a drop-down list of labels in the label column,
// and a Codebook sheet. Cells hold text as text, so nothing is escaped.
func writeSampleWorkbook(out *reports.Output, rows []*sampled, blind bool) error {
	cols := []reports.Column{{Name: "doc_id", Width: 14}, {Name: "index", Kind: "int", Width: 8}, {Name: "start", Kind: "int", Width: 9},
		{Name: "end", Kind: "int", Width: 9}, {Name: "sentence", Kind: "wrap", Width: 70},
		{Name: "context_before", Kind: "wrap", Width: 40}, {Name: "context_after", Kind: "wrap", Width: 40}}
	if !blind {
		cols = append(cols, reports.Column{Name: "system_frame", Width: 14})
	}
	cols = append(cols, reports.Column{Name: "label", Width: 15}, reports.Column{Name: "note", Kind: "wrap", Width: 30})
	sheet := &reports.CodingSheet{Sheet: evaluate.CodingSheetName, Columns: cols, LabelColumn: len(cols) - 2,
		Labels: evaluate.Labels, Guide: codingGuide}
	for _, r := range rows {
		// A workbook cell holds "=x" as text, but evaluate and --exclude
		// take a leading apostrophe before = + - @ off a doc_id or
		// sentence (the CSV escape, kept when a coder saves the CSV sheet
		// as .xlsx): text that itself starts so gets one more.
		rec := []any{formula.KeepQuote(r.docID), r.index, r.start, r.end, formula.KeepQuote(r.text), r.before, r.after}
		if !blind {
			rec = append(rec, r.frame)
		}
		sheet.Rows = append(sheet.Rows, rec)
	}
	_, err := sheet.WriteTo(out)
	return err
}

// codingGuide is the Codebook sheet of a coding workbook: the labels and
// the decision rules of the coding scheme, in short.
var codingGuide = [][2]string{
	{"How to code", "Read each sentence on its own (the context columns are there to understand it, not to code it) and pick its label from the list in the label column. Leave a row blank to skip it: blank rows are not scored. The note column is free text; tags separated by \";\" (negation; hedge; rule-4 ...) are scored separately by techframe evaluate."},
	{},
	{"cooperation", "The sentence presents relations between states or other actors as working together: collaboration, coordination, partnership, coalitions, shared norms or standards, joint solutions, multilateralism, interoperability, dialogue, mutual benefit, accommodation."},
	{"competition", "Relations as rivalry: strategic competition, a contest for primacy or dominance, conflict, confrontation, hegemony, decoupling, sanctions, export controls, fragmentation or disagreement between powers, threats to security."},
	{"both", "Clearly both at once, with a cue for each frame that describes the relation in question (\"cooperation amid rivalry\")."},
	{"neutral", "Neither: description, method, or domestic policy detail with no relation between actors."},
	{},
	{"Decision rules", ""},
	{"1", "Shaping norms or gaining influence with no rival named is neutral; an explicit claim to lead, dominate or be first is competition."},
	{"2", "Taking part in or engaging with multilateral bodies is cooperation; mere prominence in them is neutral."},
	{"3", "Avoiding antagonism (managing differences peacefully) is cooperation."},
	{"4", "Coordination inside one country is not cooperation (ministries aligning their rules is neutral)."},
	{"5", "Shared threats that actors tackle together are cooperation, although the threat word alone would suggest competition."},
	{"6", "Diplomatic logistics (envoys appointed, visits announced, offices opened) are neutral; cooperation needs an agreement, negotiation, joint action, assistance or friendliness."},
	{"7", "Trade or investment volume is neutral unless the sentence gives it a relation: an agreement that opens markets is cooperation; tariffs, trade cases, unfair practices, IP theft, export controls, sanctions and subsidies aimed at a rival are competition."},
	{"8", "Armed conflict, violence, coercion and military deployment are competition; an alliance's joint effort inside a war is both."},
	{"9", "An implicit race that measures one power against another is competition."},
	{"10", "both needs an explicit cue for each frame; a frame that is only a backdrop (\"after years of hostility, exchanges resumed\") does not count."},
	{"11", "Code the sentence alone; neighbouring sentences do not change its label."},
	{},
	{"Hard cases", "A negated or hedged cue does not carry its frame (\"did not seek confrontation\"); a cue about something else does not count (\"competitive prices\" in a trade statistic, \"war on poverty\" in domestic policy)."},
}

// pendingSentence is a sentence held back from the draw until the inputs
// are read (see the sink of runSample).
type pendingSentence struct {
	sheetID, docID, name string
	key                  uint64
	s                    *sampled
}

// excludeRow is a row of an --exclude sheet that names its sentence by
// index (and perhaps text) in a document.
type excludeRow struct {
	index int
	text  string
}

// excludeSet holds the sentences of earlier coding sheets (--exclude).
type excludeSet struct {
	// byIndex holds the rows with doc_id and index, by doc_id (with
	// their sentence text, when the sheet has one).
	byIndex map[string][]excludeRow
	// ids ties the sheets' doc_ids to the inputs' document ids (a doc_id
	// no document has names the one equal to it by path); byPath counts
	// the sentences left out so.
	ids    *evaluate.DocIDs
	byPath []evaluate.PathIDs
	byText map[string]bool // Normalize(sentence)
	// rows read from the files, and corpus sentences skipped.
	rows, skipped int
	// files identifies each sheet read, for the manifest.
	files []reports.ManifestFile
}

// readExcludes reads coding sheets, CSV or .xlsx (evaluate.ReadTable):
// doc_id and index columns (as sample writes), or a sentence column.
// Labels are not needed: a sheet still being coded is excluded too.
func readExcludes(paths []string) (*excludeSet, error) {
	x := &excludeSet{byIndex: map[string][]excludeRow{}, byText: map[string]bool{}, ids: evaluate.NewDocIDs()}
	// Every problem of every sheet is listed, as for a gold file.
	var problems []string
	bad := func(p string, line int, format string, args ...any) {
		where := p
		if line > 0 {
			where = fmt.Sprintf("%s:%d", p, line)
		}
		problems = append(problems, where+": "+fmt.Sprintf(format, args...))
	}
	for _, p := range paths {
		t, probs, err := evaluate.ReadTableFile(p)
		var pp *evaluate.PosProblem
		switch {
		case errors.As(err, &pp):
			bad(p, pp.Line, "%s", pp.Msg)
			continue
		case err != nil:
			bad(p, 0, "%v", err)
			continue
		case t.Header == nil:
			bad(p, 0, "the file is empty")
			continue
		}
		for _, pr := range probs {
			bad(p, pr.Line, "%s", pr.Msg)
		}
		x.files = append(x.files, reports.ManifestFile{Path: p, SHA256: t.SHA256, Bytes: t.Bytes, Rows: len(t.Rows)})
		iDoc, iIdx, iSent := t.Column("doc_id"), t.Column("index"), t.Column("sentence")
		if !(iDoc >= 0 && iIdx >= 0) && iSent < 0 {
			bad(p, t.HeaderLine, "needs doc_id and index columns, or a sentence column")
			continue
		}
		restore := formula.Restore
		for _, r := range t.Rows {
			// Undo the escaping sample wrote on doc_id and sentence in a
			// CSV, also in a workbook saved from such a CSV (see
			// evaluate.ReadGold); an index is never escaped, so it is read
			// as stored.
			doc := strings.TrimSpace(restore(r.Cell(iDoc)))
			idx := strings.TrimSpace(r.RawCell(iIdx))
			sent := strings.TrimSpace(restore(r.Cell(iSent)))
			switch {
			case doc != "" && idx != "":
				n, err := strconv.Atoi(idx)
				if err != nil || n < 0 {
					bad(p, r.Line, "index %q is not a sentence number", idx)
					continue
				}
				x.byIndex[doc] = append(x.byIndex[doc], excludeRow{n, sent})
				x.ids.Want(doc)
			case sent != "":
				x.byText[evaluate.Normalize(sent)] = true
			default:
				continue
			}
			x.rows++
		}
	}
	switch len(problems) {
	case 0:
		return x, nil
	case 1:
		return nil, pipeline.Usagef("sample: --exclude %s", problems[0])
	}
	return nil, pipeline.Usagef("sample: --exclude: %d problems:\n  %s", len(problems), strings.Join(problems, "\n  "))
}

// see takes the next document and returns its sentences that sheets name
// by doc_id and index, each with the doc_id that names it: the document's
// own id, or one that no document so far has and only this one equals by
// path (settled when every document is read). A row's sentence is the one
// its index names unless its text is another sentence of the document, as
// evaluate matches it (evaluate.SheetSentence).
func (x *excludeSet) see(d *pipeline.Document) map[int]string {
	if len(x.byIndex) == 0 {
		return nil
	}
	var out map[int]string
	texts := evaluate.NewSheetTexts(d)
	for _, sid := range x.ids.See(d.ID) {
		if sid != d.ID && !x.ids.Candidate(sid, d.ID) {
			continue
		}
		for _, r := range x.byIndex[sid] {
			i, _ := evaluate.SheetSentence(texts, r.index, r.text)
			if i < 0 {
				continue
			}
			if out == nil {
				out = map[int]string{}
			}
			if out[i] != d.ID { // the document's own id wins
				out[i] = sid
			}
		}
	}
	return out
}

// has reports whether sentence i of d is in an excluded sheet (out), or
// else the sheet doc_id that names it only by path (named: from see),
// which is settled when every document is read.
func (x *excludeSet) has(d *pipeline.Document, i int, named map[int]string) (out bool, byPath string) {
	if len(x.byText) > 0 && x.byText[evaluate.Normalize(d.SpanText(d.Sentences[i].Span))] {
		return true, ""
	}
	sid, ok := named[i]
	switch {
	case !ok:
		return false, ""
	case sid == d.ID:
		return true, ""
	}
	return false, sid
}
