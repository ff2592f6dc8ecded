package ui

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lanemap/bpmn"
	"lanemap/edit"
	"lanemap/library"
	"lanemap/model"
)

// lockedByAnna locks file in dir for another user on another host, as a
// second Lanemap elsewhere would.
func lockedByAnna(t *testing.T, dir, file string) *library.Lock {
	t.Helper()
	l, err := library.Open(dir, library.Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	lk, err := l.Lock(file, library.Identity{User: "Anna Andersson", Host: "kontoret", PID: 4242})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lk.Unlock() })
	return lk
}

func TestLockedOpensReadOnly(t *testing.T) {
	english(t)
	dir := examples(t)
	lockedByAnna(t, dir, "lex-sarah.bpmn")
	path := filepath.Join(dir, "lex-sarah.bpmn")
	before, _ := os.ReadFile(path)
	a := newTestApp(t)
	if err := a.Open(path); err != nil {
		t.Fatal(err)
	}
	if !a.doc.readOnly() || !a.doc.sess.ReadOnly || a.doc.lock != nil {
		t.Fatalf("readOnly %v, session %v, lock %v", a.doc.readOnly(), a.doc.sess.ReadOnly, a.doc.lock)
	}
	if !a.banner.Visible() || !containsText(a.banner, "Read-only: locked by Anna Andersson (kontoret) since") {
		t.Error("no read-only banner naming the holder")
	}
	if a.bannerButtons["break"] == nil || a.bannerButtons["copy"] == nil {
		t.Fatal("banner lacks Break the lock… and Save as copy…")
	}
	if !a.menuSave.Disabled {
		t.Error("File › Save is enabled")
	}
	// Edits are refused, and the status bar says why.
	task := firstNode(t, a.doc.defs, isTask)
	if err := a.doc.sess.Rename(task.ID, "Ändrad"); !errors.Is(err, edit.ErrReadOnly) {
		t.Fatalf("rename on a read-only process: %v", err)
	}
	a.editor.SetSelection([]string{task.ID})
	a.editor.DeleteSelection()
	if a.doc.defs.Node(task.ID) == nil {
		t.Fatal("the canvas deleted a step of a read-only process")
	}
	if !strings.Contains(a.status.hint.Text, "Read-only") {
		t.Errorf("status bar %q does not give the reason", a.status.hint.Text)
	}
	a.quickAdd("Handläggare: Nytt steg")
	if a.doc.sess.Stack.Len() != 0 || a.Dirty() {
		t.Error("quick add changed a read-only process")
	}
	// Save is refused and the file stays theirs.
	a.save(nil)
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("Save rewrote a file someone else holds")
	}
	if !a.dialogKey(fyne.KeyEscape) {
		t.Error("no dialog said why Save was refused")
	}
	// Breaking the lock asks first; then the process is ours.
	a.askBreakLock()
	if !a.dialogKey(fyne.KeyReturn) {
		t.Fatal("breaking the lock did not ask")
	}
	if a.doc.readOnly() || a.doc.sess.ReadOnly || a.doc.lock == nil || a.banner.Visible() {
		t.Fatal("still read-only after breaking the lock")
	}
	if err := a.doc.sess.Rename(task.ID, "Ändrad"); err != nil {
		t.Fatal(err)
	}
}

func TestReadOnlyEndsWhenTheHolderCloses(t *testing.T) {
	english(t)
	dir := examples(t)
	lk := lockedByAnna(t, dir, "lex-sarah.bpmn")
	a := newTestApp(t)
	if err := a.Open(filepath.Join(dir, "lex-sarah.bpmn")); err != nil {
		t.Fatal(err)
	}
	a.autosaveTick()
	if !a.doc.readOnly() {
		t.Fatal("editable while Anna still holds the lock")
	}
	lk.Unlock()
	a.autosaveTick()
	if a.doc.readOnly() || a.doc.sess.ReadOnly || a.doc.lock == nil || a.banner.Visible() {
		t.Fatal("still read-only after Anna closed the process")
	}
	if !strings.Contains(a.status.hint.Text, "Anna Andersson closed the process") {
		t.Errorf("status %q", a.status.hint.Text)
	}
}

