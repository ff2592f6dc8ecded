package bpmn

import (
	"slices"
	"strings"

	"github.com/beevik/etree"

	"lanemap/model"
)

// Nodes and flows: create, retag, move, attributes, children.

// defaultNode is what decoding an element with nothing but an id gives.
func defaultNode(k model.Kind) *model.Node {
	n := &model.Node{Kind: k}
	if k == model.BoundaryEvent {
		n.CancelActivity = true
	}
	if k == model.StartEvent {
		n.IsInterrupting = true
	}
	if k == model.EventBasedGateway {
		n.EventGatewayType = "Exclusive"
	}
	return n
}

// holder returns the element a node of kind k with this container goes in.
func (en *encoder) holder(k model.Kind, container string) *etree.Element {
	if k == model.DataStoreReference {
		// A data store outside every pool is drawn in the collaboration
		// but, as the schema wants, lives in the first pool's process
		// (bpmn.io does the same); Decode reads it back by its position.
		if p := en.poolProcess(container); p != "" {
			container = p
		}
	}
	c := en.s.byID[container]
	if c == nil {
		return nil
	}
	if k == model.DataInput || k == model.DataOutput {
		if strings.HasSuffix(c.Tag, "Event") {
			return c
		}
		io := en.child(c, "ioSpecification")
		if io == nil {
			io = en.newChild(c, Namespace, "ioSpecification")
			en.newChild(io, Namespace, "inputSet")
			en.newChild(io, Namespace, "outputSet")
		}
		return io
	}
	return c
}

// poolProcess returns the process of the first pool in collaboration id
// that has one (present in the model), or "" (also when id is no
// collaboration).
func (en *encoder) poolProcess(id string) string {
	for _, c := range en.d.Collaborations {
		if c.ID != id {
			continue
		}
		for _, p := range c.Participants {
			if p.ProcessRef != "" && en.d.Process(p.ProcessRef) != nil {
				return p.ProcessRef
			}
		}
	}
	return ""
}

func (en *encoder) nodes() {
	pending := slices.Clone(en.d.Nodes)
	for len(pending) > 0 {
		var later []*model.Node
		for _, n := range pending {
			o := en.oldNodes[n.ID]
			e := en.s.byID[n.ID]
			if r := en.s.keptAs(e, n.ID, isNode); r != nil {
				// An undo: the kept element comes back in its old place
				// (or, if that is gone, in the node's holder).
				var h *etree.Element
				if !en.s.attached(r.parent) {
					if h = en.holder(n.Kind, n.Container); h == nil {
						later = append(later, n)
						continue
					}
				}
				if r := en.reviveID(e, n.ID, h, isNode); r != nil {
					c := *r.old.(*model.Node)
					e, o = r.elem, &c
				}
			}
			if o == nil || e == nil {
				h := en.holder(n.Kind, n.Container)
				if h == nil {
					later = append(later, n)
					continue
				}
				e = en.create(h, string(n.Kind), n.ID)
				o = defaultNode(n.Kind)
				o.Container = n.Container
			}
			en.node(e, o, n)
		}
		if len(later) == len(pending) {
			break // containers that never appear: check() rules this out
		}
		pending = later
	}
	for _, n := range en.old.Nodes {
		en.drop(n.ID, n)
	}
}

