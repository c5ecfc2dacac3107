package framing

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/techframe/techframe/lexicons"
	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/entities"
	"github.com/techframe/techframe/pipeline/tokenize"
)

// benchText is the sample corpus (or a repeated paragraph when absent), or
// the texts of the JSONL file named by TECHFRAME_BENCH_JSONL (for example
// the sotu bench corpus).
func benchText(b *testing.B) string {
	var sb strings.Builder
	if p := os.Getenv("TECHFRAME_BENCH_JSONL"); p != "" {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			var rec struct {
				Text string `json:"text"`
			}
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Text != "" {
				sb.WriteString(rec.Text)
				sb.WriteString("\n\n")
			}
		}
		return sb.String()
	}
	paths, _ := filepath.Glob("../../samples/articles/*")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err == nil {
			sb.Write(data)
			sb.WriteString("\n\n")
		}
	}
	if sb.Len() == 0 {
		sb.WriteString(strings.Repeat("Beijing's ministries said China and the EU will cooperate on 5G standards at the ITU, while the US tightened export controls on Nvidia chips. ", 200))
	}
	return sb.String()
}

// BenchmarkAnnotate compares tokenizing alone with tokenizing plus the
// gazetteer and the framing tagger, on the same text: the gazetteer and
// framing should add no more than 25% (run with -bench Annotate).
func BenchmarkAnnotate(b *testing.B) {
	text := benchText(b)
	tok, gaz, tagger := benchStages(b)
	for _, bc := range []struct {
		name   string
		stages []pipeline.Stage
	}{
		{"tokenize", []pipeline.Stage{tok}},
		{"tokenize+entities+framing", []pipeline.Stage{tok, tagger}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for i := 0; i < b.N; i++ {
				doc := &pipeline.Document{Text: text}
				for _, s := range bc.stages {
					if err := s.Process(doc); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
	// The same without the n-gram weights: their cost.
	cueOnly := *testModel
	cueOnly.GramRows, cueOnly.Grams = nil, nil
	plain := New(testSet, Options{Model: &cueOnly})
	plain.Gazetteer = gaz
	for _, bc := range []struct {
		name string
		t    *Tagger
	}{{"entities+framing-only", tagger}, {"entities+framing-only-cue-features", plain}} {
		b.Run(bc.name, func(b *testing.B) {
			doc := &pipeline.Document{Text: text}
			if err := tok.Process(doc); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(text)))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				doc.Entities, doc.Evidence = nil, nil
				bc.t.Process(doc)
			}
		})
	}
}

// benchTexts returns the texts of TECHFRAME_BENCH_JSONL's records, or of
// the sample articles when it is unset.
func benchTexts(b *testing.B) []string {
	var texts []string
	if p := os.Getenv("TECHFRAME_BENCH_JSONL"); p != "" {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			var rec struct {
				Text string `json:"text"`
			}
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Text != "" {
				texts = append(texts, rec.Text)
			}
		}
		return texts
	}
	paths, _ := filepath.Glob("../../samples/articles/*")
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			texts = append(texts, string(data))
		}
	}
	return texts
}

// BenchmarkStagesDocs runs the gazetteer and the tagger over the documents
// of TECHFRAME_BENCH_JSONL (default: the sample articles), tokenized once,
// one document at a time as the runner's workers do: "fused" as the CLI
// wires them (the tagger runs the gazetteer sentence by sentence in its
// pass), "split" as two stages splitting the words each.
func BenchmarkStagesDocs(b *testing.B) {
	texts := benchTexts(b)
	if len(texts) == 0 {
		b.Skip("no texts")
	}
	tok, err := tokenize.New(tokenize.Options{})
	if err != nil {
		b.Fatal(err)
	}
	docs := make([]*pipeline.Document, len(texts))
	size := 0
	for i, t := range texts {
		docs[i] = &pipeline.Document{Text: t}
		if err := tok.Process(docs[i]); err != nil {
			b.Fatal(err)
		}
		size += len(t)
	}
	for _, wiring := range []string{"fused", "split"} {
		b.Run(wiring, func(b *testing.B) {
			gaz := entities.New(testSet)
			tagger := New(testSet, Options{Model: testModel})
			stages := []pipeline.Stage{gaz, tagger}
			switch wiring {
			case "fused":
				tagger.Gazetteer = gaz
				stages = []pipeline.Stage{tagger}
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			b.ResetTimer()
			// CPU time (user+system) of the process per op: steadier than
			// wall time on a machine shared with other jobs.
			cpu0 := processCPU()
			defer func() { b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N)/1e6, "cpu-ms/op") }()
			for i := 0; i < b.N; i++ {
				for _, doc := range docs {
					doc.Entities, doc.Evidence = nil, nil
					for _, s := range stages {
						if err := s.Process(doc); err != nil {
							b.Fatal(err)
						}
					}
				}
			}
		})
	}
}

