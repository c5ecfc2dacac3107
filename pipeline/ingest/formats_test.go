package ingest

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestFormats reads one file per format and checks every document's ID,
// line, text and metadata.
func TestFormats(t *testing.T) {
	type doc struct {
		id, text, meta string
		line           int
	}
	cases := []struct {
		name, file, content string
		opts                Options
		want                []doc
	}{
		{"txt", "a.txt", "Beijing and Washington.\r\nSecond line.\n", Options{},
			[]doc{{id: "a.txt", text: "Beijing and Washington.\r\nSecond line.\n"}}}, // bytes kept: offsets are file offsets
		{"unknown extension is text", "notes.rst", "Plain words.", Options{},
			[]doc{{id: "notes.rst", text: "Plain words."}}},
		{"markdown", "b.md", "# The *Digital* Silk Road #\n\nSee [the plan](http://example.org/p_(1)) and ![map](m.png).\n\n> **Bold** claim with `code` and __strong__ and snake_case_name.\n\n- item one\n1. item two\n\n```go\nx := 1\n```\n\n[ref]: http://example.org\n<span class=\"x\">inline html</span>\n",
			// The fenced code block is left out (its blank lines stay, as a rule's do).
			Options{}, []doc{{id: "b.md", text: "The Digital Silk Road\n\nSee the plan and .\n\nBold claim with code and strong and snake_case_name.\n\nitem one\n\nitem two\n\n\ninline html"}}},
		// Markdown lines end at LF, CRLF or a bare CR (old Mac files).
		{"markdown CR line ends", "m.md", "# Head\r\r- *one*\r- two\r", Options{},
			[]doc{{id: "m.md", text: "Head\n\none\n\ntwo"}}},
		{"markdown extension", "c.markdown", "Some _emphasis_ here\n\n---\n\nAfter rule", Options{},
			[]doc{{id: "c.markdown", text: "Some emphasis here\n\n\nAfter rule"}}},
		{"html", "p.html", "<!DOCTYPE html><html><head><title>AI &amp; Power</title><meta name=\"author\" content=\"J. Doe\"><style>p{color:red}</style><script>var x = \"<p>no</p>\";</script></head>" +
			"<body><h1>Heading</h1><p>First   paragraph,\n  wrapped.<br>After break &eacute;&#233;</p><!-- hidden comment --><ul><li>One</li><li>Two</li></ul><pre>  keep\n  spacing</pre></body></html>",
			Options{}, []doc{{id: "p.html", text: "Heading\n\nFirst paragraph, wrapped.\nAfter break éé\n\nOne\n\nTwo\n\nkeep\nspacing", meta: "title=AI & Power;author=J. Doe"}}},
		{"htm", "q.htm", "<p>x &lt; y</p>", Options{}, []doc{{id: "q.htm", text: "x < y"}}},
		{"jsonl", "r.jsonl", `{"id":"a1","text":"First.","year":1790,"big":1e3,"ok":true,"none":null,"src":"X"}` + "\n\n" + `{"text":"No id.","year":2021}` + "\r\n",
			Options{}, []doc{{id: "a1", text: "First.", meta: "year=1790;big=1e3;ok=true;none=;src=X", line: 1}, {id: "r.jsonl:3", text: "No id.", meta: "year=2021", line: 3}}},
		{"ndjson with custom fields", "s.ndjson", `{"key":7,"body":"Text here.","text":"not the text"}` + "\n",
			Options{TextField: "body", IDField: "key"}, []doc{{id: "7", text: "Text here.", meta: "text=not the text", line: 1}}},
		{"csv", "t.csv", "id,text,year,outlet\nd1,\"Cooperation, then \"\"rivalry\"\".\",2021-03-04,Xinhua\n,\"multi\nline\",2022,FT\n",
			Options{}, []doc{{id: "d1", text: "Cooperation, then \"rivalry\".", meta: "year=2021-03-04;outlet=Xinhua", line: 2}, {id: "t.csv:3", text: "multi\nline", meta: "year=2022;outlet=FT", line: 3}}},
		{"csv header case", "u.csv", "Text,Year\nhello,1999\n", Options{},
			[]doc{{id: "u.csv:2", text: "hello", meta: "Year=1999", line: 2}}},
		// A CRLF inside a quoted cell stays: offsets count the cell as written.
		{"csv CRLF in a quoted cell", "crlf.csv", "id,text\r\nx,\"Intro line.\r\nChina agreed.\"\r\ny,\"two\"\"\r\n\"\"lines\"\r\n", Options{},
			[]doc{{id: "x", text: "Intro line.\r\nChina agreed.", line: 2}, {id: "y", text: "two\"\r\n\"lines", line: 4}}},
		// Python's csv and spreadsheets accept a quote inside an unquoted cell.
		{"csv quote inside a cell", "bq.csv", "id,text\n1,a \"quoted\" word\n2,fine\n", Options{},
			[]doc{{id: "1", text: "a \"quoted\" word", line: 2}, {id: "2", text: "fine", line: 3}}},
		// A TSV cell that opens with a quotation is text, not a quoted
		// cell running on to the end of the file.
		{"tsv cell opening with a quotation", "q.tsv", "id\ttext\nt1\t\"Yes,\" he said, China will cooperate.\nt2\tBeijing is a rival.\nt3\t\"quoted\ttab\"\n", Options{},
			[]doc{{id: "t1", text: "\"Yes,\" he said, China will cooperate.", line: 2}, {id: "t2", text: "Beijing is a rival.", line: 3}, {id: "t3", text: "quoted\ttab", line: 4}}},
		{"tsv lazy quotes", "v.tsv", "id\ttext\tnote\nx1\the said \"no\" twice\t5\"\n", Options{},
			[]doc{{id: "x1", text: "he said \"no\" twice", meta: "note=5\"", line: 2}}},
		{"lines", "w.txt", "china ai governance\n\n  \nexport controls chips\n", Options{Format: "lines"},
			[]doc{{id: "w.txt:1", text: "china ai governance", line: 1}, {id: "w.txt:4", text: "export controls chips", line: 4}}},
		// Lines end at LF, CRLF (once) or a bare CR (old Mac files).
		{"lines CR line ends", "cr.txt", "china ai\rexport controls\r", Options{Format: "lines"},
			[]doc{{id: "cr.txt:1", text: "china ai", line: 1}, {id: "cr.txt:2", text: "export controls", line: 2}}},
		{"lines mixed line ends", "mix.txt", "a one\r\n\r\nb two\n\rc three\r\rd four", Options{Format: "lines"},
			[]doc{{id: "mix.txt:1", text: "a one", line: 1}, {id: "mix.txt:3", text: "b two", line: 3}, {id: "mix.txt:5", text: "c three", line: 5}, {id: "mix.txt:7", text: "d four", line: 7}}},
		// --tokenizer whitespace: plain text is one document per line;
		// records stay records.
		{"plain text as lines", "z.txt", "china ai\n\nexport controls\n", Options{PlainAs: "lines"},
			[]doc{{id: "z.txt:1", text: "china ai", line: 1}, {id: "z.txt:3", text: "export controls", line: 3}}},
		{"plain text as lines, CR line ends", "zc.txt", "china ai\r\rexport controls\r", Options{PlainAs: "lines"},
			[]doc{{id: "zc.txt:1", text: "china ai", line: 1}, {id: "zc.txt:3", text: "export controls", line: 3}}},
		{"jsonl is not plain text", "y.jsonl", `{"id":"w1","text":"China agreed ."}` + "\n", Options{PlainAs: "lines"},
			[]doc{{id: "w1", text: "China agreed .", line: 1}}},
		{"forced format overrides extension", "x.txt", `{"text":"as json"}` + "\n", Options{Format: "ndjson"},
			[]doc{{id: "x.txt:1", text: "as json", line: 1}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{tc.file: tc.content})
			// Read the folder so IDs are relative to it.
			res := readAll(t, []string{dir}, tc.opts)
			if res.err != nil {
				t.Fatal(res.err)
			}
			if len(res.warns) != 0 {
				t.Errorf("unexpected warnings: %v", res.warns)
			}
			var got []doc
			for _, d := range res.docs {
				got = append(got, doc{id: d.ID, text: d.Text, meta: metaString(d.Meta), line: d.Line})
				if d.Source != filepath.Join(dir, tc.file) {
					t.Errorf("Source = %q, want %q", d.Source, filepath.Join(dir, tc.file))
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("documents\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// TestLineReaderEnds reads lines through a small buffer, so that line ends
// and CRLF pairs fall across buffer refills: LF and CRLF end a line in both
// modes, a bare CR only with bareCR (plain-text lines; JSON Lines keep it).
func TestLineReaderEnds(t *testing.T) {
	long := strings.Repeat("x", 40)
	tests := []struct {
		in          string
		lfOnly, any []string
	}{
		{"", nil, nil},
		{"a", []string{"a"}, []string{"a"}},
		{"a\n", []string{"a"}, []string{"a"}},
		{"a\r\nb\r\n", []string{"a", "b"}, []string{"a", "b"}},
		{"a\rb\r", []string{"a\rb"}, []string{"a", "b"}},
		{"a\r\rb", []string{"a\r\rb"}, []string{"a", "", "b"}},
		{"a\n\rb\r", []string{"a", "\rb"}, []string{"a", "", "b"}},
		{"\r", []string{""}, []string{""}},
		{"\r\n", []string{""}, []string{""}},
		// CR and LF of one pair in two buffer fills (the buffer holds 16).
		{"0123456789abcde\r\nnext", []string{"0123456789abcde", "next"}, []string{"0123456789abcde", "next"}},
		{"0123456789abcdef\r\nnext", []string{"0123456789abcdef", "next"}, []string{"0123456789abcdef", "next"}},
		{"0123456789abcde\rnext\r", []string{"0123456789abcde\rnext"}, []string{"0123456789abcde", "next"}},
		{long + "\r" + long + "\r\n" + long, []string{long + "\r" + long, long}, []string{long, long, long}},
	}
	read := func(in string, bareCR bool) []string {
		lr := lineReader{br: bufio.NewReaderSize(strings.NewReader(in), 16), bareCR: bareCR}
		var out []string
		for {
			line, err := lr.read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, string(line))
			if lr.line != len(out) {
				t.Fatalf("%q: line number %d after %d lines", in, lr.line, len(out))
			}
		}
		return out
	}
	for _, tt := range tests {
		if got := read(tt.in, false); !reflect.DeepEqual(got, tt.lfOnly) {
			t.Errorf("%q, LF only: %q, want %q", tt.in, got, tt.lfOnly)
		}
		if got := read(tt.in, true); !reflect.DeepEqual(got, tt.any) {
			t.Errorf("%q, bare CR too: %q, want %q", tt.in, got, tt.any)
		}
	}
}

// TestFrontMatter checks metadata, ID and body of txt/md front matter.
func TestFrontMatter(t *testing.T) {
	cases := []struct {
		name, file, content string
		id, text, meta      string
		warns               []string
	}{
		{"basic", "a.txt", "---\nid: op-ed-7\ndate: 2021-03-04\nyear: 2021\nauthor: \"Li, Wei\"\n# a comment\n\n---\nBody text.\n",
			"op-ed-7", "Body text.\n", "date=2021-03-04;year=2021;author=Li, Wei", nil},
		{"markdown body cleaned", "b.md", "---\ntitle: 'A *title*'\n---\n## Head\nText with **bold**.\n",
			"b.md", "Head\n\nText with bold.", "title=A *title*", nil},
		{"no front matter", "c.txt", "--- not a fence\nkey: value\n", "c.txt", "--- not a fence\nkey: value\n", "", nil},
		{"unclosed", "d.txt", "---\nkey: value\nno end\n", "d.txt", "---\nkey: value\nno end\n", "", []string{"front-matter@d.txt:1"}},
		{"bad line", "e.txt", "---\nkey: value\njust words\n---\nbody\n", "e.txt", "body\n", "key=value", []string{"front-matter@e.txt:3"}},
		{"crlf", "f.txt", "---\r\nid: x\r\n---\r\nbody\r\n", "x", "body\r\n", "", nil},
		{"crlf markdown", "g.md", "---\r\nid: y\r\n---\r\n## Head\r\nbody\r\n", "y", "Head\n\nbody", "", nil},
		// Old Mac files end lines in a bare CR: read like LF and CRLF,
		// line numbers of warnings included.
		{"cr", "h.txt", "---\rid: z\rdate: 2021\r---\rbody\rmore\r", "z", "body\rmore\r", "date=2021", nil},
		{"cr markdown", "i.md", "---\rid: w\r---\r## Head\rbody *em*\r", "w", "Head\n\nbody em", "", nil},
		{"cr unclosed", "j.txt", "---\rkey: value\rno end\r", "j.txt", "---\rkey: value\rno end\r", "", []string{"front-matter@j.txt:1"}},
		{"cr bad line", "k.txt", "---\rkey: value\rjust words\r---\rbody\r", "k.txt", "body\r", "key=value", []string{"front-matter@k.txt:3"}},
		{"cr no front matter", "l.txt", "--- not a fence\rkey: value\r", "l.txt", "--- not a fence\rkey: value\r", "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{tc.file: tc.content})
			res := readAll(t, []string{dir}, Options{})
			if res.err != nil || len(res.docs) != 1 {
				t.Fatalf("err %v, %d docs", res.err, len(res.docs))
			}
			d := res.docs[0]
			if d.ID != tc.id || d.Text != tc.text || metaString(d.Meta) != tc.meta {
				t.Errorf("got id %q text %q meta %q; want %q %q %q", d.ID, d.Text, metaString(d.Meta), tc.id, tc.text, tc.meta)
			}
			if got := warnKinds(res.warns); !reflect.DeepEqual(got, tc.warns) && (len(got) > 0 || len(tc.warns) > 0) {
				t.Errorf("warnings %v, want %v", got, tc.warns)
			}
		})
	}
}

// TestMarkdownInline pins single markup constructs.
func TestMarkdownInline(t *testing.T) {
	cases := map[string]string{
		"**bold** and *em*":                 "bold and em",
		"***both***":                        "both",
		"~~gone~~ kept":                     "gone kept",
		"2 * 3 * 4":                         "2 * 3 * 4",
		`\*literal\* stars`:                 "*literal* stars",
		"a [link](http://x.y \"t\") here":   "a link here",
		"a [ref link][r1] here":             "a ref link here",
		"note[^1] here":                     "note here",
		"<https://example.org/x>":           "https://example.org/x",
		"x <b>bold</b> <br/> y":             "x bold  y",
		"`code *not em*`":                   "code not em",
		"file_name_here and _em_":           "file_name_here and em",
		"### Heading ###":                   "Heading",
		"> > nested quote":                  "nested quote",
		"* [x] done task":                   "done task",
		"| a | b |\n|---|:-:|\n| 1 | 2 |":   "a; b\n\n1; 2",
		"Title\n=====\nbody":                "Title\n\nbody",
		"<!-- multi\nline comment -->after": "after",
		"~~~\n**raw** in fence\n~~~\nout":   "out",
	}
	for in, want := range cases {
		if got := cleanMarkdown(in); got != want {
			t.Errorf("cleanMarkdown(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestHTMLExtract pins the HTML text rules.
func TestHTMLExtract(t *testing.T) {
	cases := []struct{ in, text, meta string }{
		{"<p>a</p><p>b</p>", "a\n\nb", ""},
		{"<p>x<!-- <p>comment</p> -->y</p>", "xy", ""},
		{"<title> Spaced \n title </title><p>t</p>", "t", "title=Spaced title"},
		{"<table><tr><td>1</td><td>2</td></tr></table>", "1 2", ""},
		{"<noscript>enable js</noscript><template><p>tpl</p></template>ok", "ok", ""},
		{"<p>unclosed <b>bold", "unclosed bold", ""},
		{"&lt;script&gt; is text &amp;amp;", "<script> is text &amp;", ""},
		{"<meta name=\"Date\" content=\"2020-01-02\"><meta name=\"viewport\" content=\"w\">x", "x", "date=2020-01-02"},
		{"<svg><text>chart</text></svg>after", "after", ""},
	}
	for _, tc := range cases {
		text, meta, _ := extractHTML([]byte(tc.in))
		if text != tc.text || metaString(meta) != tc.meta {
			t.Errorf("extractHTML(%q) = %q, %q; want %q, %q", tc.in, text, metaString(meta), tc.text, tc.meta)
		}
	}
}

// TestStdin reads "-" with and without a forced format.
func TestStdin(t *testing.T) {
	cases := []struct {
		name, in, format string
		ids              []string
		texts            []string
	}{
		{"sniffed jsonl", "  \n{\"text\":\"one\"}\n{\"text\":\"two\",\"id\":\"b\"}\n", "", []string{"-:2", "b"}, []string{"one", "two"}},
		{"sniffed html", "<p>hi</p>", "", []string{"-"}, []string{"hi"}},
		{"sniffed text", "plain", "", []string{"-"}, []string{"plain"}},
		{"forced csv", "text\nrow\n", "csv", []string{"-:2"}, []string{"row"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := readAll(t, []string{"-"}, Options{Format: tc.format, Stdin: strings.NewReader(tc.in)})
			if res.err != nil {
				t.Fatal(res.err)
			}
			var texts []string
			for _, d := range res.docs {
				texts = append(texts, d.Text)
				if d.Source != "-" {
					t.Errorf("Source %q, want -", d.Source)
				}
			}
			if !reflect.DeepEqual(ids(res.docs), tc.ids) || !reflect.DeepEqual(texts, tc.texts) {
				t.Errorf("got %q %q, want %q %q", ids(res.docs), texts, tc.ids, tc.texts)
			}
			in := res.src.Inputs()
			if len(in) != 1 || in[0].Path != "-" || in[0].Bytes != int64(len(tc.in)) {
				t.Errorf("Inputs() = %+v", in)
			}
		})
	}
}

// TestBareCRRows: CSV and TSV saved with CR alone at the end of each row
// (Excel for Mac's "CSV (Macintosh)") are read row by row, with the rows'
// line numbers, and a line break inside a quoted cell stays in its text
// (as an LF, the same length, so offsets do not move).
func TestBareCRRows(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"mac.csv": "id,year,text\r\"a1\",2021,\"China and the EU agreed.\rThey met in Paris.\"\ra2,2022,\r\"a3\",2023,The US imposed sanctions.\r",
		"mac.tsv": "id\ttext\rb1\tJapan and Korea signed a pact.\rb2\tIndia joined the talks.",
	})
	res := readAll(t, []string{filepath.Join(dir, "mac.csv"), filepath.Join(dir, "mac.tsv")}, Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	var got []string
	for _, d := range res.docs {
		got = append(got, d.ID+"|"+d.Text+"|"+fmt.Sprint(d.Line))
	}
	want := []string{
		"a1|China and the EU agreed.\nThey met in Paris.|2",
		"a3|The US imposed sanctions.|5",
		"b1|Japan and Korea signed a pact.|2",
		"b2|India joined the talks.|3",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("documents %q, want %q", got, want)
	}
	// The row with an empty text is reported at its own line.
	if len(res.warns) != 1 || res.warns[0].Line != 4 || !strings.HasSuffix(res.warns[0].Path, "mac.csv") {
		t.Errorf("warnings %+v, want one for mac.csv line 4 (the empty text)", res.warns)
	}
}
