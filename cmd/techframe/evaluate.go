package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/evaluate"
	"github.com/techframe/techframe/pipeline/ingest"
	"github.com/techframe/techframe/pipeline/summary"
	"github.com/techframe/techframe/reports"
	"github.com/urfave/cli/v2"
)

func init() {
	register(&cli.Command{
		Name:  "evaluate",
		Usage: "score the frame tagger against hand-coded sentences (accuracy, P/R/F1, kappa, alpha, disagreements)",
		UsageText: `techframe evaluate --gold CODED.csv [options] [inputs...]

Runs the annotation pipeline over the inputs, matches every row of the gold
file to the system's sentences and reports accuracy, precision / recall / F1
per label, macro-F1, Cohen's kappa, Krippendorff's alpha (nominal), the
confusion matrix and every disagreement with its cues. Accuracy, macro-F1,
kappa and alpha come with 95% confidence intervals: a percentile bootstrap
that resamples whole documents with their rows, since sentences of one
document are not independent (fixed seed, so every run prints the same); a
statistic that some resample leaves undefined (kappa when a resample holds one
label only) gets no interval (n/a) rather than one from the other resamples. A
gold row spanning several system sentences is scored against their combined
label (cooperation and competition make both). When the gold
file has a note column, rows are also scored by its tags (negation, hedge,
rule-4, ...; separated by ";"), to show how the tagger does on each hard case.

Corpus estimates: every coded row stands for the input sentences that the
system gave the same label (weight = those sentences / coded rows with that
label), which turns the sample into estimates for the whole input: the true
share of each frame (the system's shares corrected by your coding) and
corpus-level accuracy, macro-F1 and kappa, with 95% intervals (rows resampled
within each system label). They are valid when the coded rows were drawn at
random within each system label, as "techframe sample --stratify frame" (or
none) draws them, also with --stratify-mode equal, which over-represents rare
frames: the weights undo that. A sample stratified by a metadata field is
not weighted by it. Run evaluate on the same inputs the sample came from.
With --group-by FIELD, each group's frame shares are corrected the same way:
the coded rows' label confusion (of the sentences the system labels s, the
share truly g) applied to the group's sentences. That assumes the tagger errs
alike in every group; code a sample per group where that is in doubt.

The gold file is CSV (fields separated by commas, or by ';' or tabs when
the header has those and no comma), or an .xlsx workbook (its sheet named
Coding, else its first sheet; a line number is then the spreadsheet's
row), with a header: a
label column (cooperation, competition, both or neutral) and doc_id + index,
doc_id + sentence, or sentence alone. Rows with an index are matched by
document and sentence number; otherwise by the sentence text (white space
and curly quotes normalised) within the document; a gold sentence that is
part of a system sentence, or spans several, is matched by containment and
counted as such. A row whose index and text disagree (the index names
another sentence, or none) is matched by its text when exactly one
sentence of the document has it, with a warning at file:line that the
index is wrong; a row with a blank sentence is matched by its index alone.
A doc_id that no input has exactly names the one input
whose id equals it once leading folders are dropped ("bom.txt" is
"corpus/bom.txt": sample given a folder names its files relative to it,
a shell glob names them as typed); stderr says so once. Rows that match
nothing are listed with file:line. Rows
with a blank label are not scored. A row that codes a sentence an earlier
row codes (same doc_id and index, or the same text matched in the same
document) is a warning naming both lines: the first row is scored, the later
ones are left out and counted. The output of "techframe sample" is a valid
gold file once coded. In doc_id and sentence cells (never label or note), a
leading apostrophe before = + - @ is taken as the escape that sample writes
and dropped: '=x is read as =x, in a CSV file and in a workbook saved from
one. In the -o CSV, such text gets the apostrophe
too.

EXAMPLES:
   techframe evaluate --gold samples/coded.csv samples      # a demo: coded.csv is training data
   techframe evaluate --gold coded.csv corpus.jsonl -o disagreements.xlsx
   techframe evaluate --gold tocode.csv corpus.jsonl -o errors.csv      # disagreements only
   techframe evaluate --gold tocode.xlsx corpus.jsonl                   # a coded workbook from sample -o tocode.xlsx
   techframe evaluate --gold coded.csv corpus/ -o tables/               # one CSV per table
   techframe evaluate --gold coded.csv corpus/ --output-format json | jq .metrics.kappa
   techframe evaluate --gold coded.csv corpus/ --manifest eval.manifest.json  # what was scored, with SHA-256s

Exit status is 0 whenever the evaluation ran, however low the scores; 1 when
no coded row matched a sentence of the inputs (the report still lists them);
2 for a malformed gold file (every bad row is listed) or one with no coded
row.`,
		Flags: concatFlags(inputFlags(), annotationFlags(), []cli.Flag{
			&cli.StringFlag{Name: "gold", Aliases: []string{"g"}, Category: catInput, Usage: "hand-coded sheet, .csv or .xlsx (required; label + doc_id/index/sentence columns)"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Category: catOutput, Usage: "also write tables: FILE.xlsx (metrics, confusion, corpus estimate, by note, disagreements, unmatched), FILE.csv (disagreements), FILE.json, or DIR/ (one CSV per table)"},
			&cli.IntFlag{Name: "bootstrap", Category: catOutput, Value: 1000, Usage: "bootstrap resamples for the 95% confidence intervals (0: no intervals)"},
			&cli.StringFlag{Name: "group-by", Category: catAnalysis, Usage: "metadata field (outlet, country, year, ...): also correct each group's frame shares by the coding"},
			manifestFlag(),
		}, reportFormatFlags()),
		Action: runEvaluate,
	})
}

