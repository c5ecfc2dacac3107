package ingest

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"
)

// TestLegacyEncoding: a file that is not valid UTF-8 is read as
// Windows-1252 (an HTML page with the charset it declares), with one
// warning naming the first bad byte's line, and its documents are marked
// Converted so that annotate records carry the text the offsets count in.
// UTF-16 files with a byte-order mark are Converted too; a UTF-8 file (with
// or without a byte-order mark) is not.
func TestLegacyEncoding(t *testing.T) {
	utf16le := func(s string) string {
		b := []byte{0xFF, 0xFE}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return string(b)
	}
	cases := []struct {
		name, file, content string
		texts               []string
		converted           []bool
		warn                string // "" for none, else a substring of the one invalid-utf8 warning
		line                int
	}{
		{"windows-1252 txt", "a.txt", "Beijing\x92s \x93contest\x94 \x96 over.\nLine two.\n",
			[]string{"Beijing’s “contest” – over.\nLine two.\n"}, []bool{true}, "read as Windows-1252", 1},
		{"windows-1252 on line 3", "a.txt", "one\r\ntwo\r\nCaf\xe9\r\n",
			[]string{"one\r\ntwo\r\nCafé\r\n"}, []bool{true}, "line 3, byte offset 13", 3},
		// UTF-8 with one pasted Windows-1252 quote keeps its UTF-8.
		{"mixed", "m.txt", "中国 and “Europe” \x93agree\x94", []string{"中国 and “Europe” “agree”"}, []bool{true}, "Windows-1252", 1},
		{"windows-1252 md", "b.md", "# Beijing\x92s plan\n\nA \x93deal\x94.\n", []string{"Beijing’s plan\n\nA “deal”."}, []bool{true}, "Windows-1252", 1},
		{"windows-1252 front matter", "fm.txt", "---\nauthor: Mu\xf1oz\n---\nBody\x85\n", []string{"Body…\n"}, []bool{true}, "line 2", 2},
		// Records are marked from the chunk the decoder met the first bad
		// byte in (it reads ahead of the parser), so r1 carries its text
		// too: a record marked needlessly only repeats its text.
		{"windows-1252 csv", "c.csv", "id,text\nr1,plain row\nr2,Xi\x92s \x93vision\x94\n", []string{"plain row", "Xi’s “vision”"}, []bool{true, true}, "line 3", 3},
		{"windows-1252 jsonl", "d.jsonl", "{\"text\":\"Li\x92s remark\"}\n", []string{"Li’s remark"}, []bool{true}, "line 1", 1},
		{"utf-8 txt", "u.txt", "Beijing’s “contest”", []string{"Beijing’s “contest”"}, []bool{false}, "", 0},
		{"utf-8 bom txt", "v.txt", "\xef\xbb\xbfBeijing’s", []string{"   Beijing’s"}, []bool{false}, "", 0},
		{"utf-16 txt", "w.txt", utf16le("Beijing’s plan\r\nTwo"), []string{"Beijing’s plan\r\nTwo"}, []bool{true}, "", 0},
		{"utf-16 md", "w.md", utf16le("# Title\r\n\r\nBody “x”"), []string{"Title\n\nBody “x”"}, []bool{true}, "", 0},
		{"utf-16 html", "w.html", utf16le("<p>Beijing’s “rivalry”</p>"), []string{"Beijing’s “rivalry”"}, []bool{true}, "", 0},

		// HTML: the declared charset decides when the bytes are not UTF-8.
		{"html meta charset windows-1252", "h.html", "<html><head><meta charset=\"windows-1252\"><title>t</title></head><body><p>Beijing\x92s \x93rivalry\x94</p></body></html>",
			[]string{"Beijing’s “rivalry”"}, []bool{true}, `read as windows-1252, as the page declares (charset "windows-1252"`, 1},
		{"html http-equiv iso-8859-1", "h.html", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">\n<p>M\xfcnchen \x96 Beijing</p>",
			[]string{"München – Beijing"}, []bool{true}, `read as windows-1252, as the page declares (charset "ISO-8859-1"`, 2},
		// Declared Windows-1252: every byte is read so, even a pair
		// that happens to be valid UTF-8 ("Ã©" is C3 A9).
		{"html declared: whole file", "h.html", "<meta charset=windows-1252><p>\xc3\xa9 and \x93q\x94</p>", []string{"Ã© and “q”"}, []bool{true}, "as the page declares", 1},
		{"html declared gbk", "g.html", "<meta charset=\"gb2312\"><p>\xd6\xd0\xb9\xfa and the EU</p>", []string{"中国 and the EU"}, []bool{true}, "read as gbk", 1},
		// A declaration on a page that is valid UTF-8 is not believed.
		{"html declared but utf-8", "h.html", "<meta charset=\"windows-1252\"><p>Beijing’s</p>", []string{"Beijing’s"}, []bool{true}, "", 0},
		{"html undeclared", "h.html", "<p>Beijing\x92s</p>", []string{"Beijing’s"}, []bool{true}, "read as Windows-1252", 1},
		{"html declared utf-8", "h.html", "<meta charset=utf-8><p>Beijing\x92s</p>", []string{"Beijing’s"}, []bool{true}, "read as Windows-1252", 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{tc.file: tc.content})
			res := readAll(t, []string{filepath.Join(dir, tc.file)}, Options{})
			if res.err != nil {
				t.Fatal(res.err)
			}
			var texts []string
			var conv []bool
			for _, d := range res.docs {
				texts = append(texts, d.Text)
				conv = append(conv, d.Converted)
			}
			if !reflect.DeepEqual(texts, tc.texts) || !reflect.DeepEqual(conv, tc.converted) {
				t.Errorf("texts %q converted %v, want %q %v", texts, conv, tc.texts, tc.converted)
			}
			if tc.warn == "" {
				if len(res.warns) != 0 {
					t.Errorf("warnings %v, want none", res.warns)
				}
				return
			}
			if len(res.warns) != 1 || res.warns[0].Kind != KindInvalidUTF8 || res.warns[0].Line != tc.line ||
				!strings.Contains(res.warns[0].Message, tc.warn) || res.warns[0].Path != filepath.Join(dir, tc.file) {
				t.Errorf("warnings %+v, want one invalid-utf8 at line %d containing %q", res.warns, tc.line, tc.warn)
			}
			if n := res.src.Warnings()[KindInvalidUTF8]; n != 1 {
				t.Errorf("counted %d invalid-utf8 warnings, want 1", n)
			}
			// --strict stops at the warning.
			if sres := readAll(t, []string{filepath.Join(dir, tc.file)}, Options{Strict: true}); sres.err == nil {
				t.Errorf("--strict: no error")
			}
		})
	}
}

// TestContentCharset pins the charset parameter parsing of the http-equiv
// form.
func TestContentCharset(t *testing.T) {
	cases := map[string]string{
		"text/html; charset=windows-1252":   "windows-1252",
		"text/html;charset=\"ISO-8859-1\"":  "ISO-8859-1",
		"text/html; CHARSET = gbk; q=1":     "gbk",
		"text/html":                         "",
		"text/html; charset='shift_jis' x":  "shift_jis",
		"text/html; charset=\"unterminated": "",
	}
	for in, want := range cases {
		if got := contentCharset(in); got != want {
			t.Errorf("contentCharset(%q) = %q, want %q", in, got, want)
		}
	}
}
