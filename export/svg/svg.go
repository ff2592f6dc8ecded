package svg

import (
	"bufio"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"lanemap/draw"
)

// Margin is the space, in DI units, left around the scene's bounds.
const Margin = 10

// FontFamily is the font-family value written on the root element.
const FontFamily = "'Noto Sans', sans-serif"

// Options control the document.
type Options struct {
	// Title becomes the document's <title> (its accessible name).
	Title string
	// Interactive adds id, tabindex="0", role="button" and aria-label to
	// each element's group, for embedding in HTML.
	Interactive bool
	// IDPrefix goes before element ids in id attributes, so several maps
	// can share one HTML page.
	IDPrefix string
	// Label, if set, gives an element's accessible name for aria-label;
	// by default it is the element's label text, lines joined by spaces.
	Label func(id string) string
}

// partClass names each part for CSS ("" for parts this writer does not
// know).
var partClass = [...]string{
	draw.PartBody:       "lm-body",
	draw.PartMarker:     "lm-marker",
	draw.PartEdge:       "lm-edge",
	draw.PartArrow:      "lm-arrow",
	draw.PartLabel:      "lm-label",
	draw.PartLaneHeader: "lm-lane-header",
	draw.PartHandover:   "lm-handover",
}

func className(p draw.Part) string {
	if int(p) < len(partClass) {
		return partClass[p]
	}
	return ""
}

