package canvas

import (
	"bytes"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	fcanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"lanemap/bpmn"
	"lanemap/edit"
	"lanemap/model"
)

// savedBPMN is the document as the app would save it.
func savedBPMN(t *testing.T, d *model.Definitions) string {
	t.Helper()
	var buf bytes.Buffer
	if err := bpmn.Encode(&buf, d, nil); err != nil {
		t.Fatalf("encode: %v", err)
	}
	return buf.String()
}

// oneStep runs a gesture and checks it is one undo step whose undo gives
// back the saved BPMN from before and whose redo the one from after.
func (h *harness) oneStep(gesture func()) {
	h.t.Helper()
	before, n := savedBPMN(h.t, h.s.Doc), h.s.Stack.Len()
	gesture()
	after := savedBPMN(h.t, h.s.Doc)
	if after == before {
		h.t.Fatal("the gesture changed nothing")
	}
	if got := h.s.Stack.Len() - n; got != 1 {
		h.t.Fatalf("the gesture recorded %d undo steps, want 1", got)
	}
	h.shortcut(fyne.KeyZ, fyne.KeyModifierControl)
	if got := savedBPMN(h.t, h.s.Doc); got != before {
		h.t.Fatal("after one undo the saved file differs from before the gesture")
	}
	h.shortcut(fyne.KeyZ, fyne.KeyModifierControl|fyne.KeyModifierShift)
	if got := savedBPMN(h.t, h.s.Doc); got != after {
		h.t.Fatal("after redo the saved file differs from after the gesture")
	}
}

// timerAt adds an intermediate timer event centred on (x, y) in LaneA.
func (h *harness) timerAt(x, y float64) string {
	h.t.Helper()
	id, err := h.s.AddTyped(edit.Spec{Kind: model.IntermediateCatchEvent, EventDefs: []string{model.TimerDef}}, "LaneA", model.Point{X: x, Y: y})
	if err != nil {
		h.t.Fatal(err)
	}
	return id
}

// dragTo drags from one model point to another in ten steps, calling
// during before the release.
func (h *harness) dragTo(from, to model.Point, during func()) {
	a, b := h.at(from.X, from.Y), h.at(to.X, to.Y)
	h.e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: a}, Button: desktop.MouseButtonPrimary})
	cur := a
	for _, d := range steps(10, (b.X-a.X)/10, (b.Y-a.Y)/10) {
		cur = cur.Add(d)
		h.e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: cur}, Dragged: d})
	}
	if during != nil {
		during()
	}
	h.e.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: cur}, Button: desktop.MouseButtonPrimary})
	h.e.DragEnd()
}

// attachMarked reports whether the overlay outlines host in the attach colour.
func (h *harness) attachMarked(host string) bool {
	p, s := h.e.v.rectToScreen(h.bounds(host))
	for _, o := range h.e.overlayObjects() {
		if r, ok := o.(*fcanvas.Rectangle); ok && r.StrokeColor == attachColor && r.Position() == p && r.Size() == s {
			return true
		}
	}
	return false
}

func (h *harness) wantBoundary(id, host string, centre model.Point, defs ...string) {
	h.t.Helper()
	n := h.s.Doc.Node(id)
	if n == nil || n.Kind != model.BoundaryEvent || n.AttachedTo != host || !n.CancelActivity {
		h.t.Fatalf("%s is %+v, want an interrupting boundary event on %s", id, n, host)
	}
	if !slices.Equal(n.EventDefs, defs) {
		h.t.Errorf("triggers %v, want %v", n.EventDefs, defs)
	}
	if c := h.bounds(id).Center(); c != centre {
		h.t.Errorf("centre %v, want %v on the border", c, centre)
	}
}

