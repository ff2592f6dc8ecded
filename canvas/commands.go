package canvas

import (
	"errors"
	"math"
	"slices"

	"fyne.io/fyne/v2/lang"

	"lanemap/edit"
	"lanemap/model"
)

// The methods here turn a key or gesture into one session command and
// move the selection to where the user will want to go next.

func (e *Editor) ready() bool { return e.s != nil && e.s.Doc != nil && e.s.Diagram != nil }

// failed reports a refused command (the model is unchanged); nothing to
// change is not worth a word.
func (e *Editor) failed(err error) bool {
	if err == nil {
		return false
	}
	if !errors.Is(err, edit.ErrNoChange) {
		e.status(err.Error())
	}
	return true
}

// Undo reverts the last step.
func (e *Editor) Undo() {
	if e.ready() && !e.s.Undo() {
		e.status(lang.X("canvas.status.noundo", "Nothing to undo."))
	}
}

// Redo does the last undone step again.
func (e *Editor) Redo() {
	if e.ready() && !e.s.Redo() {
		e.status(lang.X("canvas.status.noredo", "Nothing to redo."))
	}
}

// SelectAll selects every node of the diagram.
func (e *Editor) SelectAll() {
	if !e.ready() {
		return
	}
	var ids []string
	for _, n := range e.s.Doc.Nodes {
		if e.shapes[n.ID] != nil {
			ids = append(ids, n.ID)
		}
	}
	e.setSelection(ids)
	e.Refresh()
}

// DeleteSelection deletes the selected elements as one step.
func (e *Editor) DeleteSelection() {
	if !e.ready() || len(e.sel) == 0 {
		return
	}
	if !e.failed(e.s.Delete(e.Selection())) {
		e.setSelection(nil)
	}
}

// Copy puts the selected nodes (and the flows among them) on the
// editor's clipboard, which outlives SetSession: copy in one map, paste in
// another.
func (e *Editor) Copy() bool {
	if !e.ready() || len(e.sel) == 0 {
		return false
	}
	c := e.s.Copy(e.Selection())
	if c.Empty() {
		e.status(lang.X("canvas.status.nocopy", "Only steps, events, gateways, data and notes can be copied."))
		return false
	}
	e.clip = c
	return true
}

// Cut copies, then deletes the selection.
func (e *Editor) Cut() {
	if e.Copy() {
		e.DeleteSelection()
	}
}

// Paste inserts the clipboard and selects what was pasted. At the
// pointer when it is over the map and nothing already lies there;
// otherwise pasteStep right and down of where the copies were taken, one
// step further for each copy already there, so repeated pastes cascade
// and a paste never lands exactly on an existing element.
func (e *Editor) Paste() {
	if !e.ready() || e.clip.Empty() {
		return
	}
	box := e.clip.Box
	var at model.Point
	free := false
	if e.hover && e.pointer.X >= 0 && e.pointer.Y >= 0 && e.pointer.X < e.size.Width && e.pointer.Y < e.size.Height {
		p := e.v.toModel(e.pointer)
		at = model.Point{X: snapGrid(p.X), Y: snapGrid(p.Y)}
		free = !e.pasteOverlaps(at.X-box.Center().X, at.Y-box.Center().Y)
	}
	if !free {
		c := box.Center()
		taken := e.cornersTaken()
		// Ends: a taken corner can block at most one step for each
		// copied shape.
		for k := 1; ; k++ {
			d := float64(k) * pasteStep
			at = model.Point{X: c.X + d, Y: c.Y + d}
			if !e.clipLandsOn(taken, d, d) {
				break
			}
		}
	}
	ids, err := e.s.Paste(e.clip, at)
	if !e.failed(err) {
		e.setSelection(ids)
		if len(ids) > 0 {
			e.reveal(ids[0])
		}
		e.Refresh()
	}
}

// pasteStep is how much further right and down each paste that is not
// at the pointer goes, for each copy already there.
const pasteStep = 20

// corner is a shape's top-left corner rounded to whole units: two shapes
// with the same corner lie exactly on one another.
type corner struct{ x, y int64 }

func cornerOf(r model.Rect) corner {
	return corner{int64(math.Round(r.X)), int64(math.Round(r.Y))}
}

