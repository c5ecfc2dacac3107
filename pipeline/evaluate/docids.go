package evaluate

import (
	"fmt"
	"path"
	"slices"
	"strings"
)

// DocIDs ties the doc_id cells of coding sheets to the ids of the
// documents streaming past. A document's id is its path as the input
// named it: a file found inside a folder input gets an id relative to the
// folder ("bom.txt"), the same file named directly or by a shell glob the
// path as typed ("corpus/bom.txt"). A sheet drawn from "corpus" and read
// back with "corpus/*.txt" must still find its documents, so a sheet id
// that no document has exactly stands for the one document whose id
// equals it by path: one is the other with leading folders dropped, on
// '/' boundaries, after '\' is read as '/' and "./" and "//" are tidied
// (PathMatch). Two or more such documents name none: the row is
// unmatched and the reason lists them. Want every sheet id, See every
// document id in input order, then Resolve.
type DocIDs struct {
	want map[string]bool
	// paths finds the sheet ids equal to a document's id by path.
	paths *pathIndex
	// base holds the file names of the sheet ids, named the ids of the
	// documents seen with such a file name (a few), for hints.
	base  map[string]bool
	named map[string][]string
	// exact holds the sheet ids a document has exactly; cands maps a sheet
	// id to the documents that equal it by path, in input order.
	exact map[string]bool
	cands map[string][]string
	// claims maps a document id to the sheet ids that equal it by path:
	// a document two of them claim ("2023/report.txt" and
	// "2024/report.txt" both shorten to "report.txt") is neither's.
	claims map[string][]string
	docs   int
}

// NewDocIDs starts with no sheet ids wanted.
func NewDocIDs() *DocIDs {
	return &DocIDs{want: map[string]bool{}, paths: newPathIndex(),
		base: map[string]bool{}, named: map[string][]string{}, exact: map[string]bool{}, cands: map[string][]string{},
		claims: map[string][]string{}}
}