// kindOnly lists attributes and children that belong to some kinds only,
// removed when a node changes to a kind that does not allow them.
var kindOnly = []struct {
	attrs, children []string
	keep            func(model.Kind) bool
}{
	{[]string{"parallelMultiple"}, []string{"eventDefinitionRef"}, model.Kind.IsEvent},
	{[]string{"attachedToRef", "cancelActivity"}, nil, func(k model.Kind) bool { return k == model.BoundaryEvent }},
	{[]string{"isInterrupting"}, nil, func(k model.Kind) bool { return k == model.StartEvent }},
	{[]string{"isForCompensation", "startQuantity", "completionQuantity"},
		[]string{"standardLoopCharacteristics", "multiInstanceLoopCharacteristics", "ioSpecification", "property", "performer", "humanPerformer", "potentialOwner", "resourceRole"},
		model.Kind.IsActivity},
	{[]string{"default"}, nil, func(k model.Kind) bool { return k.IsActivity() || k.IsGateway() }},
	{[]string{"gatewayDirection"}, nil, model.Kind.IsGateway},
	{[]string{"instantiate", "eventGatewayType"}, nil, func(k model.Kind) bool { return k == model.EventBasedGateway || k == model.ReceiveTask }},
	{[]string{"calledElement"}, nil, func(k model.Kind) bool { return k == model.CallActivity }},
	{[]string{"triggeredByEvent"}, nil, model.Kind.IsSubProcess},
	{[]string{"scriptFormat"}, []string{"script"}, func(k model.Kind) bool { return k == model.ScriptTask }},
	{nil, []string{"rendering"}, func(k model.Kind) bool { return k == model.UserTask }},
	{[]string{"messageRef"}, nil, func(k model.Kind) bool { return k == model.SendTask || k == model.ReceiveTask }},
	{[]string{"operationRef"}, nil, func(k model.Kind) bool {
		return k == model.SendTask || k == model.ReceiveTask || k == model.ServiceTask
	}},
	{[]string{"implementation"}, nil, func(k model.Kind) bool {
		return k == model.SendTask || k == model.ReceiveTask || k == model.ServiceTask || k == model.UserTask || k == model.BusinessRuleTask
	}},
	{nil, []string{"completionCondition"}, func(k model.Kind) bool { return k == model.AdHocSubProcess }},
	{[]string{"ordering", "cancelRemainingInstances"}, nil, func(k model.Kind) bool { return k == model.AdHocSubProcess }},
	{[]string{"method"}, nil, func(k model.Kind) bool { return k == model.Transaction }},
}

// retag changes an element's kind, keeping its children and attributes
// except those the new kind does not allow.
func (en *encoder) retag(e *etree.Element, from, to model.Kind) {
	e.Tag = string(to)
	for _, ko := range kindOnly {
		if ko.keep(to) || !ko.keep(from) {
			continue
		}
		for _, a := range ko.attrs {
			removeAttr(e, a)
		}
		for _, c := range ko.children {
			for x := en.child(e, c); x != nil; x = en.child(e, c) {
				detach(x)
			}
		}
	}
	if from.IsEvent() && !to.IsEvent() {
		for _, x := range childElems(e) {
			if strings.HasSuffix(x.Tag, "EventDefinition") && en.s.nsURI(x) == Namespace {
				detach(x)
			}
		}
	}
}

