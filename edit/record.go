package edit

import (
	"slices"

	"lanemap/model"
)

// A record is what a command did: the before and after value of every
// object it touched (deep copies of the structs, never of the document) and
// the ordered inserts and removals on the big lists (nodes, flows, shapes,
// edges). Undo restores the before values and reverses the list operations;
// redo replays the list operations and sets the after values. Object values
// and list membership are independent, so the two halves commute.
type record struct {
	states []state
	lists  []listOp
	// seq holds the list operations and states (at their first touch) in
	// the order they happened; undo walks it backwards so that operations
	// on an object's fields (lane membership) and snapshots of the same
	// object compose.
	seq    []any
	change Change
	d      *model.Definitions
	// reindex is set when lane membership changed: the model's id index
	// must be dropped after replaying.
	reindex bool
}

type state interface {
	ptr() any // the object, for identity
	restore(before bool)
	capture() // take the after value
}

type listOp interface {
	apply(forward bool)
}

// snap keeps one object's value before and after the command.
type snap[T any] struct {
	p             *T
	before, after T
	clone         func(T) T
}

func (s *snap[T]) restore(before bool) {
	if before {
		*s.p = s.clone(s.before)
	} else {
		*s.p = s.clone(s.after)
	}
}

func (s *snap[T]) capture() { s.after = s.clone(*s.p) }

func (s *snap[T]) ptr() any { return s.p }

// posItem is an element at its index in a list.
type posItem[T any] struct {
	i int
	p *T
}

// listChange inserts (or removes) items at their indices in *list. Items are
// in ascending index order; the indices are those in the list with the
// items present.
type listChange[T any] struct {
	list   *[]*T
	items  []posItem[T]
	insert bool
	after  func() // index invalidation
}

func (o *listChange[T]) apply(forward bool) {
	if forward == o.insert {
		*o.list = insertAt(*o.list, o.items)
	} else {
		*o.list = removeAt(*o.list, o.items)
	}
	if o.after != nil {
		o.after()
	}
}

// insertAt merges items (ascending final indices) into l in one pass.
func insertAt[T any](l []*T, items []posItem[T]) []*T {
	out := make([]*T, 0, len(l)+len(items))
	j := 0
	for _, it := range items {
		for len(out) < it.i && j < len(l) {
			out = append(out, l[j])
			j++
		}
		out = append(out, it.p)
	}
	return append(out, l[j:]...)
}

// removeAt drops items (ascending indices) from l in one pass. It removes
// by identity, so a list that drifted still loses exactly those elements.
func removeAt[T any](l []*T, items []posItem[T]) []*T {
	drop := make(map[*T]bool, len(items))
	for _, it := range items {
		drop[it.p] = true
	}
	out := make([]*T, 0, len(l))
	for _, p := range l {
		if !drop[p] {
			out = append(out, p)
		}
	}
	return out
}

func (r *record) after() {
	if r.reindex && r.d != nil {
		r.d.Touch()
	}
}

func (r *record) addOp(op listOp) {
	r.lists = append(r.lists, op)
	r.seq = append(r.seq, op)
}

func (r *record) addState(s state) {
	r.states = append(r.states, s)
	r.seq = append(r.seq, s)
}

func (r *record) undo() {
	for i := len(r.seq) - 1; i >= 0; i-- {
		switch v := r.seq[i].(type) {
		case listOp:
			v.apply(false)
		case state:
			v.restore(true)
		}
	}
	r.after()
}

func (r *record) redo() {
	for _, l := range r.lists {
		l.apply(true)
	}
	for _, s := range r.states {
		s.restore(false)
	}
	r.after()
}

// refEdit adds or removes one node id in a lane's flowNodeRef list: lane
// membership changes recorded without copying the (long) list. It is
// robust to the list it meets: adding an id already there or removing one
// that is absent does nothing, so it composes with lane snapshots.
type refEdit struct {
	l   *model.Lane
	id  string
	at  int
	add bool
}

