package vocab

// stopSet is the stop-word set: an open-addressing hash table of strings
// with a multiplicative hash. Every token is looked up, and for these short keys
// this costs a fraction of a Go map lookup (TestStopSet pins the
// semantics: exact membership, like map[string]bool).
type stopSet struct {
	slots  []string // "" is an empty slot ("" is never looked up)
	mask   uint32
	n      int
	maxLen int // no member is longer than this, in bytes
}

// stopHash mixes the length and up to the first 8 bytes with one
// multiplication (stop words are short; longer strings differ in length or
// prefix often enough for a set of a few hundred words).
func stopHash(s string) uint32 {
	x := uint64(len(s))
	for i := 0; i < len(s) && i < 8; i++ {
		x ^= uint64(s[i]) << (8 * (i + 1) % 64)
	}
	x ^= uint64(s[len(s)-1]) << 3
	return uint32((x * 0x9e3779b97f4a7c15) >> 40)
}

// newStopSet builds the set of the non-empty words.
func newStopSet(words []string) *stopSet {
	size := 16
	for size < 4*len(words) {
		size *= 2
	}
	st := &stopSet{slots: make([]string, size), mask: uint32(size - 1)}
	for _, w := range words {
		if w == "" || st.has(w) {
			continue
		}
		i := stopHash(w) & st.mask
		for st.slots[i] != "" {
			i = (i + 1) & st.mask
		}
		st.slots[i] = w
		st.n++
		st.maxLen = max(st.maxLen, len(w))
	}
	return st
}

// has reports whether s is a member.
func (st *stopSet) has(s string) bool {
	if s == "" || len(s) > st.maxLen {
		return false
	}
	for i := stopHash(s) & st.mask; ; i = (i + 1) & st.mask {
		switch st.slots[i] {
		case "":
			return false
		case s:
			return true
		}
	}
}
