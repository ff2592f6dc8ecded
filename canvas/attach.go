package canvas

import (
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	fcanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"

	"lanemap/edit"
	"lanemap/model"
)

// Boundary events by drag and drop. An intermediate event dragged (or
// placed, or dragged in new from the palette) with its centre near the
// border of a task or sub-process attaches there; a boundary event dragged
// near its host's border slides along it, onto another activity's border
// changes host, and well away detaches into an intermediate event. The
// host is highlighted and the attach point marked while dragging; the
// release commits one command (AttachBoundary, MoveNodes, DetachBoundary
// or AddTyped), so the gesture is one undo step.

// Distances in screen units: within attachTol of a border an event
// attaches; a boundary event stays on its host until detachTol away.
const (
	attachTol = 14
	detachTol = 40
)

// attachMin is the least attach distance in model units (half an event):
// at small zooms an event whose circle touches the border still attaches.
const attachMin = 18

// CreateTypedTool returns the tool that places nodes of a full type: a
// timer or message event, a collapsed sub-process (edit.AddTyped).
func CreateTypedTool(sp edit.Spec) Tool {
	t := string(sp.Kind)
	if sp.Collapsed {
		t += "#collapsed"
	}
	for _, d := range sp.EventDefs {
		t += "#" + d
	}
	return Tool(t)
}

// Spec returns what a create tool places (the zero Spec for the others).
func (t Tool) Spec() edit.Spec {
	k := t.Kind()
	if k == "" {
		return edit.Spec{}
	}
	sp := edit.Spec{Kind: k}
	parts := strings.Split(string(t), "#")
	for _, p := range parts[1:] {
		if p == "collapsed" {
			sp.Collapsed = true
		} else if p != "" {
			sp.EventDefs = append(sp.EventDefs, p)
		}
	}
	return sp
}

// attachable reports the kinds a drop on a border turns into boundary events.
func attachable(k model.Kind) bool {
	return k == model.IntermediateCatchEvent || k == model.IntermediateThrowEvent || k == model.BoundaryEvent
}

// borderDist is how far p lies from r's border, inside or out.
func borderDist(r model.Rect, p model.Point) float64 {
	if r.Contains(p) {
		return math.Min(math.Min(p.X-r.X, r.X+r.W-p.X), math.Min(p.Y-r.Y, r.Y+r.H-p.Y))
	}
	dx := math.Max(math.Max(r.X-p.X, 0), p.X-(r.X+r.W))
	dy := math.Max(math.Max(r.Y-p.Y, 0), p.Y-(r.Y+r.H))
	return math.Hypot(dx, dy)
}

// attachTarget is the activity whose border lies nearest c, within tol
// model units, among those ok accepts (the innermost when two borders are
// as near); at is the point on its border.
func (e *Editor) attachTarget(c model.Point, tol float64, ok func(host string) bool) (host string, at model.Point) {
	if !e.ready() {
		return "", at
	}
	best, bestArea := tol, math.Inf(1)
	for _, n := range e.s.Doc.Nodes {
		if !n.Kind.IsActivity() {
			continue
		}
		s := e.shapes[n.ID]
		if s == nil {
			continue
		}
		d := borderDist(s.Bounds, c)
		a := s.Bounds.W * s.Bounds.H
		if d > best || (d == best && a >= bestArea) || !ok(n.ID) {
			continue
		}
		best, bestArea, host = d, a, n.ID
		at = gridOnBorder(s.Bounds, c)
	}
	return host, at
}

// gridOnBorder is the point of r's border nearest c, moved along its edge
// to the 10-unit grid (as moves snap), never past the edge's ends.
func gridOnBorder(r model.Rect, c model.Point) model.Point {
	p := edit.BorderPoint(r, c)
	if p.Y == r.Y || p.Y == r.Y+r.H {
		p.X = math.Max(r.X, math.Min(r.X+r.W, snapGrid(p.X)))
	} else {
		p.Y = math.Max(r.Y, math.Min(r.Y+r.H, snapGrid(p.Y)))
	}
	return p
}

func (e *Editor) attachTolerance() float64 { return math.Max(attachTol/e.v.zoom, attachMin) }

