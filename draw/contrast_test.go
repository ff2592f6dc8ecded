package draw

import (
	"image/color"
	"math"
	"path/filepath"
	"testing"

	"lanemap/internal/corpus"
	"lanemap/model"
)

// wcagContrast is WCAG 2's contrast ratio, computed here from the formula
// rather than with the package's own helper, so the test checks it too.
func wcagContrast(a, b color.NRGBA) float64 {
	lum := func(c color.NRGBA) float64 {
		ch := func(v uint8) float64 {
			s := float64(v) / 255
			if s <= 0.03928 {
				return s / 12.92
			}
			return math.Pow((s+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
	}
	l1, l2 := lum(a), lum(b)
	return (math.Max(l1, l2) + 0.05) / (math.Min(l1, l2) + 0.05)
}

// labelOf returns the colour of element id's text.
func labelOf(t *testing.T, sc *Scene, id string) color.NRGBA {
	t.Helper()
	for _, it := range sc.Items {
		if it.Element == id && it.Text != nil {
			return it.Text.Color
		}
	}
	t.Fatalf("no text for %s", id)
	return color.NRGBA{}
}

// TestLabelsReadableOnFileFills: a label on a fill the file chose (inside a
// task; under an event, on a flow or on an annotation over a pool or lane)
// keeps the theme's text colour when it contrasts 4.5:1 with that fill,
// keeps the file's label colour when it contrasts 3:1, and is otherwise
// black or white, contrasting at least 4.5:1.
func TestLabelsReadableOnFileFills(t *testing.T) {
	fills := map[string]string{"white": "#ffffff", "yellow": "#ffdf91", "pure yellow": "#ffff00", "dark": "#1f3a5f"}
	labels := map[string]string{"no label colour": "", "navy label": "#000080", "grey label": "#808080", "white label": "#ffffff"}
	// where puts the fill on what the text stands on and returns the
	// element whose text is checked.
	where := map[string]func(f *fixture, fill, label string) string{
		"task": func(f *fixture, fill, label string) string {
			f.node("t", model.Task, "Utred ärendet", 100, 100, 100, 80)
			f.shape("t").Style = model.Colors{Fill: fill, Label: label}
			return "t"
		},
		"event in pool": func(f *fixture, fill, label string) string {
			f.shape("P").Style.Fill = fill
			f.node("s", model.StartEvent, "Start Event 1", 100, 100, 36, 36)
			f.shape("s").Style.Label = label
			return "s"
		},
		"flow in pool": func(f *fixture, fill, label string) string {
			f.shape("P").Style.Fill = fill
			f.node("a", model.Task, "", 60, 40, 60, 40)
			f.node("b", model.Task, "", 300, 40, 60, 40)
			f.flow("x", model.SequenceFlow, "a", "b", 120, 60, 300, 60).Name = "Message Flow 1"
			f.g.Edges[0].Style.Label = label
			return "x"
		},
		"event in lane": func(f *fixture, fill, label string) string {
			f.shape("L").Style.Fill = fill
			f.node("s", model.IntermediateCatchEvent, "Vänta", 200, 100, 36, 36)
			f.shape("s").Style.Label = label
			return "s"
		},
		"annotation in lane": func(f *fixture, fill, label string) string {
			f.shape("L").Style.Fill = fill
			f.node("n", model.TextAnnotation, "", 100, 60, 120, 40).Text = "Enligt SOSFS 2011:9"
			f.shape("n").Style.Label = label
			return "n"
		},
	}
	for placeName, place := range where {
		for fillName, fill := range fills {
			for labelName, label := range labels {
				for _, dark := range []bool{false, true} {
					theme := "light"
					if dark {
						theme = "dark"
					}
					t.Run(placeName+"/"+fillName+"/"+labelName+"/"+theme, func(t *testing.T) {
						f := newFixture()
						f.d.Processes = []*model.Process{{ID: "proc", Lanes: []*model.Lane{{ID: "L", Name: "Handläggare"}}}}
						f.d.Collaborations = []*model.Collaboration{{ID: "c", Participants: []*model.Participant{{ID: "P", Name: "Kommunen", ProcessRef: "proc"}}}}
						f.g.Shapes = append(f.g.Shapes,
							&model.Shape{ID: "P_di", Element: "P", Bounds: model.Rect{X: 0, Y: 0, W: 500, H: 250}},
							&model.Shape{ID: "L_di", Element: "L", Bounds: model.Rect{X: 30, Y: 0, W: 470, H: 250}})
						id := place(f, fill, label)
						f.d.Touch()
						pal := lightPalette
						if dark {
							pal = darkPalette
						}
						bg, _ := parseHex(fill)
						got := labelOf(t, Build(f.d, f.g, Options{Dark: dark}), id)
						lc, hasLabel := parseHex(label)
						c := wcagContrast(got, bg)
						switch {
						case hasLabel && wcagContrast(lc, bg) >= 3:
							if got != lc {
								t.Errorf("label colour %v (contrast %.2f) not kept: got %v", lc, wcagContrast(lc, bg), got)
							}
						case c < 4.5:
							t.Errorf("text %v on %v: contrast %.2f, want ≥ 4.5", got, bg, c)
						case !hasLabel && wcagContrast(pal.stroke, bg) >= 4.5 && got != pal.stroke:
							t.Errorf("text %v, want the theme's %v (contrast %.2f)", got, pal.stroke, wcagContrast(pal.stroke, bg))
						case got != pal.stroke && got != pal.light && got != pal.dark && got != black && got != white && got != lc:
							t.Errorf("text %v is neither the theme's, the file's, black nor white", got)
						}
					})
				}
			}
		}
	}
}

// TestThemeSurfacesKeepColours: on the theme's own surfaces (no file fill)
// labels keep their colours as before, the file's label colour or the
// element's stroke, as bpmn-js does.
func TestThemeSurfacesKeepColours(t *testing.T) {
	orange := color.NRGBA{0xff, 0x88, 0, 0xff}
	for _, dark := range []bool{false, true} {
		f := newFixture()
		f.node("s", model.StartEvent, "Start", 100, 100, 36, 36)
		f.shape("s").Style.Stroke = "#ff8800"
		f.node("e", model.EndEvent, "Slut", 300, 100, 36, 36)
		f.shape("e").Style.Label = "#808080"
		sc := Build(f.d, f.g, Options{Dark: dark})
		if got := labelOf(t, sc, "s"); got != orange {
			t.Errorf("dark=%v: stroke-coloured label %v, want %v", dark, got, orange)
		}
		if got := labelOf(t, sc, "e"); got != (color.NRGBA{0x80, 0x80, 0x80, 0xff}) {
			t.Errorf("dark=%v: label colour %v not kept", dark, got)
		}
	}
}

// A file's label colour that does not read on the theme's own surfaces
// (MIWG C.8.0's black labels on the dark paper) is replaced; in the light
// theme, where it reads, it is kept.
func TestThemeSurfacesCorrectUnreadableLabels(t *testing.T) {
	for _, dark := range []bool{false, true} {
		f := newFixture()
		f.node("a", model.Task, "Inne", 100, 100, 100, 80)
		f.node("e", model.EndEvent, "Under", 300, 100, 36, 36)
		for _, id := range []string{"a", "e"} {
			f.shape(id).Style.Label = "#000000"
		}
		sc := Build(f.d, f.g, Options{Dark: dark})
		p := lightPalette
		if dark {
			p = darkPalette
		}
		for id, bg := range map[string]color.NRGBA{"a": p.fill, "e": p.bg} {
			got := labelOf(t, sc, id)
			if !dark && got != black {
				t.Errorf("light: %s's black label became %v", id, got)
			}
			if c := contrast(got, bg); c < minLabelContrast {
				t.Errorf("dark=%v: %s's label %v contrasts %.2f with %v", dark, id, got, c, bg)
			}
		}
	}
}

// TestVendorPoolLabelsReadableInDark is QA's case: an ADONIS export fills
// its pools white; in the dark theme the labels of "Start Event 1" and
// "Message Flow 1" on that pool must be dark, not the theme's light text.
func TestVendorPoolLabelsReadableInDark(t *testing.T) {
	d, err := readModel(t, filepath.Join(corpus.Dir(t), "vendors", "adonis17-A.4.1-export.bpmn"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"Start Event 1": true, "Message Flow 1": true}
	seen := map[string]bool{}
	for _, g := range d.Diagrams {
		b := Build(d, g, Options{Dark: true})
		for _, it := range b.Items {
			if it.Text == nil || len(it.Text.Lines) == 0 || !want[joinLines(it.Text.Lines)] {
				continue
			}
			name := joinLines(it.Text.Lines)
			seen[name] = true
			checkReadable(t, d, g, b, &it, darkPalette.bg)
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("no label %q drawn", name)
		}
	}
}

// checkReadable checks that text item it contrasts 4.5:1 with what lies
// under each corner and edge middle of its inked box: the plate drawn
// under it, else the file's filled pools and lanes (re-derived from g),
// else the paper bg.
func checkReadable(t *testing.T, d *model.Definitions, g *model.Diagram, sc *Scene, it *Item, paper color.NRGBA) {
	t.Helper()
	var plate *Item
	for i := range sc.Items {
		if p := &sc.Items[i]; p.Element == it.Element && p.Part == PartLabelPlate {
			plate = p
		}
	}
	ext := inkBox(it.Text).Inset(1)
	c := ext.Center()
	for _, p := range []model.Point{{X: ext.X, Y: ext.Y}, {X: ext.X + ext.W, Y: ext.Y + ext.H}, {X: ext.X, Y: c.Y}, {X: ext.X + ext.W, Y: c.Y}, c} {
		bg := paper
		if plate != nil {
			bg = plate.Style.Fill
		} else {
			for _, s := range g.Shapes {
				switch d.Element(s.Element).(type) {
				case *model.Participant, *model.Lane:
					if fill, ok := parseHex(s.Style.Fill); ok && clean(s.Bounds).Contains(p) {
						bg = fill // later shapes paint on top
					}
				}
			}
		}
		if got := wcagContrast(it.Text.Color, bg); got < 4.5 {
			t.Errorf("%q at %v: %v on %v, contrast %.2f, want ≥ 4.5", joinLines(it.Text.Lines), p, it.Text.Color, bg, got)
		}
	}
}

// TestStraddlingLabelGetsPlate: a flow's name half on a white vendor pool,
// half on the dark paper, cannot be read in one colour on both, so it gets
// a plate; a name wholly on the paper or wholly on the pool does not.
func TestStraddlingLabelGetsPlate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		x     float64 // where the flow's name starts
		plate bool
	}{
		{"straddling", 470, true},
		{"on the pool", 200, false},
		{"on the paper", 560, false},
	} {
		for _, dark := range []bool{false, true} {
			f := newFixture()
			f.d.Collaborations = []*model.Collaboration{{ID: "c", Participants: []*model.Participant{{ID: "P", Name: "Leverantör", ProcessRef: "proc"}}}}
			pool := map[bool]string{false: "#1f3a5f", true: "#ffffff"}[dark]
			f.g.Shapes = append(f.g.Shapes, &model.Shape{ID: "P_di", Element: "P", Bounds: model.Rect{X: 0, Y: 0, W: 500, H: 200}, Style: model.Colors{Fill: pool}})
			f.node("a", model.Task, "", 60, 40, 60, 40)
			f.flow("x", model.MessageFlow, "a", "", 120, 60, 700, 60).Name = "Message Flow 1"
			f.g.Edges[0].Label = &model.Rect{X: tc.x, Y: 40, W: 80, H: 14}
			f.d.Touch()
			sc := Build(f.d, f.g, Options{Dark: dark})
			plates := 0
			for i := range sc.Items {
				if sc.Items[i].Part == PartLabelPlate {
					plates++
				}
			}
			if (plates == 1) != tc.plate || plates > 1 {
				t.Errorf("%s dark=%v: %d plates, want plate=%v", tc.name, dark, plates, tc.plate)
			}
			pal := lightPalette
			if dark {
				pal = darkPalette
			}
			for i := range sc.Items {
				if it := &sc.Items[i]; it.Element == "x" && it.Text != nil {
					checkReadable(t, f.d, f.g, sc, it, pal.bg)
				}
			}
			if got := sc.HitTest(model.Point{X: 300, Y: 150}, 2); len(got) != 1 || got[0] != "P" {
				t.Errorf("%s: hit in the pool gives %v, want just the pool", tc.name, got)
			}
		}
	}
}

func joinLines(ls []string) string {
	out := ""
	for i, l := range ls {
		if i > 0 {
			out += " "
		}
		out += l
	}
	return out
}
