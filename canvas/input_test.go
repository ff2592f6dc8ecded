package canvas

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"lanemap/model"
)

func TestTapSelects(t *testing.T) {
	h := newHarness(t)
	test.TapAt(h.e, h.centre("T1"))
	h.wantSel("T1")
	test.TapAt(h.e, h.centre("End"))
	h.wantSel("End")
	if len(h.sel) != 2 || !slices.Equal(h.sel[1], []string{"End"}) {
		t.Errorf("OnSelectionChanged calls = %v", h.sel)
	}
	// A lane under the pointer is selectable too (for its properties)…
	test.TapAt(h.e, h.at(800, 100))
	h.wantSel("LaneA")
	// …and outside the pool nothing is.
	test.TapAt(h.e, h.at(500, 410))
	h.wantSel()
}

func TestShiftTapToggles(t *testing.T) {
	h := newHarness(t)
	test.TapAt(h.e, h.centre("T1"))
	shiftTap := func(id string) {
		h.e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		test.TapAt(h.e, h.centre(id))
		h.e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	}
	shiftTap("T2")
	h.wantSel("T1", "T2")
	shiftTap("T1")
	h.wantSel("T2")
	// The modifier of a MouseDown counts as well (the GLFW driver's way).
	h.e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: h.centre("End")}, Modifier: fyne.KeyModifierShift})
	test.TapAt(h.e, h.centre("End"))
	h.wantSel("T2", "End")
	test.TapAt(h.e, h.centre("Start")) // no Shift: a fresh selection
	h.wantSel("Start")
}

func TestLasso(t *testing.T) {
	h := newHarness(t)
	// From empty pool space left of the start event to below T2: encloses
	// Start, T1 and T2 but not End.
	from := h.at(60, 40)
	to := h.at(560, 380)
	test.Drag(h.w.Canvas(), from, to.X-from.X, to.Y-from.Y)
	h.wantSel("Start", "T1", "T2")
	if h.s.Stack.CanUndo() {
		t.Error("a lasso recorded an undo step")
	}
	// The same with the driver's event sequence and Shift adding.
	h.e.SetSelection([]string{"End"})
	h.e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	a := h.at(560, 240)
	b := h.at(700, 360)
	h.realDrag(a, steps(4, (b.X-a.X)/4, (b.Y-a.Y)/4)...)
	h.e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	h.wantSel("End")
	h.realDrag(h.at(380, 230), steps(4, 40, 40)...) // T2 alone, no Shift
	h.wantSel("T2")
}

func TestDragMoveIsOneUndoStep(t *testing.T) {
	h := newHarness(t)
	before := h.bounds("T1")
	// Ten small moves, as a real drag delivers them; the grabbed node was
	// not selected before, so the drag selects it.
	h.realDrag(h.centre("T1"), steps(10, 7.3, 1.1)...)
	h.wantSel("T1")
	after := h.bounds("T1")
	dx, dy := after.X-before.X, after.Y-before.Y
	// 73 × 11 raw: the centre snaps to the 10-unit grid.
	if dx != 70 || dy != 10 {
		t.Fatalf("moved by (%v, %v), want (70, 10)", dx, dy)
	}
	if !h.s.Undo() {
		t.Fatal("nothing to undo")
	}
	if got := h.bounds("T1"); got != before {
		t.Fatalf("after one undo T1 is at %v, want %v", got, before)
	}
	if h.s.Stack.CanUndo() {
		t.Fatal("the drag recorded more than one undo step")
	}
}

func TestDragMoveWithTestDrag(t *testing.T) {
	h := newHarness(t)
	h.e.SetSelection([]string{"T1", "Start"})
	start, t1 := h.bounds("Start"), h.bounds("T1")
	c := h.centre("T1")
	test.Drag(h.w.Canvas(), c, 48, 0)
	if got := h.bounds("T1"); got.X-t1.X != 50 {
		t.Errorf("T1 moved by %v, want 50", got.X-t1.X)
	}
	if got := h.bounds("Start"); got.X-start.X != 50 {
		t.Errorf("Start moved by %v with it, want 50", got.X-start.X)
	}
	h.wantSel("T1", "Start")
}

