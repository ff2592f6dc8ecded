package edit

import (
	"fmt"
	"slices"
	"testing"

	"lanemap/model"
)

// handRoute gives Flow_2 (Task_1 → End_1) of the fixture bends of the
// user's own: down at x 480 instead of the middle column, and returns them.
func handRoute(t *testing.T, f *fixture) []model.Point {
	t.Helper()
	pts := []model.Point{f.pt(400, 175), f.pt(480, 175), f.pt(480, 325), f.pt(500, 325)}
	if err := f.s.SetWaypoints(f.f2, pts); err != nil {
		t.Fatal(err)
	}
	return pts
}

// TestMoveKeepsBends: a flow whose ends move together keeps its bends,
// moved with them; a flow with one end moved keeps its inner bends and
// only its end segment follows; a bend the moved shape now covers gives a
// fresh route. Undo restores the exact waypoints every time.
func TestMoveKeepsBends(t *testing.T) {
	cases := []struct {
		name   string
		ids    func(f *fixture) []string
		dx, dy float64
		want   func(f *fixture) []model.Point // nil: a fresh route
	}{
		{"block of both ends", func(f *fixture) []string { return []string{f.task, f.end} }, 60, -10,
			func(f *fixture) []model.Point {
				return []model.Point{f.pt(460, 165), f.pt(540, 165), f.pt(540, 315), f.pt(560, 315)}
			}},
		{"block, then the lane below pushed", func(f *fixture) []string { return []string{f.task, f.end} }, 60, 30,
			func(f *fixture) []model.Point { // the task grows its lane: the end moves 15 more, alone
				return []model.Point{f.pt(460, 205), f.pt(540, 205), f.pt(540, 370), f.pt(560, 370)}
			}},
		{"target down and on", func(f *fixture) []string { return []string{f.end} }, 40, 20,
			func(f *fixture) []model.Point {
				return []model.Point{f.pt(400, 175), f.pt(480, 175), f.pt(480, 345), f.pt(540, 345)}
			}},
		{"target back past the bend", func(f *fixture) []string { return []string{f.end} }, -150, 0,
			func(f *fixture) []model.Point { // enters from the other side now
				return []model.Point{f.pt(400, 175), f.pt(480, 175), f.pt(480, 325), f.pt(386, 325)}
			}},
		{"source within its row", func(f *fixture) []string { return []string{f.task} }, -20, 10,
			func(f *fixture) []model.Point { // the first segment keeps its line on the task's side
				return []model.Point{f.pt(380, 175), f.pt(480, 175), f.pt(480, 325), f.pt(500, 325)}
			}},
		{"source out of the row", func(f *fixture) []string { return []string{f.task} }, 0, -50,
			func(f *fixture) []model.Point { // the first bend follows the task's middle
				return []model.Point{f.pt(400, 125), f.pt(480, 125), f.pt(480, 325), f.pt(500, 325)}
			}},
		{"target onto the bend", func(f *fixture) []string { return []string{f.end} }, -50, 0, nil},
	}
	for _, c := range cases {
		for _, horiz := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/horiz=%v", c.name, horiz), func(t *testing.T) {
				f := buildFixture(t, horiz)
				hand := handRoute(t, f)
				checkUndoRedo(t, f, func() error { return f.move(c.ids(f), c.dx, c.dy) })
				got := f.s.Edge(f.f2).Waypoints
				checkRoute(t, f.s, f.f2)
				if c.want != nil {
					if want := c.want(f); !slices.Equal(got, want) {
						t.Errorf("route %v, want %v", got, want)
					}
				} else if slices.Contains(got, f.pt(480, 175)) || slices.Contains(got, f.pt(480, 325)) {
					t.Errorf("kept a bend the end now covers: %v", got)
				}
				f.s.Undo()
				if got := f.s.Edge(f.f2).Waypoints; !slices.Equal(got, hand) {
					t.Errorf("undo: %v, want the hand-made %v", got, hand)
				}
			})
		}
	}
}

// TestMoveKeepsBendsOfSelection: moving a selection of a fork's source and
// its branches keeps every route as it was, shifted; the flow into the
// selection from outside keeps its own bends.
func TestMoveKeepsBendsOfSelection(t *testing.T) {
	f := newFixture(t)
	s := f.s
	a := mustID(t)(s.AppendNext(f.task, model.Task))
	b := mustID(t)(s.AppendNext(f.task, model.Task))
	before := map[string][]model.Point{}
	for _, fl := range s.Doc.Flows {
		before[fl.ID] = slices.Clone(s.Edge(fl.ID).Waypoints)
	}
	checkUndoRedo(t, f, func() error { return s.MoveNodes([]string{f.task, a, b, f.end}, 40, -10) })
	for _, fl := range s.Doc.Flows {
		got := s.Edge(fl.ID).Waypoints
		if fl.ID == f.f1 { // from the start event, which stayed: still straight
			if want := []model.Point{{X: 236, Y: 175}, {X: 340, Y: 175}}; !slices.Equal(got, want) {
				t.Errorf("%s: %v, want %v", fl.ID, got, want)
			}
			continue
		}
		want := make([]model.Point, len(before[fl.ID]))
		for i, p := range before[fl.ID] {
			want[i] = model.Point{X: p.X + 40, Y: p.Y - 10}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v (moved along)", fl.ID, got, want)
		}
	}
	checkApart(t, s)
}
