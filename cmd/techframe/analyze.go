package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/summary"
	"github.com/techframe/techframe/pipeline/tfidf"
	"github.com/techframe/techframe/pipeline/vocab"
	"github.com/techframe/techframe/reports"
	"github.com/urfave/cli/v2"
)

// sheetOrder fixes the workbook's tab order.
var sheetOrder = []string{"About", "Columns", "Summary", "Documents", "Sentences", "Evidence", "Entities", "ActorFrames", "Keywords", "Keyness", "Topics", "DocTopics", "Manifest"}

// validationSheets are the sheets analyze --gold adds, before Manifest.
var validationSheets = []string{"Validation", "Disagreements"}

// reportSheets is the tab order of a report: sheetOrder, with the
// validation sheets when the run scores a gold file.
func reportSheets(validation bool) []string {
	if !validation {
		return sheetOrder
	}
	n := len(sheetOrder)
	out := append([]string(nil), sheetOrder[:n-1]...)
	return append(append(out, validationSheets...), sheetOrder[n-1])
}

// corpusStage is a corpus-level part of analyze (keywords, topics): it sees
// every document as it streams past, then writes its tables after the
// barrier. Files of this package add them to corpusStages in init.
type corpusStage struct {
	name  string
	order int
	flags []cli.Flag
	// start is called before the run; it returns nil when the stage is off.
	start func(c *cli.Context, s *session, a *analysis) (corpusRun, error)
}

type corpusRun interface {
	Add(d *pipeline.Document, a *analysis) error
	// Finish computes and writes the stage's tables.
	Finish(set reports.TableSet, a *analysis) error
}

var corpusStages []corpusStage

// registerCorpusStage is called from package-level variable initialisers
// (var _ = registerCorpusStage(...)), which run before every init function,
// so analyze's flag list built in init sees every stage's flags.
func registerCorpusStage(cs corpusStage) bool {
	corpusStages = append(corpusStages, cs)
	sort.SliceStable(corpusStages, func(i, j int) bool { return corpusStages[i].order < corpusStages[j].order })
	return true
}

// analysis is the state shared by analyze's parts.
type analysis struct {
	s      *session
	corpus *summary.Corpus
	docs   []docRow
	// DocExtras: per-document extra columns from corpus stages, keyed by
	// column name then document index (dominant topic, top keywords).
	docExtraCols []string
	docExtras    map[string][]string
	summary      []summaryBlock
	groupBy      string
	// validation is set when --gold names a hand-coded file to score.
	validation bool
	// framing and entities are false with --no-framing and --no-entities:
	// the tables of a part that did not run are left out or marked, never
	// shown as zeros.
	framing, entities bool
	// matrix and weights are the corpus's document-term counts and TF-IDF
	// once the keywords part has run (nil with --no-keywords).
	matrix  *vocab.Matrix
	weights *tfidf.Weights
	// seqs are the documents' term sequences as matrix columns (-1 for a
	// pruned term), for topic coherence windows.
	seqs [][]int32
}

// docRow is what the Documents sheet keeps per document (no text).
type docRow struct {
	id        string
	meta      pipeline.Meta
	tokens    int
	sentences int
	counts    summary.Counts
	fields    []reports.Field
}

// summaryBlock is one titled section of the Summary sheet.
type summaryBlock struct {
	title string
	cols  []string
	rows  [][]any
	chart string // "", "pie", "share" (frame shares per row), "share+balance", "bar"
	// pct marks columns shown as percentages.
	pct map[int]bool
	// note is a line under the rows about the block as a whole, such as
	// how many of the documents it shows; "" for none.
	note string
}

func (a *analysis) setDocExtra(col string, docIndex int, v string) {
	if a.docExtras == nil {
		a.docExtras = map[string][]string{}
	}
	vals, ok := a.docExtras[col]
	if !ok {
		a.docExtraCols = append(a.docExtraCols, col)
		vals = make([]string, len(a.docs))
	}
	vals[docIndex] = v
	a.docExtras[col] = vals
}

