package draw

import (
	"image/color"

	"lanemap/model"
)

// fixture builds diagrams directly with the model, so the draw tests do not
// depend on the reader.
type fixture struct {
	d *model.Definitions
	g *model.Diagram
}

func newFixture() *fixture {
	return &fixture{d: &model.Definitions{ID: "defs"}, g: &model.Diagram{ID: "diagram"}}
}

func (f *fixture) node(id string, k model.Kind, name string, x, y, w, h float64) *model.Node {
	n := &model.Node{ID: id, Kind: k, Name: name, Container: "proc", CancelActivity: true, IsInterrupting: true}
	f.d.Nodes = append(f.d.Nodes, n)
	f.g.Shapes = append(f.g.Shapes, &model.Shape{ID: id + "_di", Element: id, Bounds: model.Rect{X: x, Y: y, W: w, H: h}})
	f.d.Touch()
	return n
}

func (f *fixture) shape(id string) *model.Shape { return f.g.Shape(id) }

func (f *fixture) flow(id string, k model.Kind, src, dst string, pts ...float64) *model.Flow {
	fl := &model.Flow{ID: id, Kind: k, Source: src, Target: dst, Container: "proc"}
	f.d.Flows = append(f.d.Flows, fl)
	e := &model.Edge{ID: id + "_di", Element: id}
	for i := 0; i+1 < len(pts); i += 2 {
		e.Waypoints = append(e.Waypoints, model.Point{X: pts[i], Y: pts[i+1]})
	}
	f.g.Edges = append(f.g.Edges, e)
	f.d.Touch()
	return fl
}

