package bpmn

import (
	"slices"
	"strconv"
	"strings"

	"github.com/beevik/etree"

	"lanemap/model"
)

// Diagram interchange: diagrams, shapes, edges, labels, colours.

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func (en *encoder) diagrams() {
	s := en.s
	oldD := map[string]*model.Diagram{}
	for i, g := range en.old.Diagrams {
		oldD[diagramKey(i, g)] = g
	}
	seen := map[string]bool{}
	for i, g := range en.d.Diagrams {
		key := diagramKey(i, g)
		seen[key] = true
		o := oldD[key]
		src := s.diagrams[key]
		if src == nil {
			// An undo of a diagram's removal: the kept one comes back.
			if r := s.take(diKey(key, "d", ""), func(x any) bool { _, ok := x.(keptDiagram); return ok }); r != nil && s.revive(r, s.root) {
				kd := r.old.(keptDiagram)
				src, o = kd.src, kd.g
				s.diagrams[key] = src
			}
		}
		if o == nil || src == nil {
			src = en.newDiagram(g)
			s.diagrams[key] = src
			o = &model.Diagram{}
		}
		en.str(src.diagram, "name", o.Name, g.Name)
		en.str(src.plane, "id", o.PlaneID, g.PlaneID)
		en.qname(src.plane, "bpmnElement", o.Element, g.Element)
		en.shapes(key, src, o, g)
		en.edges(key, src, o, g)
	}
	for key, src := range s.diagrams {
		if !seen[key] && oldD[key] != nil {
			s.keepID(diKey(key, "d", ""), src.diagram, keptDiagram{oldD[key], src})
			delete(s.diagrams, key)
		}
	}
	// Keys by position shift when diagrams come and go; re-key.
	fresh := map[string]*diSource{}
	for i, g := range en.d.Diagrams {
		if src := s.diagrams[diagramKey(i, g)]; src != nil {
			fresh[diagramKey(i, g)] = src
		}
	}
	s.diagrams = fresh
}

func (en *encoder) newDiagram(g *model.Diagram) *diSource {
	s := en.s
	de := en.newChild(s.root, BPMNDI, "BPMNDiagram")
	if g.ID != "" {
		de.CreateAttr("id", g.ID)
	}
	pe := en.newChild(de, BPMNDI, "BPMNPlane")
	if g.PlaneID != "" {
		pe.CreateAttr("id", g.PlaneID)
	}
	return &diSource{diagram: de, plane: pe, shapes: map[string]*etree.Element{}, edges: map[string]*etree.Element{}}
}

func (en *encoder) isContainerShape(elementID string) bool {
	e := en.s.byID[elementID]
	return e != nil && (e.Tag == "participant" || e.Tag == "lane")
}

func (en *encoder) shapes(dk string, src *diSource, o, g *model.Diagram) {
	old := map[string]*model.Shape{}
	for _, sh := range o.Shapes {
		old[shapeKey(sh)] = sh
	}
	seen := map[string]bool{}
	for _, sh := range g.Shapes {
		k := shapeKey(sh)
		seen[k] = true
		os := old[k]
		e := src.shapes[k]
		isNew := false
		if os == nil || e == nil {
			if en.deletedOrMissing(sh.Element) {
				continue // never write DI for something that is not there
			}
			if r := en.reviveDI(src, diKey(dk, "s", k), func(x any) bool { _, ok := x.(*model.Shape); return ok }); r != nil {
				e = r.elem
				c := *r.old.(*model.Shape)
				os = &c
				en.qname(e, "bpmnElement", os.Element, sh.Element)
			} else {
				e = en.newShape(src, sh)
				os = &model.Shape{}
				isNew = true
				en.qname(e, "bpmnElement", "", sh.Element)
			}
			src.shapes[k] = e
		} else {
			en.qname(e, "bpmnElement", os.Element, sh.Element)
		}
		en.optBool(e, "isHorizontal", os.IsHorizontal, sh.IsHorizontal)
		en.optBool(e, "isExpanded", os.IsExpanded, sh.IsExpanded)
		en.optBool(e, "isMarkerVisible", os.IsMarkerVisible, sh.IsMarkerVisible)
		if os.Bounds != sh.Bounds || isNew {
			en.bounds(e, DC, &os.Bounds, sh.Bounds, true)
		}
		en.label(e, os.Label, sh.Label)
		en.colors(e, os.Style, sh.Style)
	}
	for k, e := range src.shapes {
		if !seen[k] && old[k] != nil {
			en.s.keepID(diKey(dk, "s", k), e, old[k])
			delete(src.shapes, k)
		}
	}
}

