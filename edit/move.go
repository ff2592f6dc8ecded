package edit

import (
	"fmt"
	"math"
	"slices"

	"lanemap/model"
)

// MoveNodes moves nodes (and whole pools) by (dx, dy) as one step. Boundary
// events follow their host and sub-process content its sub-process; a
// boundary event moved alone slides along its host's border. Where a node
// lands decides its lane membership and its process or sub-process; the
// lane and pool grow when it sticks out; attached flows are re-routed and
// flows that landing made illegal change kind (sequence ↔ message) or go.
func (s *Session) MoveNodes(ids []string, dx, dy float64) error {
	if len(ids) == 0 || (dx == 0 && dy == 0) {
		return ErrNoChange
	}
	for _, id := range ids {
		switch s.Doc.Element(id).(type) {
		case *model.Node:
			if _, _, err := s.nodeOf(id); err != nil {
				return err
			}
		case *model.Participant:
			if s.Shape(id) == nil {
				return fmt.Errorf("edit: pool %q has no shape", id)
			}
		case *model.Lane:
			return fmt.Errorf("edit: lane %q moves with MoveLane, not MoveNodes", id)
		case nil:
			return errNo("node", id)
		default:
			return fmt.Errorf("edit: %q cannot be moved", id)
		}
	}
	return s.runNamed(LabelKey{"move", s.nameOf(ids...)}, "Move", "", func(t *tx) error { return s.moveNodes(t, ids, dx, dy) })
}

// closure adds boundary events of moved activities and the content of
// moved sub-processes (at any depth) to set, and returns the added ids.
func (s *Session) closure(set map[string]bool) {
	g := s.graph()
	queue := make([]string, 0, len(set))
	for id := range set {
		queue = append(queue, id)
	}
	for len(queue) > 0 {
		id := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, list := range [2][]*model.Node{g.attached[id], g.inside[id]} {
			for _, n := range list {
				if !set[n.ID] {
					set[n.ID] = true
					queue = append(queue, n.ID)
				}
			}
		}
	}
}

// translate moves the shapes of set and the flows between them, bends and
// all; a flow with one end in set keeps its bends where they still make a
// route (keepBends) and is routed anew only when they do not.
func (s *Session) translate(t *tx, set map[string]bool, dx, dy float64) {
	for id := range set {
		if sh := s.Shape(id); sh != nil {
			moveShape(t, sh, dx, dy)
		}
	}
	for _, f := range s.flowsAt(set) {
		in, out := set[f.Source], set[f.Target]
		switch {
		case in && out:
			if e := s.Edge(f.ID); e != nil {
				moveEdge(t, e, dx, dy)
			}
		case in || out:
			if !s.keepBends(t, f, in) {
				_ = s.route(t, f) // an end without DI keeps its old route
			}
		}
	}
}

// keepBends re-routes only the end segment of f at the end that moved (its
// source when fromMoved): the first bend slides along its segment so that
// the route meets the moved shape again, square, and the other bends stay
// where the user put them; a straight flow stays straight while its line
// still meets an activity's side. It reports false, changing nothing, when
// that cannot be done or the kept bends no longer make a clear orthogonal
// route (one through a shape, or through its own ends).
func (s *Session) keepBends(t *tx, f *model.Flow, fromMoved bool) bool {
	e := s.Edge(f.ID)
	a, b := s.Shape(f.Source), s.Shape(f.Target)
	if e == nil || a == nil || b == nil || len(e.Waypoints) < 2 ||
		f.Kind != model.SequenceFlow && f.Kind != model.MessageFlow || !orthogonalRoute(e.Waypoints) {
		return false
	}
	pts := simplify(slices.Clone(e.Waypoints))
	if len(pts) < 2 {
		return false
	}
	moved, id := a.Bounds, f.Source
	if !fromMoved {
		slices.Reverse(pts)
		moved, id = b.Bounds, f.Target
	}
	pts = reattach(pts, moved, s.slides(id))
	if pts == nil || !orthogonalRoute(pts) {
		return false
	}
	if !fromMoved {
		slices.Reverse(pts)
	}
	if !clearOf(pts, []model.Rect{a.Bounds, b.Bounds}) {
		return false
	}
	hard, _ := s.obstacles(f, boundsOf(pts))
	if !clearOf(pts, hard) {
		return false
	}
	s.setRoute(t, e, pts)
	return true
}

