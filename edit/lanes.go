package edit

import (
	"fmt"
	"math"
	"slices"

	"lanemap/model"
)

// Where says where AddLane puts the new lane relative to the reference.
type Where int

// Lane positions. Above and Below mean before and after along the stacking
// axis (left and right of the reference in a vertical pool).
const (
	Above  Where = iota // a sibling before the reference lane (first lane of a pool)
	Below               // a sibling after the reference lane (last lane of a pool)
	Inside              // split the reference into nested lanes
)

// Edge names a side of a lane or pool.
type Edge int

// Sides.
const (
	Top Edge = iota
	Bottom
	Left
	Right
)

// LaneDeleteMode says what happens to a deleted lane's content.
type LaneDeleteMode int

// Lane delete modes.
const (
	// MoveContentToNeighbour keeps the content where it is; the neighbour
	// lanes grow over the freed space and take it over.
	MoveContentToNeighbour LaneDeleteMode = iota
	// DeleteContent deletes the nodes in the lane with their flows.
	DeleteContent
)

// laneCtx is a lane (or a pool) with everything lane operations need.
type laneCtx struct {
	lane   *model.Lane // nil for a pool
	pool   *model.Participant
	proc   *model.Process
	parent *model.Lane // nil: top level
	sh     *model.Shape
	a      ax
}

// siblings returns the list holding the lane.
func (c laneCtx) siblings() []*model.Lane {
	if c.parent != nil {
		return c.parent.Children
	}
	return c.proc.Lanes
}

func (s *Session) laneCtx(id string) (laneCtx, error) {
	d := s.Doc
	if l := d.Lane(id); l != nil {
		c := laneCtx{lane: l, proc: d.LaneProcess(id), parent: d.LaneParent(id), sh: s.Shape(id)}
		if c.sh == nil {
			return c, fmt.Errorf("edit: lane %q has no shape in diagram %q", id, s.Diagram.ID)
		}
		c.pool = d.PoolOf(c.proc.ID)
		c.a = s.laneAxis(c.proc.ID)
		return c, nil
	}
	if p := d.Participant(id); p != nil {
		c := laneCtx{pool: p, proc: d.Process(p.ProcessRef), sh: s.Shape(id)}
		if c.proc == nil {
			return c, fmt.Errorf("edit: pool %q has no process, so no lanes", id)
		}
		if c.sh == nil {
			return c, fmt.Errorf("edit: pool %q has no shape in diagram %q", id, s.Diagram.ID)
		}
		c.a = axisOf(c.sh)
		return c, nil
	}
	return laneCtx{}, errNo("lane or pool", id)
}

// AddPool adds a horizontal pool with a new empty process, centred on at.
// In a diagram that shows a bare process, that process becomes the first
// pool (wrapping its content) and the diagram turns into a collaboration.
func (s *Session) AddPool(name string, at model.Point) (string, error) {
	return s.addPool(name, at, true)
}

// AddVerticalPool is AddPool for a pool whose lanes are columns.
func (s *Session) AddVerticalPool(name string, at model.Point) (string, error) {
	return s.addPool(name, at, false)
}

