package canvas

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"lanemap/edit"
	"lanemap/model"
)

// fixture is a pool with two lanes, A above B:
//
//	A: start → "Ta emot" ┐
//	B:                   └→ "Utreda" → end
func fixture() *model.Definitions {
	d := &model.Definitions{ID: "Defs"}
	proc := &model.Process{ID: "Proc", LaneSetID: "LaneSet"}
	pool := &model.Participant{ID: "Pool", Name: "Socialtjänsten", ProcessRef: proc.ID}
	d.Collaborations = []*model.Collaboration{{ID: "Collab", Participants: []*model.Participant{pool}}}
	d.Processes = []*model.Process{proc}
	g := &model.Diagram{ID: "Diagram", PlaneID: "Plane", Element: "Collab"}
	d.Diagrams = []*model.Diagram{g}
	shape := func(id string, r model.Rect) {
		g.Shapes = append(g.Shapes, &model.Shape{ID: id + "_di", Element: id, Bounds: r, IsHorizontal: model.Bool(true)})
	}
	shape("Pool", model.Rect{X: 0, Y: 0, W: 1000, H: 400})
	la := &model.Lane{ID: "LaneA", Name: "Mottagning"}
	lb := &model.Lane{ID: "LaneB", Name: "Handläggare"}
	proc.Lanes = []*model.Lane{la, lb}
	shape("LaneA", model.Rect{X: 30, Y: 0, W: 970, H: 200})
	shape("LaneB", model.Rect{X: 30, Y: 200, W: 970, H: 200})
	node := func(id string, k model.Kind, name string, l *model.Lane, x, y float64) {
		d.Nodes = append(d.Nodes, &model.Node{ID: id, Kind: k, Name: name, Container: proc.ID, CancelActivity: true, IsInterrupting: true})
		l.NodeRefs = append(l.NodeRefs, id)
		w, h := k.DefaultSize()
		g.Shapes = append(g.Shapes, &model.Shape{ID: id + "_di", Element: id, Bounds: model.Rect{X: x, Y: y, W: w, H: h}})
	}
	node("Start", model.StartEvent, "Ansökan kommer in", la, 100, 82)
	node("T1", model.Task, "Ta emot", la, 200, 60)
	node("T2", model.Task, "Utreda", lb, 400, 260)
	node("End", model.EndEvent, "Klart", lb, 600, 282)
	flow := func(id, s, t string, pts ...model.Point) {
		d.Flows = append(d.Flows, &model.Flow{ID: id, Kind: model.SequenceFlow, Container: proc.ID, Source: s, Target: t})
		g.Edges = append(g.Edges, &model.Edge{ID: id + "_di", Element: id, Waypoints: pts})
	}
	flow("F1", "Start", "T1", model.Point{X: 136, Y: 100}, model.Point{X: 200, Y: 100})
	flow("F2", "T1", "T2", model.Point{X: 300, Y: 100}, model.Point{X: 350, Y: 100}, model.Point{X: 350, Y: 300}, model.Point{X: 400, Y: 300})
	flow("F3", "T2", "End", model.Point{X: 500, Y: 300}, model.Point{X: 600, Y: 300})
	return d
}

// harness is an editor in a test window of the software driver.
type harness struct {
	t   *testing.T
	e   *Editor
	s   *edit.Session
	w   fyne.Window
	sel [][]string // every OnSelectionChanged call
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	test.NewTempApp(t)
	h := &harness{t: t, s: edit.NewSession(fixture(), nil)}
	h.e = NewEditor(h.s)
	h.e.OnSelectionChanged = func(ids []string) { h.sel = append(h.sel, ids) }
	h.w = test.NewWindow(h.e)
	h.w.SetPadded(false)
	h.w.Resize(fyne.NewSize(1040, 440))
	t.Cleanup(h.w.Close)
	h.e.SetZoom(1) // keep the arithmetic of the tests simple
	h.e.v.ox, h.e.v.oy = -20, -20
	h.e.Refresh()
	return h
}

// at is the widget position of a model point.
func (h *harness) at(x, y float64) fyne.Position { return h.e.v.toScreen(model.Point{X: x, Y: y}) }

// centre is the widget position of an element's centre.
func (h *harness) centre(id string) fyne.Position {
	h.t.Helper()
	s := h.s.Diagram.Shape(id)
	if s == nil {
		h.t.Fatalf("no shape for %s", id)
	}
	return h.e.v.toScreen(s.Bounds.Center())
}

