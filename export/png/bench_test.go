package png_test

import (
	"io"
	"strconv"
	"testing"

	"lanemap/draw"
	"lanemap/draw/raster/rastertest"
	"lanemap/export/png"
	"lanemap/internal/gen"
)

// BenchmarkBuildPNG is draw.Build plus a PNG at scale 1 of a generated map
// (one pool of eight lanes: 100 nodes are 5,932×1,142 pixels, 1,000 nodes
// 56,832×1,142, 5,000 nodes 283,552×1,142, 324 million pixels).
func BenchmarkBuildPNG(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		d := gen.Collaboration(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			start := rastertest.CPU()
			for range b.N {
				s := draw.Build(d, d.Diagrams[0], draw.Options{MarkHandovers: true})
				if err := png.Write(io.Discard, s, 1); err != nil {
					b.Fatal(err)
				}
			}
			rastertest.ReportCPU(b, start)
		})
	}
}

// BenchmarkWriteCompact is a PNG at scale 1 of compact synthetic maps
// (lanes of 20 tasks: 5,000 nodes are 3,070×35,020 pixels).
func BenchmarkWriteCompact(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		s := rastertest.Grid(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			start := rastertest.CPU()
			for range b.N {
				if err := png.Write(io.Discard, s, 1); err != nil {
					b.Fatal(err)
				}
			}
			rastertest.ReportCPU(b, start)
		})
	}
}
