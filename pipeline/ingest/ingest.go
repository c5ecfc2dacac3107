// Package ingest turns command-line inputs (files, folders, globs, stdin) in
// any supported format into a stream of pipeline.Documents.
//
//	src, err := ingest.Open(args, ingest.Options{...})   // usage errors (bad --format) -> pipeline.ErrUsage
//	for { doc, err := src.Next(ctx); if err == io.EOF { break } ... }
//	src.Inputs()   // per input: path, format, SHA-256, bytes, documents
//	src.Warnings() // counts by Warning.Kind
//
// Arguments are files, folders (walked recursively in lexical order, hidden
// entries and entries listed in a folder's .techframeignore skipped), glob
// patterns, or "-" for Options.Stdin. Every problem with an input or a record
// becomes one pipeline.Warning (Stage "ingest") naming its position; the
// record is skipped or repaired and counted. With Options.Strict the first
// warning is returned as a *pipeline.StrictError instead.
//
// Formats (by extension, or forced with Options.Format):
//
//	txt       whole file is one document (also unknown extensions, unless binary)
//	md        Markdown with its markup and code blocks removed; table cells kept;
//	          headings, list items, block quotes and footnotes kept apart as paragraphs;
//	          character references decoded (cleanMarkdown)
//	html      the article's visible text, page furniture left out (extractHTML;
//	          a page left with no text is read whole, with a warning);
//	          <title> (and author/date/description/keywords <meta>) as metadata
//	jsonl     one JSON object per line
//	csv, tsv  header row, one record per row
//	lines     each non-empty line one document (pre-tokenised input); a line
//	          ends in LF, CRLF or a bare CR (old Mac files)
//
// txt and md files may begin with a front-matter block between two "---"
// lines of "key: value" pairs; the values become metadata (always strings).
//
// Metadata values are strings, bools, nil (JSON null) or json.Number: JSON
// numbers keep their spelling as written (1790 stays "1790", 1e3 stays
// "1e3"); json.Number is a fmt.Stringer, so pipeline.MetaString renders it
// exactly, and its Float64 method gives the number.
//
// A txt document's text is the file's bytes, CRLF line ends included, so
// that every offset is a byte offset into the file: a UTF-8 byte-order mark
// (which the decoder drops) is held by three spaces, and with front matter
// the text is the body after the closing "---" line (offsets count from
// there). A UTF-16 file (with a byte-order mark) is decoded, and a file
// that is not valid UTF-8 is read as Windows-1252 (an HTML page with the
// charset it declares; warned once per file): the text of either is not the
// file's bytes, so its documents are Converted. md and html are
// rewritten as plain text (md with LF line ends), and offsets count in that
// text. Record formats (jsonl, csv, tsv, lines) are streamed, holding one
// record in memory at a time, with no limit on record length; offsets count
// in the record's text field.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/techframe/techframe/pipeline"
)

