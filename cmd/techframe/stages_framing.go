package main

import (
	"fmt"

	"github.com/techframe/techframe/lexicons"
	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/entities"
	"github.com/techframe/techframe/pipeline/framing"
	"github.com/urfave/cli/v2"
)

// lexiconFlags are shared by the entities and framing stages; they are
// registered once, with the entities stage.
func lexiconFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "lexicon", Category: catAnalysis, Usage: "extra lexicon `FILE` or folder of *.tsv files (repeatable); extends the built-in lexicons (see techframe lexicons)"},
		&cli.BoolFlag{Name: "lexicon-replace", Category: catAnalysis, Usage: "use only the --lexicon files, not the built-in lexicons"},
		&cli.BoolFlag{Name: "no-entities", Category: catAnalysis, Usage: "do not tag gazetteer entities (framing then cannot see actors)"},
		&cli.BoolFlag{Name: "no-framing", Category: catAnalysis, Usage: "do not label sentences cooperation/competition/both/neutral"},
	}
}

// sessionLexicons loads and validates the lexicons once per session (both
// stages share them). Errors are usage errors (exit 2), reported before any
// text is read because stages are built before the inputs are opened.
func sessionLexicons(c *cli.Context, s *session) (*lexicons.Set, error) {
	if s.lexiconSet != nil {
		return s.lexiconSet, nil
	}
	paths := c.StringSlice("lexicon")
	replace := c.Bool("lexicon-replace")
	if replace && len(paths) == 0 {
		return nil, pipeline.Usagef("--lexicon-replace needs at least one --lexicon FILE")
	}
	var set *lexicons.Set
	var err error
	var skipped []lexicons.Problem
	if p := s.prep; p != nil {
		<-p.done
		set, err, skipped = p.set, p.err, p.skipped
	} else {
		set, err = lexicons.LoadWarn(paths, replace, func(p lexicons.Problem) { skipped = append(skipped, p) })
	}
	for _, p := range skipped {
		s.warn(pipeline.Warning{Stage: "lexicon", Path: p.File, Offset: -1, Kind: "skipped-file", Message: p.Msg})
	}
	if err != nil {
		return nil, err
	}
	s.lexiconSet = set
	s.mu.Lock()
	for name, sum := range set.SHA256s() {
		s.lexicons[name] = sum
	}
	s.mu.Unlock()
	s.setting("lexicon", paths)
	s.setting("lexicon_replace", replace)
	return set, nil
}

// warnNoLexicon warns when --lexicon-replace leaves a running stage
// without a lexicon of its kind: the run would silently find nothing.
func warnNoLexicon(c *cli.Context, s *session, set *lexicons.Set, kind lexicons.Kind, stage, consequence string) {
	if !c.Bool("lexicon-replace") {
		return
	}
	for _, f := range set.Files {
		if f.Kind == kind {
			return
		}
	}
	s.warn(pipeline.Warning{Stage: stage, Offset: -1, Kind: "no-lexicon",
		Message: fmt.Sprintf("--lexicon-replace: no %s lexicon among the --lexicon files: %s", kind, consequence)})
}

// checkLexiconsOnly is what a switched-off stage does with the lexicons:
// nothing, unless the user named lexicon files, which are still checked
// (a malformed file is an error whatever stages run). The built-in
// lexicons are not loaded for a run that uses neither stage.
func checkLexiconsOnly(c *cli.Context, s *session) error {
	if len(c.StringSlice("lexicon")) == 0 && !c.Bool("lexicon-replace") {
		return nil
	}
	_, err := sessionLexicons(c, s)
	return err
}

// checkModelOnly is what a run without the framing stage does with
// --framing-model (--no-framing, or kwic with a word pattern): the file is
// still read and checked, since a missing or malformed model is a
// configuration error (exit 2) whatever stages run, and a warning says that
// it is not used.
func checkModelOnly(c *cli.Context, s *session) error {
	path := c.String("framing-model")
	if path == "" {
		return nil
	}
	if _, err := framing.LoadModel(path); err != nil {
		return err
	}
	s.warn(pipeline.Warning{Stage: "framing", Offset: -1, Kind: "unused-model",
		Message: fmt.Sprintf("--framing-model %s: the framing stage does not run, so the model is not used", path)})
	return nil
}

// The stages register during package variable initialisation, which runs
// before every init function: the commands build their flag lists in init
// (annotate.go sorts before this file), and must see these flags.
var _ = registerFramingStages()

