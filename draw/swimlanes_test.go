package draw

import (
	"testing"

	"lanemap/model"
)

// bandOf returns the header band rect and the header text of an element.
func bandOf(t *testing.T, sc *Scene, id string) (band model.Rect, text *Text) {
	t.Helper()
	found := false
	for _, it := range sc.Items {
		if it.Element != id {
			continue
		}
		if it.Part == PartLaneHeader {
			band, _ = pathBox(it.Path)
			found = true
		}
		if it.Text != nil {
			text = it.Text
		}
	}
	if !found {
		band = model.Rect{}
	}
	return band, text
}

func TestSwimlaneOrientation(t *testing.T) {
	f := newFixture()
	f.d.Processes = []*model.Process{
		{ID: "ph", Lanes: []*model.Lane{{ID: "lh", Name: "Handläggare", Children: []*model.Lane{{ID: "lh1", Name: "Team 1"}}}}},
		{ID: "pv", Lanes: []*model.Lane{{ID: "lv", Name: "Utförare"}, {ID: "lw", Name: "Flaggad", Children: nil}}},
	}
	f.d.Collaborations = []*model.Collaboration{{ID: "c", Participants: []*model.Participant{
		{ID: "H", Name: "Horisontell", ProcessRef: "ph"},
		{ID: "V", Name: "Vertikal", ProcessRef: "pv"},
		{ID: "B", Name: "Extern part"},
	}}}
	f.d.Touch()
	add := func(id string, r model.Rect, horiz *bool) {
		f.g.Shapes = append(f.g.Shapes, &model.Shape{ID: id + "_di", Element: id, Bounds: r, IsHorizontal: horiz})
	}
	add("H", model.Rect{X: 0, Y: 0, W: 600, H: 200}, nil) // no flag: horizontal
	// A lane drawn over the whole pool, band included (some tools do).
	add("lh", model.Rect{X: 0, Y: 0, W: 600, H: 200}, nil)
	// A child lane over its parent's band too.
	add("lh1", model.Rect{X: 0, Y: 0, W: 600, H: 100}, nil)
	add("V", model.Rect{X: 700, Y: 0, W: 400, H: 600}, model.Bool(false))
	add("lv", model.Rect{X: 700, Y: 30, W: 200, H: 570}, nil) // inherits vertical
	add("lw", model.Rect{X: 900, Y: 30, W: 200, H: 570}, model.Bool(false))
	add("B", model.Rect{X: 0, Y: 700, W: 600, H: 60}, nil)
	sc := Build(f.d, f.g, Options{})

	for _, tc := range []struct {
		id       string
		band     model.Rect
		vertical bool
	}{
		{"H", model.Rect{X: 0, Y: 0, W: 30, H: 200}, true},
		{"lh", model.Rect{X: 30, Y: 0, W: 30, H: 200}, true},
		{"lh1", model.Rect{X: 60, Y: 0, W: 30, H: 100}, true},
		{"V", model.Rect{X: 700, Y: 0, W: 400, H: 30}, false},
		{"lv", model.Rect{X: 700, Y: 30, W: 200, H: 30}, false},
		{"lw", model.Rect{X: 900, Y: 30, W: 200, H: 30}, false},
	} {
		band, text := bandOf(t, sc, tc.id)
		if band != tc.band {
			t.Errorf("%s: band %v, want %v", tc.id, band, tc.band)
		}
		if text == nil || text.Vertical != tc.vertical {
			t.Errorf("%s: header text %+v, want vertical=%v", tc.id, text, tc.vertical)
			continue
		}
		if c, bc := textExtent(text).Center(), tc.band.Center(); c != bc {
			t.Errorf("%s: header text centred at %v, band centre %v", tc.id, c, bc)
		}
	}
	// A black-box pool has no band and its name in the middle.
	band, text := bandOf(t, sc, "B")
	if band != (model.Rect{}) {
		t.Errorf("black-box pool has a band %v", band)
	}
	if text == nil || text.Vertical || text.Box.Center() != (model.Point{X: 300, Y: 730}) {
		t.Errorf("black-box label %+v, want centred horizontally at (300,730)", text)
	}
}
