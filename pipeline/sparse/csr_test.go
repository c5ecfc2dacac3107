package sparse

import "testing"

func TestAppendRowSumsDuplicatesAndSorts(t *testing.T) {
	m := NewCSR(4)
	m.AppendRow([]Entry{{3, 1}, {0, 2}, {3, 1.5}, {1, 0}})
	m.AppendRow(nil)
	m.AppendRow([]Entry{{2, 4}})
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		i, j int
		want float64
	}{{0, 0, 2}, {0, 1, 0}, {0, 3, 2.5}, {1, 2, 0}, {2, 2, 4}}
	for _, c := range cases {
		if got := m.At(c.i, c.j); got != c.want {
			t.Errorf("At(%d,%d) = %v, want %v", c.i, c.j, got, c.want)
		}
	}
	if m.NNZ() != 3 {
		t.Errorf("NNZ = %d, want 3 (zero dropped, duplicate summed)", m.NNZ())
	}
	df := m.DocFreq()
	if df[0] != 1 || df[1] != 0 || df[3] != 1 {
		t.Errorf("DocFreq = %v", df)
	}
}

func TestTransposeRoundTrip(t *testing.T) {
	m := NewCSR(5)
	m.AppendRow([]Entry{{4, 1}, {1, 2}})
	m.AppendRow([]Entry{{0, 3}, {4, 5}})
	m.AppendRow([]Entry{{2, 7}})
	tt := m.Transpose()
	if err := tt.Validate(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < m.Rows; i++ {
		for j := 0; j < m.Cols; j++ {
			if m.At(i, j) != tt.At(j, i) {
				t.Fatalf("transpose mismatch at %d,%d", i, j)
			}
		}
	}
	back := tt.Transpose()
	for i := 0; i < m.Rows; i++ {
		for j := 0; j < m.Cols; j++ {
			if m.At(i, j) != back.At(i, j) {
				t.Fatalf("double transpose mismatch at %d,%d", i, j)
			}
		}
	}
}
