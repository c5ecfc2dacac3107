package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/formula"
	"github.com/techframe/techframe/pipeline/summary"
	"github.com/techframe/techframe/pipeline/tfidf"
	"github.com/techframe/techframe/pipeline/vocab"
	"github.com/techframe/techframe/reports"
	"github.com/urfave/cli/v2"
)

func init() {
	register(&cli.Command{
		Name:  "keywords",
		Usage: "top TF-IDF terms per document or per group",
		UsageText: `techframe keywords [options] [inputs...]

Terms are lower-cased tokens with stop words, punctuation and pure numbers
removed (see --ngrams, --stem, --stopwords); weights follow scikit-learn's
TfidfVectorizer (--tf, --idf, --norm). With --group-by a group's score is the
mean of its documents' normalised TF-IDF rows (idf stays a corpus property).
Each term carries an example: the document and sentence (0-based) where it
occurs.

EXAMPLES:
   techframe keywords corpus.jsonl --top 15
   techframe keywords corpus.jsonl --group-by outlet --output-format csv -o keywords.csv
   techframe keywords sotu.jsonl --group-by year --bin year:10          # decades: 1790s, 1800s, ...
   techframe keywords corpus.jsonl --ngrams 1-2 --min-df 2 --max-df 0.5 --stem snowball
   techframe keywords corpus.jsonl --tf sublinear --idf plain --export-matrix out/   # docs.txt terms.txt tfidf.mtx idf.tsv tokens.jsonl settings.json

` + exitCodesHelp,
		Flags: concatFlags(inputFlags(), termTokenizeFlags(), kwTermFlags(), []cli.Flag{
			&cli.StringFlag{Name: "tf", Category: catAnalysis, Value: "raw", Usage: "term frequency: raw or sublinear (1 + ln tf)"},
			&cli.StringFlag{Name: "idf", Category: catAnalysis, Value: "smooth", Usage: "idf: smooth (ln((1+n)/(1+df))+1), plain (ln(n/df)+1) or none"},
			&cli.StringFlag{Name: "norm", Category: catAnalysis, Value: "l2", Usage: "row normalisation: l2, l1 or none"},
			&cli.IntFlag{Name: "top", Category: catOutput, Value: 10, Usage: "terms per document or group"},
			&cli.StringFlag{Name: "group-by", Category: catAnalysis, Usage: "metadata field: top terms per group instead of per document (a group is the value as typed: 007 is not 7)"},
			&cli.StringFlag{Name: "bin", Category: catAnalysis, Usage: "bin a numeric or date field into WIDTH-year groups, e.g. year:10 for decades (1790s)"},
			&cli.StringFlag{Name: "export-matrix", Category: catOutput, Usage: "also write the TF-IDF matrix and its inputs to this folder (Matrix Market; see EXAMPLES)"},
		}, kwOutputFlags()),
		Action: runKeywords,
	})
}

// ---- shared by keywords, keyness and collocations ----------------------

func kwTermFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "ngrams", Category: catAnalysis, Value: "1-1", Usage: "n-gram range MIN-MAX, e.g. 1-2 (n-grams never bridge a removed word or a sentence end)"},
		&cli.StringFlag{Name: "stem", Category: catAnalysis, Value: "none", Usage: "none or snowball (Porter2 English)"},
		&cli.StringFlag{Name: "stopwords", Category: catAnalysis, Usage: "stop-word file (one word per line, # comments) replacing the built-in English list"},
		&cli.BoolFlag{Name: "no-stopwords", Category: catAnalysis, Usage: "keep stop words"},
		&cli.BoolFlag{Name: "keep-numbers", Category: catAnalysis, Usage: "keep tokens without letters (2025, 1.5); 5G is always kept"},
		&cli.BoolFlag{Name: "split-hyphens", Category: catAnalysis, Usage: "count the parts of hyphenated words as terms of their own (US-China: us, china), as scikit-learn does; by default a compound is one term, as in quanteda"},
		&cli.StringFlag{Name: "min-df", Category: catAnalysis, Value: "1", Usage: "drop terms in fewer documents: a count (2) or a fraction (0.01)"},
		&cli.StringFlag{Name: "max-df", Category: catAnalysis, Value: "1.0", Usage: "drop terms in more documents: a count (500) or a fraction (0.5); 1.0 = no limit"},
		&cli.IntFlag{Name: "max-terms", Category: catAnalysis, Usage: "keep only the N most frequent terms (0: all)"},
	}
}

