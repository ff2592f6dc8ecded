package edit

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"lanemap/model"
)

// ResizeNode gives a node (or a pool or lane) new bounds. Boundary events
// keep their place on the host's border, flows are re-routed, lane
// membership follows the centre; pools and lanes resize as ResizeLane does.
func (s *Session) ResizeNode(id string, r model.Rect) error {
	if r.W <= 0 || r.H <= 0 || math.IsNaN(r.X+r.Y+r.W+r.H) || math.IsInf(r.X+r.Y+r.W+r.H, 0) {
		return fmt.Errorf("edit: %q cannot get bounds %v", id, r)
	}
	switch s.Doc.Element(id).(type) {
	case *model.Lane, *model.Participant:
		c, err := s.laneCtx(id)
		if err != nil {
			return err
		}
		if c.sh.Bounds == r {
			return ErrNoChange
		}
		return s.run("Resize", "", func(t *tx) error { return s.resizeLane(t, c, r) })
	}
	n, sh, err := s.nodeOf(id)
	if err != nil {
		return err
	}
	if sh.Bounds == r {
		return ErrNoChange
	}
	if expanded(n, sh) {
		for _, c := range s.graph().inside[id] {
			if cs := s.Shape(c.ID); cs != nil && sh.Bounds.ContainsRect(cs.Bounds) && !r.ContainsRect(cs.Bounds) {
				return fmt.Errorf("edit: sub-process %q would no longer hold %q", id, c.ID)
			}
		}
	}
	return s.run("Resize", "", func(t *tx) error {
		old := sh.Bounds
		t.shape(sh).Bounds = r
		moved := map[string]bool{id: true}
		for _, b := range s.Doc.Nodes {
			if b.AttachedTo != id {
				continue
			}
			bs := s.Shape(b.ID)
			if bs == nil {
				continue
			}
			c := bs.Bounds.Center()
			// Same relative place on the new border.
			p := model.Point{X: r.X + (c.X-old.X)/old.W*r.W, Y: r.Y + (c.Y-old.Y)/old.H*r.H}
			p = onBorder(r, p)
			moveShape(t, bs, p.X-c.X, p.Y-c.Y)
			moved[b.ID] = true
		}
		s.rerouteAttached(t, moved)
		if p := s.Doc.Process(n.Container); p != nil && n.Kind.IsFlowNode() {
			for m := range moved {
				if ms := s.Shape(m); ms != nil {
					s.setLanes(t, m, s.lanesAt(p, ms.Bounds.Center()))
				}
			}
		}
		s.fit(t, n, r)
		return nil
	})
}

// AlignMode says how Align lines shapes up.
type AlignMode int

// Alignments, against the bounding box of the selection.
const (
	AlignLeft AlignMode = iota
	AlignCenter
	AlignRight
	AlignTop
	AlignMiddle
	AlignBottom
)

// Axis is a direction for Distribute.
type Axis int

// Axes.
const (
	Horizontal Axis = iota
	Vertical
)

// nodeShapes returns the shapes of ids, all of which must be movable nodes.
func (s *Session) nodeShapes(ids []string, atLeast int) ([]*model.Shape, error) {
	if len(ids) < atLeast {
		return nil, fmt.Errorf("edit: select at least %d elements", atLeast)
	}
	var out []*model.Shape
	seen := map[string]bool{}
	for _, id := range ids {
		n, sh, err := s.nodeOf(id)
		if err != nil {
			return nil, err
		}
		if n.Kind == model.BoundaryEvent {
			return nil, fmt.Errorf("edit: boundary event %q moves with its host", id)
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, sh)
		}
	}
	return out, nil
}

// Align lines nodes up on an edge or centre of their common bounding box.
func (s *Session) Align(ids []string, how AlignMode) error {
	shapes, err := s.nodeShapes(ids, 2)
	if err != nil {
		return err
	}
	if how < AlignLeft || how > AlignBottom {
		return fmt.Errorf("edit: unknown alignment %d", how)
	}
	var box model.Rect
	for _, sh := range shapes {
		box = box.Union(sh.Bounds)
	}
	deltas := map[string]model.Point{}
	for _, sh := range shapes {
		b := sh.Bounds
		var d model.Point
		switch how {
		case AlignLeft:
			d.X = box.X - b.X
		case AlignCenter:
			d.X = box.X + box.W/2 - (b.X + b.W/2)
		case AlignRight:
			d.X = box.X + box.W - (b.X + b.W)
		case AlignTop:
			d.Y = box.Y - b.Y
		case AlignMiddle:
			d.Y = box.Y + box.H/2 - (b.Y + b.H/2)
		case AlignBottom:
			d.Y = box.Y + box.H - (b.Y + b.H)
		}
		if d.X != 0 || d.Y != 0 {
			deltas[sh.Element] = d
		}
	}
	return s.moveEach("Align", deltas)
}

// Distribute spaces three or more nodes evenly between the outermost two.
func (s *Session) Distribute(ids []string, axis Axis) error {
	shapes, err := s.nodeShapes(ids, 3)
	if err != nil {
		return err
	}
	if axis != Horizontal && axis != Vertical {
		return fmt.Errorf("edit: unknown axis %d", axis)
	}
	a := ax(axis == Vertical) // stack() then reads the chosen axis
	sort.SliceStable(shapes, func(i, j int) bool {
		si, zi := a.stack(shapes[i].Bounds)
		sj, zj := a.stack(shapes[j].Bounds)
		return si+zi/2 < sj+zj/2
	})
	first, _ := a.stack(shapes[0].Bounds)
	ls, lz := a.stack(shapes[len(shapes)-1].Bounds)
	var sum float64
	for _, sh := range shapes {
		_, z := a.stack(sh.Bounds)
		sum += z
	}
	gap := (ls + lz - first - sum) / float64(len(shapes)-1)
	deltas := map[string]model.Point{}
	pos := first
	for _, sh := range shapes {
		st, z := a.stack(sh.Bounds)
		if d := math.Round(pos - st); d != 0 {
			deltas[sh.Element] = a.shiftPt(model.Point{}, d)
		}
		pos += z + gap
	}
	return s.moveEach("Distribute", deltas)
}

// moveEach moves nodes by their own deltas as one step.
func (s *Session) moveEach(label string, deltas map[string]model.Point) error {
	if len(deltas) == 0 {
		return ErrNoChange
	}
	ids := make([]string, 0, len(deltas))
	for id := range deltas {
		ids = append(ids, id)
	}
	slices.Sort(ids) // a stable order makes the record reproducible
	return s.run(label, "", func(t *tx) error {
		for _, id := range ids {
			d := deltas[id]
			if err := s.moveNodes(t, []string{id}, d.X, d.Y); err != nil {
				return err
			}
		}
		return nil
	})
}
