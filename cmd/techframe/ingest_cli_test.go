package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIDFieldNamesNoColumn: --id-field naming no column of a CSV is one
// warning naming the file and the field; without --id-field a CSV with no
// "id" column is read with path:line ids, silently, as before.
func TestIDFieldNamesNoColumn(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "m.csv")
	os.WriteFile(in, []byte("id,text\n1,China and the EU agreed to cooperate.\n"), 0o644)
	out, errs, code := runCLI(t, "", "annotate", in, "--id-field", "url")
	want := "techframe: warning: ingest: " + in + ":1: no \"url\" column for --id-field"
	if code != 0 || !strings.Contains(errs, want) || !strings.Contains(out, `"id":"`+filepath.ToSlash(in)+`:2"`) {
		t.Errorf("--id-field url: exit %d, stderr %q, out %.80q; want 0, %q and a path:line id", code, errs, out, want)
	}
	nourl := filepath.Join(dir, "n.csv")
	os.WriteFile(nourl, []byte("text\nChina and the EU agreed to cooperate.\n"), 0o644)
	if _, errs, code := runCLI(t, "", "annotate", nourl); code != 0 || strings.Contains(errs, "id-field") {
		t.Errorf("no --id-field: exit %d, stderr %q; want 0 and no id warning", code, errs)
	}
}
