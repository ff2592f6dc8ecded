package draw

import (
	"image/color"
	"math"

	"lanemap/model"
)

// horizontal reports a pool's orientation: only an explicit
// isHorizontal="false" makes it vertical.
func horizontal(s *model.Shape) bool { return s == nil || s.IsHorizontal == nil || *s.IsHorizontal }

// poolShapeOfLane finds the shape of the pool that holds a lane.
func (b *builder) poolShapeOfLane(laneID string) *model.Shape {
	p := b.d.LaneProcess(laneID)
	if p == nil {
		return nil
	}
	pool := b.d.PoolOf(p.ID)
	if pool == nil {
		return nil
	}
	return b.shapes[pool.ID]
}

// surface is a filled pool, lane or expanded activity that labels and
// lines may be drawn on.
type surface struct {
	r    model.Rect
	fill color.NRGBA // opaque: a translucent fill is mixed with what is under it
	own  bool        // the file's or the role table's colour, not the theme's
}

// groundOf is the colour around a shape at r: the topmost surface holding
// its middle other than its own (an expanded sub-process is one), else
// the paper.
func (b *builder) groundOf(r model.Rect) color.NRGBA {
	c := r.Center()
	for i := len(b.surfaces) - 1; i >= 0; i-- {
		if s := &b.surfaces[i]; s.r != r && s.r.Contains(c) {
			return s.fill
		}
	}
	return b.pal.bg
}

// surfaceIndex is the topmost surface holding p, -1 for none.
func (b *builder) surfaceIndex(p model.Point) int {
	for i := len(b.surfaces) - 1; i >= 0; i-- {
		if b.surfaces[i].r.Contains(p) {
			return i
		}
	}
	return -1
}

// surfaceAt is the colour under p: the topmost surface holding it, else
// the paper; own reports a colour the theme did not choose.
func (b *builder) surfaceAt(p model.Point) (fill color.NRGBA, own bool) {
	if i := b.surfaceIndex(p); i >= 0 {
		return b.surfaces[i].fill, b.surfaces[i].own
	}
	return b.pal.bg, false
}

// addSurface records a pool, lane or expanded activity body filled with
// fill.
func (b *builder) addSurface(r model.Rect, fill color.NRGBA, own bool) {
	if fill.A == 0 {
		return
	}
	under, ownUnder := b.surfaceAt(r.Center())
	own = own || (ownUnder && fill.A != 0xff)
	b.ownSurfaces = b.ownSurfaces || own
	b.surfaces = append(b.surfaces, surface{r: r, fill: over(fill, under), own: own})
}

// addOuterText colours t, a text on no shape of its own, for what lies
// under its middle (textOn) and queues it. When it straddles a surface its
// colour does not read on (a flow's name half on a vendor's white pool,
// half on the dark paper), a plate of the colour under its middle goes
// behind it first.
func (b *builder) addOuterText(elem string, bounds model.Rect, t *Text, col colors, def color.NRGBA) {
	if t == nil || len(t.Lines) == 0 {
		return
	}
	ext := inkBox(t)
	c := ext.Center()
	t.Color = b.textOn(c, col, def)
	if b.ownSurfaces && !b.uniformUnder(ext, c) {
		floor := minTextContrast
		if col.label.A != 0 && t.Color == col.label {
			floor = minLabelContrast
		}
		in := ext.Inset(1)
		for _, p := range [...]model.Point{
			{X: in.X, Y: in.Y}, {X: in.X + in.W, Y: in.Y}, {X: in.X, Y: in.Y + in.H}, {X: in.X + in.W, Y: in.Y + in.H},
			{X: in.X, Y: c.Y}, {X: in.X + in.W, Y: c.Y}, {X: c.X, Y: in.Y}, {X: c.X, Y: in.Y + in.H},
		} {
			if bg, own := b.surfaceAt(p); own && contrast(t.Color, bg) < floor {
				under, _ := b.surfaceAt(c)
				plate := b.pb(10)
				b.labels = append(b.labels, Item{Element: elem, Part: PartLabelPlate, Bounds: bounds,
					Path: plate.roundRect(ext.Inset(-2), 2).path(), Style: Style{Fill: under}})
				break
			}
		}
	}
	b.addText(elem, bounds, t)
}

// uniformUnder reports whether one surface (or the paper) lies under all
// of r, whose middle is c.
func (b *builder) uniformUnder(r model.Rect, c model.Point) bool {
	i := b.surfaceIndex(c)
	if i >= 0 && !b.surfaces[i].r.ContainsRect(r) {
		return false
	}
	for j := i + 1; j < len(b.surfaces); j++ {
		if overlaps(b.surfaces[j].r, r) {
			return false
		}
	}
	return true
}

// inkBox is the part of a horizontal text's box its lines cover.
func inkBox(t *Text) model.Rect {
	if t.Vertical {
		return textExtent(t)
	}
	w := 0.0
	for _, l := range t.Lines {
		w = math.Max(w, Measure(l, t.Size, false))
	}
	w = math.Min(w, t.Box.W)
	r := model.Rect{X: t.Box.X, Y: t.Box.Y, W: w, H: t.Box.H}
	switch t.Align {
	case AlignCenter:
		r.X += (t.Box.W - w) / 2
	case AlignRight:
		r.X += t.Box.W - w
	}
	return r
}

