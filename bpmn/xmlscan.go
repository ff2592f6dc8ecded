package bpmn

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A small XML tokenizer over UTF-8 bytes. encoding/xml allocates for every
// name and token and was most of the decode time; this one interns names,
// shares whitespace runs and tracks line and column as it goes. It is
// strict where well-formedness matters to us (tag nesting, quoting,
// entities, illegal characters) and, like encoding/xml, expands only the
// five predefined entities and character references: a DTD is skipped,
// never read.

type tokKind uint8

const (
	tStart tokKind = iota
	tEnd
	tText
	tCDATA
	tComment
	tPI
	tDirective
)

type rawAttr struct{ space, local, value string }

// refCount tallies how the file spells character references, so the
// writer can spell new ones the same way.
type refCount struct{ hex, dec, quotName, quotNum int }

// refStyle is the spelling the writer uses.
type refStyle struct {
	hex     bool // &#xA; rather than &#10;
	quotNum bool // &#34; rather than &quot;
}

func (c refCount) style() refStyle {
	return refStyle{hex: c.hex > c.dec, quotNum: c.quotNum > c.quotName}
}

type token struct {
	kind         tokKind
	space, local string    // element name; PI target
	attrs        []rawAttr // start tags (reused between tokens)
	selfClose    bool      // <x/>
	spaced       bool      // <x /> (whitespace before the slash)
	// Layout of a start tag: the whitespace before each attribute and
	// before the closing > or />; odd when it is not single spaces.
	seps []string
	tail string
	odd  bool
	text string // text, CDATA, comment, PI instruction, directive
}

type scanner struct {
	data      []byte
	pos       int
	line      int // line of data[pos]
	lineStart int // offset where that line starts
	tokLine   int // where the last token started
	tokCol    int
	names     map[string]string
	spaces    map[string]string
	refs      refCount
	buf       []byte
}

func newScanner(data []byte) *scanner {
	return &scanner{data: data, line: 1, names: map[string]string{}, spaces: map[string]string{}}
}

