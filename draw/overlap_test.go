package draw_test

import (
	"image"
	"image/color"
	"testing"

	"lanemap/draw"
	"lanemap/draw/raster"
	"lanemap/model"
)

// TestCopyOnTopHidesWhatIsBeneath paints a task with a long name and, on
// top of it, an unnamed shape (a pasted copy of the task, an event, a
// gateway, data): inside the upper shape's outline every pixel must be its
// own fill, with nothing of the name beneath showing through.
func TestCopyOnTopHidesWhatIsBeneath(t *testing.T) {
	for _, tc := range []struct {
		kind   model.Kind
		w, h   float64
		lo, hi float64 // probed part of the shape's box, in fractions
	}{
		{model.Task, 100, 80, 0.1, 0.9},
		{model.UserTask, 100, 80, 0.35, 0.75}, // clear of its icon
		{model.SubProcess, 100, 80, 0.1, 0.7}, // clear of its "+"
		{model.CallActivity, 100, 80, 0.1, 0.7},
		{model.StartEvent, 36, 36, 0.3, 0.7},
		{model.ExclusiveGateway, 50, 50, 0.35, 0.65},
		{model.DataObjectReference, 36, 50, 0.3, 0.7},
		{model.DataStoreReference, 50, 50, 0.5, 0.75}, // below its rings
	} {
		for _, dark := range []bool{false, true} {
			name := string(tc.kind)
			if dark {
				name += "/dark"
			}
			t.Run(name, func(t *testing.T) {
				under := model.Rect{X: 0, Y: 0, W: 100, H: 80}
				// Centred on the task, a little off so edges differ.
				r := model.Rect{X: 52 - tc.w/2, Y: 42 - tc.h/2, W: tc.w, H: tc.h}
				d := &model.Definitions{ID: "defs", Nodes: []*model.Node{
					{ID: "under", Kind: model.Task, Name: "Beneath beneath beneath beneath beneath beneath beneath", Container: "p"},
					{ID: "copy", Kind: tc.kind, Container: "p", CancelActivity: true, IsInterrupting: true},
				}}
				g := &model.Diagram{ID: "g", Shapes: []*model.Shape{
					{ID: "under_di", Element: "under", Bounds: under},
					{ID: "copy_di", Element: "copy", Bounds: r},
				}}
				d.Touch()
				sc := draw.Build(d, g, draw.Options{Dark: dark})
				var fill color.NRGBA
				for _, it := range sc.Items {
					if it.Element == "copy" && it.Part == draw.PartBody && it.Style.Fill.A != 0 {
						fill = it.Style.Fill
						break
					}
				}
				if fill.A != 0xff {
					t.Fatalf("copy's body fill %v is not opaque", fill)
				}
				const scale = 4
				tr, size := raster.Fit(sc.Bounds, 0, scale)
				img := image.NewRGBA(size)
				raster.Paint(img, sc, tr)
				x0, y0 := tr.Apply(model.Point{X: r.X + r.W*tc.lo, Y: r.Y + r.H*tc.lo})
				x1, y1 := tr.Apply(model.Point{X: r.X + r.W*tc.hi, Y: r.Y + r.H*tc.hi})
				bad := 0
				for y := int(y0); y < int(y1); y++ {
					for x := int(x0); x < int(x1); x++ {
						if diff(img.RGBAAt(x, y), fill) > 24 {
							bad++
						}
					}
				}
				if bad > 0 {
					t.Errorf("%d pixels inside the copy are not its fill %v (the text beneath shows through)", bad, fill)
				}
			})
		}
	}
}

func diff(c color.RGBA, f color.NRGBA) int {
	a := func(x, y uint8) int {
		if x > y {
			return int(x - y)
		}
		return int(y - x)
	}
	return max(a(c.R, f.R), a(c.G, f.G), a(c.B, f.B))
}
