package canvas

import (
	"math"

	"fyne.io/fyne/v2"

	"lanemap/model"
)

// Zoom limits: 2 % still shows the shape of a 5,000-step map; above 400 % a task
// fills a projector.
const (
	minZoom  = 0.02
	maxZoom  = 4.0
	fitMax   = 2.0 // ZoomFit never blows a tiny map up further than this
	fitPad   = 32  // screen units around a fitted map: labels' overhang, the connect handle
	zoomStep = 1.25
)

// readableZoom is the smallest zoom the readable fit (ResetView, ZoomFit)
// uses: 11-unit labels (draw.NodeFontSize) come out 9.4 units high, about
// the smallest a projector at 1400 × 900 shows legibly from the back of a
// room. Only ZoomFitAll and the user's own zooming go below it.
const readableZoom = 0.85

// revealMargin is the screen margin reveal leaves around an element.
const revealMargin = 20

// view maps model coordinates (BPMN-DI units) to the widget's own
// coordinates (Fyne units): screen = (model - origin) * zoom.
type view struct {
	zoom   float64
	ox, oy float64 // model point shown at the widget's top-left corner
}

func (v view) toScreen(p model.Point) fyne.Position {
	return fyne.NewPos(float32((p.X-v.ox)*v.zoom), float32((p.Y-v.oy)*v.zoom))
}

func (v view) toModel(p fyne.Position) model.Point {
	return model.Point{X: float64(p.X)/v.zoom + v.ox, Y: float64(p.Y)/v.zoom + v.oy}
}

// rectToScreen gives the position and size of r on screen.
func (v view) rectToScreen(r model.Rect) (fyne.Position, fyne.Size) {
	return v.toScreen(model.Point{X: r.X, Y: r.Y}), fyne.NewSize(float32(r.W*v.zoom), float32(r.H*v.zoom))
}

// visible is the model rectangle a widget of this size shows.
func (v view) visible(size fyne.Size) model.Rect {
	return model.Rect{X: v.ox, Y: v.oy, W: float64(size.Width) / v.zoom, H: float64(size.Height) / v.zoom}
}

func clampZoom(z float64) float64 {
	if math.IsNaN(z) || z <= 0 {
		return 1
	}
	return math.Max(minZoom, math.Min(maxZoom, z))
}

// zoomAt sets the zoom while keeping the model point under pos still.
func (v view) zoomAt(z float64, pos fyne.Position) view {
	m := v.toModel(pos)
	v.zoom = clampZoom(z)
	v.ox = m.X - float64(pos.X)/v.zoom
	v.oy = m.Y - float64(pos.Y)/v.zoom
	return v
}

// pan moves the picture by a screen delta (dragging the paper).
func (v view) pan(dx, dy float32) view {
	v.ox -= float64(dx) / v.zoom
	v.oy -= float64(dy) / v.zoom
	return v
}

// fit shows all of b centred in a widget of this size.
func fit(b model.Rect, size fyne.Size) view {
	w, h := float64(size.Width)-2*fitPad, float64(size.Height)-2*fitPad
	if b.W <= 0 || b.H <= 0 || w <= 0 || h <= 0 {
		return view{zoom: 1, ox: b.X - fitPad, oy: b.Y - fitPad}
	}
	z := clampZoom(math.Min(fitMax, math.Min(w/b.W, h/b.H)))
	c := b.Center()
	return view{
		zoom: z,
		ox:   c.X - float64(size.Width)/2/z,
		oy:   c.Y - float64(size.Height)/2/z,
	}
}

// readableFit is the first view of a map: the whole of b when that fits
// at readableZoom or more; otherwise readableZoom, each axis that fits
// centred and each that does not showing b's start (left or top edge), so
// a big map opens at its beginning rather than as an unreadable strip.
// The caller then reveals the start event.
func readableFit(b model.Rect, size fyne.Size) view {
	v := fit(b, size)
	if v.zoom >= readableZoom || b.W <= 0 || b.H <= 0 || size.IsZero() {
		return v
	}
	z := readableZoom
	v = view{zoom: z}
	axis := func(lo, length float64, screen float32) float64 {
		s := float64(screen)
		if length*z+2*fitPad <= s {
			return lo + length/2 - s/2/z
		}
		return lo - fitPad/z
	}
	v.ox = axis(b.X, b.W, size.Width)
	v.oy = axis(b.Y, b.H, size.Height)
	return v
}

// reveal pans the least needed so that r is on screen with a margin.
func (v view) reveal(r model.Rect, size fyne.Size) view {
	vis := v.visible(size)
	m := revealMargin / v.zoom
	switch {
	case r.W+2*m > vis.W:
		v.ox = r.Center().X - vis.W/2
	case r.X-m < vis.X:
		v.ox = r.X - m
	case r.X+r.W+m > vis.X+vis.W:
		v.ox = r.X + r.W + m - vis.W
	}
	switch {
	case r.H+2*m > vis.H:
		v.oy = r.Center().Y - vis.H/2
	case r.Y-m < vis.Y:
		v.oy = r.Y - m
	case r.Y+r.H+m > vis.Y+vis.H:
		v.oy = r.Y + r.H + m - vis.H
	}
	return v
}

// ScreenOf is the widget position of model point p at the current view,
// for the app's drag and drop onto the map (and its tests).
func (e *Editor) ScreenOf(p model.Point) fyne.Position { return e.v.toScreen(p) }
