package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/techframe/techframe/lexicons"
	"github.com/techframe/techframe/pipeline"
)

// The rules below decide, around a gazetteer match, what a scholar reads in
// the words: whether a capital city stands for its government, which words
// of a match are the name (span), and which other actors a longer name
// names. They are about English commentary in general, not about a test set.

// locative prepositions before which a capital city is a place, not a
// government ("a conference in Beijing").
var locative = map[string]bool{
	"in": true, "at": true, "to": true, "from": true, "near": true, "around": true,
	"outside": true, "via": true, "into": true, "across": true, "downtown": true,
	// travel: "Huang visited Taipei, Shenzhen and Shanghai"
	"visited": true, "visit": true, "visits": true, "toured": true, "tour": true,
}

// fromGoverning are nouns after which "from" and a capital name the
// government as a source: "waivers from Washington", "pressure from
// Beijing" (but "flew from Beijing" is a place).
var fromGoverning = map[string]bool{
	"pressure": true, "waiver": true, "waivers": true, "approval": true, "approvals": true, "permission": true,
	"demands": true, "demand": true, "signals": true, "signal": true, "response": true, "support": true,
	"funding": true, "backing": true, "sanctions": true, "retaliation": true, "opposition": true,
	"criticism": true, "warning": true, "warnings": true, "message": true, "messages": true,
	"instructions": true, "orders": true, "guidance": true, "request": true, "requests": true,
	"pushback": true, "objections": true, "complaints": true, "threats": true, "subsidies": true,
	"licences": true, "licenses": true, "licence": true, "license": true, "assurances": true,
}

// governing nouns: people or bodies who act for a government, and what they
// make. "officials in Washington", "policymakers in Brussels", "hawks in
// Beijing" name the government although the capital follows a locative.
var governing = map[string]bool{
	"officials": true, "lawmakers": true, "legislators": true, "policymakers": true,
	"regulators": true, "negotiators": true, "planners": true, "strategists": true,
	"hawks": true, "leaders": true, "leadership": true, "authorities": true, "politicians": true,
	"bureaucrats": true, "mandarins": true, "elites": true, "establishment": true,
	"administration": true, "government": true, "consensus": true, "counterparts": true,
	// what a government makes or holds: "rules in Brussels", "the view
	// from Beijing", "policy in Washington"
	"rules": true, "regulations": true, "policy": true, "policies": true, "view": true,
	"thinking": true,
	// partners who deal with a government: "our partners in Washington"
	"partners": true, "allies": true, "interlocutors": true,
	// pronouns for a policy community: "some in Washington see", "few in
	// Brussels dispute that"
	"some": true, "many": true, "few": true, "those": true, "others": true, "most": true,
	"several": true,
}

// makersOf: "policy makers in Washington", "decision-makers in Beijing"
// (split into two words by matching).
var makersOf = map[string]bool{"policy": true, "decision": true}

// visitor modifiers: "foreign diplomats in Beijing", "world leaders in
// Paris", "business leaders in Washington" are people in a place, not its
// government.
var visitor = map[string]bool{
	"foreign": true, "visiting": true, "western": true, "world": true, "global": true,
	"international": true, "business": true, "industry": true, "tech": true,
	"technology": true, "corporate": true, "company": true, "student": true,
	"community": true, "religious": true, "local": true, "city": true, "municipal": true,
	"expatriate": true, "overseas": true, "other": true,
}

// placeNouns after a possessive capital keep it a place: "in Beijing's
// suburbs", "to Washington's airports".
var placeNouns = map[string]bool{
	"district": true, "districts": true, "suburb": true, "suburbs": true, "outskirts": true,
	"street": true, "streets": true, "airport": true, "airports": true, "centre": true,
	"center": true, "downtown": true, "skyline": true, "hotel": true, "hotels": true,
	"restaurants": true, "residents": true, "traffic": true, "smog": true, "air": true,
	"subway": true, "metro": true, "university": true, "universities": true, "campus": true,
	"neighbourhood": true, "neighborhood": true, "neighbourhoods": true, "neighborhoods": true,
	"hutongs": true, "mayor": true, "city": true, "outer": true, "old": true,
}

// cityNouns, right after a capital, make it the city rather than its
// government: events and institutions of the place ("the Beijing
// marathon", "the Beijing Olympics", "our Brussels office").
var cityNouns = map[string]bool{
	"marathon": true, "olympics": true, "olympic": true, "games": true, "expo": true,
	"motor": true, "auto": true, "fair": true, "zoo": true, "opera": true,
	"office": true, "offices": true, "bureau": true, "correspondent": true, "branch": true,
	"duck": true, "winter": true, "summer": true, "spring": true, "autumn": true,
	"weather": true, "population": true, "housing": true, "property": true,
}

// capitalState is what was decided for the last capital seen in a
// sentence: a capital coordinated with it ("in Jakarta and Nairobi",
// "officials in Washington and Tokyo") shares its reading.
type capitalState struct {
	to  int // word index just after it; -1 for none
	gov bool
}

// capitalIsGovernment reports whether the capital-city alias at c stands for
// its government. It does, unless it says where something is based ("a
// Beijing-based start-up") or follows a locative preposition ("in
// Beijing"); but "officials in Beijing" (a governing noun before the
// preposition) and "central to Beijing's diplomacy" (a possessive followed
// by something that is not a place) are the government again. A capital
// joined by "and", "or" or a comma to the previous capital reads like it.
func (g *Gazetteer) capitalIsGovernment(doc *pipeline.Document, words []lexicons.Word, c lexicons.Candidate, last capitalState, facts *sentFacts, found []pipeline.Entity) bool {
	k := c.From
	if c.To <= facts.datelinePlaces() {
		return false // "BEIJING, May 3 (Reuters) -": where the story was filed
	}
	if c.To < len(words) && words[c.To].Gap == lexicons.GapNone {
		switch next := words[c.To].Norm; {
		case next == "based":
			return false // "a Brussels-based think tank": where it sits
		case cityNouns[next] || placeNouns[next] && next != "mayor":
			return false // "the Beijing marathon", "the Beijing subway": the city
		case marketCompound(doc, words, c):
			return false // "London investors", "the London summit": the market, the venue
		case nameContinues(doc, words, c.To):
			// A word in title case after it, past one space, makes it
			// part of a longer name ("the Beijing Review", "Moscow State
			// University", "Washington State").
			return false
		}
	}
	if k >= 2 && words[k-1].Norm == "of" && placeNouns[words[k-2].Norm] && words[k].Gap == lexicons.GapNone && words[k-1].Gap == lexicons.GapNone {
		return false // "the mayor of Beijing", "the streets of Brussels"
	}
	if possessivePlace(words, c.To) {
		return false // "London's financial district", "Beijing's suburbs"
	}
	if centrePredicate(doc, words, c.To, facts) {
		return false // "London is a global financial hub", "makes London a hub"
	}
	if last.to >= 0 {
		if k-1 == last.to && (words[k-1].Norm == "and" || words[k-1].Norm == "or") && words[k-1].Gap != lexicons.GapClause {
			return last.gov
		}
		if k == last.to && words[k].Gap == lexicons.GapComma {
			return last.gov
		}
		if placeList(doc, words, last.to, k) && !namesBetween(words, last.to, k, found) {
			return last.gov // "visited Taipei, Shenzhen and Beijing"
		}
	}
	if p := listedAfter(doc, words, k, found); p >= 0 {
		return governed(doc, words, p) // "in New York and London"; "officials in Geneva and London"
	}
	if k == 0 || !locative[words[k-1].Norm] || words[k].Gap != lexicons.GapNone {
		return true
	}
	if governed(doc, words, k-1) {
		return true
	}
	// A possessive: "central to Beijing's diplomacy" names the government,
	// "in Beijing's Haidian district" and "in Beijing's suburbs" a place.
	if c.To+1 < len(words) && words[c.To].Norm == "'s" && words[c.To+1].Gap == lexicons.GapNone {
		next := words[c.To+1]
		if !placeNouns[next.Norm] && !capitalised(doc.Text[next.Start:next.End]) {
			return true
		}
	}
	return false
}

