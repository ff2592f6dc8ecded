package raster

import (
	"math"

	"lanemap/draw"
)

// flatTol is the largest distance, in device pixels, between a curve and
// the polyline that replaces it when stroking.
const flatTol = 0.1

// maxDashes bounds the dashes cut from one path; a pattern too fine for
// its path (e.g. 0.001 units on a long edge) is drawn solid instead.
const maxDashes = 50000

type pt struct{ x, y float64 }

func (a pt) sub(b pt) pt               { return pt{a.x - b.x, a.y - b.y} }
func (a pt) add(b pt) pt               { return pt{a.x + b.x, a.y + b.y} }
func (a pt) mul(k float64) pt          { return pt{a.x * k, a.y * k} }
func (a pt) len() float64              { return math.Hypot(a.x, a.y) }
func lerp(a, b pt, t float64) pt       { return pt{a.x + (b.x-a.x)*t, a.y + (b.y-a.y)*t} }
func finite(v float64) bool            { return !math.IsNaN(v) && !math.IsInf(v, 0) }
func (a pt) finite() bool              { return finite(a.x) && finite(a.y) }
func samePt(a, b pt) bool              { return math.Abs(a.x-b.x) < 1e-9 && math.Abs(a.y-b.y) < 1e-9 }
func (t Transform) pt(x, y float64) pt { return pt{(x - t.OffX) * t.Scale, (y - t.OffY) * t.Scale} }

// polyline is one flattened subpath in device pixels.
type polyline struct {
	pts    []pt
	closed bool
}

// piece is one polygon of a stroke outline.
type piece struct{ pts []pt }

// stroker turns paths into stroke outlines. Its buffers are reused from
// path to path (it is pooled), since a scene has thousands of small paths.
type stroker struct {
	flat, dashed, out []pt // point storage for lines, dashes and pieces
	lines, dashes     []polyline
	pieces            []piece
	pattern           []float64
	dirs              []pt      // a polyline's unit segment directions
	lens, setback     []float64 // its segment lengths, and how far inside joins reach along them
}

// flatten turns p into device-space polylines, dropping repeated points and
// non-finite coordinates.
func (s *stroker) flatten(p *draw.Path, t Transform) []polyline {
	s.flat, s.lines = s.flat[:0], s.lines[:0]
	start := -1 // index in s.flat of the open polyline's first point
	var last pt
	end := func(closed bool) {
		if start >= 0 {
			pts := s.flat[start:len(s.flat):len(s.flat)]
			if closed && len(pts) > 1 && samePt(pts[0], pts[len(pts)-1]) {
				pts = pts[:len(pts)-1]
			}
			s.lines = append(s.lines, polyline{pts: pts, closed: closed})
		}
		start = -1
	}
	add := func(q pt) {
		if !q.finite() {
			return
		}
		if start < 0 {
			start = len(s.flat)
		} else if samePt(s.flat[len(s.flat)-1], q) {
			return
		}
		s.flat = append(s.flat, q)
	}
	for _, sg := range p.Segs {
		switch sg.Op {
		case draw.MoveTo:
			end(false)
			last = t.pt(sg.Pts[0].X, sg.Pts[0].Y)
			add(last)
		case draw.LineTo:
			last = t.pt(sg.Pts[0].X, sg.Pts[0].Y)
			add(last)
		case draw.CubicTo:
			p0 := last
			p1 := t.pt(sg.Pts[0].X, sg.Pts[0].Y)
			p2 := t.pt(sg.Pts[1].X, sg.Pts[1].Y)
			p3 := t.pt(sg.Pts[2].X, sg.Pts[2].Y)
			if start < 0 {
				add(p0)
			}
			n := cubicSteps(p0, p1, p2, p3)
			for i := 1; i <= n; i++ {
				add(cubicAt(p0, p1, p2, p3, float64(i)/float64(n)))
			}
			last = p3
		case draw.Close:
			if start >= 0 {
				last = s.flat[start]
				end(true)
			}
		}
	}
	end(false)
	return s.lines
}

