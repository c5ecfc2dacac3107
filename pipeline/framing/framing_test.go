package framing

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/entities"
	"github.com/techframe/techframe/pipeline/tokenize"
)

// TestHardCases pins the DOMAIN.md hard cases and decision rules with
// sentences written for this test (not taken from the gold files).
func TestHardCases(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"plain cooperation", "China and Brazil signed a partnership on satellite data.", Cooperation},
		{"plain competition", "Washington sees Beijing as a strategic rival in chips.", Competition},
		{"both", "The two powers cooperate on climate science while competing fiercely over chips.", Both},
		{"neutral", "The ministry published its annual report on broadband coverage.", Neutral},
		{"negated competition is accommodation (rule 3)", "Tokyo said it did not seek confrontation with Seoul over chip standards.", Cooperation},
		{"negation stops at a comma", "Not surprisingly, the rivalry between the two powers deepened.", Competition},
		{"prevention is not negation", "We will not let Beijing steal our chip designs.", Competition},
		{"double negation: not lifting controls", "The US did not lift its export controls on China.", Competition},
		{"double negation: never easing pressure", "Beijing has never eased its pressure on Taiwan.", Competition},
		{"prevention is not negation (allow)", "Officials said they would never allow Chinese hackers to threaten the grid.", Competition},
		{"absence counts for nothing", "The speech made no mention of rivalry with any foreign power.", Neutral},
		{"hedge keeps the frame", "Export controls may provoke retaliation from Beijing.", Competition},
		{"disruption of cooperation", "Tighter sanctions may undermine joint research between the two countries.", Competition},
		{"concession backdrop", "While granting that tensions exist, the envoy insisted the dispute was manufactured.", Competition},
		{"temporal backdrop (rule 10)", "After years of hostility, the two agencies resumed scientific exchanges with each other.", Cooperation},
		{"more than a dispute", "This is more than a trade dispute between Washington and Beijing.", Competition},
		{"other sense: competitive prices", "Exports rose on competitive prices and fast delivery.", Neutral},
		{"other sense: cooperative farms", "The village has three cooperative farms growing rice.", Neutral},
		{"other sense: war on poverty", "The province declared a war on poverty in 2015.", Neutral},
		{"other sense: submarine cables", "A submarine cable will link Chile to Australia.", Neutral},
		{"submarine alone is a warship", "China launched a new nuclear submarine.", Competition},
		{"name, not a relation", "The Shanghai Cooperation Organisation moved its secretariat in 2023.", Neutral},
		{"title in mid-sentence", "Her report, titled Partners or Rivals, runs to 90 pages.", Neutral},
		{"domestic coordination (rule 4)", "Chinese ministries aligned their data rules with provincial regulators.", Neutral},
		{"domestic politics (rule 4)", "The governor and the opposition parties agreed to cooperate on a new rail line.", Neutral},
		{"domestic rivalry (rule 4)", "The mayor's rivals in the city council attacked the budget.", Neutral},
		{"states cooperating across borders", "The governors of Texas and Chihuahua agreed with Mexico and the United States to cooperate on border trade.", Cooperation},
		{"shared threat (rule 5)", "China and ASEAN agreed to fight cyber threats together.", Cooperation},
		{"shared threat, states as agents (rule 5)", "Fighting pandemic threats needs joint surveillance by China and ASEAN.", Cooperation},
		{"armed conflict (rule 8)", "Russian troops shelled the city and missile strikes continued.", Competition},
		{"claim to dominate (rule 1)", "The plan aims to dominate the global battery market.", Competition},
		{"influence alone (rule 1)", "Brussels hopes to shape how satellites are licensed.", Neutral},
		{"implicit race (rule 9)", "Chinese labs now file more patents on batteries than American ones.", Competition},
		{"quantity is not a race", "The firm sold more than 3 million phones last year.", Neutral},
		{"joining a body (rule 2)", "Indonesia joined the ITU working group on spectrum.", Cooperation},
		{"compatibility phrase", "There is no contradiction between competing in markets and cooperating on safety.", Both},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := tag(oneSentence(tc.text))
			if got := doc.Sentences[0].Frame; got != tc.want {
				var cues []string
				for _, e := range doc.Evidence {
					cues = append(cues, doc.SpanText(e.Span)+"/"+e.Frame+"/"+e.Reason)
				}
				t.Errorf("%q: got %s, want %s (coop %.2f comp %.2f; cues %q)", tc.text, got, tc.want, doc.Sentences[0].CoopScore, doc.Sentences[0].CompScore, cues)
			}
		})
	}
}

