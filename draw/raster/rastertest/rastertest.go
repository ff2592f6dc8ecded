// Package rastertest builds hand-made scenes for the tests and benchmarks
// of the scene backends (raster, SVG, PDF, PNG), so all of them check the
// same pictures without needing draw.Build.
package rastertest

import (
	"fmt"
	"image/color"

	"lanemap/draw"
	"lanemap/model"
)

// Colours used by the sample scenes.
var (
	Black     = color.NRGBA{0, 0, 0, 255}
	White     = color.NRGBA{255, 255, 255, 255}
	TaskFill  = color.NRGBA{0xe8, 0xf1, 0xfb, 255} // pale blue
	GroupFill = color.NRGBA{0x00, 0x80, 0x00, 77}  // translucent green
	Handover  = color.NRGBA{0xff, 0x8c, 0x00, 90}  // translucent orange
	Red       = color.NRGBA{0xd0, 0x10, 0x10, 255}
)

// Fixed places in Sample, for tests that look at pixels.
var (
	// TaskBox is the rounded task "Ta emot ansökan" (fill TaskFill).
	TaskBox = model.Rect{X: 120, Y: 40, W: 100, H: 80}
	// SolidBox is an opaque red square with no stroke.
	SolidBox = model.Rect{X: 640, Y: 200, W: 60, H: 60}
	// GroupBox is a translucent green rectangle over the pool's white.
	GroupBox = model.Rect{X: 500, Y: 180, W: 100, H: 90}
	// HeaderBox is the pool's vertical label band.
	HeaderBox = model.Rect{X: 0, Y: 0, W: 30, H: 300}
	// BoldBox holds the bold label "Beslut & åtgärd".
	BoldBox = model.Rect{X: 300, Y: 190, W: 160, H: 20}
)

// Hostile is label text an SVG writer must escape.
const Hostile = `<script>alert("x")</script> & 'quoted' ]]>`

// Rect is a closed rectangle path.
func Rect(r model.Rect) *draw.Path {
	return &draw.Path{Segs: []draw.Seg{
		{Op: draw.MoveTo, Pts: [3]model.Point{{X: r.X, Y: r.Y}}},
		{Op: draw.LineTo, Pts: [3]model.Point{{X: r.X + r.W, Y: r.Y}}},
		{Op: draw.LineTo, Pts: [3]model.Point{{X: r.X + r.W, Y: r.Y + r.H}}},
		{Op: draw.LineTo, Pts: [3]model.Point{{X: r.X, Y: r.Y + r.H}}},
		{Op: draw.Close},
	}}
}

// kappa places cubic control points for a quarter circle.
const kappa = 0.5522847498

// RoundRect is a rectangle with corners of radius rad, built from cubics.
func RoundRect(r model.Rect, rad float64) *draw.Path {
	k := rad * (1 - kappa)
	x0, y0, x1, y1 := r.X, r.Y, r.X+r.W, r.Y+r.H
	p := func(x, y float64) model.Point { return model.Point{X: x, Y: y} }
	return &draw.Path{Segs: []draw.Seg{
		{Op: draw.MoveTo, Pts: [3]model.Point{p(x0+rad, y0)}},
		{Op: draw.LineTo, Pts: [3]model.Point{p(x1-rad, y0)}},
		{Op: draw.CubicTo, Pts: [3]model.Point{p(x1-k, y0), p(x1, y0+k), p(x1, y0+rad)}},
		{Op: draw.LineTo, Pts: [3]model.Point{p(x1, y1-rad)}},
		{Op: draw.CubicTo, Pts: [3]model.Point{p(x1, y1-k), p(x1-k, y1), p(x1-rad, y1)}},
		{Op: draw.LineTo, Pts: [3]model.Point{p(x0+rad, y1)}},
		{Op: draw.CubicTo, Pts: [3]model.Point{p(x0+k, y1), p(x0, y1-k), p(x0, y1-rad)}},
		{Op: draw.LineTo, Pts: [3]model.Point{p(x0, y0+rad)}},
		{Op: draw.CubicTo, Pts: [3]model.Point{p(x0, y0+k), p(x0+k, y0), p(x0+rad, y0)}},
		{Op: draw.Close},
	}}
}

