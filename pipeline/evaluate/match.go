package evaluate

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/formula"
)

// How a gold row was matched to the system's sentences.
const (
	// ByIndex: doc_id and sentence index.
	ByIndex = "index"
	// Exact: the normalised text equals one system sentence.
	Exact = "exact"
	// Part: the gold text is a part of one system sentence (the system
	// joined it with a neighbour).
	Part = "part"
	// Span: the gold text covers several system sentences (the system split
	// it); the system label combines theirs (see CombineFrames).
	Span = "span"
)

// Match is the outcome for one gold row.
type Match struct {
	Row GoldRow
	// Kind is ByIndex, Exact, Part or Span; empty when unmatched.
	Kind string
	// DocID is the matched document; Sentences the system sentence indexes
	// (one, or several for Span).
	DocID     string
	Sentences []int
	// Span is the matched text's byte range in the document.
	Span       pipeline.Span
	SystemText string
	System     string
	// Cues lists the framing cues of the matched sentences.
	Cues string
	// TextDiffers is set for an index match whose gold sentence text does
	// not match the system sentence (the tokenizer or the text changed).
	TextDiffers bool
	// IndexWrong is set for a row with an index and a sentence text that
	// disagree (the index names another sentence, or none) whose text is
	// exactly one sentence of the document: matched by the text (Exact).
	IndexWrong bool
	// Reason says why a row is unmatched.
	Reason string
}

// Matched reports whether the row was matched.
func (m *Match) Matched() bool { return m.Kind != "" }

// Agrees reports whether a matched row's gold and system labels agree.
func (m *Match) Agrees() bool { return m.Matched() && m.Row.Label == m.System }

// Matcher matches gold rows to documents as they stream past, so that no
// document has to be kept. Add every document, then call Result.
type Matcher struct {
	gold    *Gold
	matches []Match
	byDoc   map[string][]int // doc id -> row indexes (when the gold has doc_id)
	ids     *DocIDs
	// alt holds a row's match in the document that equals its doc_id by
	// path (DocIDs), used when no document has the doc_id exactly.
	alt  map[int]Match
	docs int
	// frames counts the inputs' sentences by system label (Labels order).
	frames []int
}

// NewMatcher starts matching g's rows.
func NewMatcher(g *Gold) *Matcher {
	m := &Matcher{gold: g, matches: make([]Match, len(g.Rows)), byDoc: map[string][]int{}, ids: NewDocIDs(),
		alt: map[int]Match{}, frames: make([]int, len(Labels))}
	for i, r := range g.Rows {
		m.matches[i].Row = r
		if g.HasDoc {
			m.byDoc[r.DocID] = append(m.byDoc[r.DocID], i)
			m.ids.Want(r.DocID)
		}
	}
	return m
}

// docRow is a gold row to match in a document: into matches, or into alt
// when the document only equals the row's doc_id by path.
type docRow struct {
	i      int
	byPath bool
}

// Add matches the rows that belong to d. Every sentence of d must carry a
// frame label (the framing stage must have run).
func (m *Matcher) Add(d *pipeline.Document) error {
	m.docs++
	for _, s := range d.Sentences {
		for i, l := range Labels {
			if s.Frame == l {
				m.frames[i]++
			}
		}
	}
	var rows []docRow
	if m.gold.HasDoc {
		for _, sid := range m.ids.See(d.ID) {
			byPath := sid != d.ID
			if byPath && !m.ids.Candidate(sid, d.ID) {
				continue // a document has the id exactly, or two match it: Resolve decides
			}
			for _, i := range m.byDoc[sid] {
				rows = append(rows, docRow{i, byPath})
			}
		}
	} else {
		for i := range m.matches {
			if m.matches[i].Kind != Exact {
				rows = append(rows, docRow{i: i})
			}
		}
	}
	if len(rows) == 0 {
		return nil
	}
	for i, s := range d.Sentences {
		if s.Frame == "" {
			return fmt.Errorf("evaluate: document %s, sentence %d has no frame label: the framing stage did not run", d.ID, i)
		}
	}
	dt := newDocText(d)
	for _, dr := range rows {
		mt := &m.matches[dr.i]
		if dr.byPath {
			a := Match{Row: mt.Row}
			mt = &a
		}
		m.matchRow(d, dt, mt)
		if dr.byPath {
			m.alt[dr.i] = *mt
		}
	}
	return nil
}

