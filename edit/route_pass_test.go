package edit

import (
	"fmt"
	"testing"

	"lanemap/model"
)

// TestRouteKeepsOffPassingFlows: a flow keeps off the flows that pass by,
// not only those at its ends' neighbours: two loops back under one row of
// tasks, the outer from the last task to the first, the inner between two
// tasks in the middle, must not share the row under the tasks.
func TestRouteKeepsOffPassingFlows(t *testing.T) {
	for _, horiz := range []bool{true, false} {
		t.Run(fmt.Sprintf("horiz=%v", horiz), func(t *testing.T) {
			f := buildFixture(t, horiz)
			s := f.s
			ids := []string{f.task}
			for range 8 {
				ids = append(ids, mustID(t)(s.AppendNext(ids[len(ids)-1], model.Task)))
			}
			outer := mustID(t)(s.Connect(ids[8], ids[1]))
			inner := mustID(t)(s.Connect(ids[5], ids[4]))
			p, q := s.Edge(outer).Waypoints, s.Edge(inner).Waypoints
			if n := collinear(p, q); n > overlapMax {
				t.Errorf("loops %v and %v run along each other for %g", p, q, n)
			}
			checkApart(t, s)
			checkConsistent(t, f)
		})
	}
}
