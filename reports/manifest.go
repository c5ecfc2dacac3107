package reports

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/techframe/techframe/pipeline"
)

// Manifest is what a run records about itself: analyze's Manifest sheet
// (Rows) and the --manifest JSON of the other commands (WriteManifestJSON)
// are both made from it, so they cannot drift apart.
type Manifest struct {
	Version   string
	Args      []string // the command line, program name first
	Started   time.Time
	GoVersion string
	// Settings are the resolved options.
	Settings map[string]any
	// Results are figures the run computed that describe its output as a
	// whole (topic coherence, topic diversity): not settings, but kept with
	// them so that two runs can be compared from their manifests.
	Results map[string]any
	// Lexicons maps each lexicon file (and the framing model) to its
	// SHA-256 in hex.
	Lexicons map[string]string
	Inputs   []ManifestInput
	// Gold is the hand-coded file scored (evaluate, analyze --gold); nil
	// when the run scores none.
	Gold *ManifestFile
	// Exclude lists the coding sheets sample left out (--exclude); nil for
	// the other commands, empty for sample without --exclude.
	Exclude []ManifestFile
	// Warnings counts warnings by stage:kind; WarningList holds them one
	// by one (the records skipped or repaired), in any order: the
	// manifest lists them sorted by place (ManifestWarnings).
	Warnings    map[string]int
	WarningList []pipeline.Warning
	// WarningsDropped counts warnings not kept in WarningList (a run keeps
	// only the first MaxListedWarnings by place: KeepWarnings).
	WarningsDropped int
	// Timings are wall or busy times by part of the run, in run order.
	Timings []Field
}

// ManifestInput is one input file or stream read.
type ManifestInput struct {
	Path      string
	SHA256    string
	Format    string
	Bytes     int64
	Documents int
}

// ManifestFile is a CSV file the run read besides its inputs (a gold file,
// an --exclude sheet): its SHA-256 in hex, its size and its data rows (the
// rows below the header, blank lines not counted).
type ManifestFile struct {
	Path   string
	SHA256 string
	Bytes  int64
	Rows   int
}

func (f ManifestFile) row(section string) [3]any {
	return [3]any{section, f.Path, fmt.Sprintf("sha256 %s; %d bytes; %d rows", f.SHA256, f.Bytes, f.Rows)}
}

func (f ManifestFile) json() map[string]any {
	return map[string]any{"path": f.Path, "sha256": f.SHA256, "bytes": f.Bytes, "rows": f.Rows}
}

// commandLine is the command line as one string.
func (m *Manifest) commandLine() string { return strings.Join(m.Args, " ") }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Rows returns the manifest as (section, key, value) rows, the layout of
// analyze's Manifest sheet: run, setting, lexicon, input, gold, exclude
// and warnings rows, then extra (rows only a workbook has, such as truncated cells),
// then the timings in seconds. Numbers are numbers, not text.
func (m *Manifest) Rows(extra [][3]any) [][3]any {
	rows := [][3]any{
		{"run", "techframe version", m.Version},
		{"run", "command line", m.commandLine()},
		{"run", "started", m.Started.UTC().Format(time.RFC3339)},
		{"run", "go version", m.GoVersion},
	}
	for _, k := range sortedKeys(m.Settings) {
		rows = append(rows, [3]any{"setting", k, manifestValue(m.Settings[k])})
	}
	for _, k := range sortedKeys(m.Results) {
		rows = append(rows, [3]any{"result", k, manifestValue(m.Results[k])})
	}
	for _, k := range sortedKeys(m.Lexicons) {
		rows = append(rows, [3]any{"lexicon", k, "sha256 " + m.Lexicons[k]})
	}
	for _, in := range m.Inputs {
		rows = append(rows, [3]any{"input", in.Path, fmt.Sprintf("sha256 %s; %s; %d bytes; %d documents", in.SHA256, in.Format, in.Bytes, in.Documents)})
	}
	if m.Gold != nil {
		rows = append(rows, m.Gold.row("gold"))
	}
	for _, f := range m.Exclude {
		rows = append(rows, f.row("exclude"))
	}
	for _, k := range sortedKeys(m.Warnings) {
		rows = append(rows, [3]any{"warnings", k, m.Warnings[k]})
	}
	if len(m.Warnings) == 0 {
		rows = append(rows, [3]any{"warnings", "total", 0})
	}
	list, more := m.listedWarnings()
	for _, w := range list {
		rows = append(rows, [3]any{"warning", w.Place(), w.Stage + ": " + w.Kind + ": " + w.Message})
	}
	if more > 0 {
		rows = append(rows, [3]any{"warning", "...", fmt.Sprintf("%d more warnings not listed (the first %d by place are)", more, MaxListedWarnings)})
	}
	rows = append(rows, extra...)
	for _, t := range m.Timings {
		d, _ := t.Value.(time.Duration)
		rows = append(rows, [3]any{"timing (seconds)", t.Name, math.Round(d.Seconds()*1000) / 1000})
	}
	return rows
}

// MaxListedWarnings bounds the warnings a manifest lists one by one (a
// corpus of a million malformed lines is counted, not listed).
const MaxListedWarnings = 1000

