package handbook

import (
	"math"
	"slices"
	"sort"

	"lanemap/draw"
	"lanemap/model"
)

// Layout figures in scene units (96 dpi pixels: one unit is 0.75 pt).
const (
	unitPt = 0.75
	// MinTextPt is the smallest label size, in points, a map may be printed
	// at before it is tiled over several sheets.
	MinTextPt = 6
	// maxZoom caps enlargement of small maps (times natural size).
	maxZoom = 1.5
	overlap = 40 // units shown again at the start of the next sheet
	// maxSheets bounds the sheets of one map.
	maxSheets = 60
	cutGap    = 6 // units kept clear on each side of a cut
)

// tile is one sheet's window on the scene, in scene units.
type tile struct {
	Window model.Rect
	// Header is true when the lane header bands must be painted again at
	// the left of this sheet (every sheet but the first column).
	Header bool
	// Top is true when a vertical pool's header bands must be painted
	// again along the top of this sheet (every sheet but the first row).
	Top bool
}

// plan is how a map goes on paper: one scale for all its sheets.
type plan struct {
	Scale   float64 // mm per scene unit
	Tiles   []tile
	HeaderW float64 // width of the repeated header bands, in units
	HeaderH float64 // height of the repeated top header bands, in units
}

// span is an interval on one axis that a cut must not cross.
type span struct{ lo, hi float64 }

// planMap fits sc into a w×h mm area, tiling when fitting would make its
// smallest label smaller than MinTextPt. solid says which elements must not
// be cut (tasks, events, gateways and their labels).
func planMap(sc *draw.Scene, w, h float64, solid func(id string) bool) plan {
	b := sc.Bounds
	if !(b.W > 0) || !(b.H > 0) || !(w > 0) || !(h > 0) {
		return plan{Scale: 1, Tiles: []tile{{Window: b}}}
	}
	const mmPerPt = 25.4 / 72
	natural := unitPt * mmPerPt
	minSize := smallestText(sc)
	// A label of size S units printed at s mm/unit is S·s/mmPerPt points.
	minScale := MinTextPt * mmPerPt / minSize
	fit := math.Min(w/b.W, h/b.H)
	if fit >= minScale {
		return plan{Scale: math.Min(fit, maxZoom*natural), Tiles: []tile{{Window: b}}}
	}
	// Tile with as few sheets as the readable minimum needs, and at the
	// largest scale (up to natural size) that still needs no more.
	hw, hh := headerWidth(sc), headerHeight(sc)
	xs, ys := solids(sc, solid)
	lx, ly := labelSpans(sc)
	// Cuts avoid steps and every label where they can, else steps only.
	sx, sy := merge(append(slices.Clone(xs), lx...)), merge(append(slices.Clone(ys), ly...))
	layout := func(s float64) (cols, rows []span) {
		return cuts(b.X, b.X+b.W, w/s, w/s-hw, sx, xs), cuts(b.Y, b.Y+b.H, h/s, h/s-hh, sy, ys)
	}
	s := minScale
	cols, rows := layout(s)
	fewest := len(cols) * len(rows)
	for try := natural; try > minScale; try *= 0.95 {
		if c, r := layout(try); len(c)*len(r) <= fewest {
			s, cols, rows = try, c, r
			break
		}
	}
	// A map that would take more than maxSheets (absurd coordinates in a
	// broken file) is fitted on one sheet instead: small, but bounded.
	if len(cols)*len(rows) > maxSheets {
		return plan{Scale: fit, Tiles: []tile{{Window: b}}}
	}
	p := plan{Scale: s, HeaderW: hw, HeaderH: hh}
	boxes := solidBoxes(sc, solid)
	for k, r := range rows {
		for i, c := range cols {
			win := model.Rect{X: c.lo, Y: r.lo, W: c.hi - c.lo, H: r.hi - r.lo}
			// A sheet showing no step at all (only lane bands and the
			// ends of lines) is left out.
			if !slices.ContainsFunc(boxes, win.Intersects) {
				continue
			}
			p.Tiles = append(p.Tiles, tile{Window: win, Header: i > 0 && hw > 0, Top: k > 0 && hh > 0})
		}
	}
	if len(p.Tiles) == 0 {
		p.Tiles = []tile{{Window: b}}
		p.Scale = fit
	}
	return p
}

