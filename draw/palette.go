package draw

import (
	"image/color"
	"math"
	"strings"

	"lanemap/model"
)

// palette is the set of colours one theme draws with.
type palette struct {
	stroke   color.NRGBA // outlines, markers, text
	fill     color.NRGBA // shape bodies
	poolFill color.NRGBA // pool and black-box bodies
	band     color.NRGBA // pool and lane header bands
	light    color.NRGBA // stroke used on dark fills
	dark     color.NRGBA // stroke used on light fills
	// Handover marking: a wide translucent band and a strong line colour.
	handoverGlow   color.NRGBA
	handoverStroke color.NRGBA
	ruleHeader     color.NRGBA // business rule table header
	messageShade   color.NRGBA // envelope of a non-initiating message
	// bg is the paper under the picture (the editor's canvas colour),
	// what a label outside every filled pool and lane is read against.
	bg color.NRGBA
}

var lightPalette = palette{
	stroke:         color.NRGBA{0x22, 0x22, 0x22, 0xff},
	fill:           color.NRGBA{0xff, 0xff, 0xff, 0xff},
	poolFill:       color.NRGBA{0xff, 0xff, 0xff, 0xff},
	band:           color.NRGBA{0x00, 0x00, 0x00, 0x0c},
	light:          color.NRGBA{0xf2, 0xf2, 0xf2, 0xff},
	dark:           color.NRGBA{0x22, 0x22, 0x22, 0xff},
	handoverGlow:   color.NRGBA{0xff, 0x9f, 0x1c, 0x66},
	handoverStroke: color.NRGBA{0xc8, 0x50, 0x00, 0xff},
	ruleHeader:     color.NRGBA{0xaa, 0xaa, 0xaa, 0xff},
	messageShade:   color.NRGBA{0xc8, 0xc8, 0xc8, 0xff},
	bg:             color.NRGBA{0xff, 0xff, 0xff, 0xff},
}

var darkPalette = palette{
	stroke:         color.NRGBA{0xe6, 0xe6, 0xe6, 0xff},
	fill:           color.NRGBA{0x2b, 0x2d, 0x31, 0xff},
	poolFill:       color.NRGBA{0x1f, 0x21, 0x24, 0xff},
	band:           color.NRGBA{0xff, 0xff, 0xff, 0x10},
	light:          color.NRGBA{0xe6, 0xe6, 0xe6, 0xff},
	dark:           color.NRGBA{0x22, 0x22, 0x22, 0xff},
	handoverGlow:   color.NRGBA{0xff, 0xa8, 0x3d, 0x70},
	handoverStroke: color.NRGBA{0xff, 0xb0, 0x50, 0xff},
	ruleHeader:     color.NRGBA{0x70, 0x70, 0x70, 0xff},
	messageShade:   color.NRGBA{0x5a, 0x5a, 0x5a, 0xff},
	bg:             color.NRGBA{0x1e, 0x1f, 0x22, 0xff},
}

// parseHex reads "#rrggbb" or "#rgb" (the forms BPMN in Color allows);
// anything else reports false so the theme colour is used.
func parseHex(s string) (color.NRGBA, bool) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "#") {
		return color.NRGBA{}, false
	}
	s = s[1:]
	hex := func(c byte) (uint8, bool) {
		switch {
		case c >= '0' && c <= '9':
			return c - '0', true
		case c >= 'a' && c <= 'f':
			return c - 'a' + 10, true
		case c >= 'A' && c <= 'F':
			return c - 'A' + 10, true
		}
		return 0, false
	}
	var v [6]uint8
	switch len(s) {
	case 3:
		for i := range 3 {
			h, ok := hex(s[i])
			if !ok {
				return color.NRGBA{}, false
			}
			v[2*i], v[2*i+1] = h, h
		}
	case 6:
		for i := range 6 {
			h, ok := hex(s[i])
			if !ok {
				return color.NRGBA{}, false
			}
			v[i] = h
		}
	default:
		return color.NRGBA{}, false
	}
	return color.NRGBA{v[0]<<4 | v[1], v[2]<<4 | v[3], v[4]<<4 | v[5], 0xff}, true
}

