package edit

import (
	"fmt"
	"slices"

	"lanemap/model"
)

// Spec is a new node's type beyond its kind: an event's triggers and
// whether a sub-process is drawn collapsed. The zero Spec of a kind is
// what AddNode makes.
type Spec struct {
	Kind model.Kind
	// EventDefs are an event's triggers (model.TimerDef, …); none for a
	// plain event.
	EventDefs []string
	// Collapsed draws a sub-process as a task-sized box with the "+"
	// marker (IsExpanded false) instead of an open frame.
	Collapsed bool
}

// AddTyped adds a node as AddNode does, already of its full type, in one
// step: one undo removes the timer event or collapsed sub-process whole
// and redo brings it back whole. An intermediate event (catch or throw)
// whose container is an activity becomes that activity's boundary event,
// on the border nearest at, interrupting.
func (s *Session) AddTyped(sp Spec, container string, at model.Point) (string, error) {
	k := sp.Kind
	if sp.Collapsed && !k.IsSubProcess() {
		return "", fmt.Errorf("edit: only a sub-process can be collapsed, not a %s", what(k))
	}
	if len(sp.EventDefs) > 0 && !k.IsEvent() {
		return "", fmt.Errorf("edit: a %s has no event definitions", what(k))
	}
	if intermediate(k) {
		if h := s.Doc.Node(container); h != nil && h.Kind.IsActivity() {
			k = model.BoundaryEvent
		}
	}
	var host *model.Node
	if k == model.BoundaryEvent {
		host = s.Doc.Node(container)
	}
	if err := defsAllowed(k, sp.EventDefs, host); err != nil {
		return "", err
	}
	base := k
	if sp.Collapsed {
		base = model.Task // placed at a task's size, then turned
	}
	var id string
	err := s.runNamed(LabelKey{"addNode", string(k)}, "Add "+what(k), "", func(t *tx) error {
		var err error
		id, err = s.addNode(t, base, container, at)
		if err != nil {
			return err
		}
		n := s.Doc.Node(id)
		if len(sp.EventDefs) > 0 {
			t.node(n).EventDefs = slices.Clone(sp.EventDefs)
		}
		if sp.Collapsed {
			t.node(n).Kind = k
			t.shape(s.Shape(id)).IsExpanded = model.Bool(false)
			t.structural()
			s.bump() // the cache lists sub-processes
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// intermediate reports the events that may become boundary events.
func intermediate(k model.Kind) bool {
	return k == model.IntermediateCatchEvent || k == model.IntermediateThrowEvent
}

// eventDefsOf lists the triggers BPMN 2.0 allows on an event of kind k
// (spec tables 10.84–10.93; start events of event sub-processes take
// more, which edit does not police).
func eventDefsOf(k model.Kind) []string {
	switch k {
	case model.StartEvent:
		return []string{model.MessageDef, model.TimerDef, model.ConditionalDef, model.SignalDef,
			model.ErrorDef, model.EscalationDef, model.CompensationDef}
	case model.IntermediateCatchEvent:
		return []string{model.MessageDef, model.TimerDef, model.ConditionalDef, model.LinkDef, model.SignalDef}
	case model.IntermediateThrowEvent:
		return []string{model.MessageDef, model.EscalationDef, model.LinkDef, model.CompensationDef, model.SignalDef}
	case model.EndEvent:
		return []string{model.MessageDef, model.ErrorDef, model.EscalationDef, model.CancelDef,
			model.CompensationDef, model.SignalDef, model.TerminateDef}
	case model.BoundaryEvent:
		return []string{model.MessageDef, model.TimerDef, model.ConditionalDef, model.SignalDef,
			model.ErrorDef, model.EscalationDef, model.CancelDef, model.CompensationDef}
	}
	return nil
}

// defsAllowed checks triggers for an event of kind k; host is a boundary
// event's activity (a cancel trigger needs a transaction).
func defsAllowed(k model.Kind, defs []string, host *model.Node) error {
	ok := eventDefsOf(k)
	for _, d := range defs {
		if !slices.Contains(ok, d) {
			return fmt.Errorf("edit: a %s cannot have a %s trigger", what(k), d)
		}
		if d == model.CancelDef && k == model.BoundaryEvent && (host == nil || host.Kind != model.Transaction) {
			return fmt.Errorf("edit: a cancel boundary event belongs on a transaction only")
		}
	}
	return nil
}
