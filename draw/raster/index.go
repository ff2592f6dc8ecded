package raster

import (
	"image"
	"image/color"
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
	s      *draw.Scene
	t      Transform
	boxes  []image.Rectangle // device box of each item, empty if it paints nothing
	covers []image.Rectangle // whole pixels an item paints opaquely (pools, lanes), if any
	lists  [][]int32         // per column, the items reaching it, back to front
}

// ColumnWidth is the width in pixels of a column tile: a tile of a few
// dozen rows stays within the processor's cache.
const ColumnWidth = 1024

// NewColumns indexes s, as transformed by t, for a picture width pixels
// wide.
func NewColumns(s *draw.Scene, t Transform, width int) *Columns {
	n := max(1, (width+ColumnWidth-1)/ColumnWidth)
	c := &Columns{s: s, t: t, lists: make([][]int32, n)}
	if s == nil || !(t.Scale > 0) || !finite(t.Scale) || !finite(t.OffX) || !finite(t.OffY) {
		return c
	}
	c.boxes = make([]image.Rectangle, len(s.Items))
	c.covers = make([]image.Rectangle, len(s.Items))
	for i := range s.Items {
		it := &s.Items[i]
		b := itemBox(it, t).Intersect(image.Rect(0, math.MinInt32, width, math.MaxInt32))
		if b.Empty() {
			continue
		}
		c.boxes[i] = b
		if it.Path != nil && it.Style.Fill.A == 255 {
			if r, ok := axisRect(it.Path, t); ok {
				c.covers[i] = r.inner()
			}
		}
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
// front, as PaintClip would draw them over background: clip must lie
// within the column. What lies under an opaque rectangle covering all of
// clip (a lane, in a wide map) is neither cleared nor painted.
func (c *Columns) Paint(dst *image.RGBA, col int, clip image.Rectangle, background color.Color) {
	clip = clip.Intersect(dst.Bounds())
	if col < 0 || col >= len(c.lists) || clip.Empty() {
		return
	}
	list := c.lists[col]
	from := -1
	for k, i := range list {
		if clip.In(c.covers[i]) {
			from = k
		}
	}
	if from < 0 {
		fillBox(dst, clip, color.RGBAModel.Convert(background).(color.RGBA))
		from = 0
	}
	for _, i := range list[from:] {
		if c.boxes[i].Overlaps(clip) {
			paintItem(dst, &c.s.Items[i], c.t, clip)
		}
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