func TestDropEventOnTaskBorderAttaches(t *testing.T) {
	h := newHarness(t)
	ev := h.timerAt(500, 100)
	// T1 is x 200–300, y 60–140: drop just below its bottom edge.
	h.oneStep(func() {
		h.dragTo(model.Point{X: 500, Y: 100}, model.Point{X: 247, Y: 146}, func() {
			if h.e.drag.attach != "T1" || h.e.drag.attachAt != (model.Point{X: 250, Y: 140}) {
				t.Errorf("while over the border: attach %q at %v", h.e.drag.attach, h.e.drag.attachAt)
			}
			if !h.attachMarked("T1") {
				t.Error("the target task is not highlighted while dragging over its border")
			}
		})
	})
	h.wantBoundary(ev, "T1", model.Point{X: 250, Y: 140}, model.TimerDef)
	if l := h.s.Doc.LaneOf(ev); l == nil || l.ID != "LaneA" {
		t.Errorf("lane %v, want LaneA", l)
	}
}

func TestDropEventOnGatewayDoesNotAttach(t *testing.T) {
	h := newHarness(t)
	gw, err := h.s.AddNode(model.ExclusiveGateway, "LaneB", model.Point{X: 800, Y: 300})
	if err != nil {
		t.Fatal(err)
	}
	ev := h.timerAt(500, 100)
	// The gateway's top corner is (800, 275).
	h.dragTo(model.Point{X: 500, Y: 100}, model.Point{X: 800, Y: 272}, func() {
		if h.e.drag.attach != "" || h.attachMarked(gw) {
			t.Errorf("offered to attach to %q", h.e.drag.attach)
		}
	})
	n := h.s.Doc.Node(ev)
	if n.Kind != model.IntermediateCatchEvent || n.AttachedTo != "" {
		t.Fatalf("after the drop on a gateway: %s on %q", n.Kind, n.AttachedTo)
	}
	if c := h.bounds(ev).Center(); abs64(c.X-800) > 10 || abs64(c.Y-272) > 10 {
		t.Errorf("moved to %v, want about (800, 272)", c)
	}
	// Nor onto an event's outline.
	h.dragTo(h.bounds(ev).Center(), model.Point{X: 640, Y: 282}, func() {
		if h.e.drag.attach != "" {
			t.Errorf("offered to attach to %q", h.e.drag.attach)
		}
	})
	if n := h.s.Doc.Node(ev); n.Kind != model.IntermediateCatchEvent {
		t.Errorf("dropped on an end event it became a %s", n.Kind)
	}
}

func TestDragBoundaryAlongBorder(t *testing.T) {
	h := newHarness(t)
	ev := h.timerAt(500, 100)
	if err := h.s.AttachBoundary(ev, "T1", model.Point{X: 220, Y: 140}); err != nil {
		t.Fatal(err)
	}
	h.oneStep(func() {
		h.dragTo(model.Point{X: 220, Y: 140}, model.Point{X: 281, Y: 152}, func() {
			if h.e.drag.attach != "T1" || h.e.drag.detach {
				t.Errorf("while sliding: attach %q, detach %v", h.e.drag.attach, h.e.drag.detach)
			}
		})
	})
	h.wantBoundary(ev, "T1", model.Point{X: 280, Y: 140}, model.TimerDef)
	// Round the corner onto the right edge.
	h.oneStep(func() { h.dragTo(model.Point{X: 280, Y: 140}, model.Point{X: 306, Y: 112}, nil) })
	h.wantBoundary(ev, "T1", model.Point{X: 300, Y: 110}, model.TimerDef)
}

