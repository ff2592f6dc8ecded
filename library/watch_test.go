package library

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestWatchSeesOthersNotOwnWrites(t *testing.T) {
	for _, tc := range []struct {
		name     string
		noNotify bool
		poll     time.Duration
	}{
		// Polling alone, as on an SMB/NFS share.
		{"polling only", true, 20 * time.Millisecond},
		// fsnotify alone: polling slower than the wait bound.
		{"fsnotify", false, time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeProcess(t, dir, "a.bpmn", process("A", 4))
			writeProcess(t, dir, "sub/b.bpmn", process("B", 4))
			opt := testOpts(t)
			opt.NoFSNotify, opt.PollInterval = tc.noNotify, tc.poll
			l, err := Open(dir, opt)
			must(t, err)
			ch := make(chan []Change, 16)
			stop := l.Watch(func(c []Change) { ch <- c })
			defer stop()

			// Our own save is not reported.
			doc := mustLoad(t, l, "a.bpmn")
			rename(doc.Defs, "Node_1", "Eget")
			must(t, l.Save(doc))
			// Someone else's edit, addition and removal are.
			writeProcess(t, dir, "sub/b.bpmn", process("B ändrad", 4))
			c := waitChange(t, ch, "sub/b.bpmn")
			if c.Kind != Modified || c.Entry.Name != "B ändrad" {
				t.Fatalf("change %+v", c)
			}
			writeProcess(t, dir, "sub/new/c.bpmn", process("C", 4))
			if c := waitChange(t, ch, "sub/new/c.bpmn"); c.Kind != Added {
				t.Fatalf("change %+v", c)
			}
			must(t, os.Remove(filepath.Join(dir, "sub", "b.bpmn")))
			if c := waitChange(t, ch, "sub/b.bpmn"); c.Kind != Removed {
				t.Fatalf("change %+v", c)
			}
			stop()
			close(ch)
			for cs := range ch {
				for _, c := range cs {
					if c.Path == "a.bpmn" {
						t.Errorf("own write reported: %+v", c)
					}
				}
			}
		})
	}
}

// TestPollSeesSameSizeSameSecondRewrite covers coarse share timestamps: a
// loaded file rewritten with the same size and modification time is still
// noticed, because loaded files are hashed on every poll.
func TestPollSeesSameSizeSameSecondRewrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.bpmn")
	writeProcess(t, dir, "a.bpmn", process("Alfa", 4))
	age(t, p)
	l, err := Open(dir, testOpts(t))
	must(t, err)
	doc := mustLoad(t, l, "a.bpmn")
	fi, _ := os.Stat(p)
	data, _ := os.ReadFile(p)
	must(t, os.WriteFile(p, []byte(replaceOnce(string(data), "Alfa", "Beta")), 0o644))
	must(t, os.Chtimes(p, fi.ModTime(), fi.ModTime()))
	cs, err := l.Refresh()
	must(t, err)
	if len(cs) != 1 || cs[0].Kind != Modified || cs[0].Entry.Name != "Beta" {
		t.Fatalf("changes %+v", cs)
	}
	if changed, _, err := l.DiskState(doc); err != nil || !changed {
		t.Fatalf("DiskState = %v %v", changed, err)
	}
	// Closed, the same trick goes unseen until the time or size moves:
	// that is the documented cost of not hashing every file on every poll.
	l.Close(doc)
	must(t, os.WriteFile(p, data, 0o644))
	must(t, os.Chtimes(p, fi.ModTime(), fi.ModTime()))
	if cs, _ := l.Refresh(); len(cs) != 0 {
		t.Fatalf("closed file hashed anyway: %+v", cs)
	}
}

func replaceOnce(s, old, new string) string {
	for i := 0; i+len(old) <= len(s); i++ {
		if s[i:i+len(old)] == old {
			return s[:i] + new + s[i+len(old):]
		}
	}
	return s
}

// TestSaveDuringScanIsNotReported saves while a scan is between reading
// the files and updating the index: the scan read the old version, but
// must neither report our own save nor roll the index back.
func TestSaveDuringScanIsNotReported(t *testing.T) {
	dir := t.TempDir()
	writeProcess(t, dir, "a.bpmn", process("A", 4))
	l, err := Open(dir, testOpts(t))
	must(t, err)
	doc := mustLoad(t, l, "a.bpmn")
	rename(doc.Defs, "Node_1", "Sparad under skanning")
	l.scanHook = func() {
		l.scanHook = nil
		must(t, l.Save(doc))
	}
	cs, err := l.Refresh()
	must(t, err)
	if len(cs) != 0 {
		t.Fatalf("own save reported: %+v", cs)
	}
	if e, _ := l.Entry("a.bpmn"); e.Hash != doc.ReadHash {
		t.Fatal("the scan rolled the index back to the old version")
	}
	if cs, _ := l.Refresh(); len(cs) != 0 {
		t.Fatalf("next scan reported: %+v", cs)
	}
}

func TestWatchReportsUnreachableFolder(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "share")
	writeProcess(t, dir, "a.bpmn", process("A", 4))
	opt := testOpts(t)
	opt.NoFSNotify = true
	errs := make(chan error, 4)
	opt.OnWatchError = func(err error) { errs <- err }
	l, err := Open(dir, opt)
	must(t, err)
	stop := l.Watch(func([]Change) { t.Error("an unreachable folder must not look emptied") })
	defer stop()
	// The share goes away...
	must(t, os.Rename(dir, dir+".offline"))
	select {
	case err := <-errs:
		var le *Error
		if !asError(err, &le) || le.Kind != KindFolderGone {
			t.Fatalf("watch error %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no watch error")
	}
	if len(l.Entries()) != 1 {
		t.Fatal("index emptied while offline")
	}
	// ...and comes back.
	must(t, os.Rename(dir+".offline", dir))
	select {
	case err := <-errs:
		if err != nil {
			t.Fatalf("want nil on recovery, got %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no recovery notice")
	}
}