// matchRow matches one gold row in document d.
func (m *Matcher) matchRow(d *pipeline.Document, dt *docText, mt *Match) {
	if m.gold.HasDoc && mt.Row.Index >= 0 {
		m.matchIndex(d, dt, mt)
		return
	}
	nm := dt.find(mt.Row.Sentence)
	if nm.Kind == "" {
		if mt.Kind == "" && m.gold.HasDoc {
			mt.Reason = nm.Reason
		}
		return
	}
	if mt.Kind != "" && !(nm.Kind == Exact) {
		return // keep the first containment match; only an exact one beats it
	}
	nm.Row = mt.Row
	*mt = nm
}

func (m *Matcher) matchIndex(d *pipeline.Document, dt *docText, mt *Match) {
	if dt.texts == nil {
		dt.texts = NewSheetTexts(d)
	}
	i, wrong := SheetSentence(dt.texts, mt.Row.Index, mt.Row.Sentence)
	if wrong {
		nm := dt.match(Exact, []int{i}, d.Sentences[i].Span)
		nm.Row, nm.IndexWrong = mt.Row, true
		*mt = nm
		return
	}
	if i < 0 {
		mt.Reason = noSentenceReason(d.ID, len(d.Sentences), mt.Row.Index)
		return
	}
	mt.Kind, mt.DocID, mt.Sentences = ByIndex, d.ID, []int{i}
	mt.Span = d.Sentences[i].Span
	mt.SystemText = d.SpanText(mt.Span)
	mt.System = d.Sentences[i].Frame
	mt.Cues = cueList(d, mt.Sentences)
	if strings.TrimSpace(mt.Row.Sentence) != "" && !sameSheetText(mt.Row.Sentence, mt.SystemText) {
		mt.TextDiffers = true
	}
}

// SheetSentence returns the sentence of d that a coding sheet's row names
// by index i and sentence text: i, unless the text is given, is not
// sentence i (or i is past the end) and is exactly one other sentence of
// d, which is then returned with wrong set; -1 when i is past the end and
// the text names no one sentence. The text is compared as sheets are
// (white space, curly quotes, a workbook cell's changes: sameSheetText).
// evaluate and sample --exclude decide by it. texts finds d's sentences by
// their text (NewSheetTexts(d), one per document for all its rows).
func SheetSentence(texts *SheetTexts, i int, text string) (j int, wrong bool) {
	d := texts.d
	in := i >= 0 && i < len(d.Sentences)
	if strings.TrimSpace(text) != "" && (!in || !sameSheetText(text, d.SpanText(d.Sentences[i].Span))) {
		if found := texts.find(text); found >= 0 {
			return found, true
		}
	}
	if !in {
		return -1, false
	}
	return i, false
}

// SheetTexts finds the sentences of a document by their text as a coding
// sheet writes it (sameSheetText), through an index of the sentences'
// normalised texts made when first needed: a sheet whose indexes all
// shifted (another tokenizer) costs one pass over the document, not one
// per row.
type SheetTexts struct {
	d     *pipeline.Document
	byKey map[string][]int
}

// NewSheetTexts returns the finder for d's sentences.
func NewSheetTexts(d *pipeline.Document) *SheetTexts { return &SheetTexts{d: d} }

