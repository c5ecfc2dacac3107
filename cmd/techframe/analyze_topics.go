package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/summary"
	"github.com/techframe/techframe/pipeline/topics"
	"github.com/techframe/techframe/reports"
	"github.com/urfave/cli/v2"
)

// The topics part of analyze fits one model on the vocabulary built by the
// keywords part and writes the Topics and DocTopics sheets.

var _ = registerCorpusStage(corpusStage{
	name:  "topics",
	order: 20,
	flags: []cli.Flag{
		&cli.IntFlag{Name: "k", Category: catAnalysis, Value: 10, Usage: "number of topics (0: no topic model)"},
		&cli.StringFlag{Name: "model", Category: catAnalysis, Value: "lda", Usage: "topic model: lda (collapsed Gibbs) or nmf (on TF-IDF)"},
		&cli.Uint64Flag{Name: "seed", Category: catAnalysis, Value: 1, Usage: "random seed of the topic model (recorded in the manifest)"},
		&cli.IntFlag{Name: "iterations", Category: catAnalysis, Usage: "topic model iterations (0: the model's default)"},
	},
	start: startTopics,
})

type anTopicsRun struct {
	k     int
	kind  string
	seed  uint64
	iters int
	jobs  int
	c     *cli.Context
}

func startTopics(c *cli.Context, s *session, a *analysis) (corpusRun, error) {
	k := c.Int("k")
	if c.Bool("no-keywords") || k == 0 {
		s.setting("topics", false)
		return nil, nil
	}
	if k < 0 {
		return nil, pipeline.Usagef("--k must be positive (or 0 for no topic model), not %d", k)
	}
	kind := c.String("model")
	if kind != "lda" && kind != "nmf" {
		return nil, pipeline.Usagef("--model must be lda or nmf, not %q", kind)
	}
	if c.Int("iterations") < 0 {
		return nil, pipeline.Usagef("--iterations must not be negative")
	}
	s.setting("topic_model", kind)
	s.setting("k", k)
	s.setting("seed", c.Uint64("seed"))
	return &anTopicsRun{k: k, kind: kind, seed: c.Uint64("seed"), iters: c.Int("iterations"), jobs: c.Int("jobs"), c: c}, nil
}

func (r *anTopicsRun) Add(*pipeline.Document, *analysis) error { return nil }

