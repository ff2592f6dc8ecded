package edit

import (
	"fmt"
	"math"
	"slices"

	"lanemap/model"
)

// DeleteLane removes a lane and its nested lanes; the pool keeps its size.
// The freed space goes to the neighbours as in bpmn-js — half to each side
// when there are lanes on both, all of it to the one neighbour otherwise —
// except that an empty-handed split would leave content on the seam, so a
// lane whose content stays (MoveContentToNeighbour) gives all its space,
// and so its content, to the lane before it (after it when first). With
// DeleteContent the nodes in the lane go too.
func (s *Session) DeleteLane(id string, mode LaneDeleteMode) error {
	if s.Doc.Lane(id) == nil {
		return errNo("lane", id)
	}
	if mode != MoveContentToNeighbour && mode != DeleteContent {
		return fmt.Errorf("edit: unknown lane delete mode %d", mode)
	}
	return s.runNamed(LabelKey{"deleteLane", s.nameOf(id)}, "Delete lane", "", func(t *tx) error { return s.deleteLane(t, id, mode) })
}

func (s *Session) deleteLane(t *tx, id string, mode LaneDeleteMode) error {
	c, err := s.laneCtx(id)
	if err != nil {
		return err
	}
	d := s.Doc
	subtree := allLanes([]*model.Lane{c.lane})
	// Content that stays needs one lane to fall into, not the seam between two.
	keepsContent := mode == MoveContentToNeighbour && len(s.laneContent(c.proc, []*model.Lane{c.lane})) > 0
	if mode == DeleteContent {
		s.deleteNodes(t, s.laneDeleteSet(c))
	}
	sib := slices.Clone(c.siblings())
	i := slices.Index(sib, c.lane)
	sib = slices.Delete(sib, i, i+1)
	if c.parent != nil {
		t.lane(c.parent).Children = sib
	} else {
		t.process(c.proc).Lanes = sib
	}
	gone := map[string]bool{}
	for _, l := range subtree {
		gone[l.ID] = true
	}
	t.removeShapes(func(sh *model.Shape) bool { return gone[sh.Element] })
	d.Touch()

	// Give the space to the neighbours (and their nested lanes).
	st, sz := c.a.stack(c.sh.Bounds)
	var before, after []*model.Shape
	for _, l := range allLanes(sib) {
		if sh := s.Shape(l.ID); sh != nil {
			if ls, _ := c.a.stack(sh.Bounds); ls > st {
				after = append(after, sh)
			} else {
				before = append(before, sh)
			}
		}
	}
	offBefore, offAfter := sz, sz
	switch {
	case len(before) > 0 && len(after) > 0 && keepsContent:
		offAfter = 0 // all to the lane before, which takes the content
	case len(before) > 0 && len(after) > 0:
		offBefore, offAfter = sz/2, sz/2
	}
	for _, sh := range before {
		if bs, bz := c.a.stack(sh.Bounds); math.Abs(bs+bz-st) < 10 && offBefore > 0 {
			t.shape(sh).Bounds = c.a.setStack(sh.Bounds, bs, bz+offBefore)
		}
	}
	for _, sh := range after {
		if as, az := c.a.stack(sh.Bounds); math.Abs(as-(st+sz)) < 10 && offAfter > 0 {
			t.shape(sh).Bounds = c.a.setStack(sh.Bounds, as-offAfter, az+offAfter)
		}
	}
	s.relane(t, c.proc)
	return nil
}

// laneDeleteSet is what DeleteContent deletes from lane c (besides what
// goes along: boundary events, sub-process content, flows): the nodes its
// lanes list and the nodes of its process whose centre lies in its shape.
func (s *Session) laneDeleteSet(c laneCtx) map[string]bool {
	set := map[string]bool{}
	for _, l := range allLanes([]*model.Lane{c.lane}) {
		for _, r := range l.NodeRefs {
			if s.Doc.Node(r) != nil {
				set[r] = true
			}
		}
	}
	for _, n := range s.graph().inside[c.proc.ID] {
		if sh := s.Shape(n.ID); sh != nil && strictlyInside(sh.Bounds.Center(), c.sh.Bounds) {
			set[n.ID] = true
		}
	}
	return set
}

