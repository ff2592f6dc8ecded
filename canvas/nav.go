package canvas

import (
	"math"

	"lanemap/model"
)

// direction of an arrow key.
type direction int

const (
	dirRight direction = iota
	dirLeft
	dirUp
	dirDown
)

// walk finds the node an arrow key moves the selection to from node id:
// Right follows the flow to a successor, Left goes back to a predecessor,
// Up and Down go to siblings (nodes that share a predecessor or a
// successor). Among several candidates the one most straight ahead wins.
// When the flow offers nothing, the nearest shape in that direction does,
// so the keys also work on unconnected drafts. "" means nowhere to go.
func walk(d *model.Definitions, shapes map[string]*model.Shape, id string, dir direction) string {
	from := shapes[id]
	if from == nil {
		return ""
	}
	var cands []string
	switch dir {
	case dirRight:
		cands = neighbours(d, id, true)
	case dirLeft:
		cands = neighbours(d, id, false)
	default:
		seen := map[string]bool{id: true}
		for _, fwd := range []bool{false, true} {
			for _, n := range neighbours(d, id, fwd) {
				for _, s := range neighbours(d, n, !fwd) {
					if !seen[s] {
						seen[s] = true
						cands = append(cands, s)
					}
				}
			}
		}
	}
	if best := nearest(from.Bounds, cands, shapes, dir, dir == dirRight || dir == dirLeft); best != "" {
		return best
	}
	var all []string
	for _, n := range d.Nodes {
		if n.ID != id && n.Kind.IsFlowNode() {
			all = append(all, n.ID)
		}
	}
	return nearest(from.Bounds, all, shapes, dir, false)
}

// neighbours lists the nodes joined to id by sequence flows, forwards
// (targets) or backwards (sources), in flow order.
func neighbours(d *model.Definitions, id string, forward bool) []string {
	var out []string
	for _, f := range d.Flows {
		if f.Kind != model.SequenceFlow {
			continue
		}
		if forward && f.Source == id {
			out = append(out, f.Target)
		} else if !forward && f.Target == id {
			out = append(out, f.Source)
		}
	}
	return out
}

// nearest picks the candidate whose centre lies most directly in direction
// dir from r. With anyway set, a flow neighbour counts even when it lies
// behind (a loop back still is the successor).
func nearest(r model.Rect, cands []string, shapes map[string]*model.Shape, dir direction, anyway bool) string {
	c := r.Center()
	best, bestCost := "", math.Inf(1)
	for _, id := range cands {
		s := shapes[id]
		if s == nil {
			continue
		}
		o := s.Bounds.Center()
		var along, across float64
		switch dir {
		case dirRight:
			along, across = o.X-c.X, o.Y-c.Y
		case dirLeft:
			along, across = c.X-o.X, o.Y-c.Y
		case dirUp:
			along, across = c.Y-o.Y, o.X-c.X
		case dirDown:
			along, across = o.Y-c.Y, o.X-c.X
		}
		if along <= 0 && !anyway {
			continue
		}
		cost := math.Abs(along) + 2*math.Abs(across)
		if along <= 0 {
			cost += 1e6 // behind: only when nothing lies ahead
		}
		if cost < bestCost {
			best, bestCost = id, cost
		}
	}
	return best
}
