package evaluate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/techframe/techframe/pipeline"
)

// Agreement between human coders: the reliability check a content
// analysis reports before any coding is used (two or more people code the
// same sample blind), and the step that finds the rows to adjudicate.

// Unit is one sentence as the coders' sheets code it.
type Unit struct {
	// Key identifies the unit across sheets (see Agree).
	Key      string
	DocID    string
	Index    int // -1 when matched by text
	Sentence string
	// Labels[c] is coder c's label, "" when coder c did not code the unit;
	// Notes[c] and Lines[c] (0: absent) likewise.
	Labels []string
	Notes  []string
	Lines  []int
}

// Coded returns the number of coders who labelled the unit.
func (u *Unit) Coded() int {
	n := 0
	for _, l := range u.Labels {
		if l != "" {
			n++
		}
	}
	return n
}

// Unanimous returns the label every coder of the unit gave, or "" when
// they differ or fewer than two coded it.
func (u *Unit) Unanimous() string {
	first := ""
	for _, l := range u.Labels {
		switch {
		case l == "":
		case first == "":
			first = l
		case l != first:
			return ""
		}
	}
	if u.Coded() < 2 {
		return ""
	}
	return first
}

// RepeatedRow is a row that codes a unit its sheet already coded: the
// first row counts, the later one is left out.
type RepeatedRow struct {
	Coder, Line, FirstLine int
}

// TextDiff is a row matched by doc_id + index to a unit whose sentence,
// as an earlier sheet gives it, reads differently: the coders may have
// coded different sentences under the same number.
type TextDiff struct {
	Coder, Line           int
	FirstCoder, FirstLine int
}

// PairAgreement compares two coders on the units both coded; coder A
// stands in Metrics' gold rows, coder B in its system columns.
type PairAgreement struct {
	A, B      int
	Metrics   *Metrics
	Intervals *Intervals
}

// Agreement is the result of Agree.
type Agreement struct {
	Coders []string
	// ByIndex: units were matched by doc_id + sentence index; otherwise by
	// sentence text (within doc_id when every sheet has one).
	ByIndex bool
	Units   []Unit
	// Repeated lists rows coding a unit their sheet had coded already.
	Repeated []RepeatedRow
	// Unkeyed lists, per coder, coded rows without the key the others use
	// (no index while matching by index, no sentence while matching by
	// text): they cannot be compared.
	Unkeyed [][]int
	// TextDiffers lists rows matched by index whose sentence text differs
	// from the unit's (both given).
	TextDiffers []TextDiff
	// ByPath lists the doc_ids paired by path with another sheet's
	// spelling of the document, which the units carry, by sheet and line;
	// Ambiguous those that could be two documents of the other sheets by
	// path, paired with neither (see sameDocuments).
	ByPath    []PathDoc
	Ambiguous []AmbiguousDoc
	// Pairable is the number of units coded by two coders or more; Alpha
	// is Krippendorff's alpha (nominal) over them, any number of coders,
	// missing values allowed, with its 95% interval.
	Pairable      int
	Alpha         float64
	AlphaInterval Interval
	// Pairs holds every pair of coders, in order (0,1), (0,2), (1,2), ...
	Pairs []PairAgreement
}

