package lexicons

import (
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
	// lit is the number of literal (non-'*') bytes of each pattern, by id:
	// between two globs matching the same words, the one spelling more
	// of them is the more specific ("hackathon*" over "hack*").
	lit []int
}

// The fields a walk reads at every node (ids, the literal children, tab,
// gt) come first, so that they share the node's first cache lines.
type node struct {
	ids []int
	// next is a bit set over the hashes of the literal children's words
	// (nextBit), all ones when the node has glob children: a word whose
	// bit is clear leads nowhere from here. MatchCache copies it, so that
	// the common first words ("the", "of", "in") are followed by a word
	// that continues no pattern without reading the node.
	next uint64
	// litKeys/litKids are the literal children in insertion order: a node
	// with few of them is searched by comparing strings, without hashing.
	litKeys []string
	litKids []*node
	// tab is an open-addressing table over the literal words' hashes
	// (Word.Hash) at a node with more than smallLit of them: a lookup is a
	// probe or two with the hash the word already carries.
	tab *litTable
	// gt indexes globs by their literal prefix (the text before the first
	// '*') in a byte trie: a word walks it once, byte by byte, and tests only
	// the globs whose prefix it has.
	gt *globTrie
	// filter is a bit set over the hashes of the literal words of a node
	// with many of them (the root): most words of a text start no pattern,
	// and the filter rejects them with one load.
	filter *[filterWords]uint64
	// pairs is set with filter, at the root: direct marks the first words
	// of patterns that are one word long or go on with a glob, pair the
	// (first word, second word) pairs of the others. A common word that
	// only opens longer patterns ("the", "of") is then dropped by one
	// more load when the next word does not continue any of them
	// (Matcher.MayStartAt).
	pairs *pairFilter
	globs []globEdge
	// gfilter is a bit set over the first three bytes (hashed) of the
	// root's glob prefixes: a word of three or more bytes whose first
	// three are not marked starts no glob, and the trie walk is skipped.
	// A glob prefix of two bytes marks all 256 third bytes; one of fewer
	// than two bytes turns the filter off (gall).
	gfilter *[filterWords]uint64
	// gfilter4 is the same over the first four bytes, for words of four
	// or more bytes; a glob prefix of three bytes marks all 256 fourth
	// bytes.
	gfilter4 *[filterWords]uint64
	gall     bool
	// gshort is set at the root when some glob there has at most two
	// bytes besides its '*'s, so that it may match a word of one or two
	// bytes (too short for the prefix filters). Without one, such a word
	// starts a pattern only as a literal.
	gshort bool
}

type globEdge struct {
	pat   string
	child *node
}

// globTrie is a byte trie over glob prefixes. Node 0 is the root (the empty
// prefix, as in "*-led").
type globTrie struct {
	nodes []gtNode
}

type gtNode struct {
	keys  string  // child bytes, parallel to kids
	kids  []int32 // child node indices
	edges []globEdge
	// table maps a byte to its child index + 1 (0: none) at nodes with
	// many children (the root letters), so that a step is one load.
	table *[256]int32
}

// tableKids is the number of children from which a node gets a table.
const tableKids = 4

func (t *globTrie) add(prefix string, g globEdge) {
	if len(t.nodes) == 0 {
		t.nodes = append(t.nodes, gtNode{})
	}
	n := 0
	for i := 0; i < len(prefix); i++ {
		k := strings.IndexByte(t.nodes[n].keys, prefix[i])
		if k < 0 {
			t.nodes = append(t.nodes, gtNode{})
			t.nodes[n].keys += prefix[i : i+1]
			t.nodes[n].kids = append(t.nodes[n].kids, int32(len(t.nodes)-1))
			k = len(t.nodes[n].kids) - 1
			if nd := &t.nodes[n]; len(nd.kids) >= tableKids {
				if nd.table == nil {
					nd.table = new([256]int32)
					for x := 0; x < len(nd.keys); x++ {
						nd.table[nd.keys[x]] = nd.kids[x] + 1
					}
				}
				nd.table[prefix[i]] = nd.kids[k] + 1
			}
		}
		n = int(t.nodes[n].kids[k])
	}
	t.nodes[n].edges = append(t.nodes[n].edges, g)
}

// pairFilter holds the root's direct and pair bit sets (node.pairs).
type pairFilter struct {
	direct, pair [filterWords]uint64
}

// pairBit is the bit of a pair of words in pairFilter.pair.
func pairBit(h1, h2 uint64) uint64 {
	return ((h1 ^ h2*0xD6E8FEB86659FD93) * 0x9E3779B97F4A7C15) >> 48
}

