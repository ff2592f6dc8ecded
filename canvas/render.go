package canvas

import (
	"image"
	"image/color"
	imgdraw "image/draw"
	"math"

	"fyne.io/fyne/v2"
	fcanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"lanemap/draw"
	"lanemap/draw/raster"
	"lanemap/edit"
	"lanemap/model"
)

// dirtySet is what the cached picture must repaint: everything, or the
// union of some model rectangles.
type dirtySet struct {
	full bool
	r    model.Rect
	some bool
}

func (d *dirtySet) all() { d.full = true }

func (d *dirtySet) add(r model.Rect) {
	if r.W <= 0 || r.H <= 0 {
		return
	}
	if !d.some {
		d.r, d.some = r, true
		return
	}
	d.r = d.r.Union(r)
}

func (d *dirtySet) clean() bool { return !d.full && !d.some }

// extentOf is the union of what the items of these elements paint: path
// points and text boxes, padded for stroke width and antialiasing. Item
// bounds alone would miss external labels and arrowheads.
func extentOf(s *draw.Scene, ids map[string]bool) model.Rect {
	var out model.Rect
	first := true
	for i := range s.Items {
		it := &s.Items[i]
		if !ids[it.Element] {
			continue
		}
		r := itemExtent(it)
		if first {
			out, first = r, false
		} else {
			out = out.Union(r)
		}
	}
	return out
}

func itemExtent(it *draw.Item) model.Rect {
	r := it.Bounds
	if it.Path != nil {
		x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, sg := range it.Path.Segs {
			n := 0
			switch sg.Op {
			case draw.MoveTo, draw.LineTo:
				n = 1
			case draw.CubicTo:
				n = 3
			}
			for _, p := range sg.Pts[:n] {
				x0, y0, x1, y1 = math.Min(x0, p.X), math.Min(y0, p.Y), math.Max(x1, p.X), math.Max(y1, p.Y)
			}
		}
		if x0 <= x1 {
			r = r.Union(model.Rect{X: x0, Y: y0, W: x1 - x0 + 0.01, H: y1 - y0 + 0.01})
		}
	}
	if it.Text != nil {
		b := it.Text.Box
		if it.Text.Vertical { // turned about its centre
			c := b.Center()
			b = model.Rect{X: c.X - b.H/2, Y: c.Y - b.W/2, W: b.H, H: b.W}
		}
		r = r.Union(b.Inset(-it.Text.Size)) // descenders and overhang
	}
	return r.Inset(-(it.Style.Width + 3))
}

// renderer holds the cached picture and the few live objects on top.
type renderer struct {
	e    *Editor
	pic  *fcanvas.Raster
	tick *fcanvas.Rectangle // invisible; refreshing it repaints the window

	img     *image.RGBA
	imgView view
	imgVer  uint64
	imgDark bool

	culled draw.Scene // reused: the items cull keeps

	overlay []fyne.CanvasObject
	objects []fyne.CanvasObject
	paints  int // full repaints, for tests
}

func newRenderer(e *Editor) *renderer {
	r := &renderer{e: e}
	r.pic = fcanvas.NewRaster(r.generate)
	r.pic.ScaleMode = fcanvas.ImageScalePixels
	r.tick = fcanvas.NewRectangle(color.Transparent)
	r.tick.Resize(fyne.NewSquareSize(1))
	r.rebuildObjects()
	return r
}

// background is the paper colour under the picture.
func background(dark bool) color.NRGBA {
	if dark {
		return color.NRGBA{R: 0x1e, G: 0x1f, B: 0x22, A: 0xff}
	}
	return color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
}

