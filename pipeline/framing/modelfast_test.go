package framing

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/techframe/techframe/lexicons"
)

// slowDecode is ParseModel's decoding by encoding/json alone.
func slowDecode(data []byte) (modelFile, error) {
	var mf modelFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(&mf)
	return mf, err
}

// checkFastDecode fails t when decodeModelFast accepts data that
// encoding/json refuses or reads differently.
func checkFastDecode(t *testing.T, data []byte) bool {
	t.Helper()
	var fast modelFile
	ok := decodeModelFast(data, &fast)
	if !ok {
		return false
	}
	slow, err := slowDecode(data)
	if err != nil {
		t.Fatalf("fast decoding accepted a file encoding/json refuses (%v):\n%.300s", err, data)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("fast and encoding/json decodings differ:\nfast %+v\nslow %+v\n%.300s", fast.Training, slow.Training, data)
	}
	return true
}

func TestModelFastDecode(t *testing.T) {
	builtin := lexicons.FramingModel()
	if !checkFastDecode(t, builtin) {
		t.Fatal("the built-in model was not read by the fast path")
	}
	// A model as Marshal writes it (the format `framing train` writes).
	m, err := ParseModel("m", builtin)
	if err != nil {
		t.Fatal(err)
	}
	out, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !checkFastDecode(t, out) {
		t.Fatal("a marshalled model was not read by the fast path")
	}
	m2, err := ParseModel("m", out)
	if err != nil || !reflect.DeepEqual(m2.GramRows, m.GramRows) || m2.W != m.W || m2.B != m.B {
		t.Fatalf("round trip changed the model (%v)", err)
	}
	small := `{"format":"techframe-framing-model","version":2,"labels":["cooperation","competition","both","neutral"],` +
		`"training":{"rows":3,"cued_rows":2,"l2":0.5,"iterations":4,"loss":0.25},` +
		`"weights":[{"feature":"bias","cooperation":1,"competition":-2.5e-1,"both":0,"neutral":null}],` +
		`"ngrams":[{"neutral":3,"feature":"a b","both":1E2,"competition":-0.0,"cooperation":7}]}`
	// Each variant is read by the fast path exactly as encoding/json reads
	// it, or left to encoding/json.
	variants := map[string]bool{ // text -> read by the fast path
		small:                  true,
		" \n" + small + "\n\t": true,
		strings.Replace(small, `"ngrams":[{`, `"ngrams":[{},{`, 1):           true,
		strings.Replace(small, `"ngrams":[`, `"ngrams":[],"x":[`, 1):         false, // unknown key
		strings.Replace(small, `"feature":"a b"`, `"Feature":"a b"`, 1):      false, // case folded by encoding/json
		strings.Replace(small, `"feature":"a b"`, `"feature":"a\u0020b"`, 1): false, // escape
		strings.Replace(small, `"both":1E2`, `"both":1E2,"both":3`, 1):       false, // repeated key
		strings.Replace(small, `"both":1E2`, `"both":01`, 1):                 false, // not a JSON number
		strings.Replace(small, `"both":1E2`, `"both":1e999`, 1):              false, // out of range
		strings.Replace(small, `"both":1E2`, `"both":"1"`, 1):                false,
		strings.Replace(small, `"cooperation":7}`, `"cooperation":7,}`, 1):   false, // trailing comma
		strings.Replace(small, `"version":2`, `"version":2.5`, 1):            false,
		strings.Replace(small, `"loss":0.25`, `"loss":0.25,"extra":1`, 1):    false, // unknown training field
		strings.Replace(small, `"ngrams":[`, `"ngrams":null,"n":[`, 1):       false,
		small + "{}":           false, // a second value (encoding/json reads the first only)
		"\xef\xbb\xbf" + small: false, // byte order mark
		strings.Replace(small, `"a b"`, "\"a \xff\"", 1): false, // invalid UTF-8
	}
	for text, want := range variants {
		if got := checkFastDecode(t, []byte(text)); got != want {
			t.Errorf("fast path read=%v, want %v for\n%s", got, want, text)
		}
	}
}

func FuzzModelFastDecode(f *testing.F) {
	f.Add(`{"format":"x","version":2,"weights":[{"feature":"bias","cooperation":1,"competition":null}],"ngrams":[]}`)
	f.Add(`{"label_cueless":true}`)
	f.Add(`{"training":{"sets":["a\"b"],"class_weights":{"both":1}},"labels":["x"]}`)
	f.Fuzz(func(t *testing.T, s string) {
		checkFastDecode(t, []byte(s))
	})
}
