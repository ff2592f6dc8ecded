package edit

import (
	"slices"
	"strings"
	"testing"

	"lanemap/model"
)

// orthogonal reports whether every segment is horizontal or vertical.
func orthogonal(pts []model.Point) bool {
	for i := 1; i < len(pts); i++ {
		if pts[i].X != pts[i-1].X && pts[i].Y != pts[i-1].Y {
			return false
		}
	}
	return len(pts) >= 2
}

// onRectBorder reports whether p lies on r's border.
func onRectBorder(p model.Point, r model.Rect) bool {
	in := r.Inset(-0.01).Contains(p)
	strict := r.Inset(0.01).Contains(p)
	return in && !strict
}

func checkRoute(t *testing.T, s *Session, flowID string) {
	t.Helper()
	f := s.Doc.Flow(flowID)
	e := s.Edge(flowID)
	if f == nil || e == nil {
		t.Fatalf("flow %s or its edge missing", flowID)
	}
	if f.Kind == model.SequenceFlow || f.Kind == model.MessageFlow {
		if !orthogonal(e.Waypoints) {
			t.Errorf("%s: not orthogonal: %v", flowID, e.Waypoints)
		}
	}
	a, b := s.Shape(f.Source), s.Shape(f.Target)
	if !onRectBorder(e.Waypoints[0], a.Bounds) || !onRectBorder(e.Waypoints[len(e.Waypoints)-1], b.Bounds) {
		t.Errorf("%s: ends %v, %v not on the borders of %v and %v", flowID, e.Waypoints[0], e.Waypoints[len(e.Waypoints)-1], a.Bounds, b.Bounds)
	}
}

func TestAppendNext(t *testing.T) {
	for _, horiz := range []bool{true, false} {
		f := buildFixture(t, horiz)
		s := f.s
		id := mustID(t)(s.AppendNext(f.task, model.Task))
		task, next := s.Shape(f.task).Bounds, s.Shape(id).Bounds
		a := ax(horiz)
		ts, tz := a.flow(task)
		ns, _ := a.flow(next)
		if ns != ts+tz+Gap {
			t.Errorf("horiz=%v: new node starts at %g, want %g (one gap after)", horiz, ns, ts+tz+Gap)
		}
		if a.pt(task.Center()) != a.pt(next.Center()) {
			t.Errorf("horiz=%v: not aligned with its predecessor: %v vs %v", horiz, task, next)
		}
		if got := laneIDs(f.d, id); !slices.Equal(got, []string{f.lane1}) {
			t.Errorf("horiz=%v: new node in lanes %v", horiz, got)
		}
		fl := s.Doc.Flows[len(s.Doc.Flows)-1]
		if fl.Source != f.task || fl.Target != id || fl.Kind != model.SequenceFlow || fl.Container != f.proc {
			t.Errorf("horiz=%v: connection %+v", horiz, *fl)
		}
		checkRoute(t, s, fl.ID)
		// Again after the same node: the spot is taken, so it goes beside.
		id2 := mustID(t)(s.AppendNext(f.task, model.Task))
		if s.Shape(id2).Bounds.Intersects(s.Shape(id).Bounds) {
			t.Errorf("horiz=%v: second append overlaps the first", horiz)
		}
		if got := laneIDs(f.d, id2); !slices.Equal(got, []string{f.lane1}) {
			t.Errorf("horiz=%v: second append left the lane: %v", horiz, got)
		}
		// Handover into the other lane.
		id3 := mustID(t)(s.AppendInLane(id, f.lane2, model.UserTask))
		if got := laneIDs(f.d, id3); !slices.Equal(got, []string{f.lane2}) {
			t.Errorf("horiz=%v: handover target in %v", horiz, got)
		}
		hs := f.d.Handovers()
		if !slices.ContainsFunc(hs, func(h model.Handover) bool { return h.Flow.Target == id3 }) {
			t.Errorf("horiz=%v: no handover into %s", horiz, id3)
		}
		for _, fl := range f.d.Flows {
			checkRoute(t, s, fl.ID)
		}
		checkConsistent(t, f)
	}
}

// TestAppendGrowsPool: appending past the pool's end widens pool and lanes.
func TestAppendGrowsPool(t *testing.T) {
	f := newFixture(t)
	id := f.task
	for range 6 {
		id = mustID(t)(f.s.AppendNext(id, model.Task))
	}
	last := f.s.Shape(id).Bounds
	pool := f.s.Shape(f.pool).Bounds
	if last.X+last.W+Padding > pool.X+pool.W {
		t.Fatalf("pool %v does not hold %v", pool, last)
	}
	for _, l := range []string{f.lane1, f.lane2} {
		if lb := f.s.Shape(l).Bounds; lb.X+lb.W != pool.X+pool.W {
			t.Errorf("lane %s ends at %g, pool at %g", l, lb.X+lb.W, pool.X+pool.W)
		}
	}
}

