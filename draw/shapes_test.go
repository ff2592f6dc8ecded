package draw

import (
	"strings"
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
		{"empty condition from an activity", model.SequenceFlow, func(_ *fixture, fl *model.Flow) { fl.HasCondition = true }, 2, false},
		{"condition from a gateway", model.SequenceFlow, func(f *fixture, fl *model.Flow) {
			f.d.Node("a").Kind = model.ExclusiveGateway
			fl.HasCondition = true
		}, 1, false},
		{"message: circle and open arrow", model.MessageFlow, nil, 2, true},
		{"message shown", model.MessageFlow, func(f *fixture, _ *model.Flow) { f.g.Edges[0].MessageVisibleKind = "initiating" }, 3, true},
		{"reply shown", model.MessageFlow, func(f *fixture, _ *model.Flow) { f.g.Edges[0].MessageVisibleKind = "non_initiating" }, 3, true},
		{"unknown visibility", model.MessageFlow, func(f *fixture, _ *model.Flow) { f.g.Edges[0].MessageVisibleKind = "maybe" }, 2, true},
		{"association, undirected", model.Association, nil, 0, true},
		{"association, one way", model.Association, func(_ *fixture, fl *model.Flow) { fl.Direction = "One" }, 1, true},
		{"association, both ways", model.Association, func(_ *fixture, fl *model.Flow) { fl.Direction = "Both" }, 2, true},
		{"data input association", model.DataInputAssociation, nil, 1, true},
		{"edge of nothing: dotted, no ends", model.SequenceFlow, func(f *fixture, _ *model.Flow) { f.g.Edges[0].Element = "" }, 0, true},
		{"edge of a node: dotted, no ends", model.SequenceFlow, func(f *fixture, _ *model.Flow) { f.g.Edges[0].Element = "a" }, 0, true},
	} {
		f := newFixture()
		f.node("a", model.Task, "A", 0, 0, 100, 80)
		f.node("b", model.Task, "B", 200, 0, 100, 80)
		fl := f.flow("x", tc.kind, "a", "b", 100, 40, 200, 40)
		if tc.setup != nil {
			tc.setup(f, fl)
		}
		arrows, dash := 0, false
		id := f.g.Edges[0].Element
		for _, it := range Build(f.d, f.g, Options{}).Items {
			switch {
			case it.Element == id && it.Part == PartArrow:
				arrows++
			case it.Element == id && it.Part == PartEdge:
				dash = it.Style.Dash != nil
			}
		}
		if arrows != tc.want || dash != tc.dash {
			t.Errorf("%s: %d decorations dashed=%v, want %d dashed=%v", tc.name, arrows, dash, tc.want, tc.dash)
		}
	}
}

// TestCallActivityLooks: a call activity of a global task is drawn as that
// task (its icon, no "+"); one that calls a process, or something not in
// this file, shows "+" when collapsed and none when expanded.
func TestCallActivityLooks(t *testing.T) {
	for _, tc := range []struct {
		name     string
		called   string
		kind     model.Kind
		expanded bool
		plus     bool
		icon     bool
	}{
		{"global user task", "gt", model.UserTask, false, false, true},
		{"global task", "gt", model.Task, false, false, false},
		{"process named by CalledKind", "p2", model.ProcessKind, false, true, false},
		{"process of this file, kind unknown", "p2", "", false, true, false},
		{"another file", "elsewhere", "", false, true, false},
		{"nothing called", "", "", false, true, false},
		{"expanded", "p2", model.ProcessKind, true, false, false},
	} {
		f := newFixture()
		f.d.Processes = []*model.Process{{ID: "proc"}, {ID: "p2"}}
		n := f.node("c", model.CallActivity, "Anropa", 0, 0, 100, 80)
		n.CalledElement, n.CalledKind = tc.called, tc.kind
		f.shape("c").IsExpanded = model.Bool(tc.expanded)
		ms := markers(Build(f.d, f.g, Options{}), "c")
		// The "+" is two items (box and cross) in the bottom row.
		plus, icon := 0, 0
		for _, m := range ms {
			if m.Bounds.Y+m.Bounds.H-20 <= pathTop(m.Path) {
				plus++
			} else {
				icon++
			}
		}
		if (plus > 0) != tc.plus || (icon > 0) != tc.icon {
			t.Errorf("%s: %d bottom-row and %d icon items, want plus=%v icon=%v", tc.name, plus, icon, tc.plus, tc.icon)
		}
	}
}

// pathTop is the smallest y a path reaches.
func pathTop(p *Path) float64 {
	r, _ := pathBox(p)
	return r.Y
}

