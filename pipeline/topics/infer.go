package topics

import (
	"context"
	"fmt"
	"math"

	"github.com/techframe/techframe/pipeline/sparse"
)

// InferOptions configure Infer and DocumentCompletion. Zero values take the
// defaults shown.
type InferOptions struct {
	// Iterations: LDA Gibbs sweeps per document (default 100, MALLET's
	// inferencer default); NMF coordinate-descent sweeps (default 200).
	Iterations int
	// BurnIn LDA sweeps are discarded before the document's proportions are
	// averaged over the remaining sweeps (0: the default, 10; negative:
	// none). One at or past Iterations leaves the last sweep alone.
	BurnIn int
	Seed   uint64
	// Jobs is the number of worker goroutines (default 1); every document
	// has its own random stream, so the result is the same for any value.
	Jobs    int
	Context context.Context
}

// Resolved returns the options with their defaults filled in for a model
// of kind (KindLDA or KindNMF): what Infer will run.
func (o InferOptions) Resolved(kind string) InferOptions {
	o.defaults(kind)
	return o
}

func (o *InferOptions) defaults(kind string) {
	if o.Iterations <= 0 {
		o.Iterations = 100
		if kind == KindNMF {
			o.Iterations = 200
		}
	}
	if o.BurnIn < 0 {
		o.BurnIn = 0
	} else if o.BurnIn == 0 {
		o.BurnIn = 10
	}
	if o.BurnIn >= o.Iterations {
		o.BurnIn = o.Iterations - 1
	}
	if o.Jobs <= 0 {
		o.Jobs = 1
	}
}