func TestQuickAdd(t *testing.T) {
	f := newFixture(t)
	s := f.s
	a := mustID(t)(s.QuickAdd(f.task, "Utreda vidare"))
	if got := laneIDs(f.d, a); !slices.Equal(got, []string{f.lane1}) {
		t.Errorf("no role: lanes %v", got)
	}
	if n := f.d.Node(a); n.Name != "Utreda vidare" || n.Kind != model.Task {
		t.Errorf("node %+v", *n)
	}
	b := mustID(t)(s.QuickAdd(a, " chef : Besluta"))
	if got := laneIDs(f.d, b); !slices.Equal(got, []string{f.lane2}) {
		t.Errorf("known role (any case): lanes %v", got)
	}
	lanes := len(f.d.Process(f.proc).Lanes)
	c := mustID(t)(s.QuickAdd(b, "Nämnd: Beslut i nämnd?"))
	ps := f.d.Process(f.proc).Lanes
	if len(ps) != lanes+1 || ps[len(ps)-1].Name != "Nämnd" {
		t.Fatalf("role lane not added at the end: %d lanes", len(ps))
	}
	if got := laneIDs(f.d, c); !slices.Equal(got, []string{ps[len(ps)-1].ID}) {
		t.Errorf("new role: lanes %v", got)
	}
	if n := f.d.Node(c); n.Kind != model.ExclusiveGateway || n.Name != "Beslut i nämnd?" {
		t.Errorf("question did not become a gateway: %+v", *n)
	}
	// Set the role on a lane with another name: found by role.
	must(t, s.SetLaneRole(f.lane1, "Socialsekreterare"))
	d := mustID(t)(s.QuickAdd(c, "socialsekreterare: Meddela"))
	if got := laneIDs(f.d, d); !slices.Equal(got, []string{f.lane1}) {
		t.Errorf("by role: lanes %v", got)
	}
	// Times are no roles.
	e := mustID(t)(s.QuickAdd(d, "Kl. 10:30 möte"))
	if f.d.Node(e).Name != "Kl. 10:30 möte" {
		t.Errorf("time split as a role: %q", f.d.Node(e).Name)
	}
	// One step each, undoable back to the start.
	before := f.s.Stack.Len()
	if before != 6 {
		t.Errorf("%d steps, want 6", before)
	}
	checkConsistent(t, f)
}

func TestQuickAddEmptyPool(t *testing.T) {
	s := NewSession(nil, nil)
	pool := mustID(t)(s.AddPool("Kommun", model.Point{X: 400, Y: 200}))
	a := mustID(t)(s.QuickAdd("", "Mottagning: Ta emot ansökan"))
	proc := s.Doc.Process(s.Doc.Participant(pool).ProcessRef)
	if len(proc.Lanes) != 1 || proc.Lanes[0].Name != "Mottagning" {
		t.Fatalf("lanes %+v", proc.Lanes)
	}
	if got := laneIDs(s.Doc, a); !slices.Equal(got, []string{proc.Lanes[0].ID}) {
		t.Errorf("first node in %v", got)
	}
	lane := s.Shape(proc.Lanes[0].ID).Bounds
	if !lane.ContainsRect(s.Shape(a).Bounds) {
		t.Errorf("first node %v outside its lane %v", s.Shape(a).Bounds, lane)
	}
	b := mustID(t)(s.QuickAdd(a, "Handläggare: Utreda"))
	if len(proc.Lanes) != 2 || laneIDs(s.Doc, b)[0] != proc.Lanes[1].ID {
		t.Errorf("second role lane wrong")
	}
	if s.Shape(b).Bounds.Intersects(s.Shape(a).Bounds) {
		t.Errorf("overlap")
	}
	// An empty document's process got a pool: the plane shows a collaboration.
	if s.Diagram.Element != s.Doc.Collaborations[0].ID {
		t.Errorf("plane shows %s", s.Diagram.Element)
	}
}

