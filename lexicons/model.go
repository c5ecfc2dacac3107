package lexicons

import _ "embed"

// FramingModelName is the name of the built-in framing combiner, as run
// manifests, settings and n-gram evidence record it: like the built-in
// lexicons it starts with BuiltinPrefix, so that a model of your own saved
// as framing-model.json keeps a name of its own.
const FramingModelName = BuiltinPrefix + "framing-model.json"

//go:embed data/framing-model.json
var framingModel []byte

// FramingModel returns the bytes of the built-in learned combiner of the
// framing tagger (a JSON table of feature weights per label, trained with
// "techframe framing train" on the project's gold sentences; see package
// framing). The lexicon loader does not read it: it is not a .tsv file.
func FramingModel() []byte { return framingModel }

// FramingModelSHA256 is the hex SHA-256 of the built-in model's bytes.
func FramingModelSHA256() string { return sum(framingModel) }
