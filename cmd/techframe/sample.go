package main

import (
	"bytes"
	"container/heap"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/evaluate"
	"github.com/techframe/techframe/pipeline/formula"
	"github.com/techframe/techframe/reports"
	"github.com/urfave/cli/v2"
)

func init() {
	register(&cli.Command{
		Name:  "sample",
		Usage: "draw sentences for hand coding (stratified by the system's frame, reproducible with --seed)",
		UsageText: `techframe sample [options] [inputs...] -o tocode.csv

Runs the annotation pipeline and draws a random sample of sentences for hand
coding, written as CSV: doc_id, index, start, end, sentence, context_before,
context_after, system_frame (left out with --blind), label and note (blank,
for the coder). Once the label column is filled in, the file is a gold file
for "techframe evaluate --gold" (rows left blank are skipped there). Text
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
			&cli.StringSliceFlag{Name: "exclude", Category: catInput, Usage: "earlier coding sheet `FILE` (repeatable): never draw its sentences again (by doc_id + index, or by sentence text)"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Category: catOutput, Value: "-", Usage: "CSV file (written atomically), - for stdout"},
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
	if ext := strings.ToLower(filepath.Ext(target)); ext == ".xlsx" || ext == ".json" || ext == ".jsonl" {
		return pipeline.Usagef("sample: -o %s: the coding sheet is CSV (it opens in Excel and reads back with evaluate --gold)", target)
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
	excl, err := readExcludes(c.StringSlice("exclude"))
	if err != nil {
		return err
	}
	s.recordExclude(excl.files)
	rng := rand.New(rand.NewPCG(seed, 0x7465636866726d65)) // "techfrme"
	strata := map[string]*reservoir{}
	seq := 0
	sink := func(d *pipeline.Document) error {
		for i, sent := range d.Sentences {
			key := rng.Uint64() // drawn for excluded sentences too: the others keep their keys
			if excl.has(d, i) {
				excl.skipped++
				continue
			}
			var name string
			switch strat {
			case "none":
				name = "all"
			case "frame":
				name = sent.Frame
				if name == "" {
					name = "(no frame)"
				}
			default:
				v, _ := d.Meta.Get(strat)
				name = v
				if name == "" {
					name = "(blank)"
				}
			}
			r := strata[name]
			if r == nil {
				r = &reservoir{k: n}
				strata[name] = r
			}
			r.offer(key, func() *sampled {
				return &sampled{seq: seq, index: i, docID: d.ID, start: sent.Start, end: sent.End,
					text: d.SpanText(sent.Span), frame: sent.Frame,
					before: neighbours(d, i-ctxN, i), after: neighbours(d, i+1, i+1+ctxN)}
			})
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
	err = writeSample(out, picked, c.Bool("blind"))
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

// excludeSet holds the sentences of earlier coding sheets (--exclude).
type excludeSet struct {
	byIndex map[string]bool // doc_id, NUL, sentence index
	byText  map[string]bool // Normalize(sentence)
	// rows read from the files, and corpus sentences skipped.
	rows, skipped int
	// files identifies each sheet read, for the manifest.
	files []reports.ManifestFile
}

// readExcludes reads coding sheets: CSV with doc_id and index columns (as
// sample writes), or a sentence column. Labels are not needed: a sheet
// still being coded is excluded too.
func readExcludes(paths []string) (*excludeSet, error) {
	x := &excludeSet{byIndex: map[string]bool{}, byText: map[string]bool{}}
	for _, p := range paths {
		recs, file, err := readCSVFile(p)
		if err != nil {
			return nil, pipeline.Usagef("sample: --exclude %s: %v", p, err)
		}
		if len(recs) == 0 {
			return nil, pipeline.Usagef("sample: --exclude %s: the file is empty", p)
		}
		for _, r := range recs[1:] {
			if len(r) > 1 || strings.TrimSpace(r[0]) != "" {
				file.Rows++
			}
		}
		x.files = append(x.files, file)
		col := map[string]int{}
		for i, h := range recs[0] {
			col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
		}
		iDoc, hasDoc := col["doc_id"]
		iIdx, hasIdx := col["index"]
		iSent, hasSent := col["sentence"]
		if !(hasDoc && hasIdx) && !hasSent {
			return nil, pipeline.Usagef("sample: --exclude %s:1: needs doc_id and index columns, or a sentence column", p)
		}
		for ln, r := range recs[1:] {
			cell := func(i int, ok bool) string {
				if !ok || i >= len(r) {
					return ""
				}
				return r[i]
			}
			// Undo the escaping sample wrote on doc_id and sentence; an
			// index is never escaped, so it is read as typed.
			doc := strings.TrimSpace(formula.Restore(cell(iDoc, hasDoc)))
			idx := strings.TrimSpace(cell(iIdx, hasIdx))
			sent := strings.TrimSpace(formula.Restore(cell(iSent, hasSent)))
			switch {
			case doc != "" && idx != "":
				n, err := strconv.Atoi(idx)
				if err != nil || n < 0 {
					return nil, pipeline.Usagef("sample: --exclude %s:%d: index %q is not a sentence number", p, ln+2, idx)
				}
				x.byIndex[doc+"\x00"+strconv.Itoa(n)] = true
			case sent != "":
				x.byText[evaluate.Normalize(sent)] = true
			default:
				continue
			}
			x.rows++
		}
	}
	return x, nil
}

// has reports whether sentence i of d is in an excluded sheet.
func (x *excludeSet) has(d *pipeline.Document, i int) bool {
	if len(x.byIndex) > 0 && x.byIndex[d.ID+"\x00"+strconv.Itoa(i)] {
		return true
	}
	return len(x.byText) > 0 && x.byText[evaluate.Normalize(d.SpanText(d.Sentences[i].Span))]
}

// readCSVFile reads a whole CSV file (rows may differ in length), and
// identifies it by path, SHA-256 and size (Rows left to the caller).
func readCSVFile(path string) ([][]string, reports.ManifestFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, reports.ManifestFile{}, err
	}
	sum := sha256.Sum256(data)
	file := reports.ManifestFile{Path: path, SHA256: hex.EncodeToString(sum[:]), Bytes: int64(len(data))}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	return recs, file, err
}
