package bpmn

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/beevik/etree"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
)

// elemInfo is what parsing learns about an element: its namespace URI and
// where it starts (1-based line and column; 0 for elements made later).
type elemInfo struct {
	uri       string
	line, col int32
}

// parsed is the result of reading the bytes: the etree document plus what
// the writer needs to give the bytes back the way they came.
type parsed struct {
	doc  *etree.Document
	info map[*etree.Element]elemInfo
	// enc is the declared non-UTF-8 encoding to write back (nil: UTF-8).
	enc     encoding.Encoding
	encName string
	bom     bool
	crlf    bool
	warns   []Warning
}

// readAll reads at most MaxFileSize bytes and refuses bigger inputs.
func readAll(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, &SyntaxError{Msg: fmt.Sprintf("file is larger than %d MiB; refusing to read it", MaxFileSize>>20)}
	}
	return data, nil
}

// declaredEncoding returns the encoding label of the XML declaration, if any.
func declaredEncoding(data []byte) string {
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(data, []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := string(data[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " \t\r\n")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	q := rest[0]
	j := strings.IndexByte(rest[1:], q)
	if j < 0 {
		return ""
	}
	return rest[1 : 1+j]
}

func isUTF8Label(l string) bool {
	switch strings.ToLower(strings.TrimSpace(l)) {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		return true
	}
	return false
}

// lookupEncoding finds a decoder for a declared label.
func lookupEncoding(label string) encoding.Encoding {
	if e, err := ianaindex.IANA.Encoding(label); err == nil && e != nil {
		return e
	}
	if e, err := htmlindex.Get(label); err == nil && e != nil {
		return e
	}
	return nil
}

// lineCol gives the 1-based position of byte offset off in data.
func lineCol(data []byte, off int) (int, int) {
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(data[:off], '\n')
	return line, col
}

// parse turns raw bytes into an etree document, recording positions and
// namespace URIs in the same single pass. Charset policy: declared
// non-UTF-8 encodings are decoded up front and written back the same way;
// a file that claims UTF-8 but holds invalid bytes is read as Windows-1252
// (a superset of Latin-1 for text) with a warning and written back as UTF-8.
func parse(data []byte) (*parsed, error) {
	p := &parsed{}
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		p.bom = true
		data = data[3:]
	} else if bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) {
		return nil, &SyntaxError{Line: 1, Col: 1, Msg: "UTF-16 files are not supported; save the file as UTF-8"}
	}
	label := declaredEncoding(data)
	if !isUTF8Label(label) {
		enc := lookupEncoding(label)
		if enc == nil {
			return nil, &SyntaxError{Line: 1, Col: 1, Msg: fmt.Sprintf("unknown character encoding %q in the XML declaration", label)}
		}
		conv, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, &SyntaxError{Line: 1, Col: 1, Msg: fmt.Sprintf("cannot decode the file as %s: %v", label, err)}
		}
		data = conv
		p.enc, p.encName = enc, label
	} else if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, w := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && w <= 1 {
				break
			}
			off += w
		}
		line, col := lineCol(data, off)
		conv, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return nil, &SyntaxError{Line: line, Col: col, Msg: "invalid UTF-8"}
		}
		p.warns = append(p.warns, Warning{Line: line, Col: col, Msg: fmt.Sprintf("file is not valid UTF-8 (byte 0x%02X); read as Windows-1252/Latin-1 and will be saved as UTF-8", data[off])})
		data = conv
	}
	if i := bytes.IndexByte(data, '\n'); i > 0 && data[i-1] == '\r' {
		p.crlf = true
	}

	// One entry per element: size the table once.
	p.info = make(map[*etree.Element]elemInfo, bytes.Count(data, []byte("<"))+1)
	ws := map[string]string{} // whitespace runs repeat: share them
	doc := etree.NewDocument()
	doc.WriteSettings.CanonicalAttrVal = true
	doc.WriteSettings.CanonicalText = true
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	// Bytes are UTF-8 by now; the declaration only needs to be accepted.
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }

	type frame struct {
		e     *etree.Element
		scope map[string]string // prefix → URI declared on this element (nil: none)
		line  int
	}
	stack := []frame{{e: &doc.Element}}
	lookup := func(prefix string) string {
		for i := len(stack) - 1; i >= 0; i-- {
			if u, ok := stack[i].scope[prefix]; ok {
				return u
			}
		}
		if prefix == "xml" {
			return "http://www.w3.org/XML/1998/namespace"
		}
		return ""
	}
	sawRoot := false
	for {
		line, col := dec.InputPos()
		off := dec.InputOffset()
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			l, c := dec.InputPos()
			msg := err.Error()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				msg = se.Msg
			}
			return nil, &SyntaxError{Line: l, Col: c, Msg: msg}
		}
		top := stack[len(stack)-1].e
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) > MaxDepth {
				return nil, &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf("elements nested deeper than %d levels; refusing to read the file", MaxDepth)}
			}
			if len(stack) == 1 {
				if sawRoot {
					return nil, &SyntaxError{Line: line, Col: col, Msg: "more than one root element"}
				}
				sawRoot = true
			}
			e := etree.NewElement(t.Name.Local)
			e.Space = t.Name.Space
			var scope map[string]string
			if len(t.Attr) > 0 {
				e.Attr = make([]etree.Attr, 0, len(t.Attr))
			}
			for i, a := range t.Attr {
				for _, b := range t.Attr[:i] { // attribute lists are short
					if a.Name == b.Name {
						return nil, &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf("attribute %s given twice on <%s>", fullName(a.Name), fullName(t.Name))}
					}
				}
				e.Attr = append(e.Attr, etree.Attr{Space: a.Name.Space, Key: a.Name.Local, Value: a.Value})
				switch {
				case a.Name.Space == "xmlns":
					if scope == nil {
						scope = map[string]string{}
					}
					scope[a.Name.Local] = a.Value
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					if scope == nil {
						scope = map[string]string{}
					}
					scope[""] = a.Value
				}
			}
			top.AddChild(e)
			stack = append(stack, frame{e: e, scope: scope, line: line})
			u := lookup(t.Name.Space)
			if u == "" && t.Name.Space != "" {
				return nil, &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf("namespace prefix %q of <%s> is not declared", t.Name.Space, fullName(t.Name))}
			}
			p.info[e] = elemInfo{u, int32(line), int32(col)}
		case xml.EndElement:
			if len(stack) == 1 {
				return nil, &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf("end tag </%s> without a start tag", fullName(t.Name))}
			}
			if top.Tag != t.Name.Local || top.Space != t.Name.Space {
				f := stack[len(stack)-1]
				return nil, &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf("element <%s> (opened at line %d) is closed by </%s>", top.FullTag(), f.line, fullName(t.Name))}
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 1 {
				if len(bytes.TrimSpace(t)) != 0 {
					return nil, &SyntaxError{Line: line, Col: col, Msg: "text outside the root element"}
				}
			}
			if off < int64(len(data)) && bytes.HasPrefix(data[off:], []byte("<![CDATA[")) {
				top.AddChild(etree.NewCData(string(t)))
			} else if len(t) <= 64 && isSpaceBytes(t) {
				s, ok := ws[string(t)]
				if !ok {
					s = string(t)
					ws[s] = s
				}
				top.AddChild(etree.NewText(s))
			} else {
				top.AddChild(etree.NewText(string(t)))
			}
		case xml.Comment:
			top.AddChild(etree.NewComment(string(t)))
		case xml.ProcInst:
			top.AddChild(etree.NewProcInst(t.Target, string(t.Inst)))
		case xml.Directive:
			// DOCTYPE and friends: never resolved, never written back.
			p.warns = append(p.warns, Warning{Line: line, Col: col, Msg: "DOCTYPE/declaration ignored: DTDs and entities are never read, and it will not be saved"})
		}
	}
	if len(stack) != 1 {
		l, c := dec.InputPos()
		return nil, &SyntaxError{Line: l, Col: c, Msg: fmt.Sprintf("unexpected end of file: <%s> is not closed", stack[len(stack)-1].e.FullTag())}
	}
	if !sawRoot {
		return nil, &SyntaxError{Line: 1, Col: 1, Msg: "no root element: the file is empty or not XML"}
	}
	p.doc = doc
	return p, nil
}

func fullName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

func isSpaceBytes(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}
