package canvas

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"lanemap/edit"
	"lanemap/model"
)

// threeLanes is a pool of three lanes L1, L2, L3, each 100 deep and
// holding one task N1, N2, N3. Horizontal pools stack the lanes top to
// bottom right of the pool's band (x 0–30); vertical ones left to right
// below it (y 0–30).
func threeLanes(horiz bool) *model.Definitions {
	d := &model.Definitions{ID: "Defs"}
	proc := &model.Process{ID: "Proc", LaneSetID: "LaneSet"}
	pool := &model.Participant{ID: "Pool", Name: "Socialtjänsten", ProcessRef: proc.ID}
	d.Collaborations = []*model.Collaboration{{ID: "Collab", Participants: []*model.Participant{pool}}}
	d.Processes = []*model.Process{proc}
	g := &model.Diagram{ID: "Diagram", PlaneID: "Plane", Element: "Collab"}
	d.Diagrams = []*model.Diagram{g}
	shape := func(id string, r model.Rect) {
		g.Shapes = append(g.Shapes, &model.Shape{ID: id + "_di", Element: id, Bounds: r, IsHorizontal: model.Bool(horiz)})
	}
	flip := func(r model.Rect) model.Rect {
		if horiz {
			return r
		}
		return model.Rect{X: r.Y, Y: r.X, W: r.H, H: r.W}
	}
	shape("Pool", flip(model.Rect{X: 0, Y: 0, W: 1000, H: 300}))
	for i, name := range []string{"Mottagning", "Handläggare", "Chef"} {
		id := "L" + string(rune('1'+i))
		l := &model.Lane{ID: id, Name: name}
		proc.Lanes = append(proc.Lanes, l)
		shape(id, flip(model.Rect{X: 30, Y: float64(100 * i), W: 970, H: 100}))
		n := "N" + string(rune('1'+i))
		d.Nodes = append(d.Nodes, &model.Node{ID: n, Kind: model.Task, Name: "Steg " + n, Container: proc.ID, CancelActivity: true, IsInterrupting: true})
		l.NodeRefs = append(l.NodeRefs, n)
		at := model.Rect{X: float64(200 + 200*i), Y: float64(100*i) + 10, W: 100, H: 80}
		if !horiz { // across the lane, the task's own shape stays upright
			at = model.Rect{X: float64(100*i) + 10, Y: float64(100 + 100*i), W: 80, H: 60}
		}
		g.Shapes = append(g.Shapes, &model.Shape{ID: n + "_di", Element: n, Bounds: at})
	}
	return d
}

func newHarnessOf(t *testing.T, d *model.Definitions) *harness {
	t.Helper()
	test.NewTempApp(t)
	h := &harness{t: t, s: edit.NewSession(d, nil)}
	h.e = NewEditor(h.s)
	h.w = test.NewWindow(h.e)
	h.w.SetPadded(false)
	h.w.Resize(fyne.NewSize(1040, 440))
	t.Cleanup(h.w.Close)
	h.e.SetZoom(1)
	h.e.v.ox, h.e.v.oy = -20, -20
	h.e.Refresh()
	return h
}

// laneOrder is the process's top-level lanes, in order.
func (h *harness) laneOrder() string {
	s := ""
	for _, l := range h.s.Doc.Processes[0].Lanes {
		s += l.ID
	}
	return s
}

func TestDragLaneHeaderReorders(t *testing.T) {
	tests := []struct {
		name      string
		horiz     bool
		lane      string
		from      model.Point // on the lane's header band
		step      fyne.Delta  // four of these
		order     string
		node      string // the lane's task, which moves along
		dx, dy    float64
		laneStart float64 // the lane's new start along the stacking axis
	}{
		{"horizontal: first below the last", true, "L1", model.Point{X: 45, Y: 50}, fyne.Delta{DY: 57.5}, "L2L3L1", "N1", 0, 200, 200},
		{"horizontal: last to the top", true, "L3", model.Point{X: 45, Y: 250}, fyne.Delta{DY: -57.5}, "L3L1L2", "N3", 0, -200, 0},
		{"horizontal: first one down", true, "L1", model.Point{X: 45, Y: 50}, fyne.Delta{DY: 30}, "L2L1L3", "N1", 0, 100, 100},
		{"vertical: last to the left", false, "L3", model.Point{X: 250, Y: 45}, fyne.Delta{DX: -57.5}, "L3L1L2", "N3", -200, 0, 0},
		{"vertical: first to the right", false, "L1", model.Point{X: 50, Y: 45}, fyne.Delta{DX: 57.5}, "L2L3L1", "N1", 200, 0, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarnessOf(t, threeLanes(tc.horiz))
			lane, node := h.bounds(tc.lane), h.bounds(tc.node)
			h.realDrag(h.at(tc.from.X, tc.from.Y), steps(4, tc.step.DX, tc.step.DY)...)
			if got := h.laneOrder(); got != tc.order {
				t.Fatalf("lane order %s, want %s", got, tc.order)
			}
			got := h.bounds(tc.lane)
			if start := map[bool]float64{true: got.Y, false: got.X}[tc.horiz]; start != tc.laneStart {
				t.Errorf("%s now at %v, want it to start at %v", tc.lane, got, tc.laneStart)
			}
			if want := node.Translate(tc.dx, tc.dy); h.bounds(tc.node) != want {
				t.Errorf("%s at %v, want %v (moved with its lane)", tc.node, h.bounds(tc.node), want)
			}
			h.wantSel(tc.lane)
			if !h.s.Undo() || h.s.Stack.CanUndo() {
				t.Fatal("the lane move was not exactly one undo step")
			}
			if h.laneOrder() != "L1L2L3" || h.bounds(tc.lane) != lane || h.bounds(tc.node) != node {
				t.Errorf("undo left order %s, %s at %v", h.laneOrder(), tc.lane, h.bounds(tc.lane))
			}
		})
	}
}

