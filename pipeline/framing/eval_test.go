package framing

import (
	"encoding/csv"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	evaluation "github.com/techframe/techframe/pipeline/evaluate"
)

type goldRow struct{ id, sentence, label, note string }

// readRecords reads a whole CSV file; a missing file skips the test.
func readRecords(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("gold file not available: %v", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

func readGold(t *testing.T, path string) []goldRow {
	t.Helper()
	recs := readRecords(t, path)
	// Columns by header name: id or doc_id (+ index), sentence, label, note.
	col := map[string]int{}
	if len(recs) > 0 {
		for i, h := range recs[0] {
			col[strings.ToLower(strings.TrimSpace(h))] = i
		}
	}
	get := func(r []string, names ...string) string {
		for _, n := range names {
			if i, ok := col[n]; ok && i < len(r) {
				return r[i]
			}
		}
		return ""
	}
	if _, ok := col["sentence"]; !ok {
		t.Fatalf("%s: no sentence column", path)
	}
	var out []goldRow
	for i, r := range recs {
		if i == 0 {
			continue
		}
		id := get(r, "id", "doc_id")
		if ix := get(r, "index"); ix != "" {
			id += "-" + ix
		}
		out = append(out, goldRow{id, get(r, "sentence"), strings.TrimSpace(get(r, "label")), get(r, "note")})
	}
	return out
}

func evaluate(t *testing.T, name string, rows []goldRow) Scores {
	gold := make([]string, len(rows))
	pred := make([]string, len(rows))
	var misses []string
	for i, r := range rows {
		doc := tag(oneSentence(r.sentence))
		gold[i] = r.label
		pred[i] = doc.Sentences[0].Frame
		if gold[i] != pred[i] {
			var cues []string
			for _, e := range doc.Evidence {
				flag := ""
				if e.Negated {
					flag += "!neg"
				}
				if e.Hedged {
					flag += "!hedge"
				}
				if e.Ignored {
					flag += "!ign(" + e.Reason + ")"
				}
				cues = append(cues, fmt.Sprintf("%s/%s/%.2f%s", doc.SpanText(e.Span), e.Frame[:4], e.Weight, flag))
			}
			misses = append(misses, fmt.Sprintf("%s gold=%s pred=%s [%s] %q {%s}", r.id, gold[i], pred[i], r.note, r.sentence, strings.Join(cues, "; ")))
		}
	}
	if d := os.Getenv("FRAMING_DEBUG"); d == "all" || d == name {
		sort.Strings(misses)
		for _, m := range misses {
			t.Log(m)
		}
	}
	return Score(gold, pred)
}

func logScores(t *testing.T, name string, s Scores) {
	t.Logf("%s: n=%d accuracy=%.3f macro-F1=%.3f kappa=%.3f", name, s.N, s.Accuracy, s.MacroF1, s.Kappa)
	for _, l := range Labels {
		c := s.PerClass[l]
		t.Logf("  %-12s P=%.3f R=%.3f F1=%.3f support=%d", l, c.Precision, c.Recall, c.F1, c.Support)
	}
}

// parity keeps the rows whose numeric id suffix is odd (odd=true) or
// even. heldout.csv is split this way: odd rows were used for tuning the
// lexicon after the first helper's measurement, even rows only to check
// that a change also helps rows nobody looked at while making it.
func parity(rows []goldRow, odd bool) []goldRow {
	var out []goldRow
	for _, r := range rows {
		i := len(r.id)
		for i > 0 && r.id[i-1] >= '0' && r.id[i-1] <= '9' {
			i--
		}
		n, err := strconv.Atoi(r.id[i:])
		if err != nil {
			continue
		}
		if (n%2 == 1) == odd {
			out = append(out, r)
		}
	}
	return out
}

// TestGoldDev scores the shipped tagger (lexicon + built-in combiner) on
// the ten labelled sets and the codebook examples and fails below floors
// set from measured scores minus a margin, so that lexicon, rule or model
// changes that lose accuracy are caught. All these sets trained the shipped combiner, so
// these are in-sample scores; the honest estimate is the
// leave-one-set-out table of TestLeaveOneSetOut.
func TestGoldDev(t *testing.T) {
	ho := func(odd bool) func(t *testing.T) []goldRow {
		return func(t *testing.T) []goldRow { return parity(readGold(t, "testdata/gold/heldout.csv"), odd) }
	}
	file := func(p string) func(t *testing.T) []goldRow {
		return func(t *testing.T) []goldRow { return readGold(t, p) }
	}
	sets := []struct {
		name         string
		rows         func(t *testing.T) []goldRow
		minF1, minKa float64
	}{
		// Floors: measured macro-F1 / kappa minus a margin of about 0.05.
		// Measured with the shipped combiner (cue features + n-grams,
		// trained on all ten sets and the codebook examples, so
		// in-sample): dev 0.979 / 0.971, coded 0.912 / 0.895, heldout odd
		// rows 0.954 / 0.954, even rows 0.868 / 0.857, heldout2 0.880 /
		// 0.844, heldout3 0.820 / 0.803, train5 0.777 / 0.740, train6 0.780
		// / 0.766, train7 0.756 / 0.740, train8 0.793 / 0.733, train9 0.758
		// / 0.720, codebook 0.870 / 0.890. The honest estimates are
		// TestLeaveOneSetOut's folds and TestGoldHeldout (never trained
		// on).
		{"dev", file("testdata/gold/dev.csv"), 0.93, 0.92},
		{"coded", file("../../samples/coded.csv"), 0.86, 0.84},
		{"heldout-odd", ho(true), 0.90, 0.90},
		{"heldout-even", ho(false), 0.81, 0.80},
		{"heldout2", file("testdata/gold/heldout2.csv"), 0.83, 0.79},
		{"heldout3", file("testdata/gold/heldout3.csv"), 0.77, 0.75},
		{"train5", file("testdata/gold/train5.csv"), 0.72, 0.69},
		{"train6", file("testdata/gold/train6.csv"), 0.73, 0.71},
		{"train7", file("testdata/gold/train7.csv"), 0.70, 0.69},
		{"train8", file("testdata/gold/train8.csv"), 0.74, 0.68},
		{"train9", file("testdata/gold/train9.csv"), 0.70, 0.67},
		{"codebook", file(codebookGold), 0.82, 0.84},
	}
	for _, s := range sets {
		rows := s.rows(t)
		if len(rows) == 0 {
			t.Logf("%s: not available", s.name)
			continue
		}
		sc := evaluate(t, s.name, rows)
		logScores(t, s.name, sc)
		if sc.MacroF1 < s.minF1 || sc.Kappa < s.minKa {
			t.Errorf("%s: macro-F1 %.3f / kappa %.3f below the floor %.2f / %.2f", s.name, sc.MacroF1, sc.Kappa, s.minF1, s.minKa)
		}
	}
}

// TestGoldHeldout scores the sets no model is trained on
// (testdata/gold/README.md), heldout4.csv and heldout5.csv, with the
// shipped tagger next to the hand-set rule. It runs only with
// FRAMING_HELDOUT=1, so that routine runs do not turn them into tuning
// sets. The floors are each set's first score minus 0.05 (heldout4: 0.637
// / 0.545; heldout5: 0.686 / 0.582); testdata/gold/README.md lists every
// score since.
func TestGoldHeldout(t *testing.T) {
	if os.Getenv("FRAMING_HELDOUT") == "" {
		t.Skip("set FRAMING_HELDOUT=1 to score testdata/gold/heldout4.csv and heldout5.csv")
	}
	for _, s := range []struct {
		name         string
		minF1, minKa float64
	}{
		{"heldout4", 0.587, 0.495},
		{"heldout5", 0.636, 0.532},
	} {
		rows := readGold(t, "testdata/gold/"+s.name+".csv")
		if len(rows) == 0 {
			t.Fatalf("%s.csv has no rows", s.name)
		}
		learned := evaluate(t, s.name, rows)
		logScores(t, s.name+" (learned combiner)", learned)
		// 95% intervals, whole texts resampled with their rows (the
		// document is the id before its last '-').
		var pairs []evaluation.Pair
		var docs []string
		for _, r := range rows {
			doc := tag(oneSentence(r.sentence))
			pairs = append(pairs, evaluation.Pair{Gold: r.label, System: doc.Sentences[0].Frame})
			docs = append(docs, r.id[:max(strings.LastIndexByte(r.id, '-'), 0)])
		}
		ci, err := evaluation.Bootstrap(Labels, pairs, docs, 2000)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s (learned combiner): 95%% CI macro-F1 %.3f-%.3f, kappa %.3f-%.3f (%d texts resampled)", s.name, ci.MacroF1.Lo, ci.MacroF1.Hi, ci.Kappa.Lo, ci.Kappa.Hi, ci.Clusters)
		exs := examples(rows)
		rule := Score(labelsOf(exs), predict(nil, exs))
		logScores(t, s.name+" (hand rule)", rule)
		if learned.N != len(rows) || rule.N != len(rows) {
			t.Errorf("%s: scored %d / %d of %d rows", s.name, learned.N, rule.N, len(rows))
		}
		if learned.MacroF1 < s.minF1 || learned.Kappa < s.minKa {
			t.Errorf("%s: macro-F1 %.3f / kappa %.3f below the floor %.3f / %.3f", s.name, learned.MacroF1, learned.Kappa, s.minF1, s.minKa)
		}
	}
}

// TestSecondCoderAgreement compares heldout4.csv and heldout5.csv with
// the labels a second coder gave the same sentences without seeing the
// first coder's (heldout4.coder2.csv, heldout5.coder2.csv;
// testdata/gold/README.md): the agreement two people reach with the
// codebook, against which the tagger's scores are read. It fails when the
// files do not line up or the coders agree less than a kappa of 0.80
// (measured: 0.892 and 0.877).
func TestSecondCoderAgreement(t *testing.T) {
	for _, name := range []string{"heldout4", "heldout5"} {
		gold := readGold(t, "testdata/gold/"+name+".csv")
		recs := readRecords(t, "testdata/gold/"+name+".coder2.csv")
		if len(recs) != len(gold)+1 || strings.Join(recs[0], ",") != "doc_id,index,label,confidence" {
			t.Fatalf("%s coder2 file: %d rows with header %v; want %d rows with doc_id,index,label,confidence", name, len(recs)-1, recs[0], len(gold))
		}
		var a, b []string
		for i, g := range gold {
			r := recs[i+1]
			if r[0]+"-"+r[1] != g.id {
				t.Fatalf("%s row %d: coder2 has %s/%s, gold has %s", name, i+1, r[0], r[1], g.id)
			}
			a, b = append(a, g.label), append(b, r[2])
		}
		sc := Score(a, b)
		logScores(t, name+": coder 2 against coder 1", sc)
		if sc.Kappa < 0.80 {
			t.Errorf("%s: coders agree at kappa %.3f, below 0.80", name, sc.Kappa)
		}
	}
}

// TestBlindProbes scores the blind probe sentences (testdata/blind-probes:
// written and labelled by a helper who had not seen the tagger's code; never
// tuned on): accuracy over any allowed label, and macro-F1 and kappa
// against the first-listed label. It fails when the accuracy falls below
// 0.80 (0.86 when the set was written).
func TestBlindProbes(t *testing.T) {
	data, err := os.ReadFile("testdata/blind-probes/expected.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var recs [][]string
	for _, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		recs = append(recs, strings.Split(line, "\t"))
	}
	var gold, pred []string
	anyRight := 0
	for i, r := range recs {
		if i == 0 {
			continue // header: id, labels, category, note, text
		}
		if len(r) != 5 {
			t.Fatalf("expected.tsv row %d: %d columns, want 5", i+1, len(r))
		}
		allowed := strings.Split(r[1], "|")
		doc := tag(oneSentence(r[4]))
		got := LabelOf(doc.Sentences[0])
		if slices.Contains(allowed, got) {
			anyRight++
		}
		gold, pred = append(gold, allowed[0]), append(pred, got)
	}
	if len(gold) != 100 {
		t.Fatalf("%d probes, want 100", len(gold))
	}
	s := Score(gold, pred)
	acc := float64(anyRight) / float64(len(gold))
	t.Logf("blind probes: accuracy %.3f (any allowed label), against the first label accuracy %.3f macro-F1 %.3f kappa %.3f", acc, s.Accuracy, s.MacroF1, s.Kappa)
	if acc < 0.80 {
		t.Errorf("accuracy over any allowed label %.3f, below 0.80", acc)
	}
}