// cornersTaken is the set of corners of the diagram's node shapes.
func (e *Editor) cornersTaken() map[corner]bool {
	out := make(map[corner]bool, len(e.shapes))
	for _, n := range e.s.Doc.Nodes {
		if s := e.shapes[n.ID]; s != nil {
			out[cornerOf(s.Bounds)] = true
		}
	}
	return out
}

// clipLandsOn reports whether a clipboard shape moved by dx, dy would lie
// exactly on a node of the diagram (same top-left corner).
func (e *Editor) clipLandsOn(taken map[corner]bool, dx, dy float64) bool {
	for _, cs := range e.clip.Shapes {
		if taken[cornerOf(cs.Bounds.Translate(dx, dy))] {
			return true
		}
	}
	return false
}

// pasteOverlaps reports whether the clipboard's shapes, moved by dx, dy,
// would overlap a step, event, gateway, data object or note; lanes,
// pools, groups and expanded sub-processes hold things and do not count.
func (e *Editor) pasteOverlaps(dx, dy float64) bool {
	box := e.clip.Box.Translate(dx, dy)
	var near []model.Rect // prefilter: a large map, a small clipboard
	for _, n := range e.s.Doc.Nodes {
		s := e.shapes[n.ID]
		if s == nil || n.Kind == model.Group || (n.Kind.IsSubProcess() && s.IsExpanded != nil && *s.IsExpanded) {
			continue
		}
		if s.Bounds.Intersects(box) {
			near = append(near, s.Bounds)
		}
	}
	for _, cs := range e.clip.Shapes {
		r := cs.Bounds.Translate(dx, dy)
		for _, b := range near {
			if b.Intersects(r) {
				return true
			}
		}
	}
	return false
}

// Duplicate copies the selection next to itself and selects the copies.
func (e *Editor) Duplicate() {
	if !e.ready() || len(e.sel) == 0 {
		return
	}
	ids, err := e.s.Duplicate(e.Selection())
	if !e.failed(err) {
		e.setSelection(ids)
		e.Refresh()
	}
}

// AppendNext adds an element of kind k after the selected node, in its
// lane, connected to it, and selects it: Tab, Ctrl+G, Ctrl+E.
func (e *Editor) AppendNext(k model.Kind) { e.appendNext(k) }

func (e *Editor) appendNext(k model.Kind) {
	id := e.single()
	if !e.ready() || !e.isNode(id) {
		e.status(lang.X("canvas.hint.selectfirst", "Select a step first."))
		return
	}
	nid, err := e.s.AppendNext(id, k)
	if e.failed(err) {
		return
	}
	e.setSelection([]string{nid})
	e.reveal(nid)
	e.status(lang.X("canvas.hint.appended", "Type the name of the new step; Tab adds another."))
	e.Refresh()
}

// appendInLane adds the next task in the lane above (-1) or below (+1);
// at the top or bottom lane it adds a lane there first ("New role", "Ny
// roll": the first free such name), in the same undo step. Either way the
// label editor opens on the new task, so what the user types next names it
// and never the step before.
func (e *Editor) appendInLane(dir int) {
	id := e.single()
	if !e.ready() || !e.isNode(id) {
		e.status(lang.X("canvas.hint.selectfirst", "Select a step first."))
		return
	}
	var nid string
	var err error
	if lane := e.adjacentLane(id, dir); lane != "" {
		nid, err = e.s.AppendInLane(id, lane, model.Task)
	} else {
		where := edit.Below
		if dir < 0 {
			where = edit.Above
		}
		_, nid, err = e.s.AppendInNewLane(id, where, lang.X("canvas.newlane.name", "New role"), model.Task)
	}
	if e.failed(err) {
		return
	}
	e.setSelection([]string{nid})
	e.reveal(nid)
	e.Refresh()
	e.startLabelEdit("")
}

