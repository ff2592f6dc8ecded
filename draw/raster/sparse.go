package raster

import (
	"cmp"
	"encoding/binary"
	"image"
	"image/color"
	"math"
	"slices"
	"sync"
)

// coverage rasterises polygons with exact-area antialiasing, doing work
// only where edges pass.
//
// It is the signed-area accumulation of x/image/vector (and font-rs):
// each edge adds, in each pixel row it crosses, the change of coverage it
// causes at each pixel it touches, and a row's coverage is the running sum
// of those changes from the left, its absolute value clamped to 1 (the
// nonzero rule, overlaps counted once). x/image/vector keeps the changes
// in a dense buffer the size of the box and reads all of it back; here
// they are kept as a list of cells, sorted by row and column, and a row is
// painted as spans of constant coverage between cells: an outline's empty
// inside and a shape's full inside cost nothing but their fill. Rows are
// computed exactly in float64 for each edge (no drift), so a shape
// painted in pieces (bands, tiles, clips) comes out as when painted whole.
type coverage struct {
	box   image.Rectangle
	cells []cell
	byRow []cell  // cells sorted into rows
	start []int32 // row r's cells are byRow[start[r]:start[r+1]]
	next  []int32 // where the sort puts each row's next cell
}

// cell is a change of coverage d at pixel x of row y (box-relative).
type cell struct {
	x, y int32
	d    float32
}

var coverages = sync.Pool{New: func() any { return &coverage{} }}

func getCoverage(box image.Rectangle) *coverage {
	cv := coverages.Get().(*coverage)
	cv.box, cv.cells = box, cv.cells[:0]
	return cv
}

func putCoverage(cv *coverage) { coverages.Put(cv) }

// add adds the closed polygon pts (device pixels).
func (cv *coverage) add(pts []pt) {
	if len(pts) < 2 {
		return
	}
	a := pts[len(pts)-1]
	for _, b := range pts {
		cv.edge(a, b)
		a = b
	}
}

// edge adds the line from a to b, within the box's rows.
func (cv *coverage) edge(a, b pt) {
	if !(a.y != b.y) || !a.finite() || !b.finite() {
		return // horizontal edges change no coverage
	}
	dir := 1.0
	if a.y > b.y {
		a, b, dir = b, a, -1
	}
	top, bot := max(a.y, float64(cv.box.Min.Y)), min(b.y, float64(cv.box.Max.Y))
	if !(top < bot) {
		return
	}
	dxdy := (b.x - a.x) / (b.y - a.y)
	if !(math.Abs(dxdy) <= 1e15) {
		return // a hostile file's near-horizontal edge (or NaN): rows would overflow
	}
	ox := float64(cv.box.Min.X)
	w := float64(cv.box.Dx())
	for y := math.Floor(top); y < bot; y++ {
		y0, y1 := max(y, top), min(y+1, bot)
		xa, xb := a.x+(y0-a.y)*dxdy-ox, a.x+(y1-a.y)*dxdy-ox
		d := (y1 - y0) * dir
		r := int32(y) - int32(cv.box.Min.Y)
		xl, xr := min(xa, xb), max(xa, xb)
		if x0 := math.Floor(xl); xr <= x0+1 && x0 >= 0 && x0+1 < w {
			// Within one pixel (vertical and steep edges): that pixel
			// and the next share d.
			right := (xl+xr)/2 - x0 // how far in the edge's middle lies
			cv.cells = append(cv.cells, cell{int32(x0), r, float32(d * (1 - right))})
			if right > 0 { // not on a pixel boundary
				cv.cells = append(cv.cells, cell{int32(x0) + 1, r, float32(d * right)})
			}
			continue
		}
		cv.row(r, xl, xr, d, int(w))
	}
}