func TestDragLaneHeaderWithinItsSlotCommitsNothing(t *testing.T) {
	for _, horiz := range []bool{true, false} {
		h := newHarnessOf(t, threeLanes(horiz))
		from, step := h.at(45, 150), fyne.Delta{DY: 12} // L2's band, a little down
		if !horiz {
			from, step = h.at(150, 45), fyne.Delta{DX: -12}
		}
		h.realDrag(from, steps(3, step.DX, step.DY)...)
		if h.s.Stack.CanUndo() || h.laneOrder() != "L1L2L3" {
			t.Errorf("horizontal %v: a drag within the lane's own slot changed the map (%s)", horiz, h.laneOrder())
		}
		// Out and back again: nothing either.
		h.realDrag(from, fyne.Delta{DX: step.DX * 10, DY: step.DY * 10}, fyne.Delta{DX: -step.DX * 10, DY: -step.DY * 10})
		if h.s.Stack.CanUndo() {
			t.Errorf("horizontal %v: a drag back to its start committed", horiz)
		}
	}
}

func TestLaneMovePreviewAndEscape(t *testing.T) {
	h := newHarnessOf(t, threeLanes(true))
	from := h.at(45, 50)
	h.e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	h.e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: from.AddXY(0, 230)}, Dragged: fyne.Delta{DY: 230}})
	if h.e.drag.kind != dragLaneMove {
		t.Fatalf("drag kind %v, want a lane move", h.e.drag.kind)
	}
	delta, ghost, a, b := h.e.laneMoveTarget()
	if delta != 2 || ghost.Y != 230 || a.Y != 300 || b.Y != 300 || a.X != 30 || b.X != 1000 {
		t.Errorf("target: delta %d, ghost %v, line %v–%v; want 2, y 230, y 300 from x 30 to 1000", delta, ghost, a, b)
	}
	h.key(fyne.KeyEscape)
	h.e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: from.AddXY(0, 240)}, Dragged: fyne.Delta{DY: 10}})
	h.e.MouseUp(&desktop.MouseEvent{})
	h.e.DragEnd()
	if h.s.Stack.CanUndo() || h.laneOrder() != "L1L2L3" {
		t.Error("a lane move cancelled with Escape still moved the lane")
	}
}

func TestLaneHeaderDragKeepsPoolMoveAndLasso(t *testing.T) {
	h := newHarnessOf(t, threeLanes(true))
	pool, n1 := h.bounds("Pool"), h.bounds("N1")
	h.realDrag(h.at(15, 150), steps(4, 0, 10)...) // the pool's band
	if got := h.bounds("Pool"); got.Y != pool.Y+40 || h.bounds("N1").Y != n1.Y+40 {
		t.Errorf("the pool's header no longer moves the pool: %v", got)
	}
	h.wantSel("Pool")
	if !h.s.Undo() || h.s.Stack.CanUndo() {
		t.Fatal("the pool move was not one undo step")
	}
	// A drag in a lane's body lassos.
	h.realDrag(h.at(150, 5), steps(2, 85, 45)...)
	h.wantSel("N1")
	if h.s.Stack.CanUndo() || h.laneOrder() != "L1L2L3" {
		t.Error("a lasso in a lane changed the map")
	}
	// A lane's edge still resizes (the tasks fill the lanes, so the
	// outer one: an inner line would cut through a task).
	l3 := h.bounds("L3")
	h.realDrag(h.at(800, 300), steps(2, 0, 10)...)
	if got := h.bounds("L3"); got.H != l3.H+20 || h.laneOrder() != "L1L2L3" {
		t.Errorf("the lane edge drag gave L3 %v, order %s", got, h.laneOrder())
	}
}

func TestVerticalPoolHeaderStillMovesThePool(t *testing.T) {
	h := newHarnessOf(t, threeLanes(false))
	pool := h.bounds("Pool")
	h.realDrag(h.at(150, 15), steps(4, 10, 0)...) // the pool's band, above L2's
	if got := h.bounds("Pool"); got.X != pool.X+40 || h.laneOrder() != "L1L2L3" {
		t.Errorf("pool at %v, order %s; want it 40 to the right, lanes as they were", got, h.laneOrder())
	}
	h.wantSel("Pool")
}
