package ingest

import "testing"

// TestMarkdownBlocks: fenced and indented code blocks are left out; a list
// item's indented continuation is prose and stays; a pipe table keeps its
// cells' text, one row a paragraph, without pipes.
func TestMarkdownBlocks(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"audit fm.md fence", "China offers 5G networks.\n\n```\ncode block with rivalry inside\n```\n", "China offers 5G networks."},
		{"tilde fence with info", "A.\n~~~python\nrivalry = 1\n~~~\nB.", "A.\n\nB."},
		{"unclosed fence runs to the end", "A.\n```\nrivalry\nmore", "A."},
		{"indented code", "Prose here.\n\n    sanctions = True\n    rivalry()\n\n    still code\n\nBack to prose.", "Prose here.\n\nBack to prose."},
		{"tab-indented code", "Prose.\n\n\tcode rivalry\n\nEnd.", "Prose.\n\nEnd."},
		// An indented line right after a paragraph line is its lazy
		// continuation, not code (CommonMark).
		{"indented continuation of a paragraph", "China and the EU\n    agreed to cooperate.", "China and the EU\n    agreed to cooperate."},
		{"list continuation paragraph", "- First item.\n\n    Its second paragraph on cooperation.\n\n- Second item.", "First item.\n\n    Its second paragraph on cooperation.\n\nSecond item."},
		{"audit table", "| Country | Frame |\n|---|---|\n| China | cooperation |\n| US | rivalry |\n\nAfter.", "Country; Frame\n\nChina; cooperation\n\nUS; rivalry\n\nAfter."},
		{"table right after a paragraph, and one right before one", "Some text.\n| a | b |\n|---|---|\n| China | cooperation |\nMore text.", "Some text.\n\na; b\n\nChina; cooperation\n\nMore text."},
		{"table without outer pipes, markup and an escaped pipe", "Actor | Note\n:--- | ---:\n**EU** | a \\| b\n", "Actor; Note\n\nEU; a | b"},
		{"pipes without a delimiter row are text", "Home | World", "Home | World"},
	}
	for _, tc := range cases {
		if got := cleanMarkdown(tc.in); got != tc.want {
			t.Errorf("%s: cleanMarkdown(%q) =\n%q, want\n%q", tc.name, tc.in, got, tc.want)
		}
	}
}

// TestMarkdownBlocksStayApart: a heading, each list item, a block quote, a
// rule and a code block start a paragraph of their own ("\n\n", as the HTML
// reader writes blocks), so that a heading or a bullet without a full stop
// does not run into the next line's sentence (audit: bul.md and head.md
// came out as one "both" sentence each). A line that continues a paragraph
// or an item stays joined to it.
func TestMarkdownBlocksStayApart(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"audit bul.md", "Key points:\n\n- China and the EU deepen cooperation on AI standards\n- The US tightens export controls on Chinese chips\n",
			"Key points:\n\nChina and the EU deepen cooperation on AI standards\n\nThe US tightens export controls on Chinese chips"},
		{"audit head.md", "## US export controls escalate the rivalry\nChina and the EU agreed to cooperate on standards.\n",
			"US export controls escalate the rivalry\n\nChina and the EU agreed to cooperate on standards."},
		{"heading after a paragraph line", "Some text\n# Title\nMore", "Some text\n\nTitle\n\nMore"},
		{"heading then blank line", "# Title\n\nBody", "Title\n\nBody"},
		{"setext heading", "Export controls escalate\n========================\nThe EU cooperates", "Export controls escalate\n\nThe EU cooperates"},
		{"setext h2 of two lines", "Export controls\nescalate\n---\nThe EU cooperates", "Export controls\nescalate\n\nThe EU cooperates"},
		{"rule between lines", "Rivalry grows\n***\nThe EU cooperates", "Rivalry grows\n\nThe EU cooperates"},
		{"a lone = or - after a blank line is text", "A.\n\n=", "A.\n\n="},
		{"bullets * and +", "* one\n+ two", "one\n\ntwo"},
		{"numbered list", "1. first item\n2. second item\n3) third item", "first item\n\nsecond item\n\nthird item"},
		{"list right after a paragraph line", "Key points:\n- one\n- two", "Key points:\n\none\n\ntwo"},
		{"ordered list starting at 1 interrupts a paragraph", "Steps:\n1. one\n2. two", "Steps:\n\none\n\ntwo"},
		{"a number other than 1 does not interrupt a paragraph", "The plan runs to\n2030. After that, rivalry", "The plan runs to\n2030. After that, rivalry"},
		{"nested list", "- outer item\n  - inner item\n    - innermost\n- next", "outer item\n\ninner item\n\ninnermost\n\nnext"},
		{"item continuation lines stay with the item", "- China and the EU\n  agree to cooperate\n- The US\ncompetes", "China and the EU\n  agree to cooperate\n\nThe US\ncompetes"},
		{"task items", "- [ ] open task\n- [x] done task", "open task\n\ndone task"},
		{"block quote after a paragraph line", "He said:\n> we compete\n> on chips", "He said:\n\nwe compete\non chips"},
		{"block quote paragraphs", "> first\n>\n> second", "first\n\nsecond"},
		{"nested quote starts a block, a lazy line continues", "> outer\n> > inner\nlazy", "outer\n\ninner\nlazy"},
		{"a lazy line stays in the quote", "> a\nb\n> c", "a\nb\nc"},
		{"list inside a quote", "> - one\n> - two", "one\n\ntwo"},
		{"heading inside a quote", "> ## Head\n> body", "Head\n\nbody"},
		{"rule inside a quote", "> a\n> ***\n> b", "a\n\nb"},
		{"fenced code between lines", "Before\n```\ncode\n```\nAfter", "Before\n\nAfter"},
		{"table rows stay cells", "- item\n\n| a | b |\n|---|---|\n| China | cooperation |\nText", "item\n\na; b\n\nChina; cooperation\n\nText"},
	}
	for _, tc := range cases {
		if got := cleanMarkdown(tc.in); got != tc.want {
			t.Errorf("%s: cleanMarkdown(%q) =\n%q, want\n%q", tc.name, tc.in, got, tc.want)
		}
	}
}

