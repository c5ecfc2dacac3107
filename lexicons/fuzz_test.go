package lexicons

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary bytes to both parsers and to Words: they must
// never panic, every problem must carry a line inside the input, and every
// word span must lie inside the text.
func FuzzParse(f *testing.F) {
	f.Add([]byte("cooperat*\tcooperation\t1\tnote\n"))
	f.Add([]byte("China\tSTATE_ACTOR\tPRC|@Beijing\tauto\n"))
	f.Add([]byte("\t\t\t\t\n#\n\xff\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := strings.Count(string(data), "\n") + 1
		for _, parse := range []func(string, []byte) (int, []Problem){
			func(n string, d []byte) (int, []Problem) { e, p := ParseFraming(n, d); return len(e), p },
			func(n string, d []byte) (int, []Problem) { e, p := ParseEntities(n, d); return len(e), p },
		} {
			_, probs := parse("fuzz.tsv", data)
			for _, p := range probs {
				if p.Line < 1 || p.Line > lines {
					t.Fatalf("problem line %d outside 1..%d: %v", p.Line, lines, p)
				}
			}
		}
		text := string(data)
		for _, w := range Words(text, 0, nil) {
			if w.Start < 0 || w.End > len(text) || w.Start >= w.End {
				t.Fatalf("word span %d-%d outside text of %d bytes", w.Start, w.End, len(text))
			}
			if utf8.ValidString(text) && !utf8.ValidString(text[w.Start:w.End]) {
				t.Fatalf("word %q splits a rune", text[w.Start:w.End])
			}
		}
	})
}
