package framing

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/techframe/techframe/lexicons"
	"github.com/techframe/techframe/pipeline"
	"github.com/techframe/techframe/pipeline/entities"
)

// makeDoc builds a Document without the tokenizer: sentences end at ". "
// (and at the end of the text); tokens are runs of letters/digits or single
// punctuation marks, with byte offsets into text.
func makeDoc(text string) *pipeline.Document {
	doc := &pipeline.Document{ID: "t", Text: text}
	start := 0
	for start < len(text) {
		end := strings.Index(text[start:], ". ")
		if end < 0 {
			end = len(text)
		} else {
			end = start + end + 1
		}
		sent := pipeline.Sentence{Span: pipeline.Span{Start: start, End: end}, FirstToken: len(doc.Tokens)}
		for i := start; i < end; {
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				i += size
				continue
			}
			j := i + size
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				for j < end {
					r2, s2 := utf8.DecodeRuneInString(text[j:])
					if !unicode.IsLetter(r2) && !unicode.IsDigit(r2) {
						break
					}
					j += s2
				}
			}
			doc.Tokens = append(doc.Tokens, pipeline.Token{Span: pipeline.Span{Start: i, End: j}, Norm: lexicons.Norm(text[i:j]), Sent: len(doc.Sentences)})
			i = j
		}
		sent.EndToken = len(doc.Tokens)
		doc.Sentences = append(doc.Sentences, sent)
		start = end
		for start < len(text) && text[start] == ' ' {
			start++
		}
	}
	return doc
}

// oneSentence builds a one-sentence Document (gold files hold sentences).
func oneSentence(text string) *pipeline.Document {
	doc := makeDoc(text)
	if len(doc.Sentences) > 1 {
		doc.Sentences = []pipeline.Sentence{{Span: pipeline.Span{Start: 0, End: len(text)}, FirstToken: 0, EndToken: len(doc.Tokens)}}
		for i := range doc.Tokens {
			doc.Tokens[i].Sent = 0
		}
	}
	return doc
}

var testSet = func() *lexicons.Set {
	s, err := lexicons.Defaults()
	if err != nil {
		panic(err)
	}
	return s
}()

var testModel = func() *Model {
	m, err := DefaultModel()
	if err != nil {
		panic(err)
	}
	return m
}()

var (
	testGaz = entities.New(testSet)
	// testTagger is the shipped configuration: the built-in combiner.
	testTagger = New(testSet, Options{Model: testModel})
	// ruleTagger labels with the hand-set rule.
	ruleTagger = New(testSet, Options{})
)

func tag(doc *pipeline.Document) *pipeline.Document {
	if err := testGaz.Process(doc); err != nil {
		panic(err)
	}
	if err := testTagger.Process(doc); err != nil {
		panic(err)
	}
	return doc
}
