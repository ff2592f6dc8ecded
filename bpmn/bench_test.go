package bpmn

import (
	"bytes"
	"fmt"
	"testing"

	"lanemap/internal/gen"
)

var benchSizes = []int{100, 1000, 5000}

// benchFile is a generated collaboration written by Encode, as Lanemap
// would save it.
func benchFile(b *testing.B, n int) []byte {
	b.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, gen.Collaboration(n), nil); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func BenchmarkDecode(b *testing.B) {
	for _, n := range benchSizes {
		data := benchFile(b, n)
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, _, err := Decode(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEncode saves a loaded file after moving one shape: the diff,
// the serialisation and the new snapshot.
func BenchmarkEncode(b *testing.B) {
	for _, n := range benchSizes {
		data := benchFile(b, n)
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			d, src, _, err := Decode(bytes.NewReader(data))
			if err != nil {
				b.Fatal(err)
			}
			var out bytes.Buffer
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i++
				d.Diagrams[0].Shapes[20].Bounds.X = float64(i % 50)
				out.Reset()
				if err := Encode(&out, d, src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEncodeFresh writes a generated model with no Source.
func BenchmarkEncodeFresh(b *testing.B) {
	for _, n := range benchSizes {
		d := gen.Collaboration(n)
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var out bytes.Buffer
			for b.Loop() {
				out.Reset()
				if err := Encode(&out, d, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
