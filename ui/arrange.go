package ui

import (
	"errors"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	lcanvas "lanemap/canvas"
	"lanemap/edit"
	"lanemap/model"
)

// arrangeMenus are the Arrange, Lane and Insert menus. Their items are
// enabled by the selection (updateMenus), so a greyed item says what it
// needs before it is chosen.
type arrangeMenus struct {
	align      []*fyne.MenuItem // need two nodes
	distribute []*fyne.MenuItem // need three
	lane       []*fyne.MenuItem // need a lane (or a step in one)
	nested     *fyne.MenuItem   // needs a lane or a pool
	docOnly    []*fyne.MenuItem // need an open, editable process
	boundary   *fyne.MenuItem   // needs one selected activity
}

// ctrlShift is Ctrl+Shift+k (Cmd+Shift+k on macOS).
func ctrlShift(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

// buildArrangeMenus makes Arrange, Lane and Insert.
func (a *App) buildArrangeMenus() (arrange, lane, insert *fyne.Menu) {
	m := &arrangeMenus{}
	a.arrange = m
	alignItem := func(label string, sc fyne.Shortcut, how edit.AlignMode) *fyne.MenuItem {
		it := item(label, sc, nil)
		// Ctrl+Shift+arrows select words in a text field: the field keeps them.
		it.Action = func() {
			if sc != nil {
				if t := a.textFocused(); t != nil {
					t.TypedShortcut(sc)
					return
				}
			}
			a.align(how)
		}
		m.align = append(m.align, it)
		return it
	}
	distItem := func(label string, axis edit.Axis) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, func() { a.distribute(axis) })
		m.distribute = append(m.distribute, it)
		return it
	}
	arrange = fyne.NewMenu(lang.X("menu.arrange", "Arrange"),
		alignItem(lang.X("menu.alignLeft", "Align left"), ctrlShift(fyne.KeyLeft), edit.AlignLeft),
		alignItem(lang.X("menu.alignCenter", "Align centres"), nil, edit.AlignCenter),
		alignItem(lang.X("menu.alignRight", "Align right"), ctrlShift(fyne.KeyRight), edit.AlignRight),
		fyne.NewMenuItemSeparator(),
		alignItem(lang.X("menu.alignTop", "Align top"), ctrlShift(fyne.KeyUp), edit.AlignTop),
		alignItem(lang.X("menu.alignMiddle", "Align middles"), nil, edit.AlignMiddle),
		alignItem(lang.X("menu.alignBottom", "Align bottom"), ctrlShift(fyne.KeyDown), edit.AlignBottom),
		fyne.NewMenuItemSeparator(),
		distItem(lang.X("menu.distributeH", "Distribute horizontally"), edit.Horizontal),
		distItem(lang.X("menu.distributeV", "Distribute vertically"), edit.Vertical),
	)

	laneItem := func(label string, do func(id string)) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, func() {
			if id := a.selectedLane(); id != "" {
				do(id)
			} else {
				a.status.setHint(lang.X("hint.selectLane", "Select a lane (or a step in it) first."))
			}
		})
		m.lane = append(m.lane, it)
		return it
	}
	m.nested = fyne.NewMenuItem(lang.X("menu.laneNested", "Add nested lane"), a.addNestedLane)
	addPool := fyne.NewMenuItem(lang.X("menu.addPool", "Add pool"), func() { a.addPool(false) })
	addVPool := fyne.NewMenuItem(lang.X("menu.addVerticalPool", "Add vertical pool"), func() { a.addPool(true) })
	m.docOnly = append(m.docOnly, addPool, addVPool)
	lane = fyne.NewMenu(lang.X("menu.lane", "Lane"),
		laneItem(lang.X("menu.laneAbove", "Add lane above"), func(string) { a.addLane(true) }),
		laneItem(lang.X("menu.laneBelow", "Add lane below"), func(string) { a.addLane(false) }),
		m.nested,
		laneItem(lang.X("menu.splitLane", "Split lane in two"), a.splitLane),
		fyne.NewMenuItemSeparator(),
		laneItem(lang.X("menu.laneUp", "Move lane up"), func(id string) { a.laneCmd(id, a.doc.sess.MoveLane(id, -1)) }),
		laneItem(lang.X("menu.laneDown", "Move lane down"), func(id string) { a.laneCmd(id, a.doc.sess.MoveLane(id, +1)) }),
		laneItem(lang.X("menu.fitLane", "Fit lane to its content"), func(id string) { a.laneCmd(id, a.doc.sess.FitLane(id)) }),
		fyne.NewMenuItemSeparator(),
		laneItem(lang.X("menu.setRole", "Set role…"), a.askRole),
		laneItem(lang.X("menu.deleteLane", "Delete lane"), a.deleteLane),
		fyne.NewMenuItemSeparator(),
		addPool, addVPool,
	)

	// Insert lists every element the map can draw; choosing one arms the
	// map's create tool, and a click on the map places it.
	placeSpec := func(sp edit.Spec, label string) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, func() { a.placeKind(sp) })
		m.docOnly = append(m.docOnly, it)
		return it
	}
	place := func(k model.Kind, label string) *fyne.MenuItem { return placeSpec(edit.Spec{Kind: k}, label) }
	placeKind := func(k model.Kind) *fyne.MenuItem { return place(k, KindName(k)) }
	placeDef := func(def, label string) *fyne.MenuItem {
		return placeSpec(edit.Spec{Kind: model.IntermediateCatchEvent, EventDefs: []string{def}}, label)
	}
	sub := func(label string, items ...*fyne.MenuItem) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, nil)
		it.ChildMenu = fyne.NewMenu("", items...)
		return it
	}
	m.boundary = fyne.NewMenuItem(lang.X("menu.boundary", "Boundary event on the selected activity"), a.addBoundary)
	insert = fyne.NewMenu(lang.X("menu.insert", "Insert"),
		sub(lang.X("menu.insert.activities", "Activities"),
			placeKind(model.Task), placeKind(model.UserTask), placeKind(model.ManualTask), placeKind(model.ServiceTask),
			placeKind(model.ScriptTask), placeKind(model.SendTask), placeKind(model.ReceiveTask), placeKind(model.BusinessRuleTask),
			fyne.NewMenuItemSeparator(),
			place(model.SubProcess, lang.X("menu.insert.subExpanded", "Sub-process (expanded)")),
			placeSpec(edit.Spec{Kind: model.SubProcess, Collapsed: true}, lang.X("menu.insert.subCollapsed", "Sub-process (collapsed)")),
			placeKind(model.Transaction), placeKind(model.CallActivity),
		),
		sub(lang.X("menu.insert.events", "Events"),
			placeKind(model.StartEvent),
			placeKind(model.IntermediateThrowEvent),
			placeKind(model.IntermediateCatchEvent),
			placeDef(model.TimerDef, lang.X("tool.timer", "Timer event (wait until a time)")),
			placeDef(model.MessageDef, lang.X("tool.message", "Message event (wait for a message)")),
			placeKind(model.EndEvent),
			fyne.NewMenuItemSeparator(),
			m.boundary,
		),
		sub(lang.X("menu.insert.gateways", "Gateways"),
			placeKind(model.ExclusiveGateway), placeKind(model.ParallelGateway), placeKind(model.InclusiveGateway),
			placeKind(model.ComplexGateway), placeKind(model.EventBasedGateway),
		),
		sub(lang.X("menu.insert.data", "Data and notes"),
			placeKind(model.DataObjectReference), placeKind(model.DataStoreReference),
			placeKind(model.DataInput), placeKind(model.DataOutput),
			fyne.NewMenuItemSeparator(),
			placeKind(model.TextAnnotation), placeKind(model.Group),
		),
	)
	return arrange, lane, insert
}

