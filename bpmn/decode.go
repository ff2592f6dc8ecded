package bpmn

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/beevik/etree"

	"lanemap/model"
)

// Element names by role in the schema.
var (
	nodeKinds = map[string]bool{}
	// Known BPMN flow elements and artifacts the model does not carry; they
	// stay in the document untouched, without a warning.
	opaqueFlowElements = setOf("callChoreography", "choreographyTask", "subChoreography",
		"implicitThrowEvent", "laneSet", "ioSpecification", "ioBinding", "property", "auditing",
		"monitoring", "performer", "humanPerformer", "potentialOwner", "resourceRole",
		"correlationSubscription", "supports", "supportedInterfaceRef", "documentation",
		"extensionElements", "conversation", "subConversation", "callConversation",
		"conversationLink", "conversationAssociation", "participantAssociation",
		"messageFlowAssociation", "correlationKey", "choreographyRef", "completionCondition",
		"dataInputAssociation", "dataOutputAssociation", "standardLoopCharacteristics",
		"multiInstanceLoopCharacteristics", "incoming", "outgoing", "categoryValueRef")
	loopNames = setOf("standardLoopCharacteristics", "multiInstanceLoopCharacteristics")
)

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

func init() {
	for _, k := range []model.Kind{model.Task, model.UserTask, model.ManualTask, model.ServiceTask,
		model.ScriptTask, model.SendTask, model.ReceiveTask, model.BusinessRuleTask, model.SubProcess,
		model.Transaction, model.AdHocSubProcess, model.CallActivity, model.StartEvent, model.EndEvent,
		model.IntermediateCatchEvent, model.IntermediateThrowEvent, model.BoundaryEvent,
		model.ExclusiveGateway, model.InclusiveGateway, model.ParallelGateway, model.ComplexGateway,
		model.EventBasedGateway, model.DataObject, model.DataObjectReference, model.DataStoreReference,
		model.TextAnnotation, model.Group} {
		nodeKinds[string(k)] = true
	}
}

type decoder struct {
	s     *Source
	d     *model.Definitions
	warns []Warning
	// skip marks elements whose id duplicates an earlier one: they stay in
	// the document but not in the model.
	skip map[*etree.Element]bool
	refs []ref
	// order is every element's start in document order; ordinal maps
	// elements to it, built on the first warning (most files have none).
	order   []pos
	ordinal map[*etree.Element]int
	// laneRefsSeen is true per process when any lane lists a flowNodeRef.
	laneRefsSeen map[string]bool
}

// ref is a reference to check once everything is read.
type ref struct {
	e     *etree.Element
	what  string // e.g. "sourceRef"
	value string // already prefix-stripped
}

func (dc *decoder) warn(e *etree.Element, format string, args ...any) {
	w := Warning{Msg: fmt.Sprintf(format, args...)}
	if e != nil {
		if p, ok := dc.posOf(e); ok {
			w.Line, w.Col = int(p.line), int(p.col)
		}
	}
	dc.warns = append(dc.warns, w)
}

// posOf returns where e starts in the input.
func (dc *decoder) posOf(e *etree.Element) (pos, bool) {
	if dc.ordinal == nil {
		dc.ordinal = make(map[*etree.Element]int, len(dc.order))
		var walk func(x *etree.Element)
		walk = func(x *etree.Element) {
			dc.ordinal[x] = len(dc.ordinal)
			for _, c := range x.Child {
				if y, ok := c.(*etree.Element); ok {
					walk(y)
				}
			}
		}
		walk(dc.s.root)
	}
	i, ok := dc.ordinal[e]
	if !ok || i >= len(dc.order) {
		return pos{}, false
	}
	return dc.order[i], true
}

func (dc *decoder) bpmn(e *etree.Element) bool { return dc.s.nsURI(e) == Namespace }