// Infer returns the topic weights of new documents, docs x K row-major. x
// holds raw term counts over the model's vocabulary (column j is
// m.Terms[j]).
//
// LDA: each document's topic assignments are Gibbs-sampled with the topics
// held fixed, p(z=k) ∝ (n_dk + α_k) φ_kw, and the proportions θ_dk = (n_dk +
// α_k) / (n_d + Σα) are averaged over the sweeps after burn-in; a row sums to
// 1 (an empty document gets the prior mean α/Σα). NMF: the document's counts
// are weighted like the training matrix (tf × the model's IDF, then the row
// norm) and its row of W solves the non-negative least squares problem
// min_{w≥0} ½‖x − wH‖² by coordinate descent; rows are not normalised (an
// empty document gets zeros).
func (m *Model) Infer(x *sparse.CSR, opts InferOptions) ([]float64, error) {
	if err := m.validate(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadInput, err)
	}
	if x.Cols != len(m.Terms) {
		return nil, fmt.Errorf("%w: %d columns for a model with %d terms", ErrBadInput, x.Cols, len(m.Terms))
	}
	opts.defaults(m.Kind)
	out := make([]float64, x.Rows*m.K)
	if m.Kind == KindLDA {
		for _, v := range x.Data {
			if n := math.Round(v); n < 0 || math.Abs(v-n) > 1e-9 {
				return nil, fmt.Errorf("%w: LDA needs whole-number term counts, found %g", ErrBadInput, v)
			}
		}
		phiT := transposeDense(m.TopicWord, m.K, len(m.Terms))
		parallelRows(x.Rows, opts.Jobs, func(_, lo, hi int) {
			s := newThetaSampler(m, phiT)
			var ws []int32
			for d := lo; d < hi; d++ {
				if opts.Context != nil && opts.Context.Err() != nil {
					return
				}
				ws = ws[:0]
				idx, val := x.Row(d)
				for p, j := range idx {
					for n := math.Round(val[p]); n > 0; n-- {
						ws = append(ws, j)
					}
				}
				r := rng{s: streamSeed(opts.Seed, 0x1f, uint64(d))}
				s.theta(ws, opts.Iterations, opts.BurnIn, &r, out[d*m.K:(d+1)*m.K])
			}
		})
	} else {
		ht := transposeDense(m.TopicWord, m.K, len(m.Terms))
		gram := make([]float64, m.K*m.K)
		for j := 0; j < len(m.Terms); j++ {
			h := ht[j*m.K : (j+1)*m.K]
			for s := range h {
				for t := range h {
					gram[s*m.K+t] += h[s] * h[t]
				}
			}
		}
		parallelRows(x.Rows, opts.Jobs, func(_, lo, hi int) {
			b := make([]float64, m.K)
			var wv []float64
			for d := lo; d < hi; d++ {
				if opts.Context != nil && opts.Context.Err() != nil {
					return
				}
				idx, val := x.Row(d)
				wv = m.weightRow(val, idx, wv[:0])
				for t := range b {
					b[t] = 0
				}
				for p, j := range idx {
					h := ht[int(j)*m.K : int(j)*m.K+m.K]
					for t := range b {
						b[t] += wv[p] * h[t]
					}
				}
				nnlsCD(gram, b, out[d*m.K:(d+1)*m.K], opts.Iterations)
			}
		})
	}
	if opts.Context != nil {
		if err := opts.Context.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// weightRow applies the model's NMF weighting to one row's counts.
func (m *Model) weightRow(val []float64, idx []int32, out []float64) []float64 {
	norm := 0.0
	for p, j := range idx {
		tf := val[p]
		if m.TF == "sublinear" && tf > 0 {
			tf = 1 + math.Log(tf)
		}
		v := tf * m.IDF[j]
		out = append(out, v)
		switch m.Norm {
		case "l1":
			norm += math.Abs(v)
		case "none":
		default:
			norm += v * v
		}
	}
	switch m.Norm {
	case "l1":
	case "none":
		norm = 0
	default:
		norm = math.Sqrt(norm)
	}
	if norm > 0 {
		for p := range out {
			out[p] /= norm
		}
	}
	return out
}

// nnlsCD solves min_{w≥0} ½ wᵀGw − bᵀw (G = HHᵀ, b = Hx) by cyclic
// coordinate descent from w = 0, stopping after iters sweeps or when no
// coordinate moves by more than 1e-10 relative to the largest.
func nnlsCD(G, b, w []float64, iters int) {
	K := len(b)
	for i := range w {
		w[i] = 0
	}
	for it := 0; it < iters; it++ {
		maxStep, maxW := 0.0, 0.0
		for t := 0; t < K; t++ {
			g := G[t*K : (t+1)*K]
			if g[t] <= 0 {
				continue
			}
			grad := -b[t]
			for r, x := range w {
				grad += g[r] * x
			}
			nv := w[t] - grad/g[t]
			if nv < 0 {
				nv = 0
			}
			maxStep = math.Max(maxStep, math.Abs(nv-w[t]))
			w[t] = nv
			maxW = math.Max(maxW, nv)
		}
		if maxStep <= 1e-10*maxW || maxW == 0 {
			break
		}
	}
}

// thetaSampler samples one document's topic assignments against fixed
// topics; its buffers are reused across documents.
type thetaSampler struct {
	m      *Model
	phiT   []float64 // V x K
	z      []uint16
	nd, cp []float64
}

func newThetaSampler(m *Model, phiT []float64) *thetaSampler {
	return &thetaSampler{m: m, phiT: phiT, nd: make([]float64, m.K), cp: make([]float64, m.K)}
}

// theta writes the document's averaged proportions into out.
func (s *thetaSampler) theta(ws []int32, iters, burn int, r *rng, out []float64) {
	alpha := s.m.Alpha
	alphaSum := 0.0
	for _, a := range alpha {
		alphaSum += a
	}
	if len(ws) == 0 {
		for k := range out {
			out[k] = alpha[k] / alphaSum
		}
		return
	}
	nd := s.nd
	for k := range nd {
		nd[k] = 0
		out[k] = 0
	}
	if cap(s.z) < len(ws) {
		s.z = make([]uint16, len(ws))
	}
	z := s.z[:len(ws)]
	// Initialise sequentially: each token drawn given the ones before it.
	for i, w := range ws {
		k := s.draw(w, r)
		z[i] = uint16(k)
		nd[k]++
	}
	samples := 0
	for it := 0; it < iters; it++ {
		for i, w := range ws {
			nd[z[i]]--
			k := s.draw(w, r)
			z[i] = uint16(k)
			nd[k]++
		}
		if it >= burn {
			for k := range out {
				out[k] += nd[k] + alpha[k]
			}
			samples++
		}
	}
	den := float64(samples) * (float64(len(ws)) + alphaSum)
	for k := range out {
		out[k] /= den
	}
}

// draw samples a topic for word w from (n_dk + α_k) φ_kw.
func (s *thetaSampler) draw(w int32, r *rng) int {
	K := s.m.K
	phi := s.phiT[int(w)*K : int(w)*K+K]
	cp := s.cp[:K]
	tot := 0.0
	for k, p := range phi {
		tot += (s.nd[k] + s.m.Alpha[k]) * p
		cp[k] = tot
	}
	u := r.float() * tot
	for k, c := range cp {
		if u < c {
			return k
		}
	}
	return K - 1
}

// Perplexity is a held-out evaluation by document completion.
type Perplexity struct {
	// Perplexity = exp(−LogLikelihood / Tokens).
	Perplexity    float64
	LogLikelihood float64 // Σ log p(w) over the scored tokens (natural log)
	Tokens        int     // tokens scored (the second halves)
	Docs          int     // documents scored (those with at least two tokens)
}

// DocumentCompletion estimates held-out perplexity of an LDA model by
// document completion (Wallach et al. 2009): each document's tokens (term
// ids in text order; negative ids, tokens outside the vocabulary, are
// skipped) are split in half; θ_d is inferred from the first half by Gibbs
// sampling with the topics fixed (as Infer does), and the second half is
// scored:
//
//	perplexity = exp(− Σ_d Σ_{w ∈ second half of d} log p(w) / N),
//	p(w) = Σ_k θ_dk φ_kw,
//
// where N is the number of scored tokens. Documents with fewer than two
// tokens are skipped. Lower is better; it is comparable only between models
// with the same vocabulary.
func (m *Model) DocumentCompletion(docs [][]int32, opts InferOptions) (Perplexity, error) {
	if m.Kind != KindLDA {
		return Perplexity{}, fmt.Errorf("%w: held-out perplexity needs an LDA model, not %s", ErrBadInput, m.Kind)
	}
	if err := m.validate(); err != nil {
		return Perplexity{}, fmt.Errorf("%w: %v", ErrBadInput, err)
	}
	opts.defaults(m.Kind)
	V := len(m.Terms)
	phiT := transposeDense(m.TopicWord, m.K, V)
	ll := make([]float64, len(docs))
	ntok := make([]int, len(docs))
	parallelRows(len(docs), opts.Jobs, func(_, lo, hi int) {
		s := newThetaSampler(m, phiT)
		theta := make([]float64, m.K)
		var ws []int32
		for d := lo; d < hi; d++ {
			if opts.Context != nil && opts.Context.Err() != nil {
				return
			}
			ws = ws[:0]
			for _, w := range docs[d] {
				if w >= 0 && int(w) < V {
					ws = append(ws, w)
				}
			}
			if len(ws) < 2 {
				continue
			}
			half := len(ws) / 2
			r := rng{s: streamSeed(opts.Seed, 0x2f, uint64(d))}
			s.theta(ws[:half], opts.Iterations, opts.BurnIn, &r, theta)
			for _, w := range ws[half:] {
				p := 0.0
				for k, f := range phiT[int(w)*m.K : int(w)*m.K+m.K] {
					p += theta[k] * f
				}
				ll[d] += math.Log(p)
			}
			ntok[d] = len(ws) - half
		}
	})
	if opts.Context != nil {
		if err := opts.Context.Err(); err != nil {
			return Perplexity{}, err
		}
	}
	var res Perplexity
	for d := range docs {
		if ntok[d] > 0 {
			res.LogLikelihood += ll[d]
			res.Tokens += ntok[d]
			res.Docs++
		}
	}
	if res.Tokens == 0 {
		return res, fmt.Errorf("%w: no held-out document has two or more tokens in the model's vocabulary", ErrBadInput)
	}
	res.Perplexity = math.Exp(-res.LogLikelihood / float64(res.Tokens))
	return res, nil
}