// LaneContent lists the ids of the nodes in a lane, its nested lanes
// included, in document order: exactly those DeleteLane with DeleteContent
// would delete (with their boundary events, sub-process content and flows).
// Empty for an empty lane, so the UI can ask "move the steps to the
// neighbour lane or delete them?" only when there is something to lose. It
// changes nothing; an unknown id or a lane without a shape is an error.
func (s *Session) LaneContent(id string) ([]string, error) {
	if s.Doc.Lane(id) == nil {
		return nil, errNo("lane", id)
	}
	c, err := s.laneCtx(id)
	if err != nil {
		return nil, err
	}
	set := s.laneDeleteSet(c)
	out := make([]string, 0, len(set))
	for _, n := range s.Doc.Nodes {
		if set[n.ID] {
			out = append(out, n.ID)
			delete(set, n.ID) // duplicate ids in a broken file: once
		}
	}
	return out, nil
}

// ResizeLane moves one edge of a lane (or pool) by delta, outwards when
// positive. As bpmn-js's balanced resize: the adjacent lane gives or takes
// the space, so the pool keeps its size, except at the pool's outer edge,
// where the pool follows; along the flow axis the whole pool widens. Lanes
// never shrink below MinLaneSize nor past their content.
func (s *Session) ResizeLane(id string, edge Edge, delta float64) error {
	c, err := s.laneCtx(id)
	if err != nil {
		return err
	}
	if delta == 0 {
		return ErrNoChange
	}
	r := c.sh.Bounds
	switch edge {
	case Top:
		r.Y, r.H = r.Y-delta, r.H+delta
	case Bottom:
		r.H += delta
	case Left:
		r.X, r.W = r.X-delta, r.W+delta
	case Right:
		r.W += delta
	default:
		return fmt.Errorf("edit: unknown edge %d", edge)
	}
	return s.run("Resize lane", "", func(t *tx) error { return s.resizeLane(t, c, r) })
}

// resizeLane applies bpmn-js's computeLanesResize: every other lane (and
// the pool) whose edge lies on a moved edge moves that edge too.
func (s *Session) resizeLane(t *tx, c laneCtx, nr model.Rect) error {
	old := c.sh.Bounds
	type trbl struct{ t, r, b, l float64 }
	as := func(r model.Rect) trbl { return trbl{r.Y, r.X + r.W, r.Y + r.H, r.X} }
	o, n := as(old), as(nr)
	dt, dr, db, dl := n.t-o.t, n.r-o.r, n.b-o.b, n.l-o.l
	others := s.laneRootShapes(c.proc)
	// Lanes and content must keep their membership: remember it.
	before := s.membership(c.proc)
	t.shape(c.sh).Bounds = nr
	for _, sh := range others {
		if sh == c.sh {
			continue
		}
		x := as(sh.Bounds)
		var rt, rr, rb, rl float64
		if bool(c.a) { // horizontal lanes: the flow-axis edges move for all
			rr, rl = dr, dl
		} else {
			rt, rb = dt, db
		}
		if dt != 0 {
			if math.Abs(x.b-o.t) < 10 {
				rb = n.t - x.b
			}
			if math.Abs(x.t-o.t) < 5 {
				rt = n.t - x.t
			}
		}
		if dl != 0 {
			if math.Abs(x.r-o.l) < 10 {
				rr = n.l - x.r
			}
			if math.Abs(x.l-o.l) < 5 {
				rl = n.l - x.l
			}
		}
		if db != 0 {
			if math.Abs(x.t-o.b) < 10 {
				rt = n.b - x.t
			}
			if math.Abs(x.b-o.b) < 5 {
				rb = n.b - x.b
			}
		}
		if dr != 0 {
			if math.Abs(x.l-o.r) < 10 {
				rl = n.r - x.l
			}
			if math.Abs(x.r-o.r) < 5 {
				rr = n.r - x.r
			}
		}
		if rt != 0 || rr != 0 || rb != 0 || rl != 0 {
			b := sh.Bounds
			t.shape(sh).Bounds = model.Rect{X: b.X + rl, Y: b.Y + rt, W: b.W - rl + rr, H: b.H - rt + rb}
		}
	}
	for _, sh := range others {
		if _, sz := c.a.stack(sh.Bounds); sz < MinLaneSize && s.Doc.Lane(sh.Element) != nil {
			return fmt.Errorf("edit: lane %q would be smaller than %g", sh.Element, MinLaneSize)
		}
		if sh.Bounds.W <= LabelBand || sh.Bounds.H <= LabelBand {
			return fmt.Errorf("edit: %q would be too small", sh.Element)
		}
	}
	if err := s.sameMembership(c.proc, before); err != nil {
		return err
	}
	return nil
}