func decodeDoc(p *parsed) (*model.Definitions, *Source, []Warning, error) {
	root := p.doc.Root()
	s := &Source{
		doc: p.doc, root: root, ns: p.ns, byID: map[string]*etree.Element{},
		diagrams: map[string]*diSource{}, enc: p.enc, encName: p.encName, bom: p.bom, crlf: p.crlf,
		spacedEmpty: p.spacedEmpty, endTag: p.endTag, layout: p.layout, refs: p.refs,
	}
	if root == nil || root.Tag != "definitions" || s.nsURI(root) != Namespace {
		var line, col int
		name := "nothing"
		if root != nil {
			at := p.order[0]
			line, col = int(at.line), int(at.col)
			name = fmt.Sprintf("<%s> in namespace %q", root.Tag, s.nsURI(root))
		}
		return nil, nil, nil, &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf("not a BPMN 2.0 file: the root element is %s, not <definitions> in %s", name, Namespace)}
	}
	dc := &decoder{s: s, order: p.order, d: &model.Definitions{}, skip: map[*etree.Element]bool{}, laneRefsSeen: map[string]bool{}}
	dc.warns = append(dc.warns, p.warns...)
	s.indent = detectIndent(root)
	if id := attrv(root, "id"); id != "" {
		s.byID[id] = root // some planes point at the definitions
	}
	dc.indexIDs(root, map[string]*etree.Element{})

	d := dc.d
	d.ID = attrv(root, "id")
	d.Name = attrv(root, "name")
	d.TargetNamespace = attrv(root, "targetNamespace")
	if _, ok := attr(root, "targetNamespace"); !ok {
		dc.warn(root, "definitions has no targetNamespace (required by the schema)")
	}
	var diagrams []*etree.Element
	for _, c := range childElems(root) {
		switch u := s.nsURI(c); {
		case u == Namespace && c.Tag == "collaboration":
			dc.collaboration(c)
		case u == Namespace && c.Tag == "process":
			dc.process(c)
		case u == BPMNDI && c.Tag == "BPMNDiagram":
			diagrams = append(diagrams, c)
		}
	}
	dc.meta()
	for i, g := range diagrams {
		dc.diagram(i, g)
	}
	dc.inferLanes()
	dc.outsideStores()
	dc.checkDI()
	dc.checkRefs()
	s.snap = cloneDefs(d)
	sort.SliceStable(dc.warns, func(i, j int) bool {
		a, b := dc.warns[i], dc.warns[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return d, s, dc.warns, nil
}

// detectIndent guesses one indentation step from the root's first child.
func detectIndent(root *etree.Element) string {
	rootInd, _ := indentBefore(root)
	rootInd = strings.TrimLeft(lastLine(rootInd), "\n")
	cs := childElems(root)
	if len(cs) == 0 {
		return "  "
	}
	ws, ok := indentBefore(cs[0])
	if !ok || !strings.Contains(ws, "\n") {
		return ""
	}
	ind := strings.TrimLeft(lastLine(ws), "\n")
	if strings.HasPrefix(ind, rootInd) && len(ind) > len(rootInd) {
		return ind[len(rootInd):]
	}
	return "  "
}

// indexIDs records every id in the BPMN and DI parts (not inside vendor
// extensions), warns about duplicates and notes the document's habits.
func (dc *decoder) indexIDs(e *etree.Element, di map[string]*etree.Element) {
	for _, c := range e.Child {
		x, ok := c.(*etree.Element)
		if !ok {
			continue
		}
		u := dc.s.nsURI(x)
		switch u {
		case Namespace:
			if x.Tag == "extensionElements" {
				continue
			}
			if id, ok := attr(x, "id"); ok {
				if first, dup := dc.s.byID[id]; dup {
					dc.warn(x, "duplicate id %q (first used at %s); the second <%s> is kept in the file but not shown", id, dc.where(first), x.Tag)
					dc.skip[x] = true
				} else if prev, dup := di[id]; dup {
					dc.warn(x, "duplicate id %q (first used at %s)", id, dc.where(prev))
				} else {
					dc.s.byID[id] = x
				}
			}
			if (x.Tag == "incoming" || x.Tag == "outgoing") && !dc.s.inOut {
				dc.s.inOut = true
			}
			dc.indexIDs(x, di)
		case BPMNDI, DC, DI:
			if x.Tag == "extension" && u == DI {
				continue
			}
			if id, ok := attr(x, "id"); ok {
				if first, dup := di[id]; dup {
					dc.warn(x, "duplicate id %q (first used at %s)", id, dc.where(first))
				} else if prev, dup := dc.s.byID[id]; dup {
					dc.warn(x, "duplicate id %q (first used at %s)", id, dc.where(prev))
				} else {
					di[id] = x
				}
			}
			if be, ok := attr(x, "bpmnElement"); ok && dc.s.qnamePrefix == "" {
				if i := strings.IndexByte(be, ':'); i > 0 {
					dc.s.qnamePrefix = be[:i]
				}
			}
			dc.indexIDs(x, di)
		}
	}
}

func (dc *decoder) where(e *etree.Element) string {
	if p, ok := dc.posOf(e); ok {
		return fmt.Sprintf("line %d", p.line)
	}
	return "another element"
}

// idOf returns e's id, warning when it has none (the element then stays
// in the file but not in the model).
func (dc *decoder) idOf(e *etree.Element) (string, bool) {
	if dc.skip[e] {
		return "", false
	}
	id, ok := attr(e, "id")
	if !ok || id == "" {
		dc.warn(e, "<%s> has no id; it is kept in the file but not shown", e.Tag)
		return "", false
	}
	return id, true
}

func (dc *decoder) ref(e *etree.Element, what, raw string) string {
	v := dc.s.localRef(raw)
	if v != "" {
		dc.refs = append(dc.refs, ref{e, what, v})
	}
	return v
}

// firstChild returns the first BPMN-namespace child with this local name.
func (dc *decoder) firstChild(e *etree.Element, local string) *etree.Element {
	for _, c := range e.Child {
		if x, ok := c.(*etree.Element); ok && x.Tag == local && dc.bpmn(x) {
			return x
		}
	}
	return nil
}

func (dc *decoder) documentation(e *etree.Element) string {
	if doc := dc.firstChild(e, "documentation"); doc != nil {
		return strings.TrimSpace(text(doc))
	}
	return ""
}

func parseBool(v string) bool {
	v = strings.TrimSpace(v)
	return v == "true" || v == "1"
}

func (dc *decoder) boolAttr(e *etree.Element, key string, dflt bool) bool {
	if v, ok := attr(e, key); ok {
		return parseBool(v)
	}
	return dflt
}

func (dc *decoder) collaboration(e *etree.Element) {
	id, ok := dc.idOf(e)
	if !ok {
		return
	}
	c := &model.Collaboration{ID: id, Name: attrv(e, "name"), Documentation: dc.documentation(e)}
	dc.d.Collaborations = append(dc.d.Collaborations, c)
	for _, x := range childElems(e) {
		if !dc.bpmn(x) || dc.skip[x] {
			continue
		}
		switch x.Tag {
		case "participant":
			pid, ok := dc.idOf(x)
			if !ok {
				continue
			}
			p := &model.Participant{ID: pid, Name: attrv(x, "name"), Documentation: dc.documentation(x),
				ProcessRef: dc.ref(x, "processRef", attrv(x, "processRef")), Links: dc.links(x)}
			c.Participants = append(c.Participants, p)
		case "messageFlow", "association":
			dc.flow(x, id)
		case "textAnnotation", "group":
			dc.node(x, id)
		default:
			if !opaqueFlowElements[x.Tag] {
				dc.warn(x, "unknown element <%s> in collaboration %q; kept as it is", x.Tag, id)
			}
		}
	}
}

func (dc *decoder) process(e *etree.Element) {
	id, ok := dc.idOf(e)
	if !ok {
		return
	}
	p := &model.Process{ID: id, Name: attrv(e, "name"), Documentation: dc.documentation(e),
		IsExecutable: dc.boolAttr(e, "isExecutable", false)}
	dc.d.Processes = append(dc.d.Processes, p)
	if ls := dc.firstChild(e, "laneSet"); ls != nil {
		p.LaneSetID = attrv(ls, "id")
		p.Lanes = dc.lanes(ls, id)
	}
	dc.container(e, id)
}

func (dc *decoder) lanes(ls *etree.Element, processID string) []*model.Lane {
	var out []*model.Lane
	for _, x := range childElems(ls) {
		if !dc.bpmn(x) || x.Tag != "lane" {
			continue
		}
		id, ok := dc.idOf(x)
		if !ok {
			continue
		}
		l := &model.Lane{ID: id, Name: attrv(x, "name"), Documentation: dc.documentation(x)}
		l.Role = dc.laneRole(x)
		for _, c := range childElems(x) {
			if !dc.bpmn(c) {
				continue
			}
			switch c.Tag {
			case "flowNodeRef":
				if v := dc.ref(c, "flowNodeRef", text(c)); v != "" {
					l.NodeRefs = append(l.NodeRefs, v)
					dc.laneRefsSeen[processID] = true
				}
			case "childLaneSet":
				l.ChildLaneSetID = attrv(c, "id")
				l.Children = append(l.Children, dc.lanes(c, processID)...)
			}
		}
		out = append(out, l)
	}
	return out
}

// container reads the flow elements and artifacts of a process or
// sub-process.
func (dc *decoder) container(e *etree.Element, id string) {
	for _, x := range childElems(e) {
		if !dc.bpmn(x) || dc.skip[x] {
			continue
		}
		switch {
		case nodeKinds[x.Tag]:
			dc.node(x, id)
		case x.Tag == "sequenceFlow" || x.Tag == "association":
			dc.flow(x, id)
		case x.Tag == "ioSpecification" && e.Tag == "process":
			dc.ioSpec(x, id) // a sub-process's is read with its node
		case opaqueFlowElements[x.Tag]:
		default:
			dc.warn(x, "unknown element <%s> in %q; kept as it is", x.Tag, id)
		}
	}
}

func (dc *decoder) ioSpec(e *etree.Element, owner string) {
	for _, x := range childElems(e) {
		if dc.bpmn(x) && !dc.skip[x] && (x.Tag == "dataInput" || x.Tag == "dataOutput") {
			dc.node(x, owner)
		}
	}
}

func (dc *decoder) node(e *etree.Element, container string) {
	id, ok := dc.idOf(e)
	if !ok {
		return
	}
	k := model.Kind(e.Tag)
	n := &model.Node{ID: id, Kind: k, Name: attrv(e, "name"), Documentation: dc.documentation(e),
		Container: container, Links: dc.links(e)}
	dc.d.Nodes = append(dc.d.Nodes, n)
	switch {
	case k.IsEvent():
		n.ParallelMultiple = dc.boolAttr(e, "parallelMultiple", false)
		if k == model.BoundaryEvent {
			n.AttachedTo = dc.ref(e, "attachedToRef", attrv(e, "attachedToRef"))
			n.CancelActivity = dc.boolAttr(e, "cancelActivity", true)
			if n.AttachedTo == "" {
				dc.warn(e, "boundary event %q has no attachedToRef", id)
			}
		}
		if k == model.StartEvent {
			n.IsInterrupting = dc.boolAttr(e, "isInterrupting", true)
		}
		n.EventDefs = dc.eventDefs(e)
	case k.IsActivity():
		n.IsForCompensation = dc.boolAttr(e, "isForCompensation", false)
		n.Default = dc.ref(e, "default", attrv(e, "default"))
		if k.IsSubProcess() {
			n.TriggeredByEvent = dc.boolAttr(e, "triggeredByEvent", false)
		}
		if k == model.CallActivity {
			n.CalledElement = dc.ref(e, "calledElement", attrv(e, "calledElement"))
			n.CalledKind = dc.calledKind(n.CalledElement)
		}
		for _, x := range childElems(e) {
			if !dc.bpmn(x) {
				continue
			}
			switch x.Tag {
			case "standardLoopCharacteristics":
				n.Loop = model.StandardLoop
			case "multiInstanceLoopCharacteristics":
				n.Loop = model.ParallelMultiInstance
				if dc.boolAttr(x, "isSequential", false) {
					n.Loop = model.SequentialMultiInstance
				}
			}
		}
	case k.IsGateway():
		n.Default = dc.ref(e, "default", attrv(e, "default"))
		if k == model.EventBasedGateway {
			n.Instantiate = dc.boolAttr(e, "instantiate", false)
			n.EventGatewayType = attrv(e, "eventGatewayType")
			if n.EventGatewayType == "" {
				n.EventGatewayType = "Exclusive"
			}
		}
	case k == model.DataObject || k == model.DataInput || k == model.DataOutput:
		n.IsCollection = dc.boolAttr(e, "isCollection", false)
	case k == model.DataObjectReference:
		n.ItemRef = dc.ref(e, "dataObjectRef", attrv(e, "dataObjectRef"))
	case k == model.DataStoreReference:
		n.ItemRef = dc.ref(e, "dataStoreRef", attrv(e, "dataStoreRef"))
	case k == model.TextAnnotation:
		if t := dc.firstChild(e, "text"); t != nil {
			n.Text = strings.TrimSpace(text(t))
		}
	case k == model.Group:
		n.CategoryValueRef = dc.ref(e, "categoryValueRef", attrv(e, "categoryValueRef"))
		if cv := dc.s.byID[n.CategoryValueRef]; cv != nil && dc.s.is(cv, Namespace, "categoryValue") {
			n.CategoryValue = attrv(cv, "value")
		}
	}
	if k.IsData() {
		if ds := dc.firstChild(e, "dataState"); ds != nil {
			n.DataState = attrv(ds, "name")
		}
	}
	if k.IsActivity() || k.IsEvent() {
		for _, x := range childElems(e) {
			if !dc.bpmn(x) || dc.skip[x] {
				continue
			}
			switch x.Tag {
			case "dataInputAssociation", "dataOutputAssociation":
				dc.flow(x, id)
			case "ioSpecification":
				dc.ioSpec(x, id)
			case "dataInput", "dataOutput": // events hold them directly
				dc.node(x, id)
			}
		}
	}
	if k.IsSubProcess() {
		dc.container(e, id)
	}
}

func (dc *decoder) eventDefs(e *etree.Element) []string {
	var defs []string
	for _, x := range childElems(e) {
		if !dc.bpmn(x) {
			continue
		}
		if kind, ok := strings.CutSuffix(x.Tag, "EventDefinition"); ok && kind != "" {
			defs = append(defs, kind)
		} else if x.Tag == "eventDefinitionRef" {
			v := dc.ref(x, "eventDefinitionRef", text(x))
			if target := dc.s.byID[v]; target != nil {
				if kind, ok := strings.CutSuffix(target.Tag, "EventDefinition"); ok && kind != "" {
					defs = append(defs, kind)
				}
			}
		}
	}
	return defs
}

func (dc *decoder) flow(e *etree.Element, container string) {
	id, ok := dc.idOf(e)
	if !ok {
		return
	}
	f := &model.Flow{ID: id, Kind: model.Kind(e.Tag), Name: attrv(e, "name"),
		Documentation: dc.documentation(e), Container: container}
	switch f.Kind {
	case model.SequenceFlow, model.MessageFlow, model.Association:
		f.Source = dc.ref(e, "sourceRef", attrv(e, "sourceRef"))
		f.Target = dc.ref(e, "targetRef", attrv(e, "targetRef"))
		if f.Kind == model.SequenceFlow {
			if c := dc.firstChild(e, "conditionExpression"); c != nil {
				f.Condition = strings.TrimSpace(text(c))
				f.HasCondition = true
			}
		}
		if f.Kind == model.Association {
			f.Direction = attrv(e, "associationDirection")
		}
	case model.DataInputAssociation:
		if x := dc.firstChild(e, "sourceRef"); x != nil {
			f.Source = dc.ref(x, "sourceRef", text(x))
		}
		f.Target = container
	case model.DataOutputAssociation:
		f.Source = container
		if x := dc.firstChild(e, "targetRef"); x != nil {
			f.Target = dc.ref(x, "targetRef", text(x))
		}
	}
	if f.Source == "" || f.Target == "" {
		dc.warn(e, "<%s> %q lacks a source or target", e.Tag, id)
	}
	dc.d.Flows = append(dc.d.Flows, f)
}

func (dc *decoder) diagram(i int, g *etree.Element) {
	s := dc.s
	md := &model.Diagram{ID: attrv(g, "id"), Name: attrv(g, "name")}
	src := &diSource{diagram: g, shapes: map[string]*etree.Element{}, edges: map[string]*etree.Element{}}
	for _, c := range childElems(g) {
		if c.Tag == "BPMNPlane" && s.nsURI(c) == BPMNDI {
			src.plane = c
			break
		}
	}
	key := diagramKey(i, md)
	if _, dup := s.diagrams[key]; dup || src.plane == nil {
		if src.plane == nil {
			dc.warn(g, "BPMNDiagram %q has no BPMNPlane; kept but not shown", md.ID)
		}
		return
	}
	s.diagrams[key] = src
	md.PlaneID = attrv(src.plane, "id")
	md.Element = dc.ref(src.plane, "bpmnElement", attrv(src.plane, "bpmnElement"))
	for _, x := range childElems(src.plane) {
		if s.nsURI(x) != BPMNDI {
			continue
		}
		switch x.Tag {
		case "BPMNShape":
			sh := &model.Shape{ID: attrv(x, "id"), Element: dc.ref(x, "bpmnElement", attrv(x, "bpmnElement"))}
			if b := dc.diChild(x, DC, "Bounds"); b != nil {
				sh.Bounds = dc.rect(b)
			} else {
				dc.warn(x, "BPMNShape %q has no Bounds", sh.ID)
			}
			if t := s.byID[sh.Element]; t != nil && (t.Tag == "participant" || t.Tag == "lane") {
				if v, ok := attr(x, "isHorizontal"); ok {
					sh.IsHorizontal = model.Bool(parseBool(v))
				}
			}
			if v, ok := attr(x, "isExpanded"); ok {
				sh.IsExpanded = model.Bool(parseBool(v))
			}
			if v, ok := attr(x, "isMarkerVisible"); ok {
				sh.IsMarkerVisible = model.Bool(parseBool(v))
			}
			sh.Label = dc.label(x)
			sh.Style = s.colors(x)
			k := shapeKey(sh)
			if _, dup := src.shapes[k]; dup {
				dc.warn(x, "second BPMNShape for %q in one diagram; kept but not shown", sh.Element)
				continue
			}
			src.shapes[k] = x
			md.Shapes = append(md.Shapes, sh)
		case "BPMNEdge":
			ed := &model.Edge{ID: attrv(x, "id"), Element: dc.ref(x, "bpmnElement", attrv(x, "bpmnElement"))}
			for _, w := range childElems(x) {
				if w.Tag == "waypoint" && s.nsURI(w) == DI {
					ed.Waypoints = append(ed.Waypoints, model.Point{X: dc.num(w, "x"), Y: dc.num(w, "y")})
				}
			}
			if len(ed.Waypoints) < 2 {
				dc.warn(x, "BPMNEdge %q has %d waypoint(s); at least 2 are needed to draw it", ed.ID, len(ed.Waypoints))
			}
			ed.Label = dc.label(x)
			ed.Style = s.colors(x)
			ed.MessageVisibleKind = attrv(x, "messageVisibleKind")
			k := edgeKey(ed)
			if _, dup := src.edges[k]; dup {
				dc.warn(x, "second BPMNEdge for %q in one diagram; kept but not shown", ed.Element)
				continue
			}
			src.edges[k] = x
			md.Edges = append(md.Edges, ed)
		}
	}
	dc.d.Diagrams = append(dc.d.Diagrams, md)
}

// diagramKey names a diagram for matching model against snapshot: its id,
// or its position when it has none.
func diagramKey(i int, g *model.Diagram) string {
	if g.ID != "" {
		return g.ID
	}
	return "#" + strconv.Itoa(i)
}

func shapeKey(s *model.Shape) string {
	if s.ID != "" {
		return s.ID
	}
	return "@" + s.Element
}

func edgeKey(e *model.Edge) string {
	if e.ID != "" {
		return e.ID
	}
	return "@" + e.Element
}

func (dc *decoder) diChild(e *etree.Element, uri, local string) *etree.Element {
	for _, c := range e.Child {
		if x, ok := c.(*etree.Element); ok && x.Tag == local && dc.s.nsURI(x) == uri {
			return x
		}
	}
	return nil
}

func (dc *decoder) label(e *etree.Element) *model.Rect {
	l := dc.diChild(e, BPMNDI, "BPMNLabel")
	if l == nil {
		return nil
	}
	b := dc.diChild(l, DC, "Bounds")
	if b == nil {
		return nil
	}
	r := dc.rect(b)
	return &r
}

func (dc *decoder) rect(b *etree.Element) model.Rect {
	return model.Rect{X: dc.num(b, "x"), Y: dc.num(b, "y"), W: dc.num(b, "width"), H: dc.num(b, "height")}
}

func (dc *decoder) num(e *etree.Element, key string) float64 {
	v, ok := attr(e, key)
	if !ok {
		dc.warn(e, "<%s> lacks %s", e.Tag, key)
		return 0
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil {
		dc.warn(e, "<%s> %s=%q is not a number", e.Tag, key, v)
		return 0
	}
	return f
}

// colors reads bpmn.io's bioc:fill/stroke, else the OMG color extension.
func (s *Source) colors(e *etree.Element) model.Colors {
	var c model.Colors
	if i, ok := s.nsAttr(e, BioColor, "fill"); ok {
		c.Fill = e.Attr[i].Value
	} else if i, ok := s.nsAttr(e, Color, "background-color"); ok {
		c.Fill = e.Attr[i].Value
	}
	if i, ok := s.nsAttr(e, BioColor, "stroke"); ok {
		c.Stroke = e.Attr[i].Value
	} else if i, ok := s.nsAttr(e, Color, "border-color"); ok {
		c.Stroke = e.Attr[i].Value
	}
	if l := s.diLabel(e); l != nil {
		if i, ok := s.nsAttr(l, Color, "color"); ok {
			c.Label = l.Attr[i].Value
		}
	}
	return c
}

// diLabel returns the BPMNLabel child of a shape or edge, or nil.
func (s *Source) diLabel(e *etree.Element) *etree.Element {
	for _, c := range e.Child {
		if x, ok := c.(*etree.Element); ok && x.Tag == "BPMNLabel" && s.nsURI(x) == BPMNDI {
			return x
		}
	}
	return nil
}

// calledKind says what a call activity calls when it is in this file: a
// process, or the task kind of a global task ("globalUserTask" → userTask).
func (dc *decoder) calledKind(id string) model.Kind {
	t := dc.s.byID[id]
	if t == nil || !dc.bpmn(t) {
		return ""
	}
	if t.Tag == "process" {
		return model.ProcessKind
	}
	if k, ok := strings.CutPrefix(t.Tag, "global"); ok && strings.HasSuffix(k, "Task") {
		return model.Kind(strings.ToLower(k[:1]) + k[1:])
	}
	return ""
}

// inferLanes fills lane membership from geometry for processes whose lanes
// list no flowNodeRef at all: a node belongs to the innermost lane whose
// bounds hold its centre.
func (dc *decoder) inferLanes() {
	d := dc.d
	var shapes []map[string]*model.Shape // per diagram, built when first needed
	for _, p := range d.Processes {
		if len(p.Lanes) == 0 || dc.laneRefsSeen[p.ID] {
			continue
		}
		type laneBox struct {
			l     *model.Lane
			r     model.Rect
			depth int
		}
		var boxes []laneBox
		var walk func(ls []*model.Lane, depth int)
		walk = func(ls []*model.Lane, depth int) {
			for _, l := range ls {
				for _, g := range d.Diagrams {
					if sh := g.Shape(l.ID); sh != nil {
						boxes = append(boxes, laneBox{l, sh.Bounds, depth})
						break
					}
				}
				walk(l.Children, depth+1)
			}
		}
		walk(p.Lanes, 0)
		if len(boxes) == 0 {
			continue
		}
		sort.SliceStable(boxes, func(i, j int) bool { return boxes[i].depth > boxes[j].depth })
		if shapes == nil {
			for _, g := range d.Diagrams {
				shapes = append(shapes, g.ShapeIndex())
			}
		}
		count := 0
		for _, n := range d.Nodes {
			if n.Container != p.ID || !n.Kind.IsFlowNode() {
				continue
			}
			var c *model.Point
			for _, idx := range shapes {
				if sh := idx[n.ID]; sh != nil {
					pt := sh.Bounds.Center()
					c = &pt
					break
				}
			}
			if c == nil {
				continue
			}
			for _, b := range boxes {
				if b.r.Contains(*c) {
					b.l.NodeRefs = append(b.l.NodeRefs, n.ID)
					count++
					break
				}
			}
		}
		if dc.s.inferred == nil {
			dc.s.inferred = map[string]bool{}
		}
		dc.s.inferred[p.ID] = true
		if dc.s.inferredRefs == nil {
			dc.s.inferredRefs = map[string]map[string][]string{}
		}
		refs := map[string][]string{}
		var all func(ls []*model.Lane)
		all = func(ls []*model.Lane) {
			for _, l := range ls {
				refs[l.ID] = slices.Clone(l.NodeRefs)
				all(l.Children)
			}
		}
		all(p.Lanes) // lanes without a shape too
		dc.s.inferredRefs[p.ID] = refs
		dc.warn(dc.s.byID[p.ID], "lanes of process %q list no flowNodeRef; membership of %d node(s) inferred from the layout", p.ID, count)
	}
	d.Touch()
}

// outsideStores gives data store references drawn outside every pool of a
// collaboration diagram that collaboration as container: the schema makes
// them live in some process, but they serve all of them.
func (dc *decoder) outsideStores() {
	d := dc.d
	for _, g := range d.Diagrams {
		var collab *model.Collaboration
		for _, c := range d.Collaborations {
			if c.ID == g.Element {
				collab = c
			}
		}
		if collab == nil || len(collab.Participants) == 0 {
			continue
		}
		var pools []model.Rect
		for _, p := range collab.Participants {
			if sh := g.Shape(p.ID); sh != nil {
				pools = append(pools, sh.Bounds)
			}
		}
		for _, sh := range g.Shapes {
			n := d.Node(sh.Element)
			if n == nil || n.Kind != model.DataStoreReference || d.Process(n.Container) == nil || d.PoolOf(n.Container) == nil {
				continue
			}
			inside := false
			for _, r := range pools {
				inside = inside || r.Contains(sh.Bounds.Center())
			}
			if !inside && len(pools) > 0 {
				n.Container = collab.ID
			}
		}
	}
	d.Touch()
}

func (dc *decoder) checkDI() {
	d := dc.d
	if len(d.Diagrams) == 0 {
		dc.warn(nil, "the file has no diagram (BPMNDI): there is no layout to show")
		return
	}
	has := map[string]bool{}
	for _, g := range d.Diagrams {
		for _, sh := range g.Shapes {
			has[sh.Element] = true
		}
	}
	for _, n := range d.Nodes {
		if n.Kind.IsFlowNode() && !has[n.ID] {
			dc.warn(dc.s.byID[n.ID], "%s %q has no shape in any diagram", n.Kind, n.ID)
		}
	}
}

func (dc *decoder) checkRefs() {
	for _, r := range dc.refs {
		if _, ok := dc.s.byID[r.value]; !ok {
			dc.warn(r.e, "%s %q on <%s> refers to nothing in this file", r.what, r.value, r.e.Tag)
		}
	}
}