func TestDragMoveAlignsWithGuide(t *testing.T) {
	h := newHarness(t)
	// T2's centre is at y=300; dragging T1 (centre y=100) down by 197
	// catches that line and shows a guide while dragging.
	h.e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: h.centre("T1")}})
	from := h.centre("T1")
	h.e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: from.AddXY(0, 197)}, Dragged: fyne.Delta{DY: 197}})
	if len(h.e.drag.guides) == 0 {
		t.Fatal("no alignment guide while dragging onto T2's centre line")
	}
	if h.e.drag.dy != 200 {
		t.Errorf("preview offset %v, want 200", h.e.drag.dy)
	}
	if h.s.Stack.CanUndo() {
		t.Fatal("the model changed before the release")
	}
	h.e.MouseUp(&desktop.MouseEvent{})
	h.e.DragEnd()
	if got := h.bounds("T1").Center().Y; got != 300 {
		t.Errorf("T1 centre y = %v, want 300", got)
	}
}

func TestResizeHandle(t *testing.T) {
	h := newHarness(t)
	h.e.SetSelection([]string{"T1"})
	r := h.bounds("T1")
	se := h.e.v.toScreen(r.Max())
	h.realDrag(se, fyne.Delta{DX: 31, DY: 19})
	want := model.Rect{X: r.X, Y: r.Y, W: 130, H: 100}
	if got := h.bounds("T1"); got != want {
		t.Errorf("after resize T1 = %v, want %v", got, want)
	}
}

func TestConnectHandle(t *testing.T) {
	h := newHarness(t)
	h.e.SetSelection([]string{"Start"})
	var handle fyne.Position
	for _, hd := range h.e.handles("Start") {
		if hd.h == noHandle {
			handle = hd.at
		}
	}
	n := len(h.s.Doc.Flows)
	to := h.centre("End")
	h.realDrag(handle, fyne.Delta{DX: to.X - handle.X, DY: to.Y - handle.Y})
	if len(h.s.Doc.Flows) != n+1 {
		t.Fatalf("flows = %d, want %d", len(h.s.Doc.Flows), n+1)
	}
	f := h.s.Doc.Flows[len(h.s.Doc.Flows)-1]
	if f.Source != "Start" || f.Target != "End" {
		t.Errorf("new flow %s → %s, want Start → End", f.Source, f.Target)
	}
}

func TestConnectTool(t *testing.T) {
	h := newHarness(t)
	h.e.SetTool(Connect)
	n := len(h.s.Doc.Flows)
	a, b := h.centre("T1"), h.centre("End")
	test.Drag(h.w.Canvas(), a, b.X-a.X, b.Y-a.Y)
	if len(h.s.Doc.Flows) != n+1 {
		t.Fatalf("flows = %d, want %d", len(h.s.Doc.Flows), n+1)
	}
}

func TestCreateTool(t *testing.T) {
	h := newHarness(t)
	h.e.SetTool(CreateTool(model.UserTask))
	test.TapAt(h.e, h.at(803, 297))
	id := h.e.single()
	n := h.s.Doc.Node(id)
	if n == nil || n.Kind != model.UserTask {
		t.Fatalf("selection after placing = %v", h.e.Selection())
	}
	if c := h.bounds(id).Center(); c != (model.Point{X: 800, Y: 300}) {
		t.Errorf("placed at %v, want the grid point (800, 300)", c)
	}
	if l := h.s.Doc.LaneOf(id); l == nil || l.ID != "LaneB" {
		t.Errorf("lane = %v, want LaneB", l)
	}
	if h.e.Tool() != Select {
		t.Errorf("tool after placing = %v, want select", h.e.Tool())
	}
}