func runEvaluate(c *cli.Context) error {
	s := newSession(c)
	format, err := reportFormat(c, "evaluate")
	if err != nil {
		return err
	}
	if c.String("gold") == "" {
		return pipeline.Usagef("evaluate: --gold CODED.csv is required (see techframe evaluate --help)")
	}
	target := c.String("output")
	if target != "" && target != "-" {
		if err := checkEvalTarget(target); err != nil {
			return err
		}
		if sameFile(target, c.String("gold")) {
			return pipeline.Usagef("evaluate: -o %s would overwrite the gold file", target)
		}
	}
	// An -o that an input folder or glob brings in is refused before the
	// gold file is read (the run's own check comes after it).
	if err := checkOutputs(c, ingest.Resolve(c.Args().Slice())); err != nil {
		return err
	}
	for k, v := range map[string]any{"output_format": format, "output": target, "bootstrap": c.Int("bootstrap"), "group_by": c.String("group-by")} {
		s.setting(k, v)
	}
	mf, err := openManifest(c)
	if err != nil {
		return err
	}
	defer mf.abort()
	n := c.Int("bootstrap")
	if n < 0 {
		return pipeline.Usagef("evaluate: --bootstrap must be 0 (no intervals) or a number of resamples, not %d", n)
	}
	gold, err := evaluate.ReadGoldFile(c.String("gold"))
	if err != nil {
		return err
	}
	if len(gold.Rows) == 0 {
		return pipeline.Usagef("evaluate: %s has no coded rows (%d with a blank label): nothing to score", gold.Path, len(gold.Uncoded))
	}
	s.setting("gold", gold.Path)
	s.recordGold(gold)
	m := evaluate.NewMatcher(gold)
	groupBy := c.String("group-by")
	corpus := summary.NewCorpus(groupBy, nil)
	if _, err := s.annotate(c, func(d *pipeline.Document) error {
		corpus.Add(d)
		return m.Add(d)
	}); err != nil {
		return err
	}
	res, err := m.Result()
	if err != nil {
		return err
	}
	noteByPath(s, "evaluate", gold.Path, res.ByPath)
	warnGoldRows(s, "evaluate", res)
	if groupBy != "" && corpus.MissingGroup == corpus.Docs {
		return pipeline.Usagef("evaluate: --group-by %q: no document has this metadata field", groupBy)
	}
	rep, err := newEvalReport(res, n, groupBy, corpusGroups(corpus))
	if err != nil {
		return pipeline.Usagef("evaluate: %v", err)
	}
	if target != "" && target != "-" {
		if err := writeEvalTables(target, rep, s); err != nil {
			return err
		}
	}
	rep.Lexicons = s.manifest().Lexicons
	if format == "json" {
		err = writeEvalJSON(s.env.Stdout, rep)
	} else {
		err = writeEvalText(s.env.Stdout, rep)
	}
	if err == nil && res.Matched() == 0 {
		// The report lists the unmatched rows; the exit status says that
		// nothing was scored, for scripts that read the numbers.
		err = fmt.Errorf("evaluate: none of the %d coded rows of %s matched a sentence of the inputs: nothing was scored (other inputs, or --id-field?)", len(res.Matches), gold.Path)
	}
	return mf.commit(s, err)
}

// noteByPath says once on stderr (unless -q) how rows of sheet path were
// matched to documents whose id differs from the sheet's doc_id by
// leading folders ("bom.txt" read back from "corpus/bom.txt").
func noteByPath(s *session, stage, path string, list []evaluate.PathIDs) {
	if msg := evaluate.DescribePathIDs(list); msg != "" && !s.quiet {
		fmt.Fprintf(s.env.Stderr, "techframe: %s: %s: %s\n", stage, path, msg)
	}
}

// warnGoldRows warns (and counts) every gold row left out because an
// earlier row codes the same sentence, and every row whose index named
// another sentence than its text (matched by the text).
func warnGoldRows(s *session, stage string, res *evaluate.Result) {
	for _, mt := range res.Matches {
		if mt.IndexWrong {
			s.warn(pipeline.Warning{Stage: stage, Path: res.Gold.Path, Line: mt.Row.Line, Kind: "gold-index-wrong", Message: mt.IndexMessage()})
		}
	}
	for _, d := range res.Duplicates {
		s.warn(pipeline.Warning{Stage: stage, Path: res.Gold.Path, Line: d.Row.Line, Kind: "duplicate-gold-row", Message: d.Message()})
	}
}

// evalReport is what evaluate (and analyze --gold) report: the matching
// and scores, their confidence intervals (nil with --bootstrap 0), the
// scores by note tag and the corpus estimates.
type evalReport struct {
	*evaluate.Result
	CI   *evaluate.Intervals
	Tags []evaluate.TagScore
	Est  *evaluate.CorpusEstimate
	// GroupBy and Groups: the corrected shares per group (none when not
	// grouping).
	GroupBy string
	Groups  []evaluate.GroupEstimate
	// Lexicons maps the lexicon files and framing model used to their
	// SHA-256 (for --output-format json).
	Lexicons map[string]string
}