// find returns the one sentence whose text is text, or -1 for none or
// several.
func (s *SheetTexts) find(text string) int {
	d := s.d
	if cut, ok := strings.CutSuffix(text, formula.TruncationMarker); ok && formula.UTF16Len(cut) > formula.MaxCellChars/2 {
		// A cell cut at the spreadsheet limit matches by prefix: rare
		// enough to compare one by one.
		found := -1
		for k := range d.Sentences {
			if sameSheetText(text, d.SpanText(d.Sentences[k].Span)) {
				if found >= 0 {
					return -1
				}
				found = k
			}
		}
		return found
	}
	if s.byKey == nil {
		s.byKey = make(map[string][]int, len(d.Sentences))
		for k, sent := range d.Sentences {
			sys := d.SpanText(sent.Span)
			n := normalize(sys)
			s.byKey[n] = append(s.byKey[n], k)
			if cell, _ := formula.CellText(sys); cell != sys {
				if nc := normalize(cell); nc != n {
					s.byKey[nc] = append(s.byKey[nc], k)
				}
			}
		}
	}
	if ks := s.byKey[normalize(text)]; len(ks) == 1 {
		return ks[0]
	}
	return -1
}

// IndexMessage says, for a row whose index named another sentence than its
// text (IndexWrong), what the index named and where the text was found.
func (m *Match) IndexMessage() string {
	if !m.IndexWrong {
		return ""
	}
	return fmt.Sprintf("index %d is wrong: the row's sentence text is sentence %d of %s, which is scored", m.Row.Index, m.Sentences[0], m.DocID)
}

// sameSheetText reports whether a coding sheet's sentence is the system's
// sentence, also as techframe writes it into a workbook cell
// (formula.CellText: control characters replaced, a text over Excel's
// cell limit cut with a marker).
func sameSheetText(gold, system string) bool {
	g := normalize(gold)
	if g == normalize(system) {
		return true
	}
	cell, _ := formula.CellText(system)
	if g == normalize(cell) {
		return true
	}
	// Only a cell cut at the limit ends with the marker: a short text
	// with it is not a cut sentence.
	if cut, ok := strings.CutSuffix(gold, formula.TruncationMarker); ok && formula.UTF16Len(cut) > formula.MaxCellChars/2 {
		return strings.HasPrefix(normalize(cell), normalize(cut))
	}
	return false
}

// Result finishes matching and scores the matched rows. A row that codes
// the same sentence as an earlier row is left out of the scores and listed
// in Result.Duplicates (see dupKey): also a part row inside a sentence an
// earlier row codes whole, and a whole-sentence row for a sentence that an
// earlier part row lies in (see sentKey). Two different parts of one
// sentence are both scored.
func (m *Matcher) Result() (*Result, error) {
	r := &Result{Gold: m.gold, Documents: m.docs, SystemCount: m.frames}
	var pairs []Pair
	first := map[string]int{} // dupKey -> index in r.Matches of the row kept
	whole := map[string]int{} // sentKey -> the row kept that codes the sentence whole
	part := map[string]int{}  // sentKey -> the first row kept that codes a part of it
	for i := range m.matches {
		mt := &m.matches[i]
		if m.gold.HasDoc {
			doc, byPath, reason := m.ids.Resolve(mt.Row.DocID)
			switch {
			case byPath:
				*mt = m.alt[i]
				r.ByPath = CountPath(r.ByPath, mt.Row.DocID, doc)
			case reason != "":
				mt.Reason = reason
			}
		}
		k := dupKey(mt)
		j, dup := first[k]
		sk, isWhole := sentKey(mt)
		if !dup && sk != "" {
			// A sentence coded whole and a part of it, in either order,
			// are the same sentence scored twice; two parts are not.
			if j, dup = whole[sk]; !dup && isWhole {
				j, dup = part[sk]
			}
		}
		if dup {
			r.Duplicates = append(r.Duplicates, Duplicate{Match: *mt, First: r.Matches[j].Row})
			continue
		}
		if k != "" {
			first[k] = len(r.Matches)
		}
		if sk != "" {
			if isWhole {
				whole[sk] = len(r.Matches)
			} else if _, ok := part[sk]; !ok {
				part[sk] = len(r.Matches)
			}
		}
		r.Matches = append(r.Matches, *mt)
	}
	for i := range r.Matches {
		mt := &r.Matches[i]
		if !mt.Matched() {
			if mt.Reason == "" {
				mt.Reason = "sentence not found in any document"
			}
			r.Unmatched++
			continue
		}
		r.Kinds[kindIndex(mt.Kind)]++
		if mt.TextDiffers {
			r.TextDiffers++
		}
		if mt.IndexWrong {
			r.IndexWrong++
		}
		pairs = append(pairs, Pair{Gold: mt.Row.Label, System: mt.System})
	}
	met, err := Compute(Labels, pairs)
	if err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	r.Metrics = met
	return r, nil
}

