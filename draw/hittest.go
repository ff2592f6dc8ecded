package draw

import (
	"cmp"
	"math"
	"slices"

	"lanemap/model"
)

// hit is one element under the pointer.
type hit struct {
	id    string
	edge  bool
	dist  float64 // edges: distance to the line
	area  float64 // shapes: area of the element's bounds
	order int     // paint order of the last item that hit
}

// HitTest returns the ids of the elements under p, the most specific
// first: edges within tol of their line (nearest first), then shapes
// containing p, smallest area first (so a task wins over its lane, and a
// lane over its pool), ties going to the one painted on top. Labels count
// as their element. An unfilled dashed outline (a group) is hit only near
// its line, so the nodes inside a group stay easy to pick.
func (s *Scene) HitTest(p model.Point, tol float64) []string {
	if s == nil || math.IsNaN(p.X) || math.IsNaN(p.Y) {
		return nil
	}
	if !(tol >= 0) {
		tol = 0
	}
	found := map[string]int{} // id → index in hits
	var hits []hit
	record := func(h hit) {
		if i, ok := found[h.id]; ok {
			o := &hits[i]
			if h.edge && (!o.edge || h.dist < o.dist) {
				o.edge, o.dist = true, h.dist
			}
			o.order = max(o.order, h.order)
			return
		}
		found[h.id] = len(hits)
		hits = append(hits, h)
	}
	for i := range s.Items {
		it := &s.Items[i]
		if it.Element == "" {
			continue
		}
		switch {
		case it.Text != nil:
			if textExtent(it.Text).Inset(-tol).Contains(p) {
				edge := it.Part == PartLabel && isEdgeItem(s, it.Element)
				record(hit{id: it.Element, edge: edge, area: it.Bounds.W * it.Bounds.H, order: i})
			}
		case it.Path == nil:
		case it.Part == PartEdge || it.Part == PartArrow:
			// Bounds is the waypoints' box; decorations stick out a little.
			if !it.Bounds.Inset(-tol - it.Style.Width - 2*arrowLen).Contains(p) {
				continue
			}
			if d := pathDist(it.Path, p); d <= tol+it.Style.Width/2 {
				record(hit{id: it.Element, edge: true, dist: d, order: i})
			}
		case it.Part == PartHandover || it.Part == PartLabelPlate:
			// Decoration: the line, or the text, is what picks.
		case it.Part == PartBody && it.Style.Fill.A == 0 && it.Style.Dash != nil:
			if !it.Bounds.Inset(-tol - it.Style.Width).Contains(p) {
				continue
			}
			if d := pathDist(it.Path, p); d <= tol+it.Style.Width/2 {
				record(hit{id: it.Element, area: it.Bounds.W * it.Bounds.H, order: i})
			}
		default:
			if it.Bounds.Inset(-tol).Contains(p) {
				record(hit{id: it.Element, area: it.Bounds.W * it.Bounds.H, order: i})
			}
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int {
		switch {
		case a.edge && !b.edge:
			return -1
		case b.edge && !a.edge:
			return 1
		case a.edge:
			return cmp.Compare(a.dist, b.dist)
		}
		if c := cmp.Compare(a.area, b.area); c != 0 {
			return c
		}
		return cmp.Compare(b.order, a.order)
	})
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.id
	}
	return out
}

// isEdgeItem reports whether the element id is drawn as an edge. Only
// called for label hits, which are few.
func isEdgeItem(s *Scene, id string) bool {
	for i := range s.Items {
		if it := &s.Items[i]; it.Element == id && it.Part == PartEdge {
			return true
		}
	}
	return false
}

// pathDist is the distance from p to the path's outline, curves taken as
// their control polygons (close enough for picking).
func pathDist(path *Path, p model.Point) float64 {
	best := math.Inf(1)
	var cur, start model.Point
	for _, sg := range path.Segs {
		switch sg.Op {
		case MoveTo:
			cur, start = sg.Pts[0], sg.Pts[0]
		case LineTo:
			best = math.Min(best, segDist(p, cur, sg.Pts[0]))
			cur = sg.Pts[0]
		case CubicTo:
			prev := cur
			for _, q := range sg.Pts {
				best = math.Min(best, segDist(p, prev, q))
				prev = q
			}
			cur = sg.Pts[2]
		case Close:
			best = math.Min(best, segDist(p, cur, start))
			cur = start
		}
	}
	return best
}

// segDist is the distance from p to the segment a–b.
func segDist(p, a, b model.Point) float64 {
	d := sub(b, a)
	l2 := d.X*d.X + d.Y*d.Y
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((p.X-a.X)*d.X+(p.Y-a.Y)*d.Y)/l2))
	}
	return norm(sub(p, addp(a, scale(d, t))))
}