// tidyID reads '\' as '/' and cleans the path ("./a//b" is "a/b").
func tidyID(id string) string {
	id = strings.ReplaceAll(id, `\`, "/")
	if id == "" {
		return ""
	}
	return path.Clean(id)
}

// pathSuffixes lists id and every part of it after a '/'.
func pathSuffixes(id string) []string {
	out := []string{id}
	for i := 0; i < len(id); i++ {
		if id[i] == '/' && i+1 < len(id) {
			out = append(out, id[i+1:])
		}
	}
	return out
}

// PathMatch reports whether two ids name the same file by path: equal
// once tidied, or one is the other with leading folders dropped
// ("bom.txt" and "corpus/bom.txt", not "om.txt").
func PathMatch(a, b string) bool {
	a, b = tidyID(a), tidyID(b)
	if a == "" || b == "" {
		return false
	}
	return a == b || strings.HasSuffix(a, "/"+b) || strings.HasSuffix(b, "/"+a)
}

// pathIndex finds among the ids added those equal to another id by path
// (PathMatch) by looking up the other id's path suffixes, not by comparing
// it with every id added.
type pathIndex struct {
	// full maps a tidied id to the ids added that tidy to it; suffix maps
	// every path suffix of a tidied id (itself included) to the ids added
	// that have it.
	full, suffix map[string][]string
}

func newPathIndex() *pathIndex {
	return &pathIndex{full: map[string][]string{}, suffix: map[string][]string{}}
}

// add adds id, once (the caller skips an id it added before).
func (p *pathIndex) add(id string) {
	t := tidyID(id)
	p.full[t] = append(p.full[t], id)
	for _, s := range pathSuffixes(t) {
		p.suffix[s] = append(p.suffix[s], id)
	}
}

// matches returns the ids added that equal id by path, each once, id
// itself among them if it was added: first those that id is a shortening
// of, in the order added, then those that are a shortening of id.
func (p *pathIndex) matches(id string) []string {
	t := tidyID(id)
	if t == "" {
		return nil
	}
	var out []string
	add := func(s string) {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, s := range p.suffix[t] {
		add(s)
	}
	for _, suf := range pathSuffixes(t) {
		for _, s := range p.full[suf] {
			add(s)
		}
	}
	return out
}

// Want adds a sheet id.
func (x *DocIDs) Want(id string) {
	if id == "" || x.want[id] {
		return
	}
	x.want[id] = true
	x.paths.add(id)
	x.base[path.Base(tidyID(id))] = true
}

// See takes the next document's id and returns the sheet ids it may stand
// for: its own when a sheet has it exactly, first, then those it equals by
// path.
func (x *DocIDs) See(id string) []string {
	x.docs++
	var out []string
	if x.want[id] {
		x.exact[id] = true
		out = append(out, id)
	}
	t := tidyID(id)
	if t == "" {
		return out
	}
	for _, s := range x.paths.matches(id) {
		if s == id || slices.Contains(x.cands[s], id) {
			continue
		}
		x.cands[s] = append(x.cands[s], id)
		x.claims[id] = append(x.claims[id], s)
		out = append(out, s)
	}
	if b := path.Base(t); x.base[b] && len(x.named[b]) < 3 && !slices.Contains(x.named[b], id) {
		x.named[b] = append(x.named[b], id)
	}
	return out
}

// Docs returns the number of documents seen.
func (x *DocIDs) Docs() int { return x.docs }

// Candidate reports whether the document id, just seen, is the only one
// so far that equals sheet id s by path (and none has s exactly): the one
// whose sentences to keep for s until Resolve settles it.
func (x *DocIDs) Candidate(s, id string) bool {
	c := x.cands[s]
	return !x.exact[s] && len(c) == 1 && c[0] == id
}

// Resolve says which document sheet id s names once every document is
// seen: the one with id s, else the only one equal to it by path (byPath
// set). When none does, reason says why, in the words of an unmatched row,
// with the documents that match it by path or share its file name.
func (x *DocIDs) Resolve(s string) (doc string, byPath bool, reason string) {
	if x.exact[s] {
		return s, false, ""
	}
	switch c := x.cands[s]; len(c) {
	case 0:
	case 1:
		doc := c[0]
		switch claims := x.claims[doc]; {
		case x.want[doc]:
			return "", false, fmt.Sprintf("no document with id %q in the inputs; %q matches it by path, but another row names that document exactly", s, doc)
		case len(claims) > 1:
			return "", false, fmt.Sprintf("no document with id %q in the inputs; %q matches it by path, but so it does %s: write the doc_id as the input names it", s, doc, quoteList(otherThan(claims, s), 3))
		}
		return doc, true, ""
	default:
		return "", false, fmt.Sprintf("no document with id %q in the inputs, and %d match it by path (%s): write the doc_id as one of them", s, len(c), quoteList(c, 3))
	}
	reason = noDocumentReason(s, x.docs)
	if n := x.named[path.Base(tidyID(s))]; len(n) > 0 {
		reason += fmt.Sprintf("; nearest: %s, with the same file name", quoteList(n, 3))
	}
	return "", false, reason
}

// otherThan returns list without s.
func otherThan(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// quoteList quotes up to n ids, with ", ..." when there are more.
func quoteList(ids []string, n int) string {
	var parts []string
	for i, id := range ids {
		if i == n {
			parts = append(parts, "...")
			break
		}
		parts = append(parts, fmt.Sprintf("%q", id))
	}
	return strings.Join(parts, ", ")
}

// PathIDs is how the rows of a sheet id were matched to a document of
// another id, by path (see DocIDs).
type PathIDs struct {
	Sheet, Doc string
	Rows       int
}

// CountPath adds one row of sheet id s matched to doc by path.
func CountPath(list []PathIDs, s, doc string) []PathIDs {
	for i := range list {
		if list[i].Sheet == s {
			list[i].Rows++
			return list
		}
	}
	return append(list, PathIDs{Sheet: s, Doc: doc, Rows: 1})
}

// DescribePathIDs says in one line how rows were matched by path: "12
// rows matched by file path: the sheet's doc_id "bom.txt" is the input's
// "corpus/bom.txt" (and 3 more doc_ids alike)"; "" when none was.
func DescribePathIDs(list []PathIDs) string {
	if len(list) == 0 {
		return ""
	}
	rows := 0
	for _, p := range list {
		rows += p.Rows
	}
	msg := fmt.Sprintf("%d rows matched by file path: the sheet's doc_id %q is the input's %q", rows, list[0].Sheet, list[0].Doc)
	if len(list) > 1 {
		msg += fmt.Sprintf(" (and %d more doc_ids alike)", len(list)-1)
	}
	return msg + "; no document has the sheet's id exactly, and only that one has the same path once leading folders are dropped"
}
