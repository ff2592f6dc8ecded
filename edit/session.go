package edit

import (
	"errors"
	"fmt"
	"slices"

	"lanemap/model"
)

// Session is one open document in the editor: the model, the diagram being
// edited, and the undo history. Every method is one user intent and one
// undo step; a method that fails changes nothing.
type Session struct {
	Doc     *model.Definitions
	Diagram *model.Diagram
	Stack   *Stack
	// OnChange, when set, is called after every successful change, undo
	// and redo with what was touched.
	OnChange func(Change)
	// ReadOnly refuses every change, undo and redo with ErrReadOnly (a
	// file another instance holds the lock on).
	ReadOnly bool
	// Guard, when set, is asked before every change (not undo or redo)
	// with the step's label; an error refuses the change and is returned,
	// so the app can ask first (deleting a lane with steps, say).
	Guard func(label string) error

	di diIndex
	g  graph
}

// NewSession opens d for editing in diagram g. A nil g means the first
// diagram; a document with no diagram gets one whose plane shows its first
// collaboration or process (an empty document gets an empty process).
func NewSession(d *model.Definitions, g *model.Diagram) *Session {
	if d == nil {
		d = &model.Definitions{ID: model.NewID("Definitions")}
	}
	if g == nil {
		for _, x := range d.Diagrams {
			if x != nil {
				g = x
				break
			}
		}
		if g == nil {
			g = &model.Diagram{ID: model.NewID("BPMNDiagram"), PlaneID: model.NewID("BPMNPlane")}
			switch {
			case len(d.Collaborations) > 0:
				g.Element = d.Collaborations[0].ID
			case len(d.Processes) > 0:
				g.Element = d.Processes[0].ID
			default:
				p := &model.Process{ID: model.NewID(model.ProcessKind)}
				d.Processes = append(d.Processes, p)
				g.Element = p.ID
			}
			d.Diagrams = append(d.Diagrams, g)
			d.Touch()
		}
	}
	s := &Session{Doc: d, Diagram: g, Stack: NewStack()}
	s.di.g = g
	return s
}

// ErrReadOnly is returned for every change to a ReadOnly session.
var ErrReadOnly = errors.New("edit: the document is read-only")

// check refuses a change to a read-only session, then asks Guard.
func (s *Session) check(label string) error {
	if s.ReadOnly {
		return ErrReadOnly
	}
	if s.Guard != nil {
		return s.Guard(label)
	}
	return nil
}

// Undo reverts the last step; false when there was none.
func (s *Session) Undo() bool {
	if s.ReadOnly {
		return false
	}
	c := s.Stack.Undo(s.Doc)
	if c == nil {
		return false
	}
	s.di.reset()
	s.bump()
	s.notify(ChangeOf(c))
	return true
}

// Redo does the last undone step again; false when there was none.
func (s *Session) Redo() bool {
	if s.ReadOnly {
		return false
	}
	c, err := s.Stack.Redo(s.Doc)
	if c == nil || err != nil {
		return false
	}
	s.di.reset()
	s.bump()
	s.notify(ChangeOf(c))
	return true
}

// Do runs an outside command as one step: c must change the model only
// through its own Do and Undo.
func (s *Session) Do(c Command) error {
	if err := s.check(c.Label()); err != nil {
		return err
	}
	if err := c.Do(s.Doc); err != nil {
		return err
	}
	s.di.reset()
	s.bump()
	s.Stack.Push(c)
	s.notify(ChangeOf(c))
	return nil
}

func (s *Session) notify(c Change) {
	if s.OnChange != nil {
		s.OnChange(c)
	}
}

// run records fn as one command named label, pushes it and notifies. Its
// LabelKey is stepKeys[label] without an argument.
func (s *Session) run(label, mergeKey string, fn func(t *tx) error) error {
	return s.runNamed(LabelKey{Key: stepKeys[label]}, label, mergeKey, fn)
}

