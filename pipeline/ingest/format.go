package ingest

import (
	"bufio"
	"path/filepath"
	"strings"
)

// Format names as reported in InputInfo.Format.
const (
	FormatText     = "txt"
	FormatMarkdown = "md"
	FormatHTML     = "html"
	FormatJSONL    = "jsonl"
	FormatCSV      = "csv"
	FormatTSV      = "tsv"
	FormatLines    = "lines"
)

// canonicalFormat maps a --format value (or alias) to its canonical name.
func canonicalFormat(f string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(f)) {
	case "txt", "text":
		return FormatText, true
	case "md", "markdown":
		return FormatMarkdown, true
	case "html", "htm":
		return FormatHTML, true
	case "jsonl", "ndjson":
		return FormatJSONL, true
	case "csv":
		return FormatCSV, true
	case "tsv":
		return FormatTSV, true
	case "lines":
		return FormatLines, true
	}
	return "", false
}

// unparsedExt names extensions of text formats that techframe does not
// parse: such a file is read as plain text, with a warning saying how to
// give it in a form that is read as records or prose.
var unparsedExt = map[string]string{
	".json": "JSON is not parsed: the whole file is read as plain text; write records as JSON Lines (.jsonl, one object per line)",
	".xml":  "XML is not parsed: the whole file, tags included, is read as plain text; export the text (.txt) or HTML",
	".rtf":  "RTF is not parsed: its control words are read as text; save it as plain text (.txt)",
}

// formatForPath picks the format from the file extension; unknown
// extensions are text.
func formatForPath(p string) string {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".md", ".markdown":
		return FormatMarkdown
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".jsonl", ".ndjson":
		return FormatJSONL
	case ".csv":
		return FormatCSV
	case ".tsv", ".tab":
		return FormatTSV
	}
	return FormatText
}

// sniffFormat guesses the format of standard input from its first
// non-blank byte: '{' is JSONL, '<' is HTML, anything else text.
func sniffFormat(br *bufio.Reader) string {
	for size := 512; ; size *= 4 {
		head, err := br.Peek(size)
		for _, c := range head {
			switch c {
			case ' ', '\t', '\r', '\n':
				continue
			case '{':
				return FormatJSONL
			case '<':
				return FormatHTML
			}
			return FormatText
		}
		if err != nil || size >= br.Size() {
			return FormatText
		}
	}
}

// newReader builds the document reader for one input.
func (s *Source) newReader(format string, in input, dec *decoded) docReader {
	switch format {
	case FormatJSONL:
		return &jsonlReader{s: s, in: in, lr: lineReader{br: dec.checked(in.path, s)}, nonScalar: map[string]bool{}}
	case FormatCSV:
		return newCSVReader(s, in, dec.checked(in.path, s), ',')
	case FormatTSV:
		return newCSVReader(s, in, dec.checked(in.path, s), '\t')
	case FormatLines:
		return &linesReader{in: in, lr: lineReader{br: dec.checked(in.path, s), bareCR: true}}
	}
	return &wholeReader{s: s, in: in, dec: dec, format: format}
}
