package edit_test

import (
	"fmt"

	"lanemap/edit"
	"lanemap/model"
)

// A workshop leader types steps; each line is one undoable step, lanes
// appear for new roles, and handovers between roles are sequence flows
// that cross lanes.
func ExampleSession_QuickAdd() {
	s := edit.NewSession(nil, nil)
	if _, err := s.AddPool("Socialtjänsten", model.Point{X: 400, Y: 200}); err != nil {
		panic(err)
	}
	steps := []string{
		"Mottagning: Ta emot ansökan",
		"Handläggare: Utreda ansökan",
		"Beviljas?",
		"Enhetschef: Fatta beslut",
	}
	last := ""
	for _, text := range steps {
		id, err := s.QuickAdd(last, text)
		if err != nil {
			panic(err)
		}
		last = id
	}
	for _, l := range s.Doc.AllLanes() {
		fmt.Println("lane:", l.Name)
	}
	for _, h := range s.Doc.Handovers() {
		fmt.Printf("handover: %s → %s\n", h.FromLane.Name, h.ToLane.Name)
	}
	fmt.Println("steps to undo:", s.Stack.Len(), "dirty:", s.Stack.Dirty())
	s.Undo()
	fmt.Println("after undo:", s.Stack.UndoLabel())
	// Output:
	// lane: Mottagning
	// lane: Handläggare
	// lane: Enhetschef
	// handover: Mottagning → Handläggare
	// handover: Handläggare → Enhetschef
	// steps to undo: 5 dirty: true
	// after undo: Add Beviljas?
}
