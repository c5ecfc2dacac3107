package main

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/techframe/techframe/lexicons"
	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/entities"
	"github.com/techframe/techframe/pipeline/evaluate"
	"github.com/techframe/techframe/pipeline/framing"
	"github.com/techframe/techframe/reports"
	"github.com/urfave/cli/v2"
)

func init() {
	register(&cli.Command{
		Name:  "framing",
		Usage: "train the framing tagger's learned combiner on hand-coded sentences",
		UsageText: `techframe framing train --gold CODED.csv [--gold CODED2.csv ...] -o MODEL.json [inputs...]

The framing tagger finds cues from its lexicon (with negation, hedging,
concession and other-sense rules) and a learned combiner turns each
sentence's cue features into a label. "framing train" refits that combiner
on your own hand coding; use the result with --framing-model on annotate,
analyze, kwic, sample or evaluate.

EXAMPLES:
   techframe framing train --gold coded.csv -o my-model.json
   techframe framing train --builtin --gold coded.csv -o my-model.json    # the built-in sets + your coding
   techframe framing train --gold coder1.csv --gold coder2.csv -o my-model.json
   techframe framing train --gold by-index.csv -o my-model.json corpus/  # doc_id,index,label: sentences from the corpus
   techframe annotate --framing-model my-model.json corpus.jsonl --level sentence -t csv -o sentences.csv`,
		Subcommands: []*cli.Command{{
			Name:  "train",
			Usage: "fit the combiner (softmax regression over cue features) to hand-coded sheets (CSV or .xlsx)",
			UsageText: `techframe framing train --gold FILE [--gold FILE ...] -o MODEL.json [--l2 X] [--lexicon FILE ...] [inputs...]

Each gold file is CSV (or .xlsx) with a header holding a sentence column and a label
column (cooperation, competition, both or neutral), as techframe evaluate
reads; other columns are ignored and rows with a blank label are skipped
(counted, with a warning). A sentence coded twice (the same text, in the
same document when there is a doc_id; in one file or across files) is
trained on once, as evaluate scores it once: the first row is used; each
later one coded with another label is warned about (settle the label), and
those coded alike are counted in one warning per file. A file whose
rows all code sentences that earlier files code (a second coder's sheet
of the same sentences) adds nothing to the fit: a warning says so, with
how many of its labels differ, and it gets no fold of its own in the
estimate below.
Each row is analysed as one sentence with the lexicons in use (built-in,
or --lexicon / --lexicon-replace: use the same lexicons when you apply the
model). Sentences without any cue stay neutral and do not enter the fit.

A sheet may name its sentences by doc_id and index instead of holding their
text (columns doc_id, index, label; or a sentence cell left blank): give
the corpus it was coded from as inputs (files, folders, globs, or - for
stdin), read and split into sentences as evaluate and sample do (same
--format, --id-field, --text-field and --tokenizer), and each such row is
trained on the text of its sentence. A row that names no sentence of the
inputs (no such document, or too few sentences) is a warning with its
file:line, left out of the training; how many were left out is printed
(even with -q), and --strict makes the first one fatal. Rows with sentence
text are trained on that text as before: the inputs are read only for rows
without it.

The fit is a multinomial logistic regression with an L2 penalty on
standardised cue features, lower-cased word unigrams and bigrams (words
after a negator prefixed NOT_, penalty --ngram-l2; the 3,000 strongest are
kept) and class weights that balance rare labels, solved from zero in a
fixed order: the same files give identical weights. A frame still needs a
counted cue for it. The model file is JSON, one row per feature and per
n-gram with a weight per label.

On stderr: the in-sample scores of the hand-set rule and the new model
and the honest estimate: with two or more --gold files a leave-one-file-out
table (train on the others, score the one left out); with one file, 5-fold
cross-validation that keeps each document (doc_id) within one fold.

EXAMPLES:
   techframe framing train --gold coded.csv -o my-model.json
   techframe framing train --gold a.csv --gold b.csv --gold c.csv -o my-model.json
   techframe framing train --gold coded.csv --lexicon extra-framing.tsv -o my-model.json
   techframe framing train --gold by-index.csv -o my-model.json corpus.jsonl   # doc_id,index,label only
   techframe annotate --lexicon extra-framing.tsv --framing-model my-model.json corpus/

Exit status: 0 when the model was written; 1 when the inputs cannot be
read, or none of a sheet's rows names a sentence of them; 2 for a bad gold
or lexicon file, missing flags, or a sheet without sentence text and no
inputs.`,
			Flags: concatFlags([]cli.Flag{
				&cli.StringSliceFlag{Name: "gold", Aliases: []string{"g"}, Category: catInput, Usage: "hand-coded CSV or .xlsx `FILE` with label and sentence (or doc_id + index) columns (required, repeatable)"},
				&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Category: catOutput, Usage: "model `FILE` to write (JSON; - for stdout)"},
				&cli.Float64Flag{Name: "l2", Category: catAnalysis, Value: framing.DefaultL2, Usage: "L2 penalty on the standardised weights (larger = closer to equal weights)"},
				&cli.Float64Flag{Name: "ngram-l2", Category: catAnalysis, Value: framing.DefaultNGramL2, Usage: "L2 penalty on the word unigram/bigram weights (0: cue features only)"},
				&cli.BoolFlag{Name: "unweighted", Category: catAnalysis, Usage: "do not weight labels by their rarity"},
				&cli.BoolFlag{Name: "builtin", Category: catInput, Usage: "also train on the built-in gold sets (3,772 coded sentences: the shipped model's training data except samples/coded.csv); the estimates still score only your files"},
				&cli.StringSliceFlag{Name: "lexicon", Category: catAnalysis, Usage: "extra lexicon `FILE` or folder (repeatable), as for annotate"},
				&cli.BoolFlag{Name: "lexicon-replace", Category: catAnalysis, Usage: "use only the --lexicon files"},
			}, trainInputFlags(), []cli.Flag{
				&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Category: catRun, Usage: "do not print warnings (they are still counted) or the training scores"},
			}),
			Action: runFramingTrain,
		}},
	})
}

