package framing

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/techframe/techframe/pipeline"
)

// Example is one labelled sentence for Train. F is nil for a sentence
// without any cue: such sentences are neutral by construction and do not
// enter the fit (they are counted in TrainInfo.Rows).
type Example struct {
	F *Features
	// Grams are the sentence's distinct n-gram names (Tagger.FeaturesGrams),
	// used when TrainOptions.NGramL2 > 0.
	Grams []string
	Label string
}

// TrainOptions set the fit; the zero value means the defaults.
type TrainOptions struct {
	// L2 is the penalty on the (standardised) feature weights, relative to
	// the mean weighted log-loss (default DefaultL2). Biases are not penalised.
	L2 float64
	// MaxIterations bounds the Newton iterations (default 100).
	MaxIterations int
	// Unweighted turns off class weights. By default each class is weighted
	// n / (4 x n_class) so that the rare "both" counts as much as the others.
	Unweighted bool
	// NGramL2 > 0 adds word unigram and bigram features (ngram.go) with
	// this penalty on their (0/1) weights, fitted jointly by L-BFGS.
	NGramL2 float64
	// MaxNGrams is how many n-grams the model keeps (default
	// DefaultMaxNGrams), the largest weights first.
	MaxNGrams int
	// LabelCueless trains on sentences without cues too and lets the model
	// label them from their n-grams (with n-gram Evidence).
	LabelCueless bool
	// Always are labelled examples that ChooseL2 and LeaveOneSetOut add to
	// the training side of every fold and never score: the codebook's own
	// examples, which every model should learn but which are too few to
	// be a test fold. Train itself ignores them.
	Always []Example
}

// DefaultL2 is the default L2 penalty on the cue features, chosen with
// DefaultNGramL2 by ChooseL2 over the ten gold sets (with the codebook examples in every fold).
const DefaultL2 = 0.03

// DefaultNGramL2 is the n-gram penalty of the shipped model, chosen by
// ChooseL2 over its ten gold sets (TestChooseShippedL2).
const DefaultNGramL2 = 0.003

