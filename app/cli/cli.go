// Package cli is Dossier's headless face: the subcommands of the dossier binary.
//
// Every command follows the same conventions, enforced here rather than by each
// command: flags may come before or after arguments, "--x v" and "--x=v" both
// work, "--" ends flags; dates are YYYY-MM-DD; the global --today fixes "today",
// --json switches stdout to machine output, --lang picks ru (default), kk or en.
// Results go to stdout, diagnostics to stderr. Exit status: 0 all good, 1 the
// work found problems (an invalid number, a missing document), 2 bad usage or
// unreadable input.
//
// A command lives in its own cmd_*.go file and registers itself in init, so
// features can be added without touching this file.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"dossier/app/civil"
	"dossier/app/failure"
	"dossier/app/i18n"
	"dossier/app/kz"
)

// Exit statuses.
const (
	ExitOK       = 0
	ExitProblems = 1
	ExitUsage    = 2
)

// ErrProblems is returned by a command whose output already describes what is
// wrong (an invalid number, a rejected file): the process exits 1 and prints
// nothing more.
var ErrProblems = errors.New("problems found")

// UsageError is a mistake in how the command was called; it exits 2 and points
// to the command's help.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// InputError means an input could not be read or understood (exit 2). Msg is
// already in the user's language.
type InputError struct {
	Msg string
	Err error
}

func (e *InputError) Error() string { return e.Msg }
func (e *InputError) Unwrap() error { return e.Err }

// Command is one subcommand.
type Command struct {
	Name string
	// Args is the synopsis after the name and flags, e.g. "NUMBER" or "CASE.json".
	Args string
	// Summary is the catalogue key of a one-line description.
	Summary string
	// Help is the catalogue key of a longer description (optional).
	Help string
	// Order sorts the command list in help; lower first.
	Order int
	// Hidden commands are internal (for example a worker process the program
	// starts itself) and are left out of the help overview.
	Hidden bool
	// Setup declares the command's own flags on fs and returns the function that
	// runs it. Flags are bound to variables local to the closure, so commands are
	// reentrant (tests run them many times).
	Setup func(fs *flag.FlagSet) func(env *Env, args []string) error
}

var (
	regMu    sync.Mutex
	registry = map[string]*Command{}
)

// Register adds a command; a duplicate name is a programming error.
func Register(c *Command) {
	regMu.Lock()
	defer regMu.Unlock()
	if _, dup := registry[c.Name]; dup {
		panic("cli: command registered twice: " + c.Name)
	}
	registry[c.Name] = c
}

func lookup(name string) *Command {
	regMu.Lock()
	defer regMu.Unlock()
	return registry[name]
}

