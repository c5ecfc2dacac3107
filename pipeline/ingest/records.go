package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/techframe/techframe/pipeline"
)

// lineReader returns lines of any length from a bufio.Reader, holding only
// the current line. Line ends (\n or \r\n, and a bare \r when bareCR is
// set) are removed.
type lineReader struct {
	br   *bufio.Reader
	buf  []byte // assembles lines longer than the bufio buffer
	line int    // 1-based number of the line last returned
	// bareCR makes a CR not followed by LF a line end too (old Mac files).
	// Plain-text lines (--format lines) read it so; a JSON Lines record
	// ends in LF only, as the format says.
	bareCR bool
}

// maxKeptBuf is the largest line buffer kept between lines; a larger one
// (after a huge record) is released so memory goes back down.
const maxKeptBuf = 1 << 20

// read returns the next line; it is valid until the next call. io.EOF
// means no more lines.
func (l *lineReader) read() ([]byte, error) {
	if cap(l.buf) > maxKeptBuf {
		l.buf = nil
	}
	l.buf = l.buf[:0]
	if l.bareCR {
		return l.readAnyEnd()
	}
	var line []byte
	for {
		frag, err := l.br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			l.buf = append(l.buf, frag...)
			continue
		}
		if len(l.buf) > 0 {
			l.buf = append(l.buf, frag...)
			line = l.buf
		} else {
			line = frag
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		if err == io.EOF && len(line) == 0 {
			return nil, io.EOF
		}
		break
	}
	l.line++
	line = bytes.TrimSuffix(line, []byte{'\n'})
	line = bytes.TrimSuffix(line, []byte{'\r'})
	return line, nil
}

// readAnyEnd is read for bareCR: a line ends at LF, CRLF or a bare CR. The
// line is assembled in l.buf.
func (l *lineReader) readAnyEnd() ([]byte, error) {
	got := false // bytes (or a line end) consumed for this line
	for {
		if l.br.Buffered() == 0 {
			if _, err := l.br.Peek(1); err != nil {
				if err == io.EOF && got {
					break // a last line without a line end
				}
				return nil, err
			}
		}
		chunk, _ := l.br.Peek(l.br.Buffered())
		got = true
		// Two byte searches rather than one IndexAny: the first is
		// the fast one for LF files, the second looks only before it.
		end := bytes.IndexByte(chunk, '\n')
		head := chunk
		if end >= 0 {
			head = chunk[:end]
		}
		if cr := bytes.IndexByte(head, '\r'); cr >= 0 {
			end = cr
		}
		if end < 0 {
			l.buf = append(l.buf, chunk...)
			l.br.Discard(len(chunk))
			continue
		}
		l.buf = append(l.buf, chunk[:end]...)
		l.br.Discard(end + 1)
		if chunk[end] == '\r' {
			// A CRLF is one line end: drop its LF, even when it is
			// not buffered yet.
			if next, err := l.br.Peek(1); err == nil && next[0] == '\n' {
				l.br.Discard(1)
			}
		}
		break
	}
	l.line++
	return l.buf, nil
}

// linesReader makes each non-blank line one document (--format lines).
type linesReader struct {
	in input
	lr lineReader
}

func (r *linesReader) next() (*pipeline.Document, error) {
	for {
		line, err := r.lr.read()
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		return &pipeline.Document{ID: r.in.idBase + ":" + strconv.Itoa(r.lr.line), Source: r.in.path, Line: r.lr.line, Text: string(line)}, nil
	}
}

// jsonlReader reads one JSON object per line.
type jsonlReader struct {
	s         *Source
	in        input
	lr        lineReader
	nonScalar map[string]bool // fields already warned about in this file
	// textKey is the key the text is read from: the text field, or, when
	// the file's first record lacks it, the fallback that record has
	// (Source.guessText).
	textKey string
	// idWarned is set once a record without the chosen id field has been
	// reported.
	idWarned bool
}

// textFallbacks are the names a JSONL key or CSV/TSV column holding the
// text is commonly given, tried in order when a file has no "text" and the
// user chose no --text-field.
var textFallbacks = []string{"sentence", "body", "content", "full_text", "fulltext", "article", "document"}

// fallbackKey returns the first textFallbacks name among fields, or "".
func fallbackKey(fields []jsonField) string {
	for _, name := range textFallbacks {
		for _, f := range fields {
			if f.key == name || strings.EqualFold(f.key, name) {
				return f.key
			}
		}
	}
	return ""
}

func (r *jsonlReader) warn(kind, msg string) error {
	return r.s.warn(pipeline.Warning{Path: r.in.path, Line: r.lr.line, Offset: -1, Kind: kind, Message: msg})
}

