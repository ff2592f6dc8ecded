package raster

import (
	"image"
	"math"

	"lanemap/draw"
)

// Columns finds a scene's items by the vertical strip of the picture they
// touch, for painting a very wide picture tile by tile. Painting straight
// into rows of a wide picture is slow for a reason that has nothing to do
// with the drawing: every row of a shape lies a whole picture row away
// from the one before (a megabyte for a 5,000-node map), so each touches
// a new page of memory. A tile of ColumnWidth pixels keeps a shape's rows
// together, and Columns gives each tile just the items that reach it.
type Columns struct {
	s     *draw.Scene
	t     Transform
	rows  []image.Rectangle // device box of each item, empty if it paints nothing
	lists [][]int32         // per column, the items reaching it, back to front
}

// ColumnWidth is the width in pixels of a column tile: a tile of a few
// dozen rows stays within the processor's cache.
const ColumnWidth = 512

// NewColumns indexes s, as transformed by t, for a picture width pixels
// wide.
func NewColumns(s *draw.Scene, t Transform, width int) *Columns {
	n := max(1, (width+ColumnWidth-1)/ColumnWidth)
	c := &Columns{s: s, t: t, lists: make([][]int32, n)}
	if s == nil || !(t.Scale > 0) || !finite(t.Scale) || !finite(t.OffX) || !finite(t.OffY) {
		return c
	}
	c.rows = make([]image.Rectangle, len(s.Items))
	for i := range s.Items {
		b := itemBox(&s.Items[i], t).Intersect(image.Rect(0, math.MinInt32, width, math.MaxInt32))
		if b.Empty() {
			continue
		}
		c.rows[i] = b
		for col := b.Min.X / ColumnWidth; col <= (b.Max.X-1)/ColumnWidth && col < n; col++ {
			c.lists[col] = append(c.lists[col], int32(i))
		}
	}
	return c
}

// Column returns the pixel columns of tile col.
func (c *Columns) Column(col int) (x0, x1 int) {
	return col * ColumnWidth, (col + 1) * ColumnWidth
}

// Len is the number of column tiles.
func (c *Columns) Len() int { return len(c.lists) }

// Paint draws the items of column col that reach clip onto dst, back to
// front, as PaintClip would draw them: clip must lie within the column.
func (c *Columns) Paint(dst *image.RGBA, col int, clip image.Rectangle) {
	clip = clip.Intersect(dst.Bounds())
	if col < 0 || col >= len(c.lists) || clip.Empty() {
		return
	}
	for _, i := range c.lists[col] {
		if !c.rows[i].Overlaps(clip) {
			continue
		}
		paintItem(dst, &c.s.Items[i], c.t, clip)
	}
}

// itemBox is a generous device box of what it paints.
func itemBox(it *draw.Item, t Transform) image.Rectangle {
	switch {
	case it.Path != nil:
		return pathBox(it.Path, &it.Style, t)
	case it.Text != nil:
		return roughTextBox(it.Text, t)
	}
	return image.Rectangle{}
}
