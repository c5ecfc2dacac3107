package tokenize

// Why this file does not call prose.NewDocument per document.
//
// prose v2.0.0's NewDocument has three quirks that no wrapper around it can
// fully undo:
//
//   - it reloads its models on every call unless given UsingModel;
//   - its tokenizer caches tokens by whitespace-delimited chunk and hands the
//     SAME *Token to every later occurrence of the chunk, so the tagger's
//     writes for "record" (NN) in "They record the record now." overwrite the
//     earlier occurrence's VBP. Re-tagging prefixes can recover the tagger's
//     decisions, but not the entity classifier's: its features read the
//     stored tags of the neighbouring tokens (and its own earlier labels),
//     which are already overwritten for every repeated word in the sentence;
//   - its tokens carry no offsets and it sees a sanitised copy of the text.
//
// So this package reads prose's model data once (prose.Asset, the files
// NewDocument itself decodes) and applies the same two classifiers to its own
// tokens, one sentence at a time, keeping each token's tag in its own slot.
// The features and decision rules below are those of prose v2.0.0 (an averaged
// perceptron tagger and a maxent IOB classifier with prose's chunker); the
// tests compare tags and entities with prose's own output on sentences where
// prose's cache does not bite (TestTagsMatchProse). The deliberate
// differences: every occurrence keeps its own labels; tagging restarts at each
// sentence (prose tags a whole document as one sequence); an entity still open
// at the end of a sentence is emitted (prose drops one at the end of the
// text); ties between equal scores go to the first class in the model's order
// (prose picks by map iteration order, i.e. at random); emoticons are not
// special-cased.
//
// The model is immutable after loading (maps and slices only read), so one
// copy serves every goroutine (TestConcurrentMatchesSequential under -race).

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/jdkato/prose/v2"
	"github.com/mingrammer/commonregex"
	"github.com/techframe/techframe/pipeline"
)

// loadAsset reads one of prose's embedded model files. Tests replace it to
// force a failure or a panic.
var loadAsset = prose.Asset

type model struct {
	// tagger
	classes  []string
	classIdx map[string]int
	tagDict  map[string]string
	weights  map[string]map[string]float64
	// entity classifier (nil maps when NER is off)
	labels  []string
	mapping map[string]int
	nerW    []float64
	basic   map[string]bool
}

func decodeAsset(load func(string) ([]byte, error), name string, v any) error {
	b, err := load(name)
	if err != nil {
		return fmt.Errorf("model file %s: %w", name, err)
	}
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(v); err != nil {
		return fmt.Errorf("model file %s: %w", name, err)
	}
	return nil
}

// loadModel decodes the tagger (and the entity classifier when ner is set).
func loadModel(load func(string) ([]byte, error), ner bool) (*model, error) {
	m := &model{}
	for _, f := range []struct {
		name string
		v    any
	}{
		{"model/AveragedPerceptron/classes.gob", &m.classes},
		{"model/AveragedPerceptron/tags.gob", &m.tagDict},
		{"model/AveragedPerceptron/weights.gob", &m.weights},
	} {
		if err := decodeAsset(load, f.name, f.v); err != nil {
			return nil, err
		}
	}
	m.classIdx = make(map[string]int, len(m.classes))
	for i, c := range m.classes {
		m.classIdx[c] = i
	}
	if !ner {
		return m, nil
	}
	var words []string
	for _, f := range []struct {
		name string
		v    any
	}{
		{"model/Maxent/labels.gob", &m.labels},
		{"model/Maxent/mapping.gob", &m.mapping},
		{"model/Maxent/weights.gob", &m.nerW},
		{"model/Maxent/words.gob", &words},
	} {
		if err := decodeAsset(load, f.name, f.v); err != nil {
			return nil, err
		}
	}
	m.basic = make(map[string]bool, len(words))
	for _, w := range words {
		m.basic[w] = true
	}
	return m, nil
}

// sanitizer is prose's: the models saw ASCII quotes.
var sanitizer = strings.NewReplacer(
	"\u201c", `"`, "\u201d", `"`, "\u2018", "'", "\u2019", "'", "&rsquo;", "'")

