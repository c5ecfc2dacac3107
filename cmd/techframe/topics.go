package main

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/tfidf"
	"github.com/techframe/techframe/pipeline/topics"
	"github.com/techframe/techframe/pipeline/vocab"
	"github.com/techframe/techframe/reports"
	"github.com/urfave/cli/v2"
)

func init() {
	register(&cli.Command{
		Name:  "topics",
		Usage: "LDA or NMF topic models: topic keys, document proportions, prevalence by group, coherence",
		UsageText: `techframe topics [options] [inputs...]

LDA is fitted by collapsed Gibbs sampling on term counts; NMF by coordinate
descent on the TF-IDF matrix (NNDSVD start). The same --seed gives the same
topics for any --jobs. Topic keys are ranked by LDAvis relevance (lambda 0.6)
unless --rank weight. Coherence is gensim's c_npmi (window 10) and u_mass over
each topic's top 10 words, computed against the input corpus.

EXAMPLES:
   techframe topics corpus.jsonl --k 20                        # topic keys (topic, rank, term, weight)
   techframe topics corpus.jsonl --k 20 --table docs -o doc-topics.csv -t csv
   techframe topics sotu.jsonl --k 15 --table prevalence --group-by year --bin year:10
   techframe topics paras.txt --format lines --tokenizer whitespace --k 20 --model nmf --topic-words topics.txt
   techframe topics corpus.jsonl --k 10,20,30                  # one row per k: coherence and diversity

` + exitCodesHelp,
		Flags: concatFlags(inputFlags(), tokenizeFlags(), kwTermFlags(), []cli.Flag{
			&cli.StringFlag{Name: "model", Category: catAnalysis, Value: "lda", Usage: "lda or nmf"},
			&cli.StringFlag{Name: "k", Category: catAnalysis, Value: "20", Usage: "number of topics; a list (10,20,30) fits each and prints a comparison"},
			&cli.StringFlag{Name: "seed", Category: catAnalysis, Value: "1", Usage: "random seed (same seed, same topics)"},
			&cli.IntFlag{Name: "iterations", Category: catAnalysis, Value: 0, Usage: "LDA Gibbs sweeps (default 300) or NMF maximum iterations (default 400)"},
			&cli.IntFlag{Name: "burn-in", Category: catAnalysis, Value: 100, Usage: "LDA sweeps before hyperparameter optimisation"},
			&cli.IntFlag{Name: "optimize-interval", Category: catAnalysis, Value: 10, Usage: "LDA: re-estimate alpha every N sweeps after burn-in (0: never)"},
			&cli.BoolFlag{Name: "optimize-beta", Category: catAnalysis, Usage: "LDA: re-estimate beta too"},
			&cli.StringFlag{Name: "rank", Category: catOutput, Value: "relevance", Usage: "order of topic words: relevance (LDAvis) or weight"},
			&cli.Float64Flag{Name: "lambda", Category: catOutput, Value: 0.6, Usage: "relevance weight lambda in [0,1] (1 = rank by weight)"},
			&cli.IntFlag{Name: "top", Category: catOutput, Value: 10, Usage: "terms per topic (keys) or documents per topic (--table examples)"},
			&cli.StringFlag{Name: "table", Category: catOutput, Value: "keys", Usage: "keys, docs (document-topic proportions), examples (most representative documents) or prevalence"},
			&cli.StringFlag{Name: "group-by", Category: catAnalysis, Usage: "metadata field for --table prevalence"},
			&cli.StringFlag{Name: "bin", Category: catAnalysis, Usage: "bin a numeric field into WIDTH-year groups, e.g. year:10"},
			&cli.StringFlag{Name: "topic-words", Category: catOutput, Usage: "also write one topic per line, best word first, space-separated"},
			&cli.IntFlag{Name: "restarts", Category: catAnalysis, Value: 1, Usage: "fit N seeds (seed, seed+1, ...) and report topic stability: mean cosine of Hungarian-matched topics"},
			&cli.BoolFlag{Name: "verbose", Category: catRun, Usage: "print the log-likelihood / loss while fitting (always on a terminal)"},
		}, kwOutputFlags()),
		Action: runTopics,
	})
}

type topicsRun struct {
	model                string
	ks                   []int
	seed                 uint64
	iters, burn, optInt  int
	optBeta              bool
	rank                 string
	lambda               float64
	top                  int
	table                string
	restarts             int
	jobs                 int
	progress             bool
	docTerms             [][]string
	groups               []string
	matrix               *vocab.Matrix
	weights              *tfidf.Weights
	seqs                 [][]int32
	emptyDocs, totalDocs int
}

