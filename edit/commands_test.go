package edit

import (
	"testing"

	"lanemap/model"
)

// TestUndoRedo runs every command on a fresh fixture and checks do → undo
// → redo against deep dumps of the model and DI.
func TestUndoRedo(t *testing.T) {
	type op struct {
		name string
		run  func(f *fixture) error
	}
	ops := []op{
		{"AddNode lane", func(f *fixture) error { _, err := f.s.AddNode(model.Task, f.lane2, f.pt(700, 320)); return err }},
		{"AddNode pool", func(f *fixture) error {
			_, err := f.s.AddNode(model.ExclusiveGateway, f.pool, f.pt(700, 170))
			return err
		}},
		{"AddNode grows lane", func(f *fixture) error { _, err := f.s.AddNode(model.Task, f.lane1, f.pt(600, 230)); return err }},
		{"AddNode boundary", func(f *fixture) error {
			_, err := f.s.AddNode(model.BoundaryEvent, f.task, f.pt(350, 220))
			return err
		}},
		{"AddNode annotation", func(f *fixture) error {
			_, err := f.s.AddNode(model.TextAnnotation, "", f.pt(300, 40))
			return err
		}},
		{"AppendNext", func(f *fixture) error { _, err := f.s.AppendNext(f.task, model.Task); return err }},
		{"AppendInLane", func(f *fixture) error { _, err := f.s.AppendInLane(f.task, f.lane2, model.UserTask); return err }},
		{"QuickAdd same lane", func(f *fixture) error { _, err := f.s.QuickAdd(f.task, "Besluta"); return err }},
		{"QuickAdd known role", func(f *fixture) error { _, err := f.s.QuickAdd(f.task, "chef: Besluta"); return err }},
		{"QuickAdd new role", func(f *fixture) error { _, err := f.s.QuickAdd(f.task, "Nämnd: Besluta"); return err }},
		{"MoveNodes within lane", func(f *fixture) error { return f.move([]string{f.task}, 50, 0) }},
		{"MoveNodes to other lane", func(f *fixture) error { return f.move([]string{f.task}, 100, 150) }},
		{"MoveNodes pool", func(f *fixture) error { return f.move([]string{f.pool}, 10, 20) }},
		{"ResizeNode", func(f *fixture) error { return f.s.ResizeNode(f.task, f.rect(300, 135, 140, 90)) }},
		{"Connect", func(f *fixture) error { _, err := f.s.Connect(f.start, f.end); return err }},
		{"Reconnect", func(f *fixture) error { return f.s.Reconnect(f.f1, "", f.end) }},
		{"Delete node", func(f *fixture) error { return f.s.Delete([]string{f.task}) }},
		{"Delete flow", func(f *fixture) error { return f.s.Delete([]string{f.f2}) }},
		{"Delete lane", func(f *fixture) error { return f.s.Delete([]string{f.lane1}) }},
		{"Delete pool", func(f *fixture) error { return f.s.Delete([]string{f.pool}) }},
		{"Rename", func(f *fixture) error { return f.s.Rename(f.task, "Utreda ärendet") }},
		{"Rename lane", func(f *fixture) error { return f.s.Rename(f.lane1, "Socialsekreterare") }},
		{"SetDocumentation", func(f *fixture) error { return f.s.SetDocumentation(f.task, "Enligt rutin") }},
		{"SetLinks", func(f *fixture) error {
			return f.s.SetLinks(f.task, []model.Link{{Title: "Rutin", Href: "https://example.org/r"}})
		}},
		{"SetKind", func(f *fixture) error { return f.s.SetKind(f.task, model.ManualTask) }},
		{"SetKind gateway", func(f *fixture) error { return f.s.SetKind(f.end, model.IntermediateThrowEvent) }},
		{"SetMeta", func(f *fixture) error { return f.s.SetMeta(model.Meta{Owner: "Anna", Tags: []string{"a"}}) }},
		{"AddPool", func(f *fixture) error { _, err := f.s.AddPool("Brukare", f.pt(500, 600)); return err }},
		{"AddLane below", func(f *fixture) error { _, err := f.s.AddLane(f.lane1, Below); return err }},
		{"AddLane above", func(f *fixture) error { _, err := f.s.AddLane(f.lane1, Above); return err }},
		{"AddLane pool", func(f *fixture) error { _, err := f.s.AddLane(f.pool, Below); return err }},
		{"AddLane inside", func(f *fixture) error { _, err := f.s.AddLane(f.lane1, Inside); return err }},
		{"DeleteLane content", func(f *fixture) error { return f.s.DeleteLane(f.lane1, DeleteContent) }},
		{"ResizeLane", func(f *fixture) error { return f.s.ResizeLane(f.lane1, f.edge(Bottom), 30) }},
		{"ResizeLane outer", func(f *fixture) error { return f.s.ResizeLane(f.lane2, f.edge(Bottom), 40) }},
		{"MoveLane", func(f *fixture) error { return f.s.MoveLane(f.lane1, 1) }},
		{"FitLane", func(f *fixture) error { return f.s.FitLane(f.lane1) }},
		{"SetLaneRole", func(f *fixture) error { return f.s.SetLaneRole(f.lane1, "Handläggare enligt SoL") }},
		{"Align", func(f *fixture) error { return f.s.Align([]string{f.start, f.task}, AlignTop) }},
		{"Distribute", func(f *fixture) error { return f.s.Distribute([]string{f.start, f.task, f.end}, Horizontal) }},
		{"Paste", func(f *fixture) error {
			_, err := f.s.Paste(f.s.Copy([]string{f.start, f.task}), f.pt(650, 175))
			return err
		}},
		{"Duplicate", func(f *fixture) error { _, err := f.s.Duplicate([]string{f.task}); return err }},
		{"SplitLane", func(f *fixture) error { _, err := f.s.SplitLane(f.pool, 3); return err }},
		{"ResizeLaneSpace", func(f *fixture) error { return f.s.ResizeLaneSpace(f.lane1, f.edge(Bottom), 40) }},
		{"AddVerticalPool", func(f *fixture) error { _, err := f.s.AddVerticalPool("V", f.pt(500, 700)); return err }},
		{"ResizeNode pool", func(f *fixture) error { return f.s.ResizeNode(f.pool, f.rect(100, 100, 900, 300)) }},
		{"ResizeNode lane", func(f *fixture) error { return f.s.ResizeNode(f.lane2, f.rect(130, 250, 770, 190)) }},
		{"SetDefault", func(f *fixture) error { return f.s.SetDefault(f.task, f.f2) }},
		{"SetCondition", func(f *fixture) error { return f.s.SetCondition(f.f2, "beviljas") }},
		{"SetEventDefinitions", func(f *fixture) error { return f.s.SetEventDefinitions(f.end, []string{model.TerminateDef}) }},
		{"SetWaypoints", func(f *fixture) error {
			return f.s.SetWaypoints(f.f2, []model.Point{f.pt(400, 175), f.pt(420, 175), f.pt(420, 325), f.pt(500, 325)})
		}},
		{"MoveLabel", func(f *fixture) error { return f.s.MoveLabel(f.end, 5, 10) }},
		{"SetColors", func(f *fixture) error {
			return f.s.SetColors([]string{f.task, f.f1}, model.Colors{Fill: "#ffeeee", Stroke: "#aa0000"})
		}},
	}
	for _, o := range ops {
		t.Run(o.name, func(t *testing.T) {
			f := newFixture(t)
			checkUndoRedo(t, f, func() error { return o.run(f) })
		})
		t.Run(o.name+"/vertical", func(t *testing.T) {
			f := buildFixture(t, false)
			checkUndoRedo(t, f, func() error { return o.run(f) })
		})
	}
}
