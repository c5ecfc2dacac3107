package main

import "testing"

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