// kwDefuseHelp ends the usage of the table commands' -t flag: their TSV
// and CSV text is defused like analyze's CSV tables (kwTable.row).
const kwDefuseHelp = "; in tsv and csv, text starting with = + - or @ (a doc_id, a sentence) gets a leading apostrophe, which spreadsheets show as text, so it never runs as a formula (jsonl is left as is)"

func kwOutputFlags() []cli.Flag {
	// The actions check -t against the -o file's name before any input is
	// read, so that a long run does not end in a usage error.
	check := func(c *cli.Context, _ string) error {
		_, err := kwOutputFormat(c, "tsv")
		return err
	}
	return []cli.Flag{
		&cli.StringFlag{Name: "output-format", Aliases: []string{"t"}, Category: catOutput, Value: "tsv", DefaultText: "from the -o file's extension, else tsv",
			Usage: "tsv, csv or jsonl" + kwDefuseHelp, Action: check},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Category: catOutput, Value: "-", Usage: kwOutputHelp, Action: check},
	}
}

// kwOutputHelp is the usage of the table commands' -o flag.
const kwOutputHelp = "output file (written atomically), - for stdout; its extension (.tsv .csv .jsonl) sets the format, and -t, if given, must agree with it"

// kwFormatExt maps the -o file extensions that name a table format to it.
var kwFormatExt = map[string]string{".tsv": "tsv", ".tab": "tsv", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}

// kwCommandName names the running command as typed: "topics infer" for a
// subcommand.
func kwCommandName(c *cli.Context) string {
	var names []string
	for _, x := range c.Lineage() {
		if x.Command != nil && x.Command.Name != "" && x.Command.Name != c.App.Name {
			names = append([]string{x.Command.Name}, names...)
		}
	}
	return strings.Join(names, " ")
}

// kwOutputFormat resolves the format of a table command's output: -t when
// given, else the one the -o file's extension names (.tsv, .csv, .jsonl),
// else def. A -t that the extension contradicts, or an extension naming a
// format these commands cannot write (.xlsx, .json), is a usage error, found
// before the output is opened, so an existing file is left as it was. An
// extension that names no format (.txt, none) leaves the choice to -t.
func kwOutputFormat(c *cli.Context, def string) (string, error) {
	cmd := kwCommandName(c)
	format := def
	if c.IsSet("output-format") {
		format = c.String("output-format")
		if format != "tsv" && format != "csv" && format != "jsonl" {
			return "", pipeline.Usagef("%s: -t/--output-format must be tsv, csv or jsonl, not %q", cmd, format)
		}
	}
	path := c.String("output")
	if path == "" || path == "-" {
		return format, nil
	}
	ext := strings.ToLower(filepath.Ext(path))
	byExt, ok := kwFormatExt[ext]
	switch {
	case ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" || ext == ".ods":
		return "", pipeline.Usagef("%s: -o %s: %s writes tsv, csv or jsonl, not a workbook; name the file .tsv, .csv or .jsonl (techframe analyze -o FILE.xlsx writes a workbook)", cmd, path, cmd)
	case ext == ".json":
		return "", pipeline.Usagef("%s: -o %s: %s writes JSON Lines (one object per line), not a JSON document; name the file .jsonl", cmd, path, cmd)
	case !ok:
		return format, nil
	case c.IsSet("output-format") && byExt != format:
		return "", pipeline.Usagef("%s: -t %s and -o %s disagree: the file's extension names %s; give one of them, or make them agree", cmd, format, path, byExt)
	}
	return byExt, nil
}

// kwParseDF reads a --min-df/--max-df value with scikit-learn's semantics:
// a whole number is a document count, a number with a decimal point (or a
// percentage) a fraction of the documents.
func kwParseDF(flag, v string, isMax bool) (float64, error) {
	v = strings.TrimSpace(v)
	frac := strings.ContainsAny(v, ".eE%")
	s := strings.TrimSuffix(v, "%")
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, pipeline.Usagef("--%s %q: give a document count (5) or a fraction (0.5)", flag, v)
	}
	if strings.HasSuffix(v, "%") {
		f /= 100
	}
	if !frac {
		if f < 1 && isMax {
			return 0, pipeline.Usagef("--%s %q: a count must be at least 1", flag, v)
		}
		if f == 0 {
			return 0, nil
		}
		return f, nil
	}
	if f > 1 {
		return 0, pipeline.Usagef("--%s %q: a fraction must be at most 1.0 (use a whole number for a count)", flag, v)
	}
	if f == 1 {
		if isMax {
			return 0, nil // all documents: no limit
		}
		return 0, pipeline.Usagef("--min-df 1.0 would keep only terms in every document; give a count instead")
	}
	return f, nil
}

