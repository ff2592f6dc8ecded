package draw

import (
	"slices"
	"testing"

	"lanemap/model"
)

func TestHitTest(t *testing.T) {
	f := tiny()
	// A group around the end event: hit on its dashed line only.
	f.node("g", model.Group, "Grupp", 270, 110, 100, 80)
	sc := Build(f.d, f.g, Options{MarkHandovers: true})
	for _, tc := range []struct {
		name string
		p    model.Point
		tol  float64
		want []string
	}{
		{"task inside lane inside pool", model.Point{X: 190, Y: 60}, 2, []string{"t", "L1", "P"}},
		{"lane body only", model.Point{X: 380, Y: 20}, 2, []string{"L1", "P"}},
		{"lane header band", model.Point{X: 45, Y: 150}, 2, []string{"L2", "P"}},
		{"pool band", model.Point{X: 10, Y: 10}, 2, []string{"P"}},
		{"edge over lane", model.Point{X: 118, Y: 51}, 3, []string{"f1", "L1", "P"}},
		{"edge just out of tolerance", model.Point{X: 118, Y: 55}, 3, []string{"L1", "P"}},
		{"vertical edge on the lane border", model.Point{X: 320, Y: 100}, 3, []string{"f2", "L2", "L1", "P"}},
		{"event", model.Point{X: 78, Y: 50}, 0, []string{"s", "L1", "P"}},
		{"event label picks the event", model.Point{X: 78, Y: 78}, 0, []string{"s", "L1", "P"}},
		{"group border", model.Point{X: 270.5, Y: 150}, 2, []string{"g", "L2", "P"}},
		{"inside group but not on a node", model.Point{X: 280, Y: 150}, 2, []string{"L2", "P"}},
		{"node inside group", model.Point{X: 318, Y: 150}, 2, []string{"e", "L2", "P"}},
		{"outside everything", model.Point{X: 900, Y: 900}, 5, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := sc.HitTest(tc.p, tc.tol)
			if !slices.Equal(got, tc.want) {
				t.Errorf("HitTest(%v, %v) = %q, want %q", tc.p, tc.tol, got, tc.want)
			}
		})
	}
}

func TestHitTestEdgeBeforeShapeBelow(t *testing.T) {
	f := newFixture()
	f.node("a", model.Task, "A", 0, 0, 100, 80)
	// An edge crossing the task's middle.
	f.flow("x", model.SequenceFlow, "a", "a", -20, 40, 120, 40)
	sc := Build(f.d, f.g, Options{})
	got := sc.HitTest(model.Point{X: 50, Y: 41}, 3)
	if want := []string{"x", "a"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestHitTestNilAndNaN(t *testing.T) {
	var sc *Scene
	if got := sc.HitTest(model.Point{}, 1); got != nil {
		t.Errorf("nil scene: %q", got)
	}
	f := tiny()
	sc = Build(f.d, f.g, Options{})
	if got := sc.HitTest(model.Point{X: 190, Y: 60}, -1); !slices.Equal(got, []string{"t", "L1", "P"}) {
		t.Errorf("negative tolerance: %q", got)
	}
}
