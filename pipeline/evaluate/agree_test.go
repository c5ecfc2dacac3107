package evaluate

import (
	"math"
	"strings"
	"testing"
)

// TestKrippendorffAlphaPublishedExample: the nominal example with four
// observers, twelve units and missing values in Krippendorff's
// "Computing Krippendorff's Alpha-Reliability" (2011), alpha = 0.743.
func TestKrippendorffAlphaPublishedExample(t *testing.T) {
	rows := []string{
		"1 2 3 3 2 1 4 1 2 . . .",
		"1 2 3 3 2 2 4 1 2 5 . 3",
		". 3 3 3 2 3 4 2 2 5 1 .",
		"1 2 3 3 2 4 4 1 2 5 1 .",
	}
	units := make([][]string, 12)
	for _, r := range rows {
		for u, v := range strings.Fields(r) {
			if v == "." {
				v = ""
			}
			units[u] = append(units[u], v)
		}
	}
	alpha, err := KrippendorffAlpha([]string{"1", "2", "3", "4", "5"}, units)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(alpha-0.743) > 0.0005 {
		t.Errorf("alpha %.4f, want 0.743", alpha)
	}
}

// TestKrippendorffAlphaTwoCodersMatchesCompute: with two coders and no
// missing value, the general formula gives Compute's alpha.
func TestKrippendorffAlphaTwoCodersMatchesCompute(t *testing.T) {
	a := strings.Fields("cooperation cooperation competition both neutral neutral neutral competition both cooperation")
	b := strings.Fields("cooperation competition competition both neutral cooperation neutral competition neutral cooperation")
	var pairs []Pair
	var units [][]string
	for i := range a {
		pairs = append(pairs, Pair{Gold: a[i], System: b[i]})
		units = append(units, []string{a[i], b[i]})
	}
	m, err := Compute(Labels, pairs)
	if err != nil {
		t.Fatal(err)
	}
	alpha, err := KrippendorffAlpha(Labels, units)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(alpha-m.Alpha) > 1e-12 || math.IsNaN(alpha) {
		t.Errorf("alpha %v, Compute's %v", alpha, m.Alpha)
	}
	if _, err := KrippendorffAlpha(Labels, [][]string{{"cooperation", "Both"}}); err == nil {
		t.Error("an unknown label was accepted")
	}
}

func goldOf(t *testing.T, path, csv string) *Gold {
	t.Helper()
	g, err := ReadGold(strings.NewReader(csv), path)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestAgreeMatchesUnitsAcrossSheets: units match by doc_id + index when
// every sheet has them, by text otherwise; a unit one coder left blank or
// never saw is not pairable; a repeated row and a row without an index
// are reported, not compared.
func TestAgreeMatchesUnitsAcrossSheets(t *testing.T) {
	a := goldOf(t, "a.csv", "doc_id,index,sentence,label,note\n"+
		"d1,0,One.,cooperation,\nd1,1,Two.,competition,hedge\nd1,2,Three.,neutral,\nd2,0,Four.,both,\nd2,0,Four.,neutral,\nd2,,Five.,neutral,\n")
	b := goldOf(t, "b.csv", "doc_id,index,label\n"+
		"d2,0,both\nd1,1,cooperation\nd1,0,cooperation\nd1,2,\nd3,4,neutral\n")
	ag, err := Agree([]*Gold{a, b}, 200)
	if err != nil {
		t.Fatal(err)
	}
	if !ag.ByIndex || len(ag.Units) != 5 || ag.Pairable != 3 {
		t.Fatalf("by index %v, %d units, %d pairable; want true, 5, 3", ag.ByIndex, len(ag.Units), ag.Pairable)
	}
	if len(ag.Repeated) != 1 || ag.Repeated[0] != (RepeatedRow{Coder: 0, Line: 6, FirstLine: 5}) {
		t.Errorf("repeated %+v", ag.Repeated)
	}
	if len(ag.Unkeyed[0]) != 1 || ag.Unkeyed[0][0] != 7 || len(ag.Unkeyed[1]) != 0 {
		t.Errorf("unkeyed %v", ag.Unkeyed)
	}
	u := ag.Units[1] // d1 #1
	if u.Labels[0] != "competition" || u.Labels[1] != "cooperation" || u.Notes[0] != "hedge" || u.Lines[1] != 3 || u.Unanimous() != "" {
		t.Errorf("unit d1#1 %+v", u)
	}
	if got := ag.Units[0].Unanimous(); got != "cooperation" {
		t.Errorf("d1#0 unanimous %q", got)
	}
	if got := ag.Units[2].Unanimous(); got != "" { // coded by one coder only
		t.Errorf("d1#2 unanimous %q", got)
	}
	if len(ag.Pairs) != 1 || ag.Pairs[0].Metrics.N != 3 || ag.Pairs[0].Metrics.Agree != 2 {
		t.Fatalf("pairs %+v", ag.Pairs)
	}
	if math.Abs(ag.Alpha-ag.Pairs[0].Metrics.Alpha) > 1e-12 {
		t.Errorf("two coders: alpha %v, pair alpha %v", ag.Alpha, ag.Pairs[0].Metrics.Alpha)
	}
	// A sheet without an index: every sheet is matched by text within doc.
	c := goldOf(t, "c.csv", "doc_id,sentence,label\nd1,\"  Two. \",competition\nd1,One.,both\n")
	ag, err = Agree([]*Gold{a, c}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if ag.ByIndex || ag.Pairable != 2 || ag.Pairs[0].Metrics.Agree != 1 {
		t.Errorf("by text: by index %v, pairable %d, agree %d", ag.ByIndex, ag.Pairable, ag.Pairs[0].Metrics.Agree)
	}
	if _, err := Agree([]*Gold{a}, 0); err == nil {
		t.Error("one sheet was accepted")
	}
}
