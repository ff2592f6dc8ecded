package draw

import (
	"math"
	"strconv"
	"strings"

	"lanemap/model"
)

// kappa is the control-point distance of a cubic Bézier approximating a
// quarter circle of radius 1.
const kappa = 0.5522847498307936

// pb builds a Path. It is a thin helper so geometry code reads like the
// SVG path it describes.
type pb struct{ segs []Seg }

// arena hands out segment slices from large chunks: a scene has tens of
// thousands of small paths, and one allocation per chunk instead of
// several per path halves the time Build takes.
type arena struct{ buf []Seg }

// get returns an empty slice with room for n segments. Its capacity is
// capped, so a path that outgrows its hint reallocates instead of running
// into its neighbour.
func (a *arena) get(n int) []Seg {
	if n > 256 {
		return make([]Seg, 0, n)
	}
	if cap(a.buf)-len(a.buf) < n {
		a.buf = make([]Seg, 0, 4096)
	}
	l := len(a.buf)
	a.buf = a.buf[:l+n]
	return a.buf[l : l : l+n]
}

func (b *pb) move(x, y float64) *pb {
	b.segs = append(b.segs, Seg{Op: MoveTo, Pts: [3]model.Point{{X: x, Y: y}}})
	return b
}

func (b *pb) line(x, y float64) *pb {
	b.segs = append(b.segs, Seg{Op: LineTo, Pts: [3]model.Point{{X: x, Y: y}}})
	return b
}

func (b *pb) cubic(x1, y1, x2, y2, x, y float64) *pb {
	b.segs = append(b.segs, Seg{Op: CubicTo, Pts: [3]model.Point{{X: x1, Y: y1}, {X: x2, Y: y2}, {X: x, Y: y}}})
	return b
}

func (b *pb) close() *pb {
	b.segs = append(b.segs, Seg{Op: Close})
	return b
}

func (b *pb) path() *Path { return &Path{Segs: b.segs} }

// poly adds a polyline through pts, closed when closed is set.
func (b *pb) poly(closed bool, pts ...model.Point) *pb {
	for i, p := range pts {
		if i == 0 {
			b.move(p.X, p.Y)
		} else {
			b.line(p.X, p.Y)
		}
	}
	if closed && len(pts) > 0 {
		b.close()
	}
	return b
}

// arc adds an elliptical arc around (cx, cy) from angle a0 to a1 (radians,
// y down so positive angles turn clockwise on screen) as cubic Béziers of at
// most 90° each. The current point must already be at the arc's start.
func (b *pb) arc(cx, cy, rx, ry, a0, a1 float64) *pb {
	n := int(math.Ceil(math.Abs(a1-a0) / (math.Pi / 2)))
	if n < 1 {
		n = 1
	}
	if n > 8 {
		n = 8
	}
	step := (a1 - a0) / float64(n)
	k := 4.0 / 3 * math.Tan(step/4)
	for i := range n {
		t0 := a0 + float64(i)*step
		t1 := t0 + step
		c0, s0 := math.Cos(t0), math.Sin(t0)
		c1, s1 := math.Cos(t1), math.Sin(t1)
		b.cubic(cx+rx*(c0-k*s0), cy+ry*(s0+k*c0),
			cx+rx*(c1+k*s1), cy+ry*(s1-k*c1),
			cx+rx*c1, cy+ry*s1)
	}
	return b
}

// rect adds an axis-aligned rectangle.
func (b *pb) rect(r model.Rect) *pb {
	return b.move(r.X, r.Y).line(r.X+r.W, r.Y).line(r.X+r.W, r.Y+r.H).line(r.X, r.Y+r.H).close()
}

// roundRect adds a rectangle with corner radius rad (clamped to half the
// shorter side).
func (b *pb) roundRect(r model.Rect, rad float64) *pb {
	rad = math.Max(0, math.Min(rad, math.Min(r.W, r.H)/2))
	if rad == 0 {
		return b.rect(r)
	}
	x0, y0, x1, y1 := r.X, r.Y, r.X+r.W, r.Y+r.H
	k := rad * (1 - kappa)
	b.move(x0+rad, y0).line(x1-rad, y0)
	b.cubic(x1-k, y0, x1, y0+k, x1, y0+rad)
	b.line(x1, y1-rad)
	b.cubic(x1, y1-k, x1-k, y1, x1-rad, y1)
	b.line(x0+rad, y1)
	b.cubic(x0+k, y1, x0, y1-k, x0, y1-rad)
	b.line(x0, y0+rad)
	b.cubic(x0, y0+k, x0+k, y0, x0+rad, y0)
	return b.close()
}

// ellipse adds an ellipse centred at (cx, cy), clockwise from the top.
func (b *pb) ellipse(cx, cy, rx, ry float64) *pb {
	rx, ry = math.Abs(rx), math.Abs(ry)
	kx, ky := rx*kappa, ry*kappa
	b.move(cx, cy-ry)
	b.cubic(cx+kx, cy-ry, cx+rx, cy-ky, cx+rx, cy)
	b.cubic(cx+rx, cy+ky, cx+kx, cy+ry, cx, cy+ry)
	b.cubic(cx-kx, cy+ry, cx-rx, cy+ky, cx-rx, cy)
	b.cubic(cx-rx, cy-ky, cx-kx, cy-ry, cx, cy-ry)
	return b.close()
}

// circle adds a circle.
func (b *pb) circle(cx, cy, r float64) *pb { return b.ellipse(cx, cy, r, r) }

