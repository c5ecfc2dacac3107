package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The fixture has 18 lines drawn from three themes (chips, diplomacy,
// space), 24 tokens from the line's theme and 2 from the next one.
const topicsFixture = "testdata/topics/themes.txt"

var topicThemes = []map[string]bool{
	set("semiconductor chips lithography fabs wafer export controls"),
	set("summit dialogue treaty diplomats talks cooperation visit"),
	set("satellite rocket launch orbit lunar station spacecraft"),
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

func topicsArgs(extra ...string) []string {
	return append([]string{"topics", topicsFixture, "--format", "lines", "--tokenizer", "whitespace", "--k", "3", "--seed", "1", "-q"}, extra...)
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errs, code := runCLI(t, "", args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errs)
	}
	return out
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestTopicsAcceptance: the same seed gives identical topic-word files and
// document tables run to run and for --jobs 1 and 2, and each topic's five
// best words come from one planted theme.
func TestTopicsAcceptance(t *testing.T) {
	dir := t.TempDir()
	for _, model := range []string{"lda", "nmf"} {
		t.Run(model, func(t *testing.T) {
			var words, docs []string
			for i, jobs := range []string{"1", "1", "2"} {
				tw := filepath.Join(dir, model+strconv.Itoa(i)+".txt")
				docs = append(docs, mustRun(t, topicsArgs("--model", model, "--jobs", jobs, "--topic-words", tw, "--table", "docs")...))
				words = append(words, readFile(t, tw))
			}
			if words[0] != words[1] || docs[0] != docs[1] {
				t.Fatal("two runs with --seed 1 differ")
			}
			if words[0] != words[2] || docs[0] != docs[2] {
				t.Fatal("--jobs 1 and --jobs 2 differ")
			}
			lines := strings.Split(strings.TrimSpace(words[0]), "\n")
			if len(lines) != 3 {
				t.Fatalf("%d topics in the topic-words file, want 3", len(lines))
			}
			found := map[int]bool{}
			for _, line := range lines {
				top := strings.Fields(line)[:5]
				theme := -1
				for i, th := range topicThemes {
					if th[top[0]] {
						theme = i
					}
				}
				for _, w := range top {
					if theme < 0 || !topicThemes[theme][w] {
						t.Fatalf("topic %q mixes themes", line)
					}
				}
				found[theme] = true
			}
			if len(found) != 3 {
				t.Fatalf("themes found %v, want all three", found)
			}
		})
	}
}

func TestTopicsBadInput(t *testing.T) {
	dir := t.TempDir()
	stops := filepath.Join(dir, "stops.txt")
	os.WriteFile(stops, []byte("the and of\nof the\n"), 0o644)
	model := filepath.Join(dir, "m.json")
	mustRun(t, topicsArgs("--save-model", model)...)
	good := readFile(t, model)
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(text), 0o644)
		return p
	}
	truncated := write("truncated.json", good[:len(good)/2])
	version := write("v2.json", strings.Replace(good, `"version":1`, `"version":2`, 1))
	tampered := write("tampered.json", strings.Replace(good, `"chips"`, `"chip"`, 1))
	infer := func(m string) []string {
		return []string{"topics", "infer", "--model", m, topicsFixture, "--format", "lines", "--tokenizer", "whitespace"}
	}
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"k above documents", topicsArgs("--k", "30"), 2, "--k 30"},
		{"non-numeric k", topicsArgs("--k", "many"), 2, "--k"},
		{"zero k", topicsArgs("--k", "0"), 2, "--k"},
		{"empty matrix", []string{"topics", stops, "--format", "lines", "--tokenizer", "whitespace", "--k", "1"}, 1, ""},
		{"save-model with several k", topicsArgs("--k", "2,3", "--save-model", filepath.Join(dir, "x.json")), 2, "--save-model"},
		{"holdout with nmf", topicsArgs("--model", "nmf", "--holdout", "0.1"), 2, "--holdout"},
		{"holdout out of range", topicsArgs("--holdout", "1.5"), 2, "--holdout"},
		{"infer without model", []string{"topics", "infer", topicsFixture, "--format", "lines"}, 2, "--model"},
		{"infer missing model", infer(filepath.Join(dir, "none.json")), 2, "none.json"},
		{"infer truncated model", infer(truncated), 2, "truncated.json"},
		{"infer later version", infer(version), 2, "version 2"},
		{"infer tampered vocabulary", infer(tampered), 2, "checksum"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errs, code := runCLI(t, "", c.args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d: %s", code, c.code, errs)
			}
			if !strings.Contains(errs, c.msg) {
				t.Fatalf("stderr %q should mention %q", errs, c.msg)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "x.json")); err == nil {
		t.Error("a model file was written despite the usage error")
	}
}

// parseTable reads a TSV table into rows of fields, header first.
func parseTable(t *testing.T, out string) [][]string {
	t.Helper()
	var rows [][]string
	for _, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		rows = append(rows, strings.Split(line, "\t"))
	}
	if len(rows) < 2 {
		t.Fatalf("no rows in %q", out)
	}
	return rows
}

func argmax(fields []string) int {
	best, arg := math.Inf(-1), -1
	for i, f := range fields {
		v, err := strconv.ParseFloat(f, 64)
		if err == nil && v > best {
			best, arg = v, i
		}
	}
	return arg
}

