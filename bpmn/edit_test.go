package bpmn

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"lanemap/internal/corpus"
	"lanemap/model"
)

// An edit changes a decoded model the way the editor would and returns
// the ids whose XML must change (nil: do not check the set).
type edit struct {
	name string
	do   func(t *testing.T, d *model.Definitions) []string
}

// ---- model helpers (what edit.Session will do) ----------------------------

func removeNode(d *model.Definitions, id string) {
	d.Nodes = slices.DeleteFunc(d.Nodes, func(n *model.Node) bool { return n.ID == id })
	d.Touch()
}

func removeFlow(d *model.Definitions, id string) {
	d.Flows = slices.DeleteFunc(d.Flows, func(f *model.Flow) bool { return f.ID == id })
	d.Touch()
}

func removeDI(d *model.Definitions, element string) {
	for _, g := range d.Diagrams {
		g.Shapes = slices.DeleteFunc(g.Shapes, func(s *model.Shape) bool { return s.Element == element })
		g.Edges = slices.DeleteFunc(g.Edges, func(e *model.Edge) bool { return e.Element == element })
	}
}

func diagramOf(d *model.Definitions, element string) *model.Diagram {
	for _, g := range d.Diagrams {
		if g.Shape(element) != nil || g.Edge(element) != nil {
			return g
		}
	}
	return nil
}

// ---- the edits on testdata/full.bpmn ----------------------------------

