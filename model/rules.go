package model

// CanConnect reports which connecting object may join src to tgt, following
// BPMN 2.0 and the rules bpmn-js enforces: a sequence flow inside one
// process and one (sub-)process level, never out of an end event, into a
// start or boundary event, or across pools; a message flow only between
// different pools; an association to or from a text annotation; a data
// association between a data object or store and an activity or event.
// src and tgt are node ids, or pool ids for message flows.
func CanConnect(d *Definitions, src, tgt string) (Kind, bool) {
	if d == nil || src == "" || tgt == "" || src == tgt {
		return "", false
	}
	sn, tn := d.Node(src), d.Node(tgt)
	sp, tp := d.Participant(src), d.Participant(tgt)
	if (sn == nil && sp == nil) || (tn == nil && tp == nil) {
		return "", false
	}
	// Pools only ever exchange messages.
	if sp != nil || tp != nil {
		if d.poolOfEnd(src) == d.poolOfEnd(tgt) {
			return "", false
		}
		if (sn != nil && !messageSource(sn)) || (tn != nil && !messageTarget(tn)) {
			return "", false
		}
		return MessageFlow, true
	}
	switch {
	case sn.Kind == Group || tn.Kind == Group:
		return "", false
	case sn.Kind == TextAnnotation && tn.Kind == TextAnnotation:
		return "", false
	case sn.Kind == TextAnnotation || tn.Kind == TextAnnotation:
		return Association, true
	case sn.Kind.IsData() && tn.Kind.IsData():
		return "", false
	case sn.Kind.IsData():
		if dataRef(sn.Kind) && (tn.Kind.IsActivity() || throwEvent(tn.Kind)) && d.sameProcessData(sn, tn) {
			return DataInputAssociation, true
		}
		return "", false
	case tn.Kind.IsData():
		if dataRef(tn.Kind) && (sn.Kind.IsActivity() || catchEvent(sn.Kind)) && d.sameProcessData(tn, sn) {
			return DataOutputAssociation, true
		}
		return "", false
	case !sn.Kind.IsFlowNode() || !tn.Kind.IsFlowNode():
		return "", false
	}
	if d.poolOfEnd(src) != d.poolOfEnd(tgt) || d.ProcessOf(src) != d.ProcessOf(tgt) {
		if messageSource(sn) && messageTarget(tn) {
			return MessageFlow, true
		}
		return "", false
	}
	if sequenceOK(d, sn, tn) {
		return SequenceFlow, true
	}
	return "", false
}

// poolOfEnd is the pool an endpoint sits in: itself for a pool, else the
// pool of its process; nil outside any pool.
func (d *Definitions) poolOfEnd(id string) *Participant {
	if p := d.Participant(id); p != nil {
		return p
	}
	if pr := d.ProcessOf(id); pr != nil {
		return d.PoolOf(pr.ID)
	}
	return nil
}

// sameProcessData: data is read and written inside its own process; only a
// data store outside every pool serves any process.
func (d *Definitions) sameProcessData(data, node *Node) bool {
	dp := d.ProcessOf(data.ID)
	if dp == nil {
		return data.Kind == DataStoreReference
	}
	return dp == d.ProcessOf(node.ID)
}

func sequenceOK(d *Definitions, s, t *Node) bool {
	if s.Kind == EndEvent || t.Kind == StartEvent || t.Kind == BoundaryEvent {
		return false
	}
	// A sequence flow never crosses a sub-process border; a boundary event
	// lives beside its host, at the host's level.
	if s.Container != t.Container {
		return false
	}
	// A compensation boundary event connects by association only.
	if s.Kind == BoundaryEvent && hasDef(s, CompensationDef) {
		return false
	}
	// An event-based gateway leads only to catching events and receive tasks.
	if s.Kind == EventBasedGateway {
		switch {
		case t.Kind == ReceiveTask:
		case t.Kind == IntermediateCatchEvent && len(t.EventDefs) == 1:
		default:
			return false
		}
	}
	if t.IsForCompensation {
		return false
	}
	return true
}

// messageSource: tasks, sub-processes and throwing message (or plain) events.
func messageSource(n *Node) bool {
	switch {
	case n.Kind.IsActivity():
		return true
	case n.Kind == EndEvent || n.Kind == IntermediateThrowEvent:
		return noneOrMessage(n)
	}
	return false
}

// messageTarget: activities (not for compensation) and catching message
// (or plain) events, boundary events included.
func messageTarget(n *Node) bool {
	switch {
	case n.Kind.IsActivity():
		return !n.IsForCompensation
	case n.Kind == StartEvent || n.Kind == IntermediateCatchEvent || n.Kind == BoundaryEvent:
		return noneOrMessage(n)
	}
	return false
}

func noneOrMessage(n *Node) bool { return len(n.EventDefs) == 0 || hasDef(n, MessageDef) }

func hasDef(n *Node, def string) bool {
	for _, e := range n.EventDefs {
		if e == def {
			return true
		}
	}
	return false
}

func dataRef(k Kind) bool {
	return k == DataObjectReference || k == DataStoreReference || k == DataObject || k == DataInput || k == DataOutput
}

func throwEvent(k Kind) bool { return k == EndEvent || k == IntermediateThrowEvent }

func catchEvent(k Kind) bool {
	return k == StartEvent || k == IntermediateCatchEvent || k == BoundaryEvent
}

// CanDrop reports whether a new or moved element of kind k may be placed in
// container: the id of a lane, pool, process, sub-process or collaboration
// ("" = the document top level). Boundary events drop on activities.
func CanDrop(d *Definitions, k Kind, container string) bool {
	if d == nil || k == "" || k.IsFlow() {
		return false
	}
	content := k.IsFlowNode() || k.IsData() || k.IsArtifact()
	if container == "" {
		return k == ParticipantKind || k == TextAnnotation || k == Group
	}
	switch e := d.Element(container).(type) {
	case *Lane:
		if k == LaneKind {
			return true
		}
		return content && k != BoundaryEvent
	case *Participant:
		if k == LaneKind {
			return !e.BlackBox()
		}
		if k == TextAnnotation || k == Group {
			return true
		}
		return content && k != BoundaryEvent && !e.BlackBox() && d.Process(e.ProcessRef) != nil
	case *Process:
		if k == LaneKind {
			return true
		}
		return content && k != BoundaryEvent
	case *Collaboration:
		return k == ParticipantKind || k == TextAnnotation || k == Group
	case *Node:
		switch {
		case e.Kind.IsSubProcess():
			if k == BoundaryEvent {
				return true
			}
			// Only an event sub-process starts with a typed start event;
			// a plain sub-process has a none start event.
			if k == StartEvent || k == LaneKind || k == ParticipantKind {
				return k == StartEvent
			}
			return content
		case e.Kind.IsActivity():
			return k == BoundaryEvent
		}
	}
	return false
}