// moveAttach decides, while one event is dragged with its centre at c
// (unsnapped), where it would attach: d.attach and d.attachAt, or none;
// d.detach is true when a boundary event would come off its host.
func (e *Editor) moveAttach(c model.Point) {
	d := &e.drag
	d.attach, d.detach = "", false
	n := e.s.Doc.Node(d.event)
	if n == nil {
		return
	}
	if n.Kind == model.BoundaryEvent {
		if hs := e.shapes[n.AttachedTo]; hs != nil && borderDist(hs.Bounds, c) <= math.Max(detachTol/e.v.zoom, 2*attachMin) {
			// Near its own host it slides, unless it is nearer another.
			d.attach, d.attachAt = n.AttachedTo, gridOnBorder(hs.Bounds, c)
			if h, at := e.attachTarget(c, e.attachTolerance(), func(h string) bool { return e.s.CanAttach(d.event, h) }); h != "" && h != n.AttachedTo &&
				borderDist(e.shapes[h].Bounds, c) < borderDist(hs.Bounds, c) {
				d.attach, d.attachAt = h, at
			}
			return
		}
	}
	d.attach, d.attachAt = e.attachTarget(c, e.attachTolerance(), func(h string) bool { return e.s.CanAttach(d.event, h) })
	d.detach = n.Kind == model.BoundaryEvent && d.attach == ""
}

// attachHint says, when the target of a drag changes, what a release does.
func (e *Editor) attachHint(was string, wasDetach bool) {
	d := &e.drag
	switch {
	case d.attach == was && d.detach == wasDetach:
	case d.detach:
		e.status(lang.X("canvas.hint.detach", "Release to detach: it becomes an intermediate event."))
	case d.attach != "":
		e.status(lang.X("canvas.hint.attach", "Release to attach to “{{.Name}}” as a boundary event.", map[string]any{"Name": e.nameOf(d.attach)}))
	default:
		e.status(lang.X("canvas.hint.move", "Release to move; lines show alignment with other shapes."))
	}
}

// dropEvent commits the drag of one event: attach, slide, detach or an
// ordinary move. It reports false when the drag was an ordinary move.
func (e *Editor) dropEvent(d gesture) bool {
	n := e.s.Doc.Node(d.event)
	sh := e.shapes[d.event]
	if n == nil || sh == nil {
		return false
	}
	c := sh.Bounds.Center()
	switch {
	case d.attach != "" && d.attach == n.AttachedTo:
		if d.attachAt != c {
			e.failed(e.s.MoveNodes([]string{n.ID}, d.attachAt.X-c.X, d.attachAt.Y-c.Y))
		}
	case d.attach != "":
		flows := len(e.s.Doc.Flows)
		if !e.failed(e.s.AttachBoundary(n.ID, d.attach, d.attachAt)) {
			msg := lang.X("canvas.status.attached", "Attached to “{{.Name}}” as a boundary event.", map[string]any{"Name": e.nameOf(d.attach)})
			e.status(msg + flowsGone(flows, len(e.s.Doc.Flows)))
		}
	case d.detach:
		if d.dx != 0 || d.dy != 0 {
			to := model.Point{X: c.X + d.dx, Y: c.Y + d.dy}
			flows := len(e.s.Doc.Flows)
			if !e.failed(e.s.DetachBoundary(n.ID, to)) {
				e.status(lang.X("canvas.status.detached", "Detached: now an intermediate event.") + flowsGone(flows, len(e.s.Doc.Flows)))
			}
		}
	default:
		return false
	}
	return true
}

// flowsGone says, after a space, how many flows an attach or detach
// deleted (nothing flows into a boundary event, no sequence flow crosses a
// sub-process border); "" when none. Ctrl+Z brings them back.
func flowsGone(before, after int) string {
	if before <= after {
		return ""
	}
	return " " + lang.X("canvas.status.flowsGone", "{{.Count}} flows it cannot keep were removed (Ctrl+Z undoes).", map[string]any{"Count": before - after})
}

// nameOf is an element's name, else its id.
func (e *Editor) nameOf(id string) string {
	if n := e.s.Doc.Node(id); n != nil && n.Name != "" {
		return n.Name
	}
	return id
}

