package edit

import (
	"fmt"
	"strings"
	"unicode"

	"lanemap/model"
)

// AppendNext adds a node of kind k after the node `after`: one step further
// along the flow (to the right in a horizontal pool, below in a vertical
// one), in the same lane, connected to it, never on top of another shape
// and with a flow that crosses none. When the place right after the source
// is taken, a source that already branches gets a new row beside its first
// way out (the lane grows when full); otherwise everything after the source
// moves one column on to make space, in the same undo step. It returns the
// new node's id.
func (s *Session) AppendNext(after string, k model.Kind) (string, error) {
	return s.appendIn(after, "", k, "Append "+what(k))
}

// AppendInLane is AppendNext into another lane: the handover gesture.
func (s *Session) AppendInLane(after, laneID string, k model.Kind) (string, error) {
	if s.Doc.Lane(laneID) == nil {
		return "", errNo("lane", laneID)
	}
	return s.appendIn(after, laneID, k, "Append "+what(k))
}

// AppendInNewLane is AppendInLane into a lane it adds first, at the top
// (Above) or bottom (Below) of after's pool: the handover to a role not yet
// on the map, from the first or last lane. The lane is named base, or
// "base 2", "base 3", … when a lane of the pool already has that name. One
// undo step; it returns the new lane's and node's ids.
func (s *Session) AppendInNewLane(after string, where Where, base string, k model.Kind) (laneID, id string, err error) {
	n, _, err := s.nodeOf(after)
	if err != nil {
		return "", "", err
	}
	if where != Above && where != Below {
		return "", "", fmt.Errorf("edit: a new lane goes above or below, not at position %d", where)
	}
	host := n
	if n.AttachedTo != "" {
		if h := s.Doc.Node(n.AttachedTo); h != nil {
			host = h
		}
	}
	proc := s.Doc.ProcessOf(host.ID)
	if proc == nil || host.Container != proc.ID && s.Doc.Lane(host.Container) == nil {
		return "", "", fmt.Errorf("edit: %q is not directly in a pool, so no lane can be added for it", after)
	}
	pool := s.Doc.PoolOf(proc.ID)
	if pool == nil || s.Shape(pool.ID) == nil {
		return "", "", fmt.Errorf("edit: %q is not in a drawn pool, so no lane can be added for it", after)
	}
	err = s.runNamed(LabelKey{"append", string(k)}, "Append "+what(k), "", func(t *tx) error {
		c, err := s.laneCtx(pool.ID)
		if err != nil {
			return err
		}
		laneID, err = s.addLane(t, c, where)
		if err != nil {
			return err
		}
		t.lane(s.Doc.Lane(laneID)).Name = freeLaneName(proc, base, laneID)
		id, err = s.appendNode(t, after, laneID, k)
		return err
	})
	if err != nil {
		return "", "", err
	}
	return laneID, id, nil
}

// freeLaneName is base, or base followed by the first number from 2 that
// no lane of proc (but self) is named.
func freeLaneName(proc *model.Process, base, self string) string {
	taken := map[string]bool{}
	for _, l := range allLanes(proc.Lanes) {
		if l.ID != self {
			taken[strings.ToLower(strings.TrimSpace(l.Name))] = true
		}
	}
	name := base
	for i := 2; taken[strings.ToLower(name)]; i++ {
		name = fmt.Sprintf("%s %d", base, i)
	}
	return name
}