func (a *analysis) addSummary(b summaryBlock) { a.summary = append(a.summary, b) }

func init() {
	var flags []cli.Flag
	flags = append(flags, inputFlags()...)
	flags = append(flags, annotationFlags()...)
	flags = append(flags,
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Category: catOutput, Usage: "report.xlsx (workbook), DIR/ (one CSV per table) or report.json; without it JSON goes to stdout when stdout is a pipe"},
		&cli.StringFlag{Name: "group-by", Category: catAnalysis, Usage: "metadata field to group documents by (outlet, country, year, ...); a group is the value as typed, so 007 and 7, or 2019 and 2019.0, are two groups (--bin year:1 puts every spelling of a year in one)"},
		&cli.StringFlag{Name: "bin", Category: catAnalysis, Usage: "bin a numeric or date field, e.g. year:10 for decades or date:1 for years"},
	)
	for _, cs := range corpusStages {
		flags = append(flags, cs.flags...)
	}
	register(&cli.Command{
		Name:  "analyze",
		Usage: "the whole pipeline (entities, framing, keywords, topics) into one workbook to share",
		UsageText: `techframe analyze [options] [inputs...] -o report.xlsx

Runs ingest, tokenizing, entities, framing, keywords and topics and writes an
Excel workbook (About, Columns, Summary with charts, Documents, Sentences, Evidence,
Entities, ActorFrames, Keywords, Keyness, Topics, DocTopics, Manifest).
With --gold CODED.csv (a sample from "techframe sample", coded by hand) it
also scores the frame tagger against the coding and corrects the frame
shares by it (Validation and Disagreements sheets, as "techframe evaluate").

EXAMPLES:
   techframe analyze samples -o report.xlsx
   techframe analyze corpus.jsonl --group-by outlet_type --k 15 --seed 7 -o report.xlsx
   techframe analyze corpus.jsonl --gold tocode.csv -o report.xlsx            # with the validation sheets
   techframe analyze corpus.jsonl --group-by date --bin date:1 -o tables/      # one CSV per table
   cat corpus.jsonl | techframe analyze -o report.xlsx
   cat corpus.jsonl | techframe analyze | jq '.tables[0]'                    # JSON to a pipe`,
		Flags:  flags,
		Action: runAnalyze,
	})
}

