package canvas

import (
	"flag"
	"image"
	imgdraw "image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"lanemap/draw"
	"lanemap/draw/raster"
	"lanemap/edit"
	"lanemap/internal/gen"
	"lanemap/model"
)

var shots = flag.String("shots", "", "write the painted pictures as PNG files into this folder, to look at")

func (h *harness) paint() *image.RGBA {
	h.t.Helper()
	sz := h.e.size
	img, ok := h.e.r.generate(int(sz.Width), int(sz.Height)).(*image.RGBA)
	if !ok {
		h.t.Fatal("the raster did not return an RGBA")
	}
	return img
}

func (h *harness) shot(name string, img image.Image) {
	if *shots == "" {
		return
	}
	f, err := os.Create(filepath.Join(*shots, name+".png"))
	if err != nil {
		h.t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		h.t.Fatal(err)
	}
}

// inked counts the pixels of r that are not the paper colour.
func inked(img *image.RGBA, r image.Rectangle, dark bool) int {
	bg := background(dark)
	r = r.Intersect(img.Rect)
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			i := img.PixOffset(x, y)
			if img.Pix[i] != bg.R || img.Pix[i+1] != bg.G || img.Pix[i+2] != bg.B {
				n++
			}
		}
	}
	return n
}

func TestPictureShowsTheMap(t *testing.T) {
	h := newHarness(t)
	img := h.paint()
	h.shot("fixture", img)
	p := h.centre("T1")
	around := image.Rect(int(p.X)-60, int(p.Y)-50, int(p.X)+60, int(p.Y)+50)
	if n := inked(img, around, false); n < 200 {
		t.Errorf("only %d inked pixels around T1", n)
	}
	outside := h.at(500, 410) // below the pool
	if n := inked(img, image.Rect(int(outside.X)-20, int(outside.Y)-5, int(outside.X)+20, int(outside.Y)+5), false); n != 0 {
		t.Errorf("%d inked pixels outside the pool", n)
	}
	// Unchanged scene and view: the cached image comes back unpainted.
	paints := h.e.r.paints
	h.e.Refresh()
	h.paint()
	if h.e.r.paints != paints {
		t.Error("a refresh with nothing changed repainted the picture")
	}
}

// TestIncrementalRepaintMatchesFull checks the dirty-region repaint after
// a command against a fresh full paint of the same scene and view.
func TestIncrementalRepaintMatchesFull(t *testing.T) {
	h := newHarness(t)
	h.paint()
	paints := h.e.r.paints
	if err := h.s.MoveNodes([]string{"T2"}, 120, -20); err != nil {
		t.Fatal(err)
	}
	if err := h.s.Rename("End", "Klart och arkiverat"); err != nil {
		t.Fatal(err)
	}
	got := h.paint()
	if h.e.r.paints != paints {
		t.Error("a move repainted the whole picture")
	}
	h.shot("after-move", got)
	h.e.dirty.all()
	fresh := *got
	fresh.Pix = append([]uint8(nil), got.Pix...)
	want := h.paint()
	if *shots != "" {
		d := image.NewRGBA(want.Rect)
		for i := 0; i+3 < len(want.Pix); i += 4 {
			if fresh.Pix[i] != want.Pix[i] || fresh.Pix[i+1] != want.Pix[i+1] || fresh.Pix[i+2] != want.Pix[i+2] {
				d.Pix[i], d.Pix[i+3] = 255, 255
			} else {
				d.Pix[i+3] = 255
			}
		}
		h.shot("diff", d)
	}
	// raster fills big axis-aligned rectangles directly but clipped pieces
	// of them through the rasteriser, which may round one level apart; a
	// missed dirty region would differ by far more.
	if n, worst := countDiff(&fresh, want); worst > 2 {
		t.Errorf("incremental repaint differs from a full one in %d pixels, by up to %d levels", n, worst)
	}
}

func countDiff(a, b *image.RGBA) (n, worst int) {
	for i := 0; i+3 < len(a.Pix) && i+3 < len(b.Pix); i += 4 {
		d := 0
		for c := range 3 {
			d = max(d, absInt(int(a.Pix[i+c])-int(b.Pix[i+c])))
		}
		if d > 0 {
			n++
			worst = max(worst, d)
		}
	}
	return n, worst
}

