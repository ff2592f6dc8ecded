package model

import "strings"

// Kind is the BPMN local element name of an element, e.g. "userTask",
// "exclusiveGateway", "sequenceFlow". Using the XML name keeps reading and
// writing a lookup-free mapping; unknown names are kept as they are.
type Kind string

// Activities.
const (
	Task             Kind = "task"
	UserTask         Kind = "userTask"
	ManualTask       Kind = "manualTask"
	ServiceTask      Kind = "serviceTask"
	ScriptTask       Kind = "scriptTask"
	SendTask         Kind = "sendTask"
	ReceiveTask      Kind = "receiveTask"
	BusinessRuleTask Kind = "businessRuleTask"
	SubProcess       Kind = "subProcess"
	Transaction      Kind = "transaction"
	AdHocSubProcess  Kind = "adHocSubProcess"
	CallActivity     Kind = "callActivity"
)

// Events.
const (
	StartEvent             Kind = "startEvent"
	EndEvent               Kind = "endEvent"
	IntermediateCatchEvent Kind = "intermediateCatchEvent"
	IntermediateThrowEvent Kind = "intermediateThrowEvent"
	BoundaryEvent          Kind = "boundaryEvent"
)

// Gateways.
const (
	ExclusiveGateway  Kind = "exclusiveGateway"
	InclusiveGateway  Kind = "inclusiveGateway"
	ParallelGateway   Kind = "parallelGateway"
	ComplexGateway    Kind = "complexGateway"
	EventBasedGateway Kind = "eventBasedGateway"
)

// Data and artifacts.
const (
	DataObject          Kind = "dataObject"
	DataObjectReference Kind = "dataObjectReference"
	DataStoreReference  Kind = "dataStoreReference"
	DataInput           Kind = "dataInput"
	DataOutput          Kind = "dataOutput"
	TextAnnotation      Kind = "textAnnotation"
	Group               Kind = "group"
)

// Connecting objects.
const (
	SequenceFlow          Kind = "sequenceFlow"
	MessageFlow           Kind = "messageFlow"
	Association           Kind = "association"
	DataInputAssociation  Kind = "dataInputAssociation"
	DataOutputAssociation Kind = "dataOutputAssociation"
)

// Containers. (Suffixed: the plain names are the model's struct types.)
const (
	ParticipantKind   Kind = "participant"
	LaneKind          Kind = "lane"
	ProcessKind       Kind = "process"
	CollaborationKind Kind = "collaboration"
)

// Event definition kinds (the local name without "EventDefinition").
const (
	MessageDef      = "message"
	TimerDef        = "timer"
	ErrorDef        = "error"
	EscalationDef   = "escalation"
	SignalDef       = "signal"
	ConditionalDef  = "conditional"
	CompensationDef = "compensate"
	LinkDef         = "link"
	TerminateDef    = "terminate"
	CancelDef       = "cancel"
)

// IsActivity reports tasks, sub-processes and call activities.
func (k Kind) IsActivity() bool {
	return k.IsTask() || k.IsSubProcess() || k == CallActivity
}

// IsTask reports the atomic activities ("task" and its typed variants).
func (k Kind) IsTask() bool {
	switch k {
	case Task, UserTask, ManualTask, ServiceTask, ScriptTask, SendTask, ReceiveTask, BusinessRuleTask:
		return true
	}
	return false
}

// IsSubProcess reports the kinds that may contain other flow elements.
func (k Kind) IsSubProcess() bool {
	return k == SubProcess || k == Transaction || k == AdHocSubProcess
}

// IsEvent reports every event kind.
func (k Kind) IsEvent() bool { return strings.HasSuffix(string(k), "Event") }

// IsGateway reports every gateway kind.
func (k Kind) IsGateway() bool { return strings.HasSuffix(string(k), "Gateway") }

// IsFlowNode reports activities, events and gateways: what sequence flows join.
func (k Kind) IsFlowNode() bool { return k.IsActivity() || k.IsEvent() || k.IsGateway() }

// IsData reports data objects, references, stores, inputs and outputs.
func (k Kind) IsData() bool {
	switch k {
	case DataObject, DataObjectReference, DataStoreReference, DataInput, DataOutput:
		return true
	}
	return false
}

// IsArtifact reports text annotations and groups.
func (k Kind) IsArtifact() bool { return k == TextAnnotation || k == Group }

// IsFlow reports the connecting objects.
func (k Kind) IsFlow() bool {
	switch k {
	case SequenceFlow, MessageFlow, Association, DataInputAssociation, DataOutputAssociation:
		return true
	}
	return false
}

// DefaultSize is the size a new element of this kind gets, in BPMN-DI units
// (the sizes bpmn-js and most tools use).
func (k Kind) DefaultSize() (w, h float64) {
	switch {
	case k.IsEvent():
		return 36, 36
	case k.IsGateway():
		return 50, 50
	case k.IsSubProcess():
		return 350, 200
	case k.IsActivity():
		return 100, 80
	case k == DataObject, k == DataObjectReference, k == DataInput, k == DataOutput:
		return 36, 50
	case k == DataStoreReference:
		return 50, 50
	case k == TextAnnotation:
		return 100, 30
	case k == Group:
		return 300, 300
	case k == ParticipantKind:
		return 600, 250
	}
	return 100, 80
}
