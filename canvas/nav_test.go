package canvas

import (
	"testing"

	"lanemap/model"
)

// navDiagram: start → gw → (a above, b below) → end, plus a loose note.
//
//	           a
//	start → gw      end
//	           b
func navDiagram() (*model.Definitions, map[string]*model.Shape) {
	d := &model.Definitions{}
	shapes := map[string]*model.Shape{}
	add := func(id string, k model.Kind, x, y float64) {
		d.Nodes = append(d.Nodes, &model.Node{ID: id, Kind: k})
		w, h := k.DefaultSize()
		shapes[id] = &model.Shape{Element: id, Bounds: model.Rect{X: x, Y: y, W: w, H: h}}
	}
	add("start", model.StartEvent, 0, 100)
	add("gw", model.ExclusiveGateway, 100, 95)
	add("a", model.Task, 200, 0)
	add("b", model.Task, 200, 160)
	add("end", model.EndEvent, 400, 100)
	add("loose", model.Task, 600, 400)
	flow := func(s, t string) {
		d.Flows = append(d.Flows, &model.Flow{ID: s + t, Kind: model.SequenceFlow, Source: s, Target: t})
	}
	flow("start", "gw")
	flow("gw", "a")
	flow("gw", "b")
	flow("a", "end")
	flow("b", "end")
	return d, shapes
}

func TestWalk(t *testing.T) {
	d, shapes := navDiagram()
	tests := []struct {
		from string
		dir  direction
		want string
	}{
		{"start", dirRight, "gw"},
		{"gw", dirLeft, "start"},
		{"a", dirDown, "b"},
		{"b", dirUp, "a"},
		{"a", dirUp, ""},
		{"a", dirRight, "end"},
		{"end", dirLeft, "a"},      // a and b are equally far; a comes first in flow order
		{"end", dirRight, "loose"}, // no successor: nearest shape to the right
		{"start", dirLeft, ""},
		{"missing", dirRight, ""},
	}
	for _, tt := range tests {
		if got := walk(d, shapes, tt.from, tt.dir); got != tt.want {
			t.Errorf("walk(%s, %v) = %q, want %q", tt.from, tt.dir, got, tt.want)
		}
	}
}
