package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const kwCorpus = "testdata/kw/corpus.jsonl"

func TestKeywordsPerDocAndGroup(t *testing.T) {
	out, errs, code := runCLI(t, "", "keywords", kwCorpus, "--top", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != "doc_id\trank\tterm\tscore\tcount\texample_sentence" || len(lines) != 1+4*2 {
		t.Fatalf("output:\n%s", out)
	}
	// b1: "rivalry" occurs twice and only in b docs: it must rank first
	if !strings.HasPrefix(lines[5], "b1\t1\trivalry\t") {
		t.Errorf("b1 top term: %q", lines[5])
	}
	out, errs, code = runCLI(t, "", "keywords", kwCorpus, "--group-by", "outlet", "--top", "1", "-t", "jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var recs []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r map[string]any
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		recs = append(recs, r)
	}
	if len(recs) != 2 || recs[0]["group"] != "Post" || recs[0]["term"] != "rivalry" || recs[1]["group"] != "Xinhua" || recs[1]["term"] != "china" {
		t.Errorf("groups: %v", recs)
	}
	// decades of a numeric field
	out, _, code = runCLI(t, "", "keywords", kwCorpus, "--bin", "year:10", "--top", "1", "-t", "csv")
	if code != 0 || !strings.Contains(out, "\n2010s,1,") || !strings.Contains(out, "\n2020s,3,") {
		t.Errorf("bins (exit %d):\n%s", code, out)
	}
}

func TestKeywordsExportMatrix(t *testing.T) {
	dir := t.TempDir()
	_, errs, code := runCLI(t, "", "keywords", kwCorpus, "--export-matrix", dir, "--tf", "sublinear", "--idf", "plain", "--min-df", "2", "-o", filepath.Join(dir, "top.tsv"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, f := range []string{"docs.txt", "terms.txt", "tfidf.mtx", "idf.tsv", "tokens.jsonl", "settings.json", "top.tsv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	terms, _ := os.ReadFile(filepath.Join(dir, "terms.txt"))
	// df >= 2: chips (4), cooperation, controls, export, joint, rivalry (2 each), china (2)
	if got := strings.Fields(string(terms)); strings.Join(got, " ") != "china chips controls cooperation export joint rivalry" {
		t.Errorf("terms %q", got)
	}
	var set map[string]any
	b, _ := os.ReadFile(filepath.Join(dir, "settings.json"))
	if err := json.Unmarshal(b, &set); err != nil || set["min_df"] != float64(2) || set["smooth_idf"] != false || set["sublinear_tf"] != true || set["norm"] != "l2" {
		t.Errorf("settings %s", b)
	}
	if !strings.Contains(string(b), `"max_df": 1.0`) {
		t.Errorf("max_df must be written as the float 1.0: %s", b)
	}
	mtx, _ := os.ReadFile(filepath.Join(dir, "tfidf.mtx"))
	if !strings.HasPrefix(string(mtx), "%%MatrixMarket matrix coordinate real general\n") {
		t.Errorf("mtx header: %.80s", mtx)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestKeynessCLI(t *testing.T) {
	out, errs, code := runCLI(t, "", "keyness", kwCorpus, "--target", "outlet=Post", "--top", "3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.HasPrefix(lines[0], "term\tg2\tp\tlog_ratio\tdirection\ttarget_count\treference_count") {
		t.Fatalf("header %q", lines[0])
	}
	f := strings.Split(lines[1], "\t")
	if f[0] != "rivalry" || f[4] != "over" || f[5] != "3" || f[6] != "0" || f[9] != "b1" || !strings.Contains(f[11], "rivalry") {
		t.Errorf("first key: %q", f)
	}
}

func TestCollocationsCLI(t *testing.T) {
	out, errs, code := runCLI(t, "", "collocations", "chips", kwCorpus, "--window", "2", "--min-count", "1", "-t", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != "group,node,collocate,observed,expected,pmi,log_dice,node_freq,collocate_freq,corpus_tokens,example_doc,example_sentence_index" {
		t.Fatalf("header %q", lines[0])
	}
	// N = 42 word tokens, f(chips) = 4, W = 4. Within 2 tokens of chips, same sentence: cooperation (a1),
	// research, continue (a2), controls, escalate (b1), rivalry (b2); "joint" in a2 is 3 tokens away.
	// continue: O = 1, f = 1: E = 4*1*4/42 = 0.380952381, PMI = log2(1/E) = 1.392317423,
	// log-Dice = 14 + log2(2/5) = 12.67807191.
	if len(lines) != 7 || lines[1] != ",chips,continue,1,0.380952381,1.392317423,12.67807191,4,1,42,a2,0" {
		t.Errorf("collocates:\n%s", out)
	}
	// rivalry (f = 3) comes last: log-Dice 14 + log2(2/7)
	if !strings.HasPrefix(lines[6], ",chips,rivalry,1,1.142857143,") {
		t.Errorf("last: %s", lines[6])
	}
	out, _, _ = runCLI(t, "", "collocations", "chips", kwCorpus, "--window", "2", "-t", "csv") // default --min-count 2
	if strings.Count(out, "\n") != 1 {
		t.Errorf("--min-count 2 should leave only the header:\n%s", out)
	}
	_, errs, code = runCLI(t, "", "collocations", "the", kwCorpus)
	if code != 2 || !strings.Contains(errs, "not a term") {
		t.Errorf("stop-word node: exit %d %s", code, errs)
	}
}

// TestCollocationsWindowSkipsPunctuation: the audit's repro through the real
// tokenizer. Words: alpha0 node1 beta2 gamma3 (N = 4); the comma and brackets
// do not use up the window, so --window 1 reaches alpha and beta (before the
// fix only alpha) and --window 2 also gamma (before, --window 4 did not).
// At window 1: E = 1*1*2/4 = 0.5, PMI = 1, log-Dice = 14.
func TestCollocationsWindowSkipsPunctuation(t *testing.T) {
	in := filepath.Join(t.TempDir(), "pw.txt")
	if err := os.WriteFile(in, []byte("Alpha node, (beta) gamma.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ window, want string }{
		{"1", ",node,alpha,1,0.5,1,14,1,1,4,pw.txt,0\n,node,beta,1,0.5,1,14,1,1,4,pw.txt,0\n"},
		{"2", ",node,alpha,1,1,0,14,1,1,4,pw.txt,0\n,node,beta,1,1,0,14,1,1,4,pw.txt,0\n,node,gamma,1,1,0,14,1,1,4,pw.txt,0\n"},
	} {
		out, errs, code := runCLI(t, "", "collocations", "node", in, "--window", tc.window, "--min-count", "1", "-t", "csv", "-q")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		out = strings.ReplaceAll(out, in, "pw.txt") // the document id is the path
		if _, rows, _ := strings.Cut(out, "\n"); rows != tc.want {
			t.Errorf("--window %s:\n%s\nwant\n%s", tc.window, rows, tc.want)
		}
	}
}

func TestKWICCLI(t *testing.T) {
	out, errs, code := runCLI(t, "", "kwic", "export control*", kwCorpus, "--window", "2", "--sort", "right")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := "doc_id\tsentence\tstart\tend\tleft\tmatch\tright\n" +
		"b2\t0\t14\t29\tSanctions and\texport controls\tmark a\n" +
		"b1\t0\t0\t15\t\tExport controls\ton chips\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

func TestKWBadInput(t *testing.T) {
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"keywords", kwCorpus, "--group-by", "country"}, 2, `"country": no document has this metadata field; available fields: outlet, year`},
		{[]string{"keyness", kwCorpus, "--target", "outlet=Reuters"}, 1, "matched no document; values of outlet: Post, Xinhua"},
		{[]string{"keyness", kwCorpus, "--target", "lang=en"}, 2, "available fields"},
		{[]string{"keyness", kwCorpus}, 2, "--target FIELD=VALUE is required"},
		{[]string{"keywords", kwCorpus, "--min-df", "5"}, 1, "--min-df"},
		{[]string{"keywords", kwCorpus, "--min-df", "abc"}, 2, "--min-df"},
		{[]string{"keywords", kwCorpus, "--tf", "log"}, 2, "--tf must be"},
		{[]string{"keywords", kwCorpus, "--ngrams", "3-1"}, 2, "--ngrams"},
		{[]string{"keywords", kwCorpus, "-t", "xml"}, 2, "--output-format"},
		{[]string{"kwic", "sort", kwCorpus, "--sort", "middle"}, 2, "--sort"},
	}
	for _, c := range cases {
		out, errs, code := runCLI(t, "", c.args...)
		if code != c.code || !strings.Contains(errs, c.msg) {
			t.Errorf("%v: exit %d (want %d), stderr %q does not contain %q", c.args, code, c.code, errs, c.msg)
		}
		if out != "" {
			t.Errorf("%v: output on failure: %q", c.args, out)
		}
	}
	// a failed run leaves no file
	dir := t.TempDir()
	o := filepath.Join(dir, "k.tsv")
	runCLI(t, "", "keywords", kwCorpus, "--min-df", "5", "-o", o)
	if _, err := os.Stat(o); !os.IsNotExist(err) {
		t.Errorf("file written on failure")
	}
}

// TestKeywordsSplitHyphens: --split-hyphens counts the parts of
// hyphenated words; by default a compound is one term.
func TestKeywordsSplitHyphens(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "a.txt", "The US-China rivalry deepens. China-EU talks resume.\n")
	out, errs, code := runCLI(t, "", "keywords", in, "-t", "csv", "--top", "20")
	if code != 0 || !strings.Contains(out, ",us-china,") || strings.Contains(out, ",china,") {
		t.Fatalf("default: exit %d, %s\n%s", code, out, errs)
	}
	out, errs, code = runCLI(t, "", "keywords", in, "-t", "csv", "--top", "20", "--split-hyphens")
	if code != 0 || strings.Contains(out, ",us-china,") || !strings.Contains(out, ",china,") {
		t.Fatalf("--split-hyphens: exit %d, %s\n%s", code, out, errs)
	}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Split(line, ","); len(f) > 4 && f[2] == "china" && f[4] != "2" {
			t.Errorf("china counted %s times, want 2: %s", f[4], line)
		}
	}
}
