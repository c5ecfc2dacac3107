package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// kwicFrameText is the audit's repro: an ignored cue (competitive prices), a
// negated competition cue in a sentence labelled cooperation, a plain one.
const kwicFrameText = "The firm offers competitive prices. Beijing did not seek confrontation with Washington. The rivalry between China and the US deepens.\n"

// TestKwicFrameLinesShowHowCuesWereTaken: frame: lines say, in every output
// format, whether the cue was negated or hedged, its weight, the frame it
// counted for and the label of its sentence (audit: "did not seek
// confrontation" was a bare frame:competition line while annotate marked it
// negated and the sentence cooperation). --counted lists the cues by the
// frame they counted for.
func TestKwicFrameLinesShowHowCuesWereTaken(t *testing.T) {
	in := filepath.Join(t.TempDir(), "fr.txt")
	if err := os.WriteFile(in, []byte(kwicFrameText), 0o644); err != nil {
		t.Fatal(err)
	}
	clean := func(out string) string { return strings.ReplaceAll(out, in, "fr.txt") }
	const header = "doc_id\tsentence\tstart\tend\tleft\tmatch\tright\tcue_frame\tcounts_for\tnegated\thedged\tweight\tsentence_frame\tcue\tlexicon\n"
	confrontation := "fr.txt\t1\t57\t70\tprices. Beijing did not seek\tconfrontation\twith Washington. The rivalry between\tcompetition\tcooperation\ttrue\tfalse\t0.96\tcooperation\tconfrontation*\tbuiltin:framing.tsv:255\n"
	rivalry := "fr.txt\t2\t92\t99\tseek confrontation with Washington. The\trivalry\tbetween China and the US deepens\tcompetition\tcompetition\tfalse\tfalse\t1.2\tcompetition\trival*\tbuiltin:framing.tsv:208\n"
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"frame:competition"}, header + confrontation + rivalry},
		{[]string{"frame:cooperation"}, header},
		{[]string{"frame:competition", "--counted"}, header + rivalry},
		{[]string{"frame:cooperation", "--counted"}, header + confrontation},
		{[]string{"frame:competition", "-t", "csv"}, strings.ReplaceAll(header+confrontation+rivalry, "\t", ",")},
	}
	for _, c := range cases {
		out, errs, code := runCLI(t, "", append(append([]string{"kwic"}, c.args...), in, "-q")...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, errs)
		}
		if got := clean(out); got != c.want {
			t.Errorf("%v:\n%s\nwant\n%s", c.args, got, c.want)
		}
	}

	out, errs, code := runCLI(t, "", "kwic", "frame:competition", in, "-q", "-t", "jsonl")
	if code != 0 {
		t.Fatalf("jsonl: exit %d: %s", code, errs)
	}
	var recs []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r map[string]any
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		recs = append(recs, r)
	}
	if len(recs) != 2 || recs[0]["match"] != "confrontation" || recs[0]["negated"] != true || recs[0]["hedged"] != false ||
		recs[0]["weight"] != 0.96 || recs[0]["counts_for"] != "cooperation" || recs[0]["sentence_frame"] != "cooperation" ||
		recs[1]["negated"] != false || recs[1]["sentence_frame"] != "competition" {
		t.Errorf("jsonl records: %v", recs)
	}

	// on a terminal the flags stand between the reference and the context
	var tty, errb bytes.Buffer
	e := &env{Stdin: strings.NewReader(""), Stdout: &tty, Stderr: &errb, StdoutTTY: true}
	if code := run(context.Background(), []string{"techframe", "kwic", "frame:competition", in, "-q", "--width", "20"}, e); code != 0 {
		t.Fatalf("aligned: exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimRight(clean(tty.String()), "\n"), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "[competition cue, negated: counts for cooperation (0.96); sentence cooperation]  ") ||
		!strings.Contains(lines[1], "[competition cue: counts for competition (1.20); sentence competition]  ") || strings.Index(lines[0], "confrontation") != strings.Index(lines[1], "rivalry") {
		t.Errorf("aligned view:\n%s", strings.Join(lines, "\n"))
	}

	// word patterns keep their columns; --counted needs a frame: pattern
	if out, _, _ := runCLI(t, "", "kwic", "rivalry", in, "-q"); !strings.HasPrefix(out, "doc_id\tsentence\tstart\tend\tleft\tmatch\tright\n") {
		t.Errorf("word pattern:\n%s", out)
	}
	if _, errs, code := runCLI(t, "", "kwic", "rivalry", "--counted", in); code != 2 || !strings.Contains(errs, "--counted applies to frame: patterns") {
		t.Errorf("--counted with a word pattern: exit %d, %s", code, errs)
	}
}

// TestKwicActorLinesCarryTheirSentenceFrame: actor: and entity: lines name
// the entity and the label of its sentence, so the actor x frame pairing
// can be read line by line; with --no-framing the label is empty.
func TestKwicActorLinesCarryTheirSentenceFrame(t *testing.T) {
	in := filepath.Join(t.TempDir(), "fr.txt")
	if err := os.WriteFile(in, []byte(kwicFrameText), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCLI(t, "", "kwic", "actor:China", in, "-t", "jsonl", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		got = append(got, m)
	}
	// "Beijing" (sentence 1, cooperation) and "China" (sentence 2, competition).
	if len(got) != 2 || got[0]["match"] != "Beijing" || got[0]["sentence_frame"] != "cooperation" ||
		got[1]["match"] != "China" || got[1]["sentence_frame"] != "competition" ||
		got[1]["canonical"] != "China" || got[1]["type"] != "STATE_ACTOR" || got[1]["source"] != "gazetteer" {
		t.Errorf("lines %v", got)
	}
	out, _, _ = runCLI(t, "", "kwic", "entity:STATE_ACTOR", in, "-t", "tsv", "--no-framing", "-q")
	if !strings.HasPrefix(out, "doc_id\tsentence\tstart\tend\tleft\tmatch\tright\tcanonical\ttype\tsource\tsentence_frame\n") ||
		!strings.Contains(out, "\tChina\tSTATE_ACTOR\tgazetteer\t\n") {
		t.Errorf("--no-framing:\n%s", out)
	}
}
