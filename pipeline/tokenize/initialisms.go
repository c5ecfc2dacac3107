package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/techframe/techframe/pipeline"
)

// A dotted initialism (U.S., U.K., U.N., E.U., D.C., U.S.A.) often ends a
// sentence in commentary on China and the United States ("export controls
// imposed by the U.S. The rules ..."), and just as often stands before a
// capitalised name ("U.S. President Biden", "the U.S. Commerce Department",
// "U.S. China policy", "the U.S. Entity List"). Punkt's decision there rests
// on two statistics of its training text: a list of frequent sentence
// starters, and whether the next word was ever seen in lower case and never
// capitalised mid-sentence. The first misses "We", "Its", "And", "As" and
// every name ("made in the U.S. China retaliated"); the second splits before
// title words its newspaper text happened to write in lower case
// ("U.S. Ambassador", "U.S. Entity List", "U.S. Forces Korea").
//
// So when a dotted initialism is followed by space and a word starting with
// an upper-case letter, this rule decides instead of punkt. It is
// conservative: a sentence ends there only when
//
//   - the word is a closed-class word that commonly opens a sentence
//     (articles and determiners, pronouns, conjunctions, prepositions,
//     sentence adverbs, question words: startWords), spelled in title case
//     and standing alone as a token ("The", "It", not "IT", "US" or
//     "In-Q-Tel"); a quantifier or preposition that also opens titles
//     (titleStarts: "Under Secretary", "Most Favored Nation") counts only
//     when the word after it is not capitalised; or
//   - the word is a state or capital from a short list (actorNames: China,
//     Beijing, Russia, ...) and what follows shows it is the subject of a
//     new clause, not a modifier inside a name: a possessive ("China's"),
//     an auxiliary or reporting verb ("has", "said"), a past-tense verb
//     ("retaliated", but not "based", "led", "related": notVerbs) or a
//     clause adverb ("also", "then"). "U.S. China policy" stays whole.
//
// Anything else (every other capitalised word) keeps the initialism in the
// sentence, even where punkt split before. A next token that does not start
// with an upper-case letter (a number, a quote, a bracket, a lower-case
// word) leaves punkt's decision and the package's other rules in charge.
// Known misses, chosen over false splits: a sentence opening with any other
// content word ("in Washington, D.C. Officials declined") stays joined, and
// a title written in title case inside a sentence ("the U.S. And China
// Agree") is split.
//
// The initialism stays one token either way ("U.S." with its final period,
// as the scanner keeps every abbreviation whole, also at the end of a
// sentence or of the text): no separate sentence-final "." is made.

// followsInitialism reports whether the rule decides the break before
// toks[i]: it follows a dotted initialism and space, and starts with an
// upper-case letter.
func followsInitialism(text string, toks []pipeline.Token, i int) bool {
	if i == 0 || toks[i].Start == toks[i-1].End || !isInitialism(text[toks[i-1].Start:toks[i-1].End]) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[toks[i].Start:])
	return unicode.IsUpper(r)
}

// initialismEnds reports whether a sentence ends before toks[i], which
// follows an initialism (followsInitialism).
func initialismEnds(text string, toks []pipeline.Token, i int) bool {
	w := text[toks[i].Start:toks[i].End]
	if isTitleWord(w) {
		low := strings.ToLower(w)
		if startWords[low] {
			return true
		}
		if titleStarts[low] {
			return !nextCapitalised(text, toks, i)
		}
	}
	return actorNames[w] && i+1 < len(toks) && opensClause(text, toks, i+1)
}

// isInitialism reports whether w is two or more capital letters, each
// followed by a full stop (U.S., E.U., U.S.A.).
func isInitialism(w string) bool {
	if len(w) < 4 || len(w)%2 != 0 {
		return false
	}
	for k := 0; k < len(w); k += 2 {
		if w[k] < 'A' || w[k] > 'Z' || w[k+1] != '.' {
			return false
		}
	}
	return true
}

// isTitleWord reports whether w is ASCII letters, the first one capital
// and the others lower case (The, It, I).
func isTitleWord(w string) bool {
	if w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for k := 1; k < len(w); k++ {
		if w[k] < 'a' || w[k] > 'z' {
			return false
		}
	}
	return true
}

