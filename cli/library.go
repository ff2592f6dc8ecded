package cli

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"lanemap/library"
)

func init() {
	Register(Verb{
		Name:    "library",
		Args:    "DIR [--json]",
		Summary: "list a library folder's processes (owner, status, version, review date, roles) as a table or JSON",
		Run:     runLibrary,
	})
}

func runLibrary(env *Env, args []string) int {
	flags := NewFlags(env, verbs["library"])
	asJSON := flags.Bool("json", false, "print the index as JSON")
	search := flags.String("search", "", "only processes matching these words (name, role, text)")
	noCache := flags.Bool("no-cache", false, "ignore and do not write the per-user index cache")
	pos, code, ok := ParseArgs(flags, args, 1, 1)
	if !ok {
		return code
	}
	lib, err := library.Open(pos[0], library.Options{NoCache: *noCache})
	if err != nil {
		fmt.Fprintln(env.Stderr, "lanemap library:", library.Message(err, "en"))
		return 1
	}
	entries := lib.Entries()
	if *search != "" {
		entries = lib.Search(*search)
	}
	if *asJSON {
		if entries == nil {
			entries = []library.Entry{}
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(entries); err != nil {
			fmt.Fprintln(env.Stderr, "lanemap library:", err)
			return 1
		}
	} else {
		LibraryTable(env, entries)
	}
	for _, e := range entries {
		if e.Err != "" {
			return 1
		}
	}
	return 0
}

// LibraryTable prints entries as an aligned table, one row per process;
// unreadable files show their error in place of the name.
func LibraryTable(env *Env, entries []library.Entry) {
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FILE\tNAME\tOWNER\tSTATUS\tVERSION\tREVIEW\tCLASS\tPUBLISH\tMODIFIED\tROLES")
	for _, e := range entries {
		name := e.Name
		if e.Err != "" {
			name = "ERROR: " + e.Err
		}
		pub := "no"
		if e.Publishable() {
			pub = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			cell(e.Path), cell(name), cell(e.Owner), cell(e.Status), cell(e.Version), cell(e.ReviewDate),
			strconv.Itoa(e.Classification), pub, e.ModTime.Local().Format("2006-01-02 15:04"), cell(strings.Join(e.Roles, ", ")))
	}
	tw.Flush()
	fmt.Fprintf(env.Stderr, "%d process(es)\n", len(entries))
}

// cell keeps a table cell on one line and never empty.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "-"
	}
	return s
}
