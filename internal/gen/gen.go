package gen

import (
	"fmt"

	"lanemap/model"
)

// Layout constants, in BPMN-DI units.
const (
	Lanes      = 8
	laneHeight = 140.0
	colWidth   = 170.0
	poolBand   = 30.0
	perColumn  = 3     // nodes sharing a column, each in a different lane
	left       = 100.0 // from the lane band to the first column's centre
)

var roles = [Lanes]string{
	"Mottagning", "Handläggare", "Socialsekreterare", "Enhetschef",
	"Utförare", "Registrator", "Nämnden", "Ekonomi",
}

// Collaboration returns a collaboration with n flow nodes (n ≥ 2: a start
// event, n-2 tasks and gateways, an end event) in one pool of eight lanes.
func Collaboration(n int) *model.Definitions {
	if n < 2 {
		n = 2
	}
	d := &model.Definitions{
		ID:              "Definitions_gen",
		TargetNamespace: "urn:lanemap:generated",
		Meta: model.Meta{
			Owner: "Enhetschef", Version: "1.0", Status: model.StatusApproved,
			ReviewDate: "2027-06-30", Publish: true,
		},
	}
	proc := &model.Process{ID: "Process_gen", Name: fmt.Sprintf("Genererad process (%d steg)", n), LaneSetID: "LaneSet_gen"}
	pool := &model.Participant{ID: "Participant_gen", Name: "Socialtjänsten", ProcessRef: proc.ID}
	d.Collaborations = []*model.Collaboration{{ID: "Collaboration_gen", Participants: []*model.Participant{pool}}}
	d.Processes = []*model.Process{proc}
	g := &model.Diagram{ID: "Diagram_gen", PlaneID: "Plane_gen", Element: "Collaboration_gen"}
	d.Diagrams = []*model.Diagram{g}

	cols := (n + perColumn - 1) / perColumn
	width := poolBand + left + float64(cols)*colWidth
	poolBox := model.Rect{X: 0, Y: 0, W: width, H: Lanes * laneHeight}
	g.Shapes = append(g.Shapes, &model.Shape{ID: "Participant_gen_di", Element: pool.ID, Bounds: poolBox, IsHorizontal: model.Bool(true)})
	for i := range Lanes {
		l := &model.Lane{ID: fmt.Sprintf("Lane_%d", i), Name: roles[i]}
		proc.Lanes = append(proc.Lanes, l)
		g.Shapes = append(g.Shapes, &model.Shape{
			ID: l.ID + "_di", Element: l.ID, IsHorizontal: model.Bool(true),
			Bounds: model.Rect{X: poolBand, Y: float64(i) * laneHeight, W: width - poolBand, H: laneHeight},
		})
	}

	boxes := make([]model.Rect, n)
	for i := range n {
		col, k := i/perColumn, i%perColumn
		lane := (col + 3*k) % Lanes
		kind := model.Task
		switch {
		case i == 0:
			kind = model.StartEvent
		case i == n-1:
			kind = model.EndEvent
		case i%7 == 3:
			kind = model.ExclusiveGateway
		case i%11 == 5:
			kind = model.UserTask
		}
		w, h := kind.DefaultSize()
		cx := poolBand + left + float64(col)*colWidth
		cy := float64(lane)*laneHeight + laneHeight/2
		boxes[i] = model.Rect{X: cx - w/2, Y: cy - h/2, W: w, H: h}
		node := &model.Node{ID: nodeID(i), Kind: kind, Name: fmt.Sprintf("Steg %d", i), Container: proc.ID}
		if kind.IsEvent() {
			node.CancelActivity, node.IsInterrupting = true, true
		}
		d.Nodes = append(d.Nodes, node)
		proc.Lanes[lane].NodeRefs = append(proc.Lanes[lane].NodeRefs, node.ID)
		sh := &model.Shape{ID: node.ID + "_di", Element: node.ID, Bounds: boxes[i]}
		if kind == model.ExclusiveGateway {
			sh.IsMarkerVisible = model.Bool(true)
		}
		g.Shapes = append(g.Shapes, sh)
	}

	connect := func(id string, from, to int, cond string) {
		f := &model.Flow{ID: id, Kind: model.SequenceFlow, Container: proc.ID,
			Source: nodeID(from), Target: nodeID(to), Condition: cond}
		d.Flows = append(d.Flows, f)
		g.Edges = append(g.Edges, &model.Edge{ID: id + "_di", Element: id, Waypoints: route(boxes[from], boxes[to])})
	}
	for i := 0; i+1 < n; i++ {
		connect(fmt.Sprintf("Flow_%d", i), i, i+1, "")
		if d.Nodes[i].Kind == model.ExclusiveGateway && i+2 < n {
			connect(fmt.Sprintf("Flow_%d_alt", i), i, i+2, "${alternativ}")
		}
	}
	return d
}

func nodeID(i int) string { return fmt.Sprintf("Node_%d", i) }

// route gives orthogonal waypoints from a's boundary to b's boundary.
func route(a, b model.Rect) []model.Point {
	ac, bc := a.Center(), b.Center()
	if a.X+a.W <= b.X { // b is to the right: leave right, enter left
		s := model.Point{X: a.X + a.W, Y: ac.Y}
		e := model.Point{X: b.X, Y: bc.Y}
		if s.Y == e.Y {
			return []model.Point{s, e}
		}
		mx := (s.X + e.X) / 2
		return []model.Point{s, {X: mx, Y: s.Y}, {X: mx, Y: e.Y}, e}
	}
	// Same column: vertical.
	if bc.Y > ac.Y {
		return []model.Point{{X: ac.X, Y: a.Y + a.H}, {X: bc.X, Y: b.Y}}
	}
	return []model.Point{{X: ac.X, Y: a.Y}, {X: bc.X, Y: b.Y + b.H}}
}
