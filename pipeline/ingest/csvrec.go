package ingest

import (
	"bufio"
	"bytes"
	"io"
)

// recReader splits CSV or TSV into records (RFC 4180), keeping each
// field's text exactly as written: unlike encoding/csv it leaves a CRLF
// inside a quoted field as it is, so that offsets into a cell's text match
// what any other reader of the file sees.
//
// A field that opens with a quote but is not a well-formed quoted field
// (its closing quote is followed by something other than the delimiter or
// a line end, or it never closes) is read as written, up to the next
// delimiter or line end, and the record carries a Stray flag; the rest of
// the file is read as usual. In TSV, where quoting is optional and text
// often opens with a quotation ("Yes," he said), that is the normal
// reading; in CSV it is a malformed row, reported by the caller.
type recReader struct {
	br    *bufio.Reader
	comma byte
	back  []byte // bytes pushed back, read before br
	line  int    // line of the next byte (1-based)
}

func newRecReader(br *bufio.Reader, comma byte) *recReader {
	return &recReader{br: br, comma: comma, line: 1}
}

// record is one row: its fields, the line it starts on, and whether a
// field was read as written after a failed quoted reading (Stray: the
// field's number, 1-based; 0 for none).
type record struct {
	Fields []string
	Line   int
	Stray  int
	quoted bool // a field was quoted: `""` is an empty cell, not a blank line
}

func (r *recReader) readByte() (byte, error) {
	if len(r.back) > 0 {
		b := r.back[0]
		r.back = r.back[1:]
		if b == '\n' {
			r.line++
		}
		return b, nil
	}
	b, err := r.br.ReadByte()
	if err == nil && b == '\n' {
		r.line++
	}
	return b, err
}

func (r *recReader) peek() (byte, bool) {
	if len(r.back) > 0 {
		return r.back[0], true
	}
	b, err := r.br.Peek(1)
	if err != nil {
		return 0, false
	}
	return b[0], true
}

// unread puts bytes back in front of the input.
func (r *recReader) unread(b []byte) {
	r.line -= bytes.Count(b, []byte{'\n'})
	r.back = append(append([]byte{}, b...), r.back...)
}

// Read returns the next record; blank lines are skipped. io.EOF at the end.
func (r *recReader) Read() (record, error) {
	for {
		rec, err := r.read()
		if err != nil {
			return rec, err
		}
		if len(rec.Fields) == 1 && rec.Fields[0] == "" && rec.Stray == 0 && !rec.quoted {
			continue // a blank line
		}
		return rec, nil
	}
}

func (r *recReader) read() (record, error) {
	rec := record{Line: r.line}
	if _, ok := r.peek(); !ok {
		return rec, io.EOF
	}
	var field []byte
	for {
		field = field[:0]
		b, ok := r.peek()
		var end byte // what ended the field: comma, '\n', or 0 for the end of input
		if ok && b == '"' {
			rec.quoted = true
			var stray bool
			field, end, stray = r.quoted(field)
			if stray && rec.Stray == 0 {
				rec.Stray = len(rec.Fields) + 1
			}
		} else {
			field, end = r.plain(field)
		}
		rec.Fields = append(rec.Fields, string(field))
		if end != r.comma {
			return rec, nil
		}
	}
}

// chunk returns the input buffered past the pushed-back bytes, at least
// one byte unless the input is over; nil while bytes are pushed back.
func (r *recReader) chunk() []byte {
	if len(r.back) > 0 {
		return nil
	}
	if r.br.Buffered() == 0 {
		if _, err := r.br.Peek(1); err != nil {
			return nil
		}
	}
	b, _ := r.br.Peek(r.br.Buffered())
	return b
}

// take consumes n bytes of the chunk, counting its line ends.
func (r *recReader) take(b []byte) {
	r.line += bytes.Count(b, []byte{'\n'})
	r.br.Discard(len(b))
}

// plain reads an unquoted field up to the delimiter or the line end (a CR
// before the LF is not part of the field); quotes in it are kept.
func (r *recReader) plain(field []byte) ([]byte, byte) {
	for {
		if buf := r.chunk(); len(buf) > 0 {
			// Whole runs at a time, without the pushed-back bytes.
			i := bytes.IndexByte(buf, '\n')
			if j := bytes.IndexByte(buf, r.comma); j >= 0 && (i < 0 || j < i) {
				i = j
			}
			if i < 0 {
				field = append(field, buf...)
				r.take(buf)
				continue
			}
			field = append(field, buf[:i]...)
			end := buf[i]
			r.take(buf[:i+1])
			if end == '\n' {
				return bytes.TrimSuffix(field, []byte{'\r'}), end
			}
			return field, end
		}
		b, err := r.readByte()
		if err != nil {
			// The end of the input: a last line ending in CR alone keeps
			// no CR in its last field.
			return bytes.TrimSuffix(field, []byte{'\r'}), 0
		}
		switch b {
		case r.comma:
			return field, b
		case '\n':
			return bytes.TrimSuffix(field, []byte{'\r'}), b
		}
		field = append(field, b)
	}
}

// quoted reads a field that opens with a quote. A well-formed quoted field
// gives its text ("" read as one quote, line breaks kept as written);
// otherwise the field is read as written (stray).
func (r *recReader) quoted(field []byte) ([]byte, byte, bool) {
	raw := []byte{}
	b, _ := r.readByte() // the opening quote
	raw = append(raw, b)
	for {
		if buf := r.chunk(); len(buf) > 0 && buf[0] != '"' {
			// The text up to the next quote, at once.
			i := bytes.IndexByte(buf, '"')
			if i < 0 {
				i = len(buf)
			}
			raw = append(raw, buf[:i]...)
			field = append(field, buf[:i]...)
			r.take(buf[:i])
			continue
		}
		b, err := r.readByte()
		if err != nil {
			break // never closed
		}
		raw = append(raw, b)
		if b != '"' {
			field = append(field, b)
			continue
		}
		next, ok := r.peek()
		switch {
		case ok && next == '"':
			r.readByte()
			raw = append(raw, next)
			field = append(field, '"')
			continue
		case !ok:
			return field, 0, false
		case next == r.comma:
			r.readByte()
			return field, r.comma, false
		case next == '\n':
			r.readByte()
			return field, '\n', false
		case next == '\r':
			// The line end CRLF, or a CR inside the text.
			r.readByte()
			if after, ok := r.peek(); !ok || after == '\n' {
				if ok {
					r.readByte()
				}
				return field, '\n', false
			}
			raw = append(raw, '\r')
		}
		// A quote followed by anything else: not a quoted field.
		return r.asWritten(raw)
	}
	return r.asWritten(raw)
}

// asWritten reads a field from its raw bytes as if unquoted: up to the
// first delimiter or line end in them; the bytes after it go back to the
// input.
func (r *recReader) asWritten(raw []byte) ([]byte, byte, bool) {
	for i, b := range raw {
		switch b {
		case r.comma:
			r.unread(raw[i+1:])
			return append([]byte{}, raw[:i]...), b, true
		case '\n':
			r.unread(raw[i+1:])
			return append([]byte{}, bytes.TrimSuffix(raw[:i], []byte{'\r'})...), b, true
		}
	}
	// No delimiter in what was read: the field goes on as a plain one.
	field, end := r.plain(append([]byte{}, raw...))
	return field, end, true
}