// solidBoxes are the boxes of the steps and their labels.
func solidBoxes(sc *draw.Scene, solid func(id string) bool) []model.Rect {
	var out []model.Rect
	for _, it := range sc.Items {
		if it.Element != "" && solid(it.Element) && (it.Part == draw.PartBody || it.Text != nil) {
			out = append(out, itemBox(it))
		}
	}
	return out
}

// itemBox is what an item covers: its text block or its element's bounds.
func itemBox(it draw.Item) model.Rect {
	if it.Text != nil {
		r := it.Text.Box
		if it.Text.Vertical {
			c := r.Center()
			r = model.Rect{X: c.X - r.H/2, Y: c.Y - r.W/2, W: r.H, H: r.W}
		}
		return r
	}
	return it.Bounds
}

// smallestText is the smallest label size in the scene (12 when none).
func smallestText(sc *draw.Scene) float64 {
	m := math.Inf(1)
	for _, it := range sc.Items {
		if it.Text != nil && it.Text.Size > 0 && len(it.Text.Lines) > 0 {
			m = math.Min(m, it.Text.Size)
		}
	}
	if math.IsInf(m, 1) {
		return 12
	}
	return m
}

// headerWidth is how far the lane header bands reach from the scene's left
// edge: what is painted again on later sheets.
func headerWidth(sc *draw.Scene) float64 {
	var right float64
	found := false
	for _, it := range sc.Items {
		if it.Part == draw.PartLaneHeader && it.Path != nil {
			r := pathBounds(it.Path)
			// Only the upright bands at the left edge: a vertical pool's
			// band lies along the top, and pools further right have their
			// own band in view.
			if r.H <= r.W || r.X-sc.Bounds.X > 200 {
				continue
			}
			right = math.Max(right, r.X+r.W)
			found = true
		}
	}
	if !found {
		return 0
	}
	return right - sc.Bounds.X
}

// headerHeight is how far a vertical pool's lane header bands (lying
// along the top, lanes being columns) reach down from the scene's top
// edge: what is painted again along the top of later rows of sheets.
func headerHeight(sc *draw.Scene) float64 {
	var bottom float64
	found := false
	for _, it := range sc.Items {
		if it.Part == draw.PartLaneHeader && it.Path != nil {
			r := pathBounds(it.Path)
			// Only the lying bands at the top edge: pools further down
			// have their own band in view.
			if r.W <= r.H || r.Y-sc.Bounds.Y > 200 {
				continue
			}
			bottom = math.Max(bottom, r.Y+r.H)
			found = true
		}
	}
	if !found {
		return 0
	}
	return bottom - sc.Bounds.Y
}

// topHeaderItems are the items painted again along the top of later rows
// of sheets: a vertical pool's header bands and their upright names.
func topHeaderItems(sc *draw.Scene, hh float64) []draw.Item {
	bands := map[string]bool{}
	var out []draw.Item
	for _, it := range sc.Items {
		if it.Part == draw.PartLaneHeader && it.Path != nil {
			if r := pathBounds(it.Path); r.W > r.H && r.Y+r.H <= sc.Bounds.Y+hh+0.5 {
				bands[it.Element] = true
				out = append(out, it)
			}
		}
	}
	for _, it := range sc.Items {
		if it.Text != nil && !it.Text.Vertical && bands[it.Element] {
			if r := itemBox(it); r.Y+r.H <= sc.Bounds.Y+hh+0.5 {
				out = append(out, it)
			}
		}
	}
	return out
}

// headerItems are the items painted again at the left of later sheets:
// the header bands and their vertical names.
func headerItems(sc *draw.Scene, hw float64) []draw.Item {
	bands := map[string]bool{}
	var out []draw.Item
	for _, it := range sc.Items {
		if it.Part == draw.PartLaneHeader && it.Path != nil {
			if r := pathBounds(it.Path); r.H > r.W && r.X+r.W <= sc.Bounds.X+hw+0.5 {
				bands[it.Element] = true
				out = append(out, it)
			}
		}
	}
	for _, it := range sc.Items {
		if it.Text != nil && it.Text.Vertical && bands[it.Element] {
			out = append(out, it)
		}
	}
	return out
}

