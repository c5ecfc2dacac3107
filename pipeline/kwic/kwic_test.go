package kwic

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/tokenize"
)

func doc(id string, seq int, text string) *pipeline.Document {
	d := &pipeline.Document{ID: id, Seq: seq, Text: text}
	pos, sent := 0, 0
	for _, w := range strings.Split(text, " ") {
		if w != "" {
			d.Tokens = append(d.Tokens, pipeline.Token{Span: pipeline.Span{Start: pos, End: pos + len(w)}, Norm: strings.ToLower(w), Sent: sent})
			if w == "." {
				sent++
			}
		}
		pos += len(w) + 1
	}
	return d
}

// tokenized is text as the real tokenizer splits it (document id "a").
func tokenized(t *testing.T, text string) *pipeline.Document {
	t.Helper()
	tk, err := tokenize.New(tokenize.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := &pipeline.Document{ID: "a", Text: text}
	if err := tk.Process(d); err != nil {
		t.Fatal(err)
	}
	return d
}

func matches(t *testing.T, pat string, d *pipeline.Document) []string {
	t.Helper()
	p, err := Compile(pat)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range p.Find(d) {
		out = append(out, d.Text[h.Span.Start:h.Span.End])
	}
	return out
}

func TestFind(t *testing.T) {
	d := doc("a", 0, "China seeks Competitive export controls . Export controls compete with competition .")
	d.Entities = []pipeline.Entity{{Span: pipeline.Span{Start: 0, End: 5}, Canonical: "China", Type: "STATE_ACTOR"}}
	d.Evidence = []pipeline.Evidence{
		{Span: pipeline.Span{Start: 12, End: 23}, Frame: "competition", Ignored: true},
		{Span: pipeline.Span{Start: 71, End: 82}, Frame: "competition", Sent: 1},
	}
	cases := []struct {
		pat  string
		want []string
	}{
		{"export", []string{"export", "Export"}},
		{"EXPORT CONTROLS", []string{"export controls", "Export controls"}},
		{"compet*", []string{"Competitive", "compete", "competition"}},
		{"*tion", []string{"competition"}},
		{"c*t*e", []string{"Competitive", "compete"}},
		{"controls .", []string{"controls ."}},
		{". export", nil}, // crosses a sentence boundary
		{"frame:competition", []string{"competition"}},
		{"entity:state_actor", []string{"China"}},
		{"actor:china", []string{"China"}},
		{"actor:EU", nil},
	}
	for _, c := range cases {
		if got := matches(t, c.pat, d); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.pat, got, c.want)
		}
	}
	for _, bad := range []string{"", "  ", "frame:", "actor: "} {
		if _, err := Compile(bad); !errors.Is(err, pipeline.ErrUsage) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestLinesAndSort(t *testing.T) {
	d1 := doc("one", 0, "the zebra chips race\nwith   allies")
	d2 := doc("two", 1, "an apple chips ban")
	p, _ := Compile("chips")
	var lines []Line
	lines = append(lines, Lines(d1, p.Find(d1), 2)...)
	lines = append(lines, Lines(d2, p.Find(d2), 1)...)
	want := []Line{
		{DocID: "one", Seq: 0, Start: 10, End: 15, Left: "the zebra", Match: "chips", Right: "race with allies"}, // "race\nwith" is one token here
		{DocID: "two", Seq: 1, Start: 9, End: 14, Left: "apple", Match: "chips", Right: "ban"},
	}
	if !reflect.DeepEqual(lines, want) {
		t.Fatalf("got %+v\nwant %+v", lines, want)
	}
	if err := Sort(lines, "left"); err != nil || lines[0].DocID != "two" { // "apple" < "zebra the"
		t.Errorf("left sort: %+v", lines)
	}
	Sort(lines, "right") // "ban" < "race with"
	if lines[0].DocID != "two" {
		t.Errorf("right sort: %+v", lines)
	}
	Sort(lines, "doc")
	if lines[0].DocID != "one" {
		t.Errorf("doc sort: %+v", lines)
	}
	if err := Sort(lines, "middle"); !errors.Is(err, pipeline.ErrUsage) {
		t.Errorf("bad sort: %v", err)
	}
	// at the edges of a document there is no context
	d3 := doc("three", 2, "chips")
	if l := Lines(d3, p.Find(d3), 5); len(l) != 1 || l[0].Left != "" || l[0].Right != "" {
		t.Errorf("edge: %+v", l)
	}
}

func TestFit(t *testing.T) {
	cases := []struct {
		s        string
		w        int
		fromLeft bool
		want     string
	}{
		{"short", 10, true, "short"},
		{"abcdefghij", 5, true, "…ghij"},
		{"abcdefghij", 5, false, "abcd…"},
		{"中国的芯片产业", 4, true, "…片产业"},
	}
	for _, c := range cases {
		if got := Fit(c.s, c.w, c.fromLeft); got != c.want {
			t.Errorf("Fit(%q,%d,%v) = %q, want %q", c.s, c.w, c.fromLeft, got, c.want)
		}
	}
}

func FuzzCompileFind(f *testing.F) {
	f.Add("compet*", "China competes . with * chips")
	f.Add("**a*", "aaa")
	f.Add("frame:x", "y")
	f.Fuzz(func(t *testing.T, pat, text string) {
		p, err := Compile(pat)
		if err != nil {
			return
		}
		d := doc("f", 0, text)
		for _, l := range Lines(d, p.Find(d), 3) {
			if l.Start < 0 || l.End > len(text) || l.Start > l.End {
				t.Fatalf("bad line %+v", l)
			}
		}
	})
}

// TestFindUnicodeForms: a pattern finds a word however either side encodes
// it (precomposed or combining accents, soft hyphens), through the
// tokenizer's normal form.
func TestFindUnicodeForms(t *testing.T) {
	d := tokenized(t, "The de\u0301tente held. Co\u00adoperation grew. A d\u00e9tente again.")
	for _, c := range []struct {
		pat  string
		want []string
	}{
		{"d\u00e9tente", []string{"de\u0301tente", "d\u00e9tente"}},
		{"de\u0301tente", []string{"de\u0301tente", "d\u00e9tente"}},
		{"cooperation", []string{"Co\u00adoperation"}},
		{"D\u00c9TENTE held", []string{"de\u0301tente held"}},
	} {
		if got := matches(t, c.pat, d); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.pat, got, c.want)
		}
	}
}

