package ui

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	lcanvas "lanemap/canvas"
	"lanemap/edit"
	"lanemap/model"
)

// AppID is the application's identity: Fyne keys preferences (recent
// files, last library) by it, and cmd/lanemap/FyneApp.toml carries the same.
const AppID = "se.lanemap.editor"

// Version is shown in Help › About; cmd/lanemap sets it from cli.Version
// (ui does not import cli, which would pull in every headless verb).
var Version = "dev"

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
	quick   *quickEntry

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

	// conflict is the open "changed by someone else" dialog, if any.
	conflict        *dialog.CustomDialog
	conflictButtons map[string]*widget.Button
	stopAutosave    func()
	// noWatch keeps the library from watching its folder. Fyne's test
	// driver runs fyne.Do at once on the calling goroutine, so a watcher
	// would race with the test; tests call libraryChanged themselves.
	noWatch bool

	// errorShown records the last error dialog's text, for tests.
	errorShown string

	// banner sits over the map: the read-only notice and its actions.
	banner        *fyne.Container
	bannerButtons map[string]*widget.Button
	// laneAsked lets a Delete through that the lane question has answered.
	laneAsked   bool
	laneButtons map[string]*widget.Button
	// dialogs are the shown dialogs that Escape and Enter answer.
	dialogs  []openDialog
	menuSave *fyne.MenuItem
	// arrange holds the Arrange, Lane and Insert menu items that the
	// selection enables.
	arrange *arrangeMenus
	// roleEntry is the open "Set role…" dialog's field, for tests.
	roleEntry *widget.SelectEntry
	// the open conflict-resolution and "not a process map" dialogs, for tests.
	conflictChoices []*widget.RadioGroup
	conflictApply   *widget.Button
	notBPMNButtons  map[string]*widget.Button
	// offeredNew are the recovery items of new processes already offered
	// in this run (they belong to no library, so every open would ask).
	offeredNew map[string]bool
}

// New builds the editor window for a (a real app or test.NewTempApp). Call
// LoadTranslations before, so that menus are built in the user's language.
func New(a fyne.App) *App {
	app := &App{fyneApp: a}
	// The theme goes in before any widget exists: renderers made under the
	// old theme would keep some of its colours.
	app.themeMode = a.Preferences().StringWithFallback(prefThemeMode, themeSystem)
	app.dark = applyTheme(a, app.themeMode)
	app.win = a.NewWindow("Lanemap")
	app.win.SetIcon(Icon())
	a.SetIcon(Icon())

	app.editor = lcanvas.NewEditor(nil)
	app.editor.OnSelectionChanged = app.selectionChanged
	app.editor.OnStatus = func(s string) {
		if s == edit.ErrReadOnly.Error() {
			s = app.errReadOnly().Error()
		}
		app.status.setZoom(app.editor.Zoom())
		if s != app.status.zoom.Text { // zoom has its own place
			app.status.setHint(s)
		}
	}

	// F1 reaches the window only when nothing has the keyboard; the map
	// passes on the keys it does not use.
	app.editor.OnUnhandledKey = app.typedKey

	app.side = newSidebar(app.switchTo, app.search)
	app.props = newPropsPanel(app.showError)
	app.hand = newHandoverList(func(id string) { app.editor.SetSelection([]string{id}) })
	app.status = newStatusBar(app.showWarnings)
	app.palette = newPalette(app)
	app.quick = newQuickEntry(func() { app.editor.FocusCanvas() })
	app.quick.SetPlaceHolder(lang.X("quick.placeholder", "Quick add (Ctrl+L): Role: Task, Enter for the next, Esc back to the map"))
	app.quick.OnSubmitted = app.quickAdd

	// The map fits itself on its first layout without saying so: the
	// status bar reads the zoom after every layout of the map's area.
	app.editorArea = container.New(&zoomWatch{onLayout: func() {
		if app.doc != nil {
			app.status.setZoom(app.editor.Zoom())
		}
	}}, placeholder())
	app.handSplit = container.NewVSplit(app.editorArea, app.hand.box)
	app.handSplit.Offset = 0.68
	app.centre = container.NewStack(app.editorArea)

	// The palette keeps its natural width; the quick-add field takes the rest.
	// The quick-add field sits over the map, full width: beside the
	// palette it would be squeezed to a few letters.
	top := app.palette.bar
	app.banner = container.NewVBox()
	app.banner.Hide()
	// The panel's width is fixed: a selection that shows wider fields
	// must not resize (and so shift) the map.
	right := container.New(fixedWidth{propsWidth}, app.props.scroll)
	main := container.NewBorder(nil, nil, nil, right, container.NewBorder(container.NewVBox(app.banner, app.quick), nil, nil, nil, app.centre))
	outer := container.NewHSplit(app.side.box, main)
	outer.Offset = 0.17
	app.win.SetContent(container.NewBorder(top, app.status.box, nil, nil, outer))
	app.win.Resize(fyne.NewSize(1400, 860))

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
	a.Lifecycle().SetOnStopped(app.stopped)
	app.showDocument()
	return app
}

