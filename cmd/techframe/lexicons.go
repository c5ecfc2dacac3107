package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/techframe/techframe/lexicons"
	"github.com/techframe/techframe/pipeline"
	"github.com/urfave/cli/v2"
)

func init() {
	register(&cli.Command{
		Name:  "lexicons",
		Usage: "list, export and check the framing and entity lexicons",
		UsageText: `techframe lexicons list [--lexicon FILE ...]
   techframe lexicons export DIR
   techframe lexicons check FILE...

Lexicons are TAB-separated files with '#' comments: framing cues
(term, frame, weight, note) and the entity gazetteer (canonical, type,
aliases, case). See lexicons/README.md or the header of an exported file.
A file edited in Excel or LibreOffice and saved as tab-delimited text
(UTF-8, or UTF-16 "Unicode Text") is read as saved: quoted cells and
empty trailing columns are fine. Name it *.tsv: in a folder, other files
are skipped with a warning.

EXAMPLES:
   techframe lexicons list
   techframe lexicons export my-lexicons/          # editable copies of the built-ins
   techframe lexicons check my-lexicons/framing.tsv
   printf '# kind: framing\nsilicon shield\tcompetition\t1\n' > extra-framing.tsv   # a file of your own cues
   techframe annotate --lexicon extra-framing.tsv samples/            # added to the built-ins`,
		Subcommands: []*cli.Command{
			{
				Name:      "list",
				Usage:     "list the lexicon files in use: name, kind, entries, SHA-256",
				UsageText: "techframe lexicons list [--lexicon FILE|DIR ...] [--lexicon-replace]\n\nEXAMPLES:\n   techframe lexicons list\n   techframe lexicons list --lexicon extra-framing.tsv",
				Flags: []cli.Flag{
					&cli.StringSliceFlag{Name: "lexicon", Usage: "extra lexicon `FILE` or folder (repeatable)"},
					&cli.BoolFlag{Name: "lexicon-replace", Usage: "list only the --lexicon files"},
				},
				Action: lexiconsList,
			},
			{
				Name:      "export",
				Usage:     "write editable copies of the built-in lexicons into DIR",
				UsageText: "techframe lexicons export DIR\n\nEXAMPLES:\n   techframe lexicons export my-lexicons/\n   techframe annotate --lexicon-replace --lexicon my-lexicons/ samples/",
				Flags:     []cli.Flag{&cli.BoolFlag{Name: "force", Usage: "overwrite existing files"}},
				Action:    lexiconsExport,
			},
			{
				Name:  "check",
				Usage: "validate lexicon files and report every problem as file:line (exit 2 if any)",
				UsageText: `techframe lexicons check [--lexicon-replace] FILE|DIR...

The files are checked as --lexicon reads them: on top of the built-in
lexicons, so that an alias one of them takes from a built-in entry is
reported as a run would report it. With --lexicon-replace they are
checked alone, as --lexicon-replace uses them.

EXAMPLES:
   techframe lexicons check my-lexicons/framing.tsv
   techframe lexicons check my-lexicons/
   techframe lexicons check --lexicon-replace my-lexicons/`,
				Flags:  []cli.Flag{&cli.BoolFlag{Name: "lexicon-replace", Usage: "check the files alone, as --lexicon-replace uses them, not on top of the built-ins"}},
				Action: lexiconsCheck,
			},
		},
	})
}

func lexiconsList(c *cli.Context) error {
	e := getEnv(c)
	paths := c.StringSlice("lexicon")
	if c.Bool("lexicon-replace") && len(paths) == 0 {
		return pipeline.Usagef("lexicons list: --lexicon-replace needs at least one --lexicon FILE")
	}
	set, err := lexicons.LoadWarn(paths, c.Bool("lexicon-replace"), warnSkipped(e))
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "name\tkind\tentries\tsha256")
	for _, f := range set.Files {
		// The name evidence records and run manifests give the file:
		// "builtin:framing.tsv" for a built-in.
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", f.Name, f.Kind, f.Entries, f.SHA256)
	}
	return tw.Flush()
}

func lexiconsExport(c *cli.Context) error {
	e := getEnv(c)
	if c.NArg() != 1 {
		return pipeline.Usagef("lexicons export: want one folder, got %d arguments (see techframe lexicons export --help)", c.NArg())
	}
	dir := c.Args().First()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("lexicons export: %w", err)
	}
	// Every target is checked before any is written: an export that stops
	// half-way leaves one file new and the other old.
	files := lexicons.DefaultFiles()
	var exist []string
	for _, f := range files {
		p := filepath.Join(dir, f.BaseName())
		info, err := os.Stat(p)
		switch {
		case err == nil && !info.Mode().IsRegular():
			return pipeline.Usagef("lexicons export: %s exists and is not a file", p)
		case err == nil:
			exist = append(exist, p)
		}
	}
	if len(exist) > 0 && !c.Bool("force") {
		verb := "exist"
		if len(exist) == 1 {
			verb = "exists"
		}
		return pipeline.Usagef("lexicons export: %s %s (use --force to overwrite; nothing was written)", strings.Join(exist, " and "), verb)
	}
	for _, f := range files {
		p := filepath.Join(dir, f.BaseName())
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return fmt.Errorf("lexicons export: %w", err)
		}
		fmt.Fprintf(e.Stderr, "techframe: wrote %s (%s, %s)\n", p, f.Kind, f.SHA256[:12])
	}
	return nil
}

func lexiconsCheck(c *cli.Context) error {
	e := getEnv(c)
	if c.NArg() == 0 {
		return pipeline.Usagef("lexicons check: name at least one lexicon file or folder (see techframe lexicons check --help)")
	}
	set, err := lexicons.LoadWarn(c.Args().Slice(), c.Bool("lexicon-replace"), warnSkipped(e))
	if err != nil {
		return err
	}
	for _, f := range set.Files {
		if f.Embedded {
			continue // checked with the files, not by request
		}
		fmt.Fprintf(e.Stdout, "ok %s: %s lexicon, %d entries, sha256 %s\n", f.Name, f.Kind, f.Entries, f.SHA256)
	}
	return nil
}

// warnSkipped prints a warning for each file of a lexicon folder that is
// not read (lexicons list and check have no run to count it in).
func warnSkipped(e *env) func(lexicons.Problem) {
	return func(p lexicons.Problem) {
		w := pipeline.Warning{Stage: "lexicon", Path: p.File, Offset: -1, Kind: "skipped-file", Message: p.Msg}
		fmt.Fprintf(e.Stderr, "techframe: warning: %s\n", w)
	}
}
