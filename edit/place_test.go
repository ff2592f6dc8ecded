package edit

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"lanemap/bpmn"
	"lanemap/model"
)

// crossedBy lists the node shapes the route of flow id runs through, not
// counting its ends, boundary events on them, hosts of boundary-event ends,
// sub-processes holding an end, and groups.
func crossedBy(s *Session, id string) []string {
	d := s.Doc
	f := d.Flow(id)
	e := s.Edge(id)
	if f == nil || e == nil {
		return nil
	}
	skip := map[string]bool{f.Source: true, f.Target: true}
	for _, end := range []string{f.Source, f.Target} {
		for n := d.Node(end); n != nil; n = d.Node(n.Container) {
			skip[n.ID] = true
			if n.AttachedTo != "" {
				skip[n.AttachedTo] = true
			}
		}
	}
	var out []string
	for _, n := range d.Nodes {
		if skip[n.ID] || (n.AttachedTo != "" && skip[n.AttachedTo]) || n.Kind == model.Group {
			continue
		}
		if sh := s.Shape(n.ID); sh != nil && crosses(e.Waypoints, sh.Bounds) {
			out = append(out, n.ID)
		}
	}
	return out
}

// routes snapshots every edge's waypoints.
func routes(s *Session) map[string][]model.Point {
	m := map[string][]model.Point{}
	for _, e := range s.Diagram.Edges {
		m[e.Element] = slices.Clone(e.Waypoints)
	}
	return m
}

// routeFaults lists what the flows drawn or re-routed since before do
// wrong beyond crossing shapes: running along another flow for more than
// overlapMax, or through a node's name (its DI label or where the renderer
// puts it), its own ends' names included.
func routeFaults(s *Session, before map[string][]model.Point) []string {
	var out []string
	for _, e := range s.Diagram.Edges {
		if old, had := before[e.Element]; had && slices.Equal(old, e.Waypoints) {
			continue
		}
		f := s.Doc.Flow(e.Element)
		if f == nil || f.Kind != model.SequenceFlow && f.Kind != model.MessageFlow {
			continue
		}
		for _, o := range s.Diagram.Edges {
			if o == e {
				continue
			}
			of := s.Doc.Flow(o.Element)
			if of == nil || of.Kind != model.SequenceFlow && of.Kind != model.MessageFlow {
				continue
			}
			// A fork (same source, same first point) or a join (same target,
			// same last point) shares its trunk: that reads right.
			if of.Source == f.Source && samePoint(o.Waypoints[0], e.Waypoints[0]) ||
				of.Target == f.Target && samePoint(o.Waypoints[len(o.Waypoints)-1], e.Waypoints[len(e.Waypoints)-1]) {
				continue
			}
			if l := collinear(e.Waypoints, o.Waypoints); l > overlapMax {
				out = append(out, fmt.Sprintf("flow %s %v runs %.0f along flow %s %v", e.Element, e.Waypoints, l, o.Element, o.Waypoints))
			}
		}
		for _, n := range s.Doc.Nodes {
			sh := s.Shape(n.ID)
			if sh == nil {
				continue
			}
			if l, ok := labelOf(n, sh); ok && crosses(e.Waypoints, l) {
				out = append(out, fmt.Sprintf("flow %s (%s → %s) %v runs through the name of %s %q %v", e.Element, f.Source, f.Target, e.Waypoints, n.ID, n.Name, l))
			}
		}
	}
	return out
}

