package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/techframe/techframe/lexicons"
)

// TestLexiconsExportChecksEveryTarget: with one of the files already in
// the folder, export writes nothing (no half-done export: entities.tsv new
// beside an old framing.tsv) and names what is in the way; --force writes
// both.
func TestLexiconsExportChecksEveryTarget(t *testing.T) {
	for _, present := range []string{"framing.tsv", "entities.tsv"} {
		dir := t.TempDir()
		old := filepath.Join(dir, present)
		writeFile(t, dir, present, "# kind: framing\nmine\tcooperation\t1\n")
		out, errs, code := runCLI(t, "", "lexicons", "export", dir)
		want := "techframe: lexicons export: " + old + " exists (use --force to overwrite; nothing was written)\n"
		if code != 2 || out != "" || errs != want {
			t.Errorf("%s present: exit %d, stdout %q, stderr %q; want exit 2 and %q", present, code, out, errs, want)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Errorf("%s present: the folder holds %d files after a refused export, want 1", present, len(entries))
		}
		if b, _ := os.ReadFile(old); string(b) != "# kind: framing\nmine\tcooperation\t1\n" {
			t.Errorf("%s present: overwritten without --force", present)
		}
		if _, errs, code := runCLI(t, "", "lexicons", "export", "--force", dir); code != 0 {
			t.Fatalf("--force: exit %d: %s", code, errs)
		}
		for _, f := range lexicons.DefaultFiles() {
			if b, _ := os.ReadFile(filepath.Join(dir, f.BaseName())); string(b) != string(f.Data) {
				t.Errorf("--force: %s is not the built-in", f.BaseName())
			}
		}
	}
	// A folder where a file should go is refused, with or without --force.
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "framing.tsv"), 0o755)
	if _, errs, code := runCLI(t, "", "lexicons", "export", "--force", dir); code != 2 || !strings.Contains(errs, "is not a file") {
		t.Errorf("framing.tsv a folder: exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "entities.tsv")); err == nil {
		t.Error("framing.tsv a folder: entities.tsv was written")
	}
}

// TestLexiconsHelpExampleIsNew: the help's example of "a file of your own
// cues" adds a cue the built-ins do not have, rather than silently
// re-weighting a built-in one: no built-in entry has its term, none
// matches its words, and with the file the cue is credited to it.
func TestLexiconsHelpExampleIsNew(t *testing.T) {
	help, _, _ := runCLI(t, "", "lexicons", "--help")
	m := regexp.MustCompile(`printf '([^']*)' > (\S+)\s+# a file of your own cues`).FindStringSubmatch(help)
	if m == nil {
		t.Fatalf("no printf example of a file of your own cues in:\n%s", help)
	}
	body := strings.NewReplacer(`\n`, "\n", `\t`, "\t").Replace(m[1])
	entries, probs := lexicons.ParseFraming(m[2], []byte(body))
	if len(probs) > 0 || len(entries) == 0 {
		t.Fatalf("example %q: %d entries, problems %v", body, len(entries), probs)
	}
	set, err := lexicons.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	builtin := map[string]lexicons.FrameEntry{}
	for _, e := range set.Framing {
		builtin[e.Key()] = e
	}
	dir := t.TempDir()
	extra := writeFile(t, dir, m[2], body)
	for _, e := range entries {
		if b, ok := builtin[e.Key()]; ok {
			t.Errorf("example term %q is built in (%s:%d, weight %g): the example re-weights it", e.Term, b.File, b.Line, b.Weight)
		}
		text := "Observers noted a " + e.Term + " last year.\n"
		out, errs, code := runCLI(t, text, "annotate", "--level", "sentence")
		if code != 0 || strings.Contains(out, `"text":"`+strings.Fields(e.Term)[0]) {
			t.Errorf("example term %q: the built-ins already find a cue in it (exit %d, %s): %s", e.Term, code, errs, out)
		}
		out, errs, code = runCLI(t, text, "annotate", "--level", "sentence", "--lexicon", extra)
		if code != 0 || !strings.Contains(out, `"text":"`+e.Term+`","term":"`+e.Term+`","frame":"`+e.Frame+`","lexicon":"`+extra+`","line":2`) {
			t.Errorf("example term %q with %s: exit %d, %s: %s", e.Term, extra, code, errs, out)
		}
	}
}
