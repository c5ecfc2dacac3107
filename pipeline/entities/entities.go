// Package entities tags domain entities (states, organisations, policies,
// technologies, people, events, concepts) with a gazetteer compiled from the
// entity lexicons (lexicons/data/entities.tsv plus user files).
//
// Matching runs per sentence over lexicons.Words, so it never crosses a
// sentence boundary and does not depend on how the tokenizer split hyphens
// or possessives: "China's" tags "China", "US–China" tags both, and
// "cyber-sovereignty" equals "cyber sovereignty". The longest alias wins;
// case-sensitive aliases (acronyms such as "US", "AI") must match with the
// same capitals; capital-city aliases ("Beijing" as the government) are not
// tagged right after a locative preposition ("in Beijing").
//
// Around a match, rules.go decides what a reader of commentary takes the
// words to name: a capital after a preposition is still the government
// when a governing noun precedes it ("officials in Beijing") or a
// possessive follows ("central to Beijing's diplomacy"), and a capital
// named as a financial centre, a market or a venue is the city ("London's
// financial district", "London investors", "the London summit", "London is
// a global financial hub"); determiners and a person's titles are not
// part of a span ("Premier Li Qiang" is tagged "Li Qiang"); states and people that open a longer name are mentions too
// ("U.S. Congress" is "U.S." and "Congress", "Trump administration" also
// names Trump); and an anaphor shared by several entries ("the bloc") goes
// to the one named last before it. Mentions may therefore nest; consumers
// see them in text order (start, then end).
package entities

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/techframe/techframe/lexicons"
	"github.com/techframe/techframe/pipeline"
)

// Source is the Entity.Source of gazetteer mentions.
const Source = "gazetteer"

// Gazetteer is the entities stage. Build it once with New; Process is safe
// for concurrent use.
type Gazetteer struct {
	m       lexicons.Matcher
	aliases []alias
	// pool recycles per-document buffers across documents.
	pool sync.Pool
}

// scratch holds one document's buffers.
type scratch struct {
	found []pipeline.Entity
	cands []lexicons.Candidate
	words []lexicons.Word
	mc    lexicons.MatchCache
}

type alias struct {
	entry *lexicons.EntityEntry
	a     lexicons.Alias
	// generic marks a spelling without the country of an institution that
	// other spellings tie to China ("Ministry of Commerce" of the entry
	// with "Chinese Commerce Ministry"): another country's ministry of the
	// same name is not it (chinaOwned).
	generic bool
}

// New compiles the entity entries of set.
func New(set *lexicons.Set) *Gazetteer {
	g := &Gazetteer{}
	for i := range set.Entities {
		e := &set.Entities[i]
		chinese := false
		if e.Type == "ORGANIZATION" {
			for _, a := range e.Aliases {
				if strings.HasPrefix(a.Text, "Chinese ") || strings.HasPrefix(a.Text, "China's ") || strings.HasPrefix(a.Text, "China’s ") {
					chinese = true
				}
			}
		}
		for _, a := range e.Aliases {
			g.m.Add(a.Words, len(g.aliases))
			generic := chinese && !strings.Contains(a.Text, "China") && !strings.Contains(a.Text, "Chinese")
			g.aliases = append(g.aliases, alias{entry: e, a: a, generic: generic})
		}
	}
	return g
}

// Entries returns the number of aliases compiled.
func (g *Gazetteer) Entries() int { return len(g.aliases) }

// Name implements pipeline.Stage.
func (g *Gazetteer) Name() string { return "entities" }

// Process appends gazetteer entities to doc.Entities. Statistical NER
// entities (Source "ner") that overlap a gazetteer entity are removed: the
// gazetteer wins. doc.Entities ends sorted by start offset.
func (g *Gazetteer) Process(doc *pipeline.Document) error {
	sc, _ := g.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	found, cands, buf := sc.found[:0], sc.cands[:0], sc.words[:0]
	defer func() {
		// Keep the grown buffers, without references to this document.
		clear(found)
		clear(buf)
		sc.found, sc.cands, sc.words = found[:0], cands[:0], buf[:0]
		g.pool.Put(sc)
	}()
	for si := range doc.Sentences {
		buf = lexicons.SentenceWords(doc, si, buf[:0])
		found, cands = g.TagSentence(doc, si, buf, found, cands, &sc.mc)
	}
	Merge(doc, found)
	return nil
}

