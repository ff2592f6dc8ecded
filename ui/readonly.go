package ui

import (
	"errors"
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lanemap/edit"
	"lanemap/library"
)

// takeLock locks doc's library file for this instance. When another
// instance holds it, doc becomes read-only (its holder's unsaved work must
// not be overwritten); other failures (a read-only share) only say so.
func (a *App) takeLock(doc *document) {
	lk, err := a.lib.lib.Lock(doc.ldoc.Path, library.CurrentIdentity())
	if err == nil {
		doc.lock, doc.held, doc.lockedBy, doc.takenOver = lk, nil, "", false
		return
	}
	var held *library.ErrLocked
	if errors.As(err, &held) {
		doc.held = held
	}
	doc.lockedBy = libraryMessage(err)
}

// relock moves this instance's lock to doc's new file after Save as: the
// old file's lock goes, the new one is taken, and a copy of a read-only
// process is ours to edit.
func (a *App) relock(doc *document) {
	if doc.lock != nil {
		doc.lock.Unlock()
		doc.lock = nil
	}
	doc.held, doc.lockedBy = nil, ""
	if doc.ldoc != nil && a.lib != nil {
		a.takeLock(doc)
	}
	doc.sess.ReadOnly = doc.readOnly()
	if a.doc == doc {
		a.palette.setEnabled(!doc.readOnly())
		a.showBanner()
	}
}

// retakeLock makes a read-only process editable once its holder has
// closed it (their lock is gone).
func (a *App) retakeLock(doc *document) {
	if _, held := a.lib.lib.LockInfo(doc.ldoc.Path); held {
		return
	}
	who := doc.held.User
	doc.held, doc.lockedBy = nil, ""
	a.takeLock(doc)
	doc.sess.ReadOnly = doc.readOnly()
	a.palette.setEnabled(!doc.readOnly())
	a.showBanner()
	a.updateTitle()
	if !doc.readOnly() {
		a.status.setHint(lang.X("readonly.released", "{{.Who}} closed the process; you can edit it now.", map[string]any{"Who": who}))
	}
}

// readOnlyText is the banner's and the status bar's reason.
func readOnlyText(h *library.ErrLocked) string {
	who := h.User
	if h.Host != "" {
		who += " (" + h.Host + ")"
	}
	return lang.X("readonly.banner", "Read-only: locked by {{.Who}} since {{.Time}}",
		map[string]any{"Who": who, "Time": h.Since.Local().Format("2006-01-02 15:04")})
}

// errReadOnly is the refusal the user sees for an edit or a save.
func (a *App) errReadOnly() error {
	if a.doc == nil || a.doc.held == nil {
		return edit.ErrReadOnly
	}
	return fmt.Errorf("%s. %s", a.doc.heldText(), lang.X("readonly.what", "Save a copy to make changes."))
}

// showBanner shows or hides the read-only banner over the map.
func (a *App) showBanner() {
	if a.doc == nil || !a.doc.readOnly() {
		a.banner.Objects = nil
		a.banner.Hide()
		a.banner.Refresh()
		return
	}
	text := widget.NewLabelWithStyle(a.doc.heldText(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text.Wrapping = fyne.TextWrapWord
	icon := widget.NewIcon(theme.WarningIcon())
	breakBtn := widget.NewButtonWithIcon(lang.X("readonly.break", "Break the lock…"), theme.ContentClearIcon(), a.askBreakLock)
	copyBtn := widget.NewButtonWithIcon(lang.X("readonly.copy", "Save as copy…"), theme.DocumentSaveIcon(), func() { a.saveAs(nil) })
	copyBtn.Importance = widget.HighImportance
	a.bannerButtons = map[string]*widget.Button{"break": breakBtn, "copy": copyBtn}
	r := canvas.NewRectangle(color.NRGBA{R: 0xf5, G: 0xa6, B: 0x23, A: 0x55})
	row := container.NewBorder(nil, nil, icon, container.NewHBox(breakBtn, copyBtn), text)
	a.banner.Objects = []fyne.CanvasObject{container.NewStack(r, container.NewPadded(row))}
	a.banner.Show()
	a.banner.Refresh()
}

// askBreakLock warns that the holder may still be working, then takes the
// lock over and makes the document editable.
func (a *App) askBreakLock() {
	doc := a.doc
	if doc == nil || doc.held == nil || a.lib == nil {
		return
	}
	msg := lang.X("readonly.break.message", "{{.Who}} may still have the process open with unsaved work. If you break the lock and both of you save, one of you must merge. Break it only if you know they are gone (or the computer crashed).",
		map[string]any{"Who": doc.held.User})
	d := dialog.NewConfirm(lang.X("readonly.break.title", "Break the lock?"), msg, func(ok bool) {
		if !ok || a.doc != doc {
			return
		}
		if err := a.lib.lib.BreakLock(doc.ldoc.Path); err != nil {
			a.showError(fmt.Errorf("%s", libraryMessage(err)))
			return
		}
		doc.held, doc.lockedBy = nil, ""
		a.takeLock(doc)
		doc.sess.ReadOnly = doc.readOnly()
		a.palette.setEnabled(!doc.readOnly())
		a.showBanner()
		a.updateTitle()
		if !doc.readOnly() {
			a.status.setHint(lang.X("readonly.broken", "The lock is yours; you can edit and save."))
		}
	}, a.win)
	d.SetConfirmText(lang.X("readonly.break.confirm", "Break the lock"))
	d.SetDismissText(lang.X("unsaved.cancel", "Cancel"))
	a.trackDialog(d, d.Confirm)
}

// guardChange is the session's Guard: it asks before deleting a lane that
// still holds steps.
func (a *App) guardChange(label string) error {
	if label == "Delete" && !a.laneAsked {
		if lanes := a.lanesWithSteps(a.editor.Selection()); len(lanes) > 0 {
			a.askDeleteLanes(a.editor.Selection(), lanes)
			return errAsking
		}
	}
	return nil
}

// errAsking refuses a change for now; a question decides. It wraps
// ErrNoChange, so the canvas shows no error for it.
var errAsking = fmt.Errorf("asking first: %w", edit.ErrNoChange)
