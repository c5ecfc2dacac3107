package reports

import (
	"bufio"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/techframe/techframe/pipeline"
)

// Field is a named value added to a record by a caller (for example the
// framing summary of a document: counts, shares, balance).
type Field struct {
	Name  string
	Value any
}

// AnnotateOptions configures AnnotateWriter.
type AnnotateOptions struct {
	// Level is "document" (one record per document) or "sentence".
	Level string
	// Format is "jsonl", "tsv" or "csv".
	Format string
	// DocFields, when set, adds fields to each document record (and to the
	// tabular document rows), after the built-in ones.
	DocFields func(*pipeline.Document) []Field
	// Tokens includes the token array in JSONL document records (default on).
	OmitTokens bool
}

// AnnotateWriter writes annotated documents as JSONL, TSV or CSV records.
// Call Write for each document in order and Close at the end.
type AnnotateWriter struct {
	opts    AnnotateOptions
	w       *bufio.Writer
	csv     *csv.Writer
	header  []string // meta keys of the tabular header, from the first document
	wrote   bool
	scratch jsonBuf // renders the tabular JSON cells; Write is never concurrent
}

// NewAnnotateWriter validates the options.
func NewAnnotateWriter(w io.Writer, opts AnnotateOptions) (*AnnotateWriter, error) {
	if opts.Level == "" {
		opts.Level = "document"
	}
	if opts.Format == "" {
		opts.Format = "jsonl"
	}
	switch opts.Level {
	case "document", "sentence":
	default:
		return nil, pipeline.Usagef("--level must be document or sentence, not %q", opts.Level)
	}
	aw := &AnnotateWriter{opts: opts, w: bufio.NewWriterSize(w, 256<<10)}
	switch opts.Format {
	case "jsonl":
	case "csv", "tsv":
		aw.csv = csv.NewWriter(aw.w)
		if opts.Format == "tsv" {
			aw.csv.Comma = '\t'
		}
	default:
		return nil, pipeline.Usagef("--output-format must be jsonl, tsv or csv, not %q", opts.Format)
	}
	return aw, nil
}

// Write writes the records of one document.
func (a *AnnotateWriter) Write(d *pipeline.Document) error {
	var extra []Field
	if a.opts.DocFields != nil && a.opts.Level == "document" {
		extra = a.opts.DocFields(d)
	}
	if a.csv != nil {
		return a.writeTable(d, extra)
	}
	return a.WriteEncoded(a.Encode(d))
}

// Encoded is one document's rendered JSONL records, made by Encode and
// consumed by WriteEncoded, which writes them and recycles the buffer: a
// record (hundreds of kilobytes with its tokens) is not copied on its way
// out.
type Encoded struct{ j *jsonBuf }

// Encode renders a document's JSONL records (one line per document, or one
// per sentence) without writing them. It is safe for concurrent use, so
// annotate renders on the workers and the ordered sink only writes bytes.
// Only for the jsonl format; tabular formats are written by Write. Every
// Encoded must be passed to WriteEncoded once.
func (a *AnnotateWriter) Encode(d *pipeline.Document) Encoded {
	j := jsonPool.Get().(*jsonBuf)
	j.reset()
	// One allocation of about the record's size instead of a dozen
	// doublings, each copying everything written so far (a long speech's
	// record runs to megabytes).
	j.b = slices.Grow(j.b, encodedSize(d, a.opts.Level == "sentence", a.opts.OmitTokens))
	if a.opts.Level == "sentence" {
		for i := range d.Sentences {
			sentenceJSON(j, d, i)
			j.b = append(j.b, '\n')
		}
	} else {
		var extra []Field
		if a.opts.DocFields != nil {
			extra = a.opts.DocFields(d)
		}
		documentJSON(j, d, extra, a.opts.OmitTokens)
		j.b = append(j.b, '\n')
	}
	return Encoded{j}
}

