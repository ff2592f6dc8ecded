package gen

import (
	"reflect"
	"testing"

	"lanemap/model"
)

func TestCollaborationShape(t *testing.T) {
	for _, n := range []int{2, 10, 100, 1000} {
		d := Collaboration(n)
		if len(d.Nodes) != n {
			t.Fatalf("n=%d: %d nodes", n, len(d.Nodes))
		}
		g := d.Diagrams[0]
		shapes := g.ShapeIndex()
		lanes := 0
		for _, l := range d.AllLanes() {
			lanes++
			ls := shapes[l.ID]
			for _, ref := range l.NodeRefs {
				ns := shapes[ref]
				if ns == nil {
					t.Fatalf("n=%d: node %s has no shape", n, ref)
				}
				if !ls.Bounds.ContainsRect(ns.Bounds) {
					t.Fatalf("n=%d: node %s %v outside its lane %s %v", n, ref, ns.Bounds, l.ID, ls.Bounds)
				}
			}
		}
		if lanes != Lanes {
			t.Fatalf("n=%d: %d lanes", n, lanes)
		}
		for _, nd := range d.Nodes {
			if d.LaneOf(nd.ID) == nil {
				t.Fatalf("n=%d: node %s in no lane", n, nd.ID)
			}
		}
		for _, f := range d.Flows {
			e := g.Edge(f.ID)
			if e == nil || len(e.Waypoints) < 2 {
				t.Fatalf("n=%d: flow %s lacks an edge", n, f.ID)
			}
		}
		if n >= 100 && len(d.Handovers()) < n/3 {
			t.Fatalf("n=%d: only %d handovers", n, len(d.Handovers()))
		}
		if d.Nodes[0].Kind != model.StartEvent || d.Nodes[n-1].Kind != model.EndEvent {
			t.Fatalf("n=%d: wrong ends", n)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := Collaboration(50), Collaboration(50)
	for i := range a.Nodes {
		if !reflect.DeepEqual(a.Nodes[i], b.Nodes[i]) {
			t.Fatalf("node %d differs", i)
		}
	}
}
