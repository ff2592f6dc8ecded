package bpmn

import (
	"slices"

	"github.com/beevik/etree"

	"lanemap/model"
)

// Removed elements are kept, not thrown away: the editor's undo of a
// delete puts the same ids back into the model, and the element must then
// come back as it was — vendor attributes, extensionElements, comments,
// DI extras and all — at its old place among its siblings. A removal
// records the detached element, its parent and its neighbours; the
// neighbours link through other removed elements like a doubly linked
// list, so elements removed together come back in their old order
// whatever order they return in.

// removed is one element Encode took out of the document.
type removed struct {
	elem, parent *etree.Element
	// prev and next are the siblings it sat between (elements, comments
	// or text other than indentation; nil = first or last); either may
	// itself be a removed element.
	prev, next etree.Token
	// ws is the whitespace that preceded it.
	ws string
	// dangling marks a reference removed because what it named was
	// deleted: it comes back when that does.
	dangling bool
	// old is what the element expressed when it left (a *model.Node,
	// *model.Flow, *model.Lane, *model.Participant, *model.Collaboration,
	// *model.Process, *model.Shape or *model.Edge), the baseline the
	// model's current values are applied against; nil for references.
	old any
}

type sibKey struct {
	parent *etree.Element
	sib    etree.Token
}

// refKey names a removed reference child (flowNodeRef, incoming, …) or
// lane set by its parent, tag and the id it names.
type refKey struct {
	parent   *etree.Element
	tag, ref string
}

// keeper holds everything removed in the life of a Source.
type keeper struct {
	byKey map[string]*removed // semantic id, or diKey
	refs  map[refKey]*removed
	// absent marks incoming/outgoing refs a node did not list when their
	// flow was deleted, so that an undo does not add them.
	absent map[refKey]bool
	byElem map[*etree.Element]*removed
	// byPrev[{p, x}] is the record whose prev is x, byNext the one whose
	// next is x.
	byPrev, byNext map[sibKey]*removed
	// attrs remembers where removed attributes stood.
	attrs map[*etree.Element]map[string]int
	// nums holds the first spelling of number attributes Encode changed.
	nums map[*etree.Element]map[string]string
}

func (s *Source) kept() *keeper {
	if s.keep == nil {
		s.keep = &keeper{byKey: map[string]*removed{}, refs: map[refKey]*removed{}, absent: map[refKey]bool{},
			byElem: map[*etree.Element]*removed{}, byPrev: map[sibKey]*removed{},
			byNext: map[sibKey]*removed{}, attrs: map[*etree.Element]map[string]int{},
			nums: map[*etree.Element]map[string]string{}}
	}
	return s.keep
}

// diKey names a removed DI shape ("s") or edge ("e") of a diagram.
func diKey(diagram, kind, key string) string { return "\x00" + diagram + "\x00" + kind + "\x00" + key }

// siblingTok returns the nearest token from child i in direction step
// that is not indentation (nil at the end).
func siblingTok(p *etree.Element, i, step int) etree.Token {
	for j := i + step; j >= 0 && j < len(p.Child); j += step {
		if cd, ok := p.Child[j].(*etree.CharData); ok && !cd.IsCData() && isSpace(cd.Data) {
			continue
		}
		return p.Child[j]
	}
	return nil
}

func siblingElem(p *etree.Element, i, step int) *etree.Element {
	for j := i + step; j >= 0 && j < len(p.Child); j += step {
		if x, ok := p.Child[j].(*etree.Element); ok {
			return x
		}
	}
	return nil
}

// detachKept detaches e like detach does and records it; nil when e was
// not attached.
func (s *Source) detachKept(e *etree.Element, old any) *removed {
	p := e.Parent()
	if p == nil {
		return nil
	}
	k := s.kept()
	i := e.Index()
	r := &removed{elem: e, parent: p, old: old,
		prev: siblingTok(p, i, -1), next: siblingTok(p, i, 1)}
	// Elements removed earlier from between the neighbours and e.
	if x := k.byNext[sibKey{p, e}]; x != nil && x.elem.Parent() == nil {
		r.prev = x.elem
	}
	if x := k.byPrev[sibKey{p, e}]; x != nil && x.elem.Parent() == nil {
		r.next = x.elem
	}
	if i > 0 {
		if cd, ok := p.Child[i-1].(*etree.CharData); ok && !cd.IsCData() && isSpace(cd.Data) {
			r.ws = cd.Data
		}
	}
	detach(e)
	k.byElem[e] = r
	k.byPrev[sibKey{p, r.prev}] = r
	k.byNext[sibKey{p, r.next}] = r
	return r
}

