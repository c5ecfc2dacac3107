package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/techframe/techframe/lexicons"
)

// TestEditedExportKeepsItsOwnName is the audit's repro: the export edited
// (the "rival*" line deleted) and passed as --lexicon framing.tsv, or its
// folder as --lexicon ., sits on top of the built-ins. Every cue's lexicon
// and line must lead to the line of the file that holds its term, and the
// manifest must hold the SHA-256 of every file used under its own name; a
// model saved as framing-model.json keeps its own name too.
func TestEditedExportKeepsItsOwnName(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if _, errs, code := runCLI(t, "", "lexicons", "export", "."); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	builtin := map[string]lexicons.File{}
	for _, f := range lexicons.DefaultFiles() {
		builtin[f.BaseName()] = f
	}
	raw, _ := os.ReadFile("framing.tsv")
	var kept []string
	for _, l := range strings.Split(string(raw), "\n") {
		if !strings.HasPrefix(l, "rival*\t") {
			kept = append(kept, l)
		}
	}
	writeFile(t, ".", "framing.tsv", strings.Join(kept, "\n"))
	writeFile(t, ".", "t.txt", "The rivalry deepened. Guardrails were agreed.\n")
	writeFile(t, ".", "framing-model.json", string(lexicons.FramingModel()))

	// lineOf returns line n of the lexicon that evidence names.
	lineOf := func(name string, n int) string {
		var data []byte
		if base, ok := strings.CutPrefix(name, "builtin:"); ok {
			data = builtin[base].Data
		} else {
			var err error
			if data, err = os.ReadFile(name); err != nil {
				t.Fatalf("evidence names %q: %v", name, err)
			}
		}
		lines := strings.Split(string(data), "\n")
		if n < 1 || n > len(lines) {
			t.Fatalf("%s has no line %d", name, n)
		}
		return lines[n-1]
	}
	sumOf := func(path string) string {
		b, _ := os.ReadFile(path)
		h := sha256.Sum256(b)
		return hex.EncodeToString(h[:])
	}

	for _, c := range []struct {
		lexicon string
		// want: manifest lexicon name -> SHA-256
		want map[string]string
		// credit: cue text -> the lexicon it must be credited to
		credit map[string]string
	}{
		{"framing.tsv", map[string]string{
			"builtin:framing.tsv": builtin["framing.tsv"].SHA256, "builtin:entities.tsv": builtin["entities.tsv"].SHA256,
			"builtin:framing-model.json": lexicons.FramingModelSHA256(), "framing.tsv": sumOf("framing.tsv"),
		}, map[string]string{"rivalry": "builtin:framing.tsv", "Guardrails": "framing.tsv"}},
		{".", map[string]string{
			"builtin:framing.tsv": builtin["framing.tsv"].SHA256, "builtin:entities.tsv": builtin["entities.tsv"].SHA256,
			"builtin:framing-model.json": lexicons.FramingModelSHA256(), "framing.tsv": sumOf("framing.tsv"), "entities.tsv": sumOf("entities.tsv"),
		}, map[string]string{"rivalry": "builtin:framing.tsv", "Guardrails": "framing.tsv"}},
	} {
		out, errs, code := runCLI(t, "", "annotate", "--lexicon", c.lexicon, "--level", "sentence", "t.txt", "--manifest", "m.json")
		if code != 0 {
			t.Fatalf("--lexicon %s: exit %d: %s", c.lexicon, code, errs)
		}
		credited := map[string]string{}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var rec struct {
				Evidence []struct {
					Text, Term, Lexicon string
					Line                int
				}
			}
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Fatalf("--lexicon %s: %v: %s", c.lexicon, err, line)
			}
			for _, e := range rec.Evidence {
				credited[e.Text] = e.Lexicon
				if got := strings.Split(lineOf(e.Lexicon, e.Line), "\t")[0]; got != e.Term {
					t.Errorf("--lexicon %s: %q (%s) credited to %s:%d, which holds %q", c.lexicon, e.Text, e.Term, e.Lexicon, e.Line, got)
				}
			}
		}
		for text, want := range c.credit {
			if credited[text] != want {
				t.Errorf("--lexicon %s: %q credited to %q, want %q", c.lexicon, text, credited[text], want)
			}
		}
		m := readManifest(t, "m.json")
		got := map[string]string{}
		for k, v := range m.Lexicons {
			got[k] = v.SHA256
		}
		if !maps.Equal(got, c.want) {
			t.Errorf("--lexicon %s: manifest lexicons %v, want %v", c.lexicon, got, c.want)
		}
	}

	// The built-in model and a copy saved as framing-model.json have
	// different names in the settings and the manifest.
	combiner := map[string]string{}
	for _, args := range [][]string{{}, {"--framing-model", "framing-model.json"}} {
		if _, errs, code := runCLI(t, "", append([]string{"annotate", "t.txt", "-o", "out.jsonl", "--manifest", "m.json"}, args...)...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		m := readManifest(t, "m.json")
		name, _ := m.Settings["framing_combiner"].(string)
		combiner[strings.Join(args, " ")] = name
		if m.Lexicons[name].SHA256 != lexicons.FramingModelSHA256() {
			t.Errorf("%v: framing_combiner %q, manifest lexicons %v", args, name, m.Lexicons)
		}
	}
	if combiner[""] != "builtin:framing-model.json" || combiner["--framing-model framing-model.json"] != "framing-model.json" {
		t.Errorf("framing_combiner: built-in %q, --framing-model framing-model.json %q", combiner[""], combiner["--framing-model framing-model.json"])
	}
}

