// Package tokenize splits documents into sentences and tokens with byte
// offsets into the original text. It is the only package that imports prose.
//
//	tok, err := tokenize.New(tokenize.Options{POS: true})  // models loaded once; panics become errors
//	runner.Stages = append(runner.Stages, tok)             // tok.Process(doc) fills doc.Sentences, doc.Tokens
//
// # Tokens
//
// Tokens are cut by this package's own scanner (words.go), which follows the
// conventions of prose's tokenizer (and so of the Penn Treebank data its tagger
// was trained on) but reads the original text and records offsets directly:
// whitespace separates chunks; leading ( [ { $ and quotes, and trailing
// , ; : ! ? . ) ] } and quotes are split off; contractions become two tokens
// (don't -> do n't, China's -> China 's, they'll -> they 'll); an em dash or
// "--" is its own token. Kept whole: abbreviations (U.S., e.g., Dr., Jan.),
// initials (J.), URLs and e-mail addresses, numbers (2025, 3.5%, 1,000, 5G),
// list markers at the start of a line (1.), and hyphenated words (China-US,
// U.S.-China, cyber-sovereignty), as the Treebank does. A gazetteer that must
// see "US" inside "China-US" looks inside the token's text.
//
// Curly quotes and "&rsquo;" are read as their ASCII equivalents (as prose's
// sanitiser does) but the token's span always covers the original bytes;
// Norm carries the ASCII, lower-cased form.
//
// # Sentences
//
// Sentence boundaries come from gopkg.in/neurosnap/sentences (the punkt
// segmenter prose uses, with its English model), built once in New: prose
// itself rebuilds it for every document, which is what makes its segmentation
// slow. Its boundaries are snapped to tokens (a token belongs to the punkt
// sentence its first byte is in) and corrected by five rules, each pinned by
// a test (a line ends in LF, CRLF, a bare CR as in old Mac files, U+2028
// or U+2029): a blank line always ends a sentence (headings), and so does
// the end of a headline or byline line at the top of the text or of a paragraph
// (a short line of capitalised words, "China, US Sign AI Pact\nBy Joe
// Smith\n", see headingLine); a list marker at
// the start of a line opens a sentence and is never a sentence of its own
// ("1. Build fabs."); after a dotted initialism such as U.S. and before a
// capitalised word, a sentence ends only before a closed-class sentence
// opener or a state's name followed by a verb ("made in the U.S. The rules",
// "the U.S. China retaliated", but "U.S. President Biden", "U.S. China
// policy", "the U.S. Entity List": see initialisms.go); a break before a
// token starting with a lower-case letter is dropped ("“Really?” she asked").
// An initialism keeps its final period and stays one token whether or not a
// sentence ends after it.
//
// # Tags and entities
//
// POS tags and NER entities are computed by this package from prose's own
// model data (prose.Asset), with the same features and decision rules as
// prose's averaged perceptron tagger and maxent entity classifier, but on
// this package's tokens, one sentence at a time. See tagger.go for why prose's
// NewDocument is not called per document.
package tokenize

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/techframe/techframe/pipeline"
	"golang.org/x/text/unicode/norm"
	"gopkg.in/neurosnap/sentences.v1"
)

// Options selects what the tokenizer adds.
type Options struct {
	// POS adds Penn Treebank part-of-speech tags to tokens.
	POS bool
	// NER adds prose's statistical entities (PERSON, GPE, ORGANIZATION) to
	// doc.Entities with Source "ner".
	NER bool
	// Whitespace splits on whitespace only and treats each document as one
	// sentence (for pre-tokenised input such as --format lines).
	Whitespace bool
}

// Tokenizer is a pipeline.Stage. Safe for concurrent use by the runner.
type Tokenizer struct {
	opts Options
	// punkt is the sentence segmenter, built once and shared: its Tokenize
	// only reads the trained model (TestConcurrentMatchesSequential, -race).
	// A per-worker sync.Pool was tried first: the pool is emptied at every
	// GC and rebuilding punkt reparses its JSON model, the very cost that
	// makes prose's own segmentation slow.
	punkt *sentences.DefaultSentenceTokenizer
	// model is the tagger/NER model, loaded once; nil unless POS or NER.
	model *model
}

// New builds a tokenizer, loading prose's models once when POS or NER is on.
// A panic while loading (prose panics on bad model data) is returned as an
// error.
func New(opts Options) (t *Tokenizer, err error) {
	defer func() {
		if p := recover(); p != nil {
			t, err = nil, fmt.Errorf("tokenize: loading models: %v", p)
		}
	}()
	t = &Tokenizer{opts: opts}
	if opts.Whitespace {
		return t, nil
	}
	if t.punkt, err = newPunkt(); err != nil {
		return nil, fmt.Errorf("tokenize: sentence model: %w", err)
	}
	if opts.POS || opts.NER {
		m, err := loadModel(loadAsset, opts.NER)
		if err != nil {
			return nil, fmt.Errorf("tokenize: %w", err)
		}
		t.model = m
	}
	return t, nil
}