func (r *jsonlReader) next() (*pipeline.Document, error) {
	for {
		line, err := r.lr.read()
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue // blank lines separate nothing in JSONL
		}
		fields, perr := parseObjectFast(line)
		if perr != nil {
			if err := r.warn(KindMalformedJSON, "malformed JSON line: "+perr.Error()+": skipped"); err != nil {
				return nil, err
			}
			continue
		}
		doc := &pipeline.Document{Source: r.in.path, Line: r.lr.line}
		if r.textKey == "" { // the file's first record decides
			r.textKey = r.s.opts.TextField
			if alt := fallbackKey(fields); r.s.guessText && !hasKey(fields, r.textKey) && alt != "" {
				r.textKey = alt
				if err := r.warn(KindTextFallback, fmt.Sprintf("no %q field: the text is read from %q in this file (choose with --text-field; reported once per file)", r.s.opts.TextField, alt)); err != nil {
					return nil, err
				}
			}
		}
		hasText, hasID, skip := false, false, false
		for _, f := range fields {
			v, scalar, verr := scalarValue(f.raw)
			if verr != nil {
				if err := r.warn(KindMalformedJSON, fmt.Sprintf("field %q: %v: skipped", f.key, verr)); err != nil {
					return nil, err
				}
				skip = true
				break
			}
			switch {
			case f.key == r.textKey:
				if !scalar {
					if err := r.warn(KindBadText, fmt.Sprintf("field %q is an object or array, not text: record skipped", f.key)); err != nil {
						return nil, err
					}
					skip = true
				} else if _, isString := v.(string); !isString && v != nil {
					// A number or true/false: probably the wrong field.
					if err := r.warn(KindBadText, fmt.Sprintf("field %q is %s, not a string: read as the text %q", f.key, jsonKind(v), pipeline.MetaString(v))); err != nil {
						return nil, err
					}
				}
				hasText = true
				doc.Text = pipeline.MetaString(v)
			case !scalar:
				if !r.nonScalar[f.key] {
					r.nonScalar[f.key] = true
					if err := r.warn(KindNonScalar, fmt.Sprintf("field %q is an object or array: left out of the metadata (reported once per file)", f.key)); err != nil {
						return nil, err
					}
				}
			case f.key == r.s.opts.IDField:
				hasID = true
				doc.ID = strings.TrimSpace(pipeline.MetaString(v))
			default:
				doc.Meta.Set(f.key, v)
			}
			if skip {
				break
			}
		}
		if skip {
			continue
		}
		if !hasText {
			if err := r.warn(KindMissingText, fmt.Sprintf("no %q field (fields: %s): skipped; choose the text field with --text-field", r.textKey, fieldNames(fields))); err != nil {
				return nil, err
			}
			continue
		}
		if !hasID && r.s.chosenID && !r.idWarned {
			r.idWarned = true
			if err := r.warn(KindMissingID, fmt.Sprintf("no %q field for --id-field (fields: %s): ids are path:line for records without it (reported once per file)", r.s.opts.IDField, fieldNames(fields))); err != nil {
				return nil, err
			}
		}
		if doc.ID == "" {
			doc.ID = r.in.idBase + ":" + strconv.Itoa(r.lr.line)
		}
		return doc, nil
	}
}

// jsonKind names the JSON type of a scalar value.
func jsonKind(v any) string {
	if _, ok := v.(bool); ok {
		return "true or false"
	}
	return "a number"
}

type jsonField struct {
	key string
	raw json.RawMessage
}

// hasKey reports whether fields has key.
func hasKey(fields []jsonField, key string) bool {
	for _, f := range fields {
		if f.key == key {
			return true
		}
	}
	return false
}

func fieldNames(fs []jsonField) string {
	if len(fs) == 0 {
		return "none"
	}
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = strconv.Quote(f.key)
	}
	return strings.Join(names, ", ")
}

// parseObject parses one JSON object keeping its keys in order. Anything
// else on the line is an error.
func parseObject(line []byte) ([]jsonField, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonErr(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New("not a JSON object")
	}
	var fields []jsonField
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, jsonErr(err)
		}
		key, ok := kt.(string)
		if !ok {
			return nil, errors.New("object key is not a string")
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, jsonErr(err)
		}
		fields = append(fields, jsonField{key: key, raw: raw})
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, jsonErr(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("unexpected data after the object (at byte %d of the line)", dec.InputOffset())
	}
	return fields, nil
}

// jsonErr makes decoder errors readable and positioned within the line.
func jsonErr(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%v (at byte %d of the line)", se, se.Offset)
	}
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return errors.New("unexpected end of line (truncated object?)")
	}
	return err
}

// scalarValue converts a raw JSON value: strings, bools and null become Go
// values, numbers json.Number with their spelling kept; objects and arrays
// report scalar == false.
func scalarValue(raw json.RawMessage) (v any, scalar bool, err error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, false, errors.New("empty value")
	}
	switch raw[0] {
	case '{', '[':
		return nil, false, nil
	case '"':
		s, err := unquoteJSON(raw)
		if err != nil {
			return nil, false, err
		}
		return s, true, nil
	case 't':
		return true, true, nil
	case 'f':
		return false, true, nil
	case 'n':
		return nil, true, nil
	}
	return json.Number(string(raw)), true, nil
}

