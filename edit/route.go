package edit

import (
	"math"

	"lanemap/model"
)

// Route returns Manhattan waypoints from shape a's border to shape b's
// border. With across false the route prefers to leave and enter sideways
// (flow from left to right, as in horizontal pools); with across true it
// prefers top and bottom (vertical pools, message flows between pools).
// Backward connections go round below (or to the right of) both shapes.
func Route(a, b model.Rect, across bool) []model.Point {
	if across {
		pts := routeSideways(transpose(a), transpose(b))
		for i, p := range pts {
			pts[i] = model.Point{X: p.Y, Y: p.X}
		}
		return pts
	}
	return routeSideways(a, b)
}

// GatewayRoute is Route with the corners bpmn-js gives decisions: a flow
// out of a gateway (fromGateway) to a target further along the flow but
// off its axis leaves from the gateway's top or bottom corner (the one
// facing the target's lane) and turns into the target's side; one on the
// gateway's axis leaves from the front corner. A flow into a gateway
// (toGateway) comes in at the back corner, sideways, so that it never
// shares a corner with the gateway's exits (QA: an incoming flow entering
// at the top corner was retraced by the exit to the lane above, and the
// gateway read as a dead end).
func GatewayRoute(a, b model.Rect, across, fromGateway, toGateway bool) []model.Point {
	if across {
		pts := GatewayRoute(transpose(a), transpose(b), false, fromGateway, toGateway)
		for i, p := range pts {
			pts[i] = model.Point{X: p.Y, Y: p.X}
		}
		return pts
	}
	ac, bc := a.Center(), b.Center()
	forward := a.X+a.W+10 <= b.X
	offAxis := bc.Y < a.Y || bc.Y > a.Y+a.H
	if fromGateway && forward && offAxis {
		y := a.Y + a.H // leave from the bottom corner
		if bc.Y < ac.Y {
			y = a.Y
		}
		return []model.Point{{X: ac.X, Y: y}, {X: ac.X, Y: bc.Y}, {X: b.X, Y: bc.Y}}
	}
	_ = toGateway // sideways into the back corner: what Route does
	return Route(a, b, false)
}

// MessageRoute joins two shapes in different pools across the pools: out
// of the side facing the target and into the side facing the source,
// whichever way the target lies (up or down; left or right when across is
// false, for vertical pools). Shapes that overlap along that direction get
// one straight segment in the middle of the overlap.
func MessageRoute(a, b model.Rect, across bool) []model.Point {
	if !across {
		pts := MessageRoute(transpose(a), transpose(b), true)
		for i, p := range pts {
			pts[i] = model.Point{X: p.Y, Y: p.X}
		}
		return pts
	}
	aB, bB := a.Y+a.H, b.Y+b.H
	var from, to float64 // y where the route leaves a and enters b
	switch {
	case b.Y >= aB:
		from, to = aB, b.Y
	case bB <= a.Y:
		from, to = a.Y, bB
	default:
		return Route(a, b, false) // side by side: go sideways
	}
	lo, hi := math.Max(a.X, b.X), math.Min(a.X+a.W, b.X+b.W)
	if hi-lo >= 10 {
		x := round((lo + hi) / 2)
		return []model.Point{{X: x, Y: from}, {X: x, Y: to}}
	}
	ac, bc := a.Center(), b.Center()
	my := round((from + to) / 2)
	return []model.Point{{X: ac.X, Y: from}, {X: ac.X, Y: my}, {X: bc.X, Y: my}, {X: bc.X, Y: to}}
}

// keepMessageLine re-routes a message flow whose old route was one
// straight line across the pools (vertical when across is set): when that
// line still meets both shapes it is kept, running from border to border,
// so that moving a pool or its content does not shift the flow sideways.
// It returns nil when the old line cannot be kept.
func keepMessageLine(a, b model.Rect, across bool, old []model.Point) []model.Point {
	if len(old) < 2 {
		return nil
	}
	if !across {
		pts := keepMessageLine(transpose(a), transpose(b), true, transposePts(old))
		return transposePts(pts)
	}
	x := old[0].X
	for _, p := range old[1:] {
		if math.Abs(p.X-x) > tol {
			return nil
		}
	}
	within := func(r model.Rect) bool { return x > r.X+1 && x < r.X+r.W-1 }
	if !within(a) || !within(b) {
		return nil
	}
	switch aB, bB := a.Y+a.H, b.Y+b.H; {
	case b.Y >= aB:
		return []model.Point{{X: x, Y: aB}, {X: x, Y: b.Y}}
	case bB <= a.Y:
		return []model.Point{{X: x, Y: a.Y}, {X: x, Y: bB}}
	}
	return nil
}

