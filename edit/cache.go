package edit

import "lanemap/model"

// graph caches who is inside, attached to and connected to whom, so that a
// move costs in proportion to what moves, not to the diagram. It is rebuilt
// lazily after any change of the node or flow lists or of a node's
// container, host or a flow's ends (bump), and when the lists' lengths
// show a change made behind the session's back.
type graph struct {
	gen, built int
	nNodes     int
	nFlows     int
	inside     map[string][]*model.Node // container id → nodes directly in it
	attached   map[string][]*model.Node // activity id → boundary events
	touching   map[string][]*model.Flow // node or pool id → flows with that end
	subs       []*model.Node            // sub-processes, for landing tests
	lanesOf    map[string][]*model.Lane // node id → lanes whose flowNodeRef lists it
	messages   []*model.Flow            // message flows: long lines across pools the router keeps off
}

// bump marks the cached graph stale.
func (s *Session) bump() { s.g.gen++ }

func (s *Session) graph() *graph {
	g := &s.g
	d := s.Doc
	if g.inside != nil && g.built == g.gen && g.nNodes == len(d.Nodes) && g.nFlows == len(d.Flows) {
		return g
	}
	g.inside = make(map[string][]*model.Node)
	g.attached = make(map[string][]*model.Node)
	g.touching = make(map[string][]*model.Flow, len(d.Nodes))
	g.subs = g.subs[:0]
	for _, n := range d.Nodes {
		g.inside[n.Container] = append(g.inside[n.Container], n)
		if n.AttachedTo != "" {
			g.attached[n.AttachedTo] = append(g.attached[n.AttachedTo], n)
		}
		if n.Kind.IsSubProcess() {
			g.subs = append(g.subs, n)
		}
	}
	g.messages = g.messages[:0]
	for _, f := range d.Flows {
		if f.Kind == model.MessageFlow {
			g.messages = append(g.messages, f)
		}
		g.touching[f.Source] = append(g.touching[f.Source], f)
		if f.Target != f.Source {
			g.touching[f.Target] = append(g.touching[f.Target], f)
		}
	}
	g.lanesOf = make(map[string][]*model.Lane, len(d.Nodes))
	for _, l := range d.AllLanes() {
		for _, r := range l.NodeRefs {
			g.lanesOf[r] = append(g.lanesOf[r], l)
		}
	}
	g.built, g.nNodes, g.nFlows = g.gen, len(d.Nodes), len(d.Flows)
	return g
}

// appendedNode takes note of a node appended to d.Nodes.
func (g *graph) appendedNode(d *model.Definitions, n *model.Node) {
	if g.inside == nil || g.built != g.gen || g.nNodes != len(d.Nodes)-1 || g.nFlows != len(d.Flows) {
		g.gen++
		return
	}
	g.inside[n.Container] = append(g.inside[n.Container], n)
	if n.AttachedTo != "" {
		g.attached[n.AttachedTo] = append(g.attached[n.AttachedTo], n)
	}
	if n.Kind.IsSubProcess() {
		g.subs = append(g.subs, n)
	}
	g.nNodes++
}

// appendedFlow takes note of a flow appended to d.Flows.
func (g *graph) appendedFlow(d *model.Definitions, f *model.Flow) {
	if g.inside == nil || g.built != g.gen || g.nFlows != len(d.Flows)-1 || g.nNodes != len(d.Nodes) {
		g.gen++
		return
	}
	g.touching[f.Source] = append(g.touching[f.Source], f)
	if f.Target != f.Source {
		g.touching[f.Target] = append(g.touching[f.Target], f)
	}
	if f.Kind == model.MessageFlow {
		g.messages = append(g.messages, f)
	}
	g.nFlows++
}

// flowsAt lists the flows with an end in set, each once, in document-stable
// order per end.
func (s *Session) flowsAt(set map[string]bool) []*model.Flow {
	g := s.graph()
	seen := map[*model.Flow]bool{}
	var out []*model.Flow
	for id := range set {
		for _, f := range g.touching[id] {
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	return out
}
