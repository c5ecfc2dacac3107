package lexicons

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	xunicode "golang.org/x/text/encoding/unicode"
)

// Frame categories of framing.tsv (column 2).
const (
	// Cues: their weight is added to the sentence's score for the frame.
	FrameCooperation = "cooperation"
	FrameCompetition = "competition"
	// A threat cue ("threat", "risk", "attack") counts for competition
	// unless the sentence also holds a cooperation cue: shared threats that
	// actors tackle together are cooperation (DOMAIN.md rule 5).
	FrameThreat = "threat"
	// A disruption cue ("undermine", "suspend", "curb") counts for
	// competition and discounts the cooperation cues it governs ("may
	// undermine joint research": the joint research is the thing harmed).
	FrameDisrupt = "disrupt"
	// A benchmark ("more", "fewer", "as many") counts for competition when
	// "than"/"as" follows and the sentence names two parties: an implicit
	// race that benchmarks one power against another (rule 9).
	FrameBenchmark = "benchmark"
	// Modifiers: their weight is a factor in [0,1] applied to the cue they
	// govern (see package framing for the scope rules).
	FrameNegator    = "negator"
	FrameHedge      = "hedge"
	FrameConcession = "concession"
	// Markers: weight unused.
	FrameContrast      = "contrast"      // ends negation/hedge/concession scope ("but", "however")
	FrameDomestic      = "domestic"      // a domestic subject ("ministries", "provinces"): rule 4
	FrameInternational = "international" // a relation across borders ("bilateral", "foreign")
	FrameIgnore        = "ignore"        // other-sense phrase that hides the cues inside it
)

// IsCue reports whether frame is a scoring cue category.
func IsCue(frame string) bool {
	switch frame {
	case FrameCooperation, FrameCompetition, FrameThreat, FrameDisrupt:
		return true
	}
	return false
}

var frameCategories = map[string]bool{
	FrameCooperation: true, FrameCompetition: true, FrameThreat: true, FrameDisrupt: true,
	FrameBenchmark: true, FrameNegator: true, FrameHedge: true, FrameConcession: true,
	FrameContrast: true, FrameDomestic: true, FrameInternational: true, FrameIgnore: true,
}

func isFactor(frame string) bool {
	return frame == FrameNegator || frame == FrameHedge || frame == FrameConcession
}

// FrameEntry is one line of a framing lexicon.
type FrameEntry struct {
	Term   string
	Frame  string
	Weight float64
	Note   string
	File   string
	Line   int
	// Words are the lower-cased word patterns of Term (see SplitTerm).
	Words []string
}

// Key identifies the entry's term for duplicate detection and overrides.
func (e FrameEntry) Key() string { return strings.Join(e.Words, " ") }

// Entity types of entities.tsv (column 2), from DOMAIN.md.
var EntityTypes = []string{"STATE_ACTOR", "ORGANIZATION", "POLICY", "TECHNOLOGY", "PERSON", "EVENT", "CONCEPT"}

func validType(t string) bool {
	for _, x := range EntityTypes {
		if x == t {
			return true
		}
	}
	return false
}

// Alias is one spelling of an entity.
type Alias struct {
	Text string
	// Words are lower-cased; Surface keeps the spelling for case-sensitive
	// matching.
	Words, Surface []string
	// Sensitive aliases match only with the same capitalisation.
	Sensitive bool
	// Capital marks a capital city standing for its government ("@Beijing"):
	// it is not tagged right after a locative preposition ("in Beijing").
	Capital bool
	// Anaphor marks a generic phrase that names the entity only in context
	// ("~the bloc"): several entries may list it, and a mention goes to the
	// one of them named last before it in the document, or to the first
	// entry listing it when none was.
	Anaphor bool
}

// Key identifies the alias for duplicate detection.
func (a Alias) Key() string {
	k := strings.Join(a.Words, " ")
	if a.Sensitive {
		k = "=" + strings.Join(a.Surface, " ")
	}
	if a.Anaphor {
		k = "~" + k
	}
	return k
}

// EntityEntry is one line of an entity gazetteer: a canonical name and its
// aliases (the canonical name itself is always the first alias).
type EntityEntry struct {
	Canonical string
	Type      string
	Aliases   []Alias
	// Case is the column as written: sensitive, insensitive or auto.
	Case string
	File string
	Line int
}

type lineFn func(lineNo int, cols []string) []string

