package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lanemap/bpmn"
	"lanemap/library"
)

// otherUserSaves changes the file on disk as a colleague's Lanemap would.
func otherUserSaves(t *testing.T, path string, change func(l *library.Library, d *library.Doc)) {
	t.Helper()
	l, err := library.Open(filepath.Dir(path), library.Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	d, err := l.Load(filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	change(l, d)
	if err := l.Save(d); err != nil {
		t.Fatal(err)
	}
	l.Close(d)
}

func TestLockHeldWhileOpen(t *testing.T) {
	a, dir := openApp(t, "lex-sarah.bpmn")
	lock := filepath.Join(dir, ".lex-sarah.bpmn.lock")
	if _, err := os.Stat(lock); err != nil {
		t.Fatalf("no lock file while the process is open: %v", err)
	}
	a.switchTo(filepath.Join(dir, "lss-ansokan.bpmn"))
	if _, err := os.Stat(lock); !os.IsNotExist(err) {
		t.Errorf("lock kept after switching away: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".lss-ansokan.bpmn.lock")); err != nil {
		t.Errorf("no lock on the new process: %v", err)
	}
}

func TestSaveConflictMerges(t *testing.T) {
	a, dir := openApp(t, "lex-sarah.bpmn")
	path := filepath.Join(dir, "lex-sarah.bpmn")
	mine := firstNode(t, a.doc.defs, isTask)
	if err := a.doc.sess.Rename(mine.ID, "Min ändring"); err != nil {
		t.Fatal(err)
	}
	otherUserSaves(t, path, func(_ *library.Library, d *library.Doc) {
		d.Defs.Meta.Owner = "Någon annan"
		d.Defs.Touch()
	})
	a.save(nil)
	if a.conflict == nil {
		t.Fatal("saving over someone else's version did not ask")
	}
	if got, _ := os.ReadFile(path); strings.Contains(string(got), "Min ändring") {
		t.Fatal("the conflicting save wrote the file anyway")
	}
	test.Tap(a.conflictButtons["merge"])
	d, _, _, err := bpmn.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := d.Node(mine.ID); n == nil || n.Name != "Min ändring" {
		t.Errorf("merged file lost my rename: %+v", n)
	}
	if d.Meta.Owner != "Någon annan" {
		t.Errorf("merged file lost their owner: %q", d.Meta.Owner)
	}
	if a.Dirty() {
		t.Error("still dirty after merge and save")
	}
}

func TestSaveConflictKeepsCopy(t *testing.T) {
	a, dir := openApp(t, "lex-sarah.bpmn")
	path := filepath.Join(dir, "lex-sarah.bpmn")
	mine := firstNode(t, a.doc.defs, isTask)
	a.doc.sess.Rename(mine.ID, "Min version")
	otherUserSaves(t, path, func(_ *library.Library, d *library.Doc) { d.Defs.Meta.Version = "9.9" })
	a.save(nil)
	test.Tap(a.conflictButtons["copy"])
	if a.doc.path == path || !strings.Contains(filepath.Base(a.doc.path), "kopia") {
		t.Fatalf("open process is %s, want the copy", a.doc.path)
	}
	d, _, _, err := bpmn.ReadFile(a.doc.path)
	if err != nil {
		t.Fatal(err)
	}
	if n := d.Node(mine.ID); n == nil || n.Name != "Min version" {
		t.Error("the copy lacks my change")
	}
	theirs, _, _, _ := bpmn.ReadFile(path)
	if theirs.Meta.Version != "9.9" {
		t.Error("their file was touched")
	}
}

func TestChangedOnDiskReloadsWhenClean(t *testing.T) {
	a, dir := openApp(t, "lex-sarah.bpmn")
	path := filepath.Join(dir, "lex-sarah.bpmn")
	otherUserSaves(t, path, func(_ *library.Library, d *library.Doc) { d.Defs.Meta.Owner = "Ny ägare" })
	rel := a.doc.ldoc.Path
	a.libraryChanged([]library.Change{{Path: rel, Kind: library.Modified}})
	if a.doc.defs.Meta.Owner != "Ny ägare" {
		t.Errorf("clean process not reloaded: owner %q", a.doc.defs.Meta.Owner)
	}
	if a.conflict != nil {
		t.Error("asked although nothing was unsaved")
	}
	// With unsaved work it asks instead of reloading.
	a.doc.sess.Rename(firstNode(t, a.doc.defs, isTask).ID, "Osparat")
	otherUserSaves(t, path, func(_ *library.Library, d *library.Doc) { d.Defs.Meta.Owner = "Tredje" })
	a.libraryChanged([]library.Change{{Path: rel, Kind: library.Modified}})
	if a.conflict == nil {
		t.Fatal("no question about the change on disk")
	}
	test.Tap(a.conflictButtons["cancel"])
	if !a.Dirty() {
		t.Error("cancel lost the unsaved work")
	}
}

func TestAutosaveAndRecovery(t *testing.T) {
	a, dir := openApp(t, "lex-sarah.bpmn")
	task := firstNode(t, a.doc.defs, isTask)
	a.doc.sess.Rename(task.ID, "Sparad undan")
	a.autosaveTick()
	// The program "crashes": a second window opens the same library.
	b := newTestApp(t)
	if err := b.Open(dir); err != nil {
		t.Fatal(err)
	}
	if b.doc != nil {
		t.Fatalf("opened %s instead of offering the autosaved work", b.doc.path)
	}
	top := b.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no recovery question")
	}
	restore := findButton(top, "Restore")
	if restore == nil {
		t.Fatal("no Restore button")
	}
	test.Tap(restore)
	if b.doc == nil || !b.Dirty() {
		t.Fatal("restored work is not open and unsaved")
	}
	if n := b.doc.defs.Node(task.ID); n == nil || n.Name != "Sparad undan" {
		t.Errorf("restored %+v", n)
	}
}

// findButton finds a button by its text anywhere under o.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch w := o.(type) {
	case *widget.Button:
		if w.Text == text {
			return w
		}
	case *fyne.Container:
		for _, c := range w.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	case fyne.Widget:
		r := test.WidgetRenderer(w)
		for _, c := range r.Objects() {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

func TestFailedSaveKeepsWorkAndSaysWhatToDo(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	task := firstNode(t, a.doc.defs, isTask)
	a.doc.sess.Rename(task.ID, "Inte sparad")
	a.doc.path = filepath.Join(t.TempDir(), "saknad-mapp", "lex-sarah.bpmn") // outside the library, folder missing
	a.doc.ldoc = nil
	a.save(nil)
	if !strings.Contains(a.errorShown, "Save as") || !strings.Contains(a.errorShown, "lex-sarah.bpmn") {
		t.Errorf("error dialog says %q; want the file and what to do", a.errorShown)
	}
	if !a.Dirty() || a.doc.defs.Node(task.ID).Name != "Inte sparad" {
		t.Error("a failed save lost the unsaved work")
	}
}

func TestReadingWarningsInStatusBar(t *testing.T) {
	english(t)
	dir := examples(t)
	path := filepath.Join(dir, "lex-sarah.bpmn")
	data, _ := os.ReadFile(path)
	// A flow whose target does not exist: the reader warns and opens the file.
	broken := strings.Replace(string(data), "</bpmn:process>",
		`<bpmn:sequenceFlow id="Flow_Dangling" sourceRef="Nowhere" targetRef="Elsewhere" /></bpmn:process>`, 1)
	if broken == string(data) {
		t.Fatal("example has no </bpmn:process>")
	}
	os.WriteFile(path, []byte(broken), 0o644)
	a := newTestApp(t)
	if err := a.Open(path); err != nil {
		t.Fatal(err)
	}
	if len(a.doc.warnings) == 0 {
		t.Fatal("no reading warnings for a dangling flow")
	}
	if !a.status.warnings.Visible() || !strings.Contains(a.status.warnings.Text, "Warnings:") {
		t.Errorf("status bar warnings %q (visible %v)", a.status.warnings.Text, a.status.warnings.Visible())
	}
	if !strings.Contains(a.doc.warningText(), "lex-sarah.bpmn:") {
		t.Errorf("warning list lacks file:line: %q", a.doc.warningText())
	}
}

func TestLockedBySomeoneElse(t *testing.T) {
	english(t)
	dir := examples(t)
	lockedByAnna(t, dir, "lex-sarah.bpmn")
	a := newTestApp(t)
	if err := a.Open(filepath.Join(dir, "lex-sarah.bpmn")); err != nil {
		t.Fatal(err)
	}
	if a.doc.lock != nil || a.doc.held == nil || a.doc.held.User != "Anna Andersson" {
		t.Fatalf("lock %v, held %v", a.doc.lock, a.doc.held)
	}
	// Switching away must not remove their lock.
	a.switchTo(filepath.Join(dir, "lss-ansokan.bpmn"))
	if _, err := os.Stat(filepath.Join(dir, ".lex-sarah.bpmn.lock")); err != nil {
		t.Errorf("their lock is gone: %v", err)
	}
}

func TestOpenEmptyLibraryClosesTheOldProcess(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	empty := t.TempDir()
	if err := a.Open(empty); err != nil {
		t.Fatal(err)
	}
	if a.doc != nil || a.editor.Session() != nil {
		t.Error("the previous library's process is still shown")
	}
	if len(a.side.items) != 0 || a.lib.dir != empty {
		t.Errorf("sidebar shows %d items of %s", len(a.side.items), a.lib.dir)
	}
	if LastLibrary(a.fyneApp.Preferences()) != empty {
		t.Error("the new library is not remembered")
	}
}
