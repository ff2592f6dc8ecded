package bpmn

import (
	"slices"
	"strings"

	"github.com/beevik/etree"

	"lanemap/model"
)

// Lanes, incoming/outgoing, clean-up of references to deleted ids, metadata.

type laneInfo struct {
	l       *model.Lane
	parent  string // parent lane id, "" for a top lane
	process string
}

func flattenLanes(d *model.Definitions) (map[string]laneInfo, []laneInfo) {
	m := map[string]laneInfo{}
	var order []laneInfo
	for _, p := range d.Processes {
		var walk func(parent string, ls []*model.Lane)
		walk = func(parent string, ls []*model.Lane) {
			for _, l := range ls {
				li := laneInfo{l, parent, p.ID}
				m[l.ID] = li
				order = append(order, li)
				walk(l.ID, l.Children)
			}
		}
		walk("", p.Lanes)
	}
	return m, order
}

func (en *encoder) lanes() {
	oldM, oldOrder := flattenLanes(en.old)
	newM, newOrder := flattenLanes(en.d)
	// Deleted lanes first, children before parents.
	for i := len(oldOrder) - 1; i >= 0; i-- {
		if _, keep := newM[oldOrder[i].l.ID]; !keep {
			en.drop(oldOrder[i].l.ID, oldOrder[i].l)
		}
	}
	// Inferred membership is written for a whole process at once, as soon
	// as any lane of it changes: half-written refs would read back as
	// empty lanes.
	writeAll := map[string]bool{}
	for p := range en.s.inferred {
		changed := false
		for _, li := range newOrder {
			if oi, had := oldM[li.l.ID]; li.process == p && (!had || !slices.Equal(oi.l.NodeRefs, li.l.NodeRefs)) {
				changed = true
			}
		}
		for _, li := range oldOrder {
			if _, keep := newM[li.l.ID]; li.process == p && !keep {
				changed = true
			}
		}
		if changed {
			writeAll[p] = true
			delete(en.s.inferred, p)
		}
	}
	for _, li := range newOrder {
		l := li.l
		oi, had := oldM[l.ID]
		e := en.s.byID[l.ID]
		o := oi.l
		if !had || e == nil {
			set := en.laneSetFor(li)
			if set == nil {
				continue
			}
			if r := en.reviveID(e, l.ID, set, func(x any) bool { _, ok := x.(*model.Lane); return ok }); r != nil {
				// Diff against the refs the kept element really lists
				// (none when its process's membership was inferred).
				c := *r.old.(*model.Lane)
				c.NodeRefs = nil
				for _, x := range childElems(r.elem) {
					if x.Tag == "flowNodeRef" && en.s.nsURI(x) == Namespace {
						c.NodeRefs = append(c.NodeRefs, en.s.localRef(text(x)))
					}
				}
				e, o = r.elem, &c
				if e.Parent() != set {
					en.s.move(e, set)
				}
			} else {
				e = en.newLane(set, li, newM)
				o = &model.Lane{}
			}
		} else if oi.parent != li.parent || oi.process != li.process {
			if set := en.laneSetFor(li); set != nil {
				en.s.move(e, set)
			}
		}
		en.str(e, "name", o.Name, l.Name)
		en.documentation(e, o.Documentation, l.Documentation)
		if o.Role != l.Role {
			en.writeLinks(e, nil, l.Role)
		}
		if writeAll[li.process] {
			en.laneRefs(e, nil, l.NodeRefs)
		} else {
			en.laneRefs(e, o.NodeRefs, l.NodeRefs)
		}
		if o.ChildLaneSetID != l.ChildLaneSetID && l.ChildLaneSetID != "" {
			if cs := en.child(e, "childLaneSet"); cs != nil {
				setAttr(cs, "id", l.ChildLaneSetID)
			}
		}
	}
	en.laneOrder(en.d.Processes)
	en.reinfer(newOrder)
	// Lane sets left empty by deletions go too.
	for _, li := range oldOrder {
		if _, keep := newM[li.l.ID]; keep {
			continue
		}
		for _, id := range []string{li.parent, li.process} {
			if id == "" {
				continue
			}
			if pe := en.s.byID[id]; pe != nil {
				for _, name := range []string{"childLaneSet", "laneSet"} {
					if set := en.child(pe, name); set != nil && en.child(set, "lane") == nil && len(childElems(set)) == 0 {
						en.s.keepRef(set, "")
					}
				}
			}
			break
		}
	}
}

