package evaluate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
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

// TestAgreePairsDocIDsByPath: doc_ids that name one file by path are one
// document across sheets, spelled as the first sheet that codes it does;
// a doc_id that could be two documents of the other sheets is paired with
// neither, whatever the order of the sheets; two doc_ids of one sheet are
// never one document.
func TestAgreePairsDocIDsByPath(t *testing.T) {
	cases := []struct {
		name   string
		sheets []string // per sheet, its rows "doc_id,index" separated by ";"
		units  string   // doc_id#index:coders, in unit order
		byPath string   // sheet:line doc_id=as
		unsure string   // sheet:line doc_id?matches
	}{
		{"folder, glob and Windows spellings",
			[]string{`bom.txt,0;bom.txt,1;c.txt,0`, `corpus/bom.txt,1;corpus/bom.txt,0;corpus\c.txt,0`},
			"bom.txt#0:2 bom.txt#1:2 c.txt#0:2", "1:2 corpus/bom.txt=bom.txt, 1:4 corpus\\c.txt=c.txt", ""},
		{"the spelling of the first sheet that codes it",
			[]string{`x.txt,0`, `./corpus/d.txt,0;x.txt,0`, `d.txt,0;x.txt,0`, `/home/me/corpus/d.txt,0`},
			"x.txt#0:3 ./corpus/d.txt#0:3", "2:2 d.txt=./corpus/d.txt, 3:2 /home/me/corpus/d.txt=./corpus/d.txt", ""},
		{"a short doc_id, two longer ones",
			[]string{`2023/report.txt,0;2024/report.txt,0;x.txt,0`, `report.txt,0;x.txt,0`},
			"2023/report.txt#0:1 2024/report.txt#0:1 x.txt#0:2 report.txt#0:1", "",
			"1:2 report.txt?2023/report.txt,2024/report.txt"},
		{"two longer ones in two sheets",
			[]string{`bom.txt,0`, `corpus/bom.txt,0`, `other/bom.txt,0`},
			"bom.txt#0:1 corpus/bom.txt#0:1 other/bom.txt#0:1", "", "0:2 bom.txt?corpus/bom.txt,other/bom.txt"},
		{"two longer ones, the short one last",
			[]string{`corpus/bom.txt,0`, `other/bom.txt,0`, `bom.txt,0`},
			"corpus/bom.txt#0:1 other/bom.txt#0:1 bom.txt#0:1", "", "2:2 bom.txt?corpus/bom.txt,other/bom.txt"},
		{"a sheet's two documents stay two",
			[]string{`exact.txt,0;corpus/exact.txt,0`, `exact.txt,0`},
			"exact.txt#0:2 corpus/exact.txt#0:1", "", ""},
		{"a sheet that spells one file two ways",
			[]string{`corpus/bom.txt,0;./corpus/bom.txt,1`, `bom.txt,0`},
			"corpus/bom.txt#0:1 ./corpus/bom.txt#1:1 bom.txt#0:1", "", "1:2 bom.txt?corpus/bom.txt,./corpus/bom.txt"},
		{"only the file name in common",
			[]string{`a/bom.txt,0`, `b/bom.txt,0`}, "a/bom.txt#0:1 b/bom.txt#0:1", "", ""},
	}
	for _, c := range cases {
		var sheets []*Gold
		for i, rows := range c.sheets {
			csv := "doc_id,index,label\n"
			for _, r := range strings.Split(rows, ";") {
				csv += r + ",cooperation\n"
			}
			sheets = append(sheets, goldOf(t, strconv.Itoa(i), csv))
		}
		ag, err := Agree(sheets, 0)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var units, byPath, unsure []string
		for _, u := range ag.Units {
			units = append(units, fmt.Sprintf("%s#%d:%d", u.DocID, u.Index, u.Coded()))
		}
		for _, p := range ag.ByPath {
			byPath = append(byPath, fmt.Sprintf("%d:%d %s=%s", p.Coder, p.Line, p.DocID, p.As.DocID))
		}
		for _, a := range ag.Ambiguous {
			var m []string
			for _, r := range a.Matches {
				m = append(m, r.DocID)
			}
			unsure = append(unsure, fmt.Sprintf("%d:%d %s?%s", a.Coder, a.Line, a.DocID, strings.Join(m, ",")))
		}
		if got := strings.Join(units, " "); got != c.units {
			t.Errorf("%s: units %s\n want %s", c.name, got, c.units)
		}
		if got := strings.Join(byPath, ", "); got != c.byPath {
			t.Errorf("%s: by path %s\n want %s", c.name, got, c.byPath)
		}
		if got := strings.Join(unsure, ", "); got != c.unsure {
			t.Errorf("%s: ambiguous %s\n want %s", c.name, got, c.unsure)
		}
	}

	// Sheets matched by sentence text within doc_id pair doc_ids alike.
	a := goldOf(t, "a.csv", "doc_id,sentence,label\nbom.txt,One.,cooperation\n")
	b := goldOf(t, "b.csv", "doc_id,sentence,label\ncorpus/bom.txt,One.,competition\n")
	ag, err := Agree([]*Gold{a, b}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if ag.ByIndex || ag.Pairable != 1 || ag.Units[0].DocID != "bom.txt" || len(ag.ByPath) != 1 {
		t.Errorf("by text: by index %v, pairable %d, units %+v, by path %+v", ag.ByIndex, ag.Pairable, ag.Units, ag.ByPath)
	}
}

// TestAgreeDocIDsWhateverTheOrder: on random sheets of path-alike doc_ids,
// every order of the sheets pairs the same rows, the doc_ids paired are
// all equal by path, and no sheet has two rows in one unit.
func TestAgreeDocIDsWhateverTheOrder(t *testing.T) {
	pool := []string{"bom.txt", "corpus/bom.txt", "./corpus/bom.txt", `corpus\bom.txt`, "other/bom.txt",
		"/home/me/corpus/bom.txt", "x.txt", "a/x.txt", "b/a/x.txt"}
	perms := [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 300; trial++ {
		var csvs []string
		for range 3 {
			csv := "doc_id,index,label\n"
			for _, i := range rng.Perm(len(pool))[:1+rng.IntN(3)] {
				csv += pool[i] + ",0,neutral\n"
			}
			csvs = append(csvs, csv)
		}
		var want string
		for _, p := range perms {
			sheets := make([]*Gold, 3)
			for i, s := range p {
				sheets[i] = goldOf(t, strconv.Itoa(s), csvs[s])
			}
			ag, err := Agree(sheets, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(ag.Repeated) > 0 {
				t.Fatalf("sheets %q: a sheet has two rows in one unit: %+v", csvs, ag.Repeated)
			}
			var units []string
			for _, u := range ag.Units {
				var rows []string
				for c, l := range u.Lines {
					if l > 0 {
						rows = append(rows, fmt.Sprintf("%d:%d", p[c], l))
					}
				}
				slices.Sort(rows)
				units = append(units, strings.Join(rows, "+"))
				for c, l := range u.Lines {
					for d, m := range u.Lines[c+1:] {
						if l > 0 && m > 0 && !PathMatch(sheets[c].Rows[l-2].DocID, sheets[c+1+d].Rows[m-2].DocID) {
							t.Errorf("sheets %q: unit %q pairs %q and %q", csvs, u.DocID, sheets[c].Rows[l-2].DocID, sheets[c+1+d].Rows[m-2].DocID)
						}
					}
				}
			}
			slices.Sort(units)
			got := strings.Join(units, " ")
			if want == "" {
				want = got
			} else if got != want {
				t.Fatalf("sheets %q: in order %v the units are %s, in order 0 1 2 %s", csvs, p, got, want)
			}
		}
	}
}
