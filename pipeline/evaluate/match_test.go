package evaluate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/formula"
)

// doc builds a document from sentences joined by sep, with frames.
func doc(id, sep string, sents []string, frames []string) *pipeline.Document {
	d := &pipeline.Document{ID: id}
	var b strings.Builder
	for i, s := range sents {
		if i > 0 {
			b.WriteString(sep)
		}
		start := b.Len()
		b.WriteString(s)
		d.Sentences = append(d.Sentences, pipeline.Sentence{Span: pipeline.Span{Start: start, End: b.Len()}, Frame: frames[i]})
	}
	d.Text = b.String()
	return d
}

func gold(t *testing.T, csv string) *Gold {
	t.Helper()
	g, err := ReadGold(strings.NewReader(csv), "g.csv")
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func run(t *testing.T, g *Gold, docs ...*pipeline.Document) *Result {
	t.Helper()
	m := NewMatcher(g)
	for _, d := range docs {
		if err := m.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	r, err := m.Result()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestMatcherKinds(t *testing.T) {
	// The system split "Talks resumed. In May." wrongly and joined two
	// sentences the coder kept apart.
	d1 := doc("d1", "  ", []string{
		"China and the EU signed a \u201cjoint\u201d plan.",
		"Talks resumed in Geneva.",
		"In May, the ministers met; the US imposed controls.",
		"The plan covers chips.",
		"The plan covers chips.",
	}, []string{"cooperation", "neutral", "competition", "neutral", "both"})
	d2 := doc("d2", "\n", []string{"Rivalry grew.", "Trade rose."}, []string{"competition", "neutral"})
	g := gold(t, `doc_id,sentence,label,note
d1,"China  and the EU signed a ""joint""
plan.",cooperation,curly quotes and white space differ
d1,"Talks resumed in Geneva. In May, the ministers met;",cooperation,spans two system sentences
d1,the US imposed controls.,competition,part of one system sentence
d1,The plan covers chips.,neutral,first duplicate
d1,The plan covers chips.,neutral,second duplicate
d2,Trade rose sharply.,neutral,not in the text
d9,Anything.,neutral,no such document
d2,covers,neutral,
d2,Rival,competition,inside a word: no match
`)
	r := run(t, g, d1, d2)
	want := []struct {
		kind   string
		sents  []int
		system string
		reason string
	}{
		{Exact, []int{0}, "cooperation", ""},
		{Span, []int{1, 2}, "competition", ""}, // neutral + competition
		{Part, []int{2}, "competition", ""},
		{Exact, []int{3}, "neutral", ""},
		{Exact, []int{4}, "both", ""},
		{"", nil, "", "sentence not found in document d2"},
		{"", nil, "", `no document with id "d9"`},
		{"", nil, "", "sentence not found in document d2"},
		{"", nil, "", "sentence not found in document d2"},
	}
	if len(r.Matches) != len(want) {
		t.Fatalf("%d matches", len(r.Matches))
	}
	for i, w := range want {
		m := r.Matches[i]
		if m.Kind != w.kind || fmt.Sprint(m.Sentences) != fmt.Sprint(w.sents) || m.System != w.system || !strings.Contains(m.Reason, w.reason) {
			t.Errorf("row %d (line %d): kind %q sents %v system %q reason %q; want %q %v %q %q",
				i, m.Row.Line, m.Kind, m.Sentences, m.System, m.Reason, w.kind, w.sents, w.system, w.reason)
		}
	}
	if r.Kinds != [4]int{0, 3, 1, 1} || r.Unmatched != 4 || r.Matched() != 5 {
		t.Errorf("kinds %v unmatched %d", r.Kinds, r.Unmatched)
	}
	// Scored: coop/coop, coop/comp, comp/comp, neut/neut, neut/both.
	if r.Metrics.N != 5 || r.Metrics.Agree != 3 {
		t.Errorf("N %d agree %d", r.Metrics.N, r.Metrics.Agree)
	}
	dis := r.Disagreements()
	if len(dis) != 2 || dis[0].Row.Line != 4 || dis[1].Row.Line != 7 {
		t.Errorf("disagreements %+v", dis)
	}
	// The span's matched bytes map back to the original text.
	sp := r.Matches[1].Span
	if got := d1.Text[sp.Start:sp.End]; got != "Talks resumed in Geneva.  In May, the ministers met;" {
		t.Errorf("span text %q", got)
	}
	if got := len(r.UnmatchedRows()); got != 4 {
		t.Errorf("UnmatchedRows = %d", got)
	}
}

func TestMatcherByIndex(t *testing.T) {
	d := doc("d1", " ", []string{"A b.", "C d.", "E f."}, []string{"neutral", "both", "cooperation"})
	d.Evidence = []pipeline.Evidence{{Span: pipeline.Span{Start: 5, End: 6}, Frame: "cooperation", Sent: 1, Negated: true}}
	g := gold(t, "doc_id,index,sentence,label\nd1,1,C d.,both\nd1,2,Something else.,neutral\nd1,7,,neutral\nd1,,A b.,competition\n")
	r := run(t, g, d)
	m := r.Matches
	if m[0].Kind != ByIndex || m[0].System != "both" || m[0].TextDiffers || m[0].Cues != "C (cooperation, negated)" {
		t.Errorf("row 1: %+v", m[0])
	}
	if m[1].Kind != ByIndex || !m[1].TextDiffers || m[1].System != "cooperation" {
		t.Errorf("row 2: %+v", m[1])
	}
	if m[2].Matched() || !strings.Contains(m[2].Reason, "has 3 sentences, no sentence 7") {
		t.Errorf("row 3: %+v", m[2])
	}
	if m[3].Kind != Exact || m[3].System != "neutral" {
		t.Errorf("row 4 (blank index falls back to text): %+v", m[3])
	}
	if r.TextDiffers != 1 || r.Kinds[0] != 2 || r.Kinds[1] != 1 {
		t.Errorf("counts %+v", r)
	}
}

func TestMatcherSentenceOnly(t *testing.T) {
	d1 := doc("d1", " ", []string{"Alpha one. Beta two.", "Gamma."}, []string{"competition", "neutral"})
	d2 := doc("d2", " ", []string{"Beta two.", "Delta."}, []string{"cooperation", "neutral"})
	g := gold(t, "sentence,label\nBeta two.,cooperation\nDelta.,neutral\nOmega.,both\n")
	r := run(t, g, d1, d2)
	// "Beta two." is part of a d1 sentence but an exact sentence of d2: the
	// exact match wins.
	if m := r.Matches[0]; m.Kind != Exact || m.DocID != "d2" || m.System != "cooperation" {
		t.Errorf("row 1: %+v", m)
	}
	if m := r.Matches[1]; m.Kind != Exact || m.DocID != "d2" {
		t.Errorf("row 2: %+v", m)
	}
	if m := r.Matches[2]; m.Matched() || m.Reason != "sentence not found in any document" {
		t.Errorf("row 3: %+v", m)
	}
}

func TestMatcherNeedsFrames(t *testing.T) {
	d := doc("d1", " ", []string{"A."}, []string{""})
	m := NewMatcher(gold(t, "doc_id,sentence,label\nd1,A.,neutral\n"))
	if err := m.Add(d); err == nil || !strings.Contains(err.Error(), "framing stage did not run") {
		t.Errorf("err = %v", err)
	}
}

func TestNormalizeMap(t *testing.T) {
	cases := []struct{ in, want string }{
		{"  a\u00a0 b\t\nc ", "a b c"},
		{"\u201cQuoted\u201d \u2018x\u2019", `"Quoted" 'x'`},
		{"", ""},
	}
	for _, c := range cases {
		got, st, en := normalizeMap(c.in)
		if got != c.want {
			t.Errorf("normalize(%q) = %q, want %q", c.in, got, c.want)
		}
		if len(st) != len(got) || len(en) != len(got) {
			t.Errorf("map lengths %d %d for %d bytes", len(st), len(en), len(got))
		}
		for j := range st {
			if st[j] > en[j] || en[j] > len(c.in) {
				t.Errorf("bad map at %d: %d-%d", j, st[j], en[j])
			}
		}
	}
}

func TestCombineFrames(t *testing.T) {
	cases := []struct {
		in   []string
		want string
	}{
		{[]string{"neutral", "neutral"}, "neutral"},
		{[]string{"neutral", "cooperation"}, "cooperation"},
		{[]string{"competition", "neutral"}, "competition"},
		{[]string{"competition", "cooperation"}, "both"},
		{[]string{"both", "neutral"}, "both"},
	}
	for _, c := range cases {
		if got := CombineFrames(c.in); got != c.want {
			t.Errorf("CombineFrames(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

// A row coding a sentence an earlier row coded is left out of the scores
// and listed, by doc_id + index and by matched text alike.
func TestMatcherDuplicates(t *testing.T) {
	d1 := doc("d1", " ", []string{"A b.", "C d.", "E f, g h.", "A b."}, []string{"neutral", "both", "cooperation", "competition"})
	d2 := doc("d2", " ", []string{"Delta."}, []string{"neutral"})
	cases := []struct {
		name   string
		csv    string
		scored int      // rows left in Matches
		dups   []string // "line: message"
	}{
		{"same doc_id and index", "doc_id,index,label\nd1,1,both\nd1,2,neutral\nd1,1,competition\nd1,1,both\n", 2, []string{
			"4: duplicate of line 2 (doc d1, sentence 1): left out of the scores; the labels differ (competition here, both on line 2, which is scored)",
			"5: duplicate of line 2 (doc d1, sentence 1): left out of the scores"}},
		{"same index, unmatched", "doc_id,index,label\nd1,9,neutral\nd1,9,neutral\nd9,0,both\nd9,0,both\n", 2, []string{
			"3: duplicate of line 2 (doc d1, sentence 9): left out of the scores",
			"5: duplicate of line 4 (doc d9, sentence 0): left out of the scores"}},
		{"same text in the same document", "doc_id,sentence,label\nd1,C d.,both\nd1,\" C  d. \",neutral\nd2,Delta.,neutral\n", 2, []string{
			"3: duplicate of line 2 (doc d1, sentence 1): left out of the scores; the labels differ (neutral here, both on line 2, which is scored)"}},
		{"index row and text row of one sentence", "doc_id,index,sentence,label\nd1,1,C d.,both\nd1,,C d.,both\n", 1, []string{
			"3: duplicate of line 2 (doc d1, sentence 1): left out of the scores"}},
		{"sentence column only", "sentence,label\nDelta.,neutral\nE f,cooperation\nDelta.,neutral\nE f,cooperation\n", 2, []string{
			"4: duplicate of line 2 (doc d2, sentence 0): left out of the scores",
			"5: duplicate of line 3 (doc d1, sentence 2): left out of the scores"}},
		// A part of a sentence and the whole sentence, in either order,
		// by index or by exact text: the first row is kept.
		{"whole by index, then a part", "doc_id,index,sentence,label\nd1,2,,cooperation\nd1,,E f,neutral\n", 1, []string{
			"3: duplicate of line 2 (doc d1, sentence 2): left out of the scores; the labels differ (neutral here, cooperation on line 2, which is scored)"}},
		{"whole by text, then a part", "doc_id,sentence,label\nd1,\"E f, g h.\",cooperation\nd1,g h.,cooperation\n", 1, []string{
			"3: duplicate of line 2 (doc d1, sentence 2): left out of the scores"}},
		{"two parts, then the whole by index and by text", "doc_id,index,sentence,label\nd1,,E f,both\nd1,,g h.,both\nd1,2,,both\nd1,,\"E f, g h.\",neutral\n", 2, []string{
			"4: duplicate of line 2 (doc d1, sentence 2): left out of the scores",
			"5: duplicate of line 2 (doc d1, sentence 2): left out of the scores; the labels differ (neutral here, both on line 2, which is scored)"}},
		{"sentence column only, part then whole", "sentence,label\nE f,cooperation\n\"E f, g h.\",cooperation\n", 1, []string{
			"3: duplicate of line 2 (doc d1, sentence 2): left out of the scores"}},
		// Not duplicates: a sentence that occurs twice in the document is
		// coded twice (each row takes the next occurrence), two parts of
		// one system sentence, and rows that match nothing.
		{"repeated sentence, parts, unmatched", "doc_id,sentence,label\nd1,A b.,neutral\nd1,A b.,competition\nd1,E f,both\nd1,g h.,both\nd1,Zzz.,both\nd1,Zzz.,both\n", 6, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, gold(t, c.csv), d1, d2)
			var got []string
			for _, d := range r.Duplicates {
				got = append(got, fmt.Sprintf("%d: %s", d.Row.Line, d.Message()))
			}
			if strings.Join(got, "\n") != strings.Join(c.dups, "\n") {
				t.Errorf("duplicates\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.dups, "\n"))
			}
			if len(r.Matches) != c.scored {
				t.Errorf("%d rows scored, want %d", len(r.Matches), c.scored)
			}
			if r.Matched()+len(r.Duplicates) > len(r.Gold.Rows) || r.Metrics.N != r.Matched() {
				t.Errorf("metrics N %d, matched %d, duplicates %d, gold rows %d", r.Metrics.N, r.Matched(), len(r.Duplicates), len(r.Gold.Rows))
			}
		})
	}
}

func TestNumericID(t *testing.T) {
	for id, want := range map[string]bool{"1": true, "45296": true, "1.5": true, "-3": true, "": false, "a1": false, "001x": false, "1.2.3": false, "-": false} {
		if got := numericID(id); got != want {
			t.Errorf("numericID(%q) = %v", id, got)
		}
	}
}

// TestSameSheetText: a sentence read back from techframe's own coding
// sheet matches its system sentence though the sheet cut it at Excel's
// cell limit or replaced a control character; a different or longer text
// does not.
func TestSameSheetText(t *testing.T) {
	long := strings.Repeat("China and the EU cooperate. ", 2000) // over 32,767 characters
	cell, cut := formula.CellText(long)
	if !cut {
		t.Fatal("the test text is not long enough to be cut")
	}
	ctrl := "Beijing\x01 said\fno."
	ctrlCell, _ := formula.CellText(ctrl)
	for _, tc := range []struct {
		gold, system string
		same         bool
	}{
		{"A  b.", "A b.", true},
		{cell, long, true},
		{ctrlCell, ctrl, true},
		{cell, "Something else " + long, false},
		{strings.Repeat("x", 10) + formula.TruncationMarker, "y" + strings.Repeat("x", 10), false},
		{"Other.", ctrl, false},
		{formula.TruncationMarker, "Any sentence at all.", false},
	} {
		if got := sameSheetText(tc.gold, tc.system); got != tc.same {
			t.Errorf("sameSheetText(%.40q, %.40q) = %v, want %v", tc.gold, tc.system, got, tc.same)
		}
	}
}

// A row whose index and text disagree is matched by its text when exactly
// one sentence of the document has it, also when the index is out of
// range; otherwise, and when the text is blank, by its index as before.
func TestMatcherTextBeatsWrongIndex(t *testing.T) {
	d := doc("d1", " ", []string{
		"China and the EU signed a pact.",
		"Washington imposed export controls.",
		"Trade rose.",
		"Trade rose.",
		"Ministers met.",
	}, []string{"cooperation", "competition", "neutral", "neutral", "neutral"})
	g := gold(t, "doc_id,index,sentence,label\n"+
		"d1,0,Washington imposed  export controls.,competition\n"+ // wrong index: sentence 1
		"d1,999,China and the EU signed a pact.,cooperation\n"+ // out of range: sentence 0
		"d1,2,Nothing like it.,neutral\n"+ // text nowhere: index, text differs
		"d1,4,Trade rose.,neutral\n"+ // text in two sentences: index
		"d1,3,,neutral\n"+ // no text: index
		"d1,998,Nothing like it.,neutral\n") // neither: unmatched
	res := run(t, g, d)
	want := []struct {
		kind       string
		sent       int
		wrong, dif bool
	}{
		{Exact, 1, true, false},
		{Exact, 0, true, false},
		{ByIndex, 2, false, true},
		{ByIndex, 4, false, true},
		{ByIndex, 3, false, false},
		{"", 0, false, false},
	}
	for i, w := range want {
		m := res.Matches[i]
		if m.Kind != w.kind || m.IndexWrong != w.wrong || m.TextDiffers != w.dif || (w.kind != "" && m.Sentences[0] != w.sent) {
			t.Errorf("line %d: kind %q sentences %v index wrong %v text differs %v; want %q %d %v %v", m.Row.Line, m.Kind, m.Sentences, m.IndexWrong, m.TextDiffers, w.kind, w.sent, w.wrong, w.dif)
		}
	}
	if res.IndexWrong != 2 || res.TextDiffers != 2 || res.Unmatched != 1 {
		t.Errorf("counts: index wrong %d, text differs %d, unmatched %d", res.IndexWrong, res.TextDiffers, res.Unmatched)
	}
	if msg := res.Matches[0].IndexMessage(); msg != "index 0 is wrong: the row's sentence text is sentence 1 of d1, which is scored" {
		t.Errorf("message %q", msg)
	}
	if res.Metrics.Agree != 5 {
		t.Errorf("agree %d, want 5 (every matched row scored against its text's sentence)", res.Metrics.Agree)
	}
}
