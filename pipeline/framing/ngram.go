package framing

import (
	"sort"
	"strings"

	"github.com/techframe/techframe/lexicons"
	"github.com/techframe/techframe/pipeline"
)

// N-gram features of the learned combiner.
//
// Besides the 38 cue features, a model may carry weights for lower-cased
// word unigrams and bigrams of the sentence (lexicons.SentenceWords, so
// "China's" is "china 's"). Words inside a negation scope are prefixed
// "NOT_": the scope runs from just after a negator entry of the lexicon
// ("not", "no", "never", "rather than") over at most NegationWindow words,
// and stops at punctuation or a contrast word ("did not seek confrontation"
// gives "NOT_seek", "NOT_confrontation", "NOT_seek NOT_confrontation"). A
// sentence without any cue also has the n-gram NoCueGram. Each n-gram is
// counted once per sentence (presence, not frequency).
//
// At run time an n-gram is a 64-bit hash of its words (FNV-1a per word,
// mixed for bigrams): one map lookup per unigram and per bigram, no
// strings built and no regular expressions. The model file stores the
// n-grams as text ("ngram:trade war"); they are hashed when the file is
// read.

// NoCueGram is the n-gram present in every sentence without a cue: its
// weights are the combiner's prior for cue-less sentences.
const NoCueGram = "<no cue>"

// notPrefix marks a word inside a negation scope.
const notPrefix = "NOT_"

// gram is one n-gram occurrence: its hash and the words it spans.
type gram struct {
	key      uint64
	from, to int
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	negSalt   = 0x9e3779b97f4a7c15
	bigramMix = 0xff51afd7ed558ccd
)

func hashWord(w string, neg bool) uint64 {
	h := uint64(fnvOffset)
	if neg {
		h ^= negSalt
		h *= fnvPrime
	}
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= fnvPrime
	}
	return h
}

func hashBigram(a, b uint64) uint64 {
	h := a*bigramMix ^ (b + 0xc4ceb9fe1a85ec53)
	h ^= h >> 33
	h *= bigramMix
	h ^= h >> 29
	return h
}

var noCueKey = hashWord(NoCueGram, false)

// hashGramName hashes an n-gram as written in a model file ("trade war",
// "NOT_seek NOT_confrontation", NoCueGram); ok is false for a name that is
// not one or two words.
func hashGramName(name string) (uint64, bool) {
	if name == NoCueGram {
		return noCueKey, true
	}
	parts := strings.Split(name, " ")
	if len(parts) > 2 {
		return 0, false
	}
	var hs [2]uint64
	for i, p := range parts {
		neg := strings.HasPrefix(p, notPrefix)
		if neg {
			p = p[len(notPrefix):]
		}
		if p == "" {
			return 0, false
		}
		hs[i] = hashWord(p, neg)
	}
	if len(parts) == 1 {
		return hs[0], true
	}
	return hashBigram(hs[0], hs[1]), true
}

// negScope marks the words of a sentence that lie in a negation scope.
func (t *Tagger) negScope(words []lexicons.Word, hits []hit, used []bool, out []bool) []bool {
	if cap(out) < len(words) {
		out = make([]bool, len(words))
	}
	out = out[:len(words)]
	clear(out)
	for hi, h := range hits {
		if h.e.Frame != lexicons.FrameNegator || hi < len(used) && used[hi] {
			continue // a negator used up after its subject negates nothing after it
		}
		for k := h.to; k < len(words) && k < h.to+t.opts.NegationWindow; k++ {
			if words[k].Gap != lexicons.GapNone || clauseAt(words, hits, k) {
				break
			}
			out[k] = true
		}
	}
	return out
}

// clauseAt reports whether a hit opening a clause (opensClause) starts at
// word k, as the evidence's scope rules see it. Hits are in text order and
// do not overlap, so at most one starts there: a binary search keeps a
// long sentence with many negators linear.
func clauseAt(words []lexicons.Word, hits []hit, k int) bool {
	i := firstHit(hits, k)
	return i < len(hits) && hits[i].from == k && opensClause(words, k, hits[i])
}

// grams appends the hashed n-grams of a sentence (unigrams then bigrams in
// text order, repeats included; NoCueGram when cued is false).
func (t *Tagger) grams(words []lexicons.Word, hits []hit, cued bool, sc *scratch, out []gram) []gram {
	sc.neg = t.negScope(words, hits, sc.used, sc.neg)
	sc.uni = sc.uni[:0]
	for k, w := range words {
		h := hashWord(w.Norm, sc.neg[k])
		sc.uni = append(sc.uni, h)
		out = append(out, gram{key: h, from: k, to: k + 1})
	}
	for k := 1; k < len(words); k++ {
		out = append(out, gram{key: hashBigram(sc.uni[k-1], sc.uni[k]), from: k - 1, to: k + 1})
	}
	if !cued {
		out = append(out, gram{key: noCueKey})
	}
	return out
}

