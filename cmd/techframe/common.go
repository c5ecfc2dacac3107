package main

import (
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/techframe/techframe/lexicons"
	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/entities"
	"github.com/techframe/techframe/pipeline/evaluate"
	"github.com/techframe/techframe/pipeline/ingest"
	"github.com/techframe/techframe/pipeline/tokenize"
	"github.com/techframe/techframe/reports"
	"github.com/urfave/cli/v2"
)

// Flag categories shown in --help.
const (
	catInput    = "Input"
	catAnalysis = "Analysis"
	catOutput   = "Output"
	catRun      = "Run"
)

// inputFlags are shared by every command that reads a corpus.
func inputFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "format", Category: catInput, Usage: "input format: txt, md, html, jsonl, csv, tsv, lines (default: by file extension; for annotate, jsonl/tsv/csv name the output format)"},
		&cli.StringFlag{Name: "input-format", Category: catInput, Usage: "input format, in every command (same values as --format)"},
		&cli.StringFlag{Name: "text-field", Category: catInput, Value: "text", Usage: "JSONL key / CSV column holding the text (when not given, a file without \"text\" is read from sentence, body, content, full_text, article or document, with a warning)"},
		&cli.StringFlag{Name: "id-field", Category: catInput, Value: "id", Usage: "JSONL key / CSV column holding the document id (front-matter key for txt/md)"},
		&cli.BoolFlag{Name: "strict", Category: catInput, Usage: "treat every skipped or repaired record as a fatal error"},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Category: catRun, Value: runtime.NumCPU(), Usage: "parallel workers (output is identical for any value)"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Category: catRun, Usage: "do not print warnings (they are still counted)"},
	}
}

// tokenizeFlags select what the tokenizer adds for the commands that read
// its entities (annotate, analyze, kwic, sample, evaluate). Part-of-speech
// tags are written only by annotate, which adds posFlag: elsewhere --pos
// would only slow a run down.
func tokenizeFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "ner", Category: catAnalysis, Usage: "add prose's statistical PERSON/GPE/ORGANIZATION entities outside the gazetteer (slow)"},
		tokenizerFlag(),
	}
}

// posFlag asks annotate for part-of-speech tags.
func posFlag() cli.Flag {
	return &cli.BoolFlag{Name: "pos", Category: catAnalysis, Usage: "add part-of-speech tags to the tokens (about ten times slower than tokenizing)"}
}

// termTokenizeFlags are tokenizeFlags for the commands that count terms
// (keywords, keyness, collocations, topics): their terms use no entities,
// so --ner would only slow them down and is not offered.
func termTokenizeFlags() []cli.Flag { return []cli.Flag{tokenizerFlag()} }

func tokenizerFlag() cli.Flag {
	return &cli.StringFlag{Name: "tokenizer", Category: catAnalysis, Value: "default", Usage: "default, or whitespace for pre-tokenised input (one sentence per document)"}
}

// stageBuilder adds an annotation stage after tokenizing. Files of this
// package register builders in init (entities, framing, ...) together with
// their flags, so that annotate, analyze, sample and evaluate all get them.
type stageBuilder struct {
	order int
	flags []cli.Flag
	build func(c *cli.Context, s *session) (pipeline.Stage, error)
	// prepare, when set, is called before the tokenizer is built, to start
	// slow work that build will need (on another goroutine) so that it
	// overlaps the tokenizer's set-up.
	prepare func(c *cli.Context, s *session)
}

var stageBuilders []stageBuilder

func registerStage(b stageBuilder) {
	stageBuilders = append(stageBuilders, b)
	sort.SliceStable(stageBuilders, func(i, j int) bool { return stageBuilders[i].order < stageBuilders[j].order })
}

// annotationFlags are the flags of every registered annotation stage.
func annotationFlags() []cli.Flag {
	flags := tokenizeFlags()
	for _, b := range stageBuilders {
		flags = append(flags, b.flags...)
	}
	return flags
}

