package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// parseObjectFast splits a JSON object line into its fields in order with
// fewer passes and copies than encoding/json's Decoder: json.Valid checks
// the line once, then a small scanner finds the key and value boundaries
// (which is safe because the line is valid). Invalid lines go to
// parseObject for a positioned error message. The raw values alias line.
func parseObjectFast(line []byte) ([]jsonField, error) {
	if !json.Valid(line) {
		return parseObject(line)
	}
	i := skipSpace(line, 0)
	if line[i] != '{' {
		return nil, errors.New("not a JSON object")
	}
	i++
	var fields []jsonField
	for {
		i = skipSpace(line, i)
		switch line[i] {
		case '}':
			return fields, nil
		case ',':
			i = skipSpace(line, i+1)
		}
		end := scanString(line, i)
		key, err := unquoteJSON(line[i:end])
		if err != nil {
			return nil, err
		}
		i = skipSpace(line, end) + 1 // the colon
		i = skipSpace(line, i)
		vend := scanValue(line, i)
		fields = append(fields, jsonField{key: key, raw: line[i:vend]})
		i = vend
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// scanString returns the index after the string starting at b[i] == '"'.
func scanString(b []byte, i int) int {
	j := i + 1
	for {
		k := bytes.IndexAny(b[j:], "\"\\")
		j += k
		if b[j] == '\\' {
			j += 2
			continue
		}
		return j + 1
	}
}

// scanValue returns the index after the value starting at b[i].
func scanValue(b []byte, i int) int {
	switch b[i] {
	case '"':
		return scanString(b, i)
	case '{', '[':
		depth := 0
		for j := i; ; {
			switch b[j] {
			case '"':
				j = scanString(b, j)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
			j++
		}
	}
	j := i
	for j < len(b) && !bytes.ContainsRune([]byte(",}] \t\r\n"), rune(b[j])) {
		j++
	}
	return j
}

// unquoteJSON decodes a JSON string literal from a line json.Valid has
// accepted; without escapes (and with valid UTF-8, which the reader
// guarantees) it is a plain copy. Escapes are decoded in one pass here rather
// than through encoding/json, which would scan and validate the value again.
func unquoteJSON(raw []byte) (string, error) {
	body := raw[1 : len(raw)-1]
	first := bytes.IndexByte(body, '\\')
	if first < 0 {
		if utf8.Valid(body) {
			return string(body), nil
		}
		return replaceInvalid(body), nil
	}
	out := make([]byte, 0, len(body))
	out = append(out, body[:first]...)
	for i := first; i < len(body); {
		c := body[i]
		if c != '\\' {
			j := bytes.IndexByte(body[i:], '\\')
			if j < 0 {
				j = len(body) - i
			}
			out = append(out, body[i:i+j]...)
			i += j
			continue
		}
		if i+1 >= len(body) {
			return "", errors.New("truncated escape in JSON string")
		}
		switch body[i+1] {
		case '"', '\\', '/':
			out = append(out, body[i+1])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, n := decodeU(body[i:])
			if n == 0 {
				return "", errors.New("bad \\u escape in JSON string")
			}
			out = utf8.AppendRune(out, r)
			i += n
			continue
		default:
			return "", errors.New("bad escape in JSON string")
		}
		i += 2
	}
	if !utf8.Valid(out) {
		return replaceInvalid(out), nil
	}
	return string(out), nil
}

// replaceInvalid turns each invalid byte into U+FFFD, as encoding/json does
// (strings.ToValidUTF8 would merge a run into one).
func replaceInvalid(b []byte) string {
	var sb strings.Builder
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			sb.WriteString("\uFFFD")
		} else {
			sb.Write(b[i : i+n])
		}
		i += n
	}
	return sb.String()
}

// decodeU decodes \uXXXX (and a following low surrogate) at the start of b,
// returning the rune and the bytes consumed (0 when malformed). A lone
// surrogate becomes U+FFFD, as encoding/json does.
func decodeU(b []byte) (rune, int) {
	r1, ok := hex4(b)
	if !ok {
		return 0, 0
	}
	if utf16.IsSurrogate(r1) {
		if r2, ok := hex4(b[6:]); ok && len(b) >= 12 && b[6] == '\\' {
			if r := utf16.DecodeRune(r1, r2); r != utf8.RuneError {
				return r, 12
			}
		}
		return utf8.RuneError, 6
	}
	return r1, 6
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return 0, false
	}
	var r rune
	for _, c := range b[2:6] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