func TestMoveFollowers(t *testing.T) {
	f := newFixture(t)
	s := f.s
	sub := mustID(t)(s.AddNode(model.SubProcess, f.lane1, model.Point{X: 700, Y: 175}))
	inner := mustID(t)(s.AddNode(model.Task, sub, model.Point{X: 700, Y: 175}))
	bnd := mustID(t)(s.AddNode(model.BoundaryEvent, sub, model.Point{X: 700, Y: 300}))
	if got := laneIDs(f.d, inner); len(got) != 0 {
		t.Errorf("content of a sub-process is in lanes %v", got)
	}
	if f.d.Node(inner).Container != sub {
		t.Errorf("inner container %s", f.d.Node(inner).Container)
	}
	innerB, bndB := s.Shape(inner).Bounds, s.Shape(bnd).Bounds
	must(t, s.MoveNodes([]string{sub}, 30, 20))
	if got := s.Shape(inner).Bounds; got != innerB.Translate(30, 20) {
		t.Errorf("content did not follow: %v", got)
	}
	if got := s.Shape(bnd).Bounds; got != bndB.Translate(30, 20) {
		t.Errorf("boundary event did not follow: %v", got)
	}
	// A boundary event moved alone stays on its host's border.
	must(t, s.MoveNodes([]string{bnd}, 0, -60))
	c := s.Shape(bnd).Bounds.Center()
	if !onRectBorder(c, s.Shape(sub).Bounds) {
		t.Errorf("boundary event left the border: %v", c)
	}
	// Moving the inner task out of the sub-process puts it in the process.
	sb := s.Shape(sub).Bounds
	ic := s.Shape(inner).Bounds.Center()
	must(t, s.MoveNodes([]string{inner}, sb.X-80-ic.X, 0))
	if got := f.d.Node(inner).Container; got != f.proc {
		t.Errorf("moved out: container %s", got)
	}
	if len(laneIDs(f.d, inner)) == 0 {
		t.Errorf("moved out: in no lane")
	}
	checkConsistent(t, f)
}

func TestMoveAcrossPools(t *testing.T) {
	f := newFixture(t)
	s := f.s
	pool2 := mustID(t)(s.AddPool("Brukare", model.Point{X: 500, Y: 600}))
	pb := s.Shape(pool2).Bounds
	tb := s.Shape(f.task).Bounds
	must(t, s.MoveNodes([]string{f.task}, 0, pb.Y+pb.H/2-(tb.Y+tb.H/2)))
	proc2 := f.d.Participant(pool2).ProcessRef
	if got := f.d.Node(f.task).Container; got != proc2 {
		t.Fatalf("container %s, want %s", got, proc2)
	}
	if got := laneIDs(f.d, f.task); len(got) != 0 {
		t.Errorf("still in lanes %v", got)
	}
	// Start → task became a message flow? A start event sends no message:
	// the flow goes. Task → end: a none end event cannot receive: gone too.
	if f.d.Flow(f.f1) != nil || f.d.Flow(f.f2) != nil {
		t.Errorf("illegal flows survived: %v %v", f.d.Flow(f.f1), f.d.Flow(f.f2))
	}
	// Connecting back across pools gives a message flow, routed vertically.
	if _, err := s.Connect(f.task, f.end); err == nil {
		t.Error("a none end event received a message flow")
	}
	mf := mustID(t)(s.Connect(f.end, f.task))
	if fl := f.d.Flow(mf); fl.Kind != model.MessageFlow || fl.Container != "Collab_1" {
		t.Errorf("end → task: %+v", *fl)
	}
	checkRoute(t, s, mf)
	checkConsistent(t, f)
}

func TestMovePool(t *testing.T) {
	f := newFixture(t)
	before := map[string]model.Rect{}
	for _, sh := range f.s.Diagram.Shapes {
		before[sh.Element] = sh.Bounds
	}
	must(t, f.s.MoveNodes([]string{f.pool}, 25, -15))
	for _, sh := range f.s.Diagram.Shapes {
		if sh.Bounds != before[sh.Element].Translate(25, -15) {
			t.Errorf("%s: %v, want %v moved", sh.Element, sh.Bounds, before[sh.Element])
		}
	}
	if got := laneIDs(f.d, f.end); !slices.Equal(got, []string{f.lane2}) {
		t.Errorf("membership changed: %v", got)
	}
}

func TestDeletePool(t *testing.T) {
	f := newFixture(t)
	p2 := mustID(t)(f.s.AddPool("Brukare", model.Point{X: 500, Y: 600}))
	t2 := mustID(t)(f.s.AddNode(model.Task, p2, model.Point{X: 500, Y: 600}))
	mf := mustID(t)(f.s.Connect(f.task, t2))
	must(t, f.s.Delete([]string{f.pool}))
	for _, id := range []string{f.pool, f.proc, f.lane1, f.task, f.f1, mf} {
		if f.d.Element(id) != nil {
			t.Errorf("%s survived", id)
		}
	}
	if f.d.Node(t2) == nil {
		t.Error("the other pool's task went")
	}
	checkConsistent(t, f)
}

