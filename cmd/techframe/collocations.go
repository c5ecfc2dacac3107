package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/keyness"
	"github.com/techframe/techframe/pipeline/tokenize"
	"github.com/techframe/techframe/pipeline/vocab"
	"github.com/urfave/cli/v2"
)

func init() {
	register(&cli.Command{
		Name:  "collocations",
		Usage: "terms that co-occur with a node term within a window of words (PMI, log-Dice)",
		UsageText: `techframe collocations NODE [options] [inputs...]

NODE is a word or a phrase ("export controls"), normalised like every term
(lower-cased, stemmed with --stem). Collocates are the terms within --window
word tokens either side of the node, in the same sentence. The window counts
words as N does: stop words and numbers use it up, punctuation does not (in
"China, (the EU) and" the EU is 2 words from China). For each: observed
co-occurrences O, expected E = f(node) f(coll) 2*window / N, PMI = log2(O/E),
log-Dice = 14 + log2(2 O / (f(node) + f(coll))), and one example sentence
(document id and 0-based sentence index). N is the number of word tokens.
O counts a collocate once for each node occurrence it is near, as LancsBox
does, to match E; where node occurrences crowd together (two within one
window) O can exceed f(coll), and log-Dice its usual ceiling of 14.

EXAMPLES:
   techframe collocations cooperation corpus.jsonl
   techframe collocations "export controls" corpus.jsonl --window 5 --sort pmi --min-count 3
   techframe collocations china corpus.jsonl --target outlet=Xinhua -o china-xinhua.tsv
   techframe collocations war sotu.jsonl --bin year:10 --target year=1860s

` + exitCodesHelp,
		Flags: concatFlags(inputFlags(), termTokenizeFlags(), kwTermFlags(), []cli.Flag{
			&cli.IntFlag{Name: "window", Category: catAnalysis, Value: 5, Usage: "word tokens either side of the node (punctuation not counted)"},
			&cli.IntFlag{Name: "min-count", Category: catOutput, Value: 2, Usage: "leave out collocates seen fewer times"},
			&cli.StringFlag{Name: "sort", Category: catOutput, Value: "logdice", Usage: "logdice, pmi or freq"},
			&cli.IntFlag{Name: "top", Category: catOutput, Value: 50, Usage: "number of collocates"},
			&cli.StringFlag{Name: "target", Category: catAnalysis, Usage: "FIELD=VALUE: only documents of this group"},
			&cli.StringFlag{Name: "group-by", Category: catAnalysis, Usage: "metadata field: collocates per group"},
			&cli.StringFlag{Name: "bin", Category: catAnalysis, Usage: "bin a numeric or date field into WIDTH-year groups, e.g. year:10"},
		}, kwOutputFlags()),
		Action: runCollocations,
	})
}

func runCollocations(c *cli.Context) error {
	s := newSession(c)
	if c.NArg() == 0 || strings.TrimSpace(c.Args().First()) == "" {
		return pipeline.Usagef("collocations: give the node term first: techframe collocations NODE [inputs...]")
	}
	node := c.Args().First()
	window := c.Int("window")
	if window < 1 || window > 1000 {
		return pipeline.Usagef("--window must be between 1 and 1000 tokens, not %d", window)
	}
	if n := c.Int("min-count"); n < 1 {
		return pipeline.Usagef("--min-count must be at least 1, not %d", n)
	}
	sortBy := c.String("sort")
	if sortBy != "logdice" && sortBy != "pmi" && sortBy != "freq" {
		return pipeline.Usagef("--sort must be logdice, pmi or freq, not %q", sortBy)
	}
	top := c.Int("top")
	if top < 1 {
		return pipeline.Usagef("--top must be at least 1, not %d", top)
	}
	vo, err := kwVocabOptions(c, s)
	if err != nil {
		return err
	}
	vo.MinN, vo.MaxN = 1, 1
	words := strings.Fields(node)
	if len(words) > 1 {
		vo.Phrases = append(vo.Phrases, words)
	}
	b, err := vocab.NewBuilder(vo)
	if err != nil {
		return err
	}
	// the node normalised as a term: run it through the same analyzer
	nodeTerm := kwNodeTerm(b, node)
	if nodeTerm == "" {
		return pipeline.Usagef("collocations: node %q is not a term (a stop word, a number or punctuation?); try --no-stopwords or --keep-numbers", node)
	}
	target, err := newKWSelector(c, s, "target")
	if err != nil {
		return err
	}
	grouper, err := newKWGrouper(c, s, c.String("group-by"))
	if err != nil {
		return err
	}
	colls := map[string]*keyness.Collocations{}
	var order []string
	nTarget := 0
	_, err = kwAnnotate(c, s, 1, false, func(d *pipeline.Document) error {
		if target != nil && !target.match(d.Meta) {
			return nil
		}
		nTarget++
		g := ""
		if grouper != nil {
			g = grouper.label(d.Meta)
		}
		col := colls[g]
		if col == nil {
			col = keyness.NewCollocations(nodeTerm, window)
			colls[g] = col
			order = append(order, g)
		}
		col.Add(d, b.DocTerms(d), vocab.WordTokens(d))
		return nil
	})
	if err != nil {
		return err
	}
	if target != nil {
		if err := target.check(nTarget); err != nil {
			return err
		}
	}
	if err := grouper.check(groupFlag(c)); err != nil {
		return err
	}
	sort.Strings(order)
	out, t, err := kwOpenTable(c, s, c.String("output-format"), "group", "node", "collocate", "observed", "expected", "pmi", "log_dice", "node_freq", "collocate_freq", "corpus_tokens", "example_doc", "example_sentence_index")
	if err != nil {
		return err
	}
	found := 0
	for _, g := range order {
		col := colls[g]
		res := col.Results(float64(c.Int("min-count")), sortBy)
		if len(res) > top {
			res = res[:top]
		}
		for _, r := range res {
			if err = t.row(g, nodeTerm, r.Term, r.Observed, r.Expected, r.PMI, r.LogDice, r.NodeFreq, r.CollFreq, r.CorpusLen, r.Example.DocID, r.Example.Sent); err != nil {
				break
			}
			found++
		}
		if err != nil {
			break
		}
	}
	if err == nil {
		err = t.close()
	}
	if err == nil && !s.quiet {
		var nf, nn float64
		for _, col := range colls {
			f, n, _ := col.NodeFreq()
			nf, nn = nf+f, nn+n
		}
		fmt.Fprintf(s.env.Stderr, "techframe: collocations: node %q occurs %.0f times in %.0f word tokens; %d collocates shown\n", nodeTerm, nf, nn, found)
	}
	return finish(out, err)
}

// kwNodeTerm normalises the node with the builder's analyzer.
func kwNodeTerm(b *vocab.Builder, node string) string {
	d := &pipeline.Document{ID: "node", Text: node}
	pos := 0
	for _, w := range strings.Fields(node) {
		i := strings.Index(node[pos:], w) + pos
		d.Tokens = append(d.Tokens, pipeline.Token{Span: pipeline.Span{Start: i, End: i + len(w)}, Norm: tokenize.NormalizeWord(w)})
		pos = i + len(w)
	}
	terms := b.DocTerms(d)
	if len(terms) != 1 {
		return ""
	}
	return terms[0].Text
}
