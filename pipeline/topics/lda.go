package topics

import (
	"context"
	"fmt"
	"math"
	"sync"

	"github.com/techframe/techframe/pipeline/sparse"
)

// LDAOptions configure FitLDA. Zero values take the defaults shown.
type LDAOptions struct {
	K int
	// Iterations of Gibbs sampling over the whole corpus (default 300).
	Iterations int
	// BurnIn iterations run before the first hyperparameter optimisation
	// (default 100).
	BurnIn int
	// OptimizeInterval: after burn-in, re-estimate alpha (and beta with
	// OptimizeBeta) every this many iterations; 0 takes the default 10, a
	// negative value never optimises.
	OptimizeInterval int
	OptimizeBeta     bool
	// Samples is the number of Gibbs samples averaged into the reported
	// topic-word and document-topic distributions: the final state and the
	// states SampleLag, 2·SampleLag, ... iterations before it (default 1, the
	// final sample alone).
	Samples int
	// SampleLag is the distance in iterations between averaged samples
	// (default 10).
	SampleLag int
	// AlphaSum is the initial sum of the Dirichlet prior on document-topic
	// proportions, spread evenly over topics (default 5, MALLET's default;
	// optimisation then makes it asymmetric).
	AlphaSum float64
	// Beta is the symmetric Dirichlet prior on topic-word distributions
	// (default 0.01).
	Beta float64
	Seed uint64
	// Jobs is the number of worker goroutines (default 1). It never changes
	// the result: see Shards.
	Jobs int
	// Shards is the fixed number of logical document shards sampled
	// independently within an iteration (default 16). Changing it changes
	// the result; changing Jobs does not.
	Shards int
	// LogEvery measures the log-likelihood every this many iterations
	// (default 10) and calls Progress, if set.
	LogEvery int
	Progress func(iteration int, logLikelihood float64)
	// Context, if set, is checked between iterations.
	Context context.Context
}

// DefaultLDAOptions returns the settings chosen on the benchmark corpus
// (9,500 State of the Union paragraphs, k = 20; see scripts/bench-topics.sh):
// 300 sweeps, alpha (asymmetric) and beta re-estimated every 10 sweeps after
// 100 sweeps of burn-in, as MALLET does when hyperparameter optimisation is
// on, and the final sample. Of the settings tried (300, 500 and 1000 sweeps,
// fixed beta 0.001 to 0.1, symmetric alpha, averaging the last 10 samples),
// 500 sweeps gave the best mean NPMI over three seeds, but only 0.003 above
// 300 (weight ranking; less than the 0.012 spread between seeds) at 1.7 times
// the time; 300 sweeps keep the fit within a third of gensim's wall time.
// More sweeps are one flag away (--iterations).
//
// A second round (weight-ranked NPMI, mean over seeds 1-3; these defaults
// 0.086, relevance-ranked 0.135) found nothing that moves it beyond the
// spread between seeds: fixed beta 0.01 0.089 (but relevance-ranked 0.127,
// so beta stays optimised), fixed beta 0.005 0.086, and with fixed beta:
// optimising every 2 sweeps 0.088, burn-in 50 0.088 or 200 0.083, 500
// sweeps 0.088, initial alpha sum 50 0.077, a sequential (conditional)
// initialisation instead of a uniform one 0.082 (two seeds); no
// optimisation with alpha sum 1 or 5 0.081, 20 below 0.08; averaging 10
// samples 10 sweeps apart no better than the final one; 20 final sweeps at
// temperature 1/2 0.082.
func DefaultLDAOptions(k int, seed uint64) LDAOptions {
	return LDAOptions{K: k, Seed: seed, Iterations: 300, BurnIn: 100, OptimizeInterval: 10, OptimizeBeta: true}
}

// FirstOptimization returns the sweep at which FitLDA first re-estimates
// the hyperparameters under these options (zero values taking their
// defaults): the first multiple of OptimizeInterval after BurnIn. ok is
// false when that sweep is past Iterations, so alpha and beta keep their
// initial values; sweep is 0 when optimisation is off (a negative
// OptimizeInterval).
func (o LDAOptions) FirstOptimization() (sweep int, ok bool) {
	o.defaults()
	if o.OptimizeInterval < 0 {
		return 0, false
	}
	sweep = (o.BurnIn/o.OptimizeInterval + 1) * o.OptimizeInterval
	return sweep, sweep <= o.Iterations
}

