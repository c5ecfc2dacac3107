package framing

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/tokenize"
)

// benchText is the sample corpus (or a repeated paragraph when absent).
func benchText(b *testing.B) string {
	paths, _ := filepath.Glob("../../samples/articles/*")
	var sb strings.Builder
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
	tok, err := tokenize.New(tokenize.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name   string
		stages []pipeline.Stage
	}{
		{"tokenize", []pipeline.Stage{tok}},
		{"tokenize+entities+framing", []pipeline.Stage{tok, testGaz, testTagger}},
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
	b.Run("entities+framing-only", func(b *testing.B) {
		doc := &pipeline.Document{Text: text}
		if err := tok.Process(doc); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(text)))
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			doc.Entities, doc.Evidence = nil, nil
			testGaz.Process(doc)
			testTagger.Process(doc)
		}
	})
}
