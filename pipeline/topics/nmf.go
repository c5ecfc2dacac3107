package topics

import (
	"context"
	"fmt"
	"gonum.org/v1/gonum/floats"
	"math"

	"github.com/techframe/techframe/pipeline/sparse"
	"gonum.org/v1/gonum/mat"
)

// NMFOptions configure FitNMF. Zero values take the defaults shown.
type NMFOptions struct {
	K int
	// MaxIterations of alternating coordinate descent (default 400).
	MaxIterations int
	// Tol stops when the projected-gradient violation falls below Tol times
	// its first value (default 1e-4, scikit-learn's).
	Tol float64
	// Seed drives the randomized SVD of the initialisation.
	Seed uint64
	// Jobs is the number of worker goroutines (default 1); the result is
	// identical for any value.
	Jobs int
	// Zeros: "nndsvda" (default) fills NNDSVD's zeros with the mean of X,
	// "nndsvd" leaves them zero (they then stay zero under coordinate
	// descent).
	Init     string
	Progress func(iteration int, loss float64)
	Context  context.Context
}

// FitNMF factorises a non-negative documents x terms matrix X (normally
// TF-IDF weighted) as X ≈ W H with W docs x K and H K x terms, minimising
// the Frobenius loss ½‖X − WH‖².
//
// Initialisation is NNDSVD (Boutsidis & Gallopoulos 2008): the leading K
// singular triplets of X, each split into its positive and negative parts and
// the part with the larger norm product kept. The singular triplets come
// from a randomized SVD (Halko, Martinsson & Tropp 2011: a Gaussian test
// matrix with K+10 columns, seven power iterations with re-orthonormalised
// ranges, then an exact SVD of the small projected matrix) that never
// densifies X.
//
// Updates are cyclic coordinate descent (Hsieh & Dhillon 2011), the
// scikit-learn 'cd' solver: with Gram matrices HHᵀ and XHᵀ (sparse products),
// each W[i,t] moves by −grad/HHᵀ[t,t] clipped at zero; then H likewise
// with WᵀW and XᵀW. Rows update independently, which is how the work is
// split over workers without changing any result.
func FitNMF(x *sparse.CSR, terms []string, opts NMFOptions) (*Model, error) {
	if opts.MaxIterations <= 0 {
		opts.MaxIterations = 400
	}
	if opts.Tol <= 0 {
		opts.Tol = 1e-4
	}
	if opts.Jobs <= 0 {
		opts.Jobs = 1
	}
	if opts.Init == "" {
		opts.Init = "nndsvda"
	}
	if opts.Init != "nndsvda" && opts.Init != "nndsvd" {
		return nil, fmt.Errorf("%w: NMF init must be nndsvd or nndsvda, not %q", ErrBadInput, opts.Init)
	}
	if err := checkMatrix(x, terms, opts.K); err != nil {
		return nil, err
	}
	n, m, K := x.Rows, x.Cols, opts.K
	xt := x.Transpose()
	W, H := nndsvd(x, xt, K, opts.Seed, opts.Init == "nndsvda", opts.Jobs)
	// H is K x m; the H update works on Hᵀ (m x K) rows.
	Ht := transposeDense(H, K, m)
	model := &Model{Kind: KindNMF, K: K, Terms: terms[:m], Docs: n, Seed: opts.Seed}
	var vInit float64
	stopped := false // the projected-gradient rule ended the fit
	for it := 1; it <= opts.MaxIterations; it++ {
		if opts.Context != nil {
			if err := opts.Context.Err(); err != nil {
				return nil, err
			}
		}
		v := cdUpdate(x, W, Ht, n, m, K, opts.Jobs)
		v += cdUpdate(xt, Ht, W, m, n, K, opts.Jobs)
		model.Iterations = it
		if it == 1 {
			vInit = v
		}
		if it%10 == 0 || it == 1 {
			loss := frobeniusLoss(x, W, Ht, K)
			model.Trace = append(model.Trace, TracePoint{Iteration: it, Value: loss})
			if opts.Progress != nil {
				opts.Progress(it, loss)
			}
		}
		if vInit == 0 || v/vInit <= opts.Tol {
			stopped = true
			break
		}
	}
	loss := frobeniusLoss(x, W, Ht, K)
	if len(model.Trace) == 0 || model.Trace[len(model.Trace)-1].Iteration != model.Iterations {
		model.Trace = append(model.Trace, TracePoint{Iteration: model.Iterations, Value: loss})
	}
	model.Convergence = convergence(model.Trace, 50, 1e-3)
	if stopped {
		// The fit met its own stopping rule: more iterations would not
		// run, whatever the loss moved over the last window.
		c := &model.Convergence
		c.Converged = true
		c.Description = fmt.Sprintf("converged: stopped after %d iterations, the projected gradient below %.0e of its start (relative change of the loss %.2e over the last %d iterations)",
			model.Iterations, opts.Tol, c.RelChange, c.Window)
	}
	model.TopicWord = transposeDense(Ht, m, K)
	model.DocTopic = W
	model.TopicTokens = make([]float64, K)
	for k := 0; k < K; k++ {
		h := 0.0
		for _, v := range model.Row(k) {
			h += v
		}
		s := 0.0
		for i := 0; i < n; i++ {
			s += W[i*K+k]
		}
		model.TopicTokens[k] = s * h
	}
	for i := 0; i < n; i++ {
		if x.Indptr[i] == x.Indptr[i+1] {
			model.EmptyDocs++
		}
	}
	return model, nil
}