// listedWarnings returns the warnings to list, sorted by file, line,
// stage, kind and message (the same for any --jobs), at most
// MaxListedWarnings of them, and how many more there are.
func (m *Manifest) listedWarnings() ([]pipeline.Warning, int) {
	list := slices.Clone(m.WarningList)
	slices.SortStableFunc(list, compareWarnings)
	if len(list) > MaxListedWarnings {
		return list[:MaxListedWarnings], len(list) - MaxListedWarnings + m.WarningsDropped
	}
	return list, m.WarningsDropped
}

func compareWarnings(a, b pipeline.Warning) int {
	return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Offset, b.Offset),
		cmp.Compare(a.Stage, b.Stage), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Message, b.Message))
}

// KeepWarnings bounds a run's list of warnings as they come: once it holds
// twice MaxListedWarnings it keeps the first MaxListedWarnings by place
// (the ones the manifest lists, whatever order they came in) and returns
// how many it dropped, so that a corpus of a million bad lines does not
// hold a million warnings.
func KeepWarnings(list []pipeline.Warning) ([]pipeline.Warning, int) {
	if len(list) < 2*MaxListedWarnings {
		return list, 0
	}
	slices.SortStableFunc(list, compareWarnings)
	clear(list[MaxListedWarnings:])
	return list[:MaxListedWarnings], len(list) - MaxListedWarnings
}

// plainNumber matches a number written plainly: no sign but a minus, no
// leading zero, no exponent.
var plainNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?$`)

// manifestValue is a setting or result as a cell: a number stays a number
// (so a spreadsheet can sort and compare it), NaN and infinities become
// empty, anything else is its text.
func manifestValue(v any) any {
	switch x := v.(type) {
	case int, int64, int32, uint, uint64, uint32:
		return x
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return x
	case float32:
		return manifestValue(float64(x))
	case string:
		// A numeric option given as text (--min-df 2, --max-df 1.0) is a
		// number when written as a plain one ("02139", "+3" or "1e3" stay
		// text).
		if plainNumber.MatchString(x) {
			if f, err := strconv.ParseFloat(x, 64); err == nil {
				return f
			}
		}
		return x
	}
	return fmt.Sprint(v)
}

// warningsJSON is the manifest's warnings section: the total, the counts
// by stage:kind, and the warnings one by one (listedWarnings; "unlisted"
// counts those left out).
func warningsJSON(m *Manifest, total int, byKind map[string]int) map[string]any {
	list, more := m.listedWarnings()
	items := make([]map[string]any, 0, len(list))
	for _, w := range list {
		item := map[string]any{"stage": w.Stage, "kind": w.Kind, "path": w.Path, "message": w.Message}
		if w.Line > 0 {
			item["line"] = w.Line
		}
		items = append(items, item)
	}
	return map[string]any{"total": total, "by_kind": byKind, "list": items, "unlisted": more}
}

// WriteManifestJSON writes the manifest as one indented JSON object with
// the sections as keys (inputs, lexicons, run, settings, timings,
// warnings; results when the run computed any, gold when a gold file was
// scored, exclude for sample), every
// object's keys sorted, so two runs of the same command
// on the same inputs differ only in the start time and the timings.
func WriteManifestJSON(w io.Writer, m *Manifest) error {
	lex := map[string]any{}
	for k, v := range m.Lexicons {
		lex[k] = map[string]string{"sha256": v}
	}
	inputs := []map[string]any{}
	for _, in := range m.Inputs {
		inputs = append(inputs, map[string]any{"path": in.Path, "sha256": in.SHA256, "format": in.Format, "bytes": in.Bytes, "documents": in.Documents})
	}
	total := 0
	byKind := map[string]int{}
	for k, v := range m.Warnings {
		byKind[k] = v
		total += v
	}
	timings := map[string]float64{}
	for _, t := range m.Timings {
		d, _ := t.Value.(time.Duration)
		timings[t.Name] = math.Round(d.Seconds()*1000) / 1000
	}
	settings := m.Settings
	if settings == nil {
		settings = map[string]any{}
	}
	args := m.Args
	if args == nil {
		args = []string{}
	}
	doc := map[string]any{
		"run": map[string]any{
			"version":      m.Version,
			"args":         args,
			"command_line": m.commandLine(),
			"started":      m.Started.UTC().Format(time.RFC3339),
			"go_version":   m.GoVersion,
		},
		"settings": settings,
		"lexicons": lex,
		"inputs":   inputs,
		"warnings": warningsJSON(m, total, byKind),
		"timings":  timings,
	}
	if len(m.Results) > 0 {
		results := map[string]any{}
		for k, v := range m.Results {
			if x, ok := v.(float64); ok && (math.IsNaN(x) || math.IsInf(x, 0)) {
				v = nil
			}
			results[k] = v
		}
		doc["results"] = results
	}
	if m.Gold != nil {
		doc["gold"] = m.Gold.json()
	}
	if m.Exclude != nil {
		excl := []map[string]any{}
		for _, f := range m.Exclude {
			excl = append(excl, f.json())
		}
		doc["exclude"] = excl
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
