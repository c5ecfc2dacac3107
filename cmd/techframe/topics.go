package main

import (
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/sparse"
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
unless --rank weight (p(word|topic), the order gensim and scikit-learn list
topic words in: use it to compare with them).

Coherence (npmi, umass) is gensim's c_npmi (window 10) and u_mass over each
topic's top 10 words by weight, computed against the input corpus; diversity
(diversity_top25) is the share of distinct words among all topics' top 25
words by weight. Both are properties of the model: --rank and --lambda only
order the words a table lists, so they change neither, and the same model
scores the same here and in analyze's workbook (NPMI, UMass,
topic_coherence_mean_npmi, topic_diversity_top25).

LDA defaults follow MALLET with hyperparameter optimisation on: 300 sweeps,
asymmetric alpha (initial sum 5) and beta (initial 0.01) re-estimated by
Minka's fixed point every 10 sweeps after 100 sweeps of burn-in; the topics
are the final sample (--samples N averages the last N samples). A --burn-in
that leaves no optimisation sweep before --iterations ends is refused
(exit 2); --optimize-interval 0 fits with alpha and beta fixed.

Held-out perplexity (LDA, --holdout FRACTION): evenly spaced documents
(every 10th for 0.1) are left out of the fit. Each held-out document's
tokens are cut in half; its topic proportions theta_d are sampled from the
first half with the topics fixed, and the second half is scored:
   perplexity = exp(- sum over second-half tokens of log p(w) / N),
   p(w) = sum_k theta_dk phi_kw,  N = number of second-half tokens.
Lower is better; compare only models with the same vocabulary. With
--holdout the tables cover the training documents only.

