package edit

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"lanemap/bpmn"
	"lanemap/internal/corpus"
	"lanemap/internal/gen"
	"lanemap/model"
)

var autoOut = flag.String("autolayout-out", "", "write each auto-laid-out corpus file into this folder (to render and look at)")

// noDI decodes path and drops its diagrams, as a file saved by a tool that
// keeps only the process.
func noDI(t *testing.T, path string, strip bool) (*model.Definitions, *bpmn.Source) {
	t.Helper()
	d, src, _, err := bpmn.ReadFile(path)
	if err != nil {
		t.Skipf("unreadable corpus file (the reader's concern): %v", err)
	}
	if strip {
		d.Diagrams = nil
		d.Touch()
	}
	return d, src
}

// diSnapshot is the whole DI of a document as text, to compare states.
func diSnapshot(d *model.Definitions) string {
	var b strings.Builder
	for _, g := range d.Diagrams {
		fmt.Fprintf(&b, "diagram %s %s %s\n", g.ID, g.PlaneID, g.Element)
		for _, s := range g.Shapes {
			fmt.Fprintf(&b, "shape %s %s %v %v %v\n", s.ID, s.Element, s.Bounds, deref(s.IsExpanded), deref(s.IsHorizontal))
		}
		for _, e := range g.Edges {
			fmt.Fprintf(&b, "edge %s %s %v\n", e.ID, e.Element, e.Waypoints)
		}
	}
	for _, l := range d.AllLanes() {
		fmt.Fprintf(&b, "lane %s %v\n", l.ID, l.NodeRefs)
	}
	return b.String()
}

func deref(p *bool) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}

// checkLayout checks the promises of AutoLayout on a laid-out session.
func checkLayout(t *testing.T, s *Session) {
	t.Helper()
	d := s.Doc
	drawnIn := func(n *model.Node) bool {
		// Content of a collapsed sub-process is not drawn.
		for c := d.Node(n.Container); c != nil; c = d.Node(c.Container) {
			if sh := s.Shape(c.ID); sh == nil || !expanded(c, sh) {
				return false
			}
		}
		return true
	}
	inScope := func(n *model.Node) bool {
		if n.Container == s.Diagram.Element {
			return true // an artifact of the collaboration shown
		}
		p := d.ProcessOf(n.ID)
		if p == nil {
			return false
		}
		if p.ID == s.Diagram.Element {
			return true
		}
		pool := d.PoolOf(p.ID)
		if pool == nil { // a process no pool shows: drawn in a collaboration's plane
			return d.Process(s.Diagram.Element) == nil
		}
		return s.Shape(pool.ID) != nil
	}
	var boxes []*model.Node
	for _, n := range d.Nodes {
		k := n.Kind
		if (k.IsData() && k != model.DataObject) || k.IsArtifact() {
			if !inScope(n) || !drawnIn(n) {
				continue
			}
			if sh := s.Shape(n.ID); sh == nil {
				t.Errorf("%s %q has no shape", k, n.ID)
			} else if k != model.Group {
				boxes = append(boxes, n)
			}
			continue
		}
		if !k.IsFlowNode() || !inScope(n) || !drawnIn(n) {
			continue
		}
		sh := s.Shape(n.ID)
		if sh == nil {
			t.Errorf("%s %q has no shape", n.Kind, n.ID)
			continue
		}
		boxes = append(boxes, n)
		// A boundary event sits on its host, whatever lane lists it.
		if l := d.LaneOf(n.ID); l != nil && n.Container == d.ProcessOf(n.ID).ID && n.AttachedTo == "" {
			if ls := s.Shape(l.ID); ls == nil || !ls.Bounds.ContainsRect(sh.Bounds) {
				t.Errorf("%q %v is not inside its lane %q", n.ID, sh.Bounds, l.ID)
			}
		}
		if pool := d.PoolOf(d.ProcessOf(n.ID).ID); pool != nil {
			ps := s.Shape(pool.ID)
			if ps == nil || !ps.Bounds.ContainsRect(sh.Bounds.Inset(1)) {
				t.Errorf("%q %v is not inside its pool %q", n.ID, sh.Bounds, pool.ID)
			}
		}
		if n.AttachedTo != "" {
			if h := s.Shape(n.AttachedTo); h == nil || math.Abs(sh.Bounds.Center().Y-(h.Bounds.Y+h.Bounds.H)) > 1 {
				t.Errorf("boundary event %q is not on its host's bottom edge", n.ID)
			}
		}
	}
	// No two node shapes overlap, unless one holds the other (a sub-process).
	for i, a := range boxes {
		ra := s.Shape(a.ID).Bounds
		for _, b := range boxes[i+1:] {
			rb := s.Shape(b.ID).Bounds
			if a.AttachedTo == b.ID || b.AttachedTo == a.ID {
				continue // a boundary event sits on its host's border
			}
			if ra.Intersects(rb) && !ra.ContainsRect(rb) && !rb.ContainsRect(ra) {
				t.Errorf("%q %v overlaps %q %v", a.ID, ra, b.ID, rb)
			}
		}
	}
	touches := func(p model.Point, r model.Rect) bool {
		return r.Inset(-1).Contains(p)
	}
	for _, f := range d.Flows {
		if f.Kind != model.SequenceFlow {
			continue
		}
		a, b := s.Shape(f.Source), s.Shape(f.Target)
		if a == nil || b == nil {
			continue
		}
		e := s.Edge(f.ID)
		if e == nil {
			t.Errorf("sequence flow %q has no edge", f.ID)
			continue
		}
		if len(e.Waypoints) < 2 || !touches(e.Waypoints[0], a.Bounds) || !touches(e.Waypoints[len(e.Waypoints)-1], b.Bounds) {
			t.Errorf("edge of %q %v does not join %v and %v", f.ID, e.Waypoints, a.Bounds, b.Bounds)
		}
	}
}

