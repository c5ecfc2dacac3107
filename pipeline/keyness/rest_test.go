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
			if k.G2 != w.G2 || k.LogRatio != w.LogRatio || k.Reference != w.Reference || k.Over != w.Over {
				t.Errorf("%v term %d: got %+v, want %+v", target, k.Term, k, w)
			}
		}
	}
}
