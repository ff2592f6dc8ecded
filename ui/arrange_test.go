package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"lanemap/model"
)

// anyMenuItem finds a main-menu item by its (English) label, in submenus too.
func anyMenuItem(t *testing.T, a *App, label string) *fyne.MenuItem {
	t.Helper()
	var found *fyne.MenuItem
	var walk func([]*fyne.MenuItem)
	walk = func(items []*fyne.MenuItem) {
		for _, it := range items {
			if it.Label == label && found == nil {
				found = it
			}
			if it.ChildMenu != nil {
				walk(it.ChildMenu.Items)
			}
		}
	}
	for _, m := range a.win.MainMenu().Items {
		walk(m.Items)
	}
	if found == nil {
		t.Fatalf("no menu item %q", label)
	}
	return found
}

// tasks returns the first n tasks of the open process.
func tasks(t *testing.T, a *App, n int) []string {
	t.Helper()
	var out []string
	for _, nd := range a.doc.defs.Nodes {
		if nd.Kind.IsTask() && a.doc.sess.Shape(nd.ID) != nil && len(out) < n {
			out = append(out, nd.ID)
		}
	}
	if len(out) < n {
		t.Fatalf("the example has %d tasks, want %d", len(out), n)
	}
	return out
}

func TestArrangeMenu(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	ids := tasks(t, a, 3)
	left := anyMenuItem(t, a, "Align left")
	distH := anyMenuItem(t, a, "Distribute horizontally")
	a.editor.SetSelection(ids[:1])
	if !left.Disabled || !distH.Disabled {
		t.Error("Align/Distribute enabled with one step selected")
	}
	a.editor.SetSelection(ids[:2])
	if left.Disabled || !distH.Disabled {
		t.Errorf("two selected: align disabled %v (want false), distribute disabled %v (want true)", left.Disabled, distH.Disabled)
	}
	a.editor.SetSelection(ids)
	if distH.Disabled {
		t.Error("Distribute disabled with three steps selected")
	}
	tests := []struct {
		label string
		same  func(r model.Rect) float64
	}{
		{"Align left", func(r model.Rect) float64 { return r.X }},
		{"Align centres", func(r model.Rect) float64 { return r.X + r.W/2 }},
		{"Align right", func(r model.Rect) float64 { return r.X + r.W }},
		{"Align top", func(r model.Rect) float64 { return r.Y }},
		{"Align middles", func(r model.Rect) float64 { return r.Y + r.H/2 }},
		{"Align bottom", func(r model.Rect) float64 { return r.Y + r.H }},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			before := a.doc.sess.Stack.Len()
			a.editor.SetSelection(ids)
			anyMenuItem(t, a, tt.label).Action()
			want := tt.same(a.doc.sess.Shape(ids[0]).Bounds)
			for _, id := range ids[1:] {
				if got := tt.same(a.doc.sess.Shape(id).Bounds); got != want {
					t.Errorf("%s: %s at %v, %s at %v", tt.label, ids[0], want, id, got)
				}
			}
			if a.doc.sess.Stack.Len() > before+1 {
				t.Errorf("%d undo steps, want one", a.doc.sess.Stack.Len()-before)
			}
			a.doc.sess.Undo()
		})
	}
	// Shapes already in line: a hint, not an error dialog.
	a.editor.SetSelection(ids)
	anyMenuItem(t, a, "Align top").Action()
	anyMenuItem(t, a, "Align top").Action()
	if a.modal() {
		t.Error("aligning aligned shapes opened a dialog")
	}
	if err := a.doc.sess.MoveNodes(ids[1:2], 0, 40); err != nil {
		t.Fatal(err)
	}
	a.editor.SetSelection(ids)
	anyMenuItem(t, a, "Distribute vertically").Action()
	if got := a.doc.sess.Stack.UndoLabel(); got != "Distribute" {
		t.Errorf("after Distribute vertically the last step is %q (%s)", got, a.errorShown)
	}
}

