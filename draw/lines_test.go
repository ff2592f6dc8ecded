package draw

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"lanemap/model"
)

// The tests here check WCAG 2.1's non-text contrast (1.4.11, 3:1) for the
// ink of lines: what is under each stroke is re-derived from the scene's
// own items (the picture), not from the builder's bookkeeping.

// mix composites c over the opaque colour under (written here, not taken
// from the package, so the test checks the compositing too).
func mix(c, under color.NRGBA) color.NRGBA {
	a := float64(c.A) / 255
	ch := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{ch(c.R, under.R), ch(c.G, under.G), ch(c.B, under.B), 0xff}
}

// underLayer is one filled box a line can be drawn on: a pool, a lane or an
// activity body, at its index in the scene.
type underLayer struct {
	idx  int
	r    model.Rect
	fill color.NRGBA
}

// underScene tells what a scene shows beneath a point: its filled pools,
// lanes and activity bodies painted in order over the paper.
type underScene struct {
	sc     *Scene
	paper  color.NRGBA
	layers []underLayer
}

func newUnderScene(d *model.Definitions, sc *Scene, paper color.NRGBA) *underScene {
	u := &underScene{sc: sc, paper: paper}
	for i := range sc.Items {
		it := &sc.Items[i]
		if it.Path == nil || it.Part != PartBody || it.Style.Fill.A == 0 {
			continue
		}
		switch e := d.Element(it.Element).(type) {
		case *model.Participant, *model.Lane:
		case *model.Node:
			if !e.Kind.IsActivity() {
				continue
			}
		default:
			continue
		}
		u.layers = append(u.layers, underLayer{i, it.Bounds, it.Style.Fill})
	}
	return u
}

// at is the colour under p for an item painted at index before.
func (u *underScene) at(p model.Point, before int) color.NRGBA {
	c := u.paper
	for _, l := range u.layers {
		if l.idx >= before {
			break
		}
		if l.r.Contains(p) {
			c = mix(l.fill, c)
		}
	}
	return c
}

// samples walks path p in steps of about step units and calls f with each
// sample point and the length it stands for.
func samples(p *Path, step float64, f func(model.Point, float64)) {
	var cur, start model.Point
	line := func(a, b model.Point) {
		l := math.Hypot(b.X-a.X, b.Y-a.Y)
		n := max(1, int(math.Ceil(l/step)))
		for k := range n {
			t := (float64(k) + 0.5) / float64(n)
			f(model.Point{X: a.X + (b.X-a.X)*t, Y: a.Y + (b.Y-a.Y)*t}, l/float64(n))
		}
	}
	for _, s := range p.Segs {
		switch s.Op {
		case MoveTo:
			cur, start = s.Pts[0], s.Pts[0]
		case LineTo:
			line(cur, s.Pts[0])
			cur = s.Pts[0]
		case CubicTo:
			prev := cur
			for k := 1; k <= 16; k++ {
				t := float64(k) / 16
				mt := 1 - t
				pt := model.Point{
					X: mt*mt*mt*cur.X + 3*mt*mt*t*s.Pts[0].X + 3*mt*t*t*s.Pts[1].X + t*t*t*s.Pts[2].X,
					Y: mt*mt*mt*cur.Y + 3*mt*mt*t*s.Pts[0].Y + 3*mt*t*t*s.Pts[1].Y + t*t*t*s.Pts[2].Y,
				}
				line(prev, pt)
				prev = pt
			}
			cur = s.Pts[2]
		case Close:
			line(cur, start)
			cur = start
		}
	}
}

// mostUnder is the colour under most of path p's length (glow, when not
// zero, composited on top), for an item painted at index before.
func (u *underScene) mostUnder(p *Path, before int, glow color.NRGBA) color.NRGBA {
	weight := map[color.NRGBA]float64{}
	samples(p, 2, func(pt model.Point, w float64) {
		c := u.at(pt, before)
		if glow.A != 0 {
			c = mix(glow, c)
		}
		weight[c] += w
	})
	best, bw := u.paper, -1.0
	for c, w := range weight {
		if w > bw || (w == bw && cmp.Compare(rgb(c), rgb(best)) < 0) {
			best, bw = c, w
		}
	}
	return best
}

func rgb(c color.NRGBA) uint32 { return uint32(c.R)<<16 | uint32(c.G)<<8 | uint32(c.B) }

