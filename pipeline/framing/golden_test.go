package framing

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/entities"
	"github.com/techframe/techframe/pipeline/tokenize"
)

var update = flag.Bool("update", false, "rewrite testdata/golden_samples.json from the current output")

// goldenDoc is what the gazetteer and the tagger add to one document.
type goldenDoc struct {
	ID       string              `json:"id"`
	Entities []pipeline.Entity   `json:"entities"`
	Evidence []pipeline.Evidence `json:"evidence"`
	// Frames and Scores are per sentence; scores are written with every
	// digit (strconv 'g', -1) so that any change in arithmetic shows.
	Frames []string `json:"frames"`
	Scores []string `json:"scores"`
}

// TestGoldenSamples pins the entities, evidence, frames and scores of the
// sample articles, with the shipped model and with the hand-set rule, and
// with the gazetteer run by the tagger in one pass (the CLI's wiring) or as
// a stage of its own: performance work must leave every byte of them
// unchanged. Refresh with -update only for an intended change of
// behaviour.
func TestGoldenSamples(t *testing.T) {
	paths, err := filepath.Glob("../../samples/articles/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no sample articles: %v", err)
	}
	tok, err := tokenize.New(tokenize.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const (
		fused = iota
		unshared
	)
	run := func(model *Model, wiring int) []goldenDoc {
		gaz := entities.New(testSet)
		tagger := New(testSet, Options{Model: model})
		stages := []pipeline.Stage{tok, gaz, tagger}
		switch wiring {
		case fused:
			tagger.Gazetteer = gaz
			stages = []pipeline.Stage{tok, tagger}
		}
		var out []goldenDoc
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			doc := &pipeline.Document{ID: filepath.Base(p), Text: string(data)}
			for _, s := range stages {
				if err := s.Process(doc); err != nil {
					t.Fatal(err)
				}
			}
			g := goldenDoc{ID: doc.ID, Entities: doc.Entities, Evidence: doc.Evidence}
			for _, s := range doc.Sentences {
				g.Frames = append(g.Frames, s.Frame)
				g.Scores = append(g.Scores, strconv.FormatFloat(s.CoopScore, 'g', -1, 64)+" "+strconv.FormatFloat(s.CompScore, 'g', -1, 64))
			}
			out = append(out, g)
		}
		return out
	}
	// One JSON line per document and combiner, so that a difference names
	// its document.
	enc := func(model, rule []goldenDoc) []byte {
		var b bytes.Buffer
		for _, part := range []struct {
			name string
			docs []goldenDoc
		}{{"model", model}, {"rule", rule}} {
			for _, d := range part.docs {
				line, err := json.Marshal(d)
				if err != nil {
					t.Fatal(err)
				}
				b.WriteString(part.name + " ")
				b.Write(line)
				b.WriteByte('\n')
			}
		}
		return b.Bytes()
	}
	got := enc(run(testModel, fused), run(nil, fused))
	// Separate stages must give the same bytes as the one pass.
	if un := enc(run(testModel, unshared), run(nil, unshared)); !bytes.Equal(got, un) {
		t.Errorf("output of separate stages splitting words each differs from the gazetteer run by the tagger")
	}
	const golden = "testdata/golden_samples.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if !bytes.Equal(gl[i], wl[i]) {
				k := 0
				for k < len(gl[i]) && k < len(wl[i]) && gl[i][k] == wl[i][k] {
					k++
				}
				from := max(0, k-150)
				t.Fatalf("output differs from %s at line %d, byte %d:\n got  ...%s\n want ...%s", golden, i+1, k,
					gl[i][from:min(len(gl[i]), k+150)], wl[i][from:min(len(wl[i]), k+150)])
			}
		}
		t.Fatalf("output differs from %s: %d lines, want %d", golden, len(gl), len(wl))
	}
}
