package topics

import (
	"bufio"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline/sparse"
)

// loadLines reads a pre-tokenised corpus (one document per line, tokens
// separated by spaces) into a counts matrix over the sorted vocabulary, and
// returns the token-id sequences too (for coherence).
func loadLines(t testing.TB, path string) (*sparse.CSR, []string, [][]int32) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		docs = append(docs, strings.Fields(sc.Text()))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return docsMatrix(docs)
}

func docsMatrix(docs [][]string) (*sparse.CSR, []string, [][]int32) {
	seen := map[string]bool{}
	for _, d := range docs {
		for _, w := range d {
			seen[w] = true
		}
	}
	terms := make([]string, 0, len(seen))
	for w := range seen {
		terms = append(terms, w)
	}
	sort.Strings(terms)
	id := make(map[string]int32, len(terms))
	for i, w := range terms {
		id[w] = int32(i)
	}
	m := sparse.NewCSR(len(terms))
	seqs := make([][]int32, len(docs))
	for i, d := range docs {
		var e []sparse.Entry
		seqs[i] = make([]int32, len(d))
		for j, w := range d {
			e = append(e, sparse.Entry{Col: id[w], Val: 1})
			seqs[i][j] = id[w]
		}
		m.AppendRow(e)
	}
	return m, terms, seqs
}