var fullEdits = []edit{
	{"rename", func(t *testing.T, d *model.Definitions) []string {
		d.Node("Task_1").Name = "Utreda & bedöma <snabbt>"
		return []string{"Task_1"}
	}},
	{"move", func(t *testing.T, d *model.Definitions) []string {
		s := d.Diagrams[0].Shape("Task_1")
		s.Bounds = s.Bounds.Translate(12.5, -3)
		return []string{"Task_1_di"}
	}},
	{"resize", func(t *testing.T, d *model.Definitions) []string {
		d.Diagrams[0].Shape("Task_2").Bounds.W = 140
		return []string{"Task_2_di"}
	}},
	{"add task to lane", func(t *testing.T, d *model.Definitions) []string {
		d.Nodes = append(d.Nodes, &model.Node{ID: "Task_New", Kind: model.UserTask, Name: "Ny", Container: "Process_1"})
		d.Lane("Lane_2").NodeRefs = append(d.Lane("Lane_2").NodeRefs, "Task_New")
		d.Diagrams[0].Shapes = append(d.Diagrams[0].Shapes, &model.Shape{ID: "Task_New_di", Element: "Task_New", Bounds: model.Rect{X: 1100, Y: 420, W: 100, H: 80}})
		d.Touch()
		return []string{"Task_New", "Task_New_di", "Lane_2", "Process_1", "Plane_1"}
	}},
	{"add lane", func(t *testing.T, d *model.Definitions) []string {
		p := d.Process("Process_1")
		p.Lanes = append(p.Lanes, &model.Lane{ID: "Lane_3", Name: "Nämnd", Role: "Politiker"})
		d.Diagrams[0].Shapes = append(d.Diagrams[0].Shapes, &model.Shape{ID: "Lane_3_di", Element: "Lane_3", Bounds: model.Rect{X: 130, Y: 600, W: 1370, H: 100}, IsHorizontal: model.Bool(true)})
		d.Touch()
		return []string{"Lane_3", "Lane_3_di", "LaneSet_1", "Plane_1"}
	}},
	{"add nested lane", func(t *testing.T, d *model.Definitions) []string {
		l := d.Lane("Lane_1")
		l.Children = append(l.Children, &model.Lane{ID: "Lane_1a", Name: "Mottagning", NodeRefs: []string{"Start_1"}})
		d.Touch()
		return []string{"Lane_1a", "Lane_1"}
	}},
	{"delete lane", func(t *testing.T, d *model.Definitions) []string {
		p := d.Process("Process_1")
		p.Lanes = p.Lanes[:1]
		removeDI(d, "Lane_2")
		d.Touch()
		return []string{"Lane_2", "Lane_2_di", "LaneSet_1", "Plane_1"}
	}},
	{"reorder lanes", func(t *testing.T, d *model.Definitions) []string {
		p := d.Process("Process_1")
		p.Lanes[0], p.Lanes[1] = p.Lanes[1], p.Lanes[0]
		return []string{"LaneSet_1"}
	}},
	{"connect", func(t *testing.T, d *model.Definitions) []string {
		d.Flows = append(d.Flows, &model.Flow{ID: "Flow_New", Kind: model.SequenceFlow, Container: "Process_1", Source: "Task_2", Target: "Call_1", Condition: "x > 1"})
		d.Diagrams[0].Edges = append(d.Diagrams[0].Edges, &model.Edge{ID: "Flow_New_di", Element: "Flow_New", Waypoints: []model.Point{{X: 580, Y: 420}, {X: 750, Y: 240}}})
		d.Touch()
		return []string{"Flow_New", "Flow_New_di", "Process_1", "Plane_1", "Task_2", "Call_1"}
	}},
	{"delete node (model leaves refs and DI behind)", func(t *testing.T, d *model.Definitions) []string {
		removeNode(d, "Task_2")
		for _, f := range []string{"Flow_3", "Flow_5", "Flow_6", "Flow_7"} {
			removeFlow(d, f)
		}
		return []string{"Task_2", "Task_2_di", "Flow_3", "Flow_5", "Flow_6", "Flow_7",
			"Flow_3_di", "Flow_5_di", "Flow_6_di", "Flow_7_di", "Lane_2", "Process_1", "Plane_1",
			"Gateway_1", "Sub_1", "Boundary_1", "EventGw_1"}
	}},
	{"delete sub-process with its content and plane", func(t *testing.T, d *model.Definitions) []string {
		for _, id := range []string{"Sub_1", "SubStart_1", "SubTask_1", "SubEnd_1", "EventSub_1", "EventSubStart_1", "Boundary_1"} {
			removeNode(d, id)
			removeDI(d, id)
		}
		for _, id := range []string{"SubFlow_1", "SubFlow_2", "Flow_4", "Flow_5", "Flow_6"} {
			removeFlow(d, id)
			removeDI(d, id)
		}
		d.Node("Gateway_1").Default = ""
		l := d.Lane("Lane_1")
		l.NodeRefs = slices.DeleteFunc(l.NodeRefs, func(s string) bool { return s == "Sub_1" || s == "Boundary_1" })
		d.Diagrams = d.Diagrams[:1]
		return nil
	}},
	{"change flow target", func(t *testing.T, d *model.Definitions) []string {
		d.Flow("Flow_4").Target = "Call_1"
		return []string{"Flow_4", "Sub_1", "Call_1"}
	}},
	{"change flow source", func(t *testing.T, d *model.Definitions) []string {
		d.Flow("Flow_6").Source = "Call_1"
		return []string{"Flow_6", "Boundary_1", "Call_1"}
	}},
	{"change kind keeps children", func(t *testing.T, d *model.Definitions) []string {
		d.Node("Task_1").Kind = model.ServiceTask
		return []string{"Task_1"}
	}},
	{"task to gateway drops activity-only parts", func(t *testing.T, d *model.Definitions) []string {
		n := d.Node("Call_1")
		n.Kind = model.ParallelGateway
		n.CalledElement, n.CalledKind, n.IsForCompensation = "", "", false
		return []string{"Call_1"}
	}},
	{"event definitions", func(t *testing.T, d *model.Definitions) []string {
		d.Node("Catch_1").EventDefs = []string{model.MessageDef, model.TimerDef}
		d.Node("End_1").EventDefs = nil
		return []string{"Catch_1", "Catch_1_timer", "SigDef_2", "End_1", "TermDef_1"}
	}},
	{"loops", func(t *testing.T, d *model.Definitions) []string {
		d.Node("Task_1").Loop = model.ParallelMultiInstance
		d.Node("Sub_1").Loop = model.NoLoop
		d.Node("Task_2").Loop = model.StandardLoop
		return []string{"Task_1", "Sub_1", "Task_2"}
	}},
	{"attributes", func(t *testing.T, d *model.Definitions) []string {
		d.Node("Boundary_1").CancelActivity = true
		d.Node("Gateway_1").Default = "Flow_3"
		d.Node("EventGw_1").EventGatewayType = "Exclusive"
		d.Node("DataRef_1").DataState = "granskad"
		d.Node("Note_1").Text = "Inom 2 månader"
		d.Flow("Flow_3").Condition = ""
		d.Flow("Flow_4").Condition = "${!komplett}"
		d.Flow("Assoc_1").Direction = "Both"
		return []string{"Boundary_1", "Gateway_1", "EventGw_1", "DataState_1", "Note_1", "Flow_3", "Flow_4", "Assoc_1"}
	}},
	{"documentation", func(t *testing.T, d *model.Definitions) []string {
		d.Node("Start_1").Documentation = ""
		d.Node("Task_2").Documentation = "Beslut enligt delegation."
		d.Collaborations[0].Documentation = "Ny beskrivning"
		return []string{"Start_1", "Task_2", "Collab_1"}
	}},
	{"metadata and links", func(t *testing.T, d *model.Definitions) []string {
		d.Meta.Version = "1.3"
		d.Meta.Tags = append(d.Meta.Tags, "LSS")
		d.Node("Task_2").Links = []model.Link{{Title: "Delegation", Href: "delegation.pdf"}}
		d.Node("Task_1").Links = nil
		d.Lane("Lane_2").Role = "Chef"
		d.Participant("Pool_2").Links = []model.Link{{Title: "Kontakt", Href: "mailto:x@example.org"}}
		return []string{"Collab_1", "Task_2", "Task_1", "Lane_2", "Pool_2"}
	}},
	{"move node into sub-process", func(t *testing.T, d *model.Definitions) []string {
		d.Node("Call_1").Container = "Sub_1"
		l := d.Lane("Lane_1")
		l.NodeRefs = slices.DeleteFunc(l.NodeRefs, func(s string) bool { return s == "Call_1" })
		return []string{"Sub_1", "Process_1", "Lane_1"} // Call_1 itself is unchanged
	}},
	{"DI details", func(t *testing.T, d *model.Definitions) []string {
		g := d.Diagrams[0]
		g.Shape("Start_1").Label = nil
		g.Shape("Task_1").Label = &model.Rect{X: 1, Y: 2, W: 3, H: 4}
		g.Shape("Task_1").Style = model.Colors{Fill: "#ffffff", Stroke: "#000000"}
		g.Shape("Start_1").Style.Fill = "#ff0000"
		g.Shape("Start_1").Style.Label = "#00ff00"
		g.Edge("Flow_3").Style.Label = "#0000ff"
		g.Shape("Sub_1").IsExpanded = model.Bool(true)
		g.Shape("Gateway_1").IsMarkerVisible = nil
		g.Edge("Flow_2").Waypoints = []model.Point{{X: 370, Y: 200}, {X: 400, Y: 210}, {X: 425, Y: 200}}
		g.Edge("Flow_1").Waypoints[1].X = 269.5
		return []string{"Start_1_di", "Task_1_di", "Sub_1_di", "Gateway_1_di", "Flow_2_di", "Flow_1_di", "Flow_3_di"}
	}},
	{"add pool with process", func(t *testing.T, d *model.Definitions) []string {
		d.Processes = append(d.Processes, &model.Process{ID: "Process_2", Name: "Nämnden"})
		c := d.Collaborations[0]
		c.Participants = append(c.Participants, &model.Participant{ID: "Pool_3", Name: "Nämnden", ProcessRef: "Process_2"})
		d.Process("Process_2").Lanes = []*model.Lane{{ID: "Lane_P2", Name: "Ordförande", NodeRefs: []string{"Start_P2"}}}
		d.Nodes = append(d.Nodes, &model.Node{ID: "Start_P2", Kind: model.StartEvent, IsInterrupting: true, Container: "Process_2", EventDefs: []string{model.MessageDef}})
		d.Flows = append(d.Flows, &model.Flow{ID: "Msg_New", Kind: model.MessageFlow, Container: "Collab_1", Source: "Task_2", Target: "Start_P2"})
		g := d.Diagrams[0]
		g.Shapes = append(g.Shapes,
			&model.Shape{ID: "Pool_3_di", Element: "Pool_3", Bounds: model.Rect{X: 100, Y: 800, W: 600, H: 200}, IsHorizontal: model.Bool(true)},
			&model.Shape{ID: "Lane_P2_di", Element: "Lane_P2", Bounds: model.Rect{X: 130, Y: 800, W: 570, H: 200}, IsHorizontal: model.Bool(true)},
			&model.Shape{ID: "Start_P2_di", Element: "Start_P2", Bounds: model.Rect{X: 200, Y: 880, W: 36, H: 36}})
		g.Edges = append(g.Edges, &model.Edge{ID: "Msg_New_di", Element: "Msg_New", Waypoints: []model.Point{{X: 580, Y: 500}, {X: 218, Y: 880}}})
		d.Touch()
		return []string{"Process_2", "Pool_3", "Lane_P2", "Start_P2", "Start_P2_message",
			"Msg_New", "Collab_1", "Pool_3_di", "Lane_P2_di", "Start_P2_di", "Msg_New_di", "Plane_1", "Defs_1"}
	}},
	{"data associations", func(t *testing.T, d *model.Definitions) []string {
		d.Flow("DIA_1").Source = "StoreRef_1"
		d.Flows = append(d.Flows,
			&model.Flow{ID: "DIA_New", Kind: model.DataInputAssociation, Container: "Task_2", Source: "DataRef_1", Target: "Task_2"},
			&model.Flow{ID: "DOA_New", Kind: model.DataOutputAssociation, Container: "Task_2", Source: "Task_2", Target: "DataRef_1"})
		d.Touch()
		return []string{"DIA_1", "DIA_New", "DOA_New", "Property_DIA_New", "Task_2"}
	}},
	{"delete data reference, association left behind", func(t *testing.T, d *model.Definitions) []string {
		removeNode(d, "DataRef_1")
		removeDI(d, "DataRef_1")
		return []string{"DataRef_1", "DataState_1", "DataRef_1_di", "DIA_1", "Process_1", "Plane_1"}
	}},
	{"data store outside the pools", func(t *testing.T, d *model.Definitions) []string {
		d.Node("StoreRef_1").Container = "Collab_1"
		d.Diagrams[0].Shape("StoreRef_1").Bounds = model.Rect{X: 1600, Y: 300, W: 50, H: 50}
		return []string{"StoreRef_1_di"} // it stays in Process_1, as the schema wants
	}},
	{"new data store outside the pools", func(t *testing.T, d *model.Definitions) []string {
		d.Nodes = append(d.Nodes, &model.Node{ID: "Store_New", Kind: model.DataStoreReference, Container: "Collab_1"})
		d.Diagrams[0].Shapes = append(d.Diagrams[0].Shapes, &model.Shape{ID: "Store_New_di", Element: "Store_New", Bounds: model.Rect{X: 1600, Y: 400, W: 50, H: 50}})
		d.Touch()
		return []string{"Store_New", "Store_New_di", "Process_1", "Plane_1"}
	}},
	{"delete second diagram", func(t *testing.T, d *model.Definitions) []string {
		d.Diagrams = d.Diagrams[:1]
		return []string{"Diagram_2", "Plane_2", "SubStart_1_di", "SubTask_1_di", "SubEnd_1_di", "EventSub_1_di", "EventSubStart_1_di", "SubFlow_1_di", "SubFlow_2_di", "Defs_1"}
	}},
}

