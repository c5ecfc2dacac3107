package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const trainGold = "../../pipeline/framing/testdata/gold/dev.csv"

func TestFramingTrainAndUse(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.json")
	_, errs, code := runCLI(t, "", "framing", "train", "--gold", trainGold, "--gold", "../../samples/coded.csv", "-o", model)
	if code != 0 {
		t.Fatalf("train: exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "leave-one-file-out") || !strings.Contains(errs, "in-sample") {
		t.Errorf("stderr lacks the score tables:\n%s", errs)
	}
	first, err := os.ReadFile(model)
	if err != nil {
		t.Fatal(err)
	}
	// Same files, same bytes.
	out, _, code := runCLI(t, "", "framing", "train", "-q", "--gold", trainGold, "--gold", "../../samples/coded.csv", "-o", "-")
	if code != 0 || out != string(first) {
		t.Errorf("retraining to stdout: exit %d, same bytes %v", code, out == string(first))
	}
	text := "China and Brazil signed a partnership on satellite data. Washington sees Beijing as a strategic rival in chips.\n"
	for _, args := range [][]string{
		{"annotate", "--framing-model", model},
		{"annotate", "--framing-rule"},
		{"annotate"},
	} {
		out, errs, code := runCLI(t, text, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		if !strings.Contains(out, `"frame":"cooperation"`) || !strings.Contains(out, `"frame":"competition"`) {
			t.Errorf("%v: frames missing in %s", args, out)
		}
	}
}

func TestFramingModelErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad-model.json")
	if err := os.WriteFile(bad, []byte(`{"format":"techframe-topics"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"bad model", []string{"annotate", "--framing-model", bad}, "bad-model.json"},
		{"missing model", []string{"annotate", "--framing-model", filepath.Join(dir, "none.json")}, "none.json"},
		{"rule and model", []string{"annotate", "--framing-rule", "--framing-model", bad}, "cannot be used together"},
		{"no gold", []string{"framing", "train", "-o", filepath.Join(dir, "m.json")}, "--gold"},
		{"no output", []string{"framing", "train", "--gold", trainGold}, "-o MODEL.json"},
		{"bad l2", []string{"framing", "train", "--gold", trainGold, "--l2", "0", "-o", "-"}, "--l2"},
		{"bad gold", []string{"framing", "train", "--gold", bad, "-o", "-"}, "bad-model.json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errs, code := runCLI(t, "China and Brazil signed a partnership.\n", tc.args...)
			if code != 2 || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 mentioning %q", code, errs, tc.want)
			}
		})
	}
}

// One gold file gets a cross-validated estimate: whole documents per fold
// when it has doc_id, consecutive rows otherwise; every row is scored in
// exactly one fold.
func TestFramingTrainCrossValidatesOneFile(t *testing.T) {
	_, errs, code := runCLI(t, "", "framing", "train", "--gold", "../../samples/coded.csv", "-o", filepath.Join(t.TempDir(), "m.json"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "5-fold cross-validation by document") || !strings.Contains(errs, "the honest estimate") {
		t.Fatalf("stderr lacks the cross-validation table:\n%s", errs)
	}
	if rows := foldRows(t, errs); rows != 518 {
		t.Errorf("folds score %d rows, the file has 518", rows)
	}
	// dev.csv has no doc_id: consecutive blocks.
	_, errs, code = runCLI(t, "", "framing", "train", "--gold", trainGold, "-o", filepath.Join(t.TempDir(), "m.json"))
	if code != 0 || !strings.Contains(errs, "by consecutive rows") {
		t.Fatalf("dev.csv: exit %d:\n%s", code, errs)
	}
	if rows := foldRows(t, errs); rows != 400 {
		t.Errorf("folds score %d rows, dev.csv has 400", rows)
	}
}

// foldRows sums the rows column of the "fold N" lines of a training report.
func foldRows(t *testing.T, report string) int {
	t.Helper()
	n := 0
	for _, line := range strings.Split(report, "\n") {
		f := strings.Fields(line)
		if len(f) > 2 && f[0] == "fold" {
			k, err := strconv.Atoi(f[2])
			if err != nil {
				t.Fatalf("fold line %q", line)
			}
			n += k
		}
	}
	return n
}

// --builtin adds the embedded training sets to the fit and to the training
// side of every fold; the estimate still scores only the user's rows, and
// the held-out test sets are never among the built-in sets.
func TestFramingTrainBuiltin(t *testing.T) {
	dir := t.TempDir()
	with, without := filepath.Join(dir, "with.json"), filepath.Join(dir, "without.json")
	_, errs, code := runCLI(t, "", "framing", "train", "--builtin", "--gold", "../../samples/coded.csv", "-o", with)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "rows from the built-in gold sets") {
		t.Errorf("stderr does not say built-in rows were used:\n%s", errs)
	}
	if rows := foldRows(t, errs); rows != 518 {
		t.Errorf("folds score %d rows; want only the 518 of coded.csv", rows)
	}
	if _, errs, code := runCLI(t, "", "framing", "train", "-q", "--gold", "../../samples/coded.csv", "-o", without); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	a, _ := os.ReadFile(with)
	b, _ := os.ReadFile(without)
	if string(a) == string(b) {
		t.Error("--builtin made no difference to the model")
	}
	for _, want := range []string{`"builtin:dev.csv"`, `"builtin:train9.csv"`, `"builtin:codebook.csv"`, `coded.csv"`} {
		if !strings.Contains(string(a), want) {
			t.Errorf("model's training sets lack %s", want)
		}
	}
	if strings.Contains(string(a), "heldout4") || strings.Contains(string(a), "heldout5") {
		t.Error("a held-out test set is among the built-in training sets")
	}
}
