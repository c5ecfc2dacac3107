package framing

import (
	"math"
	"sort"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/summary"
)

// DocSummary is the document-level framing summary.
//
//   - Counts: sentences per label (every sentence has one label once
//     framing ran); Sentences is their total.
//   - Shares: Counts / Sentences (0 when the document has no sentence).
//   - Balance = (Cooperation - Competition) / (Cooperation + Competition)
//     over sentence counts, where "both" sentences count on both sides and
//     neutral ones on neither. It runs from -1 (only competition) to +1
//     (only cooperation). HasBalance is false, and Balance is NaN, when no
//     sentence is framed (the denominator is 0): report it as empty, not 0.
//   - Per1000Tokens: framed sentences per 1,000 tokens, per label
//     (Counts x 1000 / Tokens); all 0 when Tokens is 0.
//   - Label: neutral when no sentence is framed; both when each side
//     (cooperation+both and competition+both sentences) holds at least a
//     third of the framed sentences and the document has a "both" sentence
//     or sentences of each frame; otherwise the side with more sentences
//     (both on a tie). A one-sentence document's label is therefore its
//     sentence's label.
type DocSummary struct {
	Sentences    int
	Tokens       int
	Counts       map[string]int
	Shares       map[string]float64
	Per1000      map[string]float64
	Balance      float64
	HasBalance   bool
	Label        string
	CoopScore    float64
	CompScore    float64
	EvidenceUsed int
}

// Summarize computes the document summary from the sentence labels.
func Summarize(doc *pipeline.Document) DocSummary {
	s := DocSummary{
		Sentences: len(doc.Sentences),
		Tokens:    len(doc.Tokens),
		Counts:    map[string]int{},
		Shares:    map[string]float64{},
		Per1000:   map[string]float64{},
		Balance:   math.NaN(),
	}
	for _, l := range Labels {
		s.Counts[l] = 0
	}
	for _, sent := range doc.Sentences {
		l := sent.Frame
		if l == "" {
			l = Neutral
		}
		s.Counts[l]++
		s.CoopScore += sent.CoopScore
		s.CompScore += sent.CompScore
	}
	for _, e := range doc.Evidence {
		if !e.Ignored && e.Weight > 0 {
			s.EvidenceUsed++
		}
	}
	for _, l := range Labels {
		if s.Sentences > 0 {
			s.Shares[l] = float64(s.Counts[l]) / float64(s.Sentences)
		}
		if s.Tokens > 0 {
			s.Per1000[l] = float64(s.Counts[l]) * 1000 / float64(s.Tokens)
		}
	}
	// one definition of balance for documents, groups and actors
	counts := summary.Counts{s.Counts[Cooperation], s.Counts[Competition], s.Counts[Both], s.Counts[Neutral]}
	if b := counts.Balance(); !math.IsNaN(b) {
		s.HasBalance = true
		s.Balance = b
	}
	s.Label = docLabel(s.Counts)
	return s
}

func docLabel(c map[string]int) string {
	coop, comp, both := c[Cooperation], c[Competition], c[Both]
	framed := coop + comp + both
	switch {
	case framed == 0:
		return Neutral
	case both > 0 && coop == 0 && comp == 0:
		return Both
	}
	cs, ks := coop+both, comp+both
	if cs*3 >= framed && ks*3 >= framed && cs > 0 && ks > 0 && (both > 0 || (coop > 0 && comp > 0)) {
		return Both
	}
	if cs > ks {
		return Cooperation
	}
	if ks > cs {
		return Competition
	}
	return Both
}

// ActorTypes are the entity types listed by SentenceActors.
var ActorTypes = map[string]bool{"STATE_ACTOR": true, "ORGANIZATION": true, "PERSON": true}

// SentenceActors returns the distinct canonical names of the actors
// (STATE_ACTOR, ORGANIZATION and PERSON entities) in sentence i, sorted, for
// an actor x frame cross-tab: pair each with doc.Sentences[i].Frame.
func SentenceActors(doc *pipeline.Document, i int) []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range doc.Entities {
		if e.Sent == i && ActorTypes[e.Type] && !seen[e.Canonical] {
			seen[e.Canonical] = true
			out = append(out, e.Canonical)
		}
	}
	sort.Strings(out)
	return out
}