// Merge adds found (the mentions TagSentence appended, sentence by
// sentence) to doc.Entities as Process does: statistical NER entities that
// overlap one are removed, and doc.Entities ends sorted by start offset.
// found is copied.
func Merge(doc *pipeline.Document, found []pipeline.Entity) {
	if len(found) == 0 {
		return
	}
	kept := make([]pipeline.Entity, 0, len(doc.Entities)+len(found))
	for _, e := range doc.Entities {
		if e.Source != Source && overlapsAny(e.Span, found) {
			continue
		}
		kept = append(kept, e)
	}
	kept = append(kept, found...)
	slices.SortStableFunc(kept, func(a, b pipeline.Entity) int { return cmp.Compare(a.Start, b.Start) })
	doc.Entities = kept
}

// TagSentence appends to found the gazetteer mentions of sentence si of
// doc, whose words (from lexicons.SentenceWords) are words; cands is
// scratch, returned grown. It is the matching Process runs per sentence,
// without the merge with other entities: a later stage that splits the
// sentence itself (the framing tagger) calls it to tag and label in one
// pass. found must hold the mentions of the document's earlier sentences,
// in order: "the bloc" is resolved against the last bloc named before it.
// cache (nil: none) keeps the matcher's first step per word
// (lexicons.MatchCache) for a caller tagging many sentences, in its
// per-worker scratch; it serves one matcher at a time, so do not share it
// with another matcher.
func (g *Gazetteer) TagSentence(doc *pipeline.Document, si int, words []lexicons.Word, found []pipeline.Entity, cands []lexicons.Candidate, cache *lexicons.MatchCache) ([]pipeline.Entity, []lexicons.Candidate) {
	last := capitalState{to: -1}
	facts := sentFacts{doc: doc, words: words} // sentence-wide tests, computed once
	for i := 0; i < len(words); {
		// Most words start no alias: the matcher skips to the next one
		// that does.
		i, cands = g.m.NextCandidates(words, i, len(words), cands[:0], cache)
		if i >= len(words) {
			break
		}
		matched := false
		for _, c := range cands {
			al := g.aliases[c.ID]
			if al.a.Capital {
				gov := g.capitalIsGovernment(doc, words, c, last, &facts, found)
				last = capitalState{to: c.To, gov: gov}
				if !gov {
					continue
				}
			} else if !g.accept(&facts, c, al) {
				continue
			} else if al.entry.Type == "STATE_ACTOR" && stateInName(doc, words, c, &facts) {
				continue // "Bank of China", "US Steel", "Mr. Jordan": not the state
			} else if otherChamber(doc, words, c, &facts) {
				continue // "the Party Congress", "the Philippine Senate": another assembly
			} else if otherSense(words, c) {
				continue // "a bargaining chip", "a quantum leap"
			} else if al.generic && ownedElsewhere(doc, words, c, found) {
				continue // "Japan's Ministry of Foreign Affairs" is not China's
			}
			if al.a.Anaphor {
				al = g.resolve(cands, c, found)
			}
			from, to := g.nameSpan(&facts, c, al)
			var name int
			found, name = g.nested(&facts, from, to, al, si, found)
			found = append(found, g.mention(doc, words, name, to, al, si))
			i = max(c.To, to)
			matched = true
			break
		}
		if !matched {
			i++
		}
	}
	return found, cands
}

// accept checks the case of a case-sensitive alias al at c in the
// sentence of f: the same capitals, or the name written in capitals where
// capitals cannot tell it from a word (capsName).
func (g *Gazetteer) accept(f *sentFacts, c lexicons.Candidate, al alias) bool {
	return g.acceptCase(f, c, al, true)
}

