package draw

import "math"

// Icons and markers are drawn in their own frames: event markers in a
// 36×36 box (the default event size) and scaled with the event, gateway
// markers in a 50×50 box, task-type icons and activity markers unscaled
// from the task's top-left corner or the marker's own box. Proportions
// follow bpmn-js so our maps look like what most BPMN users know; the path
// data is our own.
var (
	// Event markers (36×36).
	icEnvelope     = parseIcon("M 8.5 11.5 H 27.5 V 24.5 H 8.5 Z M 8.5 11.5 L 18 18.5 L 27.5 11.5")
	icEscalation   = parseIcon("M 18 8 L 26 27 L 18 20 L 10 27 Z")
	icConditional  = parseIcon("M 11 9 H 25 V 27 H 11 Z M 13.5 12.5 H 22.5 M 13.5 15.5 H 22.5 M 13.5 18.5 H 22.5 M 13.5 21.5 H 22.5 M 13.5 24.5 H 22.5")
	icLink         = parseIcon("M 9 15 H 19.5 V 10.5 L 27.5 18 L 19.5 25.5 V 21 H 9 Z")
	icError        = parseIcon("M 9 27 L 14.5 11 L 19.5 19 L 27 9 L 21.5 25 L 16.5 17 Z")
	icCompensation = parseIcon("M 8 18 L 17 11.5 V 24.5 Z M 17 18 L 26 11.5 V 24.5 Z")
	icSignal       = parseIcon("M 18 7.5 L 27.5 24 H 8.5 Z")
	icTimerHands   = parseIcon("M 18 18 L 19.8 10.8 M 18 18 L 24 19.6")

	// Task-type icons (task coordinates, unscaled).
	icUserBody = parseIcon("M 7 25.5 C 7 20 10.5 17.8 15 17.8 C 19.5 17.8 23 20 23 25.5 Z M 10.5 22 V 25.5 M 19.5 22 V 25.5")
	icUserHair = parseIcon("M 10.9 11.6 C 10.9 8.9 12.7 7.6 15 7.6 C 17.3 7.6 19.1 8.9 19.1 11.6 C 17.6 10.3 15.8 9.9 14.2 10.9 C 13 11.6 11.9 11.8 10.9 11.6 Z")
	icManual   = parseIcon("M 6 15.5 C 6 13.5 8 11 10.5 11 H 22.5 C 24 11 24 13.6 22.5 13.6 H 16 " +
		"H 24.5 C 26 13.6 26 16.2 24.5 16.2 H 16 H 23.5 C 25 16.2 25 18.8 23.5 18.8 H 16 " +
		"H 21.5 C 23 18.8 23 21.4 21.5 21.4 H 10 C 7.5 21.4 6 19.5 6 17.5 Z")
	icScript = parseIcon("M 10 24.5 C 15 21 7 16 12.5 10 H 23 C 17.5 16 25.5 21 20.5 24.5 Z " +
		"M 13 13.5 H 19.5 M 13.5 16.5 H 20 M 14.5 19.5 H 21")
	icMail      = parseIcon("M 6 7 H 26 V 20 H 6 Z M 6 7 L 16 14 L 26 7")
	icRuleBody  = parseIcon("M 8 8 H 28 V 22 H 8 Z M 8 16.5 H 28 M 14 12 V 22")
	icRuleTitle = parseIcon("M 8 8 H 28 V 12 H 8 Z")

	// Activity markers (their own box, 14 high).
	icSubProcessBox  = parseIcon("M 0 0 H 14 V 14 H 0 Z")
	icSubProcessPlus = parseIcon("M 7 3 V 11 M 3 7 H 11")
	icParallelMI     = parseIcon("M 3.5 2 V 12 M 7 2 V 12 M 10.5 2 V 12")
	icSequentialMI   = parseIcon("M 2 3.5 H 12 M 2 7 H 12 M 2 10.5 H 12")
	icCompMarker     = parseIcon("M 0 7 L 7 2 V 12 Z M 7 7 L 14 2 V 12 Z")
	icAdHoc          = parseIcon("M 0 8.5 C 2.5 3.5 5 3.5 7.5 7 C 10 10.5 12.5 10.5 15 5.5")

	// Data input/output arrow (data object coordinates, unscaled).
	icDataArrow = parseIcon("M 4 8 H 11 V 5 L 16 10 L 11 15 V 12 H 4 Z")
)

// loopIcon is the standard-loop marker: an open circle turning clockwise
// with its arrowhead at the gap, in a 14×14 box at (x, y).
func loopIcon(x, y float64) *Path {
	cx, cy, r := x+7, y+7, 5.5
	a0, a1 := 135*math.Pi/180, (135+290)*math.Pi/180
	var b pb
	b.move(cx+r*math.Cos(a0), cy+r*math.Sin(a0)).arc(cx, cy, r, r, a0, a1)
	// Arrowhead at the end, pointing along the clockwise tangent.
	tip := [2]float64{cx + r*math.Cos(a1), cy + r*math.Sin(a1)}
	dx, dy := -math.Sin(a1), math.Cos(a1)
	nx, ny := -dy, dx
	b.move(tip[0]-3.2*dx+2.6*nx, tip[1]-3.2*dy+2.6*ny).line(tip[0], tip[1]).line(tip[0]-3.2*dx-2.6*nx, tip[1]-3.2*dy-2.6*ny)
	return b.path()
}

// gear is a cog of n teeth around (cx, cy): the outline and, as a second
// path, the axle hole (kept apart so every fill rule paints it the same).
func gear(cx, cy, rOut, rIn float64, n int) (outline, hole *Path) {
	var b pb
	step := 2 * math.Pi / float64(n)
	for k := range n {
		a := float64(k)*step - math.Pi/2
		// A tooth: rise, flat top, fall, flat root.
		pts := [4][2]float64{
			{rIn, a - step*0.32}, {rOut, a - step*0.18}, {rOut, a + step*0.18}, {rIn, a + step*0.32},
		}
		for i, p := range pts {
			x, y := cx+p[0]*math.Cos(p[1]), cy+p[0]*math.Sin(p[1])
			if k == 0 && i == 0 {
				b.move(x, y)
			} else {
				b.line(x, y)
			}
		}
	}
	b.close()
	var h pb
	h.circle(cx, cy, rIn*0.42)
	return b.path(), h.path()
}
