package draw

import (
	"image/color"
	"math"
	"strings"

	"lanemap/model"
)

var transparent = color.NRGBA{}

// colorT shortens signatures.
type colorT = color.NRGBA

// Line widths and dash patterns of the notation.
const (
	wTask      = 2.0
	wCall      = 4.0
	wStart     = 2.0
	wEnd       = 4.0
	wRing      = 1.5 // intermediate and boundary event rings
	wGateway   = 2.0
	wData      = 1.5
	wMarker    = 1.0
	wMarkerBig = 1.5
)

var (
	dashEventSub  = []float64{2, 3}       // event sub-process border
	dashNonInterr = []float64{5, 3}       // non-interrupting event ring
	dashGroup     = []float64{8, 3, 1, 3} // group border
)

// drawNode draws any shape that is not a pool, lane or group.
func (b *builder) drawNode(s *model.Shape) {
	r := clean(s.Bounds)
	e := b.d.Element(s.Element)
	n, _ := e.(*model.Node)
	col := b.pal.resolve(s.Style)
	bg, outside := col.fill, b.groundOf(r)
	if n != nil && n.Kind == model.TextAnnotation && !col.ownFill {
		// Unfilled, the bracket stands on whatever is under it.
		bg = b.surfaceUnder(bracket(r))
		outside = bg
	}
	b.pal.fit(&col, bg, outside)
	switch {
	case n == nil:
		b.drawPlain(s, r, col, model.NameOf(e))
	case n.Kind.IsEvent():
		b.drawEvent(s, n, r, col)
	case n.Kind.IsGateway():
		b.drawGateway(s, n, r, col)
	case n.Kind.IsActivity():
		b.drawActivity(s, n, r, col)
	case n.Kind == model.DataObject || n.Kind == model.DataObjectReference ||
		n.Kind == model.DataInput || n.Kind == model.DataOutput:
		b.drawDataObject(s, n, r, col)
	case n.Kind == model.DataStoreReference:
		b.drawDataStore(s, n, r, col)
	case n.Kind == model.TextAnnotation:
		b.drawAnnotation(s, n, r, col)
	default:
		b.drawPlain(s, r, col, model.NameOf(n))
	}
}

// drawPlain draws what we cannot name: a rounded box with its label.
func (b *builder) drawPlain(s *model.Shape, r model.Rect, col colors, name string) {
	p := b.pb(10)
	b.add(s.Element, PartBody, r, p.roundRect(r, taskRadius).path(), filled(col.fill, col.line, wData))
	b.innerLabel(s.Element, r, name, col.inside(), false)
}

// innerLabel queues a label wrapped inside r: centred, or top-left for
// expanded sub-processes and groups. Top-left is what the MIWG reference
// tools draw and what foreign DI leaves room for (bpmn-js centres it).
func (b *builder) innerLabel(elem string, r model.Rect, text string, c color.NRGBA, top bool) {
	if text == "" {
		return
	}
	w := math.Max(r.W-2*labelPadding, 0)
	lines := Wrap(text, w, NodeFontSize, false)
	y, align := math.NaN(), AlignCenter
	if top {
		y, align = r.Y+labelPadding, AlignLeft
	}
	b.addInnerText(elem, r, textBlock(lines, r.X+labelPadding, w, r.Y+r.H/2, y, NodeFontSize, align, c))
}

// externalLabel queues the label of an event, gateway, data element or
// flow: in its DI label bounds when it has them, else centred under r.
func (b *builder) externalLabel(elem string, r model.Rect, di *model.Rect, text string, col colors) {
	b.placeLabel(elem, r, di, text, col, true)
}

// foreignFontSlack widens DI label boxes before wrapping: the tools that
// write them mostly measure with Arial or Helvetica, which set a line some
// 10–15% narrower than our font, and their boxes are cut to the text.
const foreignFontSlack = 1.15

