// Package lexicons holds techframe's human-editable lexicons: the framing cue
// lexicon and the entity gazetteer. Defaults are embedded (go:embed); users
// extend or replace them with their own files (--lexicon, --lexicon-replace).
//
// Files are UTF-8 TSV with '#' comment lines (UTF-16 with a byte-order mark
// is read too, and fields as a spreadsheet quotes them); the columns of each
// kind are documented in the header of the default files and in README.md. Loading
// validates every file and reports every problem as "file:line: message" in
// one *ValidationError, which unwraps to pipeline.ErrUsage (exit code 2).
//
// Matching (see Words and Matcher) works on words: lower-cased alphanumeric
// runs of a sentence's text, with "'s" and "n't" split off and hyphens, dashes
// and other punctuation separating words. A lexicon term is split the same
// way, so "cyber-sovereignty", "cyber sovereignty" and "Cyber–Sovereignty"
// are one term, and "China's" yields the word "china".
package lexicons

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/techframe/techframe/pipeline"
)

//go:embed data/*.tsv
var embedded embed.FS

// Kind is the kind of a lexicon file.
type Kind string

// Lexicon kinds.
const (
	KindFraming  Kind = "framing"
	KindEntities Kind = "entities"
)

// BuiltinPrefix starts the name of every built-in lexicon and of the
// built-in framing model ("builtin:framing.tsv"), as evidence records,
// messages and run manifests show it. A user file is named by its path,
// which never takes such a name (see UserName), so a lexicon name and line
// always point to one file and line, and every file used keeps its own
// SHA-256 in the manifest, even an exported copy named framing.tsv.
const BuiltinPrefix = "builtin:"

// UserName is the name of the user file at path p: the path as given,
// except that a relative path starting with BuiltinPrefix (a file really
// named "builtin:framing.tsv") gets a leading "./", so that it cannot take
// a built-in's name.
func UserName(p string) string {
	if strings.HasPrefix(p, BuiltinPrefix) {
		return "." + string(filepath.Separator) + p
	}
	return p
}

// File is one loaded lexicon file.
type File struct {
	// Name is the file name used in evidence and messages: BuiltinPrefix and
	// the base name for embedded defaults ("builtin:framing.tsv"), the path
	// as given for user files (see UserName).
	Name     string
	Kind     Kind
	Embedded bool
	Entries  int
	// SHA256 is the hex SHA-256 of the file's bytes, for the run manifest.
	SHA256 string
	Data   []byte
}

// Problem is one validation problem at a file and line.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string {
	if p.File == "" {
		return p.Msg
	}
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// ValidationError lists every problem found in the lexicons. It unwraps to
// pipeline.ErrUsage: a bad lexicon is a configuration error (exit code 2).
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	// One line per problem; lines after the first repeat the CLI's
	// "techframe: " prefix so that every line reads the same on stderr.
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = "lexicon: " + p.String()
	}
	return strings.Join(lines, "\ntechframe: ")
}

// Unwrap makes errors.Is(err, pipeline.ErrUsage) true.
func (e *ValidationError) Unwrap() error { return pipeline.ErrUsage }

// Set is a loaded, validated collection of lexicon files.
type Set struct {
	Files    []File
	Framing  []FrameEntry
	Entities []EntityEntry
}

// SHA256s returns file name -> SHA-256 for the run manifest.
func (s *Set) SHA256s() map[string]string {
	m := make(map[string]string, len(s.Files))
	for _, f := range s.Files {
		m[f.Name] = f.SHA256
	}
	return m
}

// DefaultFiles returns the embedded default lexicon files, in name order.
func DefaultFiles() []File {
	names, _ := fs.Glob(embedded, "data/*.tsv")
	sort.Strings(names)
	var out []File
	for _, n := range names {
		data, _ := embedded.ReadFile(n)
		base := filepath.Base(n)
		kind, _ := KindOf(base, data)
		out = append(out, File{Name: BuiltinPrefix + base, Kind: kind, Embedded: true, Data: data, SHA256: sum(data)})
	}
	return out
}

