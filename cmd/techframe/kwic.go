package main

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/kwic"
	"github.com/techframe/techframe/reports"
	"github.com/urfave/cli/v2"
)

func init() {
	register(&cli.Command{
		Name:  "kwic",
		Usage: "concordance lines (keyword in context) for a word, phrase, glob or lexicon category",
		UsageText: `techframe kwic PATTERN [options] [inputs...]

PATTERN is a word ("sovereignty"), a phrase ("export controls"), a glob with
'*' ("compet*"), or a category filled by the annotation stages:
frame:competition, frame:cooperation (framing cues), entity:STATE_ACTOR
(entity type), actor:China (an entity's canonical name, or an alias the
gazetteer gives it: actor:US is United States, and stderr says so; a name
the gazetteer does not know is refused with the nearest names, unless
--ner may tag it). Words match tokens case-insensitively; a phrase stays
inside one sentence. A one-word pattern also finds the parts of hyphenated
tokens, which the tokenizer keeps whole: "china" finds the China of
"US-China" and "EU–China", and the match is that part.

On a terminal the lines are aligned on the match; otherwise (or with
--output-format) they are TSV/CSV/JSONL records with document id, sentence
index (0-based) and byte offsets of the match in the document text. The left,
match and right columns are for reading, with runs of white space (line
breaks, tabs) shown as one space; start and end slice the exact text.

frame:X lists the cues of X's lexicon that no rule set aside, negated and
hedged ones included, each with how it was taken: cue_frame (its lexicon
frame), counts_for (the frame its weight went to: the other frame when
negated, empty when it counted for nothing, as with "no mention of
rivalry"), negated, hedged, weight (after negation, hedges and concessions),
sentence_frame (the label the sentence was finally given, from all its
cues), cue (the lexicon entry) and lexicon (its file:line). So "did not seek
confrontation" is a frame:competition line with negated true, counts_for
cooperation and sentence_frame cooperation. With --counted, frame:X lists
instead the cues that counted for X: that line moves to frame:cooperation.
On a terminal the flags stand between the reference and the context.

entity:TYPE and actor:NAME lines add canonical, type, source (gazetteer or
ner) and sentence_frame (the label of the sentence the entity stands in),
so "kwic actor:China" shows which frame each sentence naming China was
given: the rows behind the workbook's actor x frame table.

EXAMPLES:
   techframe kwic "made in china 2025" corpus.jsonl
   techframe kwic "compet*" corpus.jsonl --window 8 --sort right
   techframe kwic frame:competition corpus.jsonl -o competition-cues.tsv
   techframe kwic frame:cooperation --counted corpus.jsonl   # avoided rivalry too
   techframe kwic actor:China corpus.jsonl --output-format jsonl | head
   techframe kwic actor:Brussels corpus.jsonl     # the European Union

` + exitCodesHelp,
		Flags: concatFlags(inputFlags(), annotationFlags(), []cli.Flag{
			&cli.BoolFlag{Name: "counted", Category: catAnalysis, Usage: "with frame:X, the cues whose weight counted for X (a negated cue counts for the other frame) instead of the cues of X's lexicon"},
			&cli.IntFlag{Name: "window", Category: catOutput, Value: 6, Usage: "tokens of context on each side"},
			&cli.StringFlag{Name: "sort", Category: catOutput, Value: "doc", Usage: "doc (input order), left or right (by context)"},
			&cli.IntFlag{Name: "width", Category: catOutput, Value: 50, Usage: "characters of context on each side in the aligned terminal view"},
			&cli.StringFlag{Name: "output-format", Aliases: []string{"t"}, Category: catOutput, Usage: "tsv, csv or jsonl (default: from the -o file's extension; else aligned on a terminal, tsv otherwise)" + kwDefuseHelp},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Category: catOutput, Value: "-", Usage: kwOutputHelp},
		}),
		Action: runKWIC,
	})
}

