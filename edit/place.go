package edit

import (
	"math"

	"lanemap/model"
)

// Placing an appended node. bpmn-js's auto-place puts the next node one
// gap to the right of its source and, when that place is taken, steps
// below it. Taken alone that rule lets the new flow run through the node
// already there (the map then reads "Utreda → Kontrollera" for a step that
// follows the start). placeNext therefore asks three things of a place: it
// overlaps no shape, the new flow's route to it crosses none, and (best)
// no other flow runs through it. In that order it tries the place in the
// source's row (or the target lane's middle); for a source that already
// branches, a new row below or above in the lane (growing the lane when it
// has no room); else it makes space as diagram-js's space tool does,
// moving everything after the source one column on, in the same undo
// step; then the next columns; last the nearest free place.

// placeReq says what is appended where.
type placeReq struct {
	a         ax
	src, host *model.Node // host: src's host when src is a boundary event
	srcShape  *model.Shape
	kind      model.Kind
	proc      *model.Process
	top       bool // host sits directly in proc (not in a sub-process)
	flowAt    float64
	stackAt   float64
	w, h      float64
	band      model.Rect // where the new node's centre must stay
	haveBand  bool
	lane      *model.Lane // the band's lane, nil without one
}

func (q placeReq) rect(f, st float64) model.Rect {
	if q.a {
		return centered(model.Point{X: f, Y: st}, q.w, q.h)
	}
	return centered(model.Point{X: st, Y: f}, q.w, q.h)
}

// free reports whether r keeps Padding/2 from every node shape.
func (s *Session) free(r model.Rect, near *model.Node) bool {
	ok := true
	s.di.space.shapesNear(s.Diagram, r.Inset(-Padding/2), func(sh *model.Shape) {
		n := s.Doc.Node(sh.Element)
		if !ok || n == nil || n.Kind == model.Group || (n.Kind.IsSubProcess() && n.ID == near.Container) || s.Shape(n.ID) != sh {
			return
		}
		if sh.Bounds.Inset(-Padding / 2).Intersects(r) {
			ok = false
		}
	})
	return ok
}

// clearRoute reports whether the flow from q's source to a node at r would
// be routed without crossing a shape.
func (s *Session) clearRoute(q placeReq, r model.Rect) bool {
	a := q.srcShape.Bounds
	pts := GatewayRoute(a, r, !bool(q.a), q.src.Kind.IsGateway(), q.kind.IsGateway())
	hard, soft := s.obstaclesFor(q.src.ID, "", a.Union(r))
	pts = routeAround(pts, a, r, !bool(q.a), hard, soft)
	return clearOf(pts, hard) && clearOf(pts, []model.Rect{a, r})
}

func (s *Session) placeNext(t *tx, q placeReq) model.Rect {
	inBand := func(st float64) bool {
		if !q.haveBand {
			return true
		}
		bs, bz := q.a.stack(q.band)
		return st > bs && st < bs+bz
	}
	_, nz := q.a.stack(q.rect(0, 0))
	step := nz + Padding
	// A place that overlaps no shape and gets a clear route is good; one
	// that no other flow runs through either is best. The first good one
	// is kept in case no best one turns up.
	var best, good *model.Rect
	try := func(r model.Rect) bool {
		if !s.free(r, q.host) || !s.clearRoute(q, r) {
			return false
		}
		if s.noFlowThrough(r) {
			best = &r
			return true
		}
		if good == nil {
			good = &r
		}
		return false
	}
	switch {
	case try(q.rect(q.flowAt, q.stackAt)):
	case s.branches(q.src):
		// A second way out of the source: a new row beside the first.
		for _, off := range []float64{step, -step, 2 * step, -2 * step} {
			if st := q.stackAt + off; inBand(st) && try(q.rect(q.flowAt, st)) {
				break
			}
		}
		if best == nil && good == nil && q.top && q.lane != nil {
			// No room in the lane: make it one row deeper, below.
			if ls := s.Shape(q.lane.ID); ls != nil {
				bs, bz := q.a.stack(ls.Bounds)
				if need := q.stackAt + step + nz/2 + Padding - (bs + bz); need > 0 {
					s.insertSpace(t, q.proc, q.a, bs+bz-1, need, true, nil)
					s.relane(t, q.proc)
					q.band = ls.Bounds
				}
				try(q.rect(q.flowAt, q.stackAt+step))
			}
		}
	case good == nil && q.top && s.makeSpace(t, q):
		try(q.rect(q.flowAt, q.stackAt))
	}
	// Further along the flow: the source's row, then the rows beside it.
	_, fz := q.a.flow(q.rect(0, 0))
	for col := 1; col < 8 && best == nil; col++ {
		f := q.flowAt + float64(col)*(fz+Gap)
		for _, off := range []float64{0, step, -step} {
			if st := q.stackAt + off; inBand(st) && try(q.rect(f, st)) {
				break
			}
		}
	}
	switch {
	case best != nil:
		return *best
	case good != nil:
		return *good
	}
	return s.freeSpot(q.a, q.host, q.flowAt, q.stackAt, q.w, q.h, q.band, q.haveBand)
}

// noFlowThrough reports whether no flow's route runs through r.
func (s *Session) noFlowThrough(r model.Rect) bool {
	for _, e := range s.Diagram.Edges {
		if crosses(e.Waypoints, r) {
			return false
		}
	}
	return true
}

// branches reports whether n already has an outgoing sequence flow.
func (s *Session) branches(n *model.Node) bool {
	for _, f := range s.graph().touching[n.ID] {
		if f.Source == n.ID && f.Kind == model.SequenceFlow {
			return true
		}
	}
	return false
}

// makeSpace moves everything of q's process that starts after the source
// along the flow axis, far enough for a node at q.flowAt plus Gap, and
// widens the pool when the content would stick out. It reports whether
// anything moved.
func (s *Session) makeSpace(t *tx, q placeReq) bool {
	hs, hz := q.a.flow(q.srcShape.Bounds)
	if q.host != q.src {
		if h := s.Shape(q.host.ID); h != nil {
			hs, hz = q.a.flow(h.Bounds)
		}
	}
	line := hs + hz
	_, fz := q.a.flow(q.rect(0, 0))
	want := q.flowAt + fz/2 + Gap
	set := map[string]bool{}
	first := math.Inf(1)
	for _, n := range s.graph().inside[q.proc.ID] {
		if n.AttachedTo != "" {
			continue
		}
		sh := s.Shape(n.ID)
		if sh == nil {
			continue
		}
		if st, _ := q.a.flow(sh.Bounds); st >= line-tol {
			set[n.ID] = true
			first = math.Min(first, st)
		}
	}
	if len(set) == 0 || first >= want {
		return false
	}
	by := want - first
	s.closure(set)
	if q.a {
		s.translate(t, set, by, 0)
	} else {
		s.translate(t, set, 0, by)
	}
	end := math.Inf(-1)
	for id := range set {
		if sh := s.Shape(id); sh != nil {
			st, sz := q.a.flow(sh.Bounds)
			end = math.Max(end, st+sz)
		}
	}
	if _, ps := s.poolShape(q.proc.ID); ps != nil {
		if fs, fz := q.a.flow(ps.Bounds); end+Padding > fs+fz {
			s.widen(t, q.proc, q.a, end+Padding-(fs+fz), true)
		}
	}
	return true
}
