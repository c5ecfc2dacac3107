package evaluate

import (
	"fmt"
	"strings"

	"github.com/techframe/techframe/pipeline"
)

// NeedsText reports whether the row has no sentence text, so that only
// its doc_id and index say which sentence it codes (an index-only sheet).
func (r GoldRow) NeedsText() bool { return strings.TrimSpace(r.Sentence) == "" }

// SentenceLookup finds the text of the sentences that gold rows name by
// doc_id and index, in documents streaming past (tokenized: their
// sentences split), as Matcher matches such rows for evaluate: a doc_id
// no document has exactly names the one document equal to it by path
// (DocIDs). It keeps only the wanted sentences, not the documents. Want
// every row, Add every document, then ask Text.
type SentenceLookup struct {
	want map[string]map[int]bool // sheet doc_id -> sentence indexes
	ids  *DocIDs
	// got holds the wanted sentences' texts by document id and index;
	// sents counts the sentences of those documents (a document is in it
	// once seen).
	got    map[string]map[int]string
	sents  map[string]int
	byPath []PathIDs
}

// NewSentenceLookup starts a lookup with no rows wanted.
func NewSentenceLookup() *SentenceLookup {
	return &SentenceLookup{want: map[string]map[int]bool{}, ids: NewDocIDs(), got: map[string]map[int]string{}, sents: map[string]int{}}
}

// Want asks for the sentence that r names by doc_id and index. A row
// without an index names no sentence and is ignored (Text reports it).
func (l *SentenceLookup) Want(r GoldRow) {
	if r.Index < 0 {
		return
	}
	m := l.want[r.DocID]
	if m == nil {
		m = map[int]bool{}
		l.want[r.DocID] = m
		l.ids.Want(r.DocID)
	}
	m[r.Index] = true
}

// Wanted returns the number of distinct sentences wanted.
func (l *SentenceLookup) Wanted() int {
	n := 0
	for _, m := range l.want {
		n += len(m)
	}
	return n
}

// Add takes the wanted sentences of d.
func (l *SentenceLookup) Add(d *pipeline.Document) {
	for _, sid := range l.ids.See(d.ID) {
		if sid != d.ID && !l.ids.Candidate(sid, d.ID) {
			continue
		}
		l.sents[d.ID] = len(d.Sentences)
		got := l.got[d.ID]
		if got == nil {
			got = map[int]string{}
			l.got[d.ID] = got
		}
		for i := range l.want[sid] {
			if i < len(d.Sentences) {
				got[i] = d.SpanText(d.Sentences[i].Span)
			}
		}
	}
}

// Text returns the text of the sentence r names, or "" and the reason
// why no sentence of the documents added matches it (in the words
// evaluate uses for an unmatched row). A row found in a document whose id
// equals its doc_id by path is counted in ByPath.
func (l *SentenceLookup) Text(r GoldRow) (text, reason string) {
	if r.Index < 0 {
		return "", "no sentence index: the row names no sentence"
	}
	doc, byPath, reason := l.ids.Resolve(r.DocID)
	if reason != "" {
		return "", reason
	}
	if n := l.sents[doc]; r.Index >= n {
		return "", noSentenceReason(doc, n, r.Index)
	}
	if byPath {
		l.byPath = CountPath(l.byPath, r.DocID, doc)
	}
	return l.got[doc][r.Index], ""
}

// TakeByPath lists the doc_ids that Text found in a document of another
// id, equal by path, with the number of rows, since the last call.
func (l *SentenceLookup) TakeByPath() []PathIDs {
	out := l.byPath
	l.byPath = nil
	return out
}

// noDocumentReason says that no input document has the id that a row
// names, docs documents having been read.
func noDocumentReason(id string, docs int) string {
	reason := fmt.Sprintf("no document with id %q in the inputs", id)
	if numericID(id) && docs > 0 {
		reason += " (a spreadsheet may have turned the id into a number or a date: format the doc_id column as text and put the ids back)"
	}
	return reason
}

// noSentenceReason says that document id, with n sentences, has no
// sentence i.
func noSentenceReason(id string, n, i int) string {
	return fmt.Sprintf("document %s has %d sentences, no sentence %d", id, n, i)
}
