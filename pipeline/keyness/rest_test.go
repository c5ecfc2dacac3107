package keyness

import (
	"testing"

	"github.com/techframe/techframe/pipeline/sparse"
	"github.com/techframe/techframe/pipeline/vocab"
)

// TestRestMatchesCompare checks the one-pass comparison against Compare
// with an explicit list of the other documents.
func TestRestMatchesCompare(t *testing.T) {
	counts := sparse.NewCSR(4)
	rows := [][]sparse.Entry{
		{{Col: 0, Val: 3}, {Col: 1, Val: 1}},
		{{Col: 1, Val: 2}, {Col: 2, Val: 5}},
		{{Col: 0, Val: 1}, {Col: 3, Val: 4}},
		{{Col: 2, Val: 1}, {Col: 3, Val: 1}},
	}
	for _, r := range rows {
		counts.AppendRow(r)
	}
	m := &vocab.Matrix{DocIDs: []string{"a", "b", "c", "d"}, Terms: []string{"w0", "w1", "w2", "w3"},
		Counts: counts, FirstSent: make([]int32, counts.NNZ()), Tokens: []int{10, 12, 9, 7}}
	rest := NewRest(m)
	for _, target := range [][]int{{0}, {0, 2}, {1, 3}} {
		in := map[int]bool{}
		for _, i := range target {
			in[i] = true
		}
		var ref []int
		for i := range m.DocIDs {
			if !in[i] {
				ref = append(ref, i)
			}
		}
		want := Compare(m, target, ref)
		got := rest.Compare(target)
		if got.TargetSize != want.TargetSize || got.ReferenceSize != want.ReferenceSize {
			t.Fatalf("%v: sizes %v/%v, want %v/%v", target, got.TargetSize, got.ReferenceSize, want.TargetSize, want.ReferenceSize)
		}
		wantIn := map[int]Key{}
		for _, k := range want.Keys {
			if k.Target > 0 {
				wantIn[k.Term] = k
			}
		}
		if len(got.Keys) != len(wantIn) {
			t.Fatalf("%v: %d keys, want %d (terms in the target)", target, len(got.Keys), len(wantIn))
		}
		for _, k := range got.Keys {
			w := wantIn[k.Term]
			if k.G2 != w.G2 || k.LogRatio != w.LogRatio || k.Reference != w.Reference || k.Over != w.Over || k.Doc != w.Doc || k.Sent != w.Sent {
				t.Errorf("%v term %d: got %+v, want %+v", target, k.Term, k, w)
			}
		}
	}
}

// A term's example is its first sentence in the target document where it
// occurs most often, the first such document in target order, for Compare
// and Rest alike.
func TestExampleIsTheDocumentWithTheMostOccurrences(t *testing.T) {
	counts := sparse.NewCSR(2)
	for _, r := range [][]sparse.Entry{
		{{Col: 0, Val: 1}, {Col: 1, Val: 2}},
		{{Col: 0, Val: 3}, {Col: 1, Val: 2}},
		{{Col: 0, Val: 3}},
		{{Col: 0, Val: 9}},
	} {
		counts.AppendRow(r)
	}
	m := &vocab.Matrix{DocIDs: []string{"a", "b", "c", "d"}, Terms: []string{"w0", "w1"},
		Counts: counts, FirstSent: []int32{4, 5, 6, 7, 8, 9}, Tokens: []int{10, 10, 10, 10}}
	want := map[int][2]int{0: {1, 6}, 1: {0, 5}} // term: doc, sentence
	check := func(name string, res Result) {
		for _, k := range res.Keys {
			if got := [2]int{k.Doc, k.Sent}; got != want[k.Term] {
				t.Errorf("%s: example of %s = doc %d sentence %d, want %v", name, m.Terms[k.Term], k.Doc, k.Sent, want[k.Term])
			}
		}
	}
	check("Compare", Compare(m, []int{0, 1, 2}, []int{3}))
	rest := NewRest(m)
	check("Rest", rest.Compare([]int{0, 1, 2}))
	rest.Compare([]int{3}) // w0 9 times: forgotten by the next comparison
	check("Rest after another group", rest.Compare([]int{0, 1, 2}))
}
