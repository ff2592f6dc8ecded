package draw

import (
	"flag"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"lanemap/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./draw -run %s -update to create it)", err, t.Name())
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(run with -update if the change is intended)", path, i+1, g, w)
			}
		}
	}
}

// tiny is start → task → end in one lane pair, small enough to read.
func tiny() *fixture {
	f := newFixture()
	f.d.Processes = []*model.Process{{ID: "proc", Lanes: []*model.Lane{
		{ID: "L1", Name: "Handläggare", NodeRefs: []string{"s", "t"}},
		{ID: "L2", Name: "Chef", Role: "Enhetschef", NodeRefs: []string{"e"}},
	}}}
	f.d.Collaborations = []*model.Collaboration{{ID: "c", Participants: []*model.Participant{{ID: "P", Name: "Kommunen", ProcessRef: "proc"}}}}
	f.g.Shapes = append(f.g.Shapes,
		&model.Shape{ID: "P_di", Element: "P", Bounds: model.Rect{X: 0, Y: 0, W: 400, H: 200}},
		&model.Shape{ID: "L1_di", Element: "L1", Bounds: model.Rect{X: 30, Y: 0, W: 370, H: 100}},
		&model.Shape{ID: "L2_di", Element: "L2", Bounds: model.Rect{X: 30, Y: 100, W: 370, H: 100}})
	f.node("s", model.StartEvent, "Start", 60, 32, 36, 36)
	f.node("t", model.UserTask, "Utred", 140, 10, 100, 80)
	f.node("e", model.EndEvent, "", 300, 132, 36, 36)
	f.flow("f1", model.SequenceFlow, "s", "t", 96, 50, 140, 50)
	f.flow("f2", model.SequenceFlow, "t", "e", 240, 50, 318, 50, 318, 132).Name = "Klar"
	return f
}

func TestGoldenScenes(t *testing.T) {
	for _, tc := range []struct {
		name string
		fix  func() *fixture
		opt  Options
	}{
		{"tiny.golden", tiny, Options{}},
		{"tiny-handovers.golden", tiny, Options{MarkHandovers: true, RoleColors: roleColors}},
		{"symbols.golden", symbols, Options{MarkHandovers: true, RoleColors: roleColors}},
		{"tiny-dark.golden", tiny, Options{Dark: true, MarkHandovers: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.fix()
			golden(t, tc.name, Build(f.d, f.g, tc.opt).Dump())
		})
	}
}

// TestEveryDIElementDrawn checks that each shape has a body at its DI
// bounds and each edge a line through its waypoints.
func TestEveryDIElementDrawn(t *testing.T) {
	f := symbols()
	checkDrawn(t, f.d, f.g, Build(f.d, f.g, Options{MarkHandovers: true}))
}

func checkDrawn(t *testing.T, d *model.Definitions, g *model.Diagram, sc *Scene) {
	t.Helper()
	bodies := map[string][]model.Rect{}
	lines := map[string][]*Path{}
	for _, it := range sc.Items {
		switch it.Part {
		case PartBody:
			bodies[it.Element] = append(bodies[it.Element], it.Bounds)
		case PartEdge:
			lines[it.Element] = append(lines[it.Element], it.Path)
		}
	}
	for _, s := range g.Shapes {
		if !slices.Contains(bodies[s.Element], s.Bounds) {
			t.Errorf("shape %s (%s): no body at %v", s.ID, s.Element, s.Bounds)
		}
		if !sc.Bounds.ContainsRect(s.Bounds) {
			t.Errorf("shape %s outside scene bounds %v", s.ID, sc.Bounds)
		}
	}
	for _, e := range g.Edges {
		if len(e.Waypoints) < 2 {
			continue
		}
		ok := false
		for _, p := range lines[e.Element] {
			ok = ok || followsWaypoints(p, e.Waypoints)
		}
		if !ok {
			t.Errorf("edge %s (%s): no line through its waypoints %v", e.ID, e.Element, e.Waypoints)
		}
	}
}

// followsWaypoints: the path visits every waypoint in order; the last one
// may be cut back along its segment (to leave room for the arrowhead).
func followsWaypoints(p *Path, wps []model.Point) bool {
	if len(p.Segs) != len(wps) {
		return false
	}
	for i, s := range p.Segs {
		want := wps[i]
		if (i == 0) != (s.Op == MoveTo) {
			return false
		}
		got := s.Pts[0]
		if i < len(wps)-1 {
			if got != want {
				return false
			}
			continue
		}
		// The cut is along the last segment that has a length.
		prev := wps[i-1]
		for k := i - 1; k > 0 && prev == want; k-- {
			prev = wps[k-1]
		}
		if segDist(got, prev, want) > 1e-6 || norm(sub(want, got)) > 15 {
			return false
		}
	}
	return true
}

