package library

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"lanemap/model"
)

// editScript applies random edits (rename, move, delete, add, change
// lane) to d, touching only the nodes in own, and returns the ids whose
// final state in d the merge must reproduce.
func editScript(d *model.Definitions, own []string, rng *rand.Rand, tag string) []string {
	touched := map[string]bool{}
	for i := range 1 + rng.IntN(8) {
		id := own[rng.IntN(len(own))]
		if d.Node(id) == nil {
			continue // deleted earlier in this script
		}
		touched[id] = true
		switch rng.IntN(5) {
		case 0:
			rename(d, id, fmt.Sprintf("%s namn %d", tag, i))
		case 1:
			d.Diagrams[0].Shape(id).Bounds.X += 17
		case 2:
			d.Nodes = slices.DeleteFunc(d.Nodes, func(n *model.Node) bool { return n.ID == id })
			d.Flows = slices.DeleteFunc(d.Flows, func(f *model.Flow) bool { return f.Source == id || f.Target == id })
			for _, l := range d.AllLanes() {
				l.NodeRefs = slices.DeleteFunc(l.NodeRefs, func(r string) bool { return r == id })
			}
			d.Touch()
		case 3:
			nid := fmt.Sprintf("Task_%s_%d", tag, i)
			addTask(d, nid, nid)
			touched[nid] = true
		case 4:
			lane := d.Processes[0].Lanes[rng.IntN(len(d.Processes[0].Lanes))]
			for _, l := range d.AllLanes() {
				l.NodeRefs = slices.DeleteFunc(l.NodeRefs, func(r string) bool { return r == id })
			}
			lane.NodeRefs = append(lane.NodeRefs, id)
			d.Touch()
		}
	}
	var out []string
	for id := range touched {
		out = append(out, id)
	}
	return out
}

// sameState compares what editScript changes about one node.
func sameState(want, got *model.Definitions, id string) error {
	wn, gn := want.Node(id), got.Node(id)
	if (wn == nil) != (gn == nil) {
		return fmt.Errorf("%s: present %v, want %v", id, gn != nil, wn != nil)
	}
	if wn == nil {
		if got.Diagrams[0].Shape(id) != nil {
			return fmt.Errorf("%s: shape of a deleted node kept", id)
		}
		return nil
	}
	if wn.Name != gn.Name {
		return fmt.Errorf("%s: name %q, want %q", id, gn.Name, wn.Name)
	}
	if ws, gs := want.Diagrams[0].Shape(id), got.Diagrams[0].Shape(id); gs == nil || ws.Bounds != gs.Bounds {
		return fmt.Errorf("%s: shape %v, want %v", id, gs, ws)
	}
	if wl, gl := want.LaneOf(id), got.LaneOf(id); gl == nil || wl.ID != gl.ID {
		return fmt.Errorf("%s: lane %v, want %s", id, gl, wl.ID)
	}
	return nil
}

// checkDisjointMerge edits two copies of a process on disjoint node sets
// and checks that the merge has no conflicts and keeps every edit.
func checkDisjointMerge(t *testing.T, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, seed>>7))
	n := 8 + rng.IntN(30)
	base, mine, theirs := process("P", n), process("P", n), process("P", n)
	var a, b []string
	for _, nd := range base.Nodes {
		if rng.IntN(2) == 0 {
			a = append(a, nd.ID)
		} else {
			b = append(b, nd.ID)
		}
	}
	if len(a) == 0 || len(b) == 0 {
		return
	}
	ta := editScript(mine, a, rng, "A")
	tb := editScript(theirs, b, rng, "B")
	m, cs := Merge(base, mine, theirs)
	if len(cs) != 0 {
		t.Fatalf("seed %d: conflicts on disjoint edits: %+v", seed, cs)
	}
	for _, id := range ta {
		if err := sameState(mine, m, id); err != nil {
			t.Fatalf("seed %d: mine: %v", seed, err)
		}
	}
	for _, id := range tb {
		if err := sameState(theirs, m, id); err != nil {
			t.Fatalf("seed %d: theirs: %v", seed, err)
		}
	}
	for _, f := range m.Flows {
		if m.Node(f.Source) == nil || m.Node(f.Target) == nil {
			t.Fatalf("seed %d: flow %s dangles", seed, f.ID)
		}
	}
}

func TestMergeDisjointEditsProperty(t *testing.T) {
	for seed := range uint64(300) {
		checkDisjointMerge(t, seed)
	}
}

func FuzzMergeDisjointEdits(f *testing.F) {
	for _, s := range []uint64{1, 2, 3, 1 << 40} {
		f.Add(s)
	}
	f.Fuzz(checkDisjointMerge)
}
