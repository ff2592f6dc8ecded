package draw

import (
	"cmp"
	"image/color"
	"math"
	"slices"
	"strings"

	"lanemap/model"
)

// Options change how a diagram is drawn, not what it shows.
type Options struct {
	// MarkHandovers draws handover flows (sequence flows crossing lanes)
	// with a wide translucent band under a thicker coloured line, so they
	// stand out on screen and on paper.
	MarkHandovers bool
	// RoleColors maps a lane's role name (Lane.RoleName()) to its fill.
	RoleColors map[string]color.NRGBA
	// Dark selects the dark palette (the editor's dark theme).
	Dark bool
}

// Geometry constants in BPMN-DI units (bpmn-js proportions).
const (
	taskRadius   = 10 // corner radius of activities
	bandSize     = 30 // pool and lane header band
	labelPadding = 5  // inner padding of embedded labels
	extLabelW    = 90 // wrap width of labels under events and gateways
	extLabelGap  = 5  // gap between a shape and the label under it
	coordLimit   = 1e9
)

// builder holds the state of one Build call.
type builder struct {
	d   *model.Definitions
	g   *model.Diagram
	opt Options
	pal *palette
	sc  *Scene

	shapes    map[string]*model.Shape // element id → first shape in g
	handovers map[string]bool         // flow ids drawn as handovers
	labels    []Item                  // texts, painted last
	depth     map[string]int          // memo for nesting depth
	// drawnParents holds the containers with a child shape in g (built
	// on first use).
	drawnParents map[string]bool
	boxes        *[]box             // expanded activity shapes, see containers
	bandEnd      map[string]float64 // lane id → where its header band ends
	surfaces     []surface          // filled pools, lanes and expanded activities, in paint order
	ownSurfaces  bool               // some surface has the file's or a role's colour
	cuts         []float64          // scratch for surfaceUnder
	grounds      []ground           // colours under the last route surfaceUnder weighed
	segs         arena
}

// pb starts a path with room for about n segments.
func (b *builder) pb(n int) *pb { return &pb{segs: b.segs.get(n)} }

// Build draws diagram g of d. It never fails: elements it does not know are
// drawn as plain rounded boxes, DI that refers to nothing is drawn without
// semantics, and broken numbers (NaN, infinities, absurd sizes) are clamped
// so that Scene.Bounds stays finite.
//
// A g that is not one of d.Diagrams but holds some shapes and edges of the
// one with its ID (the editor redraws just the touched elements so) is
// drawn on that diagram's pools, lanes and expanded activities: its lines
// and labels get the colours a build of the whole diagram gives them.
func Build(d *model.Definitions, g *model.Diagram, opt Options) *Scene {
	if d == nil {
		d = &model.Definitions{}
	}
	b := newBuilder(d, g, opt)
	if g == nil {
		b.collectHandovers()
		return b.sc
	}
	b.index()
	b.collectHandovers()
	pools, lanes, groups, nodes := b.layers()
	slices.SortStableFunc(nodes, func(a, c *model.Shape) int {
		return cmp.Compare(b.nodeKey(a.Element), b.nodeKey(c.Element))
	})

	// Typical counts: a body, a marker now and then and a label per shape;
	// a line, an arrow and sometimes a label or glow per edge. Texts wait
	// in labels and join Items at the end, so both get room up front.
	n := 3*len(g.Shapes) + 3*len(g.Edges)
	if opt.MarkHandovers {
		n += len(b.handovers)
	}
	b.sc.Items = make([]Item, 0, n)
	b.labels = make([]Item, 0, len(g.Shapes)+len(g.Edges)/4)
	if whole := b.whole(pools, lanes); whole != nil {
		b.borrowSurfaces(whole, pools, lanes)
	} else {
		b.surfaces = make([]surface, 0, len(pools)+len(lanes))
		for _, s := range pools {
			b.drawPool(s)
		}
		for _, s := range lanes {
			b.drawLane(s)
		}
		b.addActivitySurfaces(g.Shapes) // in file order, as borrowSurfaces
	}
	if opt.MarkHandovers {
		for _, e := range g.Edges {
			if e != nil && b.handovers[e.Element] {
				b.drawHandoverGlow(e)
			}
		}
	}
	for _, s := range nodes {
		b.drawNode(s)
	}
	for _, e := range g.Edges {
		if e != nil {
			b.drawEdge(e)
		}
	}
	for _, s := range groups {
		b.drawGroup(s)
	}
	b.sc.Items = append(b.sc.Items, b.labels...)
	b.sc.Bounds = sceneBounds(b.sc.Items)
	return b.sc
}

