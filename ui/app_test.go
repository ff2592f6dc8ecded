package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lanemap/bpmn"
	"lanemap/model"
)

// english pins the UI language for a test: Fyne reads it from the
// environment whenever translations are (re)loaded.
func english(t *testing.T) {
	t.Helper()
	setLang(t, "en_US.UTF-8")
}

func setLang(t *testing.T, l string) {
	t.Helper()
	// The library keeps its index cache and autosaves under these.
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		t.Setenv(k, "")
	}
	t.Setenv("LANG", l)
	if err := LoadTranslations(); err != nil {
		t.Fatal(err)
	}
}

// examples copies the bundled example processes into a temporary library.
func examples(t *testing.T) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "examples", "*.bpmn"))
	if err != nil || len(files) < 2 {
		t.Fatalf("need the bundled examples/*.bpmn (found %d): %v", len(files), err)
	}
	dir := t.TempDir()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// newTestApp is a window on Fyne's test driver that does not watch folders.
func newTestApp(t *testing.T) *App {
	a := New(test.NewTempApp(t))
	a.noWatch = true
	t.Cleanup(a.stopped)
	return a
}

// openApp starts the app on a copy of the examples with the given file open.
func openApp(t *testing.T, file string) (*App, string) {
	t.Helper()
	english(t)
	dir := examples(t)
	a := newTestApp(t)
	if err := a.Open(filepath.Join(dir, file)); err != nil {
		t.Fatal(err)
	}
	if a.doc == nil {
		t.Fatal("no document open")
	}
	return a, dir
}

// firstNode returns the first node of kind k.
func firstNode(t *testing.T, d *model.Definitions, ok func(*model.Node) bool) *model.Node {
	t.Helper()
	for _, n := range d.Nodes {
		if ok(n) {
			return n
		}
	}
	t.Fatal("no such node in the example")
	return nil
}

func isTask(n *model.Node) bool { return n.Kind.IsTask() }

