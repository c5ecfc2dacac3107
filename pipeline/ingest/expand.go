package ingest

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/techframe/techframe/pipeline"
)

// expand resolves the arguments into the ordered list of inputs. Folders are
// walked in lexical order, so the document order never depends on the file
// system.
//
// A named input (an argument that is not "-" or a glob pattern) that does
// not exist or cannot be opened is an *InputError naming it (and any
// others), returned once every argument has been looked at, before
// anything is read: a run must not report on a corpus with a file missing.
// Files found in folders or by globs that cannot be read stay warnings.
func (s *Source) expand(args []string) error {
	var bad *InputError
	fail := func(path string, err error) {
		if bad == nil {
			bad = &InputError{Path: path, Err: err}
		} else {
			bad.More = append(bad.More, path)
		}
	}
	for _, a := range args {
		if a == "-" {
			s.inputs = append(s.inputs, input{path: "-", idBase: "-", stdin: true})
			continue
		}
		fi, err := os.Stat(a)
		if err == nil {
			if fi.Mode().IsRegular() || fi.IsDir() {
				// Open it now, so that an unreadable input stops the run
				// before the first document. Pipes and devices are not
				// opened twice: a second reader could steal their bytes.
				f, oerr := openFile(a)
				if oerr != nil {
					fail(a, unwrapPathError(oerr))
					continue
				}
				f.Close()
			}
			if err := s.addPath(a, fi); err != nil {
				return err
			}
			continue
		}
		if errors.Is(err, os.ErrNotExist) && hasGlobMeta(a) {
			matches, gerr := filepath.Glob(a)
			if gerr != nil {
				return pipeline.Usagef("bad glob pattern %q: %v", a, gerr)
			}
			n := 0
			for _, m := range matches {
				if isHidden(filepath.Base(m)) && !isHidden(filepath.Base(a)) {
					continue // like the shell: * does not match a leading dot
				}
				mfi, err := os.Stat(m)
				if err != nil {
					if werr := s.warn(pipeline.Warning{Path: m, Offset: -1, Kind: KindUnreadable, Message: fmt.Sprintf("cannot read: %v", unwrapPathError(err))}); werr != nil {
						return werr
					}
					continue
				}
				n++
				if err := s.addPath(m, mfi); err != nil {
					return err
				}
			}
			if n == 0 {
				if werr := s.warn(pipeline.Warning{Path: a, Offset: -1, Kind: KindEmptyGlob, Message: "pattern matched no files"}); werr != nil {
					return werr
				}
			}
			continue
		}
		fail(a, unwrapPathError(err))
	}
	if bad != nil {
		return bad
	}
	return nil
}

// InputError is a named input that does not exist or cannot be read (Err
// says which: errors.Is(err, fs.ErrNotExist), fs.ErrPermission, ...);
// More names any further ones. It is a processing failure (exit 1), not a
// usage error: the command line is well formed.
type InputError struct {
	Path string
	Err  error
	More []string
}

func (e *InputError) Error() string {
	msg := "cannot read: " + e.Err.Error()
	if errors.Is(e.Err, fs.ErrNotExist) {
		msg = "no such file or folder"
	}
	msg = fmt.Sprintf("ingest: %s: %s", e.Path, msg)
	if len(e.More) > 0 {
		msg += fmt.Sprintf(" (and %d more that cannot be read: %s)", len(e.More), strings.Join(e.More, ", "))
	}
	return msg + "; nothing was read"
}

func (e *InputError) Unwrap() error { return e.Err }

// addPath adds a file as one input (its ID is the path as given) or walks a
// folder. Anything that is not a folder is read as a file, so pipes and
// process substitution (<(cmd)) work.
func (s *Source) addPath(p string, fi fs.FileInfo) error {
	if fi.IsDir() {
		return s.walk(p)
	}
	s.inputs = append(s.inputs, input{path: p, idBase: filepath.ToSlash(p)})
	return nil
}

func hasGlobMeta(p string) bool { return strings.ContainsAny(p, "*?[") }

func isHidden(name string) bool { return strings.HasPrefix(name, ".") && name != "." && name != ".." }

// ignoreRule is one pattern from a .techframeignore file.
type ignoreRule struct {
	base     string // folder holding the ignore file, slash path relative to the walk root ("" = root)
	pattern  string
	anchored bool // the pattern contains a slash: matched against the path below base
	dirOnly  bool // the pattern ended in a slash: folders only
}

// matches reports whether the rule ignores rel (slash path relative to the
// walk root).
func (r ignoreRule) matches(rel string, isDir bool) bool {
	if r.dirOnly && !isDir {
		return false
	}
	sub := rel
	if r.base != "" {
		if !strings.HasPrefix(rel, r.base+"/") {
			return false
		}
		sub = rel[len(r.base)+1:]
	}
	if r.anchored {
		ok, _ := path.Match(r.pattern, sub)
		return ok
	}
	ok, _ := path.Match(r.pattern, path.Base(sub))
	return ok
}