func TestHandoversListed(t *testing.T) {
	f := tiny()
	for _, mark := range []bool{false, true} {
		sc := Build(f.d, f.g, Options{MarkHandovers: mark})
		if len(sc.Handovers) != 1 {
			t.Fatalf("mark=%v: handovers = %+v, want f2 only", mark, sc.Handovers)
		}
		h := sc.Handovers[0]
		want := Handover{Flow: "f2", Name: "Klar", From: "t", To: "e", FromLane: "L1", ToLane: "L2", FromRole: "Handläggare", ToRole: "Enhetschef"}
		if h != want {
			t.Errorf("handover = %+v, want %+v", h, want)
		}
		glows := 0
		for _, it := range sc.Items {
			if it.Part == PartHandover {
				glows++
				if it.Element != "f2" {
					t.Errorf("glow under %s", it.Element)
				}
			}
		}
		if mark != (glows == 1) {
			t.Errorf("mark=%v: %d glow items", mark, glows)
		}
	}
}

func TestRoleColorsFillLanes(t *testing.T) {
	f := tiny()
	c := roleColors["Utförare"]
	sc := Build(f.d, f.g, Options{RoleColors: map[string]color.NRGBA{"Enhetschef": c}})
	for _, it := range sc.Items {
		if it.Element == "L2" && it.Part == PartBody {
			if it.Style.Fill != c {
				t.Errorf("lane L2 fill = %v, want role colour %v", it.Style.Fill, c)
			}
			return
		}
	}
	t.Fatal("lane L2 has no body")
}

func TestNoFiniteProblems(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	f := tiny()
	f.g.Shapes = append(f.g.Shapes,
		&model.Shape{ID: "x1", Element: "missing", Bounds: model.Rect{X: nan, Y: 1, W: inf, H: -5}},
		&model.Shape{ID: "x2", Element: "t", Bounds: model.Rect{}},
		nil,
		&model.Shape{ID: "x3", Element: "P", Bounds: model.Rect{X: 1e300, Y: -1e300, W: 1e300, H: 1e300}},
		&model.Shape{ID: "x4", Element: "f1", Bounds: model.Rect{W: 10, H: 10}, Label: &model.Rect{X: nan}})
	f.g.Edges = append(f.g.Edges,
		&model.Edge{ID: "e0", Element: "f1"},
		&model.Edge{ID: "e1", Element: "f2", Waypoints: []model.Point{{X: 1, Y: 1}}},
		&model.Edge{ID: "e2", Element: "nothing", Waypoints: []model.Point{{X: nan, Y: inf}, {X: 5, Y: 5}}},
		&model.Edge{ID: "e3", Element: "f2", Waypoints: []model.Point{{X: 5, Y: 5}, {X: 5, Y: 5}, {X: 5, Y: 5}}},
		&model.Edge{ID: "e4", Element: "s", Waypoints: []model.Point{{X: 0, Y: 0}, {X: 9, Y: 9}}},
		nil)
	f.d.Nodes = append(f.d.Nodes, &model.Node{ID: "loop", Kind: model.SubProcess, Container: "loop"})
	f.g.Shapes = append(f.g.Shapes, &model.Shape{ID: "x5", Element: "loop", Bounds: model.Rect{W: 1, H: 1}})
	f.d.Touch()
	for _, opt := range []Options{{}, {MarkHandovers: true, Dark: true}} {
		sc := Build(f.d, f.g, opt)
		if !finiteRect(sc.Bounds) {
			t.Errorf("bounds not finite: %v", sc.Bounds)
		}
		_ = sc.Dump()
		_ = sc.HitTest(model.Point{X: 5, Y: 5}, 3)
	}
	if sc := Build(nil, nil, Options{}); len(sc.Items) != 0 {
		t.Errorf("nil input drew %d items", len(sc.Items))
	}
	// Without a diagram nothing is drawn, but the handovers are still known.
	if sc := Build(f.d, nil, Options{}); len(sc.Items) != 0 || len(sc.Handovers) != 1 {
		t.Errorf("nil diagram drew %d items, %d handovers", len(sc.Items), len(sc.Handovers))
	}
}

func TestDataStateShownOnce(t *testing.T) {
	for _, tc := range []struct{ name, state, want string }{
		{"Ansökan", "inkommen", "Ansökan|[inkommen]"},
		{"ID document [scanned]", "scanned", "ID document|[scanned]"},
		{"", "utkast", "[utkast]"},
		{"Journal", "", "Journal"},
	} {
		f := newFixture()
		f.node("d", model.DataObjectReference, tc.name, 0, 0, 36, 50).DataState = tc.state
		sc := Build(f.d, f.g, Options{})
		var got []string
		for _, it := range sc.Items {
			if it.Text != nil {
				got = append(got, it.Text.Lines...)
			}
		}
		if g := strings.Join(got, "|"); g != tc.want {
			t.Errorf("name %q state %q: label %q, want %q", tc.name, tc.state, g, tc.want)
		}
	}
}