// reattach moves the start of the orthogonal route pts onto r: the first
// segment keeps its line when that still meets r's facing side (at its
// middle, unless slide allows anywhere along it) and else moves with the
// first bend to r's middle. It returns nil when the first bend no longer
// lies outside r on the side the route leaves from.
func reattach(pts []model.Point, r model.Rect, slide bool) []model.Point {
	p, q := pts[0], pts[1]
	c := r.Center()
	switch {
	case math.Abs(p.Y-q.Y) <= tol: // leaves sideways
		var x float64
		switch {
		case q.X > r.X+r.W+tol:
			x = r.X + r.W
		case q.X < r.X-tol:
			x = r.X
		default:
			return nil
		}
		y := q.Y
		if m := math.Min(clearance, r.H/4); !slide || y < r.Y+m || y > r.Y+r.H-m {
			y = c.Y // not where the side has room for it
		}
		if len(pts) == 2 && math.Abs(y-q.Y) > tol {
			return nil // the other end's point stays where it is
		}
		pts[0], pts[1].Y = model.Point{X: x, Y: y}, y
	default: // leaves up or down
		var y float64
		switch {
		case q.Y > r.Y+r.H+tol:
			y = r.Y + r.H
		case q.Y < r.Y-tol:
			y = r.Y
		default:
			return nil
		}
		x := q.X
		if m := math.Min(clearance, r.W/4); !slide || x < r.X+m || x > r.X+r.W-m {
			x = c.X
		}
		if len(pts) == 2 && math.Abs(x-q.X) > tol {
			return nil
		}
		pts[0], pts[1].X = model.Point{X: x, Y: y}, x
	}
	return simplify(pts)
}

// orthogonalRoute reports whether every segment of pts is horizontal or
// vertical.
func orthogonalRoute(pts []model.Point) bool {
	for i := 1; i < len(pts); i++ {
		if math.Abs(pts[i].X-pts[i-1].X) > tol && math.Abs(pts[i].Y-pts[i-1].Y) > tol {
			return false
		}
	}
	return true
}