func (o *LDAOptions) defaults() {
	if o.Iterations <= 0 {
		o.Iterations = 300
	}
	if o.BurnIn < 0 {
		o.BurnIn = 0
	} else if o.BurnIn == 0 {
		o.BurnIn = 100
	}
	if o.OptimizeInterval == 0 {
		o.OptimizeInterval = 10
	}
	if o.AlphaSum <= 0 {
		o.AlphaSum = 5
	}
	if o.Beta <= 0 {
		o.Beta = 0.01
	}
	if o.Jobs <= 0 {
		o.Jobs = 1
	}
	if o.Shards <= 0 {
		o.Shards = 16
	}
	if o.LogEvery <= 0 {
		o.LogEvery = 10
	}
	if o.Samples <= 0 {
		o.Samples = 1
	}
	if o.SampleLag <= 0 {
		o.SampleLag = 10
	}
	if most := (o.Iterations-1)/o.SampleLag + 1; o.Samples > most {
		o.Samples = most
	}
}

// ldaCorpus is the matrix expanded into tokens: doc d's tokens are
// words[docPtr[d]:docPtr[d+1]], in column order.
type ldaCorpus struct {
	words  []int32
	docPtr []int
	V      int
}

func expandCounts(m *sparse.CSR) (*ldaCorpus, error) {
	c := &ldaCorpus{docPtr: make([]int, m.Rows+1), V: m.Cols}
	total := 0
	for _, v := range m.Data {
		n := math.Round(v)
		if math.Abs(v-n) > 1e-9 {
			return nil, fmt.Errorf("%w: LDA needs whole-number term counts, found %g (fit NMF to weighted matrices)", ErrBadInput, v)
		}
		total += int(n)
	}
	c.words = make([]int32, 0, total)
	for d := 0; d < m.Rows; d++ {
		idx, val := m.Row(d)
		for j, w := range idx {
			for n := int(math.Round(val[j])); n > 0; n-- {
				c.words = append(c.words, w)
			}
		}
		c.docPtr[d+1] = len(c.words)
	}
	return c, nil
}

// ldaState is the sampler's state: assignments and count tables.
type ldaState struct {
	K, V          int
	alpha         []float64
	alphaSum      float64
	beta, betaSum float64
	z             []uint16
	ndk           []int32 // docs x K
	nwk           []int32 // V x K (word-major, so a word's row is contiguous)
	nk            []int32
}

// shard is a fixed range of documents sampled as a unit.
type shard struct {
	lo, hi  int
	changes []change
}

// change records a token that moved from topic old to topic new.
type change struct {
	w        int32
	old, new uint16
}

// ldaBuffer is a worker's scratch space: its own copy of the topic-word
// counts, equal to the global counts between iterations (see sampleShard),
// and per-topic vectors.
type ldaBuffer struct {
	nwk               []int32
	nk                []int32
	inv, coef, qv, ab []float64
}

// newLDABuffer makes a worker's buffers. The per-topic vectors, written for
// every token, sit in one block with a cache line of padding at each end,
// so that two workers' vectors never share a cache line (separate small
// allocations can be neighbours, and writes to one would slow reads of the
// other).
func newLDABuffer(nwk []int32, K int) *ldaBuffer {
	const pad = 8 // float64s in 64 bytes
	f := make([]float64, pad+4*K+pad)
	vec := func(i int) []float64 { return f[pad+i*K : pad+(i+1)*K : pad+(i+1)*K] }
	n := make([]int32, 2*pad+K+2*pad) // 2*pad int32s in 64 bytes
	return &ldaBuffer{
		nwk: append([]int32(nil), nwk...), nk: n[2*pad : 2*pad+K : 2*pad+K],
		inv: vec(0), coef: vec(1), qv: vec(2), ab: vec(3),
	}
}

