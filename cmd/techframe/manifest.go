package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/reports"
	"github.com/urfave/cli/v2"
)

// manifestFlag is --manifest FILE, for the commands that write no workbook
// (analyze records the same in its Manifest sheet).
func manifestFlag() cli.Flag {
	return &cli.StringFlag{Name: "manifest", Category: catOutput,
		Usage: "also write a JSON run manifest to `FILE` (written atomically after the run): version, command line, settings, SHA-256s of the lexicons, inputs, gold and --exclude files, warning counts, timings"}
}

// manifestOut is the --manifest file of a run; nil-safe, so a run without
// the flag needs no checks.
type manifestOut struct {
	f *reports.AtomicFile
}

// openManifest opens --manifest before any input is read, so a path in a
// missing folder is a usage error before the work starts. Nil when the
// flag is not given. The file appears only when commit succeeds.
func openManifest(c *cli.Context) (*manifestOut, error) {
	path := c.String("manifest")
	if path == "" {
		return nil, nil
	}
	name := c.Command.Name
	if path == "-" {
		return nil, pipeline.Usagef("%s: --manifest needs a file name (the manifest is not written to stdout)", name)
	}
	// A manifest kept with the tables of -o DIR/ may name the folder that
	// the run is about to create.
	if out := c.String("output"); out != "" && out != "-" && (strings.HasSuffix(out, "/") || isDir(out)) && sameFile(filepath.Clean(out), filepath.Dir(path)) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, pipeline.Usagef("%s: --manifest %s: %v", name, path, err)
		}
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return nil, pipeline.Usagef("%s: --manifest %s: folder %s does not exist", name, path, filepath.Dir(path))
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, pipeline.Usagef("%s: --manifest %s is a folder: name a file", name, path)
	}
	if role := manifestClash(c, path); role != "" {
		return nil, pipeline.Usagef("%s: --manifest %s is also %s: the manifest would replace it; name another file", name, path, role)
	}
	f, err := reports.CreateAtomic(path)
	if err != nil {
		return nil, pipeline.Usagef("%s: --manifest: %v", name, err)
	}
	return &manifestOut{f: f}, nil
}

// commit writes the manifest and puts it in place when the run succeeded
// (runErr nil); otherwise it discards it and returns runErr.
func (m *manifestOut) commit(s *session, runErr error) error {
	if m == nil {
		return runErr
	}
	if runErr != nil {
		m.f.Abort()
		return runErr
	}
	return finish(m.f, reports.WriteManifestJSON(m.f, s.manifest()))
}

// abort discards the manifest (for early returns; nothing after commit).
func (m *manifestOut) abort() {
	if m != nil {
		m.f.Abort()
	}
}

// manifestClash names the file of the run that path also is (the -o
// output, the --gold file, an --exclude file or an input), or returns "".
// Paths are compared cleaned and absolute, and as files when both exist (a
// link or another spelling of the same file counts too).
func manifestClash(c *cli.Context, path string) string {
	type named struct{ role, path string }
	var files []named
	if o := c.String("output"); o != "" && o != "-" {
		files = append(files, named{"the -o output", o})
	}
	if g := c.String("gold"); g != "" {
		files = append(files, named{"the --gold file", g})
	}
	for _, x := range c.StringSlice("exclude") {
		files = append(files, named{"an --exclude file", x})
	}
	for _, in := range c.Args().Slice() {
		if in != "-" {
			files = append(files, named{"an input", in})
		}
	}
	abs := func(p string) string {
		a, err := filepath.Abs(filepath.Clean(p))
		if err != nil {
			return filepath.Clean(p)
		}
		return a
	}
	mst, merr := os.Stat(path)
	for _, f := range files {
		if abs(f.path) == abs(path) {
			return f.role
		}
		if merr == nil {
			if st, err := os.Stat(f.path); err == nil && os.SameFile(st, mst) {
				return f.role
			}
		}
	}
	return ""
}
