// Package svg writes a draw.Scene as a self-contained SVG document.
//
// Design. The file references nothing outside itself. Text stays real
// <text>/<tspan> so it can be selected, searched and read by screen
// readers; each line is placed at the exact baseline and alignment the
// scene computed with the embedded Noto Sans, so line breaks match the
// editor and the PDF. The font itself is not embedded: Noto Sans Regular
// and Bold are about 455 KB each (600 KB each as base64), which would make
// a small process map a megabyte and be repeated in every one of a
// library's hundreds of maps. font-family names Noto Sans with a generic
// sans-serif fallback instead; a fallback face only shifts where glyphs
// sit within a line, never the breaks. A published site can ship the font
// once and reference it from its CSS.
//
// Items are written in scene order (painter's order must not change), and
// each run of consecutive items of one BPMN element becomes one
// <g data-element="ID">. With Options.Interactive the element's main run
// (the one holding its body or edge) also gets id, tabindex, role and
// aria-label, so the HTML export can make it focusable and clickable; an
// element split into several runs (a label drawn after everything else)
// gets the id only once. Every item carries a class naming its part
// (lm-body, lm-marker, lm-edge, lm-arrow, lm-label, lm-lane-header,
// lm-handover) for styling.
package svg
