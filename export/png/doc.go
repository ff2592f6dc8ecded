// Package png writes a draw.Scene as a PNG picture: the scene painted by
// draw/raster (pure Go, no display) at a chosen scale on white, with the
// same 10-unit margin as the SVG export.
//
// Design. The picture is painted and encoded in bands of rows, two bands
// taking turns between the painters and the encoder: 16 MB each, or 56
// rows when that is more (a very wide map), so a 300-million-pixel map
// needs about 130 MB, not 1.2 GB. A band is kept as
// column tiles of raster.ColumnWidth pixels, painted by one goroutine per
// processor: in a tile a shape's rows lie close together in memory, and
// right after painting a tile its painter compares each row with the row
// above and keeps only what changed, filtered (filter.go). The encoder
// (deflate.go, huffman.go) is our own rather than image/png or
// compress/zlib: rows are RGB with PNG's Up filter, so the unchanged
// pixels that make up most of a map are zero bytes, written as runs
// without being looked at; only the changed bytes go through an LZ77
// match finder like zlib's fastest level, with Huffman codes built for
// each block. MaxPixels still caps the size so a mistaken --scale cannot
// run for minutes; MaxScale tells callers the largest scale that fits, and
// the render verb steps down to it with a note rather than failing.
package png