// checkAppended checks what an append left: the new node overlaps no
// shape, and no flow it drew or re-routed crosses a shape.
func checkAppended(t *testing.T, s *Session, id string, before map[string][]model.Point) {
	t.Helper()
	d := s.Doc
	n := d.Node(id)
	sh := s.Shape(id)
	if n == nil || sh == nil {
		t.Fatalf("new node %s or its shape missing", id)
	}
	for _, o := range d.Nodes {
		if o.ID == id || o.Kind == model.Group || o.ID == n.Container {
			continue
		}
		if os := s.Shape(o.ID); os != nil && os.Bounds.Intersects(sh.Bounds) {
			t.Errorf("new node %v overlaps %s %v", sh.Bounds, o.ID, os.Bounds)
		}
	}
	for _, fault := range routeFaults(s, before) {
		t.Error(fault)
	}
	for _, e := range s.Diagram.Edges {
		if old, had := before[e.Element]; had && slices.Equal(old, e.Waypoints) {
			continue // untouched: the file's own route
		}
		if x := crossedBy(s, e.Element); len(x) > 0 {
			t.Errorf("flow %s (%s → %s) %v crosses %v", e.Element, d.Flow(e.Element).Source, d.Flow(e.Element).Target, e.Waypoints, x)
		}
	}
}

// TestAppendClearOnExamples appends after every node of the examples,
// in its own lane and in every other lane, and checks that nothing drawn
// or moved runs through a shape.
func TestAppendClearOnExamples(t *testing.T) {
	files, _ := filepath.Glob("../examples/*.bpmn")
	if len(files) == 0 {
		t.Fatal("no examples found")
	}
	for _, path := range files {
		d, _, _, err := bpmn.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		s := NewSession(d, nil)
		var srcs []*model.Node
		for _, n := range d.Nodes {
			if n.Kind.IsFlowNode() && n.Kind != model.EndEvent && s.Shape(n.ID) != nil && d.ProcessOf(n.ID) != nil {
				srcs = append(srcs, n)
			}
		}
		for _, n := range srcs {
			ops := []struct {
				name string
				do   func() (string, error)
			}{{"append", func() (string, error) { return s.AppendNext(n.ID, model.Task) }}}
			for _, l := range allLanes(d.ProcessOf(n.ID).Lanes) {
				if l.Name != "" && len(l.Children) == 0 {
					ops = append(ops, struct {
						name string
						do   func() (string, error)
					}{"quick " + l.Name, func() (string, error) { return s.QuickAdd(n.ID, l.Name+": Nytt steg") }})
				}
			}
			for _, op := range ops {
				t.Run(fmt.Sprintf("%s/%s/%s", filepath.Base(path), n.ID, op.name), func(t *testing.T) {
					before := routes(s)
					id, err := op.do()
					if err != nil {
						t.Fatalf("refused: %v", err)
					}
					checkAppended(t, s, id, before)
					if !s.Undo() {
						t.Fatal("undo failed")
					}
				})
			}
		}
	}
}

// The QA case: the start is followed by "Utreda"; a step quick-added after
// the start again must not get an arrow through "Utreda".
func TestQuickAddBranchClear(t *testing.T) {
	for _, horiz := range []bool{true, false} {
		f := buildFixture(t, horiz)
		before := routes(f.s)
		var id string
		checkUndoRedo(t, f, func() error {
			var err error
			id, err = f.s.QuickAdd(f.start, "Handläggare: Kontrollera fullmakt")
			return err
		})
		checkAppended(t, f.s, id, before)
		if got := laneIDs(f.d, id); !slices.Equal(got, []string{f.lane1}) {
			t.Errorf("horiz=%v: new step in lanes %v, want %s", horiz, got, f.lane1)
		}
		// Beside Utreda, not after it.
		a := ax(horiz)
		ns, _ := a.flow(f.s.Shape(id).Bounds)
		ts, _ := a.flow(f.s.Shape(f.task).Bounds)
		if ns > ts+tol {
			t.Errorf("horiz=%v: new step at %v lies after Utreda %v", horiz, f.s.Shape(id).Bounds, f.s.Shape(f.task).Bounds)
		}
	}
}

