package main

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

const articlesDir = "../../samples/articles"

// jsonlRecord is what the table tests need of one annotate JSONL record, at
// either level: the entities and evidence arrays as written (raw bytes),
// and the sentence bounds their spans must fall in.
type jsonlRecord struct {
	ID        string                     `json:"id"`
	DocID     string                     `json:"doc_id"`
	Index     int                        `json:"index"`
	Start     int                        `json:"start"`
	End       int                        `json:"end"`
	Text      string                     `json:"text"`
	Sentences []struct{ Start, End int } `json:"sentences"`
	Entities  json.RawMessage            `json:"entities"`
	Evidence  json.RawMessage            `json:"evidence"`
}

// key names the record the way a table row does: the document id, or the
// document id and sentence index.
func (r jsonlRecord) key() string {
	if r.DocID != "" {
		return r.DocID + "#" + strconv.Itoa(r.Index)
	}
	return r.ID
}

// bounds returns the byte range of sentence sent, and whether the record
// holds that sentence (a sentence record holds only its own).
func (r jsonlRecord) bounds(sent int) (start, end int, ok bool) {
	if r.DocID != "" {
		return r.Start, r.End, sent == r.Index
	}
	if sent < 0 || sent >= len(r.Sentences) {
		return 0, 0, false
	}
	return r.Sentences[sent].Start, r.Sentences[sent].End, true
}

func annotateJSONL(t *testing.T, args ...string) []jsonlRecord {
	t.Helper()
	out, errs, code := runCLI(t, "", append([]string{"annotate"}, args...)...)
	if code != 0 {
		t.Fatalf("annotate %v: exit %d: %s", args, code, errs)
	}
	var recs []jsonlRecord
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var r jsonlRecord
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("annotate %v: record %d: %v", args, len(recs)+1, err)
		}
		recs = append(recs, r)
	}
	return recs
}

// annotateTable runs annotate with a tabular format and reads the output
// back with encoding/csv: the header's column positions and the rows.
func annotateTable(t *testing.T, format string, args ...string) (col map[string]int, rows [][]string) {
	t.Helper()
	out, errs, code := runCLI(t, "", append([]string{"annotate", "-t", format}, args...)...)
	if code != 0 {
		t.Fatalf("annotate -t %s %v: exit %d: %s", format, args, code, errs)
	}
	r := csv.NewReader(strings.NewReader(out))
	if format == "tsv" {
		r.Comma = '\t'
	}
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("annotate -t %s %v: %v", format, args, err)
	}
	if len(recs) == 0 {
		t.Fatalf("annotate -t %s %v: no header", format, args)
	}
	col = map[string]int{}
	for i, name := range recs[0] {
		col[name] = i
	}
	return col, recs[1:]
}

// TestAnnotateTableJSONColumnsMatchJSONL: the entities_json and
// evidence_json cells of TSV and CSV rows are, byte for byte, the entities
// and evidence arrays of the JSONL record for the same document or sentence
// (so keys, key order and number spelling agree), and every span in them
// points at its text inside its sentence.
func TestAnnotateTableJSONColumnsMatchJSONL(t *testing.T) {
	texts := sampleTexts(t) // the documents of samples/articles, by id
	for _, level := range []string{"document", "sentence"} {
		recs := annotateJSONL(t, articlesDir, "--level", level)
		if len(recs) < 32 {
			t.Fatalf("--level %s: %d JSONL records", level, len(recs))
		}
		for _, format := range []string{"tsv", "csv"} {
			t.Run(level+"/"+format, func(t *testing.T) {
				col, rows := annotateTable(t, format, articlesDir, "--level", level)
				for _, name := range []string{"entities", "cues", "entities_json", "evidence_json"} {
					if _, ok := col[name]; !ok {
						t.Fatalf("no %s column", name)
					}
				}
				if len(rows) != len(recs) {
					t.Fatalf("%d rows, %d JSONL records", len(rows), len(recs))
				}
				nonEmpty := map[string]int{}
				for i, row := range rows {
					rec := recs[i]
					key := row[col["id"]]
					if level == "sentence" {
						key = row[col["doc_id"]] + "#" + row[col["index"]]
					}
					if key != rec.key() {
						t.Fatalf("row %d is %s, JSONL record %d is %s", i+1, key, i+1, rec.key())
					}
					text, ok := texts[rec.ID+rec.DocID] // one of the two is set
					if !ok {
						t.Fatalf("%s: no sample text", key)
					}
					if level == "sentence" && text[rec.Start:rec.End] != rec.Text {
						t.Fatalf("%s: the sample text is not the text annotate read", key)
					}
					for _, c := range []struct {
						name string
						want json.RawMessage
					}{{"entities_json", rec.Entities}, {"evidence_json", rec.Evidence}} {
						cell := row[col[c.name]]
						if cell != string(c.want) {
							t.Errorf("%s %s:\n cell %.300s\nJSONL %.300s", key, c.name, cell, c.want)
						}
						var got, want []map[string]any
						if err := json.Unmarshal([]byte(cell), &got); err != nil || got == nil {
							t.Errorf("%s %s: not a JSON array (%v): %.300s", key, c.name, err, cell)
							continue
						}
						if err := json.Unmarshal(c.want, &want); err != nil {
							t.Fatalf("%s: JSONL %s: %v", key, c.name, err)
						}
						if !reflect.DeepEqual(got, want) {
							t.Errorf("%s %s decodes to\n%v\nJSONL has\n%v", key, c.name, got, want)
						}
						if len(got) > 0 {
							nonEmpty[c.name]++
						}
						checkSpans(t, key+" "+c.name, text, rec, got)
					}
				}
				if nonEmpty["entities_json"] == 0 || nonEmpty["evidence_json"] == 0 {
					t.Errorf("rows with entities %d, with evidence %d; want some of each", nonEmpty["entities_json"], nonEmpty["evidence_json"])
				}
			})
		}
	}
}

