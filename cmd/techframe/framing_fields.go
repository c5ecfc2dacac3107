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
		"Cues: each sentence is scanned for entries of the framing lexicon (Evidence sheet: term, lexicon file and line). Scope rules decide how each cue counts: a negated cue counts toward the opposite frame (or not at all), a hedged cue counts less, cues after a concession ('despite', 'after years of') count less, and cues in another sense ('competitive prices', 'war on poverty'), inside names, or about coordination inside one country are ignored (the 'ignored' column says why).",
		"Label: a sentence with no counted cue is neutral. Otherwise a learned combiner (a softmax model over the cue features, trained on hand-coded sentences; its file and SHA-256 are in the Manifest) picks the label, and may only pick a frame that has a counted cue ('both' needs one on each side), so every label points back to its Evidence rows (their counts_for column: a negated competition cue counts for cooperation). --framing-rule uses a fixed threshold rule instead; techframe framing train retrains the combiner on your own coding.",
		"Documents: a document is neutral when no sentence is framed; 'both' when each side holds at least a third of the framed sentences; otherwise the side with more sentences. A one-sentence document has its sentence's label.",
	)
}