// newEvalReport completes a matching result with resamples bootstrap
// draws (0: no intervals) and, when groupBy is set, the groups' corrected
// shares.
func newEvalReport(res *evaluate.Result, resamples int, groupBy string, groups []evaluate.GroupCounts) (evalReport, error) {
	r := evalReport{Result: res, Tags: res.TagScores(), GroupBy: groupBy}
	var err error
	if resamples > 0 {
		if r.CI, err = evaluate.Bootstrap(res.Metrics.Labels, res.Pairs(), res.PairDocs(), resamples); err != nil {
			return r, err
		}
	}
	// The corpus estimates count sentences: rows spanning several are
	// left out (and counted).
	sp, sentences, spanning := res.SentencePairs()
	if r.Est, err = evaluate.EstimateCorpus(res.Metrics.Labels, sp, sentences, res.SystemCount, resamples); err != nil {
		return r, err
	}
	r.Est.Spanning = spanning
	if groupBy != "" {
		r.Groups, err = evaluate.EstimateGroups(res.Metrics.Labels, sp, sentences, groups, resamples)
	}
	return r, err
}

// corpusGroups returns the corpus's groups with their sentences counted
// by system label (nil when not grouping).
func corpusGroups(c *summary.Corpus) []evaluate.GroupCounts {
	var out []evaluate.GroupCounts
	for _, g := range c.Groups() {
		out = append(out, evaluate.GroupCounts{Group: g.Value, SystemCount: append([]int(nil), g.Counts[:]...)})
	}
	return out
}

func writeGroupsText(ew *errWriter, r evalReport) {
	if len(r.Groups) == 0 {
		return
	}
	ew.printf("\nCorrected shares by %s (the coded rows' label confusion applied to each group;\n"+
		"assumes the tagger errs alike in every group)\n", r.GroupBy)
	ew.printf("%-20s %9s  %-12s %6s %9s %13s\n", "group", "sentences", "label", "system", "corrected", "95% CI")
	for _, g := range r.Groups {
		for l, lab := range r.Metrics.Labels {
			name, n := "", ""
			if l == 0 {
				name, n = g.Group, fmt.Sprint(g.Sentences)
			}
			ci := ""
			if g.CI != nil {
				ci = na(g.CI[l].Lo, "%.3f") + "-" + na(g.CI[l].Hi, "%.3f")
			}
			ew.printf("%-20s %9s  %-12s %6s %9s %13s\n", name, n, lab, na(g.SystemShare[l], "%.3f"), na(g.Share[l], "%.3f"), ci)
		}
	}
}

// ivText is "lo-hi", "n/a" when undefined, "" without intervals.
func ivText(ci *evaluate.CorpusIntervals, pick func(*evaluate.CorpusIntervals) evaluate.Interval) string {
	if ci == nil {
		return ""
	}
	x := pick(ci)
	if math.IsNaN(x.Lo) {
		return "n/a"
	}
	return fmt.Sprintf("%.3f-%.3f", x.Lo, x.Hi)
}

// corpusScore is one summary score of a corpus estimate: its short and
// long names, value and interval.
type corpusScore struct {
	name, long string
	v          float64
	pick       func(*evaluate.CorpusIntervals) evaluate.Interval
}

func corpusScores(e *evaluate.CorpusEstimate) []corpusScore {
	return []corpusScore{
		{"Accuracy", "accuracy", e.Accuracy, func(c *evaluate.CorpusIntervals) evaluate.Interval { return c.Accuracy }},
		{"Macro-F1", "macro-F1", e.MacroF1, func(c *evaluate.CorpusIntervals) evaluate.Interval { return c.MacroF1 }},
		{"Kappa", "Cohen's kappa", e.Kappa, func(c *evaluate.CorpusIntervals) evaluate.Interval { return c.Kappa }},
	}
}

func writeCorpusText(ew *errWriter, e *evaluate.CorpusEstimate) {
	ew.printf("\nCorpus estimates (each coded row weighted by the input sentences with its system label;\n" +
		"valid when rows were drawn at random within each system label, as techframe sample draws them)\n")
	if e.Spanning > 0 {
		ew.printf("Left out    %d coded rows that span several system sentences\n", e.Spanning)
	}
	ew.printf("Inputs      %d sentences", e.Sentences)
	if e.Covered == e.Sentences {
		ew.printf(", all in system labels with coded rows\n")
	} else {
		ew.printf("; the estimates describe the %d in system labels with coded rows\n", e.Covered)
	}
	ciHead := ""
	if e.CI != nil {
		ciHead = "95% CI"
	}
	ew.printf("%-12s %9s %12s %6s %10s %13s\n", "label", "sentences", "system share", "coded", "estimated", ciHead)
	for i, l := range e.Labels {
		ci := ivText(e.CI, func(c *evaluate.CorpusIntervals) evaluate.Interval { return c.Share[i] })
		ew.printf("%-12s %9d %12s %6d %10s %13s", l, e.SystemCount[i], na(e.SystemShare[i], "%.3f"), e.Coded[i], na(e.Share[i], "%.3f"), ci)
		if e.Coded[i] == 0 && e.SystemCount[i] > 0 {
			ew.printf("  (no coded row: left out)")
		}
		ew.printf("\n")
	}
	for _, x := range corpusScores(e) {
		ew.printf("%-11s %s", x.name, na(x.v, "%.3f"))
		if ci := ivText(e.CI, x.pick); ci != "" {
			ew.printf("  (95%% CI %s)", ci)
		}
		ew.printf("\n")
	}
}

