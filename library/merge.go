package library

import (
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"lanemap/model"
)

// Side picks one version of a conflicting element.
type Side int

// Sides.
const (
	Mine Side = iota
	Theirs
)

// Conflict is an element changed differently on both sides (or a
// connection that lost an end in the merge).
type Conflict struct {
	// Kind is "node", "flow", "lane", "participant", "process",
	// "collaboration", "shape", "edge", "diagram", "meta" or "definitions".
	Kind string
	// ID is the element's id (for shapes and edges: the element they draw).
	ID string
	// Name is a human-readable name, from whichever side has one.
	Name string
	// Base, Mine and Theirs are the three versions: *model.Node,
	// *model.Flow, *model.Lane, *model.Participant, *model.Process,
	// *model.Collaboration, *model.Shape, *model.Edge, *model.Diagram,
	// *model.Meta or *model.Definitions (id, name and namespace only).
	// nil means the element is absent (deleted) on that side.
	Base, Mine, Theirs any
	// Fields lists what differs between Mine and Theirs ("Name", "Lanes", …).
	Fields []string
	// Dangling is set for a flow dropped because an end was deleted on the
	// other side; Theirs (or Mine) holds the dropped flow.
	Dangling bool
}

// Merge combines two edited versions of base by element id. An element
// changed on one side only takes that change (including additions and
// deletions); changed on both sides the same way, it is taken once;
// changed differently, it becomes a Conflict and merged keeps Mine.
// Lane membership belongs to the node, DI shapes and edges are separate
// elements, so moving a step and renaming it on different sides merges.
func Merge(base, mine, theirs *model.Definitions) (merged *model.Definitions, conflicts []Conflict) {
	return MergeWith(base, mine, theirs, func(Conflict) Side { return Mine })
}

// MergeWith is Merge with pick choosing the side of each conflict (for a
// UI that resolves them one by one and merges again).
func MergeWith(base, mine, theirs *model.Definitions, pick func(Conflict) Side) (*model.Definitions, []Conflict) {
	if base == nil {
		base = &model.Definitions{}
	}
	b, m, t := units(base), units(mine), units(theirs)
	order := mergeOrder(m.order, t.order)
	chosen := map[string]*unit{}
	var conflicts []Conflict
	for _, k := range order {
		ub, um, ut := b.byKey[k], m.byKey[k], t.byKey[k]
		var c *unit
		switch {
		case um.equal(ut):
			c = um
		case um.equal(ub):
			c = ut
		case ut.equal(ub):
			c = um
		default:
			cf := Conflict{Kind: kindOf(ub, um, ut), ID: idOf(k), Name: nameOf(um, ut, ub),
				Base: ub.value(), Mine: um.value(), Theirs: ut.value(), Fields: diffFields(um, ut)}
			if pick(cf) == Theirs {
				c = ut
			} else {
				c = um
			}
			conflicts = append(conflicts, cf)
		}
		if c != nil {
			chosen[k] = c
		}
	}
	known := map[string]bool{}
	for _, set := range []unitSet{b, m, t} {
		for _, u := range set.byKey {
			if u.kind != "shape" && u.kind != "edge" && u.id != "" {
				known[u.id] = true
			}
		}
	}
	d, dangling := rebuild(order, chosen, m, t, known)
	return d, append(conflicts, dangling...)
}

// unit is one mergeable piece: an element with the relations it owns.
type unit struct {
	kind   string
	id     string
	parent string   // lane: process or parent lane id; participant: collaboration id; shape/edge: diagram id
	lanes  []string // node: the lanes listing it
	v      any      // a private copy: model.Node, model.Flow, …
}

func (u *unit) equal(o *unit) bool {
	if u == nil || o == nil {
		return u == nil && o == nil
	}
	return u.kind == o.kind && u.parent == o.parent && slices.Equal(u.lanes, o.lanes) && reflect.DeepEqual(u.v, o.v)
}

// value returns a pointer to a fresh copy of the element, nil for absent.
func (u *unit) value() any {
	if u == nil {
		return nil
	}
	switch v := u.v.(type) {
	case model.Node:
		return &v
	case model.Flow:
		return &v
	case model.Lane:
		return &v
	case model.Participant:
		return &v
	case model.Process:
		return &v
	case model.Collaboration:
		return &v
	case model.Shape:
		return &v
	case model.Edge:
		return &v
	case model.Diagram:
		return &v
	case model.Meta:
		return &v
	case model.Definitions:
		return &v
	}
	return nil
}

