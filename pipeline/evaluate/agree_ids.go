package evaluate

import (
	"cmp"
	"slices"
)

// Coders' sheets may spell one document's doc_id differently: one drawn
// from a folder ("bom.txt"), another from the same files named by a glob
// ("corpus/bom.txt"), a third typed on Windows ("corpus\bom.txt"). Agree
// pairs such doc_ids as evaluate pairs a sheet's doc_id with a document's
// id, by path (PathMatch), and as cautiously: a doc_id that could be two
// documents of the other sheets is paired with neither.

// DocRef is a doc_id as one sheet spells it: the sheet (coder), the line
// of its first coded row with that doc_id, and how many coded rows have it.
type DocRef struct {
	Coder, Line, Rows int
	DocID             string
}

// PathDoc is a doc_id paired by path with another sheet's spelling, As:
// that of the first sheet, in the order given, that codes the document,
// which its units carry.
type PathDoc struct {
	DocRef
	As DocRef
}

// AmbiguousDoc is a doc_id equal by path to two or more doc_ids of other
// sheets that name different documents (two files, "a/bom.txt" and
// "b/bom.txt", or two documents of one sheet): it is paired with none of
// them, only with the same doc_id exactly. Matches lists them, each as the
// first sheet that codes it spells it.
type AmbiguousDoc struct {
	DocRef
	Matches []DocRef
}

// spelling is one doc_id string and the sheets with a coded row of it.
type spelling struct {
	id   string
	rank int      // its place in the order first coded
	refs []DocRef // one per sheet, in sheet order
}

func (s *spelling) inSheet(c int) bool {
	return slices.ContainsFunc(s.refs, func(r DocRef) bool { return r.Coder == c })
}

// shareSheet reports whether a sheet codes both spellings: to that sheet
// they are two documents, never one.
func shareSheet(a, b *spelling) bool {
	return slices.ContainsFunc(a.refs, func(r DocRef) bool { return b.inSheet(r.Coder) })
}

// sameDocuments settles which doc_ids of the sheets name one document. The
// same string always does. Two different strings do when they are equal by
// path (PathMatch), no sheet has both (to it they are two documents), and
// neither is ambiguous: equal by path to two doc_ids that are not one
// document (not equal by path to each other, or both in one sheet), as
// "bom.txt" is when one sheet has "corpus/bom.txt" and another
// "other/bom.txt". The doc_ids so paired are then all equal by path to one
// another, and each sheet has at most one of them, whatever the order of
// the sheets. canon maps each doc_id to the spelling of its document: that
// of the first sheet that codes it.
func sameDocuments(sheets []*Gold) (canon map[string]string, byPath []PathDoc, ambiguous []AmbiguousDoc) {
	var order []*spelling // in the order first coded: by sheet, then by row
	at := map[string]*spelling{}
	for c, g := range sheets {
		for _, r := range g.Rows {
			s := at[r.DocID]
			if s == nil {
				s = &spelling{id: r.DocID, rank: len(order)}
				at[r.DocID] = s
				order = append(order, s)
			}
			if n := len(s.refs); n == 0 || s.refs[n-1].Coder != c {
				s.refs = append(s.refs, DocRef{Coder: c, Line: r.Line, DocID: r.DocID})
			}
			s.refs[len(s.refs)-1].Rows++
		}
	}
	paths := newPathIndex()
	for _, s := range order {
		paths.add(s.id)
	}
	// cands[i] holds the spellings that order[i] may stand for: equal by
	// path, and no sheet has both.
	cands := make([][]*spelling, len(order))
	unsure := make([]bool, len(order))
	for i, s := range order {
		for _, id := range paths.matches(s.id) {
			if o := at[id]; o != s && !shareSheet(s, o) {
				cands[i] = append(cands[i], o)
			}
		}
		for j, a := range cands[i] {
			for _, b := range cands[i][j+1:] {
				if !PathMatch(a.id, b.id) || shareSheet(a, b) {
					unsure[i] = true
				}
			}
		}
	}
	canon = make(map[string]string, len(order))
	for i, s := range order {
		first := s
		if !unsure[i] {
			for _, o := range cands[i] {
				if !unsure[o.rank] && o.rank < first.rank {
					first = o
				}
			}
		}
		canon[s.id] = first.id
		if first != s {
			for _, r := range s.refs {
				byPath = append(byPath, PathDoc{DocRef: r, As: first.refs[0]})
			}
		}
		if unsure[i] {
			var matches []DocRef
			for _, o := range cands[i] {
				matches = append(matches, o.refs[0])
			}
			for _, r := range s.refs {
				ambiguous = append(ambiguous, AmbiguousDoc{DocRef: r, Matches: matches})
			}
		}
	}
	byPlace := func(a, b DocRef) int { return cmp.Or(cmp.Compare(a.Coder, b.Coder), cmp.Compare(a.Line, b.Line)) }
	slices.SortFunc(byPath, func(a, b PathDoc) int { return byPlace(a.DocRef, b.DocRef) })
	slices.SortFunc(ambiguous, func(a, b AmbiguousDoc) int { return byPlace(a.DocRef, b.DocRef) })
	return canon, byPath, ambiguous
}
