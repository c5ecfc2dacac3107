package tokenize

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/techframe/techframe/pipeline"
	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/english"
)

// compareWithReference fails when Process and the pre-optimisation
// tokenizer (ref_test.go) disagree on tokens, norms, sentence indices or
// sentences.
func compareWithReference(t testing.TB, tk *Tokenizer, name, text string) {
	t.Helper()
	d := &pipeline.Document{Text: text}
	if err := tk.Process(d); err != nil {
		t.Fatalf("%s: Process: %v", name, err)
	}
	toks, sents := refProcess(stockPunkt(t), text)
	if len(d.Tokens) != len(toks) {
		t.Fatalf("%s: %d tokens, reference %d", name, len(d.Tokens), len(toks))
	}
	for i := range toks {
		if d.Tokens[i] != toks[i] {
			t.Fatalf("%s: token %d = %+v, reference %+v (%q)", name, i, d.Tokens[i], toks[i], text[toks[i].Start:toks[i].End])
		}
	}
	if !reflect.DeepEqual(d.Sentences, sents) {
		for i := range min(len(sents), len(d.Sentences)) {
			if d.Sentences[i] != sents[i] {
				t.Fatalf("%s: sentence %d = %+v %q, reference %+v %q", name, i,
					d.Sentences[i], text[d.Sentences[i].Start:d.Sentences[i].End], sents[i], text[sents[i].Start:sents[i].End])
			}
		}
		t.Fatalf("%s: %d sentences, reference %d", name, len(d.Sentences), len(sents))
	}
}

var (
	stockOnce sync.Once
	stock     *sentences.DefaultSentenceTokenizer
)

// stockPunkt is the library's own English tokenizer, for the reference.
func stockPunkt(t testing.TB) *sentences.DefaultSentenceTokenizer {
	stockOnce.Do(func() {
		var err error
		if stock, err = english.NewSentenceTokenizer(nil); err != nil {
			t.Fatal(err)
		}
	})
	return stock
}

// readTexts returns the "text" (and "id") of each JSON line of path, at most
// limit records; ok is false when the file is absent.
func readTexts(t testing.TB, path string, limit int) (ids, texts []string, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() && len(texts) < limit {
		var r struct {
			ID   any    `json:"id"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		ids = append(ids, filepath.Base(path)+":"+jsonString(r.ID))
		texts = append(texts, r.Text)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return ids, texts, true
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestMatchesReference: the sample corpus shipped with the repository and,
// when the benchmark data is present, a chunk of the State of the Union
// corpus are tokenized and segmented exactly as before the speed work.
func TestMatchesReference(t *testing.T) {
	tk := plain(t)
	bench := os.Getenv("BENCH_WORK")
	if bench == "" {
		bench = "/tmp/techframe-bench"
	}
	sources := []struct {
		path  string
		limit int
	}{
		{"../../samples/samples.jsonl", 1 << 30},
		{filepath.Join(bench, "data", "sotu.jsonl"), 40},
		{filepath.Join(bench, "data", "sotu-paras.jsonl"), 3000},
	}
	seen := 0
	for _, src := range sources {
		ids, texts, ok := readTexts(t, src.path, src.limit)
		if !ok {
			t.Logf("%s absent: skipped", src.path)
			continue
		}
		for i, text := range texts {
			compareWithReference(t, tk, ids[i], text)
		}
		seen += len(texts)
	}
	if seen == 0 {
		t.Skip("no corpus found")
	}
	t.Logf("%d documents compared", seen)
}

// FuzzMatchesReference: any input is tokenized and segmented exactly as by
// the reference tokenizer.
func FuzzMatchesReference(f *testing.F) {
	for _, s := range []string{
		"U.S.-China talks. China’s “plan” won’t stop… Dr. Li said e.g. 5G.\r\n\r\nMade in China 2025\n\n1. One.\n2) Two",
		"It&rsquo;s $3.5% (approx.) https://x.org/a. --— ‘q’ '90s",
		"\xff\xfe bad \xe2\x80 bytes\xe2\x80\x9d. \u00a0\u2028X",
		"He left . . . and came back. J. S. Bach wrote it! “Go!” she said.”",
		"The U.S. economy grew 3.5 percent. In 1998. we won? Yes! no. (See p. 4.) ok",
		"Made in China 2025\r\rSteps:\r1. Build fabs.\r\n2. Train.\n\r\nBy Joe Smith\rThe end.\r",
		"\ufeffChina and\u200bthe EU agreed.\u200b \u200b. Next\ufeff.",
	} {
		f.Add(s)
	}
	tk := plain(f)
	f.Fuzz(func(t *testing.T, s string) {
		compareWithReference(t, tk, "fuzz", s)
	})
}
