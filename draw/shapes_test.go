package draw

import (
	"testing"

	"lanemap/model"
)

// markers returns the marker items of an element.
func markers(sc *Scene, id string) []Item {
	var out []Item
	for _, it := range sc.Items {
		if it.Element == id && it.Part == PartMarker {
			out = append(out, it)
		}
	}
	return out
}

// TestEventMarkers: every definition draws a marker; throwing markers are
// filled with ink, catching ones are not (the envelope is white).
func TestEventMarkers(t *testing.T) {
	ink := lightPalette.stroke
	for _, def := range []string{model.MessageDef, model.ErrorDef, model.EscalationDef, model.SignalDef,
		model.CompensationDef, model.LinkDef, model.CancelDef, "multiple", "parallel"} {
		for _, k := range []model.Kind{model.IntermediateCatchEvent, model.IntermediateThrowEvent} {
			f := newFixture()
			n := f.node("e", k, "", 0, 0, 36, 36)
			switch def {
			case "multiple", "parallel":
				n.EventDefs = []string{model.MessageDef, model.SignalDef}
				n.ParallelMultiple = def == "parallel"
			default:
				n.EventDefs = []string{def}
			}
			ms := markers(Build(f.d, f.g, Options{}), "e")
			if len(ms) != 1 {
				t.Errorf("%s %s: %d markers", k, def, len(ms))
				continue
			}
			filledInk := ms[0].Style.Fill == ink
			if throw := k == model.IntermediateThrowEvent; filledInk != throw {
				t.Errorf("%s %s: marker fill %v (throwing=%v)", k, def, ms[0].Style.Fill, throw)
			}
		}
	}
	// Timer and conditional are catch-only; terminate is always filled.
	for def, want := range map[string]int{model.TimerDef: 3, model.ConditionalDef: 1, model.TerminateDef: 1, "unknownDef": 0} {
		f := newFixture()
		f.node("e", model.EndEvent, "", 0, 0, 36, 36).EventDefs = []string{def}
		if got := len(markers(Build(f.d, f.g, Options{}), "e")); got != want {
			t.Errorf("%s: %d marker items, want %d", def, got, want)
		}
	}
}

// TestEventRings: start thin, end thick, intermediate and boundary double,
// non-interrupting dashed.
func TestEventRings(t *testing.T) {
	for _, tc := range []struct {
		kind    model.Kind
		setup   func(n *model.Node)
		widths  []float64
		dashed  bool
		comment string
	}{
		{model.StartEvent, nil, []float64{wStart}, false, "start"},
		{model.EndEvent, nil, []float64{wEnd}, false, "end"},
		{model.IntermediateCatchEvent, nil, []float64{wRing, wRing}, false, "intermediate"},
		{model.BoundaryEvent, func(n *model.Node) { n.CancelActivity = false }, []float64{wRing, wRing}, true, "non-interrupting boundary"},
		{model.StartEvent, func(n *model.Node) { n.IsInterrupting = false }, []float64{wStart}, false, "isInterrupting=false outside an event sub-process means nothing"},
	} {
		f := newFixture()
		n := f.node("e", tc.kind, "", 0, 0, 36, 36)
		if tc.setup != nil {
			tc.setup(n)
		}
		var widths []float64
		dashed := false
		for _, it := range Build(f.d, f.g, Options{}).Items {
			if it.Element == "e" && it.Part == PartBody {
				widths = append(widths, it.Style.Width)
				dashed = dashed || it.Style.Dash != nil
			}
		}
		if len(widths) != len(tc.widths) || widths[0] != tc.widths[0] || dashed != tc.dashed {
			t.Errorf("%s: ring widths %v dashed %v, want %v dashed %v", tc.comment, widths, dashed, tc.widths, tc.dashed)
		}
	}
}

// TestGatewayMarkers: the exclusive X follows isMarkerVisible; event-based
// variants differ in circles and symbol.
func TestGatewayMarkers(t *testing.T) {
	for _, tc := range []struct {
		name  string
		kind  model.Kind
		setup func(n *model.Node, s *model.Shape)
		want  int
	}{
		{"exclusive without flag", model.ExclusiveGateway, nil, 0},
		{"exclusive flag false", model.ExclusiveGateway, func(_ *model.Node, s *model.Shape) { s.IsMarkerVisible = model.Bool(false) }, 0},
		{"exclusive flag true", model.ExclusiveGateway, func(_ *model.Node, s *model.Shape) { s.IsMarkerVisible = model.Bool(true) }, 1},
		{"parallel", model.ParallelGateway, nil, 1},
		{"inclusive", model.InclusiveGateway, nil, 1},
		{"complex", model.ComplexGateway, nil, 1},
		{"event-based: two circles and a pentagon", model.EventBasedGateway, nil, 3},
		{"instantiating: one circle and a pentagon", model.EventBasedGateway, func(n *model.Node, _ *model.Shape) { n.Instantiate = true }, 2},
		{"parallel instantiating: circle and plus", model.EventBasedGateway, func(n *model.Node, _ *model.Shape) {
			n.Instantiate, n.EventGatewayType = true, "Parallel"
		}, 2},
	} {
		f := newFixture()
		n := f.node("g", tc.kind, "", 0, 0, 50, 50)
		if tc.setup != nil {
			tc.setup(n, f.shape("g"))
		}
		if got := len(markers(Build(f.d, f.g, Options{}), "g")); got != tc.want {
			t.Errorf("%s: %d markers, want %d", tc.name, got, tc.want)
		}
	}
}

// TestFlowDecorations: arrowheads and source markers per flow kind.
func TestFlowDecorations(t *testing.T) {
	for _, tc := range []struct {
		name  string
		kind  model.Kind
		setup func(f *fixture, fl *model.Flow)
		want  int // PartArrow items
		dash  bool
	}{
		{"sequence", model.SequenceFlow, nil, 1, false},
		{"default from an activity", model.SequenceFlow, func(f *fixture, fl *model.Flow) { f.d.Node("a").Default = fl.ID }, 2, false},
		{"conditional from an activity", model.SequenceFlow, func(_ *fixture, fl *model.Flow) { fl.Condition = "x" }, 2, false},
		{"message: circle and open arrow", model.MessageFlow, nil, 2, true},
		{"association, undirected", model.Association, nil, 0, true},
		{"association, one way", model.Association, func(_ *fixture, fl *model.Flow) { fl.Direction = "One" }, 1, true},
		{"association, both ways", model.Association, func(_ *fixture, fl *model.Flow) { fl.Direction = "Both" }, 2, true},
		{"data input association", model.DataInputAssociation, nil, 1, true},
	} {
		f := newFixture()
		f.node("a", model.Task, "A", 0, 0, 100, 80)
		f.node("b", model.Task, "B", 200, 0, 100, 80)
		fl := f.flow("x", tc.kind, "a", "b", 100, 40, 200, 40)
		if tc.setup != nil {
			tc.setup(f, fl)
		}
		arrows, dash := 0, false
		for _, it := range Build(f.d, f.g, Options{}).Items {
			switch {
			case it.Element == "x" && it.Part == PartArrow:
				arrows++
			case it.Element == "x" && it.Part == PartEdge:
				dash = it.Style.Dash != nil
			}
		}
		if arrows != tc.want || dash != tc.dash {
			t.Errorf("%s: %d decorations dashed=%v, want %d dashed=%v", tc.name, arrows, dash, tc.want, tc.dash)
		}
	}
}