// placeLabel lays out an external label. Other tools size DI label boxes
// for their own fonts, often too narrow for ours: the text wraps at the
// box's width plus foreignFontSlack, at least as wide as our own labels
// (extLabelW), and never splits a word, stays
// centred on the DI box, and when the DI box keeps clear of the shape r
// (avoid) but the wider or taller text would not, it grows away from the
// shape from the DI box's edge nearest the shape, so a label never runs
// over its own symbol. Its colour is read against what lies under its
// middle (textOn).
func (b *builder) placeLabel(elem string, r model.Rect, di *model.Rect, text string, col colors, avoid bool) {
	if text == "" {
		return
	}
	if di != nil {
		lr := clean(*di)
		if lr.W > 0 || lr.H > 0 {
			w := math.Max(math.Max(lr.W*foreignFontSlack, extLabelW), widestWord(text, NodeFontSize))
			lines := Wrap(text, w, NodeFontSize, false)
			tw := 0.0
			for _, l := range lines {
				tw = math.Max(tw, Measure(l, NodeFontSize, false))
			}
			h := float64(len(lines)) * NodeFontSize * LineSpacing
			lc := lr.Center()
			t := model.Rect{X: lc.X - tw/2, Y: lc.Y - h/2, W: tw, H: h}
			if avoid && !overlaps(lr, r) && overlaps(t, r) {
				switch {
				case lr.Y+lr.H <= r.Y:
					t.Y = lr.Y + lr.H - h
				case lr.Y >= r.Y+r.H:
					t.Y = lr.Y
				case lr.X+lr.W <= r.X:
					t.X = lr.X + lr.W - tw
				default:
					t.X = lr.X
				}
			}
			b.addOuterText(elem, r, textBlock(lines, t.X, tw, 0, t.Y, NodeFontSize, AlignCenter, col.stroke), col, col.stroke)
			return
		}
	}
	lines := Wrap(text, extLabelW, NodeFontSize, false)
	cx := r.X + r.W/2
	b.addOuterText(elem, r, textBlock(lines, cx-extLabelW/2, extLabelW, 0, r.Y+r.H+extLabelGap, NodeFontSize, AlignCenter, col.stroke), col, col.stroke)
}

// overlaps reports whether a and c share some area.
func overlaps(a, c model.Rect) bool {
	return a.X < c.X+c.W && c.X < a.X+a.W && a.Y < c.Y+c.H && c.Y < a.Y+a.H
}

// ---- Events ----

// throwing reports events whose markers are filled.
func throwing(k model.Kind) bool {
	return k == model.IntermediateThrowEvent || k == model.EndEvent
}

// inEventSubProcess reports whether n sits directly in an event sub-process,
// the only place where a start event's isInterrupting means anything.
func (b *builder) inEventSubProcess(n *model.Node) bool {
	p := b.d.Node(n.Container)
	return p != nil && p.TriggeredByEvent
}

func (b *builder) drawEvent(s *model.Shape, n *model.Node, r model.Rect, col colors) {
	c := r.Center()
	rx, ry := r.W/2, r.H/2
	id := s.Element
	var dash []float64
	if (n.Kind == model.BoundaryEvent && !n.CancelActivity) ||
		(n.Kind == model.StartEvent && !n.IsInterrupting && b.inEventSubProcess(n)) {
		dash = dashNonInterr
	}
	ring := b.pb(6)
	ring.ellipse(c.X, c.Y, rx, ry)
	switch n.Kind {
	case model.StartEvent:
		b.add(id, PartBody, r, ring.path(), Style{Fill: col.fill, Stroke: col.line, Width: wStart, Dash: dash})
	case model.EndEvent:
		b.add(id, PartBody, r, ring.path(), filled(col.fill, col.line, wEnd))
	default: // intermediate, boundary and unknown events: double ring
		b.add(id, PartBody, r, ring.path(), Style{Fill: col.fill, Stroke: col.line, Width: wRing, Dash: dash})
		inner := b.pb(6)
		inner.ellipse(c.X, c.Y, math.Max(rx-3, 0), math.Max(ry-3, 0))
		b.add(id, PartBody, r, inner.path(), Style{Stroke: col.line, Width: wRing, Dash: dash})
	}
	b.eventMarker(id, n, r, col)
	b.externalLabel(id, r, s.Label, n.Name, col)
}

