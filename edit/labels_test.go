package edit

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"lanemap/model"
)

func TestLabelKeys(t *testing.T) {
	f := newFixture(t)
	s := f.s
	var added string
	steps := []struct {
		do       func() error
		label    string
		key, arg string
	}{
		{func() error { return s.MoveNodes([]string{f.task}, 10, 0) }, "Move", "move", "Utreda"},
		{func() error { return s.MoveNodes([]string{f.task, f.end}, 0, 5) }, "Move", "move", ""},
		{func() error { return s.Rename(f.end, "Klart") }, "Rename", "rename", "Klart"},
		{func() error { _, err := s.Connect(f.start, f.end); return err }, "Connect", "connect", "Klart"},
		{func() error { var err error; added, err = s.QuickAdd(f.task, "Beviljas?"); return err }, "Add Beviljas?", "add", "Beviljas?"},
		{func() error { _, err := s.AppendNext(added, model.Task); return err }, "Append task", "append", "task"},
		{func() error { _, err := s.AddNode(model.UserTask, f.lane2, model.Point{X: 700, Y: 320}); return err }, "Add userTask", "addNode", "userTask"},
		{func() error { return s.SetDocumentation(f.task, "Läs akten") }, "Edit documentation", "editDocumentation", "Utreda"},
		{func() error { return s.SetKind(f.task, model.ServiceTask) }, "Change type", "changeType", "serviceTask"},
		{func() error { return s.SetLaneRole(f.lane1, "Handläggare") }, "Set role", "setRole", "Handläggare"},
		{func() error { _, err := s.AddLane(f.lane2, Below); return err }, "Add lane", "addLane", ""},
		{func() error { return s.ResizeLane(f.lane1, Bottom, 10) }, "Resize lane", "resizeLane", ""},
		{func() error { return s.MoveLane(f.lane1, 1) }, "Move lane", "moveLane", "Handläggare"},
		{func() error { _, err := s.Duplicate([]string{f.task}); return err }, "Duplicate", "duplicate", ""},
		{func() error { return s.Delete([]string{f.end}) }, "Delete", "delete", "Klart"},
		{func() error { _, err := s.AddPool("Brukare", model.Point{X: 500, Y: 900}); return err }, "Add pool", "addPool", "Brukare"},
		{func() error { return s.DeleteLane(f.lane2, MoveContentToNeighbour) }, "Delete lane", "deleteLane", "Chef"},
	}
	for i, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("step %d (%s): %v", i, st.key, err)
		}
		got := s.Stack.UndoKey()
		if got != (LabelKey{st.key, st.arg}) {
			t.Errorf("step %d: key %+v, want {%s %s}", i, got, st.key, st.arg)
		}
		if l := s.Stack.UndoLabel(); l != st.label {
			t.Errorf("step %d: label %q, want %q (Label() must not change)", i, l, st.label)
		}
		if !slices.Contains(LabelKeys(), got.Key) {
			t.Errorf("step %d: key %q not in LabelKeys", i, got.Key)
		}
	}
	s.Undo()
	if got := s.Stack.RedoKey(); got.Key != "deleteLane" {
		t.Errorf("redo key %+v", got)
	}
	if k, ok := KeyOf(plainCmd{}); ok || k != (LabelKey{}) {
		t.Errorf("a command without keys gives %+v", k)
	}
}

type plainCmd struct{}

func (plainCmd) Do(*model.Definitions) error { return nil }
func (plainCmd) Undo(*model.Definitions)     {}
func (plainCmd) Label() string               { return "Plain" }

// Every fixed label the package runs under has a key, and doc.go names
// every key for the translators.
func TestLabelKeysComplete(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatal("no sources", err)
	}
	lit := regexp.MustCompile(`s\.run\("([^"]+)"|moveEach\("([^"]+)"`)
	seen := 0
	for _, p := range files {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range lit.FindAllStringSubmatch(string(src), -1) {
			label := m[1] + m[2]
			seen++
			if k := stepKeys[label]; k == "" || !slices.Contains(LabelKeys(), k) {
				t.Errorf("%s: label %q has no listed key", p, label)
			}
		}
	}
	if seen < 20 {
		t.Errorf("found only %d labels: the pattern is stale", seen)
	}
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range LabelKeys() {
		if !regexp.MustCompile(`\b` + k + `\b`).Match(doc) {
			t.Errorf("doc.go does not list key %q", k)
		}
	}
}

func TestLaneContent(t *testing.T) {
	both(t, func(t *testing.T, f *lanesFix) {
		all := []string{"Task_Boundary", "Boundary", "Task"}
		for _, c := range []struct {
			lane string
			want []string
		}{
			{"Lane_A", all},
			{"Nested_A", all},
			{"Nested_B", nil},
			{"Lane_B", nil},
		} {
			got, err := f.s.LaneContent(c.lane)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
				t.Errorf("%s: %v, want %v", c.lane, got, c.want)
			}
		}
		if _, err := f.s.LaneContent("Pool"); err == nil {
			t.Error("a pool is no lane")
		}
		if _, err := f.s.LaneContent("nope"); err == nil {
			t.Error("unknown lane accepted")
		}
		// It is what DeleteContent deletes, and nothing else goes.
		listed, _ := f.s.LaneContent("Nested_A")
		before := len(f.d.Nodes)
		must(t, f.s.DeleteLane("Nested_A", DeleteContent))
		for _, id := range listed {
			if f.d.Node(id) != nil {
				t.Errorf("%s listed but kept", id)
			}
		}
		if got := before - len(f.d.Nodes); got != len(listed) {
			t.Errorf("deleted %d nodes, listed %d", got, len(listed))
		}
	})
}