func runAnalyze(c *cli.Context) error {
	s := newSession(c)
	e := s.env
	target := c.String("output")
	// On a terminal without -o, run and print a short summary on stderr,
	// with a hint on where a report could go.
	summaryOnly := target == "" && e.StdoutTTY
	a := &analysis{s: s, groupBy: c.String("group-by"), framing: !c.Bool("no-framing"), entities: !c.Bool("no-entities") || c.Bool("ner")}
	binner, err := parseBin(c.String("bin"), a.groupBy, s.warn)
	if err != nil {
		return err
	}
	if c.String("bin") != "" && a.groupBy == "" {
		a.groupBy = strings.SplitN(c.String("bin"), ":", 2)[0]
	}
	s.setting("group_by", a.groupBy)
	s.setting("bin", c.String("bin"))
	a.corpus = summary.NewCorpus(a.groupBy, binner)

	var runs []corpusRun
	var runNames []string
	for _, cs := range corpusStages {
		r, err := cs.start(c, s, a)
		if err != nil {
			return err
		}
		if r != nil {
			runs = append(runs, r)
			runNames = append(runNames, cs.name)
		}
	}

	var set reports.TableSet
	if summaryOnly {
		set = reports.DiscardSet{}
		s.setting("output", "none (summary on the terminal)")
	} else if set, err = openTableSet(target, e, s, reportSheets(a.validation), reportSheets(true)); err != nil {
		return err
	}
	// Every table's columns are recorded for the Columns table.
	set = &columnRecorder{TableSet: set}
	fail := func(err error) error { set.Abort(); return err }

	sentences, err := set.Table("Sentences", sentenceColumns(a))
	if err != nil {
		return fail(err)
	}
	// Without framing there is no evidence: no Evidence table (the
	// workbook's sheet says why).
	var evidence reports.RowWriter = reports.DiscardSet{}.Discard()
	if a.framing {
		evidence, err = set.Table("Evidence", []reports.Column{
			{Name: "doc_id", Width: 14}, {Name: "sentence", Kind: "int"}, {Name: "text", Width: 22}, {Name: "term", Width: 22}, {Name: "frame", Width: 13},
			{Name: "weight", Kind: "float"}, {Name: "negated", Kind: "int"}, {Name: "hedged", Kind: "int"}, {Name: "counts_for", Width: 13}, {Name: "ignored", Width: 20},
			{Name: "lexicon", Width: 20}, {Name: "line", Kind: "int"}, {Name: "start", Kind: "int"}, {Name: "end", Kind: "int"}, {Name: "sentence_text", Kind: "wrap", Width: 80},
		})
		if err != nil {
			return fail(err)
		}
	}

	var extra []pipeline.Stage
	for _, r := range runs {
		if ws, ok := r.(interface{ workerStage() pipeline.Stage }); ok {
			extra = append(extra, ws.workerStage())
		}
	}
	// The Sentences and Evidence rows are written by their own goroutine,
	// in input order, beside the sink's corpus statistics: both only read
	// the finished documents.
	rowDocs := make(chan *pipeline.Document, 16)
	rowsDone := make(chan error, 1)
	go func() {
		var err error
		for d := range rowDocs {
			if err == nil {
				err = writeSentenceRows(a, sentences, evidence, d)
			}
		}
		rowsDone <- err
	}()
	bar := s.progress("analyzing")
	_, err = s.annotateWith(c, annotateOpts{extra: extra}, func(d *pipeline.Document) error {
		bar.Add(1)
		a.corpus.Add(d)
		row := docRow{id: d.ID, meta: d.Meta, tokens: len(d.Tokens), sentences: len(d.Sentences), counts: summary.DocCounts(d)}
		for _, f := range docFieldFuncs {
			row.fields = append(row.fields, f(d)...)
		}
		a.docs = append(a.docs, row)
		select {
		case rowDocs <- d:
		case <-c.Context.Done():
			return c.Context.Err()
		}
		for _, r := range runs {
			if err := r.Add(d, a); err != nil {
				return err
			}
		}
		return nil
	})
	close(rowDocs)
	if rerr := <-rowsDone; err == nil {
		err = rerr
	}
	bar.Finish()
	if err != nil {
		return fail(err)
	}
	if a.groupBy != "" && a.corpus.MissingGroup == a.corpus.Docs {
		return fail(pipeline.Usagef("--group-by %q: no document has this metadata field; available fields: %s", a.groupBy, strings.Join(metaFields(a.docs), ", ")))
	}
	if err := sentences.Close(); err != nil {
		return fail(err)
	}
	if err := evidence.Close(); err != nil {
		return fail(err)
	}
	for i, r := range runs {
		if err := c.Context.Err(); err != nil {
			return fail(err)
		}
		t := time.Now()
		if err := r.Finish(set, a); err != nil {
			return fail(err)
		}
		s.timings = append(s.timings, reports.Field{Name: runNames[i] + " (wall)", Value: time.Since(t)})
	}
	if err := writeCorpusTables(set, a); err != nil {
		return fail(err)
	}
	if err := noteEmptySheets(set, a); err != nil {
		return fail(err)
	}
	if err := writeColumns(set, a); err != nil {
		return fail(err)
	}
	// An interrupt during the corpus stages leaves the earlier report alone.
	if err := c.Context.Err(); err != nil {
		return fail(err)
	}
	if err := set.Commit(); err != nil {
		return err
	}
	if summaryOnly {
		printSummary(e.Stderr, a)
		fmt.Fprintln(e.Stderr, "techframe: no report written: add -o report.xlsx (workbook), -o DIR/ (CSV tables) or -o report.json, or pipe stdout for JSON")
		return nil
	}
	if target != "" && target != "-" && !s.quiet {
		fmt.Fprintf(e.Stderr, "techframe: wrote %s: %d documents, %d sentences, %d tokens, %d warnings\n",
			target, a.corpus.Docs, a.corpus.Sentences, a.corpus.Tokens, totalWarnings(s))
	}
	return nil
}

