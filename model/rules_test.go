package model

import "testing"

// rulesDoc: two pools. Pool A (process PA) holds a start event, tasks, a
// sub-process with a task inside, gateways, end event, a message catch
// event, a compensation boundary event, data objects and an annotation.
// Pool B (process PB) holds a task and a timer start event; Pool C is a
// black box.
func rulesDoc() *Definitions {
	return &Definitions{
		Collaborations: []*Collaboration{{ID: "C", Participants: []*Participant{
			{ID: "PoolA", ProcessRef: "PA"}, {ID: "PoolB", ProcessRef: "PB"}, {ID: "PoolC"}}}},
		Processes: []*Process{{ID: "PA", Lanes: []*Lane{{ID: "LaneA"}}}, {ID: "PB"}},
		Nodes: []*Node{
			{ID: "Start", Kind: StartEvent, Container: "PA"},
			{ID: "T1", Kind: Task, Container: "PA"},
			{ID: "T2", Kind: UserTask, Container: "PA"},
			{ID: "Comp", Kind: Task, Container: "PA", IsForCompensation: true},
			{ID: "Sub", Kind: SubProcess, Container: "PA"},
			{ID: "Inner", Kind: Task, Container: "Sub"},
			{ID: "XOR", Kind: ExclusiveGateway, Container: "PA"},
			{ID: "EBG", Kind: EventBasedGateway, Container: "PA"},
			{ID: "Catch", Kind: IntermediateCatchEvent, Container: "PA", EventDefs: []string{MessageDef}},
			{ID: "Timer", Kind: IntermediateCatchEvent, Container: "PA", EventDefs: []string{TimerDef}},
			{ID: "Recv", Kind: ReceiveTask, Container: "PA"},
			{ID: "Boundary", Kind: BoundaryEvent, Container: "PA", AttachedTo: "T1"},
			{ID: "CompB", Kind: BoundaryEvent, Container: "PA", AttachedTo: "T2", EventDefs: []string{CompensationDef}},
			{ID: "End", Kind: EndEvent, Container: "PA"},
			{ID: "MsgEnd", Kind: EndEvent, Container: "PA", EventDefs: []string{MessageDef}},
			{ID: "ErrEnd", Kind: EndEvent, Container: "PA", EventDefs: []string{ErrorDef}},
			{ID: "Data", Kind: DataObjectReference, Container: "PA"},
			{ID: "Store", Kind: DataStoreReference, Container: "PA"},
			{ID: "Store2", Kind: DataStoreReference, Container: "C"},
			{ID: "Note", Kind: TextAnnotation, Container: "PA"},
			{ID: "Note2", Kind: TextAnnotation, Container: "C"},
			{ID: "Grp", Kind: Group, Container: "C"},
			{ID: "TB", Kind: Task, Container: "PB"},
			{ID: "TimerStart", Kind: StartEvent, Container: "PB", EventDefs: []string{TimerDef}},
			{ID: "MsgStart", Kind: StartEvent, Container: "PB", EventDefs: []string{MessageDef}},
		},
	}
}

