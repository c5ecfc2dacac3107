package vocab

import (
	"fmt"
	"testing"
)

// TestStopSet: membership is exact (same answers as a map) for members,
// near misses and colliding probes, with a full-size list.
func TestStopSet(t *testing.T) {
	words := append(DefaultStopList(), "", "the", "ünïcode", "k")
	for i := 0; i < 500; i++ { // force long probe chains
		words = append(words, fmt.Sprintf("w%d", i))
	}
	st := newStopSet(words)
	want := map[string]bool{}
	for _, w := range words {
		if w != "" {
			want[w] = true
		}
	}
	if st.n != len(want) {
		t.Fatalf("%d members, want %d", st.n, len(want))
	}
	probes := []string{"", "th", "thee", "The", "ünïcode", "ünïcod", "kk", "w500", "w-1", "china", "againstt"}
	for w := range want {
		probes = append(probes, w, w+"x", "x"+w)
	}
	for _, p := range probes {
		if got := st.has(p); got != want[p] {
			t.Errorf("has(%q) = %v, want %v", p, got, want[p])
		}
	}
	if empty := newStopSet(nil); empty.has("the") || empty.has("") {
		t.Error("empty set has members")
	}
}
