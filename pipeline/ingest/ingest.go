// Package ingest turns command-line inputs (files, folders, globs, stdin) in
// any supported format into a stream of pipeline.Documents.
//
// API CONTRACT (kept stable for cmd/techframe; the implementation is being written):
//
//	src, err := ingest.Open(args, ingest.Options{...})   // usage errors (bad --format) -> pipeline.ErrUsage
//	for { doc, err := src.Next(ctx); if err == io.EOF { break } ... }
//	src.Inputs()   // per input: path, format, SHA-256, bytes, documents
//	src.Warnings() // counts by Warning.Kind
package ingest

import (
	"context"
	"io"

	"github.com/techframe/techframe/pipeline"
)

// Options configures reading.
type Options struct {
	// Format forces a format: txt, md, html, jsonl, csv, tsv, lines. Empty
	// means by extension (unknown extensions are read as text).
	Format string
	// TextField and IDField name the text and id columns/keys of JSONL and
	// CSV/TSV records (defaults "text" and "id").
	TextField, IDField string
	// Strict makes every warning fatal (a *pipeline.StrictError).
	Strict bool
	// Warn receives every warning as it happens (may be nil).
	Warn func(pipeline.Warning)
	// Stdin is read for the argument "-".
	Stdin io.Reader
}

// InputInfo describes one input file for the run manifest.
type InputInfo struct {
	Path      string `json:"path"`
	Format    string `json:"format"`
	SHA256    string `json:"sha256"`
	Bytes     int64  `json:"bytes"`
	Documents int    `json:"documents"`
}

// Source reads documents from the inputs in order.
type Source struct {
	args []string
	opts Options
}

// Open validates the options and expands the arguments. It does not read
// file contents yet.
func Open(args []string, opts Options) (*Source, error) {
	return &Source{args: args, opts: opts}, nil
}

// Next returns the next document or io.EOF.
func (s *Source) Next(ctx context.Context) (*pipeline.Document, error) {
	return nil, io.EOF
}

// Inputs reports every input read so far (complete after io.EOF).
func (s *Source) Inputs() []InputInfo { return nil }

// Warnings returns the number of warnings per kind so far.
func (s *Source) Warnings() map[string]int { return nil }
