package keyness

import (
	"math"
	"sort"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/vocab"
)

// Collocations counts the terms that occur within Window word tokens of a
// node term, inside the same sentence, over the documents given to Add.
//
// For a collocate with observed co-occurrence O, corpus frequencies f_n
// (node) and f_c (collocate), corpus size N (word tokens) and window span
// W = 2 x Window:
//
//	E        = f_n f_c W / N
//	PMI      = log2(O / E)
//	log-Dice = 14 + log2(2 O / (f_n + f_c))       (Rychly 2008)
//
// A collocate's occurrence counts once for every node occurrence it is near
// (two close node occurrences may both count it), as in LancsBox.
type Collocations struct {
	Node   string
	Window int

	freq  map[string]float64
	obs   map[string]float64
	ex    map[string]Example
	n     float64
	nodeF float64
	docs  int
	idx   []int // scratch for vocab.WordIndex
}

// Example locates one co-occurrence.
type Example struct {
	DocID string
	Sent  int
	Span  pipeline.Span // of the collocate
}

// NewCollocations counts co-occurrences with node (a term as vocab produces
// it) within window tokens either side.
func NewCollocations(node string, window int) *Collocations {
	return &Collocations{Node: node, Window: window, freq: map[string]float64{}, obs: map[string]float64{}, ex: map[string]Example{}}
}

// Add counts one document given its terms (vocab.Builder.DocTerms, unigrams
// and phrases) and word-token count.
//
// The window is measured in word tokens, the unit of N: punctuation between
// the node and a collocate does not use up the window (LancsBox and quanteda
// count the same way), so that O is counted over the span E assumes. A
// phrase node's window starts after its last word and before its first; a
// collocate counts when all its words are inside the window.
func (c *Collocations) Add(doc *pipeline.Document, terms []vocab.Term, wordTokens int) {
	c.docs++
	c.n += float64(wordTokens)
	c.idx = vocab.WordIndex(doc, c.idx)
	pos := c.idx // pos[i]: word tokens before token i
	for i, t := range terms {
		c.freq[t.Text]++
		if t.Text != c.Node {
			continue
		}
		c.nodeF++
		// collocate words must lie in [lo, hi), counted in word tokens
		lo, hi := pos[t.First]-c.Window, pos[t.End]+c.Window
		for k := i - 1; k >= 0 && terms[k].Sent == t.Sent && pos[terms[k].First] >= lo; k-- {
			c.observe(doc, terms[k])
		}
		for k := i + 1; k < len(terms) && terms[k].Sent == t.Sent && pos[terms[k].First] < hi; k++ {
			if pos[terms[k].End] <= hi {
				c.observe(doc, terms[k])
			}
		}
	}
}

func (c *Collocations) observe(doc *pipeline.Document, t vocab.Term) {
	if t.Text == c.Node {
		return
	}
	c.obs[t.Text]++
	if _, ok := c.ex[t.Text]; !ok {
		c.ex[t.Text] = Example{DocID: doc.ID, Sent: t.Sent, Span: t.Span}
	}
}

// Colloc is one collocate.
type Colloc struct {
	Term      string
	Observed  float64
	Expected  float64
	NodeFreq  float64
	CollFreq  float64
	PMI       float64
	LogDice   float64
	Example   Example
	CorpusLen float64
}

// NodeFreq returns the node's frequency and the corpus size counted so far.
func (c *Collocations) NodeFreq() (f, n float64, docs int) { return c.nodeF, c.n, c.docs }

// Results returns the collocates observed at least minObserved times,
// sorted by sortBy ("logdice", "pmi" or "freq"), ties by term.
func (c *Collocations) Results(minObserved float64, sortBy string) []Colloc {
	var out []Colloc
	w := float64(2 * c.Window)
	for term, o := range c.obs {
		if o < minObserved {
			continue
		}
		fc := c.freq[term]
		e := c.nodeF * fc * w / c.n
		out = append(out, Colloc{Term: term, Observed: o, Expected: e, NodeFreq: c.nodeF, CollFreq: fc,
			PMI: math.Log2(o / e), LogDice: 14 + math.Log2(2*o/(c.nodeF+fc)), Example: c.ex[term], CorpusLen: c.n})
	}
	key := func(x Colloc) float64 {
		switch sortBy {
		case "pmi":
			return x.PMI
		case "freq":
			return x.Observed
		default:
			return x.LogDice
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if a, b := key(out[i]), key(out[j]); a != b {
			return a > b
		}
		return out[i].Term < out[j].Term
	})
	return out
}
