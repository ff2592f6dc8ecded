package library

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"
)

// TestEnsureIDOnce: the first call makes a random id, later calls (and a
// copy of the folder) read the same one, and the file is never rewritten.
func TestEnsureIDOnce(t *testing.T) {
	dir := t.TempDir()
	if id, err := ReadID(dir); id != "" || err != nil {
		t.Fatalf("ReadID on a library without one = %q, %v", id, err)
	}
	id, created, err := EnsureID(dir)
	must(t, err)
	if !created {
		t.Error("created = false for a new id")
	}
	if u, err := uuid.Parse(id); err != nil || u.Version() != 4 {
		t.Errorf("id %q is not a random UUID: %v", id, err)
	}
	p := filepath.Join(dir, IDFile)
	before, err := os.ReadFile(p)
	must(t, err)
	var f idFile
	must(t, json.Unmarshal(before, &f))
	if f.ID != id || f.Created.IsZero() {
		t.Errorf("file holds %+v, want id %s and a creation time", f, id)
	}
	again, created, err := EnsureID(dir)
	must(t, err)
	if again != id || created {
		t.Errorf("second EnsureID = %q created %v, want %q not created", again, created, id)
	}
	if after, _ := os.ReadFile(p); !bytes.Equal(before, after) {
		t.Error("the id file was rewritten")
	}
	// A copy of the folder is the same library.
	cp := t.TempDir()
	must(t, os.WriteFile(filepath.Join(cp, IDFile), before, 0o644))
	if got, err := ReadID(cp); got != id || err != nil {
		t.Errorf("copy: ReadID = %q, %v, want %q", got, err, id)
	}
	// Two libraries get two ids.
	other, _, err := EnsureID(t.TempDir())
	must(t, err)
	if other == id {
		t.Error("two libraries got the same id")
	}
	// No temp file or commit lock is left beside it.
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("left in the library: %v", ents)
	}
}

// TestEnsureIDConcurrent: many callers at once (two users opening the
// library) agree on one id, made once.
func TestEnsureIDConcurrent(t *testing.T) {
	dir := t.TempDir()
	const n = 8
	ids := make([]string, n)
	made := make([]bool, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ids[i], made[i], errs[i] = EnsureID(dir)
		}()
	}
	wg.Wait()
	count := 0
	for i := range n {
		must(t, errs[i])
		if ids[i] != ids[0] {
			t.Errorf("caller %d got %q, caller 0 %q", i, ids[i], ids[0])
		}
		if made[i] {
			count++
		}
	}
	if count != 1 {
		t.Errorf("the id was made %d times, want once", count)
	}
}

// TestIDDamagedKept: a damaged id file is reported (what and where) and
// never rewritten, so a hand edit or a half-synced copy is not silently
// replaced by a new identity.
func TestIDDamagedKept(t *testing.T) {
	for _, tc := range []struct{ name, content, why string }{
		{"not JSON", "hej", "invalid character"},
		{"empty", "", "unexpected end"},
		{"no id", `{"created":"2026-01-01T00:00:00Z"}`, "no valid id"},
		{"nil id", `{"id":"00000000-0000-0000-0000-000000000000"}`, "no valid id"},
		{"not a UUID", `{"id":"bibliotek-1"}`, "no valid id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, IDFile)
			must(t, os.WriteFile(p, []byte(tc.content), 0o644))
			id, created, err := EnsureID(dir)
			var ie *IDError
			if id != "" || created || !asError(err, &ie) || !ie.Damaged {
				t.Fatalf("EnsureID = %q, %v, %v; want a damaged-file IDError", id, created, err)
			}
			if !strings.Contains(ie.Reason(), tc.why) || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "skadad") ||
				!strings.Contains(Message(err, "en"), "damaged") {
				t.Errorf("messages do not say what and where:\n%s\n%s", err, Message(err, "en"))
			}
			if b, _ := os.ReadFile(p); string(b) != tc.content {
				t.Errorf("the damaged file was rewritten: %q", b)
			}
		})
	}
}

