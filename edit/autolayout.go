package edit

import (
	"fmt"
	"math"
	"slices"

	"lanemap/model"
)

// Auto-layout. Files from tools that keep only the process (no BPMN DI)
// open to an empty canvas; AutoLayout draws them as a left-to-right
// swimlane map in one undo step. Each container (process or expanded
// sub-process) is a grid: columns are layers by longest path from the
// start events over the sequence flows (back edges of a DFS break
// cycles), bands are the leaf lanes (plus one band for nodes in no lane),
// and rows inside a band keep a node in its predecessor's row when free,
// so straight runs stay straight and branches open downwards. Data and
// annotations go in a row at the top of their partner's band. Sub-process
// content is laid out first, so the sub-process is drawn expanded at the
// size its content needs; a sub-process with more than autoExpandMax
// nodes inside stays collapsed and its content is not drawn. Pools stack
// downwards in collaboration order, all of one width, black-box pools as
// thin bands. Everything that already has DI keeps it: a process without
// any DI gets a fresh pool below what is drawn, and a missing node of a
// drawn process goes after the content of its lane, which widens.
// The step's LabelKey is "autoLayout" (no argument).

// Auto-layout spacing, in BPMN-DI units.
const (
	autoColGap    = 50.0  // between columns
	autoNameGap   = 40.0  // more before a column that named flows reach
	autoBoundary  = 44.0  // least distance between boundary events' centres
	autoRowGap    = 40.0  // between rows: room for labels under events
	autoBandPad   = 30.0  // above the first and below the last row of a band
	autoLeftPad   = 40.0  // between a lane's name band and the first column, and after the last
	autoPoolGap   = 60.0  // between pools: room for message flows
	autoBlackBox  = 60.0  // height of a black-box pool
	autoMinCol    = 60.0  // narrowest column: room for an event's label
	autoSubTop    = 30.0  // above an expanded sub-process's content: its name
	autoExpandMax = 30    // content size up to which a sub-process is expanded
	autoOriginX   = 160.0 // where the first pool starts in an empty diagram
	autoOriginY   = 80.0
)

// AutoLayout draws every element of the session's diagram scope (the
// plane's collaboration or process) that has no shape or edge yet, as one
// undo step. It returns ErrNoChange when everything is drawn already.
func (s *Session) AutoLayout() error {
	return s.runNamed(LabelKey{Key: "autoLayout"}, "Auto layout", "", func(t *tx) error {
		al := &autoLayout{s: s, t: t, d: s.Doc, g: s.Diagram, used: map[string]bool{}}
		return al.run()
	})
}

type autoLayout struct {
	s    *Session
	t    *tx
	d    *model.Definitions
	g    *model.Diagram
	used map[string]bool // DI ids taken
	n    int             // shapes and edges added
	// inside lists each container's nodes in document order.
	inside map[string][]*model.Node
	// attached lists each activity's boundary events in document order.
	attached map[string][]*model.Node
}

// item is a node placed in a container's grid.
type item struct {
	n                *model.Node
	w, h             float64
	layer, band, row int
	x, y             float64 // relative to the block's origin
	inner            *block  // an expanded sub-process's content
	collapsed        bool    // a sub-process drawn closed
	art              bool    // data or artifact: placed in the artifact row
	partner          *item
}

// block is the laid-out content of one container, relative to its origin.
type block struct {
	items []*item
	w, h  float64
	bandY []float64 // top of each band
	bandH []float64
}

