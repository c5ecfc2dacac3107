package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/ingest"
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
	if o := c.String("output"); sameFile(o, path) {
		return nil, pipeline.Usagef("%s: --manifest %s is also the -o output: the manifest would replace it; name another file", name, path)
	}
	// The inputs are resolved here, before the gold, --exclude or input
	// files are read, and checked the way -o is: an input found in a
	// folder or by a glob counts as much as one named.
	if err := checkOutput(c, "--manifest", path, ingest.Resolve(c.Args().Slice()), false); err != nil {
		return nil, err
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

// namedFile is a file a run reads or writes, with its role in messages.
type namedFile struct{ role, path string }

// flagValues returns the values of flag name, single or repeatable; none
// when the command has no such flag.
func flagValues(c *cli.Context, name string) []string {
	for _, f := range c.Command.Flags {
		for _, n := range f.Names() {
			if n != name {
				continue
			}
			if _, ok := f.(*cli.StringSliceFlag); ok {
				return c.StringSlice(name)
			}
			if v := c.String(name); v != "" {
				return []string{v}
			}
			return nil
		}
	}
	return nil
}

// runFiles lists the files a run reads: the inputs as given, --gold,
// --exclude, --lexicon (a folder's .tsv files) and --framing-model.
func runFiles(c *cli.Context) []namedFile {
	var files []namedFile
	for _, g := range flagValues(c, "gold") {
		files = append(files, namedFile{"the --gold file", g})
	}
	for _, x := range flagValues(c, "exclude") {
		files = append(files, namedFile{"an --exclude file", x})
	}
	for _, l := range flagValues(c, "lexicon") {
		if isDir(l) {
			tsv, _ := filepath.Glob(filepath.Join(l, "*.tsv"))
			for _, t := range tsv {
				files = append(files, namedFile{"a --lexicon file", t})
			}
			continue
		}
		files = append(files, namedFile{"a --lexicon file", l})
	}
	for _, m := range flagValues(c, "framing-model") {
		files = append(files, namedFile{"the --framing-model file", m})
	}
	for _, w := range flagValues(c, "stopwords") {
		files = append(files, namedFile{"the --stopwords file", w})
	}
	for _, m := range flagValues(c, "model") {
		if st, err := os.Stat(m); err == nil && st.Mode().IsRegular() {
			files = append(files, namedFile{"the --model file", m}) // topics infer
		}
	}
	for _, in := range c.Args().Slice() {
		if in != "-" {
			files = append(files, namedFile{"an input", in})
		}
	}
	return files
}

// clash returns the role of the first of files that path also is, or "".
// Paths are compared cleaned and absolute, and as files when both exist (a
// link or another spelling of the same file counts too).
func clash(files []namedFile, path string) string {
	for _, f := range files {
		if sameFile(f.path, path) {
			return f.role
		}
	}
	return ""
}

// realPath is a path made absolute with its symbolic links resolved
// ("out" linked to the input folder is the input folder); a path that does
// not exist yet is only made absolute.
func realPath(p string) (string, error) {
	a, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	if r, err := filepath.EvalSymlinks(a); err == nil {
		return r, nil
	}
	return a, nil
}

// outputFlags are the flags naming a file or folder a command writes.
var outputFlags = []struct {
	name, shown string
	folder      bool // a folder of files (created when missing)
}{
	{"output", "-o", false},
	{"topic-words", "--topic-words", false},
	{"save-model", "--save-model", false},
	{"export-matrix", "--export-matrix", true},
}

// checkOutputs runs checkOutput on every output flag the command has, and
// refuses two outputs naming the same file. It runs before any work;
// inputs are the files found in the input folders and globs.
func checkOutputs(c *cli.Context, inputs []string) error {
	seen := map[string]string{}
	for _, of := range outputFlags {
		for _, target := range flagValues(c, of.name) {
			if err := checkOutput(c, of.shown, target, inputs, of.folder); err != nil {
				return err
			}
			if target == "-" || target == "" {
				continue
			}
			a, err := filepath.Abs(target)
			if err != nil {
				continue
			}
			if other, ok := seen[a]; ok {
				return pipeline.Usagef("%s: %s and %s both name %s: one would replace the other", commandName(c), other, of.shown, target)
			}
			seen[a] = of.shown
		}
	}
	return nil
}

// commandName is the command's name as typed after techframe ("framing train").
func commandName(c *cli.Context) string {
	var words []string
	for _, w := range strings.Fields(c.Command.HelpName) {
		if w != c.App.Name {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return c.Command.Name
	}
	return strings.Join(words, " ")
}

// checkOutput refuses an output target (flag shown as in messages) that
// would replace a file the run reads (an input, even one found in an input
// folder, a gold, exclude, lexicon, model or stop-word file), or a folder
// of output files that holds inputs (the next run would read them as
// documents), or a file in a missing folder. inputs are the files found in
// the input folders and globs (ingest.Resolve, or the opened Source's
// Paths); folder marks a flag that names a folder.
func checkOutput(c *cli.Context, flag, target string, inputs []string, folder bool) error {
	if target == "" || target == "-" {
		return nil
	}
	name := commandName(c)
	if st, err := os.Stat(target); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		return nil // /dev/null, a pipe: written in place, nothing is replaced
	}
	files := runFiles(c)
	for _, p := range inputs {
		files = append(files, namedFile{"an input", p})
	}
	if folder || strings.HasSuffix(target, "/") || isDir(target) {
		dir, err := realPath(target)
		if err != nil {
			return nil
		}
		for _, f := range files {
			a, err := realPath(f.path)
			switch {
			case err != nil:
			case a == dir:
				return pipeline.Usagef("%s: %s %s is also %s: the files written there would be read as documents next time; name another folder", name, flag, target, f.role)
			case f.role == "an input" && strings.HasPrefix(a, dir+string(filepath.Separator)):
				return pipeline.Usagef("%s: %s %s holds the input %s: the files written there would replace it or be read as documents next time; name another folder", name, flag, target, f.path)
			}
		}
		return nil
	}
	if role := clash(files, target); role != "" {
		return pipeline.Usagef("%s: %s %s is also %s: the output would replace it; name another file", name, flag, target, role)
	}
	if dir := filepath.Dir(target); !isDir(dir) {
		return pipeline.Usagef("%s: %s %s: folder %s does not exist", name, flag, target, dir)
	}
	return nil
}