// submit types into a field and presses Enter, as a user finishing an edit.
func submit(t *testing.T, e *commitEntry, text string) {
	t.Helper()
	if e == nil {
		t.Fatal("field not shown")
	}
	e.SetText(text)
	if e.MultiLine {
		e.FocusLost() // Enter is a new line there; leaving the field commits
	} else {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
}

func TestPropertiesEditsAreUndoable(t *testing.T) {
	a, _ := openApp(t, "orosanmalan-barn.bpmn")
	d := a.doc.defs
	task := firstNode(t, d, isTask)
	lane := d.LaneOf(task.ID)
	origMeta := d.Meta
	origMeta.Links = slices.Clone(origMeta.Links)
	origMeta.Tags = slices.Clone(origMeta.Tags)

	cases := []struct {
		name    string
		select_ string
		field   string
		value   string
		get     func() string
	}{
		{"task name", task.ID, "name", "Bedöma skyddsbehov", func() string { return task.Name }},
		{"task documentation", task.ID, "documentation", "Görs samma dag.", func() string { return task.Documentation }},
		{"lane role", lane.ID, "role", "Socialsekreterare", func() string { return lane.Role }},
		{"lane name", lane.ID, "name", "Mottagningen", func() string { return lane.Name }},
		{"owner", "", "owner", "Socialchef", func() string { return d.Meta.Owner }},
		{"review date", "", "review", "2027-01-31", func() string { return d.Meta.ReviewDate }},
		{"tags", "", "tags", "barn, SoL, barn", func() string { return strings.Join(d.Meta.Tags, "|") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var sel []string
			if c.select_ != "" {
				sel = []string{c.select_}
			}
			a.editor.SetSelection(sel)
			a.props.setSelection(sel) // the editor reports only real changes
			before := c.get()
			depth := a.doc.sess.Stack.Len() // each case ends with redo: no redo tail
			submit(t, a.props.fields[c.field], c.value)
			after := c.get()
			if after == before {
				t.Fatalf("%s unchanged (%q)", c.field, after)
			}
			if got := a.doc.sess.Stack.Len(); got != depth+1 {
				t.Fatalf("stack grew by %d, want one command", got-depth)
			}
			if !a.Dirty() || !strings.HasPrefix(a.win.Title(), "• ") {
				t.Errorf("not marked dirty: title %q", a.win.Title())
			}
			a.undo()
			if got := c.get(); got != before {
				t.Fatalf("after undo %q, want %q", got, before)
			}
			if got := a.props.fields[c.field].Text; got != strings.ReplaceAll(before, "|", ", ") {
				t.Errorf("panel shows %q after undo, want %q", got, before)
			}
			a.redo()
			if got := c.get(); got != after {
				t.Fatalf("after redo %q, want %q", got, after)
			}
		})
	}
	// An unchanged field (Enter without edits) adds nothing to the stack.
	a.editor.SetSelection(nil)
	a.props.setSelection(nil)
	depth := a.doc.sess.Stack.Len()
	submit(t, a.props.fields["owner"], d.Meta.Owner)
	if a.doc.sess.Stack.Len() != depth {
		t.Error("re-submitting the same owner pushed a command")
	}
	// A malformed date is refused, not saved.
	submit(t, a.props.fields["approved"], "20 mars")
	if d.Meta.ApprovedDate == "20 mars" {
		t.Error("an invalid date reached the metadata")
	}
	for a.doc.sess.Stack.CanUndo() {
		a.undo()
	}
	if a.Dirty() {
		t.Error("dirty after undoing everything")
	}
	if !metaEqual(d.Meta, origMeta) {
		t.Errorf("metadata not restored by undo: %+v vs %+v", d.Meta, origMeta)
	}
}

func TestPropertiesLinks(t *testing.T) {
	a, _ := openApp(t, "orosanmalan-barn.bpmn")
	d := a.doc.defs
	task := firstNode(t, d, isTask)
	a.editor.SetSelection([]string{task.ID})
	a.props.setSelection([]string{task.ID})
	n := len(task.Links)
	// The add button is the links editor's last object.
	links := a.props.box.Objects[len(a.props.box.Objects)-1].(*fyne.Container)
	add := links.Objects[1].(interface{ Tapped(*fyne.PointEvent) })
	add.Tapped(&fyne.PointEvent{})
	if len(task.Links) != n+1 {
		t.Fatalf("links %d after add, want %d", len(task.Links), n+1)
	}
	a.undo()
	if len(task.Links) != n {
		t.Fatalf("links %d after undo, want %d", len(task.Links), n)
	}
}

func TestQuickAdd(t *testing.T) {
	a, _ := openApp(t, "orosanmalan-barn.bpmn")
	d := a.doc.defs
	task := firstNode(t, d, isTask)
	a.editor.SetSelection([]string{task.ID})
	nodes := len(d.Nodes)
	a.focusQuickAdd()
	test.Type(a.quick, "Handläggare: Utreda ansökan")
	a.quick.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(d.Nodes) != nodes+1 {
		t.Fatalf("%d nodes, want %d", len(d.Nodes), nodes+1)
	}
	sel := a.editor.Selection()
	if len(sel) != 1 {
		t.Fatalf("selection %v, want the new task", sel)
	}
	n := d.Node(sel[0])
	if n == nil || n.Name != "Utreda ansökan" || !n.Kind.IsTask() {
		t.Fatalf("selected %+v, want the task “Utreda ansökan”", n)
	}
	if l := d.LaneOf(n.ID); l == nil || l.RoleName() != "Handläggare" {
		t.Errorf("new task in lane %+v, want Handläggare", l)
	}
	if a.quick.Text != "" {
		t.Errorf("quick-add field keeps %q", a.quick.Text)
	}
	if !a.Dirty() {
		t.Error("quick-add did not mark the process unsaved")
	}
	a.undo()
	if len(d.Nodes) != nodes {
		t.Error("undo did not remove the quick-added task")
	}
}

func TestHandoverListSelectsFlow(t *testing.T) {
	a, _ := openApp(t, "orosanmalan-barn.bpmn")
	a.setHandovers(true)
	if a.palette.handovers.Importance != widget.HighImportance {
		t.Error("palette toggle not checked")
	}
	rows := a.hand.rows
	if len(rows) == 0 {
		t.Fatal("the example has no handovers")
	}
	d := a.doc.defs
	for i, r := range rows {
		f := d.Flow(r.Flow)
		if f == nil || f.Kind != model.SequenceFlow {
			t.Fatalf("row %d: %q is not a sequence flow", i, r.Flow)
		}
		if d.LaneOf(f.Source).RoleName() != r.FromRole || d.LaneOf(f.Target).RoleName() != r.ToRole || r.FromRole == r.ToRole {
			t.Errorf("row %d roles %q → %q do not match the flow's lanes", i, r.FromRole, r.ToRole)
		}
	}
	last := len(rows) - 1
	a.hand.selectRow(last)
	if got := a.editor.Selection(); !slices.Equal(got, []string{rows[last].Flow}) {
		t.Errorf("canvas selection %v, want [%s]", got, rows[last].Flow)
	}
	if !containsText(a.props.box, rows[last].FromStep+" → "+rows[last].ToStep) {
		t.Errorf("properties do not name the flow's ends %q → %q", rows[last].FromStep, rows[last].ToStep)
	}
	// Selecting a handover on the canvas highlights its row.
	a.editor.SetSelection([]string{rows[0].Flow})
	if a.hand.selected != 0 {
		t.Errorf("row %d highlighted, want 0", a.hand.selected)
	}
	if got := a.editor.Selection(); !slices.Equal(got, []string{rows[0].Flow}) {
		t.Errorf("selection %v after following", got)
	}
	a.editor.SetSelection(nil)
	if a.hand.selected != -1 {
		t.Errorf("row %d still highlighted with nothing selected", a.hand.selected)
	}
	a.setHandovers(false)
	if a.centre.Objects[0] != fyne.CanvasObject(a.editorArea) {
		t.Error("hiding handovers left the list open")
	}
}

func TestDirtyMarkerAndSave(t *testing.T) {
	a, dir := openApp(t, "lex-sarah.bpmn")
	path := filepath.Join(dir, "lex-sarah.bpmn")
	if strings.HasPrefix(a.win.Title(), "•") || a.Dirty() {
		t.Fatalf("fresh file is dirty: %q", a.win.Title())
	}
	task := firstNode(t, a.doc.defs, isTask)
	if err := a.doc.sess.Rename(task.ID, "Ta emot rapport"); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.win.Title(), "• ") {
		t.Errorf("title %q lacks the • marker", a.win.Title())
	}
	if !strings.Contains(a.status.dirty.Text, "•") {
		t.Errorf("status bar %q lacks the • marker", a.status.dirty.Text)
	}
	a.save(nil)
	if a.Dirty() || strings.HasPrefix(a.win.Title(), "•") {
		t.Errorf("still dirty after save: %q", a.win.Title())
	}
	d, _, _, err := bpmn.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := d.Node(task.ID); n == nil || n.Name != "Ta emot rapport" {
		t.Errorf("saved file has %+v", n)
	}
	if got := recentFiles(a.fyneApp.Preferences()); len(got) == 0 || got[0] != path {
		t.Errorf("recent files %v, want %s first", got, path)
	}
	// Undo past the save point makes it dirty again.
	a.undo()
	if !a.Dirty() {
		t.Error("undo after save is not dirty")
	}
}

