package edit

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"lanemap/internal/gen"
	"lanemap/model"
)

// randomOps applies n random user actions with random (often invalid)
// arguments. Every action either fails leaving the model as it was, or
// succeeds as exactly one step; afterwards undoing everything must give the
// first dump back and redoing everything the last one.
func randomOps(t *testing.T, f *fixture, seed uint64, n int) { randomOpsMin(t, f, seed, n, n/4) }

// randomOpsMin is randomOps requiring at least minChanged effective actions.
func randomOpsMin(t *testing.T, f *fixture, seed uint64, n, minChanged int) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	s := f.s
	s.Stack.Limit = 0
	pickNode := func() string {
		if len(f.d.Nodes) == 0 || r.IntN(20) == 0 {
			return "nope"
		}
		return f.d.Nodes[r.IntN(len(f.d.Nodes))].ID
	}
	pickLane := func() string {
		ls := f.d.AllLanes()
		if len(ls) == 0 || r.IntN(20) == 0 {
			return f.pool
		}
		return ls[r.IntN(len(ls))].ID
	}
	pickFlow := func() string {
		if len(f.d.Flows) == 0 {
			return "nope"
		}
		return f.d.Flows[r.IntN(len(f.d.Flows))].ID
	}
	kinds := []model.Kind{model.Task, model.UserTask, model.ExclusiveGateway, model.EndEvent,
		model.IntermediateCatchEvent, model.SubProcess, model.DataObjectReference, model.TextAnnotation, model.StartEvent}
	kind := func() model.Kind { return kinds[r.IntN(len(kinds))] }
	pt := func() model.Point {
		pb := s.Shape(f.pool)
		if pb == nil {
			return model.Point{X: r.Float64() * 1000, Y: r.Float64() * 600}
		}
		b := pb.Bounds
		return model.Point{X: b.X + 40 + r.Float64()*(b.W-60), Y: b.Y + 10 + r.Float64()*(b.H-20)}
	}
	delta := func() float64 { return float64(r.IntN(200) - 100) }
	first := dump(f.d)
	steps := 0
	done := map[int]int{}
	states := []string{first} // dump at each stack cursor position
	for i := range n {
		before := dump(f.d)
		var err error
		op := r.IntN(30)
		switch op {
		case 0:
			_, err = s.AddNode(kind(), pickLane(), pt())
		case 1:
			_, err = s.AppendNext(pickNode(), kind())
		case 2:
			_, err = s.AppendInLane(pickNode(), pickLane(), kind())
		case 3:
			_, err = s.QuickAdd(pickNode(), []string{"Chef: Besluta", "Ny roll: Göra", "Fråga?", "Gör något"}[r.IntN(4)])
		case 4, 5:
			err = s.MoveNodes([]string{pickNode(), pickNode()}, delta(), delta())
		case 6:
			id := pickNode()
			if sh := s.Shape(id); sh != nil {
				b := sh.Bounds
				err = s.ResizeNode(id, model.Rect{X: b.X, Y: b.Y, W: b.W + delta()/4, H: b.H + delta()/4})
			} else {
				err = s.ResizeNode(id, model.Rect{W: 1, H: 1})
			}
		case 7:
			_, err = s.Connect(pickNode(), pickNode())
		case 8:
			err = s.Reconnect(pickFlow(), pickNode(), "")
		case 9:
			err = s.Delete([]string{pickNode()})
		case 10:
			err = s.Delete([]string{pickFlow()})
		case 11:
			err = s.Rename(pickNode(), fmt.Sprint("namn ", i))
		case 12:
			err = s.SetKind(pickNode(), kind())
		case 13:
			_, err = s.AddLane(pickLane(), Where(r.IntN(3)))
		case 14:
			if r.IntN(3) == 0 {
				err = s.DeleteLane(pickLane(), LaneDeleteMode(r.IntN(2)))
			}
		case 15:
			err = s.ResizeLane(pickLane(), Edge(r.IntN(4)), delta()/2)
		case 16:
			err = s.MoveLane(pickLane(), r.IntN(3)-1)
		case 17:
			err = s.FitLane(pickLane())
		case 18:
			err = s.Align([]string{pickNode(), pickNode(), pickNode()}, AlignMode(r.IntN(6)))
		case 19:
			err = s.Distribute([]string{pickNode(), pickNode(), pickNode()}, Axis(r.IntN(2)))
		case 20:
			_, err = s.Paste(s.Copy([]string{pickNode(), pickNode()}), pt())
		case 21:
			_, err = s.Duplicate([]string{pickNode()})
		case 22:
			err = s.ResizeLaneSpace(pickLane(), Edge(r.IntN(4)), delta()/2)
		case 24:
			_, err = s.SplitLane(pickLane(), 2+r.IntN(3))
		case 25:
			err = s.SetEventDefinitions(pickNode(), [][]string{nil, {model.MessageDef}, {model.TimerDef}, {model.TerminateDef}}[r.IntN(4)])
		case 26:
			err = s.SetDefault(pickNode(), pickFlow())
		case 27:
			if r.IntN(4) == 0 {
				_, err = s.AddPool("Ny", model.Point{X: r.Float64() * 800, Y: r.Float64() * 900})
			}
		case 28:
			err = s.Reconnect(pickFlow(), "", pickNode())
		case 29:
			err = s.ResizeNode(pickLane(), model.Rect{X: 100, Y: 100, W: 400 + delta(), H: 300 + delta()})
		case 23:
			if r.IntN(4) == 0 && s.Undo() {
				states = states[:s.Stack.cursor+1]
				continue
			}
		}
		if err != nil {
			if got := dump(f.d); got != before {
				t.Fatalf("seed %d step %d op %d failed (%v) but changed the model: %s", seed, i, op, err, diff(before, got))
			}
			continue
		}
		if after := dump(f.d); after != before {
			steps++
			done[op]++
			if paranoid {
				s.Undo()
				if got := dump(f.d); got != before {
					t.Fatalf("seed %d step %d op %d: undo: %s", seed, i, op, diff(before, got))
				}
				s.Redo()
				if got := dump(f.d); got != after {
					t.Fatalf("seed %d step %d op %d: redo: %s", seed, i, op, diff(after, got))
				}
			}
		}
		checkConsistent(t, f)
		states = append(states[:s.Stack.cursor], dump(f.d))
	}
	// The sequence must really exercise the commands, not just fail.
	if steps < minChanged {
		t.Fatalf("seed %d: only %d of %d actions changed anything (per op: %v)", seed, steps, n, done)
	}
	if testing.Verbose() {
		t.Logf("seed %d: %d changes; per op %v", seed, steps, done)
	}
	// The last random undo may leave a redo branch: redo only up to here.
	last, at := dump(f.d), s.Stack.cursor
	for s.Undo() {
	}
	if got := dump(f.d); got != first {
		t.Fatalf("seed %d: undo all: %s", seed, diff(first, got))
	}
	checkConsistent(t, f)
	for k := 1; k <= at; k++ {
		if !s.Redo() {
			t.Fatalf("seed %d: redo %d of %d failed", seed, k, at)
		}
		if got := dump(f.d); got != states[k] {
			t.Fatalf("seed %d: redo to step %d (%s): %s", seed, k, s.Stack.UndoLabel(), diff(states[k], got))
		}
	}
	if got := dump(f.d); got != last {
		t.Fatalf("seed %d: redo all: %s", seed, diff(last, got))
	}
	checkConsistent(t, f)
}

// paranoid checks undo and redo right after every step (slow; for hunting).
var paranoid = false

func TestRandomOps(t *testing.T) {
	for seed := range uint64(12) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			randomOps(t, buildFixture(t, seed%2 == 0), seed, 150)
		})
	}
	t.Run("generated", func(t *testing.T) {
		d := gen.Collaboration(60)
		f := &fixture{d: d, s: NewSession(d, nil), pool: "Participant_gen", proc: "Process_gen", horiz: true}
		randomOps(t, f, 99, 200)
	})
}

// FuzzOps drives the random sequence from fuzzed seeds.
func FuzzOps(f *testing.F) {
	for _, s := range []uint64{1, 2, 3, 42} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		// Some sequences delete the pool early; then little else applies.
		randomOpsMin(t, buildFixture(t, seed%2 == 0), seed, 60, 3)
	})
}
