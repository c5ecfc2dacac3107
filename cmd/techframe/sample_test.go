package main

import (
	"bytes"
	"container/heap"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline/evaluate"
)

func TestAllocate(t *testing.T) {
	cases := []struct {
		name         string
		n            int
		sizes        []int
		proportional bool
		want         []int
	}{
		// 20 over four strata: 5 each.
		{"equal", 20, []int{177, 138, 27, 469}, false, []int{5, 5, 5, 5}},
		// 40 over sizes 3, 100, 100: the small stratum gives all it has (3);
		// the 37 left split 18/19 between the others, the odd one to the
		// earlier stratum: first pass 13 each + 3 = 39 used... by hand:
		// pass 1: share 40/3 = 13 -> 3, 13, 13 (left 11); pass 2: open are
		// the two large ones, share 5 -> 18, 18 (left 1); pass 3: share 0,
		// the one left goes to the first open stratum -> 19, 18.
		{"equal with a small stratum", 40, []int{3, 100, 100}, false, []int{3, 19, 18}},
		// Proportional: 20 * (177, 138, 27, 469)/811 = 4.365, 3.403, 0.666,
		// 11.566 -> floors 4, 3, 0, 11 (18), remainders .666 > .566 > .403
		// > .365 give the 2 left to both and neutral.
		{"proportional", 20, []int{177, 138, 27, 469}, true, []int{4, 3, 1, 12}},
		// Fewer sentences than n: take them all.
		{"all", 50, []int{10, 5}, false, []int{10, 5}},
		{"all proportional", 15, []int{10, 5}, true, []int{10, 5}},
		// 10 over 7 strata of 1..: share 1 each, then 3 left to the first
		// three that still have room.
		{"remainder in order", 10, []int{1, 5, 5, 5, 5, 5, 5}, false, []int{1, 2, 2, 2, 1, 1, 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := allocate(c.n, c.sizes, c.proportional)
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("allocate(%d, %v, %v) = %v, want %v", c.n, c.sizes, c.proportional, got, c.want)
			}
		})
	}
}