func (h *harness) bounds(id string) model.Rect {
	h.t.Helper()
	s := h.s.Diagram.Shape(id)
	if s == nil {
		h.t.Fatalf("no shape for %s", id)
	}
	return s.Bounds
}

func (h *harness) wantSel(want ...string) {
	h.t.Helper()
	got := h.e.Selection()
	if len(got) != len(want) {
		h.t.Fatalf("selection = %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			h.t.Fatalf("selection = %v, want %v", got, want)
		}
	}
}

func (h *harness) shortcut(key fyne.KeyName, mod fyne.KeyModifier) {
	h.e.TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod})
}

func (h *harness) key(k fyne.KeyName) { h.e.TypedKey(&fyne.KeyEvent{Name: k}) }

// realDrag drives a drag the way the GLFW driver does: MouseDown at the
// press, Dragged events at the current position with the step since the
// last one, then MouseUp before DragEnd.
func (h *harness) realDrag(from fyne.Position, steps ...fyne.Delta) {
	h.e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	cur := from
	for _, d := range steps {
		cur = cur.Add(d)
		h.e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: cur}, Dragged: d})
	}
	h.e.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: cur}, Button: desktop.MouseButtonPrimary})
	h.e.DragEnd()
}

func steps(n int, dx, dy float32) []fyne.Delta {
	out := make([]fyne.Delta, n)
	for i := range out {
		out[i] = fyne.Delta{DX: dx, DY: dy}
	}
	return out
}

// typeFocused types into whatever has the focus, rune by rune, as the
// driver does (test.TypeOnCanvas goes to the canvas's own handler).
func typeFocused(c fyne.Canvas, s string) {
	for _, r := range s {
		if f := c.Focused(); f != nil {
			f.TypedRune(r)
		}
	}
}

func TestSetSessionAgain(t *testing.T) {
	h := newHarness(t)
	calls := 0
	h.s.OnChange = func(edit.Change) { calls++ }
	other := edit.NewSession(fixture(), nil)
	h.e.SetSession(h.s)
	h.e.SetSession(other)
	h.e.SetSession(h.s) // back: hooked twice now, only the newest acts
	builds := h.e.builds
	if err := h.s.Rename("T1", "Nytt namn"); err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("the app's OnChange ran %d times", calls)
	}
	if h.e.builds != builds {
		t.Errorf("a rename rebuilt the scene %d times (want a patch)", h.e.builds-builds)
	}
	// A change in the session no longer shown leaves the editor alone.
	ver := h.e.ver
	if err := other.Rename("T1", "Annat"); err != nil {
		t.Fatal(err)
	}
	if h.e.ver != ver {
		t.Error("a change in another session touched the editor")
	}
}

func TestResizeKeepsOverlayOnTheShape(t *testing.T) {
	h := newHarness(t)
	h.e.ZoomFit()
	h.e.SetSelection([]string{"T1"})
	h.w.Resize(fyne.NewSize(700, 380)) // refits: the view changes
	if len(h.e.r.overlay) == 0 {
		t.Fatal("no overlay object")
	}
	outline := h.e.r.overlay[0] // the selection outline comes first
	want := h.e.v.toScreen(h.bounds("T1").Center())
	got := outline.Position().Add(fyne.NewPos(outline.Size().Width/2, outline.Size().Height/2))
	if abs32(got.X-want.X) > 1 || abs32(got.Y-want.Y) > 1 {
		t.Errorf("after a resize the outline is centred on %v, T1 on %v", got, want)
	}
}

func TestViewHoldsOnceTheUserWorks(t *testing.T) {
	h := newHarness(t)
	h.e.ZoomFit()
	h.w.Resize(fyne.NewSize(900, 400)) // still fitted: follows the window
	if h.e.v != h.e.fitted(h.e.size) {
		t.Fatal("the view did not follow the resize before any work")
	}
	test.TapAt(h.e, h.centre("T1"))
	before := h.e.v
	h.w.Resize(fyne.NewSize(875, 400)) // e.g. the side panel grew by 25
	if h.e.v != before {
		t.Errorf("after a click and a resize the view changed from %+v to %+v", before, h.e.v)
	}
	h.shortcut(fyne.Key0, fyne.KeyModifierControl)
	h.w.Resize(fyne.NewSize(1000, 440))
	if h.e.v != h.e.fitted(h.e.size) {
		t.Error("after Ctrl+0 the view does not follow the window again")
	}
}
