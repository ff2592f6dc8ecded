package raster

import (
	"image"
	"image/color"
	"math"
	"sync"
	"unicode"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"lanemap/assets"
	"lanemap/draw"
)

// glyphOutline is a glyph in font units, y down, as flat op/arg lists.
type glyphOutline struct {
	ops  []sfnt.SegmentOp
	args []pt // 1, 1, 2 or 3 points per op (move, line, quad, cube)
	// bounds in font units (empty outline: minX > maxX)
	minX, minY, maxX, maxY float64
	advance                float64 // font units
}

// face is one parsed font with its caches. The mutex guards everything
// below it: sfnt buffers are not safe for concurrent use.
type face struct {
	font *sfnt.Font
	upem float64
	// Ascent, descent (positive down) and line gap in font units.
	ascent, descent, gap float64

	mu       sync.Mutex
	buf      sfnt.Buffer
	outlines map[rune]*glyphOutline
	masks    map[maskKey]*glyphMask
}

// maskKey picks a cached glyph mask: the rune, the size in 1/64 pixel and
// the pen's sub-pixel offset in quarter pixels.
type maskKey struct {
	r    rune
	size fixed.Int26_6
	sub  uint8
}

// glyphMask is a rendered glyph; the mask's pixel (0,0) sits at
// (pen x + dx, baseline + dy). A nil mask is a blank glyph (space).
type glyphMask struct {
	mask   *image.Alpha
	dx, dy int
}

// maxMasks bounds the mask cache; zooming through many sizes would grow it
// without end, so it is simply dropped when full.
const maxMasks = 20000

var (
	facesOnce sync.Once
	faces     [2]*face // regular, bold
	facesErr  error
)

func loadFaces() error {
	facesOnce.Do(func() {
		for i, ttf := range [][]byte{assets.FontRegular, assets.FontBold} {
			f, err := sfnt.Parse(ttf)
			if err != nil {
				facesErr = err
				return
			}
			fc := &face{font: f, upem: float64(f.UnitsPerEm()), outlines: map[rune]*glyphOutline{}, masks: map[maskKey]*glyphMask{}}
			m, err := f.Metrics(&fc.buf, fixed.I(int(f.UnitsPerEm())), 0)
			if err != nil {
				facesErr = err
				return
			}
			fc.ascent, fc.descent = float64(m.Ascent)/64, float64(m.Descent)/64
			fc.gap = float64(m.Height)/64 - fc.ascent - fc.descent
			faces[i] = fc
		}
	})
	return facesErr
}

func faceFor(bold bool) *face {
	if loadFaces() != nil {
		return nil
	}
	if bold {
		return faces[1]
	}
	return faces[0]
}

// outline returns r's cached outline; call with fc.mu held.
func (fc *face) outline(r rune) *glyphOutline {
	if g, ok := fc.outlines[r]; ok {
		return g
	}
	g := &glyphOutline{minX: math.Inf(1), minY: math.Inf(1), maxX: math.Inf(-1), maxY: math.Inf(-1)}
	fc.outlines[r] = g
	idx, err := fc.font.GlyphIndex(&fc.buf, r)
	if err != nil {
		return g
	}
	ppem := fixed.I(int(fc.upem))
	if adv, err := fc.font.GlyphAdvance(&fc.buf, idx, ppem, 0); err == nil {
		g.advance = float64(adv) / 64
	}
	segs, err := fc.font.LoadGlyph(&fc.buf, idx, ppem, nil)
	if err != nil {
		return g
	}
	for _, s := range segs {
		n := 1
		switch s.Op {
		case sfnt.SegmentOpQuadTo:
			n = 2
		case sfnt.SegmentOpCubeTo:
			n = 3
		}
		g.ops = append(g.ops, s.Op)
		for i := 0; i < n; i++ {
			q := pt{float64(s.Args[i].X) / 64, float64(s.Args[i].Y) / 64}
			g.args = append(g.args, q)
			g.minX, g.maxX = math.Min(g.minX, q.x), math.Max(g.maxX, q.x)
			g.minY, g.maxY = math.Min(g.minY, q.y), math.Max(g.maxY, q.y)
		}
	}
	return g
}

