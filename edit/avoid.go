package edit

import (
	"math"
	"slices"

	"lanemap/draw"
	"lanemap/model"
)

// Obstacle-aware routing. The plain routes of route.go look only at the two
// ends; a flow drawn with them may run through a third shape, and the map
// then reads wrongly ("Utreda → Kontrollera" when the arrow comes from the
// start). routeAround keeps the plain route when it is clear and otherwise
// tries the other Manhattan shapes in order of simplicity — H-V-H with
// other middle columns, the two Ls, V-H-V over or under, and a five-segment
// detour through a free row — and takes the first that crosses no shape;
// when none does, a shortest path with fewest bends over a grid of free
// channels (gridRoute).

// clearance is how far a candidate's free channels keep from a shape.
const clearance = 10.0

// crosses reports whether the orthogonal polyline pts runs through the
// inside of r (touching its border does not count).
func crosses(pts []model.Point, r model.Rect) bool {
	for i := 1; i < len(pts); i++ {
		if segCrosses(pts[i-1], pts[i], r) {
			return true
		}
	}
	return false
}

func segCrosses(p, q model.Point, r model.Rect) bool {
	x0, x1 := math.Min(p.X, q.X), math.Max(p.X, q.X)
	y0, y1 := math.Min(p.Y, q.Y), math.Max(p.Y, q.Y)
	if x1-x0 > tol && y1-y0 > tol { // diagonal: test its bounding box
		return x0 < r.X+r.W && x1 > r.X && y0 < r.Y+r.H && y1 > r.Y
	}
	if y1-y0 <= tol { // horizontal
		return y0 > r.Y && y0 < r.Y+r.H && x1 > r.X && x0 < r.X+r.W
	}
	return x0 > r.X && x0 < r.X+r.W && y1 > r.Y && y0 < r.Y+r.H
}

func clearOf(pts []model.Point, obs []model.Rect) bool {
	for _, o := range obs {
		if crosses(pts, o) {
			return false
		}
	}
	return true
}

// routeAround returns first when it keeps clear of hard and soft, else the
// simplest candidate route from a to b that does: a short one (up to three
// segments), then first or any candidate clear of the shapes, then ones
// that cross labels, then ones that graze shapes, then a grid search. hard
// are shapes, soft their labels: a label may be crossed when nothing else
// works. With no clear route at all it returns first.
func routeAround(first []model.Point, a, b model.Rect, across bool, hard, soft []model.Rect) []model.Point {
	return routeAmong(first, a, b, across, hard, soft, nil)
}

// routeAmong is routeAround that also keeps off the other flows in o: a
// route that runs along another flow's segment, or that ends at a gateway
// corner a flow of the other direction already uses, is taken only when
// every route that does not either crosses a label or a shape.
func routeAmong(first []model.Point, a, b model.Rect, across bool, hard, soft []model.Rect, o *others) []model.Point {
	// The ends themselves must not be crossed either (a route leaving
	// through its own shape).
	ends := []model.Rect{a, b}
	// Routes should keep a little away from shapes, not graze them: first
	// look for routes clear of the shapes grown by almost the channels'
	// clearance, then for any that merely do not cross them.
	roomy := make([]model.Rect, len(hard))
	for i, h := range hard {
		roomy[i] = h.Inset(-(clearance - 1))
	}
	if clearOf(first, roomy) && clearOf(first, soft) && !o.conflicts(first) {
		return first
	}
	// Channels run beside shapes and labels alike.
	all := append(slices.Clip(hard), soft...)
	var cands [][]model.Point
	if across {
		for _, c := range candidates(transpose(a), transpose(b), transposeRects(all)) {
			cands = append(cands, transposePts(c))
		}
	} else {
		cands = candidates(a, b, all)
	}
	if o != nil && (o.slide[0] || o.slide[1]) {
		cands = append(cands, slid(cands, a, b, o.slide)...)
	}
	ok := func(c []model.Point, obs, soft []model.Rect) bool {
		return clearOf(c, ends) && clearOf(c, obs) && clearOf(c, soft)
	}
	for _, c := range cands {
		if len(c) <= 4 && ok(c, roomy, soft) && !o.conflicts(c) {
			return c
		}
	}
	// Shapes first, then labels, then other flows: a route may run along
	// another flow only when keeping off it would cross a label (a name
	// crossed by an arrow is misread too); a grid search for a route that
	// keeps off both comes before giving in.
	tiers := []struct {
		obs, soft []model.Rect
		apart     bool
	}{
		{roomy, soft, true}, {hard, soft, true}, {roomy, soft, false}, {hard, soft, false},
		{roomy, nil, true}, {hard, nil, true}, {roomy, nil, false}, {hard, nil, false},
	}
	grid := func(obs []model.Rect, o *others) []model.Point {
		if across {
			return transposePts(gridRoute(transpose(a), transpose(b), transposeRects(obs), o.transposed()))
		}
		return gridRoute(a, b, obs, o)
	}
	for i, try := range tiers {
		if i == 2 && o != nil && (len(o.lines) > 0 || len(o.taken) > 0) {
			// No simple shape keeps off the other flows: search for one
			// that runs along none, before giving in.
			if g := grid(all, o); g != nil && ok(g, hard, soft) && !o.conflicts(g) {
				return g
			}
		}
		if o == nil && try.apart {
			continue // nothing to keep apart from: the next tier is the same
		}
		fine := func(c []model.Point) bool { return !try.apart || !o.conflicts(c) }
		if clearOf(first, try.obs) && clearOf(first, try.soft) && fine(first) {
			return first
		}
		for _, c := range cands {
			if ok(c, try.obs, try.soft) && fine(c) {
				return c
			}
		}
	}
	if g := grid(hard, nil); g != nil && ok(g, hard, nil) {
		return g
	}
	return first
}

