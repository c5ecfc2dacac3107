package summary

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
)

func TestCountsSharesAndBalance(t *testing.T) {
	cases := []struct {
		c       Counts
		share0  float64
		balance float64
	}{
		{Counts{2, 1, 1, 4}, 0.25, (3.0 - 2.0) / (3.0 + 2.0)}, // both counts on each side
		{Counts{0, 3, 0, 1}, 0, -1},
		{Counts{0, 0, 0, 5}, 0, math.NaN()},
		{Counts{}, math.NaN(), math.NaN()},
	}
	for _, c := range cases {
		if got := c.c.Share(0); !same(got, c.share0) {
			t.Errorf("%v Share(0) = %v, want %v", c.c, got, c.share0)
		}
		if got := c.c.Balance(); !same(got, c.balance) {
			t.Errorf("%v Balance = %v, want %v", c.c, got, c.balance)
		}
	}
}

func same(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) < 1e-12
}

// doc builds a document with one sentence per label and the given entities.
func doc(id, outlet string, frames []string, ents []pipeline.Entity) *pipeline.Document {
	d := &pipeline.Document{ID: id}
	d.Meta.Set("outlet", outlet)
	text := ""
	for _, f := range frames {
		start := len(text)
		text += "China and the EU met. "
		d.Sentences = append(d.Sentences, pipeline.Sentence{Span: pipeline.Span{Start: start, End: len(text) - 1}, Frame: f})
	}
	d.Text = text
	d.Entities = ents
	return d
}

func TestCorpusActorsEntitiesGroups(t *testing.T) {
	c := NewCorpus("outlet", nil)
	china := func(sent, start int, form string) pipeline.Entity {
		return pipeline.Entity{Span: pipeline.Span{Start: start, End: start + len(form)}, Canonical: "China", Type: "STATE_ACTOR", Sent: sent}
	}
	// d1: China twice in sentence 0 (counted once for the actor table, twice
	// as mentions), once in sentence 1.
	d1 := doc("d1", "x", []string{"cooperation", "competition"}, []pipeline.Entity{china(0, 0, "China"), china(0, 0, "China"), china(1, 22, "China")})
	d2 := doc("d2", "y", []string{"neutral"}, []pipeline.Entity{china(0, 0, "China"),
		{Span: pipeline.Span{Start: 10, End: 12}, Canonical: "European Union", Type: "STATE_ACTOR", Sent: 0},
		{Span: pipeline.Span{Start: 0, End: 5}, Canonical: "artificial intelligence", Type: "TECHNOLOGY", Sent: 0}})
	d3 := doc("d3", "", []string{"both"}, nil)
	for _, d := range []*pipeline.Document{d1, d2, d3} {
		c.Add(d)
	}
	if c.Docs != 3 || c.Sentences != 4 || c.Counts != (Counts{1, 1, 1, 1}) {
		t.Errorf("corpus totals: docs %d sentences %d counts %v", c.Docs, c.Sentences, c.Counts)
	}
	ents := c.Entities()
	if ents[0].Canonical != "China" || ents[0].Mentions != 4 || ents[0].Docs != 2 {
		t.Errorf("China entity = %+v", ents[0])
	}
	actors := c.Actors()
	if len(actors) != 2 {
		t.Fatalf("actors = %d, want China and the EU (technology is not an actor)", len(actors))
	}
	if a := actors[0]; a.Actor != "China" || a.Counts != (Counts{1, 1, 0, 1}) {
		t.Errorf("China actor row = %+v, want one sentence per frame it stood beside", a)
	}
	if len(actors[0].Examples[0]) != 1 || actors[0].Examples[0][0].DocID != "d1" {
		t.Errorf("China cooperation example = %+v", actors[0].Examples[0])
	}
	groups := c.Groups()
	if len(groups) != 3 || groups[2].Value != "(none)" || c.MissingGroup != 1 {
		t.Errorf("groups = %+v, missing %d", groups, c.MissingGroup)
	}
}

func TestGroupOrderAndNormalisation(t *testing.T) {
	names := []string{"10", "2", "(none)", "1800s", "1790s", "b", "a"}
	SortGroups(names)
	// labels with a leading number by that number, then text, "(none)" last
	if got := strings.Join(names, ","); got != "2,10,1790s,1800s,a,b,(none)" {
		t.Errorf("order = %s", got)
	}
}

// A group is the value as typed, trimmed: no number is rewritten, so 007
// is not 7 and 1.0 is not 1 (a --target value matches what the data says).
func TestGroupValueKeepsTheSpelling(t *testing.T) {
	for in, want := range map[string]string{"2": "2", " 2 ": "2", "2.0": "2.0", "2e0": "2e0", "007": "007", "+1": "+1",
		"0.1e1": "0.1e1", "1e5": "1e5", "1.50": "1.50", "x": "x", " New  York ": "New  York"} {
		if got := GroupValue(in); got != want {
			t.Errorf("GroupValue(%q) = %q, want %q", in, got, want)
		}
	}
}

// A JSON number and the same digits as a string are one group: ingest
// keeps a number's literal text, which GroupOf uses as it is.
func TestGroupOfJSONNumberAndString(t *testing.T) {
	c := NewCorpus("year", nil)
	for _, v := range []any{json.Number("2019"), "2019", " 2019", json.Number("2019.0"), "007"} {
		d := &pipeline.Document{Meta: pipeline.Meta{{Key: "year", Value: v}}}
		c.Add(d)
	}
	var got []string
	for _, g := range c.Groups() {
		got = append(got, fmt.Sprintf("%s=%d", g.Value, g.Docs))
	}
	if strings.Join(got, " ") != "007=1 2019=3 2019.0=1" {
		t.Errorf("groups %v, want 007=1 2019=3 2019.0=1", got)
	}
}

// TestSortGroupsNumbers: labels that are numbers sort by their value, in
// any spelling ("1e5" after "1.50"), labels that start with one by that
// ("1790s" < "1800s"), then text, "(none)" last.
func TestSortGroupsNumbers(t *testing.T) {
	got := []string{"(none)", "1e5", "beta", "1800s", "2019", "1.50", "007", "1790s", "+1", "alpha"}
	SortGroups(got)
	want := []string{"1.50", "007", "1790s", "1800s", "2019", "1e5", "+1", "alpha", "beta", "(none)"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
