package pipeline

import "bytes"

// BareCRLines reports whether text whose start is b ends its lines in a CR
// alone, as classic Mac OS did and Excel for Mac's "CSV (Macintosh)" and
// "Tab delimited text" still do: b holds a CR and no LF. Readers that split
// lines at LF turn such a file into one long line.
func BareCRLines(b []byte) bool {
	return bytes.IndexByte(b, '\n') < 0 && bytes.IndexByte(b, '\r') >= 0
}

// CRToLF returns a copy of b with every CR made an LF. The length is the
// same, so offsets into the result are offsets into b.
func CRToLF(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if c == '\r' {
			c = '\n'
		}
		out[i] = c
	}
	return out
}
