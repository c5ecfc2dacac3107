// Package kwic finds concordance lines (keyword in context).
//
// A pattern is one of:
//
//	chips                 a word: a token whose normalised form matches (case-insensitive),
//	                      or a part of a hyphenated token ("china" finds the China
//	                      of "US-China"; the match is that part)
//	export control*       a phrase: consecutive tokens of one sentence; '*' in a word
//	                      matches any run of characters ("compet*")
//	frame:competition     the spans of framing evidence whose lexicon frame it is
//	                      (doc.Evidence; cues a rule set aside are left out). Negated
//	                      cues are listed too, and each line carries its cue (Line.Cue):
//	                      negated, hedged, weight, the frame it counted for and the
//	                      sentence's label. With Pattern.SetCounted the cues are
//	                      chosen by the frame they counted for instead.
//	entity:STATE_ACTOR    the spans of entities of that type (doc.Entities)
//	actor:China           the spans of entities whose canonical name is China
//
// The category prefixes (frame:, entity:, actor:) are matched
// case-insensitively; their values too.
package kwic

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/tokenize"
)

// Pattern is a compiled pattern.
type Pattern struct {
	Source string
	kind   string // "words", "frame", "entity", "actor"
	value  string
	words  []string
	// counted: frame: matches the frame a cue counted for
	// (Evidence.CountsFor), not its lexicon frame.
	counted bool
}

// Compile parses a pattern. An empty pattern is a usage error.
func Compile(p string) (*Pattern, error) {
	src := p
	p = strings.TrimSpace(p)
	if p == "" {
		return nil, pipeline.Usagef("kwic: empty pattern")
	}
	if k, v, ok := strings.Cut(p, ":"); ok && !strings.ContainsAny(k, " \t") {
		switch strings.ToLower(k) {
		case "frame", "entity", "actor":
			kind, v := strings.ToLower(k), strings.TrimSpace(v)
			if v == "" {
				return nil, pipeline.Usagef("kwic: pattern %q names no %s", src, kind)
			}
			// A misspelt frame or type would match nothing, silently.
			switch {
			case kind == "frame" && !slices.Contains(cueFrames, strings.ToLower(v)):
				return nil, pipeline.Usagef("kwic: pattern %q: cues have the frame %s", src, strings.Join(cueFrames, " or "))
			case kind == "entity" && !slices.Contains(entityTypes, strings.ToUpper(v)):
				return nil, pipeline.Usagef("kwic: pattern %q: entity types are %s", src, strings.Join(entityTypes, ", "))
			}
			return &Pattern{Source: src, kind: kind, value: v}, nil
		}
	}
	// The tokens' normal form (tokenize.NormalizeWord): "Détente" typed
	// with a combining accent finds "détente" written with a precomposed
	// one.
	words := strings.Fields(p)
	for i, w := range words {
		words[i] = tokenize.NormalizeWord(w)
	}
	return &Pattern{Source: src, kind: "words", words: words}, nil
}

// cueFrames are the frames of framing evidence (a sentence may be "both"
// or "neutral"; a cue is one or the other).
var cueFrames = []string{"cooperation", "competition"}

// entityTypes are the gazetteer's types and those --ner adds (GPE).
var entityTypes = []string{"STATE_ACTOR", "ORGANIZATION", "POLICY", "TECHNOLOGY", "PERSON", "EVENT", "CONCEPT", "GPE"}

// Kind returns what the pattern matches: "words", "frame", "entity" or
// "actor".
func (p *Pattern) Kind() string { return p.kind }

// Value returns what a frame:, entity: or actor: pattern names ("China").
func (p *Pattern) Value() string { return p.value }

// SetActor makes an actor: pattern match the entities with the canonical
// name canonical (the caller resolved an alias: actor:US is United
// States).
func (p *Pattern) SetActor(canonical string) { p.value = canonical }

// SetCounted makes a frame: pattern match the cues by the frame their weight
// counted for (pipeline.Evidence.CountsFor) rather than their lexicon
// frame: frame:cooperation then finds "did not seek confrontation", and
// frame:competition no longer does; cues that counted for nothing are left
// out. It is a usage error for other patterns.
func (p *Pattern) SetCounted() error {
	if p.kind != "frame" {
		return pipeline.Usagef("kwic: only frame: patterns can be matched by the frame a cue counted for, not %q", p.Source)
	}
	p.counted = true
	return nil
}

// NeedsAnnotations reports whether the pattern matches spans that the
// entity and framing stages fill (frame:, entity:, actor:).
func (p *Pattern) NeedsAnnotations() bool { return p.kind != "words" }

// glob matches s against a pattern where '*' is any run of characters.
func glob(pat, s string) bool {
	if !strings.Contains(pat, "*") {
		return pat == s
	}
	parts := strings.Split(pat, "*")
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	last := parts[len(parts)-1]
	for _, part := range parts[1 : len(parts)-1] {
		i := strings.Index(s, part)
		if i < 0 {
			return false
		}
		s = s[i+len(part):]
	}
	return len(s) >= len(last) && strings.HasSuffix(s, last)
}

