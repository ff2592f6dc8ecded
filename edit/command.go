package edit

import "lanemap/model"

// Command is one undoable change of a model. Do applies it (the first Do
// computes and records, later ones replay the record); Undo reverts exactly
// what Do did. A Do that fails leaves the model as it was.
type Command interface {
	Do(d *model.Definitions) error
	Undo(d *model.Definitions)
	Label() string
}

// LabelKey names a step in a way the UI can translate: Key is stable
// (doc.go lists them), Arg the element name or kind the label mentions
// ("" when none). Label() stays the English text.
type LabelKey struct {
	Key string
	Arg string
}

// Labeled is implemented by commands that give a LabelKey; every command
// of a Session does.
type Labeled interface {
	LabelKey() LabelKey
}

// KeyOf returns c's LabelKey; ok is false for a command that gives none.
func KeyOf(c Command) (k LabelKey, ok bool) {
	if l, is := c.(Labeled); is {
		return l.LabelKey(), true
	}
	return LabelKey{}, false
}

// Merger is implemented by commands that can absorb the next command into
// themselves (typing a name letter by letter, nudging with the arrow keys),
// so that the pair becomes a single undo step.
type Merger interface {
	// Merge reports whether next was absorbed; next has already been done.
	Merge(next Command) bool
}

// Changer is implemented by commands that know which elements they touched.
type Changer interface {
	Changed() Change
}

// Change tells listeners what a command (or its undo) touched, so that a
// view can rebuild only what it must.
type Change struct {
	// Elements lists the ids of the elements whose data or DI changed.
	Elements []string
	// Structure is set when nodes, flows, lanes or pools were added or
	// removed, or lane membership changed.
	Structure bool
}

// ChangeOf returns what c touched; a command that does not say is assumed
// to have changed the structure.
func ChangeOf(c Command) Change {
	if ch, ok := c.(Changer); ok {
		return ch.Changed()
	}
	return Change{Structure: true}
}
