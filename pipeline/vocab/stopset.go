package vocab

// stopSet is the stop-word set: an open-addressing hash table of strings
// with FNV-1a hashing. Every token is looked up, and for these short keys
// this costs a fraction of a Go map lookup (TestStopSet pins the
// semantics: exact membership, like map[string]bool).
type stopSet struct {
	slots  []string // "" is an empty slot ("" is never looked up)
	mask   uint32
	n      int
	maxLen int // no member is longer than this, in bytes
}

func fnv1a(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
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
		i := fnv1a(w) & st.mask
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
	for i := fnv1a(s) & st.mask; ; i = (i + 1) & st.mask {
		switch st.slots[i] {
		case "":
			return false
		case s:
			return true
		}
	}
}