func TestDeleteClearsDefault(t *testing.T) {
	f := newFixture(t)
	gw := mustID(t)(f.s.AppendNext(f.task, model.ExclusiveGateway))
	a := mustID(t)(f.s.AppendNext(gw, model.Task))
	var fl string
	for _, x := range f.d.Flows {
		if x.Source == gw && x.Target == a {
			fl = x.ID
		}
	}
	f.d.Node(gw).Default = fl // as a properties panel would set it
	must(t, f.s.Delete([]string{a}))
	if f.d.Node(gw).Default != "" {
		t.Error("default flow reference left dangling")
	}
	f.s.Undo()
	if f.d.Node(gw).Default != fl {
		t.Error("undo did not restore the default flow")
	}
}

func TestAddPoolWrapsProcess(t *testing.T) {
	d := &model.Definitions{ID: "D", Processes: []*model.Process{{ID: "P", Name: "Ansökan"}}}
	d.Nodes = []*model.Node{{ID: "S", Kind: model.StartEvent, Container: "P"}, {ID: "T", Kind: model.Task, Container: "P"}}
	d.Diagrams = []*model.Diagram{{ID: "G", Element: "P", Shapes: []*model.Shape{
		{ID: "S_di", Element: "S", Bounds: model.Rect{X: 100, Y: 100, W: 36, H: 36}},
		{ID: "T_di", Element: "T", Bounds: model.Rect{X: 200, Y: 80, W: 100, H: 80}},
	}}}
	s := NewSession(d, nil)
	before := dump(d)
	p2 := mustID(t)(s.AddPool("Extern", model.Point{X: 200, Y: 120}))
	if len(d.Collaborations) != 1 || len(d.Collaborations[0].Participants) != 2 {
		t.Fatalf("collaboration %+v", d.Collaborations)
	}
	first := d.Collaborations[0].Participants[0]
	if first.ProcessRef != "P" || first.Name != "Ansökan" {
		t.Errorf("first pool %+v", *first)
	}
	fb := s.Shape(first.ID).Bounds
	for _, id := range []string{"S", "T"} {
		if !fb.ContainsRect(s.Shape(id).Bounds) {
			t.Errorf("%s outside the wrapping pool %v", id, fb)
		}
	}
	if s.Shape(p2).Bounds.Intersects(fb) {
		t.Errorf("new pool overlaps the first")
	}
	if s.Diagram.Element != d.Collaborations[0].ID {
		t.Errorf("plane shows %s", s.Diagram.Element)
	}
	s.Undo()
	if got := dump(d); got != before {
		t.Fatalf("undo: %s", diff(before, got))
	}
}

func TestVerticalPool(t *testing.T) {
	s := NewSession(nil, nil)
	p := mustID(t)(s.AddVerticalPool("Kommun", model.Point{X: 300, Y: 400}))
	pb := s.Shape(p).Bounds
	if pb.W >= pb.H {
		t.Fatalf("vertical pool is %v", pb)
	}
	l1 := mustID(t)(s.AddLane(p, Below))
	lanes := s.Doc.Process(s.Doc.Participant(p).ProcessRef).Lanes
	if len(lanes) != 2 || lanes[1].ID != l1 {
		t.Fatalf("lanes %v", lanes)
	}
	a, b := s.Shape(lanes[0].ID).Bounds, s.Shape(l1).Bounds
	if b.X != a.X+a.W || b.Y != a.Y || a.Y != pb.Y+LabelBand {
		t.Errorf("vertical lanes: %v then %v in %v", a, b, pb)
	}
	st := mustID(t)(s.AddNode(model.StartEvent, lanes[0].ID, model.Point{X: a.X + a.W/2, Y: a.Y + 60}))
	nx := mustID(t)(s.AppendNext(st, model.Task))
	if s.Shape(nx).Bounds.Y <= s.Shape(st).Bounds.Y {
		t.Errorf("append in a vertical pool does not go down")
	}
	checkRoute(t, s, s.Doc.Flows[0].ID)
	if pts := s.Edge(s.Doc.Flows[0].ID).Waypoints; pts[0].X != pts[len(pts)-1].X {
		t.Errorf("straight downward flow expected: %v", pts)
	}
}

func TestCopyPaste(t *testing.T) {
	f := newFixture(t)
	s := f.s
	c := s.Copy([]string{f.start, f.task, "nope"})
	if len(c.Nodes) != 2 || len(c.Flows) != 1 {
		t.Fatalf("clipboard %d nodes %d flows", len(c.Nodes), len(c.Flows))
	}
	ids := mustID2(t)(s.Paste(c, model.Point{X: 650, Y: 320}))
	for _, id := range ids {
		if id == f.start || id == f.task {
			t.Fatal("pasted with old ids")
		}
		if got := laneIDs(f.d, id); !slices.Equal(got, []string{f.lane2}) {
			t.Errorf("pasted %s in %v", id, got)
		}
	}
	var pasted *model.Flow
	for _, fl := range f.d.Flows {
		if fl.Source == ids[0] {
			pasted = fl
		}
	}
	if pasted == nil || pasted.Target != ids[1] {
		t.Fatalf("pasted flow missing")
	}
	checkRoute(t, s, pasted.ID)
	// Paste again: fresh ids again.
	ids2 := mustID2(t)(s.Paste(c, model.Point{X: 650, Y: 175}))
	if slices.Contains(ids2, ids[0]) {
		t.Error("second paste reused ids")
	}
	dup := mustID2(t)(s.Duplicate([]string{f.task}))
	if len(dup) != 1 || s.Shape(dup[0]).Bounds.Intersects(s.Shape(f.task).Bounds) {
		t.Errorf("duplicate overlaps its original")
	}
	if !strings.HasPrefix(dup[0], "UserTask_") {
		t.Errorf("duplicate id %q", dup[0])
	}
	checkConsistent(t, f)
}