func TestEvidenceFlags(t *testing.T) {
	doc := tag(oneSentence("Beijing did not seek confrontation, but tariffs could rise and competitive prices fell."))
	byText := map[string]bool{}
	for _, e := range doc.Evidence {
		text := doc.SpanText(e.Span)
		byText[text] = true
		if !strings.EqualFold(text, strings.ReplaceAll(e.Term, "*", "")) && !strings.HasPrefix(strings.ToLower(text), strings.ToLower(strings.TrimSuffix(e.Term, "*"))) {
			t.Errorf("evidence span %q does not match its term %q", text, e.Term)
		}
		if e.Lexicon != "builtin:framing.tsv" || e.Line <= 0 {
			t.Errorf("%q: lexicon position %s:%d", text, e.Lexicon, e.Line)
		}
		switch text {
		case "confrontation":
			if !e.Negated || e.Hedged {
				t.Errorf("confrontation: negated %v hedged %v", e.Negated, e.Hedged)
			}
		case "tariffs":
			if e.Negated {
				t.Error("negation must stop at the comma and 'but'")
			}
		case "competitive":
			if !e.Ignored || !strings.Contains(e.Reason, "other sense") {
				t.Errorf("competitive: ignored %v reason %q", e.Ignored, e.Reason)
			}
		}
	}
	for _, w := range []string{"confrontation", "tariffs", "competitive"} {
		if !byText[w] {
			t.Errorf("no evidence for %q: %+v", w, doc.Evidence)
		}
	}
	// A verb negator before a plain negation word does not cancel it.
	// The litotes "not without" still cancels.
	for _, c := range []struct {
		sentence, cue string
		negated       bool
	}{
		{"The talks in Geneva ended without agreement on data flows.", "agreement", true},
		{"Yet the relationship is not without friction.", "friction", false},
		{"There can be no security without cooperation.", "cooperation", false},
		{"Beijing refused to act without consultation with its partners.", "consultation", false},
	} {
		checkCueNegated(t, c.sentence, c.cue, c.negated, false)
	}
	// A negator verb after its subject negates it ("tensions eased", "were
	// lifted"); a noun the same glob matches ("settlements") does not.
	for _, c := range []struct {
		sentence, cue string
		negated       bool
	}{
		{"Tensions eased after the two leaders met in San Francisco.", "Tensions", true},
		{"The sanctions were lifted last year.", "sanctions", true},
		{"The tariffs have been removed.", "tariffs", true},
		{"The member states will expand mutual settlements in national currencies.", "mutual", false},
		{"The sanctions, lifted last year, were reimposed.", "sanctions", false},
		{"Tensions eased and cooperation resumed.", "cooperation", false},
		{"Tensions have eased since the summit.", "Tensions", true},
		// Only a competition cue is negated so: talks that ended are not
		// talks that failed.
		{"The strategic dialogue ended after three days in Beijing.", "dialogue", false},
		{"The tariffs were waived for allies but not for China.", "tariffs", false},
		// "No" before a hyphenated or four-digit number is a negation.
		{"No 5-year joint venture was agreed.", "joint venture", true},
		{"No 2025 joint statement is expected.", "joint statement", true},
		// An active verb negates its object, not its subject.
		{"Security threats prevented cooperation on 5G.", "Security threats", false},
		{"Dialogue defused the crisis over the spy balloon.", "Dialogue", false},
		{"The allies resolved to deepen cooperation on chips.", "allies", false},
		{"The sanctions lifted in 2016 were reimposed in 2018.", "sanctions", false},
		{"The tariffs ended up costing American consumers billions.", "tariffs", false},
		// A cue inside the subject's modifier is not the subject.
		{"Talks on sanctions ended without a deal.", "sanctions", false},
		{"Beijing's hostility towards the alliance has eased.", "alliance", false},
		// Local negation does not spread.
		{"Tensions eased and the rivalry intensified.", "rivalry", false},
		{"Beijing relies on non-military coercion against Taiwan.", "coercion", false},
		{"Non-strategic competition in consumer electronics is fierce.", "strategic competition", false},
		// "non-" negates the word it is joined to, and no further.
		{"The two countries signed a non-aggression pact.", "aggression", true},
		{"The two countries signed a non-aggression pact.", "pact", false},
		{"The non-governmental organisations cooperate closely on disaster relief.", "cooperate", false},
		{"Non-tariff barriers remain the main obstacle.", "Non-tariff barriers", false},
	} {
		checkCueNegated(t, c.sentence, c.cue, c.negated, true)
	}
	// "No." before a number is the numero sign, not a negator; "no" at a
	// sentence's end still is one.
	for _, c := range []struct {
		sentence, cue string
		negated       bool
	}{
		{"The No. 1 priority is joint research with the EU.", "joint", false},
		{"Under Resolution no. 2231, joint inspections resumed.", "joint", false},
		{"The No 10 priority is joint research with the EU.", "joint", false},
		{"No joint 5G research with China was approved.", "joint", true},
		{"No joint research with China was approved.", "joint", true},
		{"Joint research with China? The answer was no.", "joint", false},
	} {
		checkCueNegated(t, c.sentence, c.cue, c.negated, false)
	}
	// A negated negator cancels: the controls are not lifted, so the cue
	// stands, unflagged, at its full weight.
	doc = tag(oneSentence("The US did not lift its export controls on China."))
	found := false
	for _, e := range doc.Evidence {
		if doc.SpanText(e.Span) == "export controls" {
			found = true
			if e.Negated || e.Weight != 1.2 {
				t.Errorf("export controls after \"did not lift\": negated %v weight %v, want false 1.2", e.Negated, e.Weight)
			}
		}
	}
	if !found {
		t.Errorf("no evidence for export controls: %+v", doc.Evidence)
	}
	// Rule 5 with the states named as the ones acting ("by China and
	// ASEAN"): the threat cues, surveillance included, are shared threats.
	doc = tag(oneSentence("Fighting pandemic threats needs joint surveillance by China and ASEAN."))
	for _, e := range doc.Evidence {
		if doc.SpanText(e.Span) == "surveillance" && (!e.Ignored || !strings.Contains(e.Reason, "rule 5")) {
			t.Errorf("surveillance by China and ASEAN: ignored %v (%q), want set aside under rule 5", e.Ignored, e.Reason)
		}
	}
	doc = tag(oneSentence("Rising tariffs could hurt trade."))
	for _, e := range doc.Evidence {
		if doc.SpanText(e.Span) == "tariffs" && e.Hedged {
			t.Error("a hedge after the cue must not hedge it")
		}
	}
}

