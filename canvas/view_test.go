package canvas

import (
	"encoding/json"
	"image/color"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"fyne.io/fyne/v2"
	fcanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lanemap/assets"
	"lanemap/bpmn"
	"lanemap/draw"
	"lanemap/edit"
	"lanemap/internal/gen"
	"lanemap/model"
)

// projector is the QA's screen less the app's side panels: the editor's
// share of a 1400 × 900 window.
var projector = fyne.NewSize(1000, 700)

// onScreen reports whether model rectangle r lies inside the widget.
func onScreen(e *Editor, r model.Rect) bool {
	p, s := e.v.rectToScreen(r)
	return p.X >= 0 && p.Y >= 0 && p.X+s.Width <= e.size.Width && p.Y+s.Height <= e.size.Height
}

// openIn shows d in a fresh editor of the given size.
func openIn(t *testing.T, d *model.Definitions, size fyne.Size) *Editor {
	t.Helper()
	test.NewTempApp(t)
	e := NewEditor(edit.NewSession(d, nil))
	w := test.NewWindow(e)
	w.SetPadded(false)
	w.Resize(size)
	t.Cleanup(w.Close)
	return e
}

func readExample(t *testing.T, name string) *model.Definitions {
	t.Helper()
	d, _, _, err := bpmn.ReadFile(filepath.Join("..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestFirstViewIsReadable opens maps of every size: a map that fits at a
// readable zoom is shown whole and centred; a bigger one opens at its
// start at readableZoom, never as a strip of 5-unit text. Ctrl+Shift+0
// still gives the whole map.
func TestFirstViewIsReadable(t *testing.T) {
	tests := []struct {
		name  string
		doc   func(t *testing.T) *model.Definitions
		whole bool // the whole map fits readably
	}{
		{"fixture", func(*testing.T) *model.Definitions { return fixture() }, true},
		{"ekonomiskt-bistand", func(t *testing.T) *model.Definitions { return readExample(t, "ekonomiskt-bistand.bpmn") }, false},
		{"orosanmalan-barn", func(t *testing.T) *model.Definitions { return readExample(t, "orosanmalan-barn.bpmn") }, false},
		{"generated-5000", func(*testing.T) *model.Definitions { return gen.Collaboration(5000) }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := openIn(t, tt.doc(t), projector)
			b := e.scene.Bounds
			if px := draw.NodeFontSize * e.Zoom(); px < 9 {
				t.Errorf("zoom %.2f: labels %.1f units high", e.Zoom(), px)
			}
			if got := onScreen(e, b); got != tt.whole {
				t.Errorf("whole map on screen = %v, want %v (zoom %.2f)", got, tt.whole, e.Zoom())
			}
			if !tt.whole {
				if e.Zoom() != readableZoom {
					t.Errorf("zoom %v, want %v", e.Zoom(), readableZoom)
				}
				// The start: the diagram's left edge, and the start event.
				if x := e.v.toScreen(model.Point{X: b.X, Y: b.Y}).X; x < 0 || x > fitPad+1 {
					t.Errorf("the diagram's left edge is at x = %v", x)
				}
				if id := e.startEvent(); id == "" || !onScreen(e, e.shapes[id].Bounds) {
					t.Errorf("start event %q not on screen", id)
				}
			}
			e.ZoomFitAll()
			if !onScreen(e, b) && e.Zoom() > minZoom { // 5,000 steps do not fit even at 2 %
				t.Errorf("ZoomFitAll (zoom %.3f) does not show the whole map", e.Zoom())
			}
			e.holdView()
			e.shortcut(fyne.Key0, fyne.KeyModifierControl)
			if e.v != e.fitted(e.size) || e.fitAll {
				t.Error("Ctrl+0 is not the readable fit")
			}
			e.shortcut(fyne.Key0, fyne.KeyModifierControl|fyne.KeyModifierShift)
			if !e.fitAll || e.Zoom() > readableZoom && !tt.whole {
				t.Error("Ctrl+Shift+0 is not the whole map")
			}
		})
	}
}

func (e *Editor) shortcut(key fyne.KeyName, mod fyne.KeyModifier) {
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod})
}