// moveToLane moves the selected nodes into the lane above (-1) or below
// (+1) of the first one, keeping their x; a selected lane swaps places
// with its neighbour instead.
func (e *Editor) moveToLane(dir int) {
	if id := e.single(); e.ready() && e.s.Doc.Lane(id) != nil {
		// A lane selected: the lane itself moves among its siblings.
		e.failed(e.s.MoveLane(id, dir))
		e.reveal(id)
		e.Refresh()
		return
	}
	ids := e.selectedNodes()
	if !e.ready() || len(ids) == 0 {
		return
	}
	lane := e.adjacentLane(ids[0], dir)
	ls := e.shapes[lane]
	if ls == nil {
		e.status(lang.X("canvas.status.nolane", "There is no lane there."))
		return
	}
	c := e.shapes[ids[0]].Bounds.Center()
	dy := snapGrid(ls.Bounds.Center().Y) - c.Y
	e.failed(e.s.MoveNodes(ids, 0, dy))
	e.reveal(ids[0])
	e.Refresh()
}

// adjacentLane is the leaf lane next to the node's lane, above (-1) or
// below (+1), within the same pool; lanes are ordered by where they are
// drawn (vertical pools: left to right).
func (e *Editor) adjacentLane(id string, dir int) string {
	d := e.s.Doc
	cur := d.LaneOf(id)
	if cur == nil {
		return ""
	}
	p := d.LaneProcess(cur.ID)
	if p == nil {
		return ""
	}
	var leaves []*model.Shape
	var walk func([]*model.Lane)
	walk = func(ls []*model.Lane) {
		for _, l := range ls {
			if len(l.Children) > 0 {
				walk(l.Children)
			} else if s := e.shapes[l.ID]; s != nil {
				leaves = append(leaves, s)
			}
		}
	}
	walk(p.Lanes)
	vertical := false
	if cs := e.shapes[cur.ID]; cs != nil && cs.IsHorizontal != nil && !*cs.IsHorizontal {
		vertical = true
	}
	slices.SortStableFunc(leaves, func(a, b *model.Shape) int {
		if vertical {
			return cmpF(a.Bounds.X, b.Bounds.X)
		}
		return cmpF(a.Bounds.Y, b.Bounds.Y)
	})
	for i, s := range leaves {
		if s.Element == cur.ID {
			if j := i + dir; j >= 0 && j < len(leaves) {
				return leaves[j].Element
			}
			return ""
		}
	}
	return ""
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// nudge moves the selection one grid step with Shift+arrow.
func (e *Editor) nudge(dir direction) {
	ids := e.selectedNodes()
	if !e.ready() || len(ids) == 0 {
		return
	}
	dx, dy := 0.0, 0.0
	switch dir {
	case dirRight:
		dx = gridStep
	case dirLeft:
		dx = -gridStep
	case dirUp:
		dy = -gridStep
	case dirDown:
		dy = gridStep
	}
	e.failed(e.s.MoveNodes(ids, dx, dy))
}

// place puts a new element of spec sp centred on p (to the grid), in
// whatever lane, pool or expanded sub-process lies there, as one step, and
// selects it; an intermediate event near an activity's border becomes its
// boundary event there.
func (e *Editor) place(sp edit.Spec, p model.Point) {
	if !e.ready() {
		return
	}
	host, at := e.createTarget(sp, p)
	container := host
	if host == "" {
		container = e.containerAt(at)
	}
	id, err := e.s.AddTyped(sp, container, at)
	e.SetTool(Select)
	e.hoverHost = ""
	if e.failed(err) {
		return
	}
	e.status("") // the tool's "click where" hint is done
	e.setSelection([]string{id})
	e.Refresh()
}

// containerAt is the innermost lane, pool or sub-process at p, else the
// diagram's own process (or collaboration).
func (e *Editor) containerAt(p model.Point) string {
	d := e.s.Doc
	if e.scene != nil {
		for _, id := range e.scene.HitTest(p, 0) {
			switch el := d.Element(id).(type) {
			case *model.Lane, *model.Participant:
				return id
			case *model.Node:
				if el.Kind.IsSubProcess() {
					return id
				}
			}
		}
	}
	return e.s.Diagram.Element
}

// connect joins two elements and selects the new flow's source again, so
// Tab goes on from there.
func (e *Editor) connect(src, tgt string) {
	if _, err := e.s.Connect(src, tgt); !e.failed(err) {
		e.status(lang.X("canvas.status.connected", "Connected."))
	}
}