// Notes for the sheets of a part that did not run.
const (
	noFramingNote  = "framing not run (--no-framing): no frame labels, so no frame counts, shares, balance or evidence"
	noEntitiesNote = "entities not tagged (--no-entities): no entity or actor tables"
)

// noteEmptySheets puts a one-line note on workbook sheets whose part did not
// run (--no-framing, --no-entities, no group for Keyness, --k 0,
// --no-keywords), so no tab is blank and none shows zeros for figures
// that were never computed.
func noteEmptySheets(set reports.TableSet, a *analysis) error {
	x, ok := xlsxOf(set)
	if !ok {
		return nil
	}
	reasons := map[string]string{
		"Keywords":  "not computed: --no-keywords was given",
		"Keyness":   "not computed: keyness compares groups; give --group-by FIELD (with at least two values)",
		"Topics":    "not computed: the topic model was off (--k 0 or --no-keywords) or the corpus had too few documents (see Manifest)",
		"DocTopics": "not computed: see the Topics sheet",
	}
	if !a.framing {
		reasons["Evidence"] = "not computed: " + noFramingNote
		reasons["ActorFrames"] = "not computed: " + noFramingNote
	}
	if !a.entities {
		reasons["Entities"] = "not computed: " + noEntitiesNote
		reasons["ActorFrames"] = "not computed: " + noEntitiesNote
		if !a.framing {
			reasons["ActorFrames"] = "not computed: " + noFramingNote + "; " + noEntitiesNote
		}
	}
	for _, name := range sheetOrder {
		reason, optional := reasons[name]
		if !optional || x.HasTable(name) {
			continue
		}
		t, err := set.Table(name, []reports.Column{{Name: "note", Width: 100}})
		if err != nil {
			return err
		}
		if err := t.Row(reason); err != nil {
			return err
		}
		if err := t.Close(); err != nil {
			return err
		}
	}
	return nil
}

// printSummary writes the headline figures for a terminal.
func printSummary(w io.Writer, a *analysis) {
	c := a.corpus
	fmt.Fprintf(w, "%d documents, %d sentences, %d tokens, %d warnings\n", c.Docs, c.Sentences, c.Tokens, totalWarnings(a.s))
	if !a.framing {
		fmt.Fprintln(w, noFramingNote)
		return
	}
	fmt.Fprintf(w, "%-12s %9s %7s\n", "frame", "sentences", "share")
	for i, f := range summary.Frames {
		fmt.Fprintf(w, "%-12s %9d %6.1f%%\n", f, c.Counts[i], 100*c.Counts.Share(i))
	}
	if b := c.Counts.Balance(); b == b {
		fmt.Fprintf(w, "balance (coop - comp) / (coop + comp): %+.3f\n", b)
	}
	actors := c.Actors()
	if len(actors) > 0 {
		fmt.Fprintf(w, "top actors (sentences: cooperation / competition / both / neutral):\n")
		for i, af := range actors {
			if i == 5 {
				break
			}
			fmt.Fprintf(w, "  %-28s %d / %d / %d / %d\n", af.Actor, af.Counts[0], af.Counts[1], af.Counts[2], af.Counts[3])
		}
	}
}

// metaFields lists the metadata fields present in the documents, sorted.
func metaFields(docs []docRow) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range docs {
		for _, k := range d.meta.Keys() {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		out = []string{"none (the documents have no metadata)"}
	}
	return out
}

func totalWarnings(s *session) int {
	n := 0
	for _, v := range s.Warnings() {
		n += v
	}
	return n
}

