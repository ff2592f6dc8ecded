package ui

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"lanemap/model"
)

// KindName is the translated BPMN name of an element kind, as the
// properties panel and the palette show it (Swedish: Användaruppgift,
// Exklusiv gateway, Sekvensflöde, …). Unknown kinds show their XML name.
func KindName(k model.Kind) string {
	switch k {
	case model.Task:
		return lang.X("kind.task", "Task")
	case model.UserTask:
		return lang.X("kind.userTask", "User task")
	case model.ManualTask:
		return lang.X("kind.manualTask", "Manual task")
	case model.ServiceTask:
		return lang.X("kind.serviceTask", "Service task")
	case model.ScriptTask:
		return lang.X("kind.scriptTask", "Script task")
	case model.SendTask:
		return lang.X("kind.sendTask", "Send task")
	case model.ReceiveTask:
		return lang.X("kind.receiveTask", "Receive task")
	case model.BusinessRuleTask:
		return lang.X("kind.businessRuleTask", "Business rule task")
	case model.SubProcess:
		return lang.X("kind.subProcess", "Sub-process")
	case model.Transaction:
		return lang.X("kind.transaction", "Transaction")
	case model.AdHocSubProcess:
		return lang.X("kind.adHocSubProcess", "Ad hoc sub-process")
	case model.CallActivity:
		return lang.X("kind.callActivity", "Call activity")
	case model.StartEvent:
		return lang.X("kind.startEvent", "Start event")
	case model.EndEvent:
		return lang.X("kind.endEvent", "End event")
	case model.IntermediateCatchEvent:
		return lang.X("kind.intermediateCatchEvent", "Intermediate catch event")
	case model.IntermediateThrowEvent:
		return lang.X("kind.intermediateThrowEvent", "Intermediate throw event")
	case model.BoundaryEvent:
		return lang.X("kind.boundaryEvent", "Boundary event")
	case model.ExclusiveGateway:
		return lang.X("kind.exclusiveGateway", "Exclusive gateway")
	case model.InclusiveGateway:
		return lang.X("kind.inclusiveGateway", "Inclusive gateway")
	case model.ParallelGateway:
		return lang.X("kind.parallelGateway", "Parallel gateway")
	case model.ComplexGateway:
		return lang.X("kind.complexGateway", "Complex gateway")
	case model.EventBasedGateway:
		return lang.X("kind.eventBasedGateway", "Event-based gateway")
	case model.DataObject, model.DataObjectReference:
		return lang.X("kind.dataObject", "Data object")
	case model.DataStoreReference:
		return lang.X("kind.dataStore", "Data store")
	case model.DataInput:
		return lang.X("kind.dataInput", "Data input")
	case model.DataOutput:
		return lang.X("kind.dataOutput", "Data output")
	case model.TextAnnotation:
		return lang.X("kind.textAnnotation", "Text annotation")
	case model.Group:
		return lang.X("kind.group", "Group")
	case model.SequenceFlow:
		return lang.X("kind.sequenceFlow", "Sequence flow")
	case model.MessageFlow:
		return lang.X("kind.messageFlow", "Message flow")
	case model.Association, model.DataInputAssociation, model.DataOutputAssociation:
		return lang.X("kind.association", "Association")
	case model.ParticipantKind:
		return lang.X("kind.pool", "Pool")
	case model.LaneKind:
		return lang.X("kind.lane", "Lane")
	case model.ProcessKind:
		return lang.X("kind.process", "Process")
	case model.CollaborationKind:
		return lang.X("kind.collaboration", "Collaboration")
	}
	return string(k)
}

// StepName is the translated name of an undo step. The edit package
// labels its commands in English ("Rename", "Add userTask", "Add Utreda");
// the palette's undo and redo buttons show them in the user's language.
// Unknown labels are shown as they are.
func StepName(label string) string {
	switch label {
	case "":
		return ""
	case "Add lane":
		return lang.X("step.addLane", "Add lane")
	case "Add pool":
		return lang.X("step.addPool", "Add pool")
	case "Change event type":
		return lang.X("step.eventType", "Change event type")
	case "Change type":
		return lang.X("step.type", "Change type")
	case "Align":
		return lang.X("step.align", "Align")
	case "Attach boundary event":
		return lang.X("step.attach", "Attach boundary event")
	case "Detach boundary event":
		return lang.X("step.detach", "Detach boundary event")
	case "Auto layout":
		return lang.X("step.autoLayout", "Create layout")
	case "Distribute":
		return lang.X("step.distribute", "Distribute")
	case "Colour":
		return lang.X("step.colour", "Colour")
	case "Connect":
		return lang.X("step.connect", "Connect")
	case "Delete lane":
		return lang.X("step.deleteLane", "Delete lane")
	case "Delete":
		return lang.X("step.delete", "Delete")
	case "Duplicate":
		return lang.X("step.duplicate", "Duplicate")
	case "Edit condition":
		return lang.X("step.condition", "Edit condition")
	case "Edit documentation":
		return lang.X("step.documentation", "Edit documentation")
	case "Edit links":
		return lang.X("step.links", "Edit links")
	case "Edit process data":
		return lang.X("step.meta", "Edit process data")
	case "Edit route":
		return lang.X("step.route", "Edit route")
	case "Fit lane":
		return lang.X("step.fitLane", "Fit lane")
	case "Move label":
		return lang.X("step.moveLabel", "Move label")
	case "Move lane":
		return lang.X("step.moveLane", "Move lane")
	case "Move":
		return lang.X("step.move", "Move")
	case "Paste":
		return lang.X("step.paste", "Paste")
	case "Reconnect":
		return lang.X("step.reconnect", "Reconnect")
	case "Rename":
		return lang.X("step.rename", "Rename")
	case "Resize lane":
		return lang.X("step.resizeLane", "Resize lane")
	case "Resize":
		return lang.X("step.resize", "Resize")
	case "Set default flow":
		return lang.X("step.defaultFlow", "Set default flow")
	case "Set role":
		return lang.X("step.role", "Set role")
	case "Split lane":
		return lang.X("step.splitLane", "Split lane")
	}
	if what, ok := strings.CutPrefix(label, "Add "); ok {
		if k := model.Kind(what); KindName(k) != what {
			what = KindName(k)
		}
		return lang.X("step.add", "Add “{{.What}}”", map[string]any{"What": what})
	}
	return label
}
