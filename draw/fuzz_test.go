package draw

import (
	"math"
	"testing"

	"lanemap/model"
)

// byteSource reads a fuzz input as a stream of small decisions; past the
// end it yields zeros, so every input is a valid model.
type byteSource struct {
	b []byte
	i int
}

func (s *byteSource) byte() byte {
	if s.i >= len(s.b) {
		return 0
	}
	s.i++
	return s.b[s.i-1]
}

func (s *byteSource) intn(n int) int { return int(s.byte()) % n }

// num is a coordinate: mostly ordinary values, sometimes the broken ones
// decoded files can hold.
func (s *byteSource) num() float64 {
	switch v := s.byte(); v {
	case 250:
		return math.NaN()
	case 251:
		return math.Inf(1)
	case 252:
		return math.Inf(-1)
	case 253:
		return 1e308
	case 254:
		return -1e-300
	default:
		return float64(int(v)-100) * float64(1+s.intn(8))
	}
}

func (s *byteSource) str() string {
	words := []string{"", "Utred", "ansökan", "Biståndshandläggaregruppen", "å ä ö", "\n", "vård-och-", "  ", "→", "\x00", "\ufffd", "mycket lång text som ska brytas"}
	out := ""
	for range s.intn(4) {
		out += words[s.intn(len(words))] + " "
	}
	return out
}

var fuzzKinds = []model.Kind{
	model.Task, model.UserTask, model.ManualTask, model.ServiceTask, model.ScriptTask, model.SendTask,
	model.ReceiveTask, model.BusinessRuleTask, model.SubProcess, model.Transaction, model.AdHocSubProcess,
	model.CallActivity, model.StartEvent, model.EndEvent, model.IntermediateCatchEvent,
	model.IntermediateThrowEvent, model.BoundaryEvent, model.ExclusiveGateway, model.InclusiveGateway,
	model.ParallelGateway, model.ComplexGateway, model.EventBasedGateway, model.DataObject,
	model.DataObjectReference, model.DataStoreReference, model.DataInput, model.DataOutput,
	model.TextAnnotation, model.Group, "somethingElse", "",
}

var fuzzFlows = []model.Kind{model.SequenceFlow, model.MessageFlow, model.Association,
	model.DataInputAssociation, model.DataOutputAssociation, "odd"}

var fuzzDefs = []string{model.MessageDef, model.TimerDef, model.ErrorDef, model.EscalationDef, model.SignalDef,
	model.ConditionalDef, model.CompensationDef, model.LinkDef, model.TerminateDef, model.CancelDef, "bogus"}