// openTableSet picks the report format from the target. order is the
// report's tab order; known lists every table a report of this kind can
// hold (a CSV folder drops the known tables this run did not write).
func openTableSet(target string, e *env, s *session, order, known []string) (reports.TableSet, error) {
	switch {
	case target == "" || target == "-":
		out, _ := reports.OpenOutput("-", e.Stdout)
		s.setting("output", "stdout (JSON)")
		set := reports.NewJSONSet(out)
		set.Order = order
		return set, nil
	case strings.HasSuffix(target, "/") || isDir(target):
		s.setting("output", target+" (CSV tables)")
		set, err := reports.NewCSVDirSet(target)
		if err == nil {
			set.Known = known
		}
		return set, err
	case strings.EqualFold(filepath.Ext(target), ".json"):
		out, err := reports.OpenOutput(target, e.Stdout)
		if err != nil {
			return nil, err
		}
		s.setting("output", target)
		set := reports.NewJSONSet(out)
		set.Order = order
		return set, nil
	case strings.EqualFold(filepath.Ext(target), ".xlsx"):
		if _, err := os.Stat(filepath.Dir(target)); err != nil {
			return nil, pipeline.Usagef("analyze: cannot write %s: folder %s does not exist", target, filepath.Dir(target))
		}
		s.setting("output", target)
		return reports.NewXLSXSet(target, order...)
	default:
		return nil, pipeline.Usagef("analyze: -o %s: use a .xlsx or .json file name, or a folder ending in / for CSV tables", target)
	}
}

// sameFile reports whether paths a and b name the same file: the same
// cleaned absolute path, or, when both exist, the same file on disk.
func sameFile(a, b string) bool {
	if a == "" || b == "" || a == "-" || b == "-" {
		return false
	}
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	if err1 == nil && err2 == nil && aa == bb {
		return true
	}
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sentenceColumns are the Sentences table's columns: the frame columns
// only when framing ran, the actors only when entities were tagged.
func sentenceColumns(a *analysis) []reports.Column {
	cols := []reports.Column{{Name: "doc_id", Width: 14}, {Name: "sentence", Kind: "int"}}
	if a.framing {
		cols = append(cols, reports.Column{Name: "frame", Width: 13}, reports.Column{Name: "cues", Kind: "wrap", Width: 40},
			reports.Column{Name: "negated", Kind: "int"}, reports.Column{Name: "hedged", Kind: "int"})
	}
	if a.entities {
		cols = append(cols, reports.Column{Name: "actors", Kind: "wrap", Width: 30})
	}
	return append(cols, reports.Column{Name: "text", Kind: "wrap", Width: 90}, reports.Column{Name: "start", Kind: "int"}, reports.Column{Name: "end", Kind: "int"})
}

func writeSentenceRows(a *analysis, sentences, evidence reports.RowWriter, d *pipeline.Document) error {
	row := make([]any, 0, 10)
	for i, st := range d.Sentences {
		ev := d.SentenceEvidence(i)
		// Counted cues only, as the Summary's "framing cues counted": a
		// cue a rule set aside says negated on the Evidence sheet but
		// did not count.
		neg, hedge := 0, 0
		for _, x := range ev {
			if !x.Ignored {
				neg += boolInt(x.Negated)
				hedge += boolInt(x.Hedged)
			}
		}
		var actors []pipeline.Entity
		for _, en := range d.SentenceEntities(i) {
			if summary.ActorTypes[en.Type] {
				actors = append(actors, en)
			}
		}
		text := d.Text[st.Start:st.End]
		row = append(row[:0], d.ID, i)
		if a.framing {
			row = append(row, st.Frame, reports.CueList(d, ev), neg, hedge)
		}
		if a.entities {
			row = append(row, reports.EntityList(actors))
		}
		if err := sentences.Row(append(row, text, st.Start, st.End)...); err != nil {
			return err
		}
		for _, x := range ev {
			ign := ""
			if x.Ignored {
				ign = x.Reason
			}
			if err := evidence.Row(d.ID, i, d.Text[x.Start:x.End], x.Term, x.Frame, x.Weight, boolInt(x.Negated), boolInt(x.Hedged), x.CountsFor(), ign, x.Lexicon, x.Line, x.Start, x.End, text); err != nil {
				return err
			}
		}
	}
	return nil
}

// progressBar is the part of a progress bar analyze uses.
type progressBar interface {
	Add(int) error
	Finish() error
}

type noProgress struct{}

func (noProgress) Add(int) error { return nil }
func (noProgress) Finish() error { return nil }

// progress returns a bar on stderr when it is a terminal, nothing otherwise.
// The spinner's own ticker goroutine is off (it reads the bar's state without
// its lock); the bar redraws as documents arrive.
func (s *session) progress(what string) progressBar {
	if !s.env.StderrTTY || s.quiet {
		return noProgress{}
	}
	return progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(s.env.Stderr),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("docs"),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetSpinnerChangeInterval(0),
	)
}

