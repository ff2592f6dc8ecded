package edit

import (
	"fmt"
	"testing"

	"lanemap/internal/gen"
	"lanemap/model"
)

// middleTask picks a task in the middle of a generated diagram.
func middleTask(b testing.TB, d *model.Definitions) string {
	for i := len(d.Nodes) / 2; i < len(d.Nodes); i++ {
		if d.Nodes[i].Kind == model.Task {
			return d.Nodes[i].ID
		}
	}
	b.Fatal("no task")
	return ""
}

// BenchmarkMoveNodes times one committed drag of one task (within its lane,
// and across into the next lane, which changes lane membership and so
// drops the model's index) and of a 50-node selection.
func BenchmarkMoveNodes(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		b.Run(fmt.Sprintf("n=%d/one-in-lane", n), func(b *testing.B) {
			s := NewSession(gen.Collaboration(n), nil)
			id := middleTask(b, s.Doc)
			b.ReportAllocs()
			dx := 10.0
			for b.Loop() {
				if err := s.MoveNodes([]string{id}, dx, 0); err != nil {
					b.Fatal(err)
				}
				dx = -dx
			}
		})
		b.Run(fmt.Sprintf("n=%d/one-across-lanes", n), func(b *testing.B) {
			s := NewSession(gen.Collaboration(n), nil)
			id := middleTask(b, s.Doc)
			b.ReportAllocs()
			dy := 140.0 // one generated lane
			if s.Shape(id).Bounds.Y > 500 {
				dy = -dy
			}
			for b.Loop() {
				if err := s.MoveNodes([]string{id}, 0, dy); err != nil {
					b.Fatal(err)
				}
				dy = -dy
			}
		})
		b.Run(fmt.Sprintf("n=%d/fifty", n), func(b *testing.B) {
			s := NewSession(gen.Collaboration(n), nil)
			var ids []string
			for _, nd := range s.Doc.Nodes[n/2:] {
				if len(ids) == 50 {
					break
				}
				ids = append(ids, nd.ID)
			}
			b.ReportAllocs()
			dx := 10.0
			for b.Loop() {
				if err := s.MoveNodes(ids, dx, 0); err != nil {
					b.Fatal(err)
				}
				dx = -dx
			}
		})
	}
}

// BenchmarkUndoRedo times undoing and redoing one cross-lane move.
func BenchmarkUndoRedo(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			s := NewSession(gen.Collaboration(n), nil)
			id := middleTask(b, s.Doc)
			dy := 140.0
			if s.Shape(id).Bounds.Y > 500 {
				dy = -dy
			}
			if err := s.MoveNodes([]string{id}, 0, dy); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				s.Undo()
				s.Redo()
			}
		})
	}
}

// BenchmarkAppendNext times the workshop gesture: append a task after the
// last one and connect it (the diagram grows by one node per iteration).
func BenchmarkAppendNext(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			s := NewSession(gen.Collaboration(n), nil)
			id := middleTask(b, s.Doc)
			b.ReportAllocs()
			for b.Loop() {
				nid, err := s.AppendNext(id, model.Task)
				if err != nil {
					b.Fatal(err)
				}
				id = nid
			}
		})
	}
}