// dupKey names the sentence a row codes, so that two rows coding the same
// one can be told: a matched row by its document and the matched text's
// byte range (an index match and an exact text match of one sentence
// share it), an unmatched row with an index by its doc_id and index.
// Empty for an unmatched row without an index: it names no sentence.
func dupKey(mt *Match) string {
	switch {
	case mt.Matched():
		return fmt.Sprintf("%s\x00%d-%d", mt.DocID, mt.Span.Start, mt.Span.End)
	case mt.Row.Index >= 0:
		return fmt.Sprintf("%s\x00#%d", mt.Row.DocID, mt.Row.Index)
	}
	return ""
}

// sentKey names the one system sentence a matched row codes, whole (an
// index or exact text match) or in part (a Part match), for telling a part
// row and a whole-sentence row of the same sentence apart from two parts.
// Empty for unmatched rows and rows spanning several sentences.
func sentKey(mt *Match) (key string, whole bool) {
	if !mt.Matched() || len(mt.Sentences) != 1 {
		return "", false
	}
	switch mt.Kind {
	case ByIndex, Exact:
		whole = true
	case Part:
	default:
		return "", false
	}
	return fmt.Sprintf("%s\x00%d", mt.DocID, mt.Sentences[0]), whole
}

// Duplicate is a gold row that codes the same sentence as an earlier row
// (same doc_id and index, matched to the same text of the same document,
// or one codes the sentence whole and the other a part of it). The earlier row is scored; the duplicate is left out.
type Duplicate struct {
	// Match is the duplicate row and what it matched.
	Match
	// First is the earlier row, the one scored.
	First GoldRow
}

// Where names the sentence: "doc a01, sentence 3" ("sentences 3-4" for a
// row spanning several).
func (d Duplicate) Where() string {
	doc, sents := d.DocID, d.Sentences
	if !d.Matched() {
		doc, sents = d.Row.DocID, []int{d.Row.Index}
	}
	if len(sents) == 1 {
		return fmt.Sprintf("doc %s, sentence %d", doc, sents[0])
	}
	return fmt.Sprintf("doc %s, sentences %d-%d", doc, sents[0], sents[len(sents)-1])
}

// Message is the warning for the duplicate, without its position: which
// line it repeats, and whether the labels differ.
func (d Duplicate) Message() string {
	msg := fmt.Sprintf("duplicate of line %d (%s): left out of the scores", d.First.Line, d.Where())
	if d.Row.Label != d.First.Label {
		msg += fmt.Sprintf("; the labels differ (%s here, %s on line %d, which is scored)", d.Row.Label, d.First.Label, d.First.Line)
	}
	return msg
}

// Result is the outcome of an evaluation.
type Result struct {
	Gold *Gold
	// Matches holds one entry per scored gold row, in file order (rows
	// that matched no sentence included, duplicates left out).
	Matches []Match
	// Duplicates are the rows left out because an earlier row codes the
	// same sentence, in file order.
	Duplicates []Duplicate
	Metrics    *Metrics
	Documents  int
	// Kinds counts matched rows by kind: ByIndex, Exact, Part, Span.
	Kinds       [4]int
	Unmatched   int
	TextDiffers int
	// IndexWrong counts the rows matched by text because their index
	// named another sentence (Match.IndexWrong).
	IndexWrong int
	// ByPath lists the doc_ids that no document has exactly, matched to
	// the one document equal to them by path (DocIDs), with their rows.
	ByPath []PathIDs
	// SystemCount counts all the inputs' sentences by system label, in
	// Labels order (for EstimateCorpus).
	SystemCount []int
}