func TestSentenceScope(t *testing.T) {
	// A negator ends its sentence's scope, and a multi-word cue cannot join
	// words of two sentences ("trade" | "war").
	// (Sentences 2 and 4 name the parties: bare "Rivalry grew." and "War
	// games followed." are borderline calls that the learned combiner,
	// trained on speeches where "grew" mostly reports statistics, leaves
	// neutral.)
	doc := tag(makeDoc("Officials did not comment. Rivalry between Washington and Beijing grew. They discussed trade. War games near Taiwan followed."))
	want := []string{Neutral, Competition, Neutral, Competition}
	for i, s := range doc.Sentences {
		if s.Frame != want[i] {
			t.Errorf("sentence %d %q: %s, want %s", i, doc.SpanText(s.Span), s.Frame, want[i])
		}
	}
	for _, e := range doc.Evidence {
		if !doc.Sentences[e.Sent].Contains(e.Span) {
			t.Errorf("evidence %q outside its sentence %d", doc.SpanText(e.Span), e.Sent)
		}
		if e.Negated {
			t.Errorf("%q negated across a sentence boundary", doc.SpanText(e.Span))
		}
		if doc.SpanText(e.Span) == "trade. War" {
			t.Error("cue crossed a sentence boundary")
		}
	}
}

func TestOneSentenceDocumentLabel(t *testing.T) {
	for _, text := range []string{
		"China and the EU agreed to cooperate on standards.",
		"The rivalry over chips intensified.",
		"The powers compete on chips but cooperate on climate.",
		"The report has 90 pages.",
	} {
		doc := tag(oneSentence(text))
		if s := Summarize(doc); s.Label != doc.Sentences[0].Frame {
			t.Errorf("%q: document label %s, sentence label %s", text, s.Label, doc.Sentences[0].Frame)
		}
	}
}

func TestSummarize(t *testing.T) {
	doc := tag(makeDoc("China and the EU agreed to cooperate on standards. The rivalry over chips intensified. The powers compete on chips but cooperate on climate. The report has 90 pages."))
	s := Summarize(doc)
	if s.Sentences != 4 || s.Counts[Cooperation] != 1 || s.Counts[Competition] != 1 || s.Counts[Both] != 1 || s.Counts[Neutral] != 1 {
		t.Fatalf("counts %v", s.Counts)
	}
	if !s.HasBalance || s.Balance != 0 {
		t.Errorf("balance = %v (has %v), want 0", s.Balance, s.HasBalance)
	}
	if s.Shares[Neutral] != 0.25 {
		t.Errorf("neutral share %v", s.Shares[Neutral])
	}
	if want := 1000.0 / float64(len(doc.Tokens)); math.Abs(s.Per1000[Both]-want) > 1e-9 {
		t.Errorf("per-1000 both = %v, want %v", s.Per1000[Both], want)
	}
	if s.Label != Both {
		t.Errorf("label %s, want both", s.Label)
	}
	empty := Summarize(tag(makeDoc("The report has 90 pages.")))
	if empty.HasBalance || !math.IsNaN(empty.Balance) || empty.Label != Neutral {
		t.Errorf("no framed sentence: balance %v has %v label %s", empty.Balance, empty.HasBalance, empty.Label)
	}
	coop := Summarize(tag(makeDoc("China and the EU agreed to cooperate on standards. The report has 90 pages.")))
	if coop.Balance != 1 || coop.Label != Cooperation {
		t.Errorf("cooperation-only: balance %v label %s", coop.Balance, coop.Label)
	}
}

