// Package framing labels each sentence cooperation, competition, both or
// neutral (the coding scheme of DOMAIN.md) from a weighted cue lexicon plus
// scope rules, and records every cue that fired as pipeline.Evidence.
//
// # How a sentence is labelled
//
// The sentence is split into words (lexicons.SentenceWords; when the tagger
// runs the gazetteer, Tagger.Gazetteer as the CLI wires it, the same words
// are first tagged for entities) and scanned left to right; at each word
// the longest lexicon entry wins (ties: fewer globs, then more letters).
// Entries are cues (cooperation, competition, threat, disrupt), modifiers
// (negator, hedge, concession) or markers (contrast, domestic,
// international, ignore). Then, for every cue:
//
//   - Other sense: a cue inside a longer "ignore" entry ("competitive
//     prices", "war on poverty", "cooperative farms") is Ignored.
//   - Clause: the clause of a cue runs back to the nearest comma, semicolon,
//     colon, bracket, spaced dash or contrast word ("but", "however",
//     "while"). Modifiers act only inside the cue's clause.
//   - Negation: a negator at most NegationWindow words before the cue in its
//     clause (or before an earlier cue joined to it by "and"/"or"/"nor")
//     negates it: the cue counts for the opposite frame with weight x the
//     negator's factor ("did not seek confrontation" is accommodation,
//     rule 3; "no reference to rivalry" has factor 0 and counts for nothing).
//     A negator negated by another at most two words before it cancels
//     ("did not lift its export controls": the controls stand), unless a
//     plain negation word follows a verb saying something stopped ("the
//     talks ended without agreement": no agreement; endVerbs). "No."
//     before a number is the numero sign, not a negator ("the No. 1
//     priority is joint research"). A "non-" prefix negates the one-word
//     cue it is joined to ("mutual non-aggression"). A negator verb after
//     a competition cue, its subject, negates it as well when nothing is
//     acted on: in the passive ("the sanctions were lifted") or with no
//     object ("tensions eased after the summit"); see postNegators and
//     subjectVerb. These word-level negations do not spread.
//   - Hedge: a hedge anywhere earlier in the clause multiplies the weight by
//     its factor ("may", "could"); the cue keeps its frame.
//   - Concession/backdrop (rule 10): cues after a concession marker
//     ("despite", "while granting that", "after years of") up to the end of
//     its clause count with weight x the marker's factor.
//   - Negated objects and absence: a cue of the same frame at most three
//     words after a negated cue is its object and is negated too ("does not
//     want to split the world into blocs"); a negation over coordinated cues
//     of both frames ("mentions neither friction nor friendship") asserts
//     neither, so they count for nothing.
//   - Names: a cue lying inside an organisation, state or person name
//     ("Shanghai Cooperation Organisation"), inside an event name written
//     with capitals, or capitalised mid-sentence outside a concept name or
//     inside quotation marks (a title, "The Tech Cold War") is Ignored; a
//     cue reaching beyond a name ("break China's grip") stands.
//   - Disruption: a disrupt cue ("undermine", "suspend", "derail") counts for
//     competition, and cooperation cues up to DisruptWindow words after it in
//     its clause are the thing harmed: they are Ignored ("may undermine
//     joint research").
//   - Shared threats (rule 5): threat cues ("threat", "risk", "fight",
//     "battle") count for competition unless the sentence has a counted
//     cooperation cue, except when a nation is named right after the threat
//     cue ("drones against Russian positions": a rival, so both). A threat
//     cue in a sentence naming no nation, organisation or international
//     relation counts for nothing ("the battle against desertification").
//   - Domestic coordination (rule 4): when the sentence has a domestic
//     subject ("ministries", "provinces") but names at most one nation and
//     no international marker, cooperation cues are Ignored.
//
// Scores: CoopScore and CompScore are the summed effective cue weights
// (not the combiner's scores).
//
// # From cues to a label
//
// A sentence without any cue (counted or ignored) is neutral. Otherwise a
// learned combiner (Model, built in as lexicons/data/framing-model.json)
// scores the four labels from the sentence's Features: per-frame effective
// and base weights, counts of cues by kind, negated, hedged and conceded
// cues, cues set aside by reason, both-sides indicators, contrast and
// concession markers, nations and organisations named, length, and the
// hand rule's decision; plus, in version 2 model files, weights for the
// sentence's lower-cased word unigrams and bigrams, words after a negator
// prefixed "NOT_" (ngram.go; the 3,000 strongest n-grams are kept, one
// hash-map lookup per unigram and bigram at run time). It is a softmax
// regression with L2 (Train; both penalties chosen by inner
// leave-one-set-out, ChooseL2), fitted on the project's ten gold sets
// and the codebook examples; "techframe framing train" refits it on a
// user's own coding. The highest-scoring label wins among those the cues
// support: cooperation needs a positive cooperation score, competition a
// positive competition score, both needs both (rule 10), so every frame
// label traces back to Evidence records. N-grams only move the choice among those labels.
// (A model trained with TrainOptions.LabelCueless may also label cue-less
// sentences from n-grams, recording the n-grams as Evidence with the model
// file as lexicon; it did not help on held-out sets and is not shipped.)
// Leave-one-set-out validation, the honest estimate, is in
// TestLeaveOneSetOut.
//
// With a nil Options.Model the hand-set rule (Label) decides instead:
//
//	both         if CoopScore >= Threshold and CompScore >= Threshold
//	             (rule 10: an explicit cue for each frame)
//	cooperation  else if CoopScore >= Threshold and CoopScore > CompScore
//	competition  else if CompScore >= Threshold and CompScore >= CoopScore
//	neutral      otherwise
package framing

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/techframe/techframe/lexicons"
	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/entities"
)

// Labels.
const (
	Cooperation = "cooperation"
	Competition = "competition"
	Both        = "both"
	Neutral     = "neutral"
)

// Labels lists the four labels in report order.
var Labels = []string{Cooperation, Competition, Both, Neutral}

// Options tune the decision rule; the zero value means the defaults.
type Options struct {
	// Threshold is the score a frame needs to count (default 0.6).
	Threshold float64
	// NegationWindow is how many words a negator reaches forward (default 5).
	NegationWindow int
	// HedgeWindow is how many words a hedge reaches forward (default 8).
	HedgeWindow int
	// DisruptWindow is how many words a disrupt cue reaches forward (default 6).
	DisruptWindow int
	// Model is the learned combiner that turns a sentence's cue features
	// into a label. Nil means the hand-set rule (Tagger.Label); the CLI
	// passes DefaultModel() unless told otherwise.
	Model *Model
}

func (o *Options) defaults() {
	if o.Threshold <= 0 {
		o.Threshold = 0.6
	}
	if o.NegationWindow <= 0 {
		o.NegationWindow = 5
	}
	if o.HedgeWindow <= 0 {
		o.HedgeWindow = 8
	}
	if o.DisruptWindow <= 0 {
		o.DisruptWindow = 6
	}
}

// Tagger is the framing stage. Build it once with New; Process is safe for
// concurrent use.
type Tagger struct {
	m       lexicons.Matcher
	entries []lexicons.FrameEntry
	opts    Options
	model   *Model // nil: the hand-set rule (Label)
	// gramTab is the model's n-gram index (Model.Grams) as a flat table,
	// built by New; nil without n-gram weights.
	gramTab *gramTable
	// gramW[r] is GramRows[r].W, packed without the names so that the
	// rows a sentence reads share fewer cache lines.
	gramW [][4]float64
	// Gazetteer, when set, tags the entities too, in the same pass: each
	// sentence is split once, its entities are tagged (as the gazetteer's
	// own stage would) and then it is labelled, while its words are still
	// in cache. Run no separate entities stage then. A document that
	// already has entities (statistical NER) is tagged whole by the
	// gazetteer first, so that the merge with them is unchanged.
	Gazetteer *entities.Gazetteer
	// pool recycles per-document scratch buffers across documents.
	pool sync.Pool
}

// New compiles the framing entries of set. The model (opts.Model) must not
// change afterwards: its n-gram index is copied into a lookup table here.
func New(set *lexicons.Set, opts Options) *Tagger {
	opts.defaults()
	t := &Tagger{entries: set.Framing, opts: opts, model: opts.Model}
	for i, e := range set.Framing {
		t.m.Add(e.Words, i)
	}
	if m := t.model; m != nil && m.GramRows != nil {
		t.gramTab = newGramTable(m.Grams)
		t.gramW = make([][4]float64, len(m.GramRows))
		for r := range m.GramRows {
			t.gramW[r] = m.GramRows[r].W
		}
	}
	return t
}

// getScratch returns a scratch for one document, with buffers recycled
// from earlier documents; putScratch hands it back.
func (t *Tagger) getScratch() *scratch {
	if sc, ok := t.pool.Get().(*scratch); ok {
		return sc
	}
	return &scratch{}
}

func (t *Tagger) putScratch(sc *scratch) {
	sc.last = nil
	clear(sc.found)
	sc.found = sc.found[:0]
	clear(sc.ev) // drop references to the document's strings
	sc.ev = sc.ev[:0]
	clear(sc.ents)
	clear(sc.entBuf) // drop references to the document's strings
	t.pool.Put(sc)
}

