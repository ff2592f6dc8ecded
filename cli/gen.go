package cli

import (
	"fmt"
	"strconv"

	"lanemap/bpmn"
	"lanemap/internal/gen"
)

// maxGen bounds `lanemap gen` so a typo cannot fill the disk.
const maxGen = 1_000_000

func init() {
	Register(Verb{
		Name:    "gen",
		Args:    "N OUT",
		Summary: "write a generated, valid collaboration with N flow nodes in 8 lanes (for benchmarks and tests)",
		Run:     runGen,
	})
}

func runGen(env *Env, args []string) int {
	flags := NewFlags(env, verbs["gen"])
	pos, code, ok := ParseArgs(flags, args, 2, 2)
	if !ok {
		return code
	}
	n, err := strconv.Atoi(pos[0])
	if err != nil || n < 2 || n > maxGen {
		fmt.Fprintf(env.Stderr, "lanemap gen: N must be a whole number from 2 to %d, not %q\n", maxGen, pos[0])
		return 2
	}
	if err := bpmn.WriteFile(pos[1], gen.Collaboration(n), nil); err != nil {
		fmt.Fprintf(env.Stderr, "%s: %v\n", pos[1], err)
		return 1
	}
	return 0
}