func (o *refEdit) apply(forward bool) {
	refs := o.l.NodeRefs
	i := slices.Index(refs, o.id)
	if o.add == forward {
		if i < 0 {
			at := min(max(o.at, 0), len(refs))
			o.l.NodeRefs = slices.Insert(slices.Clip(refs), at, o.id)
		}
	} else if i >= 0 {
		o.l.NodeRefs = slices.Delete(slices.Clone(refs), i, i+1)
	}
}

// addRef lists node id in lane l (once).
func (t *tx) addRef(l *model.Lane, id string) {
	if slices.Contains(l.NodeRefs, id) {
		return
	}
	op := &refEdit{l: l, id: id, at: len(l.NodeRefs), add: true}
	l.NodeRefs = append(l.NodeRefs, id) // never shared: readers clone
	t.rec.addOp(op)
	t.rec.reindex = true
	t.structural()
	t.touchID(l.ID)
}

// dropRef removes node id from lane l's list.
func (t *tx) dropRef(l *model.Lane, id string) {
	i := slices.Index(l.NodeRefs, id)
	if i < 0 {
		return
	}
	t.rec.addOp(&refEdit{l: l, id: id, at: i})
	l.NodeRefs = slices.Delete(slices.Clone(l.NodeRefs), i, i+1)
	t.rec.reindex = true
	t.structural()
	t.touchID(l.ID)
}

// tx records a command while it runs for the first time.
type tx struct {
	s    *Session
	d    *model.Definitions
	g    *model.Diagram
	rec  *record
	seen map[any]bool
	ids  map[string]bool
	// touch: the lane tree or pools changed, so finish drops the model's
	// index (membership-only changes keep it up to date incrementally).
	touch bool
	// pools holds the bounds, before the command, of pool shapes it touched.
	pools map[*model.Shape]model.Rect
	// edges0 holds the route and label of edges before the command, so
	// that re-routing the same flow twice (its end moved, then its pool
	// pushed) works from what the user saw, not from a passing state.
	edges0 map[*model.Edge]edgeBefore
}

type edgeBefore struct {
	pts   []model.Point
	label *model.Rect
}

// edgeBefore returns e's route and label before the command.
func (t *tx) edgeBefore(e *model.Edge) edgeBefore {
	if b, ok := t.edges0[e]; ok {
		return b
	}
	return edgeBefore{e.Waypoints, e.Label}
}

func (s *Session) newTx() *tx {
	return &tx{s: s, d: s.Doc, g: s.Diagram, rec: &record{d: s.Doc}, seen: map[any]bool{}, ids: map[string]bool{}}
}

func (t *tx) touchID(id string) {
	if id != "" && !t.ids[id] {
		t.ids[id] = true
		t.rec.change.Elements = append(t.rec.change.Elements, id)
	}
}

func (t *tx) structural() { t.rec.change.Structure = true }

func keep[T any](t *tx, p *T, clone func(T) T) {
	if t.seen[p] {
		return
	}
	t.seen[p] = true
	t.rec.addState(&snap[T]{p: p, before: clone(*p), clone: clone})
}

// node snapshots n before it is changed.
func (t *tx) node(n *model.Node) *model.Node {
	keep(t, n, cloneNode)
	t.touchID(n.ID)
	return n
}

func (t *tx) flow(f *model.Flow) *model.Flow {
	keep(t, f, func(f model.Flow) model.Flow { return f })
	t.touchID(f.ID)
	return f
}

func (t *tx) shape(s *model.Shape) *model.Shape {
	t.s.di.space.touch(s)
	if !t.seen[s] && t.d.Participant(s.Element) != nil {
		if t.pools == nil {
			t.pools = map[*model.Shape]model.Rect{}
		}
		t.pools[s] = s.Bounds
	}
	keep(t, s, cloneShape)
	t.touchID(s.Element)
	return s
}

func (t *tx) edge(e *model.Edge) *model.Edge {
	t.s.di.lines.touch(e)
	if !t.seen[e] {
		if t.edges0 == nil {
			t.edges0 = map[*model.Edge]edgeBefore{}
		}
		t.edges0[e] = edgeBefore{e.Waypoints, e.Label}
	}
	keep(t, e, cloneEdge)
	t.touchID(e.Element)
	return e
}

