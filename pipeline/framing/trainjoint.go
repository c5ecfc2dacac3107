package framing

import (
	"math"
	"sort"

	"github.com/techframe/techframe/pipeline"
)

// DefaultMaxNGrams is how many n-grams a model keeps (by weight magnitude).
const DefaultMaxNGrams = 3000

// gramMinCount is how many training sentences an n-gram must occur in to
// get a weight.
const gramMinCount = 2

type jointRow struct {
	z     [NumFeatures]float64
	grams []int32
	y     int
	w     float64
}

// trainJoint fits cue features and n-grams (TrainOptions.NGramL2 > 0) in
// one softmax: cue features standardised with penalty L2, n-grams as 0/1
// presence with penalty NGramL2, biases unpenalised; minimised by L-BFGS
// from zero in a fixed order (deterministic).
func trainJoint(examples []Example, opts TrainOptions) (*Model, error) {
	const K, D = 4, NumFeatures
	if opts.MaxNGrams <= 0 {
		opts.MaxNGrams = DefaultMaxNGrams
	}
	type raw struct {
		x     Features
		grams []string
		y     int
	}
	var rs []raw
	counts := [K]int{}
	cued := 0
	for i, ex := range examples {
		c := labelIndex(ex.Label)
		if c < 0 {
			return nil, pipeline.Usagef("training example %d: unknown label %q (want cooperation, competition, both or neutral)", i+1, ex.Label)
		}
		if ex.F == nil && !opts.LabelCueless {
			continue
		}
		r := raw{grams: ex.Grams, y: c}
		if ex.F != nil {
			r.x = *ex.F
			cued++
		}
		rs = append(rs, r)
		counts[c]++
	}
	if len(rs) == 0 {
		return nil, pipeline.Usagef("no training sentence has a cue: nothing to learn")
	}
	n := len(rs)
	present := 0
	for _, k := range counts {
		if k > 0 {
			present++
		}
	}
	var cw [K]float64
	info := TrainInfo{Rows: len(examples), CuedRows: cued, L2: opts.L2, NGramL2: opts.NGramL2, ClassWeights: map[string]float64{}}
	for c, k := range counts {
		if k == 0 {
			continue
		}
		cw[c] = 1
		if !opts.Unweighted {
			cw[c] = float64(n) / float64(present*k)
		}
		info.ClassWeights[Labels[c]] = round6(cw[c])
	}
	// Vocabulary: n-grams in at least gramMinCount rows, sorted.
	df := map[string]int{}
	for _, r := range rs {
		for _, g := range r.grams {
			df[g]++
		}
	}
	var vocab []string
	for g, k := range df {
		if k >= gramMinCount {
			vocab = append(vocab, g)
		}
	}
	sort.Strings(vocab)
	index := make(map[string]int32, len(vocab))
	for i, g := range vocab {
		index[g] = int32(i)
	}
	V := len(vocab)
	// Standardise the cue features.
	var mean, scale [D]float64
	for _, r := range rs {
		for j := range r.x {
			mean[j] += r.x[j]
		}
	}
	for j := range mean {
		mean[j] /= float64(n)
	}
	for _, r := range rs {
		for j := range r.x {
			d := r.x[j] - mean[j]
			scale[j] += d * d
		}
	}
	for j := range scale {
		scale[j] = math.Sqrt(scale[j] / float64(n))
		if scale[j] < 1e-12 {
			scale[j] = 0
		}
	}
	var wsum float64
	for _, r := range rs {
		wsum += cw[r.y]
	}
	rows := make([]jointRow, n)
	for i, r := range rs {
		for j := range r.x {
			if scale[j] > 0 {
				rows[i].z[j] = (r.x[j] - mean[j]) / scale[j]
			}
		}
		for _, g := range r.grams {
			if k, ok := index[g]; ok {
				rows[i].grams = append(rows[i].grams, k)
			}
		}
		rows[i].y = r.y
		rows[i].w = cw[r.y] / wsum
	}
	P := D + 1 // per class: D weights, bias
	G := K * P // offset of the n-gram weights: G + g*K + c
	dim := G + V*K
	obj := func(grad, p []float64) float64 {
		clear(grad)
		var loss float64
		var s [K]float64
		for i := range rows {
			r := &rows[i]
			mx := math.Inf(-1)
			for c := 0; c < K; c++ {
				v := p[c*P+D]
				row := p[c*P : c*P+D]
				for j, x := range r.z {
					v += row[j] * x
				}
				for _, g := range r.grams {
					v += p[G+int(g)*K+c]
				}
				s[c] = v
				mx = max(mx, v)
			}
			var se float64
			for c := range s {
				s[c] = math.Exp(s[c] - mx)
				se += s[c]
			}
			loss -= r.w * math.Log(s[r.y]/se)
			for c := 0; c < K; c++ {
				g := s[c] / se
				if c == r.y {
					g--
				}
				g *= r.w
				row := grad[c*P : c*P+D]
				for j, x := range r.z {
					row[j] += g * x
				}
				grad[c*P+D] += g
				for _, k := range r.grams {
					grad[G+int(k)*K+c] += g
				}
			}
		}
		for c := 0; c < K; c++ {
			for j := 0; j < D; j++ {
				v := p[c*P+j]
				loss += opts.L2 / 2 * v * v
				grad[c*P+j] += opts.L2 * v
			}
		}
		for k := G; k < dim; k++ {
			v := p[k]
			loss += opts.NGramL2 / 2 * v * v
			grad[k] += opts.NGramL2 * v
		}
		return loss
	}
	maxIter := opts.MaxIterations
	if maxIter <= 0 {
		maxIter = 1000
	}
	x, iters, loss := lbfgs(obj, dim, maxIter)
	info.Iterations = iters
	info.Loss = round6(loss)
	m := &Model{Training: info, LabelCueless: opts.LabelCueless}
	m.setLinear(x, K, P, D, mean[:], scale[:])
	// N-grams: centred, rounded, the strongest MaxNGrams kept.
	type scored struct {
		row GramRow
		mag float64
	}
	var gs []scored
	for k, name := range vocab {
		var w [K]float64
		var s float64
		for c := 0; c < K; c++ {
			w[c] = x[G+k*K+c]
			s += w[c]
		}
		mag := 0.0
		for c := range w {
			w[c] = round6(w[c] - s/K)
			mag = max(mag, math.Abs(w[c]))
		}
		if mag > 0 {
			gs = append(gs, scored{GramRow{Name: name, W: w}, mag})
		}
	}
	sort.SliceStable(gs, func(a, b int) bool {
		if gs[a].mag != gs[b].mag {
			return gs[a].mag > gs[b].mag
		}
		return gs[a].row.Name < gs[b].row.Name
	})
	if len(gs) > opts.MaxNGrams {
		gs = gs[:opts.MaxNGrams]
	}
	m.GramRows = make([]GramRow, len(gs))
	m.Grams = make(map[uint64]int32, len(gs))
	for i, g := range gs {
		m.GramRows[i] = g.row
		key, _ := hashGramName(g.row.Name)
		m.Grams[key] = int32(i)
	}
	return m, nil
}

