package edit

import (
	"math"

	"lanemap/model"
)

// cellIndex finds the items of a diagram list (shapes, edges) near a box
// without a pass over the whole list, for the obstacle-aware router and
// the placing of new nodes, which ask many times per command. Items are
// bucketed by the cells their bounds covered when the index was built; an
// item a command changes since (touch) or that was added joins a short
// dirty list that every query also scans, and every answer is checked
// against the current bounds, so the answers stay exact while buckets go
// stale. The index is dropped with the DI index (undo, redo, rollback,
// removals) and rebuilt on the next query; a long dirty list also makes
// it stale.
type cellIndex[T comparable] struct {
	cells   map[[2]int32][]T
	dirty   []T
	isDirty map[T]bool
	n       int // items indexed, and the list's backing array then
	first   *T
	stamp   map[T]uint32 // the query that last visited an item
	gen     uint32
}

// spatial indexes the shapes by their bounds.
type spatial struct{ cellIndex[*model.Shape] }

func shapeBounds(sh *model.Shape) (model.Rect, bool) { return sh.Bounds, true }

// shapesNear calls fn for every shape of g whose current bounds meet box.
func (x *spatial) shapesNear(g *model.Diagram, box model.Rect, fn func(*model.Shape)) {
	if !x.valid(g.Shapes) {
		x.build(g.Shapes, shapeBounds)
	}
	x.near(g.Shapes, box, shapeBounds, fn)
}

const (
	cellSize = 256.0
	maxDirty = 512
)

func cellOf(v float64) int32 {
	c := math.Floor(v / cellSize)
	return int32(max(-1<<30, min(1<<30, c)))
}

// build buckets items by bounds (false: the item is not to be found).
func (x *cellIndex[T]) build(items []T, bounds func(T) (model.Rect, bool)) {
	x.cells = make(map[[2]int32][]T, len(items))
	x.dirty, x.isDirty = x.dirty[:0], map[T]bool{}
	for _, it := range items {
		x.insert(it, bounds)
	}
	x.n, x.first = len(items), nil
	if x.n > 0 {
		x.first = &items[0]
	}
	if x.stamp == nil {
		x.stamp = map[T]uint32{}
	}
}

func (x *cellIndex[T]) insert(it T, bounds func(T) (model.Rect, bool)) {
	b, ok := bounds(it)
	if !ok {
		return
	}
	if math.IsNaN(b.X+b.Y+b.W+b.H) || math.IsInf(b.X+b.Y+b.W+b.H, 0) {
		x.touch(it) // unbucketable: always scanned
		return
	}
	x0, x1 := cellOf(b.X), cellOf(b.X+b.W)
	y0, y1 := cellOf(b.Y), cellOf(b.Y+b.H)
	if int64(x1-x0+1)*int64(y1-y0+1) > 4096 { // huge (a pool): scan it
		x.touch(it)
		return
	}
	for i := x0; i <= x1; i++ {
		for j := y0; j <= y1; j++ {
			k := [2]int32{i, j}
			x.cells[k] = append(x.cells[k], it)
		}
	}
}

// touch notes an item whose bounds may change or that was added.
func (x *cellIndex[T]) touch(it T) {
	if x.cells == nil || x.isDirty[it] {
		return
	}
	x.isDirty[it] = true
	x.dirty = append(x.dirty, it)
}

// valid reports whether the index still serves items (the diagram's list):
// not dropped, not too stale, and the same list, perhaps with items
// appended (which are scanned as dirty ones).
func (x *cellIndex[T]) valid(items []T) bool {
	if x.cells == nil || len(x.dirty) > maxDirty {
		return false
	}
	if len(items) < x.n || (x.n > 0 && &items[0] != x.first) {
		return false
	}
	for _, it := range items[x.n:] {
		x.touch(it)
	}
	x.n = len(items)
	if x.n > 0 {
		x.first = &items[0]
	}
	return true
}

// near calls fn for every item whose current bounds meet box; the index
// must be valid for items.
func (x *cellIndex[T]) near(items []T, box model.Rect, bounds func(T) (model.Rect, bool), fn func(T)) {
	x.gen++
	if x.gen == 0 { // wrapped: forget old stamps
		clear(x.stamp)
		x.gen = 1
	}
	visit := func(it T) {
		if x.stamp[it] == x.gen {
			return
		}
		x.stamp[it] = x.gen
		if b, ok := bounds(it); ok && b.Intersects(box) {
			fn(it)
		}
	}
	for _, it := range x.dirty {
		visit(it)
	}
	x0, x1 := cellOf(box.X), cellOf(box.X+box.W)
	y0, y1 := cellOf(box.Y), cellOf(box.Y+box.H)
	if int64(x1-x0+1)*int64(y1-y0+1) > int64(len(items))+64 {
		for _, it := range items { // a box wider than the list: scan
			visit(it)
		}
		return
	}
	for i := x0; i <= x1; i++ {
		for j := y0; j <= y1; j++ {
			for _, it := range x.cells[[2]int32{i, j}] {
				visit(it)
			}
		}
	}
}