func (al *autoLayout) run() error {
	s, d, g := al.s, al.d, al.g
	if g == nil {
		return fmt.Errorf("edit: auto layout: the session has no diagram")
	}
	if g.Element == "" {
		al.t.plane(g)
		switch {
		case len(d.Collaborations) > 0:
			g.Element = d.Collaborations[0].ID
		case len(d.Processes) > 0:
			g.Element = d.Processes[0].ID
		default:
			return ErrNoChange
		}
	}
	for _, x := range d.Diagrams {
		if x == nil {
			continue
		}
		al.used[x.ID], al.used[x.PlaneID] = true, true
		for _, sh := range x.Shapes {
			al.used[sh.ID] = true
		}
		for _, e := range x.Edges {
			al.used[e.ID] = true
		}
	}
	al.inside = map[string][]*model.Node{}
	al.attached = map[string][]*model.Node{}
	for _, n := range d.Nodes {
		al.inside[n.Container] = append(al.inside[n.Container], n)
		if n.AttachedTo != "" {
			al.attached[n.AttachedTo] = append(al.attached[n.AttachedTo], n)
		}
	}

	// Where new pools go: below what is drawn already.
	var drawn model.Rect
	for _, sh := range g.Shapes {
		drawn = drawn.Union(sh.Bounds)
	}
	x0, y0 := autoOriginX, autoOriginY
	if len(g.Shapes) > 0 {
		x0, y0 = drawn.X, drawn.Y+drawn.H+autoPoolGap
	}

	var collab *model.Collaboration
	for _, c := range d.Collaborations {
		if c.ID == g.Element {
			collab = c
		}
	}
	if collab != nil {
		al.pools(collab, x0, y0)
	} else if p := d.Process(g.Element); p != nil {
		if al.fresh(p) {
			b := al.processBlock(p)
			al.placeProcess(p, nil, b, x0, y0, b.w+al.contentLeft(p, false)+autoLeftPad)
		} else {
			al.fill(p)
		}
	} else {
		return fmt.Errorf("edit: auto layout: the diagram shows %q, which is no collaboration or process", g.Element)
	}
	s.di.reset()
	al.edges(collab)
	if al.n == 0 {
		return ErrNoChange
	}
	return nil
}

// newID returns an unused DI id for an element.
func (al *autoLayout) newID(elem string) string {
	id := elem + "_di"
	for i := 2; al.used[id] || al.d.Element(id) != nil; i++ {
		id = fmt.Sprintf("%s_di_%d", elem, i)
	}
	al.used[id] = true
	return id
}

func (al *autoLayout) addShape(elem string, r model.Rect, mod func(*model.Shape)) *model.Shape {
	sh := &model.Shape{ID: al.newID(elem), Element: elem, Bounds: r}
	if mod != nil {
		mod(sh)
	}
	al.t.addShape(sh)
	al.n++
	return sh
}

// fresh reports a process none of whose pool, lanes or nodes is drawn.
func (al *autoLayout) fresh(p *model.Process) bool {
	if pool := al.d.PoolOf(p.ID); pool != nil && al.s.Shape(pool.ID) != nil {
		return false
	}
	for _, l := range allLanes(p.Lanes) {
		if al.s.Shape(l.ID) != nil {
			return false
		}
	}
	var any bool
	var walk func(c string, depth int)
	walk = func(c string, depth int) {
		for _, n := range al.inside[c] {
			if any || depth > 64 {
				return
			}
			if al.s.Shape(n.ID) != nil {
				any = true
				return
			}
			walk(n.ID, depth+1)
		}
	}
	walk(p.ID, 0)
	return !any
}

