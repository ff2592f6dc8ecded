package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	lcanvas "lanemap/canvas"
	"lanemap/edit"
)

// key is Ctrl+k (Cmd+k on macOS).
func key(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// shiftKey is Ctrl+Shift+k (Cmd+Shift+k on macOS).
func shiftKey(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

func item(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
	m := fyne.NewMenuItem(label, action)
	m.Shortcut = sc
	return m
}

// buildMenus makes the main menu. The driver runs a menu item's shortcut
// before the focused widget sees it, so the edit items hand clipboard and
// undo shortcuts to a focused text field instead of the map.
func (a *App) buildMenus() {
	a.menuRecent = fyne.NewMenuItem(lang.X("menu.recent", "Recent"), nil)
	a.menuSave = item(lang.X("menu.save", "Save"), key(fyne.KeyS), func() { a.save(nil) })
	a.refreshRecent()
	file := fyne.NewMenu(lang.X("menu.file", "File"),
		item(lang.X("menu.new", "New process"), key(fyne.KeyN), a.newProcess),
		item(lang.X("menu.openFile", "Open file…"), key(fyne.KeyO), a.openFileDialog),
		item(lang.X("menu.openLibrary", "Open library…"), shiftKey(fyne.KeyO), a.openLibraryDialog),
		a.menuRecent,
		fyne.NewMenuItemSeparator(),
		a.menuSave,
		item(lang.X("menu.saveAs", "Save as…"), shiftKey(fyne.KeyS), func() { a.saveAs(nil) }),
		fyne.NewMenuItemSeparator(),
		item(lang.X("menu.publish", "Publish…"), key(fyne.KeyP), a.showPublishDialog),
		item(expText("menu.exportMap", "Export the map…"), key(fyne.KeyE), a.showExportDialog),
		fyne.NewMenuItemSeparator(),
		item(lang.X("menu.close", "Close process"), key(fyne.KeyW), a.closeProcess),
		fyne.NewMenuItemSeparator(),
		a.quitItem(),
	)
	edit := fyne.NewMenu(lang.X("menu.edit", "Edit"),
		item(lang.X("menu.undo", "Undo"), &fyne.ShortcutUndo{}, a.undo),
		item(lang.X("menu.redo", "Redo"), shiftKey(fyne.KeyZ), a.redo),
		fyne.NewMenuItemSeparator(),
		item(lang.X("menu.cut", "Cut"), &fyne.ShortcutCut{}, func() { a.clipboard(&fyne.ShortcutCut{Clipboard: a.clip()}, func() { a.editor.Cut() }) }),
		item(lang.X("menu.copy", "Copy"), &fyne.ShortcutCopy{}, func() { a.clipboard(&fyne.ShortcutCopy{Clipboard: a.clip()}, func() { a.editor.Copy() }) }),
		item(lang.X("menu.paste", "Paste"), &fyne.ShortcutPaste{}, func() { a.clipboard(&fyne.ShortcutPaste{Clipboard: a.clip()}, func() { a.editor.Paste() }) }),
		item(lang.X("menu.duplicate", "Duplicate"), key(fyne.KeyD), func() { a.onMap(func() { a.editor.Duplicate() }) }),
		item(lang.X("menu.delete", "Delete"), nil, func() { a.onMap(func() { a.editor.DeleteSelection() }) }),
		item(lang.X("menu.selectAll", "Select all"), &fyne.ShortcutSelectAll{}, func() { a.clipboard(&fyne.ShortcutSelectAll{}, func() { a.editor.SelectAll() }) }),
		fyne.NewMenuItemSeparator(),
		item(lang.X("menu.rename", "Rename"), nil, func() { a.onMap(func() { a.editor.StartLabelEdit() }) }),
		item(lang.X("menu.quickAdd", "Quick add…"), key(fyne.KeyL), a.focusQuickAdd),
	)
	a.menuHandovers = item(lang.X("menu.handovers", "Show handovers"), key(fyne.KeyH), func() { a.setHandovers(!a.showHandovers) })
	a.menuHandovers.Checked = a.showHandovers
	themeItem := func(mode, label string) *fyne.MenuItem {
		m := fyne.NewMenuItem(label, nil)
		m.Action = func() { a.setTheme(mode) }
		return m
	}
	a.themeItems = map[string]*fyne.MenuItem{
		themeSystem: themeItem(themeSystem, lang.X("menu.theme.system", "Follow the system")),
		themeLight:  themeItem(themeLight, lang.X("menu.theme.light", "Light")),
		themeDark:   themeItem(themeDark, lang.X("menu.theme.dark", "Dark")),
	}
	themeMenu := fyne.NewMenuItem(lang.X("menu.theme", "Theme"), nil)
	themeMenu.ChildMenu = fyne.NewMenu("", a.themeItems[themeSystem], a.themeItems[themeLight], a.themeItems[themeDark])
	view := fyne.NewMenu(lang.X("menu.view", "View"),
		item(lang.X("menu.zoomIn", "Zoom in"), key(fyne.KeyEqual), func() { a.editor.ZoomIn(); a.status.setZoom(a.editor.Zoom()) }),
		item(lang.X("menu.zoomOut", "Zoom out"), key(fyne.KeyMinus), func() { a.editor.ZoomOut(); a.status.setZoom(a.editor.Zoom()) }),
		item(lang.X("menu.zoomFit", "Fit the map"), key(fyne.Key0), func() { a.editor.ZoomFit(); a.status.setZoom(a.editor.Zoom()) }),
		item(lang.X("menu.zoomAll", "Whole map"), shiftKey(fyne.Key0), func() { a.editor.ZoomFitAll(); a.status.setZoom(a.editor.Zoom()) }),
		item(lang.X("menu.zoom100", "Actual size (100 %)"), key(fyne.Key1), func() { a.editor.SetZoom(1); a.status.setZoom(1) }),
		fyne.NewMenuItemSeparator(),
		a.menuHandovers,
		themeMenu,
	)
	help := fyne.NewMenu(lang.X("menu.help", "Help"),
		// Fyne routes only modified keys to menus, so the shortcut is
		// Ctrl+K; plain F1 works when no field has the focus (addShortcuts).
		item(lang.X("menu.keys", "Keyboard shortcuts"), key(fyne.KeyK), a.showKeys),
		fyne.NewMenuItem(lang.X("menu.about", "About Lanemap"), a.showAbout),
	)
	arrange, lane, insert := a.buildArrangeMenus()
	mm := fyne.NewMainMenu(file, edit, view, insert, arrange, lane, help)
	a.guardMenus(mm)
	a.win.SetMainMenu(mm)
	a.refreshThemeMenu()
}

// quitItem replaces the Quit that Fyne would add (which quits at once):
// ours asks about unsaved work first, like closing the window.
func (a *App) quitItem() *fyne.MenuItem {
	q := item(lang.L("Quit"), key(fyne.KeyQ), a.requestClose)
	q.IsQuit = true
	return q
}

func (a *App) clip() fyne.Clipboard { return a.fyneApp.Clipboard() }

func (a *App) refreshThemeMenu() {
	if a.win == nil {
		return
	}
	for mode, m := range a.themeItems {
		m.Checked = mode == a.themeMode
	}
	if mm := a.win.MainMenu(); mm != nil {
		mm.Refresh()
	}
}

// addShortcuts registers the keys that work wherever the focus is and
// that no menu item carries.
func (a *App) addShortcuts() {
	c := a.win.Canvas()
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyY, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { a.guarded(a.redo)() })
	c.AddShortcut(shiftKey(fyne.KeyEqual), func(fyne.Shortcut) { a.guarded(a.editor.ZoomIn)() })
	c.AddShortcut(key(fyne.KeyPlus), func(fyne.Shortcut) { a.guarded(a.editor.ZoomIn)() })
	c.SetOnTypedKey(a.typedKey)
}

// typedKey gets the keys nothing focused took: an open dialog's Escape
// and Enter, and F1 for help.
func (a *App) typedKey(ev *fyne.KeyEvent) {
	if a.dialogKey(ev.Name) {
		return
	}
	if ev.Name == fyne.KeyF1 && !a.modal() {
		a.showKeys()
	}
}

// textFocused returns the focused text field, if the focus is not on the map.
func (a *App) textFocused() fyne.Shortcutable {
	f := a.win.Canvas().Focused()
	if f == nil || f == fyne.Focusable(a.editor) {
		return nil
	}
	if s, ok := f.(fyne.Shortcutable); ok {
		return s
	}
	return nil
}

// clipboard sends sc to a focused text field, else runs the map's action.
func (a *App) clipboard(sc fyne.Shortcut, onMap func()) {
	if t := a.textFocused(); t != nil {
		t.TypedShortcut(sc)
		return
	}
	a.onMap(onMap)
}

// onMap runs a map action when a process is open.
func (a *App) onMap(f func()) {
	if a.doc != nil {
		f()
	}
}

func (a *App) undo() {
	// An empty quick-add field has nothing of its own to undo: Ctrl+Z right
	// after adding a step takes the step back.
	if t := a.textFocused(); t != nil && !(t == fyne.Shortcutable(a.quick) && a.quick.Text == "") {
		t.TypedShortcut(&fyne.ShortcutUndo{})
		return
	}
	if a.doc != nil {
		a.doc.sess.Undo()
		a.updateTitle()
	}
}

func (a *App) redo() {
	if t := a.textFocused(); t != nil && !(t == fyne.Shortcutable(a.quick) && a.quick.Text == "") {
		t.TypedShortcut(&fyne.ShortcutRedo{})
		return
	}
	if a.doc != nil {
		a.doc.sess.Redo()
		a.updateTitle()
	}
}

// addLane adds a lane above or below the selected lane (or the lane of the
// selected step).
func (a *App) addLane(above bool) {
	if a.doc == nil {
		return
	}
	ref := ""
	if sel := a.editor.Selection(); len(sel) == 1 {
		ref = sel[0]
		if l := a.doc.defs.LaneOf(ref); l != nil {
			ref = l.ID
		}
	}
	if ref == "" || a.doc.defs.Lane(ref) == nil {
		a.status.setHint(lang.X("hint.selectLane", "Select a lane (or a step in it) first."))
		return
	}
	where := edit.Below
	if above {
		where = edit.Above
	}
	id, err := a.doc.sess.AddLane(ref, where)
	if err != nil {
		a.showError(err)
		return
	}
	a.editor.SetSelection([]string{id})
	a.editor.StartLabelEdit()
}

func (a *App) focusQuickAdd() {
	if a.doc != nil {
		a.win.Canvas().Focus(a.quick)
	}
}

// refreshRecent rebuilds File › Recent.
func (a *App) refreshRecent() {
	if a.menuRecent == nil {
		return
	}
	var items []*fyne.MenuItem
	for _, p := range recentFiles(a.fyneApp.Preferences()) {
		p := p
		items = append(items, fyne.NewMenuItem(filepath.Base(p)+"  —  "+filepath.Dir(p), func() {
			a.confirmUnsaved(func() {
				if err := a.Open(p); err != nil {
					a.showError(err)
				}
			})
		}))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem(lang.X("menu.recent.none", "No recent files"), nil)
		none.Disabled = true
		items = append(items, none)
	}
	a.menuRecent.ChildMenu = fyne.NewMenu("", items...)
	if mm := a.win.MainMenu(); mm != nil {
		mm.Refresh()
	}
}

func (a *App) openFileDialog() {
	a.confirmUnsaved(func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil {
				a.showError(err)
				return
			}
			if r == nil {
				return
			}
			path := r.URI().Path()
			r.Close()
			if err := a.Open(path); err != nil {
				a.showError(err)
			}
		}, a.win)
		d.SetFilter(bpmnFilter{})
		if a.lib != nil {
			if l, err := listerFor(a.lib.dir); err == nil {
				d.SetLocation(l)
			}
		}
		d.Show()
	})
}