// parseBin reads --bin FIELD:WIDTH. The field's value is read as a number or
// a date (its leading four-digit year); WIDTH years make one bin labelled by
// its first year ("1790s" for width 10, "2021" for width 1).
func parseBin(spec, groupBy string, warn func(pipeline.Warning)) (func(string) string, error) {
	if spec == "" {
		return nil, nil
	}
	field, width, ok := strings.Cut(spec, ":")
	var w int
	if !ok || field == "" {
		return nil, pipeline.Usagef("--bin %q: use FIELD:WIDTH, e.g. year:10", spec)
	}
	if n, err := strconv.Atoi(width); err != nil || n < 1 {
		return nil, pipeline.Usagef("--bin %q: WIDTH must be a positive whole number of years", spec)
	} else {
		w = n
	}
	if groupBy != "" && groupBy != field {
		return nil, pipeline.Usagef("--bin %s bins field %q but --group-by is %q", spec, field, groupBy)
	}
	// A value with no year in it goes to "(no year)", with a warning the
	// first time each such value is met.
	var mu sync.Mutex
	unbinned := map[string]bool{}
	return func(v string) string {
		y, ok := leadingYear(v)
		if !ok {
			if warn != nil && strings.TrimSpace(v) != "" {
				mu.Lock()
				first := !unbinned[v]
				unbinned[v] = true
				mu.Unlock()
				if first {
					warn(pipeline.Warning{Stage: "bin", Kind: "no-year", Offset: -1,
						Message: fmt.Sprintf("--bin %s: %s %q holds no year: its documents go to \"(no year)\"", spec, field, v)})
				}
			}
			return "(no year)"
		}
		start := int(math.Floor(float64(y)/float64(w))) * w
		if w == 1 {
			return fmt.Sprint(start)
		}
		return fmt.Sprintf("%ds", start)
	}, nil
}

// leadingYear finds the year in a value: a number ("1790", "1790.0"), a date
// starting with a four-digit year ("2021-03-04") or ending with one
// ("05/03/2021", "March 5, 2021").
func leadingYear(v string) (int, bool) {
	v = strings.TrimSpace(v)
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		if f == math.Trunc(f) && math.Abs(f) < 1e4 {
			return int(f), true
		}
		return 0, false
	}
	var runs [][2]int // digit runs [start, end)
	for i := 0; i < len(v); {
		if v[i] < '0' || v[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(v) && v[j] >= '0' && v[j] <= '9' {
			j++
		}
		runs = append(runs, [2]int{i, j})
		i = j
	}
	if len(runs) > 0 && runs[0][0] == 0 && runs[0][1] == 4 {
		n, _ := strconv.Atoi(v[:4])
		return n, true
	}
	if len(runs) > 0 {
		last := runs[len(runs)-1]
		if last[1]-last[0] == 4 {
			n, _ := strconv.Atoi(v[last[0]:last[1]])
			return n, true
		}
	}
	return 0, false
}
