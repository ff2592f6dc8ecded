package draw

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"lanemap/model"
)

var partNames = [...]string{
	PartBody: "body", PartMarker: "marker", PartEdge: "edge", PartArrow: "arrow",
	PartLabel: "label", PartLaneHeader: "header", PartHandover: "handover",
	PartLabelPlate: "plate",
}

// String names the part as Dump writes it.
func (p Part) String() string {
	if int(p) < len(partNames) {
		return partNames[p]
	}
	return "part" + strconv.Itoa(int(p))
}

// Dump writes the scene as text, one item a line, numbers rounded to
// hundredths: the form golden tests compare and people read in diffs.
func (s *Scene) Dump() string {
	var w strings.Builder
	fmt.Fprintf(&w, "scene %s items=%d\n", fmtRect(s.Bounds), len(s.Items))
	for _, h := range s.Handovers {
		fmt.Fprintf(&w, "handover %s %q %s -> %s lanes %s -> %s roles %q -> %q\n",
			h.Flow, h.Name, h.From, h.To, h.FromLane, h.ToLane, h.FromRole, h.ToRole)
	}
	for i := range s.Items {
		it := &s.Items[i]
		el := it.Element
		if el == "" {
			el = "-"
		}
		fmt.Fprintf(&w, "%s %s %s", el, it.Part, fmtRect(it.Bounds))
		if it.Path != nil {
			st := it.Style
			if st.Fill.A != 0 {
				fmt.Fprintf(&w, " fill=%s", fmtColor(st.Fill))
			}
			if st.Stroke.A != 0 {
				fmt.Fprintf(&w, " stroke=%s w=%s", fmtColor(st.Stroke), num(st.Width))
			}
			if len(st.Dash) > 0 {
				ds := make([]string, len(st.Dash))
				for k, d := range st.Dash {
					ds[k] = num(d)
				}
				fmt.Fprintf(&w, " dash=%s", strings.Join(ds, ","))
			}
			w.WriteString(" :")
			for _, sg := range it.Path.Segs {
				switch sg.Op {
				case MoveTo:
					fmt.Fprintf(&w, " M %s", fmtPt(sg.Pts[0]))
				case LineTo:
					fmt.Fprintf(&w, " L %s", fmtPt(sg.Pts[0]))
				case CubicTo:
					fmt.Fprintf(&w, " C %s %s %s", fmtPt(sg.Pts[0]), fmtPt(sg.Pts[1]), fmtPt(sg.Pts[2]))
				case Close:
					w.WriteString(" Z")
				}
			}
		}
		if t := it.Text; t != nil {
			align := [...]string{"left", "center", "right"}[min(int(t.Align), 2)]
			fmt.Fprintf(&w, " text box=%s size=%s lh=%s asc=%s %s color=%s", fmtRect(t.Box), num(t.Size),
				num(t.LineHeight), num(t.Ascent), align, fmtColor(t.Color))
			if t.Bold {
				w.WriteString(" bold")
			}
			if t.Vertical {
				w.WriteString(" vertical")
			}
			for _, l := range t.Lines {
				fmt.Fprintf(&w, " %q", l)
			}
		}
		w.WriteByte('\n')
	}
	return w.String()
}

func num(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func fmtPt(p model.Point) string { return num(p.X) + "," + num(p.Y) }

func fmtRect(r model.Rect) string {
	return "[" + num(r.X) + " " + num(r.Y) + " " + num(r.W) + "x" + num(r.H) + "]"
}

func fmtColor(c color.NRGBA) string {
	if c.A == 0xff {
		return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
	}
	return fmt.Sprintf("#%02x%02x%02x%02x", c.R, c.G, c.B, c.A)
}
