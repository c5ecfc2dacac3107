package ingest

import (
	"html"
	"regexp"
	"strings"
)

// Markdown markup patterns, compiled once. RE2 has no back-references, so
// each emphasis delimiter has its own pattern.
var (
	mdFence      = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
	mdRefDef     = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:\s*\S`)
	mdFootDef    = regexp.MustCompile(`^ {0,3}\[\^[^\]\s]+\]:[ \t]*`)
	mdBreak      = regexp.MustCompile(`^ {0,3}([-*_=])[ \t]*(?:[-*_=][ \t]*){2,}$`)
	mdHeading    = regexp.MustCompile(`^ {0,3}#{1,6}(?:[ \t]+|$)`)
	mdHeadingEnd = regexp.MustCompile(`[ \t]+#+[ \t]*$`)
	mdQuote      = regexp.MustCompile(`^ {0,3}>[ \t]?`)
	mdList       = regexp.MustCompile(`^[ \t]*([-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?`)
	mdSetext     = regexp.MustCompile(`^ {0,3}(?:=+|-+)[ \t]*$`)
	mdIndented   = regexp.MustCompile(`^(?: {4}|\t| {1,3}\t)`)
	mdTableRule  = regexp.MustCompile(`^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$`)
	mdImage      = regexp.MustCompile(`!\[[^\]]*\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])`)
	mdLink       = regexp.MustCompile(`\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)`)
	mdRefLink    = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	mdFootnote   = regexp.MustCompile(`\[\^[^\]]+\]`)
	mdAutolink   = regexp.MustCompile(`<((?:https?|ftp|mailto):[^<>\s]+|[^<>\s@]+@[^<>\s@]+)>`)
	mdComment    = regexp.MustCompile(`<!--.*?-->`)
	mdTag        = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>`)
	mdCode       = regexp.MustCompile("(`+)([^`]*)`+")
	mdStrong3    = regexp.MustCompile(`\*\*\*(\S(?:[^*]*\S)?)\*\*\*`)
	mdStrong     = regexp.MustCompile(`\*\*(\S(?:[^*]*\S)?)\*\*`)
	mdEm         = regexp.MustCompile(`\*(\S(?:[^*]*\S)?)\*`)
	mdUStrong    = regexp.MustCompile(`(^|[^\p{L}\p{N}_])__(\S(?:[^_]*\S)?)__($|[^\p{L}\p{N}_])`)
	mdUEm        = regexp.MustCompile(`(^|[^\p{L}\p{N}_])_(\S(?:[^_]*\S)?)_($|[^\p{L}\p{N}_])`)
	mdStrike     = regexp.MustCompile(`~~(\S(?:[^~]*\S)?)~~`)
	mdEscape     = regexp.MustCompile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!|>~<&])")
	mdEntity     = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)
)

// escapeBase is the start of the private-use range that holds escaped
// punctuation while emphasis is removed.
const escapeBase = 0xF0000

