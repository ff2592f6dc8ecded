package canvas

import (
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"

	"lanemap/model"
)

// KeyHelp is one line of the editor's key map: the keys and what they do,
// in the user's language.
type KeyHelp struct {
	Keys   string
	Action string
}

// KeyMap lists the editor's keys and mouse gestures for the app's Help
// window (doc.go has the same table). Both columns are translated: key
// names too (Swedish keyboards say Skift, Tabb, Retur, Mellanslag).
func KeyMap() []KeyHelp {
	k := func(id, keys, action string) KeyHelp {
		return KeyHelp{Keys: lang.X("canvas.keys."+id, keys), Action: lang.X("canvas.key."+id, action)}
	}
	return []KeyHelp{
		k("next", "Tab, Ctrl+→", "Add the next task after the selection, in its lane"),
		k("gateway", "Ctrl+G", "Add an exclusive gateway after the selection"),
		k("end", "Ctrl+E", "Add an end event after the selection"),
		k("nextlane", "Ctrl+↑, Ctrl+↓", "Add the next task in the lane above or below (a handover); at the top or bottom lane, in a new lane"),
		k("movelane", "Alt+↑, Alt+↓", "Move the selection to the lane above or below; a selected lane swaps with its neighbour"),
		k("walk", "→ ←", "Go to the next or previous step along the flow"),
		k("siblings", "↑ ↓", "Go to a parallel step (another branch)"),
		k("back", "Shift+Tab", "Go back to a predecessor"),
		k("ends", "Home, End", "Go to a start event, an end event (again: the next one)"),
		k("nudge", "Shift+arrows", "Nudge the selection by one grid step"),
		k("type", "Typing a letter", "Rename the selection, starting with that letter"),
		k("rename", "Enter, F2", "Edit the label"),
		k("label", "In a label: Enter, Shift+Enter, Tab, Esc", "Save; new line; save and add the next task; cancel"),
		k("escape", "Esc", "Cancel the gesture, then the tool, then the selection"),
		k("delete", "Delete, Backspace", "Delete the selection"),
		k("undo", "Ctrl+Z", "Undo"),
		k("redo", "Ctrl+Shift+Z, Ctrl+Y", "Redo"),
		k("clipboard", "Ctrl+C, Ctrl+X, Ctrl+V", "Copy, cut, paste (at the pointer when that spot is free, else just below and right of the copied steps)"),
		k("duplicate", "Ctrl+D", "Duplicate the selection"),
		k("all", "Ctrl+A", "Select everything"),
		k("zoom", "Ctrl++, Ctrl+-", "Zoom in, zoom out"),
		k("fit", "Ctrl+0", "Fit the map, never below 85 % so text stays readable; a bigger map shows its start"),
		k("fitall", "Ctrl+Shift+0", "The whole map in the window, however small (overview)"),
		k("actual", "Ctrl+1", "Actual size (100 %)"),
		k("page", "Page Up, Page Down", "Scroll a screen up or down"),
		k("click", "Click, Shift+click", "Select; add to or remove from the selection"),
		k("dblclick", "Double-click", "Edit the label"),
		k("drag", "Drag", "Move the selection (snaps to the grid and to other shapes); on a pool's header: move the pool; on empty space: select with a frame"),
		k("handles", "Drag a handle", "Corners resize; the round handle connects to another element; the ends of a selected flow reconnect it"),
		k("laneheader", "Drag a lane's header", "Move the lane above or below its neighbours, with its steps"),
		k("boundary", "Drag an event onto a task's border", "Attach it as a boundary event (also a new one from the toolbar); drag a boundary event along the border to move it, well away to detach it"),
		k("laneedge", "Drag a lane border", "Make one lane taller and its neighbour shorter; a pool's outer edge grows the pool"),
		k("wheel", "Wheel, Shift+wheel, Ctrl+wheel", "Scroll; scroll sideways; zoom at the pointer"),
		k("pan", "Space+drag, middle-drag", "Pan the map"),
	}
}

// AcceptsTab keeps Tab for "add the next step" instead of moving focus.
func (e *Editor) AcceptsTab() bool { return true }

// FocusGained is part of fyne.Focusable.
func (e *Editor) FocusGained() {}