// KindNames are the match kinds in the order of Result.Kinds.
var KindNames = [4]string{ByIndex, Exact, Part, Span}

func kindIndex(k string) int {
	for i, n := range KindNames {
		if n == k {
			return i
		}
	}
	panic("evaluate: unknown match kind " + k)
}

// Matched returns the number of matched rows.
func (r *Result) Matched() int { return len(r.Matches) - r.Unmatched }

// Disagreements returns the matched rows whose labels differ, in file order.
func (r *Result) Disagreements() []Match {
	var out []Match
	for _, m := range r.Matches {
		if m.Matched() && !m.Agrees() {
			out = append(out, m)
		}
	}
	return out
}

// UnmatchedRows returns the rows that matched no sentence, in file order.
func (r *Result) UnmatchedRows() []Match {
	var out []Match
	for _, m := range r.Matches {
		if !m.Matched() {
			out = append(out, m)
		}
	}
	return out
}

// CombineFrames merges the labels of several sentences that one gold row
// spans: any sentence labelled both, or cooperation and competition among
// them, gives both; otherwise the one non-neutral label; else neutral.
func CombineFrames(frames []string) string {
	coop, comp := false, false
	for _, f := range frames {
		switch f {
		case "cooperation":
			coop = true
		case "competition":
			comp = true
		case "both":
			coop, comp = true, true
		}
	}
	switch {
	case coop && comp:
		return "both"
	case coop:
		return "cooperation"
	case comp:
		return "competition"
	}
	return "neutral"
}

func cueList(d *pipeline.Document, sents []int) string {
	var parts []string
	for _, e := range d.Evidence {
		in := false
		for _, s := range sents {
			if e.Sent == s {
				in = true
			}
		}
		if !in {
			continue
		}
		parts = append(parts, e.Describe(d.Text))
	}
	return strings.Join(parts, "; ")
}

// ---- text normalisation and search ---------------------------------------

// normRune maps curly quotes and primes to straight quotes.
func normRune(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '\u00b4', '`':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033':
		return '"'
	}
	return r
}

// normalize collapses runs of white space (including no-break spaces) to
// one space, trims the ends and straightens curly quotes.
// Normalize is the form in which gold and system sentences are compared:
// runs of white space as one space, curly quotes as straight ones.
func Normalize(s string) string { return normalize(s) }

func normalize(s string) string {
	n, _, _ := normalizeMap(s)
	return n
}

// normalizeMap also returns, for each byte of the result, the byte range of
// the input rune it came from.
func normalizeMap(s string) (string, []int, []int) {
	var b strings.Builder
	b.Grow(len(s))
	starts := make([]int, 0, len(s))
	ends := make([]int, 0, len(s))
	space := -1 // start of a pending run of white space
	for i, r := range s {
		size := utf8.RuneLen(r)
		if r == utf8.RuneError {
			_, size = utf8.DecodeRuneInString(s[i:])
		}
		if unicode.IsSpace(r) || r == '\u200b' {
			if space < 0 {
				space = i
			}
			continue
		}
		if space >= 0 && b.Len() > 0 {
			b.WriteByte(' ')
			starts = append(starts, space)
			ends = append(ends, i)
		}
		space = -1
		r = normRune(r)
		n := b.Len()
		b.WriteRune(r)
		for j := n; j < b.Len(); j++ {
			starts = append(starts, i)
			ends = append(ends, i+size)
		}
	}
	return b.String(), starts, ends
}