func concatFlags(groups ...[]cli.Flag) []cli.Flag {
	var out []cli.Flag
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// session is one command run: its environment, settings, warnings and the
// facts that go into the run manifest.
type session struct {
	env     *env
	started time.Time
	quiet   bool

	mu       sync.Mutex
	warnings map[string]int
	// warningList holds every warning, for the manifest's list of the
	// records skipped or repaired.
	warningList     []pipeline.Warning
	warningsDropped int
	// settings are the resolved options, recorded in manifests.
	settings map[string]any
	// results are figures about the output as a whole (topic coherence),
	// recorded in manifests apart from the settings.
	results map[string]any
	// lexicons: name -> SHA-256, recorded in manifests.
	lexicons map[string]string
	// timings: how long the parts of the run took, in run order, recorded
	// in manifests (annotateWith adds reading + annotating and the stages).
	timings []reports.Field
	// gold and exclude identify the gold file (evaluate, analyze --gold)
	// and sample's --exclude sheets, recorded in manifests.
	gold    *reports.ManifestFile
	exclude []reports.ManifestFile

	src    *ingest.Source
	runner *pipeline.Runner
	// formatIsOutput: --format named the output format (annotate).
	formatIsOutput bool
	// lexiconSet is loaded once per run and shared by the entities and
	// framing stages.
	lexiconSet *lexicons.Set
	// gazetteer is built by the entities stage and run by the framing
	// stage when both are on.
	gazetteer *entities.Gazetteer
	// prep, when set, is the lexicons and stages being built on another
	// goroutine while the tokenizer loads (prepareFramingStages).
	prep *stagePrep
}

func newSession(c *cli.Context) *session {
	return &session{
		env:      getEnv(c),
		started:  time.Now(),
		quiet:    c.Bool("quiet"),
		warnings: map[string]int{},
		settings: map[string]any{},
		lexicons: map[string]string{},
	}
}

// warn prints a warning (unless --quiet) and counts it.
func (s *session) warn(w pipeline.Warning) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.warnings[w.Stage+":"+w.Kind]++
	var dropped int
	s.warningList, dropped = reports.KeepWarnings(append(s.warningList, w))
	s.warningsDropped += dropped
	if !s.quiet {
		fmt.Fprintf(s.env.Stderr, "techframe: warning: %s\n", w)
	}
}

// Warnings returns warning counts by stage:kind.
func (s *session) Warnings() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.warnings))
	for k, v := range s.warnings {
		out[k] = v
	}
	return out
}

// manifest collects what the run records about itself: analyze's Manifest
// sheet and --manifest FILE are both written from it.
func (s *session) manifest() *reports.Manifest {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := &reports.Manifest{
		Version:   version,
		Args:      s.env.Args,
		Started:   s.started,
		GoVersion: runtime.Version(),
		Settings:  make(map[string]any, len(s.settings)),
		Lexicons:  make(map[string]string, len(s.lexicons)),
		Warnings:  make(map[string]int, len(s.warnings)),
		Timings:   append([]reports.Field(nil), s.timings...),
	}
	for k, v := range s.settings {
		m.Settings[k] = v
	}
	if len(s.results) > 0 {
		m.Results = make(map[string]any, len(s.results))
		for k, v := range s.results {
			m.Results[k] = v
		}
	}
	for k, v := range s.lexicons {
		m.Lexicons[k] = v
	}
	for k, v := range s.warnings {
		m.Warnings[k] = v
	}
	m.WarningList = append([]pipeline.Warning(nil), s.warningList...)
	m.WarningsDropped = s.warningsDropped
	if s.gold != nil {
		g := *s.gold
		m.Gold = &g
	}
	if s.exclude != nil {
		m.Exclude = append([]reports.ManifestFile{}, s.exclude...)
	}
	if s.src != nil {
		for _, in := range s.src.Inputs() {
			m.Inputs = append(m.Inputs, reports.ManifestInput{Path: in.Path, SHA256: in.SHA256, Format: in.Format, Bytes: in.Bytes, Documents: in.Documents})
		}
	}
	return m
}

// recordGold records the gold file scored, for the manifest.
func (s *session) recordGold(g *evaluate.Gold) {
	s.mu.Lock()
	s.gold = &reports.ManifestFile{Path: g.Path, SHA256: g.SHA256, Bytes: g.Bytes, Rows: g.DataRows()}
	s.mu.Unlock()
}

// recordExclude records sample's --exclude sheets (an empty list when
// there are none), for the manifest.
func (s *session) recordExclude(files []reports.ManifestFile) {
	s.mu.Lock()
	s.exclude = append([]reports.ManifestFile{}, files...)
	s.mu.Unlock()
}

// setting records a resolved option for the manifest.
func (s *session) setting(name string, v any) {
	s.mu.Lock()
	s.settings[name] = v
	s.mu.Unlock()
}

// result records a figure about the run's output as a whole, for the
// manifest's results.
func (s *session) result(name string, v any) {
	s.mu.Lock()
	if s.results == nil {
		s.results = map[string]any{}
	}
	s.results[name] = v
	s.mu.Unlock()
}