// Train fits a Model to labelled sentences: multinomial logistic
// regression with L2, on standardised features (the weights are scaled
// back to the features' own units before they are stored), minimised with
// Newton's method (with step halving) from zero. The same examples and options give identical weights.
func Train(examples []Example, opts TrainOptions) (*Model, error) {
	if opts.L2 <= 0 {
		opts.L2 = DefaultL2
	}
	if opts.NGramL2 < 0 {
		return nil, pipeline.Usagef("the n-gram penalty must be 0 (no n-grams) or positive, not %g", opts.NGramL2)
	}
	if opts.NGramL2 > 0 {
		return trainJoint(examples, opts)
	}
	if opts.MaxIterations <= 0 {
		opts.MaxIterations = 100
	}
	const K, D = 4, NumFeatures
	var xs []Features
	var ys []int
	counts := [K]int{}
	for i, ex := range examples {
		c := labelIndex(ex.Label)
		if c < 0 {
			return nil, pipeline.Usagef("training example %d: unknown label %q (want cooperation, competition, both or neutral)", i+1, ex.Label)
		}
		if ex.F == nil {
			continue
		}
		xs = append(xs, *ex.F)
		ys = append(ys, c)
		counts[c]++
	}
	if len(xs) == 0 {
		return nil, pipeline.Usagef("no training sentence has a cue: nothing to learn")
	}
	n := len(xs)
	// Class weights (balanced over the classes present).
	present := 0
	for _, k := range counts {
		if k > 0 {
			present++
		}
	}
	var cw [K]float64
	info := TrainInfo{Rows: len(examples), CuedRows: n, L2: opts.L2, ClassWeights: map[string]float64{}}
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
	// Standardise.
	var mean, scale [D]float64
	for _, x := range xs {
		for j := range x {
			mean[j] += x[j]
		}
	}
	for j := range mean {
		mean[j] /= float64(n)
	}
	for _, x := range xs {
		for j := range x {
			d := x[j] - mean[j]
			scale[j] += d * d
		}
	}
	for j := range scale {
		scale[j] = math.Sqrt(scale[j] / float64(n))
		if scale[j] < 1e-12 {
			scale[j] = 0 // constant feature: its weight stays 0
		}
	}
	z := make([][D]float64, n)
	for i, x := range xs {
		for j := range x {
			if scale[j] > 0 {
				z[i][j] = (x[j] - mean[j]) / scale[j]
			}
		}
	}
	var wsum float64
	for _, y := range ys {
		wsum += cw[y]
	}
	// Parameters: for each class, D weights then a bias.
	P := D + 1
	obj := func(grad, p []float64) float64 {
		if grad != nil {
			clear(grad)
		}
		var loss float64
		var s [K]float64
		for i := range z {
			mx := math.Inf(-1)
			for c := 0; c < K; c++ {
				v := p[c*P+D]
				row := p[c*P : c*P+D]
				for j, x := range z[i] {
					v += row[j] * x
				}
				s[c] = v
				mx = max(mx, v)
			}
			var se float64
			for c := range s {
				s[c] = math.Exp(s[c] - mx)
				se += s[c]
			}
			w := cw[ys[i]] / wsum
			loss -= w * math.Log(s[ys[i]]/se)
			if grad != nil {
				for c := 0; c < K; c++ {
					g := s[c] / se
					if c == ys[i] {
						g--
					}
					g *= w
					row := grad[c*P : c*P+D]
					for j, x := range z[i] {
						row[j] += g * x
					}
					grad[c*P+D] += g
				}
			}
		}
		for c := 0; c < K; c++ {
			for j := 0; j < D; j++ {
				v := p[c*P+j]
				loss += opts.L2 / 2 * v * v
				if grad != nil {
					grad[c*P+j] += opts.L2 * v
				}
			}
		}
		return loss
	}
	x, iters, loss, err := newton(obj, z, ys, cw, wsum, opts)
	if err != nil {
		return nil, err
	}
	info.Iterations = iters
	info.Loss = round6(loss)
	m := &Model{Training: info}
	m.setLinear(x, K, P, D, mean[:], scale[:])
	return m, nil
}

// round6 rounds to six decimals so that model files stay readable and
// round-trip exactly.
func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }

// setLinear sets the cue-feature weights and biases from a solution x
// fitted on standardised features (P parameters per class, the last of the
// first D+1 being the bias): weights are mapped back to raw feature units,
// then centred over the classes (the softmax is unchanged by adding a
// constant to every class) so the file reads as "this feature pushes towards
// / away from this label", and rounded.
func (m *Model) setLinear(x []float64, K, P, D int, mean, scale []float64) {
	for c := 0; c < K; c++ {
		b := x[c*P+D]
		for j := 0; j < D; j++ {
			if scale[j] == 0 {
				continue
			}
			w := x[c*P+j] / scale[j]
			m.W[c][j] = w
			b -= w * mean[j]
		}
		m.B[c] = b
	}
	for j := 0; j < D; j++ {
		var s float64
		for c := 0; c < K; c++ {
			s += m.W[c][j]
		}
		for c := 0; c < K; c++ {
			m.W[c][j] = round6(m.W[c][j] - s/float64(K))
		}
	}
	var s float64
	for c := 0; c < K; c++ {
		s += m.B[c]
	}
	for c := 0; c < K; c++ {
		m.B[c] = round6(m.B[c] - s/float64(K))
	}
}

func labelIndex(l string) int {
	for i, x := range Labels {
		if x == l {
			return i
		}
	}
	return -1
}

