package edit

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"lanemap/bpmn"
	"lanemap/model"
)

// saved is the document as the app would save it.
func saved(t *testing.T, d *model.Definitions) string {
	t.Helper()
	var buf bytes.Buffer
	if err := bpmn.Encode(&buf, d, nil); err != nil {
		t.Fatalf("encode: %v", err)
	}
	return buf.String()
}

// checkSavedUndoRedo runs op (one step) and checks that the saved BPMN
// after undo equals the one before and after redo the one after.
func checkSavedUndoRedo(t *testing.T, f *fixture, op func() error) {
	t.Helper()
	before := saved(t, f.d)
	checkUndoRedo(t, f, op)
	after := saved(t, f.d)
	if !f.s.Undo() {
		t.Fatal("nothing to undo")
	}
	if got := saved(t, f.d); got != before {
		t.Fatalf("saved BPMN after undo differs: %s", diff(before, got))
	}
	if !f.s.Redo() {
		t.Fatal("nothing to redo")
	}
	if got := saved(t, f.d); got != after {
		t.Fatalf("saved BPMN after redo differs: %s", diff(after, got))
	}
}

// addEvent puts an intermediate catch event with these triggers at p in
// lane 1 and returns its id.
func addEvent(t *testing.T, f *fixture, k model.Kind, p model.Point, defs ...string) string {
	t.Helper()
	id, err := f.s.AddTyped(Spec{Kind: k, EventDefs: defs}, f.lane1, p)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestAttachBoundary(t *testing.T) {
	cases := []struct {
		name string
		kind model.Kind
		defs []string
		at   model.Point // the drop point; the task is x 300–400, y 135–215
		want model.Point // the event's centre after
	}{
		{"catch on the bottom edge", model.IntermediateCatchEvent, []string{model.TimerDef}, model.Point{X: 330, Y: 220}, model.Point{X: 330, Y: 215}},
		{"plain throw on the top edge", model.IntermediateThrowEvent, nil, model.Point{X: 370, Y: 131}, model.Point{X: 370, Y: 135}},
		{"message catch on the right edge", model.IntermediateCatchEvent, []string{model.MessageDef}, model.Point{X: 396, Y: 160}, model.Point{X: 400, Y: 160}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			id := addEvent(t, f, c.kind, model.Point{X: 600, Y: 175}, c.defs...)
			checkSavedUndoRedo(t, f, func() error { return f.s.AttachBoundary(id, f.task, c.at) })
			n := f.d.Node(id)
			if n.Kind != model.BoundaryEvent || n.AttachedTo != f.task || !n.CancelActivity {
				t.Fatalf("after attach: kind %s, attached to %q, interrupting %v", n.Kind, n.AttachedTo, n.CancelActivity)
			}
			if !slices.Equal(n.EventDefs, c.defs) {
				t.Errorf("triggers %v, want %v", n.EventDefs, c.defs)
			}
			if got := f.s.Shape(id).Bounds.Center(); got != c.want {
				t.Errorf("centre %v, want %v", got, c.want)
			}
			if l := laneIDs(f.d, id); !slices.Equal(l, []string{f.lane1}) {
				t.Errorf("lanes %v, want [%s]", l, f.lane1)
			}
		})
	}
}

func TestAttachBoundaryDropsIncomingFlows(t *testing.T) {
	f := newFixture(t)
	ev := addEvent(t, f, model.IntermediateCatchEvent, model.Point{X: 600, Y: 175}, model.TimerDef)
	in, err := f.s.Connect(f.start, ev)
	if err != nil {
		t.Fatal(err)
	}
	out, err := f.s.Connect(ev, f.end)
	if err != nil {
		t.Fatal(err)
	}
	checkSavedUndoRedo(t, f, func() error { return f.s.AttachBoundary(ev, f.task, model.Point{X: 350, Y: 215}) })
	if f.d.Flow(in) != nil {
		t.Error("the flow into the event survived: nothing flows into a boundary event")
	}
	if f.d.Flow(out) == nil {
		t.Error("the flow out of the event went")
	}
}

func TestAttachBoundaryRefused(t *testing.T) {
	f := newFixture(t)
	gw, err := f.s.AddNode(model.ExclusiveGateway, f.lane2, model.Point{X: 700, Y: 325})
	if err != nil {
		t.Fatal(err)
	}
	ev := addEvent(t, f, model.IntermediateCatchEvent, model.Point{X: 600, Y: 175}, model.TimerDef)
	link := addEvent(t, f, model.IntermediateThrowEvent, model.Point{X: 700, Y: 175}, model.LinkDef)
	n := f.s.Stack.Len()
	cases := []struct {
		name     string
		id, host string
	}{
		{"on a gateway", ev, gw},
		{"on an event", ev, f.end},
		{"a task on a task", f.task, f.task},
		{"an end event", f.end, f.task},
		{"a link event", link, f.task},
		{"no such host", ev, "nope"},
	}
	for _, c := range cases {
		if err := f.s.AttachBoundary(c.id, c.host, model.Point{X: 350, Y: 215}); err == nil {
			t.Errorf("%s: attached", c.name)
		}
		if f.s.CanAttach(c.id, c.host) {
			t.Errorf("%s: CanAttach says yes", c.name)
		}
	}
	if f.s.Stack.Len() != n {
		t.Error("a refused attach recorded a step")
	}
	if !f.s.CanAttach(ev, f.task) {
		t.Error("CanAttach refuses a timer event on a task")
	}
}

