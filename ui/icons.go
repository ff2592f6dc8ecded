package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Palette icons for the BPMN symbols Fyne's theme lacks. Fyne recolours
// only fills of themed SVGs (and drops fill-rule when it does), so every
// outline is a filled ring: an outer contour drawn clockwise and an inner
// one counter-clockwise, which the default non-zero rule leaves empty.
// Solid parts are clockwise. That way the icons follow the light and dark
// themes like Fyne's own.

func f(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

// circ is a full circle as two arcs, clockwise; circCCW the other way.
func circ(cx, cy, r float64) string { return circDir(cx, cy, r, 1) }

func circCCW(cx, cy, r float64) string { return circDir(cx, cy, r, 0) }

func circDir(cx, cy, r float64, sweep int) string {
	return fmt.Sprintf("M%s %sa%s %s 0 1 %d %s 0a%s %s 0 1 %d -%s 0z", f(cx-r), f(cy), f(r), f(r), sweep, f(2*r), f(r), f(r), sweep, f(2*r))
}

// rrect is a rounded rectangle.
func rrect(x, y, w, h, r float64) string {
	return fmt.Sprintf("M%s %sh%sa%s %s 0 0 1 %s %sv%sa%s %s 0 0 1 -%s %sh-%sa%s %s 0 0 1 -%s -%sv-%sa%s %s 0 0 1 %s -%sz",
		f(x+r), f(y), f(w-2*r), f(r), f(r), f(r), f(r), f(h-2*r), f(r), f(r), f(r), f(r), f(w-2*r), f(r), f(r), f(r), f(r), f(h-2*r), f(r), f(r), f(r), f(r))
}

// rrectCCW is rrect drawn counter-clockwise (a hole).
func rrectCCW(x, y, w, h, r float64) string {
	return fmt.Sprintf("M%s %sa%s %s 0 0 0 -%s %sv%sa%s %s 0 0 0 %s %sh%sa%s %s 0 0 0 %s -%sv-%sa%s %s 0 0 0 -%s -%sz",
		f(x+r), f(y), f(r), f(r), f(r), f(r), f(h-2*r), f(r), f(r), f(r), f(r), f(w-2*r), f(r), f(r), f(r), f(r), f(h-2*r), f(r), f(r), f(r), f(r))
}

// rectCCW is a rectangle drawn counter-clockwise (a hole).
func rectCCW(x, y, w, h float64) string {
	return fmt.Sprintf("M%s %sv%sh%sv-%sz", f(x), f(y), f(h), f(w), f(h))
}

// polyCCW is poly with the points in reverse order.
func polyCCW(pts ...float64) string {
	rev := make([]float64, 0, len(pts))
	for i := len(pts) - 2; i >= 0; i -= 2 {
		rev = append(rev, pts[i], pts[i+1])
	}
	return poly(rev...)
}

// rect is a plain rectangle.
func rect(x, y, w, h float64) string {
	return fmt.Sprintf("M%s %sh%sv%sh-%sz", f(x), f(y), f(w), f(h), f(w))
}

// poly is a closed polygon through the points.
func poly(pts ...float64) string {
	var b strings.Builder
	for i := 0; i+1 < len(pts); i += 2 {
		if i == 0 {
			b.WriteString("M")
		} else {
			b.WriteString("L")
		}
		b.WriteString(f(pts[i]) + " " + f(pts[i+1]))
	}
	b.WriteString("z")
	return b.String()
}

func outlineRRect(x, y, w, h, r, t float64) string {
	return rrect(x, y, w, h, r) + rrectCCW(x+t, y+t, w-2*t, h-2*t, max(r-t, 0.3))
}

func ring(cx, cy, r, t float64) string { return circ(cx, cy, r) + circCCW(cx, cy, r-t) }

func diamond(t float64) string {
	return poly(12, 1.5, 22.5, 12, 12, 22.5, 1.5, 12) + polyCCW(12, 1.5+t*1.42, 22.5-t*1.42, 12, 12, 22.5-t*1.42, 1.5+t*1.42, 12)
}

func icon(name string, paths ...string) fyne.Resource {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24"><path fill="#000000" d="` +
		strings.Join(paths, "") + `"/></svg>`
	return theme.NewThemedResource(fyne.NewStaticResource(name+".svg", []byte(svg)))
}

var (
	taskOutline = outlineRRect(2, 5, 20, 14, 3, 1.4)

	iconSelect      = icon("select", poly(6, 3, 6, 19, 10, 15.5, 12.8, 21.5, 15.2, 20.4, 12.5, 14.6, 17.5, 14.2))
	iconHand        = icon("hand", poly(12, 2, 15.5, 6, 13, 6, 13, 11, 18, 11, 18, 8.5, 22, 12, 18, 15.5, 18, 13, 13, 13, 13, 18, 15.5, 18, 12, 22, 8.5, 18, 11, 18, 11, 13, 6, 13, 6, 15.5, 2, 12, 6, 8.5, 6, 11, 11, 11, 11, 6, 8.5, 6))
	iconConnect     = icon("connect", poly(3, 19.6, 15.2, 7.4, 12, 7.4, 12, 5, 19, 5, 19, 12, 16.6, 12, 16.6, 8.8, 4.4, 21))
	iconTask        = icon("task", taskOutline)
	iconUserTask    = icon("usertask", taskOutline, circ(7, 9.2, 1.5), rrect(4.4, 11.2, 5.2, 3, 1.2))
	iconManualTask  = icon("manualtask", taskOutline, rect(4.5, 8, 6, 1.2), rect(4.5, 10.2, 7, 1.2), rect(4.5, 12.4, 5.5, 1.2))
	iconServiceTask = icon("servicetask", taskOutline, ring(7.5, 10.5, 3, 1.2), rect(7, 6.6, 1, 1.4), rect(7, 13, 1, 1.4), rect(3.6, 10, 1.4, 1), rect(10, 10, 1.4, 1))
	iconSubProcess  = icon("subprocess", taskOutline, rect(9.5, 13.5, 5, 4)+rectCCW(10.3, 14.3, 3.4, 2.4), rect(11.5, 14.8, 1, 1.4), rect(11.3, 15, 1.4, 1))
	iconStart       = icon("start", ring(12, 12, 9, 1.2))
	iconIntermed    = icon("intermediate", ring(12, 12, 9.5, 1.1), ring(12, 12, 7.3, 1.1))
	iconEnd         = icon("end", ring(12, 12, 9, 3))
	iconCall        = icon("callactivity", outlineRRect(2, 5, 20, 14, 3, 2.8))
	iconTimer       = icon("timer", ring(12, 12, 10, 1), ring(12, 12, 8.2, 1), ring(12, 12, 5.6, 1), rect(11.5, 8, 1, 4.5), rect(11.5, 11.5, 3.2, 1))
	iconMessage     = icon("message", ring(12, 12, 10, 1), ring(12, 12, 8.2, 1), rect(7.5, 9, 9, 6)+rectCCW(8.5, 10, 7, 4), poly(8, 9.4, 12, 12.2, 16, 9.4, 16, 10.6, 12, 13.4, 8, 10.6))
	iconEventGw     = icon("eventgateway", diamond(1.3), ring(12, 12, 5, 0.9), poly(12, 9, 14.6, 10.9, 13.6, 14, 10.4, 14, 9.4, 10.9)+polyCCW(12, 10.1, 13.6, 11.3, 13, 13.1, 11, 13.1, 10.4, 11.3))
	iconXor         = icon("xor", diamond(1.3), poly(8.6, 9.6, 9.6, 8.6, 15.4, 14.4, 14.4, 15.4), poly(14.4, 8.6, 15.4, 9.6, 9.6, 15.4, 8.6, 14.4))
	iconAnd         = icon("and", diamond(1.3), rect(11.3, 7, 1.4, 10), rect(7, 11.3, 10, 1.4))
	iconOr          = icon("or", diamond(1.3), ring(12, 12, 4.2, 1.3))
	iconDataObject  = icon("dataobject", poly(5, 2, 14, 2, 19, 7, 19, 22, 5, 22)+polyCCW(6.3, 3.3, 13, 3.3, 13, 8, 17.7, 8, 17.7, 20.7, 6.3, 20.7), poly(14.3, 3.8, 17.2, 6.7, 14.3, 6.7))
	iconDataStore   = icon("datastore", outlineRRect(3, 3, 18, 18, 4, 1.3), rect(4, 7.5, 16, 1.2))
	iconAnnotation  = icon("annotation", rect(4, 3, 6, 1.3)+rect(4, 3, 1.3, 18)+rect(4, 19.7, 6, 1.3), rect(8, 8, 11, 1.2), rect(8, 11.4, 9, 1.2), rect(8, 14.8, 10, 1.2))
	iconPool        = icon("pool", rect(2, 4, 20, 16)+rectCCW(3.3, 5.3, 17.4, 13.4), rect(6, 5, 1.2, 14))
	iconLaneAbove   = icon("laneabove", rect(2, 11, 20, 10)+rectCCW(3.3, 12.3, 17.4, 7.4), rect(6, 12, 1.2, 8), rect(11.3, 2, 1.4, 7), rect(8.5, 4.8, 7, 1.4))
	iconLaneBelow   = icon("lanebelow", rect(2, 3, 20, 10)+rectCCW(3.3, 4.3, 17.4, 7.4), rect(6, 4, 1.2, 8), rect(11.3, 15, 1.4, 7), rect(8.5, 17.8, 7, 1.4))
	iconHandovers   = icon("handovers", rect(2, 3, 20, 1.2), rect(2, 11.4, 20, 1.2), rect(2, 19.8, 20, 1.2), rect(6, 6, 6, 4), rect(12, 7.4, 3.6, 1.2), rect(14.4, 7.4, 1.2, 7.6), poly(12.6, 14.6, 17.4, 14.6, 15, 17.8))
)
