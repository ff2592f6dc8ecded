package png_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	stddraw "image/draw"
	stdpng "image/png"
	"math"
	"strings"
	"testing"

	"lanemap/draw"
	"lanemap/draw/raster"
	"lanemap/draw/raster/rastertest"
	"lanemap/export/png"
	"lanemap/model"
)

func decode(t *testing.T, s *draw.Scene, scale float64) image.Image {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Write(&buf, s, scale); err != nil {
		t.Fatal(err)
	}
	img, err := stdpng.Decode(&buf)
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	return img
}

func rgb(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

func TestPicture(t *testing.T) {
	for _, scale := range []float64{1, 2} {
		img := decode(t, rastertest.Sample(), scale)
		at := func(x, y float64) color.RGBA {
			return rgb(img.At(int((x+png.Margin)*scale), int((y+png.Margin)*scale)))
		}
		if b := img.Bounds(); b.Dx() != int(820*scale) || b.Dy() != int(320*scale) {
			t.Errorf("scale %g: size %v", scale, b)
		}
		white := color.RGBA{255, 255, 255, 255}
		if c := at(-5, -5); c != white {
			t.Errorf("scale %g: background %v, want white", scale, c)
		}
		c := rastertest.SolidBox.Center()
		if got := at(c.X, c.Y); got != (color.RGBA{0xd0, 0x10, 0x10, 255}) {
			t.Errorf("scale %g: filled rect centre %v", scale, got)
		}
		// Text leaves dark pixels in its box.
		dark := 0
		b := rastertest.BoldBox
		for y := b.Y; y < b.Y+b.H; y += 0.5 {
			for x := b.X; x < b.X+b.W; x += 0.5 {
				if p := at(x, y); p.R < 100 {
					dark++
				}
			}
		}
		if dark < 50 {
			t.Errorf("scale %g: label box has %d dark samples", scale, dark)
		}
		// The vertical pool header is taller than wide.
		var ink image.Rectangle
		hb := rastertest.HeaderBox
		for y := int((hb.Y + 3 + png.Margin) * scale); y < int((hb.Y+hb.H-3+png.Margin)*scale); y++ {
			for x := int((hb.X + 3 + png.Margin) * scale); x < int((hb.X+hb.W-3+png.Margin)*scale); x++ {
				if rgb(img.At(x, y)).R < 128 {
					ink = ink.Union(image.Rect(x, y, x+1, y+1))
				}
			}
		}
		if ink.Dy() < 4*ink.Dx() || ink.Dx() == 0 {
			t.Errorf("scale %g: vertical header ink %v is not tall and narrow", scale, ink)
		}
	}
}

func TestTooLarge(t *testing.T) {
	s := &draw.Scene{Bounds: model.Rect{W: 1e6, H: 1200}}
	err := png.Write(&bytes.Buffer{}, s, 1)
	if err == nil || !strings.Contains(err.Error(), "too large") {
		t.Fatalf("want a too-large error, got %v", err)
	}
	sc := png.MaxScale(s)
	if sc <= 0 || sc >= 1 {
		t.Fatalf("MaxScale %g", sc)
	}
	// The picture at MaxScale fits (checked without painting 400 MB).
	if _, r := raster.Fit(s.Bounds, png.Margin, sc); r.Dx()*r.Dy() > png.MaxPixels {
		t.Errorf("%d pixels at MaxScale", r.Dx()*r.Dy())
	}
	for _, bad := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		if err := png.Write(&bytes.Buffer{}, rastertest.Sample(), bad); err == nil {
			t.Errorf("scale %g accepted", bad)
		}
	}
	if err := png.Write(&bytes.Buffer{}, nil, 1); err == nil {
		t.Errorf("nil scene accepted")
	}
}

// Band by band gives the same pixels as painting the whole picture at once.
func TestBandsMatchWholePicture(t *testing.T) {
	old, oldRows := *png.BandBytes, *png.MinBandRows
	*png.BandBytes, *png.MinBandRows = 4*820*2*37, 1 // 37 rows of the scale-2 picture: seams cross text and shapes
	defer func() { *png.BandBytes, *png.MinBandRows = old, oldRows }()
	s := rastertest.Sample()
	img := decode(t, s, 2)
	tr, r := raster.Fit(s.Bounds, png.Margin, 2)
	want := image.NewRGBA(r)
	stddraw.Draw(want, r, image.White, image.Point{}, stddraw.Src)
	raster.Paint(want, s, tr)
	if img.Bounds() != r {
		t.Fatalf("size %v, want %v", img.Bounds(), r)
	}
	bad := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			g, w := rgb(img.At(x, y)), want.RGBAAt(x, y)
			if d := max(absDiff(g.R, w.R), absDiff(g.G, w.G), absDiff(g.B, w.B)); d > 2 {
				if bad++; bad < 5 {
					t.Errorf("(%d,%d): %v, whole picture has %v", x, y, g, w)
				}
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d pixels differ", bad)
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// failWriter fails once it has taken n bytes.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return w.n, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

// A write error ends Write with that error (and stops the painter).
func TestWriteError(t *testing.T) {
	old, oldRows := *png.BandBytes, *png.MinBandRows
	*png.BandBytes, *png.MinBandRows = 4*820*8, 1 // many bands
	defer func() { *png.BandBytes, *png.MinBandRows = old, oldRows }()
	for _, n := range []int{0, 10, 5000} {
		err := png.Write(&failWriter{n: n}, rastertest.Sample(), 1)
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("after %d bytes: error %v, want disk full", n, err)
		}
	}
}