// reinfer takes the written flowNodeRefs out of a process read without
// them once its lanes are back to exactly the membership inferred then
// (an undo), so the file is as it was.
func (en *encoder) reinfer(order []laneInfo) {
	for p, want := range en.s.inferredRefs {
		if en.s.inferred[p] {
			continue
		}
		n := 0
		same := true
		for _, li := range order {
			if li.process != p {
				continue
			}
			n++
			refs, ok := want[li.l.ID]
			if !ok || !slices.Equal(refs, li.l.NodeRefs) {
				same = false
				break
			}
		}
		if !same || n != len(want) {
			continue
		}
		for _, li := range order {
			if e := en.s.byID[li.l.ID]; e != nil && li.process == p {
				for _, x := range childElems(e) {
					if x.Tag == "flowNodeRef" && en.s.nsURI(x) == Namespace {
						detach(x)
					}
				}
				if onlySpace(e) {
					for len(e.Child) > 0 {
						e.RemoveChildAt(0) // back to <lane/>
					}
				}
			}
		}
		en.s.inferred[p] = true
	}
}

// laneOrder makes the lanes of every lane set follow the model's order
// (moving only lanes that are out of place).
func (en *encoder) laneOrder(ps []*model.Process) {
	var walk func(ls []*model.Lane)
	walk = func(ls []*model.Lane) {
		var prev *etree.Element
		for _, l := range ls {
			e := en.s.byID[l.ID]
			if e == nil {
				continue
			}
			if prev != nil && e.Parent() == prev.Parent() && e.Index() < prev.Index() {
				detach(e)
				en.s.insertAfter(prev, e)
			}
			prev = e
			walk(l.Children)
		}
	}
	for _, p := range ps {
		walk(p.Lanes)
	}
}

// laneSetFor finds or creates the lane set a lane belongs in.
func (en *encoder) laneSetFor(li laneInfo) *etree.Element {
	if li.parent == "" {
		pe := en.s.byID[li.process]
		if pe == nil {
			return nil
		}
		if ls := en.child(pe, "laneSet"); ls != nil {
			return ls
		}
		if ls := en.s.reviveRef(pe, "laneSet", ""); ls != nil {
			return ls
		}
		ls := en.newChild(pe, Namespace, "laneSet")
		// The id is optional; one the model does not know would not
		// survive a reload, so none is made up.
		if id := en.d.Process(li.process).LaneSetID; id != "" && en.s.byID[id] == nil {
			ls.CreateAttr("id", id)
			en.register(id, ls)
		}
		return ls
	}
	le := en.s.byID[li.parent]
	if le == nil {
		return nil
	}
	if cs := en.child(le, "childLaneSet"); cs != nil {
		return cs
	}
	if cs := en.s.reviveRef(le, "childLaneSet", ""); cs != nil {
		return cs
	}
	cs := en.newChild(le, Namespace, "childLaneSet")
	if id := en.d.Lane(li.parent).ChildLaneSetID; id != "" && en.s.byID[id] == nil {
		cs.CreateAttr("id", id)
		en.register(id, cs)
	}
	return cs
}

// newLane creates a lane next to its model siblings.
func (en *encoder) newLane(set *etree.Element, li laneInfo, all map[string]laneInfo) *etree.Element {
	var sibs []*model.Lane
	if li.parent == "" {
		sibs = en.d.Process(li.process).Lanes
	} else {
		sibs = all[li.parent].l.Children
	}
	i := slices.Index(sibs, li.l)
	e := etree.NewElement("lane")
	if q := en.s.qualify(set, Namespace, "lane"); q != "lane" {
		e.Space = strings.TrimSuffix(q, ":lane")
	}
	en.s.ns.set(e, Namespace)
	placed := false
	for j := i - 1; j >= 0 && !placed; j-- {
		if x := en.s.byID[sibs[j].ID]; x != nil && x.Parent() == set {
			en.s.insertAfter(x, e)
			placed = true
		}
	}
	for j := i + 1; j < len(sibs) && !placed; j++ {
		if x := en.s.byID[sibs[j].ID]; x != nil && x.Parent() == set {
			en.s.insertBefore(x, e)
			placed = true
		}
	}
	if !placed {
		en.s.place(set, e, Namespace)
	}
	e.CreateAttr("id", li.l.ID)
	en.register(li.l.ID, e)
	return e
}

