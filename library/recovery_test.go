package library

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestRecoveryAfterCrash(t *testing.T) {
	dir := t.TempDir()
	opt := testOpts(t)
	writeProcess(t, dir, "a.bpmn", process("A", 6))
	writeProcess(t, dir, "b.bpmn", process("B", 6))

	// Session 1 edits two processes, autosaves, and "crashes" (never saves).
	l, err := Open(dir, opt)
	must(t, err)
	da, db := mustLoad(t, l, "a.bpmn"), mustLoad(t, l, "b.bpmn")
	rename(da.Defs, "Node_1", "Osparad A")
	must(t, l.Autosave(da))
	rename(da.Defs, "Node_1", "Osparad A2") // a later autosave replaces the first
	must(t, l.Autosave(da))
	addTask(db.Defs, "Task_ny", "Ny i B")
	must(t, l.Autosave(db))

	// Session 2 finds both and restores them.
	l2, err := Open(dir, opt)
	must(t, err)
	items, err := l2.Recovery().List()
	must(t, err)
	if len(items) != 2 {
		t.Fatalf("%d recovery items, want 2: %+v", len(items), items)
	}
	byPath := map[string]RecoveryItem{}
	for _, it := range items {
		byPath[it.Path] = it
		if it.Library != l2.Dir() || it.Name == "" || it.Saved.IsZero() {
			t.Errorf("item %+v", it)
		}
	}
	ra, err := l2.Recovery().Restore(byPath["a.bpmn"])
	must(t, err)
	if ra.Defs.Node("Node_1").Name != "Osparad A2" {
		t.Fatalf("restored %q", ra.Defs.Node("Node_1").Name)
	}
	// The file is unchanged since the edits began: the restored doc saves.
	must(t, l2.Save(ra))

	// b.bpmn changed on disk after the crash: saving the restored doc is
	// refused, and merging keeps both sides.
	other := mustLoad(t, l2, "b.bpmn")
	rename(other.Defs, "Node_2", "Ändrad av annan")
	must(t, l2.Save(other))
	rb, err := l2.Recovery().Restore(byPath["b.bpmn"])
	must(t, err)
	var ch *ErrChangedOnDisk
	if err := l2.Save(rb); !errors.As(err, &ch) {
		t.Fatalf("Save of stale recovery = %v", err)
	}
	merged, cs, err := l2.MergeDisk(rb)
	must(t, err)
	if len(cs) != 0 {
		t.Fatalf("conflicts %+v", cs)
	}
	must(t, l2.Save(merged))
	final := mustLoad(t, l2, "b.bpmn")
	if final.Defs.Node("Task_ny") == nil || final.Defs.Node("Node_2").Name != "Ändrad av annan" {
		t.Fatal("merge after restore lost an edit")
	}
	// Saves dropped both recovery copies.
	if items, _ := l2.Recovery().List(); len(items) != 0 {
		t.Fatalf("left in recovery: %+v", items)
	}
}

func TestRecoveryDiscardAndBrokenItems(t *testing.T) {
	r, err := OpenRecovery(filepath.Join(t.TempDir(), "rec"))
	must(t, err)
	doc := NewDoc("x.bpmn", process("X", 4))
	must(t, r.Save("/lib", doc))
	// Junk in the folder is ignored, not fatal.
	must(t, os.WriteFile(filepath.Join(r.Dir(), "junk.json"), []byte("{"), 0o600))
	must(t, os.WriteFile(filepath.Join(r.Dir(), "orphan.json"), []byte(`{"key":"orphan"}`), 0o600))
	items, err := r.List()
	must(t, err)
	if len(items) != 1 {
		t.Fatalf("items %+v", items)
	}
	must(t, r.Discard(items[0]))
	if items, _ := r.List(); len(items) != 0 {
		t.Fatalf("after discard %+v", items)
	}
	// Without a key, every copy of that file goes, and only those.
	must(t, r.Save("/lib", NewDoc("x.bpmn", process("X", 4))))
	must(t, r.Save("/lib", NewDoc("x.bpmn", process("X2", 4))))
	must(t, r.Save("/lib", NewDoc("y.bpmn", process("Y", 4))))
	must(t, r.Discard(RecoveryItem{Library: "/lib", Path: "x.bpmn"}))
	if items, _ := r.List(); len(items) != 1 || items[0].Path != "y.bpmn" {
		t.Fatalf("after keyless discard %+v", items)
	}
}
