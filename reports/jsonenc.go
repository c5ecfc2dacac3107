package reports

import (
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/techframe/techframe/pipeline"
)

// jsonBuf is a small append-only JSON encoder. annotate writes one object per
// token for millions of tokens, and encoding/json's reflection would cost
// more than tokenizing; this keeps output linear and allocation-free.
type jsonBuf struct {
	b     []byte
	first []bool // per open container: no element written yet
}

func (j *jsonBuf) reset() { j.b = j.b[:0]; j.first = j.first[:0] }

func (j *jsonBuf) sep() {
	n := len(j.first)
	if n == 0 {
		return
	}
	if j.first[n-1] {
		j.first[n-1] = false
		return
	}
	j.b = append(j.b, ',')
}

func (j *jsonBuf) open(c byte) {
	j.b = append(j.b, c)
	j.first = append(j.first, true)
}

func (j *jsonBuf) close(c byte) {
	j.b = append(j.b, c)
	j.first = j.first[:len(j.first)-1]
}

func (j *jsonBuf) beginObject()   { j.sepValue(); j.open('{') }
func (j *jsonBuf) endObject()     { j.close('}') }
func (j *jsonBuf) beginArray()    { j.sepValue(); j.open('[') }
func (j *jsonBuf) endArray()      { j.close(']') }
func (j *jsonBuf) str(s string)   { j.sepValue(); j.b = appendJSONString(j.b, s) }
func (j *jsonBuf) int(v int)      { j.sepValue(); j.b = strconv.AppendInt(j.b, int64(v), 10) }
func (j *jsonBuf) boolean(v bool) { j.sepValue(); j.b = strconv.AppendBool(j.b, v) }
func (j *jsonBuf) null()          { j.sepValue(); j.b = append(j.b, "null"...) }

// float writes a number; NaN and infinities (not valid JSON) become null.
func (j *jsonBuf) float(v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		j.null()
		return
	}
	j.sepValue()
	j.b = strconv.AppendFloat(j.b, v, 'g', -1, 64)
}

// sepValue writes a separator for a value inside an array; after a key the
// separator was already written.
func (j *jsonBuf) sepValue() {
	if j.afterKey() {
		return
	}
	j.sep()
}

func (j *jsonBuf) afterKey() bool {
	return len(j.b) > 0 && j.b[len(j.b)-1] == ':'
}

// key writes a constant key of this package (plain ASCII, nothing to
// escape); metaKey writes a key that comes from input data.
func (j *jsonBuf) key(k string) {
	j.sep()
	j.b = append(j.b, '"')
	j.b = append(j.b, k...)
	j.b = append(j.b, '"', ':')
}

func (j *jsonBuf) metaKey(k string) {
	j.sep()
	j.b = appendJSONString(j.b, k)
	j.b = append(j.b, ':')
}

// kv helpers.
func (j *jsonBuf) kstr(k, v string)     { j.key(k); j.str(v) }
func (j *jsonBuf) kint(k string, v int) { j.key(k); j.int(v) }

// metaValue writes one metadata value.
func (j *jsonBuf) metaValue(v any) {
	switch x := v.(type) {
	case nil:
		j.null()
	case string:
		j.str(x)
	case bool:
		j.boolean(x)
	case float64:
		j.float(x)
	case int:
		j.int(x)
	case interface{ String() string }:
		// json.Number keeps its original spelling.
		s := x.String()
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			j.sepValue()
			j.b = append(j.b, s...)
		} else {
			j.str(s)
		}
	default:
		j.str(pipeline.MetaString(v))
	}
}

func (j *jsonBuf) meta(m pipeline.Meta) {
	j.key("meta")
	j.beginObject()
	for _, f := range m {
		j.metaKey(f.Key)
		j.metaValue(f.Value)
	}
	j.endObject()
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD;
// U+2028/2029 are escaped so the output is safe in JavaScript too.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, "\ufffd"...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
