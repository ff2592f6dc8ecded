package bpmn

import (
	"slices"
	"strconv"
	"strings"

	"github.com/beevik/etree"
)

// preferred prefixes for namespaces we may have to declare.
var preferredPrefix = map[string]string{
	Namespace: "bpmn", BPMNDI: "bpmndi", DC: "dc", DI: "di", XSI: "xsi",
	BioColor: "bioc", Color: "color", LanemapNS: "lanemap",
}

// prefixFor returns a prefix bound to uri in scope at e, declaring one on
// the root element when the document has none. attr asks for a non-empty
// prefix (the default namespace does not apply to attributes).
func (s *Source) prefixFor(e *etree.Element, uri string, attr bool) string {
	seen := map[string]bool{}
	for x := e; x != nil; x = x.Parent() {
		for _, a := range x.Attr {
			var p string
			switch {
			case a.Space == "xmlns":
				p = a.Key
			case a.Space == "" && a.Key == "xmlns":
				p = ""
			default:
				continue
			}
			if seen[p] {
				continue
			}
			seen[p] = true
			if a.Value == uri && !(attr && p == "") {
				return p
			}
		}
	}
	// Declare it on the root, under a prefix nobody uses yet.
	base := preferredPrefix[uri]
	if base == "" {
		base = "ns"
	}
	p := base
	for i := 2; s.prefixTaken(p); i++ {
		p = base + strconv.Itoa(i)
	}
	// Next to the other declarations, not after id and friends.
	at := 0
	for i, a := range s.root.Attr {
		if a.Space == "xmlns" || (a.Space == "" && a.Key == "xmlns") {
			at = i + 1
		}
	}
	s.root.Attr = slices.Insert(s.root.Attr, at, etree.Attr{Space: "xmlns", Key: p, Value: uri})
	s.ns.rootNS[p] = uri
	return p
}

// prefixTaken reports a prefix declared on the root or used by any element
// on the way down (cheap check: root declarations only, plus seen prefixes).
func (s *Source) prefixTaken(p string) bool {
	for _, a := range s.root.Attr {
		if a.Space == "xmlns" && a.Key == p {
			return true
		}
	}
	return false
}

// qualify returns "prefix:local" for an element in uri under parent.
func (s *Source) qualify(parent *etree.Element, uri, local string) string {
	if p := s.prefixFor(parent, uri, false); p != "" {
		return p + ":" + local
	}
	return local
}

// newChild creates {uri}local inside parent at its schema position, with
// indentation matching its siblings.
func (en *encoder) newChild(parent *etree.Element, uri, local string) *etree.Element {
	s := en.s
	e := etree.NewElement(local)
	if q := s.qualify(parent, uri, local); q != local {
		e.Space = q[:len(q)-len(local)-1]
	}
	s.ns.set(e, uri)
	s.place(parent, e, uri)
	return e
}

// place inserts e (detached) into parent at its schema position.
func (s *Source) place(parent, e *etree.Element, uri string) {
	r := s.rank(parent, uri, e.Tag)
	// The last sibling that may precede e: scan from the end, since
	// appending is by far the common case.
	var after, before *etree.Element
	for i := len(parent.Child) - 1; i >= 0; i-- {
		x, ok := parent.Child[i].(*etree.Element)
		if !ok {
			continue
		}
		xr := s.rank(parent, s.nsURI(x), x.Tag)
		if xr < 0 {
			continue
		}
		if xr <= r {
			after = x
			break
		}
		before = x
	}
	switch {
	case after != nil:
		s.insertAfter(after, e)
	case before != nil:
		s.insertBefore(before, e)
	default:
		s.appendChild(parent, e)
	}
}

// insertAfter puts e right after sibling x, with x's indentation.
func (s *Source) insertAfter(x, e *etree.Element) {
	p := x.Parent()
	i := x.Index() + 1
	ws, ok := indentBefore(x)
	if ok {
		ws = lastLine(ws)
		p.InsertChildAt(i, etree.NewText(ws))
		i++
	}
	p.InsertChildAt(i, e)
	s.reindent(e, ws)
}

// insertBefore puts e right before sibling x, with x's indentation.
func (s *Source) insertBefore(x, e *etree.Element) {
	p := x.Parent()
	i := x.Index()
	ws, ok := indentBefore(x)
	p.InsertChildAt(i, e)
	if ok {
		ws = lastLine(ws)
		p.InsertChildAt(i+1, etree.NewText(ws))
	}
	s.reindent(e, ws)
}

// appendChild puts e into a parent that has no ranked element children.
func (s *Source) appendChild(p, e *etree.Element) {
	if s.indent == "" {
		p.AddChild(e)
		return
	}
	pind := s.indentOf(p)
	// Drop trailing whitespace: it is replaced by the closing indentation.
	for n := len(p.Child); n > 0; n = len(p.Child) {
		cd, ok := p.Child[n-1].(*etree.CharData)
		if !ok || cd.IsCData() || !isSpace(cd.Data) {
			break
		}
		p.RemoveChildAt(n - 1)
	}
	ws := pind + s.indent
	p.AddChild(etree.NewText(ws))
	p.AddChild(e)
	p.AddChild(etree.NewText(pind))
	s.reindent(e, ws)
}

// indentOf returns "\n" plus the indentation of e's start tag.
func (s *Source) indentOf(e *etree.Element) string {
	if ws, ok := indentBefore(e); ok && strings.Contains(ws, "\n") {
		return lastLine(ws)
	}
	depth := 0
	for x := e.Parent(); x != nil && x != &s.doc.Element; x = x.Parent() {
		depth++
	}
	return "\n" + strings.Repeat(s.indent, depth)
}

// reindent shifts the whitespace inside a moved subtree from its old
// indentation to ws. Fresh elements have none, so this is a no-op for them.
func (s *Source) reindent(e *etree.Element, ws string) {
	if len(e.Child) == 0 || !strings.Contains(ws, "\n") {
		return
	}
	lc, ok := e.Child[len(e.Child)-1].(*etree.CharData)
	if !ok || lc.IsCData() || !isSpace(lc.Data) || !strings.Contains(lc.Data, "\n") {
		return
	}
	from := lastLine(lc.Data)
	if from == lastLine(ws) {
		return
	}
	to := lastLine(ws)
	var walk func(x *etree.Element)
	walk = func(x *etree.Element) {
		for _, c := range x.Child {
			switch t := c.(type) {
			case *etree.CharData:
				if !t.IsCData() && isSpace(t.Data) {
					t.SetData(strings.ReplaceAll(t.Data, from, to))
				}
			case *etree.Element:
				walk(t)
			}
		}
	}
	walk(e)
}

// move detaches e and places it inside parent at its schema position.
func (s *Source) move(e, parent *etree.Element) {
	detach(e)
	s.place(parent, e, s.nsURI(e))
}
