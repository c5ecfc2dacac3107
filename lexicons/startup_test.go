package lexicons

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// TestSplitTermFastPath: SplitTerm's path for terms without a glob gives
// what the general path (splitGlobTerm) gives, on the built-in lexicons'
// terms and aliases and on random strings.
func TestSplitTermFastPath(t *testing.T) {
	var terms []string
	for _, f := range DefaultFiles() {
		for _, line := range strings.Split(string(f.Data), "\n") {
			cols := strings.Split(line, "\t")
			terms = append(terms, cols[0])
			if f.Kind == KindEntities && len(cols) > 2 {
				terms = append(terms, strings.Split(cols[2], "|")...)
			}
		}
	}
	terms = append(terms, "", "  ", "China's", "don't", "U.S.-China", "Ǆemal", "ÉTATS-UNIS", "o'clock", "rock ’n’ roll", "x\u01C2y")
	alphabet := []rune("aZ9 '’-.,ǂÉéß*İ\u0301")
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 5000; i++ {
		r := make([]rune, rng.Intn(12))
		for k := range r {
			r[k] = alphabet[rng.Intn(len(alphabet))]
		}
		terms = append(terms, string(r))
	}
	fast := 0
	for _, term := range terms {
		if !strings.Contains(term, "*") && !strings.Contains(term, globPlaceholder) {
			fast++
		}
		n1, s1 := SplitTerm(term)
		n2, s2 := splitGlobTerm(term)
		if !reflect.DeepEqual(n1, n2) || !reflect.DeepEqual(s1, s2) {
			t.Fatalf("SplitTerm(%q) = %q %q, general path %q %q", term, n1, s1, n2, s2)
		}
	}
	if fast < 1000 {
		t.Fatalf("only %d terms took the fast path", fast)
	}
}

// TestDuplicateAliasMessage pins the message for an alias used by two
// entries (its first user is kept unformatted until a duplicate shows up).
func TestDuplicateAliasMessage(t *testing.T) {
	data := "Alpha Corp\tORGANIZATION\tAlphaCo|ACo\nBeta Corp\tORGANIZATION\tBetaCo|alphaco\n"
	_, probs := ParseEntities("e.tsv", []byte(data))
	want := Problem{File: "e.tsv", Line: 2, Msg: `duplicate alias "alphaco" (already used by "Alpha Corp" at line 1)`}
	if len(probs) != 1 || probs[0] != want {
		t.Fatalf("problems %+v, want %+v", probs, want)
	}
}