// cleanMarkdown removes Markdown markup and keeps the readable prose:
// heading markers, emphasis, backticks, images, link syntax (the link text
// stays), link reference definitions, footnote reference markers ([^1]),
// HTML tags and comments, block quotes, list markers and rules go; a
// footnote's definition keeps its text, as a paragraph of its own, and
// character references (&amp;, &nbsp;, &#233;) are decoded, as CommonMark
// does, except in code spans. Code blocks go whole, fenced or indented (four
// spaces or a tab after a blank line, outside a list): they are code, not
// prose. A pipe table (a row of cells, then a delimiter row such as
// |---|:-:|) keeps its cells' text: each row becomes its own paragraph with
// its cells joined by "; ", so that no pipe is read and rows are not run
// together into one sentence.
//
// Blocks are kept apart as html.go keeps them: a heading (ATX or setext),
// each list item, a block quote, a rule and a code block each start a new
// paragraph ("\n\n"), since the tokenizer ends a sentence only at a blank
// line or sentence-final punctuation, and a heading or a bullet without a
// full stop would otherwise run into the next line's sentence. A line that
// continues a paragraph or a list item stays joined to it by "\n". As in
// CommonMark, an ordered item that does not start at 1 does not interrupt
// a paragraph ("ends in\n2030. The plan" is one paragraph, and keeps its
// "2030.").
func cleanMarkdown(src string) string {
	lines := strings.Split(src, "\n")
	out := make([]string, 0, len(lines))
	// newBlock ends the paragraph being written, if one is.
	newBlock := func() {
		if len(out) > 0 && out[len(out)-1] != "" {
			out = append(out, "")
		}
	}
	fence := ""
	inComment := false
	inList := false  // the last non-blank line was a list item or its continuation
	ordered := false // the last list item was an ordered one
	blankBefore := true
	inTable := false
	para := false    // the last line written is paragraph text that a line may continue
	pending := false // the next line written starts a new block
	depth := 0       // block-quote depth of the last non-blank line
	for i := 0; i < len(lines); i++ {
		ln := lines[i]
		if fence != "" {
			if m := mdFence.FindStringSubmatch(ln); m != nil && m[1][0] == fence[0] && len(m[1]) >= len(fence) &&
				strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(ln), fence[:1])) == "" {
				fence = ""
				blankBefore = true
			}
			continue
		}
		if inComment {
			end := strings.Index(ln, "-->")
			if end < 0 {
				continue
			}
			inComment = false
			ln = ln[end+3:]
		}
		blank := strings.TrimSpace(ln) == ""
		if inTable {
			if !blank && strings.Contains(ln, "|") {
				out = append(out, "", tableRow(ln))
				continue
			}
			inTable = false
			if !blank {
				out = append(out, "") // a paragraph right after the table is its own
			}
		}
		if !blank && blankBefore && !inList && mdIndented.MatchString(ln) {
			// An indented code block runs on over blank lines while
			// its lines stay indented.
			for i+1 < len(lines) && (mdIndented.MatchString(lines[i+1]) || strings.TrimSpace(lines[i+1]) == "") {
				i++
			}
			blankBefore, para, pending = true, false, true
			continue
		}
		if m := mdFence.FindStringSubmatch(ln); m != nil {
			fence = m[1]
			para, pending = false, true
			continue
		}
		ln = mdComment.ReplaceAllString(ln, "")
		if i := strings.Index(ln, "<!--"); i >= 0 {
			inComment = true
			ln = ln[:i]
		}
		if strings.Contains(ln, "|") && i+1 < len(lines) && isTableRule(lines[i+1]) {
			if len(out) > 0 && out[len(out)-1] != "" {
				out = append(out, "") // each row a paragraph, the header row too
			}
			out = append(out, tableRow(ln))
			i++ // the delimiter row
			inTable = true
			blankBefore, inList, para, pending = false, false, false, true
			continue
		}
		blankBefore = blank
		// A block quote's markers go; entering a deeper quote starts a
		// block, while a line that leaves it continues its paragraph
		// (CommonMark's lazy continuation).
		d := 0
		for mdQuote.MatchString(ln) {
			ln = mdQuote.ReplaceAllString(ln, "")
			d++
		}
		if strings.TrimSpace(ln) == "" {
			out = append(out, "")
			para, pending, depth = false, false, d
			continue
		}
		if d > depth {
			pending = true
		}
		if d > 0 || !para {
			depth = d // a lazy line does not leave the quote
		}
		if mdSetext.MatchString(ln) && para || mdBreak.MatchString(ln) || isTableRule(ln) {
			// A rule, or the underline that makes the paragraph above a
			// heading: either ends the block.
			inList, para, pending = false, false, true
			continue
		}
		if loc := mdFootDef.FindStringIndex(ln); loc != nil {
			// A footnote's text is prose: it is kept as a block of its
			// own, and its indented paragraphs, like a list item's, are
			// not code.
			newBlock()
			inList, ordered, para, pending = true, false, false, true
			if ln = ln[loc[1]:]; strings.TrimSpace(ln) != "" {
				out = append(out, cleanInline(ln))
				para, pending = true, false
			}
			continue
		}
		if mdRefDef.MatchString(ln) {
			inList, para = false, false
			continue
		}
		item, start := false, false
		if m := mdList.FindStringSubmatch(ln); m != nil {
			isOrdered := m[1] != "-" && m[1] != "*" && m[1] != "+"
			// Only an unordered item or one numbered 1 interrupts a
			// paragraph; a later item of an ordered list may follow one.
			if !para || !isOrdered || inList && ordered || strings.TrimLeft(m[1][:len(m[1])-1], "0") == "1" {
				item, ordered = true, isOrdered
				ln = ln[len(m[0]):]
			}
		}
		switch {
		case item:
			inList, start = true, true
		case !mdIndented.MatchString(ln) && !strings.HasPrefix(ln, "  ") && !para:
			inList = false
		}
		if loc := mdHeading.FindStringIndex(ln); loc != nil {
			newBlock()
			out = append(out, cleanInline(mdHeadingEnd.ReplaceAllString(ln[loc[1]:], "")))
			para, pending = false, true
			continue
		}
		if start || pending {
			newBlock()
		}
		out = append(out, cleanInline(ln))
		para, pending = true, false
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// isTableRule reports whether ln is a table's delimiter row (|---|:-:|).
func isTableRule(ln string) bool {
	return mdTableRule.MatchString(ln) && strings.Contains(ln, "-") && strings.Contains(ln, "|")
}

