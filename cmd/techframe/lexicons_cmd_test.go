package main

import (
	"os"
	"path/filepath"
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
