package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
)

// awkwardDocument has a tab, quotes, a line break, U+2028 and a formula-like
// string inside its entity and evidence spans and a cue's reason.
func awkwardDocument() *pipeline.Document {
	s0 := "Beijing\tsaid \"no\"."
	s1 := "The U.S.\u2028agreed on =SUM(1)."
	text := s0 + "\n" + s1
	span := func(sub string) pipeline.Span {
		i := strings.Index(text, sub)
		return pipeline.Span{Start: i, End: i + len(sub)}
	}
	return &pipeline.Document{
		ID:   "d1",
		Meta: pipeline.Meta{{Key: "outlet", Value: "wire\tservice"}},
		Text: text,
		Sentences: []pipeline.Sentence{
			{Span: pipeline.Span{Start: 0, End: len(s0)}, Frame: "neutral"},
			{Span: pipeline.Span{Start: len(s0) + 1, End: len(text)}, Frame: "cooperation"},
		},
		Entities: []pipeline.Entity{
			{Span: span("Beijing\tsaid"), Canonical: "China", Type: "STATE_ACTOR", Source: "gazetteer", Sent: 0},
			{Span: span("U.S.\u2028agreed"), Canonical: "United States", Type: "STATE_ACTOR", Source: "ner", Sent: 1},
		},
		Evidence: []pipeline.Evidence{
			{Span: span("\"no\""), Term: "no", Frame: "competition", Lexicon: "framing.tsv", Line: 7, Weight: 0.25,
				Negated: true, Ignored: true, Reason: "quoted \"no\"\tand a tab", Sent: 0},
			{Span: span("=SUM(1)"), Term: "=sum*", Frame: "cooperation", Lexicon: "my lex.tsv", Line: 12, Weight: 1e-7, Hedged: true, Sent: 1},
		},
	}
}

// TestAnnotateTableJSONCellsKeepAwkwardText: the JSON cells of TSV and CSV
// rows are the JSONL record's arrays byte for byte, even when the text under
// a span holds tabs, quotes, line breaks or U+2028, and a TSV row stays on
// one line.
func TestAnnotateTableJSONCellsKeepAwkwardText(t *testing.T) {
	for _, level := range []string{"document", "sentence"} {
		jw, err := NewAnnotateWriter(new(bytes.Buffer), AnnotateOptions{Level: level})
		if err != nil {
			t.Fatal(err)
		}
		e := jw.Encode(awkwardDocument())
		var want []struct{ Entities, Evidence json.RawMessage }
		dec := json.NewDecoder(bytes.NewReader(e.j.b))
		for dec.More() {
			var r struct{ Entities, Evidence json.RawMessage }
			if err := dec.Decode(&r); err != nil {
				t.Fatal(err)
			}
			want = append(want, r)
		}
		for _, format := range []string{"tsv", "csv"} {
			var buf bytes.Buffer
			w, err := NewAnnotateWriter(&buf, AnnotateOptions{Level: level, Format: format})
			if err != nil {
				t.Fatal(err)
			}
			d := awkwardDocument()
			if err := w.Write(d); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if format == "tsv" && strings.Count(out, "\n") != len(want)+1 {
				t.Errorf("%s/%s: %d lines for %d records:\n%s", level, format, strings.Count(out, "\n"), len(want), out)
			}
			r := csv.NewReader(strings.NewReader(out))
			if format == "tsv" {
				r.Comma = '\t'
			}
			recs, err := r.ReadAll()
			if err != nil {
				t.Fatalf("%s/%s: %v\n%s", level, format, err, out)
			}
			col := map[string]int{}
			for i, name := range recs[0] {
				col[name] = i
			}
			if len(recs)-1 != len(want) {
				t.Fatalf("%s/%s: %d rows, JSONL has %d records", level, format, len(recs)-1, len(want))
			}
			for i, row := range recs[1:] {
				for _, c := range []struct {
					name string
					want json.RawMessage
				}{{"entities_json", want[i].Entities}, {"evidence_json", want[i].Evidence}} {
					cell := row[col[c.name]]
					if cell != string(c.want) {
						t.Errorf("%s/%s row %d %s:\n cell %s\nJSONL %s", level, format, i+1, c.name, cell, c.want)
					}
					var objs []struct {
						Start, End int
						Text       string
					}
					if err := json.Unmarshal([]byte(cell), &objs); err != nil || len(objs) == 0 {
						t.Errorf("%s/%s row %d %s: %v: %s", level, format, i+1, c.name, err, cell)
					}
					for _, o := range objs {
						if d.Text[o.Start:o.End] != o.Text {
							t.Errorf("%s/%s row %d %s: text[%d:%d] = %q, cell says %q", level, format, i+1, c.name, o.Start, o.End, d.Text[o.Start:o.End], o.Text)
						}
					}
				}
			}
		}
	}
}