// gramNames returns the distinct n-gram names of a sentence, sorted (the
// training form of grams).
func (t *Tagger) gramNames(words []lexicons.Word, hits []hit, cued bool, sc *scratch) []string {
	sc.neg = t.negScope(words, hits, sc.used, sc.neg)
	name := func(k int) string {
		if sc.neg[k] {
			return notPrefix + words[k].Norm
		}
		return words[k].Norm
	}
	seen := map[string]bool{}
	for k := range words {
		seen[name(k)] = true
		if k > 0 {
			seen[name(k-1)+" "+name(k)] = true
		}
	}
	if !cued {
		seen[NoCueGram] = true
	}
	out := make([]string, 0, len(seen))
	for g := range seen {
		out = append(out, g)
	}
	sort.Strings(out)
	return out
}

// GramRow is one n-gram's weights in a model, per label in Labels order.
type GramRow struct {
	Name string
	W    [4]float64
}

// gramEvidenceMax bounds the n-gram Evidence records of one sentence.
const gramEvidenceMax = 5

// labelGrams labels the last sentence scanned with a model that has
// n-gram weights. A cued sentence keeps the cue constraint (Model.Label):
// a frame needs a counted cue for it. A cue-less sentence is neutral
// unless the model was trained with LabelCueless; then its label is the
// model's choice, and every frame it gives is traced by Evidence records
// for the n-grams that pushed it above neutral (lexicon: the model file,
// term: the n-gram, weight: its contribution).
func (t *Tagger) labelGrams(doc *pipeline.Document, si int, sc *scratch) string {
	m := t.model
	if !sc.cued && !m.LabelCueless {
		return Neutral
	}
	if sc.cued && t.gramTab != nil {
		if sc.feat[FCoopScore] <= 0 && sc.feat[FCompScore] <= 0 {
			// No frame has a counted cue: labelWith can only say
			// neutral, whatever the n-grams add.
			return Neutral
		}
		return m.labelWith(&sc.feat, t.gramScores(sc))
	}
	sc.grams = t.grams(sc.last, sc.hits, sc.cued, sc, sc.grams[:0])
	// Distinct rows present, in first-occurrence order.
	sc.rows = sc.rows[:0]
	var gs [4]float64
	kept := sc.grams[:0]
	for _, g := range sc.grams {
		r, ok := m.Grams[g.key]
		if !ok {
			continue
		}
		dup := false
		for _, x := range sc.rows {
			if x == r {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		sc.rows = append(sc.rows, r)
		kept = append(kept, g)
		for c := range gs {
			gs[c] += m.GramRows[r].W[c]
		}
	}
	if sc.cued {
		return m.labelWith(&sc.feat, gs)
	}
	var zero Features
	s := m.Scores(&zero)
	best, bestScore := Neutral, s[3]+gs[3]
	for c, l := range Labels[:3] {
		if v := s[c] + gs[c]; v > bestScore {
			best, bestScore = l, v
		}
	}
	if best == Neutral {
		return best
	}
	c := labelIndex(best)
	// The n-grams that pushed the label above neutral, strongest first.
	type contrib struct {
		k int
		w float64
	}
	var cs []contrib
	for k, r := range sc.rows {
		if kept[k].to == kept[k].from {
			continue // NoCueGram: a prior, not a word
		}
		if w := m.GramRows[r].W[c] - m.GramRows[r].W[3]; w > 0 {
			cs = append(cs, contrib{k, w})
		}
	}
	if len(cs) == 0 {
		return Neutral // nothing in the sentence's words to trace a frame to
	}
	sort.SliceStable(cs, func(a, b int) bool { return cs[a].w > cs[b].w })
	if len(cs) > gramEvidenceMax {
		cs = cs[:gramEvidenceMax]
	}
	words := sc.last
	for _, x := range cs {
		g, row := kept[x.k], &m.GramRows[sc.rows[x.k]]
		frame := best
		if best == Both {
			frame = Cooperation
			if row.W[1] > row.W[0] {
				frame = Competition
			}
		}
		ev := pipeline.Evidence{
			Term: row.Name, Frame: frame, Lexicon: m.Name, Weight: round6(x.w), Sent: si,
			Reason: "learned n-gram of the combiner (no lexicon cue in the sentence)",
		}
		if g.to > g.from {
			ev.Span = pipeline.Span{Start: words[g.from].Start, End: words[g.to-1].End}
		} else {
			s := doc.Sentences[si]
			ev.Span = pipeline.Span{Start: s.Start, End: s.Start}
		}
		sc.ev = append(sc.ev, ev)
	}
	return best
}

// gramScores sums the n-gram weights of the last sentence scanned (a cued
// one): each distinct row once, in the order grams lists the n-grams
// (unigrams, then bigrams), so the sums equal those of the general path
// in labelGrams to the last bit.
func (t *Tagger) gramScores(sc *scratch) [4]float64 {
	m := t.model
	words := sc.last
	sc.neg = t.negScope(words, sc.hits, sc.used, sc.neg)
	if len(sc.seen) < len(m.GramRows) {
		sc.seen = make([]uint32, len(m.GramRows))
		sc.stamp = 0
	}
	sc.stamp++
	if sc.stamp == 0 { // wrapped: forget every mark
		clear(sc.seen)
		sc.stamp = 1
	}
	var gs [4]float64
	tab := t.gramTab
	add := func(key uint64) {
		// The filter test here, without a call: most n-grams are absent.
		if f := gramFilterBit(key); tab.filter[f>>6]&(1<<(f&63)) == 0 {
			return
		}
		r := tab.get(key)
		if r < 0 || sc.seen[r] == sc.stamp {
			return
		}
		sc.seen[r] = sc.stamp
		w := &t.gramW[r]
		gs[0] += w[0]
		gs[1] += w[1]
		gs[2] += w[2]
		gs[3] += w[3]
	}
	sc.uni = sc.uni[:0]
	for k := range words {
		var h uint64
		if sc.neg[k] {
			h = hashWord(words[k].Norm, true)
		} else if h = words[k].Hash; h == 0 {
			h = hashWord(words[k].Norm, false)
		}
		sc.uni = append(sc.uni, h)
		add(h)
	}
	for k := 1; k < len(words); k++ {
		add(hashBigram(sc.uni[k-1], sc.uni[k]))
	}
	return gs
}

// gramTable maps n-gram hashes to model rows: open addressing with linear
// probing over a power-of-two table of (key, row) slots, plus a bit filter
// that rejects most absent n-grams with one load.
type gramTable struct {
	slots  []gramSlotKV
	filter []uint64
}

type gramSlotKV struct {
	key uint64
	row int32 // -1: empty
}

func newGramTable(index map[uint64]int32) *gramTable {
	size := 16
	for size < 2*len(index) {
		size *= 2
	}
	t := &gramTable{slots: make([]gramSlotKV, size), filter: make([]uint64, gramFilterWords)}
	for i := range t.slots {
		t.slots[i].row = -1
	}
	mask := uint64(size - 1)
	for k, r := range index {
		i := gramSlot(k) & mask
		for t.slots[i].row >= 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = gramSlotKV{key: k, row: r}
		f := gramFilterBit(k)
		t.filter[f>>6] |= 1 << (f & 63)
	}
	return t
}

// gramFilterWords is the filter size in 64-bit words (64 Ki bits).
const gramFilterWords = 1024

func gramSlot(k uint64) uint64      { return (k * 0x9E3779B97F4A7C15) >> 20 }
func gramFilterBit(k uint64) uint64 { return k >> 48 }

// get returns the row of key, or -1.
func (t *gramTable) get(key uint64) int32 {
	f := gramFilterBit(key)
	if t.filter[f>>6]&(1<<(f&63)) == 0 {
		return -1
	}
	mask := uint64(len(t.slots) - 1)
	for i := gramSlot(key) & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.row < 0 {
			return -1
		}
		if s.key == key {
			return s.row
		}
	}
}

// LabelExample is the label m gives a training example (its features and
// n-gram names): the same decision as the tagger's, without Evidence.
func LabelExample(m *Model, ex Example) string {
	if m.GramRows == nil {
		return LabelWith(m, ex.F)
	}
	if ex.F == nil && !m.LabelCueless {
		return Neutral
	}
	var gs [4]float64
	var pos [4]bool // a word n-gram pushes the label above neutral
	for _, name := range ex.Grams {
		key, ok := hashGramName(name)
		if !ok {
			continue
		}
		r, ok := m.Grams[key]
		if !ok {
			continue
		}
		w := m.GramRows[r].W
		for c := range gs {
			gs[c] += w[c]
			if name != NoCueGram && w[c]-w[3] > 0 {
				pos[c] = true
			}
		}
	}
	if ex.F != nil {
		return m.labelWith(ex.F, gs)
	}
	var zero Features
	s := m.Scores(&zero)
	best, bestScore := 3, s[3]+gs[3]
	for c := 0; c < 3; c++ {
		if v := s[c] + gs[c]; v > bestScore {
			best, bestScore = c, v
		}
	}
	if !pos[best] {
		return Neutral
	}
	return Labels[best]
}
