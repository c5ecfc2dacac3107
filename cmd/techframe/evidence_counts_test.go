package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/techframe/techframe/lexicons"
	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/entities"
	"github.com/techframe/techframe/pipeline/framing"
	"github.com/techframe/techframe/pipeline/ingest"
	"github.com/techframe/techframe/pipeline/tokenize"
	"github.com/xuri/excelize/v2"
)

// sentenceScores runs the CLI's default stages (tokenizer, gazetteer inside
// the tagger, built-in lexicons and combiner) over the sample articles and
// returns each sentence's cooperation and competition scores, by document
// id and sentence index. The articles are read through ingest, as the CLI
// reads them (front matter taken off, its id the document's).
func sentenceScores(t *testing.T) map[string][][2]float64 {
	t.Helper()
	src, err := ingest.Open([]string{articlesDir}, ingest.Options{TextField: "text", IDField: "id"})
	if err != nil {
		t.Fatal(err)
	}
	set, err := lexicons.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	model, err := framing.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	tok, err := tokenize.New(tokenize.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tagger := framing.New(set, framing.Options{Model: model})
	tagger.Gazetteer = entities.New(set)
	out := map[string][][2]float64{}
	for {
		d, err := src.Next(context.Background())
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []pipeline.Stage{tok, tagger} {
			if err := s.Process(d); err != nil {
				t.Fatal(err)
			}
		}
		for _, s := range d.Sentences {
			out[d.ID] = append(out[d.ID], [2]float64{s.CoopScore, s.CompScore})
		}
	}
}

// cueRow is what the score check needs of one Evidence row or evidence
// object, wherever it was written.
type cueRow struct {
	doc       string
	sent      int
	frame     string
	countsFor string
	weight    float64
	negated   bool
	ignored   bool
}

// checkCountsFor checks that, per sentence, the weights of the cues summed
// by counts_for are the sentence's cooperation and competition scores, that
// counts_for is the lexicon frame, the other one when negated, or nothing,
// and that the rows hold negated cues counting for the other frame (the
// case frame alone gets wrong).
func checkCountsFor(t *testing.T, where string, rows []cueRow, scores map[string][][2]float64) {
	t.Helper()
	type key struct {
		doc  string
		sent int
	}
	sums := map[key]map[string]float64{}
	flipped := 0
	for _, r := range rows {
		other := map[string]string{"cooperation": "competition", "competition": "cooperation"}[r.frame]
		switch {
		case r.countsFor == "":
			if !r.ignored && r.weight != 0 {
				t.Errorf("%s: %s#%d: %s cue of weight %v counts for nothing", where, r.doc, r.sent, r.frame, r.weight)
			}
		case r.ignored:
			t.Errorf("%s: %s#%d: ignored cue counts for %q", where, r.doc, r.sent, r.countsFor)
		case r.negated && r.countsFor != other, !r.negated && r.countsFor != r.frame:
			t.Errorf("%s: %s#%d: %s cue (negated %v) counts for %q", where, r.doc, r.sent, r.frame, r.negated, r.countsFor)
		}
		if r.negated && r.countsFor == other && other != "" {
			flipped++
		}
		k := key{r.doc, r.sent}
		if sums[k] == nil {
			sums[k] = map[string]float64{}
		}
		sums[k][r.countsFor] += r.weight
	}
	if flipped == 0 {
		t.Errorf("%s: no negated cue counting for the other frame among %d rows", where, len(rows))
	}
	sentences := 0
	for doc, ss := range scores {
		for i, sc := range ss {
			sentences++
			got := sums[key{doc, i}]
			if math.Abs(got["cooperation"]-sc[0]) > 1e-9 || math.Abs(got["competition"]-sc[1]) > 1e-9 {
				t.Errorf("%s: %s#%d: weights by counts_for sum to cooperation %v, competition %v; the sentence's scores are %v, %v",
					where, doc, i, got["cooperation"], got["competition"], sc[0], sc[1])
			}
		}
	}
	if sentences < 500 {
		t.Fatalf("%s: only %d sentences scored", where, sentences)
	}
}

// evidenceObjects decodes an evidence array of annotate's output.
func evidenceObjects(t *testing.T, where, doc string, raw []byte) []cueRow {
	t.Helper()
	var objs []struct {
		Frame     string  `json:"frame"`
		Weight    float64 `json:"weight"`
		Negated   bool    `json:"negated"`
		Ignored   bool    `json:"ignored"`
		CountsFor *string `json:"counts_for"`
		Sent      int     `json:"sent"`
	}
	if err := json.Unmarshal(raw, &objs); err != nil {
		t.Fatalf("%s: %s: %v", where, doc, err)
	}
	var rows []cueRow
	for _, o := range objs {
		if o.CountsFor == nil {
			t.Fatalf("%s: %s: an evidence object has no counts_for: %s", where, doc, raw)
		}
		rows = append(rows, cueRow{doc: doc, sent: o.Sent, frame: o.Frame, countsFor: *o.CountsFor, weight: o.Weight, negated: o.Negated, ignored: o.Ignored})
	}
	return rows
}

// TestAnalyzeAndAnnotateEvidenceCountsFor: every evidence writer says which
// frame each cue's weight went to (counts_for), so that summing the
// weights by it reproduces every sentence's scores; by the lexicon frame
// it does not, since "did not seek confrontation" is a competition cue
// counting for cooperation. annotate's JSONL evidence (sentence level), its
// CSV evidence_json cells (document level) and analyze's Evidence sheet,
// whose Columns entry defines the column.
func TestAnalyzeAndAnnotateEvidenceCountsFor(t *testing.T) {
	scores := sentenceScores(t)

	// annotate --level sentence, JSONL
	var rows []cueRow
	for _, r := range annotateJSONL(t, articlesDir, "--level", "sentence") {
		rows = append(rows, evidenceObjects(t, "annotate --level sentence", r.DocID, r.Evidence)...)
	}
	checkCountsFor(t, "annotate --level sentence", rows, scores)

	// annotate -t csv, document level: evidence_json
	col, recs := annotateTable(t, "csv", articlesDir)
	rows = nil
	for _, r := range recs {
		rows = append(rows, evidenceObjects(t, "annotate -t csv", r[col["id"]], []byte(r[col["evidence_json"]]))...)
	}
	checkCountsFor(t, "annotate -t csv", rows, scores)

	// analyze: the workbook's Evidence sheet, read as stored (the sheet
	// shows weights to 3 decimals)
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if _, errs, code := runCLI(t, "", "analyze", articlesDir, "-o", path, "--no-keywords"); code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, errs)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ev, err := f.GetRows("Evidence", excelize.Options{RawCellValue: true})
	if err != nil || len(ev) < 2 {
		t.Fatalf("Evidence sheet: %d rows, %v", len(ev), err)
	}
	h := ev[0]
	di, si, fi, wi, ni, ii, ci := indexOf(h, "doc_id"), indexOf(h, "sentence"), indexOf(h, "frame"), indexOf(h, "weight"), indexOf(h, "negated"), indexOf(h, "ignored"), indexOf(h, "counts_for")
	if ci < 0 {
		t.Fatalf("Evidence sheet has no counts_for column: %v", h)
	}
	if ci < wi || ci < ni {
		t.Errorf("counts_for (column %d) comes before weight and negated: %v", ci, h)
	}
	rows = nil
	cell := func(r []string, i int) string {
		if i < len(r) {
			return r[i]
		}
		return ""
	}
	for _, r := range ev[1:] {
		w, err := strconv.ParseFloat(cell(r, wi), 64)
		if err != nil {
			t.Fatalf("Evidence weight %q: %v", cell(r, wi), err)
		}
		rows = append(rows, cueRow{doc: r[di], sent: atoi(t, r[si]), frame: r[fi], countsFor: cell(r, ci), weight: w,
			negated: cell(r, ni) == "1", ignored: cell(r, ii) != ""})
	}
	checkCountsFor(t, "analyze Evidence sheet", rows, scores)

	// the Columns sheet defines each of frame, weight and counts_for
	defs := map[string]string{}
	cols, err := f.GetRows("Columns")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range cols {
		if len(r) > 2 && r[0] == "Evidence" {
			defs[r[1]] = r[2]
		}
	}
	for _, c := range []string{"frame", "weight", "counts_for"} {
		if defs[c] == "" || defs[c] == noDefinition {
			t.Errorf("Columns: Evidence %s has no definition", c)
		}
	}
}

// TestAnalyzeCSVEvidenceHasCountsFor: the CSV tables of analyze -o DIR/
// carry counts_for too, the audit's negated cue counting for cooperation.
func TestAnalyzeCSVEvidenceHasCountsFor(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, in, "neg.txt", "China did not seek confrontation with the United States.\n")
	out := filepath.Join(dir, "out") + string(filepath.Separator)
	if _, errs, code := runCLI(t, "", "analyze", in, "-o", out, "--no-keywords"); code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, errs)
	}
	fh, err := os.Open(filepath.Join(out, "Evidence.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	h := recs[0]
	ti, fi, ci := indexOf(h, "text"), indexOf(h, "frame"), indexOf(h, "counts_for")
	if ci < 0 {
		t.Fatalf("Evidence.csv has no counts_for column: %v", h)
	}
	found := false
	for _, r := range recs[1:] {
		if r[ti] == "confrontation" {
			found = true
			if r[fi] != "competition" || r[ci] != "cooperation" {
				t.Errorf("confrontation: frame %q counts_for %q, want competition, cooperation", r[fi], r[ci])
			}
		}
	}
	if !found {
		t.Errorf("no confrontation row in %v", recs)
	}
}
