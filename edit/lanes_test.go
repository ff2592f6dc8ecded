package edit

import (
	"errors"
	"slices"
	"testing"

	"lanemap/model"
)

// The lane acceptance cases of bpmn-js (AddLaneSpec, DeleteLaneSpec,
// ResizeLaneSpec, SplitLaneSpec, UpdateFlowNodeRefsSpec), re-expressed on
// a diagram of the same shape as their lanes.bpmn, in both orientations:
//
//	Pool          72,33   540×543
//	Lane_A        102,33  510×436   nested: A 132,33 480×181
//	                                        B 132,214 480×131
//	                                        C 132,345 480×124
//	Lane_B        102,469 510×107
//	Task_Boundary 264,63 (in Nested_A) with Boundary 311,125 on its border
//	Task          432,63
//	Pool_B        72,700 540×200 (no lanes), Task_B 300,760 inside
type lanesFix struct {
	*fixture
}

func newLanesFix(t testing.TB, horiz bool) *lanesFix {
	t.Helper()
	d := &model.Definitions{ID: "Defs"}
	na := &model.Lane{ID: "Nested_A", NodeRefs: []string{"Task_Boundary", "Boundary", "Task"}}
	nb := &model.Lane{ID: "Nested_B"}
	nc := &model.Lane{ID: "Nested_C"}
	la := &model.Lane{ID: "Lane_A", ChildLaneSetID: "LaneSet_2", Children: []*model.Lane{na, nb, nc},
		NodeRefs: []string{"Task_Boundary", "Boundary", "Task"}}
	lb := &model.Lane{ID: "Lane_B"}
	d.Processes = []*model.Process{
		{ID: "Process_Lane", LaneSetID: "LaneSet_1", Lanes: []*model.Lane{la, lb}},
		{ID: "Process_B"},
	}
	d.Collaborations = []*model.Collaboration{{ID: "Collab", Participants: []*model.Participant{
		{ID: "Pool", ProcessRef: "Process_Lane"}, {ID: "Pool_B", ProcessRef: "Process_B"}}}}
	d.Nodes = []*model.Node{
		{ID: "Task_Boundary", Kind: model.Task, Container: "Process_Lane"},
		{ID: "Boundary", Kind: model.BoundaryEvent, Container: "Process_Lane", AttachedTo: "Task_Boundary", CancelActivity: true},
		{ID: "Task", Kind: model.Task, Container: "Process_Lane"},
		{ID: "Task_B", Kind: model.Task, Container: "Process_B"},
	}
	d.Flows = []*model.Flow{
		{ID: "SequenceFlow", Kind: model.SequenceFlow, Container: "Process_Lane", Source: "Task_Boundary", Target: "Task"},
		{ID: "SequenceFlow_From_Boundary", Kind: model.SequenceFlow, Container: "Process_Lane", Source: "Boundary", Target: "Task"},
	}
	f := &fixture{horiz: horiz}
	r := f.rect
	p := f.pt
	h := model.Bool(horiz)
	g := &model.Diagram{ID: "D", PlaneID: "P", Element: "Collab"}
	g.Shapes = []*model.Shape{
		{ID: "Pool_di", Element: "Pool", Bounds: r(72, 33, 540, 543), IsHorizontal: h},
		{ID: "Lane_A_di", Element: "Lane_A", Bounds: r(102, 33, 510, 436), IsHorizontal: h},
		{ID: "Nested_A_di", Element: "Nested_A", Bounds: r(132, 33, 480, 181), IsHorizontal: h},
		{ID: "Nested_B_di", Element: "Nested_B", Bounds: r(132, 214, 480, 131), IsHorizontal: h},
		{ID: "Nested_C_di", Element: "Nested_C", Bounds: r(132, 345, 480, 124), IsHorizontal: h},
		{ID: "Lane_B_di", Element: "Lane_B", Bounds: r(102, 469, 510, 107), IsHorizontal: h},
		{ID: "Task_Boundary_di", Element: "Task_Boundary", Bounds: r(264, 63, 100, 80)},
		{ID: "Boundary_di", Element: "Boundary", Bounds: r(311, 125, 36, 36)},
		{ID: "Task_di", Element: "Task", Bounds: r(432, 63, 100, 80)},
		{ID: "Pool_B_di", Element: "Pool_B", Bounds: r(72, 700, 540, 200), IsHorizontal: h},
		{ID: "Task_B_di", Element: "Task_B", Bounds: r(300, 760, 100, 80)},
	}
	g.Edges = []*model.Edge{
		{ID: "SequenceFlow_di", Element: "SequenceFlow", Waypoints: []model.Point{p(364, 103), p(432, 103)}},
		{ID: "SequenceFlow_From_Boundary_di", Element: "SequenceFlow_From_Boundary",
			Waypoints: []model.Point{p(329, 161), p(329, 188), p(482, 188), p(482, 143)}},
	}
	d.Diagrams = []*model.Diagram{g}
	f.d, f.s = d, NewSession(d, nil)
	f.pool, f.proc = "Pool", "Process_Lane"
	return &lanesFix{f}
}