// FocusLost forgets held keys: their KeyUp goes elsewhere.
func (e *Editor) FocusLost() {
	e.keyMods, e.space = 0, false
}

// KeyDown tracks modifiers and Space (held Space pans).
func (e *Editor) KeyDown(k *fyne.KeyEvent) {
	switch k.Name {
	case desktop.KeyShiftLeft, desktop.KeyShiftRight:
		e.keyMods |= fyne.KeyModifierShift
	case desktop.KeyControlLeft, desktop.KeyControlRight:
		e.keyMods |= fyne.KeyModifierControl
	case desktop.KeyAltLeft, desktop.KeyAltRight:
		e.keyMods |= fyne.KeyModifierAlt
	case desktop.KeySuperLeft, desktop.KeySuperRight:
		e.keyMods |= fyne.KeyModifierSuper
	case fyne.KeySpace:
		e.space = true
	}
}

// KeyUp tracks modifiers and Space.
func (e *Editor) KeyUp(k *fyne.KeyEvent) {
	switch k.Name {
	case desktop.KeyShiftLeft, desktop.KeyShiftRight:
		e.keyMods &^= fyne.KeyModifierShift
	case desktop.KeyControlLeft, desktop.KeyControlRight:
		e.keyMods &^= fyne.KeyModifierControl
	case desktop.KeyAltLeft, desktop.KeyAltRight:
		e.keyMods &^= fyne.KeyModifierAlt
	case desktop.KeySuperLeft, desktop.KeySuperRight:
		e.keyMods &^= fyne.KeyModifierSuper
	case fyne.KeySpace:
		e.space = false
	}
}

// TypedRune starts the label editor with the typed character, so naming a
// selected step is just typing. Space is kept for panning.
func (e *Editor) TypedRune(r rune) {
	e.holdView()
	// No modifier check: the driver sends runes only for text input, and
	// AltGr (which may look like Alt) types @ £ $ { } on Nordic layouts.
	if e.editing != "" || !unicode.IsPrint(r) || unicode.IsSpace(r) || e.single() == "" {
		return
	}
	e.startLabelEdit(string(r))
}

// TypedKey handles the keys without Ctrl or Alt (those come as shortcuts).
func (e *Editor) TypedKey(k *fyne.KeyEvent) {
	e.holdView()
	shift := e.heldMods()&fyne.KeyModifierShift != 0
	switch k.Name {
	case fyne.KeyTab:
		if shift {
			e.walkTo(dirLeft)
		} else {
			e.appendNext(model.Task)
		}
	case fyne.KeyRight, fyne.KeyLeft, fyne.KeyUp, fyne.KeyDown:
		dir := map[fyne.KeyName]direction{fyne.KeyRight: dirRight, fyne.KeyLeft: dirLeft, fyne.KeyUp: dirUp, fyne.KeyDown: dirDown}[k.Name]
		if shift {
			e.nudge(dir)
		} else {
			e.walkTo(dir)
		}
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyF2:
		e.StartLabelEdit()
	case fyne.KeyEscape:
		e.escape()
	case fyne.KeyDelete, fyne.KeyBackspace:
		e.DeleteSelection()
	case fyne.KeyHome:
		e.selectKind(model.StartEvent)
	case fyne.KeyEnd:
		e.selectKind(model.EndEvent)
	case fyne.KeyPageUp, fyne.KeyPageDown:
		h := e.size.Height * 0.8
		if k.Name == fyne.KeyPageUp {
			h = -h
		}
		e.v, e.needFit = e.v.pan(0, -h), false
		e.Refresh()
	default:
		if e.OnUnhandledKey != nil {
			e.OnUnhandledKey(k)
		}
	}
}

// TypedShortcut handles Ctrl and Alt combinations; the app's menus, when
// they hold the same shortcuts, get them first and call the same methods.
func (e *Editor) TypedShortcut(s fyne.Shortcut) {
	e.holdView() // Ctrl+0 fits again
	switch s := s.(type) {
	case *fyne.ShortcutUndo:
		e.Undo()
	case *fyne.ShortcutRedo:
		e.Redo()
	case *fyne.ShortcutCopy:
		e.Copy()
	case *fyne.ShortcutCut:
		e.Cut()
	case *fyne.ShortcutPaste:
		e.Paste()
	case *fyne.ShortcutSelectAll:
		e.SelectAll()
	case *desktop.CustomShortcut:
		e.customShortcut(s.KeyName, s.Modifier)
	}
}

