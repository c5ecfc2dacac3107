package evaluate

import (
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
)

func TestPathMatch(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"bom.txt", "corpus/bom.txt", true},
		{"corpus/bom.txt", "bom.txt", true},
		{"./corpus/bom.txt", "corpus//bom.txt", true},
		{`corpus\bom.txt`, "/home/me/corpus/bom.txt", true},
		{"om.txt", "corpus/bom.txt", false}, // not on a '/' boundary
		{"a/bom.txt", "b/bom.txt", false},   // only the file name in common
		{"", "bom.txt", false},
	}
	for _, c := range cases {
		if got := PathMatch(c.a, c.b); got != c.want {
			t.Errorf("PathMatch(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// A sheet drawn from a folder ("bom.txt") and read back with the files
// named one by one ("corpus/bom.txt"), or the other way round, matches its
// documents by path; an exact id wins wherever it comes; two documents
// that both match by path name none.
func TestMatcherDocIDByPath(t *testing.T) {
	g := gold(t, "doc_id,index,sentence,label\n"+
		"bom.txt,1,,competition\n"+
		"bom.txt,0,,cooperation\n"+
		"corpus/crlf.txt,0,,neutral\n"+
		"x.txt,0,,neutral\n"+
		"exact.txt,0,,neutral\n"+
		"other/long.txt,0,,neutral\n")
	two := []string{"China and the EU signed a pact.", "Washington imposed export controls."}
	res := run(t, g,
		doc("corpus/bom.txt", " ", two, []string{"cooperation", "competition"}),
		doc("crlf.txt", " ", two, []string{"neutral", "neutral"}),
		doc("a/x.txt", " ", two, []string{"neutral", "neutral"}),
		doc("b/x.txt", " ", two, []string{"neutral", "neutral"}),
		doc("corpus/exact.txt", " ", two, []string{"competition", "neutral"}),
		doc("exact.txt", " ", two, []string{"neutral", "neutral"}),
		doc("corpus/long.txt", " ", two, []string{"neutral", "neutral"}))
	if res.Matched() != 4 {
		t.Fatalf("matched %d rows, want 4: %+v", res.Matched(), res.Matches)
	}
	wantDoc := map[int]string{2: "corpus/bom.txt", 3: "corpus/bom.txt", 4: "crlf.txt", 6: "exact.txt"}
	for _, m := range res.Matches {
		if w := wantDoc[m.Row.Line]; w != "" {
			if m.DocID != w || !m.Agrees() {
				t.Errorf("line %d: matched %q (%s, system %s), want %q", m.Row.Line, m.DocID, m.Kind, m.System, w)
			}
		}
	}
	unmatched := map[int]string{}
	for _, m := range res.UnmatchedRows() {
		unmatched[m.Row.Line] = m.Reason
	}
	if r := unmatched[5]; !strings.Contains(r, `2 match it by path ("a/x.txt", "b/x.txt")`) {
		t.Errorf("line 5 (ambiguous): reason %q", r)
	}
	if r := unmatched[7]; !strings.Contains(r, `no document with id "other/long.txt"`) || !strings.Contains(r, `nearest: "corpus/long.txt"`) {
		t.Errorf("line 7 (same file name only): reason %q", r)
	}
	want := []PathIDs{{"bom.txt", "corpus/bom.txt", 2}, {"corpus/crlf.txt", "crlf.txt", 1}}
	if len(res.ByPath) != 2 || res.ByPath[0] != want[0] || res.ByPath[1] != want[1] {
		t.Errorf("ByPath = %+v, want %+v", res.ByPath, want)
	}
	msg := DescribePathIDs(res.ByPath)
	if !strings.HasPrefix(msg, `3 rows matched by file path: the sheet's doc_id "bom.txt" is the input's "corpus/bom.txt" (and 1 more doc_ids alike)`) {
		t.Errorf("message %q", msg)
	}
}

// Rows with sentence text and no index match by path too.
func TestMatcherTextRowsByPath(t *testing.T) {
	g := gold(t, "doc_id,sentence,label\nbom.txt,Washington imposed export controls.,competition\n")
	res := run(t, g, doc("corpus/bom.txt", " ", []string{"China and the EU signed a pact.", "Washington imposed export controls."}, []string{"cooperation", "competition"}))
	if res.Matched() != 1 || res.Matches[0].Kind != Exact || res.Matches[0].Sentences[0] != 1 {
		t.Fatalf("got %+v", res.Matches)
	}
}

func TestSentenceLookupByPath(t *testing.T) {
	g := gold(t, "doc_id,index,label\nbom.txt,1,competition\nx.txt,0,neutral\n")
	l := NewSentenceLookup()
	for _, r := range g.Rows {
		l.Want(r)
	}
	two := []string{"China and the EU signed a pact.", "Washington imposed export controls."}
	l.Add(doc("corpus/bom.txt", " ", two, []string{"", ""}))
	l.Add(doc("a/x.txt", " ", two, []string{"", ""}))
	l.Add(doc("b/x.txt", " ", two, []string{"", ""}))
	if text, reason := l.Text(g.Rows[0]); text != two[1] || reason != "" {
		t.Errorf("bom.txt,1: %q, %q", text, reason)
	}
	if text, reason := l.Text(g.Rows[1]); text != "" || !strings.Contains(reason, "2 match it by path") {
		t.Errorf("x.txt,0 (ambiguous): %q, %q", text, reason)
	}
	if bp := l.TakeByPath(); len(bp) != 1 || bp[0] != (PathIDs{"bom.txt", "corpus/bom.txt", 1}) {
		t.Errorf("ByPath = %+v", bp)
	}
	if bp := l.TakeByPath(); bp != nil {
		t.Errorf("second TakeByPath = %+v, want nil", bp)
	}
}

// One document that two sheet ids both equal by path (a run over one of
// the sheet's folders: "2023/report.txt" and "2024/report.txt" both
// shorten to "report.txt") is neither's; nor is a document another row
// names exactly.
func TestMatcherDocClaimedTwiceByPath(t *testing.T) {
	g := gold(t, "doc_id,index,sentence,label\n"+
		"2023/report.txt,0,,cooperation\n"+
		"2024/report.txt,0,,competition\n"+
		"a/exact.txt,0,,neutral\n"+
		"exact.txt,0,,neutral\n")
	two := []string{"The US tightened export controls.", "Talks went on."}
	res := run(t, g,
		doc("report.txt", " ", two, []string{"competition", "neutral"}),
		doc("exact.txt", " ", two, []string{"neutral", "neutral"}))
	if res.Matched() != 1 {
		t.Fatalf("matched %d rows, want only line 5 (exact.txt): %+v", res.Matched(), res.Matches)
	}
	for _, m := range res.Matches {
		if m.Reason == "" && (m.Row.Line != 5 || m.DocID != "exact.txt") {
			t.Errorf("line %d matched %q, want only line 5 matched (exact.txt)", m.Row.Line, m.DocID)
		}
	}
	unmatched := map[int]string{}
	for _, m := range res.UnmatchedRows() {
		unmatched[m.Row.Line] = m.Reason
	}
	if r := unmatched[2]; !strings.Contains(r, `"report.txt" matches it by path, but so it does "2024/report.txt"`) {
		t.Errorf("line 2: reason %q", r)
	}
	if r := unmatched[3]; !strings.Contains(r, `but so it does "2023/report.txt"`) {
		t.Errorf("line 3: reason %q", r)
	}
	if r := unmatched[4]; !strings.Contains(r, "another row names that document exactly") {
		t.Errorf("line 4: reason %q", r)
	}
}

// SheetTexts finds a sentence by its text as a sheet writes it: white
// space and a spreadsheet cell's escaping do not matter, and a text two
// sentences share names neither.
func TestSheetTextsFind(t *testing.T) {
	sents := []string{"China and the EU signed a pact.", "=SUM(1) is not a formula here.", "Talks went on.", "Talks went on."}
	text := strings.Join(sents, " ")
	d := &pipeline.Document{ID: "d", Text: text}
	at := 0
	for _, s := range sents {
		d.Sentences = append(d.Sentences, pipeline.Sentence{Span: pipeline.Span{Start: at, End: at + len(s)}})
		at += len(s) + 1
	}
	st := NewSheetTexts(d)
	for _, c := range []struct {
		index int
		text  string
		want  int
		wrong bool
	}{
		{0, "China  and the EU\nsigned a pact.", 0, false},
		{5, "China and the EU signed a pact.", 0, true},
		{0, "=SUM(1) is not a formula here.", 1, true},
		{0, "Talks went on.", 0, false},  // shared by two sentences: the index stands
		{9, "Talks went on.", -1, false}, // and past the end nothing is found
		{2, "", 2, false},
	} {
		if got, wrong := SheetSentence(st, c.index, c.text); got != c.want || wrong != c.wrong {
			t.Errorf("SheetSentence(%d, %q) = %d, %v; want %d, %v", c.index, c.text, got, wrong, c.want, c.wrong)
		}
	}
}
