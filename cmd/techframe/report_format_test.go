package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// evaluate and agree take -t/--output-format for their stdout report, the
// name every other command gives the format of what it writes; the old
// --format-out still works (hidden) so that existing scripts run.
func TestReportFormatFlag(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "a.txt", "---\nid: a\n---\nChina and Brazil signed a partnership on satellite data. Washington sees Beijing as a rival.\n")
	gold := writeFile(t, dir, "gold.csv", "doc_id,index,label\na,0,cooperation\na,1,competition\n")
	heldout := filepath.Join("..", "..", "pipeline", "framing", "testdata", "gold")
	commands := map[string][]string{
		"evaluate": {"evaluate", "--gold", gold, in, "--bootstrap", "0", "-q"},
		"agree":    {"agree", filepath.Join(heldout, "heldout4.csv"), filepath.Join(heldout, "heldout4.coder2.csv"), "--bootstrap", "0", "-q"},
	}
	for name, base := range commands {
		t.Run(name, func(t *testing.T) {
			run := func(extra ...string) (string, string, int) {
				return runCLI(t, "", append(append([]string(nil), base...), extra...)...)
			}
			text, errs, code := run()
			if code != 0 || strings.HasPrefix(text, "{") {
				t.Fatalf("default: exit %d, want a text report: %s\n%s", code, errs, text)
			}
			want, errs, code := run("-t", "json")
			if code != 0 || !strings.HasPrefix(want, "{") {
				t.Fatalf("-t json: exit %d, want JSON: %s\n%s", code, errs, want)
			}
			for _, args := range [][]string{
				{"--output-format", "json"},
				{"--output-format=json"},
				{"--format-out", "json"},
				{"--format-out=json"},
				{"-t", "json", "--format-out", "json"},
			} {
				if got, errs, code := run(args...); code != 0 || got != want {
					t.Errorf("%v: exit %d, same report as -t json %v: %s", args, code, got == want, errs)
				}
			}
			if got, _, code := run("-t", "text"); code != 0 || got != text {
				t.Errorf("-t text: exit %d, same report as the default %v", code, got == text)
			}
			for _, c := range []struct {
				args []string
				want string
			}{
				{[]string{"-t", "csv"}, name + `: -t/--output-format must be text or json, not "csv"`},
				{[]string{"--format-out", "xml"}, name + `: --format-out must be text or json, not "xml"`},
				{[]string{"-t", "text", "--format-out", "json"}, "--format-out json and --output-format text disagree"},
			} {
				if _, errs, code := run(c.args...); code != 2 || !strings.Contains(errs, c.want) {
					t.Errorf("%v: exit %d, stderr %q; want exit 2 with %q", c.args, code, errs, c.want)
				}
			}
			help, _, code := runCLI(t, "", name, "--help")
			if code != 0 || !strings.Contains(help, "--output-format value, -t value") || !strings.Contains(help, "--output-format json | jq") {
				t.Errorf("%s --help: exit %d, lacks the flag or its example:\n%s", name, code, help)
			}
			if strings.Contains(help, "format-out") {
				t.Errorf("%s --help still shows the old name --format-out", name)
			}
		})
	}
}