// at is the bounds of an element's shape, written back in horizontal terms.
func (f *lanesFix) at(t *testing.T, id string) model.Rect {
	t.Helper()
	sh := f.s.Shape(id)
	if sh == nil {
		t.Fatalf("no shape for %s", id)
	}
	b := sh.Bounds
	if !f.horiz {
		b = model.Rect{X: b.Y, Y: b.X, W: b.H, H: b.W}
	}
	return b
}

func (f *lanesFix) want(t *testing.T, id string, w model.Rect) {
	t.Helper()
	if got := f.at(t, id); got != w {
		t.Errorf("%s: bounds %v, want %v", id, got, w)
	}
}

func both(t *testing.T, run func(t *testing.T, f *lanesFix)) {
	for _, h := range []bool{true, false} {
		name := "horizontal"
		if !h {
			name = "vertical"
		}
		t.Run(name, func(t *testing.T) {
			f := newLanesFix(t, h)
			run(t, f)
			checkConsistent(t, f.fixture)
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// mustID returns a checker for (id, error) results: mustID(t)(s.AddLane(…)).
func mustID(t *testing.T) func(string, error) string {
	return func(id string, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
}

func TestAddLane(t *testing.T) {
	rect := func(x, y, w, h float64) model.Rect { return model.Rect{X: x, Y: y, W: w, H: h} }
	t.Run("after lane", func(t *testing.T) {
		both(t, func(t *testing.T, f *lanesFix) {
			id := mustID(t)(f.s.AddLane("Lane_A", Below))
			f.want(t, id, rect(102, 469, 510, NewLaneSize))
			f.want(t, "Lane_B", rect(102, 469+NewLaneSize, 510, 107))
			f.want(t, "Lane_A", rect(102, 33, 510, 436))
			f.want(t, "Pool", rect(72, 33, 540, 543+NewLaneSize))
			if got := f.d.Process("Process_Lane").Lanes[1].ID; got != id {
				t.Errorf("new lane is not the second top lane")
			}
		})
	})
	t.Run("before lane", func(t *testing.T) {
		both(t, func(t *testing.T, f *lanesFix) {
			id := mustID(t)(f.s.AddLane("Lane_B", Above))
			f.want(t, id, rect(102, 469-NewLaneSize, 510, NewLaneSize))
			f.want(t, "Lane_A", rect(102, 33-NewLaneSize, 510, 436))
			f.want(t, "Lane_B", rect(102, 469, 510, 107))
			f.want(t, "Pool", rect(72, 33-NewLaneSize, 540, 543+NewLaneSize))
		})
	})
	t.Run("before nested lane", func(t *testing.T) {
		both(t, func(t *testing.T, f *lanesFix) {
			id := mustID(t)(f.s.AddLane("Nested_A", Above))
			f.want(t, id, rect(132, 33-NewLaneSize, 480, NewLaneSize))
			f.want(t, "Pool", rect(72, 33-NewLaneSize, 540, 543+NewLaneSize))
			f.want(t, "Lane_A", rect(102, 33-NewLaneSize, 510, 436+NewLaneSize))
			if l := f.d.Lane("Lane_A"); l.Children[0].ID != id {
				t.Errorf("new lane is not Lane_A's first child")
			}
		})
	})
	t.Run("after pool", func(t *testing.T) {
		both(t, func(t *testing.T, f *lanesFix) {
			id := mustID(t)(f.s.AddLane("Pool", Below))
			f.want(t, id, rect(102, 576, 510, NewLaneSize))
			f.want(t, "Lane_B", rect(102, 469, 510, 107))
			f.want(t, "Pool", rect(72, 33, 540, 543+NewLaneSize))
		})
	})
	t.Run("before pool", func(t *testing.T) {
		both(t, func(t *testing.T, f *lanesFix) {
			id := mustID(t)(f.s.AddLane("Pool", Above))
			f.want(t, id, rect(102, 33-NewLaneSize, 510, NewLaneSize))
			f.want(t, "Lane_A", rect(102, 33, 510, 436))
			f.want(t, "Pool", rect(72, 33-NewLaneSize, 540, 543+NewLaneSize))
		})
	})
	for _, where := range []Where{Below, Above} {
		t.Run("pool without lanes", func(t *testing.T) {
			both(t, func(t *testing.T, f *lanesFix) {
				id := mustID(t)(f.s.AddLane("Pool_B", where))
				lanes := f.d.Process("Process_B").Lanes
				if len(lanes) != 2 {
					t.Fatalf("got %d lanes, want 2", len(lanes))
				}
				wrap := lanes[0]
				if where == Above {
					wrap = lanes[1]
				}
				if where == Below {
					f.want(t, wrap.ID, rect(102, 700, 510, 200))
					f.want(t, id, rect(102, 900, 510, NewLaneSize))
				} else {
					// Pool lies 124 below Pool_B: too close to grow upwards
					// (NewLaneSize+Padding), so the space opens downwards.
					f.want(t, wrap.ID, rect(102, 700+NewLaneSize, 510, 200))
					f.want(t, id, rect(102, 700, 510, NewLaneSize))
					f.want(t, "Pool", rect(72, 33, 540, 543))
				}
				// The wrapping lane takes the pool's content.
				if got := laneIDs(f.d, "Task_B"); !slices.Equal(got, []string{wrap.ID}) {
					t.Errorf("Task_B in lanes %v, want [%s]", got, wrap.ID)
				}
			})
		})
	}
	t.Run("moves flow nodes and flows", func(t *testing.T) {
		both(t, func(t *testing.T, f *lanesFix) {
			before := f.s.Edge("SequenceFlow_From_Boundary").Waypoints
			before = slices.Clone(before)
			mustID(t)(f.s.AddLane("Nested_B", Above))
			f.want(t, "Task_Boundary", rect(264, 63-NewLaneSize, 100, 80))
			f.want(t, "Boundary", rect(311, 125-NewLaneSize, 36, 36))
			got := f.s.Edge("SequenceFlow_From_Boundary").Waypoints
			for i, p := range before {
				w := f.pt(0, -NewLaneSize)
				if got[i] != (model.Point{X: p.X + w.X, Y: p.Y + w.Y}) {
					t.Errorf("waypoint %d: %v, want %v moved by -%g", i, got[i], p, NewLaneSize)
				}
			}
			f.want(t, "Pool_B", rect(72, 700, 540, 200)) // other pools stay
		})
	})
}

func TestDeleteLane(t *testing.T) {
	rect := func(x, y, w, h float64) model.Rect { return model.Rect{X: x, Y: y, W: w, H: h} }
	cases := []struct {
		name, lane string
		want       map[string]model.Rect
	}{
		{"first lane", "Lane_A", map[string]model.Rect{"Lane_B": rect(102, 33, 510, 543)}},
		{"last lane", "Lane_B", map[string]model.Rect{
			"Lane_A": rect(102, 33, 510, 543), "Nested_C": rect(132, 345, 480, 124+107)}},
		{"middle nested lane", "Nested_B", map[string]model.Rect{
			"Nested_A": rect(132, 33, 480, 181+65.5), "Nested_C": rect(132, 345-65.5, 480, 124+65.5)}},
		{"first nested lane", "Nested_A", map[string]model.Rect{
			"Nested_B": rect(132, 33, 480, 131+181), "Nested_C": rect(132, 345, 480, 124)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			both(t, func(t *testing.T, f *lanesFix) {
				pool := f.at(t, "Pool")
				must(t, f.s.DeleteLane(c.lane, MoveContentToNeighbour))
				for id, w := range c.want {
					f.want(t, id, w)
				}
				f.want(t, "Pool", pool)
				if f.d.Lane(c.lane) != nil {
					t.Errorf("lane %s still there", c.lane)
				}
				if f.d.Node("Task") == nil {
					t.Errorf("content was deleted")
				}
			})
		})
	}
	t.Run("content goes to the neighbour", func(t *testing.T) {
		both(t, func(t *testing.T, f *lanesFix) {
			must(t, f.s.DeleteLane("Lane_A", MoveContentToNeighbour))
			if got := laneIDs(f.d, "Task"); !slices.Equal(got, []string{"Lane_B"}) {
				t.Errorf("Task in %v, want [Lane_B]", got)
			}
		})
	})
	t.Run("delete content", func(t *testing.T) {
		both(t, func(t *testing.T, f *lanesFix) {
			must(t, f.s.DeleteLane("Nested_A", DeleteContent))
			for _, id := range []string{"Task", "Task_Boundary", "Boundary", "SequenceFlow"} {
				if f.d.Element(id) != nil {
					t.Errorf("%s survived", id)
				}
			}
			if f.d.Node("Task_B") == nil {
				t.Errorf("the other pool lost its content")
			}
		})
	})
}

func TestResizeLane(t *testing.T) {
	rect := func(x, y, w, h float64) model.Rect { return model.Rect{X: x, Y: y, W: w, H: h} }
	cases := []struct {
		name  string
		lane  string
		edge  Edge
		delta float64
		want  map[string]model.Rect
		err   bool
	}{
		{"expand lane top", "Lane_A", Top, 50, map[string]model.Rect{
			"Lane_A": rect(102, -17, 510, 486), "Pool": rect(72, -17, 540, 593), "Nested_A": rect(132, -17, 480, 231)}, false},
		{"shrink lane top", "Lane_A", Top, -25, map[string]model.Rect{
			"Lane_A": rect(102, 58, 510, 411), "Pool": rect(72, 58, 540, 518)}, false},
		{"shrink pool top", "Pool", Top, -25, map[string]model.Rect{
			"Pool": rect(72, 58, 540, 518), "Lane_A": rect(102, 58, 510, 411), "Nested_A": rect(132, 58, 480, 156)}, false},
		{"shrink lane bottom", "Lane_A", Bottom, -50, map[string]model.Rect{
			"Lane_A": rect(102, 33, 510, 386), "Nested_C": rect(132, 345, 480, 74),
			"Lane_B": rect(102, 419, 510, 157), "Pool": rect(72, 33, 540, 543)}, false},
		{"expand lane bottom", "Lane_A", Bottom, 40, map[string]model.Rect{
			"Lane_A": rect(102, 33, 510, 476), "Nested_C": rect(132, 345, 480, 164),
			"Lane_B": rect(102, 509, 510, 67), "Pool": rect(72, 33, 540, 543)}, false},
		{"neighbour below minimum", "Lane_A", Bottom, 50, nil, true},
		{"last lane bottom grows pool", "Lane_B", Bottom, 50, map[string]model.Rect{
			"Lane_B": rect(102, 469, 510, 157), "Pool": rect(72, 33, 540, 593)}, false},
		{"expand lane left", "Lane_A", Left, 50, map[string]model.Rect{
			"Lane_A": rect(52, 33, 560, 436), "Pool": rect(22, 33, 590, 543), "Lane_B": rect(52, 469, 560, 107)}, false},
		{"shrink lane right", "Lane_A", Right, -50, map[string]model.Rect{
			"Lane_A": rect(102, 33, 460, 436), "Pool": rect(72, 33, 490, 543),
			"Lane_B": rect(102, 469, 460, 107), "Nested_C": rect(132, 345, 430, 124)}, false},
		{"expand lane right", "Nested_B", Right, 50, map[string]model.Rect{
			"Nested_B": rect(132, 214, 530, 131), "Pool": rect(72, 33, 590, 543), "Lane_A": rect(102, 33, 560, 436)}, false},
		{"cannot cut through content", "Nested_A", Bottom, -100, nil, true},
		{"cannot push content out", "Lane_A", Top, -100, nil, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			both(t, func(t *testing.T, f *lanesFix) {
				before := dump(f.d)
				err := f.s.ResizeLane(c.lane, f.edge(c.edge), c.delta)
				if c.err {
					if err == nil {
						t.Fatalf("resize succeeded, want an error")
					}
					if got := dump(f.d); got != before {
						t.Fatalf("failed resize changed the model: %s", diff(before, got))
					}
					return
				}
				must(t, err)
				for id, w := range c.want {
					f.want(t, id, w)
				}
			})
		})
	}
	t.Run("with space", func(t *testing.T) {
		both(t, func(t *testing.T, f *lanesFix) {
			must(t, f.s.ResizeLaneSpace("Lane_A", f.edge(Bottom), -50))
			f.want(t, "Lane_A", rect(102, 33, 510, 386))
			f.want(t, "Nested_C", rect(132, 345, 480, 74))
			f.want(t, "Lane_B", rect(102, 419, 510, 107))
			f.want(t, "Pool", rect(72, 33, 540, 493))
		})
	})
}

func TestSplitLane(t *testing.T) {
	rect := func(x, y, w, h float64) model.Rect { return model.Rect{X: x, Y: y, W: w, H: h} }
	t.Run("pool without lanes into three", func(t *testing.T) {
		both(t, func(t *testing.T, f *lanesFix) {
			ids, err := f.s.SplitLane("Pool_B", 3)
			must(t, err)
			if len(ids) != 3 {
				t.Fatalf("got %d lanes", len(ids))
			}
			f.want(t, ids[0], rect(102, 700, 510, 67))
			f.want(t, ids[1], rect(102, 767, 510, 67))
			f.want(t, ids[2], rect(102, 834, 510, 66))
			f.want(t, "Pool_B", rect(72, 700, 540, 200))
			for _, id := range ids {
				if sh := f.s.Shape(id); sh.IsHorizontal == nil || *sh.IsHorizontal != f.horiz {
					t.Errorf("lane %s does not follow the pool's direction", id)
				}
			}
			if got := laneIDs(f.d, "Task_B"); !slices.Equal(got, []string{ids[1]}) {
				t.Errorf("Task_B in %v, want [%s]", got, ids[1])
			}
		})
	})
	t.Run("pool with lanes keeps them", func(t *testing.T) {
		both(t, func(t *testing.T, f *lanesFix) {
			ids, err := f.s.SplitLane("Pool", 3)
			must(t, err)
			if ids[0] != "Lane_A" || ids[1] != "Lane_B" {
				t.Fatalf("existing lanes not kept first: %v", ids)
			}
			f.want(t, "Lane_A", rect(102, 33, 510, 181))
			f.want(t, "Lane_B", rect(102, 214, 510, 181))
			f.want(t, ids[2], rect(102, 395, 510, 181))
		})
	})
	t.Run("nested lane into two", func(t *testing.T) {
		both(t, func(t *testing.T, f *lanesFix) {
			ids, err := f.s.SplitLane("Nested_A", 2)
			must(t, err)
			l := f.d.Lane("Nested_A")
			if len(l.Children) != 2 || l.Children[1].ID != ids[1] || l.ChildLaneSetID == "" {
				t.Fatalf("Nested_A children %v, child lane set %q", l.Children, l.ChildLaneSetID)
			}
			id := ids[1]
			first := l.Children[0].ID
			f.want(t, first, rect(162, 33, 450, 91))
			f.want(t, id, rect(162, 124, 450, 90))
			f.want(t, "Nested_A", rect(132, 33, 480, 181))
			if got := laneIDs(f.d, "Task"); !slices.Equal(got, slices.Sorted(slices.Values([]string{"Lane_A", "Nested_A", first}))) {
				t.Errorf("Task in %v, want the parents and %s", got, first)
			}
			if _, err := f.s.SplitLane("Lane_B", 2); err == nil {
				t.Errorf("split of a 107 deep lane into two of less than %g succeeded", MinLaneSize)
			}
		})
	})
	t.Run("fewer than existing is an error", func(t *testing.T) {
		f := newLanesFix(t, true)
		if _, err := f.s.SplitLane("Lane_A", 2); err == nil {
			t.Fatal("split of three nested lanes into two succeeded")
		}
	})
}

func TestFlowNodeRefs(t *testing.T) {
	t.Run("unwire on move to another pool", func(t *testing.T) {
		both(t, func(t *testing.T, f *lanesFix) {
			must(t, f.move([]string{"Task"}, 0, 720))
			if got := laneIDs(f.d, "Task"); len(got) != 0 {
				t.Errorf("Task still in %v", got)
			}
			if got := f.d.Node("Task").Container; got != "Process_B" {
				t.Errorf("Task container %s, want Process_B", got)
			}
			// Flows into it crossed pools: they became message flows… but
			// a boundary event and a task send no messages to tasks? They
			// do: both are message sources.
			for _, id := range []string{"SequenceFlow", "SequenceFlow_From_Boundary"} {
				fl := f.d.Flow(id)
				if id == "SequenceFlow" && (fl == nil || fl.Kind != model.MessageFlow || fl.Container != "Collab") {
					t.Errorf("%s: %+v, want a message flow in Collab", id, fl)
				}
				if id == "SequenceFlow_From_Boundary" && fl != nil {
					t.Errorf("%s: a boundary event cannot send a message flow, yet it survived as %s", id, fl.Kind)
				}
			}
			f.s.Undo()
			if got := laneIDs(f.d, "Task"); !slices.Equal(got, []string{"Lane_A", "Nested_A"}) {
				t.Errorf("after undo Task in %v", got)
			}
			f.s.Redo()
			if got := laneIDs(f.d, "Task"); len(got) != 0 {
				t.Errorf("after redo Task in %v", got)
			}
		})
	})
	t.Run("wire on move into lane", func(t *testing.T) {
		both(t, func(t *testing.T, f *lanesFix) {
			must(t, f.move([]string{"Task"}, 0, 420))
			if got := laneIDs(f.d, "Task"); !slices.Equal(got, []string{"Lane_B"}) {
				t.Errorf("Task in %v, want [Lane_B]", got)
			}
		})
	})
	t.Run("move multiple", func(t *testing.T) {
		both(t, func(t *testing.T, f *lanesFix) {
			must(t, f.move([]string{"Task", "Task_Boundary"}, 0, 200))
			for _, id := range []string{"Task", "Task_Boundary", "Boundary"} {
				if got := laneIDs(f.d, id); !slices.Equal(got, []string{"Lane_A", "Nested_B"}) {
					t.Errorf("%s in %v, want [Lane_A Nested_B]", id, got)
				}
			}
		})
	})
	t.Run("unwire on delete", func(t *testing.T) {
		both(t, func(t *testing.T, f *lanesFix) {
			must(t, f.s.Delete([]string{"Task"}))
			for _, l := range f.d.AllLanes() {
				if slices.Contains(l.NodeRefs, "Task") {
					t.Errorf("lane %s still lists Task", l.ID)
				}
			}
		})
	})
	t.Run("wire on create", func(t *testing.T) {
		both(t, func(t *testing.T, f *lanesFix) {
			id := mustID(t)(f.s.AddNode(model.Task, "Pool", f.pt(500, 400)))
			if got := laneIDs(f.d, id); !slices.Equal(got, []string{"Lane_A", "Nested_C"}) {
				t.Errorf("new task in %v, want [Lane_A Nested_C]", got)
			}
		})
	})
	t.Run("boundary event follows host into lane", func(t *testing.T) {
		both(t, func(t *testing.T, f *lanesFix) {
			must(t, f.move([]string{"Task_Boundary"}, 0, 430))
			if got := laneIDs(f.d, "Boundary"); !slices.Equal(got, []string{"Lane_B"}) {
				t.Errorf("Boundary in %v, want [Lane_B]", got)
			}
		})
	})
}

func TestMoveLane(t *testing.T) {
	both(t, func(t *testing.T, f *lanesFix) {
		rect := func(x, y, w, h float64) model.Rect { return model.Rect{X: x, Y: y, W: w, H: h} }
		must(t, f.s.MoveLane("Nested_A", 2))
		l := f.d.Lane("Lane_A")
		if ids := []string{l.Children[0].ID, l.Children[1].ID, l.Children[2].ID}; !slices.Equal(ids, []string{"Nested_B", "Nested_C", "Nested_A"}) {
			t.Fatalf("order %v", ids)
		}
		f.want(t, "Nested_B", rect(132, 33, 480, 131))
		f.want(t, "Nested_C", rect(132, 164, 480, 124))
		f.want(t, "Nested_A", rect(132, 288, 480, 181))
		f.want(t, "Task", rect(432, 63+255, 100, 80))
		f.want(t, "Boundary", rect(311, 125+255, 36, 36))
		if got := laneIDs(f.d, "Task"); !slices.Equal(got, []string{"Lane_A", "Nested_A"}) {
			t.Errorf("Task in %v", got)
		}
		if err := f.s.MoveLane("Nested_A", 1); !errors.Is(err, ErrNoChange) {
			t.Errorf("moving the last lane further: %v, want ErrNoChange", err)
		}
	})
}

func TestFitLane(t *testing.T) {
	both(t, func(t *testing.T, f *lanesFix) {
		rect := func(x, y, w, h float64) model.Rect { return model.Rect{X: x, Y: y, W: w, H: h} }
		// Nested_A holds content from 63 to 161 (the boundary event).
		must(t, f.s.FitLane("Nested_A"))
		f.want(t, "Nested_A", rect(132, 33, 480, 30+98+20-(30-Padding)))
		f.want(t, "Task", rect(432, 63-(30-Padding), 100, 80))
		// Empty lanes shrink to the minimum; what follows moves up.
		must(t, f.s.FitLane("Nested_B"))
		nb := f.at(t, "Nested_B")
		if nb.H != MinLaneSize {
			t.Errorf("empty lane depth %g, want %g", nb.H, MinLaneSize)
		}
		nc := f.at(t, "Nested_C")
		if nc.Y != nb.Y+nb.H {
			t.Errorf("Nested_C at %g, want right after Nested_B at %g", nc.Y, nb.Y+nb.H)
		}
		la, pool := f.at(t, "Lane_A"), f.at(t, "Pool")
		lb := f.at(t, "Lane_B")
		if la.Y+la.H != nc.Y+nc.H || lb.Y != la.Y+la.H || pool.Y+pool.H != lb.Y+lb.H {
			t.Errorf("lanes and pool do not follow: Lane_A %v, Nested_C %v, Lane_B %v, Pool %v", la, nc, lb, pool)
		}
	})
}

func TestDeleteLaneContentToOneNeighbour(t *testing.T) {
	both(t, func(t *testing.T, f *lanesFix) {
		rect := func(x, y, w, h float64) model.Rect { return model.Rect{X: x, Y: y, W: w, H: h} }
		// An event centred in Nested_B: deleting the lane must not leave it on
		// the seam between A and C.
		id := mustID(t)(f.s.AddNode(model.IntermediateThrowEvent, "Nested_B", f.pt(500, 279.5)))
		must(t, f.s.DeleteLane("Nested_B", MoveContentToNeighbour))
		f.want(t, "Nested_A", rect(132, 33, 480, 181+131))
		f.want(t, "Nested_C", rect(132, 345, 480, 124))
		if got := laneIDs(f.d, id); !slices.Equal(got, []string{"Lane_A", "Nested_A"}) {
			t.Errorf("content in %v, want [Lane_A Nested_A]", got)
		}
	})
}

func TestAddLaneInside(t *testing.T) {
	rect := func(x, y, w, h float64) model.Rect { return model.Rect{X: x, Y: y, W: w, H: h} }
	both(t, func(t *testing.T, f *lanesFix) {
		// Lane_B has no nested lanes: the first takes all of it, the new
		// one follows, Lane_B and the pool grow.
		id := mustID(t)(f.s.AddLane("Lane_B", Inside))
		l := f.d.Lane("Lane_B")
		if len(l.Children) != 2 || l.Children[1].ID != id {
			t.Fatalf("children %v", l.Children)
		}
		f.want(t, l.Children[0].ID, rect(132, 469, 480, 107))
		f.want(t, id, rect(132, 576, 480, NewLaneSize))
		f.want(t, "Lane_B", rect(102, 469, 510, 107+NewLaneSize))
		f.want(t, "Pool", rect(72, 33, 540, 543+NewLaneSize))
		// Lane_A has three: a fourth joins at the end.
		id2 := mustID(t)(f.s.AddLane("Lane_A", Inside))
		la := f.d.Lane("Lane_A")
		if len(la.Children) != 4 || la.Children[3].ID != id2 {
			t.Fatalf("Lane_A children %v", la.Children)
		}
		f.want(t, id2, rect(132, 469, 480, NewLaneSize))
		f.want(t, "Lane_B", rect(102, 469+NewLaneSize, 510, 107+NewLaneSize))
		if got := laneIDs(f.d, "Task"); !slices.Equal(got, []string{"Lane_A", "Nested_A"}) {
			t.Errorf("Task in %v", got)
		}
	})
	// Content of a lane that gets nested lanes goes to the first one.
	both(t, func(t *testing.T, f *lanesFix) {
		id := mustID(t)(f.s.AddLane("Nested_A", Inside))
		first := f.d.Lane("Nested_A").Children[0].ID
		want := slices.Sorted(slices.Values([]string{"Lane_A", "Nested_A", first}))
		if got := laneIDs(f.d, "Task"); !slices.Equal(got, want) {
			t.Errorf("Task in %v, want %v", got, want)
		}
		if got := laneIDs(f.d, "Task"); slices.Contains(got, id) {
			t.Errorf("content went to the new lane")
		}
	})
}

func TestResizeLaneRange(t *testing.T) {
	both(t, func(t *testing.T, f *lanesFix) {
		before := dump(f.d)
		lo, hi, err := f.s.ResizeLaneRange("Lane_A", f.edge(Bottom))
		must(t, err)
		if dump(f.d) != before {
			t.Fatal("ResizeLaneRange changed the model")
		}
		// Growing: Lane_B (107 deep) may shrink to MinLaneSize.
		if hi != 107-MinLaneSize {
			t.Errorf("hi = %g, want %g", hi, 107-MinLaneSize)
		}
		// Shrinking: Nested_C (124 deep) may shrink to MinLaneSize.
		if lo != -(124 - MinLaneSize) {
			t.Errorf("lo = %g, want %g", lo, -(124 - MinLaneSize))
		}
		for _, d := range []float64{lo, hi} {
			must(t, f.s.ResizeLane("Lane_A", f.edge(Bottom), d))
			f.s.Undo()
		}
		if err := f.s.ResizeLane("Lane_A", f.edge(Bottom), hi+1); err == nil {
			t.Error("a resize past the range succeeded")
		}
		if _, _, err := f.s.ResizeLaneRange("nope", Top); err == nil {
			t.Error("range of an unknown lane")
		}
	})
}

// Ctrl+Down at the bottom lane (Ctrl+Up at the top): a new lane there,
// named by the first free "base", "base 2", …, with the next task in it,
// in one undo step; the flow from the source is a clear handover.
func TestAppendInNewLane(t *testing.T) {
	for _, horiz := range []bool{true, false} {
		for _, where := range []Where{Below, Above} {
			f := buildFixture(t, horiz)
			f.d.AllLanes()[0].Name = "Ny roll" // the base is taken: the next free one
			before := routes(f.s)
			var lane, id string
			checkUndoRedo(t, f, func() error {
				var err error
				lane, id, err = f.s.AppendInNewLane(f.task, where, "Ny roll", model.Task)
				return err
			})
			proc := f.d.Process(f.proc)
			if len(proc.Lanes) != 3 {
				t.Fatalf("horiz=%v where=%v: %d lanes, want 3", horiz, where, len(proc.Lanes))
			}
			want := proc.Lanes[2]
			if where == Above {
				want = proc.Lanes[0]
			}
			if want.ID != lane || want.Name != "Ny roll 2" {
				t.Errorf("horiz=%v where=%v: new lane %s %q, want the %v end one named %q", horiz, where, want.ID, want.Name, where, "Ny roll 2")
			}
			if got := laneIDs(f.d, id); !slices.Equal(got, []string{lane}) {
				t.Errorf("horiz=%v where=%v: new task in lanes %v, want %s", horiz, where, got, lane)
			}
			if !f.s.Shape(lane).Bounds.ContainsRect(f.s.Shape(id).Bounds) {
				t.Errorf("horiz=%v where=%v: task %v outside its lane %v", horiz, where, f.s.Shape(id).Bounds, f.s.Shape(lane).Bounds)
			}
			checkAppended(t, f.s, id, before)
			if f.s.Stack.Len() != 1 {
				t.Errorf("horiz=%v where=%v: %d steps, want 1", horiz, where, f.s.Stack.Len())
			}
			checkConsistent(t, f)
		}
	}
	f := newFixture(t)
	if _, _, err := f.s.AppendInNewLane(f.task, Inside, "Ny roll", model.Task); err == nil {
		t.Error("Inside accepted")
	}
	if _, _, err := f.s.AppendInNewLane(f.end, Below, "Ny roll", model.Task); err == nil || f.s.Stack.Len() != 0 || len(f.d.Process(f.proc).Lanes) != 2 {
		t.Errorf("after an end event: err %v, %d steps, lanes %d", err, f.s.Stack.Len(), len(f.d.Process(f.proc).Lanes))
	}
}
