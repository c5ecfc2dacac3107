package main

import (
	"fmt"
	"strings"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/keyness"
	"github.com/techframe/techframe/pipeline/summary"
	"github.com/techframe/techframe/pipeline/tfidf"
	"github.com/techframe/techframe/pipeline/vocab"
	"github.com/techframe/techframe/reports"
	"github.com/urfave/cli/v2"
)

// The terms part of analyze builds one vocabulary for the whole corpus, so
// that the Keywords, Keyness and topic sheets agree on what a term is.

// maxExampleText bounds the document text analyze keeps to quote example
// sentences on the Keywords and Keyness sheets; beyond it, examples are given
// as document#sentence references only (and the manifest says so).
const maxExampleText = 512 << 20

// Registered during variable initialisation, before the init functions
// that build the commands' flag lists (analyze.go) run.
var _ = registerCorpusStage(corpusStage{
	name:  "keywords",
	order: 10,
	flags: concatFlags(kwTermFlags(), []cli.Flag{
		&cli.StringFlag{Name: "tf", Category: catAnalysis, Value: "raw", Usage: "TF-IDF term frequency: raw or sublinear"},
		&cli.StringFlag{Name: "idf", Category: catAnalysis, Value: "smooth", Usage: "TF-IDF idf: smooth, plain or none"},
		&cli.StringFlag{Name: "norm", Category: catAnalysis, Value: "l2", Usage: "TF-IDF row normalisation: l2, l1 or none"},
		&cli.IntFlag{Name: "top", Category: catOutput, Value: 10, Usage: "keywords per document or group"},
		&cli.BoolFlag{Name: "no-keywords", Category: catAnalysis, Usage: "skip the Keywords, Keyness and topic sheets"},
	}),
	start: startTerms,
})

// termsRun collects terms while documents stream past.
type termsRun struct {
	c       *cli.Context
	b       *vocab.Builder
	stage   pipeline.Stage
	terms   func(*pipeline.Document) []vocab.Term
	to      tfidf.Options
	top     int
	texts   textArena
	groups  []string // per document, when grouping
	weights *tfidf.Weights
	// rawIDs interns every term seen (before pruning) and seqs holds each
	// document's term sequence as raw ids, for topic coherence windows.
	rawIDs map[string]int32
	raw    []string
	seqs   [][]int32
}

func startTerms(c *cli.Context, s *session, a *analysis) (corpusRun, error) {
	if c.Bool("no-keywords") {
		s.setting("keywords", false)
		return nil, nil
	}
	vo, err := kwVocabOptions(c, s)
	if err != nil {
		return nil, err
	}
	to := tfidf.Options{TF: c.String("tf"), IDF: c.String("idf"), Norm: c.String("norm")}
	if err := to.Validate(); err != nil {
		return nil, err
	}
	if c.Int("top") < 1 {
		return nil, pipeline.Usagef("--top must be at least 1, not %d", c.Int("top"))
	}
	for k, v := range map[string]any{"tf": to.TF, "idf": to.IDF, "norm": to.Norm, "top": c.Int("top"),
		"ngrams": c.String("ngrams"), "stem": c.String("stem"), "min_df": c.String("min-df"), "max_df": c.String("max-df"),
		"max_terms": c.Int("max-terms"), "stopwords": vo.StopWords} {
		s.setting(k, v)
	}
	b, err := vocab.NewBuilder(vo)
	if err != nil {
		return nil, err
	}
	st, terms := kwTermStage(b)
	return &termsRun{c: c, b: b, stage: st, terms: terms, to: to, top: c.Int("top"), texts: textArena{limit: maxExampleText}, rawIDs: map[string]int32{}}, nil
}

func (r *termsRun) workerStage() pipeline.Stage { return r.stage }

