package ui

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"sync"

	"fyne.io/fyne/v2"
	"golang.org/x/image/vector"
)

// The application icon is drawn in code rather than shipped as a binary so
// the window icon and cmd/lanemap/Icon.png (which `fyne package` reads) come
// from one source; TestIconFile keeps the PNG in step.

var (
	iconOnce sync.Once
	iconPNG  []byte
)

// Icon returns the application icon: three swimlanes on a blue tile with an
// orange handover arrow from the top lane to the bottom one, 512×512 PNG.
func Icon() fyne.Resource {
	iconOnce.Do(func() {
		var buf bytes.Buffer
		// Encoding an in-memory RGBA image cannot fail.
		_ = png.Encode(&buf, drawIcon(512))
		iconPNG = buf.Bytes()
	})
	return fyne.NewStaticResource("lanemap.png", iconPNG)
}

// drawIcon paints the icon at size×size pixels. All coordinates are given on
// a 512 grid and scaled.
func drawIcon(size int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	s := float32(size) / 512
	fill := func(c color.NRGBA, build func(r *vector.Rasterizer)) {
		r := vector.NewRasterizer(size, size)
		build(r)
		r.Draw(img, img.Bounds(), image.NewUniform(c), image.Point{})
	}
	rrect := func(x0, y0, x1, y1, rad float32) func(r *vector.Rasterizer) {
		return func(r *vector.Rasterizer) { roundRect(r, x0*s, y0*s, x1*s, y1*s, rad*s) }
	}
	var (
		tile   = color.NRGBA{0x1d, 0x4e, 0x89, 0xff}
		lane   = color.NRGBA{0xf4, 0xf7, 0xfb, 0xff}
		header = color.NRGBA{0xb9, 0xd3, 0xee, 0xff}
		task   = color.NRGBA{0x1d, 0x4e, 0x89, 0xff}
		arrow  = color.NRGBA{0xf5, 0x9e, 0x0b, 0xff}
	)
	draw.Draw(img, img.Bounds(), image.Transparent, image.Point{}, draw.Src)
	fill(tile, rrect(16, 16, 496, 496, 96))
	for i := range 3 {
		y := float32(84 + i*120)
		fill(lane, rrect(64, y, 448, y+104, 18))
		fill(header, rrect(64, y, 112, y+104, 18))
		fill(lane, rrect(96, y, 120, y+104, 0)) // square off the header's inner edge
		fill(header, rrect(96, y, 112, y+104, 0))
	}
	// A task in the top lane and one in the bottom lane.
	fill(task, rrect(148, 108, 260, 164, 12))
	fill(task, rrect(300, 348, 412, 404, 12))
	// The handover: right out of the first task, down to the second.
	fill(arrow, rrect(260, 124, 356, 148, 0))
	fill(arrow, rrect(332, 124, 356, 310, 0))
	fill(arrow, func(r *vector.Rasterizer) {
		r.MoveTo(304*s, 298*s)
		r.LineTo(384*s, 298*s)
		r.LineTo(344*s, 346*s)
		r.ClosePath()
	})
	return img
}

// roundRect adds a rounded rectangle to r; rad 0 gives square corners.
func roundRect(r *vector.Rasterizer, x0, y0, x1, y1, rad float32) {
	const k = 0.5523 // cubic Bézier approximation of a quarter circle
	c := rad * k
	r.MoveTo(x0+rad, y0)
	r.LineTo(x1-rad, y0)
	r.CubeTo(x1-rad+c, y0, x1, y0+rad-c, x1, y0+rad)
	r.LineTo(x1, y1-rad)
	r.CubeTo(x1, y1-rad+c, x1-rad+c, y1, x1-rad, y1)
	r.LineTo(x0+rad, y1)
	r.CubeTo(x0+rad-c, y1, x0, y1-rad+c, x0, y1-rad)
	r.LineTo(x0, y0+rad)
	r.CubeTo(x0, y0+rad-c, x0+rad-c, y0, x0+rad, y0)
	r.ClosePath()
}
