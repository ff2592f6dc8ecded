package handbook

import (
	"slices"
	"testing"

	"lanemap/draw"
	"lanemap/model"
)

// TestCutsAvoidLabels: a cut moves off a label when it can, and falls back
// to avoiding only steps when the labels leave no room.
func TestCutsAvoidLabels(t *testing.T) {
	steps := []span{{100, 180}}
	tests := []struct {
		name   string
		labels []span
		want   []span
	}{
		{"no labels", nil, []span{{0, 300}, {260, 500}}},
		// A label across 300 pulls the cut back to its start.
		{"label across the cut", []span{{100, 180}, {280, 330}}, []span{{0, 280}, {240, 500}}},
		// A label too long to keep whole: the cut only avoids steps.
		{"label too long", []span{{20, 420}}, []span{{0, 300}, {260, 500}}},
	}
	for _, tc := range tests {
		soft := merge(append(slices.Clone(steps), tc.labels...))
		got := cuts(0, 500, 300, 300, soft, steps)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: cuts = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestTileItemsNoFragments: a label cut by a sheet's edge is drawn only
// where it is whole, or, when no sheet shows it whole, where it starts.
func TestTileItemsNoFragments(t *testing.T) {
	label := func(x, w float64) draw.Item {
		return draw.Item{Element: "F", Text: &draw.Text{Lines: []string{"Underlag att yttra sig"}, Box: model.Rect{X: x, Y: 10, W: w, H: 10}}}
	}
	line := draw.Item{Element: "F", Path: &draw.Path{}}
	tiles := []tile{{Window: model.Rect{X: 0, W: 300, H: 100}}, {Window: model.Rect{X: 260, W: 240, H: 100}, Header: true}}
	tests := []struct {
		name string
		it   draw.Item
		want [2]bool // drawn on sheet 1, sheet 2
	}{
		{"inside the first", label(10, 50), [2]bool{true, false}},
		{"in the overlap", label(270, 20), [2]bool{true, true}},
		{"cut by the first, whole on the second", label(280, 60), [2]bool{false, true}},
		{"cut by both", label(200, 120), [2]bool{true, false}},
		{"not a label", line, [2]bool{true, true}},
	}
	for _, tc := range tests {
		for i := range tiles {
			// Drawn: kept, and within the sheet's clipped window.
			got := len(tileItems([]draw.Item{tc.it}, tiles, i)) == 1 && (tc.it.Text == nil || tiles[i].Window.Intersects(itemBox(tc.it)))
			if got != tc.want[i] {
				t.Errorf("%s: on sheet %d drawn %v, want %v", tc.name, i+1, got, tc.want[i])
			}
		}
	}
}
