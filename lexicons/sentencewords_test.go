package lexicons_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/techframe/techframe/lexicons"
	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/tokenize"
)

var tok = func() *tokenize.Tokenizer {
	t, err := tokenize.New(tokenize.Options{})
	if err != nil {
		panic(err)
	}
	return t
}()

// checkSame tokenizes text and compares the token-based SentenceWords with
// Words over each sentence's text, which is its definition.
func checkSame(t *testing.T, text string) int {
	t.Helper()
	doc := &pipeline.Document{Text: text}
	if err := tok.Process(doc); err != nil {
		t.Fatal(err)
	}
	var got, want []lexicons.Word
	n := 0
	for i, s := range doc.Sentences {
		got = lexicons.SentenceWords(doc, i, got[:0])
		want = lexicons.Words(text[s.Start:s.End], s.Start, want[:0])
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("sentence %d %q:\n got  %v\n want %v", i, text[s.Start:s.End], got, want)
		}
		n += len(got)
	}
	return n
}

// TestSentenceWordsFromTokens pins that building words from the tokenizer's
// tokens gives exactly the words of Words, on hard cases and on the sample
// corpus.
func TestSentenceWordsFromTokens(t *testing.T) {
	cases := []string{
		"China's U.S.-China talks — and the EU's co-operation, too; (rivalry) [sic]: done.",
		"They don't cooperate. “China-US” ties ‘warmed’ – briefly—then froze.",
		"Café owners in Zürich met ASEAN's envoy at 5 p.m. on 3.5% growth, e.g. 5G and 6G.",
		"Won’t they? O'Neill's team-up with Nvidia's H20-chips isn't new - or is it ?",
		"Line one\n\nLine two -- a dash; a slash/word and a URL https://example.com/a-b.",
	}
	for _, c := range cases {
		if checkSame(t, c) == 0 {
			t.Errorf("no words in %q", c)
		}
	}
	paths, _ := filepath.Glob("../samples/articles/*")
	words := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		words += checkSame(t, string(data))
	}
	t.Logf("%d sample articles, %d words identical", len(paths), words)
}

func FuzzSentenceWords(f *testing.F) {
	f.Add("China's U.S.-China talks — and the EU's co-operation.")
	f.Add("They don't cooperate. “China-US” ties ‘warmed’ – briefly—then froze.")
	f.Fuzz(func(t *testing.T, text string) {
		checkSame(t, text)
	})
}

// TestMatcherAgreesWithGlob compiles every default framing term and checks,
// for each single-word term and a set of words, that the trie (with its
// first-word filter and byte-trie glob index) finds exactly the terms a
// plain Glob scan finds.
func TestMatcherAgreesWithGlob(t *testing.T) {
	set, err := lexicons.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	var m lexicons.Matcher
	var single []int
	for i, e := range set.Framing {
		m.Add(e.Words, i)
		if len(e.Words) == 1 {
			single = append(single, i)
		}
	}
	probe := []string{"cooperation", "co", "competitive", "rivalry", "rivals", "the", "decoupling", "vying", "jostling",
		"outmanoeuvred", "tension", "tensions", "a", "zzz", "détente", "détentes", "led", "coexistence", "deterrence", "pooling"}
	for _, e := range set.Framing {
		probe = append(probe, strings.ReplaceAll(e.Words[0], "*", "ing"), strings.ReplaceAll(e.Words[0], "*", ""))
	}
	for _, w := range probe {
		words := []lexicons.Word{{Norm: w}}
		got := map[int]bool{}
		for _, c := range m.Candidates(words, 0, 1, nil) {
			got[c.ID] = true
		}
		for _, id := range single {
			if lexicons.Glob(set.Framing[id].Words[0], w) != got[id] {
				t.Errorf("%q vs term %q: trie %v, Glob %v", w, set.Framing[id].Term, got[id], !got[id])
			}
		}
	}
}