// Add inserts a pattern (lower-cased word patterns, as from SplitTerm) with
// the caller's id.
func (m *Matcher) Add(words []string, id int) {
	if id >= 0 {
		for len(m.lit) <= id {
			m.lit = append(m.lit, 0)
		}
		n := 0
		for _, w := range words {
			n += len(w) - strings.Count(w, "*")
		}
		m.lit[id] = n
	}
	if len(words) > 0 && !strings.Contains(words[0], "*") {
		r := &m.root
		if r.pairs == nil {
			r.pairs = new(pairFilter)
		}
		h := HashNorm(words[0])
		if len(words) == 1 || strings.Contains(words[1], "*") {
			f := filterBit(h)
			r.pairs.direct[f>>6] |= 1 << (f & 63)
		} else {
			f := pairBit(h, HashNorm(words[1]))
			r.pairs.pair[f>>6] |= 1 << (f & 63)
		}
	}
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
				n.next = ^uint64(0)
				if n.gt == nil {
					n.gt = &globTrie{}
				}
				prefix := w[:strings.IndexByte(w, '*')]
				n.gt.add(prefix, g)
				if n == &m.root {
					n.markGlobPrefix(prefix)
					if len(w)-strings.Count(w, "*") <= 2 {
						n.gshort = true
					}
				}
			}
			n = next
			continue
		}
		h := HashNorm(w)
		next := n.litChild(h, w)
		if next == nil {
			next = &node{}
			n.litKeys = append(n.litKeys, w)
			n.litKids = append(n.litKids, next)
			n.next |= 1 << nextBit(h)
			switch {
			case n.tab != nil:
				n.tab.put(h, w, next)
			case len(n.litKeys) > smallLit:
				n.tab = &litTable{}
				for x, k := range n.litKeys {
					n.tab.put(HashNorm(k), k, n.litKids[x])
				}
			}
			if n == &m.root {
				if n.filter == nil {
					n.filter = new([filterWords]uint64)
				}
				f := filterBit(h)
				n.filter[f>>6] |= 1 << (f & 63)
			}
		}
		n = next
	}
	n.ids = append(n.ids, id)
	m.size++
}

// nextBit is a word's bit (0-63) in node.next, from its HashNorm.
func nextBit(h uint64) uint64 {
	return ((h ^ h>>29) * 0xBF58476D1CE4E5B9) >> 58
}

// litChild returns the literal child for word w (hash h), or nil.
func (n *node) litChild(h uint64, w string) *node {
	if n.tab != nil {
		return n.tab.get(h, w)
	}
	for x, k := range n.litKeys {
		if k == w {
			return n.litKids[x]
		}
	}
	return nil
}

// Len returns the number of patterns added.
func (m *Matcher) Len() int { return m.size }

// Candidate is one pattern that matches words[From:To].
type Candidate struct {
	ID       int
	From, To int
	// Globs is the number of glob words used: fewer is more specific.
	Globs int
	// Lit is the number of literal bytes of the pattern: between patterns
	// with as many globs, more is more specific.
	Lit int
}

// Candidates appends to dst every pattern matching at words[i], with the
// match ending no later than limit (exclusive). They are ordered best first:
// longest, then fewest globs, then most literal bytes, then lowest id.
func (m *Matcher) Candidates(words []Word, i, limit int, dst []Candidate) []Candidate {
	return m.CandidatesCached(words, i, limit, dst, nil)
}

// CandidatesCached is Candidates with a cache of the matcher's first step
// (which root children a word leads to). Words repeat heavily, so most
// words that may start a pattern find their first step there instead of
// in the literal table and the glob trie. The cache belongs to one
// goroutine at a time (keep it in per-worker scratch); nil means none.
func (m *Matcher) CandidatesCached(words []Word, i, limit int, dst []Candidate, cache *MatchCache) []Candidate {
	start := len(dst)
	if cache != nil && i < limit && i < len(words) && m.root.tab != nil {
		dst = m.walkRoot(words, i, limit, dst, cache)
	} else {
		dst = walk(&m.root, words, i, i, limit, 0, dst)
	}
	m.sortCandidates(dst[start:])
	return dst
}

// sortCandidates orders candidates best first (better) by insertion sort:
// candidate lists are short, and sort.Slice allocates.
func (m *Matcher) sortCandidates(c []Candidate) {
	for k := range c {
		if c[k].ID >= 0 && c[k].ID < len(m.lit) {
			c[k].Lit = m.lit[c[k].ID]
		}
	}
	for a := 1; a < len(c); a++ {
		for b := a; b > 0 && better(c[b], c[b-1]); b-- {
			c[b], c[b-1] = c[b-1], c[b]
		}
	}
}

