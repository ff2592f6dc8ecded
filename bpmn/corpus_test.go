package bpmn

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/beevik/etree"

	"lanemap/internal/corpus"
	"lanemap/model"
)

// roundTrip decodes data, encodes it unchanged twice and checks that the
// output means the same XML, that a second encode gives the same bytes,
// and that re-reading gives the same model. It returns the output.
func roundTrip(t *testing.T, name string, data []byte) []byte {
	t.Helper()
	d, src, _, err := Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: decode: %v", name, err)
	}
	var out1, out2 bytes.Buffer
	if err := Encode(&out1, d, src); err != nil {
		t.Fatalf("%s: encode: %v", name, err)
	}
	if err := Encode(&out2, d, src); err != nil {
		t.Fatalf("%s: second encode: %v", name, err)
	}
	if !bytes.Equal(out1.Bytes(), out2.Bytes()) {
		t.Errorf("%s: encoding twice gives different bytes", name)
	}
	if diff := canonDiff(canon(t, data), canon(t, out1.Bytes())); diff != "" {
		t.Errorf("%s: output differs from input: %s", name, diff)
	}
	d2, _, _, err := Decode(bytes.NewReader(out1.Bytes()))
	if err != nil {
		t.Fatalf("%s: re-decode: %v", name, err)
	}
	if a, b := dump(d, nil), dump(d2, nil); a != b {
		t.Errorf("%s: model changed across a save:\n%s", name, firstLineDiff(a, b))
	}
	return out1.Bytes()
}

func firstLineDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) || i < len(lb); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return "  before: " + x + "\n  after:  " + y
		}
	}
	return ""
}

// counts tallies what must survive a save in any file: elements per
// {uri}local, foreign attributes, documentation and extension elements,
// DI numbers.
func counts(c *canonical) map[string]int {
	m := map[string]int{}
	var walk func(e *etree.Element)
	walk = func(e *etree.Element) {
		m[c.name(e)]++
		for _, a := range e.Attr {
			if u := attrURI(e, a); u != "" && a.Space != "xmlns" {
				m["@{"+u+"}"+a.Key]++
			}
		}
		if c.uri(e) == DC && e.Tag == "Bounds" || c.uri(e) == DI && e.Tag == "waypoint" {
			m["geom:"+attrv(e, "x")+","+attrv(e, "y")+","+attrv(e, "width")+","+attrv(e, "height")]++
		}
		if id := attrv(e, "id"); id != "" {
			m["id:"+id]++
		}
		for _, x := range childElems(e) {
			walk(x)
		}
	}
	walk(c.root)
	return m
}

func TestCorpusRoundTrip(t *testing.T) {
	files := corpus.Files(t)
	dir := t.TempDir()
	var inputs, outputs []string
	identical := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		out := roundTrip(t, name, data)
		if bytes.Equal(out, data) {
			identical++
		}
		ci, co := canon(t, data), canon(t, out)
		a, b := counts(ci), counts(co)
		for k, v := range a {
			if b[k] != v {
				t.Errorf("%s: %s occurs %d times in the input, %d in the output", name, k, v, b[k])
			}
		}
		if len(a) != len(b) {
			t.Errorf("%s: %d distinct items in, %d out", name, len(a), len(b))
		}
		o := filepath.Join(dir, strings.TrimSuffix(name, ".bpmn")+".out.bpmn")
		if err := os.WriteFile(o, out, 0o644); err != nil {
			t.Fatal(err)
		}
		inputs, outputs = append(inputs, f), append(outputs, o)
	}
	// 67 of 78 at the time of writing; the rest differ in a line or four
	// (attribute quoting and the like, which XML does not distinguish).
	t.Logf("%d of %d files saved byte-identical", identical, len(files))
	if identical < len(files)*8/10 {
		t.Errorf("only %d of %d files saved byte-identical", identical, len(files))
	}
	valid, ok := xmllintValid(t, corpus.XSD(t), append(append([]string{}, inputs...), outputs...))
	if !ok {
		t.Log("xmllint not installed: schema validity of the output not checked")
		return
	}
	n := 0
	for i, in := range inputs {
		if valid[in] {
			n++
			if !valid[outputs[i]] {
				t.Errorf("%s validates but its round trip does not", filepath.Base(in))
			}
		}
	}
	if n < len(inputs)/2 {
		t.Errorf("only %d of %d corpus files validate; is the schema path right?", n, len(inputs))
	}
}