func (s *scanner) errAt(off int, format string, args ...any) *SyntaxError {
	line, col := s.posOf(off)
	return &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// posOf returns the line and column of an offset at or after the line
// the scanner is on.
func (s *scanner) posOf(off int) (int, int) {
	if off > len(s.data) {
		off = len(s.data)
	}
	line, start := s.line, s.lineStart
	if off >= start {
		seg := s.data[start:off]
		if n := bytes.Count(seg, []byte("\n")); n > 0 {
			line += n
			start += bytes.LastIndexByte(seg, '\n') + 1
		}
	} else {
		line, start = 1, 0
		seg := s.data[:off]
		line += bytes.Count(seg, []byte("\n"))
		start = bytes.LastIndexByte(seg, '\n') + 1
	}
	return line, off - start + 1
}

// advance moves to off, keeping the line count.
func (s *scanner) advance(off int) {
	seg := s.data[s.pos:off]
	if n := bytes.Count(seg, []byte("\n")); n > 0 {
		s.line += n
		s.lineStart = s.pos + bytes.LastIndexByte(seg, '\n') + 1
	}
	s.pos = off
}

func (s *scanner) intern(b []byte) string {
	if v, ok := s.names[string(b)]; ok {
		return v
	}
	v := string(b)
	s.names[v] = v
	return v
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == ':' || c == '-' || c == '.' || c >= 0x80
}

// name reads a (possibly prefixed) name at s.pos.
func (s *scanner) name() (space, local string, err error) {
	start := s.pos
	i := start
	for i < len(s.data) && isNameByte(s.data[i]) {
		i++
	}
	if i == start {
		if i >= len(s.data) {
			return "", "", s.errAt(i, "unexpected end of file: a name was expected")
		}
		return "", "", s.errAt(i, "invalid character %q: a name was expected", s.runeAt(i))
	}
	b := s.data[start:i]
	if c := b[0]; c == '-' || c == '.' || c >= '0' && c <= '9' {
		return "", "", s.errAt(start, "invalid name %q", b)
	}
	// Namespaces allow at most one colon, between prefix and local name.
	k := bytes.IndexByte(b, ':')
	if k == 0 || k == len(b)-1 || k > 0 && bytes.IndexByte(b[k+1:], ':') >= 0 {
		return "", "", s.errAt(start, "invalid name %q (a colon may only separate prefix and name)", b)
	}
	if k > 0 {
		if c := b[k+1]; c == '-' || c == '.' || c >= '0' && c <= '9' {
			return "", "", s.errAt(start+k+1, "invalid name %q", b)
		}
	}
	s.pos = i
	if k > 0 {
		return s.intern(b[:k]), s.intern(b[k+1:]), nil
	}
	return "", s.intern(b), nil
}

func (s *scanner) runeAt(i int) rune {
	r, _ := utf8.DecodeRune(s.data[i:])
	return r
}

func (s *scanner) skipSpace() {
	i := s.pos
	for i < len(s.data) {
		switch s.data[i] {
		case ' ', '\t', '\r':
		case '\n':
			s.line++
			s.lineStart = i + 1
		default:
			s.pos = i
			return
		}
		i++
	}
	s.pos = i
}

// next reads one token into t; io.EOF at the end of the input.
func (s *scanner) next(t *token) error {
	if s.pos >= len(s.data) {
		return io.EOF
	}
	s.tokLine, s.tokCol = s.line, s.pos-s.lineStart+1
	d := s.data
	if d[s.pos] != '<' {
		end := bytes.IndexByte(d[s.pos:], '<')
		if end < 0 {
			end = len(d)
		} else {
			end += s.pos
		}
		txt, err := s.decodeText(s.pos, end, false)
		if err != nil {
			return err
		}
		t.kind, t.text = tText, txt
		s.advance(end)
		return nil
	}
	rest := d[s.pos:]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		end := bytes.Index(rest[4:], []byte("-->"))
		if end < 0 {
			return s.errAt(s.pos, "unexpected end of file in a comment")
		}
		if dash := bytes.Index(rest[4:4+end], []byte("--")); dash >= 0 || bytes.HasSuffix(rest[4:4+end], []byte("-")) {
			if dash < 0 {
				dash = end - 1
			}
			return s.errAt(s.pos+4+dash, "\"--\" inside a comment")
		}
		t.kind, t.text = tComment, normNewlines(string(rest[4:4+end]))
		s.advance(s.pos + 4 + end + 3)
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		end := bytes.Index(rest[9:], []byte("]]>"))
		if end < 0 {
			return s.errAt(s.pos, "unexpected end of file in CDATA section")
		}
		t.kind, t.text = tCDATA, normNewlines(string(rest[9:9+end]))
		s.advance(s.pos + 9 + end + 3)
	case bytes.HasPrefix(rest, []byte("<!")):
		end, err := s.directiveEnd()
		if err != nil {
			return err
		}
		t.kind, t.text = tDirective, string(d[s.pos+2:end])
		s.advance(end + 1)
	case bytes.HasPrefix(rest, []byte("<?")):
		end := bytes.Index(rest[2:], []byte("?>"))
		if end < 0 {
			return s.errAt(s.pos, "unexpected end of file in a processing instruction")
		}
		endAbs := s.pos + 2 + end
		s.pos += 2
		_, target, err := s.name()
		if err != nil {
			return err
		}
		body := d[s.pos:endAbs]
		if len(body) > 0 && body[0] != ' ' && body[0] != '\t' && body[0] != '\r' && body[0] != '\n' {
			return s.errAt(s.pos, "invalid processing instruction <?%s", target)
		}
		t.kind, t.local, t.space, t.text = tPI, target, "", normNewlines(string(bytes.TrimLeft(body, " \t\r\n")))
		s.advance(endAbs + 2)
	case bytes.HasPrefix(rest, []byte("</")):
		s.pos += 2
		sp, lo, err := s.name()
		if err != nil {
			return err
		}
		s.skipSpace()
		if s.pos >= len(d) || d[s.pos] != '>' {
			return s.errAt(s.pos, "invalid characters in the end tag </%s>", joinName(sp, lo))
		}
		s.pos++
		t.kind, t.space, t.local = tEnd, sp, lo
	default:
		return s.startTag(t)
	}
	return nil
}

// directiveEnd finds the '>' that closes a <!…> declaration, skipping
// quoted strings, comments and the internal subset of a DOCTYPE.
func (s *scanner) directiveEnd() (int, error) {
	d := s.data
	depth := 0
	for i := s.pos + 2; i < len(d); i++ {
		switch c := d[i]; c {
		case '"', '\'':
			j := bytes.IndexByte(d[i+1:], c)
			if j < 0 {
				return 0, s.errAt(i, "unexpected end of file in a quoted string")
			}
			i += j + 1
		case '<':
			if bytes.HasPrefix(d[i:], []byte("<!--")) {
				j := bytes.Index(d[i+4:], []byte("-->"))
				if j < 0 {
					return 0, s.errAt(i, "unexpected end of file in a comment")
				}
				i += 4 + j + 2
				continue
			}
			depth++
		case '>':
			if depth == 0 {
				return i, nil
			}
			depth--
		}
	}
	return 0, s.errAt(s.pos, "unexpected end of file in a <! declaration")
}