// acceptCase is accept; beside false leaves out the capitals rule that
// looks at the actors beside a name (wordAsName), which asks acceptCase
// about them in turn.
func (g *Gazetteer) acceptCase(f *sentFacts, c lexicons.Candidate, al alias, beside bool) bool {
	a := al.a
	if !a.Sensitive {
		return true
	}
	doc, words := f.doc, f.words
	same := true
	for k := c.From; k < c.To; k++ {
		if !lexicons.SameSpelling(doc.Text[words[k].Start:words[k].End], a.Surface[k-c.From]) {
			same = false
			break
		}
	}
	if !same {
		return g.capsName(f, c, al, beside)
	}
	if c.To-c.From == 1 && a.Surface[0] == "US" && (letUs(doc, words, c.From) || g.imperativeUs(f, c.From)) {
		return false
	}
	if c.To-c.From == 1 && wordNames[a.Words[0]] && a.Surface[0] == strings.ToUpper(a.Surface[0]) && f.capsLine() {
		// In a line in capitals an acronym that spells a word ("WHO WILL
		// WIN THE CHIP WAR?", "MOST FIRMS BACK NEW EXPORT LAWS") is a
		// name only where the line treats it as an actor, as for the
		// word-names: "WHO AND CHINA CLASH", "MOST'S NEW AI PLAN".
		return beside && g.wordAsName(f, c)
	}
	return true
}

// capsName reports whether the case-sensitive alias al, which has
// lower-case letters (a name, not an acronym: those already match in
// capitals), matches at c written in capitals. Capitals hide the case
// that keeps a name apart from a word ("Trump" and "trump", "Apple" and
// "apple"), so only names that capitals leave unambiguous qualify:
//   - a name of two or more capitalised words ("XI JINPING", "DONALD
//     TRUMP", "BURKINA FASO", "ATLANTIC COUNCIL"), anywhere: a speaker's
//     label or a byline in capitals is in running text. A name with a
//     lower-case word ("Partnership on AI", "State of Palestine") reads
//     like a phrase in capitals and does not qualify, nor does one that
//     opens with a function word ("To Lam");
//   - in a line mostly in capitals, where a headline or a wire slug has no
//     case to give, a one-word name of a person, a state or an
//     organisation: "TRUMP SAYS", "GEORGIA SIGNS TRADE PACT WITH CHINA",
//     "CHINA BANS MICRON CHIPS". Such names keep their case in mixed text
//     because they are also other names (Georgia the US state, Jordan the
//     player) or rare words (a hanging chad): capitals make them no more
//     ambiguous than title case does, and a headline means the actor.
//     Not when the name and the next word make a common compound
//     (nameCompounds: "TRUMP CARD", "GUINEA PIG", "QUAD-CORE"), a
//     person's name is a Roman numeral after a numbered noun ("TITLE
//     XI"), or a state's name opens the name of a place or an institution
//     ("JORDAN RIVER", "GEORGIA TECH", "JORDAN TIMES");
//   - names whose lower-case spelling is an everyday word that headlines
//     use as one (wordNames: "TURKEY PRICES", "APPLE HARVEST", "NEW INTEL
//     ON CHINA'S CHIPS", "RELIANCE ON CHINA", "LAND GRAB") only where
//     the headline treats them as actors (wordAsName): "JORDAN AND
//     INTEL AGREE", "CHINA, TURKEY SIGN PACT", "APPLE'S CHINA SALES".
func (g *Gazetteer) capsName(f *sentFacts, c lexicons.Candidate, al alias, beside bool) bool {
	switch al.entry.Type {
	case "PERSON", "STATE_ACTOR", "ORGANIZATION":
	default:
		return false
	}
	a := al.a
	doc, words := f.doc, f.words
	for k := c.From; k < c.To; k++ {
		w, s := doc.Text[words[k].Start:words[k].End], a.Surface[k-c.From]
		if !lexicons.SameSpelling(w, strings.ToUpper(s)) {
			return false
		}
	}
	if c.To-c.From >= 2 {
		for _, s := range a.Surface {
			if !capitalised(s) {
				return false
			}
		}
		// "To Lam" in capitals is "SELLS TO LAM RESEARCH".
		if a.Words[0] != "the" && smallWords[a.Words[0]] {
			return false
		}
		// A name takes no indefinite article: "A NEW AMERICA FOR A NEW
		// CENTURY" is a phrase, not the think tank New America.
		return c.From == 0 || !indefinite[words[c.From-1].Norm] || words[c.From].Gap != lexicons.GapNone
	}
	if !f.capsLine() {
		return false
	}
	name := a.Words[0]
	if c.To < len(words) && words[c.To].Gap == lexicons.GapNone && nameCompounds[name][words[c.To].Norm] {
		return false // "TRUMP CARD", "MUSK OX", "GUINEA PIG": a word, not the name
	}
	switch al.entry.Type {
	case "PERSON":
		return !(romanNumeral(a.Surface[0]) && c.From > 0 && numbered[words[c.From-1].Norm])
	case "STATE_ACTOR":
		if c.To < len(words) && doc.Text[words[c.To-1].End:words[c.To].Start] == " " {
			if next := words[c.To].Norm; institutionWords[next] || orgHeads[next] || placeHeads[next] {
				return false // "JORDAN RIVER", "GEORGIA TECH", "JORDAN TIMES"
			}
		}
	}
	if !wordNames[name] {
		return true
	}
	return beside && g.wordAsName(f, c)
}

