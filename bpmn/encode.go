package bpmn

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/beevik/etree"

	"lanemap/model"
)

// encoder applies the difference between the snapshot (what the document
// says now) and the caller's model to the etree document.
type encoder struct {
	s   *Source
	d   *model.Definitions
	old *model.Definitions

	oldNodes map[string]*model.Node
	oldFlows map[string]*model.Flow
	newIDs   map[string]bool // every id the model uses
	// deleted holds ids the snapshot had and the model no longer has.
	deleted map[string]bool
}

// apply updates the document to express d and writes it to buf.
func (s *Source) apply(d *model.Definitions, buf *bytes.Buffer) error {
	en := &encoder{s: s, d: d, old: s.snap, oldNodes: map[string]*model.Node{},
		oldFlows: map[string]*model.Flow{}, newIDs: map[string]bool{}, deleted: map[string]bool{}}
	for _, n := range en.old.Nodes {
		en.oldNodes[n.ID] = n
	}
	for _, f := range en.old.Flows {
		en.oldFlows[f.ID] = f
	}
	if err := en.check(); err != nil {
		return err
	}
	en.definitions()
	en.collaborations()
	en.processes()
	en.nodes()
	en.flows()
	en.lanes()
	en.inOut()
	en.cleanup()
	en.meta()
	en.diagrams()
	if err := s.serialize(buf); err != nil {
		return err
	}
	s.snap = cloneDefs(d)
	s.fresh = false
	return nil
}

// check refuses models the document cannot express, before anything in
// the document changes: empty or repeated ids, missing containers, ids
// taken by elements the model does not own.
func (en *encoder) check() error {
	d := en.d
	add := func(what, id string) error {
		if id == "" {
			return fmt.Errorf("bpmn: a %s has no id", what)
		}
		if en.newIDs[id] {
			return fmt.Errorf("bpmn: id %q is used twice in the model", id)
		}
		en.newIDs[id] = true
		return nil
	}
	oldIDs := map[string]bool{}
	for _, c := range en.old.Collaborations {
		oldIDs[c.ID] = true
		for _, p := range c.Participants {
			oldIDs[p.ID] = true
		}
	}
	for _, p := range en.old.Processes {
		oldIDs[p.ID] = true
	}
	for _, l := range en.old.AllLanes() {
		oldIDs[l.ID] = true
	}
	for id := range en.oldNodes {
		oldIDs[id] = true
	}
	for id := range en.oldFlows {
		oldIDs[id] = true
	}
	var err error
	for _, c := range d.Collaborations {
		if err = add("collaboration", c.ID); err != nil {
			return err
		}
		for _, p := range c.Participants {
			if err = add("participant", p.ID); err != nil {
				return err
			}
		}
	}
	for _, p := range d.Processes {
		if err = add("process", p.ID); err != nil {
			return err
		}
	}
	for _, l := range d.AllLanes() {
		if err = add("lane", l.ID); err != nil {
			return err
		}
	}
	for _, n := range d.Nodes {
		if err = add(string(n.Kind), n.ID); err != nil {
			return err
		}
	}
	for _, f := range d.Flows {
		if err = add(string(f.Kind), f.ID); err != nil {
			return err
		}
	}
	for id := range en.newIDs {
		if e, taken := en.s.byID[id]; taken && !oldIDs[id] {
			return fmt.Errorf("bpmn: id %q is already used by <%s> in the file", id, e.Tag)
		}
	}
	for id := range oldIDs {
		if !en.newIDs[id] {
			en.deleted[id] = true
		}
	}
	isContainer := func(id string) bool {
		if d.Process(id) != nil {
			return true
		}
		for _, c := range d.Collaborations {
			if c.ID == id {
				return true
			}
		}
		n := d.Node(id)
		return n != nil && n.Kind.IsSubProcess()
	}
	for _, n := range d.Nodes {
		if !nodeKinds[string(n.Kind)] && n.Kind != model.DataInput && n.Kind != model.DataOutput {
			return fmt.Errorf("bpmn: node %q has kind %q, which is not a flow node, data element or artifact", n.ID, n.Kind)
		}
		if n.Kind == model.DataInput || n.Kind == model.DataOutput {
			if d.Process(n.Container) == nil && d.Node(n.Container) == nil {
				return fmt.Errorf("bpmn: %s %q: container %q does not exist", n.Kind, n.ID, n.Container)
			}
			continue
		}
		if !isContainer(n.Container) {
			return fmt.Errorf("bpmn: %s %q: container %q is not a process, sub-process or collaboration in the model", n.Kind, n.ID, n.Container)
		}
		if !n.Kind.IsArtifact() && d.Process(n.Container) == nil && d.Node(n.Container) == nil {
			return fmt.Errorf("bpmn: %s %q: only text annotations and groups can sit in collaboration %q; put it in a process", n.Kind, n.ID, n.Container)
		}
	}
	for _, f := range d.Flows {
		switch f.Kind {
		case model.SequenceFlow, model.Association:
			if !isContainer(f.Container) {
				return fmt.Errorf("bpmn: %s %q: container %q is not a process, sub-process or collaboration in the model", f.Kind, f.ID, f.Container)
			}
		case model.MessageFlow:
			if len(d.Collaborations) == 0 {
				return fmt.Errorf("bpmn: message flow %q needs a collaboration", f.ID)
			}
		case model.DataInputAssociation:
			if d.Node(f.Target) == nil {
				return fmt.Errorf("bpmn: data input association %q: target %q is not a node in the model", f.ID, f.Target)
			}
		case model.DataOutputAssociation:
			if d.Node(f.Source) == nil {
				return fmt.Errorf("bpmn: data output association %q: source %q is not a node in the model", f.ID, f.Source)
			}
		default:
			return fmt.Errorf("bpmn: flow %q has kind %q, which is not a connecting object", f.ID, f.Kind)
		}
	}
	return nil
}