// layout describes the columns of a lexicon kind.
type layout struct {
	// header: a first line whose first two fields are these is a
	// spreadsheet header row.
	header [2]string
	// names name the columns in messages; a line has at most this many
	// (see eachLine).
	names []string
}

var (
	framingLayout  = layout{[2]string{"term", "frame"}, []string{"term", "frame", "weight", "note"}}
	entitiesLayout = layout{[2]string{"canonical", "type"}, []string{"canonical name", "type", "aliases", "case"}}
)

// eachLine calls fn for every non-comment, non-blank line, split into
// fields (see splitFields), and collects the problems it returns. Invalid
// UTF-8 is a problem. Empty fields after the first len(lay.names) are
// dropped: a sheet that once had something in a further column saves every
// row with them. A cell holding a line break, which a spreadsheet saves
// quoted over several lines (see quotedRecord), is a problem at the line
// where it opens; the entry is still checked, its lines joined with a
// space, as the line where it starts.
func eachLine(name string, data []byte, lay layout, fn lineFn) []Problem {
	data = decodeText(data)
	if i := bytes.IndexByte(data, 0); i >= 0 {
		// One problem, not one per line of garbage.
		n := bytes.Count(data[:i], []byte{'\n'}) + 1
		return []Problem{{name, n, "the file holds NUL bytes: it is not text (a workbook?) or it is UTF-16 without a byte-order mark; save it as tab-delimited UTF-8 or UTF-16 text"}}
	}
	var problems []Problem
	lines := strings.Split(string(data), "\n")
	first, hinted := true, false
	valid := func(n int, line string) bool {
		if utf8.ValidString(line) {
			return true
		}
		msg := "line is not valid UTF-8"
		if !hinted {
			hinted = true
			msg += notUTF8Hint
		}
		problems = append(problems, Problem{name, n, msg})
		return false
	}
	for i := 0; i < len(lines); i++ {
		n := i + 1
		line := physicalLine(lines, i)
		if !valid(n, line) {
			continue
		}
		if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		end, broken := quotedRecord(lines, i)
		if end > i {
			parts := []string{line}
			for k := i + 1; k <= end; k++ {
				if l := physicalLine(lines, k); valid(k+1, l) {
					parts = append(parts, l)
				}
			}
			line = strings.Join(parts, " ")
			i = end
		}
		cols := splitFields(line)
		comment := strings.HasPrefix(cols[0], "#") // a comment line a spreadsheet quoted
		for _, c := range broken {
			problems = append(problems, Problem{name, c.open, lineBreakMsg(lay, c.col, comment, c.close)})
		}
		if comment {
			continue
		}
		for len(cols) > len(lay.names) && cols[len(cols)-1] == "" {
			cols = cols[:len(cols)-1]
		}
		if first {
			first = false
			if len(cols) >= 2 && strings.EqualFold(cols[0], lay.header[0]) && strings.EqualFold(cols[1], lay.header[1]) {
				continue // a spreadsheet header row
			}
		}
		at := len(problems)
		for _, msg := range fn(n, cols) {
			problems = append(problems, Problem{name, n, msg})
		}
		// A cell opening on a later line of the entry is reported after
		// the entry's own problems, in line order.
		slices.SortStableFunc(problems[at-len(broken):], func(a, b Problem) int { return a.Line - b.Line })
	}
	return problems
}

// physicalLine returns line i of a file split at LF, without its CR and,
// for the first, without a byte-order mark.
func physicalLine(lines []string, i int) string {
	line := strings.TrimSuffix(lines[i], "\r")
	if i == 0 {
		line = strings.TrimPrefix(line, "\uFEFF")
	}
	return line
}

// brokenCell is a quoted cell that holds a line break: its column
// (0-based) and the lines (1-based) where it opens and closes.
type brokenCell struct{ col, open, close int }

