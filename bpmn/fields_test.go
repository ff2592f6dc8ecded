package bpmn

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"lanemap/internal/corpus"
	"lanemap/model"
)

func decodeCorpus(t *testing.T, rel string) (*model.Definitions, *Source, []byte) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpus.Dir(t), rel))
	if err != nil {
		t.Fatal(err)
	}
	d, src, _, err := Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return d, src, data
}

func redecode(t *testing.T, data []byte) *model.Definitions {
	t.Helper()
	d, _, _, err := Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// checkChanged: only the ids in want differ between the two files.
func checkChanged(t *testing.T, a, b []byte, want ...string) {
	t.Helper()
	got := changedIDs(canon(t, a), canon(t, b))
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("changed ids %v, want %v", got, want)
	}
}

// validates checks the output against the schema when xmllint is there.
func validates(t *testing.T, data []byte) {
	t.Helper()
	xsd := schemaPath()
	if xsd == "" {
		return
	}
	f := filepath.Join(t.TempDir(), "out.bpmn")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if valid, ok := xmllintValid(t, xsd, []string{f}); ok && !valid[f] {
		t.Errorf("output does not validate against the schema:\n%s", data)
	}
}

func TestMessageVisibleKind(t *testing.T) {
	d, src, data := decodeCorpus(t, "reference/B.2.0.bpmn")
	var ed *model.Edge
	for _, e := range d.Diagrams[0].Edges {
		if e.MessageVisibleKind != "" {
			if ed != nil {
				t.Fatalf("two edges with messageVisibleKind: %s and %s", ed.Element, e.Element)
			}
			ed = e
		}
	}
	if ed == nil || ed.MessageVisibleKind != "initiating" {
		t.Fatalf("B.2.0: no message flow edge read with messageVisibleKind=initiating")
	}
	if d.Flow(ed.Element) == nil || d.Flow(ed.Element).Kind != model.MessageFlow {
		t.Errorf("the envelope edge %q is not a message flow", ed.Element)
	}
	if diff := canonDiff(canon(t, data), canon(t, encode(t, d, src))); diff != "" {
		t.Errorf("unchanged model: output differs:\n%s", diff)
	}
	for _, v := range []string{"non_initiating", ""} {
		ed.MessageVisibleKind = v
		out := encode(t, d, src)
		d2 := redecode(t, out)
		if got := d2.Diagrams[0].Edge(ed.Element).MessageVisibleKind; got != v {
			t.Errorf("set %q, read back %q", v, got)
		}
		if v == "" && strings.Contains(string(out), "messageVisibleKind") {
			t.Error("messageVisibleKind still written after clearing it")
		}
	}
	checkChanged(t, data, encode(t, d, src), ed.ID)
}

func TestGroupCategoryValue(t *testing.T) {
	d, src, data := decodeCorpus(t, "reference/B.1.0.bpmn")
	var g *model.Node
	for _, n := range d.Nodes {
		if n.Kind == model.Group {
			g = n
		}
	}
	if g == nil || g.CategoryValue != "Group" || g.CategoryValueRef != "Value_Cat1373655174961" {
		t.Fatalf("B.1.0: group read as %+v, want label \"Group\"", g)
	}
	if diff := canonDiff(canon(t, data), canon(t, encode(t, d, src))); diff != "" {
		t.Errorf("unchanged model: output differs:\n%s", diff)
	}
	g.CategoryValue = "Granskning"
	out := encode(t, d, src)
	if got := redecode(t, out).Node(g.ID).CategoryValue; got != "Granskning" {
		t.Errorf("changed label reads back as %q", got)
	}
	checkChanged(t, data, out, "Value_Cat1373655174961")

	// A group with no categoryValue gets one, in a category of its own.
	ng := &model.Node{ID: "Group_New", Kind: model.Group, Container: g.Container, CategoryValue: "Ny grupp"}
	d.Nodes = append(d.Nodes, ng)
	d.Touch()
	out = encode(t, d, src)
	if ng.CategoryValueRef == "" {
		t.Fatal("no categoryValueRef given to the new group")
	}
	d2 := redecode(t, out)
	if n := d2.Node("Group_New"); n == nil || n.CategoryValue != "Ny grupp" || n.CategoryValueRef != ng.CategoryValueRef {
		t.Errorf("new group reads back as %+v", n)
	}
	if again := encode(t, d, src); !bytes.Equal(again, out) {
		t.Error("second encode differs")
	}
	validates(t, out)
}

// Two groups sharing a categoryValue: relabelling one leaves the other.
func TestGroupSharedCategoryValue(t *testing.T) {
	d, src, _, _ := decodeFile(t, "full.bpmn")
	g := d.Node("Group_1")
	if g.CategoryValue == "" {
		t.Fatalf("full.bpmn: Group_1 has no label")
	}
	g2 := &model.Node{ID: "Group_2", Kind: model.Group, Container: g.Container, CategoryValueRef: g.CategoryValueRef, CategoryValue: g.CategoryValue}
	d.Nodes = append(d.Nodes, g2)
	d.Touch()
	encode(t, d, src)
	g2.CategoryValue = "Annan"
	out := encode(t, d, src)
	d2 := redecode(t, out)
	if a, b := d2.Node("Group_1").CategoryValue, d2.Node("Group_2").CategoryValue; a != g.CategoryValue || b != "Annan" {
		t.Errorf("labels read back %q, %q; want %q, %q", a, b, g.CategoryValue, "Annan")
	}
	if g2.CategoryValueRef == g.CategoryValueRef {
		t.Error("the relabelled group still shares the categoryValue")
	}
	validates(t, out)
}

