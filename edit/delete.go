package edit

import (
	"fmt"
	"slices"

	"lanemap/model"
)

// Delete removes elements as one step: nodes with their DI, attached flows,
// boundary events and sub-process content; flows; lanes (their content
// moves to the neighbour, as DeleteLane with MoveContentToNeighbour); pools
// with their process, lanes, content and message flows. References to what
// goes (lane membership, default flows) are cleared.
func (s *Session) Delete(ids []string) error {
	if len(ids) == 0 {
		return ErrNoChange
	}
	for _, id := range ids {
		switch s.Doc.Element(id).(type) {
		case *model.Node, *model.Flow, *model.Lane, *model.Participant:
		case nil:
			return errNo("element", id)
		default:
			return fmt.Errorf("edit: %q cannot be deleted here", id)
		}
	}
	return s.runNamed(LabelKey{"delete", s.nameOf(ids...)}, "Delete", "", func(t *tx) error {
		var lanes []string
		nodes := map[string]bool{}
		var flows []string
		for _, id := range ids {
			switch e := s.Doc.Element(id).(type) {
			case *model.Node:
				nodes[id] = true
			case *model.Flow:
				flows = append(flows, id)
			case *model.Lane:
				lanes = append(lanes, id)
			case *model.Participant:
				if err := s.deletePool(t, e); err != nil {
					return err
				}
			}
		}
		for _, id := range lanes {
			if s.Doc.Lane(id) == nil {
				continue // went with its pool or parent
			}
			if err := s.deleteLane(t, id, MoveContentToNeighbour); err != nil {
				return err
			}
		}
		s.deleteFlows(t, flows)
		s.deleteNodes(t, nodes)
		return nil
	})
}

// deleteNodes removes the nodes in set (plus boundary events and
// sub-process content), their DI, their flows and every reference to them.
func (s *Session) deleteNodes(t *tx, set map[string]bool) {
	if len(set) == 0 {
		return
	}
	s.closure(set)
	s.orphans(set)
	var flows []string
	for _, f := range s.Doc.Flows {
		if set[f.Source] || set[f.Target] || set[f.Container] {
			flows = append(flows, f.ID)
		}
	}
	s.deleteFlows(t, flows)
	for _, l := range s.Doc.AllLanes() {
		if slices.ContainsFunc(l.NodeRefs, func(r string) bool { return set[r] }) {
			t.lane(l).NodeRefs = slices.DeleteFunc(slices.Clone(l.NodeRefs), func(r string) bool { return set[r] })
		}
	}
	t.removeNodes(func(n *model.Node) bool { return set[n.ID] })
	t.removeShapes(func(sh *model.Shape) bool { return set[sh.Element] })
	t.dropPlanes(func(id string) bool { return set[id] })
}

// orphans adds to set the data objects whose last reference is in set,
// and the references of data objects in set (they would show nothing).
func (s *Session) orphans(set map[string]bool) {
	d := s.Doc
	objs := map[string]bool{}
	gone := false
	for id := range set {
		if n := d.Node(id); n != nil && n.Kind == model.DataObjectReference && n.ItemRef != "" {
			if o := d.Node(n.ItemRef); o != nil && o.Kind == model.DataObject {
				objs[o.ID] = true
			}
		} else if n != nil && n.Kind == model.DataObject {
			gone = true
		}
	}
	if gone {
		for _, n := range d.Nodes {
			if n.Kind == model.DataObjectReference && set[n.ItemRef] {
				set[n.ID] = true
			}
		}
	}
	if len(objs) == 0 {
		return
	}
	for _, n := range d.Nodes {
		if n.Kind == model.DataObjectReference && !set[n.ID] {
			delete(objs, n.ItemRef)
		}
	}
	for id := range objs {
		set[id] = true
	}
}

// deleteFlows removes flows, their DI and the default-flow references to them.
func (s *Session) deleteFlows(t *tx, ids []string) {
	if len(ids) == 0 {
		return
	}
	set := map[string]bool{}
	for _, id := range ids {
		set[id] = true
	}
	for _, id := range ids {
		if f := s.Doc.Flow(id); f != nil {
			if n := s.Doc.Node(f.Source); n != nil && set[n.Default] {
				t.node(n).Default = ""
			}
		}
	}
	t.removeFlows(func(f *model.Flow) bool { return set[f.ID] })
	t.removeEdges(func(e *model.Edge) bool { return set[e.Element] })
}

// deletePool removes a pool, its process with everything in it, and the
// message flows that touch either.
func (s *Session) deletePool(t *tx, p *model.Participant) error {
	d := s.Doc
	set := map[string]bool{p.ID: true}
	var proc *model.Process
	if p.ProcessRef != "" {
		proc = d.Process(p.ProcessRef)
		// Another pool may show the same process: keep it then.
		shared := false
		for _, q := range d.Participants() {
			if q != p && q.ProcessRef == p.ProcessRef {
				shared = true
			}
		}
		if shared {
			proc = nil
		}
	}
	if proc != nil {
		set[proc.ID] = true
		s.closure(set)
	}
	var flows []string
	for _, f := range d.Flows {
		if set[f.Source] || set[f.Target] || set[f.Container] {
			flows = append(flows, f.ID)
		}
	}
	s.deleteFlows(t, flows)
	delete(set, p.ID)
	if proc != nil {
		delete(set, proc.ID)
		for _, l := range allLanes(proc.Lanes) {
			set[l.ID] = true
		}
		t.removeNodes(func(n *model.Node) bool { return set[n.ID] })
		set[proc.ID] = true
		t.top()
		d.Processes = slices.DeleteFunc(slices.Clone(d.Processes), func(x *model.Process) bool { return x == proc })
	}
	set[p.ID] = true
	t.removeShapes(func(sh *model.Shape) bool { return set[sh.Element] })
	t.dropPlanes(func(id string) bool { return set[id] })
	for _, c := range d.Collaborations {
		if slices.Contains(c.Participants, p) {
			t.collaboration(c).Participants = slices.DeleteFunc(slices.Clone(c.Participants), func(x *model.Participant) bool { return x == p })
		}
	}
	d.Touch()
	return nil
}
