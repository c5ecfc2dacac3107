// Package summary accumulates corpus-level tables while documents stream
// past: frame counts per group, entity mentions with their merged surface
// forms, and the actor x frame cross-tab with example sentences. It keeps
// counts and a few examples, never the documents themselves.
package summary

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/techframe/techframe/pipeline"
)

// Frames in table order.
var Frames = []string{"cooperation", "competition", "both", "neutral"}

// FrameIndex returns the position of a frame label in Frames, or -1.
func FrameIndex(label string) int {
	for i, f := range Frames {
		if f == label {
			return i
		}
	}
	return -1
}

// Counts holds sentence counts per frame.
type Counts [4]int

// Total is the number of labelled sentences.
func (c Counts) Total() int { return c[0] + c[1] + c[2] + c[3] }

// Share returns the share of frame i among labelled sentences (NaN when
// there are none).
func (c Counts) Share(i int) float64 {
	t := c.Total()
	if t == 0 {
		return nan()
	}
	return float64(c[i]) / float64(t)
}

// Balance is (cooperation - competition) / (cooperation + competition) over
// sentence counts, where "both" sentences count on each side; NaN when no
// sentence is cooperative, competitive or both. It runs from -1 (all
// competition) to +1 (all cooperation).
func (c Counts) Balance() float64 {
	coop := c[0] + c[2]
	comp := c[1] + c[2]
	if coop+comp == 0 {
		return nan()
	}
	return float64(coop-comp) / float64(coop+comp)
}

func nan() float64 {
	var z float64
	return z / z
}

// DocCounts counts a document's sentences per frame.
func DocCounts(d *pipeline.Document) Counts {
	var c Counts
	for _, s := range d.Sentences {
		if i := FrameIndex(s.Frame); i >= 0 {
			c[i]++
		}
	}
	return c
}

// SentenceRef points to a sentence for drill-down.
type SentenceRef struct {
	DocID string
	Index int
	Text  string
}

// Entity aggregates the mentions of one canonical entity.
type Entity struct {
	Canonical string
	Type      string
	Mentions  int
	Docs      int
	// Surface forms merged into this canonical name with their counts.
	Forms   map[string]int
	lastDoc int
}

// FormList renders the merged surface forms, most frequent first.
func (e *Entity) FormList() string {
	type fc struct {
		f string
		n int
	}
	var list []fc
	for f, n := range e.Forms {
		list = append(list, fc{f, n})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].n != list[j].n {
			return list[i].n > list[j].n
		}
		return list[i].f < list[j].f
	})
	parts := make([]string, len(list))
	for i, x := range list {
		parts[i] = x.f + " (" + strconv.Itoa(x.n) + ")"
	}
	return strings.Join(parts, "; ")
}

// ActorTypes are the entity types counted as actors beside a frame.
var ActorTypes = map[string]bool{"STATE_ACTOR": true, "ORGANIZATION": true, "PERSON": true}

// ActorFrame is one actor's row of the actor x frame table.
type ActorFrame struct {
	Actor    string
	Type     string
	Counts   Counts
	Examples [4][]SentenceRef // up to MaxExamples per frame
}

// MaxExamples bounds the example sentences kept per actor and frame.
const MaxExamples = 3

// Group holds frame counts for one value of a grouping field.
type Group struct {
	Value     string
	Docs      int
	Sentences int
	Tokens    int
	Counts    Counts
}

// Corpus accumulates everything. Add must be called in input order from one
// goroutine (the runner's sink), which keeps the examples deterministic.
type Corpus struct {
	GroupBy string
	// Binner maps a metadata value to its group label (identity if nil).
	Binner func(string) string

	Docs, Sentences, Tokens int
	Counts                  Counts
	Cues                    int
	entities                map[string]*Entity
	actors                  map[string]*ActorFrame
	groups                  map[string]*Group
	docIndex                int
	// MissingGroup counts documents without the grouping field.
	MissingGroup int
}

// NewCorpus starts the accumulators.
func NewCorpus(groupBy string, binner func(string) string) *Corpus {
	return &Corpus{GroupBy: groupBy, Binner: binner, entities: map[string]*Entity{}, actors: map[string]*ActorFrame{}, groups: map[string]*Group{}}
}

// GroupOf returns a document's group label ("" when not grouping).
func (c *Corpus) GroupOf(d *pipeline.Document) (string, bool) {
	if c.GroupBy == "" {
		return "", false
	}
	v, ok := d.Meta.Get(c.GroupBy)
	if !ok || strings.TrimSpace(v) == "" {
		return "(none)", false
	}
	if c.Binner != nil {
		return c.Binner(v), true
	}
	return GroupValue(v), true
}