// pools lays out the collaboration's pools that have no shape.
func (al *autoLayout) pools(c *model.Collaboration, x0, y0 float64) {
	type poolJob struct {
		p    *model.Participant
		proc *model.Process
		b    *block
	}
	var jobs []poolJob
	width := 0.0
	seen := map[string]bool{}
	for _, p := range c.Participants {
		if p == nil || al.s.Shape(p.ID) != nil {
			if p != nil && p.ProcessRef != "" {
				if proc := al.d.Process(p.ProcessRef); proc != nil && !seen[proc.ID] {
					seen[proc.ID] = true
					al.fill(proc)
				}
			}
			continue
		}
		proc := al.d.Process(p.ProcessRef)
		if proc != nil && (seen[proc.ID] || !al.fresh(proc)) {
			proc = nil // shown by another pool already
		}
		j := poolJob{p: p, proc: proc}
		if proc != nil {
			seen[proc.ID] = true
			j.b = al.processBlock(proc)
			width = math.Max(width, j.b.w+al.contentLeft(proc, true)+autoLeftPad)
		}
		jobs = append(jobs, j)
	}
	if width == 0 {
		width, _ = model.ParticipantKind.DefaultSize()
	}
	// Processes that no pool shows but the collaboration's flows reach
	// (drawn as lanes without a pool, as some tools do) go below.
	var loose []poolJob
	for _, proc := range al.d.Processes {
		if seen[proc.ID] || al.d.PoolOf(proc.ID) != nil || len(al.inside[proc.ID]) == 0 {
			continue
		}
		seen[proc.ID] = true
		if !al.fresh(proc) {
			al.fill(proc)
			continue
		}
		j := poolJob{proc: proc, b: al.processBlock(proc)}
		width = math.Max(width, LabelBand+j.b.w+al.contentLeft(proc, false)+autoLeftPad)
		loose = append(loose, j)
	}
	// The collaboration's own artifacts get a strip above the pools.
	var arts []*model.Node
	strip := 0.0
	for _, n := range al.inside[c.ID] {
		k := n.Kind
		if al.s.Shape(n.ID) == nil && ((k.IsData() && k != model.DataObject) || k.IsArtifact()) {
			arts = append(arts, n)
			_, h := k.DefaultSize()
			strip = math.Max(strip, h)
		}
	}
	y := y0
	if len(arts) > 0 {
		y += strip + autoPoolGap
	}
	defer al.stripArtifacts(arts, x0, y0+strip)
	jobs = append(jobs, loose...)
	for _, j := range jobs {
		if j.p == nil {
			h := al.placeProcess(j.proc, nil, j.b, x0+LabelBand, y, width-LabelBand)
			y += h + autoPoolGap
			continue
		}
		if j.proc == nil {
			al.addShape(j.p.ID, model.Rect{X: x0, Y: y, W: width, H: autoBlackBox}, func(sh *model.Shape) {
				sh.IsHorizontal = model.Bool(true)
			})
			y += autoBlackBox + autoPoolGap
			continue
		}
		h := al.placeProcess(j.proc, j.p, j.b, x0, y, width)
		y += h + autoPoolGap
	}
}

// stripArtifacts puts a collaboration's artifacts with their bottoms on
// the line y, each above the shape it is associated with when it has one,
// else after the others, left to right without overlap.
func (al *autoLayout) stripArtifacts(arts []*model.Node, x0, y float64) {
	type spot struct {
		n    *model.Node
		x, w float64
		h    float64
	}
	var spots []spot
	last := x0
	for _, n := range arts {
		w, h := n.Kind.DefaultSize()
		x := math.Inf(1)
		for _, f := range al.d.Flows {
			other := ""
			switch {
			case f.Source == n.ID:
				other = f.Target
			case f.Target == n.ID:
				other = f.Source
			}
			if sh := al.s.Shape(other); other != "" && sh != nil && al.d.Participant(other) == nil {
				x = sh.Bounds.X + sh.Bounds.W/2 - w/2
				break
			}
		}
		spots = append(spots, spot{n, x, w, h})
	}
	slices.SortStableFunc(spots, func(a, b spot) int { return cmpF(a.x, b.x) })
	for _, sp := range spots {
		x := sp.x
		if math.IsInf(x, 1) {
			x = last
		}
		x = math.Max(x, last)
		al.addShape(sp.n.ID, model.Rect{X: round(x), Y: round(y - sp.h), W: sp.w, H: sp.h}, nil)
		last = x + sp.w + Padding
	}
}

// laneDepth is the nesting depth of a lane tree (0 without lanes).
func laneDepth(ls []*model.Lane) int {
	d := 0
	for _, l := range ls {
		d = max(d, 1+laneDepth(l.Children))
	}
	return d
}

// leaves lists the leaf lanes in drawing order.
func leaves(ls []*model.Lane, out []*model.Lane) []*model.Lane {
	for _, l := range ls {
		if len(l.Children) == 0 {
			out = append(out, l)
		} else {
			out = leaves(l.Children, out)
		}
	}
	return out
}

// contentLeft is the distance from a pool's left edge to its first column.
func (al *autoLayout) contentLeft(p *model.Process, pool bool) float64 {
	x := float64(laneDepth(p.Lanes))*LabelBand + autoLeftPad
	if pool {
		x += LabelBand
	}
	return x
}

