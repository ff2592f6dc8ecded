package canvas

import (
	"testing"

	"lanemap/model"
)

func TestSnapMove(t *testing.T) {
	task := model.Rect{X: 100, Y: 100, W: 100, H: 80} // centre 150,140
	other := model.Rect{X: 432, Y: 322, W: 36, H: 36} // an event, centre 450,340
	same := model.Rect{X: 400, Y: 300, W: 100, H: 80} // a task of the same size
	tests := []struct {
		name       string
		dx, dy     float64
		others     []model.Rect
		wantDX     float64
		wantDY     float64
		wantGuides int
	}{
		{"grid only", 13, 26, nil, 10, 30, 0},
		{"grid negative", -14, -6, nil, -10, -10, 0},
		{"centre aligns x", 297, 0, []model.Rect{other}, 300, 0, 1},
		{"centre aligns y", 0, 197, []model.Rect{other}, 0, 200, 1},
		{"both axes", 297, 203, []model.Rect{other}, 300, 200, 2},
		{"same size aligns every line", 297, 0, []model.Rect{same}, 300, 0, 3},
		{"too far to align", 280, 0, []model.Rect{other}, 280, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dx, dy, gs := snapMove(task, tt.dx, tt.dy, tt.others, 5)
			if dx != tt.wantDX || dy != tt.wantDY {
				t.Errorf("snapMove = (%v, %v), want (%v, %v)", dx, dy, tt.wantDX, tt.wantDY)
			}
			if len(gs) != tt.wantGuides {
				t.Errorf("got %d guides %+v, want %d", len(gs), gs, tt.wantGuides)
			}
		})
	}
}

func TestResizeRect(t *testing.T) {
	r := model.Rect{X: 100, Y: 100, W: 100, H: 80}
	tests := []struct {
		h    handle
		p    model.Point
		want model.Rect
	}{
		{handleSE, model.Point{X: 252, Y: 207}, model.Rect{X: 100, Y: 100, W: 150, H: 110}},
		{handleNW, model.Point{X: 58, Y: 71}, model.Rect{X: 60, Y: 70, W: 140, H: 110}},
		{handleNE, model.Point{X: 90, Y: 300}, model.Rect{X: 100, Y: 160, W: 20, H: 20}},
		{handleSW, model.Point{X: 300, Y: 40}, model.Rect{X: 180, Y: 100, W: 20, H: 20}},
		{noHandle, model.Point{X: 0, Y: 0}, r},
	}
	for _, tt := range tests {
		if got := resizeRect(r, tt.h, tt.p); got != tt.want {
			t.Errorf("resizeRect(%v, %v) = %v, want %v", tt.h, tt.p, got, tt.want)
		}
	}
}