// walk adds every visible, non-ignored file below root in lexical order.
// IDs are the slash-separated paths relative to root.
//
// A root that is itself a symbolic link to a folder (a named input, which
// addPath only walks once os.Stat has resolved it to a folder) is read like
// the folder: filepath.WalkDir does not follow a linked root, so the walk
// runs over the link's target and every path is reported under the name as
// given. Links found below the root keep their policy (files read, folders
// skipped with a warning), so no link cycle can make the walk loop.
func (s *Source) walk(root string) error {
	top := root
	if li, err := os.Lstat(root); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(root)
		if err != nil {
			return s.warn(pipeline.Warning{Path: root, Offset: -1, Kind: KindUnreadable, Message: fmt.Sprintf("cannot read: %v", unwrapPathError(err))})
		}
		top = target
	}
	var rules []ignoreRule
	return filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
		if top != root {
			// Name the path through the link, as the user gave it.
			if rel, rerr := filepath.Rel(top, p); rerr == nil {
				p = filepath.Join(root, rel)
			}
		}
		if err != nil {
			if werr := s.warn(pipeline.Warning{Path: p, Offset: -1, Kind: KindUnreadable, Message: fmt.Sprintf("cannot read: %v", unwrapPathError(err))}); werr != nil {
				return werr
			}
			if d != nil && d.IsDir() && p != root {
				return filepath.SkipDir
			}
			return nil
		}
		rel, rerr := filepath.Rel(root, p)
		if rerr != nil {
			return rerr
		}
		rel = filepath.ToSlash(rel)
		if p == root || rel == "." {
			if d.IsDir() {
				more, werr := s.loadIgnore(p, "")
				rules = append(rules, more...)
				return werr
			}
			return nil
		}
		if isHidden(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		isDir := d.IsDir()
		if d.Type()&fs.ModeSymlink != 0 {
			fi, serr := os.Stat(p)
			if serr != nil {
				return s.warn(pipeline.Warning{Path: p, Offset: -1, Kind: KindMissingInput, Message: fmt.Sprintf("broken symbolic link: %v", unwrapPathError(serr))})
			}
			if fi.IsDir() {
				if ignored(rules, rel, true) {
					return nil
				}
				return s.warn(pipeline.Warning{Path: p, Offset: -1, Kind: KindSkippedSymlink, Message: "symbolic link to a folder: not followed (name the folder itself to read it)"})
			}
		} else if !isDir && !d.Type().IsRegular() {
			if ignored(rules, rel, false) {
				return nil
			}
			return s.warn(pipeline.Warning{Path: p, Offset: -1, Kind: KindUnreadable, Message: "not a regular file: skipped"})
		}
		if ignored(rules, rel, isDir) {
			if isDir {
				return filepath.SkipDir
			}
			return nil
		}
		if isDir {
			more, werr := s.loadIgnore(p, rel)
			rules = append(rules, more...)
			return werr
		}
		s.inputs = append(s.inputs, input{path: p, idBase: rel})
		return nil
	})
}

func ignored(rules []ignoreRule, rel string, isDir bool) bool {
	for _, r := range rules {
		if r.matches(rel, isDir) {
			return true
		}
	}
	return false
}

// loadIgnore reads dir/.techframeignore if it exists. Lines are glob
// patterns (path.Match syntax) relative to dir; blank lines and lines
// starting with # are skipped; a trailing slash matches folders only; a
// pattern without a slash matches a name at any depth below dir.
func (s *Source) loadIgnore(dir, base string) ([]ignoreRule, error) {
	name := filepath.Join(dir, IgnoreFileName)
	f, err := os.Open(name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, s.warn(pipeline.Warning{Path: name, Offset: -1, Kind: KindIgnoreFile, Message: fmt.Sprintf("cannot read ignore file: %v", unwrapPathError(err))})
	}
	defer f.Close()
	var rules []ignoreRule
	br := bufio.NewReader(f)
	for lineNo := 1; ; lineNo++ {
		line, rerr := br.ReadString('\n')
		if line == "" && rerr != nil {
			break
		}
		pat := strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
		if pat != "" && !strings.HasPrefix(pat, "#") {
			r := ignoreRule{base: base}
			if strings.HasSuffix(pat, "/") {
				r.dirOnly = true
				pat = strings.TrimRight(pat, "/")
			}
			if strings.HasPrefix(pat, "/") {
				r.anchored = true
				pat = strings.TrimLeft(pat, "/")
			}
			if strings.Contains(pat, "/") {
				r.anchored = true
			}
			r.pattern = pat
			if _, perr := path.Match(pat, ""); perr != nil || pat == "" {
				if werr := s.warn(pipeline.Warning{Path: name, Line: lineNo, Offset: -1, Kind: KindIgnoreFile, Message: fmt.Sprintf("bad pattern %q: ignored", strings.TrimSpace(line))}); werr != nil {
					return nil, werr
				}
			} else {
				rules = append(rules, r)
			}
		}
		if rerr != nil {
			break
		}
	}
	return rules, nil
}