// updateMenus enables the Arrange, Lane and Insert items by what is
// selected and whether the process can be edited.
func (a *App) updateMenus() {
	m := a.arrange
	if m == nil || a.win == nil {
		return
	}
	editable := a.doc != nil && !a.doc.readOnly()
	nodes := 0
	if editable {
		nodes = len(a.movableNodes())
	}
	changed := false
	set := func(it *fyne.MenuItem, on bool) {
		if it.Disabled == on {
			it.Disabled = !on
			changed = true
		}
	}
	for _, it := range m.align {
		set(it, nodes >= 2)
	}
	for _, it := range m.distribute {
		set(it, nodes >= 3)
	}
	hasLane := editable && a.selectedLane() != ""
	for _, it := range m.lane {
		set(it, hasLane)
	}
	set(m.nested, editable && a.laneOrPool() != "")
	for _, it := range m.docOnly {
		set(it, editable)
	}
	set(m.boundary, editable && a.selectedActivity() != "")
	if mm := a.win.MainMenu(); changed && mm != nil {
		mm.Refresh()
	}
}

// movableNodes are the selected flow nodes and artifacts that Align and
// Distribute move (not lanes, pools, flows or boundary events).
func (a *App) movableNodes() []string {
	var out []string
	for _, id := range a.editor.Selection() {
		if n := a.doc.defs.Node(id); n != nil && n.Kind != model.BoundaryEvent && a.doc.sess.Shape(id) != nil {
			out = append(out, id)
		}
	}
	return out
}

