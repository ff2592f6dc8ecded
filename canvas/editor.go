package canvas

import (
	"image/color"
	"reflect"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lanemap/draw"
	"lanemap/edit"
	"lanemap/model"
)

// Tool is what a primary-button gesture on the canvas does. Besides the
// named tools, any model.Kind converted to Tool (or made by CreateTool)
// places a new element of that kind with one click.
type Tool string

// The tools that are not "create a kind".
const (
	Select  Tool = "select"  // click selects, drag moves or lassos
	Hand    Tool = "hand"    // drag pans
	Connect Tool = "connect" // drag from one element to another connects them
)

// CreateTool returns the tool that places elements of kind k.
func CreateTool(k model.Kind) Tool { return Tool(k) }

// Kind returns the kind a create tool places, or "" for the other tools.
func (t Tool) Kind() model.Kind {
	switch t {
	case Select, Hand, Connect, "":
		return ""
	}
	k, _, _ := strings.Cut(string(t), "#") // CreateTypedTool's details
	return model.Kind(k)
}

// Editor is the process-map editing widget. It paints the static picture
// of the scene as one cached raster and keeps live Fyne objects only for
// what moves: selection outlines and handles, drag previews, the lasso,
// alignment guides and the in-place label editor. Every change goes
// through the edit.Session, one command per gesture.
type Editor struct {
	widget.BaseWidget

	// OnSelectionChanged is called with the new selection whenever it
	// changes, whether by the user or by SetSelection.
	OnSelectionChanged func(ids []string)
	// OnStatus receives short hints and errors for a status bar; "" clears
	// the last hint.
	OnStatus func(msg string)
	// OnUnhandledKey, when set, gets the keys without Ctrl or Alt that the
	// editor has no use for (F1, F5, …): the map keeps the keyboard while
	// the user works in it, so the window's own key handler never sees them.
	OnUnhandledKey func(k *fyne.KeyEvent)

	s      *edit.Session
	hook   int // which SetSession's OnChange hook is live
	scene  *draw.Scene
	shapes map[string]*model.Shape
	opts   draw.Options
	ver    uint64       // bumped whenever the scene changes
	builds int          // full scene builds, for tests
	ext    []model.Rect // painted extent of each scene item (see extents)
	extVer uint64       // the ver ext belongs to
	dirty  dirtySet     // what the cached picture must repaint

	v       view
	size    fyne.Size
	needFit bool          // the view fits the map (and follows resizes) until the user moves it
	fitAll  bool          // ... the whole map (ZoomFitAll), not the readable fit
	pending string        // element to reveal once the widget has a size
	absAt   fyne.Position // where the widget was in the window (followWindow)
	absOK   bool

	sel  []string
	tool Tool
	clip edit.Clipboard

	drag          gesture
	dragCancelled bool // Escape during a drag: ignore it until it ends

	// Input state the driver does not hand over with every event.
	keyMods   fyne.KeyModifier // modifiers held, from KeyDown/KeyUp
	clickMods fyne.KeyModifier // modifiers of the last MouseDown
	space     bool
	pointer   fyne.Position
	hover     bool      // the pointer is over the widget
	hoverEdge edit.Edge // lane edge under the pointer, -1 for none
	hoverHost string    // activity a create tool would attach to (attach.go)
	hoverAt   model.Point
	lastTap   time.Time
	lastTapAt fyne.Position
	now       func() time.Time

	label       *labelEntry
	labelTheme  *labelTheme
	labelHolder *container.ThemeOverride
	editing     string // element whose label is being edited

	r *renderer
}

var (
	_ fyne.Widget            = (*Editor)(nil)
	_ fyne.Focusable         = (*Editor)(nil)
	_ fyne.Tappable          = (*Editor)(nil)
	_ fyne.Draggable         = (*Editor)(nil)
	_ fyne.Scrollable        = (*Editor)(nil)
	_ fyne.Shortcutable      = (*Editor)(nil)
	_ fyne.Tabbable          = (*Editor)(nil)
	_ desktop.Mouseable      = (*Editor)(nil)
	_ desktop.Hoverable      = (*Editor)(nil)
	_ desktop.Keyable        = (*Editor)(nil)
	_ desktop.Cursorable     = (*Editor)(nil)
	_ fyne.SecondaryTappable = (*Editor)(nil)
)

