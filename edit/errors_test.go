package edit

import (
	"errors"
	"math"
	"testing"

	"lanemap/model"
)

// TestBadInput feeds every command unknown ids and wrong kinds: each must
// return an error, push nothing and leave the model as it was.
func TestBadInput(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name string
		run  func(f *fixture) error
	}{
		{"AddNode unknown container", func(f *fixture) error { _, err := f.s.AddNode(model.Task, "nope", model.Point{}); return err }},
		{"AddNode flow kind", func(f *fixture) error { _, err := f.s.AddNode(model.SequenceFlow, f.lane1, model.Point{}); return err }},
		{"AddNode pool kind", func(f *fixture) error { _, err := f.s.AddNode(model.ParticipantKind, "", model.Point{}); return err }},
		{"AddNode boundary in lane", func(f *fixture) error {
			_, err := f.s.AddNode(model.BoundaryEvent, f.lane1, model.Point{})
			return err
		}},
		{"AddNode boundary on event", func(f *fixture) error {
			_, err := f.s.AddNode(model.BoundaryEvent, f.start, model.Point{})
			return err
		}},
		{"AddNode task in collaboration", func(f *fixture) error { _, err := f.s.AddNode(model.Task, "Collab_1", model.Point{}); return err }},
		{"AppendNext unknown", func(f *fixture) error { _, err := f.s.AppendNext("nope", model.Task); return err }},
		{"AppendNext after end", func(f *fixture) error { _, err := f.s.AppendNext(f.end, model.Task); return err }},
		{"AppendNext start event", func(f *fixture) error { _, err := f.s.AppendNext(f.task, model.StartEvent); return err }},
		{"AppendNext pool kind", func(f *fixture) error { _, err := f.s.AppendNext(f.task, model.ParticipantKind); return err }},
		{"AppendInLane unknown lane", func(f *fixture) error { _, err := f.s.AppendInLane(f.task, "nope", model.Task); return err }},
		{"QuickAdd unknown", func(f *fixture) error { _, err := f.s.QuickAdd("nope", "Chef: x"); return err }},
		{"QuickAdd empty", func(f *fixture) error { _, err := f.s.QuickAdd(f.task, "Chef:  "); return err }},
		{"QuickAdd after end", func(f *fixture) error { _, err := f.s.QuickAdd(f.end, "Nämnd: Besluta"); return err }},
		{"MoveNodes unknown", func(f *fixture) error { return f.s.MoveNodes([]string{f.task, "nope"}, 10, 10) }},
		{"MoveNodes lane", func(f *fixture) error { return f.s.MoveNodes([]string{f.lane1}, 10, 10) }},
		{"MoveNodes flow", func(f *fixture) error { return f.s.MoveNodes([]string{f.f1}, 10, 10) }},
		{"MoveNodes out of pool", func(f *fixture) error { return f.s.MoveNodes([]string{f.task}, 0, 1000) }},
		{"MoveNodes nothing", func(f *fixture) error { return f.s.MoveNodes([]string{f.task}, 0, 0) }},
		{"ResizeNode unknown", func(f *fixture) error { return f.s.ResizeNode("nope", model.Rect{W: 10, H: 10}) }},
		{"ResizeNode empty", func(f *fixture) error { return f.s.ResizeNode(f.task, model.Rect{X: 1, Y: 1}) }},
		{"ResizeNode NaN", func(f *fixture) error { return f.s.ResizeNode(f.task, model.Rect{X: nan, W: 10, H: 10}) }},
		{"Connect unknown", func(f *fixture) error { _, err := f.s.Connect(f.task, "nope"); return err }},
		{"Connect into start", func(f *fixture) error { _, err := f.s.Connect(f.task, f.start); return err }},
		{"Connect from end", func(f *fixture) error { _, err := f.s.Connect(f.end, f.task); return err }},
		{"Connect to lane", func(f *fixture) error { _, err := f.s.Connect(f.task, f.lane2); return err }},
		{"Reconnect unknown flow", func(f *fixture) error { return f.s.Reconnect("nope", f.task, "") }},
		{"Reconnect into start", func(f *fixture) error { return f.s.Reconnect(f.f2, "", f.start) }},
		{"Reconnect same", func(f *fixture) error { return f.s.Reconnect(f.f2, "", "") }},
		{"Delete unknown", func(f *fixture) error { return f.s.Delete([]string{f.task, "nope"}) }},
		{"Delete process", func(f *fixture) error { return f.s.Delete([]string{f.proc}) }},
		{"Delete nothing", func(f *fixture) error { return f.s.Delete(nil) }},
		{"Rename unknown", func(f *fixture) error { return f.s.Rename("nope", "x") }},
		{"SetDocumentation unknown", func(f *fixture) error { return f.s.SetDocumentation("nope", "x") }},
		{"SetLinks unknown", func(f *fixture) error { return f.s.SetLinks("nope", nil) }},
		{"SetLinks on lane", func(f *fixture) error { return f.s.SetLinks(f.lane1, nil) }},
		{"SetKind unknown", func(f *fixture) error { return f.s.SetKind("nope", model.Task) }},
		{"SetKind across families", func(f *fixture) error { return f.s.SetKind(f.task, model.ExclusiveGateway) }},
		{"SetKind end to start with incoming", func(f *fixture) error { return f.s.SetKind(f.end, model.StartEvent) }},
		{"SetKind same", func(f *fixture) error { return f.s.SetKind(f.task, model.UserTask) }},
		{"AddLane unknown", func(f *fixture) error { _, err := f.s.AddLane("nope", Below); return err }},
		{"AddLane task", func(f *fixture) error { _, err := f.s.AddLane(f.task, Below); return err }},
		{"AddLane bad where", func(f *fixture) error { _, err := f.s.AddLane(f.lane1, Where(9)); return err }},
		{"SplitLane one", func(f *fixture) error { _, err := f.s.SplitLane(f.lane1, 1); return err }},
		{"DeleteLane unknown", func(f *fixture) error { return f.s.DeleteLane("nope", DeleteContent) }},
		{"DeleteLane bad mode", func(f *fixture) error { return f.s.DeleteLane(f.lane1, LaneDeleteMode(7)) }},
		{"ResizeLane unknown", func(f *fixture) error { return f.s.ResizeLane("nope", Top, 10) }},
		{"ResizeLane bad edge", func(f *fixture) error { return f.s.ResizeLane(f.lane1, Edge(9), 10) }},
		{"ResizeLane below minimum", func(f *fixture) error { return f.s.ResizeLane(f.lane2, f.edge(Bottom), -120) }},
		{"ResizeLane zero", func(f *fixture) error { return f.s.ResizeLane(f.lane1, Top, 0) }},
		{"ResizeNode pool past content", func(f *fixture) error { return f.s.ResizeNode(f.pool, f.rect(100, 100, 420, 300)) }},
		{"MoveLane pool", func(f *fixture) error { return f.s.MoveLane(f.pool, 1) }},
		{"MoveLane past end", func(f *fixture) error { return f.s.MoveLane(f.lane2, 3) }},
		{"FitLane unknown", func(f *fixture) error { return f.s.FitLane("nope") }},
		{"SetLaneRole unknown", func(f *fixture) error { return f.s.SetLaneRole("nope", "x") }},
		{"Align one", func(f *fixture) error { return f.s.Align([]string{f.task}, AlignLeft) }},
		{"Align unknown", func(f *fixture) error { return f.s.Align([]string{f.task, "nope"}, AlignLeft) }},
		{"Align bad mode", func(f *fixture) error { return f.s.Align([]string{f.task, f.start}, AlignMode(42)) }},
		{"Distribute two", func(f *fixture) error { return f.s.Distribute([]string{f.task, f.start}, Horizontal) }},
		{"Paste empty", func(f *fixture) error { _, err := f.s.Paste(Clipboard{}, model.Point{}); return err }},
		{"Paste outside pools", func(f *fixture) error {
			_, err := f.s.Paste(f.s.Copy([]string{f.task}), model.Point{X: 2000, Y: 2000})
			return err
		}},
		{"Paste inconsistent", func(f *fixture) error {
			c := f.s.Copy([]string{f.task})
			c.Shapes = nil
			_, err := f.s.Paste(c, model.Point{X: 500, Y: 175})
			return err
		}},
		{"Duplicate unknown", func(f *fixture) error { _, err := f.s.Duplicate([]string{"nope"}); return err }},
		{"SetDefault foreign flow", func(f *fixture) error { return f.s.SetDefault(f.task, f.f1) }},
		{"SetDefault on event", func(f *fixture) error { return f.s.SetDefault(f.start, f.f1) }},
		{"SetDefault unknown", func(f *fixture) error { return f.s.SetDefault("nope", "") }},
		{"SetDefault unchanged", func(f *fixture) error { return f.s.SetDefault(f.task, "") }},
		{"SetCondition unknown", func(f *fixture) error { return f.s.SetCondition("nope", "x") }},
		{"SetEventDefinitions task", func(f *fixture) error { return f.s.SetEventDefinitions(f.task, nil) }},
		{"SetWaypoints one point", func(f *fixture) error { return f.s.SetWaypoints(f.f1, []model.Point{{}}) }},
		{"SetWaypoints NaN", func(f *fixture) error {
			return f.s.SetWaypoints(f.f1, []model.Point{{X: nan}, {}})
		}},
		{"SetWaypoints unknown", func(f *fixture) error { return f.s.SetWaypoints("nope", nil) }},
		{"MoveLabel without label", func(f *fixture) error { return f.s.MoveLabel(f.task, 1, 1) }},
		{"MoveLabel unknown", func(f *fixture) error { return f.s.MoveLabel("nope", 1, 1) }},
		{"SetColors unknown", func(f *fixture) error { return f.s.SetColors([]string{"nope"}, model.Colors{}) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			before := dump(f.d)
			err := c.run(f)
			if err == nil {
				t.Fatal("no error")
			}
			if got := dump(f.d); got != before {
				t.Fatalf("model changed: %s", diff(before, got))
			}
			if f.s.Stack.Len() != 0 || f.s.Stack.Dirty() {
				t.Fatalf("a step was recorded")
			}
			checkConsistent(t, f)
		})
	}
}

func TestErrNoChange(t *testing.T) {
	f := newFixture(t)
	for _, err := range []error{
		f.s.MoveNodes(nil, 1, 1),
		f.s.MoveNodes([]string{f.task}, 0, 0),
		f.s.SetKind(f.task, model.UserTask),
		f.s.Reconnect(f.f1, "", ""),
	} {
		if !errors.Is(err, ErrNoChange) {
			t.Errorf("got %v, want ErrNoChange", err)
		}
	}
}
