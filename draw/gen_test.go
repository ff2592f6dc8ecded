package draw

import (
	"testing"

	"lanemap/internal/gen"
)

// TestGeneratedDrawn runs the drawn-at-DI check on a generated map and
// checks that every handover of the model is listed.
func TestGeneratedDrawn(t *testing.T) {
	d := gen.Collaboration(300)
	g := d.Diagrams[0]
	sc := Build(d, g, Options{MarkHandovers: true})
	checkDrawn(t, d, g, sc)
	if len(sc.Handovers) == 0 || len(sc.Handovers) != len(d.Handovers()) {
		t.Errorf("scene lists %d handovers, model has %d", len(sc.Handovers), len(d.Handovers()))
	}
}