// requestClose closes the window once unsaved work is saved or discarded.
func (a *App) requestClose() {
	a.confirmUnsaved(func() {
		a.stopped()
		a.win.Close()
	})
}

// stopped runs when the app stops for any reason — the window closed, or
// Fyne quit on SIGTERM/SIGINT (logout, Ctrl+C) without asking: unsaved
// library work goes to the recovery folder, where the next start offers
// it, and the lock is released.
func (a *App) stopped() {
	if a.Dirty() {
		a.autosave(a.doc)
	} else if a.doc != nil && !a.Dirty() {
		a.dropRecovery(a.doc) // an earlier autosave of since-undone work
	}
	if a.stopAutosave != nil {
		a.stopAutosave()
	}
	a.closeDocument()
	if a.lib != nil {
		a.lib.close()
	}
}

// Window returns the main window.
func (a *App) Window() fyne.Window { return a.win }

// ShowAndRun shows the window and runs the event loop until it closes,
// autosaving unsaved library work meanwhile.
func (a *App) ShowAndRun() {
	a.startAutosave()
	if a.doc == nil && a.lib == nil {
		// Started without a library: new processes' unsaved work.
		a.offerRecovery("", nil)
	}
	a.win.ShowAndRun()
}

func placeholder() fyne.CanvasObject {
	l := widget.NewLabel(lang.X("placeholder", "Open a process from the list, or create one with File › New."))
	// No wrapping: a wrapping label in a Center container asks for one word
	// per line, and the window would open taller than the screen.
	l.Alignment = fyne.TextAlignCenter
	return container.NewCenter(l)
}

// ShowError shows err in a dialog over the window.
func (a *App) ShowError(err error) { a.showError(err) }

// showError shows err in a dialog; errors say what happened and what to do.
func (a *App) showError(err error) {
	if err == nil {
		return
	}
	if errors.Is(err, edit.ErrReadOnly) {
		a.status.setHint(a.errReadOnly().Error())
		a.props.refreshValues()
		return
	}
	a.errorShown = err.Error()
	var pe *os.PathError
	if errors.As(err, &pe) && errors.Is(err, os.ErrPermission) && !strings.Contains(err.Error(), "Save as") && !strings.Contains(err.Error(), "Spara som") {
		err = fmt.Errorf("%v\n\n%s", err, lang.X("err.permission", "You do not have permission. Ask the library's administrator, or save a copy elsewhere with File › Save as."))
	}
	msg := widget.NewLabel(dedupe(err.Error()))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.X("err.title", "Something went wrong"), lang.X("ok", "OK"), container.NewVScroll(msg), a.win)
	d.Resize(fyne.NewSize(560, 280))
	a.trackDialog(d, nil)
}