func TestSentenceActors(t *testing.T) {
	doc := tag(makeDoc("Washington and Beijing clashed over Huawei, said Xi Jinping and the US. Chips are scarce."))
	got := SentenceActors(doc, 0)
	want := []string{"China", "Huawei", "United States", "Xi Jinping"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("actors = %q, want %q", got, want)
	}
	if len(SentenceActors(doc, 1)) != 0 {
		t.Errorf("sentence 1 actors = %q", SentenceActors(doc, 1))
	}
}

func TestScore(t *testing.T) {
	gold := []string{Cooperation, Competition, Both, Neutral, Neutral}
	pred := []string{Cooperation, Competition, Both, Neutral, Cooperation}
	s := Score(gold, pred)
	if s.Accuracy != 0.8 {
		t.Errorf("accuracy %v", s.Accuracy)
	}
	// p_e = (1*2 + 1*1 + 1*1 + 2*1)/25 = 6/25; kappa = (0.8-0.24)/0.76
	if math.Abs(s.Kappa-(0.8-0.24)/0.76) > 1e-9 {
		t.Errorf("kappa %v", s.Kappa)
	}
	if f := s.PerClass[Cooperation].F1; math.Abs(f-2*0.5*1/(1.5)) > 1e-9 {
		t.Errorf("cooperation F1 %v", f)
	}
}

// tagBothWays tokenizes text, lets prepare add entities (may be nil), and
// runs the gazetteer and the tagger as two stages (want) and as one, the
// tagger running the gazetteer (got).
func tagBothWays(t *testing.T, text string, prepare func(doc *pipeline.Document)) (want, got *pipeline.Document) {
	t.Helper()
	tok, err := tokenize.New(tokenize.Options{})
	if err != nil {
		t.Fatal(err)
	}
	run := func(inTagger bool) *pipeline.Document {
		doc := &pipeline.Document{Text: text}
		if err := tok.Process(doc); err != nil {
			t.Fatal(err)
		}
		if prepare != nil {
			prepare(doc)
		}
		gaz := entities.New(testSet)
		tagger := New(testSet, Options{Model: testModel})
		stages := []pipeline.Stage{gaz, tagger}
		if inTagger {
			tagger.Gazetteer = gaz
			stages = []pipeline.Stage{tagger}
		}
		for _, s := range stages {
			if err := s.Process(doc); err != nil {
				t.Fatal(err)
			}
		}
		return doc
	}
	return run(false), run(true)
}

// TestGazetteerInTaggerWithNER: a document that already has statistical
// NER entities is tagged whole by the gazetteer before it is labelled, so
// the tagger running the gazetteer gives what the two stages give.
func TestGazetteerInTaggerWithNER(t *testing.T) {
	text := "Beijing's ministries said China and the EU will cooperate on 5G standards. " +
		"Acme Cooperation Council officials met in Brussels; the US tightened export controls on Nvidia chips."
	// NER entities: one inside a gazetteer name (dropped by the merge),
	// one a name the gazetteer does not know, holding a cue word.
	want, got := tagBothWays(t, text, func(doc *pipeline.Document) {
		for _, w := range []struct{ s, typ string }{{"China", "GPE"}, {"Acme Cooperation Council", "ORGANIZATION"}} {
			i := strings.Index(text, w.s)
			sent := 0
			for sent+1 < len(doc.Sentences) && doc.Sentences[sent+1].Start <= i {
				sent++
			}
			doc.Entities = append(doc.Entities, pipeline.Entity{Span: pipeline.Span{Start: i, End: i + len(w.s)}, Canonical: w.s, Type: w.typ, Source: "ner", Sent: sent})
		}
	})
	if !reflect.DeepEqual(got.Entities, want.Entities) || !reflect.DeepEqual(got.Evidence, want.Evidence) || !reflect.DeepEqual(got.Sentences, want.Sentences) {
		t.Errorf("gazetteer run by the tagger differs from separate stages:\n got  %+v\n%+v\n want %+v\n%+v", got.Entities, got.Evidence, want.Entities, want.Evidence)
	}
	if len(want.Entities) < 3 {
		t.Errorf("expected gazetteer and NER entities, got %+v", want.Entities)
	}
}

