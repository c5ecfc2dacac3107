package ingest

import (
	"bytes"
	"strings"

	"github.com/techframe/techframe/pipeline"
	"golang.org/x/net/html"
)

// htmlNeverText are elements whose content is never text of the page, even
// when a page is read whole (see extractHTML): not visible (script, style,
// template, ...), the head, and form controls.
var htmlNeverText = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true,
	"svg": true, "math": true, "iframe": true, "object": true, "canvas": true,
	"button": true, "select": true, "textarea": true,
	"title": true, "head": true,
}

// htmlFurniture are elements of page furniture: navigation, sidebars and
// pop-ups.
var htmlFurniture = map[string]bool{"nav": true, "aside": true, "dialog": true}

// htmlSkipRoles are ARIA roles of page furniture: site navigation, the
// site's banner and footer, sidebars, search, and pop-ups (cookie and
// newsletter dialogs).
var htmlSkipRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"search": true, "dialog": true, "alertdialog": true,
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

// cookieBannerMax is the most text an element named for cookies or consent
// may hold to be left out as a cookie banner; a larger one is a page
// wrapper with a class such as "cookies-accepted".
const cookieBannerMax = 1000

// extractHTML returns the article text of an HTML page and its metadata:
// title, then author, date, description and keywords from <meta> tags.
//
// Page furniture is left out: scripts, styles, templates, SVG; nav, aside,
// dialog, form controls; a header that belongs to the page (one inside an
// article, section or main holds the headline and stays); every footer;
// forms, unless one holds the page (formsHoldingPage: ASP.NET wraps whole
// pages in one form); elements that are hidden (the hidden attribute,
// aria-hidden="true", an inline style with display:none or
// visibility:hidden), that have a furniture ARIA role (htmlSkipRoles), or
// that are short and named for cookies or consent.
//
// When the page has a <main> element only it is read; else its <article>
// elements when it has some; else the whole body. The first visible <h1>
// outside what is read is put before it when what is read has none, so a
// headline above the article is kept as the whole-page reading kept it.
// Comments are dropped, entities decoded, whitespace collapsed (kept inside
// <pre>), and block elements become paragraph breaks.
//
// A page that this leaves without any text, though its body has some (the
// story marked up as an aside, or aria-hidden behind a pop-up when the page
// was saved), is read whole instead, furniture and hidden elements
// included; only htmlNeverText stays out. whole reports that fallback, so
// that the reader can warn: skipped, the page's text would be in no report,
// while furniture read in is there to be seen, at the page the warning
// names.
func extractHTML(data []byte) (text string, meta pipeline.Meta, whole bool) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return "", nil, false // html.Parse fails only on a read error
	}
	meta = htmlMeta(doc)
	body := findElement(doc, "body")
	if body == nil {
		return "", meta, false
	}
	p := &htmlPage{pageForms: formsHoldingPage(body)}
	x := &htmlText{page: p}
	regions := p.regions(body)
	if regions[0] != body {
		hasH1 := false
		for _, r := range regions {
			if p.findVisible(r, "h1") != nil {
				hasH1 = true
			}
		}
		if h1 := p.findVisible(body, "h1"); !hasH1 && h1 != nil {
			x.walk(h1)
		}
	}
	for _, r := range regions {
		x.walk(r)
	}
	if text = tidyLines(x.b.String()); text != "" {
		return text, meta, false
	}
	x = &htmlText{whole: true}
	x.walk(body)
	text = tidyLines(x.b.String())
	return text, meta, text != ""
}

// htmlMeta returns the page's title (its first <title> outside SVG) and its
// author, date, description and keywords <meta> values (the first of each).
func htmlMeta(doc *html.Node) pipeline.Meta {
	var title *html.Node
	var metas pipeline.Meta
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Namespace != "" {
				return // <title> inside SVG is a tooltip
			}
			switch n.Data {
			case "title":
				if title == nil {
					title = n
				}
				return
			case "meta":
				key := strings.ToLower(strings.TrimSpace(attr(n, "name")))
				content := strings.TrimSpace(attr(n, "content"))
				if htmlMetaNames[key] && content != "" {
					if _, dup := metas.Get(key); !dup {
						metas.Set(key, content)
					}
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	var meta pipeline.Meta
	if title != nil {
		var t strings.Builder
		for c := title.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				t.WriteString(c.Data)
			}
		}
		if s := strings.TrimSpace(collapseSpace(t.String())); s != "" {
			meta.Set("title", s)
		}
	}
	return append(meta, metas...)
}

// htmlPage holds what is decided once per page about its elements.
type htmlPage struct {
	pageForms map[*html.Node]bool // the forms that hold the page (formsHoldingPage)
}

// skip reports whether an element and its content are left out of the
// text: a form that does not hold the page, or anything skipElement leaves
// out.
func (p *htmlPage) skip(n *html.Node) bool {
	if n.Data == "form" && n.Namespace == "" && !p.pageForms[n] {
		return true
	}
	return skipElement(n)
}

// regions returns the elements of body whose text is read (see
// extractHTML).
func (p *htmlPage) regions(body *html.Node) []*html.Node {
	// <main> first: the story may stand in it beside <article> cards of
	// other stories, or with teaser <article>s outside it, and reading
	// only the articles would lose it. Furniture inside <main> is left out
	// as anywhere else.
	if mains := p.outermostVisible(body, "main"); len(mains) > 0 {
		return mains
	}
	if articles := p.outermostVisible(body, "article"); len(articles) > 0 {
		return articles
	}
	return []*html.Node{body}
}

// outermostVisible returns the visible elements named tag below n that are
// not inside another one.
func (p *htmlPage) outermostVisible(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || p.skip(c) {
			continue
		}
		if c.Data == tag && c.Namespace == "" {
			out = append(out, c)
			continue
		}
		out = append(out, p.outermostVisible(c, tag)...)
	}
	return out
}