// row adds, in row y, an edge running between xl and xr (box-relative)
// over a height whose signed value is d: pixel i gains d·A(i), A(i) being
// the share of pixel i right of the edge (averaged over the edge's height
// in the row), so the changes from pixel to pixel are d·(A(i) − A(i−1)),
// nonzero only where the edge passes. Changes left of the box go to its
// first pixel; those right of it change nothing inside.
func (cv *coverage) row(y int32, xl, xr, d float64, w int) {
	x0 := math.Floor(xl)     // the first pixel the edge touches
	x1 := math.Floor(xr) + 1 // from here on pixels lie wholly right of it
	switch {
	case x1 <= 0:
		cv.cells = append(cv.cells, cell{0, y, float32(d)})
		return
	case x0 >= float64(w):
		return
	}
	prev := 0.0 // A(first−1) counts as 0: what lies left adds up in the first pixel
	for i := int(max(x0, 0)); i <= int(min(x1, float64(w-1))); i++ {
		a := 1.0
		switch fi := float64(i); {
		case fi >= x1:
		case xr-xl < 1e-9:
			a = max(0, min(1, fi+1-xl))
		default:
			a = (ramp(fi+1-xl) - ramp(fi+1-xr)) / (xr - xl)
		}
		if a != prev {
			cv.cells = append(cv.cells, cell{int32(i), y, float32(d * (a - prev))})
			prev = a
		}
	}
}

// ramp is ∫₀ᵗ clamp(s, 0, 1) ds.
func ramp(t float64) float64 {
	switch {
	case t <= 0:
		return 0
	case t < 1:
		return t * t / 2
	}
	return t - 0.5
}

// paint composites c (premultiplied) onto dst with the coverage gathered.
func (cv *coverage) paint(dst *image.RGBA, c color.RGBA) {
	h := cv.box.Dy()
	if len(cv.cells) == 0 || h <= 0 {
		return
	}
	// Counting sort into rows, then each row by column.
	cv.start = slices.Grow(cv.start[:0], h+1)[:h+1]
	clear(cv.start)
	for _, e := range cv.cells {
		cv.start[e.y+1]++
	}
	for r := range h {
		cv.start[r+1] += cv.start[r]
	}
	cv.byRow = slices.Grow(cv.byRow[:0], len(cv.cells))[:len(cv.cells)]
	cv.next = append(cv.next[:0], cv.start[:h]...)
	for _, e := range cv.cells {
		cv.byRow[cv.next[e.y]] = e
		cv.next[e.y]++
	}
	sp := newSpanPainter(c)
	w := cv.box.Dx()
	for r := range h {
		cells := cv.byRow[cv.start[r]:cv.start[r+1]]
		if len(cells) == 0 {
			continue
		}
		sortCells(cells)
		pix := dst.Pix[dst.PixOffset(cv.box.Min.X, cv.box.Min.Y+r):][:4*w]
		s := 0.0
		for i := 0; i < len(cells); {
			x := cells[i].x
			for i < len(cells) && cells[i].x == x {
				s += float64(cells[i].d)
				i++
			}
			end := int32(w)
			if i < len(cells) {
				end = cells[i].x
			}
			m := uint32(min(math.Abs(s), 1)*255 + 0.5)
			if m > 0 {
				sp.span(pix[4*x:4*end], m)
			}
		}
	}
}

func sortCells(cells []cell) {
	if len(cells) <= 12 {
		for i := 1; i < len(cells); i++ {
			for j := i; j > 0 && cells[j].x < cells[j-1].x; j-- {
				cells[j], cells[j-1] = cells[j-1], cells[j]
			}
		}
		return
	}
	slices.SortFunc(cells, func(a, b cell) int { return cmp.Compare(a.x, b.x) })
}

// spanPainter paints runs of pixels at one coverage (m = 0 is never
// painted, so the zero memo never matches a real blend).
type spanPainter struct {
	c                       color.RGBA
	solid                   uint32
	src                     uint64
	lastDst, lastM, lastOut uint32
}

func newSpanPainter(c color.RGBA) *spanPainter {
	sp := &spanPainter{c: c, solid: uint32(c.R) | uint32(c.G)<<8 | uint32(c.B)<<16 | uint32(c.A)<<24}
	sp.src = spread(sp.solid)
	return sp
}

