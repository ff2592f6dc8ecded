package edit

import (
	"fmt"
	"math"

	"lanemap/model"
)

// Clipboard holds copied nodes, the flows among them and their DI, as
// values detached from any document. It can be pasted any number of times,
// also into another session.
type Clipboard struct {
	Nodes  []model.Node
	Shapes []model.Shape
	Flows  []model.Flow
	Edges  []model.Edge
	// Box is the bounding box of the copied shapes.
	Box model.Rect
}

// Empty reports a clipboard with nothing to paste.
func (c Clipboard) Empty() bool { return len(c.Nodes) == 0 }

// Copy takes nodes (with their boundary events and sub-process content) and
// the flows between them. Unknown ids and non-nodes are skipped.
func (s *Session) Copy(ids []string) Clipboard {
	set := map[string]bool{}
	for _, id := range ids {
		if n := s.Doc.Node(id); n != nil && s.Shape(id) != nil {
			set[id] = true
		}
	}
	s.closure(set)
	var c Clipboard
	for _, n := range s.Doc.Nodes { // document order keeps parents first
		if !set[n.ID] {
			continue
		}
		sh := s.Shape(n.ID)
		if sh == nil {
			continue
		}
		c.Nodes = append(c.Nodes, cloneNode(*n))
		c.Shapes = append(c.Shapes, cloneShape(*sh))
		c.Box = c.Box.Union(sh.Bounds)
	}
	for _, f := range s.Doc.Flows {
		if set[f.Source] && set[f.Target] {
			c.Flows = append(c.Flows, *f)
			if e := s.Edge(f.ID); e != nil {
				c.Edges = append(c.Edges, cloneEdge(*e))
			} else {
				c.Edges = append(c.Edges, model.Edge{Element: f.ID})
			}
		}
	}
	return c
}