// kwVocabOptions builds vocab options from the term flags.
func kwVocabOptions(c *cli.Context, s *session) (vocab.Options, error) {
	o := vocab.DefaultOptions()
	lo, hi, ok := strings.Cut(c.String("ngrams"), "-")
	if !ok {
		hi = lo
	}
	var err1, err2 error
	o.MinN, err1 = strconv.Atoi(strings.TrimSpace(lo))
	o.MaxN, err2 = strconv.Atoi(strings.TrimSpace(hi))
	if err1 != nil || err2 != nil || o.MinN < 1 || o.MaxN < o.MinN {
		return o, pipeline.Usagef("--ngrams %q: use MIN-MAX with 1 <= MIN <= MAX, e.g. 1-2", c.String("ngrams"))
	}
	o.Stem = c.String("stem")
	o.StopWords = !c.Bool("no-stopwords")
	if path := c.String("stopwords"); path != "" {
		if c.Bool("no-stopwords") {
			return o, pipeline.Usagef("--stopwords and --no-stopwords contradict each other")
		}
		f, err := os.Open(path)
		if err != nil {
			return o, pipeline.Usagef("--stopwords: %v", err)
		}
		words, err := vocab.ParseStopList(f, path)
		f.Close()
		if err != nil {
			return o, pipeline.Usagef("--stopwords: %v", err)
		}
		o.StopList = words
		if o.StopList == nil {
			o.StopList = []string{}
		}
	}
	o.KeepNumbers = c.Bool("keep-numbers")
	o.SplitHyphens = c.Bool("split-hyphens")
	var err error
	if o.MinDF, err = kwParseDF("min-df", c.String("min-df"), false); err != nil {
		return o, err
	}
	if o.MaxDF, err = kwParseDF("max-df", c.String("max-df"), true); err != nil {
		return o, err
	}
	o.MaxTerms = c.Int("max-terms")
	for k, v := range map[string]any{"ngrams": c.String("ngrams"), "stem": o.Stem, "stopwords": c.String("stopwords"), "no_stopwords": !o.StopWords,
		"keep_numbers": o.KeepNumbers, "split_hyphens": o.SplitHyphens, "min_df": c.String("min-df"), "max_df": c.String("max-df"), "max_terms": o.MaxTerms} {
		s.setting(k, v)
	}
	return o, nil
}

// kwGrouper assigns documents to groups by a metadata field, optionally
// binned, and remembers which fields it saw so that an unknown field can be
// reported with the available ones.
type kwGrouper struct {
	field  string
	bin    func(string) string
	seen   map[string]bool
	hits   int
	values map[string]int
}

func newKWGrouper(c *cli.Context, s *session, field string) (*kwGrouper, error) {
	spec := c.String("bin")
	if spec != "" && field == "" {
		field, _, _ = strings.Cut(spec, ":")
	}
	bin, err := parseBin(spec, field, s.warn)
	if err != nil {
		return nil, err
	}
	if field == "" {
		return nil, nil
	}
	return &kwGrouper{field: field, bin: bin, seen: map[string]bool{}, values: map[string]int{}}, nil
}

// label returns the document's group ("(none)" when the field is missing
// or empty).
func (g *kwGrouper) label(meta pipeline.Meta) string {
	for _, f := range meta {
		if !g.seen[f.Key] {
			g.seen[f.Key] = true
		}
	}
	v, ok := meta.Get(g.field)
	if ok {
		g.hits++
	}
	if !ok || strings.TrimSpace(v) == "" {
		v = "(none)"
	} else if g.bin != nil {
		v = g.bin(v)
	} else {
		v = summary.GroupValue(v)
	}
	g.values[v]++
	return v
}

// check fails with a usage error when no document had the field.
func (g *kwGrouper) check(flag string) error {
	if g == nil || g.hits > 0 {
		return nil
	}
	keys := make([]string, 0, len(g.seen))
	for k := range g.seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	avail := "none (the documents have no metadata)"
	if len(keys) > 0 {
		avail = strings.Join(keys, ", ")
	}
	return pipeline.Usagef("%s %q: no document has this metadata field; available fields: %s", flag, g.field, avail)
}

func (g *kwGrouper) valueList() string {
	vals := make([]string, 0, len(g.values))
	for v := range g.values {
		vals = append(vals, v)
	}
	sort.Strings(vals)
	if len(vals) > 20 {
		vals = append(vals[:20], fmt.Sprintf("... (%d values)", len(g.values)))
	}
	return strings.Join(vals, ", ")
}

