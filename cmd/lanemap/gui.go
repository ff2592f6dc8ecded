//go:build !nogui

package main

import (
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2/app"

	"lanemap/cli"
	"lanemap/ui"
)

// The GUI build adds the "open" verb and makes the editor the default:
// `lanemap` alone opens the last library (the bundled examples the first
// time), `lanemap open PATH` a file or a folder.
func init() {
	v := cli.Verb{
		Name:    "open",
		Args:    "[FILE.bpmn|FOLDER]",
		Summary: "open the editor on a process file or a library folder",
	}
	v.Run = func(env *cli.Env, args []string) int {
		fs := cli.NewFlags(env, v)
		pos, code, ok := cli.ParseFlags(fs, args)
		if !ok {
			return code
		}
		if len(pos) > 1 {
			fs.Usage()
			return 2
		}
		path := ""
		if len(pos) == 1 {
			path = pos[0]
			if _, err := os.Stat(path); err != nil {
				fmt.Fprintf(env.Stderr, "lanemap open: %v\n", err)
				return 1
			}
		}
		return runGUI(env, path)
	}
	cli.Register(v)
	cli.Default = func(env *cli.Env) int { return runGUI(env, "") }
}

// runGUI starts the editor on path, or on the last library when path is "".
// The app ID must match FyneApp.toml (which `fyne package` reads and
// rewrites in its own format, bumping Build; plain go build ignores it).
func runGUI(env *cli.Env, path string) int {
	ui.Version = cli.Version
	a := app.NewWithID(ui.AppID)
	if err := ui.LoadTranslations(); err != nil {
		fmt.Fprintf(env.Stderr, "lanemap: translations: %v\n", err)
	}
	if path == "" {
		path = ui.LastLibrary(a.Preferences())
		if _, err := os.Stat(path); path == "" || err != nil {
			path = bundledExamples()
		}
	}
	w := ui.New(a)
	if path != "" {
		if err := w.Open(path); err != nil {
			fmt.Fprintf(env.Stderr, "lanemap: %v\n", err)
			// The window still opens, with the error shown there as well.
			w.ShowError(err)
		}
	}
	w.ShowAndRun()
	return 0
}

// bundledExamples finds the examples folder: next to the binary (or one
// level up, for bin/lanemap in a checkout), else in the working directory.
func bundledExamples() string {
	var dirs []string
	if exe, err := os.Executable(); err == nil {
		d := filepath.Dir(exe)
		dirs = append(dirs, filepath.Join(d, "examples"), filepath.Join(d, "..", "examples"))
	}
	dirs = append(dirs, "examples")
	for _, d := range dirs {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
	}
	return ""
}
