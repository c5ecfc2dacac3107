package ingest

import (
	"regexp"
	"strings"
)

// Markdown markup patterns, compiled once. RE2 has no back-references, so
// each emphasis delimiter has its own pattern.
var (
	mdFence      = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
	mdRefDef     = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:\s*\S`)
	mdBreak      = regexp.MustCompile(`^ {0,3}([-*_=])[ \t]*(?:[-*_=][ \t]*){2,}$`)
	mdHeading    = regexp.MustCompile(`^ {0,3}#{1,6}(?:[ \t]+|$)`)
	mdHeadingEnd = regexp.MustCompile(`[ \t]+#+[ \t]*$`)
	mdQuote      = regexp.MustCompile(`^ {0,3}>[ \t]?`)
	mdList       = regexp.MustCompile(`^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?`)
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
	mdEscape     = regexp.MustCompile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!|>~<])")
)

// escapeBase is the start of the private-use range that holds escaped
// punctuation while emphasis is removed.
const escapeBase = 0xF0000

// cleanMarkdown removes Markdown markup and keeps the readable text:
// heading markers, emphasis, code fences and backticks, images, link
// syntax (the link text stays), reference definitions, HTML tags and
// comments, block quotes, list markers, rules and table rules.
func cleanMarkdown(src string) string {
	lines := strings.Split(src, "\n")
	out := make([]string, 0, len(lines))
	fence := ""
	inComment := false
	for _, ln := range lines {
		if fence != "" {
			if m := mdFence.FindStringSubmatch(ln); m != nil && m[1][0] == fence[0] && len(m[1]) >= len(fence) &&
				strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(ln), fence[:1])) == "" {
				fence = ""
				continue
			}
			out = append(out, ln)
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
		if m := mdFence.FindStringSubmatch(ln); m != nil {
			fence = m[1]
			continue
		}
		ln = mdComment.ReplaceAllString(ln, "")
		if i := strings.Index(ln, "<!--"); i >= 0 {
			inComment = true
			ln = ln[:i]
		}
		if mdRefDef.MatchString(ln) || mdBreak.MatchString(ln) || mdTableRule.MatchString(ln) && strings.Contains(ln, "-") && strings.Contains(ln, "|") {
			continue
		}
		for mdQuote.MatchString(ln) {
			ln = mdQuote.ReplaceAllString(ln, "")
		}
		if loc := mdHeading.FindStringIndex(ln); loc != nil {
			ln = mdHeadingEnd.ReplaceAllString(ln[loc[1]:], "")
		}
		ln = mdList.ReplaceAllString(ln, "")
		out = append(out, cleanInline(ln))
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// cleanInline removes inline Markdown from one line.
func cleanInline(ln string) string {
	protect := !strings.ContainsFunc(ln, func(r rune) bool { return r >= escapeBase && r < escapeBase+128 })
	if protect && strings.Contains(ln, `\`) {
		ln = mdEscape.ReplaceAllStringFunc(ln, func(m string) string { return string(rune(escapeBase + int(m[1]))) })
	}
	ln = mdCode.ReplaceAllString(ln, "$2")
	ln = mdImage.ReplaceAllString(ln, "")
	ln = mdLink.ReplaceAllString(ln, "$1")
	ln = mdRefLink.ReplaceAllString(ln, "$1")
	ln = mdFootnote.ReplaceAllString(ln, "")
	ln = mdAutolink.ReplaceAllString(ln, "$1")
	ln = mdTag.ReplaceAllString(ln, "")
	ln = mdStrong3.ReplaceAllString(ln, "$1")
	ln = mdStrong.ReplaceAllString(ln, "$1")
	ln = mdEm.ReplaceAllString(ln, "$1")
	ln = mdUStrong.ReplaceAllString(ln, "$1$2$3")
	ln = mdUEm.ReplaceAllString(ln, "$1$2$3")
	ln = mdStrike.ReplaceAllString(ln, "$1")
	if protect {
		ln = strings.Map(func(r rune) rune {
			if r >= escapeBase && r < escapeBase+128 {
				return r - escapeBase
			}
			return r
		}, ln)
	}
	return ln
}