// Options configures reading.
type Options struct {
	// Format forces a format: txt, md, html, jsonl, csv, tsv, lines. Empty
	// means by extension (unknown extensions are read as text). For stdin
	// without a Format the first non-blank byte decides: '{' jsonl, '<'
	// html, anything else txt.
	Format string
	// FormatFlag is the flag that gave Format, named in the error for an
	// unknown one ("--input-format"); empty means "--format".
	FormatFlag string
	// PlainAs, when set, is the format of the inputs that Format leaves to
	// their extension and that would be read as plain text (.txt, unknown
	// extensions, stdin that is not JSONL or HTML): "lines" for
	// pre-tokenised text, one document per line. JSONL, CSV, TSV, Markdown
	// and HTML files keep their format.
	PlainAs string
	// TextField and IDField name the text and id columns/keys of JSONL and
	// CSV/TSV records (defaults "text" and "id"). IDField is also the
	// front-matter key that sets a txt/md document's ID.
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

// Warning kinds produced by this package (pipeline.Warning.Kind).
const (
	KindMissingInput   = "missing-input"    // a broken symbolic link in a walked folder (a named input that does not exist is an *InputError)
	KindEmptyGlob      = "empty-glob"       // a glob pattern that matched nothing
	KindUnreadable     = "unreadable"       // a path that exists but cannot be read
	KindBinary         = "binary-file"      // NUL bytes in the first 8 KiB: skipped
	KindInvalidUTF8    = "invalid-utf8"     // bytes that are not UTF-8: read as Windows-1252, or an HTML page's declared charset (once per file)
	KindMalformedJSON  = "malformed-json"   // a JSONL line that is not one JSON object
	KindMalformedCSV   = "malformed-csv"    // a CSV/TSV row that cannot be parsed or has the wrong field count
	KindMissingText    = "missing-text"     // no text column (per file) or no text key (per record)
	KindUnparsedFormat = "unparsed-format"  // a .json, .xml or .rtf file, read as plain text
	KindTextFallback   = "text-fallback"    // no "text" key or column: the text read from another common name (once per file)
	KindMissingID      = "missing-id"       // the chosen id field is not a column (once per file) or a record lacks it (once per file): path:line ids
	KindBadText        = "bad-text-field"   // a text value that is an object or array (skipped), a number or true/false (read)
	KindNonScalar      = "non-scalar-field" // a nested field skipped (once per file and field)
	KindEmptyDocument  = "empty-document"   // a document whose text is blank: skipped
	KindFurnitureOnly  = "furniture-only"   // an HTML page whose text is all page furniture: read whole instead of skipped
	KindDuplicateID    = "duplicate-id"     // an ID seen before: made unique with #2, #3, ...
	KindFrontMatter    = "front-matter"     // a front-matter line that is not key: value, or no closing ---
	KindIgnoreFile     = "ignore-file"      // a bad pattern in a .techframeignore
	KindSkippedSymlink = "skipped-symlink"  // a symbolic link to a folder inside a walked folder
)

// IgnoreFileName is the per-folder file listing glob patterns to skip.
const IgnoreFileName = ".techframeignore"

// binarySniff is how many leading bytes are checked for NUL.
const binarySniff = 8 << 10

// openFile opens an input; tests replace it to simulate unreadable files.
var openFile = func(name string) (io.ReadCloser, error) { return os.Open(name) }

// Source reads documents from the inputs in order. It is not safe for
// concurrent use (pipeline.Runner calls Next from one goroutine).
type Source struct {
	opts Options
	// guessText is set when no text field was chosen: a JSONL or CSV/TSV
	// file without a "text" key or column is then read from the first of
	// textFallbacks it has, with a warning.
	guessText bool
	// chosenID is set when Options.IDField was given: a JSONL or CSV/TSV
	// file without it is warned about (once per file).
	chosenID bool
	inputs   []input
	next     int // index of the next input to open

	cur    *openInput // input being read, nil between inputs
	infos  []InputInfo
	counts map[string]int
	ids    map[string]int // ID -> highest #n suffix handed out for it
	err    error          // sticky fatal error (strict)
}

// input is one file to read, resolved from the arguments.
type input struct {
	path   string // path to open and to report (Document.Source); "-" for stdin
	idBase string // ID of a whole-file document; prefix of path:line IDs
	stdin  bool
}

// openInput is the input being read.
type openInput struct {
	in     input
	rc     io.Closer // nil for stdin
	raw    io.Reader // counted, hashed bytes
	hash   hash.Hash
	count  *countWriter
	info   int // index into Source.infos
	dec    *decoded
	reader docReader
}

// docReader yields one file's documents; io.EOF at the end.
type docReader interface {
	next() (*pipeline.Document, error)
}

// Open validates the options and expands the arguments. It does not read
// file contents yet. A bad Format or glob pattern is a usage error; a named
// input that is missing or cannot be opened is an *InputError; a glob that
// matches nothing is a warning (with Strict, a *pipeline.StrictError).
func Open(args []string, opts Options) (*Source, error) {
	if opts.Format != "" {
		f, ok := canonicalFormat(opts.Format)
		if !ok {
			flag := opts.FormatFlag
			if flag == "" {
				flag = "--format"
			}
			hint := ""
			switch strings.ToLower(strings.TrimSpace(opts.Format)) {
			case "pdf", "doc", "docx", "odt":
				hint = " (PDF and word-processor files are not read: save their text as .txt first, e.g. with pdftotext)"
			}
			return nil, pipeline.Usagef("unknown %s %q: use txt, md, html, jsonl, csv, tsv or lines%s", flag, opts.Format, hint)
		}
		opts.Format = f
	}
	guessText := opts.TextField == ""
	if guessText {
		opts.TextField = "text"
	}
	chosenID := opts.IDField != ""
	if !chosenID {
		opts.IDField = "id"
	}
	if opts.TextField == opts.IDField {
		return nil, pipeline.Usagef("the text field and the id field are both %q", opts.TextField)
	}
	s := &Source{opts: opts, guessText: guessText, chosenID: chosenID, counts: map[string]int{}, ids: map[string]int{}}
	if err := s.expand(args); err != nil {
		return nil, err
	}
	return s, nil
}

// Next returns the next document or io.EOF. With Strict the first warning
// is returned as a *pipeline.StrictError, and again on every later call.
func (s *Source) Next(ctx context.Context) (*pipeline.Document, error) {
	for {
		if s.err != nil {
			return nil, s.err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if s.cur == nil {
			if s.next >= len(s.inputs) {
				return nil, io.EOF
			}
			in := s.inputs[s.next]
			s.next++
			if err := s.openNext(in); err != nil {
				return nil, err
			}
			continue
		}
		doc, err := s.cur.reader.next()
		if err == io.EOF {
			if err := s.closeCur(); err != nil {
				return nil, err
			}
			continue
		}
		if err != nil {
			var se *pipeline.StrictError
			if errors.As(err, &se) {
				s.err = se
				return nil, se
			}
			// A read error in the middle of a file: report it and move on.
			if werr := s.warn(pipeline.Warning{Path: s.cur.in.path, Offset: s.cur.count.n, Kind: KindUnreadable,
				Message: fmt.Sprintf("read error after %d bytes, rest of file skipped: %v", s.cur.count.n, err)}); werr != nil {
				return nil, werr
			}
			if err := s.closeCur(); err != nil {
				return nil, err
			}
			continue
		}
		if strings.TrimSpace(doc.Text) == "" {
			if err := s.warn(pipeline.Warning{Path: doc.Source, Line: doc.Line, Offset: -1, Kind: KindEmptyDocument,
				Message: fmt.Sprintf("document %q has no text: skipped", doc.ID)}); err != nil {
				return nil, err
			}
			continue
		}
		if s.cur.dec.recoded() || s.cur.dec.utf16() {
			// A record of a UTF-16 file, or read once a byte that was not
			// UTF-8 has been met, carries its text: the user's copy of the
			// file does not hold it as UTF-8.
			doc.Converted = true
		}
		if err := s.uniqueID(doc); err != nil {
			return nil, err
		}
		s.infos[s.cur.info].Documents++
		return doc, nil
	}
}

// Paths returns the files that Open found (folders walked, globs
// expanded), in reading order; stdin is left out.
func (s *Source) Paths() []string {
	var out []string
	for _, in := range s.inputs {
		if !in.stdin {
			out = append(out, in.path)
		}
	}
	return out
}

// Resolve returns the files that Open would find for args (folders walked,
// globs expanded, stdin left out) without reading them and without a
// warning, so that a command can refuse an output that would replace one
// of them before the run starts. An argument that cannot be resolved is
// left out: Open reports it.
func Resolve(args []string) []string {
	s := &Source{counts: map[string]int{}, ids: map[string]int{}}
	_ = s.expand(args)
	return s.Paths()
}

// Inputs reports every input read so far (complete after io.EOF).
func (s *Source) Inputs() []InputInfo {
	out := make([]InputInfo, len(s.infos))
	copy(out, s.infos)
	return out
}

// Warnings returns the number of warnings per kind so far.
func (s *Source) Warnings() map[string]int {
	out := make(map[string]int, len(s.counts))
	for k, v := range s.counts {
		out[k] = v
	}
	return out
}

// warn counts and reports a warning; with Strict it returns the fatal
// error (and remembers it).
func (s *Source) warn(w pipeline.Warning) error {
	w.Stage = "ingest"
	s.counts[w.Kind]++
	if s.opts.Strict {
		// The error says it all: not printed once as a warning and again
		// as the failure.
		if s.err == nil {
			s.err = &pipeline.StrictError{Warning: w}
		}
		return s.err
	}
	if s.opts.Warn != nil {
		s.opts.Warn(w)
	}
	return nil
}

// uniqueID makes doc.ID unique across the run by appending #2, #3, ...
func (s *Source) uniqueID(doc *pipeline.Document) error {
	n, seen := s.ids[doc.ID]
	if !seen {
		s.ids[doc.ID] = 1
		return nil
	}
	orig := doc.ID
	for {
		n++
		cand := fmt.Sprintf("%s#%d", orig, n)
		if _, taken := s.ids[cand]; !taken {
			s.ids[orig] = n
			s.ids[cand] = 1
			doc.ID = cand
			break
		}
	}
	return s.warn(pipeline.Warning{Path: doc.Source, Line: doc.Line, Offset: -1, Kind: KindDuplicateID,
		Message: fmt.Sprintf("duplicate id %q: renamed to %q", orig, doc.ID)})
}

// countWriter counts bytes written to it.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// openNext opens one input, sniffs its encoding and builds its reader.
func (s *Source) openNext(in input) error {
	var rc io.ReadCloser
	var r io.Reader
	if in.stdin {
		if s.opts.Stdin == nil {
			return s.warn(pipeline.Warning{Path: "-", Offset: -1, Kind: KindUnreadable, Message: "no standard input available"})
		}
		r = s.opts.Stdin
	} else {
		f, err := openFile(in.path)
		if err != nil {
			kind := KindUnreadable
			if errors.Is(err, os.ErrNotExist) {
				kind = KindMissingInput
			}
			return s.warn(pipeline.Warning{Path: in.path, Offset: -1, Kind: kind, Message: fmt.Sprintf("cannot open: %v", unwrapPathError(err))})
		}
		rc, r = f, f
	}
	h := sha256.New()
	cnt := &countWriter{}
	raw := io.TeeReader(r, io.MultiWriter(h, cnt))
	oi := &openInput{in: in, rc: rc, raw: raw, hash: h, count: cnt}
	s.infos = append(s.infos, InputInfo{Path: in.path})
	oi.info = len(s.infos) - 1
	s.cur = oi

	dec, binary, err := newDecoder(raw)
	if err != nil {
		return s.readFailed(err)
	}
	if binary {
		s.infos[oi.info].Format = "binary"
		if err := s.warn(pipeline.Warning{Path: in.path, Offset: -1, Kind: KindBinary, Message: "binary file (NUL bytes in the first 8 KiB): skipped"}); err != nil {
			return err
		}
		return s.closeCur()
	}
	format := s.opts.Format
	if format == "" {
		if in.stdin {
			format = sniffFormat(dec.text)
		} else {
			format = formatForPath(in.path)
			if msg, ok := unparsedExt[strings.ToLower(filepath.Ext(in.path))]; ok {
				if err := s.warn(pipeline.Warning{Path: in.path, Offset: -1, Kind: KindUnparsedFormat, Message: msg}); err != nil {
					return err
				}
			}
		}
		if format == FormatText && s.opts.PlainAs != "" {
			format = s.opts.PlainAs
		}
	}
	s.infos[oi.info].Format = format
	oi.dec = dec
	oi.reader = s.newReader(format, in, dec)
	return nil
}

// readFailed turns a read error while opening into a warning and closes the
// input; a strict error passes through.
func (s *Source) readFailed(err error) error {
	var se *pipeline.StrictError
	if errors.As(err, &se) {
		return se
	}
	path := s.cur.in.path
	if werr := s.warn(pipeline.Warning{Path: path, Offset: -1, Kind: KindUnreadable, Message: fmt.Sprintf("read error: %v", err)}); werr != nil {
		return werr
	}
	return s.closeCur()
}

// closeCur finishes the current input: the rest of its bytes are read so the
// hash and size cover the whole file.
func (s *Source) closeCur() error {
	oi := s.cur
	s.cur = nil
	_, derr := io.Copy(io.Discard, oi.raw)
	if oi.rc != nil {
		oi.rc.Close()
	}
	info := &s.infos[oi.info]
	info.Bytes = oi.count.n
	info.SHA256 = hex.EncodeToString(oi.hash.Sum(nil))
	if derr != nil {
		return s.warn(pipeline.Warning{Path: oi.in.path, Offset: oi.count.n, Kind: KindUnreadable,
			Message: fmt.Sprintf("read error after %d bytes (hash covers only those): %v", oi.count.n, derr)})
	}
	return nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