// lineBackground is what the stroke of item i is read against: the item's
// own opaque fill (a marker's or body's inside); a translucent fill over
// what is under it; for a flow's line and its decorations, what lies
// under most of the line (under its glow when it is a marked handover);
// for a shape's unfilled parts (inner rings, icons drawn in ink), the
// shape's body fill; else what lies under most of the path.
func (u *underScene) lineBackground(i int) color.NRGBA {
	it := &u.sc.Items[i]
	st := it.Style
	switch {
	case st.Fill.A == 0xff && st.Fill != st.Stroke:
		return st.Fill
	case st.Fill.A != 0 && st.Fill.A != 0xff:
		return mix(st.Fill, u.mostUnder(it.Path, i, color.NRGBA{}))
	case it.Part == PartEdge || it.Part == PartArrow:
		line := i
		for line >= 0 && u.sc.Items[line].Part != PartEdge {
			line--
		}
		if line < 0 {
			return u.mostUnder(it.Path, i, color.NRGBA{})
		}
		var glow color.NRGBA
		for j := range u.sc.Items {
			if g := &u.sc.Items[j]; g.Part == PartHandover && g.Element == it.Element && it.Element != "" {
				glow = g.Style.Stroke
			}
		}
		return u.mostUnder(u.sc.Items[line].Path, line, glow)
	}
	for j := i - 1; j >= 0; j-- {
		b := &u.sc.Items[j]
		if b.Element != it.Element {
			break
		}
		if b.Path != nil && b.Part == PartBody && b.Style.Fill.A == 0xff {
			return b.Style.Fill
		}
	}
	return u.mostUnder(it.Path, i, color.NRGBA{})
}

// lineFault is a stroke below 3:1 against what it is drawn on.
type lineFault struct {
	elem     string
	part     Part
	ink, bg  color.NRGBA
	contrast float64
}

func (f lineFault) String() string {
	return fmt.Sprintf("%s %v: ink #%06x on #%06x, contrast %.2f", f.elem, f.part, rgb(f.ink), rgb(f.bg), f.contrast)
}

// lineFaults lists the strokes of sc (outlines, markers, flows, arrows)
// that contrast less than 3:1 with what they are drawn on. The handover
// glow and label plates are decoration, not lines, and are left out.
func lineFaults(d *model.Definitions, sc *Scene, paper color.NRGBA) []lineFault {
	u := newUnderScene(d, sc, paper)
	var out []lineFault
	for i := range sc.Items {
		it := &sc.Items[i]
		if it.Path == nil || it.Style.Stroke.A == 0 || !(it.Style.Width > 0) ||
			it.Part == PartHandover || it.Part == PartLabelPlate {
			continue
		}
		bg := u.lineBackground(i)
		if c := wcagContrast(it.Style.Stroke, bg); c < 3 {
			out = append(out, lineFault{it.Element, it.Part, it.Style.Stroke, bg, c})
		}
	}
	return out
}

// TestCorpusLinesContrast builds every diagram of every corpus file (the
// MIWG references and the vendors' exports, many with their own fills) in
// both themes, handovers marked, and requires every line to reach 3:1
// against what it is drawn on.
func TestCorpusLinesContrast(t *testing.T) {
	forCorpus(t, func(t *testing.T, d *model.Definitions) {
		for _, g := range d.Diagrams {
			for _, dark := range []bool{true, false} {
				paper := lightPalette.bg
				if dark {
					paper = darkPalette.bg
				}
				faults := lineFaults(d, Build(d, g, Options{Dark: dark, MarkHandovers: true}), paper)
				slices.SortFunc(faults, func(a, b lineFault) int { return cmp.Compare(a.contrast, b.contrast) })
				for k, fl := range faults {
					if k == 5 {
						t.Errorf("diagram %s dark=%v: %d more", g.ID, dark, len(faults)-k)
						break
					}
					t.Errorf("diagram %s dark=%v: %v", g.ID, dark, fl)
				}
			}
		}
	})
}

// lineWant is the ink (and, when fill is not zero, the fill) expected of
// the first path item of an element and part; "id#n" names item n (from
// 0) of element id instead.
type lineWant struct {
	elem      string
	part      Part
	ink, fill color.NRGBA
}