// lane snapshots l; membership changes count as structure (the model index
// must be rebuilt).
func (t *tx) lane(l *model.Lane) *model.Lane {
	keep(t, l, cloneLane)
	t.touchID(l.ID)
	t.rec.reindex = true
	return l
}

func (t *tx) process(p *model.Process) *model.Process {
	keep(t, p, func(p model.Process) model.Process { p.Lanes = slices.Clone(p.Lanes); return p })
	t.touchID(p.ID)
	t.rec.reindex = true
	t.touch = true
	return p
}

func (t *tx) participant(p *model.Participant) *model.Participant {
	keep(t, p, func(p model.Participant) model.Participant { p.Links = slices.Clone(p.Links); return p })
	t.touchID(p.ID)
	return p
}

func (t *tx) collaboration(c *model.Collaboration) *model.Collaboration {
	keep(t, c, func(c model.Collaboration) model.Collaboration {
		c.Participants = slices.Clone(c.Participants)
		return c
	})
	t.touchID(c.ID)
	t.rec.reindex = true
	t.touch = true
	return c
}

// top snapshots the document-level fields (processes, collaborations, meta).
func (t *tx) top() {
	if t.seen[t.d] {
		return
	}
	t.seen[t.d] = true
	t.rec.addState(&topSnap{d: t.d, before: topOf(t.d)})
}

// topVals are the document-level fields a command may change; the big
// lists are recorded as list operations instead.
type topVals struct {
	name    string
	meta    model.Meta
	collabs []*model.Collaboration
	procs   []*model.Process
}

func topOf(d *model.Definitions) topVals {
	return topVals{d.Name, cloneMeta(d.Meta), slices.Clone(d.Collaborations), slices.Clone(d.Processes)}
}

type topSnap struct {
	d             *model.Definitions
	before, after topVals
}

func (s *topSnap) capture() { s.after = topOf(s.d) }

func (s *topSnap) ptr() any { return s.d }

func (s *topSnap) restore(before bool) {
	v := s.after
	if before {
		v = s.before
	}
	s.d.Name = v.name
	s.d.Meta = cloneMeta(v.meta)
	s.d.Collaborations = slices.Clone(v.collabs)
	s.d.Processes = slices.Clone(v.procs)
	s.d.Touch()
}

func (t *tx) addNode(n *model.Node) {
	t.rec.addOp(insertOp(&t.d.Nodes, n, t.touchDoc, func() {
		t.d.NodeAdded(n)
		t.s.g.appendedNode(t.d, n)
	}))
	t.touchID(n.ID)
	t.structural()
}

func (t *tx) addFlow(f *model.Flow) {
	t.rec.addOp(insertOp(&t.d.Flows, f, t.touchDoc, func() {
		t.d.FlowAdded(f)
		t.s.g.appendedFlow(t.d, f)
	}))
	t.touchID(f.ID)
	t.structural()
}

func (t *tx) addShape(s *model.Shape) {
	t.rec.addOp(insertOp(&t.g.Shapes, s, t.s.di.reset, t.s.di.appended))
	t.touchID(s.Element)
	t.structural()
}

func (t *tx) addEdge(e *model.Edge) {
	t.rec.addOp(insertOp(&t.g.Edges, e, t.s.di.reset, t.s.di.appended))
	t.touchID(e.Element)
	t.structural()
}

func (t *tx) touchDoc() {
	t.d.Touch()
	t.s.bump()
}

// insertOp appends p to *list now, calls now (which may update caches
// incrementally) and returns the op that replays it, calling replay.
func insertOp[T any](list *[]*T, p *T, replay, now func()) listOp {
	op := &listChange[T]{list: list, items: []posItem[T]{{len(*list), p}}, insert: true, after: replay}
	*list = append(*list, p)
	now()
	return op
}