func mustID2(t *testing.T) func([]string, error) []string {
	return func(ids []string, err error) []string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
}

func TestAlignDistribute(t *testing.T) {
	f := newFixture(t)
	s := f.s
	must(t, s.Align([]string{f.start, f.task, f.end}, AlignMiddle))
	mid := s.Shape(f.start).Bounds.Center().Y
	for _, id := range []string{f.task, f.end} {
		if s.Shape(id).Bounds.Center().Y != mid {
			t.Errorf("%s not aligned", id)
		}
	}
	// The end event moved up into lane 1: membership follows.
	if got := laneIDs(f.d, f.end); !slices.Equal(got, []string{f.lane1}) {
		t.Errorf("end in %v", got)
	}
	must(t, s.Distribute([]string{f.start, f.task, f.end}, Horizontal))
	a, b, c := s.Shape(f.start).Bounds, s.Shape(f.task).Bounds, s.Shape(f.end).Bounds
	if g1, g2 := b.X-(a.X+a.W), c.X-(b.X+b.W); g1-g2 > 1 || g2-g1 > 1 {
		t.Errorf("gaps %g and %g", g1, g2)
	}
	for _, fl := range f.d.Flows {
		checkRoute(t, s, fl.ID)
	}
}

func TestRoute(t *testing.T) {
	r := func(x, y, w, h float64) model.Rect { return model.Rect{X: x, Y: y, W: w, H: h} }
	cases := []struct {
		name   string
		a, b   model.Rect
		across bool
		n      int
	}{
		{"straight right", r(0, 0, 100, 80), r(200, 0, 100, 80), false, 2},
		{"z right", r(0, 0, 100, 80), r(200, 150, 100, 80), false, 4},
		{"back edge", r(300, 0, 100, 80), r(0, 0, 100, 80), false, 4},
		{"below", r(0, 0, 100, 80), r(0, 200, 100, 80), false, 2},
		{"below offset", r(0, 0, 100, 80), r(60, 200, 100, 80), false, 4},
		{"above", r(0, 300, 100, 80), r(30, 0, 100, 80), false, 4},
		{"overlap", r(0, 0, 100, 80), r(50, 40, 100, 80), false, 3},
		{"across straight", r(0, 0, 100, 80), r(0, 300, 100, 80), true, 2},
		{"across z", r(0, 0, 100, 80), r(300, 300, 100, 80), true, 4},
	}
	for _, c := range cases {
		pts := Route(c.a, c.b, c.across)
		if len(pts) != c.n || !orthogonal(pts) {
			t.Errorf("%s: %v", c.name, pts)
			continue
		}
		if c.name != "overlap" && (!onRectBorder(pts[0], c.a) || !onRectBorder(pts[len(pts)-1], c.b)) {
			t.Errorf("%s: ends not on borders: %v", c.name, pts)
		}
	}
	gw := []struct {
		name     string
		a, b     model.Rect
		from, to bool
		want     []model.Point
	}{
		{"split down", r(0, 0, 50, 50), r(100, 100, 100, 80), true, false,
			[]model.Point{{X: 25, Y: 50}, {X: 25, Y: 140}, {X: 100, Y: 140}}},
		{"split up", r(0, 200, 50, 50), r(100, 0, 100, 80), true, false,
			[]model.Point{{X: 25, Y: 200}, {X: 25, Y: 40}, {X: 100, Y: 40}}},
		{"split straight", r(0, 15, 50, 50), r(100, 0, 100, 80), true, false,
			[]model.Point{{X: 50, Y: 40}, {X: 100, Y: 40}}},
		// Into a gateway: sideways into the back corner, never the top or
		// bottom corner an exit may need.
		{"join from above", r(0, 0, 100, 80), r(200, 100, 50, 50), false, true,
			[]model.Point{{X: 100, Y: 40}, {X: 150, Y: 40}, {X: 150, Y: 125}, {X: 200, Y: 125}}},
		{"join from below", r(0, 200, 100, 80), r(200, 0, 50, 50), false, true,
			[]model.Point{{X: 100, Y: 240}, {X: 150, Y: 240}, {X: 150, Y: 25}, {X: 200, Y: 25}}},
	}
	for _, c := range gw {
		got := GatewayRoute(c.a, c.b, false, c.from, c.to)
		if !slices.Equal(got, c.want) {
			t.Errorf("gateway %s: %v, want %v", c.name, got, c.want)
		}
		tr := GatewayRoute(transpose(c.a), transpose(c.b), true, c.from, c.to)
		for i := range tr {
			tr[i] = model.Point{X: tr[i].Y, Y: tr[i].X}
		}
		if !slices.Equal(tr, c.want) {
			t.Errorf("gateway %s across: %v, want transposed %v", c.name, tr, c.want)
		}
	}
	msgs := []struct {
		name   string
		a, b   model.Rect
		across bool
		want   []model.Point
	}{
		{"down straight", r(0, 0, 100, 80), r(50, 300, 100, 80), true, []model.Point{{X: 75, Y: 80}, {X: 75, Y: 300}}},
		{"up straight", r(50, 300, 100, 80), r(0, 0, 100, 80), true, []model.Point{{X: 75, Y: 300}, {X: 75, Y: 80}}},
		{"up z", r(400, 300, 100, 80), r(0, 0, 100, 80), true, []model.Point{{X: 450, Y: 300}, {X: 450, Y: 190}, {X: 50, Y: 190}, {X: 50, Y: 80}}},
		{"right straight (vertical pools)", r(0, 0, 100, 80), r(300, 40, 100, 80), false, []model.Point{{X: 100, Y: 60}, {X: 300, Y: 60}}},
		{"left (vertical pools)", r(300, 40, 100, 80), r(0, 0, 100, 80), false, []model.Point{{X: 300, Y: 60}, {X: 100, Y: 60}}},
	}
	for _, c := range msgs {
		got := MessageRoute(c.a, c.b, c.across)
		if !slices.Equal(got, c.want) {
			t.Errorf("message %s: %v, want %v", c.name, got, c.want)
		}
	}
	s := StraightRoute(r(0, 0, 100, 100), r(300, 300, 100, 100))
	if s[0] != (model.Point{X: 100, Y: 100}) || s[1] != (model.Point{X: 300, Y: 300}) {
		t.Errorf("straight: %v", s)
	}
}