// newton minimises obj (the penalised weighted log-loss) by Newton's
// method: the exact Hessian of the softmax loss plus the L2 term (a tiny
// ridge on the biases keeps it positive definite, since adding one
// constant to every bias changes nothing), solved by Cholesky, with the
// step halved until the loss decreases. It stops when the gradient's
// largest component is below 1e-9 or the loss stops falling. Everything
// runs in a fixed order, so the result is deterministic.
func newton(obj func(grad, p []float64) float64, z [][NumFeatures]float64, ys []int, cw [4]float64, wsum float64, opts TrainOptions) ([]float64, int, float64, error) {
	const K, D = 4, NumFeatures
	const P = D + 1
	dim := K * P
	p := make([]float64, dim)
	grad := make([]float64, dim)
	trial := make([]float64, dim)
	loss := obj(grad, p)
	h := mat.NewSymDense(dim, nil)
	var xi [P]float64
	iters := 0
	for ; iters < opts.MaxIterations; iters++ {
		gmax := 0.0
		for _, g := range grad {
			gmax = max(gmax, math.Abs(g))
		}
		if gmax < 1e-9 {
			break
		}
		// Hessian: sum_i w_i (diag(prob) - prob prob^T) (x) xi xi^T + ridge.
		raw := h.RawSymmetric().Data
		clear(raw)
		var prob [K]float64
		for i := range z {
			copy(xi[:D], z[i][:])
			xi[D] = 1
			mx := math.Inf(-1)
			for c := 0; c < K; c++ {
				v := 0.0
				for j := 0; j < P; j++ {
					v += p[c*P+j] * xi[j]
				}
				prob[c] = v
				mx = max(mx, v)
			}
			se := 0.0
			for c := range prob {
				prob[c] = math.Exp(prob[c] - mx)
				se += prob[c]
			}
			w := cw[ys[i]] / wsum
			for c := 0; c < K; c++ {
				prob[c] /= se
			}
			for c := 0; c < K; c++ {
				for e := c; e < K; e++ {
					a := -prob[c] * prob[e]
					if c == e {
						a += prob[c]
					}
					a *= w
					if a == 0 {
						continue
					}
					for j := 0; j < P; j++ {
						if xi[j] == 0 {
							continue
						}
						row := (c*P + j) * dim
						for k := 0; k < P; k++ {
							if c == e && k < j {
								continue
							}
							raw[row+e*P+k] += a * xi[j] * xi[k]
						}
					}
				}
			}
		}
		for c := 0; c < K; c++ {
			for j := 0; j < P; j++ {
				r := opts.L2
				if j == D {
					r = 1e-8
				}
				raw[(c*P+j)*dim+c*P+j] += r
			}
		}
		var chol mat.Cholesky
		if !chol.Factorize(h) {
			return nil, iters, loss, fmt.Errorf("framing: training failed: Hessian not positive definite at iteration %d", iters)
		}
		step := mat.NewVecDense(dim, nil)
		if err := chol.SolveVecTo(step, mat.NewVecDense(dim, grad)); err != nil {
			return nil, iters, loss, fmt.Errorf("framing: training failed: %w", err)
		}
		t := 1.0
		improved := false
		for half := 0; half < 30; half++ {
			for k := range p {
				trial[k] = p[k] - t*step.AtVec(k)
			}
			if l := obj(nil, trial); l < loss {
				copy(p, trial)
				improved = loss-l > 1e-15
				loss = obj(grad, p)
				break
			}
			t /= 2
		}
		if !improved {
			break
		}
	}
	return p, iters, loss, nil
}

// Fold is one leave-one-set-out fold: the hand rule's and the learned
// combiner's scores on the held-out set, the combiner trained on the others.
type Fold struct {
	Name          string
	N             int
	Rule, Learned Scores
	// L2 and NGramL2 are the penalties the fold's combiner used.
	L2, NGramL2 float64
}

// foldTraining is the training side of fold k: always, then every set but
// the k-th.
func foldTraining(sets [][]Example, k int, always []Example) []Example {
	train := append([]Example(nil), always...)
	for j := range sets {
		if j != k {
			train = append(train, sets[j]...)
		}
	}
	return train
}

