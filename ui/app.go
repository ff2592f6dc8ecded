package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lanemap/bpmn"
	lcanvas "lanemap/canvas"
	"lanemap/edit"
	"lanemap/model"
)

// AppID is the application's identity: Fyne keys preferences (recent
// files, last library) by it, and cmd/lanemap/FyneApp.toml carries the same.
const AppID = "se.lanemap.editor"

// App is the editor window: library sidebar, canvas, properties panel,
// palette, handover list and status bar around one open process.
type App struct {
	fyneApp fyne.App
	win     fyne.Window

	lib    *libraryView // the folder in the sidebar; nil when none
	doc    *document    // the open process; nil when none
	editor *lcanvas.Editor

	side    *sidebar
	props   *propsPanel
	hand    *handoverList
	status  *statusBar
	palette *palette
	quick   *widget.Entry

	centre     *fyne.Container // the editor or a placeholder, plus the handover list
	editorArea *fyne.Container
	handSplit  *container.Split

	showHandovers bool
	themeMode     string
	dark          bool

	// unsaved is the open "save changes?" dialog, if any (tests press its buttons).
	unsaved        *dialog.CustomDialog
	unsavedButtons map[string]*widget.Button
	menuRecent     *fyne.MenuItem
	menuHandovers  *fyne.MenuItem
	themeItems     map[string]*fyne.MenuItem

	// errorShown records the last error dialog's text, for tests.
	errorShown string
}

// New builds the editor window for a (a real app or test.NewTempApp). Call
// LoadTranslations before, so that menus are built in the user's language.
func New(a fyne.App) *App {
	app := &App{fyneApp: a}
	app.win = a.NewWindow("Lanemap")
	app.win.SetIcon(Icon())
	a.SetIcon(Icon())

	app.editor = lcanvas.NewEditor(nil)
	app.editor.OnSelectionChanged = app.selectionChanged
	app.editor.OnStatus = func(s string) {
		app.status.setHint(s)
		app.status.setZoom(app.editor.Zoom())
	}

	app.side = newSidebar(app.switchTo, app.search)
	app.props = newPropsPanel(app.showError)
	app.hand = newHandoverList(func(id string) { app.editor.SetSelection([]string{id}) })
	app.status = newStatusBar(app.showWarnings)
	app.palette = newPalette(app)
	app.quick = widget.NewEntry()
	app.quick.SetPlaceHolder(lang.X("quick.placeholder", "Quick add (Ctrl+L): Role: Task"))
	app.quick.OnSubmitted = app.quickAdd

	app.editorArea = container.NewStack(placeholder())
	app.handSplit = container.NewVSplit(app.editorArea, app.hand.box)
	app.handSplit.Offset = 0.68
	app.centre = container.NewStack(app.editorArea)

	top := container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(340, app.quick.MinSize().Height), app.quick), app.palette.bar)
	right := app.props.scroll
	main := container.NewHSplit(app.centre, right)
	main.Offset = 0.76
	outer := container.NewHSplit(app.side.box, main)
	outer.Offset = 0.17
	app.win.SetContent(container.NewBorder(top, app.status.box, nil, nil, outer))
	app.win.Resize(fyne.NewSize(1400, 860))

	app.themeMode = a.Preferences().StringWithFallback(prefThemeMode, themeSystem)
	app.setTheme(app.themeMode)
	a.Settings().AddListener(func(fyne.Settings) {
		// The system switched light/dark: follow it unless pinned.
		if app.themeMode == themeSystem {
			dark := a.Settings().ThemeVariant() == theme.VariantDark
			if dark != app.dark {
				app.dark = dark
				app.editor.SetDark(dark)
			}
		}
	})

	app.buildMenus()
	app.addShortcuts()
	app.win.SetCloseIntercept(app.requestClose)
	app.showDocument()
	return app
}

// requestClose closes the window once unsaved work is saved or discarded.
func (a *App) requestClose() {
	a.confirmUnsaved(func() {
		if a.doc != nil && a.lib != nil && a.doc.path != "" {
			a.lib.unlock(a.doc.path)
		}
		if a.lib != nil {
			a.lib.close()
		}
		a.win.Close()
	})
}

// Window returns the main window.
func (a *App) Window() fyne.Window { return a.win }