// kwTable writes rows as TSV, CSV or JSONL.
type kwTable struct {
	format string
	cols   []string
	w      *bufio.Writer
	csv    *csv.Writer
	rows   int
}

func newKWTable(w io.Writer, format string, cols ...string) (*kwTable, error) {
	t := &kwTable{format: format, cols: cols, w: bufio.NewWriterSize(w, 64<<10)}
	switch format {
	case "tsv", "csv":
		t.csv = csv.NewWriter(t.w)
		if format == "tsv" {
			t.csv.Comma = '\t'
		}
		if err := t.csv.Write(cols); err != nil {
			return nil, err
		}
	case "jsonl":
	default:
		return nil, pipeline.Usagef("--output-format must be tsv, csv or jsonl, not %q", format)
	}
	return t, nil
}

func kwCell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return ""
		}
		return strconv.FormatFloat(x, 'g', 10, 64)
	default:
		return fmt.Sprint(x)
	}
}

func (t *kwTable) row(vals ...any) error {
	t.rows++
	if t.csv != nil {
		rec := make([]string, len(vals))
		for i, v := range vals {
			s := kwCell(v)
			if t.format == "tsv" {
				s = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
			}
			if _, isText := v.(string); isText {
				// People open these tables in a spreadsheet, which would
				// run text starting with = + - @ as a formula: defused as
				// in analyze's CSV tables (numbers are untouched).
				s = formula.Defuse(s)
			}
			rec[i] = s
		}
		return t.csv.Write(rec)
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, v := range vals {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(t.cols[i])
		b.Write(k)
		b.WriteByte(':')
		if f, ok := v.(float64); ok && (math.IsInf(f, 0) || math.IsNaN(f)) {
			v = nil
		}
		j, err := json.Marshal(v)
		if err != nil {
			return err
		}
		b.Write(j)
	}
	b.WriteString("}\n")
	_, err := t.w.WriteString(b.String())
	return err
}

func (t *kwTable) close() error {
	if t.csv != nil {
		t.csv.Flush()
		if err := t.csv.Error(); err != nil {
			return err
		}
	}
	return t.w.Flush()
}

// kwOpenTable opens -o in the format kwOutputFormat resolves: -t, else the
// file's extension, else format (the command's default).
func kwOpenTable(c *cli.Context, s *session, format string, cols ...string) (*reports.Output, *kwTable, error) {
	format, err := kwOutputFormat(c, format)
	if err != nil {
		return nil, nil, err
	}
	if _, err := newKWTable(io.Discard, format); err != nil {
		return nil, nil, err
	}
	out, err := reports.OpenOutput(c.String("output"), s.env.Stdout)
	if err != nil {
		return nil, nil, err
	}
	t, err := newKWTable(out, format, cols...)
	if err != nil {
		out.Abort()
		return nil, nil, err
	}
	return out, t, nil
}

// ---- keywords -------------------------------------------------------------

func runKeywords(c *cli.Context) error {
	s := newSession(c)
	vo, err := kwVocabOptions(c, s)
	if err != nil {
		return err
	}
	to := tfidf.Options{TF: c.String("tf"), IDF: c.String("idf"), Norm: c.String("norm")}
	if err := to.Validate(); err != nil {
		return err
	}
	top := c.Int("top")
	if top < 1 {
		return pipeline.Usagef("--top must be at least 1, not %d", top)
	}
	grouper, err := newKWGrouper(c, s, c.String("group-by"))
	if err != nil {
		return err
	}
	b, err := vocab.NewBuilder(vo)
	if err != nil {
		return err
	}
	var exp *kwExport
	if dir := c.String("export-matrix"); dir != "" {
		if exp, err = newKWExport(dir); err != nil {
			return err
		}
		defer exp.abort()
	}
	var groups []string
	termStage, docTerms := kwTermStage(b)
	_, err = kwAnnotate(c, s, 0, false, func(d *pipeline.Document) error {
		terms := docTerms(d)
		if exp != nil {
			if err := exp.tokens(d.ID, terms); err != nil {
				return err
			}
		}
		b.AddTerms(d, terms)
		if grouper != nil {
			groups = append(groups, grouper.label(d.Meta))
		}
		return nil
	}, termStage)
	if err != nil {
		return err
	}
	if err := grouper.check(groupFlag(c)); err != nil {
		return err
	}
	m, err := b.Build()
	if err != nil {
		return err
	}
	w, err := tfidf.Transform(m, to)
	if err != nil {
		return err
	}
	if exp != nil {
		if err := exp.finish(w, vo, to); err != nil {
			return err
		}
	}
	if grouper != nil {
		return kwWriteGroups(c, s, w, groups, top)
	}
	kwWarnEmpty(s, m)
	out, t, err := kwOpenTable(c, s, c.String("output-format"), "doc_id", "rank", "term", "score", "count", "example_sentence")
	if err != nil {
		return err
	}
	for d := range m.DocIDs {
		for r, sc := range w.TopDoc(d, top) {
			if err = t.row(m.DocIDs[d], r+1, m.Terms[sc.Term], sc.Score, sc.Count, sc.Sent); err != nil {
				break
			}
		}
		if err != nil {
			break
		}
	}
	if err == nil {
		err = t.close()
	}
	return finish(out, err)
}

// kwWarnEmpty says, in one counted warning, how many documents have no
// term left after the vocabulary settings, and so no rows.
func kwWarnEmpty(s *session, m *vocab.Matrix) {
	var empty []string
	for i, id := range m.DocIDs {
		if m.Counts.Indptr[i] == m.Counts.Indptr[i+1] {
			empty = append(empty, id)
		}
	}
	if len(empty) > 0 {
		s.warn(pipeline.Warning{Stage: "keywords", Kind: "empty-document", Offset: -1, Message: fmt.Sprintf(
			"%d of %d documents have no term left after the vocabulary settings (stop words, --min-df, --max-df, --max-terms) and have no rows: %s",
			len(empty), len(m.DocIDs), kwFirstIDs(empty, 5))})
	}
}

// kwFirstIDs lists up to n ids, and how many more there are.
func kwFirstIDs(ids []string, n int) string {
	if len(ids) <= n {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(ids[:n], ", "), len(ids)-n)
}

func kwWriteGroups(c *cli.Context, s *session, w *tfidf.Weights, groups []string, top int) error {
	names, rows := groupRows(groups)
	m := w.M
	var empty []string
	for _, g := range names {
		terms := false
		for _, r := range rows[g] {
			terms = terms || m.Counts.Indptr[r] < m.Counts.Indptr[r+1]
		}
		if !terms {
			empty = append(empty, g)
		}
	}
	if len(empty) > 0 {
		s.warn(pipeline.Warning{Stage: "keywords", Kind: "empty-group", Offset: -1, Message: fmt.Sprintf(
			"%d of %d groups have no term left after the vocabulary settings (stop words, --min-df, --max-df, --max-terms) and have no rows: %s",
			len(empty), len(names), kwFirstIDs(empty, 5))})
	}
	out, t, err := kwOpenTable(c, s, c.String("output-format"), "group", "docs", "rank", "term", "score", "count", "doc_freq", "example_doc", "example_sentence")
	if err != nil {
		return err
	}
	for _, g := range names {
		for r, sc := range w.TopGroup(rows[g], top) {
			if err = t.row(g, len(rows[g]), r+1, m.Terms[sc.Term], sc.Score, sc.Count, sc.Docs, m.DocIDs[sc.Doc], sc.Sent); err != nil {
				break
			}
		}
		if err != nil {
			break
		}
	}
	if err == nil {
		err = t.close()
	}
	return finish(out, err)
}

// ---- --export-matrix ----------------------------------------------------------

// kwExport writes the matrix folder. tokens.jsonl streams while documents
// are read; the rest is written after the matrix is built. All files are
// atomic and put in place together at the end.
type kwExport struct {
	dir   string
	files []*reports.AtomicFile
	tok   *bufio.Writer
	ids   map[string]bool
}

func newKWExport(dir string) (*kwExport, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, pipeline.Usagef("--export-matrix: %v", err)
	}
	e := &kwExport{dir: dir, ids: map[string]bool{}}
	f, err := e.create("tokens.jsonl")
	if err != nil {
		return nil, err
	}
	e.tok = bufio.NewWriterSize(f, 256<<10)
	return e, nil
}

