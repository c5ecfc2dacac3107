package entities

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/tokenize"
)

// TestMentionSet scores the gazetteer on testdata/mentions.tsv, a hand-made
// set of sentences with the mentions DOMAIN.md asks for (surface, canonical
// name, type), through the real tokenizer. A mention counts as found when
// surface, canonical name and type all agree; precision counts every
// gazetteer mention, so a tag on "apple" the fruit or on "Beijing" the place
// is a false positive.
func TestMentionSet(t *testing.T) {
	f, err := os.Open("testdata/mentions.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tok, err := tokenize.New(tokenize.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var tp, fp, fn, sentences int
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		text, want, ok := strings.Cut(sc.Text(), "\t")
		if strings.HasPrefix(text, "#") || strings.TrimSpace(text) == "" {
			continue
		}
		if !ok {
			t.Fatalf("mentions.tsv:%d: want sentence<TAB>mentions", line)
		}
		sentences++
		expected := map[string]int{}
		if strings.TrimSpace(want) != "-" {
			for _, m := range strings.Split(want, " ; ") {
				parts := strings.Split(strings.TrimSpace(m), "|")
				if len(parts) != 3 {
					t.Fatalf("mentions.tsv:%d: bad mention %q (want surface|Canonical|TYPE)", line, m)
				}
				expected[strings.Join(parts, "|")]++
			}
		}
		d := &pipeline.Document{Text: text}
		if err := tok.Process(d); err != nil {
			t.Fatal(err)
		}
		if err := gaz.Process(d); err != nil {
			t.Fatal(err)
		}
		for _, e := range d.Entities {
			k := d.Text[e.Start:e.End] + "|" + e.Canonical + "|" + e.Type
			if expected[k] > 0 {
				expected[k]--
				tp++
				continue
			}
			fp++
			t.Logf("mentions.tsv:%d: unexpected %s", line, k)
		}
		for k, n := range expected {
			for ; n > 0; n-- {
				fn++
				t.Logf("mentions.tsv:%d: missed %s", line, k)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	p := float64(tp) / float64(max(tp+fp, 1))
	r := float64(tp) / float64(max(tp+fn, 1))
	t.Logf("%d sentences, %d expected mentions: precision %.3f recall %.3f (tp %d, fp %d, fn %d)", sentences, tp+fn, p, r, tp, fp, fn)
	// Floors: the DOMAIN targets (precision 0.90, recall 0.95) on real text;
	// see the commit that last set them for the measured figures.
	if sentences < 60 || p < 0.90 || r < 0.95 {
		t.Errorf("precision %.3f / recall %.3f on %d sentences: below the floor 0.90 / 0.95 (or fewer than 60 sentences)", p, r, sentences)
	}
}
