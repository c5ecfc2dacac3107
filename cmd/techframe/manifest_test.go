package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

type manifestJSON struct {
	Run struct {
		Version, Started string
		CommandLine      string `json:"command_line"`
		GoVersion        string `json:"go_version"`
	}
	Settings map[string]any
	Lexicons map[string]struct{ SHA256 string }
	Inputs   []struct {
		Path, SHA256, Format string
		Bytes                int64
		Documents            int
	}
	Warnings struct {
		Total  int
		ByKind map[string]int `json:"by_kind"`
	}
	Timings map[string]float64
}

var hex64 = regexp.MustCompile(`^[0-9a-f]{64}$`)

// builtinSHA256s reads the lexicon SHA-256s that "techframe lexicons list"
// prints.
func builtinSHA256s(t *testing.T) map[string]string {
	t.Helper()
	out, errs, code := runCLI(t, "", "lexicons", "list")
	if code != 0 {
		t.Fatalf("lexicons list: exit %d: %s", code, errs)
	}
	sums := map[string]string{}
	for _, line := range strings.Split(out, "\n")[1:] {
		f := strings.Fields(line)
		if len(f) > 0 {
			sums[f[0]] = f[len(f)-1]
		}
	}
	return sums
}

// annotate, sample and evaluate --manifest FILE write the run's manifest:
// the lexicon SHA-256s (the ones lexicons list prints, and the framing
// model's), the inputs with their SHA-256, settings and warnings.
func TestManifestForAnnotateSampleEvaluate(t *testing.T) {
	dir := t.TempDir()
	corpus := writeManifestCorpus(t, dir)
	gold := writeFile(t, dir, "gold.csv", "doc_id,index,label\nd1,0,cooperation\nd2,1,competition\n")
	raw, _ := os.ReadFile(corpus)
	sum := sha256.Sum256(raw)
	corpusSHA := hex.EncodeToString(sum[:])
	lexSHA := builtinSHA256s(t)
	if len(lexSHA) < 2 {
		t.Fatalf("lexicons list printed %v", lexSHA)
	}
	cases := []struct {
		cmd  string
		args []string
		// settings the manifest must record
		settings []string
	}{
		{"annotate", []string{"annotate", corpus, "-o", filepath.Join(dir, "a.jsonl")}, []string{"level", "output_format", "jobs"}},
		{"sample", []string{"sample", corpus, "--n", "3", "--seed", "9", "-o", filepath.Join(dir, "s.csv")}, []string{"seed", "n", "stratify"}},
		{"evaluate", []string{"evaluate", "--gold", gold, corpus, "--bootstrap", "10"}, []string{"gold", "bootstrap", "output_format"}},
	}
	for _, c := range cases {
		t.Run(c.cmd, func(t *testing.T) {
			path := filepath.Join(dir, c.cmd+".manifest.json")
			if _, errs, code := runCLI(t, "", append(c.args, "-q", "--manifest", path)...); code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var m manifestJSON
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatalf("manifest is not JSON: %v\n%s", err, b)
			}
			var sections map[string]json.RawMessage
			json.Unmarshal(b, &sections)
			for _, k := range []string{"run", "settings", "lexicons", "inputs", "warnings", "timings"} {
				if sections[k] == nil {
					t.Errorf("no %q section", k)
				}
			}
			if m.Run.Version != version || !strings.Contains(m.Run.CommandLine, c.cmd+" ") || m.Run.Started == "" || m.Run.GoVersion == "" {
				t.Errorf("run %+v", m.Run)
			}
			for _, name := range []string{"builtin:framing.tsv", "builtin:entities.tsv", "builtin:framing-model.json"} {
				got := m.Lexicons[name].SHA256
				if !hex64.MatchString(got) {
					t.Errorf("lexicon %s: sha256 %q", name, got)
				}
				if want, listed := lexSHA[name]; name != "builtin:framing-model.json" && got != want {
					t.Errorf("lexicon %s: sha256 %s, lexicons list prints %s (listed %v)", name, got, want, listed)
				}
			}
			if len(m.Inputs) != 1 || m.Inputs[0].Path != corpus || m.Inputs[0].SHA256 != corpusSHA || m.Inputs[0].Documents != 2 || m.Inputs[0].Bytes != int64(len(raw)) {
				t.Errorf("inputs %+v, want %s with sha256 %s", m.Inputs, corpus, corpusSHA)
			}
			for _, k := range c.settings {
				if _, ok := m.Settings[k]; !ok {
					t.Errorf("no setting %q in %v", k, m.Settings)
				}
			}
			if m.Warnings.Total != 0 || m.Warnings.ByKind == nil {
				t.Errorf("warnings %+v", m.Warnings)
			}
			if _, ok := m.Timings["read + annotate (wall)"]; !ok {
				t.Errorf("timings %v", m.Timings)
			}
			// Deterministic apart from the start time and the timings.
			path2 := filepath.Join(dir, c.cmd+".again.json")
			args := append(append([]string(nil), c.args...), "-q", "--manifest", path2)
			if _, errs, code := runCLI(t, "", args...); code != 0 {
				t.Fatalf("second run: exit %d: %s", code, errs)
			}
			b2, _ := os.ReadFile(path2)
			if strip(b, path) != strip(b2, path2) {
				t.Errorf("two runs differ:\n%s\n%s", b, b2)
			}
		})
	}

	// evaluate -t json carries the lexicon SHA-256s too.
	out, errs, code := runCLI(t, "", "evaluate", "--gold", gold, corpus, "--bootstrap", "0", "-t", "json")
	if code != 0 {
		t.Fatalf("evaluate json: exit %d: %s", code, errs)
	}
	var ev struct {
		Lexicons map[string]struct{ SHA256 string }
	}
	json.Unmarshal([]byte(out), &ev)
	if ev.Lexicons["builtin:framing.tsv"].SHA256 != lexSHA["builtin:framing.tsv"] || ev.Lexicons["builtin:entities.tsv"].SHA256 != lexSHA["builtin:entities.tsv"] || !hex64.MatchString(ev.Lexicons["builtin:framing-model.json"].SHA256) {
		t.Errorf("evaluate -t json lexicons %+v", ev.Lexicons)
	}
}