// FitLDA fits latent Dirichlet allocation to a documents x terms matrix of
// raw counts by collapsed Gibbs sampling (Griffiths & Steyvers 2004).
//
// Each token's new topic is drawn from
//
//	p(z=k) ∝ (n_dk + α_k) (n_wk + β) / (n_k + Vβ)
//
// split into the three buckets of SparseLDA (Yao, Mimno & McCallum 2009):
// s = Σ α_k β/(n_k+Vβ) (smoothing), r = Σ n_dk β/(n_k+Vβ) (document) and
// q = Σ n_wk (α_k+n_dk)/(n_k+Vβ) (word), whose coefficients are updated
// incrementally so that a draw touches only what changed. Most mass lies in
// q, which is scanned first.
//
// Parallelism follows AD-LDA (Newman et al. 2009): the documents are cut
// into a fixed number of shards; in every iteration each shard is sampled
// against its own copy of the topic-word counts as they stood at the start
// of the iteration, with its own random stream seeded from (seed,
// iteration, shard), and the shards' changes are merged afterwards. Workers
// only execute shards, so the result depends on the seed and the shard
// count but never on the number of workers.
//
// Hyperparameters: alpha is re-estimated after burn-in every
// OptimizeInterval iterations by Minka's fixed-point update computed from
// count histograms, with a Gamma(1.001, 1) prior (as MALLET does); beta
// likewise (symmetric) when OptimizeBeta is set.
func FitLDA(m *sparse.CSR, terms []string, opts LDAOptions) (*Model, error) {
	opts.defaults()
	if err := checkMatrix(m, terms, opts.K); err != nil {
		return nil, err
	}
	if opts.K > math.MaxUint16 {
		return nil, fmt.Errorf("%w: at most %d topics", ErrBadInput, math.MaxUint16)
	}
	corp, err := expandCounts(m)
	if err != nil {
		return nil, err
	}
	K, V, D := opts.K, m.Cols, m.Rows
	st := &ldaState{
		K: K, V: V,
		alpha: make([]float64, K), alphaSum: opts.AlphaSum,
		beta: opts.Beta, betaSum: opts.Beta * float64(V),
		z:   make([]uint16, len(corp.words)),
		ndk: make([]int32, D*K), nwk: make([]int32, V*K), nk: make([]int32, K),
	}
	for k := range st.alpha {
		st.alpha[k] = opts.AlphaSum / float64(K)
	}
	shards := makeShards(corp, opts.Shards)
	// Random initial assignments, one stream per shard.
	for s, sh := range shards {
		r := rng{s: streamSeed(opts.Seed, 0, uint64(s))}
		for t := corp.docPtr[sh.lo]; t < corp.docPtr[sh.hi]; t++ {
			st.z[t] = uint16(r.intn(K))
		}
	}
	for d := 0; d < D; d++ {
		for t := corp.docPtr[d]; t < corp.docPtr[d+1]; t++ {
			k := int(st.z[t])
			st.ndk[d*K+k]++
			st.nwk[int(corp.words[t])*K+k]++
			st.nk[k]++
		}
	}
	jobs := opts.Jobs
	if jobs > len(shards) {
		jobs = len(shards)
	}
	bufs := make([]*ldaBuffer, jobs)
	for i := range bufs {
		bufs[i] = newLDABuffer(st.nwk, K)
	}
	acc := &ldaAccumulator{phi: make([]float64, K*V), theta: make([]float64, D*K)}
	model := &Model{Kind: KindLDA, K: K, Terms: terms[:V], Docs: D, Seed: opts.Seed, Iterations: opts.Iterations}
	for it := 1; it <= opts.Iterations; it++ {
		if opts.Context != nil {
			if err := opts.Context.Err(); err != nil {
				return nil, err
			}
		}
		runShards(len(shards), jobs, func(s, w int) {
			sampleShard(st, corp, &shards[s], bufs[w], streamSeed(opts.Seed, uint64(it), uint64(s)))
		})
		// Merge the shards' moves into the global counts and into every
		// worker's copy (each worker updates its own; integer counts, so
		// the order of the merge does not matter).
		runShards(len(bufs)+1, len(bufs)+1, func(i, _ int) {
			nwk := st.nwk
			if i < len(bufs) {
				nwk = bufs[i].nwk
			}
			for s := range shards {
				applyChanges(nwk, K, shards[s].changes, false)
			}
		})
		for s := range shards {
			for _, c := range shards[s].changes {
				st.nk[c.old]--
				st.nk[c.new]++
			}
		}
		if opts.OptimizeInterval > 0 && it > opts.BurnIn && it%opts.OptimizeInterval == 0 {
			st.optimizeAlpha(corp)
			if opts.OptimizeBeta {
				st.optimizeBeta()
			}
		}
		if back := opts.Iterations - it; back%opts.SampleLag == 0 && back/opts.SampleLag < opts.Samples {
			acc.add(st, corp)
		}
		if it%opts.LogEvery == 0 || it == opts.Iterations {
			ll := st.logLikelihood(corp)
			model.Trace = append(model.Trace, TracePoint{Iteration: it, Value: ll})
			if opts.Progress != nil {
				opts.Progress(it, ll)
			}
		}
	}
	model.Convergence = convergence(model.Trace, 50, 1e-3)
	model.Alpha = append([]float64(nil), st.alpha...)
	model.Beta = st.beta
	model.Samples = opts.Samples
	inv := 1 / float64(opts.Samples)
	for i := range acc.phi {
		acc.phi[i] *= inv
	}
	for i := range acc.theta {
		acc.theta[i] *= inv
	}
	model.TopicWord = acc.phi
	model.DocTopic = acc.theta
	model.TopicTokens = make([]float64, K)
	for k := 0; k < K; k++ {
		model.TopicTokens[k] = float64(st.nk[k])
	}
	for d := 0; d < D; d++ {
		if corp.docPtr[d+1] == corp.docPtr[d] {
			// No token was sampled: the row would be the prior mean
			// alpha/sum(alpha), a share the data never supported.
			model.EmptyDocs++
			clear(model.DocTopic[d*K : (d+1)*K])
		}
	}
	return model, nil
}

