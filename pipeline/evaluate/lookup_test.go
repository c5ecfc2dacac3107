package evaluate

import (
	"strings"
	"testing"
)

// An index-only sheet's rows get the text of the sentence their doc_id and
// index name; a row that names no sentence of the inputs gets the reason
// evaluate gives for it.
func TestSentenceLookup(t *testing.T) {
	g := gold(t, "doc_id,index,label\n"+
		"a,0,cooperation\n"+
		"a,2,competition\n"+
		"b,1,neutral\n"+
		"a,5,neutral\n"+
		"zz,0,both\n"+
		"007,0,both\n")
	l := NewSentenceLookup()
	for _, r := range g.Rows {
		if !r.NeedsText() {
			t.Fatalf("line %d: an index-only row should need its text", r.Line)
		}
		l.Want(r)
	}
	if n := l.Wanted(); n != 6 {
		t.Errorf("wanted %d sentences, want 6", n)
	}
	l.Add(doc("a", " ", []string{"China and Brazil signed a pact.", "Trade rose.", "Washington sees a rival."}, []string{"", "", ""}))
	l.Add(doc("b", "\n\n", []string{"A headline", "Ministers met in Jakarta."}, []string{"", ""}))
	l.Add(doc("c", " ", []string{"Nobody asked for this one."}, []string{""}))
	cases := []struct {
		line         int
		text, reason string
	}{
		{2, "China and Brazil signed a pact.", ""},
		{3, "Washington sees a rival.", ""},
		{4, "Ministers met in Jakarta.", ""},
		{5, "", "document a has 3 sentences, no sentence 5"},
		{6, "", `no document with id "zz" in the inputs`},
		{7, "", "a spreadsheet may have turned the id into a number"},
	}
	for i, c := range cases {
		r := g.Rows[i]
		if r.Line != c.line {
			t.Fatalf("row %d is line %d, want %d", i, r.Line, c.line)
		}
		text, reason := l.Text(r)
		if text != c.text || (c.reason == "") != (reason == "") || !strings.Contains(reason, c.reason) {
			t.Errorf("line %d: text %q reason %q; want %q and a reason with %q", c.line, text, reason, c.text, c.reason)
		}
	}
	// A row with its text needs no lookup; one without an index names no
	// sentence.
	if (GoldRow{Sentence: " x "}).NeedsText() || !(GoldRow{Sentence: " \t"}).NeedsText() {
		t.Error("NeedsText is wrong about blank and non-blank text")
	}
	if _, reason := l.Text(GoldRow{DocID: "a", Index: -1}); reason == "" {
		t.Error("a row without an index got a sentence")
	}
}