// fuzzModel turns bytes into a definitions and diagram with random kinds,
// bounds, waypoints, names, lanes, pools and flags, ids that may dangle.
func fuzzModel(data []byte) (*model.Definitions, *model.Diagram) {
	s := &byteSource{b: data}
	d := &model.Definitions{}
	g := &model.Diagram{}
	ids := []string{"n0", "n1", "n2", "n3", "L0", "L1", "P0", "f0", "f1", "missing", ""}
	id := func() string { return ids[s.intn(len(ids))] }
	rect := func() model.Rect { return model.Rect{X: s.num(), Y: s.num(), W: s.num(), H: s.num()} }
	flag := func() *bool {
		switch s.intn(3) {
		case 0:
			return nil
		case 1:
			return model.Bool(true)
		}
		return model.Bool(false)
	}
	p := &model.Process{ID: "proc"}
	d.Processes = append(d.Processes, p)
	for i := range s.intn(3) {
		l := &model.Lane{ID: []string{"L0", "L1", "L2"}[i], Name: s.str(), NodeRefs: []string{id(), id()}}
		if s.intn(2) == 0 && len(p.Lanes) > 0 {
			p.Lanes[0].Children = append(p.Lanes[0].Children, l)
		} else {
			p.Lanes = append(p.Lanes, l)
		}
	}
	c := &model.Collaboration{ID: "c"}
	for range s.intn(3) {
		c.Participants = append(c.Participants, &model.Participant{ID: "P0", Name: s.str(), ProcessRef: []string{"", "proc", "nope"}[s.intn(3)]})
	}
	d.Collaborations = append(d.Collaborations, c)
	for i := range 4 {
		if s.intn(5) == 0 {
			continue
		}
		n := &model.Node{ID: ids[i], Kind: fuzzKinds[s.intn(len(fuzzKinds))], Name: s.str(), Container: id(),
			AttachedTo: id(), Default: id(), ItemRef: id(), Text: s.str(), DataState: s.str(),
			CancelActivity: s.intn(2) == 0, IsInterrupting: s.intn(2) == 0, TriggeredByEvent: s.intn(2) == 0,
			IsForCompensation: s.intn(2) == 0, Loop: model.LoopKind(s.intn(5)), IsCollection: s.intn(2) == 0,
			Instantiate: s.intn(2) == 0, EventGatewayType: []string{"", "Parallel", "Exclusive"}[s.intn(3)],
			ParallelMultiple: s.intn(2) == 0}
		for range s.intn(3) {
			n.EventDefs = append(n.EventDefs, fuzzDefs[s.intn(len(fuzzDefs))])
		}
		n.CalledElement = []string{"", "proc", "gt", "nope"}[s.intn(4)]
		n.CalledKind = []model.Kind{"", model.ProcessKind, model.UserTask, model.Task, "weird"}[s.intn(5)]
		n.CategoryValue = s.str()
		d.Nodes = append(d.Nodes, n)
	}
	for i := range 2 {
		d.Flows = append(d.Flows, &model.Flow{ID: ids[7+i], Kind: fuzzFlows[s.intn(len(fuzzFlows))], Name: s.str(),
			Source: id(), Target: id(), Condition: s.str(), Direction: []string{"", "One", "Both", "None"}[s.intn(4)]})
	}
	for range s.intn(12) {
		sh := &model.Shape{Element: id(), Bounds: rect(), IsHorizontal: flag(), IsExpanded: flag(), IsMarkerVisible: flag(),
			Style: model.Colors{Fill: []string{"", "#fff", "#123456", "red", "#12345g"}[s.intn(5)], Stroke: []string{"", "#000", "#zzz"}[s.intn(3)]}}
		if s.intn(3) == 0 {
			r := rect()
			sh.Label = &r
		}
		sh.Style.Label = []string{"", "#000000", "black"}[s.intn(3)]
		g.Shapes = append(g.Shapes, sh)
	}
	for range s.intn(6) {
		e := &model.Edge{Element: id()}
		for range s.intn(5) {
			e.Waypoints = append(e.Waypoints, model.Point{X: s.num(), Y: s.num()})
		}
		if s.intn(3) == 0 {
			r := rect()
			e.Label = &r
		}
		e.MessageVisibleKind = []string{"", "initiating", "non_initiating", "x"}[s.intn(4)]
		e.Style = model.Colors{Stroke: []string{"", "#f80"}[s.intn(2)], Label: []string{"", "#000", "nope"}[s.intn(3)]}
		g.Edges = append(g.Edges, e)
	}
	return d, g
}

func FuzzBuild(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("lanes, pools, tasks and flows"))
	f.Add([]byte{2, 1, 1, 1, 0, 0, 1, 2, 12, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 250, 251, 252, 253, 254, 3, 3, 3})
	f.Add([]byte{9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9})
	for i := range 16 {
		seed := make([]byte, 96)
		for k := range seed {
			seed[k] = byte(i*37 + k*11)
		}
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, g := fuzzModel(data)
		for _, opt := range []Options{{}, {MarkHandovers: true, Dark: true}} {
			sc := Build(d, g, opt)
			if !finiteRect(sc.Bounds) {
				t.Fatalf("scene bounds not finite: %v", sc.Bounds)
			}
			for i, it := range sc.Items {
				if (it.Path == nil) == (it.Text == nil) {
					t.Fatalf("item %d: exactly one of Path and Text must be set", i)
				}
			}
			sc.HitTest(model.Point{X: 10, Y: 10}, 5)
			_ = sc.Dump()
		}
	})
}
