package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// propsWidth is the properties panel's fixed width.
const propsWidth = 320

// fixedWidth lays out its objects filling a column of a fixed width, so
// that what they show never changes the space left for the map.
type fixedWidth struct{ w float32 }

// Layout is part of fyne.Layout.
func (f fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// MinSize is part of fyne.Layout.
func (f fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.w, h)
}

// quickEntry is the quick-add field: Escape hands the keyboard back to the
// map (as Enter does after adding), so Tab and typing reach it again.
type quickEntry struct {
	widget.Entry
	onEscape func()
}

func newQuickEntry(onEscape func()) *quickEntry {
	q := &quickEntry{onEscape: onEscape}
	q.ExtendBaseWidget(q)
	return q
}

// TypedKey handles Escape; every other key is the Entry's.
func (q *quickEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		q.SetText("")
		if q.onEscape != nil {
			q.onEscape()
		}
		return
	}
	q.Entry.TypedKey(ev)
}

// dedupe drops a paragraph that repeats an earlier one word for word (the
// library's message and ours may give the same advice).
func dedupe(s string) string {
	paras := strings.Split(s, "\n\n")
	var out []string
	seen := map[string]bool{}
	for _, p := range paras {
		k := strings.TrimSpace(p)
		if k != "" && seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, p)
	}
	return strings.Join(out, "\n\n")
}

// zoomWatch stacks its objects like container.NewStack and then calls
// onLayout: the map fits itself to its first size (and follows resizes
// until the user works in it) during its layout, without telling anyone.
type zoomWatch struct{ onLayout func() }

// Layout is part of fyne.Layout.
func (z *zoomWatch) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	layout.NewStackLayout().Layout(objs, size)
	if z.onLayout != nil {
		z.onLayout()
	}
}

// MinSize is part of fyne.Layout.
func (z *zoomWatch) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return layout.NewStackLayout().MinSize(objs)
}
