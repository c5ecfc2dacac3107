package framing

import (
	"github.com/techframe/techframe/lexicons"
	"github.com/techframe/techframe/pipeline"
)

// ignoreKind is why the scope rules set a cue aside.
type ignoreKind uint8

const (
	ignNone         ignoreKind = iota
	ignOtherSense              // inside an ignore entry ("competitive prices")
	ignName                    // inside a name or a capitalised title
	ignDisruption              // object or subject of a disrupt cue
	ignDomestic                // rule 4: inside one country
	ignSharedThreat            // rule 5: a threat tackled together
	ignNoActor                 // a threat with no actor named
	ignAbsence                 // negated together with a cue of the other frame
)

// Feature indices into Features. Every feature is computed from the cues,
// modifiers, markers and entities the tagger already found in the
// sentence; nothing else about the text is used.
const (
	FCoopScore        = iota // summed effective cooperation weight (= Sentence.CoopScore)
	FCompScore               // summed effective competition weight (= Sentence.CompScore)
	FCoopBase                // summed lexicon weights of counted cooperation cues, before negation/hedging/concession
	FCompBase                // same for competition, threat, disrupt and benchmark cues
	FCoopMax                 // strongest single effective cooperation contribution
	FCompMax                 // strongest single effective competition contribution
	FNCoop                   // counted cooperation cues, not negated
	FNComp                   // counted competition cues (any competition category), not negated
	FNThreat                 // counted threat cues
	FNDisrupt                // counted disrupt cues
	FNBenchmark              // benchmark cues that fired (rule 9)
	FNNegCoop                // counted cooperation cues that are negated
	FNNegComp                // counted competition cues that are negated
	FNHedged                 // counted cues under a hedge
	FNConceded               // counted cues in a concession clause (rule 10 backdrop)
	FNIgnOtherSense          // cues ignored: other sense of the word
	FNIgnName                // cues ignored: part of a name or title
	FNIgnDisruption          // cooperation cues ignored as object/subject of a disruption
	FNIgnDomestic            // cues ignored under rule 4 (inside one country)
	FNIgnSharedThreat        // threat cues ignored under rule 5 (shared threat)
	FNIgnNoActor             // threat cues ignored: no actor named
	FNIgnAbsence             // cues ignored: negated together with the other frame
	FBothSides               // 1 when both effective scores are positive
	FBothMin                 // min(cooperation, competition) effective score
	FContrastMarker          // a contrast entry of the lexicon ("but", "however")
	FContrastConj            // a contrastive conjunction: but, yet, while, whereas, although, though, despite, amid, even as
	FConcessionMarker        // a concession entry of the lexicon ("despite", "after years of")
	FNegator                 // a negator entry anywhere in the sentence
	FHedge                   // a hedge entry anywhere in the sentence
	FDomestic                // a domestic-subject marker (rule 4)
	FInternational           // an international-relation marker
	FNations                 // distinct nations named (STATE_ACTOR entities and nationality adjectives)
	FOrganizations           // distinct ORGANIZATION entities
	FLengthMedium            // 13 to 25 words
	FLengthLong              // more than 25 words
	FRuleCooperation         // the hand-set rule says cooperation
	FRuleCompetition         // the hand-set rule says competition
	FRuleBoth                // the hand-set rule says both
	NumFeatures
)

// FeatureNames are the names of the features, in index order, as written
// in model files.
var FeatureNames = [NumFeatures]string{
	"coop_score", "comp_score", "coop_base", "comp_base", "coop_max", "comp_max",
	"n_coop", "n_comp", "n_threat", "n_disrupt", "n_benchmark", "n_negated_coop", "n_negated_comp",
	"n_hedged", "n_conceded",
	"n_ignored_other_sense", "n_ignored_name", "n_ignored_disruption", "n_ignored_domestic",
	"n_ignored_shared_threat", "n_ignored_no_actor", "n_ignored_absence",
	"both_sides", "both_min", "contrast_marker", "contrastive_conjunction", "concession_marker",
	"negator", "hedge", "domestic", "international", "nations", "organizations",
	"length_medium", "length_long", "rule_cooperation", "rule_competition", "rule_both",
}

// Features are one sentence's combiner inputs, indexed by the F* constants.
type Features [NumFeatures]float64

var contrastConj = map[string]bool{
	"but": true, "yet": true, "while": true, "whereas": true, "although": true,
	"though": true, "despite": true, "amid": true, "amidst": true,
}

var contrastConjSet = newWordSet(contrastConj)

