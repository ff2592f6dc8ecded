package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"lanemap/library"
)

// recoveryItems lists what the recovery folder holds now.
func recoveryItems(t *testing.T) []library.RecoveryItem {
	t.Helper()
	r, err := library.OpenRecovery("")
	if err != nil {
		t.Fatal(err)
	}
	items, err := r.List()
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// answerRecovery presses button ("Restore" or "Discard it") in the
// recovery question on top of b's window.
func answerRecovery(t *testing.T, b *App, button string) {
	t.Helper()
	top := b.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no recovery question")
	}
	btn := findButton(top, button)
	if btn == nil {
		t.Fatalf("no %q button in the recovery question", button)
	}
	test.Tap(btn)
}

func TestNewProcessAutosavedAndRestored(t *testing.T) {
	english(t)
	a := newTestApp(t)
	a.newProcess()
	a.quickAdd("Handläggare: Utreda")
	a.autosaveTick()
	if n := len(recoveryItems(t)); n != 1 {
		t.Fatalf("%d recovery items after autosaving a new process; want 1", n)
	}
	a.quickAdd("Handläggare: Besluta")
	a.autosaveTick()
	if n := len(recoveryItems(t)); n != 1 {
		t.Fatalf("%d recovery items after the second autosave; want 1 (same key)", n)
	}
	// Crash: a fresh start without a library offers the new process.
	b := newTestApp(t)
	if !b.offerRecovery("", nil) {
		t.Fatal("the new process's unsaved work was not offered")
	}
	answerRecovery(t, b, "Restore")
	if b.doc == nil || b.doc.path != "" || !b.Dirty() {
		t.Fatalf("restored work is not an unsaved new process: %+v", b.doc)
	}
	names := map[string]bool{}
	for _, n := range b.doc.defs.Nodes {
		names[n.Name] = true
	}
	if !names["Utreda"] || !names["Besluta"] {
		t.Errorf("restored steps %v; want Utreda and Besluta", names)
	}
	// Saving it gives it a file and drops the recovery copy.
	path := filepath.Join(t.TempDir(), "ny.bpmn")
	if err := b.write(path); err != nil {
		t.Fatal(err)
	}
	a.doc.markSaved() // a's session ends cleanly
	a.dropRecovery(a.doc)
	if n := len(recoveryItems(t)); n != 0 {
		t.Errorf("%d recovery items left after saving; want 0", n)
	}
}

func TestRecoveryOfferedWhenAFileIsOpened(t *testing.T) {
	a, dir := openApp(t, "lex-sarah.bpmn")
	task := firstNode(t, a.doc.defs, isTask)
	a.doc.sess.Rename(task.ID, "Efter krasch")
	a.autosaveTick()
	a.doc.lock.Unlock() // the crashed instance's lock is gone (stale)
	b := newTestApp(t)
	if err := b.Open(filepath.Join(dir, "lex-sarah.bpmn")); err != nil {
		t.Fatal(err)
	}
	if b.doc != nil {
		t.Fatal("opened the file without offering the autosaved work")
	}
	answerRecovery(t, b, "Restore")
	if b.doc == nil || !b.Dirty() || b.doc.defs.Node(task.ID).Name != "Efter krasch" {
		t.Fatal("the autosaved work was not restored")
	}
	if b.doc.readOnly() {
		t.Error("the restored process opened read-only")
	}
}

func TestDeclinedRecoveryOpensTheFile(t *testing.T) {
	a, dir := openApp(t, "lex-sarah.bpmn")
	a.doc.sess.Rename(firstNode(t, a.doc.defs, isTask).ID, "Kastas")
	a.autosaveTick()
	b := newTestApp(t)
	file := filepath.Join(dir, "lss-ansokan.bpmn")
	if err := b.Open(file); err != nil {
		t.Fatal(err)
	}
	answerRecovery(t, b, "Discard it")
	if b.doc == nil || b.doc.path != file {
		t.Fatalf("after declining, %v is open; want %s", b.doc, file)
	}
	if n := len(recoveryItems(t)); n != 0 {
		t.Errorf("%d recovery items after declining; want 0", n)
	}
}

