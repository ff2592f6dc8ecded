package canvas

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"lanemap/draw"
	"lanemap/model"
)

// StartLabelEdit opens the in-place editor on the single selected element
// with its current label, all selected, so typing replaces it.
func (e *Editor) StartLabelEdit() {
	if id := e.single(); id != "" {
		e.startLabelEdit("")
	}
}

// startLabelEdit opens the editor; a non-empty first replaces the label
// with what the user began to type.
func (e *Editor) startLabelEdit(first string) {
	id := e.single()
	if id == "" || e.s == nil {
		return
	}
	name, ok := labelOf(e.s.Doc, id)
	if !ok {
		return
	}
	e.drag = gesture{}
	e.editing = id
	e.reveal(id)
	if first != "" {
		e.label.SetText(first)
		e.label.CursorRow, e.label.CursorColumn = 0, len([]rune(first))
	} else {
		e.label.SetText(name)
		e.label.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
	e.labelHolder.Show()
	e.Refresh()
	if c := canvasOf(e); c != nil {
		c.Focus(e.label)
	}
	e.status(lang.X("canvas.hint.label", "Enter saves, Shift+Enter breaks the line, Tab saves and adds the next task, Esc cancels."))
}

// labelOf returns the editable text of an element: a node's name (a text
// annotation's text), a flow's, lane's or pool's name.
func labelOf(d *model.Definitions, id string) (string, bool) {
	switch el := d.Element(id).(type) {
	case *model.Node:
		if el.Kind == model.TextAnnotation {
			return el.Text, true
		}
		return el.Name, true
	case *model.Flow:
		return el.Name, true
	case *model.Lane:
		return el.Name, true
	case *model.Participant:
		return el.Name, true
	}
	return "", false
}

// commitLabel ends editing and renames when the text changed.
func (e *Editor) commitLabel() {
	id := e.editing
	if id == "" {
		return
	}
	text := e.label.Text
	e.closeLabel()
	if old, ok := labelOf(e.s.Doc, id); ok && old != text {
		e.failed(e.s.Rename(id, text))
	}
	e.Refresh()
}

// cancelLabel ends editing and keeps the old label.
func (e *Editor) cancelLabel() {
	if e.editing == "" {
		return
	}
	e.closeLabel()
	e.Refresh()
}

func (e *Editor) closeLabel() {
	e.editing = "" // first: the focus change below calls FocusLost → commit
	e.labelHolder.Hide()
	e.status("") // the editor's key hint is over
	e.focus()
}

// labelBox places the label editor over its element at the current zoom:
// over the shape for activities and annotations, under it for events,
// gateways and data (whose labels sit outside), at the header of lanes and
// pools, and at the middle of a flow.
func (e *Editor) labelBox(textSize float32) (fyne.Position, fyne.Size) {
	id := e.editing
	b, _ := e.boundsOf(id)
	var m model.Rect
	lb, hasLabel := e.labelItemBox(id)
	switch el := e.s.Doc.Element(id).(type) {
	case *model.Node:
		switch {
		case el.Kind.IsActivity() || el.Kind == model.TextAnnotation || el.Kind == model.Group:
			m = b
		case hasLabel:
			m = lb
		default:
			w := max(b.W, 120)
			m = model.Rect{X: b.Center().X - w/2, Y: b.Y + b.H + 4, W: w, H: 50}
		}
	case *model.Lane, *model.Participant:
		m = model.Rect{X: b.X, Y: b.Y, W: min(b.W, 240), H: min(b.H, 80)}
	default:
		if hasLabel {
			m = lb
		} else {
			c := b.Center()
			m = model.Rect{X: c.X - 70, Y: c.Y - 25, W: 140, H: 50}
		}
	}
	pos, size := e.v.rectToScreen(m)
	minW, minH := max(150, 8*textSize), max(64, 3*textSize)
	if size.Width < minW {
		pos.X -= (minW - size.Width) / 2
		size.Width = minW
	}
	if size.Height < minH {
		pos.Y -= (minH - size.Height) / 2
		size.Height = minH
	}
	return pos, size
}

// labelItemBox is where the scene draws the element's label (external
// labels of events, gateways, data and flows), if it has one.
func (e *Editor) labelItemBox(id string) (model.Rect, bool) {
	if e.scene == nil {
		return model.Rect{}, false
	}
	for i := range e.scene.Items {
		it := &e.scene.Items[i]
		if it.Element == id && it.Part == draw.PartLabel && it.Text != nil && !it.Text.Vertical {
			return it.Text.Box, true
		}
	}
	return model.Rect{}, false
}

// labelTextSize is the on-screen size of an element's label text, so the
// editor's text matches the picture under it.
func (e *Editor) labelTextSize(id string) float32 {
	if e.scene != nil {
		for i := range e.scene.Items {
			it := &e.scene.Items[i]
			if it.Element == id && it.Part == draw.PartLabel && it.Text != nil {
				return float32(it.Text.Size * e.v.zoom)
			}
		}
	}
	return float32(12 * e.v.zoom)
}