func TestReservoirKeepsSmallestKeys(t *testing.T) {
	r := &reservoir{k: 3}
	for _, key := range []uint64{50, 10, 40, 30, 20, 60} {
		k := key
		r.offer(k, func() *sampled { return &sampled{index: int(k)} })
	}
	if r.seen != 6 || heap.Pop(r).(*sampled).key != 30 {
		t.Errorf("reservoir %+v", r.items)
	}
	got := r.smallest(5)
	if len(got) != 2 || got[0].key != 10 || got[1].key != 20 {
		t.Errorf("smallest = %v", got)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func writeCSV(t *testing.T, path string, recs [][]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.WriteAll(recs)
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// sample's sheet, coded, reads back with evaluate --gold and matches every
// row by index; the draw does not depend on --jobs.
func TestSampleRoundTripThroughEvaluate(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	_, errs, code := runCLI(t, "", "sample", samplesArticles, "--n", "24", "--seed", "5", "--jobs", "1", "-o", a)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "24 sentences drawn") {
		t.Errorf("no summary on stderr: %s", errs)
	}
	if _, errs, code = runCLI(t, "", "sample", samplesArticles, "--n", "24", "--seed", "5", "--jobs", "3", "-q", "-o", b); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	ab, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	if string(ab) != string(bb) {
		t.Error("--jobs 1 and --jobs 3 drew different samples")
	}
	recs := readCSV(t, a)
	head := "doc_id,index,start,end,sentence,context_before,context_after,system_frame,label,note"
	if strings.Join(recs[0], ",") != head || len(recs) != 25 {
		t.Fatalf("header %v, %d rows", recs[0], len(recs)-1)
	}
	// Equal allocation: 6 per frame (every frame has at least 6 sentences).
	per := map[string]int{}
	for _, r := range recs[1:] {
		per[r[7]]++
		if r[4] == "" || r[8] != "" || r[9] != "" {
			t.Errorf("row %v", r)
		}
	}
	if per["cooperation"] != 6 || per["competition"] != 6 || per["both"] != 6 || per["neutral"] != 6 {
		t.Errorf("per-frame counts %v, want 6 each", per)
	}
	// Code it: copy the system's label into every row but the last two,
	// which stay blank (uncoded), and flip the first one.
	for i, r := range recs[1:] {
		if i < len(recs)-3 {
			r[8] = r[7]
		}
	}
	flip := map[string]string{"neutral": "both", "both": "neutral", "cooperation": "competition", "competition": "cooperation"}
	recs[1][8] = flip[recs[1][7]]
	writeCSV(t, a, recs)
	out, errs, code := runCLI(t, "", "evaluate", "--gold", a, samplesArticles, "-t", "json")
	if code != 0 {
		t.Fatalf("evaluate exit %d: %s", code, errs)
	}
	r := decodeEval(t, out)
	if r.Rows != 22 || r.MatchKinds["index"] != 22 || r.Unmatched != 0 || r.Metrics.Agree != 21 {
		t.Errorf("rows %d kinds %v unmatched %d agree %d", r.Rows, r.MatchKinds, r.Unmatched, r.Metrics.Agree)
	}
	checkConsistent(t, r)
}

func TestSampleModes(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name  string
		args  []string
		rows  int
		check func(t *testing.T, recs [][]string)
	}{
		{"blind has no system_frame", []string{"--n", "8", "--blind"}, 8, func(t *testing.T, recs [][]string) {
			if strings.Join(recs[0], ",") != "doc_id,index,start,end,sentence,context_before,context_after,label,note" {
				t.Errorf("header %v", recs[0])
			}
		}},
		{"simple random sample", []string{"--n", "15", "--stratify", "none"}, 15, nil},
		{"by metadata, proportional", []string{"--n", "16", "--stratify", "outlet_type", "--stratify-mode", "proportional", "--context", "0"}, 16, func(t *testing.T, recs [][]string) {
			for _, r := range recs[1:] {
				if r[5] != "" || r[6] != "" {
					t.Errorf("--context 0 gave context %q %q", r[5], r[6])
				}
			}
		}},
		{"more than there are", []string{"--n", "100000", "--stratify", "none"}, -1, nil},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, fmt.Sprintf("s%d.csv", i))
			_, errs, code := runCLI(t, "", append([]string{"sample", samplesArticles, "-o", out, "-q"}, c.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			recs := readCSV(t, out)
			if c.rows >= 0 && len(recs)-1 != c.rows {
				t.Errorf("%d rows, want %d", len(recs)-1, c.rows)
			}
			if c.rows < 0 && len(recs) < 500 {
				t.Errorf("only %d rows when every sentence was asked for", len(recs)-1)
			}
			// Rows are in corpus order and start/end are byte offsets of
			// the sentence in its document.
			for _, r := range recs[1:] {
				var s, e int
				fmt.Sscan(r[2], &s)
				fmt.Sscan(r[3], &e)
				if e-s != len(r[4]) {
					t.Errorf("start/end %d-%d for a %d-byte sentence", s, e, len(r[4]))
				}
			}
			if c.check != nil {
				c.check(t, recs)
			}
		})
	}
	for _, bad := range [][]string{{"--n", "0"}, {"--stratify-mode", "neyman"}, {"-o", filepath.Join(dir, "x.json")}, {"--context", "-1"}} {
		_, errs, code := runCLI(t, "", append([]string{"sample", samplesArticles}, bad...)...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", bad, code, errs)
		}
	}
}

