// Package pdf paints a draw.Scene into PDF with gofpdf: a single-map file
// (Write) and the building blocks the PDF handbook uses to put maps on its
// own pages (NewDocument, RegisterFonts, DrawScene, FitScale, Link).
//
// Design. Everything stays vector: paths become PDF path operators with
// their cubic Béziers intact, fills use the nonzero rule, strokes get round
// joins and butt caps like the other backends, dashes become PDF dash
// patterns, and translucent colours (handover highlights) an ExtGState
// alpha. Text uses the embedded Noto Sans, registered from bytes with
// AddUTF8FontFromBytes, so the font is embedded (subset) and Swedish
// letters stay extractable; every line is placed at the baseline the scene
// computed and aligned with gofpdf's own widths of that font, and vertical
// headers are the same lines drawn under a 90° rotation about the box
// centre. Scene units are screen pixels at 96 dpi, so one unit is 0.75 pt
// at natural size; a map on A4/A3 is fitted and centred within margins,
// never enlarged past 1.5 times natural size. Painting state (colours,
// width, dash, alpha, font) is tracked so unchanged state is not written
// again for every item.
package pdf
