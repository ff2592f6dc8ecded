package canvas

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"lanemap/bpmn"
	"lanemap/edit"
	"lanemap/internal/corpus"
	"lanemap/model"
)

// paintedAt reports whether an item of element id covers p.
func paintedAt(e *Editor, id string, p model.Point) bool {
	for i := range e.scene.Items {
		if it := &e.scene.Items[i]; it.Element == id && itemExtent(it).Contains(p) {
			return true
		}
	}
	return false
}

// TestCorpusPickAndKeys opens every model of the shared corpus and the
// examples in the editor, paints it, clicks the centre of every node and
// walks the flow with the keys. A click must pick an element whose box
// holds the point (nodes) or a flow passing by; nothing may panic.
func TestCorpusPickAndKeys(t *testing.T) {
	files := corpus.Files(t)
	ex, _ := filepath.Glob(filepath.Join("..", "examples", "*.bpmn"))
	files = append(files, ex...)
	test.NewTempApp(t)
	picked := 0
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		d, _, _, err := bpmn.Decode(f)
		f.Close()
		if err != nil {
			continue // malformed XML is the reader's business, tested there
		}
		s := edit.NewSession(d, nil)
		e := NewEditor(s)
		w := test.NewWindow(e)
		w.SetPadded(false)
		w.Resize(fyne.NewSize(800, 600))
		e.r.generate(800, 600)
		for i, n := range d.Nodes {
			sh := e.shapes[n.ID]
			if sh == nil || i > 60 {
				continue
			}
			p := e.v.toScreen(sh.Bounds.Center())
			if p.X < 0 || p.Y < 0 || p.X > 800 || p.Y > 600 {
				continue
			}
			id := e.pick(p)
			if id == "" {
				t.Errorf("%s: clicking the centre of %s picked nothing", filepath.Base(path), n.ID)
				continue
			}
			picked++
			// The pick must be drawn there: its shape or its label (a
			// label counts as its element, and broken files stack shapes
			// and labels at one point).
			if d.Node(id) != nil && !paintedAt(e, id, e.v.toModel(p)) {
				t.Errorf("%s: clicking the centre of %s picked %s, which is not drawn there", filepath.Base(path), n.ID, id)
			}
		}
		e.SetSelection(nil)
		for range 5 {
			e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
			e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		}
		e.StartLabelEdit()
		e.label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		e.ZoomIn()
		e.r.generate(800, 600)
		w.Close()
	}
	if picked < 100 {
		t.Errorf("only %d clicks checked", picked)
	}
}