// --exclude: a second round draws none of the first round's sentences, and
// with the same seed it continues the first round's random order, so two
// rounds of 40 are the one draw of 80.
func TestSampleExcludeContinuesTheDraw(t *testing.T) {
	dir := t.TempDir()
	r1, r2, both := filepath.Join(dir, "r1.csv"), filepath.Join(dir, "r2.csv"), filepath.Join(dir, "80.csv")
	for _, args := range [][]string{
		{"sample", samplesDir, "--n", "40", "--seed", "3", "-o", r1},
		{"sample", samplesDir, "--n", "40", "--seed", "3", "--exclude", r1, "-o", r2},
		{"sample", samplesDir, "--n", "80", "--seed", "3", "-o", both},
	} {
		if _, errs, code := runCLI(t, "", args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
	}
	keys := func(path string) map[string]bool {
		out := map[string]bool{}
		recs := readCSV(t, path)
		for _, r := range recs[1:] {
			out[r[0]+"#"+r[1]] = true
		}
		return out
	}
	a, b, ab := keys(r1), keys(r2), keys(both)
	if len(a) != 40 || len(b) != 40 {
		t.Fatalf("rounds of %d and %d sentences, want 40 each", len(a), len(b))
	}
	for k := range b {
		if a[k] {
			t.Errorf("%s drawn in both rounds", k)
		}
	}
	for k := range ab {
		if !a[k] && !b[k] {
			t.Errorf("%s is in the draw of 80 but in neither round of 40", k)
		}
	}
	if len(ab) != 80 {
		t.Errorf("draw of 80 has %d rows", len(ab))
	}

	// By sentence text, from a sheet without doc_id / index.
	recs := readCSV(t, r1)
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	textOnly := [][]string{{"sentence", "label"}}
	for _, r := range recs[1:] {
		textOnly = append(textOnly, []string{r[col["sentence"]], ""})
	}
	sheet := filepath.Join(dir, "text.csv")
	writeCSV(t, sheet, textOnly)
	r3 := filepath.Join(dir, "r3.csv")
	if _, errs, code := runCLI(t, "", "sample", samplesDir, "--n", "40", "--seed", "3", "--exclude", sheet, "-o", r3); code != 0 {
		t.Fatalf("exclude by text: exit %d: %s", code, errs)
	}
	for k := range keys(r3) {
		if a[k] {
			t.Errorf("excluded by text, %s drawn again", k)
		}
	}

	// A sheet with neither doc_id + index nor sentence, or a bad index.
	bad := writeFile(t, dir, "bad.csv", "label,note\ncooperation,\n")
	if _, errs, code := runCLI(t, "", "sample", samplesDir, "--exclude", bad); code != 2 || !strings.Contains(errs, bad+":1:") {
		t.Errorf("sheet without the columns: exit %d, %q", code, errs)
	}
	badIdx := writeFile(t, dir, "badidx.csv", "doc_id,index\na01,0\na01,first\n")
	if _, errs, code := runCLI(t, "", "sample", samplesDir, "--exclude", badIdx); code != 2 || !strings.Contains(errs, badIdx+":3:") {
		t.Errorf("bad index: exit %d, %q", code, errs)
	}
}

// Text that a spreadsheet would run as a formula is written with a leading
// apostrophe in the coding sheet and in evaluate's errors.csv, and the
// apostrophe is taken off again when the coded sheet is read back, so every
// row matches by doc_id + index and by doc_id + sentence text.
func TestSampleSheetDefusesFormulasAndEvaluateReadsThemBack(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, dir, "formulas.jsonl",
		`{"id":"=d1","text":"=SUM(1,2) marks cooperation between China and the United States. +1 for partnership and joint research."}`+"\n"+
			`{"id":"@d2","text":"-2+3 rivalry and strategic competition grow. @cmd|' /C calc'!A0 is a contest for dominance."}`+"\n")
	sheet := filepath.Join(dir, "tocode.csv")
	if _, errs, code := runCLI(t, "", "sample", corpus, "--n", "100", "--stratify", "none", "-q", "-o", sheet); code != 0 {
		t.Fatalf("sample: exit %d: %s", code, errs)
	}
	recs := readCSV(t, sheet)
	if len(recs) != 5 {
		t.Fatalf("%d rows, want the 4 sentences: %v", len(recs)-1, recs)
	}
	noFormula := func(name string, recs [][]string) {
		t.Helper()
		for _, r := range recs {
			for _, cell := range r {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%s: cell %q would run as a formula", name, cell)
				}
			}
		}
	}
	noFormula("sample", recs)
	starts := map[string]bool{}
	for _, r := range recs[1:] {
		if !strings.HasPrefix(r[0], "'") || !strings.HasPrefix(r[4], "'") {
			t.Errorf("doc_id %q, sentence %q: want both escaped with an apostrophe", r[0], r[4])
		}
		starts[r[4][:2]] = true
	}
	for _, want := range []string{"'=", "'+", "'-", "'@"} {
		if !starts[want] {
			t.Errorf("no sentence starts with %q: %v", want, starts)
		}
	}
	// Code every row with a label other than the system's, so every row is
	// a disagreement in errors.csv; a note that looks like a formula too.
	flip := map[string]string{"neutral": "both", "both": "neutral", "cooperation": "competition", "competition": "cooperation"}
	for _, r := range recs[1:] {
		r[8], r[9] = flip[r[7]], "=1+1"
	}
	writeCSV(t, sheet, recs)
	// The same sheet with doc_id + sentence only: matched by text.
	textOnly := [][]string{{"doc_id", "sentence", "label"}}
	for _, r := range recs[1:] {
		textOnly = append(textOnly, []string{r[0], r[4], r[8]})
	}
	byText := filepath.Join(dir, "bytext.csv")
	writeCSV(t, byText, textOnly)
	for _, c := range []struct {
		gold, kind string
	}{{sheet, "index"}, {byText, "exact"}} {
		errCSV := filepath.Join(dir, c.kind+"-errors.csv")
		out, errs, code := runCLI(t, "", "evaluate", "--gold", c.gold, corpus, "-t", "json", "-o", errCSV)
		if code != 0 {
			t.Fatalf("evaluate %s: exit %d: %s", c.kind, code, errs)
		}
		r := decodeEval(t, out)
		if r.Rows != 4 || r.Matched != 4 || r.MatchKinds[c.kind] != 4 || r.Unmatched != 0 {
			t.Errorf("%s: rows %d matched %d kinds %v unmatched %d", c.kind, r.Rows, r.Matched, r.MatchKinds, r.Unmatched)
		}
		if len(r.Disagreements) != 4 {
			t.Errorf("%s: %d disagreements, want 4", c.kind, len(r.Disagreements))
		}
		for _, d := range r.Disagreements {
			if s, _ := d["gold_sentence"].(string); strings.HasPrefix(s, "'") {
				t.Errorf("%s: gold sentence %q kept the apostrophe", c.kind, s)
			}
		}
		errRecs := readCSV(t, errCSV)
		if len(errRecs) != 5 {
			t.Errorf("%s: errors.csv has %d rows, want 4", c.kind, len(errRecs)-1)
		}
		noFormula(c.kind+" errors.csv", errRecs)
	}
	// --exclude reads the escaped sheet too: nothing is left to draw.
	if _, errs, code := runCLI(t, "", "sample", corpus, "--stratify", "none", "--exclude", sheet, "-o", filepath.Join(dir, "r2.csv")); code != 0 || !strings.Contains(errs, "0 sentences drawn") {
		t.Errorf("--exclude the escaped sheet: exit %d, %s", code, errs)
	}
}