func TestDataObjects(t *testing.T) {
	f := newFixture(t)
	s := f.s
	ref := mustID(t)(s.AddNode(model.DataObject, f.lane1, model.Point{X: 500, Y: 175}))
	n := f.d.Node(ref)
	if n.Kind != model.DataObjectReference {
		t.Fatalf("added a %s", n.Kind)
	}
	obj := f.d.Node(n.ItemRef)
	if obj == nil || obj.Kind != model.DataObject || obj.Container != f.proc || s.Shape(obj.ID) != nil {
		t.Fatalf("data object %+v", obj)
	}
	if got := laneIDs(f.d, ref); len(got) != 0 {
		t.Errorf("a data reference is listed in lanes %v", got)
	}
	in := mustID(t)(s.Connect(ref, f.task))
	if fl := f.d.Flow(in); fl.Kind != model.DataInputAssociation || fl.Container != f.task {
		t.Errorf("data input %+v", *fl)
	}
	// A pasted reference gets its own data object.
	ids := mustID2(t)(s.Paste(s.Copy([]string{ref}), model.Point{X: 600, Y: 320}))
	if p := f.d.Node(ids[0]); p.ItemRef == "" || p.ItemRef == n.ItemRef || f.d.Node(p.ItemRef) == nil {
		t.Errorf("pasted reference shares or lacks a data object: %q", p.ItemRef)
	}
	// Deleting the reference deletes its data object and association.
	must(t, s.Delete([]string{ref}))
	if f.d.Node(obj.ID) != nil || f.d.Flow(in) != nil {
		t.Error("data object or association survived its reference")
	}
	s.Undo()
	if f.d.Node(obj.ID) == nil || f.d.Flow(in) == nil {
		t.Error("undo lost the data object")
	}
	// Into another pool: the data object follows.
	p2 := mustID(t)(s.AddPool("Brukare", model.Point{X: 500, Y: 600}))
	pb := s.Shape(p2).Bounds
	rb := s.Shape(ref).Bounds
	must(t, s.MoveNodes([]string{ref}, 0, pb.Y+pb.H/2-rb.Y-rb.H/2))
	want := f.d.Participant(p2).ProcessRef
	if got := f.d.Node(obj.ID).Container; got != want {
		t.Errorf("data object stayed in %s, want %s", got, want)
	}
	if f.d.Flow(in) != nil {
		t.Error("a data association across pools survived")
	}
	checkConsistent(t, f)
}

