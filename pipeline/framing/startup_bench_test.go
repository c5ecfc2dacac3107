package framing

import (
	"testing"

	"github.com/techframe/techframe/lexicons"
	"github.com/techframe/techframe/pipeline/entities"
)

// The start-up cost of the entities and framing stages, which every
// annotate run pays once before reading any text: parsing the built-in
// model and lexicons, and compiling the gazetteer's and the tagger's
// matchers.

func BenchmarkStartupModel(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ParseModel("m", lexicons.FramingModel()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStartupLexicons(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := lexicons.LoadWarn(nil, false, func(lexicons.Problem) {}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStartupGazetteer(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		entities.New(testSet)
	}
}

func BenchmarkStartupTagger(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		New(testSet, Options{Model: testModel})
	}
}
