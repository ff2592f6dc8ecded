package handbook

import (
	"slices"
	"testing"
)

func TestPlanTable(t *testing.T) {
	const top, bottom, head = 22.0, 277.0, 8.0
	rows := func(n int, h float64) []float64 {
		r := make([]float64, n)
		for i := range r {
			r[i] = h
		}
		return r
	}
	tests := []struct {
		name       string
		y          float64
		rows       []float64
		wantFresh  bool
		wantBreaks []int
	}{
		{"fits here", 100, rows(10, 10), false, nil},
		{"small, moved whole", 200, rows(10, 10), true, nil},
		{"small on a fresh page stays", top, rows(20, 10), false, nil},
		// 24 rows of 10 mm do not fit a page (255 mm): split, not moved.
		{"long, starts here", 150, rows(40, 10), false, []int{11, 35}},
		// Only two rows would fit under the header: start on a new page.
		{"long, two rows here", 240, rows(40, 10), true, []int{24}},
		// Greedy would leave one row on the last page; three go there.
		{"no orphan at the end", top, rows(25, 10), false, []int{22}},
		{"no orphan, two rows left", 150, rows(26, 10), false, []int{11}},
	}
	for _, tc := range tests {
		fresh, breaks := planTable(tc.y, top, bottom, head, tc.rows)
		if fresh != tc.wantFresh || !slices.Equal(breaks, tc.wantBreaks) {
			t.Errorf("%s: fresh %v breaks %v, want %v %v", tc.name, fresh, breaks, tc.wantFresh, tc.wantBreaks)
		}
		// Whatever the plan: every part fits its page and no part but a
		// table's only one has fewer than minRowsTogether rows.
		y := tc.y
		if fresh {
			y = top
		}
		parts := append(append([]int{0}, breaks...), len(tc.rows))
		for k := 0; k+1 < len(parts); k++ {
			n := parts[k+1] - parts[k]
			if len(parts) > 2 && n < minRowsTogether {
				t.Errorf("%s: part %d has %d rows", tc.name, k, n)
			}
			used := head
			for _, r := range tc.rows[parts[k]:parts[k+1]] {
				used += r
			}
			if y+used > bottom {
				t.Errorf("%s: part %d overflows (%.0f + %.0f > %.0f)", tc.name, k, y, used, bottom)
			}
			y = top
		}
	}
}
