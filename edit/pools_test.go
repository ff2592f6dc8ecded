package edit

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"lanemap/bpmn"
	"lanemap/internal/corpus"
	"lanemap/model"
)

// newPoolsFix builds three pools stacked along the lanes' stacking axis,
// written here for horizontal pools (the vertical fixture is transposed):
//
//	Pool_A  100,0        800×240  lanes A1, A2 (120 each), task TA in A1
//	Pool_M  100,240+gap  800×360  lanes M1, M2, M3, tasks TM1…TM3, one each
//	Pool_C  100,…+gap    800×80   black box
//
// with sequence flows TM1→TM2→TM3 and message flows TA→TM1, TM3→Pool_C
// and Pool_C→TM2. gap is the free space between neighbouring pools.
func newPoolsFix(t testing.TB, horiz bool, gap float64) *fixture {
	t.Helper()
	d := &model.Definitions{ID: "Defs"}
	lane := func(id string, refs ...string) *model.Lane { return &model.Lane{ID: id, Name: id, NodeRefs: refs} }
	d.Processes = []*model.Process{
		{ID: "Proc_A", LaneSetID: "LS_A", Lanes: []*model.Lane{lane("A1", "TA"), lane("A2")}},
		{ID: "Proc_M", LaneSetID: "LS_M", Lanes: []*model.Lane{lane("M1", "TM1"), lane("M2", "TM2"), lane("M3", "TM3")}},
	}
	d.Collaborations = []*model.Collaboration{{ID: "Collab", Participants: []*model.Participant{
		{ID: "Pool_A", Name: "A", ProcessRef: "Proc_A"},
		{ID: "Pool_M", Name: "M", ProcessRef: "Proc_M"},
		{ID: "Pool_C", Name: "C"},
	}}}
	d.Nodes = []*model.Node{
		{ID: "TA", Kind: model.Task, Name: "TA", Container: "Proc_A"},
		{ID: "TM1", Kind: model.Task, Name: "TM1", Container: "Proc_M"},
		{ID: "TM2", Kind: model.Task, Name: "TM2", Container: "Proc_M"},
		{ID: "TM3", Kind: model.Task, Name: "TM3", Container: "Proc_M"},
	}
	d.Flows = []*model.Flow{
		{ID: "S1", Kind: model.SequenceFlow, Container: "Proc_M", Source: "TM1", Target: "TM2"},
		{ID: "S2", Kind: model.SequenceFlow, Container: "Proc_M", Source: "TM2", Target: "TM3"},
		{ID: "MF1", Kind: model.MessageFlow, Container: "Collab", Source: "TA", Target: "TM1"},
		{ID: "MF2", Kind: model.MessageFlow, Container: "Collab", Source: "TM3", Target: "Pool_C"},
		{ID: "MF3", Kind: model.MessageFlow, Container: "Collab", Source: "Pool_C", Target: "TM2"},
	}
	f := &fixture{horiz: horiz}
	r := f.rect
	h := model.Bool(horiz)
	mY := 240 + gap
	cY := mY + 360 + gap
	g := &model.Diagram{ID: "D", PlaneID: "P", Element: "Collab"}
	g.Shapes = []*model.Shape{
		{ID: "Pool_A_di", Element: "Pool_A", Bounds: r(100, 0, 800, 240), IsHorizontal: h},
		{ID: "A1_di", Element: "A1", Bounds: r(130, 0, 770, 120), IsHorizontal: h},
		{ID: "A2_di", Element: "A2", Bounds: r(130, 120, 770, 120), IsHorizontal: h},
		{ID: "Pool_M_di", Element: "Pool_M", Bounds: r(100, mY, 800, 360), IsHorizontal: h},
		{ID: "M1_di", Element: "M1", Bounds: r(130, mY, 770, 120), IsHorizontal: h},
		{ID: "M2_di", Element: "M2", Bounds: r(130, mY+120, 770, 120), IsHorizontal: h},
		{ID: "M3_di", Element: "M3", Bounds: r(130, mY+240, 770, 120), IsHorizontal: h},
		{ID: "Pool_C_di", Element: "Pool_C", Bounds: r(100, cY, 800, 80), IsHorizontal: h},
		{ID: "TA_di", Element: "TA", Bounds: r(200, 20, 100, 80)},
		{ID: "TM1_di", Element: "TM1", Bounds: r(200, mY+20, 100, 80)},
		{ID: "TM2_di", Element: "TM2", Bounds: r(400, mY+140, 100, 80)},
		{ID: "TM3_di", Element: "TM3", Bounds: r(600, mY+260, 100, 80)},
	}
	for _, fl := range d.Flows {
		g.Edges = append(g.Edges, &model.Edge{ID: fl.ID + "_di", Element: fl.ID})
	}
	d.Diagrams = []*model.Diagram{g}
	f.d, f.s = d, NewSession(d, nil)
	f.pool, f.proc = "Pool_M", "Proc_M"
	for _, fl := range d.Flows { // start from the routes the editor draws
		t2 := f.s.newTx()
		if err := f.s.route(t2, fl); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// shifted reports whether b is a translated by one offset.
func shifted(a, b []model.Point) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	dx, dy := b[0].X-a[0].X, b[0].Y-a[0].Y
	for i := range a {
		if b[i].X-a[i].X != dx || b[i].Y-a[i].Y != dy {
			return false
		}
	}
	return true
}

// poolOrder lists the pools by their start along the stacking axis.
func poolOrder(f *fixture) []string {
	ps := f.d.Participants()
	ids := make([]string, 0, len(ps))
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	at := func(id string) float64 {
		b := f.s.Shape(id).Bounds
		if f.horiz {
			return b.Y
		}
		return b.X
	}
	sort.SliceStable(ids, func(i, j int) bool { return at(ids[i]) < at(ids[j]) })
	return ids
}

// innermost maps every flow node to its innermost lane by geometry.
func innermost(f *fixture) map[string]string {
	m := map[string]string{}
	for _, n := range f.d.Nodes {
		proc := f.d.ProcessOf(n.ID)
		sh := f.s.Shape(n.ID)
		if proc == nil || sh == nil {
			continue
		}
		if ls := f.s.lanesAt(proc, sh.Bounds.Center()); len(ls) > 0 {
			m[n.ID] = ls[len(ls)-1].ID
		}
	}
	return m
}

// checkPools checks the promises every multi-pool edit keeps: no two pools
// overlap, the pools keep their order, every node stays in its lane (by
// geometry, wholly inside it, and listed by it) and every flow is routed
// between the borders of its ends.
func checkPools(t *testing.T, f *fixture, order []string, lanes map[string]string) {
	t.Helper()
	checkPoolsRouted(t, f, order, lanes, nil)
}

// checkPoolsRouted is checkPools checking only the routes that differ
// from before (a foreign file's own routes need not meet our borders).
func checkPoolsRouted(t *testing.T, f *fixture, order []string, lanes map[string]string, before map[string][]model.Point) {
	t.Helper()
	ps := f.d.Participants()
	for i, p := range ps {
		for _, q := range ps[i+1:] {
			if a, b := f.s.Shape(p.ID).Bounds, f.s.Shape(q.ID).Bounds; a.Intersects(b) {
				t.Errorf("pools %s %v and %s %v overlap", p.ID, a, q.ID, b)
			}
		}
	}
	if got := poolOrder(f); !slices.Equal(got, order) {
		t.Errorf("pool order %v, want %v", got, order)
	}
	now := innermost(f)
	for id, l := range lanes {
		if now[id] != l {
			t.Errorf("%s now in lane %q, want %q", id, now[id], l)
			continue
		}
		if ls := f.s.Shape(l).Bounds; !ls.ContainsRect(f.s.Shape(id).Bounds) {
			t.Errorf("%s %v sticks out of lane %s %v", id, f.s.Shape(id).Bounds, l, ls)
		}
		if n := f.d.Node(id); n.Kind.IsFlowNode() {
			if got := laneIDs(f.d, id); !slices.Contains(got, l) {
				t.Errorf("%s listed by lanes %v, not by %s", id, got, l)
			}
		}
	}
	for _, fl := range f.d.Flows {
		if old, had := before[fl.ID]; had && shifted(old, f.s.Edge(fl.ID).Waypoints) {
			continue // the file's own route, moved along with its ends
		}
		checkRoute(t, f.s, fl.ID)
		if x := crossedBy(f.s, fl.ID); len(x) > 0 {
			t.Errorf("flow %s %v crosses %v", fl.ID, f.s.Edge(fl.ID).Waypoints, x)
		}
	}
}

func TestAddLaneMultiPool(t *testing.T) {
	for _, horiz := range []bool{true, false} {
		for _, gap := range []float64{40, 400} {
			for _, ref := range []string{"A1", "A2", "M1", "M2", "M3", "Pool_A", "Pool_M"} {
				for _, where := range []Where{Above, Below} {
					name := fmt.Sprintf("horiz=%v/gap=%g/%s/%s", horiz, gap, ref, [...]string{"above", "below"}[where])
					t.Run(name, func(t *testing.T) {
						f := newPoolsFix(t, horiz, gap)
						order, lanes := poolOrder(f), innermost(f)
						before := map[string]model.Rect{}
						for _, p := range order {
							before[p] = f.s.Shape(p).Bounds
						}
						var id string
						checkUndoRedo(t, f, func() error {
							var err error
							id, err = f.s.AddLane(ref, where)
							return err
						})
						checkPools(t, f, order, lanes)
						if f.s.Shape(id) == nil {
							t.Fatalf("new lane %s has no shape", id)
						}
						own := "Pool_M"
						if ref == "A1" || ref == "A2" || ref == "Pool_A" {
							own = "Pool_A"
						}
						// Pools before the edited one never move; its own
						// start moves only when there was room before it.
						for _, p := range order {
							if p == own {
								break
							}
							if got := f.s.Shape(p).Bounds; got != before[p] {
								t.Errorf("pool %s before the edited one moved: %v → %v", p, before[p], got)
							}
						}
						room := own == "Pool_A" || gap >= NewLaneSize+Padding
						st := func(r model.Rect) float64 {
							if horiz {
								return r.Y
							}
							return r.X
						}
						got := f.s.Shape(own).Bounds
						switch {
						case where == Above && room:
							if st(got) != st(before[own])-NewLaneSize {
								t.Errorf("%s did not grow before it with room: %v → %v", own, before[own], got)
							}
						default:
							if st(got) != st(before[own]) {
								t.Errorf("%s moved its start without room: %v → %v", own, before[own], got)
							}
						}
						if len(f.d.Lane(id).NodeRefs) != 0 {
							t.Errorf("the new lane lists %v", f.d.Lane(id).NodeRefs)
						}
					})
				}
			}
		}
	}
}

// A pool that grows into the pool before it (content dropped on its top
// edge makes the lane grow upwards) moves away itself instead of overlapping.
func TestGrowIntoPoolBefore(t *testing.T) {
	for _, horiz := range []bool{true, false} {
		f := newPoolsFix(t, horiz, Padding)
		order, lanes := poolOrder(f), innermost(f)
		a := f.s.Shape("Pool_A").Bounds
		// TM1 up so that it sticks out of the top of its lane by 15.
		checkUndoRedo(t, f, func() error { return f.move([]string{"TM1"}, 0, -35) })
		checkPools(t, f, order, lanes)
		if got := f.s.Shape("Pool_A").Bounds; got != a {
			t.Errorf("horiz=%v: pool A moved: %v → %v", horiz, a, got)
		}
	}
}

// Message flows that ran straight across keep their line when the pools
// move apart, and their labels follow them.
func TestMessageFlowKeepsLine(t *testing.T) {
	for _, horiz := range []bool{true, false} {
		f := newPoolsFix(t, horiz, 40)
		e := f.s.Edge("MF2")
		// Put the line off-centre, as another tool might have drawn it.
		pts := slices.Clone(e.Waypoints)
		for i := range pts {
			if horiz {
				pts[i].X = 620
			} else {
				pts[i].Y = 620
			}
		}
		must(t, f.s.SetWaypoints("MF2", pts))
		must(t, func() error { _, err := f.s.AddLane("M1", Below); return err }())
		got := f.s.Edge("MF2").Waypoints
		if len(got) != 2 || got[0] == got[1] {
			t.Fatalf("horiz=%v: MF2 not straight: %v", horiz, got)
		}
		for _, p := range got {
			if (horiz && p.X != 620) || (!horiz && p.Y != 620) {
				t.Errorf("horiz=%v: MF2 left its line: %v", horiz, got)
			}
		}
		checkRoute(t, f.s, "MF2")
	}
}

func TestFollowLabel(t *testing.T) {
	old := []model.Point{{X: 0, Y: 0}, {X: 0, Y: 100}}
	now := []model.Point{{X: 0, Y: 0}, {X: 0, Y: 300}}
	// A label beside the first tenth stays beside the first tenth.
	l := model.Rect{X: 6, Y: 3, W: 40, H: 14} // centre (26, 10)
	if got := followLabel(l, old, now); got != l.Translate(0, 20) {
		t.Errorf("label at %v, want %v", got, l.Translate(0, 20))
	}
	// Degenerate routes fall back to the middle's shift.
	if got := followLabel(l, []model.Point{{}}, now); got != l.Translate(0, 150) {
		t.Errorf("one-point route: %v", got)
	}
}

// messageLines maps each straight (two-point) message flow to the x (y in
// vertical pools) of its line.
func messageLines(s *Session) map[string]model.Point {
	m := map[string]model.Point{}
	for _, f := range s.Doc.Flows {
		if e := s.Edge(f.ID); f.Kind == model.MessageFlow && e != nil && len(e.Waypoints) == 2 {
			m[f.ID] = e.Waypoints[0]
		}
	}
	return m
}

// The QA cases: a lane added above the top lane of a pool that has a
// black-box pool just above it (ekonomiskt-bistand), and above the bottom
// lane of the lower of two pools (a bpmn.io export).
func TestAddLaneAboveRealFiles(t *testing.T) {
	cases := []struct {
		name string
		path func(t *testing.T) string
		lane string // by name
	}{
		{"ekonomiskt-bistand", func(*testing.T) string { return "../examples/ekonomiskt-bistand.bpmn" }, "Mottagningsgrupp"},
		{"bpmnio-camunda18", func(t *testing.T) string {
			return filepath.Join(corpus.Dir(t), "vendors", "bpmnio-camunda18-C.1.0-export.bpmn")
		}, "Accountant"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, _, _, err := bpmn.ReadFile(c.path(t))
			if err != nil {
				t.Fatal(err)
			}
			f := &fixture{d: d, s: NewSession(d, nil), horiz: true}
			var lane string
			for _, l := range d.AllLanes() {
				if l.Name == c.lane {
					lane = l.ID
				}
			}
			if lane == "" {
				t.Fatalf("no lane %q", c.lane)
			}
			own := d.PoolOf(d.LaneProcess(lane).ID).ID
			order, lanes := poolOrder(f), innermost(f)
			before := map[string]model.Rect{}
			for _, p := range order {
				before[p] = f.s.Shape(p).Bounds
			}
			lines := messageLines(f.s)
			routed := routes(f.s)
			if _, err := f.s.AddLane(lane, Above); err != nil {
				t.Fatal(err)
			}
			checkPoolsRouted(t, f, order, lanes, routed)
			for _, p := range order {
				if p == own {
					break
				}
				if got := f.s.Shape(p).Bounds; got != before[p] {
					t.Errorf("pool %s above moved: %v → %v", p, before[p], got)
				}
			}
			if got := f.s.Shape(own).Bounds; got.Y != before[own].Y || got.H != before[own].H+NewLaneSize {
				t.Errorf("pool %s %v → %v, want grown downwards by %g", own, before[own], got, NewLaneSize)
			}
			// Message flows that ran straight still do, on the same line,
			// unless a shape now stands in the way.
			for id, p := range lines {
				e := f.s.Edge(id)
				if len(e.Waypoints) == 2 && e.Waypoints[0].X != p.X {
					t.Errorf("message flow %s moved sideways: x %g → %g", id, p.X, e.Waypoints[0].X)
				}
				if len(e.Waypoints) != 2 {
					t.Errorf("message flow %s bent: %v", id, e.Waypoints)
				}
			}
		})
	}
}