// TestMarkdownFootnotesAndReferences: a footnote's definition keeps its
// text as a paragraph of its own (its [^1] marker in the body goes), while
// a link reference definition is still left out (audit: fn.md lost its
// footnote sentence silently). Character references are decoded as
// CommonMark decodes them, never into markup, and not in code spans or
// after a backslash (audit: ent.md kept &nbsp;, &shy; and &amp;, so the cue
// co&shy;operation was missed).
func TestMarkdownFootnotesAndReferences(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"audit fn.md", "China and the US compete.[^1]\n\n[^1]: The EU and China signed a cooperation pact.\n",
			"China and the US compete.\n\nThe EU and China signed a cooperation pact."},
		{"footnote right after a paragraph line", "Rivalry grows.[^a]\n[^a]: A *joint* pact.\n[^b]: Another note.",
			"Rivalry grows.\n\nA joint pact.\n\nAnother note."},
		{"footnote's indented paragraph is not code", "Text.[^1]\n\n[^1]: First note.\n\n    Its second paragraph.\n\nAfter.",
			"Text.\n\nFirst note.\n\n    Its second paragraph.\n\nAfter."},
		{"footnote text on the next line", "[^long]:\n    The note itself.", "The note itself."},
		{"two markers together", "a[^1][^2] b", "a b"},
		{"link reference definitions still go", "See [the plan][p].\n\n[p]: http://example.org/plan \"Plan\"\n", "See the plan."},
		{"audit ent.md", "China&nbsp;and the EU signed a co&shy;operation pact &amp; more.\n",
			"China\u00a0and the EU signed a co\u00adoperation pact & more."},
		{"numeric references", "d&#233;tente and d&#xE9;tente", "détente and détente"},
		{"a reference is never markup", "&lt;b&gt;bold&lt;/b&gt; and &#42;stars&#42;", "<b>bold</b> and *stars*"},
		{"code span keeps its text", "`&amp;` in code, &amp; outside", "&amp; in code, & outside"},
		{"escaped ampersand stays", `\&amp; literal`, "&amp; literal"},
		{"not references", "AT&T, &foo; and &amp without a semicolon", "AT&T, &foo; and &amp without a semicolon"},
		{"a newline reference is a space", "a&#10;&#10;b", "a  b"},
		{"heading and table cells", "# R&amp;D\n\n| a &amp; b | c |\n|---|---|\n| x &#124; y | z |", "R&D\n\na & b; c\n\nx | y; z"},
		{"quote and list item", "> US&ndash;China\n- EU&rsquo;s plan", "US–China\n\nEU’s plan"},
	}
	for _, tc := range cases {
		if got := cleanMarkdown(tc.in); got != tc.want {
			t.Errorf("%s: cleanMarkdown(%q) =\n%q, want\n%q", tc.name, tc.in, got, tc.want)
		}
	}
}
