package canvas

import (
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"

	"lanemap/edit"
	"lanemap/model"
)

// dragKind is what the current drag does.
type dragKind int

const (
	dragNone dragKind = iota
	dragPan
	dragMove
	dragLasso
	dragResize
	dragConnect
	dragLaneEdge
	dragReconnect // source is the flow, h which end
	dragScroll    // a scroll bar's thumb
	dragLaneMove  // a lane dragged by its header band to another place among its siblings
	dragCreate    // a new element dragged to its place (create tool, or DragNew from the palette)
)

// gesture is the state of one press–drag–release.
type gesture struct {
	kind    dragKind
	pressed bool // a MouseDown came and no MouseUp yet
	pressAt fyne.Position
	button  desktop.MouseButton
	start   fyne.Position
	cur     fyne.Position
	add     bool // Shift held at the start: lasso adds to the selection

	// Move.
	ids     []string
	primary model.Rect // the grabbed shape: what snaps
	union   model.Rect
	others  []model.Rect
	dx, dy  float64
	guides  []guide
	// One event moved alone: where it would attach (attach, attachAt on
	// the border) or whether it comes off its host (detach); see attach.go.
	event    string
	attach   string
	attachAt model.Point
	detach   bool

	// Create: what is placed; outside is true while a DragNew is off the map.
	spec    edit.Spec
	outside bool

	// Resize.
	node string
	h    handle
	rect model.Rect

	// Connect.
	source, target string

	// Scroll bar being dragged.
	bar scrollBar

	// Lane edge: which side of which lane or pool, moved by delta (outwards
	// positive, as edit.ResizeLane takes it). Lane move: lane is the lane.
	lane  string
	edge  edit.Edge
	delta float64
}

// Timing and distance of a double click (the driver's own double tap would
// delay every single click, which a workshop feels).
const (
	doubleClickTime = 450 * time.Millisecond
	doubleClickDist = 6
	hitTolerance    = 4 // screen units around thin lines
	snapTolerance   = 6 // screen units within which guides catch
)

// mods returns the modifier keys held during the current click or drag,
// from every source there is.
func (e *Editor) mods() fyne.KeyModifier { return e.heldMods() | e.clickMods }

// heldMods returns the modifier keys held now, for keys and the wheel (a
// click's modifiers belong to that click only).
func (e *Editor) heldMods() fyne.KeyModifier {
	m := e.keyMods
	if a := fyne.CurrentApp(); a != nil {
		if d, ok := a.Driver().(desktop.Driver); ok {
			m |= d.CurrentKeyModifiers()
		}
	}
	return m
}

// pick returns the element a click at a widget position means: a flow
// right under the pointer, else the innermost node there, else a flow
// near the pointer (thin lines need slack), else a lane or pool. The
// scene's own order puts every flow within the tolerance first, which
// at small zooms would steal clicks on gateways and events from their
// own outgoing flows.
func (e *Editor) pick(pos fyne.Position) string {
	if e.scene == nil || !e.ready() {
		return ""
	}
	d := e.s.Doc
	p := e.v.toModel(pos)
	exact := e.scene.HitTest(p, 1/e.v.zoom)
	if len(exact) > 0 && d.Flow(exact[0]) != nil {
		return exact[0]
	}
	for _, id := range exact {
		if d.Node(id) != nil {
			return id
		}
	}
	near := e.scene.HitTest(p, hitTolerance/e.v.zoom)
	for _, id := range near {
		if d.Flow(id) != nil {
			return id
		}
	}
	for _, id := range append(exact, near...) {
		if d.Element(id) != nil {
			return id
		}
	}
	return ""
}

// pickNode is pick restricted to nodes (what moves and connects).
func (e *Editor) pickNode(pos fyne.Position) string {
	if e.scene == nil {
		return ""
	}
	for _, id := range e.scene.HitTest(e.v.toModel(pos), hitTolerance/e.v.zoom) {
		if e.isNode(id) {
			return id
		}
	}
	return ""
}

