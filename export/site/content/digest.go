package content

import (
	"cmp"
	"slices"
	"strings"

	"lanemap/model"
)

// Digest is the text view of one process file.
type Digest struct {
	// Title is the file's name for people: the definitions' name, else the
	// first process's name, else the first pool's, else the fallback given
	// to Make.
	Title string
	// Pools holds one entry per process that has flow nodes, pools first in
	// collaboration order.
	Pools []*Pool
	// Steps lists every flow node in flow order (see readingOrder);
	// Steps[i].Number is i+1, and each lane lists its steps in this order.
	Steps []*Step
	// Handovers lists the sequence flows that pass work between lanes.
	Handovers []Handover
	// Roles lists the role names of the lanes that hold steps, in order of
	// first appearance.
	Roles []string
	// ProcessIDs are the ids of the file's processes: what call activities
	// in other files name in calledElement.
	ProcessIDs []string

	byID map[string]*Step
}

// Pool is one process (shown as a pool when it has one) with its lanes.
type Pool struct {
	ID   string // process id
	Name string
	// Documentation is the process's (or its pool's) documentation text.
	Documentation string
	Lanes         []*LaneSteps
}

// LaneSteps is one lane with the steps it holds. A lane with ID "" gathers
// the steps that sit in no lane.
type LaneSteps struct {
	ID   string
	Name string
	// Path names the enclosing lanes, outermost first, for nested lanes.
	Path  []string
	Role  string
	Steps []*Step
}

// Step is one flow node: activity, event or gateway.
type Step struct {
	Number        int
	ID            string
	Name          string
	Kind          model.Kind
	EventDefs     []string
	Documentation string
	Links         []model.Link
	// LaneID and Role say who does it ("" when the node is in no lane).
	LaneID string
	Role   string
	// Next lists the outgoing sequence flows in file order.
	Next []Edge
	// Prev lists the steps with a sequence flow into this one.
	Prev []*Step
	// CalledElement is a call activity's calledElement (a process id).
	CalledElement string
	// AttachedTo is the step a boundary event sits on.
	AttachedTo *Step
}

// Edge is an outgoing sequence flow of a step.
type Edge struct {
	Flow string
	// Label is the flow's name, else its condition text.
	Label string
	To    *Step
}

// Handover is a sequence flow that passes work from one lane to another.
type Handover struct {
	Flow     string
	Name     string // the flow's name ("" = none)
	From, To *Step
	FromRole string
	ToRole   string
	// Condition is the answer or condition the flow is taken on: its name
	// or condition text when it leaves a gateway, its condition text
	// otherwise ("" = taken unconditionally).
	Condition string
	// Objects names the data objects and stores handed over: those the
	// step before (After) writes and the target reads, else all that it
	// writes (data output associations), with their state in brackets.
	Objects []string
	// After is the step whose result is handed over: From, or, when From
	// is a gateway, the one step before the gateway(s); nil when several
	// steps lead to the gateway and none can be named.
	After *Step
}

// What is what the file says is handed over: the flow's name when the
// flow does not leave a gateway (there the name is an answer, see
// Condition), else the data objects handed over; "" when the file does
// not say, and the reader can only be told whose result it is (After).
func (h Handover) What() string {
	if h.Name != "" && !h.From.Kind.IsGateway() {
		return h.Name
	}
	return strings.Join(h.Objects, ", ")
}

// GatewayName is the decision a conditional handover answers: the name of
// the gateway it leaves ("" when it leaves none or the gateway is unnamed).
func (h Handover) GatewayName() string {
	if h.From.Kind.IsGateway() {
		return h.From.Name
	}
	return ""
}

// Step returns the step for a node id, or nil.
func (d *Digest) Step(id string) *Step { return d.byID[id] }

// Activities lists the steps that are activities (tasks, sub-processes,
// call activities), in reading order.
func (d *Digest) Activities() []*Step {
	var out []*Step
	for _, s := range d.Steps {
		if s.Kind.IsActivity() {
			out = append(out, s)
		}
	}
	return out
}

// Text is every name and documentation text of the digest joined, for
// full-text search.
func (d *Digest) Text() string {
	var b strings.Builder
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	add(d.Title)
	for _, p := range d.Pools {
		add(p.Name)
		add(p.Documentation)
		for _, l := range p.Lanes {
			add(l.Name)
		}
	}
	for _, s := range d.Steps {
		add(s.Name)
		add(s.Documentation)
		for _, e := range s.Next {
			add(e.Label)
		}
	}
	return b.String()
}

