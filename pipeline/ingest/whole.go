package ingest

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/techframe/techframe/pipeline"
)

// wholeReader reads a one-document-per-file input (txt, md, html).
type wholeReader struct {
	s      *Source
	in     input
	dec    *decoded
	format string
	done   bool
}

func (w *wholeReader) next() (*pipeline.Document, error) {
	if w.done {
		return nil, io.EOF
	}
	w.done = true
	raw, err := io.ReadAll(w.dec.text)
	if err != nil {
		return nil, err
	}
	data, recoded, err := w.decodeWhole(raw)
	if err != nil {
		return nil, err
	}
	doc := &pipeline.Document{ID: w.in.idBase, Source: w.in.path}
	switch w.format {
	case FormatHTML:
		text, meta, whole := extractHTML(data)
		doc.Text, doc.Meta, doc.Converted = text, meta, true
		if whole {
			if err := w.s.warn(pipeline.Warning{Path: w.in.path, Offset: -1, Kind: KindFurnitureOnly,
				Message: "all the page's text is page furniture (navigation, header, footer, aside, forms, hidden elements, ...): read whole, furniture included, rather than skipped"}); err != nil {
				return nil, err
			}
		}
	default:
		text := string(data)
		if w.format == FormatMarkdown {
			// Markdown is rewritten as plain text (cleanMarkdown), so its
			// offsets count in that text, never in the file.
			text = lineEnds.Replace(text)
		}
		meta, id, body, err := w.s.frontMatter(w.in.path, text)
		if err != nil {
			return nil, err
		}
		if id != "" {
			doc.ID = id
		}
		doc.Meta = meta
		// A UTF-16 file, or one read (partly) as Windows-1252, is not
		// its bytes either: its record carries the UTF-8 text.
		doc.Converted = w.format == FormatMarkdown || len(body) != len(text) || recoded || w.dec.utf16()
		switch {
		case w.format == FormatMarkdown:
			body = cleanMarkdown(body)
		case w.dec.bom > 0 && !doc.Converted:
			// A plain text file keeps its bytes (CRLF line ends too), so
			// that offsets are offsets into the file; the dropped
			// byte-order mark is held by three spaces.
			body = "   " + body
		}
		doc.Text = body
	}
	return doc, nil
}

// decodeWhole returns a whole file's text as UTF-8. Valid UTF-8 (and
// UTF-16, decoded already) is returned as it is. Otherwise an HTML page
// that declares a charset (<meta charset> or its http-equiv form, without a
// byte-order mark) is decoded with it, as browsers do; any other file has
// each byte that is not UTF-8 read as Windows-1252. Either way one warning
// names the first bad byte, and recoded is set.
func (w *wholeReader) decodeWhole(raw []byte) (text []byte, recoded bool, err error) {
	if utf8.Valid(raw) {
		return raw, false, nil
	}
	if w.format == FormatHTML && w.dec.encoding == "utf-8" {
		if label, enc, name := declaredCharset(raw); enc != nil {
			out, derr := enc.NewDecoder().Bytes(raw)
			if name == "windows-1252" {
				// Every byte maps (x/text leaves five undefined).
				out, derr = nil, nil
				for _, c := range raw {
					out = utf8.AppendRune(out, windows1252(c))
				}
			}
			if derr == nil && utf8.Valid(out) {
				bad := firstInvalid(raw)
				line := 1 + lineBreaks(raw[:bad], false)
				return out, true, w.s.warn(pipeline.Warning{Path: w.in.path, Line: line, Offset: int64(bad), Kind: KindInvalidUTF8,
					Message: fmt.Sprintf("not UTF-8 at line %d, byte offset %d: read as %s, as the page declares (charset %q; reported once per file)", line, bad, name, label)})
			}
		}
	}
	out, err := io.ReadAll(w.dec.newFixer(bytes.NewReader(raw), w.in.path, w.s))
	return out, true, err
}

// firstInvalid returns the offset of the first byte of b that is not part
// of valid UTF-8 (len(b) if there is none).
func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// lineEnds rewrites CRLF and a bare CR (old Mac files) as LF.
var lineEnds = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// cutLine cuts s after its first line end: LF, CRLF or a bare CR (old Mac
// files, as YAML and CommonMark read them). line holds no line end; found
// is false when s has none.
func cutLine(s string) (line, rest string, found bool) {
	i := strings.IndexAny(s, "\r\n")
	if i < 0 {
		return s, "", false
	}
	j := i + 1
	if s[i] == '\r' && j < len(s) && s[j] == '\n' {
		j++
	}
	return s[:i], s[j:], true
}

// frontMatter splits a leading block of "key: value" lines between two
// "---" lines from the text. Lines end in LF, CRLF or a bare CR. Values
// stay strings; surrounding quotes are removed. The key equal to the id
// field sets the ID and is not metadata. Without a closing "---" the whole
// text is the body (with a warning).
func (s *Source) frontMatter(path, text string) (meta pipeline.Meta, id, body string, err error) {
	first, rest, ok := cutLine(text)
	if !ok || strings.TrimRight(first, " \t") != "---" {
		return nil, "", text, nil
	}
	type bad struct {
		line int
		text string
	}
	var bads []bad
	lineNo := 1
	for {
		lineNo++
		line, more, found := cutLine(rest)
		if strings.TrimRight(line, " \t") == "---" {
			body = more
			break
		}
		if !found {
			// No closing line: this was not front matter.
			return nil, "", text, s.warn(pipeline.Warning{Path: path, Line: 1, Offset: -1, Kind: KindFrontMatter,
				Message: "front matter opened with --- is never closed: whole file read as text"})
		}
		rest = more
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		key, val, hasColon := strings.Cut(t, ":")
		key = strings.TrimSpace(key)
		if !hasColon || key == "" {
			bads = append(bads, bad{lineNo, t})
			continue
		}
		val = unquote(strings.TrimSpace(val))
		if key == s.opts.IDField {
			id = val
			continue
		}
		meta.Set(key, val)
	}
	for _, b := range bads {
		if err := s.warn(pipeline.Warning{Path: path, Line: b.line, Offset: -1, Kind: KindFrontMatter,
			Message: fmt.Sprintf("front-matter line %q is not key: value: ignored", b.text)}); err != nil {
			return nil, "", "", err
		}
	}
	return meta, id, body, nil
}

// unquote removes one pair of matching surrounding quotes.
func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}