func newBuilder(d *model.Definitions, g *model.Diagram, opt Options) *builder {
	b := &builder{d: d, g: g, opt: opt, pal: &lightPalette, sc: &Scene{}, depth: map[string]int{}, bandEnd: map[string]float64{}}
	if opt.Dark {
		b.pal = &darkPalette
	}
	return b
}

// index maps each element to its first shape in g.
func (b *builder) index() {
	b.shapes = make(map[string]*model.Shape, len(b.g.Shapes))
	b.depth = make(map[string]int, len(b.g.Shapes))
	for _, s := range b.g.Shapes {
		if s == nil {
			continue
		}
		if _, dup := b.shapes[s.Element]; !dup {
			b.shapes[s.Element] = s
		}
	}
}

// layers sorts g's shapes into paint layers, lanes parents first (nodes
// are left in file order).
func (b *builder) layers() (pools, lanes, groups, nodes []*model.Shape) {
	for _, s := range b.g.Shapes {
		if s == nil {
			continue
		}
		switch e := b.d.Element(s.Element).(type) {
		case *model.Participant:
			pools = append(pools, s)
		case *model.Lane:
			lanes = append(lanes, s)
		case *model.Node:
			if e.Kind == model.Group {
				groups = append(groups, s)
			} else {
				nodes = append(nodes, s)
			}
		default:
			nodes = append(nodes, s)
		}
	}
	slices.SortStableFunc(lanes, func(a, c *model.Shape) int {
		return cmp.Compare(b.laneDepth(a.Element), b.laneDepth(c.Element))
	})
	return pools, lanes, groups, nodes
}

// whole is the diagram of d that g is a part of (see Build), or nil: g is
// not in d.Diagrams, one diagram there has its ID, and g's pools and lanes
// are shapes of that diagram.
func (b *builder) whole(pools, lanes []*model.Shape) *model.Diagram {
	var whole *model.Diagram
	for _, dg := range b.d.Diagrams {
		switch {
		case dg == b.g:
			return nil
		case dg != nil && dg.ID == b.g.ID && b.g.ID != "":
			if whole != nil {
				return nil
			}
			whole = dg
		}
	}
	if whole == nil {
		return nil
	}
	for _, s := range slices.Concat(pools, lanes) {
		if !slices.Contains(whole.Shapes, s) {
			return nil
		}
	}
	return whole
}

