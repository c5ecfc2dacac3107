package topics

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/techframe/techframe/pipeline"
)

// ModelFormat is the "format" field of a saved model.
const ModelFormat = "techframe-topic-model"

// ErrBadModel marks a saved model that cannot be read: not JSON, another
// format or version, inconsistent sizes, or a vocabulary that does not match
// its checksum. It is a configuration error (exit code 2), like a malformed
// lexicon.
var ErrBadModel = fmt.Errorf("%w: bad topic model file", pipeline.ErrUsage)

// savedModel is the JSON layout of a saved model (version 1):
//
//	{"format": "techframe-topic-model", "version": 1, "kind": "lda"|"nmf",
//	 "k": K, "vocab_sha256": hex SHA-256 of the terms each followed by "\n",
//	 "terms": [V strings], "topic_word": [K rows of V numbers],
//	 "topic_tokens": [K numbers],
//	 "alpha": [K numbers], "beta": number,        (LDA: phi rows sum to 1)
//	 "idf": [V numbers], "tf": "raw"|"sublinear", "norm": "l2"|"l1"|"none"  (NMF: rows of H)
//	 "seed": n, "iterations": n, "samples": n,
//	 "settings": {string: string}}               (how the model was fitted)
type savedModel struct {
	Format      string            `json:"format"`
	Version     int               `json:"version"`
	Kind        string            `json:"kind"`
	K           int               `json:"k"`
	VocabSHA256 string            `json:"vocab_sha256"`
	Terms       []string          `json:"terms"`
	TopicWord   [][]float64       `json:"topic_word"`
	TopicTokens []float64         `json:"topic_tokens"`
	Alpha       []float64         `json:"alpha,omitempty"`
	Beta        float64           `json:"beta,omitempty"`
	IDF         []float64         `json:"idf,omitempty"`
	TF          string            `json:"tf,omitempty"`
	Norm        string            `json:"norm,omitempty"`
	Seed        uint64            `json:"seed"`
	Iterations  int               `json:"iterations"`
	Samples     int               `json:"samples,omitempty"`
	Settings    map[string]string `json:"settings,omitempty"`
}

// Save writes the model as JSON (format version ModelVersion; the layout is
// documented on savedModel). Document-topic proportions are not saved: use
// Infer for new documents.
func (m *Model) Save(w io.Writer) error {
	if err := m.validate(); err != nil {
		return err
	}
	s := savedModel{Format: ModelFormat, Version: ModelVersion, Kind: m.Kind, K: m.K, VocabSHA256: VocabChecksum(m.Terms),
		Terms: m.Terms, TopicTokens: m.TopicTokens, Seed: m.Seed, Iterations: m.Iterations, Samples: m.Samples, Settings: m.Settings}
	s.TopicWord = make([][]float64, m.K)
	for k := range s.TopicWord {
		s.TopicWord[k] = m.Row(k)
	}
	switch m.Kind {
	case KindLDA:
		s.Alpha, s.Beta = m.Alpha, m.Beta
	case KindNMF:
		s.IDF, s.TF, s.Norm = m.IDF, m.TF, m.Norm
	}
	enc := json.NewEncoder(w)
	return enc.Encode(&s)
}