// wordNames are one-word names (in lower case) that are also everyday
// words a headline uses as words: "TURKEY PRICES", "APPLE HARVEST", "NEW
// INTEL ON CHINA'S CHIPS", "US TO ARM TAIWAN", "LAND GRAB", "RELIANCE ON
// CHINA", "THE CADENCE OF TALKS", "AI AS ORACLE", "POLITICO-ECONOMIC". In
// capitals they are names only where the headline treats them as actors
// (wordAsName).
var wordNames = map[string]bool{
	"turkey": true, "apple": true, "intel": true, "arm": true, "grab": true,
	"reliance": true, "cadence": true, "oracle": true, "politico": true,
	// acronyms that spell a word (acceptCase): "WHO WILL WIN", "MOST
	// FIRMS", "EXPORT LAWS"
	"who": true, "most": true, "laws": true, "ear": true, "semi": true,
}

// wordAsName reports whether the word-name at c (wordNames), in a line in
// capitals, is used as a name: it is a possessive ("APPLE'S CHINA SALES",
// not "ARM'S LENGTH") or joined by "AND", "OR", "VS", a comma, a dash or
// a slash to an actor the gazetteer names ("JORDAN AND INTEL AGREE",
// "CHINA, TURKEY SIGN PACT", "TURKEY-CHINA TALKS"). Either way it stands
// where a name can: not after a word that would make it the head of a
// compound or a modified noun ("NEW INTEL AND US SANCTIONS", "LAND GRAB
// AND US RESPONSE", "ITS ARM AND ..."), only at the start, after
// punctuation, a conjunction, a preposition or a verb in -s or -ed
// ("CHINA BANS APPLE AND ..."); and before no plural it would modify ("US
// AND INTEL OFFICIALS").
func (g *Gazetteer) wordAsName(f *sentFacts, c lexicons.Candidate) bool {
	doc, words := f.doc, f.words
	if k := c.From; k > 0 && words[k].Gap == lexicons.GapNone && !pairJoin(doc.Text[words[k-1].End:words[k].Start]) {
		p := words[k-1].Norm
		verb := plural(p) || len(p) > 3 && strings.HasSuffix(p, "ed") // "BANS", "BACKED"
		if !coordinators[p] && !namePrepositions[p] && !verb {
			return false
		}
	}
	j := c.To
	if j < len(words) && words[j].Norm == "'s" && words[j].Gap == lexicons.GapNone {
		return j+1 >= len(words) || !nameCompounds[words[c.From].Norm][words[j+1].Norm] // not "ARM'S LENGTH"
	}
	if j < len(words) && words[j].Gap == lexicons.GapNone && doc.Text[words[j-1].End:words[j].Start] == " " && plural(words[j].Norm) {
		return false // "US AND INTEL OFFICIALS": a noun it modifies
	}
	// An actor after it: "INTEL, HUAWEI", "TURKEY-CHINA", "INTEL AND JORDAN".
	if j < len(words) {
		switch {
		case words[j].Gap == lexicons.GapComma || words[j].Gap == lexicons.GapNone && pairJoin(doc.Text[words[j-1].End:words[j].Start]):
			if g.actorFrom(f, j) {
				return true
			}
		case words[j].Gap == lexicons.GapNone && coordinators[words[j].Norm] && j+1 < len(words) && words[j+1].Gap == lexicons.GapNone:
			if g.actorFrom(f, j+1) {
				return true
			}
		}
	}
	// An actor before it: "HUAWEI, INTEL", "CHINA-TURKEY", "JORDAN AND INTEL".
	switch k := c.From; {
	case k == 0:
	case words[k].Gap == lexicons.GapComma || words[k].Gap == lexicons.GapNone && pairJoin(doc.Text[words[k-1].End:words[k].Start]):
		return g.actorTo(f, k)
	case words[k].Gap == lexicons.GapNone && coordinators[words[k-1].Norm] && k >= 2 && words[k-1].Gap == lexicons.GapNone:
		return g.actorTo(f, k-1)
	}
	return false
}