// borrowSurfaces lays the pools, lanes and expanded activities of whole,
// of which g is a part, as a build of whole does, and takes from that the
// surfaces and the items of g's own pools and lanes. Pools and lanes are
// few; the nodes of whole are only looked up, once, so a patch of a big
// diagram stays cheap.
func (b *builder) borrowSurfaces(whole *model.Diagram, pools, lanes []*model.Shape) {
	w := newBuilder(b.d, whole, b.opt)
	w.shapes = map[string]*model.Shape{}
	var wpools, wlanes, acts []*model.Shape
	inferred := false // some sub-process leaves expanded to its drawn content
	for _, s := range whole.Shapes {
		if s == nil {
			continue
		}
		if n := b.d.Node(s.Element); n != nil {
			if n.Kind.IsSubProcess() || n.Kind == model.CallActivity {
				acts = append(acts, s)
				inferred = inferred || (s.IsExpanded == nil && n.Kind.IsSubProcess())
			}
			continue
		}
		switch b.d.Element(s.Element).(type) {
		case *model.Participant:
			wpools = append(wpools, s)
		case *model.Lane:
			wlanes = append(wlanes, s)
		default:
			continue
		}
		if _, dup := w.shapes[s.Element]; !dup {
			w.shapes[s.Element] = s
		}
	}
	slices.SortStableFunc(wlanes, func(a, c *model.Shape) int {
		return cmp.Compare(w.laneDepth(a.Element), w.laneDepth(c.Element))
	})
	w.surfaces = make([]surface, 0, len(wpools)+len(wlanes))
	for _, s := range wpools {
		w.drawPool(s)
	}
	for _, s := range wlanes {
		w.drawLane(s)
	}
	if inferred {
		w.index() // expanded reads which nodes are drawn
	}
	w.addActivitySurfaces(acts)
	b.surfaces, b.ownSurfaces = w.surfaces, w.ownSurfaces
	mine := make(map[string]bool, len(pools)+len(lanes))
	for _, s := range slices.Concat(pools, lanes) {
		mine[s.Element] = true
	}
	for _, it := range w.sc.Items {
		if mine[it.Element] {
			b.sc.Items = append(b.sc.Items, it)
		}
	}
	for _, it := range w.labels {
		if mine[it.Element] {
			b.labels = append(b.labels, it)
		}
	}
}

// addActivitySurfaces records the bodies of the expanded sub-processes
// and call activities among nodes as surfaces, larger ones first so nested
// ones lie on top, before any node is drawn: flows inside them are drawn
// on their fill, and so are labels that lie over them, whichever node
// they belong to.
func (b *builder) addActivitySurfaces(nodes []*model.Shape) {
	var acts []*model.Shape
	for _, s := range nodes {
		if s == nil {
			continue
		}
		if n := b.d.Node(s.Element); n != nil && (n.Kind.IsSubProcess() || n.Kind == model.CallActivity) && b.expanded(s, n) {
			acts = append(acts, s)
		}
	}
	slices.SortStableFunc(acts, func(a, c *model.Shape) int {
		ra, rc := clean(a.Bounds), clean(c.Bounds)
		return cmp.Compare(rc.W*rc.H, ra.W*ra.H)
	})
	for _, s := range acts {
		col := b.pal.resolve(s.Style)
		b.addSurface(clean(s.Bounds), col.fill, col.ownFill)
	}
}

// ground is a colour under part of a route and how much of it.
type ground struct {
	c color.NRGBA
	w float64
}

// surfaceUnder is what a line along pts is drawn on: the colour (see
// surfaceAt) under most of its length. Each segment is cut where it
// crosses a surface's edge and every piece weighed by the colour under its
// middle, into b.grounds; a route inside one surface with nothing on top
// skips that and leaves b.grounds empty. Cost: segments × surfaces, and
// only for routes that cross surfaces.
func (b *builder) surfaceUnder(pts []model.Point) color.NRGBA {
	b.grounds = b.grounds[:0]
	if len(pts) == 0 {
		return b.pal.bg
	}
	box := ptsBox(pts)
	c := box.Center()
	if len(pts) == 1 || b.uniformUnder(box, c) {
		bg, _ := b.surfaceAt(c)
		return bg
	}
	for i := 1; i < len(pts); i++ {
		p, q := pts[i-1], pts[i]
		l := norm(sub(q, p))
		if !(l > 0) || math.IsInf(l, 0) {
			continue
		}
		cuts := append(b.cuts[:0], 0, 1)
		cut := func(from, to, at float64) {
			if from != to {
				if t := (at - from) / (to - from); t > 0 && t < 1 {
					cuts = append(cuts, t)
				}
			}
		}
		seg := ptsBox(pts[i-1 : i+1])
		for _, s := range b.surfaces {
			if s.r.X > seg.X+seg.W || seg.X > s.r.X+s.r.W || s.r.Y > seg.Y+seg.H || seg.Y > s.r.Y+s.r.H {
				continue
			}
			cut(p.X, q.X, s.r.X)
			cut(p.X, q.X, s.r.X+s.r.W)
			cut(p.Y, q.Y, s.r.Y)
			cut(p.Y, q.Y, s.r.Y+s.r.H)
		}
		slices.Sort(cuts)
		for k := 1; k < len(cuts); k++ {
			t0, t1 := cuts[k-1], cuts[k]
			if t1 <= t0 {
				continue
			}
			bg, _ := b.surfaceAt(addp(p, scale(sub(q, p), (t0+t1)/2)))
			b.weigh(bg, l*(t1-t0))
		}
		b.cuts = cuts
	}
	best := ground{c: b.pal.bg, w: -1}
	for _, g := range b.grounds {
		if g.w > best.w {
			best = g
		}
	}
	if best.w < 0 {
		bg, _ := b.surfaceAt(c)
		return bg
	}
	return best.c
}