// ---- small writers ---------------------------------------------------

func (en *encoder) str(e *etree.Element, key, old, v string) {
	if old == v {
		return
	}
	if v == "" {
		removeAttr(e, key)
	} else {
		setAttr(e, key, v)
	}
}

// boolean writes a boolean attribute; equal to dflt it is removed.
func (en *encoder) boolean(e *etree.Element, key string, old, v, dflt bool) {
	if old == v {
		return
	}
	if v == dflt {
		removeAttr(e, key)
	} else {
		setAttr(e, key, strconv.FormatBool(v))
	}
}

// qname writes a QName reference, keeping the prefix style of the value it
// replaces, else following the document's habit.
func (en *encoder) qname(e *etree.Element, key, old, id string) {
	if old == id {
		return
	}
	if id == "" {
		removeAttr(e, key)
		return
	}
	setAttr(e, key, en.qvalue(attrv(e, key), id))
}

func (en *encoder) qvalue(prev, id string) string {
	if prev != "" {
		if i := strings.IndexByte(prev, ':'); i > 0 && en.s.byID[prev] == nil {
			return prev[:i+1] + id
		}
		return id
	}
	if en.s.qnamePrefix != "" {
		return en.s.qnamePrefix + ":" + id
	}
	return id
}

func (en *encoder) child(e *etree.Element, local string) *etree.Element {
	for _, c := range e.Child {
		if x, ok := c.(*etree.Element); ok && x.Tag == local && en.s.nsURI(x) == Namespace {
			return x
		}
	}
	return nil
}

// textChild sets the text of the first <local> child, creating or removing it.
func (en *encoder) textChild(e *etree.Element, local, old, v string) {
	if old == v {
		return
	}
	c := en.child(e, local)
	switch {
	case v == "" && c != nil:
		detach(c)
	case v == "":
	case c == nil:
		setText(en.newChild(e, Namespace, local), v)
	default:
		setText(c, v)
	}
}

func (en *encoder) documentation(e *etree.Element, old, v string) {
	en.textChild(e, "documentation", old, v)
}

// genID returns base when free, else base_2, base_3, …
func (en *encoder) genID(base string) string {
	id := base
	for i := 2; en.s.byID[id] != nil || en.newIDs[id]; i++ {
		id = base + "_" + strconv.Itoa(i)
	}
	en.newIDs[id] = true
	return id
}

func (en *encoder) register(id string, e *etree.Element) {
	if id != "" {
		en.s.byID[id] = e
	}
}

// create makes a semantic element with an id inside parent.
func (en *encoder) create(parent *etree.Element, local, id string) *etree.Element {
	e := en.newChild(parent, Namespace, local)
	e.CreateAttr("id", id)
	en.register(id, e)
	return e
}

// ---- definitions, collaborations, processes ---------------------------

func (en *encoder) definitions() {
	e, d, o := en.s.root, en.d, en.old
	if o.ID != d.ID {
		if en.s.byID[o.ID] == e {
			delete(en.s.byID, o.ID)
		}
		if d.ID != "" {
			en.s.byID[d.ID] = e
		}
	}
	en.str(e, "id", o.ID, d.ID)
	en.str(e, "name", o.Name, d.Name)
	tns := d.TargetNamespace
	if tns == "" && en.s.fresh {
		// The attribute is required; a fresh document must have one.
		tns = "urn:lanemap:process"
	}
	en.str(e, "targetNamespace", o.TargetNamespace, tns)
}