// keepID detaches the element of a semantic id and keeps it under id.
func (s *Source) keepID(id string, e *etree.Element, old any) {
	if r := s.detachKept(e, old); r != nil {
		s.kept().byKey[id] = r
	}
}

// keepRef detaches a reference child (or lane set) and keeps it.
func (s *Source) keepRef(e *etree.Element, ref string) *removed {
	p := e.Parent()
	r := s.detachKept(e, nil)
	if r != nil {
		s.kept().refs[refKey{p, e.Tag, ref}] = r
	}
	return r
}

// take returns the kept record under key when ok accepts what it held,
// and forgets it.
func (s *Source) take(key string, ok func(old any) bool) *removed {
	if s.keep == nil {
		return nil
	}
	r := s.keep.byKey[key]
	if r == nil || r.elem.Parent() != nil || !ok(r.old) {
		return nil
	}
	delete(s.keep.byKey, key)
	return r
}

// attached reports whether e is part of the document.
func (s *Source) attached(e *etree.Element) bool {
	for x := e; x != nil; x = x.Parent() {
		if x == s.root {
			return true
		}
	}
	return false
}

// revive puts a kept element back: into its old parent at its old place
// when that parent is in the document, else into parent (nil = only the
// old parent will do) at its schema position. It reports false, leaving
// the record untouched, when there is nowhere to put it.
func (s *Source) revive(r *removed, parent *etree.Element) bool {
	switch {
	case s.attached(r.parent):
		s.reinsert(r)
	case parent != nil:
		s.forget(r)
		s.place(parent, r.elem, s.nsURI(r.elem))
	default:
		return false
	}
	s.registerTree(r.elem)
	return true
}

func (s *Source) forget(r *removed) {
	k := s.kept()
	delete(k.byElem, r.elem)
	if k.byPrev[sibKey{r.parent, r.prev}] == r {
		delete(k.byPrev, sibKey{r.parent, r.prev})
	}
	if k.byNext[sibKey{r.parent, r.next}] == r {
		delete(k.byNext, sibKey{r.parent, r.next})
	}
}

// anchor follows the prev (or next) links through removed elements to the
// nearest one still in the parent. ok is false when the chain leads
// somewhere unknown (a neighbour that moved away for good).
func (s *Source) anchor(r *removed, prev bool) (etree.Token, bool) {
	x := r.next
	if prev {
		x = r.prev
	}
	for seen := 0; x != nil && seen < 1<<16; seen++ {
		if x.Parent() == r.parent {
			return x, true
		}
		xe, _ := x.(*etree.Element)
		o := s.kept().byElem[xe]
		if xe == nil || o == nil || o.parent != r.parent {
			return nil, false
		}
		if prev {
			x = o.prev
		} else {
			x = o.next
		}
	}
	return nil, x == nil
}

// reinsert puts r back into its (attached) parent between its old
// neighbours with its old whitespace; when the neighbours are gone or the
// place breaks the schema order, at the schema position instead.
func (s *Source) reinsert(r *removed) {
	p, e := r.parent, r.elem
	prev, okP := s.anchor(r, true)
	next, okN := s.anchor(r, false)
	s.forget(r)
	uri := s.nsURI(e)
	// before is the token e goes in front of when there is no prev.
	var before etree.Token
	switch {
	case okP && prev != nil:
	case okP:
		before = siblingTok(p, -1, 1) // it was first
	case okN && next != nil:
		before = next
	default:
		s.place(p, e, uri)
		return
	}
	idx := 0
	switch {
	case prev != nil:
		idx = prev.Index() + 1
	case before != nil:
		idx = before.Index()
		if idx > 0 {
			if cd, ok := p.Child[idx-1].(*etree.CharData); ok && !cd.IsCData() && isSpace(cd.Data) {
				idx--
			}
		}
	}
	p.InsertChildAt(idx, e)
	if r.ws != "" {
		p.InsertChildAt(idx, etree.NewText(r.ws))
	}
	// Siblings that arrived since may make the old place break the
	// schema order; the old neighbours themselves never do.
	i := e.Index()
	bp, bn := siblingElem(p, i, -1), siblingElem(p, i, 1)
	if (okP && sameTok(bp, prev) || s.ordered(p, bp, e)) && (okN && sameTok(bn, next) || s.ordered(p, e, bn)) {
		return
	}
	detach(e)
	s.place(p, e, uri)
}