// docText is a document prepared for matching.
type docText struct {
	d        *pipeline.Document
	norm     string
	starts   []int
	ends     []int
	sentNorm []string
	used     map[int]bool // sentences already taken by an exact match
	texts    *SheetTexts  // for rows whose index and text disagree
}

func newDocText(d *pipeline.Document) *docText {
	dt := &docText{d: d, used: map[int]bool{}}
	dt.norm, dt.starts, dt.ends = normalizeMap(d.Text)
	dt.sentNorm = make([]string, len(d.Sentences))
	for i, s := range d.Sentences {
		dt.sentNorm[i] = normalize(d.SpanText(s.Span))
	}
	return dt
}

// find matches one gold sentence: first an equal sentence (the first one
// not yet taken), then the text anywhere in the document on word
// boundaries, mapped back to the sentences it overlaps.
func (dt *docText) find(sentence string) Match {
	d := dt.d
	want := normalize(sentence)
	if want == "" {
		return Match{Reason: "blank sentence"}
	}
	first := -1
	for i, s := range dt.sentNorm {
		if s == want {
			if !dt.used[i] {
				first = i
				break
			}
			if first < 0 {
				first = i
			}
		}
	}
	if first >= 0 {
		dt.used[first] = true
		return dt.match(Exact, []int{first}, d.Sentences[first].Span)
	}
	at := -1
	for from := 0; from <= len(dt.norm)-len(want); {
		k := strings.Index(dt.norm[from:], want)
		if k < 0 {
			break
		}
		k += from
		if boundary(dt.norm, k, k+len(want)) {
			at = k
			break
		}
		from = k + 1
	}
	if at < 0 {
		return Match{Reason: fmt.Sprintf("sentence not found in document %s", d.ID)}
	}
	sp := pipeline.Span{Start: dt.starts[at], End: dt.ends[at+len(want)-1]}
	var sents []int
	for i, s := range d.Sentences {
		if s.Overlaps(sp) {
			sents = append(sents, i)
		}
	}
	switch {
	case len(sents) == 0:
		return Match{Reason: fmt.Sprintf("text found in document %s at bytes %d-%d but outside every sentence", d.ID, sp.Start, sp.End)}
	case len(sents) == 1:
		return dt.match(Part, sents, sp)
	default:
		return dt.match(Span, sents, sp)
	}
}

func (dt *docText) match(kind string, sents []int, sp pipeline.Span) Match {
	d := dt.d
	frames := make([]string, len(sents))
	for i, s := range sents {
		frames[i] = d.Sentences[s].Frame
	}
	sys := frames[0]
	if len(frames) > 1 {
		sys = CombineFrames(frames)
	}
	first, last := d.Sentences[sents[0]], d.Sentences[sents[len(sents)-1]]
	return Match{Kind: kind, DocID: d.ID, Sentences: sents, Span: sp,
		SystemText: d.Text[first.Start:last.End], System: sys, Cues: cueList(d, sents)}
}

// boundary reports whether s[a:b] neither starts nor ends inside a word.
func boundary(s string, a, b int) bool {
	if a > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:a])
		f, _ := utf8.DecodeRuneInString(s[a:])
		if isWord(r) && isWord(f) {
			return false
		}
	}
	if b < len(s) {
		r, _ := utf8.DecodeRuneInString(s[b:])
		l, _ := utf8.DecodeLastRuneInString(s[:b])
		if isWord(r) && isWord(l) {
			return false
		}
	}
	return true
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// numericID reports whether id is digits only (with at most one decimal
// point or a leading minus): what a spreadsheet leaves of an id like
// "001" or "2024-01-05".
func numericID(id string) bool {
	if id == "" {
		return false
	}
	dot := false
	for i, r := range id {
		switch {
		case r >= '0' && r <= '9':
		case r == '.' && !dot:
			dot = true
		case r == '-' && i == 0 && len(id) > 1:
		default:
			return false
		}
	}
	return true
}
