package pipeline

import (
	"errors"
	"fmt"
)

// Exit codes shared by every command. cmd/techframe is the only place that
// turns an error into one of these.
const (
	ExitOK          = 0
	ExitFailure     = 1
	ExitUsage       = 2
	ExitInterrupted = 130
)

// ErrUsage marks usage and configuration errors (exit 2). Wrap it:
// fmt.Errorf("%w: --k must be positive", pipeline.ErrUsage), or use Usagef.
var ErrUsage = errors.New("usage")

// usageError carries a message and unwraps to ErrUsage.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }
func (e *usageError) Unwrap() error { return ErrUsage }

// Usagef returns a usage/configuration error (exit code 2).
func Usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// PosError is a problem at a position in an input: a file and line, or a
// file and byte offset. It prints as "<stage>: <path>:<line>: <message>".
type PosError struct {
	Stage  string
	Path   string
	Line   int   // 1-based line; 0 if unknown
	Offset int64 // byte offset when Line is not meaningful; -1 if unknown
	Err    error
}

// place formats a position: path:line, path:byte N, or the path alone
// ("" for none). Without a path a line or offset locates nothing: a warning
// built with its position fields left at zero has no place (it printed as
// ":byte 0").
func place(path string, line int, offset int64) string {
	switch {
	case path == "":
		return ""
	case line > 0:
		return fmt.Sprintf("%s:%d", path, line)
	case offset >= 0:
		return fmt.Sprintf("%s:byte %d", path, offset)
	}
	return path
}

func (e *PosError) Error() string {
	loc := place(e.Path, e.Line, e.Offset)
	if loc == "" {
		return fmt.Sprintf("%s: %v", e.Stage, e.Err)
	}
	if e.Stage == "" {
		return fmt.Sprintf("%s: %v", loc, e.Err)
	}
	return fmt.Sprintf("%s: %s: %v", e.Stage, loc, e.Err)
}

func (e *PosError) Unwrap() error { return e.Err }

// Warning is a recoverable problem: the record was skipped or repaired and
// the run goes on. Warnings are printed on stderr one per line and counted
// in the run manifest.
type Warning struct {
	Stage  string
	Path   string
	Line   int
	Offset int64
	// Kind is a short stable reason used for counting ("malformed-json",
	// "invalid-utf8", "duplicate-id", "empty-document", ...).
	Kind    string
	Message string
}

// Place is where the warning points: path:line, path:byte N, or the path
// alone ("" for none).
func (w Warning) Place() string { return place(w.Path, w.Line, w.Offset) }

func (w Warning) String() string {
	e := PosError{Stage: w.Stage, Path: w.Path, Line: w.Line, Offset: w.Offset, Err: errors.New(w.Message)}
	return e.Error()
}

// StrictError is returned when --strict turns a warning into a failure.
type StrictError struct{ Warning Warning }

func (e *StrictError) Error() string { return e.Warning.String() + " (--strict)" }