// generate is the raster's painter, called by Fyne with the size in
// pixels. It returns the cached image when nothing changed, repaints only
// the dirty part after a small edit, and everything after a view change.
func (r *renderer) generate(w, h int) image.Image {
	e := r.e
	if w <= 0 || h <= 0 {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	full := r.img == nil || r.img.Rect.Dx() != w || r.img.Rect.Dy() != h ||
		r.imgView != e.v || r.imgDark != e.opts.Dark || e.dirty.full
	if !full && r.imgVer == e.ver && e.dirty.clean() {
		return r.img
	}
	if r.img == nil || r.img.Rect.Dx() != w || r.img.Rect.Dy() != h {
		r.img = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	t := r.transform(w)
	bg := image.NewUniform(background(e.opts.Dark))
	if full {
		imgdraw.Draw(r.img, r.img.Rect, bg, image.Point{}, imgdraw.Src)
		if e.scene != nil {
			raster.PaintClip(r.img, r.cull(r.img.Rect, w), t, r.img.Rect)
		}
		r.paints++
	} else if e.dirty.some && e.scene != nil {
		clip := r.pixelRect(e.dirty.r, w).Intersect(r.img.Rect)
		if !clip.Empty() {
			imgdraw.Draw(r.img, clip, bg, image.Point{}, imgdraw.Src)
			raster.PaintClip(r.img, r.cull(clip, w), t, clip)
		}
	}
	r.imgView, r.imgVer, r.imgDark = e.v, e.ver, e.opts.Dark
	e.dirty = dirtySet{}
	return r.img
}

// cull returns the part of the scene that can touch the pixel rectangle
// clip, in paint order. The painter would skip the rest too, but only
// after measuring every label; at 5,000 nodes that costs more than
// painting what is visible.
func (r *renderer) cull(clip image.Rectangle, w int) *draw.Scene {
	e := r.e
	ext := e.extents()
	s := r.pixelsPerUnit(w) * e.v.zoom
	m := model.Rect{
		X: float64(clip.Min.X)/s + e.v.ox - 1, Y: float64(clip.Min.Y)/s + e.v.oy - 1,
		W: float64(clip.Dx())/s + 2, H: float64(clip.Dy())/s + 2,
	}
	r.culled.Bounds, r.culled.Handovers = e.scene.Bounds, e.scene.Handovers
	r.culled.Items = r.culled.Items[:0]
	for i := range e.scene.Items {
		if ext[i].Intersects(m) {
			r.culled.Items = append(r.culled.Items, e.scene.Items[i])
		}
	}
	return &r.culled
}

// pixelsPerUnit is the device scale: pixels per Fyne unit.
func (r *renderer) pixelsPerUnit(w int) float64 {
	if r.e.size.Width <= 0 {
		return 1
	}
	return float64(w) / float64(r.e.size.Width)
}

func (r *renderer) transform(w int) raster.Transform {
	return raster.Transform{Scale: r.e.v.zoom * r.pixelsPerUnit(w), OffX: r.e.v.ox, OffY: r.e.v.oy}
}

// pixelRect is the pixel box covering model rectangle m, one pixel wider.
func (r *renderer) pixelRect(m model.Rect, w int) image.Rectangle {
	s := r.e.v.zoom * r.pixelsPerUnit(w)
	x0 := math.Floor((m.X-r.e.v.ox)*s) - 1
	y0 := math.Floor((m.Y-r.e.v.oy)*s) - 1
	x1 := math.Ceil((m.X+m.W-r.e.v.ox)*s) + 1
	y1 := math.Ceil((m.Y+m.H-r.e.v.oy)*s) + 1
	return image.Rect(int(math.Max(x0, -1)), int(math.Max(y0, -1)), int(math.Min(x1, 1<<20)), int(math.Min(y1, 1<<20)))
}

func (r *renderer) Layout(size fyne.Size) {
	e := r.e
	e.size = size
	if !size.IsZero() {
		if e.needFit {
			e.v = e.fitted(size)
		}
		// Otherwise the map stays where it is in the window: the side
		// panels change width with the selection, and the map must not
		// slide under the eyes. Keeping the widget's middle still would
		// move it by half the change; its top-left stays unless the
		// widget itself moved in the window, which followWindow makes
		// up for.
		e.followWindow()
	}
	if e.pending != "" && !size.IsZero() {
		id := e.pending
		e.pending = ""
		e.reveal(id)
		e.needFit = false // a selection made before the layout holds the view
	}
	r.pic.Resize(size)
	r.pic.Move(fyne.Position{})
	// The overlay is laid out for a view; a resize may have refitted it
	// (the side panels change width with the selection).
	r.rebuildObjects()
	r.layoutLabel()
}

func (r *renderer) MinSize() fyne.Size { return r.e.MinSize() }

// Refresh repaints the picture only when the scene or view changed; the
// overlay is cheap and always rebuilt.
func (r *renderer) Refresh() {
	e := r.e
	if r.img == nil || r.imgVer != e.ver || r.imgView != e.v || r.imgDark != e.opts.Dark || !e.dirty.clean() {
		r.pic.Refresh()
	}
	r.rebuildObjects()
	r.layoutLabel()
	// New overlay objects are unknown to the window until painted, so a
	// small object that always is there asks for the repaint. Refreshing
	// the widget itself would free every child's texture, and the picture
	// would be uploaded again on every frame of a drag.
	r.tick.Refresh()
}

func (r *renderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *renderer) Destroy() {}

func (r *renderer) rebuildObjects() {
	r.overlay = r.e.overlayObjects()
	r.objects = append(r.objects[:0], r.pic, r.tick)
	r.objects = append(r.objects, r.overlay...)
	r.objects = append(r.objects, r.e.labelHolder)
}

func (r *renderer) layoutLabel() {
	e := r.e
	if e.editing == "" {
		return
	}
	ts := clampTextSize(e.labelTextSize(e.editing))
	if ts != e.labelTheme.size {
		e.labelTheme.size = ts
		e.labelHolder.Refresh()
	}
	pos, size := e.labelBox(ts)
	e.labelHolder.Move(pos)
	e.labelHolder.Resize(size)
}

// Overlay colours: the theme's primary for selection, a magenta for
// guides (readable on any lane colour), translucent fills for previews.
var (
	guideColor = color.NRGBA{R: 0xe0, G: 0x20, B: 0xb0, A: 0xff}
	ghostFill  = color.NRGBA{R: 0x40, G: 0x80, B: 0xff, A: 0x30}
	lassoFill  = color.NRGBA{R: 0x40, G: 0x80, B: 0xff, A: 0x20}
	barColor   = color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0x90}
)

// maxOutlines caps live objects: beyond it a selection or preview is shown
// as one box around all of it, so a lassoed map stays fast.
const maxOutlines = 100

func accent() color.Color { return theme.Color(theme.ColorNamePrimary) }

func outline(pos fyne.Position, size fyne.Size, stroke color.Color, fill color.Color, width float32) *fcanvas.Rectangle {
	o := fcanvas.NewRectangle(fill)
	o.StrokeColor = stroke
	o.StrokeWidth = width
	o.Move(pos)
	o.Resize(size)
	return o
}

// overlayObjects builds the live objects for the current state.
func (e *Editor) overlayObjects() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	pad := float32(4)
	box := func(m model.Rect, stroke, fill color.Color, width float32) {
		p, s := e.v.rectToScreen(m)
		out = append(out, outline(p.SubtractXY(pad, pad), s.AddWidthHeight(2*pad, 2*pad), stroke, fill, width))
	}

	// Selection.
	var union model.Rect
	if len(e.sel) > maxOutlines {
		for i, id := range e.sel {
			if b, ok := e.boundsOf(id); ok {
				if i == 0 {
					union = b
				}
				union = union.Union(b)
			}
		}
		box(union, accent(), color.Transparent, 2)
	} else {
		for _, id := range e.sel {
			if ed := e.edgeOf(id); ed != nil {
				// A flow shows its waypoints, not a box across half the map.
				for i, p := range ed.Waypoints {
					c := fcanvas.NewRectangle(accent())
					sz := float32(7)
					if (i == 0 || i == len(ed.Waypoints)-1) && len(e.sel) == 1 {
						// The ends are handles: drag one to reconnect.
						c.FillColor = theme.Color(theme.ColorNameBackground)
						c.StrokeColor, c.StrokeWidth = accent(), 1.5
						sz = handleSize
					}
					c.Move(e.v.toScreen(p).SubtractXY(sz/2, sz/2))
					c.Resize(fyne.NewSquareSize(sz))
					out = append(out, c)
				}
			} else if b, ok := e.boundsOf(id); ok {
				box(b, accent(), color.Transparent, 2)
			}
		}
	}
	if id := e.single(); id != "" && e.isNode(id) && e.drag.kind == dragNone && e.editing == "" {
		for _, h := range e.handles(id) {
			c := fcanvas.NewRectangle(theme.Color(theme.ColorNameBackground))
			c.StrokeColor, c.StrokeWidth = accent(), 1.5
			if h.h == noHandle {
				c.CornerRadius = handleSize / 2
				c.FillColor = accent()
			}
			c.Move(h.at.SubtractXY(handleSize/2, handleSize/2))
			c.Resize(fyne.NewSquareSize(handleSize))
			out = append(out, c)
		}
	}

	// Gesture previews.
	d := &e.drag
	switch d.kind {
	case dragMove:
		if d.attach != "" {
			if s := e.shapes[d.event]; s != nil {
				out = append(out, e.attachObjects(d.attach, d.attachAt, s.Bounds.W, s.Bounds.H)...)
			}
			break
		}
		if d.detach {
			// Coming off its host: the ghost is a plain intermediate event.
			if s := e.shapes[d.event]; s != nil {
				p, sz := e.v.rectToScreen(s.Bounds.Translate(d.dx, d.dy))
				g := fcanvas.NewCircle(ghostFill)
				g.StrokeColor, g.StrokeWidth = accent(), 1
				g.Move(p)
				g.Resize(sz)
				out = append(out, g)
			}
			break
		}
		if len(d.ids) > maxOutlines {
			box(d.union.Translate(d.dx, d.dy), accent(), ghostFill, 1)
		} else {
			for _, id := range d.ids {
				if s := e.shapes[id]; s != nil {
					box(s.Bounds.Translate(d.dx, d.dy), accent(), ghostFill, 1)
				}
			}
		}
		for _, g := range d.guides {
			var a, b model.Point
			if g.vertical {
				a, b = model.Point{X: g.at, Y: g.from - 20}, model.Point{X: g.at, Y: g.to + 20}
			} else {
				a, b = model.Point{X: g.from - 20, Y: g.at}, model.Point{X: g.to + 20, Y: g.at}
			}
			l := fcanvas.NewLine(guideColor)
			l.StrokeWidth = 1
			l.Position1, l.Position2 = e.v.toScreen(a), e.v.toScreen(b)
			out = append(out, l)
		}
	case dragCreate:
		if !d.outside {
			w, h := d.spec.Kind.DefaultSize()
			if d.spec.Collapsed {
				w, h = model.Task.DefaultSize()
			}
			if d.attach != "" {
				out = append(out, e.attachObjects(d.attach, d.attachAt, w, h)...)
			} else {
				p := e.v.toModel(d.cur)
				box(model.Rect{X: snapGrid(p.X) - w/2, Y: snapGrid(p.Y) - h/2, W: w, H: h}, accent(), ghostFill, 1)
			}
		}
	case dragNone:
		if e.hoverHost != "" && e.tool.Kind() != "" {
			w, h := e.tool.Kind().DefaultSize()
			out = append(out, e.attachObjects(e.hoverHost, e.hoverAt, w, h)...)
		}
	case dragResize:
		box(d.rect, accent(), ghostFill, 1)
	case dragLasso:
		x0, y0 := min(d.start.X, d.cur.X), min(d.start.Y, d.cur.Y)
		x1, y1 := max(d.start.X, d.cur.X), max(d.start.Y, d.cur.Y)
		out = append(out, outline(fyne.NewPos(x0, y0), fyne.NewSize(x1-x0, y1-y0), accent(), lassoFill, 1))
	case dragLaneEdge:
		if s := e.shapes[d.lane]; s != nil {
			b := s.Bounds
			var a, c model.Point
			switch d.edge {
			case edit.Bottom:
				a, c = model.Point{X: b.X, Y: b.Y + b.H + d.delta}, model.Point{X: b.X + b.W, Y: b.Y + b.H + d.delta}
			case edit.Top:
				a, c = model.Point{X: b.X, Y: b.Y - d.delta}, model.Point{X: b.X + b.W, Y: b.Y - d.delta}
			case edit.Right:
				a, c = model.Point{X: b.X + b.W + d.delta, Y: b.Y}, model.Point{X: b.X + b.W + d.delta, Y: b.Y + b.H}
			case edit.Left:
				a, c = model.Point{X: b.X - d.delta, Y: b.Y}, model.Point{X: b.X - d.delta, Y: b.Y + b.H}
			}
			l := fcanvas.NewLine(accent())
			l.StrokeWidth = 2
			l.Position1, l.Position2 = e.v.toScreen(a), e.v.toScreen(c)
			out = append(out, l)
		}
	case dragLaneMove:
		_, ghost, a, c := e.laneMoveTarget()
		if ghost.W > 0 {
			box(ghost, accent(), ghostFill, 1)
		}
		if a != c {
			l := fcanvas.NewLine(accent())
			l.StrokeWidth = 3
			l.Position1, l.Position2 = e.v.toScreen(a), e.v.toScreen(c)
			out = append(out, l)
		}
	case dragConnect, dragReconnect:
		var from fyne.Position
		ok := false
		if s := e.shapes[d.source]; s != nil {
			from, ok = e.v.toScreen(s.Bounds.Center()), true
		} else if ed := e.edgeOf(d.source); ed != nil && len(ed.Waypoints) >= 2 {
			// Reconnecting: the line runs from the end that stays.
			p := ed.Waypoints[len(ed.Waypoints)-1]
			if d.h == handleFlowEnd {
				p = ed.Waypoints[0]
			}
			from, ok = e.v.toScreen(p), true
		}
		if ok {
			l := fcanvas.NewLine(accent())
			l.StrokeWidth = 2
			l.Position1, l.Position2 = from, d.cur
			out = append(out, l)
		}
		if t := e.shapes[d.target]; t != nil {
			box(t.Bounds, accent(), ghostFill, 2)
		}
	}
	return append(out, e.scrollBars()...)
}

