package canvas

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"lanemap/edit"
	"lanemap/model"
)

// successors lists the targets of sequence flows out of id.
func successors(d *model.Definitions, id string) []string {
	return neighbours(d, id, true)
}

func TestKeyboardAppend(t *testing.T) {
	tests := []struct {
		name string
		do   func(h *harness)
		kind model.Kind
		lane string
	}{
		{"Tab", func(h *harness) { h.key(fyne.KeyTab) }, model.Task, "LaneA"},
		{"Ctrl+Right", func(h *harness) { h.shortcut(fyne.KeyRight, fyne.KeyModifierControl) }, model.Task, "LaneA"},
		{"Ctrl+G", func(h *harness) { h.shortcut(fyne.KeyG, fyne.KeyModifierControl) }, model.ExclusiveGateway, "LaneA"},
		{"Ctrl+E", func(h *harness) { h.shortcut(fyne.KeyE, fyne.KeyModifierControl) }, model.EndEvent, "LaneA"},
		{"Ctrl+Down", func(h *harness) { h.shortcut(fyne.KeyDown, fyne.KeyModifierControl) }, model.Task, "LaneB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.e.SetSelection([]string{"T1"})
			tt.do(h)
			id := h.e.single()
			n := h.s.Doc.Node(id)
			if id == "T1" || n == nil {
				t.Fatalf("selection after append = %v", h.e.Selection())
			}
			if n.Kind != tt.kind {
				t.Errorf("appended a %s, want %s", n.Kind, tt.kind)
			}
			if l := h.s.Doc.LaneOf(id); l == nil || l.ID != tt.lane {
				t.Errorf("appended into lane %v, want %s", l, tt.lane)
			}
			found := false
			for _, s := range successors(h.s.Doc, "T1") {
				found = found || s == id
			}
			if !found {
				t.Errorf("T1 → %s is not connected", id)
			}
			if h.bounds(id).X <= h.bounds("T1").X {
				t.Errorf("appended node at %v is not right of T1 %v", h.bounds(id), h.bounds("T1"))
			}
			h.s.Undo()
			if h.s.Doc.Node(id) != nil || h.s.Stack.CanUndo() {
				t.Error("append was not exactly one undo step")
			}
			if len(h.e.Selection()) != 0 {
				t.Errorf("selection keeps the undone node: %v", h.e.Selection())
			}
		})
	}
}

func TestWorkshopFlow(t *testing.T) {
	// Select, Tab, type a name, Tab, type a name: two named tasks in a row
	// without the mouse.
	h := newHarness(t)
	c := h.w.Canvas()
	h.e.SetSelection([]string{"T2"})
	c.Focus(h.e)
	h.key(fyne.KeyTab)
	first := h.e.single()
	if first == "T2" {
		t.Fatal("Tab did not append")
	}
	typeFocused(c, "Besluta")
	if h.e.editing != first {
		t.Fatalf("typing did not start the label editor on %s", first)
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab}) // save, then the next task
	second := h.e.single()
	if second == first || second == "" {
		t.Fatalf("Tab in the label editor did not append: selection %v", h.e.Selection())
	}
	typeFocused(c, "Meddela")
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := h.s.Doc.Node(first).Name; got != "Besluta" {
		t.Errorf("first name %q", got)
	}
	if got := h.s.Doc.Node(second).Name; got != "Meddela" {
		t.Errorf("second name %q", got)
	}
	if h.e.editing != "" || c.Focused() != h.e {
		t.Errorf("after Enter: editing %q, focus %v", h.e.editing, c.Focused())
	}
}