// --exclude takes sample's escaping off the doc_id and sentence cells only:
// an index is never written escaped, so one typed with an apostrophe is not
// a sentence number.
func TestReadExcludesRestoresOnlySampleColumns(t *testing.T) {
	dir := t.TempDir()
	sheet := writeFile(t, dir, "sheet.csv", "doc_id,index,sentence,label,note\n"+
		"'=d1,0,x,'-neutral,'-note\n"+
		",,\"''-ism' is overused.\",,\n")
	x, err := readExcludes([]string{sheet})
	if err != nil {
		t.Fatal(err)
	}
	if rows := x.byIndex["=d1"]; len(rows) != 1 || rows[0].index != 0 || !x.byText[evaluate.Normalize("'-ism' is overused.")] || x.rows != 2 {
		t.Errorf("escaped doc_id / sentence not restored: %+v", x)
	}
	bad := writeFile(t, dir, "bad.csv", "doc_id,index,label\nd1,'+3,\n")
	if _, err := readExcludes([]string{bad}); err == nil || !strings.Contains(err.Error(), `index "'+3"`) {
		t.Errorf("index typed as '+3: got %v, want it reported as typed", err)
	}
}

// A coding sheet re-saved by Excel in a European locale (BOM, CRLF, ';'
// between fields) or as tab-delimited text reads back in evaluate --gold
// and sample --exclude like the comma-separated one.
func TestCodingSheetSemicolonAndTab(t *testing.T) {
	dir := t.TempDir()
	sheet := filepath.Join(dir, "tc.csv")
	if _, errs, code := runCLI(t, "", "sample", samplesArticles, "--n", "12", "-q", "-o", sheet); code != 0 {
		t.Fatalf("sample: exit %d: %s", code, errs)
	}
	recs := readCSV(t, sheet)
	for _, r := range recs[1:] {
		r[8] = r[7]
	}
	for _, sep := range []rune{';', '\t'} {
		var b bytes.Buffer
		b.WriteString("\xef\xbb\xbf")
		w := csv.NewWriter(&b)
		w.Comma, w.UseCRLF = sep, true
		if err := w.WriteAll(recs); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "sep.csv")
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, errs, code := runCLI(t, "", "evaluate", "--gold", p, samplesArticles, "-t", "json")
		if code != 0 {
			t.Fatalf("evaluate, separator %q: exit %d: %s", sep, code, errs)
		}
		if r := decodeEval(t, out); r.MatchKinds["index"] != 12 || r.Unmatched != 0 || r.Metrics.Agree != 12 {
			t.Errorf("separator %q: kinds %v, unmatched %d, agree %d", sep, r.MatchKinds, r.Unmatched, r.Metrics.Agree)
		}
		_, errs, code = runCLI(t, "", "sample", samplesArticles, "--n", "5", "--exclude", p, "-o", filepath.Join(dir, "next.csv"))
		if code != 0 || !strings.Contains(errs, "12 sentences left out, listed in 12 rows") {
			t.Errorf("sample --exclude, separator %q: exit %d: %s", sep, code, errs)
		}
	}
}