// better orders candidates best first: longest, then fewest globs, then
// most literal bytes ("hackathon*" before "hack*"), then lowest id.
func better(x, y Candidate) bool {
	if x.To != y.To {
		return x.To > y.To
	}
	if x.Globs != y.Globs {
		return x.Globs < y.Globs
	}
	if x.Lit != y.Lit {
		return x.Lit > y.Lit
	}
	return x.ID < y.ID
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
	if n.tab == nil {
		for x, k := range n.litKeys {
			if k == w {
				dst = walk(n.litKids[x], words, from, j+1, limit, globs, dst)
				break
			}
		}
	} else {
		h := words[j].hashOf()
		pass := true
		if n.filter != nil {
			f := filterBit(h)
			pass = n.filter[f>>6]&(1<<(f&63)) != 0
		}
		if pass {
			if next := n.tab.get(h, w); next != nil {
				dst = walk(next, words, from, j+1, limit, globs, dst)
			}
		}
	}
	if n.gt != nil && !n.gall && n.gfilter != nil && len(w) >= 3 {
		if len(w) >= 4 {
			f := prefix4Bit(w[0], w[1], w[2], w[3])
			if n.gfilter4[f>>6]&(1<<(f&63)) == 0 {
				return dst
			}
		} else if f := prefix3Bit(w[0], w[1], w[2]); n.gfilter[f>>6]&(1<<(f&63)) == 0 {
			return dst
		}
	}
	if n.gt != nil {
		t := n.gt
		k := 0
		for d := 0; ; d++ {
			for _, g := range t.nodes[k].edges {
				if Glob(g.pat, w) {
					dst = walk(g.child, words, from, j+1, limit, globs+1, dst)
				}
			}
			if d == len(w) {
				break
			}
			nd := &t.nodes[k]
			if nd.table != nil {
				next := nd.table[w[d]]
				if next == 0 {
					break
				}
				k = int(next - 1)
				continue
			}
			x := -1
			for y := 0; y < len(nd.keys); y++ {
				if nd.keys[y] == w[d] {
					x = y
					break
				}
			}
			if x < 0 {
				break
			}
			k = int(nd.kids[x])
		}
	}
	return dst
}

// MatchCache remembers, per word, the first step of a Matcher's walk: the
// root's literal child and the glob children whose pattern the word
// matches. It is direct-mapped by the word's hash (an entry is replaced
// by the next word mapping to its slot) and verified by the word itself,
// so it never changes a result. Entries hold a copy of the word's bytes,
// not the word, so the cache pins no document text. The zero value is ready to use; it serves
// one Matcher at a time (switching matchers empties it).
type MatchCache struct {
	m    *Matcher
	ents []cacheEnt
}

// cacheSize is the number of MatchCache entries (a power of two).
const cacheSize = 1 << cacheBits

const cacheBits = 12

// cacheGlobs is the most glob children an entry holds; a word matching
// more is not cached.
const cacheGlobs = 2

// cacheWordLen is the longest word cached (an entry fills 64 bytes).
const cacheWordLen = 21

type cacheEnt struct {
	hash  uint64
	lit   *node
	globs [cacheGlobs]*node
	// next and litIDs are lit's next and whether it has ids (lit's own
	// patterns end at this word).
	next   uint64
	ng     int8
	n      uint8 // the word's length; 0: an empty entry
	litIDs bool
	norm   [cacheWordLen]byte
}

// rootStep returns the cache entry of word w (hash h) at the root,
// computing it on a miss; nil when the word's step cannot be cached.
func (c *MatchCache) rootStep(m *Matcher, h uint64, w string) *cacheEnt {
	if c.m != m || c.ents == nil {
		// The zero entry is empty (n == 0: no word is empty), so a new
		// cache needs no filling.
		if c.ents == nil {
			c.ents = make([]cacheEnt, cacheSize)
		} else {
			clear(c.ents)
		}
		c.m = m
	}
	if len(w) > cacheWordLen {
		return nil
	}
	e := &c.ents[(h*0x9E3779B97F4A7C15)>>(64-cacheBits)]
	if e.n != 0 && e.hash == h && int(e.n) == len(w) && string(e.norm[:e.n]) == w {
		return e
	}
	n := &m.root
	var globs [cacheGlobs]*node
	ng := 0
	if n.gt != nil {
		t := n.gt
		k := 0
		for d := 0; ; d++ {
			for _, g := range t.nodes[k].edges {
				if Glob(g.pat, w) {
					if ng == cacheGlobs {
						return nil
					}
					globs[ng] = g.child
					ng++
				}
			}
			if d == len(w) {
				break
			}
			k = t.step(k, w[d])
			if k < 0 {
				break
			}
		}
	}
	lit := n.tab.get(h, w)
	*e = cacheEnt{hash: h, lit: lit, globs: globs, ng: int8(ng), n: uint8(len(w))}
	if lit != nil {
		e.next, e.litIDs = lit.next, len(lit.ids) > 0
	}
	copy(e.norm[:], w)
	return e
}

