package bpmn

import (
	"strings"

	"github.com/beevik/etree"
)

// nsURI resolves the namespace of e: from the parse-time table when e was
// read, else by walking the declarations upwards (elements we created).
func (s *Source) nsURI(e *etree.Element) string {
	return s.ns.of(e)
}

// lookupPrefix finds the URI bound to prefix in the scope of e.
func lookupPrefix(e *etree.Element, prefix string) string {
	for x := e; x != nil; x = x.Parent() {
		for _, a := range x.Attr {
			if prefix == "" && a.Space == "" && a.Key == "xmlns" {
				return a.Value
			}
			if prefix != "" && a.Space == "xmlns" && a.Key == prefix {
				return a.Value
			}
		}
	}
	if prefix == "xml" {
		return "http://www.w3.org/XML/1998/namespace"
	}
	return ""
}

// is reports whether e is the element {uri}local.
func (s *Source) is(e *etree.Element, uri, local string) bool {
	return e.Tag == local && s.nsURI(e) == uri
}

// attr returns the value of the unqualified attribute key.
func attr(e *etree.Element, key string) (string, bool) {
	for _, a := range e.Attr {
		if a.Space == "" && a.Key == key {
			return a.Value, true
		}
	}
	return "", false
}

// attrv returns the value of the unqualified attribute key, or "".
func attrv(e *etree.Element, key string) string {
	v, _ := attr(e, key)
	return v
}

// setAttr sets (or with remove, deletes) the unqualified attribute key,
// keeping its position when it exists.
func setAttr(e *etree.Element, key, val string) {
	for i := range e.Attr {
		if e.Attr[i].Space == "" && e.Attr[i].Key == key {
			e.Attr[i].Value = val
			return
		}
	}
	e.CreateAttr(key, val)
}

func removeAttr(e *etree.Element, key string) {
	for i := range e.Attr {
		if e.Attr[i].Space == "" && e.Attr[i].Key == key {
			e.Attr = append(e.Attr[:i], e.Attr[i+1:]...)
			return
		}
	}
}

// nsAttr finds an attribute by namespace URI and local name.
func (s *Source) nsAttr(e *etree.Element, uri, key string) (int, bool) {
	for i, a := range e.Attr {
		if a.Key == key && a.Space != "" && a.Space != "xmlns" && lookupPrefix(e, a.Space) == uri {
			return i, true
		}
	}
	return -1, false
}

// localRef strips a QName prefix ("bpmn:Task_1" → "Task_1") unless the whole
// value is itself a known id (some tools write ids with colons).
func (s *Source) localRef(v string) string {
	v = strings.TrimSpace(v)
	if i := strings.IndexByte(v, ':'); i >= 0 {
		if _, ok := s.byID[v]; ok {
			return v
		}
		return v[i+1:]
	}
	return v
}

// text returns the concatenated character data directly inside e.
func text(e *etree.Element) string {
	var b strings.Builder
	for _, c := range e.Child {
		if cd, ok := c.(*etree.CharData); ok {
			b.WriteString(cd.Data)
		}
	}
	return b.String()
}

// setText replaces the character data of e with one text node, keeping
// child elements and comments.
func setText(e *etree.Element, v string) {
	var keep []etree.Token
	cdata := false
	for _, c := range e.Child {
		if cd, ok := c.(*etree.CharData); ok {
			cdata = cdata || cd.IsCData()
			continue
		}
		keep = append(keep, c)
	}
	for len(e.Child) > 0 {
		e.RemoveChildAt(len(e.Child) - 1)
	}
	if v != "" {
		if cdata {
			e.AddChild(etree.NewCData(v))
		} else {
			e.AddChild(etree.NewText(v))
		}
	}
	for _, k := range keep {
		e.AddChild(k)
	}
}

func isSpace(s string) bool { return strings.TrimSpace(s) == "" }

// indentBefore returns the whitespace that precedes e in its parent (the
// last line of it when there is a newline), "" when none.
func indentBefore(e *etree.Element) (string, bool) {
	p := e.Parent()
	if p == nil {
		return "", false
	}
	i := e.Index()
	if i > 0 {
		if cd, ok := p.Child[i-1].(*etree.CharData); ok && !cd.IsCData() && isSpace(cd.Data) {
			return cd.Data, true
		}
	}
	return "", false
}

// lastLine returns the part of a whitespace run after its last newline,
// with the newline: "\n\n    " → "\n    ".
func lastLine(ws string) string {
	if i := strings.LastIndexByte(ws, '\n'); i >= 0 {
		return ws[i:]
	}
	return ws
}

// childElems lists e's element children.
func childElems(e *etree.Element) []*etree.Element {
	var out []*etree.Element
	for _, c := range e.Child {
		if x, ok := c.(*etree.Element); ok {
			out = append(out, x)
		}
	}
	return out
}

// detach removes e from its parent together with the whitespace run in
// front of it, so no blank line is left behind.
func detach(e *etree.Element) {
	p := e.Parent()
	if p == nil {
		return
	}
	i := e.Index()
	p.RemoveChildAt(i)
	if i > 0 {
		if cd, ok := p.Child[i-1].(*etree.CharData); ok && !cd.IsCData() && isSpace(cd.Data) {
			p.RemoveChildAt(i - 1)
		}
	}
}
