package framing

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sync"

	"github.com/techframe/techframe/lexicons"
	"github.com/techframe/techframe/pipeline"
)

// ModelFormat names the model file format (the "format" field).
const ModelFormat = "techframe-framing-model"

// ModelVersion is the model file version this package writes; it also
// reads version 1 (cue features only, no n-grams).
const ModelVersion = 2

// Model is the learned combiner: a multinomial logistic regression
// (softmax) over a sentence's cue features (see Features). Its score for a
// label is Bias[label] + sum over features of Weights[feature][label] x
// value; the label with the highest score wins, among the labels the cues
// can support (Label). Weights are on the features' own scale, so a weight
// reads as "score per unit of this feature".
type Model struct {
	// Name is the file the model came from: lexicons.FramingModelName
	// ("builtin:framing-model.json") for the built-in one, the path as given
	// (lexicons.UserName) for a file; SHA256 is the hex SHA-256 of its bytes.
	Name, SHA256 string
	// W[c][j] is the weight of feature j for class Labels[c]; B[c] the bias.
	W [4][NumFeatures]float64
	B [4]float64
	// Training describes how the model was made (recorded in the file).
	Training TrainInfo
	// GramRows are the n-gram weights (ngram.go), strongest first; Grams
	// maps an n-gram's hash to its row. Nil: cue features only.
	GramRows []GramRow
	Grams    map[uint64]int32
	// LabelCueless lets the model label sentences without any cue from
	// their n-grams (traced by n-gram Evidence records).
	LabelCueless bool
}

// TrainInfo records how a model was trained.
type TrainInfo struct {
	Sets []string `json:"sets,omitempty"`
	// Inputs are the corpus inputs read for coded rows that name their
	// sentence by doc_id and index only, and Tokenizer the tokenizer that
	// numbered those sentences (a sheet coded against other inputs, or
	// split otherwise, names other sentences).
	Inputs       []string           `json:"inputs,omitempty"`
	Tokenizer    string             `json:"tokenizer,omitempty"`
	Rows         int                `json:"rows"`
	CuedRows     int                `json:"cued_rows"`
	L2           float64            `json:"l2"`
	NGramL2      float64            `json:"ngram_l2,omitempty"`
	Iterations   int                `json:"iterations"`
	Loss         float64            `json:"loss"`
	ClassWeights map[string]float64 `json:"class_weights,omitempty"`
	Note         string             `json:"note,omitempty"`
}

// Label returns the highest-scoring label that the sentence's cues can
// support: cooperation needs a positive effective cooperation score,
// competition a positive competition score, both needs both, neutral is
// always possible. So every frame label still traces back to cues that
// fired (the Evidence records).
func (m *Model) Label(f *Features) string {
	return m.labelWith(f, [4]float64{})
}

// labelWith is Label with gs (the sentence's summed n-gram weights) added
// to the scores.
func (m *Model) labelWith(f *Features, gs [4]float64) string {
	s := m.Scores(f)
	for c := range s {
		s[c] += gs[c]
	}
	best, bestScore := Neutral, s[3]
	for c, l := range Labels[:3] {
		ok := false
		switch l {
		case Cooperation:
			ok = f[FCoopScore] > 0
		case Competition:
			ok = f[FCompScore] > 0
		case Both:
			ok = f[FCoopScore] > 0 && f[FCompScore] > 0
		}
		if ok && s[c] > bestScore {
			best, bestScore = l, s[c]
		}
	}
	return best
}

// Scores returns the model's score (logit) of each label, in Labels order.
func (m *Model) Scores(f *Features) [4]float64 {
	// One pass over the features, most of which are zero; each label's
	// sum still adds its terms in feature order, so the scores are those
	// of summing label by label to the last bit.
	s := m.B
	for j, x := range f {
		if x != 0 {
			s[0] += m.W[0][j] * x
			s[1] += m.W[1][j] * x
			s[2] += m.W[2][j] * x
			s[3] += m.W[3][j] * x
		}
	}
	return s
}

// modelFile is the JSON form: one row per feature with a weight per label,
// so that the file reads as a table.
type modelFile struct {
	Format   string    `json:"format"`
	Version  int       `json:"version"`
	Comment  string    `json:"comment,omitempty"`
	Labels   []string  `json:"labels"`
	Training TrainInfo `json:"training"`
	// LabelCueless and NGrams are version 2 fields.
	LabelCueless bool           `json:"label_cueless,omitempty"`
	Weights      []modelRowJSON `json:"weights"`
	NGrams       []modelRowJSON `json:"ngrams,omitempty"`
}

type modelRowJSON struct {
	Feature     string   `json:"feature"`
	Cooperation *float64 `json:"cooperation"`
	Competition *float64 `json:"competition"`
	Both        *float64 `json:"both"`
	Neutral     *float64 `json:"neutral"`
}

const modelComment = "Learned combiner of the framing tagger (package framing): score(label) = bias + sum of weight x feature; " +
	"the highest score among the labels the cues support wins. Features are documented in pipeline/framing/features.go. " +
	"Retrain with: techframe framing train --gold FILE ... -o FILE"

