package raster

import (
	"image"
	"image/color"
	"math"
	"sync"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/vector"

	"lanemap/draw"
	"lanemap/model"
)

// Transform maps scene coordinates (BPMN-DI units) to device pixels:
//
//	device = (p - Off) * Scale
//
// so (OffX, OffY) is the scene point drawn at pixel (0, 0) and Scale is
// pixels per DI unit.
type Transform struct {
	Scale      float64
	OffX, OffY float64
}

// Apply maps a scene point to device pixels.
func (t Transform) Apply(p model.Point) (x, y float64) {
	return (p.X - t.OffX) * t.Scale, (p.Y - t.OffY) * t.Scale
}

// Fit returns the transform and image size that show bounds grown by margin
// (DI units) on every side at scale.
func Fit(bounds model.Rect, margin, scale float64) (Transform, image.Rectangle) {
	t := Transform{Scale: scale, OffX: bounds.X - margin, OffY: bounds.Y - margin}
	w := int(math.Ceil((bounds.W + 2*margin) * scale))
	h := int(math.Ceil((bounds.H + 2*margin) * scale))
	return t, image.Rect(0, 0, max(w, 1), max(h, 1))
}

// scratch is a rasteriser with a coverage mask, for text turned on its
// side (glyph outlines); pooled so painting many items allocates nothing.
type scratch struct {
	z    vector.Rasterizer
	mask image.Alpha
}

var strokers = sync.Pool{New: func() any { return &stroker{} }}

var scratches = sync.Pool{New: func() any { return &scratch{} }}

func getRasterizer(w, h int) *scratch {
	s := scratches.Get().(*scratch)
	s.z.Reset(w, h)
	return s
}

func putRasterizer(s *scratch) { scratches.Put(s) }

// draw composites the rasterised coverage onto dst at box with colour c.
// Coverage goes to an alpha mask first (the rasteriser's SIMD path) and
// compositing skips empty pixels, which most of an outline's box is.
func (s *scratch) draw(dst *image.RGBA, box image.Rectangle, c color.RGBA) {
	w, h := box.Dx(), box.Dy()
	if cap(s.mask.Pix) < w*h {
		s.mask.Pix = make([]uint8, w*h)
	}
	s.mask.Pix, s.mask.Stride, s.mask.Rect = s.mask.Pix[:w*h], w, image.Rect(0, 0, w, h)
	s.z.DrawOp = xdraw.Src
	s.z.Draw(&s.mask, s.mask.Rect, image.Opaque, image.Point{})
	composite(dst, box, s.mask.Pix, w, c)
}

// composite paints c (premultiplied) through an 8-bit coverage mask of
// row length stride onto dst at box, run by run of equal coverage (the
// mask of a glyph turned on its side: mostly empty, some full insides).
func composite(dst *image.RGBA, box image.Rectangle, mask []uint8, stride int, c color.RGBA) {
	sp := newSpanPainter(c)
	w := box.Dx()
	for y := 0; y < box.Dy(); y++ {
		row := mask[y*stride : y*stride+w]
		pix := dst.Pix[dst.PixOffset(box.Min.X, box.Min.Y+y):][:4*w]
		for x := 0; x < w; {
			m, end := row[x], x+1
			for end < w && row[end] == m {
				end++
			}
			if m > 0 {
				sp.span(pix[4*x:4*end], uint32(m))
			}
			x = end
		}
	}
}

// fillBox paints c (premultiplied) over every pixel of r.
func fillBox(dst *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(dst.Rect)
	sp := newSpanPainter(c)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		sp.span(dst.Pix[dst.PixOffset(r.Min.X, y):][:4*r.Dx()], 255)
	}
}

// spread puts the four bytes of a pixel into 16-bit lanes (R, B, G, A
// from the lowest) so one multiplication scales all of them.
func spread(v uint32) uint64 {
	x := uint64(v)
	return x&0x00ff00ff | (x&0xff00ff00)<<24
}

// pack is spread undone, for lanes already back within 0–255.
func pack(x uint64) uint32 {
	return uint32(x&0x00ff00ff) | uint32(x>>24)&0xff00ff00
}

