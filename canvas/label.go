package canvas

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
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

// labelTheme is the app's theme with the text size of the label under the
// editor at the current zoom, so the text does not jump when editing starts.
type labelTheme struct{ size float32 }

func (t *labelTheme) base() fyne.Theme {
	if a := fyne.CurrentApp(); a != nil {
		return a.Settings().Theme()
	}
	return theme.DefaultTheme()
}

func (t *labelTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.base().Color(n, v)
}

func (t *labelTheme) Font(s fyne.TextStyle) fyne.Resource { return t.base().Font(s) }

func (t *labelTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base().Icon(n) }

func (t *labelTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return t.size
	case theme.SizeNameInnerPadding, theme.SizeNameLineSpacing:
		return min(t.base().Size(n), t.size/3)
	}
	return t.base().Size(n)
}

// clampTextSize keeps the label editor readable at any zoom.
func clampTextSize(s float32) float32 { return max(10, min(s, 48)) }
