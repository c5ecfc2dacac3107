package ingest

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzUnquoteJSON checks the one-pass unquoting against encoding/json on
// every string literal json.Valid accepts.
func FuzzUnquoteJSON(f *testing.F) {
	for _, s := range []string{`"plain"`, `"a\"b\\c\/d"`, `"\n\t\r\b\f"`, `"\u00e9\u4e2d"`, `"\ud83d\ude00"`, `"\ud83d x"`, `"\udc00"`, `"caf\u00E9"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, lit string) {
		// the scanner hands over exactly the literal, without surrounding space
		raw := bytes.TrimSpace([]byte(lit))
		if !json.Valid(raw) || len(raw) < 2 || raw[0] != '"' {
			return
		}
		var want string
		if err := json.Unmarshal(raw, &want); err != nil {
			return
		}
		got, err := unquoteJSON(raw)
		if err != nil {
			t.Fatalf("unquoteJSON(%q): %v", lit, err)
		}
		if got != want {
			t.Fatalf("unquoteJSON(%q) = %q, encoding/json gives %q", lit, got, want)
		}
	})
}