func (en *encoder) newShape(src *diSource, sh *model.Shape) *etree.Element {
	s := en.s
	e := etree.NewElement("BPMNShape")
	if q := s.qualify(src.plane, BPMNDI, "BPMNShape"); q != "BPMNShape" {
		e.Space = strings.TrimSuffix(q, ":BPMNShape")
	}
	s.ns.set(e, BPMNDI)
	if sh.ID != "" {
		e.CreateAttr("id", sh.ID)
	}
	// Pools and lanes go before the content so other tools paint them
	// underneath.
	if en.isContainerShape(sh.Element) {
		var lastPool, first *etree.Element
		for _, x := range childElems(src.plane) {
			if s.nsURI(x) != BPMNDI || (x.Tag != "BPMNShape" && x.Tag != "BPMNEdge") {
				continue
			}
			if first == nil {
				first = x
			}
			if x.Tag == "BPMNShape" && en.isContainerShape(s.localRef(attrv(x, "bpmnElement"))) {
				lastPool = x
			}
		}
		switch {
		case lastPool != nil:
			s.insertAfter(lastPool, e)
			return e
		case first != nil:
			s.insertBefore(first, e)
			return e
		}
	}
	s.place(src.plane, e, BPMNDI)
	return e
}

func (en *encoder) optBool(e *etree.Element, key string, old, v *bool) {
	if (old == nil) == (v == nil) && (old == nil || *old == *v) {
		return
	}
	if v == nil {
		removeAttr(e, key)
	} else {
		setAttr(e, key, strconv.FormatBool(*v))
	}
}

// bounds updates (or creates) the dc:Bounds child, attribute by attribute.
func (en *encoder) bounds(e *etree.Element, uri string, old *model.Rect, r model.Rect, create bool) {
	var b *etree.Element
	for _, x := range childElems(e) {
		if x.Tag == "Bounds" && en.s.nsURI(x) == DC {
			b = x
			break
		}
	}
	fresh := b == nil
	if b == nil {
		if !create {
			return
		}
		b = en.newChild(e, uri, "Bounds")
		for _, k := range []string{"x", "y", "width", "height"} {
			b.CreateAttr(k, "0")
		}
		old = &model.Rect{}
	}
	set := func(k string, o, v float64) {
		switch {
		case fresh:
			setAttr(b, k, fmtNum(v))
		case o != v:
			en.s.setNum(b, k, v)
		}
	}
	set("x", old.X, r.X)
	set("y", old.Y, r.Y)
	set("width", old.W, r.W)
	set("height", old.H, r.H)
}

func (en *encoder) label(e *etree.Element, old, v *model.Rect) {
	if (old == nil) == (v == nil) && (old == nil || *old == *v) {
		return
	}
	var l *etree.Element
	for _, x := range childElems(e) {
		if x.Tag == "BPMNLabel" && en.s.nsURI(x) == BPMNDI {
			l = x
			break
		}
	}
	if v == nil {
		if l != nil {
			for _, x := range childElems(l) {
				if x.Tag == "Bounds" && en.s.nsURI(x) == DC {
					detach(x)
				}
			}
			if len(childElems(l)) == 0 && len(l.Attr) == 0 {
				detach(l)
			}
		}
		return
	}
	if l == nil {
		l = en.newChild(e, BPMNDI, "BPMNLabel")
	}
	o := old
	if o == nil {
		o = &model.Rect{}
	}
	en.bounds(l, DC, o, *v, true)
}

// colors writes fill and stroke into the attributes the element already
// uses; new colours go in both bioc: and color: like bpmn.io writes them.
func (en *encoder) colors(e *etree.Element, old, v model.Colors) {
	if old == v {
		return
	}
	s := en.s
	one := func(o, n string, pairs [][2]string) {
		if o == n {
			return
		}
		found := false
		for _, p := range pairs {
			if i, ok := s.nsAttr(e, p[0], p[1]); ok {
				found = true
				if n == "" {
					e.Attr = append(e.Attr[:i], e.Attr[i+1:]...)
				} else {
					e.Attr[i].Value = n
				}
			}
		}
		if found || n == "" {
			return
		}
		for _, p := range pairs {
			e.CreateAttr(s.prefixFor(e, p[0], true)+":"+p[1], n)
		}
	}
	one(old.Stroke, v.Stroke, [][2]string{{BioColor, "stroke"}, {Color, "border-color"}})
	one(old.Fill, v.Fill, [][2]string{{BioColor, "fill"}, {Color, "background-color"}})
	if old.Label != v.Label {
		// The label colour is color:color on the BPMNLabel (bpmn.io does the same).
		l := s.diLabel(e)
		switch {
		case v.Label == "" && l != nil:
			if i, ok := s.nsAttr(l, Color, "color"); ok {
				l.Attr = append(l.Attr[:i], l.Attr[i+1:]...)
			}
		case v.Label != "":
			if l == nil {
				l = en.newChild(e, BPMNDI, "BPMNLabel")
			}
			if i, ok := s.nsAttr(l, Color, "color"); ok {
				l.Attr[i].Value = v.Label
			} else {
				l.CreateAttr(s.prefixFor(l, Color, true)+":color", v.Label)
			}
		}
	}
}