// laneRefs adds and removes flowNodeRef children; refs to nodes that will
// not exist are never written.
func (en *encoder) laneRefs(e *etree.Element, old, v []string) {
	if slices.Equal(old, v) {
		return
	}
	want := map[string]bool{}
	for _, id := range v {
		want[id] = true
	}
	have := map[string]bool{}
	for _, x := range childElems(e) {
		if x.Tag != "flowNodeRef" || en.s.nsURI(x) != Namespace {
			continue
		}
		id := en.s.localRef(text(x))
		if !want[id] || have[id] {
			en.s.keepRef(x, id)
			continue
		}
		have[id] = true
	}
	for _, id := range v {
		if have[id] || en.d.Node(id) == nil {
			continue
		}
		have[id] = true
		if en.s.reviveRef(e, "flowNodeRef", id) != nil {
			continue
		}
		setText(en.newChild(e, Namespace, "flowNodeRef"), id)
	}
}

// ---- incoming / outgoing ----------------------------------------------

// inOut keeps the incoming/outgoing children of flow nodes in step with
// the sequence flows that changed (only those).
func (en *encoder) inOut() {
	if !en.s.inOut {
		return
	}
	remove := func(nodeID, local, flowID string) {
		e := en.s.byID[nodeID]
		kept := false
		if e == nil {
			// A node deleted with the flow keeps its refs: they come
			// back together (scrub drops them if the flow does not).
			r := en.s.keptAs(nil, nodeID, isNode)
			if r == nil {
				return
			}
			e, kept = r.elem, true
		}
		for _, x := range childElems(e) {
			if x.Tag == local && en.s.nsURI(x) == Namespace && en.s.localRef(text(x)) == flowID {
				if !kept {
					en.s.keepRef(x, flowID)
				}
				return
			}
		}
		// The file did not list it; an undo must not add it either.
		en.s.kept().absent[refKey{e, local, flowID}] = true
	}
	add := func(nodeID, local, flowID string) {
		e := en.s.byID[nodeID]
		if e == nil || !nodeKinds[e.Tag] {
			return
		}
		for _, x := range childElems(e) {
			if x.Tag == local && en.s.nsURI(x) == Namespace && en.s.localRef(text(x)) == flowID {
				return
			}
		}
		if en.s.reviveRef(e, local, flowID) != nil {
			return
		}
		if k := en.s.keep; k != nil && k.absent[refKey{e, local, flowID}] {
			delete(k.absent, refKey{e, local, flowID})
			return
		}
		setText(en.newChild(e, Namespace, local), en.qvalue("", flowID))
	}
	for _, o := range en.old.Flows {
		if o.Kind != model.SequenceFlow {
			continue
		}
		f := en.d.Flow(o.ID)
		if f == nil || f.Kind != model.SequenceFlow || f.Source != o.Source {
			remove(o.Source, "outgoing", o.ID)
		}
		if f == nil || f.Kind != model.SequenceFlow || f.Target != o.Target {
			remove(o.Target, "incoming", o.ID)
		}
	}
	for _, f := range en.d.Flows {
		if f.Kind != model.SequenceFlow {
			continue
		}
		o := en.oldFlows[f.ID]
		if o == nil || o.Kind != model.SequenceFlow || o.Source != f.Source {
			add(f.Source, "outgoing", f.ID)
		}
		if o == nil || o.Kind != model.SequenceFlow || o.Target != f.Target {
			add(f.Target, "incoming", f.ID)
		}
	}
}

// reviveRefs puts back reference children removed because what they
// named was deleted, now that it is back. Those the model governs are
// placed already (flowNodeRef of model lanes by laneRefs, sourceRef of
// model data input associations by flows, incoming/outgoing of sequence flows'
// ends by inOut); these are the rest: message flows some tools list, refs
// in lanes without an id, odd files' refs on elements that are no end.
func (en *encoder) reviveRefs() {
	if !en.anyRevived || en.s.keep == nil {
		return
	}
	for k, r := range en.s.keep.refs {
		if !r.dangling || !en.newIDs[k.ref] || r.elem.Parent() != nil {
			continue
		}
		id := attrv(k.parent, "id")
		if f := en.d.Flow(id); (k.tag == "flowNodeRef" && en.d.Lane(id) != nil) ||
			(k.tag == "sourceRef" && f != nil && f.Kind == model.DataInputAssociation) {
			continue // the model says whether it is there
		}
		if en.s.attached(k.parent) {
			en.s.reviveRef(k.parent, k.tag, k.ref)
		}
	}
}

