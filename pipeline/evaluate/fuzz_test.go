package evaluate

import (
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
)

// FuzzFind matches arbitrary gold text against an arbitrary document split
// into sentences at ". ": a match must point inside the text and at
// sentences that overlap it.
func FuzzFind(f *testing.F) {
	f.Add("China and the EU signed a \u201cpact\u201d.  Trade rose.", "the EU signed a \"pact\". Trade")
	f.Add("A b.\u00a0C d.", "b. C")
	f.Add("x\xffy. z.", "\xff")
	f.Fuzz(func(t *testing.T, text, gold string) {
		d := &pipeline.Document{ID: "d", Text: text}
		start := 0
		for start < len(text) {
			end := strings.Index(text[start:], ". ")
			if end < 0 {
				end = len(text)
			} else {
				end += start + 1
			}
			d.Sentences = append(d.Sentences, pipeline.Sentence{Span: pipeline.Span{Start: start, End: end}, Frame: "neutral"})
			start = end + 1
		}
		m := newDocText(d).find(gold)
		if !m.Matched() {
			return
		}
		if m.Span.Start < 0 || m.Span.End > len(text) || m.Span.Start > m.Span.End {
			t.Fatalf("span %v outside text of %d bytes", m.Span, len(text))
		}
		if normalize(text[m.Span.Start:m.Span.End]) != normalize(gold) && m.Kind != Exact {
			t.Fatalf("matched %q for gold %q", text[m.Span.Start:m.Span.End], gold)
		}
		for _, s := range m.Sentences {
			if s < 0 || s >= len(d.Sentences) || (m.Kind != Exact && !d.Sentences[s].Overlaps(m.Span)) {
				t.Fatalf("sentence %d does not overlap %v", s, m.Span)
			}
		}
	})
}