func TestSetKindKeepsContent(t *testing.T) {
	f := newFixture(t)
	sub := mustID(t)(f.s.AddNode(model.SubProcess, f.lane1, model.Point{X: 700, Y: 175}))
	mustID(t)(f.s.AddNode(model.Task, sub, model.Point{X: 700, Y: 175}))
	before := dump(f.d)
	if err := f.s.SetKind(sub, model.Task); err == nil {
		t.Fatal("a sub-process with content became a task")
	}
	if dump(f.d) != before {
		t.Fatal("refused SetKind changed the model")
	}
	must(t, f.s.SetKind(sub, model.Transaction))
}

func TestGrowingPoolPushesNext(t *testing.T) {
	f := newFixture(t)
	s := f.s
	p2 := mustID(t)(s.AddPool("Brukare", model.Point{X: 500, Y: 545})) // just below, 20 apart
	p3 := mustID(t)(s.AddPool("Nämnd", model.Point{X: 500, Y: 815}))
	t2 := mustID(t)(s.AddNode(model.Task, p2, model.Point{X: 450, Y: 545}))
	mf := mustID(t)(s.Connect(f.task, t2))
	b2, b3, tb := s.Shape(p2).Bounds, s.Shape(p3).Bounds, s.Shape(t2).Bounds
	before := dump(f.d)
	mustID(t)(s.AddLane(f.lane2, Below))
	p1 := s.Shape(f.pool).Bounds
	if got := s.Shape(p2).Bounds; got.Y != p1.Y+p1.H+Padding || got.H != b2.H {
		t.Errorf("pool 2 at %v, want just below pool 1 %v", got, p1)
	}
	dy := s.Shape(p2).Bounds.Y - b2.Y
	if got := s.Shape(t2).Bounds; got != tb.Translate(0, dy) {
		t.Errorf("pool 2's task did not move along: %v", got)
	}
	if got := s.Shape(p3).Bounds; got.Intersects(s.Shape(p2).Bounds) || got.Y < b3.Y {
		t.Errorf("pool 3 %v overlaps pool 2 %v", got, s.Shape(p2).Bounds)
	}
	checkRoute(t, s, mf)
	// One step: undo puts everything back.
	s.Undo()
	if got := dump(f.d); got != before {
		t.Fatalf("undo: %s", diff(before, got))
	}
	// Moving a pool onto another pushes nothing.
	must(t, s.MoveNodes([]string{p3}, 0, -200))
	if got := s.Shape(p2).Bounds; got != b2 {
		t.Errorf("a moved pool pushed another: %v", got)
	}
}

func TestAddPoolFindsFreePlace(t *testing.T) {
	s := NewSession(nil, nil)
	var ids []string
	for range 4 {
		ids = append(ids, mustID(t)(s.AddPool("P", model.Point{X: 300, Y: 200})))
	}
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			if s.Shape(a).Bounds.Intersects(s.Shape(b).Bounds) {
				t.Fatalf("pools %s and %s overlap", a, b)
			}
		}
	}
}

func TestResizeSubProcessKeepsContent(t *testing.T) {
	f := newFixture(t)
	sub := mustID(t)(f.s.AddNode(model.SubProcess, f.lane1, model.Point{X: 700, Y: 175}))
	mustID(t)(f.s.AddNode(model.Task, sub, model.Point{X: 650, Y: 175}))
	b := f.s.Shape(sub).Bounds
	if err := f.s.ResizeNode(sub, model.Rect{X: b.X + 200, Y: b.Y, W: b.W - 200, H: b.H}); err == nil {
		t.Fatal("a sub-process shrank past its content")
	}
	must(t, f.s.ResizeNode(sub, model.Rect{X: b.X, Y: b.Y, W: b.W + 40, H: b.H}))
}

func TestDropTarget(t *testing.T) {
	f := newFixture(t)
	sub := mustID(t)(f.s.AddNode(model.SubProcess, f.lane2, model.Point{X: 700, Y: 325}))
	cases := []struct {
		p               model.Point
		moving          []string
		container, lane string
		ok              bool
	}{
		{model.Point{X: 300, Y: 175}, nil, f.proc, f.lane1, true},
		{model.Point{X: 300, Y: 300}, nil, f.proc, f.lane2, true},
		{model.Point{X: 700, Y: 325}, nil, sub, "", true},
		{model.Point{X: 700, Y: 325}, []string{sub}, f.proc, f.lane2, true},
		{model.Point{X: 300, Y: 900}, nil, "", "", false},
	}
	for _, c := range cases {
		before := dump(f.d)
		container, lane, ok := f.s.DropTarget(c.p, c.moving)
		if container != c.container || lane != c.lane || ok != c.ok {
			t.Errorf("DropTarget(%v, %v) = %q, %q, %v; want %q, %q, %v", c.p, c.moving, container, lane, ok, c.container, c.lane, c.ok)
		}
		if dump(f.d) != before {
			t.Fatal("DropTarget changed the model")
		}
	}
}