// prune drops what the encoder drops for a model that still refers to
// deleted things (lane refs to missing nodes, DI of missing elements) and
// sorts what document order may legitimately rearrange (new elements go to
// their schema position, not to the end).
func prune(d *model.Definitions) {
	slices.SortStableFunc(d.Nodes, func(a, b *model.Node) int { return strings.Compare(a.ID, b.ID) })
	slices.SortStableFunc(d.Flows, func(a, b *model.Flow) int { return strings.Compare(a.ID, b.ID) })
	for _, g := range d.Diagrams {
		slices.SortStableFunc(g.Shapes, func(a, b *model.Shape) int { return strings.Compare(shapeKey(a), shapeKey(b)) })
		slices.SortStableFunc(g.Edges, func(a, b *model.Edge) int { return strings.Compare(edgeKey(a), edgeKey(b)) })
	}
	for _, l := range d.AllLanes() {
		l.NodeRefs = slices.DeleteFunc(l.NodeRefs, func(id string) bool { return d.Node(id) == nil })
	}
	exists := func(id string) bool { return d.Element(id) != nil }
	for _, f := range d.Flows {
		if f.Kind == model.DataInputAssociation && !exists(f.Source) {
			f.Source = ""
		}
	}
	for _, g := range d.Diagrams {
		g.Shapes = slices.DeleteFunc(g.Shapes, func(s *model.Shape) bool { return !exists(s.Element) })
		g.Edges = slices.DeleteFunc(g.Edges, func(e *model.Edge) bool { return !exists(e.Element) })
	}
}