// simplify drops repeated points and the middle one of three on a line.
func simplify(pts []model.Point) []model.Point {
	out := pts[:0:0]
	for _, p := range pts {
		if n := len(out); n > 0 && samePoint(out[n-1], p) {
			continue
		}
		if n := len(out); n > 1 {
			a, b := out[n-2], out[n-1]
			if (math.Abs(a.X-b.X) <= tol && math.Abs(b.X-p.X) <= tol) || (math.Abs(a.Y-b.Y) <= tol && math.Abs(b.Y-p.Y) <= tol) {
				out[n-1] = p
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

func moveShape(t *tx, sh *model.Shape, dx, dy float64) {
	t.shape(sh).Bounds = sh.Bounds.Translate(dx, dy)
	if sh.Label != nil {
		l := sh.Label.Translate(dx, dy)
		sh.Label = &l
	}
}

func moveEdge(t *tx, e *model.Edge, dx, dy float64) {
	t.edge(e)
	pts := make([]model.Point, len(e.Waypoints))
	for i, p := range e.Waypoints {
		pts[i] = model.Point{X: p.X + dx, Y: p.Y + dy}
	}
	e.Waypoints = pts
	if e.Label != nil {
		l := e.Label.Translate(dx, dy)
		e.Label = &l
	}
}

func (s *Session) moveNodes(t *tx, ids []string, dx, dy float64) error {
	d := s.Doc
	set := map[string]bool{}
	var pools []*model.Participant
	for _, id := range ids {
		set[id] = true
		if p := d.Participant(id); p != nil {
			pools = append(pools, p)
			if proc := d.Process(p.ProcessRef); proc != nil {
				set[proc.ID] = true // its nodes follow through closure
				for _, l := range allLanes(proc.Lanes) {
					set[l.ID] = true
				}
			}
		}
	}
	// Top nodes: those whose container or host does not move with them.
	var tops []*model.Node
	seen := map[string]bool{}
	for _, id := range ids {
		if n := d.Node(id); n != nil && !seen[id] && !set[n.Container] && !set[n.AttachedTo] {
			seen[id] = true
			tops = append(tops, n)
		}
	}
	s.closure(set)
	s.translate(t, set, dx, dy)

	changedFlows := map[string]bool{}
	for _, n := range tops {
		sh := s.Shape(n.ID)
		if n.Kind == model.BoundaryEvent {
			if hs := s.Shape(n.AttachedTo); hs != nil {
				c := onBorder(hs.Bounds, sh.Bounds.Center())
				w, h := sh.Bounds.W, sh.Bounds.H
				ddx, ddy := c.X-w/2-sh.Bounds.X, c.Y-h/2-sh.Bounds.Y
				moveShape(t, sh, ddx, ddy)
				s.rerouteAttached(t, map[string]bool{n.ID: true})
			}
			continue
		}
		if n.Kind.IsArtifact() {
			continue // annotations and groups float above the structure
		}
		pl, ok := s.landing(sh.Bounds.Center(), set)
		if !ok {
			if n.Kind == model.DataStoreReference {
				continue
			}
			return fmt.Errorf("edit: a %s cannot be placed outside a pool", n.Kind)
		}
		if pl.container != n.Container {
			if !model.CanDrop(d, n.Kind, pl.container) {
				return fmt.Errorf("edit: a %s cannot be placed in %q", n.Kind, pl.container)
			}
			t.node(n).Container = pl.container
			t.structural()
			s.bump()
			if n.Kind == model.DataObjectReference {
				s.carryDataObject(t, n)
			}
			for _, f := range s.flowsAt(map[string]bool{n.ID: true}) {
				changedFlows[f.ID] = true
			}
		}
		if !n.Kind.IsFlowNode() {
			continue
		}
		want := pl.lanes
		if pl.proc == nil || pl.container != pl.proc.ID {
			want = nil // inside a sub-process: no lane lists it
		}
		s.setLanes(t, n.ID, want)
		// Boundary events belong to the lanes where they sit.
		for _, b := range s.graph().attached[n.ID] {
			{
				bs := s.Shape(b.ID)
				var bl []*model.Lane
				if bs != nil && pl.proc != nil && pl.container == pl.proc.ID {
					bl = s.lanesAt(pl.proc, bs.Bounds.Center())
				}
				if b.Container != pl.container {
					t.node(b).Container = pl.container
					s.bump()
				}
				s.setLanes(t, b.ID, bl)
			}
		}
	}
	if err := s.fixFlows(t, changedFlows); err != nil {
		return err
	}
	for _, n := range tops {
		if !n.Kind.IsArtifact() && n.Kind != model.BoundaryEvent {
			s.fit(t, n, s.Shape(n.ID).Bounds)
		}
	}
	for _, p := range pools {
		s.rerouteAttached(t, map[string]bool{p.ID: true})
	}
	return nil
}

// carryDataObject moves a reference's data object along into the
// reference's new container, unless other references still use it there.
func (s *Session) carryDataObject(t *tx, ref *model.Node) {
	d := s.Doc
	obj := d.Node(ref.ItemRef)
	if obj == nil || obj.Kind != model.DataObject || obj.Container == ref.Container {
		return
	}
	for _, n := range d.Nodes {
		if n != ref && n.Kind == model.DataObjectReference && n.ItemRef == obj.ID {
			return // shared: it stays with the others
		}
	}
	t.node(obj).Container = ref.Container
	s.bump()
}

// fixFlows re-checks flows whose ends changed container: a flow that is no
// longer allowed turns into the allowed sequence/message kind or is deleted.
func (s *Session) fixFlows(t *tx, ids map[string]bool) error {
	var drop []string
	order := make([]string, 0, len(ids))
	for id := range ids {
		order = append(order, id)
	}
	slices.Sort(order)
	for _, id := range order {
		f := s.Doc.Flow(id)
		if f == nil {
			continue
		}
		k, ok := model.CanConnect(s.Doc, f.Source, f.Target)
		switch {
		case ok && k == f.Kind:
			if c := s.flowContainer(k, f.Source, f.Target); c != f.Container {
				t.flow(f).Container = c
			}
		case ok && (k == model.SequenceFlow || k == model.MessageFlow) &&
			(f.Kind == model.SequenceFlow || f.Kind == model.MessageFlow):
			t.flow(f)
			f.Kind = k
			f.Container = s.flowContainer(k, f.Source, f.Target)
			if k == model.MessageFlow {
				f.Condition = ""
				if n := s.Doc.Node(f.Source); n != nil && n.Default == f.ID {
					t.node(n).Default = ""
				}
			}
			_ = s.route(t, f)
		default:
			drop = append(drop, f.ID)
		}
	}
	if len(drop) > 0 {
		s.deleteFlows(t, drop)
	}
	return nil
}

// setLanes makes exactly the lanes in want list node id, keeping the
// cached reverse map in step.
func (s *Session) setLanes(t *tx, id string, want []*model.Lane) {
	g := s.graph()
	have := g.lanesOf[id]
	changed := false
	for _, l := range have {
		if !slices.Contains(want, l) {
			t.dropRef(l, id)
			changed = true
		}
	}
	for _, l := range want {
		if !slices.Contains(have, l) {
			t.addRef(l, id)
			changed = true
		}
	}
	if changed {
		g.lanesOf[id] = slices.Clone(want)
		var inner *model.Lane
		if len(want) > 0 {
			inner = want[len(want)-1]
		}
		s.Doc.NodeLanesChanged(id, inner)
	}
}

func allLanes(ls []*model.Lane) []*model.Lane {
	var out []*model.Lane
	for _, l := range ls {
		out = append(out, l)
		out = append(out, allLanes(l.Children)...)
	}
	return out
}