func (e *kwExport) create(name string) (*reports.AtomicFile, error) {
	f, err := reports.CreateAtomic(filepath.Join(e.dir, name))
	if err != nil {
		return nil, err
	}
	e.files = append(e.files, f)
	return f, nil
}

func (e *kwExport) abort() {
	for _, f := range e.files {
		f.Abort()
	}
}

var errKWBadID = errors.New("a document id holds a line break, which docs.txt cannot represent")

func (e *kwExport) tokens(id string, terms []vocab.Term) error {
	if strings.ContainsAny(id, "\n\r") {
		return fmt.Errorf("--export-matrix: %q: %w", id, errKWBadID)
	}
	if e.ids[id] {
		return fmt.Errorf("--export-matrix: document id %q occurs twice; ids must be unique for the exported matrix", id)
	}
	e.ids[id] = true
	b, _ := json.Marshal(id)
	e.tok.WriteString(`{"id":`)
	e.tok.Write(b)
	e.tok.WriteString(`,"terms":[`)
	for i, t := range terms {
		if i > 0 {
			e.tok.WriteByte(',')
		}
		b, _ := json.Marshal(t.Text)
		e.tok.Write(b)
	}
	_, err := e.tok.WriteString("]}\n")
	return err
}

func (e *kwExport) finish(w *tfidf.Weights, vo vocab.Options, to tfidf.Options) error {
	if err := e.tok.Flush(); err != nil {
		return err
	}
	m := w.M
	write := func(name string, fn func(*bufio.Writer)) error {
		f, err := e.create(name)
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(f, 256<<10)
		fn(bw)
		return bw.Flush()
	}
	if err := write("docs.txt", func(b *bufio.Writer) {
		for _, id := range m.DocIDs {
			b.WriteString(id)
			b.WriteByte('\n')
		}
	}); err != nil {
		return err
	}
	if err := write("terms.txt", func(b *bufio.Writer) {
		for _, t := range m.Terms {
			b.WriteString(t)
			b.WriteByte('\n')
		}
	}); err != nil {
		return err
	}
	if err := write("idf.tsv", func(b *bufio.Writer) {
		fmt.Fprintf(b, "# techframe idf=%s n_docs=%d\n", to.IDF, len(m.DocIDs))
		for j, t := range m.Terms {
			fmt.Fprintf(b, "%s\t%d\t%s\n", t, m.DF[j], strconv.FormatFloat(w.IDF[j], 'g', 17, 64))
		}
	}); err != nil {
		return err
	}
	if err := write("tfidf.mtx", func(b *bufio.Writer) {
		x := w.W
		fmt.Fprintf(b, "%%%%MatrixMarket matrix coordinate real general\n%% techframe tf=%s idf=%s norm=%s\n%d %d %d\n", to.TF, to.IDF, to.Norm, x.Rows, x.Cols, x.NNZ())
		var buf []byte
		for i := 0; i < x.Rows; i++ {
			for p := x.Indptr[i]; p < x.Indptr[i+1]; p++ {
				buf = strconv.AppendInt(buf[:0], int64(i+1), 10)
				buf = append(buf, ' ')
				buf = strconv.AppendInt(buf, int64(x.Indices[p])+1, 10)
				buf = append(buf, ' ')
				buf = strconv.AppendFloat(buf, x.Data[p], 'g', 17, 64)
				buf = append(buf, '\n')
				b.Write(buf)
			}
		}
	}); err != nil {
		return err
	}
	dfValue := func(v float64, isMax bool) any {
		if isMax && v == 0 {
			return json.RawMessage("1.0") // a float: scikit-learn reads an int 1 as "one document"
		}
		if v >= 1 {
			return int(v)
		}
		return v
	}
	settings := map[string]any{
		"min_df": dfValue(vo.MinDF, false), "max_df": dfValue(vo.MaxDF, true),
		"smooth_idf": to.IDF == "smooth", "use_idf": to.IDF != "none", "sublinear_tf": to.TF == "sublinear",
		"norm": nil, "max_features": nil, "ngram_range": []int{vo.MinN, vo.MaxN}, "stem": vo.Stem,
		"stop_words": vo.StopWords, "keep_numbers": vo.KeepNumbers,
	}
	if to.Norm != "none" {
		settings["norm"] = to.Norm
	}
	if vo.MaxTerms > 0 {
		settings["max_features"] = vo.MaxTerms
	}
	js, _ := json.MarshalIndent(settings, "", "  ")
	if err := write("settings.json", func(b *bufio.Writer) { b.Write(js); b.WriteByte('\n') }); err != nil {
		return err
	}
	for _, f := range e.files {
		if err := f.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// groupFlag names the flag that chose the grouping field: --bin when it
// gave the field alone, else --group-by.
func groupFlag(c *cli.Context) string {
	if c.String("group-by") == "" && c.String("bin") != "" {
		return "--bin"
	}
	return "--group-by"
}
