package edit

import (
	"fmt"
	"math"
	"slices"

	"lanemap/model"
)

// SetDefault makes flowID the default flow of a gateway or activity ("" to
// clear it); the flow must leave that node as a sequence flow.
func (s *Session) SetDefault(nodeID, flowID string) error {
	n := s.Doc.Node(nodeID)
	if n == nil {
		return errNo("node", nodeID)
	}
	if !(n.Kind.IsActivity() || n.Kind == model.ExclusiveGateway || n.Kind == model.InclusiveGateway || n.Kind == model.ComplexGateway) {
		return fmt.Errorf("edit: a %s has no default flow", n.Kind)
	}
	if flowID != "" {
		f := s.Doc.Flow(flowID)
		if f == nil {
			return errNo("flow", flowID)
		}
		if f.Source != nodeID || f.Kind != model.SequenceFlow {
			return fmt.Errorf("edit: %q is not a sequence flow out of %q", flowID, nodeID)
		}
	}
	if n.Default == flowID {
		return ErrNoChange
	}
	return s.run("Set default flow", "", func(t *tx) error {
		t.node(n).Default = flowID
		return nil
	})
}

// SetCondition sets the condition text of a sequence flow. Consecutive
// edits of one flow merge into one undo step.
func (s *Session) SetCondition(flowID, expr string) error {
	f := s.Doc.Flow(flowID)
	if f == nil {
		return errNo("flow", flowID)
	}
	if f.Kind != model.SequenceFlow {
		return fmt.Errorf("edit: a %s has no condition", f.Kind)
	}
	return s.run("Edit condition", "cond:"+flowID, func(t *tx) error {
		t.flow(f).Condition = expr
		return nil
	})
}

// SetEventDefinitions sets the triggers of an event (model.MessageDef,
// model.TimerDef, …; none for a plain event, several for a multiple one).
// It fails when a connected message flow would no longer be allowed.
func (s *Session) SetEventDefinitions(id string, defs []string) error {
	n := s.Doc.Node(id)
	if n == nil {
		return errNo("node", id)
	}
	if !n.Kind.IsEvent() {
		return fmt.Errorf("edit: a %s has no event definitions", n.Kind)
	}
	return s.run("Change event type", "", func(t *tx) error {
		t.node(n).EventDefs = slices.Clone(defs)
		for _, f := range s.graph().touching[id] {
			if k, ok := model.CanConnect(s.Doc, f.Source, f.Target); !ok || k != f.Kind {
				return fmt.Errorf("edit: that event type cannot keep %s %q", f.Kind, f.ID)
			}
		}
		return nil
	})
}

// SetWaypoints replaces the route of a flow, as after dragging a bend.
func (s *Session) SetWaypoints(flowID string, pts []model.Point) error {
	if s.Doc.Flow(flowID) == nil {
		return errNo("flow", flowID)
	}
	e := s.Edge(flowID)
	if e == nil {
		return fmt.Errorf("edit: flow %q has no edge in diagram %q", flowID, s.Diagram.ID)
	}
	if len(pts) < 2 {
		return fmt.Errorf("edit: a route needs two points, got %d", len(pts))
	}
	for _, p := range pts {
		if math.IsNaN(p.X+p.Y) || math.IsInf(p.X+p.Y, 0) {
			return fmt.Errorf("edit: route point %v is not a number", p)
		}
	}
	return s.run("Edit route", "", func(t *tx) error {
		t.edge(e).Waypoints = slices.Clone(pts)
		return nil
	})
}

// MoveLabel moves the external label (BPMNLabel bounds) of a shape or edge
// by (dx, dy); an element without label bounds is refused.
func (s *Session) MoveLabel(id string, dx, dy float64) error {
	if dx == 0 && dy == 0 {
		return ErrNoChange
	}
	if sh := s.Shape(id); sh != nil {
		if sh.Label == nil {
			return fmt.Errorf("edit: %q has no external label", id)
		}
		return s.run("Move label", "", func(t *tx) error {
			l := sh.Label.Translate(dx, dy)
			t.shape(sh).Label = &l
			return nil
		})
	}
	if e := s.Edge(id); e != nil {
		if e.Label == nil {
			return fmt.Errorf("edit: %q has no external label", id)
		}
		return s.run("Move label", "", func(t *tx) error {
			l := e.Label.Translate(dx, dy)
			t.edge(e).Label = &l
			return nil
		})
	}
	return errNo("shape or edge", id)
}

// SetColors paints shapes and edges (BPMN in Color); empty strings restore
// the default.
func (s *Session) SetColors(ids []string, c model.Colors) error {
	for _, id := range ids {
		if s.Shape(id) == nil && s.Edge(id) == nil {
			return errNo("shape or edge", id)
		}
	}
	if len(ids) == 0 {
		return ErrNoChange
	}
	return s.run("Colour", "", func(t *tx) error {
		for _, id := range ids {
			if sh := s.Shape(id); sh != nil {
				t.shape(sh).Style = c
			}
			if e := s.Edge(id); e != nil {
				t.edge(e).Style = c
			}
		}
		return nil
	})
}
