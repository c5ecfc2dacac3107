package entities

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/tokenize"
)

// blindSets are the blind test sets with their floors (about 0.05 under
// the figures measured, so that a test fails on a real regression but not
// on a one-mention change). blind.tsv first measured 126/134 = 0.940 and
// 126/137 = 0.920; its misses were then read and fixed by general rules
// (capitals after governing nouns, titles and determiners outside spans,
// actors inside longer names, "the bloc") and data, so its later figures
// are not an estimate for unseen text. blind2.tsv was written afterwards by
// another writer under the same conditions (canonical names and types
// only) and nobody changing the gazetteer has read it: it first measured
// 224/241 = 0.929 and 224/235 = 0.953 before those rules were merged.
// blind3.tsv was written later still, against the 1,130 canonical names of
// the gazetteer then (blind2's list had 732, so entities it leaves out on
// purpose may now be tagged, and count as spurious there); it first
// measured 273/287 = 0.951 and 273/277 = 0.986. Nobody has read its
// misses.
var blindSets = []struct {
	path                        string
	precisionFloor, recallFloor float64
}{
	{"testdata/blind.tsv", 0.90, 0.95},
	{"testdata/blind2.tsv", 0.88, 0.90},
	{"testdata/blind3.tsv", 0.90, 0.93},
}

// blindMention is one expected or found mention of a sentence.
type blindMention struct {
	surface, canonical, typ string
}

func (m blindMention) key() string { return m.surface + "|" + m.canonical + "|" + m.typ }

// parseBlindLine reads "sentence<TAB>surface|Canonical|TYPE; ...". ok is false
// for comments and blank lines.
func parseBlindLine(line string) (text string, want []blindMention, ok bool, err error) {
	if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
		return "", nil, false, nil
	}
	text, list, found := strings.Cut(line, "\t")
	if !found {
		return "", nil, false, fmt.Errorf("want sentence<TAB>mentions")
	}
	if strings.TrimSpace(list) == "-" {
		return text, nil, true, nil
	}
	for _, m := range strings.Split(list, ";") {
		parts := strings.Split(strings.TrimSpace(m), "|")
		if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
			return "", nil, false, fmt.Errorf("bad mention %q (want surface|Canonical|TYPE)", m)
		}
		if !strings.Contains(text, parts[0]) {
			return "", nil, false, fmt.Errorf("surface %q is not in the sentence", parts[0])
		}
		want = append(want, blindMention{parts[0], parts[1], parts[2]})
	}
	return text, want, true, nil
}

// blindCause names why an expected mention was missed, given what the
// gazetteer found in the same sentence.
func blindCause(text string, miss blindMention, found []pipeline.Entity) string {
	cause := "alias missing"
	for _, e := range found {
		got := text[e.Start:e.End]
		switch {
		case got == miss.surface && e.Canonical != miss.canonical:
			return "wrong canonical (" + e.Canonical + ")"
		case got == miss.surface && e.Type != miss.typ:
			return "wrong type (" + e.Type + ")"
		case e.Canonical == miss.canonical && spanOverlapsText(text, miss.surface, e.Span):
			cause = "span boundary (" + got + ")"
		}
	}
	return cause
}

// spanOverlapsText reports whether s overlaps any occurrence of surface.
func spanOverlapsText(text, surface string, s pipeline.Span) bool {
	for off := 0; ; {
		i := strings.Index(text[off:], surface)
		if i < 0 {
			return false
		}
		start := off + i
		if start < s.End && s.Start < start+len(surface) {
			return true
		}
		off = start + 1
	}
}

