package main

import (
	"fmt"
	"strings"
	"sync"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/keyness"
	"github.com/techframe/techframe/pipeline/vocab"
	"github.com/urfave/cli/v2"
)

func init() {
	register(&cli.Command{
		Name:  "keyness",
		Usage: "words that set a target group apart from the rest or from a reference group (log-likelihood, log ratio)",
		UsageText: `techframe keyness --target FIELD=VALUE [--reference FIELD=VALUE] [options] [inputs...]

For each term: G2 (log-likelihood, Dunning/Rayson), its p-value (chi-square,
1 df), Hardie's log ratio (log2 of the ratio of relative frequencies; a zero
count is replaced by 0.5), the counts in target and reference, and an
example: the term's first sentence in the target document where it occurs
most often (the first such document in input order). Sizes are word tokens
(stop words included). Without --reference the target is compared with
every other document; a document that both select is in the target only
(stderr says how many).

EXAMPLES:
   techframe keyness corpus.jsonl --target outlet=Xinhua
   techframe keyness corpus.jsonl --target country=US --reference country=CN --top 30 -o us-vs-cn.tsv
   techframe keyness sotu.jsonl --bin year:10 --target year=1940s --direction both
   techframe keyness sotu.jsonl --target party=Republican --reference party=Democratic --output-format jsonl

` + exitCodesHelp,
		Flags: concatFlags(inputFlags(), termTokenizeFlags(), kwTermFlags(), []cli.Flag{
			&cli.StringFlag{Name: "target", Category: catAnalysis, Usage: "FIELD=VALUE selecting the target documents (required); VALUE is matched as typed in the data (007 is not 7, 1.0 is not 1)"},
			&cli.StringFlag{Name: "reference", Category: catAnalysis, Usage: "FIELD=VALUE selecting the reference documents (default: all others)"},
			&cli.StringFlag{Name: "bin", Category: catAnalysis, Usage: "bin a numeric or date field into WIDTH-year groups before matching, e.g. year:10 (VALUE 1940s)"},
			&cli.IntFlag{Name: "top", Category: catOutput, Value: 50, Usage: "number of terms"},
			&cli.StringFlag{Name: "direction", Category: catOutput, Value: "over", Usage: "over (more frequent in the target), under, or both"},
			&cli.Float64Flag{Name: "max-p", Category: catOutput, Value: 1, Usage: "leave out terms with a p-value above this"},
		}, kwOutputFlags()),
		Action: runKeyness,
	})
}

// kwSelector selects documents by FIELD=VALUE.
type kwSelector struct {
	flag, spec, value string
	g                 *kwGrouper
}

func newKWSelector(c *cli.Context, s *session, flag string) (*kwSelector, error) {
	spec := c.String(flag)
	if spec == "" {
		return nil, nil
	}
	field, value, ok := strings.Cut(spec, "=")
	field, value = strings.TrimSpace(field), strings.TrimSpace(value)
	if !ok || field == "" || value == "" {
		return nil, pipeline.Usagef("--%s %q: use FIELD=VALUE, e.g. outlet=Xinhua", flag, spec)
	}
	binSpec := c.String("bin")
	g := &kwGrouper{field: field, seen: map[string]bool{}, values: map[string]int{}}
	if binField, _, _ := strings.Cut(binSpec, ":"); binSpec != "" && binField == field {
		bin, err := parseBin(binSpec, field, s.warn)
		if err != nil {
			return nil, err
		}
		g.bin = bin
	}
	return &kwSelector{flag: "--" + flag, spec: spec, value: value, g: g}, nil
}

func (k *kwSelector) match(meta pipeline.Meta) bool { return k.g.label(meta) == k.value }

// check reports an unknown field (usage) or a selection with no document.
func (k *kwSelector) check(n int) error {
	if err := k.g.check(k.flag); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s %s matched no document; values of %s: %s", k.flag, k.spec, k.g.field, k.g.valueList())
	}
	return nil
}

// kwTermStage computes each document's terms on the runner's workers (the
// analyzer is safe for concurrent use) so that the ordered sink only counts
// them; terms returns and forgets a document's terms.
func kwTermStage(b *vocab.Builder) (pipeline.Stage, func(*pipeline.Document) []vocab.Term) {
	var pending sync.Map
	st := pipeline.StageFunc{StageName: "terms", Fn: func(d *pipeline.Document) error {
		pending.Store(d.Seq, b.DocTerms(d))
		return nil
	}}
	return st, func(d *pipeline.Document) []vocab.Term {
		if v, ok := pending.LoadAndDelete(d.Seq); ok {
			return v.([]vocab.Term)
		}
		return b.DocTerms(d)
	}
}

// kwSentenceText returns a sentence's text on one line, copied so that the
// document's text can be freed.
func kwSentenceText(d *pipeline.Document, sent int) string {
	if sent < 0 || sent >= len(d.Sentences) {
		return ""
	}
	sp := d.Sentences[sent].Span
	if sp.Start < 0 || sp.End > len(d.Text) || sp.Start > sp.End {
		return ""
	}
	s := strings.Join(strings.Fields(d.Text[sp.Start:sp.End]), " ")
	if r := []rune(s); len(r) > 400 {
		s = string(r[:399]) + "…"
	}
	return strings.Clone(s)
}

