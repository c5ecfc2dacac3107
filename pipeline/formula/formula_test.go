package formula

import "testing"

func TestDefuseRestore(t *testing.T) {
	for _, c := range []struct{ in, out string }{
		{"", ""},
		{"plain text", "plain text"},
		{"=SUM(1,2) is a formula", "'=SUM(1,2) is a formula"},
		{"+1", "'+1"},
		{"-2+3", "'-2+3"},
		{"@cmd|' /C calc'!A0", "'@cmd|' /C calc'!A0"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"'quoted'", "'quoted'"},
		{"'=already escaped", "''=already escaped"},
		{"''+x", "'''+x"},
		{"'", "'"},
		{"a=b", "a=b"},
		{"12", "12"},
	} {
		if got := Defuse(c.in); got != c.out {
			t.Errorf("Defuse(%q) = %q, want %q", c.in, got, c.out)
		}
		if got := Restore(c.out); got != c.in {
			t.Errorf("Restore(%q) = %q, want %q", c.out, got, c.in)
		}
	}
}

func TestRestoreLeavesOtherCells(t *testing.T) {
	for _, s := range []string{"'quoted'", "'", "''", "'a=b", "it's", "=not escaped"} {
		if got := Restore(s); got != s {
			t.Errorf("Restore(%q) = %q, want it unchanged", s, got)
		}
	}
	rec := RestoreAll([]string{"'=1", "x", "'-y"})
	if rec[0] != "=1" || rec[1] != "x" || rec[2] != "-y" {
		t.Errorf("RestoreAll = %q", rec)
	}
}

func FuzzRoundTrip(f *testing.F) {
	for _, s := range []string{"", "=1", "'=1", "''", "'", "+", "@a", "\t-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := Defuse(s)
		if Restore(d) != s {
			t.Fatalf("Restore(Defuse(%q)) = %q", s, Restore(d))
		}
		if d != "" && trigger(d[0]) {
			t.Fatalf("Defuse(%q) = %q starts with a formula character", s, d)
		}
	})
}

func TestKeepQuote(t *testing.T) {
	for _, s := range []string{"", "'", "=x", "'=x", "''=x", "'-ism' is overused.", "'Quoted' text.", "@all", "it's"} {
		if got := Restore(KeepQuote(s)); got != s {
			t.Errorf("Restore(KeepQuote(%q)) = %q", s, got)
		}
	}
	for s, want := range map[string]string{"=x": "=x", "'=x": "''=x", "'Quoted'": "'Quoted'"} {
		if got := KeepQuote(s); got != want {
			t.Errorf("KeepQuote(%q) = %q, want %q", s, got, want)
		}
	}
}