// annotate tags every sentence of doc and, with ner, appends its entities.
func (m *model) annotate(doc *pipeline.Document, pos, ner bool) {
	var words, tags []string
	var sc scratch
	for si, s := range doc.Sentences {
		toks := doc.Tokens[s.FirstToken:s.EndToken]
		words = words[:0]
		for _, t := range toks {
			words = append(words, sanitizer.Replace(doc.Text[t.Start:t.End]))
		}
		tags = m.tag(words, tags[:0], &sc)
		if pos {
			for i := range toks {
				toks[i].POS = tags[i]
			}
		}
		if ner {
			for _, e := range m.entities(words, tags) {
				a, b := toks[e.first].Start, toks[e.last].End
				doc.Entities = append(doc.Entities, pipeline.Entity{
					Span:      pipeline.Span{Start: a, End: b},
					Canonical: strings.Join(strings.Fields(doc.Text[a:b]), " "),
					Type:      e.label,
					Source:    "ner",
					Sent:      si,
				})
			}
		}
	}
}

type scratch struct {
	key    []byte
	scores []float64
	seen   []bool
	ctx    []string
}

var (
	noneRE = regexp.MustCompile(`^(?:0|\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$`)
	keepRE = regexp.MustCompile(`^\-[A-Z]{3}\-$`)
)

// tag is prose's averaged-perceptron tagger over one sentence: fixed rules
// first, then the tag dictionary, then the perceptron, whose features for
// word i are its suffix and first byte, the two previous predicted tags, and
// the normalised words i-2..i+2.
func (m *model) tag(words, tags []string, sc *scratch) []string {
	n := len(words)
	sc.ctx = append(sc.ctx[:0], "-START-", "-START2-")
	for _, w := range words {
		sc.ctx = append(sc.ctx, tagNorm(w))
	}
	sc.ctx = append(sc.ctx, "-END-", "-END2-")
	ctx := sc.ctx
	p1, p2 := "-START-", "-START2-"
	for i := 0; i < n; i++ {
		w := words[i]
		var tag string
		switch {
		case w == "-":
			tag = "-"
		case strings.IndexByte(w, '.') >= 0 && (commonregex.LinkRegex.MatchString(w) || commonregex.EmailRegex.MatchString(w)),
			strings.HasPrefix(w, "@"):
			tag = "NN"
		case noneRE.MatchString(w):
			tag = "-NONE-"
		case keepRE.MatchString(w):
			tag = w
		default:
			if t, ok := m.tagDict[w]; ok {
				tag = t
			} else {
				tag = m.predict(i+2, ctx, w, p1, p2, sc)
			}
		}
		tags = append(tags, tag)
		p2, p1 = p1, tag
	}
	return tags
}

func last3(s string) string { return s[len(s)-min(len(s), 3):] }

func (m *model) predict(c int, ctx []string, w, p1, p2 string, sc *scratch) string {
	if cap(sc.scores) < len(m.classes) {
		sc.scores = make([]float64, len(m.classes))
		sc.seen = make([]bool, len(m.classes))
	}
	scores, seen := sc.scores[:len(m.classes)], sc.seen[:len(m.classes)]
	clear(scores)
	clear(seen)
	feat := func(parts ...string) {
		k := sc.key[:0]
		for j, p := range parts {
			if j > 0 {
				k = append(k, ' ')
			}
			k = append(k, p...)
		}
		sc.key = k
		for label, wt := range m.weights[string(k)] {
			if j, ok := m.classIdx[label]; ok {
				scores[j] += wt
				seen[j] = true
			}
		}
	}
	feat("bias")
	feat("i suffix", last3(w))
	feat("i pref1", string(rune(w[0])))
	feat("i-1 tag", p1)
	feat("i-2 tag", p2)
	feat("i tag+i-2 tag", p1, p2)
	feat("i word", ctx[c])
	feat("i-1 tag+i word", p1, ctx[c])
	feat("i-1 word", ctx[c-1])
	feat("i-1 suffix", last3(ctx[c-1]))
	feat("i-2 word", ctx[c-2])
	feat("i+1 word", ctx[c+1])
	feat("i+1 suffix", last3(ctx[c+1]))
	feat("i+2 word", ctx[c+2])
	best, bestScore := "", 0.0
	for j, ok := range seen {
		if ok && (best == "" || scores[j] > bestScore) {
			best, bestScore = m.classes[j], scores[j]
		}
	}
	return best
}

// tagNorm is the tagger's word normalisation.
func tagNorm(w string) string {
	switch {
	case w == "":
		return w
	case strings.Contains(w, "-") && w[0] != '-':
		return "!HYPHEN"
	}
	if _, err := strconv.Atoi(w); err == nil && len(w) == 4 {
		return "!YEAR"
	}
	if w[0] >= '0' && w[0] <= '9' {
		return "!DIGITS"
	}
	return strings.ToLower(w)
}

type span struct {
	first, last int
	label       string
}

