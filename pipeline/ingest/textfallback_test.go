package ingest

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestTextFallback: with no text field chosen, a JSONL or CSV/TSV file
// without "text" is read from a common alternative name (one warning per
// file, naming the key); a chosen --text-field is never second-guessed; a
// file whose first record has "text" keeps reading "text"; --strict makes
// the guess fatal.
func TestTextFallback(t *testing.T) {
	files := map[string]string{
		"a.jsonl": `{"id":"a1","sentence":"Alpha one.","year":2020}` + "\n" + `{"id":"a2","sentence":"Alpha two."}` + "\n",
		"b.csv":   "id,Body,year\nb1,Beta one.,2021\n",
		"c.jsonl": `{"id":"c1","text":"Gamma.","sentence":"not this"}` + "\n" + `{"id":"c2","sentence":"no text key"}` + "\n",
	}
	dir := t.TempDir()
	writeTree(t, dir, files)
	path := func(name string) string { return filepath.Join(dir, name) }

	res := readAll(t, []string{path("a.jsonl"), path("b.csv"), path("c.jsonl")}, Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	got := map[string]string{}
	for _, d := range res.docs {
		got[d.ID] = d.Text
	}
	want := map[string]string{"a1": "Alpha one.", "a2": "Alpha two.", "b1": "Beta one.", "c1": "Gamma."}
	for id, text := range want {
		if got[id] != text {
			t.Errorf("%s: text %q, want %q (all: %v)", id, got[id], text, got)
		}
	}
	if _, ok := got["c2"]; ok {
		t.Errorf("c2 has no text key in a file that uses \"text\": it must be skipped, got %q", got["c2"])
	}
	for _, d := range res.docs {
		if _, ok := d.Meta.Get("sentence"); ok && d.ID != "c1" {
			t.Errorf("%s: the text key is also in the metadata", d.ID)
		}
	}
	var fallbacks []string
	for _, w := range res.warns {
		if w.Kind == KindTextFallback {
			fallbacks = append(fallbacks, filepath.Base(w.Path)+": "+w.Message)
		}
	}
	if len(fallbacks) != 2 || !strings.Contains(fallbacks[0], `"sentence"`) || !strings.Contains(fallbacks[1], `"Body"`) {
		t.Errorf("fallback warnings %q, want one for a.jsonl naming \"sentence\" and one for b.csv naming \"Body\"", fallbacks)
	}
	if n := res.src.Warnings()[KindMissingText]; n != 1 {
		t.Errorf("missing-text warnings %d, want 1 (c2)", n)
	}

	// A chosen text field is used as given.
	res = readAll(t, []string{path("a.jsonl")}, Options{TextField: "text"})
	if len(res.docs) != 0 || res.src.Warnings()[KindTextFallback] != 0 {
		t.Errorf("--text-field text: %d documents, %d fallbacks; want none", len(res.docs), res.src.Warnings()[KindTextFallback])
	}
	// --strict: the guess is an error.
	res = readAll(t, []string{path("a.jsonl")}, Options{Strict: true})
	if res.err == nil || !strings.Contains(res.err.Error(), `"sentence"`) {
		t.Errorf("--strict: error %v, want one naming the guessed key", res.err)
	}
}
