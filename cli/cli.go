package cli

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Version is the program version, set at link time with
// -ldflags "-X lanemap/cli.Version=…".
var Version = "0.1.0-dev"

// Verb is one sub-command.
type Verb struct {
	Name    string
	Args    string // usage after the name, e.g. "FILE..."
	Summary string // one line for `lanemap help`
	// Run gets the arguments after the verb. It returns the exit code:
	// 0 success, 1 failure, 2 usage error.
	Run func(env *Env, args []string) int
}

// Env is what a verb may touch: its output streams.
type Env struct {
	Stdout io.Writer
	Stderr io.Writer
}

var verbs = map[string]Verb{}

// Default runs when no verb is given. The GUI build sets it to open the
// editor; the headless build prints help.
var Default func(env *Env) int

// Register adds a verb; call it from an init function.
func Register(v Verb) {
	if _, dup := verbs[v.Name]; dup {
		panic("cli: verb registered twice: " + v.Name)
	}
	verbs[v.Name] = v
}

// Main runs the verb named by args[0] and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	env := &Env{Stdout: stdout, Stderr: stderr}
	if len(args) == 0 {
		if Default != nil {
			return Default(env)
		}
		help(env.Stdout)
		return 0
	}
	name := args[0]
	switch name {
	case "help", "-h", "--help", "-help":
		if len(args) > 1 {
			if v, ok := verbs[args[1]]; ok {
				return v.Run(env, []string{"-h"})
			}
		}
		help(env.Stdout)
		return 0
	case "version", "--version", "-version":
		fmt.Fprintln(env.Stdout, "lanemap", Version)
		return 0
	}
	v, ok := verbs[name]
	if !ok {
		fmt.Fprintf(env.Stderr, "lanemap: unknown verb %q\n", name)
		help(env.Stderr)
		return 2
	}
	return v.Run(env, args[1:])
}

func help(w io.Writer) {
	fmt.Fprintln(w, "Lanemap: BPMN 2.0 process maps for quality-management systems.")
	fmt.Fprintln(w, "\nUsage: lanemap VERB [arguments]   (lanemap VERB -h for details)")
	fmt.Fprintln(w, "\nVerbs:")
	names := make([]string, 0, len(verbs))
	for n := range verbs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		v := verbs[n]
		helpLine(w, strings.TrimSpace(v.Name+" "+v.Args), v.Summary)
	}
	helpLine(w, "version", "print the version")
	helpLine(w, "help [VERB]", "this text, or a verb's usage")
}

// helpLine prints a verb's synopsis and summary in two columns; a long
// synopsis gets a line of its own.
func helpLine(w io.Writer, synopsis, summary string) {
	const col = 30
	if len(synopsis) > col {
		fmt.Fprintf(w, "  %s\n  %-*s %s\n", synopsis, col, "", summary)
		return
	}
	fmt.Fprintf(w, "  %-*s %s\n", col, synopsis, summary)
}

// NewFlags returns a flag set for verb v that prints usage to env.Stderr and
// does not exit on error. After Parse, a -h or usage error gives code 2
// (0 for -h).
func NewFlags(env *Env, v Verb) *flag.FlagSet {
	fs := flag.NewFlagSet(v.Name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: lanemap %s %s\n\n%s\n", v.Name, v.Args, v.Summary)
		var hasFlags bool
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(env.Stderr, "\nOptions:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// ParseArgs is ParseFlags plus a check that between min and max positional
// arguments were given (max < 0: no upper bound); otherwise it prints the
// verb's usage and ok is false with code 2.
func ParseArgs(fs *flag.FlagSet, args []string, min, max int) (pos []string, code int, ok bool) {
	pos, code, ok = ParseFlags(fs, args)
	if !ok {
		return nil, code, false
	}
	if len(pos) < min || (max >= 0 && len(pos) > max) {
		fs.Usage()
		return nil, 2, false
	}
	return pos, 0, true
}

// ParseFlags parses args; ok is false when the verb should return code.
// Flags may come before or after positional arguments.
func ParseFlags(fs *flag.FlagSet, args []string) (pos []string, code int, ok bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, 0, false
			}
			return nil, 2, false
		}
		rest := fs.Args()
		i := 0
		for i < len(rest) && !strings.HasPrefix(rest[i], "-") {
			pos = append(pos, rest[i])
			i++
		}
		if i == len(rest) {
			return pos, 0, true
		}
		args = rest[i:]
	}
}