func TestLabelEditByTyping(t *testing.T) {
	h := newHarness(t)
	c := h.w.Canvas()
	test.TapAt(h.e, h.centre("T2"))
	c.Focus(h.e)
	typeFocused(c, "Utred ärendet")
	if h.e.editing != "T2" {
		t.Fatalf("editing %q, want T2", h.e.editing)
	}
	if !h.e.labelHolder.Visible() {
		t.Fatal("label editor hidden")
	}
	// It sits over T2 at the current zoom.
	pos, size := h.e.labelHolder.Position(), h.e.labelHolder.Size()
	r := h.bounds("T2")
	if p := h.e.v.toScreen(r.Center()); p.X < pos.X || p.Y < pos.Y || p.X > pos.X+size.Width || p.Y > pos.Y+size.Height {
		t.Errorf("label editor at %v %v does not cover T2's centre %v", pos, size, p)
	}
	// Shift+Enter breaks the line; Enter commits once.
	c.Focused().(fyne.Focusable).TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	h.e.label.KeyDown(&fyne.KeyEvent{Name: "LeftShift"})
	h.e.label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.e.label.KeyUp(&fyne.KeyEvent{Name: "LeftShift"})
	typeFocused(c, "snabbt")
	h.e.label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := h.s.Doc.Node("T2").Name; got != "Utred ärendet\nsnabbt" {
		t.Errorf("name %q", got)
	}
	h.s.Undo()
	if got := h.s.Doc.Node("T2").Name; got != "Utreda" {
		t.Errorf("after one undo the name is %q, want the original", got)
	}
}

func TestLabelEditCancelAndClickAway(t *testing.T) {
	h := newHarness(t)
	c := h.w.Canvas()
	h.e.SetSelection([]string{"T1"})
	h.key(fyne.KeyF2)
	if h.e.editing != "T1" || h.e.label.Text != "Ta emot" {
		t.Fatalf("F2: editing %q with %q", h.e.editing, h.e.label.Text)
	}
	typeFocused(c, "X") // replaces the selected text
	h.e.label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.s.Doc.Node("T1").Name != "Ta emot" || h.s.Stack.CanUndo() {
		t.Error("Escape renamed")
	}
	h.key(fyne.KeyReturn)
	typeFocused(c, "Ta emot ansökan")
	test.TapAt(h.e, h.centre("End")) // click elsewhere commits
	if got := h.s.Doc.Node("T1").Name; got != "Ta emot ansökan" {
		t.Errorf("after clicking away the name is %q", got)
	}
	h.wantSel("End")
	// Space does not start editing (it is held to pan).
	typeFocused(c, " ")
	if h.e.editing != "" {
		t.Error("Space started the label editor")
	}
}

func TestArrowsWalkTheFlow(t *testing.T) {
	h := newHarness(t)
	h.w.Canvas().Focus(h.e)
	h.key(fyne.KeyRight) // nothing selected: the start event
	h.wantSel("Start")
	for _, want := range []string{"T1", "T2", "End"} {
		h.key(fyne.KeyRight)
		h.wantSel(want)
	}
	h.key(fyne.KeyLeft)
	h.wantSel("T2")
}

func TestMoveToLaneBelow(t *testing.T) {
	h := newHarness(t)
	h.e.SetSelection([]string{"T1"})
	x := h.bounds("T1").X
	h.shortcut(fyne.KeyDown, fyne.KeyModifierAlt)
	if l := h.s.Doc.LaneOf("T1"); l == nil || l.ID != "LaneB" {
		t.Fatalf("Alt+Down: T1 in %v, want LaneB", l)
	}
	if b := h.bounds("T1"); b.X != x || b.Center().Y != 300 {
		t.Errorf("Alt+Down: T1 at %v, want x %v and centre y 300", b, x)
	}
	h.shortcut(fyne.KeyDown, fyne.KeyModifierAlt) // no lane below B
	if l := h.s.Doc.LaneOf("T1"); l == nil || l.ID != "LaneB" {
		t.Errorf("second Alt+Down left LaneB: %v", l)
	}
	h.shortcut(fyne.KeyUp, fyne.KeyModifierAlt)
	if l := h.s.Doc.LaneOf("T1"); l == nil || l.ID != "LaneA" {
		t.Errorf("Alt+Up: T1 in %v, want LaneA", l)
	}
}