func (en *encoder) node(e *etree.Element, o, n *model.Node) {
	if o.Kind != n.Kind {
		oc := *o
		o = &oc
		en.retag(e, o.Kind, n.Kind)
		// Kind-specific fields of the old kind no longer apply; compare
		// against the defaults of the new kind where they were dropped.
		d := defaultNode(n.Kind)
		if !n.Kind.IsEvent() || !o.Kind.IsEvent() {
			o.EventDefs, o.ParallelMultiple = nil, false
		}
		if n.Kind != model.BoundaryEvent || o.Kind != model.BoundaryEvent {
			o.AttachedTo, o.CancelActivity = "", d.CancelActivity
		}
		if n.Kind != model.StartEvent || o.Kind != model.StartEvent {
			o.IsInterrupting = d.IsInterrupting
		}
		if !n.Kind.IsActivity() || !o.Kind.IsActivity() {
			o.Loop, o.IsForCompensation = model.NoLoop, false
		}
		if n.Kind != model.EventBasedGateway || o.Kind != model.EventBasedGateway {
			o.Instantiate, o.EventGatewayType = false, d.EventGatewayType
		}
		if n.Kind != model.CallActivity {
			o.CalledElement = ""
		}
		if !n.Kind.IsSubProcess() {
			o.TriggeredByEvent = false
		}
		if !(n.Kind.IsActivity() || n.Kind.IsGateway()) {
			o.Default = ""
		}
	}
	if o.Container != n.Container {
		if h := en.holder(n.Kind, n.Container); h != nil && e.Parent() != h {
			en.s.move(e, h)
		}
	}
	en.str(e, "name", o.Name, n.Name)
	en.documentation(e, o.Documentation, n.Documentation)
	if !linksEqual(o.Links, n.Links) {
		en.writeLinks(e, n.Links, "")
	}
	k := n.Kind
	switch {
	case k.IsEvent():
		en.eventDefs(e, n, o.EventDefs, n.EventDefs)
		en.boolean(e, "parallelMultiple", o.ParallelMultiple, n.ParallelMultiple, false)
		if k == model.BoundaryEvent {
			at := n.AttachedTo
			if en.gone(at) {
				at = ""
			}
			en.qname(e, "attachedToRef", o.AttachedTo, at)
			en.boolean(e, "cancelActivity", o.CancelActivity, n.CancelActivity, true)
		}
		if k == model.StartEvent {
			// Only meaningful in event sub-processes; models built in code
			// often leave it false elsewhere, which must not be written.
			_, has := attr(e, "isInterrupting")
			if c := en.d.Node(n.Container); has || (c != nil && c.TriggeredByEvent) {
				en.boolean(e, "isInterrupting", o.IsInterrupting, n.IsInterrupting, true)
			}
		}
	case k.IsActivity():
		en.boolean(e, "isForCompensation", o.IsForCompensation, n.IsForCompensation, false)
		if k.IsSubProcess() {
			en.boolean(e, "triggeredByEvent", o.TriggeredByEvent, n.TriggeredByEvent, false)
		}
		if k == model.CallActivity {
			en.qname(e, "calledElement", o.CalledElement, n.CalledElement)
		}
		en.defaultRef(e, o.Default, n.Default)
		en.loop(e, o.Loop, n.Loop)
	case k.IsGateway():
		en.defaultRef(e, o.Default, n.Default)
		if k == model.EventBasedGateway {
			en.boolean(e, "instantiate", o.Instantiate, n.Instantiate, false)
			if o.EventGatewayType != n.EventGatewayType {
				if n.EventGatewayType == "" || n.EventGatewayType == "Exclusive" {
					removeAttr(e, "eventGatewayType")
				} else {
					setAttr(e, "eventGatewayType", n.EventGatewayType)
				}
			}
		}
	case k == model.DataObject || k == model.DataInput || k == model.DataOutput:
		en.boolean(e, "isCollection", o.IsCollection, n.IsCollection, false)
	case k == model.DataObjectReference:
		en.str(e, "dataObjectRef", o.ItemRef, n.ItemRef)
	case k == model.DataStoreReference:
		en.qname(e, "dataStoreRef", o.ItemRef, n.ItemRef)
	case k == model.TextAnnotation:
		en.textChild(e, "text", o.Text, n.Text)
	case k == model.Group:
		en.qname(e, "categoryValueRef", o.CategoryValueRef, n.CategoryValueRef)
		if o.CategoryValue != n.CategoryValue {
			en.categoryValue(e, n)
		}
	}
	if k.IsData() && o.DataState != n.DataState {
		ds := en.child(e, "dataState")
		switch {
		case n.DataState == "" && ds != nil:
			detach(ds)
		case n.DataState == "":
		case ds == nil:
			en.newChild(e, Namespace, "dataState").CreateAttr("name", n.DataState)
		default:
			setAttr(ds, "name", n.DataState)
		}
	}
}

func (en *encoder) defaultRef(e *etree.Element, old, v string) {
	if en.gone(v) {
		v = ""
	}
	en.str(e, "default", old, v)
}

func (en *encoder) loop(e *etree.Element, old, v model.LoopKind) {
	if old == v {
		return
	}
	var cur *etree.Element
	for _, x := range childElems(e) {
		if loopNames[x.Tag] && en.s.nsURI(x) == Namespace {
			cur = x
			break
		}
	}
	multi := func(k model.LoopKind) bool {
		return k == model.ParallelMultiInstance || k == model.SequentialMultiInstance
	}
	if cur != nil && multi(old) && multi(v) && cur.Tag == "multiInstanceLoopCharacteristics" {
		if v == model.SequentialMultiInstance {
			setAttr(cur, "isSequential", "true")
		} else {
			removeAttr(cur, "isSequential")
		}
		return
	}
	if cur != nil {
		detach(cur)
	}
	switch v {
	case model.StandardLoop:
		en.newChild(e, Namespace, "standardLoopCharacteristics")
	case model.ParallelMultiInstance:
		en.newChild(e, Namespace, "multiInstanceLoopCharacteristics")
	case model.SequentialMultiInstance:
		en.newChild(e, Namespace, "multiInstanceLoopCharacteristics").CreateAttr("isSequential", "true")
	}
}