// placement is where a top-level node of a process sits: its innermost
// lane by geometry ("" outside every lane) and whether it lies wholly in it.
type placement struct {
	lane   string
	inside bool // wholly inside its lane
	inPool bool // wholly inside the pool
}

func (s *Session) membership(proc *model.Process) map[string]placement {
	m := map[string]placement{}
	_, ps := s.poolShape(proc.ID)
	for _, n := range s.graph().inside[proc.ID] {
		if n.AttachedTo != "" || !(n.Kind.IsFlowNode() || n.Kind.IsData()) {
			continue
		}
		sh := s.Shape(n.ID)
		if sh == nil {
			continue
		}
		var p placement
		if ps != nil {
			p.inPool = ps.Bounds.ContainsRect(sh.Bounds)
		}
		if ls := s.lanesAt(proc, sh.Bounds.Center()); len(ls) > 0 {
			p.lane = ls[len(ls)-1].ID
			if lsh := s.Shape(p.lane); lsh != nil {
				p.inside = lsh.Bounds.ContainsRect(sh.Bounds)
			}
		}
		m[n.ID] = p
	}
	return m
}

// sameMembership fails when a lane change pushed content out of its lane,
// or cut through a node that used to lie wholly inside its lane.
func (s *Session) sameMembership(proc *model.Process, before map[string]placement) error {
	after := s.membership(proc)
	for id, b := range before {
		a := after[id]
		if a.lane != b.lane {
			return fmt.Errorf("edit: the change would push %q out of its lane", id)
		}
		if b.inside && !a.inside {
			return fmt.Errorf("edit: the change would cut through %q", id)
		}
		if b.inPool && !a.inPool {
			return fmt.Errorf("edit: the change would leave %q outside its pool", id)
		}
	}
	return nil
}

