package model

import "testing"

// TestIncrementalIndex checks that the incremental updates leave the
// cached index equal to a fresh one.
func TestIncrementalIndex(t *testing.T) {
	l1 := &Lane{ID: "L1", NodeRefs: []string{"A"}}
	l2 := &Lane{ID: "L2"}
	d := &Definitions{
		Processes: []*Process{{ID: "P", Lanes: []*Lane{l1, l2}}},
		Nodes:     []*Node{{ID: "A", Kind: Task, Container: "P"}},
	}
	if d.Node("A") == nil || d.LaneOf("A") != l1 {
		t.Fatal("fresh index wrong")
	}
	b := &Node{ID: "B", Kind: Task, Container: "P"}
	d.Nodes = append(d.Nodes, b)
	d.NodeAdded(b)
	f := &Flow{ID: "F", Kind: SequenceFlow, Source: "A", Target: "B", Container: "P"}
	d.Flows = append(d.Flows, f)
	d.FlowAdded(f)
	l1.NodeRefs = nil
	l2.NodeRefs = []string{"A"}
	d.NodeLanesChanged("A", l2)
	check := func() {
		if d.Node("B") != b || d.Flow("F") != f || d.LaneOf("A") != l2 || d.LaneOf("B") != nil {
			t.Fatalf("index: B=%v F=%v lane(A)=%v lane(B)=%v", d.Node("B"), d.Flow("F"), d.LaneOf("A"), d.LaneOf("B"))
		}
	}
	check()
	d.Touch()
	check() // a rebuilt index agrees
	d.NodeLanesChanged("A", nil)
	l2.NodeRefs = nil
	if d.LaneOf("A") != nil {
		t.Fatal("removal not recorded")
	}
	var empty Definitions
	empty.NodeAdded(b) // no cache: no effect, no panic
	empty.FlowAdded(nil)
	empty.NodeLanesChanged("x", nil)
}
