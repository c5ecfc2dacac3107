package main

import (
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// topicsSummaryLine matches topics' stderr summary: the mean NPMI and
// UMass, then the diversity.
var topicsSummaryLine = regexp.MustCompile(`mean NPMI (-?[0-9.]+), UMass (-?[0-9.]+)[ ,].*?diversity(?:_top25)? ([0-9.]+)`)

// keysCoherence returns the npmi and umass cells of each topic of a keys
// table (one value per topic, taken from its first row).
func keysCoherence(t *testing.T, rows [][]string) (npmi, umass []string) {
	t.Helper()
	ti, ni, ui := indexOf(rows[0], "topic"), indexOf(rows[0], "npmi"), indexOf(rows[0], "umass")
	if ti < 0 || ni < 0 || ui < 0 {
		t.Fatalf("keys header %v", rows[0])
	}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		if !seen[r[ti]] {
			seen[r[ti]] = true
			npmi = append(npmi, r[ni])
			umass = append(umass, r[ui])
		}
	}
	return npmi, umass
}

// TestTopicsCoherenceIsTheModels: coherence and diversity describe the
// model, so the order the keys table lists words in (--rank, --lambda)
// changes neither, per topic nor in the --k comparison, and topics reports
// the same figures as analyze's workbook for the same model (samples,
// k=10, seed 1: both fit the same LDA on the same vocabulary). Before,
// topics scored the relevance-ranked words: mean NPMI -0.0580 against the
// workbook's -0.0437.
func TestTopicsCoherenceIsTheModels(t *testing.T) {
	base := []string{"topics", samplesDir, "--k", "10", "--seed", "1"}
	var npmi, umass []string
	var summary []string
	for i, extra := range [][]string{nil, {"--lambda", "0.3"}, {"--rank", "weight"}} {
		out, errs, code := runCLI(t, "", append(base, extra...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", extra, code, errs)
		}
		n, u := keysCoherence(t, parseTable(t, out))
		m := topicsSummaryLine.FindStringSubmatch(errs)
		if m == nil {
			t.Fatalf("%v: no summary line in %q", extra, errs)
		}
		if i == 0 {
			npmi, umass, summary = n, u, m[1:]
			continue
		}
		for k := range npmi {
			if n[k] != npmi[k] || u[k] != umass[k] {
				t.Errorf("%v: topic %d coherence npmi %s umass %s, want %s %s as with the default ranking", extra, k, n[k], u[k], npmi[k], umass[k])
			}
		}
		for j, name := range []string{"mean NPMI", "mean UMass", "diversity"} {
			if m[1+j] != summary[j] {
				t.Errorf("%v: %s %s, want %s as with the default ranking", extra, name, m[1+j], summary[j])
			}
		}
	}

	path := filepath.Join(t.TempDir(), "r.xlsx")
	if _, errs, code := runCLI(t, "", "analyze", samplesDir, "--k", "10", "--seed", "1", "--no-framing", "-o", path); code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, errs)
	}
	tp := rawSheet(t, path, "Topics")
	ni, ui := indexOf(tp[0], "NPMI"), indexOf(tp[0], "UMass")
	if len(tp)-1 != len(npmi) {
		t.Fatalf("workbook has %d topics, topics %d", len(tp)-1, len(npmi))
	}
	near := func(a, b string) bool {
		x, err1 := strconv.ParseFloat(a, 64)
		y, err2 := strconv.ParseFloat(b, 64)
		return err1 == nil && err2 == nil && math.Abs(x-y) <= 1e-9*(1+math.Abs(y))
	}
	for k, r := range tp[1:] {
		if !near(npmi[k], cellAt(r, ni)) || !near(umass[k], cellAt(r, ui)) {
			t.Errorf("topic %d: topics npmi %s umass %s, workbook topic %s NPMI %s UMass %s", k, npmi[k], umass[k], r[0], cellAt(r, ni), cellAt(r, ui))
		}
	}
	results := map[string]string{}
	for _, r := range rawSheet(t, path, "Manifest") {
		if len(r) >= 3 && r[0] == "result" {
			results[r[1]] = r[2]
		}
	}
	format := func(s string, prec int) string {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return "not a number: " + s
		}
		return strconv.FormatFloat(v, 'f', prec, 64)
	}
	if got := format(results["topic_coherence_mean_npmi"], 4); got != summary[0] {
		t.Errorf("workbook topic_coherence_mean_npmi %s, topics mean NPMI %s", got, summary[0])
	}
	if got := format(results["topic_diversity_top25"], 3); got != summary[2] {
		t.Errorf("workbook topic_diversity_top25 %s, topics diversity_top25 %s", got, summary[2])
	}

	// The --k comparison: the same table whatever --lambda.
	cmp := []string{"topics", samplesDir, "--k", "5,10", "--seed", "1", "-q"}
	if a, b := mustRun(t, cmp...), mustRun(t, append(cmp, "--lambda", "0.2")...); a != b {
		t.Errorf("--k 5,10 table changes with --lambda 0.2:\n%s\nvs\n%s", a, b)
	}
}