func TestUnsavedWorkAsksFirst(t *testing.T) {
	a, dir := openApp(t, "lex-sarah.bpmn")
	first := a.doc.path
	other := filepath.Join(dir, "lss-ansokan.bpmn")
	edit := func() *model.Node {
		task := firstNode(t, a.doc.defs, isTask)
		if err := a.doc.sess.Rename(task.ID, task.Name+" (ändrad)"); err != nil {
			t.Fatal(err)
		}
		return task
	}
	press := func(button string) {
		t.Helper()
		if a.unsaved == nil {
			t.Fatal("no unsaved-changes dialog")
		}
		test.Tap(a.unsavedButtons[button])
		if a.unsaved != nil {
			t.Fatalf("dialog still open after %s", button)
		}
	}

	// Cancel keeps everything.
	task := edit()
	a.switchTo(other)
	if a.doc.path != first {
		t.Fatal("switched without asking")
	}
	press("cancel")
	if a.doc.path != first || !a.Dirty() || a.side.current != first {
		t.Fatalf("cancel lost the open process (now %s, dirty %v)", a.doc.path, a.Dirty())
	}

	// Closing the window asks too, and so does File › Quit; cancel keeps it open.
	a.requestClose()
	press("cancel")
	file := a.win.MainMenu().Items[0]
	quit := file.Items[len(file.Items)-1]
	if !quit.IsQuit {
		t.Fatal("File menu ends without our Quit")
	}
	quit.Action()
	press("cancel")
	if a.doc == nil || a.doc.path != first {
		t.Fatal("cancelled close closed the process")
	}

	// Save writes the file, then switches.
	a.switchTo(other)
	press("save")
	if a.doc.path != other {
		t.Fatalf("after save the open process is %s", a.doc.path)
	}
	d, _, _, err := bpmn.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	if n := d.Node(task.ID); n == nil || !strings.HasSuffix(n.Name, "(ändrad)") {
		t.Errorf("save before switching did not write the change: %+v", n)
	}

	// Discard switches and leaves the file as it was.
	before, _ := os.ReadFile(other)
	edit()
	a.newProcess()
	press("discard")
	if a.doc.path != "" {
		t.Errorf("discard did not go on to the new process")
	}
	after, _ := os.ReadFile(other)
	if string(before) != string(after) {
		t.Error("discard changed the file")
	}

	// Nothing unsaved: no question.
	a.switchTo(first)
	if a.unsaved != nil || a.doc.path != first {
		t.Error("asked although nothing was unsaved")
	}
}

