package bpmn

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	lmedit "lanemap/edit"
	"lanemap/internal/corpus"
	"lanemap/model"
)

// undoSample picks up to per elements of each deletable sort from d.
func undoSample(d *model.Definitions, per int) []string {
	count := map[string]int{}
	var ids []string
	take := func(sort, id string) {
		if count[sort] < per {
			count[sort]++
			ids = append(ids, id)
		}
	}
	for _, n := range d.Nodes {
		switch k := n.Kind; {
		case k.IsActivity():
			take("activity", n.ID)
		case k.IsEvent():
			take("event", n.ID)
		case k.IsGateway():
			take("gateway", n.ID)
		case k == model.DataObjectReference || k == model.DataStoreReference:
			take("data", n.ID)
		case k == model.TextAnnotation || k == model.Group:
			take(string(k), n.ID)
		}
	}
	for _, f := range d.Flows {
		take(string(f.Kind), f.ID)
	}
	for _, l := range d.AllLanes() {
		take("lane", l.ID)
	}
	for _, c := range d.Collaborations {
		for _, p := range c.Participants {
			take("participant", p.ID)
		}
	}
	return ids
}

// undoCase deletes with op, saves saves times, undoes and saves; the
// result must equal the unedited save: canonically always, and byte for
// byte. It returns false when op refused the element.
func undoCase(t *testing.T, name string, data []byte, op func(s *lmedit.Session) error, saves int) bool {
	t.Helper()
	d, src, _, err := Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	base := encode(t, d, src)
	s := lmedit.NewSession(d, nil)
	if err := op(s); err != nil {
		return false
	}
	var deleted []byte
	for range saves {
		deleted = encode(t, d, src)
	}
	if saves > 0 && bytes.Equal(deleted, base) {
		t.Errorf("%s: the delete changed nothing in the file", name)
	}
	if !s.Undo() {
		t.Fatalf("%s: nothing to undo", name)
	}
	got := encode(t, d, src)
	if diff := canonDiff(canon(t, base), canon(t, got)); diff != "" {
		t.Errorf("%s: after undo the file differs from the original:\n%s", name, diff)
		return true
	}
	if !bytes.Equal(got, base) {
		t.Errorf("%s: after undo the file is canonically equal but not byte-identical:\n%s", name, firstLineDiff(string(base), string(got)))
		dump := filepath.Join(t.TempDir(), "undo.bpmn")
		os.WriteFile(dump, got, 0o644)
	}
	return true
}

// undoFiles are the files the undo tests run on: testdata, plus corpus
// files with vendor content when withCorpus (which skips without it).
func undoFiles(t *testing.T, withCorpus bool) map[string][]byte {
	files := map[string][]byte{}
	for _, name := range []string{"full.bpmn", "vendor-unprefixed.bpmn", "oddities.bpmn", "lanes-noref.bpmn", "qnames.bpmn", "prefix-sem.bpmn", "vertical.bpmn"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = data
	}
	if !withCorpus {
		return files
	}
	dir := corpus.Dir(t)
	for _, rel := range []string{"reference/C.1.0.bpmn", "reference/B.2.0.bpmn", "reference/C.4.0.bpmn",
		"vendors/signavio19-B.1.0-export.bpmn", "vendors/signavio19-C.4.0-export.1.bpmn",
		"vendors/bpmnio-camunda18-C.1.0-export.bpmn", "vendors/bpmnio-camunda18-B.2.0-export.bpmn"} {
		data, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		files[rel] = data
	}
	return files
}

// TestDeleteUndoRestores: delete, save, undo, save gives the original
// file back, vendor content and positions included.
func TestDeleteUndoRestores(t *testing.T) { testDeleteUndo(t, false) }

// TestDeleteUndoRestoresCorpus does the same on corpus files with vendor
// extensions (Signavio, Camunda, MIWG references).
func TestDeleteUndoRestoresCorpus(t *testing.T) { testDeleteUndo(t, true) }

func testDeleteUndo(t *testing.T, withCorpus bool) {
	for name, data := range undoFiles(t, withCorpus) {
		if withCorpus && !strings.Contains(name, "/") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			d, _, _, err := Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			done := 0
			for i, id := range undoSample(d, 2) {
				saves := 1 + i%2 // some cases save twice before the undo
				if undoCase(t, fmt.Sprintf("delete %s", id), data, func(s *lmedit.Session) error { return s.Delete([]string{id}) }, saves) {
					done++
				}
			}
			if done < 3 {
				t.Errorf("only %d elements could be deleted", done)
			}
		})
	}
}

// TestDeleteLaneContentUndo deletes lanes with their content.
func TestDeleteLaneContentUndo(t *testing.T) {
	for name, data := range undoFiles(t, true) {
		d, _, _, err := Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range d.AllLanes() {
			if len(l.NodeRefs) == 0 {
				continue
			}
			id := l.ID
			undoCase(t, name+": delete lane with content "+id, data, func(s *lmedit.Session) error {
				return s.DeleteLane(id, lmedit.DeleteContent)
			}, 1)
		}
	}
}