// NewEditor returns an editor showing the session's diagram (s may be nil
// for an empty editor).
func NewEditor(s *edit.Session) *Editor {
	e := &Editor{tool: Select, now: time.Now, v: view{zoom: 1}, hoverEdge: -1}
	e.opts.MarkHandovers = true
	e.label = newLabelEntry()
	e.labelTheme = &labelTheme{size: theme.TextSize()}
	e.labelHolder = container.NewThemeOverride(e.label, e.labelTheme)
	e.labelHolder.Hide()
	e.label.onCommit = e.commitLabel
	e.label.onCancel = e.cancelLabel
	e.label.onTab = func() {
		e.commitLabel()
		e.appendNext(model.Task)
	}
	e.ExtendBaseWidget(e)
	e.SetSession(s)
	return e
}

// SetSession shows another session (after open, reload or File › New):
// the selection is cleared and the view reset (ResetView), whatever zoom
// the last map had. The editor chains itself in front of any OnChange the
// session already has, so set yours first.
func (e *Editor) SetSession(s *edit.Session) {
	e.cancelLabel()
	e.drag = gesture{}
	e.s = s
	e.hook++
	if s != nil {
		// Only the newest hook acts: showing a session again, or a change
		// in a session no longer shown, must not rebuild twice or wrongly.
		prev, hook := s.OnChange, e.hook
		s.OnChange = func(c edit.Change) {
			if e.s == s && e.hook == hook {
				e.changed(c)
			}
			if prev != nil {
				prev(c)
			}
		}
	}
	e.rebuild()
	e.dirty.all()
	e.pending = ""
	e.setSelection(nil)
	e.ResetView()
	if s != nil {
		e.focus() // keyboard first: an opened map takes the keys
	}
}

// Session returns the session being edited (nil when none).
func (e *Editor) Session() *edit.Session { return e.s }

// Selection returns the ids of the selected elements.
func (e *Editor) Selection() []string { return slices.Clone(e.sel) }

// SetSelection selects these elements (unknown ids are dropped) and
// scrolls the first into view, with its label and handles; before the
// widget has a size, on its first layout. A selection made by the app is
// work in the map: the view stops following resizes, as after a click.
func (e *Editor) SetSelection(ids []string) {
	e.setSelection(ids)
	if len(e.sel) > 0 {
		if !e.size.IsZero() { // else the first layout fits, then reveals
			e.needFit = false
		}
		e.reveal(e.sel[0])
	}
	e.Refresh()
}

// SetTool chooses what the primary button does.
func (e *Editor) SetTool(t Tool) {
	if t == "" {
		t = Select
	}
	e.tool = t
	e.hoverHost = ""
	switch {
	case t == Hand:
		e.status(lang.X("canvas.hint.hand", "Drag to pan the map."))
	case t == Connect:
		e.status(lang.X("canvas.hint.connect", "Drag from one element to another to connect them."))
	case t.Kind() != "":
		e.status(lang.X("canvas.hint.create", "Click where the new element goes."))
	}
}

// Tool returns the current tool.
func (e *Editor) Tool() Tool { return e.tool }

// SetHandovers turns the highlight of lane-crossing flows on or off.
func (e *Editor) SetHandovers(on bool) {
	e.opts.MarkHandovers = on
	e.restyle()
}

// SetRoleColors gives lanes of these roles their colours.
func (e *Editor) SetRoleColors(c map[string]color.NRGBA) {
	e.opts.RoleColors = c
	e.restyle()
}

// SetDark switches the picture to dark colours.
func (e *Editor) SetDark(on bool) {
	e.opts.Dark = on
	e.restyle()
}

func (e *Editor) restyle() {
	e.rebuild()
	e.dirty.all()
	e.Refresh()
}

// Zoom returns the zoom factor (1 = one BPMN-DI unit per Fyne unit).
func (e *Editor) Zoom() float64 { return e.v.zoom }

// SetZoom zooms to f about the middle of the widget.
func (e *Editor) SetZoom(f float64) {
	e.needFit = false
	e.v = e.v.zoomAt(f, fyne.NewPos(e.size.Width/2, e.size.Height/2))
	e.viewChanged()
}

// ZoomIn zooms in one step.
func (e *Editor) ZoomIn() { e.SetZoom(e.v.zoom * zoomStep) }

// ZoomOut zooms out one step.
func (e *Editor) ZoomOut() { e.SetZoom(e.v.zoom / zoomStep) }

// ResetView shows a map as it first opens (SetSession calls it): the
// whole map when it fits at a readable zoom (readableZoom, 85 %, or more),
// else the start of the process — the diagram's top-left corner with its
// start event in sight — at 85 %. The view follows resizes until the user
// pans, zooms, clicks or types.
func (e *Editor) ResetView() {
	e.needFit, e.fitAll = true, false
	e.applyFit()
}