// groupEntities sets sc.ents[i] to the entities of sentence i of doc, in
// doc.Entities order, all in one buffer.
func (sc *scratch) groupEntities(doc *pipeline.Document) {
	n := len(doc.Sentences)
	if cap(sc.entOff) < n+1 {
		sc.entOff = make([]int, n+1)
	}
	off := sc.entOff[:n+1]
	clear(off)
	total := 0
	for _, e := range doc.Entities {
		if e.Sent >= 0 && e.Sent < n {
			off[e.Sent+1]++
			total++
		}
	}
	for i := 1; i <= n; i++ {
		off[i] += off[i-1]
	}
	if cap(sc.entBuf) < total {
		sc.entBuf = make([]pipeline.Entity, total)
	}
	buf := sc.entBuf[:total]
	if cap(sc.ents) < n {
		sc.ents = make([][]pipeline.Entity, n)
	}
	sc.ents = sc.ents[:n]
	for i := range sc.ents {
		sc.ents[i] = buf[off[i]:off[i]:off[i+1]]
	}
	for _, e := range doc.Entities {
		if e.Sent >= 0 && e.Sent < n {
			sc.ents[e.Sent] = append(sc.ents[e.Sent], e)
		}
	}
	for i := range sc.ents {
		if len(sc.ents[i]) == 0 {
			sc.ents[i] = nil
		}
	}
}

// Name implements pipeline.Stage.
func (t *Tagger) Name() string {
	if t.Gazetteer != nil {
		return "entities+framing"
	}
	return "framing"
}

// Process labels every sentence of doc and appends its cues to
// doc.Evidence; with a Gazetteer it tags doc's entities first, sentence by
// sentence.
func (t *Tagger) Process(doc *pipeline.Document) error {
	sc := t.getScratch()
	defer t.putScratch(sc)
	fused := t.Gazetteer != nil && len(doc.Entities) == 0
	if fused {
		// sc.ents[si] is set from the gazetteer's mentions of sentence si
		// just before it is labelled.
		if cap(sc.ents) < len(doc.Sentences) {
			sc.ents = make([][]pipeline.Entity, len(doc.Sentences))
		}
		sc.ents = sc.ents[:len(doc.Sentences)]
	} else {
		if t.Gazetteer != nil {
			if err := t.Gazetteer.Process(doc); err != nil {
				return err
			}
		}
		// Entities grouped by sentence, once per document.
		sc.groupEntities(doc)
	}
	for si := range doc.Sentences {
		words := sc.sentenceWords(doc, si)
		if fused {
			n := len(sc.found)
			sc.found, sc.gcands = t.Gazetteer.TagSentence(doc, si, words, sc.found, sc.gcands, &sc.gmc)
			sc.ents[si] = nil
			if len(sc.found) > n {
				sc.ents[si] = sc.found[n:len(sc.found):len(sc.found)]
			}
		}
		coop, comp := t.sentence(doc, si, words, sc)
		s := &doc.Sentences[si]
		s.CoopScore, s.CompScore = coop, comp
		switch {
		case t.model != nil && t.model.GramRows != nil:
			s.Frame = t.labelGrams(doc, si, sc)
		case !sc.cued:
			// No cue at all: nothing to trace a frame to.
			s.Frame = Neutral
		case t.model != nil:
			s.Frame = t.model.Label(&sc.feat)
		default:
			s.Frame = t.Label(coop, comp)
		}
	}
	if fused {
		entities.Merge(doc, sc.found)
	}
	// The document's evidence, grown once to its final size.
	if len(sc.ev) > 0 {
		out := make([]pipeline.Evidence, len(doc.Evidence), len(doc.Evidence)+len(sc.ev))
		copy(out, doc.Evidence)
		doc.Evidence = append(out, sc.ev...)
	}
	return nil
}

// Features returns the combiner features of every sentence of doc (nil
// for a sentence without any cue, which is always neutral). It runs the
// same analysis as Process but leaves doc unchanged: training data for
// Train.
func (t *Tagger) Features(doc *pipeline.Document) []*Features {
	var sc scratch
	sc.ents = make([][]pipeline.Entity, len(doc.Sentences))
	for _, e := range doc.Entities {
		if e.Sent >= 0 && e.Sent < len(doc.Sentences) {
			sc.ents[e.Sent] = append(sc.ents[e.Sent], e)
		}
	}
	n := len(doc.Evidence)
	out := make([]*Features, len(doc.Sentences))
	for si := range doc.Sentences {
		t.sentence(doc, si, sc.sentenceWords(doc, si), &sc)
		if sc.cued {
			f := sc.feat
			out[si] = &f
		}
	}
	doc.Evidence = doc.Evidence[:n]
	return out
}

// FeaturesGrams is Features plus, for every sentence (cued or not), its
// distinct n-gram names (ngram.go): training data for a combiner with
// n-gram features.
func (t *Tagger) FeaturesGrams(doc *pipeline.Document) ([]*Features, [][]string) {
	var sc scratch
	sc.ents = make([][]pipeline.Entity, len(doc.Sentences))
	for _, e := range doc.Entities {
		if e.Sent >= 0 && e.Sent < len(doc.Sentences) {
			sc.ents[e.Sent] = append(sc.ents[e.Sent], e)
		}
	}
	n := len(doc.Evidence)
	out := make([]*Features, len(doc.Sentences))
	grams := make([][]string, len(doc.Sentences))
	for si := range doc.Sentences {
		t.sentence(doc, si, sc.sentenceWords(doc, si), &sc)
		if sc.cued {
			f := sc.feat
			out[si] = &f
		}
		grams[si] = t.gramNames(sc.last, sc.hits, sc.cued, &sc)
	}
	doc.Evidence = doc.Evidence[:n]
	return out, grams
}

// Label applies the decision rule to a sentence's scores.
func (t *Tagger) Label(coop, comp float64) string {
	th := t.opts.Threshold
	switch {
	case coop >= th && comp >= th:
		return Both
	case coop >= th && coop > comp:
		return Cooperation
	case comp >= th && comp >= coop:
		return Competition
	}
	return Neutral
}

type hit struct {
	e        *lexicons.FrameEntry
	from, to int // word indices
}

type scratch struct {
	words []lexicons.Word
	cands []lexicons.Candidate
	// found and gcands are the gazetteer's mentions and candidates when
	// the tagger runs it (Tagger.Gazetteer).
	found  []pipeline.Entity
	gcands []lexicons.Candidate
	hits   []hit
	// mc caches the matcher's first step per word across the worker's
	// documents; gmc the gazetteer's (a cache serves one matcher).
	mc   lexicons.MatchCache
	gmc  lexicons.MatchCache
	ents [][]pipeline.Entity // entities per sentence
	// ev collects the evidence of the document's sentences, in order;
	// Process appends it to doc.Evidence at the end.
	ev []pipeline.Evidence
	// entOff and entBuf back ents (groupEntities).
	entOff []int
	entBuf []pipeline.Entity
	// clause and cues are per-sentence buffers reused across sentences.
	clause []int
	cues   []cue
	// used marks the negator hits of the current sentence that are used
	// up: a negator verb after its subject ("tensions eased") or the
	// negator of a negated passive after its subject ("cooperation was
	// not pursued"). They negate nothing after them.
	used []bool
	// concs indexes the current sentence's concession hits; spans holds
	// its entities' spans in text order (scratch.headline).
	concs []int
	spans []pipeline.Span
	// cued reports whether the last sentence had any cue (counted or
	// ignored); feat holds its features when it had.
	cued bool
	feat Features
	// last holds the words of the last sentence; neg, uni, grams and rows
	// are n-gram buffers (ngram.go).
	last  []lexicons.Word
	neg   []bool
	uni   []uint64
	grams []gram
	rows  []int32
	// seen[r] == stamp marks n-gram row r as counted in the current
	// sentence (labelGrams).
	seen  []uint32
	stamp uint32
	// headSent is one more than the index of the sentence whose headline
	// test is cached in head (0: none); see scratch.headline.
	headSent int
	head     bool
}

// cue is a cue hit with its resolved weight and flags.
type cue struct {
	hit
	frame   string // cooperation or competition (the cue's own frame)
	weight  float64
	negated bool
	hedged  bool
	ignored bool
	reason  string
	// why is the kind of rule that ignored the cue (a feature of the
	// learned combiner); conceded marks a cue in a concession clause.
	why      ignoreKind
	conceded bool
	// local marks a negation of the cue word alone ("non-aggression",
	// "tensions eased"): it does not spread to the cues after it ("a
	// non-aggression pact", "non-military coercion").
	local bool
}

func (t *Tagger) scan(words []lexicons.Word, from, limit int, cuesOnly bool, sc *scratch, out []hit) []hit {
	for i := from; i < limit; {
		// Most words start no entry (about three in four): the matcher
		// skips them with its root filters and stops at the next word
		// where some entry matches.
		i, sc.cands = t.m.NextCandidates(words, i, limit, sc.cands[:0], &sc.mc)
		if i >= limit {
			break
		}
		found := false
		for _, c := range sc.cands {
			e := &t.entries[c.ID]
			if cuesOnly && !lexicons.IsCue(e.Frame) {
				continue
			}
			out = append(out, hit{e: e, from: c.From, to: c.To})
			i = c.To
			found = true
			break
		}
		if !found {
			i++
		}
	}
	return out
}

// sentenceWords returns the words of sentence si, split into sc.words
// (valid until the next call).
func (sc *scratch) sentenceWords(doc *pipeline.Document, si int) []lexicons.Word {
	sc.words = lexicons.SentenceWords(doc, si, sc.words[:0])
	return sc.words
}

