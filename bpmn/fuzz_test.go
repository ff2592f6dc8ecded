package bpmn

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"lanemap/model"
)

// fuzzSeeds adds the testdata files and, when present, the corpus files.
// The corpus is optional here: a fuzz target must not skip.
func fuzzSeeds(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.bpmn"))
	if xsd := schemaPath(); xsd != "" {
		root := filepath.Dir(filepath.Dir(xsd))
		for _, sub := range []string{"reference", "vendors"} {
			more, _ := filepath.Glob(filepath.Join(root, sub, "*.bpmn"))
			files = append(files, more...)
		}
	}
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
}

// FuzzDecode: any input either fails with an error or yields a model that
// encodes, and whose output reads back.
func FuzzDecode(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		d, src, _, err := Decode(bytes.NewReader(data))
		if err != nil {
			if d != nil || src != nil {
				t.Fatal("error with a result")
			}
			return
		}
		var out bytes.Buffer
		if err := Encode(&out, d, src); err != nil {
			t.Fatalf("decoded model does not encode: %v", err)
		}
		if _, _, _, err := Decode(bytes.NewReader(out.Bytes())); err != nil {
			t.Fatalf("our output does not read back: %v", err)
		}
	})
}

// FuzzRoundTrip: a decoded file saves to a document that reads back as
// the same model, saves again to the same bytes, and survives edits.
func FuzzRoundTrip(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		d, src, _, err := Decode(bytes.NewReader(data))
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := Encode(&out, d, src); err != nil {
			t.Fatalf("encode: %v", err)
		}
		d2, src2, _, err := Decode(bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		// Lossless: the save means the same XML as the input.
		if diff := canonDiff(canon(t, data), canon(t, out.Bytes())); diff != "" {
			t.Fatalf("save without edits changed the XML: %s", diff)
		}
		if a, b := dump(d, nil), dump(d2, nil); a != b {
			t.Fatalf("model changed across a save:\n%s", firstLineDiff(a, b))
		}
		var again bytes.Buffer
		if err := Encode(&again, d2, src2); err != nil || !bytes.Equal(again.Bytes(), out.Bytes()) {
			t.Fatalf("saving our own output changes it (err %v)", err)
		}
		// Delete and undo: a node (picked by the input's length) goes with
		// its flows, DI and lane refs; the model as it was (same ids)
		// saves to the same XML.
		if len(d.Nodes) > 0 {
			before := cloneDefs(d)
			// The node and what it contains; boundary events attached to
			// it stay (their attachedToRef goes and must come back).
			id := d.Nodes[len(data)%len(d.Nodes)].ID
			set := map[string]bool{id: true}
			for grew := true; grew; {
				grew = false
				for _, n := range d.Nodes {
					if set[n.Container] && !set[n.ID] {
						set[n.ID], grew = true, true
					}
				}
			}
			var gone []string
			for _, f := range d.Flows {
				if set[f.Source] || set[f.Target] || set[f.Container] {
					gone = append(gone, f.ID)
				}
			}
			for _, f := range gone {
				removeFlow(d, f)
				removeDI(d, f)
			}
			for n := range set {
				removeNode(d, n)
				removeDI(d, n)
			}
			for _, l := range d.AllLanes() {
				l.NodeRefs = slices.DeleteFunc(slices.Clone(l.NodeRefs), func(r string) bool { return set[r] })
			}
			var del, undo bytes.Buffer
			if err := Encode(&del, d, src); err != nil {
				t.Fatalf("encode after delete: %v", err)
			}
			if err := Encode(&undo, before, src); err != nil {
				t.Fatalf("encode after undo: %v", err)
			}
			if diff := canonDiff(canon(t, out.Bytes()), canon(t, undo.Bytes())); diff != "" {
				t.Fatalf("delete %s, save, undo, save changed the XML: %s", id, diff)
			}
		}
		// Edits: rename and move everything, delete the first node, add a
		// task and a flow to the first process.
		for _, n := range d2.Nodes {
			n.Name += "·"
		}
		for _, g := range d2.Diagrams {
			for _, s := range g.Shapes {
				s.Bounds = s.Bounds.Translate(1, 1)
			}
		}
		if len(d2.Nodes) > 0 {
			removeNode(d2, d2.Nodes[0].ID)
		}
		if len(d2.Processes) > 0 && d2.Node("Fuzz_Task") == nil && d2.Element("Fuzz_Task") == nil && src2.byID["Fuzz_Task"] == nil {
			p := d2.Processes[0].ID
			d2.Nodes = append(d2.Nodes, &model.Node{ID: "Fuzz_Task", Kind: model.Task, Container: p})
			if len(d2.Diagrams) > 0 {
				g := d2.Diagrams[0]
				g.Shapes = append(g.Shapes, &model.Shape{ID: "Fuzz_Task_di", Element: "Fuzz_Task", Bounds: model.Rect{W: 100, H: 80}})
			}
		}
		d2.Touch()
		var edited bytes.Buffer
		if err := Encode(&edited, d2, src2); err != nil {
			return // a model the file cannot express (e.g. an id clash) is refused cleanly
		}
		if _, _, _, err := Decode(bytes.NewReader(edited.Bytes())); err != nil {
			t.Fatalf("edited output does not read back: %v", err)
		}
	})
}