func TestReadOnlySaveAsCopyTakesTheLock(t *testing.T) {
	english(t)
	dir := examples(t)
	lockedByAnna(t, dir, "lex-sarah.bpmn")
	a := newTestApp(t)
	if err := a.Open(filepath.Join(dir, "lex-sarah.bpmn")); err != nil {
		t.Fatal(err)
	}
	if name := a.saveAsName(); name == "lex-sarah.bpmn" || !strings.HasSuffix(name, ".bpmn") {
		t.Errorf("Save as copy suggests %q, their own file", name)
	}
	copyPath := filepath.Join(dir, "lex-sarah-kopia.bpmn")
	if err := a.write(copyPath); err != nil {
		t.Fatal(err)
	}
	if a.doc.readOnly() || a.doc.lock == nil {
		t.Fatal("the copy is not ours to edit")
	}
	if _, err := os.Stat(filepath.Join(dir, ".lex-sarah-kopia.bpmn.lock")); err != nil {
		t.Errorf("no lock on the copy: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".lex-sarah.bpmn.lock")); err != nil {
		t.Errorf("their lock is gone: %v", err)
	}
}

// laneWithSteps is the first lane holding nodes.
func laneWithSteps(t *testing.T, d *model.Definitions) *model.Lane {
	t.Helper()
	for _, l := range d.AllLanes() {
		if len(l.NodeRefs) > 0 {
			return l
		}
	}
	t.Fatal("no lane with steps")
	return nil
}

func TestDeleteLaneWithStepsAsks(t *testing.T) {
	cases := []struct {
		button    string
		laneGone  bool
		stepsGone bool
	}{
		{"cancel", false, false},
		{"move", true, false},
		{"delete", true, true},
	}
	for _, c := range cases {
		t.Run(c.button, func(t *testing.T) {
			a, _ := openApp(t, "lex-sarah.bpmn")
			d := a.doc.defs
			lane := laneWithSteps(t, d)
			steps := laneNodes(lane)
			a.editor.SetSelection([]string{lane.ID})
			a.editor.DeleteSelection()
			if d.Lane(lane.ID) == nil {
				t.Fatal("the lane went without asking")
			}
			if a.laneButtons == nil {
				t.Fatal("no question about the lane's steps")
			}
			test.Tap(a.laneButtons[c.button])
			if gone := d.Lane(lane.ID) == nil; gone != c.laneGone {
				t.Errorf("lane gone %v, want %v", gone, c.laneGone)
			}
			if gone := d.Node(steps[0]) == nil; gone != c.stepsGone {
				t.Errorf("steps gone %v, want %v", gone, c.stepsGone)
			}
			if c.laneGone && a.doc.sess.Stack.Len() != 1 {
				t.Errorf("%d undo steps, want one", a.doc.sess.Stack.Len())
			}
		})
	}
}

func TestDeleteEmptyLaneDoesNotAsk(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	lane := laneWithSteps(t, a.doc.defs)
	a.editor.SetSelection([]string{lane.NodeRefs[0]})
	a.addLane(false)
	var empty *model.Lane
	for _, l := range a.doc.defs.AllLanes() {
		if len(laneNodes(l)) == 0 {
			empty = l
		}
	}
	if empty == nil {
		t.Fatal("no empty lane was added")
	}
	a.editor.SetSelection([]string{empty.ID})
	a.editor.DeleteSelection()
	if a.laneButtons != nil || a.doc.defs.Lane(empty.ID) != nil {
		t.Error("an empty lane asked (or stayed)")
	}
}

func TestQuickAddGivesTheKeyboardBack(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	c := a.win.Canvas()
	for _, end := range []string{"Enter", "Escape"} {
		c.Focus(a.quick)
		if end == "Enter" {
			a.editor.SetSelection([]string{firstNode(t, a.doc.defs, isTask).ID})
			test.Type(a.quick, "Handläggare: Ringa upp")
			a.quick.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		} else {
			test.Type(a.quick, "halvfärdig")
			a.quick.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			if a.quick.Text != "" {
				t.Errorf("Escape left %q in the field", a.quick.Text)
			}
		}
		want := fyne.Focusable(a.editor)
		if end == "Enter" {
			want = a.quick // ready for the next step
		}
		if c.Focused() != want {
			t.Errorf("after %s the focus is on %T", end, c.Focused())
		}
	}
	// Ctrl+L in the field hands the keyboard back too.
	c.Focus(a.quick)
	a.quick.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault})
	if c.Focused() != a.editor {
		t.Errorf("after Ctrl+L in the field the focus is on %T", c.Focused())
	}
}

func TestDialogsAnswerEscapeAndEnter(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	c := a.win.Canvas()
	open := func() bool { return c.Overlays().Top() != nil }
	for _, k := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn} {
		a.typedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
		if !open() {
			t.Fatal("F1 opened no help")
		}
		a.typedKey(&fyne.KeyEvent{Name: k})
		if open() {
			t.Errorf("%s did not close the help", k)
		}
		a.showError(errors.New("boom"))
		a.typedKey(&fyne.KeyEvent{Name: k})
		if open() {
			t.Errorf("%s did not close the error", k)
		}
	}
	// Ctrl+N behind an open dialog does nothing.
	path := a.doc.path
	a.showKeys()
	menuItem(t, a, "New process").Action()
	if a.doc == nil || a.doc.path != path {
		t.Error("Ctrl+N acted behind the help dialog")
	}
	a.typedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	menuItem(t, a, "New process").Action()
	if a.doc.path != "" {
		t.Error("Ctrl+N did nothing without a dialog")
	}
}