// TestSetSessionResetsView: the zoom of the last map does not carry over
// to the next one, nor to a new one.
func TestSetSessionResetsView(t *testing.T) {
	h := newHarness(t)
	h.e.SetZoom(3)
	h.e.v = h.e.v.pan(-400, -300)
	h.e.SetSelection([]string{"End"})
	for _, s := range []*edit.Session{edit.NewSession(fixture(), nil), edit.NewSession(gen.Collaboration(300), nil)} {
		h.e.SetSession(s)
		if want := h.e.fitted(h.e.size); h.e.v != want || !h.e.needFit {
			t.Errorf("after SetSession the view is %+v, want %+v", h.e.v, want)
		}
		h.e.SetZoom(3)
	}
}

// TestLabelHintClears: the label editor's key hint leaves the status bar
// however the editor closes.
func TestLabelHintClears(t *testing.T) {
	hint := "Enter saves, Shift+Enter breaks the line, Tab saves and adds the next task, Esc cancels."
	tests := []struct {
		name string
		end  func(h *harness)
		want string // the last status
	}{
		{"enter", func(h *harness) { h.e.label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }, ""},
		{"escape", func(h *harness) { h.e.label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) }, ""},
		{"click-away", func(h *harness) { test.TapAt(h.e, h.centre("End")) }, // the click's own hint follows
			"Tab adds the next step; type to rename; arrows walk the flow."},
		{"tab", func(h *harness) { h.e.label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab}) },
			"Type the name of the new step; Tab adds another."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			var last string
			h.e.OnStatus = func(s string) { last = s }
			h.e.SetSelection([]string{"T1"})
			h.key(fyne.KeyF2)
			typeFocused(h.w.Canvas(), "Nytt")
			if last != hint {
				t.Fatalf("while editing the status is %q", last)
			}
			tt.end(h)
			if h.e.editing != "" {
				t.Fatal("still editing")
			}
			if last != tt.want {
				t.Errorf("status after closing is %q, want %q", last, tt.want)
			}
		})
	}
}

// TestAppendAtTheEdgeScrolls: a step added at the right edge is scrolled
// into view with its label and connect handle, and the scroll bars reach
// past the labels.
func TestAppendAtTheEdgeScrolls(t *testing.T) {
	for _, k := range []model.Kind{model.Task, model.EndEvent, model.ExclusiveGateway} {
		t.Run(string(k), func(t *testing.T) {
			h := newHarness(t)
			h.e.SetSelection([]string{"T2"})
			// T2 (400–500) at the right edge of the view.
			h.e.v.ox = 500 + 30 - float64(h.e.size.Width)
			h.e.Refresh()
			h.e.AppendNext(k)
			id := h.e.single()
			if id == "" || id == "T2" {
				t.Fatalf("nothing appended: %v", h.e.Selection())
			}
			r, _ := h.e.revealBox(id, h.e.v.zoom)
			if !onScreen(h.e, r) {
				t.Errorf("the new %s with its label and handle (%v) is not on screen", k, r)
			}
			if !onScreen(h.e, r.Inset(-revealMargin/h.e.v.zoom+1)) {
				t.Errorf("no margin around the new %s", k)
			}
			for _, ha := range h.e.handles(id) {
				if ha.at.X+handleSize/2 > h.e.size.Width || ha.at.X < 0 {
					t.Errorf("handle at %v is cut off", ha.at)
				}
			}
		})
	}
	// The scroll bars cover the labels: a label beyond the shapes alone
	// still makes a bar.
	h := newHarness(t)
	h.e.SetSelection([]string{"End"})
	h.e.StartLabelEdit()
	typeFocused(h.w.Canvas(), "En mycket lång text under sluthändelsen som sticker ut långt")
	h.e.label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	lb, ok := h.e.labelItemBox("End")
	if !ok {
		t.Fatal("End has no label box")
	}
	h.e.v.oy = lb.Y + 2 - float64(h.e.size.Height) // the label's bottom just out of sight
	h.e.v.ox = -20
	if !h.e.scene.Bounds.ContainsRect(lb) {
		t.Fatalf("scene bounds %v miss the label %v", h.e.scene.Bounds, lb)
	}
	vertical := false
	for _, sb := range h.e.scrollBarGeometry() {
		vertical = vertical || sb.vertical
	}
	if !vertical {
		t.Error("no vertical scroll bar though a label is out of sight")
	}
}