func (a *App) align(how edit.AlignMode) {
	if a.doc == nil {
		return
	}
	ids := a.movableNodes()
	if len(ids) < 2 {
		a.status.setHint(lang.X("hint.selectTwo", "Select at least two steps first (Shift+click or drag a frame)."))
		return
	}
	if err := a.doc.sess.Align(ids, how); errors.Is(err, edit.ErrNoChange) {
		a.status.setHint(lang.X("hint.aligned", "Already lined up."))
	} else {
		a.showError(err)
	}
}

func (a *App) distribute(axis edit.Axis) {
	if a.doc == nil {
		return
	}
	ids := a.movableNodes()
	if len(ids) < 3 {
		a.status.setHint(lang.X("hint.selectThree", "Select at least three steps first (Shift+click or drag a frame)."))
		return
	}
	if err := a.doc.sess.Distribute(ids, axis); errors.Is(err, edit.ErrNoChange) {
		a.status.setHint(lang.X("hint.distributed", "Already evenly spaced."))
	} else {
		a.showError(err)
	}
}

// selectedLane is the one selected lane, or the lane of the one selected
// step; "" when there is none.
func (a *App) selectedLane() string {
	if a.doc == nil {
		return ""
	}
	sel := a.editor.Selection()
	if len(sel) != 1 {
		return ""
	}
	if a.doc.defs.Lane(sel[0]) != nil {
		return sel[0]
	}
	if l := a.doc.defs.LaneOf(sel[0]); l != nil {
		return l.ID
	}
	return ""
}

// laneOrPool is the selected lane (or a step's lane), else the one selected pool.
func (a *App) laneOrPool() string {
	if id := a.selectedLane(); id != "" {
		return id
	}
	if a.doc == nil {
		return ""
	}
	if sel := a.editor.Selection(); len(sel) == 1 && isParticipant(a.doc.defs, sel[0]) {
		return sel[0]
	}
	return ""
}

// selectedActivity is the one selected activity, or "".
func (a *App) selectedActivity() string {
	if a.doc == nil {
		return ""
	}
	if sel := a.editor.Selection(); len(sel) == 1 {
		if n := a.doc.defs.Node(sel[0]); n != nil && n.Kind.IsActivity() && a.doc.sess.Shape(n.ID) != nil {
			return n.ID
		}
	}
	return ""
}

// laneCmd shows a lane command's error, or keeps the lane selected.
func (a *App) laneCmd(id string, err error) {
	if errors.Is(err, edit.ErrNoChange) {
		a.status.setHint(lang.X("hint.noChange", "Nothing to change."))
		return
	}
	if err != nil {
		a.showError(err)
		return
	}
	a.editor.SetSelection([]string{id})
	a.editor.FocusCanvas()
}

func (a *App) addNestedLane() {
	ref := a.laneOrPool()
	if ref == "" {
		a.status.setHint(lang.X("hint.selectLaneOrPool", "Select a lane or a pool first."))
		return
	}
	id, err := a.doc.sess.AddLane(ref, edit.Inside)
	if err != nil {
		a.showError(err)
		return
	}
	a.editor.SetSelection([]string{id})
	a.editor.StartLabelEdit()
}

func (a *App) splitLane(id string) {
	ids, err := a.doc.sess.SplitLane(id, 2)
	if err != nil {
		a.showError(err)
		return
	}
	if len(ids) > 0 {
		a.editor.SetSelection([]string{ids[len(ids)-1]})
		a.editor.StartLabelEdit()
	}
}

// deleteLane deletes the lane the way Delete on the map does, so a lane
// with steps asks first what becomes of them (guardChange).
func (a *App) deleteLane(id string) {
	a.editor.SetSelection([]string{id})
	a.editor.DeleteSelection()
}

// roleSuggestions are the lane roles used in the library and in the open
// process, sorted, without repeats.
func (a *App) roleSuggestions() []string {
	seen := map[string]bool{}
	if a.lib != nil {
		for r := range a.lib.lib.Roles() {
			seen[r] = true
		}
	}
	if a.doc != nil {
		for _, l := range a.doc.defs.AllLanes() {
			if r := l.RoleName(); r != "" {
				seen[r] = true
			}
		}
	}
	var out []string
	for r := range seen {
		out = append(out, r)
	}
	tag := language.English
	if uiLang() == "sv" {
		tag = language.Swedish
	}
	c := collate.New(tag, collate.IgnoreCase)
	slices.SortFunc(out, c.CompareString)
	return out
}

