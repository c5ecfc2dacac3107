package framing

// Scores compares predicted labels with gold labels over the four labels.
type Scores struct {
	N        int
	Accuracy float64
	MacroF1  float64
	Kappa    float64
	// PerClass holds precision, recall, F1 and support per label.
	PerClass map[string]ClassScore
	// Confusion[gold][pred] counts.
	Confusion map[string]map[string]int
}

// ClassScore is one label's precision, recall, F1 and gold support.
type ClassScore struct {
	Precision, Recall, F1 float64
	Support               int
}

// Score computes accuracy, macro-F1 (unweighted mean of the four labels'
// F1) and Cohen's kappa, (p_o - p_e) / (1 - p_e), of pred against gold.
func Score(gold, pred []string) Scores {
	s := Scores{N: len(gold), PerClass: map[string]ClassScore{}, Confusion: map[string]map[string]int{}}
	for _, l := range Labels {
		s.Confusion[l] = map[string]int{}
	}
	agree := 0
	for i := range gold {
		if s.Confusion[gold[i]] == nil {
			s.Confusion[gold[i]] = map[string]int{}
		}
		s.Confusion[gold[i]][pred[i]]++
		if gold[i] == pred[i] {
			agree++
		}
	}
	if s.N == 0 {
		return s
	}
	n := float64(s.N)
	s.Accuracy = float64(agree) / n
	var pe, f1sum float64
	for _, l := range Labels {
		tp := s.Confusion[l][l]
		goldN, predN := 0, 0
		for _, g := range Labels {
			predN += s.Confusion[g][l]
		}
		for _, c := range s.Confusion[l] {
			goldN += c
		}
		cs := ClassScore{Support: goldN}
		if predN > 0 {
			cs.Precision = float64(tp) / float64(predN)
		}
		if goldN > 0 {
			cs.Recall = float64(tp) / float64(goldN)
		}
		if cs.Precision+cs.Recall > 0 {
			cs.F1 = 2 * cs.Precision * cs.Recall / (cs.Precision + cs.Recall)
		}
		s.PerClass[l] = cs
		f1sum += cs.F1
		pe += float64(goldN) / n * float64(predN) / n
	}
	s.MacroF1 = f1sum / float64(len(Labels))
	if pe < 1 {
		s.Kappa = (s.Accuracy - pe) / (1 - pe)
	}
	return s
}
