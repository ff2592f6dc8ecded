package bpmn

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/beevik/etree"
)

// writeDoc serialises the document. It escapes like etree's canonical
// settings, but keeps two habits of the file that etree would not: the
// style of empty-element tags ("<a/>" or "<a />", by majority) and
// explicit end tags on elements that were written "<a></a>".
func (s *Source) writeDoc(b *bytes.Buffer) {
	for _, t := range s.doc.Child {
		s.writeToken(b, t)
	}
}

func (s *Source) writeToken(b *bytes.Buffer, t etree.Token) {
	switch x := t.(type) {
	case *etree.Element:
		b.WriteByte('<')
		writeName(b, x.Space, x.Tag)
		lay := s.layout[x]
		for i, a := range x.Attr {
			// Attributes added since reading go after the kept ones
			// with a single space; after a removal the layout is moot.
			if lay != nil && len(x.Attr) >= len(lay.seps) && i < len(lay.seps) {
				b.WriteString(lay.seps[i])
			} else {
				b.WriteByte(' ')
			}
			writeName(b, a.Space, a.Key)
			b.WriteString(`="`)
			s.refs.escape(b, a.Value, true)
			b.WriteByte('"')
		}
		if lay != nil && len(x.Attr) >= len(lay.seps) {
			b.WriteString(lay.tail)
		}
		if len(x.Child) == 0 && !s.endTag[x] {
			if s.spacedEmpty && (lay == nil || lay.tail == "") {
				b.WriteString(" />")
			} else {
				b.WriteString("/>")
			}
			return
		}
		b.WriteByte('>')
		for _, c := range x.Child {
			s.writeToken(b, c)
		}
		b.WriteString("</")
		writeName(b, x.Space, x.Tag)
		b.WriteByte('>')
	case *etree.CharData:
		if x.IsCData() {
			// "]]>" cannot occur inside CDATA: split the section there.
			b.WriteString("<![CDATA[")
			b.WriteString(strings.ReplaceAll(x.Data, "]]>", "]]]]><![CDATA[>"))
			b.WriteString("]]>")
			return
		}
		s.refs.escape(b, x.Data, false)
	case *etree.Comment:
		b.WriteString("<!--")
		b.WriteString(x.Data)
		b.WriteString("-->")
	case *etree.ProcInst:
		b.WriteString("<?")
		b.WriteString(x.Target)
		if x.Inst != "" {
			b.WriteByte(' ')
			b.WriteString(x.Inst)
		}
		b.WriteString("?>")
	case *etree.Directive:
		b.WriteString("<!")
		b.WriteString(x.Data)
		b.WriteByte('>')
	}
}

func writeName(b *bytes.Buffer, space, local string) {
	if space != "" {
		b.WriteString(space)
		b.WriteByte(':')
	}
	b.WriteString(local)
}

// escape writes text or an attribute value with the references XML needs;
// characters XML cannot hold at all become U+FFFD.
func (st refStyle) escape(b *bytes.Buffer, v string, attr bool) {
	last := 0
	for i := 0; i < len(v); {
		r, w := utf8.DecodeRuneInString(v[i:])
		var esc string
		switch {
		case r == '&':
			esc = "&amp;"
		case r == '<':
			esc = "&lt;"
		case r == '>' && !attr:
			esc = "&gt;"
		case r == '"' && attr:
			esc = "&quot;"
			if st.quotNum {
				esc = "&#34;"
			}
		case r == '\t' && attr, r == '\n' && attr, r == '\r':
			if st.hex {
				esc = "&#x" + strings.ToUpper(strconv.FormatInt(int64(r), 16)) + ";"
			} else {
				esc = "&#" + strconv.Itoa(int(r)) + ";"
			}
		case !isXMLChar(r) || r == utf8.RuneError && w == 1:
			esc = "\uFFFD"
		}
		if esc != "" {
			b.WriteString(v[last:i])
			b.WriteString(esc)
			last = i + w
		}
		i += w
	}
	b.WriteString(v[last:])
}
