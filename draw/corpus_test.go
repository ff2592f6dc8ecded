package draw

import (
	"os"
	"path/filepath"
	"testing"

	"lanemap/bpmn"
	"lanemap/internal/corpus"
)

// TestCorpus draws every diagram of every corpus file: Build must not
// panic, every DI shape must have a body at its bounds and every edge a
// line through its waypoints, and the scene bounds must hold them all.
func TestCorpus(t *testing.T) {
	for _, path := range corpus.Files(t) {
		name, _ := filepath.Rel(corpus.Dir(t), path)
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			d, _, _, err := bpmn.Decode(f)
			if err != nil {
				// Malformed XML (one vendor file) has no model to draw;
				// the bpmn tests cover the error itself.
				t.Logf("not readable, nothing to draw: %v", err)
				return
			}
			for _, g := range d.Diagrams {
				for _, opt := range []Options{{}, {MarkHandovers: true, Dark: true}} {
					sc := Build(d, g, opt)
					checkDrawn(t, d, g, sc)
				}
			}
		})
	}
}
