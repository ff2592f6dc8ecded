package bpmn

import (
	"bytes"
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"

	"lanemap/internal/gen"
)

var benchSizes = []int{100, 1000, 5000}

// cpuTime is the process's user+system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds cpu-ms/op: on a shared machine wall time is noisy, CPU
// time is not (it includes the garbage collector's work).
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// reportLive adds the heap kept alive by what one operation returns.
func reportLive(b *testing.B, keep func() any) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	x := keep()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(x)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "live-MB")
}

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
			start := cpuTime()
			for b.Loop() {
				if _, _, _, err := Decode(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, start)
			reportLive(b, func() any {
				d, src, _, _ := Decode(bytes.NewReader(data))
				return []any{d, src}
			})
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
			start := cpuTime()
			for b.Loop() {
				i++
				d.Diagrams[0].Shapes[20].Bounds.X = float64(i % 50)
				out.Reset()
				if err := Encode(&out, d, src); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, start)
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
			start := cpuTime()
			for b.Loop() {
				out.Reset()
				if err := Encode(&out, d, nil); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, start)
		})
	}
}

// BenchmarkDecodeInferredLanes reads 5,000 nodes whose lanes list no
// flowNodeRef, so membership comes from geometry.
func BenchmarkDecodeInferredLanes(b *testing.B) {
	d := gen.Collaboration(5000)
	for _, l := range d.AllLanes() {
		l.NodeRefs = nil
	}
	var buf bytes.Buffer
	if err := Encode(&buf, d, nil); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		d2, _, _, err := Decode(bytes.NewReader(data))
		if err != nil || d2.LaneOf("Node_1") == nil {
			b.Fatalf("membership not inferred (%v)", err)
		}
	}
	reportCPU(b, start)
}
