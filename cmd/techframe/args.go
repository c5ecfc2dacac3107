package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// interspersed moves a command's flags in front of its positional
// arguments, so that `techframe analyze samples -o report.xlsx` works as
// scholars type it. urfave/cli v2 stops parsing flags at the first
// positional argument; this rewrites the argument list once, before parsing,
// using the command's own flag definitions to know which flags take a value.
// Everything after "--" is left alone.
func interspersed(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	out := []string{args[0]}
	rest := args[1:]
	// global flags before the command name stay where they are
	for len(rest) > 0 && strings.HasPrefix(rest[0], "-") && rest[0] != "-" {
		out = append(out, rest[0])
		name := strings.TrimLeft(rest[0], "-")
		rest = rest[1:]
		if !strings.Contains(name, "=") && flagTakesValue(app.Flags, name) && len(rest) > 0 {
			out = append(out, rest[0])
			rest = rest[1:]
		}
	}
	cmds := app.Commands
	var cmd *cli.Command
	for len(rest) > 0 {
		next := findCommand(cmds, rest[0])
		if next == nil {
			break
		}
		cmd = next
		out = append(out, rest[0])
		rest = rest[1:]
		cmds = cmd.Subcommands
	}
	if cmd == nil {
		return args
	}
	var flags, positional []string
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			positional = append(positional, rest[i:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		if strings.Contains(a, "=") {
			continue
		}
		if takesValue(cmd, strings.TrimLeft(a, "-")) && i+1 < len(rest) {
			flags = append(flags, rest[i+1])
			i++
		}
	}
	out = append(out, flags...)
	return append(out, positional...)
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

// takesValue reports whether the named flag of cmd expects a value (every
// flag type but BoolFlag does).
func takesValue(cmd *cli.Command, name string) bool {
	return flagTakesValue(cmd.Flags, name)
}

func flagTakesValue(flags []cli.Flag, name string) bool {
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				_, isBool := f.(*cli.BoolFlag)
				return !isBool
			}
		}
	}
	return false
}