// placeList reports whether words[from:k], between a capital and the
// capital at k, continue a list of names: other capitalised names, "and"
// or "or", separated by commas ("Taipei, Shenzhen and Beijing").
func placeList(doc *pipeline.Document, words []lexicons.Word, from, k int) bool {
	if from >= k || k-from > 6 {
		return false
	}
	sep := false
	for j := from; j <= k; j++ {
		switch words[j].Gap {
		case lexicons.GapClause:
			return false
		case lexicons.GapComma:
			sep = true
		}
		if j == k {
			break
		}
		if n := words[j].Norm; n == "and" || n == "or" {
			sep = true
			continue
		}
		if !titleWord(doc.Text[words[j].Start:words[j].End]) {
			return false
		}
	}
	return sep
}

// A capital as a financial centre, a market or a venue is the city, not
// its government: "London bankers", "London's stock market", "the London
// summit", "London is a global financial hub". Words for trading and the
// people in it (marketHeads), what follows a word of finance (financeHeads
// after financeWords) and events held there (venueHeads) make the city.

// marketHeads, right after a capital or after its possessive, name its
// market and the people in it.
var marketHeads = map[string]bool{
	"bourse": true, "bourses": true, "investors": true, "investor": true, "bankers": true,
	"banker": true, "traders": true, "trader": true, "brokers": true, "financiers": true,
	"listing": true, "listings": true, "ipo": true, "ipos": true, "equities": true,
	"dealers": true, "insurers": true,
	// metals priced on the city's exchange: "London copper rose"
	"copper": true, "nickel": true, "aluminium": true, "aluminum": true, "zinc": true,
}

// financeWords qualify a market ("stock market", "financial district",
// "hedge funds"): after a capital or its possessive, a financeWord and a
// financeHead name the city's market.
var financeWords = map[string]bool{
	"stock": true, "stocks": true, "financial": true, "finance": true, "bond": true, "bonds": true,
	"capital": true, "equity": true, "equities": true, "money": true, "banking": true, "fintech": true,
	"commodity": true, "commodities": true, "metal": true, "metals": true, "insurance": true,
	"gold": true, "currency": true, "forex": true, "hedge": true, "fund": true, "share": true,
	"property": true, "offshore": true, "trading": true, "listing": true,
	"derivatives": true, "futures": true, "debt": true, "credit": true,
}

// financeHeads end a phrase of finance: the market, the place, the trade.
var financeHeads = map[string]bool{
	"market": true, "markets": true, "exchange": true, "exchanges": true, "district": true,
	"centre": true, "center": true, "centres": true, "centers": true, "hub": true, "hubs": true,
	"sector": true, "industry": true, "firms": true, "funds": true, "fund": true, "managers": true,
	"prices": true, "trading": true, "houses": true, "community": true, "quarter": true,
	"venue": true, "boom": true,
}

// venueHeads, after a capital, name an event held there: "the London
// summit", "the Washington conference".
var venueHeads = map[string]bool{
	"summit": true, "conference": true, "forum": true, "negotiations": true,
	"symposium": true, "roundtable": true,
}

// verbHeads are nouns that are also verbs after a capital as subject
// ("Beijing talks up", "Beijing shares Moscow's view", "London banks on
// it"): only after a determiner ("the Washington talks", "a London
// market") are they the city's.
var verbHeads = map[string]bool{
	"talks": true, "meeting": true, "shares": true, "stocks": true, "banks": true, "exchange": true,
	"market": true, "markets": true, "fund": true, "funds": true, "trading": true,
}

// determiners before a capital used as a modifier ("the London market").
var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true,
	"its": true, "their": true, "his": true, "her": true, "our": true, "every": true, "each": true,
}

// policyAfter, right after a market word, make it what a government does
// to the market: "Beijing's capital market reforms", "Washington's
// aluminium tariffs".
var policyAfter = map[string]bool{
	"reform": true, "reforms": true, "rules": true, "regulation": true, "regulations": true,
	"regulators": true, "regulator": true, "access": true, "opening": true, "policy": true,
	"policies": true, "controls": true, "crackdown": true, "liberalisation": true,
	"liberalization": true, "intervention": true, "interventions": true, "supervision": true,
	"watchdog": true, "authorities": true, "officials": true,
	// trade measures: "Washington's aluminium tariffs", "Washington copper
	// tariffs" (a metal is also a market word: "London copper rose")
	"tariff": true, "tariffs": true, "sanction": true, "sanctions": true, "ban": true,
	"bans": true, "duty": true, "duties": true, "quota": true, "quotas": true, "levy": true,
	"levies": true, "curbs": true, "restrictions": true, "embargo": true, "embargoes": true,
	"subsidies": true, "measures": true,
}