// coordinators join two names: "JORDAN AND INTEL", "APPLE VS HUAWEI".
var coordinators = map[string]bool{"and": true, "or": true, "vs": true, "versus": true, "v": true}

// namePrepositions may stand right before a name in a headline ("DEAL
// WITH TURKEY", "SANCTIONS ON INTEL AND ...").
var namePrepositions = map[string]bool{
	"of": true, "in": true, "on": true, "at": true, "to": true, "for": true, "by": true, "with": true,
	"from": true, "as": true, "against": true, "over": true, "between": true, "after": true,
	"before": true, "amid": true, "like": true, "into": true, "about": true, "via": true, "than": true,
	"behind": true, "toward": true, "towards": true, "under": true, "without": true, "but": true,
}

// pairJoin reports whether the text between two words joins them as a
// pair of names: a dash or a slash without spaces, or an ampersand
// ("TURKEY-CHINA", "APPLE/GOOGLE", "INTEL & AMD").
func pairJoin(between string) bool {
	if strings.TrimSpace(between) == "&" {
		return true
	}
	r, n := utf8.DecodeRuneInString(between)
	return n > 0 && n == len(between) && strings.ContainsRune("-‐‑–—/", r)
}

// plural reports whether a word (lower case) looks like a plural noun:
// longer than three letters, ending in "s" but not in "ss", "us" or "is",
// and no adverb ("always").
func plural(w string) bool {
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") &&
		!strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "'s") && !sAdverbs[w]
}

// actorType reports whether an entry names an actor that a name may be
// coordinated with.
func actorType(al alias) bool {
	switch al.entry.Type {
	case "STATE_ACTOR", "ORGANIZATION", "PERSON":
		return !al.a.Anaphor
	}
	return false
}

// actorFrom reports whether an actor's name starts at words[j] (its case
// checked, but not by wordAsName: "APPLE AND TURKEY" vouch for neither).
func (g *Gazetteer) actorFrom(f *sentFacts, j int) bool {
	for _, o := range g.m.Candidates(f.words, j, len(f.words), nil) {
		if ol := g.aliases[o.ID]; actorType(ol) && (ol.a.Capital || g.acceptCase(f, o, ol, false)) {
			return true
		}
	}
	return false
}

// actorTo reports whether an actor's name of up to six words ends right
// before words[e] (a possessive "'s" may end it: "CHINA'S AND TURKEY'S").
func (g *Gazetteer) actorTo(f *sentFacts, e int) bool {
	if e > 0 && f.words[e-1].Norm == "'s" {
		e--
	}
	for s := e - 1; s >= 0 && s >= e-6; s-- {
		for _, o := range g.m.Candidates(f.words, s, e, nil) {
			if ol := g.aliases[o.ID]; o.To == e && actorType(ol) && (ol.a.Capital || g.acceptCase(f, o, ol, false)) {
				return true
			}
		}
	}
	return false
}

// indefinite articles: no name follows one in a headline.
var indefinite = map[string]bool{"a": true, "an": true}

