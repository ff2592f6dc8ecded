package draw

import (
	"image/color"
	"math"

	"lanemap/model"
)

// Edge constants.
const (
	wFlow        = 1.5
	wHandover    = 3.0
	wGlow        = 14.0
	arrowLen     = 11.0
	arrowHalf    = 4.0
	openArrowLen = 10.0
	msgArrowHalf = 5.0
	msgCircleR   = 4.5
	condLen      = 16.0
	condHalf     = 5.0
	slashDist    = 10.0
	slashHalf    = 6.0
	flowLabelGap = 4.0
)

var (
	dashMessage = []float64{8, 5}
	dashDotted  = []float64{1.5, 4}
)

// vec helpers on points.
func sub(a, c model.Point) model.Point           { return model.Point{X: a.X - c.X, Y: a.Y - c.Y} }
func addp(a, c model.Point) model.Point          { return model.Point{X: a.X + c.X, Y: a.Y + c.Y} }
func scale(a model.Point, k float64) model.Point { return model.Point{X: a.X * k, Y: a.Y * k} }
func norm(a model.Point) float64                 { return math.Hypot(a.X, a.Y) }

// unit returns a/|a|, or false for a (near) zero vector.
func unit(a model.Point) (model.Point, bool) {
	l := norm(a)
	if !(l > 1e-9) || math.IsInf(l, 0) {
		return model.Point{}, false
	}
	return model.Point{X: a.X / l, Y: a.Y / l}, true
}

// endDir is the direction of travel into the last waypoint and the length
// of the segment it comes from; ok is false when every segment is empty.
func endDir(pts []model.Point) (dir model.Point, segLen float64, ok bool) {
	last := pts[len(pts)-1]
	for i := len(pts) - 2; i >= 0; i-- {
		d := sub(last, pts[i])
		if u, ok := unit(d); ok {
			return u, norm(d), true
		}
	}
	return model.Point{}, 0, false
}

// startDir is the direction of travel out of the first waypoint.
func startDir(pts []model.Point) (model.Point, bool) {
	for i := 1; i < len(pts); i++ {
		if u, ok := unit(sub(pts[i], pts[0])); ok {
			return u, true
		}
	}
	return model.Point{}, false
}

func ptsBox(pts []model.Point) model.Rect {
	r := model.Rect{X: pts[0].X, Y: pts[0].Y}
	for _, p := range pts[1:] {
		r = union(r, model.Rect{X: p.X, Y: p.Y})
	}
	return r
}

// arrowHead is a triangle with its tip at tip, pointing along dir.
func (b *builder) arrowHead(tip, dir model.Point, l, half float64, closed bool) *Path {
	n := model.Point{X: -dir.Y, Y: dir.X}
	base := sub(tip, scale(dir, l))
	p := b.pb(4)
	p.poly(closed, addp(base, scale(n, half)), tip, sub(base, scale(n, half)))
	return p.path()
}

// drawHandoverGlow draws the wide translucent band under a handover flow.
func (b *builder) drawHandoverGlow(e *model.Edge) {
	if len(e.Waypoints) < 2 {
		return
	}
	pts := cleanPts(e.Waypoints)
	p := b.pb(len(pts))
	p.poly(false, pts...)
	b.add(e.Element, PartHandover, ptsBox(pts), p.path(), stroke(b.pal.handoverGlow, wGlow))
}