// lineBase is a pool of two lanes (L1 over L2) on the paper, with tasks a
// in L1 and b in L2 and c in L1, for the cases to colour and add to.
func lineBase() *fixture {
	f := newFixture()
	f.d.Processes = []*model.Process{{ID: "proc", Lanes: []*model.Lane{
		{ID: "L1", Name: "Handläggare", NodeRefs: []string{"a", "c"}},
		{ID: "L2", Name: "Chef", NodeRefs: []string{"b"}},
	}}}
	f.d.Collaborations = []*model.Collaboration{{ID: "collab", Participants: []*model.Participant{{ID: "P", Name: "Kommunen", ProcessRef: "proc"}}}}
	f.g.Shapes = append(f.g.Shapes,
		&model.Shape{ID: "P_di", Element: "P", Bounds: model.Rect{X: 0, Y: 0, W: 600, H: 300}},
		&model.Shape{ID: "L1_di", Element: "L1", Bounds: model.Rect{X: 30, Y: 0, W: 570, H: 150}},
		&model.Shape{ID: "L2_di", Element: "L2", Bounds: model.Rect{X: 30, Y: 150, W: 570, H: 150}})
	f.node("a", model.Task, "Utred", 60, 35, 100, 80)
	f.node("b", model.Task, "Besluta", 300, 185, 100, 80)
	f.node("c", model.Task, "Dokumentera", 300, 35, 100, 80)
	return f
}

