package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
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
		{"topics-docs", []string{"topics", corpus, "--k", "2", "--table", "docs", "--iterations", "20", "--optimize-interval", "0"}, []string{"'=1+1", "'-d3", "'@x"}},
		{"topics-examples", []string{"topics", corpus, "--k", "2", "--table", "examples", "--iterations", "20", "--optimize-interval", "0"}, []string{"'=1+1"}},
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

// The -o file's extension sets the format of the table commands unless -t
// is given; a -t it contradicts, or a format they cannot write, is a usage
// error that leaves an existing file as it was.
func TestKwOutputFormatFromExtension(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, dir, "c.jsonl", kwFormulaCorpus)
	ok := []struct {
		file string // -o
		args []string
		head string // first line of the file
	}{
		{"k.csv", []string{"keywords", corpus}, "doc_id,rank,term,score,count,example_sentence"},
		{"K.CSV", []string{"keywords", corpus}, "doc_id,rank,term,score,count,example_sentence"},
		{"k.tsv", []string{"keywords", corpus}, "doc_id\trank\tterm\tscore\tcount\texample_sentence"},
		{"k.txt", []string{"keywords", corpus, "-t", "csv"}, "doc_id,rank,term,score,count,example_sentence"},
		{"k2.csv", []string{"keywords", corpus, "-t", "csv"}, "doc_id,rank,term,score,count,example_sentence"},
		{"w.csv", []string{"kwic", "rivalry", corpus}, "doc_id,sentence,start,end,left,match,right"},
		{"w.jsonl", []string{"kwic", "rivalry", corpus}, `{"doc_id":"=1+1",`},
		{"n.csv", []string{"keyness", corpus, "--target", "grp=a"}, "term,g2,p,log_ratio,"},
		{"c.csv", []string{"collocations", "rivalry", corpus, "--min-count", "1"}, "group,node,collocate,"},
		{"a.csv", []string{"annotate", corpus}, "id,"},
		{"a.tsv", []string{"annotate", corpus, "--level", "sentence"}, "doc_id\t"},
		{"a.jsonl", []string{"annotate", corpus}, `{"id":`},
	}
	for _, c := range ok {
		path := filepath.Join(dir, c.file)
		_, errs, code := runCLI(t, "", append(c.args, "-o", path)...)
		if code != 0 {
			t.Fatalf("%v -o %s: exit %d: %s", c.args, c.file, code, errs)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(b), c.head) {
			t.Errorf("%v -o %s: file starts %.80q, want %q", c.args, c.file, b, c.head)
		}
	}
	bad := []struct {
		args []string
		say  string
	}{
		{[]string{"keywords", corpus, "-o", "o.xlsx"}, "keywords: -o " + "o.xlsx: keywords writes tsv, csv or jsonl, not a workbook"},
		{[]string{"kwic", "china", corpus, "-o", "k.xlsx"}, "kwic: -o k.xlsx: kwic writes tsv, csv or jsonl, not a workbook"},
		{[]string{"keyness", corpus, "--target", "grp=a", "-o", "n.json"}, "not a JSON document; name the file .jsonl"},
		{[]string{"keywords", corpus, "-t", "tsv", "-o", "o.csv"}, "-t tsv and -o o.csv disagree"},
		{[]string{"kwic", "china", corpus, "-o", "k.tsv", "-t", "jsonl"}, "-t jsonl and -o k.tsv disagree"},
		{[]string{"topics", corpus, "--k", "2", "-o", "t.ods"}, "topics: -o t.ods: topics writes tsv, csv or jsonl"},
		{[]string{"topics", "infer", "--model", "m.json", corpus, "-o", "t.xlsx"}, "topics infer: -o t.xlsx: topics infer writes"},
		{[]string{"collocations", "china", corpus, "-t", "xlsx"}, "-t/--output-format must be tsv, csv or jsonl, not \"xlsx\""},
		{[]string{"annotate", corpus, "-o", "a.xlsx"}, "annotate: -o a.xlsx: annotate writes tsv, csv or jsonl, not a workbook"},
		{[]string{"annotate", corpus, "-t", "tsv", "-o", "a.csv"}, "-t tsv and -o a.csv disagree"},
		{[]string{"annotate", corpus, "--format", "tsv", "-o", "a.jsonl"}, "--format tsv and -o a.jsonl disagree"},
	}
	for _, c := range bad {
		args := append([]string(nil), c.args...)
		var path string
		for i := range args {
			if args[i] == "-o" {
				path = filepath.Join(dir, "old-"+args[i+1])
				args[i+1] = path
				c.say = strings.ReplaceAll(c.say, " "+c.args[i+1], " "+path)
				if err := os.WriteFile(path, []byte("an earlier result\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		_, errs, code := runCLI(t, "", args...)
		if code != 2 || !strings.Contains(errs, c.say) {
			t.Errorf("%v: exit %d, want 2 and %q: %s", args, code, c.say, errs)
		}
		if strings.Contains(errs, "documents") || strings.Contains(errs, "lines for") {
			t.Errorf("%v: the inputs were read before the usage error: %s", args, errs)
		}
		if path != "" {
			if b, _ := os.ReadFile(path); string(b) != "an earlier result\n" {
				t.Errorf("%v: the existing -o file was changed: %q", args, b)
			}
		}
	}
}
