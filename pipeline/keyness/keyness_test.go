package keyness

import (
	"math"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/vocab"
)

// doc tokenizes on spaces; "." is a token that ends a sentence.
func doc(id, text string) *pipeline.Document {
	d := &pipeline.Document{ID: id, Text: text}
	pos, sent := 0, 0
	for _, w := range strings.Split(text, " ") {
		d.Tokens = append(d.Tokens, pipeline.Token{Span: pipeline.Span{Start: pos, End: pos + len(w)}, Norm: w, Sent: sent})
		pos += len(w) + 1
		if w == "." {
			sent++
		}
	}
	return d
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestStatistics(t *testing.T) {
	cases := []struct {
		name           string
		a, b, c, d     float64
		g2, p, logr    float64
		wantOverTarget bool
	}{
		// E1 = 100*15/300 = 5, E2 = 10; G2 = 2(10 ln 2 + 5 ln 0.5) = 10 ln 2; LR = log2(0.1/0.025) = 2
		{"over", 10, 5, 100, 200, 10 * math.Ln2, 0.0084691965, 2, true},
		// b = 0: E1 = 100*4/300; G2 = 2 * 4 ln 3 = 8 ln 3; LR with b -> 0.5: log2(0.04/0.0025) = 4
		{"absent from reference", 4, 0, 100, 200, 8 * math.Log(3), 0.0030306922, 4, true},
		// a = 0: E2 = 200*6/300 = 4; G2 = 2 * 6 ln(6/4); LR = log2((0.5/100)/(6/200)) = log2(1/6)
		{"absent from target", 0, 6, 100, 200, 12 * math.Log(1.5), -1, math.Log2(1.0 / 6), false},
		// equal relative frequency: G2 = 0, p = 1, LR = 0
		{"equal", 3, 6, 100, 200, 0, 1, 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := G2(tc.a, tc.b, tc.c, tc.d)
			if !near(g, tc.g2) {
				t.Errorf("G2 = %.9f, want %.9f", g, tc.g2)
			}
			if tc.p >= 0 && math.Abs(PValue(g)-tc.p) > 1e-9 {
				t.Errorf("p = %.12f, want %.12f", PValue(g), tc.p)
			}
			if lr := LogRatio(tc.a, tc.b, tc.c, tc.d); !near(lr, tc.logr) {
				t.Errorf("log ratio = %.9f, want %.9f", lr, tc.logr)
			}
		})
	}
}

