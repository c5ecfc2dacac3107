package main

import (
	"strings"
	"testing"
)

// A --stopwords file saved with a byte-order mark (Notepad, Excel) keeps
// its first word.
func TestKeywordsStopwordsFileWithByteOrderMark(t *testing.T) {
	dir := t.TempDir()
	stop := writeFile(t, dir, "stop.txt", "\uFEFFchips\r\nrivalry\r\n")
	out, errs, code := runCLI(t, "", "keywords", kwCorpus, "--stopwords", stop, "--top", "50")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, r := range readTable(t, out, "tsv")[1:] {
		if r[2] == "chips" || r[2] == "rivalry" {
			t.Errorf("stop word %q kept: %v", r[2], r)
		}
	}
}

// keywords says, once and counted, how many documents (or groups) have no
// term left and so no rows, as topics does.
func TestKeywordsCountsDocumentsWithoutTerms(t *testing.T) {
	corpus := writeFile(t, t.TempDir(), "e.jsonl", `{"id":"a","g":"x","text":"China chips."}
{"id":"b","g":"y","text":"The of and."}
{"id":"c","g":"y","text":"It is."}
{"id":"d","g":"z","text":"Rivalry grows."}
`)
	_, errs, code := runCLI(t, "", "keywords", corpus)
	want := "warning: keywords: 2 of 4 documents have no term left after the vocabulary settings (stop words, --min-df, --max-df, --max-terms) and have no rows: b, c\n"
	if code != 0 || !strings.Contains(errs, want) || strings.Count(errs, "warning") != 1 {
		t.Errorf("exit %d, stderr %q; want one warning %q", code, errs, want)
	}
	_, errs, code = runCLI(t, "", "keywords", corpus, "--group-by", "g")
	want = "warning: keywords: 1 of 3 groups have no term left after the vocabulary settings (stop words, --min-df, --max-df, --max-terms) and have no rows: y\n"
	if code != 0 || !strings.Contains(errs, want) || strings.Count(errs, "warning") != 1 {
		t.Errorf("--group-by: exit %d, stderr %q; want one warning %q", code, errs, want)
	}
	if _, errs, _ := runCLI(t, "", "keywords", kwCorpus); strings.Contains(errs, "warning") {
		t.Errorf("every document has terms, yet: %s", errs)
	}
}

// A bad input format is reported under the flag the user typed.
func TestInputFormatErrorNamesTheFlagGiven(t *testing.T) {
	for _, flag := range []string{"--input-format", "--format"} {
		_, errs, code := runCLI(t, "", "keywords", kwCorpus, flag, "pdf")
		if code != 2 || !strings.Contains(errs, "unknown "+flag+` "pdf"`) {
			t.Errorf("%s pdf: exit %d: %s", flag, code, errs)
		}
	}
}
