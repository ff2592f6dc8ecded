package site

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"lanemap/library"
)

// exampleLibrary writes the bundled examples' process files into a new
// folder under root and returns it.
func exampleLibrary(t *testing.T, root, name string) string {
	t.Helper()
	src := filepath.Join("..", "..", "examples")
	dir := filepath.Join(root, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".bpmn") {
			b, err := os.ReadFile(filepath.Join(src, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// copyDir copies a library folder's files, hidden ones included, as a
// file manager copying a share does.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.Type().IsRegular() {
			b, _ := os.ReadFile(filepath.Join(from, e.Name()))
			if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// publishDir publishes the library in dir (drafts included, so every
// example has a page) into out.
func publishDir(dir, out string, force bool) (Report, error) {
	lib, err := library.Open(dir, library.Options{NoCache: true})
	if err != nil {
		return Report{}, err
	}
	return Publish(context.Background(), lib, out, Options{NoPDF: true, Drafts: true, Force: force})
}

func mustPublish(t *testing.T, dir, out string) Report {
	t.Helper()
	rep, err := publishDir(dir, out, false)
	if err != nil {
		t.Fatalf("publish %s: %v", dir, err)
	}
	return rep
}

func mustManifest(t *testing.T, out string) manifest {
	t.Helper()
	m, err := readManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// checkIncremental fails unless rep, a re-publication of what first
// published, wrote nothing and took every process page from disk.
func checkIncremental(t *testing.T, first, rep Report) {
	t.Helper()
	reused := map[string]bool{}
	for _, r := range rep.Reused {
		reused[r] = true
	}
	missed := 0
	for _, p := range first.Published {
		if !reused[p.Page] {
			missed++
		}
	}
	if len(rep.Written) != 0 || missed != 0 || len(rep.Published) != len(first.Published) {
		t.Errorf("not incremental: %d of %d published, %d written (%v), %d process pages rendered again",
			len(rep.Published), len(first.Published), len(rep.Written), rep.Written, missed)
	}
}

// noteKeys lists the keys of a report's notes.
func noteKeys(rep Report) []string {
	var out []string
	for _, n := range rep.infos {
		out = append(out, n.key)
	}
	return out
}

// TestSameLibraryOtherPath: the same library reached by another path (a
// link, as another mount of a share is; a copy of the folder; the folder
// moved) publishes into its site without Force, re-publishing stays
// incremental, the manifest follows the new path, and the report says
// where the site was last published from when that differs.
func TestSameLibraryOtherPath(t *testing.T) {
	for _, tc := range []struct {
		name string
		// other makes the second path from the first; ok false means
		// the system cannot make it (no symbolic links).
		other func(t *testing.T, root, lib string) (string, bool)
		note  string // the note expected, "" = none
	}{
		{"link", func(t *testing.T, root, lib string) (string, bool) {
			p := filepath.Join(root, "mnt", "share")
			os.MkdirAll(filepath.Dir(p), 0o755)
			return p, os.Symlink(lib, p) == nil
		}, ""},
		{"copy", func(t *testing.T, root, lib string) (string, bool) {
			p := filepath.Join(root, "kopia")
			copyDir(t, lib, p)
			return p, true
		}, "note.libcopy"},
		{"moved", func(t *testing.T, root, lib string) (string, bool) {
			p := filepath.Join(root, "flyttad")
			return p, os.Rename(lib, p) == nil
		}, "note.libmoved"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			lib := exampleLibrary(t, root, "bibliotek")
			out := filepath.Join(root, "webb")
			first := mustPublish(t, lib, out)
			id, err := library.ReadID(lib)
			if err != nil || id == "" || first.LibraryID != id {
				t.Fatalf("the first publication made no id: file %q (%v), report %q", id, err, first.LibraryID)
			}
			if m := mustManifest(t, out); m.LibraryID != id || m.Library != lib {
				t.Fatalf("manifest records %q at %q, want %q at %q", m.LibraryID, m.Library, id, lib)
			}
			if len(first.Notes) != 0 {
				t.Errorf("first publication notes %q", first.Notes)
			}
			other, ok := tc.other(t, root, lib)
			if !ok {
				t.Fatalf("cannot make the second path %s on this system", other)
			}
			if err := CheckTargets(out, Options{NoPDF: true, Library: other}); err != nil {
				t.Fatalf("CheckTargets from %s: %v", other, err)
			}
			rep, err := publishDir(other, out, false)
			if err != nil {
				t.Fatalf("publish from %s: %v", other, err)
			}
			checkIncremental(t, first, rep)
			if m := mustManifest(t, out); m.LibraryID != id || m.Library != cleanAbs(other) {
				t.Errorf("manifest records %q at %q, want %q at %q", m.LibraryID, m.Library, id, other)
			}
			keys := noteKeys(rep)
			switch {
			case tc.note == "" && len(keys) != 0:
				t.Errorf("notes %q", rep.Notes)
			case tc.note != "" && (len(keys) != 1 || keys[0] != tc.note):
				t.Errorf("notes %q, want %s", keys, tc.note)
			case tc.note != "":
				for _, lang := range []string{Swedish, English} {
					s := rep.Summary(lang, out)
					if !strings.Contains(s, lib) || !strings.Contains(s, cleanAbs(other)) {
						t.Errorf("%s summary does not name both folders:\n%s", lang, s)
					}
				}
			}
		})
	}
}

// TestOtherLibraryRefused: a different library (its own id, another
// folder) is refused without Force, also when it is a copy of the files
// that lost the hidden id file; nothing is written and no id file is made
// for a refused publication. Forced, it replaces the site, renders every
// page afresh (nothing reused from another library's site) and the
// manifest names it.
func TestOtherLibraryRefused(t *testing.T) {
	root := t.TempDir()
	libA := exampleLibrary(t, root, "A")
	out := filepath.Join(root, "webb")
	mustPublish(t, libA, out)
	before := mustManifest(t, out)
	libB := exampleLibrary(t, root, "B") // same files, no id file
	for _, opts := range []Options{{NoPDF: true, Library: libB}} {
		err := CheckTargets(out, opts)
		var oe *OutputError
		if !errors.As(err, &oe) || oe.Problem != OutputOtherLibrary || oe.Library != libA {
			t.Fatalf("CheckTargets for B: %v, want OutputOtherLibrary naming %s", err, libA)
		}
	}
	_, err := publishDir(libB, out, false)
	var oe *OutputError
	if !errors.As(err, &oe) || oe.Problem != OutputOtherLibrary {
		t.Fatalf("B into A's site: %v", err)
	}
	if !strings.Contains(err.Error(), "another library") || !strings.Contains(err.Error(), libA) {
		t.Errorf("message: %v", err)
	}
	if _, err := os.Stat(filepath.Join(libB, library.IDFile)); err == nil {
		t.Error("a refused publication made an id file")
	}
	if m := mustManifest(t, out); m.LibraryID != before.LibraryID || m.Library != before.Library {
		t.Error("the manifest changed")
	}
	// B with an id of its own: still another library.
	if _, _, err := library.EnsureID(libB); err != nil {
		t.Fatal(err)
	}
	if _, err := publishDir(libB, out, false); !errors.As(err, &oe) || oe.Problem != OutputOtherLibrary {
		t.Fatalf("B with an id into A's site: %v", err)
	}
	rep, err := publishDir(libB, out, true)
	if err != nil {
		t.Fatalf("forced: %v", err)
	}
	if len(rep.Reused) != 0 || len(rep.Notes) != 0 {
		t.Errorf("forced over another library: %d pages reused, notes %q", len(rep.Reused), rep.Notes)
	}
	idB, _ := library.ReadID(libB)
	if m := mustManifest(t, out); m.LibraryID != idB || m.Library != libB {
		t.Errorf("after Force the manifest records %q at %q, want %q at %q", m.LibraryID, m.Library, idB, libB)
	}
	// A is now the other library.
	if _, err := publishDir(libA, out, false); !errors.As(err, &oe) || oe.Problem != OutputOtherLibrary || oe.Library != libB {
		t.Errorf("A back into B's site: %v", err)
	}
}

// stripID rewrites out's manifest as the version before ids wrote it:
// the library's folder only.
func stripID(t *testing.T, out string) {
	t.Helper()
	p := filepath.Join(out, ManifestName)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	if _, ok := raw["libraryId"]; !ok {
		t.Fatalf("manifest has no libraryId: %s", b)
	}
	delete(raw, "libraryId")
	b, _ = json.Marshal(raw)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestOldManifestUpgrades: a manifest that names the library by its folder
// only (as the version before ids wrote it) is accepted from that folder
// without Force, kept incremental, and upgraded to the id; from another
// folder it is refused, as before.
func TestOldManifestUpgrades(t *testing.T) {
	root := t.TempDir()
	lib := exampleLibrary(t, root, "bibliotek")
	out := filepath.Join(root, "webb")
	first := mustPublish(t, lib, out)
	// Back to before ids: no id file, a manifest with the folder only.
	if err := os.Remove(filepath.Join(lib, library.IDFile)); err != nil {
		t.Fatal(err)
	}
	stripID(t, out)

	other := filepath.Join(root, "kopia")
	copyDir(t, lib, other)
	var oe *OutputError
	if _, err := publishDir(other, out, false); !errors.As(err, &oe) || oe.Problem != OutputOtherLibrary {
		t.Fatalf("another folder over an old manifest: %v", err)
	}

	rep := mustPublish(t, lib, out)
	id, _ := library.ReadID(lib)
	if id == "" || rep.LibraryID != id {
		t.Fatalf("no id made: %q, report %q", id, rep.LibraryID)
	}
	checkIncremental(t, first, rep)
	if len(rep.Notes) != 0 {
		t.Errorf("upgrade notes %q", rep.Notes)
	}
	if m := mustManifest(t, out); m.LibraryID != id || m.Library != lib {
		t.Errorf("not upgraded: %q at %q", m.LibraryID, m.Library)
	}
	// Upgraded, a copy made now (with the id) is the same library.
	copyDir(t, lib, filepath.Join(root, "kopia2"))
	if _, err := publishDir(filepath.Join(root, "kopia2"), out, false); err != nil {
		t.Errorf("a copy after the upgrade: %v", err)
	}
}

// readOnlyID makes ensureID act as on a library nobody may write in, as
// library.EnsureID reports it, for the rest of the test.
func readOnlyID(t *testing.T) {
	t.Helper()
	orig := ensureID
	ensureID = func(dir string) (string, bool, error) {
		if id, err := library.ReadID(dir); id != "" || err != nil {
			return id, false, err
		}
		p := filepath.Join(dir, library.IDFile)
		return "", false, &library.IDError{Path: p, Err: &fs.PathError{Op: "open", Path: p, Err: syscall.EACCES}}
	}
	t.Cleanup(func() { ensureID = orig })
}

// TestReadOnlyLibraryFallsBack: a library that cannot be given an id
// publishes, known by its folder, and the summary says so in its
// language; the same folder by a link is still accepted, another folder
// is not. The tests run as root (permission bits do not stop root), so the
// read-only folder is acted out; not as root a chmod-ed folder is used.
func TestReadOnlyLibraryFallsBack(t *testing.T) {
	root := t.TempDir()
	lib := exampleLibrary(t, root, "bibliotek")
	if os.Geteuid() == 0 {
		readOnlyID(t)
	} else {
		if err := os.Chmod(lib, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(lib, 0o755) })
	}
	out := filepath.Join(root, "webb")
	rep := mustPublish(t, lib, out)
	if rep.LibraryID != "" || len(rep.Published) == 0 {
		t.Fatalf("report: id %q, %d published", rep.LibraryID, len(rep.Published))
	}
	if keys := noteKeys(rep); len(keys) != 1 || keys[0] != "note.idreadonly" {
		t.Fatalf("notes %q", keys)
	}
	for lang, want := range map[string][]string{
		Swedish: {"Obs: biblioteket kunde inte få någon identitetsfil", library.IDFile, "permission denied", "mappen " + lib, "--force"},
		English: {"Note: the library could not be given an identity file", library.IDFile, "permission denied", "its folder " + lib, "--force"},
	} {
		s := rep.Summary(lang, out)
		for _, w := range want {
			if !strings.Contains(s, w) {
				t.Errorf("%s summary lacks %q:\n%s", lang, w, s)
			}
		}
	}
	if s := rep.Summary(Swedish, out); !strings.Contains(s, "Obs: "+rep.Notes[0]+"\n") {
		t.Errorf("Notes (the site's language, Swedish) %q differ from the Swedish summary's:\n%s", rep.Notes[0], s)
	}
	if _, err := os.Stat(filepath.Join(lib, library.IDFile)); err == nil {
		t.Error("an id file was written")
	}
	if m := mustManifest(t, out); m.LibraryID != "" || m.Library != lib {
		t.Errorf("manifest records %q at %q, want no id at %q", m.LibraryID, m.Library, lib)
	}
	// Known by its folder: the same folder by a link is accepted,
	// a copy elsewhere is not.
	link := filepath.Join(root, "lank")
	if err := os.Symlink(lib, link); err != nil {
		t.Fatal(err)
	}
	if _, err := publishDir(link, out, false); err != nil {
		t.Errorf("through a link: %v", err)
	}
	cp := filepath.Join(root, "kopia")
	copyDir(t, lib, cp)
	var oe *OutputError
	if _, err := publishDir(cp, out, false); !errors.As(err, &oe) || oe.Problem != OutputOtherLibrary {
		t.Errorf("a copy of a library without an id: %v", err)
	}
}

// TestReadOnlyKeepsSiteID: a library whose id file cannot be made (now
// read-only, its id file lost) still owns its site by folder, and the
// manifest keeps the id the site had.
func TestReadOnlyKeepsSiteID(t *testing.T) {
	root := t.TempDir()
	lib := exampleLibrary(t, root, "bibliotek")
	out := filepath.Join(root, "webb")
	first := mustPublish(t, lib, out)
	os.Remove(filepath.Join(lib, library.IDFile))
	readOnlyID(t)
	rep := mustPublish(t, lib, out)
	if m := mustManifest(t, out); m.LibraryID != first.LibraryID || rep.LibraryID != first.LibraryID {
		t.Errorf("manifest id %q, report %q, want the site's %q kept", m.LibraryID, rep.LibraryID, first.LibraryID)
	}
}

// TestIDFileProblems: a damaged id file is left alone and the library is
// known by its folder, with a note; an id file made anew (the old one
// deleted) is taken by the site of the same folder, with a note.
func TestIDFileProblems(t *testing.T) {
	root := t.TempDir()
	lib := exampleLibrary(t, root, "bibliotek")
	out := filepath.Join(root, "webb")
	first := mustPublish(t, lib, out)

	p := filepath.Join(lib, library.IDFile)
	os.Remove(p)
	rep := mustPublish(t, lib, out)
	if keys := noteKeys(rep); len(keys) != 1 || keys[0] != "note.libnewid" {
		t.Errorf("new id: notes %q", keys)
	}
	if rep.LibraryID == first.LibraryID || rep.LibraryID == "" || mustManifest(t, out).LibraryID != rep.LibraryID {
		t.Errorf("new id %q (was %q) not recorded", rep.LibraryID, first.LibraryID)
	}

	os.WriteFile(p, []byte("{trasig"), 0o644)
	rep = mustPublish(t, lib, out)
	if keys := noteKeys(rep); len(keys) != 1 || keys[0] != "note.iddamaged" {
		t.Errorf("damaged: notes %q", keys)
	}
	if b, _ := os.ReadFile(p); string(b) != "{trasig" {
		t.Error("the damaged id file was rewritten")
	}
	if s := rep.Summary(English, out); !strings.Contains(s, "is damaged") || !strings.Contains(s, p) {
		t.Errorf("summary:\n%s", s)
	}
}

// TestCheckTargetsMakesNoID: checking before publishing only reads the
// id file; it is made by the publication.
func TestCheckTargetsMakesNoID(t *testing.T) {
	root := t.TempDir()
	lib := exampleLibrary(t, root, "bibliotek")
	if err := CheckTargets(filepath.Join(root, "webb"), Options{Library: lib}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(lib, library.IDFile)); err == nil {
		t.Error("CheckTargets made the id file")
	}
}
