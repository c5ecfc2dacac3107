package vocab

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
)

// mkDoc builds a tokenized document from text: tokens are separated by
// spaces; a token "." "!" or "?" ends a sentence. Norm is the lower-cased
// surface.
func mkDoc(id, text string) *pipeline.Document {
	d := &pipeline.Document{ID: id, Text: text}
	sent, first := 0, 0
	closeSent := func() {
		if first < len(d.Tokens) {
			d.Sentences = append(d.Sentences, pipeline.Sentence{Span: pipeline.Span{Start: d.Tokens[first].Start, End: d.Tokens[len(d.Tokens)-1].End}, FirstToken: first, EndToken: len(d.Tokens)})
			first = len(d.Tokens)
			sent++
		}
	}
	for i := 0; i < len(text); {
		if text[i] == ' ' || text[i] == '\n' {
			i++
			continue
		}
		j := i
		for j < len(text) && text[j] != ' ' && text[j] != '\n' {
			j++
		}
		w := text[i:j]
		d.Tokens = append(d.Tokens, pipeline.Token{Span: pipeline.Span{Start: i, End: j}, Norm: strings.ToLower(w), Sent: sent})
		if w == "." || w == "!" || w == "?" {
			closeSent()
		}
		i = j
	}
	closeSent()
	return d
}

func texts(ts []Term) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Text
	}
	return out
}

