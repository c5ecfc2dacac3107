package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Source yields documents in input order. Next returns io.EOF after the last
// document. Implementations need not be safe for concurrent use: the runner
// calls Next from one goroutine.
type Source interface {
	Next(ctx context.Context) (*Document, error)
}

// Stage is a per-document component. It is built once with its settings
// (lexicons compiled, models loaded) and then called for each document, from
// several goroutines at once: Process must not mutate shared state.
type Stage interface {
	Name() string
	Process(doc *Document) error
}

// StageFunc adapts a function to a Stage.
type StageFunc struct {
	StageName string
	Fn        func(doc *Document) error
}

func (s StageFunc) Name() string                { return s.StageName }
func (s StageFunc) Process(doc *Document) error { return s.Fn(doc) }

// Runner streams documents from a Source through per-document stages on
// Jobs workers and hands them to a sink in input order. At most Window
// documents are in flight, so memory stays flat however long the input is.
type Runner struct {
	Stages []Stage
	// Jobs is the number of workers; <= 0 means runtime.NumCPU().
	Jobs int
	// Window bounds documents in flight; <= 0 means 4 x Jobs.
	Window int
	// OnError, when set, decides what a stage failure on one document does:
	// returning nil skips that document (the caller warns and counts it),
	// returning an error stops the run. Without it a failure stops the run.
	OnError func(doc *Document, err error) error

	nanos []atomic.Int64 // per-stage busy time
}

// StageTiming is the summed busy time of one stage over all workers.
type StageTiming struct {
	Stage    string
	Duration time.Duration
}

// Timings reports per-stage busy time (summed over workers) of the last Run.
func (r *Runner) Timings() []StageTiming {
	out := make([]StageTiming, len(r.Stages))
	for i, s := range r.Stages {
		out[i] = StageTiming{Stage: s.Name(), Duration: time.Duration(r.nanos[i].Load())}
	}
	return out
}

type result struct {
	doc *Document
	err error
}

// Run processes every document. The sink is called from one goroutine, in
// input order. The first error (from the source, a stage or the sink) stops
// the run and is returned; a cancelled ctx returns ctx.Err().
func (r *Runner) Run(ctx context.Context, src Source, sink func(*Document) error) error {
	jobs := r.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	window := r.Window
	if window <= 0 {
		window = 4 * jobs
	}
	r.nanos = make([]atomic.Int64, len(r.Stages))

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	slots := make(chan struct{}, window)
	in := make(chan *Document, jobs)
	out := make(chan result, window)
	var srcErr error

	go func() {
		defer close(in)
		seq := 0
		for {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			doc, err := src.Next(ctx)
			if err != nil {
				if !errors.Is(err, io.EOF) {
					srcErr = err
				}
				<-slots
				return
			}
			doc.Seq = seq
			seq++
			select {
			case in <- doc:
			case <-ctx.Done():
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for doc := range in {
				err := r.process(doc)
				select {
				case out <- result{doc, err}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()

	pending := make(map[int]result)
	next := 0
	var firstErr error
	for {
		var res result
		var ok bool
		select {
		case res, ok = <-out:
		case <-ctx.Done():
			// Do not wait for a source blocked on a read (a pipe that
			// stays open) or for workers still busy: the run is over.
			if firstErr != nil {
				return firstErr
			}
			return ctx.Err()
		}
		if !ok {
			break
		}
		if firstErr != nil {
			continue
		}
		pending[res.doc.Seq] = res
		for {
			cur, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if cur.err != nil {
				if r.OnError != nil {
					err := r.OnError(cur.doc, cur.err)
					if err == nil {
						<-slots
						continue
					}
					cur.err = err
				}
				firstErr = cur.err
				cancel()
				break
			}
			err := sink(cur.doc)
			// The slot is freed once the sink is done with the document, so
			// at most Window documents exist at any time.
			<-slots
			if err != nil {
				firstErr = err
				cancel()
				break
			}
		}
	}
	if firstErr != nil {
		return firstErr
	}
	if srcErr != nil {
		return srcErr
	}
	return ctx.Err()
}

func (r *Runner) process(doc *Document) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("document %s: internal error: %v", doc.ID, p)
		}
	}()
	for i, s := range r.Stages {
		t0 := time.Now()
		err := s.Process(doc)
		r.nanos[i].Add(int64(time.Since(t0)))
		if err != nil {
			return &PosError{Stage: s.Name(), Path: doc.Source, Line: doc.Line, Offset: -1, Err: err}
		}
	}
	doc.SortAnnotations()
	return nil
}