// cleanup removes references to deleted ids that other elements still
// carry, and the DI of deleted elements (kept for an undo).
func (en *encoder) cleanup() {
	if len(en.deleted) == 0 {
		return
	}
	en.unref(en.s.root, func(id string) bool { return en.deleted[id] }, en.diIndex())
	for id := range en.deleted {
		delete(en.s.byID, id)
	}
}

// scrub removes from a revived element the references to elements that
// were deleted (now or by an earlier Encode) and are not back; references
// the file never resolved stay, as they do on any save.
func (en *encoder) scrub(e *etree.Element) {
	en.unrefAttrs(e, en.gone)
	en.unref(e, en.gone, nil)
}

var refChildren = setOf("flowNodeRef", "incoming", "outgoing", "sourceRef", "targetRef")

func (en *encoder) unrefAttrs(x *etree.Element, gone func(string) bool) {
	for _, a := range []string{"default", "attachedToRef", "processRef"} {
		if v, ok := attr(x, a); ok && gone(en.s.localRef(v)) {
			en.s.removeAttrKept(x, a)
		}
	}
}

// unref walks e's semantic (and, from the root, DI) children and removes
// references to ids gone reports; di (nil = leave DI alone) finds the
// key a removed shape or edge is kept under.
func (en *encoder) unref(e *etree.Element, gone func(string) bool, di map[*etree.Element]diRef) {
	for i := 0; i < len(e.Child); i++ {
		x, ok := e.Child[i].(*etree.Element)
		if !ok {
			continue
		}
		u := en.s.nsURI(x)
		if u == Namespace {
			if x.Tag == "extensionElements" {
				continue
			}
			if refChildren[x.Tag] {
				// A data association's sourceRef is optional and goes;
				// its targetRef is required, so it stays until the
				// caller removes the association.
				if id := en.s.localRef(text(x)); x.Tag != "targetRef" && gone(id) {
					if r := en.s.keepRef(x, id); r != nil {
						r.dangling = true
					}
					i--
					continue
				}
			}
			en.unrefAttrs(x, gone)
			en.unref(x, gone, di)
		} else if u == BPMNDI && di != nil {
			if (x.Tag == "BPMNShape" || x.Tag == "BPMNEdge") && gone(en.s.localRef(attrv(x, "bpmnElement"))) {
				if r, ok := di[x]; ok {
					en.s.keepID(r.key, x, r.old)
					delete(r.in, r.k)
				} else {
					detach(x)
				}
				i--
				continue
			}
			if x.Tag == "BPMNDiagram" || x.Tag == "BPMNPlane" {
				en.unref(x, gone, di)
			}
		}
	}
}

// diRef says where a DI element of the snapshot is indexed.
type diRef struct {
	key string                    // its diKey
	old any                       // its *model.Shape or *model.Edge
	in  map[string]*etree.Element // the diSource map holding it
	k   string                    // its key there
}

// diIndex maps the snapshot's DI elements to their keys.
func (en *encoder) diIndex() map[*etree.Element]diRef {
	m := map[*etree.Element]diRef{}
	for i, g := range en.old.Diagrams {
		dk := diagramKey(i, g)
		src := en.s.diagrams[dk]
		if src == nil {
			continue
		}
		for _, sh := range g.Shapes {
			k := shapeKey(sh)
			if x := src.shapes[k]; x != nil {
				m[x] = diRef{diKey(dk, "s", k), sh, src.shapes, k}
			}
		}
		for _, ed := range g.Edges {
			k := edgeKey(ed)
			if x := src.edges[k]; x != nil {
				m[x] = diRef{diKey(dk, "e", k), ed, src.edges, k}
			}
		}
	}
	return m
}

// ---- metadata ------------------------------------------------------------

func (en *encoder) meta() {
	oh, nh := metaHolder(en.old), metaHolder(en.d)
	if oh == nh && metaEqual(&en.old.Meta, &en.d.Meta) {
		return
	}
	if oh != "" && oh != nh {
		if e := en.s.byID[oh]; e != nil {
			en.writeMeta(e, &model.Meta{})
		}
	}
	if e := en.s.byID[nh]; nh != "" && e != nil {
		en.writeMeta(e, &en.d.Meta)
	}
}

// onlySpace reports an element whose children are all whitespace text.
func onlySpace(e *etree.Element) bool {
	for _, c := range e.Child {
		if cd, ok := c.(*etree.CharData); !ok || cd.IsCData() || !isSpace(cd.Data) {
			return false
		}
	}
	return true
}