// marketCompound reports whether the words right after the capital at c
// make it a market or a venue: "London investors", "London-listed", "the
// London summit", "the London stock market", "London hedge funds"; a word
// that is also a verb only after a determiner ("the Washington talks", not
// "Beijing talks up").
func marketCompound(doc *pipeline.Document, words []lexicons.Word, c lexicons.Candidate) bool {
	k := c.To
	next := words[k].Norm
	det := c.From > 0 && determiners[words[c.From-1].Norm] && words[c.From].Gap == lexicons.GapNone
	switch {
	case next == "listed":
		// "London-listed", not "London listed the firms".
		return doc.Text[words[k-1].End:words[k].Start] == "-"
	case marketHeads[next] || venueHeads[next] || verbHeads[next] && det:
		return !policyNext(words, k+1) && !listingOf(words, k)
	}
	return financePhrase(words, k) // "London fund managers"
}

// financePhrase reports whether words[k:] open a phrase of finance: one or
// two financeWords, then a financeHead, not followed by a word of policy
// ("stock market", "financial district", "hedge funds", not "capital
// market reforms").
func financePhrase(words []lexicons.Word, k int) bool {
	for n := 0; n < 2 && k+n < len(words) && words[k+n].Gap == lexicons.GapNone && financeWords[words[k+n].Norm]; n++ {
		h := k + n + 1
		if h < len(words) && words[h].Gap == lexicons.GapNone && financeHeads[words[h].Norm] {
			return !policyNext(words, h+1)
		}
	}
	return false
}

// policyNext reports whether words[k] is a word of policy joined to the
// phrase before it.
func policyNext(words []lexicons.Word, k int) bool {
	return k < len(words) && words[k].Gap == lexicons.GapNone && policyAfter[words[k].Norm]
}

// placeModifiers may stand between a capital's possessive and a place
// ("Beijing's outer suburbs", "Beijing's old city").
var placeModifiers = map[string]bool{
	"old": true, "outer": true, "inner": true, "central": true, "historic": true, "main": true,
	"northern": true, "southern": true, "eastern": true, "western": true, "busy": true,
	"famous": true, "diplomatic": true, "business": true, "commercial": true, "leafy": true,
}

// possessiveHead reports whether w, after a capital's possessive, makes
// it the city wherever it stands: placeNouns (less the modifiers "old"
// and "outer", "air", which opens "air force", and "mayor") and
// marketHeads.
func possessiveHead(w string) bool {
	switch w {
	case "old", "outer", "air", "mayor":
		return false
	}
	return placeNouns[w] || marketHeads[w]
}

// possessivePlace reports whether the capital ending before words[k] is a
// possessive of the city: a place or a market of it, maybe after a
// modifier ("London's financial district", "Beijing's outer suburbs",
// "Frankfurt's bourse", "Tokyo's financial markets", "London's bankers").
// A word of policy after the market is the government's ("Beijing's
// capital market reforms").
func possessivePlace(words []lexicons.Word, k int) bool {
	if k+1 >= len(words) || words[k].Norm != "'s" || words[k].Gap != lexicons.GapNone || words[k+1].Gap != lexicons.GapNone {
		return false
	}
	k++
	if financePhrase(words, k) {
		return true
	}
	if placeModifiers[words[k].Norm] && k+1 < len(words) && words[k+1].Gap == lexicons.GapNone {
		k++
	}
	return possessiveHead(words[k].Norm) && !policyNext(words, k+1) && !listingOf(words, k)
}

// listingOf reports whether words[k] is a listing of something: "Washington's
// listing of Chinese firms" on a sanctions list is the government's act.
func listingOf(words []lexicons.Word, k int) bool {
	w := words[k].Norm
	return (w == "listing" || w == "listings") && k+1 < len(words) && words[k+1].Norm == "of"
}

// centreHeads, as the predicate of a capital, make it a city: "London is a
// global financial hub", "remains the preferred listing venue". The
// values true are places by themselves; hubs and centres (false) are the
// city's only after a word of finance ("a financial hub") or before "for"
// and a market, a trade or visitors ("a hub for renminbi trading", "a
// hub for start-ups"): "the hub of the alliance's export-control regime",
// "the hub for coordinating allied export controls", "a hub for Belt and
// Road lending" and "the centre of decision-making" are the government's.
// A destination is the city's only for visitors ("a top destination for
// Chinese students"): a destination of goods, arms or exports is the
// state that buys them ("a key destination for Chinese drones").
var centreHeads = map[string]bool{
	"venue": true, "venues": true, "city": true, "cities": true, "metropolis": true,
	"marketplace": true, "destination": false, "destinations": false,
	"hub": false, "hubs": false, "centre": false, "centres": false, "center": false,
	"centers": false,
}

// hubFor, among the few words after "a hub for", make the hub a city's:
// its market, its firms, its visitors (besides financeWords and
// marketHeads).
var hubFor = map[string]bool{
	"investment": true, "renminbi": true, "yuan": true, "rmb": true, "wealth": true,
	"asset": true, "assets": true, "banks": true, "start-ups": true, "startups": true,
	"start-up": true, "startup": true, "firms": true, "companies": true, "multinationals": true,
	"headquarters": true, "tourism": true, "tourists": true, "visitors": true,
	"conferences": true, "conventions": true, "exhibitions": true, "shipping": true,
	"fintech": true, "shopping": true, "luxury": true,
	"ups": true, // "start-ups" is two words
}

// visitorsFor, among the few words after "a destination for", make it
// the city's.
var visitorsFor = map[string]bool{
	"tourists": true, "tourism": true, "tourist": true, "visitors": true, "students": true,
	"travellers": true, "travelers": true, "holidaymakers": true, "shoppers": true,
	"honeymooners": true, "expatriates": true, "expats": true,
}

// centreHead reports whether words[k] ends the predicate of a city
// (centreHeads).
func centreHead(words []lexicons.Word, k int) bool {
	place, ok := centreHeads[words[k].Norm]
	switch {
	case !ok:
		return false
	case place:
		return true
	}
	destination := strings.HasPrefix(words[k].Norm, "destination")
	if !destination && financeWords[words[k-1].Norm] {
		return true
	}
	if k+1 >= len(words) || words[k+1].Norm != "for" || words[k+1].Gap != lexicons.GapNone {
		return false
	}
	for j := k + 2; j < len(words) && j < k+6 && words[j].Gap == lexicons.GapNone; j++ {
		w := words[j].Norm
		if visitorsFor[w] || !destination && (financeWords[w] || marketHeads[w] || hubFor[w]) {
			return true
		}
	}
	return false
}

// copulas link a capital to its predicate ("London is", "has become",
// "will remain", "are both").
var copulas = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "remains": true,
	"remain": true, "remained": true, "becomes": true, "become": true, "became": true, "stays": true,
	"stay": true, "stayed": true, "has": true, "have": true, "had": true, "will": true, "would": true,
	"could": true, "may": true, "might": true, "still": true, "now": true, "once": true, "also": true,
	"already": true, "long": true, "both": true, "all": true,
}

