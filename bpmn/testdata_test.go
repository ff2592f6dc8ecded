package bpmn

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"lanemap/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n%s", name, firstLineDiff(string(want), string(got)))
	}
}

func testdataFiles(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "*.bpmn"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	return files
}

// Every testdata file decodes to its golden model dump (or error), and
// every readable one survives a save unchanged.
func TestTestdataGolden(t *testing.T) {
	for _, f := range testdataFiles(t) {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, _, warns, err := Decode(bytes.NewReader(data))
			var got string
			if err != nil {
				got = "error " + err.Error() + "\n"
			} else {
				got = dump(d, warns)
			}
			golden(t, strings.TrimSuffix(name, ".bpmn")+".golden", []byte(got))
			if err == nil {
				out := roundTrip(t, name, data)
				// Our writer keeps the file's habits (indentation, empty-tag
				// style, attribute layout, reference spelling, line ends,
				// encoding): only a repaired or dropped part may differ.
				if name != "bad-bytes.bpmn" && name != "doctype.bpmn" && !bytes.Equal(out, data) {
					t.Errorf("a save without edits is not byte-identical:\n%s", firstLineDiff(string(data), string(out)))
				}
			}
		})
	}
}

func decodeFile(t *testing.T, name string) (*model.Definitions, *Source, []Warning, []byte) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	d, src, warns, err := Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return d, src, warns, data
}

func encode(t *testing.T, d *model.Definitions, src *Source) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Encode(&b, d, src); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func hasWarning(warns []Warning, sub string) *Warning {
	for i := range warns {
		if strings.Contains(warns[i].Msg, sub) {
			return &warns[i]
		}
	}
	return nil
}

// Encodings, BOM, declarations and line endings are read and written back
// the way they came.
func TestEncodings(t *testing.T) {
	tests := []struct {
		file, name string
		prefix     []byte // the output must start like this
		contains   []byte // and hold these raw bytes
	}{
		{"latin1.bpmn", "Utreda ärende åt sökande", []byte(`<?xml version="1.0" encoding="ISO-8859-1"?>`), []byte("\xe4rende \xe5t s\xf6kande")},
		{"cp1252.bpmn", "Kostnad 100 € – “citat”", []byte(`<?xml version="1.0" encoding="windows-1252"?>`), []byte("100 \x80 \x96 \x93citat\x94")},
		{"bom-crlf.bpmn", "Ärende", []byte("\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<model:definitions"), []byte("</model:process>\r\n")},
		{"no-declaration.bpmn", "Första steget", []byte("<definitions xmlns="), []byte("Första")},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			d, src, _, _ := decodeFile(t, tc.file)
			if n := d.Node("Task_1"); n == nil || n.Name != tc.name {
				t.Fatalf("Task_1 = %+v, want name %q", n, tc.name)
			}
			d.Node("Task_1").Name = tc.name + " ändrad"
			out := encode(t, d, src)
			if !bytes.HasPrefix(out, tc.prefix) {
				t.Errorf("output starts %q, want %q", out[:min(len(out), 80)], tc.prefix)
			}
			if !bytes.Contains(out, tc.contains) {
				t.Errorf("output lacks %q", tc.contains)
			}
			if tc.file == "bom-crlf.bpmn" && bytes.Count(out, []byte("\n")) != bytes.Count(out, []byte("\r\n")) {
				t.Error("a bare LF slipped into a CRLF file")
			}
			d2, _, _, err := Decode(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if got := d2.Node("Task_1").Name; got != tc.name+" ändrad" {
				t.Errorf("renamed to %q, read back %q", tc.name+" ändrad", got)
			}
		})
	}
}

// A character the declared encoding cannot hold becomes a reference.
func TestEncodingUnrepresentable(t *testing.T) {
	d, src, _, _ := decodeFile(t, "latin1.bpmn")
	d.Node("Task_1").Name = "Pris 5 € ✓"
	out := encode(t, d, src)
	if !bytes.Contains(out, []byte("Pris 5 &#8364; &#10003;")) {
		t.Errorf("want character references, got %s", out[bytes.Index(out, []byte("Pris")):][:30])
	}
	d2, _, _, err := Decode(bytes.NewReader(out))
	if err != nil || d2.Node("Task_1").Name != "Pris 5 € ✓" {
		t.Fatalf("read back %v %v", d2, err)
	}
}

func TestBadBytes(t *testing.T) {
	d, src, warns, _ := decodeFile(t, "bad-bytes.bpmn")
	w := hasWarning(warns, "not valid UTF-8")
	if w == nil || w.Line != 7 || w.Col == 0 {
		t.Fatalf("want a warning at line 7, got %v", warns)
	}
	if got := d.Node("Task_1").Name; got != "Rechnung klären" {
		t.Errorf("name %q", got)
	}
	out := encode(t, d, src)
	if !bytes.Contains(out, []byte("Rechnung klären")) {
		t.Error("not saved as UTF-8")
	}
}

