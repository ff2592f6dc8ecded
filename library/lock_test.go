package library

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLockExcludesOthers(t *testing.T) {
	dir := t.TempDir()
	writeProcess(t, dir, "p.bpmn", process("P", 4))
	l, err := Open(dir, testOpts(t))
	must(t, err)
	host, _ := os.Hostname()
	anna := Identity{User: "Anna Andersson", Host: host, PID: os.Getpid()}
	bo := Identity{User: "Bo Berg", Host: "annan-dator", PID: 4242}

	lk, err := l.Lock("p.bpmn", anna)
	must(t, err)
	if _, err := os.Stat(filepath.Join(dir, ".p.bpmn.lock")); err != nil {
		t.Fatal("no lock file beside the process")
	}
	_, err = l.Lock("p.bpmn", bo)
	var le *ErrLocked
	if !errors.As(err, &le) || le.User != "Anna Andersson" || le.Since.IsZero() {
		t.Fatalf("second Lock = %v", err)
	}
	if !strings.Contains(err.Error(), "låst av Anna Andersson") || !strings.Contains(err.Error(), "sedan") {
		t.Errorf("swedish: %s", err)
	}
	if !strings.Contains(le.Message("en"), "locked by Anna Andersson") {
		t.Errorf("english: %s", le.Message("en"))
	}
	if info, ok := l.LockInfo("p.bpmn"); !ok || info.User != "Anna Andersson" {
		t.Errorf("LockInfo = %+v %v", info, ok)
	}
	// The holder may lock again (a second window on the same file).
	lk2, err := l.Lock("p.bpmn", anna)
	must(t, err)
	must(t, lk2.Refresh())
	must(t, lk.Unlock())
	if _, ok := l.LockInfo("p.bpmn"); ok {
		t.Fatal("Unlock left the lock file")
	}
	lb, err := l.Lock("p.bpmn", bo)
	must(t, err)
	must(t, lb.Unlock())
}

func TestStaleLocksAreTakenOver(t *testing.T) {
	dir := t.TempDir()
	writeProcess(t, dir, "p.bpmn", process("P", 4))
	opt := testOpts(t)
	opt.StaleLockAge = time.Hour
	l, err := Open(dir, opt)
	must(t, err)
	host, _ := os.Hostname()

	// A process on this host that has exited: its pid is dead.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	must(t, cmd.Run())
	deadPID := cmd.Process.Pid
	tests := []struct {
		name  string
		lock  lockFile
		stale bool
	}{
		{"dead pid on this host", lockFile{User: "Död", Host: host, PID: deadPID, Since: time.Now(), Heartbeat: time.Now(), Token: "a"}, true},
		{"old heartbeat elsewhere", lockFile{User: "Gammal", Host: "annan", PID: 1, Since: time.Now().Add(-3 * time.Hour), Heartbeat: time.Now().Add(-2 * time.Hour), Token: "b"}, true},
		{"live elsewhere", lockFile{User: "Levande", Host: "annan", PID: 1, Since: time.Now(), Heartbeat: time.Now(), Token: "c"}, false},
		{"live pid on this host", lockFile{User: "Jag själv", Host: host, PID: os.Getpid(), Since: time.Now(), Heartbeat: time.Now(), Token: "d"}, false},
	}
	me := Identity{User: "Cecilia", Host: host, PID: 999999999}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, _ := json.Marshal(tc.lock)
			must(t, os.WriteFile(filepath.Join(dir, ".p.bpmn.lock"), data, 0o644))
			lk, err := l.Lock("p.bpmn", me)
			if tc.stale {
				must(t, err)
				if info, _ := l.LockInfo("p.bpmn"); info.User != "Cecilia" {
					t.Fatalf("lock holder %q", info.User)
				}
				must(t, lk.Unlock())
				return
			}
			var le *ErrLocked
			if !errors.As(err, &le) || le.User != tc.lock.User {
				t.Fatalf("Lock = %v", err)
			}
			// The user may break a lock they know is abandoned.
			must(t, l.BreakLock("p.bpmn"))
			lk, err = l.Lock("p.bpmn", me)
			must(t, err)
			must(t, lk.Unlock())
		})
	}
}

func TestTakenOverLockIsNotRemovedByOldHolder(t *testing.T) {
	dir := t.TempDir()
	writeProcess(t, dir, "p.bpmn", process("P", 4))
	l, err := Open(dir, testOpts(t))
	must(t, err)
	a, err := l.Lock("p.bpmn", Identity{User: "A", Host: "h1", PID: 1})
	must(t, err)
	must(t, l.BreakLock("p.bpmn"))
	_, err = l.Lock("p.bpmn", Identity{User: "B", Host: "h2", PID: 2})
	must(t, err)
	var le *ErrLocked
	if err := a.Refresh(); !errors.As(err, &le) || le.User != "B" {
		t.Fatalf("Refresh after takeover = %v", err)
	}
	must(t, a.Unlock())
	if info, ok := l.LockInfo("p.bpmn"); !ok || info.User != "B" {
		t.Fatal("old holder's Unlock removed the new holder's lock")
	}
}

func TestChangedOnDiskNamesLockHolder(t *testing.T) {
	dir := t.TempDir()
	writeProcess(t, dir, "p.bpmn", process("P", 4))
	l, err := Open(dir, testOpts(t))
	must(t, err)
	doc := mustLoad(t, l, "p.bpmn")
	_, err = l.Lock("p.bpmn", Identity{User: "Dana", Host: "h", PID: 1})
	must(t, err)
	writeProcess(t, dir, "p.bpmn", process("Ändrad", 4))
	var ch *ErrChangedOnDisk
	if err := l.Save(doc); !errors.As(err, &ch) || ch.LockedBy != "Dana" || !strings.Contains(err.Error(), "av Dana") {
		t.Fatalf("Save = %v", err)
	}
}

func TestHalfWrittenLockFiles(t *testing.T) {
	dir := t.TempDir()
	writeProcess(t, dir, "p.bpmn", process("P", 4))
	l, err := Open(dir, testOpts(t))
	must(t, err)
	lp := filepath.Join(dir, ".p.bpmn.lock")
	must(t, os.WriteFile(lp, nil, 0o644))
	var le *ErrLocked
	if _, err := l.Lock("p.bpmn", Identity{User: "E", Host: "h", PID: 1}); !errors.As(err, &le) {
		t.Fatalf("a lock file being written must count as held: %v", err)
	}
	age(t, lp)
	lk, err := l.Lock("p.bpmn", Identity{User: "E", Host: "h", PID: 1})
	must(t, err)
	must(t, lk.Unlock())
}

func TestOpenRemovesAbandonedTempFiles(t *testing.T) {
	dir := t.TempDir()
	writeProcess(t, dir, "p.bpmn", process("P", 4))
	old := filepath.Join(dir, ".p.bpmn.tmp-123")
	fresh := filepath.Join(dir, ".p.bpmn.tmp-456")
	must(t, os.WriteFile(old, []byte("<half"), 0o644))
	must(t, os.WriteFile(fresh, []byte("<half"), 0o644))
	age(t, old)
	_, err := Open(dir, testOpts(t))
	must(t, err)
	if _, err := os.Stat(old); err == nil {
		t.Error("abandoned temp file kept")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a temp file that may belong to a running save was removed")
	}
}
