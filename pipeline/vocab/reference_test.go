package vocab

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/tokenize"
)

// refCases are option sets that exercise every path of DocTerms and Build.
var refCases = []struct {
	name string
	opts func() Options
}{
	{"default", DefaultOptions},
	{"bigrams-fraction-df", func() Options {
		o := DefaultOptions()
		o.MaxN, o.MinDF, o.MaxDF = 2, 0.05, 0.9
		return o
	}},
	{"snowball-min-df-2", func() Options {
		o := DefaultOptions()
		o.Stem, o.MinDF = "snowball", 2
		return o
	}},
	{"cased-2-3-grams", func() Options {
		o := DefaultOptions()
		o.Lowercase, o.MinN, o.MaxN = false, 2, 3
		return o
	}},
	{"cased-snowball", func() Options {
		o := DefaultOptions()
		o.Lowercase, o.Stem = false, "snowball"
		return o
	}},
	{"letters-phrases-max-terms", func() Options {
		o := DefaultOptions()
		o.LettersOnly, o.KeepNumbers, o.MinLen, o.MaxTerms, o.MaxN = true, true, 3, 500, 2
		o.Phrases = [][]string{{"made", "in", "china", "2025"}, {"united", "states"}, {"The", "People"}, {"united", "states", "of", "america"}}
		return o
	}},
	{"no-stop-numbers-trigrams", func() Options {
		o := DefaultOptions()
		o.StopWords, o.KeepNumbers, o.MinLen, o.MaxN, o.MaxDF = false, true, 1, 3, 50
		return o
	}},
	{"own-stop-list", func() Options {
		o := DefaultOptions()
		o.StopList = []string{"The", "of", "AND", "china"}
		return o
	}},
}

// refDocs tokenizes the repository's sample corpus and, when the benchmark
// data is present, a chunk of the State of the Union corpus.
func refDocs(t testing.TB) []*pipeline.Document {
	tk, err := tokenize.New(tokenize.Options{})
	if err != nil {
		t.Fatal(err)
	}
	bench := os.Getenv("BENCH_WORK")
	if bench == "" {
		bench = "/tmp/techframe-bench"
	}
	var docs []*pipeline.Document
	for _, src := range []struct {
		path  string
		limit int
	}{{"../../samples/samples.jsonl", 1 << 30}, {filepath.Join(bench, "data", "sotu.jsonl"), 25}} {
		f, err := os.Open(src.path)
		if err != nil {
			t.Logf("%s absent: skipped", src.path)
			continue
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for n := 0; n < src.limit && sc.Scan(); n++ {
			var r struct {
				ID   any    `json:"id"`
				Text string `json:"text"`
			}
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatalf("%s: %v", src.path, err)
			}
			id, _ := json.Marshal(r.ID)
			d := &pipeline.Document{ID: string(id), Text: r.Text, Meta: pipeline.Meta{{Key: "n", Value: float64(n)}}}
			if err := tk.Process(d); err != nil {
				t.Fatal(err)
			}
			docs = append(docs, d)
		}
		f.Close()
	}
	return docs
}

// compareWithReference runs the builder and the pre-optimisation builder
// (ref_test.go) over docs and fails on any difference in terms or matrix.
func compareWithReference(t testing.TB, o Options, docs []*pipeline.Document) {
	t.Helper()
	b, err := NewBuilder(o)
	if err != nil {
		t.Fatal(err)
	}
	r, err := newRefBuilder(o)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		got, want := b.DocTerms(d), r.DocTerms(d)
		if len(got) != len(want) {
			t.Fatalf("doc %s: %d terms, reference %d", d.ID, len(got), len(want))
		}
		for i := range want {
			g, w := got[i], want[i]
			if g.Text != w.Text || g.First != w.First || g.End != w.End || g.Sent != w.Sent || g.Span != w.Span {
				t.Fatalf("doc %s: term %d = %+v, reference %+v", d.ID, i, g, w)
			}
		}
		b.AddTerms(d, got)
		r.AddTerms(d, want)
	}
	gm, gerr := b.Build()
	wm, werr := r.Build()
	if gerr != nil || werr != nil {
		if !reflect.DeepEqual(gerr, werr) {
			t.Fatalf("Build error %v, reference %v", gerr, werr)
		}
		return
	}
	for _, c := range []struct {
		what      string
		got, want any
	}{
		{"DocIDs", gm.DocIDs, wm.DocIDs}, {"Meta", gm.Meta, wm.Meta}, {"Terms", gm.Terms, wm.Terms},
		{"DF", gm.DF, wm.DF}, {"TF", gm.TF, wm.TF}, {"Counts", gm.Counts, wm.Counts},
		{"FirstSent", gm.FirstSent, wm.FirstSent}, {"Tokens", gm.Tokens, wm.Tokens}, {"RawTerms", gm.RawTerms, wm.RawTerms},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Fatalf("matrix %s differs from the reference", c.what)
		}
	}
}