// processBlock lays out a process's top-level content in its lane bands.
func (al *autoLayout) processBlock(p *model.Process) *block {
	lv := leaves(p.Lanes, nil)
	bandOf := map[*model.Lane]int{}
	for i, l := range lv {
		bandOf[l] = i
	}
	nb := max(len(lv), 1)
	noLane := -1
	band := func(n *model.Node) int {
		l := al.d.LaneOf(n.ID)
		for l != nil && len(l.Children) > 0 {
			l = l.Children[0]
		}
		if i, ok := bandOf[l]; ok && l != nil {
			return i
		}
		if len(lv) == 0 {
			return 0
		}
		if noLane < 0 {
			noLane = nb
			nb++
		}
		return noLane
	}
	return al.grid(p.ID, nb, band, 0)
}

// grid lays out the nodes directly in container c over nb bands.
func (al *autoLayout) grid(c string, nb int, band func(*model.Node) int, depth int) *block {
	b := &block{}
	byID := map[string]*item{}
	var flowItems, arts []*item
	for _, n := range al.inside[c] {
		k := n.Kind
		switch {
		case k == model.BoundaryEvent && n.AttachedTo != "":
			continue // drawn on its host
		case k.IsFlowNode():
		case k.IsData() && k != model.DataObject, k.IsArtifact():
		default:
			continue
		}
		it := &item{n: n, art: !k.IsFlowNode()}
		it.w, it.h = k.DefaultSize()
		if k.IsSubProcess() {
			content := 0
			for _, m := range al.inside[n.ID] {
				if m.Kind.IsFlowNode() {
					content++
				}
			}
			switch {
			case content == 0 || content > autoExpandMax || depth >= 3:
				it.collapsed = true
				it.w, it.h = model.Task.DefaultSize()
			default:
				it.inner = al.grid(n.ID, 1, func(*model.Node) int { return 0 }, depth+1)
				it.w = math.Max(it.w, it.inner.w+2*Padding)
				it.h = math.Max(it.h, it.inner.h+autoSubTop)
			}
		}
		byID[n.ID] = it
		b.items = append(b.items, it)
		if it.art {
			arts = append(arts, it)
		} else {
			it.band = min(max(band(n), 0), nb-1)
			flowItems = append(flowItems, it)
		}
	}
	// The item an end stands for: a boundary event counts as its host.
	end := func(id string) *item {
		if it := byID[id]; it != nil {
			return it
		}
		if n := al.d.Node(id); n != nil && n.AttachedTo != "" {
			return byID[n.AttachedTo]
		}
		return nil
	}
	succ := map[*item][]*item{}
	indeg := map[*item]int{}
	fromBoundary := map[*item]*item{}
	for _, f := range al.d.Flows {
		if f.Kind != model.SequenceFlow {
			continue
		}
		a, z := end(f.Source), end(f.Target)
		if a == nil || z == nil || a == z || a.art || z.art {
			continue
		}
		succ[a] = append(succ[a], z)
		indeg[z]++
		if byID[f.Source] == nil && fromBoundary[z] == nil {
			fromBoundary[z] = a
		}
	}
	// DFS from the starts; edges to nodes on the stack are back edges.
	const (
		white = iota
		grey
		black
	)
	colour := map[*item]int{}
	var order []*item // reverse post-order: a topological order
	dag := map[*item][]*item{}
	var visit func(v *item)
	visit = func(v *item) {
		colour[v] = grey
		for _, w := range succ[v] {
			switch colour[w] {
			case white:
				dag[v] = append(dag[v], w)
				visit(w)
			case black:
				dag[v] = append(dag[v], w)
			}
		}
		colour[v] = black
		order = append(order, v)
	}
	roots := slices.Clone(flowItems)
	slices.SortStableFunc(roots, func(a, z *item) int {
		ra := rootRank(a, indeg)
		rz := rootRank(z, indeg)
		return ra - rz
	})
	for _, v := range roots {
		if colour[v] == white {
			visit(v)
		}
	}
	slices.Reverse(order)
	preds := map[*item][]*item{}
	for _, v := range order {
		for _, w := range dag[v] {
			w.layer = max(w.layer, v.layer+1)
			preds[w] = append(preds[w], v)
		}
	}
	// Rows: in a predecessor's row of the same band when free.
	byLayer := slices.Clone(flowItems)
	slices.SortStableFunc(byLayer, func(a, z *item) int { return a.layer - z.layer })
	taken := map[[3]int]bool{}
	rows := make([]int, nb) // rows used per band
	for _, it := range byLayer {
		want := 0
		if h := fromBoundary[it]; h != nil && h.band == it.band && len(preds[it]) == 1 {
			want = h.row + 1
		} else {
			// The topmost predecessor's row keeps the main line on top.
			want = -1
			for _, p := range preds[it] {
				if p.band == it.band && (want < 0 || p.row < want) {
					want = p.row
				}
			}
			want = max(want, 0)
		}
		r := want
		for taken[[3]int{it.band, it.layer, r}] {
			r++
		}
		taken[[3]int{it.band, it.layer, r}] = true
		it.row = r
		rows[it.band] = max(rows[it.band], r+1)
	}
	// Column widths and row heights.
	nl := 0
	for _, it := range flowItems {
		nl = max(nl, it.layer+1)
	}
	colW := make([]float64, nl)
	for i := range colW {
		colW[i] = autoMinCol
	}
	// A row's core holds its nodes, centred; boundary events hang below.
	rowH := make([][]float64, nb)
	hang := make([][]float64, nb)
	for i := range rowH {
		rowH[i] = make([]float64, rows[i])
		hang[i] = make([]float64, rows[i])
	}
	for _, it := range flowItems {
		colW[it.layer] = math.Max(colW[it.layer], it.w)
		if nb := len(al.attached[it.n.ID]); nb > 0 { // room for a row of boundary events
			colW[it.layer] = math.Max(colW[it.layer], float64(nb)*autoBoundary)
		}
		rowH[it.band][it.row] = math.Max(rowH[it.band][it.row], it.h)
		if len(al.attached[it.n.ID]) > 0 {
			hang[it.band][it.row] = 18
		}
	}
	// A column reached by a named flow gets room for the name.
	named := make([]bool, nl)
	for _, f := range al.d.Flows {
		if z := end(f.Target); f.Kind == model.SequenceFlow && f.Name != "" && z != nil && !z.art {
			named[z.layer] = true
		}
	}
	colX := make([]float64, nl)
	x := 0.0
	for i := range colX {
		if i > 0 {
			x += autoColGap
			if named[i] {
				x += autoNameGap
			}
		}
		colX[i] = x
		x += colW[i]
	}
	contentW := x
	for _, it := range flowItems {
		it.x = colX[it.layer] + (colW[it.layer]-it.w)/2
	}
	// Artifacts: a strip above their partner's row, near it; the others
	// above the first row of the first band.
	type strip struct{ band, row int }
	artOf := map[strip][]*item{}
	var loose []*item
	for _, a := range arts {
		for _, f := range al.d.Flows {
			var other string
			switch {
			case f.Source == a.n.ID:
				other = f.Target
			case f.Target == a.n.ID:
				other = f.Source
			default:
				continue
			}
			if p := end(other); p != nil && !p.art {
				a.partner = p
				break
			}
		}
		if a.partner == nil || a.n.Kind == model.Group {
			loose = append(loose, a)
			continue
		}
		a.band, a.row = a.partner.band, a.partner.row
		k := strip{a.band, a.row}
		artOf[k] = append(artOf[k], a)
	}
	if len(loose) > 0 {
		artOf[strip{}] = append(artOf[strip{}], loose...)
		rows[0] = max(rows[0], 1)
		for len(rowH[0]) < rows[0] {
			rowH[0], hang[0] = append(rowH[0], 0), append(hang[0], 0)
		}
	}
	artH := map[strip]float64{}
	for bi := range nb { // in a fixed order: the sweep moves contentW
		for r := range rows[bi] {
			k := strip{bi, r}
			as := artOf[k]
			slices.SortStableFunc(as, func(a, z *item) int {
				return cmpF(wantX(a, contentW), wantX(z, contentW))
			})
			next := math.Inf(-1)
			for _, a := range as {
				a.x = math.Max(wantX(a, contentW), next)
				next = a.x + math.Max(a.w, autoMinCol+autoColGap/2) + Padding // room for its name
				artH[k] = math.Max(artH[k], a.h)
			}
			for _, a := range as {
				contentW = math.Max(contentW, a.x+a.w)
			}
		}
	}
	// Bands top to bottom.
	y := 0.0
	for bi := range nb {
		top := y
		y += autoBandPad
		rowY := make([]float64, rows[bi])
		for r := range rows[bi] {
			if h := artH[strip{bi, r}]; h > 0 {
				for _, a := range artOf[strip{bi, r}] {
					a.y = y + h - a.h
				}
				y += h + autoRowGap
			}
			rowY[r] = y
			y += rowH[bi][r] + hang[bi][r] + autoRowGap
		}
		for _, it := range flowItems {
			if it.band == bi {
				it.y = rowY[it.row] + (rowH[bi][it.row]-it.h)/2
			}
		}
		if rows[bi] > 0 {
			y -= autoRowGap
		}
		y += autoBandPad
		h := math.Max(y-top, NewLaneSize)
		if depth > 0 {
			h = y - top // a sub-process needs no lane height
		}
		b.bandY = append(b.bandY, top)
		b.bandH = append(b.bandH, h)
		y = top + h
	}
	b.w, b.h = contentW, y
	return b
}

