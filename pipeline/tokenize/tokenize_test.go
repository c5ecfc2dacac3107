package tokenize

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
	"github.com/techframe/techframe/pipeline"
)

var (
	plainOnce sync.Once
	plainTok  *Tokenizer
	fullOnce  sync.Once
	fullTok   *Tokenizer
)

func plain(t testing.TB) *Tokenizer {
	plainOnce.Do(func() {
		var err error
		if plainTok, err = New(Options{}); err != nil {
			t.Fatal(err)
		}
	})
	return plainTok
}

func full(t testing.TB) *Tokenizer {
	fullOnce.Do(func() {
		var err error
		if fullTok, err = New(Options{POS: true, NER: true}); err != nil {
			t.Fatal(err)
		}
	})
	return fullTok
}

func run(t testing.TB, tk *Tokenizer, text string) *pipeline.Document {
	t.Helper()
	d := &pipeline.Document{Text: text}
	if err := tk.Process(d); err != nil {
		t.Fatalf("Process(%q): %v", text, err)
	}
	checkInvariants(t, d)
	return d
}

func surfaces(d *pipeline.Document) []string {
	out := make([]string, len(d.Tokens))
	for i := range d.Tokens {
		out[i] = d.TokenText(i)
	}
	return out
}

func sentenceTexts(d *pipeline.Document) []string {
	out := make([]string, len(d.Sentences))
	for i, s := range d.Sentences {
		out[i] = d.SpanText(s.Span)
	}
	return out
}