// Make digests d. fallbackTitle names the file when nothing in it does;
// g is the diagram whose positions break ties in reading order (may be nil).
func Make(d *model.Definitions, g *model.Diagram, fallbackTitle string) *Digest {
	dg := &Digest{byID: map[string]*Step{}}
	dg.Title = title(d, fallbackTitle)
	var pos map[string]*model.Shape
	if g != nil {
		pos = g.ShapeIndex()
	}

	// Steps, unordered for now.
	var nodes []*model.Node
	for _, n := range d.Nodes {
		if n.Kind.IsFlowNode() && dg.byID[n.ID] == nil {
			s := &Step{
				ID: n.ID, Name: strings.TrimSpace(n.Name), Kind: n.Kind,
				EventDefs: n.EventDefs, Documentation: strings.TrimSpace(n.Documentation),
				Links: n.Links, CalledElement: n.CalledElement,
			}
			if l := laneFor(d, n); l != nil {
				s.LaneID, s.Role = l.ID, strings.TrimSpace(l.RoleName())
			}
			dg.byID[n.ID] = s
			nodes = append(nodes, n)
		}
	}
	for _, n := range nodes {
		if n.AttachedTo != "" {
			dg.byID[n.ID].AttachedTo = dg.byID[n.AttachedTo]
		}
	}
	incoming := map[string]int{}
	for _, f := range d.Flows {
		if f.Kind != model.SequenceFlow {
			continue
		}
		from, to := dg.byID[f.Source], dg.byID[f.Target]
		if from == nil || to == nil {
			continue // dangling: the reader has already warned
		}
		label := strings.TrimSpace(f.Name)
		if label == "" {
			label = strings.TrimSpace(f.Condition)
		}
		from.Next = append(from.Next, Edge{Flow: f.ID, Label: label, To: to})
		to.Prev = append(to.Prev, from)
		incoming[to.ID]++
	}
	dg.Steps = readingOrder(nodes, dg.byID, incoming, pos)
	for i, s := range dg.Steps {
		s.Number = i + 1
	}

	dg.Pools = pools(d, dg)
	seen := map[string]bool{}
	for _, p := range dg.Pools {
		for _, l := range p.Lanes {
			if l.Role != "" && !seen[l.Role] && len(l.Steps) > 0 {
				seen[l.Role] = true
				dg.Roles = append(dg.Roles, l.Role)
			}
		}
	}
	for _, p := range d.Processes {
		dg.ProcessIDs = append(dg.ProcessIDs, p.ID)
	}
	data := dataFlows(d)
	for _, h := range d.Handovers() {
		from, to := dg.byID[h.Flow.Source], dg.byID[h.Flow.Target]
		if from == nil || to == nil {
			continue
		}
		ho := Handover{
			Flow: h.Flow.ID, Name: strings.TrimSpace(h.Flow.Name), From: from, To: to,
			FromRole: strings.TrimSpace(h.FromLane.RoleName()), ToRole: strings.TrimSpace(h.ToLane.RoleName()),
			Condition: strings.TrimSpace(h.Flow.Condition),
			After:     resultOf(from),
		}
		if from.Kind.IsGateway() && ho.Name != "" {
			ho.Condition = ho.Name
		}
		if ho.After != nil {
			ho.Objects = handed(data.out[ho.After.ID], data.in[to.ID])
		}
		dg.Handovers = append(dg.Handovers, ho)
	}
	return dg
}

// resultOf is the step whose result leaves from: from itself, or for a
// gateway the single step that leads to it (through further gateways).
func resultOf(from *Step) *Step {
	s := from
	for range 32 {
		if !s.Kind.IsGateway() {
			return s
		}
		if len(s.Prev) != 1 {
			return nil
		}
		s = s.Prev[0]
	}
	return nil
}

// dataIO lists per flow node the data it reads (in) and writes (out), as
// display names, in file order.
type dataIO struct{ in, out map[string][]string }

func dataFlows(d *model.Definitions) dataIO {
	io := dataIO{in: map[string][]string{}, out: map[string][]string{}}
	name := func(id string) string {
		n := d.Node(id)
		if n == nil || !n.Kind.IsData() {
			return ""
		}
		s := strings.TrimSpace(n.Name)
		if s == "" && n.ItemRef != "" {
			if obj := d.Node(n.ItemRef); obj != nil {
				s = strings.TrimSpace(obj.Name)
			}
		}
		if s != "" && strings.TrimSpace(n.DataState) != "" {
			s += " [" + strings.TrimSpace(n.DataState) + "]"
		}
		return s
	}
	for _, f := range d.Flows {
		switch f.Kind {
		case model.DataOutputAssociation:
			if s := name(f.Target); s != "" {
				io.out[f.Source] = append(io.out[f.Source], s)
			}
		case model.DataInputAssociation:
			if s := name(f.Source); s != "" {
				io.in[f.Target] = append(io.in[f.Target], s)
			}
		}
	}
	return io
}

