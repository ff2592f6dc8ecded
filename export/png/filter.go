package png

import (
	"encoding/binary"
)

// rowDiffs holds what consecutive rows of a stretch of columns change
// from the rows above them under PNG's Up filter: the stretches of changed
// pixels and their filtered bytes (each byte minus the one above). The
// unchanged pixels between are zeros once filtered, which the encoder
// writes without looking at them. Painters fill a rowDiffs for their tile
// right after painting it, while it is still in the processor's cache.
type rowDiffs struct {
	width   int     // pixels per row
	runs    []int32 // changed stretches as pairs of pixel indices [start, end)
	data    []byte  // their filtered RGB bytes, in order
	rowRuns []int   // row k's stretches are runs[rowRuns[k]:rowRuns[k+1]]
	rowData []int   // and its bytes data[rowData[k]:rowData[k+1]]
}

// minSame is the shortest stretch of unchanged pixels taken out of a
// stretch of changed ones: shorter ones cost more as a token than as data.
const minSame = 3

func (d *rowDiffs) reset(width int) {
	d.width = width
	d.runs, d.data = d.runs[:0], d.data[:0]
	d.rowRuns, d.rowData = append(d.rowRuns[:0], 0), append(d.rowData[:0], 0)
}

// add appends a row of width RGBA pixels (every alpha 255) and the row
// above it, nil for a picture's first row (whose bytes go in unfiltered).
func (d *rowDiffs) add(cur, above []byte) {
	cur = cur[:4*d.width]
	if above == nil {
		d.runs = append(d.runs, 0, int32(d.width))
		for x := 0; x < len(cur); x += 4 {
			d.data = append(d.data, cur[x], cur[x+1], cur[x+2])
		}
	} else {
		above = above[:4*d.width]
		from := len(d.runs)
		d.runs = changedRuns(d.runs, cur, above)
		for i := from; i < len(d.runs); i += 2 {
			a, b := 4*int(d.runs[i]), 4*int(d.runs[i+1])
			n := len(d.data)
			d.data = append(d.data, make([]byte, 3*(b-a)/4)...)
			out := d.data[n:]
			c, u := cur[a:b], above[a:b]
			for x, j := 0, 0; x+3 < len(c) && j+2 < len(out); x, j = x+4, j+3 {
				out[j], out[j+1], out[j+2] = c[x]-u[x], c[x+1]-u[x+1], c[x+2]-u[x+2]
			}
		}
	}
	d.rowRuns = append(d.rowRuns, len(d.runs))
	d.rowData = append(d.rowData, len(d.data))
}

// changedRuns appends to dst the stretches of cur to write as changed
// pixels, as pairs of pixel indices [start, end); the pixels between are
// the same as those above. Stretches of fewer than minSame unchanged
// pixels stay inside changed ones. Rows are compared 16 pixels at a time
// (most of a map's rows equal the row above all along or over long
// stretches); only a block that differs is looked at pixel by pixel.
func changedRuns(dst []int32, cur, above []byte) []int32 {
	n := min(len(cur), len(above)) &^ 3
	cur, above = cur[:n], above[:n]
	start, end := -1, 0 // the open run: its first changed pixel, and one past its last
	changed := func(x int) {
		switch {
		case start < 0:
			start = x
		case x-end >= minSame:
			dst = append(dst, int32(start), int32(end))
			start = x
		}
		end = x + 1
	}
	i := 0
	for ; i+64 <= n; i += 64 {
		a, b := cur[i:i+64:i+64], above[i:i+64:i+64]
		le := binary.LittleEndian
		d0, d1 := le.Uint64(a[0:])^le.Uint64(b[0:]), le.Uint64(a[8:])^le.Uint64(b[8:])
		d2, d3 := le.Uint64(a[16:])^le.Uint64(b[16:]), le.Uint64(a[24:])^le.Uint64(b[24:])
		d4, d5 := le.Uint64(a[32:])^le.Uint64(b[32:]), le.Uint64(a[40:])^le.Uint64(b[40:])
		d6, d7 := le.Uint64(a[48:])^le.Uint64(b[48:]), le.Uint64(a[56:])^le.Uint64(b[56:])
		if d0|d1|d2|d3|d4|d5|d6|d7 == 0 {
			continue
		}
		for k, v := range [8]uint64{d0, d1, d2, d3, d4, d5, d6, d7} {
			if uint32(v) != 0 {
				changed(i/4 + 2*k)
			}
			if v>>32 != 0 {
				changed(i/4 + 2*k + 1)
			}
		}
	}
	for ; i < n; i += 4 {
		if binary.LittleEndian.Uint32(cur[i:]) != binary.LittleEndian.Uint32(above[i:]) {
			changed(i / 4)
		}
	}
	if start >= 0 {
		dst = append(dst, int32(start), int32(end))
	}
	return dst
}
