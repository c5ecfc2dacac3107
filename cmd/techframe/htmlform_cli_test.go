package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHTMLFormPageAnnotated: the reported page, a short ASP.NET page whose
// one paragraph stands in the page's form, is annotated (it was "has no
// text: skipped", exit 1); a page whose text is all furniture is annotated
// with one warning naming it.
func TestHTMLFormPageAnnotated(t *testing.T) {
	dir := t.TempDir()
	page3 := filepath.Join(dir, "page3.html")
	os.WriteFile(page3, []byte(`<html><head><title>Statement</title></head><body><form method="post" action="./page3.aspx" id="aspnetForm">`+
		`<input type="hidden" name="__VIEWSTATE" value="abc"><p>The ministry said China and the EU would cooperate on chip standards.</p></form></body></html>`), 0o644)
	out, errs, code := runCLI(t, "", "annotate", page3)
	if code != 0 || errs != "" || !strings.Contains(out, "The ministry said China and the EU would cooperate") {
		t.Errorf("page3.html: exit %d, stderr %q, out %.120q; want 0, no warning and the paragraph", code, errs, out)
	}
	aside := filepath.Join(dir, "aside.html")
	os.WriteFile(aside, []byte(`<body><aside><p>China and the EU agreed to cooperate.</p></aside></body>`), 0o644)
	out, errs, code = runCLI(t, "", "annotate", aside)
	want := "techframe: warning: ingest: " + aside + ": all the page's text is page furniture"
	if code != 0 || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, want) || !strings.Contains(out, "China and the EU agreed") {
		t.Errorf("aside.html: exit %d, stderr %q, out %.120q; want 0 and one warning %q", code, errs, out, want)
	}
}
