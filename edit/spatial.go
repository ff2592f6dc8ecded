package edit

import (
	"math"

	"lanemap/model"
)

// spatial finds the shapes near a box without a pass over the whole
// diagram, for the obstacle-aware router and the placing of new nodes,
// which ask many times per command. Shapes are bucketed by the cells their
// bounds covered when the index was built; a shape whose bounds a command
// changes since (tx.shape) or that was added joins a short dirty list that
// every query also scans, and every answer is checked against the current
// bounds, so the answers stay exact while buckets go stale. The index is
// dropped with the DI index (undo, redo, rollback, removals) and rebuilt
// on the next query; a long dirty list also triggers a rebuild.
type spatial struct {
	cells   map[[2]int32][]*model.Shape
	dirty   []*model.Shape
	isDirty map[*model.Shape]bool
	n       int
	s0      **model.Shape
	stamp   map[*model.Shape]uint32
	gen     uint32
}

const (
	cellSize = 256.0
	maxDirty = 512
)

func cellOf(v float64) int32 {
	c := math.Floor(v / cellSize)
	return int32(max(-1<<30, min(1<<30, c)))
}

func (x *spatial) build(g *model.Diagram) {
	x.cells = make(map[[2]int32][]*model.Shape, len(g.Shapes))
	x.dirty, x.isDirty = x.dirty[:0], map[*model.Shape]bool{}
	for _, sh := range g.Shapes {
		x.insert(sh)
	}
	x.n, x.s0 = len(g.Shapes), nil
	if x.n > 0 {
		x.s0 = &g.Shapes[0]
	}
	if x.stamp == nil {
		x.stamp = map[*model.Shape]uint32{}
	}
}

func (x *spatial) insert(sh *model.Shape) {
	b := sh.Bounds
	if math.IsNaN(b.X+b.Y+b.W+b.H) || math.IsInf(b.X+b.Y+b.W+b.H, 0) {
		x.touch(sh) // unbucketable: always scanned
		return
	}
	x0, x1 := cellOf(b.X), cellOf(b.X+b.W)
	y0, y1 := cellOf(b.Y), cellOf(b.Y+b.H)
	if int64(x1-x0+1)*int64(y1-y0+1) > 4096 { // huge (a pool): scan it
		x.touch(sh)
		return
	}
	for i := x0; i <= x1; i++ {
		for j := y0; j <= y1; j++ {
			k := [2]int32{i, j}
			x.cells[k] = append(x.cells[k], sh)
		}
	}
}

// touch notes a shape whose bounds may change or that was added.
func (x *spatial) touch(sh *model.Shape) {
	if x.cells == nil || x.isDirty[sh] {
		return
	}
	x.isDirty[sh] = true
	x.dirty = append(x.dirty, sh)
}

func (x *spatial) valid(g *model.Diagram) bool {
	if x.cells == nil || len(x.dirty) > maxDirty {
		return false
	}
	if len(g.Shapes) < x.n || (x.n > 0 && &g.Shapes[0] != x.s0) {
		return false
	}
	// Shapes appended since the build are scanned as dirty ones.
	for _, sh := range g.Shapes[x.n:] {
		x.touch(sh)
	}
	x.n = len(g.Shapes)
	if x.n > 0 {
		x.s0 = &g.Shapes[0]
	}
	return true
}

// near calls fn for every shape of g whose current bounds meet box.
func (x *spatial) near(g *model.Diagram, box model.Rect, fn func(*model.Shape)) {
	if !x.valid(g) {
		x.build(g)
	}
	x.gen++
	if x.gen == 0 { // wrapped: forget old stamps
		clear(x.stamp)
		x.gen = 1
	}
	visit := func(sh *model.Shape) {
		if x.stamp[sh] == x.gen {
			return
		}
		x.stamp[sh] = x.gen
		if sh.Bounds.Intersects(box) {
			fn(sh)
		}
	}
	for _, sh := range x.dirty {
		visit(sh)
	}
	x0, x1 := cellOf(box.X), cellOf(box.X+box.W)
	y0, y1 := cellOf(box.Y), cellOf(box.Y+box.H)
	if int64(x1-x0+1)*int64(y1-y0+1) > int64(len(g.Shapes))+64 {
		for _, sh := range g.Shapes { // a box wider than the diagram: scan
			visit(sh)
		}
		return
	}
	for i := x0; i <= x1; i++ {
		for j := y0; j <= y1; j++ {
			for _, sh := range x.cells[[2]int32{i, j}] {
				visit(sh)
			}
		}
	}
}
