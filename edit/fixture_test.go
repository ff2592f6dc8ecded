package edit

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"lanemap/model"
)

// fixture builds a collaboration with one horizontal pool "Kommun" holding
// lanes "Handläggare" (y 100–250) and "Chef" (y 250–400), a start event
// and a task in the first lane and an end event in the second, connected.
//
//	pool  x 100–900, y 100–400 (label band 100–130)
//	lane1 x 130–900, y 100–250   start (200,157 36×36), task (300,135 100×80)
//	lane2 x 130–900, y 250–400   end   (500,307 36×36)
type fixture struct {
	d                        *model.Definitions
	s                        *Session
	pool, proc, lane1, lane2 string
	start, task, end         string
	f1, f2                   string
	horiz                    bool
	// loose: a foreign file that may lack DI or hold dangling references
	// from the start; only the index is checked, not completeness.
	loose bool
}

// pt gives a point written for the horizontal fixture in this fixture's
// orientation (the vertical fixture is the horizontal one transposed).
func (f *fixture) pt(x, y float64) model.Point {
	if f.horiz {
		return model.Point{X: x, Y: y}
	}
	return model.Point{X: y, Y: x}
}

func (f *fixture) rect(x, y, w, h float64) model.Rect {
	if f.horiz {
		return model.Rect{X: x, Y: y, W: w, H: h}
	}
	return model.Rect{X: y, Y: x, W: h, H: w}
}

// edge maps a side of the horizontal fixture to this one.
func (f *fixture) edge(e Edge) Edge {
	if f.horiz {
		return e
	}
	return [...]Edge{Top: Left, Bottom: Right, Left: Top, Right: Bottom}[e]
}

func (f *fixture) move(ids []string, dx, dy float64) error {
	p := f.pt(dx, dy)
	return f.s.MoveNodes(ids, p.X, p.Y)
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	return buildFixture(t, true)
}

func buildFixture(t testing.TB, horiz bool) *fixture {
	d := &model.Definitions{ID: "Defs"}
	proc := &model.Process{ID: "Process_1", LaneSetID: "LaneSet_1"}
	l1 := &model.Lane{ID: "Lane_1", Name: "Handläggare", NodeRefs: []string{"Start_1", "Task_1"}}
	l2 := &model.Lane{ID: "Lane_2", Name: "Chef", NodeRefs: []string{"End_1"}}
	proc.Lanes = []*model.Lane{l1, l2}
	d.Processes = []*model.Process{proc}
	pool := &model.Participant{ID: "Pool_1", Name: "Kommun", ProcessRef: "Process_1"}
	d.Collaborations = []*model.Collaboration{{ID: "Collab_1", Participants: []*model.Participant{pool}}}
	d.Nodes = []*model.Node{
		{ID: "Start_1", Kind: model.StartEvent, Container: "Process_1", IsInterrupting: true},
		{ID: "Task_1", Kind: model.UserTask, Name: "Utreda", Container: "Process_1"},
		{ID: "End_1", Kind: model.EndEvent, Container: "Process_1"},
	}
	d.Flows = []*model.Flow{
		{ID: "Flow_1", Kind: model.SequenceFlow, Container: "Process_1", Source: "Start_1", Target: "Task_1"},
		{ID: "Flow_2", Kind: model.SequenceFlow, Container: "Process_1", Source: "Task_1", Target: "End_1"},
	}
	tr := func(r model.Rect) model.Rect {
		if horiz {
			return r
		}
		return model.Rect{X: r.Y, Y: r.X, W: r.H, H: r.W}
	}
	tp := func(p model.Point) model.Point {
		if horiz {
			return p
		}
		return model.Point{X: p.Y, Y: p.X}
	}
	g := &model.Diagram{ID: "Diagram_1", PlaneID: "Plane_1", Element: "Collab_1"}
	g.Shapes = []*model.Shape{
		{ID: "Pool_1_di", Element: "Pool_1", Bounds: tr(model.Rect{X: 100, Y: 100, W: 800, H: 300}), IsHorizontal: model.Bool(horiz)},
		{ID: "Lane_1_di", Element: "Lane_1", Bounds: tr(model.Rect{X: 130, Y: 100, W: 770, H: 150}), IsHorizontal: model.Bool(horiz)},
		{ID: "Lane_2_di", Element: "Lane_2", Bounds: tr(model.Rect{X: 130, Y: 250, W: 770, H: 150}), IsHorizontal: model.Bool(horiz)},
		{ID: "Start_1_di", Element: "Start_1", Bounds: tr(model.Rect{X: 200, Y: 157, W: 36, H: 36})},
		{ID: "Task_1_di", Element: "Task_1", Bounds: tr(model.Rect{X: 300, Y: 135, W: 100, H: 80})},
		{ID: "End_1_di", Element: "End_1", Bounds: tr(model.Rect{X: 500, Y: 307, W: 36, H: 36})},
	}
	g.Edges = []*model.Edge{
		{ID: "Flow_1_di", Element: "Flow_1", Waypoints: []model.Point{tp(model.Point{X: 236, Y: 175}), tp(model.Point{X: 300, Y: 175})}},
		{ID: "Flow_2_di", Element: "Flow_2", Waypoints: []model.Point{tp(model.Point{X: 400, Y: 175}), tp(model.Point{X: 450, Y: 175}), tp(model.Point{X: 450, Y: 325}), tp(model.Point{X: 500, Y: 325})}},
	}
	endLabel := tr(model.Rect{X: 490, Y: 350, W: 60, H: 14})
	g.Shapes[5].Label = &endLabel
	d.Diagrams = []*model.Diagram{g}
	return &fixture{
		d: d, s: NewSession(d, nil),
		pool: "Pool_1", proc: "Process_1", lane1: "Lane_1", lane2: "Lane_2",
		start: "Start_1", task: "Task_1", end: "End_1", f1: "Flow_1", f2: "Flow_2", horiz: horiz,
	}
}