// TestEvidenceReasonWithoutIgnore: a cue whose weight a rule cut without
// setting it aside (a concession's backdrop) carries its reason in JSON and
// in the readable cue list, with no "ignored" key; an ignored cue keeps both.
func TestEvidenceReasonWithoutIgnore(t *testing.T) {
	text := "Despite tensions, they agreed."
	d := &pipeline.Document{ID: "d", Text: text, Evidence: []pipeline.Evidence{
		{Span: pipeline.Span{Start: 8, End: 16}, Term: "tension*", Frame: "competition", Lexicon: "framing.tsv", Line: 1, Weight: 0.75, Reason: `backdrop after "despite" (rule 10)`},
		{Span: pipeline.Span{Start: 23, End: 29}, Term: "agreed", Frame: "cooperation", Lexicon: "framing.tsv", Line: 2, Weight: 0, Ignored: true, Reason: "some rule"},
	}}
	var j jsonBuf
	evidenceArray(&j, d, d.Evidence)
	var got []map[string]any
	if err := json.Unmarshal(j.b, &got); err != nil {
		t.Fatalf("%v: %s", err, j.b)
	}
	if len(got) != 2 || got[0]["reason"] != `backdrop after "despite" (rule 10)` || got[0]["ignored"] != nil {
		t.Errorf("conceded cue: %v; want its reason and no ignored key", got)
	}
	if got[1]["ignored"] != true || got[1]["reason"] != "some rule" {
		t.Errorf("ignored cue: %v; want ignored true with its reason", got[1])
	}
	if list := CueList(d, d.Evidence); !strings.Contains(list, `tensions (competition, backdrop after "despite" (rule 10))`) || !strings.Contains(list, "ignored: some rule") {
		t.Errorf("cue list %q", list)
	}
}

// TestEncodeSizeEstimate: Encode sizes its buffer once from the document's
// counts (encodedSize); for ordinary text the estimate must cover the
// whole record at both levels, with and without tokens, or a long
// document's record is copied again at every doubling.
func TestEncodeSizeEstimate(t *testing.T) {
	var text strings.Builder
	d := &pipeline.Document{ID: "speeches/1962-kennedy.txt", Meta: pipeline.Meta{{Key: "president", Value: "John F. Kennedy"}, {Key: "year", Value: 1962.0}}}
	for si := 0; si < 300; si++ {
		start := text.Len()
		for wi, w := range strings.Fields("The United States and its allies agreed on joint research into semiconductors despite rivalry with China.") {
			if wi > 0 {
				text.WriteByte(' ')
			}
			ts := text.Len()
			text.WriteString(w)
			d.Tokens = append(d.Tokens, pipeline.Token{Span: pipeline.Span{Start: ts, End: text.Len()}, Norm: strings.ToLower(w), Sent: si})
			switch w {
			case "United", "China.":
				d.Entities = append(d.Entities, pipeline.Entity{Span: pipeline.Span{Start: ts, End: text.Len()}, Canonical: "United States", Type: "STATE_ACTOR", Source: "gazetteer", Sent: si})
			case "agreed", "joint", "rivalry":
				d.Evidence = append(d.Evidence, pipeline.Evidence{Span: pipeline.Span{Start: ts, End: text.Len()}, Term: w + "*", Frame: "cooperation", Lexicon: "builtin:framing.tsv", Line: 1234, Weight: 0.36000000000000004, Hedged: true, Reason: "backdrop after \"despite\" (rule 10)", Sent: si})
			}
		}
		d.Sentences = append(d.Sentences, pipeline.Sentence{Span: pipeline.Span{Start: start, End: text.Len()}, Frame: "both", FirstToken: len(d.Tokens) - 16, EndToken: len(d.Tokens)})
		text.WriteByte(' ')
	}
	d.Text = text.String()
	for _, opts := range []AnnotateOptions{{Level: "document"}, {Level: "document", OmitTokens: true}, {Level: "sentence"}} {
		w, err := NewAnnotateWriter(&bytes.Buffer{}, opts)
		if err != nil {
			t.Fatal(err)
		}
		e := w.Encode(d)
		if est := encodedSize(d, opts.Level == "sentence", opts.OmitTokens); len(e.j.b) > est {
			t.Errorf("%+v: record of %d bytes, estimate %d", opts, len(e.j.b), est)
		}
		if err := w.WriteEncoded(e); err != nil {
			t.Fatal(err)
		}
	}
}

// Metadata keys the first document lacks go to meta_other as a JSON object,
// whose keys and values stay apart whatever they hold.
func TestAnnotateTableMetaOther(t *testing.T) {
	for _, format := range []string{"csv", "tsv"} {
		var buf bytes.Buffer
		w, err := NewAnnotateWriter(&buf, AnnotateOptions{Format: format})
		if err != nil {
			t.Fatal(err)
		}
		first := &pipeline.Document{ID: "a", Text: "x", Meta: pipeline.Meta{{Key: "outlet", Value: "Xinhua"}}}
		second := &pipeline.Document{ID: "b", Text: "y", Meta: pipeline.Meta{{Key: "author", Value: "Li, Wei; Tan=Mei\tX"}, {Key: "outlet", Value: "FT"}, {Key: "year", Value: 2021.0}}}
		for _, d := range []*pipeline.Document{first, second} {
			if err := w.Write(d); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(&buf)
		if format == "tsv" {
			r.Comma, r.LazyQuotes = '\t', true
		}
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		head, last := rows[0], rows[2]
		if head[len(head)-2] != "outlet" || head[len(head)-1] != "meta_other" || last[len(last)-2] != "FT" {
			t.Fatalf("%s: header %q, row %q", format, head, last)
		}
		var other map[string]any
		if err := json.Unmarshal([]byte(last[len(last)-1]), &other); err != nil || other["author"] != "Li, Wei; Tan=Mei\tX" || other["year"] != 2021.0 || len(other) != 2 {
			t.Errorf("%s: meta_other %q (%v), want author and year as a JSON object", format, last[len(last)-1], err)
		}
		if rows[1][len(head)-1] != "" {
			t.Errorf("%s: first row's meta_other %q, want empty", format, rows[1][len(head)-1])
		}
	}
}
