package library

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lanemap/bpmn"
)

func TestSaveRoundTripAndBackups(t *testing.T) {
	dir := t.TempDir()
	opt := testOpts(t)
	opt.Backups = 3
	writeProcess(t, dir, "p.bpmn", process("P", 8))
	l, err := Open(dir, opt)
	must(t, err)
	doc := mustLoad(t, l, "p.bpmn")
	first := doc.ReadHash
	for i := range 5 {
		rename(doc.Defs, "Node_1", "Steg ett v"+string(rune('0'+i)))
		must(t, l.Save(doc))
	}
	again := mustLoad(t, l, "p.bpmn")
	if again.Defs.Node("Node_1").Name != "Steg ett v4" || again.ReadHash != doc.ReadHash || doc.ReadHash == first {
		t.Fatalf("saved name %q; hashes %s %s", again.Defs.Node("Node_1").Name, again.ReadHash, doc.ReadHash)
	}
	bs, _ := l.Backups("p.bpmn")
	if len(bs) != 3 {
		t.Fatalf("%d backups kept, want 3: %v", len(bs), bs)
	}
	// Newest backup is the version before the last save.
	d, _, _, err := bpmn.ReadFile(bs[0])
	must(t, err)
	if d.Node("Node_1").Name != "Steg ett v3" {
		t.Fatalf("newest backup has %q", d.Node("Node_1").Name)
	}
	// The index follows our own save at once.
	if e, _ := l.Entry("p.bpmn"); e.Hash != doc.ReadHash {
		t.Fatal("index not updated by Save")
	}
	// No temp or commit files are left behind.
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if e.Name() != "p.bpmn" && e.Name() != BackupDir {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestSaveRefusesWhenChangedOnDisk(t *testing.T) {
	dir := t.TempDir()
	writeProcess(t, dir, "p.bpmn", process("P", 8))
	l, err := Open(dir, testOpts(t))
	must(t, err)
	mine := mustLoad(t, l, "p.bpmn")
	theirs := mustLoad(t, l, "p.bpmn")
	rename(theirs.Defs, "Node_2", "Deras")
	must(t, l.Save(theirs))
	onDisk, _ := os.ReadFile(filepath.Join(dir, "p.bpmn"))

	rename(mine.Defs, "Node_3", "Min")
	readHash := mine.ReadHash
	err = l.Save(mine)
	var ch *ErrChangedOnDisk
	if !errors.As(err, &ch) {
		t.Fatalf("Save = %v, want ErrChangedOnDisk", err)
	}
	if ch.Path != "p.bpmn" || ch.ReadHash != readHash || ch.DiskHash != theirs.ReadHash || ch.ModTime.IsZero() {
		t.Errorf("details %+v", ch)
	}
	if !strings.Contains(err.Error(), "har ändrats på disken") || !strings.Contains(ch.Message("en"), "merge") {
		t.Errorf("messages: %q / %q", err.Error(), ch.Message("en"))
	}
	after, _ := os.ReadFile(filepath.Join(dir, "p.bpmn"))
	if !bytes.Equal(after, onDisk) {
		t.Fatal("a refused save changed the file")
	}
	if mine.Defs.Node("Node_3").Name != "Min" || mine.ReadHash != readHash {
		t.Fatal("a refused save changed the document")
	}
	// Merge, then save: both edits survive.
	merged, conflicts, err := l.MergeDisk(mine)
	must(t, err)
	if len(conflicts) != 0 {
		t.Fatalf("conflicts %+v", conflicts)
	}
	must(t, l.Save(merged))
	final := mustLoad(t, l, "p.bpmn")
	if final.Defs.Node("Node_2").Name != "Deras" || final.Defs.Node("Node_3").Name != "Min" {
		t.Fatalf("merged file lost an edit: %q %q", final.Defs.Node("Node_2").Name, final.Defs.Node("Node_3").Name)
	}
}

func TestSaveRefusesRemovedAndAppearedFiles(t *testing.T) {
	dir := t.TempDir()
	writeProcess(t, dir, "p.bpmn", process("P", 4))
	l, err := Open(dir, testOpts(t))
	must(t, err)
	doc := mustLoad(t, l, "p.bpmn")
	must(t, os.Remove(filepath.Join(dir, "p.bpmn")))
	var ch *ErrChangedOnDisk
	if err := l.Save(doc); !errors.As(err, &ch) || ch.DiskHash != "" || !strings.Contains(err.Error(), "tagits bort") {
		t.Fatalf("save over removed file: %v", err)
	}
	// A new document refuses to overwrite a file that appeared meanwhile.
	nd := NewDoc("ny.bpmn", process("Ny", 4))
	writeProcess(t, dir, "ny.bpmn", process("Någon annans", 4))
	if err := l.Save(nd); !errors.As(err, &ch) {
		t.Fatalf("save over appeared file: %v", err)
	}
	// Keep mine as a copy.
	must(t, l.SaveAs(doc, l.CopyName("p.bpmn")))
	if doc.Path != "p (kopia).bpmn" {
		t.Fatalf("copy path %q", doc.Path)
	}
	writeProcess(t, dir, "p.bpmn", process("P", 4))
	if got := l.CopyName("p (kopia).bpmn"); got != "p (kopia) (kopia).bpmn" {
		t.Errorf("CopyName = %q", got)
	}
	if got := l.CopyName("p.bpmn"); got != "p (kopia 2).bpmn" {
		t.Errorf("CopyName = %q", got)
	}
}

// failingWriter fails every write with err, after writing nothing.
type failingWriter struct{ err error }

func (f failingWriter) Write([]byte) (int, error) { return 0, f.err }

// TestSaveFaults injects file-system errors. The tests run as root here,
// and root ignores permission bits, so "read-only folder" and "disk full"
// come from a failing writer hook rather than chmod or a full disk; the
// vanished folder is real.
func TestSaveFaults(t *testing.T) {
	tests := []struct {
		name    string
		hook    func(io.Writer) io.Writer
		setup   func(dir string)
		kind    Kind
		sv, en  string
		missing bool // the file is gone (folder removed) rather than kept
	}{
		{name: "read-only folder", hook: func(io.Writer) io.Writer { return failingWriter{fs.ErrPermission} },
			kind: KindPermission, sv: "saknar behörighet", en: "no permission"},
		{name: "disk full", hook: func(io.Writer) io.Writer { return failingWriter{errDiskFullInjected} },
			kind: KindDiskFull, sv: "disken är full", en: "disk is full"},
		{name: "folder vanished", setup: func(dir string) { must(t, os.RemoveAll(filepath.Join(dir, "sub"))) },
			kind: KindFolderGone, sv: "går inte att nå", en: "cannot be reached", missing: true},
	}
	if os.Geteuid() != 0 {
		// Not root: a real read-only folder works too.
		tests = append(tests, struct {
			name    string
			hook    func(io.Writer) io.Writer
			setup   func(dir string)
			kind    Kind
			sv, en  string
			missing bool
		}{name: "chmod read-only folder", setup: func(dir string) {
			sub := filepath.Join(dir, "sub")
			must(t, os.Chmod(sub, 0o555))
			t.Cleanup(func() { os.Chmod(sub, 0o755) })
		}, kind: KindPermission, sv: "saknar behörighet", en: "no permission"})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			opt := testOpts(t)
			writeProcess(t, dir, "sub/p.bpmn", process("P", 6))
			l, err := Open(dir, opt)
			must(t, err)
			doc := mustLoad(t, l, "sub/p.bpmn")
			before, _ := os.ReadFile(filepath.Join(dir, "sub", "p.bpmn"))
			rename(doc.Defs, "Node_1", "Osparat arbete")
			must(t, l.Autosave(doc))
			l.writeHook = tc.hook
			if tc.setup != nil {
				tc.setup(dir)
			}
			err = l.Save(doc)
			var le *Error
			if !errors.As(err, &le) || le.Kind != tc.kind {
				t.Fatalf("Save = %v (%T), want kind %d", err, err, tc.kind)
			}
			if !strings.Contains(err.Error(), tc.sv) || !strings.Contains(Message(err, "en"), tc.en) {
				t.Errorf("messages:\n%s\n%s", err.Error(), Message(err, "en"))
			}
			if doc.Defs.Node("Node_1").Name != "Osparat arbete" {
				t.Error("the document in memory lost the edit")
			}
			after, rerr := os.ReadFile(filepath.Join(dir, "sub", "p.bpmn"))
			if tc.missing != (rerr != nil) || !tc.missing && !bytes.Equal(before, after) {
				t.Error("the file on disk was changed by a failed save")
			}
			items, _ := l.Recovery().List()
			if len(items) != 1 || items[0].Path != "sub/p.bpmn" {
				t.Fatalf("recovery holds %+v", items)
			}
			rd, err := l.Recovery().Restore(items[0])
			must(t, err)
			if rd.Defs.Node("Node_1").Name != "Osparat arbete" {
				t.Error("recovery copy lacks the edit")
			}
			if !tc.missing {
				ents, _ := os.ReadDir(filepath.Join(dir, "sub"))
				for _, e := range ents {
					if strings.Contains(e.Name(), ".tmp-") {
						t.Errorf("temp file left: %s", e.Name())
					}
				}
				// Once the fault is gone the same document saves.
				l.writeHook = nil
				os.Chmod(filepath.Join(dir, "sub"), 0o755)
				must(t, l.Save(doc))
				if items, _ := l.Recovery().List(); len(items) != 0 {
					t.Error("recovery copy not dropped after a good save")
				}
			}
		})
	}
}