func TestDeleteUndoRedoKeys(t *testing.T) {
	h := newHarness(t)
	h.e.SetSelection([]string{"T2"})
	h.key(fyne.KeyDelete)
	if h.s.Doc.Node("T2") != nil {
		t.Fatal("Delete kept T2")
	}
	h.wantSel()
	h.e.TypedShortcut(&fyne.ShortcutUndo{})
	if h.s.Doc.Node("T2") == nil {
		t.Fatal("Ctrl+Z did not bring T2 back")
	}
	h.shortcut(fyne.KeyZ, fyne.KeyModifierControl|fyne.KeyModifierShift)
	if h.s.Doc.Node("T2") != nil {
		t.Fatal("Ctrl+Shift+Z did not redo")
	}
	h.e.TypedShortcut(&fyne.ShortcutUndo{})
	h.e.TypedShortcut(&fyne.ShortcutRedo{})
	if h.s.Doc.Node("T2") != nil {
		t.Fatal("Ctrl+Y did not redo")
	}
}

func TestNudgeAndEscape(t *testing.T) {
	h := newHarness(t)
	h.e.SetSelection([]string{"T2"})
	x := h.bounds("T2").X
	h.e.KeyDown(&fyne.KeyEvent{Name: "LeftShift"})
	h.key(fyne.KeyRight)
	h.e.KeyUp(&fyne.KeyEvent{Name: "LeftShift"})
	if got := h.bounds("T2").X; got != x+gridStep {
		t.Errorf("Shift+Right: x %v, want %v", got, x+gridStep)
	}
	h.e.SetTool(Hand)
	h.key(fyne.KeyEscape)
	if h.e.Tool() != Select {
		t.Errorf("Escape left tool %v", h.e.Tool())
	}
	h.wantSel("T2")
	h.key(fyne.KeyEscape)
	h.wantSel()
}

func TestClipboardKeys(t *testing.T) {
	h := newHarness(t)
	h.e.SetSelection([]string{"T1"})
	n := len(h.s.Doc.Nodes)
	h.shortcut(fyne.KeyD, fyne.KeyModifierControl)
	if len(h.s.Doc.Nodes) != n+1 || h.e.single() == "T1" || h.e.single() == "" {
		t.Fatalf("Ctrl+D: %d nodes, selection %v", len(h.s.Doc.Nodes), h.e.Selection())
	}
	h.e.SetSelection([]string{"T2"})
	h.e.TypedShortcut(&fyne.ShortcutCopy{})
	h.e.TypedShortcut(&fyne.ShortcutPaste{})
	if len(h.s.Doc.Nodes) != n+2 || h.e.single() == "T2" {
		t.Fatalf("copy+paste: %d nodes, selection %v", len(h.s.Doc.Nodes), h.e.Selection())
	}
	h.e.TypedShortcut(&fyne.ShortcutSelectAll{})
	if len(h.e.Selection()) != n+2 {
		t.Errorf("Ctrl+A selected %d of %d", len(h.e.Selection()), n+2)
	}

	// Paste goes where the pointer is…
	h.e.MouseIn(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: h.at(803, 98)}})
	h.e.Paste()
	if c := h.bounds(h.e.single()).Center(); c != (model.Point{X: 800, Y: 100}) {
		t.Errorf("pasted at %v, want under the pointer at (800, 100)", c)
	}
	// …and into another map: the clipboard outlives SetSession.
	other := edit.NewSession(fixture(), nil)
	h.e.SetSession(other)
	m := len(other.Doc.Nodes)
	h.e.Paste()
	if len(other.Doc.Nodes) != m+1 {
		t.Errorf("paste into another map: %d nodes, want %d", len(other.Doc.Nodes), m+1)
	}
	// Cut removes what it copied.
	h.e.SetSelection([]string{"T1"})
	h.e.TypedShortcut(&fyne.ShortcutCut{})
	if other.Doc.Node("T1") != nil || h.e.clip.Empty() {
		t.Error("Ctrl+X did not move T1 to the clipboard")
	}
}