type unitSet struct {
	byKey map[string]*unit
	order []string
	// laneRefs keeps each lane's flowNodeRef order, to disturb it least.
	laneRefs map[string][]string
}

func idOf(key string) string {
	_, id, _ := strings.Cut(key, ":")
	if i := strings.LastIndexByte(id, '#'); i >= 0 {
		id = id[:i]
	}
	if i := strings.LastIndexByte(id, '/'); i >= 0 && (strings.HasPrefix(key, "shape:") || strings.HasPrefix(key, "edge:")) {
		return id[i+1:]
	}
	return id
}

func kindOf(us ...*unit) string {
	for _, u := range us {
		if u != nil {
			return u.kind
		}
	}
	return ""
}

func nameOf(us ...*unit) string {
	for _, u := range us {
		if u == nil {
			continue
		}
		if f := reflect.ValueOf(u.v).FieldByName("Name"); f.IsValid() && f.Kind() == reflect.String && f.String() != "" {
			return f.String()
		}
	}
	return ""
}

// diffFields names the struct fields (and "Lanes", "Parent") that differ.
func diffFields(a, b *unit) []string {
	if a == nil || b == nil {
		return []string{"deleted"}
	}
	var out []string
	va, vb := reflect.ValueOf(a.v), reflect.ValueOf(b.v)
	if va.Type() == vb.Type() && va.Kind() == reflect.Struct {
		for i := 0; i < va.NumField(); i++ {
			if !va.Type().Field(i).IsExported() {
				continue
			}
			if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
				out = append(out, va.Type().Field(i).Name)
			}
		}
	}
	if !slices.Equal(a.lanes, b.lanes) {
		out = append(out, "Lanes")
	}
	if a.parent != b.parent {
		out = append(out, "Parent")
	}
	return out
}

// units splits d into mergeable units, in document order.
func units(d *model.Definitions) unitSet {
	s := unitSet{byKey: map[string]*unit{}, laneRefs: map[string][]string{}}
	if d == nil {
		return s
	}
	add := func(key string, u *unit) {
		// Duplicate ids (a broken file) get numbered keys, so none is lost.
		for i, k := 2, key; ; i++ {
			if _, dup := s.byKey[k]; !dup {
				key = k
				break
			}
			k = key + "#" + strconv.Itoa(i)
		}
		s.byKey[key] = u
		s.order = append(s.order, key)
	}
	add("definitions:", &unit{kind: "definitions", v: model.Definitions{ID: d.ID, Name: d.Name, TargetNamespace: d.TargetNamespace}})
	add("meta:", &unit{kind: "meta", v: copyMeta(d.Meta)})
	for _, c := range d.Collaborations {
		cc := *c
		cc.Participants = nil
		add("collaboration:"+c.ID, &unit{kind: "collaboration", id: c.ID, v: cc})
		for _, p := range c.Participants {
			pp := *p
			pp.Links = clone(p.Links)
			add("participant:"+p.ID, &unit{kind: "participant", id: p.ID, parent: c.ID, v: pp})
		}
	}
	member := map[string][]string{}
	for _, p := range d.Processes {
		pp := *p
		pp.Lanes = nil
		add("process:"+p.ID, &unit{kind: "process", id: p.ID, v: pp})
		var walk func(parent string, ls []*model.Lane)
		walk = func(parent string, ls []*model.Lane) {
			for _, l := range ls {
				ll := *l
				ll.NodeRefs, ll.Children = nil, nil
				add("lane:"+l.ID, &unit{kind: "lane", id: l.ID, parent: parent, v: ll})
				s.laneRefs[l.ID] = clone(l.NodeRefs)
				for _, ref := range l.NodeRefs {
					member[ref] = append(member[ref], l.ID)
				}
				walk(l.ID, l.Children)
			}
		}
		walk(p.ID, p.Lanes)
	}
	for _, n := range d.Nodes {
		nn := *n
		nn.EventDefs, nn.Links = clone(n.EventDefs), clone(n.Links)
		lanes := clone(member[n.ID])
		sort.Strings(lanes)
		add("node:"+n.ID, &unit{kind: "node", id: n.ID, lanes: lanes, v: nn})
	}
	for _, f := range d.Flows {
		add("flow:"+f.ID, &unit{kind: "flow", id: f.ID, v: *f})
	}
	for _, g := range d.Diagrams {
		gg := *g
		gg.Shapes, gg.Edges = nil, nil
		add("diagram:"+g.ID, &unit{kind: "diagram", id: g.ID, v: gg})
		for _, sh := range g.Shapes {
			add("shape:"+g.ID+"/"+sh.Element, &unit{kind: "shape", id: sh.Element, parent: g.ID, v: copyShape(sh)})
		}
		for _, e := range g.Edges {
			add("edge:"+g.ID+"/"+e.Element, &unit{kind: "edge", id: e.Element, parent: g.ID, v: copyEdge(e)})
		}
	}
	return s
}

