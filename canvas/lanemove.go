package canvas

import (
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"lanemap/draw"
	"lanemap/model"
)

// laneHeaderAt returns the lane whose header band lies under pos. The
// band is the header item's path, not its bounds (the whole lane), and a
// lane's band never overlaps its pool's or a parent lane's, so at most
// one band matches; the smallest wins should a file say otherwise.
func (e *Editor) laneHeaderAt(pos fyne.Position) string {
	if e.scene == nil || !e.ready() {
		return ""
	}
	p := e.v.toModel(pos)
	best, area := "", math.Inf(1)
	for i := range e.scene.Items {
		it := &e.scene.Items[i]
		if it.Part != draw.PartLaneHeader || it.Path == nil || e.s.Doc.Lane(it.Element) == nil {
			continue
		}
		b, ok := pathBox(it.Path)
		// Half open: the line where the band ends belongs to the body,
		// where a drag lassos.
		in := p.X >= b.X && p.X < b.X+b.W && p.Y >= b.Y && p.Y < b.Y+b.H
		if ok && in && b.W*b.H < area {
			best, area = it.Element, b.W*b.H
		}
	}
	return best
}

// pathBox is the box around a path's points.
func pathBox(p *draw.Path) (model.Rect, bool) {
	x0, y0 := math.Inf(1), math.Inf(1)
	x1, y1 := math.Inf(-1), math.Inf(-1)
	for _, s := range p.Segs {
		n := 1
		switch s.Op {
		case draw.Close:
			n = 0
		case draw.CubicTo:
			n = 3
		}
		for _, q := range s.Pts[:n] {
			x0, y0 = math.Min(x0, q.X), math.Min(y0, q.Y)
			x1, y1 = math.Max(x1, q.X), math.Max(y1, q.Y)
		}
	}
	if x0 > x1 {
		return model.Rect{}, false
	}
	return model.Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}, true
}

// laneSiblings returns the lanes stacked with id (its parent lane's
// children or its process's top level), in order, and whether they stack
// vertically (horizontal lanes, the usual case).
func (e *Editor) laneSiblings(id string) ([]*model.Lane, bool) {
	d := e.s.Doc
	var sib []*model.Lane
	if p := d.LaneParent(id); p != nil {
		sib = p.Children
	} else if proc := d.LaneProcess(id); proc != nil {
		sib = proc.Lanes
	}
	horiz := true
	if proc := d.LaneProcess(id); proc != nil {
		if pool := d.PoolOf(proc.ID); pool != nil {
			if s := e.shapes[pool.ID]; s != nil && s.IsHorizontal != nil {
				horiz = *s.IsHorizontal
			}
		}
	}
	return sib, horiz
}

// beginLaneMove starts dragging lane id by its header band.
func (e *Editor) beginLaneMove(id string) {
	d := &e.drag
	e.setSelection([]string{id})
	d.kind, d.lane = dragLaneMove, id
	e.status(lang.X("canvas.hint.moveLane", "Drop the lane between two others to reorder; Escape cancels."))
}

// laneMoveTarget is where the dragged lane would go: the index delta
// MoveLane takes (0: stays), the lane's ghost box and the insertion line
// (a == b when there is none). The pointer picks the slot: the lane goes
// after every sibling whose middle lies before the pointer along the
// stacking axis.
func (e *Editor) laneMoveTarget() (delta int, ghost model.Rect, a, b model.Point) {
	d := &e.drag
	s := e.shapes[d.lane]
	if s == nil {
		return 0, model.Rect{}, a, b
	}
	sib, horiz := e.laneSiblings(d.lane)
	i := slices.IndexFunc(sib, func(l *model.Lane) bool { return l.ID == d.lane })
	if i < 0 {
		return 0, model.Rect{}, a, b
	}
	along := func(r model.Rect) (float64, float64) { // start, size along the axis
		if horiz {
			return r.Y, r.H
		}
		return r.X, r.W
	}
	cur := e.v.toModel(d.cur)
	start := e.v.toModel(d.start)
	ptr := cur.Y
	ghost = s.Bounds.Translate(0, cur.Y-start.Y)
	if !horiz {
		ptr = cur.X
		ghost = s.Bounds.Translate(cur.X-start.X, 0)
	}
	var others []model.Rect
	j := 0
	for _, l := range sib {
		o := e.shapes[l.ID]
		if l.ID == d.lane || o == nil {
			continue
		}
		others = append(others, o.Bounds)
		if at, sz := along(o.Bounds); at+sz/2 < ptr {
			j = len(others)
		}
	}
	delta = j - i
	if delta == 0 || len(others) == 0 {
		return delta, ghost, a, b
	}
	var line float64
	if j == 0 {
		line, _ = along(others[0])
	} else {
		at, sz := along(others[j-1])
		line = at + sz
	}
	r := s.Bounds
	if horiz {
		a, b = model.Point{X: r.X, Y: line}, model.Point{X: r.X + r.W, Y: line}
	} else {
		a, b = model.Point{X: line, Y: r.Y}, model.Point{X: line, Y: r.Y + r.H}
	}
	return delta, ghost, a, b
}