// feed adds g to z, mapping a font-unit point q to m(q).
func (g *glyphOutline) feed(z *vector.Rasterizer, m func(pt) pt) {
	a := g.args
	for _, op := range g.ops {
		switch op {
		case sfnt.SegmentOpMoveTo:
			p := m(a[0])
			z.MoveTo(float32(p.x), float32(p.y))
			a = a[1:]
		case sfnt.SegmentOpLineTo:
			p := m(a[0])
			z.LineTo(float32(p.x), float32(p.y))
			a = a[1:]
		case sfnt.SegmentOpQuadTo:
			p, q := m(a[0]), m(a[1])
			z.QuadTo(float32(p.x), float32(p.y), float32(q.x), float32(q.y))
			a = a[2:]
		case sfnt.SegmentOpCubeTo:
			p, q, r := m(a[0]), m(a[1]), m(a[2])
			z.CubeTo(float32(p.x), float32(p.y), float32(q.x), float32(q.y), float32(r.x), float32(r.y))
			a = a[3:]
		}
	}
	z.ClosePath()
}

// mask returns r rendered at size (pixels per em) with the pen sub/4 pixel
// right of a pixel edge; call with fc.mu held.
func (fc *face) mask(r rune, size fixed.Int26_6, sub uint8) *glyphMask {
	k := maskKey{r, size, sub}
	if m, ok := fc.masks[k]; ok {
		return m
	}
	if len(fc.masks) >= maxMasks {
		fc.masks = map[maskKey]*glyphMask{}
	}
	g := fc.outline(r)
	gm := &glyphMask{}
	fc.masks[k] = gm
	if len(g.ops) == 0 || g.minX > g.maxX {
		return gm
	}
	sc := float64(size) / 64 / fc.upem
	off := float64(sub) / 4
	x0, y0 := int(math.Floor(g.minX*sc+off)), int(math.Floor(g.minY*sc))
	x1, y1 := int(math.Ceil(g.maxX*sc+off)), int(math.Ceil(g.maxY*sc))
	if x1 <= x0 || y1 <= y0 || (x1-x0)*(y1-y0) > 1<<22 {
		return gm
	}
	z := vector.NewRasterizer(x1-x0, y1-y0)
	g.feed(z, func(q pt) pt { return pt{q.x*sc + off - float64(x0), q.y*sc - float64(y0)} })
	m := image.NewAlpha(image.Rect(0, 0, x1-x0, y1-y0))
	z.DrawOp = xdraw.Src
	z.Draw(m, m.Bounds(), image.Opaque, image.Point{})
	gm.mask, gm.dx, gm.dy = m, x0, y0
	return gm
}

// lineWidth is the advance width of s in font units; call with fc.mu held.
func (fc *face) lineWidth(s string) float64 {
	var w float64
	for _, r := range s {
		if r, ok := printable(r); ok {
			w += fc.outline(r).advance
		}
	}
	return w
}

// textMetrics fills in a text's ascent and line height when the scene left
// them zero, from the font's own metrics.
func textMetrics(fc *face, t *draw.Text) (ascent, lineHeight float64) {
	ascent, lineHeight = t.Ascent, t.LineHeight
	if ascent <= 0 {
		ascent = fc.ascent / fc.upem * t.Size
	}
	if lineHeight <= 0 {
		lineHeight = (fc.ascent + fc.descent + fc.gap) / fc.upem * t.Size
	}
	return ascent, lineHeight
}

// lineX is where a line of width w (DI units) starts inside box.
func lineX(box draw.Text, w float64) float64 {
	switch box.Align {
	case draw.AlignCenter:
		return box.Box.X + (box.Box.W-w)/2
	case draw.AlignRight:
		return box.Box.X + box.Box.W - w
	}
	return box.Box.X
}

// textExtent is the box, in DI units, that a text's ink can reach before
// any rotation: its layout box grown by lines that overflow it.
func textExtent(fc *face, t *draw.Text) (x0, y0, x1, y1 float64) {
	x0, y0, x1, y1 = t.Box.X, t.Box.Y, t.Box.X+t.Box.W, t.Box.Y+t.Box.H
	asc, lh := textMetrics(fc, t)
	k := t.Size / fc.upem
	fc.mu.Lock()
	for i, l := range t.Lines {
		w := fc.lineWidth(l) * k
		lx := lineX(*t, w)
		base := t.Box.Y + asc + float64(i)*lh
		x0, x1 = math.Min(x0, lx-t.Size*0.2), math.Max(x1, lx+w+t.Size*0.2)
		y0, y1 = math.Min(y0, base-t.Size*1.2), math.Max(y1, base+t.Size*0.5)
	}
	fc.mu.Unlock()
	return
}

