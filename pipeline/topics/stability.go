package topics

import (
	"fmt"
	"math"
)

// Hungarian solves the square assignment problem: it returns assign with
// assign[i] = the column given to row i, minimising Σ cost[i][assign[i]].
// It is the O(n³) shortest-augmenting-path form of the Kuhn-Munkres method
// with row and column potentials; ties go to the lowest column index, so the
// result is deterministic.
func Hungarian(cost [][]float64) ([]int, error) {
	n := len(cost)
	for i, row := range cost {
		if len(row) != n {
			return nil, fmt.Errorf("topics: Hungarian needs a square matrix, row %d has %d of %d columns", i, len(row), n)
		}
		for _, c := range row {
			if math.IsNaN(c) || math.IsInf(c, 0) {
				return nil, fmt.Errorf("topics: Hungarian cost matrix holds %v", c)
			}
		}
	}
	// 1-based potentials; p[j] is the row matched to column j (0: none).
	u := make([]float64, n+1)
	v := make([]float64, n+1)
	p := make([]int, n+1)
	way := make([]int, n+1)
	minv := make([]float64, n+1)
	used := make([]bool, n+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j] = math.Inf(1)
			used[j] = false
		}
		for {
			used[j0] = true
			i0 := p[j0]
			delta := math.Inf(1)
			j1 := 0
			for j := 1; j <= n; j++ {
				if used[j] {
					continue
				}
				cur := cost[i0-1][j-1] - u[i0] - v[j]
				if cur < minv[j] {
					minv[j] = cur
					way[j] = j0
				}
				if minv[j] < delta {
					delta = minv[j]
					j1 = j
				}
			}
			for j := 0; j <= n; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	assign := make([]int, n)
	for j := 1; j <= n; j++ {
		if p[j] > 0 {
			assign[p[j]-1] = j - 1
		}
	}
	return assign, nil
}

// cosine returns the cosine similarity of two vectors (0 if either is zero).
func cosine(a, b []float64) float64 {
	var ab, aa, bb float64
	for i := range a {
		ab += a[i] * b[i]
		aa += a[i] * a[i]
		bb += b[i] * b[i]
	}
	if aa == 0 || bb == 0 {
		return 0
	}
	return ab / math.Sqrt(aa*bb)
}

// MatchTopics pairs the topics of b with those of a (same K and
// vocabulary) to maximise the total cosine similarity of their topic-word
// vectors. It returns, for each topic of a, the matched topic of b and the
// similarity.
func MatchTopics(a, b *Model) ([]int, []float64, error) {
	if a.K != b.K || len(a.Terms) != len(b.Terms) {
		return nil, nil, fmt.Errorf("topics: cannot match models with K %d/%d and %d/%d terms", a.K, b.K, len(a.Terms), len(b.Terms))
	}
	sim := make([][]float64, a.K)
	cost := make([][]float64, a.K)
	for i := range sim {
		sim[i] = make([]float64, b.K)
		cost[i] = make([]float64, b.K)
		for j := range sim[i] {
			sim[i][j] = cosine(a.Row(i), b.Row(j))
			cost[i][j] = -sim[i][j]
		}
	}
	assign, err := Hungarian(cost)
	if err != nil {
		return nil, nil, err
	}
	sims := make([]float64, a.K)
	for i, j := range assign {
		sims[i] = sim[i][j]
	}
	return assign, sims, nil
}

// Stability summarises how reproducible topics are across restarts with
// different seeds: every later run is matched to the first (MatchTopics).
type Stability struct {
	Runs int
	// PerRun[r-1] is the mean matched cosine of run r against run 0.
	PerRun []float64
	// PerTopic[k] is the mean matched cosine of run 0's topic k over runs.
	PerTopic []float64
	Mean     float64
}

// TopicStability matches every model to models[0].
func TopicStability(models []*Model) (Stability, error) {
	st := Stability{Runs: len(models)}
	if len(models) < 2 {
		return st, fmt.Errorf("topics: stability needs at least 2 runs, got %d", len(models))
	}
	st.PerTopic = make([]float64, models[0].K)
	for _, m := range models[1:] {
		_, sims, err := MatchTopics(models[0], m)
		if err != nil {
			return st, err
		}
		s := 0.0
		for k, x := range sims {
			s += x
			st.PerTopic[k] += x / float64(len(models)-1)
		}
		st.PerRun = append(st.PerRun, s/float64(len(sims)))
	}
	for _, x := range st.PerRun {
		st.Mean += x / float64(len(st.PerRun))
	}
	return st, nil
}