// checkInvariants is the offset contract: tokens in bounds, ordered,
// non-overlapping, on rune boundaries, non-empty, covering every non-space
// byte; sentences ordered, made of whole tokens, covering all tokens.
func checkInvariants(t testing.TB, d *pipeline.Document) {
	t.Helper()
	text := d.Text
	bound := make([]bool, len(text)+1)
	for i := 0; i < len(text); {
		bound[i] = true
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	bound[len(text)] = true
	covered := make([]bool, len(text))
	prevEnd := 0
	for i, tk := range d.Tokens {
		if tk.Start < prevEnd || tk.End <= tk.Start || tk.End > len(text) {
			t.Fatalf("token %d span %v out of order/bounds (prev end %d, len %d)", i, tk.Span, prevEnd, len(text))
		}
		if !bound[tk.Start] || !bound[tk.End] {
			t.Fatalf("token %d span %v not on rune boundaries in %q", i, tk.Span, text)
		}
		if strings.TrimSpace(text[tk.Start:tk.End]) != text[tk.Start:tk.End] {
			t.Fatalf("token %d %q has surrounding space", i, text[tk.Start:tk.End])
		}
		for k := tk.Start; k < tk.End; k++ {
			covered[k] = true
		}
		prevEnd = tk.End
	}
	for i := 0; i < len(text); {
		n := spaceLen(text, i)
		if n == 0 {
			n = runeLen(text, i)
			if !covered[i] {
				t.Fatalf("non-space byte %d (%q) in no token: %q", i, text[i:i+n], text)
			}
		}
		i += n
	}
	next := 0
	for si, s := range d.Sentences {
		if s.FirstToken != next || s.EndToken <= s.FirstToken || s.EndToken > len(d.Tokens) {
			t.Fatalf("sentence %d tokens [%d,%d) do not follow %d", si, s.FirstToken, s.EndToken, next)
		}
		if s.Start != d.Tokens[s.FirstToken].Start || s.End != d.Tokens[s.EndToken-1].End {
			t.Fatalf("sentence %d span %v does not match its tokens", si, s.Span)
		}
		for k := s.FirstToken; k < s.EndToken; k++ {
			if d.Tokens[k].Sent != si {
				t.Fatalf("token %d has Sent %d, want %d", k, d.Tokens[k].Sent, si)
			}
		}
		next = s.EndToken
	}
	if next != len(d.Tokens) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(d.Tokens))
	}
	for _, e := range d.Entities {
		if e.Start < 0 || e.End > len(text) || e.Start >= e.End || e.Sent < 0 || e.Sent >= len(d.Sentences) ||
			!d.Sentences[e.Sent].Contains(e.Span) {
			t.Fatalf("entity %+v outside its sentence", e)
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"hyphen after abbreviation", "U.S.-China talks", []string{"U.S.-China", "talks"}},
		{"possessive", "China's plan", []string{"China", "'s", "plan"}},
		{"curly possessive", "China’s plan", []string{"China", "’s", "plan"}},
		{"html apostrophe", "China&rsquo;s plan", []string{"China", "&rsquo;s", "plan"}},
		{"negation", "don't stop", []string{"do", "n't", "stop"}},
		{"negation curly", "won’t stop", []string{"wo", "n’t", "stop"}},
		{"clitic ll", "They'll go", []string{"They", "'ll", "go"}},
		{"5G", "5G networks", []string{"5G", "networks"}},
		{"policy name", "Made in China 2025.", []string{"Made", "in", "China", "2025", "."}},
		{"percent and money", "3.5% of $100,000.", []string{"3.5%", "of", "$", "100,000", "."}},
		{"quotes", `“Yes,” he said "no".`, []string{"“", "Yes", ",", "”", "he", "said", `"`, "no", `"`, "."}},
		{"single quotes", "‘fair’ and 'just' rules", []string{"‘", "fair", "’", "and", "'", "just", "'", "rules"}},
		{"ellipsis", "wait... then… no", []string{"wait", "...", "then", "…", "no"}},
		{"e.g.", "chips, e.g., GPUs", []string{"chips", ",", "e.g.", ",", "GPUs"}},
		{"title", "Dr. Li and Mr. Wang", []string{"Dr.", "Li", "and", "Mr.", "Wang"}},
		{"initial", "J. Smith", []string{"J.", "Smith"}},
		{"numbered list", "Goals:\n1. Build fabs.\n2) Train.", []string{"Goals", ":", "1.", "Build", "fabs", ".", "2)", "Train", "."}},
		{"list marker mid-line is a number", "grew by 1. Then", []string{"grew", "by", "1", ".", "Then"}},
		{"url", "See https://example.com/a.b?c=1, then www.x.org.", []string{"See", "https://example.com/a.b?c=1", ",", "then", "www.x.org", "."}},
		{"email", "mail li@example.cn.", []string{"mail", "li@example.cn", "."}},
		{"em dash", "plan—ambitious—won", []string{"plan", "—", "ambitious", "—", "won"}},
		{"double hyphen", "plan -- ambitious--won", []string{"plan", "--", "ambitious", "--", "won"}},
		{"brackets", "(the PRC) [sic]", []string{"(", "the", "PRC", ")", "[", "sic", "]"}},
		{"hyphenated kept", "China-US cyber-sovereignty", []string{"China-US", "cyber-sovereignty"}},
		{"years clitic", "the '90s boom", []string{"the", "'90s", "boom"}},
		{"multibyte", "中国 AI – naïve café.", []string{"中国", "AI", "–", "naïve", "café", "."}},
		{"crlf", "one\r\ntwo", []string{"one", "two"}},
		{"nbsp", "one\u00a0two", []string{"one", "two"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := run(t, plain(t), tt.text)
			if got := surfaces(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("tokens of %q\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestNorm(t *testing.T) {
	d := run(t, plain(t), "China’s “Belt” &rsquo;s — ÉTAT US")
	want := []string{"china", "'s", `"`, "belt", `"`, "'s", "—", "état", "us"}
	got := make([]string, len(d.Tokens))
	for i, tk := range d.Tokens {
		got[i] = tk.Norm
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("norms\n got %q\nwant %q", got, want)
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"abbreviations do not split", "U.S. officials met Dr. Li in Beijing. They talked, e.g. about chips.",
			[]string{"U.S. officials met Dr. Li in Beijing.", "They talked, e.g. about chips."}},
		{"headline without full stop", "Made in China 2025\n\nThe plan aims high. It is costly.",
			[]string{"Made in China 2025", "The plan aims high.", "It is costly."}},
		{"blank line with spaces", "Intro line\n  \r\n  Body text here.", []string{"Intro line", "Body text here."}},
		{"quote then lower case", "“Really?” she asked. “Yes.” He left.",
			[]string{"“Really?” she asked.", "“Yes.”", "He left."}},
		{"numbered list", "Steps:\n1. Build fabs.\n2. Train engineers.\n3. Win",
			[]string{"Steps:", "1. Build fabs.", "2. Train engineers.", "3. Win"}},
		{"question and exclamation", "Is it rivalry? Yes! Clearly so.", []string{"Is it rivalry?", "Yes!", "Clearly so."}},
		{"single newline does not split", "a wrapped\nline of text.", []string{"a wrapped\nline of text."}},
		{"crlf", "First one.\r\nSecond one.", []string{"First one.", "Second one."}},
		{"leading and trailing space", "  \n Only one  \n", []string{"Only one"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := run(t, plain(t), tt.text)
			if got := sentenceTexts(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("sentences of %q\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestEmpty(t *testing.T) {
	for _, text := range []string{"", "  \n\t "} {
		for _, tk := range []*Tokenizer{plain(t), full(t)} {
			d := run(t, tk, text)
			if len(d.Tokens) != 0 || len(d.Sentences) != 0 || len(d.Entities) != 0 {
				t.Errorf("%q: got %d tokens %d sentences", text, len(d.Tokens), len(d.Sentences))
			}
		}
	}
}

func TestWhitespaceOption(t *testing.T) {
	tk, err := New(Options{Whitespace: true})
	if err != nil {
		t.Fatal(err)
	}
	d := run(t, tk, " China’s AI-plan,  U.S. \r\n2025. ")
	want := []string{"China’s", "AI-plan,", "U.S.", "2025."}
	if got := surfaces(d); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q want %q", got, want)
	}
	if len(d.Sentences) != 1 || d.Tokens[0].Norm != "china's" {
		t.Errorf("got %d sentences, norm %q", len(d.Sentences), d.Tokens[0].Norm)
	}
}

// Quirk 3: prose gives both "record"s the later one's tag (NN). Ours keep
// their own.
func TestRepeatedWordKeepsOwnTag(t *testing.T) {
	d := run(t, full(t), "They record the record now.")
	first, second := d.Tokens[1].POS, d.Tokens[3].POS
	if first != "VBP" && first != "VB" {
		t.Errorf("first record: %q, want VBP or VB", first)
	}
	if second != "NN" {
		t.Errorf("second record: %q, want NN", second)
	}
	// And prose itself still shows the bug, so the test above is not vacuous.
	pd, err := prose.NewDocument("They record the record now.", prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil {
		t.Fatal(err)
	}
	if pt := pd.Tokens(); pt[1].Tag != pt[3].Tag {
		t.Logf("prose no longer aliases repeated tokens (%s/%s)", pt[1].Tag, pt[3].Tag)
	}
}

func TestPOSOptIn(t *testing.T) {
	tk, err := New(Options{NER: true})
	if err != nil {
		t.Fatal(err)
	}
	d := run(t, tk, "Barack Obama visited Beijing.")
	for _, x := range d.Tokens {
		if x.POS != "" {
			t.Fatalf("POS %q set without Options.POS", x.POS)
		}
	}
	if len(d.Entities) == 0 {
		t.Fatal("NER produced no entities")
	}
	d = run(t, plain(t), "Barack Obama visited Beijing.")
	if d.Tokens[0].POS != "" || len(d.Entities) != 0 {
		t.Fatal("tags or entities without options")
	}
}

func TestEntities(t *testing.T) {
	d := run(t, full(t), "President Barack Obama met Xi Jinping in Washington.\n\nThey spoke in Beijing.")
	var got []string
	for _, e := range d.Entities {
		if e.Source != "ner" {
			t.Errorf("source %q", e.Source)
		}
		if strings.Join(strings.Fields(d.SpanText(e.Span)), " ") != e.Canonical {
			t.Errorf("canonical %q vs span %q", e.Canonical, d.SpanText(e.Span))
		}
		got = append(got, fmt.Sprintf("%s:%s:%d", e.Type, e.Canonical, e.Sent))
	}
	want := []string{"PERSON:Barack Obama:0", "GPE:Washington:0", "GPE:Beijing:1"}
	for _, w := range want {
		if !strings.Contains(strings.Join(got, "|"), w) {
			t.Errorf("missing %s in %q", w, got)
		}
	}
}

// Tags and entities equal prose's own on sentences where prose's token cache
// does not alias (no repeated chunk) and both tokenizers agree.
func TestTagsMatchProse(t *testing.T) {
	sents := []string{
		"President Barack Obama met Xi Jinping in Washington.",
		"China's Ministry of Industry and Information Technology announced new rules on Monday.",
		"Huawei and ZTE were barred from American 5G networks by the Commerce Department.",
		"The European Union wants common standards with Japan, India and Singapore.",
		"Beijing will invest $150 billion in semiconductors by 2030, officials said.",
		"Secretary Blinken told reporters in Tokyo that cooperation remained possible.",
		"The plan, released by the State Council in July 2017, sets goals for artificial intelligence.",
	}
	tk := full(t)
	for _, s := range sents {
		pd, err := prose.NewDocument(s, prose.WithSegmentation(false))
		if err != nil {
			t.Fatal(err)
		}
		d := run(t, tk, s)
		pt := pd.Tokens()
		if len(pt) != len(d.Tokens) {
			t.Fatalf("%q: prose has %d tokens, we have %d", s, len(pt), len(d.Tokens))
		}
		for i := range pt {
			if pt[i].Text != d.TokenText(i) || pt[i].Tag != d.Tokens[i].POS {
				t.Errorf("%q token %d: prose %s/%s, ours %s/%s", s, i, pt[i].Text, pt[i].Tag, d.TokenText(i), d.Tokens[i].POS)
			}
		}
		var pe, oe []string
		for _, e := range pd.Entities() {
			pe = append(pe, e.Label+":"+e.Text)
		}
		for _, e := range d.Entities {
			oe = append(oe, e.Type+":"+e.Canonical)
		}
		if !reflect.DeepEqual(pe, oe) {
			t.Errorf("%q: prose entities %q, ours %q", s, pe, oe)
		}
	}
}

// Quirk 1: the model is decoded once, in New; Process never reloads it.
func TestModelLoadedOnce(t *testing.T) {
	var mu sync.Mutex
	loads := 0
	orig := loadAsset
	t.Cleanup(func() { loadAsset = orig })
	loadAsset = func(name string) ([]byte, error) {
		mu.Lock()
		loads++
		mu.Unlock()
		return orig(name)
	}
	tk, err := New(Options{POS: true, NER: true})
	if err != nil {
		t.Fatal(err)
	}
	after := loads
	if after != 7 {
		t.Fatalf("New read %d model files, want 7", after)
	}
	m := tk.model
	for i := 0; i < 5; i++ {
		run(t, tk, "The record shows the record. China grew.")
	}
	if loads != after || tk.model != m {
		t.Fatalf("Process reloaded the model: %d reads after New, %d now", after, loads)
	}
}

// Quirk 4: prose panics on bad model data; New and Process return errors.
func TestLoadPanicBecomesError(t *testing.T) {
	orig := loadAsset
	t.Cleanup(func() { loadAsset = orig })
	loadAsset = func(name string) ([]byte, error) { panic("corrupt model " + name) }
	if tk, err := New(Options{POS: true}); err == nil || tk != nil {
		t.Fatalf("New = %v, %v; want an error", tk, err)
	}
	loadAsset = func(name string) ([]byte, error) { return nil, errors.New("missing") }
	if _, err := New(Options{NER: true}); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("New error = %v", err)
	}
	loadAsset = func(name string) ([]byte, error) { return []byte("not gob"), nil }
	if _, err := New(Options{POS: true}); err == nil {
		t.Fatal("New accepted undecodable model data")
	}
}

func TestProcessPanicBecomesError(t *testing.T) {
	// A model whose entity weights are shorter than its feature index makes
	// the classifier index out of range: Process must report, not panic.
	good := full(t).model
	bad := *good
	bad.nerW = bad.nerW[:1]
	tk := &Tokenizer{opts: Options{NER: true}, model: &bad, punkt: full(t).punkt}
	err := tk.Process(&pipeline.Document{Text: "Barack Obama visited Beijing."})
	if err == nil || !strings.Contains(err.Error(), "internal error") {
		t.Fatalf("Process error = %v", err)
	}
}

// Quirk 5: one model and one Tokenizer shared by goroutines give the same
// output as sequential use (run with -race).
func TestConcurrentMatchesSequential(t *testing.T) {
	texts := []string{
		"President Barack Obama met Xi Jinping in Washington. They record the record now.",
		"China’s plan — ambitious — won’t stop.\n\nMade in China 2025\n\nIt aims high.",
		"Huawei and ZTE were barred from American 5G networks. The EU disagreed.",
		"Steps:\n1. Build fabs.\n2. Train engineers.",
	}
	tk := full(t)
	want := make([]*pipeline.Document, len(texts))
	for i, s := range texts {
		want[i] = run(t, tk, s)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < 5; r++ {
				for i, s := range texts {
					d := &pipeline.Document{Text: s}
					if err := tk.Process(d); err != nil {
						errs <- err.Error()
						return
					}
					if !reflect.DeepEqual(d.Tokens, want[i].Tokens) || !reflect.DeepEqual(d.Entities, want[i].Entities) ||
						!reflect.DeepEqual(d.Sentences, want[i].Sentences) {
						errs <- fmt.Sprintf("text %d differs under concurrency", i)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func FuzzOffsets(f *testing.F) {
	for _, s := range []string{
		"U.S.-China talks. China’s “plan” won’t stop… Dr. Li said e.g. 5G.\r\n\r\nMade in China 2025\n\n1. One.\n2) Two",
		"It&rsquo;s $3.5% (approx.) https://x.org/a. --— ‘q’ '90s",
		"\xff\xfe bad \xe2\x80 bytes\xe2\x80\x9d. \u00a0\u2028X",
	} {
		f.Add(s)
	}
	tk, tagger := plain(f), full(f)
	ws, err := New(Options{Whitespace: true})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := run(t, tk, s)
		run(t, ws, s)
		if dt := run(t, tagger, s); !reflect.DeepEqual(surfaces(d), surfaces(dt)) {
			t.Fatalf("tagging changed the tokens of %q", s)
		}
	})
}

func TestFuzzSeedsPresent(t *testing.T) {
	ents, err := os.ReadDir("testdata/fuzz/FuzzOffsets")
	if err != nil || len(ents) == 0 {
		t.Fatalf("no checked-in fuzz seeds: %v", err)
	}
}

// TestNormUnicodeForms: one word has one Norm however its characters were
// encoded, and the token still covers the original bytes.
func TestNormUnicodeForms(t *testing.T) {
	cases := []struct{ text, want string }{
		{"R\u00e9sum\u00e9", "résumé"},                  // precomposed
		{"Re\u0301sume\u0301", "résumé"},                // combining accents (NFD)
		{"\uff21\uff29", "ai"},                          // full-width ＡＩ
		{"\ufb01nance", "finance"},                      // ligature
		{"co\u00adoperation", "cooperation"},            // soft hyphen
		{"cyber\u2011sovereignty", "cyber-sovereignty"}, // non-breaking hyphen
		{"cyber\u2010sovereignty", "cyber-sovereignty"}, // Unicode hyphen
	}
	tk := plain(t)
	for _, c := range cases {
		d := run(t, tk, c.text+" talks")
		if len(d.Tokens) != 2 {
			t.Errorf("%q: %d tokens, want 2", c.text, len(d.Tokens))
			continue
		}
		tok := d.Tokens[0]
		if tok.Norm != c.want || tok.Start != 0 || tok.End != len(c.text) {
			t.Errorf("%q: norm %q span %d-%d, want %q 0-%d", c.text, tok.Norm, tok.Start, tok.End, c.want, len(c.text))
		}
	}
}