// drawEdge draws a connecting object: its line, its end decorations and
// its label.
func (b *builder) drawEdge(e *model.Edge) {
	id := e.Element
	el := b.d.Element(id)
	f, _ := el.(*model.Flow)
	col := b.pal.resolve(model.Colors{Stroke: e.Style.Stroke, Label: e.Style.Label})
	if len(e.Waypoints) < 2 {
		// Nothing to draw a line through; a name placed by DI still shows.
		if f != nil && e.Label != nil {
			lr := clean(*e.Label)
			b.externalLabel(id, lr, e.Label, f.Name, col)
		}
		return
	}
	pts := cleanPts(e.Waypoints)
	box := ptsBox(pts)
	var kind model.Kind
	if f != nil {
		kind = f.Kind
	}
	w := wFlow
	handover := b.opt.MarkHandovers && b.handovers[id]
	// The line, its arrowheads and markers stand on what is under most of
	// its length (a handover's on its glow over that): the file's stroke
	// when it reads there (3:1), else the theme's (its stroke, or its dark
	// or light stroke for that ground; a handover's colour, or the other
	// theme's where the ground is the other kind), else black or white.
	// A line across grounds of both kinds prefers a colour that reads on
	// all of them (lineAlong). Small closed marks (the message circle and
	// arrowhead, the conditional diamond) look hollow: filled with the
	// theme's fill, or with the ground where that fill would stand out.
	ground := b.surfaceUnder(pts)
	var ink color.NRGBA
	if handover {
		w = wHandover
		ink = b.lineAlong(ground, b.pal.handoverGlow, col.ownStroke, col.stroke, b.pal.handoverStroke, b.pal.other().handoverStroke)
	} else {
		ink = b.lineAlong(ground, transparent, col.ownStroke, col.stroke, b.pal.stroke, b.pal.ink(ground))
	}
	markFill := b.pal.fill
	if contrast(markFill, ground) >= minLineContrast {
		// The theme's fill would stand out as a filled mark: stay hollow.
		markFill = ground
	}
	markFill = fillFor(ink, markFill, b.pal.fill)
	k := 1.0 // arrowheads grow with the line
	if handover {
		k = 1.3
	}
	dir, segLen, hasDir := endDir(pts)
	last := pts[len(pts)-1]
	line := pts
	// Stop the line at the arrow's base so its end cannot poke through the tip.
	shorten := func(l float64) {
		if !hasDir {
			return
		}
		line = append([]model.Point(nil), pts...)
		line[len(line)-1] = sub(last, scale(dir, math.Min(l, segLen*0.9)))
	}
	var st Style
	deco := make([]Item, 0, 3)
	addDeco := func(p *Path, s Style) {
		deco = append(deco, Item{Element: id, Part: PartArrow, Bounds: box, Path: p, Style: s})
	}
	switch kind {
	case model.SequenceFlow:
		st = stroke(ink, w)
		if hasDir {
			shorten(arrowLen * k * 0.7)
			addDeco(b.arrowHead(last, dir, arrowLen*k, arrowHalf*k, true), filled(ink, ink, 1))
		}
		b.flowSourceMarker(f, pts, ink, markFill, addDeco)
	case model.MessageFlow:
		st = Style{Stroke: ink, Width: w, Dash: dashMessage}
		c := b.pb(6)
		addDeco(c.circle(pts[0].X, pts[0].Y, msgCircleR*k).path(), filled(markFill, ink, wFlow))
		if hasDir {
			shorten(openArrowLen * k)
			addDeco(b.arrowHead(last, dir, openArrowLen*k, msgArrowHalf*k, true), filled(markFill, ink, wFlow))
		}
		// The message itself, when DI shows it: an envelope halfway,
		// white for the initiating message, shaded for the reply.
		if v := e.MessageVisibleKind; v == "initiating" || v == "non_initiating" {
			mid, _ := midRoute(pts)
			fill := markFill
			if v == "non_initiating" {
				fill = fillFor(ink, b.pal.messageShade, b.pal.other().messageShade)
			}
			addDeco(icEnvelope.place(mid.X-18, mid.Y-18, 1), filled(fill, ink, wMarker))
		}
	case model.Association, model.DataInputAssociation, model.DataOutputAssociation:
		st = Style{Stroke: ink, Width: w, Dash: dashDotted}
		end := kind != model.Association || f.Direction == "One" || f.Direction == "Both"
		if end && hasDir {
			addDeco(b.arrowHead(last, dir, openArrowLen*k, msgArrowHalf*k, false), stroke(ink, wFlow))
		}
		if kind == model.Association && f.Direction == "Both" {
			if d0, ok := startDir(pts); ok {
				addDeco(b.arrowHead(pts[0], scale(d0, -1), openArrowLen*k, msgArrowHalf*k, false), stroke(ink, wFlow))
			}
		}
	default:
		st = stroke(ink, w)
		if f == nil {
			// An edge of nothing we know (no bpmnElement, or not a
			// connecting object) has no flow meaning: a plain dotted line
			// like an association, as the tools that write them (links
			// from data to a flow) draw it, never a solid sequence line.
			st.Dash = dashDotted
		}
	}
	p := b.pb(len(line))
	p.poly(false, line...)
	b.add(id, PartEdge, box, p.path(), st)
	b.sc.Items = append(b.sc.Items, deco...)
	b.flowLabel(id, box, pts, e.Label, model.NameOf(el), col)
}

