package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// TestRecReaderReadsWhatCSVWriterWrote: records written by encoding/csv
// (quoting what needs it: quotes, delimiters, CR, LF, leading spaces) read
// back field for field, CRLF inside a cell included, as CSV and as TSV.
func TestRecReaderReadsWhatCSVWriterWrote(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	pieces := []string{"a", "China", " ", "\"", ",", "\t", "\n", "\r\n", "''", "é", "x\"y", "\r"}
	for _, comma := range []rune{',', '\t'} {
		for iter := 0; iter < 500; iter++ {
			var recs [][]string
			nf := 1 + rng.Intn(4)
			for r := 0; r < 1+rng.Intn(5); r++ {
				rec := make([]string, nf)
				for f := range rec {
					var b strings.Builder
					for k := rng.Intn(5); k > 0; k-- {
						b.WriteString(pieces[rng.Intn(len(pieces))])
					}
					rec[f] = b.String()
				}
				if nf == 1 && strings.TrimSpace(rec[0]) == "" {
					rec[0] = "x" // a lone blank field is a blank line
				}
				recs = append(recs, rec)
			}
			var buf bytes.Buffer
			w := csv.NewWriter(&buf)
			w.Comma = comma
			w.UseCRLF = rng.Intn(2) == 0
			w.WriteAll(recs)
			// encoding/csv with UseCRLF drops a CR inside a quoted field
			// and writes every LF there as CRLF: compare with that.
			want := recs
			if w.UseCRLF {
				want = nil
				for _, rec := range recs {
					out := make([]string, len(rec))
					for i, f := range rec {
						out[i] = strings.ReplaceAll(strings.ReplaceAll(f, "\r", ""), "\n", "\r\n")
					}
					want = append(want, out)
				}
			}
			got, stray := readRecords(t, buf.String(), byte(comma))
			if stray {
				t.Fatalf("%q: a stray quote", buf.String())
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("comma %q, written %q:\n got %q\nwant %q", comma, buf.String(), got, want)
			}
		}
	}
}

// TestRecReaderEdges: a last line ending in CR alone keeps no CR; a quoted
// empty cell is a record, a blank line is not.
func TestRecReaderEdges(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want [][]string
	}{
		{"a,b\r\n1,x\r", [][]string{{"a", "b"}, {"1", "x"}}},
		{"text\n\"\"\n\nb\n", [][]string{{"text"}, {""}, {"b"}}},
	} {
		got, _ := readRecords(t, tc.in, ',')
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
}

// readRecords reads every record of in, and whether one had a stray quote.
func readRecords(t *testing.T, in string, comma byte) ([][]string, bool) {
	t.Helper()
	r := newRecReader(bufio.NewReader(strings.NewReader(in)), comma)
	var got [][]string
	stray := false
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return got, stray
		}
		if err != nil {
			t.Fatal(err)
		}
		stray = stray || rec.Stray != 0
		got = append(got, rec.Fields)
	}
}