// runNamed is run with an explicit LabelKey.
func (s *Session) runNamed(lk LabelKey, label, mergeKey string, fn func(t *tx) error) error {
	if err := s.check(label); err != nil {
		return err
	}
	c := &cmd{s: s, label: label, lk: lk, key: mergeKey, fn: fn}
	if err := c.Do(s.Doc); err != nil {
		return err
	}
	s.Stack.Push(c)
	s.notify(c.rec.change)
	return nil
}

// cmd is a command recorded by a tx on its first Do.
type cmd struct {
	s     *Session
	label string
	lk    LabelKey
	key   string // commands with the same non-empty key merge
	fn    func(t *tx) error
	rec   *record
}

var (
	_ Command = (*cmd)(nil)
	_ Merger  = (*cmd)(nil)
	_ Changer = (*cmd)(nil)
	_ Labeled = (*cmd)(nil)
)

// stepKeys gives the LabelKey of the steps whose label is fixed text.
var stepKeys = map[string]string{
	"Move": "move", "Resize": "resize", "Align": "align", "Distribute": "distribute",
	"Paste": "paste", "Duplicate": "duplicate", "Delete": "delete",
	"Connect": "connect", "Reconnect": "reconnect", "Rename": "rename",
	"Edit documentation": "editDocumentation", "Edit links": "editLinks",
	"Edit process data": "editMeta", "Change type": "changeType",
	"Set default flow": "setDefault", "Edit condition": "editCondition",
	"Change event type": "changeEventType", "Edit route": "editRoute",
	"Move label": "moveLabel", "Colour": "colour", "Add pool": "addPool",
	"Add lane": "addLane", "Delete lane": "deleteLane", "Resize lane": "resizeLane",
	"Split lane": "splitLane", "Move lane": "moveLane", "Fit lane": "fitLane",
	"Set role": "setRole",
}

// LabelKeys lists every LabelKey.Key a Session's commands give, for a UI
// that checks it translates them all (doc.go says what each Arg holds).
func LabelKeys() []string {
	return []string{"add", "addLane", "addNode", "addPool", "align", "append", "attach",
		"changeEventType", "changeType", "colour", "connect", "delete", "deleteLane", "detach",
		"distribute", "duplicate", "editCondition", "editDocumentation", "editLinks",
		"editMeta", "editRoute", "fitLane", "move", "moveLabel", "moveLane", "paste",
		"reconnect", "rename", "resize", "resizeLane", "setDefault", "setRole", "splitLane"}
}

// nameOf is the name of the one element ids names ("" for several or none).
func (s *Session) nameOf(ids ...string) string {
	if len(ids) != 1 {
		return ""
	}
	return model.NameOf(s.Doc.Element(ids[0]))
}

// Do runs the command: recording on the first call, replaying after.
func (c *cmd) Do(d *model.Definitions) error {
	if d != c.s.Doc {
		return fmt.Errorf("edit: %s: command belongs to another document", c.label)
	}
	if c.rec != nil {
		c.rec.redo()
		c.s.di.reset()
		c.s.bump()
		return nil
	}
	t := c.s.newTx()
	err := c.fn(t)
	if err == nil {
		err = c.s.settlePools(t)
	}
	if err != nil {
		t.rollback()
		return err
	}
	c.rec = t.finish()
	c.fn = nil
	return nil
}

// Undo reverts what Do recorded.
func (c *cmd) Undo(d *model.Definitions) {
	if c.rec == nil || d != c.s.Doc {
		return
	}
	c.rec.undo()
	c.s.di.reset()
	c.s.bump()
}

// Label names the step for the Edit menu.
func (c *cmd) Label() string { return c.label }

// LabelKey names the step for translation.
func (c *cmd) LabelKey() LabelKey { return c.lk }

// Changed reports what the command touched.
func (c *cmd) Changed() Change {
	if c.rec == nil {
		return Change{}
	}
	return c.rec.change
}