// kwAnnotate runs the annotation with the options term commands need: the
// first skip positional arguments are not inputs (collocations NODE, kwic
// PATTERN) and, unless allStages, only the tokenizer runs (term statistics
// need no entities or frames).
func kwAnnotate(c *cli.Context, s *session, skip int, allStages bool, sink func(*pipeline.Document) error, extra ...pipeline.Stage) (int, error) {
	return s.annotateWith(c, annotateOpts{skipArgs: skip, tokensOnly: !allStages, extra: extra}, sink)
}

func runKeyness(c *cli.Context) error {
	s := newSession(c)
	if p := c.Float64("max-p"); !(p > 0 && p <= 1) {
		return pipeline.Usagef("keyness: --max-p must be a p-value above 0 and at most 1, not %g", p)
	}
	if c.String("target") == "" {
		return pipeline.Usagef("keyness: --target FIELD=VALUE is required (see techframe keyness --help)")
	}
	target, err := newKWSelector(c, s, "target")
	if err != nil {
		return err
	}
	ref, err := newKWSelector(c, s, "reference")
	if err != nil {
		return err
	}
	dir := c.String("direction")
	if dir != "over" && dir != "under" && dir != "both" {
		return pipeline.Usagef("--direction must be over, under or both, not %q", dir)
	}
	top := c.Int("top")
	if top < 1 {
		return pipeline.Usagef("--top must be at least 1, not %d", top)
	}
	vo, err := kwVocabOptions(c, s)
	if err != nil {
		return err
	}
	b, err := vocab.NewBuilder(vo)
	if err != nil {
		return err
	}
	var tRows, rRows []int
	// Each term's example, chosen as keyness.Compare chooses it: the target
	// document where the term occurs most often, the first such in input
	// order; only its sentence text is kept.
	type example struct {
		row, count int
		text       string
	}
	examples := map[string]example{}
	row, overlap := 0, 0
	termStage, docTerms := kwTermStage(b)
	_, err = kwAnnotate(c, s, 0, false, func(d *pipeline.Document) error {
		terms := docTerms(d)
		b.AddTerms(d, terms)
		// Both selections see every document, so that their lists of
		// values are whole.
		inTarget := target.match(d.Meta)
		inRef := ref != nil && ref.match(d.Meta)
		switch {
		case inTarget:
			tRows = append(tRows, row)
			if inRef {
				overlap++
			}
			count := map[string]int{}
			first := map[string]int{}
			for _, t := range terms {
				if count[t.Text] == 0 {
					first[t.Text] = t.Sent
				}
				count[t.Text]++
			}
			for term, n := range count {
				if n > examples[term].count {
					examples[term] = example{row: row, count: n, text: kwSentenceText(d, first[term])}
				}
			}
		case ref == nil || inRef:
			rRows = append(rRows, row)
		}
		row++
		return nil
	}, termStage)
	if err != nil {
		return err
	}
	if err := target.check(len(tRows)); err != nil {
		return err
	}
	if ref != nil {
		if len(rRows) == 0 && overlap > 0 {
			return fmt.Errorf("--reference %s: each of the %d documents it matches is also in the target (--target %s), which keeps a document both select: no reference document is left to compare with", ref.spec, overlap, target.spec)
		}
		if err := ref.check(len(rRows)); err != nil {
			return err
		}
		if overlap > 0 {
			s.warn(pipeline.Warning{Stage: "keyness", Offset: -1, Kind: "reference-overlap", Message: fmt.Sprintf(
				"%d documents matched by --reference %s are also in the target --target %s: they count in the target only and were left out of the reference", overlap, ref.spec, target.spec)})
		}
	} else if len(rRows) == 0 {
		return fmt.Errorf("--target %s selects every document: there is nothing to compare with", target.spec)
	}
	m, err := b.Build()
	if err != nil {
		return err
	}
	res := keyness.Compare(m, tRows, rRows)
	out, t, err := kwOpenTable(c, s, c.String("output-format"), "term", "g2", "p", "log_ratio", "direction", "target_count", "reference_count",
		"target_per_10k", "reference_per_10k", "example_doc", "example_sentence_index", "example_sentence")
	if err != nil {
		return err
	}
	maxP := c.Float64("max-p")
	n := 0
	for _, k := range res.Keys {
		if n >= top {
			break
		}
		if (dir == "over" && !k.Over) || (dir == "under" && k.Over) || k.P > maxP {
			continue
		}
		direction, exDoc, exText := "under", "", ""
		if k.Over {
			direction = "over"
		}
		exIdx := any(nil)
		if k.Doc >= 0 {
			exDoc, exIdx = m.DocIDs[k.Doc], k.Sent
			if ex := examples[m.Terms[k.Term]]; ex.row == k.Doc {
				exText = ex.text
			}
		}
		if err = t.row(m.Terms[k.Term], k.G2, k.P, k.LogRatio, direction, k.Target, k.Reference,
			1e4*k.Target/res.TargetSize, 1e4*k.Reference/res.ReferenceSize, exDoc, exIdx, exText); err != nil {
			break
		}
		n++
	}
	if err == nil {
		err = t.close()
	}
	if err == nil && !s.quiet {
		fmt.Fprintf(s.env.Stderr, "techframe: keyness: target %s: %d documents, %.0f word tokens; reference %s: %d documents, %.0f word tokens; %d terms shown\n",
			target.spec, res.TargetDocs, res.TargetSize, kwRefName(ref), res.ReferenceDocs, res.ReferenceSize, n)
	}
	return finish(out, err)
}

func kwRefName(r *kwSelector) string {
	if r == nil {
		return "(all other documents)"
	}
	return r.spec
}
