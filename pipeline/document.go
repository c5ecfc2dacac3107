// Package pipeline holds the data model that flows through techframe (Document,
// Sentence, Token, Entity, Evidence), the stage interfaces and the runner that
// streams documents through per-document stages over workers while keeping
// input order.
//
// Every annotation refers to the original Document.Text by byte offsets,
// half-open like Go slicing: Text[Start:End]. The text itself is stored once.
package pipeline

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Span is a half-open byte range [Start, End) into Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of bytes in the span.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Overlaps reports whether the two spans share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// MetaField is one document metadata field. Value is a string, a float64, a
// bool, or nil (JSON null); numbers from JSON keep their original spelling in
// Raw so that they round-trip exactly ("2021" stays "2021").
type MetaField struct {
	Key   string
	Value any
}

// Meta is document metadata in input order (docvars in quanteda's terms). It
// rides along to every output so grouping by any field is free.
type Meta []MetaField

// Get returns the value of key as a string and whether the key exists.
func (m Meta) Get(key string) (string, bool) {
	for _, f := range m {
		if f.Key == key {
			return MetaString(f.Value), true
		}
	}
	return "", false
}

// Set replaces the value of key or appends it.
func (m *Meta) Set(key string, v any) {
	for i := range *m {
		if (*m)[i].Key == key {
			(*m)[i].Value = v
			return
		}
	}
	*m = append(*m, MetaField{Key: key, Value: v})
}

// Keys returns the field names in order.
func (m Meta) Keys() []string {
	keys := make([]string, len(m))
	for i, f := range m {
		keys[i] = f.Key
	}
	return keys
}

// MetaString renders a metadata value as text for tables and grouping.
func MetaString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case fmt.Stringer:
		return x.String()
	default:
		return fmt.Sprint(x)
	}
}

// Sentence is one sentence of a document.
type Sentence struct {
	Span
	// Frame is the sentence's frame label (cooperation, competition, both,
	// neutral) once the framing stage has run; empty before.
	Frame string `json:"frame,omitempty"`
	// Score holds the summed cue weights per frame, set by framing.
	CoopScore float64 `json:"-"`
	CompScore float64 `json:"-"`
	// FirstToken and EndToken index Document.Tokens: the sentence's tokens
	// are Tokens[FirstToken:EndToken].
	FirstToken int `json:"-"`
	EndToken   int `json:"-"`
}

// Token is one token. The surface form is Document.Text[Start:End]; Norm is
// the lower-cased form with curly quotes and dashes normalised.
type Token struct {
	Span
	Norm string `json:"norm"`
	Sent int    `json:"sent"`
	POS  string `json:"pos,omitempty"`
}

// Entity is a named-entity mention.
type Entity struct {
	Span
	Canonical string `json:"canonical"`
	Type      string `json:"type"`
	// Source is "gazetteer" or "ner".
	Source string `json:"source"`
	Sent   int    `json:"sent"`
	// Lexicon and Line locate the gazetteer entry that matched (empty/0 for NER).
	Lexicon string `json:"-"`
	Line    int    `json:"-"`
}

// Evidence is one framing cue that fired in a sentence.
type Evidence struct {
	Span
	Term    string  `json:"term"`
	Frame   string  `json:"frame"`
	Lexicon string  `json:"lexicon"`
	Line    int     `json:"line"`
	Weight  float64 `json:"weight"`
	Negated bool    `json:"negated"`
	Hedged  bool    `json:"hedged"`
	// Ignored is set when a rule discounts the cue (for example a cue about
	// something else, "competitive prices"); Reason says which rule.
	Ignored bool   `json:"ignored,omitempty"`
	Reason  string `json:"reason,omitempty"`
	Sent    int    `json:"sent"`
}

// Describe renders the cue for a reader: its text and its lexicon frame,
// then how it was taken: "confrontation (competition, negated: counts for
// cooperation)", "rivalry (competition, hedged)", "competitive
// (competition, ignored: other sense ...)". text is the document's text.
func (e *Evidence) Describe(text string) string {
	flags := []string{e.Frame}
	if e.Negated {
		neg := "negated"
		if c := e.CountsFor(); c != "" && c != e.Frame {
			neg += ": counts for " + c
		}
		flags = append(flags, neg)
	}
	if e.Hedged {
		flags = append(flags, "hedged")
	}
	switch {
	case e.Ignored:
		flags = append(flags, "ignored: "+e.Reason)
	case e.Reason != "":
		flags = append(flags, e.Reason)
	}
	s := ""
	if e.Start >= 0 && e.Start <= e.End && e.End <= len(text) {
		s = text[e.Start:e.End]
	}
	return s + " (" + strings.Join(flags, ", ") + ")"
}

