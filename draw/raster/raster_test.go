package raster_test

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"strconv"
	"testing"

	xdraw "image/draw"

	"lanemap/draw"
	"lanemap/draw/raster"
	"lanemap/draw/raster/rastertest"
	"lanemap/internal/gen"
	"lanemap/model"
)

// paint renders s at scale with a 10-unit margin on white.
func paint(s *draw.Scene, scale float64) (*image.RGBA, raster.Transform) {
	t, r := raster.Fit(s.Bounds, 10, scale)
	img := image.NewRGBA(r)
	xdraw.Draw(img, r, image.White, image.Point{}, xdraw.Src)
	raster.Paint(img, s, t)
	return img, t
}

func at(img *image.RGBA, t raster.Transform, x, y float64) color.RGBA {
	dx, dy := t.Apply(model.Point{X: x, Y: y})
	return img.RGBAAt(int(math.Floor(dx)), int(math.Floor(dy)))
}

func near(a, b color.RGBA, tol int) bool {
	d := func(x, y uint8) bool { return math.Abs(float64(x)-float64(y)) <= float64(tol) }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B) && d(a.A, b.A)
}

// over is c composited over white, as the picture should show it.
func over(c color.NRGBA) color.RGBA {
	a := float64(c.A) / 255
	f := func(v uint8) uint8 { return uint8(math.Round(float64(v)*a + 255*(1-a))) }
	return color.RGBA{f(c.R), f(c.G), f(c.B), 255}
}

func TestPixels(t *testing.T) {
	white := color.RGBA{255, 255, 255, 255}
	black := color.RGBA{0, 0, 0, 255}
	for _, scale := range []float64{1, 2, 0.5} {
		img, tr := paint(rastertest.Sample(), scale)
		tests := []struct {
			name string
			x, y float64
			want color.RGBA
			tol  int
		}{
			{"margin is background", -5, -5, white, 0},
			{"pool inside is white", 700, 100, white, 0},
			{"opaque fill centre", rastertest.SolidBox.Center().X, rastertest.SolidBox.Center().Y, over(rastertest.Red), 0},
			{"task fill", rastertest.TaskBox.X + 50, rastertest.TaskBox.Y + 70, over(rastertest.TaskFill), 0},
			{"translucent fill over white", rastertest.GroupBox.Center().X, rastertest.GroupBox.Center().Y, over(rastertest.GroupFill), 2},
			{"task outline", rastertest.TaskBox.X + 50, rastertest.TaskBox.Y + 80, black, 90},
			{"pool outline left", 0, 200, black, 90},
			{"start event ring", 70 - 18, 80, black, 110},
			{"start event inside", 70, 80, white, 0},
			{"edge line", 280, 200, black, 90},
			{"dash on", 420, 40, black, 110},
			{"dash gap", 420, 48.5, white, 40},
			{"handover above edge", 100, 83.5, over(rastertest.Handover), 3},
		}
		for _, tc := range tests {
			if scale < 1 && tc.tol > 0 && tc.want == black {
				continue // thin lines at half scale are grey, not black
			}
			if scale < 1 && tc.name == "dash gap" {
				continue
			}
			if got := at(img, tr, tc.x, tc.y); !near(got, tc.want, tc.tol) {
				t.Errorf("scale %g: %s at (%g,%g) = %v, want %v ±%d", scale, tc.name, tc.x, tc.y, got, tc.want, tc.tol)
			}
		}
	}
}

// inkBox is the box of pixels darker than mid-grey inside r (device).
func inkBox(img *image.RGBA, r image.Rectangle) (image.Rectangle, int) {
	var box image.Rectangle
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if c := img.RGBAAt(x, y); int(c.R)+int(c.G)+int(c.B) < 3*128 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
				n++
			}
		}
	}
	return box, n
}

