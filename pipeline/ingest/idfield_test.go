package ingest

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestIDFieldMissing: an --id-field that names no column of a CSV/TSV file
// is warned about once per file, at the header; in JSONL, at the first
// record without it, once per file. Ids then fall back to path:line. The
// default "id" (no --id-field) falls back silently, as before.
func TestIDFieldMissing(t *testing.T) {
	files := map[string]string{
		"a.csv":   "id,text\n1,One.\n2,Two.\n",
		"b.tsv":   "url\ttext\nu1\tOne.\n",
		"c.jsonl": `{"id":"c1","text":"One."}` + "\n" + `{"text":"Two."}` + "\n" + `{"text":"Three."}` + "\n",
		"d.jsonl": `{"url":"d1","text":"One."}` + "\n" + `{"text":"Two.","id":"x"}` + "\n",
		"e.txt":   "---\nauthor: A\n---\nText.\n",
	}
	dir := t.TempDir()
	writeTree(t, dir, files)
	names := []string{"a.csv", "b.tsv", "c.jsonl", "d.jsonl", "e.txt"}
	var args []string
	for _, n := range names {
		args = append(args, filepath.Join(dir, n))
	}
	cases := []struct {
		name  string
		field string
		ids   []string
		warns []string
		msg   string
	}{
		{"default id: silent", "", []string{"1", "2", filepath.ToSlash(args[1]) + ":2", "c1", filepath.ToSlash(args[2]) + ":2", filepath.ToSlash(args[2]) + ":3", filepath.ToSlash(args[3]) + ":1", "x", filepath.ToSlash(args[4])}, nil, ""},
		{"url chosen", "url", []string{filepath.ToSlash(args[0]) + ":2", filepath.ToSlash(args[0]) + ":3", "u1", filepath.ToSlash(args[2]) + ":1", filepath.ToSlash(args[2]) + ":2", filepath.ToSlash(args[2]) + ":3", "d1", filepath.ToSlash(args[3]) + ":2", filepath.ToSlash(args[4])},
			[]string{"missing-id@a.csv:1", "missing-id@c.jsonl:1", "missing-id@d.jsonl:2"}, `no "url" column for --id-field (header has "id", "text")`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := readAll(t, args, Options{IDField: tc.field})
			if res.err != nil {
				t.Fatal(res.err)
			}
			if got := ids(res.docs); !reflect.DeepEqual(got, tc.ids) {
				t.Errorf("ids %q, want %q", got, tc.ids)
			}
			if got := warnKinds(res.warns); !reflect.DeepEqual(got, tc.warns) && (len(got) > 0 || len(tc.warns) > 0) {
				t.Fatalf("warnings %v, want %v", got, tc.warns)
			}
			if tc.msg != "" && !strings.Contains(res.warns[0].Message, tc.msg) {
				t.Errorf("first warning %q, want it to contain %q", res.warns[0].Message, tc.msg)
			}
			if n := res.src.Warnings()[KindMissingID]; n != len(tc.warns) {
				t.Errorf("counted %d missing-id warnings, want %d", n, len(tc.warns))
			}
		})
	}
	// --strict makes it fatal.
	if res := readAll(t, args[:1], Options{IDField: "url", Strict: true}); res.err == nil || !strings.Contains(res.err.Error(), `"url"`) {
		t.Errorf("--strict: error %v, want one naming the field", res.err)
	}
}
