package tokenize

import (
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
)

// TestHeadingLines: a headline or byline on its own line at the top of the
// text or of a paragraph is a sentence of its own; a hard-wrapped line of
// prose, a line ending a sentence's clause, or a line of names inside a
// paragraph is not cut.
func TestHeadingLines(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"headline, byline, dateline", "China, US Sign AI Safety Pact\nBy Joe Smith\nBEIJING, May 3 (Reuters) - The two signed a pact. Rivalry remains.",
			[]string{"China, US Sign AI Safety Pact", "By Joe Smith", "BEIJING, May 3 (Reuters) - The two signed a pact.", "Rivalry remains."}},
		{"title with small words", "Sign of the Times for Chip Makers\nThe rules changed in May.",
			[]string{"Sign of the Times for Chip Makers", "The rules changed in May."}},
		{"after a blank line", "The first paragraph ends here.\n\nA New Front in the Chip War\nWashington moved first.",
			[]string{"The first paragraph ends here.", "A New Front in the Chip War", "Washington moved first."}},
		{"hard-wrapped prose", "The talks, which began in\nGeneva last year, produced a joint statement.",
			[]string{"The talks, which began in\nGeneva last year, produced a joint statement."}},
		{"names inside a paragraph", "The deal was signed by United States Trade Representative Katherine\nTai and her counterpart.",
			[]string{"The deal was signed by United States Trade Representative Katherine\nTai and her counterpart."}},
		{"next line lower-case", "Export Controls And\nthe rest of the story.",
			[]string{"Export Controls And\nthe rest of the story."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkSentences(t, tt.text, tt.want) })
	}
}

// TestTitlesStayWithNames: an abbreviated title is never the end of a
// sentence, also after an opening bracket or quote, where punkt misses it.
func TestTitlesStayWithNames(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"bracketed", "The Honourable Member (Mr. Jordan) asked about China. The minister replied.",
			[]string{"The Honourable Member (Mr. Jordan) asked about China.", "The minister replied."}},
		{"quoted", "He wrote \"Dr. Li is right\" and left.", []string{"He wrote \"Dr. Li is right\" and left."}},
		{"honourable", "Our envoy, the Hon. George W. Hopkins, tried. He failed.",
			[]string{"Our envoy, the Hon. George W. Hopkins, tried.", "He failed."}},
		{"lower-case abbreviation ends a sentence", "We met the sales rep. He said prices rise.",
			[]string{"We met the sales rep.", "He said prices rise."}},
	} {
		t.Run(tt.name, func(t *testing.T) { checkSentences(t, tt.text, tt.want) })
	}
}

// TestZeroWidthSeparators: a zero-width space or a byte-order mark inside
// a text separates words and is part of no token.
func TestZeroWidthSeparators(t *testing.T) {
	tok, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := "\ufeffChina and\u200bthe EU agreed."
	d := &pipeline.Document{Text: text}
	if err := tok.Process(d); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tk := range d.Tokens {
		got = append(got, text[tk.Start:tk.End])
	}
	if want := []string{"China", "and", "the", "EU", "agreed", "."}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("tokens %q, want %q", got, want)
	}
}

// TestLineEnds: a text reads the same with LF, CRLF or bare CR (old Mac)
// line ends: a blank line ends a sentence, a single line break opens a
// heading or list line, a CRLF is one break, not two, and the sentences'
// offsets are exact in each form.
func TestLineEnds(t *testing.T) {
	tests := []struct {
		name, text string // text and want with LF line ends
		want       []string
	}{
		{"blank line", "China and the EU\n\nThe US tightened export controls.\n",
			[]string{"China and the EU", "The US tightened export controls."}},
		{"heading and byline", "China, US Sign AI Safety Pact\nBy Joe Smith\nThe two signed a pact.",
			[]string{"China, US Sign AI Safety Pact", "By Joe Smith", "The two signed a pact."}},
		{"list", "Steps:\n1. Build fabs.\n2. Train engineers.",
			[]string{"Steps:", "1. Build fabs.", "2. Train engineers."}},
		{"hard-wrapped prose", "The talks, which began in\nGeneva last year, produced a statement.",
			[]string{"The talks, which began in\nGeneva last year, produced a statement."}},
		{"names inside a paragraph", "The deal was signed by United States Trade Representative Katherine\nTai and her counterpart.",
			[]string{"The deal was signed by United States Trade Representative Katherine\nTai and her counterpart."}},
	}
	for _, tt := range tests {
		for _, eol := range []string{"\n", "\r\n", "\r"} {
			t.Run(tt.name+"/"+strings.NewReplacer("\r", "CR", "\n", "LF").Replace(eol), func(t *testing.T) {
				want := make([]string, len(tt.want))
				for i, w := range tt.want {
					want[i] = strings.ReplaceAll(w, "\n", eol)
				}
				checkSentences(t, strings.ReplaceAll(tt.text, "\n", eol), want)
			})
		}
	}
	// Mixed line ends in one text; a CR that ends the text.
	checkSentences(t, "Made in China 2025\r\rThe plan aims high.\n\r\nIt is costly.\r",
		[]string{"Made in China 2025", "The plan aims high.", "It is costly."})
	// CRLF is one break: a heading line followed by lower case stays whole.
	checkSentences(t, "Export Controls And\r\nthe rest of the story.", []string{"Export Controls And\r\nthe rest of the story."})
}