type editResult struct{ name, in, out string }

// runEdit applies one edit and checks: only the expected ids differ; the
// file reads back as the edited model; a second encode is byte-identical.
func runEdit(t *testing.T, dir, file string, data []byte, e edit) (editResult, bool) {
	t.Helper()
	d, src, _, err := Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	want := e.do(t, d)
	if t.Failed() {
		return editResult{}, false
	}
	var out bytes.Buffer
	if err := Encode(&out, d, src); err != nil {
		t.Fatalf("encode: %v", err)
	}
	if want != nil {
		got := changedIDs(canon(t, data), canon(t, out.Bytes()))
		sort.Strings(want)
		if !slices.Equal(got, want) {
			t.Errorf("changed ids\n got  %v\n want %v", got, want)
		}
	}
	var twice bytes.Buffer
	if err := Encode(&twice, d, src); err != nil || !bytes.Equal(out.Bytes(), twice.Bytes()) {
		t.Errorf("second encode after the edit is not identical (err %v)", err)
	}
	d2, _, _, err := Decode(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatalf("re-decode: %v\n%s", err, out.Bytes())
	}
	d.Touch()
	prune(d)
	prune(d2)
	if a, b := dump(d, nil), dump(d2, nil); a != b {
		t.Errorf("model after save differs from the edited model:\n%s", firstLineDiff(a, b))
	}
	var again bytes.Buffer
	if err := Encode(&again, d2, nil); err != nil {
		t.Errorf("fresh encode of the result: %v", err)
	}
	base := strings.NewReplacer(" ", "_", "(", "", ")", "").Replace(e.name)
	in := filepath.Join(dir, base+".in.bpmn")
	o := filepath.Join(dir, base+".out.bpmn")
	os.WriteFile(in, data, 0o644)
	os.WriteFile(o, out.Bytes(), 0o644)
	return editResult{file + ": " + e.name, in, o}, true
}