func registerFramingStages() bool {
	registerStage(stageBuilder{
		order:   10,
		flags:   lexiconFlags(),
		prepare: prepareFramingStages,
		build: func(c *cli.Context, s *session) (pipeline.Stage, error) {
			s.setting("entities", !c.Bool("no-entities"))
			if c.Bool("no-entities") {
				return nil, checkLexiconsOnly(c, s)
			}
			set, err := sessionLexicons(c, s)
			if err != nil {
				return nil, err
			}
			warnNoLexicon(c, s, set, lexicons.KindEntities, "entities", "no entity will be tagged")
			g := s.prep.gazetteer()
			if g == nil {
				g = entities.New(set)
			}
			if !c.Bool("no-framing") {
				// The framing stage runs the gazetteer itself, sentence by
				// sentence in the same pass (framing.Tagger.Gazetteer).
				s.gazetteer = g
				return nil, nil
			}
			return g, nil
		},
	})
	registerStage(stageBuilder{
		order: 20,
		flags: []cli.Flag{
			&cli.StringFlag{Name: "framing-model", Category: catAnalysis, Usage: "learned combiner `FILE` for the framing labels (made by techframe framing train; default: the built-in model)"},
			&cli.BoolFlag{Name: "framing-rule", Category: catAnalysis, Usage: "label frames with the old hand-set threshold rule instead of the learned combiner"},
		},
		build: func(c *cli.Context, s *session) (pipeline.Stage, error) {
			s.setting("framing", !c.Bool("no-framing"))
			if c.Bool("no-framing") {
				if err := checkLexiconsOnly(c, s); err != nil {
					return nil, err
				}
				return nil, checkModelOnly(c, s)
			}
			set, err := sessionLexicons(c, s)
			if err != nil {
				return nil, err
			}
			warnNoLexicon(c, s, set, lexicons.KindFraming, "framing", "every sentence will be neutral")
			m, err := sessionFramingModel(c, s)
			if err != nil {
				return nil, err
			}
			t := s.prep.tagger(m)
			if t == nil {
				t = framing.New(set, framing.Options{Model: m})
			}
			t.Gazetteer = s.gazetteer
			return t, nil
		},
	})
	return true
}

// stagePrep is the set-up of the entities and framing stages (lexicons
// loaded, gazetteer and tagger compiled, built-in model parsed: some 30 ms)
// done on other goroutines while the tokenizer loads. The builders wait
// for it and take its results; errors are reported by them, as without it.
type stagePrep struct {
	done chan struct{}
	set  *lexicons.Set
	err  error
	// skipped are the files of lexicon folders not read, for the builders
	// to warn about.
	skipped []lexicons.Problem
	gaz     *entities.Gazetteer
	tag     *framing.Tagger
	// model is the model tag was compiled with.
	model *framing.Model
}

// prepareFramingStages starts the set-up of the entities and framing
// stages when both run, with the built-in lexicons and model or extra
// lexicon files. Other settings are left to the builders.
func prepareFramingStages(c *cli.Context, s *session) {
	if c.Bool("no-entities") || c.Bool("no-framing") || c.Bool("framing-rule") || c.String("framing-model") != "" {
		return
	}
	paths := c.StringSlice("lexicon")
	replace := c.Bool("lexicon-replace")
	if replace && len(paths) == 0 {
		return // a usage error, reported by the builder
	}
	p := &stagePrep{done: make(chan struct{})}
	s.prep = p
	// The model on its own goroutine: its JSON is the largest part.
	go framing.DefaultModel() // errors are reported by the builder
	go func() {
		defer close(p.done)
		p.set, p.err = lexicons.LoadWarn(paths, replace, func(w lexicons.Problem) { p.skipped = append(p.skipped, w) })
		if p.err != nil {
			return
		}
		// The gazetteer and the tagger compile independently: by now the
		// tokenizer is usually built, so a core is free for one of them.
		gazDone := make(chan struct{})
		go func() {
			defer close(gazDone)
			p.gaz = entities.New(p.set)
		}()
		if m, err := framing.DefaultModel(); err == nil {
			p.model = m
			p.tag = framing.New(p.set, framing.Options{Model: m})
		}
		<-gazDone
	}()
}

// gazetteer returns the prepared gazetteer, or nil.
func (p *stagePrep) gazetteer() *entities.Gazetteer {
	if p == nil {
		return nil
	}
	<-p.done
	return p.gaz
}

// tagger returns the prepared tagger if it was compiled with model m, or
// nil.
func (p *stagePrep) tagger(m *framing.Model) *framing.Tagger {
	if p == nil {
		return nil
	}
	<-p.done
	if p.tag == nil || p.model != m {
		return nil
	}
	return p.tag
}

// sessionFramingModel resolves the combiner of the framing stage: the
// built-in model, --framing-model FILE, or the hand-set rule with
// --framing-rule. The model's name and SHA-256 go to the manifest with the
// lexicons.
func sessionFramingModel(c *cli.Context, s *session) (*framing.Model, error) {
	path := c.String("framing-model")
	if c.Bool("framing-rule") {
		if path != "" {
			return nil, pipeline.Usagef("--framing-rule and --framing-model cannot be used together")
		}
		s.setting("framing_combiner", "rule")
		return nil, nil
	}
	var m *framing.Model
	var err error
	if path == "" {
		m, err = framing.DefaultModel()
	} else {
		m, err = framing.LoadModel(path)
	}
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.lexicons[m.Name] = m.SHA256
	s.mu.Unlock()
	s.setting("framing_combiner", m.Name)
	return m, nil
}