func pathBounds(p *draw.Path) model.Rect {
	x0, y0 := math.Inf(1), math.Inf(1)
	x1, y1 := math.Inf(-1), math.Inf(-1)
	for _, s := range p.Segs {
		n := 1
		if s.Op == draw.CubicTo {
			n = 3
		} else if s.Op == draw.Close {
			n = 0
		}
		for _, pt := range s.Pts[:n] {
			x0, y0 = math.Min(x0, pt.X), math.Min(y0, pt.Y)
			x1, y1 = math.Max(x1, pt.X), math.Max(y1, pt.Y)
		}
	}
	if x0 > x1 {
		return model.Rect{}
	}
	return model.Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

// solids lists, per axis, the extents a cut must not cross, merged.
func solids(sc *draw.Scene, solid func(id string) bool) (xs, ys []span) {
	for _, it := range sc.Items {
		if it.Element == "" || !solid(it.Element) {
			continue
		}
		if it.Text == nil && it.Part != draw.PartBody && it.Part != draw.PartMarker {
			continue
		}
		r := itemBox(it)
		xs = append(xs, span{r.X - cutGap, r.X + r.W + cutGap})
		ys = append(ys, span{r.Y - cutGap, r.Y + r.H + cutGap})
	}
	return merge(xs), merge(ys)
}

// labelSpans lists, per axis, the extents of every label (flow, data and
// annotation labels too, which solids leaves out), so cuts can avoid them.
func labelSpans(sc *draw.Scene) (xs, ys []span) {
	for _, it := range sc.Items {
		if it.Text == nil || len(it.Text.Lines) == 0 || it.Part == draw.PartLaneHeader {
			continue
		}
		r := itemBox(it)
		xs = append(xs, span{r.X - cutGap, r.X + r.W + cutGap})
		ys = append(ys, span{r.Y - cutGap, r.Y + r.H + cutGap})
	}
	return xs, ys
}

// tileItems are the items one sheet draws: all of them, except labels
// its window cuts that are shown whole on another sheet, or, when no
// sheet shows them whole, on an earlier sheet (which has their start). So
// no sheet shows a cut-off fragment of a label another sheet can show.
func tileItems(items []draw.Item, tiles []tile, i int) []draw.Item {
	win := tiles[i].Window
	out := make([]draw.Item, 0, len(items))
	for _, it := range items {
		if it.Text == nil || len(it.Text.Lines) == 0 {
			out = append(out, it)
			continue
		}
		r := itemBox(it)
		if !win.Intersects(r) || contains(win, r) {
			out = append(out, it)
			continue
		}
		whole, first := false, i
		for j, t := range tiles {
			if contains(t.Window, r) {
				whole = true
				break
			}
			if j < first && t.Window.Intersects(r) {
				first = j
			}
		}
		if !whole && first == i {
			out = append(out, it)
		}
	}
	return out
}

// contains says whether r lies within w (with a hair of tolerance).
func contains(w, r model.Rect) bool {
	const eps = 0.5
	return r.X >= w.X-eps && r.Y >= w.Y-eps && r.X+r.W <= w.X+w.W+eps && r.Y+r.H <= w.Y+w.H+eps
}

func merge(in []span) []span {
	sort.Slice(in, func(i, j int) bool { return in[i].lo < in[j].lo })
	var out []span
	for _, s := range in {
		if n := len(out); n > 0 && s.lo <= out[n-1].hi {
			out[n-1].hi = math.Max(out[n-1].hi, s.hi)
			continue
		}
		out = append(out, s)
	}
	return out
}

// inside returns the span that strictly contains v, if any.
func inside(v float64, spans []span) (span, bool) {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].hi > v })
	if i < len(spans) && spans[i].lo < v {
		return spans[i], true
	}
	return span{}, false
}

