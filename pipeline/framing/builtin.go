package framing

import (
	"embed"
	"path"
)

// builtinGold holds the labelled sets the shipped model was trained on
// (testdata/gold/README.md describes each), except samples/coded.csv,
// which lives outside this package. The held-out sets heldout4 and
// heldout5 are never among them.
//
//go:embed testdata/gold/dev.csv testdata/gold/heldout.csv testdata/gold/heldout2.csv testdata/gold/heldout3.csv
//go:embed testdata/gold/train5.csv testdata/gold/train6.csv testdata/gold/train7.csv testdata/gold/train8.csv testdata/gold/train9.csv
//go:embed testdata/gold/codebook.csv
var builtinGold embed.FS

// BuiltinSet is one embedded training set: its file name and CSV bytes.
type BuiltinSet struct {
	Name string
	CSV  []byte
}

// BuiltinSets returns the embedded training sets in a fixed order: the
// nine sets of the shipped model's training (samples/coded.csv aside),
// then the codebook's examples.
func BuiltinSets() []BuiltinSet {
	var out []BuiltinSet
	for _, n := range []string{"dev", "heldout", "heldout2", "heldout3", "train5", "train6", "train7", "train8", "train9", "codebook"} {
		p := path.Join("testdata/gold", n+".csv")
		data, err := builtinGold.ReadFile(p)
		if err != nil {
			panic("framing: embedded gold set missing: " + p) // the embed list above names it
		}
		out = append(out, BuiltinSet{Name: n + ".csv", CSV: data})
	}
	return out
}
