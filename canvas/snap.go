package canvas

import (
	"math"

	"lanemap/model"
)

// gridStep is the snapping grid in BPMN-DI units.
const gridStep = 10

// guide is an alignment line shown while dragging, in model coordinates:
// a vertical line at X=at from Y=from to Y=to, or a horizontal one.
type guide struct {
	vertical bool
	at       float64
	from, to float64
}

func snapGrid(v float64) float64 { return math.Round(v/gridStep) * gridStep }

// xs and ys are the lines of a box that guides align: edges and centre.
func xs(r model.Rect) [3]float64 { return [3]float64{r.X, r.X + r.W/2, r.X + r.W} }
func ys(r model.Rect) [3]float64 { return [3]float64{r.Y, r.Y + r.H/2, r.Y + r.H} }

// snapMove snaps the move of the dragged box r by (dx, dy). On each axis an
// edge or the centre of r that comes within tol of an edge or centre of
// another box aligns with it (and yields a guide); otherwise r's centre goes
// to the grid. Centres, not corners, go to the grid so that events, gateways
// and tasks of one row line up.
func snapMove(r model.Rect, dx, dy float64, others []model.Rect, tol float64) (float64, float64, []guide) {
	moved := r.Translate(dx, dy)
	var gs []guide

	bestX, bestY := tol+1, tol+1
	var adjX, adjY float64
	var withX, withY model.Rect
	for _, o := range others {
		if !o.Intersects(model.Rect{X: moved.X - 4000, Y: moved.Y - 4000, W: moved.W + 8000, H: moved.H + 8000}) {
			continue // far away: a guide across the whole map helps nobody
		}
		mx, ox := xs(moved), xs(o)
		my, oy := ys(moved), ys(o)
		for i := range 3 {
			// Only like with like (centre–centre, edge–edge): mixing them
			// gives guides that look accidental.
			for j := range 3 {
				if (i == 1) != (j == 1) {
					continue
				}
				if d := ox[j] - mx[i]; math.Abs(d) < bestX {
					bestX, adjX, withX = math.Abs(d), d, o
				}
				if d := oy[j] - my[i]; math.Abs(d) < bestY {
					bestY, adjY, withY = math.Abs(d), d, o
				}
			}
		}
	}
	if bestX <= tol {
		dx += adjX
	} else {
		c := r.Center().X + dx
		dx += snapGrid(c) - c
	}
	if bestY <= tol {
		dy += adjY
	} else {
		c := r.Center().Y + dy
		dy += snapGrid(c) - c
	}
	final := r.Translate(dx, dy)
	if bestX <= tol {
		for _, x := range xs(final) {
			for _, ox := range xs(withX) {
				if math.Abs(x-ox) < 1e-6 {
					gs = append(gs, guide{vertical: true, at: x,
						from: math.Min(final.Y, withX.Y), to: math.Max(final.Y+final.H, withX.Y+withX.H)})
				}
			}
		}
	}
	if bestY <= tol {
		for _, y := range ys(final) {
			for _, oy := range ys(withY) {
				if math.Abs(y-oy) < 1e-6 {
					gs = append(gs, guide{at: y,
						from: math.Min(final.X, withY.X), to: math.Max(final.X+final.W, withY.X+withY.W)})
				}
			}
		}
	}
	return dx, dy, dedupeGuides(gs)
}

func dedupeGuides(gs []guide) []guide {
	out := gs[:0]
	for _, g := range gs {
		dup := false
		for _, o := range out {
			if o.vertical == g.vertical && math.Abs(o.at-g.at) < 1e-6 {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, g)
		}
	}
	return out
}

// handle names a grab point: a resize handle by the corner it drags, or
// an end of a selected flow.
type handle int

const (
	noHandle handle = iota // on a node: its connect handle
	handleNW
	handleNE
	handleSW
	handleSE
	handleFlowStart
	handleFlowEnd
)

// minNodeSize keeps a resized shape grabbable.
const minNodeSize = 20

// resizeRect drags one corner of r to p (snapped to the grid), keeping the
// opposite corner fixed and the size at least minNodeSize.
func resizeRect(r model.Rect, h handle, p model.Point) model.Rect {
	x0, y0, x1, y1 := r.X, r.Y, r.X+r.W, r.Y+r.H
	px, py := snapGrid(p.X), snapGrid(p.Y)
	switch h {
	case handleNW:
		x0, y0 = math.Min(px, x1-minNodeSize), math.Min(py, y1-minNodeSize)
	case handleNE:
		x1, y0 = math.Max(px, x0+minNodeSize), math.Min(py, y1-minNodeSize)
	case handleSW:
		x0, y1 = math.Min(px, x1-minNodeSize), math.Max(py, y0+minNodeSize)
	case handleSE:
		x1, y1 = math.Max(px, x0+minNodeSize), math.Max(py, y0+minNodeSize)
	default:
		return r
	}
	return model.Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}