// eventDefs adds and removes event definitions so the element carries the
// kinds in v, touching only those that differ.
func (en *encoder) eventDefs(e *etree.Element, n *model.Node, old, v []string) {
	if slices.Equal(old, v) {
		return
	}
	want := map[string]int{}
	for _, k := range v {
		want[k]++
	}
	have := map[string]int{}
	for _, x := range childElems(e) {
		if en.s.nsURI(x) != Namespace {
			continue
		}
		kind, ok := strings.CutSuffix(x.Tag, "EventDefinition")
		if x.Tag == "eventDefinitionRef" {
			if t := en.s.byID[en.s.localRef(text(x))]; t != nil {
				kind, ok = strings.CutSuffix(t.Tag, "EventDefinition")
			}
		}
		if !ok || kind == "" {
			continue
		}
		if have[kind] >= want[kind] {
			detach(x)
			continue
		}
		have[kind]++
	}
	for _, k := range v {
		if have[k] > 0 {
			have[k]--
			continue
		}
		x := en.newChild(e, Namespace, k+"EventDefinition")
		x.CreateAttr("id", en.genID(n.ID+"_"+k))
	}
}

// ---- flows -------------------------------------------------------------

// flowHolder returns the element a flow goes in.
func (en *encoder) flowHolder(f *model.Flow) *etree.Element {
	switch f.Kind {
	case model.MessageFlow:
		c := f.Container
		if en.s.byID[c] == nil || en.s.byID[c].Tag != "collaboration" {
			c = en.d.Collaborations[0].ID
		}
		return en.s.byID[c]
	case model.DataInputAssociation:
		return en.s.byID[f.Target]
	case model.DataOutputAssociation:
		return en.s.byID[f.Source]
	}
	return en.s.byID[f.Container]
}

func (en *encoder) flows() {
	for _, f := range en.d.Flows {
		o := en.oldFlows[f.ID]
		e := en.s.byID[f.ID]
		h := en.flowHolder(f)
		if o != nil && e != nil && o.Kind != f.Kind {
			// Another kind of connection is another element.
			detach(e)
			delete(en.s.byID, f.ID)
			e = nil
		}
		if r := en.reviveID(e, f.ID, h, func(x any) bool { g, ok := x.(*model.Flow); return ok && g.Kind == f.Kind }); r != nil {
			c := *r.old.(*model.Flow)
			e, o = r.elem, &c
		}
		if o == nil || e == nil {
			if h == nil {
				continue
			}
			e = en.create(h, string(f.Kind), f.ID)
			o = &model.Flow{Kind: f.Kind, Container: f.Container}
			switch f.Kind {
			case model.DataInputAssociation:
				o.Target = f.Target
				en.dataRefChild(e, "sourceRef", f.Source)
				en.placeholderTarget(e, h, f)
			case model.DataOutputAssociation:
				o.Source = f.Source
			}
		} else if h != nil && e.Parent() != h {
			en.s.move(e, h)
			if f.Kind == model.DataInputAssociation {
				en.placeholderTarget(e, h, f)
			}
		}
		en.str(e, "name", o.Name, f.Name)
		en.documentation(e, o.Documentation, f.Documentation)
		switch f.Kind {
		case model.SequenceFlow:
			en.str(e, "sourceRef", o.Source, f.Source)
			en.str(e, "targetRef", o.Target, f.Target)
			en.condition(e, o, f)
		case model.MessageFlow, model.Association:
			en.qname(e, "sourceRef", o.Source, f.Source)
			en.qname(e, "targetRef", o.Target, f.Target)
			if f.Kind == model.Association && o.Direction != f.Direction {
				en.str(e, "associationDirection", o.Direction, f.Direction)
			}
		case model.DataInputAssociation:
			src := f.Source
			if en.gone(src) {
				src = "" // the source was deleted: no sourceRef (it is optional)
			}
			if o.Source != src {
				if src != "" {
					en.dataRefChild(e, "sourceRef", src)
				} else if c := en.child(e, "sourceRef"); c != nil {
					en.s.keepRef(c, en.s.localRef(text(c)))
				}
			}
		case model.DataOutputAssociation:
			if o.Target != f.Target {
				en.dataRefChild(e, "targetRef", f.Target)
			}
		}
	}
	for _, f := range en.old.Flows {
		en.drop(f.ID, f)
	}
}