func (en *encoder) collaborations() {
	old := map[string]*model.Collaboration{}
	oldP := map[string]*model.Participant{}
	for _, c := range en.old.Collaborations {
		old[c.ID] = c
		for _, p := range c.Participants {
			oldP[p.ID] = p
		}
	}
	for _, c := range en.d.Collaborations {
		o := old[c.ID]
		e := en.s.byID[c.ID]
		if o == nil || e == nil {
			e = en.create(en.s.root, "collaboration", c.ID)
			o = &model.Collaboration{}
		}
		en.str(e, "name", o.Name, c.Name)
		en.documentation(e, o.Documentation, c.Documentation)
		for _, p := range c.Participants {
			op := oldP[p.ID]
			pe := en.s.byID[p.ID]
			if op == nil || pe == nil {
				pe = en.create(e, "participant", p.ID)
				op = &model.Participant{}
			} else if pe.Parent() != e {
				en.s.move(pe, e) // to another collaboration
			}
			en.str(pe, "name", op.Name, p.Name)
			en.documentation(pe, op.Documentation, p.Documentation)
			pref := p.ProcessRef
			if en.deleted[pref] {
				pref = ""
			}
			en.qname(pe, "processRef", op.ProcessRef, pref)
			if !linksEqual(op.Links, p.Links) {
				en.writeLinks(pe, p.Links, "")
			}
		}
	}
	en.removeGone()
}

// deletedOrMissing reports an id that will not exist in the written file.
func (en *encoder) deletedOrMissing(id string) bool {
	return en.deleted[id] || (!en.newIDs[id] && en.s.byID[id] == nil)
}

// removeGone detaches elements of deleted collaborations, participants,
// processes (done once; later calls find nothing left).
func (en *encoder) removeGone() {
	for _, c := range en.old.Collaborations {
		for _, p := range c.Participants {
			en.drop(p.ID)
		}
		en.drop(c.ID)
	}
}

// drop removes the element of a deleted id, if it is still there.
func (en *encoder) drop(id string) {
	if !en.deleted[id] {
		return
	}
	if e := en.s.byID[id]; e != nil {
		detach(e)
		delete(en.s.byID, id)
	}
}

func (en *encoder) processes() {
	old := map[string]*model.Process{}
	for _, p := range en.old.Processes {
		old[p.ID] = p
	}
	for _, p := range en.d.Processes {
		o := old[p.ID]
		e := en.s.byID[p.ID]
		if o == nil || e == nil {
			e = en.create(en.s.root, "process", p.ID)
			en.str(e, "name", "", p.Name)
			e.CreateAttr("isExecutable", strconv.FormatBool(p.IsExecutable))
			o = &model.Process{Name: p.Name, IsExecutable: p.IsExecutable}
		}
		en.str(e, "name", o.Name, p.Name)
		en.documentation(e, o.Documentation, p.Documentation)
		if o.IsExecutable != p.IsExecutable {
			setAttr(e, "isExecutable", strconv.FormatBool(p.IsExecutable))
		}
		if o.LaneSetID != p.LaneSetID && p.LaneSetID != "" {
			if ls := en.child(e, "laneSet"); ls != nil {
				setAttr(ls, "id", p.LaneSetID)
			}
		}
	}
	for _, p := range en.old.Processes {
		en.drop(p.ID)
	}
}

// ---- nodes -------------------------------------------------------------

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