// others is what a new route should keep off besides shapes and labels:
// the routes of the flows around it, and the gateway corners that flows
// of the other direction use.
type others struct {
	lines []line
	taken []model.Point
	// slide says whether the route may leave a (slide[0]) or enter b
	// (slide[1]) off the middle of a side: rectangles (activities, pools)
	// are outline along their whole side, so a fork's second branch can
	// leave from a port of its own there. Diamonds and circles keep their
	// corners and poles.
	slide [2]bool
	// yield: the flows out of the same source (into the same target) do
	// not count, because the caller re-routes those that get in the way
	// (connect: the newest branch keeps the simplest route).
	yield bool
}

// line is another flow's route; fork is set for a flow out of the same
// source, join for one into the same target.
type line struct {
	id         string
	pts        []model.Point
	fork, join bool
	box        model.Rect // boundsOf(pts)
}

// counts reports whether l is to be kept off: every flow, fork and join
// siblings included (two branches on one trunk read as one), unless the
// siblings yield.
func (o *others) counts(l line) bool { return !o.yield || !(l.fork || l.join) }

// overlapMax is how far two flows may run along each other (at a shared
// end they meet in a point; more reads as one flow).
const overlapMax = 5.0

// conflicts reports whether pts runs along one of o's lines for more than
// overlapMax or starts or ends at a taken corner.
func (o *others) conflicts(pts []model.Point) bool {
	if o == nil || len(pts) < 2 {
		return false
	}
	for _, p := range o.taken {
		if samePoint(p, pts[0]) || samePoint(p, pts[len(pts)-1]) {
			return true
		}
	}
	box := boundsOf(pts)
	for _, l := range o.lines {
		if o.counts(l) && l.box.Intersects(box) && collinear(pts, l.pts) > overlapMax {
			return true
		}
	}
	return false
}

// boundsOf is the box round pts.
func boundsOf(pts []model.Point) model.Rect {
	if len(pts) == 0 {
		return model.Rect{}
	}
	x0, y0, x1, y1 := pts[0].X, pts[0].Y, pts[0].X, pts[0].Y
	for _, p := range pts[1:] {
		x0, y0, x1, y1 = math.Min(x0, p.X), math.Min(y0, p.Y), math.Max(x1, p.X), math.Max(y1, p.Y)
	}
	// A straight line has no area; give it some so that it meets boxes.
	return model.Rect{X: x0 - 1, Y: y0 - 1, W: x1 - x0 + 2, H: y1 - y0 + 2}
}

// transposed is o for the transposed plane.
func (o *others) transposed() *others {
	if o == nil {
		return nil
	}
	t := &others{taken: transposePts(o.taken), slide: o.slide, yield: o.yield}
	for _, l := range o.lines {
		t.lines = append(t.lines, line{l.id, transposePts(l.pts), l.fork, l.join, transpose(l.box)})
	}
	return t
}

func samePoint(p, q model.Point) bool { return math.Abs(p.X-q.X) <= tol && math.Abs(p.Y-q.Y) <= tol }

// collinear returns the longest stretch along which a segment of p and a
// segment of q lie on one line.
func collinear(p, q []model.Point) float64 {
	most := 0.0
	for i := 1; i < len(p); i++ {
		a, b := p[i-1], p[i]
		for j := 1; j < len(q); j++ {
			c, d := q[j-1], q[j]
			switch {
			case math.Abs(a.Y-b.Y) <= tol && math.Abs(c.Y-d.Y) <= tol && math.Abs(a.Y-c.Y) <= tol:
				lo := math.Max(math.Min(a.X, b.X), math.Min(c.X, d.X))
				hi := math.Min(math.Max(a.X, b.X), math.Max(c.X, d.X))
				most = math.Max(most, hi-lo)
			case math.Abs(a.X-b.X) <= tol && math.Abs(c.X-d.X) <= tol && math.Abs(a.X-c.X) <= tol:
				lo := math.Max(math.Min(a.Y, b.Y), math.Min(c.Y, d.Y))
				hi := math.Min(math.Max(a.Y, b.Y), math.Max(c.Y, d.Y))
				most = math.Max(most, hi-lo)
			}
		}
	}
	return most
}

