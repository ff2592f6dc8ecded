package bpmn

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// stdTokens renders encoding/xml's raw token stream, the reference our
// scanner must agree with on well-formed input.
func stdTokens(data []byte) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var b strings.Builder
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return b.String(), nil
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			fmt.Fprintf(&b, "<%s:%s", t.Name.Space, t.Name.Local)
			for _, a := range t.Attr {
				fmt.Fprintf(&b, " %s:%s=%q", a.Name.Space, a.Name.Local, a.Value)
			}
			b.WriteString(">\n")
		case xml.EndElement:
			fmt.Fprintf(&b, "</%s:%s>\n", t.Name.Space, t.Name.Local)
		case xml.CharData:
			fmt.Fprintf(&b, "text %q\n", string(t))
		case xml.Comment:
			fmt.Fprintf(&b, "comment %q\n", string(t))
		case xml.ProcInst:
			fmt.Fprintf(&b, "pi %s %q\n", t.Target, string(t.Inst))
		case xml.Directive:
			b.WriteString("directive\n")
		}
	}
}

func ourTokens(data []byte) (string, error) {
	sc := newScanner(data)
	var b strings.Builder
	var t token
	for {
		err := sc.next(&t)
		if err == io.EOF {
			return b.String(), nil
		}
		if err != nil {
			return "", err
		}
		switch t.kind {
		case tStart:
			fmt.Fprintf(&b, "<%s:%s", t.space, t.local)
			for _, a := range t.attrs {
				fmt.Fprintf(&b, " %s:%s=%q", a.space, a.local, a.value)
			}
			b.WriteString(">\n")
			if t.selfClose {
				fmt.Fprintf(&b, "</%s:%s>\n", t.space, t.local)
			}
		case tEnd:
			fmt.Fprintf(&b, "</%s:%s>\n", t.space, t.local)
		case tText, tCDATA:
			fmt.Fprintf(&b, "text %q\n", t.text)
		case tComment:
			fmt.Fprintf(&b, "comment %q\n", t.text)
		case tPI:
			fmt.Fprintf(&b, "pi %s %q\n", t.local, t.text)
		case tDirective:
			b.WriteString("directive\n")
		}
	}
}

func TestScannerMatchesEncodingXML(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.bpmn"))
	if xsd := schemaPath(); xsd != "" {
		root := filepath.Dir(filepath.Dir(xsd))
		for _, sub := range []string{"reference", "vendors", "reference/wip/*"} {
			more, _ := filepath.Glob(filepath.Join(root, sub, "*.bpmn"))
			files = append(files, more...)
		}
	}
	snippets := []string{
		`<a x='1' y="&lt;&#65;&#x42;&amp;&quot;&apos;"/>`,
		"<a\r\n  x=\"1\r\n2\">line\r\nend\rx</a>",
		`<a><![CDATA[ <not> & tags ]]>tail<!-- c - d --><?pi  some data ?></a>`,
		`<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x"> <!-- > -->]><a:b xmlns:a="u"><c/></a:b>`,
		"<a>\u00e5\u00e4\u00f6 \u20ac</a>",
		`<a b = "1" ></a >`,
	}
	for i := range snippets {
		files = append(files, fmt.Sprintf("snippet %d", i))
	}
	for _, f := range files {
		var data []byte
		if n, ok := strings.CutPrefix(f, "snippet "); ok {
			var i int
			fmt.Sscan(n, &i)
			data = []byte(snippets[i])
		} else {
			var err error
			if data, err = os.ReadFile(f); err != nil {
				t.Fatal(err)
			}
			data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		}
		want, err := stdTokens(data)
		if err != nil {
			continue // malformed or not UTF-8: covered by the refusal tests
		}
		got, err := ourTokens(data)
		if err != nil {
			t.Errorf("%s: our scanner fails on input encoding/xml reads: %v", f, err)
			continue
		}
		if got != want {
			t.Errorf("%s: token streams differ:\n%s", f, firstLineDiff(want, got))
		}
	}
}

// Malformed input is refused with the position of the fault.
func TestScannerErrors(t *testing.T) {
	tests := []struct {
		in, msg   string
		line, col int
	}{
		{"<a>\n  <b></a>", "element <b> (opened at line 2) is closed by </a>", 2, 6},
		{"<a x=1/>", "not quoted", 1, 6},
		{"<a x='1' x='2'/>", "given twice", 1, 10},
		{"<a x='<'/>", "unescaped <", 1, 7},
		{"<a>&bogus;</a>", "invalid character entity &bogus;", 1, 4},
		{"<a>&#1;</a>", "illegal character code U+0001", 1, 4},
		{"<a>\x01</a>", "illegal character code U+0001", 1, 4},
		{"<a><!-- open", "end of file in a comment", 1, 4},
		{"<a><!-- a -- b --></a>", `"--" inside a comment`, 1, 11},
		{"<a>\n<b>", "<b> is not closed", 2, 4},
		{"<a/><b/>", "more than one root", 1, 5},
		{"<a/>text", "text outside the root", 1, 5},
		{"<p:a/>", `prefix "p" of <p:a> is not declared`, 1, 1},
		{"<a p:x='1'/>", `prefix "p" of attribute p:x`, 1, 1},
		{"<1a/>", "invalid name", 1, 2},
		{"<a xmlns:0p='u'/>", "invalid name", 1, 10},
		{"<a b/>", "has no value", 1, 5},
		{"<a/>\n<?xml version='1.0'?>", "declaration must come first", 2, 1},
		{"", "no root element", 1, 1},
	}
	for _, tc := range tests {
		_, err := parse([]byte(tc.in))
		se, ok := err.(*SyntaxError)
		if !ok || !strings.Contains(se.Msg, tc.msg) || se.Line != tc.line || se.Col != tc.col {
			t.Errorf("%q: got %v, want %d:%d: …%s…", tc.in, err, tc.line, tc.col, tc.msg)
		}
	}
}

// FuzzScanner: whatever encoding/xml reads, our scanner reads the same way.
func FuzzScanner(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		want, err := stdTokens(data)
		if err != nil {
			return
		}
		if !utf8.Valid(data) || checkChars(data) >= 0 {
			return // refused up front by parse, before scanning
		}
		got, err := ourTokens(data)
		if err != nil {
			// RawToken reports input cut off inside a token as a clean
			// io.EOF; we call it what it is.
			if strings.Contains(err.Error(), "unexpected end of file") {
				return
			}
			// We are stricter than encoding/xml where the XML spec is:
			// a PI target must be followed by whitespace, attributes must
			// be separated by whitespace and may not repeat, and a name
			// holds at most one colon, each part starting like a name
			// (Namespaces in XML), and "--" may not occur in a comment.
			for _, strict := range []string{"invalid processing instruction", "expected whitespace", "given twice", "a colon may only", "invalid name", "inside a comment"} {
				if strings.Contains(err.Error(), strict) {
					return
				}
			}
			t.Fatalf("encoding/xml reads it, we refuse: %v", err)
		}
		if got != want {
			t.Fatalf("token streams differ:\n%s", firstLineDiff(want, got))
		}
	})
}