// encodedSize estimates the bytes of a document's JSONL records from
// its counts, erring a little high: each token record is about 60 bytes
// besides its text and norm, an entity's about 100 besides its strings,
// a cue's about 175 besides its strings. Sentence records repeat the
// document's id and metadata and carry their text.
func encodedSize(d *pipeline.Document, sentences, omitTokens bool) int {
	meta := 0
	for _, m := range d.Meta {
		meta += len(m.Key) + 24
		if s, ok := m.Value.(string); ok {
			meta += len(s)
		}
	}
	n := 280 + len(d.ID) + meta + 64*len(d.Sentences)
	for _, e := range d.Entities {
		n += 112 + e.End - e.Start + len(e.Canonical)
	}
	for _, e := range d.Evidence {
		n += 200 + e.End - e.Start + len(e.Term) + len(e.Lexicon) + len(e.Reason)
	}
	if sentences {
		n += len(d.Sentences)*(64+len(d.ID)+meta) + len(d.Text) + len(d.Text)/8
	} else {
		if d.Converted {
			n += len(d.Text) + len(d.Text)/8
		}
		if !omitTokens {
			n += 64*len(d.Tokens) + 2*len(d.Text)
		}
	}
	return n
}

// Encodes reports whether Encode applies (the jsonl format).
func (a *AnnotateWriter) Encodes() bool { return a.csv == nil }

// WriteEncoded writes records made by Encode and recycles their buffer.
// Records are flushed whole, so a stream cut short by an interrupt or an
// error ends on a record boundary.
func (a *AnnotateWriter) WriteEncoded(e Encoded) error {
	b := e.j.b
	defer jsonPool.Put(e.j)
	if len(b) > a.w.Available() && a.w.Buffered() > 0 {
		if err := a.w.Flush(); err != nil {
			return err
		}
	}
	_, err := a.w.Write(b)
	return err
}

var jsonPool = sync.Pool{New: func() any { return new(jsonBuf) }}

// Close flushes buffered output and reports any write error.
func (a *AnnotateWriter) Close() error {
	if a.csv != nil {
		a.csv.Flush()
		if err := a.csv.Error(); err != nil {
			return err
		}
	}
	return a.w.Flush()
}

func documentJSON(j *jsonBuf, d *pipeline.Document, extra []Field, omitTokens bool) {
	j.beginObject()
	j.kstr("id", d.ID)
	j.meta(d.Meta)
	if d.Converted {
		// The text the offsets count in: it is not the file's bytes.
		j.kstr("text", d.Text)
	}
	if frame := docFrame(extra); frame != "" {
		j.kstr("frame", frame)
	}
	for _, f := range extra {
		if f.Name == "frame" {
			continue
		}
		j.metaKey(f.Name)
		j.metaValue(f.Value)
	}
	// The count the per1000_* rates divide by (the tokens column of the
	// tabular formats), which --no-tokens would otherwise leave out with
	// the array.
	j.kint("token_count", len(d.Tokens))
	j.key("sentences")
	j.beginArray()
	for _, s := range d.Sentences {
		j.beginObject()
		j.kint("start", s.Start)
		j.kint("end", s.End)
		if s.Frame != "" {
			j.kstr("frame", s.Frame)
		}
		j.endObject()
	}
	j.endArray()
	if !omitTokens {
		j.key("tokens")
		j.beginArray()
		for _, t := range d.Tokens {
			j.beginObject()
			j.kint("start", t.Start)
			j.kint("end", t.End)
			j.kstr("text", d.Text[t.Start:t.End])
			j.kstr("norm", t.Norm)
			j.kint("sent", t.Sent)
			if t.POS != "" {
				j.kstr("pos", t.POS)
			}
			j.endObject()
		}
		j.endArray()
	}
	entitiesJSON(j, d, d.Entities)
	evidenceJSON(j, d, d.Evidence)
	j.endObject()
}

func docFrame(extra []Field) string {
	for _, f := range extra {
		if f.Name == "frame" {
			s, _ := f.Value.(string)
			return s
		}
	}
	return ""
}

func sentenceJSON(j *jsonBuf, d *pipeline.Document, i int) {
	s := d.Sentences[i]
	j.beginObject()
	j.kstr("doc_id", d.ID)
	j.kint("index", i)
	j.kint("start", s.Start)
	j.kint("end", s.End)
	j.kstr("text", d.Text[s.Start:s.End])
	if s.Frame != "" {
		j.kstr("frame", s.Frame)
	}
	j.meta(d.Meta)
	entitiesJSON(j, d, d.SentenceEntities(i))
	evidenceJSON(j, d, d.SentenceEvidence(i))
	j.endObject()
}