func (s *Session) appendIn(after, laneID string, k model.Kind, label string) (string, error) {
	if _, _, err := s.nodeOf(after); err != nil {
		return "", err
	}
	var id string
	err := s.runNamed(LabelKey{"append", string(k)}, label, "", func(t *tx) error {
		var err error
		id, err = s.appendNode(t, after, laneID, k)
		return err
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// appendNode places and connects the next node; laneID "" keeps the lane.
func (s *Session) appendNode(t *tx, after, laneID string, k model.Kind) (string, error) {
	d := s.Doc
	n, sh, err := s.nodeOf(after)
	if err != nil {
		return "", err
	}
	if n.Kind == model.EndEvent {
		return "", fmt.Errorf("edit: nothing can follow end event %q", after)
	}
	if k == model.StartEvent || k == model.BoundaryEvent {
		return "", fmt.Errorf("edit: a %s cannot follow another node", k)
	}
	if !(k.IsFlowNode() || k.IsData() || k.IsArtifact()) {
		return "", fmt.Errorf("edit: cannot append a %s", what(k))
	}
	host := n
	if n.Kind == model.BoundaryEvent {
		if h := d.Node(n.AttachedTo); h != nil {
			host = h
		}
	}
	proc := d.ProcessOf(host.ID)
	a := ax(true)
	if proc != nil {
		a = s.laneAxis(proc.ID)
	}
	container := host.Container
	var band model.Rect // where the new node's centre must stay
	haveBand := false
	if laneID != "" {
		container = laneID
		if ls := s.Shape(laneID); ls != nil {
			band, haveBand = ls.Bounds, true
		}
	} else if proc != nil && host.Container == proc.ID {
		if ls := s.lanesAt(proc, sh.Bounds.Center()); len(ls) > 0 {
			l := ls[len(ls)-1]
			container = l.ID
			if b := s.Shape(l.ID); b != nil {
				band, haveBand = b.Bounds, true
			}
		}
	}
	w, h := k.DefaultSize()
	fs, fz := a.flow(sh.Bounds)
	ss, sz := a.stack(sh.Bounds)
	center := ss + sz/2
	if haveBand {
		bs, bz := a.stack(band)
		if center <= bs || center >= bs+bz {
			center = bs + bz/2
		}
	}
	_, nw := a.flow(centered(model.Point{}, w, h))
	flowAt := fs + fz + Gap + nw/2
	top := proc != nil && host.Container == proc.ID
	r := s.placeNext(t, placeReq{
		a: a, src: n, host: host, srcShape: sh, kind: k, proc: proc, top: top,
		flowAt: flowAt, stackAt: center, w: w, h: h,
		band: band, haveBand: haveBand, lane: s.Doc.Lane(container),
	})
	id, err := s.addNode(t, k, container, r.Center())
	if err != nil {
		return "", err
	}
	kind, ok := model.CanConnect(d, after, id)
	if !ok {
		return "", fmt.Errorf("edit: a %s cannot follow %s %q", k, n.Kind, after)
	}
	if _, err := s.connect(t, after, id, kind); err != nil {
		return "", err
	}
	s.clearAround(t, id)
	return id, nil
}

// clearAround re-routes the flows that run through the shape of a node
// just placed, so that no arrow seems to pass through it.
func (s *Session) clearAround(t *tx, id string) {
	sh := s.Shape(id)
	if sh == nil {
		return
	}
	for _, f := range s.Doc.Flows {
		if f.Source == id || f.Target == id {
			continue
		}
		if e := s.Edge(f.ID); e != nil && crosses(e.Waypoints, sh.Bounds) {
			_ = s.route(t, f) // an end without DI keeps its old route
		}
	}
}

// freeSpot finds a w×h place centred at (flowAt, stackAt) that overlaps no
// node shape, trying further along the stacking axis inside band first (as
// bpmn-js's auto-place does), then further along the flow.
func (s *Session) freeSpot(a ax, near *model.Node, flowAt, stackAt, w, h float64, band model.Rect, haveBand bool) model.Rect {
	mk := func(f, st float64) model.Rect {
		if a {
			return centered(model.Point{X: f, Y: st}, w, h)
		}
		return centered(model.Point{X: st, Y: f}, w, h)
	}
	_, step := a.stack(mk(0, 0))
	step += Padding
	_, fsz := a.flow(mk(0, 0))
	// Only shapes that can meet a candidate matter: beyond flowAt's column
	// start and within the eight stacking offsets tried.
	fmin := flowAt - fsz
	smin, smax := stackAt-4*step-Padding, stackAt+4*step+Padding
	var obstacles []model.Rect
	for _, n := range s.Doc.Nodes {
		if n.Kind == model.Group || (n.Kind.IsSubProcess() && n.ID == near.Container) {
			continue
		}
		sh := s.Shape(n.ID)
		if sh == nil {
			continue
		}
		fs, fz := a.flow(sh.Bounds)
		ss, sz := a.stack(sh.Bounds)
		if fs+fz < fmin || ss+sz < smin || ss > smax {
			continue
		}
		obstacles = append(obstacles, sh.Bounds.Inset(-Padding/2))
	}
	free := func(r model.Rect) bool {
		for _, o := range obstacles {
			if o.Intersects(r) {
				return false
			}
		}
		return true
	}
	inBand := func(st float64) bool {
		if !haveBand {
			return true
		}
		bs, bz := a.stack(band)
		return st > bs && st < bs+bz
	}
	for col := 0; col < 50; col++ {
		f := flowAt + float64(col)*(fsz+Gap)
		for k := 0; k < 8; k++ {
			off := float64((k+1)/2) * step
			if k%2 == 0 {
				off = -off
			}
			if k == 0 {
				off = 0
			}
			st := stackAt + off
			if !inBand(st) {
				continue
			}
			if r := mk(f, st); free(r) {
				return r
			}
		}
	}
	return mk(flowAt, stackAt)
}

// QuickAdd is the keyboard gesture of a workshop: "Role: Text" adds a task
// named Text in the lane of that role (created at the end of the pool when
// missing) after the node `after`, connected to it; text without a role
// stays in after's lane. Text ending in "?" makes an exclusive gateway (a
// decision). With after "" the node starts the first pool.
func (s *Session) QuickAdd(after, text string) (string, error) {
	role, name := splitRole(text)
	if name == "" {
		return "", fmt.Errorf("edit: quick add needs a text after the role")
	}
	k := model.Task
	if strings.HasSuffix(name, "?") {
		k = model.ExclusiveGateway
	}
	var anchor *model.Node
	if after != "" {
		n, _, err := s.nodeOf(after)
		if err != nil {
			return "", err
		}
		anchor = n
	}
	var id string
	err := s.runNamed(LabelKey{"add", name}, "Add "+name, "", func(t *tx) error {
		proc, err := s.quickProcess(anchor)
		if err != nil {
			return err
		}
		laneID := ""
		if role != "" {
			l, err := s.roleLane(t, proc, role)
			if err != nil {
				return err
			}
			laneID = l.ID
		}
		if anchor == nil {
			id, err = s.startNode(t, proc, laneID, k)
		} else {
			id, err = s.appendNode(t, anchor.ID, laneID, k)
		}
		if err != nil {
			return err
		}
		n := s.Doc.Node(id)
		t.node(n).Name = name
		s.gatewayLabel(t, n, "")
		return nil
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// splitRole splits "Role: text". A prefix with digits ("kl. 10:30") or
// more than six words is no role.
func splitRole(text string) (role, name string) {
	text = strings.TrimSpace(text)
	i := strings.Index(text, ":")
	if i <= 0 {
		return "", text
	}
	r := strings.TrimSpace(text[:i])
	if r == "" || strings.ContainsFunc(r, unicode.IsDigit) || len(strings.Fields(r)) > 6 {
		return "", text
	}
	return r, strings.TrimSpace(text[i+1:])
}

// quickProcess is the process QuickAdd works in.
func (s *Session) quickProcess(anchor *model.Node) (*model.Process, error) {
	d := s.Doc
	if anchor != nil {
		if p := d.ProcessOf(anchor.ID); p != nil {
			return p, nil
		}
		return nil, fmt.Errorf("edit: %q is not in a process", anchor.ID)
	}
	for _, p := range d.Participants() {
		if proc := d.Process(p.ProcessRef); proc != nil && s.Shape(p.ID) != nil {
			return proc, nil
		}
	}
	if proc := d.Process(s.Diagram.Element); proc != nil {
		return proc, nil
	}
	return nil, fmt.Errorf("edit: the diagram has no pool or process to add to")
}

// roleLane finds the lane standing for role in proc (by role, then name,
// ignoring case), adding it after the last lane when there is none.
func (s *Session) roleLane(t *tx, proc *model.Process, role string) (*model.Lane, error) {
	var found *model.Lane
	for _, l := range allLanes(proc.Lanes) {
		if strings.EqualFold(strings.TrimSpace(l.RoleName()), role) ||
			strings.EqualFold(strings.TrimSpace(l.Name), role) {
			found = l
			break
		}
	}
	if found != nil {
		for len(found.Children) > 0 { // a role split into nested lanes: its first
			found = found.Children[0]
		}
		return found, nil
	}
	ref := ""
	if pool := s.Doc.PoolOf(proc.ID); pool != nil {
		ref = pool.ID
	} else if len(proc.Lanes) > 0 {
		ref = proc.Lanes[len(proc.Lanes)-1].ID
	} else {
		return nil, fmt.Errorf("edit: process %q has no pool to add lane %q to", proc.ID, role)
	}
	c, err := s.laneCtx(ref)
	if err != nil {
		return nil, err
	}
	if c.lane == nil && len(proc.Lanes) == 0 && !s.hasContent(proc) {
		// An empty pool: its first lane, filling it, is the role's lane.
		l, _ := newLane(t, c.a, contentArea(c.a, c.sh.Bounds))
		l.Name = role
		t.process(proc).Lanes = []*model.Lane{l}
		if proc.LaneSetID == "" {
			proc.LaneSetID = model.NewID("LaneSet")
		}
		t.d.Touch()
		return l, nil
	}
	id, err := s.addLane(t, c, Below)
	if err != nil {
		return nil, err
	}
	l := s.Doc.Lane(id)
	t.lane(l).Name = role
	return l, nil
}

func (s *Session) hasContent(proc *model.Process) bool {
	for _, n := range s.Doc.Nodes {
		if n.Container == proc.ID {
			return true
		}
	}
	return false
}

// startNode places the first node of a process at the start of a lane (or pool).
func (s *Session) startNode(t *tx, proc *model.Process, laneID string, k model.Kind) (string, error) {
	container := laneID
	var box *model.Shape
	if laneID != "" {
		box = s.Shape(laneID)
	} else if pool, ps := s.poolShape(proc.ID); ps != nil {
		container, box = pool.ID, ps
		if len(proc.Lanes) > 0 {
			container, box = proc.Lanes[0].ID, s.Shape(proc.Lanes[0].ID)
		}
	} else {
		container = proc.ID
	}
	if box == nil {
		return s.addNode(t, k, container, model.Point{X: 100, Y: 100})
	}
	a := s.laneAxis(proc.ID)
	w, h := k.DefaultSize()
	fs, _ := a.flow(box.Bounds)
	ss, sz := a.stack(box.Bounds)
	_, fw := a.flow(centered(model.Point{}, w, h))
	flowAt := fs + LabelBand + Padding*2 + fw/2
	r := s.freeSpot(a, &model.Node{}, flowAt, ss+sz/2, w, h, box.Bounds, true)
	return s.addNode(t, k, container, r.Center())
}