func TestUndoneWorkLeavesNoRecovery(t *testing.T) {
	a, dir := openApp(t, "lex-sarah.bpmn")
	task := firstNode(t, a.doc.defs, isTask)
	a.doc.sess.Rename(task.ID, "Snart ångrad")
	a.autosaveTick()
	items, _ := a.lib.lib.Recovery().List()
	if len(items) == 0 {
		t.Fatal("no autosave of the unsaved change")
	}
	a.doc.sess.Undo()
	a.requestClose() // Ctrl+Q
	b := newTestApp(t)
	if err := b.Open(dir); err != nil {
		t.Fatal(err)
	}
	if b.doc == nil || b.win.Canvas().Overlays().Top() != nil {
		t.Error("the next start offered to restore undone work")
	}
}

func TestConflictChoosePerElement(t *testing.T) {
	for _, side := range []string{"Keep mine", "Take theirs"} {
		t.Run(side, func(t *testing.T) {
			a, dir := openApp(t, "lex-sarah.bpmn")
			path := filepath.Join(dir, "lex-sarah.bpmn")
			task := firstNode(t, a.doc.defs, isTask)
			a.doc.sess.Rename(task.ID, "Mitt namn")
			otherUserSaves(t, path, func(_ *library.Library, d *library.Doc) {
				d.Defs.Node(task.ID).Name = "Deras namn"
				d.Defs.Touch()
			})
			a.save(nil)
			test.Tap(a.conflictButtons["merge"])
			if len(a.conflictChoices) == 0 {
				t.Fatal("no side-by-side choice for the element both changed")
			}
			top := a.win.Canvas().Overlays().Top()
			if !hasText(top, "Mitt namn") || !hasText(top, "Deras namn") {
				t.Error("the dialog does not show both names")
			}
			a.conflictChoices[0].SetSelected(side)
			test.Tap(a.conflictApply)
			d, _, _, err := bpmn.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"Keep mine": "Mitt namn", "Take theirs": "Deras namn"}[side]
			if got := d.Node(task.ID).Name; got != want {
				t.Errorf("saved %q, want %q", got, want)
			}
			if a.Dirty() {
				t.Error("dirty after merge and save")
			}
		})
	}
}

func TestReplacedByNotBPMN(t *testing.T) {
	a, dir := openApp(t, "lex-sarah.bpmn")
	path := filepath.Join(dir, "lex-sarah.bpmn")
	task := firstNode(t, a.doc.defs, isTask)
	a.doc.sess.Rename(task.ID, "Min version")
	png := []byte("\x89PNG\r\n\x1a\n not a process")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	a.save(nil)
	if a.conflict != nil || a.notBPMNButtons == nil {
		t.Fatal("a file replaced by a PNG offered merging")
	}
	top := a.win.Canvas().Overlays().Top()
	if !hasText(top, "not a process map") || hasText(top, "was not changed") {
		t.Error("the dialog does not say the file was replaced by something else")
	}
	test.Tap(a.notBPMNButtons["overwrite"])
	d, _, _, err := bpmn.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if d.Node(task.ID).Name != "Min version" {
		t.Error("overwrite did not write my version")
	}
}

