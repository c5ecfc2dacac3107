package evaluate

import (
	"fmt"
	"strings"
	"testing"
)

func TestDelimiter(t *testing.T) {
	cases := []struct {
		in   string
		want rune
	}{
		{"doc_id,index,label\na;1;x\n", ','},
		{"doc_id;index;label\r\na,b;1;x\r\n", ';'},
		{"doc_id\tindex\tlabel\na;b\t1\tx\n", '\t'},
		{"\n  \n\t\ndoc_id;index;label\n", ';'}, // blank lines (one of tabs) before the header
		{"\"doc_id,x\";index;label\n", ';'},     // a comma inside quotes does not count
		{"\"a\nb;c\",index,label\n", ','},       // nor a line break or ';' inside quotes
		{"label\n", ','},                        // one column: comma
		{"doc_id;index,sentence;label\n", ','},  // a comma outside quotes wins
		{"doc_id\tindex;label\n", ';'},          // ';' before tab
	}
	for _, c := range cases {
		if got := Delimiter([]byte(c.in)); got != c.want {
			t.Errorf("Delimiter(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Excel in a European locale saves "CSV" with ';' between fields (and a
// byte order mark and CRLF line ends); "Text (Tab delimited)" with tabs.
// Both read as the comma-separated sheet does.
func TestReadGoldSemicolonAndTab(t *testing.T) {
	rows := [][]string{
		{"doc_id", "index", "sentence", "label", "note"},
		{"a01", "1", "In February, ministers endorsed a guide.", "cooperation", ""},
		{"a02", "13", "\"Cooperation; and rivalry,\" she said.", "both", "quote"},
		{"a03", "2", "'=SUM(1,2) grows.", "neutral", ""},
	}
	want := []GoldRow{
		{Line: 2, DocID: "a01", Index: 1, Sentence: "In February, ministers endorsed a guide.", Label: "cooperation"},
		{Line: 3, DocID: "a02", Index: 13, Sentence: "\"Cooperation; and rivalry,\" she said.", Label: "both", Note: "quote"},
		{Line: 4, DocID: "a03", Index: 2, Sentence: "=SUM(1,2) grows.", Label: "neutral"},
	}
	for _, sep := range []string{",", ";", "\t"} {
		var b strings.Builder
		b.WriteString("\xef\xbb\xbf")
		for _, r := range rows {
			var cells []string
			for _, c := range r {
				if strings.ContainsAny(c, sep+"\"\n") {
					c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
				}
				cells = append(cells, c)
			}
			b.WriteString(strings.Join(cells, sep) + "\r\n")
		}
		g, err := ReadGold(strings.NewReader(b.String()), "g.csv")
		if err != nil {
			t.Errorf("separator %q: %v", sep, err)
			continue
		}
		if fmt.Sprint(g.Rows) != fmt.Sprint(want) {
			t.Errorf("separator %q: rows\n%+v\nwant\n%+v", sep, g.Rows, want)
		}
	}
}