// span paints c at coverage m (1–255) over the pixels of p: a fill where
// c is opaque and m full, else dst·(1 − α·m) + c·m, the last blend reused
// while the pixel under it and m stay the same (a band over a flat lane).
func (sp *spanPainter) span(p []byte, m uint32) {
	if m == 255 && sp.c.A == 255 {
		if len(p) <= 64 {
			// Short runs (a stroke's width) are cheaper stored than copied.
			for x := 0; x+4 <= len(p); x += 4 {
				binary.LittleEndian.PutUint32(p[x:], sp.solid)
			}
			return
		}
		binary.LittleEndian.PutUint32(p, sp.solid)
		for k := 4; k < len(p); k *= 2 {
			copy(p[k:], p[:k])
		}
		return
	}
	sa := uint32(sp.c.A)
	for x := 0; x+4 <= len(p); x += 4 {
		d := binary.LittleEndian.Uint32(p[x:])
		if d != sp.lastDst || m != sp.lastM {
			// dst·(1 − α·m) + c·m in 16-bit lanes (see div255).
			ma := (sa*m + 127) / 255
			sp.lastDst, sp.lastM = d, m
			sp.lastOut = pack(div255(sp.src*uint64(m) + spread(d)*uint64(255-ma)))
		}
		binary.LittleEndian.PutUint32(p[x:], sp.lastOut)
	}
}

// lineRect reports whether lines are one closed axis-aligned rectangle.
func lineRect(lines []polyline) (fRect, bool) {
	if len(lines) != 1 {
		return fRect{}, false
	}
	return polyRect(lines[0].pts)
}

// polyRect reports whether pts (a closed polygon) is an axis-aligned
// rectangle of some area.
func polyRect(pts []pt) (fRect, bool) {
	if len(pts) == 5 && samePt(pts[0], pts[4]) {
		pts = pts[:4]
	}
	if len(pts) != 4 {
		return fRect{}, false
	}
	for i := range pts {
		a, b := pts[i], pts[(i+1)%4]
		if (a.x == b.x) == (a.y == b.y) || !a.finite() {
			return fRect{}, false // each side exactly one of vertical, horizontal
		}
	}
	r := fRect{min(pts[0].x, pts[2].x), min(pts[0].y, pts[2].y), max(pts[0].x, pts[2].x), max(pts[0].y, pts[2].y)}
	return r, r.x1 > r.x0 && r.y1 > r.y0
}

// fillRectAA paints c over the axis-aligned rectangle r (device pixels)
// within clip. A rectangle's coverage of a pixel is the product of its
// coverage of the pixel's row and of its column, so each row is three
// spans at most (the partial first and last columns, the inside) and no
// edge need be followed: the same coverage coverage.paint computes, for
// a fraction of the work.
func fillRectAA(dst *image.RGBA, r fRect, c color.RGBA, clip image.Rectangle) {
	box := devRect(r.x0, r.y0, r.x1, r.y1).Intersect(clip).Intersect(dst.Rect)
	if box.Empty() {
		return
	}
	// over is how much of the pixel [p, p+1) lies within [a, b).
	over := func(a, b, p float64) float64 { return max(0, min(b, p+1)-max(a, p)) }
	x0, x1 := box.Min.X, box.Max.X
	left, right := over(r.x0, r.x1, float64(x0)), over(r.x0, r.x1, float64(x1-1))
	level := func(cov float64) uint32 { return uint32(min(cov, 1)*255 + 0.5) }
	sp := newSpanPainter(c)
	for y := box.Min.Y; y < box.Max.Y; y++ {
		cy := over(r.y0, r.y1, float64(y))
		row := dst.Pix[dst.PixOffset(x0, y):][:4*(x1-x0)]
		if x1-x0 == 1 {
			if m := level(cy * left); m > 0 {
				sp.span(row, m)
			}
			continue
		}
		if m := level(cy * left); m > 0 {
			sp.span(row[:4], m)
		}
		if m := level(cy); m > 0 && x1-x0 > 2 {
			sp.span(row[4:len(row)-4], m)
		}
		if m := level(cy * right); m > 0 {
			sp.span(row[len(row)-4:], m)
		}
	}
}
