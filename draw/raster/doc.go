// Package raster paints a draw.Scene into an *image.RGBA in pure Go (no cgo,
// no display): the editor canvas uses it for its cached picture and the PNG
// export for its pixels.
//
// Design. Paths are filled and stroked with exact-area antialiasing by
// coverage (sparse.go): the signed-area accumulation of x/image/vector, but
// kept as a sorted list of the pixels edges pass through and painted as
// spans of constant coverage, so an outline's empty inside and a shape's
// full inside cost only their fill, and every row is computed exactly (a
// picture painted in bands or tiles equals one painted whole). Strokes are
// turned into polygons first (geom.go): curves flattened to 0.1 device
// pixels, dashes cut on the flattened polyline, and each line outlined by
// its two offset lines, joined round outside each turn and mitred inside;
// where that geometry fails (sharp turns on short segments) a quad per
// segment plus a round wedge per join, all one way round so overlaps add up
// instead of cancelling. Joins and caps match the SVG and PDF backends
// (stroke-linejoin round, butt caps). Partial coverage is blended four
// channels at once in 16-bit lanes. Columns (index.go) finds the items that
// reach a column tile of a very wide picture and skips what an opaque
// rectangle hides. Text uses the embedded Noto Sans: glyph outlines are
// parsed once, horizontal glyphs are cached as alpha masks per size and
// quarter-pixel offset, and vertical text (pool and lane headers) is
// rasterised by x/image/vector from outlines rotated 90° counter-clockwise
// about the text box centre. Paint is safe for concurrent use.
package raster