// findVisible returns the first visible element named tag below n.
func (p *htmlPage) findVisible(n *html.Node, tag string) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || p.skip(c) {
			continue
		}
		if c.Data == tag && c.Namespace == "" {
			return c
		}
		if f := p.findVisible(c, tag); f != nil {
			return f
		}
	}
	return nil
}

// findElement returns the first element named tag in n (n included).
func findElement(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, tag); f != nil {
			return f
		}
	}
	return nil
}

func hasAncestor(n *html.Node, tags ...string) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Namespace == "" {
			for _, t := range tags {
				if p.Data == t {
					return true
				}
			}
		}
	}
	return false
}

// attr returns n's attribute key ("" if absent); ok says it is present.
func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// neverText reports whether an element's content is never text of the
// page: htmlNeverText, and SVG and MathML content (the parser puts it in a
// namespace).
func neverText(n *html.Node) bool {
	return n.Namespace != "" || htmlNeverText[n.Data]
}

// skipElement reports whether an element and its content are left out of
// the text (see extractHTML). Whether a form is left out is decided per
// page (htmlPage.skip); here a form is left out only as any element is,
// when it is hidden or has a furniture role.
func skipElement(n *html.Node) bool {
	if neverText(n) {
		return true
	}
	tag := n.Data
	if htmlFurniture[tag] {
		return true
	}
	switch tag {
	case "footer":
		return true
	case "header":
		// A header is the page's banner unless it belongs to an
		// article, section or main (HTML-AAM): that one holds the
		// headline and byline.
		return !hasAncestor(n, "article", "section", "main", "aside", "nav")
	}
	if _, ok := attrOK(n, "hidden"); ok {
		return true
	}
	if strings.EqualFold(strings.TrimSpace(attr(n, "aria-hidden")), "true") {
		return true
	}
	if style := attr(n, "style"); style != "" {
		st := strings.ToLower(strings.Join(strings.Fields(style), ""))
		if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
			return true
		}
	}
	for _, role := range strings.Fields(strings.ToLower(attr(n, "role"))) {
		if htmlSkipRoles[role] {
			return true
		}
	}
	switch tag {
	case "html", "body", "main", "article":
		return false
	}
	name := strings.ToLower(attr(n, "id") + " " + attr(n, "class"))
	if strings.Contains(name, "cookie") || strings.Contains(name, "consent") || strings.Contains(name, "gdpr") {
		return textLen(n, cookieBannerMax+1) <= cookieBannerMax
	}
	return false
}

// formsHoldingPage returns the forms below body that hold the page, and
// so are read, rather than standing in it as a search box, a newsletter
// sign-up or a comment form, which are left out. A form holds the page
// when it contains an article, main or h1 element, or when it holds more
// readable text than the page outside its forms (readableLen): ASP.NET
// wraps the whole page, however short, in one form, whose text is then
// all the page has. Form controls do not tell the two apart (the ASP.NET
// form holds its hidden state fields and often a search box or a login);
// where the page's text stands does.
//
// A sign-up or comment form with more prose than a very short story
// beside it is read with the story: text is added, none lost.
func formsHoldingPage(body *html.Node) map[*html.Node]bool {
	var forms []*html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.Data == "form" && c.Namespace == "" {
				forms = append(forms, c)
			}
			find(c)
		}
	}
	find(body)
	if len(forms) == 0 {
		return nil
	}
	outside := readableLen(body)
	page := make(map[*html.Node]bool)
	for _, f := range forms {
		if findElement(f, "article") != nil || findElement(f, "main") != nil || findElement(f, "h1") != nil ||
			readableLen(f) > outside {
			page[f] = true
		}
	}
	return page
}

// readableLen returns the bytes of text below n that are read when no form
// below it is: text in furniture (skipElement) and in forms does not
// count.
func readableLen(n *html.Node) int {
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			total += len(strings.TrimSpace(c.Data))
		case c.Type == html.ElementNode && (c.Data == "form" && c.Namespace == "" || skipElement(c)):
		default:
			total += readableLen(c)
		}
	}
	return total
}

// textLen returns the bytes of text below n, counting no further than max.
func textLen(n *html.Node, max int) int {
	total := 0
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil && total < max; c = c.NextSibling {
			if c.Type == html.TextNode {
				total += len(strings.TrimSpace(c.Data))
			}
			visit(c)
		}
	}
	visit(n)
	return total
}

// htmlText assembles the text of the elements read.
type htmlText struct {
	b     strings.Builder
	pre   int       // depth of <pre> elements
	page  *htmlPage // what is left out; nil with whole
	whole bool      // read everything but htmlNeverText (the fallback)
}

func (x *htmlText) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		t := n.Data
		if x.pre > 0 {
			x.b.WriteString(t)
			return
		}
		t = collapseSpace(t)
		if strings.HasPrefix(t, " ") && endsInSpace(&x.b) {
			t = t[1:]
		}
		x.b.WriteString(t)
		return
	case html.ElementNode:
		if x.whole && neverText(n) || !x.whole && x.page.skip(n) {
			return
		}
		switch n.Data {
		case "br":
			x.b.WriteString("\n")
			return
		case "td", "th":
			if !endsInSpace(&x.b) {
				x.b.WriteString(" ")
			}
			x.children(n)
			return
		case "pre":
			x.pre++
			defer func() { x.pre-- }()
		}
		block := htmlBlock[n.Data]
		if block {
			x.b.WriteString("\n\n")
		}
		x.children(n)
		if block {
			x.b.WriteString("\n\n")
		}
		return
	}
	x.children(n)
}

func (x *htmlText) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		x.walk(c)
	}
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