// div255 divides each 16-bit lane by 255, rounded to nearest (exact for
// lanes up to 255·255 + 127; each lane of composite's sum stays there,
// since c's channels are at most its alpha and α·m − 255·⌊(α·m+127)/255⌋
// is at most 127).
func div255(t uint64) uint64 {
	const lanes = 0x00ff00ff00ff00ff
	t += 0x0080008000800080
	return (t + t>>8&lanes) >> 8 & lanes
}

// Paint draws every item of s onto dst, back to front, over what dst
// already holds (clear it first for a fresh picture).
func Paint(dst *image.RGBA, s *draw.Scene, t Transform) {
	PaintClip(dst, s, t, dst.Bounds())
}

// PaintClip is Paint limited to the pixels in clip: items whose box misses
// clip are skipped and nothing outside clip changes, so an editor can
// repaint just the part that changed or is visible.
func PaintClip(dst *image.RGBA, s *draw.Scene, t Transform, clip image.Rectangle) {
	clip = clip.Intersect(dst.Bounds())
	if s == nil || clip.Empty() || !(t.Scale > 0) || !finite(t.Scale) || !finite(t.OffX) || !finite(t.OffY) {
		return
	}
	for i := range s.Items {
		paintItem(dst, &s.Items[i], t, clip)
	}
}

// paintItem draws one item within clip.
func paintItem(dst *image.RGBA, it *draw.Item, t Transform, clip image.Rectangle) {
	switch {
	case it.Path != nil:
		paintPath(dst, it.Path, &it.Style, t, clip)
	case it.Text != nil:
		if roughTextBox(it.Text, t).Overlaps(clip) && textBox(it.Text, t).Overlaps(clip) {
			paintText(dst, it.Text, t, clip)
		}
	}
}

// roughTextBox is a cheap, generous device box of t's ink (no glyph
// lookups: no Noto Sans glyph advances more than 3 em, the widest being
// the three-em dash at 2.84), so off-screen labels are skipped without
// measuring them.
func roughTextBox(t *draw.Text, tr Transform) image.Rectangle {
	n := 0
	for _, l := range t.Lines {
		n = max(n, len(l)) // bytes ≥ runes
	}
	b := t.Box
	grow := float64(n)*t.Size*3 + t.Size*2
	lh := max(t.LineHeight, t.Size*2)
	x0, y0 := b.X-grow, b.Y-t.Size*2
	x1, y1 := b.X+b.W+grow, b.Y+b.H+float64(len(t.Lines)+1)*lh
	if t.Vertical {
		// Turned about the centre: take the square around it.
		c := b.Center()
		r := math.Max(math.Max(c.X-x0, x1-c.X), math.Max(c.Y-y0, y1-c.Y))
		x0, y0, x1, y1 = c.X-r, c.Y-r, c.X+r, c.Y+r
	}
	a, z := tr.pt(x0, y0), tr.pt(x1, y1)
	if !a.finite() || !z.finite() {
		return image.Rectangle{}
	}
	return devRect(a.x, a.y, z.x, z.y)
}

// textBox is a conservative device box of t's ink.
func textBox(t *draw.Text, tr Transform) image.Rectangle {
	fc := faceFor(t.Bold)
	if fc == nil {
		return image.Rectangle{}
	}
	x0, y0, x1, y1 := textExtent(fc, t)
	a, b := tr.pt(x0, y0), tr.pt(x1, y1)
	if t.Vertical {
		c := tr.pt(t.Box.X+t.Box.W/2, t.Box.Y+t.Box.H/2)
		a, b = pt{c.x + a.y - c.y, c.y - a.x + c.x}, pt{c.x + b.y - c.y, c.y - b.x + c.x}
	}
	return devRect(math.Min(a.x, b.x), math.Min(a.y, b.y), math.Max(a.x, b.x), math.Max(a.y, b.y))
}

// devRect rounds a float box outwards to pixels, safely for huge values.
func devRect(x0, y0, x1, y1 float64) image.Rectangle {
	const lim = 1 << 24
	c := func(v float64) int { return int(math.Max(-lim, math.Min(lim, v))) }
	if !(x0 <= x1 && y0 <= y1) {
		return image.Rectangle{}
	}
	return image.Rect(c(math.Floor(x0)), c(math.Floor(y0)), c(math.Ceil(x1)), c(math.Ceil(y1)))
}

