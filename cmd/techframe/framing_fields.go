package main

import (
	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/framing"
	"github.com/techframe/techframe/reports"
)

// framingFields adds the framing summary to document records: the document
// label, counts, shares, balance and rates per 1,000 tokens. Nothing is
// added when framing did not run (--no-framing).
func framingFields(d *pipeline.Document) []reports.Field {
	framed := false
	for _, s := range d.Sentences {
		if s.Frame != "" {
			framed = true
			break
		}
	}
	if !framed {
		return nil
	}
	sum := framing.Summarize(d)
	out := []reports.Field{{Name: "frame", Value: sum.Label}}
	for _, l := range framing.Labels {
		out = append(out, reports.Field{Name: l, Value: float64(sum.Counts[l])})
	}
	for _, l := range framing.Labels {
		out = append(out, reports.Field{Name: "share_" + l, Value: sum.Shares[l]})
	}
	var bal any
	if sum.HasBalance {
		bal = sum.Balance
	}
	out = append(out, reports.Field{Name: "balance", Value: bal})
	for _, l := range framing.Labels {
		out = append(out, reports.Field{Name: "per1000_" + l, Value: sum.Per1000[l]})
	}
	return out
}

func init() {
	docFieldFuncs = append(docFieldFuncs, framingFields)
	aboutRules = append(aboutRules,
		"Each sentence is labelled from the framing cues found in it (Evidence sheet): cue weights are summed per frame after negation (a negated cue counts toward the opposite frame, see the Evidence flags) and hedging (a hedged cue counts less); 'both' needs an explicit cue on each side; a sentence with no counted cue is neutral. The framing package documentation gives the scope rules for negation, hedges and concessions.",
		"A document's label is neutral when no sentence is framed; 'both' when each side holds at least a third of the framed sentences; otherwise the side with more sentences. A one-sentence document has its sentence's label.",
	)
}