func entitiesJSON(j *jsonBuf, d *pipeline.Document, ents []pipeline.Entity) {
	j.key("entities")
	entityArray(j, d, ents)
}

// entityArray writes the array of a record's "entities" key. The tabular
// formats' entities_json cells are made by it too, so they hold the very
// objects of the JSONL records.
func entityArray(j *jsonBuf, d *pipeline.Document, ents []pipeline.Entity) {
	j.beginArray()
	for _, e := range ents {
		j.beginObject()
		j.kint("start", e.Start)
		j.kint("end", e.End)
		j.kstr("text", d.Text[e.Start:e.End])
		j.kstr("canonical", e.Canonical)
		j.kstr("type", e.Type)
		j.kstr("source", e.Source)
		j.kint("sent", e.Sent)
		j.endObject()
	}
	j.endArray()
}

func evidenceJSON(j *jsonBuf, d *pipeline.Document, ev []pipeline.Evidence) {
	j.key("evidence")
	evidenceArray(j, d, ev)
}

// evidenceArray writes the array of a record's "evidence" key, for the JSONL
// records and the evidence_json cells alike.
func evidenceArray(j *jsonBuf, d *pipeline.Document, ev []pipeline.Evidence) {
	j.beginArray()
	for _, e := range ev {
		j.beginObject()
		j.kint("start", e.Start)
		j.kint("end", e.End)
		j.kstr("text", d.Text[e.Start:e.End])
		j.kstr("term", e.Term)
		j.kstr("frame", e.Frame)
		j.kstr("lexicon", e.Lexicon)
		j.kint("line", e.Line)
		j.key("weight")
		j.float(e.Weight)
		j.key("negated")
		j.boolean(e.Negated)
		j.key("hedged")
		j.boolean(e.Hedged)
		// The frame the weight was added to, which frame (the lexicon's)
		// does not say for a negated cue: "did not seek confrontation"
		// is a competition cue counting for cooperation. "" when it
		// counted for nothing (ignored, or a weight of 0).
		j.kstr("counts_for", e.CountsFor())
		if e.Ignored {
			j.key("ignored")
			j.boolean(true)
		}
		if e.Reason != "" {
			// Why the cue was set aside, or why its weight was cut
			// ("backdrop after \"despite\" (rule 10)").
			j.kstr("reason", e.Reason)
		}
		j.kint("sent", e.Sent)
		j.endObject()
	}
	j.endArray()
}

// CueList renders cues as Evidence.Describe does, joined by "; ".
func CueList(d *pipeline.Document, ev []pipeline.Evidence) string {
	parts := make([]string, 0, len(ev))
	for i := range ev {
		parts = append(parts, ev[i].Describe(d.Text))
	}
	return strings.Join(parts, "; ")
}

// EntityList renders entities as "canonical [TYPE]" joined by "; ",
// each canonical name once, in order of first mention.
func EntityList(ents []pipeline.Entity) string {
	seen := map[string]bool{}
	var parts []string
	for _, e := range ents {
		k := e.Canonical + " [" + e.Type + "]"
		if !seen[k] {
			seen[k] = true
			parts = append(parts, k)
		}
	}
	return strings.Join(parts, "; ")
}

// tabular rows -----------------------------------------------------------

