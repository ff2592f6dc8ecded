package raster

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/vector"
)

// coverage against x/image/vector on random polygons, self-crossing ones
// too: both sum signed areas and take the absolute value (the nonzero rule
// for whole pixels; where regions of different winding share a pixel both
// are off alike), so they agree but for rounding. The box is over 512
// pixels, where x/image/vector works in floating point (float32, a few
// levels off where many edges meet).
func TestCoverageMatchesVector(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	const w, h = 600, 520
	box := image.Rect(0, 0, w, h)
	for trial := range 40 {
		var polys [][]pt
		for range 1 + rnd.IntN(3) {
			n := 3 + rnd.IntN(8)
			poly := make([]pt, n)
			for i := range poly {
				// Some points outside the box, to check clipping.
				poly[i] = pt{rnd.Float64()*(w+200) - 100, rnd.Float64()*(h+200) - 100}
			}
			polys = append(polys, poly)
		}
		got := coverageAlpha(box, polys)
		var z vector.Rasterizer
		z.Reset(w, h)
		for _, p := range polys {
			z.MoveTo(float32(p[0].x), float32(p[0].y))
			for _, q := range p[1:] {
				z.LineTo(float32(q.x), float32(q.y))
			}
			z.ClosePath()
		}
		want := image.NewAlpha(box)
		z.DrawOp = xdraw.Src
		z.Draw(want, box, image.Opaque, image.Point{})
		bad := 0
		for i, a := range got {
			if d := int(a) - int(want.Pix[i]); d < -4 || d > 4 {
				if bad++; bad <= 3 {
					t.Errorf("trial %d: pixel (%d,%d): coverage %d, x/image/vector %d", trial, i%w, i/w, a, want.Pix[i])
				}
			}
		}
	}
}

// For a simple polygon (convex, so nothing overlaps) the coverage of a
// pixel is the share of it inside: checked against supersampling on
// pixels along the edges.
func TestCoverageIsArea(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 12))
	box := image.Rect(0, 0, 200, 150)
	for trial := range 10 {
		// A convex polygon: points on an ellipse in angle order.
		n := 3 + rnd.IntN(9)
		angles := make([]float64, n)
		for i := range angles {
			angles[i] = rnd.Float64() * 2 * math.Pi
		}
		slices.Sort(angles)
		poly := make([]pt, n)
		for i, a := range angles {
			poly[i] = pt{100 + 90*math.Cos(a), 75 + 70*math.Sin(a)}
		}
		got := coverageAlpha(box, [][]pt{poly})
		checked := 0
		for i := 0; i < len(got) && checked < 25; i += 1 + rnd.IntN(40) {
			if got[i] == 0 || got[i] == 255 {
				continue // well inside or outside: only edge pixels tell
			}
			checked++
			x, y := i%box.Dx(), i/box.Dx()
			if truth := sampledCoverage([][]pt{poly}, x, y) * 255; float64(got[i]) < truth-1.5 || float64(got[i]) > truth+1.5 {
				t.Errorf("trial %d: pixel (%d,%d) coverage %d, sampling finds %.2f", trial, x, y, got[i], truth)
			}
		}
		if checked < 5 {
			t.Errorf("trial %d: only %d edge pixels checked", trial, checked)
		}
	}
}

// coverageAlpha is the coverage of polys in box, as alpha 0–255 per pixel.
func coverageAlpha(box image.Rectangle, polys [][]pt) []uint8 {
	img := image.NewRGBA(box)
	cv := getCoverage(box)
	for _, p := range polys {
		cv.add(p)
	}
	cv.paint(img, color.RGBA{0, 0, 0, 255})
	putCoverage(cv)
	a := make([]uint8, box.Dx()*box.Dy())
	for i := range a {
		a[i] = img.Pix[4*i+3]
	}
	return a
}

// sampledCoverage is the share of pixel (x, y) with a nonzero winding
// number, counted on a 128×128 grid (within about half a level).
func sampledCoverage(polys [][]pt, x, y int) float64 {
	const n = 128
	in := 0
	for sy := range n {
		for sx := range n {
			px, py := float64(x)+(float64(sx)+0.5)/n, float64(y)+(float64(sy)+0.5)/n
			wn := 0
			for _, p := range polys {
				for i, b := range p {
					a := p[(i+len(p)-1)%len(p)]
					side := (b.x-a.x)*(py-a.y) - (px-a.x)*(b.y-a.y)
					switch {
					case a.y <= py && b.y > py && side > 0:
						wn++
					case a.y > py && b.y <= py && side < 0:
						wn--
					}
				}
			}
			if wn != 0 {
				in++
			}
		}
	}
	return float64(in) / n / n
}

