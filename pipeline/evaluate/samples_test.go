package evaluate_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/evaluate"
	"github.com/techframe/techframe/pipeline/ingest"
)

// The project's sample corpus lives in samples/ at the module root.
var samplesDir = filepath.Join("..", "..", "samples")

func readAll(t *testing.T, args ...string) []*pipeline.Document {
	t.Helper()
	var warnings []string
	src, err := ingest.Open(args, ingest.Options{Warn: func(w pipeline.Warning) { warnings = append(warnings, w.String()) }})
	if err != nil {
		t.Fatal(err)
	}
	var docs []*pipeline.Document
	for {
		d, err := src.Next(context.Background())
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	if len(warnings) > 0 {
		t.Errorf("warnings reading %v:\n%s", args, strings.Join(warnings, "\n"))
	}
	return docs
}

// samples.jsonl is generated from the .txt articles by
// scripts/build-samples.sh; both must read identically through ingest.
func TestSamplesJSONLMatchesArticles(t *testing.T) {
	txt := readAll(t, filepath.Join(samplesDir, "articles"))
	jsonl := readAll(t, filepath.Join(samplesDir, "samples.jsonl"))
	if len(txt) < 30 {
		t.Fatalf("only %d articles", len(txt))
	}
	if len(txt) != len(jsonl) {
		t.Fatalf("%d articles but %d JSONL records (run scripts/build-samples.sh)", len(txt), len(jsonl))
	}
	byID := map[string]*pipeline.Document{}
	for _, d := range jsonl {
		byID[d.ID] = d
	}
	wantKeys := []string{"title", "outlet", "outlet_type", "country", "date", "author", "angle"}
	for _, a := range txt {
		j := byID[a.ID]
		if j == nil {
			t.Errorf("%s (id %s) has no JSONL record", a.Source, a.ID)
			continue
		}
		if a.Text != j.Text {
			t.Errorf("%s: text differs from the JSONL record (run scripts/build-samples.sh)", a.ID)
		}
		if strings.Join(a.Meta.Keys(), ",") != strings.Join(wantKeys, ",") {
			t.Errorf("%s: front matter keys %v, want %v", a.Source, a.Meta.Keys(), wantKeys)
		}
		if strings.Join(j.Meta.Keys(), ",") != strings.Join(a.Meta.Keys(), ",") {
			t.Errorf("%s: JSONL keys %v, article keys %v", a.ID, j.Meta.Keys(), a.Meta.Keys())
		}
		for _, k := range a.Meta.Keys() {
			av, _ := a.Meta.Get(k)
			jv, _ := j.Meta.Get(k)
			if av != jv || av == "" {
				t.Errorf("%s: %s = %q in the article, %q in JSONL", a.ID, k, av, jv)
			}
		}
	}
}

// coded.csv: valid labels, at least 200 rows, each sentence verbatim in its
// article, LF line ends, sorted by doc_id then position.
func TestCodedCSVMatchesArticles(t *testing.T) {
	path := filepath.Join(samplesDir, "coded.csv")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("\r")) {
		t.Error("coded.csv has CR bytes: line ends must be LF")
	}
	if !bytes.HasPrefix(raw, []byte("doc_id,sentence,label,note\n")) {
		t.Errorf("header is %q", strings.SplitN(string(raw), "\n", 2)[0])
	}
	g, err := evaluate.ReadGoldFile(path)
	if err != nil {
		t.Fatal(err) // lists every bad label or row
	}
	if len(g.Rows) < 200 || len(g.Uncoded) > 0 {
		t.Fatalf("%d coded rows, %d uncoded; want >= 200 and none blank", len(g.Rows), len(g.Uncoded))
	}
	texts := map[string]string{}
	for _, d := range readAll(t, filepath.Join(samplesDir, "articles")) {
		texts[d.ID] = d.Text
	}
	type pos struct {
		doc string
		at  int
	}
	var order []pos
	labels := map[string]int{}
	seen := map[string]int{}
	for _, r := range g.Rows {
		labels[r.Label]++
		text, ok := texts[r.DocID]
		if !ok {
			t.Errorf("%s:%d: no article with id %q", path, r.Line, r.DocID)
			continue
		}
		at := strings.Index(text, r.Sentence)
		if at < 0 {
			t.Errorf("%s:%d: sentence not found verbatim in %s: %q", path, r.Line, r.DocID, r.Sentence)
			continue
		}
		if prev, dup := seen[r.DocID+"\x00"+r.Sentence]; dup {
			t.Errorf("%s:%d: duplicate of line %d", path, r.Line, prev)
		}
		seen[r.DocID+"\x00"+r.Sentence] = r.Line
		order = append(order, pos{r.DocID, at})
	}
	if !sort.SliceIsSorted(order, func(i, j int) bool {
		if order[i].doc != order[j].doc {
			return order[i].doc < order[j].doc
		}
		return order[i].at < order[j].at
	}) {
		t.Error("rows are not sorted by doc_id then position in the article")
	}
	for _, l := range evaluate.Labels {
		if labels[l] == 0 {
			t.Errorf("no %s rows", l)
		}
	}
	// Every article has coded sentences.
	for id := range texts {
		found := false
		for _, o := range order {
			if o.doc == id {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("article %s has no coded sentences", id)
		}
	}
}
