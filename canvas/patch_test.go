package canvas

import (
	"reflect"
	"testing"

	"lanemap/draw"
	"lanemap/edit"
	"lanemap/internal/gen"
	"lanemap/model"
)

// TestPatchMatchesBuild checks that patching the scene after a command
// gives exactly the items a full draw.Build gives.
func TestPatchMatchesBuild(t *testing.T) {
	tests := []struct {
		name string
		doc  func() *model.Definitions
		do   func(s *edit.Session) error
		// patch says whether the scene is patched rather than rebuilt.
		patch bool
	}{
		{"move task", fixture, func(s *edit.Session) error { return s.MoveNodes([]string{"T2"}, 30, 10) }, true},
		{"move two", fixture, func(s *edit.Session) error { return s.MoveNodes([]string{"T1", "Start"}, -20, 0) }, true},
		{"rename to two lines", fixture, func(s *edit.Session) error { return s.Rename("T1", "Ta emot och registrera ansökan om bistånd") }, true},
		{"rename event", fixture, func(s *edit.Session) error { return s.Rename("End", "") }, false},
		{"undo", fixture, func(s *edit.Session) error {
			if err := s.MoveNodes([]string{"T2"}, 30, 10); err != nil {
				return err
			}
			s.Undo()
			return nil
		}, true},
		{"into the next lane", fixture, func(s *edit.Session) error { return s.MoveNodes([]string{"End"}, 0, -200) }, false},
		{"task across lanes, flows stay handovers", fixture, func(s *edit.Session) error { return s.MoveNodes([]string{"T2"}, 0, -200) }, false},
		{"add", fixture, func(s *edit.Session) error {
			_, err := s.AddNode(model.Task, "LaneB", model.Point{X: 800, Y: 300})
			return err
		}, false},
		{"connect", fixture, func(s *edit.Session) error { _, err := s.Connect("Start", "End"); return err }, false},
		{"delete", fixture, func(s *edit.Session) error { return s.Delete([]string{"T2"}) }, false},
		{"generated across lanes", func() *model.Definitions { return gen.Collaboration(40) },
			func(s *edit.Session) error { return s.MoveNodes([]string{"Node_4"}, 0, 140) }, true},
		{"generated gateway", func() *model.Definitions { return gen.Collaboration(40) },
			func(s *edit.Session) error { return s.MoveNodes([]string{"Node_3"}, 0, 20) }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := edit.NewSession(tt.doc(), nil)
			e := NewEditor(s)
			builds := e.builds
			if err := tt.do(s); err != nil {
				t.Fatal(err)
			}
			if patched := e.builds == builds; patched != tt.patch {
				t.Errorf("patched = %v, want %v", patched, tt.patch)
			}
			want := draw.Build(s.Doc, s.Diagram, e.opts)
			if len(want.Items) != len(e.scene.Items) {
				t.Fatalf("%d items, a full build has %d", len(e.scene.Items), len(want.Items))
			}
			for i := range want.Items {
				if !reflect.DeepEqual(want.Items[i], e.scene.Items[i]) {
					t.Fatalf("item %d (%s) differs from a full build:\n got %+v\nwant %+v",
						i, want.Items[i].Element, e.scene.Items[i], want.Items[i])
				}
			}
			if !e.scene.Bounds.ContainsRect(want.Bounds) {
				t.Errorf("bounds %v do not hold the full build's %v", e.scene.Bounds, want.Bounds)
			}
		})
	}
}
