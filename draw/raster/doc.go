// Package raster paints a draw.Scene into an *image.RGBA in pure Go (no cgo,
// no display): the editor canvas uses it for its cached picture and the PNG
// export for its pixels.
//
// Design. Fills go straight to golang.org/x/image/vector, whose signed-area
// accumulation (absolute value, clamped) is the nonzero winding rule with
// exact-area antialiasing. Strokes are turned into polygons first: curves
// are flattened to 0.1 device pixels, dashes are cut on the flattened
// polyline, and every segment becomes a quad plus a round join wedge at each
// vertex (butt caps), all fed with the same orientation so their overlaps add
// up instead of cancelling. Joins and caps match the SVG and PDF backends
// (stroke-linejoin round, butt caps). Work is proportional to the pixels an
// item touches: each item is rasterised in its own clipped box, large boxes
// in tiles that get only the stroke pieces crossing them, and large
// axis-aligned rectangles (pools, lanes) are filled directly. Text uses the
// embedded Noto Sans: glyph outlines are parsed once, horizontal glyphs are
// cached as alpha masks per size and quarter-pixel offset, and vertical text
// (pool and lane headers) is rasterised from outlines rotated 90°
// counter-clockwise about the text box centre. Paint is safe for concurrent
// use.
package raster