func TestSidebarListsAndSearches(t *testing.T) {
	a, dir := openApp(t, "lex-sarah.bpmn")
	files, _ := filepath.Glob(filepath.Join(dir, "*.bpmn"))
	if len(a.side.items) != len(files) {
		t.Fatalf("sidebar lists %d processes, folder has %d", len(a.side.items), len(files))
	}
	for _, it := range a.side.items {
		if it.Name == "" || it.Name == filepath.Base(it.Path) {
			t.Errorf("%s shown without its process name", it.Path)
		}
	}
	test.Type(a.side.search, "sarah")
	if len(a.side.items) != 1 || filepath.Base(a.side.items[0].Path) != "lex-sarah.bpmn" {
		t.Errorf("search “sarah” gives %v", a.side.items)
	}
	a.side.search.SetText("")
	// Choosing another process in the list opens it (nothing unsaved).
	for i, it := range a.side.items {
		if filepath.Base(it.Path) == "ekonomiskt-bistand.bpmn" {
			a.side.list.Select(i)
		}
	}
	if filepath.Base(a.doc.path) != "ekonomiskt-bistand.bpmn" {
		t.Errorf("selecting in the sidebar opened %s", a.doc.path)
	}
}

func TestOpenErrorsSayWhat(t *testing.T) {
	english(t)
	a := newTestApp(t)
	err := a.Open(filepath.Join(t.TempDir(), "saknas.bpmn"))
	if err == nil || !strings.Contains(err.Error(), "saknas.bpmn") {
		t.Errorf("missing file: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "trasig.bpmn")
	os.WriteFile(bad, []byte("<definitions><process"), 0o644)
	if err := a.Open(bad); err == nil || !strings.Contains(err.Error(), "trasig.bpmn") || !regexp.MustCompile(`\d+:\d+`).MatchString(err.Error()) {
		t.Errorf("malformed file: %v", err)
	}
	if a.doc != nil {
		t.Error("a failed open left a document")
	}
}

func TestNewProcessSaveAs(t *testing.T) {
	english(t)
	a := newTestApp(t)
	a.newProcess()
	if a.doc == nil || a.doc.path != "" {
		t.Fatal("no new process")
	}
	start := loneStart(a.doc.defs)
	if start == "" {
		t.Fatal("the new process has no lone start event")
	}
	a.focusQuickAdd()
	test.Type(a.quick, "Handläggare: Utreda")
	a.quick.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	first := a.editor.Selection()[0]
	joined := false
	for _, f := range a.doc.defs.Flows {
		joined = joined || (f.Source == start && f.Target == first)
	}
	if !joined {
		t.Error("the first quick-added task does not follow the start event")
	}
	if loneStart(a.doc.defs) != "" {
		t.Error("the start event is still lone after a task follows it")
	}
	path := filepath.Join(t.TempDir(), "ny.bpmn")
	if err := a.write(path); err != nil {
		t.Fatal(err)
	}
	d, _, warns, err := bpmn.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) > 0 {
		t.Errorf("the new process reads with warnings: %v", warns)
	}
	found := false
	for _, n := range d.Nodes {
		found = found || n.Name == "Utreda"
	}
	if !found {
		t.Error("the saved new process lacks the quick-added task")
	}
}

func TestSwedish(t *testing.T) {
	setLang(t, "sv_SE.UTF-8")
	t.Cleanup(func() {
		os.Setenv("LANG", "en_US.UTF-8")
		LoadTranslations()
	})
	cases := map[string]string{
		lang.X("menu.file", "File"):               "Arkiv",
		KindName(model.UserTask):                  "Användaruppgift",
		KindName(model.ExclusiveGateway):          "Exklusiv gateway",
		KindName(model.LaneKind):                  "Bana",
		StatusName(model.StatusReview):            "Under granskning",
		lang.X("handovers.fromRole", "From role"): "Från roll",
		lang.L("Cancel"):                          "Avbryt", // Fyne's own strings follow
	}
	for got, want := range cases {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
	a := newTestApp(t)
	if got := a.win.MainMenu().Items[0].Label; got != "Arkiv" {
		t.Errorf("first menu %q, want Arkiv", got)
	}
}

func TestRecentFiles(t *testing.T) {
	p := test.NewTempApp(t).Preferences()
	for i := range maxRecent + 3 {
		addRecent(p, filepath.Join("/x", string(rune('a'+i))+".bpmn"))
	}
	addRecent(p, "/x/c.bpmn")
	got := recentFiles(p)
	if len(got) != maxRecent || got[0] != "/x/c.bpmn" || slices.Index(got[1:], "/x/c.bpmn") >= 0 {
		t.Errorf("recent %v", got)
	}
}

func TestSafeFileName(t *testing.T) {
	for in, want := range map[string]string{
		"Orosanmälan gällande barn": "orosanmälan-gällande-barn",
		"  Lex Sarah / avvikelse ":  "lex-sarah-avvikelse",
		"???":                       "process",
	} {
		if got := safeFileName(in); got != want {
			t.Errorf("safeFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestQuickAddIntoSelectedLane(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	d := a.doc.defs
	task := firstNode(t, d, isTask)
	lane := d.LaneOf(task.ID)
	last := lastStepIn(a.doc, lane)
	if last == "" {
		t.Fatal("lane has no steps")
	}
	a.editor.SetSelection([]string{lane.ID})
	a.quick.SetText("Ringa upp")
	a.quick.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	sel := a.editor.Selection()
	if len(sel) != 1 || d.Node(sel[0]) == nil || d.Node(sel[0]).Name != "Ringa upp" {
		t.Fatalf("selection %v, want the new task", sel)
	}
	if got := d.LaneOf(sel[0]); got != lane {
		t.Errorf("new task in lane %v, want the selected %s", got, lane.ID)
	}
	connected := false
	for _, f := range d.Flows {
		connected = connected || (f.Source == last && f.Target == sel[0])
	}
	if !connected {
		t.Errorf("new task not connected from the lane's last step %s", last)
	}
}

func TestThemeToggle(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	a.setTheme(themeDark)
	if !a.dark || a.fyneApp.Preferences().String(prefThemeMode) != themeDark {
		t.Error("dark theme not applied or not remembered")
	}
	if !a.themeItems[themeDark].Checked || a.themeItems[themeLight].Checked {
		t.Error("View › Theme does not mark Dark")
	}
	a.themeItems[themeLight].Action()
	if a.dark || !a.themeItems[themeLight].Checked || a.themeItems[themeDark].Checked {
		t.Error("View › Theme › Light did not switch or mark itself")
	}
	if v := a.fyneApp.Settings().Theme().Color("background", 0); v == nil {
		t.Error("no theme installed")
	}
}

func TestPublishWarningForClassified(t *testing.T) {
	a, _ := openApp(t, "skyddade-personuppgifter.bpmn")
	d := a.doc.defs
	m := d.Meta
	m.Publish, m.Classification = true, 2
	if err := a.doc.sess.SetMeta(m); err != nil {
		t.Fatal(err)
	}
	if !containsText(a.props.box, "never published") {
		t.Error("no warning that classification 2 is never published")
	}
}

// containsText reports whether a visible label under o contains s.
func containsText(o fyne.CanvasObject, s string) bool {
	switch w := o.(type) {
	case *widget.Label:
		return w.Visible() && strings.Contains(w.Text, s)
	case *fyne.Container:
		for _, c := range w.Objects {
			if containsText(c, s) {
				return true
			}
		}
	case *widget.Form:
		for _, it := range w.Items {
			if containsText(it.Widget, s) {
				return true
			}
		}
	}
	return false
}

// menuItem finds a main-menu item by its (English) label.
func menuItem(t *testing.T, a *App, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range a.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

func TestEditMenuActsOnTheMap(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	d := a.doc.defs
	task := firstNode(t, d, isTask)
	n := len(d.Nodes)
	a.editor.SetSelection([]string{task.ID})
	if menuItem(t, a, "Publish…").Action == nil {
		t.Error("File › Publish… does nothing")
	}
	menuItem(t, a, "Duplicate").Action()
	if len(d.Nodes) != n+1 {
		t.Fatalf("Edit › Duplicate: %d nodes, want %d", len(d.Nodes), n+1)
	}
	menuItem(t, a, "Delete").Action()
	if len(d.Nodes) != n {
		t.Fatalf("Edit › Delete: %d nodes, want %d", len(d.Nodes), n)
	}
	menuItem(t, a, "Undo").Action()
	if len(d.Nodes) != n+1 {
		t.Fatalf("Edit › Undo: %d nodes, want %d", len(d.Nodes), n+1)
	}
	// With a text field focused, Undo belongs to the field, not the map.
	a.win.Canvas().Focus(a.quick)
	test.Type(a.quick, "Roll: ")
	menuItem(t, a, "Undo").Action()
	if len(d.Nodes) != n+1 {
		t.Error("Undo with a text field focused undid a map edit")
	}
}

func TestStepNames(t *testing.T) {
	english(t)
	for in, want := range map[string]string{
		"Rename":        "Rename",
		"Add userTask":  "Add “User task”",
		"Add Utreda":    "Add “Utreda”",
		"Something new": "Something new",
		"Add lane":      "Add lane",
		"":              "",
	} {
		if got := StepName(in); got != want {
			t.Errorf("StepName(%q) = %q, want %q", in, got, want)
		}
	}
	setLang(t, "sv_SE.UTF-8")
	t.Cleanup(func() { os.Setenv("LANG", "en_US.UTF-8"); LoadTranslations() })
	if got := StepName("Add userTask"); got != "Lägg till ”Användaruppgift”" {
		t.Errorf("Swedish step name %q", got)
	}
}

func TestTypingThenSelectingElsewhereKeepsText(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	d := a.doc.defs
	task := firstNode(t, d, isTask)
	a.editor.SetSelection([]string{task.ID})
	doc := a.props.fields["documentation"]
	a.win.Canvas().Focus(doc)
	test.Type(doc, "Skrivet men inte lämnat")
	a.editor.SetSelection(nil) // e.g. a click on empty canvas
	if got := d.Node(task.ID).Documentation; !strings.Contains(got, "Skrivet men inte lämnat") {
		t.Errorf("documentation %q: the typed text was lost", got)
	}
}