// openInputs resolves the input arguments: with none and a piped stdin, stdin
// is read; with none on a terminal it is a usage error.
func (s *session) openInputs(c *cli.Context, skip int) (*ingest.Source, error) {
	args := c.Args().Slice()[min(skip, c.NArg()):]
	if len(args) == 0 {
		if !s.env.StdinPiped {
			return nil, pipeline.Usagef("%s: no input given: name files or folders, or pipe text in (see techframe %s --help)", c.Command.Name, c.Command.Name)
		}
		args = []string{"-"}
	}
	// Without --text-field, ingest reads "text", or in a file without it a
	// common alternative (sentence, body, content, ...), with a warning.
	textField := ""
	if c.IsSet("text-field") {
		textField = c.String("text-field")
	}
	// Without --id-field, ids come from "id" where there is one and are
	// path:line elsewhere, silently; a chosen field that a file lacks is
	// a warning.
	idField := ""
	if c.IsSet("id-field") {
		idField = c.String("id-field")
	}
	formatFlag := "--format"
	if c.String("input-format") != "" {
		formatFlag = "--input-format"
	}
	opts := ingest.Options{
		Format:     s.inputFormat(c),
		FormatFlag: formatFlag,
		TextField:  textField,
		IDField:    idField,
		Strict:     c.Bool("strict"),
		Warn:       s.warn,
		Stdin:      s.env.Stdin,
	}
	if c.String("tokenizer") == "whitespace" && opts.Format == "" {
		// Plain text is one pre-tokenised document per line; JSONL, CSV
		// and TSV records stay records.
		opts.PlainAs = "lines"
	}
	for k, v := range map[string]any{"format": opts.Format, "text_field": c.String("text-field"), "id_field": c.String("id-field"), "strict": opts.Strict, "inputs": args} {
		s.setting(k, v)
	}
	src, err := ingest.Open(args, opts)
	if err != nil {
		return nil, err
	}
	if err := checkOutputs(c, src.Paths()); err != nil {
		return nil, err
	}
	s.src = src
	return src, nil
}

// inputFormat is --input-format, else --format unless the command took
// --format as its output format (annotate --format tsv).
func (s *session) inputFormat(c *cli.Context) string {
	if f := c.String("input-format"); f != "" {
		return f
	}
	if s.formatIsOutput {
		return ""
	}
	return c.String("format")
}

// annotationStages builds the tokenizer and, unless tokensOnly, every
// registered stage.
func (s *session) annotationStages(c *cli.Context, tokensOnly bool) ([]pipeline.Stage, error) {
	mode := c.String("tokenizer")
	if mode != "default" && mode != "whitespace" {
		return nil, pipeline.Usagef("--tokenizer must be default or whitespace, not %q", mode)
	}
	if !tokensOnly {
		for _, b := range stageBuilders {
			if b.prepare != nil {
				b.prepare(c, s)
			}
		}
	}
	opts := tokenize.Options{POS: c.Bool("pos"), NER: c.Bool("ner"), Whitespace: mode == "whitespace"}
	s.setting("pos", opts.POS)
	s.setting("ner", opts.NER)
	s.setting("tokenizer", mode)
	tok, err := tokenize.New(opts)
	if err != nil {
		return nil, err
	}
	stages := []pipeline.Stage{tok}
	if tokensOnly {
		// The entities and framing stages do not run (kwic with a word
		// pattern), but --lexicon and --framing-model files named on the
		// command line are still checked, as with --no-entities
		// --no-framing: a bad or missing one is a configuration error
		// (exit 2) before any input is read, whatever the command goes on
		// to do.
		if err := checkLexiconsOnly(c, s); err != nil {
			return stages, err
		}
		return stages, checkModelOnly(c, s)
	}
	for _, b := range stageBuilders {
		st, err := b.build(c, s)
		if err != nil {
			return nil, err
		}
		if st != nil {
			stages = append(stages, st)
		}
	}
	return stages, nil
}

// errNoDocuments is returned when the inputs held no usable document.
var errNoDocuments = errors.New("no documents were read from the inputs")

// annotateOpts varies what session.annotateWith runs.
type annotateOpts struct {
	// skipArgs leading positional arguments are not inputs (kwic PATTERN,
	// collocations NODE).
	skipArgs int
	// tokensOnly runs only the tokenizer: term statistics need no entities
	// or frames and skip their cost.
	tokensOnly bool
	// extra stages run after the annotation stages, on the workers.
	extra []pipeline.Stage
}

