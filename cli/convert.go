package cli

import (
	"fmt"

	"lanemap/bpmn"
)

func init() {
	Register(Verb{
		Name:    "convert",
		Args:    "IN OUT",
		Summary: "read a BPMN file and write it back losslessly; OUT is replaced atomically",
		Run:     runConvert,
	})
}

func runConvert(env *Env, args []string) int {
	flags := NewFlags(env, verbs["convert"])
	pos, code, ok := ParseArgs(flags, args, 2, 2)
	if !ok {
		return code
	}
	d, src, warns, err := bpmn.ReadFile(pos[0])
	for _, w := range warns {
		fmt.Fprintf(env.Stderr, "%s:%d: %s\n", pos[0], w.Line, w.Msg)
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	if err := bpmn.WriteFile(pos[1], d, src); err != nil {
		fmt.Fprintf(env.Stderr, "%s: %v\n", pos[1], err)
		return 1
	}
	return 0
}
