package formula

import (
	"strings"
	"unicode/utf8"
)

// Excel's limit on a cell's text, in UTF-16 code units, and the marker that
// ends a cell cut to fit it.
const (
	MaxCellChars     = 32767
	TruncationMarker = " [... truncated by techframe]"
)

// CellText prepares text for a spreadsheet cell: invalid UTF-8 and control characters
// that XML cannot hold are replaced (form feed and vertical tab by a space,
// the others by U+FFFD), and text longer than Excel's limit is cut
// with a visible marker. The second result reports truncation.
func CellText(s string) (string, bool) {
	clean := s
	if !utf8.ValidString(s) || strings.IndexFunc(s, badXMLRune) >= 0 {
		clean = strings.Map(func(r rune) rune {
			switch {
			case r == '\f' || r == '\v':
				// White space (page breaks from PDF text): a space keeps
				// the words apart and the text matchable.
				return ' '
			case badXMLRune(r):
				return '\uFFFD'
			}
			return r
		}, strings.ToValidUTF8(s, "\uFFFD"))
	}
	// Excel's limit counts UTF-16 code units.
	if UTF16Len(clean) <= MaxCellChars {
		return clean, false
	}
	budget := MaxCellChars - UTF16Len(TruncationMarker)
	units := 0
	for i, r := range clean {
		n := 1
		if r > 0xFFFF {
			n = 2
		}
		if units+n > budget {
			return clean[:i] + TruncationMarker, true
		}
		units += n
	}
	return clean, false
}

// UTF16Len is the length of s in UTF-16 code units, as Excel counts.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		if r > 0xFFFF {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func badXMLRune(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF
}