// dropNumeroSigns removes the negator hits that are the abbreviation "No."
// before a number ("the No. 1 priority", "Resolution No. 2231"): a numero
// sign, not a negation.
func dropNumeroSigns(text string, words []lexicons.Word, hits []hit) []hit {
	numero := func(h hit) bool {
		// The word test first: it rules out almost every hit without
		// loading its lexicon entry.
		return h.to == h.from+1 && words[h.from].Norm == "no" && h.e.Frame == lexicons.FrameNegator && isNumeroSign(text, words[h.from])
	}
	for i, h := range hits {
		if !numero(h) {
			continue
		}
		// Rare: rewrite the hits from the first numero sign on.
		out := hits[:i]
		for _, h := range hits[i+1:] {
			if !numero(h) {
				out = append(out, h)
			}
		}
		return out
	}
	return hits
}

// isNumeroSign reports whether w is "No." (any case) or "No" followed by
// a number.
func isNumeroSign(text string, w lexicons.Word) bool {
	if w.Norm != "no" || w.End >= len(text) {
		return false
	}
	end := w.End
	switch {
	case text[end] == '.':
		end++
	case text[w.Start] != 'N':
		return false // British "No 10" is capitalised; "no 5 ways" is not
	}
	dotted := end > w.End
	rest := strings.TrimLeft(text[end:min(len(text), end+12)], " \u00a0")
	k := 0
	for k < len(rest) && rest[k] >= '0' && rest[k] <= '9' {
		k++
	}
	if k == 0 || k < len(rest) && unicode.IsLetter(rune(rest[k])) {
		return false // "No 5G deal"
	}
	// Without the full stop, a number of one or two digits standing alone:
	// "No 10", not "No 5-year partnership", "No 2025 agreement" or "No 100
	// firms".
	return dotted || k <= 2 && (k == len(rest) || rest[k] != '-')
}