// removeOp removes every element of *list for which drop is true, in one
// pass, and returns the op that replays it (nil when nothing matched).
func removeOp[T any](list *[]*T, drop func(*T) bool, after func()) (listOp, []*T) {
	var items []posItem[T]
	var gone []*T
	out := make([]*T, 0, len(*list))
	for i, p := range *list {
		if drop(p) {
			items = append(items, posItem[T]{i, p})
			gone = append(gone, p)
		} else {
			out = append(out, p)
		}
	}
	if len(items) == 0 {
		return nil, nil
	}
	*list = out
	if after != nil {
		after()
	}
	return &listChange[T]{list: list, items: items, after: after}, gone
}

func (t *tx) removeNodes(drop func(*model.Node) bool) []*model.Node {
	op, gone := removeOp(&t.d.Nodes, drop, t.touchDoc)
	if op != nil {
		t.rec.addOp(op)
		t.structural()
		for _, n := range gone {
			t.touchID(n.ID)
		}
	}
	return gone
}

func (t *tx) removeFlows(drop func(*model.Flow) bool) []*model.Flow {
	op, gone := removeOp(&t.d.Flows, drop, t.touchDoc)
	if op != nil {
		t.rec.addOp(op)
		t.structural()
		for _, f := range gone {
			t.touchID(f.ID)
		}
	}
	return gone
}

// removeShapes removes matching shapes from every diagram of the
// document: what is deleted leaves no DI behind in other views either.
func (t *tx) removeShapes(drop func(*model.Shape) bool) {
	for _, g := range t.d.Diagrams {
		if g == nil {
			continue
		}
		op, gone := removeOp(&g.Shapes, drop, t.s.di.reset)
		if op != nil {
			t.rec.addOp(op)
			t.structural()
			for _, s := range gone {
				t.touchID(s.Element)
			}
		}
	}
}

// removeEdges removes matching edges from every diagram of the document.
func (t *tx) removeEdges(drop func(*model.Edge) bool) {
	for _, g := range t.d.Diagrams {
		if g == nil {
			continue
		}
		op, gone := removeOp(&g.Edges, drop, t.s.di.reset)
		if op != nil {
			t.rec.addOp(op)
			t.structural()
			for _, e := range gone {
				t.touchID(e.Element)
			}
		}
	}
}

// dropPlanes removes the other diagrams whose plane shows a deleted
// element (the drill-down view of a deleted sub-process or pool).
func (t *tx) dropPlanes(gone func(id string) bool) {
	op, _ := removeOp(&t.d.Diagrams, func(g *model.Diagram) bool {
		return g != nil && g != t.g && gone(g.Element)
	}, nil)
	if op != nil {
		t.rec.addOp(op)
		t.structural()
	}
}

// finish takes the after values and returns the record.
func (t *tx) finish() *record {
	for _, s := range t.rec.states {
		s.capture()
	}
	if t.touch {
		t.d.Touch()
	}
	return t.rec
}

// rollback undoes whatever the failed first run changed.
func (t *tx) rollback() {
	t.rec.undo()
	t.d.Touch()
	t.s.di.reset()
	t.s.bump()
}

func cloneNode(n model.Node) model.Node {
	n.Links = slices.Clone(n.Links)
	n.EventDefs = slices.Clone(n.EventDefs)
	return n
}

func cloneShape(s model.Shape) model.Shape {
	s.IsHorizontal = cloneBool(s.IsHorizontal)
	s.IsExpanded = cloneBool(s.IsExpanded)
	s.IsMarkerVisible = cloneBool(s.IsMarkerVisible)
	if s.Label != nil {
		l := *s.Label
		s.Label = &l
	}
	return s
}

func cloneEdge(e model.Edge) model.Edge {
	e.Waypoints = slices.Clone(e.Waypoints)
	if e.Label != nil {
		l := *e.Label
		e.Label = &l
	}
	return e
}

func cloneLane(l model.Lane) model.Lane {
	l.NodeRefs = slices.Clone(l.NodeRefs)
	l.Children = slices.Clone(l.Children)
	return l
}

func cloneMeta(m model.Meta) model.Meta {
	m.Links = slices.Clone(m.Links)
	m.Tags = slices.Clone(m.Tags)
	return m
}

func cloneBool(b *bool) *bool {
	if b == nil {
		return nil
	}
	v := *b
	return &v
}
