package raster

import (
	"image"
	"image/color"
	"testing"

	xdraw "image/draw"

	"lanemap/draw"
	"lanemap/internal/gen"
	"lanemap/model"
)

// Cutting strokes into rows and column groups must paint what one pass
// over each stroke's whole box paints: the generated map (long lane and
// pool borders, handovers, dashed message flows) and long translucent
// polylines whose pieces meet at joins across row boundaries.
func TestStrokeTilingMatchesWholeBox(t *testing.T) {
	// x/image/vector accumulates in fixed point in boxes up to 512 pixels
	// and in floating point beyond, which differs by up to three levels;
	// the hand-made scene stays under 512 pixels, so it must match within
	// one level (coordinates round differently from each box's origin).
	zigzag := &draw.Path{}
	zigzag.Segs = append(zigzag.Segs, draw.Seg{Op: draw.MoveTo, Pts: [3]model.Point{{X: 5, Y: 5}}})
	for i := 1; i < 30; i++ {
		zigzag.Segs = append(zigzag.Segs, draw.Seg{Op: draw.LineTo, Pts: [3]model.Point{{X: 5 + float64(i)*12.7, Y: 5 + float64(i%3)*151.7}}})
	}
	outline := &draw.Path{}
	for i, p := range []model.Point{{X: 3, Y: 3}, {X: 375, Y: 3}, {X: 375, Y: 370}, {X: 3, Y: 370}} {
		op := draw.LineTo
		if i == 0 {
			op = draw.MoveTo
		}
		outline.Segs = append(outline.Segs, draw.Seg{Op: op, Pts: [3]model.Point{p}})
	}
	outline.Segs = append(outline.Segs, draw.Seg{Op: draw.Close})
	d := gen.Collaboration(60)
	for _, c := range []struct {
		name  string
		scene *draw.Scene
		tol   int
	}{
		{"translucent strokes", &draw.Scene{Bounds: model.Rect{W: 380, H: 375}, Items: []draw.Item{
			{Path: zigzag, Style: draw.Style{Stroke: color.NRGBA{200, 0, 0, 120}, Width: 7}},
			{Path: zigzag, Style: draw.Style{Stroke: color.NRGBA{0, 0, 200, 90}, Width: 2, Dash: []float64{9, 4}}},
			{Path: outline, Style: draw.Style{Stroke: color.NRGBA{0, 120, 0, 140}, Width: 3.5}},
		}}, 1},
		{"generated map", draw.Build(d, d.Diagrams[0], draw.Options{MarkHandovers: true}), 2},
	} {
		s, tol := c.scene, c.tol
		t.Run(c.name, func(t *testing.T) {
			paint := func(tiled bool) *image.RGBA {
				tileStrokes = tiled
				defer func() { tileStrokes = true }()
				tr, r := Fit(s.Bounds, 10, 1.3)
				img := image.NewRGBA(r)
				xdraw.Draw(img, r, image.White, image.Point{}, xdraw.Src)
				Paint(img, s, tr)
				return img
			}
			whole, tiled := paint(false), paint(true)
			bad := 0
			for i := range whole.Pix {
				if d := int(whole.Pix[i]) - int(tiled.Pix[i]); d < -tol || d > tol {
					if bad++; bad <= 5 {
						x, y := (i/4)%whole.Rect.Dx(), i/4/whole.Rect.Dx()
						t.Errorf("pixel (%d,%d) channel %d: whole box %d, cut up %d", x, y, i%4, whole.Pix[i], tiled.Pix[i])
					}
				}
			}
			if bad > 5 {
				t.Errorf("%d channel values differ in all", bad)
			}
		})
	}
}
