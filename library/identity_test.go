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