func TestCanConnect(t *testing.T) {
	d := rulesDoc()
	cases := []struct {
		src, tgt string
		want     Kind // "" = refused
	}{
		// Sequence flows.
		{"Start", "T1", SequenceFlow},
		{"T1", "XOR", SequenceFlow},
		{"XOR", "End", SequenceFlow},
		{"Boundary", "T2", SequenceFlow},
		{"T1", "Sub", SequenceFlow},
		{"End", "T1", ""},      // nothing leaves an end event
		{"T1", "Start", ""},    // nothing enters a start event
		{"T1", "Boundary", ""}, // nor a boundary event
		{"T1", "Inner", ""},    // not across a sub-process border
		{"Inner", "T1", ""},    // either way
		{"T1", "T1", ""},       // no self loops
		{"T1", "Comp", ""},     // compensation handlers take associations only
		{"CompB", "Comp", ""},  // (a compensation boundary event too)
		{"EBG", "Catch", SequenceFlow},
		{"EBG", "Recv", SequenceFlow},
		{"EBG", "T1", ""}, // event-based gateway: events and receive tasks only
		// Message flows: only between pools.
		{"T1", "TB", MessageFlow},
		{"TB", "T1", MessageFlow},
		{"MsgEnd", "TB", MessageFlow},
		{"End", "TB", MessageFlow},      // a none end event may send
		{"ErrEnd", "TB", ""},            // an error end event does not
		{"T1", "MsgStart", MessageFlow}, // a message start event receives
		{"T1", "TimerStart", ""},        // a timer start event does not
		{"TB", "Catch", MessageFlow},
		{"TB", "Timer", ""},
		{"XOR", "TB", ""}, // gateways exchange no messages
		{"TB", "Boundary", MessageFlow},
		{"Boundary", "TB", ""}, // boundary events catch, they do not send
		{"T1", "PoolB", MessageFlow},
		{"PoolC", "T1", MessageFlow},
		{"PoolA", "PoolC", MessageFlow},
		{"PoolA", "T1", ""}, // not within a pool
		{"PoolA", "PoolA", ""},
		{"TB", "Comp", ""}, // a compensation activity receives no messages
		// Associations.
		{"Note", "T1", Association},
		{"T1", "Note", Association},
		{"Note2", "TB", Association},
		{"Note", "Note2", ""},
		{"Grp", "T1", ""},
		// Data associations.
		{"Data", "T1", DataInputAssociation},
		{"T1", "Data", DataOutputAssociation},
		{"Store", "T2", DataInputAssociation},
		{"Start", "Data", DataOutputAssociation}, // catch events write
		{"Data", "End", DataInputAssociation},    // throw events read
		{"Data", "Start", ""},
		{"End", "Data", ""},
		{"Data", "Store", ""},
		{"XOR", "Data", ""},
		{"Data", "TB", ""},                     // not across pools
		{"TB", "Data", ""},                     // either way
		{"Store2", "TB", DataInputAssociation}, // a store outside pools serves all
		{"T1", "Store2", DataOutputAssociation},
		// Unknown ids.
		{"nope", "T1", ""},
		{"T1", "", ""},
	}
	for _, c := range cases {
		got, ok := CanConnect(d, c.src, c.tgt)
		if ok != (c.want != "") || got != c.want {
			t.Errorf("CanConnect(%s, %s) = %q, %v; want %q", c.src, c.tgt, got, ok, c.want)
		}
	}
	if _, ok := CanConnect(nil, "a", "b"); ok {
		t.Error("CanConnect on a nil document")
	}
}

func TestCanDrop(t *testing.T) {
	d := rulesDoc()
	cases := []struct {
		k         Kind
		container string
		want      bool
	}{
		{Task, "LaneA", true},
		{Task, "PoolA", true},
		{Task, "PA", true},
		{Task, "Sub", true},
		{ExclusiveGateway, "PoolB", true},
		{Task, "PoolC", false}, // black box
		{Task, "C", false},     // collaboration level
		{Task, "", false},
		{Task, "T1", false},
		{Task, "nope", false},
		{BoundaryEvent, "T1", true},
		{BoundaryEvent, "Sub", true},
		{BoundaryEvent, "LaneA", false},
		{BoundaryEvent, "XOR", false},
		{StartEvent, "Sub", true},
		{DataObjectReference, "LaneA", true},
		{TextAnnotation, "C", true},
		{TextAnnotation, "", true},
		{TextAnnotation, "PoolC", true},
		{Group, "PA", true},
		{ParticipantKind, "C", true},
		{ParticipantKind, "", true},
		{ParticipantKind, "PA", false},
		{LaneKind, "PoolA", true},
		{LaneKind, "LaneA", true},
		{LaneKind, "PoolC", false},
		{LaneKind, "Sub", false},
		{SequenceFlow, "PA", false},
		{"", "PA", false},
	}
	for _, c := range cases {
		if got := CanDrop(d, c.k, c.container); got != c.want {
			t.Errorf("CanDrop(%s, %q) = %v, want %v", c.k, c.container, got, c.want)
		}
	}
	if CanDrop(nil, Task, "PA") {
		t.Error("CanDrop on a nil document")
	}
}