func TestPan(t *testing.T) {
	h := newHarness(t)
	ox, oy := h.e.v.ox, h.e.v.oy
	// Middle button drags the paper.
	h.e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: h.centre("T1")}, Button: desktop.MouseButtonTertiary})
	h.e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: h.centre("T1").AddXY(30, 10)}, Dragged: fyne.Delta{DX: 30, DY: 10}})
	h.e.MouseUp(&desktop.MouseEvent{Button: desktop.MouseButtonTertiary})
	h.e.DragEnd()
	if h.e.v.ox != ox-30 || h.e.v.oy != oy-10 {
		t.Errorf("origin (%v, %v), want (%v, %v)", h.e.v.ox, h.e.v.oy, ox-30, oy-10)
	}
	if h.s.Stack.CanUndo() || h.bounds("T1").X != 200 {
		t.Error("panning changed the model")
	}
	// Space + drag pans too.
	h.e.KeyDown(&fyne.KeyEvent{Name: fyne.KeySpace})
	test.Drag(h.w.Canvas(), h.centre("T1"), -30, -10)
	h.e.KeyUp(&fyne.KeyEvent{Name: fyne.KeySpace})
	if h.e.v.ox != ox || h.e.v.oy != oy {
		t.Errorf("origin (%v, %v), want (%v, %v)", h.e.v.ox, h.e.v.oy, ox, oy)
	}
	// The wheel scrolls; Ctrl+wheel zooms about the pointer.
	test.Scroll(h.w.Canvas(), h.at(500, 200), 0, -40)
	if h.e.v.oy != oy+40 {
		t.Errorf("wheel: oy = %v, want %v", h.e.v.oy, oy+40)
	}
	p := h.centre("T2")
	before := h.e.v.toModel(p)
	h.e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	h.e.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: p}, Scrolled: fyne.Delta{DY: 10}})
	h.e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	if h.e.Zoom() <= 1 {
		t.Errorf("Ctrl+wheel up: zoom %v, want > 1", h.e.Zoom())
	}
	if after := h.e.v.toModel(p); abs64(after.X-before.X) > 1e-6 || abs64(after.Y-before.Y) > 1e-6 {
		t.Errorf("the point under the pointer moved from %v to %v", before, after)
	}
}

