package framing

import (
	"testing"
	"unicode/utf8"
)

// FuzzTagger: any text goes through the tokenizer, the gazetteer and the
// tagger without a panic, every evidence record and entity spans bytes of
// the text inside its sentence, and every sentence gets one of the four
// labels. The seeds exercise the scope rules (negated passives after a
// subject, relative clauses, colons, "yet"/"until", concessions, lists,
// benchmarks, threats) at sentence edges.
func FuzzTagger(f *testing.F) {
	for _, s := range []string{
		"Cooperation on chips was not pursued. The partnership, which had been announced in 2019, was never formalised.",
		"Sanctions were not imposed by Washington, but by Brussels. The agreement signed in 2019 was never set up",
		"Answer: Cooperation Beijing and Moscow. Chapter 4: Cooperation in the Arctic",
		"Beijing has not yet signed; yet cooperation resumed until 2019, until Washington lifts its sanctions",
		"Admittedly, the rivalry is real, although its labs file more patents than American labs and the threat from Russia grew",
		"not", "Cooperation was not", ": Cooperation", "was never pursued.", "The sanctions against Huawei were", "“Cooperation”:",
		"No one doubts that the rivalry will intensify; there is little or no cooperation, never before so close",
		"BIDEN AND XI AGREE. London's financial district, listed in London, Beijing and Paris and London and",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			t.Skip() // the readers make input valid UTF-8 first
		}
		doc := tag(makeDoc(text))
		for _, s := range doc.Sentences {
			switch LabelOf(s) {
			case Cooperation, Competition, Both, Neutral:
			default:
				t.Fatalf("sentence %v: label %q", s.Span, s.Frame)
			}
		}
		for _, e := range doc.Evidence {
			if e.Start < 0 || e.End > len(text) || e.Start >= e.End || e.Sent < 0 || e.Sent >= len(doc.Sentences) {
				t.Fatalf("evidence %+v out of range (text %d bytes, %d sentences)", e, len(text), len(doc.Sentences))
			}
			if s := doc.Sentences[e.Sent]; e.Start < s.Start || e.End > s.End {
				t.Fatalf("evidence %+v outside its sentence %v", e, s.Span)
			}
		}
		for _, e := range doc.Entities {
			if e.Start < 0 || e.End > len(text) || e.Start >= e.End {
				t.Fatalf("entity %+v out of range (text %d bytes)", e, len(text))
			}
		}
	})
}