// scrollBar is one scroll indicator: its thumb on screen and how many
// model units one screen unit of thumb travel is.
type scrollBar struct {
	pos      fyne.Position
	size     fyne.Size
	perUnit  float64
	vertical bool
}

// barThickness is the scroll bars' width in Fyne units.
const barThickness = 5

// scrollBarGeometry gives the scroll bars that show where the view lies
// in the map; a bar exists only when part of the map is out of sight.
func (e *Editor) scrollBarGeometry() []scrollBar {
	if e.scene == nil || e.size.IsZero() {
		return nil
	}
	vis := e.v.visible(e.size)
	// A bar shows when part of the map (labels included: Scene.Bounds
	// has them) is out of sight; it then scrolls over the map plus a
	// margin for the handles and outlines at its edge.
	b := e.scene.Bounds
	all := b.Inset(-fitPad / e.v.zoom).Union(vis)
	if all.W <= 0 || all.H <= 0 {
		return nil
	}
	const t = barThickness
	var out []scrollBar
	if b.X < vis.X || b.X+b.W > vis.X+vis.W {
		span := e.size.Width - 2*t
		x := float32((vis.X-all.X)/all.W) * span
		w := float32(vis.W/all.W) * span
		out = append(out, scrollBar{pos: fyne.NewPos(t+x, e.size.Height-t-2), size: fyne.NewSize(max(w, 10), t),
			perUnit: all.W / float64(span)})
	}
	if b.Y < vis.Y || b.Y+b.H > vis.Y+vis.H {
		span := e.size.Height - 2*t
		y := float32((vis.Y-all.Y)/all.H) * span
		h := float32(vis.H/all.H) * span
		out = append(out, scrollBar{pos: fyne.NewPos(e.size.Width-t-2, t+y), size: fyne.NewSize(t, max(h, 10)),
			perUnit: all.H / float64(span), vertical: true})
	}
	return out
}