func transposeDense(a []float64, r, c int) []float64 {
	out := make([]float64, len(a))
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			out[j*r+i] = a[i*c+j]
		}
	}
	return out
}

// parallelRows runs f over [0, n) in fixed chunks on jobs goroutines; the
// chunking does not depend on jobs, so per-chunk results combined in chunk
// order are identical for any number of workers.
func parallelRows(n, jobs int, f func(chunk, lo, hi int)) int {
	const chunkSize = 256
	chunks := (n + chunkSize - 1) / chunkSize
	runShards(chunks, jobs, func(c, _ int) {
		lo := c * chunkSize
		hi := lo + chunkSize
		if hi > n {
			hi = n
		}
		f(c, lo, hi)
	})
	return chunks
}

// cdUpdate performs one coordinate-descent sweep over the rows of A (rows x
// K, row-major) for X ≈ A Bᵀ, where X is rows x cols (CSR) and B is cols x K.
// It returns the sum of absolute projected gradients (the violation).
func cdUpdate(x *sparse.CSR, A, B []float64, rows, cols, K, jobs int) float64 {
	// G = BᵀB (K x K).
	G := make([]float64, K*K)
	for j := 0; j < cols; j++ {
		b := B[j*K : (j+1)*K]
		for s := 0; s < K; s++ {
			if b[s] == 0 {
				continue
			}
			g := G[s*K : (s+1)*K]
			for t := s; t < K; t++ {
				g[t] += b[s] * b[t]
			}
		}
	}
	for s := 0; s < K; s++ {
		for t := 0; t < s; t++ {
			G[s*K+t] = G[t*K+s]
		}
	}
	partial := make([]float64, (rows+255)/256)
	parallelRows(rows, jobs, func(c, lo, hi int) {
		xb := make([]float64, K)
		viol := 0.0
		for i := lo; i < hi; i++ {
			// xb = (X B)[i,:]
			for t := range xb {
				xb[t] = 0
			}
			idx, val := x.Row(i)
			for p, j := range idx {
				// xb += v * B[j,:] (gonum's assembly axpy)
				floats.AddScaled(xb, val[p], B[int(j)*K:int(j)*K+K])
			}
			a := A[i*K : (i+1)*K]
			for t := 0; t < K; t++ {
				g := G[t*K : (t+1)*K]
				grad := floats.Dot(g, a) - xb[t]
				pg := grad
				if a[t] == 0 && pg > 0 {
					pg = 0
				}
				viol += math.Abs(pg)
				if h := g[t]; h != 0 {
					nv := a[t] - grad/h
					if nv < 0 {
						nv = 0
					}
					a[t] = nv
				}
			}
		}
		partial[c] = viol
	})
	v := 0.0
	for _, p := range partial {
		v += p
	}
	return v
}

// frobeniusLoss returns ½‖X − W H‖² computed sparsely:
// ½(‖X‖² − 2 Σ_nz x_ij (WH)_ij + tr((WᵀW)(HHᵀ))).
func frobeniusLoss(x *sparse.CSR, W, Ht []float64, K int) float64 {
	xx, cross := 0.0, 0.0
	for i := 0; i < x.Rows; i++ {
		idx, val := x.Row(i)
		w := W[i*K : (i+1)*K]
		for p, j := range idx {
			h := Ht[int(j)*K : int(j)*K+K]
			d := 0.0
			for t := range w {
				d += w[t] * h[t]
			}
			xx += val[p] * val[p]
			cross += val[p] * d
		}
	}
	gram := func(a []float64, rows int) []float64 {
		g := make([]float64, K*K)
		for i := 0; i < rows; i++ {
			r := a[i*K : (i+1)*K]
			for s := 0; s < K; s++ {
				for t := 0; t < K; t++ {
					g[s*K+t] += r[s] * r[t]
				}
			}
		}
		return g
	}
	gw, gh := gram(W, x.Rows), gram(Ht, x.Cols)
	tr := 0.0
	for i := range gw {
		tr += gw[i] * gh[i]
	}
	l := 0.5 * (xx - 2*cross + tr)
	if l < 0 {
		l = 0
	}
	return l
}

