package lexicons

import (
	"sync"

	"github.com/techframe/techframe/pipeline"
)

// DocWords are the words of every sentence of one document:
// Words[Starts[i]:Starts[i+1]] are sentence i's (as from SentenceWords).
type DocWords struct {
	Words  []Word
	Starts []int
}

// Sentence returns the words of sentence i.
func (d *DocWords) Sentence(i int) []Word { return d.Words[d.Starts[i]:d.Starts[i+1]] }

// SplitDocument computes the words of every sentence of doc.
func SplitDocument(doc *pipeline.Document) *DocWords {
	d := &DocWords{Starts: make([]int, 0, len(doc.Sentences)+1), Words: make([]Word, 0, len(doc.Tokens))}
	for i := range doc.Sentences {
		d.Starts = append(d.Starts, len(d.Words))
		d.Words = SentenceWords(doc, i, d.Words)
	}
	d.Starts = append(d.Starts, len(d.Words))
	return d
}

// WordShare hands a document's words from the stage that split it (the
// gazetteer) to a later stage (the framing tagger), so that a document is
// split once. It is safe for concurrent use. Put without a matching Take
// keeps the entry, so give a WordShare to a first stage only when a later
// stage takes from it.
type WordShare struct {
	m sync.Map // *pipeline.Document -> *DocWords
}

// Put stores the words of doc.
func (s *WordShare) Put(doc *pipeline.Document, w *DocWords) { s.m.Store(doc, w) }

// Take removes and returns the words stored for doc, or nil when there are
// none or the document's sentences changed since.
func (s *WordShare) Take(doc *pipeline.Document) *DocWords {
	v, ok := s.m.LoadAndDelete(doc)
	if !ok {
		return nil
	}
	w := v.(*DocWords)
	if len(w.Starts) != len(doc.Sentences)+1 {
		return nil
	}
	return w
}