// BaseName is the name of the file without a folder: for a built-in, the
// name "techframe lexicons export" writes it under ("framing.tsv").
func (f File) BaseName() string {
	return filepath.Base(strings.TrimPrefix(f.Name, BuiltinPrefix))
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// Defaults loads the embedded default lexicons.
func Defaults() (*Set, error) { return Load(nil, false) }

// SkippedFileMsg is the warning for a file in a lexicon folder that is not
// read because its name does not end in .tsv (Excel saves tab-delimited
// text as .txt).
const SkippedFileMsg = "not a .tsv file: skipped (lexicon files end in .tsv)"

// SkippedFolderMsg is the warning for a sub-folder of a lexicon folder
// that holds .tsv files: folders are not read recursively.
const SkippedFolderMsg = "a sub-folder with .tsv files: skipped (lexicon folders are not read recursively; pass it with its own --lexicon)"

// Load reads the embedded defaults (unless replace) and then the user paths:
// files, or folders whose *.tsv files are read in name order. Later files
// extend earlier ones; an entry whose term (framing) or canonical name
// (entities) repeats one from an earlier file overrides it, so a user file
// can re-weight a default cue. Every problem of every file is reported (at
// most 50 a file).
func Load(paths []string, replace bool) (*Set, error) { return LoadWarn(paths, replace, nil) }

// LoadWarn is Load that also calls warn, when not nil, for each file of a
// folder that is skipped (SkippedFileMsg), in folder and name order, even
// when loading fails, and for each sub-folder holding .tsv files
// (SkippedFolderMsg). Hidden files (.name, and ~$name, Office's lock
// files) are skipped silently, and so are other sub-folders.
func LoadWarn(paths []string, replace bool, warn func(Problem)) (*Set, error) {
	var files []File
	var problems []Problem
	if !replace {
		files = DefaultFiles()
	}
	for _, p := range paths {
		fs, probs := readPath(p, warn)
		files = append(files, fs...)
		problems = append(problems, probs...)
	}
	set, probs := Build(files)
	problems = append(problems, probs...)
	if len(problems) > 0 {
		return nil, &ValidationError{Problems: capProblems(problems, maxFileProblems)}
	}
	return set, nil
}

// maxFileProblems is how many problems Load reports for one file: a file
// in the wrong encoding or format would otherwise fill the screen with
// thousands of lines.
const maxFileProblems = 50

// capProblems keeps the first limit problems of each file and puts a line
// "... and N more problems in FILE" after the last one kept.
func capProblems(problems []Problem, limit int) []Problem {
	seen := map[string]int{}
	for _, p := range problems {
		seen[p.File]++
	}
	out := make([]Problem, 0, len(problems))
	kept := map[string]int{}
	for _, p := range problems {
		if kept[p.File] == limit {
			continue
		}
		out = append(out, p)
		kept[p.File]++
		if kept[p.File] == limit && seen[p.File] > limit {
			out = append(out, Problem{Msg: fmt.Sprintf("... and %d more problems in %s", seen[p.File]-limit, p.File)})
		}
	}
	return out
}

func readPath(p string, warn func(Problem)) ([]File, []Problem) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, []Problem{{File: UserName(p), Msg: fmt.Sprintf("cannot read lexicon: %v", errText(err))}}
	}
	var paths []string
	if info.IsDir() {
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, []Problem{{File: UserName(p), Msg: fmt.Sprintf("cannot read lexicon folder: %v", errText(err))}}
		}
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
				continue
			}
			fp := filepath.Join(p, name)
			if strings.HasSuffix(strings.ToLower(name), ".tsv") {
				if !e.IsDir() {
					paths = append(paths, fp)
				}
				continue
			}
			info, err := os.Stat(fp)
			switch {
			case err != nil || warn == nil:
			case info.Mode().IsRegular():
				warn(Problem{File: UserName(fp), Msg: SkippedFileMsg})
			case info.IsDir():
				if tsv, _ := filepath.Glob(filepath.Join(fp, "*.tsv")); len(tsv) > 0 {
					warn(Problem{File: UserName(fp), Msg: SkippedFolderMsg})
				}
			}
		}
		sort.Strings(paths)
		if len(paths) == 0 {
			return nil, []Problem{{File: UserName(p), Msg: "folder holds no *.tsv lexicon files"}}
		}
	} else {
		paths = []string{p}
	}
	var files []File
	var problems []Problem
	for _, fp := range paths {
		data, err := os.ReadFile(fp)
		if err != nil {
			problems = append(problems, Problem{File: UserName(fp), Msg: fmt.Sprintf("cannot read lexicon: %v", errText(err))})
			continue
		}
		text := data
		if pipeline.BareCRLines(data) {
			// Old Mac line ends (CR alone), as some spreadsheets still
			// save: read as lines; the checksum stays the file's.
			text = pipeline.CRToLF(data)
		}
		kind, err := KindOf(fp, text)
		if err != nil {
			problems = append(problems, Problem{File: UserName(fp), Msg: err.Error()})
			continue
		}
		files = append(files, File{Name: UserName(fp), Kind: kind, Data: text, SHA256: sum(data)})
	}
	return files, problems
}