// handed is what a step that writes out hands to one that reads in: what
// both name, else everything written; without repeats.
func handed(out, in []string) []string {
	var both []string
	for _, o := range out {
		if slices.Contains(in, o) && !slices.Contains(both, o) {
			both = append(both, o)
		}
	}
	if len(both) > 0 {
		return both
	}
	var all []string
	for _, o := range out {
		if !slices.Contains(all, o) {
			all = append(all, o)
		}
	}
	return all
}

func title(d *model.Definitions, fallback string) string {
	if s := strings.TrimSpace(d.Name); s != "" {
		return s
	}
	// The process says what is done; a pool often only says who does it.
	for _, part := range d.Participants() {
		if p := d.Process(part.ProcessRef); p != nil {
			if s := strings.TrimSpace(p.Name); s != "" {
				return s
			}
		}
	}
	for _, p := range d.Processes {
		if s := strings.TrimSpace(p.Name); s != "" {
			return s
		}
	}
	for _, p := range d.Participants() {
		if s := strings.TrimSpace(p.Name); s != "" {
			return s
		}
	}
	return fallback
}

// laneFor is the lane of a node, or of the sub-process that holds it.
func laneFor(d *model.Definitions, n *model.Node) *model.Lane {
	for range 64 { // bounded against container cycles in broken files
		if l := d.LaneOf(n.ID); l != nil {
			return l
		}
		if n.AttachedTo != "" {
			if host := d.Node(n.AttachedTo); host != nil && host != n {
				n = host
				continue
			}
		}
		c := d.Node(n.Container)
		if c == nil {
			return nil
		}
		n = c
	}
	return nil
}

// readingOrder numbers the steps in flow order: a topological order of
// the sequence flows (flows that close a loop are left out, so every step
// comes after the steps that lead to it), starting from the steps nothing
// flows into (start events first) and taking a whole connected flow before
// the next start. Steps that become ready together are taken left to
// right (then top to bottom); a boundary event reads right after the
// activity it sits on. So numbers increase along every forward flow, and
// any list of steps in this order (a lane's, a role's) counts upwards.
func readingOrder(nodes []*model.Node, byID map[string]*Step, incoming map[string]int, pos map[string]*model.Shape) []*Step {
	index := make(map[string]int, len(nodes))
	for i, n := range nodes {
		index[n.ID] = i
	}
	before := func(a, b *Step) int {
		if sa, sb := pos[a.ID], pos[b.ID]; sa != nil && sb != nil {
			if c := cmp.Compare(sa.Bounds.X, sb.Bounds.X); c != 0 {
				return c
			}
			if c := cmp.Compare(sa.Bounds.Y, sb.Bounds.Y); c != 0 {
				return c
			}
		}
		return cmp.Compare(index[a.ID], index[b.ID])
	}
	// Seeds in priority order: start events, then other steps without
	// incoming flows, then everything else; each group left to right.
	rank := func(n *model.Node) int {
		switch {
		case n.Kind == model.StartEvent:
			return 0
		case incoming[n.ID] == 0 && n.AttachedTo == "":
			return 1
		}
		return 2
	}
	seeds := make([]*Step, len(nodes))
	for i, n := range nodes {
		seeds[i] = byID[n.ID]
	}
	ranks := make(map[*Step]int, len(nodes))
	for _, n := range nodes {
		ranks[byID[n.ID]] = rank(n)
	}
	slices.SortStableFunc(seeds, func(a, b *Step) int {
		if c := cmp.Compare(ranks[a], ranks[b]); c != 0 {
			return c
		}
		return before(a, b)
	})
	// The graph: sequence flows, and host → boundary event.
	succ := map[*Step][]*Step{}
	for _, s := range seeds {
		if s.AttachedTo != nil {
			succ[s.AttachedTo] = append(succ[s.AttachedTo], s)
		}
	}
	for _, s := range seeds {
		for _, e := range s.Next {
			succ[s] = append(succ[s], e.To)
		}
	}
	back := backEdges(seeds, succ)
	indeg := map[*Step]int{}
	for from, tos := range succ {
		for i, to := range tos {
			if !back[edgeKey{from, i}] {
				indeg[to]++
			}
		}
	}
	out := make([]*Step, 0, len(nodes))
	done := map[*Step]bool{}
	for _, seed := range seeds {
		if done[seed] || indeg[seed] > 0 {
			continue
		}
		done[seed] = true
		queue := []*Step{seed}
		for len(queue) > 0 {
			s := queue[0]
			queue = queue[1:]
			out = append(out, s)
			var ready, bound []*Step
			for i, to := range succ[s] {
				if back[edgeKey{s, i}] || done[to] {
					continue
				}
				if indeg[to]--; indeg[to] == 0 {
					done[to] = true
					if to.AttachedTo == s {
						bound = append(bound, to)
					} else {
						ready = append(ready, to)
					}
				}
			}
			slices.SortStableFunc(bound, before)
			slices.SortStableFunc(ready, before)
			// Boundary events go to the front: read right after their host.
			queue = append(append(bound, queue...), ready...)
		}
	}
	// Without loops every step is placed; this only guards broken graphs.
	for _, s := range seeds {
		if !done[s] {
			done[s] = true
			out = append(out, s)
		}
	}
	return out
}