// ldaAccumulator sums the point estimates of phi (K x V) and theta (D x K)
// over the averaged samples.
type ldaAccumulator struct{ phi, theta []float64 }

// add accumulates the current state's estimates
//
//	φ_kw = (n_wk + β) / (n_k + Vβ),  θ_dk = (n_dk + α_k) / (n_d + Σα).
func (a *ldaAccumulator) add(st *ldaState, c *ldaCorpus) {
	K, V := st.K, st.V
	for k := 0; k < K; k++ {
		den := 1 / (float64(st.nk[k]) + st.betaSum)
		row := a.phi[k*V : (k+1)*V]
		for w := range row {
			row[w] += (float64(st.nwk[w*K+k]) + st.beta) * den
		}
	}
	D := len(c.docPtr) - 1
	for d := 0; d < D; d++ {
		nd := float64(c.docPtr[d+1] - c.docPtr[d])
		den := 1 / (nd + st.alphaSum)
		for k := 0; k < K; k++ {
			a.theta[d*K+k] += (float64(st.ndk[d*K+k]) + st.alpha[k]) * den
		}
	}
}

// makeShards cuts the documents into n contiguous ranges of about equal
// token counts.
func makeShards(c *ldaCorpus, n int) []shard {
	D := len(c.docPtr) - 1
	if n > D {
		n = D
	}
	total := c.docPtr[D]
	out := make([]shard, 0, n)
	lo := 0
	for s := 1; s <= n && lo < D; s++ {
		hi := lo + 1
		target := total * s / n
		for hi < D && c.docPtr[hi] < target {
			hi++
		}
		if s == n {
			hi = D
		}
		out = append(out, shard{lo: lo, hi: hi})
		lo = hi
	}
	if lo < D {
		out[len(out)-1].hi = D
	}
	return out
}

// runShards executes n shard functions over jobs goroutines; f gets the
// shard and the worker index (to pick the worker's buffers).
func runShards(n, jobs int, f func(shard, worker int)) {
	if jobs <= 1 {
		for s := 0; s < n; s++ {
			f(s, 0)
		}
		return
	}
	next := make(chan int, n)
	for s := 0; s < n; s++ {
		next <- s
	}
	close(next)
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for s := range next {
				f(s, w)
			}
		}(w)
	}
	wg.Wait()
}

// applyChanges replays moves on word-major counts nwk, or undoes them.
func applyChanges(nwk []int32, K int, changes []change, undo bool) {
	for _, c := range changes {
		row := nwk[int(c.w)*K : int(c.w)*K+K]
		if undo {
			row[c.old]++
			row[c.new]--
		} else {
			row[c.old]--
			row[c.new]++
		}
	}
}