// Offsetting the box (as tiles do) changes nothing: rows are exact.
func TestCoverageInParts(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	poly := make([]pt, 12)
	for i := range poly {
		poly[i] = pt{rnd.Float64() * 300, rnd.Float64() * 200}
	}
	c := premul(color.NRGBA{20, 90, 200, 170})
	whole := image.NewRGBA(image.Rect(0, 0, 300, 200))
	parts := image.NewRGBA(whole.Rect)
	paint := func(dst *image.RGBA, box image.Rectangle) {
		cv := getCoverage(box)
		cv.add(poly)
		cv.paint(dst, c)
		putCoverage(cv)
	}
	paint(whole, whole.Rect)
	for y := 0; y < 200; y += 23 {
		for x := 0; x < 300; x += 31 {
			paint(parts, image.Rect(x, y, x+31, y+23).Intersect(parts.Rect))
		}
	}
	for i := range whole.Pix {
		if d := int(whole.Pix[i]) - int(parts.Pix[i]); d < -1 || d > 1 {
			t.Fatalf("pixel (%d,%d): whole %d, in parts %d", i/4%300, i/4/300, whole.Pix[i], parts.Pix[i])
		}
	}
}

// Coordinates no map has (huge, tiny heights, far off the box) paint
// nothing wrong and never index outside the picture.
func TestCoverageHostile(t *testing.T) {
	box := image.Rect(10, 10, 60, 40)
	img := image.NewRGBA(image.Rect(0, 0, 70, 50))
	for _, poly := range [][]pt{
		{{0, 0}, {1e300, 20}, {0, 30}},
		{{-1e300, 15}, {1e300, 15 + 1e-300}, {30, 35}},
		{{-1e308, 12}, {1e308, 30}, {0, 35}}, // the slope overflows to infinity
		{{20, 20}, {1e18, 20.0000001}, {20, 20.0000002}},
		{{5e8, -5e8}, {-5e8, 5e8}, {5e8, 5e8}},
		{{math.Inf(1), 20}, {30, math.NaN()}, {30, 30}},
	} {
		cv := getCoverage(box)
		cv.add(poly)
		cv.paint(img, color.RGBA{0, 0, 0, 255})
		putCoverage(cv)
	}
	for y := range 50 {
		for x := range 70 {
			if !(image.Pt(x, y).In(box)) && img.RGBAAt(x, y) != (color.RGBA{}) {
				t.Fatalf("pixel (%d,%d) outside the box painted", x, y)
			}
		}
	}
}

// fillRectAA, the shortcut for axis-aligned rectangles (straight lines,
// pools, lanes), paints what coverage paints for the same rectangle.
func TestFillRectMatchesCoverage(t *testing.T) {
	rnd := rand.New(rand.NewPCG(13, 14))
	c := premul(color.NRGBA{30, 120, 200, 160})
	for trial := range 200 {
		x0, y0 := rnd.Float64()*60-10, rnd.Float64()*40-10
		r := fRect{x0, y0, x0 + rnd.Float64()*40, y0 + rnd.Float64()*30}
		if trial%5 == 0 {
			r.x1 = r.x0 + rnd.Float64() // thinner than a pixel
		}
		clip := image.Rect(rnd.IntN(10), rnd.IntN(10), 40+rnd.IntN(20), 25+rnd.IntN(15))
		want, got := image.NewRGBA(image.Rect(0, 0, 64, 48)), image.NewRGBA(image.Rect(0, 0, 64, 48))
		for i := range want.Pix {
			want.Pix[i], got.Pix[i] = uint8(i*13), uint8(i*13)
		}
		cv := getCoverage(clip)
		cv.add([]pt{{r.x0, r.y0}, {r.x1, r.y0}, {r.x1, r.y1}, {r.x0, r.y1}})
		cv.paint(want, c)
		putCoverage(cv)
		fillRectAA(got, r, c, clip)
		for i := range want.Pix {
			if d := int(want.Pix[i]) - int(got.Pix[i]); d < -1 || d > 1 {
				t.Fatalf("trial %d, rect %+v, clip %v: pixel (%d,%d) channel %d: %d, coverage gives %d", trial, r, clip, i/4%64, i/4/64, i%4, got.Pix[i], want.Pix[i])
			}
		}
	}
}