func (a *AnnotateWriter) writeTable(d *pipeline.Document, extra []Field) error {
	if !a.wrote {
		a.wrote = true
		a.header = d.Meta.Keys()
		var cols []string
		if a.opts.Level == "sentence" {
			cols = []string{"doc_id", "index", "start", "end", "frame", "cues", "entities", "entities_json", "evidence_json", "text"}
		} else {
			cols = []string{"id", "sentences", "tokens"}
			for _, f := range extra {
				cols = append(cols, f.Name)
			}
			// text: the text the offsets count in when it is not the
			// input's (documentJSON's rule), empty otherwise.
			cols = append(cols, "entities", "cues", "entities_json", "evidence_json", "text")
		}
		// A metadata key that is also one of these columns' names
		// ("id", "text", "frame") is written meta_KEY, so that every column
		// name is unique and the tool's columns keep their names.
		taken := map[string]bool{"meta_other": true}
		for _, c := range cols {
			taken[strings.ToLower(c)] = true
		}
		for _, k := range a.header {
			name := k
			for taken[strings.ToLower(name)] {
				name = "meta_" + name
			}
			taken[strings.ToLower(name)] = true
			cols = append(cols, name)
		}
		cols = append(cols, "meta_other")
		if err := a.csv.Write(cols); err != nil {
			return err
		}
	}
	metaCols := a.metaColumns(d.Meta)
	if a.opts.Level == "sentence" {
		for i, s := range d.Sentences {
			ents, ev := d.SentenceEntities(i), d.SentenceEvidence(i)
			row := []string{d.ID, strconv.Itoa(i), strconv.Itoa(s.Start), strconv.Itoa(s.End), s.Frame,
				a.cell(CueList(d, ev)), a.cell(EntityList(ents)), a.entitiesCell(d, ents), a.evidenceCell(d, ev),
				a.cell(d.Text[s.Start:s.End])}
			if err := a.csv.Write(append(row, metaCols...)); err != nil {
				return err
			}
		}
		return nil
	}
	row := []string{d.ID, strconv.Itoa(len(d.Sentences)), strconv.Itoa(len(d.Tokens))}
	for _, f := range extra {
		row = append(row, a.cell(pipeline.MetaString(f.Value)))
	}
	text := ""
	if d.Converted {
		// As in the JSONL record. TSV writes its tabs and line breaks as
		// spaces, which keeps every byte offset.
		text = a.cell(d.Text)
	}
	row = append(row, a.cell(EntityList(d.Entities)), a.cell(CueList(d, d.Evidence)),
		a.entitiesCell(d, d.Entities), a.evidenceCell(d, d.Evidence), text)
	return a.csv.Write(append(row, metaCols...))
}

// entitiesCell and evidenceCell render the entities_json and evidence_json
// cells with the JSONL encoder, so a cell is byte for byte the array of the
// JSONL record ("[]" when empty). They skip cell: JSON escapes every control
// character, so a TSV cell of it never holds a raw tab or line break, and it
// starts with "[", which no spreadsheet reads as a formula.
func (a *AnnotateWriter) entitiesCell(d *pipeline.Document, ents []pipeline.Entity) string {
	a.scratch.reset()
	entityArray(&a.scratch, d, ents)
	return string(a.scratch.b)
}

func (a *AnnotateWriter) evidenceCell(d *pipeline.Document, ev []pipeline.Evidence) string {
	a.scratch.reset()
	evidenceArray(&a.scratch, d, ev)
	return string(a.scratch.b)
}

// metaColumns lays a document's metadata out under the header taken from the
// first document; keys the header lacks go to meta_other as a JSON object,
// which keeps keys and values apart whatever they hold ("Li, Wei").
func (a *AnnotateWriter) metaColumns(m pipeline.Meta) []string {
	cols := make([]string, len(a.header)+1)
	var other pipeline.Meta
	for _, f := range m {
		placed := false
		for i, h := range a.header {
			if h == f.Key {
				cols[i] = a.cell(pipeline.MetaString(f.Value))
				placed = true
				break
			}
		}
		if !placed {
			other = append(other, f)
		}
	}
	if len(other) > 0 {
		// JSON escapes every control character: the cell is safe in TSV.
		a.scratch.reset()
		a.scratch.beginObject()
		for _, f := range other {
			a.scratch.metaKey(f.Key)
			a.scratch.metaValue(f.Value)
		}
		a.scratch.endObject()
		cols[len(a.header)] = string(a.scratch.b)
	}
	return cols
}

// cell makes a value safe for TSV: tabs and line breaks become spaces (CSV
// quotes them instead).
func (a *AnnotateWriter) cell(s string) string {
	if a.opts.Format != "tsv" {
		return s
	}
	if strings.ContainsAny(s, "\t\r\n") {
		return strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, s)
	}
	return s
}