func devBox(t raster.Transform, r model.Rect) image.Rectangle {
	x0, y0 := t.Apply(model.Point{X: r.X, Y: r.Y})
	x1, y1 := t.Apply(model.Point{X: r.X + r.W, Y: r.Y + r.H})
	return image.Rect(int(x0), int(y0), int(math.Ceil(x1)), int(math.Ceil(y1)))
}

func TestText(t *testing.T) {
	img, tr := paint(rastertest.Sample(), 2)
	// The bold label leaves ink in its box, starting at its left edge.
	bold := devBox(tr, rastertest.BoldBox)
	box, n := inkBox(img, bold.Inset(-2))
	if n < 200 {
		t.Fatalf("bold label: %d dark pixels in %v, want text", n, bold)
	}
	if box.Min.X-bold.Min.X > 4 {
		t.Errorf("left-aligned label starts %d px right of its box", box.Min.X-bold.Min.X)
	}
	// The vertical header: taller than wide, centred in its band, within it.
	band := devBox(tr, rastertest.HeaderBox).Inset(3)
	vbox, n := inkBox(img, band)
	if n < 200 {
		t.Fatalf("vertical header: %d dark pixels", n)
	}
	if vbox.Dy() < 4*vbox.Dx() {
		t.Errorf("vertical header ink %v is not tall and narrow", vbox)
	}
	mid := (band.Min.Y + band.Max.Y) / 2
	if c := (vbox.Min.Y + vbox.Max.Y) / 2; c < mid-6 || c > mid+6 {
		t.Errorf("vertical header centred at y=%d, band centre %d", c, mid)
	}
	// Bold is heavier than regular at the same size.
	regular := rastertest.Label("r", draw.PartLabel, model.Rect{W: 200, H: 20}, 12, draw.AlignLeft, false, false, "Beslut & åtgärd")
	heavy := regular
	heavy.Text = &draw.Text{}
	*heavy.Text = *regular.Text
	heavy.Text.Bold = true
	ink := func(it draw.Item) int {
		img, _ := paint(&draw.Scene{Bounds: model.Rect{W: 200, H: 20}, Items: []draw.Item{it}}, 2)
		var sum int
		for i := 0; i < len(img.Pix); i += 4 {
			sum += 255 - int(img.Pix[i])
		}
		return sum
	}
	if r, b := ink(regular), ink(heavy); b < r*11/10 {
		t.Errorf("bold ink %d not heavier than regular %d", b, r)
	}
}

func TestTextAlign(t *testing.T) {
	for _, tc := range []struct {
		align draw.Align
		want  string // which side the ink hugs
	}{{draw.AlignLeft, "left"}, {draw.AlignCenter, "centre"}, {draw.AlignRight, "right"}} {
		it := rastertest.Label("x", draw.PartLabel, model.Rect{X: 0, Y: 0, W: 300, H: 20}, 12, tc.align, false, false, "Ärende")
		img, tr := paint(&draw.Scene{Bounds: model.Rect{W: 300, H: 20}, Items: []draw.Item{it}}, 1)
		box, _ := inkBox(img, img.Bounds())
		b := devBox(tr, model.Rect{W: 300, H: 20})
		left, right := box.Min.X-b.Min.X, b.Max.X-box.Max.X
		var ok bool
		switch tc.want {
		case "left":
			ok = left < 3 && right > 200
		case "right":
			ok = right < 3 && left > 200
		case "centre":
			ok = math.Abs(float64(left-right)) < 4
		}
		if !ok {
			t.Errorf("%s: ink %v in box %v", tc.want, box, b)
		}
	}
}

