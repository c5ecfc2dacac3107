package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/techframe/techframe/pipeline"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// decoded is an input's text stream after its byte-order mark: a UTF-8
// mark dropped, UTF-16 with a mark decoded to UTF-8. The bytes of a file
// without a mark are not checked yet: checked wraps them for the record
// formats, and the whole-file formats check the file at once (decodeWhole),
// so that an HTML page's declared charset can be honoured.
type decoded struct {
	text     *bufio.Reader
	encoding string // "utf-8", "utf-8-bom", "utf-16le", "utf-16be"
	bom      int64  // bytes of the UTF-8 byte-order mark dropped (0 or 3)
	fix      *utf8Fixer
}

// newDecoder sniffs the start of raw: a UTF-8 BOM is dropped, UTF-16 with a
// BOM is decoded, and NUL bytes in the first 8 KiB (without a UTF-16 BOM)
// mark a binary file (binary == true, nothing else to read).
func newDecoder(raw io.Reader) (*decoded, bool, error) {
	pre := bufio.NewReaderSize(raw, 64<<10)
	head, err := pre.Peek(binarySniff)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, false, err
	}
	d := &decoded{text: pre, encoding: "utf-8"}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		pre.Discard(3)
		d.encoding, d.bom = "utf-8-bom", 3
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		d.encoding = "utf-16le"
		d.text = bufio.NewReaderSize(transform.NewReader(pre, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()), 64<<10)
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		d.encoding = "utf-16be"
		d.text = bufio.NewReaderSize(transform.NewReader(pre, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()), 64<<10)
	case bytes.IndexByte(head, 0) >= 0:
		return nil, true, nil
	}
	return d, false, nil
}

// utf16 reports whether the file was UTF-16 (its text is not its bytes).
func (d *decoded) utf16() bool { return strings.HasPrefix(d.encoding, "utf-16") }

// newFixer returns a utf8Fixer over r, which starts at the first byte after
// the byte-order mark, reporting its first bad byte as a warning on path.
func (d *decoded) newFixer(r io.Reader, path string, s *Source) *utf8Fixer {
	fix := &utf8Fixer{r: r, off: d.bom, line: 1}
	fix.onBad = func(line int, off int64) error {
		return s.warn(pipeline.Warning{Path: path, Line: line, Offset: off, Kind: KindInvalidUTF8,
			Message: fmt.Sprintf("not UTF-8 at line %d, byte offset %d: read as Windows-1252 (what is valid UTF-8 kept as UTF-8; reported once per file)", line, off)})
	}
	return fix
}

// checked is the stream the record formats read: valid UTF-8, every byte
// that is not UTF-8 read as Windows-1252 (and warned once).
func (d *decoded) checked(path string, s *Source) *bufio.Reader {
	d.fix = d.newFixer(d.text, path, s)
	return bufio.NewReaderSize(d.fix, 64<<10)
}

// recoded reports whether a byte of the checked stream has been read as
// Windows-1252 so far.
func (d *decoded) recoded() bool { return d.fix != nil && d.fix.reported }

// utf8Fixer passes valid UTF-8 through and reads each byte that is not part
// of valid UTF-8 as Windows-1252, the usual legacy encoding of English text
// (every byte maps: the five it leaves undefined become the C1 controls of
// the same number, as browsers read them). Valid UTF-8 sequences are kept,
// so a UTF-8 file with a pasted Windows-1252 quote keeps its other
// characters. It reports the line and file offset of the first bad byte
// once. It holds at most one chunk in memory.
type utf8Fixer struct {
	r     io.Reader
	onBad func(line int, off int64) error

	buf   [32 << 10]byte
	tail  [utf8.UTFMax]byte // incomplete rune carried to the next chunk
	ntail int
	out   []byte // ready to return
	fixed []byte // scratch for repaired chunks
	err   error

	off      int64 // file offset of the next byte to process
	line     int   // line number at off (tracked until the first bad byte)
	lastCR   bool  // the byte before off is a CR (its LF may open the next chunk)
	reported bool
}

func (f *utf8Fixer) Read(p []byte) (int, error) {
	for len(f.out) == 0 {
		if f.err != nil {
			return 0, f.err
		}
		f.fill()
	}
	n := copy(p, f.out)
	f.out = f.out[n:]
	return n, nil
}

// fill reads one chunk and prepares it in f.out.
func (f *utf8Fixer) fill() {
	carry := copy(f.buf[:], f.tail[:f.ntail])
	f.ntail = 0
	n, err := f.r.Read(f.buf[carry:])
	chunk := f.buf[:carry+n]
	final := err != nil
	if err != nil {
		f.err = err
	}
	var tail []byte
	if !final {
		// Keep an incomplete rune at the end for the next chunk.
		for j := len(chunk) - 1; j >= 0 && j >= len(chunk)-utf8.UTFMax; j-- {
			if utf8.RuneStart(chunk[j]) {
				if !utf8.FullRune(chunk[j:]) {
					tail = chunk[j:]
					chunk = chunk[:j]
				}
				break
			}
		}
	}
	if utf8.Valid(chunk) {
		f.advance(chunk)
		f.out = chunk
	} else {
		f.fixed = f.fixed[:0]
		for i := 0; i < len(chunk); {
			c := chunk[i]
			if c < utf8.RuneSelf {
				f.fixed = append(f.fixed, c)
				i++
				continue
			}
			r, size := utf8.DecodeRune(chunk[i:])
			if r == utf8.RuneError && size == 1 {
				if !f.reported {
					f.reported = true
					line := f.line + lineBreaks(chunk[:i], f.lastCR)
					if werr := f.onBad(line, f.off+int64(i)); werr != nil {
						f.err = werr
						f.out = f.fixed
						return
					}
				}
				f.fixed = utf8.AppendRune(f.fixed, windows1252(c))
				i++
				continue
			}
			f.fixed = append(f.fixed, chunk[i:i+size]...)
			i += size
		}
		f.advance(chunk)
		f.out = f.fixed
	}
	f.ntail = copy(f.tail[:], tail)
}

func (f *utf8Fixer) advance(chunk []byte) {
	if !f.reported {
		f.line += lineBreaks(chunk, f.lastCR)
		if len(chunk) > 0 {
			f.lastCR = chunk[len(chunk)-1] == '\r'
		}
	}
	f.off += int64(len(chunk))
}

// lineBreaks counts the line ends in b: LF, CRLF (once) and a bare CR (old
// Mac files), as the front-matter and lines readers cut lines. A CR that
// ends b counts as a line end; afterCR says the byte before b was such a
// CR, so that an LF opening b completes its CRLF and does not count again.
func lineBreaks(b []byte, afterCR bool) int {
	n := bytes.Count(b, []byte{'\n'})
	if bytes.IndexByte(b, '\r') >= 0 {
		n += bytes.Count(b, []byte{'\r'}) - bytes.Count(b, []byte("\r\n"))
	}
	if afterCR && len(b) > 0 && b[0] == '\n' {
		n--
	}
	return n
}

// windows1252 reads one byte as Windows-1252. The five bytes the code page
// leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), which x/text decodes as
// U+FFFD, are the C1 controls of the same number, as the WHATWG Encoding
// Standard (and so every browser) reads them: every byte maps.
func windows1252(b byte) rune {
	if r := charmap.Windows1252.DecodeByte(b); r != utf8.RuneError {
		return r
	}
	return rune(b)
}