func errText(err error) string {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// KindOf decides a file's kind: a "# kind: framing" (or entities) comment
// line wins; otherwise a file name containing "framing"/"frame" or
// "entit"/"gazetteer" decides.
func KindOf(name string, data []byte) (Kind, error) {
	for i, line := range strings.Split(string(decodeText(data)), "\n") {
		if i == 0 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		// The comment may be a quoted cell (see splitFields).
		t := splitFields(line)[0]
		if !strings.HasPrefix(t, "#") {
			if strings.TrimSpace(line) != "" {
				break
			}
			continue
		}
		t = strings.TrimSpace(strings.TrimPrefix(t, "#"))
		if v, ok := strings.CutPrefix(strings.ToLower(t), "kind:"); ok {
			switch Kind(strings.TrimSpace(v)) {
			case KindFraming:
				return KindFraming, nil
			case KindEntities:
				return KindEntities, nil
			default:
				return "", fmt.Errorf("unknown lexicon kind %q (want framing or entities)", strings.TrimSpace(v))
			}
		}
	}
	base := strings.ToLower(filepath.Base(name))
	switch {
	case strings.Contains(base, "fram"):
		return KindFraming, nil
	case strings.Contains(base, "entit"), strings.Contains(base, "gazetteer"):
		return KindEntities, nil
	}
	return "", fmt.Errorf("cannot tell the lexicon kind: add a first comment line \"# kind: framing\" or \"# kind: entities\", or name the file framing*.tsv / entities*.tsv")
}

// Build parses and validates files in order, merging them into a Set.
func Build(files []File) (*Set, []Problem) {
	set := &Set{}
	var problems []Problem
	frameAt := map[string]int{}
	entAt := map[string]int{}
	for i := range files {
		f := &files[i]
		switch f.Kind {
		case KindFraming:
			entries, probs := ParseFraming(f.Name, f.Data)
			problems = append(problems, probs...)
			f.Entries = len(entries)
			set.Framing = slices.Grow(set.Framing, len(entries))
			for _, e := range entries {
				key := e.Key()
				if j, ok := frameAt[key]; ok {
					set.Framing[j] = e
					continue
				}
				frameAt[key] = len(set.Framing)
				set.Framing = append(set.Framing, e)
			}
		case KindEntities:
			entries, probs := ParseEntities(f.Name, f.Data)
			problems = append(problems, probs...)
			f.Entries = len(entries)
			set.Entities = slices.Grow(set.Entities, len(entries))
			for _, e := range entries {
				key := strings.ToLower(e.Canonical)
				if j, ok := entAt[key]; ok {
					set.Entities[j] = e
					continue
				}
				entAt[key] = len(set.Entities)
				set.Entities = append(set.Entities, e)
			}
		default:
			problems = append(problems, Problem{File: f.Name, Msg: fmt.Sprintf("unknown lexicon kind %q", f.Kind)})
		}
	}
	problems = append(problems, crossCheckAliases(set.Entities)...)
	set.Files = files
	return set, problems
}

// crossCheckAliases reports an alias claimed by two different canonical
// names across files (within one file ParseEntities already reports it),
// saying how to settle it: a later entry with the same canonical name
// replaces an earlier one whole, so the alias can be moved by repeating the
// earlier entry without it; a built-in can also be left out with
// --lexicon-replace.
func crossCheckAliases(entries []EntityEntry) []Problem {
	type owner struct {
		canon, file string
		line        int
		// isCanon: the alias is the owner's canonical name itself.
		isCanon bool
	}
	n := 0
	for _, e := range entries {
		n += len(e.Aliases)
	}
	seen := make(map[string]owner, n)
	var out []Problem
	for _, e := range entries {
		for i, a := range e.Aliases {
			k := a.Key()
			if a.Anaphor {
				continue // shared by design, resolved in context
			}
			if o, ok := seen[k]; ok && o.canon != e.Canonical && o.file != e.File {
				msg := fmt.Sprintf("alias %q of %q is already an alias of %q (%s:%d)", a.Text, e.Canonical, o.canon, o.file, o.line)
				out = append(out, Problem{File: e.File, Line: e.Line, Msg: msg + aliasClashFix(a.Text, e.File, o.canon, o.isCanon, strings.HasPrefix(o.file, BuiltinPrefix))})
				continue
			}
			seen[k] = owner{e.Canonical, e.File, e.Line, i == 0}
		}
	}
	return out
}

// aliasClashFix says how to settle an alias of an entry of file that an
// entry named canon of an earlier file (a built-in one when builtin)
// already has.
func aliasClashFix(alias, file, canon string, isCanon, builtin bool) string {
	switch {
	case isCanon && builtin:
		return ", whose canonical name it is: remove the alias, or use --lexicon-replace to leave out the built-in lexicons"
	case isCanon:
		return ", whose canonical name it is: remove the alias from one of the two entries"
	case builtin:
		return fmt.Sprintf(": an alias names one entity; to move it, add the whole %q entry to %s under the same canonical name without %q (copy its line from techframe lexicons export; it replaces the built-in entry, aliases and all), or use --lexicon-replace to leave out the built-in lexicons", canon, file, alias)
	}
	return ": an alias names one entity; remove it from one of the two entries (an entry repeated under the same canonical name in a later file replaces the earlier one, aliases and all)"
}