// createTarget is where a create tool's spec dropped at p goes: an
// activity's border for an intermediate event near one (host != ""),
// else the grid point in whatever holds p.
func (e *Editor) createTarget(sp edit.Spec, p model.Point) (host string, at model.Point) {
	if attachable(sp.Kind) {
		if h, a := e.attachTarget(p, e.attachTolerance(), func(h string) bool { return e.s.CanAttachSpec(sp, h) }); h != "" {
			return h, a
		}
	}
	return "", model.Point{X: snapGrid(p.X), Y: snapGrid(p.Y)}
}

// hoverCreate shows, while a create tool for an intermediate event is
// armed, which activity a click at pos would attach it to.
func (e *Editor) hoverCreate(pos fyne.Position) {
	sp := e.tool.Spec()
	var h string
	var at model.Point
	if attachable(sp.Kind) && e.ready() {
		h, at = e.createTarget(sp, e.v.toModel(pos))
	}
	if h != e.hoverHost || (h != "" && at != e.hoverAt) {
		e.hoverHost, e.hoverAt = h, at
		e.Refresh()
	}
}

// DragNew drags a new element of tool t's kind over the map from outside
// it (the app's palette): pos is the pointer in window coordinates. The
// map shows where it would go, an activity's border included; DropNew
// places it there and EndDragNew without a drop cancels.
func (e *Editor) DragNew(t Tool, abs fyne.Position) {
	if !e.ready() || t.Kind() == "" {
		return
	}
	d := &e.drag
	if d.kind != dragCreate {
		e.drag = gesture{kind: dragCreate, spec: t.Spec()}
	}
	d.cur = abs
	d.outside = true
	if a := fyne.CurrentApp(); a != nil && a.Driver() != nil && canvasOf(e) != nil {
		d.cur = abs.Subtract(a.Driver().AbsolutePositionForObject(e))
		d.outside = d.cur.X < 0 || d.cur.Y < 0 || d.cur.X > e.size.Width || d.cur.Y > e.size.Height
	}
	e.createAttach()
	e.Refresh()
}

// DropNew ends a DragNew: the element is placed where the pointer is, when
// it is over the map. It reports whether something was placed.
func (e *Editor) DropNew() bool {
	d := e.drag
	e.drag = gesture{}
	if d.kind != dragCreate || d.outside || !e.ready() {
		e.Refresh()
		return false
	}
	n := len(e.s.Doc.Nodes)
	e.place(d.spec, e.v.toModel(d.cur))
	e.focus()
	return len(e.s.Doc.Nodes) != n
}

// createAttach updates the attach target of a create drag.
func (e *Editor) createAttach() {
	d := &e.drag
	d.attach = ""
	if !d.outside {
		d.attach, d.attachAt = e.createTarget(d.spec, e.v.toModel(d.cur))
	}
}

// attachObjects draws the feedback of an attach: the host outlined, the
// attach point marked and the event's ghost centred on it.
func (e *Editor) attachObjects(host string, at model.Point, w, h float64) []fyne.CanvasObject {
	hs := e.shapes[host]
	if hs == nil {
		return nil
	}
	var out []fyne.CanvasObject
	p, s := e.v.rectToScreen(hs.Bounds)
	out = append(out, outline(p, s, attachColor, color.Transparent, 3))
	g := fcanvas.NewCircle(ghostFill)
	g.StrokeColor, g.StrokeWidth = attachColor, 2
	gp, gs := e.v.rectToScreen(model.Rect{X: at.X - w/2, Y: at.Y - h/2, W: w, H: h})
	g.Move(gp)
	g.Resize(gs)
	out = append(out, g)
	dot := fcanvas.NewCircle(attachColor)
	c := e.v.toScreen(at)
	dot.Move(c.SubtractXY(4, 4))
	dot.Resize(fyne.NewSquareSize(8))
	return append(out, dot)
}

// attachColor marks attach targets: a green that reads on any lane colour
// and differs from the selection's and the guides' colours.
var attachColor = color.NRGBA{R: 0x10, G: 0xa0, B: 0x50, A: 0xff}