func TestBoundarySlidesAndChangesHost(t *testing.T) {
	f := newFixture(t)
	other, err := f.s.AddNode(model.Task, f.lane2, model.Point{X: 700, Y: 325})
	if err != nil {
		t.Fatal(err)
	}
	ev := addEvent(t, f, model.IntermediateCatchEvent, model.Point{X: 600, Y: 175}, model.TimerDef)
	if err := f.s.AttachBoundary(ev, f.task, model.Point{X: 320, Y: 215}); err != nil {
		t.Fatal(err)
	}
	// Along the border: one step, same host.
	checkSavedUndoRedo(t, f, func() error { return f.s.AttachBoundary(ev, f.task, model.Point{X: 380, Y: 230}) })
	if c := f.s.Shape(ev).Bounds.Center(); c != (model.Point{X: 380, Y: 215}) {
		t.Errorf("slid to %v, want (380, 215)", c)
	}
	if err := f.s.AttachBoundary(ev, f.task, model.Point{X: 380, Y: 215}); !errors.Is(err, ErrNoChange) {
		t.Errorf("attach where it is: %v, want ErrNoChange", err)
	}
	// To another activity, in the other lane.
	checkSavedUndoRedo(t, f, func() error { return f.s.AttachBoundary(ev, other, model.Point{X: 700, Y: 370}) })
	if n := f.d.Node(ev); n.AttachedTo != other {
		t.Errorf("host %q, want %q", n.AttachedTo, other)
	}
	if l := laneIDs(f.d, ev); !slices.Equal(l, []string{f.lane2}) {
		t.Errorf("lanes %v, want [%s]", l, f.lane2)
	}
}

func TestDetachBoundary(t *testing.T) {
	f := newFixture(t)
	ev, err := f.s.AddTyped(Spec{Kind: model.BoundaryEvent, EventDefs: []string{model.ErrorDef}}, f.task, model.Point{X: 350, Y: 215})
	if err != nil {
		t.Fatal(err)
	}
	out, err := f.s.Connect(ev, f.end)
	if err != nil {
		t.Fatal(err)
	}
	checkSavedUndoRedo(t, f, func() error { return f.s.DetachBoundary(ev, model.Point{X: 650, Y: 320}) })
	n := f.d.Node(ev)
	if n.Kind != model.IntermediateCatchEvent || n.AttachedTo != "" || len(n.EventDefs) != 0 {
		t.Fatalf("after detach: %s on %q with %v", n.Kind, n.AttachedTo, n.EventDefs)
	}
	if c := f.s.Shape(ev).Bounds.Center(); c != (model.Point{X: 650, Y: 320}) {
		t.Errorf("centre %v", c)
	}
	if l := laneIDs(f.d, ev); !slices.Equal(l, []string{f.lane2}) {
		t.Errorf("lanes %v, want [%s]", l, f.lane2)
	}
	if f.d.Flow(out) == nil {
		t.Error("the outgoing flow went")
	}
	if err := f.s.DetachBoundary(ev, model.Point{X: 650, Y: 320}); err == nil {
		t.Error("detached an event that is not a boundary event")
	}
	if err := f.s.DetachBoundary(f.task, model.Point{X: 650, Y: 320}); err == nil {
		t.Error("detached a task")
	}
}

func TestDetachKeepsCatchTriggers(t *testing.T) {
	f := newFixture(t)
	ev, err := f.s.AddTyped(Spec{Kind: model.IntermediateCatchEvent, EventDefs: []string{model.MessageDef}}, f.task, model.Point{X: 300, Y: 170})
	if err != nil {
		t.Fatal(err)
	}
	if n := f.d.Node(ev); n.Kind != model.BoundaryEvent || n.AttachedTo != f.task {
		t.Fatalf("an intermediate event added on a task is a %s on %q", n.Kind, n.AttachedTo)
	}
	if err := f.s.DetachBoundary(ev, model.Point{X: 600, Y: 170}); err != nil {
		t.Fatal(err)
	}
	if n := f.d.Node(ev); !slices.Equal(n.EventDefs, []string{model.MessageDef}) {
		t.Errorf("triggers after detach %v, want [message]", n.EventDefs)
	}
}