// ordered reports whether a may precede b in parent p (unranked elements
// and the shapes and edges of a plane go anywhere).
func (s *Source) ordered(p, a, b *etree.Element) bool {
	if a == nil || b == nil || (p.Tag == "BPMNPlane" && s.nsURI(p) == BPMNDI) {
		return true
	}
	ra, rb := s.rank(p, s.nsURI(a), a.Tag), s.rank(p, s.nsURI(b), b.Tag)
	return ra < 0 || rb < 0 || ra <= rb
}

// registerTree indexes the ids of a revived subtree again.
func (s *Source) registerTree(e *etree.Element) {
	var walk func(x *etree.Element)
	walk = func(x *etree.Element) {
		if s.nsURI(x) == Namespace {
			if id := attrv(x, "id"); id != "" {
				if cur := s.byID[id]; cur == nil || !s.attached(cur) {
					s.byID[id] = x
				}
			}
		}
		for _, c := range x.Child {
			if y, ok := c.(*etree.Element); ok {
				walk(y)
			}
		}
	}
	walk(e)
}

// reviveRef puts back a kept reference child of parent naming ref, if
// there is one; it reports whether it did.
func (s *Source) reviveRef(parent *etree.Element, tag, ref string) *etree.Element {
	if s.keep == nil {
		return nil
	}
	key := refKey{parent, tag, ref}
	r := s.keep.refs[key]
	if r == nil || r.elem.Parent() != nil {
		return nil
	}
	delete(s.keep.refs, key)
	s.reinsert(r)
	return r.elem
}

// ---- attributes --------------------------------------------------------

// setAttrKept sets attribute key; one that was removed earlier comes back
// at its old position.
func (s *Source) setAttrKept(e *etree.Element, key, val string) {
	if _, ok := attr(e, key); !ok && s.keep != nil {
		if m := s.keep.attrs[e]; m != nil {
			if i, ok := m[key]; ok {
				delete(m, key)
				e.Attr = slices.Insert(e.Attr, min(i, len(e.Attr)), etree.Attr{Key: key, Value: val})
				return
			}
		}
	}
	setAttr(e, key, val)
}

// removeAttrKept removes attribute key and remembers its position.
func (s *Source) removeAttrKept(e *etree.Element, key string) {
	for i := range e.Attr {
		if e.Attr[i].Space == "" && e.Attr[i].Key == key {
			k := s.kept()
			if k.attrs[e] == nil {
				k.attrs[e] = map[string]int{}
			}
			k.attrs[e][key] = i
			e.Attr = append(e.Attr[:i], e.Attr[i+1:]...)
			return
		}
	}
}

func isNode(x any) bool { _, ok := x.(*model.Node); return ok }

// keptAs returns the kept record of id when the document has no element
// for it (e == nil) and ok accepts it, without taking it.
func (s *Source) keptAs(e *etree.Element, id string, ok func(any) bool) *removed {
	if e != nil || s.keep == nil {
		return nil
	}
	r := s.keep.byKey[id]
	if r == nil || r.elem.Parent() != nil || !ok(r.old) {
		return nil
	}
	return r
}

// sameTok reports whether element x is the token t (a nil x matches a
// nil t or a non-element t: only elements have a schema order).
func sameTok(x *etree.Element, t etree.Token) bool {
	if x == nil {
		_, isElem := t.(*etree.Element)
		return !isElem
	}
	return etree.Token(x) == t
}