// checkSpans checks that each object's start and end slice the document
// text to its "text", inside the sentence its "sent" names.
func checkSpans(t *testing.T, where, text string, rec jsonlRecord, objs []map[string]any) {
	t.Helper()
	for _, o := range objs {
		start, okS := o["start"].(float64)
		end, okE := o["end"].(float64)
		sent, okN := o["sent"].(float64)
		surface, okT := o["text"].(string)
		if !okS || !okE || !okN || !okT {
			t.Errorf("%s: %v lacks start, end, sent or text", where, o)
			continue
		}
		lo, hi, ok := rec.bounds(int(sent))
		if !ok {
			t.Errorf("%s: %v names a sentence outside the record", where, o)
			continue
		}
		if int(start) < lo || int(start) >= int(end) || int(end) > hi {
			t.Errorf("%s: span [%v,%v) not inside its sentence [%d,%d)", where, start, end, lo, hi)
			continue
		}
		if got := text[int(start):int(end)]; got != surface {
			t.Errorf("%s: text[%v:%v] = %q, the object says %q", where, start, end, got, surface)
		}
	}
}

func TestAnnotateTableIdenticalForAnyJobs(t *testing.T) {
	for _, level := range []string{"document", "sentence"} {
		var outs []string
		for _, jobs := range []string{"1", "2"} {
			out, errs, code := runCLI(t, "", "annotate", articlesDir, "-t", "tsv", "--level", level, "--jobs", jobs)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			outs = append(outs, out)
		}
		if outs[0] != outs[1] {
			t.Errorf("--level %s: TSV differs between --jobs 1 and --jobs 2", level)
		}
		if !strings.Contains(outs[0], "\tentities_json\tevidence_json\t") {
			t.Errorf("--level %s: no JSON columns in the header", level)
		}
	}
}