// sentence scores sentence si, whose words are words, and appends its cues
// to sc.ev (Process moves them to doc.Evidence).
func (t *Tagger) sentence(doc *pipeline.Document, si int, words []lexicons.Word, sc *scratch) (coop, comp float64) {
	sc.headSent = 0 // the headline test is computed at most once, on demand
	sc.used = sc.used[:0]
	sc.hits = dropNumeroSigns(doc.Text, words, t.scan(words, 0, len(words), false, sc, sc.hits[:0]))
	sc.last = words
	hits := sc.hits
	// Most sentences have no cue at all: nothing to resolve.
	anyCue := false
	for _, h := range hits {
		if lexicons.IsCue(h.e.Frame) || h.e.Frame == lexicons.FrameIgnore || h.e.Frame == lexicons.FrameBenchmark {
			anyCue = true
			break
		}
	}
	sc.cued = anyCue
	if !anyCue {
		return 0, 0
	}

	// clauseStart[k] is the first word of the clause holding word k; hits
	// are in text order, so contrast words are met in order.
	if cap(sc.clause) < len(words) {
		sc.clause = make([]int, len(words))
	}
	clauseStart := sc.clause[:len(words)]
	start, hk := 0, 0
	for k := range words {
		contrast := false
		for hk < len(hits) && hits[hk].from <= k {
			if hits[hk].from == k && opensClause(words, k, hits[hk]) {
				contrast = true
			}
			hk++
		}
		if k > 0 && (words[k].Gap != lexicons.GapNone || contrast) {
			start = k
		}
		clauseStart[k] = start
	}

	cues := sc.cues[:0]
	defer func() { sc.cues = cues[:0] }()
	var benchmarks []hit
	domestic, international := false, false
	for _, h := range hits {
		switch h.e.Frame {
		case lexicons.FrameBenchmark:
			benchmarks = append(benchmarks, h)
		case lexicons.FrameIgnore:
			inner := t.scan(words, h.from, h.to, true, sc, nil)
			for _, in := range inner {
				cues = append(cues, cue{hit: in, frame: cueFrame(in.e.Frame), weight: in.e.Weight, ignored: true, why: ignOtherSense,
					reason: fmt.Sprintf("other sense: %q (%s:%d)", h.e.Term, h.e.File, h.e.Line)})
			}
		case lexicons.FrameDomestic:
			domestic = true
		case lexicons.FrameInternational:
			international = true
		default:
			if lexicons.IsCue(h.e.Frame) {
				cues = append(cues, cue{hit: h, frame: cueFrame(h.e.Frame), weight: h.e.Weight})
			}
		}
	}

	// Names and titles: a cue inside a named entity ("Shanghai Cooperation
	// Organisation") or capitalised in mid-sentence ("the Strategic
	// Competition Act", a report titled "Partners or Rivals?") is part of a
	// name, not a description of a relation.
	ents := sc.ents[si]
	// Entities are in text order (by start); a cue can only overlap those
	// starting less than the longest entity's length before it, so a long
	// sentence (a transcript without full stops) does not cost cues times
	// entities.
	entsSorted, longest := true, 0
	for k, e := range ents {
		if k > 0 && e.Start < ents[k-1].Start {
			entsSorted = false
		}
		longest = max(longest, e.End-e.Start)
	}
	for ci := range cues {
		c := &cues[ci]
		if c.ignored {
			continue
		}
		span := pipeline.Span{Start: words[c.from].Start, End: words[c.to-1].End}
		keep := false // inside a policy or concept name: the cue stands
		for _, e := range entsNear(ents, entsSorted, longest, span.Start, span.End) {
			if !e.Span.Overlaps(span) {
				continue
			}
			if !e.Span.Contains(span) {
				// The cue reaches beyond the name ("break China's grip"):
				// it describes the named actor, it is not part of a name.
				continue
			}
			if nameTypes[e.Type] || e.Type == "EVENT" && writtenAsName(doc.Text, span, c.from == 0, sc.headline(doc, si, words)) {
				// An event name hides its cue words only when they are
				// written as a name ("Shangri-La Dialogue"), not when the
				// event is described ("the trade war", "war in Ukraine").
				c.ignored = true
				c.reason = fmt.Sprintf("part of the name %q", doc.Text[e.Start:e.End])
				c.why = ignName
				break
			}
			keep = true
		}
		if !c.ignored && c.from > 0 && titleCase(doc.Text[words[c.from].Start:words[c.from].End]) &&
			!opensAfterColon(doc.Text, words, c.from, c.to, ents, entsSorted, longest) &&
			(!keep || insideQuotes(doc.Text[doc.Sentences[si].Start:span.Start])) && !sc.headline(doc, si, words) {
			c.ignored = true
			c.reason = "capitalised in mid-sentence: part of a name or title"
			c.why = ignName
		}
	}
	// Benchmarks (rule 9): "more X than Y" with two parties named. They
	// go after the other cues, which are in text order (nb of them).
	nb := len(cues)
	parties := -1 // the sentence's parties, counted on first use
	for _, b := range benchmarks {
		if c, ok := t.benchmark(sc.ents[si], words, b, &parties); ok {
			cues = append(cues, c)
		}
	}

	if cap(sc.used) < len(hits) {
		sc.used = make([]bool, len(hits))
	}
	sc.used = sc.used[:len(hits)]
	clear(sc.used)
	// A negator that governs a verb of disregard negates the disregard,
	// which asserts what is disregarded ("we cannot ignore the rivalry",
	// "nor can we ignore the danger", "the threat must not be
	// underestimated"); one before a coercion in the passive future is
	// defiance, which asserts the coercion ("we will not be intimidated",
	// "Australia won't be coerced", rule 8). Either way it negates no cue.
	for hi, h := range hits {
		if h.e.Frame == lexicons.FrameNegator && governsAssertion(words, h.to, min(len(words), h.to+negatedVerbReach), clauseStart) {
			sc.used[hi] = true
		}
	}
	// A negator verb after a competition cue, its subject, negates it too
	// when nothing is acted on: in the passive ("the sanctions were
	// lifted", "the dispute has been settled") or, for a verb that can
	// stand alone, with no object after it ("tensions eased after the
	// summit", "the war ended"). "Sanctions removed Russia from SWIFT"
	// keeps its frame, and so does a cue inside a modifier ("talks on
	// sanctions ended").
	for ci := range cues {
		c := &cues[ci]
		if c.ignored || c.negated || c.frame != Competition || insideModifier(words, c.from) {
			continue
		}
		// Hits are in text order and do not overlap: start at the first
		// after the cue, stop at the end of its clause.
		for hi := firstHit(hits, c.to); hi < len(hits); hi++ {
			h := hits[hi]
			if clauseStart[h.from] != clauseStart[c.from] || h.from > c.to+2 {
				break // subjectVerb allows two auxiliaries between them
			}
			if h.e.Frame != lexicons.FrameNegator || !postNegators[h.e.Term] || !verbForm(words[h.from].Norm) || !subjectVerb(words, c.to, h.from) {
				continue
			}
			c.negated, c.local = true, true
			c.weight *= h.e.Weight
			// Used after its subject, the verb has no object: it
			// negates nothing after it ("tensions eased and
			// cooperation resumed").
			sc.used[hi] = true
			break
		}
	}
	// A negated passive after a cue that is its clause's subject denies
	// it ("cooperation on supply chains was not pursued").
	for ci := range cues {
		c := &cues[ci]
		if c.ignored || c.negated {
			continue
		}
		ni, part, ok := afterSubject(c, words, hits, clauseStart)
		if !ok || sc.used[ni] {
			continue
		}
		// The negator is used up: it negates nothing after it.
		sc.used[ni] = true
		neg := hits[ni]
		c.negated, c.local = true, true
		c.weight *= neg.e.Weight
		for pi := ci + 1; pi < len(cues) && cues[pi].from <= part; pi++ {
			// The participle, when it is a cue of the same frame
			// ("the agreement was never ratified"), and cues of the
			// same frame in the subject's phrase ("sanctions against
			// the chipmaker were not imposed") are denied with it.
			p := &cues[pi]
			if p.ignored || p.negated || p.frame != c.frame {
				continue
			}
			// The head of the subject's phrase: its preposition or the
			// noun right after it, not a clause inside it ("penalties
			// against companies accused of dumping").
			if p.from == part || p.from == c.to && modifierPreps[words[c.to].Norm] || p.from <= c.to+2 && insideModifier(words, p.from) {
				p.negated, p.local = true, true
				p.weight *= neg.e.Weight
			}
		}
	}
	// Modifiers. concs indexes the concession hits.
	concs := sc.concs[:0]
	for hi, h := range hits {
		if h.e.Frame == lexicons.FrameConcession {
			concs = append(concs, hi)
		}
	}
	sc.concs = concs
	for ci := range cues {
		c := &cues[ci]
		if c.ignored {
			continue
		}
		cs := clauseStart[c.from]
		if h, ok := adverbialConcession(words, hits, clauseStart, cs); ok {
			// "Admittedly, the rivalry is real": a concession that is a
			// clause of its own concedes the clause after it.
			c.weight *= h.e.Weight
			c.reason = fmt.Sprintf("backdrop after %q (rule 10)", h.e.Term)
			c.conceded = true
		}
		// A concession reaches to the end of its own clause: the
		// concessions of the clause before the cue (the nearest few, so
		// that a long clause full of them costs no more per cue).
		ck := sort.Search(len(concs), func(k int) bool { return hits[concs[k]].to > c.from })
		for k := max(0, ck-maxConcessions); k < ck; k++ {
			if h := hits[concs[k]]; h.from >= cs {
				c.weight *= h.e.Weight
				c.reason = fmt.Sprintf("backdrop after %q (rule 10)", h.e.Term)
				c.conceded = true
			}
		}
		lastNeg := -1 // word index after the last negator applied to c
		var lastFactor float64
		var lastTerm string
		// Negators and hedges act only earlier in the cue's clause and
		// within their windows: the hits from there up to the cue (in
		// text order, not overlapping).
		reach := max(t.opts.NegationWindow, t.opts.HedgeWindow)
		for hi := sort.Search(len(hits), func(k int) bool { return hits[k].from >= cs && hits[k].to > c.from-reach }); hi < len(hits); hi++ {
			h := hits[hi]
			if h.to > c.from {
				break
			}
			switch h.e.Frame {
			case lexicons.FrameNegator:
				if c.from-h.to >= t.opts.NegationWindow || sc.used[hi] || untilAfter(words, clauseStart, c.to) {
					continue
				}
				if c.negated && lastNeg >= 0 && h.from >= lastNeg && h.from-lastNeg <= doubleNegationGap && cancels(lastTerm, h.e.Term) {
					// A negated negator cancels ("did not lift the
					// sanctions", "has never eased its controls"): the
					// cue stands as written.
					c.negated = false
					if lastFactor > 0 {
						c.weight /= lastFactor
					}
					lastNeg = -1
					continue
				}
				c.negated = true
				c.weight *= h.e.Weight
				lastNeg, lastFactor, lastTerm = h.to, h.e.Weight, h.e.Term
			case lexicons.FrameHedge:
				if c.from-h.to < t.opts.HedgeWindow && !c.hedged {
					c.hedged = true
					c.weight *= h.e.Weight
				}
			}
		}
	}
	// "non-" negates the cue it is joined to ("non-aggression",
	// "non-interference", "non-cooperation"); lexicon entries that start
	// with "non" ("non tariff barrier*", "non market") match first.
	for ci := range cues {
		c := &cues[ci]
		if c.ignored || c.negated || c.from == 0 || c.to-c.from != 1 || words[c.from-1].Norm != "non" {
			continue
		}
		if joint := doc.Text[words[c.from-1].End:words[c.from].Start]; joint == "-" || joint == "\u2010" || joint == "\u2011" {
			c.negated, c.local = true, true
			c.weight *= nonFactor
		}
	}
	// Negation spreads over cues coordinated with a negated cue
	// ("no rivalry or partnership").
	for ci := 1; ci < len(cues); ci++ {
		prev, c := &cues[ci-1], &cues[ci]
		if !prev.negated || prev.local || c.negated || c.ignored || c.from < prev.to {
			continue
		}
		if clauseStart[c.from] != clauseStart[prev.from] && !listItem(words, prev.to, c.from, c.to) {
			continue // "did not discuss sanctions, export controls or decoupling" is one list
		}
		if c.from-prev.to <= 2 && coordinated(words, prev.to, c.from) {
			c.negated = true
			if prev.e.Weight > 0 {
				c.weight *= prev.weight / prev.e.Weight
			}
		}
	}
	// A negated cue's object inherits the negation: a cue of the same frame
	// at most objectWindow words later in its clause ("does not want to
	// split the world into blocs").
	// The cues are two runs in text order (the lexicon's, then the
	// benchmarks from nb on): each is searched back from c only as far as
	// the window reaches, so a long sentence is not quadratic.
	for ci := 1; ci < len(cues); ci++ {
		c := &cues[ci]
		if c.negated || c.ignored {
			continue
		}
	runs:
		for _, run := range [2][2]int{{nb, ci}, {0, min(ci, nb)}} {
			lo, hi := run[0], run[1]
			if lo >= hi {
				continue
			}
			start := lo + sort.Search(hi-lo, func(x int) bool { return cues[lo+x].from >= c.from })
			for pj := start - 1; pj >= lo; pj-- {
				p := &cues[pj]
				if c.from-p.to > objectWindow {
					break
				}
				if !p.negated || p.local || p.ignored || p.frame != c.frame || clauseStart[p.from] != clauseStart[c.from] {
					continue
				}
				c.negated = true
				if p.e.Weight > 0 {
					c.weight *= p.weight / p.e.Weight
				}
				break runs
			}
		}
	}
	// Absence: one negation over cues of both frames ("mentions neither
	// friction nor friendship", "no rivalry or partnership") asserts
	// neither frame, so those cues count for nothing.
	for ci := 1; ci < len(cues); ci++ {
		prev, c := &cues[ci-1], &cues[ci]
		if prev.negated && c.negated && !prev.local && !c.local && !prev.ignored && !c.ignored && prev.frame != c.frame &&
			clauseStart[c.from] == clauseStart[prev.from] && c.from-prev.to <= 2 && coordinated(words, prev.to, c.from) {
			for _, x := range []*cue{prev, c} {
				x.ignored = true
				x.reason = "negated with a cue of the other frame: absence of both"
				x.why = ignAbsence
			}
		}
	}
	// Disruption: cooperation cues governed by a disrupt cue are its object.
	// The lexicon's cues (before nb) are in text order, and only those
	// near the disrupt cue are looked at (benchmarks are competition).
	near := func(from, to int) (int, int) {
		lo := sort.Search(nb, func(k int) bool { return cues[k].from >= from })
		hi := sort.Search(nb, func(k int) bool { return cues[k].from >= to })
		return lo, max(lo, hi)
	}
	for _, d := range cues {
		if d.e.Frame != lexicons.FrameDisrupt || d.ignored || d.negated {
			continue
		}
		lo, hi := near(d.to, d.to+t.opts.DisruptWindow)
		for ci := lo; ci < hi; ci++ {
			c := &cues[ci]
			if c.ignored || c.frame != Cooperation || c.e.Frame == lexicons.FrameDisrupt {
				continue
			}
			if c.from >= d.to && c.from-d.to < t.opts.DisruptWindow && clauseStart[c.from] == clauseStart[d.from] {
				c.ignored = true
				c.reason = fmt.Sprintf("object of %q (disruption)", d.e.Term)
				c.why = ignDisruption
			}
		}
	}
	// A cooperation cue right before a disrupt cue is its subject ("the
	// talks collapsed", "if the talks fail").
	for _, d := range cues {
		if d.e.Frame != lexicons.FrameDisrupt || d.ignored || d.negated {
			continue
		}
		lo, hi := near(d.from-3-maxCueWords, d.from)
		for ci := lo; ci < hi; ci++ {
			c := &cues[ci]
			if !c.ignored && c.frame == Cooperation && c.e.Frame != lexicons.FrameDisrupt &&
				c.to <= d.from && d.from-c.to <= 3 && clauseStart[c.from] == clauseStart[d.from] {
				c.ignored = true
				c.reason = fmt.Sprintf("subject of %q (disruption)", d.e.Term)
				c.why = ignDisruption
			}
		}
	}
	// Rule 4: coordination inside one country is not cooperation; rivalry
	// between domestic bodies with no nation or organisation named at all
	// ("two provincial football clubs") is not competition either.
	if domestic && !international {
		n := nations(sc.ents[si], words)
		orgs := hasType(sc.ents[si], "ORGANIZATION")
		for ci := range cues {
			c := &cues[ci]
			if c.ignored || c.negated || c.e.Frame == lexicons.FrameDisrupt {
				continue
			}
			if (c.frame == Cooperation && n < 2) || (c.frame == Competition && n == 0 && !orgs) {
				c.ignored = true
				c.reason = "inside one country (rule 4)"
				c.why = ignDomestic
			}
		}
	}
	// Rule 5: shared threats tackled together.
	coopPresent := false
	for _, c := range cues {
		if !c.ignored && c.frame == Cooperation && !c.negated && c.weight >= 0.5 {
			coopPresent = true
		}
	}
	actors := -1 // computed on first use
	for ci := range cues {
		c := &cues[ci]
		if c.ignored || c.e.Frame != lexicons.FrameThreat {
			continue
		}
		if coopPresent && !rivalAfter(sc.ents[si], entsSorted, words, c.to) {
			// A threat with a rival state right after it ("against Russian
			// positions") is a rival, not a shared threat: both.
			c.ignored = true
			c.reason = "shared threat tackled together (rule 5)"
			c.why = ignSharedThreat
			continue
		}
		if actors < 0 {
			actors = nations(sc.ents[si], words)
			if international || hasType(sc.ents[si], "ORGANIZATION") {
				actors++
			}
		}
		if actors == 0 && !c.negated {
			// A threat or fight with no actor in sight is not a relation
			// between actors ("the battle against desertification").
			c.ignored = true
			c.reason = "threat with no actor named"
			c.why = ignNoActor
		}
	}

	for _, c := range cues {
		counted := c.frame
		w := c.weight
		if c.negated {
			counted = opposite(c.frame)
			if c.frame == Cooperation {
				// Absent cooperation is weaker evidence of rivalry than
				// avoided rivalry is of accommodation ("no joint statement
				// was issued" is neutral; "did not seek confrontation" is
				// cooperation, rule 3).
				w *= NegatedCooperationFactor
			}
		}
		if c.ignored {
			w = 0
		} else if counted == Cooperation {
			coop += w
		} else {
			comp += w
		}
		sc.ev = append(sc.ev, pipeline.Evidence{
			Span:    pipeline.Span{Start: words[c.from].Start, End: words[c.to-1].End},
			Term:    c.e.Term,
			Frame:   c.frame,
			Lexicon: c.e.File,
			Line:    c.e.Line,
			Weight:  w,
			Negated: c.negated,
			Hedged:  c.hedged,
			Ignored: c.ignored,
			Reason:  c.reason,
			Sent:    si,
		})
	}
	t.featurize(&sc.feat, cues, hits, words, sc.ents[si], coop, comp)
	return coop, comp
}