// handleAtPos finds a handle of the single selected node under pos.
func (e *Editor) handleAtPos(pos fyne.Position) (string, handle, bool) {
	id := e.single()
	if ed := e.edgeOf(id); ed != nil && len(ed.Waypoints) >= 2 {
		for _, h := range []handle{handleFlowStart, handleFlowEnd} {
			p := ed.Waypoints[0]
			if h == handleFlowEnd {
				p = ed.Waypoints[len(ed.Waypoints)-1]
			}
			if at := e.v.toScreen(p); abs32(at.X-pos.X) <= handleSize && abs32(at.Y-pos.Y) <= handleSize {
				return id, h, true
			}
		}
		return "", noHandle, false
	}
	if id == "" || !e.isNode(id) {
		return "", noHandle, false
	}
	for _, h := range e.handles(id) {
		if abs32(h.at.X-pos.X) <= handleSize && abs32(h.at.Y-pos.Y) <= handleSize {
			return id, h.h, true
		}
	}
	return "", noHandle, false
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

// MouseDown remembers where and how a press began (the driver reports a
// drag only once it passes a threshold, and its modifiers never).
func (e *Editor) MouseDown(ev *desktop.MouseEvent) {
	e.holdView()
	e.dragCancelled = false
	e.drag.pressed = true
	e.drag.pressAt = ev.Position
	e.drag.button = ev.Button
	e.clickMods = ev.Modifier
	e.pointer = ev.Position
	if e.editing != "" {
		e.commitLabel()
	}
	e.focus()
}

// holdView stops the view following window resizes once the user works
// in the map: side panels change width with the selection, and the map
// must not jump under the pointer.
func (e *Editor) holdView() { e.needFit = false }

// MouseUp ends the press; the drag itself ends in DragEnd.
func (e *Editor) MouseUp(ev *desktop.MouseEvent) {
	e.drag.pressed = false
}

// MouseIn tracks the pointer for zooming about it.
func (e *Editor) MouseIn(ev *desktop.MouseEvent) { e.pointer, e.hover = ev.Position, true }

// MouseMoved tracks the pointer.
func (e *Editor) MouseMoved(ev *desktop.MouseEvent) {
	e.pointer, e.hover = ev.Position, true
	e.hoverEdge = -1
	if e.tool.Kind() != "" && e.drag.kind == dragNone {
		e.hoverCreate(ev.Position)
	}
	if e.tool == Select && e.drag.kind == dragNone && e.pickNode(ev.Position) == "" {
		if _, edge, ok := e.laneEdgeAt(ev.Position); ok {
			e.hoverEdge = edge
		}
	}
}

// MouseOut is part of desktop.Hoverable.
func (e *Editor) MouseOut() {
	e.hover = false
	if e.hoverHost != "" {
		e.hoverHost = ""
		e.Refresh()
	}
}

// Cursor shows a crosshair while placing or connecting.
func (e *Editor) Cursor() desktop.Cursor {
	switch {
	case e.tool == Connect || e.tool.Kind() != "":
		return desktop.CrosshairCursor
	case e.drag.kind == dragLaneEdge:
		return edgeCursor(e.drag.edge)
	case e.hoverEdge >= 0:
		return edgeCursor(e.hoverEdge)
	}
	return desktop.DefaultCursor
}

func edgeCursor(ed edit.Edge) desktop.Cursor {
	if ed == edit.Left || ed == edit.Right {
		return desktop.HResizeCursor
	}
	return desktop.VResizeCursor
}

// Tapped selects (Shift toggles), places a new element with a create tool,
// commits a label being edited, and on a double click edits the label.
func (e *Editor) Tapped(ev *fyne.PointEvent) {
	e.holdView()
	e.focus()
	if e.editing != "" {
		e.commitLabel()
	}
	mods := e.mods()
	e.clickMods = 0
	e.drag = gesture{}
	now := e.now()
	double := now.Sub(e.lastTap) < doubleClickTime &&
		abs32(ev.Position.X-e.lastTapAt.X) <= doubleClickDist && abs32(ev.Position.Y-e.lastTapAt.Y) <= doubleClickDist
	e.lastTap, e.lastTapAt = now, ev.Position
	if double {
		e.lastTap = time.Time{} // a third click is a new single click
	}

	hit := e.pick(ev.Position)
	if e.tool.Kind() != "" {
		e.place(e.tool.Spec(), e.v.toModel(ev.Position))
		return
	}
	switch {
	case double && hit != "":
		e.setSelection([]string{hit})
		e.StartLabelEdit()
		return
	case mods&fyne.KeyModifierShift != 0:
		if hit == "" {
			return
		}
		if e.selected(hit) {
			var keep []string
			for _, id := range e.sel {
				if id != hit {
					keep = append(keep, id)
				}
			}
			e.setSelection(keep)
		} else {
			e.setSelection(append(e.Selection(), hit))
		}
	case hit == "":
		e.setSelection(nil)
	default:
		e.setSelection([]string{hit})
		if e.isNode(hit) {
			e.status(lang.X("canvas.hint.selected", "Tab adds the next step; type to rename; arrows walk the flow."))
		}
	}
	e.Refresh()
}

// TappedSecondary selects what is under the pointer, so that a context
// menu the app shows acts on it.
func (e *Editor) TappedSecondary(ev *fyne.PointEvent) {
	e.focus()
	e.clickMods = 0
	if hit := e.pick(ev.Position); hit != "" && !e.selected(hit) {
		e.setSelection([]string{hit})
		e.Refresh()
	}
}

// Dragged starts or continues a gesture. Its first event decides what the
// drag does, from the button, Space, the tool and what lies under the
// press: a handle resizes or connects, a node moves the selection, a
// lane's header band reorders the lane, empty space lassos.
func (e *Editor) Dragged(ev *fyne.DragEvent) {
	if e.dragCancelled {
		return
	}
	d := &e.drag
	if d.kind == dragNone {
		start := ev.Position
		if d.pressed {
			// The real driver: the press is where the drag began.
			start = d.pressAt
		} // else no MouseDown came (the test driver): the event is at the start.
		e.beginDrag(start)
		if d.kind == dragNone {
			return
		}
	}
	d.cur = d.cur.Add(ev.Dragged)
	e.pointer = d.cur
	switch d.kind {
	case dragPan:
		e.needFit = false
		e.v = e.v.pan(ev.Dragged.DX, ev.Dragged.DY)
	case dragScroll:
		e.needFit = false
		if d.bar.vertical {
			e.v.oy += float64(ev.Dragged.DY) * d.bar.perUnit
		} else {
			e.v.ox += float64(ev.Dragged.DX) * d.bar.perUnit
		}
	case dragMove:
		z := e.v.zoom
		rawX := float64(d.cur.X-d.start.X) / z
		rawY := float64(d.cur.Y-d.start.Y) / z
		d.dx, d.dy, d.guides = snapMove(d.primary, rawX, rawY, d.others, snapTolerance/z)
		if d.event != "" {
			c := d.primary.Center()
			was, wasDetach := d.attach, d.detach
			e.moveAttach(model.Point{X: c.X + rawX, Y: c.Y + rawY})
			e.attachHint(was, wasDetach)
			if d.attach != "" {
				d.guides = nil // the border decides, not the alignment
			}
		}
	case dragCreate:
		d.outside = false
		e.createAttach()
	case dragResize:
		if s := e.shapes[d.node]; s != nil {
			d.rect = resizeRect(s.Bounds, d.h, e.v.toModel(d.cur))
		}
	case dragConnect, dragReconnect:
		d.target = ""
		if t := e.pickNode(d.cur); t != "" && t != d.source {
			d.target = t
		}
	case dragLaneEdge:
		dx := float64(d.cur.X-d.start.X) / e.v.zoom
		dy := float64(d.cur.Y-d.start.Y) / e.v.zoom
		switch d.edge {
		case edit.Bottom:
			d.delta = snapGrid(dy)
		case edit.Top:
			d.delta = snapGrid(-dy)
		case edit.Right:
			d.delta = snapGrid(dx)
		case edit.Left:
			d.delta = snapGrid(-dx)
		}
	}
	e.Refresh()
}

// laneEdgeAt finds the side of a lane or pool under pos: the lines
// between lanes and the pool's outer edges, which a drag resizes. A line
// shared by two lanes belongs to the upper (or left) one's far side.
func (e *Editor) laneEdgeAt(pos fyne.Position) (string, edit.Edge, bool) {
	if !e.ready() {
		return "", 0, false
	}
	const tol = hitTolerance
	var ids []string
	for _, l := range e.s.Doc.AllLanes() {
		ids = append(ids, l.ID)
	}
	for _, p := range e.s.Doc.Participants() {
		ids = append(ids, p.ID)
	}
	best, bestEdge, found := "", edit.Top, false
	rank := func(ed edit.Edge) int {
		return map[edit.Edge]int{edit.Bottom: 0, edit.Right: 1, edit.Top: 2, edit.Left: 3}[ed]
	}
	for _, id := range ids {
		s := e.shapes[id]
		if s == nil {
			continue
		}
		p, sz := e.v.rectToScreen(s.Bounds)
		x0, y0, x1, y1 := p.X, p.Y, p.X+sz.Width, p.Y+sz.Height
		inX := pos.X >= x0-tol && pos.X <= x1+tol
		inY := pos.Y >= y0-tol && pos.Y <= y1+tol
		try := func(ed edit.Edge, ok bool) {
			if ok && (!found || rank(ed) < rank(bestEdge)) {
				best, bestEdge, found = id, ed, true
			}
		}
		try(edit.Bottom, inX && abs32(pos.Y-y1) <= tol)
		try(edit.Right, inY && abs32(pos.X-x1) <= tol)
		try(edit.Top, inX && abs32(pos.Y-y0) <= tol)
		try(edit.Left, inY && abs32(pos.X-x0) <= tol)
	}
	return best, bestEdge, found
}

func (e *Editor) beginDrag(start fyne.Position) {
	e.holdView()
	d := &e.drag
	d.start, d.cur = start, start
	mods := e.mods()
	d.add = mods&fyne.KeyModifierShift != 0
	if e.editing != "" {
		e.commitLabel()
	}
	switch {
	case d.button == desktop.MouseButtonTertiary || e.space || e.tool == Hand:
		d.kind = dragPan
		return
	case d.button == desktop.MouseButtonSecondary:
		return
	}
	if sb, ok := e.scrollBarAt(start); ok {
		d.kind, d.bar = dragScroll, sb
		return
	}
	if !e.ready() {
		return
	}
	if e.tool.Kind() != "" {
		// A create tool drags the new element to its place.
		d.kind, d.spec = dragCreate, e.tool.Spec()
		e.hoverHost = ""
		e.createAttach()
		return
	}
	if id, h, ok := e.handleAtPos(start); ok {
		if h == handleFlowStart || h == handleFlowEnd {
			d.kind, d.source, d.h = dragReconnect, id, h
			e.status(lang.X("canvas.hint.reconnect", "Drop the end of the flow on another element."))
			return
		}
		if h == noHandle {
			d.kind, d.source = dragConnect, id
			e.status(lang.X("canvas.hint.connect", "Drag from one element to another to connect them."))
		} else {
			d.kind, d.node, d.h, d.rect = dragResize, id, h, e.shapes[id].Bounds
		}
		return
	}
	hit := e.pickNode(start)
	if e.tool == Connect {
		if hit != "" {
			d.kind, d.source = dragConnect, hit
		}
		return
	}
	if hit == "" {
		if id, edge, ok := e.laneEdgeAt(start); ok {
			d.kind, d.lane, d.edge = dragLaneEdge, id, edge
			return
		}
		// Before the pool check: a lane's band lies inside its pool (and
		// inside the pool's bounds where a tool lets lanes span its band).
		if id := e.laneHeaderAt(start); id != "" {
			e.beginLaneMove(id)
			return
		}
		if id := e.pick(start); e.s.Doc.Participant(id) != nil && e.shapes[id] != nil {
			// The pool's header band: the whole pool moves.
			e.setSelection([]string{id})
			b := e.shapes[id].Bounds
			d.kind, d.ids, d.primary, d.union = dragMove, []string{id}, b, b
			d.others = d.others[:0]
			for _, p := range e.s.Doc.Participants() {
				if s := e.shapes[p.ID]; s != nil && p.ID != id {
					d.others = append(d.others, s.Bounds)
				}
			}
			return
		}
		d.kind = dragLasso
		return
	}
	if !e.selected(hit) {
		if d.add {
			e.setSelection(append(e.Selection(), hit))
		} else {
			e.setSelection([]string{hit})
		}
	}
	d.kind = dragMove
	d.ids = e.selectedNodes()
	moving := map[string]bool{}
	for i, id := range d.ids {
		moving[id] = true
		b := e.shapes[id].Bounds
		if i == 0 {
			d.union = b
		}
		d.union = d.union.Union(b)
	}
	d.primary = e.shapes[hit].Bounds
	if len(d.ids) == 1 {
		if n := e.s.Doc.Node(d.ids[0]); n != nil && attachable(n.Kind) {
			d.event = n.ID
		}
	}
	d.others = d.others[:0]
	for _, n := range e.s.Doc.Nodes {
		if s := e.shapes[n.ID]; s != nil && !moving[n.ID] && n.Kind != model.Group {
			d.others = append(d.others, s.Bounds)
		}
	}
	e.status(lang.X("canvas.hint.move", "Release to move; lines show alignment with other shapes."))
}

// DragEnd commits the gesture as one command.
func (e *Editor) DragEnd() {
	d := e.drag
	moveBy := 0
	if d.kind == dragLaneMove && e.ready() {
		moveBy, _, _, _ = e.laneMoveTarget()
	}
	e.drag = gesture{}
	e.dragCancelled = false
	e.clickMods = 0
	if !e.ready() {
		e.Refresh()
		return
	}
	if d.kind == dragMove || d.kind == dragConnect || d.kind == dragReconnect || d.kind == dragLaneMove || d.kind == dragCreate {
		e.status("") // the hint of the gesture is done
	}
	switch d.kind {
	case dragMove:
		if d.event != "" && e.dropEvent(d) {
			break
		}
		if d.dx != 0 || d.dy != 0 {
			e.failed(e.s.MoveNodes(d.ids, d.dx, d.dy))
		}
	case dragCreate:
		e.place(d.spec, e.v.toModel(d.cur))
	case dragResize:
		if s := e.shapes[d.node]; s != nil && d.rect != s.Bounds {
			e.failed(e.s.ResizeNode(d.node, d.rect))
		}
	case dragConnect:
		if d.target != "" {
			e.connect(d.source, d.target)
		}
	case dragReconnect:
		if d.target != "" {
			src, tgt := d.target, ""
			if d.h == handleFlowEnd {
				src, tgt = "", d.target
			}
			if !e.failed(e.s.Reconnect(d.source, src, tgt)) {
				e.status(lang.X("canvas.status.connected", "Connected."))
			}
		}
	case dragLaneEdge:
		if d.delta != 0 {
			e.failed(e.s.ResizeLane(d.lane, d.edge, d.delta))
		}
	case dragLaneMove:
		// Computed before the reset above cleared the gesture.
		if moveBy != 0 {
			e.failed(e.s.MoveLane(d.lane, moveBy))
		}
	case dragLasso:
		a, b := e.v.toModel(d.start), e.v.toModel(d.cur)
		r := model.Rect{X: math.Min(a.X, b.X), Y: math.Min(a.Y, b.Y), W: math.Abs(a.X - b.X), H: math.Abs(a.Y - b.Y)}
		var ids []string
		if d.add {
			ids = e.Selection()
		}
		for _, n := range e.s.Doc.Nodes {
			if s := e.shapes[n.ID]; s != nil && r.ContainsRect(s.Bounds) {
				ids = append(ids, n.ID)
			}
		}
		e.setSelection(ids)
		e.status(lang.X("canvas.status.selected", "{{.Count}} selected", map[string]any{"Count": len(e.sel)}))
	}
	e.Refresh()
}

// Scrolled pans with the wheel (Shift: sideways) and zooms about the
// pointer with Ctrl.
func (e *Editor) Scrolled(ev *fyne.ScrollEvent) {
	e.needFit = false
	mods := e.heldMods()
	switch {
	case mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0:
		// GLFW reports a wheel notch as 25 units (10 on macOS): about 20 %.
		f := math.Pow(1.2, float64(ev.Scrolled.DY)/25)
		e.v = e.v.zoomAt(e.v.zoom*f, ev.Position)
		e.viewChanged()
		return
	case mods&fyne.KeyModifierShift != 0 && ev.Scrolled.DX == 0:
		e.v = e.v.pan(ev.Scrolled.DY, 0)
	default:
		e.v = e.v.pan(ev.Scrolled.DX, ev.Scrolled.DY)
	}
	e.Refresh()
}