// othersFor collects what a route of flow self (from src to tgt; self ""
// for a flow not yet made, tgt "" for a target not yet placed) keeps off:
// the routes of the flows at src, at tgt and at the shapes near box, and,
// at a gateway end, the corners that flows of the other direction use.
func (s *Session) othersFor(self, src, tgt string, box model.Rect) *others {
	o := &others{}
	// Few flows meet near one route: a slice beats a map here.
	seen := make([]*model.Flow, 0, 16)
	isSeen := func(f *model.Flow) bool { return f.ID == self || slices.Contains(seen, f) }
	g := s.graph()
	add := func(f *model.Flow) {
		if isSeen(f) || f.Kind != model.SequenceFlow && f.Kind != model.MessageFlow {
			return
		}
		seen = append(seen, f)
		if e := s.Edge(f.ID); e != nil && len(e.Waypoints) >= 2 {
			o.lines = append(o.lines, line{f.ID, e.Waypoints, f.Source == src, tgt != "" && f.Target == tgt, boundsOf(e.Waypoints)})
			if n := s.Doc.Node(src); f.Target == src && n != nil && n.Kind.IsGateway() {
				o.taken = append(o.taken, e.Waypoints[len(e.Waypoints)-1])
			}
			if n := s.Doc.Node(tgt); tgt != "" && f.Source == tgt && n != nil && n.Kind.IsGateway() {
				o.taken = append(o.taken, e.Waypoints[0])
			}
		}
	}
	for _, id := range []string{src, tgt} {
		if id != "" {
			for _, f := range g.touching[id] {
				add(f)
			}
		}
	}
	// Every flow that passes where the route may run (candidates and the
	// grid search stay within 2×NewLaneSize of the ends), ends near or not.
	s.di.lines.edgesNear(s.Diagram, box.Inset(-2*NewLaneSize), func(e *model.Edge) {
		if f := s.Doc.Flow(e.Element); f != nil && s.Edge(f.ID) == e {
			add(f)
		}
	})
	o.slide = [2]bool{s.slides(src), s.slides(tgt)}
	return o
}

// slides reports whether a flow may meet id's shape anywhere along a side
// (see others.slide).
func (s *Session) slides(id string) bool {
	if n := s.Doc.Node(id); n != nil {
		return n.Kind.IsActivity()
	}
	return id != "" && s.Doc.Participant(id) != nil
}