// nameCompounds: nouns with which a one-word name in capitals forms a
// common compound, so the name is a word there ("TRUMP CARD", "MUSK OX",
// "MAO SUIT", "HARRIS TWEED", "GUINEA PIG", "QUAD-CORE", "META-ANALYSIS",
// "AMAZON RAINFOREST"), or after its possessive ("ARM'S LENGTH").
var nameCompounds = map[string]map[string]bool{
	"trump":  {"card": true, "cards": true, "suit": true, "suits": true},
	"musk":   {"ox": true, "oxen": true, "deer": true, "melon": true, "rat": true, "rats": true},
	"mao":    {"suit": true, "suits": true, "jacket": true, "jackets": true, "cap": true},
	"harris": {"tweed": true},
	"guinea": {"pig": true, "pigs": true, "fowl": true, "worm": true},
	"chile":  {"pepper": true, "peppers": true, "powder": true, "sauce": true, "con": true},
	"quad":   {"core": true, "bike": true, "bikes": true},
	"meta":   {"analysis": true, "analyses": true, "data": true},
	"amazon": {"rainforest": true, "river": true, "basin": true, "jungle": true},
	"arm":    {"length": true, "lengths": true},
	"tesla":  {"coil": true, "coils": true},
}

// romanNumeral reports whether s, in capitals, reads as a Roman numeral
// ("Xi" as XI).
func romanNumeral(s string) bool {
	return strings.Trim(strings.ToUpper(s), "IVXLCDM") == ""
}

// numbered nouns take a Roman numeral after them: "TITLE XI", "ARTICLE XI".
var numbered = map[string]bool{
	"article": true, "chapter": true, "title": true, "part": true, "section": true, "book": true,
	"volume": true, "vol": true, "annex": true, "appendix": true, "schedule": true, "phase": true,
	"round": true, "stage": true, "class": true, "no": true, "number": true,
}

// letUs reports whether the "US" at words[k] is the pronoun of "LET US"
// written in capitals for emphasis, before words that are not ("LET US
// build a future together"). In a line in capitals, imperativeUs decides
// ("LET US BUILD A BETTER FUTURE", but "LET US CHIPMAKERS SELL TO
// CHINA").
func letUs(doc *pipeline.Document, words []lexicons.Word, k int) bool {
	if k == 0 || doc.Text[words[k-1].Start:words[k-1].End] != "LET" || words[k].Gap != lexicons.GapNone {
		return false
	}
	if k+1 >= len(words) {
		return true
	}
	next := doc.Text[words[k+1].Start:words[k+1].End]
	return strings.ToUpper(next) != next
}

// usVerbs, in an imperative that opens a line or a segment, take "US" as
// the pronoun: "CONTACT US", "ABOUT US", "FOLLOW US ON X", "LET US BUILD".
var usVerbs = map[string]bool{
	"tell": true, "join": true, "help": true, "contact": true, "follow": true, "about": true,
	"email": true, "call": true, "give": true, "show": true, "send": true, "write": true,
	"ask": true, "support": true, "message": true, "let": true, "visit": true, "find": true,
}

// usPronounNext, after such an imperative and "US", go on with the pronoun
// although they could follow the country: "TELL US WHAT YOU THINK",
// "FOLLOW US ON X", "JOIN US IN BEIJING", "TELL US MORE".
var usPronounNext = map[string]bool{
	"what": true, "how": true, "why": true, "where": true, "when": true, "who": true,
	"which": true, "whether": true, "if": true, "know": true, "more": true, "on": true,
	"at": true, "in": true, "today": true, "now": true, "here": true, "via": true,
	"for": true, "as": true, "your": true, "some": true,
}

// usModifies are singular nouns that the country in a headline modifies
// ("HELP US INDUSTRY", "LET US TECH LEAD", "GIVE US TRADE A CHANCE");
// plural nouns ("US CHIPMAKERS", "US FIRMS") and names ("US AI", "US
// CONGRESS") are told by their form (usNounNext).
var usModifies = map[string]bool{
	"tech": true, "technology": true, "industry": true, "industrial": true, "manufacturing": true,
	"economy": true, "economic": true, "government": true, "military": true, "defense": true,
	"defence": true, "trade": true, "chip": true, "semiconductor": true, "policy": true,
	"business": true, "innovation": true, "leadership": true, "research": true, "security": true,
	"intelligence": true, "navy": true, "army": true, "steel": true, "auto": true, "energy": true,
	"export": true, "investment": true, "market": true, "dollar": true, "debt": true,
	"growth": true, "power": true, "influence": true, "diplomacy": true, "aid": true,
	"farm": true, "agriculture": true, "labor": true, "labour": true, "law": true,
}

