package draw

import (
	"image/color"
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

// colors is the resolved painting of one element: its fill, its outline
// and the ink of what sits inside it (markers, icons, inner labels).
type colors struct {
	fill, stroke, ink color.NRGBA
}

// resolve applies a shape's or edge's DI colours to the theme. When only
// the fill is given, the ink inside is chosen to stay readable on it; the
// outline and outside labels keep the theme's stroke.
func (p *palette) resolve(c model.Colors) colors {
	out := colors{fill: p.fill, stroke: p.stroke, ink: p.stroke}
	f, hasFill := parseHex(c.Fill)
	if hasFill {
		out.fill = f
		out.ink = p.ink(f)
	}
	if s, ok := parseHex(c.Stroke); ok {
		out.stroke, out.ink = s, s
	}
	return out
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