// Circle is a circle of radius r about c, four cubics.
func Circle(c model.Point, r float64) *draw.Path {
	k := r * kappa
	p := func(x, y float64) model.Point { return model.Point{X: c.X + x, Y: c.Y + y} }
	return &draw.Path{Segs: []draw.Seg{
		{Op: draw.MoveTo, Pts: [3]model.Point{p(r, 0)}},
		{Op: draw.CubicTo, Pts: [3]model.Point{p(r, k), p(k, r), p(0, r)}},
		{Op: draw.CubicTo, Pts: [3]model.Point{p(-k, r), p(-r, k), p(-r, 0)}},
		{Op: draw.CubicTo, Pts: [3]model.Point{p(-r, -k), p(-k, -r), p(0, -r)}},
		{Op: draw.CubicTo, Pts: [3]model.Point{p(k, -r), p(r, -k), p(r, 0)}},
		{Op: draw.Close},
	}}
}

// Poly is an open polyline (closed when close is set).
func Poly(close bool, pts ...model.Point) *draw.Path {
	p := &draw.Path{}
	for i, q := range pts {
		op := draw.LineTo
		if i == 0 {
			op = draw.MoveTo
		}
		p.Segs = append(p.Segs, draw.Seg{Op: op, Pts: [3]model.Point{q}})
	}
	if close {
		p.Segs = append(p.Segs, draw.Seg{Op: draw.Close})
	}
	return p
}

func pt(x, y float64) model.Point { return model.Point{X: x, Y: y} }

// Label is a text item the way draw lays labels out (Noto Sans metrics:
// ascent 1.069 em, line height 1.362 em).
func Label(el string, part draw.Part, box model.Rect, size float64, align draw.Align, bold, vertical bool, lines ...string) draw.Item {
	return draw.Item{Element: el, Part: part, Bounds: box, Text: &draw.Text{
		Lines: lines, Box: box, Size: size, LineHeight: size * 1.362, Ascent: size * 1.069,
		Align: align, Bold: bold, Vertical: vertical, Color: Black,
	}}
}

