package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
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

// unquoteJSON decodes a JSON string literal; without escapes (and with
// valid UTF-8, which the reader guarantees) it is a plain copy.
func unquoteJSON(raw []byte) (string, error) {
	if bytes.IndexByte(raw, '\\') < 0 && utf8.Valid(raw) {
		return string(raw[1 : len(raw)-1]), nil
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err
}
