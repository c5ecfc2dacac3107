package ingest

import (
	"bytes"
	"strings"

	"github.com/techframe/techframe/pipeline"
	"golang.org/x/net/html"
)

// htmlSkip are elements whose content is never visible text.
var htmlSkip = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true,
	"svg": true, "math": true, "iframe": true, "object": true, "canvas": true,
}

// htmlBlock are elements that start a new paragraph.
var htmlBlock = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "body": true,
	"caption": true, "dd": true, "details": true, "dialog": true, "div": true, "dl": true,
	"dt": true, "fieldset": true, "figcaption": true, "figure": true, "footer": true,
	"form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"header": true, "hgroup": true, "hr": true, "li": true, "main": true, "nav": true,
	"ol": true, "p": true, "pre": true, "section": true, "summary": true, "table": true,
	"tbody": true, "thead": true, "tfoot": true, "tr": true, "ul": true,
}

// htmlMetaNames are <meta name=...> values kept as metadata.
var htmlMetaNames = map[string]bool{"author": true, "date": true, "description": true, "keywords": true}

// extractHTML returns the visible text of an HTML page and its metadata:
// title, then author, date, description and keywords from <meta> tags.
// Scripts, styles and comments are dropped, entities decoded, whitespace
// collapsed (kept inside <pre>), and block elements become paragraph breaks.
func extractHTML(data []byte) (string, pipeline.Meta) {
	z := html.NewTokenizer(bytes.NewReader(data))
	var b strings.Builder
	var title strings.Builder
	var metas pipeline.Meta
	skip, pre, inTitle := 0, 0, false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break // io.EOF or a tokenizer error: keep what was read
		}
		switch tt {
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := string(z.Text())
			if inTitle {
				title.WriteString(t)
				continue
			}
			if pre > 0 {
				b.WriteString(t)
			} else {
				t = collapseSpace(t)
				if strings.HasPrefix(t, " ") && endsInSpace(&b) {
					t = t[1:]
				}
				b.WriteString(t)
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			start := tt != html.EndTagToken
			selfClosing := tt == html.SelfClosingTagToken
			if htmlSkip[tag] {
				if selfClosing {
					continue
				}
				if start {
					skip++
				} else if skip > 0 {
					skip--
				}
				continue
			}
			if skip > 0 {
				continue
			}
			switch tag {
			case "title":
				inTitle = start && !selfClosing
				continue
			case "meta":
				if hasAttr {
					var key, content string
					for {
						k, v, more := z.TagAttr()
						switch strings.ToLower(string(k)) {
						case "name":
							key = strings.ToLower(strings.TrimSpace(string(v)))
						case "content":
							content = strings.TrimSpace(string(v))
						}
						if !more {
							break
						}
					}
					if htmlMetaNames[key] && content != "" {
						if _, dup := metas.Get(key); !dup {
							metas.Set(key, content)
						}
					}
				}
				continue
			case "pre":
				if start && !selfClosing {
					pre++
				} else if !start && pre > 0 {
					pre--
				}
			case "br":
				b.WriteString("\n")
				continue
			case "td", "th":
				if !endsInSpace(&b) {
					b.WriteString(" ")
				}
				continue
			}
			if htmlBlock[tag] {
				b.WriteString("\n\n")
			}
		}
	}
	var meta pipeline.Meta
	if t := strings.TrimSpace(collapseSpace(title.String())); t != "" {
		meta.Set("title", t)
	}
	meta = append(meta, metas...)
	return tidyLines(b.String()), meta
}

// endsInSpace reports whether b is empty or ends in a space or line break.
func endsInSpace(b *strings.Builder) bool {
	s := b.String()
	return s == "" || s[len(s)-1] == ' ' || s[len(s)-1] == '\n'
}

// collapseSpace turns every run of HTML whitespace into one space.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f':
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// tidyLines trims trailing spaces from lines, leading spaces from lines
// (outside pre-formatted blocks this is indentation noise), collapses runs of
// blank lines into one and trims the whole text.
func tidyLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := true // drop leading blank lines
	for _, ln := range lines {
		ln = strings.TrimRight(ln, " \t\r")
		ln = strings.TrimLeft(ln, " ")
		if ln == "" {
			if blank {
				continue
			}
			blank = true
			out = append(out, "")
			continue
		}
		blank = false
		out = append(out, ln)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
