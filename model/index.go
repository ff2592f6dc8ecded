package model

// index maps ids to elements. It is built on first use and dropped by Touch,
// which every structural change must call (the mutators in this package do).
type index struct {
	nodes        map[string]*Node
	flows        map[string]*Flow
	lanes        map[string]*Lane
	laneProcess  map[string]*Process
	laneParent   map[string]*Lane
	nodeLane     map[string]*Lane // innermost lane listing the node
	participants map[string]*Participant
	processes    map[string]*Process
	poolOf       map[string]*Participant // process id → pool
}

// Touch drops cached lookups; call it after changing ids or any slice of d.
func (d *Definitions) Touch() { d.idx = nil }

func (d *Definitions) index() *index {
	if d.idx != nil {
		return d.idx
	}
	x := &index{
		nodes:        make(map[string]*Node, len(d.Nodes)),
		flows:        make(map[string]*Flow, len(d.Flows)),
		lanes:        map[string]*Lane{},
		laneProcess:  map[string]*Process{},
		laneParent:   map[string]*Lane{},
		nodeLane:     make(map[string]*Lane, len(d.Nodes)),
		participants: map[string]*Participant{},
		processes:    map[string]*Process{},
		poolOf:       map[string]*Participant{},
	}
	for _, n := range d.Nodes {
		if _, dup := x.nodes[n.ID]; !dup {
			x.nodes[n.ID] = n
		}
	}
	for _, f := range d.Flows {
		if _, dup := x.flows[f.ID]; !dup {
			x.flows[f.ID] = f
		}
	}
	for _, c := range d.Collaborations {
		for _, p := range c.Participants {
			x.participants[p.ID] = p
		}
	}
	for _, p := range d.Processes {
		x.processes[p.ID] = p
		var walk func(parent *Lane, ls []*Lane)
		walk = func(parent *Lane, ls []*Lane) {
			for _, l := range ls {
				x.lanes[l.ID] = l
				x.laneProcess[l.ID] = p
				if parent != nil {
					x.laneParent[l.ID] = parent
				}
				// Children are visited after the parent, so the innermost
				// lane that lists a node wins.
				for _, ref := range l.NodeRefs {
					x.nodeLane[ref] = l
				}
				walk(l, l.Children)
			}
		}
		walk(nil, p.Lanes)
	}
	for _, c := range d.Collaborations {
		for _, p := range c.Participants {
			if p.ProcessRef != "" {
				if _, seen := x.poolOf[p.ProcessRef]; !seen {
					x.poolOf[p.ProcessRef] = p
				}
			}
		}
	}
	d.idx = x
	return x
}

// Node returns the node with this id, or nil.
func (d *Definitions) Node(id string) *Node { return d.index().nodes[id] }

// Flow returns the connecting object with this id, or nil.
func (d *Definitions) Flow(id string) *Flow { return d.index().flows[id] }

// Lane returns the lane with this id, or nil.
func (d *Definitions) Lane(id string) *Lane { return d.index().lanes[id] }

// Participant returns the pool with this id, or nil.
func (d *Definitions) Participant(id string) *Participant { return d.index().participants[id] }

// Process returns the process with this id, or nil.
func (d *Definitions) Process(id string) *Process { return d.index().processes[id] }

// LaneProcess returns the process whose lane tree holds the lane.
func (d *Definitions) LaneProcess(laneID string) *Process { return d.index().laneProcess[laneID] }

// LaneParent returns the lane that directly contains the lane, or nil for a top lane.
func (d *Definitions) LaneParent(laneID string) *Lane { return d.index().laneParent[laneID] }

// LaneOf returns the innermost lane that lists the node, or nil.
func (d *Definitions) LaneOf(nodeID string) *Lane { return d.index().nodeLane[nodeID] }

// PoolOf returns the pool that shows the process, or nil.
func (d *Definitions) PoolOf(processID string) *Participant { return d.index().poolOf[processID] }

// ProcessOf returns the process a node or flow belongs to, following
// sub-process containers upwards; nil for collaboration-level elements.
func (d *Definitions) ProcessOf(id string) *Process {
	x := d.index()
	for range 64 { // bounded: a container cycle in a broken file must not hang
		if p := x.processes[id]; p != nil {
			return p
		}
		if n := x.nodes[id]; n != nil {
			id = n.Container
			continue
		}
		if f := x.flows[id]; f != nil {
			id = f.Container
			continue
		}
		return nil
	}
	return nil
}

// Element returns whatever carries this id: *Node, *Flow, *Lane,
// *Participant, *Process or *Collaboration; nil when nothing does.
func (d *Definitions) Element(id string) any {
	x := d.index()
	if n := x.nodes[id]; n != nil {
		return n
	}
	if f := x.flows[id]; f != nil {
		return f
	}
	if l := x.lanes[id]; l != nil {
		return l
	}
	if p := x.participants[id]; p != nil {
		return p
	}
	if p := x.processes[id]; p != nil {
		return p
	}
	for _, c := range d.Collaborations {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// AllLanes lists every lane of every process, parents before children.
func (d *Definitions) AllLanes() []*Lane {
	var out []*Lane
	var walk func([]*Lane)
	walk = func(ls []*Lane) {
		for _, l := range ls {
			out = append(out, l)
			walk(l.Children)
		}
	}
	for _, p := range d.Processes {
		walk(p.Lanes)
	}
	return out
}

// Participants lists every pool of every collaboration.
func (d *Definitions) Participants() []*Participant {
	var out []*Participant
	for _, c := range d.Collaborations {
		out = append(out, c.Participants...)
	}
	return out
}

// Shape returns the diagram's shape for the element, or nil.
func (g *Diagram) Shape(elementID string) *Shape {
	for _, s := range g.Shapes {
		if s.Element == elementID {
			return s
		}
	}
	return nil
}

// Edge returns the diagram's edge for the element, or nil.
func (g *Diagram) Edge(elementID string) *Edge {
	for _, e := range g.Edges {
		if e.Element == elementID {
			return e
		}
	}
	return nil
}

// ShapeIndex maps element ids to shapes, for callers that look up many.
func (g *Diagram) ShapeIndex() map[string]*Shape {
	m := make(map[string]*Shape, len(g.Shapes))
	for _, s := range g.Shapes {
		if _, dup := m[s.Element]; !dup {
			m[s.Element] = s
		}
	}
	return m
}