func TestKeyMapMatchesDoc(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	arrows := strings.NewReplacer("→", "Right", "←", "Left", "↑", "Up", "↓", "Down")
	checked := 0
	for _, k := range KeyMap() {
		if k.Keys == "" || k.Action == "" {
			t.Errorf("empty key help %+v", k)
		}
		for _, part := range strings.Split(k.Keys, ", ") {
			part = arrows.Replace(part)
			if strings.HasPrefix(part, "Ctrl+") || strings.HasPrefix(part, "Alt+") {
				checked++
				if !strings.Contains(string(doc), part) {
					t.Errorf("doc.go does not list %q", part)
				}
			}
		}
	}
	if checked < 10 {
		t.Errorf("only %d shortcuts checked", checked)
	}
}

func TestHomeEnd(t *testing.T) {
	h := newHarness(t)
	h.key(fyne.KeyEnd)
	h.wantSel("End")
	h.key(fyne.KeyHome)
	h.wantSel("Start")
	h.key(fyne.KeyHome) // the only one: stays
	h.wantSel("Start")
}

func TestAltArrowsMoveASelectedLane(t *testing.T) {
	h := newHarness(t)
	h.e.SetSelection([]string{"LaneB"})
	h.shortcut(fyne.KeyUp, fyne.KeyModifierAlt)
	if a, b := h.bounds("LaneA"), h.bounds("LaneB"); b.Y >= a.Y {
		t.Errorf("after Alt+Up LaneB (%v) is not above LaneA (%v)", b, a)
	}
	if l := h.s.Doc.LaneOf("T2"); l == nil || l.ID != "LaneB" {
		t.Errorf("T2 left its lane: %v", l)
	}
	h.wantSel("LaneB")
	h.s.Undo()
	if a, b := h.bounds("LaneA"), h.bounds("LaneB"); b.Y <= a.Y || h.s.Stack.CanUndo() {
		t.Error("moving the lane was not one undo step")
	}
}

// QA: Ctrl+Down at the bottom lane (Ctrl+Up at the top) did nothing but a
// hint, and the name typed next overwrote the step before. Now a lane is
// added there with the task in it, one undo step, and the label editor
// is open on the new task.
func TestAppendInNewLaneKey(t *testing.T) {
	tests := []struct {
		name, from, prev string
		key              fyne.KeyName
		first            bool // the new lane is the pool's first
	}{
		{"Ctrl+Down at the bottom", "T2", "Utreda", fyne.KeyDown, false},
		{"Ctrl+Up at the top", "T1", "Ta emot", fyne.KeyUp, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			c := h.w.Canvas()
			h.e.SetSelection([]string{tt.from})
			c.Focus(h.e)
			h.shortcut(tt.key, fyne.KeyModifierControl)
			id := h.e.single()
			proc := h.s.Doc.Process("Proc")
			if id == tt.from || h.s.Doc.Node(id) == nil || len(proc.Lanes) != 3 {
				t.Fatalf("selection %v, %d lanes: nothing appended", h.e.Selection(), len(proc.Lanes))
			}
			lane := proc.Lanes[2]
			if tt.first {
				lane = proc.Lanes[0]
			}
			if l := h.s.Doc.LaneOf(id); l != lane || lane.Name == "" {
				t.Errorf("new task in lane %v, want the new end lane %s %q", l, lane.ID, lane.Name)
			}
			if h.s.Stack.Len() != 1 {
				t.Errorf("%d undo steps, want 1", h.s.Stack.Len())
			}
			if h.e.editing != id || c.Focused() != h.e.label {
				t.Fatalf("label editor on %q (focus %v), want %s", h.e.editing, c.Focused(), id)
			}
			typeFocused(c, "Skicka beslut")
			c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			if got := h.s.Doc.Node(id).Name; got != "Skicka beslut" {
				t.Errorf("new task named %q", got)
			}
			if got := h.s.Doc.Node(tt.from).Name; got != tt.prev {
				t.Errorf("the step before was renamed to %q", got)
			}
			h.s.Undo()
			h.s.Undo()
			if h.s.Doc.Node(id) != nil || len(proc.Lanes) != 2 || h.s.Stack.CanUndo() {
				t.Errorf("two undos (name, append) left node %v, %d lanes", h.s.Doc.Node(id), len(proc.Lanes))
			}
		})
	}
}