// symbols is one diagram with every symbol Build knows: a horizontal pool
// with nested lanes, a vertical pool, a black-box pool, every task type and
// marker, every event definition in every position, every gateway, data,
// artifacts and every kind of flow.
func symbols() *fixture {
	f := newFixture()
	d := f.d
	d.Processes = []*model.Process{{ID: "proc", Name: "Ärendehantering", Lanes: []*model.Lane{
		{ID: "laneA", Name: "Handläggare", Role: "Biståndshandläggare", NodeRefs: []string{"start", "user", "gwX"}},
		{ID: "laneB", Name: "Enhet", Children: []*model.Lane{
			{ID: "laneB1", Name: "Utförare", NodeRefs: []string{"manual", "end"}},
			{ID: "laneB2", Name: "Chef"},
		}},
	}}, {ID: "proc2", Name: "Vertikal"}}
	d.Collaborations = []*model.Collaboration{{ID: "collab", Participants: []*model.Participant{
		{ID: "poolH", Name: "Socialtjänsten", ProcessRef: "proc"},
		{ID: "poolV", Name: "Vertikal pool", ProcessRef: "proc2"},
		{ID: "poolBB", Name: "Brukare (extern)"},
	}}}
	f.g.Element = "collab"
	sh := func(id string, x, y, w, h float64) *model.Shape {
		s := &model.Shape{ID: id + "_di", Element: id, Bounds: model.Rect{X: x, Y: y, W: w, H: h}, IsHorizontal: model.Bool(true)}
		f.g.Shapes = append(f.g.Shapes, s)
		return s
	}
	sh("poolH", 0, 0, 1800, 700)
	sh("laneA", 30, 0, 1770, 250)
	sh("laneB", 30, 250, 1770, 450)
	sh("laneB1", 60, 250, 1740, 250)
	sh("laneB2", 60, 500, 1740, 200)
	v := sh("poolV", 1900, 0, 400, 700)
	v.IsHorizontal = model.Bool(false)
	sh("poolBB", 0, 760, 1800, 60)

	// Row 1: tasks.
	y := 30.0
	for i, k := range []model.Kind{model.Task, model.UserTask, model.ManualTask, model.ServiceTask, model.ScriptTask,
		model.SendTask, model.ReceiveTask, model.BusinessRuleTask, model.CallActivity} {
		id := string(k)
		if k == model.UserTask {
			id = "user"
		}
		f.node(id, k, "Pröva ansökan om "+string(k), 100+float64(i)*130, y, 100, 80)
	}
	f.node("loop", model.Task, "Loop", 100, 130, 100, 80).Loop = model.StandardLoop
	f.node("mip", model.Task, "Parallel MI", 230, 130, 100, 80).Loop = model.ParallelMultiInstance
	seq := f.node("mis", model.Task, "Sekventiell MI + kompensation", 360, 130, 100, 80)
	seq.Loop, seq.IsForCompensation = model.SequentialMultiInstance, true
	f.node("sub", model.SubProcess, "Hopfälld delprocess", 490, 130, 100, 80).Loop = model.StandardLoop
	f.node("adhoc", model.AdHocSubProcess, "Ad hoc", 620, 130, 100, 80)
	f.node("tx", model.Transaction, "Transaktion", 750, 130, 100, 80)
	comp := f.node("mcomp", model.Task, "Alla markörer", 880, 130, 100, 80)
	comp.IsForCompensation, comp.Loop = true, model.ParallelMultiInstance

	// Expanded sub-process and event sub-process with content.
	f.node("exp", model.SubProcess, "Utökad delprocess", 1280, 20, 260, 200)
	f.node("inner", model.Task, "Inre", 1330, 80, 100, 80).Container = "exp"
	evsub := f.node("evsub", model.SubProcess, "Händelsedelprocess", 1570, 20, 210, 200)
	evsub.TriggeredByEvent = true
	st := f.node("nistart", model.StartEvent, "Ej avbrytande", 1600, 100, 36, 36)
	st.Container, st.IsInterrupting = "evsub", false
	st.EventDefs = []string{model.MessageDef}
	f.shape("exp").IsExpanded = model.Bool(true)

	// Row 3: events.
	defs := []string{"", model.MessageDef, model.TimerDef, model.ErrorDef, model.EscalationDef, model.SignalDef,
		model.ConditionalDef, model.CompensationDef, model.LinkDef, model.TerminateDef, model.CancelDef, "multiple", "parallel"}
	kinds := []model.Kind{model.StartEvent, model.IntermediateCatchEvent, model.IntermediateThrowEvent, model.EndEvent}
	for ki, k := range kinds {
		for di, def := range defs {
			id := string(k) + "_" + def
			n := f.node(id, k, "", 100+float64(di)*60, 290+float64(ki)*60, 36, 36)
			switch def {
			case "":
			case "multiple":
				n.EventDefs = []string{model.MessageDef, model.SignalDef}
			case "parallel":
				n.EventDefs = []string{model.MessageDef, model.SignalDef}
				n.ParallelMultiple = true
			default:
				n.EventDefs = []string{def}
			}
		}
	}
	f.node("start", model.StartEvent, "Ansökan inkommen", 950, 290, 36, 36).EventDefs = []string{model.MessageDef}
	f.node("end", model.EndEvent, "Beslut meddelat", 1700, 390, 36, 36)

	// Boundary events on the loop task: interrupting and not.
	b1 := f.node("bTimer", model.BoundaryEvent, "Frist", 82, 150, 36, 36)
	b1.AttachedTo, b1.EventDefs = "loop", []string{model.TimerDef}
	b2 := f.node("bMsg", model.BoundaryEvent, "", 182, 110, 36, 36)
	b2.AttachedTo, b2.EventDefs, b2.CancelActivity = "loop", []string{model.MessageDef}, false

	// Row 4: gateways.
	gx := f.node("gwX", model.ExclusiveGateway, "Komplett?", 1050, 285, 50, 50)
	f.shape("gwX").IsMarkerVisible = model.Bool(true)
	f.node("gwXhidden", model.ExclusiveGateway, "", 1130, 285, 50, 50)
	f.node("gwP", model.ParallelGateway, "", 1210, 285, 50, 50)
	f.node("gwI", model.InclusiveGateway, "", 1290, 285, 50, 50)
	f.node("gwC", model.ComplexGateway, "", 1370, 285, 50, 50)
	f.node("gwE", model.EventBasedGateway, "", 1450, 285, 50, 50)
	f.node("gwEi", model.EventBasedGateway, "", 1530, 285, 50, 50).Instantiate = true
	gp := f.node("gwEp", model.EventBasedGateway, "", 1610, 285, 50, 50)
	gp.Instantiate, gp.EventGatewayType = true, "Parallel"

	// Data and artifacts.
	f.node("dobj", model.DataObjectReference, "Ansökan", 1050, 540, 36, 50).DataState = "inkommen"
	f.node("dcoll", model.DataObject, "Journal", 1110, 540, 36, 50).IsCollection = true
	f.node("din", model.DataInput, "In", 1170, 540, 36, 50)
	f.node("dout", model.DataOutput, "Ut", 1230, 540, 36, 50)
	f.node("store", model.DataStoreReference, "Verksamhetssystem", 1300, 540, 50, 50)
	ann := f.node("note", model.TextAnnotation, "", 1400, 530, 150, 60)
	ann.Text = "Enligt SOSFS 2011:9\nvid behov"
	f.node("grp", model.Group, "Kvalitetskrav", 1020, 510, 360, 120)
	f.node("weird", model.Kind("vendorThing"), "Okänd sort", 1600, 540, 100, 60)
	manual := d.Node("manualTask")
	_ = manual
	f.node("manual", model.ManualTask, "Genomför insats", 600, 560, 100, 80)

	// Flows.
	f.flow("f1", model.SequenceFlow, "start", "gwX", 986, 308, 1050, 310)
	f.flow("f2", model.SequenceFlow, "gwX", "manual", 1075, 335, 1075, 450, 650, 450, 650, 560).Name = "Ja"
	f.flow("f3", model.SequenceFlow, "gwX", "end", 1100, 310, 1718, 310, 1718, 390).Name = "Nej"
	gx.Default = "f3"
	f.flow("f4", model.SequenceFlow, "user", "manualTask", 330, 70, 360, 70).Condition = "${ok}"
	f.flow("f5", model.SequenceFlow, "manual", "end", 700, 600, 1718, 600, 1718, 426)
	f.flow("m1", model.MessageFlow, "poolBB", "start", 968, 760, 968, 326)
	f.g.Edges[len(f.g.Edges)-1].MessageVisibleKind = "initiating"
	f.flow("a1", model.Association, "note", "grp", 1400, 560, 1380, 560)
	f.flow("a2", model.Association, "note", "store", 1450, 590, 1330, 590).Direction = "One"
	f.flow("da1", model.DataInputAssociation, "dobj", "manual", 1050, 565, 700, 580)

	// Colours from DI.
	f.shape("serviceTask").Style = model.Colors{Fill: "#bbdefb", Stroke: "#0d4372"}
	f.g.Edge("f5").Style = model.Colors{Stroke: "#e53935"}
	return f
}

var roleColors = map[string]color.NRGBA{
	"Biståndshandläggare": {0xe3, 0xf2, 0xfd, 0xff},
	"Utförare":            {0xe8, 0xf5, 0xe9, 0xff},
}