func runFramingTrain(c *cli.Context) error {
	s := newSession(c)
	paths := c.StringSlice("gold")
	if len(paths) == 0 {
		return pipeline.Usagef("framing train: --gold FILE is required (see techframe framing train --help)")
	}
	target := c.String("output")
	if target == "" {
		return pipeline.Usagef("framing train: -o MODEL.json is required (- writes to stdout)")
	}
	if err := checkOutputs(c, nil); err != nil {
		return err
	}
	if v := c.Float64("l2"); !(v > 0) || math.IsInf(v, 1) {
		return pipeline.Usagef("framing train: --l2 must be a positive number, not %g", v)
	}
	if v := c.Float64("ngram-l2"); !(v >= 0) || math.IsInf(v, 1) {
		return pipeline.Usagef("framing train: --ngram-l2 must be 0 (no n-grams) or a positive number, not %g", v)
	}
	set, err := sessionLexicons(c, s)
	if err != nil {
		return err
	}
	warnNoLexicon(c, s, set, lexicons.KindFraming, "framing", "no cue will be found in the gold rows")
	warnNoLexicon(c, s, set, lexicons.KindEntities, "entities", "no entity will be tagged")
	gaz := entities.New(set)
	tagger := framing.New(set, framing.Options{})
	golds := make([]*evaluate.Gold, 0, len(paths))
	for _, p := range paths {
		g, err := evaluate.ReadGoldFile(p)
		if err != nil {
			var ge *evaluate.GoldError
			if errors.As(err, &ge) {
				ge.Relabel("framing train", "")
			}
			return err
		}
		golds = append(golds, g)
	}
	lookup, err := goldSentences(c, s, golds)
	if err != nil {
		return err
	}
	var sets [][]framing.Example
	var names []string
	var all []framing.Example
	var docs []string // document of each row of a single file (cross-validation)
	type seenRow struct {
		path, doc string
		line      int
		label     string
	}
	// The rows seen so far by their normalised sentence text.
	seenRows := map[string][]seenRow{}
	for gi, g := range golds {
		p := paths[gi]
		var exs []framing.Example
		found, unmatched, dups := 0, 0, 0
		differ := 0              // duplicates labelled otherwise than the first row
		var alike []int          // the lines of duplicates labelled as the first row
		firstFiles := []string{} // the files of the first rows of the duplicates
		if n := len(g.Uncoded); n > 0 {
			s.warn(pipeline.Warning{Stage: "framing train", Path: p, Line: g.Uncoded[0], Offset: -1, Kind: "uncoded-gold-rows",
				Message: fmt.Sprintf("%d rows with a blank label are not trained on (lines %s)", n, lineList(g.Uncoded, 10))})
		}
		for _, r := range g.Rows {
			text := r.Sentence
			if r.NeedsText() {
				// goldSentences read the inputs for such rows.
				var reason string
				if text, reason = lookup.Text(r); reason != "" {
					w := pipeline.Warning{Stage: "framing train", Path: p, Line: r.Line, Offset: -1, Kind: "unmatched-gold-row",
						Message: reason + ": left out of the training"}
					if c.Bool("strict") {
						return &pipeline.StrictError{Warning: w}
					}
					s.warn(w)
					unmatched++
					continue
				}
				found++
			}
			// The same sentence coded twice is trained on once, as
			// evaluate scores it once: the first row is kept, the later
			// one warned about, louder when the labels differ. With a
			// doc_id, the same text in two documents is two sentences.
			// Two doc_ids are one document when they name the same file
			// by path ("bom.txt" and "corpus/bom.txt"), as evaluate
			// matches them (evaluate.PathMatch).
			key := evaluate.Normalize(text)
			var prev seenRow
			ok := false
			for _, x := range seenRows[key] {
				if x.doc == r.DocID || evaluate.PathMatch(x.doc, r.DocID) {
					prev, ok = x, true
					break
				}
			}
			if ok {
				if prev.label != r.Label {
					differ++
					s.warn(pipeline.Warning{Stage: "framing train", Path: p, Line: r.Line, Offset: -1, Kind: "duplicate-gold-row",
						Message: fmt.Sprintf("the same sentence as %s:%d, coded %s there and %s here: left out of the training, the first row (%s) is used; settle the label", prev.path, prev.line, prev.label, r.Label, prev.label)})
				} else {
					alike = append(alike, r.Line)
				}
				dups++
				if !slices.Contains(firstFiles, prev.path) {
					firstFiles = append(firstFiles, prev.path)
				}
				continue
			}
			seenRows[key] = append(seenRows[key], seenRow{p, r.DocID, r.Line, r.Label})
			f, grams, err := sentenceFeatures(gaz, tagger, text)
			if err != nil {
				return err
			}
			exs = append(exs, framing.Example{F: f, Grams: grams, Label: r.Label})
			docs = append(docs, r.DocID)
		}
		if len(alike) > 0 && len(exs) > 0 {
			// One warning for the rows that repeat a coding (a second
			// coder's whole sheet gets duplicateFileMessage instead).
			s.warn(pipeline.Warning{Stage: "framing train", Path: p, Line: alike[0], Offset: -1, Kind: "duplicate-gold-row",
				Message: fmt.Sprintf("%d rows code sentences already coded with the same label: left out of the training, the first rows are used (lines %s)", len(alike), lineList(alike, 10))})
		}
		reportLookup(s, p, found, unmatched)
		if !s.quiet && (dups > 0 || len(g.Uncoded) > 0) {
			fmt.Fprintf(s.env.Stderr, "techframe: framing train: %s: %d of %d rows trained on (%d with a blank label, %d duplicates, %d unmatched left out)\n",
				p, len(exs), g.DataRows(), len(g.Uncoded), dups, unmatched)
		}
		if lookup != nil {
			noteByPath(s, "framing train", p, lookup.TakeByPath())
		}
		if len(exs) == 0 && dups > 0 {
			// A second coder's sheet of the same sentences: every row
			// the inputs matched codes a sentence an earlier file codes.
			// Nothing new to train on, so the file is said and left out
			// of the leave-one-file-out estimate (it would score no row);
			// an error would refuse the documented two-coder run.
			s.warn(pipeline.Warning{Stage: "framing train", Path: p, Offset: -1, Kind: "duplicate-gold-file",
				Message: duplicateFileMessage(p, dups, differ, unmatched, firstFiles)})
			continue
		}
		if len(exs) == 0 && unmatched > 0 {
			return fmt.Errorf("framing train: none of the %d coded rows of %s names a sentence of the inputs: nothing to train on (other inputs, or --id-field?)", unmatched, p)
		}
		if len(exs) == 0 {
			return pipeline.Usagef("framing train: %s has no coded rows", p)
		}
		sets = append(sets, exs)
		names = append(names, p)
		all = append(all, exs...)
	}
	opts := framing.TrainOptions{L2: c.Float64("l2"), Unweighted: c.Bool("unweighted"), NGramL2: c.Float64("ngram-l2")}
	var builtinNames []string
	if c.Bool("builtin") {
		// On the training side of the fit and of every fold; never scored.
		for _, b := range framing.BuiltinSets() {
			g, err := evaluate.ReadGold(bytes.NewReader(b.CSV), "builtin:"+b.Name)
			if err != nil {
				return err
			}
			for _, r := range g.Rows {
				f, grams, err := sentenceFeatures(gaz, tagger, r.Sentence)
				if err != nil {
					return err
				}
				opts.Always = append(opts.Always, framing.Example{F: f, Grams: grams, Label: r.Label})
			}
			builtinNames = append(builtinNames, "builtin:"+b.Name)
		}
	}
	m, err := framing.Train(append(append([]framing.Example(nil), opts.Always...), all...), opts)
	if err != nil {
		return err
	}
	m.Training.Sets = append(m.Training.Sets, builtinNames...)
	for _, p := range paths {
		m.Training.Sets = append(m.Training.Sets, filepath.ToSlash(p))
	}
	if lookup != nil {
		for _, in := range c.Args().Slice() {
			m.Training.Inputs = append(m.Training.Inputs, filepath.ToSlash(in))
		}
		m.Training.Tokenizer = c.String("tokenizer")
	}
	if !s.quiet {
		title := "leave-one-file-out"
		if len(sets) == 1 {
			var how string
			sets, names, how = crossFolds(sets[0], docs, cvFolds)
			title = fmt.Sprintf("%d-fold cross-validation %s", len(sets), how)
		}
		if err := reportTraining(s, tagger, m, all, sets, names, title, opts); err != nil {
			return err
		}
	}
	data, err := m.Marshal()
	if err != nil {
		return err
	}
	out, err := reports.OpenOutput(target, s.env.Stdout)
	if err != nil {
		return err
	}
	_, err = out.Write(data)
	return finish(out, err)
}