// TestExpandedLabelTopLeft: an expanded sub-process's name sits top-left,
// a collapsed one's in the middle.
func TestExpandedLabelTopLeft(t *testing.T) {
	for _, exp := range []bool{true, false} {
		f := newFixture()
		f.node("s", model.SubProcess, "Kassa", 0, 0, 300, 200)
		f.shape("s").IsExpanded = model.Bool(exp)
		for _, it := range Build(f.d, f.g, Options{}).Items {
			if it.Element != "s" || it.Part != PartLabel {
				continue
			}
			top := it.Text.Box.Y < 20
			left := it.Text.Align == AlignLeft
			if top != exp || left != exp {
				t.Errorf("expanded=%v: label at y=%v align=%v", exp, it.Text.Box.Y, it.Text.Align)
			}
		}
	}
}

// TestForeignLabelBoxes: a DI label box sized for another tool's font
// (narrow, beside or above its shape) never makes the text run over its
// own shape, and the text stays near the box.
func TestForeignLabelBoxes(t *testing.T) {
	const name = "Reparation slutförd och kvitterad av kunden"
	for _, tc := range []struct {
		name  string
		label model.Rect
	}{
		{"narrow, above", model.Rect{X: 105, Y: 70, W: 30, H: 26}},
		{"narrow, below", model.Rect{X: 105, Y: 140, W: 30, H: 14}},
		{"narrow, left", model.Rect{X: 60, Y: 110, W: 30, H: 14}},
		{"narrow, right", model.Rect{X: 140, Y: 110, W: 30, H: 14}},
		{"wide, below", model.Rect{X: 60, Y: 140, W: 120, H: 28}},
	} {
		f := newFixture()
		f.node("e", model.EndEvent, name, 100, 100, 36, 36)
		lr := tc.label
		f.shape("e").Label = &lr
		shape := model.Rect{X: 100, Y: 100, W: 36, H: 36}
		found := false
		for _, it := range Build(f.d, f.g, Options{}).Items {
			if it.Element != "e" || it.Part != PartLabel {
				continue
			}
			found = true
			tb := it.Text.Box
			if overlaps(tb, shape) {
				t.Errorf("%s: text %v overlaps its shape", tc.name, tb)
			}
			// Near the DI box: the two touch or share a centre line.
			c, lc := tb.Center(), lr.Center()
			if !overlaps(tb.Inset(-1), lr) && c.X != lc.X && c.Y != lc.Y {
				t.Errorf("%s: text %v strayed from its DI box %v", tc.name, tb, lr)
			}
			if len(it.Text.Lines) > len(Wrap(name, extLabelW, NodeFontSize, false)) {
				t.Errorf("%s: %d lines, want the text widened to our own label width", tc.name, len(it.Text.Lines))
			}
		}
		if !found {
			t.Errorf("%s: no label", tc.name)
		}
	}
}

// TestGroupLabel: a group shows its name, else its category value.
func TestGroupLabel(t *testing.T) {
	for _, tc := range []struct{ name, value, want string }{
		{"Grupp", "", "Grupp"},
		{"", "Kvalitet", "Kvalitet"},
		{"Grupp", "Kvalitet", "Grupp"},
		{"", "", ""},
	} {
		f := newFixture()
		f.node("g", model.Group, tc.name, 0, 0, 200, 100).CategoryValue = tc.value
		got := ""
		for _, it := range Build(f.d, f.g, Options{}).Items {
			if it.Element == "g" && it.Part == PartLabel {
				got = strings.Join(it.Text.Lines, " ")
			}
		}
		if got != tc.want {
			t.Errorf("name %q value %q: label %q, want %q", tc.name, tc.value, got, tc.want)
		}
	}
}

// TestForeignLabelOneLine: a DI label box cut to the text in another
// tool's font keeps the text on one line in ours (MIWG C.3.0 and B.2.0:
// "Repair completed" in a 91-wide box, "Parallel Gateway 2" in 94.9).
func TestForeignLabelOneLine(t *testing.T) {
	for _, tc := range []struct {
		text string
		w    float64
	}{{"Repair completed", 91}, {"Parallel Gateway 2", 94.9}, {"Exclusive Gateway 4", 94.9}} {
		f := newFixture()
		f.node("e", model.EndEvent, tc.text, 100, 100, 36, 36)
		f.shape("e").Label = &model.Rect{X: 118 - tc.w/2, Y: 140, W: tc.w, H: 14}
		for _, it := range Build(f.d, f.g, Options{}).Items {
			if it.Element == "e" && it.Part == PartLabel && len(it.Text.Lines) != 1 {
				t.Errorf("%q in %v wide: %q", tc.text, tc.w, it.Text.Lines)
			}
		}
	}
}
