package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	lcanvas "lanemap/canvas"
	"lanemap/edit"
	"lanemap/model"
)

// toolButton is an icon button that names itself in the status bar while
// the pointer rests on it (Fyne has no tooltips), and can show that its
// tool is the active one.
type toolButton struct {
	widget.Button
	hint   string
	onHint func(string)
}

func newToolButton(icon fyne.Resource, hint string, onHint func(string), tapped func()) *toolButton {
	b := &toolButton{}
	b.setup(icon, hint, onHint, tapped)
	b.ExtendBaseWidget(b)
	return b
}

// setup fills in a tool button (the caller extends the base widget with
// the outermost type, so its own methods are the ones used).
func (b *toolButton) setup(icon fyne.Resource, hint string, onHint func(string), tapped func()) {
	b.hint, b.onHint = hint, onHint
	b.Icon = icon
	b.OnTapped = tapped
	b.Importance = widget.LowImportance
}

// MouseIn shows the button's name.
func (b *toolButton) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	if b.onHint != nil {
		b.onHint(b.hint)
	}
}

var _ desktop.Hoverable = (*toolButton)(nil)

// kindButton is a palette button that places an element: a click arms the
// map's create tool, and a drag carries a new element onto the map (an
// intermediate event onto an activity's border attaches it there).
type kindButton struct {
	toolButton
	tool   lcanvas.Tool
	editor func() *lcanvas.Editor
	placed func()
}

func newKindButton(t lcanvas.Tool, icon fyne.Resource, hint string, onHint func(string), tapped func(), editor func() *lcanvas.Editor, placed func()) *kindButton {
	b := &kindButton{tool: t, editor: editor, placed: placed}
	b.setup(icon, hint, onHint, tapped)
	b.ExtendBaseWidget(b)
	return b
}

// Dragged shows the new element over the map.
func (b *kindButton) Dragged(ev *fyne.DragEvent) {
	if e := b.editor(); e != nil && !b.Disabled() {
		e.DragNew(b.tool, ev.AbsolutePosition)
	}
}

// DragEnd places it where the pointer left it, on the map.
func (b *kindButton) DragEnd() {
	if e := b.editor(); e != nil && e.DropNew() && b.placed != nil {
		b.placed()
	}
}

var _ fyne.Draggable = (*kindButton)(nil)

// palette is the toolbar: tools, element kinds to place, lane commands,
// undo/redo, zoom and the handovers toggle.
type palette struct {
	app       *App
	bar       fyne.CanvasObject
	tools     map[lcanvas.Tool]*toolButton
	active    lcanvas.Tool
	undo      *toolButton
	redo      *toolButton
	handovers *toolButton
	docOnly   []fyne.Disableable
}