// Hit is one match in a document.
type Hit struct {
	Span pipeline.Span
	// First and End are the tokens covered: Tokens[First:End].
	First, End int
	Sent       int
	// Cue is the framing evidence a frame: pattern matched, nil otherwise.
	Cue *pipeline.Evidence
	// Ent is the entity an entity: or actor: pattern matched, nil
	// otherwise.
	Ent *pipeline.Entity
}

func tokenNorm(d *pipeline.Document, i int) string {
	t := d.Tokens[i]
	if t.Norm != "" {
		return t.Norm
	}
	return strings.ToLower(d.Text[t.Start:t.End])
}

// Find returns the pattern's matches in d, in text order.
func (p *Pattern) Find(d *pipeline.Document) []Hit {
	var hits []Hit
	switch p.kind {
	case "words":
		n := len(p.words)
		// A one-word pattern without a hyphen also looks inside compounds.
		inParts := n == 1 && tokenize.HyphenParts(p.words[0]) == nil
		for i := 0; i+n <= len(d.Tokens); i++ {
			ok := true
			for k := 0; k < n; k++ {
				if d.Tokens[i+k].Sent != d.Tokens[i].Sent || !glob(p.words[k], tokenNorm(d, i+k)) {
					ok = false
					break
				}
			}
			if ok {
				hits = append(hits, Hit{Span: pipeline.Span{Start: d.Tokens[i].Start, End: d.Tokens[i+n-1].End}, First: i, End: i + n, Sent: d.Tokens[i].Sent})
			} else if inParts {
				hits = p.partHits(d, i, hits)
			}
		}
	case "frame":
		for i := range d.Evidence {
			e := &d.Evidence[i]
			f := e.Frame
			if p.counted {
				f = e.CountsFor()
			}
			if !e.Ignored && f != "" && strings.EqualFold(f, p.value) {
				h := spanHit(d, e.Span, e.Sent)
				h.Cue = e
				hits = append(hits, h)
			}
		}
	case "entity", "actor":
		for _, e := range d.Entities {
			v := e.Type
			if p.kind == "actor" {
				v = e.Canonical
			}
			if strings.EqualFold(v, p.value) {
				h := spanHit(d, e.Span, e.Sent)
				h.Ent = &e
				hits = append(hits, h)
			}
		}
		sort.SliceStable(hits, func(i, j int) bool { return hits[i].Span.Start < hits[j].Span.Start })
	}
	return hits
}

// spanHit finds the tokens covering a byte span.
// partHits appends the hits of a one-word pattern on the parts of token i
// when it is a hyphenated compound: "china" finds the China of
// "US-China" (the tokenizer keeps such compounds whole, as the Penn
// Treebank does, so the word is no token of its own). Each hit spans the
// part alone.
func (p *Pattern) partHits(d *pipeline.Document, i int, hits []Hit) []Hit {
	t := d.Tokens[i]
	text := d.Text[t.Start:t.End]
	for _, part := range tokenize.HyphenParts(text) {
		if glob(p.words[0], tokenize.NormalizeWord(text[part[0]:part[1]])) {
			hits = append(hits, Hit{Span: pipeline.Span{Start: t.Start + part[0], End: t.Start + part[1]}, First: i, End: i + 1, Sent: t.Sent})
		}
	}
	return hits
}

func spanHit(d *pipeline.Document, s pipeline.Span, sent int) Hit {
	first := sort.Search(len(d.Tokens), func(i int) bool { return d.Tokens[i].End > s.Start })
	end := first
	for end < len(d.Tokens) && d.Tokens[end].Start < s.End {
		end++
	}
	return Hit{Span: s, First: first, End: end, Sent: sent}
}

// Line is one concordance line.
type Line struct {
	DocID string
	Seq   int // document position in the input
	Sent  int
	Start int // byte offsets of the match in the document text
	End   int
	Left  string
	Match string
	Right string
	// Cue describes the framing cue of a frame: line; nil for other
	// patterns.
	Cue *Cue
	// Ent describes the entity of an entity: or actor: line; nil for
	// other patterns.
	Ent *Ent
}

// Ent is what a concordance line of an entity: or actor: pattern says
// about its entity and the frame of the sentence it stands in, so that a
// reader can check which actors stand beside which frame.
type Ent struct {
	Canonical, Type string
	Source          string // gazetteer or ner
	// SentenceFrame is the label of the entity's sentence (empty when
	// framing did not run).
	SentenceFrame string
}