// TestIDCannotCreate: a folder where nothing can be written gives an
// IDError naming the file and the system's reason, and writes nothing. The
// tests run as root, which ignores permission bits, so the folder is one
// that is gone (a share offline); not as root a read-only folder is
// checked too.
func TestIDCannotCreate(t *testing.T) {
	gone := filepath.Join(t.TempDir(), "borta")
	dirs := []string{gone}
	if os.Geteuid() != 0 {
		ro := t.TempDir()
		must(t, os.Chmod(ro, 0o555))
		t.Cleanup(func() { os.Chmod(ro, 0o755) })
		dirs = append(dirs, ro)
	}
	for _, dir := range dirs {
		id, created, err := EnsureID(dir)
		var ie *IDError
		if id != "" || created || !asError(err, &ie) || ie.Damaged {
			t.Fatalf("%s: EnsureID = %q, %v, %v; want an IDError", dir, id, created, err)
		}
		if ie.Path != filepath.Join(dir, IDFile) || ie.Reason() == "" || strings.Contains(ie.Reason(), dir) {
			t.Errorf("%s: path %q, reason %q", dir, ie.Path, ie.Reason())
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 0 {
			t.Errorf("%s: written: %v", dir, ents)
		}
	}
}

// TestIDFileIsNoProcess: the id file never appears in the index, in a
// search, as a change (Refresh is what Watch runs on every event and
// tick) or as something Watch reacts to.
func TestIDFileIsNoProcess(t *testing.T) {
	dir := t.TempDir()
	writeProcess(t, dir, "a.bpmn", process("A", 4))
	l, err := Open(dir, testOpts(t))
	must(t, err)
	id, err := l.EnsureID()
	must(t, err)
	changes, err := l.Refresh()
	must(t, err)
	if len(changes) != 0 {
		t.Errorf("making the id file reported changes: %+v", changes)
	}
	for _, q := range []string{"", "lanemap", "library", "json", id} {
		for _, e := range l.Search(q) {
			if e.Path != "a.bpmn" {
				t.Errorf("search %q lists %s", q, e.Path)
			}
		}
	}
	l2, err := Open(dir, testOpts(t))
	must(t, err)
	if got := names(l2.Entries()); len(got) != 1 || got[0] != "a.bpmn" {
		t.Errorf("a fresh open lists %v", got)
	}
	if relevant(filepath.Join(dir, IDFile)) {
		t.Error("Watch reacts to the id file")
	}
	if got, err := l2.EnsureID(); got != id || err != nil {
		t.Errorf("the library's id changed on reopen: %q, %v", got, err)
	}
}

// TestOpenThroughLink: a library reached through a symbolic link to its
// folder (a share linked into place) lists, saves and reports changes as
// through its real path, with paths under the link.
func TestOpenThroughLink(t *testing.T) {
	root := t.TempDir()
	real := filepath.Join(root, "share")
	writeProcess(t, real, "a.bpmn", process("A", 4))
	writeProcess(t, real, "sub/b.bpmn", process("B", 4))
	link := filepath.Join(root, "mnt")
	must(t, os.Symlink(real, link))
	l, err := Open(link, testOpts(t))
	must(t, err)
	if got := names(l.Entries()); len(got) != 2 || got[0] != "a.bpmn" || got[1] != "sub/b.bpmn" {
		t.Fatalf("through a link: entries %v", got)
	}
	if l.Dir() != link || l.Abs("sub/b.bpmn") != filepath.Join(link, "sub", "b.bpmn") {
		t.Errorf("paths not under the link: %s, %s", l.Dir(), l.Abs("sub/b.bpmn"))
	}
	doc := mustLoad(t, l, "sub/b.bpmn")
	rename(doc.Defs, "Node_1", "Via länken")
	must(t, l.Save(doc))
	writeProcess(t, real, "c.bpmn", process("C", 4))
	changes, err := l.Refresh()
	must(t, err)
	if len(changes) != 1 || changes[0].Path != "c.bpmn" || changes[0].Kind != Added {
		t.Errorf("changes through a link: %+v", changes)
	}
	_, dirs, err := l.walk()
	must(t, err)
	for _, d := range dirs {
		if d != link && !strings.HasPrefix(d, link+string(filepath.Separator)) {
			t.Errorf("watched folder %s is not under the link", d)
		}
	}
}
