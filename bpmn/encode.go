package bpmn

import (
	"bytes"
	"fmt"
	"regexp"
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
	// anyRevived: an undo brought something back in this Encode.
	anyRevived bool
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
	en.reviveRefs()
	en.cleanup()
	en.meta()
	en.diagrams()
	if err := s.serialize(buf); err != nil {
		return err
	}
	s.snap = cloneDefs(d)
	en.patchSnap(s.snap)
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
			if n.Kind != model.DataStoreReference {
				return fmt.Errorf("bpmn: %s %q: only text annotations, groups and data stores can sit in collaboration %q; put it in a process", n.Kind, n.ID, n.Container)
			}
			if en.poolProcess(n.Container) == "" {
				return fmt.Errorf("bpmn: data store %q outside every pool needs a pool with a process in collaboration %q to be written into", n.ID, n.Container)
			}
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
			t := d.Node(f.Target)
			if t == nil {
				return fmt.Errorf("bpmn: data input association %q: target %q is not a node in the model", f.ID, f.Target)
			}
			if o := en.oldFlows[f.ID]; en.newData(f, o) && (o == nil || o.Target != f.Target) && !readsData(t.Kind) {
				return fmt.Errorf("bpmn: data input association %q: %s %q cannot take data input (the schema allows it only into activities and throw events); connect it to one of those", f.ID, t.Kind, t.ID)
			}
		case model.DataOutputAssociation:
			s := d.Node(f.Source)
			if s == nil {
				return fmt.Errorf("bpmn: data output association %q: source %q is not a node in the model", f.ID, f.Source)
			}
			if o := en.oldFlows[f.ID]; en.newData(f, o) && (o == nil || o.Source != f.Source) && !writesData(s.Kind) {
				return fmt.Errorf("bpmn: data output association %q: %s %q cannot give data output (the schema allows it only from activities and catch events); connect it from one of those", f.ID, s.Kind, s.ID)
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
		en.s.removeAttrKept(e, key)
	} else {
		en.s.setAttrKept(e, key, v)
	}
}

// boolean writes a boolean attribute; equal to dflt it is removed.
func (en *encoder) boolean(e *etree.Element, key string, old, v, dflt bool) {
	if old == v {
		return
	}
	if v == dflt {
		en.s.removeAttrKept(e, key)
	} else {
		en.s.setAttrKept(e, key, strconv.FormatBool(v))
	}
}

