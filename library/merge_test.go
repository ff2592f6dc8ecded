package library

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"lanemap/model"
)

func TestMerge(t *testing.T) {
	type edit func(d *model.Definitions)
	moveToLane := func(id string, lane int) edit {
		return func(d *model.Definitions) {
			for _, l := range d.AllLanes() {
				l.NodeRefs = slices.DeleteFunc(l.NodeRefs, func(r string) bool { return r == id })
			}
			l := d.Processes[0].Lanes[lane]
			l.NodeRefs = append(l.NodeRefs, id)
			d.Touch()
		}
	}
	moveShape := func(id string, dx float64) edit {
		return func(d *model.Definitions) { d.Diagrams[0].Shape(id).Bounds.X += dx }
	}
	deleteNode := func(id string) edit {
		return func(d *model.Definitions) {
			d.Nodes = slices.DeleteFunc(d.Nodes, func(n *model.Node) bool { return n.ID == id })
			d.Flows = slices.DeleteFunc(d.Flows, func(f *model.Flow) bool { return f.Source == id || f.Target == id })
			for _, l := range d.AllLanes() {
				l.NodeRefs = slices.DeleteFunc(l.NodeRefs, func(r string) bool { return r == id })
			}
			d.Touch()
		}
	}
	connect := func(id, from, to string) edit {
		return func(d *model.Definitions) {
			d.Flows = append(d.Flows, &model.Flow{ID: id, Kind: model.SequenceFlow, Container: d.Processes[0].ID, Source: from, Target: to})
			d.Touch()
		}
	}
	setOwner := func(o string) edit { return func(d *model.Definitions) { d.Meta.Owner = o } }
	ren := func(id, name string) edit { return func(d *model.Definitions) { rename(d, id, name) } }
	add := func(id string) edit { return func(d *model.Definitions) { addTask(d, id, id) } }

	tests := []struct {
		name        string
		mine        []edit
		theirs      []edit
		conflictIDs []string
		check       func(t *testing.T, m *model.Definitions)
	}{
		{"different nodes renamed", []edit{ren("Node_1", "Min")}, []edit{ren("Node_2", "Deras")}, nil,
			func(t *testing.T, m *model.Definitions) {
				if m.Node("Node_1").Name != "Min" || m.Node("Node_2").Name != "Deras" {
					t.Error("an edit was lost")
				}
			}},
		{"same rename on both sides", []edit{ren("Node_1", "Samma")}, []edit{ren("Node_1", "Samma")}, nil, nil},
		{"same node renamed differently", []edit{ren("Node_1", "Min")}, []edit{ren("Node_1", "Deras")}, []string{"Node_1"},
			func(t *testing.T, m *model.Definitions) {
				if m.Node("Node_1").Name != "Min" {
					t.Error("a conflict should keep mine by default")
				}
			}},
		{"both add tasks", []edit{add("Task_min")}, []edit{add("Task_deras")}, nil,
			func(t *testing.T, m *model.Definitions) {
				if m.Node("Task_min") == nil || m.Node("Task_deras") == nil {
					t.Fatal("an added task was lost")
				}
				lane := m.Processes[0].Lanes[0]
				if !slices.Contains(lane.NodeRefs, "Task_min") || !slices.Contains(lane.NodeRefs, "Task_deras") {
					t.Errorf("lane refs %v", lane.NodeRefs)
				}
				if m.Diagrams[0].Shape("Task_min") == nil || m.Diagrams[0].Shape("Task_deras") == nil {
					t.Error("a shape was lost")
				}
			}},
		{"move to other lane vs rename", []edit{moveToLane("Node_4", 7)}, []edit{ren("Node_4", "Nytt namn")}, []string{"Node_4"}, nil},
		{"move shape vs rename", []edit{moveShape("Node_4", 40)}, []edit{ren("Node_4", "Nytt namn")}, nil,
			func(t *testing.T, m *model.Definitions) {
				if m.Node("Node_4").Name != "Nytt namn" || m.Diagrams[0].Shape("Node_4").Bounds.X == 0 {
					t.Error("shape move or rename lost")
				}
			}},
		{"lane move vs other lane move", []edit{moveToLane("Node_4", 7)}, []edit{moveToLane("Node_5", 7)}, nil,
			func(t *testing.T, m *model.Definitions) {
				if m.LaneOf("Node_4").ID != "Lane_7" || m.LaneOf("Node_5").ID != "Lane_7" {
					t.Errorf("lanes %s %s", m.LaneOf("Node_4").ID, m.LaneOf("Node_5").ID)
				}
			}},
		{"delete vs untouched", []edit{deleteNode("Node_3")}, nil, nil,
			func(t *testing.T, m *model.Definitions) {
				if m.Node("Node_3") != nil || m.Diagrams[0].Shape("Node_3") != nil || m.Diagrams[0].Edge("Flow_2") != nil {
					t.Error("deleted node, its shape or its flow's edge came back")
				}
			}},
		{"delete vs rename", []edit{deleteNode("Node_3")}, []edit{ren("Node_3", "Ändrad")}, []string{"Node_3"}, nil},
		{"their flow to my deleted node", []edit{deleteNode("Node_6")}, []edit{connect("Flow_ny", "Node_1", "Node_6")}, []string{"Flow_ny"},
			func(t *testing.T, m *model.Definitions) {
				if m.Flow("Flow_ny") != nil {
					t.Error("a dangling flow was kept")
				}
			}},
		{"metadata vs node", []edit{setOwner("Ny ägare")}, []edit{ren("Node_1", "X")}, nil,
			func(t *testing.T, m *model.Definitions) {
				if m.Meta.Owner != "Ny ägare" || m.Node("Node_1").Name != "X" {
					t.Error("lost")
				}
			}},
		{"metadata both", []edit{setOwner("A")}, []edit{setOwner("B")}, []string{""}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			base, mine, theirs := process("P", 12), process("P", 12), process("P", 12)
			for _, e := range tc.mine {
				e(mine)
			}
			for _, e := range tc.theirs {
				e(theirs)
			}
			m, cs := Merge(base, mine, theirs)
			var ids []string
			for _, c := range cs {
				ids = append(ids, c.ID)
				if c.Mine == nil && c.Theirs == nil {
					t.Errorf("conflict %s holds neither version", c.ID)
				}
			}
			if !slices.Equal(ids, tc.conflictIDs) {
				t.Fatalf("conflicts %v, want %v (%+v)", ids, tc.conflictIDs, cs)
			}
			if tc.check != nil {
				tc.check(t, m)
			}
			// Every flow in the result has both ends.
			for _, f := range m.Flows {
				if m.Element(f.Source) == nil || m.Element(f.Target) == nil {
					t.Errorf("flow %s dangles", f.ID)
				}
			}
			// Merging is symmetric in what it keeps when there is no conflict.
			if len(tc.conflictIDs) == 0 {
				m2, cs2 := Merge(base, theirs, mine)
				if len(cs2) != 0 || len(m2.Nodes) != len(m.Nodes) || len(m2.Flows) != len(m.Flows) {
					t.Errorf("swapped merge differs: %d/%d nodes, %d conflicts", len(m2.Nodes), len(m.Nodes), len(cs2))
				}
			}
		})
	}
}

