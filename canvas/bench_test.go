package canvas

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"lanemap/edit"
	"lanemap/internal/gen"
	"lanemap/model"
)

// benchSize is a projector-sized editor area.
var benchSize = fyne.NewSize(1400, 900)

// BenchmarkOpen measures opening a generated map to its first frame: the
// session, the scene, the first (readable) view and the whole window painted by the
// software driver.
func BenchmarkOpen(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			test.NewTempApp(b)
			w := test.NewWindow(nil)
			defer w.Close()
			w.SetPadded(false)
			w.Resize(benchSize)
			for b.Loop() {
				b.StopTimer()
				d := gen.Collaboration(n) // making the model is not the editor's cost
				b.StartTimer()
				e := NewEditor(edit.NewSession(d, nil))
				w.SetContent(e)
				w.Canvas().Capture()
			}
		})
	}
}

// BenchmarkMove measures one move command applied and the canvas
// refreshed: MoveNodes, the scene rebuilt, the touched region repainted
// into the cached picture, the overlay rebuilt. The view is ZoomFitAll, so the
// whole map is visible.
func BenchmarkMove(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			test.NewTempApp(b)
			e := NewEditor(edit.NewSession(gen.Collaboration(n), nil))
			w := test.NewWindow(e)
			defer w.Close()
			w.SetPadded(false)
			w.Resize(benchSize)
			e.ZoomFitAll()
			ids := []string{"Node_4"}
			e.SetSelection(ids)
			sz := e.size
			e.r.generate(int(sz.Width), int(sz.Height))
			dx := 10.0
			for b.Loop() {
				if err := e.s.MoveNodes(ids, dx, 0); err != nil {
					b.Fatal(err)
				}
				dx = -dx
				e.r.generate(int(sz.Width), int(sz.Height))
			}
			if e.r.paints != 1 {
				b.Fatalf("%d full repaints; moves should repaint only their region", e.r.paints)
			}
		})
	}
}

// BenchmarkMoveAcrossLanes is BenchmarkMove with a move into the next
// lane: lane membership changes, so the scene is built anew and the
// picture repainted whole.
func BenchmarkMoveAcrossLanes(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			test.NewTempApp(b)
			e := NewEditor(edit.NewSession(gen.Collaboration(n), nil))
			w := test.NewWindow(e)
			defer w.Close()
			w.SetPadded(false)
			w.Resize(benchSize)
			e.ZoomFitAll()
			ids := []string{"Node_4"}
			e.SetSelection(ids)
			sz := e.size
			e.r.generate(int(sz.Width), int(sz.Height))
			lane := e.s.Doc.LaneOf("Node_4").ID
			dy := 140.0
			builds, paints := e.builds, e.r.paints
			for b.Loop() {
				if err := e.s.MoveNodes(ids, 0, dy); err != nil {
					b.Fatal(err)
				}
				dy = -dy
				e.r.generate(int(sz.Width), int(sz.Height))
			}
			if e.s.Doc.LaneOf("Node_4").ID == lane && b.N%2 == 1 {
				b.Fatal("the move did not change the lane")
			}
			b.ReportMetric(float64(e.builds-builds)/float64(b.N), "builds/op")
			b.ReportMetric(float64(e.r.paints-paints)/float64(b.N), "fullpaints/op")
		})
	}
}

// BenchmarkMoveFrame is BenchmarkMove plus a whole frame painted by the
// software driver, to compare the editor's share with Fyne's.
func BenchmarkMoveFrame(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			test.NewTempApp(b)
			e := NewEditor(edit.NewSession(gen.Collaboration(n), nil))
			w := test.NewWindow(e)
			defer w.Close()
			w.SetPadded(false)
			w.Resize(benchSize)
			e.ZoomFitAll()
			w.Canvas().Capture()
			ids := []string{"Node_4"}
			dx := 10.0
			for b.Loop() {
				if err := e.s.MoveNodes(ids, dx, 0); err != nil {
					b.Fatal(err)
				}
				dx = -dx
				w.Canvas().Capture()
			}
		})
	}
}

