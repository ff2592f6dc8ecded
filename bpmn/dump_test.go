package bpmn

import (
	"fmt"
	"strings"

	"lanemap/model"
)

// dump renders a model (and warnings) as stable text for goldens and for
// comparing two decodes.
func dump(d *model.Definitions, warns []Warning) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("definitions id=%q name=%q tns=%q", d.ID, d.Name, d.TargetNamespace)
	if !metaEmpty(&d.Meta) {
		p("meta %+v", d.Meta)
	}
	for _, c := range d.Collaborations {
		p("collaboration %s name=%q doc=%q", c.ID, c.Name, c.Documentation)
		for _, x := range c.Participants {
			p("  participant %s name=%q process=%q doc=%q links=%v", x.ID, x.Name, x.ProcessRef, x.Documentation, x.Links)
		}
	}
	for _, pr := range d.Processes {
		p("process %s name=%q exec=%v laneSet=%q doc=%q", pr.ID, pr.Name, pr.IsExecutable, pr.LaneSetID, pr.Documentation)
		var walk func(ls []*model.Lane, ind string)
		walk = func(ls []*model.Lane, ind string) {
			for _, l := range ls {
				p("%slane %s name=%q role=%q refs=%v childSet=%q doc=%q", ind, l.ID, l.Name, l.Role, l.NodeRefs, l.ChildLaneSetID, l.Documentation)
				walk(l.Children, ind+"  ")
			}
		}
		walk(pr.Lanes, "  ")
	}
	for _, n := range d.Nodes {
		p("node %s %s in=%s name=%q", n.Kind, n.ID, n.Container, n.Name)
		var extra []string
		add := func(cond bool, format string, args ...any) {
			if cond {
				extra = append(extra, fmt.Sprintf(format, args...))
			}
		}
		add(n.Documentation != "", "doc=%q", n.Documentation)
		add(len(n.Links) > 0, "links=%v", n.Links)
		add(len(n.EventDefs) > 0, "defs=%v", n.EventDefs)
		add(n.ParallelMultiple, "parallelMultiple")
		add(n.AttachedTo != "", "attachedTo=%s", n.AttachedTo)
		add(n.Kind == model.BoundaryEvent, "cancel=%v", n.CancelActivity)
		add(n.Kind == model.StartEvent && !n.IsInterrupting, "nonInterrupting")
		add(n.Loop != model.NoLoop, "loop=%d", n.Loop)
		add(n.IsForCompensation, "compensation")
		add(n.TriggeredByEvent, "triggeredByEvent")
		add(n.CalledElement != "", "called=%s", n.CalledElement)
		add(n.CalledKind != "", "calledKind=%s", n.CalledKind)
		add(n.Default != "", "default=%s", n.Default)
		add(n.Instantiate, "instantiate")
		add(n.EventGatewayType != "" && n.EventGatewayType != "Exclusive", "gatewayType=%s", n.EventGatewayType)
		add(n.IsCollection, "collection")
		add(n.DataState != "", "state=%q", n.DataState)
		add(n.ItemRef != "", "item=%s", n.ItemRef)
		add(n.Text != "", "text=%q", n.Text)
		add(n.CategoryValueRef != "", "category=%s", n.CategoryValueRef)
		add(n.CategoryValue != "", "categoryValue=%q", n.CategoryValue)
		if len(extra) > 0 {
			p("  %s", strings.Join(extra, " "))
		}
	}
	for _, f := range d.Flows {
		p("flow %s %s in=%s %s->%s name=%q cond=%q dir=%q doc=%q", f.Kind, f.ID, f.Container, f.Source, f.Target, f.Name, f.Condition, f.Direction, f.Documentation)
		if f.HasCondition || f.Condition != "" { // a condition text implies the element
			p("  conditional")
		}
	}
	for _, g := range d.Diagrams {
		p("diagram %s name=%q plane=%s element=%s", g.ID, g.Name, g.PlaneID, g.Element)
		for _, s := range g.Shapes {
			p("  shape %s %s %v h=%s x=%s m=%s label=%s style=%v", s.ID, s.Element, s.Bounds, pb(s.IsHorizontal), pb(s.IsExpanded), pb(s.IsMarkerVisible), pr(s.Label), s.Style)
		}
		for _, e := range g.Edges {
			p("  edge %s %s %v label=%s style=%v", e.ID, e.Element, e.Waypoints, pr(e.Label), e.Style)
			if e.MessageVisibleKind != "" {
				p("    message=%s", e.MessageVisibleKind)
			}
		}
	}
	for _, w := range warns {
		p("warning %s", w)
	}
	return b.String()
}

func pb(b *bool) string {
	if b == nil {
		return "-"
	}
	return fmt.Sprint(*b)
}

func pr(r *model.Rect) string {
	if r == nil {
		return "-"
	}
	return fmt.Sprint(*r)
}