// tableRow returns a table row's cells, inline markup removed, joined by
// "; ". A pipe escaped with a backslash stays in its cell.
func tableRow(ln string) string {
	ln = strings.TrimSpace(ln)
	ln = strings.TrimPrefix(ln, "|")
	if strings.HasSuffix(ln, "|") && !strings.HasSuffix(ln, "\\|") {
		ln = ln[:len(ln)-1]
	}
	var cells []string
	start := 0
	for j := 0; j < len(ln); j++ {
		switch ln[j] {
		case '\\':
			j++ // an escaped character, \| included
		case '|':
			cells = append(cells, ln[start:j])
			start = j + 1
		}
	}
	cells = append(cells, ln[start:])
	kept := cells[:0]
	for _, c := range cells {
		if c = strings.TrimSpace(cleanInline(strings.TrimSpace(c))); c != "" {
			kept = append(kept, c)
		}
	}
	return strings.Join(kept, "; ")
}

// cleanInline removes inline Markdown from one line and decodes its
// character references. A reference is decoded last, so that what it stands
// for is never read as markup (&lt;b&gt; is the text "<b>", &#42; a star);
// one escaped with a backslash (\&amp;) or inside a code span stays as
// written.
func cleanInline(ln string) string {
	protect := !strings.ContainsFunc(ln, isEscapeRune)
	if protect && strings.Contains(ln, `\`) {
		ln = mdEscape.ReplaceAllStringFunc(ln, func(m string) string { return string(rune(escapeBase + int(m[1]))) })
	}
	// A code span's "&" is held as an escape, so that it is not decoded
	// (on a line that already holds such private-use runes, it is).
	if protect && strings.Contains(ln, "&") {
		ln = mdCode.ReplaceAllStringFunc(ln, func(m string) string {
			return strings.ReplaceAll(mdCode.FindStringSubmatch(m)[2], "&", string(rune(escapeBase+'&')))
		})
	} else {
		ln = mdCode.ReplaceAllString(ln, "$2")
	}
	ln = mdFootnote.ReplaceAllString(ln, "") // before links: "[^1][^2]" is no reference link
	ln = mdImage.ReplaceAllString(ln, "")
	ln = mdLink.ReplaceAllString(ln, "$1")
	ln = mdRefLink.ReplaceAllString(ln, "$1")
	ln = mdAutolink.ReplaceAllString(ln, "$1")
	ln = mdTag.ReplaceAllString(ln, "")
	ln = mdStrong3.ReplaceAllString(ln, "$1")
	ln = mdStrong.ReplaceAllString(ln, "$1")
	ln = mdEm.ReplaceAllString(ln, "$1")
	ln = mdUStrong.ReplaceAllString(ln, "$1$2$3")
	ln = mdUEm.ReplaceAllString(ln, "$1$2$3")
	ln = mdStrike.ReplaceAllString(ln, "$1")
	if strings.Contains(ln, "&") {
		ln = mdEntity.ReplaceAllStringFunc(ln, func(m string) string {
			r := html.UnescapeString(m)
			if strings.ContainsFunc(r, isEscapeRune) {
				return m // a private-use rune that would be read as an escape
			}
			if r == "\n" || r == "\r" {
				return " " // &#10; is white space, as in HTML, not a line break
			}
			return r
		})
	}
	if protect {
		ln = strings.Map(func(r rune) rune {
			if isEscapeRune(r) {
				return r - escapeBase
			}
			return r
		}, ln)
	}
	return ln
}

// isEscapeRune reports whether r is in the private-use range that holds
// escaped punctuation.
func isEscapeRune(r rune) bool { return r >= escapeBase && r < escapeBase+128 }