// sAdverbs end in "s" but are no plural nouns: "LET US ALWAYS REMEMBER".
var sAdverbs = map[string]bool{
	"always": true, "perhaps": true, "sometimes": true, "nevertheless": true, "besides": true,
	"towards": true, "afterwards": true, "nowadays": true, "thus": true, "unless": true,
}

// imperativeOpeners may stand before the imperative that opens a segment:
// "PLEASE HELP US KEEP IT FREE", "AND LET US BE CLEAR", "BUT LET US ALSO
// REMEMBER", "COME JOIN US".
var imperativeOpeners = map[string]bool{
	"please": true, "and": true, "but": true, "so": true, "yet": true, "now": true,
	"then": true, "come": true, "do": true, "today": true, "tonight": true, "together": true,
}

// imperativeUs reports whether the "US" at words[k] is the pronoun after
// an imperative in capitals that opens the sentence or a segment of a menu
// or footer, maybe after "PLEASE", "AND" or "BUT" ("SUBSCRIBE | ABOUT US
// | CONTACT US", "TELL US WHAT YOU THINK: ...", "LET US BUILD A BETTER
// FUTURE", "HELP US KEEP AMERICA SAFE", "GIVE US YOUR VIEWS"). Such a line
// is a call to readers or an exhortation, so US is the pronoun unless the
// country's reading is the only one: US joined to the next word by a dash
// or a slash ("LET US-CHINA TALKS RESUME"), or before a noun it modifies
// (usNounNext: "ABOUT US CHIPS", "LET US CHIPMAKERS SELL TO CHINA", "HELP
// US FIRMS COMPETE"). A verb that does not open the line is a headline's
// ("CHINA TELLS US WHAT TO DO", "ALLIES JOIN US", "CHINA WON'T LET US
// BUILD FABS"): a headline leaves out "the", so US after a verb or a
// preposition stays the country there ("TRADE PACT WITH US", "SANCTIONS
// ON US FIRMS"); in this domain's headlines that reading is the common one.
// The verb is in capitals, as US is.
func (g *Gazetteer) imperativeUs(f *sentFacts, k int) bool {
	doc, words := f.doc, f.words
	if k == 0 || !usVerbs[words[k-1].Norm] || words[k].Gap != lexicons.GapNone || !opensImperative(doc, words, k-1) {
		return false
	}
	if v := doc.Text[words[k-1].Start:words[k-1].End]; strings.ToUpper(v) != v {
		return false // "About US, the report says little": the verb is not in capitals
	}
	if k+1 >= len(words) || segmentBreak(doc, words, k+1) {
		return true
	}
	next := words[k+1].Norm
	if usPronounNext[next] || determiners[next] {
		return true
	}
	if doc.Text[words[k].End:words[k+1].Start] != " " {
		return false // "US-CHINA", "US/EU": the country
	}
	return !g.usNounNext(f, k+1)
}

// usNounNext reports whether words[j], after "US", is a noun the country
// modifies: a plural ("CHIPMAKERS", "FIRMS", not "ALWAYS" or "DISCUSS"),
// one of usModifies, or the start of a name the gazetteer knows ("US AI
// FIRMS", "US CHINA HAWKS").
func (g *Gazetteer) usNounNext(f *sentFacts, j int) bool {
	w := f.words[j].Norm
	if usModifies[w] {
		return true
	}
	if plural(w) {
		return true
	}
	for _, c := range g.m.Candidates(f.words, j, len(f.words), nil) {
		if al := g.aliases[c.ID]; al.a.Capital || g.accept(f, c, al) {
			return true
		}
	}
	return false
}