// NegatedCooperationFactor scales a negated cooperation cue before it
// counts for competition.
const NegatedCooperationFactor = 0.5

func hasType(ents []pipeline.Entity, typ string) bool {
	for _, e := range ents {
		if e.Type == typ {
			return true
		}
	}
	return false
}

// maxCueWords bounds the words of one cue when looking for the cues
// ending near a word (longer lexicon terms are looked for no further).
const maxCueWords = 12

// maxConcessions is the most concessions of a clause that weigh on one
// cue (the nearest ones before it); prose has one, rarely two.
const maxConcessions = 3

// doubleNegationGap is the most words between a negator and a second
// negator it negates ("did not" + "lift": 0; "has not yet" + "eased": 1).
const doubleNegationGap = 2

// nonFactor is the weight factor of a cue negated by a "non-" prefix, that
// of "not" in the built-in lexicon.
const nonFactor = 0.8

// untilAfter reports whether "until" or "till" and a time follow the cue
// that ends before words[end], in its clause: "did not coordinate their
// export controls until last year" says when they did, it does not deny
// them.
func untilAfter(words []lexicons.Word, clauseStart []int, end int) bool {
	for k := end; k < len(words) && k < end+8; k++ {
		if k > end && clauseStart[k] != clauseStart[k-1] {
			return false
		}
		if w := words[k].Norm; (w == "until" || w == "till") && k+1 < len(words) && timeWord(words[k+1].Norm) {
			return true
		}
	}
	return false
}

// timeWord reports whether w opens a time expression after "until" ("until
// 2019", "until last year", "until after the election", "until May"); a
// clause there is a condition ("no cooperation until Washington lifts its
// sanctions"), which leaves the negation standing.
func timeWord(w string) bool {
	if w != "" && w[0] >= '0' && w[0] <= '9' {
		return true
	}
	switch w {
	case "last", "after", "recently", "now", "then", "late", "early", "mid", "this", "next", "today", "yesterday",
		"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december":
		return true
	}
	return false
}

// opensClause reports whether hit h, at words[k], opens a clause: a
// contrast word, except "yet" and "still" right after an auxiliary or a
// negator ("has not yet signed", "have still not been imposed", "may
// still impose": adverbs there, not contrasts), and "whether" or "if" (a negation or hedge
// before them does not reach into their clause: "it is not clear whether
// cooperation will survive").
func opensClause(words []lexicons.Word, k int, h hit) bool {
	switch h.e.Frame {
	case lexicons.FrameContrast:
		if w := words[k].Norm; (w == "yet" || w == "still") && h.to == k+1 && k > 0 && words[k].Gap == lexicons.GapNone {
			// An adverb after an auxiliary or a negator; a
			// conjunction elsewhere ("did not lift the sanctions yet
			// cooperation resumed").
			prev := words[k-1].Norm
			return !predicateWords[prev] && !grammaticalNegators[prev]
		}
		return true
	case lexicons.FrameHedge:
		return h.e.Term == "whether" || h.e.Term == "if"
	}
	return false
}

// afterSubject negates cue c when c is the subject of its clause and its
// predicate is a negated passive saying that it came about. The subject:
// at most four words before c in its clause (or after "that"), none of
// them an auxiliary or a preposition (a cue inside another noun's phrase,
// "penalties against companies accused of dumping", is not the
// subject). The predicate follows c, maybe after one prepositional phrase
// (subjectPP): an auxiliary, "not"/"never"/"no longer" (with "still" or
// "yet" around it), maybe "been" and an adverb such as "formally", and a
// participle of cameAbout: "cooperation on supply chains was not
// pursued", "sanctions have still not been imposed", "the partnership was
// not formally established", "the agreement was never ratified".
//
// The rule stands back when the negation denies something else: a
// negator verb as the participle ("were not lifted": the sanctions
// stand), a degree ("has not been expanded"), what follows the
// participle ("not imposed until 2019", "not imposed lightly", "not
// pursued for its own sake", "by Washington but by Brussels"), or a cue
// of the other frame right after it ("cooperation was not matched by
// rivalry"). When the rule applies, the negation is the cue's own (local)
// and the participle's, if it is a cue: it does not spread, and the "not"
// negates nothing after it.
//
// A hedge after the subject stays with the predicate: "rising tariffs
// could hurt trade" and "the rivalry appears to be intensifying" assert
// the tariffs and the rivalry.
//
// It returns the negator's index in hits and the participle's word index.
func afterSubject(c *cue, words []lexicons.Word, hits []hit, clauseStart []int) (negator, part int, ok bool) {
	cs := clauseStart[c.from]
	if insideModifier(words, c.from) {
		return -1, -1, false
	}
	// A complementiser opens the subject's own clause ("officials have
	// insisted that cooperation was not pursued").
	subj := cs
	for k := c.from - 1; k >= cs && k >= c.from-5; k-- {
		if words[k].Norm == "that" || words[k].Norm == "whether" || reportingVerbs[words[k].Norm] {
			subj = k + 1
			break
		}
	}
	if c.from-subj > 4 {
		return -1, -1, false
	}
	if c.from > subj && strings.HasSuffix(words[c.from].Norm, "ed") && !determiners[words[c.from-1].Norm] {
		// A participle after a noun modifies it ("the agreement signed
		// in 2019 was never implemented"): the noun is the subject.
		return -1, -1, false
	}
	for k := subj; k < c.from; k++ {
		if w := words[k].Norm; predicateWords[w] || w == "to" || modifierPreps[w] {
			return -1, -1, false
		}
	}
	// The clause's end, looked for only as far as the rule reads (the
	// phrase, the predicate and a few words after it), so that a long
	// sentence of many clauses costs no more per cue.
	end := c.to
	for end < len(words) && end < c.to+maxPP+24 && clauseStart[end] == cs {
		end++
	}
	p := subjectPP(words, c.to, end)
	if (p < 0 || p >= end) && end < len(words) {
		// A relative clause between commas ("the partnership, which had
		// been announced in 2019, was never formalised"): the predicate
		// opens its own clause after it.
		p = afterRelative(words, end)
		if p >= 0 {
			cs, end = clauseStart[p], p
			for end < len(words) && end < p+24 && clauseStart[end] == cs {
				end++
			}
		}
	}
	if p < 0 || p >= end {
		return -1, -1, false
	}
	hitAt := func(k int) (int, bool) {
		hi := firstHit(hits, k)
		return hi, hi < len(hits) && hits[hi].from == k
	}
	// Auxiliary ("will not be", "has not been"), negator, maybe
	// "been"/"be", an adverb, participle.
	k := p
	if !predicateWords[words[k].Norm] {
		return -1, -1, false
	}
	k++
	if x, ok := hitAt(k); (!ok || hits[x].e.Frame != lexicons.FrameNegator) && k < end && predicateAdverbs[words[k].Norm] {
		k++ // "have still not been imposed" (but "have yet to be imposed")
	}
	hi, ok := hitAt(k)
	if !ok || hits[hi].e.Frame != lexicons.FrameNegator || !grammaticalNegators[hits[hi].e.Term] {
		return -1, -1, false
	}
	k = hits[hi].to
	for k < end && (words[k].Norm == "been" || words[k].Norm == "be" || predicateAdverbs[words[k].Norm]) {
		k++
	}
	if k >= end || !cameAbout(words[k].Norm) && !(words[k].Norm == "set" && k+1 < end && words[k+1].Norm == "up") {
		return -1, -1, false
	}
	part = k
	partHit := -1
	if x, ok := hitAt(k); ok {
		if h := hits[x]; !lexicons.IsCue(h.e.Frame) || cueFrame(h.e.Frame) != c.frame || h.e.Frame == lexicons.FrameDisrupt {
			return -1, -1, false // a negator verb ("were not lifted"), or a cue of the other frame
		}
		partHit = x
	}
	if after := k + 1; after < len(words) && deniesAfter(words, after, end) {
		return -1, -1, false
	}
	// A cue of the other frame in the participle's own phrase is what it
	// denies: "cooperation was not matched by rivalry" (but not one after
	// "and": "was not pursued and the rivalry deepened").
	for x := hi + 1; x < len(hits) && hits[x].from < end && hits[x].from <= k+3; x++ {
		if x == partHit || !lexicons.IsCue(hits[x].e.Frame) || cueFrame(hits[x].e.Frame) == c.frame {
			continue
		}
		free := false
		for y := k + 1; y <= hits[x].from; y++ {
			if words[y].Gap != lexicons.GapNone || words[y].Norm == "and" || words[y].Norm == "because" {
				free = true
			}
		}
		if !free {
			return -1, -1, false
		}
	}
	return hi, part, true
}

