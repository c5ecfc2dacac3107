package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputNeverReplacesARunFile: an -o that names a file the run reads
// (an input given or found in a folder, the gold, a lexicon, a model) or a
// folder of CSV tables that holds inputs is refused with exit 2 before any
// work, and the file is left as it was; an -o in a missing folder is a
// usage error naming the folder.
func TestOutputNeverReplacesARunFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	corpus := write("c.csv", "id,text\nx1,We will cooperate with China.\n")
	inFolder := write("corp/d.csv", "id,text\nx2,Beijing and Washington compete.\n")
	folder := filepath.Dir(inFolder)
	gold := write("g.csv", "doc_id,index,label\nx1,0,cooperation\n")
	train := write("tr.csv", "sentence,label\nWe agree.,cooperation\nThey compete.,competition\n")
	lex := write("my_framing.tsv", "# kind: framing\nfoo\tcooperation\t1\n")
	shipped, err := os.ReadFile("../../lexicons/data/framing-model.json")
	if err != nil {
		t.Fatal(err)
	}
	model := write("m.json", string(shipped))
	stop := write("sw.txt", "the\n")
	keep := write("keep.json", "OLD")
	// Not .json: topics infer -o refuses that name before anything else
	// (its output is JSON Lines), and this case is about the guard.
	topicModel := filepath.Join(dir, "topics.model")
	three := write("three.jsonl", `{"id":"d1","text":"Trade and cooperation with China on chips."}`+"\n"+`{"id":"d2","text":"Chips and trade grow."}`+"\n"+`{"id":"d3","text":"Rivalry over chips with China."}`+"\n")
	if _, errs, code := runCLI(t, "", "topics", three, "--k", "2", "-q", "--save-model", topicModel, "-o", os.DevNull); code != 0 {
		t.Fatalf("topics --save-model: exit %d, %s", code, errs)
	}
	sheet := filepath.Join(dir, "tocode.xlsx")
	if _, errs, code := runCLI(t, "", "sample", corpus, "-q", "-o", sheet); code != 0 {
		t.Fatalf("sample -o tocode.xlsx: exit %d, %s", code, errs)
	}
	for _, tc := range []struct {
		args    []string
		victim  string // the file that must be left as it was
		message string
	}{
		{[]string{"annotate", corpus, "-o", corpus, "-t", "csv"}, corpus, "is also an input"},
		{[]string{"annotate", folder, "-o", inFolder, "-t", "csv"}, inFolder, "is also an input"},
		{[]string{"sample", corpus, "-o", corpus}, corpus, "is also an input"},
		{[]string{"evaluate", "--gold", gold, corpus, "-o", corpus}, corpus, "is also an input"},
		{[]string{"evaluate", "--gold", gold, folder, "-o", folder + "/"}, inFolder, "is also an input"},
		{[]string{"evaluate", "--gold", gold, folder, "-o", dir + "/"}, inFolder, "holds the input " + folder},
		{[]string{"annotate", corpus, "--lexicon", lex, "-o", lex}, lex, "is also a --lexicon file"},
		{[]string{"annotate", corpus, "--lexicon", dir, "-o", lex}, lex, "is also a --lexicon file"},
		{[]string{"evaluate", "--gold", gold, corpus, "--framing-model", model, "-o", model}, model, "is also the --framing-model file"},
		{[]string{"framing", "train", "-q", "--gold", train, "-o", train}, train, "is also the --gold file"},
		{[]string{"analyze", corpus, "-q", "--gold", sheet, "-o", sheet}, sheet, "is also the --gold file"},
		// The other outputs: topic words, saved models, matrices.
		{[]string{"topics", "infer", "--model", topicModel, three, "-o", topicModel}, topicModel, "-o " + topicModel + " is also the --model file"},
		{[]string{"topics", corpus, "--k", "2", "-q", "--topic-words", corpus}, corpus, "--topic-words " + corpus + " is also an input"},
		{[]string{"topics", corpus, "--k", "2", "-q", "--save-model", corpus}, corpus, "--save-model " + corpus + " is also an input"},
		{[]string{"keywords", corpus, "--stopwords", stop, "-o", stop}, stop, "is also the --stopwords file"},
		{[]string{"keywords", folder, "--export-matrix", folder, "-o", filepath.Join(dir, "kw.tsv")}, inFolder, "--export-matrix " + folder + " is also an input"},
		{[]string{"topics", corpus, "--k", "2", "-q", "-o", filepath.Join(dir, "t.tsv"), "--save-model", filepath.Join(dir, "t.tsv")}, "", "-o and --save-model both name"},
		{[]string{"topics", corpus, "--k", "2", "-q", "--save-model", keep, "--topic-words", filepath.Join(dir, "nodir", "tw.txt")}, keep, "--topic-words " + filepath.Join(dir, "nodir", "tw.txt") + ": folder"},
		{[]string{"annotate", corpus, "-o", filepath.Join(dir, "nodir", "x.jsonl")}, "", "folder " + filepath.Join(dir, "nodir") + " does not exist"},
		{[]string{"framing", "train", "-q", "--gold", train, "--l2", "NaN", "-o", filepath.Join(dir, "new.json")}, "", "--l2 must be a positive number"},
		{[]string{"framing", "train", "-q", "--gold", train, "--ngram-l2", "NaN", "-o", filepath.Join(dir, "new.json")}, "", "--ngram-l2 must be 0"},
	} {
		var before []byte
		if tc.victim != "" {
			before, _ = os.ReadFile(tc.victim)
		}
		_, errs, code := runCLI(t, "", tc.args...)
		if code != 2 || !strings.Contains(errs, tc.message) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", tc.args, code, errs, tc.message)
		}
		if tc.victim != "" {
			if after, _ := os.ReadFile(tc.victim); string(after) != string(before) {
				t.Errorf("%q: %s was changed", tc.args, tc.victim)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "new.json")); err == nil {
		t.Errorf("a refused training run wrote its model")
	}
	// A link to the input folder is the input folder.
	link := filepath.Join(dir, "out")
	if err := os.Symlink(folder, link); err == nil {
		if _, errs, code := runCLI(t, "", "analyze", folder, "-q", "-o", link+"/"); code != 2 || !strings.Contains(errs, "is also an input") {
			t.Errorf("analyze -o LINK/ to the input folder: exit %d, %s", code, errs)
		}
	}
	// Nothing is left behind: no temporary files next to the targets.
	var left []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".tmp-") {
			left = append(left, p)
		}
		return nil
	})
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	// Writing next to the inputs, or into /dev/null, still works.
	if _, errs, code := runCLI(t, "", "annotate", corpus, "-o", filepath.Join(dir, "out.jsonl")); code != 0 {
		t.Errorf("annotate -o out.jsonl: exit %d, %s", code, errs)
	}
	if _, errs, code := runCLI(t, "", "annotate", corpus, "-o", os.DevNull); code != 0 {
		t.Errorf("annotate -o /dev/null: exit %d, %s", code, errs)
	}
}