// checkValidity: an output validates whenever its input did.
func checkValidity(t *testing.T, results []editResult) {
	t.Helper()
	xsd := schemaPath()
	if xsd == "" {
		t.Log("OMG schema not found (corpus absent): validity not checked")
		return
	}
	var files []string
	for _, r := range results {
		files = append(files, r.in, r.out)
	}
	valid, ok := xmllintValid(t, xsd, files)
	if !ok {
		t.Log("xmllint not installed: validity not checked")
		return
	}
	for _, r := range results {
		if valid[r.in] && !valid[r.out] {
			t.Errorf("%s: the input validates, the output does not (%s)", r.name, r.out)
		}
	}
}

func TestEditsFull(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "full.bpmn"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var results []editResult
	for _, e := range fullEdits {
		t.Run(e.name, func(t *testing.T) {
			if r, ok := runEdit(t, dir, "full.bpmn", data, e); ok {
				results = append(results, r)
			}
		})
	}
	checkValidity(t, results)
}

// New children are indented like their siblings, and nothing else moves.
func TestEditIndentation(t *testing.T) {
	d, src, _, data := decodeFile(t, "full.bpmn")
	fullEdits[3].do(t, d) // add task to lane
	out := encode(t, d, src)
	for _, want := range []string{
		"\n        <bpmn:flowNodeRef>Throw_1</bpmn:flowNodeRef>\n        <bpmn:flowNodeRef>Task_New</bpmn:flowNodeRef>\n      </bpmn:lane>",
		"\n    <bpmn:userTask id=\"Task_New\" name=\"Ny\" />\n    <bpmn:textAnnotation id=\"Note_1\">",
		"\n      </bpmndi:BPMNShape>\n      <bpmndi:BPMNShape id=\"Task_New_di\" bpmnElement=\"Task_New\">\n        <dc:Bounds x=\"1100\" y=\"420\" width=\"100\" height=\"80\" />\n      </bpmndi:BPMNShape>\n      <bpmndi:BPMNEdge id=\"Flow_1_di\"",
	} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("output lacks %q", want)
		}
	}
	// Line count grows by exactly the added lines.
	if got, want := bytes.Count(out, []byte("\n")), bytes.Count(data, []byte("\n"))+1+1+3; got != want {
		t.Errorf("%d lines, want %d", got, want)
	}
}

