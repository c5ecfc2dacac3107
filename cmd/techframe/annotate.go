package main

import (
	"sync"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/reports"
	"github.com/urfave/cli/v2"
)

// docFieldFuncs add fields to annotate's document records (framing summary
// and the like); stage files append to it in init.
var docFieldFuncs []func(*pipeline.Document) []reports.Field

func init() {
	register(&cli.Command{
		Name:  "annotate",
		Usage: "sentences, tokens (with byte offsets), entities and frames, one record per document or sentence",
		UsageText: `techframe annotate [options] [inputs...]

Reads files, folders, globs or stdin and writes one JSON object per document
(or per sentence with --level sentence). Every span is a byte offset into the
document's text, half-open: text[start:end].

Document records carry the framing summary: frame, sentences per label,
shares and the balance = (C - K) / (C + K), where C counts cooperation +
both sentences and K competition + both sentences (a both sentence counts on
each side); from -1 (only competition) to +1 (only cooperation), empty (null)
when no sentence is framed. The per1000_* rates are sentences per 1,000 tokens,
punctuation included: the record's token_count (the tokens column in TSV and
CSV), written with --no-tokens too. When the text the offsets count in is not
the input's bytes (Markdown, HTML, front matter, text decoded from another
encoding), document records carry it: "text" in JSONL, the text column of TSV
and CSV (empty for other documents).

CSV and TSV output (-t csv|tsv) is one row per record, for programs: cells are
written as they are, so a spreadsheet may run one that starts with =, +, - or
@ as a formula (import the file as text, or use techframe analyze for a
workbook). TSV cannot hold a tab or line break in a cell: they are written as
spaces (CSV and JSONL keep the text exact). The metadata columns are the
keys of the first record (rows are written as documents arrive); the keys
of later records that it lacks go to the last column, meta_other, as a JSON
object ({"outlet":"Xinhua","year":2021}). A metadata key that is also a
column name (id, text, frame) becomes meta_KEY.

EXAMPLES:
   techframe annotate samples/ > annotated.jsonl
   cat article.txt | techframe annotate
   techframe annotate corpus.jsonl --text-field body --id-field url -o out.jsonl
   techframe annotate export.csv --level sentence --format tsv          # TSV out
   techframe annotate notes.dat --input-format md                      # force the input format
   techframe annotate essays/*.md --pos --jobs 4
   techframe annotate corpus/ -o out.jsonl --manifest out.manifest.json  # lexicon and input SHA-256s`,
		Flags: concatFlags(inputFlags(), annotationFlags(), []cli.Flag{
			posFlag(),
			&cli.StringFlag{Name: "level", Category: catOutput, Value: "document", Usage: "document or sentence"},
			&cli.StringFlag{Name: "output-format", Aliases: []string{"t"}, Category: catOutput, Value: "jsonl", Usage: "jsonl, tsv or csv (without it, the -o file's extension: .csv, .tsv or .jsonl; else jsonl)"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Category: catOutput, Value: "-", Usage: "output file (written atomically), - for stdout"},
			&cli.BoolFlag{Name: "no-tokens", Category: catOutput, Usage: "leave the token array out of document records"},
			manifestFlag(),
		}),
		Action: runAnnotate,
	})
}

func runAnnotate(c *cli.Context) error {
	s := newSession(c)
	opts := reports.AnnotateOptions{
		Level:      c.String("level"),
		Format:     c.String("output-format"),
		OmitTokens: c.Bool("no-tokens"),
	}
	// "annotate export.csv --format tsv" asks for TSV output: for annotate,
	// --format jsonl/tsv/csv names the output format (--input-format forces
	// how inputs are read); txt, md, html and lines can only be inputs.
	switch f := c.String("format"); f {
	case "jsonl", "tsv", "csv":
		if c.IsSet("output-format") && c.String("output-format") != f {
			return pipeline.Usagef("annotate: --format %s and --output-format %s disagree; use --input-format for the input", f, c.String("output-format"))
		}
		opts.Format = f
		s.formatIsOutput = true
	}
	// The -o file's extension names the format when -t does not (the rule
	// of the other table commands): "-o out.csv" writes CSV, "-o out.xlsx"
	// is refused before anything is read.
	format, err := kwOutputFormat(c, opts.Format)
	if err != nil {
		return err
	}
	if s.formatIsOutput && format != opts.Format {
		return pipeline.Usagef("annotate: --format %s and -o %s disagree: the file's extension names %s", opts.Format, c.String("output"), format)
	}
	opts.Format = format
	if len(docFieldFuncs) > 0 {
		opts.DocFields = func(d *pipeline.Document) []reports.Field {
			var out []reports.Field
			for _, f := range docFieldFuncs {
				out = append(out, f(d)...)
			}
			return out
		}
	}
	for k, v := range map[string]any{"level": opts.Level, "output_format": opts.Format, "no_tokens": opts.OmitTokens, "output": c.String("output")} {
		s.setting(k, v)
	}
	mf, err := openManifest(c)
	if err != nil {
		return err
	}
	defer mf.abort()
	out, err := reports.OpenOutput(c.String("output"), s.env.Stdout)
	if err != nil {
		return err
	}
	w, err := reports.NewAnnotateWriter(out, opts)
	if err != nil {
		out.Abort()
		return err
	}
	// JSON records are rendered on the workers; the ordered sink only
	// writes the bytes. Render is the last stage, so it runs before the
	// runner puts entities and evidence in text order: it sorts them itself,
	// or JSONL would list them in the order the stages found them while
	// TSV and CSV (written after the runner) list them in text order.
	var o annotateOpts
	sink := w.Write
	if w.Encodes() {
		var rendered sync.Map
		o.extra = []pipeline.Stage{pipeline.StageFunc{StageName: "render", Fn: func(d *pipeline.Document) error {
			d.SortAnnotations()
			rendered.Store(d.Seq, w.Encode(d))
			return nil
		}}}
		sink = func(d *pipeline.Document) error {
			b, _ := rendered.LoadAndDelete(d.Seq)
			return w.WriteEncoded(b.(reports.Encoded))
		}
	}
	_, err = s.annotateWith(c, o, sink)
	// Flush even after a failure: what is buffered are whole records, and a
	// pipe reader keeps them; a file output is discarded by finish anyway.
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return mf.commit(s, finish(out, err))
}