func TestDragBoundaryAwayDetaches(t *testing.T) {
	h := newHarness(t)
	ev := h.timerAt(500, 100)
	if err := h.s.AttachBoundary(ev, "T1", model.Point{X: 220, Y: 140}); err != nil {
		t.Fatal(err)
	}
	out, err := h.s.Connect(ev, "T2")
	if err != nil {
		t.Fatal(err)
	}
	h.oneStep(func() {
		h.dragTo(model.Point{X: 220, Y: 140}, model.Point{X: 222, Y: 297}, func() {
			if h.e.drag.attach != "" || !h.e.drag.detach {
				t.Errorf("well away: attach %q, detach %v", h.e.drag.attach, h.e.drag.detach)
			}
		})
	})
	n := h.s.Doc.Node(ev)
	if n.Kind != model.IntermediateCatchEvent || n.AttachedTo != "" || !slices.Equal(n.EventDefs, []string{model.TimerDef}) {
		t.Fatalf("after detaching: %s on %q with %v", n.Kind, n.AttachedTo, n.EventDefs)
	}
	c := h.bounds(ev).Center()
	if abs64(c.X-222) > 10 || abs64(c.Y-297) > 10 {
		t.Errorf("centre %v, want about the drop point (222, 297)", c)
	}
	if l := h.s.Doc.LaneOf(ev); l == nil || l.ID != "LaneB" {
		t.Errorf("lane %v, want LaneB", l)
	}
	if h.s.Doc.Flow(out) == nil {
		t.Error("the outgoing flow went")
	}
	// And back on: the detached event attaches again.
	h.oneStep(func() { h.dragTo(c, model.Point{X: 450, Y: 338}, nil) })
	h.wantBoundary(ev, "T2", model.Point{X: 450, Y: 340}, model.TimerDef)
}

func TestBoundaryToAnotherTask(t *testing.T) {
	h := newHarness(t)
	ev := h.timerAt(500, 100)
	if err := h.s.AttachBoundary(ev, "T1", model.Point{X: 220, Y: 140}); err != nil {
		t.Fatal(err)
	}
	// T2 is x 400–500, y 260–340.
	h.oneStep(func() { h.dragTo(model.Point{X: 220, Y: 140}, model.Point{X: 430, Y: 255}, nil) })
	h.wantBoundary(ev, "T2", model.Point{X: 430, Y: 260}, model.TimerDef)
	if l := h.s.Doc.LaneOf(ev); l == nil || l.ID != "LaneB" {
		t.Errorf("lane %v, want LaneB", l)
	}
}

func TestCreateToolOnBorder(t *testing.T) {
	cases := []struct {
		name string
		sp   edit.Spec
		at   model.Point
		want model.Point
	}{
		{"timer on the bottom edge", edit.Spec{Kind: model.IntermediateCatchEvent, EventDefs: []string{model.TimerDef}}, model.Point{X: 253, Y: 144}, model.Point{X: 250, Y: 140}},
		{"message on the left edge", edit.Spec{Kind: model.IntermediateCatchEvent, EventDefs: []string{model.MessageDef}}, model.Point{X: 197, Y: 92}, model.Point{X: 200, Y: 90}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			tool := CreateTypedTool(c.sp)
			if got := tool.Spec(); got.Kind != c.sp.Kind || !slices.Equal(got.EventDefs, c.sp.EventDefs) {
				t.Fatalf("tool %q gives spec %+v", tool, got)
			}
			h.e.SetTool(tool)
			h.e.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: h.at(c.at.X, c.at.Y)}})
			if !h.attachMarked("T1") {
				t.Error("hovering over the border with the tool does not mark the task")
			}
			var id string
			h.oneStep(func() {
				test.TapAt(h.e, h.at(c.at.X, c.at.Y))
				id = h.e.single()
			})
			h.s.Undo()
			if h.s.Doc.Node(id) != nil {
				t.Fatal("one undo left part of the new event")
			}
			h.s.Redo()
			h.wantBoundary(id, "T1", c.want, c.sp.EventDefs...)
		})
	}
}

func TestCreateToolDragOntoBorder(t *testing.T) {
	h := newHarness(t)
	h.e.SetTool(CreateTypedTool(edit.Spec{Kind: model.IntermediateCatchEvent, EventDefs: []string{model.TimerDef}}))
	var id string
	h.oneStep(func() {
		h.dragTo(model.Point{X: 700, Y: 100}, model.Point{X: 296, Y: 100}, func() {
			if h.e.drag.kind != dragCreate || h.e.drag.attach != "T1" || !h.attachMarked("T1") {
				t.Errorf("dragging the new event over the border: kind %v attach %q", h.e.drag.kind, h.e.drag.attach)
			}
		})
		id = h.e.single()
	})
	h.wantBoundary(id, "T1", model.Point{X: 300, Y: 100}, model.TimerDef)
	if h.e.Tool() != Select {
		t.Errorf("tool after placing %q", h.e.Tool())
	}
}