// layOut runs AutoLayout and checks it, its undo and its redo.
func layOut(t *testing.T, d *model.Definitions, src *bpmn.Source, path, name string) {
	t.Helper()
	s := NewSession(d, nil)
	before := diSnapshot(d)
	if err := s.AutoLayout(); err != nil {
		t.Fatalf("AutoLayout: %v", err)
	}
	checkLayout(t, s)
	after := diSnapshot(d)
	if n := s.Stack.Len(); n != 1 {
		t.Errorf("AutoLayout made %d undo steps, want 1", n)
	}
	if k, _ := KeyOf(s.Stack.cmds[0]); k.Key != "autoLayout" {
		t.Errorf("LabelKey %q, want autoLayout", k.Key)
	}
	if !s.Undo() {
		t.Fatal("nothing to undo")
	}
	if got := diSnapshot(d); got != before {
		t.Errorf("undo left DI behind:\n%s\nwant\n%s", got, before)
	}
	if !s.Redo() {
		t.Fatal("nothing to redo")
	}
	if got := diSnapshot(d); got != after {
		t.Errorf("redo differs from the first run:\n%s\nwant\n%s", got, after)
	}
	checkLayout(t, s)
	if err := s.AutoLayout(); err != ErrNoChange {
		t.Errorf("second AutoLayout: %v, want ErrNoChange", err)
	}
	var buf bytes.Buffer
	if err := bpmn.Encode(&buf, d, src); err != nil {
		t.Fatalf("laid-out model does not save: %v", err)
	}
	if _, _, _, err := bpmn.Decode(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatalf("saved model does not read back: %v", err)
	}
	schemaValid(t, buf.Bytes(), path)
	if *autoOut != "" {
		if err := os.WriteFile(filepath.Join(*autoOut, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// schemaValid runs xmllint against the corpus XSD when both are there;
// with orig set, only when the original file orig is valid itself.
func schemaValid(t *testing.T, data []byte, orig string) {
	t.Helper()
	xl, err := exec.LookPath("xmllint")
	if err != nil {
		return // the promise is checked where xmllint is installed
	}
	xsd := corpus.XSD(t)
	if _, err := os.Stat(xsd); err != nil {
		return
	}
	if orig != "" {
		if err := exec.Command(xl, "--noout", "--nonet", "--schema", xsd, orig).Run(); err != nil {
			return // the vendor's file is invalid already (see the corpus manifest)
		}
	}
	f := filepath.Join(t.TempDir(), "out.bpmn")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xl, "--noout", "--nonet", "--schema", xsd, f).CombinedOutput()
	if err != nil {
		t.Errorf("saved file is not schema-valid: %v\n%s", err, out)
	}
}

// TestAutoLayoutNoDI lays out the corpus files that come without DI.
func TestAutoLayoutNoDI(t *testing.T) {
	for _, name := range []string{"ibm-blueworks2014-A.2.0-export.bpmn", "ibm-procdesigner8-A.3.0-export.bpmn"} {
		t.Run(name, func(t *testing.T) {
			d, src := noDI(t, filepath.Join(corpus.Dir(t), "vendors", name), false)
			if n := 0; true {
				for _, g := range d.Diagrams {
					n += len(g.Shapes)
				}
				if n != 0 {
					t.Fatalf("%s has %d shapes; the test wants a file without DI", name, n)
				}
			}
			layOut(t, d, src, filepath.Join(corpus.Dir(t), "vendors", name), name)
		})
	}
}

// TestAutoLayoutStripped lays out every corpus file with its DI removed.
func TestAutoLayoutStripped(t *testing.T) {
	for _, path := range corpus.Files(t) {
		name, _ := filepath.Rel(corpus.Dir(t), path)
		t.Run(name, func(t *testing.T) {
			d, src := noDI(t, path, true)
			layOut(t, d, src, path, strings.ReplaceAll(name, string(filepath.Separator), "_"))
		})
	}
}

// TestAutoLayoutFillsGaps deletes the DI of some nodes of a drawn file:
// AutoLayout draws just those again, inside their lanes, and leaves the
// rest where it was.
func TestAutoLayoutFillsGaps(t *testing.T) {
	for _, name := range []string{"A.2.0.bpmn", "C.1.0.bpmn"} {
		t.Run(name, func(t *testing.T) { fillGaps(t, name) })
	}
}

func fillGaps(t *testing.T, name string) {
	d, src := noDI(t, filepath.Join(corpus.Dir(t), "reference", name), false)
	g := d.Diagrams[0]
	var gone []string
	keepShapes := map[string]model.Rect{}
	for i, sh := range g.Shapes {
		if n := d.Node(sh.Element); n != nil && n.Kind.IsTask() && i%2 == 0 {
			gone = append(gone, n.ID)
		} else {
			keepShapes[sh.ID] = sh.Bounds
		}
	}
	if len(gone) == 0 {
		t.Fatalf("%s has no tasks to strip", name)
	}
	g.Shapes = slices.DeleteFunc(g.Shapes, func(sh *model.Shape) bool { return slices.Contains(gone, sh.Element) })
	g.Edges = slices.DeleteFunc(g.Edges, func(e *model.Edge) bool {
		f := d.Flow(e.Element)
		return f != nil && (slices.Contains(gone, f.Source) || slices.Contains(gone, f.Target))
	})
	s := NewSession(d, nil)
	if err := s.AutoLayout(); err != nil {
		t.Fatal(err)
	}
	for _, id := range gone {
		if s.Shape(id) == nil {
			t.Errorf("%q was not drawn again", id)
		}
	}
	for _, sh := range g.Shapes {
		if r, ok := keepShapes[sh.ID]; ok && (r.X != sh.Bounds.X || r.Y != sh.Bounds.Y || r.H != sh.Bounds.H) {
			t.Errorf("%q moved or changed height: %v → %v", sh.Element, r, sh.Bounds)
		}
	}
	checkLayout(t, s)
	var buf bytes.Buffer
	if err := bpmn.Encode(&buf, d, src); err != nil {
		t.Fatal(err)
	}
	schemaValid(t, buf.Bytes(), "")
	if *autoOut != "" {
		if err := os.WriteFile(filepath.Join(*autoOut, "gaps-"+name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAutoLayoutDeterministic lays the same file out twice.
func TestAutoLayoutDeterministic(t *testing.T) {
	path := filepath.Join(corpus.Dir(t), "vendors", "ibm-blueworks2014-A.2.0-export.bpmn")
	var got []string
	for range 2 {
		d, _ := noDI(t, path, true)
		s := NewSession(d, nil)
		s.Diagram.ID, s.Diagram.PlaneID = "D", "P" // NewSession's ids are random
		if err := s.AutoLayout(); err != nil {
			t.Fatal(err)
		}
		got = append(got, diSnapshot(d))
	}
	if got[0] != got[1] {
		t.Errorf("two runs differ:\n%s\n%s", got[0], got[1])
	}
}

// TestAutoLayoutShapes checks the layout of a small hand-made process:
// a start, a gateway with two branches in two lanes, a loop back and a
// boundary event.
func TestAutoLayoutShapes(t *testing.T) {
	d := &model.Definitions{ID: "defs"}
	d.Collaborations = []*model.Collaboration{{ID: "c", Participants: []*model.Participant{
		{ID: "pool", ProcessRef: "p"}, {ID: "client"}}}}
	d.Processes = []*model.Process{{ID: "p", Lanes: []*model.Lane{
		{ID: "la", NodeRefs: []string{"s", "t1", "gw", "t2", "e", "b"}},
		{ID: "lb", NodeRefs: []string{"t3"}},
	}}}
	add := func(id string, k model.Kind) *model.Node {
		n := &model.Node{ID: id, Kind: k, Container: "p"}
		d.Nodes = append(d.Nodes, n)
		return n
	}
	add("s", model.StartEvent)
	add("t1", model.UserTask)
	add("gw", model.ExclusiveGateway)
	add("t2", model.Task)
	add("t3", model.Task)
	add("e", model.EndEvent)
	add("b", model.BoundaryEvent).AttachedTo = "t1"
	add("note", model.TextAnnotation)
	flow := func(id, a, b string, k model.Kind) {
		c := "p"
		if k == model.MessageFlow {
			c = "c"
		}
		d.Flows = append(d.Flows, &model.Flow{ID: id, Kind: k, Container: c, Source: a, Target: b})
	}
	flow("f1", "s", "t1", model.SequenceFlow)
	flow("f2", "t1", "gw", model.SequenceFlow)
	flow("f3", "gw", "t2", model.SequenceFlow)
	flow("f4", "gw", "t3", model.SequenceFlow)
	flow("f5", "t2", "e", model.SequenceFlow)
	flow("f6", "t3", "t1", model.SequenceFlow) // loop back
	flow("f7", "b", "e", model.SequenceFlow)
	flow("a1", "note", "t2", model.Association)
	flow("m1", "t3", "client", model.MessageFlow)
	s := NewSession(d, nil)
	if err := s.AutoLayout(); err != nil {
		t.Fatal(err)
	}
	checkLayout(t, s)
	x := func(id string) float64 { return s.Shape(id).Bounds.X }
	cy := func(id string) float64 { return s.Shape(id).Bounds.Center().Y }
	for _, c := range []struct{ a, b string }{{"s", "t1"}, {"t1", "gw"}, {"gw", "t2"}, {"t2", "e"}} {
		if x(c.a) >= x(c.b) {
			t.Errorf("%s (x %v) is not left of %s (x %v)", c.a, x(c.a), c.b, x(c.b))
		}
	}
	if cy("s") != cy("t1") || cy("t1") != cy("gw") || cy("gw") != cy("t2") {
		t.Errorf("main path not on one line: %v %v %v %v", cy("s"), cy("t1"), cy("gw"), cy("t2"))
	}
	if x("t3") != x("t2") {
		t.Errorf("t3 (lane b) not in t2's column: %v vs %v", x("t3"), x("t2"))
	}
	if !s.Shape("lb").Bounds.ContainsRect(s.Shape("t3").Bounds) {
		t.Errorf("t3 not in lane b")
	}
	pool, client := s.Shape("pool").Bounds, s.Shape("client").Bounds
	if client.Y < pool.Y+pool.H || client.H != autoBlackBox || client.W != pool.W {
		t.Errorf("black-box pool %v is not a thin band under %v", client, pool)
	}
	if e := s.Edge("m1"); e == nil || len(e.Waypoints) != 2 || e.Waypoints[0].X != e.Waypoints[1].X {
		t.Errorf("message flow is not one vertical line: %+v", e)
	}
	if e := s.Edge("a1"); e == nil {
		t.Error("association not drawn")
	}
	note, t2 := s.Shape("note").Bounds, s.Shape("t2").Bounds
	if note.Y+note.H > t2.Y || math.Abs(note.Center().X-t2.Center().X) > 1 {
		t.Errorf("annotation %v is not above its task %v", note, t2)
	}
}

// BenchmarkAutoLayout times drawing a generated collaboration (8 lanes)
// stripped of its DI.
func BenchmarkAutoLayout(b *testing.B) {
	for _, n := range []int{200, 1000, 5000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				b.StopTimer()
				d := gen.Collaboration(n)
				d.Diagrams = nil
				d.Touch()
				s := NewSession(d, nil)
				b.StartTimer()
				if err := s.AutoLayout(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// randomProcess builds a collaboration of two pools, one with nested
// lanes, and a black-box pool, with random flows (cycles, flows out of
// boundary events, flows into sub-processes' content), for seed.
func randomProcess(seed uint64) *model.Definitions {
	r := rand.New(rand.NewPCG(seed, 7))
	d := &model.Definitions{ID: "defs"}
	c := &model.Collaboration{ID: "c"}
	d.Collaborations = []*model.Collaboration{c}
	kinds := []model.Kind{model.Task, model.UserTask, model.ExclusiveGateway, model.ParallelGateway,
		model.IntermediateCatchEvent, model.SubProcess, model.EndEvent, model.CallActivity}
	for pi := range 2 {
		pid := fmt.Sprintf("p%d", pi)
		p := &model.Process{ID: pid}
		d.Processes = append(d.Processes, p)
		c.Participants = append(c.Participants, &model.Participant{ID: "pool" + pid, ProcessRef: pid})
		var leaves []*model.Lane
		if pi == 0 {
			a := &model.Lane{ID: pid + "la", Children: []*model.Lane{{ID: pid + "la1"}, {ID: pid + "la2"}}}
			b := &model.Lane{ID: pid + "lb"}
			p.Lanes = []*model.Lane{a, b}
			leaves = []*model.Lane{a.Children[0], a.Children[1], b, a}
		}
		var ids []string
		add := func(id string, k model.Kind, container string) *model.Node {
			n := &model.Node{ID: id, Kind: k, Container: container}
			d.Nodes = append(d.Nodes, n)
			if container == pid && k != model.BoundaryEvent && len(leaves) > 0 && r.IntN(6) > 0 { // some in no lane
				l := leaves[r.IntN(len(leaves))]
				l.NodeRefs = append(l.NodeRefs, id)
			}
			return n
		}
		add(pid+"s", model.StartEvent, pid)
		ids = append(ids, pid+"s")
		for i := range 6 + r.IntN(10) {
			id := fmt.Sprintf("%sn%d", pid, i)
			k := kinds[r.IntN(len(kinds))]
			add(id, k, pid)
			ids = append(ids, id)
			if k == model.SubProcess && r.IntN(2) == 0 {
				add(id+"s", model.StartEvent, id)
				add(id+"t", model.Task, id)
				add(id+"e", model.EndEvent, id)
				d.Flows = append(d.Flows,
					&model.Flow{ID: id + "f1", Kind: model.SequenceFlow, Container: id, Source: id + "s", Target: id + "t"},
					&model.Flow{ID: id + "f2", Kind: model.SequenceFlow, Container: id, Source: id + "t", Target: id + "e"})
			}
			if k.IsActivity() && r.IntN(3) == 0 {
				for j := range 1 + r.IntN(3) {
					b := add(fmt.Sprintf("%sb%d", id, j), model.BoundaryEvent, pid)
					b.AttachedTo = id
					ids = append(ids, b.ID)
				}
			}
			if r.IntN(4) == 0 {
				add(id+"note", model.TextAnnotation, pid)
				d.Flows = append(d.Flows, &model.Flow{ID: id + "a", Kind: model.Association, Container: pid, Source: id + "note", Target: id})
			}
		}
		for i := range len(ids) + r.IntN(len(ids)) {
			a, b := ids[r.IntN(len(ids))], ids[1+r.IntN(len(ids)-1)]
			d.Touch()
			if d.Node(a).Kind == model.EndEvent || d.Node(b).Kind == model.BoundaryEvent {
				continue
			}
			d.Flows = append(d.Flows, &model.Flow{ID: fmt.Sprintf("%sf%d", pid, i), Kind: model.SequenceFlow, Container: pid, Source: a, Target: b})
		}
	}
	c.Participants = append(c.Participants, &model.Participant{ID: "outside", Name: "Medborgare"})
	d.Flows = append(d.Flows, &model.Flow{ID: "m", Kind: model.MessageFlow, Container: "c", Source: "p0s", Target: "outside"})
	d.Touch()
	return d
}

// TestAutoLayoutRandom lays out random processes and checks every promise.
func TestAutoLayoutRandom(t *testing.T) {
	for seed := range uint64(40) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			d := randomProcess(seed)
			layOut(t, d, nil, "", fmt.Sprintf("random-%d.bpmn", seed))
		})
	}
}

// TestAutoLayoutRefuses checks the cases that change nothing.
func TestAutoLayoutRefuses(t *testing.T) {
	withNode := func() *model.Definitions {
		d := &model.Definitions{ID: "defs", Processes: []*model.Process{{ID: "p"}}}
		d.Nodes = []*model.Node{{ID: "t", Kind: model.Task, Container: "p"}}
		return d
	}
	cases := []struct {
		name  string
		setup func() *Session
		want  string
	}{
		{"read-only", func() *Session {
			s := NewSession(withNode(), nil)
			s.ReadOnly = true
			return s
		}, ErrReadOnly.Error()},
		{"empty document", func() *Session { return NewSession(nil, nil) }, ErrNoChange.Error()},
		{"plane shows nothing known", func() *Session {
			d := withNode()
			d.Diagrams = []*model.Diagram{{ID: "D", PlaneID: "P", Element: "gone"}}
			return NewSession(d, nil)
		}, `the diagram shows "gone"`},
		{"all drawn", func() *Session {
			s := NewSession(withNode(), nil)
			if err := s.AutoLayout(); err != nil {
				t.Fatal(err)
			}
			return s
		}, ErrNoChange.Error()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := c.setup()
			before, steps := diSnapshot(s.Doc), s.Stack.Len()
			err := s.AutoLayout()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("AutoLayout: %v, want an error containing %q", err, c.want)
			}
			if diSnapshot(s.Doc) != before || s.Stack.Len() != steps {
				t.Error("a refused AutoLayout changed the document or the history")
			}
		})
	}
}