// ZoomFit is Ctrl+0: the readable fit of ResetView, so a big map never
// shrinks to unreadable text. ZoomFitAll is the overview.
func (e *Editor) ZoomFit() { e.ResetView() }

// ZoomFitAll is Ctrl+Shift+0: the whole map in the window, at whatever
// zoom that takes (an overview; text may be too small to read).
func (e *Editor) ZoomFitAll() {
	e.needFit, e.fitAll = true, true
	e.applyFit()
}

// applyFit sets the fitted view for the current size (nothing before the
// first layout, which fits then) and reports the zoom.
func (e *Editor) applyFit() {
	if e.size.IsZero() {
		e.Refresh()
		return
	}
	e.v = e.fitted(e.size)
	e.viewChanged()
}

// fitted is the view the fit mode gives a widget of this size.
func (e *Editor) fitted(size fyne.Size) view {
	if e.scene == nil || e.scene.Bounds.W <= 0 || e.scene.Bounds.H <= 0 {
		return view{zoom: 1}
	}
	if e.fitAll {
		return fit(e.scene.Bounds, size)
	}
	v := readableFit(e.scene.Bounds, size)
	if v.zoom <= readableZoom {
		if id := e.startEvent(); id != "" {
			if r, ok := e.revealBox(id, v.zoom); ok {
				v = v.reveal(r, size)
			}
		}
	}
	return v
}

// startEvent is where a process begins: the first start event (document
// order) drawn in this diagram, or "".
func (e *Editor) startEvent() string {
	if !e.ready() {
		return ""
	}
	for _, n := range e.s.Doc.Nodes {
		if n.Kind == model.StartEvent && e.shapes[n.ID] != nil {
			return n.ID
		}
	}
	return ""
}

func (e *Editor) viewChanged() {
	e.status(lang.X("canvas.status.zoom", "Zoom {{.Percent}} %", map[string]any{"Percent": int(e.v.zoom*100 + 0.5)}))
	e.Refresh()
}

// Refresh redraws the overlay, and the picture when the scene or the view
// changed. Session commands refresh by themselves.
func (e *Editor) Refresh() { e.BaseWidget.Refresh() }

