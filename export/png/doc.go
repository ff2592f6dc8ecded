// Package png writes a draw.Scene as a PNG picture: the scene painted by
// draw/raster (pure Go, no display) at a chosen scale on white, with the
// same 10-unit margin as the SVG export.
//
// Design. A picture is held in memory whole, so its size is capped
// (MaxPixels); MaxScale tells callers the largest scale that fits, and the
// render verb steps down to it with a note rather than failing. Encoding
// uses the fastest zlib level: process maps are mostly flat colour, which
// compresses well at any level, and speed matters more for large maps.
package png
