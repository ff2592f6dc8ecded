package edit

import (
	"slices"
	"testing"

	"lanemap/model"
)

func TestAddTypedIsOneStep(t *testing.T) {
	cases := []struct {
		name string
		sp   Spec
	}{
		{"timer event", Spec{Kind: model.IntermediateCatchEvent, EventDefs: []string{model.TimerDef}}},
		{"message event", Spec{Kind: model.IntermediateCatchEvent, EventDefs: []string{model.MessageDef}}},
		{"collapsed sub-process", Spec{Kind: model.SubProcess, Collapsed: true}},
		{"message start event", Spec{Kind: model.StartEvent, EventDefs: []string{model.MessageDef}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			var id string
			checkSavedUndoRedo(t, f, func() error {
				var err error
				id, err = f.s.AddTyped(c.sp, f.lane2, model.Point{X: 700, Y: 325})
				return err
			})
			n := f.d.Node(id)
			if n == nil || n.Kind != c.sp.Kind || !slices.Equal(n.EventDefs, c.sp.EventDefs) {
				t.Fatalf("added %+v, want %+v", n, c.sp)
			}
			sh := f.s.Shape(id)
			if c.sp.Collapsed {
				if sh.IsExpanded == nil || *sh.IsExpanded || sh.Bounds.W != 100 || sh.Bounds.H != 80 {
					t.Errorf("collapsed sub-process drawn %v expanded %v", sh.Bounds, pb(sh.IsExpanded))
				}
			}
			if l := laneIDs(f.d, id); !slices.Equal(l, []string{f.lane2}) {
				t.Errorf("lanes %v", l)
			}
			// One undo removes it whole.
			f.s.Undo()
			if f.d.Node(id) != nil || f.s.Shape(id) != nil {
				t.Error("one undo left the element")
			}
			if f.s.Stack.CanUndo() {
				t.Error("the add took more than one step")
			}
		})
	}
}

func TestAddTypedRefused(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name      string
		sp        Spec
		container string
	}{
		{"collapsed task", Spec{Kind: model.Task, Collapsed: true}, f.lane1},
		{"triggers on a task", Spec{Kind: model.Task, EventDefs: []string{model.TimerDef}}, f.lane1},
		{"timer on an end event", Spec{Kind: model.EndEvent, EventDefs: []string{model.TimerDef}}, f.lane1},
		{"unknown trigger", Spec{Kind: model.IntermediateCatchEvent, EventDefs: []string{"bogus"}}, f.lane1},
		{"cancel boundary on a task", Spec{Kind: model.BoundaryEvent, EventDefs: []string{model.CancelDef}}, f.task},
		{"boundary in a lane", Spec{Kind: model.BoundaryEvent}, f.lane1},
		{"event on an event", Spec{Kind: model.IntermediateCatchEvent, EventDefs: []string{model.TimerDef}}, f.end},
	}
	n := len(f.d.Nodes)
	for _, c := range cases {
		if _, err := f.s.AddTyped(c.sp, c.container, model.Point{X: 600, Y: 175}); err == nil {
			t.Errorf("%s: added", c.name)
		}
	}
	if len(f.d.Nodes) != n || f.s.Stack.CanUndo() {
		t.Error("a refused add changed the model")
	}
}
