package bpmn

import (
	"slices"

	"lanemap/model"
)

// cloneDefs deep-copies d: the snapshot must not share anything with the
// caller's model, which keeps changing.
func cloneDefs(d *model.Definitions) *model.Definitions {
	c := &model.Definitions{ID: d.ID, Name: d.Name, TargetNamespace: d.TargetNamespace, Meta: d.Meta}
	c.Meta.Links = slices.Clone(d.Meta.Links)
	c.Meta.Tags = slices.Clone(d.Meta.Tags)
	for _, x := range d.Collaborations {
		y := *x
		y.Participants = nil
		for _, p := range x.Participants {
			q := *p
			q.Links = slices.Clone(p.Links)
			y.Participants = append(y.Participants, &q)
		}
		c.Collaborations = append(c.Collaborations, &y)
	}
	for _, p := range d.Processes {
		q := *p
		q.Lanes = cloneLanes(p.Lanes)
		c.Processes = append(c.Processes, &q)
	}
	c.Nodes = make([]*model.Node, len(d.Nodes))
	for i, n := range d.Nodes {
		m := *n
		m.Links = slices.Clone(n.Links)
		m.EventDefs = slices.Clone(n.EventDefs)
		c.Nodes[i] = &m
	}
	c.Flows = make([]*model.Flow, len(d.Flows))
	for i, f := range d.Flows {
		g := *f
		c.Flows[i] = &g
	}
	for _, g := range d.Diagrams {
		h := *g
		h.Shapes = make([]*model.Shape, len(g.Shapes))
		for i, s := range g.Shapes {
			t := *s
			t.IsHorizontal = cloneBool(s.IsHorizontal)
			t.IsExpanded = cloneBool(s.IsExpanded)
			t.IsMarkerVisible = cloneBool(s.IsMarkerVisible)
			t.Label = cloneRect(s.Label)
			h.Shapes[i] = &t
		}
		h.Edges = make([]*model.Edge, len(g.Edges))
		for i, e := range g.Edges {
			f := *e
			f.Waypoints = slices.Clone(e.Waypoints)
			f.Label = cloneRect(e.Label)
			h.Edges[i] = &f
		}
		c.Diagrams = append(c.Diagrams, &h)
	}
	return c
}

func cloneLanes(ls []*model.Lane) []*model.Lane {
	if ls == nil {
		return nil
	}
	out := make([]*model.Lane, len(ls))
	for i, l := range ls {
		m := *l
		m.NodeRefs = slices.Clone(l.NodeRefs)
		m.Children = cloneLanes(l.Children)
		out[i] = &m
	}
	return out
}

func cloneBool(b *bool) *bool {
	if b == nil {
		return nil
	}
	v := *b
	return &v
}

func cloneRect(r *model.Rect) *model.Rect {
	if r == nil {
		return nil
	}
	v := *r
	return &v
}