// wordSet answers "is this word in the set" for words that carry their
// hash (lexicons.Word.Hash): a 4 Ki-bit filter over the hashes rejects
// almost every word without touching the map.
type wordSet[V any] struct {
	bits [64]uint64
	m    map[string]V
}

func newWordSet[V any](m map[string]V) *wordSet[V] {
	s := &wordSet[V]{m: m}
	for w := range m {
		b := wordSetBit(lexicons.HashNorm(w))
		s.bits[b>>6] |= 1 << (b & 63)
	}
	return s
}

func wordSetBit(h uint64) uint64 { return h >> 52 }

// get returns the value of w's Norm and whether it is in the set.
func (s *wordSet[V]) get(w *lexicons.Word) (V, bool) {
	h := w.Hash
	if h == 0 {
		h = lexicons.HashNorm(w.Norm)
	}
	if b := wordSetBit(h); s.bits[b>>6]&(1<<(b&63)) == 0 {
		var zero V
		return zero, false
	}
	v, ok := s.m[w.Norm]
	return v, ok
}

func (s *wordSet[V]) has(w *lexicons.Word) bool {
	_, ok := s.get(w)
	return ok
}

// featurize fills f from a sentence's resolved cues, its lexicon hits
// (modifiers and markers), its words and entities, and its scores.
func (t *Tagger) featurize(f *Features, cues []cue, hits []hit, words []lexicons.Word, ents []pipeline.Entity, coop, comp float64) {
	*f = Features{}
	f[FCoopScore], f[FCompScore] = coop, comp
	for _, c := range cues {
		if c.ignored {
			switch c.why {
			case ignOtherSense:
				f[FNIgnOtherSense]++
			case ignName:
				f[FNIgnName]++
			case ignDisruption:
				f[FNIgnDisruption]++
			case ignDomestic:
				f[FNIgnDomestic]++
			case ignSharedThreat:
				f[FNIgnSharedThreat]++
			case ignNoActor:
				f[FNIgnNoActor]++
			case ignAbsence:
				f[FNIgnAbsence]++
			}
			continue
		}
		w := c.weight
		if c.frame == Cooperation {
			f[FCoopBase] += c.e.Weight
		} else {
			f[FCompBase] += c.e.Weight
		}
		counted := c.frame
		if c.negated {
			counted = opposite(c.frame)
			if c.frame == Cooperation {
				w *= NegatedCooperationFactor
				f[FNNegCoop]++
			} else {
				f[FNNegComp]++
			}
		} else if c.frame == Cooperation {
			f[FNCoop]++
		} else {
			f[FNComp]++
		}
		if counted == Cooperation {
			f[FCoopMax] = max(f[FCoopMax], w)
		} else {
			f[FCompMax] = max(f[FCompMax], w)
		}
		switch c.e.Frame {
		case lexicons.FrameThreat:
			f[FNThreat]++
		case lexicons.FrameDisrupt:
			f[FNDisrupt]++
		case lexicons.FrameBenchmark:
			f[FNBenchmark]++
		}
		if c.hedged {
			f[FNHedged]++
		}
		if c.conceded {
			f[FNConceded]++
		}
	}
	if coop > 0 && comp > 0 {
		f[FBothSides] = 1
		f[FBothMin] = min(coop, comp)
	}
	for _, h := range hits {
		switch h.e.Frame {
		case lexicons.FrameContrast:
			f[FContrastMarker] = 1
		case lexicons.FrameConcession:
			f[FConcessionMarker] = 1
		case lexicons.FrameNegator:
			f[FNegator] = 1
		case lexicons.FrameHedge:
			f[FHedge] = 1
		case lexicons.FrameDomestic:
			f[FDomestic] = 1
		case lexicons.FrameInternational:
			f[FInternational] = 1
		}
	}
	for k, w := range words {
		if contrastConjSet.has(&w) || w.Norm == "as" && k > 0 && words[k-1].Norm == "even" {
			f[FContrastConj] = 1
			break
		}
	}
	f[FNations] = float64(nations(ents, words))
	var buf [8]string
	orgs := buf[:0]
outer:
	for _, e := range ents {
		if e.Type != "ORGANIZATION" {
			continue
		}
		for _, o := range orgs {
			if o == e.Canonical {
				continue outer
			}
		}
		orgs = append(orgs, e.Canonical)
	}
	f[FOrganizations] = float64(len(orgs))
	switch n := len(words); {
	case n > 25:
		f[FLengthLong] = 1
	case n > 12:
		f[FLengthMedium] = 1
	}
	switch t.Label(coop, comp) {
	case Cooperation:
		f[FRuleCooperation] = 1
	case Competition:
		f[FRuleCompetition] = 1
	case Both:
		f[FRuleBoth] = 1
	}
}
