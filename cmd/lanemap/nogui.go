//go:build nogui

package main

import (
	"fmt"

	"lanemap/cli"
)

// The headless build has no editor; "open" says so instead of being an
// unknown verb, so scripts and users learn which binary they need.
func init() {
	cli.Register(cli.Verb{
		Name:    "open",
		Args:    "[FILE.bpmn|FOLDER]",
		Summary: "the editor (not in this headless build)",
		Run: func(env *cli.Env, args []string) int {
			fmt.Fprintln(env.Stderr, "lanemap open: this binary was built without the editor (-tags nogui); use the desktop build, or the headless verbs listed by `lanemap help`")
			return 1
		},
	})
}