func paintPath(dst *image.RGBA, p *draw.Path, st *draw.Style, t Transform, clip image.Rectangle) {
	box := pathBox(p, st, t).Intersect(clip)
	if box.Empty() {
		return
	}
	sk := strokers.Get().(*stroker)
	defer strokers.Put(sk)
	lines := sk.flatten(p, t)
	if st.Fill.A > 0 {
		// Every subpath of a fill is closed.
		if r, ok := lineRect(lines); ok {
			fillRectAA(dst, r, premul(st.Fill), box)
		} else {
			cv := getCoverage(box)
			for _, l := range lines {
				cv.add(l.pts)
			}
			cv.paint(dst, premul(st.Fill))
			putCoverage(cv)
		}
	}
	if hasStroke(st) {
		if pat := sk.dashPattern(st.Dash, t.Scale); pat != nil {
			lines = sk.dash(lines, pat)
		}
		ps, ok := sk.contours(lines, st.Width*t.Scale)
		if !ok {
			ps = sk.stroke(lines, st.Width*t.Scale)
		}
		// A straight line is a rectangle (butt caps): half of a map's
		// flows and their handover bands.
		if len(ps) == 1 {
			if r, ok := polyRect(ps[0].pts); ok {
				fillRectAA(dst, r, premul(st.Stroke), box)
				return
			}
		}
		// All pieces in one pass, so where they overlap (joins) a
		// translucent stroke is painted once.
		cv := getCoverage(box)
		for i := range ps {
			cv.add(ps[i].pts)
		}
		cv.paint(dst, premul(st.Stroke))
		putCoverage(cv)
	}
}

func hasStroke(st *draw.Style) bool { return st.Stroke.A > 0 && st.Width > 0 && finite(st.Width) }

// pathBox is a cheap device box of what p paints (control points bound a
// cubic), empty if it paints nothing, so off-clip items cost nothing more.
func pathBox(p *draw.Path, st *draw.Style, t Transform) image.Rectangle {
	if st.Fill.A == 0 && !hasStroke(st) || len(p.Segs) == 0 {
		return image.Rectangle{}
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range p.Segs {
		n := 1
		switch s.Op {
		case draw.Close:
			n = 0
		case draw.CubicTo:
			n = 3
		}
		for _, q := range s.Pts[:n] {
			d := t.pt(q.X, q.Y)
			if d.finite() {
				x0, y0, x1, y1 = math.Min(x0, d.x), math.Min(y0, d.y), math.Max(x1, d.x), math.Max(y1, d.y)
			}
		}
	}
	grow := 0.0
	if hasStroke(st) {
		grow = st.Width * t.Scale / 2
	}
	return devRect(x0-grow-1, y0-grow-1, x1+grow+1, y1+grow+1)
}

// fRect is a device rectangle in floating point.
type fRect struct{ x0, y0, x1, y1 float64 }

// inner is the whole pixels inside r (none if it has none).
func (r fRect) inner() image.Rectangle {
	// Not image.Rect, which would swap the corners of a sub-pixel rect.
	in := image.Rectangle{image.Pt(int(math.Ceil(r.x0)), int(math.Ceil(r.y0))), image.Pt(int(math.Floor(r.x1)), int(math.Floor(r.y1)))}
	if in.Empty() {
		return image.Rectangle{}
	}
	return in
}

// axisRect reports whether p is a single axis-aligned rectangle (pools,
// lanes), which fillRect paints without a rasteriser.
func axisRect(p *draw.Path, t Transform) (fRect, bool) {
	var buf [5]pt
	pts := buf[:0]
	for i, s := range p.Segs {
		switch {
		case len(pts) == len(buf):
			return fRect{}, false
		case i == 0 && s.Op == draw.MoveTo, i > 0 && s.Op == draw.LineTo:
			pts = append(pts, t.pt(s.Pts[0].X, s.Pts[0].Y))
		case s.Op == draw.Close && i == len(p.Segs)-1:
		default:
			return fRect{}, false
		}
	}
	return polyRect(pts)
}
