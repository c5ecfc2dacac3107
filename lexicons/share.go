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

// docWordsPool recycles DocWords buffers between documents (Release).
var docWordsPool sync.Pool

// SplitDocument computes the words of every sentence of doc. The caller
// may hand the result back with Release once it no longer reads it.
func SplitDocument(doc *pipeline.Document) *DocWords {
	d, _ := docWordsPool.Get().(*DocWords)
	if d == nil {
		d = &DocWords{}
	}
	if cap(d.Starts) < len(doc.Sentences)+1 {
		d.Starts = make([]int, 0, len(doc.Sentences)+1)
	}
	if cap(d.Words) < len(doc.Tokens) {
		d.Words = make([]Word, 0, len(doc.Tokens))
	}
	d.Starts, d.Words = d.Starts[:0], d.Words[:0]
	for i := range doc.Sentences {
		d.Starts = append(d.Starts, len(d.Words))
		d.Words = SentenceWords(doc, i, d.Words)
	}
	d.Starts = append(d.Starts, len(d.Words))
	return d
}

// Release returns d's buffers for reuse by a later SplitDocument; d must
// not be used afterwards.
func Release(d *DocWords) {
	if d == nil {
		return
	}
	clear(d.Words) // drop references to the document's strings
	d.Words, d.Starts = d.Words[:0], d.Starts[:0]
	docWordsPool.Put(d)
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