// Sample is one small picture with every primitive the backends must
// paint: straight and curved paths, fill and stroke, a dashed line,
// translucent fills and strokes, normal, bold and vertical text, Swedish
// letters and text that needs escaping. Items of one element are
// consecutive except the task label, drawn last, as draw may do.
func Sample() *draw.Scene {
	s := &draw.Scene{Bounds: model.Rect{X: 0, Y: 0, W: 800, H: 300}}
	add := func(it draw.Item) { s.Items = append(s.Items, it) }
	pool := model.Rect{X: 0, Y: 0, W: 800, H: 300}
	add(draw.Item{Element: "Pool_1", Part: draw.PartBody, Bounds: pool, Path: Rect(pool),
		Style: draw.Style{Fill: White, Stroke: Black, Width: 1.5}})
	add(draw.Item{Element: "Pool_1", Part: draw.PartLaneHeader, Bounds: pool, Path: Poly(false, pt(30, 0), pt(30, 300)),
		Style: draw.Style{Stroke: Black, Width: 1.5}})
	// The header box is the unrotated layout box: as wide as the band is tall.
	add(Label("Pool_1", draw.PartLaneHeader, model.Rect{X: 15 - 150, Y: 150 - 15, W: 300, H: 30}, 12, draw.AlignCenter, false, true,
		"Socialtjänst – Äldreomsorg"))
	add(draw.Item{Element: "Lane_1", Part: draw.PartBody, Bounds: model.Rect{X: 30, Y: 0, W: 770, H: 150},
		Path: Poly(false, pt(30, 150), pt(800, 150)), Style: draw.Style{Stroke: Black, Width: 1}})

	start := model.Rect{X: 52, Y: 62, W: 36, H: 36}
	add(draw.Item{Element: "Start_1", Part: draw.PartBody, Bounds: start, Path: Circle(start.Center(), 18),
		Style: draw.Style{Fill: White, Stroke: Black, Width: 2}})
	add(draw.Item{Element: "Flow_1", Part: draw.PartHandover, Bounds: model.Rect{X: 88, Y: 80, W: 32, H: 0},
		Path: Poly(false, pt(88, 80), pt(120, 80)), Style: draw.Style{Stroke: Handover, Width: 10}})
	add(draw.Item{Element: "Flow_1", Part: draw.PartEdge, Bounds: model.Rect{X: 88, Y: 80, W: 32, H: 0},
		Path: Poly(false, pt(88, 80), pt(120, 80)), Style: draw.Style{Stroke: Black, Width: 1.5}})
	add(draw.Item{Element: "Flow_1", Part: draw.PartArrow, Bounds: model.Rect{X: 88, Y: 80, W: 32, H: 0},
		Path: Poly(true, pt(120, 80), pt(109, 76), pt(109, 84)), Style: draw.Style{Fill: Black, Stroke: Black, Width: 1}})
	add(draw.Item{Element: "Task_1", Part: draw.PartBody, Bounds: TaskBox, Path: RoundRect(TaskBox, 10),
		Style: draw.Style{Fill: TaskFill, Stroke: Black, Width: 2}})
	// A user-task style marker: a small curved icon.
	add(draw.Item{Element: "Task_1", Part: draw.PartMarker, Bounds: TaskBox, Path: Circle(pt(135, 55), 6),
		Style: draw.Style{Stroke: Black, Width: 1}})

	// Gateway with an X, and a handover flow down into the second lane.
	gw := model.Rect{X: 255, Y: 55, W: 50, H: 50}
	add(draw.Item{Element: "Gateway_1", Part: draw.PartBody, Bounds: gw,
		Path: Poly(true, pt(280, 55), pt(305, 80), pt(280, 105), pt(255, 80)), Style: draw.Style{Fill: White, Stroke: Black, Width: 2}})
	add(draw.Item{Element: "Gateway_1", Part: draw.PartMarker, Bounds: gw,
		Path: &draw.Path{Segs: []draw.Seg{
			{Op: draw.MoveTo, Pts: [3]model.Point{pt(271, 71)}}, {Op: draw.LineTo, Pts: [3]model.Point{pt(289, 89)}},
			{Op: draw.MoveTo, Pts: [3]model.Point{pt(289, 71)}}, {Op: draw.LineTo, Pts: [3]model.Point{pt(271, 89)}},
		}}, Style: draw.Style{Stroke: Black, Width: 3}})
	add(draw.Item{Element: "Flow_2", Part: draw.PartEdge, Bounds: model.Rect{X: 280, Y: 105, W: 100, H: 95},
		Path: Poly(false, pt(280, 105), pt(280, 230), pt(380, 230)), Style: draw.Style{Stroke: Black, Width: 1.5}})
	add(Label("Flow_2", draw.PartLabel, BoldBox, 11, draw.AlignLeft, true, false, "Beslut & åtgärd"))

	// A dashed message flow with an open circle and an open arrowhead.
	add(draw.Item{Element: "Msg_1", Part: draw.PartEdge, Bounds: model.Rect{X: 420, Y: 20, W: 0, H: 130},
		Path: Poly(false, pt(420, 20), pt(420, 150)), Style: draw.Style{Stroke: Black, Width: 1.5, Dash: []float64{10, 6}}})
	add(draw.Item{Element: "Msg_1", Part: draw.PartArrow, Bounds: model.Rect{X: 420, Y: 20, W: 0, H: 130},
		Path: Circle(pt(420, 24), 4), Style: draw.Style{Fill: White, Stroke: Black, Width: 1.5}})
	add(draw.Item{Element: "Msg_1", Part: draw.PartArrow, Bounds: model.Rect{X: 420, Y: 20, W: 0, H: 130},
		Path: Poly(true, pt(420, 150), pt(415, 139), pt(425, 139)), Style: draw.Style{Fill: White, Stroke: Black, Width: 1.5}})

	add(draw.Item{Element: "Group_1", Part: draw.PartBody, Bounds: GroupBox, Path: Rect(GroupBox),
		Style: draw.Style{Fill: GroupFill, Stroke: Black, Width: 1, Dash: []float64{8, 3, 1, 3}}})
	add(draw.Item{Element: "Solid_1", Part: draw.PartBody, Bounds: SolidBox, Path: Rect(SolidBox),
		Style: draw.Style{Fill: Red}})
	add(Label("Note_1", draw.PartLabel, model.Rect{X: 480, Y: 30, W: 300, H: 40}, 11, draw.AlignRight, false, false,
		Hostile, "Åsa, Örjan & Märta"))

	// The task label comes last, apart from its body.
	add(Label("Task_1", draw.PartLabel, TaskBox.Inset(5), 12, draw.AlignCenter, false, false, "Ta emot", "ansökan"))
	return s
}