// A source without a way out yet whose next place is taken by an unrelated
// node makes space: what follows moves on and the new node sits in line.
func TestAppendMakesSpace(t *testing.T) {
	for _, horiz := range []bool{true, false} {
		f := buildFixture(t, horiz)
		must(t, f.s.Delete([]string{f.f1}))
		task0 := f.s.Shape(f.task).Bounds
		end0 := f.s.Shape(f.end).Bounds
		before := routes(f.s)
		var id string
		checkUndoRedo(t, f, func() error {
			var err error
			id, err = f.s.AppendNext(f.start, model.Task)
			return err
		})
		checkAppended(t, f.s, id, before)
		a := ax(horiz)
		sc := a.pt(f.s.Shape(f.start).Bounds.Center())
		if nc := a.pt(f.s.Shape(id).Bounds.Center()); nc != sc {
			t.Errorf("horiz=%v: new node not in the start's row: %v", horiz, f.s.Shape(id).Bounds)
		}
		ns, nz := a.flow(f.s.Shape(id).Bounds)
		ts, _ := a.flow(f.s.Shape(f.task).Bounds)
		if ts < ns+nz+Gap-tol {
			t.Errorf("horiz=%v: Utreda %v not moved on past the new node %v", horiz, f.s.Shape(f.task).Bounds, f.s.Shape(id).Bounds)
		}
		// Everything after the start moved by the same amount.
		d := f.s.Shape(f.task).Bounds.X - task0.X + f.s.Shape(f.task).Bounds.Y - task0.Y
		if got := f.s.Shape(f.end).Bounds; got.X-end0.X+got.Y-end0.Y != d {
			t.Errorf("horiz=%v: end moved to %v, task by %g", horiz, got, d)
		}
		checkRoute(t, f.s, f.f2)
		if !f.s.Shape(f.pool).Bounds.ContainsRect(f.s.Shape(f.end).Bounds) {
			t.Errorf("horiz=%v: pool did not grow to hold the moved content", horiz)
		}
	}
}

func TestRouteAround(t *testing.T) {
	r := func(x, y, w, h float64) model.Rect { return model.Rect{X: x, Y: y, W: w, H: h} }
	cases := []struct {
		name   string
		a, b   model.Rect
		obs    []model.Rect
		across bool
	}{
		{"through a task in line", r(0, 20, 36, 36), r(300, 0, 100, 80), []model.Rect{r(100, 0, 100, 80)}, false},
		{"column blocked", r(0, 0, 100, 80), r(400, 300, 100, 80), []model.Rect{r(220, 0, 60, 400)}, false},
		{"straight down blocked", r(0, 0, 50, 50), r(-25, 300, 100, 80), []model.Rect{r(-25, 150, 100, 80)}, false},
		{"across blocked", r(0, 0, 100, 80), r(0, 400, 100, 80), []model.Rect{r(0, 200, 100, 80)}, true},
		{"boxed in but a way round", r(0, 0, 100, 80), r(500, 0, 100, 80),
			[]model.Rect{r(200, -200, 100, 600), r(120, 100, 400, 40)}, false},
	}
	for _, c := range cases {
		first := Route(c.a, c.b, c.across)
		got := routeAround(first, c.a, c.b, c.across, c.obs, nil)
		if !orthogonal(got) {
			t.Errorf("%s: not orthogonal: %v", c.name, got)
		}
		if !clearOf(got, c.obs) || !clearOf(got, []model.Rect{c.a, c.b}) {
			t.Errorf("%s: %v still crosses", c.name, got)
		}
		if !onRectBorder(got[0], c.a) || !onRectBorder(got[len(got)-1], c.b) {
			t.Errorf("%s: ends %v not on the borders", c.name, got)
		}
	}
	// A clear plain route is kept as it is.
	a, b := r(0, 0, 100, 80), r(300, 0, 100, 80)
	if got := routeAround(Route(a, b, false), a, b, false, []model.Rect{r(150, 200, 50, 50)}, nil); !slices.Equal(got, Route(a, b, false)) {
		t.Errorf("clear route changed: %v", got)
	}
	// Walled in: no way out, the plain route comes back.
	wall := []model.Rect{r(-50, -50, 20, 200), r(120, -50, 20, 200), r(-50, -50, 200, 20), r(-50, 110, 200, 20)}
	b = r(600, 0, 100, 80)
	if got := gridRoute(a, b, wall, nil); got != nil {
		t.Errorf("walled in: got %v", got)
	}
}