// lineAlong picks the ink of a line along the route surfaceUnder last
// weighed, whose main ground is ground, with glow (when not transparent)
// under the line: a line over grounds of both kinds (a message flow from
// a vendor's white pool across the dark paper) takes the first of the
// file's stroke (own), defs, and the grey that reads best on the darkest
// and lightest ground, that reaches 3:1 on every ground under minGround or
// more of the route; else it is made to read on its main ground (lineOn).
func (b *builder) lineAlong(ground, glow color.NRGBA, own bool, c color.NRGBA, defs ...color.NRGBA) color.NRGBA {
	if len(b.grounds) > 1 {
		for i := range b.grounds {
			b.grounds[i].c = over(glow, b.grounds[i].c)
		}
		if own && b.readsAcross(c) {
			return c
		}
		for _, d := range defs {
			if b.readsAcross(d) {
				return d
			}
		}
		if g := b.greyAcross(); b.readsAcross(g) {
			return g
		}
	}
	return lineOn(over(glow, ground), own, c, defs...)
}

// minGround is the length of route (DI units, less than an arrowhead) a
// surface must lie under to count in lineAlong: a flow that ends a few
// units inside the next lane keeps its colour.
const minGround = 8

// readsAcross reports whether ink reaches 3:1 on each of b.grounds that
// covers minGround or more.
func (b *builder) readsAcross(ink color.NRGBA) bool {
	for _, g := range b.grounds {
		if g.w >= minGround && contrast(ink, g.c) < minLineContrast {
			return false
		}
	}
	return true
}

// greyAcross is the grey between the darkest and the lightest of
// b.grounds (minGround or more): the best one colour can do on all.
func (b *builder) greyAcross() color.NRGBA {
	lo, hi := white, black
	for _, g := range b.grounds {
		if g.w >= minGround {
			if relLuminance(g.c) < relLuminance(lo) {
				lo = g.c
			}
			if relLuminance(g.c) > relLuminance(hi) {
				hi = g.c
			}
		}
	}
	return greyBetween(lo, hi)
}

// weigh adds w to colour c's share in grounds.
func (b *builder) weigh(c color.NRGBA, w float64) {
	for i := range b.grounds {
		if b.grounds[i].c == c {
			b.grounds[i].w += w
			return
		}
	}
	b.grounds = append(b.grounds, ground{c, w})
}