// centrePredicate reports whether what follows the capital ending before
// words[k] says it is a centre, a hub or a venue: after a copula ("London
// is a global financial hub", "London remains the preferred listing
// venue", "London is home to"), in apposition ("London, Europe's largest
// financial centre,") or as an object's complement ("makes London a hub
// for renminbi trading"). Capitals coordinated with it share its
// predicate ("Beijing and London are rival financial centres"). The
// predicate opens with a determiner or a possessive ("Europe's"); without
// one it is a plural centre after words of finance or rank only ("are
// financial hubs"), so that "Beijing is building financial hubs" stays
// the government.
func centrePredicate(doc *pipeline.Document, words []lexicons.Word, k int, facts *sentFacts) bool {
	k = facts.afterCoordinated(k)
	if k >= len(words) || words[k].Gap == lexicons.GapClause {
		return false
	}
	apposition := words[k].Gap == lexicons.GapComma
	copula := false
	for n := 0; n < 3 && k < len(words) && !apposition && words[k].Gap == lexicons.GapNone && copulas[words[k].Norm]; n++ {
		k++
		copula = true
	}
	if copula && possessVerbs[words[k-1].Norm] {
		return false // "Beijing has a plan for a financial hub"
	}
	if k >= len(words) || words[k].Gap == lexicons.GapClause || words[k].Gap == lexicons.GapComma && !apposition {
		return false
	}
	if copula && words[k].Norm == "home" {
		return k+1 < len(words) && (words[k+1].Norm == "to" || words[k+1].Norm == "of")
	}
	if words[k].Norm == "one" && k+2 < len(words) && words[k+1].Norm == "of" && words[k+1].Gap == lexicons.GapNone {
		k += 2 // "one of the world's leading financial centres"
	}
	det := determiners[words[k].Norm]
	if !det && k+1 < len(words) && words[k+1].Norm == "'s" && capitalised(doc.Text[words[k].Start:words[k].End]) {
		det = true // "Europe's largest financial centre"
		k++
	}
	if !det && !copula {
		return false
	}
	if det {
		k++
	}
	for n := 0; n < 5 && k < len(words) && words[k].Gap == lexicons.GapNone; n, k = n+1, k+1 {
		w := words[k].Norm
		if _, ok := centreHeads[w]; ok {
			return centreHead(words, k) && (det || financeWords[words[k-1].Norm] && strings.HasSuffix(w, "s"))
		}
		t := doc.Text[words[k].Start:words[k].End]
		if w != "'s" && capitalised(t) || smallWords[w] || determiners[w] {
			return false // "a vision of a financial hub"
		}
		if !det && !financeWords[w] && !rankWords[w] {
			return false
		}
	}
	return false
}

// possessVerbs, ending the words before a predicate, make it a thing the
// capital has, not what it is.
var possessVerbs = map[string]bool{"has": true, "have": true, "had": true}

// rankWords may qualify a plural centre without a determiner ("are rival
// financial centres", "are leading hubs").
var rankWords = map[string]bool{
	"rival": true, "competing": true, "leading": true, "major": true, "global": true,
	"international": true, "regional": true, "key": true, "important": true, "big": true,
	"biggest": true, "largest": true, "top": true, "world": true,
}

// afterCoordinated returns the index after the names joined to the
// capital ending before words[k] by "and" or "or" ("and London", "and New
// York or Paris"), or k when none follows.
func afterCoordinated(doc *pipeline.Document, words []lexicons.Word, k int) int {
	end := k
	for j := k; j+1 < len(words) && words[j].Gap == lexicons.GapNone && (words[j].Norm == "and" || words[j].Norm == "or"); {
		m := j + 1
		for m < len(words) && words[m].Gap == lexicons.GapNone && titleWord(doc.Text[words[m].Start:words[m].End]) {
			m++
		}
		if m == j+1 {
			break
		}
		j, end = m, m
	}
	return end
}

// afterCoordinated is afterCoordinated(f.doc, f.words, k), remembering
// the last chain it walked: every "and" or "or" inside that chain ends
// where the chain ends, so a sentence of n capitals joined by "and" (a
// transcript with no full stop) is walked once, not n times.
func (f *sentFacts) afterCoordinated(k int) int {
	if f.chainFrom <= k && k < f.chainEnd {
		if w := f.words[k]; w.Gap == lexicons.GapNone && (w.Norm == "and" || w.Norm == "or") {
			return f.chainEnd
		}
	}
	end := afterCoordinated(f.doc, f.words, k)
	if end > k {
		f.chainFrom, f.chainEnd = k, end
	}
	return end
}

// listedAfter returns the index of the locative preposition that opens a
// list of places ending in the capital at k, with no more words of its
// clause after it ("in New York and London",
// "in Shanghai, Frankfurt and Paris", "in Hong Kong rather than Tokyo"),
// or -1. The capital follows "and", "or" or "(rather) than"; the names
// before it are in title case (not months: "in October, and Beijing
// said"), separated by commas, with no person or organisation among them.
func listedAfter(doc *pipeline.Document, words []lexicons.Word, k int, found []pipeline.Entity) int {
	if k < 3 || words[k].Gap != lexicons.GapNone {
		return -1
	}
	// The list ends with the capital: "in Africa and Beijing provides
	// loans" is two clauses.
	if k+1 < len(words) && words[k+1].Gap == lexicons.GapNone && !afterPlaces[words[k+1].Norm] {
		return -1
	}
	j := k - 1
	switch words[j].Norm {
	case "and", "or":
	case "than":
		if words[j-1].Norm == "rather" && words[j].Gap == lexicons.GapNone {
			j--
		}
	default:
		return -1
	}
	// ", and" joins clauses ("abuses in Xinjiang, and Beijing responded")
	// unless commas already separate the names before it ("in Shanghai,
	// Frankfurt, and Paris").
	clause := words[j].Gap == lexicons.GapComma
	names := 0
	for j--; j >= 0 && k-j <= 8; j-- {
		t := doc.Text[words[j].Start:words[j].End]
		switch {
		case titleWord(t) && !months[words[j].Norm]:
			names++
			switch words[j].Gap {
			case lexicons.GapClause:
				return -1
			case lexicons.GapComma:
				clause = false
			}
			continue
		case names > 0 && locative[words[j].Norm] && words[j+1].Gap == lexicons.GapNone:
			if clause || namesBetween(words, j+1, k, found) {
				return -1
			}
			return j
		}
		return -1
	}
	return -1
}