// trainInputFlags are the input flags of framing train, for sheets that
// name sentences by doc_id and index: those of every command that reads a
// corpus (but -q, which framing train gives its own usage) and
// --tokenizer, which decides the sentence numbers.
func trainInputFlags() []cli.Flag {
	var out []cli.Flag
	for _, f := range inputFlags() {
		if f.Names()[0] != "quiet" {
			out = append(out, f)
		}
	}
	for _, f := range tokenizeFlags() {
		if f.Names()[0] == "tokenizer" {
			out = append(out, f)
		}
	}
	return out
}

// goldSentences reads the inputs for the gold rows that have no sentence
// text, keeping the sentences their doc_id and index name. It returns nil
// when every row has its text: the inputs are then not read (a warning
// says so). Rows without text and no inputs are a usage error that says
// to give the corpus.
func goldSentences(c *cli.Context, s *session, golds []*evaluate.Gold) (*evaluate.SentenceLookup, error) {
	l := evaluate.NewSentenceLookup()
	var first *evaluate.Gold
	var firstRow evaluate.GoldRow
	need := 0
	for _, g := range golds {
		for _, r := range g.Rows {
			if r.NeedsText() {
				if need == 0 {
					first, firstRow = g, r
				}
				need++
				l.Want(r)
			}
		}
	}
	if need == 0 {
		if c.NArg() > 0 {
			s.warn(pipeline.Warning{Stage: "framing train", Offset: -1, Kind: "inputs-not-read",
				Message: "every coded row has its sentence text, so the inputs are not read (they serve rows with doc_id and index but no sentence)"})
		}
		return nil, nil
	}
	if c.NArg() == 0 {
		// Explicit inputs only: a piped stdin is not taken for the corpus
		// unless named with -.
		if !first.HasSentence {
			return nil, pipeline.Usagef("framing train: %s has no sentence column: its rows name sentences by doc_id and index, so give the corpus it was coded from as inputs: techframe framing train --gold %s -o MODEL.json CORPUS...", first.Path, first.Path)
		}
		others := ""
		if need > 1 {
			others = fmt.Sprintf(" (nor do %d other rows)", need-1)
		}
		return nil, pipeline.Usagef("framing train: %s:%d: the row has no sentence text%s: give the corpus the sheet was coded from as inputs, so that such rows are trained on the sentence their doc_id and index name: techframe framing train --gold %s -o MODEL.json CORPUS...", first.Path, firstRow.Line, others, first.Path)
	}
	if _, err := s.annotateWith(c, annotateOpts{tokensOnly: true}, func(d *pipeline.Document) error {
		l.Add(d)
		return nil
	}); err != nil {
		return nil, err
	}
	return l, nil
}