// strip blanks what may differ between two runs: the start time, the
// timings and the manifest's own name on the command line.
func strip(b []byte, path string) string {
	var m map[string]any
	json.Unmarshal(b, &m)
	run := m["run"].(map[string]any)
	delete(run, "started")
	delete(run, "args")
	run["command_line"] = strings.ReplaceAll(run["command_line"].(string), path, "M")
	timings := m["timings"].(map[string]any)
	for k := range timings {
		timings[k] = 0
	}
	out, _ := json.Marshal(m)
	return string(out)
}

// A --manifest path in a missing folder is a usage error before any input
// is read, and nothing is written: neither the manifest nor -o.
func TestManifestMissingFolderIsUsageError(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no", "such", "m.json")
	// The inputs do not exist either: reading them would fail differently.
	absent := filepath.Join(dir, "absent.jsonl")
	for _, args := range [][]string{
		{"annotate", absent, "-o", filepath.Join(dir, "a.jsonl")},
		{"sample", absent, "-o", filepath.Join(dir, "s.csv")},
		{"evaluate", "--gold", filepath.Join(dir, "absent.csv"), absent},
	} {
		_, errs, code := runCLI(t, "", append(args, "--manifest", missing)...)
		if code != 2 || !strings.Contains(errs, "--manifest "+missing+": folder "+filepath.Dir(missing)+" does not exist") {
			t.Errorf("%s: exit %d, %q; want exit 2 naming the missing folder", args[0], code, errs)
		}
		if strings.Contains(errs, "absent") {
			t.Errorf("%s: inputs were read before --manifest was checked: %s", args[0], errs)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("files left behind: %v", entries)
	}
	// A failed run leaves no manifest (and no temporary file).
	bad := writeFile(t, dir, "bad.csv", "label\ncooperation\n")
	m := filepath.Join(dir, "m.json")
	if _, _, code := runCLI(t, "", "evaluate", "--gold", bad, absent, "--manifest", m); code != 2 {
		t.Errorf("bad gold: exit %d, want 2", code)
	}
	entries, _ = os.ReadDir(dir)
	var names bytes.Buffer
	for _, e := range entries {
		names.WriteString(e.Name() + " ")
	}
	if strings.TrimSpace(names.String()) != "bad.csv" {
		t.Errorf("after a failed run the folder holds %s", names.String())
	}
}

// A manifest kept inside the folder that -o DIR/ creates is written there
// on the first run and survives the next one.
func TestManifestInsideOutputFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "tables") + "/"
	m := filepath.Join(out, "run.manifest.json")
	for run := 1; run <= 2; run++ {
		if _, errs, code := runCLI(t, "", "evaluate", "--gold", filepath.Join(samplesDir, "coded.csv"), samplesArticles, "--bootstrap", "0", "-o", out, "--manifest", m); code != 0 {
			t.Fatalf("run %d: exit %d: %s", run, code, errs)
		}
		if _, err := os.Stat(m); err != nil {
			t.Fatalf("run %d: no manifest: %v", run, err)
		}
		if _, err := os.Stat(filepath.Join(out, "Metrics.csv")); err != nil {
			t.Fatalf("run %d: no tables: %v", run, err)
		}
	}
}