// Edits on the small pitfall files: other prefixes, encodings, no
// collaboration yet, vertical lanes.
func TestEditsTestdata(t *testing.T) {
	tests := []struct {
		file string
		e    edit
	}{
		{"prefix-sem.bpmn", edit{"pool around a lone process", func(t *testing.T, d *model.Definitions) []string {
			d.Collaborations = []*model.Collaboration{{ID: "Collab_New", Participants: []*model.Participant{{ID: "Pool_New", Name: "Enheten", ProcessRef: "Process_1"}}}}
			d.Process("Process_1").Lanes = []*model.Lane{{ID: "Lane_New", Name: "Alla", NodeRefs: []string{"Start_1", "Task_1"}}}
			g := d.Diagrams[0]
			g.Element = "Collab_New"
			g.Shapes = append(g.Shapes,
				&model.Shape{ID: "Pool_New_di", Element: "Pool_New", Bounds: model.Rect{X: 50, Y: 50, W: 400, H: 150}, IsHorizontal: model.Bool(true)},
				&model.Shape{ID: "Lane_New_di", Element: "Lane_New", Bounds: model.Rect{X: 80, Y: 50, W: 370, H: 150}, IsHorizontal: model.Bool(true)})
			d.Meta.Owner = "Enhetschef"
			d.Touch()
			return []string{"Collab_New", "Pool_New", "Lane_New", "Process_1", "Plane_1", "Pool_New_di", "Lane_New_di", "Defs"}
		}}},
		{"latin1.bpmn", edit{"metadata on a process", func(t *testing.T, d *model.Definitions) []string {
			d.Meta = model.Meta{Owner: "Åsa Öberg", Classification: 2, Tags: []string{"LSS", "SoL"}}
			return []string{"Process_1"} // (the new xmlns on definitions is not content)
		}}},
		{"vertical.bpmn", edit{"add vertical lane", func(t *testing.T, d *model.Definitions) []string {
			l := d.Lane("Lane_2")
			l.Children = append(l.Children, &model.Lane{ID: "Lane_2b", Name: "Höger B"})
			d.Diagrams[0].Shapes = append(d.Diagrams[0].Shapes, &model.Shape{ID: "Lane_2b_di", Element: "Lane_2b", Bounds: model.Rect{X: 375, Y: 60, W: 125, H: 540}, IsHorizontal: model.Bool(false)})
			d.Diagrams[0].Shape("Lane_2a").Bounds.W = 125
			d.Touch()
			return []string{"Lane_2b", "Lane_2b_di", "Lane_2a_di", "LaneSet_2", "Plane_1"}
		}}},
		{"no-declaration.bpmn", edit{"process data input and output", func(t *testing.T, d *model.Definitions) []string {
			d.Nodes = append(d.Nodes,
				&model.Node{ID: "In_1", Kind: model.DataInput, Name: "Ansökan", Container: "Process_1"},
				&model.Node{ID: "Out_1", Kind: model.DataOutput, Name: "Beslut", Container: "Process_1", IsCollection: true},
				&model.Node{ID: "Obj_1", Kind: model.DataObject, Container: "Process_1"},
				&model.Node{ID: "Ref_1", Kind: model.DataObjectReference, Container: "Process_1", ItemRef: "Obj_1", DataState: "ny"})
			d.Flows = append(d.Flows, &model.Flow{ID: "Assoc_In", Kind: model.DataInputAssociation, Source: "Ref_1", Target: "Task_1", Container: "Task_1"})
			g := d.Diagrams[0]
			g.Shapes = append(g.Shapes,
				&model.Shape{ID: "In_1_di", Element: "In_1", Bounds: model.Rect{X: 10, Y: 10, W: 36, H: 50}},
				&model.Shape{ID: "Ref_1_di", Element: "Ref_1", Bounds: model.Rect{X: 230, Y: 200, W: 36, H: 50}})
			g.Edges = append(g.Edges, &model.Edge{ID: "Assoc_In_di", Element: "Assoc_In", Waypoints: []model.Point{{X: 248, Y: 200}, {X: 250, Y: 158}}})
			d.Touch()
			return []string{"In_1", "Out_1", "Obj_1", "Ref_1", "Assoc_In", "Property_Assoc_In", "Task_1", "Process_1",
				"In_1_di", "Ref_1_di", "Assoc_In_di", "Plane_1"}
		}}},
		{"cp1252.bpmn", edit{"delete the task", func(t *testing.T, d *model.Definitions) []string {
			removeNode(d, "Task_1")
			removeFlow(d, "Flow_1")
			return []string{"Task_1", "Flow_1", "Task_1_di", "Flow_1_di", "Start_1", "Process_1", "Plane_1"}
		}}},
		{"bom-crlf.bpmn", edit{"connect back", func(t *testing.T, d *model.Definitions) []string {
			d.Flows = append(d.Flows, &model.Flow{ID: "Flow_Back", Kind: model.SequenceFlow, Container: "Process_1", Source: "Task_1", Target: "Start_1"})
			d.Touch()
			return []string{"Flow_Back", "Task_1", "Start_1", "Process_1"}
		}}},
	}
	dir := t.TempDir()
	var results []editResult
	for _, tc := range tests {
		t.Run(tc.file+"/"+tc.e.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if r, ok := runEdit(t, dir, tc.file, data, tc.e); ok {
				results = append(results, r)
			}
		})
	}
	checkValidity(t, results)
}