// TestGazetteerInTaggerDocumentRules checks the gazetteer rules that look
// beyond one match when the tagger runs the gazetteer sentence by sentence:
// "the bloc" resolved against a bloc named in an earlier sentence, actors
// inside longer names, and capitals read as governments or places.
func TestGazetteerInTaggerDocumentRules(t *testing.T) {
	text := "ASEAN ministers met in Jakarta on Monday. " +
		"The bloc agreed to cooperate with the U.S. Congress on data rules, and officials in Washington welcomed it. " +
		"Trump administration officials objected."
	want, got := tagBothWays(t, text, nil)
	if !reflect.DeepEqual(got.Entities, want.Entities) || !reflect.DeepEqual(got.Sentences, want.Sentences) {
		t.Errorf("gazetteer run by the tagger differs from separate stages:\n got  %+v\n want %+v", got.Entities, want.Entities)
	}
	found := map[string]string{}
	for _, e := range got.Entities {
		found[text[e.Start:e.End]] = e.Canonical
	}
	for surface, canonical := range map[string]string{
		"bloc": "ASEAN", "U.S.": "United States", "Congress": "Congress", "Washington": "United States", "Trump": "Donald Trump",
	} {
		if found[surface] != canonical {
			t.Errorf("%q tagged %q, want %q (all: %v)", surface, found[surface], canonical, found)
		}
	}
	if c, ok := found["Jakarta"]; ok {
		t.Errorf("Jakarta after \"met in\" is a place, tagged %q", c)
	}
}

// TestLabelGramsUnsupported: labelGrams answers neutral without summing the
// n-grams when no frame has a counted cue; check it against the general
// path (labelWith with the n-gram sums) on every cued sentence of the
// sample articles, and that such sentences occur (the test can fail).
func TestLabelGramsUnsupported(t *testing.T) {
	texts := benchTexts(&testing.B{})
	if len(texts) == 0 {
		t.Skip("no sample articles")
	}
	tok, err := tokenize.New(tokenize.Options{})
	if err != nil {
		t.Fatal(err)
	}
	gaz := entities.New(testSet)
	var sc scratch
	unsupported, cued := 0, 0
	for _, text := range texts {
		doc := &pipeline.Document{Text: text}
		if err := tok.Process(doc); err != nil {
			t.Fatal(err)
		}
		if err := gaz.Process(doc); err != nil {
			t.Fatal(err)
		}
		sc.groupEntities(doc)
		for si := range doc.Sentences {
			testTagger.sentence(doc, si, sc.sentenceWords(doc, si), &sc)
			if !sc.cued {
				continue
			}
			cued++
			if sc.feat[FCoopScore] <= 0 && sc.feat[FCompScore] <= 0 {
				unsupported++
			}
			want := testModel.labelWith(&sc.feat, testTagger.gramScores(&sc))
			if got := testTagger.labelGrams(doc, si, &sc); got != want {
				t.Fatalf("sentence %q: labelGrams %s, general path %s", doc.Text[doc.Sentences[si].Start:doc.Sentences[si].End], got, want)
			}
		}
	}
	if unsupported == 0 || unsupported == cued {
		t.Fatalf("%d of %d cued sentences without a counted cue: the test checks nothing", unsupported, cued)
	}
}

// TestHeadlineCapitals: in a title-case headline every longer word is
// capitalised, so the capitalisation rules must not take its cue words for
// names; in an ordinary sentence a capitalised cue in mid-sentence is still
// a name or title, and a sentence full of entity names is not a headline.
// The capital that opens a sentence does not make an event's cue a name.
func TestHeadlineCapitals(t *testing.T) {
	ignoredByCapitals := func(text, cue string) (found, ignored bool) {
		doc := tag(oneSentence(text))
		for _, e := range doc.Evidence {
			if strings.EqualFold(doc.SpanText(e.Span), cue) {
				found = true
				ignored = ignored || e.Ignored && (strings.Contains(e.Reason, "capitalised") || strings.Contains(e.Reason, "part of the name"))
			}
		}
		return found, ignored
	}
	for _, c := range []struct {
		text, cue   string
		wantIgnored bool
	}{
		{"Biotechnology and the Next Front in US-China Competition", "Competition", false},
		{"Europe in a World of Rivals: Speech at the University of Leipzig", "Rivals", false},
		{"Address to the Nation on Japan's Export Restrictions", "Export Restrictions", false},
		{"Beijing has also proposed a World AI Cooperation Organization to be headquartered in Shanghai.", "Cooperation", true},
		{"The United States, Japan and the Netherlands renewed the Technology Partnership Forum this week.", "Partnership", true},
		{"Trade wars have a way of landing on things you did not expect.", "Trade wars", false},
	} {
		found, ignored := ignoredByCapitals(c.text, c.cue)
		if !found {
			t.Errorf("%q: no evidence for %q", c.text, c.cue)
			continue
		}
		if ignored != c.wantIgnored {
			t.Errorf("%q: %q ignored as a name %v, want %v", c.text, c.cue, ignored, c.wantIgnored)
		}
	}
}