// sampleShard runs one Gibbs sweep over a shard's documents against the
// topic-word counts as they stood at the start of the iteration. The
// worker's copy b.nwk holds them: the shard's own moves update it while it
// samples and are undone at the end, touching only the tokens that moved
// (copying the whole table for every shard cost more than that).
func sampleShard(st *ldaState, c *ldaCorpus, sh *shard, b *ldaBuffer, seed uint64) {
	K := st.K
	copy(b.nk, st.nk)
	nwk := b.nwk
	// Re-slicing to length K lets the compiler drop bounds checks in the
	// per-topic loops.
	nk, inv, coef, qv, ab := b.nk[:K:K], b.inv[:K:K], b.coef[:K:K], b.qv[:K:K], b.ab[:K:K]
	alpha := st.alpha[:K:K]
	beta, bs := st.beta, st.betaSum
	words, z := c.words, st.z
	r := rng{s: seed}
	// The moves are collected in a local slice and stored once at the end:
	// appending to sh.changes directly wrote the shard's slice header for
	// every moved token, and neighbouring shards (sampled at the same time
	// by other workers) share its cache line.
	changes := sh.changes[:0]
	// ab[k] = α_k β, the numerator of the smoothing bucket.
	for k := range ab {
		ab[k] = alpha[k] * beta
	}
	for k := range inv {
		inv[k] = 1 / (bs + float64(nk[k]))
	}
	for d := sh.lo; d < sh.hi; d++ {
		t0, t1 := c.docPtr[d], c.docPtr[d+1]
		if t0 == t1 {
			continue
		}
		nd := st.ndk[d*K : (d+1)*K : (d+1)*K]
		// Bucket totals are recomputed per document so rounding never
		// accumulates.
		sb, rb := 0.0, 0.0
		for k := range nd {
			sb += ab[k] * inv[k]
			rb += float64(nd[k]) * beta * inv[k]
			coef[k] = (alpha[k] + float64(nd[k])) * inv[k]
		}
		for t := t0; t < t1; t++ {
			w := int(words[t])
			row := nwk[w*K : w*K+K : w*K+K]
			old := int(z[t])
			// Remove the token.
			ndo := float64(nd[old])
			sb -= ab[old] * inv[old]
			rb -= ndo * beta * inv[old]
			nd[old]--
			row[old]--
			nk[old]--
			iv := 1 / (bs + float64(nk[old]))
			inv[old] = iv
			sb += ab[old] * iv
			rb += (ndo - 1) * beta * iv
			coef[old] = (alpha[old] + ndo - 1) * iv
			// Word bucket: cumulative sums.
			qb := 0.0
			for k, n := range row {
				qb += coef[k] * float64(n)
				qv[k] = qb
			}
			u := r.float() * (sb + rb + qb)
			nt := -1
			if u < qb {
				for k, c := range qv {
					if u < c {
						nt = k
						break
					}
				}
				if nt < 0 { // rounding: take the last topic with mass
					for k := K - 1; k >= 0; k-- {
						if row[k] > 0 {
							nt = k
							break
						}
					}
				}
			} else if u -= qb; u < rb {
				for k, n := range nd {
					u -= float64(n) * beta * inv[k]
					if u < 0 {
						nt = k
						break
					}
				}
				if nt < 0 {
					for k := K - 1; k >= 0; k-- {
						if nd[k] > 0 {
							nt = k
							break
						}
					}
				}
			} else {
				u -= rb
				for k, a := range ab {
					u -= a * inv[k]
					if u < 0 {
						nt = k
						break
					}
				}
			}
			if nt < 0 {
				nt = K - 1
			}
			// Add it back under the new topic.
			ndn := float64(nd[nt])
			sb -= ab[nt] * inv[nt]
			rb -= ndn * beta * inv[nt]
			nd[nt]++
			row[nt]++
			nk[nt]++
			iv = 1 / (bs + float64(nk[nt]))
			inv[nt] = iv
			sb += ab[nt] * iv
			rb += (ndn + 1) * beta * iv
			coef[nt] = (alpha[nt] + ndn + 1) * iv
			if nt != old {
				z[t] = uint16(nt)
				changes = append(changes, change{w: int32(w), old: uint16(old), new: uint16(nt)})
			}
		}
	}
	sh.changes = changes
	applyChanges(nwk, K, changes, true)
}

// logLikelihood returns log p(w, z) of the collapsed model:
//
//	Σ_k [lnΓ(Vβ) − lnΓ(n_k+Vβ) + Σ_w (lnΓ(n_wk+β) − lnΓ(β))]
//	+ Σ_d [lnΓ(Σα) − lnΓ(n_d+Σα) + Σ_k (lnΓ(n_dk+α_k) − lnΓ(α_k))]
func (st *ldaState) logLikelihood(c *ldaCorpus) float64 {
	K := st.K
	lg := func(x float64) float64 { v, _ := math.Lgamma(x); return v }
	ll := 0.0
	lgb := lg(st.beta)
	for _, n := range st.nwk {
		if n > 0 {
			ll += lg(float64(n)+st.beta) - lgb
		}
	}
	for k := 0; k < K; k++ {
		ll += lg(st.betaSum) - lg(float64(st.nk[k])+st.betaSum)
	}
	lga := make([]float64, K)
	for k := range lga {
		lga[k] = lg(st.alpha[k])
	}
	D := len(c.docPtr) - 1
	for d := 0; d < D; d++ {
		nd := c.docPtr[d+1] - c.docPtr[d]
		if nd == 0 {
			continue
		}
		ll += lg(st.alphaSum) - lg(float64(nd)+st.alphaSum)
		for k := 0; k < K; k++ {
			if n := st.ndk[d*K+k]; n > 0 {
				ll += lg(float64(n)+st.alpha[k]) - lga[k]
			}
		}
	}
	return ll
}

