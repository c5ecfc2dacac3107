// Package evaluate scores the frame tagger against hand-coded sentences: it
// reads a gold CSV, matches its rows to the system's sentences and computes
// accuracy, per-class precision/recall/F1, macro-F1, Cohen's kappa,
// Krippendorff's alpha and the confusion matrix.
package evaluate

import (
	"fmt"
	"math"
)

// Labels are the four frame labels of the coding scheme, in report order.
var Labels = []string{"cooperation", "competition", "both", "neutral"}

// Pair is one coded unit: the gold (human) label and the system label.
type Pair struct {
	Gold, System string
}

// ClassMetrics are the scores of one label. Undefined ratios are NaN:
// precision when the system never chose the label, recall when the gold
// never has it, F1 when the label appears in neither.
type ClassMetrics struct {
	Label     string  `json:"label"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// Support is the number of gold rows with the label; Predicted the
	// number of system labels equal to it; TP the number of agreements.
	Support   int `json:"support"`
	Predicted int `json:"predicted"`
	TP        int `json:"tp"`
}

// Metrics are agreement scores between gold and system labels.
type Metrics struct {
	Labels []string `json:"labels"`
	N      int      `json:"n"`
	// Confusion[g][s] counts units with gold label Labels[g] and system
	// label Labels[s].
	Confusion [][]int        `json:"confusion"`
	Agree     int            `json:"agree"`
	Accuracy  float64        `json:"accuracy"`
	Classes   []ClassMetrics `json:"classes"`
	// MacroF1 is the unweighted mean F1 over the labels that occur in the
	// gold or the system labels (a label absent from both is left out, as
	// scikit-learn does by default).
	MacroF1 float64 `json:"macro_f1"`
	// Kappa is Cohen's kappa (chance from each coder's own marginals).
	Kappa float64 `json:"kappa"`
	// Alpha is Krippendorff's alpha for nominal data, gold and system as two
	// coders with no missing values.
	Alpha float64 `json:"alpha"`
}

// Compute scores pairs over labels. A pair whose label is not in labels is
// an error, so that a typo can never fall out of the confusion matrix.
func Compute(labels []string, pairs []Pair) (*Metrics, error) {
	gold, sys, err := labelIndexes(labels, pairs)
	if err != nil {
		return nil, err
	}
	k := len(labels)
	m := &Metrics{Labels: append([]string(nil), labels...), N: len(pairs), Confusion: make([][]int, k)}
	for i := range m.Confusion {
		m.Confusion[i] = make([]int, k)
	}
	for i := range pairs {
		m.Confusion[gold[i]][sys[i]]++
	}
	m.fill()
	return m, nil
}

// labelIndexes returns the index in labels of each pair's gold and system
// label; a label not in labels (or listed twice) is an error.
func labelIndexes(labels []string, pairs []Pair) (gold, sys []int, err error) {
	idx := make(map[string]int, len(labels))
	for i, l := range labels {
		if _, dup := idx[l]; dup {
			return nil, nil, fmt.Errorf("label %q listed twice", l)
		}
		idx[l] = i
	}
	gold, sys = make([]int, len(pairs)), make([]int, len(pairs))
	for i, p := range pairs {
		g, ok := idx[p.Gold]
		if !ok {
			return nil, nil, fmt.Errorf("pair %d: gold label %q is not one of %v", i+1, p.Gold, labels)
		}
		s, ok := idx[p.System]
		if !ok {
			return nil, nil, fmt.Errorf("pair %d: system label %q is not one of %v", i+1, p.System, labels)
		}
		gold[i], sys[i] = g, s
	}
	return gold, sys, nil
}

// FromConfusion computes the scores from a confusion matrix (rows gold,
// columns system).
func FromConfusion(labels []string, conf [][]int) (*Metrics, error) {
	if len(conf) != len(labels) {
		return nil, fmt.Errorf("confusion matrix has %d rows for %d labels", len(conf), len(labels))
	}
	m := &Metrics{Labels: append([]string(nil), labels...), Confusion: make([][]int, len(labels))}
	for i, row := range conf {
		if len(row) != len(labels) {
			return nil, fmt.Errorf("confusion row %d has %d cells for %d labels", i+1, len(row), len(labels))
		}
		m.Confusion[i] = append([]int(nil), row...)
		for _, v := range row {
			if v < 0 {
				return nil, fmt.Errorf("confusion row %d has a negative count", i+1)
			}
			m.N += v
		}
	}
	m.fill()
	return m, nil
}

func (m *Metrics) fill() {
	k := len(m.Labels)
	gold := make([]int, k) // row sums
	sys := make([]int, k)  // column sums
	for g := 0; g < k; g++ {
		for s := 0; s < k; s++ {
			gold[g] += m.Confusion[g][s]
			sys[s] += m.Confusion[g][s]
		}
		m.Agree += m.Confusion[g][g]
	}
	n := float64(m.N)
	m.Accuracy = ratio(m.Agree, m.N)

	sumF1, nF1 := 0.0, 0
	m.Classes = make([]ClassMetrics, k)
	for i, l := range m.Labels {
		tp := m.Confusion[i][i]
		c := ClassMetrics{Label: l, Support: gold[i], Predicted: sys[i], TP: tp,
			Precision: ratio(tp, sys[i]), Recall: ratio(tp, gold[i]),
			// 2TP/(2TP+FP+FN) equals the harmonic mean of P and R where both
			// exist, and is 0 (not undefined) when only one of them exists.
			F1: ratio(2*tp, gold[i]+sys[i])}
		if !math.IsNaN(c.F1) {
			sumF1 += c.F1
			nF1++
		}
		m.Classes[i] = c
	}
	m.MacroF1 = math.NaN()
	if nF1 > 0 {
		m.MacroF1 = sumF1 / float64(nF1)
	}

	// Cohen's kappa: (po - pe) / (1 - pe), pe = sum_c (gold_c/n)(sys_c/n).
	m.Kappa = math.NaN()
	if m.N > 0 {
		po := float64(m.Agree) / n
		pe := 0.0
		for i := 0; i < k; i++ {
			pe += float64(gold[i]) / n * float64(sys[i]) / n
		}
		if pe < 1 {
			m.Kappa = (po - pe) / (1 - pe)
		}
	}

	// Krippendorff's alpha, nominal, two coders, no missing data. Each unit
	// adds the ordered value pairs (g,s) and (s,g) to the coincidence matrix
	// o, so o has 2N pairable values; n_c = o's marginals = gold_c + sys_c.
	//   alpha = 1 - D_o/D_e = 1 - (n-1) * sum_{c!=k} o_ck / sum_{c!=k} n_c n_k
	// with n = 2N. Off-diagonal o sums to twice the disagreements.
	m.Alpha = math.NaN()
	if m.N > 0 {
		nv := 2 * n
		offO := 2 * float64(m.N-m.Agree)
		sumSq := 0.0
		for i := 0; i < k; i++ {
			nc := float64(gold[i] + sys[i])
			sumSq += nc * nc
		}
		offE := nv*nv - sumSq // sum over c != k of n_c n_k
		if offE > 0 {
			m.Alpha = 1 - (nv-1)*offO/offE
		}
	}
}

// ratio returns a/b, NaN when b is 0.
func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}
