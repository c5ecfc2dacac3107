package tokenize

import (
	"reflect"
	"strings"
	"testing"

	"github.com/techframe/techframe/pipeline"
)

// checkSentences tokenizes text and checks that its sentences are want,
// text and byte spans; it returns the document.
func checkSentences(t *testing.T, text string, want []string) *pipeline.Document {
	t.Helper()
	d := run(t, plain(t), text)
	if got := sentenceTexts(d); !reflect.DeepEqual(got, want) {
		t.Fatalf("sentences of %q\n got %q\nwant %q", text, got, want)
	}
	spans := wantSpans(t, text, want)
	for i, s := range d.Sentences {
		if s.Span != spans[i] {
			t.Errorf("sentence %d span %v, want %v", i, s.Span, spans[i])
		}
	}
	return d
}

// wantSpans finds each of want in text, in order, and returns their spans.
func wantSpans(t *testing.T, text string, want []string) []pipeline.Span {
	t.Helper()
	var spans []pipeline.Span
	from := 0
	for _, w := range want {
		k := strings.Index(text[from:], w)
		if k < 0 {
			t.Fatalf("bad case: %q not in %q after byte %d", w, text, from)
		}
		spans = append(spans, pipeline.Span{Start: from + k, End: from + k + len(w)})
		from += k + len(w)
	}
	return spans
}

// TestInitialismSentences: after a dotted initialism and before a
// capitalised word, a sentence ends before a closed-class opener or a
// state's name followed by a verb, and nowhere else (initialisms.go).
// Sentence spans are checked byte for byte, and the initialism is one token
// with its final period.
func TestInitialismSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		// split
		{"name then past tense", "The chips were made in the U.S. China retaliated within days.",
			[]string{"The chips were made in the U.S.", "China retaliated within days."}},
		{"determiner punkt knew", "Export controls were imposed by the U.S. The rules bite.",
			[]string{"Export controls were imposed by the U.S.", "The rules bite."}},
		{"pronoun we", "Export controls were imposed by the U.S. We expect more.",
			[]string{"Export controls were imposed by the U.S.", "We expect more."}},
		{"possessive its", "Huawei was cut off by the U.S. Its suppliers scrambled.",
			[]string{"Huawei was cut off by the U.S.", "Its suppliers scrambled."}},
		{"conjunction and", "The order came from the U.S. And Europe followed within weeks.",
			[]string{"The order came from the U.S.", "And Europe followed within weeks."}},
		{"preposition as", "Chips flow to the U.S. As a result, prices rose.",
			[]string{"Chips flow to the U.S.", "As a result, prices rose."}},
		{"capital then past tense", "The ban was drafted in the U.S. Beijing responded with its own list.",
			[]string{"The ban was drafted in the U.S.", "Beijing responded with its own list."}},
		{"pronoun she", "She trained in the U.S. She returned to Shenzhen in 2019.",
			[]string{"She trained in the U.S.", "She returned to Shenzhen in 2019."}},
		{"U.K. that", "Funding dried up in the U.K. That hurt start-ups.",
			[]string{"Funding dried up in the U.K.", "That hurt start-ups."}},
		{"U.N. name possessive", "Talks stalled at the U.N. China’s envoy walked out.",
			[]string{"Talks stalled at the U.N.", "China’s envoy walked out."}},
		{"E.U. their", "Tariffs rose in the E.U. Their effect was small.",
			[]string{"Tariffs rose in the E.U.", "Their effect was small."}},
		{"name then auxiliary", "Chips were stockpiled across the U.S. Beijing has since banned the practice.",
			[]string{"Chips were stockpiled across the U.S.", "Beijing has since banned the practice."}},
		{"name then adverb", "The rules were written in the U.S. Japan then adopted them.",
			[]string{"The rules were written in the U.S.", "Japan then adopted them."}},
		{"quantifier before lower case", "Fabs are costly in the U.S. Some firms moved.",
			[]string{"Fabs are costly in the U.S.", "Some firms moved."}},
		{"line break", "It was made in the U.S.\nThe rules bite.", []string{"It was made in the U.S.", "The rules bite."}},
		{"three sentences", "Made in the U.S. We know. In the U.S. It sold.",
			[]string{"Made in the U.S.", "We know.", "In the U.S.", "It sold."}},

		// no split
		{"title and name", "U.S. President Biden signed the order.", []string{"U.S. President Biden signed the order."}},
		{"department", "The U.S. Commerce Department added Huawei.", []string{"The U.S. Commerce Department added Huawei."}},
		{"lower case", "U.K. officials welcomed the deal.", []string{"U.K. officials welcomed the deal."}},
		{"state as modifier", "U.S. China policy has hardened.", []string{"U.S. China policy has hardened."}},
		{"state before plural noun", "The U.S. China hawks welcomed the ban.", []string{"The U.S. China hawks welcomed the ban."}},
		{"state before compound participle", "U.S. Japan based firms complied.", []string{"U.S. Japan based firms complied."}},
		{"ambassador (punkt split)", "The U.S. Ambassador to China said little.",
			[]string{"The U.S. Ambassador to China said little."}},
		{"entity list (punkt split)", "Huawei was placed on the U.S. Entity List in 2019.",
			[]string{"Huawei was placed on the U.S. Entity List in 2019."}},
		{"forces korea (punkt split)", "The U.S. Forces Korea commander spoke.",
			[]string{"The U.S. Forces Korea commander spoke."}},
		{"under secretary (punkt split)", "The U.S. Under Secretary for Commerce spoke.",
			[]string{"The U.S. Under Secretary for Commerce spoke."}},
		{"most favored nation", "Tariffs under U.S. Most Favored Nation rules apply.",
			[]string{"Tariffs under U.S. Most Favored Nation rules apply."}},
		{"security council", "The U.N. Security Council met.", []string{"The U.N. Security Council met."}},
		{"E.U. commission", "The E.U. Commission proposed rules.", []string{"The E.U. Commission proposed rules."}},
		{"all caps is not a pronoun", "The U.S. IT budget grew.", []string{"The U.S. IT budget grew."}},
		{"hyphenated name", "The U.S. In-Q-Tel fund invested.", []string{"The U.S. In-Q-Tel fund invested."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := checkSentences(t, tt.text, tt.want)
			for _, tk := range d.Tokens {
				w := tt.text[tk.Start:tk.End]
				if strings.HasPrefix(w, "U.") || strings.HasPrefix(w, "E.U") {
					if !isInitialism(w) {
						t.Errorf("initialism cut to %q at %v", w, tk.Span)
					}
				}
			}
		})
	}
}