// step returns the child of trie node k for byte b, or -1.
func (t *globTrie) step(k int, b byte) int {
	nd := &t.nodes[k]
	if nd.table != nil {
		return int(nd.table[b]) - 1
	}
	for y := 0; y < len(nd.keys); y++ {
		if nd.keys[y] == b {
			return int(nd.kids[y])
		}
	}
	return -1
}

// MayStart reports whether some pattern may start at word w. False is
// certain (Candidates at w finds nothing); true is a filter's guess. It
// costs a load or two, so a caller scanning words can skip most of them
// without calling Candidates.
func (m *Matcher) MayStart(w *Word) bool {
	n := &m.root
	if n.filter == nil {
		return true // no filter: the root is searched by comparison
	}
	if f := filterBit(w.hashOf()); n.filter[f>>6]&(1<<(f&63)) != 0 {
		return true
	}
	// No literal child; only globs remain, behind their own filters.
	return m.mayStartGlob(w)
}

// mayStartGlob reports whether a root glob may match word w (false is
// certain).
func (m *Matcher) mayStartGlob(w *Word) bool {
	n := &m.root
	if n.gt == nil {
		return false
	}
	s := w.Norm
	switch {
	case n.gall || n.gfilter == nil:
		return true
	case len(s) < 3:
		// A glob matches only words at least as long as its bytes
		// besides the '*'s.
		return n.gshort
	case len(s) >= 4:
		f := prefix4Bit(s[0], s[1], s[2], s[3])
		return n.gfilter4[f>>6]&(1<<(f&63)) != 0
	default:
		f := prefix3Bit(s[0], s[1], s[2])
		return n.gfilter[f>>6]&(1<<(f&63)) != 0
	}
}

// MayStartAt is MayStart for the word at words[i], with the matching
// bounded by limit (as in Candidates): it also rules out a literal first
// word that only opens longer patterns when words[i+1] continues none of
// them. False is certain; true is a guess.
func (m *Matcher) MayStartAt(words []Word, i, limit int) bool {
	n := &m.root
	if n.filter == nil || n.pairs == nil {
		return true
	}
	w := &words[i]
	h := w.hashOf()
	if f := filterBit(h); n.filter[f>>6]&(1<<(f&63)) != 0 {
		if n.pairs.direct[f>>6]&(1<<(f&63)) != 0 {
			return true
		}
		if i+1 < limit && i+1 < len(words) {
			if f := pairBit(h, words[i+1].hashOf()); n.pairs.pair[f>>6]&(1<<(f&63)) != 0 {
				return true
			}
		}
	}
	return m.mayStartGlob(w)
}

// NextCandidates finds the first position from i on (before limit) where
// some pattern matches and appends its candidates to dst, ordered as by
// CandidatesCached. It returns limit and dst unchanged when no pattern
// matches at any position. It is the scanning loop of a tagger: the root
// filters (MayStartAt) run once per word, inline, and only the words they
// pass are looked up.
func (m *Matcher) NextCandidates(words []Word, i, limit int, dst []Candidate, cache *MatchCache) (int, []Candidate) {
	limit = min(limit, len(words))
	n := &m.root
	if n.filter == nil || n.pairs == nil || cache == nil || n.tab == nil {
		for ; i < limit; i++ {
			k := len(dst)
			if dst = m.CandidatesCached(words, i, limit, dst, cache); len(dst) > k {
				return i, dst
			}
		}
		return limit, dst
	}
	filter, direct, pair := n.filter, &n.pairs.direct, &n.pairs.pair
	for ; i < limit; i++ {
		h := words[i].hashOf()
		pass := false
		if f := filterBit(h); filter[f>>6]&(1<<(f&63)) != 0 {
			if direct[f>>6]&(1<<(f&63)) != 0 {
				pass = true
			} else if i+1 < limit {
				f := pairBit(h, words[i+1].hashOf())
				pass = pair[f>>6]&(1<<(f&63)) != 0
			}
		}
		if !pass && !m.mayStartGlob(&words[i]) {
			continue
		}
		k := len(dst)
		dst = m.stepRoot(words, i, limit, dst, cache)
		if len(dst) > k {
			m.sortCandidates(dst[k:])
			return i, dst
		}
	}
	return limit, dst
}