// Agree matches the rows of two or more coded sheets and measures how far
// the coders agree. Units are matched by doc_id + index when every sheet
// has both columns, otherwise by the normalised sentence text (Normalize),
// within doc_id when every sheet has one. Doc_ids that name one file by
// path are one document ("bom.txt", "corpus/bom.txt"), spelled as the first
// sheet that codes it does (sameDocuments). Intervals come from a bootstrap
// over documents (over units when there are no doc ids), resamples draws
// (clusters taken in key order, so the rows' order does not matter);
// with resamples 0 there are none (Intervals nil, AlphaInterval NaN).
func Agree(sheets []*Gold, resamples int) (*Agreement, error) {
	if len(sheets) < 2 {
		return nil, fmt.Errorf("agreement needs two coded sheets or more, not %d", len(sheets))
	}
	a := &Agreement{ByIndex: true, Unkeyed: make([][]int, len(sheets))}
	withDoc := true
	for _, g := range sheets {
		a.Coders = append(a.Coders, g.Path)
		a.ByIndex = a.ByIndex && g.HasIndex
		withDoc = withDoc && g.HasDoc
		if len(g.Rows) == 0 {
			return nil, pipeline.Usagef("%s has no coded row (every label is blank): nothing to compare", g.Path)
		}
	}
	if !a.ByIndex {
		for _, g := range sheets {
			if !g.HasSentence {
				var other string
				for _, h := range sheets {
					if !h.HasIndex {
						other = h.Path
						break
					}
				}
				return nil, pipeline.Usagef("%s has no sentence column and %s no doc_id + index columns: their rows cannot be matched (give every sheet doc_id and index, or a sentence column)", g.Path, other)
			}
		}
	}
	var canon map[string]string
	if withDoc {
		canon, a.ByPath, a.Ambiguous = sameDocuments(sheets)
	}
	at := map[string]int{}
	for c, g := range sheets {
		first := map[string]int{} // key -> line of the sheet's first row for it
		for _, r := range g.Rows {
			doc := r.DocID
			if withDoc {
				doc = canon[doc]
			}
			var key string
			switch {
			case a.ByIndex && r.Index < 0:
				a.Unkeyed[c] = append(a.Unkeyed[c], r.Line)
				continue
			case a.ByIndex:
				key = doc + "\x00" + strconv.Itoa(r.Index)
			case strings.TrimSpace(r.Sentence) == "":
				a.Unkeyed[c] = append(a.Unkeyed[c], r.Line)
				continue
			case withDoc:
				key = doc + "\x00" + Normalize(r.Sentence)
			default:
				key = Normalize(r.Sentence)
			}
			if l, ok := first[key]; ok {
				a.Repeated = append(a.Repeated, RepeatedRow{Coder: c, Line: r.Line, FirstLine: l})
				continue
			}
			first[key] = r.Line
			i, ok := at[key]
			if !ok {
				i = len(a.Units)
				at[key] = i
				u := Unit{Key: key, DocID: doc, Index: -1, Sentence: r.Sentence,
					Labels: make([]string, len(sheets)), Notes: make([]string, len(sheets)), Lines: make([]int, len(sheets))}
				if a.ByIndex {
					u.Index = r.Index
				}
				a.Units = append(a.Units, u)
			}
			u := &a.Units[i]
			switch {
			case u.Sentence == "":
				u.Sentence = r.Sentence
			case ok && a.ByIndex && r.Sentence != "" && Normalize(r.Sentence) != Normalize(u.Sentence):
				fc := 0
				for fc < c && u.Lines[fc] == 0 {
					fc++
				}
				a.TextDiffers = append(a.TextDiffers, TextDiff{Coder: c, Line: r.Line, FirstCoder: fc, FirstLine: u.Lines[fc]})
			}
			if u.DocID == "" {
				u.DocID = doc
			}
			u.Labels[c], u.Notes[c], u.Lines[c] = r.Label, r.Note, r.Line
		}
	}
	for _, u := range a.Units {
		if u.Coded() >= 2 {
			a.Pairable++
		}
	}
	var err error
	if a.Alpha, a.AlphaInterval, err = alphaWithInterval(a.Units, withDoc, resamples); err != nil {
		return nil, err
	}
	for x := 0; x < len(sheets); x++ {
		for y := x + 1; y < len(sheets); y++ {
			var pairs []Pair
			var docs []string
			for _, u := range a.Units {
				if u.Labels[x] != "" && u.Labels[y] != "" {
					pairs = append(pairs, Pair{Gold: u.Labels[x], System: u.Labels[y]})
					docs = append(docs, u.DocID)
				}
			}
			if !withDoc {
				docs = nil
			}
			m, err := Compute(Labels, pairs)
			if err != nil {
				return nil, err
			}
			var iv *Intervals
			if resamples > 0 {
				if iv, err = Bootstrap(Labels, pairs, docs, resamples); err != nil {
					return nil, err
				}
			}
			a.Pairs = append(a.Pairs, PairAgreement{A: x, B: y, Metrics: m, Intervals: iv})
		}
	}
	return a, nil
}