// Marshal writes the model as indented JSON.
func (m *Model) Marshal() ([]byte, error) {
	mf := modelFile{Format: ModelFormat, Version: ModelVersion, Comment: modelComment, Labels: Labels, Training: m.Training, LabelCueless: m.LabelCueless}
	row := func(name string, v [4]float64) modelRowJSON {
		r := modelRowJSON{Feature: name}
		vals := v
		r.Cooperation, r.Competition, r.Both, r.Neutral = &vals[0], &vals[1], &vals[2], &vals[3]
		return r
	}
	mf.Weights = append(mf.Weights, row("bias", m.B))
	for j, name := range FeatureNames {
		var v [4]float64
		for c := range v {
			v[c] = m.W[c][j]
		}
		mf.Weights = append(mf.Weights, row(name, v))
	}
	for _, g := range m.GramRows {
		mf.NGrams = append(mf.NGrams, row(g.Name, g.W))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(mf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ModelError is a model file that cannot be used. It unwraps to
// pipeline.ErrUsage (a configuration error, exit code 2).
type ModelError struct {
	File string
	Msg  string
}

func (e *ModelError) Error() string { return fmt.Sprintf("framing model %s: %s", e.File, e.Msg) }

// Unwrap makes errors.Is(err, pipeline.ErrUsage) true.
func (e *ModelError) Unwrap() error { return pipeline.ErrUsage }

// ParseModel reads a model file's bytes; name is used in errors.
func ParseModel(name string, data []byte) (*Model, error) {
	bad := func(format string, args ...any) (*Model, error) {
		return nil, &ModelError{File: name, Msg: fmt.Sprintf(format, args...)}
	}
	var mf modelFile
	if !decodeModelFast(data, &mf) {
		mf = modelFile{}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&mf); err != nil {
			return bad("not a framing model (JSON): %v", err)
		}
	}
	if mf.Format != ModelFormat {
		return bad("format is %q, want %q (write one with: techframe framing train)", mf.Format, ModelFormat)
	}
	if mf.Version != 1 && mf.Version != ModelVersion {
		return bad("version %d, this techframe reads versions 1 and %d", mf.Version, ModelVersion)
	}
	if mf.Version == 1 && (len(mf.NGrams) > 0 || mf.LabelCueless) {
		return bad("version 1 files have no n-grams")
	}
	if len(mf.Labels) != len(Labels) {
		return bad("labels %v, want %v", mf.Labels, Labels)
	}
	for i, l := range mf.Labels {
		if l != Labels[i] {
			return bad("labels %v, want %v", mf.Labels, Labels)
		}
	}
	index := map[string]int{"bias": -1}
	for j, n := range FeatureNames {
		index[n] = j
	}
	m := &Model{Name: name, SHA256: hexSum(data), Training: mf.Training, LabelCueless: mf.LabelCueless}
	seen := map[string]bool{}
	for i, r := range mf.Weights {
		j, ok := index[r.Feature]
		if !ok {
			return bad("weights[%d]: unknown feature %q", i, r.Feature)
		}
		if seen[r.Feature] {
			return bad("weights[%d]: feature %q given twice", i, r.Feature)
		}
		seen[r.Feature] = true
		for c, p := range []*float64{r.Cooperation, r.Competition, r.Both, r.Neutral} {
			if p == nil {
				return bad("weights[%d] (%s): no weight for %s", i, r.Feature, Labels[c])
			}
			if math.IsNaN(*p) || math.IsInf(*p, 0) {
				return bad("weights[%d] (%s): weight for %s is not a finite number", i, r.Feature, Labels[c])
			}
			if j < 0 {
				m.B[c] = *p
			} else {
				m.W[c][j] = *p
			}
		}
	}
	if len(seen) != len(index) {
		for n := range index {
			if !seen[n] {
				return bad("no weights for feature %q (the file was made for another version of the tagger)", n)
			}
		}
	}
	if mf.NGrams != nil {
		m.GramRows = make([]GramRow, 0, len(mf.NGrams))
		m.Grams = make(map[uint64]int32, len(mf.NGrams))
		names := map[string]bool{}
		for i, r := range mf.NGrams {
			key, ok := hashGramName(r.Feature)
			if !ok {
				return bad("ngrams[%d]: %q is not one or two words", i, r.Feature)
			}
			if names[r.Feature] {
				return bad("ngrams[%d]: n-gram %q given twice", i, r.Feature)
			}
			names[r.Feature] = true
			if _, dup := m.Grams[key]; dup {
				return bad("ngrams[%d]: n-gram %q collides with an earlier one", i, r.Feature)
			}
			g := GramRow{Name: r.Feature}
			for c, p := range []*float64{r.Cooperation, r.Competition, r.Both, r.Neutral} {
				if p == nil {
					return bad("ngrams[%d] (%s): no weight for %s", i, r.Feature, Labels[c])
				}
				if math.IsNaN(*p) || math.IsInf(*p, 0) {
					return bad("ngrams[%d] (%s): weight for %s is not a finite number", i, r.Feature, Labels[c])
				}
				g.W[c] = *p
			}
			m.Grams[key] = int32(len(m.GramRows))
			m.GramRows = append(m.GramRows, g)
		}
	}
	return m, nil
}

// LoadModel reads a model file from disk.
func LoadModel(path string) (*Model, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if pe, ok := err.(*os.PathError); ok {
			err = pe.Err
		}
		return nil, &ModelError{File: lexicons.UserName(path), Msg: fmt.Sprintf("cannot read: %v", err)}
	}
	return ParseModel(lexicons.UserName(path), data)
}

var defaultModel = sync.OnceValues(func() (*Model, error) {
	return ParseModel(lexicons.FramingModelName, lexicons.FramingModel())
})

// DefaultModel returns the built-in combiner (lexicons/data/framing-model.json),
// parsed once.
func DefaultModel() (*Model, error) { return defaultModel() }

func hexSum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