// processCPU returns the process's user+system CPU time in nanoseconds.
func processCPU() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkScan runs only the tagger's lexicon scan over the words of every
// sentence of TECHFRAME_BENCH_JSONL (default: the sample articles), split
// once beforehand: the matcher's share of the stage.
func BenchmarkScan(b *testing.B) {
	texts := benchTexts(b)
	tok, err := tokenize.New(tokenize.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var sents [][]lexicons.Word
	for _, text := range texts {
		doc := &pipeline.Document{Text: text}
		if err := tok.Process(doc); err != nil {
			b.Fatal(err)
		}
		for si := range doc.Sentences {
			sents = append(sents, lexicons.SentenceWords(doc, si, nil))
		}
	}
	if len(sents) == 0 {
		b.Skip("no texts")
	}
	tagger := New(testSet, Options{Model: testModel})
	sc := &scratch{}
	b.ResetTimer()
	cpu0 := processCPU()
	defer func() { b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N)/1e6, "cpu-ms/op") }()
	hits := 0
	for i := 0; i < b.N; i++ {
		for _, words := range sents {
			sc.hits = tagger.scan(words, 0, len(words), false, sc, sc.hits[:0])
			hits += len(sc.hits)
		}
	}
	if hits == 0 {
		b.Fatal("no lexicon hits")
	}
}

// BenchmarkLongSentence tags one sentence of n words with no full stop
// (a transcript, a text whose punctuation was stripped): the cost per
// word should not grow with n (it did, as cues times hits, before the
// modifier and name checks looked only near each cue).
func BenchmarkLongSentence(b *testing.B) {
	tok, _, tagger := benchStages(b)
	units := []struct{ name, text string }{
		{"", "China and the United States agreed to cooperate on AI safety while Beijing sees Washington as a rival in the chip war "},
		// Clauses opening with a subject cue and a negated passive
		// (afterSubject looks for each one's clause end).
		{"clauses/", "sanctions on the chipmaker were not imposed, cooperation was never pursued, the talks were not resumed, and "},
		// Names and a capitalised cue in mid-sentence (the headline test
		// looks at every word against the sentence's entities).
		{"names/", "Beijing and Washington met Tokyo and Seoul in Geneva where a new Partnership was announced by Huawei and Nvidia "},
		// Every kind of rule at once: threats and rivals named (rule 5),
		// benchmarks, concessions, negation, names.
		// One clause without commas, as a transcript runs on: cues,
		// negators, disruptions, nested names and colon cues repeat
		// within it.
		{"oneclause/", "cooperation not cooperation talks collapsed the Trump administration and the U.S. Congress saw a new Partnership and Answer: Cooperation Beijing and Moscow "},
		{"mixed/", "the threat from Russia grew while China and the EU agreed to fight terrorism together, but Beijing did not seek confrontation with Washington although its labs file more patents than American labs and the Strategic Dialogue resumed in Geneva, "},
	}
	for _, u := range units {
		unit := u.text
		n := len(strings.Fields(unit))
		for _, reps := range []int{250, 1000, 4000} {
			text := strings.Repeat(unit, reps)
			b.Run(fmt.Sprintf("%swords=%d", u.name, reps*n), func(b *testing.B) {
				doc := &pipeline.Document{Text: text}
				if err := tok.Process(doc); err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					doc.Entities, doc.Evidence = nil, nil
					if err := tagger.Process(doc); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(reps*n), "ns/word")
			})
		}
	}
}

// benchStages builds the tokenizer, and the gazetteer and the tagger wired
// as the CLI wires them (the tagger runs the gazetteer in its pass).
func benchStages(b *testing.B) (*tokenize.Tokenizer, *entities.Gazetteer, *Tagger) {
	b.Helper()
	tok, err := tokenize.New(tokenize.Options{})
	if err != nil {
		b.Fatal(err)
	}
	gaz := entities.New(testSet)
	tagger := New(testSet, Options{Model: testModel})
	tagger.Gazetteer = gaz
	return tok, gaz, tagger
}