// TestPasteNeverOnTop: Ctrl+V goes to the pointer only over the map on a
// free spot; otherwise it cascades from where the copies came from.
func TestPasteNeverOnTop(t *testing.T) {
	type want int
	const (
		atPointer want = iota
		cascade
	)
	tests := []struct {
		name    string
		pointer *model.Point // nil: not over the canvas
		want    want
		step    float64 // the cascade step expected
	}{
		{"pointer-free", &model.Point{X: 800, Y: 100}, atPointer, 0},
		{"pointer-on-a-task", &model.Point{X: 250, Y: 100}, cascade, 1},
		{"pointer-on-the-original", &model.Point{X: 450, Y: 300}, cascade, 1},
		{"pointer-elsewhere", nil, cascade, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			orig := h.bounds("T2")
			h.e.SetSelection([]string{"T2"})
			h.e.Copy()
			if tt.pointer != nil {
				h.e.MouseIn(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: h.at(tt.pointer.X, tt.pointer.Y)}})
			}
			h.e.Paste()
			got := h.bounds(h.e.single())
			switch tt.want {
			case atPointer:
				if got.Center() != *tt.pointer {
					t.Errorf("pasted at %v, want under the pointer at %v", got.Center(), *tt.pointer)
				}
			case cascade:
				d := tt.step * pasteStep
				if got.X != orig.X+d || got.Y != orig.Y+d {
					t.Errorf("pasted at %v, want %v moved by %v", got, orig, d)
				}
			}
			// Paste again (the pointer moves away): never on an existing
			// element, each copy one step further.
			h.e.MouseOut()
			seen := map[model.Point]string{}
			for _, n := range h.s.Doc.Nodes {
				if s := h.s.Diagram.Shape(n.ID); s != nil {
					seen[model.Point{X: s.Bounds.X, Y: s.Bounds.Y}] = n.ID
				}
			}
			for range 3 {
				h.e.Paste()
				id := h.e.single()
				r := h.bounds(id)
				p := model.Point{X: r.X, Y: r.Y}
				if other, ok := seen[p]; ok {
					t.Fatalf("%s pasted exactly on %s at %v", id, other, p)
				}
				seen[p] = id
				if !onScreen(h.e, r) {
					t.Errorf("pasted %s at %v out of sight", id, r)
				}
			}
		})
	}
}

// TestFocusCanvas: after the app's own field had the keys, FocusCanvas
// gives them back, so Tab appends again.
func TestFocusCanvas(t *testing.T) {
	test.NewTempApp(t)
	s := edit.NewSession(fixture(), nil)
	e := NewEditor(s)
	quick := widget.NewEntry()
	w := test.NewWindow(container.NewBorder(quick, nil, nil, nil, e))
	w.Resize(fyne.NewSize(1000, 500))
	t.Cleanup(w.Close)
	c := w.Canvas()
	e.SetSelection([]string{"T2"})
	for _, end := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEscape} {
		c.Focus(quick)
		test.Type(quick, "Roll: Steg")
		quick.TypedKey(&fyne.KeyEvent{Name: end})
		if end == fyne.KeyEscape {
			c.Unfocus() // the app's Escape leaves the field
		}
		if f := c.Focused(); f == e {
			t.Fatal("the editor had the focus already: the test proves nothing")
		}
		e.FocusCanvas()
		if c.Focused() != e {
			t.Fatalf("after %s and FocusCanvas the focus is on %T", end, c.Focused())
		}
		n := len(s.Doc.Nodes)
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
		if len(s.Doc.Nodes) != n+1 {
			t.Errorf("after %s Tab did not reach the map", end)
		}
	}
}

// TestSetSelectionReveals: a selection made by the app (search, handover
// list, quick add) scrolls the element into view, also when it comes
// before the first layout.
func TestSetSelectionReveals(t *testing.T) {
	h := newHarness(t)
	h.e.v = h.e.v.pan(900, 0) // End far off to the right
	if onScreen(h.e, h.bounds("End")) {
		t.Fatal("End is on screen already")
	}
	h.e.SetSelection([]string{"End"})
	r, _ := h.e.revealBox("End", h.e.v.zoom)
	if !onScreen(h.e, r) {
		t.Errorf("End with its label (%v) not on screen after SetSelection", r)
	}
	// Before the first layout: revealed once the widget has a size.
	test.NewTempApp(t)
	e := NewEditor(edit.NewSession(gen.Collaboration(2000), nil))
	e.SetSelection([]string{"Node_1900"})
	w := test.NewWindow(e)
	w.SetPadded(false)
	w.Resize(projector)
	t.Cleanup(w.Close)
	if !onScreen(e, e.shapes["Node_1900"].Bounds) {
		t.Error("a selection made before the first layout is not on screen")
	}
	if e.Zoom() != readableZoom || e.needFit {
		t.Errorf("zoom %v, following resizes %v: want the readable zoom, held", e.Zoom(), e.needFit)
	}
}