// Name implements pipeline.Stage.
func (t *Tokenizer) Name() string { return "tokenize" }

// Process fills doc.Sentences and doc.Tokens (and NER entities if enabled).
// Existing sentences and tokens are replaced; entities are appended.
func (t *Tokenizer) Process(doc *pipeline.Document) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("tokenize: internal error: %v", p)
		}
	}()
	if t.opts.Whitespace {
		doc.Tokens, doc.Sentences = whitespaceTokens(doc.Text)
		return nil
	}
	toks, info, pieces := scanTokens(doc.Text)
	var bounds []int
	if len(toks) > 0 {
		bounds = punktStarts(t.punkt, doc.Text, pieces)
	}
	doc.Tokens = toks
	doc.Sentences = segment(doc.Text, toks, info, bounds)
	if t.model != nil {
		t.model.annotate(doc, t.opts.POS, t.opts.NER)
	}
	return nil
}

// whitespaceTokens cuts maximal runs of non-space and makes the document one
// sentence.
func whitespaceTokens(text string) ([]pipeline.Token, []pipeline.Sentence) {
	var toks []pipeline.Token
	i := 0
	for i < len(text) {
		n := spaceLen(text, i)
		if n > 0 {
			i += n
			continue
		}
		j := i
		for j < len(text) && spaceLen(text, j) == 0 {
			j += runeLen(text, j)
		}
		toks = append(toks, pipeline.Token{Span: pipeline.Span{Start: i, End: j}, Norm: normalize(text[i:j])})
		i = j
	}
	if len(toks) == 0 {
		return nil, nil
	}
	s := pipeline.Sentence{Span: pipeline.Span{Start: toks[0].Start, End: toks[len(toks)-1].End}, EndToken: len(toks)}
	return toks, []pipeline.Sentence{s}
}

// normalize returns the lower-cased surface with curly quotes and "&rsquo;"
// replaced by their ASCII forms; dashes are kept. Text outside ASCII is
// also put in Unicode's compatibility composition (NFKC), so that one word
// has one form whatever the keyboard or the publishing system made of it:
// "détente" typed with a combining accent, full-width "ＡＩ", the ligature
// in "ﬁnance". Soft hyphens (U+00AD, invisible line-break hints) are
// dropped and the Unicode hyphens U+2010 and U+2011 (non-breaking) read as
// "-". Plain lower-case ASCII is returned as is (no allocation).
func normalize(s string) string {
	plain, ascii := true, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			plain, ascii = false, false
			break
		}
		if (c >= 'A' && c <= 'Z') || c == '&' {
			plain = false
		}
	}
	if plain {
		return s
	}
	if !ascii {
		s = unicodeReplacer.Replace(norm.NFKC.String(s))
	}
	return strings.ToLower(normReplacer.Replace(s))
}

// NormalizeWord is the normalisation of a token's Norm (see normalize), for
// a word typed by a user (a kwic pattern) that must compare equal to the
// tokens' forms.
func NormalizeWord(s string) string { return normalize(s) }

// compoundHyphens join the parts of a compound token: "US-China",
// "EU–China" (en dash), "cyber‐security" (U+2010, U+2011), and the small
// and full-width hyphen-minus (U+FE63, U+FF0D), which a token's norm
// writes "-".
const compoundHyphens = "-\u2010\u2011\u2013\ufe63\uff0d"

// HyphenParts returns the byte ranges [start, end) in word of the parts
// of a hyphenated compound ("US-China": [0,2) and [3,8)), empty parts
// left out, or nil when word has no hyphen. The tokenizer keeps such
// compounds whole; kwic and the term counts look inside them.
func HyphenParts(word string) [][2]int {
	if !strings.ContainsAny(word, compoundHyphens) {
		return nil
	}
	var parts [][2]int
	start := 0
	for k, r := range word + "-" { // a hyphen after the end closes the last part
		if !strings.ContainsRune(compoundHyphens, r) {
			continue
		}
		if k > start {
			parts = append(parts, [2]int{start, k})
		}
		start = k + utf8.RuneLen(r)
	}
	return parts
}

// unicodeReplacer drops soft hyphens and spells the Unicode hyphens as
// ASCII, after NFKC (which turns U+2011 into U+2010).
var unicodeReplacer = strings.NewReplacer("\u00ad", "", "\u2010", "-", "\u2011", "-")

var normReplacer = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201c", `"`, "\u201d", `"`, "&rsquo;", "'")
