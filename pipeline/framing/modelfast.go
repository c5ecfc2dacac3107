package framing

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// decodeModelFast fills mf from a model file laid out as Marshal writes
// it (keys in any order, any spacing), without encoding/json's reflection
// over the thousands of n-gram rows: that decoding was most of every
// annotate run's start-up cost for framing. It reports false whenever the
// file strays from that layout (an escaped or invalid string, an unknown,
// repeated or differently cased key, a value of another type, data after
// the object); the caller then decodes with encoding/json, which gives
// the same result or the error message. So it never accepts a file that
// encoding/json would refuse, nor reads one differently (TestModelFastDecode
// and FuzzModelFastDecode compare the two).
func decodeModelFast(data []byte, mf *modelFile) bool {
	s := &jsonScan{b: data}
	if !s.lit('{') {
		return false
	}
	seen := map[string]bool{}
	for first := true; ; first = false {
		if s.lit('}') {
			break
		}
		if !first && !s.lit(',') {
			return false
		}
		key, ok := s.str()
		if !ok || seen[key] || !s.lit(':') {
			return false
		}
		seen[key] = true
		switch key {
		case "weights":
			ok = s.rows(&mf.Weights)
		case "ngrams":
			ok = s.rows(&mf.NGrams)
		case "format":
			ok = s.rawInto(&mf.Format)
		case "version":
			ok = s.rawInto(&mf.Version)
		case "comment":
			ok = s.rawInto(&mf.Comment)
		case "labels":
			ok = s.rawInto(&mf.Labels)
		case "training":
			ok = s.rawInto(&mf.Training)
		case "label_cueless":
			ok = s.rawInto(&mf.LabelCueless)
		default:
			ok = false
		}
		if !ok {
			return false
		}
	}
	s.ws()
	return s.i == len(s.b)
}

// jsonScan reads the plain JSON of a model file: b[i:] is still unread.
type jsonScan struct {
	b []byte
	i int
}

func (s *jsonScan) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// lit consumes byte c after any spacing, if it is next.
func (s *jsonScan) lit(c byte) bool {
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// word consumes the literal w (null, true, false) after any spacing.
func (s *jsonScan) word(w string) bool {
	s.ws()
	if bytes.HasPrefix(s.b[s.i:], []byte(w)) {
		s.i += len(w)
		return true
	}
	return false
}

// str reads a string without escapes, of valid UTF-8 with no control
// characters (anything else is left to encoding/json).
func (s *jsonScan) str() (string, bool) {
	if !s.lit('"') {
		return "", false
	}
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			v := s.b[start:s.i]
			s.i++
			if !utf8.Valid(v) {
				return "", false
			}
			return string(v), true
		case c == '\\' || c < 0x20:
			return "", false
		}
		s.i++
	}
	return "", false
}

// num reads a number of JSON's grammar as encoding/json does
// (strconv.ParseFloat of its text).
func (s *jsonScan) num() (float64, bool) {
	s.ws()
	start := s.i
	digits := func() int {
		n := 0
		for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
			s.i++
			n++
		}
		return n
	}
	if s.i < len(s.b) && s.b[s.i] == '-' {
		s.i++
	}
	intStart := s.i
	if n := digits(); n == 0 || n > 1 && s.b[intStart] == '0' {
		return 0, false
	}
	if s.i < len(s.b) && s.b[s.i] == '.' {
		s.i++
		if digits() == 0 {
			return 0, false
		}
	}
	if s.i < len(s.b) && (s.b[s.i] == 'e' || s.b[s.i] == 'E') {
		s.i++
		if s.i < len(s.b) && (s.b[s.i] == '+' || s.b[s.i] == '-') {
			s.i++
		}
		if digits() == 0 {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(string(s.b[start:s.i]), 64)
	return v, err == nil
}

// rows reads an array of weight rows: objects with the keys feature
// (a string) and cooperation, competition, both and neutral (a number or
// null), each at most once.
func (s *jsonScan) rows(dst *[]modelRowJSON) bool {
	if !s.lit('[') {
		return false // null or another type: encoding/json decides
	}
	out := []modelRowJSON{}
	if s.lit(']') {
		*dst = out
		return true
	}
	for {
		var r modelRowJSON
		if !s.row(&r) {
			return false
		}
		out = append(out, r)
		if s.lit(']') {
			*dst = out
			return true
		}
		if !s.lit(',') {
			return false
		}
	}
}

func (s *jsonScan) row(r *modelRowJSON) bool {
	if !s.lit('{') {
		return false
	}
	var v [4]float64
	var seen [5]bool
	for first := true; ; first = false {
		if s.lit('}') {
			return true // after a comma a key must follow, so "{...,}" fails
		}
		if !first && !s.lit(',') {
			return false
		}
		key, ok := s.str()
		if !ok || !s.lit(':') {
			return false
		}
		if key == "feature" {
			if seen[4] {
				return false
			}
			seen[4] = true
			if r.Feature, ok = s.str(); !ok {
				return false
			}
			continue
		}
		c := -1
		for k, l := range Labels {
			if key == l {
				c = k
			}
		}
		if c < 0 || seen[c] {
			return false
		}
		seen[c] = true
		p := &r.Cooperation
		switch c {
		case 1:
			p = &r.Competition
		case 2:
			p = &r.Both
		case 3:
			p = &r.Neutral
		}
		if s.word("null") {
			continue
		}
		if v[c], ok = s.num(); !ok {
			return false
		}
		*p = &v[c]
	}
}

// rawInto decodes the next value (a header field, small) with
// encoding/json, unknown fields refused as in ParseModel.
func (s *jsonScan) rawInto(dst any) bool {
	s.ws()
	end, ok := skipValue(s.b, s.i)
	if !ok {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(s.b[s.i:end]))
	dec.DisallowUnknownFields()
	if dec.Decode(dst) != nil || dec.More() {
		return false
	}
	s.i = end
	return true
}

// skipValue returns the end of the JSON value starting at b[i] (an
// object, array, string or bare literal), without checking it: the
// decoder that reads it does.
func skipValue(b []byte, i int) (int, bool) {
	depth := 0
	for j := i; j < len(b); j++ {
		switch c := b[j]; c {
		case '"':
			for j++; j < len(b) && b[j] != '"'; j++ {
				if b[j] == '\\' {
					j++
				}
			}
			if j >= len(b) {
				return 0, false
			}
			if depth == 0 {
				return j + 1, true
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return j, j > i // the end of a bare literal
			}
			depth--
			if depth == 0 {
				return j + 1, true
			}
		case ',', ' ', '\t', '\n', '\r', ':':
			if depth == 0 {
				return j, j > i
			}
		}
	}
	if depth == 0 {
		return len(b), len(b) > i
	}
	return 0, false
}
