package site

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestCheckOutput(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "fil")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, dir, problem string
	}{
		{"existing", dir, ""},
		{"created", filepath.Join(dir, "a", "b"), ""},
		{"file", file, OutputNotDir},
		{"under a file", filepath.Join(file, "x"), OutputNoCreate},
	}
	for _, tc := range tests {
		err := CheckOutput(tc.dir)
		var oe *OutputError
		switch {
		case tc.problem == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.problem == "":
			ents, _ := os.ReadDir(tc.dir)
			if len(ents) > 0 && tc.dir != dir {
				t.Errorf("%s: the probe file was left: %v", tc.name, ents)
			}
		case !errors.As(err, &oe) || oe.Problem != tc.problem || !errors.Is(err, ErrOutput):
			t.Errorf("%s: err = %v, want problem %q wrapping ErrOutput", tc.name, err, tc.problem)
		}
	}
}

// TestPublishBadFolderFirst: an unusable folder fails before any work, and
// the report claims nothing.
func TestPublishBadFolderFirst(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "fil")
	os.WriteFile(file, []byte("x"), 0o644)
	for _, tc := range []struct {
		out  string
		opts Options
	}{
		{file, Options{}},
		{filepath.Join(dir, "ut"), Options{PDF: filepath.Join(file, "bok.pdf")}},
		{filepath.Join(dir, "ut2"), Options{PDF: dir}},
	} {
		var calls int
		tc.opts.Progress = func(int, int, string) { calls++ }
		rep, err := PublishInputs(context.Background(), testLibrary().inputs(), tc.out, tc.opts)
		if !errors.Is(err, ErrOutput) {
			t.Errorf("%s %+v: err = %v, want ErrOutput", tc.out, tc.opts.PDF, err)
		}
		if calls != 0 || len(rep.Published) != 0 || rep.Handbook != "" {
			t.Errorf("%s: work done before the folder check: %d progress calls, report %+v", tc.out, calls, rep)
		}
		if _, err := os.Stat(filepath.Join(tc.out, "index.html")); err == nil {
			t.Errorf("%s: pages written", tc.out)
		}
	}
}