func copyMeta(m model.Meta) model.Meta {
	m.Links, m.Tags = clone(m.Links), clone(m.Tags)
	return m
}

func copyShape(s *model.Shape) model.Shape {
	c := *s
	if s.IsHorizontal != nil {
		c.IsHorizontal = model.Bool(*s.IsHorizontal)
	}
	if s.IsExpanded != nil {
		c.IsExpanded = model.Bool(*s.IsExpanded)
	}
	if s.IsMarkerVisible != nil {
		c.IsMarkerVisible = model.Bool(*s.IsMarkerVisible)
	}
	if s.Label != nil {
		r := *s.Label
		c.Label = &r
	}
	return c
}

func copyEdge(e *model.Edge) model.Edge {
	c := *e
	c.Waypoints = clone(e.Waypoints)
	if e.Label != nil {
		r := *e.Label
		c.Label = &r
	}
	return c
}

// mergeOrder is mine's order with theirs' additions placed after the
// nearest element that precedes them in theirs.
func mergeOrder(mine, theirs []string) []string {
	out := slices.Clone(mine)
	pos := make(map[string]bool, len(out))
	for _, k := range out {
		pos[k] = true
	}
	for i, k := range theirs {
		if pos[k] {
			continue
		}
		at := 0
		for j := i - 1; j >= 0; j-- {
			if pos[theirs[j]] {
				at = slices.Index(out, theirs[j]) + 1
				break
			}
		}
		out = slices.Insert(out, at, k)
		pos[k] = true
	}
	return out
}