func (en *encoder) nodes() {
	pending := slices.Clone(en.d.Nodes)
	for len(pending) > 0 {
		var later []*model.Node
		for _, n := range pending {
			o := en.oldNodes[n.ID]
			e := en.s.byID[n.ID]
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
		en.drop(n.ID)
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
		if h := en.holder(n.Kind, n.Container); h != nil {
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
			if en.deleted[at] {
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
	if en.deleted[v] {
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
			en.condition(e, o.Condition, f.Condition)
		case model.MessageFlow, model.Association:
			en.qname(e, "sourceRef", o.Source, f.Source)
			en.qname(e, "targetRef", o.Target, f.Target)
			if f.Kind == model.Association && o.Direction != f.Direction {
				en.str(e, "associationDirection", o.Direction, f.Direction)
			}
		case model.DataInputAssociation:
			if o.Source != f.Source {
				en.dataRefChild(e, "sourceRef", f.Source)
			}
		case model.DataOutputAssociation:
			if o.Target != f.Target {
				en.dataRefChild(e, "targetRef", f.Target)
			}
		}
	}
	for _, f := range en.old.Flows {
		en.drop(f.ID)
	}
}

// dataRefChild sets the text of a data association's sourceRef/targetRef.
func (en *encoder) dataRefChild(e *etree.Element, local, id string) {
	c := en.child(e, local)
	if c == nil {
		c = en.newChild(e, Namespace, local)
	}
	setText(c, id)
}

// placeholderTarget gives a data input association the targetRef the
// schema requires: a property of the receiving activity, as bpmn.io does.
func (en *encoder) placeholderTarget(e, activity *etree.Element, f *model.Flow) {
	if !(strings.HasSuffix(activity.Tag, "Task") || activity.Tag == "task" || activity.Tag == "callActivity" ||
		activity.Tag == "subProcess" || activity.Tag == "transaction" || activity.Tag == "adHocSubProcess") {
		return
	}
	if tr := en.child(e, "targetRef"); tr != nil {
		if t := en.s.byID[en.s.localRef(text(tr))]; t != nil && t.Parent() == activity {
			return
		}
		detach(tr)
	}
	id := en.genID("Property_" + f.ID)
	p := en.create(activity, "property", id)
	p.CreateAttr("name", "__targetRef_placeholder")
	en.dataRefChild(e, "targetRef", id)
}

func (en *encoder) condition(e *etree.Element, old, v string) {
	if old == v {
		return
	}
	c := en.child(e, "conditionExpression")
	switch {
	case v == "" && c != nil:
		detach(c)
	case v == "":
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

// ---- lanes -------------------------------------------------------------

type laneInfo struct {
	l       *model.Lane
	parent  string // parent lane id, "" for a top lane
	process string
}

func flattenLanes(d *model.Definitions) (map[string]laneInfo, []laneInfo) {
	m := map[string]laneInfo{}
	var order []laneInfo
	for _, p := range d.Processes {
		var walk func(parent string, ls []*model.Lane)
		walk = func(parent string, ls []*model.Lane) {
			for _, l := range ls {
				li := laneInfo{l, parent, p.ID}
				m[l.ID] = li
				order = append(order, li)
				walk(l.ID, l.Children)
			}
		}
		walk("", p.Lanes)
	}
	return m, order
}

func (en *encoder) lanes() {
	oldM, oldOrder := flattenLanes(en.old)
	newM, newOrder := flattenLanes(en.d)
	// Deleted lanes first, children before parents.
	for i := len(oldOrder) - 1; i >= 0; i-- {
		if _, keep := newM[oldOrder[i].l.ID]; !keep {
			en.drop(oldOrder[i].l.ID)
		}
	}
	// Inferred membership is written for a whole process at once, as soon
	// as any lane of it changes: half-written refs would read back as
	// empty lanes.
	writeAll := map[string]bool{}
	for p := range en.s.inferred {
		changed := false
		for _, li := range newOrder {
			if oi, had := oldM[li.l.ID]; li.process == p && (!had || !slices.Equal(oi.l.NodeRefs, li.l.NodeRefs)) {
				changed = true
			}
		}
		for _, li := range oldOrder {
			if _, keep := newM[li.l.ID]; li.process == p && !keep {
				changed = true
			}
		}
		if changed {
			writeAll[p] = true
			delete(en.s.inferred, p)
		}
	}
	for _, li := range newOrder {
		l := li.l
		oi, had := oldM[l.ID]
		e := en.s.byID[l.ID]
		o := oi.l
		if !had || e == nil {
			set := en.laneSetFor(li)
			if set == nil {
				continue
			}
			e = en.newLane(set, li, newM)
			o = &model.Lane{}
		} else if oi.parent != li.parent || oi.process != li.process {
			if set := en.laneSetFor(li); set != nil {
				en.s.move(e, set)
			}
		}
		en.str(e, "name", o.Name, l.Name)
		en.documentation(e, o.Documentation, l.Documentation)
		if o.Role != l.Role {
			en.writeLinks(e, nil, l.Role)
		}
		if writeAll[li.process] {
			en.laneRefs(e, nil, l.NodeRefs)
		} else {
			en.laneRefs(e, o.NodeRefs, l.NodeRefs)
		}
		if o.ChildLaneSetID != l.ChildLaneSetID && l.ChildLaneSetID != "" {
			if cs := en.child(e, "childLaneSet"); cs != nil {
				setAttr(cs, "id", l.ChildLaneSetID)
			}
		}
	}
	en.laneOrder(en.d.Processes)
	// Lane sets left empty by deletions go too.
	for _, li := range oldOrder {
		if _, keep := newM[li.l.ID]; keep {
			continue
		}
		for _, id := range []string{li.parent, li.process} {
			if id == "" {
				continue
			}
			if pe := en.s.byID[id]; pe != nil {
				for _, name := range []string{"childLaneSet", "laneSet"} {
					if set := en.child(pe, name); set != nil && en.child(set, "lane") == nil && len(childElems(set)) == 0 {
						detach(set)
					}
				}
			}
			break
		}
	}
}

// laneOrder makes the lanes of every lane set follow the model's order
// (moving only lanes that are out of place).
func (en *encoder) laneOrder(ps []*model.Process) {
	var walk func(ls []*model.Lane)
	walk = func(ls []*model.Lane) {
		var prev *etree.Element
		for _, l := range ls {
			e := en.s.byID[l.ID]
			if e == nil {
				continue
			}
			if prev != nil && e.Parent() == prev.Parent() && e.Index() < prev.Index() {
				detach(e)
				en.s.insertAfter(prev, e)
			}
			prev = e
			walk(l.Children)
		}
	}
	for _, p := range ps {
		walk(p.Lanes)
	}
}

// laneSetFor finds or creates the lane set a lane belongs in.
func (en *encoder) laneSetFor(li laneInfo) *etree.Element {
	if li.parent == "" {
		pe := en.s.byID[li.process]
		if pe == nil {
			return nil
		}
		if ls := en.child(pe, "laneSet"); ls != nil {
			return ls
		}
		ls := en.newChild(pe, Namespace, "laneSet")
		// The id is optional; one the model does not know would not
		// survive a reload, so none is made up.
		if id := en.d.Process(li.process).LaneSetID; id != "" && en.s.byID[id] == nil {
			ls.CreateAttr("id", id)
			en.register(id, ls)
		}
		return ls
	}
	le := en.s.byID[li.parent]
	if le == nil {
		return nil
	}
	if cs := en.child(le, "childLaneSet"); cs != nil {
		return cs
	}
	cs := en.newChild(le, Namespace, "childLaneSet")
	if id := en.d.Lane(li.parent).ChildLaneSetID; id != "" && en.s.byID[id] == nil {
		cs.CreateAttr("id", id)
		en.register(id, cs)
	}
	return cs
}

// newLane creates a lane next to its model siblings.
func (en *encoder) newLane(set *etree.Element, li laneInfo, all map[string]laneInfo) *etree.Element {
	var sibs []*model.Lane
	if li.parent == "" {
		sibs = en.d.Process(li.process).Lanes
	} else {
		sibs = all[li.parent].l.Children
	}
	i := slices.Index(sibs, li.l)
	e := etree.NewElement("lane")
	if q := en.s.qualify(set, Namespace, "lane"); q != "lane" {
		e.Space = strings.TrimSuffix(q, ":lane")
	}
	en.s.ns.set(e, Namespace)
	placed := false
	for j := i - 1; j >= 0 && !placed; j-- {
		if x := en.s.byID[sibs[j].ID]; x != nil && x.Parent() == set {
			en.s.insertAfter(x, e)
			placed = true
		}
	}
	for j := i + 1; j < len(sibs) && !placed; j++ {
		if x := en.s.byID[sibs[j].ID]; x != nil && x.Parent() == set {
			en.s.insertBefore(x, e)
			placed = true
		}
	}
	if !placed {
		en.s.place(set, e, Namespace)
	}
	e.CreateAttr("id", li.l.ID)
	en.register(li.l.ID, e)
	return e
}

// laneRefs adds and removes flowNodeRef children; refs to nodes that will
// not exist are never written.
func (en *encoder) laneRefs(e *etree.Element, old, v []string) {
	if slices.Equal(old, v) {
		return
	}
	want := map[string]bool{}
	for _, id := range v {
		want[id] = true
	}
	have := map[string]bool{}
	for _, x := range childElems(e) {
		if x.Tag != "flowNodeRef" || en.s.nsURI(x) != Namespace {
			continue
		}
		id := en.s.localRef(text(x))
		if !want[id] || have[id] {
			detach(x)
			continue
		}
		have[id] = true
	}
	for _, id := range v {
		if have[id] || en.d.Node(id) == nil {
			continue
		}
		have[id] = true
		setText(en.newChild(e, Namespace, "flowNodeRef"), id)
	}
}

// ---- incoming / outgoing ----------------------------------------------

// inOut keeps the incoming/outgoing children of flow nodes in step with
// the sequence flows that changed (only those).
func (en *encoder) inOut() {
	if !en.s.inOut {
		return
	}
	remove := func(nodeID, local, flowID string) {
		e := en.s.byID[nodeID]
		if e == nil {
			return
		}
		for _, x := range childElems(e) {
			if x.Tag == local && en.s.nsURI(x) == Namespace && en.s.localRef(text(x)) == flowID {
				detach(x)
				return
			}
		}
	}
	add := func(nodeID, local, flowID string) {
		e := en.s.byID[nodeID]
		if e == nil || !nodeKinds[e.Tag] {
			return
		}
		for _, x := range childElems(e) {
			if x.Tag == local && en.s.nsURI(x) == Namespace && en.s.localRef(text(x)) == flowID {
				return
			}
		}
		setText(en.newChild(e, Namespace, local), en.qvalue("", flowID))
	}
	for _, o := range en.old.Flows {
		if o.Kind != model.SequenceFlow {
			continue
		}
		f := en.d.Flow(o.ID)
		if f == nil || f.Kind != model.SequenceFlow || f.Source != o.Source {
			remove(o.Source, "outgoing", o.ID)
		}
		if f == nil || f.Kind != model.SequenceFlow || f.Target != o.Target {
			remove(o.Target, "incoming", o.ID)
		}
	}
	for _, f := range en.d.Flows {
		if f.Kind != model.SequenceFlow {
			continue
		}
		o := en.oldFlows[f.ID]
		if o == nil || o.Kind != model.SequenceFlow || o.Source != f.Source {
			add(f.Source, "outgoing", f.ID)
		}
		if o == nil || o.Kind != model.SequenceFlow || o.Target != f.Target {
			add(f.Target, "incoming", f.ID)
		}
	}
}

// cleanup removes references to deleted ids that other elements still
// carry, and the DI of deleted elements.
func (en *encoder) cleanup() {
	if len(en.deleted) == 0 {
		return
	}
	refChildren := setOf("flowNodeRef", "incoming", "outgoing", "sourceRef", "targetRef")
	var walk func(e *etree.Element)
	walk = func(e *etree.Element) {
		for i := 0; i < len(e.Child); i++ {
			x, ok := e.Child[i].(*etree.Element)
			if !ok {
				continue
			}
			u := en.s.nsURI(x)
			if u == Namespace {
				if x.Tag == "extensionElements" {
					continue
				}
				if refChildren[x.Tag] && en.deleted[en.s.localRef(text(x))] {
					// A data association's own sourceRef/targetRef goes
					// with the association, which the caller removes.
					if x.Tag == "flowNodeRef" || x.Tag == "incoming" || x.Tag == "outgoing" {
						detach(x)
						i--
						continue
					}
				}
				for _, a := range []string{"default", "attachedToRef", "processRef"} {
					if v, ok := attr(x, a); ok && en.deleted[en.s.localRef(v)] {
						removeAttr(x, a)
					}
				}
				walk(x)
			} else if u == BPMNDI {
				if (x.Tag == "BPMNShape" || x.Tag == "BPMNEdge") && en.deleted[en.s.localRef(attrv(x, "bpmnElement"))] {
					detach(x)
					i--
					continue
				}
				if x.Tag == "BPMNDiagram" || x.Tag == "BPMNPlane" {
					walk(x)
				}
			}
		}
	}
	walk(en.s.root)
	for id := range en.deleted {
		delete(en.s.byID, id)
	}
}

// ---- metadata ------------------------------------------------------------

func (en *encoder) meta() {
	oh, nh := metaHolder(en.old), metaHolder(en.d)
	if oh == nh && metaEqual(&en.old.Meta, &en.d.Meta) {
		return
	}
	if oh != "" && oh != nh {
		if e := en.s.byID[oh]; e != nil {
			en.writeMeta(e, &model.Meta{})
		}
	}
	if e := en.s.byID[nh]; nh != "" && e != nil {
		en.writeMeta(e, &en.d.Meta)
	}
}

// ---- diagrams --------------------------------------------------------------

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func (en *encoder) diagrams() {
	s := en.s
	oldD := map[string]*model.Diagram{}
	for i, g := range en.old.Diagrams {
		oldD[diagramKey(i, g)] = g
	}
	seen := map[string]bool{}
	for i, g := range en.d.Diagrams {
		key := diagramKey(i, g)
		seen[key] = true
		o := oldD[key]
		src := s.diagrams[key]
		if o == nil || src == nil {
			src = en.newDiagram(g)
			s.diagrams[key] = src
			o = &model.Diagram{}
		}
		en.str(src.diagram, "name", o.Name, g.Name)
		en.str(src.plane, "id", o.PlaneID, g.PlaneID)
		en.qname(src.plane, "bpmnElement", o.Element, g.Element)
		en.shapes(src, o, g)
		en.edges(src, o, g)
	}
	for key, src := range s.diagrams {
		if !seen[key] && oldD[key] != nil {
			detach(src.diagram)
			delete(s.diagrams, key)
		}
	}
	// Keys by position shift when diagrams come and go; re-key.
	fresh := map[string]*diSource{}
	for i, g := range en.d.Diagrams {
		if src := s.diagrams[diagramKey(i, g)]; src != nil {
			fresh[diagramKey(i, g)] = src
		}
	}
	s.diagrams = fresh
}

func (en *encoder) newDiagram(g *model.Diagram) *diSource {
	s := en.s
	de := en.newChild(s.root, BPMNDI, "BPMNDiagram")
	if g.ID != "" {
		de.CreateAttr("id", g.ID)
	}
	pe := en.newChild(de, BPMNDI, "BPMNPlane")
	if g.PlaneID != "" {
		pe.CreateAttr("id", g.PlaneID)
	}
	return &diSource{diagram: de, plane: pe, shapes: map[string]*etree.Element{}, edges: map[string]*etree.Element{}}
}

func (en *encoder) isContainerShape(elementID string) bool {
	e := en.s.byID[elementID]
	return e != nil && (e.Tag == "participant" || e.Tag == "lane")
}

func (en *encoder) shapes(src *diSource, o, g *model.Diagram) {
	old := map[string]*model.Shape{}
	for _, sh := range o.Shapes {
		old[shapeKey(sh)] = sh
	}
	seen := map[string]bool{}
	for _, sh := range g.Shapes {
		k := shapeKey(sh)
		seen[k] = true
		os := old[k]
		e := src.shapes[k]
		if os == nil || e == nil {
			if en.deletedOrMissing(sh.Element) {
				continue // never write DI for something that is not there
			}
			e = en.newShape(src, sh)
			src.shapes[k] = e
			os = &model.Shape{}
			en.qname(e, "bpmnElement", "", sh.Element)
		} else {
			en.qname(e, "bpmnElement", os.Element, sh.Element)
		}
		en.optBool(e, "isHorizontal", os.IsHorizontal, sh.IsHorizontal)
		en.optBool(e, "isExpanded", os.IsExpanded, sh.IsExpanded)
		en.optBool(e, "isMarkerVisible", os.IsMarkerVisible, sh.IsMarkerVisible)
		en.bounds(e, DC, &os.Bounds, sh.Bounds, true)
		en.label(e, os.Label, sh.Label)
		en.colors(e, os.Style, sh.Style)
	}
	for k, e := range src.shapes {
		if !seen[k] && old[k] != nil {
			detach(e)
			delete(src.shapes, k)
		}
	}
}

func (en *encoder) newShape(src *diSource, sh *model.Shape) *etree.Element {
	s := en.s
	e := etree.NewElement("BPMNShape")
	if q := s.qualify(src.plane, BPMNDI, "BPMNShape"); q != "BPMNShape" {
		e.Space = strings.TrimSuffix(q, ":BPMNShape")
	}
	s.ns.set(e, BPMNDI)
	if sh.ID != "" {
		e.CreateAttr("id", sh.ID)
	}
	// Pools and lanes go before the content so other tools paint them
	// underneath.
	if en.isContainerShape(sh.Element) {
		var lastPool, first *etree.Element
		for _, x := range childElems(src.plane) {
			if s.nsURI(x) != BPMNDI || (x.Tag != "BPMNShape" && x.Tag != "BPMNEdge") {
				continue
			}
			if first == nil {
				first = x
			}
			if x.Tag == "BPMNShape" && en.isContainerShape(s.localRef(attrv(x, "bpmnElement"))) {
				lastPool = x
			}
		}
		switch {
		case lastPool != nil:
			s.insertAfter(lastPool, e)
			return e
		case first != nil:
			s.insertBefore(first, e)
			return e
		}
	}
	s.place(src.plane, e, BPMNDI)
	return e
}

func (en *encoder) optBool(e *etree.Element, key string, old, v *bool) {
	if (old == nil) == (v == nil) && (old == nil || *old == *v) {
		return
	}
	if v == nil {
		removeAttr(e, key)
	} else {
		setAttr(e, key, strconv.FormatBool(*v))
	}
}

// bounds updates (or creates) the dc:Bounds child, attribute by attribute.
func (en *encoder) bounds(e *etree.Element, uri string, old *model.Rect, r model.Rect, create bool) {
	var b *etree.Element
	for _, x := range childElems(e) {
		if x.Tag == "Bounds" && en.s.nsURI(x) == DC {
			b = x
			break
		}
	}
	if b == nil {
		if !create {
			return
		}
		b = en.newChild(e, uri, "Bounds")
		for _, k := range []string{"x", "y", "width", "height"} {
			b.CreateAttr(k, "0")
		}
		old = &model.Rect{}
	}
	set := func(k string, o, v float64) {
		if o != v {
			setAttr(b, k, fmtNum(v))
		}
	}
	set("x", old.X, r.X)
	set("y", old.Y, r.Y)
	set("width", old.W, r.W)
	set("height", old.H, r.H)
}

func (en *encoder) label(e *etree.Element, old, v *model.Rect) {
	if (old == nil) == (v == nil) && (old == nil || *old == *v) {
		return
	}
	var l *etree.Element
	for _, x := range childElems(e) {
		if x.Tag == "BPMNLabel" && en.s.nsURI(x) == BPMNDI {
			l = x
			break
		}
	}
	if v == nil {
		if l != nil {
			for _, x := range childElems(l) {
				if x.Tag == "Bounds" && en.s.nsURI(x) == DC {
					detach(x)
				}
			}
			if len(childElems(l)) == 0 && len(l.Attr) == 0 {
				detach(l)
			}
		}
		return
	}
	if l == nil {
		l = en.newChild(e, BPMNDI, "BPMNLabel")
	}
	o := old
	if o == nil {
		o = &model.Rect{}
	}
	en.bounds(l, DC, o, *v, true)
}

// colors writes fill and stroke into the attributes the element already
// uses; new colours go in both bioc: and color: like bpmn.io writes them.
func (en *encoder) colors(e *etree.Element, old, v model.Colors) {
	if old == v {
		return
	}
	s := en.s
	one := func(o, n string, pairs [][2]string) {
		if o == n {
			return
		}
		found := false
		for _, p := range pairs {
			if i, ok := s.nsAttr(e, p[0], p[1]); ok {
				found = true
				if n == "" {
					e.Attr = append(e.Attr[:i], e.Attr[i+1:]...)
				} else {
					e.Attr[i].Value = n
				}
			}
		}
		if found || n == "" {
			return
		}
		for _, p := range pairs {
			e.CreateAttr(s.prefixFor(e, p[0], true)+":"+p[1], n)
		}
	}
	one(old.Stroke, v.Stroke, [][2]string{{BioColor, "stroke"}, {Color, "border-color"}})
	one(old.Fill, v.Fill, [][2]string{{BioColor, "fill"}, {Color, "background-color"}})
}

func (en *encoder) edges(src *diSource, o, g *model.Diagram) {
	old := map[string]*model.Edge{}
	for _, ed := range o.Edges {
		old[edgeKey(ed)] = ed
	}
	seen := map[string]bool{}
	for _, ed := range g.Edges {
		k := edgeKey(ed)
		seen[k] = true
		oe := old[k]
		e := src.edges[k]
		if oe == nil || e == nil {
			if en.deletedOrMissing(ed.Element) {
				continue
			}
			e = en.newChild(src.plane, BPMNDI, "BPMNEdge")
			if ed.ID != "" {
				e.CreateAttr("id", ed.ID)
			}
			src.edges[k] = e
			oe = &model.Edge{}
			en.qname(e, "bpmnElement", "", ed.Element)
		} else {
			en.qname(e, "bpmnElement", oe.Element, ed.Element)
		}
		en.waypoints(e, oe.Waypoints, ed.Waypoints)
		en.label(e, oe.Label, ed.Label)
		en.colors(e, oe.Style, ed.Style)
	}
	for k, e := range src.edges {
		if !seen[k] && old[k] != nil {
			detach(e)
			delete(src.edges, k)
		}
	}
}

func (en *encoder) waypoints(e *etree.Element, old, v []model.Point) {
	if slices.Equal(old, v) {
		return
	}
	var wps []*etree.Element
	for _, x := range childElems(e) {
		if x.Tag == "waypoint" && en.s.nsURI(x) == DI {
			wps = append(wps, x)
		}
	}
	if len(wps) == len(v) && len(old) == len(v) {
		for i, p := range v {
			if old[i].X != p.X {
				setAttr(wps[i], "x", fmtNum(p.X))
			}
			if old[i].Y != p.Y {
				setAttr(wps[i], "y", fmtNum(p.Y))
			}
		}
		return
	}
	for _, x := range wps {
		detach(x)
	}
	for _, p := range v {
		w := en.newChild(e, DI, "waypoint")
		w.CreateAttr("x", fmtNum(p.X))
		w.CreateAttr("y", fmtNum(p.Y))
	}
}

// ---- output ----------------------------------------------------------------

// serialize writes the document the way it was read: same line endings,
// same character encoding (characters it cannot hold become character
// references), BOM kept.
func (s *Source) serialize(buf *bytes.Buffer) error {
	var raw bytes.Buffer
	raw.Grow(1 << 16)
	if _, err := s.doc.WriteTo(&raw); err != nil {
		return err
	}
	out := raw.Bytes()
	if s.crlf {
		var b bytes.Buffer
		b.Grow(len(out) + len(out)/16)
		for {
			i := bytes.IndexByte(out, '\n')
			if i < 0 {
				b.Write(out)
				break
			}
			if i > 0 && out[i-1] == '\r' {
				b.Write(out[:i+1])
			} else {
				b.Write(out[:i])
				b.WriteString("\r\n")
			}
			out = out[i+1:]
		}
		out = b.Bytes()
	}
	if s.bom {
		buf.Write([]byte{0xEF, 0xBB, 0xBF})
	}
	if s.enc == nil {
		buf.Write(out)
		return nil
	}
	enc := s.enc.NewEncoder()
	for len(out) > 0 {
		r, w := utf8.DecodeRune(out)
		if r < utf8.RuneSelf {
			buf.WriteByte(byte(r))
		} else if b, err := enc.String(string(r)); err == nil {
			buf.WriteString(b)
		} else {
			fmt.Fprintf(buf, "&#%d;", r)
		}
		out = out[w:]
	}
	return nil
}