// eventMarker draws the event definition's symbol, scaled with the event.
func (b *builder) eventMarker(id string, n *model.Node, r model.Rect, col colors) {
	if len(n.EventDefs) == 0 {
		return
	}
	c := r.Center()
	sc := math.Min(r.W, r.H) / 36
	ox, oy := c.X-18*sc, c.Y-18*sc
	throw := throwing(n.Kind)
	// Catching markers are outlines; throwing ones are filled with ink.
	st := stroke(col.ink, wMarker)
	if throw {
		st.Fill = col.ink
	}
	def := n.EventDefs[0]
	if len(n.EventDefs) > 1 {
		def = "multiple"
		if n.ParallelMultiple {
			def = "parallelMultiple"
		}
	}
	add := func(p *Path, st Style) { b.add(id, PartMarker, r, p, st) }
	p := b.pb(13)
	switch def {
	case model.MessageDef:
		st := filled(col.fill, col.ink, wMarker)
		if throw {
			st = filled(col.ink, col.fill, wMarker)
		}
		add(icEnvelope.place(ox, oy, sc), st)
	case model.TimerDef:
		add(p.circle(c.X, c.Y, 11*sc).path(), filled(col.fill, col.ink, wMarkerBig))
		ticks := b.pb(24)
		for k := range 12 {
			a := float64(k) * math.Pi / 6
			ca, sa := math.Cos(a), math.Sin(a)
			ticks.move(c.X+8.6*sc*ca, c.Y+8.6*sc*sa).line(c.X+10.4*sc*ca, c.Y+10.4*sc*sa)
		}
		add(ticks.path(), stroke(col.ink, wMarker))
		add(icTimerHands.place(ox, oy, sc), stroke(col.ink, wMarkerBig))
	case model.EscalationDef:
		add(icEscalation.place(ox, oy, sc), st)
	case model.ConditionalDef:
		add(icConditional.place(ox, oy, sc), filled(col.fill, col.ink, wMarker))
	case model.LinkDef:
		add(icLink.place(ox, oy, sc), st)
	case model.ErrorDef:
		add(icError.place(ox, oy, sc), st)
	case model.CancelDef:
		add(p.star(c.X, c.Y, 4, 10.5*sc, 2.6*sc, math.Pi/4).path(), st)
	case model.CompensationDef:
		add(icCompensation.place(ox, oy, sc), st)
	case model.SignalDef:
		add(icSignal.place(ox, oy, sc), st)
	case model.TerminateDef:
		add(p.circle(c.X, c.Y, 10*sc).path(), filled(col.ink, col.ink, wMarker))
	case "multiple":
		add(p.regular(c.X, c.Y+0.8*sc, 5, 10*sc, -math.Pi/2).path(), st)
	case "parallelMultiple":
		add(p.star(c.X, c.Y, 4, 10*sc, 3*sc, 0).path(), st)
	}
}

// ---- Gateways ----

func (b *builder) drawGateway(s *model.Shape, n *model.Node, r model.Rect, col colors) {
	id := s.Element
	body := b.pb(5)
	b.add(id, PartBody, r, body.diamond(r).path(), filled(col.fill, col.line, wGateway))
	c := r.Center()
	sc := math.Min(r.W, r.H) / 50
	ink := filled(col.ink, col.ink, wMarker)
	add := func(p *Path, st Style) { b.add(id, PartMarker, r, p, st) }
	p := b.pb(13)
	switch n.Kind {
	case model.ExclusiveGateway:
		if s.IsMarkerVisible != nil && *s.IsMarkerVisible {
			add(p.star(c.X, c.Y, 4, 11*sc, 2.4*sc, math.Pi/4).path(), ink)
		}
	case model.ParallelGateway:
		add(p.star(c.X, c.Y, 4, 13*sc, 2.6*sc, 0).path(), ink)
	case model.InclusiveGateway:
		add(p.circle(c.X, c.Y, 12.5*sc).path(), stroke(col.ink, 2.5))
	case model.ComplexGateway:
		add(p.star(c.X, c.Y, 8, 13*sc, 2*sc, 0).path(), ink)
	case model.EventBasedGateway:
		add(p.circle(c.X, c.Y, 15.5*sc).path(), stroke(col.ink, wMarker))
		if n.EventGatewayType == "Parallel" {
			plus := b.pb(13)
			add(plus.star(c.X, c.Y, 4, 10*sc, 2.5*sc, 0).path(), stroke(col.ink, wMarker))
			break
		}
		if !n.Instantiate {
			inner := b.pb(6)
			add(inner.circle(c.X, c.Y, 12.5*sc).path(), stroke(col.ink, wMarker))
		}
		pent := b.pb(6)
		add(pent.regular(c.X, c.Y+0.6*sc, 5, 7*sc, -math.Pi/2).path(), stroke(col.ink, wMarkerBig))
	}
	b.externalLabel(id, r, s.Label, n.Name, col)
}

// ---- Activities ----