func TestDragNewFromOutside(t *testing.T) {
	h := newHarness(t)
	abs := func(x, y float64) fyne.Position {
		return h.at(x, y).Add(fyne.CurrentApp().Driver().AbsolutePositionForObject(h.e))
	}
	tool := CreateTypedTool(edit.Spec{Kind: model.IntermediateCatchEvent, EventDefs: []string{model.MessageDef}})
	// Released off the map: nothing.
	h.e.DragNew(tool, fyne.NewPos(-50, -50))
	if h.e.DropNew() || h.s.Stack.CanUndo() {
		t.Fatal("a drop off the map placed something")
	}
	var ok bool
	var id string
	h.oneStep(func() {
		h.e.DragNew(tool, abs(600, 100))
		h.e.DragNew(tool, abs(430, 343))
		if h.e.drag.attach != "T2" || !h.attachMarked("T2") {
			t.Errorf("over T2's border: attach %q", h.e.drag.attach)
		}
		ok = h.e.DropNew()
		id = h.e.single()
	})
	if !ok {
		t.Fatal("DropNew placed nothing")
	}
	h.wantBoundary(id, "T2", model.Point{X: 430, Y: 340}, model.MessageDef)
}

func TestCreateTypedIsOneStep(t *testing.T) {
	cases := []struct {
		name string
		sp   edit.Spec
	}{
		{"timer event", edit.Spec{Kind: model.IntermediateCatchEvent, EventDefs: []string{model.TimerDef}}},
		{"message event", edit.Spec{Kind: model.IntermediateCatchEvent, EventDefs: []string{model.MessageDef}}},
		{"collapsed sub-process", edit.Spec{Kind: model.SubProcess, Collapsed: true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			h.e.SetTool(CreateTypedTool(c.sp))
			before := savedBPMN(t, h.s.Doc)
			test.TapAt(h.e, h.at(803, 297))
			id := h.e.single()
			n := h.s.Doc.Node(id)
			if n == nil || n.Kind != c.sp.Kind || !slices.Equal(n.EventDefs, c.sp.EventDefs) {
				t.Fatalf("placed %+v, want %+v", n, c.sp)
			}
			if sh := h.s.Diagram.Shape(id); c.sp.Collapsed && (sh.IsExpanded == nil || *sh.IsExpanded) {
				t.Error("the sub-process is not collapsed")
			}
			after := savedBPMN(t, h.s.Doc)
			h.shortcut(fyne.KeyZ, fyne.KeyModifierControl)
			if got := savedBPMN(t, h.s.Doc); got != before || h.s.Doc.Node(id) != nil {
				t.Fatal("one undo did not remove the new element whole")
			}
			h.shortcut(fyne.KeyY, fyne.KeyModifierControl)
			if got := savedBPMN(t, h.s.Doc); got != after {
				t.Fatal("the saved file after redo differs from the one before undo")
			}
		})
	}
}

func TestAttachSaysWhichFlowsWent(t *testing.T) {
	h := newHarness(t)
	ev := h.timerAt(500, 100)
	in, err := h.s.Connect("Start", ev)
	if err != nil {
		t.Fatal(err)
	}
	var last string
	h.e.OnStatus = func(s string) { last = s }
	h.oneStep(func() { h.dragTo(model.Point{X: 500, Y: 100}, model.Point{X: 250, Y: 143}, nil) })
	if h.s.Doc.Flow(in) != nil {
		t.Fatal("a flow into the boundary event survived")
	}
	if want := "1 flows it cannot keep were removed"; !bytes.Contains([]byte(last), []byte(want)) {
		t.Errorf("status %q does not say %q", last, want)
	}
}
