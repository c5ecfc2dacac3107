package main

import (
	"errors"
	"fmt"
	"math"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/evaluate"
	"github.com/techframe/techframe/reports"
	"github.com/urfave/cli/v2"
)

// analyze --gold: the hand coding of a sample scored inside the workbook
// (what evaluate reports), so that co-authors see how far the frame
// shares can be trusted, and the shares corrected by the coding.
var _ = registerCorpusStage(corpusStage{
	name:  "validation",
	order: 30,
	flags: []cli.Flag{
		&cli.StringFlag{Name: "gold", Aliases: []string{"g"}, Category: catInput, Usage: "hand-coded CSV or .xlsx (from techframe sample) to score the frame tagger against: adds the Validation and Disagreements sheets"},
		&cli.IntFlag{Name: "bootstrap", Category: catOutput, Value: 1000, Usage: "bootstrap resamples for the 95% confidence intervals of the Validation sheet (0: none)"},
	},
	start: startValidation,
})

type validationRun struct {
	m         *evaluate.Matcher
	resamples int
	gold      string
}

func startValidation(c *cli.Context, s *session, a *analysis) (corpusRun, error) {
	path := c.String("gold")
	if path == "" {
		return nil, nil
	}
	if c.Bool("no-framing") {
		return nil, pipeline.Usagef("analyze: --gold scores the frame labels, which --no-framing turns off")
	}
	n := c.Int("bootstrap")
	if n < 0 {
		return nil, pipeline.Usagef("analyze: --bootstrap must be 0 (no intervals) or a number of resamples, not %d", n)
	}
	g, err := evaluate.ReadGoldFile(path)
	if err != nil {
		var ge *evaluate.GoldError
		if errors.As(err, &ge) {
			ge.Relabel("analyze", "")
		}
		return nil, err
	}
	s.setting("gold", g.Path)
	s.recordGold(g)
	s.setting("bootstrap", n)
	a.validation = true
	return &validationRun{m: evaluate.NewMatcher(g), resamples: n, gold: g.Path}, nil
}

// validationHelp describes the validation sheets on the About sheet.
var validationHelp = [][2]string{
	{"Validation", "The frame tagger scored against the hand-coded file given with --gold: agreement (accuracy, macro-F1, Cohen's kappa, Krippendorff's alpha, precision/recall/F1 per label, with 95% intervals from a bootstrap over documents), the confusion matrix, accuracy by the file's note tags, and corrected shares: each coded row weighted by the corpus sentences with its system label, which estimates each frame's true share in the corpus (valid when the rows were drawn at random within each system label, as techframe sample draws them); with --group-by, each group's shares corrected by the same label confusion (assuming the tagger errs alike in every group)."},
	{"Disagreements", "Every coded sentence where the tagger and the coder differ, with its cues, and every coded row that matched no sentence (with the reason)."},
}

func (v *validationRun) Add(d *pipeline.Document, _ *analysis) error { return v.m.Add(d) }

func (v *validationRun) Finish(set reports.TableSet, a *analysis) error {
	res, err := v.m.Result()
	if err != nil {
		return err
	}
	r, err := newEvalReport(res, v.resamples, a.groupBy, corpusGroups(a.corpus))
	if err != nil {
		return pipeline.Usagef("analyze: --gold %s: %v", v.gold, err)
	}
	noteByPath(a.s, "validation", v.gold, res.ByPath)
	warnGoldRows(a.s, "validation", res)
	for _, u := range res.UnmatchedRows() {
		a.s.warn(pipeline.Warning{Stage: "validation", Path: res.Gold.Path, Line: u.Row.Line, Kind: "gold-row-unmatched", Message: u.Reason})
	}
	// The corrected shares beside the system's on the Summary sheet.
	e := r.Est
	b := summaryBlock{title: "Frame shares corrected by the hand coding (see Validation)", cols: []string{"frame", "system share", "corrected share", "95% CI low", "95% CI high"},
		pct: map[int]bool{1: true, 2: true, 3: true, 4: true}}
	for i, l := range e.Labels {
		var lo, hi any
		if e.CI != nil {
			lo, hi = nilNaN(e.CI.Share[i].Lo), nilNaN(e.CI.Share[i].Hi)
		}
		b.rows = append(b.rows, []any{l, nilNaN(e.SystemShare[i]), nilNaN(e.Share[i]), lo, hi})
	}
	a.addSummary(b)
	if err := writeValidation(set, r); err != nil {
		return err
	}
	return writeDisagreements(set, res, true)
}