// afterPlaces may follow the last of a list of places with no comma ("in
// New York and London last year", "in Brussels and Washington alike").
var afterPlaces = map[string]bool{
	"in": true, "on": true, "at": true, "for": true, "with": true, "to": true, "from": true,
	"by": true, "as": true, "since": true, "after": true, "before": true, "during": true,
	"last": true, "this": true, "next": true, "alike": true, "too": true, "but": true,
	"and": true, "or": true, "because": true, "while": true, "where": true, "which": true,
	"when": true, "rather": true, "instead": true, "than": true, "over": true, "until": true,
}

// namesBetween reports whether a person or an organisation was tagged in
// words[from:to]: "In Beijing, Xi and Washington agreed" is no list of
// places.
func namesBetween(words []lexicons.Word, from, to int, found []pipeline.Entity) bool {
	if from >= to {
		return false
	}
	lo, hi := words[from].Start, words[to-1].End
	for k := len(found) - 1; k >= 0 && found[k].End > lo; k-- {
		if e := found[k]; e.Start < hi && (e.Type == "PERSON" || e.Type == "ORGANIZATION") {
			return true
		}
	}
	return false
}

// governed reports whether the locative preposition at p follows a
// governing noun that is not a visitor's ("officials in", not "foreign
// officials in").
func governed(doc *pipeline.Document, words []lexicons.Word, p int) bool {
	if p == 0 || words[p].Gap != lexicons.GapNone {
		return false
	}
	n := p - 1
	switch {
	case governing[words[n].Norm]:
	case words[p].Norm == "from" && fromGoverning[words[n].Norm]:
	case words[n].Norm == "makers" && n > 0 && makersOf[words[n-1].Norm]:
		n-- // "policy makers": the modifier is the word before "policy"
	default:
		return false
	}
	if n == 0 || words[n].Gap != lexicons.GapNone {
		return true
	}
	mod := words[n-1]
	if visitor[mod.Norm] {
		return false
	}
	// A capitalised modifier in mid-sentence is a nationality or a name
	// ("Chinese officials in Washington", "EU diplomats in Beijing"):
	// visitors.
	return n-1 == 0 || !capitalised(doc.Text[mod.Start:mod.End])
}

// datelinePlaces returns the number of words of the news dateline that
// opens a sentence, the places where the story was filed; 0 when the
// sentence has none. A dateline is
//   - one or more places in capitals, joined by "/" or ", ", in a sentence
//     not mostly in capitals, with the dateline's dash or bracket close
//     after them ("WASHINGTON — The Commerce Department ...", "BEIJING, May 3
//     (Reuters) -", "WASHINGTON/BEIJING (Reuters) -", "BRUSSELS/WASHINGTON,
//     Jan 5 (AP) --"); or
//   - one or two words in title case, a comma, a month and a day, then
//     a bracket or dash ("Beijing, May 3 (Reuters) -").
//
// "WASHINGTON, not Beijing, started the chip war" has none.
func datelinePlaces(doc *pipeline.Document, words []lexicons.Word) int {
	if len(words) < 2 {
		return 0
	}
	text := doc.Text
	n := 0 // words in capitals, joined by "/", ", " or a space
	for n < len(words) && n < 6 {
		t := text[words[n].Start:words[n].End]
		if len(t) < 2 || strings.ToUpper(t) != t || strings.ToLower(t) == t {
			break
		}
		if n > 0 {
			if sep := text[words[n-1].End:words[n].Start]; sep != " " && sep != "/" && sep != " / " && sep != ", " {
				break
			}
		}
		n++
	}
	if n > 0 && n < len(words) && text[words[n-1].End:words[n].Start] != " " && !mostlyCaps(doc, words) {
		// The run ends at the last word before the dateline's punctuation
		// (a run ending in a space, "WASHINGTON TRADE ..." or "WASHINGTON
		// The ...", is no dateline: the test above).
		if datelineTail(text[words[n-1].End:min(len(text), words[n-1].End+24)]) {
			return n
		}
		return 0
	}
	if n > 0 {
		return 0
	}
	// Title case: "Beijing, May 3 (Reuters) -", "Hong Kong, Jan. 5 (AP) --".
	for n < 2 && n < len(words) && titleWord(text[words[n].Start:words[n].End]) {
		n++
		if n < len(words) && text[words[n-1].End:words[n].Start] != " " {
			break
		}
	}
	if n == 0 || n+2 >= len(words) || words[n].Gap != lexicons.GapComma || !months[words[n].Norm] {
		return 0
	}
	if d := words[n+1].Norm; d == "" || d[0] < '0' || d[0] > '9' {
		return 0
	}
	end := words[n+1].End
	if datelineTail(text[end:min(len(text), end+16)]) {
		return n
	}
	return 0
}

// datelineTail reports whether a dateline's dash or bracket opens text.
func datelineTail(after string) bool {
	return strings.ContainsAny(after, "(—–") || strings.Contains(after, " - ") || strings.Contains(after, "--")
}

// months are the month names and abbreviations of a dateline.
var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// mostlyCaps reports whether three in four of a sentence's words with
// letters are written in capitals (a headline in capitals, maybe with a
// brand name in mixed case: "BEIJING, WASHINGTON TRADE BARBS OVER TikTok").
func mostlyCaps(doc *pipeline.Document, words []lexicons.Word) bool {
	n, caps := 0, 0
	for _, w := range words {
		t := doc.Text[w.Start:w.End]
		if strings.ToLower(t) == t && strings.ToUpper(t) == t {
			continue // no letters
		}
		n++
		if strings.ToUpper(t) == t {
			caps++
		}
	}
	return n >= 3 && 4*caps >= 3*n
}

// nameContinues reports whether words[k], right after a capital, makes it
// part of the name of an institution of the place: a word of
// institutionWords in title case after a single space ("the Beijing
// Review", "Moscow State University", "the Washington Institute",
// "Washington State"). Other capitalised words leave the capital its
// government ("Washington Treasury officials", "Beijing Premier Li Qiang",
// "Washington Responds").
func nameContinues(doc *pipeline.Document, words []lexicons.Word, k int) bool {
	w := doc.Text[words[k].Start:words[k].End]
	if doc.Text[words[k-1].End:words[k].Start] != " " {
		return false
	}
	if capitalCompounds[words[k-1].Norm][words[k].Norm] {
		return true // "Washington state", "Brussels sprouts", in any case
	}
	if !titleWord(w) {
		return false
	}
	if institutionWords[words[k].Norm] {
		return true
	}
	// "State" and "National" open names of government bodies too ("the
	// Beijing State Council", "Washington National Security Council"):
	// only before a place of learning or culture are they a name.
	return (words[k].Norm == "state" || words[k].Norm == "national") && k+1 < len(words) &&
		words[k+1].Gap == lexicons.GapNone && afterStateWords[words[k+1].Norm]
}

