package rastertest

import (
	"testing"
	"time"
)

// ReportCPU adds a "cpu-ms/op" metric: the process CPU time per iteration
// since start (a CPU() reading taken before the loop). On a shared machine
// wall time (ns/op) also counts time spent waiting for a core; CPU time
// does not, so it is what an idle machine's wall time would be for
// single-threaded work.
func ReportCPU(b *testing.B, start time.Duration) {
	if b.N > 0 {
		b.ReportMetric(float64(CPU()-start)/float64(b.N)/1e6, "cpu-ms/op")
	}
}
