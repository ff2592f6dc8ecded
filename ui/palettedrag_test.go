package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"

	lcanvas "lanemap/canvas"
	"lanemap/edit"
	"lanemap/model"
)

// kindButtonFor finds the palette button that places with tool t.
func kindButtonFor(t *testing.T, a *App, tool lcanvas.Tool) *kindButton {
	t.Helper()
	var walk func(fyne.CanvasObject) *kindButton
	walk = func(o fyne.CanvasObject) *kindButton {
		if b, ok := o.(*kindButton); ok && b.tool == tool {
			return b
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				if b := walk(x); b != nil {
					return b
				}
			}
		}
		return nil
	}
	b := walk(a.palette.bar)
	if b == nil {
		t.Fatalf("no palette button for %q", tool)
	}
	return b
}

// TestPaletteDragsTimerOntoTask drags the toolbar's timer event onto a
// task's bottom border: it becomes a timer boundary event there, in one
// undo step.
func TestPaletteDragsTimerOntoTask(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	a.win.Resize(fyne.NewSize(1400, 860))
	task := a.doc.sess.Shape("Task_Atgarda")
	if task == nil {
		t.Fatal("the example has no Task_Atgarda")
	}
	b := kindButtonFor(t, a, lcanvas.CreateTypedTool(edit.Spec{Kind: model.IntermediateCatchEvent, EventDefs: []string{model.TimerDef}}))
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(a.editor)
	r := task.Bounds
	abs := func(x, y float64) fyne.Position { return a.editor.ScreenOf(model.Point{X: x, Y: y}).Add(origin) }
	n := len(a.doc.defs.Nodes)
	undoBefore := a.doc.sess.Stack.UndoLabel()

	b.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: fyne.NewPos(5, 5)}})
	b.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: abs(r.X+r.W/2, r.Y+r.H+4)}})
	b.DragEnd()

	if len(a.doc.defs.Nodes) != n+1 {
		t.Fatalf("nodes %d, want %d", len(a.doc.defs.Nodes), n+1)
	}
	sel := a.editor.Selection()
	if len(sel) != 1 {
		t.Fatalf("selection %v", sel)
	}
	ev := a.doc.defs.Node(sel[0])
	if ev.Kind != model.BoundaryEvent || ev.AttachedTo != "Task_Atgarda" || !slices.Equal(ev.EventDefs, []string{model.TimerDef}) {
		t.Fatalf("placed %s on %q with %v, want a timer boundary event on Task_Atgarda", ev.Kind, ev.AttachedTo, ev.EventDefs)
	}
	if c := a.doc.sess.Shape(ev.ID).Bounds.Center(); c.Y != r.Y+r.H {
		t.Errorf("centre %v is not on the bottom border y=%v", c, r.Y+r.H)
	}
	if a.editor.Tool() != lcanvas.Select {
		t.Errorf("tool after the drop %q", a.editor.Tool())
	}
	a.undo()
	if a.doc.defs.Node(ev.ID) != nil || a.doc.sess.Stack.UndoLabel() != undoBefore {
		t.Error("one undo did not remove the dropped event whole")
	}
	// Dropped off the map: nothing.
	b.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: fyne.NewPos(5, 5)}})
	b.DragEnd()
	if len(a.doc.defs.Nodes) != n {
		t.Error("a drop off the map placed an element")
	}
}