// TestMatchesReference: terms and matrices are exactly those of the builder
// before the speed work, on real text under every option set.
func TestMatchesReference(t *testing.T) {
	docs := refDocs(t)
	if len(docs) == 0 {
		t.Skip("no corpus found")
	}
	for _, tc := range refCases {
		t.Run(tc.name, func(t *testing.T) { compareWithReference(t, tc.opts(), docs) })
	}
}

// TestReferenceCatchesDifferences: the comparison fails when the builders
// disagree (here: one document fewer for the builder under test).
func TestReferenceCatchesDifferences(t *testing.T) {
	docs := []*pipeline.Document{mkDoc("a", "chips and china ."), mkDoc("b", "chips again .")}
	b, _ := NewBuilder(DefaultOptions())
	r, _ := newRefBuilder(DefaultOptions())
	b.Add(docs[0])
	for _, d := range docs {
		r.AddTerms(d, r.DocTerms(d))
	}
	gm, _ := b.Build()
	wm, _ := r.Build()
	if reflect.DeepEqual(gm.Counts, wm.Counts) {
		t.Fatal("different corpora gave equal matrices")
	}
}

// FuzzMatchesReference: any text, split into two documents, gives the same
// terms and matrix as the reference builder under each option set.
func FuzzMatchesReference(f *testing.F) {
	f.Add("China 's 5G -- made in china 2025 . Joint standards !", "The United States of America . The People 's")
	f.Add("..,,;;", "Ünïcode Straße résumé . naïve café")
	f.Add("\xff\xfe bad utf8 . x", "2025 1,000 3.5 % u.s. e.g.")
	f.Fuzz(func(t *testing.T, s1, s2 string) {
		docs := []*pipeline.Document{mkDoc("a", s1), mkDoc("b", s2)}
		for _, tc := range refCases {
			compareWithReference(t, tc.opts(), docs)
		}
	})
}

// TestDocTermsConcurrent: DocTerms called from several goroutines (as the
// runner's workers do, sharing the scratch pool and the stem cache) gives
// the same terms as sequential calls. Run with -race.
func TestDocTermsConcurrent(t *testing.T) {
	docs := []*pipeline.Document{
		mkDoc("a", "China 's 5G rollout made the U.S. nervous . Artificial intelligence -- and chips !"),
		mkDoc("b", "Made in China 2025 aims high . The People 's Republic builds fabs ."),
		mkDoc("c", "running runners ran . Joint standards matter ."),
	}
	if more := refDocs(t); len(more) > 6 {
		docs = append(docs, more[:6]...)
	}
	o := DefaultOptions()
	o.MaxN, o.Stem = 2, "snowball"
	o.Phrases = [][]string{{"made", "in", "china", "2025"}}
	b, err := NewBuilder(o)
	if err != nil {
		t.Fatal(err)
	}
	want := make([][]Term, len(docs))
	for i, d := range docs {
		want[i] = b.DocTerms(d)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < 3; r++ {
				for i, d := range docs {
					if got := b.DocTerms(d); !reflect.DeepEqual(got, want[i]) {
						errs <- "document " + d.ID + " differs under concurrency"
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