// textOn is the colour of a text whose middle is at p and which sits on no
// shape of its own: def on the theme's surfaces, made readable on a
// surface coloured by the file or the role table; a DI label colour is
// kept where it reads (3:1) and replaced where it does not (a vendor's
// black labels on the dark paper).
func (b *builder) textOn(p model.Point, col colors, def color.NRGBA) color.NRGBA {
	bg, own := b.surfaceAt(p)
	if !own && col.label.A == 0 {
		return def
	}
	return readableOn(bg, col, def)
}

// drawPool draws a participant: a box with a label band on the left (top
// when vertical) and the rotated name, or for a black-box pool just the box
// with the name in the middle.
func (b *builder) drawPool(s *model.Shape) {
	p := b.d.Participant(s.Element)
	r := clean(s.Bounds)
	col := b.pal.resolve(s.Style)
	if !col.ownFill {
		col.fill = b.pal.poolFill
	}
	b.pal.fit(&col, col.fill, col.fill)
	body := b.pb(5)
	b.add(s.Element, PartBody, r, body.rect(r).path(), filled(col.fill, col.line, 1.5))
	b.addSurface(r, col.fill, col.ownFill)
	name := model.NameOf(p)
	if p == nil || p.BlackBox() {
		lines := Wrap(name, math.Max(r.W-2*labelPadding, 0), HeaderFontSize, false)
		t := textBlock(lines, r.X+labelPadding, math.Max(r.W-2*labelPadding, 0), r.Y+r.H/2, math.NaN(), HeaderFontSize, AlignCenter, col.inner())
		t.Color = b.textOn(r.Center(), col, col.ink)
		b.addText(s.Element, r, t)
		return
	}
	b.drawBand(s.Element, r, r, horizontal(s), name, col)
}

// drawLane draws a lane: its box, filled with its role colour when one is
// given, and its own label band inside the pool's.
func (b *builder) drawLane(s *model.Shape) {
	l := b.d.Lane(s.Element)
	r := clean(s.Bounds)
	poolShape := b.poolShapeOfLane(s.Element)
	horiz := horizontal(poolShape)
	if s.IsHorizontal != nil {
		horiz = *s.IsHorizontal
	}
	col := b.pal.resolve(s.Style)
	fill := col.fill
	if !col.ownFill {
		fill = transparent
	}
	if l != nil && b.opt.RoleColors != nil {
		if c, ok := b.opt.RoleColors[l.RoleName()]; ok {
			c = b.pal.roleFill(c)
			fill = c
			col.ink = b.pal.ink(c)
		}
	}
	// A lane's lines stand on its fill over what is under it (mostly its
	// pool), or on that alone when it is see-through.
	under, _ := b.surfaceAt(r.Center())
	bg := over(fill, under)
	b.pal.fit(&col, bg, bg)
	body := b.pb(5)
	b.add(s.Element, PartBody, r, body.rect(r).path(), filled(fill, col.line, 1))
	b.addSurface(r, fill, true)

	// Some tools let lanes span the bands around them (the pool's, a
	// parent lane's): keep this lane's band clear of them.
	clear := math.Inf(-1) // first free x (horizontal) or y (vertical)
	if poolShape != nil {
		pr := clean(poolShape.Bounds)
		clear = pr.X + bandSize
		if !horiz {
			clear = pr.Y + bandSize
		}
	}
	if p := b.d.LaneParent(s.Element); p != nil {
		if end, ok := b.bandEnd[p.ID]; ok { // parents are drawn first
			clear = math.Max(clear, end)
		}
	}
	band := r
	if horiz && band.X < clear && band.X+band.W > clear {
		band.W -= clear - band.X
		band.X = clear
	}
	if !horiz && band.Y < clear && band.Y+band.H > clear {
		band.H -= clear - band.Y
		band.Y = clear
	}
	if horiz {
		b.bandEnd[s.Element] = band.X + math.Min(bandSize, band.W)
	} else {
		b.bandEnd[s.Element] = band.Y + math.Min(bandSize, band.H)
	}
	b.drawBand(s.Element, r, band, horiz, model.NameOf(l), col)
}

// drawBand draws the header band at the start of area (the element's box,
// or the part of it left of an enclosing band) and queues its label.
func (b *builder) drawBand(elem string, bounds, area model.Rect, horiz bool, name string, col colors) {
	var band model.Rect
	if horiz {
		band = model.Rect{X: area.X, Y: area.Y, W: math.Min(bandSize, area.W), H: area.H}
	} else {
		band = model.Rect{X: area.X, Y: area.Y, W: area.W, H: math.Min(bandSize, area.H)}
	}
	c := band.Center()
	bg, own := b.surfaceAt(c)
	p := b.pb(5)
	p.rect(band)
	line := lineOn(over(b.pal.band, bg), true, col.line, b.pal.stroke, col.ink)
	b.add(elem, PartLaneHeader, bounds, p.path(), filled(b.pal.band, line, 1))
	if name == "" {
		return
	}
	ink := col.inner()
	if own || col.label.A != 0 {
		ink = readableOn(over(b.pal.band, bg), col, col.ink)
	}
	if horiz {
		w := math.Max(band.H-2*labelPadding, 0)
		lines := Wrap(name, w, HeaderFontSize, false)
		t := textBlock(lines, c.X-w/2, w, c.Y, math.NaN(), HeaderFontSize, AlignCenter, ink)
		t.Vertical = true
		b.addText(elem, bounds, t)
		return
	}
	w := math.Max(band.W-2*labelPadding, 0)
	lines := Wrap(name, w, HeaderFontSize, false)
	b.addText(elem, bounds, textBlock(lines, band.X+labelPadding, w, c.Y, math.NaN(), HeaderFontSize, AlignCenter, ink))
}