func (a *App) openLibraryDialog() {
	a.confirmUnsaved(func() {
		d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err != nil {
				a.showError(err)
				return
			}
			if l == nil {
				return
			}
			if err := a.Open(l.Path()); err != nil {
				a.showError(err)
			}
		}, a.win)
		d.Show()
	})
}

// bpmnFilter shows .bpmn and .xml files in the open dialog.
type bpmnFilter struct{}

var (
	_ storage.FileFilter = bpmnFilter{}
	_ fyne.Layout        = (*keyLayout)(nil)
)

// Matches is part of storage.FileFilter.
func (bpmnFilter) Matches(u fyne.URI) bool {
	switch u.Extension() {
	case ".bpmn", ".BPMN", ".xml", ".XML":
		return true
	}
	return false
}

// showKeys lists the editor's keys (from the canvas) and the app's own.
func (a *App) showKeys() {
	rows := []lcanvas.KeyHelp{
		{Keys: "Ctrl+L", Action: lang.X("keys.quickAdd", "Quick add: type “Role: Task” and Enter")},
		{Keys: "Ctrl+S, Ctrl+Shift+S", Action: lang.X("keys.save", "Save; save as")},
		{Keys: "Ctrl+N, Ctrl+O, Ctrl+Shift+O", Action: lang.X("keys.open", "New process; open a file; open a library folder")},
		{Keys: "Ctrl+H", Action: lang.X("keys.handovers", "Show handovers and their list")},
		{Keys: "Ctrl+P, Ctrl+E", Action: expText("keys.publishExport", "Publish the library; export the open map as PDF, PNG or SVG")},
		{Keys: "Ctrl+K, F1", Action: lang.X("menu.keys", "Keyboard shortcuts")},
		{Keys: "Ctrl+Shift+← → ↑ ↓", Action: lang.X("keys.align", "Align the selected steps left, right, top or bottom (Arrange menu)")},
	}
	rows = append(rows, lcanvas.KeyMap()...)
	grid := container.New(&keyLayout{})
	for _, r := range rows {
		k := widget.NewLabelWithStyle(r.Keys, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		v := widget.NewLabel(r.Action)
		v.Wrapping = fyne.TextWrapWord
		grid.Add(k)
		grid.Add(v)
	}
	d := dialog.NewCustom(lang.X("menu.keys", "Keyboard shortcuts"), lang.X("ok", "OK"), container.NewVScroll(grid), a.win)
	d.Resize(fyne.NewSize(900, 640))
	a.trackDialog(d, nil)
}

func (a *App) showAbout() {
	text := widget.NewLabel(lang.X("about.text", "Lanemap {{.Version}}\nBPMN 2.0 swimlane process maps for quality-management systems in social services.\nFiles are BPMN 2.0 XML; other tools open them and Lanemap keeps what it does not understand.", map[string]any{"Version": Version}))
	text.Wrapping = fyne.TextWrapWord
	img := widget.NewIcon(Icon())
	d := dialog.NewCustom(lang.X("menu.about", "About Lanemap"), lang.X("ok", "OK"),
		container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(96, 96), img), nil, text), a.win)
	d.Resize(fyne.NewSize(560, 220))
	a.trackDialog(d, nil)
}

// keyLayout is a two-column table: keys right-aligned in a column as wide
// as the widest key text, descriptions wrapping in the rest.
type keyLayout struct{}

// keyCol is the key column's width: the widest key label.
func keyCol(objs []fyne.CanvasObject) float32 {
	w := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		w = max(w, objs[i].MinSize().Width)
	}
	return w
}

// Layout is part of fyne.Layout.
func (*keyLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	pad := theme.Padding()
	keyCol := keyCol(objs)
	for i := 0; i+1 < len(objs); i += 2 {
		k, v := objs[i], objs[i+1]
		vw := size.Width - keyCol - pad
		v.Resize(fyne.NewSize(vw, v.MinSize().Height))
		h := max(k.MinSize().Height, v.MinSize().Height)
		k.Move(fyne.NewPos(0, y))
		k.Resize(fyne.NewSize(keyCol, k.MinSize().Height))
		v.Move(fyne.NewPos(keyCol+pad, y))
		v.Resize(fyne.NewSize(vw, h))
		y += h
	}
}

// MinSize is part of fyne.Layout.
func (*keyLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		h += max(objs[i].MinSize().Height, objs[i+1].MinSize().Height)
	}
	return fyne.NewSize(keyCol(objs)+theme.Padding()+300, h)
}