func (s *Session) addPool(name string, at model.Point, horiz bool) (string, error) {
	var id string
	err := s.runNamed(LabelKey{"addPool", name}, "Add pool", "", func(t *tx) error {
		d := s.Doc
		t.top()
		var collab *model.Collaboration
		if len(d.Collaborations) > 0 {
			collab = d.Collaborations[0]
		}
		if collab == nil {
			collab = &model.Collaboration{ID: model.NewID(model.CollaborationKind)}
			d.Collaborations = append(d.Collaborations, collab)
			t.collaboration(collab)
			// The process the plane showed becomes the first pool.
			if old := d.Process(s.Diagram.Element); old != nil {
				if err := s.wrapProcess(t, collab, old, horiz); err != nil {
					return err
				}
			}
			t.plane(s.Diagram).Element = collab.ID
		}
		proc := &model.Process{ID: model.NewID(model.ProcessKind)}
		d.Processes = append(d.Processes, proc)
		p := &model.Participant{ID: model.NewID(model.ParticipantKind), Name: name, ProcessRef: proc.ID}
		t.collaboration(collab).Participants = append(collab.Participants, p)
		w, h := model.ParticipantKind.DefaultSize()
		if !horiz {
			w, h = h, w
		}
		r := centered(at, w, h)
		// Never on top of another pool: step below (right of) each pool in
		// the way until the place is free.
		for moved := true; moved; {
			moved = false
			for _, q := range d.Participants() {
				if qs := s.Shape(q.ID); qs != nil && qs.Bounds.Intersects(r) {
					if horiz {
						r.Y = qs.Bounds.Y + qs.Bounds.H + Padding
					} else {
						r.X = qs.Bounds.X + qs.Bounds.W + Padding
					}
					moved = true
				}
			}
		}
		t.addShape(&model.Shape{ID: p.ID + "_di", Element: p.ID, Bounds: r, IsHorizontal: model.Bool(horiz)})
		d.Touch()
		id = p.ID
		return nil
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// wrapProcess gives an unpooled process a pool around its content.
func (s *Session) wrapProcess(t *tx, collab *model.Collaboration, proc *model.Process, horiz bool) error {
	var box model.Rect
	for _, n := range s.Doc.Nodes {
		if s.Doc.ProcessOf(n.ID) == proc {
			if sh := s.Shape(n.ID); sh != nil {
				box = box.Union(sh.Bounds)
			}
		}
	}
	for _, l := range allLanes(proc.Lanes) {
		if sh := s.Shape(l.ID); sh != nil {
			box = box.Union(sh.Bounds)
		}
	}
	if box.W == 0 && box.H == 0 {
		return nil // empty: the new pool will be the only one
	}
	r := box.Inset(-Padding)
	if len(proc.Lanes) > 0 {
		r = box
	}
	if horiz {
		r.X -= LabelBand
		r.W += LabelBand
	} else {
		r.Y -= LabelBand
		r.H += LabelBand
	}
	p := &model.Participant{ID: model.NewID(model.ParticipantKind), Name: proc.Name, ProcessRef: proc.ID}
	collab.Participants = append(collab.Participants, p)
	t.addShape(&model.Shape{ID: p.ID + "_di", Element: p.ID, Bounds: r, IsHorizontal: model.Bool(horiz)})
	return nil
}

// plane snapshots the diagram's own fields (not its shapes and edges).
func (t *tx) plane(g *model.Diagram) *model.Diagram {
	if !t.seen[g] {
		t.seen[g] = true
		t.rec.addState(&planeSnap{g: g, before: planeVals{g.ID, g.Name, g.PlaneID, g.Element}})
	}
	return g
}

type planeVals struct{ id, name, planeID, element string }

type planeSnap struct {
	g             *model.Diagram
	before, after planeVals
}

func (p *planeSnap) ptr() any { return p.g }
func (p *planeSnap) capture() {
	p.after = planeVals{p.g.ID, p.g.Name, p.g.PlaneID, p.g.Element}
}
func (p *planeSnap) restore(before bool) {
	v := p.after
	if before {
		v = p.before
	}
	p.g.ID, p.g.Name, p.g.PlaneID, p.g.Element = v.id, v.name, v.planeID, v.element
}

// AddLane adds a lane next to ref (a lane or pool) or, with Inside, a
// nested lane at the end of ref, as bpmn-js does: a pool (or lane) without
// lanes inside first gets one around its whole area and content; a new
// lane is NewLaneSize deep and pushes what follows it away while the lanes
// around it and the pool grow. SplitLane divides evenly instead. Returns
// the new lane's id.
func (s *Session) AddLane(ref string, where Where) (string, error) {
	c, err := s.laneCtx(ref)
	if err != nil {
		return "", err
	}
	if where != Above && where != Below && where != Inside {
		return "", fmt.Errorf("edit: unknown lane position %d", where)
	}
	var id string
	err = s.run("Add lane", "", func(t *tx) error {
		var err error
		id, err = s.addLane(t, c, where)
		return err
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

func newLane(t *tx, a ax, r model.Rect) (*model.Lane, *model.Shape) {
	l := &model.Lane{ID: model.NewID(model.LaneKind)}
	sh := &model.Shape{ID: l.ID + "_di", Element: l.ID, Bounds: r, IsHorizontal: model.Bool(bool(a))}
	t.addShape(sh)
	return l, sh
}

// contentArea is a pool's or lane's rect minus its label band.
func contentArea(a ax, r model.Rect) model.Rect {
	fs, fz := a.flow(r)
	return a.setFlow(r, fs+LabelBand, fz-LabelBand)
}

func (s *Session) addLane(t *tx, c laneCtx, where Where) (string, error) {
	if where == Inside {
		if c.lane == nil {
			// A pool's nested lanes are its lanes.
			return s.addLane(t, c, Below)
		}
		if len(c.lane.Children) == 0 {
			// The lane's first nested lane takes the whole lane and its
			// content, so nothing lands on a seam; the new one follows it.
			kid, _ := newLane(t, c.a, contentArea(c.a, c.sh.Bounds))
			t.lane(c.lane).Children = []*model.Lane{kid}
			if c.lane.ChildLaneSetID == "" {
				c.lane.ChildLaneSetID = model.NewID("LaneSet")
			}
			t.d.Touch()
			s.relane(t, c.proc)
		}
		last := c.lane.Children[len(c.lane.Children)-1]
		lc, err := s.laneCtx(last.ID)
		if err != nil {
			return "", err
		}
		return s.addLane(t, lc, Below)
	}
	proc := c.proc
	if proc.LaneSetID == "" {
		t.process(proc).LaneSetID = model.NewID("LaneSet")
	}
	if c.lane == nil { // a pool: add before the first or after the last lane
		if len(proc.Lanes) == 0 {
			l, _ := newLane(t, c.a, contentArea(c.a, c.sh.Bounds))
			t.process(proc).Lanes = append(slices.Clone(proc.Lanes), l)
			t.d.Touch()
		}
		ref := proc.Lanes[0]
		if where == Below {
			ref = proc.Lanes[len(proc.Lanes)-1]
		}
		nc, err := s.laneCtx(ref.ID)
		if err != nil {
			return "", err
		}
		c = nc
	}
	grow := map[string]bool{}
	if c.pool != nil {
		grow[c.pool.ID] = true
	}
	for p := c.parent; p != nil; p = s.Doc.LaneParent(p.ID) {
		grow[p.ID] = true
	}
	st, sz := c.a.stack(c.sh.Bounds)
	var r model.Rect
	if where == Below {
		s.insertSpace(t, proc, c.a, st+sz, NewLaneSize, true, grow)
		r = c.a.setStack(c.sh.Bounds, st+sz, NewLaneSize)
	} else if s.roomBefore(c.pool, NewLaneSize) {
		s.insertSpace(t, proc, c.a, st, NewLaneSize, false, grow)
		r = c.a.setStack(c.sh.Bounds, st-NewLaneSize, NewLaneSize)
	} else {
		// No room before the pool: make the space downwards (rightwards)
		// instead, so the pool grows at its end and pushes the pools after
		// it rather than run into the one before it.
		s.insertSpace(t, proc, c.a, st, NewLaneSize, true, grow)
		r = c.a.setStack(c.sh.Bounds, st, NewLaneSize)
	}
	l, _ := newLane(t, c.a, r)
	sib := slices.Clone(c.siblings())
	i := slices.Index(sib, c.lane)
	if where == Below {
		i++
	}
	sib = slices.Insert(sib, i, l)
	if c.parent != nil {
		t.lane(c.parent).Children = sib
	} else {
		t.process(proc).Lanes = sib
	}
	t.d.Touch()
	s.relane(t, proc)
	return l.ID, nil
}

// splitLane divides a lane (or a pool) into count nested lanes, evenly
// along the stacking axis, as bpmn-js's SplitLaneHandler; it returns the
// id of the last lane it created.
func (s *Session) splitLane(t *tx, c laneCtx, count int) (string, error) {
	proc := c.proc
	var kids []*model.Lane
	if c.lane != nil {
		kids = c.lane.Children
	} else {
		kids = proc.Lanes
	}
	area := contentArea(c.a, c.sh.Bounds) // nested lanes are indented by a label band
	st, sz := c.a.stack(area)
	each := math.Round(sz / float64(count))
	if each < MinLaneSize {
		return "", fmt.Errorf("edit: %q is too small to split into %d lanes", c.sh.Element, count)
	}
	list := slices.Clone(kids)
	var last string
	for i := 0; i < count; i++ {
		size := each
		if i == count-1 {
			size = sz - each*float64(i)
		}
		r := c.a.setStack(area, st+each*float64(i), size)
		if i < len(kids) {
			if ks := s.Shape(kids[i].ID); ks != nil {
				s.resizeLaneTree(t, kids[i], ks, r, c.a)
			}
			continue
		}
		l, _ := newLane(t, c.a, r)
		list = append(list, l)
		last = l.ID
	}
	if c.lane != nil {
		t.lane(c.lane).Children = list
		if c.lane.ChildLaneSetID == "" {
			c.lane.ChildLaneSetID = model.NewID("LaneSet")
		}
	} else {
		t.process(proc).Lanes = list
		if proc.LaneSetID == "" {
			proc.LaneSetID = model.NewID("LaneSet")
		}
	}
	t.d.Touch()
	s.relane(t, proc)
	return last, nil
}

// resizeLaneTree sets a lane's bounds and scales its nested lanes along.
func (s *Session) resizeLaneTree(t *tx, l *model.Lane, sh *model.Shape, r model.Rect, a ax) {
	old := sh.Bounds
	t.shape(sh).Bounds = r
	ost, osz := a.stack(old)
	nst, nsz := a.stack(r)
	ofs, _ := a.flow(old)
	nfs, nfz := a.flow(r)
	for _, k := range l.Children {
		ks := s.Shape(k.ID)
		if ks == nil {
			continue
		}
		kst, ksz := a.stack(ks.Bounds)
		kfs, _ := a.flow(ks.Bounds)
		scale := nsz / osz
		kr := a.setStack(ks.Bounds, nst+(kst-ost)*scale, ksz*scale)
		kr = a.setFlow(kr, nfs+(kfs-ofs), nfz-(kfs-ofs))
		s.resizeLaneTree(t, k, ks, kr, a)
	}
}

// relane recomputes which lanes list each flow node at the top level of
// proc, from where the nodes sit (bpmn-js's UpdateFlowNodeRefs).
func (s *Session) relane(t *tx, proc *model.Process) {
	for _, n := range s.graph().inside[proc.ID] {
		if !n.Kind.IsFlowNode() {
			continue
		}
		sh := s.Shape(n.ID)
		if sh == nil {
			continue
		}
		s.setLanes(t, n.ID, s.lanesAt(proc, sh.Bounds.Center()))
	}
}

// SetLaneRole ties a lane to a role of the role catalogue ("" = its name).
func (s *Session) SetLaneRole(id, role string) error {
	l := s.Doc.Lane(id)
	if l == nil {
		return errNo("lane", id)
	}
	return s.runNamed(LabelKey{"setRole", role}, "Set role", "role:"+id, func(t *tx) error {
		t.lane(l).Role = role
		return nil
	})
}
