package lexicons

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
)

func TestDefaultsValid(t *testing.T) {
	set, err := Defaults()
	if err != nil {
		t.Fatalf("embedded defaults do not validate:\n%v", err)
	}
	if len(set.Entities) < 400 {
		t.Errorf("gazetteer has %d canonical entries, want at least 400", len(set.Entities))
	}
	types := map[string]int{}
	for _, e := range set.Entities {
		types[e.Type]++
	}
	for _, typ := range EntityTypes {
		if types[typ] == 0 {
			t.Errorf("no %s entries in the gazetteer", typ)
		}
	}
	if len(set.Framing) < 300 {
		t.Errorf("framing lexicon has %d entries, want at least 300", len(set.Framing))
	}
	if len(set.SHA256s()) != 2 {
		t.Errorf("SHA256s = %v, want two files", set.SHA256s())
	}
	t.Logf("framing entries %d, entity entries %d, by type %v", len(set.Framing), len(set.Entities), types)
}

func TestParseFramingProblems(t *testing.T) {
	tests := []struct {
		name, in string
		entries  int
		problems []string // substrings, one per expected problem, in order
	}{
		{"ok", "# c\ncooperat*\tcooperation\t1\tnote\nnot\tnegator\t0.8\nbut\tcontrast\t-\n", 3, nil},
		{"header row", "term\tframe\tweight\tnote\nrival*\tcompetition\t1.2\n", 1, nil},
		{"three columns", "rival*\tcompetition\t1\n", 1, nil},
		{"too few columns", "rival*\tcompetition\n", 0, []string{":1: want 3 or 4"}},
		{"too many columns", "a\tcompetition\t1\tn\textra\n", 0, []string{":1: want 3 or 4"}},
		{"empty term", "\tcompetition\t1\n", 0, []string{":1: empty term"}},
		{"no words", "--\tcompetition\t1\n", 0, []string{"has no letters"}},
		{"bare glob", "*\tcompetition\t1\n", 0, []string{"glob word needs"}},
		{"unknown frame", "x\tfriendship\t1\n", 0, []string{`unknown frame "friendship"`}},
		{"bad weight", "x\tcompetition\tabc\n", 0, []string{`bad weight "abc"`}},
		{"zero weight cue", "x\tcooperation\t0\n", 0, []string{"want a number in (0, 10]"}},
		{"factor above one", "may\thedge\t1.5\n", 0, []string{"want a factor in [0, 1]"}},
		{"marker weight", "but\tcontrast\tzz\n", 0, []string{"want -"}},
		{"duplicate across spellings", "co-operation\tcooperation\t1\nco operation\tcooperation\t1\n", 1, []string{`:2: duplicate term "co operation" (first at line 1)`}},
		{"every problem reported", "\tx\t1\ny\tcompetition\n", 0, []string{":1: empty term", ":1: unknown frame", ":2: want 3 or 4"}},
		{"invalid utf8", "a\xff\tcompetition\t1\n", 0, []string{"not valid UTF-8"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			entries, probs := ParseFraming("f.tsv", []byte(tc.in))
			if len(entries) != tc.entries {
				t.Errorf("entries = %d, want %d", len(entries), tc.entries)
			}
			if len(probs) != len(tc.problems) {
				t.Fatalf("problems = %v, want %d", probs, len(tc.problems))
			}
			all := ""
			for _, p := range probs {
				all += p.String() + "\n"
			}
			for _, want := range tc.problems {
				if !strings.Contains(all, want) {
					t.Errorf("problems %q do not mention %q", all, want)
				}
			}
		})
	}
}