// Merge absorbs next when both carry the same merge key and neither added
// or removed anything: the pair then undoes to c's before values.
func (c *cmd) Merge(next Command) bool {
	n, ok := next.(*cmd)
	if !ok || c.key == "" || n.key != c.key || c.rec == nil || n.rec == nil ||
		len(c.rec.lists) > 0 || len(n.rec.lists) > 0 {
		return false
	}
	have := map[any]bool{}
	for _, st := range c.rec.states {
		have[st.ptr()] = true
		st.capture() // the model now holds next's result
	}
	for _, st := range n.rec.states {
		if !have[st.ptr()] {
			c.rec.states = append(c.rec.states, st)
		}
	}
	for _, id := range n.rec.change.Elements {
		if !slices.Contains(c.rec.change.Elements, id) {
			c.rec.change.Elements = append(c.rec.change.Elements, id)
		}
	}
	c.rec.change.Structure = c.rec.change.Structure || n.rec.change.Structure
	c.rec.reindex = c.rec.reindex || n.rec.reindex
	return true
}

// diIndex maps element ids to the diagram's shapes and edges. It is
// dropped whenever a command adds or removes DI, and rebuilt when the lists
// were changed behind its back (length or backing array differ).
type diIndex struct {
	g      *model.Diagram
	shapes map[string]*model.Shape
	edges  map[string]*model.Edge
	ns, ne int
	s0     **model.Shape
	e0     **model.Edge
	space  spatial
	lines  lineSpace
}

func (x *diIndex) reset() { x.shapes, x.edges, x.space.cells, x.lines.cells = nil, nil, nil, nil }

// appended takes note of one shape or edge appended to the diagram, without
// a rebuild when the index was current before.
func (x *diIndex) appended() {
	g := x.g
	if x.shapes == nil {
		return
	}
	switch {
	case len(g.Shapes) == x.ns+1 && len(g.Edges) == x.ne:
		s := g.Shapes[x.ns]
		if _, dup := x.shapes[s.Element]; !dup {
			x.shapes[s.Element] = s
		}
		x.ns++
	case len(g.Edges) == x.ne+1 && len(g.Shapes) == x.ns:
		e := g.Edges[x.ne]
		if _, dup := x.edges[e.Element]; !dup {
			x.edges[e.Element] = e
		}
		x.ne++
	default:
		x.reset()
		return
	}
	x.s0, x.e0 = nil, nil
	if x.ns > 0 {
		x.s0 = &g.Shapes[0]
	}
	if x.ne > 0 {
		x.e0 = &g.Edges[0]
	}
}

func (x *diIndex) valid() bool {
	g := x.g
	if x.shapes == nil || len(g.Shapes) != x.ns || len(g.Edges) != x.ne {
		return false
	}
	if x.ns > 0 && &g.Shapes[0] != x.s0 {
		return false
	}
	if x.ne > 0 && &g.Edges[0] != x.e0 {
		return false
	}
	return true
}

func (x *diIndex) build() {
	g := x.g
	x.shapes = make(map[string]*model.Shape, len(g.Shapes))
	x.edges = make(map[string]*model.Edge, len(g.Edges))
	for _, s := range g.Shapes {
		if _, dup := x.shapes[s.Element]; !dup {
			x.shapes[s.Element] = s
		}
	}
	for _, e := range g.Edges {
		if _, dup := x.edges[e.Element]; !dup {
			x.edges[e.Element] = e
		}
	}
	x.ns, x.ne, x.s0, x.e0 = len(g.Shapes), len(g.Edges), nil, nil
	if x.ns > 0 {
		x.s0 = &g.Shapes[0]
	}
	if x.ne > 0 {
		x.e0 = &g.Edges[0]
	}
}

func (x *diIndex) shape(id string) *model.Shape {
	if !x.valid() {
		x.build()
	}
	s := x.shapes[id]
	if s != nil && s.Element != id { // re-pointed behind our back
		x.build()
		s = x.shapes[id]
	}
	return s
}

func (x *diIndex) edge(id string) *model.Edge {
	if !x.valid() {
		x.build()
	}
	e := x.edges[id]
	if e != nil && e.Element != id {
		x.build()
		e = x.edges[id]
	}
	return e
}

// Shape returns the shape of an element in the session's diagram, or nil.
func (s *Session) Shape(id string) *model.Shape { return s.di.shape(id) }

// Edge returns the edge of a connecting object in the session's diagram, or nil.
func (s *Session) Edge(id string) *model.Edge { return s.di.edge(id) }
