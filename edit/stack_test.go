package edit

import (
	"slices"
	"testing"

	"lanemap/model"
)

func TestStackCleanMark(t *testing.T) {
	f := newFixture(t)
	s := f.s
	if s.Stack.Dirty() || s.Stack.CanUndo() || s.Stack.CanRedo() {
		t.Fatal("new session is not clean and empty")
	}
	must(t, s.Rename(f.task, "A"))
	must(t, s.MoveNodes([]string{f.task}, 10, 0))
	if !s.Stack.Dirty() {
		t.Fatal("not dirty after changes")
	}
	s.Stack.MarkClean()
	if s.Stack.Dirty() {
		t.Fatal("dirty right after MarkClean")
	}
	s.Undo()
	if !s.Stack.Dirty() {
		t.Fatal("undo past the save is not dirty")
	}
	s.Redo()
	if s.Stack.Dirty() {
		t.Fatal("redo back to the save is not clean")
	}
	// Undo below the save, then a new step: the saved state is gone for good.
	s.Undo()
	must(t, s.Rename(f.task, "B"))
	if !s.Stack.Dirty() {
		t.Fatal("a new branch is clean")
	}
	for s.Undo() {
	}
	if !s.Stack.Dirty() {
		t.Fatal("the unreachable clean mark came back")
	}
}

func TestStackLabels(t *testing.T) {
	f := newFixture(t)
	s := f.s
	must(t, s.Rename(f.task, "A"))
	must(t, s.MoveNodes([]string{f.task}, 10, 0))
	if got := s.Stack.UndoLabel(); got != "Move" {
		t.Errorf("UndoLabel %q", got)
	}
	s.Undo()
	if got := s.Stack.RedoLabel(); got != "Move" {
		t.Errorf("RedoLabel %q", got)
	}
	if got := s.Stack.UndoLabel(); got != "Rename" {
		t.Errorf("UndoLabel after undo %q", got)
	}
	s.Undo()
	if s.Undo() {
		t.Error("undo on an empty history")
	}
	if s.Stack.UndoLabel() != "" {
		t.Error("label with nothing to undo")
	}
	s.Redo()
	s.Redo()
	if s.Redo() {
		t.Error("redo past the end")
	}
	if s.Stack.RedoLabel() != "" {
		t.Error("label with nothing to redo")
	}
}

// TestMergeTyping: renaming one element letter by letter is one step,
// unless the clean mark lies between.
func TestMergeTyping(t *testing.T) {
	f := newFixture(t)
	s := f.s
	before := dump(f.d)
	for _, name := range []string{"U", "Ut", "Utr", "Utreda"} {
		must(t, s.Rename(f.task, name))
	}
	must(t, s.SetDocumentation(f.task, "x"))
	must(t, s.SetDocumentation(f.task, "xy"))
	if n := s.Stack.Len(); n != 2 {
		t.Fatalf("%d steps, want 2", n)
	}
	s.Stack.MarkClean()
	must(t, s.SetDocumentation(f.task, "xyz"))
	if n := s.Stack.Len(); n != 3 {
		t.Fatalf("merged across the clean mark: %d steps", n)
	}
	s.Undo()
	if s.Stack.Dirty() {
		t.Fatal("undo to the save is dirty")
	}
	s.Undo()
	s.Undo()
	if got := dump(f.d); got != before {
		t.Fatalf("undo of merged steps: %s", diff(before, got))
	}
	// A sealed run does not merge with what follows.
	must(t, s.Rename(f.task, "Utreda igen"))
	n := s.Stack.Len()
	s.Stack.Seal()
	must(t, s.Rename(f.task, "Utreda igen!"))
	if got := s.Stack.Len(); got != n+1 {
		t.Fatalf("%d steps after a seal, want %d", got, n+1)
	}
	s.Stack.Clear()
	// Different elements do not merge.
	must(t, s.Rename(f.task, "a"))
	must(t, s.Rename(f.start, "b"))
	if n := s.Stack.Len(); n != 2 {
		t.Fatalf("%d steps, want 2", n)
	}
}

func TestStackLimit(t *testing.T) {
	f := newFixture(t)
	s := f.s
	s.Stack.Limit = 3
	s.Stack.MarkClean()
	for i := range 5 {
		must(t, s.MoveNodes([]string{f.task}, float64(i+1), 0))
	}
	if s.Stack.Len() != 3 {
		t.Fatalf("%d steps kept, want 3", s.Stack.Len())
	}
	n := 0
	for s.Undo() {
		n++
	}
	if n != 3 || !s.Stack.Dirty() {
		t.Fatalf("undid %d, dirty %v", n, s.Stack.Dirty())
	}
	s.Stack.Clear()
	if s.Stack.Dirty() || s.Stack.Len() != 0 {
		t.Fatal("Clear did not reset")
	}
}

func TestOnChange(t *testing.T) {
	f := newFixture(t)
	var got []Change
	f.s.OnChange = func(c Change) { got = append(got, c) }
	must(t, f.s.MoveNodes([]string{f.task}, 10, 0))
	id, err := f.s.AppendNext(f.task, model.Task)
	must(t, err)
	f.s.Undo()
	if len(got) != 3 {
		t.Fatalf("%d notifications, want 3", len(got))
	}
	if got[0].Structure || !slices.Contains(got[0].Elements, f.task) || !slices.Contains(got[0].Elements, f.f1) {
		t.Errorf("move: %+v", got[0])
	}
	if !got[1].Structure || !slices.Contains(got[1].Elements, id) {
		t.Errorf("append: %+v", got[1])
	}
	if !got[2].Structure {
		t.Errorf("undo of append: %+v", got[2])
	}
	// A move into another lane changes membership: structure.
	got = nil
	must(t, f.s.MoveNodes([]string{f.task}, 0, 150))
	if len(got) != 1 || !got[0].Structure || !slices.Contains(got[0].Elements, f.lane2) {
		t.Errorf("move across lanes: %+v", got)
	}
}

// outside is a hand-written command run through Session.Do.
type outside struct{ n *model.Node }

func (o *outside) Do(*model.Definitions) error { o.n.Name = "outside"; return nil }
func (o *outside) Undo(*model.Definitions)     { o.n.Name = "Utreda" }
func (o *outside) Label() string               { return "Outside" }

func TestSessionDo(t *testing.T) {
	f := newFixture(t)
	must(t, f.s.Do(&outside{f.d.Node(f.task)}))
	if f.d.Node(f.task).Name != "outside" || f.s.Stack.UndoLabel() != "Outside" {
		t.Fatal("outside command not done")
	}
	f.s.Undo()
	if f.d.Node(f.task).Name != "Utreda" {
		t.Fatal("outside command not undone")
	}
	// A recorded command refuses another document.
	must(t, f.s.Rename(f.task, "x"))
	other := newFixture(t)
	c := f.s.Stack.cmds[0]
	if err := c.Do(other.d); err == nil {
		t.Fatal("a command ran on another document")
	}
}