// capitalCompounds: words with which a capital's name means something else
// than its government, written in any case: the US state of Washington
// ("Washington state", "Washington State's data law"), a vegetable, a
// dish, a landmark.
var capitalCompounds = map[string]map[string]bool{
	"washington": {"state": true, "state's": true},
	"brussels":   {"sprouts": true, "sprout": true, "lace": true},
	"beijing":    {"duck": true, "opera": true},
	"london":     {"eye": true, "underground": true, "marathon": true},
	"moscow":     {"mule": true},
	"paris":      {"syndrome": true},
}

// afterStateWords, after "State" or "National", make a name of the place's
// institutions ("Moscow State University", "Seoul National University",
// "Beijing National Stadium").
var afterStateWords = map[string]bool{"university": true, "college": true, "museum": true, "stadium": true,
	"library": true, "park": true, "theatre": true, "theater": true, "opera": true, "gallery": true, "institute": true}

// institutionWords, capitalised after a capital, name an institution of the
// city: a university, a newspaper, a think tank, a company.
var institutionWords = map[string]bool{
	"university": true, "normal": true, "institute": true, "college": true,
	"review": true, "daily": true, "times": true, "post": true, "journal": true, "herald": true, "morning": true,
	"evening": true, "stock": true, "television": true, "radio": true, "school": true,
	"academy": true, "hospital": true, "museum": true, "club": true, "zoo": true, "municipal": true,
	// companies named after their city ("Tokyo Electron", "Beijing
	// Automotive", "Shanghai Electric")
	"electron": true, "electric": true, "automotive": true, "airlines": true, "securities": true, "holdings": true,
	"telecom": true, "steel": true, "semiconductor": true, "instruments": true, "metro": true,
}

// stateInName reports whether the state named at c is only part of
// another name: an organisation's ("Bank of China", "the National
// University of Singapore", "Voice of America", "the American Chamber of
// Commerce in China", "US Steel", "Singapore Airlines", "Japan Times",
// "Korea Development Institute", "Air China"), a river's or a region's
// ("Jordan River", "Niger Delta"), or a person's after a title ("Mr.
// Jordan"). Government bodies keep the state ("US Treasury", "Embassy of
// China", "Government of India"): their words are not heads here.
func stateInName(doc *pipeline.Document, words []lexicons.Word, c lexicons.Candidate, facts *sentFacts) bool {
	text := doc.Text
	titled := func(k int) bool { return titleWord(text[words[k].Start:words[k].End]) }
	joined := func(k int) bool { return text[words[k-1].End:words[k].Start] == " " }
	// After it: up to three title-case words, the last an organisation's
	// or a place's head ("Development Institute", "Steel"); not in a
	// headline in title case, where every word is capitalised ("China
	// Steel Output Falls").
	for k := c.To; k < len(words) && k < c.To+3 && joined(k) && titled(k) && !facts.titleCaseLine(); k++ {
		if institutionWords[words[k].Norm] || orgHeads[words[k].Norm] || placeHeads[words[k].Norm] {
			return true
		}
	}
	if c.From == 0 {
		return false
	}
	prev := strings.TrimSuffix(words[c.From-1].Norm, ".")
	switch {
	case personTitles[prev] && capitalised(text[words[c.From-1].Start:words[c.From-1].End]):
		return true // "Mr. Jordan", "Ms Georgia Lewis"
	case !joined(c.From):
		return false
	case titled(c.From-1) && beforeHeads[prev]:
		return true // "Air China", "Radio Free Asia"
	case prev == "of" && c.From >= 2 && joined(c.From-1) && titled(c.From-2) && ofHeads[words[c.From-2].Norm]:
		return true // "Bank of China", "University of Tokyo"
	case prev == "in" && c.From >= 4 && words[c.From-2].Norm == "commerce" && words[c.From-3].Norm == "of" && words[c.From-4].Norm == "chamber" && titled(c.From-2):
		return true // "the European Chamber of Commerce in China"
	}
	return false
}

// sentFacts holds the tests about a whole sentence that the rules ask
// for each match, computed on first use: asking them afresh for every
// match made a long sentence (a transcript with no full stop) cost its
// length squared.
type sentFacts struct {
	doc   *pipeline.Document
	words []lexicons.Word
	// done bits: 1 dateline, 2 title case, 4 capitals
	done      uint8
	dateline  int
	titleCase bool
	caps      bool
	// the last chain of coordinated names walked (afterCoordinated):
	// words[chainFrom:chainEnd]; empty at first
	chainFrom, chainEnd int
}

func (f *sentFacts) datelinePlaces() int {
	if f.done&1 == 0 {
		f.done |= 1
		f.dateline = datelinePlaces(f.doc, f.words)
	}
	return f.dateline
}

// capsLine reports whether the sentence is mostly in capitals (mostlyCaps).
func (f *sentFacts) capsLine() bool {
	if f.done&4 == 0 {
		f.done |= 4
		f.caps = mostlyCaps(f.doc, f.words)
	}
	return f.caps
}

func (f *sentFacts) titleCaseLine() bool {
	if f.done&2 == 0 {
		f.done |= 2
		f.titleCase = titleCaseLine(f.doc, f.words)
	}
	return f.titleCase
}

// titleCaseLine reports whether a sentence is a headline in title case:
// at least four words with letters besides short function words, all of
// them capitalised (all but one from eight on: "iPhone").
func titleCaseLine(doc *pipeline.Document, words []lexicons.Word) bool {
	n, caps := 0, 0
	for _, w := range words {
		t := doc.Text[w.Start:w.End]
		if strings.ToLower(t) == strings.ToUpper(t) || smallWords[w.Norm] {
			continue
		}
		n++
		if capitalised(t) {
			caps++
		}
	}
	return n >= 4 && (caps == n || n >= 8 && caps >= n-1)
}

// smallWords are the function words a title-case headline leaves in lower
// case.
var smallWords = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "of": true,
	"in": true, "on": true, "at": true, "to": true, "for": true, "by": true, "with": true, "from": true, "as": true, "vs": true}