// expanded reports whether a sub-process shape shows its content: the DI
// flag when present, else whether any child, or any other node, is drawn
// inside it in this diagram.
func (b *builder) expanded(s *model.Shape, n *model.Node) bool {
	if s.IsExpanded != nil {
		return *s.IsExpanded
	}
	if !n.Kind.IsSubProcess() {
		return false
	}
	if b.drawnParents == nil {
		b.drawnParents = map[string]bool{}
		for _, c := range b.d.Nodes {
			if _, ok := b.shapes[c.ID]; ok {
				b.drawnParents[c.Container] = true
			}
		}
	}
	if b.drawnParents[n.ID] {
		return true
	}
	// Some tools draw content inside without saying so (and without
	// making it the sub-process's children): trust the picture.
	r := clean(s.Bounds)
	for _, o := range b.g.Shapes {
		if o == nil || o == s || o.Element == s.Element {
			continue
		}
		if on := b.d.Node(o.Element); on != nil && on.Kind != model.BoundaryEvent && on.Kind != model.Group &&
			r.ContainsRect(clean(o.Bounds)) {
			return true
		}
	}
	return false
}

func (b *builder) drawActivity(s *model.Shape, n *model.Node, r model.Rect, col colors) {
	id := s.Element
	container := n.Kind.IsSubProcess() || n.Kind == model.CallActivity
	exp := container && b.expanded(s, n)
	st := filled(col.fill, col.line, wTask)
	switch {
	case n.Kind == model.CallActivity:
		st.Width = wCall
	case n.Kind == model.Transaction:
		st.Width = wMarkerBig
	}
	if n.TriggeredByEvent {
		st.Dash = dashEventSub
	}
	body := b.pb(10)
	b.add(id, PartBody, r, body.roundRect(r, taskRadius).path(), st)
	if n.Kind == model.Transaction {
		inner := b.pb(10)
		b.add(id, PartBody, r, inner.roundRect(r.Inset(3), taskRadius-2).path(), stroke(col.line, wMarkerBig))
	}
	// A call activity of a global task is drawn as that task (its type
	// icon, no "+"); one that calls a process, or something in another
	// file (mostly a process), shows "+" when collapsed, as in bpmn-js.
	icon := n.Kind
	if n.Kind == model.CallActivity {
		icon = b.calledKind(n)
	}
	b.taskIcon(id, icon, n.Instantiate, r, col)
	collapsed := container && !exp && !icon.IsTask()
	marks := b.activityMarkers(id, n, r, col, collapsed)
	if exp || n.Name == "" {
		b.innerLabel(id, r, n.Name, col.inside(), exp)
		return
	}
	b.taskLabel(id, r, n.Name, icon.IsTask() && icon != model.Task, marks, col.inside())
}

// calledKind is what a call activity calls: the model's CalledKind, else
// ProcessKind when CalledElement is a process of this file, else "".
func (b *builder) calledKind(n *model.Node) model.Kind {
	if n.CalledKind != "" {
		return n.CalledKind
	}
	if _, ok := b.d.Element(n.CalledElement).(*model.Process); ok && n.CalledElement != "" {
		return model.ProcessKind
	}
	return ""
}

// taskIcon draws the task-type symbol in the top-left corner.
// kind is the task kind whose icon is drawn (a call activity passes what it
// calls); instantiate marks a receive task that starts its process.
func (b *builder) taskIcon(id string, kind model.Kind, instantiate bool, r model.Rect, col colors) {
	x, y := r.X, r.Y
	add := func(p *Path, st Style) { b.add(id, PartMarker, r, p, st) }
	outline := filled(col.fill, col.ink, wMarker)
	switch kind {
	case model.UserTask:
		add(icUserBody.place(x, y, 1), outline)
		head := b.pb(6)
		add(head.circle(x+15, y+12, 4.4).path(), outline)
		add(icUserHair.place(x, y, 1), filled(col.ink, col.ink, 0.5))
	case model.ManualTask:
		add(icManual.place(x, y, 1), outline)
	case model.ServiceTask:
		for _, c := range [2][2]float64{{13, 13}, {19, 19}} {
			g, hole := gear(x+c[0], y+c[1], 6.8, 4.8, 8)
			add(g, outline)
			add(hole, stroke(col.ink, wMarker))
		}
	case model.ScriptTask:
		add(icScript.place(x, y, 1), outline)
	case model.SendTask:
		add(icMail.place(x, y, 1), filled(col.ink, col.fill, wMarker))
	case model.ReceiveTask:
		if instantiate {
			c := b.pb(6)
			add(c.circle(x+16, y+13.5, 11).path(), stroke(col.ink, wMarker))
		}
		add(icMail.place(x, y, 1), outline)
	case model.BusinessRuleTask:
		add(icRuleBody.place(x, y, 1), outline)
		add(icRuleTitle.place(x, y, 1), filled(fillFor(col.ink, b.pal.ruleHeader, b.pal.other().ruleHeader), col.ink, wMarker))
	}
}