// writeValidation writes the Validation sheet: one row per figure, by
// section, with its count and 95% interval where there is one.
func writeValidation(set reports.TableSet, r evalReport) error {
	t, err := set.Table("Validation", []reports.Column{{Name: "section", Width: 16}, {Name: "measure", Width: 30}, {Name: "label", Width: 13},
		{Name: "value", Kind: "float"}, {Name: "count", Kind: "int"}, {Name: "ci95_low", Kind: "float"}, {Name: "ci95_high", Kind: "float"}})
	if err != nil {
		return err
	}
	// Frame shares (and their intervals) show as percentages, as on every
	// other sheet; agreement scores (accuracy, F1, kappa, alpha) as 0.000.
	share := false
	row := func(section, measure, label string, v float64, count any, iv *evaluate.Interval) error {
		var lo, hi any
		if iv != nil {
			lo, hi = nilNaN(iv.Lo), nilNaN(iv.Hi)
		}
		val := nilNaN(v)
		if share {
			val, lo, hi = reports.Cell{Value: val, Kind: "pct"}, reports.Cell{Value: lo, Kind: "pct"}, reports.Cell{Value: hi, Kind: "pct"}
		}
		return t.Row(section, measure, label, val, count, lo, hi)
	}
	pick := func(f func(*evaluate.Intervals) evaluate.Interval) *evaluate.Interval {
		if r.CI == nil {
			return nil
		}
		x := f(r.CI)
		return &x
	}
	m := r.Metrics
	rows := []func() error{
		func() error { return row("coding", "coded rows", "", math.NaN(), len(r.Matches), nil) },
		func() error { return row("coding", "matched rows", "", math.NaN(), r.Matched(), nil) },
		func() error {
			return row("coding", "unmatched rows (Disagreements sheet)", "", math.NaN(), r.Unmatched, nil)
		},
		func() error {
			return row("coding", "duplicate rows (left out)", "", math.NaN(), len(r.Duplicates), nil)
		},
		func() error {
			return row("agreement", "accuracy", "", m.Accuracy, m.Agree, pick(func(i *evaluate.Intervals) evaluate.Interval { return i.Accuracy }))
		},
		func() error {
			return row("agreement", "macro-F1", "", m.MacroF1, nil, pick(func(i *evaluate.Intervals) evaluate.Interval { return i.MacroF1 }))
		},
		func() error {
			return row("agreement", "Cohen's kappa", "", m.Kappa, nil, pick(func(i *evaluate.Intervals) evaluate.Interval { return i.Kappa }))
		},
		func() error {
			return row("agreement", "Krippendorff's alpha (nominal)", "", m.Alpha, nil, pick(func(i *evaluate.Intervals) evaluate.Interval { return i.Alpha }))
		},
	}
	for _, f := range rows {
		if err := f(); err != nil {
			return err
		}
	}
	for _, c := range m.Classes {
		for _, x := range []struct {
			name  string
			v     float64
			count int
		}{{"precision", c.Precision, c.Predicted}, {"recall", c.Recall, c.Support}, {"F1", c.F1, c.TP}} {
			if err := row("agreement", x.name, c.Label, x.v, x.count, nil); err != nil {
				return err
			}
		}
	}
	for i, g := range m.Labels {
		for j, sl := range m.Labels {
			if err := row("confusion", "gold "+g+", system "+sl, "", math.NaN(), m.Confusion[i][j], nil); err != nil {
				return err
			}
		}
	}
	e := r.Est
	share = true
	for i, l := range e.Labels {
		var iv *evaluate.Interval
		if e.CI != nil {
			iv = &e.CI.Share[i]
		}
		if err := row("corrected share", "system share (input sentences)", l, e.SystemShare[i], e.SystemCount[i], nil); err != nil {
			return err
		}
		if err := row("corrected share", "estimated share (coded rows)", l, e.Share[i], e.Coded[i], iv); err != nil {
			return err
		}
	}
	share = false
	for _, x := range corpusScores(e) {
		var iv *evaluate.Interval
		if e.CI != nil {
			y := x.pick(e.CI)
			iv = &y
		}
		if err := row("corpus estimate", x.long, "", x.v, e.Covered, iv); err != nil {
			return err
		}
	}
	share = true
	for _, g := range r.Groups {
		for l, lab := range e.Labels {
			var iv *evaluate.Interval
			if g.CI != nil {
				iv = &g.CI[l]
			}
			if err := row("corrected share by "+r.GroupBy, g.Group, lab, g.Share[l], g.SystemCount[l], iv); err != nil {
				return err
			}
		}
	}
	share = false
	for _, tg := range r.Tags {
		if err := row("by note tag", tg.Tag, "", tg.Accuracy(), tg.Rows, nil); err != nil {
			return err
		}
	}
	if r.CI != nil {
		if err := row("method", fmt.Sprintf("95%% intervals: percentile bootstrap, %d resamples", r.CI.Resamples), "", math.NaN(), r.CI.Clusters, nil); err != nil {
			return err
		}
	}
	return t.Close()
}
