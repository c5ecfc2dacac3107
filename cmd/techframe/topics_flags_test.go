package main

import (
	"strings"
	"testing"
)

// TestTopicsGroupByOnlyWithPrevalence: --group-by (and --bin) group the
// prevalence table and nothing else; with another table they used to be
// ignored without a word. Now that is a usage error naming the flag and
// the table it needs; with --table prevalence the run goes on.
func TestTopicsGroupByOnlyWithPrevalence(t *testing.T) {
	in := emptyDocCorpus(t)
	base := []string{"topics", in, "--min-df", "2", "--k", "2", "-q"}
	for _, extra := range [][]string{{"--group-by", "outlet"}, {"--group-by", "outlet", "--table", "docs"}, {"--group-by", "outlet", "--table", "examples"}} {
		_, errs, code := runCLI(t, "", append(base, extra...)...)
		if code != 2 || !strings.Contains(errs, "--group-by") || !strings.Contains(errs, "--table prevalence") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 naming --group-by and --table prevalence", extra, code, errs)
		}
	}
	if _, errs, code := runCLI(t, "", append(base, "--group-by", "outlet", "--table", "prevalence")...); code != 0 {
		t.Errorf("--table prevalence --group-by outlet: exit %d: %s", code, errs)
	}
}
