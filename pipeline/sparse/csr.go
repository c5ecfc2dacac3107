// Package sparse holds the compressed sparse row (CSR) matrix that carries
// document-term data between the vocabulary, TF-IDF and topic stages. A dense
// documents x terms matrix does not fit in memory for real corpora (10k x 50k
// float64 is 4 GB); CSR stores only the non-zeros.
package sparse

import (
	"fmt"
	"sort"
)

// CSR is a rows x cols matrix in compressed sparse row form: the non-zeros of
// row i are Indices[Indptr[i]:Indptr[i+1]] (column indices, strictly
// increasing within a row) with values Data[Indptr[i]:Indptr[i+1]].
type CSR struct {
	Rows, Cols int
	Indptr     []int
	Indices    []int32
	Data       []float64
}

// NewCSR returns an empty matrix with the given number of columns, ready for
// AppendRow.
func NewCSR(cols int) *CSR {
	return &CSR{Cols: cols, Indptr: []int{0}}
}

// Entry is one non-zero.
type Entry struct {
	Col int32
	Val float64
}

// AppendRow adds a row. Entries may come in any order; duplicate columns are
// summed and zeros dropped. The slice is sorted in place.
func (m *CSR) AppendRow(entries []Entry) {
	sort.Slice(entries, func(i, j int) bool { return entries[i].Col < entries[j].Col })
	for i := 0; i < len(entries); {
		j := i
		v := 0.0
		for j < len(entries) && entries[j].Col == entries[i].Col {
			v += entries[j].Val
			j++
		}
		if v != 0 {
			if int(entries[i].Col) >= m.Cols {
				m.Cols = int(entries[i].Col) + 1
			}
			m.Indices = append(m.Indices, entries[i].Col)
			m.Data = append(m.Data, v)
		}
		i = j
	}
	m.Indptr = append(m.Indptr, len(m.Indices))
	m.Rows++
}

// NNZ returns the number of stored non-zeros.
func (m *CSR) NNZ() int { return len(m.Data) }

// Row returns the column indices and values of row i (views, not copies).
func (m *CSR) Row(i int) ([]int32, []float64) {
	a, b := m.Indptr[i], m.Indptr[i+1]
	return m.Indices[a:b], m.Data[a:b]
}

// At returns element (i, j), zero when not stored.
func (m *CSR) At(i, j int) float64 {
	idx, val := m.Row(i)
	k := sort.Search(len(idx), func(k int) bool { return int(idx[k]) >= j })
	if k < len(idx) && int(idx[k]) == j {
		return val[k]
	}
	return 0
}

// Validate checks the structural invariants.
func (m *CSR) Validate() error {
	if len(m.Indptr) != m.Rows+1 || m.Indptr[0] != 0 || m.Indptr[m.Rows] != len(m.Indices) || len(m.Indices) != len(m.Data) {
		return fmt.Errorf("sparse: inconsistent CSR shape")
	}
	for i := 0; i < m.Rows; i++ {
		if m.Indptr[i] > m.Indptr[i+1] {
			return fmt.Errorf("sparse: row %d has negative length", i)
		}
		idx, _ := m.Row(i)
		for k, c := range idx {
			if c < 0 || int(c) >= m.Cols {
				return fmt.Errorf("sparse: row %d column %d out of range [0,%d)", i, c, m.Cols)
			}
			if k > 0 && idx[k-1] >= c {
				return fmt.Errorf("sparse: row %d columns not strictly increasing", i)
			}
		}
	}
	return nil
}

// ColumnSums returns the sum of each column.
func (m *CSR) ColumnSums() []float64 {
	out := make([]float64, m.Cols)
	for k, c := range m.Indices {
		out[c] += m.Data[k]
	}
	return out
}

// DocFreq returns, for each column, the number of rows with a non-zero.
func (m *CSR) DocFreq() []int {
	out := make([]int, m.Cols)
	for _, c := range m.Indices {
		out[c]++
	}
	return out
}

// Transpose returns the matrix in CSR form of its transpose (which is the
// CSC form of m): useful for column-wise passes such as NMF updates.
func (m *CSR) Transpose() *CSR {
	t := &CSR{Rows: m.Cols, Cols: m.Rows, Indptr: make([]int, m.Cols+1), Indices: make([]int32, len(m.Indices)), Data: make([]float64, len(m.Data))}
	for _, c := range m.Indices {
		t.Indptr[c+1]++
	}
	for i := 0; i < m.Cols; i++ {
		t.Indptr[i+1] += t.Indptr[i]
	}
	next := append([]int(nil), t.Indptr[:m.Cols]...)
	for i := 0; i < m.Rows; i++ {
		idx, val := m.Row(i)
		for k, c := range idx {
			p := next[c]
			t.Indices[p] = int32(i)
			t.Data[p] = val[k]
			next[c]++
		}
	}
	return t
}
