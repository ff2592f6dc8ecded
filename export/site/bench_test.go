package site

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"lanemap/bpmn"
	"lanemap/internal/gen"
	"lanemap/library"
)

// benchLibrary writes n generated processes of 40 steps (eight lanes, many
// handovers) as .bpmn files, approved and marked for publishing.
func benchLibrary(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	for i := range n {
		d := gen.Collaboration(40)
		d.Name = fmt.Sprintf("Process %03d", i+1)
		if err := bpmn.WriteFile(filepath.Join(dir, fmt.Sprintf("process-%03d.bpmn", i+1)), d, nil); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

func openBench(b *testing.B, dir string) *library.Library {
	b.Helper()
	lib, err := library.Open(dir, library.Options{CacheDir: filepath.Join(dir, ".cache")})
	if err != nil {
		b.Fatal(err)
	}
	return lib
}

// BenchmarkPublishHTML200 is a first publication of 200 processes: open
// the library, read every file, draw, render and write the site (no PDF).
func BenchmarkPublishHTML200(b *testing.B) {
	dir := benchLibrary(b, 200)
	for b.Loop() {
		out := b.TempDir()
		if _, err := Publish(context.Background(), openBench(b, dir), out, Options{NoPDF: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPublishWithHandbook200 is the same with the PDF handbook.
func BenchmarkPublishWithHandbook200(b *testing.B) {
	dir := benchLibrary(b, 200)
	for b.Loop() {
		out := b.TempDir()
		if _, err := Publish(context.Background(), openBench(b, dir), out, Options{Date: "2026-11-23"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRepublishOneChange200 publishes again after one file changed:
// only that page and the index are written. (HTML only; the handbook is
// one file and is rewritten whole, see BenchmarkPublishWithHandbook200.)
func BenchmarkRepublishOneChange200(b *testing.B) {
	dir := benchLibrary(b, 200)
	out := b.TempDir()
	if _, err := Publish(context.Background(), openBench(b, dir), out, Options{NoPDF: true}); err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(dir, "process-007.bpmn")
	i := 0
	for b.Loop() {
		b.StopTimer()
		d, src, _, err := bpmn.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		i++
		d.Meta.Version = fmt.Sprintf("2.%d", i)
		if err := bpmn.WriteFile(file, d, src); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := Publish(context.Background(), openBench(b, dir), out, Options{NoPDF: true})
		if err != nil {
			b.Fatal(err)
		}
		if len(rep.Written) != 2 {
			b.Fatalf("wrote %v", rep.Written)
		}
	}
}
