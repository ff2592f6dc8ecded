package bpmn

import (
	"strings"

	"github.com/beevik/etree"
)

// Schema sequence positions, so that new children land where the OMG XSD
// wants them. A rank table is picked by the parent's local name; children
// the table does not know (vendor elements, odd files) rank -1 and are
// ignored when looking for the place to insert.

var flowElementNames = setOf("sequenceFlow", "dataObject", "dataObjectReference",
	"dataStoreReference", "callChoreography", "choreographyTask", "subChoreography",
	"implicitThrowEvent")

var artifactNames = setOf("textAnnotation", "group", "association")

var resourceRoleNames = setOf("resourceRole", "performer", "humanPerformer", "potentialOwner")

func isFlowElement(local string) bool {
	return nodeKinds[local] && !artifactNames[local] || flowElementNames[local]
}

// baseRank covers documentation and extensionElements, first everywhere.
func baseRank(local string) int {
	switch local {
	case "documentation":
		return 0
	case "extensionElements":
		return 1
	}
	return -1
}

// flowNodeRank covers the children every flow node shares.
func flowNodeRank(local string) int {
	switch local {
	case "auditing":
		return 2
	case "monitoring":
		return 3
	case "categoryValueRef":
		return 4
	case "incoming":
		return 5
	case "outgoing":
		return 6
	}
	return baseRank(local)
}

func bpmnRank(parent, local string) int {
	switch {
	case parent == "definitions":
		switch local {
		case "import":
			return 0
		case "extension":
			return 1
		case "collaboration":
			return 2
		case "relationship":
			return 5
		}
		return 3
	case parent == "process":
		switch {
		case local == "supportedInterfaceRef":
			return 2
		case local == "ioSpecification":
			return 3
		case local == "ioBinding":
			return 4
		case local == "auditing":
			return 5
		case local == "monitoring":
			return 6
		case local == "property":
			return 7
		case local == "laneSet":
			return 8
		case isFlowElement(local):
			return 9
		case artifactNames[local]:
			return 10
		case resourceRoleNames[local]:
			return 11
		case local == "correlationSubscription":
			return 12
		case local == "supports":
			return 13
		}
		return baseRank(local)
	case parent == "collaboration":
		switch {
		case local == "participant":
			return 2
		case local == "messageFlow":
			return 3
		case artifactNames[local]:
			return 4
		case local == "conversation", local == "subConversation", local == "callConversation":
			return 5
		case local == "conversationAssociation":
			return 6
		case local == "participantAssociation":
			return 7
		case local == "messageFlowAssociation":
			return 8
		case local == "correlationKey":
			return 9
		case local == "choreographyRef":
			return 10
		case local == "conversationLink":
			return 11
		}
		return baseRank(local)
	case nodeKinds[parent] && strings.HasSuffix(parent, "Event"):
		switch {
		case local == "property":
			return 7
		case local == "dataInput", local == "dataOutput":
			return 8
		case local == "dataInputAssociation", local == "dataOutputAssociation":
			return 9
		case local == "inputSet", local == "outputSet":
			return 10
		case strings.HasSuffix(local, "EventDefinition"):
			return 11
		case local == "eventDefinitionRef":
			return 12
		}
		return flowNodeRank(local)
	case nodeKinds[parent] && strings.HasSuffix(parent, "Gateway"):
		if local == "activationCondition" {
			return 7
		}
		return flowNodeRank(local)
	case nodeKinds[parent] && (strings.HasSuffix(parent, "Task") || parent == "task" ||
		parent == "callActivity" || parent == "subProcess" || parent == "transaction" || parent == "adHocSubProcess"):
		switch {
		case local == "ioSpecification":
			return 7
		case local == "property":
			return 8
		case local == "dataInputAssociation":
			return 9
		case local == "dataOutputAssociation":
			return 10
		case resourceRoleNames[local]:
			return 11
		case loopNames[local]:
			return 12
		case local == "laneSet":
			return 13
		case isFlowElement(local):
			return 14
		case artifactNames[local]:
			return 15
		case local == "completionCondition", local == "script", local == "rendering":
			return 16
		}
		return flowNodeRank(local)
	case parent == "sequenceFlow":
		if local == "conditionExpression" {
			return 5
		}
		return flowNodeRank(local)
	case parent == "lane":
		switch local {
		case "partitionElement":
			return 2
		case "flowNodeRef":
			return 3
		case "childLaneSet":
			return 4
		}
	case parent == "laneSet" || parent == "childLaneSet":
		if local == "lane" {
			return 2
		}
	case parent == "participant":
		switch local {
		case "interfaceRef":
			return 2
		case "participantMultiplicity":
			return 3
		case "endPointRef":
			return 4
		}
	case parent == "category":
		if local == "categoryValue" {
			return 2
		}
	case parent == "textAnnotation":
		if local == "text" {
			return 2
		}
	case parent == "dataObject" || parent == "dataObjectReference" || parent == "dataStoreReference" ||
		parent == "dataInput" || parent == "dataOutput":
		if local == "dataState" {
			return 2
		}
	case parent == "dataInputAssociation" || parent == "dataOutputAssociation":
		switch local {
		case "sourceRef":
			return 2
		case "targetRef":
			return 3
		case "transformation":
			return 4
		case "assignment":
			return 5
		}
	case parent == "ioSpecification":
		switch local {
		case "dataInput":
			return 2
		case "dataOutput":
			return 3
		case "inputSet":
			return 4
		case "outputSet":
			return 5
		}
	case parent == "extensionElements":
		return 0
	}
	return baseRank(local)
}

func diRank(parent, childURI, local string) int {
	switch parent {
	case "BPMNDiagram":
		switch local {
		case "BPMNPlane":
			return 0
		case "BPMNLabelStyle":
			return 1
		}
	case "BPMNPlane":
		if childURI == DI && local == "extension" {
			return 0
		}
		// Not a schema rule (shapes and edges may mix): new shapes go
		// after the last shape, new edges at the end.
		if local == "BPMNShape" {
			return 1
		}
		if local == "BPMNEdge" {
			return 2
		}
	case "BPMNShape", "BPMNEdge", "BPMNLabel":
		switch {
		case childURI == DI && local == "extension":
			return 0
		case local == "Bounds", local == "waypoint":
			return 1
		case local == "BPMNLabel":
			return 2
		}
	}
	return -1
}

// rank gives the schema position of child {uri}local inside parent.
func (s *Source) rank(parent *etree.Element, uri, local string) int {
	pu := s.nsURI(parent)
	switch {
	case pu == Namespace && uri == Namespace:
		return bpmnRank(parent.Tag, local)
	case pu == Namespace && parent.Tag == "definitions" && uri == BPMNDI:
		if local == "BPMNDiagram" {
			return 4
		}
	case pu == Namespace && parent.Tag == "extensionElements":
		return 0
	case pu == BPMNDI:
		return diRank(parent.Tag, uri, local)
	case pu == LanemapNS:
		return 0
	}
	return -1
}
