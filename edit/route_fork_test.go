package edit

import (
	"fmt"
	"testing"

	"lanemap/model"
)

// checkApart fails when two flows of the diagram run along each other for
// more than overlapMax, when two flows out of one node leave it at the same
// point or two flows into one node enter it at the same point (a fork or
// join that reads as one flow), or when a flow crosses a shape other than
// its ends.
func checkApart(t *testing.T, s *Session) {
	t.Helper()
	var flows []*model.Flow
	for _, f := range s.Doc.Flows {
		if f.Kind == model.SequenceFlow && s.Edge(f.ID) != nil {
			flows = append(flows, f)
			checkRoute(t, s, f.ID)
		}
	}
	for i, f := range flows {
		p := s.Edge(f.ID).Waypoints
		for _, g := range flows[i+1:] {
			q := s.Edge(g.ID).Waypoints
			if n := collinear(p, q); n > overlapMax {
				t.Errorf("%s %v and %s %v run along each other for %g", f.ID, p, g.ID, q, n)
			}
			if f.Source == g.Source && samePoint(p[0], q[0]) {
				t.Errorf("fork at %s: %s and %s both leave at %v", f.Source, f.ID, g.ID, p[0])
			}
			if f.Target == g.Target && samePoint(p[len(p)-1], q[len(q)-1]) {
				t.Errorf("join at %s: %s and %s both enter at %v", f.Target, f.ID, g.ID, p[len(p)-1])
			}
		}
		for _, sh := range s.Diagram.Shapes {
			n := s.Doc.Node(sh.Element)
			if n == nil || n.ID == f.Source || n.ID == f.Target || n.Kind == model.Group || n.Kind.IsSubProcess() {
				continue
			}
			if crosses(p, sh.Bounds) {
				t.Errorf("%s %v runs through %s %v", f.ID, p, n.ID, sh.Bounds)
			}
		}
	}
}

// TestForksAndJoinsApart builds forks and joins through the workshop
// gestures, in both pool orientations, and checks that every branch is
// drawn on its own.
func TestForksAndJoinsApart(t *testing.T) {
	cases := []struct {
		name  string
		build func(t *testing.T, f *fixture)
	}{
		{"append after a node with a flow out", func(t *testing.T, f *fixture) {
			// Task_1 already flows to the end event in the lane below.
			mustID(t)(f.s.AppendNext(f.task, model.Task))
		}},
		{"append three times after one task", func(t *testing.T, f *fixture) {
			for range 3 {
				mustID(t)(f.s.AppendNext(f.task, model.Task))
			}
		}},
		{"append twice on a gateway", func(t *testing.T, f *fixture) {
			g := mustID(t)(f.s.AppendNext(f.task, model.ExclusiveGateway))
			mustID(t)(f.s.AppendNext(g, model.Task))
			mustID(t)(f.s.AppendNext(g, model.Task))
		}},
		{"append three times on a gateway", func(t *testing.T, f *fixture) {
			g := mustID(t)(f.s.AppendNext(f.task, model.ExclusiveGateway))
			for range 3 {
				mustID(t)(f.s.AppendNext(g, model.Task))
			}
		}},
		{"quick add chain with a decision", func(t *testing.T, f *fixture) {
			q := mustID(t)(f.s.QuickAdd(f.task, "Prövas?"))
			mustID(t)(f.s.QuickAdd(q, "Chef: Besluta"))
			mustID(t)(f.s.QuickAdd(q, "Avslå"))
			b := mustID(t)(f.s.QuickAdd(q, "Bevilja"))
			mustID(t)(f.s.QuickAdd(b, "Meddela beslut"))
		}},
		{"quick add two forks in a row", func(t *testing.T, f *fixture) {
			a := mustID(t)(f.s.QuickAdd(f.task, "Kontrollera"))
			mustID(t)(f.s.QuickAdd(f.task, "Begära komplettering"))
			mustID(t)(f.s.QuickAdd(a, "Registrera"))
			mustID(t)(f.s.QuickAdd(a, "Arkivera"))
		}},
		{"join of two branches", func(t *testing.T, f *fixture) {
			a := mustID(t)(f.s.AppendNext(f.task, model.Task))
			b := mustID(t)(f.s.AppendNext(f.task, model.Task))
			j := mustID(t)(f.s.AppendNext(a, model.Task))
			mustID(t)(f.s.Connect(b, j))
		}},
		{"join into a gateway", func(t *testing.T, f *fixture) {
			g := mustID(t)(f.s.AppendNext(f.task, model.ExclusiveGateway))
			a := mustID(t)(f.s.AppendNext(g, model.Task))
			b := mustID(t)(f.s.AppendNext(g, model.Task))
			j := mustID(t)(f.s.AppendNext(a, model.ExclusiveGateway))
			mustID(t)(f.s.Connect(b, j))
		}},
	}
	for _, c := range cases {
		for _, horiz := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/horiz=%v", c.name, horiz), func(t *testing.T) {
				f := buildFixture(t, horiz)
				c.build(t, f)
				checkApart(t, f.s)
				checkConsistent(t, f)
			})
		}
	}
}

// TestBranchKeepsStraightWay: the newest branch does not bend an older
// straight one, and the straight way on stays one segment when an older
// branch can make way for it at no cost.
func TestBranchKeepsStraightWay(t *testing.T) {
	for _, horiz := range []bool{true, false} {
		f := buildFixture(t, horiz)
		s := f.s
		// Task_1 → End_1 bends down into the lower lane; the new node in
		// the task's row gets the straight way, the old branch its own port.
		a := mustID(t)(s.AppendNext(f.task, model.Task))
		fl := s.Doc.Flows[len(s.Doc.Flows)-1]
		if got := s.Edge(fl.ID).Waypoints; len(got) != 2 {
			t.Errorf("horiz=%v: straight way on to %s bent: %v", horiz, a, got)
		}
		// A second branch must not bend the first one.
		mustID(t)(s.AppendNext(f.task, model.Task))
		if got := s.Edge(fl.ID).Waypoints; len(got) != 2 {
			t.Errorf("horiz=%v: second branch bent the straight way: %v", horiz, got)
		}
		checkApart(t, s)
	}
}

// TestBranchUndo: a branch that moved an older sibling off its trunk is
// one step, and undo gives the sibling its exact route back.
func TestBranchUndo(t *testing.T) {
	f := newFixture(t)
	before := append([]model.Point(nil), f.s.Edge(f.f2).Waypoints...)
	checkUndoRedo(t, f, func() error {
		_, err := f.s.AppendNext(f.task, model.Task)
		return err
	})
	f.s.Undo()
	if got := f.s.Edge(f.f2).Waypoints; fmt.Sprint(got) != fmt.Sprint(before) {
		t.Errorf("undo: %s is %v, want %v", f.f2, got, before)
	}
}