func TestMergeWithTheirs(t *testing.T) {
	base, mine, theirs := process("P", 6), process("P", 6), process("P", 6)
	rename(mine, "Node_1", "Min")
	rename(theirs, "Node_1", "Deras")
	m, cs := MergeWith(base, mine, theirs, func(c Conflict) Side {
		if c.Kind != "node" || c.Name != "Min" || !slices.Equal(c.Fields, []string{"Name"}) {
			t.Errorf("conflict %+v", c)
		}
		if c.Base.(*model.Node).Name != "Steg 1" || c.Theirs.(*model.Node).Name != "Deras" {
			t.Errorf("versions %+v", c)
		}
		return Theirs
	})
	if len(cs) != 1 || m.Node("Node_1").Name != "Deras" {
		t.Fatalf("got %q, %d conflicts", m.Node("Node_1").Name, len(cs))
	}
}

func TestMergeUnchangedIsIdentity(t *testing.T) {
	d := process("P", 30)
	m, cs := Merge(process("P", 30), process("P", 30), process("P", 30))
	if len(cs) != 0 {
		t.Fatal(cs)
	}
	if !equalDefs(d, m) {
		t.Fatal("merging three equal versions changed the model")
	}
}

// equalDefs compares two models element by element through their units.
func equalDefs(a, b *model.Definitions) bool {
	ua, ub := units(a), units(b)
	if !slices.Equal(ua.order, ub.order) {
		return false
	}
	for k, u := range ua.byKey {
		if !u.equal(ub.byKey[k]) {
			return false
		}
	}
	for id, refs := range ua.laneRefs {
		if !slices.Equal(refs, ub.laneRefs[id]) {
			return false
		}
	}
	return true
}