// negatedVerbReach is how many words after a negator governsAssertion
// looks: "nor can we ignore", "must not ever be underestimated".
const negatedVerbReach = 4

// governsAssertion reports whether the verb a negator governs, among
// words[from:to] in the negator's clause, turns its negation into an
// assertion of what follows: a verb of disregard ("not ignore", "nor can
// we overlook", "must not be underestimated"), or a coercion in the
// passive after "be" ("will not be intimidated", "won't be coerced"), which
// is defiance of the coercion, not its absence. The past ("was not
// coerced") says the coercion did not happen and is left to the negation.
func governsAssertion(words []lexicons.Word, from, to int, clauseStart []int) bool {
	if from >= to {
		return false
	}
	cs := clauseStart[from-1]
	for k := from; k < to && clauseStart[k] == cs; k++ {
		w := words[k].Norm
		if disregardVerb(w) {
			return true
		}
		if w == "be" && k+1 < to && coercedWords[words[k+1].Norm] {
			return true
		}
		if !negatedVerbFiller[w] {
			return false
		}
	}
	return false
}

// disregardVerb reports whether w is a form of a verb of disregard.
func disregardVerb(w string) bool {
	for _, stem := range []string{"ignor", "overlook", "underestimat", "underrat", "neglect", "dismiss", "forget", "forgot", "disregard"} {
		if strings.HasPrefix(w, stem) {
			return true
		}
	}
	return false
}

// negatedVerbFiller are the words that may stand between a negator and
// the verb it governs: modals, subjects of an inverted clause ("nor can
// we"), "to", "be" and a few adverbs.
var negatedVerbFiller = map[string]bool{"can": true, "could": true, "should": true, "shall": true, "will": true, "would": true, "must": true, "may": true, "might": true, "we": true, "i": true, "you": true, "they": true, "one": true, "anyone": true, "to": true, "be": true, "been": true, "ever": true, "simply": true, "just": true, "afford": true, "longer": true}

// coercedWords are the passive participles of coercion that "will not be"
// defies.
var coercedWords = map[string]bool{"intimidated": true, "coerced": true, "bullied": true, "blackmailed": true, "pressured": true, "pressurised": true, "pressurized": true, "cowed": true, "browbeaten": true, "threatened": true, "silenced": true, "dictated": true}

// firstHit returns the index of the first of hits (in text order, not
// overlapping) that starts at word k or later.
func firstHit(hits []hit, k int) int {
	return sort.Search(len(hits), func(x int) bool { return hits[x].from >= k })
}

// deniesAfter reports whether the words from words[k] (right after a
// negated participle) are what the negation denies, rather than the
// event: a time limit ("not imposed until 2019"), a manner ("not imposed
// lightly", "not achieved overnight"), a reason or purpose ("not imposed
// for political reasons"), a cost ("not pursued at the expense of
// security"), or the other half of "not X but Y" ("not by Washington but
// by Brussels"). A cause ("because of security concerns", "for fear of
// espionage") leaves the denial of the event standing.
func deniesAfter(words []lexicons.Word, k, end int) bool {
	if k < end {
		w := words[k].Norm
		switch {
		case w == "for":
			// A reason or purpose ("for political reasons", "for its
			// own sake"), but "for fear of" gives the event's cause.
			return k+1 >= end || words[k+1].Norm != "fear"
		case w == "at":
			return k+2 < end && words[k+1].Norm == "the" && words[k+2].Norm == "expense" // "at the expense of"
		case w == "until" || w == "till" || w == "overnight" || w == "merely" || w == "simply" || w == "only" ||
			w == "just" || strings.HasSuffix(w, "ly") && len(w) > 4:
			return true
		}
	}
	// "but" after a phrase of the participle, up to the clause end.
	for x := k; x <= end && x < len(words) && x <= k+6; x++ {
		if words[x].Norm == "but" && (words[x].Gap == lexicons.GapNone || x+1 < len(words) && modifierPreps[words[x+1].Norm]) {
			// "not by Washington but by Brussels" (also after a comma),
			// not ", but trade grew"
			return true
		}
	}
	return false
}

// determiners may stand before a subject cue.
var determiners = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "these": true,
	"those": true, "its": true, "their": true, "our": true, "his": true, "her": true, "any": true, "no": true}

// reportingVerbs introduce reported speech without "that" ("officials
// have said cooperation was never pursued"): the subject's clause opens
// after them.
var reportingVerbs = map[string]bool{"said": true, "says": true, "say": true, "insisted": true, "insist": true,
	"insists": true, "argued": true, "argue": true, "argues": true, "claimed": true, "claims": true, "stated": true,
	"noted": true, "believe": true, "believes": true, "think": true, "thinks": true, "added": true, "confirmed": true}

// predicateAdverbs may stand inside a negated predicate without changing
// what it denies ("have still not been imposed", "has not yet been
// signed", "was not formally established").
var predicateAdverbs = map[string]bool{"still": true, "yet": true, "ever": true, "formally": true, "officially": true,
	"actually": true, "even": true}

// predicateWords are the auxiliaries and modals that open a predicate.
var predicateWords = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true,
	"has": true, "have": true, "had": true, "will": true, "would": true, "can": true, "could": true, "may": true,
	"might": true, "should": true, "must": true, "shall": true, "does": true, "do": true, "did": true}

// relativeWords end a subject's prepositional phrase: what follows is
// another clause ("sanctions on firms that were ...").
var relativeWords = map[string]bool{"that": true, "which": true, "who": true, "whom": true, "whose": true, "where": true,
	"when": true, "but": true, "if": true, "as": true, "because": true, "while": true, "than": true}

// maxPP is the most words of a prepositional phrase after a subject cue.
const maxPP = 8

// subjectPP returns the index of the word after the subject cue (which
// ends before words[end]) where its predicate starts: end itself, or, after one
// prepositional phrase ("the sanctions against Huawei were lifted",
// "cooperation between the EU and China on chip standards was never
// pursued") or a participle and its phrase ("the partnership announced
// in 2019"), the first auxiliary, modal or hedge verb within maxPP words.
// It returns -1 when a phrase does not reach one, or meets punctuation or
// a relative word first.
func subjectPP(words []lexicons.Word, end, limit int) int {
	if end >= limit {
		return end
	}
	// A participle may open the phrase as a preposition does ("the
	// partnership announced in 2019 was never formalised"); then "and"
	// or "or" ends it, as the participle may be the verb ("cooperation
	// expanded in 2018 and was never formalised").
	w := words[end].Norm
	participle := !modifierPreps[w] && strings.HasSuffix(w, "ed") && !predicateWords[w] && end+1 < limit && modifierPreps[words[end+1].Norm]
	if !modifierPreps[w] && !participle {
		return end
	}
	for k := end + 1; k < limit && k <= end+maxPP; k++ {
		w := words[k].Norm
		switch {
		case words[k].Gap != lexicons.GapNone || relativeWords[w] || participle && (w == "and" || w == "or"):
			return -1
		case predicateWords[w] || hedgeVerbs[w]:
			return k
		}
	}
	return -1
}

// afterRelative returns the index of the word after a relative clause set
// off by commas that opens at words[end], right after the subject cue
// (", which had been announced in 2019, was never formalised"), or -1.
func afterRelative(words []lexicons.Word, end int) int {
	if end >= len(words) || words[end].Gap != lexicons.GapComma {
		return -1
	}
	switch words[end].Norm {
	case "which", "who", "whose", "once":
	default:
		return -1
	}
	for k := end + 1; k < len(words) && k <= end+20; k++ {
		switch words[k].Gap {
		case lexicons.GapComma:
			return k
		case lexicons.GapClause:
			return -1
		}
	}
	return -1
}

// hedgeVerbs may open a predicate ("the rivalry over cables appears to
// be intensifying").
var hedgeVerbs = map[string]bool{"appears": true, "appear": true, "seems": true, "seem": true}

