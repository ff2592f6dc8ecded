// Package png writes a draw.Scene as a PNG picture: the scene painted by
// draw/raster (pure Go, no display) at a chosen scale on white, with the
// same 10-unit margin as the SVG export.
//
// Design. The picture is painted and encoded in bands of rows: one goroutine
// paints a band (raster.PaintClip) while the caller's goroutine filters and
// compresses the one before, two 16 MB bands taking turns, so a 300-million-
// pixel map needs about 32 MB, not 1.2 GB, and both cores work. The encoder
// is our own few lines rather than image/png, which tries five filters on
// every row and took 7 times as long to encode a 20-million-pixel map: rows
// are RGB (everything is opaque on white) with the Up filter, which turns
// the flat colour of process maps into runs of zeros, compressed at zlib's
// fastest level. MaxPixels still caps the size so a mistaken --scale cannot
// run for minutes; MaxScale tells callers the largest scale that fits, and
// the render verb steps down to it with a note rather than failing.
package png