func newPalette(a *App) *palette {
	p := &palette{app: a, tools: map[lcanvas.Tool]*toolButton{}}
	hint := func(s string) { a.status.setHint(s) }
	tool := func(t lcanvas.Tool, icon fyne.Resource, name string) fyne.CanvasObject {
		b := newToolButton(icon, name, hint, func() { p.setTool(t) })
		p.tools[t] = b
		p.docOnly = append(p.docOnly, b)
		return b
	}
	editor := func() *lcanvas.Editor { return a.editor }
	placed := func() { p.markActive(a.editor.Tool()) }
	// Element buttons arm a create tool or drag a new element onto the map.
	create := func(t lcanvas.Tool, icon fyne.Resource, name string) fyne.CanvasObject {
		b := newKindButton(t, icon, name, hint, func() { p.setTool(t) }, editor, placed)
		p.tools[t] = &b.toolButton
		p.docOnly = append(p.docOnly, b)
		return b
	}
	kind := func(k model.Kind, icon fyne.Resource) fyne.CanvasObject {
		return create(lcanvas.CreateTool(k), icon, KindName(k))
	}
	action := func(icon fyne.Resource, name string, do func()) *toolButton {
		b := newToolButton(icon, name, hint, do)
		p.docOnly = append(p.docOnly, b)
		return b
	}
	sep := func() fyne.CanvasObject { return widget.NewSeparator() }
	// An intermediate catch event with a trigger, placed whole (one step).
	defTool := func(def string, icon fyne.Resource, name string) fyne.CanvasObject {
		return create(lcanvas.CreateTypedTool(edit.Spec{Kind: model.IntermediateCatchEvent, EventDefs: []string{def}}), icon, name)
	}

	p.undo = action(theme.ContentUndoIcon(), lang.X("menu.undo", "Undo"), a.undo)
	p.redo = action(theme.ContentRedoIcon(), lang.X("menu.redo", "Redo"), a.redo)
	p.handovers = action(iconHandovers, lang.X("palette.handovers", "Handovers: mark them and list them (Ctrl+H)"), func() { a.setHandovers(!a.showHandovers) })
	items := []fyne.CanvasObject{
		tool(lcanvas.Select, iconSelect, lang.X("tool.select", "Select and move")),
		tool(lcanvas.Hand, iconHand, lang.X("tool.hand", "Hand: drag to pan (or hold Space)")),
		tool(lcanvas.Connect, iconConnect, lang.X("tool.connect", "Connect: drag from one element to another")),
		sep(),
		kind(model.Task, iconTask),
		kind(model.UserTask, iconUserTask),
		kind(model.ManualTask, iconManualTask),
		kind(model.ServiceTask, iconServiceTask),
		kind(model.SubProcess, iconSubProcess),
		kind(model.CallActivity, iconCall),
		sep(),
		kind(model.StartEvent, iconStart),
		kind(model.IntermediateThrowEvent, iconIntermed),
		defTool(model.TimerDef, iconTimer, lang.X("tool.timer", "Timer event (wait until a time)")),
		defTool(model.MessageDef, iconMessage, lang.X("tool.message", "Message event (wait for a message)")),
		kind(model.EndEvent, iconEnd),
		sep(),
		kind(model.ExclusiveGateway, iconXor),
		kind(model.ParallelGateway, iconAnd),
		kind(model.InclusiveGateway, iconOr),
		kind(model.EventBasedGateway, iconEventGw),
		sep(),
		kind(model.DataObjectReference, iconDataObject),
		kind(model.DataStoreReference, iconDataStore),
		kind(model.TextAnnotation, iconAnnotation),
		kind(model.ParticipantKind, iconPool),
		action(iconLaneAbove, lang.X("tool.laneAbove", "Add lane above the selected lane"), func() { a.addLane(true) }),
		action(iconLaneBelow, lang.X("tool.laneBelow", "Add lane below the selected lane"), func() { a.addLane(false) }),
		sep(),
		action(iconAlignLeft, lang.X("tool.alignLeft", "Align left (Ctrl+Shift+Left)"), func() { a.align(edit.AlignLeft) }),
		action(iconAlignTop, lang.X("tool.alignTop", "Align top (Ctrl+Shift+Up)"), func() { a.align(edit.AlignTop) }),
		action(iconDistH, lang.X("menu.distributeH", "Distribute horizontally"), func() { a.distribute(edit.Horizontal) }),
		action(iconDistV, lang.X("menu.distributeV", "Distribute vertically"), func() { a.distribute(edit.Vertical) }),
		sep(),
		p.undo, p.redo,
		sep(),
		action(theme.ZoomOutIcon(), lang.X("menu.zoomOut", "Zoom out"), func() { a.editor.ZoomOut(); a.status.setZoom(a.editor.Zoom()) }),
		action(theme.ZoomInIcon(), lang.X("menu.zoomIn", "Zoom in"), func() { a.editor.ZoomIn(); a.status.setZoom(a.editor.Zoom()) }),
		action(theme.ZoomFitIcon(), lang.X("menu.zoomFit", "Fit the map"), func() { a.editor.ZoomFit(); a.status.setZoom(a.editor.Zoom()) }),
		sep(),
		p.handovers,
	}
	p.bar = container.NewHBox(items...)
	p.markActive(lcanvas.Select)
	return p
}

// setTool makes t the canvas's tool and marks its button.
func (p *palette) setTool(t lcanvas.Tool) {
	p.app.editor.SetTool(t)
	p.markActive(t)
	p.app.win.Canvas().Focus(p.app.editor)
}

func (p *palette) markActive(t lcanvas.Tool) {
	p.active = t
	for tt, b := range p.tools {
		imp := widget.LowImportance
		if tt == t {
			imp = widget.HighImportance
		}
		if b.Importance != imp {
			b.Importance = imp
			b.Refresh()
		}
	}
}

// setHandovers shows whether the handovers toggle is on.
func (p *palette) setHandovers(on bool) {
	imp := widget.LowImportance
	if on {
		imp = widget.HighImportance
	}
	p.handovers.Importance = imp
	p.handovers.Refresh()
}

func (p *palette) setEnabled(on bool) {
	for _, w := range p.docOnly {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}

// updateUndo enables undo/redo by the stack and names the step.
func (p *palette) updateUndo(doc *document) {
	canUndo := doc != nil && doc.sess.Stack.CanUndo()
	canRedo := doc != nil && doc.sess.Stack.CanRedo()
	set := func(b *toolButton, on bool, base, label string) {
		if label != "" {
			b.hint = base + ": " + label
		} else {
			b.hint = base
		}
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	var ul, rl string
	if doc != nil {
		ul, rl = StepName(doc.sess.Stack.UndoLabel()), StepName(doc.sess.Stack.RedoLabel())
	}
	set(p.undo, canUndo, lang.X("menu.undo", "Undo"), ul)
	set(p.redo, canRedo, lang.X("menu.redo", "Redo"), rl)
}