// A translucent stroke with corners is painted once where its pieces
// overlap: the join has the same colour as the straight run.
func TestTranslucentJoins(t *testing.T) {
	c := color.NRGBA{0, 0, 255, 100}
	path := rastertest.Poly(false, model.Point{X: 10, Y: 10}, model.Point{X: 100, Y: 10}, model.Point{X: 100, Y: 100}, model.Point{X: 20, Y: 40})
	s := &draw.Scene{Bounds: model.Rect{W: 110, H: 110}, Items: []draw.Item{{Path: path, Style: draw.Style{Stroke: c, Width: 12}}}}
	img, tr := paint(s, 3)
	want := over(c)
	for _, p := range []model.Point{{X: 50, Y: 10}, {X: 100, Y: 10}, {X: 100, Y: 100}, {X: 98, Y: 12}, {X: 100, Y: 55}} {
		if got := at(img, tr, p.X, p.Y); !near(got, want, 2) {
			t.Errorf("at %v: %v, want %v", p, got, want)
		}
	}
}

func TestPaintClip(t *testing.T) {
	s := rastertest.Sample()
	full, tr := paint(s, 1)
	clip := image.Rect(100, 50, 260, 140)
	img := image.NewRGBA(full.Bounds())
	xdraw.Draw(img, img.Bounds(), image.White, image.Point{}, xdraw.Src)
	raster.PaintClip(img, s, tr, clip)
	for y := 0; y < img.Bounds().Dy(); y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			got := img.RGBAAt(x, y)
			if image.Pt(x, y).In(clip) {
				if want := full.RGBAAt(x, y); got != want {
					t.Fatalf("inside clip at (%d,%d): %v, full paint has %v", x, y, got, want)
				}
			} else if got != (color.RGBA{255, 255, 255, 255}) {
				t.Fatalf("outside clip at (%d,%d) changed to %v", x, y, got)
			}
		}
	}
}

// Bad input paints what it can and never panics.
func TestHostileScenes(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	p := func(x, y float64) model.Point { return model.Point{X: x, Y: y} }
	scenes := map[string]*draw.Scene{
		"nil items":  {},
		"empty path": {Items: []draw.Item{{Path: &draw.Path{}, Style: draw.Style{Fill: rastertest.Red, Stroke: rastertest.Black, Width: 1}}}},
		"nan points": {Items: []draw.Item{{Path: rastertest.Poly(true, p(nan, 1), p(5, nan), p(10, 10)), Style: draw.Style{Fill: rastertest.Red, Stroke: rastertest.Black, Width: 1}}}},
		"huge":       {Items: []draw.Item{{Path: rastertest.Rect(model.Rect{X: -1e300, Y: -1e300, W: 2e300, H: 2e300}), Style: draw.Style{Fill: rastertest.Red, Stroke: rastertest.Black, Width: 1e200}}}},
		"inf width":  {Items: []draw.Item{{Path: rastertest.Poly(false, p(0, 0), p(10, 10)), Style: draw.Style{Stroke: rastertest.Black, Width: inf}}}},
		"bad dash":   {Items: []draw.Item{{Path: rastertest.Poly(false, p(0, 0), p(1e6, 10)), Style: draw.Style{Stroke: rastertest.Black, Width: 1, Dash: []float64{1e-9, 1e-9}}}}},
		"neg dash":   {Items: []draw.Item{{Path: rastertest.Poly(false, p(0, 0), p(100, 10)), Style: draw.Style{Stroke: rastertest.Black, Width: 1, Dash: []float64{-1, 5}}}}},
		"zero dash":  {Items: []draw.Item{{Path: rastertest.Poly(false, p(0, 0), p(100, 10)), Style: draw.Style{Stroke: rastertest.Black, Width: 1, Dash: []float64{0, 3}}}}},
		"lone move":  {Items: []draw.Item{{Path: &draw.Path{Segs: []draw.Seg{{Op: draw.LineTo}, {Op: draw.CubicTo}, {Op: draw.Close}, {Op: 99}}}, Style: draw.Style{Fill: rastertest.Red, Stroke: rastertest.Black, Width: 1}}}},
		"text":       {Items: []draw.Item{{Text: &draw.Text{Lines: []string{"\x00\uffff\U0010ffff", ""}, Size: nan}}, {Text: &draw.Text{Lines: []string{"x"}, Size: 1e9, Color: rastertest.Black}}, {Text: &draw.Text{Lines: []string{"ok"}, Size: 10, Vertical: true, Box: model.Rect{X: inf}, Color: rastertest.Black}}}},
	}
	for name, s := range scenes {
		t.Run(name, func(t *testing.T) {
			img := image.NewRGBA(image.Rect(0, 0, 64, 64))
			raster.Paint(img, s, raster.Transform{Scale: 1})
			raster.Paint(img, s, raster.Transform{Scale: nan})
			raster.Paint(img, s, raster.Transform{Scale: 0})
		})
	}
}

