package draw

import (
	"fmt"
	"testing"

	"lanemap/internal/gen"
	"lanemap/model"
)

// BenchmarkBuild builds the scene of generated collaborations (one pool,
// eight lanes, many handovers) with handovers marked and role colours, as
// the editor and the site do.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		d := gen.Collaboration(n)
		g := d.Diagrams[0]
		opt := Options{MarkHandovers: true, RoleColors: roleColors}
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Build(d, g, opt)
			}
		})
	}
}

// BenchmarkHitTest picks a point in the middle of a 5,000-node scene.
func BenchmarkHitTest(b *testing.B) {
	d := gen.Collaboration(5000)
	sc := Build(d, d.Diagrams[0], Options{})
	c := sc.Bounds.Center()
	b.ReportAllocs()
	for b.Loop() {
		sc.HitTest(model.Point{X: c.X, Y: c.Y}, 4)
	}
}

func BenchmarkWrap(b *testing.B) {
	text := "Pröva ansökan om bistånd enligt socialtjänstlagen och dokumentera beslutet"
	b.ReportAllocs()
	for b.Loop() {
		Wrap(text, 90, NodeFontSize, false)
	}
}

// TestGeneratedDrawn runs the drawn-at-DI check on a generated map.
func TestGeneratedDrawn(t *testing.T) {
	d := gen.Collaboration(300)
	g := d.Diagrams[0]
	sc := Build(d, g, Options{MarkHandovers: true})
	checkDrawn(t, d, g, sc)
	if len(sc.Handovers) == 0 || len(sc.Handovers) != len(d.Handovers()) {
		t.Errorf("scene lists %d handovers, model has %d", len(sc.Handovers), len(d.Handovers()))
	}
}