func (r *termsRun) Add(d *pipeline.Document, a *analysis) error {
	terms := r.terms(d)
	r.b.AddTerms(d, terms)
	seq := make([]int32, len(terms))
	for i, t := range terms {
		id, ok := r.rawIDs[t.Text]
		if !ok {
			id = int32(len(r.raw))
			r.rawIDs[t.Text] = id
			r.raw = append(r.raw, t.Text)
		}
		seq[i] = id
	}
	r.seqs = append(r.seqs, seq)
	r.texts.add(d)
	if a.groupBy != "" {
		g, _ := a.corpus.GroupOf(d)
		r.groups = append(r.groups, g)
	}
	return nil
}

func (r *termsRun) Finish(set reports.TableSet, a *analysis) error {
	m, err := r.b.Build()
	if err != nil {
		return err
	}
	w, err := tfidf.Transform(m, r.to)
	if err != nil {
		return err
	}
	r.weights = w
	a.matrix = m
	a.weights = w
	// raw term ids -> matrix columns (-1 when pruned); pruned terms keep
	// their window positions, as gensim's coherence does.
	col := make([]int32, len(r.raw))
	for i, t := range r.raw {
		col[i] = -1
		if j, ok := m.TermIndex(t); ok {
			col[i] = int32(j)
		}
	}
	for _, seq := range r.seqs {
		for i, id := range seq {
			seq[i] = col[id]
		}
	}
	a.seqs, r.seqs, r.rawIDs, r.raw = r.seqs, nil, nil, nil
	if r.texts.dropped {
		a.s.setting("keyword_examples", "references only: the corpus text is larger than the example buffer")
	}
	// Documents sheet: top five keywords
	for i := range m.DocIDs {
		var terms []string
		for _, sc := range w.TopDoc(i, 5) {
			terms = append(terms, m.Terms[sc.Term])
		}
		a.setDocExtra("top keywords", i, strings.Join(terms, ", "))
	}
	if err := r.writeKeywords(set, a); err != nil {
		return err
	}
	if err := r.writeKeyness(set, a); err != nil {
		return err
	}
	all := make([]int, len(m.DocIDs))
	for i := range all {
		all[i] = i
	}
	blk := summaryBlock{title: "Top keywords (mean TF-IDF over all documents)", cols: []string{"term", "score", "count", "documents"}}
	for _, sc := range w.TopGroup(all, 15) {
		blk.rows = append(blk.rows, []any{m.Terms[sc.Term], sc.Score, int(sc.Count), sc.Docs})
	}
	a.addSummary(blk)
	return nil
}

func (r *termsRun) writeKeywords(set reports.TableSet, a *analysis) error {
	m, w := r.weights.M, r.weights
	if a.groupBy == "" {
		t, err := set.Table("Keywords", []reports.Column{{Name: "doc_id", Width: 16}, {Name: "rank", Kind: "int"}, {Name: "term", Width: 22},
			{Name: "tfidf", Kind: "float"}, {Name: "count", Kind: "int"}, {Name: "sentence", Kind: "int"}, {Name: "example sentence", Kind: "wrap", Width: 90}})
		if err != nil {
			return err
		}
		for i := range m.DocIDs {
			for rank, sc := range w.TopDoc(i, r.top) {
				if err := t.Row(m.DocIDs[i], rank+1, m.Terms[sc.Term], sc.Score, int(sc.Count), sc.Sent, r.texts.sentence(i, sc.Sent)); err != nil {
					return err
				}
			}
		}
		return t.Close()
	}
	t, err := set.Table("Keywords", []reports.Column{{Name: a.groupBy, Width: 18, Input: true}, {Name: "documents", Kind: "int"}, {Name: "rank", Kind: "int"}, {Name: "term", Width: 22},
		{Name: "mean tfidf", Kind: "float"}, {Name: "count", Kind: "int"}, {Name: "doc_freq", Kind: "int"}, {Name: "example doc", Width: 16},
		{Name: "sentence", Kind: "int"}, {Name: "example sentence", Kind: "wrap", Width: 90}})
	if err != nil {
		return err
	}
	names, rows := groupRows(r.groups)
	for _, g := range names {
		for rank, sc := range w.TopGroup(rows[g], r.top) {
			if err := t.Row(g, len(rows[g]), rank+1, m.Terms[sc.Term], sc.Score, int(sc.Count), sc.Docs, m.DocIDs[sc.Doc], sc.Sent, r.texts.sentence(sc.Doc, sc.Sent)); err != nil {
				return err
			}
		}
	}
	return t.Close()
}