// qname writes a QName reference, keeping the prefix style of the value it
// replaces, else following the document's habit.
func (en *encoder) qname(e *etree.Element, key, old, id string) {
	if old == id {
		return
	}
	if id == "" {
		en.s.removeAttrKept(e, key)
		return
	}
	en.s.setAttrKept(e, key, en.qvalue(attrv(e, key), id))
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
		if r := en.reviveID(e, c.ID, en.s.root, func(x any) bool { _, ok := x.(*model.Collaboration); return ok }); r != nil {
			e, o = r.elem, r.old.(*model.Collaboration)
		}
		if o == nil || e == nil {
			e = en.create(en.s.root, "collaboration", c.ID)
			o = &model.Collaboration{}
		}
		en.str(e, "name", o.Name, c.Name)
		en.documentation(e, o.Documentation, c.Documentation)
		for _, p := range c.Participants {
			op := oldP[p.ID]
			pe := en.s.byID[p.ID]
			if r := en.reviveID(pe, p.ID, e, func(x any) bool { _, ok := x.(*model.Participant); return ok }); r != nil {
				pe, op = r.elem, r.old.(*model.Participant)
			}
			if op == nil || pe == nil {
				pe = en.create(e, "participant", p.ID)
				op = &model.Participant{}
			} else if pe.Parent() != e {
				en.s.move(pe, e) // to another collaboration (or revived elsewhere)
			}
			en.str(pe, "name", op.Name, p.Name)
			en.documentation(pe, op.Documentation, p.Documentation)
			pref := p.ProcessRef
			if en.gone(pref) {
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

// gone reports an id that was deleted (now or by an earlier Encode) and
// is not back in the model.
func (en *encoder) gone(id string) bool {
	if id == "" || en.newIDs[id] {
		return false
	}
	return en.deleted[id] || (en.s.keep != nil && en.s.keep.byKey[id] != nil)
}

// patchSnap makes the new snapshot say what the document says where a
// model still names deleted elements that Encode left out (attachedToRef,
// default, processRef, flowNodeRef, a data input's sourceRef): when the
// element comes back (an undo), the reference then reads as a change and
// is written again.
func (en *encoder) patchSnap(snap *model.Definitions) {
	if len(en.deleted) == 0 && en.s.keep == nil {
		return
	}
	for _, n := range snap.Nodes {
		if en.gone(n.AttachedTo) {
			n.AttachedTo = ""
		}
		if en.gone(n.Default) {
			n.Default = ""
		}
	}
	for _, c := range snap.Collaborations {
		for _, p := range c.Participants {
			if en.gone(p.ProcessRef) {
				p.ProcessRef = ""
			}
		}
	}
	for _, l := range snap.AllLanes() {
		if slices.ContainsFunc(l.NodeRefs, en.gone) {
			l.NodeRefs = slices.DeleteFunc(l.NodeRefs, en.gone)
		}
	}
	for _, f := range snap.Flows {
		if f.Kind == model.DataInputAssociation && en.gone(f.Source) {
			f.Source = ""
		}
	}
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
			en.drop(p.ID, p)
		}
		en.drop(c.ID, c)
	}
}

// drop removes the element of a deleted id, if it is still there, and
// keeps it with old, what it expressed, for an undo to bring back.
func (en *encoder) drop(id string, old any) {
	if !en.deleted[id] {
		return
	}
	if e := en.s.byID[id]; e != nil {
		en.s.keepID(id, e, old)
		delete(en.s.byID, id)
	}
}

// reviveID brings back the kept element of id when the model has id again
// but the document has no element for it (e == nil) and ok accepts what
// was kept; parent is where it goes when its old parent is gone. The
// revived element drops references to what no longer exists.
func (en *encoder) reviveID(e *etree.Element, id string, parent *etree.Element, ok func(any) bool) *removed {
	if e != nil {
		return nil
	}
	r := en.s.take(id, ok)
	if r == nil {
		return nil
	}
	if !en.s.revive(r, parent) {
		en.s.keep.byKey[id] = r
		return nil
	}
	en.scrub(r.elem)
	en.anyRevived = true
	return r
}

func (en *encoder) processes() {
	old := map[string]*model.Process{}
	for _, p := range en.old.Processes {
		old[p.ID] = p
	}
	for _, p := range en.d.Processes {
		o := old[p.ID]
		e := en.s.byID[p.ID]
		if r := en.reviveID(e, p.ID, en.s.root, func(x any) bool { _, ok := x.(*model.Process); return ok }); r != nil {
			e, o = r.elem, r.old.(*model.Process)
		}
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
		en.drop(p.ID, p)
	}
}

// serialize writes the document the way it was read: same line endings,
// same character encoding (characters it cannot hold become character
// references), BOM kept.
func (s *Source) serialize(buf *bytes.Buffer) error {
	if s.enc != nil && s.nameUnencodable() {
		s.toUTF8()
	}
	var raw bytes.Buffer
	raw.Grow(1 << 16)
	s.writeDoc(&raw)
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

// readsData: kinds whose XML may hold a dataInputAssociation.
func readsData(k model.Kind) bool {
	return k.IsActivity() || k == model.IntermediateThrowEvent || k == model.EndEvent
}

// writesData: kinds whose XML may hold a dataOutputAssociation.
func writesData(k model.Kind) bool {
	return k.IsActivity() || k == model.StartEvent || k == model.IntermediateCatchEvent || k == model.BoundaryEvent
}

// newData reports a data association Encode is to write anew or move (a
// kept one an undo brings back was written before and is not judged).
func (en *encoder) newData(f, o *model.Flow) bool {
	if o != nil && o.Kind == f.Kind {
		return true // judged only if its end changed (see the callers)
	}
	return en.s.keptAs(nil, f.ID, func(x any) bool { g, ok := x.(*model.Flow); return ok && g.Kind == f.Kind }) == nil
}

// nameUnencodable reports an element or attribute name with a character
// the document's encoding cannot hold: a character reference is no use
// in a name, so such a document is saved as UTF-8 instead.
func (s *Source) nameUnencodable() bool {
	enc := s.enc.NewEncoder()
	bad := func(name string) bool {
		for _, r := range name {
			if r >= utf8.RuneSelf {
				if _, err := enc.String(string(r)); err != nil {
					return true
				}
			}
		}
		return false
	}
	var walk func(e *etree.Element) bool
	walk = func(e *etree.Element) bool {
		if bad(e.Space) || bad(e.Tag) {
			return true
		}
		for _, a := range e.Attr {
			if bad(a.Space) || bad(a.Key) {
				return true
			}
		}
		for _, c := range e.Child {
			if x, ok := c.(*etree.Element); ok && walk(x) {
				return true
			}
		}
		return false
	}
	return walk(s.root)
}

var declEncoding = regexp.MustCompile(`encoding\s*=\s*("[^"]*"|'[^']*')`)

// toUTF8 makes the document UTF-8 from now on, declaration included.
func (s *Source) toUTF8() {
	s.enc, s.encName = nil, "UTF-8"
	for _, t := range s.doc.Child {
		if pi, ok := t.(*etree.ProcInst); ok && pi.Target == "xml" {
			pi.Inst = declEncoding.ReplaceAllString(pi.Inst, `encoding="UTF-8"`)
		}
	}
}
