package canvas

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// labelEntry is the in-place label editor: a multi-line Entry whose Enter
// commits (Shift+Enter breaks the line), Escape cancels and Tab commits and
// asks for the next step, so a workshop can name one task after another
// without touching the mouse. Losing focus (a click elsewhere) commits.
type labelEntry struct {
	widget.Entry
	shift bool

	onCommit func()
	onCancel func()
	onTab    func()
}

func newLabelEntry() *labelEntry {
	l := &labelEntry{}
	l.MultiLine = true
	l.Wrapping = fyne.TextWrapWord
	l.ExtendBaseWidget(l)
	return l
}

// KeyDown tracks Shift, which the driver does not pass with Enter.
func (l *labelEntry) KeyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		l.shift = true
	}
	l.Entry.KeyDown(k)
}

// KeyUp tracks Shift.
func (l *labelEntry) KeyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		l.shift = false
	}
	l.Entry.KeyUp(k)
}

// TypedKey turns Enter, Escape and Tab into commit, cancel and next.
func (l *labelEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if !l.shift {
			l.fire(l.onCommit)
			return
		}
	case fyne.KeyEscape:
		l.fire(l.onCancel)
		return
	case fyne.KeyTab:
		l.fire(l.onTab)
		return
	}
	l.Entry.TypedKey(k)
}

// TypedShortcut lets Ctrl+Enter commit too; the rest is the Entry's.
func (l *labelEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && (cs.KeyName == fyne.KeyReturn || cs.KeyName == fyne.KeyEnter) {
		l.fire(l.onCommit)
		return
	}
	l.Entry.TypedShortcut(s)
}

// FocusLost commits: clicking elsewhere keeps what was typed.
func (l *labelEntry) FocusLost() {
	l.shift = false
	l.Entry.FocusLost()
	l.fire(l.onCommit)
}

func (l *labelEntry) fire(f func()) {
	if f != nil {
		f()
	}
}
