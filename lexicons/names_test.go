package lexicons

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUserFileNamedLikeBuiltin: an exported copy edited and passed as
// "framing.tsv" (or a folder of such copies, or a file really named
// "builtin:framing.tsv") keeps a name of its own. Every entry's file name
// and line lead to exactly one file, to the line holding that entry, and
// every file used keeps its own SHA-256.
func TestUserFileNamedLikeBuiltin(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	var builtin = map[Kind][]byte{}
	for _, f := range DefaultFiles() {
		if !strings.HasPrefix(f.Name, BuiltinPrefix) || f.BaseName() != strings.TrimPrefix(f.Name, BuiltinPrefix) {
			t.Errorf("built-in %q: want the name %s + its file name", f.Name, BuiltinPrefix)
		}
		builtin[f.Kind] = f.Data
	}
	// The repro of the audit: the export with the "rival*" line deleted,
	// so that the copy's lines below it move up by one.
	edited := strings.Replace(string(builtin[KindFraming]), "\nrival*\t", "\nrival-gone*\t", 1)
	if edited == string(builtin[KindFraming]) {
		t.Fatal("no rival* line in the built-in framing lexicon")
	}
	edited = strings.Replace(edited, "\nrival-gone*\t", "\n#", 1)
	for name, data := range map[string]string{
		"framing.tsv":          edited,
		"entities.tsv":         string(builtin[KindEntities]),
		"builtin:framing.tsv":  edited,
		"sub/framing.tsv":      "# kind: framing\nzorblax\tcooperation\t1\n",
		"builtin:entities.tsv": "# kind: entities\nZorblax Org\tORGANIZATION\n",
	} {
		os.MkdirAll(filepath.Dir(name), 0o755)
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		paths []string
		names []string // the files' names, built-ins first
	}{
		{[]string{"framing.tsv"}, []string{"builtin:entities.tsv", "builtin:framing.tsv", "framing.tsv"}},
		{[]string{"."}, []string{"builtin:entities.tsv", "builtin:framing.tsv", "./builtin:entities.tsv", "./builtin:framing.tsv", "entities.tsv", "framing.tsv"}},
		{[]string{"builtin:framing.tsv", "sub"}, []string{"builtin:entities.tsv", "builtin:framing.tsv", "./builtin:framing.tsv", "sub/framing.tsv"}},
	}
	for _, c := range cases {
		set, err := Load(c.paths, false)
		if err != nil {
			t.Fatalf("%v: %v", c.paths, err)
		}
		byName := map[string]File{}
		var names []string
		for _, f := range set.Files {
			if _, dup := byName[f.Name]; dup {
				t.Errorf("%v: two files named %q", c.paths, f.Name)
			}
			byName[f.Name] = f
			names = append(names, filepath.ToSlash(f.Name))
		}
		if strings.Join(names, " ") != strings.Join(c.names, " ") {
			t.Errorf("%v: files %v, want %v", c.paths, names, c.names)
		}
		sums := set.SHA256s()
		if len(sums) != len(set.Files) {
			t.Errorf("%v: manifest SHA-256s %v, want one per file (%d)", c.paths, sums, len(set.Files))
		}
		for _, f := range set.Files {
			if sums[f.Name] != f.SHA256 {
				t.Errorf("%v: SHA-256 of %s is %s, want %s", c.paths, f.Name, sums[f.Name], f.SHA256)
			}
		}
		// Every entry's name and line lead to the line that holds it.
		lineOf := func(name string, n int) string {
			f, ok := byName[name]
			if !ok {
				t.Fatalf("%v: an entry names %q, which is no file of the set", c.paths, name)
			}
			lines := strings.Split(string(f.Data), "\n")
			if n < 1 || n > len(lines) {
				t.Fatalf("%v: %s has no line %d", c.paths, name, n)
			}
			return lines[n-1]
		}
		for _, e := range set.Framing {
			if got := strings.Split(lineOf(e.File, e.Line), "\t")[0]; got != e.Term {
				t.Errorf("%v: term %q is credited to %s:%d, which holds %q", c.paths, e.Term, e.File, e.Line, got)
			}
		}
		for _, e := range set.Entities {
			if got := strings.Split(lineOf(e.File, e.Line), "\t")[0]; got != e.Canonical {
				t.Errorf("%v: entity %q is credited to %s:%d, which holds %q", c.paths, e.Canonical, e.File, e.Line, got)
			}
		}
	}
}

// TestAliasClashSaysHowToSettle: an alias that a file takes from an entry
// of an earlier file is a problem that says how to settle it; only a clash
// with a built-in entry can be settled with --lexicon-replace.
func TestAliasClashSaysHowToSettle(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("# kind: entities\n"+body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.tsv", "Alpha Org\tORGANIZATION\tAX\n")
	cases := []struct {
		name, body string
		paths      func(string) []string
		want       []string
		notWant    string
	}{
		{"built-in alias", "Beta Org\tORGANIZATION\tUS\n", func(b string) []string { return []string{b} },
			[]string{`alias "US" of "Beta Org" is already an alias of "United States" (builtin:entities.tsv:`,
				`add the whole "United States" entry to %s under the same canonical name without "US"`, "or use --lexicon-replace"}, ""},
		{"built-in canonical", "Beta Org\tORGANIZATION\tHuawei\n", func(b string) []string { return []string{b} },
			[]string{`alias "Huawei" of "Beta Org" is already an alias of "Huawei" (builtin:entities.tsv:`, "whose canonical name it is: remove the alias, or use --lexicon-replace"}, ""},
		{"user alias", "Beta Org\tORGANIZATION\tAX\n", func(b string) []string { return []string{a, b} },
			[]string{`alias "AX" of "Beta Org" is already an alias of "Alpha Org" (` + a + `:2): an alias names one entity; remove it from one of the two entries`}, "--lexicon-replace"},
		{"user canonical", "Beta Org\tORGANIZATION\tAlpha Org\n", func(b string) []string { return []string{a, b} },
			[]string{"whose canonical name it is: remove the alias from one of the two entries"}, "--lexicon-replace"},
	}
	for _, c := range cases {
		b := write(strings.ReplaceAll(c.name, " ", "-")+".tsv", c.body)
		_, err := Load(c.paths(b), false)
		if err == nil {
			t.Errorf("%s: no problem", c.name)
			continue
		}
		msg := err.Error()
		for _, w := range c.want {
			if strings.Contains(w, "%s") {
				w = strings.ReplaceAll(w, "%s", b)
			}
			if !strings.Contains(msg, w) {
				t.Errorf("%s: %s\nlacks %q", c.name, msg, w)
			}
		}
		if c.notWant != "" && strings.Contains(msg, c.notWant) {
			t.Errorf("%s: %s\nmentions %q", c.name, msg, c.notWant)
		}
		if !strings.HasPrefix(msg, "lexicon: "+b+":2: ") || strings.Count(msg, "\n") != 0 {
			t.Errorf("%s: %q: want one problem at %s:2", c.name, msg, b)
		}
	}
}