// The live-workshop QA case: "Handläggare: Skriva förslag", "Enhetschef:
// Besluta?", "Handläggare: Meddela beslut". The exit of the decision went
// back up along the flow into it (the map read Skriva → Meddela with the
// gateway a dead end) and through the gateway's name. Now the flow in
// enters at the back corner, the exit leaves from the corner facing the
// upper (left, in a vertical pool) lane, they share nothing, and no flow
// runs through a name.
func TestQuickAddDecisionExit(t *testing.T) {
	for _, horiz := range []bool{true, false} {
		s := NewSession(nil, nil)
		var err error
		if horiz {
			_, err = s.AddPool("Kommun", model.Point{X: 400, Y: 200})
		} else {
			_, err = s.AddVerticalPool("Kommun", model.Point{X: 400, Y: 200})
		}
		if err != nil {
			t.Fatal(err)
		}
		before := routes(s)
		var ids []string
		last := ""
		for _, text := range []string{"Handläggare: Skriva förslag", "Enhetschef: Besluta?", "Handläggare: Meddela beslut"} {
			last = mustID(t)(s.QuickAdd(last, text))
			ids = append(ids, last)
		}
		task, gw, next := s.Shape(ids[0]).Bounds, s.Shape(ids[1]).Bounds, s.Shape(ids[2]).Bounds
		var in, out []model.Point
		for _, f := range s.Doc.Flows {
			switch {
			case f.Source == ids[0] && f.Target == ids[1]:
				in = s.Edge(f.ID).Waypoints
			case f.Source == ids[1] && f.Target == ids[2]:
				out = s.Edge(f.ID).Waypoints
			}
		}
		if in == nil || out == nil {
			t.Fatalf("horiz=%v: flows missing", horiz)
		}
		if l := collinear(in, out); l > overlapMax {
			t.Errorf("horiz=%v: exit %v runs %.0f along the flow in %v", horiz, out, l, in)
		}
		c := gw.Center()
		back, up := model.Point{X: gw.X, Y: c.Y}, model.Point{X: c.X, Y: gw.Y}
		if !horiz {
			back, up = model.Point{X: c.X, Y: gw.Y}, model.Point{X: gw.X, Y: c.Y}
		}
		if got := in[len(in)-1]; got != back {
			t.Errorf("horiz=%v: flow in ends at %v, want the back corner %v", horiz, got, back)
		}
		if got := out[0]; got != up {
			t.Errorf("horiz=%v: exit leaves at %v, want the corner facing the upper lane %v", horiz, got, up)
		}
		if got := out[len(out)-1]; !onRectBorder(got, next) || !onRectBorder(in[0], task) {
			t.Errorf("horiz=%v: ends off their shapes: in %v out %v", horiz, in, out)
		}
		for _, fault := range routeFaults(s, before) {
			t.Errorf("horiz=%v: %s", horiz, fault)
		}
		if s.Shape(ids[1]).Label == nil {
			t.Errorf("horiz=%v: the decision's name has no place of its own", horiz)
		}
	}
}

// Renaming a gateway whose name sits where gatewayLabel put it moves the
// label with the text; a label the user moved stays.
func TestGatewayLabelFollowsRename(t *testing.T) {
	f := newFixture(t)
	id := mustID(t)(f.s.QuickAdd(f.task, "OK?"))
	sh := f.s.Shape(id)
	if err := f.s.Rename(id, "Är ansökan fullständig?"); err != nil {
		t.Fatal(err)
	}
	if want := gatewayLabelBox(sh.Bounds, "Är ansökan fullständig?", false); sh.Label == nil || *sh.Label != want {
		t.Errorf("label %v, want %v", pr(sh.Label), want)
	}
	if err := f.s.MoveLabel(id, 0, -40); err != nil {
		t.Fatal(err)
	}
	moved := *sh.Label
	if err := f.s.Rename(id, "Klart?"); err != nil {
		t.Fatal(err)
	}
	if *sh.Label != moved {
		t.Errorf("a moved label moved again: %v, want %v", *sh.Label, moved)
	}
}
