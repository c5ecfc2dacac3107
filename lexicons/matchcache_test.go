package lexicons

import (
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// candidatesAll lists Candidates at every word, with and without a cache.
func candidatesAll(m *Matcher, words []Word, cache *MatchCache) [][]Candidate {
	out := make([][]Candidate, len(words))
	for i := range words {
		if cache == nil {
			out[i] = m.Candidates(words, i, len(words), nil)
		} else {
			out[i] = m.CandidatesCached(words, i, len(words), nil, cache)
		}
	}
	return out
}

// TestMatchCacheSameCandidates also checks that MayStart never rejects a
// word where a pattern starts.
func TestMatchCacheSameCandidates(t *testing.T) {
	small := &Matcher{}
	pats := [][]string{
		{"trade", "war"}, {"trade", "*"}, {"tra*"}, {"t*"}, {"*r"}, {"*"},
		{"not"}, {"not", "cooperat*"}, {"the", "west"}, {"a", "b", "c"},
	}
	// Enough literals that the root gets its hash table and filter.
	for _, w := range strings.Fields("alpha beta gamma delta epsilon zeta eta theta iota kappa") {
		pats = append(pats, []string{w, "and", w})
	}
	for i, p := range pats {
		small.Add(p, i)
	}
	set, err := Defaults()
	if err != nil {
		t.Fatal(err)
	}
	framing := &Matcher{}
	for i, e := range set.Framing {
		framing.Add(e.Words, i)
	}
	ents := &Matcher{}
	n := 0
	for _, e := range set.Entities {
		for _, a := range e.Aliases {
			ents.Add(a.Words, n)
			n++
		}
	}
	texts := []string{
		"The trade war did not cooperate; the West traded tariffs. Trade trade trade war.",
		"alpha and alpha, beta and gamma: a b c a b. Tractor tr t r ar",
		"A word far longer than the cache keeps, internationalisationalistically, and cooperatively so.",
		"China's cooperation with the U.S.-led coalition is not cooperation but competition in AI and 5G.",
	}
	if paths, _ := filepath.Glob("../samples/articles/*"); len(paths) > 0 {
		for _, p := range paths[:min(3, len(paths))] {
			if b, err := os.ReadFile(p); err == nil {
				texts = append(texts, string(b))
			}
		}
	}
	// One cache serves the matchers in turn, as a recycled scratch may.
	var cache MatchCache
	for _, tc := range []struct {
		name string
		m    *Matcher
	}{{"small", small}, {"framing", framing}, {"entities", ents}, {"small-again", small}} {
		for k, text := range texts {
			words := Words(text, 0, nil)
			want := candidatesAll(tc.m, words, nil)
			for i := range words {
				if !tc.m.MayStart(&words[i]) && len(want[i]) > 0 {
					t.Fatalf("%s: MayStart(%q) false but %v match there", tc.name, words[i].Norm, want[i])
				}
				if !tc.m.MayStartAt(words, i, len(words)) && len(want[i]) > 0 {
					t.Fatalf("%s: MayStartAt(%q) false but %v match there", tc.name, words[i].Norm, want[i])
				}
			}
			// Twice: the second pass reads the entries the first filled.
			for pass := 0; pass < 2; pass++ {
				got := candidatesAll(tc.m, words, &cache)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s text %d pass %d: cached candidates differ\n got %v\nwant %v", tc.name, k, pass, got, want)
				}
			}
		}
	}
	// The small matcher's words really produce candidates (the test can fail).
	words := Words("the trade war", 0, nil)
	if c := small.CandidatesCached(words, 1, len(words), nil, &cache); len(c) == 0 || c[0].To != 3 {
		t.Fatalf("trade war: got %v", c)
	}
}

