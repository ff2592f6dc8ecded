package draw

import (
	"image/color"
	"testing"

	"lanemap/model"
)

func TestParseHex(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want color.NRGBA
		ok   bool
	}{
		{"#ff8800", color.NRGBA{0xff, 0x88, 0x00, 0xff}, true},
		{"#F80", color.NRGBA{0xff, 0x88, 0x00, 0xff}, true},
		{" #0d4372 ", color.NRGBA{0x0d, 0x43, 0x72, 0xff}, true},
		{"red", color.NRGBA{}, false},
		{"#12345g", color.NRGBA{}, false},
		{"#1234", color.NRGBA{}, false},
		{"", color.NRGBA{}, false},
	} {
		got, ok := parseHex(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseHex(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// TestShapeColours: DI colours reach the body; a fill alone changes the ink
// inside the shape (label, icon) but not outside labels, and the outline
// only where the theme's stroke would not show on that fill (3:1), to a
// colour that reads on the fill and the paper around it when one does.
func TestShapeColours(t *testing.T) {
	navy := color.NRGBA{0x0d, 0x1b, 0x4a, 0xff}
	rust := color.NRGBA{0xb3, 0x5c, 0, 0xff} // 4.7:1 on white
	for _, tc := range []struct {
		name                        string
		style                       model.Colors
		dark                        bool
		fill, outline, inner, outer color.NRGBA
	}{
		{"default light", model.Colors{}, false, lightPalette.fill, lightPalette.stroke, lightPalette.stroke, lightPalette.stroke},
		{"light fill, light theme", model.Colors{Fill: "#ffdf91"}, false, color.NRGBA{0xff, 0xdf, 0x91, 0xff}, lightPalette.stroke, lightPalette.dark, lightPalette.stroke},
		{"dark fill only", model.Colors{Fill: "#0d1b4a"}, false, navy, greyBetween(navy, lightPalette.bg), lightPalette.light, lightPalette.stroke},
		{"both given", model.Colors{Fill: "#0d1b4a", Stroke: "#ff8800"}, false, navy, color.NRGBA{0xff, 0x88, 0, 0xff}, color.NRGBA{0xff, 0x88, 0, 0xff}, color.NRGBA{0xff, 0x88, 0, 0xff}},
		{"light fill in dark theme", model.Colors{Fill: "#ffffff"}, true, color.NRGBA{0xff, 0xff, 0xff, 0xff}, greyBetween(white, darkPalette.bg), darkPalette.dark, darkPalette.stroke},
		{"label colour wins inside and out", model.Colors{Stroke: "#b35c00", Label: "#000000"}, false, lightPalette.fill, rust, color.NRGBA{0, 0, 0, 0xff}, color.NRGBA{0, 0, 0, 0xff}},
		{"broken label colour is ignored", model.Colors{Stroke: "#b35c00", Label: "black"}, false, lightPalette.fill, rust, rust, rust},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture()
			f.node("t", model.UserTask, "Utred", 0, 0, 100, 80)
			f.node("e", model.StartEvent, "Start", 200, 20, 36, 36)
			f.shape("t").Style = tc.style
			f.shape("e").Style = tc.style
			sc := Build(f.d, f.g, Options{Dark: tc.dark})
			for _, it := range sc.Items {
				switch {
				case it.Element == "t" && it.Part == PartBody:
					if it.Style.Fill != tc.fill || it.Style.Stroke != tc.outline {
						t.Errorf("task body fill %v stroke %v, want %v %v", it.Style.Fill, it.Style.Stroke, tc.fill, tc.outline)
					}
				case it.Element == "t" && it.Part == PartLabel:
					if it.Text.Color != tc.inner {
						t.Errorf("task label %v, want %v", it.Text.Color, tc.inner)
					}
				case it.Element == "e" && it.Part == PartLabel:
					if it.Text.Color != tc.outer {
						t.Errorf("event label (outside) %v, want %v", it.Text.Color, tc.outer)
					}
				}
			}
		})
	}
}

func TestRoleFillDarkKeepsHue(t *testing.T) {
	pastel := color.NRGBA{0xe3, 0xf2, 0xfd, 0xff}
	if got := lightPalette.roleFill(pastel); got != pastel {
		t.Errorf("light theme changed the role colour: %v", got)
	}
	got := darkPalette.roleFill(pastel)
	if luminance(got) > 0.3 {
		t.Errorf("dark role fill %v is not dark", got)
	}
	h0, _, _ := toHSL(pastel)
	h1, _, _ := toHSL(got)
	if d := h0 - h1; d > 0.02 || d < -0.02 {
		t.Errorf("hue moved from %v to %v", h0, h1)
	}
	for _, c := range []color.NRGBA{{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}, {128, 128, 128, 255}, {12, 200, 90, 255}} {
		h, s, l := toHSL(c)
		if back := fromHSL(h, s, l); back != c {
			t.Errorf("HSL round trip %v → %v", c, back)
		}
	}
}

// TestFlowLabelColour: a flow's name takes its DI label colour, else the
// flow's stroke (as bpmn-js does).
func TestFlowLabelColour(t *testing.T) {
	orange := color.NRGBA{0xff, 0x88, 0, 0xff}
	for _, tc := range []struct {
		name  string
		style model.Colors
		want  color.NRGBA
	}{
		{"default", model.Colors{}, lightPalette.stroke},
		{"stroke only", model.Colors{Stroke: "#ff8800"}, orange},
		{"label colour", model.Colors{Stroke: "#ff8800", Label: "#000000"}, color.NRGBA{0, 0, 0, 0xff}},
	} {
		f := newFixture()
		f.node("a", model.Task, "A", 0, 0, 100, 80)
		f.node("b", model.Task, "B", 300, 0, 100, 80)
		f.flow("x", model.SequenceFlow, "a", "b", 100, 40, 300, 40).Name = "Ja"
		f.g.Edges[0].Style = tc.style
		got := 0
		for _, it := range Build(f.d, f.g, Options{}).Items {
			if it.Element == "x" && it.Part == PartLabel {
				got++
				if it.Text.Color != tc.want {
					t.Errorf("%s: label %v, want %v", tc.name, it.Text.Color, tc.want)
				}
			}
		}
		if got != 1 {
			t.Errorf("%s: %d labels", tc.name, got)
		}
	}
}