// ciText is ", 95% CI lo-hi" for a score, empty without intervals.
func (r evalReport) ciText(iv func(*evaluate.Intervals) evaluate.Interval) string {
	if r.CI == nil {
		return ""
	}
	x := iv(r.CI)
	if math.IsNaN(x.Lo) {
		return "; 95% CI n/a"
	}
	return fmt.Sprintf("; 95%% CI %.3f-%.3f", x.Lo, x.Hi)
}

func checkEvalTarget(target string) error {
	ext := strings.ToLower(filepath.Ext(target))
	switch {
	case strings.HasSuffix(target, "/") || isDir(target):
		return nil
	case ext == ".xlsx" || ext == ".csv" || ext == ".json":
		if _, err := os.Stat(filepath.Dir(target)); err != nil {
			return pipeline.Usagef("evaluate: cannot write %s: folder %s does not exist", target, filepath.Dir(target))
		}
		return nil
	}
	return pipeline.Usagef("evaluate: -o %s: use a .xlsx, .csv or .json file name, or a folder ending in /", target)
}

// na prints a score, "n/a" when undefined.
func na(f float64, format string) string {
	if math.IsNaN(f) {
		return "n/a"
	}
	return fmt.Sprintf(format, f)
}

func writeEvalText(w io.Writer, r evalReport) error {
	ew := &errWriter{w: w}
	m := r.Metrics
	g := r.Gold
	ew.printf("Gold file   %s: %d coded rows", g.Path, len(g.Rows))
	if len(g.Uncoded) > 0 {
		ew.printf(", %d rows with a blank label not scored", len(g.Uncoded))
	}
	ew.printf("\nDocuments   %d read\n", r.Documents)
	ew.printf("Matched     %d of %d rows: %d by index, %d exact text, %d part of a system sentence, %d spanning several system sentences\n",
		r.Matched(), len(r.Matches), r.Kinds[0], r.Kinds[1], r.Kinds[2], r.Kinds[3])
	if r.Unmatched > 0 {
		ew.printf("Unmatched   %d rows (listed below)\n", r.Unmatched)
	} else {
		ew.printf("Unmatched   0 rows\n")
	}
	if n := len(r.Duplicates); n > 0 {
		ew.printf("Duplicates  %d rows coding a sentence an earlier row codes: left out of the scores (listed below)\n", n)
	} else {
		ew.printf("Duplicates  0 rows\n")
	}
	if r.TextDiffers > 0 {
		ew.printf("Warning     %d rows matched by index whose sentence text differs from the system sentence\n", r.TextDiffers)
	}
	if r.IndexWrong > 0 {
		ew.printf("Warning     %d rows whose index names another sentence than their text: matched by the text (listed below)\n", r.IndexWrong)
	}
	ew.printf("\nAccuracy    %s  (%d of %d agree%s)\n", na(m.Accuracy, "%.3f"), m.Agree, m.N, r.ciText(func(i *evaluate.Intervals) evaluate.Interval { return i.Accuracy }))
	ew.printf("Macro-F1    %s  (mean over labels present in gold or system%s)\n", na(m.MacroF1, "%.3f"), r.ciText(func(i *evaluate.Intervals) evaluate.Interval { return i.MacroF1 }))
	ew.printf("Kappa       %s  (Cohen%s)\n", na(m.Kappa, "%.3f"), r.ciText(func(i *evaluate.Intervals) evaluate.Interval { return i.Kappa }))
	ew.printf("Alpha       %s  (Krippendorff, nominal, gold and system as two coders%s)\n", na(m.Alpha, "%.3f"), r.ciText(func(i *evaluate.Intervals) evaluate.Interval { return i.Alpha }))
	if r.CI != nil {
		ew.printf("            (95%% CI: percentile bootstrap, %d resamples of the %d documents with their rows)\n", r.CI.Resamples, r.CI.Clusters)
	}
	ew.printf("\n")

	ew.printf("%-12s %9s %7s %7s %8s %10s\n", "label", "precision", "recall", "F1", "support", "predicted")
	for _, cl := range m.Classes {
		ew.printf("%-12s %9s %7s %7s %8d %10d\n", cl.Label, na(cl.Precision, "%.3f"), na(cl.Recall, "%.3f"), na(cl.F1, "%.3f"), cl.Support, cl.Predicted)
	}
	ew.printf("\nConfusion matrix (rows: gold, columns: system)\n%-12s", "")
	for _, l := range m.Labels {
		ew.printf(" %11s", l)
	}
	ew.printf(" %7s\n", "total")
	for i, l := range m.Labels {
		ew.printf("%-12s", l)
		for j := range m.Labels {
			ew.printf(" %11d", m.Confusion[i][j])
		}
		ew.printf(" %7d\n", m.Classes[i].Support)
	}
	ew.printf("%-12s", "total")
	for _, cl := range m.Classes {
		ew.printf(" %11d", cl.Predicted)
	}
	ew.printf(" %7d\n", m.N)
	writeCorpusText(ew, r.Est)
	writeGroupsText(ew, r)

	if len(r.Tags) > 0 {
		ew.printf("\nBy note tag (a row counts under each of its tags; the label columns count its rows by gold label)\n%-14s %5s %6s %8s", "tag", "rows", "agree", "accuracy")
		for _, l := range m.Labels {
			ew.printf(" %11s", l)
		}
		ew.printf("\n")
		for _, t := range r.Tags {
			ew.printf("%-14s %5d %6d %8s", t.Tag, t.Rows, t.Agree, na(t.Accuracy(), "%.3f"))
			for _, k := range t.Labels {
				ew.printf(" %11d", k)
			}
			ew.printf("\n")
		}
	}

	if un := r.UnmatchedRows(); len(un) > 0 {
		ew.printf("\nUnmatched rows (%d)\n", len(un))
		for _, u := range un {
			if strings.TrimSpace(u.Row.Sentence) == "" {
				// An index-only row has no text to show.
				ew.printf("  %s:%d: %s\n", g.Path, u.Row.Line, u.Reason)
				continue
			}
			ew.printf("  %s:%d: %s: %s\n", g.Path, u.Row.Line, u.Reason, quoteShort(u.Row.Sentence))
		}
	}
	if len(r.Duplicates) > 0 {
		ew.printf("\nDuplicate rows, left out of the scores (%d)\n", len(r.Duplicates))
		for _, d := range r.Duplicates {
			ew.printf("  %s:%d: %s\n", g.Path, d.Row.Line, d.Message())
		}
	}
	if r.TextDiffers > 0 {
		ew.printf("\nIndex matches whose text differs (%d)\n", r.TextDiffers)
		for _, mt := range r.Matches {
			if mt.TextDiffers {
				ew.printf("  %s:%d: %s #%d: gold %s, system %s\n", g.Path, mt.Row.Line, mt.DocID, mt.Sentences[0], quoteShort(mt.Row.Sentence), quoteShort(mt.SystemText))
			}
		}
	}
	if r.IndexWrong > 0 {
		ew.printf("\nRows matched by text, their index wrong (%d)\n", r.IndexWrong)
		for _, mt := range r.Matches {
			if mt.IndexWrong {
				ew.printf("  %s:%d: %s: %s\n", g.Path, mt.Row.Line, mt.IndexMessage(), quoteShort(mt.Row.Sentence))
			}
		}
	}
	dis := r.Disagreements()
	ew.printf("\nDisagreements (%d)\n", len(dis))
	for _, d := range dis {
		ew.printf("  %s #%s  gold %s, system %s  [%s, %s:%d]\n", d.DocID, sentNums(d.Sentences), d.Row.Label, d.System, d.Kind, g.Path, d.Row.Line)
		ew.printf("    %s\n", quoteShort(d.SystemText))
		cues := d.Cues
		if cues == "" {
			cues = "(none)"
		}
		ew.printf("    cues: %s\n", cues)
	}
	return ew.err
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

func sentNums(s []int) string {
	if len(s) == 1 {
		return fmt.Sprint(s[0])
	}
	return fmt.Sprintf("%d-%d", s[0], s[len(s)-1])
}

func quoteShort(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 300 {
		s = string(r[:300]) + "..."
	}
	return `"` + s + `"`
}

// num is a JSON number, or null when undefined.
func num(f float64) any {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return f
}

func matchJSON(path string, m evaluate.Match) map[string]any {
	out := map[string]any{
		"file": path, "line": m.Row.Line, "doc_id": m.Row.DocID, "gold": m.Row.Label, "gold_sentence": m.Row.Sentence,
	}
	if m.Matched() {
		out["doc_id"] = m.DocID
		out["match"] = m.Kind
		out["sentences"] = m.Sentences
		out["start"], out["end"] = m.Span.Start, m.Span.End
		out["system"] = m.System
		out["system_text"] = m.SystemText
		out["cues"] = m.Cues
		out["text_differs"] = m.TextDiffers
		out["index_wrong"] = m.IndexWrong
	} else {
		out["reason"] = m.Reason
	}
	return out
}

func writeEvalJSON(w io.Writer, r evalReport) error {
	m := r.Metrics
	classes := make([]map[string]any, len(m.Classes))
	for i, c := range m.Classes {
		classes[i] = map[string]any{"label": c.Label, "precision": num(c.Precision), "recall": num(c.Recall), "f1": num(c.F1),
			"support": c.Support, "predicted": c.Predicted, "tp": c.TP}
	}
	kinds := map[string]int{}
	for i, k := range evaluate.KindNames {
		kinds[k] = r.Kinds[i]
	}
	dis := []map[string]any{}
	for _, d := range r.Disagreements() {
		dis = append(dis, matchJSON(r.Gold.Path, d))
	}
	un := []map[string]any{}
	for _, u := range r.UnmatchedRows() {
		un = append(un, matchJSON(r.Gold.Path, u))
	}
	dups := []map[string]any{}
	for _, d := range r.Duplicates {
		// The keys of the other lists, plus the row it duplicates.
		j := matchJSON(r.Gold.Path, d.Match)
		j["first_line"], j["first_gold"], j["message"] = d.First.Line, d.First.Label, d.Message()
		dups = append(dups, j)
	}
	// A struct keeps the keys in reading order: summary, metrics, lists.
	doc := struct {
		Gold          string           `json:"gold"`
		Documents     int              `json:"documents"`
		Rows          int              `json:"rows"`
		UncodedRows   int              `json:"uncoded_rows"`
		Matched       int              `json:"matched"`
		MatchKinds    map[string]int   `json:"match_kinds"`
		Unmatched     int              `json:"unmatched"`
		Duplicates    int              `json:"duplicates"`
		TextDiffers   int              `json:"text_differs"`
		IndexWrong    int              `json:"index_wrong"`
		DocIDsByPath  []map[string]any `json:"doc_ids_by_path"`
		Metrics       map[string]any   `json:"metrics"`
		Corpus        map[string]any   `json:"corpus_estimate"`
		ByNote        []map[string]any `json:"by_note"`
		Disagreements []map[string]any `json:"disagreements"`
		UnmatchedRows []map[string]any `json:"unmatched_rows"`
		DuplicateRows []map[string]any `json:"duplicate_rows"`
		Lexicons      map[string]any   `json:"lexicons"`
	}{
		Gold: r.Gold.Path, Documents: r.Documents, Rows: len(r.Matches), UncodedRows: len(r.Gold.Uncoded),
		Matched: r.Matched(), MatchKinds: kinds, Unmatched: r.Unmatched, Duplicates: len(r.Duplicates), TextDiffers: r.TextDiffers, IndexWrong: r.IndexWrong,
		Metrics: map[string]any{
			"n": m.N, "agree": m.Agree, "accuracy": num(m.Accuracy), "macro_f1": num(m.MacroF1),
			"kappa": num(m.Kappa), "alpha": num(m.Alpha), "labels": m.Labels, "confusion": m.Confusion, "classes": classes,
		},
		ByNote:        []map[string]any{},
		DocIDsByPath:  []map[string]any{},
		Disagreements: dis,
		UnmatchedRows: un,
		DuplicateRows: dups,
		Lexicons:      map[string]any{},
	}
	for k, v := range r.Lexicons {
		doc.Lexicons[k] = map[string]string{"sha256": v}
	}
	for _, p := range r.ByPath {
		doc.DocIDsByPath = append(doc.DocIDsByPath, map[string]any{"doc_id": p.Sheet, "input_id": p.Doc, "rows": p.Rows})
	}
	if r.CI != nil {
		pair := func(x evaluate.Interval) []any { return []any{num(x.Lo), num(x.Hi)} }
		doc.Metrics["ci"] = map[string]any{"level": r.CI.Level, "resamples": r.CI.Resamples, "method": "percentile bootstrap, documents resampled with their rows", "documents": r.CI.Clusters,
			"accuracy": pair(r.CI.Accuracy), "macro_f1": pair(r.CI.MacroF1), "kappa": pair(r.CI.Kappa), "alpha": pair(r.CI.Alpha)}
	}
	doc.Corpus = corpusJSON(r.Est)
	if len(r.Groups) > 0 {
		var gs []map[string]any
		for _, g := range r.Groups {
			var ls []map[string]any
			for l, lab := range r.Metrics.Labels {
				row := map[string]any{"label": lab, "system_sentences": g.SystemCount[l], "system_share": num(g.SystemShare[l]), "estimated_share": num(g.Share[l])}
				if g.CI != nil {
					row["ci"] = []any{num(g.CI[l].Lo), num(g.CI[l].Hi)}
				}
				ls = append(ls, row)
			}
			gs = append(gs, map[string]any{"group": g.Group, "sentences": g.Sentences, "covered": g.Covered, "labels": ls})
		}
		doc.Corpus["group_by"] = r.GroupBy
		doc.Corpus["groups"] = gs
	}
	for _, t := range r.Tags {
		by := map[string]int{}
		for i, l := range m.Labels {
			by[l] = t.Labels[i]
		}
		doc.ByNote = append(doc.ByNote, map[string]any{"tag": t.Tag, "rows": t.Rows, "agree": t.Agree, "accuracy": num(t.Accuracy()), "gold_labels": by})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func corpusJSON(e *evaluate.CorpusEstimate) map[string]any {
	pair := func(x evaluate.Interval) []any { return []any{num(x.Lo), num(x.Hi)} }
	labels := []map[string]any{}
	for i, l := range e.Labels {
		row := map[string]any{"label": l, "system_sentences": e.SystemCount[i], "system_share": num(e.SystemShare[i]),
			"coded": e.Coded[i], "estimated_share": num(e.Share[i])}
		if e.CI != nil {
			row["ci"] = pair(e.CI.Share[i])
		}
		labels = append(labels, row)
	}
	out := map[string]any{
		"method":    "post-stratified by system label (weight = input sentences with the label / coded rows with it)",
		"sentences": e.Sentences, "covered": e.Covered, "labels": labels, "spanning_rows_left_out": e.Spanning,
		"accuracy": num(e.Accuracy), "macro_f1": num(e.MacroF1), "kappa": num(e.Kappa),
	}
	if e.CI != nil {
		out["ci"] = map[string]any{"level": 0.95, "resamples": e.CI.Resamples, "method": "percentile bootstrap, rows resampled within each system label",
			"accuracy": pair(e.CI.Accuracy), "macro_f1": pair(e.CI.MacroF1), "kappa": pair(e.CI.Kappa)}
	}
	return out
}

var disagreementCols = []reports.Column{
	{Name: "file"}, {Name: "line", Kind: "int"}, {Name: "doc_id"}, {Name: "index"}, {Name: "match"},
	{Name: "gold"}, {Name: "system"}, {Name: "sentence", Kind: "wrap", Width: 80}, {Name: "cues", Kind: "wrap", Width: 40}, {Name: "note", Kind: "wrap", Width: 30},
}

// writeDisagreements writes the Disagreements table; withUnmatched adds
// the rows that matched no sentence (match "unmatched: reason").
func writeDisagreements(ts reports.TableSet, r *evaluate.Result, withUnmatched bool) error {
	dt, err := ts.Table("Disagreements", disagreementCols)
	if err != nil {
		return err
	}
	for _, d := range r.Disagreements() {
		if err := dt.Row(disagreementRow(r.Gold.Path, d)...); err != nil {
			return err
		}
	}
	if withUnmatched {
		for _, u := range r.UnmatchedRows() {
			if err := dt.Row(r.Gold.Path, u.Row.Line, u.Row.DocID, "", "unmatched: "+u.Reason, u.Row.Label, "", u.Row.Sentence, "", u.Row.Note); err != nil {
				return err
			}
		}
	}
	return dt.Close()
}

func disagreementRow(path string, d evaluate.Match) []any {
	// A row matched to one sentence gets its index as a number (a
	// spreadsheet sorts it as one); a row spanning several gets "3-4".
	var index any = sentNums(d.Sentences)
	if len(d.Sentences) == 1 {
		index = d.Sentences[0]
	}
	return []any{path, d.Row.Line, d.DocID, index, d.Kind, d.Row.Label, d.System, d.SystemText, d.Cues, d.Row.Note}
}

// writeEvalTables writes the tables to -o. A .csv target gets the
// disagreements only; the other targets get every table.
func writeEvalTables(target string, r evalReport, s *session) error {
	if strings.EqualFold(filepath.Ext(target), ".csv") {
		out, err := reports.OpenOutput(target, s.env.Stdout)
		if err != nil {
			return err
		}
		var rows [][]any
		for _, d := range r.Disagreements() {
			rows = append(rows, disagreementRow(r.Gold.Path, d))
		}
		err = reports.WriteCSV(out, disagreementCols, rows)
		return finish(out, err)
	}
	var ts reports.TableSet
	var err error
	if strings.EqualFold(filepath.Ext(target), ".xlsx") {
		ts, err = reports.NewXLSXSet(target, evalSheets...)
	} else {
		ts, err = openTableSet(target, s.env, s, evalSheets, evalSheets)
	}
	if err != nil {
		return err
	}
	return finish(ts, fillEvalTables(ts, r))
}

// evalSheets are evaluate's tables, in tab order.
var evalSheets = []string{"Metrics", "Confusion", "Corpus estimate", "By note", "Disagreements", "Unmatched"}

func fillEvalTables(ts reports.TableSet, r evalReport) error {
	m := r.Metrics
	mt, err := ts.Table("Metrics", []reports.Column{{Name: "measure", Width: 24}, {Name: "label", Width: 14}, {Name: "value", Kind: "float"}, {Name: "count", Kind: "int"},
		{Name: "ci95_low", Kind: "float"}, {Name: "ci95_high", Kind: "float"}})
	if err != nil {
		return err
	}
	rows := [][]any{
		{"rows in gold file", "", nil, len(r.Matches), nil, nil},
		{"matched rows", "", nil, r.Matched(), nil, nil},
		{"unmatched rows", "", nil, r.Unmatched, nil, nil},
		{"uncoded rows (blank label)", "", nil, len(r.Gold.Uncoded), nil, nil},
		{"duplicate rows (left out)", "", nil, len(r.Duplicates), nil, nil},
	}
	for i, k := range evaluate.KindNames {
		rows = append(rows, []any{"matched by " + k, "", nil, r.Kinds[i], nil, nil})
	}
	ci := func(pick func(*evaluate.Intervals) evaluate.Interval) []any {
		if r.CI == nil {
			return []any{nil, nil}
		}
		x := pick(r.CI)
		return []any{x.Lo, x.Hi}
	}
	rows = append(rows,
		append([]any{"accuracy", "", m.Accuracy, m.Agree}, ci(func(i *evaluate.Intervals) evaluate.Interval { return i.Accuracy })...),
		append([]any{"macro-F1", "", m.MacroF1, nil}, ci(func(i *evaluate.Intervals) evaluate.Interval { return i.MacroF1 })...),
		append([]any{"Cohen's kappa", "", m.Kappa, nil}, ci(func(i *evaluate.Intervals) evaluate.Interval { return i.Kappa })...),
		append([]any{"Krippendorff's alpha (nominal)", "", m.Alpha, nil}, ci(func(i *evaluate.Intervals) evaluate.Interval { return i.Alpha })...))
	if r.CI != nil {
		rows = append(rows, []any{"bootstrap resamples (95% CI)", "", nil, r.CI.Resamples, nil, nil},
			[]any{"documents resampled (95% CI)", "", nil, r.CI.Clusters, nil, nil})
	}
	for _, c := range m.Classes {
		rows = append(rows,
			[]any{"precision", c.Label, c.Precision, c.Predicted, nil, nil},
			[]any{"recall", c.Label, c.Recall, c.Support, nil, nil},
			[]any{"F1", c.Label, c.F1, c.TP, nil, nil})
	}
	for _, row := range rows {
		for i, v := range row {
			if f, ok := v.(float64); ok && math.IsNaN(f) {
				row[i] = nil
			}
		}
		if err := mt.Row(row...); err != nil {
			return err
		}
	}
	if err := mt.Close(); err != nil {
		return err
	}
	cols := []reports.Column{{Name: "gold \\ system", Width: 14}}
	for _, l := range m.Labels {
		cols = append(cols, reports.Column{Name: l, Kind: "int"})
	}
	cols = append(cols, reports.Column{Name: "total", Kind: "int"})
	ct, err := ts.Table("Confusion", cols)
	if err != nil {
		return err
	}
	for i, l := range m.Labels {
		row := []any{l}
		for j := range m.Labels {
			row = append(row, m.Confusion[i][j])
		}
		if err := ct.Row(append(row, m.Classes[i].Support)...); err != nil {
			return err
		}
	}
	total := []any{"total"}
	for _, c := range m.Classes {
		total = append(total, c.Predicted)
	}
	if err := ct.Row(append(total, m.N)...); err != nil {
		return err
	}
	if err := ct.Close(); err != nil {
		return err
	}
	if err := fillCorpusTable(ts, r); err != nil {
		return err
	}
	tcols := []reports.Column{{Name: "tag", Width: 16}, {Name: "rows", Kind: "int"}, {Name: "agree", Kind: "int"}, {Name: "accuracy", Kind: "float"}}
	for _, l := range m.Labels {
		tcols = append(tcols, reports.Column{Name: "gold " + l, Kind: "int"})
	}
	tt, err := ts.Table("By note", tcols)
	if err != nil {
		return err
	}
	for _, t := range r.Tags {
		row := []any{t.Tag, t.Rows, t.Agree, t.Accuracy()}
		for _, k := range t.Labels {
			row = append(row, k)
		}
		if err := tt.Row(row...); err != nil {
			return err
		}
	}
	if err := tt.Close(); err != nil {
		return err
	}
	if err := writeDisagreements(ts, r.Result, false); err != nil {
		return err
	}
	ut, err := ts.Table("Unmatched", []reports.Column{{Name: "file"}, {Name: "line", Kind: "int"}, {Name: "doc_id"}, {Name: "gold"}, {Name: "reason", Kind: "wrap", Width: 40}, {Name: "sentence", Kind: "wrap", Width: 80}})
	if err != nil {
		return err
	}
	for _, u := range r.UnmatchedRows() {
		if err := ut.Row(r.Gold.Path, u.Row.Line, u.Row.DocID, u.Row.Label, u.Reason, u.Row.Sentence); err != nil {
			return err
		}
	}
	return ut.Close()
}

func fillCorpusTable(ts reports.TableSet, r evalReport) error {
	e := r.Est
	t, err := ts.Table("Corpus estimate", []reports.Column{{Name: "label", Width: 24}, {Name: "input sentences", Kind: "int"}, {Name: "system share", Kind: "float"},
		{Name: "coded rows", Kind: "int"}, {Name: "estimated", Kind: "float"}, {Name: "ci95_low", Kind: "float"}, {Name: "ci95_high", Kind: "float"}})
	if err != nil {
		return err
	}
	ci := func(pick func(*evaluate.CorpusIntervals) evaluate.Interval) (any, any) {
		if e.CI == nil {
			return nil, nil
		}
		x := pick(e.CI)
		return nilNaN(x.Lo), nilNaN(x.Hi)
	}
	for i, l := range e.Labels {
		lo, hi := ci(func(c *evaluate.CorpusIntervals) evaluate.Interval { return c.Share[i] })
		if err := t.Row("share: "+l, e.SystemCount[i], nilNaN(e.SystemShare[i]), e.Coded[i], nilNaN(e.Share[i]), lo, hi); err != nil {
			return err
		}
	}
	for _, x := range corpusScores(e) {
		lo, hi := ci(x.pick)
		if err := t.Row(x.long, e.Covered, nil, nil, nilNaN(x.v), lo, hi); err != nil {
			return err
		}
	}
	for _, g := range r.Groups {
		for l, lab := range e.Labels {
			var lo, hi any
			if g.CI != nil {
				lo, hi = nilNaN(g.CI[l].Lo), nilNaN(g.CI[l].Hi)
			}
			if err := t.Row(fmt.Sprintf("%s %s: %s", r.GroupBy, g.Group, lab), g.SystemCount[l], nilNaN(g.SystemShare[l]), nil, nilNaN(g.Share[l]), lo, hi); err != nil {
				return err
			}
		}
	}
	return t.Close()
}