// checkCueNegated tags sentence and checks its evidence for cue (case
// ignored): present, negated as want, and with notIgnored never set aside.
func checkCueNegated(t *testing.T, sentence, cue string, negated, notIgnored bool) {
	t.Helper()
	doc := tag(oneSentence(sentence))
	found := false
	for _, e := range doc.Evidence {
		if !strings.EqualFold(doc.SpanText(e.Span), cue) {
			continue
		}
		found = true
		if notIgnored && e.Ignored {
			t.Errorf("%q: %s ignored: %s", sentence, cue, e.Reason)
		}
		if e.Negated != negated {
			t.Errorf("%q: %s negated %v, want %v", sentence, cue, e.Negated, negated)
		}
	}
	if !found {
		t.Errorf("%q: no evidence for %s: %+v", sentence, cue, doc.Evidence)
	}
}

// TestNegationAcrossAList: a negation reaches every item of a list
// separated by commas ("A, B or C", "A, B, or C"), not a clause joined by
// ", and".
func TestNegationAcrossAList(t *testing.T) {
	for _, s := range []string{
		"The ministers did not discuss sanctions, export controls or decoupling.",
		"The ministers did not discuss sanctions, export controls, or decoupling.",
	} {
		checkCueNegated(t, s, "export controls", true, true)
		checkCueNegated(t, s, "decoupling", true, true)
	}
	checkCueNegated(t, "The ministers did not discuss sanctions, and cooperation resumed.", "cooperation", false, true)
	checkCueNegated(t, "Beijing did not impose sanctions, but it tightened export controls.", "export controls", false, true)
}

// TestSentenceAdverbConcession: "Admittedly," or "To be sure," opening a
// sentence concedes the clause after it (rule 10's backdrop weight).
func TestSentenceAdverbConcession(t *testing.T) {
	for _, tc := range []struct{ sentence, cue string }{
		{"Admittedly, the rivalry between the two powers is real.", "rivalry"},
		{"To be sure, cooperation on climate continues.", "cooperation"},
	} {
		for _, e := range cueEvidence(t, tc.sentence, tc.cue) {
			if !strings.Contains(e.Reason, "backdrop after") {
				t.Errorf("%q: %s not conceded: %+v", tc.sentence, tc.cue, e)
			}
		}
	}
}

// TestMoreSpecificGlobWins: between one-word globs matching the same word,
// the one spelling more letters wins: "hackathon*" (another sense) over
// "hack*" (a cue).
func TestMoreSpecificGlobWins(t *testing.T) {
	doc := tag(oneSentence("A hackathon was held in Shenzhen."))
	if len(doc.Evidence) != 1 || doc.SpanText(doc.Evidence[0].Span) != "hackathon" || !doc.Evidence[0].Ignored || !strings.Contains(doc.Evidence[0].Reason, "other sense") {
		t.Errorf("want hackathon set aside as another sense: %+v", doc.Evidence)
	}
}

// TestEngageInIsNotEngagement: "engage in" an activity is another sense of
// the cue "engage" ("engage with Beijing" keeps it).
func TestEngageInIsNotEngagement(t *testing.T) {
	for _, tc := range []struct {
		sentence string
		ignored  bool
	}{
		{"Xi Jinping said China would never seek hegemony or engage in expansion.", true},
		{"The two firms engaged in fierce competition for the contract.", true},
		{"Washington should engage with Beijing on AI safety.", false},
	} {
		for _, e := range cueEvidence(t, tc.sentence, "engag") {
			if e.Ignored != tc.ignored {
				t.Errorf("%q: engage ignored %v, want %v (%s)", tc.sentence, e.Ignored, tc.ignored, e.Reason)
			}
		}
	}
}

