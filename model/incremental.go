package model

// Incremental index upkeep for editors. Touch drops the whole id index, and
// the next lookup rebuilds it in time proportional to the document; an
// editor that appends one element or moves one node between lanes can
// instead tell the cached index what changed. Each method does nothing
// when no index is cached (the next lookup builds a fresh one anyway).

// NodeAdded records in the cached index a node just appended to d.Nodes.
func (d *Definitions) NodeAdded(n *Node) {
	if d.idx == nil || n == nil {
		return
	}
	if _, dup := d.idx.nodes[n.ID]; !dup {
		d.idx.nodes[n.ID] = n
	}
}

// FlowAdded records in the cached index a flow just appended to d.Flows.
func (d *Definitions) FlowAdded(f *Flow) {
	if d.idx == nil || f == nil {
		return
	}
	if _, dup := d.idx.flows[f.ID]; !dup {
		d.idx.flows[f.ID] = f
	}
}

// NodeLanesChanged records that the flowNodeRef lists naming node id
// changed; innermost is the innermost lane that now lists it (nil: none).
// Only lane membership may have changed, not the lane tree itself.
func (d *Definitions) NodeLanesChanged(id string, innermost *Lane) {
	if d.idx == nil {
		return
	}
	if innermost == nil {
		delete(d.idx.nodeLane, id)
		return
	}
	d.idx.nodeLane[id] = innermost
}