// dump renders the whole model and DI as text, deterministically, so that
// two states can be compared line by line.
func dump(d *model.Definitions) string {
	var b strings.Builder
	fmt.Fprintf(&b, "defs %s %q meta=%+v\n", d.ID, d.Name, d.Meta)
	for _, c := range d.Collaborations {
		fmt.Fprintf(&b, "collab %s %q %q\n", c.ID, c.Name, c.Documentation)
		for _, p := range c.Participants {
			fmt.Fprintf(&b, "  pool %+v\n", *p)
		}
	}
	var lanes func(ind string, ls []*model.Lane)
	lanes = func(ind string, ls []*model.Lane) {
		for _, l := range ls {
			refs := append([]string(nil), l.NodeRefs...)
			sort.Strings(refs)
			fmt.Fprintf(&b, "%slane %s %q role=%q doc=%q set=%q refs=%v\n", ind, l.ID, l.Name, l.Role, l.Documentation, l.ChildLaneSetID, refs)
			lanes(ind+"  ", l.Children)
		}
	}
	for _, p := range d.Processes {
		fmt.Fprintf(&b, "process %s %q %q exec=%v laneset=%s\n", p.ID, p.Name, p.Documentation, p.IsExecutable, p.LaneSetID)
		lanes("  ", p.Lanes)
	}
	for _, n := range d.Nodes {
		fmt.Fprintf(&b, "node %+v\n", *n)
	}
	for _, f := range d.Flows {
		fmt.Fprintf(&b, "flow %+v\n", *f)
	}
	for _, g := range d.Diagrams {
		fmt.Fprintf(&b, "diagram %s %q plane=%s el=%s\n", g.ID, g.Name, g.PlaneID, g.Element)
		for _, s := range g.Shapes {
			fmt.Fprintf(&b, "  shape %s %s %v h=%s e=%s m=%s label=%s %+v\n", s.ID, s.Element, s.Bounds,
				pb(s.IsHorizontal), pb(s.IsExpanded), pb(s.IsMarkerVisible), pr(s.Label), s.Style)
		}
		for _, e := range g.Edges {
			fmt.Fprintf(&b, "  edge %s %s %v label=%s %+v\n", e.ID, e.Element, e.Waypoints, pr(e.Label), e.Style)
		}
	}
	return b.String()
}

func pb(b *bool) string {
	if b == nil {
		return "nil"
	}
	return fmt.Sprint(*b)
}

func pr(r *model.Rect) string {
	if r == nil {
		return "nil"
	}
	return fmt.Sprint(*r)
}

// diff reports the first differing line of two dumps.
func diff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n  want %s\n  got  %s", i+1, x, y)
		}
	}
	return ""
}