// nextCapitalised reports whether toks[i] is followed by a word starting
// with an upper-case letter.
func nextCapitalised(text string, toks []pipeline.Token, i int) bool {
	if i+1 >= len(toks) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[toks[i+1].Start:])
	return unicode.IsUpper(r)
}

// opensClause reports whether toks[j], after an actor's name, shows that the
// name is the subject of a clause: a possessive attached to the name, or,
// after space, a finite verb or a clause adverb.
func opensClause(text string, toks []pipeline.Token, j int) bool {
	w := text[toks[j].Start:toks[j].End]
	if toks[j].Start == toks[j-1].End {
		return toks[j].Norm == "'s"
	}
	if !isLowerWord(w) {
		return false
	}
	if clauseWords[w] {
		return true
	}
	return len(w) >= 5 && strings.HasSuffix(w, "ed") && !notVerbs[w]
}

// isLowerWord reports whether w is ASCII lower-case letters only.
func isLowerWord(w string) bool {
	for k := 0; k < len(w); k++ {
		if w[k] < 'a' || w[k] > 'z' {
			return false
		}
	}
	return w != ""
}

// startWords open a sentence after an initialism, matched lower-case. They
// include punkt's frequent sentence starters for English, except the ones in
// titleStarts and "sales".
var startWords = setOf(
	// articles, determiners, possessives
	"the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her", "my", "your",
	"such", "another", "every",
	// pronouns
	"i", "it", "he", "she", "they", "we", "you", "there",
	// conjunctions
	"and", "but", "or", "nor", "so", "yet", "although", "though", "because", "since", "while", "whereas",
	"if", "unless", "when", "whether", "as", "until",
	// prepositions
	"in", "on", "at", "for", "by", "with", "from", "during", "despite", "without", "through", "among",
	"amid", "unlike", "after", "before", "according",
	// sentence adverbs
	"however", "meanwhile", "moreover", "indeed", "instead", "still", "thus", "therefore", "hence",
	"nevertheless", "nonetheless", "furthermore", "also", "then", "now", "even", "only", "similarly",
	"likewise", "separately", "accordingly", "consequently", "yesterday",
	// question words
	"what", "why", "how", "who", "which", "where",
)

// titleStarts open a sentence after an initialism only when the next word
// is not capitalised: they also begin titles and names ("U.S. Under
// Secretary", "U.S. Most Favored Nation", "U.S. All American").
var titleStarts = setOf("under", "over", "most", "many", "some", "all", "both", "each", "any", "few", "much")

// actorNames are states and capitals that, after an initialism, are the
// subject of a new sentence when a verb follows ("the U.S. China retaliated")
// and a modifier otherwise ("U.S. China policy"). Matched as written.
var actorNames = setOf(
	"China", "Beijing", "Taiwan", "Taipei", "Russia", "Moscow", "Japan", "Tokyo", "India", "Delhi",
	"Europe", "Brussels", "Britain", "London", "Germany", "Berlin", "France", "Paris", "Canada", "Ottawa",
	"Mexico", "Australia", "Canberra", "Seoul", "Pyongyang", "Iran", "Tehran", "Israel", "Washington",
)

// clauseWords after an actor's name show it is a subject: auxiliaries,
// modals, reporting verbs and clause adverbs.
var clauseWords = setOf(
	"is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could", "cannot", "may",
	"might", "must", "should", "shall", "does", "did", "do", "says", "said",
	"also", "then", "now", "already", "soon", "later", "never", "quickly", "swiftly", "promptly",
	"immediately",
)

// notVerbs end in -ed but, after a name, usually make a compound modifier
// ("U.S. China related sanctions", "Japan based firms"). Shorter words
// ("led", "red") are never read as verbs.
var notVerbs = setOf(
	"based", "backed", "related", "linked", "focused", "centered", "centred", "oriented", "aligned",
	"allied", "funded", "sponsored", "controlled", "affiliated", "owned", "operated", "listed",
	"headquartered", "registered", "licensed", "sourced", "designed", "engineered", "assembled",
	"manufactured", "inspired",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