func commands() []*Command {
	regMu.Lock()
	defer regMu.Unlock()
	out := make([]*Command, 0, len(registry))
	for _, c := range registry {
		if c.Hidden {
			continue
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Order != out[j].Order {
			return out[i].Order < out[j].Order
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// Env is what a running command gets: its streams, the global options and
// shared services.
type Env struct {
	Ctx    context.Context
	Stdout io.Writer
	Stderr io.Writer
	Lang   i18n.Lang
	P      i18n.Printer
	JSON   bool
	// Today is the --today date, or the current day in Kazakhstan.
	Today civil.Date
	// RulesPath is the --rules override file, if any.
	RulesPath string

	// services is lazily built shared state (rules, workspace) kept in other files.
	services
}

// Warnf prints a diagnostic line to stderr.
func (e *Env) Warnf(format string, args ...any) {
	fmt.Fprintf(e.Stderr, "dossier: "+format+"\n", args...)
}

// Printf writes a result line to stdout.
func (e *Env) Printf(format string, args ...any) {
	fmt.Fprintf(e.Stdout, format, args...)
}

// WriteJSON writes v to stdout as indented JSON.
func (e *Env) WriteJSON(v any) error {
	enc := json.NewEncoder(e.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// Usagef returns a UsageError with a catalogue message in the env's language.
func (e *Env) Usagef(key string, args ...any) error {
	return &UsageError{Msg: e.P.T(key, args...)}
}

// Inputf returns an InputError with a catalogue message in the env's language.
func (e *Env) Inputf(key string, args ...any) error {
	return &InputError{Msg: e.P.T(key, args...)}
}

// globals are the options every command accepts.
type globals struct {
	today civil.Date
	json  bool
	lang  i18n.Lang
	rules string
	help  bool
}

type dateValue struct{ d *civil.Date }

func (v dateValue) String() string {
	if v.d == nil {
		return ""
	}
	return v.d.String()
}
func (v dateValue) Set(s string) error {
	d, err := civil.Parse(s)
	if err != nil {
		return err
	}
	*v.d = d
	return nil
}

// DateFlag declares a YYYY-MM-DD flag.
func DateFlag(fs *flag.FlagSet, name string, usage string) *civil.Date {
	d := new(civil.Date)
	fs.Var(dateValue{d}, name, usage)
	return d
}

type langValue struct{ l *i18n.Lang }

func (v langValue) String() string {
	if v.l == nil {
		return ""
	}
	return string(*v.l)
}
func (v langValue) Set(s string) error {
	l, err := i18n.ParseLang(s)
	if err != nil {
		return err
	}
	*v.l = l
	return nil
}

func declareGlobals(fs *flag.FlagSet, g *globals) {
	fs.Var(dateValue{&g.today}, "today", "fix today's date (YYYY-MM-DD)")
	fs.BoolVar(&g.json, "json", false, "machine-readable output on stdout")
	fs.Var(langValue{&g.lang}, "lang", "language: ru, kk or en")
	fs.StringVar(&g.rules, "rules", "", "rules file overriding the embedded rules")
	fs.BoolVar(&g.help, "help", false, "show help")
	fs.BoolVar(&g.help, "h", false, "show help")
}

// Main runs the command line args (without the program name) and returns the
// exit status.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	lang := langFromArgs(args)
	p := i18n.Printer{Lang: lang}
	name, rest := splitCommand(args)
	switch name {
	case "":
		if hasHelp(args) {
			name = "help"
		} else if hasFlag(args, "version") {
			name = "version"
		} else {
			fmt.Fprintln(stderr, p.T("cli.err.no_command"))
			return ExitUsage
		}
	}
	cmd := lookup(name)
	if cmd == nil {
		fmt.Fprintln(stderr, p.T("cli.err.unknown_command", name))
		return ExitUsage
	}
	fs := flag.NewFlagSet(cmd.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var g globals
	g.lang = lang
	declareGlobals(fs, &g)
	run := cmd.Setup(fs)
	positional, err := parseFlags(fs, rest, p)
	env := &Env{Ctx: ctx, Stdout: stdout, Stderr: stderr, Lang: g.lang, P: i18n.Printer{Lang: g.lang}}
	if err != nil {
		return report(env, cmd, err)
	}
	if g.help {
		writeCommandHelp(env, cmd)
		return ExitOK
	}
	env.JSON = g.json
	env.RulesPath = g.rules
	env.Today = g.today
	if env.Today.IsZero() {
		env.Today = civil.Of(time.Now().In(kz.Location()))
	}
	return report(env, cmd, run(env, positional))
}

func report(env *Env, cmd *Command, err error) int {
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, ErrProblems) {
		return ExitProblems
	}
	var ue *UsageError
	if errors.As(err, &ue) {
		fmt.Fprintf(env.Stderr, "dossier %s: %s\n%s\n", cmd.Name, ue.Msg, env.P.T("cli.see_help", cmd.Name))
		return ExitUsage
	}
	var ie *InputError
	if errors.As(err, &ie) {
		fmt.Fprintf(env.Stderr, "dossier %s: %s\n", cmd.Name, ie.Msg)
		return ExitUsage
	}
	// Anything else is said in the clerk's words: a full disk, a read-only
	// folder, a file open in another program, … (package failure).
	fmt.Fprintf(env.Stderr, "dossier %s: %s\n", cmd.Name, failure.Message(env.Lang, err))
	return ExitUsage
}

// valueFlags are global flags that take a value; they matter when finding the
// command name among leading options ("dossier --lang en iin …").
var valueFlags = map[string]bool{"today": true, "lang": true, "rules": true}

func flagName(tok string) (name string, hasValue bool) {
	name = strings.TrimLeft(tok, "-")
	name, _, hasValue = strings.Cut(name, "=")
	return name, hasValue
}

// splitCommand finds the command name: the first token that is neither an
// option nor the value of one. The remaining tokens keep their order.
func splitCommand(args []string) (string, []string) {
	for i := 0; i < len(args); i++ {
		tok := args[i]
		if tok == "--" {
			return "", nil
		}
		if strings.HasPrefix(tok, "-") && tok != "-" {
			if name, hasVal := flagName(tok); valueFlags[name] && !hasVal {
				i++
			}
			continue
		}
		rest := append(append([]string{}, args[:i]...), args[i+1:]...)
		return tok, rest
	}
	return "", nil
}

func hasHelp(args []string) bool { return hasFlag(args, "help") || hasFlag(args, "h") }

func hasFlag(args []string, name string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if n, _ := flagName(a); strings.HasPrefix(a, "-") && n == name {
			return true
		}
	}
	return false
}

// langFromArgs finds --lang early so that even usage errors come out in the
// language asked for. An unusable value falls back to the default here and is
// reported by the real parse.
func langFromArgs(args []string) i18n.Lang {
	lang := i18n.Default
	for i := 0; i < len(args); i++ {
		if args[i] == "--" {
			break
		}
		name, hasVal := flagName(args[i])
		if !strings.HasPrefix(args[i], "-") || name != "lang" {
			continue
		}
		val := ""
		if hasVal {
			_, val, _ = strings.Cut(args[i], "=")
		} else if i+1 < len(args) {
			val = args[i+1]
		}
		if l, err := i18n.ParseLang(val); err == nil {
			lang = l
		}
	}
	return lang
}

type boolFlag interface{ IsBoolFlag() bool }

// parseFlags applies the options in args to fs, wherever they stand, and
// returns the positional arguments in order. Messages are localised.
func parseFlags(fs *flag.FlagSet, args []string, p i18n.Printer) ([]string, error) {
	var positional []string
	for i := 0; i < len(args); i++ {
		tok := args[i]
		if tok == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(tok, "-") || tok == "-" {
			positional = append(positional, tok)
			continue
		}
		name, hasVal := flagName(tok)
		f := fs.Lookup(name)
		if f == nil || name == "" {
			return nil, &UsageError{Msg: p.T("cli.err.unknown_flag", tok)}
		}
		var val string
		if hasVal {
			_, val, _ = strings.Cut(tok, "=")
		} else if bf, ok := f.Value.(boolFlag); ok && bf.IsBoolFlag() {
			val = "true"
		} else {
			if i+1 >= len(args) {
				return nil, &UsageError{Msg: p.T("cli.err.flag_needs_value", "--"+name)}
			}
			i++
			val = args[i]
		}
		if err := fs.Set(name, val); err != nil {
			return nil, &UsageError{Msg: p.T("cli.err.bad_flag_value", "--"+name, val, err)}
		}
	}
	return positional, nil
}