// ShowAndRun shows the window and runs the event loop until it closes.
func (a *App) ShowAndRun() { a.win.ShowAndRun() }

func placeholder() fyne.CanvasObject {
	l := widget.NewLabel(lang.X("placeholder", "Open a process from the list, or create one with File › New."))
	l.Alignment = fyne.TextAlignCenter
	l.Wrapping = fyne.TextWrapWord
	return container.NewCenter(l)
}

// Open opens a .bpmn file or a folder of them (a library). A folder shows
// its processes in the sidebar and opens the first one; a file also lists
// its folder's processes. It asks first when the open process is unsaved.
func (a *App) Open(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("%s", lang.X("err.open.missing", "Cannot open {{.Path}}: it does not exist or cannot be read.", map[string]any{"Path": path}))
	}
	if info.IsDir() {
		return a.openLibrary(path, "")
	}
	return a.openLibrary(filepath.Dir(path), path)
}

// openLibrary shows dir's processes and opens file (or the first one).
func (a *App) openLibrary(dir, file string) error {
	lib, err := openLibraryView(dir, func() { fyne.Do(a.libraryChanged) })
	if err != nil {
		return err
	}
	if a.lib != nil {
		a.lib.close()
	}
	a.lib = lib
	setLastLibrary(a.fyneApp.Preferences(), dir)
	a.refreshSidebar()
	if file == "" {
		if items := a.lib.items(""); len(items) > 0 {
			file = items[0].Path
		}
	}
	if file == "" {
		return nil
	}
	return a.load(file)
}

func (a *App) libraryChanged() {
	if a.lib != nil {
		a.refreshSidebar()
	}
}

func (a *App) refreshSidebar() {
	if a.lib == nil {
		a.side.show(lang.X("sidebar.title", "Processes"), nil)
		return
	}
	a.side.show(filepath.Base(a.lib.dir), a.lib.items(a.side.search.Text))
	if a.doc != nil {
		a.side.setCurrent(a.doc.path)
	}
}

func (a *App) search(q string) {
	if a.lib != nil {
		a.side.show("", a.lib.items(q))
	}
}

// switchTo opens another process of the library, asking first about unsaved work.
func (a *App) switchTo(path string) {
	a.confirmUnsaved(func() {
		if err := a.load(path); err != nil {
			a.showError(err)
		}
	})
	// Until the switch happens (or if it was cancelled) the list shows the open process.
	if a.doc != nil && a.doc.path != path {
		a.side.setCurrent(a.doc.path)
	}
}

// load reads path and makes it the open process. On error the open
// process stays as it was.
func (a *App) load(path string) error {
	doc, err := loadDocument(path)
	if err != nil {
		return err
	}
	a.setDocument(doc)
	addRecent(a.fyneApp.Preferences(), path)
	a.refreshRecent()
	return nil
}

// setDocument makes doc the open process (nil closes it).
func (a *App) setDocument(doc *document) {
	if a.doc != nil && a.lib != nil && a.doc.path != "" {
		a.lib.unlock(a.doc.path)
	}
	a.doc = doc
	if doc != nil {
		if a.lib != nil && doc.path != "" {
			if msg := a.lib.lock(doc.path); msg != "" {
				a.status.setHint(msg)
			}
		}
		// Set before SetSession: the canvas chains itself in front, so it
		// has rebuilt its scene and pruned the selection when a.changed runs.
		doc.sess.OnChange = a.changed
		a.editor.SetSession(doc.sess)
		a.props.setDocument(doc.sess, doc.defs)
		a.side.setCurrent(doc.path)
	} else {
		a.props.setDocument(nil, nil)
	}
	a.showDocument()
}

// showDocument refreshes everything that depends on which process is open.
func (a *App) showDocument() {
	if a.doc == nil {
		a.editorArea.Objects = []fyne.CanvasObject{placeholder()}
	} else {
		a.editorArea.Objects = []fyne.CanvasObject{a.editor}
		a.editor.SetHandovers(a.showHandovers)
		a.editor.SetDark(a.dark)
	}
	a.editorArea.Refresh()
	a.hand.show(a.defs())
	a.palette.setEnabled(a.doc != nil)
	a.updateTitle()
}

func (a *App) defs() *model.Definitions {
	if a.doc == nil {
		return nil
	}
	return a.doc.defs
}