// cameAbout reports whether w is a participle saying that something was
// done or came about ("pursued", "imposed", "signed", "reached"): negated
// in the passive after its subject cue, it denies the cue. Participles
// that grade or bound it ("limited", "matched", "welcomed", "expanded",
// "intensified") are not.
func cameAbout(w string) bool {
	switch w {
	case "sought", "made", "held", "undertaken", "struck", "begun", "forged":
		return true
	}
	if !strings.HasSuffix(w, "ed") {
		return false
	}
	for _, p := range cameAboutStems {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// cameAboutStems are the stems of cameAbout's regular participles.
var cameAboutStems = []string{"pursu", "impos", "enforc", "formali", "sign", "reach", "agree", "conclud", "implement",
	"adopt", "approv", "ratif", "renew", "extend", "launch", "establish", "announc", "introduc", "appli", "achiev",
	"finali", "accept", "grant", "resum", "realis", "realiz", "deliver", "carri", "complet", "activat", "initiat",
	"revived", "issued", "formed", "created", "convened", "negotiat", "organis", "organiz", "restor", "reopen"}

// postNegators are the negator verbs that also negate the cue before them,
// their subject ("tensions eased", "tariffs were removed", "the war
// ended"); the others need an object after them ("end the", "refused to").
var postNegators = map[string]bool{"ease": true, "eased": true, "easing": true, "lifted": true, "ended": true, "ceas*": true,
	"resolv*": true, "settl*": true, "defus*": true, "remov*": true, "eliminat*": true, "waiv*": true, "averted": true,
	"prevent*": true, "reduc*": true, "stopped": true, "overcome": true}

// modifierPreps before a cue put it inside a modifier of the subject
// ("talks on sanctions ended", "hostility towards the alliance eased").
var modifierPreps = map[string]bool{"on": true, "about": true, "over": true, "of": true, "for": true, "with": true,
	"against": true, "towards": true, "toward": true, "between": true, "from": true, "to": true, "in": true, "by": true}

// insideModifier reports whether the cue starting at words[k] follows a
// preposition, maybe with a determiner between ("towards the alliance").
func insideModifier(words []lexicons.Word, k int) bool {
	k--
	if k >= 0 && words[k+1].Gap == lexicons.GapNone {
		switch words[k].Norm {
		case "the", "a", "an", "its", "their", "this", "that", "these", "those", "our", "his", "her", "any", "new":
			k--
		}
	}
	return k >= 0 && modifierPreps[words[k].Norm]
}

// intransitives are the post-negators that can stand without an object
// ("tensions eased", "the fighting stopped"); the others negate their
// subject only in the passive.
var intransitives = map[string]bool{"ease": true, "eases": true, "eased": true, "ended": true, "ceased": true, "stopped": true}

// afterIntransitive are words that may follow an intransitive verb without
// being its object ("eased after", "ended in May", "eased somewhat").
var afterIntransitive = map[string]bool{
	"after": true, "in": true, "on": true, "at": true, "since": true, "when": true, "as": true, "but": true, "and": true,
	"following": true, "amid": true, "last": true, "this": true, "somewhat": true, "slightly": true, "further": true,
	"again": true, "sharply": true, "considerably": true, "markedly": true, "significantly": true, "quickly": true,
	"before": true, "once": true, "only": true, "abruptly": true, "peacefully": true, "yesterday": true, "today": true,
	"during": true, "with": true, "without": true, "along": true, "off": true, "briefly": true,
}

// subjectVerb reports whether the negator verb at words[v] has the cue
// ending at words[end] as its subject with nothing acted on: passive
// ("were lifted", "has been settled") or intransitive with no object.
func subjectVerb(words []lexicons.Word, end, v int) bool {
	between := words[end:v]
	if !auxiliariesOnly(between) {
		return false
	}
	for _, w := range between {
		switch w.Norm {
		case "is", "are", "was", "were", "be", "been", "being":
			// Passive, unless an exception follows ("were waived for
			// allies but not for China").
			return !exceptionAfter(words, v)
		}
	}
	if !intransitives[words[v].Norm] {
		return false
	}
	return v+1 == len(words) || words[v+1].Gap != lexicons.GapNone || afterIntransitive[words[v+1].Norm]
}

// exceptionAfter reports whether "but not" or "except" follows the verb at
// words[v] within a few words.
func exceptionAfter(words []lexicons.Word, v int) bool {
	for k := v + 1; k < len(words) && k <= v+6; k++ {
		switch words[k].Norm {
		case "except", "excluding":
			return true
		case "but":
			if k+1 < len(words) && words[k+1].Norm == "not" {
				return true
			}
		}
	}
	return false
}

// verbForm reports whether a post-negator's word is a verb form that can
// follow its subject: a past form ("eased", "settled"; not the nouns
// "settlement", "reduction" that the same globs match) or "ease(s)",
// "overcome".
func verbForm(w string) bool {
	return strings.HasSuffix(w, "ed") || w == "ease" || w == "eases" || w == "overcome"
}

// auxiliariesOnly reports whether words, those between a cue and a verb
// after it, are at most two auxiliaries ("were", "have been").
func auxiliariesOnly(words []lexicons.Word) bool {
	if len(words) > 2 {
		return false
	}
	for _, w := range words {
		if w.Gap != lexicons.GapNone {
			return false
		}
		switch w.Norm {
		case "is", "are", "was", "were", "be", "been", "being", "has", "have", "had":
		default:
			return false
		}
	}
	return true
}

// grammaticalNegators are the negators that only negate: after one of
// endVerbs they do not cancel with it (see cancels).
var grammaticalNegators = map[string]bool{"not": true, "n't": true, "no": true, "never": true, "without": true, "nor": true, "yet to": true,
	"neither": true, "nobody": true, "none": true, "no one": true, "no longer": true, "hardly": true}

// cancels reports whether negator second, negated by negator first just
// before it, cancels out (see grammaticalNegators).
func cancels(first, second string) bool {
	return !grammaticalNegators[second] || !endVerbs[first]
}

// endVerbs are the negators that, used without an object, say that
// something stopped: a plain negation after them negates on its own ("the
// talks ended without agreement"). After other negators the two cancel
// ("refused to act without consultation", "not without friction").
var endVerbs = map[string]bool{"ended": true, "ceas*": true, "stopped": true, "eased": true, "ending": true}

// nameTypes are the entity types whose names hide the cue words inside
// them. CONCEPT ("strategic competition"), TECHNOLOGY and POLICY ("export
// controls") keep their cues.
var nameTypes = map[string]bool{"STATE_ACTOR": true, "ORGANIZATION": true, "PERSON": true}

// writtenAsName reports whether the cue at span is capitalised as a name:
// some letter is upper case, not counting the capital that opens a
// sentence (atStart: "Trade wars have a way of landing...") or the
// capitals of a headline, where every longer word has one.
func writtenAsName(text string, span pipeline.Span, atStart, headline bool) bool {
	if headline {
		return false
	}
	s := text[span.Start:span.End]
	if atStart {
		_, n := utf8.DecodeRuneInString(s)
		s = s[n:]
	}
	return hasUpper(s)
}

// headline reports whether sentence si (its words) is set in title case,
// as headlines, titles and subheads are ("Biotechnology and the Next Front
// in US-China Competition"): there a capital says nothing about names, so
// the capitalisation rules do not hide cues. It needs at least three words
// of four or more letters after the first, outside the sentence's
// entities, with at least four in five of them capitalised; names are left
// out of the count because an ordinary sentence can be full of them ("The
// United States, Japan and the Netherlands agreed...").
func (sc *scratch) headline(doc *pipeline.Document, si int, words []lexicons.Word) bool {
	if sc.headSent == si+1 {
		return sc.head
	}
	caps, long := 0, 0
	ents := sc.ents[si]
	// The entities are walked along with the words (both in text order),
	// keeping the farthest end of those started so far, so a long
	// sentence with many names, nested ones included ("the Trump
	// administration"), is not quadratic.
	spans := sc.spans[:0]
	for _, e := range ents {
		spans = append(spans, e.Span)
	}
	if !slices.IsSortedFunc(spans, func(a, b pipeline.Span) int { return a.Start - b.Start }) {
		slices.SortFunc(spans, func(a, b pipeline.Span) int { return a.Start - b.Start })
	}
	sc.spans = spans
	j, reach := 0, -1
	for k := 1; k < len(words); k++ {
		w := doc.Text[words[k].Start:words[k].End]
		if len(w) < 4 || !letters(w) {
			continue
		}
		at := words[k].Start
		for j < len(spans) && spans[j].Start <= at {
			reach = max(reach, spans[j].End)
			j++
		}
		if at < reach {
			continue
		}
		long++
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			caps++
		}
	}
	sc.headSent, sc.head = si+1, caps >= 3 && caps*5 >= long*4
	return sc.head
}

// letters reports whether w is made of letters only.
func letters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// entityAt is insideEntity over the entities near at (entsNear).
func entityAt(ents []pipeline.Entity, sorted bool, longest, at int) bool {
	return insideEntity(entsNear(ents, sorted, longest, at, at+1), at)
}

// entsNear returns the entities of ents that may overlap the bytes
// [from, to): all of them unless sorted (in text order by start), else,
// with none longer than longest bytes, those starting from from-longest
// up to to. A binary search, so that a long sentence with many entities
// is not quadratic.
func entsNear(ents []pipeline.Entity, sorted bool, longest, from, to int) []pipeline.Entity {
	if !sorted {
		return ents
	}
	lo := sort.Search(len(ents), func(k int) bool { return ents[k].Start >= from-longest })
	hi := sort.Search(len(ents), func(k int) bool { return ents[k].Start >= to })
	return ents[lo:max(lo, hi)]
}

// insideEntity reports whether byte offset at falls inside one of ents.
func insideEntity(ents []pipeline.Entity, at int) bool {
	for _, e := range ents {
		if at >= e.Start && at < e.End {
			return true
		}
	}
	return false
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// insideQuotes reports whether the text before a cue (from its sentence
// start) leaves a quotation open: a capitalised cue there is a title ("The
// Tech Cold War"), even when the words also name a concept.
func insideQuotes(before string) bool {
	n := 0
	open := false
	for _, r := range before {
		switch r {
		case '"':
			n++
		case '“':
			open = true
		case '”':
			open = false
		}
	}
	return open || n%2 == 1
}

// opensAfterColon reports whether the cue words[from:to] opens a
// sentence of its own after a colon ("Answer: Cooperation between the two
// systems has been under way for years", "Explainer: Cooperation Beijing
// and Moscow have pursued in space"): a capital there starts the
// sentence, unless the cue's other words or the next content words are
// capitalised too, a title ("Chapter 4: Cooperation in the Arctic",
// "titled: “Competition and Cooperation in Cyberspace”"). Small words
// (titleSmall) and the names in ents (Beijing, Moscow) say nothing either
// way; the first other word after the cue decides.
func opensAfterColon(text string, words []lexicons.Word, from, to int, ents []pipeline.Entity, sorted bool, longest int) bool {
	if words[from].Gap != lexicons.GapClause || !strings.Contains(text[words[from-1].End:words[from].Start], ":") {
		return false
	}
	seen := 0
	for k := from + 1; k < len(words) && seen < 1; k++ {
		if k >= to && (titleSmall[words[k].Norm] || nationalitySet.has(&words[k]) || entityAt(ents, sorted, longest, words[k].Start)) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(text[words[k].Start:words[k].End]); unicode.IsUpper(r) {
			return false
		}
		if k >= to {
			seen++
		}
	}
	return true
}

// titleSmall are the words a title leaves in lower case.
var titleSmall = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "of": true, "in": true,
	"on": true, "for": true, "to": true, "with": true, "at": true, "by": true, "from": true, "vs": true, "versus": true}

// titleCase reports whether a word is capitalised with a lower-case
// second letter ("Cooperation", not "COOPERATION" or "cooperation").
func titleCase(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || n >= len(w) {
		return false
	}
	r2, _ := utf8.DecodeRuneInString(w[n:])
	return unicode.IsLower(r2)
}

// partyWords name a second party in a comparison without naming a nation.
var partyWords = map[string]bool{"our": true, "ours": true, "we": true, "rivals": true, "competitors": true, "others": true, "other": true, "theirs": true}

// benchmark turns a benchmark hit into a competition cue when "than" (or
// "as" after "as many/as much") follows within BenchmarkWindow words, with
// at least one word between, and the sentence names two parties.
func (t *Tagger) benchmark(ents []pipeline.Entity, words []lexicons.Word, b hit, parties *int) (cue, bool) {
	want := "than"
	if words[b.from].Norm == "as" {
		want = "as"
	}
	end := -1
	for k := b.to + 1; k < len(words) && k <= b.to+benchmarkWindow; k++ {
		if words[k].Norm == want {
			end = k
			break
		}
	}
	if end < 0 || end+1 < len(words) && (notParty[words[end+1].Norm] || isNumber(words[end+1].Norm)) {
		return cue{}, false
	}
	if *parties < 0 {
		// Once per sentence, not per benchmark cue: a long sentence with
		// many of them is not quadratic.
		*parties = nations(ents, words)
		for _, w := range words {
			if partyWords[w.Norm] {
				*parties++
				break
			}
		}
	}
	if *parties < 2 {
		return cue{}, false
	}
	return cue{hit: hit{e: b.e, from: b.from, to: end + 1}, frame: Competition, weight: b.e.Weight}, true
}

// objectWindow is how far after a negated cue a cue of the same frame is
// taken as its object.
const objectWindow = 3

// rivalWindow is how many words after a threat cue a named nation makes it a
// rival rather than a shared threat.
const rivalWindow = 3

// rivalAfter reports whether a nation (a STATE_ACTOR entity or a
// nationality adjective) starts within rivalWindow words after word index
// from.
func rivalAfter(ents []pipeline.Entity, sorted bool, words []lexicons.Word, from int) bool {
	for k := from; k < len(words) && k < from+rivalWindow; k++ {
		if words[k].Norm == "by" {
			// "joint surveillance by China and ASEAN": the states that
			// follow are the ones acting, not a rival.
			return false
		}
		if nationalitySet.has(&words[k]) {
			return true
		}
		// Only the entities starting at this word (longest 0).
		for _, e := range entsNear(ents, sorted, 0, words[k].Start, words[k].Start+1) {
			if e.Type == "STATE_ACTOR" && e.Start == words[k].Start {
				return true
			}
		}
	}
	return false
}

// notParty lists words that, right after "than", show that a comparison is
// about time, place or quantity, not between parties ("than to any other
// buyer", "than in 2020", "than ever").
var notParty = map[string]bool{
	"to": true, "in": true, "from": true, "for": true, "at": true, "on": true, "ever": true,
	"before": true, "expected": true, "last": true, "previously": true, "usual": true,
	"planned": true, "forecast": true, "a": true, "an": true, "half": true, "double": true, "twice": true,
}

// benchmarkWindow is how far "than" may follow "more".
const benchmarkWindow = 12

func isNumber(w string) bool {
	return w != "" && w[0] >= '0' && w[0] <= '9'
}

// adverbialConcession returns the concession hit that makes up the whole
// clause just before the clause starting at cs, when that clause opens the
// sentence and ends with a comma ("Admittedly,", "To be sure,").
func adverbialConcession(words []lexicons.Word, hits []hit, clauseStart []int, cs int) (hit, bool) {
	if cs == 0 || words[cs].Gap != lexicons.GapComma || clauseStart[cs-1] != 0 {
		return hit{}, false
	}
	for _, h := range hits {
		if h.from > 0 {
			break
		}
		if h.to == cs && h.e.Frame == lexicons.FrameConcession {
			return h, true
		}
	}
	return hit{}, false
}

// listItem reports whether the cue at words[from2:to2] continues, across a
// comma, a list whose previous item ends at from: "sanctions, export
// controls or decoupling" (a later "or"/"and"/"nor" closes the list) or
// "sanctions, export controls, or decoupling". Commas that join clauses
// ("did not discuss sanctions, cooperation resumed") are not lists.
func listItem(words []lexicons.Word, from, from2, to2 int) bool {
	if from2-from > 2 || !coordinated(words, from, from2) {
		return false
	}
	for k := from; k <= from2 && k < len(words); k++ {
		if words[k].Gap == lexicons.GapClause {
			return false
		}
	}
	for k := from; k < from2; k++ {
		if n := words[k].Norm; n == "and" || n == "or" || n == "nor" {
			// ", or decoupling" closes a list only when the item before it
			// was itself after a comma ("A, B, or C"); "sanctions, and
			// cooperation resumed" joins two clauses.
			return listAfterComma(words, from)
		}
	}
	// "A, B or C": a coordinator follows B within a few words, with no
	// clause break before it.
	for k := to2; k < len(words) && k < to2+4; k++ {
		if words[k].Gap == lexicons.GapClause {
			return false
		}
		switch words[k].Norm {
		case "and", "or", "nor":
			return true
		}
	}
	return false
}

// listAfterComma reports whether the list item ending at word end (its
// last word is end-1) began after a comma: some word within three before
// end has a comma gap and none a clause gap.
func listAfterComma(words []lexicons.Word, end int) bool {
	for k := end - 1; k >= 0 && k >= end-3; k-- {
		switch words[k].Gap {
		case lexicons.GapComma:
			return true
		case lexicons.GapClause:
			return false
		}
	}
	return false
}

func coordinated(words []lexicons.Word, from, to int) bool {
	for k := from; k < to; k++ {
		switch words[k].Norm {
		case "and", "or", "nor", "any", "a", "an", "the":
		default:
			return false
		}
	}
	return true
}

func cueFrame(f string) string {
	if f == lexicons.FrameCooperation {
		return Cooperation
	}
	return Competition
}

func opposite(f string) string {
	if f == Cooperation {
		return Competition
	}
	return Cooperation
}

// nationality adjectives and demonyms that name a nation without a
// gazetteer entity ("Chinese ministries", "American and Chinese
// universities").
var nationality = map[string]string{
	"chinese": "China", "american": "United States", "european": "European Union", "japanese": "Japan",
	"korean": "South Korea", "indian": "India", "russian": "Russia", "british": "United Kingdom",
	"german": "Germany", "french": "France", "taiwanese": "Taiwan", "singaporean": "Singapore",
	"dutch": "Netherlands", "italian": "Italy", "spanish": "Spain", "australian": "Australia",
	"canadian": "Canada", "brazilian": "Brazil", "indonesian": "Indonesia", "vietnamese": "Vietnam",
	"malaysian": "Malaysia", "thai": "Thailand", "pakistani": "Pakistan", "iranian": "Iran",
	"israeli": "Israel", "saudi": "Saudi Arabia", "turkish": "Turkey", "ukrainian": "Ukraine",
	"african": "Africa", "western": "the West", "transatlantic": "the West", "sino": "China",
	"emirati": "United Arab Emirates", "mexican": "Mexico", "polish": "Poland", "swedish": "Sweden",
	"finnish": "Finland", "filipino": "Philippines", "egyptian": "Egypt", "nigerian": "Nigeria",
	"kenyan": "Kenya", "ethiopian": "Ethiopia", "argentine": "Argentina", "chilean": "Chile",
}

var nationalitySet = newWordSet(nationality)

// nations counts the distinct nations a sentence names: STATE_ACTOR
// entities plus nationality adjectives.
func nations(ents []pipeline.Entity, words []lexicons.Word) int {
	var buf [8]string // a sentence names few nations: no map
	seen := buf[:0]
	add := func(n string) {
		for _, x := range seen {
			if x == n {
				return
			}
		}
		seen = append(seen, n)
	}
	for _, e := range ents {
		if e.Type == "STATE_ACTOR" {
			add(e.Canonical)
		}
	}
	for k := range words {
		if n, ok := nationalitySet.get(&words[k]); ok {
			add(n)
		}
	}
	return len(seen)
}

// LabelOf returns a sentence's label, "" when framing has not run.
func LabelOf(s pipeline.Sentence) string { return strings.TrimSpace(s.Frame) }
