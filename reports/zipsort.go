package reports

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"io/fs"
	"regexp"
	"sort"
)

// sortedZip is the zip writer of a workbook: it compresses each part as
// excelize writes it and puts the parts in the archive in name order when
// closed, with the <Default> entries of [Content_Types].xml sorted too.
// excelize writes its parts in map order, so without it two runs on the
// same input gave workbooks with the same cells but different bytes.
type sortedZip struct {
	out   io.Writer
	parts []*zipPart
	cur   *zipPart
}

type zipPart struct {
	name string
	data bytes.Buffer // compressed, or plain for [Content_Types].xml
	fw   *flate.Writer
	crc  uint32
	size uint64
}

func newSortedZip(out io.Writer) *sortedZip { return &sortedZip{out: out} }

const contentTypes = "[Content_Types].xml"

// Create starts a part; the previous one is finished.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	p := &zipPart{name: name}
	if name != contentTypes {
		fw, err := flate.NewWriter(&p.data, flate.BestSpeed)
		if err != nil {
			return nil, err
		}
		p.fw = fw
	}
	z.parts = append(z.parts, p)
	z.cur = p
	return p, nil
}

func (p *zipPart) Write(b []byte) (int, error) {
	p.crc = crc32.Update(p.crc, crc32.IEEETable, b)
	p.size += uint64(len(b))
	if p.fw == nil {
		return p.data.Write(b)
	}
	return p.fw.Write(b)
}

func (z *sortedZip) finish() error {
	if z.cur == nil || z.cur.fw == nil {
		z.cur = nil
		return nil
	}
	err := z.cur.fw.Close()
	z.cur = nil
	return err
}

// AddFS adds the files of fsys as parts.
func (z *sortedZip) AddFS(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		w, err := z.Create(name)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
}

// Close writes the archive: [Content_Types].xml first, then the other
// parts by name.
func (z *sortedZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	sort.SliceStable(z.parts, func(i, j int) bool {
		a, b := z.parts[i].name, z.parts[j].name
		if (a == contentTypes) != (b == contentTypes) {
			return a == contentTypes
		}
		return a < b
	})
	zw := zip.NewWriter(z.out)
	for _, p := range z.parts {
		if p.fw == nil {
			// Plain: sort its <Default> entries, then compress it.
			w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
			if err != nil {
				return err
			}
			if _, err := w.Write(sortDefaults(p.data.Bytes())); err != nil {
				return err
			}
			continue
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: p.crc,
			CompressedSize64: uint64(p.data.Len()), UncompressedSize64: p.size})
		if err != nil {
			return err
		}
		if _, err := w.Write(p.data.Bytes()); err != nil {
			return err
		}
	}
	return zw.Close()
}

var defaultEntry = regexp.MustCompile(`<Default [^>]*?(/>|></Default>)`)

// sortDefaults sorts the run of <Default> elements of a [Content_Types].xml;
// anything else is returned as it is.
func sortDefaults(xml []byte) []byte {
	loc := defaultEntry.FindAllIndex(xml, -1)
	if len(loc) < 2 {
		return xml
	}
	start, end := loc[0][0], loc[len(loc)-1][1]
	var items []string
	at := start
	for _, l := range loc {
		if l[0] != at {
			return xml // not one run: leave it
		}
		items = append(items, string(xml[l[0]:l[1]]))
		at = l[1]
	}
	sort.Strings(items)
	out := append([]byte{}, xml[:start]...)
	for _, it := range items {
		out = append(out, it...)
	}
	return append(out, xml[end:]...)
}
