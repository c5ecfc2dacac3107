// Package tokenize splits documents into sentences and tokens with byte
// offsets into the original text. It is the only package that imports prose.
//
// API CONTRACT (kept stable for cmd/techframe; the implementation is being written):
//
//	tok, err := tokenize.New(tokenize.Options{POS: true})  // model loaded once; panics become errors
//	runner.Stages = append(runner.Stages, tok)             // tok.Process(doc) fills doc.Sentences, doc.Tokens
package tokenize

import "github.com/techframe/techframe/pipeline"

// Options selects what the tokenizer adds.
type Options struct {
	// POS adds Penn Treebank part-of-speech tags to tokens.
	POS bool
	// NER adds prose's statistical entities (PERSON, GPE, ORGANIZATION) to
	// doc.Entities with Source "ner".
	NER bool
	// Whitespace splits on whitespace only and treats each document as one
	// sentence (for pre-tokenised input such as --format lines).
	Whitespace bool
}

// Tokenizer is a pipeline.Stage. Safe for concurrent use by the runner.
type Tokenizer struct{ opts Options }

// New builds a tokenizer, loading prose's models once when POS or NER is on.
func New(opts Options) (*Tokenizer, error) { return &Tokenizer{opts: opts}, nil }

// Name implements pipeline.Stage.
func (t *Tokenizer) Name() string { return "tokenize" }

// Process fills doc.Sentences and doc.Tokens (and NER entities if enabled).
func (t *Tokenizer) Process(doc *pipeline.Document) error { return nil }
