package main

import (
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// kwFormulaCorpus has ids and sentences that a spreadsheet would run as
// formulas.
const kwFormulaCorpus = `{"id":"=1+1","grp":"a","text":"=2+3 China rivalry deepens. -5+2 Beijing rivalry grows."}
{"id":"@x","grp":"a","text":"+7 chips rivalry over export controls."}
{"id":"-d3","grp":"b","text":"Cooperation on chips and standards. Joint research on standards."}
{"id":"d4","grp":"b","text":"Joint cooperation on standards and chips continues."}
`

// readTable parses a TSV or CSV table written by a table command.
func readTable(t *testing.T, out, format string) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(out))
	if format == "tsv" {
		r.Comma = '\t'
	}
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	return recs
}

// The TSV and CSV tables of kwic, keywords, keyness, collocations and
// topics give text that a spreadsheet would run as a formula a leading
// apostrophe, as analyze's CSV tables do; numbers (a negative log ratio)
// stay numbers, and JSONL stays raw.
func TestKwOutputDefusesFormulas(t *testing.T) {
	corpus := writeFile(t, t.TempDir(), "c.jsonl", kwFormulaCorpus)
	cases := []struct {
		name string
		args []string
		// want: cells that must appear, escaped
		want []string
	}{
		{"kwic", []string{"kwic", "rivalry", corpus}, []string{"'=1+1", "'=2+3 China", "'@x", "'+7 chips"}},
		{"keywords", []string{"keywords", corpus}, []string{"'=1+1", "'-d3"}},
		{"keywords-group", []string{"keywords", corpus, "--group-by", "grp"}, []string{"'=1+1"}},
		{"keyness", []string{"keyness", corpus, "--target", "grp=a", "--direction", "both", "--top", "100"}, []string{"'=2+3 China rivalry deepens."}},
		{"collocations", []string{"collocations", "rivalry", corpus, "--min-count", "1"}, []string{"'=1+1"}},
		{"topics-docs", []string{"topics", corpus, "--k", "2", "--table", "docs", "--iterations", "20"}, []string{"'=1+1", "'-d3", "'@x"}},
		{"topics-examples", []string{"topics", corpus, "--k", "2", "--table", "examples", "--iterations", "20"}, []string{"'=1+1"}},
	}
	for _, c := range cases {
		for _, format := range []string{"tsv", "csv"} {
			out, errs, code := runCLI(t, "", append(c.args, "-t", format)...)
			if code != 0 {
				t.Fatalf("%s -t %s: exit %d: %s", c.name, format, code, errs)
			}
			recs := readTable(t, out, format)
			cells := map[string]bool{}
			negative := false
			for _, r := range recs[1:] {
				for _, cell := range r {
					cells[cell] = true
					if cell == "" || !strings.ContainsAny(cell[:1], "=+-@") {
						continue
					}
					if _, err := strconv.ParseFloat(cell, 64); err != nil {
						t.Errorf("%s -t %s: cell %q would run as a formula", c.name, format, cell)
					}
					negative = true
				}
			}
			for _, w := range c.want {
				if !cells[w] {
					t.Errorf("%s -t %s: no cell %q:\n%s", c.name, format, w, out)
				}
			}
			if c.name == "keyness" && !negative {
				t.Errorf("keyness -t %s: want a negative log ratio written as a number:\n%s", format, out)
			}
		}
	}
	// JSONL is data for programs: raw.
	out, errs, code := runCLI(t, "", "kwic", "rivalry", corpus, "-t", "jsonl")
	if code != 0 {
		t.Fatalf("kwic -t jsonl: exit %d: %s", code, errs)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &rec); err != nil || rec["doc_id"] != "=1+1" || rec["left"] != "=2+3 China" {
		t.Errorf("kwic jsonl: %v %v", rec, err)
	}
}
