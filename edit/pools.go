package edit

import (
	"sort"

	"lanemap/model"
)

// settlePools keeps pools from growing into each other: a pool that grew
// during the command (new lane, content that needed room, a resize) pushes
// the pools after it — below a horizontal pool, right of a vertical one —
// away with their content, as far as needed plus Padding. Pools that were
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
	for guard := 0; len(grown) > 0 && guard < 4*len(all)+4; guard++ {
		p := grown[0]
		grown = grown[1:]
		old, had := t.pools[p]
		if !had {
			old = p.Bounds
		}
		down := horizontal(p)
		for _, q := range all {
			if q == p || !q.Bounds.Intersects(p.Bounds) || q.Bounds.Intersects(old) {
				continue
			}
			var dx, dy float64
			if down {
				if q.Bounds.Y < p.Bounds.Y {
					continue
				}
				dy = p.Bounds.Y + p.Bounds.H + Padding - q.Bounds.Y
			} else {
				if q.Bounds.X < p.Bounds.X {
					continue
				}
				dx = p.Bounds.X + p.Bounds.W + Padding - q.Bounds.X
			}
			before := q.Bounds
			if err := s.moveNodes(t, []string{q.Element}, dx, dy); err != nil {
				return err
			}
			// The pushed pool may now meet the next one.
			t.pools[q] = before
			grown = append(grown, q)
		}
	}
	return nil
}
