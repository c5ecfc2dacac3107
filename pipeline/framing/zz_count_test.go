package framing

import (
	"os"
	"testing"

	"github.com/techframe/techframe/lexicons"
	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/tokenize"
)

func TestZZCount(t *testing.T) {
	if os.Getenv("TECHFRAME_BENCH_JSONL") == "" {
		t.Skip()
	}
	text := benchText(&testing.B{})
	tok, _ := tokenize.New(tokenize.Options{})
	doc := &pipeline.Document{Text: text}
	tok.Process(doc)
	tagger := New(testSet, Options{Model: testModel})
	var words, may, cand, hit, sents, cued int
	var sc scratch
	sc.ents = make([][]pipeline.Entity, len(doc.Sentences))
	for si := range doc.Sentences {
		ws := lexicons.SentenceWords(doc, si, nil)
		sents++
		for i := range ws {
			words++
			if tagger.m.MayStartAt(ws, i, len(ws)) {
				may++
				c := tagger.m.CandidatesCached(ws, i, len(ws), nil, &sc.mc)
				if len(c) > 0 {
					cand++
					e := tagger.entries[c[0].ID]
					if lexicons.IsCue(e.Frame) {
						hit++
					}
				}
			}
		}
		tagger.sentence(doc, si, ws, &sc)
		if sc.cued {
			cued++
		}
	}
	t.Logf("sentences %d cued %d words %d maystart %d cands %d cuehits %d", sents, cued, words, may, cand, hit)
}