func TestHasCondition(t *testing.T) {
	d, src, data := decodeCorpus(t, "reference/A.2.1.bpmn")
	var empty, plain []*model.Flow
	for _, f := range d.Flows {
		switch {
		case f.HasCondition && f.Condition == "":
			empty = append(empty, f)
		case !f.HasCondition && f.Kind == model.SequenceFlow:
			plain = append(plain, f)
		}
	}
	if len(empty) != 4 || len(plain) == 0 {
		t.Fatalf("A.2.1: %d flows with an empty condition (want 4), %d without", len(empty), len(plain))
	}
	if diff := canonDiff(canon(t, data), canon(t, encode(t, d, src))); diff != "" {
		t.Errorf("unchanged model: output differs:\n%s", diff)
	}
	// Clearing HasCondition removes the empty element; setting it on a
	// plain flow creates an empty one.
	empty[0].HasCondition = false
	plain[0].HasCondition = true
	out := encode(t, d, src)
	d2 := redecode(t, out)
	if f := d2.Flow(empty[0].ID); f.HasCondition {
		t.Errorf("%s: conditionExpression not removed", f.ID)
	}
	if f := d2.Flow(plain[0].ID); !f.HasCondition || f.Condition != "" {
		t.Errorf("%s: want an empty conditionExpression, read %v %q", f.ID, f.HasCondition, f.Condition)
	}
	for _, f := range empty[1:] {
		if !d2.Flow(f.ID).HasCondition {
			t.Errorf("%s: untouched empty condition lost", f.ID)
		}
	}
	// The removed conditionExpression had an id of its own.
	checkChanged(t, data, out, empty[0].ID, plain[0].ID, "_cVKUwzOCEeSknpIVFCxNIQ")
	// A condition text on a flow marked conditional keeps the element.
	plain[0].Condition = "x > 1"
	out = encode(t, d, src)
	if f := redecode(t, out).Flow(plain[0].ID); f.Condition != "x > 1" {
		t.Errorf("condition text %q not written", f.Condition)
	}
	plain[0].Condition = ""
	out = encode(t, d, src)
	if f := redecode(t, out).Flow(plain[0].ID); !f.HasCondition || f.Condition != "" {
		t.Errorf("clearing the text of a conditional flow dropped the element")
	}
	validates(t, out)
}

// A new data input association into a throw event gets the targetRef the
// schema requires (a placeholder property of the event); into a catch
// event or out of a throw event there is no valid form, so Encode refuses.
func TestDataAssociationEvents(t *testing.T) {
	d, src, _, data := decodeFile(t, "full.bpmn")
	end := d.Node("End_1")
	if end == nil || end.Kind != model.EndEvent || d.Node("DataRef_1") == nil {
		t.Fatal("full.bpmn: End_1 or DataRef_1 missing")
	}
	nodes := len(d.Nodes)
	d.Flows = append(d.Flows, &model.Flow{ID: "DIA_End", Kind: model.DataInputAssociation, Container: "End_1", Source: "DataRef_1", Target: "End_1"})
	d.Touch()
	out := encode(t, d, src)
	validates(t, out)
	d2 := redecode(t, out)
	if f := d2.Flow("DIA_End"); f == nil || f.Source != "DataRef_1" || f.Target != "End_1" {
		t.Errorf("association reads back as %+v", f)
	}
	if len(d2.Nodes) != nodes {
		t.Errorf("%d nodes after the save, want %d (the placeholder must not become a node)", len(d2.Nodes), nodes)
	}
	if !strings.Contains(string(out), "__targetRef_placeholder") {
		t.Error("no placeholder property written")
	}

	for _, tc := range []struct {
		f    *model.Flow
		want string
	}{
		{&model.Flow{ID: "DIA_Start", Kind: model.DataInputAssociation, Container: "Start_1", Source: "DataRef_1", Target: "Start_1"}, `"DIA_Start": startEvent "Start_1" cannot take data input`},
		{&model.Flow{ID: "DOA_End", Kind: model.DataOutputAssociation, Container: "End_1", Source: "End_1", Target: "DataRef_1"}, `"DOA_End": endEvent "End_1" cannot give data output`},
		{&model.Flow{ID: "DIA_Gw", Kind: model.DataInputAssociation, Container: "Gateway_1", Source: "DataRef_1", Target: "Gateway_1"}, `"DIA_Gw": exclusiveGateway "Gateway_1" cannot take data input`},
	} {
		d, src, _, _ := decodeFile(t, "full.bpmn")
		d.Flows = append(d.Flows, tc.f)
		d.Touch()
		err := Encode(&bytes.Buffer{}, d, src)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %s", tc.f.ID, err, tc.want)
		}
		d.Flows = d.Flows[:len(d.Flows)-1]
		d.Touch()
		if got := encode(t, d, src); !bytes.Equal(got, data) {
			t.Errorf("%s: the refused encode changed the Source", tc.f.ID)
		}
	}
}