func TestOpenFolderSkipsUnreadable(t *testing.T) {
	english(t)
	dir := examples(t)
	broken := filepath.Join(dir, "aaa-trasig.bpmn")
	if err := os.WriteFile(broken, []byte("<?xml version=\"1.0\"?>\n<definitions>\n  <process>\n</definitions>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t)
	if err := a.Open(dir); err != nil {
		t.Fatal(err)
	}
	if a.doc == nil || a.doc.path == broken {
		t.Fatalf("opened %v", a.doc)
	}
	if a.side.items[0].Name != a.doc.name() && a.side.items[0].Problem == "" {
		t.Errorf("opened %q, the first by name is %q", a.doc.name(), a.side.items[0].Name)
	}
	i := slices.IndexFunc(a.side.items, func(it sideItem) bool { return it.Path == broken })
	if i < 0 || !strings.HasPrefix(a.side.items[i].Problem, "Could not be read") {
		t.Fatalf("the broken file is not marked in the sidebar: %+v", a.side.items)
	}
	err := a.load(broken)
	if err == nil || !strings.Contains(err.Error(), "could not be read") || !strings.Contains(err.Error(), "aaa-trasig.bpmn:") {
		t.Errorf("opening it says %v", err)
	}
}

func TestSidebarSortsByNameSwedish(t *testing.T) {
	items := []sideItem{{Name: "Ärende", Path: "b"}, {Name: "öppen", Path: "c"}, {Name: "Zebra", Path: "d"}, {Name: "anmälan", Path: "e"}}
	setLang(t, "sv_SE.UTF-8")
	sortByName(items)
	var got []string
	for _, it := range items {
		got = append(got, it.Name)
	}
	if want := []string{"anmälan", "Zebra", "Ärende", "öppen"}; !slices.Equal(got, want) {
		t.Errorf("sorted %v, want %v", got, want)
	}
}

func TestNoLayoutSaysSo(t *testing.T) {
	english(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "utan-layout.bpmn")
	src := `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="urn:x">
  <process id="P"><startEvent id="S"/><task id="T" name="Göra"/><sequenceFlow id="F" sourceRef="S" targetRef="T"/></process>
</definitions>`
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t)
	if err := a.Open(path); err != nil {
		t.Fatal(err)
	}
	if !containsText(a.editorArea, "No diagram layout in this file") {
		t.Error("no notice over the empty map")
	}
	if strings.Contains(a.doc.warningText(), ".bpmn:the") || strings.Contains(a.doc.warningText(), ".bpmn:The") {
		t.Errorf("warning lines run together: %q", a.doc.warningText())
	}
}

func TestSelectionKeepsTheMapSize(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	a.win.Resize(fyne.NewSize(1400, 860))
	size := a.editor.Size()
	for _, n := range a.doc.defs.Nodes {
		a.editor.SetSelection([]string{n.ID})
		if a.editor.Size() != size {
			t.Fatalf("selecting %s resized the map from %v to %v", n.ID, size, a.editor.Size())
		}
	}
	for _, l := range a.doc.defs.AllLanes() {
		a.editor.SetSelection([]string{l.ID})
		if a.editor.Size() != size {
			t.Fatalf("selecting lane %s resized the map", l.ID)
		}
	}
}

func TestTextsFollowTheLanguage(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	a.editor.SetSelection(nil)
	var selects []*widget.Select
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Select:
			selects = append(selects, w)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case *widget.Form:
			for _, it := range w.Items {
				walk(it.Widget)
			}
		}
	}
	walk(a.props.box)
	if len(selects) == 0 {
		t.Fatal("no choices in the process panel")
	}
	for _, s := range selects {
		if s.PlaceHolder == "" || s.PlaceHolder == "(Select one)" {
			t.Errorf("select %v has Fyne's untranslated placeholder", s.Options)
		}
	}
	if e := a.props.fields["review"]; e == nil || e.PlaceHolder != "YYYY-MM-DD" {
		t.Error("English date placeholder is not YYYY-MM-DD")
	}
	for _, text := range []string{"Handläggare:", "Handläggare:   "} {
		err := quickAddError(text, errors.New("edit: quick add needs a text after the role"))
		if strings.Contains(err.Error(), "edit:") {
			t.Errorf("quick add shows internal text: %v", err)
		}
	}
	if got := dedupe("A.\n\nB.\n\nA."); got != "A.\n\nB." {
		t.Errorf("dedupe = %q", got)
	}
}

func TestNewProcessIsNotSavedYet(t *testing.T) {
	english(t)
	a := newTestApp(t)
	a.newProcess()
	if got := a.status.dirty.Text; got != "Not saved yet" {
		t.Errorf("status %q for a new process", got)
	}
}

// hasText finds s in any label under o, through scrolls and widgets.
func hasText(o fyne.CanvasObject, s string) bool {
	for _, x := range test.LaidOutObjects(o) {
		if l, ok := x.(*widget.Label); ok && strings.Contains(l.Text, s) {
			return true
		}
	}
	return false
}

func TestSaveErrorGivesAdviceOnce(t *testing.T) {
	english(t)
	le := &library.Error{Kind: library.KindPermission, Op: "save", Path: filepath.Join("lib", "a.bpmn"), Err: os.ErrPermission}
	msg := saveError("a.bpmn", le).Error()
	if !strings.Contains(msg, "Could not save a.bpmn.") || !strings.Contains(msg, "no permission") {
		t.Errorf("message %q", msg)
	}
	if strings.Contains(msg, "Your changes are still open") {
		t.Errorf("the advice is given twice: %q", msg)
	}
	if msg := saveError("a.bpmn", errors.New("odd")).Error(); !strings.Contains(msg, "Your changes are still open") {
		t.Errorf("a plain error lacks the advice: %q", msg)
	}
}