// collectHandovers fills Scene.Handovers with the handovers this diagram
// shows (a flow with an edge here, or whose ends are both drawn here), so a
// file with several diagrams lists each handover where it is seen. Without
// a diagram (a file with no DI) every handover is listed.
func (b *builder) collectHandovers() {
	b.handovers = map[string]bool{}
	hs := b.d.Handovers()
	if len(hs) == 0 {
		return
	}
	var edges map[string]bool
	if b.g != nil {
		edges = make(map[string]bool, len(hs))
		for _, e := range b.g.Edges {
			if e != nil {
				edges[e.Element] = true
			}
		}
	}
	b.sc.Handovers = make([]Handover, 0, len(hs))
	for _, h := range hs {
		f := h.Flow
		if b.g != nil && !edges[f.ID] && (b.shapes[f.Source] == nil || b.shapes[f.Target] == nil) {
			continue
		}
		b.handovers[f.ID] = true
		b.sc.Handovers = append(b.sc.Handovers, Handover{
			Flow: f.ID, Name: f.Name, From: f.Source, To: f.Target,
			FromLane: h.FromLane.ID, ToLane: h.ToLane.ID,
			FromRole: h.FromLane.RoleName(), ToRole: h.ToLane.RoleName(),
		})
	}
}

// laneDepth counts a lane's parents so parents paint before children.
func (b *builder) laneDepth(id string) int {
	n := 0
	for l := b.d.LaneParent(id); l != nil && n < 64; l = b.d.LaneParent(l.ID) {
		n++
	}
	return n
}

// nodeKey orders nodes for painting: by nesting, so the body of an
// expanded sub-process or call activity never hides what is drawn inside
// it, and boundary events right after the level of their host.
func (b *builder) nodeKey(id string) int {
	n, _ := b.d.Element(id).(*model.Node)
	if n == nil {
		return 0
	}
	if n.Kind == model.BoundaryEvent && n.AttachedTo != "" {
		return 2*b.nodeDepth(n.AttachedTo) + 1
	}
	return 2 * b.nodeDepth(id)
}

// nodeDepth is how deeply a node is nested: the number of sub-processes
// around it in the model, or the number of expanded activity shapes around
// its shape, whichever is larger. The geometric count catches what the
// model cannot say, such as the called process drawn inside an expanded
// call activity.
func (b *builder) nodeDepth(id string) int {
	if v, ok := b.depth[id]; ok {
		return v
	}
	depth := 0
	cur := b.d.Node(id)
	for i := 0; cur != nil && i < 64; i++ {
		parent := b.d.Node(cur.Container)
		if parent == nil || parent == cur {
			break
		}
		depth++
		cur = parent
	}
	if s := b.shapes[id]; s != nil {
		r := clean(s.Bounds)
		geo := 0
		for _, c := range b.containers() {
			if c.id != id && c.r.ContainsRect(r) && c.r != r {
				geo++
			}
		}
		depth = max(depth, geo)
	}
	b.depth[id] = depth
	return depth
}

// box is a container shape's element and bounds.
type box struct {
	id string
	r  model.Rect
}

// containers lists the expanded activity shapes (built on first use).
// Checking every node against every container is quadratic, so past a
// size no real map reaches the geometric check is left out.
func (b *builder) containers() []box {
	if b.boxes != nil {
		return *b.boxes
	}
	var out []box
	for _, s := range b.g.Shapes {
		if s == nil {
			continue
		}
		n := b.d.Node(s.Element)
		if n == nil || !(n.Kind.IsSubProcess() || n.Kind == model.CallActivity) || !b.expanded(s, n) {
			continue
		}
		out = append(out, box{s.Element, clean(s.Bounds)})
	}
	if len(out)*len(b.g.Shapes) > 4_000_000 {
		out = nil
	}
	b.boxes = &out
	return out
}

// add appends a path item.
func (b *builder) add(elem string, part Part, bounds model.Rect, p *Path, st Style) {
	b.sc.Items = append(b.sc.Items, Item{Element: elem, Part: part, Bounds: bounds, Path: p, Style: st})
}

// addText queues a text item (texts paint after every shape and edge).
func (b *builder) addText(elem string, bounds model.Rect, t *Text) {
	if t == nil || len(t.Lines) == 0 {
		return
	}
	b.labels = append(b.labels, Item{Element: elem, Part: PartLabel, Bounds: bounds, Text: t})
}