// Add accumulates one document.
func (c *Corpus) Add(d *pipeline.Document) {
	c.docIndex++
	c.Docs++
	c.Sentences += len(d.Sentences)
	c.Tokens += len(d.Tokens)
	dc := DocCounts(d)
	for i := range dc {
		c.Counts[i] += dc[i]
	}
	for _, e := range d.Evidence {
		if !e.Ignored {
			c.Cues++
		}
	}
	if c.GroupBy != "" {
		g, ok := c.GroupOf(d)
		if !ok {
			c.MissingGroup++
		}
		grp := c.groups[g]
		if grp == nil {
			grp = &Group{Value: g}
			c.groups[g] = grp
		}
		grp.Docs++
		grp.Sentences += len(d.Sentences)
		grp.Tokens += len(d.Tokens)
		for i := range dc {
			grp.Counts[i] += dc[i]
		}
	}
	// entities and actors
	seenActor := map[[2]int]bool{} // (actor id in this sentence) dedupe by sentence
	actorIDs := map[string]int{}
	for _, e := range d.Entities {
		key := e.Type + "\x00" + e.Canonical
		ent := c.entities[key]
		if ent == nil {
			ent = &Entity{Canonical: e.Canonical, Type: e.Type, Forms: map[string]int{}}
			c.entities[key] = ent
		}
		ent.Mentions++
		form := d.Text[e.Start:e.End]
		if _, ok := ent.Forms[form]; !ok {
			form = strings.Clone(form) // a new key must not pin the document's text
		}
		ent.Forms[form]++
		if ent.lastDoc != c.docIndex {
			ent.lastDoc = c.docIndex
			ent.Docs++
		}
		if !ActorTypes[e.Type] || e.Sent < 0 || e.Sent >= len(d.Sentences) {
			continue
		}
		id, ok := actorIDs[key]
		if !ok {
			id = len(actorIDs)
			actorIDs[key] = id
		}
		if seenActor[[2]int{id, e.Sent}] {
			continue
		}
		seenActor[[2]int{id, e.Sent}] = true
		s := d.Sentences[e.Sent]
		fi := FrameIndex(s.Frame)
		if fi < 0 {
			continue
		}
		af := c.actors[key]
		if af == nil {
			af = &ActorFrame{Actor: e.Canonical, Type: e.Type}
			c.actors[key] = af
		}
		af.Counts[fi]++
		if len(af.Examples[fi]) < MaxExamples {
			// a copy, so the example does not keep the whole document alive
			af.Examples[fi] = append(af.Examples[fi], SentenceRef{DocID: d.ID, Index: e.Sent, Text: strings.Clone(d.Text[s.Start:s.End])})
		}
	}
}

// Entities returns entities by mentions (descending), then name.
func (c *Corpus) Entities() []*Entity {
	out := make([]*Entity, 0, len(c.entities))
	for _, e := range c.entities {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Mentions != out[j].Mentions {
			return out[i].Mentions > out[j].Mentions
		}
		if out[i].Type != out[j].Type {
			return out[i].Type < out[j].Type
		}
		return out[i].Canonical < out[j].Canonical
	})
	return out
}

// Actors returns the actor x frame rows by sentences (descending), then name.
func (c *Corpus) Actors() []*ActorFrame {
	out := make([]*ActorFrame, 0, len(c.actors))
	for _, a := range c.actors {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		ti, tj := out[i].Counts.Total(), out[j].Counts.Total()
		if ti != tj {
			return ti > tj
		}
		if out[i].Actor != out[j].Actor {
			return out[i].Actor < out[j].Actor
		}
		return out[i].Type < out[j].Type
	})
	return out
}

// Groups returns the groups sorted by value.
func (c *Corpus) Groups() []*Group {
	out := make([]*Group, 0, len(c.groups))
	for _, g := range c.groups {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return groupLess(out[i].Value, out[j].Value) })
	return out
}

// GroupValue is the group a metadata value puts a document in: the value
// as the data gives it, surrounding space trimmed, and nothing else. A JSON
// number keeps the spelling it has in the file (ingest keeps its literal
// text), so 2019 and "2019" are one group while 2019.0, 007, +1 and 1e5 are
// groups of their own, named as typed: --target matches what the data
// says, and every sheet shows the value as the Documents sheet does.
func GroupValue(v string) string { return strings.TrimSpace(v) }

// SortGroups orders group labels: by their leading number when both have
// one ("2" < "10", "1790s" < "1800s"), otherwise as text; "(none)" last.
func SortGroups(names []string) {
	sort.SliceStable(names, func(i, j int) bool { return groupLess(names[i], names[j]) })
}

func groupLess(a, b string) bool {
	if (a == "(none)") != (b == "(none)") {
		return b == "(none)"
	}
	na, oka := leadingNumber(a)
	nb, okb := leadingNumber(b)
	if oka && okb && na != nb {
		return na < nb
	}
	if oka != okb {
		return oka
	}
	return a < b
}

// leadingNumber parses the number a label is ("1e5", "1.50") or starts
// with ("1790s" -> 1790).
func leadingNumber(s string) (float64, bool) {
	if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) && s[0] != '+' {
		return f, true
	}
	end := 0
	for end < len(s) && (s[end] >= '0' && s[end] <= '9' || s[end] == '.' || end == 0 && s[end] == '-') {
		end++
	}
	f, err := strconv.ParseFloat(s[:end], 64)
	return f, err == nil
}