// walkRoot is walk at the root (j == from) with the first step taken from
// the cache. Words that the root filters reject start no pattern and skip
// the cache; the order of the candidates is walk's.
func (m *Matcher) walkRoot(words []Word, from, limit int, dst []Candidate, cache *MatchCache) []Candidate {
	if !m.MayStartAt(words, from, limit) {
		return dst
	}
	return m.stepRoot(words, from, limit, dst, cache)
}

// stepRoot is walkRoot after the root filters passed words[from].
func (m *Matcher) stepRoot(words []Word, from, limit int, dst []Candidate, cache *MatchCache) []Candidate {
	n := &m.root
	w := words[from].Norm
	h := words[from].hashOf()
	e := cache.rootStep(m, h, w)
	if e == nil {
		return walk(n, words, from, from, limit, 0, dst)
	}
	// The literal child yields nothing unless a pattern ends there or the
	// next word may continue one (its bit in the child's next).
	if e.lit != nil && (e.litIDs || from+1 < limit && from+1 < len(words) && e.next&(1<<nextBit(words[from+1].hashOf())) != 0) {
		dst = walk(e.lit, words, from, from+1, limit, 0, dst)
	}
	for x := 0; x < int(e.ng); x++ {
		dst = walk(e.globs[x], words, from, from+1, limit, 1, dst)
	}
	return dst
}

func (n *node) markGlobPrefix(prefix string) {
	if len(prefix) < 2 {
		n.gall = true
		return
	}
	if n.gfilter == nil {
		n.gfilter = new([filterWords]uint64)
		n.gfilter4 = new([filterWords]uint64)
	}
	set := func(f *[filterWords]uint64, bit uint32) { f[bit>>6] |= 1 << (bit & 63) }
	for c := 0; c < 256; c++ {
		// Every third byte for a two-byte prefix, every fourth byte for
		// a three-byte one.
		b := append([]byte(prefix[:min(len(prefix), 4)]), byte(c), byte(c))
		set(n.gfilter, prefix3Bit(b[0], b[1], b[2]))
		set(n.gfilter4, prefix4Bit(b[0], b[1], b[2], b[3]))
		if len(prefix) >= 4 {
			break
		}
	}
	if len(prefix) == 2 {
		// Any fourth byte after any third: no four-byte filtering.
		for c := 0; c < 256; c++ {
			for d := 0; d < 256; d++ {
				set(n.gfilter4, prefix4Bit(prefix[0], prefix[1], byte(c), byte(d)))
			}
		}
	}
}

// prefix3Bit hashes three bytes to a bit of a node's gfilter.
func prefix3Bit(a, b, c byte) uint32 {
	h := (uint32(a) | uint32(b)<<8 | uint32(c)<<16) * 0x9E3779B1
	return h >> 16
}

// prefix4Bit hashes four bytes to a bit of a node's gfilter4.
func prefix4Bit(a, b, c, d byte) uint32 {
	h := (uint32(a) | uint32(b)<<8 | uint32(c)<<16 | uint32(d)<<24) * 0x9E3779B1
	return h >> 16
}

// smallLit is the most literal children searched by comparison.
const smallLit = 6

// filterWords is the size of a node filter in 64-bit words (64 Ki bits).
const filterWords = 1024

// filterBit is a word's bit in a node filter: 16 bits of its hash, mixed
// so that they do not repeat the bits that place it in a litTable.
func filterBit(h uint64) uint64 {
	return (h * 0x9E3779B97F4A7C15) >> 48
}

// litTable is an open-addressing hash table (linear probing) from a literal
// word to its child node, keyed by HashNorm. It is filled while patterns
// are added and only read afterwards.
type litTable struct {
	slots []litSlot
	n     int
}

type litSlot struct {
	hash  uint64
	key   string
	child *node // nil: an empty slot
}

func (t *litTable) put(h uint64, key string, child *node) {
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.slots = make([]litSlot, max(16, 2*len(old)))
		t.n = 0
		for _, s := range old {
			if s.child != nil {
				t.put(s.hash, s.key, s.child)
			}
		}
	}
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.child == nil {
			*s = litSlot{hash: h, key: key, child: child}
			t.n++
			return
		}
		if s.hash == h && s.key == key {
			s.child = child
			return
		}
	}
}

func (t *litTable) get(h uint64, key string) *node {
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.child == nil {
			return nil
		}
		if s.hash == h && s.key == key {
			return s.child
		}
	}
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
