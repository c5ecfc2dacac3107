package topics

import (
	"math"
	"testing"
)

// bruteAssign finds the optimal assignment by trying every permutation.
func bruteAssign(cost [][]float64) float64 {
	n := len(cost)
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	best := math.Inf(1)
	var rec func(int)
	rec = func(i int) {
		if i == n {
			s := 0.0
			for r, c := range perm {
				s += cost[r][c]
			}
			best = math.Min(best, s)
			return
		}
		for j := i; j < n; j++ {
			perm[i], perm[j] = perm[j], perm[i]
			rec(i + 1)
			perm[i], perm[j] = perm[j], perm[i]
		}
	}
	rec(0)
	return best
}

func TestHungarianMatchesBruteForce(t *testing.T) {
	tests := []struct {
		name string
		cost [][]float64
	}{
		{"identity best", [][]float64{{0, 5, 5}, {5, 0, 5}, {5, 5, 0}}},
		{"anti-diagonal best", [][]float64{{9, 9, 1}, {9, 1, 9}, {1, 9, 9}}},
		{"greedy trap", [][]float64{{1, 2, 100}, {2, 100, 100}, {100, 100, 1}}},
		{"negative costs", [][]float64{{-0.9, -0.1}, {-0.8, -0.7}}},
	}
	r := rng{s: 42}
	for n := 1; n <= 6; n++ {
		c := make([][]float64, n)
		for i := range c {
			c[i] = make([]float64, n)
			for j := range c[i] {
				c[i][j] = float64(r.intn(20)) - 5
			}
		}
		tests = append(tests, struct {
			name string
			cost [][]float64
		}{"random", c})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assign, err := Hungarian(tc.cost)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[int]bool{}
			s := 0.0
			for i, j := range assign {
				if seen[j] {
					t.Fatalf("column %d assigned twice: %v", j, assign)
				}
				seen[j] = true
				s += tc.cost[i][j]
			}
			if want := bruteAssign(tc.cost); math.Abs(s-want) > 1e-9 {
				t.Fatalf("cost %v, optimum %v (assign %v)", s, want, assign)
			}
		})
	}
	if _, err := Hungarian([][]float64{{1, 2}}); err == nil {
		t.Fatal("non-square matrix accepted")
	}
}

func TestTopicStabilityPermutedCopy(t *testing.T) {
	a := &Model{K: 3, Terms: []string{"a", "b", "c"}, TopicWord: []float64{1, 0, 0, 0, 1, 0, 0, 0, 1}}
	// b is a with its topics in another order: perfect stability.
	b := &Model{K: 3, Terms: a.Terms, TopicWord: []float64{0, 0, 1, 1, 0, 0, 0, 1, 0}}
	st, err := TopicStability([]*Model{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(st.Mean-1) > 1e-12 {
		t.Fatalf("mean %v, want 1", st.Mean)
	}
	assign, _, _ := MatchTopics(a, b)
	if want := []int{1, 2, 0}; assign[0] != want[0] || assign[1] != want[1] || assign[2] != want[2] {
		t.Fatalf("assign %v, want %v", assign, want)
	}
}
