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

// TestAnnotateMarkdownFootnotesAndReferences: the audit's repro. A
// footnote's sentence is annotated (it was dropped without a warning), and
// character references read as the characters they stand for, as in the
// same line read as HTML: no token holds "&nbsp;" or "&amp", and the cue
// co&shy;operation fires.
func TestAnnotateMarkdownFootnotesAndReferences(t *testing.T) {
	line := "China&nbsp;and the EU signed a co&shy;operation pact &amp; more.\n"
	got := annotateMarkdownSentences(t, map[string]string{
		"fn.md":    "China and the US compete.[^1]\n\n[^1]: The EU and China signed a cooperation pact.\n",
		"ent.md":   line,
		"ent.html": line,
	})
	want := map[string][]string{
		"fn.md": {
			"competition: China and the US compete.",
			"cooperation: The EU and China signed a cooperation pact.",
		},
		"ent.md":   {"cooperation: China\u00a0and the EU signed a co\u00adoperation pact & more."},
		"ent.html": {"cooperation: China\u00a0and the EU signed a co\u00adoperation pact & more."},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sentences:\n got %q\nwant %q", got, want)
	}

	dir := t.TempDir()
	for _, name := range []string{"ent.md", "ent.html"} {
		os.WriteFile(filepath.Join(dir, name), []byte(line), 0o644)
	}
	out, errs, code := runCLI(t, "", "annotate", dir)
	if code != 0 {
		t.Fatalf("annotate: exit %d: %s", code, errs)
	}
	type doc struct {
		Tokens   []struct{ Norm string }
		Evidence []struct{ Text, Term string }
	}
	docs := map[string]doc{}
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var r struct {
			ID string
			doc
		}
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		docs[r.ID] = r.doc
	}
	md := docs["ent.md"]
	for _, tok := range md.Tokens {
		if strings.Contains(tok.Norm, "&") && tok.Norm != "&" {
			t.Errorf("ent.md: token %q holds a character reference", tok.Norm)
		}
	}
	cue := false
	for _, ev := range md.Evidence {
		cue = cue || ev.Text == "co\u00adoperation"
	}
	if !cue {
		t.Errorf("ent.md: the cue co\u00adoperation did not fire: evidence %+v", md.Evidence)
	}
	if !reflect.DeepEqual(md, docs["ent.html"]) {
		t.Errorf("ent.md tokens and cues differ from ent.html's:\n  md %+v\nhtml %+v", md, docs["ent.html"])
	}
}