// quotedRecord reports whether line i opens a cell with a quotation mark
// that a later line closes the way a spreadsheet writes a cell holding a
// line break: the closing quote (one not doubled) ends the cell, followed
// by a TAB or the end of the line. It returns the index of the entry's last
// line and its cells that hold line breaks; end == i when the entry is the
// one line (a quote that never closes, or closes inside a cell's text, is
// text, as splitFields reads it).
func quotedRecord(lines []string, i int) (end int, broken []brokenCell) {
	if !strings.Contains(lines[i], `"`) {
		return i, nil
	}
	col, open := 0, -1 // open: the line where the quoted cell being read opened
	for k := i; k < len(lines); k++ {
		line := physicalLine(lines, k)
		start := true // at the start of a cell, before any but spaces
		for j := 0; j < len(line); j++ {
			c := line[j]
			if open >= 0 {
				if c != '"' {
					continue
				}
				if j+1 < len(line) && line[j+1] == '"' {
					j++ // a doubled quote stands for one
					continue
				}
				if open < k {
					if rest := strings.TrimLeft(line[j+1:], " "); rest != "" && rest[0] != '\t' {
						return i, nil
					}
					broken = append(broken, brokenCell{col, open + 1, k + 1})
				}
				open, start = -1, false
				continue
			}
			switch {
			case c == '\t':
				col++
				start = true
			case start && c == '"':
				open, start = k, false
			case start && c == ' ':
			default:
				start = false
			}
		}
		if open < 0 {
			if len(broken) == 0 {
				return i, nil
			}
			return k, broken
		}
	}
	return i, nil
}

// lineBreakMsg is the problem of a cell in column col (0-based) that holds
// a line break and closes on line close.
func lineBreakMsg(lay layout, col int, comment bool, close int) string {
	cell := fmt.Sprintf("column %d", col+1)
	switch {
	case comment:
		cell = "a comment"
	case col < len(lay.names):
		cell = fmt.Sprintf("the %s (column %d)", lay.names[col], col+1)
	}
	return fmt.Sprintf("line break inside %s: a quoted cell opens here and closes on line %d, but a lexicon cell cannot hold a line break; remove it (in a spreadsheet, edit the cell; in a text editor, join the lines)", cell, close)
}

// notUTF8Hint follows a file's first "not valid UTF-8" message: such a file
// was most likely saved by a spreadsheet in the Windows code page. Excel's
// "CSV UTF-8" is comma-separated, so it cannot be the way out.
const notUTF8Hint = `: the file is not UTF-8 (perhaps Windows-1252): save it as UTF-8 text, in LibreOffice "Text CSV" with character set "Unicode (UTF-8)" and field delimiter {Tab}, in Excel as "UTF-16 Unicode Text" (Excel's "CSV UTF-8" separates columns with commas, not TABs); name the file *.tsv`

// decodeText returns data as UTF-8: UTF-16 with a byte-order mark, either
// byte order (Excel's "Unicode Text" is UTF-16LE), is decoded, as text
// inputs are (pipeline/ingest), with bad code units read as U+FFFD.
// Anything else, UTF-8 with or without its BOM included, is returned as it
// is. Lines are the same lines: line numbers in messages do not change.
func decodeText(data []byte) []byte {
	var order xunicode.Endianness
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		order = xunicode.LittleEndian
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		order = xunicode.BigEndian
	default:
		return data
	}
	out, err := xunicode.UTF16(order, xunicode.ExpectBOM).NewDecoder().Bytes(data)
	if err != nil {
		return data // not reached: the decoder replaces what it cannot read
	}
	return out
}

// splitFields splits a line on TABs the way a spreadsheet writes
// tab-delimited text: each field is trimmed, and a field wrapped in double
// quotes (Excel quotes a cell holding a quote or a comma) is unwrapped,
// with "" read as one quote. Quotes inside a field that is not wrapped are
// kept, and so is a field whose inner quotes are not all doubled
// ("a", "b": a spreadsheet never writes that, a person may).
func splitFields(line string) []string {
	cols := strings.Split(line, "\t")
	for k, c := range cols {
		c = strings.TrimSpace(c)
		if len(c) >= 2 && c[0] == '"' && c[len(c)-1] == '"' {
			inner := c[1 : len(c)-1]
			if !strings.Contains(strings.ReplaceAll(inner, `""`, ""), `"`) {
				c = strings.TrimSpace(strings.ReplaceAll(inner, `""`, `"`))
			}
		}
		cols[k] = c
	}
	return cols
}

// extraColsNote explains, for a line with more than limit columns, that only
// a non-empty one is counted.
func extraColsNote(n, limit int) string {
	if n <= limit {
		return ""
	}
	return " (empty columns after the last are ignored)"
}