// cubicSteps is how many chords keep a cubic within flatTol: the chord
// error of n uniform steps is at most max|B”|/(8n²), with
// max|B”| ≤ 6·max(|p0-2p1+p2|, |p1-2p2+p3|).
func cubicSteps(p0, p1, p2, p3 pt) int {
	dd := math.Max(p0.sub(p1.mul(2)).add(p2).len(), p1.sub(p2.mul(2)).add(p3).len())
	n := math.Ceil(math.Sqrt(0.75 * dd / flatTol))
	switch {
	case !finite(n) || n < 1:
		return 1
	case n > 200:
		return 200
	}
	return int(n)
}

func cubicAt(p0, p1, p2, p3 pt, t float64) pt {
	u := 1 - t
	a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return pt{a*p0.x + b*p1.x + c*p2.x + d*p3.x, a*p0.y + b*p1.y + c*p2.y + d*p3.y}
}

// dashPattern returns the on/off lengths in device pixels, or nil when the
// line is solid (no pattern, or one that is empty, negative or all zero).
// An odd-length list repeats, as in SVG and PDF.
func (s *stroker) dashPattern(d []float64, scale float64) []float64 {
	if len(d) == 0 {
		return nil
	}
	var sum float64
	out := s.pattern[:0]
	for _, v := range d {
		if v < 0 || !finite(v) {
			return nil
		}
		sum += v
		out = append(out, v*scale)
	}
	if !(sum*scale > 1e-6) || !finite(sum*scale) {
		return nil
	}
	if len(out)%2 == 1 {
		out = append(out, out...)
	}
	s.pattern = out
	return out
}

// dash cuts lines into the "on" stretches of pattern. The pattern restarts
// at each subpath, as SVG and PDF do.
func (s *stroker) dash(lines []polyline, pattern []float64) []polyline {
	var period, total float64
	for _, v := range pattern {
		period += v
	}
	for _, l := range lines {
		for i := 1; i < len(l.pts); i++ {
			total += l.pts[i].sub(l.pts[i-1]).len()
		}
		if l.closed && len(l.pts) > 1 {
			total += l.pts[0].sub(l.pts[len(l.pts)-1]).len()
		}
	}
	if !(total/period*float64(len(pattern)) <= maxDashes) {
		return lines
	}
	s.dashed, s.dashes = s.dashed[:0], s.dashes[:0]
	start := -1
	emit := func() {
		if start >= 0 && len(s.dashed)-start > 1 {
			s.dashes = append(s.dashes, polyline{pts: s.dashed[start:len(s.dashed):len(s.dashed)]})
		}
		start = -1
	}
	for _, l := range lines {
		pts := l.pts
		n := len(pts)
		if l.closed && n > 1 {
			n++ // walk back to the first point
		}
		idx, left := 0, pattern[0] // current pattern entry and what remains of it
		on := true
		if n > 0 {
			start = len(s.dashed)
			s.dashed = append(s.dashed, pts[0])
		}
		for i := 1; i < n; i++ {
			a, b := pts[i-1], pts[i%len(pts)]
			segLen := b.sub(a).len()
			pos := 0.0
			for segLen-pos > left {
				pos += left
				q := lerp(a, b, pos/segLen)
				if on {
					s.dashed = append(s.dashed, q)
					emit()
				} else {
					start = len(s.dashed)
					s.dashed = append(s.dashed, q)
				}
				on = !on
				idx = (idx + 1) % len(pattern)
				left = pattern[idx]
			}
			left -= segLen - pos
			if on {
				s.dashed = append(s.dashed, b)
			}
		}
		if on {
			emit()
		}
		start = -1
	}
	return s.dashes
}

// addPiece closes the piece whose points s.out holds from index start.
func (s *stroker) addPiece(start int) {
	pts := s.out[start:len(s.out):len(s.out)]
	var area float64
	for i, q := range pts {
		r := pts[(i+1)%len(pts)]
		area += q.x*r.y - r.x*q.y
	}
	// Every piece goes in with negative signed area, so overlapping pieces
	// add up under the nonzero rule instead of cancelling.
	if area > 0 {
		for i, j := 0, len(pts)-1; i < j; i, j = i+1, j-1 {
			pts[i], pts[j] = pts[j], pts[i]
		}
	}
	s.pieces = append(s.pieces, piece{pts})
}