func (r *anTopicsRun) Finish(set reports.TableSet, a *analysis) error {
	m := a.matrix
	if m == nil {
		return nil
	}
	nonEmpty := 0
	for i := 0; i < m.Counts.Rows; i++ {
		if m.Counts.Indptr[i] < m.Counts.Indptr[i+1] {
			nonEmpty++
		}
	}
	if r.k > nonEmpty && !r.c.IsSet("k") {
		a.s.warn(pipeline.Warning{Stage: "topics", Kind: "too-few-documents", Offset: -1,
			Message: fmt.Sprintf("only %d documents have terms, fewer than the default k=%d: no topic model (set --k to choose one)", nonEmpty, r.k)})
		a.s.setting("topics", "skipped: too few documents")
		return nil
	}
	if r.k > nonEmpty {
		return pipeline.Usagef("--k %d is larger than the number of documents with terms (%d): choose a smaller k", r.k, nonEmpty)
	}
	var model *topics.Model
	var err error
	if r.kind == "nmf" {
		model, err = topics.FitNMF(a.weights.W, m.Terms, topics.NMFOptions{K: r.k, MaxIterations: r.iters, Seed: r.seed, Jobs: r.jobs, Context: r.c.Context})
	} else {
		// the same defaults as techframe topics
		o := topics.DefaultLDAOptions(r.k, r.seed)
		if r.iters > 0 {
			o.Iterations = r.iters
		}
		if first, ok := o.FirstOptimization(); !ok {
			// techframe topics refuses this (its --burn-in can be set);
			// here it is said, and the fit goes on with fixed priors.
			a.s.warn(pipeline.Warning{Stage: "topics", Kind: "no-optimisation", Offset: -1,
				Message: fmt.Sprintf("--iterations %d ends before the first hyper-parameter optimisation (sweep %d, after a burn-in of %d): the LDA keeps its symmetric priors; use techframe topics with --burn-in to choose", o.Iterations, first, o.BurnIn)})
		}
		o.Jobs, o.Context = r.jobs, r.c.Context
		model, err = topics.FitLDA(m.Counts, m.Terms, o)
	}
	if err != nil {
		return err
	}
	if model.EmptyDocs > 0 {
		a.s.warn(emptyDocsWarning(m.Counts, m.DocIDs))
	}
	// labels once per topic (each sorts the topic's whole vocabulary)
	labels := make([]string, r.k)
	for k := range labels {
		labels[k] = model.TopicLabel(k)
	}
	// the model's coherence and diversity (top words by weight), the same
	// figures techframe topics prints for this model
	coh := model.TopicCoherence(a.seqs)
	excl := model.Exclusivity(10)
	prev := model.Prevalence()
	a.s.result("topic_coherence_mean_npmi", coh.MeanNPMI)
	a.s.result("topic_diversity_top25", model.TopicDiversity())

	// frame counts per topic, weighted by each document's topic
	// proportions. A document with no term has none (p is nil): no dominant
	// topic, and its sentences weigh on no topic.
	frames := make([][4]float64, r.k)
	dominant := make([]int, len(m.DocIDs))
	for d := range m.DocIDs {
		p := model.DocProportions(d)
		best := -1
		for k, x := range p {
			if x > 0 && (best < 0 || x > p[best]) {
				best = k
			}
			for f := 0; f < 4; f++ {
				frames[k][f] += x * float64(a.docs[d].counts[f])
			}
		}
		dominant[d] = best
		label := ""
		if best >= 0 {
			label = fmt.Sprintf("%d: %s", best+1, labels[best])
		}
		a.setDocExtra("dominant topic", d, label)
	}

	// The frame columns only when framing ran (not zeros with --no-framing).
	// LDA counts the tokens a topic drew; NMF sums real weights, which an
	// integer format would round (a weight under 0.5 shown as 0).
	tokensKind := "int"
	if r.kind == "nmf" {
		tokensKind = "float"
	}
	cols := []reports.Column{{Name: "topic", Kind: "int"}, {Name: "label", Width: 28}, {Name: "prevalence", Kind: "pct"},
		{Name: "tokens", Kind: tokensKind}, {Name: "NPMI", Kind: "float"}, {Name: "UMass", Kind: "float"}, {Name: "exclusivity", Kind: "float"},
		{Name: "top terms (weight)", Kind: "wrap", Width: 70}}
	if a.framing {
		cols = append(cols, reports.Column{Name: "cooperation (weighted sentences)", Kind: "float"},
			reports.Column{Name: "competition (weighted sentences)", Kind: "float"}, reports.Column{Name: "balance", Kind: "float"})
	}
	cols = append(cols, reports.Column{Name: "representative documents", Kind: "wrap", Width: 40})
	t, err := set.Table("Topics", cols)
	if err != nil {
		return err
	}
	blk := summaryBlock{title: fmt.Sprintf("Topics (%s, k=%d, seed %d)", strings.ToUpper(r.kind), r.k, r.seed), cols: []string{"topic", "prevalence", "NPMI"}, chart: "bar", pct: map[int]bool{1: true}}
	if a.framing {
		blk.cols = append(blk.cols, "balance")
	}
	for k := 0; k < r.k; k++ {
		terms, reps := topTermsCell(model, k), repDocsCell(model, k, m.DocIDs)
		f := frames[k]
		bal := any(nil)
		if coop, comp := f[0]+f[2], f[1]+f[2]; coop+comp > 0 {
			bal = (coop - comp) / (coop + comp)
		}
		label := fmt.Sprintf("%d: %s", k+1, labels[k])
		row := []any{k + 1, labels[k], prev[k], model.TopicTokens[k], nanNil(coh.NPMI[k]), nanNil(coh.UMass[k]), excl[k], terms}
		brow := []any{label, prev[k], nanNil(coh.NPMI[k])}
		if a.framing {
			row = append(row, f[0]+f[2], f[1]+f[2], bal)
			brow = append(brow, bal)
		}
		if err := t.Row(append(row, reps)...); err != nil {
			return err
		}
		blk.rows = append(blk.rows, brow)
	}
	if err := t.Close(); err != nil {
		return err
	}
	a.addSummary(blk)
	if err := r.writeDocTopics(set, a, model, dominant, labels); err != nil {
		return err
	}
	return r.prevalenceByGroup(a, model)
}