func (en *encoder) edges(dk string, src *diSource, o, g *model.Diagram) {
	old := map[string]*model.Edge{}
	for _, ed := range o.Edges {
		old[edgeKey(ed)] = ed
	}
	seen := map[string]bool{}
	for _, ed := range g.Edges {
		k := edgeKey(ed)
		seen[k] = true
		oe := old[k]
		e := src.edges[k]
		if oe == nil || e == nil {
			if en.deletedOrMissing(ed.Element) {
				continue
			}
			if r := en.reviveDI(src, diKey(dk, "e", k), func(x any) bool { _, ok := x.(*model.Edge); return ok }); r != nil {
				e = r.elem
				c := *r.old.(*model.Edge)
				oe = &c
				en.qname(e, "bpmnElement", oe.Element, ed.Element)
			} else {
				e = en.newChild(src.plane, BPMNDI, "BPMNEdge")
				if ed.ID != "" {
					e.CreateAttr("id", ed.ID)
				}
				oe = &model.Edge{}
				en.qname(e, "bpmnElement", "", ed.Element)
			}
			src.edges[k] = e
		} else {
			en.qname(e, "bpmnElement", oe.Element, ed.Element)
		}
		en.waypoints(e, oe.Waypoints, ed.Waypoints)
		en.label(e, oe.Label, ed.Label)
		en.colors(e, oe.Style, ed.Style)
		en.str(e, "messageVisibleKind", oe.MessageVisibleKind, ed.MessageVisibleKind)
	}
	for k, e := range src.edges {
		if !seen[k] && old[k] != nil {
			en.s.keepID(diKey(dk, "e", k), e, old[k])
			delete(src.edges, k)
		}
	}
}

func (en *encoder) waypoints(e *etree.Element, old, v []model.Point) {
	if slices.Equal(old, v) {
		return
	}
	var wps []*etree.Element
	for _, x := range childElems(e) {
		if x.Tag == "waypoint" && en.s.nsURI(x) == DI {
			wps = append(wps, x)
		}
	}
	if len(wps) == len(v) && len(old) == len(v) {
		for i, p := range v {
			if old[i].X != p.X {
				en.s.setNum(wps[i], "x", p.X)
			}
			if old[i].Y != p.Y {
				en.s.setNum(wps[i], "y", p.Y)
			}
		}
		return
	}
	for _, x := range wps {
		detach(x)
	}
	for _, p := range v {
		w := en.newChild(e, DI, "waypoint")
		w.CreateAttr("x", fmtNum(p.X))
		w.CreateAttr("y", fmtNum(p.Y))
	}
}

// reviveDI brings back a kept shape or edge into the plane of src: at its
// old place when it left this very plane, else at the plane's end.
func (en *encoder) reviveDI(src *diSource, key string, ok func(any) bool) *removed {
	r := en.s.take(key, ok)
	if r == nil {
		return nil
	}
	if r.parent != src.plane {
		en.s.forget(r)
		r.parent = src.plane
		r.prev, r.next = nil, nil
		en.s.place(src.plane, r.elem, BPMNDI)
		return r
	}
	en.s.revive(r, src.plane)
	return r
}

// setNum writes a number attribute. The file's first spelling of it is
// remembered, so a value that comes back (an undo, a shape moved back)
// is written as the file wrote it ("432.0", not "432").
func (s *Source) setNum(e *etree.Element, key string, v float64) {
	cur, ok := attr(e, key)
	if !ok {
		setAttr(e, key, fmtNum(v))
		return
	}
	var m map[string]string
	if s.keep != nil {
		m = s.keep.nums[e]
	}
	first, seen := m[key]
	if !seen {
		if f, err := strconv.ParseFloat(cur, 64); err == nil && fmtNum(f) == cur {
			setAttr(e, key, fmtNum(v)) // fmtNum gives this spelling back anyway
			return
		}
		if m == nil {
			m = map[string]string{}
			s.kept().nums[e] = m
		}
		first = cur
		m[key] = cur
	}
	if f, err := strconv.ParseFloat(strings.TrimSpace(first), 64); err == nil && f == v {
		setAttr(e, key, first)
		return
	}
	setAttr(e, key, fmtNum(v))
}

// keptDiagram is a removed BPMNDiagram: what it showed and its index.
type keptDiagram struct {
	g   *model.Diagram
	src *diSource
}
