package ingest

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
)

// charsetScan is how far into a page declaredCharset looks for a <meta>
// charset. Browsers look at the first 1024 bytes; pages saved by hand or by
// a CMS sometimes put the declaration after a long comment or script, so
// the whole head is read, up to this many bytes.
const charsetScan = 64 << 10

// declaredCharset finds the charset a page declares in its head, as
// <meta charset="..."> or <meta http-equiv="Content-Type" content="...;
// charset=...">, and the encoding that label names in the WHATWG Encoding
// Standard, the table browsers use (so "iso-8859-1", "latin1" and "ascii"
// are windows-1252, "gb2312" is GBK). enc is nil when there is no usable
// declaration: none, an unknown label, or a label for UTF-8 or UTF-16
// (which a page read as bytes cannot be: browsers then read UTF-8).
func declaredCharset(page []byte) (label string, enc encoding.Encoding, name string) {
	if len(page) > charsetScan {
		page = page[:charsetScan]
	}
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return "", nil, ""
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tag, hasAttr := z.TagName()
		if string(tag) == "body" {
			return "", nil, ""
		}
		if string(tag) != "meta" || !hasAttr {
			continue
		}
		var charset, httpEquiv, content string
		for more := true; more; {
			var k, v []byte
			k, v, more = z.TagAttr()
			switch string(k) { // the tokenizer lower-cases attribute names
			case "charset":
				charset = strings.TrimSpace(string(v))
			case "http-equiv":
				httpEquiv = strings.ToLower(strings.TrimSpace(string(v)))
			case "content":
				content = string(v)
			}
		}
		if charset == "" && httpEquiv == "content-type" {
			charset = contentCharset(content)
		}
		if charset == "" {
			continue
		}
		e, err := htmlindex.Get(charset)
		if err != nil {
			return "", nil, "" // the first declaration decides, as in browsers
		}
		n, _ := htmlindex.Name(e)
		switch n {
		case "utf-8", "utf-16le", "utf-16be", "replacement":
			return "", nil, ""
		}
		return charset, e, n
	}
}

// contentCharset returns the charset parameter of a Content-Type value
// ("text/html; charset=windows-1252"), without quotes.
func contentCharset(content string) string {
	lower := strings.ToLower(content)
	i := strings.Index(lower, "charset")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(content[i+len("charset"):], " \t")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " \t")
	if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
		q := rest[0]
		rest = rest[1:]
		if j := strings.IndexByte(rest, q); j >= 0 {
			return rest[:j]
		}
		return ""
	}
	if j := strings.IndexAny(rest, "; \t"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}