// noLayoutNotice says over the empty map why it is empty: the file has
// steps but no diagram layout.
func (a *App) noLayoutNotice() fyne.CanvasObject {
	msg := widget.NewLabel(lang.X("nolayout.message", "This file has {{.Count}} element(s) but no diagram layout (BPMNDI), so there is nothing to draw. It was probably saved by another tool that keeps only the process. Open it in that tool and export it as BPMN 2.0 with diagram, or draw the map again here.",
		map[string]any{"Count": len(a.doc.defs.Nodes)}))
	msg.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle(lang.X("nolayout.title", "No diagram layout in this file"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	warn := widget.NewButtonWithIcon(lang.X("nolayout.warnings", "Show the warnings"), theme.WarningIcon(), a.showWarnings)
	// Draw the map from the process itself (one undo step), then show it.
	create := widget.NewButtonWithIcon(lang.X("nolayout.create", "Create layout"), theme.GridIcon(), func() {
		if err := a.doc.sess.AutoLayout(); err != nil {
			a.showError(err)
			return
		}
		a.showDocument()
		a.editor.ZoomFit()
	})
	create.Importance = widget.HighImportance
	card := container.NewBorder(title, container.NewHBox(create, warn), nil, nil, msg)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.CornerRadius = 6
	box := container.NewStack(bg, container.NewPadded(card))
	// A fixed size: a wrapping label in a Center asks for one word per line.
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 230), box))
}

// showWarnings lists what reading the file warned about.
func (a *App) showWarnings() {
	if a.doc == nil || len(a.doc.warnings) == 0 {
		return
	}
	text := widget.NewLabel(a.doc.warningText())
	text.Wrapping = fyne.TextWrapWord
	intro := widget.NewLabel(lang.X("warnings.intro", "The file opened, but these parts look odd. They are kept as they are when you save.") +
		"\n\n" + lang.X("warnings.details", "Details from the file reader (file:line:column):"))
	intro.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.X("warnings.title", "Warnings from reading"), lang.X("ok", "OK"),
		container.NewBorder(intro, nil, nil, nil, container.NewVScroll(text)), a.win)
	d.Resize(fyne.NewSize(640, 420))
	a.trackDialog(d, nil)
}

// quickAdd adds a task from "Role: Task name" after the selected step and
// selects it. With a lane selected the task goes last in that lane (its
// role unless the text names another); with nothing selected it starts
// the first pool.
func (a *App) quickAdd(text string) {
	text = strings.TrimSpace(text)
	if a.doc == nil || text == "" {
		return
	}
	after := ""
	if sel := a.editor.Selection(); len(sel) == 0 {
		after = loneStart(a.doc.defs)
	} else if len(sel) == 1 {
		switch e := a.doc.defs.Element(sel[0]).(type) {
		case *model.Node:
			if e.Kind.IsFlowNode() {
				after = e.ID
			}
		case *model.Lane:
			after = lastStepIn(a.doc, e)
			if !strings.Contains(text, ":") {
				text = e.RoleName() + ": " + text
			}
		}
	}
	id, err := a.doc.sess.QuickAdd(after, text)
	if err != nil {
		a.showError(quickAddError(text, err))
		return
	}
	a.quick.SetText("")
	a.editor.SetSelection([]string{id})
	// The keyboard stays here for the next "Role: Task"; Escape or
	// Ctrl+L hands it back to the map.
	a.win.Canvas().Focus(a.quick)
}

// quickAddError says in the user's words why quick add failed: edit's
// errors are for developers.
func quickAddError(text string, err error) error {
	if errors.Is(err, edit.ErrReadOnly) {
		return err
	}
	what := lang.X("err.quickAdd", "Could not add “{{.Text}}”. Select the step it follows, and write Role: Task name.", map[string]any{"Text": text})
	msg := err.Error()
	switch {
	case strings.Contains(msg, "needs a text"):
		return fmt.Errorf("%s", lang.X("err.quickAdd.noText", "Write the step's name after the colon, for example “Case worker: Investigate”."))
	case strings.Contains(msg, "no element"), strings.Contains(msg, "no node"), strings.Contains(msg, "not found"):
		return fmt.Errorf("%s", lang.X("err.quickAdd.selection", "The selected element cannot be followed by a step. Select a step (or a lane), or nothing to start the process."))
	}
	return fmt.Errorf("%s\n\n%s", what, strings.TrimPrefix(msg, "edit: "))
}

