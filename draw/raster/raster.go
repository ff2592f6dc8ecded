package raster

import (
	"cmp"
	"encoding/binary"
	"image"
	"image/color"
	"math"
	"slices"
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

// Large items are rasterised in parts so the work follows the pixels they
// cover, not their box: fills in bands of at most tileArea pixels; strokes,
// once their box passes tileArea, in rows of strokeTile pixels, each row
// only where pieces cross it (a lane's outline then costs its four edges,
// not its whole area).
const (
	tileArea   = 256 * 256
	strokeTile = 48
)

// scratch is a rasteriser with a coverage mask, pooled so painting many
// small items allocates nothing.
type scratch struct {
	z    vector.Rasterizer
	mask image.Alpha
	clip []pt // a polygon cut to the box
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
// row length stride onto dst at box. The mask is read eight pixels at a
// time: outline boxes are mostly empty, and insides are runs of full
// coverage, which an opaque colour fills without blending.
func composite(dst *image.RGBA, box image.Rectangle, mask []uint8, stride int, c color.RGBA) {
	solid := uint32(c.R) | uint32(c.G)<<8 | uint32(c.B)<<16 | uint32(c.A)<<24
	solid2 := uint64(solid) | uint64(solid)<<32
	src, sa := spread(solid), uint32(c.A)
	// Neighbours often blend alike (a translucent band over a flat lane),
	// so the last blend is kept (m = 0 is never blended).
	var lastDst, lastM, lastOut uint32
	blend := func(p []byte, m uint32) {
		d := binary.LittleEndian.Uint32(p)
		if d != lastDst || m != lastM {
			// dst·(1 − α·m) + c·m in 16-bit lanes (see div255).
			ma := (sa*m + 127) / 255
			lastDst, lastM = d, m
			lastOut = pack(div255(src*uint64(m) + spread(d)*uint64(255-ma)))
		}
		binary.LittleEndian.PutUint32(p, lastOut)
	}
	w := box.Dx()
	for y := 0; y < box.Dy(); y++ {
		row := mask[y*stride : y*stride+w]
		pix := dst.Pix[dst.PixOffset(box.Min.X, box.Min.Y+y):]
		pix = pix[:4*w]
		x := 0
		for ; x+8 <= w; x += 8 {
			switch m8 := binary.LittleEndian.Uint64(row[x:]); {
			case m8 == 0:
			case m8 == ^uint64(0) && sa == 255:
				p := pix[4*x : 4*x+32]
				binary.LittleEndian.PutUint64(p[0:], solid2)
				binary.LittleEndian.PutUint64(p[8:], solid2)
				binary.LittleEndian.PutUint64(p[16:], solid2)
				binary.LittleEndian.PutUint64(p[24:], solid2)
			default:
				for k := range 8 {
					m := uint32(m8 >> (8 * k) & 0xff)
					switch {
					case m == 0:
					case m == 255 && sa == 255:
						binary.LittleEndian.PutUint32(pix[4*(x+k):], solid)
					default:
						blend(pix[4*(x+k):4*(x+k)+4], m)
					}
				}
			}
		}
		for ; x < w; x++ {
			switch m := uint32(row[x]); {
			case m == 0:
			case m == 255 && sa == 255:
				binary.LittleEndian.PutUint32(pix[4*x:], solid)
			default:
				blend(pix[4*x:4*x+4], m)
			}
		}
	}
}

// fillBox paints c (premultiplied) over every pixel of r.
func fillBox(dst *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(dst.Rect)
	if r.Empty() {
		return
	}
	solid := uint32(c.R) | uint32(c.G)<<8 | uint32(c.B)<<16 | uint32(c.A)<<24
	w := 4 * r.Dx()
	first := dst.Pix[dst.PixOffset(r.Min.X, r.Min.Y):][:w]
	if c.A == 255 {
		binary.LittleEndian.PutUint32(first, solid)
		for k := 4; k < w; k *= 2 {
			copy(first[k:], first[:k])
		}
		for y := r.Min.Y + 1; y < r.Max.Y; y++ {
			copy(dst.Pix[dst.PixOffset(r.Min.X, y):][:w], first)
		}
		return
	}
	src, ia := spread(solid), uint64(255-c.A)
	var lastDst, lastOut uint32
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := dst.Pix[dst.PixOffset(r.Min.X, y):][:w]
		for x := 0; x < w; x += 4 {
			d := binary.LittleEndian.Uint32(row[x:])
			if d != lastDst || x == 0 && y == r.Min.Y {
				lastDst, lastOut = d, pack(div255(src*255+spread(d)*ia))
			}
			binary.LittleEndian.PutUint32(row[x:], lastOut)
		}
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
	box := pathBox(p, st, t)
	if !box.Overlaps(clip) {
		return
	}
	if st.Fill.A > 0 {
		fillPath(dst, p, premul(st.Fill), t, box.Intersect(clip))
	}
	if hasStroke(st) {
		sk := strokers.Get().(*stroker)
		lines := sk.flatten(p, t)
		if pat := sk.dashPattern(st.Dash, t.Scale); pat != nil {
			lines = sk.dash(lines, pat)
		}
		ps, ok := sk.contours(lines, st.Width*t.Scale)
		if !ok {
			ps = sk.stroke(lines, st.Width*t.Scale)
		}
		strokePieces(dst, ps, premul(st.Stroke), clip, st.Width*t.Scale)
		strokers.Put(sk)
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

// fillPath fills p (nonzero) within box, which is already clipped.
func fillPath(dst *image.RGBA, p *draw.Path, c color.RGBA, t Transform, box image.Rectangle) {
	if r, ok := axisRect(p, t); ok && box.Dx()*box.Dy() > 64*64 {
		fillRect(dst, r, c, box)
		return
	}
	// Bands keep the rasteriser's buffer small; each gets the whole
	// outline cut to its rows (an interior needs no edge in the band to be
	// covered). Every subpath of a fill is closed.
	sk := strokers.Get().(*stroker)
	defer strokers.Put(sk)
	lines := sk.flatten(p, t)
	bandW := min(box.Dx(), fixedSide)
	bandH := max(1, min(fixedSide, tileArea/max(bandW, 1)))
	for y := box.Min.Y; y < box.Max.Y; y += bandH {
		for x := box.Min.X; x < box.Max.X; x += bandW {
			band := image.Rect(x, y, min(x+bandW, box.Max.X), min(y+bandH, box.Max.Y))
			z := getRasterizer(band.Dx(), band.Dy())
			for _, l := range lines {
				z.clip = feedPolygon(&z.z, l.pts, band, z.clip)
			}
			z.draw(dst, band, c)
			putRasterizer(z)
		}
	}
}

// feedPolygon adds the closed polygon pts, cut to box, to z (whose origin
// is box.Min); scratch is reused storage, returned for the next call.
//
// x/image/vector walks an edge row by row from where it starts, above the
// box too, and its fixed-point steps truncate, drifting by up to 1/512
// pixel a row. So edges are cut to the box (which also keeps coordinates
// far off the picture from overflowing its fixed point) and sloping edges
// are fed in stretches of at most edgeRows rows, each starting exact.
func feedPolygon(z *vector.Rasterizer, pts []pt, box image.Rectangle, scratch []pt) []pt {
	if len(pts) < 3 {
		return scratch
	}
	// One pixel of slack left and right: what lies left of the box still
	// counts (as coverage to its right), and clamping is exact there.
	x0, x1 := float64(box.Min.X)-1, float64(box.Max.X)+1
	y0, y1 := float64(box.Min.Y), float64(box.Max.Y)
	for _, q := range pts {
		if q.y < y0 || q.y > y1 || q.x < x0 || q.x > x1 {
			scratch = clipPolygon(scratch[:0], pts, x0, y0, x1, y1)
			pts = scratch
			break
		}
	}
	if len(pts) < 3 {
		return scratch
	}
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	a := pts[len(pts)-1]
	z.MoveTo(float32(a.x-ox), float32(a.y-oy))
	for _, b := range pts {
		if dy := math.Abs(b.y - a.y); dy > edgeRows && b.x != a.x {
			n := math.Ceil(dy / edgeRows)
			for k := 1.0; k < n; k++ {
				q := lerp(a, b, k/n)
				z.LineTo(float32(q.x-ox), float32(q.y-oy))
			}
		}
		z.LineTo(float32(b.x-ox), float32(b.y-oy))
		a = b
	}
	z.ClosePath()
	return scratch
}

// edgeRows is the most rows a sloping edge is fed to x/image/vector in
// one piece (its drift stays under 1/30 pixel).
const edgeRows = 1

// clipPolygon appends to dst the polygon pts cut to the rectangle
// (Sutherland–Hodgman). Inside the rectangle the result has the same
// winding numbers as pts, so nonzero filling is unchanged there.
func clipPolygon(dst, pts []pt, x0, y0, x1, y1 float64) []pt {
	n := len(dst)
	in := pts
	for side := range 4 {
		keep := func(q pt) bool {
			switch side {
			case 0:
				return q.y >= y0
			case 1:
				return q.y <= y1
			case 2:
				return q.x >= x0
			}
			return q.x <= x1
		}
		cut := func(a, b pt) pt {
			switch side {
			case 0, 1:
				y := y0
				if side == 1 {
					y = y1
				}
				return pt{a.x + (b.x-a.x)*(y-a.y)/(b.y-a.y), y}
			}
			x := x0
			if side == 3 {
				x = x1
			}
			return pt{x, a.y + (b.y-a.y)*(x-a.x)/(b.x-a.x)}
		}
		m := len(dst)
		for i, b := range in {
			a := in[(i+len(in)-1)%len(in)]
			ka, kb := keep(a), keep(b)
			if ka != kb {
				dst = append(dst, cut(a, b))
			}
			if kb {
				dst = append(dst, b)
			}
		}
		// The pass's output is the next pass's input; move it to the front.
		dst = append(dst[:n], dst[m:]...)
		in = dst[n:]
		if len(in) == 0 {
			break
		}
	}
	return dst
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
	if len(pts) == 5 && samePt(pts[0], pts[4]) {
		pts = pts[:4]
	}
	if len(pts) != 4 {
		return fRect{}, false
	}
	for i := range pts {
		a, b := pts[i], pts[(i+1)%4]
		if (a.x == b.x) == (a.y == b.y) { // each side exactly one of vertical, horizontal
			return fRect{}, false
		}
		if !a.finite() {
			return fRect{}, false
		}
	}
	r := fRect{math.Min(pts[0].x, pts[2].x), math.Min(pts[0].y, pts[2].y), math.Max(pts[0].x, pts[2].x), math.Max(pts[0].y, pts[2].y)}
	return r, r.x1 > r.x0 && r.y1 > r.y0
}

// fillRect paints the whole pixels inside r with one draw call and
// rasterises only its four fractional edge strips.
func fillRect(dst *image.RGBA, r fRect, c color.RGBA, box image.Rectangle) {
	// Cut r to the box first: it may reach far off-picture.
	r.x0, r.y0 = math.Max(r.x0, float64(box.Min.X-1)), math.Max(r.y0, float64(box.Min.Y-1))
	r.x1, r.y1 = math.Min(r.x1, float64(box.Max.X+1)), math.Min(r.y1, float64(box.Max.Y+1))
	if !(r.x1 > r.x0 && r.y1 > r.y0) {
		return
	}
	in := r.inner()
	fillBox(dst, in.Intersect(box), c)
	outer := devRect(r.x0, r.y0, r.x1, r.y1)
	strips := []image.Rectangle{
		image.Rect(outer.Min.X, outer.Min.Y, outer.Max.X, in.Min.Y),
		image.Rect(outer.Min.X, in.Max.Y, outer.Max.X, outer.Max.Y),
		image.Rect(outer.Min.X, in.Min.Y, in.Min.X, in.Max.Y),
		image.Rect(in.Max.X, in.Min.Y, outer.Max.X, in.Max.Y),
	}
	if in == (image.Rectangle{}) {
		strips = []image.Rectangle{outer}
	}
	for _, s := range strips {
		s = s.Intersect(box)
		if s.Empty() {
			continue
		}
		var parts [4]image.Rectangle
		for _, band := range fixedParts(parts[:0], s) {
			z := getRasterizer(band.Dx(), band.Dy())
			ox, oy := float32(band.Min.X), float32(band.Min.Y)
			z.z.MoveTo(float32(r.x0)-ox, float32(r.y0)-oy)
			z.z.LineTo(float32(r.x1)-ox, float32(r.y0)-oy)
			z.z.LineTo(float32(r.x1)-ox, float32(r.y1)-oy)
			z.z.LineTo(float32(r.x0)-ox, float32(r.y1)-oy)
			z.z.ClosePath()
			z.draw(dst, band, c)
			putRasterizer(z)
		}
	}
}

// strokePieces rasterises a stroke outline drawn with a pen pen pixels
// wide. Pieces of one path that share pixels go through one rasteriser, so
// their overlaps are painted once (translucent strokes). Ink lies within a
// pen's width of an outline's edges, and coverage comes out exact in any
// box (feedPolygon), so a large outline is painted in the boxes around its
// edges only: rows of strokeTile pixels, in each the boxes around the edges
// crossing it grouped where they meet, and a group that is mostly empty (a
// lane's border, an L-shaped flow) cut into lower rows until it is not.
func strokePieces(dst *image.RGBA, ps []piece, c color.RGBA, clip image.Rectangle, pen float64) {
	if len(ps) == 0 {
		return
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i := range ps {
		x0, y0 = math.Min(x0, ps[i].minX), math.Min(y0, ps[i].minY)
		x1, y1 = math.Max(x1, ps[i].maxX), math.Max(y1, ps[i].maxY)
	}
	box := devRect(x0, y0, x1, y1).Intersect(clip)
	if box.Empty() {
		return
	}
	if !tileStrokes || box.Dx()*box.Dy() <= strokeTile*strokeTile {
		rasterPieces(dst, ps, c, box)
		return
	}
	sw := sweepers.Get().(*sweeper)
	defer sweepers.Put(sw)
	sw.ps, sw.pen = ps, pen
	if cap(sw.seen) < len(ps) {
		sw.seen = make([]int, len(ps))
	}
	sw.seen = sw.seen[:len(ps)]
	for ty := box.Min.Y; ty < box.Max.Y; ty += strokeTile {
		sw.band(dst, c, image.Rect(box.Min.X, ty, box.Max.X, min(ty+strokeTile, box.Max.Y)))
	}
}

// sweeper holds strokePieces' working storage (pooled).
type sweeper struct {
	ps    []piece
	pen   float64
	boxes []edgeBox
	sel   []piece
	seen  []int // per piece, the last group it was taken into
	stamp int
}

// edgeBox is the box around one piece's edges within a band.
type edgeBox struct {
	r     image.Rectangle
	piece int
}

var sweepers = sync.Pool{New: func() any { return &sweeper{} }}

// band paints the pieces' ink within band.
func (sw *sweeper) band(dst *image.RGBA, c color.RGBA, band image.Rectangle) {
	m := sw.pen + 1
	lo, hi := float64(band.Min.Y)-m, float64(band.Max.Y)+m
	start := len(sw.boxes)
	for i := range sw.ps {
		p := &sw.ps[i]
		if p.maxY < lo || p.minY > hi || p.maxX < float64(band.Min.X)-m || p.minX > float64(band.Max.X)+m {
			continue
		}
		pts := p.pts
		a := pts[len(pts)-1]
		for _, b := range pts {
			ya, yb := a.y, b.y
			if max(ya, yb) >= lo && min(ya, yb) <= hi {
				// The edge cut to the rows lo–hi, grown by the pen.
				ca, cb := a, b
				if ya != yb {
					ca = lerp(a, b, math.Max(0, math.Min(1, ((math.Max(math.Min(ya, yb), lo))-ya)/(yb-ya))))
					cb = lerp(a, b, math.Max(0, math.Min(1, ((math.Min(math.Max(ya, yb), hi))-ya)/(yb-ya))))
				}
				r := devRect(math.Min(ca.x, cb.x)-m, math.Min(ca.y, cb.y)-m, math.Max(ca.x, cb.x)+m, math.Max(ca.y, cb.y)+m).Intersect(band)
				if !r.Empty() {
					sw.boxes = append(sw.boxes, edgeBox{r, i})
				}
			}
			a = b
		}
	}
	boxes := sw.boxes[start:]
	slices.SortFunc(boxes, func(a, b edgeBox) int { return cmp.Compare(a.r.Min.X, b.r.Min.X) })
	for i := 0; i < len(boxes); {
		g, area := boxes[i].r, 0
		j := i
		for ; j < len(boxes) && boxes[j].r.Min.X < g.Max.X; j++ {
			g = g.Union(boxes[j].r)
			area += boxes[j].r.Dx() * boxes[j].r.Dy()
		}
		if g.Dy() > 8 && g.Dx()*g.Dy() > 2*area {
			// Mostly empty: the edges run along, not across; lower rows.
			mid := (g.Min.Y + g.Max.Y) / 2
			sw.band(dst, c, image.Rect(g.Min.X, g.Min.Y, g.Max.X, mid))
			sw.band(dst, c, image.Rect(g.Min.X, mid, g.Max.X, g.Max.Y))
		} else {
			sw.stamp++
			sel := sw.sel[:0]
			for _, b := range boxes[i:j] {
				if sw.seen[b.piece] != sw.stamp {
					sw.seen[b.piece] = sw.stamp
					sel = append(sel, sw.ps[b.piece])
				}
			}
			sw.sel = sel
			rasterPieces(dst, sel, c, g)
		}
		i = j
	}
	sw.boxes = sw.boxes[:start]
}

// tileStrokes is off only in tests, which compare the cut-up rasterisation
// with one pass over the whole box.
var tileStrokes = true

func rasterPieces(dst *image.RGBA, ps []piece, c color.RGBA, box image.Rectangle) {
	var parts [4]image.Rectangle
	for _, part := range fixedParts(parts[:0], box) {
		z := getRasterizer(part.Dx(), part.Dy())
		for i := range ps {
			if ps[i].maxY > float64(part.Min.Y) && ps[i].minY < float64(part.Max.Y) {
				z.clip = feedPolygon(&z.z, ps[i].pts, part, z.clip)
			}
		}
		z.draw(dst, part, c)
		putRasterizer(z)
	}
}

// fixedSide is the longest side of a box that x/image/vector rasterises
// in fixed point, which is much faster than its floating-point path for
// larger boxes (and differs from it by a level at most).
const fixedSide = 512

// fixedParts appends to dst the parts of box no side of which passes
// fixedSide.
func fixedParts(dst []image.Rectangle, box image.Rectangle) []image.Rectangle {
	for y := box.Min.Y; y < box.Max.Y; y += fixedSide {
		for x := box.Min.X; x < box.Max.X; x += fixedSide {
			dst = append(dst, image.Rect(x, y, min(x+fixedSide, box.Max.X), min(y+fixedSide, box.Max.Y)))
		}
	}
	return dst
}