// scrollBars are the scroll bars' live objects.
func (e *Editor) scrollBars() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, sb := range e.scrollBarGeometry() {
		b := fcanvas.NewRectangle(barColor)
		b.CornerRadius = barThickness / 2
		b.Move(sb.pos)
		b.Resize(sb.size)
		out = append(out, b)
	}
	return out
}

// scrollBarAt finds the scroll bar whose thumb (with some slack) is at pos.
func (e *Editor) scrollBarAt(pos fyne.Position) (scrollBar, bool) {
	const slack = 4
	for _, sb := range e.scrollBarGeometry() {
		if pos.X >= sb.pos.X-slack && pos.X <= sb.pos.X+sb.size.Width+slack &&
			pos.Y >= sb.pos.Y-slack && pos.Y <= sb.pos.Y+sb.size.Height+slack {
			return sb, true
		}
	}
	return scrollBar{}, false
}

// handleSize is the side of a resize handle in Fyne units.
const handleSize = 9

// connectGap is how far right of a shape its connect handle sits.
const connectGap = 16

type handleAt struct {
	h  handle // noHandle: the connect handle
	at fyne.Position
}

// handles are the grab points of a selected node, on screen.
func (e *Editor) handles(id string) []handleAt {
	s := e.shapes[id]
	if s == nil {
		return nil
	}
	n := e.s.Doc.Node(id)
	if n == nil {
		return nil
	}
	p, sz := e.v.rectToScreen(s.Bounds)
	var hs []handleAt
	// Corner handles on a shape a few pixels big would cover it and turn
	// every move into a resize.
	if resizable(n.Kind) && sz.Width >= 3*handleSize && sz.Height >= 3*handleSize {
		hs = []handleAt{
			{handleNW, p},
			{handleNE, p.AddXY(sz.Width, 0)},
			{handleSW, p.AddXY(0, sz.Height)},
			{handleSE, p.AddXY(sz.Width, sz.Height)},
		}
	}
	if n.Kind.IsFlowNode() {
		hs = append(hs, handleAt{noHandle, p.AddXY(sz.Width+connectGap, sz.Height/2)})
	}
	return hs
}

// resizable kinds: events and gateways keep their notation size.
func resizable(k model.Kind) bool {
	return k.IsActivity() || k == model.TextAnnotation || k == model.Group
}