// TestMayStartShortWords: a word of one or two bytes passes the root
// filters only as a literal or when a root glob is short enough to match
// it (at most two bytes besides its '*'s).
func TestMayStartShortWords(t *testing.T) {
	var long, short Matcher
	for _, p := range [][]string{{"abc*"}, {"xy", "z"}, {"qr*s*t"}} {
		long.Add(p, long.Len())
		short.Add(p, short.Len())
	}
	short.Add([]string{"a*b"}, short.Len())
	for _, tc := range []struct {
		m    *Matcher
		word string
		may  bool
	}{
		{&long, "ab", false}, {&long, "a", false}, {&long, "xy", true}, {&long, "abc", true},
		{&short, "ab", true}, {&short, "a", true}, {&short, "xy", true},
	} {
		words := Words(tc.word+" z", 0, nil)
		if got := tc.m.MayStart(&words[0]); got != tc.may {
			t.Errorf("MayStart(%q) = %v, want %v", tc.word, got, tc.may)
		}
		if c := tc.m.Candidates(words, 0, len(words), nil); len(c) > 0 && !tc.may {
			t.Errorf("%q: MayStart false but candidates %v", tc.word, c)
		}
	}
	words := Words("ab z", 0, nil)
	if c := short.Candidates(words, 0, len(words), nil); len(c) != 1 {
		t.Errorf("a*b should match ab: %v", c)
	}
}

// TestMatchCacheRandom compares cached and uncached candidates on random
// sentences made of the built-in lexicons' pattern words (globs filled in),
// so that multi-word patterns start, continue and break off, with random
// limits: the cache's shortcuts (the literal child's next-word bits) must
// never drop a candidate.
func TestMatchCacheRandom(t *testing.T) {
	set, err := Defaults()
	if err != nil {
		t.Fatal(err)
	}
	framing, ents := &Matcher{}, &Matcher{}
	var vocab []string
	var pats [][]string
	for i, e := range set.Framing {
		framing.Add(e.Words, i)
		vocab = append(vocab, e.Words...)
		pats = append(pats, e.Words)
	}
	n := 0
	for _, e := range set.Entities {
		for _, a := range e.Aliases {
			ents.Add(a.Words, n)
			n++
			vocab = append(vocab, a.Words...)
			pats = append(pats, a.Words)
		}
	}
	vocab = append(vocab, "the", "of", "and", "a", "to", "in", "x", "zz")
	rng := rand.New(rand.NewSource(7))
	var fc, ec MatchCache
	found := 0
	for iter := 0; iter < 3000; iter++ {
		// Whole patterns, pattern prefixes and single words.
		var parts []string
		for k := rng.Intn(8); k >= 0; k-- {
			var ws []string
			switch rng.Intn(3) {
			case 0:
				ws = pats[rng.Intn(len(pats))]
			case 1:
				p := pats[rng.Intn(len(pats))]
				ws = p[:1+rng.Intn(len(p))]
			default:
				ws = []string{vocab[rng.Intn(len(vocab))]}
			}
			for _, w := range ws {
				parts = append(parts, strings.ReplaceAll(w, "*", strings.Repeat("e", rng.Intn(3))))
			}
		}
		words := Words(strings.Join(parts, " "), 0, nil)
		for _, tc := range []struct {
			m *Matcher
			c *MatchCache
		}{{framing, &fc}, {ents, &ec}} {
			for i := range words {
				limit := len(words)
				if rng.Intn(3) == 0 {
					limit = i + rng.Intn(len(words)-i+1)
				}
				want := tc.m.Candidates(words, i, limit, nil)
				if len(want) > 0 && !tc.m.MayStartAt(words, i, limit) {
					t.Fatalf("%q at %d limit %d: MayStartAt false but %v match", parts, i, limit, want)
				}
				got := tc.m.CandidatesCached(words, i, limit, nil, tc.c)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%q at %d limit %d: cached %v, uncached %v", parts, i, limit, got, want)
				}
				// NextCandidates stops at the first position from i
				// with a match, with and without a cache.
				at, next := limit, []Candidate(nil)
				for k := i; k < limit; k++ {
					if c := tc.m.Candidates(words, k, limit, nil); len(c) > 0 {
						at, next = k, c
						break
					}
				}
				for _, cache := range []*MatchCache{tc.c, nil} {
					gotAt, got := tc.m.NextCandidates(words, i, limit, nil, cache)
					if gotAt != at || !reflect.DeepEqual(got, next) {
						t.Fatalf("%q from %d limit %d: NextCandidates %d %v, want %d %v", parts, i, limit, gotAt, got, at, next)
					}
				}
				for _, c := range want {
					if c.To-c.From > 1 {
						found++
					}
				}
			}
		}
	}
	if found < 100 {
		t.Fatalf("only %d multi-word candidates: the test checks little", found)
	}
}