// stroke outlines lines of width w (device pixels): a quad per segment and
// a round join wedge at each corner; caps are butt.
func (s *stroker) stroke(lines []polyline, w float64) []piece {
	hw := w / 2
	s.out, s.pieces = s.out[:0], s.pieces[:0]
	for _, l := range lines {
		n := len(l.pts)
		if n < 2 {
			continue
		}
		segs := n - 1
		if l.closed && n > 2 {
			segs = n
		}
		for i := 0; i < segs; i++ {
			a, b := l.pts[i], l.pts[(i+1)%n]
			d := b.sub(a)
			dl := d.len()
			if !(dl > 1e-9) {
				continue
			}
			nrm := pt{-d.y, d.x}.mul(hw / dl)
			start := len(s.out)
			s.out = append(s.out, a.add(nrm), b.add(nrm), b.sub(nrm), a.sub(nrm))
			s.addPiece(start)
		}
		first, last := 1, n-1
		if l.closed && n > 2 {
			first, last = 0, n
		}
		for i := first; i < last; i++ {
			start := len(s.out)
			if s.join(l.pts[(i-1+n)%n], l.pts[i], l.pts[(i+1)%n], hw) {
				s.addPiece(start)
			}
		}
	}
	return s.pieces
}

// join appends the round wedge filling the outer gap at p between segments
// prev→p and p→next; it reports false (appending nothing) when they run
// straight on.
func (s *stroker) join(prev, p, next pt, hw float64) bool {
	d1, d2 := p.sub(prev), next.sub(p)
	l1, l2 := d1.len(), d2.len()
	if !(l1 > 1e-9 && l2 > 1e-9) {
		return false
	}
	cross := (d1.x*d2.y - d1.y*d2.x) / (l1 * l2)
	dot := (d1.x*d2.x + d1.y*d2.y) / (l1 * l2)
	if math.Abs(cross) < 1e-6 && dot > 0 {
		return false
	}
	sgn := -1.0
	if cross < 0 {
		sgn = 1
	}
	n1 := pt{-d1.y / l1, d1.x / l1}.mul(sgn * hw)
	n2 := pt{-d2.y / l2, d2.x / l2}.mul(sgn * hw)
	// The turn between the offsets; for a 180° reversal pick a side.
	sweep := math.Atan2(n1.x*n2.y-n1.y*n2.x, n1.x*n2.x+n1.y*n2.y)
	steps := 1
	if hw > flatTol {
		steps = int(math.Ceil(math.Abs(sweep) / (2 * math.Acos(1-flatTol/hw))))
	}
	s.out = append(s.out, p, p.add(n1))
	if steps > 1 {
		sin, cos := math.Sincos(sweep / float64(steps))
		v := n1
		for k := 1; k < steps; k++ {
			v = pt{v.x*cos - v.y*sin, v.x*sin + v.y*cos}
			s.out = append(s.out, p.add(v))
		}
	}
	s.out = append(s.out, p.add(n2))
	return true
}