// crToLF reads r with every CR made an LF.
type crToLF struct{ r io.Reader }

func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

// csvReader reads CSV or TSV with a header row.
type csvReader struct {
	s       *Source
	in      input
	r       *recReader
	comma   byte
	header  []string
	textCol int
	idCol   int
	started bool
}

func newCSVReader(s *Source, in input, br *bufio.Reader, comma rune) *csvReader {
	if head, _ := br.Peek(br.Size()); pipeline.BareCRLines(head) {
		// Rows ending in CR alone (Excel for Mac's "CSV (Macintosh)"): read
		// each CR as an LF, which keeps every offset.
		br = bufio.NewReaderSize(crToLF{br}, br.Size())
	}
	return &csvReader{s: s, in: in, r: newRecReader(br, byte(comma)), comma: byte(comma), idCol: -1}
}

func (c *csvReader) warn(line int, kind, msg string) error {
	return c.s.warn(pipeline.Warning{Path: c.in.path, Line: line, Offset: -1, Kind: kind, Message: msg})
}

func (c *csvReader) start() error {
	c.started = true
	rec, err := c.r.Read()
	if err == io.EOF {
		return c.s.warn(pipeline.Warning{Path: c.in.path, Offset: -1, Kind: KindEmptyDocument, Message: "empty file: no header row"})
	}
	if err != nil {
		return err
	}
	head := rec.Fields
	c.header = make([]string, len(head))
	for i, h := range head {
		h = strings.TrimSpace(h)
		if h == "" {
			h = "column" + strconv.Itoa(i+1)
		}
		c.header[i] = h
	}
	c.textCol = findColumn(c.header, c.s.opts.TextField)
	c.idCol = findColumn(c.header, c.s.opts.IDField)
	if c.textCol < 0 && c.s.guessText {
		for _, name := range textFallbacks {
			if k := findColumn(c.header, name); k >= 0 && k != c.idCol {
				c.textCol = k
				if werr := c.warn(rec.Line, KindTextFallback, fmt.Sprintf("no %q column: the text is read from %q (choose with --text-field)", c.s.opts.TextField, c.header[k])); werr != nil {
					return werr
				}
				break
			}
		}
	}
	if c.textCol < 0 {
		if werr := c.warn(rec.Line, KindMissingText, fmt.Sprintf("no %q column (header has %s): file skipped; choose the text column with --text-field",
			c.s.opts.TextField, quotedNames(c.header))); werr != nil {
			return werr
		}
		return io.EOF
	}
	if c.idCol < 0 && c.s.chosenID {
		if werr := c.warn(rec.Line, KindMissingID, fmt.Sprintf("no %q column for --id-field (header has %s): ids are path:line",
			c.s.opts.IDField, quotedNames(c.header))); werr != nil {
			return werr
		}
	}
	return nil
}

// quotedNames lists names, each quoted, separated by commas.
func quotedNames(names []string) string {
	quoted := make([]string, len(names))
	for i, h := range names {
		quoted[i] = strconv.Quote(h)
	}
	return strings.Join(quoted, ", ")
}

// findColumn finds a header column by exact name, then ignoring case.
func findColumn(header []string, name string) int {
	for i, h := range header {
		if h == name {
			return i
		}
	}
	for i, h := range header {
		if strings.EqualFold(h, name) {
			return i
		}
	}
	return -1
}

func (c *csvReader) next() (*pipeline.Document, error) {
	if !c.started {
		if err := c.start(); err != nil {
			return nil, err
		}
	}
	if c.header == nil || c.textCol < 0 {
		return nil, io.EOF
	}
	for {
		rec, err := c.r.Read()
		if err != nil {
			return nil, err // io.EOF at the end
		}
		if len(rec.Fields) != len(c.header) {
			if werr := c.warn(rec.Line, KindMalformedCSV, fmt.Sprintf("row has %d fields, the header has %d: skipped", len(rec.Fields), len(c.header))); werr != nil {
				return nil, werr
			}
			continue
		}
		if rec.Stray > 0 && c.comma == ',' {
			// In TSV a cell may open with a quotation ("Yes," he said):
			// read as written is the reading there, not a repair.
			if werr := c.warn(rec.Line, KindMalformedCSV, fmt.Sprintf("field %d opens a quote that does not close a quoted field: read as written", rec.Stray)); werr != nil {
				return nil, werr
			}
		}
		line := rec.Line
		doc := &pipeline.Document{Source: c.in.path, Line: line, Text: rec.Fields[c.textCol]}
		for i, v := range rec.Fields {
			switch i {
			case c.textCol:
			case c.idCol:
				doc.ID = strings.TrimSpace(v)
			default:
				doc.Meta.Set(c.header[i], v)
			}
		}
		if doc.ID == "" {
			doc.ID = c.in.idBase + ":" + strconv.Itoa(line)
		}
		return doc, nil
	}
}