// --manifest naming the -o output, an input, the --gold file or an
// --exclude file is a usage error before any input is read (the manifest
// would replace that file), also when spelled differently.
func TestManifestSameAsAnotherFileIsUsageError(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.txt", "China and the EU signed a joint AI pact. Trade volumes rose by a tenth.\n")
	gold := writeFile(t, dir, "gold.csv", "sentence,label\nTrade volumes rose by a tenth.,neutral\n")
	same := writeFile(t, dir, "same.json", "keep me\n")
	sameCSV := writeFile(t, dir, "same.csv", "keep me\n")     // sample -o must be CSV
	sameJSONL := writeFile(t, dir, "same.jsonl", "keep me\n") // annotate -o refuses .json
	other := filepath.Join(dir, "sub", "..", "same.json")     // same file, another spelling
	absent := filepath.Join(dir, "absent.txt")
	cases := []struct {
		name string
		args []string
		role string
	}{
		{"annotate -o", []string{"annotate", in, "-o", sameJSONL, "--manifest", sameJSONL}, "the -o output"},
		{"annotate -o, other spelling", []string{"annotate", absent, "-o", other + "l", "--manifest", sameJSONL}, "the -o output"},
		{"annotate input", []string{"annotate", same, "--manifest", same}, "an input"},
		{"sample -o", []string{"sample", absent, "-o", sameCSV, "--manifest", sameCSV}, "the -o output"},
		{"sample input", []string{"sample", absent, same, "-o", filepath.Join(dir, "s.csv"), "--manifest", same}, "an input"},
		{"sample --exclude", []string{"sample", absent, "--exclude", same, "-o", filepath.Join(dir, "s.csv"), "--manifest", same}, "an --exclude file"},
		{"evaluate -o", []string{"evaluate", "--gold", gold, absent, "-o", same, "--manifest", same}, "the -o output"},
		{"evaluate input", []string{"evaluate", "--gold", gold, same, "--manifest", same}, "an input"},
		{"evaluate --gold", []string{"evaluate", "--gold", same, absent, "--manifest", same}, "the --gold file"},
	}
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := c.args[len(c.args)-1]
			_, errs, code := runCLI(t, "", append(c.args, "-q")...)
			if code != 2 || !strings.Contains(errs, "--manifest "+m+" is also "+c.role) {
				t.Errorf("exit %d, %q; want exit 2 naming %s", code, errs, c.role)
			}
			if strings.Contains(errs, "absent") {
				t.Errorf("inputs were read before --manifest was checked: %s", errs)
			}
			for _, p := range []string{same, sameCSV, sameJSONL} {
				if b, _ := os.ReadFile(p); string(b) != "keep me\n" {
					t.Errorf("%s now holds %q", p, b)
				}
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 6 { // in.txt, gold.csv, same.json, same.csv, same.jsonl, sub
		t.Errorf("files left behind: %v", entries)
	}
}

// evaluate's manifest identifies the gold file, sample's the --exclude
// sheets: path, SHA-256, size and data rows; annotate has neither section.
func TestManifestRecordsGoldAndExclude(t *testing.T) {
	dir := t.TempDir()
	corpus := writeManifestCorpus(t, dir)
	gold := writeFile(t, dir, "gold.csv", "doc_id,index,label\nd1,0,cooperation\n\nd2,1,competition\nd2,0,\n")
	excl1 := writeFile(t, dir, "x1.csv", "doc_id,index,sentence,label\nd1,0,,\n")
	excl2 := writeFile(t, dir, "x2.csv", "sentence,label\nExport controls tightened.,neutral\nTrade volumes rose by a tenth.,\n")
	sha := func(p string) (string, int64) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		return hex.EncodeToString(sum[:]), int64(len(b))
	}
	type file struct {
		Path, SHA256 string
		Bytes        int64
		Rows         int
	}
	var m struct {
		Gold    *file
		Exclude *[]file
	}
	read := func(args ...string) {
		t.Helper()
		path := filepath.Join(dir, args[0]+".manifest.json")
		if _, errs, code := runCLI(t, "", append(args, "-q", "--manifest", path)...); code != 0 {
			t.Fatalf("%s: exit %d: %s", args[0], code, errs)
		}
		b, _ := os.ReadFile(path)
		m.Gold, m.Exclude = nil, nil
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
	}
	check := func(got file, path string, rows int) {
		t.Helper()
		s, n := sha(path)
		if got != (file{path, s, n, rows}) {
			t.Errorf("got %+v, want %s with sha256 %s, %d bytes, %d rows", got, path, s, n, rows)
		}
	}

	read("evaluate", "--gold", gold, corpus, "--bootstrap", "0")
	if m.Gold == nil {
		t.Fatal("evaluate: no gold section")
	}
	check(*m.Gold, gold, 3) // two coded rows and one uncoded; the blank line is not a row
	if m.Exclude != nil {
		t.Errorf("evaluate: exclude section %+v", *m.Exclude)
	}

	read("sample", corpus, "--n", "2", "--exclude", excl1, "--exclude", excl2, "-o", filepath.Join(dir, "s.csv"))
	if m.Exclude == nil || len(*m.Exclude) != 2 {
		t.Fatalf("sample: exclude section %+v", m.Exclude)
	}
	check((*m.Exclude)[0], excl1, 1)
	check((*m.Exclude)[1], excl2, 2)
	if m.Gold != nil {
		t.Errorf("sample: gold section %+v", *m.Gold)
	}
	read("sample", corpus, "--n", "2", "-o", filepath.Join(dir, "s.csv"))
	if m.Exclude == nil || len(*m.Exclude) != 0 {
		t.Errorf("sample without --exclude: exclude section %+v, want []", m.Exclude)
	}

	read("annotate", corpus, "-o", filepath.Join(dir, "a.jsonl"))
	if m.Gold != nil || m.Exclude != nil {
		t.Errorf("annotate: gold %+v, exclude %+v", m.Gold, m.Exclude)
	}
}