// Write writes s as SVG to w.
func Write(w io.Writer, s *draw.Scene, opt Options) error {
	if s == nil {
		return fmt.Errorf("svg: no scene")
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	e := &enc{w: bw}
	b := s.Bounds
	vx, vy, vw, vh := b.X-Margin, b.Y-Margin, b.W+2*Margin, b.H+2*Margin
	if !(vw > 0) || !(vh > 0) || !finite(vx) || !finite(vy) || !finite(vw) || !finite(vh) {
		vx, vy, vw, vh = 0, 0, 2*Margin, 2*Margin
	}
	e.str(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="`)
	e.nums(vx, vy, vw, vh)
	e.str(`" width="`)
	e.num(vw)
	e.str(`" height="`)
	e.num(vh)
	e.str(`" font-family="` + FontFamily + `" stroke-linejoin="round" stroke-linecap="butt"`)
	if opt.Title != "" {
		e.str(` role="img" aria-labelledby="`)
		e.attr(opt.IDPrefix + "title")
		e.str(`"`)
	}
	e.str(">\n")
	if opt.Title != "" {
		e.str(`<title id="`)
		e.attr(opt.IDPrefix + "title")
		e.str(`">`)
		e.text(opt.Title)
		e.str("</title>\n")
	}

	main := mainRuns(s.Items)
	labels := map[string]string{}
	if opt.Interactive && opt.Label == nil {
		labels = labelTexts(s.Items)
	}
	for i := 0; i < len(s.Items); {
		el := s.Items[i].Element
		j := i + 1
		for j < len(s.Items) && s.Items[j].Element == el {
			j++
		}
		if el != "" {
			e.str(`<g data-element="`)
			e.attr(el)
			e.str(`"`)
			if opt.Interactive && main[el] == i {
				name := labels[el]
				if opt.Label != nil {
					name = opt.Label(el)
				}
				e.str(` id="`)
				e.attr(opt.IDPrefix + el)
				e.str(`" class="lm-element" tabindex="0" role="button"`)
				if name != "" {
					e.str(` aria-label="`)
					e.attr(name)
					e.str(`"`)
				}
			}
			e.str(">\n")
		}
		for k := i; k < j; k++ {
			e.item(&s.Items[k])
		}
		if el != "" {
			e.str("</g>\n")
		}
		i = j
	}
	e.str("</svg>\n")
	if e.err != nil {
		return e.err
	}
	return bw.Flush()
}

// mainRuns picks, for each element, the index of the first item of the
// run that gets its id: the first run holding a body or edge, else the
// first run.
func mainRuns(items []draw.Item) map[string]int {
	main := map[string]int{}
	strong := map[string]bool{}
	for i := 0; i < len(items); {
		el := items[i].Element
		j := i + 1
		hasBody := items[i].Part == draw.PartBody || items[i].Part == draw.PartEdge
		for j < len(items) && items[j].Element == el {
			hasBody = hasBody || items[j].Part == draw.PartBody || items[j].Part == draw.PartEdge
			j++
		}
		if el != "" {
			if _, seen := main[el]; !seen || hasBody && !strong[el] {
				main[el] = i
				strong[el] = hasBody
			}
		}
		i = j
	}
	return main
}

// labelTexts joins each element's label lines into one name.
func labelTexts(items []draw.Item) map[string]string {
	out := map[string]string{}
	for _, it := range items {
		if it.Text == nil || it.Element == "" {
			continue
		}
		for _, l := range it.Text.Lines {
			if l = strings.TrimSpace(l); l == "" {
				continue
			}
			if prev := out[it.Element]; prev != "" {
				// A line that ends in a hyphen was split inside a word.
				if strings.HasSuffix(prev, "-") {
					out[it.Element] = prev[:len(prev)-1] + l
					continue
				}
				l = prev + " " + l
			}
			out[it.Element] = l
		}
	}
	return out
}

// enc writes SVG text, keeping the first error.
type enc struct {
	w   *bufio.Writer
	err error
	buf []byte
}

func (e *enc) str(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// text writes s escaped for character data and attributes; characters XML
// cannot hold (controls, invalid UTF-8, U+FFFE/U+FFFF) become U+FFFD, as
// encoding/xml does. It writes unchanged runs straight from s.
func (e *enc) text(s string) {
	last := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch {
		case r == '&':
			esc = "&amp;"
		case r == '<':
			esc = "&lt;"
		case r == '>':
			esc = "&gt;"
		case r == '"':
			esc = "&#34;"
		case r == '\'':
			esc = "&#39;"
		case r == '\t':
			esc = "&#x9;"
		case r == '\n':
			esc = "&#xA;"
		case r == '\r':
			esc = "&#xD;"
		case r == utf8.RuneError && n == 1, !xmlChar(r):
			esc = "\uFFFD"
		default:
			i += n
			continue
		}
		e.str(s[last:i])
		e.str(esc)
		i += n
		last = i
	}
	e.str(s[last:])
}

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// attr writes s escaped for a double-quoted attribute.
func (e *enc) attr(s string) { e.text(s) }

// num writes v rounded to 1/100 unit, without trailing zeros. It formats
// the fixed-point digits itself: strconv's float formatting was half the
// cost of writing a large map.
func (e *enc) num(v float64) {
	c := math.Round(v * 100)
	if !finite(c) || math.Abs(c) >= 1e17 {
		c = 0
	}
	n := int64(c)
	b := e.buf[:0]
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	if f := n % 100; f != 0 {
		b = append(b, '.', byte('0'+f/10))
		if f%10 != 0 {
			b = append(b, byte('0'+f%10))
		}
	}
	e.buf = b
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *enc) nums(vs ...float64) {
	for i, v := range vs {
		if i > 0 {
			e.str(" ")
		}
		e.num(v)
	}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func (e *enc) item(it *draw.Item) {
	switch {
	case it.Path != nil:
		e.path(it)
	case it.Text != nil:
		e.textItem(it)
	}
}

func (e *enc) path(it *draw.Item) {
	st := &it.Style
	hasStroke := st.Stroke.A > 0 && st.Width > 0 && finite(st.Width)
	if st.Fill.A == 0 && !hasStroke || len(it.Path.Segs) == 0 {
		return
	}
	e.str(`<path class="`)
	e.str(className(it.Part))
	e.str(`" d="`)
	open := false
	for i, s := range it.Path.Segs {
		if i > 0 {
			e.str(" ")
		}
		switch s.Op {
		case draw.MoveTo:
			e.str("M")
			e.nums(s.Pts[0].X, s.Pts[0].Y)
			open = true
		case draw.LineTo, draw.CubicTo:
			if !open { // a path must start with M; start where this one does
				e.str("M")
				e.nums(s.Pts[0].X, s.Pts[0].Y)
				e.str(" ")
				open = true
			}
			if s.Op == draw.LineTo {
				e.str("L")
				e.nums(s.Pts[0].X, s.Pts[0].Y)
			} else {
				e.str("C")
				e.nums(s.Pts[0].X, s.Pts[0].Y, s.Pts[1].X, s.Pts[1].Y, s.Pts[2].X, s.Pts[2].Y)
			}
		case draw.Close:
			if open {
				e.str("Z")
			}
		}
	}
	e.str(`"`)
	if st.Fill.A > 0 {
		e.paint("fill", st.Fill)
	} else {
		e.str(` fill="none"`)
	}
	if hasStroke {
		e.paint("stroke", st.Stroke)
		e.str(` stroke-width="`)
		e.num(st.Width)
		e.str(`"`)
		if dashOK(st.Dash) {
			e.str(` stroke-dasharray="`)
			e.nums(st.Dash...)
			e.str(`"`)
		}
	}
	e.str("/>\n")
}

// dashOK reports a dash list SVG would accept and draw dashed.
func dashOK(d []float64) bool {
	var sum float64
	for _, v := range d {
		if v < 0 || !finite(v) {
			return false
		}
		sum += v
	}
	return sum > 0
}

// paint writes a fill or stroke colour, with its opacity when translucent.
func (e *enc) paint(name string, c color.NRGBA) {
	const hex = "0123456789abcdef"
	e.str(" ")
	e.str(name)
	e.str(`="#`)
	e.buf = append(e.buf[:0], hex[c.R>>4], hex[c.R&15], hex[c.G>>4], hex[c.G&15], hex[c.B>>4], hex[c.B&15], '"')
	if e.err == nil {
		_, e.err = e.w.Write(e.buf)
	}
	if c.A < 255 {
		e.str(" ")
		e.str(name)
		e.str(`-opacity="`)
		e.str(strconv.FormatFloat(math.Round(float64(c.A)/255*1000)/1000, 'f', -1, 64))
		e.str(`"`)
	}
}

func (e *enc) textItem(it *draw.Item) {
	t := it.Text
	if len(t.Lines) == 0 || !(t.Size > 0) || !finite(t.Size) || t.Color.A == 0 {
		return
	}
	anchor, x := "start", t.Box.X
	switch t.Align {
	case draw.AlignCenter:
		anchor, x = "middle", t.Box.X+t.Box.W/2
	case draw.AlignRight:
		anchor, x = "end", t.Box.X+t.Box.W
	}
	e.str(`<text class="`)
	e.str(className(it.Part))
	e.str(`" font-size="`)
	e.num(t.Size)
	e.str(`"`)
	if t.Bold {
		e.str(` font-weight="bold"`)
	}
	if anchor != "start" {
		e.str(` text-anchor="`)
		e.str(anchor)
		e.str(`"`)
	}
	e.paint("fill", t.Color)
	if t.Vertical {
		e.str(` transform="rotate(-90 `)
		e.nums(t.Box.X+t.Box.W/2, t.Box.Y+t.Box.H/2)
		e.str(`)"`)
	}
	for _, l := range t.Lines {
		if strings.Contains(l, "  ") || strings.HasPrefix(l, " ") || strings.HasSuffix(l, " ") {
			e.str(` xml:space="preserve"`)
			break
		}
	}
	e.str(">")
	asc, lh := t.Ascent, t.LineHeight
	if asc <= 0 {
		asc = t.Size * 1.069 // Noto Sans ascender
	}
	if lh <= 0 {
		lh = t.Size * 1.362 // Noto Sans line height
	}
	for i, l := range t.Lines {
		e.str(`<tspan x="`)
		e.num(x)
		e.str(`" y="`)
		e.num(t.Box.Y + asc + float64(i)*lh)
		e.str(`">`)
		e.text(l)
		e.str("</tspan>")
	}
	e.str("</text>\n")
}
