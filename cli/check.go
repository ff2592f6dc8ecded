package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"lanemap/bpmn"
)

func init() {
	Register(Verb{
		Name:    "check",
		Args:    "FILE|DIR...",
		Summary: "read BPMN files (folders recursively) and print warnings and errors as file:line: message",
		Run:     runCheck,
	})
}

func runCheck(env *Env, args []string) int {
	flags := NewFlags(env, verbs["check"])
	paths, code, ok := ParseArgs(flags, args, 1, -1)
	if !ok {
		return code
	}
	files, failed := expandBPMN(env, paths)
	var nWarn, nErr int
	for _, f := range files {
		_, _, warns, err := bpmn.ReadFile(f)
		for _, w := range warns {
			nWarn++
			if w.Line > 0 {
				fmt.Fprintf(env.Stdout, "%s:%d: %s\n", f, w.Line, w.Msg)
			} else {
				fmt.Fprintf(env.Stdout, "%s: %s\n", f, w.Msg)
			}
		}
		if err != nil {
			nErr++
			failed = true
			fmt.Fprintln(env.Stdout, err)
		}
	}
	fmt.Fprintf(env.Stderr, "checked %d file(s): %d warning(s), %d unreadable\n", len(files), nWarn, nErr)
	if failed {
		return 1
	}
	return 0
}

// expandBPMN turns the arguments into files: folders are walked for *.bpmn
// (hidden folders such as backups are skipped). Unreadable arguments are
// reported and make failed true.
func expandBPMN(env *Env, paths []string) (files []string, failed bool) {
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			fmt.Fprintf(env.Stdout, "%s: %v\n", p, unwrapPathErr(err))
			failed = true
			continue
		}
		if !fi.IsDir() {
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(q string, e fs.DirEntry, err error) error {
			if err != nil {
				fmt.Fprintf(env.Stdout, "%s: %v\n", q, unwrapPathErr(err))
				failed = true
				return nil
			}
			if e.IsDir() && q != p && strings.HasPrefix(e.Name(), ".") {
				return filepath.SkipDir
			}
			if !e.IsDir() && strings.EqualFold(filepath.Ext(q), ".bpmn") {
				files = append(files, q)
			}
			return nil
		})
		if err != nil {
			failed = true
		}
	}
	return files, failed
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