// edgeKey names the i-th successor edge of a step.
type edgeKey struct {
	from *Step
	i    int
}

// backEdges finds the edges that close loops: a depth-first walk from the
// seeds in order marks an edge into a step still on the walk's path.
// Iterative, so long chains cannot overflow the stack.
func backEdges(seeds []*Step, succ map[*Step][]*Step) map[edgeKey]bool {
	const (
		white = iota
		grey
		black
	)
	colour := map[*Step]int{}
	back := map[edgeKey]bool{}
	type frame struct {
		s *Step
		i int
	}
	for _, seed := range seeds {
		if colour[seed] != white {
			continue
		}
		colour[seed] = grey
		stack := []frame{{seed, 0}}
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.i == len(succ[top.s]) {
				colour[top.s] = black
				stack = stack[:len(stack)-1]
				continue
			}
			i := top.i
			to := succ[top.s][i]
			top.i++
			switch colour[to] {
			case grey:
				back[edgeKey{top.s, i}] = true
			case white:
				colour[to] = grey
				stack = append(stack, frame{to, 0})
			}
		}
	}
	return back
}

// pools groups the steps by process and lane, pools in collaboration order.
func pools(d *model.Definitions, dg *Digest) []*Pool {
	var procs []*model.Process
	seen := map[string]bool{}
	names := map[string]*model.Participant{}
	for _, part := range d.Participants() {
		if p := d.Process(part.ProcessRef); p != nil && !seen[p.ID] {
			seen[p.ID] = true
			procs = append(procs, p)
			names[p.ID] = part
		}
	}
	for _, p := range d.Processes {
		if !seen[p.ID] {
			seen[p.ID] = true
			procs = append(procs, p)
		}
	}
	byProc := map[string][]*Step{}
	for _, s := range dg.Steps {
		var pid string
		if p := d.ProcessOf(s.ID); p != nil {
			pid = p.ID
		}
		byProc[pid] = append(byProc[pid], s)
	}
	var out []*Pool
	add := func(p *Pool, steps []*Step, lanes []*model.Lane, parents func(string) []string) {
		laneOf := map[string]*LaneSteps{}
		for _, l := range lanes {
			ls := &LaneSteps{ID: l.ID, Name: strings.TrimSpace(l.Name), Role: strings.TrimSpace(l.RoleName()), Path: parents(l.ID)}
			laneOf[l.ID] = ls
			p.Lanes = append(p.Lanes, ls)
		}
		var none *LaneSteps
		for _, s := range steps {
			if ls := laneOf[s.LaneID]; ls != nil {
				ls.Steps = append(ls.Steps, s)
				continue
			}
			if none == nil {
				none = &LaneSteps{}
			}
			none.Steps = append(none.Steps, s)
		}
		if none != nil {
			p.Lanes = append(p.Lanes, none)
		}
		// Lanes that only hold other lanes say nothing in a step list.
		p.Lanes = slices.DeleteFunc(p.Lanes, func(l *LaneSteps) bool { return len(l.Steps) == 0 })
		if len(p.Lanes) > 0 {
			out = append(out, p)
		}
	}
	parents := func(id string) []string {
		var path []string
		for l := d.LaneParent(id); l != nil && len(path) < 64; l = d.LaneParent(l.ID) {
			path = append([]string{strings.TrimSpace(l.Name)}, path...)
		}
		return path
	}
	for _, p := range procs {
		pool := &Pool{ID: p.ID, Name: strings.TrimSpace(p.Name), Documentation: strings.TrimSpace(p.Documentation)}
		if part := names[p.ID]; part != nil {
			if s := strings.TrimSpace(part.Name); s != "" {
				pool.Name = s
			}
			if pool.Documentation == "" {
				pool.Documentation = strings.TrimSpace(part.Documentation)
			}
		}
		var lanes []*model.Lane
		var walk func([]*model.Lane)
		walk = func(ls []*model.Lane) {
			for _, l := range ls {
				lanes = append(lanes, l)
				walk(l.Children)
			}
		}
		walk(p.Lanes)
		add(pool, byProc[p.ID], lanes, parents)
	}
	if steps := byProc[""]; len(steps) > 0 {
		add(&Pool{}, steps, nil, parents)
	}
	return out
}