func TestLoadNotBPMN(t *testing.T) {
	dir := t.TempDir()
	writeProcess(t, dir, "p.bpmn", process("P", 4))
	l, err := Open(dir, testOpts(t))
	must(t, err)
	open := mustLoad(t, l, "p.bpmn")
	rename(open.Defs, "Node_1", "Mitt arbete")
	must(t, os.WriteFile(filepath.Join(dir, "p.bpmn"), []byte("PK\x03\x04 this is a zip"), 0o644))
	_, err = l.Load("p.bpmn")
	var le *Error
	if !errors.As(err, &le) || le.Kind != KindNotBPMN || !strings.Contains(err.Error(), "inte (längre) en BPMN-fil") {
		t.Fatalf("Load = %v", err)
	}
	if !strings.Contains(Message(err, "en"), "not a BPMN file") {
		t.Errorf("english: %s", Message(err, "en"))
	}
	// The open document is not saved over the foreign file, and merging
	// with it says what is wrong; keeping mine as a copy works.
	var ch *ErrChangedOnDisk
	if err := l.Save(open); !errors.As(err, &ch) {
		t.Fatalf("Save over replaced file = %v", err)
	}
	if _, _, err := l.MergeDisk(open); !errors.As(err, &le) || le.Kind != KindNotBPMN {
		t.Fatalf("MergeDisk = %v", err)
	}
	must(t, l.SaveAs(open, l.CopyName("p.bpmn")))
	if got := mustLoad(t, l, open.Path); got.Defs.Node("Node_1").Name != "Mitt arbete" {
		t.Fatal("copy lacks the edit")
	}
}