// rebuild assembles the merged definitions from the chosen units.
// DI of an element deleted in the merge is dropped; DI of elements the
// model does not know (vendor extensions) is kept.
func rebuild(order []string, chosen map[string]*unit, m, t unitSet, known map[string]bool) (*model.Definitions, []Conflict) {
	d := &model.Definitions{}
	if u := chosen["definitions:"]; u != nil {
		v := u.v.(model.Definitions)
		d.ID, d.Name, d.TargetNamespace = v.ID, v.Name, v.TargetNamespace
	}
	if u := chosen["meta:"]; u != nil {
		d.Meta = copyMeta(u.v.(model.Meta))
	}
	var kept []*unit
	for _, k := range order {
		if u := chosen[k]; u != nil {
			kept = append(kept, u)
		}
	}
	// Nodes first: lanes need their membership, flows their ends.
	nodeLanes := map[string][]string{}
	exists := map[string]bool{}
	for _, u := range kept {
		if u.kind == "node" {
			n := u.v.(model.Node)
			n.EventDefs, n.Links = clone(n.EventDefs), clone(n.Links)
			d.Nodes = append(d.Nodes, &n)
			nodeLanes[n.ID] = u.lanes
			exists[n.ID] = true
		}
	}
	collabs := map[string]*model.Collaboration{}
	procs := map[string]*model.Process{}
	lanes := map[string]*model.Lane{} // by id, the first of duplicates
	laneOf := map[*unit]*model.Lane{}
	diagrams := map[string]*model.Diagram{}
	for _, u := range kept {
		switch u.kind {
		case "collaboration":
			c := u.v.(model.Collaboration)
			d.Collaborations = append(d.Collaborations, &c)
			collabs[c.ID] = &c
			exists[c.ID] = true
		case "process":
			p := u.v.(model.Process)
			d.Processes = append(d.Processes, &p)
			procs[p.ID] = &p
			exists[p.ID] = true
		case "diagram":
			g := u.v.(model.Diagram)
			d.Diagrams = append(d.Diagrams, &g)
			diagrams[g.ID] = &g
		case "lane":
			l := u.v.(model.Lane)
			laneOf[u] = &l
			if lanes[l.ID] == nil {
				lanes[l.ID] = &l
			}
			exists[l.ID] = true
		}
	}
	var dangling []Conflict
	for _, u := range kept {
		switch u.kind {
		case "participant":
			p := u.v.(model.Participant)
			p.Links = clone(p.Links)
			exists[p.ID] = true
			if c := collabs[u.parent]; c != nil {
				c.Participants = append(c.Participants, &p)
			}
		case "lane":
			l := laneOf[u]
			if pl := lanes[u.parent]; pl != nil {
				pl.Children = append(pl.Children, l)
			} else if p := procs[u.parent]; p != nil {
				p.Lanes = append(p.Lanes, l)
			}
		}
	}
	// Lane membership: keep the lane's old ref order, drop who left, add who came.
	for _, l := range laneOf {
		id := l.ID
		refs := m.laneRefs[id]
		if refs == nil {
			refs = t.laneRefs[id]
		}
		in := map[string]bool{}
		for _, n := range d.Nodes {
			if slices.Contains(nodeLanes[n.ID], id) {
				in[n.ID] = true
			}
		}
		seen := map[string]bool{}
		for _, r := range refs {
			if in[r] && !seen[r] {
				l.NodeRefs = append(l.NodeRefs, r)
				seen[r] = true
			}
		}
		for _, n := range d.Nodes {
			if in[n.ID] && !seen[n.ID] {
				l.NodeRefs = append(l.NodeRefs, n.ID)
				seen[n.ID] = true
			}
		}
	}
	for _, u := range kept {
		if u.kind != "flow" {
			continue
		}
		f := u.v.(model.Flow)
		if f.Source != "" && !exists[f.Source] || f.Target != "" && !exists[f.Target] {
			c := Conflict{Kind: "flow", ID: f.ID, Name: f.Name, Dangling: true, Fields: []string{"Source", "Target"}}
			if _, fromMine := m.byKey["flow:"+f.ID]; fromMine {
				c.Mine = &f
			} else {
				c.Theirs = &f
			}
			dangling = append(dangling, c)
			continue
		}
		d.Flows = append(d.Flows, &f)
		exists[f.ID] = true
	}
	for _, u := range kept {
		switch u.kind {
		case "shape":
			s := copyShape(ptr(u.v.(model.Shape)))
			if g := diagrams[u.parent]; g != nil && (exists[s.Element] || !known[s.Element]) {
				g.Shapes = append(g.Shapes, &s)
			}
		case "edge":
			e := copyEdge(ptr(u.v.(model.Edge)))
			if g := diagrams[u.parent]; g != nil && (exists[e.Element] || !known[e.Element]) {
				g.Edges = append(g.Edges, &e)
			}
		}
	}
	d.Touch()
	return d, dangling
}

func ptr[T any](v T) *T { return &v }

// clone copies a slice; empty and nil both become nil, so an emptied list
// compares equal to one that was never there.
func clone[S ~[]E, E any](s S) S {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}

// MergeDisk merges doc's unsaved edits with the version now on disk, using
// the version doc was read from as the common base. The returned Doc counts
// as loaded (Close it when done, and Close doc when it is replaced). It holds
// the merged model on top of the disk version's Source, so saving it
// succeeds unless the file changes yet again; doc itself is not touched.
// With no conflicts the UI can save at once; otherwise it shows them and
// may call MergeWith with the user's choices.
func (l *Library) MergeDisk(doc *Doc) (*Doc, []Conflict, error) {
	rel, abs, err := l.clean(doc.Path)
	if err != nil {
		return nil, nil, err
	}
	theirs, err := l.read(rel, abs)
	if err != nil {
		return nil, nil, err
	}
	base, err := doc.Base()
	if err != nil {
		return nil, nil, err
	}
	merged, conflicts := Merge(base, doc.Defs, theirs.Defs)
	theirs.Defs = merged
	theirs.rkey = doc.rkey // the merged doc carries on the unsaved work
	l.mu.Lock()
	l.loaded[rel]++ // like Load: Close the old doc, and this one when done
	l.mu.Unlock()
	return theirs, conflicts, nil
}
