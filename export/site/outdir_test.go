package site

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
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

// TestPublishOwnership: a folder holding another library's site, a
// non-empty folder that is no site, and a folder in the library are
// refused before anything is written; Force replaces another library's
// site (and only that); an old manifest naming no library is accepted.
func TestPublishOwnership(t *testing.T) {
	root := t.TempDir()
	libA, libB := filepath.Join(root, "A"), filepath.Join(root, "B")
	os.MkdirAll(libA, 0o755)
	os.MkdirAll(libB, 0o755)
	pub := func(out, lib string, force bool) (Report, error) {
		return PublishInputs(context.Background(), testLibrary().inputs(), out, Options{NoPDF: true, Library: lib, Force: force})
	}
	siteA := filepath.Join(root, "siteA")
	if _, err := pub(siteA, libA, false); err != nil {
		t.Fatal(err)
	}
	m, err := readManifest(siteA)
	if err != nil || m.Library != libA {
		t.Fatalf("manifest names library %q (%v), want %q", m.Library, err, libA)
	}
	// Another library, then the same library by a messy path.
	_, err = pub(siteA, libB, false)
	var oe *OutputError
	if !errors.As(err, &oe) || oe.Problem != OutputOtherLibrary || oe.Library != libA || !errors.Is(err, ErrOutput) {
		t.Fatalf("B into A's site: err = %v, want OutputOtherLibrary naming %s", err, libA)
	}
	if !strings.Contains(err.Error(), libA) || !strings.Contains(err.Error(), "force") {
		t.Errorf("message does not name the library and --force: %v", err)
	}
	if _, err := pub(siteA, filepath.Join(libA, "x", ".."), false); err != nil {
		t.Errorf("A again by an unclean path: %v", err)
	}
	// And by a symbolic link to it.
	link := filepath.Join(root, "linkA")
	if err := os.Symlink(libA, link); err == nil {
		if _, err := pub(siteA, link, false); err != nil {
			t.Errorf("A again through a link: %v", err)
		}
	}

	// A non-empty folder that is not a site: refused, nothing written.
	other := filepath.Join(root, "other")
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, "process.bpmn"), []byte("<x/>"), 0o644)
	_, err = pub(other, libB, false)
	if !errors.As(err, &oe) || oe.Problem != OutputNotASite {
		t.Errorf("into a non-site folder: err = %v, want OutputNotASite", err)
	}
	if ents, _ := os.ReadDir(other); len(ents) != 1 {
		t.Errorf("files written into a refused folder: %v", ents)
	}
	// A folder with only a file manager's leftovers counts as empty.
	empty := filepath.Join(root, "empty")
	os.MkdirAll(empty, 0o755)
	os.WriteFile(filepath.Join(empty, ".DS_Store"), nil, 0o644)
	if _, err := pub(empty, libB, false); err != nil {
		t.Errorf("into an almost empty folder: %v", err)
	}

	// The library itself or a folder inside it: refused even with Force,
	// and not created.
	for _, out := range []string{libA, filepath.Join(libA, "webb", "ny")} {
		_, err := pub(out, libA, true)
		if !errors.As(err, &oe) || oe.Problem != OutputInLibrary {
			t.Errorf("%s: err = %v, want OutputInLibrary", out, err)
		}
	}
	if _, err := os.Stat(filepath.Join(libA, "webb")); err == nil {
		t.Errorf("a folder was created inside the library")
	}
	_, err = PublishInputs(context.Background(), testLibrary().inputs(), filepath.Join(root, "ut3"), Options{PDF: filepath.Join(libA, "bok.pdf"), Library: libA})
	if !errors.As(err, &oe) || oe.Problem != OutputInLibrary {
		t.Errorf("handbook into the library: err = %v, want OutputInLibrary", err)
	}

	// Force: B replaces A's site, and the manifest then names B.
	if _, err := pub(siteA, libB, true); err != nil {
		t.Fatalf("forced: %v", err)
	}
	if m, _ := readManifest(siteA); m.Library != libB {
		t.Errorf("after --force the manifest names %q, want %q", m.Library, libB)
	}
	// Force into a non-site folder writes beside the foreign file and
	// leaves it alone.
	if _, err := pub(other, libB, true); err != nil {
		t.Errorf("forced into a non-site folder: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(other, "process.bpmn")); string(b) != "<x/>" {
		t.Errorf("a foreign file was changed")
	}

	// An old manifest (no library) is read and then claimed.
	old := filepath.Join(root, "old")
	os.MkdirAll(old, 0o755)
	os.WriteFile(filepath.Join(old, ManifestName), []byte(`{"generator":"Lanemap","files":["index.html"]}`), 0o644)
	os.WriteFile(filepath.Join(old, "index.html"), []byte("old"), 0o644)
	if _, err := pub(old, libB, false); err != nil {
		t.Fatalf("over an old manifest: %v", err)
	}
	if m, _ := readManifest(old); m.Library != libB {
		t.Errorf("old manifest not claimed: %q", m.Library)
	}
}
