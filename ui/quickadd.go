package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// TypedShortcut lets Ctrl+L (the shortcut that brought the keyboard here)
// hand it back to the map, like Escape; the field stays focused after
// Enter so a workshop can type step after step. Other shortcuts (copy,
// paste, undo) are the Entry's.
func (q *quickEntry) TypedShortcut(s fyne.Shortcut) {
	if c, ok := s.(*desktop.CustomShortcut); ok && c.KeyName == fyne.KeyL && c.Modifier == fyne.KeyModifierShortcutDefault {
		q.SetText("")
		if q.onEscape != nil {
			q.onEscape()
		}
		return
	}
	q.Entry.TypedShortcut(s)
}