// TestMapStaysStillInTheWindow: once the user works in the map, the side
// panels changing width (the app's right panel follows the selection)
// and the window being resized leave the map where it is on the screen.
func TestMapStaysStillInTheWindow(t *testing.T) {
	test.NewTempApp(t)
	e := NewEditor(edit.NewSession(fixture(), nil))
	left, right := fcanvas.NewRectangle(color.Black), fcanvas.NewRectangle(color.Black)
	left.SetMinSize(fyne.NewSize(200, 10))
	right.SetMinSize(fyne.NewSize(250, 10))
	w := test.NewWindow(container.NewBorder(nil, nil, left, right, e))
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1400, 700))
	t.Cleanup(w.Close)
	d := fyne.CurrentApp().Driver()
	screen := func(p model.Point) fyne.Position { return d.AbsolutePositionForObject(e).Add(e.v.toScreen(p)) }
	test.TapAt(e, e.v.toScreen(e.shapes["T1"].Bounds.Center()))
	if e.needFit {
		t.Fatal("a click left the view following resizes")
	}
	steps := []struct {
		name string
		do   func()
	}{
		{"right panel grows", func() { right.SetMinSize(fyne.NewSize(275, 10)); w.Content().Refresh() }},
		{"right panel shrinks", func() { right.SetMinSize(fyne.NewSize(220, 10)); w.Content().Refresh() }},
		{"left panel grows", func() { left.SetMinSize(fyne.NewSize(260, 10)); w.Content().Refresh() }},
		{"window smaller", func() { w.Resize(fyne.NewSize(1200, 600)) }},
		{"hidden, laid out and shown", func() { // out of the visible tree for a while
			e.Hide()
			v := e.v
			e.Resize(e.Size().SubtractWidthHeight(10, 0))
			if e.v != v {
				t.Errorf("laid out while hidden, the view moved from %+v to %+v", v, e.v)
			}
			e.Show()
			w.Content().Refresh()
		}},
	}
	for _, st := range steps {
		p := model.Point{X: 250, Y: 100} // T1's centre
		before, width := screen(p), e.Size().Width
		st.do()
		if e.Size().Width == width && st.name[0] != 'w' && st.name[0] != 'h' {
			t.Fatalf("%s: the editor kept its width %v; the test proves nothing", st.name, width)
		}
		if after := screen(p); abs32(after.X-before.X) > 0.01 || abs32(after.Y-before.Y) > 0.01 {
			t.Errorf("%s: T1 moved on screen from %v to %v", st.name, before, after)
		}
	}
}

// TestSwedishKeyMap: every line of the key map has its keys translated,
// and the Swedish keys use Swedish key names.
func TestSwedishKeyMap(t *testing.T) {
	data, err := fs.ReadFile(assets.Translations, "translations/canvas/sv.json")
	if err != nil {
		t.Fatal(err)
	}
	sv := map[string]string{}
	if err := json.Unmarshal(data, &sv); err != nil {
		t.Fatal(err)
	}
	english := regexp.MustCompile(`\b(Shift|Space|Tab|Enter|Return|arrows?|Backspace|Click|click|Drag|drag|Wheel|wheel|middle|Typing|Double)\b`)
	ids := regexp.MustCompile(`\bk\("([a-z]+)", "`)
	src, err := os.ReadFile("keys.go")
	if err != nil {
		t.Fatal(err)
	}
	found := ids.FindAllSubmatch(src, -1)
	if len(found) != len(KeyMap()) {
		t.Fatalf("found %d key map ids in keys.go, KeyMap has %d lines", len(found), len(KeyMap()))
	}
	for _, m := range found {
		keys, ok := sv["canvas.keys."+string(m[1])]
		if !ok || keys == "" {
			t.Errorf("sv.json lacks the keys of %q", m[1])
			continue
		}
		if w := english.FindString(keys); w != "" {
			t.Errorf("Swedish keys %q of %q say %q", keys, m[1], w)
		}
	}
	for _, want := range []string{"Skift+piltangenter", "Mellanslag", "Tabb", "Retur"} {
		found := false
		for id, v := range sv {
			if regexp.MustCompile(`^canvas\.keys\.`).MatchString(id) && regexp.MustCompile(regexp.QuoteMeta(want)).MatchString(v) {
				found = true
			}
		}
		if !found {
			t.Errorf("no Swedish key map line says %q", want)
		}
	}
}