// marker is one activity marker in the bottom row.
type marker struct {
	w    float64
	draw func(x, y float64)
}

// activityMarkers draws the bottom-centre row: compensation, loop or
// multi-instance, collapsed (+), ad-hoc, in the order BPMN gives.
func (b *builder) activityMarkers(id string, n *model.Node, r model.Rect, col colors, collapsed bool) bool {
	add := func(p *Path, st Style) { b.add(id, PartMarker, r, p, st) }
	line := stroke(col.ink, wMarkerBig)
	var row []marker
	if n.IsForCompensation {
		row = append(row, marker{14, func(x, y float64) { add(icCompMarker.place(x, y, 1), stroke(col.ink, wMarker)) }})
	}
	switch n.Loop {
	case model.StandardLoop:
		row = append(row, marker{14, func(x, y float64) { add(loopIcon(x, y), line) }})
	case model.ParallelMultiInstance:
		row = append(row, marker{14, func(x, y float64) { add(icParallelMI.place(x, y, 1), line) }})
	case model.SequentialMultiInstance:
		row = append(row, marker{14, func(x, y float64) { add(icSequentialMI.place(x, y, 1), line) }})
	}
	if collapsed {
		row = append(row, marker{14, func(x, y float64) {
			add(icSubProcessBox.place(x, y, 1), filled(col.fill, col.ink, wMarker))
			add(icSubProcessPlus.place(x, y, 1), line)
		}})
	}
	if n.Kind == model.AdHocSubProcess {
		row = append(row, marker{15, func(x, y float64) { add(icAdHoc.place(x, y, 1), line) }})
	}
	if len(row) == 0 {
		return false
	}
	const gap = 4
	total := -gap * 1.0
	for _, m := range row {
		total += m.w + gap
	}
	x := r.X + r.W/2 - total/2
	y := r.Y + r.H - 20
	for _, m := range row {
		m.draw(x, y)
		x += m.w + gap
	}
	return true
}

// taskLabel centres a collapsed activity's name in the room its type icon
// and bottom markers leave free, or in the whole box when that room is too
// small, so icons and text overlap only when they must.
func (b *builder) taskLabel(id string, r model.Rect, name string, icon, markers bool, c color.NRGBA) {
	w := math.Max(r.W-2*labelPadding, 0)
	lines := Wrap(name, w, NodeFontSize, false)
	h := float64(len(lines)) * NodeFontSize * LineSpacing
	top, bottom := r.Y+labelPadding, r.Y+r.H-labelPadding
	cy := r.Y + r.H/2
	if icon {
		top = r.Y + 27 // below the type icon
	}
	if markers {
		bottom = r.Y + r.H - 21 // above the marker row
	}
	if h <= bottom-top {
		// Stay as near the middle as the free band allows.
		cy = math.Min(math.Max(cy, top+h/2), bottom-h/2)
	}
	b.addInnerText(id, r, textBlock(lines, r.X+labelPadding, w, cy, math.NaN(), NodeFontSize, AlignCenter, c))
}

// ---- Data and artifacts ----

func (b *builder) drawDataObject(s *model.Shape, n *model.Node, r model.Rect, col colors) {
	id := s.Element
	f := math.Min(r.W, r.H) * 0.28
	x0, y0, x1, y1 := r.X, r.Y, r.X+r.W, r.Y+r.H
	p := b.pb(9)
	p.move(x0, y0).line(x1-f, y0).line(x1, y0+f).line(x1, y1).line(x0, y1).close()
	p.move(x1-f, y0).line(x1-f, y0+f).line(x1, y0+f)
	b.add(id, PartBody, r, p.path(), filled(col.fill, col.line, wData))
	coll := n.IsCollection
	if ref := b.d.Node(n.ItemRef); ref != nil && ref.IsCollection {
		coll = true
	}
	if coll {
		cx := r.X + r.W/2
		m := b.pb(6)
		for _, dx := range [3]float64{-3.5, 0, 3.5} {
			m.move(cx+dx, y1-13).line(cx+dx, y1-3)
		}
		b.add(id, PartMarker, r, m.path(), stroke(col.ink, wMarkerBig))
	}
	switch n.Kind {
	case model.DataInput:
		b.add(id, PartMarker, r, icDataArrow.place(x0, y0, 1), filled(col.fill, col.ink, wMarker))
	case model.DataOutput:
		b.add(id, PartMarker, r, icDataArrow.place(x0, y0, 1), filled(col.ink, col.ink, wMarker))
	}
	label := n.Name
	// Many tools already write the state into the name; show it once.
	if st := "[" + n.DataState + "]"; n.DataState != "" && !strings.Contains(strings.ToLower(label), strings.ToLower(st)) {
		if label != "" {
			label += "\n"
		}
		label += st
	}
	b.externalLabel(id, r, s.Label, label, col)
}