// duplicateFileMessage says that all dups coded rows of --gold file path
// (but unmatched ones that name no sentence of the inputs) code sentences
// that the earlier files firstFiles code, differ of them with another
// label.
func duplicateFileMessage(path string, dups, differ, unmatched int, firstFiles []string) string {
	rows := fmt.Sprintf("every one of its %d coded rows", dups)
	if unmatched > 0 {
		rows = fmt.Sprintf("every one of its %d coded rows that name a sentence of the inputs", dups)
	}
	labels, hint := "all with the same label", ""
	if differ > 0 {
		labels = fmt.Sprintf("%d of them labelled differently here", differ)
		hint = fmt.Sprintf("; techframe agree %s %s measures the agreement", strings.Join(firstFiles, " "), path)
	}
	return fmt.Sprintf("%s codes a sentence that %s already codes, %s: nothing new to train on, the first coding is used and this file adds no fold to the estimate%s",
		rows, strings.Join(firstFiles, " and "), labels, hint)
}

// lineList lists up to n line numbers, with ", ..." when there are more.
func lineList(lines []int, n int) string {
	var parts []string
	for i, l := range lines {
		if i == n {
			parts = append(parts, "...")
			break
		}
		parts = append(parts, strconv.Itoa(l))
	}
	return strings.Join(parts, ", ")
}