// changed runs after every edit, undo and redo.
func (a *App) changed(c edit.Change) {
	a.props.modelChanged()
	if c.Structure || a.showHandovers {
		a.hand.show(a.defs())
	}
	a.updateTitle()
}

func (a *App) selectionChanged(ids []string) {
	a.props.setSelection(ids)
}

// updateTitle shows the process name with • while unsaved, in the title
// bar and the status bar.
func (a *App) updateTitle() {
	title := "Lanemap"
	if a.doc != nil {
		name := a.doc.name()
		if a.doc.dirty() {
			name = "• " + name
		}
		title = name + " — Lanemap"
	}
	a.win.SetTitle(title)
	a.status.show(a.doc)
	a.palette.updateUndo(a.doc)
}

// Dirty reports whether the open process has unsaved changes.
func (a *App) Dirty() bool { return a.doc != nil && a.doc.dirty() }

// confirmUnsaved runs then at once when nothing is unsaved; otherwise it
// asks Save / Discard / Cancel and runs then after a successful save or a
// discard. Cancel (or a failed save) keeps everything as it was.
func (a *App) confirmUnsaved(then func()) {
	if !a.Dirty() {
		then()
		return
	}
	msg := widget.NewLabel(lang.X("unsaved.message", "“{{.Name}}” has changes that are not saved. Save them first?", map[string]any{"Name": a.doc.name()}))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons(lang.X("unsaved.title", "Unsaved changes"), msg, a.win)
	save := widget.NewButtonWithIcon(lang.X("unsaved.save", "Save"), theme.DocumentSaveIcon(), func() {
		d.Hide()
		a.save(then)
	})
	save.Importance = widget.HighImportance
	discard := widget.NewButtonWithIcon(lang.X("unsaved.discard", "Discard changes"), theme.DeleteIcon(), func() {
		d.Hide()
		a.discard()
		then()
	})
	discard.Importance = widget.DangerImportance
	cancel := widget.NewButtonWithIcon(lang.X("unsaved.cancel", "Cancel"), theme.CancelIcon(), func() { d.Hide() })
	d.SetButtons([]fyne.CanvasObject{cancel, discard, save})
	d.SetOnClosed(func() { a.unsaved, a.unsavedButtons = nil, nil })
	d.Resize(fyne.NewSize(460, 180))
	a.unsaved = d
	a.unsavedButtons = map[string]*widget.Button{"save": save, "discard": discard, "cancel": cancel}
	d.Show()
}

// discard forgets the open process's unsaved changes (the file on disk is
// as it was last saved); autosaved recovery copies are dropped with it.
func (a *App) discard() {
	if a.doc == nil {
		return
	}
	if a.lib != nil && a.doc.path != "" {
		a.lib.discardRecovery(a.doc.path)
	}
	a.doc.sess.Stack.MarkClean()
}

// save writes the open process and runs then (may be nil) on success. A new
// process asks for a file name first.
func (a *App) save(then func()) {
	if a.doc == nil {
		return
	}
	if a.doc.path == "" {
		a.saveAs(then)
		return
	}
	if err := a.write(a.doc.path); err != nil {
		a.showError(err)
		return
	}
	if then != nil {
		then()
	}
}

// write saves the open process to path through the lossless writer (the
// library's, which refuses to overwrite a file changed by someone else, when
// path is in the open library).
func (a *App) write(path string) error {
	doc := a.doc
	var err error
	if a.lib != nil && a.lib.contains(path) {
		err = a.lib.save(path, doc.defs, doc.src)
	} else {
		err = bpmn.WriteFile(path, doc.defs, doc.src)
	}
	if err != nil {
		return saveError(path, err)
	}
	doc.path = path
	doc.sess.Stack.MarkClean()
	addRecent(a.fyneApp.Preferences(), path)
	a.refreshRecent()
	if a.lib != nil {
		a.refreshSidebar()
	}
	a.updateTitle()
	a.status.setHint(lang.X("status.saved", "Saved {{.File}}", map[string]any{"File": filepath.Base(path)}))
	return nil
}