func (e *Editor) customShortcut(key fyne.KeyName, mod fyne.KeyModifier) {
	ctrl := fyne.KeyModifierControl
	if mod&fyne.KeyModifierSuper != 0 && mod&ctrl == 0 { // macOS
		mod = mod&^fyne.KeyModifierSuper | ctrl
	}
	switch mod {
	case ctrl:
		switch key {
		case fyne.KeyZ:
			e.Undo()
		case fyne.KeyY:
			e.Redo()
		case fyne.KeyC:
			e.Copy()
		case fyne.KeyX:
			e.Cut()
		case fyne.KeyV:
			e.Paste()
		case fyne.KeyA:
			e.SelectAll()
		case fyne.KeyD:
			e.Duplicate()
		case fyne.KeyRight:
			e.appendNext(model.Task)
		case fyne.KeyG:
			e.appendNext(model.ExclusiveGateway)
		case fyne.KeyE:
			e.appendNext(model.EndEvent)
		case fyne.KeyUp:
			e.appendInLane(-1)
		case fyne.KeyDown:
			e.appendInLane(+1)
		case fyne.KeyPlus, fyne.KeyEqual:
			e.ZoomIn()
		case fyne.KeyMinus:
			e.ZoomOut()
		case fyne.Key0:
			e.ZoomFit()
		case fyne.Key1:
			e.SetZoom(1)
		case fyne.KeyReturn, fyne.KeyEnter:
			e.StartLabelEdit()
		}
	case ctrl | fyne.KeyModifierShift:
		switch key {
		case fyne.KeyZ:
			e.Redo()
		case fyne.KeyEqual, fyne.KeyPlus: // Ctrl++ on most layouts
			e.ZoomIn()
		case fyne.Key0:
			e.ZoomFitAll()
		}
	case fyne.KeyModifierAlt:
		switch key {
		case fyne.KeyUp:
			e.moveToLane(-1)
		case fyne.KeyDown:
			e.moveToLane(+1)
		}
	}
}

// selectKind selects the next node of kind k after the selected one (in
// document order, wrapping), so Home and End cycle through the start and
// end events.
func (e *Editor) selectKind(k model.Kind) {
	if !e.ready() {
		return
	}
	nodes := e.s.Doc.Nodes
	from := -1
	for i, n := range nodes {
		if n.ID == e.single() {
			from = i
		}
	}
	for j := 1; j <= len(nodes); j++ {
		n := nodes[(from+j+len(nodes))%len(nodes)]
		if n.Kind == k && e.shapes[n.ID] != nil {
			e.setSelection([]string{n.ID})
			e.reveal(n.ID)
			e.Refresh()
			return
		}
	}
}

// escape backs out one level: a gesture, then a create tool, then the
// selection.
func (e *Editor) escape() {
	switch {
	case e.drag.kind != dragNone:
		e.drag = gesture{}
		e.dragCancelled = true // ignore the rest of this drag
	case e.tool != Select:
		e.SetTool(Select)
	default:
		e.setSelection(nil)
	}
	e.Refresh()
}

// walkTo moves the selection along the flow; with nothing selected it
// picks the first start event (or the first node).
func (e *Editor) walkTo(dir direction) {
	if e.s == nil || e.s.Doc == nil {
		return
	}
	from := e.single()
	if from == "" && len(e.sel) > 0 {
		from = e.sel[len(e.sel)-1]
	}
	var to string
	if from == "" || !e.isNode(from) {
		for _, n := range e.s.Doc.Nodes {
			if e.shapes[n.ID] == nil || !n.Kind.IsFlowNode() {
				continue
			}
			if to == "" || n.Kind == model.StartEvent {
				to = n.ID
				if n.Kind == model.StartEvent {
					break
				}
			}
		}
	} else {
		to = walk(e.s.Doc, e.shapes, from, dir)
	}
	if to == "" {
		return
	}
	e.setSelection([]string{to})
	e.reveal(to)
	e.Refresh()
}