// TestLineContrast: outlines and markers read on their shape's fill, flows
// and their decorations on what is under most of their length, at 3:1, in
// both themes; the file's stroke is kept when it reads, else the theme's
// colour, else its dark or light stroke, else black or white, and an
// outline that is not the file's reads around its shape too when a colour
// (a grey at worst) can.
func TestLineContrast(t *testing.T) {
	var (
		navy  = color.NRGBA{0x0d, 0x43, 0x72, 0xff}
		red   = color.NRGBA{0xe5, 0x39, 0x35, 0xff}
		amber = color.NRGBA{0xff, 0x66, 0, 0xff}
		lp    = lightPalette
		dp    = darkPalette
		// Outlines read on the fill and around the shape, when a grey
		// can, where the theme's stroke cannot.
		whiteOnPool = greyBetween(white, dp.poolFill)
		blueOnPool  = greyBetween(color.NRGBA{0xbb, 0xde, 0xfb, 0xff}, dp.poolFill)
		// bpmn-js's blue on its pale blue, and an orange flow on white,
		// each darkened just enough to read.
		darkerBlue   = color.NRGBA{27, 122, 206, 0xff}
		darkerOrange = color.NRGBA{242, 97, 0, 0xff}
	)
	pool := func(fill string) func(f *fixture) {
		return func(f *fixture) { f.shape("P").Style.Fill = fill }
	}
	seq := func(f *fixture) { f.flow("x", model.SequenceFlow, "a", "c", 160, 75, 300, 75) }
	greyL2 := func(f *fixture) { f.shape("L2").Style.Fill = "#767676" }
	for _, tc := range []struct {
		name        string
		setup       []func(f *fixture)
		light, dark []lineWant
	}{
		{"white vendor task", []func(f *fixture){func(f *fixture) {
			f.node("u", model.UserTask, "Pröva", 180, 185, 100, 80)
			f.shape("u").Style.Fill = "#ffffff"
		}}, []lineWant{{"u", PartBody, lp.stroke, white}, {"u", PartMarker, lp.dark, white}},
			[]lineWant{{"u", PartBody, whiteOnPool, white}, {"u", PartMarker, dp.dark, white}}},
		{"white vendor task on a white pool", []func(f *fixture){pool("#ffffff"), func(f *fixture) {
			f.node("u", model.CallActivity, "Pröva", 180, 185, 100, 80)
			f.shape("u").Style.Fill = "#ffffff"
		}}, []lineWant{{"u", PartBody, lp.stroke, white}},
			[]lineWant{{"u", PartBody, dp.dark, white}, {"u", PartMarker, dp.dark, white}}},
		{"white vendor task with a black border", []func(f *fixture){func(f *fixture) {
			f.shape("a").Style = model.Colors{Fill: "#ffffff", Stroke: "#000000"}
		}}, []lineWant{{"a", PartBody, black, white}}, []lineWant{{"a", PartBody, black, white}}},
		{"black border on the theme's fill", []func(f *fixture){func(f *fixture) {
			f.shape("a").Style.Stroke = "#000000"
		}}, []lineWant{{"a", PartBody, black, lp.fill}}, []lineWant{{"a", PartBody, dp.stroke, dp.fill}}},
		{"white vendor data, event and gateway", []func(f *fixture){func(f *fixture) {
			f.node("d", model.DataObjectReference, "", 180, 40, 36, 50)
			f.node("e", model.IntermediateCatchEvent, "", 180, 200, 36, 36).EventDefs = []string{model.TimerDef}
			f.node("g", model.ParallelGateway, "", 240, 200, 50, 50)
			for _, id := range []string{"d", "e", "g"} {
				f.shape(id).Style.Fill = "#ffffff"
			}
		}}, []lineWant{{"d", PartBody, lp.stroke, white}, {"e", PartMarker, lp.dark, white}, {"g", PartMarker, lp.dark, lp.dark}},
			[]lineWant{{"d", PartBody, whiteOnPool, white}, {"e", PartBody, whiteOnPool, white}, {"e", PartMarker, dp.dark, white}, {"g", PartBody, whiteOnPool, white}, {"g", PartMarker, dp.dark, dp.dark}}},
		{"flows over a white pool", []func(f *fixture){pool("#ffffff"), seq},
			[]lineWant{{"x", PartEdge, lp.stroke, color.NRGBA{}}, {"x", PartArrow, lp.stroke, lp.stroke}, {"P", PartBody, lp.stroke, white}, {"L1", PartBody, lp.stroke, color.NRGBA{}}},
			[]lineWant{{"x", PartEdge, dp.dark, color.NRGBA{}}, {"x", PartArrow, dp.dark, dp.dark}, {"P", PartBody, dp.dark, white}, {"P", PartLaneHeader, dp.dark, dp.band}, {"L1", PartBody, dp.dark, color.NRGBA{}}, {"a", PartBody, greyBetween(dp.fill, white), dp.fill}}},
		{"dark navy vendor pool", []func(f *fixture){pool("#1f3a5f"), seq},
			[]lineWant{{"x", PartEdge, lp.light, color.NRGBA{}}, {"x", PartArrow, lp.light, lp.light}, {"P", PartBody, lp.light, color.NRGBA{0x1f, 0x3a, 0x5f, 0xff}}, {"L2", PartBody, lp.light, color.NRGBA{}}, {"L2", PartLaneHeader, lp.light, lp.band}, {"a", PartBody, greyBetween(lp.fill, color.NRGBA{0x1f, 0x3a, 0x5f, 0xff}), lp.fill}},
			[]lineWant{{"x", PartEdge, dp.stroke, color.NRGBA{}}, {"P", PartBody, dp.stroke, color.NRGBA{0x1f, 0x3a, 0x5f, 0xff}}}},
		{"explicit strokes that contrast are kept", []func(f *fixture){pool("#ffffff"), seq, func(f *fixture) {
			f.shape("a").Style = model.Colors{Fill: "#bbdefb", Stroke: "#0d4372"}
			f.g.Edge("x").Style.Stroke = "#e53935"
		}}, []lineWant{{"a", PartBody, navy, color.NRGBA{0xbb, 0xde, 0xfb, 0xff}}, {"a", PartLabel, navy, color.NRGBA{}}, {"x", PartEdge, red, color.NRGBA{}}},
			[]lineWant{{"a", PartBody, navy, color.NRGBA{0xbb, 0xde, 0xfb, 0xff}}, {"x", PartEdge, red, color.NRGBA{}}, {"x", PartArrow, red, red}}},
		// A file's colour that does not read keeps its hue, made just dark
		// enough (TestKeepHue); a grey of the file's is replaced.
		{"explicit colours that do not read keep their hue", []func(f *fixture){seq, func(f *fixture) {
			f.shape("a").Style = model.Colors{Fill: "#bbdefb", Stroke: "#1e88e5"} // bpmn-js blue, 2.6:1
			f.g.Edge("x").Style.Stroke = "#ff6600"                                // 2.9:1 on white
		}}, []lineWant{{"a", PartBody, darkerBlue, color.NRGBA{0xbb, 0xde, 0xfb, 0xff}}, {"x", PartEdge, darkerOrange, color.NRGBA{}}},
			[]lineWant{{"a", PartBody, darkerBlue, color.NRGBA{0xbb, 0xde, 0xfb, 0xff}}, {"a", PartLabel, black, color.NRGBA{}}, {"x", PartEdge, amber, color.NRGBA{}}}},
		{"a grey stroke that does not read is replaced", []func(f *fixture){func(f *fixture) {
			f.shape("a").Style = model.Colors{Fill: "#bbdefb", Stroke: "#8a9aaa"}
		}}, []lineWant{{"a", PartBody, lp.stroke, color.NRGBA{0xbb, 0xde, 0xfb, 0xff}}}, []lineWant{{"a", PartBody, blueOnPool, color.NRGBA{0xbb, 0xde, 0xfb, 0xff}}}},
		{"handover on the theme's pool", []func(f *fixture){func(f *fixture) {
			f.flow("h", model.SequenceFlow, "a", "b", 110, 115, 110, 225, 300, 225)
		}}, []lineWant{{"h", PartEdge, lp.handoverStroke, color.NRGBA{}}}, []lineWant{{"h", PartEdge, dp.handoverStroke, color.NRGBA{}}}},
		{"handover over a white pool", []func(f *fixture){pool("#ffffff"), func(f *fixture) {
			f.flow("h", model.SequenceFlow, "a", "b", 110, 115, 110, 225, 300, 225)
		}}, []lineWant{{"h", PartEdge, lp.handoverStroke, color.NRGBA{}}}, []lineWant{{"h", PartEdge, lp.handoverStroke, color.NRGBA{}}}},
		{"message flow on a white pool", []func(f *fixture){pool("#ffffff"), func(f *fixture) {
			f.flow("m", model.MessageFlow, "a", "b", 140, 115, 140, 240, 300, 240)
			f.g.Edge("m").MessageVisibleKind = "non_initiating"
		}}, []lineWant{{"m", PartEdge, lp.stroke, color.NRGBA{}}, {"m", PartArrow, lp.stroke, lp.fill}},
			[]lineWant{{"m", PartEdge, dp.dark, color.NRGBA{}}, {"m", PartArrow, dp.dark, white}}},
		{"default and conditional flows on a white pool", []func(f *fixture){pool("#ffffff"), func(f *fixture) {
			f.node("g", model.ExclusiveGateway, "", 200, 50, 50, 50).Default = "y"
			f.flow("y", model.SequenceFlow, "g", "c", 250, 75, 300, 75)
			f.flow("z", model.SequenceFlow, "a", "c", 160, 100, 300, 100).Condition = "${ok}"
		}}, []lineWant{{"y#1", PartArrow, lp.stroke, color.NRGBA{}}, {"z#1", PartArrow, lp.stroke, lp.fill}},
			[]lineWant{{"y#1", PartArrow, dp.dark, color.NRGBA{}}, {"z#1", PartArrow, dp.dark, white}}},
		{"flow in a white sub-process", []func(f *fixture){func(f *fixture) {
			sp := f.node("sp", model.SubProcess, "Delprocess", 420, 20, 170, 260)
			f.shape("sp").Style.Fill = "#ffffff"
			f.shape("sp").IsExpanded = model.Bool(true)
			f.node("i1", model.StartEvent, "", 440, 60, 36, 36).Container = sp.ID
			f.node("i2", model.EndEvent, "", 540, 60, 36, 36).Container = sp.ID
			f.flow("in", model.SequenceFlow, "i1", "i2", 476, 78, 540, 78)
		}}, []lineWant{{"in", PartEdge, lp.stroke, color.NRGBA{}}, {"sp", PartBody, lp.stroke, white}},
			[]lineWant{{"in", PartEdge, dp.dark, color.NRGBA{}}, {"sp", PartBody, whiteOnPool, white}, {"i1", PartBody, greyBetween(dp.fill, white), dp.fill}}},
		{"group and annotation over a white pool", []func(f *fixture){pool("#ffffff"), func(f *fixture) {
			f.node("grp", model.Group, "Krav", 250, 20, 200, 120)
			f.node("n", model.TextAnnotation, "", 450, 200, 120, 40).Text = "Enligt SOSFS 2011:9"
		}}, []lineWant{{"grp", PartBody, lp.stroke, color.NRGBA{}}, {"n", PartBody, lp.stroke, color.NRGBA{}}},
			[]lineWant{{"grp", PartBody, dp.dark, color.NRGBA{}}, {"n", PartBody, dp.dark, color.NRGBA{}}}},
		// No one colour reads on both white and mid grey (#767676) but the
		// light theme's stroke, so in the dark theme these follow the
		// ground under most of the line.
		{"flow mostly over a white lane", []func(f *fixture){pool("#ffffff"), greyL2, func(f *fixture) {
			f.flow("x", model.SequenceFlow, "a", "c", 160, 75, 290, 75, 290, 170, 300, 170)
		}}, []lineWant{{"x", PartEdge, lp.stroke, color.NRGBA{}}}, []lineWant{{"x", PartEdge, dp.dark, color.NRGBA{}}}},
		{"flow mostly over a grey lane", []func(f *fixture){pool("#ffffff"), greyL2, func(f *fixture) {
			f.flow("x", model.SequenceFlow, "a", "c", 160, 75, 170, 75, 170, 290, 300, 290)
		}}, []lineWant{{"x", PartEdge, lp.stroke, color.NRGBA{}}, {"x", PartArrow, lp.stroke, lp.stroke}},
			[]lineWant{{"x", PartEdge, dp.stroke, color.NRGBA{}}, {"x", PartArrow, dp.stroke, dp.stroke}}},
	} {
		for _, dark := range []bool{false, true} {
			name := tc.name + map[bool]string{false: "/light", true: "/dark"}[dark]
			t.Run(name, func(t *testing.T) {
				f := lineBase()
				for _, s := range tc.setup {
					s(f)
				}
				f.d.Touch()
				paper, wants := lightPalette.bg, tc.light
				if dark {
					paper, wants = darkPalette.bg, tc.dark
				}
				sc := Build(f.d, f.g, Options{Dark: dark, MarkHandovers: true})
				for _, fl := range lineFaults(f.d, sc, paper) {
					t.Error(fl)
				}
				for _, w := range wants {
					checkLine(t, sc, w)
				}
			})
		}
	}
}