// contours outlines each polyline as polygons: the offset lines on either
// side, joined round on the outside of each turn and where they cross on
// the inside, with butt ends; one polygon for an open line, two (outside
// and inside, opposite ways round) for a closed one. The result is the
// region stroke's pieces cover, in a fraction of the edges. It reports
// false where an inside crossing would not fall within its segments (a
// sharp turn between short segments, a closed line thinner than the pen),
// and the caller uses stroke instead.
func (s *stroker) contours(lines []polyline, w float64) ([]piece, bool) {
	hw := w / 2
	s.out, s.pieces = s.out[:0], s.pieces[:0]
	for _, l := range lines {
		pts := l.pts
		n := len(pts)
		if n < 2 {
			continue
		}
		closed := l.closed && n > 2
		segs := n - 1
		if closed {
			segs = n
		}
		s.dirs, s.lens, s.setback = s.dirs[:0], s.lens[:0], s.setback[:0]
		for i := range segs {
			d := pts[(i+1)%n].sub(pts[i])
			dl := d.len()
			if !(dl > 1e-9) {
				return nil, false
			}
			s.dirs = append(s.dirs, d.mul(1/dl))
			s.lens = append(s.lens, dl)
		}
		// How far the inside crossing at each vertex reaches back along
		// the segments: hw·tan(turn/2).
		for i := range n {
			if !closed && (i == 0 || i == n-1) {
				s.setback = append(s.setback, 0)
				continue
			}
			d1, d2 := s.dirs[(i-1+segs)%segs], s.dirs[i%segs]
			cross, dot := d1.x*d2.y-d1.y*d2.x, d1.x*d2.x+d1.y*d2.y
			if dot < -0.999 {
				return nil, false // turning back on itself
			}
			s.setback = append(s.setback, hw*math.Abs(cross)/(1+dot))
		}
		for i := range segs {
			if s.setback[i]+s.setback[(i+1)%n] > s.lens[i] {
				return nil, false
			}
		}
		start := len(s.out)
		if closed {
			for i := range n {
				s.joint(pts, i, segs, hw)
			}
			s.addContour(start)
			start = len(s.out)
			for i := n - 1; i >= 0; i-- {
				s.joint(pts, i, segs, -hw)
			}
			s.addContour(start)
			continue
		}
		d0, dn := s.dirs[0], s.dirs[segs-1]
		s.out = append(s.out, pts[0].add(pt{-d0.y, d0.x}.mul(hw)))
		for i := 1; i < n-1; i++ {
			s.joint(pts, i, segs, hw)
		}
		s.out = append(s.out, pts[n-1].add(pt{-dn.y, dn.x}.mul(hw)), pts[n-1].sub(pt{-dn.y, dn.x}.mul(hw)))
		for i := n - 2; i >= 1; i-- {
			s.joint(pts, i, segs, -hw)
		}
		s.out = append(s.out, pts[0].sub(pt{-d0.y, d0.x}.mul(hw)))
		s.addContour(start)
	}
	return s.pieces, true
}

// joint appends the offset line's points at vertex i, on the side of off
// (hw to the left of the direction of travel, -hw to the right): the
// offsets' crossing on the inside of a turn, a round join on the outside.
// Points come in the order of travel on the left side and reversed on the
// right, as contours walks them.
func (s *stroker) joint(pts []pt, i, segs int, off float64) {
	p := pts[i]
	d1, d2 := s.dirs[(i-1+segs)%segs], s.dirs[i%segs]
	n1, n2 := pt{-d1.y, d1.x}.mul(off), pt{-d2.y, d2.x}.mul(off)
	cross, dot := d1.x*d2.y-d1.y*d2.x, d1.x*d2.x+d1.y*d2.y
	if off < 0 {
		n1, n2 = n2, n1 // walking backwards
	}
	if math.Abs(cross) < 1e-9 {
		s.out = append(s.out, p.add(n1))
		return
	}
	if cross*off > 0 {
		// Inside: where the two offset lines cross.
		s.out = append(s.out, p.add(n1.add(n2).mul(1/(1+dot))))
		return
	}
	hw := math.Abs(off)
	sweep := math.Atan2(n1.x*n2.y-n1.y*n2.x, n1.x*n2.x+n1.y*n2.y)
	steps := 1
	if hw > flatTol {
		steps = int(math.Ceil(math.Abs(sweep) / (2 * math.Acos(1-flatTol/hw))))
	}
	s.out = append(s.out, p.add(n1))
	if steps > 1 {
		sin, cos := math.Sincos(sweep / float64(steps))
		v := n1
		for range steps - 1 {
			v = pt{v.x*cos - v.y*sin, v.x*sin + v.y*cos}
			s.out = append(s.out, p.add(v))
		}
	}
	s.out = append(s.out, p.add(n2))
}

// addContour closes the polygon whose points s.out holds from start,
// keeping its direction (contours relies on it).
func (s *stroker) addContour(start int) {
	s.pieces = append(s.pieces, piece{s.out[start:len(s.out):len(s.out)]})
}