// Paste adds a copy of c with fresh ids, its bounding box centred on at.
// Pasted nodes join the container and lanes where they land; flows that
// are not allowed there are left out. It returns the new node ids.
func (s *Session) Paste(c Clipboard, at model.Point) ([]string, error) {
	if c.Empty() {
		return nil, ErrNoChange
	}
	if len(c.Shapes) != len(c.Nodes) || len(c.Edges) != len(c.Flows) {
		return nil, fmt.Errorf("edit: clipboard is inconsistent")
	}
	var out []string
	err := s.run("Paste", "", func(t *tx) error {
		var err error
		out, err = s.paste(t, c, at.X-(c.Box.X+c.Box.W/2), at.Y-(c.Box.Y+c.Box.H/2))
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Duplicate copies nodes and pastes them right beside the originals, one
// step further along the flow.
func (s *Session) Duplicate(ids []string) ([]string, error) {
	c := s.Copy(ids)
	if c.Empty() {
		if len(ids) > 0 {
			return nil, errNo("node", ids[0])
		}
		return nil, ErrNoChange
	}
	a := ax(true)
	if p := s.Doc.ProcessOf(c.Nodes[0].ID); p != nil {
		a = s.laneAxis(p.ID)
	}
	var dx, dy float64
	if a {
		dx = c.Box.W + Gap
	} else {
		dy = c.Box.H + Gap
	}
	var out []string
	err := s.run("Duplicate", "", func(t *tx) error {
		var err error
		out, err = s.paste(t, c, dx, dy)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Session) paste(t *tx, c Clipboard, dx, dy float64) ([]string, error) {
	d := s.Doc
	dx, dy = math.Round(dx), math.Round(dy)
	ids := map[string]string{}
	for _, n := range c.Nodes {
		ids[n.ID] = model.NewID(n.Kind)
	}
	for _, f := range c.Flows {
		ids[f.ID] = model.NewID(f.Kind)
	}
	var out []string
	var tops []*model.Node
	for i, v := range c.Nodes {
		n := cloneNode(v)
		n.ID = ids[v.ID]
		n.Default = ids[v.Default]
		inner := false
		if m, ok := ids[v.Container]; ok {
			n.Container, inner = m, true
		}
		if m, ok := ids[v.AttachedTo]; ok {
			n.AttachedTo, inner = m, true
		} else if v.AttachedTo != "" {
			n.AttachedTo = v.AttachedTo // a lone boundary event keeps its host
		}
		np := &n
		t.addNode(np)
		sh := cloneShape(c.Shapes[i])
		sh.ID, sh.Element = n.ID+"_di", n.ID
		sh.Bounds = sh.Bounds.Translate(dx, dy)
		if sh.Label != nil {
			l := sh.Label.Translate(dx, dy)
			sh.Label = &l
		}
		t.addShape(&sh)
		out = append(out, n.ID)
		if !inner {
			tops = append(tops, np)
		}
	}
	pasted := map[string]bool{}
	for _, id := range out {
		pasted[id] = true
	}
	// Place the top nodes where they landed.
	for _, n := range tops {
		sh := s.Shape(n.ID)
		if n.Kind == model.BoundaryEvent {
			host := s.Shape(n.AttachedTo)
			if host == nil || d.Node(n.AttachedTo) == nil {
				return nil, fmt.Errorf("edit: boundary event %q has no host to paste onto", n.ID)
			}
			c := onBorder(host.Bounds, sh.Bounds.Center())
			moveShape(t, sh, c.X-sh.Bounds.Center().X, c.Y-sh.Bounds.Center().Y)
			n.Container = d.Node(n.AttachedTo).Container
			continue
		}
		if n.Kind.IsArtifact() {
			if len(d.Collaborations) > 0 {
				n.Container = d.Collaborations[0].ID
			} else {
				n.Container = s.Diagram.Element
			}
			if pl, ok := s.landing(sh.Bounds.Center(), nil); ok {
				n.Container = pl.container
			}
			continue
		}
		pl, ok := s.landing(sh.Bounds.Center(), pasted) // never into its own copy
		if !ok {
			return nil, fmt.Errorf("edit: a %s cannot be pasted outside a pool", n.Kind)
		}
		if !model.CanDrop(d, n.Kind, pl.container) {
			return nil, fmt.Errorf("edit: a %s cannot be pasted into %q", n.Kind, pl.container)
		}
		n.Container = pl.container
		if n.Kind.IsFlowNode() && pl.proc != nil && pl.container == pl.proc.ID {
			s.setLanes(t, n.ID, pl.lanes)
		}
	}
	// Each pasted data object reference gets its own data object.
	for _, id := range out {
		if n := d.Node(id); n != nil && n.Kind == model.DataObjectReference {
			like := d.Node(n.ItemRef)
			if like != nil && like.Kind != model.DataObject {
				like = nil
			}
			s.addDataObject(t, n, like)
		}
	}
	s.bump() // containers were set after the nodes were added
	for i, v := range c.Flows {
		f := v
		f.ID = ids[v.ID]
		f.Source, f.Target = ids[v.Source], ids[v.Target]
		k, ok := model.CanConnect(d, f.Source, f.Target)
		if !ok {
			continue
		}
		if k != f.Kind && !(f.Kind == model.MessageFlow || f.Kind == model.SequenceFlow) {
			continue
		}
		f.Kind = k
		f.Container = s.flowContainer(k, f.Source, f.Target)
		t.addFlow(&f)
		e := cloneEdge(c.Edges[i])
		e.ID, e.Element = f.ID+"_di", f.ID
		for j := range e.Waypoints {
			e.Waypoints[j].X += dx
			e.Waypoints[j].Y += dy
		}
		if e.Label != nil {
			l := e.Label.Translate(dx, dy)
			e.Label = &l
		}
		t.addEdge(&e)
		if len(e.Waypoints) < 2 {
			_ = s.route(t, &f) // both ends were just placed: cannot fail
		}
	}
	// Defaults pointing at flows that were left out go.
	for _, id := range out {
		n := d.Node(id)
		if n.Default != "" && d.Flow(n.Default) == nil {
			n.Default = ""
		}
	}
	for _, n := range tops {
		if !n.Kind.IsArtifact() && n.Kind != model.BoundaryEvent {
			s.fit(t, n, s.Shape(n.ID).Bounds)
		}
	}
	return out, nil
}
