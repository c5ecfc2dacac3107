package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// annotateMarkdownSentences writes files into a fresh folder, annotates it
// at the sentence level and returns each document's sentences as
// "frame: text". It also annotates at the document level and checks that
// every sentence's offsets slice the converted text the document record
// carries to exactly the sentence's text.
func annotateMarkdownSentences(t *testing.T, files map[string]string) map[string][]string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	texts := map[string]string{}
	for _, r := range annotateJSONL(t, dir, "--no-tokens") {
		texts[r.ID] = r.Text
	}
	out, errs, code := runCLI(t, "", "annotate", dir, "--no-tokens", "--level", "sentence")
	if code != 0 {
		t.Fatalf("annotate --level sentence: exit %d: %s", code, errs)
	}
	got := map[string][]string{}
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var s struct {
			DocID       string `json:"doc_id"`
			Start, End  int
			Text, Frame string
		}
		if err := dec.Decode(&s); err != nil {
			t.Fatal(err)
		}
		if text := texts[s.DocID]; s.Start < 0 || s.End > len(text) || s.Start > s.End || text[s.Start:s.End] != s.Text {
			t.Errorf("%s: sentence [%d,%d) %q does not slice the record's text %q", s.DocID, s.Start, s.End, s.Text, text)
		}
		got[s.DocID] = append(got[s.DocID], s.Frame+": "+s.Text)
	}
	return got
}

// TestAnnotateMarkdownBlocksAreSentences: the audit's repro. A Markdown
// heading and each list item are sentences of their own, as the same
// bullets are in HTML, so each keeps its own frame instead of one merged
// "both" sentence.
func TestAnnotateMarkdownBlocksAreSentences(t *testing.T) {
	got := annotateMarkdownSentences(t, map[string]string{
		"bul.md":   "Key points:\n\n- China and the EU deepen cooperation on AI standards\n- The US tightens export controls on Chinese chips\n",
		"head.md":  "## US export controls escalate the rivalry\nChina and the EU agreed to cooperate on standards.\n",
		"bul.html": "<ul><li>China and the EU deepen cooperation on AI standards</li><li>The US tightens export controls on Chinese chips</li></ul>",
		"num.md":   "Steps:\n1. China and the EU deepen cooperation on AI standards\n2) The US tightens export controls on Chinese chips\n",
		"quote.md": "The minister said\n> The US tightens export controls on Chinese chips\n",
	})
	bullets := []string{
		"cooperation: China and the EU deepen cooperation on AI standards",
		"competition: The US tightens export controls on Chinese chips",
	}
	want := map[string][]string{
		"bul.html": bullets,
		"bul.md":   append([]string{"neutral: Key points:"}, bullets...),
		"num.md":   append([]string{"neutral: Steps:"}, bullets...),
		"head.md": {
			"competition: US export controls escalate the rivalry",
			"cooperation: China and the EU agreed to cooperate on standards.",
		},
		"quote.md": {"neutral: The minister said", bullets[1]},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sentences:\n got %q\nwant %q", got, want)
	}
}