func TestQuickAddNestedRole(t *testing.T) {
	f := newLanesFix(t, true)
	must(t, f.s.Rename("Lane_A", "Chef"))
	id := mustID(t)(f.s.QuickAdd("Task", "chef: Besluta"))
	if got := laneIDs(f.d, id); !slices.Equal(got, []string{"Lane_A", "Nested_A"}) {
		t.Errorf("in %v, want the role's first nested lane", got)
	}
	if n := len(f.d.Process("Process_Lane").Lanes); n != 2 {
		t.Errorf("a lane was added for a role that exists: %d lanes", n)
	}
}

func TestSetKindShapes(t *testing.T) {
	f := newFixture(t)
	s := f.s
	tb := s.Shape(f.task).Bounds
	must(t, s.SetKind(f.task, model.SubProcess))
	if sh := s.Shape(f.task); sh.Bounds != tb || sh.IsExpanded == nil || *sh.IsExpanded {
		t.Errorf("task → sub-process: %v expanded=%v", sh.Bounds, sh.IsExpanded)
	}
	must(t, s.SetKind(f.task, model.Task))
	if sh := s.Shape(f.task); sh.Bounds != tb || sh.IsExpanded != nil {
		t.Errorf("collapsed sub-process → task: %v", sh.Bounds)
	}
	sp := mustID(t)(s.AddNode(model.SubProcess, f.lane2, model.Point{X: 700, Y: 325}))
	b := mustID(t)(s.AddNode(model.BoundaryEvent, sp, model.Point{X: 700, Y: 500}))
	must(t, s.SetKind(sp, model.Task))
	sh := s.Shape(sp)
	if w, h := model.Task.DefaultSize(); sh.Bounds.W != w || sh.Bounds.H != h {
		t.Errorf("empty expanded sub-process → task keeps %v", sh.Bounds)
	}
	if c := s.Shape(b).Bounds.Center(); !onRectBorder(c, sh.Bounds) {
		t.Errorf("boundary event left its host's border: %v", c)
	}
	gw := mustID(t)(s.AppendNext(f.task, model.ParallelGateway))
	must(t, s.SetKind(gw, model.ExclusiveGateway))
	if m := s.Shape(gw).IsMarkerVisible; m == nil || !*m {
		t.Error("exclusive gateway without its marker")
	}
	checkConsistent(t, f)
}

func TestDeleteAcrossDiagrams(t *testing.T) {
	f := newFixture(t)
	s := f.s
	sp := mustID(t)(s.AddNode(model.SubProcess, f.lane1, model.Point{X: 700, Y: 175}))
	in := mustID(t)(s.AddNode(model.Task, sp, model.Point{X: 700, Y: 175}))
	// A second view: the sub-process drilled down, and one showing the task.
	drill := &model.Diagram{ID: "Drill", Element: sp, Shapes: []*model.Shape{{ID: "in2", Element: in}}}
	other := &model.Diagram{ID: "Other", Element: f.proc, Shapes: []*model.Shape{{ID: "t2", Element: f.task}}}
	f.d.Diagrams = append(f.d.Diagrams, drill, other)
	before := dump(f.d)
	must(t, s.Delete([]string{sp, f.task}))
	if len(f.d.Diagrams) != 2 || f.d.Diagrams[1] != other {
		t.Fatalf("drill-down view of a deleted sub-process kept: %d diagrams", len(f.d.Diagrams))
	}
	if len(other.Shapes) != 0 {
		t.Errorf("another view kept the deleted task's shape")
	}
	s.Undo()
	if got := dump(f.d); got != before {
		t.Fatalf("undo: %s", diff(before, got))
	}
}

func TestAppendInLaneOtherPool(t *testing.T) {
	f := newFixture(t)
	p2 := mustID(t)(f.s.AddPool("Brukare", model.Point{X: 500, Y: 600}))
	l := mustID(t)(f.s.AddLane(p2, Below))
	id := mustID(t)(f.s.AppendInLane(f.task, l, model.Task))
	var fl *model.Flow
	for _, x := range f.d.Flows {
		if x.Target == id {
			fl = x
		}
	}
	if fl == nil || fl.Kind != model.MessageFlow {
		t.Fatalf("handover to another pool: %+v", fl)
	}
	if got := laneIDs(f.d, id); !slices.Equal(got, []string{l}) {
		t.Errorf("in lanes %v, want [%s]", got, l)
	}
	checkRoute(t, f.s, fl.ID)
	checkConsistent(t, f)
}
