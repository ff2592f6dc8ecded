package edit

import (
	"math"
	"sort"

	"lanemap/model"
)

// roomBefore reports whether pool could grow by size at its start along its
// stacking axis (upwards for a horizontal pool, leftwards for a vertical
// one) and still keep Padding from every other pool. A lane without a pool
// always has room.
func (s *Session) roomBefore(pool *model.Participant, size float64) bool {
	if pool == nil {
		return true
	}
	ps := s.Shape(pool.ID)
	if ps == nil {
		return true
	}
	a := axisOf(ps)
	st, sz := a.stack(ps.Bounds)
	want := a.setStack(ps.Bounds, st-size-Padding, sz+size+Padding)
	for _, p := range s.Doc.Participants() {
		if p == pool {
			continue
		}
		if q := s.Shape(p.ID); q != nil && q.Bounds.Intersects(want) && !q.Bounds.Intersects(ps.Bounds) {
			return false
		}
	}
	return true
}

// side tells on which side of r the box o lies: 1 after it (below, or right
// of it with vertical set false), -1 before it, 0 neither.
func side(r, o model.Rect, vertical bool) int {
	rs, rz, os, oz := r.X, r.W, o.X, o.W
	if vertical {
		rs, rz, os, oz = r.Y, r.H, o.Y, o.H
	}
	switch {
	case os >= rs+rz-tol:
		return 1
	case os+oz <= rs+tol:
		return -1
	}
	return 0
}

// settlePools keeps pools from growing into each other: a pool that grew
// during the command (new lane, content that needed room, a resize) pushes
// the pools after it — the ones that lay below (or right of) it — away with
// their content, as far as needed plus Padding. A pool that grew into one
// that lay before it moves away itself, after it, and pushes on in turn:
// pools never swap places and never end up overlapping. Pools that were
// already overlapping before are left alone, and pools that were only
// moved push nothing.
func (s *Session) settlePools(t *tx) error {
	if len(t.pools) == 0 {
		return nil
	}
	var grown []*model.Shape
	for sh, old := range t.pools {
		if sh.Bounds.W != old.W || sh.Bounds.H != old.H {
			grown = append(grown, sh)
		}
	}
	sort.Slice(grown, func(i, j int) bool { return grown[i].Element < grown[j].Element })
	var all []*model.Shape
	for _, p := range s.Doc.Participants() {
		if sh := s.Shape(p.ID); sh != nil {
			all = append(all, sh)
		}
	}
	for guard := 0; len(grown) > 0 && guard < 8*len(all)+8; guard++ {
		p := grown[0]
		grown = grown[1:]
		old, had := t.pools[p]
		if !had {
			old = p.Bounds
		}
		for _, q := range all {
			if q == p || !q.Bounds.Intersects(p.Bounds) || q.Bounds.Intersects(old) {
				continue
			}
			// Which way q lay from p before: along the stacking axis of
			// p's lanes first, as pools are stacked that way.
			vert := bool(axisOf(p))
			dir := side(old, q.Bounds, vert)
			if dir == 0 {
				vert = !vert
				dir = side(old, q.Bounds, vert)
			}
			var dx, dy float64
			mover, before := q, q.Bounds
			switch {
			case dir > 0 && vert:
				dy = p.Bounds.Y + p.Bounds.H + Padding - q.Bounds.Y
			case dir > 0:
				dx = p.Bounds.X + p.Bounds.W + Padding - q.Bounds.X
			case dir < 0 && vert:
				mover, before = p, old
				dy = q.Bounds.Y + q.Bounds.H + Padding - p.Bounds.Y
			case dir < 0:
				mover, before = p, old
				dx = q.Bounds.X + q.Bounds.W + Padding - p.Bounds.X
			default:
				continue
			}
			if math.Abs(dx)+math.Abs(dy) < tol {
				continue
			}
			if err := s.moveNodes(t, []string{mover.Element}, dx, dy); err != nil {
				return err
			}
			// The moved pool may now meet the next one.
			t.pools[mover] = before
			grown = append(grown, mover)
			if mover == p {
				break // p moved: look at its neighbours afresh
			}
		}
	}
	return nil
}
