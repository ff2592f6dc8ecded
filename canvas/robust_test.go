package canvas

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"lanemap/edit"
	"lanemap/model"
)

// everything drives every input the editor takes.
func everything(t *testing.T, e *Editor, w fyne.Window) {
	t.Helper()
	p := fyne.NewPos(100, 100)
	test.TapAt(e, p)
	test.TapAt(e, p)
	e.TappedSecondary(&fyne.PointEvent{Position: p})
	test.Drag(w.Canvas(), p, 50, 30)
	e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonTertiary})
	e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: p.AddXY(5, 5)}, Dragged: fyne.Delta{DX: 5, DY: 5}})
	e.MouseUp(&desktop.MouseEvent{})
	e.DragEnd()
	e.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: p}, Scrolled: fyne.Delta{DY: 10}})
	for _, k := range []fyne.KeyName{fyne.KeyTab, fyne.KeyRight, fyne.KeyLeft, fyne.KeyUp, fyne.KeyDown,
		fyne.KeyReturn, fyne.KeyF2, fyne.KeyEscape, fyne.KeyDelete, fyne.KeyPageDown} {
		e.TypedKey(&fyne.KeyEvent{Name: k})
	}
	e.TypedRune('x')
	for _, k := range []fyne.KeyName{fyne.KeyZ, fyne.KeyY, fyne.KeyC, fyne.KeyX, fyne.KeyV, fyne.KeyA, fyne.KeyD,
		fyne.KeyRight, fyne.KeyG, fyne.KeyE, fyne.KeyUp, fyne.KeyDown, fyne.KeyPlus, fyne.KeyMinus, fyne.Key0, fyne.Key1} {
		e.TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierControl})
		e.TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt})
	}
	e.TypedShortcut(&fyne.ShortcutUndo{})
	e.TypedShortcut(&fyne.ShortcutPaste{})
	for _, tool := range []Tool{Hand, Connect, CreateTool(model.Task), Select} {
		e.SetTool(tool)
		test.TapAt(e, p)
		test.Drag(w.Canvas(), p, 20, 20)
	}
	e.ZoomFit()
	e.StartLabelEdit()
	w.Canvas().Capture()
}

// TestNoSessionNoPanic drives every input into an editor without a map
// and into one whose map is empty.
func TestNoSessionNoPanic(t *testing.T) {
	for _, s := range []*edit.Session{nil, edit.NewSession(nil, nil)} {
		test.NewTempApp(t)
		e := NewEditor(s)
		w := test.NewWindow(e)
		w.Resize(fyne.NewSize(400, 300))
		everything(t, e, w)
		if len(e.Selection()) != 0 && s == nil {
			t.Errorf("selection %v without a map", e.Selection())
		}
		w.Close()
	}
}

// TestEverythingOnFixture drives every input into a real map; the model
// must stay consistent enough to undo back to the start.
func TestEverythingOnFixture(t *testing.T) {
	h := newHarness(t)
	h.e.SetSelection([]string{"T1"})
	everything(t, h.e, h.w)
	for h.s.Undo() {
	}
	if n := h.s.Doc.Node("T1"); n == nil || n.Name != "Ta emot" || h.bounds("T1") != (model.Rect{X: 200, Y: 60, W: 100, H: 80}) {
		t.Errorf("undoing everything did not restore T1: %+v", n)
	}
}