// L2Grid and NGramL2Grid are the cue-feature and n-gram penalties ChooseL2
// tries.
var (
	L2Grid      = []float64{0.03, 0.1, 0.3}
	NGramL2Grid = []float64{0.0003, 0.001, 0.003, 0.01, 0.03}
)

// ChooseL2 picks the pair of penalties (cue features, n-grams) from L2Grid
// x NGramL2Grid with the best mean macro-F1 in leave-one-set-out over sets
// (ties: the later pair, larger penalties); with one set, it splits it
// into alternate halves.
func ChooseL2(sets [][]Example, opts TrainOptions) (l2, ngramL2 float64, err error) {
	if len(sets) == 1 {
		var a, b []Example
		for i, ex := range sets[0] {
			if i%2 == 0 {
				a = append(a, ex)
			} else {
				b = append(b, ex)
			}
		}
		sets = [][]Example{a, b}
	}
	bestF := -1.0
	for _, dl2 := range L2Grid {
		for _, nl2 := range NGramL2Grid {
			o := opts
			o.L2, o.NGramL2 = dl2, nl2
			f := 0.0
			for k := range sets {
				m, err := Train(foldTraining(sets, k, o.Always), o)
				if err != nil {
					return 0, 0, err
				}
				gold := make([]string, len(sets[k]))
				pred := make([]string, len(sets[k]))
				for i, ex := range sets[k] {
					gold[i], pred[i] = ex.Label, LabelExample(m, ex)
				}
				f += Score(gold, pred).MacroF1
			}
			f /= float64(len(sets))
			if f >= bestF-1e-12 {
				l2, ngramL2, bestF = dl2, nl2, f
			}
		}
	}
	return l2, ngramL2, nil
}

// RuleLabel is the hand-set rule's label for a sentence's features (nil:
// no cue, neutral).
func (t *Tagger) RuleLabel(f *Features) string {
	if f == nil {
		return Neutral
	}
	return t.Label(f[FCoopScore], f[FCompScore])
}

// LabelWith is the label m gives a sentence's features (nil features: no
// cue, neutral).
func LabelWith(m *Model, f *Features) string {
	if f == nil {
		return Neutral
	}
	return m.Label(f)
}

// LeaveOneSetOut trains a combiner on all sets but one and scores it, and
// the hand rule of t, on that one, for each set in turn. A negative
// opts.NGramL2 means: choose both penalties for each fold with ChooseL2 on that
// fold's training sets only.
func (t *Tagger) LeaveOneSetOut(sets [][]Example, names []string, opts TrainOptions) ([]Fold, error) {
	var out []Fold
	for k := range sets {
		train := foldTraining(sets, k, opts.Always)
		o := opts
		if o.NGramL2 < 0 { // choose them (ChooseL2)
			// Inner cross-validation on the training sets only.
			var inner [][]Example
			for j := range sets {
				if j != k {
					inner = append(inner, sets[j])
				}
			}
			l2, ngramL2, err := ChooseL2(inner, o)
			if err != nil {
				return nil, fmt.Errorf("fold %s: %w", names[k], err)
			}
			o.L2, o.NGramL2 = l2, ngramL2
		}
		m, err := Train(train, o)
		if err != nil {
			return nil, fmt.Errorf("fold %s: %w", names[k], err)
		}
		gold := make([]string, len(sets[k]))
		rule := make([]string, len(sets[k]))
		learned := make([]string, len(sets[k]))
		for i, ex := range sets[k] {
			gold[i], rule[i], learned[i] = ex.Label, t.RuleLabel(ex.F), LabelExample(m, ex)
		}
		out = append(out, Fold{Name: names[k], N: len(gold), Rule: Score(gold, rule), Learned: Score(gold, learned), L2: o.L2, NGramL2: o.NGramL2})
	}
	return out, nil
}