func (b *builder) drawDataStore(s *model.Shape, n *model.Node, r model.Rect, col colors) {
	id := s.Element
	ry := r.H * 0.12
	rx := r.W / 2
	cx := r.X + rx
	top, bottom := r.Y+ry, r.Y+r.H-ry
	p := b.pb(12)
	p.move(r.X, top).line(r.X, bottom).arc(cx, bottom, rx, ry, math.Pi, 0)
	p.line(r.X+r.W, top).arc(cx, top, rx, ry, 0, -math.Pi).close()
	b.add(id, PartBody, r, p.path(), filled(col.fill, col.line, wData))
	rings := b.pb(9)
	for k := range 3 {
		y := top + float64(k)*r.H*0.09
		rings.move(r.X, y).arc(cx, y, rx, ry, math.Pi, 0)
	}
	b.add(id, PartMarker, r, rings.path(), stroke(col.line, wData))
	b.externalLabel(id, r, s.Label, n.Name, col)
}

// bracket is the open bracket a text annotation draws along its left side.
func bracket(r model.Rect) []model.Point {
	arm := math.Min(10, r.W)
	return []model.Point{{X: r.X + arm, Y: r.Y}, {X: r.X, Y: r.Y}, {X: r.X, Y: r.Y + r.H}, {X: r.X + arm, Y: r.Y + r.H}}
}

func (b *builder) drawAnnotation(s *model.Shape, n *model.Node, r model.Rect, col colors) {
	id := s.Element
	if s.Style.Fill != "" {
		bg := b.pb(5)
		b.add(id, PartBody, r, bg.rect(r).path(), Style{Fill: col.fill})
	}
	p := b.pb(4)
	p.poly(false, bracket(r)...)
	b.add(id, PartBody, r, p.path(), stroke(col.line, wData))
	text := n.Text
	if text == "" {
		text = n.Name
	}
	if text == "" {
		return
	}
	w := math.Max(r.W-2*labelPadding, 0)
	lines := Wrap(text, w, NodeFontSize, false)
	// Unfilled, the text stands on whatever pool or lane is under it.
	ink := col.inside()
	if !col.ownFill {
		ink = b.textOn(r.Center(), col, col.ink)
	}
	b.addInnerText(id, r, textBlock(lines, r.X+labelPadding, w, r.Y+r.H/2, math.NaN(), NodeFontSize, AlignLeft, ink))
}

// drawGroup draws a group: a dashed rounded box over everything else, its
// name at the top.
func (b *builder) drawGroup(s *model.Shape) {
	r := clean(s.Bounds)
	n := b.d.Node(s.Element)
	col := b.pal.resolve(s.Style)
	// Unfilled, the border stands on whatever is under most of it.
	bg := b.surfaceUnder([]model.Point{{X: r.X, Y: r.Y}, {X: r.X + r.W, Y: r.Y}, {X: r.X + r.W, Y: r.Y + r.H}, {X: r.X, Y: r.Y + r.H}, {X: r.X, Y: r.Y}})
	b.pal.fit(&col, bg, bg)
	p := b.pb(10)
	b.add(s.Element, PartBody, r, p.roundRect(r, taskRadius).path(), Style{Stroke: col.line, Width: wData, Dash: dashGroup})
	name := model.NameOf(n)
	if name == "" && n != nil {
		// A group is named by its category value.
		name = n.CategoryValue
	}
	if name == "" {
		return
	}
	if s.Label != nil {
		b.externalLabel(s.Element, r, s.Label, name, col)
		return
	}
	// Groups are unfilled: the name stands on the pool or lane under it.
	at := model.Point{X: r.X + r.W/2, Y: r.Y + labelPadding + NodeFontSize/2}
	b.innerLabel(s.Element, r, name, b.textOn(at, col, col.ink), true)
}
