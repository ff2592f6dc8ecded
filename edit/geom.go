package edit

import (
	"math"

	"lanemap/model"
)

// Layout constants, in BPMN-DI units (the values bpmn-js uses).
const (
	// LabelBand is the width of a pool's or lane's name band.
	LabelBand = 30.0
	// NewLaneSize is the height (width in vertical pools) of an added lane.
	NewLaneSize = 120.0
	// MinLaneSize is the smallest height (width) a lane may get.
	MinLaneSize = 60.0
	// Padding is the free space kept between content and a lane or pool border.
	Padding = 20.0
	// Gap is the distance between a node and the one appended after it.
	Gap = 50.0
	tol = 0.5
)

// horizontal reports whether a pool or lane shape lays its lanes out as
// horizontal bands (the default when the attribute is absent).
func horizontal(s *model.Shape) bool { return s == nil || s.IsHorizontal == nil || *s.IsHorizontal }

// ax picks coordinates along the stacking axis of lanes (y in a horizontal
// pool, x in a vertical one) and across it (the direction of flow).
type ax bool

func axisOf(s *model.Shape) ax { return ax(horizontal(s)) }

// stack returns the start and size of r along the stacking axis.
func (a ax) stack(r model.Rect) (float64, float64) {
	if a {
		return r.Y, r.H
	}
	return r.X, r.W
}

// flow returns the start and size of r along the flow axis.
func (a ax) flow(r model.Rect) (float64, float64) {
	if a {
		return r.X, r.W
	}
	return r.Y, r.H
}

func (a ax) setStack(r model.Rect, start, size float64) model.Rect {
	if a {
		r.Y, r.H = start, size
	} else {
		r.X, r.W = start, size
	}
	return r
}

func (a ax) setFlow(r model.Rect, start, size float64) model.Rect {
	if a {
		r.X, r.W = start, size
	} else {
		r.Y, r.H = start, size
	}
	return r
}

// pt returns p's coordinate along the stacking axis.
func (a ax) pt(p model.Point) float64 {
	if a {
		return p.Y
	}
	return p.X
}

func (a ax) shiftPt(p model.Point, d float64) model.Point {
	if a {
		p.Y += d
	} else {
		p.X += d
	}
	return p
}

func (a ax) shiftRect(r model.Rect, d float64) model.Rect {
	if a {
		r.Y += d
	} else {
		r.X += d
	}
	return r
}

// strictlyInside is bpmn-js's lane test: the centre lies inside r, borders excluded.
func strictlyInside(p model.Point, r model.Rect) bool {
	return p.X > r.X && p.X < r.X+r.W && p.Y > r.Y && p.Y < r.Y+r.H
}

func centered(at model.Point, w, h float64) model.Rect {
	return model.Rect{X: at.X - w/2, Y: at.Y - h/2, W: w, H: h}
}

func area(r model.Rect) float64 { return r.W * r.H }

func round(v float64) float64 { return math.Round(v) }

// expanded reports a sub-process drawn open, with its content inside.
func expanded(n *model.Node, s *model.Shape) bool {
	if n == nil || s == nil || !n.Kind.IsSubProcess() {
		return false
	}
	if s.IsExpanded != nil {
		return *s.IsExpanded
	}
	w, h := model.Task.DefaultSize()
	return s.Bounds.W > w || s.Bounds.H > h
}

// poolShape returns the pool showing process p and its shape (nil, nil when
// the process has no pool in this diagram).
func (s *Session) poolShape(procID string) (*model.Participant, *model.Shape) {
	pool := s.Doc.PoolOf(procID)
	if pool == nil {
		return nil, nil
	}
	return pool, s.Shape(pool.ID)
}

// laneAxis returns the stacking axis for a process's lanes.
func (s *Session) laneAxis(procID string) ax {
	if _, ps := s.poolShape(procID); ps != nil {
		return axisOf(ps)
	}
	if p := s.Doc.Process(procID); p != nil && len(p.Lanes) > 0 {
		return axisOf(s.Shape(p.Lanes[0].ID))
	}
	return true
}

// lanesAt lists the lanes of p whose shape holds point c (outer lanes
// first), the membership rule of bpmn-js.
func (s *Session) lanesAt(p *model.Process, c model.Point) []*model.Lane {
	var out []*model.Lane
	var walk func([]*model.Lane)
	walk = func(ls []*model.Lane) {
		for _, l := range ls {
			if sh := s.Shape(l.ID); sh != nil && strictlyInside(c, sh.Bounds) {
				out = append(out, l)
				walk(l.Children)
			}
		}
	}
	walk(p.Lanes)
	return out
}

// place is where a point lands: the node container (process or
// sub-process) and the lanes that list a flow node there.
type place struct {
	container string
	proc      *model.Process
	lanes     []*model.Lane
}

// landing finds the innermost container holding c: an expanded sub-process
// not in skip, else a pool with a process, else the plane's own process.
// ok is false outside every pool of a collaboration.
func (s *Session) landing(c model.Point, skip map[string]bool) (place, bool) {
	d := s.Doc
	var best *model.Node
	bestArea := math.Inf(1)
	for _, n := range s.graph().subs {
		if skip[n.ID] {
			continue
		}
		sh := s.Shape(n.ID)
		if expanded(n, sh) && sh.Bounds.Contains(c) && area(sh.Bounds) < bestArea {
			best, bestArea = n, area(sh.Bounds)
		}
	}
	if best != nil {
		return place{container: best.ID, proc: d.ProcessOf(best.ID)}, true
	}
	for _, p := range d.Participants() {
		if p.BlackBox() {
			continue
		}
		sh := s.Shape(p.ID)
		if sh == nil || !sh.Bounds.Contains(c) {
			continue
		}
		proc := d.Process(p.ProcessRef)
		if proc == nil {
			continue
		}
		return place{container: proc.ID, proc: proc, lanes: s.lanesAt(proc, c)}, true
	}
	if proc := d.Process(s.Diagram.Element); proc != nil {
		return place{container: proc.ID, proc: proc, lanes: s.lanesAt(proc, c)}, true
	}
	return place{}, false
}

// DropTarget says where a node dropped at p would land, for the canvas's
// drop feedback: the container it would join (process or sub-process) and
// its innermost lane ("" for none). moving lists the ids being dragged, so
// a sub-process never receives itself. ok is false outside every pool of a
// collaboration. It changes nothing.
func (s *Session) DropTarget(p model.Point, moving []string) (container, lane string, ok bool) {
	skip := map[string]bool{}
	for _, id := range moving {
		skip[id] = true
	}
	s.closure(skip)
	pl, ok := s.landing(p, skip)
	if !ok {
		return "", "", false
	}
	if len(pl.lanes) > 0 && pl.proc != nil && pl.container == pl.proc.ID {
		lane = pl.lanes[len(pl.lanes)-1].ID
	}
	return pl.container, lane, true
}