// An initialism keeps its final period, as one token, wherever it stands:
// before a split, at the end of the text, before a closing bracket; a
// second period is a token of its own.
func TestInitialismToken(t *testing.T) {
	tests := []struct {
		text  string
		want  []string
		sents int
	}{
		{"by the U.S. The rules", []string{"by", "the", "U.S.", "The", "rules"}, 2},
		{"made in the U.S.", []string{"made", "in", "the", "U.S."}, 1},
		{"made in the U.S.. The end", []string{"made", "in", "the", "U.S.", ".", "The", "end"}, 2},
		{"(in the U.S.) The end", []string{"(", "in", "the", "U.S.", ")", "The", "end"}, 2},
		{"the U.S.A. It grew", []string{"the", "U.S.A.", "It", "grew"}, 2},
	}
	for _, tt := range tests {
		d := run(t, plain(t), tt.text)
		if got := surfaces(d); !reflect.DeepEqual(got, tt.want) || len(d.Sentences) != tt.sents {
			t.Errorf("%q: tokens %q in %d sentences, want %q in %d", tt.text, got, len(d.Sentences), tt.want, tt.sents)
		}
	}
}

// The rule replaces punkt's decision after an initialism, so it keeps every
// split punkt's frequent-sentence-starter list made there (titleStarts only
// before a lower-case word), except "Sales".
func TestStartWordsCoverPunkt(t *testing.T) {
	for w := range plain(t).punkt.Storage.SentStarters {
		if !startWords[w] && !titleStarts[w] && w != "sales" {
			t.Errorf("punkt's sentence starter %q is in neither startWords nor titleStarts", w)
		}
	}
}