func abs64(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func TestDoubleClickEditsLabel(t *testing.T) {
	h := newHarness(t)
	clock := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	h.e.now = func() time.Time { return clock }
	test.TapAt(h.e, h.centre("T2"))
	if h.e.editing != "" {
		t.Fatal("a single click started editing")
	}
	clock = clock.Add(200 * time.Millisecond)
	test.TapAt(h.e, h.centre("T2"))
	if h.e.editing != "T2" {
		t.Fatalf("double click: editing %q, want T2", h.e.editing)
	}
	// Slow clicks are two single clicks.
	h.e.cancelLabel()
	clock = clock.Add(time.Second)
	test.TapAt(h.e, h.centre("T1"))
	clock = clock.Add(time.Second)
	test.TapAt(h.e, h.centre("T1"))
	if h.e.editing != "" {
		t.Error("two slow clicks started editing")
	}
}

func TestZoom(t *testing.T) {
	h := newHarness(t)
	h.e.ZoomIn()
	if z := h.e.Zoom(); abs64(z-zoomStep) > 1e-9 {
		t.Errorf("ZoomIn: %v", z)
	}
	h.e.ZoomOut()
	h.e.ZoomOut()
	if z := h.e.Zoom(); abs64(z-1/zoomStep) > 1e-9 {
		t.Errorf("ZoomOut: %v", z)
	}
	h.shortcut(fyne.Key0, fyne.KeyModifierControl)
	vis := h.e.v.visible(h.e.size)
	if !vis.ContainsRect(h.e.scene.Bounds) {
		t.Errorf("after fit the view %v does not hold the map %v", vis, h.e.scene.Bounds)
	}
	// Fitting leaves a margin but not a big one on the tighter axis.
	b := h.e.scene.Bounds
	if tight := min(vis.W/b.W, vis.H/b.H); tight > 1.2 {
		t.Errorf("after fit the map fills only 1/%.2f of the view", tight)
	}
	h.e.SetZoom(100)
	if h.e.Zoom() != maxZoom {
		t.Errorf("SetZoom(100) = %v, want the limit %v", h.e.Zoom(), maxZoom)
	}
	h.shortcut(fyne.Key1, fyne.KeyModifierControl)
	if h.e.Zoom() != 1 {
		t.Errorf("Ctrl+1: zoom %v", h.e.Zoom())
	}
	h.shortcut(fyne.KeyEqual, fyne.KeyModifierControl|fyne.KeyModifierShift)
	if h.e.Zoom() <= 1 {
		t.Errorf("Ctrl++: zoom %v", h.e.Zoom())
	}
}

func TestPickPrefersNodesOverNearbyFlows(t *testing.T) {
	h := newHarness(t)
	h.e.SetZoom(0.3)
	// Inside T1, a few pixels from where F2 leaves its right edge: within
	// the flow's tolerance, but the click means the task.
	r := h.bounds("T1")
	if got := h.e.pick(h.at(r.X+r.W-6, 100)); got != "T1" {
		t.Errorf("click inside T1 near F2 picked %q", got)
	}
	// Right on the line outside any node: the flow.
	if got := h.e.pick(h.at(350, 200)); got != "F2" {
		t.Errorf("click on F2 picked %q", got)
	}
	// Just beside the line: still the flow, not the lane under it.
	if got := h.e.pick(h.at(350+2/0.3, 250)); got != "F2" {
		t.Errorf("click beside F2 picked %q", got)
	}
	if got := h.e.pick(h.at(800, 300)); got != "LaneB" {
		t.Errorf("click on empty lane picked %q", got)
	}
}

func TestDragLaneEdge(t *testing.T) {
	h := newHarness(t)
	a, b := h.bounds("LaneA"), h.bounds("LaneB")
	// The line between the lanes, away from any node.
	h.realDrag(h.at(800, 200), steps(4, 0, 10.5)...)
	if got := h.bounds("LaneA"); got.H != a.H+40 {
		t.Errorf("LaneA height %v, want %v", got.H, a.H+40)
	}
	if got := h.bounds("LaneB"); got.Y+got.H != b.Y+b.H {
		t.Errorf("LaneB bottom moved: %v (balanced resize keeps the pool)", got)
	}
	if !h.s.Undo() || h.bounds("LaneA") != a || h.s.Stack.CanUndo() {
		t.Error("the lane resize was not one undo step")
	}
	// The pool's right edge widens it.
	pool := h.bounds("Pool")
	h.realDrag(h.at(1000, 300), fyne.Delta{DX: 18})
	if got := h.bounds("Pool"); got.W != pool.W+20 {
		t.Errorf("pool width %v, want %v", got.W, pool.W+20)
	}
	h.wantSel() // a lane drag neither lassos nor selects
}

func TestCursor(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		at   fyne.Position
		tool Tool
		want desktop.Cursor
	}{
		{h.at(800, 200), Select, desktop.VResizeCursor},  // between the lanes
		{h.at(1000, 300), Select, desktop.HResizeCursor}, // the pool's right edge
		{h.at(800, 300), Select, desktop.DefaultCursor},
		{h.centre("T1"), Select, desktop.DefaultCursor},
		{h.at(800, 300), Connect, desktop.CrosshairCursor},
		{h.at(800, 300), CreateTool(model.Task), desktop.CrosshairCursor},
	}
	for _, tt := range tests {
		h.e.SetTool(tt.tool)
		h.e.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: tt.at}})
		if got := h.e.Cursor(); got != tt.want {
			t.Errorf("cursor at %v with %s = %v, want %v", tt.at, tt.tool, got, tt.want)
		}
	}
}

func TestClickModifiersEndWithTheClick(t *testing.T) {
	h := newHarness(t)
	// A Shift+drag lasso, then a plain arrow key: the arrow walks, it does
	// not nudge as if Shift were still down.
	h.e.SetSelection([]string{"T1"})
	at := h.at(560, 240)
	h.e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: desktop.MouseButtonPrimary, Modifier: fyne.KeyModifierShift})
	h.e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at.AddXY(10, 10)}, Dragged: fyne.Delta{DX: 10, DY: 10}})
	h.e.MouseUp(&desktop.MouseEvent{})
	h.e.DragEnd()
	x := h.bounds("T1").X
	h.key(fyne.KeyRight)
	if h.bounds("T1").X != x {
		t.Error("an arrow after a Shift+drag nudged")
	}
	h.wantSel("T2")
}

