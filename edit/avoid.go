package edit

import (
	"math"
	"slices"

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
	if clearOf(first, roomy) && clearOf(first, soft) {
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
	ok := func(c []model.Point, obs, soft []model.Rect) bool {
		return clearOf(c, ends) && clearOf(c, obs) && clearOf(c, soft)
	}
	for _, c := range cands {
		if len(c) <= 4 && ok(c, roomy, soft) {
			return c
		}
	}
	for _, try := range []struct{ obs, soft []model.Rect }{{roomy, nil}, {hard, soft}, {hard, nil}} {
		if clearOf(first, try.obs) && clearOf(first, try.soft) {
			return first
		}
		for _, c := range cands {
			if ok(c, try.obs, try.soft) {
				return c
			}
		}
	}
	var g []model.Point
	if across {
		g = transposePts(gridRoute(transpose(a), transpose(b), transposeRects(hard)))
	} else {
		g = gridRoute(a, b, hard)
	}
	if g != nil && ok(g, hard, nil) {
		return g
	}
	return first
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
	s.di.space.near(s.Diagram, box.Inset(-LabelBand), func(sh *model.Shape) {
		n := d.Node(sh.Element)
		if n == nil || n.Kind == model.Group || s.Shape(n.ID) != sh {
			return
		}
		if skip[n.ID] {
			// A flow may leave its end but should not cross the end's name.
			if (n.ID == src || n.ID == tgt) && sh.Label != nil && sh.Label.Intersects(box) {
				soft = append(soft, *sh.Label)
			}
			return
		}
		if sh.Bounds.Intersects(box) {
			hard = append(hard, sh.Bounds)
		}
		if sh.Label != nil && sh.Label.Intersects(box) {
			soft = append(soft, *sh.Label)
		}
	})
	return hard, soft
}

// gridRoute is the last resort of routeAround: the shortest orthogonal
// path with fewest bends over a sparse grid of free channels (the lines
// clearance away from every obstacle's sides, and the ends' centres and
// sides), from a port in the middle of one of a's sides to one of b's. It
// returns nil when no path exists inside the searched box.
func gridRoute(a, b model.Rect, obs []model.Rect) []model.Point {
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
	ports := func(r model.Rect) []port {
		c := r.Center()
		return []port{{model.Point{X: r.X + r.W, Y: c.Y}, 0}, {model.Point{X: c.X, Y: r.Y + r.H}, 1},
			{model.Point{X: r.X, Y: c.Y}, 2}, {model.Point{X: c.X, Y: r.Y}, 3}}
	}
	idx := func(p model.Point) (int, int, bool) {
		i, okx := slices.BinarySearch(xs, round(p.X))
		j, oky := slices.BinarySearch(ys, round(p.Y))
		return i, j, okx && oky
	}
	isPort := map[[2]int]bool{}
	for _, p := range append(ports(a), ports(b)...) {
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
	for _, p := range ports(a) {
		if i, j, ok := idx(p.p); ok {
			k := state(i, j, p.dir)
			dist[k] = 0
			h.push(k, 0)
		}
	}
	goal := map[int]bool{} // states that enter b through a port
	for _, p := range ports(b) {
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