// The one corpus file with bad bytes opens with a positioned warning and
// is saved as well-formed, schema-valid UTF-8.
func TestCorpusBadBytes(t *testing.T) {
	f := filepath.Join(corpus.Dir(t), "vendors", "genmymodel047-C.1.0-export.bpmn")
	d, src, warns, err := ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	var found *Warning
	for i, w := range warns {
		if strings.Contains(w.Msg, "not valid UTF-8") {
			found = &warns[i]
		}
	}
	if found == nil || found.Line == 0 || found.Col == 0 {
		t.Fatalf("want a positioned UTF-8 warning, got %v", warns)
	}
	var hit bool
	for _, n := range d.Nodes {
		if strings.Contains(n.Name, "Rechnung klären") {
			hit = true
		}
	}
	if !hit {
		t.Error("Latin-1 text was not decoded: no node named \"Rechnung klären\"")
	}
	out := filepath.Join(t.TempDir(), "g.bpmn")
	if err := WriteFile(out, d, src); err != nil {
		t.Fatal(err)
	}
	_, _, warns2, err := ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range warns2 {
		if strings.Contains(w.Msg, "UTF-8") {
			t.Errorf("saved file still has bad bytes: %v", w)
		}
	}
	if valid, ok := xmllintValid(t, corpus.XSD(t), []string{out}); ok && !valid[out] {
		t.Error("saved file does not validate")
	}
}

// Reading the corpus gives the element counts the corpus README lists.
func TestCorpusCounts(t *testing.T) {
	dir := corpus.Dir(t)
	tests := []struct {
		file                          string
		pools, lanes, msgFlows, diags int
		blackBox                      int
	}{
		{"reference/A.4.0.bpmn", 1, 2, 2, 1, 0},
		{"reference/A.4.1.bpmn", 2, 3, 2, 1, 0},
		{"reference/B.1.0.bpmn", 2, 2, 2, 1, 0},
		{"reference/C.1.0.bpmn", 2, 4, 5, 1, 0},
		{"reference/C.2.0.bpmn", 4, 2, 5, 1, 0},
		{"reference/C.4.0.bpmn", 4, 2, 0, 4, 0},
		{"vendors/bpmnio-camunda18-C.1.0-export.bpmn", 2, 3, 5, 1, 0},
		{"vendors/visualparadigm11-B.1.0-roundtrip.bpmn", 4, 2, 2, 2, 2},
		{"vendors/ibm-blueworks2014-A.2.0-export.bpmn", 0, 0, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			d, _, _, err := ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			msg, bb := 0, 0
			for _, f := range d.Flows {
				if f.Kind == model.MessageFlow {
					msg++
				}
			}
			for _, p := range d.Participants() {
				if p.BlackBox() {
					bb++
				}
			}
			got := []int{len(d.Participants()), len(d.AllLanes()), msg, len(d.Diagrams), bb}
			want := []int{tc.pools, tc.lanes, tc.msgFlows, tc.diags, tc.blackBox}
			for i, name := range []string{"pools", "lanes", "message flows", "diagrams", "black-box pools"} {
				if got[i] != want[i] {
					t.Errorf("%s: got %d, want %d", name, got[i], want[i])
				}
			}
		})
	}
}

// Lanes with no flowNodeRef (OMNITRACKER) get members from geometry, and
// a save with no edits does not write them.
func TestCorpusInferredLanes(t *testing.T) {
	f := filepath.Join(corpus.Dir(t), "vendors", "omnitracker12-A.4.1-roundtrip.bpmn")
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	d, src, warns, err := Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	members := 0
	for _, l := range d.AllLanes() {
		members += len(l.NodeRefs)
	}
	if members == 0 {
		t.Fatal("no lane membership inferred")
	}
	inferred := false
	for _, w := range warns {
		inferred = inferred || strings.Contains(w.Msg, "inferred from the layout")
	}
	if !inferred {
		t.Errorf("no warning about inferred membership: %v", warns)
	}
	var out bytes.Buffer
	if err := Encode(&out, d, src); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out.Bytes(), []byte("flowNodeRef")) {
		t.Error("inferred flowNodeRefs were written although nothing changed")
	}
}

func TestNotBPMN(t *testing.T) {
	_, _, _, err := Decode(strings.NewReader(`<?xml version="1.0"?>` + "\n<html><body/></html>"))
	var se *SyntaxError
	if !errors.As(err, &se) || se.Line != 2 || !strings.Contains(se.Msg, "not a BPMN 2.0 file") {
		t.Fatalf("want a positioned 'not a BPMN file' error, got %v", err)
	}
}
