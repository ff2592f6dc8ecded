package svg_test

import (
	"io"
	"strconv"
	"testing"

	"lanemap/draw"
	"lanemap/draw/raster/rastertest"
	"lanemap/export/svg"
	"lanemap/internal/gen"
)

// BenchmarkBuildSVG measures what `lanemap render x.svg` and the site
// export pay per map: draw.Build plus svg.Write, on generated maps.
func BenchmarkBuildSVG(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		d := gen.Collaboration(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			start := rastertest.CPU()
			for range b.N {
				s := draw.Build(d, d.Diagrams[0], draw.Options{MarkHandovers: true})
				if err := svg.Write(io.Discard, s, svg.Options{Interactive: true}); err != nil {
					b.Fatal(err)
				}
			}
			rastertest.ReportCPU(b, start)
		})
	}
}

// BenchmarkWrite is svg.Write alone on a built scene.
func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		d := gen.Collaboration(n)
		s := draw.Build(d, d.Diagrams[0], draw.Options{MarkHandovers: true})
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			start := rastertest.CPU()
			for range b.N {
				if err := svg.Write(io.Discard, s, svg.Options{Interactive: true}); err != nil {
					b.Fatal(err)
				}
			}
			rastertest.ReportCPU(b, start)
		})
	}
}