// Generic edits that apply to any file, run over corpus files.
var genericEdits = []edit{
	{"rename first task", func(t *testing.T, d *model.Definitions) []string {
		for _, n := range d.Nodes {
			if n.Kind.IsTask() {
				n.Name += " (ändrad)"
				return []string{n.ID}
			}
		}
		return nil
	}},
	{"move first flow node", func(t *testing.T, d *model.Definitions) []string {
		for _, n := range d.Nodes {
			if n.Kind.IsFlowNode() {
				if g := diagramOf(d, n.ID); g != nil {
					s := g.Shape(n.ID)
					s.Bounds = s.Bounds.Translate(7, 9)
					if s.ID == "" {
						return nil
					}
					return []string{s.ID}
				}
			}
		}
		return nil
	}},
	{"add task to first lane", func(t *testing.T, d *model.Definitions) []string {
		lanes := d.AllLanes()
		if len(lanes) == 0 {
			return nil
		}
		l := lanes[0]
		for len(l.Children) > 0 {
			l = l.Children[0]
		}
		p := d.LaneProcess(l.ID)
		n := &model.Node{ID: "Task_Added", Kind: model.Task, Name: "Tillagd", Container: p.ID}
		d.Nodes = append(d.Nodes, n)
		l.NodeRefs = append(l.NodeRefs, n.ID)
		if g := diagramOf(d, l.ID); g != nil {
			b := g.Shape(l.ID).Bounds
			g.Shapes = append(g.Shapes, &model.Shape{ID: "Task_Added_di", Element: n.ID, Bounds: model.Rect{X: b.X + 40, Y: b.Y + 10, W: 100, H: 80}})
		}
		d.Touch()
		return nil
	}},
	{"delete first task with its flows", func(t *testing.T, d *model.Definitions) []string {
		for _, n := range d.Nodes {
			if !n.Kind.IsTask() {
				continue
			}
			removeNode(d, n.ID)
			for _, f := range slices.Clone(d.Flows) {
				if f.Source == n.ID || f.Target == n.ID {
					removeFlow(d, f.ID)
				}
			}
			for _, x := range d.Nodes {
				if x.AttachedTo == n.ID {
					x.AttachedTo = ""
				}
			}
			return nil
		}
		return nil
	}},
	{"connect first two tasks", func(t *testing.T, d *model.Definitions) []string {
		var a *model.Node
		for _, n := range d.Nodes {
			if !n.Kind.IsTask() {
				continue
			}
			if a == nil {
				a = n
			} else if n.Container == a.Container {
				d.Flows = append(d.Flows, &model.Flow{ID: "Flow_Added", Kind: model.SequenceFlow, Container: a.Container, Source: a.ID, Target: n.ID})
				d.Touch()
				return nil
			}
		}
		return nil
	}},
	{"first task becomes user task", func(t *testing.T, d *model.Definitions) []string {
		for _, n := range d.Nodes {
			if n.Kind.IsTask() && n.Kind != model.UserTask {
				n.Kind = model.UserTask
				return []string{n.ID}
			}
		}
		return nil
	}},
	{"add lane", func(t *testing.T, d *model.Definitions) []string {
		for _, p := range d.Processes {
			if len(p.Lanes) > 0 {
				p.Lanes = append(p.Lanes, &model.Lane{ID: "Lane_Added", Name: "Ny roll"})
				d.Touch()
				return nil
			}
		}
		return nil
	}},
	{"delete last lane", func(t *testing.T, d *model.Definitions) []string {
		for _, p := range d.Processes {
			if n := len(p.Lanes); n > 1 {
				removeDI(d, p.Lanes[n-1].ID)
				p.Lanes = p.Lanes[:n-1]
				d.Touch()
				return nil
			}
		}
		return nil
	}},
	{"set metadata", func(t *testing.T, d *model.Definitions) []string {
		d.Meta = model.Meta{Owner: "Ägare", Status: model.StatusDraft, Links: []model.Link{{Title: "a", Href: "b"}}}
		return []string{metaHolder(d)}
	}},
}

func TestEditsCorpus(t *testing.T) {
	dir := corpus.Dir(t)
	files := []string{
		"reference/A.4.0.bpmn",                        // semantic: prefix, ISO-8859-1
		"reference/A.4.1.bpmn",                        // default namespace, vertical
		"reference/C.2.0.bpmn",                        // four pools
		"reference/C.4.0.bpmn",                        // four diagrams, no XML declaration
		"reference/B.2.0.bpmn",                        // everything
		"vendors/bpmnio-camunda18-C.1.0-export.bpmn",  // nested lanes
		"vendors/omnitracker12-A.4.1-roundtrip.bpmn",  // lanes without refs
		"vendors/w4-composer9-C.1.0-export.bpmn",      // unprefixed vendor children
		"vendors/caseagile-ee1-C.2.0-export.bpmn",     // BOM, isHorizontal everywhere
		"vendors/ibm-blueworks2014-A.2.0-export.bpmn", // no DI
	}
	out := t.TempDir()
	var results []editResult
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range genericEdits {
			t.Run(filepath.Base(f)+"/"+e.name, func(t *testing.T) {
				sub := filepath.Join(out, strings.ReplaceAll(filepath.Base(f), ".", "_"))
				os.MkdirAll(sub, 0o755)
				if r, ok := runEdit(t, sub, f, data, e); ok {
					results = append(results, r)
				}
			})
		}
	}
	checkValidity(t, results)
}