// addInnerText paints a text inside its shape right away, on top of the
// shape's body but under any shape painted later: a copy pasted over a
// task hides the text of the task beneath it, as its body hides the rest.
func (b *builder) addInnerText(elem string, bounds model.Rect, t *Text) {
	if t == nil || len(t.Lines) == 0 {
		return
	}
	b.sc.Items = append(b.sc.Items, Item{Element: elem, Part: PartLabel, Bounds: bounds, Text: t})
}

// textBlock lays lines out in a box of width w whose vertical centre is cy
// (top is used instead when top is not NaN).
func textBlock(lines []string, x, w, cy, top, size float64, align Align, col color.NRGBA) *Text {
	lh := size * LineSpacing
	h := float64(len(lines)) * lh
	y := cy - h/2
	if !math.IsNaN(top) {
		y = top
	}
	return &Text{Lines: lines, Box: model.Rect{X: x, Y: y, W: w, H: h}, Size: size, LineHeight: lh,
		Ascent: Ascent(size), Align: align, Color: col}
}

// clean makes a DI rectangle safe to draw: no NaN or infinities, no
// negative sizes, nothing so large that sums overflow.
func clean(r model.Rect) model.Rect {
	r = model.Rect{X: cleanF(r.X), Y: cleanF(r.Y), W: cleanF(r.W), H: cleanF(r.H)}
	if r.W < 0 {
		r.X, r.W = r.X+r.W, -r.W
	}
	if r.H < 0 {
		r.Y, r.H = r.Y+r.H, -r.H
	}
	return r
}

func cleanF(v float64) float64 {
	switch {
	case math.IsNaN(v):
		return 0
	case v > coordLimit:
		return coordLimit
	case v < -coordLimit:
		return -coordLimit
	}
	return v
}

func cleanPts(in []model.Point) []model.Point {
	out := make([]model.Point, len(in))
	for i, p := range in {
		out[i] = model.Point{X: cleanF(p.X), Y: cleanF(p.Y)}
	}
	return out
}

// stroke returns a solid stroke style.
func stroke(c color.NRGBA, w float64) Style { return Style{Stroke: c, Width: w} }

// filled returns a fill with an outline.
func filled(f, c color.NRGBA, w float64) Style { return Style{Fill: f, Stroke: c, Width: w} }

// sceneBounds is the box of every item, strokes included.
func sceneBounds(items []Item) model.Rect {
	var out model.Rect
	first := true
	grow := func(r model.Rect) {
		if !finiteRect(r) {
			return
		}
		if first {
			out, first = r, false
			return
		}
		out = union(out, r)
	}
	for i := range items {
		it := &items[i]
		switch {
		case it.Path != nil:
			if r, ok := pathBox(it.Path); ok {
				grow(r.Inset(-it.Style.Width / 2))
			}
		case it.Text != nil:
			grow(textExtent(it.Text))
		}
	}
	return out
}

// textExtent is the area a text covers, turned when it is vertical.
func textExtent(t *Text) model.Rect {
	r := t.Box
	if t.Vertical {
		c := r.Center()
		return model.Rect{X: c.X - r.H/2, Y: c.Y - r.W/2, W: r.H, H: r.W}
	}
	return r
}

// union is Rect.Union without its "empty means absent" rule, which would
// drop zero-sized items at the origin.
func union(a, o model.Rect) model.Rect {
	x0, y0 := math.Min(a.X, o.X), math.Min(a.Y, o.Y)
	x1, y1 := math.Max(a.X+a.W, o.X+o.W), math.Max(a.Y+a.H, o.Y+o.H)
	return model.Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

func finiteRect(r model.Rect) bool {
	for _, v := range [4]float64{r.X, r.Y, r.W, r.H} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// widestWord is the width of the longest unbreakable word of s.
func widestWord(s string, size float64) float64 {
	w := 0.0
	for f := range strings.FieldsSeq(s) {
		w = math.Max(w, Measure(f, size, false))
	}
	return w
}
