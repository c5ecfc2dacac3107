package lexicons

import (
	"sort"
	"strings"
)

// Matcher is a trie over word patterns, compiled once and then shared
// read-only by many goroutines. A pattern word is a literal ("joint") or a
// glob with '*' standing for any run of characters ("cooperat*",
// "*-led"). Lookups go word by word through a map, so matching costs a few
// map probes per word whatever the number of entries.
type Matcher struct {
	root node
	size int
}

type node struct {
	lit   map[string]*node
	globs []globEdge
	// byPrefix indexes globs by their literal prefix (the text before the
	// first '*'); prefixLens lists the distinct prefix lengths, so a word
	// costs one map probe per length instead of one Glob call per pattern.
	byPrefix   map[string][]globEdge
	prefixLens []int
	ids        []int
}

type globEdge struct {
	pat   string
	child *node
}

// Add inserts a pattern (lower-cased word patterns, as from SplitTerm) with
// the caller's id.
func (m *Matcher) Add(words []string, id int) {
	n := &m.root
	for _, w := range words {
		if strings.Contains(w, "*") {
			var next *node
			for _, g := range n.globs {
				if g.pat == w {
					next = g.child
					break
				}
			}
			if next == nil {
				next = &node{}
				g := globEdge{pat: w, child: next}
				n.globs = append(n.globs, g)
				p := w[:strings.IndexByte(w, '*')]
				if n.byPrefix == nil {
					n.byPrefix = map[string][]globEdge{}
				}
				if _, ok := n.byPrefix[p]; !ok {
					n.prefixLens = insertLen(n.prefixLens, len(p))
				}
				n.byPrefix[p] = append(n.byPrefix[p], g)
			}
			n = next
			continue
		}
		if n.lit == nil {
			n.lit = map[string]*node{}
		}
		next := n.lit[w]
		if next == nil {
			next = &node{}
			n.lit[w] = next
		}
		n = next
	}
	n.ids = append(n.ids, id)
	m.size++
}

// Len returns the number of patterns added.
func (m *Matcher) Len() int { return m.size }

// Candidate is one pattern that matches words[From:To].
type Candidate struct {
	ID       int
	From, To int
	// Globs is the number of glob words used: fewer is more specific.
	Globs int
}

// Candidates appends to dst every pattern matching at words[i], with the
// match ending no later than limit (exclusive). They are ordered best first:
// longest, then fewest globs, then lowest id.
func (m *Matcher) Candidates(words []Word, i, limit int, dst []Candidate) []Candidate {
	start := len(dst)
	dst = walk(&m.root, words, i, i, limit, 0, dst)
	c := dst[start:]
	if len(c) < 2 {
		return dst
	}
	sort.Slice(c, func(a, b int) bool {
		if c[a].To != c[b].To {
			return c[a].To > c[b].To
		}
		if c[a].Globs != c[b].Globs {
			return c[a].Globs < c[b].Globs
		}
		return c[a].ID < c[b].ID
	})
	return dst
}

func walk(n *node, words []Word, from, j, limit, globs int, dst []Candidate) []Candidate {
	if j > from {
		for _, id := range n.ids {
			dst = append(dst, Candidate{ID: id, From: from, To: j, Globs: globs})
		}
	}
	if j >= limit || j >= len(words) {
		return dst
	}
	w := words[j].Norm
	if next := n.lit[w]; next != nil {
		dst = walk(next, words, from, j+1, limit, globs, dst)
	}
	for _, l := range n.prefixLens {
		if l > len(w) {
			break
		}
		for _, g := range n.byPrefix[w[:l]] {
			if Glob(g.pat, w) {
				dst = walk(g.child, words, from, j+1, limit, globs+1, dst)
			}
		}
	}
	return dst
}

func insertLen(lens []int, l int) []int {
	for i, x := range lens {
		if x == l {
			return lens
		}
		if x > l {
			lens = append(lens, 0)
			copy(lens[i+1:], lens[i:])
			lens[i] = l
			return lens
		}
	}
	return append(lens, l)
}

// Glob reports whether s matches pattern, where '*' matches any run of
// characters (including none) and everything else matches itself.
func Glob(pattern, s string) bool {
	star := strings.IndexByte(pattern, '*')
	if star < 0 {
		return pattern == s
	}
	if !strings.HasPrefix(s, pattern[:star]) {
		return false
	}
	s = s[star:]
	rest := pattern[star+1:]
	if rest == "" {
		return true
	}
	if !strings.Contains(rest, "*") {
		return strings.HasSuffix(s, rest)
	}
	for k := 0; k <= len(s); k++ {
		if Glob(rest, s[k:]) {
			return true
		}
	}
	return false
}
