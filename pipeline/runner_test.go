package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"sync/atomic"
	"testing"
	"time"
)

type sliceSource struct {
	n, i  int
	live  *atomic.Int64 // documents handed out and not yet sunk
	peak  *atomic.Int64
	delay bool
}

func (s *sliceSource) Next(ctx context.Context) (*Document, error) {
	if s.i >= s.n {
		return nil, io.EOF
	}
	s.i++
	if s.live != nil {
		v := s.live.Add(1)
		for {
			p := s.peak.Load()
			if v <= p || s.peak.CompareAndSwap(p, v) {
				break
			}
		}
	}
	return &Document{ID: fmt.Sprintf("d%d", s.i-1), Text: "x"}, nil
}

// jitter makes later documents finish earlier, so the runner must reorder.
var jitter = StageFunc{StageName: "jitter", Fn: func(d *Document) error {
	time.Sleep(time.Duration(rand.Intn(300)) * time.Microsecond)
	d.Meta.Set("seen", true)
	return nil
}}

func TestRunnerKeepsInputOrderForAnyJobs(t *testing.T) {
	for _, jobs := range []int{1, 2, 7} {
		r := &Runner{Stages: []Stage{jitter}, Jobs: jobs}
		var got []string
		err := r.Run(context.Background(), &sliceSource{n: 200}, func(d *Document) error {
			got = append(got, d.ID)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 200 {
			t.Fatalf("jobs %d: %d documents, want 200", jobs, len(got))
		}
		for i, id := range got {
			if id != fmt.Sprintf("d%d", i) {
				t.Fatalf("jobs %d: position %d holds %s", jobs, i, id)
			}
		}
	}
}

func TestRunnerBoundsDocumentsInFlight(t *testing.T) {
	var live, peak atomic.Int64
	r := &Runner{Stages: []Stage{jitter}, Jobs: 2, Window: 5}
	err := r.Run(context.Background(), &sliceSource{n: 300, live: &live, peak: &peak}, func(d *Document) error {
		live.Add(-1)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if p := peak.Load(); p > 5 {
		t.Errorf("peak documents in flight = %d, window is 5", p)
	}
}

func TestRunnerStopsOnStageError(t *testing.T) {
	boom := errors.New("boom")
	st := StageFunc{StageName: "fail", Fn: func(d *Document) error {
		if d.ID == "d17" {
			return boom
		}
		return nil
	}}
	r := &Runner{Stages: []Stage{st}, Jobs: 3}
	var sunk int
	err := r.Run(context.Background(), &sliceSource{n: 1000}, func(d *Document) error { sunk++; return nil })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	var pe *PosError
	if !errors.As(err, &pe) || pe.Stage != "fail" {
		t.Errorf("error does not name the stage: %v", err)
	}
	if sunk != 17 {
		t.Errorf("sink saw %d documents, want the 17 before the failure", sunk)
	}
}

func TestRunnerTurnsPanicIntoError(t *testing.T) {
	st := StageFunc{StageName: "panics", Fn: func(d *Document) error { panic("bad index") }}
	r := &Runner{Stages: []Stage{st}, Jobs: 2}
	err := r.Run(context.Background(), &sliceSource{n: 3}, func(d *Document) error { return nil })
	if err == nil {
		t.Fatal("want an error from a panicking stage")
	}
}

func TestRunnerCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	r := &Runner{Stages: []Stage{jitter}, Jobs: 2}
	n := 0
	err := r.Run(ctx, &sliceSource{n: 100000}, func(d *Document) error {
		n++
		if n == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n >= 100000 {
		t.Error("run did not stop after cancel")
	}
}

func TestMetaGetSet(t *testing.T) {
	var m Meta
	m.Set("year", 2021.0)
	m.Set("outlet", "x")
	m.Set("year", "2022")
	if v, ok := m.Get("year"); !ok || v != "2022" {
		t.Errorf("Get(year) = %q %v", v, ok)
	}
	if _, ok := m.Get("nope"); ok {
		t.Error("Get(nope) found something")
	}
	if len(m) != 2 || m.Keys()[0] != "year" {
		t.Errorf("keys = %v", m.Keys())
	}
}

func TestSentenceViewsAfterSort(t *testing.T) {
	d := &Document{
		Entities: []Entity{{Span: Span{Start: 30, End: 35}, Sent: 2}, {Span: Span{Start: 0, End: 5}, Sent: 0}, {Span: Span{Start: 10, End: 12}, Sent: 0}},
		Evidence: []Evidence{{Span: Span{Start: 31, End: 33}, Sent: 2}, {Span: Span{Start: 1, End: 2}, Sent: 0}},
	}
	d.SortAnnotations()
	if got := d.SentenceEntities(0); len(got) != 2 || got[0].Start != 0 || got[1].Start != 10 {
		t.Errorf("sentence 0 entities = %+v", got)
	}
	if got := d.SentenceEntities(1); len(got) != 0 {
		t.Errorf("sentence 1 entities = %+v, want none", got)
	}
	if got := d.SentenceEvidence(2); len(got) != 1 || got[0].Start != 31 {
		t.Errorf("sentence 2 evidence = %+v", got)
	}
	// views must not let an append overwrite the next sentence's entries
	v := d.SentenceEntities(0)
	_ = append(v, Entity{Sent: 99})
	if d.Entities[2].Sent != 2 {
		t.Error("appending to a sentence view overwrote the document's entities")
	}
}

func TestRunnerOnErrorSkipsDocument(t *testing.T) {
	st := StageFunc{StageName: "fail", Fn: func(d *Document) error {
		if d.ID == "d3" || d.ID == "d7" {
			return errors.New("cannot handle")
		}
		return nil
	}}
	var skipped []string
	r := &Runner{Stages: []Stage{st}, Jobs: 2, OnError: func(d *Document, err error) error {
		skipped = append(skipped, d.ID)
		return nil
	}}
	var got []string
	if err := r.Run(context.Background(), &sliceSource{n: 10}, func(d *Document) error { got = append(got, d.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 8 || len(skipped) != 2 || skipped[0] != "d3" || skipped[1] != "d7" {
		t.Errorf("sunk %v, skipped %v", got, skipped)
	}
}

// TestWarningWithoutPathHasNoPlace: a warning about the corpus, with no
// path, prints with no position even when its offset was left at zero (a
// topics warning printed as "topics: :byte 0: ...").
func TestWarningWithoutPathHasNoPlace(t *testing.T) {
	for _, w := range []Warning{{Stage: "topics", Message: "m"}, {Stage: "topics", Line: 3, Message: "m"}, {Stage: "topics", Offset: -1, Message: "m"}} {
		if got := w.String(); got != "topics: m" {
			t.Errorf("%+v prints %q, want %q", w, got, "topics: m")
		}
	}
	if got := (Warning{Stage: "ingest", Path: "a.txt", Offset: 0, Message: "m"}).String(); got != "ingest: a.txt:byte 0: m" {
		t.Errorf("with a path: %q", got)
	}
}

// TestEvidenceDescribe: a cue's readable form says how it was taken,
// including the frame a negated cue counted for (the Sentences sheet,
// annotate's cues column and evaluate's disagreements all use it).
func TestEvidenceDescribe(t *testing.T) {
	text := "did not seek confrontation; rivalry may grow; competitive prices"
	cases := []struct {
		e    Evidence
		want string
	}{
		{Evidence{Span: Span{Start: 13, End: 26}, Frame: "competition", Weight: 0.96, Negated: true}, "confrontation (competition, negated: counts for cooperation)"},
		{Evidence{Span: Span{Start: 28, End: 35}, Frame: "competition", Weight: 0.5, Hedged: true}, "rivalry (competition, hedged)"},
		{Evidence{Span: Span{Start: 46, End: 57}, Frame: "competition", Weight: 1, Ignored: true, Reason: "other sense"}, "competitive (competition, ignored: other sense)"},
		{Evidence{Span: Span{Start: 13, End: 26}, Frame: "competition", Negated: true}, "confrontation (competition, negated)"}, // weight 0: counted for nothing
	}
	for _, c := range cases {
		if got := c.e.Describe(text); got != c.want {
			t.Errorf("%+v: %q, want %q", c.e, got, c.want)
		}
	}
}