// luminance is the relative brightness of c in 0..1 (sRGB weights, no
// gamma: good enough to choose between dark and light ink).
func luminance(c color.NRGBA) float64 {
	return (0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)) / 255
}

// colors is the resolved painting of one element: its fill, its stroke
// and the ink of its lines (outline, and the markers, icons and inner
// labels inside it).
type colors struct {
	// stroke is the element's stroke, the file's or the theme's: what a
	// label outside the element defaults to. Lines are drawn in line and
	// ink, which fit makes visible on what they are drawn on.
	fill, stroke color.NRGBA
	// line is the outline; ink the markers and icons inside the shape.
	// resolve leaves in ink the theme's default for the fill; fit corrects
	// both for contrast.
	line, ink color.NRGBA
	// label is the DI label colour (BPMNLabel color:color); alpha 0 when
	// the file gives none.
	label color.NRGBA
	// ownFill says the fill is the file's (DI), not the theme's; ownStroke
	// the same of the stroke.
	ownFill, ownStroke bool
}

// inner is the colour of a label inside the shape: the DI label colour,
// else the ink chosen for the fill.
func (c colors) inner() color.NRGBA {
	if c.label.A != 0 {
		return c.label
	}
	return c.ink
}

// inside is the colour of a label inside the shape, made readable on the
// shape's fill when the file chose that fill or the label's colour (a
// vendor's black labels on the dark theme's fills).
func (c colors) inside() color.NRGBA {
	if c.ownFill || c.label.A != 0 {
		return readableOn(c.fill, c, c.ink)
	}
	return c.inner()
}

// resolve applies a shape's or edge's DI colours to the theme. Its lines
// are not yet fitted to what they are drawn on: call fit before drawing
// them.
func (p *palette) resolve(c model.Colors) colors {
	out := colors{fill: p.fill, stroke: p.stroke, line: p.stroke, ink: p.stroke}
	f, hasFill := parseHex(c.Fill)
	if hasFill {
		out.fill, out.ownFill = f, true
		out.ink = p.ink(f)
	}
	if s, ok := parseHex(c.Stroke); ok {
		out.stroke, out.ownStroke = s, true
		out.line = s
	}
	if l, ok := parseHex(c.Label); ok {
		out.label = l
	}
	return out
}

// fit makes an element's lines visible on bg, what they are drawn on (its
// own fill, or for an unfilled shape what lies under it); call it once.
// Each line keeps the file's stroke when that contrasts 3:1 with bg, else
// takes the theme's colour (the stroke for the outline, resolve's choice
// for the fill for the ink inside), else the theme's dark or light stroke
// for bg, else black or white: a vendor's white task in the dark theme is
// drawn as the light theme draws it.
//
// An outline also borders outside, what lies around the shape, and its
// width means something (a thin start ring, a thick end ring, a call
// activity's heavy border): unless it is the file's, it takes the first
// of those colours, or the grey between fill and outside, that reads on
// both when one does. So a red end event keeps a dark ring on a white
// pool in either theme, and a white one on the dark paper gets a grey
// ring rather than one lost in the paper. Pools and lanes pass bg as
// outside: their outlines' width means nothing.
func (p *palette) fit(c *colors, bg, outside color.NRGBA) {
	def, alt := c.ink, p.ink(bg)
	c.ink = lineOn(bg, c.ownStroke, c.stroke, def, alt)
	if c.ownStroke && (contrast(c.stroke, bg) >= minLineContrast || chromatic(c.stroke)) {
		// The file's colour, in a shade that reads on the fill.
		c.line = c.ink
		return
	}
	reads := func(l color.NRGBA) bool {
		return contrast(l, bg) >= minLineContrast && contrast(l, outside) >= minLineContrast
	}
	for _, l := range [...]color.NRGBA{p.stroke, def, alt, black, white} {
		if reads(l) {
			c.line = l
			return
		}
	}
	if g := greyBetween(bg, outside); reads(g) {
		c.line = g
		return
	}
	c.line = lineOn(bg, false, c.stroke, p.stroke, def, alt)
}

