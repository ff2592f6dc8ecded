package cli

import (
	"fmt"
	"sort"

	"lanemap/bpmn"
	"lanemap/model"
)

func init() {
	Register(Verb{
		Name:    "stats",
		Args:    "FILE",
		Summary: "count elements per kind, pools, lanes and handovers (name: value per line)",
		Run:     runStats,
	})
}

func runStats(env *Env, args []string) int {
	flags := NewFlags(env, verbs["stats"])
	pos, code, ok := ParseArgs(flags, args, 1, 1)
	if !ok {
		return code
	}
	d, _, _, err := bpmn.ReadFile(pos[0])
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	for _, line := range Stats(d) {
		fmt.Fprintf(env.Stdout, "%s: %d\n", line.Name, line.Value)
	}
	return 0
}

// StatLine is one "name: value" line of `lanemap stats`.
type StatLine struct {
	Name  string
	Value int
}

// Stats counts d's elements per kind (sorted by kind), then pools, lanes and
// handovers (sequence flows whose ends sit in different lanes).
func Stats(d *model.Definitions) []StatLine {
	counts := map[string]int{}
	for _, n := range d.Nodes {
		counts[string(n.Kind)]++
	}
	for _, f := range d.Flows {
		counts[string(f.Kind)]++
	}
	kinds := make([]string, 0, len(counts))
	for k := range counts {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	out := make([]StatLine, 0, len(kinds)+3)
	for _, k := range kinds {
		out = append(out, StatLine{k, counts[k]})
	}
	return append(out,
		StatLine{"pools", len(d.Participants())},
		StatLine{"lanes", len(d.AllLanes())},
		StatLine{"handovers", len(d.Handovers())},
	)
}
