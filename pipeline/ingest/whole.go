package ingest

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/techframe/techframe/pipeline"
)

// wholeReader reads a one-document-per-file input (txt, md, html).
type wholeReader struct {
	s      *Source
	in     input
	br     *bufio.Reader
	format string
	// bom is set when the file began with a UTF-8 byte-order mark (the
	// decoder drops it).
	bom  bool
	done bool
}

func (w *wholeReader) next() (*pipeline.Document, error) {
	if w.done {
		return nil, io.EOF
	}
	w.done = true
	data, err := io.ReadAll(w.br)
	if err != nil {
		return nil, err
	}
	doc := &pipeline.Document{ID: w.in.idBase, Source: w.in.path}
	switch w.format {
	case FormatHTML:
		text, meta := extractHTML(data)
		doc.Text, doc.Meta, doc.Converted = text, meta, true
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
		doc.Converted = w.format == FormatMarkdown || len(body) != len(text)
		switch {
		case w.format == FormatMarkdown:
			body = cleanMarkdown(body)
		case w.bom && len(body) == len(text):
			// A plain text file keeps its bytes (CRLF line ends too), so
			// that offsets are offsets into the file; the dropped
			// byte-order mark is held by three spaces.
			body = "   " + body
		}
		doc.Text = body
	}
	return doc, nil
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
