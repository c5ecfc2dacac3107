package framing

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/techframe/techframe/lexicons"
	"github.com/techframe/techframe/pipeline"
)

// allExamples is the four gold sets as one training set, in goldSets order.
func allExamples(t *testing.T) []Example {
	sets, _ := loadSets(t)
	var all []Example
	for _, s := range sets {
		all = append(all, s...)
	}
	return append(all, codebookExamples(t)...)
}

func TestTrainDeterministic(t *testing.T) {
	all := allExamples(t)
	var first []byte
	for i := 0; i < 3; i++ {
		m, err := Train(all, TrainOptions{})
		if err != nil {
			t.Fatal(err)
		}
		b, err := m.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = b
		} else if !bytes.Equal(first, b) {
			t.Fatalf("run %d gave different weights", i+1)
		}
	}
	// A different penalty must give different weights (the test can fail).
	m, _ := Train(all, TrainOptions{L2: 1})
	b, _ := m.Marshal()
	if bytes.Equal(first, b) {
		t.Error("L2=1 gave the same model as the default L2")
	}
}

// TestShippedModelReproducible retrains on the gold sets and the codebook examples and compares
// with lexicons/data/framing-model.json: the shipped file is what
// "techframe framing train" makes from them (it fails when the lexicon or
// features change without retraining).
// retrainCommand is the command that makes the shipped model from the
// training sets (goldSets and codebookGold), with paths from the
// repository root.
func retrainCommand() string {
	cmd := "techframe framing train -q"
	for _, s := range append(goldSets, struct{ name, path string }{"codebook", codebookGold}) {
		cmd += " --gold " + path.Clean(path.Join("pipeline/framing", s.path))
	}
	return cmd + " -o lexicons/data/framing-model.json"
}

func TestShippedModelReproducible(t *testing.T) {
	m, err := Train(allExamples(t), TrainOptions{NGramL2: DefaultNGramL2})
	if err != nil {
		t.Fatal(err)
	}
	m.Training.Sets = testModel.Training.Sets
	b, _ := m.Marshal()
	if !bytes.Equal(b, lexicons.FramingModel()) {
		t.Errorf("retrained model differs from the shipped one; rerun from the repository root:\n  %s", retrainCommand())
	}
	if testModel.SHA256 != lexicons.FramingModelSHA256() || testModel.Name != lexicons.FramingModelName {
		t.Errorf("default model %s %s, want %s %s", testModel.Name, testModel.SHA256, lexicons.FramingModelName, lexicons.FramingModelSHA256())
	}
}

func TestModelRoundTrip(t *testing.T) {
	m, err := Train(allExamples(t)[:600], TrainOptions{L2: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	m.Training.Sets = []string{"a.csv"}
	b, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "m.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	if back.W != m.W || back.B != m.B {
		t.Error("weights changed in the round trip")
	}
	// With n-grams: the rows and their lookup survive too.
	mg, err := Train(allExamples(t)[:600], TrainOptions{NGramL2: 0.01, MaxNGrams: 50})
	if err != nil {
		t.Fatal(err)
	}
	bg, _ := mg.Marshal()
	backg, err := ParseModel("g.json", bg)
	if err != nil {
		t.Fatal(err)
	}
	if len(mg.GramRows) != 50 || len(backg.GramRows) != 50 || len(backg.Grams) != 50 {
		t.Fatalf("n-gram rows: trained %d, read %d (%d keys), want 50", len(mg.GramRows), len(backg.GramRows), len(backg.Grams))
	}
	for i, g := range mg.GramRows {
		if backg.GramRows[i] != g || backg.Grams[mustHash(t, g.Name)] != int32(i) {
			t.Errorf("n-gram row %d (%s) changed in the round trip", i, g.Name)
		}
	}
	if back.Name != path || back.SHA256 != hexSum(b) || back.Training.L2 != 0.3 || back.Training.Sets[0] != "a.csv" {
		t.Errorf("round trip: name %q sha %q training %+v", back.Name, back.SHA256, back.Training)
	}
	b2, _ := back.Marshal()
	if !bytes.Equal(b, b2) {
		t.Error("marshalling the read model gives different bytes")
	}
}

// editBias rewrites the bias row of a model file through generic JSON.
func editBias(t *testing.T, data string, edit func(map[string]any)) string {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(data), &v); err != nil {
		t.Fatal(err)
	}
	edit(v["weights"].([]any)[0].(map[string]any))
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// dropLastRow removes the last feature row of a model file.
func dropLastRow(t *testing.T, data string) string {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(data), &v); err != nil {
		t.Fatal(err)
	}
	w := v["weights"].([]any)
	v["weights"] = w[:len(w)-1]
	b, _ := json.Marshal(v)
	return string(b)
}

