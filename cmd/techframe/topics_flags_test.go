package main

import (
	"path/filepath"
	"strconv"
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

// TestTopicsBurnInMustLeaveAnOptimisation: hyperparameter optimisation
// runs every --optimize-interval sweeps after --burn-in; settings under
// which no such sweep comes before --iterations ends used to fit with
// fixed alpha and beta without a word. They are refused (exit 2, naming
// both flags) unless --optimize-interval 0 asks for fixed hyperparameters.
func TestTopicsBurnInMustLeaveAnOptimisation(t *testing.T) {
	cases := []struct {
		extra []string
		code  int
	}{
		{[]string{"--burn-in", "500"}, 2},                             // first due at 510 > 300
		{[]string{"--iterations", "50"}, 2},                           // default burn-in 100: first at 110
		{[]string{"--burn-in", "291", "--iterations", "299"}, 2},      // first at 300 > 299
		{[]string{"--burn-in", "500", "--optimize-interval", "0"}, 0}, // fixed hyperparameters asked for
		{[]string{"--burn-in", "500", "--iterations", "510"}, 0},      // one optimisation, at 510
	}
	for _, tc := range cases {
		_, errs, code := runCLI(t, "", topicsArgs(tc.extra...)...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d: %s", tc.extra, code, tc.code, errs)
			continue
		}
		if code == 2 && (!strings.Contains(errs, "--burn-in") || !strings.Contains(errs, "--iterations") || !strings.Contains(errs, "--optimize-interval 0")) {
			t.Errorf("%v: %q does not name --burn-in, --iterations and the way out", tc.extra, errs)
		}
	}
}

// TestTopicsWarningsHavePlaces: the corpus-level warning about documents
// without terms has no position (it read "topics: :byte 0: ..."), and names
// the documents; topics infer's warning about one document gives that
// document's file and line.
func TestTopicsWarningsHavePlaces(t *testing.T) {
	in := emptyDocCorpus(t)
	model := filepath.Join(t.TempDir(), "m.json")
	_, errs, code := runCLI(t, "", "topics", in, "--min-df", "2", "--k", "2", "--save-model", model)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "techframe: warning: topics: 1 of 4 documents have no term left after vocabulary pruning (d4)") {
		t.Errorf("topics warning without its place: %q", errs)
	}
	_, ierrs, code := runCLI(t, "", "topics", "infer", "--model", model, in)
	if code != 0 {
		t.Fatalf("infer: exit %d: %s", code, ierrs)
	}
	if want := "techframe: warning: topics: " + in + ":4: document d4 has no term"; !strings.Contains(ierrs, want) {
		t.Errorf("infer warning %q, want it to start %q", ierrs, want)
	}
	for _, line := range strings.Split(errs+ierrs, "\n") {
		if strings.Contains(line, "warning") && strings.Contains(line, ":byte") {
			t.Errorf("warning with a byte position but no file: %q", line)
		}
	}
}

// TestTopicsRefusesIgnoredFlags: flags that the chosen run would ignore
// without a word are usage errors naming them: the Gibbs sampler's flags
// with --model nmf, and --table with several values of --k (which prints a
// comparison of the fits, no table).
func TestTopicsRefusesIgnoredFlags(t *testing.T) {
	in := emptyDocCorpus(t)
	base := []string{"topics", in, "--min-df", "2", "-q"}
	for _, c := range []struct {
		extra []string
		want  string
	}{
		{[]string{"--k", "2", "--model", "nmf", "--burn-in", "50", "--samples", "2"}, "--samples, --burn-in: LDA only"},
		{[]string{"--k", "2", "--model", "nmf", "--optimize-beta=false"}, "--optimize-beta: LDA only"},
		{[]string{"--k", "1,2", "--table", "docs"}, "--table docs: with several values of --k"},
	} {
		_, errs, code := runCLI(t, "", append(base, c.extra...)...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", c.extra, code, errs, c.want)
		}
	}
	for _, ok := range [][]string{{"--k", "2", "--model", "nmf", "--iterations", "50"}, {"--k", "1,2"}} {
		if _, errs, code := runCLI(t, "", append(base, ok...)...); code != 0 {
			t.Errorf("%v: exit %d: %s", ok, code, errs)
		}
	}
}

// TestTopicsExamplesNeedAShare: --table examples lists no document whose
// share of the topic rounds to 0% (audit: a topic's "representative"
// documents ran down to shares of 5e-10), the workbook's rule.
func TestTopicsExamplesNeedAShare(t *testing.T) {
	out, errs, code := runCLI(t, "", "topics", samplesArticles, "--model", "nmf", "--k", "8", "--table", "examples", "--top", "40", "-t", "csv", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows := 0
	for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		f := strings.Split(line, ",")
		share, err := strconv.ParseFloat(f[4], 64)
		if err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		if share < 0.005 {
			t.Errorf("listed with share %v: %s", share, line)
		}
		rows++
	}
	if rows == 0 || rows >= 8*40 {
		t.Errorf("%d rows: want some, and fewer than 8 topics x 40", rows)
	}
}

// TestTopicsInferBurnIn: topics infer refuses a --burn-in that leaves no
// sweep to average, and one given for an NMF model (the sampler used to
// change the first to --iterations - 1 and ignore the second); --burn-in 0
// discards no sweep (it used to mean 10).
func TestTopicsInferBurnIn(t *testing.T) {
	in := emptyDocCorpus(t)
	dir := t.TempDir()
	lda, nmf := filepath.Join(dir, "lda.model"), filepath.Join(dir, "nmf.model")
	mustRun(t, "topics", in, "--min-df", "2", "--k", "2", "-q", "--save-model", lda)
	mustRun(t, "topics", in, "--min-df", "2", "--k", "2", "-q", "--model", "nmf", "--save-model", nmf)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--model", lda, "--burn-in", "100"}, "--burn-in 100 leaves no sweep of --iterations 100 to average"},
		{[]string{"--model", lda, "--iterations", "20", "--burn-in", "30"}, "--burn-in 30 leaves no sweep of --iterations 20"},
		{[]string{"--model", nmf, "--burn-in", "5"}, "--burn-in: LDA only"},
	} {
		_, errs, code := runCLI(t, "", append(append([]string{"topics", "infer"}, c.args...), in, "-q")...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want exit 2 and %q", c.args, code, errs, c.want)
		}
	}
	// --burn-in 0 runs (it asks for no sweep discarded: InferOptions
	// BurnIn -1, TestInferBurnInOptions).
	mustRun(t, "topics", "infer", "--model", lda, "--burn-in", "0", in, "-q")
}