// diamond adds the rhombus inscribed in r.
func (b *pb) diamond(r model.Rect) *pb {
	c := r.Center()
	return b.move(c.X, r.Y).line(r.X+r.W, c.Y).line(c.X, r.Y+r.H).line(r.X, c.Y).close()
}

// star adds a polygon of n arms of half-thickness t reaching l from (cx,
// cy), the first arm at angle rot: n=4 is a plus, n=4 at 45° an X, n=8 an
// asterisk. One outline, so it fills correctly with any fill rule.
func (b *pb) star(cx, cy float64, n int, l, t, rot float64) *pb {
	half := math.Pi / float64(n)
	inner := t / math.Sin(half)
	for k := range n {
		a := rot + float64(k)*2*half
		ca, sa := math.Cos(a), math.Sin(a)
		// Tip corners: along the arm, offset sideways by ±t.
		p1 := model.Point{X: cx + l*ca + t*sa, Y: cy + l*sa - t*ca}
		p2 := model.Point{X: cx + l*ca - t*sa, Y: cy + l*sa + t*ca}
		// Inner corner between this arm and the next.
		ai := a + half
		p3 := model.Point{X: cx + inner*math.Cos(ai), Y: cy + inner*math.Sin(ai)}
		if k == 0 {
			b.move(p1.X, p1.Y)
		} else {
			b.line(p1.X, p1.Y)
		}
		b.line(p2.X, p2.Y).line(p3.X, p3.Y)
	}
	return b.close()
}

// regular adds a regular polygon of n corners on a circle of radius r,
// the first corner at angle rot.
func (b *pb) regular(cx, cy float64, n int, r, rot float64) *pb {
	for k := range n {
		a := rot + float64(k)*2*math.Pi/float64(n)
		x, y := cx+r*math.Cos(a), cy+r*math.Sin(a)
		if k == 0 {
			b.move(x, y)
		} else {
			b.line(x, y)
		}
	}
	return b.close()
}

// icon is path data in its own frame, parsed once from an SVG-like string.
type icon []Seg

// parseIcon reads a small subset of SVG path data: M L H V C Z in upper
// (absolute) and lower (relative) case, numbers separated by spaces or
// commas. The strings are ours, so a malformed one is a programming error
// and panics at start-up, not at draw time.
func parseIcon(d string) icon {
	toks := strings.FieldsFunc(d, func(r rune) bool { return r == ' ' || r == ',' || r == '\n' || r == '\t' })
	var out icon
	var cur, start model.Point
	var cmd byte
	num := func(i *int) float64 {
		v, err := strconv.ParseFloat(toks[*i], 64)
		if err != nil {
			panic("draw: bad icon number " + toks[*i])
		}
		*i++
		return v
	}
	for i := 0; i < len(toks); {
		t := toks[i]
		if c := t[0]; strings.IndexByte("MmLlHhVvCcZz", c) >= 0 {
			cmd = c
			i++
			if cmd == 'Z' || cmd == 'z' {
				out = append(out, Seg{Op: Close})
				cur = start
				continue
			}
		}
		rel := cmd >= 'a'
		base := model.Point{}
		if rel {
			base = cur
		}
		switch cmd | 0x20 {
		case 'm', 'l':
			p := model.Point{X: base.X + num(&i), Y: base.Y + num(&i)}
			op := LineTo
			if cmd|0x20 == 'm' {
				op = MoveTo
				start = p
				// Coordinates after a move continue as lines (SVG rule).
				if rel {
					cmd = 'l'
				} else {
					cmd = 'L'
				}
			}
			out = append(out, Seg{Op: op, Pts: [3]model.Point{p}})
			cur = p
		case 'h':
			v := num(&i)
			if rel {
				v += cur.X
			}
			cur = model.Point{X: v, Y: cur.Y}
			out = append(out, Seg{Op: LineTo, Pts: [3]model.Point{cur}})
		case 'v':
			v := num(&i)
			if rel {
				v += cur.Y
			}
			cur = model.Point{X: cur.X, Y: v}
			out = append(out, Seg{Op: LineTo, Pts: [3]model.Point{cur}})
		case 'c':
			var s Seg
			s.Op = CubicTo
			for k := range 3 {
				s.Pts[k] = model.Point{X: base.X + num(&i), Y: base.Y + num(&i)}
			}
			cur = s.Pts[2]
			out = append(out, s)
		default:
			panic("draw: bad icon command in " + d)
		}
	}
	return out
}

// place maps the icon into the scene: scaled by s about its origin, then
// moved to (x, y).
func (ic icon) place(x, y, s float64) *Path {
	segs := make([]Seg, len(ic))
	for i, sg := range ic {
		n := 1
		if sg.Op == CubicTo {
			n = 3
		} else if sg.Op == Close {
			n = 0
		}
		segs[i].Op = sg.Op
		for k := range n {
			segs[i].Pts[k] = model.Point{X: x + sg.Pts[k].X*s, Y: y + sg.Pts[k].Y*s}
		}
	}
	return &Path{Segs: segs}
}

// pathBox is the box of a path's points (control points included, so it
// may be a little larger than the ink).
func pathBox(p *Path) (r model.Rect, ok bool) {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, s := range p.Segs {
		n := 1
		switch s.Op {
		case CubicTo:
			n = 3
		case Close:
			n = 0
		}
		for k := range n {
			q := s.Pts[k]
			minX, maxX = math.Min(minX, q.X), math.Max(maxX, q.X)
			minY, maxY = math.Min(minY, q.Y), math.Max(maxY, q.Y)
		}
	}
	if minX > maxX {
		return model.Rect{}, false
	}
	return model.Rect{X: minX, Y: minY, W: maxX - minX, H: maxY - minY}, true
}