// TestFrameLinesCarryTheCue: a frame: line says how its cue was taken
// (audit: "did not seek confrontation" was listed under frame:competition
// with nothing to say it was negated and its sentence labelled
// cooperation). frame:X lists the cues of X's lexicon, negated ones
// included; SetCounted lists those that counted for X.
func TestFrameLinesCarryTheCue(t *testing.T) {
	d := doc("fr", 0, "firm offers competitive prices . Beijing did not seek confrontation . rivalry may deepen . no mention of rivalry .")
	d.Sentences = []pipeline.Sentence{{Frame: "neutral"}, {Frame: "cooperation"}, {Frame: "competition"}, {Frame: "neutral"}}
	span := func(from int, w string) pipeline.Span {
		i := strings.Index(d.Text[from:], w) + from
		return pipeline.Span{Start: i, End: i + len(w)}
	}
	rival := span(0, "rivalry")
	d.Evidence = []pipeline.Evidence{
		{Span: span(0, "competitive"), Term: "competitive", Frame: "competition", Lexicon: "lex.tsv", Line: 3, Ignored: true, Sent: 0},
		{Span: span(0, "confrontation"), Term: "confrontation*", Frame: "competition", Lexicon: "lex.tsv", Line: 7, Weight: 0.96, Negated: true, Sent: 1},
		{Span: rival, Term: "rival*", Frame: "competition", Lexicon: "lex.tsv", Line: 9, Weight: 0.6, Hedged: true, Sent: 2},
		{Span: span(rival.End, "rivalry"), Term: "rival*", Frame: "competition", Lexicon: "lex.tsv", Line: 9, Weight: 0, Negated: true, Sent: 3},
	}
	confrontation := Cue{Frame: "competition", CountsFor: "cooperation", Negated: true, Weight: 0.96, SentenceFrame: "cooperation", Term: "confrontation*", Lexicon: "lex.tsv:7"}
	rivalry := Cue{Frame: "competition", CountsFor: "competition", Hedged: true, Weight: 0.6, SentenceFrame: "competition", Term: "rival*", Lexicon: "lex.tsv:9"}
	absent := Cue{Frame: "competition", Negated: true, SentenceFrame: "neutral", Term: "rival*", Lexicon: "lex.tsv:9"}
	cases := []struct {
		pat     string
		counted bool
		want    []Cue
	}{
		{"frame:competition", false, []Cue{confrontation, rivalry, absent}},
		{"frame:cooperation", false, nil},
		{"frame:competition", true, []Cue{rivalry}},
		{"frame:cooperation", true, []Cue{confrontation}},
	}
	for _, c := range cases {
		p, err := Compile(c.pat)
		if err != nil {
			t.Fatal(err)
		}
		if c.counted {
			if err := p.SetCounted(); err != nil {
				t.Fatal(err)
			}
		}
		var got []Cue
		for _, l := range Lines(d, p.Find(d), 2) {
			if l.Cue == nil {
				t.Fatalf("%s: line without its cue: %+v", c.pat, l)
			}
			if d.Text[l.Start:l.End] != l.Match {
				t.Errorf("%s: match %q at %d:%d", c.pat, l.Match, l.Start, l.End)
			}
			got = append(got, *l.Cue)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s counted=%v:\n got %+v\nwant %+v", c.pat, c.counted, got, c.want)
		}
	}
	p, _ := Compile("rivalry")
	if l := Lines(d, p.Find(d), 2); len(l) != 2 || l[0].Cue != nil {
		t.Errorf("a word pattern carries no cue: %+v", l)
	}
	if err := p.SetCounted(); !errors.Is(err, pipeline.ErrUsage) {
		t.Errorf("SetCounted on a word pattern: %v", err)
	}
}