// laneNames lists the lanes' ids in document order.
func laneIDs(d *model.Definitions) []string {
	var out []string
	for _, l := range d.AllLanes() {
		out = append(out, l.ID)
	}
	return out
}

func TestLaneMenu(t *testing.T) {
	tests := []struct {
		label string
		check func(t *testing.T, a *App, lane string, before []string)
	}{
		{"Add lane above", func(t *testing.T, a *App, lane string, before []string) {
			if n := len(laneIDs(a.doc.defs)); n != len(before)+1 {
				t.Errorf("%d lanes, want %d", n, len(before)+1)
			}
		}},
		{"Add lane below", func(t *testing.T, a *App, lane string, before []string) {
			if n := len(laneIDs(a.doc.defs)); n != len(before)+1 {
				t.Errorf("%d lanes, want %d", n, len(before)+1)
			}
		}},
		{"Add nested lane", func(t *testing.T, a *App, lane string, before []string) {
			if l := a.doc.defs.Lane(lane); l == nil || len(l.Children) == 0 {
				t.Error("no nested lane")
			}
		}},
		{"Split lane in two", func(t *testing.T, a *App, lane string, before []string) {
			if l := a.doc.defs.Lane(lane); l == nil || len(l.Children) != 2 {
				t.Errorf("split lane has %v children, want 2", l)
			}
		}},
		{"Move lane down", func(t *testing.T, a *App, lane string, before []string) {
			after := laneIDs(a.doc.defs)
			if slices.Index(after, lane) != slices.Index(before, lane)+1 {
				t.Errorf("lane order %v → %v", before, after)
			}
		}},
		{"Fit lane to its content", func(t *testing.T, a *App, lane string, before []string) {
			if got := a.doc.sess.Stack.UndoLabel(); got != "Fit lane" {
				t.Errorf("last step %q, want Fit lane", got)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			a, _ := openApp(t, "lex-sarah.bpmn")
			d := a.doc.defs
			lane := laneWithSteps(t, d)
			before := laneIDs(d)
			// Acting on the lane of the selected step.
			a.editor.SetSelection([]string{lane.NodeRefs[0]})
			it := anyMenuItem(t, a, tt.label)
			if it.Disabled {
				t.Fatal("disabled with a step in a lane selected")
			}
			it.Action()
			// A label editor may have opened on the new lane: close it.
			a.editor.FocusCanvas()
			tt.check(t, a, lane.ID, before)
			if n := a.doc.sess.Stack.Len(); n != 1 {
				t.Errorf("%d undo steps, want one", n)
			}
			a.doc.sess.Undo()
			if got := laneIDs(d); !slices.Equal(got, before) {
				t.Errorf("after undo lanes %v, want %v", got, before)
			}
		})
	}
}

func TestLaneMenuDisabledWithoutLane(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	a.editor.SetSelection(nil)
	if !anyMenuItem(t, a, "Move lane up").Disabled {
		t.Error("Move lane up enabled with nothing selected")
	}
	if anyMenuItem(t, a, "Add pool").Disabled {
		t.Error("Add pool disabled with a process open")
	}
}

func TestSetRoleSuggestsLibraryRoles(t *testing.T) {
	a, dir := openApp(t, "lex-sarah.bpmn")
	if a.lib == nil {
		if err := a.Open(dir); err != nil {
			t.Fatal(err)
		}
	}
	if a.lib == nil {
		t.Fatal("no library open")
	}
	lane := laneWithSteps(t, a.doc.defs)
	a.editor.SetSelection([]string{lane.ID})
	anyMenuItem(t, a, "Set role…").Action()
	if a.roleEntry == nil {
		t.Fatal("no role dialog")
	}
	// Roles of other processes in the library are offered.
	var fromOthers []string
	for r := range a.lib.lib.Roles() {
		fromOthers = append(fromOthers, r)
	}
	got := a.roleSuggestions()
	for _, r := range fromOthers {
		if !slices.Contains(got, r) {
			t.Errorf("role suggestions %v lack the library's %q", got, r)
		}
	}
	if len(fromOthers) == 0 {
		t.Error("the library lists no roles")
	}
	a.roleEntry.SetText("Enhetschef")
	a.roleEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := a.doc.defs.Lane(lane.ID).Role; got != "Enhetschef" {
		t.Errorf("role %q, want Enhetschef", got)
	}
	if a.doc.sess.Stack.Len() != 1 {
		t.Errorf("%d undo steps, want one", a.doc.sess.Stack.Len())
	}
}

func TestDeleteLaneFromMenuAsks(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	lane := laneWithSteps(t, a.doc.defs)
	a.editor.SetSelection([]string{lane.NodeRefs[0]})
	anyMenuItem(t, a, "Delete lane").Action()
	if a.doc.defs.Lane(lane.ID) == nil {
		t.Fatal("the lane went without asking")
	}
	if a.laneButtons == nil {
		t.Fatal("no question about the lane's steps")
	}
	test.Tap(a.laneButtons["move"])
	if a.doc.defs.Lane(lane.ID) != nil {
		t.Error("the lane is still there after Move the steps")
	}
}

func TestAddPools(t *testing.T) {
	for _, label := range []string{"Add pool", "Add vertical pool"} {
		t.Run(label, func(t *testing.T) {
			a, _ := openApp(t, "lex-sarah.bpmn")
			before := len(a.doc.defs.Participants())
			anyMenuItem(t, a, label).Action()
			a.editor.FocusCanvas()
			ps := a.doc.defs.Participants()
			if len(ps) <= before {
				t.Fatalf("%d pools, want more than %d", len(ps), before)
			}
			sel := a.editor.Selection()
			if len(sel) != 1 || !isParticipant(a.doc.defs, sel[0]) {
				t.Errorf("selection %v, want the new pool", sel)
			}
		})
	}
}

func TestInsertMenuPlacesEveryKind(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	a.win.Resize(fyne.NewSize(1400, 860))
	tests := []struct {
		label string
		kind  model.Kind
		def   string
	}{
		{"Task", model.Task, ""},
		{"User task", model.UserTask, ""},
		{"Manual task", model.ManualTask, ""},
		{"Service task", model.ServiceTask, ""},
		{"Script task", model.ScriptTask, ""},
		{"Send task", model.SendTask, ""},
		{"Receive task", model.ReceiveTask, ""},
		{"Business rule task", model.BusinessRuleTask, ""},
		{"Sub-process (expanded)", model.SubProcess, ""},
		{"Sub-process (collapsed)", model.SubProcess, ""},
		{"Transaction", model.Transaction, ""},
		{"Call activity", model.CallActivity, ""},
		{"Start event", model.StartEvent, ""},
		{"Intermediate throw event", model.IntermediateThrowEvent, ""},
		{"Intermediate catch event", model.IntermediateCatchEvent, ""},
		{"Timer event (wait until a time)", model.IntermediateCatchEvent, model.TimerDef},
		{"End event", model.EndEvent, ""},
		{"Exclusive gateway", model.ExclusiveGateway, ""},
		{"Parallel gateway", model.ParallelGateway, ""},
		{"Inclusive gateway", model.InclusiveGateway, ""},
		{"Complex gateway", model.ComplexGateway, ""},
		{"Event-based gateway", model.EventBasedGateway, ""},
		{"Data object", model.DataObjectReference, ""},
		{"Data store", model.DataStoreReference, ""},
		{"Data input", model.DataInput, ""},
		{"Data output", model.DataOutput, ""},
		{"Text annotation", model.TextAnnotation, ""},
		{"Group", model.Group, ""},
	}
	if a.editor.Size().IsZero() {
		t.Fatal("the map has no size")
	}
	// A spot clear of every activity's border: an intermediate event placed
	// on a border would become a boundary event.
	var centre fyne.Position
	for i := 0; ; i++ {
		if i == 40 {
			t.Fatal("no spot on the map is clear of activity borders")
		}
		centre = fyne.NewPos(a.editor.Size().Width*(0.3+0.01*float32(i)), a.editor.Size().Height*0.3)
		anyMenuItem(t, a, "Intermediate catch event").Action()
		a.editor.Tapped(&fyne.PointEvent{Position: centre})
		sel := a.editor.Selection()
		clear := len(sel) == 1 && a.doc.defs.Node(sel[0]) != nil && a.doc.defs.Node(sel[0]).Kind == model.IntermediateCatchEvent
		a.doc.sess.Undo()
		a.editor.SetSelection(nil)
		if clear {
			break
		}
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			undoBefore := a.doc.sess.Stack.UndoLabel()
			anyMenuItem(t, a, tt.label).Action()
			a.editor.Tapped(&fyne.PointEvent{Position: centre})
			sel := a.editor.Selection()
			if len(sel) != 1 {
				t.Fatalf("selection %v after placing (%s)", sel, a.errorShown)
			}
			n := a.doc.defs.Node(sel[0])
			if n == nil || n.Kind != tt.kind {
				t.Fatalf("placed %v, want a %s", n, tt.kind)
			}
			if tt.def != "" && !slices.Equal(n.EventDefs, []string{tt.def}) {
				t.Errorf("triggers %v, want %s", n.EventDefs, tt.def)
			}
			if tt.label == "Sub-process (collapsed)" {
				if sh := a.doc.sess.Shape(n.ID); sh.IsExpanded == nil || *sh.IsExpanded {
					t.Error("the sub-process is not collapsed")
				}
			}
			// One step: one undo removes it whole, and it was the only step.
			a.doc.sess.Undo()
			if a.doc.defs.Node(n.ID) != nil || a.doc.sess.Stack.UndoLabel() != undoBefore {
				t.Errorf("one undo left %s (undo label %q, before %q)", n.ID, a.doc.sess.Stack.UndoLabel(), undoBefore)
			}
			a.editor.SetSelection(nil)
		})
	}
}