// other is the opposite theme's palette, whose colours are made for the
// opposite kind of ground.
func (p *palette) other() *palette {
	if p == &darkPalette {
		return &lightPalette
	}
	return &darkPalette
}

// ink picks the theme's stroke, or a contrasting one when the theme stroke
// would vanish on bg.
func (p *palette) ink(bg color.NRGBA) color.NRGBA {
	if bg.A < 0x80 {
		return p.stroke
	}
	if l := luminance(bg); l > 0.55 {
		return p.dark
	} else if l < 0.35 {
		return p.light
	}
	return p.stroke
}

// Contrast floors of WCAG 2: 4.5:1 for our own choice of text colour; a
// colour the file gives its label is kept down to 3:1 (the floor for large
// text), since its author chose it. Lines (outlines, markers, flows) need
// 3:1 against what they are drawn on (WCAG 2.1 1.4.11, non-text contrast).
const (
	minTextContrast  = 4.5
	minLabelContrast = 3
	minLineContrast  = 3
)

var (
	black = color.NRGBA{0, 0, 0, 0xff}
	white = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

// linear maps an sRGB channel to linear light (WCAG 2 relative luminance),
// precomputed so picking text colours stays cheap.
var linear = func() (t [256]float64) {
	for i := range t {
		v := float64(i) / 255
		if v <= 0.04045 {
			t[i] = v / 12.92
		} else {
			t[i] = math.Pow((v+0.055)/1.055, 2.4)
		}
	}
	return t
}()

// relLuminance is WCAG 2's relative luminance of an opaque colour.
func relLuminance(c color.NRGBA) float64 {
	return 0.2126*linear[c.R] + 0.7152*linear[c.G] + 0.0722*linear[c.B]
}

// greyBetween is the grey whose contrast with a and with b is the same,
// the best one colour can do on both (3:1 on both when a and b contrast
// 9:1 or more).
func greyBetween(a, b color.NRGBA) color.NRGBA {
	return greyOf(math.Sqrt((relLuminance(a)+0.05)*(relLuminance(b)+0.05)) - 0.05)
}

// greyOf is the opaque grey of relative luminance l (0 to 1).
func greyOf(l float64) color.NRGBA {
	l = math.Max(0, math.Min(1, l))
	v := 12.92 * l
	if l > 0.0031308 {
		v = 1.055*math.Pow(l, 1/2.4) - 0.055
	}
	g := uint8(math.Round(v * 255))
	return color.NRGBA{g, g, g, 0xff}
}

// contrast is WCAG 2's contrast ratio of two opaque colours (1 to 21).
func contrast(a, b color.NRGBA) float64 {
	la, lb := relLuminance(a), relLuminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// over composites c on top of the opaque colour under.
func over(c, under color.NRGBA) color.NRGBA {
	if c.A == 0xff {
		return c
	}
	a := float64(c.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{mix(c.R, under.R), mix(c.G, under.G), mix(c.B, under.B), 0xff}
}

// readableOn picks the colour of text drawn on bg, a colour the file or the
// role table chose: the DI label colour when it contrasts at least 3:1,
// else def (the theme's text or the element's own ink) when it contrasts
// 4.5:1, else black or white, whichever contrasts more.
func readableOn(bg color.NRGBA, col colors, def color.NRGBA) color.NRGBA {
	if col.label.A != 0 && contrast(col.label, bg) >= minLabelContrast {
		return col.label
	}
	if contrast(def, bg) >= minTextContrast {
		return def
	}
	return blackOrWhite(bg)
}

// blackOrWhite is whichever of black and white contrasts more with bg: at
// least 4.58:1 (the square root of 21), on any colour.
func blackOrWhite(bg color.NRGBA) color.NRGBA {
	if contrast(black, bg) >= contrast(white, bg) {
		return black
	}
	return white
}

// lineOn picks the ink of a line drawn on bg: c when the file chose it
// (own) and it contrasts 3:1 with bg; a coloured c of the file's darkened
// or lightened just enough to, so the author's hue stays (bpmn-js's blue
// on its pale blue, an orange flow on white); else the first of defs that
// contrasts 3:1, else black or white.
func lineOn(bg color.NRGBA, own bool, c color.NRGBA, defs ...color.NRGBA) color.NRGBA {
	if own && (contrast(c, bg) >= minLineContrast || chromatic(c)) {
		return keepHue(c, bg)
	}
	for _, d := range defs {
		if contrast(d, bg) >= minLineContrast {
			return d
		}
	}
	return blackOrWhite(bg)
}

// keepHue is c, or c mixed toward black or white (whichever reads on bg)
// in steps of 5 % until it contrasts 3:1 with bg.
func keepHue(c, bg color.NRGBA) color.NRGBA {
	to := blackOrWhite(bg)
	for t := 0.0; t < 1; t += 0.05 {
		m := color.NRGBA{mixByte(c.R, to.R, t), mixByte(c.G, to.G, t), mixByte(c.B, to.B, t), 0xff}
		if contrast(m, bg) >= minLineContrast {
			return m
		}
	}
	return to
}

// chromatic reports a colour with a hue worth keeping (not a grey).
func chromatic(c color.NRGBA) bool {
	hi, lo := max(c.R, c.G, c.B), min(c.R, c.G, c.B)
	return hi-lo >= 48
}

func mixByte(a, b uint8, t float64) uint8 {
	return uint8(math.Round(float64(a)*(1-t) + float64(b)*t))
}

// fillFor picks the fill of a small closed mark outlined in ink (a message
// flow's circle, an envelope, a rule table's header): want when ink reads
// on it at 3:1, else alt when it does, else black or white.
func fillFor(ink, want, alt color.NRGBA) color.NRGBA {
	return lineOn(ink, false, ink, want, alt)
}

// roleFill adapts a lane's role colour to the theme. Role colours are
// chosen light (pastels readable under black text); the dark theme keeps
// their hue but makes them deep, so its light text stays readable on them.
func (p *palette) roleFill(c color.NRGBA) color.NRGBA {
	if p != &darkPalette {
		return c
	}
	h, s, _ := toHSL(c)
	out := fromHSL(h, math.Min(s, 0.55), 0.2)
	out.A = c.A
	return out
}

// toHSL converts to hue (0–1), saturation and lightness.
func toHSL(c color.NRGBA) (h, s, l float64) {
	r, g, b := float64(c.R)/255, float64(c.G)/255, float64(c.B)/255
	mx, mn := math.Max(r, math.Max(g, b)), math.Min(r, math.Min(g, b))
	l = (mx + mn) / 2
	if mx == mn {
		return 0, 0, l
	}
	d := mx - mn
	if l > 0.5 {
		s = d / (2 - mx - mn)
	} else {
		s = d / (mx + mn)
	}
	switch mx {
	case r:
		h = (g - b) / d
		if g < b {
			h += 6
		}
	case g:
		h = (b-r)/d + 2
	default:
		h = (r-g)/d + 4
	}
	return h / 6, s, l
}

// fromHSL converts back to an opaque colour.
func fromHSL(h, s, l float64) color.NRGBA {
	if s == 0 {
		v := uint8(math.Round(l * 255))
		return color.NRGBA{v, v, v, 0xff}
	}
	q := l * (1 + s)
	if l >= 0.5 {
		q = l + s - l*s
	}
	p := 2*l - q
	ch := func(t float64) uint8 {
		t -= math.Floor(t)
		var v float64
		switch {
		case t < 1.0/6:
			v = p + (q-p)*6*t
		case t < 0.5:
			v = q
		case t < 2.0/3:
			v = p + (q-p)*(2.0/3-t)*6
		default:
			v = p
		}
		return uint8(math.Round(math.Max(0, math.Min(1, v)) * 255))
	}
	return color.NRGBA{ch(h + 1.0/3), ch(h), ch(h - 1.0/3), 0xff}
}