// ownedElsewhere reports whether the institution named at c, by a
// spelling that does not name China ("Ministry of Foreign Affairs"), is
// another country's: after another state's possessive ("Japan's
// Ministry of Foreign Affairs"), after a nationality other than Chinese
// ("the Indian Ministry of Commerce"), or before "of" and another name
// ("the Ministry of Foreign Affairs of Singapore").
func ownedElsewhere(doc *pipeline.Document, words []lexicons.Word, c lexicons.Candidate, found []pipeline.Entity) bool {
	text := doc.Text
	if c.From >= 2 && words[c.From-1].Norm == "'s" && len(found) > 0 {
		last := found[len(found)-1]
		if last.End == words[c.From-2].End && last.Type == "STATE_ACTOR" && last.Canonical != "China" {
			return true
		}
	}
	if c.From >= 1 && words[c.From].Gap == lexicons.GapNone {
		prev := text[words[c.From-1].Start:words[c.From-1].End]
		if titleWord(prev) && prev != "Chinese" && nationality(prev) {
			return true
		}
	}
	if c.To+1 < len(words) && words[c.To].Norm == "of" && words[c.To].Gap == lexicons.GapNone {
		k := c.To + 1
		if words[k].Norm == "the" && k+1 < len(words) {
			k++
		}
		next := text[words[k].Start:words[k].End]
		switch words[k].Norm {
		case "china", "people", "prc":
			return false
		}
		return capitalised(next) && !strings.HasPrefix(words[k].Norm, "people")
	}
	return false
}