// Cue is what a concordance line of a frame: pattern says about its cue, so
// that a reader auditing cues sees how each one was taken.
type Cue struct {
	Frame string // the cue's lexicon frame: cooperation or competition
	// CountsFor is the frame its weight counted for: Frame, the other
	// frame when Negated, "" when it counted for nothing.
	CountsFor       string
	Negated, Hedged bool
	// Weight is the effective weight, after negation, hedges and
	// concessions.
	Weight float64
	// SentenceFrame is the label the sentence was given (cooperation,
	// competition, both, neutral).
	SentenceFrame string
	Term          string // the lexicon entry ("confrontation*")
	Lexicon       string // its file and line ("builtin:framing.tsv:255")
}

func newCue(d *pipeline.Document, e *pipeline.Evidence) *Cue {
	c := &Cue{Frame: e.Frame, CountsFor: e.CountsFor(), Negated: e.Negated, Hedged: e.Hedged, Weight: e.Weight, Term: e.Term, Lexicon: e.Lexicon}
	if e.Line > 0 {
		c.Lexicon = fmt.Sprintf("%s:%d", e.Lexicon, e.Line)
	}
	if e.Sent >= 0 && e.Sent < len(d.Sentences) {
		c.SentenceFrame = d.Sentences[e.Sent].Frame
	}
	return c
}

// squash collapses runs of white space (line breaks included) to one space.
func squash(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// Lines turns hits into concordance lines with window tokens of context on
// each side (within the document).
func Lines(d *pipeline.Document, hits []Hit, window int) []Line {
	out := make([]Line, 0, len(hits))
	for _, h := range hits {
		l := Line{DocID: d.ID, Seq: d.Seq, Sent: h.Sent, Start: h.Span.Start, End: h.Span.End, Match: squash(d.Text[h.Span.Start:h.Span.End])}
		if h.Cue != nil {
			l.Cue = newCue(d, h.Cue)
		}
		if e := h.Ent; e != nil {
			l.Ent = &Ent{Canonical: e.Canonical, Type: e.Type, Source: e.Source}
			if e.Sent >= 0 && e.Sent < len(d.Sentences) {
				l.Ent.SentenceFrame = d.Sentences[e.Sent].Frame
			}
		}
		// The context runs from window tokens before the match's first
		// token to window tokens after its last: for a part of a compound
		// (kwic.partHits) it includes the rest of the compound, at a
		// document's edges too.
		if window > 0 && h.First < len(d.Tokens) {
			lo := max(h.First-window, 0)
			l.Left = squash(d.Text[min(d.Tokens[lo].Start, h.Span.Start):h.Span.Start])
		}
		if window > 0 && h.End > 0 && h.End <= len(d.Tokens) {
			hi := min(h.End+window, len(d.Tokens)) - 1
			l.Right = squash(d.Text[h.Span.End:max(d.Tokens[hi].End, h.Span.End)])
		}
		out = append(out, l)
	}
	return out
}

// Sort orders lines: "doc" (input order, then offset), "left" (by the words
// nearest the match on the left, nearest first), "right" (by the right
// context). Ties keep input order.
func Sort(lines []Line, by string) error {
	doc := func(i, j int) bool {
		if lines[i].Seq != lines[j].Seq {
			return lines[i].Seq < lines[j].Seq
		}
		return lines[i].Start < lines[j].Start
	}
	switch by {
	case "", "doc":
		sort.SliceStable(lines, doc)
	case "right":
		sort.SliceStable(lines, func(i, j int) bool {
			a, b := strings.ToLower(lines[i].Right), strings.ToLower(lines[j].Right)
			if a != b {
				return a < b
			}
			return doc(i, j)
		})
	case "left":
		type keyed struct {
			key string
			l   Line
		}
		ks := make([]keyed, len(lines))
		for i, l := range lines {
			w := strings.Fields(strings.ToLower(l.Left))
			for a, b := 0, len(w)-1; a < b; a, b = a+1, b-1 {
				w[a], w[b] = w[b], w[a]
			}
			ks[i] = keyed{strings.Join(w, " "), l}
		}
		sort.SliceStable(ks, func(i, j int) bool {
			if ks[i].key != ks[j].key {
				return ks[i].key < ks[j].key
			}
			if ks[i].l.Seq != ks[j].l.Seq {
				return ks[i].l.Seq < ks[j].l.Seq
			}
			return ks[i].l.Start < ks[j].l.Start
		})
		for i := range ks {
			lines[i] = ks[i].l
		}
	default:
		return pipeline.Usagef("--sort must be doc, left or right, not %q", by)
	}
	return nil
}

// Fit shortens s to width runes for aligned display: from the left when
// fromLeft (keeping the end, nearest the match), marking the cut with "…".
func Fit(s string, width int, fromLeft bool) string {
	n := utf8.RuneCountInString(s)
	if n <= width {
		return s
	}
	r := []rune(s)
	if width <= 1 {
		return "…"
	}
	if fromLeft {
		return "…" + string(r[n-width+1:])
	}
	return string(r[:width-1]) + "…"
}