// nndsvd returns W (n x K) and H (K x m), row-major.
func nndsvd(x, xt *sparse.CSR, K int, seed uint64, fillMean bool, jobs int) (W, H []float64) {
	n, m := x.Rows, x.Cols
	U, S, V := randomizedSVD(x, xt, K, seed, jobs)
	W = make([]float64, n*K)
	H = make([]float64, K*m)
	for j := 0; j < K; j++ {
		u := make([]float64, n)
		v := make([]float64, m)
		for i := range u {
			u[i] = U[i*K+j]
		}
		for i := range v {
			v[i] = V[i*K+j]
		}
		if j == 0 {
			s := math.Sqrt(S[0])
			for i, a := range u {
				W[i*K] = s * math.Abs(a)
			}
			for i, a := range v {
				H[i] = s * math.Abs(a)
			}
			continue
		}
		up, un := posNegNorms(u)
		vp, vn := posNegNorms(v)
		mp, mn := up*vp, un*vn
		sign, nu, nv, mag := 1.0, up, vp, mp
		if mn > mp {
			sign, nu, nv, mag = -1, un, vn, mn
		}
		lambda := math.Sqrt(S[j] * mag)
		for i, a := range u {
			if a*sign > 0 && nu > 0 {
				W[i*K+j] = lambda * a * sign / nu
			}
		}
		for i, a := range v {
			if a*sign > 0 && nv > 0 {
				H[j*m+i] = lambda * a * sign / nv
			}
		}
	}
	if fillMean {
		mean := 0.0
		for _, v := range x.Data {
			mean += v
		}
		mean /= float64(n) * float64(m)
		for i, v := range W {
			if v == 0 {
				W[i] = mean
			}
		}
		for i, v := range H {
			if v == 0 {
				H[i] = mean
			}
		}
	}
	return W, H
}

func posNegNorms(v []float64) (pos, neg float64) {
	for _, a := range v {
		if a > 0 {
			pos += a * a
		} else {
			neg += a * a
		}
	}
	return math.Sqrt(pos), math.Sqrt(neg)
}

// randomizedSVD returns the leading K singular triplets of x: U (n x K), S
// (K), V (m x K), row-major.
func randomizedSVD(x, xt *sparse.CSR, K int, seed uint64, jobs int) (U, S, V []float64) {
	n, m := x.Rows, x.Cols
	l := K + 10
	if l > n {
		l = n
	}
	if l > m {
		l = m
	}
	r := rng{s: streamSeed(seed, 0x5fd)}
	omega := make([]float64, m*l)
	for i := range omega {
		omega[i] = r.normal()
	}
	Y := spmm(x, omega, l, jobs) // n x l
	orthonormalize(Y, n, l)
	for q := 0; q < 7; q++ {
		Z := spmm(xt, Y, l, jobs) // m x l
		orthonormalize(Z, m, l)
		Y = spmm(x, Z, l, jobs)
		orthonormalize(Y, n, l)
	}
	// Bᵀ = Xᵀ Q (m x l); Bᵀ = Ub Σ Vbᵀ, so X ≈ Q Vb Σ Ubᵀ.
	Bt := spmm(xt, Y, l, jobs)
	var svd mat.SVD
	if !svd.Factorize(mat.NewDense(m, l, Bt), mat.SVDThin) {
		// Fall back to the projected range itself; should not happen.
		panic("topics: SVD of the projected matrix did not converge")
	}
	var ub, vb mat.Dense
	svd.UTo(&ub) // m x l
	svd.VTo(&vb) // l x l
	vals := svd.Values(nil)
	U = make([]float64, n*K)
	V = make([]float64, m*K)
	S = make([]float64, K)
	for j := 0; j < K && j < l; j++ {
		S[j] = vals[j]
		for i := 0; i < n; i++ {
			s := 0.0
			for p := 0; p < l; p++ {
				s += Y[i*l+p] * vb.At(p, j)
			}
			U[i*K+j] = s
		}
		for i := 0; i < m; i++ {
			V[i*K+j] = ub.At(i, j)
		}
	}
	return U, S, V
}

// spmm returns x (rows x cols, CSR) times the dense cols x l matrix b.
func spmm(x *sparse.CSR, b []float64, l, jobs int) []float64 {
	out := make([]float64, x.Rows*l)
	parallelRows(x.Rows, jobs, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			o := out[i*l : (i+1)*l]
			idx, val := x.Row(i)
			for p, j := range idx {
				v := val[p]
				r := b[int(j)*l : int(j)*l+l]
				for t := range o {
					o[t] += v * r[t]
				}
			}
		}
	})
	return out
}

// orthonormalize makes the columns of a (rows x l, row-major) orthonormal
// by modified Gram-Schmidt, run twice for numerical safety. A column that
// vanishes is left zero.
func orthonormalize(a []float64, rows, l int) {
	for pass := 0; pass < 2; pass++ {
		for j := 0; j < l; j++ {
			for p := 0; p < j; p++ {
				d := 0.0
				for i := 0; i < rows; i++ {
					d += a[i*l+j] * a[i*l+p]
				}
				for i := 0; i < rows; i++ {
					a[i*l+j] -= d * a[i*l+p]
				}
			}
			nrm := 0.0
			for i := 0; i < rows; i++ {
				nrm += a[i*l+j] * a[i*l+j]
			}
			nrm = math.Sqrt(nrm)
			if nrm < 1e-300 {
				for i := 0; i < rows; i++ {
					a[i*l+j] = 0
				}
				continue
			}
			for i := 0; i < rows; i++ {
				a[i*l+j] /= nrm
			}
		}
	}
}
