package edit

import (
	"fmt"
	"math"
	"slices"

	"lanemap/model"
)

// Connect joins src to tgt with the connecting object model.CanConnect
// allows (sequence flow, message flow, association or data association),
// routed with orthogonal waypoints. It returns the new flow's id.
func (s *Session) Connect(src, tgt string) (string, error) {
	k, ok := model.CanConnect(s.Doc, src, tgt)
	if !ok {
		return "", s.whyNot(src, tgt)
	}
	var id string
	err := s.runNamed(LabelKey{"connect", s.nameOf(tgt)}, "Connect", "", func(t *tx) error {
		var err error
		id, err = s.connect(t, src, tgt, k)
		return err
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// whyNot explains a refused connection.
func (s *Session) whyNot(src, tgt string) error {
	for _, id := range []string{src, tgt} {
		if s.Doc.Node(id) == nil && s.Doc.Participant(id) == nil {
			return errNo("node or pool", id)
		}
	}
	return fmt.Errorf("edit: %s %q cannot be connected to %s %q", s.kindOf(src), src, s.kindOf(tgt), tgt)
}

func (s *Session) kindOf(id string) model.Kind {
	if n := s.Doc.Node(id); n != nil {
		return n.Kind
	}
	if s.Doc.Participant(id) != nil {
		return model.ParticipantKind
	}
	return ""
}

// flowContainer is the element whose XML holds a new flow of kind k.
func (s *Session) flowContainer(k model.Kind, src, tgt string) string {
	d := s.Doc
	sn, tn := d.Node(src), d.Node(tgt)
	switch k {
	case model.SequenceFlow:
		return sn.Container
	case model.MessageFlow:
		if len(d.Collaborations) > 0 {
			return d.Collaborations[0].ID
		}
	case model.DataInputAssociation:
		return tgt // held by the activity or event that reads
	case model.DataOutputAssociation:
		return src
	case model.Association:
		if sn != nil && sn.Kind == model.TextAnnotation {
			return sn.Container
		}
		if tn != nil {
			return tn.Container
		}
	}
	return ""
}

func (s *Session) connect(t *tx, src, tgt string, k model.Kind) (string, error) {
	f := &model.Flow{ID: model.NewID(k), Kind: k, Source: src, Target: tgt, Container: s.flowContainer(k, src, tgt)}
	if k == model.Association {
		f.Direction = "None"
	}
	t.addFlow(f)
	e := &model.Edge{ID: f.ID + "_di", Element: f.ID}
	t.addEdge(e)
	if err := s.routeBranch(t, f); err != nil {
		return "", err
	}
	return f.ID, nil
}

// routeBranch routes a new flow f. A fork or join must read unambiguously,
// so no two of its branches may share a trunk: f keeps off every other
// flow, its siblings included. When that costs f bends that a route
// running along a sibling would not, or f finds no clear route at all, the
// siblings in the way are routed anew instead, off f — if none of them
// gets a route with more bends or one that crosses a shape or runs along a
// flow. So the straight way on
// stays straight and the older branch to the lane below leaves from a port
// of its own, while an older straight branch is never bent for a new one.
func (s *Session) routeBranch(t *tx, f *model.Flow) error {
	e := s.Edge(f.ID)
	if f.Kind != model.SequenceFlow || e == nil {
		return s.route(t, f)
	}
	strict, err := s.routePts(t, f, e, false)
	if err != nil {
		return err
	}
	s.setRoute(t, e, strict)
	clean := !s.tangled(f)
	if clean && len(strict) <= 2 {
		return nil
	}
	yield, _ := s.routePts(t, f, e, true)
	if clean && len(yield) >= len(strict) {
		return nil
	}
	s.setRoute(t, e, yield)
	type kept struct {
		e     *model.Edge
		pts   []model.Point
		label *model.Rect
	}
	var moved []kept
	g := s.graph()
	for _, end := range []string{f.Source, f.Target} {
		for _, sib := range g.touching[end] {
			if sib == f || sib.Kind != model.SequenceFlow || !(sib.Source == f.Source || sib.Target == f.Target) {
				continue
			}
			se := s.Edge(sib.ID)
			if se == nil || slices.ContainsFunc(moved, func(k kept) bool { return k.e == se }) ||
				collinear(yield, se.Waypoints) <= overlapMax {
				continue
			}
			moved = append(moved, kept{se, se.Waypoints, se.Label})
			if s.route(t, sib) != nil || len(se.Waypoints) > len(moved[len(moved)-1].pts) || s.tangled(sib) {
				for _, k := range slices.Backward(moved) {
					t.edge(k.e).Waypoints = k.pts
					k.e.Label = k.label
				}
				s.setRoute(t, e, strict)
				return nil
			}
		}
	}
	return nil
}

// firstInto reports whether f is the only sequence flow into its target.
func (s *Session) firstInto(f *model.Flow) bool {
	for _, g := range s.graph().touching[f.Target] {
		if g != f && g.Target == f.Target && g.Kind == model.SequenceFlow {
			return false
		}
	}
	return true
}

// gatewayCorners lists the corners of a gateway at r, the back one (where
// flows come in: left, or top when across) first.
func gatewayCorners(r model.Rect, across bool) []model.Point {
	c := r.Center()
	left, right := model.Point{X: r.X, Y: c.Y}, model.Point{X: r.X + r.W, Y: c.Y}
	top, bottom := model.Point{X: c.X, Y: r.Y}, model.Point{X: c.X, Y: r.Y + r.H}
	if across {
		return []model.Point{top, bottom, left, right}
	}
	return []model.Point{left, right, top, bottom}
}

// tangled reports whether f's route crosses a shape or runs along another
// flow.
func (s *Session) tangled(f *model.Flow) bool {
	e := s.Edge(f.ID)
	a, b := s.Shape(f.Source), s.Shape(f.Target)
	if e == nil || a == nil || b == nil {
		return false
	}
	box := boundsOf(e.Waypoints).Union(a.Bounds).Union(b.Bounds)
	hard, _ := s.obstacles(f, box)
	return !clearOf(e.Waypoints, hard) || s.othersFor(f.ID, f.Source, f.Target, box).conflicts(e.Waypoints)
}

// route recomputes the waypoints of f's edge from its ends' shapes.
func (s *Session) route(t *tx, f *model.Flow) error { return s.routeOpt(t, f, false) }

// routeOpt is route; with yield, the flows out of f's source and into its
// target do not count as flows to keep off (routeBranch moves them).
func (s *Session) routeOpt(t *tx, f *model.Flow, yield bool) error {
	e := s.Edge(f.ID)
	if e == nil {
		return nil // not shown in this diagram
	}
	pts, err := s.routePts(t, f, e, yield)
	if err != nil {
		return err
	}
	s.setRoute(t, e, pts)
	return nil
}

// setRoute gives e the waypoints pts; its label follows.
func (s *Session) setRoute(t *tx, e *model.Edge, pts []model.Point) {
	was := t.edgeBefore(e)
	t.edge(e).Waypoints = pts
	if was.label != nil && len(was.pts) > 0 {
		l := followLabel(*was.label, was.pts, pts)
		e.Label = &l
	}
}

// routePts is the route routeOpt gives f's edge e.
func (s *Session) routePts(t *tx, f *model.Flow, e *model.Edge, yield bool) ([]model.Point, error) {
	a, b := s.Shape(f.Source), s.Shape(f.Target)
	if a == nil || b == nil {
		return nil, fmt.Errorf("edit: an end of %s %q has no shape", f.Kind, f.ID)
	}
	var pts []model.Point
	switch f.Kind {
	case model.SequenceFlow:
		across := false
		if p := s.Doc.ProcessOf(f.Source); p != nil {
			across = !bool(s.laneAxis(p.ID))
		}
		var sg, tg bool
		if n := s.Doc.Node(f.Source); n != nil {
			sg = n.Kind.IsGateway()
		}
		if n := s.Doc.Node(f.Target); n != nil {
			tg = n.Kind.IsGateway()
		}
		pts = GatewayRoute(a.Bounds, b.Bounds, across, sg, tg)
		box := a.Bounds.Union(b.Bounds)
		hard, soft := s.obstacles(f, box)
		o := s.othersFor(f.ID, f.Source, f.Target, box)
		o.yield = yield
		// The first flow into a gateway comes in at the back corner: one
		// that came in at the top corner would leave a later branch
		// nowhere but the back to go out by. (A join takes what is left.)
		if tg && s.firstInto(f) {
			o.taken = append(o.taken, gatewayCorners(b.Bounds, across)[1:]...)
		}
		pts = routeAmong(pts, a.Bounds, b.Bounds, across, hard, soft, o)
	case model.MessageFlow:
		across := true
		if p := s.Doc.ProcessOf(f.Source); p != nil {
			across = bool(s.laneAxis(p.ID))
		} else if pool := s.Doc.Participant(f.Source); pool != nil {
			across = horizontal(a)
		}
		pts = keepMessageLine(a.Bounds, b.Bounds, across, t.edgeBefore(e).pts)
		if pts == nil {
			pts = MessageRoute(a.Bounds, b.Bounds, across)
		}
		// Message flows cross lanes and pools but not the shapes in them.
		hard, _ := s.obstacles(f, a.Bounds.Union(b.Bounds))
		pts = routeAround(pts, a.Bounds, b.Bounds, across, hard, nil)
	default:
		pts = StraightRoute(a.Bounds, b.Bounds)
	}
	return pts, nil
}

// followLabel moves a flow's label along with its route: the label keeps
// its offset from the point of the route nearest to it, and that point
// keeps its share of the route's length. A label beside the first tenth of
// a message flow, between the pools, thus stays between the pools when the
// flow gets longer.
func followLabel(l model.Rect, old, pts []model.Point) model.Rect {
	if len(old) < 2 || len(pts) < 2 {
		om, nm := mid(old), mid(pts)
		return l.Translate(nm.X-om.X, nm.Y-om.Y)
	}
	c := l.Center()
	total, at, best := 0.0, 0.0, math.Inf(1)
	var near model.Point
	for i := 1; i < len(old); i++ {
		a, b := old[i-1], old[i]
		dx, dy := b.X-a.X, b.Y-a.Y
		n := math.Hypot(dx, dy)
		u := 0.0
		if n > 0 {
			u = math.Max(0, math.Min(1, ((c.X-a.X)*dx+(c.Y-a.Y)*dy)/(n*n)))
		}
		p := model.Point{X: a.X + u*dx, Y: a.Y + u*dy}
		if d := math.Hypot(c.X-p.X, c.Y-p.Y); d < best {
			best, near, at = d, p, total+u*n
		}
		total += n
	}
	if total == 0 {
		om, nm := mid(old), mid(pts)
		return l.Translate(nm.X-om.X, nm.Y-om.Y)
	}
	np := pointAt(pts, at/total)
	return l.Translate(round(np.X-near.X), round(np.Y-near.Y))
}

// pointAt is the point at share f (0…1) of a polyline's length.
func pointAt(pts []model.Point, f float64) model.Point {
	total := 0.0
	for i := 1; i < len(pts); i++ {
		total += math.Hypot(pts[i].X-pts[i-1].X, pts[i].Y-pts[i-1].Y)
	}
	want := f * total
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		n := math.Hypot(b.X-a.X, b.Y-a.Y)
		if want <= n && n > 0 {
			u := want / n
			return model.Point{X: a.X + u*(b.X-a.X), Y: a.Y + u*(b.Y-a.Y)}
		}
		want -= n
	}
	return pts[len(pts)-1]
}

// mid is the middle waypoint (or the middle of the middle segment).
func mid(pts []model.Point) model.Point {
	if len(pts)%2 == 1 {
		return pts[len(pts)/2]
	}
	a, b := pts[len(pts)/2-1], pts[len(pts)/2]
	return model.Point{X: (a.X + b.X) / 2, Y: (a.Y + b.Y) / 2}
}

// rerouteAttached re-routes every flow with an end in ids.
func (s *Session) rerouteAttached(t *tx, ids map[string]bool) {
	for _, f := range s.flowsAt(ids) {
		_ = s.route(t, f) // an end without DI keeps its old route
	}
}

// Reconnect moves one or both ends of a flow ("" keeps an end). A sequence
// flow that now crosses pools becomes a message flow and back; other
// changes of kind are refused.
func (s *Session) Reconnect(flowID, newSrc, newTgt string) error {
	f := s.Doc.Flow(flowID)
	if f == nil {
		return errNo("flow", flowID)
	}
	if newSrc == "" {
		newSrc = f.Source
	}
	if newTgt == "" {
		newTgt = f.Target
	}
	if newSrc == f.Source && newTgt == f.Target {
		return ErrNoChange
	}
	k, ok := model.CanConnect(s.Doc, newSrc, newTgt)
	if !ok {
		return s.whyNot(newSrc, newTgt)
	}
	swappable := func(k model.Kind) bool { return k == model.SequenceFlow || k == model.MessageFlow }
	if k != f.Kind && !(swappable(k) && swappable(f.Kind)) {
		return fmt.Errorf("edit: %s %q cannot become a %s", f.Kind, flowID, k)
	}
	return s.run("Reconnect", "", func(t *tx) error {
		if f.Source != newSrc {
			if n := s.Doc.Node(f.Source); n != nil && n.Default == f.ID {
				t.node(n).Default = ""
			}
		}
		t.flow(f)
		f.Source, f.Target, f.Kind = newSrc, newTgt, k
		s.bump()
		f.Container = s.flowContainer(k, newSrc, newTgt)
		if k == model.MessageFlow {
			f.Condition = ""
		}
		return s.route(t, f)
	})
}
