package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// openDialog is a shown dialog the keyboard can answer: Escape closes it,
// Enter runs its default action (closes it when there is none).
type openDialog struct {
	overlay fyne.CanvasObject
	d       dialog.Dialog
	enter   func()
}

// trackDialog shows d and lets Escape and Enter answer it. A dialog's
// overlay has a focus manager of its own with nothing focused, so its keys
// reach the window canvas's OnTypedKey (see addShortcuts).
func (a *App) trackDialog(d dialog.Dialog, enter func()) {
	d.Show()
	a.dialogs = append(a.dialogs, openDialog{overlay: a.win.Canvas().Overlays().Top(), d: d, enter: enter})
}

// topDialog is the tracked dialog on top of the window, if any.
func (a *App) topDialog() *openDialog {
	top := a.win.Canvas().Overlays().Top()
	live := a.dialogs[:0]
	for _, o := range a.dialogs {
		if o.overlay != nil && o.overlay.Visible() && contains(a.win.Canvas().Overlays().List(), o.overlay) {
			live = append(live, o)
		}
	}
	a.dialogs = live
	for i := len(a.dialogs) - 1; i >= 0; i-- {
		if a.dialogs[i].overlay == top {
			return &a.dialogs[i]
		}
	}
	return nil
}

func contains(list []fyne.CanvasObject, o fyne.CanvasObject) bool {
	for _, x := range list {
		if x == o {
			return true
		}
	}
	return false
}

// dialogKey answers the top dialog's Escape or Enter; it reports whether
// the key was used.
func (a *App) dialogKey(k fyne.KeyName) bool {
	o := a.topDialog()
	if o == nil {
		return false
	}
	switch k {
	case fyne.KeyEscape:
		o.d.Hide()
	case fyne.KeyReturn, fyne.KeyEnter:
		if o.enter != nil {
			o.enter()
		} else {
			o.d.Hide()
		}
	default:
		return false
	}
	return true
}

// modal reports a modal dialog over the window: shortcuts must not act
// behind it.
func (a *App) modal() bool {
	top := a.win.Canvas().Overlays().Top()
	if top == nil || !top.Visible() {
		return false
	}
	_, ok := top.(*widget.PopUp)
	return ok
}

// guarded wraps a shortcut's or menu item's action so that it does
// nothing while a modal dialog is open.
func (a *App) guarded(fn func()) func() {
	return func() {
		if !a.modal() {
			fn()
		}
	}
}

// guardMenus makes every item of the main menu respect open dialogs.
func (a *App) guardMenus(m *fyne.MainMenu) {
	var walk func(items []*fyne.MenuItem)
	walk = func(items []*fyne.MenuItem) {
		for _, it := range items {
			if it.Action != nil {
				it.Action = a.guarded(it.Action)
			}
			if it.ChildMenu != nil {
				walk(it.ChildMenu.Items)
			}
		}
	}
	for _, menu := range m.Items {
		walk(menu.Items)
	}
}