// BenchmarkDragFrame is one step of a drag preview: the overlay rebuilt,
// the cached picture reused.
func BenchmarkDragFrame(b *testing.B) {
	test.NewTempApp(b)
	e := NewEditor(edit.NewSession(gen.Collaboration(1000), nil))
	w := test.NewWindow(e)
	defer w.Close()
	w.SetPadded(false)
	w.Resize(benchSize)
	e.ZoomFitAll()
	e.SetSelection([]string{"Node_4"})
	sz := e.size
	e.r.generate(int(sz.Width), int(sz.Height))
	start := e.v.toScreen(e.shapes["Node_4"].Bounds.Center())
	e.drag.pressed, e.drag.pressAt = true, start
	step := fyne.Delta{DX: 1, DY: 0.5}
	for b.Loop() {
		e.Dragged(&fyne.DragEvent{Dragged: step})
		e.r.generate(int(sz.Width), int(sz.Height))
	}
	if e.drag.kind != dragMove || e.r.paints != 1 {
		b.Fatalf("drag kind %v, %d full repaints", e.drag.kind, e.r.paints)
	}
}

// BenchmarkPanFrame is one step of panning at 100 % and with the whole
// map fitted: the visible picture is painted anew.
func BenchmarkPanFrame(b *testing.B) {
	for _, c := range []struct {
		n   int
		fit bool
	}{{1000, false}, {5000, false}, {1000, true}, {5000, true}} {
		name := fmt.Sprintf("%d/100%%", c.n)
		if c.fit {
			name = fmt.Sprintf("%d/fit", c.n)
		}
		b.Run(name, func(b *testing.B) {
			n := c.n
			test.NewTempApp(b)
			e := NewEditor(edit.NewSession(gen.Collaboration(n), nil))
			w := test.NewWindow(e)
			defer w.Close()
			w.SetPadded(false)
			w.Resize(benchSize)
			e.ZoomFitAll() // 100 % about the map's middle, not its start
			e.SetZoom(1)
			if c.fit {
				e.ZoomFitAll()
			}
			sz := e.size
			e.r.generate(int(sz.Width), int(sz.Height))
			step := float32(-7)
			i := 0
			for b.Loop() {
				if i++; i%100 == 0 {
					step = -step
				}
				e.v = e.v.pan(step, step/2)
				e.r.generate(int(sz.Width), int(sz.Height))
			}
		})
	}
}

// BenchmarkDragEventFrame is one pointer step of dragging an intermediate
// event along a task's border: the search for an activity border to
// attach to (every activity is a candidate), the snapping and the overlay
// with the host's outline and the attach point; the picture is reused.
func BenchmarkDragEventFrame(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			test.NewTempApp(b)
			s := edit.NewSession(gen.Collaboration(n), nil)
			host := ""
			for _, nd := range s.Doc.Nodes {
				if nd.Kind.IsTask() && s.Shape(nd.ID) != nil {
					host = nd.ID
					break
				}
			}
			r := s.Shape(host).Bounds
			ev, err := s.AddTyped(edit.Spec{Kind: model.IntermediateCatchEvent, EventDefs: []string{model.TimerDef}},
				s.Doc.LaneOf(host).ID, model.Point{X: r.X + r.W/2, Y: r.Y + r.H + 100})
			if err != nil {
				b.Fatal(err)
			}
			e := NewEditor(s)
			w := test.NewWindow(e)
			defer w.Close()
			w.SetPadded(false)
			w.Resize(benchSize)
			e.SetZoom(1)
			e.SetSelection([]string{host})
			sz := e.size
			e.r.generate(int(sz.Width), int(sz.Height))
			c := e.shapes[ev].Bounds.Center()
			e.drag.pressed, e.drag.pressAt = true, e.v.toScreen(c)
			// Onto the bottom border, then to and fro along it.
			to := e.v.toScreen(model.Point{X: r.X + r.W/2, Y: r.Y + r.H})
			e.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: to.X - e.drag.pressAt.X, DY: to.Y - e.drag.pressAt.Y}})
			step := fyne.Delta{DX: 1}
			i := 0
			for b.Loop() {
				if i%40 == 20 {
					step.DX = -step.DX
				}
				i++
				e.Dragged(&fyne.DragEvent{Dragged: step})
				e.overlayObjects()
				e.r.generate(int(sz.Width), int(sz.Height))
			}
			if e.drag.kind != dragMove || e.drag.attach != host {
				b.Fatalf("drag kind %v, attach %q, want %q", e.drag.kind, e.drag.attach, host)
			}
		})
	}
}
