package edit

import (
	"fmt"
	"math"
	"slices"

	"lanemap/model"
)

// BorderPoint is the point of r's border nearest to p: where a boundary
// event dropped at p sits.
func BorderPoint(r model.Rect, p model.Point) model.Point { return onBorder(r, p) }

// CanAttach reports whether node id (an intermediate or boundary event)
// may sit on the border of activity host, by model.CanDrop and the
// triggers a boundary event may have.
func (s *Session) CanAttach(id, host string) bool {
	n := s.Doc.Node(id)
	if n == nil || id == host {
		return false
	}
	return s.CanAttachSpec(Spec{Kind: n.Kind, EventDefs: n.EventDefs}, host)
}

// CanAttachSpec is CanAttach for a node not made yet (a create tool).
func (s *Session) CanAttachSpec(sp Spec, host string) bool {
	if !intermediate(sp.Kind) && sp.Kind != model.BoundaryEvent {
		return false
	}
	h := s.Doc.Node(host)
	if h == nil || s.Shape(host) == nil || !model.CanDrop(s.Doc, model.BoundaryEvent, host) {
		return false
	}
	return defsAllowed(model.BoundaryEvent, sp.EventDefs, h) == nil
}

// AttachBoundary makes event id a boundary event of activity host, centred
// on the point of host's border nearest to at, as one step. An
// intermediate event turns into an interrupting boundary event; a boundary
// event of another activity changes host (one of host's own slides along
// the border). Nothing may flow into a boundary event, so incoming
// sequence flows are deleted; flows the new place forbids change kind or
// go, as in MoveNodes.
func (s *Session) AttachBoundary(id, host string, at model.Point) error {
	n, sh, err := s.nodeOf(id)
	if err != nil {
		return err
	}
	h, hs, err := s.nodeOf(host)
	if err != nil {
		return err
	}
	if !intermediate(n.Kind) && n.Kind != model.BoundaryEvent {
		return fmt.Errorf("edit: a %s cannot become a boundary event (only intermediate events can)", n.Kind)
	}
	if !model.CanDrop(s.Doc, model.BoundaryEvent, host) {
		return fmt.Errorf("edit: a boundary event cannot be attached to %s %q", h.Kind, host)
	}
	if err := defsAllowed(model.BoundaryEvent, n.EventDefs, h); err != nil {
		return err
	}
	if math.IsNaN(at.X+at.Y) || math.IsInf(at.X+at.Y, 0) {
		return fmt.Errorf("edit: %q cannot be attached at %v", id, at)
	}
	c := onBorder(hs.Bounds, at)
	old := sh.Bounds.Center()
	if n.AttachedTo == host && c == old {
		return ErrNoChange
	}
	return s.runNamed(LabelKey{"attach", s.nameOf(id)}, "Attach boundary event", "", func(t *tx) error {
		if n.Kind != model.BoundaryEvent {
			t.node(n).Kind = model.BoundaryEvent
			n.CancelActivity = true
		}
		if n.AttachedTo != host || n.Container != h.Container {
			t.node(n).AttachedTo = host
			n.Container = h.Container
			t.structural()
			s.bump()
		}
		moveShape(t, sh, c.X-old.X, c.Y-old.Y)
		var lanes []*model.Lane
		if p := s.Doc.ProcessOf(host); p != nil && h.Container == p.ID {
			lanes = s.lanesAt(p, c)
		}
		s.setLanes(t, id, lanes)
		return s.settleFlows(t, id)
	})
}

// DetachBoundary takes boundary event id off its activity and makes it an
// ordinary intermediate catch event centred on at, in whatever lane, pool
// or sub-process lies there, as one step. Triggers an intermediate catch
// event cannot have (error, escalation, cancel, compensation) are dropped;
// its outgoing flows stay.
func (s *Session) DetachBoundary(id string, at model.Point) error {
	n, sh, err := s.nodeOf(id)
	if err != nil {
		return err
	}
	if n.Kind != model.BoundaryEvent {
		return fmt.Errorf("edit: %s %q is not a boundary event", n.Kind, id)
	}
	if math.IsNaN(at.X+at.Y) || math.IsInf(at.X+at.Y, 0) {
		return fmt.Errorf("edit: %q cannot be placed at %v", id, at)
	}
	pl, ok := s.landing(at, map[string]bool{id: true})
	if !ok {
		return fmt.Errorf("edit: an intermediate event cannot be placed outside a pool")
	}
	if !model.CanDrop(s.Doc, model.IntermediateCatchEvent, pl.container) {
		return fmt.Errorf("edit: an intermediate event cannot be placed in %q", pl.container)
	}
	var defs []string
	for _, d := range n.EventDefs {
		if slices.Contains(eventDefsOf(model.IntermediateCatchEvent), d) {
			defs = append(defs, d)
		}
	}
	return s.runNamed(LabelKey{"detach", s.nameOf(id)}, "Detach boundary event", "", func(t *tx) error {
		t.node(n)
		n.Kind = model.IntermediateCatchEvent
		n.AttachedTo, n.CancelActivity = "", false
		n.EventDefs = defs
		n.Container = pl.container
		t.structural()
		s.bump()
		old := sh.Bounds.Center()
		moveShape(t, sh, at.X-old.X, at.Y-old.Y)
		lanes := pl.lanes
		if pl.proc == nil || pl.container != pl.proc.ID {
			lanes = nil // inside a sub-process: no lane lists it
		}
		s.setLanes(t, id, lanes)
		if err := s.settleFlows(t, id); err != nil {
			return err
		}
		s.fit(t, n, sh.Bounds)
		return nil
	})
}

// settleFlows re-checks and re-routes the flows of a node that changed
// kind, host or place: what is no longer allowed changes kind or goes.
func (s *Session) settleFlows(t *tx, id string) error {
	ids := map[string]bool{}
	for _, f := range s.flowsAt(map[string]bool{id: true}) {
		ids[f.ID] = true
	}
	if err := s.fixFlows(t, ids); err != nil {
		return err
	}
	s.rerouteAttached(t, map[string]bool{id: true})
	return nil
}