// TestLineAcrossGrounds: a message flow from a vendor's white pool across
// the paper reads on both when one colour can (a grey in the dark theme);
// the file's stroke is kept when it does.
func TestLineAcrossGrounds(t *testing.T) {
	for _, tc := range []struct {
		name, stroke string
		dark         bool
		want         color.NRGBA // zero: any colour reading 3:1 on both
	}{
		{"light theme, one ground", "", false, lightPalette.stroke},
		{"dark theme", "", true, color.NRGBA{}},
		{"dark theme, black stroke", "#000000", true, color.NRGBA{}},
		{"dark theme, a stroke that reads on both", "#e53935", true, color.NRGBA{0xe5, 0x39, 0x35, 0xff}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := lineBase()
			f.shape("P").Style.Fill = "#ffffff"
			f.flow("m", model.MessageFlow, "c", "", 400, 75, 1200, 75)
			f.g.Edge("m").Style.Stroke = tc.stroke
			f.d.Touch()
			paper := lightPalette.bg
			if tc.dark {
				paper = darkPalette.bg
			}
			sc := Build(f.d, f.g, Options{Dark: tc.dark})
			for _, it := range sc.Items {
				if it.Element != "m" || it.Path == nil {
					continue
				}
				ink := it.Style.Stroke
				if tc.want.A != 0 && ink != tc.want {
					t.Errorf("%v ink %v, want %v", it.Part, ink, tc.want)
				}
				for _, bg := range []color.NRGBA{{0xff, 0xff, 0xff, 0xff}, paper} {
					if c := wcagContrast(ink, bg); c < 3 {
						t.Errorf("%v ink %v on %v: contrast %.2f", it.Part, ink, bg, c)
					}
				}
			}
		})
	}
}