// Prefixes are whatever the file uses; only URIs matter, and QName values
// may carry a prefix.
func TestPrefixesAndQNames(t *testing.T) {
	for _, f := range []string{"latin1.bpmn", "cp1252.bpmn", "bom-crlf.bpmn", "no-declaration.bpmn", "prefix-sem.bpmn", "qnames.bpmn", "vendor-unprefixed.bpmn"} {
		t.Run(f, func(t *testing.T) {
			d, _, warns, _ := decodeFile(t, f)
			if len(d.Nodes) != 2 || len(d.Flows) != 1 || len(d.Diagrams) != 1 {
				t.Fatalf("nodes %d flows %d diagrams %d", len(d.Nodes), len(d.Flows), len(d.Diagrams))
			}
			g := d.Diagrams[0]
			if g.Element != "Process_1" || g.Shape("Task_1") == nil || g.Edge("Flow_1") == nil {
				t.Errorf("DI not resolved: plane %q", g.Element)
			}
			if e := g.Edge("Flow_1"); e == nil || len(e.Waypoints) != 2 || e.Waypoints[1] != (model.Point{X: 200, Y: 118}) {
				t.Errorf("waypoints %+v", e)
			}
			if len(warns) > 0 && f != "bad-bytes.bpmn" {
				t.Errorf("unexpected warnings %v", warns)
			}
		})
	}
	// New QNames follow the document's habit.
	d, src, _, _ := decodeFile(t, "qnames.bpmn")
	d.Diagrams[0].Shapes = append(d.Diagrams[0].Shapes, &model.Shape{ID: "Task_9_di", Element: "Task_9", Bounds: model.Rect{X: 1, Y: 2, W: 3, H: 4}})
	d.Nodes = append(d.Nodes, &model.Node{ID: "Task_9", Kind: model.Task, Container: "Process_1"})
	d.Touch()
	out := encode(t, d, src)
	if !bytes.Contains(out, []byte(`bpmnElement="bpmn:Task_9"`)) {
		t.Errorf("new bpmnElement not prefixed like the others:\n%s", out)
	}
}

// Unprefixed elements inside vendor extensions are not BPMN elements.
func TestVendorUnprefixed(t *testing.T) {
	d, _, warns, _ := decodeFile(t, "vendor-unprefixed.bpmn")
	if d.Node("NotATask_1") != nil {
		t.Error("a <task> inside a vendor extension became a node")
	}
	if hasWarning(warns, "unknown") != nil {
		t.Errorf("vendor content reported as unknown: %v", warns)
	}
}

func TestNoDI(t *testing.T) {
	d, src, warns, data := decodeFile(t, "no-di.bpmn")
	if len(d.Diagrams) != 0 || len(d.Nodes) != 2 {
		t.Fatalf("diagrams %d nodes %d", len(d.Diagrams), len(d.Nodes))
	}
	if w := hasWarning(warns, "no diagram"); w == nil {
		t.Errorf("want a no-layout warning, got %v", warns)
	}
	if diff := canonDiff(canon(t, data), canon(t, encode(t, d, src))); diff != "" {
		t.Error(diff)
	}
}

func TestSeveralDiagramsAndSubProcessPlane(t *testing.T) {
	d, _, warns, _ := decodeFile(t, "full.bpmn")
	if len(warns) != 0 {
		t.Errorf("full.bpmn should read cleanly: %v", warns)
	}
	if len(d.Diagrams) != 2 || d.Diagrams[1].Element != "Sub_1" || d.Diagrams[1].Shape("SubTask_1") == nil {
		t.Fatalf("diagrams: %+v", d.Diagrams)
	}
}

func TestLanesInferred(t *testing.T) {
	d, src, warns, data := decodeFile(t, "lanes-noref.bpmn")
	want := map[string]string{"Start_1": "Lane_A", "Task_A": "Lane_A", "Task_B1": "Lane_B1", "Task_B2": "Lane_B2", "Task_Out": ""}
	for node, lane := range want {
		got := ""
		if l := d.LaneOf(node); l != nil {
			got = l.ID
		}
		if got != lane {
			t.Errorf("%s in lane %q, want %q", node, got, lane)
		}
	}
	if w := hasWarning(warns, "inferred"); w == nil || w.Line == 0 {
		t.Errorf("want a positioned inference warning, got %v", warns)
	}
	out := encode(t, d, src)
	if !bytes.Equal(canonBytes(t, data), canonBytes(t, out)) || bytes.Contains(out, []byte("flowNodeRef")) {
		t.Error("inferred refs were written without an edit")
	}
	// Once the user changes a lane, its refs are written.
	l := d.Lane("Lane_A")
	l.NodeRefs = append(l.NodeRefs, "Task_Out")
	d.Touch()
	out = encode(t, d, src)
	// …and then every lane's, or the others would read back empty.
	if got := bytes.Count(out, []byte("flowNodeRef>")); got != 10 {
		t.Errorf("want all 5 refs written (10 tags), got %d tags", got)
	}
	d2, _, warns2, err := Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if hasWarning(warns2, "inferred") != nil {
		t.Error("membership still inferred after the save")
	}
	want["Task_Out"] = "Lane_A"
	for node, lane := range want {
		if l := d2.LaneOf(node); l == nil || l.ID != lane {
			t.Errorf("after save: %s in lane %v, want %s", node, l, lane)
		}
	}
}

