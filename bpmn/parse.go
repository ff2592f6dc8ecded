package bpmn

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/beevik/etree"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
)

// tagLayout is how a start tag spread its attributes over lines.
type tagLayout struct {
	seps []string // whitespace before each attribute
	tail string   // whitespace before > or />
}

// pos is where an element starts (1-based line and column).
type pos struct{ line, col int32 }

// nsTable resolves element namespaces. Most files declare every namespace
// on the root (flat): then a prefix lookup in the root's table is enough
// and no per-element record is kept. Otherwise each element's URI is
// recorded once after parsing. Elements created later are recorded too.
type nsTable struct {
	flat   bool
	rootNS map[string]string
	uri    map[*etree.Element]string
}

func (t *nsTable) of(e *etree.Element) string {
	if u, ok := t.uri[e]; ok {
		return u
	}
	if t.flat {
		if u, ok := t.rootNS[e.Space]; ok {
			return u
		}
		if e.Space == "xml" {
			return "http://www.w3.org/XML/1998/namespace"
		}
		return ""
	}
	u := lookupPrefix(e, e.Space)
	t.uri[e] = u
	return u
}

// set records the URI of an element made after parsing.
func (t *nsTable) set(e *etree.Element, uri string) {
	if !t.flat || t.rootNS[e.Space] != uri {
		t.uri[e] = uri
	}
}