// writeManifestCorpus writes the two-document JSONL corpus the manifest
// tests run on and returns its path.
func writeManifestCorpus(t *testing.T, dir string) string {
	t.Helper()
	return writeFile(t, dir, "corpus.jsonl",
		`{"id":"d1","text":"China and the EU signed a joint AI pact. Trade volumes rose by a tenth."}`+"\n"+
			`{"id":"d2","text":"Rivalry between the powers grew over chips. Export controls tightened."}`+"\n")
}

// --manifest naming a file that an input folder or a quoted glob brings
// in is refused like one named on the command line, by every command with
// --manifest, before anything is read (the missing input, gold and
// --exclude files would otherwise be reported), and the file is left as
// it was. Before, only inputs named directly were checked, and the
// manifest replaced the article after the run.
func TestManifestNeverReplacesAFoundInput(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(corpus, 0o755); err != nil {
		t.Fatal(err)
	}
	article := map[string]string{}
	for i, text := range []string{
		"China and the EU signed a joint AI pact.\n",
		"Beijing and Washington compete over chips.\n",
		"Trade volumes rose by a tenth.\n",
	} {
		name := fmt.Sprintf("a%02d.txt", i+1)
		article[writeFile(t, corpus, name, text)] = text
	}
	a01, a02, a03 := filepath.Join(corpus, "a01.txt"), filepath.Join(corpus, "a02.txt"), filepath.Join(corpus, "a03.txt")
	absent := filepath.Join(dir, "absent.txt")
	noGold := filepath.Join(dir, "no-gold.csv")
	noExclude := filepath.Join(dir, "no-exclude.csv")
	glob := filepath.Join(corpus, "*.txt")
	otherSpelling := filepath.Join(dir, "sub", "..", "corpus", "a02.txt")
	out := func(name string) string { return filepath.Join(dir, name) }
	cases := []struct {
		name string
		args []string
	}{
		{"annotate folder", []string{"annotate", absent, corpus + "/", "-o", out("out.jsonl"), "--manifest", a01}},
		{"annotate glob", []string{"annotate", absent, glob, "-o", out("out.jsonl"), "--manifest", a02}},
		{"annotate folder, other spelling", []string{"annotate", absent, corpus, "-o", out("out.jsonl"), "--manifest", otherSpelling}},
		{"sample folder", []string{"sample", absent, corpus, "--exclude", noExclude, "-o", out("s.csv"), "--manifest", a03}},
		{"sample glob", []string{"sample", absent, glob, "--exclude", noExclude, "-o", out("s.csv"), "--manifest", a01}},
		{"evaluate folder", []string{"evaluate", "--gold", noGold, absent, corpus, "--manifest", a02}},
		{"evaluate glob", []string{"evaluate", "--gold", noGold, absent, glob, "--manifest", a03}},
	}
	// Without the missing files, a run that is let through reads the
	// corpus and writes its manifest over the article.
	gold := writeFile(t, dir, "gold.csv", "sentence,label\nTrade volumes rose by a tenth.,neutral\n")
	exclude := writeFile(t, dir, "x.csv", "doc_id,index,sentence,label\n")
	whole := func(args []string) []string {
		var out []string
		for _, a := range args {
			switch a {
			case absent:
			case noGold:
				out = append(out, gold)
			case noExclude:
				out = append(out, exclude)
			default:
				out = append(out, a)
			}
		}
		return out
	}
	for _, c := range cases {
		for _, args := range [][]string{c.args, whole(c.args)} {
			m := args[len(args)-1]
			_, errs, code := runCLI(t, "", append(args, "-q")...)
			if code != 2 || !strings.Contains(errs, "--manifest "+m+" is also an input") {
				t.Errorf("%s %q: exit %d, %q; want exit 2: --manifest %s is also an input", c.name, args, code, errs, m)
			}
			for _, p := range []string{"absent", "no-gold", "no-exclude"} {
				if strings.Contains(errs, p) {
					t.Errorf("%s: files were read before --manifest was checked: %s", c.name, errs)
				}
			}
			for p, text := range article {
				if b, err := os.ReadFile(p); err != nil || string(b) != text {
					t.Errorf("%s %q: %s now holds %q (%v)", c.name, args, p, b, err)
					os.WriteFile(p, []byte(text), 0o644)
				}
			}
		}
	}
	for _, p := range []string{"out.jsonl", "s.csv"} {
		if _, err := os.Stat(out(p)); err == nil {
			t.Errorf("a refused run wrote %s", p)
		}
	}
	entries, _ := os.ReadDir(corpus)
	if len(entries) != 3 {
		t.Errorf("files left in the corpus: %v", entries)
	}
}

// TestOutputNeverReplacesAFoundInputBeforeReading: sample's and
// evaluate's -o naming a file that an input folder brings in is refused
// before the --exclude or --gold sheet is read (a missing one is not
// reported), and the input is left as it was.
func TestOutputNeverReplacesAFoundInputBeforeReading(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	if err := os.MkdirAll(corpus, 0o755); err != nil {
		t.Fatal(err)
	}
	const data = "id,text\nd1,China and the EU signed a joint AI pact.\n"
	in := writeFile(t, corpus, "data.csv", data)
	for _, args := range [][]string{
		{"sample", corpus, "--exclude", filepath.Join(dir, "no-exclude.csv"), "-o", in},
		{"evaluate", "--gold", filepath.Join(dir, "no-gold.csv"), corpus, "-o", in},
	} {
		_, errs, code := runCLI(t, "", append(args, "-q")...)
		if code != 2 || !strings.Contains(errs, "is also an input") || strings.Contains(errs, "no-") {
			t.Errorf("%v: exit %d, %q; want exit 2 for -o before the missing sheet is read", args[0], code, errs)
		}
		if b, _ := os.ReadFile(in); string(b) != data {
			t.Errorf("%v: the input now holds %q", args[0], b)
		}
	}
}