// A fresh document (no Source) is complete and valid.
func TestFreshDocument(t *testing.T) {
	d, _, _, _ := decodeFile(t, "full.bpmn")
	var out bytes.Buffer
	if err := Encode(&out, d, nil); err != nil {
		t.Fatal(err)
	}
	d2, src2, warns, err := Decode(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range warns {
		// full.bpmn refers to root elements the model does not carry
		// (a global task, a data store, a category); a fresh document
		// cannot hold them.
		if !strings.Contains(w.Msg, "GlobalTask_1") && !strings.Contains(w.Msg, "DataStore_1") && !strings.Contains(w.Msg, "CategoryValue_1") {
			t.Errorf("fresh output has warning %v", w)
		}
	}
	// The called global task is not in the model, so not in a fresh file.
	d.Node("Call_1").CalledKind = ""
	if a, b := dump(d, nil), dump(d2, nil); a != b {
		t.Errorf("fresh output reads back differently:\n%s", firstLineDiff(a, b))
	}
	golden(t, "full.fresh.bpmn", out.Bytes())
	var again bytes.Buffer
	if err := Encode(&again, d, nil); err != nil || !bytes.Equal(again.Bytes(), out.Bytes()) {
		t.Error("fresh encoding is not deterministic")
	}
	var same bytes.Buffer
	if err := Encode(&same, d2, src2); err != nil || !bytes.Equal(same.Bytes(), out.Bytes()) {
		t.Error("re-encoding our own output changes bytes")
	}
	f := filepath.Join(t.TempDir(), "fresh.bpmn")
	if err := WriteFile(f, d, nil); err != nil {
		t.Fatal(err)
	}
	if xsd := schemaPath(); xsd != "" {
		if valid, ok := xmllintValid(t, xsd, []string{f}); ok && !valid[f] {
			t.Errorf("fresh document does not validate: %s", f)
		}
	}
}

// Encode refuses models it cannot write, and leaves the Source untouched.
func TestEncodeRefuses(t *testing.T) {
	tests := []struct {
		name, want string
		do         func(d *model.Definitions)
	}{
		{"duplicate id", "used twice", func(d *model.Definitions) {
			d.Nodes = append(d.Nodes, &model.Node{ID: "Task_1", Kind: model.Task, Container: "Process_1"})
		}},
		{"empty id", "has no id", func(d *model.Definitions) {
			d.Nodes = append(d.Nodes, &model.Node{Kind: model.Task, Container: "Process_1"})
		}},
		{"missing container", "container \"Nowhere\"", func(d *model.Definitions) {
			d.Nodes = append(d.Nodes, &model.Node{ID: "X", Kind: model.Task, Container: "Nowhere"})
		}},
		{"id taken by a non-model element", "already used by <message>", func(d *model.Definitions) {
			d.Nodes = append(d.Nodes, &model.Node{ID: "Message_1", Kind: model.Task, Container: "Process_1"})
		}},
		{"task in a collaboration", "only text annotations, groups and data stores", func(d *model.Definitions) {
			d.Nodes = append(d.Nodes, &model.Node{ID: "X", Kind: model.Task, Container: "Collab_1"})
		}},
		{"bad kind", "not a flow node", func(d *model.Definitions) {
			d.Nodes = append(d.Nodes, &model.Node{ID: "X", Kind: "frobnicator", Container: "Process_1"})
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, src, _, data := decodeFile(t, "full.bpmn")
			tc.do(d)
			d.Touch()
			err := Encode(&bytes.Buffer{}, d, src)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			d0, _, _, _ := Decode(bytes.NewReader(data))
			if diff := canonDiff(canon(t, data), canon(t, encode(t, d0, src))); diff != "" {
				t.Errorf("a refused encode changed the document: %s", diff)
			}
		})
	}
}

// A Source from NewSource makes later saves of a new document diffs.
func TestNewSource(t *testing.T) {
	d, _, _, _ := decodeFile(t, "full.bpmn")
	src := NewSource()
	first := encode(t, d, src)
	var fresh bytes.Buffer
	if err := Encode(&fresh, d, nil); err != nil || !bytes.Equal(first, fresh.Bytes()) {
		t.Fatal("first save with NewSource differs from Encode with nil")
	}
	d.Node("Task_2").Name = "Fatta beslut"
	second := encode(t, d, src)
	if got := changedIDs(canon(t, first), canon(t, second)); !slices.Equal(got, []string{"Task_2"}) {
		t.Errorf("second save changed %v, want only Task_2", got)
	}
}

// Changing a node's kind renames the element and keeps everything in it.
func TestKindChangeKeepsContent(t *testing.T) {
	d, src, _, data := decodeFile(t, "full.bpmn")
	d.Node("Task_1").Kind = model.ServiceTask
	out := encode(t, d, src)
	before := canon(t, data).byID()["Task_1"]
	after := canon(t, out).byID()["Task_1"]
	want := strings.Replace(before, "}userTask ", "}serviceTask ", 1)
	if before == want || after != want {
		t.Errorf("content changed with the kind:\nbefore %s\nafter  %s", before, after)
	}
}