func transposePts(pts []model.Point) []model.Point {
	if pts == nil {
		return nil
	}
	out := make([]model.Point, len(pts))
	for i, p := range pts {
		out[i] = model.Point{X: p.Y, Y: p.X}
	}
	return out
}

// StraightRoute joins the borders of a and b with one segment on the line
// between their centres: how associations are drawn.
func StraightRoute(a, b model.Rect) []model.Point {
	ac, bc := a.Center(), b.Center()
	return []model.Point{clip(a, bc), clip(b, ac)}
}

func transpose(r model.Rect) model.Rect { return model.Rect{X: r.Y, Y: r.X, W: r.H, H: r.W} }

// routeSideways routes for left-to-right flow.
func routeSideways(a, b model.Rect) []model.Point {
	ac, bc := a.Center(), b.Center()
	aR, aB := a.X+a.W, a.Y+a.H
	bR, bB := b.X+b.W, b.Y+b.H
	const near = 10.0
	switch {
	case aR+near <= b.X: // b to the right
		if math.Abs(ac.Y-bc.Y) < 1 {
			return []model.Point{{X: aR, Y: ac.Y}, {X: b.X, Y: ac.Y}}
		}
		mx := round((aR + b.X) / 2)
		return []model.Point{{X: aR, Y: ac.Y}, {X: mx, Y: ac.Y}, {X: mx, Y: bc.Y}, {X: b.X, Y: bc.Y}}
	case bR+near <= a.X: // b to the left: go round underneath
		y := math.Max(aB, bB) + Padding
		return []model.Point{{X: ac.X, Y: aB}, {X: ac.X, Y: y}, {X: bc.X, Y: y}, {X: bc.X, Y: bB}}
	case b.Y >= aB: // below, columns overlap
		if math.Abs(ac.X-bc.X) < 1 {
			return []model.Point{{X: ac.X, Y: aB}, {X: ac.X, Y: b.Y}}
		}
		my := round((aB + b.Y) / 2)
		return []model.Point{{X: ac.X, Y: aB}, {X: ac.X, Y: my}, {X: bc.X, Y: my}, {X: bc.X, Y: b.Y}}
	case bB <= a.Y: // above
		if math.Abs(ac.X-bc.X) < 1 {
			return []model.Point{{X: ac.X, Y: a.Y}, {X: ac.X, Y: bB}}
		}
		my := round((a.Y + bB) / 2)
		return []model.Point{{X: ac.X, Y: a.Y}, {X: ac.X, Y: my}, {X: bc.X, Y: my}, {X: bc.X, Y: bB}}
	}
	// Overlapping shapes: an L between the centres is the best there is.
	if math.Abs(ac.X-bc.X) < 1 || math.Abs(ac.Y-bc.Y) < 1 {
		return []model.Point{ac, bc}
	}
	return []model.Point{ac, {X: bc.X, Y: ac.Y}, bc}
}

// clip returns where the segment from r's centre towards p leaves r.
func clip(r model.Rect, p model.Point) model.Point {
	c := r.Center()
	dx, dy := p.X-c.X, p.Y-c.Y
	if dx == 0 && dy == 0 {
		return c
	}
	t := math.Inf(1)
	if dx != 0 {
		t = math.Min(t, (r.W/2)/math.Abs(dx))
	}
	if dy != 0 {
		t = math.Min(t, (r.H/2)/math.Abs(dy))
	}
	if t > 1 {
		t = 1
	}
	return model.Point{X: c.X + dx*t, Y: c.Y + dy*t}
}