func (s *scanner) startTag(t *token) error {
	d := s.data
	s.pos++
	sp, lo, err := s.name()
	if err != nil {
		return err
	}
	t.kind, t.space, t.local, t.selfClose, t.spaced = tStart, sp, lo, false, false
	t.attrs, t.seps, t.tail, t.odd = t.attrs[:0], t.seps[:0], "", false
	for {
		before := s.pos
		s.skipSpace()
		if s.pos >= len(d) {
			return s.errAt(s.pos, "unexpected end of file in the start tag <%s>", joinName(sp, lo))
		}
		ws := d[before:s.pos]
		switch d[s.pos] {
		case '>':
			t.tail = s.ws(ws)
			t.odd = t.odd || len(ws) > 0 && !(len(ws) == 1 && ws[0] == ' ')
			s.pos++
			return nil
		case '/':
			if s.pos+1 < len(d) && d[s.pos+1] == '>' {
				t.tail = s.ws(ws)
				t.odd = t.odd || len(ws) > 0 && !(len(ws) == 1 && ws[0] == ' ')
				t.spaced = s.pos > 0 && (d[s.pos-1] == ' ' || d[s.pos-1] == '\t' || d[s.pos-1] == '\n' || d[s.pos-1] == '\r')
				s.pos += 2
				t.selfClose = true
				return nil
			}
			return s.errAt(s.pos, "expected /> in the start tag <%s>", joinName(sp, lo))
		}
		if s.pos == before {
			return s.errAt(s.pos, "expected whitespace, > or /> in the start tag <%s>, found %q", joinName(sp, lo), s.runeAt(s.pos))
		}
		t.seps = append(t.seps, s.ws(ws))
		t.odd = t.odd || !(len(ws) == 1 && ws[0] == ' ')
		nameAt := s.pos
		asp, alo, err := s.name()
		if err != nil {
			return err
		}
		s.skipSpace()
		if s.pos >= len(d) || d[s.pos] != '=' {
			return s.errAt(s.pos, "attribute %s on <%s> has no value", joinName(asp, alo), joinName(sp, lo))
		}
		s.pos++
		s.skipSpace()
		if s.pos >= len(d) || (d[s.pos] != '"' && d[s.pos] != '\'') {
			return s.errAt(s.pos, "the value of attribute %s on <%s> is not quoted", joinName(asp, alo), joinName(sp, lo))
		}
		q := d[s.pos]
		end := bytes.IndexByte(d[s.pos+1:], q)
		if end < 0 {
			return s.errAt(s.pos, "unexpected end of file in the value of attribute %s", joinName(asp, alo))
		}
		end += s.pos + 1
		if lt := bytes.IndexByte(d[s.pos+1:end], '<'); lt >= 0 {
			return s.errAt(s.pos+1+lt, "unescaped < inside the value of attribute %s", joinName(asp, alo))
		}
		v, err := s.decodeText(s.pos+1, end, true)
		if err != nil {
			return err
		}
		for _, a := range t.attrs {
			if a.space == asp && a.local == alo {
				return s.errAt(nameAt, "attribute %s given twice on <%s>", joinName(asp, alo), joinName(sp, lo))
			}
		}
		t.attrs = append(t.attrs, rawAttr{asp, alo, v})
		s.advance(end + 1)
	}
}

// ws returns a whitespace run as a shared string.
func (s *scanner) ws(b []byte) string {
	if len(b) == 1 && b[0] == ' ' {
		return " "
	}
	if v, ok := s.spaces[string(b)]; ok {
		return v
	}
	v := string(b)
	s.spaces[v] = v
	return v
}

func joinName(space, local string) string {
	if space == "" {
		return local
	}
	return space + ":" + local
}

// decodeText expands entities and normalises line ends in data[from:to].
func (s *scanner) decodeText(from, to int, isAttr bool) (string, error) {
	raw := s.data[from:to]
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		if !isAttr && len(raw) <= 64 && isSpaceBytes(raw) {
			if v, ok := s.spaces[string(raw)]; ok {
				return v, nil
			}
			v := string(raw)
			s.spaces[v] = v
			return v, nil
		}
		return string(raw), nil
	}
	b := s.buf[:0]
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch c {
		case '\r':
			b = append(b, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
		case '&':
			semi := bytes.IndexByte(raw[i:], ';')
			if semi < 0 || semi > 12 {
				return "", s.errAt(from+i, "invalid character entity (no closing ;)")
			}
			ent := string(raw[i+1 : i+semi])
			r, ok := entity(ent)
			if !ok {
				return "", s.errAt(from+i, "invalid character entity &%s;", ent)
			}
			if !isXMLChar(r) {
				return "", s.errAt(from+i, "illegal character code %U", r)
			}
			switch {
			case strings.HasPrefix(ent, "#x"):
				s.refs.hex++
			case strings.HasPrefix(ent, "#") && r != '"':
				s.refs.dec++
			case ent == "quot":
				s.refs.quotName++
			case r == '"':
				s.refs.quotNum++
			}
			b = utf8.AppendRune(b, r)
			i += semi
		default:
			b = append(b, c)
		}
	}
	s.buf = b
	return string(b), nil
}

func entity(name string) (rune, bool) {
	switch name {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if strings.HasPrefix(name, "#x") {
		n, err := strconv.ParseUint(name[2:], 16, 32)
		return rune(n), err == nil && len(name) > 2
	}
	if strings.HasPrefix(name, "#") {
		n, err := strconv.ParseUint(name[1:], 10, 32)
		return rune(n), err == nil && len(name) > 1
	}
	return 0, false
}

func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

func normNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// checkChars finds the first character XML does not allow (control
// characters, U+FFFE, U+FFFF) in valid UTF-8.
func checkChars(data []byte) int {
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			return i
		case c == 0xEF && i+2 < len(data) && data[i+1] == 0xBF && (data[i+2] == 0xBE || data[i+2] == 0xBF):
			return i
		}
	}
	return -1
}