// rootRank orders DFS roots: start events without incoming flows first,
// then other nodes without incoming flows, then the rest.
func rootRank(it *item, indeg map[*item]int) int {
	switch {
	case indeg[it] == 0 && it.n.Kind == model.StartEvent:
		return 0
	case indeg[it] == 0:
		return 1
	}
	return 2
}

func wantX(a *item, contentW float64) float64 {
	if a.partner == nil {
		return contentW + autoColGap
	}
	return a.partner.x + a.partner.w/2 - a.w/2
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

// placeProcess draws a process's pool (when pool is set), lanes and
// content with the pool's top-left corner at (x, y) and the given width;
// it returns the height used.
func (al *autoLayout) placeProcess(p *model.Process, pool *model.Participant, b *block, x, y, width float64) float64 {
	lv := leaves(p.Lanes, nil)
	h := b.h
	if pool != nil {
		al.addShape(pool.ID, model.Rect{X: x, Y: y, W: width, H: h}, func(sh *model.Shape) {
			sh.IsHorizontal = model.Bool(true)
		})
	}
	laneX := x
	if pool != nil {
		laneX += LabelBand
	}
	// Leaf lanes take their band; a parent spans its children.
	leafIdx := map[*model.Lane]int{}
	for i, l := range lv {
		leafIdx[l] = i
	}
	var drawLanes func(ls []*model.Lane, lx float64) (top, bottom float64)
	drawLanes = func(ls []*model.Lane, lx float64) (float64, float64) {
		top, bottom := math.Inf(1), math.Inf(-1)
		for _, l := range ls {
			var t0, t1 float64
			if len(l.Children) == 0 {
				i := leafIdx[l]
				t0, t1 = y+b.bandY[i], y+b.bandY[i]+b.bandH[i]
			} else {
				t0, t1 = drawLanes(l.Children, lx+LabelBand)
			}
			top, bottom = math.Min(top, t0), math.Max(bottom, t1)
			if al.s.Shape(l.ID) == nil {
				al.addShape(l.ID, model.Rect{X: lx, Y: t0, W: x + width - lx, H: t1 - t0}, func(sh *model.Shape) {
					sh.IsHorizontal = model.Bool(true)
				})
			}
		}
		return top, bottom
	}
	drawLanes(p.Lanes, laneX)
	al.placeBlock(b, x+al.contentLeft(p, pool != nil), y)
	return h
}

// placeBlock draws a block's items with its origin at (ox, oy).
func (al *autoLayout) placeBlock(b *block, ox, oy float64) {
	for _, it := range b.items {
		if al.s.Shape(it.n.ID) != nil {
			continue
		}
		r := model.Rect{X: round(ox + it.x), Y: round(oy + it.y), W: it.w, H: it.h}
		al.addShape(it.n.ID, r, func(sh *model.Shape) {
			if it.n.Kind.IsSubProcess() {
				sh.IsExpanded = model.Bool(!it.collapsed)
			}
			if it.n.Kind == model.ExclusiveGateway {
				sh.IsMarkerVisible = model.Bool(true)
			}
		})
		if it.inner != nil {
			al.placeBlock(it.inner, r.X+Padding, r.Y+autoSubTop)
		}
		al.boundaries(it.n, r)
	}
}

// boundaries puts an activity's undrawn boundary events on its bottom edge.
func (al *autoLayout) boundaries(host *model.Node, r model.Rect) {
	bs := al.attached[host.ID]
	for i, e := range bs {
		if al.s.Shape(e.ID) != nil {
			continue
		}
		w, h := e.Kind.DefaultSize()
		cx := r.X + r.W*float64(i+1)/float64(len(bs)+1)
		if r.W/float64(len(bs)+1) < autoBoundary { // too many to spread: a row about the middle
			cx = r.X + r.W/2 + (float64(i)-float64(len(bs)-1)/2)*autoBoundary
		}
		al.addShape(e.ID, model.Rect{X: round(cx - w/2), Y: r.Y + r.H - h/2, W: w, H: h}, nil)
	}
}

// fill draws the missing nodes of a process that is partly drawn: each
// goes after the drawn content of its lane (or pool, or plane), and the
// lane, its pool and the pool's other lanes widen to hold it.
func (al *autoLayout) fill(p *model.Process) {
	pool := al.d.PoolOf(p.ID)
	var poolSh *model.Shape
	if pool != nil {
		poolSh = al.s.Shape(pool.ID)
	}
	var walk func(c string, in *model.Shape, depth int)
	walk = func(c string, in *model.Shape, depth int) {
		if depth > 64 {
			return
		}
		var missing []*model.Node
		for _, n := range al.inside[c] {
			k := n.Kind
			if sh := al.s.Shape(n.ID); sh != nil {
				if expanded(n, sh) {
					walk(n.ID, sh, depth+1)
				}
				continue
			}
			if (k == model.BoundaryEvent && n.AttachedTo != "") || k == model.DataObject ||
				!(k.IsFlowNode() || k.IsData() || k.IsArtifact()) {
				continue
			}
			missing = append(missing, n)
		}
		// Next to a drawn neighbour while that places any; when none has
		// one, the first goes at the end and its neighbours follow it.
		for len(missing) > 0 {
			var rest []*model.Node
			for _, n := range missing {
				if !al.place(n, in, poolSh, false) {
					rest = append(rest, n)
				}
			}
			if len(rest) == len(missing) {
				al.place(rest[0], in, poolSh, true)
				rest = rest[1:]
			}
			missing = rest
		}
		// Boundary events of drawn hosts.
		for _, n := range al.inside[c] {
			if sh := al.s.Shape(n.ID); sh != nil && len(al.attached[n.ID]) > 0 {
				al.boundaries(n, sh.Bounds)
			}
		}
	}
	walk(p.ID, poolSh, 0)
}

// place draws one missing node of a partly drawn process next to a drawn
// neighbour or, with atEnd, after the content of its area; it reports
// whether it placed it.
func (al *autoLayout) place(n *model.Node, in, poolSh *model.Shape, atEnd bool) bool {
	k := n.Kind
	area := in
	if l := al.d.LaneOf(n.ID); l != nil && in == poolSh {
		if ls := al.s.Shape(l.ID); ls != nil {
			area = ls
		}
	}
	w, h := k.DefaultSize()
	if k.IsSubProcess() {
		w, h = model.Task.DefaultSize()
	}
	r, ok := al.nextTo(n, area, w, h)
	if !ok && !atEnd {
		return false
	}
	if !ok {
		r = al.after(area, w, h)
	}
	al.addShape(n.ID, r, func(sh *model.Shape) {
		if k.IsSubProcess() {
			sh.IsExpanded = model.Bool(false)
		}
	})
	al.s.di.reset()
	if area != nil {
		al.widen(area, r.X+r.W+Padding)
	}
	if poolSh != nil && area != poolSh {
		al.widen(poolSh, r.X+r.W+Padding)
	}
	return true
}

// nextTo looks for a free w×h box for n right of a drawn predecessor (in
// its row, or a row above or below) or left of a drawn successor, inside
// area when set: where a node taken out of a drawn map was.
func (al *autoLayout) nextTo(n *model.Node, area *model.Shape, w, h float64) (model.Rect, bool) {
	for _, f := range al.s.graph().touching[n.ID] {
		if f.Kind != model.SequenceFlow || f.Source == f.Target {
			continue
		}
		after := f.Target == n.ID
		other := f.Source
		if !after {
			other = f.Target
		}
		sh := al.s.Shape(other)
		if sh == nil {
			continue
		}
		b := sh.Bounds
		x := b.X + b.W + Gap
		if !after {
			x = b.X - Gap - w
		}
		cy := b.Center().Y
		for _, dy := range []float64{0, 1, -1, 2, -2} {
			r := model.Rect{X: round(x), Y: round(cy - h/2 + dy*(h+Padding)), W: w, H: h}
			if area != nil && !area.Bounds.ContainsRect(r.Inset(-Padding/2)) {
				continue
			}
			if al.s.free(r, n) {
				return r, true
			}
		}
	}
	return model.Rect{}, false
}

// after returns a w×h box right of the drawn nodes in area (the whole
// diagram when area is nil), vertically centred in area.
func (al *autoLayout) after(area *model.Shape, w, h float64) model.Rect {
	var box model.Rect
	if area != nil {
		box = area.Bounds
	} else {
		for _, sh := range al.g.Shapes {
			box = box.Union(sh.Bounds)
		}
	}
	right := box.X + autoLeftPad + LabelBand
	for _, sh := range al.g.Shapes {
		n := al.d.Node(sh.Element)
		if n == nil || n.Kind == model.Group || sh == area {
			continue
		}
		c := sh.Bounds.Center()
		if area == nil || strictlyInside(c, box) {
			right = math.Max(right, sh.Bounds.X+sh.Bounds.W+autoColGap)
		}
	}
	cy := box.Y + box.H/2
	if area == nil {
		cy = box.Y + h/2
	}
	return model.Rect{X: round(right), Y: round(cy - h/2), W: w, H: h}
}

// widen grows sh to reach x and, for a pool or lane, every lane shape of
// the same process that ended where sh ended.
func (al *autoLayout) widen(sh *model.Shape, x float64) {
	old := sh.Bounds.X + sh.Bounds.W
	if x <= old {
		return
	}
	var group []*model.Shape
	group = append(group, sh)
	var proc *model.Process
	if pt := al.d.Participant(sh.Element); pt != nil {
		proc = al.d.Process(pt.ProcessRef)
	} else if al.d.Lane(sh.Element) != nil {
		proc = al.d.LaneProcess(sh.Element)
	}
	if proc != nil {
		if pool := al.d.PoolOf(proc.ID); pool != nil {
			if ps := al.s.Shape(pool.ID); ps != nil && ps != sh {
				group = append(group, ps)
			}
		}
		for _, l := range allLanes(proc.Lanes) {
			if ls := al.s.Shape(l.ID); ls != nil && ls != sh {
				group = append(group, ls)
			}
		}
	}
	for _, g := range group {
		if math.Abs(g.Bounds.X+g.Bounds.W-old) < 1 {
			al.t.shape(g).Bounds.W = x - g.Bounds.X
			al.n++
		}
	}
}

// edges draws every flow of the scope whose ends are drawn and that has
// no edge yet.
func (al *autoLayout) edges(collab *model.Collaboration) {
	for _, f := range al.d.Flows {
		if al.s.Edge(f.ID) != nil {
			continue
		}
		a, b := al.s.Shape(f.Source), al.s.Shape(f.Target)
		if a == nil || b == nil {
			continue
		}
		if f.Kind == model.MessageFlow && collab == nil {
			continue
		}
		al.t.addEdge(&model.Edge{ID: al.newID(f.ID), Element: f.ID})
		al.n++
		_ = al.s.route(al.t, f) // both ends are drawn: it cannot fail
		if e := al.s.Edge(f.ID); e != nil && len(e.Waypoints) < 2 {
			e.Waypoints = StraightRoute(a.Bounds, b.Bounds)
		}
	}
}