// Rebuild re-reads the whole map, for changes made to the model outside
// the session, which the editor cannot see.
func (e *Editor) Rebuild() {
	e.rebuild()
	e.dirty.all()
	e.pruneSelection()
	e.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (e *Editor) CreateRenderer() fyne.WidgetRenderer {
	e.r = newRenderer(e)
	return e.r
}

// Move places the widget; the map stays where it was in the window.
func (e *Editor) Move(p fyne.Position) {
	e.BaseWidget.Move(p)
	if e.size.IsZero() {
		return
	}
	v := e.v
	e.followWindow()
	if v != e.v {
		e.Refresh()
	}
}

// followWindow keeps the map still in the window when the widget's
// position in it changed (a panel on its left or above grew or shrank):
// the view moves by the same amount.
func (e *Editor) followWindow() {
	a := fyne.CurrentApp()
	if a == nil || a.Driver() == nil || !e.Visible() || canvasOf(e) == nil {
		return
	}
	p := a.Driver().AbsolutePositionForObject(e)
	if p.IsZero() {
		// The GL driver's answer when the widget is not in the window's
		// visible tree (being moved between containers): no news. The
		// app's editor never sits at the window's corner.
		return
	}
	if e.absOK && p != e.absAt && !e.needFit {
		e.v.ox += float64(p.X-e.absAt.X) / e.v.zoom
		e.v.oy += float64(p.Y-e.absAt.Y) / e.v.zoom
	}
	e.absAt, e.absOK = p, true
}

// MinSize keeps the canvas usable in a small window.
func (e *Editor) MinSize() fyne.Size { return fyne.NewSize(200, 150) }

// rebuild makes the scene anew from the session's diagram.
func (e *Editor) rebuild() {
	e.ver++
	if e.s == nil || e.s.Doc == nil || e.s.Diagram == nil {
		e.scene, e.shapes = &draw.Scene{}, map[string]*model.Shape{}
		return
	}
	e.scene = draw.Build(e.s.Doc, e.s.Diagram, e.opts)
	e.builds++
	e.shapes = e.s.Diagram.ShapeIndex()
}

// changed follows a command, its undo or redo: the scene is updated and
// the picture repaints the touched elements' old and new extents.
func (e *Editor) changed(c edit.Change) {
	ids := make(map[string]bool, len(c.Elements))
	for _, id := range c.Elements {
		ids[id] = true
	}
	old := e.scene
	switch {
	case old != nil && len(ids) > 0 && e.patch(ids):
		// patch marked what to repaint.
		e.shapes = e.s.Diagram.ShapeIndex()
	case c.Structure || old == nil || len(ids) == 0:
		e.rebuild()
		e.dirty.all()
	default:
		oldExt := extentOf(old, ids)
		e.rebuild()
		e.dirty.add(oldExt)
		e.dirty.add(extentOf(e.scene, ids))
	}
	e.pruneSelection()
	if e.editing != "" && e.s.Doc.Element(e.editing) == nil {
		e.cancelLabel()
	}
	e.Refresh()
}

// patch redraws only the touched elements: draw.Build on a diagram holding
// just their shapes and edges, the new items put in the places of the old
// ones so the paint order stays that of a full build. It declines (false)
// when an element's items changed in number or kind (an element added or
// removed, a flow that now is or no longer is a handover); the caller then
// builds the whole scene. At 5,000 nodes this is what keeps a move well
// under a frame. Scene.Handovers is left as it was: the editor does not
// read it.
func (e *Editor) patch(ids map[string]bool) bool {
	g := e.s.Diagram
	sub := &model.Diagram{ID: g.ID, Name: g.Name, PlaneID: g.PlaneID, Element: g.Element}
	for _, s := range g.Shapes {
		if s != nil && ids[s.Element] {
			switch el := e.s.Doc.Element(s.Element).(type) {
			case *model.Node:
				if el.Kind.IsSubProcess() || el.Kind == model.Group {
					return false // containers draw with what they hold
				}
			case *model.Lane: // a lane's picture does not depend on its nodes
			default:
				return false
			}
			sub.Shapes = append(sub.Shapes, s)
		}
	}
	for _, ed := range g.Edges {
		if ed != nil && ids[ed.Element] {
			sub.Edges = append(sub.Edges, ed)
		}
	}
	part := draw.Build(e.s.Doc, sub, e.opts)
	fresh := map[string][]draw.Item{}
	for _, it := range part.Items {
		if !ids[it.Element] {
			return false
		}
		fresh[it.Element] = append(fresh[it.Element], it)
	}
	// Check every slot before touching the scene.
	type slot struct{ at, from int }
	var slots []slot
	seen := map[string]int{}
	for i := range e.scene.Items {
		id := e.scene.Items[i].Element
		if !ids[id] {
			continue
		}
		k := seen[id]
		f := fresh[id]
		if k >= len(f) || f[k].Part != e.scene.Items[i].Part ||
			(f[k].Path == nil) != (e.scene.Items[i].Path == nil) {
			return false
		}
		slots = append(slots, slot{i, k})
		seen[id] = k + 1
	}
	for id, f := range fresh {
		if seen[id] != len(f) {
			return false
		}
	}
	// Replace, and repaint only what really looks different: a lane
	// whose node list changed is drawn the same.
	extOK := e.extVer == e.ver && len(e.ext) == len(e.scene.Items)
	for _, sl := range slots {
		it := &e.scene.Items[sl.at]
		nw := fresh[it.Element][sl.from]
		if reflect.DeepEqual(*it, nw) {
			continue
		}
		e.dirty.add(itemExtent(it))
		*it = nw
		x := itemExtent(it)
		e.dirty.add(x)
		if extOK {
			e.ext[sl.at] = x
		}
	}
	if part.Bounds.W > 0 || part.Bounds.H > 0 {
		e.scene.Bounds = e.scene.Bounds.Union(part.Bounds)
	}
	e.ver++
	if extOK {
		e.extVer = e.ver
	}
	return true
}

// extents returns the painted extent of every scene item, computed once
// per scene and kept up to date by patch.
func (e *Editor) extents() []model.Rect {
	if e.extVer != e.ver || len(e.ext) != len(e.scene.Items) {
		e.ext = e.ext[:0]
		for i := range e.scene.Items {
			e.ext = append(e.ext, itemExtent(&e.scene.Items[i]))
		}
		e.extVer = e.ver
	}
	return e.ext
}

func (e *Editor) pruneSelection() {
	keep := e.sel[:0:0]
	for _, id := range e.sel {
		if e.s != nil && e.s.Doc != nil && e.s.Doc.Element(id) != nil {
			keep = append(keep, id)
		}
	}
	if len(keep) != len(e.sel) {
		e.setSelection(keep)
	}
}

// setSelection replaces the selection and tells the app when it changed.
func (e *Editor) setSelection(ids []string) {
	var out []string
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] || e.s == nil || e.s.Doc == nil || e.s.Doc.Element(id) == nil {
			continue
		}
		seen[id] = true
		out = append(out, id)
	}
	if slices.Equal(out, e.sel) {
		return
	}
	e.sel = out
	if e.OnSelectionChanged != nil {
		e.OnSelectionChanged(slices.Clone(out))
	}
}