// TestOutlineReadsAround: an outline the theme's stroke cannot draw (it
// would not read on the shape's fill) reads 3:1 on the fill and on what
// lies around the shape when one colour can, so the width of a ring or
// border (start or end event, call activity) still shows; else on the
// fill alone.
func TestOutlineReadsAround(t *testing.T) {
	for _, tc := range []struct {
		name, fill, pool string
		kind             model.Kind
		dark, around     bool
	}{
		{"red end event on white paper", "#be0000", "", model.EndEvent, false, true},
		{"blue start event on white paper", "#2953e7", "", model.StartEvent, false, true},
		{"white end event on the dark pool", "#ffffff", "", model.EndEvent, true, true},
		{"white call activity on the dark pool", "#ffffff", "", model.CallActivity, true, true},
		{"white start event on a white pool", "#ffffff", "#ffffff", model.StartEvent, true, true},
		{"navy task on a white pool", "#1f3a5f", "#ffffff", model.Task, false, true},
		{"white task on a mid grey pool", "#ffffff", "#767676", model.Task, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := lineBase()
			f.shape("P").Style.Fill = tc.pool
			f.node("s", tc.kind, "", 200, 200, 36, 36)
			f.shape("s").Style.Fill = tc.fill
			f.d.Touch()
			fill, _ := parseHex(tc.fill)
			around := darkPalette.poolFill
			if !tc.dark {
				around = lightPalette.poolFill
			}
			if p, ok := parseHex(tc.pool); ok {
				around = p
			}
			sc := Build(f.d, f.g, Options{Dark: tc.dark})
			for _, it := range sc.Items {
				if it.Element != "s" || it.Part != PartBody || it.Style.Fill.A == 0 {
					continue
				}
				in, out := wcagContrast(it.Style.Stroke, fill), wcagContrast(it.Style.Stroke, around)
				if in < 3 || (tc.around && out < 3) {
					t.Errorf("outline %v: %.2f on the fill, %.2f around (want 3 on the fill, around=%v)", it.Style.Stroke, in, out, tc.around)
				}
			}
		})
	}
}