// dataRefChild sets the text of a data association's sourceRef/targetRef
// (one kept from an earlier removal comes back in place).
func (en *encoder) dataRefChild(e *etree.Element, local, id string) {
	c := en.child(e, local)
	if c == nil {
		if c = en.s.reviveRef(e, local, id); c != nil {
			return
		}
		c = en.newChild(e, Namespace, local)
	}
	setText(c, id)
}

// placeholderTarget gives a data input association the targetRef the
// schema requires: a property of the receiving activity or throw event,
// as bpmn.io does (a property rather than a dataInput, which Decode
// would read as a new data node of the model).
func (en *encoder) placeholderTarget(e, activity *etree.Element, f *model.Flow) {
	if !readsData(model.Kind(activity.Tag)) {
		return
	}
	if tr := en.child(e, "targetRef"); tr != nil {
		if t := en.s.byID[en.s.localRef(text(tr))]; t != nil && within(t, activity) {
			return // already points into this activity (a property or its ioSpecification)
		}
		detach(tr)
	}
	id := en.genID("Property_" + f.ID)
	p := en.create(activity, "property", id)
	p.CreateAttr("name", "__targetRef_placeholder")
	en.dataRefChild(e, "targetRef", id)
}

// within reports whether e lies inside anc.
func within(e, anc *etree.Element) bool {
	for x := e.Parent(); x != nil; x = x.Parent() {
		if x == anc {
			return true
		}
	}
	return false
}

// condition writes a sequence flow's conditionExpression: present when
// the flow has a condition text or HasCondition (then possibly empty).
func (en *encoder) condition(e *etree.Element, o, f *model.Flow) {
	had, has := o.HasCondition || o.Condition != "", f.HasCondition || f.Condition != ""
	if had == has && o.Condition == f.Condition {
		return
	}
	v := f.Condition
	c := en.child(e, "conditionExpression")
	switch {
	case !has && c != nil:
		detach(c)
	case !has:
	case c == nil:
		c = en.newChild(e, Namespace, "conditionExpression")
		xsi := en.s.prefixFor(c, XSI, true)
		typ := "tFormalExpression"
		if p := en.s.prefixFor(c, Namespace, false); p != "" {
			typ = p + ":" + typ
		}
		c.CreateAttr(xsi+":type", typ)
		setText(c, v)
	default:
		setText(c, v)
	}
}

// categoryValue makes the categoryValue a group points at say
// n.CategoryValue. One shared with a group that shows another label is
// not changed: the group gets a categoryValue of its own, as does a group
// without one (in a new category, so the schema's categoryValueRef →
// categoryValue holds). A new reference is written into n as well, so
// that model and file agree.
func (en *encoder) categoryValue(e *etree.Element, n *model.Node) {
	cv := en.s.byID[n.CategoryValueRef]
	if cv != nil && !en.s.is(cv, Namespace, "categoryValue") {
		cv = nil
	}
	if cv != nil {
		if attrv(cv, "value") == n.CategoryValue {
			return
		}
		for _, m := range en.d.Nodes {
			if m != n && m.Kind == model.Group && m.CategoryValueRef == n.CategoryValueRef && m.CategoryValue != n.CategoryValue {
				cv = nil // shared: leave the other group's label alone
				break
			}
		}
	}
	if cv == nil {
		if n.CategoryValue == "" {
			return
		}
		var cat *etree.Element
		if old := en.s.byID[n.CategoryValueRef]; old != nil && en.s.is(old, Namespace, "categoryValue") && old.Parent() != nil {
			cat = old.Parent() // a sibling of the shared value
		} else {
			cat = en.create(en.s.root, "category", en.genID("Category_"+n.ID))
		}
		// A reference the file does not resolve names the value to make.
		id := n.CategoryValueRef
		if id == "" || en.s.byID[id] != nil || en.newIDs[id] {
			id = en.genID("CategoryValue_" + n.ID)
		}
		cv = en.create(cat, "categoryValue", id)
		if id != n.CategoryValueRef {
			n.CategoryValueRef = id
			en.s.setAttrKept(e, "categoryValueRef", en.qvalue(attrv(e, "categoryValueRef"), id))
		}
	}
	if n.CategoryValue == "" {
		en.s.removeAttrKept(cv, "value")
	} else {
		en.s.setAttrKept(cv, "value", n.CategoryValue)
	}
}
