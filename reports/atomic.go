// Package reports holds the writers techframe uses for its outputs (JSONL,
// CSV/TSV, xlsx, manifests). Writers format; they do no analysis.
package reports

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/techframe/techframe/pipeline"
)

// AtomicFile is a file written under a temporary name in the target's
// directory and renamed into place by Commit, so that a failed or interrupted
// run never leaves a half-written file where the previous good one was.
//
// A target that exists and is not a regular file or a folder (/dev/null, a
// named pipe, /dev/stdout) is written in place instead: there is no earlier
// result to keep, and renaming a file over it would replace the device or
// pipe for every other program (as root, "-o /dev/null" would turn
// /dev/null into an ordinary file).
type AtomicFile struct {
	*os.File
	target string
	mode   os.FileMode
	done   bool
	// direct: the target itself is open (not a regular file).
	direct bool
}

// CreateAtomic opens a temporary file next to path. When path is a symbolic
// link the file it points to is replaced (the link stays), and an existing
// file keeps its permissions; a new one gets 0666 less the umask, as a
// file made by any other program (umask 077 keeps a corpus's reports
// private).
func CreateAtomic(path string) (*AtomicFile, error) {
	mode := newFileMode()
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
		if st, err := os.Stat(real); err == nil {
			mode = st.Mode().Perm()
		}
	}
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, fmt.Errorf("cannot write %s: %w", path, err)
		}
		return &AtomicFile{File: f, target: path, direct: true}, nil
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		// A usage error, before any work: the message names the folder,
		// not the temporary file.
		return nil, pipeline.Usagef("cannot write %s: folder %s does not exist", path, dir)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, pipeline.Usagef("cannot write %s: it is a folder; name a file", path)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	return &AtomicFile{File: f, target: path, mode: mode}, nil
}

// Commit flushes, closes and renames the temporary file onto the target.
func (a *AtomicFile) Commit() error {
	if a.done {
		return nil
	}
	a.done = true
	if a.direct {
		if err := a.File.Close(); err != nil {
			return fmt.Errorf("writing %s: %w", a.target, err)
		}
		return nil
	}
	if err := a.File.Sync(); err != nil {
		a.File.Close()
		os.Remove(a.File.Name())
		return fmt.Errorf("writing %s: %w", a.target, err)
	}
	if err := a.File.Close(); err != nil {
		os.Remove(a.File.Name())
		return fmt.Errorf("writing %s: %w", a.target, err)
	}
	if err := os.Chmod(a.File.Name(), a.mode); err != nil {
		os.Remove(a.File.Name())
		return err
	}
	if err := os.Rename(a.File.Name(), a.target); err != nil {
		os.Remove(a.File.Name())
		return fmt.Errorf("writing %s: %w", a.target, err)
	}
	return nil
}

// Abort removes the temporary file; the target is left untouched (a target
// written in place is only closed). Safe to call after Commit (it does
// nothing then), so `defer f.Abort()` is the idiom.
func (a *AtomicFile) Abort() {
	if a.done {
		return
	}
	a.done = true
	a.File.Close()
	if !a.direct {
		os.Remove(a.File.Name())
	}
}

// Output is where a command writes its main result: a file written
// atomically, or a stream (stdout) when the target is "-" or empty.
type Output struct {
	io.Writer
	file *AtomicFile
}

// OpenOutput returns an Output for path; "" or "-" means stdout.
func OpenOutput(path string, stdout io.Writer) (*Output, error) {
	if path == "" || path == "-" {
		return &Output{Writer: stdout}, nil
	}
	f, err := CreateAtomic(path)
	if err != nil {
		return nil, err
	}
	return &Output{Writer: f, file: f}, nil
}

// Commit puts a file output in place; nothing for stdout.
func (o *Output) Commit() error {
	if o.file == nil {
		return nil
	}
	return o.file.Commit()
}

// Abort discards a file output; nothing for stdout.
func (o *Output) Abort() {
	if o.file != nil {
		o.file.Abort()
	}
}

// newFileMode is the mode of a new output file: 0666 less the process's
// umask, read from /proc where there is one (it follows a umask changed
// while running), else the one the process started with (processUmask).
func newFileMode() os.FileMode {
	umask := processUmask
	if data, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, "Umask:"); ok {
				if n, err := strconv.ParseUint(strings.TrimSpace(v), 8, 32); err == nil {
					umask = os.FileMode(n)
				}
				break
			}
		}
	}
	return 0o666 &^ umask
}