// reportLookup says how many rows of gold file path without sentence
// text were found in the inputs (unless -q) and how many were left out
// (always: they are never dropped silently).
func reportLookup(s *session, path string, found, unmatched int) {
	switch {
	case unmatched > 0:
		see := "see the warnings above"
		if s.quiet {
			see = "-q hid the warnings that list them"
		}
		fmt.Fprintf(s.env.Stderr, "techframe: framing train: %s: %d of %d rows without sentence text name no sentence of the inputs and are left out of the training (%s)\n",
			path, unmatched, found+unmatched, see)
	case found > 0 && !s.quiet:
		fmt.Fprintf(s.env.Stderr, "techframe: framing train: %s: %d rows without sentence text, trained on the sentences their doc_id and index name in the inputs\n", path, found)
	}
}

// sentenceFeatures analyses text as one sentence: gazetteer, then the
// framing tagger's features (nil when no cue) and n-gram names.
func sentenceFeatures(gaz *entities.Gazetteer, t *framing.Tagger, text string) (*framing.Features, []string, error) {
	doc := &pipeline.Document{ID: "gold", Text: text, Sentences: []pipeline.Sentence{{Span: pipeline.Span{Start: 0, End: len(text)}}}}
	if err := gaz.Process(doc); err != nil {
		return nil, nil, err
	}
	fs, gs := t.FeaturesGrams(doc)
	return fs[0], gs[0], nil
}

