package draw_test

import (
	"fmt"
	"image/color"
	"testing"

	"lanemap/draw"
	"lanemap/draw/raster/rastertest"
	"lanemap/internal/gen"
	"lanemap/model"
)

// BenchmarkBuild builds the scene of generated collaborations (one pool,
// eight lanes, many handovers) with handovers marked and role colours, as
// the editor and the site do. cpu-ms/op is the process CPU time per build,
// which stays meaningful when other work shares the machine.
func BenchmarkBuild(b *testing.B) {
	roles := map[string]color.NRGBA{"Handläggare": {0xe3, 0xf2, 0xfd, 0xff}, "Utförare": {0xe8, 0xf5, 0xe9, 0xff}}
	for _, n := range []int{100, 1000, 5000} {
		d := gen.Collaboration(n)
		g := d.Diagrams[0]
		opt := draw.Options{MarkHandovers: true, RoleColors: roles}
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			start := rastertest.CPU()
			for b.Loop() {
				draw.Build(d, g, opt)
			}
			rastertest.ReportCPU(b, start)
		})
	}
}

// BenchmarkHitTest picks a point in the middle of a 5,000-node scene.
func BenchmarkHitTest(b *testing.B) {
	d := gen.Collaboration(5000)
	sc := draw.Build(d, d.Diagrams[0], draw.Options{})
	c := sc.Bounds.Center()
	b.ReportAllocs()
	start := rastertest.CPU()
	for b.Loop() {
		sc.HitTest(model.Point{X: c.X, Y: c.Y}, 4)
	}
	rastertest.ReportCPU(b, start)
}

// BenchmarkWrap wraps a typical task name.
func BenchmarkWrap(b *testing.B) {
	text := "Pröva ansökan om bistånd enligt socialtjänstlagen och dokumentera beslutet"
	b.ReportAllocs()
	for b.Loop() {
		draw.Wrap(text, 90, draw.NodeFontSize, false)
	}
}