func TestQuitKeepsRecoveryItNeverOffered(t *testing.T) {
	a, dir := openApp(t, "lex-sarah.bpmn")
	a.doc.sess.Rename(firstNode(t, a.doc.defs, isTask).ID, "Får inte försvinna")
	a.autosaveTick()
	// Another window has the same file open unchanged and quits.
	b := newTestApp(t)
	b.noWatch = true
	lib, err := openLibraryView(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.lib = lib
	if err := b.load(filepath.Join(dir, "lex-sarah.bpmn")); err != nil {
		t.Fatal(err)
	}
	b.stopped()
	if n := len(recoveryItems(t)); n != 1 {
		t.Errorf("%d recovery items after another window quit; want 1 (not offered, so not dropped)", n)
	}
}

func TestAutosaveOnlyWhenChanged(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	if autosaveEvery > 5*time.Second {
		t.Errorf("autosave every %v; a crash may lose more than 5 s of a workshop", autosaveEvery)
	}
	a.doc.sess.Rename(firstNode(t, a.doc.defs, isTask).ID, "Ett")
	a.autosaveTick()
	items := recoveryItems(t)
	if len(items) != 1 {
		t.Fatalf("%d recovery items; want 1", len(items))
	}
	meta := filepath.Join(a.lib.lib.Recovery().Dir(), items[0].Key+".json")
	os.Remove(meta) // a rewrite would bring it back
	a.autosaveTick()
	if _, err := os.Stat(meta); err == nil {
		t.Error("an unchanged document was autosaved again")
	}
	a.doc.sess.Rename(firstNode(t, a.doc.defs, isTask).ID, "Två")
	a.autosaveTick()
	if _, err := os.Stat(meta); err != nil {
		t.Error("a changed document was not autosaved")
	}
}

func TestLockTakenOverMakesReadOnly(t *testing.T) {
	a, dir := openApp(t, "lex-sarah.bpmn")
	a.doc.sess.Rename(firstNode(t, a.doc.defs, isTask).ID, "Mitt arbete")
	l, err := library.Open(dir, library.Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.BreakLock("lex-sarah.bpmn"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Lock("lex-sarah.bpmn", library.Identity{User: "Bo Berg", Host: "annan-dator", PID: 4242}); err != nil {
		t.Fatal(err)
	}
	a.autosaveTick()
	if !a.doc.readOnly() || !a.doc.sess.ReadOnly {
		t.Fatal("still editable after someone else took the lock")
	}
	if !a.banner.Visible() || a.bannerButtons["copy"] == nil {
		t.Fatal("no banner offering Save as copy")
	}
	if !strings.Contains(a.doc.heldText(), "taken over by Bo Berg") {
		t.Errorf("banner says %q", a.doc.heldText())
	}
	if !a.Dirty() {
		t.Error("the unsaved work was lost")
	}
	a.save(nil)
	if data, _ := os.ReadFile(filepath.Join(dir, "lex-sarah.bpmn")); strings.Contains(string(data), "Mitt arbete") {
		t.Error("saved over the new lock holder's file")
	}
}

func TestDeadInstancesLockTakenOver(t *testing.T) {
	english(t)
	dir := examples(t)
	l, err := library.Open(dir, library.Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	me := library.CurrentIdentity()
	dead := library.Identity{User: me.User, Host: me.Host, PID: 999999999}
	if _, err := l.Lock("lex-sarah.bpmn", dead); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t)
	if err := a.Open(filepath.Join(dir, "lex-sarah.bpmn")); err != nil {
		t.Fatal(err)
	}
	if a.doc == nil || a.doc.readOnly() {
		t.Fatal("a lock left by a dead instance on this host made the process read-only")
	}
}

func TestSidebarSortsNumbersByValue(t *testing.T) {
	for _, l := range []string{"en_US.UTF-8", "sv_SE.UTF-8"} {
		t.Run(l, func(t *testing.T) {
			setLang(t, l)
			var items []sideItem
			for _, n := range []string{"Steg 100", "Steg 10", "Ärende", "Steg 2", "Steg 1", "Zon"} {
				items = append(items, sideItem{Name: n, Path: n})
			}
			sortByName(items)
			var got []string
			for _, it := range items {
				got = append(got, it.Name)
			}
			want := "Steg 1|Steg 2|Steg 10|Steg 100|Zon|Ärende"
			if l == "en_US.UTF-8" {
				want = "Ärende|Steg 1|Steg 2|Steg 10|Steg 100|Zon"
			}
			if strings.Join(got, "|") != want {
				t.Errorf("sorted %v; want %s", got, want)
			}
		})
	}
}

func TestSaveAsDialogKeys(t *testing.T) {
	english(t)
	a := newTestApp(t)
	a.newProcess()
	a.quickAdd("Handläggare: Utreda")
	c := a.win.Canvas()
	f := a.saveAsDialog(nil)
	f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Overlays().Top() != nil {
		t.Fatal("Escape did not close Save as")
	}
	dir := t.TempDir()
	f = a.saveAsDialog(nil)
	if f.name.Text != "new-process.bpmn" || f.name.SelectedText() != f.name.Text {
		t.Errorf("suggested %q with %q selected; want the whole name selected", f.name.Text, f.name.SelectedText())
	}
	test.Type(f.name, "Workshop")
	if f.name.Text != "Workshop" {
		t.Errorf("typing gave %q; want the suggestion replaced", f.name.Text)
	}
	f.folder.SetText(dir)
	f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	want := filepath.Join(dir, "Workshop.bpmn")
	if _, err := os.Stat(want); err != nil || a.doc.path != want || a.Dirty() {
		t.Fatalf("Enter did not save to %s: %v (path %q)", want, err, a.doc.path)
	}
	// An existing file is not replaced.
	a.quickAdd("Handläggare: Besluta")
	f = a.saveAsDialog(nil)
	f.folder.SetText(dir)
	f.name.SetText("Workshop.bpmn")
	f.save()
	if !f.problem.Visible() || !a.Dirty() {
		t.Error("Save as replaced an existing file without a word")
	}
}