func runKWIC(c *cli.Context) error {
	s := newSession(c)
	if c.NArg() == 0 {
		return pipeline.Usagef("kwic: give a pattern first: techframe kwic PATTERN [inputs...]")
	}
	pat, err := kwic.Compile(c.Args().First())
	if err != nil {
		return err
	}
	if c.Bool("counted") {
		if err := pat.SetCounted(); err != nil {
			return pipeline.Usagef("kwic: --counted applies to frame: patterns, not %q", pat.Source)
		}
	}
	switch {
	case pat.Kind() == "frame" && c.Bool("no-framing"):
		return pipeline.Usagef("kwic: pattern %q finds framing cues, which --no-framing turns off", pat.Source)
	case (pat.Kind() == "entity" || pat.Kind() == "actor") && c.Bool("no-entities") && !c.Bool("ner"):
		return pipeline.Usagef("kwic: pattern %q finds entities, which --no-entities turns off", pat.Source)
	}
	if pat.Kind() == "actor" && !c.Bool("no-entities") {
		// actor:US means United States: the gazetteer's alias, resolved
		// here, so that a name or a misspelling does not match nothing.
		set, err := sessionLexicons(c, s)
		if err != nil {
			return err
		}
		canonical, via, ok, err := resolveActor(set.Entities, pat.Value(), c.Bool("ner"))
		switch {
		case err != nil:
			return err
		case !ok:
			s.warn(pipeline.Warning{Stage: "kwic", Offset: -1, Kind: "unknown-actor",
				Message: fmt.Sprintf("no entity of the gazetteer is named or called %q: only names --ner tags as such can match", pat.Value())})
		case via != "" && !s.quiet:
			fmt.Fprintf(s.env.Stderr, "techframe: kwic: actor:%s is %s (an alias, %s)\n", pat.Value(), canonical, via)
			fallthrough
		default:
			pat.SetActor(canonical)
		}
	}
	window := c.Int("window")
	if window < 0 {
		return pipeline.Usagef("--window must not be negative, not %d", window)
	}
	if w := c.Int("width"); w < 1 {
		return pipeline.Usagef("--width must be at least 1, not %d", w)
	}
	sortBy := c.String("sort")
	if err := kwic.Sort(nil, sortBy); err != nil {
		return err
	}
	format, err := kwOutputFormat(c, "")
	if err != nil {
		return err
	}
	aligned := format == "" && s.env.StdoutTTY && (c.String("output") == "-" || c.String("output") == "")
	if format == "" {
		format = "tsv"
	}
	var lines []kwic.Line
	_, err = kwAnnotate(c, s, 1, pat.NeedsAnnotations(), func(d *pipeline.Document) error {
		lines = append(lines, kwic.Lines(d, pat.Find(d), window)...)
		return nil
	})
	if err != nil {
		return err
	}
	if err := kwic.Sort(lines, sortBy); err != nil {
		return err
	}
	if !s.quiet {
		fmt.Fprintf(s.env.Stderr, "techframe: kwic: %d lines for %q\n", len(lines), pat.Source)
	}
	if aligned {
		return kwAligned(s, lines, c.Int("width"))
	}
	cols := []string{"doc_id", "sentence", "start", "end", "left", "match", "right"}
	cues := pat.Kind() == "frame"
	ents := pat.Kind() == "entity" || pat.Kind() == "actor"
	switch {
	case cues:
		cols = append(cols, kwicCueCols...)
	case ents:
		cols = append(cols, kwicEntCols...)
	}
	out, t, err := kwOpenTable(c, s, format, cols...)
	if err != nil {
		return err
	}
	row := make([]any, 0, len(cols))
	for _, l := range lines {
		row = append(row[:0], l.DocID, l.Sent, l.Start, l.End, l.Left, l.Match, l.Right)
		switch {
		case cues:
			row = appendCue(row, l.Cue)
		case ents:
			row = appendEnt(row, l.Ent)
		}
		if err = t.row(row...); err != nil {
			break
		}
	}
	if err == nil {
		err = t.close()
	}
	return finish(out, err)
}

// kwicCueCols are the columns a frame: pattern adds: how each cue was taken.
var kwicCueCols = []string{"cue_frame", "counts_for", "negated", "hedged", "weight", "sentence_frame", "cue", "lexicon"}

// appendCue appends the kwicCueCols values of a line's cue.
func appendCue(row []any, q *kwic.Cue) []any {
	if q == nil {
		return append(row, make([]any, len(kwicCueCols))...)
	}
	return append(row, q.Frame, q.CountsFor, q.Negated, q.Hedged, q.Weight, q.SentenceFrame, q.Term, q.Lexicon)
}

// kwicEntCols are the columns an entity: or actor: pattern adds: the
// entity and the label of its sentence (the actor x frame pairing).
var kwicEntCols = []string{"canonical", "type", "source", "sentence_frame"}

// appendEnt appends the kwicEntCols values of a line's entity.
func appendEnt(row []any, e *kwic.Ent) []any {
	if e == nil {
		return append(row, make([]any, len(kwicEntCols))...)
	}
	return append(row, e.Canonical, e.Type, e.Source, e.SentenceFrame)
}

// lineFlags is what the aligned view shows of a line before its context:
// a cue's state, or an entity and its sentence's label.
func lineFlags(l *kwic.Line) string {
	if l.Ent != nil {
		s := "[" + l.Ent.Canonical + ", " + l.Ent.Type
		if l.Ent.SentenceFrame != "" {
			s += "; sentence " + l.Ent.SentenceFrame
		}
		return s + "]"
	}
	return cueFlags(l.Cue)
}

// cueFlags is a cue's state in the aligned view: "[competition cue,
// negated: counts for cooperation (0.96); sentence cooperation]".
func cueFlags(q *kwic.Cue) string {
	if q == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("[" + q.Frame + " cue")
	if q.Negated {
		b.WriteString(", negated")
	}
	if q.Hedged {
		b.WriteString(", hedged")
	}
	counts := q.CountsFor
	if counts == "" {
		counts = "nothing"
	}
	fmt.Fprintf(&b, ": counts for %s (%.2f); sentence %s]", counts, q.Weight, q.SentenceFrame)
	return b.String()
}

// kwAligned prints lines for a person at a terminal: the matches in one
// column, context cut to width characters.
func kwAligned(s *session, lines []kwic.Line, width int) error {
	if width < 5 {
		width = 5
	}
	out, err := reports.OpenOutput("-", s.env.Stdout)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(out)
	ref := 0
	for _, l := range lines {
		ref = max(ref, len(fmt.Sprintf("%s:%d", l.DocID, l.Sent)))
	}
	ref = min(ref, 40)
	flags := 0
	for i := range lines {
		flags = max(flags, len(lineFlags(&lines[i])))
	}
	for _, l := range lines {
		left := kwic.Fit(l.Left, width, true)
		pad := width - len([]rune(left))
		fmt.Fprintf(w, "%-*s  ", ref, kwic.Fit(fmt.Sprintf("%s:%d", l.DocID, l.Sent), ref, true))
		if flags > 0 {
			fmt.Fprintf(w, "%-*s  ", flags, lineFlags(&l))
		}
		fmt.Fprintf(w, "%s%s  %s  %s\n", strings.Repeat(" ", pad), left, l.Match, kwic.Fit(l.Right, width, false))
	}
	return finish(out, w.Flush())
}