// KrippendorffAlpha returns Krippendorff's alpha for nominal values over
// units, each the labels its coders gave ("" for missing). Units with
// fewer than two values are not pairable and left out. From the
// coincidence matrix o (each unit with m values adds 1/(m-1) for every
// ordered pair of values from different coders) and its marginals n_c:
//
//	alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k
//
// (Krippendorff, Content Analysis, 4th ed., ch. 12). NaN when no unit is
// pairable or every value is the same.
func KrippendorffAlpha(labels []string, units [][]string) (float64, error) {
	idx := map[string]int{}
	for i, l := range labels {
		idx[l] = i
	}
	k := len(labels)
	o := make([]float64, k*k)
	counts := make([]int, k)
	for _, u := range units {
		clear(counts)
		m := 0
		for _, l := range u {
			if l == "" {
				continue
			}
			i, ok := idx[l]
			if !ok {
				return math.NaN(), fmt.Errorf("label %q is not one of %v", l, labels)
			}
			counts[i]++
			m++
		}
		if m < 2 {
			continue
		}
		w := 1 / float64(m-1)
		for c := 0; c < k; c++ {
			for d := 0; d < k; d++ {
				pairs := counts[c] * counts[d]
				if c == d {
					pairs = counts[c] * (counts[c] - 1)
				}
				o[c*k+d] += float64(pairs) * w
			}
		}
	}
	return alphaFrom(o, k), nil
}

func alphaFrom(o []float64, k int) float64 {
	n := 0.0
	off := 0.0
	marg := make([]float64, k)
	for c := 0; c < k; c++ {
		for d := 0; d < k; d++ {
			v := o[c*k+d]
			marg[c] += v
			n += v
			if c != d {
				off += v
			}
		}
	}
	sumSq := 0.0
	for _, v := range marg {
		sumSq += v * v
	}
	offE := n*n - sumSq
	if n <= 1 || offE <= 0 {
		return math.NaN()
	}
	return 1 - (n-1)*off/offE
}

// alphaWithInterval computes alpha over the units and its 95% percentile
// bootstrap interval, drawing whole documents (withDoc) or units.
func alphaWithInterval(units []Unit, withDoc bool, resamples int) (float64, Interval, error) {
	vals := make([][]string, 0, len(units))
	var clusters [][]int
	at := map[string]int{}
	for _, u := range units {
		if u.Coded() < 2 {
			continue
		}
		key := u.Key // the unit alone
		if withDoc {
			key = u.DocID
		}
		c, ok := at[key]
		if !ok {
			c = len(clusters)
			at[key] = c
			clusters = append(clusters, nil)
		}
		clusters[c] = append(clusters[c], len(vals))
		vals = append(vals, u.Labels)
	}
	// Clusters in key order: the intervals must not depend on the order of
	// the rows.
	clusters = inNameOrder(clusters, at)
	alpha, err := KrippendorffAlpha(Labels, vals)
	if err != nil || len(vals) == 0 || resamples < 1 {
		return alpha, Interval{math.NaN(), math.NaN()}, err
	}
	rng := rand.New(rand.NewPCG(BootstrapSeed, uint64(len(vals))<<32|uint64(len(clusters))))
	var scores []float64
	draw := make([][]string, 0, len(vals))
	for b := 0; b < resamples; b++ {
		draw = draw[:0]
		for range clusters {
			for _, i := range clusters[rng.IntN(len(clusters))] {
				draw = append(draw, vals[i])
			}
		}
		if v, _ := KrippendorffAlpha(Labels, draw); !math.IsNaN(v) {
			scores = append(scores, v)
		}
	}
	return alpha, percentiles(scores, resamples, 0.025, 0.975), nil
}