// checkUndoRedo runs op (which must push exactly one step), then checks
// that undo restores the dump before and redo the dump after, twice over,
// and that the lookups (index, DI index) agree with the lists afterwards.
func checkUndoRedo(t *testing.T, f *fixture, op func() error) {
	t.Helper()
	before := dump(f.d)
	n := f.s.Stack.Len()
	if err := op(); err != nil {
		t.Fatalf("op: %v", err)
	}
	after := dump(f.d)
	if after == before {
		t.Fatalf("op changed nothing")
	}
	if f.s.Stack.Len() != n+1 {
		t.Fatalf("op pushed %d steps, want 1", f.s.Stack.Len()-n)
	}
	checkConsistent(t, f)
	for round := 0; round < 2; round++ {
		if !f.s.Undo() {
			t.Fatal("undo: nothing to undo")
		}
		if got := dump(f.d); got != before {
			t.Fatalf("undo round %d differs from before: %s", round, diff(before, got))
		}
		checkConsistent(t, f)
		if !f.s.Redo() {
			t.Fatal("redo: nothing to redo")
		}
		if got := dump(f.d); got != after {
			t.Fatalf("redo round %d differs from after: %s", round, diff(after, got))
		}
		checkConsistent(t, f)
	}
}

// checkConsistent verifies the cached lookups against the lists and basic
// invariants: every node and flow has DI, every lane ref names a node.
func checkConsistent(t *testing.T, f *fixture) {
	t.Helper()
	d := f.d
	if f.loose {
		seen := map[string]bool{}
		for _, n := range d.Nodes {
			if !seen[n.ID] && d.Node(n.ID) != n {
				t.Fatalf("index: Node(%s) stale", n.ID)
			}
			seen[n.ID] = true
		}
		for _, fl := range d.Flows {
			if !seen[fl.ID] && d.Flow(fl.ID) != fl {
				t.Fatalf("index: Flow(%s) stale", fl.ID)
			}
			seen[fl.ID] = true
		}
		return
	}
	for _, n := range d.Nodes {
		if d.Node(n.ID) != n {
			t.Fatalf("index: Node(%s) stale", n.ID)
		}
		if n.Kind == model.DataObject { // semantic only, drawn through references
			continue
		}
		if f.s.Shape(n.ID) == nil {
			t.Fatalf("node %s has no shape", n.ID)
		}
		if n.Kind == model.DataObjectReference && n.ItemRef != "" {
			o := d.Node(n.ItemRef)
			if o == nil || o.Kind != model.DataObject {
				t.Fatalf("reference %s: data object %s missing", n.ID, n.ItemRef)
			}
			if d.ProcessOf(o.ID) != d.ProcessOf(n.ID) {
				t.Fatalf("reference %s and its data object %s in different processes", n.ID, o.ID)
			}
		}
	}
	// No data object is left without a reference.
	used := map[string]bool{}
	for _, n := range d.Nodes {
		if n.Kind == model.DataObjectReference {
			used[n.ItemRef] = true
		}
	}
	for _, n := range d.Nodes {
		if n.Kind == model.DataObject && !used[n.ID] {
			t.Fatalf("data object %s has no reference left", n.ID)
		}
	}
	for _, fl := range d.Flows {
		if d.Flow(fl.ID) != fl {
			t.Fatalf("index: Flow(%s) stale", fl.ID)
		}
		if d.Node(fl.Source) == nil && d.Participant(fl.Source) == nil {
			t.Fatalf("flow %s: dangling source %s", fl.ID, fl.Source)
		}
		if d.Node(fl.Target) == nil && d.Participant(fl.Target) == nil {
			t.Fatalf("flow %s: dangling target %s", fl.ID, fl.Target)
		}
		if f.s.Edge(fl.ID) == nil {
			t.Fatalf("flow %s has no edge", fl.ID)
		}
	}
	for _, l := range d.AllLanes() {
		for _, r := range l.NodeRefs {
			if d.Node(r) == nil {
				t.Fatalf("lane %s lists missing node %s", l.ID, r)
			}
		}
	}
	for _, sh := range f.s.Diagram.Shapes {
		if d.Element(sh.Element) == nil {
			t.Fatalf("shape %s for missing element %s", sh.ID, sh.Element)
		}
	}
	for _, e := range f.s.Diagram.Edges {
		if d.Flow(e.Element) == nil {
			t.Fatalf("edge %s for missing flow %s", e.ID, e.Element)
		}
	}
}

// laneIDs lists the ids of the lanes that list node id, sorted.
func laneIDs(d *model.Definitions, id string) []string {
	var out []string
	for _, l := range d.AllLanes() {
		for _, r := range l.NodeRefs {
			if r == id {
				out = append(out, l.ID)
			}
		}
	}
	sort.Strings(out)
	return out
}