func TestMergeKeepsDuplicateIDs(t *testing.T) {
	dup := func() *model.Definitions {
		d := process("P", 6)
		twin := *d.Node("Node_1")
		twin.Name = "Tvilling"
		d.Nodes = append(d.Nodes, &twin)
		d.Touch()
		return d
	}
	base, mine, theirs := dup(), dup(), dup()
	rename(theirs, "Node_2", "Deras")
	m, cs := Merge(base, mine, theirs)
	if len(cs) != 0 {
		t.Fatal(cs)
	}
	n := 0
	for _, nd := range m.Nodes {
		if nd.ID == "Node_1" {
			n++
		}
	}
	if n != 2 || m.Node("Node_2").Name != "Deras" {
		t.Fatalf("%d nodes with the duplicate id", n)
	}
}

// TestMergeDiskOnExamples merges two users' edits of every bundled example
// through the library and checks the saved file reads back clean.
func TestMergeDiskOnExamples(t *testing.T) {
	src, err := os.ReadDir("../examples")
	must(t, err)
	dir := t.TempDir()
	var files []string
	for _, e := range src {
		if filepath.Ext(e.Name()) == ".bpmn" {
			data, err := os.ReadFile(filepath.Join("..", "examples", e.Name()))
			must(t, err)
			must(t, os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644))
			files = append(files, e.Name())
		}
	}
	l, err := Open(dir, testOpts(t))
	must(t, err)
	for _, f := range files {
		mine := mustLoad(t, l, f)
		other := mustLoad(t, l, f)
		other.Defs.Meta.Version += ".1"
		other.Defs.Diagrams[0].Shapes[len(other.Defs.Diagrams[0].Shapes)-1].Bounds.Y += 10
		must(t, l.Save(other))
		var task *model.Node
		for _, n := range mine.Defs.Nodes {
			if n.Kind.IsTask() {
				task = n
				break
			}
		}
		task.Name += " (ändrad)"
		var ch *ErrChangedOnDisk
		if err := l.Save(mine); !errors.As(err, &ch) {
			t.Fatalf("%s: Save = %v", f, err)
		}
		merged, cs, err := l.MergeDisk(mine)
		must(t, err)
		if len(cs) != 0 {
			t.Fatalf("%s: conflicts %+v", f, cs)
		}
		must(t, l.Save(merged))
		back := mustLoad(t, l, f)
		if len(back.Warnings) != 0 {
			t.Errorf("%s: warnings after merge: %v", f, back.Warnings)
		}
		if back.Defs.Meta.Version != other.Defs.Meta.Version || back.Defs.Node(task.ID).Name != task.Name {
			t.Errorf("%s: an edit was lost (version %q, name %q)", f, back.Defs.Meta.Version, back.Defs.Node(task.ID).Name)
		}
		if len(back.Defs.Nodes) != len(mine.Defs.Nodes) || len(back.Defs.Flows) != len(mine.Defs.Flows) {
			t.Errorf("%s: element count changed", f)
		}
	}
}
