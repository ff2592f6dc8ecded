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

// A picture painted tile by tile (as the PNG export and the editor paint)
// equals one painted whole: the generated map (long lane and pool
// borders, handovers, dashed message flows) and translucent polylines
// whose pieces meet at joins across tile seams. Coverage is computed for
// each row exactly, so only rounding may differ, by a level at most; the
// map's sideways lane labels come from x/image/vector, whose fixed-point
// steps depend on the box, by two.
func TestTilesMatchWholePicture(t *testing.T) {
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
			paint := func(tile int) *image.RGBA {
				tr, r := Fit(s.Bounds, 10, 1.3)
				img := image.NewRGBA(r)
				xdraw.Draw(img, r, image.White, image.Point{}, xdraw.Src)
				for y := 0; y < r.Dy(); y += tile {
					for x := 0; x < r.Dx(); x += tile {
						PaintClip(img, s, tr, image.Rect(x, y, x+tile, y+tile))
					}
				}
				return img
			}
			whole, tiled := paint(1<<20), paint(37)
			bad := 0
			for i := range whole.Pix {
				if d := int(whole.Pix[i]) - int(tiled.Pix[i]); d < -tol || d > tol {
					if bad++; bad <= 5 {
						x, y := (i/4)%whole.Rect.Dx(), i/4/whole.Rect.Dx()
						t.Errorf("pixel (%d,%d) channel %d: whole %d, in tiles %d", x, y, i%4, whole.Pix[i], tiled.Pix[i])
					}
				}
			}
			if bad > 5 {
				t.Errorf("%d channel values differ in all", bad)
			}
		})
	}
}