// topTermsCell lists topic k's heaviest terms with their weights, "data
// (0.797), asean (0.173)", up to 12. Only terms with a positive weight are
// listed: an NMF topic may hold just a few, and padding it with weightless
// terms (in vocabulary order) would read as if they belonged to it.
func topTermsCell(model *topics.Model, k int) string {
	var terms []string
	for _, tw := range model.TopTerms(k, 12) {
		if !(tw.Weight > 0) {
			break // best first: the rest weigh nothing too
		}
		w := fmt.Sprintf("%.3f", tw.Weight)
		if w == "0.000" {
			w = fmt.Sprintf("%.1e", tw.Weight) // positive but below 0.0005
		}
		terms = append(terms, fmt.Sprintf("%s (%s)", tw.Term, w))
	}
	return strings.Join(terms, ", ")
}

// repDocsCell lists up to three documents with the largest share of topic
// k, "a11 (73%); b27 (73%)". A document whose share rounds to 0% is left
// out: it does not represent the topic.
func repDocsCell(model *topics.Model, k int, ids []string) string {
	var reps []string
	for _, d := range model.RepresentativeDocs(k, 3) {
		share := model.DocProportions(d)[k]
		if !(share >= minExampleShare) {
			break // best first
		}
		reps = append(reps, fmt.Sprintf("%s (%.0f%%)", ids[d], 100*share))
	}
	return strings.Join(reps, "; ")
}

func nanNil(x float64) any {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return x
}

func (r *anTopicsRun) writeDocTopics(set reports.TableSet, a *analysis, model *topics.Model, dominant []int, labels []string) error {
	cols := []reports.Column{{Name: "doc_id", Width: 16}, {Name: "dominant topic", Kind: "int"}}
	for k := 0; k < r.k; k++ {
		cols = append(cols, reports.Column{Name: fmt.Sprintf("topic %d: %s", k+1, labels[k]), Kind: "pct", Width: 14})
	}
	t, err := set.Table("DocTopics", cols)
	if err != nil {
		return err
	}
	for d, id := range a.matrix.DocIDs {
		row := []any{id, nil}
		if dominant[d] >= 0 {
			row[1] = dominant[d] + 1
		}
		if p := model.DocProportions(d); p != nil {
			for _, x := range p {
				row = append(row, x)
			}
		} else {
			// no term: no share, empty cells rather than zeros or a prior
			row = append(row, make([]any, r.k)...)
		}
		if err := t.Row(row...); err != nil {
			return err
		}
	}
	return t.Close()
}

// prevalenceByGroup adds a Summary block: mean topic proportion per group,
// over the group's documents with terms (the documents column counts
// them); a group without any has a row with 0 documents and empty cells.
func (r *anTopicsRun) prevalenceByGroup(a *analysis, model *topics.Model) error {
	if a.groupBy == "" {
		return nil
	}
	sums := map[string][]float64{}
	counts := map[string]int{}
	var order []string
	for d := range a.matrix.DocIDs {
		g, _ := a.corpus.GroupOf(&pipeline.Document{Meta: a.docs[d].meta})
		if _, ok := sums[g]; !ok {
			sums[g] = make([]float64, r.k)
			order = append(order, g)
		}
		p := model.DocProportions(d)
		if p == nil {
			continue
		}
		for k, x := range p {
			sums[g][k] += x
		}
		counts[g]++
	}
	summary.SortGroups(order)
	blk := summaryBlock{title: "Topic prevalence by " + a.groupBy, cols: []string{a.groupBy, "documents"}, pct: map[int]bool{}}
	for k := 0; k < r.k; k++ {
		blk.cols = append(blk.cols, fmt.Sprintf("topic %d", k+1))
		blk.pct[k+2] = true
	}
	for _, g := range order {
		row := []any{g, counts[g]}
		for k := 0; k < r.k; k++ {
			if counts[g] == 0 {
				row = append(row, nil)
				continue
			}
			row = append(row, sums[g][k]/float64(counts[g]))
		}
		blk.rows = append(blk.rows, row)
	}
	a.addSummary(blk)
	return nil
}