// TestTopicsSaveInfer: a saved model applied to its own training documents
// puts each document on the topic the fit gave it; inference is the same for
// any --jobs; the saved file records the settings and the vocabulary.
func TestTopicsSaveInfer(t *testing.T) {
	dir := t.TempDir()
	for _, kind := range []string{"lda", "nmf"} {
		t.Run(kind, func(t *testing.T) {
			path := filepath.Join(dir, kind+".json")
			fit := parseTable(t, mustRun(t, topicsArgs("--model", kind, "--table", "docs", "--save-model", path)...))
			var saved struct {
				Version  int
				Kind     string
				K        int
				Terms    []string
				Settings map[string]string
			}
			if err := json.Unmarshal([]byte(readFile(t, path)), &saved); err != nil {
				t.Fatal(err)
			}
			if saved.Version != 1 || saved.Kind != kind || saved.K != 3 || len(saved.Terms) != 21 || saved.Settings["tokenizer"] != "whitespace" {
				t.Fatalf("saved header %+v", saved)
			}
			// No --tokenizer here: the saved setting applies.
			args := []string{"topics", "infer", "--model", path, topicsFixture, "--format", "lines", "-q"}
			inf1 := mustRun(t, append(args, "--jobs", "1")...)
			inf2 := mustRun(t, append(args, "--jobs", "2")...)
			if inf1 != inf2 {
				t.Fatal("infer differs between --jobs 1 and 2")
			}
			inf := parseTable(t, inf1)
			if len(inf) != len(fit) {
				t.Fatalf("infer gave %d rows, fit %d", len(inf), len(fit))
			}
			for d := 1; d < len(fit); d++ {
				if inf[d][0] != fit[d][0] {
					t.Fatalf("row %d: doc %s vs %s", d, inf[d][0], fit[d][0])
				}
				if inf[d][1] != "26" {
					t.Errorf("doc %s: %s tokens in the vocabulary, want 26", inf[d][0], inf[d][1])
				}
				if a, b := argmax(fit[d][1:]), argmax(inf[d][2:]); a != b {
					t.Errorf("doc %s: fit topic %d, inferred topic %d", fit[d][0], a, b)
				}
			}
		})
	}
}

// TestTopicsHoldoutColumn: --holdout fills the k table's perplexity column
// with numbers above 1; with k=3, the fixture's number of themes, the model
// beats the uniform distribution over the 21 terms (perplexity 21); without
// --holdout the column is empty.
func TestTopicsHoldoutColumn(t *testing.T) {
	with := parseTable(t, mustRun(t, topicsArgs("--k", "2,3", "--holdout", "0.2")...))
	without := parseTable(t, mustRun(t, topicsArgs("--k", "2,3")...))
	col := len(with[0]) - 1
	if with[0][col] != "heldout_perplexity" {
		t.Fatalf("last column %q", with[0][col])
	}
	for _, row := range with[1:] {
		v, err := strconv.ParseFloat(row[col], 64)
		if err != nil || v <= 1 || math.IsInf(v, 0) || (row[0] == "3" && v >= 21) {
			t.Errorf("k=%s: perplexity %q, want a number above 1 (below 21 for k=3)", row[0], row[col])
		}
	}
	for _, row := range without[1:] {
		if row[col] != "" {
			t.Errorf("k=%s: perplexity %q without --holdout", row[0], row[col])
		}
	}
}

// TestTopicsExampleSentences: documents mix three sentences of one theme
// with one of another; each topic's example sentence must come from the
// topic's own theme.
func TestTopicsExampleSentences(t *testing.T) {
	themes := [][]string{
		strings.Fields("semiconductor chips lithography fabs wafer export controls"),
		strings.Fields("satellite rocket launch orbit lunar station spacecraft"),
	}
	var b strings.Builder
	for d := 0; d < 12; d++ {
		main, other := themes[d%2], themes[1-d%2]
		for s := 0; s < 4; s++ {
			words := main
			if s == 2 {
				words = other
			}
			for i := 0; i < 6; i++ {
				if i > 0 {
					b.WriteByte(' ')
				}
				w := words[(d+s+i*2)%7]
				if i == 0 {
					w = strings.ToUpper(w[:1]) + w[1:]
				}
				b.WriteString(w)
			}
			b.WriteString(". ")
		}
		b.WriteByte('\n')
	}
	out, errs, code := runCLI(t, b.String(), "topics", "--format", "lines", "--k", "2", "--seed", "1", "--table", "examples", "--top", "3", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows := parseTable(t, out)
	if rows[0][len(rows[0])-1] != "sentence" {
		t.Fatalf("header %v", rows[0])
	}
	for _, row := range rows[1:] {
		labelTheme, sentTheme := -1, -1
		for i, th := range themes {
			for _, w := range th {
				if strings.HasPrefix(row[1], w+"_") {
					labelTheme = i
				}
				if strings.Contains(strings.ToLower(row[5]), w) {
					if sentTheme >= 0 && sentTheme != i {
						t.Fatalf("sentence %q mixes themes", row[5])
					}
					sentTheme = i
				}
			}
		}
		if labelTheme < 0 || labelTheme != sentTheme {
			t.Errorf("topic %s (%s): example sentence %q is from another theme", row[0], row[1], row[5])
		}
	}
}
