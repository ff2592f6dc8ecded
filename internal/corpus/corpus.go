package corpus

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// Dir returns the corpus folder, or skips the test with a message saying
// where it looked.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir, tried := find()
	if dir == "" {
		tb.Skipf("BPMN corpus not found (looked in %s); set LANEMAP_CORPUS to the bpmn-corpus folder", tried)
	}
	return dir
}

func find() (dir, tried string) {
	if env := os.Getenv("LANEMAP_CORPUS"); env != "" {
		if isDir(filepath.Join(env, "reference")) {
			return env, env
		}
		return "", env
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", "the working directory"
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			c := filepath.Join(filepath.Dir(d), "shared", "bpmn-corpus")
			if isDir(filepath.Join(c, "reference")) {
				return c, c
			}
			return "", c
		}
		if filepath.Dir(d) == d {
			return "", "../shared/bpmn-corpus above go.mod"
		}
	}
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// Files returns every .bpmn file under reference/ and vendors/ (wip models
// included), sorted, or skips the test when the corpus is absent.
func Files(tb testing.TB) []string {
	tb.Helper()
	dir := Dir(tb)
	var out []string
	for _, sub := range []string{"reference", "vendors"} {
		filepath.WalkDir(filepath.Join(dir, sub), func(p string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() && filepath.Ext(p) == ".bpmn" {
				out = append(out, p)
			}
			return nil
		})
	}
	sort.Strings(out)
	if len(out) == 0 {
		tb.Fatalf("BPMN corpus at %s holds no .bpmn files", dir)
	}
	return out
}

// XSD returns the path of BPMN20.xsd in the corpus (skips when absent).
func XSD(tb testing.TB) string {
	tb.Helper()
	return filepath.Join(Dir(tb), "xsd", "BPMN20.xsd")
}