// TestDeleteUndoRedoUndo: a redo deletes again, a second undo restores
// again from the kept copy.
func TestDeleteUndoRedoUndo(t *testing.T) {
	_, _, _, data := decodeFile(t, "full.bpmn")
	d, src, _, _ := Decode(bytes.NewReader(data))
	base := encode(t, d, src)
	s := lmedit.NewSession(d, nil)
	var ids []string
	for _, n := range d.Nodes {
		if n.Kind.IsActivity() && len(ids) < 3 {
			ids = append(ids, n.ID)
		}
	}
	if err := s.Delete(ids); err != nil {
		t.Fatal(err)
	}
	first := encode(t, d, src)
	s.Undo()
	if got := encode(t, d, src); !bytes.Equal(got, base) {
		t.Fatalf("first undo:\n%s", firstLineDiff(string(base), string(got)))
	}
	s.Redo()
	if got := encode(t, d, src); !bytes.Equal(got, first) {
		t.Fatalf("redo differs from the first delete:\n%s", firstLineDiff(string(first), string(got)))
	}
	s.Undo()
	if got := encode(t, d, src); !bytes.Equal(got, base) {
		t.Fatalf("second undo:\n%s", firstLineDiff(string(base), string(got)))
	}
}

// TestUndoAllAfterManyDeletes: random deletes (one to three elements at
// a time, lanes with their content, some undone and redone on the way),
// each saved, then every step undone with a save after each: the file is
// the original again, byte for byte. Testdata always, every corpus file
// when the corpus is there.
func TestUndoAllAfterManyDeletes(t *testing.T) {
	for name, data := range undoFiles(t, false) {
		undoRandom(t, name, data, 4)
	}
	t.Run("corpus", func(t *testing.T) {
		for _, f := range corpus.Files(t) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			undoRandom(t, filepath.Base(f), data, 2)
		}
	})
}

func undoRandom(t *testing.T, name string, data []byte, seeds uint64) {
	t.Helper()
	for seed := range seeds {
		d, src, _, err := Decode(bytes.NewReader(data))
		if err != nil {
			continue // not BPMN (the corpus has a few on purpose)
		}
		// A document with no diagram gets one from NewSession, first.
		s := lmedit.NewSession(d, nil)
		var b bytes.Buffer
		if err := Encode(&b, d, src); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		base := b.Bytes()
		ids := undoSample(d, 100)
		if len(ids) == 0 {
			continue
		}
		r := rand.New(rand.NewPCG(seed, 7))
		var log []string
		for try := 0; try < 40 && len(log) < 8; try++ {
			var pick []string
			for range 1 + r.IntN(3) {
				if id := ids[r.IntN(len(ids))]; d.Element(id) != nil && !slices.Contains(pick, id) {
					pick = append(pick, id)
				}
			}
			if len(pick) == 0 {
				continue
			}
			if d.Lane(pick[0]) != nil && r.IntN(2) == 0 {
				err = s.DeleteLane(pick[0], lmedit.DeleteContent)
			} else {
				err = s.Delete(pick)
			}
			if err != nil {
				continue
			}
			if r.IntN(3) == 0 {
				s.Undo()
				encode(t, d, src)
				s.Redo()
			}
			log = append(log, strings.Join(pick, "+"))
			encode(t, d, src)
		}
		for i := range log {
			if !s.Undo() {
				t.Fatalf("%s: undo %d failed", name, i)
			}
			encode(t, d, src)
		}
		if got := encode(t, d, src); !bytes.Equal(got, base) {
			if diff := canonDiff(canon(t, base), canon(t, got)); diff != "" {
				t.Errorf("%s seed %d, deleted %v: after undoing all the file differs:\n%s", name, seed, log, diff)
			} else {
				t.Errorf("%s seed %d, deleted %v: canonically equal but not byte-identical:\n%s", name, seed, log, firstLineDiff(string(base), string(got)))
			}
		}
	}
}

// TestUndoRefsLeftInModel: a model that still names what it deleted
// (a default flow, a boundary event's host, a lane ref) gets a file
// without those references; when the elements come back, so do the
// references, in place.
func TestUndoRefsLeftInModel(t *testing.T) {
	d, src, _, _ := decodeFile(t, "full.bpmn")
	base := encode(t, d, src)
	before := cloneDefs(d)
	var host string
	for _, n := range d.Nodes {
		if n.Kind == model.BoundaryEvent {
			host = n.AttachedTo
		}
	}
	gw := d.Node("Gateway_1")
	if host == "" || gw.Default == "" {
		t.Fatal("full.bpmn: no boundary event or default flow")
	}
	def := gw.Default
	removeFlow(d, def)
	removeDI(d, def)
	// The host sub-process with its content; the boundary event and the
	// lane's flowNodeRef to the host stay in the model.
	set := map[string]bool{host: true}
	for grew := true; grew; {
		grew = false
		for _, n := range d.Nodes {
			if set[n.Container] && !set[n.ID] {
				set[n.ID], grew = true, true
			}
		}
	}
	for _, f := range slices.Clone(d.Flows) {
		if set[f.Source] || set[f.Target] || set[f.Container] {
			removeFlow(d, f.ID)
			removeDI(d, f.ID)
		}
	}
	for id := range set {
		removeNode(d, id)
		removeDI(d, id)
	}
	out := string(encode(t, d, src))
	if strings.Contains(out, `default="`+def+`"`) || strings.Contains(out, `attachedToRef="`+host+`"`) || strings.Contains(out, ">"+host+"<") {
		t.Fatalf("references to deleted %s, %s written", def, host)
	}
	if got := encode(t, before, src); !bytes.Equal(got, base) {
		t.Errorf("after undo:\n%s", firstLineDiff(string(base), string(got)))
	}
}