--table examples lists each topic's most representative documents with
the sentence that has the most expected topic tokens: the sum over its terms
of p(topic | term, document) = theta_dk phi_kw / sum_j theta_dj phi_jw. A
document whose share of the topic is below 0.5% is not listed (as in the
workbook's representative documents), so a topic may list fewer than --top.

--save-model FILE writes the fitted model as JSON (format version 1: kind,
k, terms, topic-word weights, alpha/beta or NMF's IDF weighting, the
vocabulary and tokenizer settings, and a SHA-256 of the terms). Apply it to
new documents with "techframe topics infer --model FILE [inputs]".

EXAMPLES:
   techframe topics corpus.jsonl --k 20                        # topic keys (topic, rank, term, weight)
   techframe topics corpus.jsonl --k 20 --table docs -o doc-topics.csv -t csv
   techframe topics sotu.jsonl --k 15 --table prevalence --group-by year --bin year:10
   techframe topics paras.txt --format lines --tokenizer whitespace --k 20 --model nmf --topic-words topics.txt
   techframe topics corpus.jsonl --k 10,20,30                  # one row per k: coherence and diversity
   techframe topics corpus.jsonl --k 10,20,30 --holdout 0.1    # ... and held-out perplexity
   techframe topics corpus.jsonl --k 20 --save-model model.json
   techframe topics infer --model model.json new.jsonl -o new-topics.csv -t csv

` + exitCodesHelp,
		Flags: concatFlags(inputFlags(), termTokenizeFlags(), kwTermFlags(), []cli.Flag{
			&cli.StringFlag{Name: "model", Category: catAnalysis, Value: "lda", Usage: "lda or nmf"},
			&cli.StringFlag{Name: "k", Category: catAnalysis, Value: "20", Usage: "number of topics; a list (10,20,30) fits each and prints a comparison"},
			&cli.StringFlag{Name: "seed", Category: catAnalysis, Value: "1", Usage: "random seed (same seed, same topics)"},
			&cli.IntFlag{Name: "iterations", Category: catAnalysis, Value: 0, Usage: fmt.Sprintf("LDA Gibbs sweeps (default %d) or NMF maximum iterations (default 400)", defaultLDAIterations)},
			&cli.IntFlag{Name: "samples", Category: catAnalysis, Value: defaultLDASamples, Usage: "LDA: average the topics over this many Gibbs samples at the end (the final one and those --sample-lag, 2x --sample-lag ... sweeps before)"},
			&cli.IntFlag{Name: "sample-lag", Category: catAnalysis, Value: 10, Usage: "LDA: sweeps between averaged samples"},
			&cli.Float64Flag{Name: "holdout", Category: catAnalysis, Usage: "LDA: leave out this fraction of documents (evenly spaced) and report held-out perplexity by document completion"},
			&cli.StringFlag{Name: "save-model", Category: catOutput, Usage: "write the fitted model (JSON) for topics infer"},
			&cli.IntFlag{Name: "burn-in", Category: catAnalysis, Value: 100, Usage: "LDA sweeps before hyperparameter optimisation (refused if --iterations ends before the first optimisation)"},
			&cli.IntFlag{Name: "optimize-interval", Category: catAnalysis, Value: 10, Usage: "LDA: re-estimate alpha every N sweeps after burn-in (0: never)"},
			&cli.BoolFlag{Name: "optimize-beta", Category: catAnalysis, Value: true, Usage: "LDA: re-estimate beta with alpha, as MALLET does (--optimize-beta=false keeps beta 0.01)"},
			&cli.StringFlag{Name: "rank", Category: catOutput, Value: "relevance", Usage: "order of topic words: relevance (LDAvis) or weight"},
			&cli.Float64Flag{Name: "lambda", Category: catOutput, Value: 0.6, Usage: "relevance weight lambda in [0,1] (1 = rank by weight)"},
			&cli.IntFlag{Name: "top", Category: catOutput, Value: 10, Usage: "terms per topic (keys) or documents per topic (--table examples)"},
			&cli.StringFlag{Name: "table", Category: catOutput, Value: "keys", Usage: "keys, docs (document-topic proportions), examples (most representative documents) or prevalence"},
			&cli.StringFlag{Name: "group-by", Category: catAnalysis, Usage: "metadata field for --table prevalence (only that table)"},
			&cli.StringFlag{Name: "bin", Category: catAnalysis, Usage: "bin a numeric field into WIDTH-year groups, e.g. year:10 (only --table prevalence)"},
			&cli.StringFlag{Name: "topic-words", Category: catOutput, Usage: "also write one topic per line, best word first, space-separated"},
			&cli.IntFlag{Name: "restarts", Category: catAnalysis, Value: 1, Usage: "fit N seeds (seed, seed+1, ...) and report topic stability: mean cosine of Hungarian-matched topics"},
			&cli.BoolFlag{Name: "verbose", Category: catRun, Usage: "print the log-likelihood / loss while fitting (always on a terminal)"},
		}, kwOutputFlags()),
		Action:      runTopics,
		Subcommands: []*cli.Command{topicsInferCommand()},
	})
}

// Defaults of the LDA fit, chosen on the bench corpus (see
// scripts/bench-topics.sh and the commit that set them).
const (
	defaultLDAIterations = 300
	defaultLDASamples    = 1
)

// savedSettingFlags are the vocabulary and tokenizer flags recorded in a
// saved model; topics infer applies them unless given on its command line.
var savedSettingFlags = []string{"tokenizer", "ngrams", "stem", "no-stopwords", "stopwords", "keep-numbers", "split-hyphens"}

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
	samples, sampleLag   int
	holdout              float64
	// trainRows maps a model's document index to its matrix row when
	// --holdout leaves documents out (nil: the identity); heldOut lists the
	// held-out rows.
	trainRows, heldOut []int
	trainCounts        *sparse.CSR
	// For --table examples: each document's sentence texts and the
	// sentence index of each of its terms (parallel to seqs).
	sentText [][]string
	termSent [][]int32
}

// row returns the matrix row of the model's document d.
func (r *topicsRun) row(d int) int {
	if r.trainRows == nil {
		return d
	}
	return r.trainRows[d]
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
		optBeta: c.Bool("optimize-beta"), rank: c.String("rank"), lambda: c.Float64("lambda"), top: c.Int("top"), table: c.String("table"), jobs: c.Int("jobs"), restarts: c.Int("restarts"),
		samples: c.Int("samples"), sampleLag: c.Int("sample-lag"), holdout: c.Float64("holdout")}
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
	if r.samples < 1 || r.sampleLag < 1 {
		return pipeline.Usagef("--samples and --sample-lag must be at least 1")
	}
	if iters := r.iters; r.model == "lda" && r.samples > 1 {
		if iters == 0 {
			iters = defaultLDAIterations
		}
		// The samples are taken --sample-lag sweeps apart within the run.
		if most := (iters-1)/r.sampleLag + 1; r.samples > most {
			return pipeline.Usagef("--samples %d: %d sweeps at --sample-lag %d hold at most %d samples; raise --iterations or lower --sample-lag", r.samples, iters, r.sampleLag, most)
		}
	}
	if r.holdout < 0 || r.holdout >= 1 || math.IsNaN(r.holdout) {
		return pipeline.Usagef("--holdout must be a fraction in [0, 1), not %v", r.holdout)
	}
	if r.holdout > 0 && r.model != "lda" {
		return pipeline.Usagef("--holdout (held-out perplexity) needs --model lda")
	}
	if c.String("save-model") != "" && len(r.ks) > 1 {
		return pipeline.Usagef("--save-model needs a single --k, not %q", c.String("k"))
	}
	if r.model == "nmf" {
		// Flags of the Gibbs sampler would be ignored by NMF without a
		// word; the user meant another run.
		var lda []string
		for _, name := range []string{"samples", "sample-lag", "burn-in", "optimize-interval", "optimize-beta"} {
			if c.IsSet(name) {
				lda = append(lda, "--"+name)
			}
		}
		if len(lda) > 0 {
			return pipeline.Usagef("%s: LDA only, and --model is nmf: leave them out or use --model lda", strings.Join(lda, ", "))
		}
	}
	if len(r.ks) > 1 && c.IsSet("table") {
		return pipeline.Usagef("--table %s: with several values of --k (%s) topics prints a comparison of the fits, no table; give one --k for --table", c.String("table"), c.String("k"))
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
	if r.table != "prevalence" {
		var set []string
		for _, name := range []string{"group-by", "bin"} {
			if c.IsSet(name) {
				set = append(set, "--"+name)
			}
		}
		if len(set) > 0 {
			verb := "applies"
			if len(set) > 1 {
				verb = "apply"
			}
			return pipeline.Usagef("%s %s only to --table prevalence (topic prevalence by group), not --table %s: add --table prevalence or leave %s out",
				strings.Join(set, " and "), verb, r.table, strings.Join(set, " and "))
		}
	}
	if err := r.checkOptimization(c); err != nil {
		return err
	}
	r.progress = c.Bool("verbose") || s.env.StderrTTY
	vo, err := kwVocabOptions(c, s)
	if err != nil {
		return err
	}
	grouper, err := newKWGrouper(c, s, c.String("group-by"))
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
		if r.table == "examples" {
			texts := make([]string, len(d.Sentences))
			for i, st := range d.Sentences {
				texts[i] = strings.Join(strings.Fields(d.Text[st.Start:st.End]), " ")
			}
			sent := make([]int32, len(terms))
			for i, t := range terms {
				sent[i] = int32(t.Sent)
			}
			r.sentText = append(r.sentText, texts)
			r.termSent = append(r.termSent, sent)
		}
		b.AddTerms(d, terms)
		if grouper != nil {
			r.groups = append(r.groups, grouper.label(d.Meta))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := grouper.check(groupFlag(c)); err != nil {
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
		s.warn(emptyDocsWarning(cm, r.matrix.DocIDs))
	}
	r.trainCounts = cm
	if r.holdout > 0 {
		r.splitHoldout()
	}
	if r.model == "nmf" {
		if r.weights, err = tfidf.Transform(r.matrix, tfidf.DefaultOptions()); err != nil {
			return err
		}
	}
	// Every k against the documents the fit sees, before fitting any: a
	// --k list whose last value is too large failed after the others.
	nonEmpty := 0
	for d := 0; d < r.trainCounts.Rows; d++ {
		if r.trainCounts.Indptr[d+1] > r.trainCounts.Indptr[d] {
			nonEmpty++
		}
	}
	for _, k := range r.ks {
		if k > nonEmpty {
			held := ""
			if r.holdout > 0 {
				held = fmt.Sprintf(" left for fitting after --holdout %g", r.holdout)
			}
			return pipeline.Usagef("--k %d is larger than the %d non-empty documents%s", k, nonEmpty, held)
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
	if r.holdout > 0 {
		px, err := r.perplexity(c, model)
		if err != nil {
			return err
		}
		if !s.quiet {
			fmt.Fprintf(s.env.Stderr, "techframe: topics: held-out perplexity %.2f (%d documents held out, %d tokens scored by document completion)\n", px.Perplexity, len(r.heldOut), px.Tokens)
		}
	}
	if path := c.String("save-model"); path != "" {
		if err := r.saveModel(c, path, model); err != nil {
			return err
		}
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
		o := r.ldaOptions(k, seed)
		o.Progress, o.Context = progress("log-likelihood"), c.Context
		model, err = topics.FitLDA(r.trainCounts, terms, o)
	} else {
		model, err = topics.FitNMF(r.weights.W, terms, topics.NMFOptions{K: k, MaxIterations: r.iters, Seed: seed, Jobs: r.jobs, Progress: progress("loss"), Context: c.Context})
		if model != nil {
			o := tfidf.DefaultOptions()
			model.IDF, model.TF, model.Norm = r.weights.IDF, o.TF, o.Norm
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

// ldaOptions maps the flags to the fit's options: 0 for --burn-in or
// --optimize-interval means none (FitLDA reads 0 as its default).
func (r *topicsRun) ldaOptions(k int, seed uint64) topics.LDAOptions {
	iters := r.iters
	if iters == 0 {
		iters = defaultLDAIterations
	}
	opt := r.optInt
	if opt == 0 {
		opt = -1
	}
	burn := r.burn
	if burn == 0 {
		burn = -1
	}
	return topics.LDAOptions{K: k, Iterations: iters, BurnIn: burn, OptimizeInterval: opt,
		OptimizeBeta: r.optBeta, Samples: r.samples, SampleLag: r.sampleLag, Seed: seed, Jobs: r.jobs}
}

// checkOptimization refuses LDA settings under which hyperparameter
// optimisation, on unless --optimize-interval 0, would never run: the fit
// would keep the initial symmetric alpha and beta 0.01, a different model
// from the one the flags and the help describe, and a warning is easy to
// miss in a batch run that has already spent its time fitting. A usage
// error costs nothing and names the fix.
func (r *topicsRun) checkOptimization(c *cli.Context) error {
	if r.model != "lda" || r.optInt == 0 {
		return nil
	}
	given := func(name string) string {
		if c.IsSet(name) {
			return ""
		}
		return " (the default)"
	}
	o := r.ldaOptions(r.ks[0], r.seed)
	first, ok := o.FirstOptimization()
	if ok {
		return nil
	}
	fix := fmt.Sprintf("raise --iterations to %d or more", first)
	if last := o.Iterations / r.optInt * r.optInt; last > 0 {
		fix += fmt.Sprintf(", lower --burn-in below %d", last)
	}
	return pipeline.Usagef("--burn-in %d%s and --iterations %d%s: hyperparameter optimisation (every --optimize-interval %d sweeps after burn-in, first at sweep %d) would never run, leaving alpha and beta at their initial values; %s, or give --optimize-interval 0 to fit with fixed alpha and beta",
		r.burn, given("burn-in"), o.Iterations, given("iterations"), r.optInt, first, fix)
}

func (r *topicsRun) keys(model *topics.Model, n int) ([][]int, error) {
	return model.RankedTopTerms(n, r.rank, r.lambda)
}

// compareK fits each k and writes one row per k.
func (r *topicsRun) compareK(c *cli.Context, s *session) error {
	out, t, err := kwOpenTable(c, s, c.String("output-format"), "k", "npmi", "umass", "diversity_top25", "exclusivity", "iterations", "converged", "stability", "heldout_perplexity")
	if err != nil {
		return err
	}
	err = func() error {
		for _, k := range r.ks {
			model, err := r.fit(c, s, k, r.seed)
			if err != nil {
				return err
			}
			// the model's figures (top words by weight): --rank and
			// --lambda only order the words a table lists
			coh := model.TopicCoherence(r.seqs)
			ex := mean(model.Exclusivity(10))
			stab, err := r.stability(c, s, model, k)
			if err != nil {
				return err
			}
			px := math.NaN()
			if r.holdout > 0 {
				p, err := r.perplexity(c, model)
				if err != nil {
					return err
				}
				px = p.Perplexity
			}
			if err := t.row(k, coh.MeanNPMI, coh.MeanUMass, model.TopicDiversity(), ex, model.Iterations, model.Convergence.Converged, stab, px); err != nil {
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
	// Coherence and diversity are the model's (top words by weight, as in
	// analyze's workbook), not of the words the keys table lists.
	coh := model.TopicCoherence(r.seqs)
	if !s.quiet {
		fmt.Fprintf(s.env.Stderr, "techframe: topics: mean NPMI %.4f, UMass %.4f (top %d words by weight), diversity_top25 %.3f (top %d by weight); %d documents, %d empty skipped\n",
			coh.MeanNPMI, coh.MeanUMass, topics.CoherenceTopN, model.TopicDiversity(), topics.DiversityTopN, r.totalDocs, r.emptyDocs)
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
				vals := []any{r.matrix.DocIDs[r.row(d)]}
				if p := model.DocProportions(d); p != nil {
					for _, x := range p {
						vals = append(vals, x)
					}
				} else {
					// no term: no share, empty cells
					vals = append(vals, make([]any, model.K)...)
				}
				if err := t.row(vals...); err != nil {
					return err
				}
			}
			return t.close()
		}()
	case "examples":
		out, t, err = kwOpenTable(c, s, format, "topic", "label", "rank", "doc_id", "proportion", "sentence")
		if err != nil {
			return err
		}
		err = func() error {
			for k := 0; k < model.K; k++ {
				for i, d := range model.RepresentativeDocs(k, r.top) {
					if model.DocProportions(d)[k] < minExampleShare {
						break // best first: the rest are smaller
					}
					if err := t.row(k, label(model, keys[k]), i+1, r.matrix.DocIDs[r.row(d)], model.DocProportions(d)[k], r.bestSentence(model, k, d)); err != nil {
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
			// Over each group's documents with terms; a group without
			// any gets 0 documents and empty prevalence cells.
			for d := 0; d < model.Docs; d++ {
				g := r.groups[r.row(d)]
				if sums[g] == nil {
					sums[g] = make([]float64, model.K)
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
			groups := make([]string, 0, len(sums))
			for g := range sums {
				groups = append(groups, g)
			}
			sort.Strings(groups)
			for _, g := range groups {
				for k := 0; k < model.K; k++ {
					var prev any
					if counts[g] > 0 {
						prev = sums[g][k] / float64(counts[g])
					}
					if err := t.row(g, counts[g], k, label(model, keys[k]), prev); err != nil {
						return err
					}
				}
			}
			return t.close()
		}()
	}
	return finish(out, err)
}

// minExampleShare is the smallest share of a topic with which a document
// is listed as representative of it: one that rounds to 0% says nothing
// about the topic (the workbook's rule too).
const minExampleShare = 0.005

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

// bestSentence returns the sentence of the model's document d with the
// largest expected number of topic-k tokens (topics.Model.SentenceScores);
// "" if the document has no sentence with a term.
func (r *topicsRun) bestSentence(model *topics.Model, k, d int) string {
	row := r.row(d)
	if row >= len(r.sentText) {
		return ""
	}
	sents := make([][]int32, len(r.sentText[row]))
	for i, w := range r.seqs[row] {
		if si := int(r.termSent[row][i]); si >= 0 && si < len(sents) {
			sents[si] = append(sents[si], w)
		}
	}
	best, arg := 0.0, -1
	for i, sc := range model.SentenceScores(k, model.DocTopics(d), sents) {
		if sc > best {
			best, arg = sc, i
		}
	}
	if arg < 0 {
		return ""
	}
	return r.sentText[row][arg]
}

// splitHoldout leaves out evenly spaced documents: row d is held out when
// floor((d+1)·f) > floor(d·f), which for f = 0.1 is rows 9, 19, 29, ...
func (r *topicsRun) splitHoldout() {
	cm := r.matrix.Counts
	train := sparse.NewCSR(cm.Cols)
	r.trainRows, r.heldOut = nil, nil
	for d := 0; d < cm.Rows; d++ {
		if math.Floor(float64(d+1)*r.holdout) > math.Floor(float64(d)*r.holdout) {
			r.heldOut = append(r.heldOut, d)
			continue
		}
		r.trainRows = append(r.trainRows, d)
		idx, val := cm.Row(d)
		e := make([]sparse.Entry, len(idx))
		for i, j := range idx {
			e[i] = sparse.Entry{Col: j, Val: val[i]}
		}
		train.AppendRow(e)
	}
	train.Cols = cm.Cols
	r.trainCounts = train
}

// perplexity scores the held-out documents by document completion.
func (r *topicsRun) perplexity(c *cli.Context, model *topics.Model) (topics.Perplexity, error) {
	docs := make([][]int32, len(r.heldOut))
	for i, d := range r.heldOut {
		docs[i] = r.seqs[d]
	}
	px, err := model.DocumentCompletion(docs, topics.InferOptions{Seed: r.seed, Jobs: r.jobs, Context: c.Context})
	if err != nil {
		return px, fmt.Errorf("--holdout: %w", err)
	}
	return px, nil
}

// saveModel writes the model with the settings needed to apply it to new
// documents.
func (r *topicsRun) saveModel(c *cli.Context, path string, model *topics.Model) error {
	model.Settings = map[string]string{"model": r.model, "seed": strconv.FormatUint(r.seed, 10)}
	for _, name := range savedSettingFlags {
		model.Settings[name] = c.String(name)
	}
	for _, name := range []string{"min-df", "max-df", "max-terms", "iterations", "burn-in", "optimize-interval", "optimize-beta", "samples", "sample-lag", "holdout"} {
		model.Settings[name] = c.String(name)
	}
	f, err := reports.CreateAtomic(path)
	if err != nil {
		return fmt.Errorf("--save-model: %w", err)
	}
	if err := model.Save(f); err != nil {
		f.Abort()
		return fmt.Errorf("--save-model %s: %w", path, err)
	}
	return f.Commit()
}

func topicsInferCommand() *cli.Command {
	return &cli.Command{
		Name:  "infer",
		Usage: "topic proportions of new documents under a model saved by topics --save-model",
		UsageText: `techframe topics infer --model FILE [options] [inputs...]

LDA: each document's topic assignments are Gibbs-sampled with the saved
topics held fixed, p(z=k) proportional to (n_dk + alpha_k) phi_kw, and its
proportions are averaged over the sweeps after --burn-in; seeded, and the
same for any --jobs. NMF: the document is TF-IDF weighted with the saved IDF
and its topic weights are the non-negative least-squares fit against the
saved topics (printed normalised to sum to 1).

The vocabulary and tokenizer settings saved with the model (--tokenizer,
--ngrams, --stem, --stopwords/--no-stopwords, --keep-numbers) are applied
unless given here. Terms outside the model's vocabulary are ignored; a
document with none has no topic share: a warning, and empty topic cells
(tokens_in_vocabulary 0).

A model file that cannot be used (missing, not JSON, truncated, another
format version, a vocabulary that does not match its checksum) is a
configuration error: exit 2, with the file named.

EXAMPLES:
   techframe topics corpus.jsonl --k 20 --save-model model.json
   techframe topics infer --model model.json new.jsonl -o new-topics.csv -t csv
   techframe topics infer --model model.json --format lines --seed 3 paras.txt

` + exitCodesHelp,
		Flags: concatFlags(inputFlags(), termTokenizeFlags(), kwTermFlags(), []cli.Flag{
			&cli.StringFlag{Name: "model", Category: catAnalysis, Usage: "model file written by topics --save-model (required)"},
			&cli.StringFlag{Name: "seed", Category: catAnalysis, Value: "1", Usage: "random seed for LDA sampling (same seed, same proportions)"},
			&cli.IntFlag{Name: "iterations", Category: catAnalysis, Usage: "LDA Gibbs sweeps per document (default 100) or NMF sweeps (default 200)"},
			&cli.IntFlag{Name: "burn-in", Category: catAnalysis, Value: 10, Usage: "LDA sweeps discarded before averaging (0: none; must be below --iterations)"},
		}, kwOutputFlags()),
		Action: runTopicsInfer,
	}
}

func runTopicsInfer(c *cli.Context) error {
	path := c.String("model")
	if path == "" {
		return pipeline.Usagef("topics infer: --model FILE is required (a model written by topics --save-model)")
	}
	seed, err := strconv.ParseUint(strings.TrimSpace(c.String("seed")), 10, 64)
	if err != nil {
		return pipeline.Usagef("--seed %q: give a non-negative whole number", c.String("seed"))
	}
	if c.Int("iterations") < 0 || c.Int("burn-in") < 0 {
		return pipeline.Usagef("--iterations and --burn-in must not be negative")
	}
	f, err := os.Open(path)
	if err != nil {
		return pipeline.Usagef("--model: %v", err)
	}
	model, err := topics.Load(f, path)
	f.Close()
	if err != nil {
		return err
	}
	io := topics.InferOptions{Iterations: c.Int("iterations"), BurnIn: c.Int("burn-in"), Seed: seed, Jobs: c.Int("jobs"), Context: c.Context}
	if c.IsSet("burn-in") {
		// Said before any input is read; the sampler used to change such
		// values without a word.
		if model.Kind != topics.KindLDA {
			return pipeline.Usagef("--burn-in: LDA only, and %s is a %s model", path, model.Kind)
		}
		if io.BurnIn == 0 {
			io.BurnIn = -1 // asked for: no sweep discarded
		}
		if r := io.Resolved(model.Kind); io.BurnIn >= r.Iterations {
			return pipeline.Usagef("--burn-in %d leaves no sweep of --iterations %d to average: give a burn-in below the iterations", c.Int("burn-in"), r.Iterations)
		}
	}
	for _, name := range savedSettingFlags {
		if v, ok := model.Settings[name]; ok && !c.IsSet(name) {
			if err := c.Set(name, v); err != nil {
				return pipeline.Usagef("%s: saved setting --%s %q: %v", path, name, v, err)
			}
		}
	}
	s := newSession(c)
	vo, err := kwVocabOptions(c, s)
	if err != nil {
		return err
	}
	b, err := vocab.NewBuilder(vo)
	if err != nil {
		return err
	}
	index := make(map[string]int32, len(model.Terms))
	for i, t := range model.Terms {
		index[t] = int32(i)
	}
	x := sparse.NewCSR(len(model.Terms))
	var ids []string
	var known []int
	_, err = kwAnnotate(c, s, 0, false, func(d *pipeline.Document) error {
		var e []sparse.Entry
		for _, t := range b.DocTerms(d) {
			if j, ok := index[t.Text]; ok {
				e = append(e, sparse.Entry{Col: j, Val: 1})
			}
		}
		x.AppendRow(e)
		ids = append(ids, d.ID)
		known = append(known, len(e))
		if len(e) == 0 {
			// the document's own place: path:line (JSONL, CSV) or path
			s.warn(pipeline.Warning{Stage: "topics", Path: d.Source, Line: d.Line, Offset: -1, Kind: "empty-document",
				Message: fmt.Sprintf("document %s has no term of the model's vocabulary: no topic share", d.ID)})
		}
		return nil
	})
	if err != nil {
		return err
	}
	x.Cols = len(model.Terms)
	w, err := model.Infer(x, io)
	if err != nil {
		return err
	}
	cols := []string{"doc_id", "tokens_in_vocabulary"}
	for k := 0; k < model.K; k++ {
		cols = append(cols, fmt.Sprintf("topic_%d", k))
	}
	out, t, err := kwOpenTable(c, s, c.String("output-format"), cols...)
	if err != nil {
		return err
	}
	err = func() error {
		for d, id := range ids {
			row := w[d*model.K : (d+1)*model.K]
			sum := 0.0
			for _, v := range row {
				sum += v
			}
			vals := []any{id, known[d]}
			if known[d] == 0 || !(sum > 0) {
				// no term of the model (or no weight): no share, empty
				// cells, as in topics --table docs
				vals = append(vals, make([]any, model.K)...)
			} else {
				for _, v := range row {
					vals = append(vals, v/sum)
				}
			}
			if err := t.row(vals...); err != nil {
				return err
			}
		}
		return t.close()
	}()
	return finish(out, err)
}

// emptyDocsWarning is the warning that some documents of the counts
// matrix have no term left after vocabulary pruning. It is about the
// corpus, not one place in it (Offset -1: no position); the first few
// documents are named so they can be found.
func emptyDocsWarning(cm *sparse.CSR, docIDs []string) pipeline.Warning {
	var ids []string
	empty := 0
	for i := 0; i < cm.Rows; i++ {
		if cm.Indptr[i] == cm.Indptr[i+1] {
			if empty++; len(ids) < 5 {
				ids = append(ids, docIDs[i])
			}
		}
	}
	if empty > len(ids) {
		ids = append(ids, "...")
	}
	return pipeline.Warning{Stage: "topics", Kind: "empty-document", Offset: -1,
		Message: fmt.Sprintf("%d of %d documents have no term left after vocabulary pruning (%s); they are skipped by the fit and have no topic share",
			empty, cm.Rows, strings.Join(ids, ", "))}
}
