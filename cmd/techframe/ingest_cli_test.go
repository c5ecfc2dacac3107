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

// TestMissingNamedInputFails: a named input that does not exist fails the
// run with exit 1 (README: "unreadable input") before any document is
// written, naming the path; "-" and a glob that matches nothing are not
// named files and keep working (the glob with a warning).
func TestMissingNamedInputFails(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.txt")
	os.WriteFile(real, []byte("China and the EU agreed to cooperate.\n"), 0o644)
	missing := filepath.Join(dir, "nonexist.txt")
	report := filepath.Join(dir, "r.xlsx")
	for _, args := range [][]string{
		{"annotate", real, missing},
		{"annotate", missing, real},
		{"analyze", real, missing, "-o", report},
	} {
		out, errs, code := runCLI(t, "", args...)
		want := "techframe: ingest: " + missing + ": no such file or folder"
		if code != 1 || !strings.Contains(errs, want) || out != "" {
			t.Errorf("%v: exit %d, stderr %q, stdout %.60q; want 1, %q and no output", args, code, errs, out, want)
		}
	}
	if _, err := os.Stat(report); err == nil {
		t.Errorf("analyze with a missing input wrote %s", report)
	}
	out, errs, code := runCLI(t, "The US imposed sanctions.\n", "annotate", "-", filepath.Join(dir, "none*.txt"), real)
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(errs, "pattern matched no files") {
		t.Errorf("stdin, empty glob, file: exit %d, %d records, stderr %q; want 0, 2 and the glob warning", code, strings.Count(out, "\n"), errs)
	}
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	if _, errs, code := runCLI(t, "", "annotate", real, empty); code != 0 {
		t.Errorf("a file and an empty folder: exit %d, stderr %q; want 0", code, errs)
	}
}