// nationality reports whether a capitalised word looks like a nationality
// adjective (Japanese, Indian, Korean, British, French, Israeli).
func nationality(w string) bool {
	for _, suf := range []string{"ese", "ian", "ean", "an", "ish", "ch", "i"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

// chamberNames are the one-word names of the US legislature's chambers
// in the gazetteer (Congress, Senate): other countries and bodies have
// assemblies of the same name.
var chamberNames = map[string]bool{"congress": true, "senate": true}

// usChamberWords, before a chamber's name, keep it the US one: "the U.S.
// Senate", "a Republican Congress", "the federal Congress".
var usChamberWords = map[string]bool{"u.s": true, "us": true, "america": true, "american": true, "united": true, "states": true,
	"federal": true, "republican": true, "democratic": true, "democrat": true, "gop": true}

// chamberOwners, before Congress in a line where every word is
// capitalised, still make it another assembly.
var chamberOwners = map[string]bool{"party": true, "people": true, "national": true, "provincial": true, "world": true}

// otherChamber reports whether the Congress or Senate named at c is
// another body's: a capitalised word, or a capitalised name and "'s",
// joined before it ("the Party Congress", "the Guangdong People's
// Congress", "the Indian National Congress", "the Philippine Senate"), or
// "of" and a capitalised word after it ("the Congress of Vienna", "the
// Senate of Canada"; not "of the United States"). A sentence's first word
// is only capitalised ("Yesterday Congress voted"), and in a headline in
// title case every word is ("Chip Makers Lobby Congress"): neither counts.
func otherChamber(doc *pipeline.Document, words []lexicons.Word, c lexicons.Candidate, facts *sentFacts) bool {
	if c.To-c.From != 1 || !chamberNames[words[c.From].Norm] {
		return false
	}
	text := doc.Text
	if facts.titleCaseLine() || facts.capsLine() {
		// Every word is capitalised: only the words that name another
		// assembly tell ("XI OPENS PARTY CONGRESS").
		k := c.From - 1
		if k > 0 && words[k].Norm == "'s" {
			k--
		}
		return k >= 0 && chamberOwners[words[k].Norm]
	}
	titled := func(k int) bool { return capitalised(text[words[k].Start:words[k].End]) }
	if k := c.From - 1; k >= 0 && text[words[k].End:words[c.From].Start] == " " {
		if words[k].Norm == "'s" && k > 0 && words[k].Start == words[k-1].End {
			k-- // "People's Congress"
		}
		prev := strings.TrimSuffix(words[k].Norm, ".")
		if k > 0 && titled(k) && !determiners[prev] && !usChamberWords[prev] {
			return true
		}
	}
	if k := c.To; k+1 < len(words) && words[k].Norm == "of" {
		k++
		if words[k].Norm == "the" && k+1 < len(words) {
			k++
		}
		return titled(k) && !usChamberWords[words[k].Norm]
	}
	return false
}

// otherSense reports whether a one-word technology match is a common word
// in another sense: "a bargaining chip", "potato chips", "fish and chips",
// "blue-chip stocks", "chip-and-PIN cards", "when the chips are down", "a
// quantum leap".
func otherSense(words []lexicons.Word, c lexicons.Candidate) bool {
	if c.To-c.From != 1 {
		return false
	}
	w := words[c.From].Norm
	prev, next, next2 := "", "", ""
	if c.From > 0 {
		prev = words[c.From-1].Norm
	}
	if c.To < len(words) {
		next = words[c.To].Norm
	}
	if c.To+1 < len(words) {
		next2 = words[c.To+1].Norm
	}
	switch w {
	case "chip", "chips":
		fish := w == "chips" && prev == "and" && c.From >= 2 && words[c.From-2].Norm == "fish"
		return chipOtherSense[prev] || fish || next == "and" && next2 == "pin" ||
			w == "chips" && (next == "are" || next == "were") && next2 == "down"
	case "quantum":
		return next == "leap" || next == "leaps" || next == "jump" || next == "jumps"
	}
	return false
}

// chipOtherSense, before "chip(s)", make it food, money or a token.
var chipOtherSense = map[string]bool{
	"bargaining": true, "potato": true, "tortilla": true, "chocolate": true, "banana": true, "poker": true,
	"casino": true, "blue": true, "wood": true, "paint": true, "corn": true, "fish": true,
}

// orgHeads, in title case after a state's name, make it an organisation's
// name (with institutionWords): banks, firms, media.
var orgHeads = map[string]bool{
	"bank": true, "airways": true, "mobile": true, "unicom": true, "today": true, "tech": true,
	"telegraph": true, "motors": true, "electronics": true, "petroleum": true, "oil": true,
	"group": true, "corporation": true, "corp": true, "company": true, "inc": true, "ltd": true, "limited": true,
	"insurance": true, "railway": true, "railways": true, "shipping": true, "institution": true,
}

// placeHeads, in title case after a state's name, make it a river's or a
// region's ("Jordan River", "Niger Delta").
var placeHeads = map[string]bool{"river": true, "delta": true, "basin": true, "valley": true, "lake": true}

// beforeHeads, in title case right before a state's name, open an
// organisation's name ("Air China", "Radio Free Asia" has no state).
var beforeHeads = map[string]bool{"air": true, "radio": true, "voice": true}

// ofHeads, in title case before "of" and a state's name, make it an
// organisation's name: "Bank of China", "National University of
// Singapore", "Voice of America". Not "Embassy", "Ministry", "Government",
// "Republic", "President": those are the state's.
var ofHeads = map[string]bool{
	"bank": true, "university": true, "voice": true, "institute": true, "academy": true, "college": true,
	"school": true, "museum": true, "library": true, "chamber": true, "society": true, "association": true,
	"foundation": true, "council": false, "federation": true, "league": true,
}

// personTitles before a capitalised word make it a person's name.
var personTitles = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "miss": true, "sir": true, "madam": true}

// titleWord reports whether w is a capital letter followed by lower-case
// letters only (not an acronym).
func titleWord(w string) bool {
	for i, r := range w {
		if i == 0 && !unicode.IsUpper(r) || i > 0 && !unicode.IsLower(r) {
			return false
		}
	}
	return len(w) > 1
}

func capitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// resolve picks, among the anaphor candidates spanning the same words as c
// ("the bloc" listed by the EU and by ASEAN), the entry named last before
// it in the document; when none was named, the first (c, the lowest id).
func (g *Gazetteer) resolve(cands []lexicons.Candidate, c lexicons.Candidate, found []pipeline.Entity) alias {
	best := g.aliases[c.ID]
	for k := len(found) - 1; k >= 0; k-- {
		for _, o := range cands {
			al := g.aliases[o.ID]
			if o.From == c.From && o.To == c.To && al.a.Anaphor && al.entry.Canonical == found[k].Canonical && al.entry.Type == found[k].Type {
				return al
			}
		}
	}
	return best
}

// titles may open a PERSON alias ("President Lai", "Foreign Minister
// Wang"): they make a short name unambiguous but are not part of the name,
// so the span starts after them, as it does when the title is not in the
// alias ("Premier Li Qiang" is tagged "Li Qiang").
var titles = map[string]bool{
	"president": true, "vice": true, "premier": true, "prime": true, "minister": true,
	"secretary": true, "general": true, "commissioner": true, "chancellor": true,
	"chairman": true, "chairwoman": true, "chair": true, "foreign": true, "defense": true,
	"defence": true, "commerce": true, "trade": true, "treasury": true, "state": true,
	"councillor": true, "councilor": true, "senator": true, "sen": true, "representative": true,
	"rep": true, "governor": true, "ambassador": true, "envoy": true, "spokesperson": true,
	"spokesman": true, "spokeswoman": true, "ceo": true, "chief": true, "executive": true,
	"mr": true, "mrs": true, "ms": true, "dr": true, "professor": true, "prof": true,
	"king": true, "queen": true, "speaker": true, "leader": true, "party": true,
}

// nameSpan returns the words of the name in the match c: a leading
// lower-case "the" of the alias ("the cloud", "~the bloc") and, for a
// person, leading titles are context, not name. When the name after the
// title goes on ("President Xi" + "Jinping"), the longest alias of the same
// entity there is taken.
func (g *Gazetteer) nameSpan(f *sentFacts, c lexicons.Candidate, al alias) (from, to int) {
	words := f.words
	from, to = c.From, c.To
	n := 0
	if len(al.a.Surface) > 1 && al.a.Surface[0] == "the" {
		n = 1
	}
	if al.entry.Type == "PERSON" {
		for n < len(al.a.Words)-1 && titles[al.a.Words[n]] {
			n++
		}
	}
	if n == 0 {
		return from, to
	}
	from += n
	for _, o := range g.m.Candidates(words, from, len(words), nil) {
		ol := g.aliases[o.ID]
		if ol.entry == al.entry && o.To > to && g.accept(f, o, ol) {
			return from, o.To
		}
	}
	return from, to
}

// actorTypes may be named inside a longer name.
func nestedActor(al alias) bool {
	if al.a.Capital || al.a.Anaphor {
		return false // "Paris AI Action Summit" names a city, not France
	}
	return al.entry.Type == "STATE_ACTOR" || al.entry.Type == "PERSON"
}

// nested appends to found the actors named inside the match words[from:to]
// of al, so that the longest match does not hide them, and returns where
// the name of al itself starts:
//
//   - an administration named after its leader ("Trump administration",
//     STATE_ACTOR) also names the person;
//   - an organisation or event whose name opens with states or people
//     ("U.S. Congress", "China's Foreign Ministry", "EU-US Trade and
//     Technology Council", "Xi-Biden summit", "U.S. AI Safety Institute")
//     names them too when the rest is a name by itself, when the state is
//     a possessive, or when two or more actors open it. When the rest is a
//     name of the same entity ("Congress"), the qualifier is a mention of
//     its own and the organisation's mention is the rest: "U.S." +
//     "Congress", as if the long alias were not there; otherwise the
//     organisation keeps the whole span ("U.S. AI Safety Institute"),
//     because the qualifier is what picks it.
//
// A state inside the name of a policy, technology or concept ("EU AI Act",
// "Made in China 2025") is part of a title, not an actor, and names of firms
// that open with a state ("China Mobile") are names: the rest is no name.
func (g *Gazetteer) nested(f *sentFacts, from, to int, al alias, si int, found []pipeline.Entity) ([]pipeline.Entity, int) {
	doc, words := f.doc, f.words
	typ := al.entry.Type
	if typ != "STATE_ACTOR" && typ != "ORGANIZATION" && typ != "EVENT" {
		return found, from
	}
	type part struct {
		from, to int
		al       alias
	}
	var parts []part
	possessive := false
	k := from
	for k < to-1 {
		var got *part
		for _, o := range g.m.Candidates(words, k, to-1, nil) {
			ol := g.aliases[o.ID]
			if nestedActor(ol) && ol.entry != al.entry && g.accept(f, o, ol) {
				got = &part{o.From, o.To, ol}
				break
			}
		}
		if got == nil {
			break
		}
		parts = append(parts, *got)
		k = got.to
		if k < to-1 && words[k].Norm == "'s" {
			possessive = true
			k++
			break
		}
	}
	if len(parts) == 0 || k >= to {
		return found, from
	}
	name := from
	if typ == "STATE_ACTOR" {
		// Only leaders inside a state's name: "Biden administration".
		keep := parts[:0]
		for _, p := range parts {
			if p.al.entry.Type == "PERSON" {
				keep = append(keep, p)
			}
		}
		parts = keep
	} else {
		whole, same := false, false
		for _, o := range g.m.Candidates(words, k, to, nil) {
			ol := g.aliases[o.ID]
			if o.To == to && g.accept(f, o, ol) {
				whole = true
				same = same || ol.entry == al.entry
			}
		}
		switch {
		case same:
			name = k
		case whole || len(parts) >= 2 || possessive:
		default:
			return found, from
		}
	}
	for _, p := range parts {
		found = append(found, g.mention(doc, words, p.from, p.to, p.al, si))
	}
	return found, name
}