// SplitLane divides a lane or pool into count nested lanes of equal depth,
// keeping (and resizing) the lanes it already has, as bpmn-js's split; it
// returns the ids of all its nested lanes.
func (s *Session) SplitLane(id string, count int) ([]string, error) {
	c, err := s.laneCtx(id)
	if err != nil {
		return nil, err
	}
	kids := c.proc.Lanes
	if c.lane != nil {
		kids = c.lane.Children
	}
	if count < 2 || count < len(kids) {
		return nil, fmt.Errorf("edit: cannot split %q into %d lanes (it has %d)", id, count, len(kids))
	}
	var out []string
	err = s.run("Split lane", "", func(t *tx) error {
		if _, err := s.splitLane(t, c, count); err != nil {
			return err
		}
		list := c.proc.Lanes
		if c.lane != nil {
			list = c.lane.Children
		}
		for _, l := range list {
			out = append(out, l.ID)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ResizeLaneSpace moves one edge of a lane by delta like ResizeLane, but
// makes (or removes) space instead of taking it from the neighbour: the
// lanes beyond the edge move with their content and the pool grows or
// shrinks (bpmn-js's unbalanced resize).
func (s *Session) ResizeLaneSpace(id string, edge Edge, delta float64) error {
	c, err := s.laneCtx(id)
	if err != nil {
		return err
	}
	if delta == 0 {
		return ErrNoChange
	}
	if edge < Top || edge > Right {
		return fmt.Errorf("edit: unknown edge %d", edge)
	}
	stackEdge := (edge == Top || edge == Bottom) == bool(c.a)
	if !stackEdge || c.lane == nil {
		return s.ResizeLane(id, edge, delta)
	}
	return s.run("Resize lane", "", func(t *tx) error {
		before := s.membership(c.proc)
		st, sz := c.a.stack(c.sh.Bounds)
		if edge == Bottom || edge == Right {
			s.insertSpace(t, c.proc, c.a, st+sz-1, delta, true, nil)
		} else {
			s.insertSpace(t, c.proc, c.a, st+1, delta, false, nil)
		}
		if _, z := c.a.stack(c.sh.Bounds); z < MinLaneSize {
			return fmt.Errorf("edit: lane %q would be smaller than %g", id, MinLaneSize)
		}
		return s.sameMembership(c.proc, before)
	})
}

// MoveLane moves a lane delta places among its siblings (negative: up or
// left). The lane's shapes and content swap places with the lanes passed.
func (s *Session) MoveLane(id string, delta int) error {
	c, err := s.laneCtx(id)
	if err != nil {
		return err
	}
	if c.lane == nil {
		return fmt.Errorf("edit: %q is a pool, not a lane", id)
	}
	sib := c.siblings()
	i := slices.Index(sib, c.lane)
	j := max(0, min(len(sib)-1, i+delta))
	if j == i {
		return ErrNoChange
	}
	return s.runNamed(LabelKey{"moveLane", s.nameOf(id)}, "Move lane", "", func(t *tx) error {
		lo, hi := min(i, j), max(i, j)
		var passed []*model.Lane
		for k := lo; k <= hi; k++ {
			if k != i {
				passed = append(passed, sib[k])
			}
		}
		_, lsz := c.a.stack(c.sh.Bounds)
		var psz float64
		for _, l := range passed {
			if sh := s.Shape(l.ID); sh != nil {
				_, z := c.a.stack(sh.Bounds)
				psz += z
			}
		}
		dir := 1.0
		if j < i {
			dir = -1
		}
		// Collect both groups before moving anything.
		mine := s.laneContent(c.proc, []*model.Lane{c.lane})
		theirs := s.laneContent(c.proc, passed)
		s.shiftLanes(t, c.a, []*model.Lane{c.lane}, mine, dir*psz)
		s.shiftLanes(t, c.a, passed, theirs, -dir*lsz)
		list := slices.Clone(sib)
		list = slices.Delete(list, i, i+1)
		list = slices.Insert(list, j, c.lane)
		if c.parent != nil {
			t.lane(c.parent).Children = list
		} else {
			t.process(c.proc).Lanes = list
		}
		t.d.Touch()
		s.relane(t, c.proc)
		return nil
	})
}

// laneContent lists the top-level nodes of proc whose centre lies in one
// of the lanes.
func (s *Session) laneContent(proc *model.Process, lanes []*model.Lane) map[string]bool {
	set := map[string]bool{}
	var rects []model.Rect
	for _, l := range lanes {
		if sh := s.Shape(l.ID); sh != nil {
			rects = append(rects, sh.Bounds)
		}
	}
	for _, n := range s.Doc.Nodes {
		if n.Container != proc.ID || n.AttachedTo != "" {
			continue
		}
		if sh := s.Shape(n.ID); sh != nil {
			for _, r := range rects {
				if strictlyInside(sh.Bounds.Center(), r) {
					set[n.ID] = true
				}
			}
		}
	}
	return set
}

// shiftLanes moves lanes (with nested lanes) and content along the stacking axis.
func (s *Session) shiftLanes(t *tx, a ax, lanes []*model.Lane, content map[string]bool, by float64) {
	for _, l := range allLanes(lanes) {
		if sh := s.Shape(l.ID); sh != nil {
			t.shape(sh).Bounds = a.shiftRect(sh.Bounds, by)
		}
	}
	if len(content) == 0 {
		return
	}
	s.closure(content)
	if a {
		s.translate(t, content, 0, by)
	} else {
		s.translate(t, content, by, 0)
	}
}

// FitLane makes a lane just deep enough for its content plus Padding on
// both sides (MinLaneSize when empty). Unlike ResizeLane this makes or
// removes space: what follows the lane moves and the pool follows.
func (s *Session) FitLane(id string) error {
	c, err := s.laneCtx(id)
	if err != nil {
		return err
	}
	if c.lane == nil {
		return fmt.Errorf("edit: %q is a pool, not a lane", id)
	}
	err = s.run("Fit lane", "", func(t *tx) error {
		changed := false
		lo, _, ok := s.contentSpan(c)
		st, sz := c.a.stack(c.sh.Bounds)
		if !ok {
			if sz != MinLaneSize {
				s.insertSpace(t, c.proc, c.a, st+sz-1, MinLaneSize-sz, true, nil)
				changed = true
			}
		} else {
			if shift := Padding - (lo - st); math.Abs(shift) > tol {
				s.insertSpace(t, c.proc, c.a, st+1, shift, true, nil)
				changed = true
			}
			_, hi, _ := s.contentSpan(c)
			st, sz = c.a.stack(c.sh.Bounds)
			want := math.Max(hi+Padding, st+MinLaneSize)
			if shift := want - (st + sz); math.Abs(shift) > tol {
				s.insertSpace(t, c.proc, c.a, st+sz-1, shift, true, nil)
				changed = true
			}
		}
		if !changed {
			return ErrNoChange
		}
		s.relane(t, c.proc)
		return nil
	})
	return err
}

// contentSpan is the extent of a lane's content along the stacking axis.
func (s *Session) contentSpan(c laneCtx) (lo, hi float64, ok bool) {
	content := s.laneContent(c.proc, []*model.Lane{c.lane})
	s.closure(content)
	lo, hi = math.Inf(1), math.Inf(-1)
	for id := range content {
		if sh := s.Shape(id); sh != nil {
			st, sz := c.a.stack(sh.Bounds)
			lo, hi = math.Min(lo, st), math.Max(hi, st+sz)
			ok = true
		}
	}
	return lo, hi, ok
}

// ResizeLaneRange returns how far ResizeLane may move a lane's (or pool's)
// edge: every delta in [lo, hi] (whole units) succeeds. The canvas clamps
// a resize drag to it, so the preview never shows what the command would
// refuse. It changes nothing.
func (s *Session) ResizeLaneRange(id string, edge Edge) (lo, hi float64, err error) {
	c, err := s.laneCtx(id)
	if err != nil {
		return 0, 0, err
	}
	if edge < Top || edge > Right {
		return 0, 0, fmt.Errorf("edit: unknown edge %d", edge)
	}
	ok := func(delta float64) bool {
		r := c.sh.Bounds
		switch edge {
		case Top:
			r.Y, r.H = r.Y-delta, r.H+delta
		case Bottom:
			r.H += delta
		case Left:
			r.X, r.W = r.X-delta, r.W+delta
		case Right:
			r.W += delta
		}
		return s.dryRun(func(t *tx) error { return s.resizeLane(t, c, r) }) == nil
	}
	// Success is monotone in |delta| on each side: search each boundary.
	const far = 1 << 14
	search := func(sign float64) float64 {
		good, bad := 0.0, float64(far)
		if ok(sign * bad) {
			return sign * bad
		}
		for bad-good > 1 {
			mid := math.Floor((good + bad) / 2)
			if ok(sign * mid) {
				good = mid
			} else {
				bad = mid
			}
		}
		return sign * good
	}
	return search(-1), search(1), nil
}

// dryRun runs fn as a command would and then takes everything back.
func (s *Session) dryRun(fn func(t *tx) error) error {
	t := s.newTx()
	err := fn(t)
	if err == nil {
		err = s.settlePools(t)
	}
	t.rollback()
	return err
}