// writeKeyness compares each group with all other documents (log-likelihood
// G2 and log ratio), listing the terms over-represented in the group.
func (r *termsRun) writeKeyness(set reports.TableSet, a *analysis) error {
	names, rows := groupRows(r.groups)
	if len(names) < 2 {
		return nil
	}
	m := r.weights.M
	t, err := set.Table("Keyness", []reports.Column{{Name: a.groupBy, Width: 18, Input: true}, {Name: "rank", Kind: "int"}, {Name: "term", Width: 22},
		{Name: "G2", Kind: "float"}, {Name: "p", Kind: "float"}, {Name: "log ratio", Kind: "float"}, {Name: "count in group", Kind: "int"},
		{Name: "count in rest", Kind: "int"}, {Name: "per 10k in group", Kind: "float"}, {Name: "per 10k in rest", Kind: "float"},
		{Name: "example doc", Width: 16}, {Name: "sentence", Kind: "int"}, {Name: "example sentence", Kind: "wrap", Width: 90}})
	if err != nil {
		return err
	}
	rest := keyness.NewRest(m)
	for _, g := range names {
		res := rest.Compare(rows[g])
		rank := 0
		for _, k := range res.Keys {
			if rank == r.top*2 {
				break
			}
			if !k.Over {
				continue
			}
			rank++
			doc, text := "", ""
			var sent any
			if k.Doc >= 0 {
				doc, sent, text = m.DocIDs[k.Doc], k.Sent, r.texts.sentence(k.Doc, k.Sent)
			}
			if err := t.Row(g, rank, m.Terms[k.Term], k.G2, k.P, k.LogRatio, int(k.Target), int(k.Reference),
				per10k(k.Target, res.TargetSize), per10k(k.Reference, res.ReferenceSize), doc, sent, text); err != nil {
				return err
			}
		}
	}
	return t.Close()
}

func per10k(n, size float64) any {
	if size == 0 {
		return nil
	}
	return 1e4 * n / size
}

// groupRows lists group names (sorted) and their document rows.
func groupRows(groups []string) ([]string, map[string][]int) {
	rows := map[string][]int{}
	for i, g := range groups {
		rows[g] = append(rows[g], i)
	}
	names := make([]string, 0, len(rows))
	for g := range rows {
		names = append(names, g)
	}
	summary.SortGroups(names)
	return names, rows
}

// textArena keeps document texts and sentence spans, up to a byte limit, so
// that example sentences can be quoted after the corpus statistics are done.
type textArena struct {
	limit   int
	size    int
	dropped bool
	docs    []arenaDoc
}

type arenaDoc struct {
	id    string
	text  string
	sents []pipeline.Span
}

func (t *textArena) add(d *pipeline.Document) {
	if t.dropped || t.size+len(d.Text) > t.limit {
		t.dropped = true
		t.docs = append(t.docs, arenaDoc{id: d.ID})
		return
	}
	t.size += len(d.Text)
	sp := make([]pipeline.Span, len(d.Sentences))
	for i, s := range d.Sentences {
		sp[i] = s.Span
	}
	t.docs = append(t.docs, arenaDoc{id: d.ID, text: d.Text, sents: sp})
}

// sentence returns the text of a document's sentence on one line, or a
// reference when the text was not kept.
func (t *textArena) sentence(doc, sent int) string {
	if doc < 0 || doc >= len(t.docs) {
		return ""
	}
	d := t.docs[doc]
	if sent < 0 || sent >= len(d.sents) {
		return fmt.Sprintf("(see Sentences: %s, sentence %d)", d.id, sent)
	}
	s := d.sents[sent]
	return strings.Join(strings.Fields(d.text[s.Start:s.End]), " ")
}
