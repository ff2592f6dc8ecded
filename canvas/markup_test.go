package canvas

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

var update = flag.Bool("update", false, "rewrite the markup goldens in testdata/")

// TestOverlayMarkup keeps the live objects of each interaction state as
// markup goldens: what the user sees on top of the cached picture.
func TestOverlayMarkup(t *testing.T) {
	press := func(h *harness, at fyne.Position, by fyne.Delta) {
		h.e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: desktop.MouseButtonPrimary})
		h.e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at.Add(by)}, Dragged: by})
	}
	tests := []struct {
		name string
		do   func(h *harness)
	}{
		{"selected-task", func(h *harness) { h.e.SetSelection([]string{"T1"}) }},
		{"selected-two", func(h *harness) { h.e.SetSelection([]string{"Start", "F2"}) }},
		{"selected-flow", func(h *harness) { h.e.SetSelection([]string{"F2"}) }},
		{"lane-edge", func(h *harness) { press(h, h.at(800, 200), fyne.Delta{DY: 33}) }},
		{"lane-move", func(h *harness) { press(h, h.at(45, 100), fyne.Delta{DY: 230}) }},
		{"scrolled-in", func(h *harness) { h.e.SetZoom(2) }},
		{"move-preview", func(h *harness) { press(h, h.centre("T1"), fyne.Delta{DX: 12, DY: 197}) }},
		{"lasso", func(h *harness) { press(h, h.at(60, 40), fyne.Delta{DX: 300, DY: 150}) }},
		{"connect-preview", func(h *harness) {
			h.e.SetTool(Connect)
			a, b := h.centre("T1"), h.centre("End")
			press(h, a, fyne.Delta{DX: b.X - a.X, DY: b.Y - a.Y})
		}},
		{"label-editor", func(h *harness) {
			h.e.SetSelection([]string{"End"})
			h.key(fyne.KeyF2)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			tt.do(h)
			got := test.RenderToMarkup(h.w.Canvas())
			path := filepath.Join("testdata", tt.name+".xml")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("markup differs from %s (run with -update after checking):\n%s", path, got)
			}
		})
	}
}