func (e *Editor) selected(id string) bool { return slices.Contains(e.sel, id) }

// selectedNodes lists the selected flow nodes, data and artifacts: what
// moves, aligns and gets deleted together.
func (e *Editor) selectedNodes() []string {
	var out []string
	for _, id := range e.sel {
		if e.isNode(id) {
			out = append(out, id)
		}
	}
	return out
}

func (e *Editor) isNode(id string) bool {
	return e.s != nil && e.s.Doc != nil && e.s.Doc.Node(id) != nil && e.shapes[id] != nil
}

// single returns the one selected element, or "".
func (e *Editor) single() string {
	if len(e.sel) == 1 {
		return e.sel[0]
	}
	return ""
}

// status shows a hint; "" clears the last one.
func (e *Editor) status(msg string) {
	if e.OnStatus != nil {
		e.OnStatus(msg)
	}
}

// reveal scrolls so that element id is on screen with its label and its
// connect handle; before the first layout it is remembered for then.
func (e *Editor) reveal(id string) {
	if e.size.IsZero() {
		e.pending = id
		return
	}
	if r, ok := e.revealBox(id, e.v.zoom); ok {
		if v := e.v.reveal(r, e.size); v != e.v {
			e.v, e.needFit = v, false
		}
	}
}

// revealBox is what must be on screen for an element to be usable: its
// box, its label (events and gateways carry it outside) and, for a flow
// node, the connect handle right of it, which is a fixed screen size.
func (e *Editor) revealBox(id string, zoom float64) (model.Rect, bool) {
	r, ok := e.boundsOf(id)
	if !ok {
		return r, false
	}
	if e.scene != nil && e.s != nil && e.s.Doc != nil && e.s.Doc.Node(id) != nil {
		for i := range e.scene.Items {
			if it := &e.scene.Items[i]; it.Element == id && it.Part == draw.PartLabel && it.Text != nil {
				r = r.Union(it.Text.Box)
			}
		}
		if n := e.s.Doc.Node(id); n.Kind.IsFlowNode() && e.shapes[id] != nil {
			b := e.shapes[id].Bounds
			r = r.Union(model.Rect{X: b.X + b.W, Y: b.Y, W: (connectGap + handleSize) / zoom, H: b.H})
		}
	}
	return r, true
}

// edgeOf is the diagram edge of a flow, or nil.
func (e *Editor) edgeOf(id string) *model.Edge {
	if !e.ready() || e.s.Doc.Flow(id) == nil {
		return nil
	}
	return e.s.Edge(id)
}

// boundsOf is an element's box: its shape, or its scene bounds (flows).
func (e *Editor) boundsOf(id string) (model.Rect, bool) {
	if s := e.shapes[id]; s != nil {
		return s.Bounds, true
	}
	if e.scene != nil {
		for i := range e.scene.Items {
			if it := &e.scene.Items[i]; it.Element == id {
				return it.Bounds, true
			}
		}
	}
	return model.Rect{}, false
}

// FocusCanvas gives the editor the keyboard, as a click on the map does.
// The app calls it when its own field (quick add) is done — after Enter
// and after Escape — so Tab, Ctrl+Right and typing reach the map again.
func (e *Editor) FocusCanvas() {
	if e.editing != "" {
		return // the label editor has the keys; it gives them back itself
	}
	if c := canvasOf(e); c != nil {
		c.Focus(e)
	}
}

// focus asks the window to send keys here.
func (e *Editor) focus() {
	if c := canvasOf(e); c != nil && c.Focused() != e {
		c.Focus(e)
	}
}

// canvasOf is the window canvas showing o, nil when none (or no app runs).
func canvasOf(o fyne.CanvasObject) fyne.Canvas {
	a := fyne.CurrentApp()
	if a == nil || a.Driver() == nil {
		return nil
	}
	return a.Driver().CanvasForObject(o)
}