// paintText draws t horizontally with cached glyph masks.
func paintText(dst *image.RGBA, t *draw.Text, tr Transform, clip image.Rectangle) {
	fc := faceFor(t.Bold)
	if fc == nil || t.Color.A == 0 || !(t.Size > 0) {
		return
	}
	if t.Vertical {
		paintVertical(dst, t, tr, clip, fc)
		return
	}
	sizePx := t.Size * tr.Scale
	if !(sizePx >= 1) || sizePx > 4000 {
		return // too small to read, or absurd
	}
	size := fixed.Int26_6(math.Round(sizePx * 64))
	k := float64(size) / 64 / fc.upem // pixels per font unit, as the masks use
	src := image.NewUniform(premul(t.Color))
	asc, lh := textMetrics(fc, t)
	fc.mu.Lock()
	defer fc.mu.Unlock()
	for i, l := range t.Lines {
		w := fc.lineWidth(l) * t.Size / fc.upem
		p := tr.pt(lineX(*t, w), t.Box.Y+asc+float64(i)*lh)
		if !p.finite() {
			continue
		}
		base := int(math.Round(p.y))
		x := p.x
		for _, r := range l {
			r, ok := printable(r)
			if !ok {
				continue
			}
			g := fc.outline(r)
			xi := math.Floor(x)
			sub := uint8(math.Round((x - xi) * 4))
			if sub == 4 {
				xi, sub = xi+1, 0
			}
			if gm := fc.mask(r, size, sub); gm.mask != nil {
				at := image.Pt(int(xi)+gm.dx, base+gm.dy)
				rr := gm.mask.Bounds().Add(at).Intersect(clip)
				if !rr.Empty() {
					xdraw.DrawMask(dst, rr, src, image.Point{}, gm.mask, rr.Min.Sub(at), xdraw.Over)
				}
			}
			x += g.advance * k
		}
	}
}

// paintVertical draws t turned 90° counter-clockwise about its box centre,
// straight from the outlines into one rasteriser.
func paintVertical(dst *image.RGBA, t *draw.Text, tr Transform, clip image.Rectangle, fc *face) {
	c := tr.pt(t.Box.X+t.Box.W/2, t.Box.Y+t.Box.H/2)
	// rot maps an unrotated device point to its place: (u, v) about the
	// centre goes to (v, -u), i.e. right becomes up.
	rot := func(q pt) pt { return pt{c.x + (q.y - c.y), c.y - (q.x - c.x)} }
	x0, y0, x1, y1 := textExtent(fc, t)
	a, b := rot(tr.pt(x0, y0)), rot(tr.pt(x1, y1))
	box := image.Rect(int(math.Floor(math.Min(a.x, b.x))), int(math.Floor(math.Min(a.y, b.y))),
		int(math.Ceil(math.Max(a.x, b.x))), int(math.Ceil(math.Max(a.y, b.y)))).Intersect(clip)
	if box.Empty() || !a.finite() || !b.finite() {
		return
	}
	asc, lh := textMetrics(fc, t)
	k := t.Size * tr.Scale / fc.upem
	zs := getRasterizer(box.Dx(), box.Dy())
	defer putRasterizer(zs)
	z := &zs.z
	fc.mu.Lock()
	for i, l := range t.Lines {
		w := fc.lineWidth(l) * t.Size / fc.upem
		p := tr.pt(lineX(*t, w), t.Box.Y+asc+float64(i)*lh)
		for _, r := range l {
			r, ok := printable(r)
			if !ok {
				continue
			}
			g := fc.outline(r)
			if len(g.ops) > 0 {
				ox := p.x
				g.feed(z, func(q pt) pt {
					d := rot(pt{ox + q.x*k, p.y + q.y*k})
					return pt{d.x - float64(box.Min.X), d.y - float64(box.Min.Y)}
				})
			}
			p.x += g.advance * k
		}
	}
	fc.mu.Unlock()
	zs.draw(dst, box, premul(t.Color))
}

// printable maps a tab to a space and drops other control characters, as
// draw.Measure does (zero width), so lines keep the width draw gave them.
func printable(r rune) (rune, bool) {
	if r == '\t' {
		return ' ', true
	}
	return r, !unicode.IsControl(r)
}

// premul converts a straight-alpha colour to the premultiplied form image
// uses.
func premul(c color.NRGBA) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}