func TestChangeAffects(t *testing.T) {
	doc := &Doc{Path: "a.bpmn", ReadHash: "h1"}
	tests := []struct {
		c    Change
		want bool
	}{
		{Change{Path: "a.bpmn", Kind: Modified, Entry: Entry{Hash: "h2"}}, true},
		{Change{Path: "a.bpmn", Kind: Modified, Entry: Entry{Hash: "h1"}}, false}, // already what doc holds
		{Change{Path: "a.bpmn", Kind: Removed, Entry: Entry{Hash: "h1"}}, true},
		{Change{Path: "b.bpmn", Kind: Modified, Entry: Entry{Hash: "h2"}}, false},
	}
	for _, tc := range tests {
		if got := tc.c.Affects(doc); got != tc.want {
			t.Errorf("%+v.Affects = %v", tc.c, got)
		}
	}
}

func TestSaveKeepsForeignContent(t *testing.T) {
	dir := t.TempDir()
	src := `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:vendor="urn:vendor" id="D" targetNamespace="urn:x">
  <!-- a comment other tools wrote -->
  <bpmn:process id="P" name="Process" vendor:flag="keep">
    <bpmn:task id="T" name="Steg" />
  </bpmn:process>
</bpmn:definitions>
`
	must(t, os.WriteFile(filepath.Join(dir, "f.bpmn"), []byte(src), 0o644))
	l, err := Open(dir, testOpts(t))
	must(t, err)
	doc := mustLoad(t, l, "f.bpmn")
	rename(doc.Defs, "T", "Nytt steg")
	must(t, l.Save(doc))
	got, _ := os.ReadFile(filepath.Join(dir, "f.bpmn"))
	for _, want := range []string{"<!-- a comment other tools wrote -->", `vendor:flag="keep"`, `name="Nytt steg"`} {
		if !strings.Contains(string(got), want) {
			t.Errorf("saved file lacks %s:\n%s", want, got)
		}
	}
}