func absInt(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

func TestDarkPicture(t *testing.T) {
	h := newHarness(t)
	h.e.SetDark(true)
	img := h.paint()
	h.shot("dark", img)
	p := h.at(500, 410)
	if n := inked(img, image.Rect(int(p.X)-20, int(p.Y)-5, int(p.X)+20, int(p.Y)+5), true); n != 0 {
		t.Errorf("%d pixels outside the pool differ from the dark paper", n)
	}
}

func TestOverlayObjects(t *testing.T) {
	h := newHarness(t)
	base := len(h.e.overlayObjects())
	h.e.SetSelection([]string{"T1"})
	// One outline, four corner handles and the connect handle.
	if got := len(h.e.overlayObjects()) - base; got != 6 {
		t.Errorf("one selected task adds %d objects, want 6", got)
	}
	h.e.SetSelection([]string{"Start"}) // events do not resize
	if got := len(h.e.overlayObjects()) - base; got != 2 {
		t.Errorf("one selected event adds %d objects, want 2", got)
	}
	// A huge selection is drawn as one box.
	var many []string
	for i := range maxOutlines + 50 {
		id := model.NewID(model.Task)
		h.s.Doc.Nodes = append(h.s.Doc.Nodes, &model.Node{ID: id, Kind: model.Task})
		h.s.Diagram.Shapes = append(h.s.Diagram.Shapes, &model.Shape{ID: id + "_di", Element: id,
			Bounds: model.Rect{X: float64(40 + i%9*100), Y: float64(i / 9 * 10), W: 10, H: 10}})
		many = append(many, id)
	}
	h.s.Doc.Touch()
	h.e.rebuild()
	h.e.SetSelection(many)
	if got := len(h.e.overlayObjects()) - base; got != 1 {
		t.Errorf("a selection of %d adds %d objects, want 1", len(many), got)
	}
}

func countPart(e *Editor, p draw.Part) int {
	n := 0
	for _, it := range e.scene.Items {
		if it.Part == p {
			n++
		}
	}
	return n
}

func TestOptionsAndRebuild(t *testing.T) {
	h := newHarness(t)
	// F2 goes from lane A to lane B: a handover.
	if countPart(h.e, draw.PartHandover) == 0 {
		t.Fatal("no handover marking by default")
	}
	ver := h.e.ver
	h.e.SetHandovers(false)
	if n := countPart(h.e, draw.PartHandover); n != 0 {
		t.Errorf("%d handover items with the marking off", n)
	}
	if h.e.ver == ver || !h.e.dirty.full {
		t.Error("turning the marking off did not repaint")
	}
	// A change behind the session's back shows after Rebuild.
	h.s.Doc.Node("T1").Name = "Ändrat utanför"
	h.e.Rebuild()
	found := false
	for _, it := range h.e.scene.Items {
		if it.Element == "T1" && it.Text != nil {
			for _, l := range it.Text.Lines {
				found = found || l == "Ändrat utanför"
			}
		}
	}
	if !found {
		t.Error("Rebuild did not pick up the new name")
	}
}

// TestCullingPaintsTheSame compares the editor's culled painting with the
// painter given the whole scene, at views where much is off-screen.
func TestCullingPaintsTheSame(t *testing.T) {
	tests := []struct {
		name   string
		doc    func() *model.Definitions
		zoom   float64
		ox, oy float64
	}{
		{"fixture edge", fixture, 1.3, 250, 150},
		{"generated middle", func() *model.Definitions { return gen.Collaboration(90) }, 1, 1800, 300},
		{"generated headers", func() *model.Definitions { return gen.Collaboration(90) }, 2, -10, 500},
		{"generated small", func() *model.Definitions { return gen.Collaboration(90) }, 0.2, 2000, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t)
			e := NewEditor(edit.NewSession(tt.doc(), nil))
			w := test.NewWindow(e)
			defer w.Close()
			w.SetPadded(false)
			w.Resize(fyne.NewSize(500, 400))
			e.v = view{zoom: tt.zoom, ox: tt.ox, oy: tt.oy}
			e.needFit = false
			got := e.r.generate(500, 400).(*image.RGBA)
			want := image.NewRGBA(got.Rect)
			imgdraw.Draw(want, want.Rect, image.NewUniform(background(false)), image.Point{}, imgdraw.Src)
			raster.Paint(want, e.scene, e.r.transform(500))
			if len(e.r.culled.Items) >= len(e.scene.Items) {
				t.Errorf("culling kept all %d items", len(e.scene.Items))
			}
			if n, worst := countDiff(got, want); n != 0 {
				t.Errorf("culled paint differs in %d pixels by up to %d", n, worst)
			}
		})
	}
}