func matrix(t *testing.T, o vocab.Options, texts ...string) *vocab.Matrix {
	b, err := vocab.NewBuilder(o)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range texts {
		b.Add(doc(string(rune('A'+i)), s))
	}
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestCompare(t *testing.T) {
	// target A (4 word tokens), reference B+C (8). "." is not a word token.
	m := matrix(t, vocab.DefaultOptions(), "chips chips trade cloud .", "trade trade cloud cloud", "cloud . chips trade cloud")
	res := Compare(m, []int{0}, []int{1, 2})
	if res.TargetSize != 4 || res.ReferenceSize != 8 || res.TargetDocs != 1 || res.ReferenceDocs != 2 {
		t.Fatalf("sizes %+v", res)
	}
	// chips: a=2 b=1: E1=1 E2=2, G2 = 2(2 ln 2 - ln 2) = 2 ln 2, LR = log2((2/4)/(1/8)) = 2
	// cloud: a=1 b=4: E1=5/3 E2=10/3, G2 = 2(ln 0.6 + 4 ln 1.2) = 0.436920, LR = log2(0.25/0.5) = -1
	// trade: a=1 b=3: E1=4/3 E2=8/3, G2 = 2(ln 0.75 + 3 ln 1.125) = 0.131312, LR = log2(2/3)
	want := []struct {
		term     string
		a, b, g2 float64
		lr       float64
		over     bool
	}{
		{"chips", 2, 1, 2 * math.Ln2, 2, true},
		{"cloud", 1, 4, 2 * (math.Log(0.6) + 4*math.Log(1.2)), -1, false},
		{"trade", 1, 3, 2 * (math.Log(0.75) + 3*math.Log(1.125)), math.Log2(2.0 / 3), false},
	}
	if len(res.Keys) != len(want) {
		t.Fatalf("keys %+v", res.Keys)
	}
	for i, w := range want {
		k := res.Keys[i]
		if m.Terms[k.Term] != w.term || k.Target != w.a || k.Reference != w.b || !near(k.G2, w.g2) || !near(k.LogRatio, w.lr) || k.Over != w.over {
			t.Errorf("key %d = %s %+v, want %+v", i, m.Terms[k.Term], k, w)
		}
	}
	if res.Keys[0].Doc != 0 || res.Keys[0].Sent != 0 {
		t.Errorf("example of chips: %+v", res.Keys[0])
	}
	if !near(res.Keys[0].P, 0.2390318914) {
		t.Errorf("p chips %v", res.Keys[0].P)
	}
}

func TestCollocations(t *testing.T) {
	// tokens: joint(0) chips(1) standards(2) trade(3) .(4) | standards(5) chips(6) .(7)
	// word tokens N = 6; f(chips) = 2, f(standards) = 2, f(joint) = 1, f(trade) = 1
	d := doc("D", "joint chips standards trade . standards chips .")
	b, _ := vocab.NewBuilder(vocab.DefaultOptions())
	type row struct{ o, e, pmi, ld float64 }
	cases := []struct {
		window int
		want   map[string]row
	}{
		// window 1, W = 2: standards O=2 E=2*2*2/6=4/3 PMI=log2(1.5) logDice=14+log2(4/4)=14
		//                  joint O=1 E=2*1*2/6=2/3 PMI=log2(1.5) logDice=14+log2(2/3)
		{1, map[string]row{
			"standards": {2, 4.0 / 3, math.Log2(1.5), 14},
			"joint":     {1, 2.0 / 3, math.Log2(1.5), 14 + math.Log2(2.0/3)},
		}},
		// window 3, W = 6: the second "chips" reaches token 3 ("trade") but it is in the previous
		// sentence, so trade O=1 (from the first chips only): E = 2*1*6/6 = 2, PMI = -1
		{3, map[string]row{
			"standards": {2, 4, math.Log2(0.5), 14},
			"joint":     {1, 2, -1, 14 + math.Log2(2.0/3)},
			"trade":     {1, 2, -1, 14 + math.Log2(2.0/3)},
		}},
	}
	for _, tc := range cases {
		c := NewCollocations("chips", tc.window)
		c.Add(d, b.DocTerms(d), vocab.WordTokens(d))
		if f, n, docs := c.NodeFreq(); f != 2 || n != 6 || docs != 1 {
			t.Fatalf("node freq %v %v %v", f, n, docs)
		}
		got := c.Results(1, "logdice")
		if len(got) != len(tc.want) {
			t.Fatalf("window %d: %+v", tc.window, got)
		}
		for _, g := range got {
			w, ok := tc.want[g.Term]
			if !ok || g.Observed != w.o || !near(g.Expected, w.e) || !near(g.PMI, w.pmi) || !near(g.LogDice, w.ld) {
				t.Errorf("window %d %s: %+v, want %+v", tc.window, g.Term, g, w)
			}
		}
		if got[0].Term != "standards" {
			t.Errorf("sorted by log-Dice: %+v", got)
		}
		if len(c.Results(2, "freq")) != 1 {
			t.Errorf("min observed 2 should keep only standards")
		}
	}
}

// TestCollocationsWindowInWords: the window is counted in word tokens, the
// unit of N, so punctuation between node and collocate does not use it up
// (audit: in "Alpha node, (beta) gamma." beta, the next word, was missing
// at window 2 while E assumed 2 words on each side). Stop words are words:
// they use up the window as they count in N.
func TestCollocationsWindowInWords(t *testing.T) {
	type row struct{ o, e, pmi, ld float64 }
	cases := []struct {
		name, node, text string
		opts             func(*vocab.Options)
		window           int
		n, nodeF         float64
		want             map[string]row
	}{
		// words: alpha0 node1 beta2 gamma3, N = 4; window 1 reaches alpha and beta.
		// E = 1*1*2/4 = 0.5, PMI = log2(1/0.5) = 1, log-Dice = 14 + log2(2/2) = 14
		{"unigram", "node", "alpha node , ( beta ) gamma .", nil, 1, 4, 1, map[string]row{
			"alpha": {1, 0.5, 1, 14},
			"beta":  {1, 0.5, 1, 14},
		}},
		// words: joint0 export1 controls2 on3 chips4 trade5 | chips6 export7 controls8 standards9, N = 10.
		// Node 1 covers words [1,3), window [-1,5): joint, on (a stop word, not a term), chips.
		// Node 2 covers [7,9), window [5,11): chips, standards; trade (word 5) is in the previous sentence.
		// W = 4, f(node) = 2: E = 2*f*4/10. joint: O=1 f=1 E=0.8; chips: O=2 f=2 E=1.6;
		// standards: O=1 f=1 E=0.8. PMI = log2(1.25) for all three;
		// log-Dice joint/standards 14+log2(2/3), chips 14+log2(4/4) = 14.
		{"phrase", "export controls", "joint , export controls ( on ) chips — trade . chips , export controls ; standards .",
			func(o *vocab.Options) { o.Phrases = [][]string{{"export", "controls"}} }, 2, 10, 2, map[string]row{
				"joint":     {1, 0.8, math.Log2(1.25), 14 + math.Log2(2.0/3)},
				"chips":     {2, 1.6, math.Log2(1.25), 14},
				"standards": {1, 0.8, math.Log2(1.25), 14 + math.Log2(2.0/3)},
			}},
		// stemmed: words rivalry0 the1 controls2 chips3, N = 4; window 2 around word 2
		// covers [0,5): rivalri and chip. E = 1*1*4/4 = 1, PMI = 0, log-Dice = 14
		{"stemmed", "control", "rivalry , ( the ) controls ; chips .",
			func(o *vocab.Options) { o.Stem = "snowball" }, 2, 4, 1, map[string]row{
				"rivalri": {1, 1, 0, 14},
				"chip":    {1, 1, 0, 14},
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := vocab.DefaultOptions()
			if tc.opts != nil {
				tc.opts(&opts)
			}
			b, err := vocab.NewBuilder(opts)
			if err != nil {
				t.Fatal(err)
			}
			d := doc("D", tc.text)
			c := NewCollocations(tc.node, tc.window)
			c.Add(d, b.DocTerms(d), vocab.WordTokens(d))
			if f, n, _ := c.NodeFreq(); f != tc.nodeF || n != tc.n {
				t.Fatalf("node freq %v, N %v; want %v, %v", f, n, tc.nodeF, tc.n)
			}
			got := c.Results(1, "logdice")
			if len(got) != len(tc.want) {
				t.Errorf("collocates %+v, want %v", got, tc.want)
			}
			for _, g := range got {
				w, ok := tc.want[g.Term]
				if !ok || g.Observed != w.o || !near(g.Expected, w.e) || !near(g.PMI, w.pmi) || !near(g.LogDice, w.ld) {
					t.Errorf("%s: O=%v E=%v PMI=%v logDice=%v, want %+v", g.Term, g.Observed, g.Expected, g.PMI, g.LogDice, w)
				}
			}
		})
	}
}