func TestNewDocInNewFolder(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "lib")
	must(t, os.Mkdir(dir, 0o755))
	l, err := Open(dir, testOpts(t))
	must(t, err)
	doc := NewDoc("barn och unga/ny process.bpmn", process("Ny", 4))
	must(t, l.Save(doc))
	if e, ok := l.Entry("barn och unga/ny process.bpmn"); !ok || e.Name != "Ny" {
		t.Fatalf("entry %+v %v", e, ok)
	}
	// With the library itself gone, nothing is recreated.
	must(t, os.RemoveAll(dir))
	err = l.Save(NewDoc("annan/x.bpmn", process("X", 4)))
	var le *Error
	if !errors.As(err, &le) || le.Kind != KindFolderGone {
		t.Fatalf("Save into vanished library = %v", err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Fatal("the vanished library folder was recreated")
	}
}

// TestCheckIsRightBeforeRename: someone saves while our temp file is
// already written; the check still catches it, and their file stays.
func TestCheckIsRightBeforeRename(t *testing.T) {
	dir := t.TempDir()
	writeProcess(t, dir, "p.bpmn", process("P", 6))
	l, err := Open(dir, testOpts(t))
	must(t, err)
	doc := mustLoad(t, l, "p.bpmn")
	rename(doc.Defs, "Node_1", "Min")
	other := process("Deras", 6)
	l.beforeRenameHook = func() { writeProcess(t, dir, "p.bpmn", other) }
	var ch *ErrChangedOnDisk
	if err := l.Save(doc); !errors.As(err, &ch) {
		t.Fatalf("Save = %v", err)
	}
	d, _, _, err := bpmn.ReadFile(filepath.Join(dir, "p.bpmn"))
	must(t, err)
	if d.Collaborations[0].Name != "Deras" {
		t.Fatal("their save was overwritten")
	}
	if bs, _ := l.Backups("p.bpmn"); len(bs) != 0 {
		t.Errorf("a refused save left a backup: %v", bs)
	}
}

func TestNewDocNameTakenMessage(t *testing.T) {
	e := &ErrChangedOnDisk{Path: "ny.bpmn", DiskHash: "x"}
	if !strings.Contains(e.Error(), "finns redan") || !strings.Contains(e.Message("en"), "already exists") {
		t.Fatalf("%s / %s", e.Error(), e.Message("en"))
	}
}