func TestBoundaryEventOnSelectedActivity(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	task := tasks(t, a, 1)[0]
	item := anyMenuItem(t, a, "Boundary event on the selected activity")
	a.editor.SetSelection(nil)
	if !item.Disabled {
		t.Error("enabled without a selected activity")
	}
	a.editor.SetSelection([]string{task})
	if item.Disabled {
		t.Fatal("disabled with a task selected")
	}
	item.Action()
	sel := a.editor.Selection()
	if len(sel) != 1 {
		t.Fatalf("selection %v", sel)
	}
	b := a.doc.defs.Node(sel[0])
	if b == nil || b.Kind != model.BoundaryEvent || b.AttachedTo != task {
		t.Fatalf("added %+v, want a boundary event on %s", b, task)
	}
	// Its trigger is chosen in the properties panel.
	trig := a.props.selects["trigger"]
	if trig == nil {
		t.Fatal("no trigger field for the boundary event")
	}
	trig.SetSelected("Timer")
	if got := a.doc.defs.Node(b.ID).EventDefs; !slices.Equal(got, []string{model.TimerDef}) {
		t.Errorf("triggers %v, want timer", got)
	}
}

func TestPropertiesChangeType(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	d := a.doc.defs
	task := tasks(t, a, 1)[0]
	gw := firstNode(t, d, func(n *model.Node) bool { return n.Kind == model.ExclusiveGateway })
	end := firstNode(t, d, func(n *model.Node) bool { return n.Kind == model.EndEvent })
	tests := []struct {
		name   string
		id     string
		field  string
		choose string
		check  func(n *model.Node) bool
	}{
		{"task to user task", task, "type", "User task", func(n *model.Node) bool { return n.Kind == model.UserTask }},
		{"task to call activity", task, "type", "Call activity", func(n *model.Node) bool { return n.Kind == model.CallActivity }},
		{"gateway to parallel", gw.ID, "type", "Parallel gateway", func(n *model.Node) bool { return n.Kind == model.ParallelGateway }},
		{"end event terminate", end.ID, "trigger", "Terminate", func(n *model.Node) bool { return slices.Equal(n.EventDefs, []string{model.TerminateDef}) }},
		{"end event message", end.ID, "trigger", "Message", func(n *model.Node) bool { return slices.Equal(n.EventDefs, []string{model.MessageDef}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a.editor.SetSelection([]string{tt.id})
			s := a.props.selects[tt.field]
			if s == nil {
				t.Fatalf("no %s field", tt.field)
			}
			was := *d.Node(tt.id)
			s.SetSelected(tt.choose)
			if !tt.check(d.Node(tt.id)) {
				t.Errorf("%s: node is %+v", tt.name, d.Node(tt.id))
			}
			// One undo takes it back.
			a.doc.sess.Undo()
			if n := d.Node(tt.id); n.Kind != was.Kind || !slices.Equal(n.EventDefs, was.EventDefs) {
				t.Errorf("after one undo %s %v, want %s %v", n.Kind, n.EventDefs, was.Kind, was.EventDefs)
			}
			// The panel follows the undo.
			if s := a.props.selects[tt.field]; s == nil || s.Selected == tt.choose {
				t.Errorf("after undo the %s field still shows %q", tt.field, tt.choose)
			}
		})
	}
}

func TestPropertiesEventTriggersByKind(t *testing.T) {
	for _, tt := range []struct {
		kind       model.Kind
		has, hasNo string
	}{
		{model.StartEvent, "timer", model.ErrorDef},
		{model.EndEvent, "terminate", model.TimerDef},
		{model.IntermediateThrowEvent, "escalation", model.TimerDef},
		{model.IntermediateCatchEvent, "link", model.TerminateDef},
		{model.BoundaryEvent, "error", model.LinkDef},
	} {
		defs := eventDefs(tt.kind, false)
		if !slices.Contains(defs, tt.has) || slices.Contains(defs, tt.hasNo) {
			t.Errorf("%s: triggers %v should have %s and not %s", tt.kind, defs, tt.has, tt.hasNo)
		}
	}
}

func TestPropertiesDefaultFlowAndCondition(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	d := a.doc.defs
	var flow *model.Flow
	for _, f := range d.Flows {
		if src := d.Node(f.Source); f.Kind == model.SequenceFlow && src != nil && src.Kind == model.ExclusiveGateway && src.Default != f.ID {
			flow = f
			break
		}
	}
	if flow == nil {
		t.Fatal("no flow out of an exclusive gateway in the example")
	}
	a.editor.SetSelection([]string{flow.ID})
	def := a.props.checks["default"]
	if def == nil {
		t.Fatal("no default-flow check box")
	}
	def.SetChecked(true)
	if d.Node(flow.Source).Default != flow.ID {
		t.Error("the flow did not become the default")
	}
	if a.doc.sess.Stack.Len() != 1 {
		t.Errorf("%d undo steps, want one", a.doc.sess.Stack.Len())
	}
	submit(t, a.props.fields["condition"], "Allvarligt missförhållande")
	if got := d.Flow(flow.ID).Condition; got != "Allvarligt missförhållande" {
		t.Errorf("condition %q", got)
	}
	a.doc.sess.Undo()
	a.doc.sess.Undo()
	if d.Node(flow.Source).Default == flow.ID {
		t.Error("undo left the default")
	}
	if c := a.props.checks["default"]; c == nil || c.Checked {
		t.Error("the check box does not follow the undo")
	}
}

func TestF1FromTheMapOpensHelp(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	a.win.Canvas().Focus(a.editor)
	a.editor.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	if !a.modal() {
		t.Fatal("F1 on the map opened nothing")
	}
	if !hasText(a.win.Canvas().Overlays().Top(), "Keyboard shortcuts") {
		t.Error("the dialog is not the keyboard help")
	}
}

func TestZoomShownAfterOpening(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	a.win.Resize(fyne.NewSize(1300, 800))
	want := "Zoom " // English
	if got := a.status.zoom.Text; len(got) < len(want) || got[:len(want)] != want {
		t.Errorf("status zoom %q, want it shown", got)
	}
}
