package ingest

import "testing"

// TestMarkdownBlocks: fenced and indented code blocks are left out; a list
// item's indented continuation is prose and stays; a pipe table keeps its
// cells' text, one row a paragraph, without pipes.
func TestMarkdownBlocks(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"audit fm.md fence", "China offers 5G networks.\n\n```\ncode block with rivalry inside\n```\n", "China offers 5G networks."},
		{"tilde fence with info", "A.\n~~~python\nrivalry = 1\n~~~\nB.", "A.\nB."},
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