func parseKs(v string) ([]int, error) {
	var out []int
	for _, p := range strings.Split(v, ",") {
		k, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || k < 1 {
			return nil, pipeline.Usagef("--k %q: give a positive whole number or a list such as 10,20,30", v)
		}
		out = append(out, k)
	}
	return out, nil
}

func runTopics(c *cli.Context) error {
	s := newSession(c)
	r := &topicsRun{model: c.String("model"), iters: c.Int("iterations"), burn: c.Int("burn-in"), optInt: c.Int("optimize-interval"),
		optBeta: c.Bool("optimize-beta"), rank: c.String("rank"), lambda: c.Float64("lambda"), top: c.Int("top"), table: c.String("table"), jobs: c.Int("jobs"), restarts: c.Int("restarts")}
	var err error
	if r.model != "lda" && r.model != "nmf" {
		return pipeline.Usagef("--model must be lda or nmf, not %q", r.model)
	}
	if r.ks, err = parseKs(c.String("k")); err != nil {
		return err
	}
	if r.seed, err = strconv.ParseUint(strings.TrimSpace(c.String("seed")), 10, 64); err != nil {
		return pipeline.Usagef("--seed %q: give a non-negative whole number", c.String("seed"))
	}
	if r.iters < 0 || r.burn < 0 || r.optInt < 0 {
		return pipeline.Usagef("--iterations, --burn-in and --optimize-interval must not be negative")
	}
	if r.rank != topics.RankRelevance && r.rank != topics.RankWeight {
		return pipeline.Usagef("--rank must be relevance or weight, not %q", r.rank)
	}
	if r.lambda < 0 || r.lambda > 1 {
		return pipeline.Usagef("--lambda must be between 0 and 1, not %v", r.lambda)
	}
	if r.restarts < 1 {
		return pipeline.Usagef("--restarts must be at least 1, not %d", r.restarts)
	}
	if r.top < 1 {
		return pipeline.Usagef("--top must be at least 1, not %d", r.top)
	}
	switch r.table {
	case "keys", "docs", "examples", "prevalence":
	default:
		return pipeline.Usagef("--table must be keys, docs, examples or prevalence, not %q", r.table)
	}
	r.progress = c.Bool("verbose") || s.env.StderrTTY
	vo, err := kwVocabOptions(c, s)
	if err != nil {
		return err
	}
	grouper, err := newKWGrouper(c, c.String("group-by"))
	if err != nil {
		return err
	}
	if r.table == "prevalence" && grouper == nil {
		return pipeline.Usagef("--table prevalence needs --group-by FIELD (or --bin FIELD:WIDTH)")
	}
	b, err := vocab.NewBuilder(vo)
	if err != nil {
		return err
	}
	_, err = kwAnnotate(c, s, 0, false, func(d *pipeline.Document) error {
		terms := b.DocTerms(d)
		seq := make([]string, len(terms))
		for i, t := range terms {
			seq[i] = t.Text
		}
		r.docTerms = append(r.docTerms, seq)
		b.AddTerms(d, terms)
		if grouper != nil {
			r.groups = append(r.groups, grouper.label(d.Meta))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := grouper.check("--group-by"); err != nil {
		return err
	}
	if r.matrix, err = b.Build(); err != nil {
		return err
	}
	// Term sequences (for coherence windows): pruned terms become -1 and
	// still occupy their window position.
	id := make(map[string]int32, len(r.matrix.Terms))
	for i, t := range r.matrix.Terms {
		id[t] = int32(i)
	}
	r.seqs = make([][]int32, len(r.docTerms))
	for d, seq := range r.docTerms {
		ids := make([]int32, len(seq))
		for i, t := range seq {
			if j, ok := id[t]; ok {
				ids[i] = j
			} else {
				ids[i] = -1
			}
		}
		r.seqs[d] = ids
	}
	r.docTerms = nil
	cm := r.matrix.Counts
	r.totalDocs = cm.Rows
	for i := 0; i < cm.Rows; i++ {
		if cm.Indptr[i] == cm.Indptr[i+1] {
			r.emptyDocs++
		}
	}
	if r.emptyDocs > 0 {
		s.warn(pipeline.Warning{Stage: "topics", Kind: "empty-document", Message: fmt.Sprintf("%d of %d documents have no term left after vocabulary pruning; they are skipped by the fit", r.emptyDocs, r.totalDocs)})
	}
	if r.model == "nmf" {
		if r.weights, err = tfidf.Transform(r.matrix, tfidf.DefaultOptions()); err != nil {
			return err
		}
	}
	if len(r.ks) > 1 {
		return r.compareK(c, s)
	}
	model, err := r.fit(c, s, r.ks[0], r.seed)
	if err != nil {
		return err
	}
	if _, err := r.stability(c, s, model, r.ks[0]); err != nil {
		return err
	}
	return r.write(c, s, model, grouper)
}

// stability fits --restarts - 1 more seeds and reports the mean matched
// cosine against the first model (NaN, an empty cell, with one run).
func (r *topicsRun) stability(c *cli.Context, s *session, first *topics.Model, k int) (float64, error) {
	if r.restarts < 2 {
		return math.NaN(), nil
	}
	models := []*topics.Model{first}
	for i := 1; i < r.restarts; i++ {
		m, err := r.fit(c, s, k, r.seed+uint64(i))
		if err != nil {
			return 0, err
		}
		models = append(models, m)
	}
	st, err := topics.TopicStability(models)
	if err != nil {
		return 0, err
	}
	if !s.quiet {
		fmt.Fprintf(s.env.Stderr, "techframe: topics: k=%d stability over %d seeds: mean matched cosine %.3f (per run %s)\n", k, r.restarts, st.Mean, fmtFloats(st.PerRun))
	}
	return st.Mean, nil
}

func fmtFloats(v []float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = strconv.FormatFloat(x, 'f', 3, 64)
	}
	return strings.Join(parts, " ")
}

func (r *topicsRun) fit(c *cli.Context, s *session, k int, seed uint64) (*topics.Model, error) {
	terms := r.matrix.Terms
	progress := func(name string) func(int, float64) {
		if !r.progress {
			return nil
		}
		return func(it int, v float64) {
			fmt.Fprintf(s.env.Stderr, "techframe: topics: k=%d iteration %d %s %.6g\n", k, it, name, v)
		}
	}
	var model *topics.Model
	var err error
	if r.model == "lda" {
		iters := r.iters
		if iters == 0 {
			iters = 300
		}
		opt := r.optInt
		if opt == 0 {
			opt = -1
		}
		burn := r.burn
		if burn == 0 {
			burn = -1
		}
		model, err = topics.FitLDA(r.matrix.Counts, terms, topics.LDAOptions{K: k, Iterations: iters, BurnIn: burn, OptimizeInterval: opt,
			OptimizeBeta: r.optBeta, Seed: seed, Jobs: r.jobs, Progress: progress("log-likelihood"), Context: c.Context})
	} else {
		model, err = topics.FitNMF(r.weights.W, terms, topics.NMFOptions{K: k, MaxIterations: r.iters, Seed: seed, Jobs: r.jobs, Progress: progress("loss"), Context: c.Context})
		if model != nil {
			model.IDF = r.weights.IDF
		}
	}
	if err != nil {
		return nil, err
	}
	if !s.quiet {
		fmt.Fprintf(s.env.Stderr, "techframe: topics: %s k=%d: %d iterations, %s\n", r.model, k, model.Iterations, model.Convergence.Description)
	}
	return model, nil
}

func (r *topicsRun) keys(model *topics.Model, n int) ([][]int, error) {
	return model.RankedTopTerms(n, r.rank, r.lambda)
}

// compareK fits each k and writes one row per k.
func (r *topicsRun) compareK(c *cli.Context, s *session) error {
	out, t, err := kwOpenTable(c, s, c.String("output-format"), "k", "npmi", "umass", "diversity_top25", "exclusivity", "iterations", "converged", "stability")
	if err != nil {
		return err
	}
	err = func() error {
		for _, k := range r.ks {
			model, err := r.fit(c, s, k, r.seed)
			if err != nil {
				return err
			}
			top10, err := r.keys(model, 10)
			if err != nil {
				return err
			}
			top25, _ := r.keys(model, 25)
			coh := topics.Coherence(top10, r.seqs, len(model.Terms), topics.CoherenceOptions{})
			ex := mean(model.Exclusivity(10))
			stab, err := r.stability(c, s, model, k)
			if err != nil {
				return err
			}
			if err := t.row(k, coh.MeanNPMI, coh.MeanUMass, topics.Diversity(top25), ex, model.Iterations, model.Convergence.Converged, stab); err != nil {
				return err
			}
		}
		return t.close()
	}()
	return finish(out, err)
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	if len(v) == 0 {
		return 0
	}
	return s / float64(len(v))
}

func (r *topicsRun) write(c *cli.Context, s *session, model *topics.Model, grouper *kwGrouper) error {
	keys, err := r.keys(model, max(r.top, 10))
	if err != nil {
		return err
	}
	if path := c.String("topic-words"); path != "" {
		if err := writeTopicWords(path, model, keys, max(r.top, 10)); err != nil {
			return err
		}
	}
	top10 := make([][]int, len(keys))
	for k := range keys {
		top10[k] = keys[k][:min(10, len(keys[k]))]
	}
	coh := topics.Coherence(top10, r.seqs, len(model.Terms), topics.CoherenceOptions{})
	if !s.quiet {
		fmt.Fprintf(s.env.Stderr, "techframe: topics: mean NPMI %.4f, UMass %.4f, diversity %.3f (%d documents, %d empty skipped)\n",
			coh.MeanNPMI, coh.MeanUMass, topics.Diversity(top10), r.totalDocs, r.emptyDocs)
	}
	format := c.String("output-format")
	prev := model.Prevalence()
	var out *reports.Output
	var t *kwTable
	switch r.table {
	case "keys":
		out, t, err = kwOpenTable(c, s, format, "topic", "label", "rank", "term", "weight", "prevalence", "npmi", "umass")
		if err != nil {
			return err
		}
		err = func() error {
			for k := 0; k < model.K; k++ {
				for i, w := range keys[k][:min(r.top, len(keys[k]))] {
					if err := t.row(k, label(model, keys[k]), i+1, model.Terms[w], model.Weight(k, w), prev[k], coh.NPMI[k], coh.UMass[k]); err != nil {
						return err
					}
				}
			}
			return t.close()
		}()
	case "docs":
		cols := []string{"doc_id"}
		for k := 0; k < model.K; k++ {
			cols = append(cols, fmt.Sprintf("topic_%d", k))
		}
		out, t, err = kwOpenTable(c, s, format, cols...)
		if err != nil {
			return err
		}
		err = func() error {
			for d := 0; d < model.Docs; d++ {
				vals := []any{r.matrix.DocIDs[d]}
				for _, p := range model.DocProportions(d) {
					vals = append(vals, p)
				}
				if err := t.row(vals...); err != nil {
					return err
				}
			}
			return t.close()
		}()
	case "examples":
		out, t, err = kwOpenTable(c, s, format, "topic", "label", "rank", "doc_id", "proportion")
		if err != nil {
			return err
		}
		err = func() error {
			for k := 0; k < model.K; k++ {
				for i, d := range model.RepresentativeDocs(k, r.top) {
					if err := t.row(k, label(model, keys[k]), i+1, r.matrix.DocIDs[d], model.DocProportions(d)[k]); err != nil {
						return err
					}
				}
			}
			return t.close()
		}()
	case "prevalence":
		out, t, err = kwOpenTable(c, s, format, "group", "documents", "topic", "label", "prevalence")
		if err != nil {
			return err
		}
		err = func() error {
			sums := map[string][]float64{}
			counts := map[string]int{}
			for d := 0; d < model.Docs; d++ {
				if r.matrix.Counts.Indptr[d] == r.matrix.Counts.Indptr[d+1] {
					continue
				}
				g := r.groups[d]
				if sums[g] == nil {
					sums[g] = make([]float64, model.K)
				}
				for k, p := range model.DocProportions(d) {
					sums[g][k] += p
				}
				counts[g]++
			}
			groups := make([]string, 0, len(sums))
			for g := range sums {
				groups = append(groups, g)
			}
			sort.Strings(groups)
			for _, g := range groups {
				for k := 0; k < model.K; k++ {
					if err := t.row(g, counts[g], k, label(model, keys[k]), sums[g][k]/float64(counts[g])); err != nil {
						return err
					}
				}
			}
			return t.close()
		}()
	}
	return finish(out, err)
}

func label(m *topics.Model, key []int) string {
	var parts []string
	for _, w := range key[:min(3, len(key))] {
		parts = append(parts, m.Terms[w])
	}
	return strings.Join(parts, "_")
}

// writeTopicWords writes the scorer's format atomically: one topic per
// line, best word first.
func writeTopicWords(path string, model *topics.Model, keys [][]int, n int) error {
	f, err := reports.CreateAtomic(path)
	if err != nil {
		return fmt.Errorf("--topic-words: %w", err)
	}
	var b strings.Builder
	for k := range keys {
		for i, w := range keys[k][:min(n, len(keys[k]))] {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(model.Terms[w])
		}
		b.WriteByte('\n')
	}
	if _, err := f.Write([]byte(b.String())); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}