// TestFindHyphenParts: a one-word pattern finds a word inside hyphenated
// compounds, which the tokenizer keeps as one token (audit: kwic china
// found none of "US-China", "U.S.-China", "China-EU", "EU–China"); the
// match is the part, and the compound itself still matches whole.
func TestFindHyphenParts(t *testing.T) {
	text := "The US-China rivalry and U.S.-China ties. China-EU talks and the EU\u2013China summit. Chinatown-style food."
	d := tokenized(t, text)
	for _, c := range []struct {
		pat  string
		want []string
	}{
		{"china", []string{"China", "China", "China", "China"}},
		// A glob matching the whole compound matches it whole.
		{"chin*", []string{"China", "China", "China-EU", "China", "Chinatown-style"}},
		{"style", []string{"style"}},
		{"us-china", []string{"US-China"}},
		{"u.s.", []string{"U.S."}},
		{"eu", []string{"EU", "EU"}},
		{"china rivalry", nil}, // phrases match whole tokens only
	} {
		p, err := Compile(c.pat)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range p.Find(d) {
			got = append(got, text[h.Span.Start:h.Span.End])
			if tok := d.Tokens[h.First]; h.End != h.First+1 || h.Span.Start < tok.Start || h.Span.End > tok.End {
				t.Errorf("%q: hit %+v outside its token %+v", c.pat, h, tok)
			}
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.pat, got, c.want)
		}
	}
	// The context around a part keeps the rest of its compound.
	p, _ := Compile("china")
	lines := Lines(d, p.Find(d)[:1], 2)
	if l := lines[0]; l.Left != "The US-" || l.Match != "China" || !strings.HasPrefix(l.Right, "rivalry") {
		t.Errorf("line %+v", l)
	}
}

// TestHyphenPartsAtTheEdges: a part's context keeps the rest of its
// compound at a document's first and last token too, and a compound
// joined by a full-width hyphen is split like one joined by "-" (review).
func TestHyphenPartsAtTheEdges(t *testing.T) {
	p, _ := Compile("china")
	for _, c := range []struct{ text, left, right string }{
		{"US-China relations soured.", "US-", "relations soured."},
		{"Talks with China-EU", "Talks with", "-EU"},
		{"US\uff0dChina talks", "US\uff0d", "talks"},
	} {
		d := tokenized(t, c.text)
		lines := Lines(d, p.Find(d), 3)
		if len(lines) != 1 || lines[0].Match != "China" || lines[0].Left != c.left || lines[0].Right != c.right {
			t.Errorf("%q: lines %+v, want left %q, right %q", c.text, lines, c.left, c.right)
		}
	}
}