func TestParseEntitiesProblems(t *testing.T) {
	tests := []struct {
		name, in string
		entries  int
		problems []string
	}{
		{"ok", "China\tSTATE_ACTOR\tPRC|@Beijing\tauto\nAI\tTECHNOLOGY\n", 2, nil},
		{"unknown type", "China\tCOUNTRY\t\n", 0, []string{`unknown entity type "COUNTRY"`}},
		{"bad case", "China\tSTATE_ACTOR\tPRC\tloud\n", 0, []string{`bad case "loud"`}},
		{"empty alias", "China\tSTATE_ACTOR\tPRC||Beijing\n", 0, []string{"empty alias"}},
		{"glob alias", "China\tSTATE_ACTOR\tChin*\n", 0, []string{"globs are not allowed"}},
		{"symbol dropped by matching", "Megvii\tORGANIZATION\tFace++\n", 0, []string{`"Face++": '+' is not seen by matching (only letters, digits and the word separators are), so the alias would match "face"`}},
		{"empty canonical", "\tSTATE_ACTOR\tx\n", 0, []string{"empty canonical"}},
		{"column count", "China\n", 0, []string{"want 2 to 4"}},
		{"duplicate canonical", "China\tSTATE_ACTOR\nchina\tSTATE_ACTOR\n", 1, []string{":2: duplicate alias", ":2: duplicate canonical"}},
		{"duplicate alias", "China\tSTATE_ACTOR\tPRC\nTaiwan\tSTATE_ACTOR\tPRC\n", 1, []string{`:2: duplicate alias "PRC"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			entries, probs := ParseEntities("e.tsv", []byte(tc.in))
			if len(entries) != tc.entries {
				t.Errorf("entries = %d, want %d", len(entries), tc.entries)
			}
			if len(probs) != len(tc.problems) {
				t.Fatalf("problems = %v, want %d", probs, len(tc.problems))
			}
			for i, want := range tc.problems {
				if !strings.Contains(probs[i].String(), want) {
					t.Errorf("problem %q does not mention %q", probs[i], want)
				}
			}
		})
	}
}

func TestAliasCaseModes(t *testing.T) {
	entries, probs := ParseEntities("e.tsv", []byte("United States\tSTATE_ACTOR\tUS|U.S.|@Washington\tauto\nMeta\tORGANIZATION\t\tsensitive\n"))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	got := map[string]Alias{}
	for _, e := range entries {
		for _, a := range e.Aliases {
			got[a.Text] = a
		}
	}
	for text, sensitive := range map[string]bool{"United States": false, "US": true, "U.S.": true, "Washington": false, "Meta": true} {
		if got[text].Sensitive != sensitive {
			t.Errorf("%s: Sensitive = %v, want %v", text, got[text].Sensitive, sensitive)
		}
	}
	if !got["Washington"].Capital {
		t.Error("@Washington should be a capital alias")
	}
}

func TestLoadUserFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "extra-framing.tsv")
	os.WriteFile(good, []byte("# kind: framing\ncooperat*\tcooperation\t2\tre-weighted\ntech detente\tcooperation\t1\n"), 0o644)
	set, err := Load([]string{good}, false)
	if err != nil {
		t.Fatal(err)
	}
	var w float64
	for _, e := range set.Framing {
		if e.Term == "cooperat*" {
			w = e.Weight
		}
	}
	if w != 2 {
		t.Errorf("user file should override the default weight: got %v", w)
	}
	if len(set.Files) != 3 {
		t.Errorf("files = %d, want defaults + 1", len(set.Files))
	}
	set, err = Load([]string{dir}, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Framing) != 2 || len(set.Entities) != 0 {
		t.Errorf("--lexicon-replace: framing %d entities %d, want 2 and 0", len(set.Framing), len(set.Entities))
	}

	bad := filepath.Join(dir, "bad.tsv")
	os.WriteFile(bad, []byte("# kind: framing\nx\tnonsense\t1\n\tcooperation\t1\n"), 0o644)
	_, err = Load([]string{bad, filepath.Join(dir, "missing.tsv"), filepath.Join(dir, "mystery.tsv")}, false)
	var ve *ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, pipeline.ErrUsage) {
		t.Fatalf("err = %v, want a *ValidationError wrapping ErrUsage", err)
	}
	if len(ve.Problems) != 4 {
		t.Errorf("problems = %v, want 4 (missing.tsv, mystery.tsv, two lines of bad.tsv)", ve.Problems)
	}
	if !strings.Contains(err.Error(), "bad.tsv:2: unknown frame") || !strings.Contains(err.Error(), "bad.tsv:3: empty term") {
		t.Errorf("error %q lacks file:line positions", err)
	}
}

func TestKindOf(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		want       Kind
		err        bool
	}{
		{"x.tsv", "# kind: entities\n", KindEntities, false},
		{"my-framing.tsv", "", KindFraming, false},
		{"gazetteer.tsv", "", KindEntities, false},
		{"x.tsv", "# hello\n", "", true},
		{"x.tsv", "# kind: colours\n", "", true},
	} {
		got, err := KindOf(tc.name, []byte(tc.data))
		if got != tc.want || (err != nil) != tc.err {
			t.Errorf("KindOf(%q, %q) = %q, %v", tc.name, tc.data, got, err)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"China's AI", []string{"china", "'s", "ai"}},
		{"China’s chips", []string{"china", "'s", "chips"}},
		{"US–China rivalry", []string{"us", "china", "rivalry"}},
		{"China-US ties", []string{"china", "us", "ties"}},
		{"the U.S. government", []string{"the", "u", "s", "government"}},
		{"did not, don't, can’t", []string{"did", "not", "do", "n't", "ca", "n't"}},
		{"o'clock rock 'n' roll", []string{"o'clock", "rock", "n", "roll"}},
		{"cyber-sovereignty", []string{"cyber", "sovereignty"}},
		{"States' rights", []string{"states", "rights"}},
		{"Zürich 5G", []string{"zürich", "5g"}},
	}
	for _, tc := range tests {
		ws := Words(tc.in, 10, nil)
		var got []string
		for _, w := range ws {
			got = append(got, w.Norm)
			if w.Start < 10 || w.End > 10+len(tc.in) || w.Start >= w.End {
				t.Errorf("%q: bad span %d-%d", tc.in, w.Start, w.End)
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Words(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	ws := Words("a, b; c - d", 0, nil)
	gaps := []byte{GapNone, GapComma, GapClause, GapClause}
	for i, w := range ws {
		if w.Gap != gaps[i] {
			t.Errorf("word %q gap %q, want %q", w.Norm, w.Gap, gaps[i])
		}
	}
}

func TestGlob(t *testing.T) {
	for _, tc := range []struct {
		p, s string
		want bool
	}{
		{"cooperat*", "cooperation", true},
		{"cooperat*", "cooperat", true},
		{"cooperat*", "cooperative", true},
		{"cooperat*", "coop", false},
		{"*ism", "protectionism", true},
		{"de*ing", "decoupling", true},
		{"de*ing", "decouple", false},
		{"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxbyy", false},
		{"war", "wars", false},
	} {
		if got := Glob(tc.p, tc.s); got != tc.want {
			t.Errorf("Glob(%q, %q) = %v", tc.p, tc.s, got)
		}
	}
}

func TestMatcherLongestMatch(t *testing.T) {
	var m Matcher
	add := func(term string, id int) {
		ws, _ := SplitTerm(term)
		m.Add(ws, id)
	}
	add("competitive", 1)
	add("competitive price*", 2)
	add("compet*", 3)
	add("trade war", 4)
	add("trade war*", 5)
	words := Words("Competitive prices and a trade war.", 0, nil)
	c := m.Candidates(words, 0, len(words), nil)
	if len(c) == 0 || c[0].ID != 2 || c[0].To != 2 {
		t.Fatalf("at 'Competitive prices' best = %+v, want the two-word entry 2", c)
	}
	if c[1].ID != 1 {
		t.Errorf("second best should be the literal 'competitive' over the glob: %+v", c)
	}
	c = m.Candidates(words, 4, len(words), nil)
	if len(c) == 0 || c[0].ID != 4 {
		t.Errorf("tie between literal and glob should go to the literal: %+v", c)
	}
	// limit: a match never runs past the limit (the sentence end)
	c = m.Candidates(words, 0, 1, nil)
	if len(c) == 0 || c[0].ID != 1 {
		t.Errorf("with limit 1 best = %+v, want entry 1", c)
	}
}