func TestReconnectFlowEnd(t *testing.T) {
	h := newHarness(t)
	h.e.SetSelection([]string{"F3"}) // T2 → End
	end := h.e.v.toScreen(model.Point{X: 600, Y: 300})
	to := h.centre("T1")
	h.realDrag(end, fyne.Delta{DX: (to.X - end.X) / 2, DY: (to.Y - end.Y) / 2}, fyne.Delta{DX: (to.X - end.X) / 2, DY: (to.Y - end.Y) / 2})
	f := h.s.Doc.Flow("F3")
	if f.Source != "T2" || f.Target != "T1" {
		t.Fatalf("after dragging its end F3 is %s → %s, want T2 → T1", f.Source, f.Target)
	}
	if !h.s.Undo() || h.s.Doc.Flow("F3").Target != "End" || h.s.Stack.CanUndo() {
		t.Error("reconnecting was not one undo step")
	}
	// Dropped on nothing: nothing changes.
	h.e.SetSelection([]string{"F3"})
	start := h.e.v.toScreen(model.Point{X: 500, Y: 300})
	h.realDrag(start, fyne.Delta{DX: 0, DY: 80})
	if f := h.s.Doc.Flow("F3"); f.Source != "T2" || h.s.Stack.CanUndo() {
		t.Error("a drop on empty space reconnected")
	}
}

func TestScrollBarDrag(t *testing.T) {
	h := newHarness(t)
	h.e.SetZoom(2) // the map no longer fits: both bars show
	bars := h.e.scrollBarGeometry()
	if len(bars) != 2 {
		t.Fatalf("%d scroll bars at 200 %%", len(bars))
	}
	ox, oy := h.e.v.ox, h.e.v.oy
	hb := bars[0]
	h.realDrag(hb.pos.AddXY(hb.size.Width/2, barThickness/2), fyne.Delta{DX: 40})
	if want := ox + 40*hb.perUnit; abs64(h.e.v.ox-want) > 1e-6 || h.e.v.oy != oy {
		t.Errorf("horizontal bar: origin (%v, %v), want (%v, %v)", h.e.v.ox, h.e.v.oy, want, oy)
	}
	if h.s.Stack.CanUndo() || len(h.e.Selection()) != 0 {
		t.Error("dragging a scroll bar changed the model or the selection")
	}
	vb := h.e.scrollBarGeometry()[1]
	h.realDrag(vb.pos.AddXY(barThickness/2, vb.size.Height/2), fyne.Delta{DY: 30})
	if want := oy + 30*vb.perUnit; abs64(h.e.v.oy-want) > 1e-6 {
		t.Errorf("vertical bar: oy %v, want %v", h.e.v.oy, want)
	}
}

func TestDragPoolByItsHeader(t *testing.T) {
	h := newHarness(t)
	pool, t1 := h.bounds("Pool"), h.bounds("T1")
	h.realDrag(h.at(15, 300), steps(4, 0, 10)...) // the pool's header band
	if got := h.bounds("Pool"); got.Y != pool.Y+40 {
		t.Errorf("pool at %v, want 40 lower than %v", got, pool)
	}
	if got := h.bounds("T1"); got.Y != t1.Y+40 {
		t.Errorf("T1 did not move with its pool: %v", got)
	}
	h.wantSel("Pool")
	if !h.s.Undo() || h.s.Stack.CanUndo() || h.bounds("Pool") != pool {
		t.Error("moving the pool was not one undo step")
	}
}

func TestEscapeCancelsADrag(t *testing.T) {
	h := newHarness(t)
	from := h.centre("T1")
	h.e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	h.e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: from.AddXY(50, 0)}, Dragged: fyne.Delta{DX: 50}})
	h.key(fyne.KeyEscape)
	h.e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: from.AddXY(90, 0)}, Dragged: fyne.Delta{DX: 40}})
	h.e.MouseUp(&desktop.MouseEvent{})
	h.e.DragEnd()
	if h.s.Stack.CanUndo() || h.bounds("T1").X != 200 {
		t.Error("a drag cancelled with Escape still moved T1")
	}
	// The next drag works again.
	h.realDrag(h.centre("T1"), fyne.Delta{DX: 50})
	if h.bounds("T1").X != 250 {
		t.Errorf("after a cancelled drag the next one moved T1 to %v", h.bounds("T1").X)
	}
}