// saveError says what went wrong and what to do; the changes stay in the
// editor, so nothing is lost.
func saveError(path string, err error) error {
	return fmt.Errorf("%s\n\n%v\n\n%s",
		lang.X("err.save", "Could not save {{.File}}.", map[string]any{"File": filepath.Base(path)}), err,
		lang.X("err.save.what", "Your changes are still open in the editor. Use File › Save as to save them under another name or in another folder."))
}

// saveAs asks for a file name and saves there.
func (a *App) saveAs(then func()) {
	if a.doc == nil {
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			a.showError(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		w.Close()
		if !strings.EqualFold(filepath.Ext(path), ".bpmn") {
			// The dialog created the empty file; keep the name the user gave
			// only when it already ends in .bpmn.
			os.Remove(path)
			path += ".bpmn"
		}
		if err := a.write(path); err != nil {
			a.showError(err)
			return
		}
		if then != nil {
			then()
		}
	}, a.win)
	d.SetFileName(a.doc.fileName())
	if a.lib != nil {
		if l, err := listerFor(a.lib.dir); err == nil {
			d.SetLocation(l)
		}
	}
	d.Show()
}

// newProcess opens an empty process (saved on first Save).
func (a *App) newProcess() {
	a.confirmUnsaved(func() { a.setDocument(newDocument()) })
}

// closeProcess closes the open process, asking first when unsaved.
func (a *App) closeProcess() {
	a.confirmUnsaved(func() {
		a.setDocument(nil)
		a.side.setCurrent("")
	})
}

// ShowError shows err in a dialog over the window.
func (a *App) ShowError(err error) { a.showError(err) }

// showError shows err in a dialog; errors say what happened and what to do.
func (a *App) showError(err error) {
	if err == nil {
		return
	}
	a.errorShown = err.Error()
	var pe *os.PathError
	if errors.As(err, &pe) && errors.Is(err, os.ErrPermission) {
		err = fmt.Errorf("%v\n\n%s", err, lang.X("err.permission", "You do not have permission. Ask the library's administrator, or save a copy elsewhere with File › Save as."))
	}
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.X("err.title", "Something went wrong"), lang.X("ok", "OK"), container.NewVScroll(msg), a.win)
	d.Resize(fyne.NewSize(520, 260))
	d.Show()
}

// showWarnings lists what reading the file warned about.
func (a *App) showWarnings() {
	if a.doc == nil || len(a.doc.warnings) == 0 {
		return
	}
	text := widget.NewLabel(a.doc.warningText())
	text.Wrapping = fyne.TextWrapWord
	intro := widget.NewLabel(lang.X("warnings.intro", "The file opened, but these parts look odd. They are kept as they are when you save."))
	intro.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.X("warnings.title", "Warnings from reading"), lang.X("ok", "OK"),
		container.NewBorder(intro, nil, nil, nil, container.NewVScroll(text)), a.win)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
}

// quickAdd adds a task from "Role: Task name" after the selection and selects it.
func (a *App) quickAdd(text string) {
	text = strings.TrimSpace(text)
	if a.doc == nil || text == "" {
		return
	}
	after := ""
	if sel := a.editor.Selection(); len(sel) == 1 {
		after = sel[0]
	}
	id, err := a.doc.sess.QuickAdd(after, text)
	if err != nil {
		a.showError(err)
		return
	}
	a.quick.SetText("")
	a.editor.SetSelection([]string{id})
}

// setHandovers shows or hides the handover marking and list.
func (a *App) setHandovers(on bool) {
	a.showHandovers = on
	a.editor.SetHandovers(on)
	if on {
		a.hand.show(a.defs())
		a.centre.Objects = []fyne.CanvasObject{a.handSplit}
	} else {
		a.centre.Objects = []fyne.CanvasObject{a.editorArea}
	}
	a.centre.Refresh()
	if a.menuHandovers != nil {
		a.menuHandovers.Checked = on
		a.win.MainMenu().Refresh()
	}
	a.palette.handovers.SetChecked(on)
}

// setTheme pins light or dark, or follows the system.
func (a *App) setTheme(mode string) {
	if !slices.Contains([]string{themeSystem, themeLight, themeDark}, mode) {
		mode = themeSystem
	}
	a.themeMode = mode
	a.fyneApp.Preferences().SetString(prefThemeMode, mode)
	a.dark = applyTheme(a.fyneApp, mode)
	a.editor.SetDark(a.dark)
}