// CountsFor returns the frame the cue's Weight was added to in its
// sentence's scores: its Frame, the other of cooperation and competition
// when Negated ("did not seek confrontation" counts for cooperation), or ""
// when it counted for nothing (Ignored, or a weight of 0: "no mention of
// rivalry"). The sentence's label is decided from all its cues and may
// still differ.
func (e *Evidence) CountsFor() string {
	if e.Ignored || e.Weight <= 0 {
		return ""
	}
	if e.Negated {
		switch e.Frame {
		case "cooperation":
			return "competition"
		case "competition":
			return "cooperation"
		}
	}
	return e.Frame
}

// Document is one input record with all annotations added by the stages.
type Document struct {
	// ID is stable: the relative path, the id field, or path:line.
	ID string
	// Source is the input path ("-" for stdin) and Line the 1-based record line
	// in it (0 for one-document-per-file formats).
	Source string
	Line   int
	// Seq is the document's position in the input stream (0-based), used to
	// restore input order after parallel stages.
	Seq  int
	Meta Meta
	Text string
	// Converted is set when Text is not the input's bytes as they are
	// (HTML or Markdown made plain text, front matter taken off): offsets
	// count in Text, so document records carry it.
	Converted bool

	Sentences []Sentence
	Tokens    []Token
	Entities  []Entity
	Evidence  []Evidence
}

// TokenText returns the surface text of token i.
func (d *Document) TokenText(i int) string {
	t := d.Tokens[i]
	return d.Text[t.Start:t.End]
}

// SpanText returns the text under a span.
func (d *Document) SpanText(s Span) string { return d.Text[s.Start:s.End] }

// SentenceTokens returns the tokens of sentence i.
func (d *Document) SentenceTokens(i int) []Token {
	s := d.Sentences[i]
	return d.Tokens[s.FirstToken:s.EndToken]
}

// SortAnnotations puts Entities and Evidence in text order (by sentence,
// then start, then end). The runner calls it after the last stage, so every
// consumer may rely on the order; it costs one pass when already sorted.
func (d *Document) SortAnnotations() {
	entLess := func(a, b Entity) bool {
		if a.Sent != b.Sent {
			return a.Sent < b.Sent
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.End < b.End
	}
	if !sort.SliceIsSorted(d.Entities, func(i, j int) bool { return entLess(d.Entities[i], d.Entities[j]) }) {
		sort.SliceStable(d.Entities, func(i, j int) bool { return entLess(d.Entities[i], d.Entities[j]) })
	}
	evLess := func(a, b Evidence) bool {
		if a.Sent != b.Sent {
			return a.Sent < b.Sent
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.End < b.End
	}
	if !sort.SliceIsSorted(d.Evidence, func(i, j int) bool { return evLess(d.Evidence[i], d.Evidence[j]) }) {
		sort.SliceStable(d.Evidence, func(i, j int) bool { return evLess(d.Evidence[i], d.Evidence[j]) })
	}
}

// SentenceEntities returns the entities of sentence i: a view into
// Entities, which must be in text order (see SortAnnotations).
func (d *Document) SentenceEntities(i int) []Entity {
	lo := sort.Search(len(d.Entities), func(k int) bool { return d.Entities[k].Sent >= i })
	hi := lo
	for hi < len(d.Entities) && d.Entities[hi].Sent == i {
		hi++
	}
	return d.Entities[lo:hi:hi]
}

// SentenceEvidence returns the framing cues of sentence i: a view into
// Evidence, which must be in text order (see SortAnnotations).
func (d *Document) SentenceEvidence(i int) []Evidence {
	lo := sort.Search(len(d.Evidence), func(k int) bool { return d.Evidence[k].Sent >= i })
	hi := lo
	for hi < len(d.Evidence) && d.Evidence[hi].Sent == i {
		hi++
	}
	return d.Evidence[lo:hi:hi]
}