func canonBytes(t *testing.T, data []byte) []byte {
	return []byte(dumpSorted(canon(t, data).byID()))
}

func dumpSorted(m map[string]string) string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "=" + m[k] + "\n")
	}
	return b.String()
}

// isHorizontal counts on pools and lanes only.
func TestVertical(t *testing.T) {
	d, _, _, _ := decodeFile(t, "vertical.bpmn")
	g := d.Diagrams[0]
	for _, id := range []string{"Pool_1", "Lane_1", "Lane_2a", "Pool_Ext"} {
		if h := g.Shape(id).IsHorizontal; h == nil || *h {
			t.Errorf("%s: isHorizontal %v, want false", id, h)
		}
	}
	if g.Shape("Task_1").IsHorizontal != nil {
		t.Error("isHorizontal read on a task")
	}
	if !d.Participant("Pool_Ext").BlackBox() || d.Participant("Pool_1").BlackBox() {
		t.Error("black-box pool not recognised")
	}
	if l := d.LaneOf("Task_2"); l == nil || l.ID != "Lane_2a" || d.LaneParent("Lane_2a").ID != "Lane_2" {
		t.Error("nested lane membership wrong")
	}
}

func TestWarnings(t *testing.T) {
	_, src, warns, data := decodeFile(t, "oddities.bpmn")
	tests := []struct {
		sub  string
		line int
	}{
		{`processRef "Process_Nope"`, 4},
		{`targetRef "Ghost_1"`, 5},
		{`flowNodeRef "Ghost_2"`, 11},
		{`default "Ghost_Flow"`, 14},
		{`duplicate id "Task_1"`, 15},
		{`attachedToRef "Ghost_3"`, 17},
		{`eventDefinitionRef "Ghost_Def"`, 19},
		{`dataObjectRef "Ghost_Data"`, 22},
		{`categoryValueRef "Ghost_Category"`, 23},
		{`targetRef "Ghost_4"`, 24},
		{`unknown element <frobnicator>`, 25},
		{`bpmnElement "Ghost_5"`, 32},
		{`has 1 waypoint`, 35},
		{`task "Task_2" has no shape`, 16},
	}
	for _, tc := range tests {
		w := hasWarning(warns, tc.sub)
		if w == nil {
			t.Errorf("no warning containing %s", tc.sub)
			continue
		}
		if w.Line != tc.line || w.Col == 0 {
			t.Errorf("%s: at %d:%d, want line %d", tc.sub, w.Line, w.Col, tc.line)
		}
	}
	// The duplicate stays in the file.
	d, _, _, _ := Decode(bytes.NewReader(data))
	out := encode(t, d, src)
	if !bytes.Contains(out, []byte("Samma id igen")) {
		t.Error("the duplicate element was lost")
	}
}

func TestRefusals(t *testing.T) {
	tests := []struct {
		file, want string
		line       int
	}{
		{"malformed.bpmn", "element <bpmn:task> (opened at line 4) is closed by </bpmn:process>", 5},
		{"doctype-entity.bpmn", "invalid character entity &xxe;", 7},
		{"too-deep.bpmn", "nested deeper than 256", 4},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			_, _, _, err := ReadFile(filepath.Join("testdata", tc.file))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), filepath.Join("testdata", tc.file)+":") {
				t.Errorf("error %q, want it to name the file and say %q", err, tc.want)
			}
			var se *SyntaxError
			data, _ := os.ReadFile(filepath.Join("testdata", tc.file))
			_, _, _, err = Decode(bytes.NewReader(data))
			if !errors.As(err, &se) || se.Line != tc.line || se.Col == 0 {
				t.Errorf("want a SyntaxError at line %d, got %#v", tc.line, err)
			}
		})
	}
	big := bytes.Repeat([]byte(" "), MaxFileSize+1)
	if _, _, _, err := Decode(bytes.NewReader(big)); err == nil || !strings.Contains(err.Error(), "larger than 64 MiB") {
		t.Errorf("oversized input: %v", err)
	}
}

// A DOCTYPE is never resolved: the file opens with a warning and the
// declaration is not written back.
func TestDoctypeIgnored(t *testing.T) {
	d, src, warns, _ := decodeFile(t, "doctype.bpmn")
	if w := hasWarning(warns, "DOCTYPE"); w == nil || w.Line != 2 {
		t.Errorf("want a warning at line 2, got %v", warns)
	}
	out := encode(t, d, src)
	if bytes.Contains(out, []byte("DOCTYPE")) || bytes.Contains(out, []byte("passwd")) {
		t.Error("DOCTYPE written back")
	}
}