// checkLine finds w's item and compares its ink (a text's colour for
// PartLabel) and fill.
func checkLine(t *testing.T, sc *Scene, w lineWant) {
	t.Helper()
	elem, nth, _ := strings.Cut(w.elem, "#")
	skip, _ := strconv.Atoi(nth)
	for _, it := range sc.Items {
		if it.Element != elem || it.Part != w.part {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		if it.Text != nil {
			if it.Text.Color != w.ink {
				t.Errorf("%s %v: colour %v, want %v", w.elem, w.part, it.Text.Color, w.ink)
			}
			return
		}
		if it.Style.Stroke != w.ink {
			t.Errorf("%s %v: ink %v, want %v", w.elem, w.part, it.Style.Stroke, w.ink)
		}
		if w.fill.A != 0 && it.Style.Fill != w.fill {
			t.Errorf("%s %v: fill %v, want %v", w.elem, w.part, it.Style.Fill, w.fill)
		}
		return
	}
	t.Errorf("no %v item for %s", w.part, w.elem)
}

// TestEverySymbolOnVendorColours draws every symbol (the symbols fixture)
// with every shape, pool and lane given one vendor fill, with and without
// a vendor stroke, in both themes: every line must read on what it is
// drawn on.
func TestEverySymbolOnVendorColours(t *testing.T) {
	for _, fill := range []string{"#ffffff", "#ffdf91", "#9eddff", "#767676", "#1f3a5f", "#000000"} {
		for _, stroke := range []string{"", "#000000", "#ffffff", "#1e88e5"} {
			for _, dark := range []bool{false, true} {
				f := symbols()
				for _, s := range f.g.Shapes {
					s.Style = model.Colors{Fill: fill, Stroke: stroke}
				}
				for _, e := range f.g.Edges {
					e.Style = model.Colors{Stroke: stroke}
				}
				paper := lightPalette.bg
				if dark {
					paper = darkPalette.bg
				}
				sc := Build(f.d, f.g, Options{Dark: dark, MarkHandovers: true, RoleColors: roleColors})
				for _, fl := range lineFaults(f.d, sc, paper) {
					t.Errorf("fill %s stroke %q dark=%v: %v", fill, stroke, dark, fl)
				}
			}
		}
	}
}

// TestPartBuildMatchesWhole: a diagram holding some shapes and edges of
// one in d (as the editor redraws the elements a command touched) draws
// them exactly as a build of the whole diagram does, though the pools,
// lanes and sub-processes they stand on are not in it.
func TestPartBuildMatchesWhole(t *testing.T) {
	f := lineBase()
	f.shape("P").Style.Fill = "#ffffff"
	f.shape("L1").Style.Fill = "#1f3a5f"
	sp := f.node("sp", model.SubProcess, "Delprocess", 420, 160, 170, 130)
	f.shape("sp").Style.Fill = "#ffdf91" // expanded: it has drawn children
	f.node("i1", model.StartEvent, "Start", 440, 200, 36, 36).Container = sp.ID
	f.node("i2", model.UserTask, "Inre", 500, 180, 80, 60).Container = sp.ID
	f.shape("i2").Style.Fill = "#ffffff"
	f.flow("in", model.SequenceFlow, "i1", "i2", 476, 218, 500, 218).Name = "in"
	f.flow("h", model.SequenceFlow, "a", "b", 110, 115, 110, 225, 300, 225).Name = "Överlämning"
	f.flow("x", model.SequenceFlow, "a", "c", 160, 75, 300, 75)
	f.flow("m", model.MessageFlow, "c", "", 400, 75, 900, 75)
	f.d.Diagrams = []*model.Diagram{f.g}
	f.d.Touch()
	part := &model.Diagram{ID: f.g.ID}
	for _, id := range []string{"L2", "i2", "b"} {
		part.Shapes = append(part.Shapes, f.shape(id))
	}
	for _, id := range []string{"in", "h", "m"} {
		part.Edges = append(part.Edges, f.g.Edge(id))
	}
	for _, opt := range []Options{{}, {Dark: true, MarkHandovers: true}, {Dark: true, RoleColors: map[string]color.NRGBA{"Chef": {0xe3, 0xf2, 0xfd, 0xff}}}} {
		whole, got := Build(f.d, f.g, opt), Build(f.d, part, opt)
		for _, id := range []string{"L2", "i2", "b", "in", "h", "m"} {
			var want, have []Item
			for _, it := range whole.Items {
				if it.Element == id {
					want = append(want, it)
				}
			}
			for _, it := range got.Items {
				if it.Element == id {
					have = append(have, it)
				}
			}
			if !reflect.DeepEqual(want, have) {
				t.Errorf("dark=%v %s: the part's items differ from the whole's:\n got %+v\nwant %+v", opt.Dark, id, have, want)
			}
		}
	}
}

// TestVendorDarkGolden: tiny with a vendor's colours (a white pool and
// task, a yellow start, a red end) in the dark theme, handovers marked:
// drawn as the light theme draws it, the end keeping a dark ring.
func TestVendorDarkGolden(t *testing.T) {
	f := tiny()
	f.shape("P").Style.Fill = "#ffffff"
	f.shape("t").Style.Fill = "#ffffff"
	f.shape("s").Style.Fill = "#ffdf91"
	f.shape("e").Style.Fill = "#be0000"
	golden(t, "tiny-vendor-dark.golden", Build(f.d, f.g, Options{Dark: true, MarkHandovers: true}).Dump())
}

// keepHue darkens or lightens just enough: the result reads at 3:1, the
// step before did not, and the hue stays within a few degrees.
func TestKeepHue(t *testing.T) {
	for _, c := range []struct{ c, bg color.NRGBA }{
		{color.NRGBA{0x1e, 0x88, 0xe5, 0xff}, color.NRGBA{0xbb, 0xde, 0xfb, 0xff}},
		{color.NRGBA{0xff, 0x66, 0, 0xff}, white},
		{color.NRGBA{0x43, 0xa0, 0x47, 0xff}, color.NRGBA{0xc8, 0xe6, 0xc9, 0xff}},
		{color.NRGBA{0x0d, 0x43, 0x72, 0xff}, color.NRGBA{0x1f, 0x3a, 0x5f, 0xff}}, // navy on navy: lighter
		{color.NRGBA{0xe5, 0x39, 0x35, 0xff}, darkPalette.fill},
	} {
		got := keepHue(c.c, c.bg)
		if contrast(got, c.bg) < minLineContrast {
			t.Errorf("%v on %v: %v contrasts %.2f", c.c, c.bg, got, contrast(got, c.bg))
		}
		h0, _, _ := toHSL(c.c)
		h1, _, l1 := toHSL(got)
		h0, h1 = h0*360, h1*360 // toHSL gives turns
		if d := math.Abs(h0 - h1); math.Min(d, 360-d) > 8 && l1 > 0.05 && l1 < 0.95 {
			t.Errorf("%v on %v: %v moved the hue %.0f° → %.0f°", c.c, c.bg, got, h0, h1)
		}
		if got != c.c {
			// One step less would not have read.
			to := blackOrWhite(c.bg)
			var t0 float64
			for t0 = 0; t0 < 1; t0 += 0.05 {
				if m := (color.NRGBA{mixByte(c.c.R, to.R, t0), mixByte(c.c.G, to.G, t0), mixByte(c.c.B, to.B, t0), 0xff}); m == got {
					break
				}
			}
			if t0 > 0 {
				prev := color.NRGBA{mixByte(c.c.R, to.R, t0-0.05), mixByte(c.c.G, to.G, t0-0.05), mixByte(c.c.B, to.B, t0-0.05), 0xff}
				if contrast(prev, c.bg) >= minLineContrast {
					t.Errorf("%v on %v: went to %v though %v read", c.c, c.bg, got, prev)
				}
			}
		}
	}
}