// flowSourceMarker adds the default-flow slash or the conditional diamond
// at the start of a sequence flow.
func (b *builder) flowSourceMarker(f *model.Flow, pts []model.Point, ink, fill colorT, addDeco func(*Path, Style)) {
	src := b.d.Node(f.Source)
	if src == nil {
		return
	}
	d0, ok := startDir(pts)
	if !ok {
		return
	}
	n := model.Point{X: -d0.Y, Y: d0.X}
	p0 := pts[0]
	if src.Default == f.ID && (src.Kind.IsGateway() || src.Kind.IsActivity()) {
		c := addp(p0, scale(d0, slashDist))
		// A slash crossing the line at 60°.
		s := addp(scale(d0, 0.5*slashHalf), scale(n, 0.866*slashHalf))
		p := b.pb(2)
		p.poly(false, sub(c, s), addp(c, s))
		addDeco(p.path(), stroke(ink, wFlow))
		return
	}
	if (f.Condition != "" || f.HasCondition) && src.Kind.IsActivity() {
		mid := addp(p0, scale(d0, condLen/2))
		p := b.pb(5)
		p.poly(true, p0, addp(mid, scale(n, condHalf)), addp(p0, scale(d0, condLen)), sub(mid, scale(n, condHalf)))
		addDeco(p.path(), filled(fill, ink, wFlow))
	}
}

// flowLabel queues a flow's name: in its DI label bounds, or beside the
// middle of the route (above a horizontal stretch, right of a vertical one).
func (b *builder) flowLabel(id string, box model.Rect, pts []model.Point, di *model.Rect, text string, col colors) {
	if text == "" {
		return
	}
	if di != nil {
		if lr := clean(*di); lr.W > 0 || lr.H > 0 {
			b.placeLabel(id, box, di, text, col, false)
			return
		}
	}
	mid, seg := midRoute(pts)
	lines := Wrap(text, extLabelW, NodeFontSize, false)
	if math.Abs(seg.X) >= math.Abs(seg.Y) {
		lh := float64(len(lines)) * NodeFontSize * LineSpacing
		b.addOuterText(id, box, textBlock(lines, mid.X-extLabelW/2, extLabelW, 0, mid.Y-flowLabelGap-lh, NodeFontSize, AlignCenter, col.stroke), col, col.stroke)
		return
	}
	b.addOuterText(id, box, textBlock(lines, mid.X+flowLabelGap+2, extLabelW, mid.Y, math.NaN(), NodeFontSize, AlignLeft, col.stroke), col, col.stroke)
}

// midRoute is the point halfway along a route and the direction of the
// segment it lies on ((1,0) when the route has no length).
func midRoute(pts []model.Point) (mid, seg model.Point) {
	total := 0.0
	for i := 1; i < len(pts); i++ {
		total += norm(sub(pts[i], pts[i-1]))
	}
	mid, seg = pts[0], model.Point{X: 1}
	walked := 0.0
	for i := 1; i < len(pts); i++ {
		d := sub(pts[i], pts[i-1])
		l := norm(d)
		if walked+l >= total/2 && l > 0 {
			return addp(pts[i-1], scale(d, (total/2-walked)/l)), d
		}
		walked += l
	}
	return mid, seg
}
