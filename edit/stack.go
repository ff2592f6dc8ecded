package edit

import "lanemap/model"

// DefaultLimit is how many undo steps a new Stack keeps.
const DefaultLimit = 500

// Stack is the undo history: a list of done commands with a cursor and a
// clean mark. Commands below the cursor can be undone, those above redone.
// The clean mark is the cursor position of the last save; the document is
// dirty whenever the cursor is elsewhere, so undoing back to the saved state
// makes it clean again.
type Stack struct {
	cmds   []Command
	cursor int
	clean  int // -1: the clean state is no longer reachable
	sealed bool
	// Limit caps the history; the oldest steps are dropped beyond it (0 = no cap).
	Limit int
}

// NewStack returns an empty, clean stack with DefaultLimit.
func NewStack() *Stack { return &Stack{Limit: DefaultLimit} }

// Push records c, which the caller has already done successfully. It drops
// the redo branch, and merges c into the previous step when that step is a
// Merger that accepts it (never across the clean mark).
func (s *Stack) Push(c Command) {
	if s.clean > s.cursor {
		s.clean = -1 // the saved state was in the redo branch we drop now
	}
	s.cmds = s.cmds[:s.cursor]
	sealed := s.sealed
	s.sealed = false
	if s.cursor > 0 && s.clean != s.cursor && !sealed {
		if m, ok := s.cmds[s.cursor-1].(Merger); ok && m.Merge(c) {
			return
		}
	}
	s.cmds = append(s.cmds, c)
	s.cursor++
	if s.Limit > 0 && len(s.cmds) > s.Limit {
		drop := len(s.cmds) - s.Limit
		clear(s.cmds[:drop])
		s.cmds = s.cmds[drop:]
		s.cursor -= drop
		if s.clean >= 0 {
			s.clean -= drop
			if s.clean < 0 {
				s.clean = -1
			}
		}
	}
}

// Undo reverts the step below the cursor and returns it, or nil when there
// is nothing to undo.
func (s *Stack) Undo(d *model.Definitions) Command {
	if !s.CanUndo() {
		return nil
	}
	s.cursor--
	c := s.cmds[s.cursor]
	c.Undo(d)
	return c
}

// Redo does the step above the cursor again and returns it, or nil when
// there is nothing to redo. A command whose replay fails is dropped together
// with the rest of the redo branch.
func (s *Stack) Redo(d *model.Definitions) (Command, error) {
	if !s.CanRedo() {
		return nil, nil
	}
	c := s.cmds[s.cursor]
	if err := c.Do(d); err != nil {
		s.cmds = s.cmds[:s.cursor]
		if s.clean > s.cursor {
			s.clean = -1
		}
		return nil, err
	}
	s.cursor++
	return c, nil
}

// CanUndo reports whether there is a step to undo.
func (s *Stack) CanUndo() bool { return s.cursor > 0 }

// CanRedo reports whether there is a step to redo.
func (s *Stack) CanRedo() bool { return s.cursor < len(s.cmds) }

// UndoLabel names the step Undo would revert ("" when none).
func (s *Stack) UndoLabel() string {
	if !s.CanUndo() {
		return ""
	}
	return s.cmds[s.cursor-1].Label()
}

// RedoLabel names the step Redo would do again ("" when none).
func (s *Stack) RedoLabel() string {
	if !s.CanRedo() {
		return ""
	}
	return s.cmds[s.cursor].Label()
}

// UndoKey is UndoLabel as a LabelKey (zero when none or not Labeled).
func (s *Stack) UndoKey() LabelKey {
	if !s.CanUndo() {
		return LabelKey{}
	}
	k, _ := KeyOf(s.cmds[s.cursor-1])
	return k
}

// RedoKey is RedoLabel as a LabelKey (zero when none or not Labeled).
func (s *Stack) RedoKey() LabelKey {
	if !s.CanRedo() {
		return LabelKey{}
	}
	k, _ := KeyOf(s.cmds[s.cursor])
	return k
}

// Seal ends a run of mergeable steps: the next Push starts a new step even
// if it could merge (call it when a name field loses focus, say).
func (s *Stack) Seal() { s.sealed = true }

// MarkClean records the current state as saved.
func (s *Stack) MarkClean() { s.clean = s.cursor }

// Dirty reports whether the model differs from the last MarkClean (a new
// stack counts as clean).
func (s *Stack) Dirty() bool { return s.clean != s.cursor }

// Len is the number of steps held (done and undone).
func (s *Stack) Len() int { return len(s.cmds) }

// Clear forgets the whole history; the current state becomes clean.
func (s *Stack) Clear() {
	clear(s.cmds)
	s.cmds = s.cmds[:0]
	s.cursor, s.clean = 0, 0
}