// ParseFraming parses a framing lexicon. Columns (TAB-separated):
//
//	term  frame  weight  [note]
//
// Problems: wrong column count, empty term, term without words, unknown
// frame, bad weight, duplicate term in the file.
func ParseFraming(name string, data []byte) ([]FrameEntry, []Problem) {
	// Sized for one entry per line: growing them is a good part of
	// start-up otherwise.
	lines := bytes.Count(data, []byte{'\n'}) + 1
	out := make([]FrameEntry, 0, lines)
	seen := make(map[string]int, lines)
	problems := eachLine(name, data, framingLayout, func(n int, cols []string) []string {
		var msgs []string
		if len(cols) < 3 || len(cols) > 4 {
			return []string{fmt.Sprintf("want 3 or 4 TAB-separated columns (term, frame, weight, note), got %d%s", len(cols), extraColsNote(len(cols), 4))}
		}
		term, frame, ws := cols[0], strings.ToLower(cols[1]), cols[2]
		var words []string
		if term == "" {
			msgs = append(msgs, "empty term")
		} else {
			words, _ = SplitTerm(term)
			if len(words) == 0 {
				msgs = append(msgs, fmt.Sprintf("term %q has no letters or digits", term))
			}
			for _, w := range words {
				if strings.Trim(w, "*") == "" {
					msgs = append(msgs, fmt.Sprintf("term %q: a glob word needs at least one letter besides '*'", term))
					break
				}
			}
		}
		if !frameCategories[frame] {
			msgs = append(msgs, fmt.Sprintf("unknown frame %q (want cooperation, competition, threat, disrupt, benchmark, negator, hedge, concession, contrast, domestic, international or ignore)", cols[1]))
		}
		var w float64
		switch {
		case IsCue(frame) || frame == FrameBenchmark:
			v, err := strconv.ParseFloat(ws, 64)
			if err != nil || math.IsNaN(v) || v <= 0 || v > 10 {
				msgs = append(msgs, fmt.Sprintf("bad weight %q for a %s cue: want a number in (0, 10]", ws, frame))
			}
			w = v
		case isFactor(frame):
			v, err := strconv.ParseFloat(ws, 64)
			if err != nil || math.IsNaN(v) || v < 0 || v > 1 {
				msgs = append(msgs, fmt.Sprintf("bad weight %q for a %s: want a factor in [0, 1]", ws, frame))
			}
			w = v
		case frameCategories[frame]:
			if ws != "" && ws != "-" {
				if _, err := strconv.ParseFloat(ws, 64); err != nil {
					msgs = append(msgs, fmt.Sprintf("bad weight %q: want - (unused for %s)", ws, frame))
				}
			}
		}
		if len(words) > 0 {
			key := strings.Join(words, " ")
			if prev, ok := seen[key]; ok {
				msgs = append(msgs, fmt.Sprintf("duplicate term %q (first at line %d)", term, prev))
			} else {
				seen[key] = n
			}
		}
		if len(msgs) > 0 {
			return msgs
		}
		note := ""
		if len(cols) == 4 {
			note = cols[3]
		}
		out = append(out, FrameEntry{Term: term, Frame: frame, Weight: w, Note: note, File: name, Line: n, Words: words})
		return nil
	})
	return out, problems
}