// TestBlindSet scores the gazetteer (real tokenizer, then the entities stage)
// on each blind set: sentences written from the canonical names and types
// only, without reading the aliases, the code or the other fixtures. A
// mention counts when surface text, canonical name and type all agree.
func TestBlindSet(t *testing.T) {
	tok, err := tokenize.New(tokenize.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range blindSets {
		t.Run(strings.TrimSuffix(strings.TrimPrefix(set.path, "testdata/"), ".tsv"), func(t *testing.T) {
			scoreBlindSet(t, tok, set.path, set.precisionFloor, set.recallFloor)
		})
	}
}

func scoreBlindSet(t *testing.T, tok *tokenize.Tokenizer, path string, precisionFloor, recallFloor float64) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var tp, fp, fn, sentences int
	causes := map[string][]string{}
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		text, want, ok, err := parseBlindLine(sc.Text())
		if err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		if !ok {
			continue
		}
		sentences++
		d := &pipeline.Document{Text: text}
		if err := tok.Process(d); err != nil {
			t.Fatal(err)
		}
		if err := gaz.Process(d); err != nil {
			t.Fatal(err)
		}
		expected := map[string]int{}
		for _, m := range want {
			expected[m.key()]++
		}
		for _, e := range d.Entities {
			got := blindMention{text[e.Start:e.End], e.Canonical, e.Type}
			if expected[got.key()] > 0 {
				expected[got.key()]--
				tp++
				continue
			}
			fp++
			cause := "spurious"
			for _, m := range want {
				if spanOverlapsText(text, m.surface, e.Span) {
					cause = "spurious (overlaps expected " + m.key() + ")"
					break
				}
			}
			causes[cause] = append(causes[cause], fmt.Sprintf("%d: %s", line, got.key()))
		}
		for _, m := range want {
			if expected[m.key()] == 0 {
				continue
			}
			expected[m.key()]--
			fn++
			c := blindCause(text, m, d.Entities)
			causes[c] = append(causes[c], fmt.Sprintf("%d: %s", line, m.key()))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if sentences == 0 || tp+fn == 0 {
		t.Fatalf("%s holds no expected mentions", path)
	}
	// The misses are listed only on request: whoever reads them can no
	// longer change the gazetteer without tuning to the set. A failing
	// floor still shows them, since the failure has to be understood.
	names := make([]string, 0, len(causes))
	for c := range causes {
		names = append(names, c)
	}
	sort.Strings(names)
	p := float64(tp) / float64(max(tp+fp, 1))
	r := float64(tp) / float64(max(tp+fn, 1))
	if os.Getenv("BLIND_MISSES") != "" || p < precisionFloor || r < recallFloor {
		for _, c := range names {
			t.Logf("%s: %s", c, strings.Join(causes[c], "; "))
		}
	}
	t.Logf("%s: %d sentences, %d expected, %d found, tp=%d fp=%d fn=%d, precision %.3f recall %.3f",
		path, sentences, tp+fn, tp+fp, tp, fp, fn, p, r)
	if p < precisionFloor {
		t.Errorf("%s: precision %.3f below floor %.3f", path, p, precisionFloor)
	}
	if r < recallFloor {
		t.Errorf("%s: recall %.3f below floor %.3f", path, r, recallFloor)
	}
}

func TestParseBlindLine(t *testing.T) {
	cases := []struct {
		line    string
		ok, err bool
		n       int
	}{
		{"# comment", false, false, 0},
		{"", false, false, 0},
		{"China acts.\t-", true, false, 0},
		{"China acts.\tChina|China|STATE_ACTOR", true, false, 1},
		{"US-China talks.\tUS|United States|STATE_ACTOR; China|China|STATE_ACTOR", true, false, 2},
		{"no tab here", false, true, 0},
		{"China acts.\tChina|China", false, true, 0},
		{"China acts.\tJapan|Japan|STATE_ACTOR", false, true, 0},
	}
	for _, c := range cases {
		_, want, ok, err := parseBlindLine(c.line)
		if ok != c.ok || (err != nil) != c.err || len(want) != c.n {
			t.Errorf("parseBlindLine(%q) = %d mentions, ok %v, err %v; want %d, %v, err %v",
				c.line, len(want), ok, err, c.n, c.ok, c.err)
		}
	}
}
