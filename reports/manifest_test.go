package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/techframe/techframe/pipeline"
)

func testManifest() *Manifest {
	return &Manifest{
		Version: "1.2.3", Args: []string{"techframe", "annotate", "a b.txt"}, GoVersion: "go1.x",
		Started:  time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC),
		Settings: map[string]any{"seed": 7, "inputs": []string{"a b.txt"}},
		Lexicons: map[string]string{"framing.tsv": "ff", "entities.tsv": "ee"},
		Inputs:   []ManifestInput{{Path: "a b.txt", SHA256: "aa", Format: "txt", Bytes: 10, Documents: 1}},
		Warnings: map[string]int{"ingest:empty-document": 2},
		Timings:  []Field{{Name: "read + annotate (wall)", Value: 1500 * time.Millisecond}},
	}
}

// The sheet rows and the JSON hold the same facts; the sheet keeps its
// layout, with workbook-only rows before the timings.
func TestManifestRowsAndJSON(t *testing.T) {
	m := testManifest()
	var got []string
	for _, r := range m.Rows([][3]any{{"truncated cells", "Sentences", 1}}) {
		got = append(got, fmt.Sprintf("%v|%v|%v", r[0], r[1], r[2]))
	}
	want := []string{
		"run|techframe version|1.2.3", "run|command line|techframe annotate a b.txt", "run|started|2025-03-04T05:06:07Z", "run|go version|go1.x",
		"setting|inputs|[a b.txt]", "setting|seed|7",
		"lexicon|entities.tsv|sha256 ee", "lexicon|framing.tsv|sha256 ff",
		"input|a b.txt|sha256 aa; txt; 10 bytes; 1 documents",
		"warnings|ingest:empty-document|2",
		"truncated cells|Sentences|1",
		"timing (seconds)|read + annotate (wall)|1.5",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var a, b bytes.Buffer
	if err := WriteManifestJSON(&a, m); err != nil {
		t.Fatal(err)
	}
	WriteManifestJSON(&b, testManifest())
	if a.String() != b.String() {
		t.Error("the same manifest written twice differs")
	}
	var doc struct {
		Run      map[string]any
		Settings map[string]any
		Lexicons map[string]map[string]string
		Inputs   []map[string]any
		Warnings struct {
			Total  int
			ByKind map[string]int `json:"by_kind"`
		}
		Timings map[string]float64
	}
	if err := json.Unmarshal(a.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Run["command_line"] != "techframe annotate a b.txt" || doc.Run["started"] != "2025-03-04T05:06:07Z" || doc.Lexicons["framing.tsv"]["sha256"] != "ff" ||
		doc.Inputs[0]["sha256"] != "aa" || doc.Warnings.Total != 2 || doc.Warnings.ByKind["ingest:empty-document"] != 2 ||
		doc.Timings["read + annotate (wall)"] != 1.5 || doc.Settings["seed"] != 7.0 {
		t.Errorf("JSON %s", a.String())
	}
	// Sections in sorted order.
	keys := []string{`"inputs"`, `"lexicons"`, `"run"`, `"settings"`, `"timings"`, `"warnings"`}
	last := -1
	for _, k := range keys {
		i := strings.Index(a.String(), "\n  "+k)
		if i < last {
			t.Errorf("section %s out of order", k)
		}
		last = i
	}
	// No warnings: the sheet says total 0, the JSON an empty by_kind.
	m.Warnings = nil
	rows := m.Rows(nil)
	if r := rows[len(rows)-2]; r[0] != "warnings" || r[1] != "total" || r[2] != 0 {
		t.Errorf("no warnings: row %v", r)
	}
}

// A gold file and --exclude sheets add gold and exclude rows after the
// inputs, and gold / exclude sections to the JSON; the other rows stay.
func TestManifestGoldAndExclude(t *testing.T) {
	m := testManifest()
	m.Gold = &ManifestFile{Path: "coded.csv", SHA256: "cc", Bytes: 40, Rows: 3}
	m.Exclude = []ManifestFile{{Path: "r1.csv", SHA256: "11", Bytes: 20, Rows: 2}, {Path: "r2.csv", SHA256: "22", Bytes: 30, Rows: 1}}
	var got []string
	for _, r := range m.Rows(nil) {
		got = append(got, fmt.Sprintf("%v|%v|%v", r[0], r[1], r[2]))
	}
	want := "input|a b.txt|sha256 aa; txt; 10 bytes; 1 documents\n" +
		"gold|coded.csv|sha256 cc; 40 bytes; 3 rows\n" +
		"exclude|r1.csv|sha256 11; 20 bytes; 2 rows\n" +
		"exclude|r2.csv|sha256 22; 30 bytes; 1 rows\n" +
		"warnings|ingest:empty-document|2"
	if !strings.Contains(strings.Join(got, "\n"), want) {
		t.Errorf("rows\n%s\nlack\n%s", strings.Join(got, "\n"), want)
	}
	var b bytes.Buffer
	if err := WriteManifestJSON(&b, m); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Gold    map[string]any
		Exclude []map[string]any
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Gold["path"] != "coded.csv" || doc.Gold["sha256"] != "cc" || doc.Gold["bytes"] != 40.0 || doc.Gold["rows"] != 3.0 ||
		len(doc.Exclude) != 2 || doc.Exclude[1]["path"] != "r2.csv" || doc.Exclude[1]["sha256"] != "22" {
		t.Errorf("JSON %s", b.String())
	}
	// Without them, no such sections.
	b.Reset()
	WriteManifestJSON(&b, testManifest())
	if strings.Contains(b.String(), `"gold"`) || strings.Contains(b.String(), `"exclude"`) {
		t.Errorf("gold or exclude section without a gold file:\n%s", b.String())
	}
}

// Results (topic coherence, diversity) have their own section after the
// settings, and numbers stay numbers in the sheet rows and the JSON.
func TestManifestResultsAndNumbers(t *testing.T) {
	m := testManifest()
	m.Settings["k"] = 10
	m.Settings["framing"] = false
	m.Results = map[string]any{"topic_coherence_mean_npmi": -0.0123, "topic_diversity_top25": 0.84}
	var settings, results []string
	for _, r := range m.Rows(nil) {
		switch r[0] {
		case "setting":
			settings = append(settings, fmt.Sprint(r[1]))
		case "result":
			results = append(results, fmt.Sprintf("%v=%v", r[1], r[2]))
			if _, ok := r[2].(float64); !ok {
				t.Errorf("result %v is %T, want a number", r[1], r[2])
			}
		}
		if r[1] == "k" || r[1] == "seed" || r[0] == "timing (seconds)" || r[0] == "warnings" {
			switch r[2].(type) {
			case int, float64:
			default:
				t.Errorf("%v %v is %T (%v), want a number", r[0], r[1], r[2], r[2])
			}
		}
		if r[1] == "framing" && r[2] != "false" {
			t.Errorf("framing setting = %#v, want the text false", r[2])
		}
	}
	if strings.Contains(strings.Join(settings, ","), "topic_") {
		t.Errorf("results listed as settings: %v", settings)
	}
	if got := strings.Join(results, ","); got != "topic_coherence_mean_npmi=-0.0123,topic_diversity_top25=0.84" {
		t.Errorf("result rows %s", got)
	}
	var b bytes.Buffer
	if err := WriteManifestJSON(&b, m); err != nil {
		t.Fatal(err)
	}
	var doc struct{ Settings, Results map[string]any }
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Results["topic_diversity_top25"] != 0.84 || doc.Settings["topic_diversity_top25"] != nil {
		t.Errorf("JSON %s", b.String())
	}
}

// The manifest lists the skipped or repaired records one by one, sorted by
// place (whatever order the workers reported them in), in the sheet and in
// the JSON, and past MaxListedWarnings says how many it left out.
func TestManifestListsWarnings(t *testing.T) {
	m := testManifest()
	m.WarningList = []pipeline.Warning{
		{Stage: "ingest", Path: "b.jsonl", Line: 9, Offset: -1, Kind: "malformed-json", Message: "malformed JSON line: skipped"},
		{Stage: "ingest", Path: "a.csv", Line: 4, Offset: -1, Kind: "duplicate-id", Message: `duplicate id "c1": renamed to "c1#2"`},
		{Stage: "ingest", Path: "empty.txt", Offset: -1, Kind: "empty-document", Message: "no text: skipped"},
	}
	var rows []string
	for _, r := range m.Rows(nil) {
		if r[0] == "warning" {
			rows = append(rows, fmt.Sprintf("%v|%v", r[1], r[2]))
		}
	}
	want := []string{`a.csv:4|ingest: duplicate-id: duplicate id "c1": renamed to "c1#2"`, "b.jsonl:9|ingest: malformed-json: malformed JSON line: skipped", "empty.txt|ingest: empty-document: no text: skipped"}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("sheet rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	var buf bytes.Buffer
	if err := WriteManifestJSON(&buf, m); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Warnings struct {
			List []struct {
				Path, Kind string
				Line       int
			}
			Unlisted int
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if l := doc.Warnings.List; len(l) != 3 || l[0].Path != "a.csv" || l[0].Line != 4 || l[1].Kind != "malformed-json" || l[2].Line != 0 || doc.Warnings.Unlisted != 0 {
		t.Errorf("JSON list %+v, unlisted %d", l, doc.Warnings.Unlisted)
	}
	for i := 0; i < MaxListedWarnings+5; i++ {
		m.WarningList = append(m.WarningList, pipeline.Warning{Stage: "ingest", Path: "big.jsonl", Line: i + 1, Kind: "malformed-json"})
	}
	n, last := 0, ""
	for _, r := range m.Rows(nil) {
		if r[0] == "warning" {
			n++
			last = fmt.Sprint(r[2])
		}
	}
	if n != MaxListedWarnings+1 || !strings.HasPrefix(last, "8 more warnings not listed") {
		t.Errorf("%d warning rows, last %q; want %d and a count of the 8 left out", n, last, MaxListedWarnings+1)
	}
}

// KeepWarnings keeps the first MaxListedWarnings by place whatever order
// the warnings come in, and the manifest counts the rest.
func TestKeepWarnings(t *testing.T) {
	n := 3*MaxListedWarnings + 7
	var list []pipeline.Warning
	dropped := 0
	for i := 0; i < n; i++ {
		line := (i*7919)%n + 1 // every line once, out of order
		var d int
		list, d = KeepWarnings(append(list, pipeline.Warning{Stage: "ingest", Path: "big.jsonl", Line: line, Kind: "malformed-json"}))
		dropped += d
	}
	m := &Manifest{WarningList: list, WarningsDropped: dropped}
	got, more := m.listedWarnings()
	if len(got) != MaxListedWarnings || more != n-MaxListedWarnings || got[0].Line != 1 || got[len(got)-1].Line != MaxListedWarnings {
		t.Errorf("listed %d (lines %d..%d), %d more; want lines 1..%d and %d more", len(got), got[0].Line, got[len(got)-1].Line, more, MaxListedWarnings, n-MaxListedWarnings)
	}
	if len(list) >= 2*MaxListedWarnings {
		t.Errorf("kept %d warnings, want fewer than %d", len(list), 2*MaxListedWarnings)
	}
}