// askRole asks for the lane's role, offering the roles already in use.
func (a *App) askRole(id string) {
	l := a.doc.defs.Lane(id)
	if l == nil {
		return
	}
	in := widget.NewSelectEntry(a.roleSuggestions())
	in.SetText(l.Role)
	in.SetPlaceHolder(lang.X("props.role.same", "Same as the lane name"))
	a.roleEntry = in
	hint := widget.NewLabel(lang.X("role.hint", "The role links this lane to the same role in other processes (handovers, role pages). Pick one in use or write a new one."))
	hint.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	apply := func() {
		d.Hide()
		if in.Text != l.Role {
			a.showError(a.doc.sess.SetLaneRole(id, in.Text))
		}
		a.editor.FocusCanvas()
	}
	in.OnSubmitted = func(string) { apply() }
	d = dialog.NewCustomConfirm(lang.X("role.title", "Role of the lane “{{.Name}}”", map[string]any{"Name": l.Name}),
		lang.X("ok", "OK"), lang.X("unsaved.cancel", "Cancel"),
		container.NewVBox(hint, in), func(ok bool) {
			if ok {
				apply()
			}
		}, a.win)
	d.Resize(fyne.NewSize(520, 220))
	a.trackDialog(d, apply)
	a.win.Canvas().Focus(in)
}

// addPool adds a pool below the map (a vertical one right of it) and
// starts naming it.
func (a *App) addPool(vertical bool) {
	if a.doc == nil {
		return
	}
	box := model.Rect{}
	first := true
	for _, sh := range a.doc.sess.Diagram.Shapes {
		if first {
			box, first = sh.Bounds, false
		} else {
			box = box.Union(sh.Bounds)
		}
	}
	name := lang.X("pool.new", "New pool")
	var (
		id  string
		err error
	)
	if vertical {
		at := model.Point{X: box.X + box.W + 200, Y: box.Y + 300}
		if first {
			at = model.Point{X: 200, Y: 300}
		}
		id, err = a.doc.sess.AddVerticalPool(name, at)
	} else {
		at := model.Point{X: box.X + 400, Y: box.Y + box.H + 160}
		if first {
			at = model.Point{X: 400, Y: 160}
		}
		id, err = a.doc.sess.AddPool(name, at)
	}
	if err != nil {
		a.showError(err)
		return
	}
	a.editor.SetSelection([]string{id})
	a.editor.StartLabelEdit()
}

// placeKind arms the map's create tool for sp: the element is placed with
// its triggers (a timer event) or collapsed, in one undo step
// (edit.AddTyped). An intermediate event placed on the border of a task or
// sub-process becomes its boundary event.
func (a *App) placeKind(sp edit.Spec) {
	if a.doc == nil {
		return
	}
	a.palette.setTool(lcanvas.CreateTypedTool(sp))
	if sp.Kind == model.IntermediateCatchEvent || sp.Kind == model.IntermediateThrowEvent {
		a.status.setHint(lang.X("hint.placeEvent", "Click on the map where the event goes; on the border of a task or sub-process it becomes a boundary event (Escape cancels)."))
		return
	}
	a.status.setHint(lang.X("hint.place", "Click on the map where the {{.Kind}} goes (Escape cancels).", map[string]any{"Kind": KindName(sp.Kind)}))
}

// addBoundary attaches a new boundary event to the selected activity, on
// its lower edge beside the ones it already has.
func (a *App) addBoundary() {
	act := a.selectedActivity()
	if act == "" {
		a.status.setHint(lang.X("hint.selectActivity", "Select a task or sub-process first."))
		return
	}
	b := a.doc.sess.Shape(act).Bounds
	taken := 0
	for _, n := range a.doc.defs.Nodes {
		if n.AttachedTo == act {
			taken++
		}
	}
	// Spread along the bottom edge: a quarter in, then further right.
	x := b.X + b.W*math.Min(0.25+0.25*float64(taken), 0.9)
	id, err := a.doc.sess.AddNode(model.BoundaryEvent, act, model.Point{X: x, Y: b.Y + b.H})
	if err != nil {
		a.showError(err)
		return
	}
	a.editor.SetSelection([]string{id})
	a.editor.FocusCanvas()
}

// Toolbar icons for the Arrange group: a guide line and the shapes lined
// up on it; for distribute, three shapes at equal gaps.
var (
	iconAlignLeft = icon("alignleft", rect(2, 2, 1.4, 20), rect(5, 5, 15, 5), rect(5, 14, 9, 5))
	iconAlignTop  = icon("aligntop", rect(2, 2, 20, 1.4), rect(5, 5, 5, 15), rect(14, 5, 5, 9))
	iconDistH     = icon("distributeh", rect(2, 7, 4, 10), rect(10, 4, 4, 16), rect(18, 8, 4, 8))
	iconDistV     = icon("distributev", rect(7, 2, 10, 4), rect(4, 10, 16, 4), rect(8, 18, 8, 4))
)