func readManifest(t *testing.T, path string) manifestJSON {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m manifestJSON
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

// TestLexiconsCheckAgainstBuiltins: lexicons check reads files as
// --lexicon does, on top of the built-ins, so a file that every run would
// refuse (an alias taken from a built-in entry) fails the check with the
// run's own message, which says how to settle it; --lexicon-replace checks
// the file alone. The settlement it names (the built-in entry repeated
// without the alias) passes both.
func TestLexiconsCheckAgainstBuiltins(t *testing.T) {
	dir := t.TempDir()
	clash := writeFile(t, dir, "clash-entities.tsv", "# kind: entities\nBeta Org\tORGANIZATION\tUS|Huawei\tauto\n")
	text := "The US and Beta Org met Huawei.\n"
	_, runErrs, code := runCLI(t, text, "annotate", "--lexicon", clash)
	if code != 2 {
		t.Fatalf("annotate --lexicon: exit %d: %s", code, runErrs)
	}
	for _, want := range []string{
		clash + `:2: alias "US" of "Beta Org" is already an alias of "United States" (builtin:entities.tsv:`,
		`add the whole "United States" entry to ` + clash + ` under the same canonical name without "US"`,
		`alias "Huawei" of "Beta Org" is already an alias of "Huawei" (builtin:entities.tsv:`,
		"whose canonical name it is: remove the alias, or use --lexicon-replace",
	} {
		if !strings.Contains(runErrs, want) {
			t.Errorf("annotate --lexicon: stderr lacks %q:\n%s", want, runErrs)
		}
	}
	out, errs, code := runCLI(t, "", "lexicons", "check", clash)
	if code != 2 || out != "" || errs != runErrs {
		t.Errorf("lexicons check: exit %d, stdout %q, stderr\n%s\nwant exit 2 and the run's stderr\n%s", code, out, errs, runErrs)
	}
	out, errs, code = runCLI(t, "", "lexicons", "check", "--lexicon-replace", clash)
	if code != 0 || !strings.HasPrefix(out, "ok "+clash+": entities lexicon, 1 entries") || strings.Count(out, "\n") != 1 {
		t.Errorf("lexicons check --lexicon-replace: exit %d, stdout %q, stderr %q; want ok for the file alone", code, out, errs)
	}
	if _, errs, code := runCLI(t, text, "annotate", "--lexicon-replace", "--lexicon", clash, "--no-framing"); code != 0 {
		t.Errorf("annotate --lexicon-replace: exit %d: %s", code, errs)
	}

	// The fix the message names: the "United States" line of the export
	// without "US", and no "Huawei".
	exp := exportLexicons(t)
	raw, _ := os.ReadFile(filepath.Join(exp, "entities.tsv"))
	var us string
	for _, l := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(l, "United States\t") {
			cols := strings.Split(l, "\t")
			cols[2] = strings.Join(slices.DeleteFunc(strings.Split(cols[2], "|"), func(a string) bool { return a == "US" }), "|")
			us = strings.Join(cols, "\t")
		}
	}
	if us == "" || strings.Contains("|"+strings.Split(us, "\t")[2]+"|", "|US|") {
		t.Fatalf("no United States entry with US to remove: %q", us)
	}
	fixed := writeFile(t, dir, "fixed-entities.tsv", "# kind: entities\nBeta Org\tORGANIZATION\tUS\tauto\n"+us+"\n")
	if out, errs, code := runCLI(t, "", "lexicons", "check", fixed); code != 0 {
		t.Errorf("lexicons check on the fixed file: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	out, errs, code = runCLI(t, text, "annotate", "--lexicon", fixed)
	if code != 0 || !strings.Contains(out, `"text":"US","canonical":"Beta Org"`) {
		t.Errorf("annotate with the fixed file: exit %d, stderr %q, stdout %s", code, errs, out)
	}
}
