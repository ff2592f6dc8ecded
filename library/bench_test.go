package library

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// benchLibrary writes n generated processes of nodes nodes each, spread
// over a few folders, all last modified an hour ago.
func benchLibrary(b *testing.B, n, nodes int) string {
	b.Helper()
	dir := b.TempDir()
	for i := range n {
		rel := fmt.Sprintf("omrade-%d/process-%03d.bpmn", i%5, i)
		writeProcess(b, dir, rel, process(fmt.Sprintf("Process %d", i), nodes))
		age(b, filepath.Join(dir, filepath.FromSlash(rel)))
	}
	return dir
}

// BenchmarkOpenCold indexes 200 processes of 50 nodes with no cache.
func BenchmarkOpenCold(b *testing.B) {
	dir := benchLibrary(b, 200, 50)
	opt := Options{NoCache: true}
	b.ResetTimer()
	for b.Loop() {
		l, err := Open(dir, opt)
		if err != nil || len(l.Entries()) != 200 {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenWarm opens the same library with its index cache.
func BenchmarkOpenWarm(b *testing.B) {
	dir := benchLibrary(b, 200, 50)
	opt := Options{CacheDir: b.TempDir()}
	if _, err := Open(dir, opt); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		l, err := Open(dir, opt)
		if err != nil || len(l.Entries()) != 200 {
			b.Fatal(err)
		}
	}
}

// BenchmarkPoll is the cost of one poll of an unchanged 200-process
// library with one process open (it is hashed on every poll).
func BenchmarkPoll(b *testing.B) {
	dir := benchLibrary(b, 200, 50)
	l, err := Open(dir, Options{NoCache: true})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := l.Load("omrade-0/process-000.bpmn"); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if cs, err := l.Refresh(); err != nil || len(cs) != 0 {
			b.Fatal(err, cs)
		}
	}
}

// BenchmarkPollLatency measures how long a change by another writer takes
// to reach Watch's callback with polling alone (fsnotify off) at the
// default poll interval.
func BenchmarkPollLatency(b *testing.B) {
	dir := benchLibrary(b, 200, 50)
	l, err := Open(dir, Options{NoCache: true, NoFSNotify: true})
	if err != nil {
		b.Fatal(err)
	}
	ch := make(chan []Change, 4)
	stop := l.Watch(func(c []Change) { ch <- c })
	defer stop()
	p := filepath.Join(dir, "omrade-1", "process-001.bpmn")
	var worst time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		writeProcess(b, dir, "omrade-1/process-001.bpmn", process(fmt.Sprintf("Ändrad %d", i), 50))
		select {
		case <-ch:
		case <-time.After(10 * time.Second):
			b.Fatal("change not seen")
		}
		worst = max(worst, time.Since(start))
		os.Chtimes(p, time.Now().Add(-time.Hour), time.Now().Add(-time.Hour))
	}
	b.ReportMetric(worst.Seconds(), "worst-s")
}