// opensImperative reports whether the verb at words[v] opens the sentence
// or a segment (segmentBreak), by itself or after one or two of
// imperativeOpeners ("AND SO LET US", "SO TONIGHT LET US").
func opensImperative(doc *pipeline.Document, words []lexicons.Word, v int) bool {
	for n := 0; ; n++ {
		if segmentBreak(doc, words, v) {
			return true
		}
		if n == 2 || !imperativeOpeners[words[v-1].Norm] {
			return false
		}
		v--
	}
}

// segmentBreak reports whether words[k] opens the sentence or follows a
// clause break or a separator of a menu or a list ("|", "•", a line
// break).
func segmentBreak(doc *pipeline.Document, words []lexicons.Word, k int) bool {
	if k == 0 || words[k].Gap != lexicons.GapNone {
		return true
	}
	return strings.ContainsAny(doc.Text[words[k-1].End:words[k].Start], "|•·\n")
}

// mention builds the entity for words[from:to] named by al.
func (g *Gazetteer) mention(doc *pipeline.Document, words []lexicons.Word, from, to int, al alias, si int) pipeline.Entity {
	end := words[to-1].End
	// "U.S." keeps its final period when the alias has one.
	if strings.HasSuffix(al.a.Text, ".") && end < len(doc.Text) && doc.Text[end] == '.' {
		end++
	}
	return pipeline.Entity{
		Span:      pipeline.Span{Start: words[from].Start, End: end},
		Canonical: al.entry.Canonical,
		Type:      al.entry.Type,
		Source:    Source,
		Sent:      si,
		Lexicon:   al.entry.File,
		Line:      al.entry.Line,
	}
}

func overlapsAny(s pipeline.Span, es []pipeline.Entity) bool {
	// es is in text order; a linear scan is fine for per-document counts.
	for _, e := range es {
		if e.Span.Overlaps(s) {
			return true
		}
	}
	return false
}

// Form is one surface spelling of an entity and how often it occurred.
type Form struct {
	Text  string
	Count int
}

// Merged lists the surface forms counted under one canonical name, so a
// reader can see which spellings were merged ("U.S.", "US", "Washington").
type Merged struct {
	Canonical string
	Type      string
	Mentions  int
	// Forms are ordered by count (descending), then text.
	Forms []Form
}

// FormCounter accumulates surface forms over a stream of documents. It is
// not safe for concurrent use; feed it from the runner's sink.
type FormCounter struct {
	byKey map[[2]string]map[string]int
}

// Add counts the entities of doc (gazetteer and NER alike).
func (f *FormCounter) Add(doc *pipeline.Document) {
	if f.byKey == nil {
		f.byKey = map[[2]string]map[string]int{}
	}
	for _, e := range doc.Entities {
		k := [2]string{e.Canonical, e.Type}
		m := f.byKey[k]
		if m == nil {
			m = map[string]int{}
			f.byKey[k] = m
		}
		m[doc.Text[e.Start:e.End]]++
	}
}

// Result returns the merged forms, most-mentioned entity first (ties by
// canonical name, then type).
func (f *FormCounter) Result() []Merged {
	out := make([]Merged, 0, len(f.byKey))
	for k, m := range f.byKey {
		mg := Merged{Canonical: k[0], Type: k[1]}
		for t, n := range m {
			mg.Forms = append(mg.Forms, Form{Text: t, Count: n})
			mg.Mentions += n
		}
		sort.Slice(mg.Forms, func(a, b int) bool {
			if mg.Forms[a].Count != mg.Forms[b].Count {
				return mg.Forms[a].Count > mg.Forms[b].Count
			}
			return mg.Forms[a].Text < mg.Forms[b].Text
		})
		out = append(out, mg)
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Mentions != out[b].Mentions {
			return out[a].Mentions > out[b].Mentions
		}
		if out[a].Canonical != out[b].Canonical {
			return out[a].Canonical < out[b].Canonical
		}
		return out[a].Type < out[b].Type
	})
	return out
}

// SurfaceForms merges the surface forms of the entities in docs.
func SurfaceForms(docs ...*pipeline.Document) []Merged {
	var f FormCounter
	for _, d := range docs {
		f.Add(d)
	}
	return f.Result()
}