// annotate reads the inputs, runs every annotation stage over --jobs
// workers and calls sink for each document in input order.
func (s *session) annotate(c *cli.Context, sink func(*pipeline.Document) error) (int, error) {
	return s.annotateWith(c, annotateOpts{}, sink)
}

// maxJobs bounds --jobs: each worker holds a document's annotations, and a
// mistyped count (1e8) would exhaust memory before any work.
const maxJobs = 1024

// annotateWith is annotate with options. Stages are built (lexicons
// validated) before any input is opened, so configuration errors come first.
func (s *session) annotateWith(c *cli.Context, o annotateOpts, sink func(*pipeline.Document) error) (int, error) {
	t0 := time.Now() // stages are built in the timing, as they load lexicons and models
	jobs := c.Int("jobs")
	if jobs < 1 || jobs > maxJobs {
		return 0, pipeline.Usagef("--jobs must be between 1 and %d, not %d", maxJobs, jobs)
	}
	s.setting("jobs", jobs)
	stages, err := s.annotationStages(c, o.tokensOnly)
	if err != nil {
		return 0, err
	}
	stages = append(stages, o.extra...)
	src, err := s.openInputs(c, o.skipArgs)
	if err != nil {
		return 0, err
	}
	strict := c.Bool("strict")
	s.runner = &pipeline.Runner{Stages: stages, Jobs: jobs, OnError: func(d *pipeline.Document, err error) error {
		// One document a stage cannot handle is skipped with a warning
		// (fatal with --strict), like a malformed input record.
		w := pipeline.Warning{Stage: "annotate", Path: d.Source, Line: d.Line, Offset: -1, Kind: "stage-error",
			Message: fmt.Sprintf("document %s skipped: %v", d.ID, err)}
		var pe *pipeline.PosError
		if errors.As(err, &pe) {
			w.Stage = pe.Stage
			w.Message = fmt.Sprintf("document %s skipped: %v", d.ID, pe.Err)
		}
		if strict {
			return &pipeline.StrictError{Warning: w}
		}
		s.warn(w)
		return nil
	}}
	n := 0
	err = s.runner.Run(c.Context, src, func(d *pipeline.Document) error {
		n++
		return sink(d)
	})
	if err != nil {
		return n, err
	}
	s.timings = append(s.timings, reports.Field{Name: "read + annotate (wall)", Value: time.Since(t0)})
	for _, t := range s.runner.Timings() {
		s.timings = append(s.timings, reports.Field{Name: "stage " + t.Stage + " (busy, all workers)", Value: t.Duration})
	}
	if n == 0 {
		if len(s.Warnings()) > 0 {
			return 0, fmt.Errorf("%w (see the warnings above)", errNoDocuments)
		}
		return 0, fmt.Errorf("%w: the inputs hold no files of a readable format, or only empty ones", errNoDocuments)
	}
	return n, nil
}

// closeWith finishes an output: on success commit, on failure abort and keep
// the original error.
type committer interface {
	Commit() error
	Abort()
}

func finish(out committer, err error) error {
	if err != nil {
		out.Abort()
		return err
	}
	return out.Commit()
}

// reportFormatFlags are the flags of evaluate and agree, whose stdout is a
// report for a person (text) or a program (json): -t/--output-format, the
// name every command gives the format of what it writes, and the hidden old
// name --format-out, kept so that existing scripts still run. The format of
// their -o file follows the file's name (.xlsx, .csv, ...), as before.
func reportFormatFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "output-format", Aliases: []string{"t"}, Category: catOutput, Value: "text", Usage: "stdout report: text or json (the -o file's format follows its name)"},
		&cli.StringFlag{Name: "format-out", Hidden: true, Usage: "old name of --output-format"},
	}
}

// reportFormat resolves the reportFormatFlags of command cmd: text or
// json, else a usage error naming the flag as it was given.
func reportFormat(c *cli.Context, cmd string) (string, error) {
	format, flag := c.String("output-format"), "-t/--output-format"
	if c.IsSet("format-out") {
		old := c.String("format-out")
		if c.IsSet("output-format") && old != format {
			return "", pipeline.Usagef("%s: --format-out %s and --output-format %s disagree; give only --output-format (--format-out is its old name)", cmd, old, format)
		}
		format, flag = old, "--format-out"
	}
	if format != "text" && format != "json" {
		return "", pipeline.Usagef("%s: %s must be text or json, not %q (it sets the report on stdout; the -o file's format follows its name)", cmd, flag, format)
	}
	return format, nil
}