// lbfgs minimises f (which fills grad) from zero with limited-memory BFGS
// (10 pairs) and a backtracking Armijo line search. It stops when the
// largest gradient component is below 1e-7, when the loss stops falling,
// or after maxIter iterations.
func lbfgs(f func(grad, p []float64) float64, dim, maxIter int) ([]float64, int, float64) {
	const mem = 10
	x := make([]float64, dim)
	g := make([]float64, dim)
	loss := f(g, x)
	var sHist, yHist [][]float64
	var rho []float64
	d := make([]float64, dim)
	xn := make([]float64, dim)
	gn := make([]float64, dim)
	alpha := make([]float64, mem)
	iters := 0
	for ; iters < maxIter; iters++ {
		gmax := 0.0
		for _, v := range g {
			gmax = max(gmax, math.Abs(v))
		}
		if gmax < 1e-7 {
			break
		}
		// Two-loop recursion: d = -H g.
		copy(d, g)
		for i := len(sHist) - 1; i >= 0; i-- {
			alpha[i] = rho[i] * dot(sHist[i], d)
			axpy(-alpha[i], yHist[i], d)
		}
		if k := len(sHist); k > 0 {
			gamma := dot(sHist[k-1], yHist[k-1]) / dot(yHist[k-1], yHist[k-1])
			for i := range d {
				d[i] *= gamma
			}
		} else {
			// First step: a small move along the gradient.
			for i := range d {
				d[i] /= max(gmax, 1)
			}
		}
		for i := range sHist {
			b := rho[i] * dot(yHist[i], d)
			axpy(alpha[i]-b, sHist[i], d)
		}
		for i := range d {
			d[i] = -d[i]
		}
		slope := dot(g, d)
		if slope >= 0 { // not a descent direction: restart
			sHist, yHist, rho = nil, nil, nil
			for i := range d {
				d[i] = -g[i]
			}
			slope = dot(g, d)
		}
		t := 1.0
		var ln float64
		ok := false
		for half := 0; half < 40; half++ {
			for i := range x {
				xn[i] = x[i] + t*d[i]
			}
			ln = f(gn, xn)
			if ln <= loss+1e-4*t*slope {
				ok = true
				break
			}
			t /= 2
		}
		if !ok {
			break
		}
		s := make([]float64, dim)
		y := make([]float64, dim)
		for i := range x {
			s[i] = xn[i] - x[i]
			y[i] = gn[i] - g[i]
		}
		if sy := dot(s, y); sy > 1e-12 {
			if len(sHist) == mem {
				sHist, yHist, rho = sHist[1:], yHist[1:], rho[1:]
			}
			sHist, yHist, rho = append(sHist, s), append(yHist, y), append(rho, 1/sy)
		}
		copy(x, xn)
		copy(g, gn)
		done := loss-ln < 1e-12*max(1, math.Abs(loss))
		loss = ln
		if done {
			iters++
			break
		}
	}
	return x, iters, loss
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func axpy(a float64, x, y []float64) {
	for i := range x {
		y[i] += a * x[i]
	}
}