// slid lists variants of cands whose first segment (with slide[0]) or last
// segment (with slide[1]), or both, run a quarter of the side off its
// middle, each way: the second port on a side that a fork or join needs.
func slid(cands [][]model.Point, a, b model.Rect, slide [2]bool) [][]model.Point {
	var out [][]model.Point
	for _, c := range cands {
		if len(c) == 2 && !(slide[0] && slide[1]) {
			continue // a single segment moves both ends
		}
		heads := [][]model.Point{c}
		if slide[0] {
			for _, sign := range []float64{1, -1} {
				if v := shiftEnd(c, a, b, sign); v != nil {
					out = append(out, v)
					heads = append(heads, v)
				}
			}
		}
		if !slide[1] {
			continue
		}
		for _, h := range heads {
			r := slices.Clone(h)
			slices.Reverse(r)
			for _, sign := range []float64{1, -1} {
				if v := shiftEnd(r, b, a, sign); v != nil {
					slices.Reverse(v)
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// shiftEnd moves the first segment of the orthogonal route c, which leaves
// rectangle r, a quarter of r's side along that side (sign: which way). It
// returns nil when the result leaves the side, folds the route onto
// itself, or (a single segment) no longer reaches the other end's side.
func shiftEnd(c []model.Point, r, other model.Rect, sign float64) []model.Point {
	if len(c) < 2 {
		return nil
	}
	p, q := c[0], c[1]
	horiz := math.Abs(p.Y-q.Y) <= tol && math.Abs(p.X-q.X) > tol
	vert := math.Abs(p.X-q.X) <= tol && math.Abs(p.Y-q.Y) > tol
	var v []model.Point
	switch {
	case horiz && (math.Abs(p.X-r.X) <= tol || math.Abs(p.X-r.X-r.W) <= tol):
		y := round(p.Y + sign*r.H/4)
		if y <= r.Y+tol || y >= r.Y+r.H-tol {
			return nil
		}
		if len(c) == 2 && (y <= other.Y+tol || y >= other.Y+other.H-tol) {
			return nil
		}
		if len(c) > 2 && math.Abs(c[2].Y-y) <= tol {
			return nil
		}
		v = slices.Clone(c)
		v[0].Y, v[1].Y = y, y
	case vert && (math.Abs(p.Y-r.Y) <= tol || math.Abs(p.Y-r.Y-r.H) <= tol):
		x := round(p.X + sign*r.W/4)
		if x <= r.X+tol || x >= r.X+r.W-tol {
			return nil
		}
		if len(c) == 2 && (x <= other.X+tol || x >= other.X+other.W-tol) {
			return nil
		}
		if len(c) > 2 && math.Abs(c[2].X-x) <= tol {
			return nil
		}
		v = slices.Clone(c)
		v[0].X, v[1].X = x, x
	}
	return v
}

// labelOf is where n's name is drawn outside its shape sh: the DI label
// bounds, else for events, gateways and data the place the renderer gives
// it, centred under the shape; ok is false for a name drawn inside.
func labelOf(n *model.Node, sh *model.Shape) (r model.Rect, ok bool) {
	if sh.Label != nil {
		return *sh.Label, true
	}
	if n.Name == "" || !(n.Kind.IsEvent() || n.Kind.IsGateway() || n.Kind.IsData()) {
		return model.Rect{}, false
	}
	w, h := labelSize(n.Name)
	c := sh.Bounds.Center()
	return model.Rect{X: c.X - w/2, Y: sh.Bounds.Y + sh.Bounds.H + extLabelGap, W: w, H: h}, true
}

// gatewayLabel puts the name of gateway n, renamed from old, above its
// right half (left of its lower half in a vertical pool), where no flow at
// its corners runs: flows come in at the back corner, leave from the front
// one or turn up or down from the top and bottom corners, and a name under
// the gateway would sit on the exit to a lower lane. A label the user
// placed (DI bounds other than where this put the old name) stays.
func (s *Session) gatewayLabel(t *tx, n *model.Node, old string) {
	sh := s.Shape(n.ID)
	if sh == nil || !n.Kind.IsGateway() {
		return
	}
	across := false
	if p := s.Doc.ProcessOf(n.ID); p != nil {
		across = !bool(s.laneAxis(p.ID))
	}
	if sh.Label != nil && (old == "" || *sh.Label != gatewayLabelBox(sh.Bounds, old, across)) {
		return
	}
	if n.Name == "" {
		if sh.Label != nil {
			t.shape(sh).Label = nil
		}
		return
	}
	l := gatewayLabelBox(sh.Bounds, n.Name, across)
	t.shape(sh).Label = &l
}

// gatewayLabelBox is where gatewayLabel puts name for a gateway at r.
func gatewayLabelBox(r model.Rect, name string, across bool) model.Rect {
	w, h := labelSize(name)
	if across {
		return model.Rect{X: r.X - extLabelGap - w, Y: r.Y + r.H/2 + extLabelGap, W: w, H: h}
	}
	return model.Rect{X: r.X + r.W/2 + extLabelGap, Y: r.Y - extLabelGap - h, W: w, H: h}
}

// The renderer's external labels (draw): wrapped at extLabelW, extLabelGap
// under the shape.
const (
	extLabelW   = 90.0
	extLabelGap = 5.0
)

// labelSize is the size of an external label's text as the renderer sets it.
func labelSize(text string) (w, h float64) {
	lines := draw.Wrap(text, extLabelW, draw.NodeFontSize, false)
	for _, l := range lines {
		w = math.Max(w, draw.Measure(l, draw.NodeFontSize, false))
	}
	return math.Ceil(w), math.Ceil(float64(len(lines)) * draw.NodeFontSize * draw.LineSpacing)
}

func transposeRects(rs []model.Rect) []model.Rect {
	out := make([]model.Rect, len(rs))
	for i, r := range rs {
		out[i] = transpose(r)
	}
	return out
}

// candidates lists orthogonal routes from a to b for left-to-right flow,
// simplest first, with channels placed in the gaps between the obstacles.
func candidates(a, b model.Rect, obs []model.Rect) [][]model.Point {
	ac, bc := a.Center(), b.Center()
	aR, aB := a.X+a.W, a.Y+a.H
	bB := b.Y + b.H
	box := a.Union(b).Inset(-2 * NewLaneSize)
	var near []model.Rect
	for _, o := range obs {
		if o.Intersects(box) {
			near = append(near, o)
		}
	}
	// Free columns between the two shapes and free rows anywhere near.
	midX := round((aR + b.X) / 2)
	xs := []float64{midX}
	ys := []float64{}
	if b.Y >= aB {
		ys = append(ys, round((aB+b.Y)/2))
	} else if bB <= a.Y {
		ys = append(ys, round((a.Y+bB)/2))
	}
	ys = append(ys, math.Min(a.Y, b.Y)-Padding, math.Max(aB, bB)+Padding)
	for _, o := range near {
		xs = append(xs, o.X-clearance, o.X+o.W+clearance)
		ys = append(ys, o.Y-clearance, o.Y+o.H+clearance)
	}
	xs = byNearness(xs, midX, func(x float64) bool { return x > aR+tol && x < b.X-tol })
	midY := (ac.Y + bc.Y) / 2
	ys = byNearness(ys, midY, func(float64) bool { return true })
	const most = 16
	if len(xs) > most {
		xs = xs[:most]
	}
	if len(ys) > most {
		ys = ys[:most]
	}

	var out [][]model.Point
	add := func(pts ...model.Point) { out = append(out, pts) }
	forward := b.X > aR+tol
	// H-V-H through another column.
	if forward {
		for _, x := range xs {
			if math.Abs(ac.Y-bc.Y) < tol {
				add(model.Point{X: aR, Y: ac.Y}, model.Point{X: b.X, Y: ac.Y})
				break
			}
			add(model.Point{X: aR, Y: ac.Y}, model.Point{X: x, Y: ac.Y}, model.Point{X: x, Y: bc.Y}, model.Point{X: b.X, Y: bc.Y})
		}
	}
	// Sideways out, then into b's top or bottom.
	if bc.X > aR+tol && (ac.Y < b.Y || ac.Y > bB) {
		y := b.Y
		if ac.Y > bB {
			y = bB
		}
		add(model.Point{X: aR, Y: ac.Y}, model.Point{X: bc.X, Y: ac.Y}, model.Point{X: bc.X, Y: y})
	}
	// Out of a's top or bottom, then sideways into b.
	if (bc.Y < a.Y || bc.Y > aB) && b.X > ac.X+tol {
		y := aB
		if bc.Y < a.Y {
			y = a.Y
		}
		add(model.Point{X: ac.X, Y: y}, model.Point{X: ac.X, Y: bc.Y}, model.Point{X: b.X, Y: bc.Y})
	}
	// Out of the top or bottom, along a free row, into the top or bottom.
	for _, y := range ys {
		ay, by := a.Y, b.Y
		switch {
		case y >= aB-tol:
			ay = aB
		case y > a.Y+tol:
			continue
		}
		switch {
		case y >= bB-tol:
			by = bB
		case y > b.Y+tol:
			continue
		}
		add(model.Point{X: ac.X, Y: ay}, model.Point{X: ac.X, Y: y}, model.Point{X: bc.X, Y: y}, model.Point{X: bc.X, Y: by})
	}
	// Out sideways, along a free column past both, back in on the same
	// side (a "C", for ends above each other with something between).
	right := []float64{math.Max(aR, b.X+b.W) + Padding}
	left := []float64{math.Min(a.X, b.X) - Padding}
	for _, o := range near {
		right = append(right, o.X+o.W+Padding)
		left = append(left, o.X-Padding)
	}
	right = byNearness(right, right[0], func(x float64) bool { return x >= right[0] })
	left = byNearness(left, left[0], func(x float64) bool { return x <= left[0] })
	for i := 0; i < min(4, len(right)); i++ {
		x := right[i]
		add(model.Point{X: aR, Y: ac.Y}, model.Point{X: x, Y: ac.Y}, model.Point{X: x, Y: bc.Y}, model.Point{X: b.X + b.W, Y: bc.Y})
	}
	for i := 0; i < min(4, len(left)); i++ {
		x := left[i]
		add(model.Point{X: a.X, Y: ac.Y}, model.Point{X: x, Y: ac.Y}, model.Point{X: x, Y: bc.Y}, model.Point{X: b.X, Y: bc.Y})
	}
	// Five segments: sideways out, along a free row, sideways in.
	if forward && b.X-aR > 2*clearance {
		x1s := []float64{aR + clearance}
		x2s := []float64{b.X - clearance}
		for _, o := range near {
			if o.X-clearance > aR+tol && o.X-clearance < b.X-tol {
				x1s = append(x1s, o.X-clearance)
			}
			if e := o.X + o.W + clearance; e > aR+tol && e < b.X-tol {
				x2s = append(x2s, e)
			}
		}
		x1s = byNearness(x1s, aR, func(float64) bool { return true })
		x2s = byNearness(x2s, b.X, func(float64) bool { return true })
		for _, y := range ys {
			for _, x1 := range x1s[:min(3, len(x1s))] {
				for _, x2 := range x2s[:min(3, len(x2s))] {
					if x2 <= x1 {
						continue
					}
					add(model.Point{X: aR, Y: ac.Y}, model.Point{X: x1, Y: ac.Y}, model.Point{X: x1, Y: y},
						model.Point{X: x2, Y: y}, model.Point{X: x2, Y: bc.Y}, model.Point{X: b.X, Y: bc.Y})
				}
			}
		}
	}
	return out
}

// byNearness keeps the distinct values that pass keep, rounded, nearest to
// m first.
func byNearness(vs []float64, m float64, keep func(float64) bool) []float64 {
	var out []float64
	for _, v := range vs {
		v = round(v)
		if keep(v) && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	slices.SortStableFunc(out, func(p, q float64) int {
		dp, dq := math.Abs(p-m), math.Abs(q-m)
		switch {
		case dp < dq:
			return -1
		case dp > dq:
			return 1
		}
		return 0
	})
	return out
}

// obstacles lists the shapes (hard) and their external labels (soft) that
// a route of f must not cross: every node shape near the box, but not f's
// ends, the boundary events on them or the hosts of boundary-event ends,
// the sub-processes that hold an end, nor groups (frames, not things).
func (s *Session) obstacles(f *model.Flow, box model.Rect) (hard, soft []model.Rect) {
	return s.obstaclesFor(f.Source, f.Target, box)
}

// obstaclesFor is obstacles for a flow from src to tgt ("" for a target
// not yet placed).
func (s *Session) obstaclesFor(src, tgt string, box model.Rect) (hard, soft []model.Rect) {
	d := s.Doc
	skip := map[string]bool{src: true, tgt: true}
	for _, end := range []string{src, tgt} {
		n := d.Node(end)
		for depth := 0; n != nil && depth < 64; depth++ {
			if n.AttachedTo != "" {
				skip[n.AttachedTo] = true
			}
			for _, b := range s.graph().attached[n.ID] {
				skip[b.ID] = true
			}
			n = d.Node(n.Container)
			if n != nil {
				skip[n.ID] = true
			}
		}
	}
	box = box.Inset(-2 * NewLaneSize)
	s.di.space.shapesNear(s.Diagram, box.Inset(-LabelBand), func(sh *model.Shape) {
		n := d.Node(sh.Element)
		if n == nil || n.Kind == model.Group || s.Shape(n.ID) != sh {
			return
		}
		l, named := labelOf(n, sh)
		named = named && l.Intersects(box)
		if skip[n.ID] {
			// A flow may leave its end but should not cross the end's name.
			if (n.ID == src || n.ID == tgt) && named {
				soft = append(soft, l)
			}
			return
		}
		if sh.Bounds.Intersects(box) {
			hard = append(hard, sh.Bounds)
		}
		if named {
			soft = append(soft, l)
		}
	})
	return hard, soft
}

// gridRoute is the last resort of routeAround: the shortest orthogonal
// path with fewest bends over a sparse grid of free channels (the lines
// clearance away from every obstacle's sides, and the ends' centres and
// sides), from a port in the middle of one of a's sides to one of b's. A
// step along one of o's lines costs dearly and o's taken corners are no
// ports, so the path keeps off other flows where it can. It returns nil
// when no path exists inside the searched box.
func gridRoute(a, b model.Rect, obs []model.Rect, o *others) []model.Point {
	box := a.Union(b).Inset(-2 * NewLaneSize)
	var near []model.Rect
	for _, o := range obs {
		if o.Intersects(box) {
			near = append(near, o)
		}
	}
	ac, bc := a.Center(), b.Center()
	xs := []float64{ac.X, bc.X, a.X, a.X + a.W, b.X, b.X + b.W,
		a.X - Padding, a.X + a.W + Padding, b.X - Padding, b.X + b.W + Padding, box.X, box.X + box.W}
	ys := []float64{ac.Y, bc.Y, a.Y, a.Y + a.H, b.Y, b.Y + b.H,
		a.Y - Padding, a.Y + a.H + Padding, b.Y - Padding, b.Y + b.H + Padding, box.Y, box.Y + box.H}
	for _, o := range near {
		// The sides themselves are grid lines too, so that no step between
		// neighbouring grid points can jump over a shape.
		xs = append(xs, o.X-clearance, o.X, o.X+o.W, o.X+o.W+clearance)
		ys = append(ys, o.Y-clearance, o.Y, o.Y+o.H, o.Y+o.H+clearance)
	}
	var slide [2]bool
	if o != nil {
		slide = o.slide
	}
	for i, r := range []model.Rect{a, b} {
		if slide[i] {
			c := r.Center()
			xs = append(xs, c.X-r.W/4, c.X+r.W/4)
			ys = append(ys, c.Y-r.H/4, c.Y+r.H/4)
		}
	}
	uniq := func(vs []float64) []float64 {
		for i := range vs {
			vs[i] = round(vs[i])
		}
		slices.Sort(vs)
		return slices.Compact(vs)
	}
	xs, ys = uniq(xs), uniq(ys)
	nx, ny := len(xs), len(ys)
	type port struct {
		p   model.Point
		dir int // 0 right, 1 down, 2 left, 3 up: the way out of the shape
	}
	ports := func(r model.Rect, slide bool) []port {
		c := r.Center()
		ps := []port{{model.Point{X: r.X + r.W, Y: c.Y}, 0}, {model.Point{X: c.X, Y: r.Y + r.H}, 1},
			{model.Point{X: r.X, Y: c.Y}, 2}, {model.Point{X: c.X, Y: r.Y}, 3}}
		if slide { // a quarter of the side off the middle, each way
			for _, f := range []float64{-0.25, 0.25} {
				y, x := round(c.Y+f*r.H), round(c.X+f*r.W)
				ps = append(ps, port{model.Point{X: r.X + r.W, Y: y}, 0}, port{model.Point{X: x, Y: r.Y + r.H}, 1},
					port{model.Point{X: r.X, Y: y}, 2}, port{model.Point{X: x, Y: r.Y}, 3})
			}
		}
		return ps
	}
	idx := func(p model.Point) (int, int, bool) {
		i, okx := slices.BinarySearch(xs, round(p.X))
		j, oky := slices.BinarySearch(ys, round(p.Y))
		return i, j, okx && oky
	}
	isTaken := func(p model.Point) bool {
		if o == nil {
			return false
		}
		for _, q := range o.taken {
			if samePoint(p, q) {
				return true
			}
		}
		return false
	}
	// The other flows' segments near the box, for the cost of a step.
	var segs [][2]model.Point
	if o != nil {
		for _, ln := range o.lines {
			if !o.counts(ln) {
				continue // a sibling that will make way
			}
			l := ln.pts
			for k := 1; k < len(l); k++ {
				p, q := l[k-1], l[k]
				if math.Max(p.X, q.X) >= box.X && math.Min(p.X, q.X) <= box.X+box.W &&
					math.Max(p.Y, q.Y) >= box.Y && math.Min(p.Y, q.Y) <= box.Y+box.H {
					segs = append(segs, [2]model.Point{p, q})
				}
			}
		}
	}
	const along = 50.0 // cost of a unit run along another flow
	alongCost := func(p, q model.Point) float64 {
		c := 0.0
		for _, sg := range segs {
			c += collinear([]model.Point{p, q}, sg[:])
		}
		return c * along
	}
	isPort := map[[2]int]bool{}
	for _, p := range append(ports(a, slide[0]), ports(b, slide[1])...) {
		if isTaken(p.p) {
			continue
		}
		if i, j, ok := idx(p.p); ok {
			isPort[[2]int{i, j}] = true
		}
	}
	// A grid point on or inside a shape (a, b or an obstacle) is blocked,
	// except the ports; marked per shape over the index ranges it covers.
	blockedAt := make([]bool, nx*ny)
	mark := func(r model.Rect) {
		i0, _ := slices.BinarySearch(xs, r.X-tol)
		j0, _ := slices.BinarySearch(ys, r.Y-tol)
		for i := i0; i < nx && xs[i] <= r.X+r.W+tol; i++ {
			for j := j0; j < ny && ys[j] <= r.Y+r.H+tol; j++ {
				blockedAt[j*nx+i] = true
			}
		}
	}
	for _, o := range near {
		mark(o)
	}
	mark(a)
	mark(b)
	blocked := func(i, j int) bool { return blockedAt[j*nx+i] && !isPort[[2]int{i, j}] }
	const bend = 200.0
	dx := [4]int{1, 0, -1, 0}
	dy := [4]int{0, 1, 0, -1}
	state := func(i, j, d int) int { return (j*nx+i)*4 + d }
	dist := make([]float64, nx*ny*4)
	prev := make([]int, nx*ny*4)
	for k := range dist {
		dist[k], prev[k] = math.Inf(1), -1
	}
	h := &pq{}
	for _, p := range ports(a, slide[0]) {
		if isTaken(p.p) {
			continue
		}
		if i, j, ok := idx(p.p); ok {
			k := state(i, j, p.dir)
			dist[k] = 0
			h.push(k, 0)
		}
	}
	goal := map[int]bool{} // states that enter b through a port
	for _, p := range ports(b, slide[1]) {
		if isTaken(p.p) {
			continue
		}
		if i, j, ok := idx(p.p); ok {
			goal[state(i, j, (p.dir+2)%4)] = true
		}
	}
	end := -1
	for h.len() > 0 {
		k, c := h.pop()
		if c > dist[k] {
			continue
		}
		if goal[k] {
			end = k
			break
		}
		d := k % 4
		cell := k / 4
		i, j := cell%nx, cell/nx
		for nd := 0; nd < 4; nd++ {
			if nd == (d+2)%4 {
				continue // no U-turns
			}
			ni, nj := i+dx[nd], j+dy[nd]
			if ni < 0 || nj < 0 || ni >= nx || nj >= ny || blocked(ni, nj) {
				continue
			}
			// Both points free and every side a grid line: the step is clear.
			p, q := model.Point{X: xs[i], Y: ys[j]}, model.Point{X: xs[ni], Y: ys[nj]}
			nc := c + math.Abs(q.X-p.X) + math.Abs(q.Y-p.Y)
			if len(segs) > 0 {
				nc += alongCost(p, q)
			}
			if nd != d {
				nc += bend
			}
			if nk := state(ni, nj, nd); nc < dist[nk] {
				dist[nk], prev[nk] = nc, k
				h.push(nk, nc)
			}
		}
	}
	if end < 0 {
		return nil
	}
	var pts []model.Point
	for k := end; k >= 0; k = prev[k] {
		cell := k / 4
		p := model.Point{X: xs[cell%nx], Y: ys[cell/nx]}
		if len(pts) == 0 || pts[len(pts)-1] != p {
			pts = append(pts, p)
		}
	}
	slices.Reverse(pts)
	// Keep the corners only.
	out := []model.Point{pts[0]}
	for i := 1; i < len(pts)-1; i++ {
		p, q, r := out[len(out)-1], pts[i], pts[i+1]
		if (p.X == q.X && q.X == r.X) || (p.Y == q.Y && q.Y == r.Y) {
			continue
		}
		out = append(out, q)
	}
	out = append(out, pts[len(pts)-1])
	if len(out) < 2 {
		return nil
	}
	return out
}

// pq is a binary min-heap of search states by cost.
type pq struct {
	k []int
	c []float64
}

func (h *pq) len() int { return len(h.k) }

func (h *pq) push(k int, c float64) {
	h.k, h.c = append(h.k, k), append(h.c, c)
	for i := len(h.k) - 1; i > 0; {
		p := (i - 1) / 2
		if h.c[p] <= h.c[i] {
			break
		}
		h.k[p], h.k[i], h.c[p], h.c[i] = h.k[i], h.k[p], h.c[i], h.c[p]
		i = p
	}
}

func (h *pq) pop() (int, float64) {
	k, c := h.k[0], h.c[0]
	n := len(h.k) - 1
	h.k[0], h.c[0] = h.k[n], h.c[n]
	h.k, h.c = h.k[:n], h.c[:n]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < n && h.c[l] < h.c[m] {
			m = l
		}
		if r < n && h.c[r] < h.c[m] {
			m = r
		}
		if m == i {
			break
		}
		h.k[m], h.k[i], h.c[m], h.c[i] = h.k[i], h.k[m], h.c[i], h.c[m]
		i = m
	}
	return k, c
}

// lineSpace finds the flows whose routes pass near a box, for othersFor:
// a route must keep off the flows that pass by, not only those of the
// shapes around it (a long loop back runs under many shapes that are none
// of its ends). It is a cellIndex of the edges by their routes' bounds
// (edges a command touches, tx.edge, go on its dirty list), rebuilt only
// after rebuildAfter queries once stale (see there).
type lineSpace struct {
	cellIndex[*model.Edge]
	misses int // queries answered by a full pass since the index went stale
}

// routeBounds is an edge's routes' bounds; an edge without a route is not
// found.
func routeBounds(e *model.Edge) (model.Rect, bool) {
	if len(e.Waypoints) < 2 {
		return model.Rect{}, false
	}
	return boundsOf(e.Waypoints), true
}

// rebuildAfter is how many queries a stale lineSpace answers by a pass
// over all routes before it is built anew: a build costs some forty passes,
// and a command that moves half the map (making space for an append) makes
// it stale again after a handful of queries.
const rebuildAfter = 48

// edgesNear calls fn for every edge of g whose current route's bounds meet
// box.
func (x *lineSpace) edgesNear(g *model.Diagram, box model.Rect, fn func(*model.Edge)) {
	if !x.valid(g.Edges) {
		if x.misses++; x.misses < rebuildAfter {
			for _, e := range g.Edges {
				if b, ok := routeBounds(e); ok && b.Intersects(box) {
					fn(e)
				}
			}
			return
		}
		x.build(g.Edges, routeBounds)
		x.misses = 0
	}
	x.near(g.Edges, box, routeBounds, fn)
}
