package draw

import (
	"image/color"

	"lanemap/model"
)

// Scene is the one drawing description of a diagram. Every backend (the
// editor canvas, SVG, PDF, PNG, the HTML site) paints Items in order, back
// to front, and nothing else; hit-testing reads the same items.
type Scene struct {
	// Bounds holds every item, in BPMN-DI units.
	Bounds model.Rect
	Items  []Item
	// Handovers lists the sequence flows that cross lanes (always filled;
	// Options.MarkHandovers only changes how they are drawn).
	Handovers []Handover
}

// Item is one primitive of the picture. Exactly one of Path and Text is set.
type Item struct {
	// Element is the id of the BPMN element this item draws ("" for none).
	Element string
	// Part says what the item is for, e.g. PartBody, PartLabel, PartMarker.
	Part Part
	// Bounds of the element this item belongs to (the DI bounds of a shape,
	// the waypoints' box of an edge): what hit-testing and selection use.
	Bounds model.Rect
	Path   *Path
	Text   *Text
	Style  Style
}

// Part classifies items so backends and hit-testing can treat them apart.
type Part uint8

// Parts of a picture.
const (
	PartBody       Part = iota // the outline and fill of a shape
	PartMarker                 // icons and markers inside or on a shape
	PartEdge                   // the line of a connecting object
	PartArrow                  // arrowheads and flow-source decorations
	PartLabel                  // any text
	PartLaneHeader             // the label band of a pool or lane
	PartHandover               // highlight drawn under a handover flow
	// PartLabelPlate is a filled box under a label that straddles
	// surfaces no one text colour reads on (decoration: it never picks).
	PartLabelPlate
)

// Style says how a path is painted. A zero colour (alpha 0) means none.
type Style struct {
	Fill   color.NRGBA
	Stroke color.NRGBA
	Width  float64
	// Dash lists on/off lengths; nil is a solid line.
	Dash []float64
}

// Op is a path command.
type Op uint8

// Path commands. Coordinates are absolute, in BPMN-DI units.
const (
	MoveTo  Op = iota // Pts[0]
	LineTo            // Pts[0]
	CubicTo           // Pts[0], Pts[1] control points, Pts[2] end
	Close
)

// Seg is one path command with its points.
type Seg struct {
	Op  Op
	Pts [3]model.Point
}

// Path is a sequence of segments: lines, cubic Béziers and closes. Circles,
// rounded rectangles and icons are all built from these, so a backend needs
// only these four commands.
type Path struct {
	Segs []Seg
}

// Align is horizontal text alignment.
type Align uint8

// Alignments.
const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
)

// Text is a label already wrapped into lines with the one embedded font.
// Lines are laid out from the top of Box: line i has its baseline at
// Box.Y + Ascent + i*LineHeight, aligned within Box.W. When Vertical is set
// the whole block is turned 90° counter-clockwise about Box's centre and
// Box gives the unrotated layout box (pool and lane headers).
type Text struct {
	Lines      []string
	Box        model.Rect
	Size       float64 // font size in BPMN-DI units
	LineHeight float64
	Ascent     float64
	Align      Align
	Bold       bool
	Vertical   bool
	Color      color.NRGBA
}

// Handover is a sequence flow whose ends lie in different lanes.
type Handover struct {
	Flow     string // flow id
	Name     string // flow name, may be empty
	From     string // source node id
	To       string // target node id
	FromLane string // lane ids
	ToLane   string
	FromRole string // role names of the lanes
	ToRole   string
}