// Grid is a synthetic scene of n tasks in lanes of 20, each with a rounded
// body, a marker, a two-line label and a flow with an arrowhead to the
// next task, for benchmarks before draw.Build can make real ones.
func Grid(n int) *draw.Scene {
	const perLane, dx, laneH = 20, 150, 140
	lanes := (n + perLane - 1) / perLane
	w := float64(perLane*dx + 60)
	s := &draw.Scene{Bounds: model.Rect{W: w, H: float64(lanes * laneH)}}
	for l := 0; l < lanes; l++ {
		lane := model.Rect{Y: float64(l * laneH), W: w, H: laneH}
		id := fmt.Sprintf("Lane_%d", l)
		s.Items = append(s.Items,
			draw.Item{Element: id, Part: draw.PartBody, Bounds: lane, Path: Rect(lane), Style: draw.Style{Fill: White, Stroke: Black, Width: 1.5}},
			Label(id, draw.PartLaneHeader, model.Rect{X: 15 - 70, Y: lane.Y + 70 - 15, W: 140, H: 30}, 12, draw.AlignCenter, false, true,
				fmt.Sprintf("Roll %d", l)))
	}
	for i := 0; i < n; i++ {
		l, c := i/perLane, i%perLane
		box := model.Rect{X: float64(60 + c*dx), Y: float64(l*laneH + 30), W: 100, H: 80}
		id := fmt.Sprintf("Task_%d", i)
		s.Items = append(s.Items,
			draw.Item{Element: id, Part: draw.PartBody, Bounds: box, Path: RoundRect(box, 10), Style: draw.Style{Fill: TaskFill, Stroke: Black, Width: 2}},
			draw.Item{Element: id, Part: draw.PartMarker, Bounds: box, Path: Circle(pt(box.X+14, box.Y+14), 6), Style: draw.Style{Stroke: Black, Width: 1}},
			Label(id, draw.PartLabel, box.Inset(5), 12, draw.AlignCenter, false, false, fmt.Sprintf("Granska ärende %d", i), "och besluta"))
		if c < perLane-1 && i+1 < n {
			y := box.Y + 40
			fid := fmt.Sprintf("Flow_%d", i)
			fb := model.Rect{X: box.X + 100, Y: y, W: 50}
			s.Items = append(s.Items,
				draw.Item{Element: fid, Part: draw.PartEdge, Bounds: fb, Path: Poly(false, pt(box.X+100, y), pt(box.X+150, y)), Style: draw.Style{Stroke: Black, Width: 1.5}},
				draw.Item{Element: fid, Part: draw.PartArrow, Bounds: fb, Path: Poly(true, pt(box.X+150, y), pt(box.X+139, y-4), pt(box.X+139, y+4)), Style: draw.Style{Fill: Black, Stroke: Black, Width: 1}})
		}
	}
	return s
}
