package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAnnotateSpansSliceTheFile: for a plain text file, every span of
// annotate's output is a byte offset into the file itself, also when the
// file has Windows line ends (CRLF) and a UTF-8 byte-order mark, and curly
// quotes before the entities.
func TestAnnotateSpansSliceTheFile(t *testing.T) {
	content := "\xef\xbb\xbfBeijing\u2019s \u201cAI plan\u201d and the U.S. response.\r\n\r\n" +
		"The European Union and China agreed to cooperate on 5G standards.\r\n" +
		"Washington did not seek confrontation with Beijing.\r\n"
	dir := t.TempDir()
	path := filepath.Join(dir, "crlf.txt")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, level := range []string{"document", "sentence"} {
		out, errs, code := runCLI(t, "", "annotate", "--level", level, path)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", level, code, errs)
		}
		type span struct {
			Start, End int
			Text       string
		}
		checked := map[string]int{}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var rec struct {
				Start, End int
				Text       string
				Sentences  []span
				Tokens     []span
				Entities   []span
				Evidence   []span
			}
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Fatalf("%s: %v", level, err)
			}
			check := func(kind string, s span, wantText bool) {
				if s.Start < 0 || s.End > len(content) || s.Start >= s.End {
					t.Fatalf("%s %s: span %d-%d outside the file", level, kind, s.Start, s.End)
				}
				got := content[s.Start:s.End]
				if wantText && got != s.Text {
					t.Errorf("%s %s: file bytes %d-%d are %q, record says %q", level, kind, s.Start, s.End, got, s.Text)
				}
				if strings.ContainsAny(got[:1], " \r\n") {
					t.Errorf("%s %s: span %d-%d starts in white space: %q", level, kind, s.Start, s.End, got)
				}
				checked[kind]++
			}
			if level == "sentence" {
				check("sentence", span{rec.Start, rec.End, rec.Text}, true)
			}
			for _, s := range rec.Sentences {
				check("sentence", s, false)
			}
			for _, s := range rec.Tokens {
				check("token", s, true)
			}
			for _, s := range rec.Entities {
				check("entity", s, true)
			}
			for _, s := range rec.Evidence {
				check("evidence", s, true)
			}
		}
		if checked["entity"] < 5 || checked["evidence"] < 2 || checked["sentence"] != 3 {
			t.Errorf("%s: checked %v; want at least 5 entities, 2 cues and 3 sentences", level, checked)
		}
	}
}