// Load reads a model written by Save. name labels errors (normally the file
// path); every error wraps ErrBadModel and names the file.
func Load(r io.Reader, name string) (*Model, error) {
	fail := func(off int64, format string, args ...any) error {
		return &pipeline.PosError{Stage: "topics", Path: name, Offset: off, Err: fmt.Errorf("%w: "+format, append([]any{ErrBadModel}, args...)...)}
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &pipeline.PosError{Stage: "topics", Path: name, Offset: -1, Err: err}
	}
	// A first pass reads only the header, so that a model from a later
	// version is reported as such rather than as a field mismatch.
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fail(se.Offset, "not valid JSON (%v); the file may be truncated or corrupted", se)
		}
		return nil, fail(-1, "not a techframe topic model: %v", err)
	}
	if head.Format != ModelFormat {
		return nil, fail(-1, "format is %q, want %q (is this a file written by topics --save-model?)", head.Format, ModelFormat)
	}
	if head.Version != ModelVersion {
		return nil, fail(-1, "model format version %d; this techframe reads version %d", head.Version, ModelVersion)
	}
	var s savedModel
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, fail(te.Offset, "field %q has the wrong type (%s)", te.Field, te.Value)
		}
		return nil, fail(-1, "%v", err)
	}
	if got := VocabChecksum(s.Terms); got != s.VocabSHA256 {
		return nil, fail(-1, "vocabulary checksum mismatch: the file says %.12s..., its %d terms hash to %.12s... (the terms were altered)", s.VocabSHA256, len(s.Terms), got)
	}
	m := &Model{Kind: s.Kind, K: s.K, Terms: s.Terms, TopicTokens: s.TopicTokens, Alpha: s.Alpha, Beta: s.Beta, IDF: s.IDF,
		TF: s.TF, Norm: s.Norm, Seed: s.Seed, Iterations: s.Iterations, Samples: s.Samples, Settings: s.Settings}
	if len(s.TopicWord) != s.K {
		return nil, fail(-1, "%d topic rows for k=%d", len(s.TopicWord), s.K)
	}
	if s.K > 0 && len(s.Terms) > 0 && s.K > math.MaxInt/len(s.Terms) {
		return nil, fail(-1, "k=%d with %d terms is too large", s.K, len(s.Terms))
	}
	m.TopicWord = make([]float64, 0, s.K*len(s.Terms))
	for k, row := range s.TopicWord {
		if len(row) != len(s.Terms) {
			return nil, fail(-1, "topic %d has %d weights for %d terms", k, len(row), len(s.Terms))
		}
		m.TopicWord = append(m.TopicWord, row...)
	}
	if err := m.validate(); err != nil {
		return nil, fail(-1, "%v", err)
	}
	return m, nil
}

// validate checks the parts of a model that Save writes and Infer uses.
func (m *Model) validate() error {
	V := len(m.Terms)
	switch {
	case m.Kind != KindLDA && m.Kind != KindNMF:
		return fmt.Errorf("kind must be %q or %q, not %q", KindLDA, KindNMF, m.Kind)
	case m.K < 1 || m.K > math.MaxUint16:
		return fmt.Errorf("k must be between 1 and %d, not %d", math.MaxUint16, m.K)
	case V == 0:
		return errors.New("the vocabulary is empty")
	case len(m.TopicWord) != m.K*V:
		return fmt.Errorf("%d topic-word weights for k=%d and %d terms", len(m.TopicWord), m.K, V)
	case len(m.TopicTokens) != m.K:
		return fmt.Errorf("%d topic sizes for k=%d", len(m.TopicTokens), m.K)
	}
	seen := make(map[string]bool, V)
	for _, t := range m.Terms {
		if seen[t] {
			return fmt.Errorf("term %q appears twice", t)
		}
		seen[t] = true
	}
	bad := func(x float64) bool { return x < 0 || math.IsNaN(x) || math.IsInf(x, 0) }
	for i, x := range m.TopicWord {
		if bad(x) {
			return fmt.Errorf("topic %d weight of %q is %v", i/V, m.Terms[i%V], x)
		}
	}
	for k, x := range m.TopicTokens {
		if bad(x) {
			return fmt.Errorf("topic %d size is %v", k, x)
		}
	}
	switch m.Kind {
	case KindLDA:
		if len(m.Alpha) != m.K {
			return fmt.Errorf("%d alpha values for k=%d", len(m.Alpha), m.K)
		}
		for k, a := range m.Alpha {
			if bad(a) || a == 0 {
				return fmt.Errorf("alpha[%d] = %v must be positive", k, a)
			}
		}
		if bad(m.Beta) || m.Beta == 0 {
			return fmt.Errorf("beta = %v must be positive", m.Beta)
		}
		for k := 0; k < m.K; k++ {
			s := 0.0
			for _, x := range m.Row(k) {
				s += x
			}
			if math.Abs(s-1) > 1e-6 {
				return fmt.Errorf("topic %d's word distribution sums to %v, not 1", k, s)
			}
		}
	case KindNMF:
		if len(m.IDF) != V {
			return fmt.Errorf("%d idf values for %d terms", len(m.IDF), V)
		}
		for j, x := range m.IDF {
			if bad(x) {
				return fmt.Errorf("idf of %q is %v", m.Terms[j], x)
			}
		}
		switch m.TF {
		case "", "raw", "sublinear":
		default:
			return fmt.Errorf("tf must be raw or sublinear, not %q", m.TF)
		}
		switch m.Norm {
		case "", "l2", "l1", "none":
		default:
			return fmt.Errorf("norm must be l2, l1 or none, not %q", m.Norm)
		}
	}
	return nil
}