// cueEvidence tags sentence alone and returns the evidence whose text
// starts with cue (case ignored); none is a test error.
func cueEvidence(t *testing.T, sentence, cue string) []pipeline.Evidence {
	t.Helper()
	doc := tag(oneSentence(sentence))
	var out []pipeline.Evidence
	for _, e := range doc.Evidence {
		if strings.HasPrefix(strings.ToLower(doc.SpanText(e.Span)), strings.ToLower(cue)) {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		t.Errorf("%q: no evidence for %s: %+v", sentence, cue, doc.Evidence)
	}
	return out
}

// TestNegatedPassiveAfterSubject: a cue that is its clause's subject is
// negated by a negated passive saying it came about, across a
// prepositional phrase; not by a negator verb (double negation), not when
// "but" follows, not by a participle that grades it, and not when a cue of
// the other frame follows.
func TestNegatedPassiveAfterSubject(t *testing.T) {
	for _, tc := range []struct {
		sentence, cue string
		negated       bool
	}{
		{"Cooperation on semiconductor supply chains was not pursued by either government.", "Cooperation", true},
		{"The partnership was never formalised by the two ministries.", "partnership", true},
		{"Sanctions were not imposed on the Chinese chipmaker.", "Sanctions", true},
		{"The export controls have not been enforced against Chinese subsidiaries in Malaysia.", "export controls", true},
		{"China's cooperation with Russia has never been formalised.", "cooperation", true},
		{"Sanctions were not lifted.", "Sanctions", false},
		{"Sanctions were not imposed by Washington but by Brussels.", "Sanctions", false},
		{"Our war against hunger will not be won in Delhi.", "war", false},
		{"Cooperation was not matched by rivalry.", "Cooperation", false},
		{"Cooperation was not limited to trade.", "Cooperation", false},
		{"Rising tariffs could hurt trade.", "tariffs", false},
		{"Beijing said that cooperation was not pursued.", "cooperation", true},
		{"Beijing has said that cooperation was not pursued.", "cooperation", true},
		{"Officials in Beijing have long insisted that cooperation was not pursued.", "cooperation", true},
		{"Officials have agreed to sanctions that were not imposed.", "sanctions", false},
		{"The agreement was never ratified by the European Parliament.", "ratified", true},
		{"Sanctions against the chipmaker have still not been imposed.", "Sanctions", true},
		{"Sanctions against the chipmaker have still not been imposed.", "against", true},
		{"Penalties against companies accused of dumping were not imposed.", "accused", false},
		{"Promised sanctions on the chipmaker have yet to be imposed.", "sanctions", true},
		{"The partnership was not formally established.", "partnership", true},
		{"Cooperation between the EU and China on chip standards was never pursued.", "Cooperation", true},
		{"Cooperation was not pursued because the rivalry had become too intense.", "Cooperation", true},
		{"Cooperation was not pursued because the rivalry had become too intense.", "rivalry", false},
		{"Cooperation was not pursued and the rivalry deepened.", "rivalry", false},
		{"Sanctions were not imposed until after the crackdown.", "Sanctions", false},
		{"Export controls on chips were not imposed lightly.", "Export controls", false},
		{"Sanctions were not imposed for political reasons.", "Sanctions", false},
		{"Cooperation with Beijing was not pursued at the expense of security.", "Cooperation", false},
		{"Cooperation on climate technology has not been expanded beyond pilots.", "Cooperation", false},
		{"The partnership, which had been announced with great fanfare in 2019, was never formalised.", "partnership", true},
		{"The partnership announced in 2019 was never formalised.", "partnership", true},
		{"The partnership, which was never formalised, still shapes trade.", "partnership", false},
		{"The partnership was never formalised, but trade between the two countries grew.", "partnership", true},
		{"Sanctions were not imposed by Washington, but by Brussels.", "Sanctions", false},
		{"Trade cooperation expanded in 2018 and was never formalised.", "cooperation", false},
		{"The agreement signed in 2019 was never implemented.", "signed", false},
		{"The agreement signed in 2019 was never implemented.", "agreement", true},
		{"Officials have said cooperation on chips was never pursued.", "cooperation", true},
		{"The joint venture was never set up.", "joint venture", true},
	} {
		checkCueNegated(t, tc.sentence, tc.cue, tc.negated, false)
	}
}

// TestCapitalAfterColon: a capitalised cue opening a sentence after a
// colon ("Answer: Cooperation between ...") counts; a title after a colon
// ("The book: Cooperation Under Anarchy, was widely read") is still a
// name.
func TestCapitalAfterColon(t *testing.T) {
	for _, tc := range []struct {
		sentence, cue string
		ignored       bool
	}{
		{"Answer: Cooperation between GLONASS and BeiDou has been under way for years.", "Cooperation", false},
		{"He put it plainly: Rivalry is the new normal.", "Rivalry", false},
		{"The book: Cooperation Under Anarchy, was widely read.", "Cooperation", true},
		{"Chapter 4: Cooperation in the Arctic is based on interviews with officials.", "Cooperation", true},
		{"Explainer: Cooperation Beijing and Moscow have pursued in space", "Cooperation", false},
		{"Answer: Cooperation with Chinese firms remains limited.", "Cooperation", false},
	} {
		for _, e := range cueEvidence(t, tc.sentence, tc.cue) {
			if e.Ignored != tc.ignored {
				t.Errorf("%q: %s ignored %v (%s), want %v", tc.sentence, tc.cue, e.Ignored, e.Reason, tc.ignored)
			}
		}
	}
}

// TestNegationScopeAudit: cases from the evidence audit of 2026-11-28.
// "yet" and "still" inside a predicate are adverbs, not contrasts; a
// negation does not reach into a "whether" clause, and "not ... until"
// says when, it does not deny; a negated doubt or hesitation cancels;
// "little" cooperation is hardly any; "never before" is emphatic.
func TestNegationScopeAudit(t *testing.T) {
	for _, tc := range []struct {
		sentence, cue string
		negated       bool
	}{
		{"The two sides have not yet signed a partnership agreement.", "partnership", true},
		{"Beijing has not yet retaliated.", "retaliated", true},
		{"The ministry did not say whether sanctions would be imposed on Huawei and ZTE.", "sanctions", false},
		{"The allies did not coordinate their export controls until last year.", "coordinate", false},
		{"No one doubts that the rivalry over semiconductors will intensify.", "rivalry", false},
		{"The United States has never hesitated to impose sanctions on Chinese firms.", "sanctions", false},
		{"There has been little cooperation between Brussels and Beijing on AI standards.", "cooperation", true},
		{"Never before has cooperation between the two space agencies been so close.", "cooperation", false},
		{"Washington did not lift the sanctions yet cooperation resumed.", "resumed", false},
		{"There will be no cooperation on climate until Washington lifts its sanctions.", "cooperation", true},
	} {
		checkCueNegated(t, tc.sentence, tc.cue, tc.negated, false)
	}
}

// TestNegatedDisregardAndDefiance: a negator that governs a verb of
// disregard asserts what is disregarded, and one before a coercion in the
// passive future is defiance: in neither is the cue negated. A coercion
// denied in the past, and a negation with no such verb, still negate.
func TestNegatedDisregardAndDefiance(t *testing.T) {
	for _, c := range []struct {
		sentence, cue string
		negated       bool
	}{
		{"Nor can we ignore the danger that American chips reach the Chinese army.", "danger", false},
		{"We do not ignore the rivalry between Washington and Beijing.", "rivalry", false},
		{"We must not underestimate the threat China poses to Taiwan.", "threat", false},
		{"Europe should never overlook the competition from Chinese carmakers.", "competition", false},
		{"The rivalry between the two powers must not be ignored.", "rivalry", false},
		{"We will not be intimidated by Beijing.", "intimidated", false},
		{"Australia won't be coerced by China.", "coerced", false},
		{"Australia was not coerced by China.", "coerced", true},
		{"We do not seek confrontation with China.", "confrontation", true},
		{"Cooperation on chips with China was not pursued.", "Cooperation", true},
		{"Vietnam will not be drawn into an alliance against another country.", "alliance", true},
	} {
		checkCueNegated(t, c.sentence, c.cue, c.negated, false)
	}
	for _, c := range []struct{ sentence, want string }{
		{"Nor can we ignore the danger that American chips reach the Chinese army.", Competition},
		{"We will not be intimidated by Beijing.", Competition},
		{"We must not underestimate the threat China poses to Taiwan.", Competition},
	} {
		if got := LabelOf(tag(oneSentence(c.sentence)).Sentences[0]); got != c.want {
			t.Errorf("%q: %s, want %s", c.sentence, got, c.want)
		}
	}
}

// TestEvidenceCountsFor: pipeline.Evidence.CountsFor, which kwic uses to say
// where a cue went, agrees with the scores: per sentence, the weights of the
// cues counting for each frame sum to CoopScore and CompScore. Negated cues
// change sides; ignored and zero-weight cues count for nothing.
func TestEvidenceCountsFor(t *testing.T) {
	texts := []string{
		"Beijing did not seek confrontation with Washington.",
		"The speech made no mention of rivalry with any foreign power.",
		"Exports rose on competitive prices and fast delivery.",
		"No joint statement was issued after Washington and Beijing met.",
		"Export controls may provoke retaliation from Beijing.",
		"While granting that tensions exist, the envoy insisted the dispute was manufactured.",
		"The two powers cooperate on climate science while competing fiercely over chips.",
		"China and ASEAN agreed to fight cyber threats together.",
	}
	seen := map[string]bool{}
	for _, text := range texts {
		doc := tag(oneSentence(text))
		sums := map[string]float64{}
		for i := range doc.Evidence {
			e := &doc.Evidence[i]
			f := e.CountsFor()
			sums[f] += e.Weight
			seen[fmt.Sprintf("%s negated=%v -> %q", e.Frame, e.Negated, f)] = true
		}
		s := doc.Sentences[0]
		if math.Abs(sums[Cooperation]-s.CoopScore) > 1e-9 || math.Abs(sums[Competition]-s.CompScore) > 1e-9 {
			t.Errorf("%q: cues sum to coop %v comp %v, scores %v %v", text, sums[Cooperation], sums[Competition], s.CoopScore, s.CompScore)
		}
	}
	for _, want := range []string{`competition negated=true -> "cooperation"`, `competition negated=true -> ""`, `competition negated=false -> ""`, `competition negated=false -> "competition"`, `cooperation negated=false -> "cooperation"`} {
		if !seen[want] {
			t.Errorf("no cue %s among %v", want, seen)
		}
	}
}
