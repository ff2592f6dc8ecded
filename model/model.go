package model

// Definitions is one BPMN file: its semantic content and its diagrams.
type Definitions struct {
	ID              string
	Name            string
	TargetNamespace string

	// Meta is Lanemap's process metadata for the file (owner, version, …),
	// kept in our own extension namespace so other tools preserve it.
	Meta Meta

	Collaborations []*Collaboration
	Processes      []*Process
	// Nodes holds every flow node, data element and artifact, at any depth,
	// in document order. Node.Container says where each one lives.
	Nodes []*Node
	// Flows holds every sequence flow, message flow, association and data
	// association, in document order.
	Flows []*Flow
	// Diagrams are the BPMNDiagram views; most files have exactly one.
	Diagrams []*Diagram

	idx *index
}

// Collaboration groups pools (participants) and the message flows between them.
type Collaboration struct {
	ID            string
	Name          string
	Documentation string
	Participants  []*Participant
}

// Participant is a pool. A participant with no ProcessRef is a black-box pool.
type Participant struct {
	ID            string
	Name          string
	Documentation string
	ProcessRef    string
	Links         []Link
}

// BlackBox reports a pool with no process behind it.
func (p *Participant) BlackBox() bool { return p.ProcessRef == "" }

// Process is a BPMN process with its lane tree.
type Process struct {
	ID            string
	Name          string
	Documentation string
	IsExecutable  bool
	// LaneSetID is the id of the top laneSet ("" when the process has none).
	LaneSetID string
	// Lanes is the top level of the lane tree.
	Lanes []*Lane
}

// Lane is a swimlane. NodeRefs lists the flow nodes that belong to it
// directly (flowNodeRef); a lane with Children normally holds its nodes
// through them.
type Lane struct {
	ID            string
	Name          string
	Documentation string
	// Role is the role catalogue entry this lane stands for ("" = use Name).
	Role     string
	NodeRefs []string
	// ChildLaneSetID is the id of the childLaneSet holding Children.
	ChildLaneSetID string
	Children       []*Lane
}

// Link is a reference to a routine or document: an URL or a file path.
type Link struct {
	Title string
	Href  string
}

// LoopKind is the loop characteristic of an activity.
type LoopKind int

// Loop characteristics.
const (
	NoLoop LoopKind = iota
	StandardLoop
	ParallelMultiInstance
	SequentialMultiInstance
)

// Node is a flow node (activity, event, gateway), a data element or an
// artifact (text annotation, group).
type Node struct {
	ID            string
	Kind          Kind
	Name          string
	Documentation string
	// Container is the id of the process, sub-process or collaboration whose
	// XML element holds this node.
	Container string
	Links     []Link

	// Events.
	EventDefs        []string // MessageDef, TimerDef, …; several = multiple
	ParallelMultiple bool
	AttachedTo       string // boundary events: the activity
	CancelActivity   bool   // boundary events: interrupting (default true)
	IsInterrupting   bool   // start events in event sub-processes (default true)

	// Activities.
	Loop              LoopKind
	IsForCompensation bool
	TriggeredByEvent  bool   // event sub-process
	CalledElement     string // call activities
	Default           string // id of the default outgoing sequence flow
	// CalledKind is what CalledElement names when it is in this file:
	// ProcessKind for a process, a task kind (Task, UserTask, …) for a
	// globalTask, globalUserTask, …; "" when unknown (another file).
	CalledKind Kind

	// Gateways.
	Instantiate      bool   // event-based gateway that starts the process
	EventGatewayType string // "Exclusive" (default) or "Parallel"

	// Data.
	IsCollection bool
	DataState    string
	ItemRef      string // dataObjectReference → dataObject, dataStoreReference → dataStore

	// Text annotations.
	Text string
	// Groups.
	CategoryValueRef string
	// CategoryValue is the value of the categoryValue CategoryValueRef
	// names: what a group shows as its label.
	CategoryValue string
}

// Flow is a connecting object: sequence flow, message flow, association or
// data association.
type Flow struct {
	ID            string
	Kind          Kind
	Name          string
	Documentation string
	Container     string
	Source        string
	Target        string
	// Condition is the text of a sequence flow's conditionExpression.
	Condition string
	// HasCondition says a conditionExpression is present, even an empty
	// one: the flow is conditional (drawn with the diamond) either way.
	HasCondition bool
	// Direction is an association's associationDirection ("None", "One", "Both").
	Direction string
}

// Diagram is one BPMNDiagram with its plane.
type Diagram struct {
	ID      string
	Name    string
	PlaneID string
	// Element is the plane's bpmnElement: a collaboration, process or sub-process.
	Element string
	Shapes  []*Shape
	Edges   []*Edge
}

// Shape is a BPMNShape: where an element is drawn.
type Shape struct {
	ID      string
	Element string
	Bounds  Rect
	// Optional DI flags; nil means the attribute is absent.
	IsHorizontal    *bool
	IsExpanded      *bool
	IsMarkerVisible *bool
	Label           *Rect
	Style           Colors
}

// Edge is a BPMNEdge: the route of a connecting object.
type Edge struct {
	ID        string
	Element   string
	Waypoints []Point
	Label     *Rect
	Style     Colors
	// MessageVisibleKind is a message flow's DI messageVisibleKind:
	// "initiating" or "non_initiating" shows the message as an envelope on
	// the flow; "" shows none.
	MessageVisibleKind string
}

// Colors are BPMN in Color's fill and stroke as "#rrggbb" ("" = default).
// They read from bioc:fill/bioc:stroke or color:background-color/border-color.
type Colors struct {
	Fill   string
	Stroke string
	// Label is the colour of the element's label (BPMNLabel's color:color).
	Label string
}

// Status of a process in its approval cycle.
const (
	StatusDraft    = "utkast"
	StatusReview   = "under granskning"
	StatusApproved = "fastställd"
)

// Meta is Lanemap's process metadata. Dates are "YYYY-MM-DD" ("" = unset).
type Meta struct {
	Owner          string
	Maintainer     string
	Version        string
	Status         string
	ApprovedDate   string
	ReviewDate     string
	Classification int // Klassa-style confidentiality 0–3; 2 and above is never published
	Publish        bool
	Links          []Link
	Tags           []string
}

// Publishable reports whether the metadata allows publishing at all.
// Drafts are a caller's choice; confidential maps never are.
func (m Meta) Publishable() bool { return m.Publish && m.Classification < 2 }

// Bool returns a pointer to b, for the optional DI flags.
func Bool(b bool) *bool { return &b }

// NameOf is the name an element shows (an annotation its text), "" for
// anything without one.
func NameOf(e any) string {
	switch v := e.(type) {
	case *Node:
		if v.Kind == TextAnnotation && v.Text != "" {
			return v.Text
		}
		return v.Name
	case *Flow:
		return v.Name
	case *Lane:
		return v.Name
	case *Participant:
		return v.Name
	case *Process:
		return v.Name
	}
	return ""
}