// TestAnnotateTableJSONColumnsWithStagesOff: with entities or framing off
// the readable columns stay (empty), and so do the JSON columns, as [].
func TestAnnotateTableJSONColumnsWithStagesOff(t *testing.T) {
	in := t.TempDir() + "/a.txt"
	if err := os.WriteFile(in, []byte("China and the EU signed a partnership on chips. Washington imposed sanctions.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		off         []string
		empty, full []string // JSON columns that must be [] / must not be
	}{
		{[]string{"--no-entities", "--no-framing"}, []string{"entities_json", "evidence_json"}, nil},
		{[]string{"--no-entities"}, []string{"entities_json"}, []string{"evidence_json"}},
		{[]string{"--no-framing"}, []string{"evidence_json"}, []string{"entities_json"}},
	}
	for _, c := range cases {
		for _, level := range []string{"document", "sentence"} {
			col, rows := annotateTable(t, "tsv", append([]string{in, "--level", level}, c.off...)...)
			if len(rows) == 0 {
				t.Fatalf("%v --level %s: no rows", c.off, level)
			}
			for _, name := range []string{"entities", "cues", "entities_json", "evidence_json"} {
				if _, ok := col[name]; !ok {
					t.Errorf("%v --level %s: no %s column", c.off, level, name)
				}
			}
			seen := map[string]bool{}
			for _, row := range rows {
				for _, name := range c.empty {
					if row[col[name]] != "[]" {
						t.Errorf("%v --level %s: %s = %q, want []", c.off, level, name, row[col[name]])
					}
				}
				for _, name := range c.full {
					if row[col[name]] != "[]" {
						seen[name] = true
					}
				}
			}
			for _, name := range c.full {
				if !seen[name] {
					t.Errorf("%v --level %s: %s empty in every row", c.off, level, name)
				}
			}
		}
	}
}

// TestAnnotateTableCarriesConvertedText: a TSV or CSV document row carries
// the text its offsets count in, in a text column, exactly when the JSONL
// record does (Markdown, HTML, front matter, Windows-1252, UTF-16), so that
// the entities_json and evidence_json spans resolve from the row alone;
// the cell is empty for a document read as it is. CSV holds the text
// exactly; TSV writes tabs and line breaks as spaces, one byte for one, so
// the offsets still hold.
func TestAnnotateTableCarriesConvertedText(t *testing.T) {
	dir := writeConvertedInputs(t)
	jsonlText := map[string]string{}
	for _, rec := range annotateJSONL(t, dir) {
		if rec.Text != "" {
			jsonlText[rec.ID] = rec.Text
		}
	}
	if len(jsonlText) < 5 {
		t.Fatalf("only %d JSONL records carry text", len(jsonlText))
	}
	tsvSafe := strings.NewReplacer("\t", " ", "\r", " ", "\n", " ")
	for _, format := range []string{"csv", "tsv"} {
		raw, _, _ := runCLI(t, "", "annotate", "-t", format, dir)
		col, rows := annotateTable(t, format, dir)
		ti, ok := col["text"]
		if !ok {
			t.Fatalf("%s: no text column at document level", format)
		}
		if _, ok := col["meta_text"]; ok {
			t.Errorf("%s: a meta_text column, but no document has a text metadata field", format)
		}
		withText := 0
		for _, row := range rows {
			id, cell := row[col["id"]], row[ti]
			want, converted := jsonlText[id]
			if !converted {
				if cell != "" {
					t.Errorf("%s %s: text %q, but the JSONL record has none", format, id, cell)
				}
				continue
			}
			withText++
			if format == "tsv" {
				want = tsvSafe.Replace(want)
			}
			if format == "csv" {
				// encoding/csv reads a CR before LF inside a quoted
				// field as nothing (Python's csv module keeps it), so
				// the output's bytes must hold the text exactly, and the
				// cell as read is the text without those CRs.
				var field strings.Builder
				w := csv.NewWriter(&field)
				w.Write([]string{want})
				w.Flush()
				if !strings.Contains(raw, strings.TrimSuffix(field.String(), "\n")) {
					t.Errorf("csv %s: the output does not hold the JSONL text %q", id, want)
				}
				if cell == strings.ReplaceAll(want, "\r\n", "\n") {
					cell = want
				}
			}
			if cell != want {
				t.Errorf("%s %s: text cell %q, JSONL text %q", format, id, cell, want)
			}
			n := 0
			for _, name := range []string{"entities_json", "evidence_json"} {
				var objs []struct {
					Start, End int
					Text       string
				}
				if err := json.Unmarshal([]byte(row[col[name]]), &objs); err != nil {
					t.Fatalf("%s %s %s: %v", format, id, name, err)
				}
				for _, o := range objs {
					n++
					if o.End > len(cell) || cell[o.Start:o.End] != tsvSafe.Replace(o.Text) {
						t.Errorf("%s %s %s: span %d-%d %q does not slice the row's text", format, id, name, o.Start, o.End, o.Text)
					}
				}
			}
			if n == 0 {
				t.Errorf("%s %s: no span to check", format, id)
			}
		}
		if withText != len(jsonlText) {
			t.Errorf("%s: %d rows with text, %d JSONL records", format, withText, len(jsonlText))
		}
	}
}

// TestAnnotateJSONLTokenCount: document records carry token_count, the
// count the per1000_* rates divide by (the tabular tokens column), also
// with --no-tokens, which leaves out the token array.
func TestAnnotateJSONLTokenCount(t *testing.T) {
	col, rows := annotateTable(t, "csv", articlesDir)
	tokens := map[string]int{}
	for _, r := range rows {
		n, err := strconv.Atoi(r[col["tokens"]])
		if err != nil {
			t.Fatal(err)
		}
		tokens[r[col["id"]]] = n
	}
	for _, args := range [][]string{{articlesDir}, {articlesDir, "--no-tokens"}} {
		out, errs, code := runCLI(t, "", append([]string{"annotate"}, args...)...)
		if code != 0 {
			t.Fatalf("annotate %v: exit %d: %s", args, code, errs)
		}
		dec := json.NewDecoder(strings.NewReader(out))
		n := 0
		for dec.More() {
			var rec struct {
				ID          string          `json:"id"`
				TokenCount  *int            `json:"token_count"`
				Competition int             `json:"competition"`
				Per1000     float64         `json:"per1000_competition"`
				Tokens      json.RawMessage `json:"tokens"`
			}
			if err := dec.Decode(&rec); err != nil {
				t.Fatal(err)
			}
			n++
			if rec.TokenCount == nil {
				t.Fatalf("annotate %v: %s has no token_count", args, rec.ID)
			}
			if *rec.TokenCount != tokens[rec.ID] || *rec.TokenCount == 0 {
				t.Errorf("annotate %v: %s token_count %d, the CSV tokens column %d", args, rec.ID, *rec.TokenCount, tokens[rec.ID])
			}
			if got := float64(rec.Competition) * 1000 / float64(*rec.TokenCount); math.Abs(got-rec.Per1000) > 1e-9 {
				t.Errorf("annotate %v: %s per1000_competition %v, recomputed %v", args, rec.ID, rec.Per1000, got)
			}
			if (rec.Tokens == nil) != (len(args) == 2) {
				t.Errorf("annotate %v: %s tokens array present: %v", args, rec.ID, rec.Tokens != nil)
			}
		}
		if n != len(tokens) {
			t.Errorf("annotate %v: %d records, %d CSV rows", args, n, len(tokens))
		}
	}
}