// reportTraining prints the in-sample scores and the folds' scores (each
// of sets scored by a model trained on the others), under title.
func reportTraining(s *session, t *framing.Tagger, m *framing.Model, all []framing.Example, sets [][]framing.Example, names []string, title string, opts framing.TrainOptions) error {
	ew := &errWriter{w: s.env.Stderr}
	gold := make([]string, len(all))
	rule := make([]string, len(all))
	learned := make([]string, len(all))
	for i, ex := range all {
		gold[i], rule[i], learned[i] = ex.Label, t.RuleLabel(ex.F), framing.LabelExample(m, ex)
	}
	r, l := framing.Score(gold, rule), framing.Score(gold, learned)
	ew.printf("techframe: framing train: %d rows (%d with cues), %d iterations, loss %.4f\n", m.Training.Rows, m.Training.CuedRows, m.Training.Iterations, m.Training.Loss)
	if len(opts.Always) > 0 {
		ew.printf("(of them %d rows from the built-in gold sets, on the training side of every fold; the scores below are of your files only)\n", len(opts.Always))
	}
	ew.printf("in-sample (optimistic)   hand rule macro-F1 %.3f kappa %.3f   learned macro-F1 %.3f kappa %.3f\n", r.MacroF1, r.Kappa, l.MacroF1, l.Kappa)
	// The model techframe ships never saw these rows (unless they are
	// among its built-in sets): the yardstick for the new one's honest
	// estimate below.
	if dm, err := framing.DefaultModel(); err == nil && dm != nil {
		shipped := make([]string, len(all))
		for i, ex := range all {
			shipped[i] = framing.LabelExample(dm, ex)
		}
		sm := framing.Score(gold, shipped)
		ew.printf("the shipped model on these rows: macro-F1 %.3f kappa %.3f (held out for it unless the rows come from techframe's own gold sets; use yours with --framing-model only if its estimate below is higher)\n", sm.MacroF1, sm.Kappa)
	}
	if len(sets) < 2 {
		ew.printf("(too few documents or rows for a cross-validated estimate: give two or more --gold files)\n")
		return ew.err
	}
	folds, err := t.LeaveOneSetOut(sets, names, opts)
	if err != nil {
		return err
	}
	ew.printf("%s\n%-24s %6s  %-22s %-22s\n", title, "", "rows", "hand rule F1 / kappa", "learned F1 / kappa")
	var rf, rk, lf, lk float64
	for _, f := range folds {
		ew.printf("  %-22s %6d  %.3f / %.3f          %.3f / %.3f\n", shortName(f.Name, 22), f.N, f.Rule.MacroF1, f.Rule.Kappa, f.Learned.MacroF1, f.Learned.Kappa)
		rf, rk, lf, lk = rf+f.Rule.MacroF1, rk+f.Rule.Kappa, lf+f.Learned.MacroF1, lk+f.Learned.Kappa
	}
	n := float64(len(folds))
	ew.printf("  %-22s %6s  %.3f / %.3f          %.3f / %.3f\n", "mean of the folds", "", rf/n, rk/n, lf/n, lk/n)
	// Every row scored once, by the model that did not see it: the
	// folds' confusion matrices added up.
	pr, pl := pooled(folds, func(f framing.Fold) framing.Scores { return f.Rule }), pooled(folds, func(f framing.Fold) framing.Scores { return f.Learned })
	ew.printf("  %-22s %6d  %.3f / %.3f          %.3f / %.3f   (the honest estimate)\n", "all rows pooled", pr.N, pr.MacroF1, pr.Kappa, pl.MacroF1, pl.Kappa)
	return ew.err
}

// pooled scores the folds' rows together from their summed confusion
// matrices.
func pooled(folds []framing.Fold, pick func(framing.Fold) framing.Scores) *evaluate.Metrics {
	conf := make([][]int, len(framing.Labels))
	for i := range conf {
		conf[i] = make([]int, len(framing.Labels))
	}
	for _, f := range folds {
		c := pick(f).Confusion
		for i, g := range framing.Labels {
			for j, p := range framing.Labels {
				conf[i][j] += c[g][p]
			}
		}
	}
	m, _ := evaluate.FromConfusion(framing.Labels, conf) // square by construction
	return m
}

// cvFolds is the number of cross-validation folds for a single gold file.
const cvFolds = 5

// crossFolds splits the rows of one gold file into at most k folds for
// cross-validation: whole documents (docs[i] is row i's doc_id), dealt to
// the folds in order of first appearance, so that no document is on both
// sides; rows in k consecutive blocks when the file has no doc_id. Fewer
// than two groups give no folds. how says which split was made.
func crossFolds(exs []framing.Example, docs []string, k int) (sets [][]framing.Example, names []string, how string) {
	group := make([]int, len(exs))
	n := 0
	if len(docs) == len(exs) && len(docs) > 0 && docs[0] != "" {
		at := map[string]int{}
		for i, d := range docs {
			g, ok := at[d]
			if !ok {
				g = len(at)
				at[d] = g
			}
			group[i] = g
		}
		n = len(at)
	} else {
		for i := range exs {
			group[i] = i
		}
		n = len(exs)
	}
	byDoc := len(docs) == len(exs) && len(docs) > 0 && docs[0] != ""
	how = "by document (doc_id)"
	if !byDoc {
		how = "by consecutive rows (no doc_id column)"
	}
	k = min(k, n)
	if k < 2 {
		return nil, nil, how
	}
	sets = make([][]framing.Example, k)
	for i, ex := range exs {
		f := group[i] % k
		if !byDoc {
			f = group[i] * k / n // consecutive blocks
		}
		sets[f] = append(sets[f], ex)
	}
	names = make([]string, k)
	for f := range names {
		names[f] = fmt.Sprintf("fold %d", f+1)
	}
	return sets, names, how
}

func shortName(p string, n int) string {
	if len(p) <= n {
		return p
	}
	return "..." + p[len(p)-n+3:]
}
