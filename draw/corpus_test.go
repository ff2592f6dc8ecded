package draw

import (
	"os"
	"path/filepath"
	"testing"

	"lanemap/bpmn"
	"lanemap/internal/corpus"
	"lanemap/model"
)

// TestCorpus draws every diagram of every corpus file: Build must not
// panic, every DI shape must have a body at its bounds and every edge a
// line through its waypoints, and the scene bounds must hold them all.
func TestCorpus(t *testing.T) {
	forCorpus(t, func(t *testing.T, d *model.Definitions) {
		for _, g := range d.Diagrams {
			for _, opt := range []Options{{}, {MarkHandovers: true, Dark: true}} {
				sc := Build(d, g, opt)
				checkDrawn(t, d, g, sc)
			}
		}
	})
}

// forCorpus runs fn on the model of every corpus file, each in a subtest.
// Malformed XML (one vendor file) has no model to draw; the bpmn tests
// cover the error itself.
func forCorpus(t *testing.T, fn func(t *testing.T, d *model.Definitions)) {
	for _, path := range corpus.Files(t) {
		name, _ := filepath.Rel(corpus.Dir(t), path)
		t.Run(name, func(t *testing.T) {
			d, err := readModel(t, path)
			if err != nil {
				t.Logf("not readable, nothing to draw: %v", err)
				return
			}
			fn(t, d)
		})
	}
}

// readModel decodes the BPMN file at path.
func readModel(t *testing.T, path string) (*model.Definitions, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, _, _, err := bpmn.Decode(f)
	return d, err
}