var featureOrder = [...]string{
	"bias", "en-wordlist", "nextpos", "nextword", "pos", "pos+prevtag",
	"prefix3", "prevpos", "prevtag", "prevword", "shape", "shape+prevtag",
	"suffix3", "word", "word+nextpos", "word.lower", "wordlen"}

// entities runs prose's maxent IOB classifier over one tagged sentence and
// groups the labels into entities with prose's chunking rules.
func (m *model) entities(words, tags []string) []span {
	n := len(words)
	labels := make([]string, n)
	history := make([]string, 0, n)
	var vals [len(featureOrder)]string
	var key []byte
	for i := 0; i < n; i++ {
		m.nerFeatures(i, words, tags, history, &vals)
		best, bestScore := "", 0.0
		for li, label := range m.labels {
			total := 0.0
			for f, name := range featureOrder {
				key = append(append(append(append(append(key[:0], name...), '-'), vals[f]...), '-'), label...)
				if idx, ok := m.mapping[string(key)]; ok {
					total += m.nerW[idx]
				}
			}
			if li == 0 || total > bestScore {
				best, bestScore = label, total
			}
		}
		labels[i] = best
		history = append(history, simplePOS(best))
	}
	return chunkEntities(labels, tags)
}

// nerFeatures fills vals in featureOrder for word i.
func (m *model) nerFeatures(i int, words, tags, history []string, vals *[len(featureOrder)]string) {
	w := words[i]
	lower := strings.ToLower(w)
	prevWord, prevPos, prevTag, prevShape := "None", "None", "None", "None"
	if i > 0 {
		prevWord, prevPos, prevTag = strings.ToLower(words[i-1]), tags[i-1], history[i-1]
		if i > 1 {
			prevShape = shape(words[i-1])
		}
	}
	nextWord, nextPos := "None", "None"
	if i < len(words)-1 {
		nextWord, nextPos = strings.ToLower(words[i+1]), strings.ToLower(tags[i+1])
	}
	basic := "False"
	if m.basic[w] {
		basic = "True"
	}
	*vals = [...]string{
		"True", basic, nextPos, nextWord, tags[i], tags[i] + "+" + prevTag,
		strings.ToLower(w[:min(len(w), 3)]), prevPos, prevTag, prevWord, shape(w), prevShape + "+" + prevTag,
		strings.ToLower(last3(w)), w, lower + "+" + nextPos, lower, strconv.Itoa(len(w)),
	}
}

// shape classifies a word as prose's entity features do.
func shape(w string) string {
	if _, err := strconv.ParseFloat(w, 64); err == nil {
		return "number"
	}
	if w == "" {
		return "other"
	}
	c := w[len(w)-1]
	if !(c == '_' || c >= '0' && c <= '9' || isASCIILetter(c)) {
		return "punct"
	}
	switch {
	case strings.ToLower(w) == w:
		return "downcase"
	case strings.Title(w) == w: //nolint:staticcheck // prose's definition
		return "upcase"
	}
	return "mixedcase"
}

func simplePOS(label string) string {
	if strings.HasPrefix(label, "V") {
		return "v"
	}
	return strings.Split(label, "-")[0]
}

// chunkEntities groups IOB labels into entities by prose's rules (a run
// continues while the label continues, while the POS tag repeats, or on a
// number after a labelled token), and also closes a run left open at the end.
func chunkEntities(labels, tags []string) []span {
	var out []span
	end := ""
	var parts []int
	emit := func() {
		ls := make([]string, len(parts))
		for k, p := range parts {
			ls[k] = labels[p]
		}
		out = append(out, span{first: parts[0], last: parts[len(parts)-1], label: entityType(ls)})
	}
	for i, label := range labels {
		np := len(parts)
		switch {
		case label != "O" && label != end,
			np > 0 && tags[i] == tags[parts[np-1]],
			np > 0 && tags[i] == "CD" && labels[parts[np-1]] != "O":
			end = strings.Replace(label, "B", "I", 1)
			parts = append(parts, i)
		case label == "O" && end != "", label == end:
			if label != "O" {
				parts = append(parts, i)
			}
			emit()
			end, parts = "", parts[:0]
		}
	}
	if len(parts) > 0 {
		emit()
	}
	return out
}

// entityType is prose's label for a run of IOB labels.
func entityType(labels []string) string {
	if len(labels) == 2 {
		for _, l := range labels {
			if l == "B-PERSON" {
				return "PERSON"
			}
		}
	}
	if _, t, ok := strings.Cut(labels[0], "-"); ok {
		t, _, _ = strings.Cut(t, "-")
		return t
	}
	return labels[0]
}