// loneStart is the start event a map with nothing after it yet begins
// with (a new process), so the first quick-added task follows it; "" when
// there is none or more than one.
func loneStart(d *model.Definitions) string {
	start := ""
	for _, n := range d.Nodes {
		if n.Kind != model.StartEvent {
			continue
		}
		if start != "" {
			return ""
		}
		start = n.ID
	}
	for _, f := range d.Flows {
		if f.Source == start {
			return ""
		}
	}
	return start
}

// lastStepIn is the right-most flow node of lane l (and its sub-lanes), or "".
func lastStepIn(doc *document, l *model.Lane) string {
	best, bestX := "", 0.0
	var walk func(*model.Lane)
	walk = func(l *model.Lane) {
		for _, id := range l.NodeRefs {
			n, sh := doc.defs.Node(id), doc.sess.Shape(id)
			if n == nil || sh == nil || !n.Kind.IsFlowNode() || n.Kind == model.BoundaryEvent {
				continue
			}
			if x := sh.Bounds.X + sh.Bounds.W; best == "" || x > bestX {
				best, bestX = id, x
			}
		}
		for _, c := range l.Children {
			walk(c)
		}
	}
	walk(l)
	return best
}

// setHandovers shows or hides the handover marking and list.
func (a *App) setHandovers(on bool) {
	a.showHandovers = on
	a.editor.SetHandovers(on)
	defer a.editor.ZoomFit() // the map's area changed size
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
	a.palette.setHandovers(on)
}

// setTheme pins light or dark, or follows the system.
func (a *App) setTheme(mode string) {
	if !slices.Contains([]string{themeSystem, themeLight, themeDark}, mode) {
		mode = themeSystem
	}
	a.themeMode = mode
	a.fyneApp.Preferences().SetString(prefThemeMode, mode)
	a.dark = applyTheme(a.fyneApp, mode)
	if a.editor != nil {
		a.editor.SetDark(a.dark)
	}
	a.refreshThemeMenu()
}

// showDocument refreshes everything that depends on which process is open.
func (a *App) showDocument() {
	if a.doc == nil {
		a.editorArea.Objects = []fyne.CanvasObject{placeholder()}
	} else {
		a.editorArea.Objects = []fyne.CanvasObject{a.editor}
		if a.doc.noLayout() {
			a.editorArea.Objects = append(a.editorArea.Objects, a.noLayoutNotice())
		}
		a.editor.SetHandovers(a.showHandovers)
		a.editor.SetDark(a.dark)
	}
	a.editorArea.Refresh()
	a.hand.show(a.defs())
	a.palette.setEnabled(a.doc != nil && !a.doc.readOnly())
	a.showBanner()
	a.updateTitle()
	a.updateMenus()
	if a.doc == nil {
		a.status.zoom.SetText("")
	}
}

func (a *App) defs() *model.Definitions {
	if a.doc == nil {
		return nil
	}
	return a.doc.defs
}

// changed runs after every edit, undo and redo.
func (a *App) changed(c edit.Change) {
	if a.doc != nil {
		a.doc.rev++
	}
	if a.doc != nil && !a.doc.dirty() {
		a.dropRecovery(a.doc) // undone back to the saved state
	}
	a.props.modelChanged()
	if c.Structure || a.showHandovers {
		a.hand.show(a.defs())
	}
	a.updateTitle()
	a.updateMenus()
}

func (a *App) selectionChanged(ids []string) {
	a.props.setSelection(ids)
	if a.showHandovers {
		a.hand.follow(ids)
	}
	a.status.setZoom(a.editor.Zoom())
	a.palette.markActive(a.editor.Tool()) // Esc may have dropped the tool
	a.updateMenus()
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
	if a.menuSave != nil {
		ro := a.doc != nil && a.doc.readOnly()
		if a.menuSave.Disabled != ro {
			a.menuSave.Disabled = ro
			if mm := a.win.MainMenu(); mm != nil {
				mm.Refresh()
			}
		}
	}
	a.status.show(a.doc, a.lib)
	a.palette.updateUndo(a.doc)
}
