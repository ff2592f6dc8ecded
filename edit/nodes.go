package edit

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"lanemap/model"
)

// ErrNoChange is returned when a request would change nothing; no undo
// step is recorded. Callers may ignore it.
var ErrNoChange = errors.New("edit: nothing to change")

func errNo(what, id string) error { return fmt.Errorf("edit: no %s with id %q", what, id) }

// nodeOf returns the node with this id and its shape.
func (s *Session) nodeOf(id string) (*model.Node, *model.Shape, error) {
	n := s.Doc.Node(id)
	if n == nil {
		return nil, nil, errNo("node", id)
	}
	sh := s.Shape(id)
	if sh == nil {
		return nil, nil, fmt.Errorf("edit: %s %q has no shape in diagram %q", n.Kind, id, s.Diagram.ID)
	}
	return n, sh, nil
}

// what names an element for error messages and undo labels.
func what(k model.Kind) string {
	if k == "" {
		return "element"
	}
	return string(k)
}

// AddNode places a new element of kind k centred on at inside container: a
// lane, pool, process or sub-process id (an activity id for boundary
// events; the collaboration id or "" for annotations and groups). Lane
// membership follows where the shape lands; the lane and pool grow when it
// does not fit. It returns the new id.
func (s *Session) AddNode(k model.Kind, container string, at model.Point) (string, error) {
	var id string
	err := s.runNamed(LabelKey{"addNode", string(k)}, "Add "+what(k), "", func(t *tx) error {
		var err error
		id, err = s.addNode(t, k, container, at)
		return err
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

func (s *Session) addNode(t *tx, k model.Kind, container string, at model.Point) (string, error) {
	d := s.Doc
	if k == model.DataObject {
		k = model.DataObjectReference // a data object is drawn through a reference
	}
	if !(k.IsFlowNode() || k.IsData() || k.IsArtifact()) {
		return "", fmt.Errorf("edit: cannot add a %s as a node (use AddPool, AddLane or Connect)", what(k))
	}
	if container == "" && len(d.Collaborations) > 0 {
		container = d.Collaborations[0].ID
	}
	if container == "" {
		container = s.Diagram.Element
	}
	if !model.CanDrop(d, k, container) {
		return "", fmt.Errorf("edit: a %s cannot be placed in %q", what(k), container)
	}
	w, h := k.DefaultSize()
	r := centered(at, w, h)
	n := &model.Node{ID: model.NewID(k), Kind: k}
	switch k {
	case model.BoundaryEvent:
		n.CancelActivity = true
	case model.StartEvent:
		n.IsInterrupting = true
	}
	var pl place
	switch e := d.Element(container).(type) {
	case *model.Lane:
		proc := d.LaneProcess(e.ID)
		pl = place{container: proc.ID, proc: proc}
		if ls := s.Shape(e.ID); ls != nil {
			a := s.laneAxis(proc.ID)
			// Keep the new shape inside the lane the user chose.
			st, sz := a.stack(ls.Bounds)
			rs, rz := a.stack(r)
			if rs+rz/2 <= st || rs+rz/2 >= st+sz {
				r = a.setStack(r, st+sz/2-rz/2, rz)
			}
			pl.lanes = s.lanesAt(proc, r.Center())
		} else {
			for l := e; l != nil; l = d.LaneParent(l.ID) {
				pl.lanes = append([]*model.Lane{l}, pl.lanes...)
			}
		}
	case *model.Participant:
		proc := d.Process(e.ProcessRef)
		if proc == nil {
			return "", fmt.Errorf("edit: pool %q has no process", e.ID)
		}
		pl = place{container: proc.ID, proc: proc, lanes: s.lanesAt(proc, r.Center())}
	case *model.Process:
		pl = place{container: e.ID, proc: e, lanes: s.lanesAt(e, r.Center())}
	case *model.Collaboration:
		pl = place{container: e.ID}
	case *model.Node:
		if k == model.BoundaryEvent {
			hs := s.Shape(e.ID)
			if hs == nil {
				return "", fmt.Errorf("edit: activity %q has no shape", e.ID)
			}
			r = centered(onBorder(hs.Bounds, at), w, h)
			n.AttachedTo = e.ID
			pl = place{container: e.Container, proc: d.ProcessOf(e.ID)}
			if pl.proc != nil && e.Container == pl.proc.ID {
				pl.lanes = s.lanesAt(pl.proc, r.Center())
			}
		} else {
			pl = place{container: e.ID, proc: d.ProcessOf(e.ID)}
		}
	default:
		return "", fmt.Errorf("edit: no container with id %q", container)
	}
	n.Container = pl.container
	t.addNode(n)
	if k == model.DataObjectReference {
		s.addDataObject(t, n, nil)
	}
	sh := &model.Shape{ID: n.ID + "_di", Element: n.ID, Bounds: r}
	switch {
	case k.IsSubProcess():
		sh.IsExpanded = model.Bool(true)
	case k == model.ExclusiveGateway:
		sh.IsMarkerVisible = model.Bool(true)
	}
	t.addShape(sh)
	if k != model.BoundaryEvent {
		s.fit(t, n, sh.Bounds)
	}
	// Membership is decided once the pool has grown to hold the node.
	if k.IsFlowNode() && pl.proc != nil && pl.container == pl.proc.ID {
		lanes := s.lanesAt(pl.proc, sh.Bounds.Center())
		if len(lanes) == 0 {
			lanes = pl.lanes // a lane without DI named by the caller
		}
		s.setLanes(t, n.ID, lanes)
	}
	return n.ID, nil
}

// addDataObject gives a data object reference its own data object (the
// semantic element, which has no shape), copied from like when given.
func (s *Session) addDataObject(t *tx, ref *model.Node, like *model.Node) {
	obj := &model.Node{ID: model.NewID(model.DataObject), Kind: model.DataObject, Container: ref.Container}
	if like != nil {
		obj.Name, obj.IsCollection, obj.Documentation = like.Name, like.IsCollection, like.Documentation
	}
	t.addNode(obj)
	ref.ItemRef = obj.ID
}

// onBorder returns the point of r's border nearest to p.
func onBorder(r model.Rect, p model.Point) model.Point {
	x := math.Max(r.X, math.Min(p.X, r.X+r.W))
	y := math.Max(r.Y, math.Min(p.Y, r.Y+r.H))
	dl, dr, dt, db := math.Abs(x-r.X), math.Abs(r.X+r.W-x), math.Abs(y-r.Y), math.Abs(r.Y+r.H-y)
	switch math.Min(math.Min(dl, dr), math.Min(dt, db)) {
	case db:
		y = r.Y + r.H
	case dt:
		y = r.Y
	case dr:
		x = r.X + r.W
	default:
		x = r.X
	}
	return model.Point{X: x, Y: y}
}

// Rename sets the name of any element (the text of an annotation).
// Consecutive renames of one element merge into one undo step.
func (s *Session) Rename(id, name string) error {
	if s.Doc.Element(id) == nil {
		return errNo("element", id)
	}
	return s.runNamed(LabelKey{"rename", name}, "Rename", "name:"+id, func(t *tx) error {
		switch e := s.Doc.Element(id).(type) {
		case *model.Node:
			if e.Kind == model.TextAnnotation {
				t.node(e).Text = name
			} else {
				old := e.Name
				t.node(e).Name = name
				s.gatewayLabel(t, e, old)
			}
		default:
			if n, _ := t.texts(e); n != nil {
				*n = name
			}
		}
		return nil
	})
}

// texts records e for change and returns its name and documentation
// fields (nil for an element that has none).
func (t *tx) texts(e any) (name, doc *string) {
	switch e := e.(type) {
	case *model.Node:
		n := t.node(e)
		return &n.Name, &n.Documentation
	case *model.Flow:
		f := t.flow(e)
		return &f.Name, &f.Documentation
	case *model.Lane:
		l := t.lane(e)
		return &l.Name, &l.Documentation
	case *model.Participant:
		p := t.participant(e)
		return &p.Name, &p.Documentation
	case *model.Process:
		p := t.process(e)
		return &p.Name, &p.Documentation
	case *model.Collaboration:
		c := t.collaboration(e)
		return &c.Name, &c.Documentation
	}
	return nil, nil
}

// SetDocumentation sets the documentation text of an element. Consecutive
// edits of one element merge into one undo step.
func (s *Session) SetDocumentation(id, text string) error {
	if s.Doc.Element(id) == nil {
		return errNo("element", id)
	}
	return s.runNamed(LabelKey{"editDocumentation", s.nameOf(id)}, "Edit documentation", "doc:"+id, func(t *tx) error {
		if _, d := t.texts(s.Doc.Element(id)); d != nil {
			*d = text
		}
		return nil
	})
}

// SetLinks replaces the routine and document links of a node or pool.
func (s *Session) SetLinks(id string, links []model.Link) error {
	switch s.Doc.Element(id).(type) {
	case *model.Node, *model.Participant:
	case nil:
		return errNo("element", id)
	default:
		return fmt.Errorf("edit: %q cannot carry links (only nodes and pools)", id)
	}
	return s.run("Edit links", "", func(t *tx) error {
		switch e := s.Doc.Element(id).(type) {
		case *model.Node:
			t.node(e).Links = slices.Clone(links)
		case *model.Participant:
			t.participant(e).Links = slices.Clone(links)
		}
		return nil
	})
}

// SetMeta replaces the file's process metadata.
func (s *Session) SetMeta(m model.Meta) error {
	return s.run("Edit process data", "", func(t *tx) error {
		t.top()
		s.Doc.Meta = cloneMeta(m)
		return nil
	})
}

// family groups kinds that may turn into each other.
func family(k model.Kind) string {
	switch {
	case k == model.BoundaryEvent:
		return "boundary"
	case k.IsActivity():
		return "activity"
	case k.IsEvent():
		return "event"
	case k.IsGateway():
		return "gateway"
	case k == model.DataObjectReference || k == model.DataObject:
		return "dataobject"
	}
	return string(k)
}

// SetKind changes a node's type within its family (task ↔ user task ↔
// sub-process, one event or gateway type to another). It fails when a
// connected flow would no longer be allowed.
func (s *Session) SetKind(id string, k model.Kind) error {
	n, sh, err := s.nodeOf(id)
	if err != nil {
		return err
	}
	if n.Kind == k {
		return ErrNoChange
	}
	if family(n.Kind) != family(k) {
		return fmt.Errorf("edit: a %s cannot become a %s", n.Kind, what(k))
	}
	if n.Kind.IsSubProcess() && !k.IsSubProcess() {
		if in := len(s.graph().inside[id]); in > 0 {
			return fmt.Errorf("edit: sub-process %q still holds %d elements; move or delete them first", id, in)
		}
	}
	return s.runNamed(LabelKey{"changeType", string(k)}, "Change type", "", func(t *tx) error {
		old := n.Kind
		t.node(n).Kind = k
		for _, f := range s.Doc.Flows {
			if f.Source != id && f.Target != id {
				continue
			}
			if got, ok := model.CanConnect(s.Doc, f.Source, f.Target); !ok || got != f.Kind {
				return fmt.Errorf("edit: a %s cannot keep %s %q", k, f.Kind, f.ID)
			}
		}
		nw, nh := k.DefaultSize()
		resize := family(old) != "activity" // events and gateways keep their kind's size
		switch {
		case k.IsSubProcess() && !old.IsSubProcess():
			// A task becomes a collapsed sub-process of the same size.
			t.shape(sh).IsExpanded = model.Bool(false)
		case old.IsSubProcess() && !k.IsSubProcess():
			// An (empty) sub-process becomes an ordinary activity.
			resize = sh.Bounds.W != nw || sh.Bounds.H != nh
			if sh.IsExpanded != nil {
				t.shape(sh).IsExpanded = nil
			}
		}
		if k == model.ExclusiveGateway && sh.IsMarkerVisible == nil {
			t.shape(sh).IsMarkerVisible = model.Bool(true)
		}
		if resize && (sh.Bounds.W != nw || sh.Bounds.H != nh) {
			t.shape(sh).Bounds = centered(sh.Bounds.Center(), nw, nh)
			moved := map[string]bool{id: true}
			for _, b := range s.graph().attached[id] {
				if bs := s.Shape(b.ID); bs != nil {
					c := onBorder(sh.Bounds, bs.Bounds.Center())
					moveShape(t, bs, c.X-bs.Bounds.Center().X, c.Y-bs.Bounds.Center().Y)
					moved[b.ID] = true
				}
			}
			s.rerouteAttached(t, moved)
		}
		return nil
	})
}