// ParseEntities parses an entity gazetteer. Columns (TAB-separated):
//
//	canonical  type  [aliases, |-separated]  [case: auto|sensitive|insensitive]
//
// Problems: wrong column count, empty canonical name, unknown type, bad
// case, empty alias, glob in an alias, duplicate canonical name or alias
// (an anaphor, "~the bloc", may be listed by several entries).
func ParseEntities(name string, data []byte) ([]EntityEntry, []Problem) {
	lines := bytes.Count(data, []byte{'\n'}) + 1
	out := make([]EntityEntry, 0, lines)
	seenCanon := make(map[string]int, lines)
	// seenAlias holds the first user of each alias; the message naming it
	// is only formatted for a duplicate.
	type aliasUser struct {
		canon string
		line  int
	}
	seenAlias := make(map[string]aliasUser, 2*lines)
	local := map[string]bool{}
	problems := eachLine(name, data, entitiesLayout, func(n int, cols []string) []string {
		var msgs []string
		if len(cols) < 2 || len(cols) > 4 {
			return []string{fmt.Sprintf("want 2 to 4 TAB-separated columns (canonical, type, aliases, case), got %d%s", len(cols), extraColsNote(len(cols), 4))}
		}
		canon, typ := cols[0], cols[1]
		if canon == "" {
			msgs = append(msgs, "empty canonical name")
		}
		if !validType(typ) {
			msgs = append(msgs, fmt.Sprintf("unknown entity type %q (want %s)", typ, strings.Join(EntityTypes, ", ")))
		}
		caseMode := "auto"
		if len(cols) == 4 && cols[3] != "" {
			caseMode = strings.ToLower(cols[3])
		}
		if caseMode != "auto" && caseMode != "sensitive" && caseMode != "insensitive" {
			msgs = append(msgs, fmt.Sprintf("bad case %q (want auto, sensitive or insensitive)", cols[3]))
		}
		texts := []string{canon}
		if len(cols) >= 3 && cols[2] != "" {
			for _, a := range strings.Split(cols[2], "|") {
				a = strings.TrimSpace(a)
				if a == "" {
					msgs = append(msgs, "empty alias (check for a doubled or trailing '|')")
					continue
				}
				texts = append(texts, a)
			}
		}
		var aliases []Alias
		clear(local)
		for _, t := range texts {
			if t == "" {
				continue
			}
			anaphor := strings.HasPrefix(t, "~")
			t = strings.TrimPrefix(t, "~")
			capital := strings.HasPrefix(t, "@")
			t = strings.TrimPrefix(t, "@")
			if strings.Contains(t, "*") {
				msgs = append(msgs, fmt.Sprintf("alias %q: globs are not allowed in entity names", t))
				continue
			}
			if i := strings.IndexFunc(t, ignoredSymbol); i >= 0 {
				// "Face++" would match every "face", "Internet+" every
				// "Internet": matching sees words only.
				r, _ := utf8.DecodeRuneInString(t[i:])
				msgs = append(msgs, fmt.Sprintf("alias %q: %q is not seen by matching (only letters, digits and the word separators are), so the alias would match %q", t, r, strings.Join(splitWordsOnly(t), " ")))
				continue
			}
			words, surf := SplitTerm(t)
			if len(words) == 0 {
				msgs = append(msgs, fmt.Sprintf("alias %q has no letters or digits", t))
				continue
			}
			a := Alias{Text: t, Words: words, Surface: surf, Capital: capital, Anaphor: anaphor}
			switch caseMode {
			case "sensitive":
				a.Sensitive = true
			case "auto":
				a.Sensitive = isAcronym(t)
			}
			k := a.Key()
			if local[k] {
				continue // the canonical name repeated as an alias is harmless
			}
			local[k] = true
			if prev, ok := seenAlias[k]; ok && !a.Anaphor {
				msgs = append(msgs, fmt.Sprintf("duplicate alias %q (already used by %q at line %d)", t, prev.canon, prev.line))
				continue
			}
			aliases = append(aliases, a)
		}
		if canon != "" {
			if prev, ok := seenCanon[strings.ToLower(canon)]; ok {
				msgs = append(msgs, fmt.Sprintf("duplicate canonical name %q (first at line %d)", canon, prev))
			}
		}
		if len(msgs) > 0 {
			return msgs
		}
		seenCanon[strings.ToLower(canon)] = n
		for _, a := range aliases {
			seenAlias[a.Key()] = aliasUser{canon, n}
		}
		out = append(out, EntityEntry{Canonical: canon, Type: typ, Aliases: aliases, Case: caseMode, File: name, Line: n})
		return nil
	})
	return out, problems
}

// isAcronym: in case "auto", a spelling is case-sensitive when it has no
// lower-case letter and at least one capital, and at most 6 letters
// ("US", "U.S.", "AI", "EU", "CAC", "NATO"): those collide with common
// words in lower case.
func isAcronym(s string) bool {
	upper, letters := 0, 0
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			return false
		case r >= 'A' && r <= 'Z':
			upper++
			letters++
		}
	}
	return upper > 0 && letters <= 6
}

// ignoredSymbol reports a rune that an entity name may not contain because
// matching drops it without separating words: symbols such as '+' and '#'.
func ignoredSymbol(r rune) bool {
	if isWordRune(r) || unicode.IsSpace(r) || isDash(r) || isApos(r) {
		return false
	}
	return !strings.ContainsRune(".,/&()!?:;\"“”", r)
}

func splitWordsOnly(t string) []string {
	var out []string
	for _, w := range Words(t, 0, nil) {
		out = append(out, w.Norm)
	}
	return out
}