// parsed is the result of reading the bytes: the etree document plus what
// the writer needs to give the bytes back the way they came.
type parsed struct {
	doc *etree.Document
	ns  *nsTable
	// Habits of the file the writer keeps (see Source).
	spacedEmpty bool
	endTag      map[*etree.Element]bool
	layout      map[*etree.Element]*tagLayout
	refs        refStyle
	// order holds the start position of every element in document order.
	order []pos
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

	p.ns = &nsTable{flat: true, rootNS: map[string]string{}, uri: map[*etree.Element]string{}}
	p.order = make([]pos, 0, bytes.Count(data, []byte("<"))/2+1)
	doc := etree.NewDocument()
	doc.WriteSettings.CanonicalAttrVal = true
	doc.WriteSettings.CanonicalText = true
	if i := checkChars(data); i >= 0 {
		line, col := lineCol(data, i)
		r, _ := utf8.DecodeRune(data[i:])
		return nil, &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf("illegal character code %U", r)}
	}
	sc := newScanner(data)

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
	spaced, unspaced := 0, 0
	var t token
	for {
		err := sc.next(&t)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		line, col := sc.tokLine, sc.tokCol
		top := stack[len(stack)-1].e
		switch t.kind {
		case tStart:
			if len(stack) > MaxDepth {
				return nil, &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf("elements nested deeper than %d levels; refusing to read the file", MaxDepth)}
			}
			if len(stack) == 1 {
				if sawRoot {
					return nil, &SyntaxError{Line: line, Col: col, Msg: "more than one root element"}
				}
				sawRoot = true
			}
			e := etree.NewElement(t.local)
			e.Space = t.space
			var scope map[string]string
			if len(t.attrs) > 0 {
				e.Attr = make([]etree.Attr, 0, len(t.attrs))
			}
			for _, a := range t.attrs {
				e.Attr = append(e.Attr, etree.Attr{Space: a.space, Key: a.local, Value: a.value})
				switch {
				case a.space == "xmlns":
					if scope == nil {
						scope = map[string]string{}
					}
					scope[a.local] = a.value
				case a.space == "" && a.local == "xmlns":
					if scope == nil {
						scope = map[string]string{}
					}
					scope[""] = a.value
				}
			}
			top.AddChild(e)
			stack = append(stack, frame{e: e, scope: scope, line: line})
			u := lookup(t.space)
			if u == "" && t.space != "" {
				return nil, &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf("namespace prefix %q of <%s> is not declared", t.space, joinName(t.space, t.local))}
			}
			for _, a := range t.attrs {
				if a.space != "" && a.space != "xmlns" && lookup(a.space) == "" {
					return nil, &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf("namespace prefix %q of attribute %s is not declared", a.space, joinName(a.space, a.local))}
				}
			}
			p.order = append(p.order, pos{int32(line), int32(col)})
			if t.odd {
				if p.layout == nil {
					p.layout = map[*etree.Element]*tagLayout{}
				}
				p.layout[e] = &tagLayout{seps: slices.Clone(t.seps), tail: t.tail}
			}
			if scope != nil {
				if len(stack) == 2 {
					p.ns.rootNS = scope
				} else {
					p.ns.flat = false
				}
			}
			if t.selfClose {
				stack = stack[:len(stack)-1]
				if t.spaced {
					spaced++
				} else {
					unspaced++
				}
			}
		case tEnd:
			if len(stack) == 1 {
				return nil, &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf("end tag </%s> without a start tag", joinName(t.space, t.local))}
			}
			if top.Tag != t.local || top.Space != t.space {
				f := stack[len(stack)-1]
				return nil, &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf("element <%s> (opened at line %d) is closed by </%s>", top.FullTag(), f.line, joinName(t.space, t.local))}
			}
			if len(top.Child) == 0 {
				if p.endTag == nil {
					p.endTag = map[*etree.Element]bool{}
				}
				p.endTag[top] = true
			}
			stack = stack[:len(stack)-1]
		case tText, tCDATA:
			if len(stack) == 1 {
				if t.kind == tCDATA || strings.TrimSpace(t.text) != "" {
					return nil, &SyntaxError{Line: line, Col: col, Msg: "text outside the root element"}
				}
			}
			if t.kind == tCDATA {
				top.AddChild(etree.NewCData(t.text))
			} else {
				top.AddChild(etree.NewText(t.text))
			}
		case tComment:
			top.AddChild(etree.NewComment(t.text))
		case tPI:
			if strings.EqualFold(t.local, "xml") && (sawRoot || len(top.Child) > 0 || line != 1 || col != 1) {
				return nil, &SyntaxError{Line: line, Col: col, Msg: "the XML declaration must come first in the file"}
			}
			top.AddChild(etree.NewProcInst(t.local, t.text))
		case tDirective:
			if sawRoot {
				return nil, &SyntaxError{Line: line, Col: col, Msg: "a <! declaration inside the document"}
			}
			// DOCTYPE and friends: never resolved, never written back.
			p.warns = append(p.warns, Warning{Line: line, Col: col, Msg: "DOCTYPE/declaration ignored: DTDs and entities are never read, and it will not be saved"})
		}
	}
	if len(stack) != 1 {
		l, c := sc.posOf(len(data))
		return nil, &SyntaxError{Line: l, Col: c, Msg: fmt.Sprintf("unexpected end of file: <%s> is not closed", stack[len(stack)-1].e.FullTag())}
	}
	if !sawRoot {
		return nil, &SyntaxError{Line: 1, Col: 1, Msg: "no root element: the file is empty or not XML"}
	}
	p.doc = doc
	p.spacedEmpty = spaced > unspaced
	p.refs = sc.refs.style()
	if !p.ns.flat {
		p.ns.record(doc.Root(), nil)
	}
	return p, nil
}

func isSpaceBytes(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// record fills the per-element table for files with nested declarations.
func (t *nsTable) record(e *etree.Element, scope []map[string]string) {
	var own map[string]string
	for _, a := range e.Attr {
		if a.Space == "xmlns" || a.Space == "" && a.Key == "xmlns" {
			if own == nil {
				own = map[string]string{}
			}
			if a.Space == "" {
				own[""] = a.Value
			} else {
				own[a.Key] = a.Value
			}
		}
	}
	if own != nil {
		scope = append(scope, own)
	}
	u := ""
	found := false
	for i := len(scope) - 1; i >= 0 && !found; i-- {
		u, found = scope[i][e.Space]
	}
	if !found && e.Space == "xml" {
		u = "http://www.w3.org/XML/1998/namespace"
	}
	t.uri[e] = u
	for _, c := range e.Child {
		if x, ok := c.(*etree.Element); ok {
			t.record(x, scope) // scope is this call's: nothing to pop after
		}
	}
}