func TestParseModelErrors(t *testing.T) {
	good := string(lexicons.FramingModel())
	tests := []struct{ name, data, want string }{
		{"empty", "", "not a framing model"},
		{"not JSON", "feature\tclass\tweight\n", "not a framing model"},
		{"topic model", `{"format":"techframe-topics","version":1}`, `format is "techframe-topics"`},
		{"version", strings.Replace(good, `"version": 2`, `"version": 7`, 1), "version 7"},
		{"labels", strings.Replace(good, `"both",`, `"mixed",`, 1), "labels"},
		{"unknown feature", strings.Replace(good, `"feature": "length_long"`, `"feature": "length_huge"`, 1), `unknown feature "length_huge"`},
		{"duplicate", strings.Replace(good, `"feature": "length_long"`, `"feature": "length_medium"`, 1), `"length_medium" given twice`},
		{"missing weight", editBias(t, good, func(r map[string]any) { delete(r, "both") }), "no weight for both"},
		{"null weight", editBias(t, good, func(r map[string]any) { r["both"] = nil }), "no weight for both"},
		{"string weight", editBias(t, good, func(r map[string]any) { r["both"] = "1.5" }), "not a framing model"},
		{"bias twice", strings.Replace(good, `"feature": "length_long"`, `"feature": "bias"`, 1), `"bias" given twice`},
		{"missing feature", dropLastRow(t, good), `no weights for feature "rule_both"`},
		{"three-word n-gram", strings.Replace(good, `"ngrams": [
    {
      "feature": "`, `"ngrams": [
    {
      "feature": "a b c`, 1), "is not one or two words"},
		{"n-grams in version 1", strings.Replace(good, `"version": 2`, `"version": 1`, 1), "version 1 files have no n-grams"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseModel("my-model.json", []byte(tc.data))
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, pipeline.ErrUsage) {
				t.Errorf("%v is not a usage error", err)
			}
			var me *ModelError
			if !errors.As(err, &me) || me.File != "my-model.json" || !strings.Contains(err.Error(), "my-model.json") {
				t.Errorf("error %v does not name the file", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to contain %q", err, tc.want)
			}
		})
	}
	if _, err := LoadModel(filepath.Join(t.TempDir(), "missing.json")); err == nil || !strings.Contains(err.Error(), "missing.json") || !errors.Is(err, pipeline.ErrUsage) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := ParseModel("ok.json", []byte(good)); err != nil {
		t.Errorf("the shipped model does not parse: %v", err)
	}
}

func mustHash(t *testing.T, name string) uint64 {
	k, ok := hashGramName(name)
	if !ok {
		t.Fatalf("bad n-gram %q", name)
	}
	return k
}

// TestLabelsTraceToCues checks on every gold sentence that the combiner
// gives a frame only with a counted cue for it, and neutral without cues,
// and that the tagger's label (hashed n-grams) equals LabelExample's (n-gram
// names).
func TestLabelsTraceToCues(t *testing.T) {
	frames := map[string]int{}
	sets, _ := loadSets(t)
	for gi, s := range goldSets {
		for i, r := range readGold(t, s.path) {
			got := tag(oneSentence(r.sentence)).Sentences[0].Frame
			if want := LabelExample(testModel, sets[gi][i]); got != want {
				t.Errorf("%s row %d: tagger says %s, LabelExample %s", s.name, i+1, got, want)
			}
		}
	}
	for _, ex := range allExamples(t) {
		l := LabelExample(testModel, ex)
		frames[l]++
		if ex.F == nil {
			if l != Neutral {
				t.Fatalf("no cue but label %s", l)
			}
			continue
		}
		if (l == Cooperation || l == Both) && ex.F[FCoopScore] <= 0 || (l == Competition || l == Both) && ex.F[FCompScore] <= 0 {
			t.Errorf("label %s without a counted cue: %v", l, ex.F)
		}
	}
	for _, l := range Labels {
		if frames[l] == 0 {
			t.Errorf("the model never says %s on the gold sets", l)
		}
	}
}

func FuzzParseModel(f *testing.F) {
	f.Add(lexicons.FramingModel())
	f.Add([]byte(`{"format":"techframe-framing-model","version":1,"labels":["cooperation","competition","both","neutral"],"weights":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseModel("fuzz.json", data)
		if err != nil {
			if !errors.Is(err, pipeline.ErrUsage) {
				t.Fatalf("not a usage error: %v", err)
			}
			return
		}
		var fe Features
		fe[FCoopScore] = 1
		_ = m.Label(&fe)
		b, err := m.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseModel("again.json", b)
		if err != nil || back.W != m.W || back.B != m.B || len(back.GramRows) != len(m.GramRows) || back.LabelCueless != m.LabelCueless {
			t.Fatalf("re-read: %v", err)
		}
		for i, g := range m.GramRows {
			if back.GramRows[i] != g {
				t.Fatalf("n-gram row %d changed: %+v -> %+v", i, g, back.GramRows[i])
			}
		}
	})
}
