package topics

import "math"

// rng is SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast generator whose
// streams are cheap to derive from (seed, iteration, shard), which is what
// makes the parallel samplers reproducible for any number of workers.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// float returns a uniform number in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) * (1.0 / (1 << 53)) }

// intn returns a uniform integer in [0, n).
func (r *rng) intn(n int) int { return int((r.next() >> 11) % uint64(n)) }

// normal returns a standard normal deviate (Box-Muller).
func (r *rng) normal() float64 {
	u := r.float()
	for u == 0 {
		u = r.float()
	}
	v := r.float()
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*v)
}

// streamSeed derives an independent stream seed from a seed and labels.
func streamSeed(seed uint64, parts ...uint64) uint64 {
	r := rng{s: seed ^ 0x6a09e667f3bcc908}
	h := r.next()
	for _, p := range parts {
		r.s = h ^ (p * 0xd1342543de82ef95)
		h = r.next()
	}
	return h
}
