// Package draw is Lanemap's one notation geometry: Build turns a diagram
// into a Scene, a flat, back-to-front list of paths and wrapped texts, each
// tagged with the BPMN element it draws. Every symbol of BPMN 2.0 is drawn
// here and only here; the editor, SVG, PDF, PNG and HTML backends merely
// paint the scene, and hit-testing reads it, so picking can never disagree
// with drawing. Labels are measured and wrapped with the one embedded font
// (package assets), so line breaks match on screen, paper and intranet.
//
// Design. Proportions follow bpmn-js (tasks 100×80 with radius 10, events
// 36, gateways 50, a 30-unit pool and lane band) because that is what most
// BPMN users know; the icon path data is our own, written in small local
// frames (event markers in a 36-unit box, gateway markers in a 50-unit box,
// task icons from the task's corner) and parsed once at start-up. Paint
// order is fixed: pools, lanes (parents first), handover highlights, nodes
// ordered by nesting (model containment or, when a tool says nothing, the
// picture: an expanded activity before what lies inside it; boundary events
// after their host), edges, groups, then the texts outside shapes, so those
// labels are never hidden. A text inside a shape paints right after that
// shape, and every node body is filled opaquely (the theme's fill unless
// DI gives one), so a shape on top, such as a pasted copy, hides the body
// and name of the one beneath, as in bpmn-js; lanes stay see-through and
// groups unfilled. Build never fails: unknown kinds become plain rounded boxes, DI
// pointing at nothing is drawn without meaning, and NaN, infinities or
// absurd sizes are clamped so the scene bounds stay finite. Only explicit
// DI colours change the picture, and lines stay visible on them (WCAG 2.1
// non-text contrast, 3:1): a shape's outline and markers are read against
// its fill, a flow with its arrowheads and markers against the surface
// (filled pool, lane or expanded sub-process, else the paper) under most
// of its length, or in a colour that reads on every surface it crosses
// when one does. The file's stroke is kept when it reads, else the theme's
// (its stroke, or its dark or light stroke for that fill), else black or
// white; so a vendor's white task or pool in the dark theme is drawn in
// dark lines, as the light theme draws it. An outline that must change
// reads on what lies around the shape too when a colour can (a grey at
// worst), so ring and border widths still show. Labels take BPMNLabel's colour
// when the file gives one, else the element's stroke (as bpmn-js), except
// on a colour the file (or the role table) chose: a label inside a filled
// shape, or outside shapes over a filled pool, lane or expanded
// sub-process, must contrast 4.5:1
// (WCAG 2) with it, 3:1 for the file's own label colour, else it turns
// black or white; so a vendor's white pools stay readable in the dark
// theme. A label straddling surfaces no one colour reads on gets a plate
// (PartLabelPlate) of the colour under its middle. DI label boxes written by other tools are
// sized for their fonts: ours wrap at least 90 wide around the box's centre
// and grow away from their own shape rather than over it. An expanded
// sub-process names itself top-left, as the MIWG reference tools do. A
// call activity of a global task is drawn as that task (icon, no "+");
// edges of no known connecting object are plain dotted lines. A diagram
// holding part of one of the file's (the editor's redraw of the elements a
// command touched) is drawn on that diagram's surfaces, so its colours
// match a whole build.
// Segments come from a per-Build arena and measuring reads precomputed
// advance tables, which keeps a 5,000-node scene in the tens of
// milliseconds.
package draw