func TestDocTerms(t *testing.T) {
	const text = "China 's 5G rollout in 2025 made the U.S. nervous . Artificial intelligence -- and chips !"
	cases := []struct {
		name string
		mod  func(*Options)
		want []string
	}{
		{"default", func(*Options) {}, []string{"china", "5g", "rollout", "made", "u.s", "nervous", "artificial", "intelligence", "chips"}},
		{"keep numbers", func(o *Options) { o.KeepNumbers = true }, []string{"china", "5g", "rollout", "2025", "made", "u.s", "nervous", "artificial", "intelligence", "chips"}},
		{"letters only", func(o *Options) { o.LettersOnly = true }, []string{"china", "rollout", "made", "nervous", "artificial", "intelligence", "chips"}},
		{"no stop words min len 1", func(o *Options) { o.StopWords = false; o.MinLen = 1 }, []string{"china", "s", "5g", "rollout", "in", "made", "the", "u.s", "nervous", "artificial", "intelligence", "and", "chips"}},
		{"case kept", func(o *Options) { o.Lowercase = false }, []string{"China", "5G", "rollout", "made", "U.S", "nervous", "Artificial", "intelligence", "chips"}},
		{"stem", func(o *Options) { o.Stem = "snowball" }, []string{"china", "5g", "rollout", "made", "u.s", "nervous", "artifici", "intellig", "chip"}},
		// bigrams: stop words, numbers, punctuation and sentence ends break the chain
		{"bigrams only", func(o *Options) { o.MinN, o.MaxN = 2, 2 }, []string{"5g rollout", "u.s nervous", "artificial intelligence"}},
		{"uni+bigrams", func(o *Options) { o.MaxN = 2 }, []string{"china", "5g", "5g rollout", "rollout", "made", "u.s", "u.s nervous", "nervous", "artificial", "artificial intelligence", "intelligence", "chips"}},
		{"trigrams none", func(o *Options) { o.MinN, o.MaxN = 3, 3 }, []string{}},
		{"trigrams no stop words", func(o *Options) { o.MinN, o.MaxN = 3, 3; o.StopWords = false }, []string{"5g rollout in", "made the u.s", "the u.s nervous"}},
		{"phrase", func(o *Options) {
			// the longest phrase does not match ("--" intervenes): the shorter one does
			o.Phrases = [][]string{{"Rollout", "in", "2025"}, {"artificial", "intelligence"}, {"artificial", "intelligence", "and", "chips"}}
		}, []string{"china", "5g", "rollout in 2025", "made", "u.s", "nervous", "artificial intelligence", "chips"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := DefaultOptions()
			tc.mod(&o)
			b, err := NewBuilder(o)
			if err != nil {
				t.Fatal(err)
			}
			got := texts(b.DocTerms(mkDoc("d", text)))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestDocTermsPositions(t *testing.T) {
	d := mkDoc("d", "The chip race . Joint standards matter .")
	o := DefaultOptions()
	o.MaxN = 2
	b, _ := NewBuilder(o)
	ts := b.DocTerms(d)
	for _, tm := range ts {
		words := strings.Fields(tm.Text)
		if got := strings.ToLower(d.Text[tm.Span.Start:tm.Span.End]); strings.Join(strings.Fields(got), " ") != tm.Text {
			t.Errorf("%q: span text %q", tm.Text, got)
		}
		if tm.End-tm.First != len(words) {
			t.Errorf("%q: tokens [%d,%d)", tm.Text, tm.First, tm.End)
		}
		if d.Tokens[tm.First].Sent != tm.Sent {
			t.Errorf("%q: sentence %d", tm.Text, tm.Sent)
		}
	}
	if ts[len(ts)-1].Text != "matter" || ts[len(ts)-1].Sent != 1 {
		t.Errorf("last term %+v", ts[len(ts)-1])
	}
}

func build(t *testing.T, o Options, docs ...string) (*Matrix, error) {
	t.Helper()
	b, err := NewBuilder(o)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range docs {
		d := mkDoc(string(rune('a'+i)), s)
		d.Meta = pipeline.Meta{{Key: "n", Value: float64(i)}}
		b.Add(d)
	}
	return b.Build()
}

func TestBuildCountsAndPruning(t *testing.T) {
	docs := []string{
		"chips chips cloud . trade",       // a
		"chips trade trade war",           // b
		"cloud quantum . chips quantum .", // c
	}
	// df: chips 3, cloud 2, trade 2, war 1, quantum 1
	cases := []struct {
		name      string
		mod       func(*Options)
		wantTerms []string
	}{
		{"all", func(*Options) {}, []string{"chips", "cloud", "quantum", "trade", "war"}},
		{"min_df 2", func(o *Options) { o.MinDF = 2 }, []string{"chips", "cloud", "trade"}},
		{"min_df 0.5 fraction (>=1.5 docs)", func(o *Options) { o.MinDF = 0.5 }, []string{"chips", "cloud", "trade"}},
		{"max_df 2", func(o *Options) { o.MaxDF = 2 }, []string{"cloud", "quantum", "trade", "war"}},
		{"max_df 0.5 fraction (<=1.5 docs)", func(o *Options) { o.MaxDF = 0.5 }, []string{"quantum", "war"}},
		// total counts: chips 4, trade 3, cloud 2, quantum 2, war 1: ties by byte order
		{"max_terms 3", func(o *Options) { o.MaxTerms = 3 }, []string{"chips", "cloud", "trade"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := DefaultOptions()
			tc.mod(&o)
			m, err := build(t, o, docs...)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(m.Terms, tc.wantTerms) {
				t.Fatalf("terms %q, want %q", m.Terms, tc.wantTerms)
			}
			if err := m.Counts.Validate(); err != nil {
				t.Fatal(err)
			}
			full := map[string][3]float64{"chips": {2, 1, 1}, "cloud": {1, 0, 1}, "trade": {1, 2, 0}, "war": {0, 1, 0}, "quantum": {0, 0, 2}}
			for j, term := range m.Terms {
				for d := 0; d < 3; d++ {
					if got := m.Counts.At(d, j); got != full[term][d] {
						t.Errorf("count(%s, %s) = %v, want %v", m.DocIDs[d], term, got, full[term][d])
					}
				}
			}
		})
	}
	m, _ := build(t, DefaultOptions(), docs...)
	if !reflect.DeepEqual(m.DF, []int{3, 2, 1, 2, 1}) || !reflect.DeepEqual(m.TF, []float64{4, 2, 2, 3, 1}) {
		t.Errorf("DF %v TF %v", m.DF, m.TF)
	}
	if !reflect.DeepEqual(m.Tokens, []int{4, 4, 4}) {
		t.Errorf("tokens %v", m.Tokens)
	}
	// first sentence of quantum in c is 0, of chips in c is 1
	j, _ := m.TermIndex("chips")
	idx, _ := m.Counts.Row(2)
	for k, c := range idx {
		p := m.Counts.Indptr[2] + k
		if int(c) == j && m.FirstSent[p] != 1 {
			t.Errorf("first sentence of chips in c = %d, want 1", m.FirstSent[p])
		}
	}
	if m.Meta[2][0].Value != float64(2) || m.DocIDs[1] != "b" {
		t.Errorf("meta/ids not kept: %v %v", m.Meta, m.DocIDs)
	}
}

// Fractional --min-df and --max-df bounds are said in whole documents, as
// a document frequency is whole: 0.67 of 3 documents is at least 3, not
// 2.0100000000000002.
func TestDFBoundsSaidInWholeDocuments(t *testing.T) {
	o := DefaultOptions()
	o.MinDF = 0.67
	_, err := build(t, o, "chips trade", "chips war", "cloud rivalry")
	if err == nil || !strings.Contains(err.Error(), "--min-df 0.67 (>= 3 documents) and --max-df 1 (no limit)") {
		t.Errorf("min-df 0.67 of 3: %v", err)
	}
	o.MinDF, o.MaxDF = 0.1, 0.7
	_, err = build(t, o, "the chips", "the chips", "the chips")
	if err == nil || !strings.Contains(err.Error(), "--max-df 0.7 (<= 2 documents)") {
		t.Errorf("max-df 0.7 of 3: %v", err)
	}
	o.MinDF, o.MaxDF = 0.67, 0.5
	_, err = build(t, o, "chips", "chips", "war")
	if !errors.Is(err, pipeline.ErrUsage) || !strings.Contains(err.Error(), "--max-df (at most 1 documents) is lower than --min-df (at least 3 documents) for 3 documents") {
		t.Errorf("max < min: %v", err)
	}
}

func TestEmptyVocabulary(t *testing.T) {
	o := DefaultOptions()
	o.MinDF = 3
	_, err := build(t, o, "chips trade", "cloud war")
	var ev *EmptyVocabularyError
	if !errors.As(err, &ev) || !errors.Is(err, ErrEmptyVocabulary) {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "--min-df") || !strings.Contains(err.Error(), "--max-df") {
		t.Errorf("message does not name the flags: %v", err)
	}
	_, err = build(t, DefaultOptions(), "the of and .", "it is .")
	if !errors.Is(err, ErrEmptyVocabulary) || !strings.Contains(err.Error(), "--no-stopwords") {
		t.Errorf("all stop words: %v", err)
	}
	o = DefaultOptions()
	o.MinDF, o.MaxDF = 2, 1
	if _, err := build(t, o, "chips", "chips"); !errors.Is(err, pipeline.ErrUsage) {
		t.Errorf("max < min: %v", err)
	}
	b, _ := NewBuilder(DefaultOptions())
	if _, err := b.Build(); !errors.Is(err, ErrNoDocuments) {
		t.Errorf("no docs: %v", err)
	}
}

func TestBadOptions(t *testing.T) {
	for _, mod := range []func(*Options){
		func(o *Options) { o.MinN, o.MaxN = 2, 1 },
		func(o *Options) { o.Stem = "porter" },
		func(o *Options) { o.MinDF = 2.5 },
		func(o *Options) { o.MaxDF = -1 },
		func(o *Options) { o.MaxTerms = -3 },
	} {
		o := DefaultOptions()
		mod(&o)
		if _, err := NewBuilder(o); !errors.Is(err, pipeline.ErrUsage) {
			t.Errorf("%+v: err %v", o, err)
		}
	}
}

func TestStopList(t *testing.T) {
	words := DefaultStopList()
	set := map[string]bool{}
	for _, w := range words {
		if w != strings.ToLower(w) || strings.ContainsAny(w, " \t#") {
			t.Errorf("bad stop word %q", w)
		}
		set[w] = true
	}
	for _, w := range []string{"the", "and", "of", "n't"} {
		if !set[w] {
			t.Errorf("%q missing", w)
		}
	}
	for _, w := range []string{"against", "together", "first", "china"} {
		if set[w] {
			t.Errorf("%q must not be a stop word", w)
		}
	}
	_, err := ParseStopList(strings.NewReader("# c\nthe\n\nad hoc\n"), "my.txt")
	var pe *pipeline.PosError
	if !errors.As(err, &pe) || pe.Line != 4 || !strings.Contains(err.Error(), "my.txt:4") {
		t.Errorf("err %v", err)
	}
}

// A stop-word file saved with a byte-order mark keeps its first word.
func TestParseStopListDropsByteOrderMark(t *testing.T) {
	for _, text := range []string{"\uFEFFthe\nof\n", "\uFEFF# mine\nthe\nof\n", "\uFEFFthe\r\nof\r\n"} {
		words, err := ParseStopList(strings.NewReader(text), "bom.txt")
		if err != nil || strings.Join(words, " ") != "the of" {
			t.Errorf("%q: %q, %v; want [the of]", text, words, err)
		}
	}
}

func FuzzDocTerms(f *testing.F) {
	f.Add("China 's 5G -- made in china 2025 . Joint standards !")
	f.Add("..,,;;")
	f.Add("\xff\xfe bad utf8 . x")
	o := DefaultOptions()
	o.MaxN = 3
	o.Stem = "snowball"
	o.Phrases = [][]string{{"made", "in", "china", "2025"}}
	b, _ := NewBuilder(o)
	f.Fuzz(func(t *testing.T, s string) {
		d := mkDoc("f", s)
		for _, tm := range b.DocTerms(d) {
			if tm.Text == "" || tm.Span.Start < 0 || tm.Span.End > len(s) || tm.Span.Start > tm.Span.End || tm.First >= tm.End {
				t.Fatalf("bad term %+v", tm)
			}
		}
	})
}

// TestStopWordLengthBound: stop words are still found when the builder
// skips strings too long to be one: with Lowercase off the key is
// lower-cased first, and the Kelvin sign (3 bytes) lower-cases to "k".
func TestStopWordLengthBound(t *testing.T) {
	cases := []struct {
		name      string
		lowercase bool
		text      string
		want      []string
	}{
		{"lower-cased", true, "ok okay kk", []string{"okay"}},
		{"cased", false, "OK Ok okay KK", []string{"okay"}},
		{"cased-kelvin", false, "o\u212a \u212a\u212a okay", []string{"okay"}},
		{"longer-than-any-stop-word", false, "OKAYOKAYOKAY", []string{"OKAYOKAYOKAY"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := DefaultOptions()
			o.Lowercase = tc.lowercase
			o.StopList = []string{"ok", "KK"}
			b, err := NewBuilder(o)
			if err != nil {
				t.Fatal(err)
			}
			d := mkDoc("d", tc.text)
			if !tc.lowercase {
				for i := range d.Tokens {
					d.Tokens[i].Norm = ""
				}
			}
			if got := texts(b.DocTerms(d)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestWordIndex: idx[i] counts the word tokens before token i, as WordTokens
// counts them (a token with a letter or digit), so idx[len] == WordTokens.
func TestWordIndex(t *testing.T) {
	d := mkDoc("D", "China , ( the EU ) — 5G 2025 .")
	got := WordIndex(d, make([]int, 3))
	want := []int{0, 1, 1, 1, 2, 3, 3, 3, 4, 5, 5}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("WordIndex = %v, want %v", got, want)
	}
	if n := WordTokens(d); n != got[len(got)-1] {
		t.Errorf("WordTokens = %d, WordIndex ends at %d", n, got[len(got)-1])
	}
}

// TestSplitHyphens: with SplitHyphens each part of a hyphenated token is a
// term spanning its own bytes, filtered like a token, and n-grams run
// across the parts; without it the compound is one term (audit: "China"
// in "US-China", "China-EU" and "EU–China" never counted toward china).
func TestSplitHyphens(t *testing.T) {
	d := mkDoc("a", "The Sino-US rivalry and EU\u2013China ties , self-reliance too .")
	o := DefaultOptions()
	o.MaxN = 2
	b, err := NewBuilder(o)
	if err != nil {
		t.Fatal(err)
	}
	whole := texts(b.DocTerms(d))
	if !reflect.DeepEqual(whole[:3], []string{"sino-us", "sino-us rivalry", "rivalry"}) {
		t.Errorf("compounds whole: %q", whole)
	}
	o.SplitHyphens = true
	b, err = NewBuilder(o)
	if err != nil {
		t.Fatal(err)
	}
	terms := b.DocTerms(d)
	got := texts(terms)
	// "us" is a stop word, so no n-gram bridges it.
	want := []string{"sino", "rivalry", "eu", "eu china", "china", "china ties", "ties", "self", "self reliance", "reliance"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("parts: got %q, want %q", got, want)
	}
	for _, tm := range terms {
		surface := strings.ToLower(strings.NewReplacer("\u2013", " ", "-", " ").Replace(d.Text[tm.Span.Start:tm.Span.End]))
		if surface != tm.Text {
			t.Errorf("term %q spans %q", tm.Text, d.Text[tm.Span.Start:tm.Span.End])
		}
	}
}

// TestSplitHyphensFullWidth: a compound joined by a full-width hyphen is
// split like one joined by "-" (review: its norm had "-", its text no
// hyphen the splitter knew, and the token vanished from the counts).
func TestSplitHyphensFullWidth(t *testing.T) {
	d := mkDoc("a", "US\uff0dChina rivalry .")
	d.Tokens[0].Norm = "us-china" // as the tokenizer's NFKC norm writes it
	o := DefaultOptions()
	o.StopWords, o.SplitHyphens = false, true
	b, err := NewBuilder(o)
	if err != nil {
		t.Fatal(err)
	}
	if got := texts(b.DocTerms(d)); !reflect.DeepEqual(got, []string{"us", "china", "rivalry"}) {
		t.Errorf("terms %q", got)
	}
}