// cuts splits [lo, hi] into windows: the first at most first long, the
// others at most next long (room for the repeated header), each later one
// starting overlap before the previous cut. Cuts fall outside the spans
// of the first level that allows it (levels go from "avoid everything"
// to "avoid what must never be cut"); only when a span of the last level
// is longer than a whole window is it cut.
func cuts(lo, hi, first, next float64, levels ...[]span) []span {
	if hi-lo <= first {
		return []span{{lo, hi}}
	}
	next = math.Max(next, first/4) // a silly header must not stall progress
	var out []span
	start, length := lo, first
	for len(out) < 1000 {
		end := start + length
		if end >= hi {
			out = append(out, span{start, hi})
			break
		}
		c := end // when every level's span is too long to keep whole
		for _, solid := range levels {
			cc := end
			if sp, ok := inside(cc, solid); ok {
				cc = sp.lo
			}
			if cc > start+length/3 {
				c = cc
				break
			}
		}
		out = append(out, span{start, c})
		// The next window starts a little before the cut, but never in
		// the middle of a task (or label, where it can).
		ns := c
		for _, solid := range levels {
			try := c - overlap
			if sp, ok := inside(try, solid); ok {
				switch {
				case sp.lo > start && sp.hi-sp.lo <= next:
					try = sp.lo // show that task whole once more
				case sp.hi < c:
					try = sp.hi // begin just after it
				}
			}
			if try > start {
				ns = try
				break
			}
		}
		start, length = ns, next
	}
	return out
}

// bandsOf maps each pool or lane with a header band to the band's box.
func bandsOf(sc *draw.Scene) map[string]model.Rect {
	out := map[string]model.Rect{}
	for _, it := range sc.Items {
		if it.Part == draw.PartLaneHeader && it.Path != nil && it.Element != "" {
			out[it.Element] = pathBounds(it.Path)
		}
	}
	return out
}

// placeNames moves the names of header bands that win would cut, or not
// show, to the middle of the part of their band it shows, when that part
// holds them whole: so a lane wider (or taller) than a sheet is named on
// every sheet it spans, not only on the one that shows its middle. A
// name's box is first narrowed to its text (the scene gives a centred
// name the band's whole length), so only the text itself counts as cut.
// Items are copied, never changed in place.
func placeNames(items []draw.Item, bands map[string]model.Rect, win model.Rect) []draw.Item {
	const eps = 0.5
	out := items
	copied := false
	for i, it := range items {
		if it.Text == nil || len(it.Text.Lines) == 0 || it.Text.Align != draw.AlignCenter {
			continue
		}
		b, ok := bands[it.Element]
		if !ok {
			continue
		}
		t := *it.Text
		var w float64
		for _, l := range t.Lines {
			w = math.Max(w, draw.Measure(l, t.Size, t.Bold))
		}
		w += 2 // a hair for the measure's rounding
		if w < t.Box.W {
			t.Box.X += (t.Box.W - w) / 2
			t.Box.W = w
		}
		r := itemBox(draw.Item{Text: &t})
		// Along the band: x for a band along the top (upright text), y
		// for a band at the left (vertical text); across it the name
		// must already be in view.
		lo, hi, at, size := math.Max(b.X, win.X), math.Min(b.X+b.W, win.X+win.W), r.X, r.W
		in := r.Y >= win.Y-eps && r.Y+r.H <= win.Y+win.H+eps
		if t.Vertical {
			lo, hi, at, size = math.Max(b.Y, win.Y), math.Min(b.Y+b.H, win.Y+win.H), r.Y, r.H
			in = r.X >= win.X-eps && r.X+r.W <= win.X+win.W+eps
		}
		if in && hi-lo >= size && (at < lo-eps || at+size > hi+eps) {
			d := (lo+hi)/2 - (at + size/2)
			if t.Vertical {
				t.Box.Y += d
			} else {
				t.Box.X += d
			}
		}
		if !copied {
			out = slices.Clone(items)
			copied = true
		}
		out[i].Text = &t
	}
	return out
}