// optimizeAlpha re-estimates the asymmetric alpha by Minka's fixed point,
//
//	α_k ← α_k (Σ_d [ψ(n_dk+α_k) − ψ(α_k)] + shape) / (Σ_d [ψ(n_d+α₀) − ψ(α₀)] − 1/scale)
//
// computed from histograms of n_dk and n_d, using ψ(n+a) − ψ(a) = Σ_{i<n}
// 1/(a+i). A Gamma(shape=1.001, scale=1) prior keeps alphas positive.
func (st *ldaState) optimizeAlpha(c *ldaCorpus) {
	const shape, scale = 1.001, 1.0
	K := st.K
	D := len(c.docPtr) - 1
	maxLen := 0
	for d := 0; d < D; d++ {
		if n := c.docPtr[d+1] - c.docPtr[d]; n > maxLen {
			maxLen = n
		}
	}
	lenHist := make([]int, maxLen+1)
	topicHist := make([][]int, K)
	for k := range topicHist {
		topicHist[k] = make([]int, maxLen+1)
	}
	for d := 0; d < D; d++ {
		n := c.docPtr[d+1] - c.docPtr[d]
		if n == 0 {
			continue
		}
		lenHist[n]++
		for k := 0; k < K; k++ {
			if x := st.ndk[d*K+k]; x > 0 {
				topicHist[k][x]++
			}
		}
	}
	for iter := 0; iter < 5; iter++ {
		den, dig := 0.0, 0.0
		for n := 1; n <= maxLen; n++ {
			dig += 1 / (st.alphaSum + float64(n-1))
			den += float64(lenHist[n]) * dig
		}
		den -= 1 / scale
		sum := 0.0
		for k := 0; k < K; k++ {
			old := st.alpha[k]
			num, dig := 0.0, 0.0
			for n := 1; n <= maxLen; n++ {
				dig += 1 / (old + float64(n-1))
				num += float64(topicHist[k][n]) * dig
			}
			a := old * (num + shape) / den
			if a < 1e-10 || math.IsNaN(a) || math.IsInf(a, 0) {
				a = 1e-10
			}
			st.alpha[k] = a
			sum += a
		}
		st.alphaSum = sum
	}
}

// optimizeBeta re-estimates the symmetric beta by the same fixed point:
//
//	β ← β Σ_{k,w} [ψ(n_wk+β) − ψ(β)] / (V Σ_k [ψ(n_k+Vβ) − ψ(Vβ)])
func (st *ldaState) optimizeBeta() {
	maxN, maxK := 0, 0
	for _, n := range st.nwk {
		if int(n) > maxN {
			maxN = int(n)
		}
	}
	for _, n := range st.nk {
		if int(n) > maxK {
			maxK = int(n)
		}
	}
	countHist := make([]int, maxN+1)
	for _, n := range st.nwk {
		if n > 0 {
			countHist[n]++
		}
	}
	sizeHist := make([]int, maxK+1)
	for _, n := range st.nk {
		if n > 0 {
			sizeHist[n]++
		}
	}
	V := float64(st.V)
	b := st.beta
	for iter := 0; iter < 20; iter++ {
		num, dig := 0.0, 0.0
		for n := 1; n <= maxN; n++ {
			dig += 1 / (b + float64(n-1))
			num += float64(countHist[n]) * dig
		}
		den, dig2 := 0.0, 0.0
		for n := 1; n <= maxK; n++ {
			dig2 += 1 / (V*b + float64(n-1))
			den += float64(sizeHist[n]) * dig2
		}
		nb := b * num / (V * den)
		if nb <= 0 || math.IsNaN(nb) || math.IsInf(nb, 0) {
			break
		}
		b = nb
	}
	st.beta = b
	st.betaSum = b * V
}
