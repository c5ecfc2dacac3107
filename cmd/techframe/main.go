// Command techframe analyses batches of commentary on China's technology
// strategy: it tokenizes articles, tags entities and cooperation/competition
// framing with evidence, computes keywords and topics, and writes workbooks.
//
// This package is thin: flags become settings for the packages under
// pipeline/ and reports/, and this file is the one place that maps errors to
// exit codes.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"

	"github.com/techframe/techframe/pipeline"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"
)

// version is set at build time with -ldflags "-X main.version=..."; the
// default names the development line.
var version = "0.1.0-dev"

// commands is filled by the init functions of the files in this package, one
// file per command, so that commands can be added without touching this file.
var commands []*cli.Command

func register(c *cli.Command) { commands = append(commands, c) }

// env carries the process's streams so that commands can be run in-process
// by tests with injected stdin, stdout and stderr.
type env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// StdinPiped is true when stdin is not a terminal (a pipe or a file).
	StdinPiped bool
	// StdoutTTY and StderrTTY are true when the stream is a terminal.
	StdoutTTY, StderrTTY bool
	// Args is the full command line, recorded in manifests.
	Args []string
}

const envKey = "env"

func getEnv(c *cli.Context) *env {
	return c.App.Metadata[envKey].(*env)
}

const exitCodesHelp = `EXIT CODES:
   0    success
   1    processing failure (a named input missing or unreadable, no documents, a stage failed)
   2    usage or configuration error (bad flag, malformed lexicon or gold file)
   130  interrupted (Ctrl-C); reports already written are left untouched`

func newApp(e *env) *cli.App {
	cmds := append([]*cli.Command(nil), commands...)
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].Name < cmds[j].Name })
	app := &cli.App{
		Name:    "techframe",
		Usage:   "framing, entities, keywords and topics for commentary on China's technology strategy",
		Version: version,
		UsageText: `techframe [global options] command [command options] [inputs...]

EXAMPLES:
   techframe analyze samples -o report.xlsx          # the whole pipeline into one workbook
   techframe annotate samples/ > annotated.jsonl     # sentences, tokens, entities, frames
   cat article.txt | techframe annotate --level sentence --format tsv
   techframe keywords corpus.jsonl --group-by outlet_type

Inputs are files, folders (recursive), globs or "-" for stdin; formats are
chosen by extension (.txt .md .html .jsonl .csv .tsv) or --format.

` + exitCodesHelp,
		Commands:             cmds,
		Reader:               e.Stdin,
		Writer:               e.Stdout,
		ErrWriter:            e.Stderr,
		EnableBashCompletion: true,
		Metadata:             map[string]any{envKey: e},
		// Errors are printed and mapped to exit codes by run, not by cli.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(c *cli.Context, err error, isSub bool) error {
			return pipeline.Usagef("%v (see --help)", err)
		},
	}
	// --cpuprofile is for developers measuring techframe (see scripts/bench-*.sh).
	var profile *os.File
	app.Flags = []cli.Flag{
		&cli.StringFlag{Name: "cpuprofile", Hidden: true, Usage: "write a CPU profile to `FILE`"},
		&cli.StringFlag{Name: "memprofile", Hidden: true, Usage: "write a heap profile (allocations so far) to `FILE` at exit"},
	}
	app.Before = func(c *cli.Context) error {
		if path := c.String("cpuprofile"); path != "" {
			f, err := os.Create(path)
			if err != nil {
				return pipeline.Usagef("--cpuprofile: %v", err)
			}
			profile = f
			return pprof.StartCPUProfile(f)
		}
		return nil
	}
	app.After = func(c *cli.Context) error {
		if path := c.String("memprofile"); path != "" {
			f, err := os.Create(path)
			if err != nil {
				return pipeline.Usagef("--memprofile: %v", err)
			}
			if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
				f.Close()
				return err
			}
			f.Close()
		}
		if profile != nil {
			pprof.StopCPUProfile()
			return profile.Close()
		}
		return nil
	}
	app.Action = func(c *cli.Context) error {
		if c.NArg() > 0 {
			return pipeline.Usagef("unknown command %q (see techframe --help)", c.Args().First())
		}
		return cli.ShowAppHelp(c)
	}
	for _, c := range cmds {
		setUsageHandler(c)
	}
	return app
}

// setUsageHandler makes flag parsing errors of every command usage errors
// (exit 2) with a pointer to the command's help.
func setUsageHandler(c *cli.Command) { setUsageHandlerIn(c, "") }

// setUsageHandlerIn names a subcommand with its parent ("topics infer").
func setUsageHandlerIn(c *cli.Command, parent string) {
	name := strings.TrimSpace(parent + " " + c.Name)
	c.OnUsageError = func(_ *cli.Context, err error, _ bool) error {
		return pipeline.Usagef("%s: %v (see techframe %s --help)", name, err, name)
	}
	for _, sub := range c.Subcommands {
		setUsageHandlerIn(sub, name)
	}
}

// run executes the CLI and returns the process exit code. It is the only
// place that decides exit codes.
func run(ctx context.Context, args []string, e *env) (code int) {
	e.Args = args
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(e.Stderr, "techframe: internal error: %v\n%s", p, debug.Stack())
			code = pipeline.ExitFailure
		}
	}()
	app := newApp(e)
	err := app.RunContext(ctx, interspersed(app, args))
	return exitCode(err, e.Stderr)
}

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return pipeline.ExitOK
	}
	var ec cli.ExitCoder
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "techframe: interrupted")
		return pipeline.ExitInterrupted
	case errors.Is(err, pipeline.ErrUsage):
		fmt.Fprintf(stderr, "techframe: %v\n", err)
		return pipeline.ExitUsage
	case errors.As(err, &ec):
		if msg := err.Error(); msg != "" {
			fmt.Fprintf(stderr, "techframe: %v\n", msg)
		}
		return ec.ExitCode()
	default:
		fmt.Fprintf(stderr, "techframe: %v\n", err)
		return pipeline.ExitFailure
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first Ctrl-C the default handling returns, so a second one
	// ends the process at once.
	go func() { <-ctx.Done(); stop() }()
	e := &env{
		Stdin:      os.Stdin,
		Stdout:     os.Stdout,
		Stderr:     os.Stderr,
		StdinPiped: !term.IsTerminal(int(os.Stdin.Fd())),
		StdoutTTY:  term.IsTerminal(int(os.Stdout.Fd())),
		StderrTTY:  term.IsTerminal(int(os.Stderr.Fd())),
	}
	code := run(ctx, os.Args, e)
	stop()
	os.Exit(code)
}