// BenchmarkPaint paints compact synthetic maps (lanes of 20 tasks, so
// 5,000 nodes make a 3,070×35,020 picture) whole, as the editor does for
// its cached picture.
func BenchmarkPaint(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		s := rastertest.Grid(n)
		t, r := raster.Fit(s.Bounds, 10, 1)
		img := image.NewRGBA(r)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			start := rastertest.CPU()
			for range b.N {
				raster.Paint(img, s, t)
			}
			rastertest.ReportCPU(b, start)
		})
	}
}

// BenchmarkPaintGen paints generated maps built by draw.Build (one pool of
// eight lanes, 170 units per three nodes, so 1,000 nodes are 56,830×1,140
// pixels): the whole picture for 100 and 1,000 nodes, and a 1920×1080
// window in the middle of the 5,000-node map (PaintClip, what an editor
// repaints when the map is far wider than the screen).
func BenchmarkPaintGen(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		d := gen.Collaboration(n)
		s := draw.Build(d, d.Diagrams[0], draw.Options{MarkHandovers: true})
		t, r := raster.Fit(s.Bounds, 10, 1)
		name := strconv.Itoa(n)
		if n == 5000 {
			// Only a screen-sized picture, scrolled to the middle.
			mid := r.Dx() / 2
			t.OffX += float64(mid)
			r = image.Rect(0, 0, 1920, 1080)
			name += "-window"
		}
		img := image.NewRGBA(r)
		b.Run(name, func(b *testing.B) {
			start := rastertest.CPU()
			for range b.N {
				raster.PaintClip(img, s, t, img.Bounds())
			}
			rastertest.ReportCPU(b, start)
		})
	}
}

// Paint is safe for concurrent use (the editor paints while an export
// runs): run with -race.
func TestConcurrentPaint(t *testing.T) {
	s := rastertest.Sample()
	want, _ := paint(s, 1.5)
	done := make(chan *image.RGBA)
	for range 4 {
		go func() {
			img, _ := paint(s, 1.5)
			done <- img
		}()
	}
	for range 4 {
		if got := <-done; !bytes.Equal(got.Pix, want.Pix) {
			t.Errorf("concurrent paint differs from a lone one")
		}
	}
}

// A label of the widest glyphs overflowing its box far to the right is
// still painted where it reaches, when only that part is repainted.
func TestClipWideText(t *testing.T) {
	it := rastertest.Label("x", draw.PartLabel, model.Rect{X: 0, Y: 0, W: 10, H: 20}, 12, draw.AlignLeft, false, false, "\u2E3B\u2E3B\u2E3B\u2E3B")
	s := &draw.Scene{Bounds: model.Rect{W: 200, H: 20}, Items: []draw.Item{it}}
	tr, r := raster.Fit(s.Bounds, 10, 1)
	img := image.NewRGBA(r)
	xdraw.Draw(img, r, image.White, image.Point{}, xdraw.Src)
	// Repaint only x from 120 units on: the dashes reach about 136.
	clip := image.Rect(130, 0, r.Max.X, r.Max.Y)
	raster.PaintClip(img, s, tr, clip)
	if _, n := inkBox(img, clip); n == 0 {
		t.Errorf("the end of a wide label was skipped by the clip test")
	}
}
