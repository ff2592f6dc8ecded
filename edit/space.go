package edit

import (
	"lanemap/model"
)

// fit grows the containers of node n so that r (its bounds) fits with
// Padding: an enclosing expanded sub-process, else the pool along the flow
// axis and the node's innermost lane along the stacking axis — by making
// space, so that the lanes after it and their content move along and the
// pool grows, as bpmn-js's auto-resize does.
func (s *Session) fit(t *tx, n *model.Node, r model.Rect) { s.fitDepth(t, n, r, 0) }

func (s *Session) fitDepth(t *tx, n *model.Node, r model.Rect, depth int) {
	d := s.Doc
	if depth > 64 {
		return // a container cycle in a broken file must not hang
	}
	if sp := d.Node(n.Container); sp != nil {
		ss := s.Shape(sp.ID)
		if ss == nil {
			return
		}
		want := ss.Bounds.Union(r.Inset(-Padding))
		if want != ss.Bounds {
			t.shape(ss).Bounds = want
			s.rerouteAttached(t, map[string]bool{sp.ID: true})
			s.fitDepth(t, sp, want, depth+1)
		}
		return
	}
	proc := d.Process(n.Container)
	if proc == nil {
		return
	}
	_, ps := s.poolShape(proc.ID)
	if ps == nil {
		return
	}
	a := axisOf(ps)
	fs, fz := a.flow(ps.Bounds)
	rs, rz := a.flow(r)
	if lo := fs + LabelBand; rs-Padding < lo {
		s.widen(t, proc, a, lo-(rs-Padding), false)
	}
	if hi := fs + fz; rs+rz+Padding > hi {
		s.widen(t, proc, a, rs+rz+Padding-hi, true)
	}
	target := ps
	if ls := s.lanesAt(proc, r.Center()); len(ls) > 0 {
		if sh := s.Shape(ls[len(ls)-1].ID); sh != nil {
			target = sh
		}
	}
	st, sz := a.stack(target.Bounds)
	rs, rz = a.stack(r)
	if over := rs + rz + Padding - (st + sz); over > 0 {
		s.insertSpace(t, proc, a, st+sz-1, over, true, nil)
	}
	st, _ = a.stack(target.Bounds)
	if over := st - (rs - Padding); over > 0 {
		s.insertSpace(t, proc, a, st+1, over, false, nil)
	}
}

// widen grows a pool and all its lanes along the flow axis, at the end or
// at the start.
func (s *Session) widen(t *tx, proc *model.Process, a ax, by float64, atEnd bool) {
	for _, sh := range s.laneRootShapes(proc) {
		st, sz := a.flow(sh.Bounds)
		if atEnd {
			t.shape(sh).Bounds = a.setFlow(sh.Bounds, st, sz+by)
		} else {
			t.shape(sh).Bounds = a.setFlow(sh.Bounds, st-by, sz+by)
		}
	}
}

// laneRootShapes lists the shapes of a process's pool and all its lanes.
func (s *Session) laneRootShapes(proc *model.Process) []*model.Shape {
	var out []*model.Shape
	if _, ps := s.poolShape(proc.ID); ps != nil {
		out = append(out, ps)
	}
	for _, l := range allLanes(proc.Lanes) {
		if sh := s.Shape(l.ID); sh != nil {
			out = append(out, sh)
		}
	}
	return out
}

// insertSpace opens (delta > 0) or closes (delta < 0) space at line on the
// stacking axis of proc's pool, as diagram-js's space tool does. With after
// set, everything starting at or beyond line moves by delta and the lanes
// and pool that span line grow; otherwise everything ending at or before
// line moves by -delta and the spanning ones grow at their start. Lanes in
// grow are resized even when they only touch line. Flow nodes move when
// their centre is on the moving side; flows follow.
func (s *Session) insertSpace(t *tx, proc *model.Process, a ax, line, delta float64, after bool, grow map[string]bool) {
	shapes := s.laneRootShapes(proc)
	for _, sh := range shapes {
		st, sz := a.stack(sh.Bounds)
		touches := st <= line+tol && st+sz >= line-tol
		switch {
		case after && grow[sh.Element] && touches:
			// Checked first: a lane or pool that only starts at line (the
			// pool of a new first lane) grows instead of moving away.
			t.shape(sh).Bounds = a.setStack(sh.Bounds, st, sz+delta)
		case !after && grow[sh.Element] && touches:
			t.shape(sh).Bounds = a.setStack(sh.Bounds, st-delta, sz+delta)
		case after && st >= line-tol:
			t.shape(sh).Bounds = a.shiftRect(sh.Bounds, delta)
		case after && st+sz > line+tol:
			t.shape(sh).Bounds = a.setStack(sh.Bounds, st, sz+delta)
		case !after && st+sz <= line+tol:
			t.shape(sh).Bounds = a.shiftRect(sh.Bounds, -delta)
		case !after && st < line-tol:
			t.shape(sh).Bounds = a.setStack(sh.Bounds, st-delta, sz+delta)
		}
	}
	set := map[string]bool{}
	for _, n := range s.graph().inside[proc.ID] {
		if n.AttachedTo != "" {
			continue
		}
		sh := s.Shape(n.ID)
		if sh == nil {
			continue
		}
		c := a.pt(sh.Bounds.Center())
		if (after && c >= line) || (!after && c <= line) {
			set[n.ID] = true
		}
	}
	if len(set) == 0 {
		return
	}
	s.closure(set)
	d := delta
	if !after {
		d = -delta
	}
	if a {
		s.translate(t, set, 0, d)
	} else {
		s.translate(t, set, d, 0)
	}
}
