package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lanemap/bpmn"
	"lanemap/edit"
	"lanemap/library"
)

// autosaveEvery is how often unsaved work goes to the recovery folder and
// the lock's heartbeat is renewed.
const autosaveEvery = 5 * time.Second

// Open opens a .bpmn file or a folder of them (a library). A folder shows
// its processes in the sidebar and opens the first one; a file opens with
// its folder as the library, so its neighbours are one click away.
func (a *App) Open(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("%s", lang.X("err.open.missing", "Cannot open {{.Path}}: it does not exist or cannot be read.", map[string]any{"Path": path}))
	}
	abs, _ := filepath.Abs(path)
	if info.IsDir() {
		return a.openLibrary(abs, "")
	}
	return a.openLibrary(filepath.Dir(abs), abs)
}

// openLibrary shows dir's processes and opens file (or the first one).
// When the library cannot be opened, file still opens on its own.
func (a *App) openLibrary(dir, file string) error {
	if a.lib == nil || a.lib.dir != dir {
		onChange := func(ch []library.Change) { fyne.Do(func() { a.libraryChanged(ch) }) }
		if a.noWatch {
			onChange = nil
		}
		lib, err := openLibraryView(dir, onChange)
		if err != nil {
			if file == "" {
				return fmt.Errorf("%s", libraryMessage(err))
			}
			a.status.setHint(libraryMessage(err))
		} else {
			a.setDocument(nil) // the old library's process goes with it
			if a.lib != nil {
				a.lib.close()
			}
			a.lib = lib
			setLastLibrary(a.fyneApp.Preferences(), dir)
		}
	}
	a.refreshSidebar()
	open := func() error {
		f := file
		if f == "" && a.lib != nil {
			f = firstReadable(a.lib.items(""))
		}
		if f == "" {
			return nil
		}
		return a.load(f)
	}
	if a.offerRecovery(file, func() {
		if err := open(); err != nil {
			a.showError(err)
		}
	}) {
		return nil
	}
	return open()
}

// libraryChanged follows others' changes to the library's files.
func (a *App) libraryChanged(ch []library.Change) {
	if a.lib == nil {
		return
	}
	a.refreshSidebar()
	if a.doc == nil || a.doc.ldoc == nil {
		return
	}
	for _, c := range ch {
		if c.Path != a.doc.ldoc.Path {
			continue
		}
		name := filepath.Base(c.Path)
		switch {
		case c.Kind == library.Removed:
			a.status.setHint(lang.X("disk.removed", "{{.File}} was removed or moved by someone else. Save to put your version back.", map[string]any{"File": name}))
		case !a.Dirty():
			// Nothing of ours to lose: show their version.
			if err := a.reload(); err != nil {
				a.showError(err)
				return
			}
			a.status.setHint(lang.X("disk.reloaded", "{{.File}} was changed by someone else; showing their version.", map[string]any{"File": name}))
		default:
			a.askConflict(nil)
		}
	}
}

func (a *App) refreshSidebar() {
	if a.lib == nil {
		a.side.show(lang.X("sidebar.title", "Processes"), nil)
		return
	}
	a.side.show(filepath.Base(a.lib.dir), a.lib.items(strings.TrimSpace(a.side.search.Text)))
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
	var doc *document
	if rel, ok := a.relInLibrary(path); ok {
		ld, err := a.lib.lib.Load(rel)
		if err != nil {
			var le *library.Error
			if errors.As(err, &le) && le.Kind == library.KindNotBPMN {
				return readError(path, le.Err)
			}
			return fmt.Errorf("%s", libraryMessage(err))
		}
		doc = fromLibrary(a.lib, ld)
	} else {
		var err error
		if doc, err = loadDocument(path); err != nil {
			return readError(path, err)
		}
	}
	a.setDocument(doc)
	addRecent(a.fyneApp.Preferences(), path)
	a.refreshRecent()
	return nil
}

func (a *App) relInLibrary(path string) (string, bool) {
	if a.lib == nil || path == "" {
		return "", false
	}
	return a.lib.rel(path)
}

// reload replaces the open process with the version on disk, keeping the lock.
func (a *App) reload() error {
	old := a.doc
	ld, err := a.lib.lib.Load(old.ldoc.Path)
	if err != nil {
		return fmt.Errorf("%s", libraryMessage(err))
	}
	a.replaceDocument(fromLibrary(a.lib, ld))
	return nil
}

// replaceDocument swaps in another version of the same file (reloaded or
// merged): the lock stays, the library forgets the old Doc.
func (a *App) replaceDocument(doc *document) {
	old := a.doc
	doc.lock, doc.lockedBy, doc.held = old.lock, old.lockedBy, old.held
	old.lock = nil
	if old.ldoc != nil && a.lib != nil {
		a.lib.lib.Close(old.ldoc)
	}
	a.doc = nil
	a.setDocument(doc)
}

// closeDocument lets go of the open process: its lock and the library's
// interest in it. Unsaved changes must have been dealt with.
func (a *App) closeDocument() {
	doc := a.doc
	if doc == nil {
		return
	}
	if doc.lock != nil {
		doc.lock.Unlock()
		doc.lock = nil
	}
	if doc.ldoc != nil && a.lib != nil {
		a.lib.lib.Close(doc.ldoc)
	}
	a.doc = nil
}

// setDocument makes doc the open process (nil closes it) and takes the
// lock on a library file; when someone else holds it the process opens
// read-only, with a banner that says who and offers a way out.
func (a *App) setDocument(doc *document) {
	if a.doc != nil && a.doc != doc {
		a.closeDocument()
	}
	a.doc = doc
	if doc != nil {
		if doc.ldoc != nil && doc.lock == nil && doc.lockedBy == "" && doc.held == nil {
			a.takeLock(doc)
		}
		doc.sess.ReadOnly = doc.readOnly()
		doc.sess.Guard = a.guardChange
		// Set before SetSession: the canvas chains itself in front, so it
		// has rebuilt its scene and pruned the selection when a.changed runs.
		doc.sess.OnChange = a.changed
		a.editor.SetSession(doc.sess)
		a.editor.ZoomFit() // at once when the canvas has a size, else on its first layout
		a.props.setDocument(doc.sess, doc.defs)
		a.side.setCurrent(doc.path)
		if doc.lockedBy != "" && doc.held == nil {
			a.status.setHint(doc.lockedBy)
		}
	} else {
		a.editor.SetSession(nil)
		a.props.setDocument(nil, nil)
	}
	a.showDocument()
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
	d.Resize(fyne.NewSize(480, 180))
	a.unsaved = d
	a.unsavedButtons = map[string]*widget.Button{"save": save, "discard": discard, "cancel": cancel}
	a.trackDialog(d, save.OnTapped)
}

// dropRecovery removes doc's own autosaved copy: a document back at its
// saved state (undone, saved or discarded) has nothing to restore.
func (a *App) dropRecovery(doc *document) {
	if doc == nil {
		return
	}
	doc.autosaved = 0
	r, err := a.recovery()
	if err != nil {
		return
	}
	// Only this document's own copy: another session's (a crash not yet
	// offered, another window) is not ours to drop.
	if doc.ldoc != nil {
		r.DiscardDoc(doc.ldoc)
	}
	if doc.rdoc != nil {
		r.DiscardDoc(doc.rdoc)
	}
}

// discard forgets the open process's unsaved changes (the file on disk is
// as it was last saved) and its autosaved copy.
func (a *App) discard() {
	doc := a.doc
	if doc == nil {
		return
	}
	a.dropRecovery(doc)
	doc.markSaved()
	a.updateTitle()
}

// save writes the open process and runs then (may be nil) on success. A new
// process asks for a file name first.
func (a *App) save(then func()) {
	if a.doc == nil {
		return
	}
	if a.doc.readOnly() {
		a.status.setHint(a.errReadOnly().Error())
		msg := widget.NewLabel(a.errReadOnly().Error())
		msg.Wrapping = fyne.TextWrapWord
		d := dialog.NewCustom(lang.X("readonly.title", "Read-only"), lang.X("ok", "OK"), msg, a.win)
		d.Resize(fyne.NewSize(520, 160))
		a.trackDialog(d, nil)
		return
	}
	if a.doc.path == "" {
		a.saveAs(then)
		return
	}
	if err := a.write(a.doc.path); err != nil {
		if isChangedOnDisk(err) {
			a.askConflict(then)
			return
		}
		a.showError(err)
		return
	}
	if then != nil {
		then()
	}
}

// write saves the open process to path through the lossless writer: the
// library's (temp file, backup, refusal to overwrite someone else's newer
// version) when path is in the open library, else bpmn.WriteFile.
func (a *App) write(path string) error {
	doc := a.doc
	if rel, ok := a.relInLibrary(path); ok {
		if doc.ldoc == nil {
			doc.ldoc = library.NewDoc(rel, doc.defs)
			doc.ldoc.Src = doc.src
		}
		var err error
		if doc.ldoc.Path == rel {
			err = a.lib.lib.Save(doc.ldoc)
		} else {
			err = a.lib.lib.SaveAs(doc.ldoc, rel)
		}
		if err != nil {
			if isChangedOnDisk(err) {
				return err
			}
			return saveError(path, err)
		}
		doc.src = doc.ldoc.Src
	} else {
		if err := bpmn.WriteFile(path, doc.defs, doc.src); err != nil {
			return saveError(path, err)
		}
		if doc.ldoc != nil && a.lib != nil {
			a.lib.lib.Close(doc.ldoc) // now a file outside the library
			doc.ldoc = nil
		}
	}
	moved := doc.path != path
	doc.path = path
	doc.markSaved()
	if doc.rdoc != nil {
		// A new process has its file now: its recovery copy has done its job.
		if r, err := a.recovery(); err == nil {
			r.DiscardDoc(doc.rdoc)
		}
		doc.rdoc = nil
	}
	if moved {
		a.relock(doc)
	}
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
	var le *library.Error
	if errors.As(err, &le) && le.Kind != library.KindOther {
		// The library's message already says what to do: say it once.
		return fmt.Errorf("%s\n\n%s", lang.X("err.save", "Could not save {{.File}}.", map[string]any{"File": filepath.Base(path)}), libraryMessage(err))
	}
	var lerr library.Localized
	if errors.As(err, &lerr) {
		err = fmt.Errorf("%s", libraryMessage(err))
	}
	return fmt.Errorf("%s\n\n%v\n\n%s",
		lang.X("err.save", "Could not save {{.File}}.", map[string]any{"File": filepath.Base(path)}), err,
		lang.X("err.save.what", "Your changes are still open in the editor. Use File › Save as to save them under another name or in another folder."))
}

// askConflict handles "someone else saved this file since you opened it":
// keep mine as a copy, take theirs, or merge the two. then runs after a
// successful way out (nil = nothing more to do).
func (a *App) askConflict(then func()) {
	doc := a.doc
	if doc == nil || doc.ldoc == nil {
		return
	}
	if a.conflict != nil {
		return // already asking
	}
	// A file replaced by something else cannot be merged or taken.
	if ld, err := a.lib.lib.Load(doc.ldoc.Path); err == nil {
		a.lib.lib.Close(ld)
	} else if le := (*library.Error)(nil); errors.As(err, &le) && le.Kind == library.KindNotBPMN {
		a.askNotBPMN(then)
		return
	}
	done := func() {
		if then != nil {
			then()
		}
	}
	msg := widget.NewLabel(lang.X("conflict.message2", "Someone else saved “{{.Name}}” after you opened it. Nothing has been overwritten. Merge keeps both sets of changes; where you both changed the same element, you choose which version to keep.", map[string]any{"Name": doc.name()}))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons(lang.X("conflict.title", "Changed by someone else"), msg, a.win)
	merge := widget.NewButton(lang.X("conflict.merge", "Merge"), func() {
		d.Hide()
		if err := a.startMerge(then); err != nil {
			a.showError(err)
		}
	})
	merge.Importance = widget.HighImportance
	copyBtn := widget.NewButton(lang.X("conflict.copy", "Keep mine as a copy"), func() {
		d.Hide()
		rel := a.lib.lib.CopyName(doc.ldoc.Path)
		if err := a.write(a.lib.lib.Abs(rel)); err != nil {
			a.showError(err)
			return
		}
		done()
	})
	theirs := widget.NewButton(lang.X("conflict.theirs", "Take theirs"), func() {
		d.Hide()
		a.discard()
		if err := a.reload(); err != nil {
			a.showError(err)
			return
		}
		done()
	})
	theirs.Importance = widget.DangerImportance
	later := widget.NewButton(lang.X("unsaved.cancel", "Cancel"), func() { d.Hide() })
	d.SetButtons([]fyne.CanvasObject{later, theirs, copyBtn, merge})
	d.SetOnClosed(func() { a.conflict, a.conflictButtons = nil, nil })
	d.Resize(fyne.NewSize(640, 200))
	a.conflict = d
	a.conflictButtons = map[string]*widget.Button{"merge": merge, "copy": copyBtn, "theirs": theirs, "cancel": later}
	a.trackDialog(d, nil)
}

// saveAsName is the name Save as suggests: a free copy name ("… (kopia)")
// for a read-only process, whose own file is someone else's.
func (a *App) saveAsName() string {
	if a.doc.readOnly() && a.doc.ldoc != nil && a.lib != nil {
		return filepath.Base(a.lib.lib.CopyName(a.doc.ldoc.Path))
	}
	return a.doc.fileName()
}

// saveAs asks for a file name and folder and saves there. The dialog is
// the app's own, not Fyne's file dialog, whose name field swallows Escape:
// the name comes selected, so typing replaces it, Enter saves and Escape
// closes. An existing file is never overwritten.
func (a *App) saveAs(then func()) {
	a.saveAsDialog(then)
}

// saveAsForm is the open Save as dialog (tests fill it in).
type saveAsForm struct {
	d            *dialog.CustomDialog
	name, folder *dialogEntry
	problem      *widget.Label
	save         func()
}

func (a *App) saveAsDialog(then func()) *saveAsForm {
	if a.doc == nil {
		return nil
	}
	f := &saveAsForm{name: newDialogEntry(a), folder: newDialogEntry(a), problem: widget.NewLabel("")}
	f.name.SetText(a.saveAsName())
	dir := ""
	switch {
	case a.doc.path != "" && !a.doc.readOnly():
		dir = filepath.Dir(a.doc.path)
	case a.lib != nil:
		dir = a.lib.dir
	default:
		dir, _ = os.UserHomeDir()
	}
	f.folder.SetText(dir)
	f.problem.Wrapping = fyne.TextWrapWord
	f.problem.Importance = widget.DangerImportance
	f.problem.Hide()
	form := widget.NewForm(
		widget.NewFormItem(lang.X("saveas.name", "File name"), f.name),
		widget.NewFormItem(lang.X("saveas.folder", "Folder"), folderField(f.folder, a.win)),
	)
	f.save = func() {
		name := strings.TrimSpace(f.name.Text)
		folder := strings.TrimSpace(f.folder.Text)
		if name == "" || strings.ContainsAny(name, `/\`) {
			f.problem.SetText(lang.X("saveas.err.name", "Write a file name (without folders), for example process.bpmn."))
			f.problem.Show()
			return
		}
		if !strings.EqualFold(filepath.Ext(name), ".bpmn") {
			name += ".bpmn"
		}
		if fi, err := os.Stat(folder); err != nil || !fi.IsDir() {
			f.problem.SetText(lang.X("saveas.err.folder", "The folder {{.Path}} does not exist or cannot be read. Choose another folder.", map[string]any{"Path": folder}))
			f.problem.Show()
			return
		}
		path := filepath.Join(folder, name)
		if _, err := os.Stat(path); err == nil {
			f.problem.SetText(lang.X("saveas.err.exists", "{{.File}} already exists in that folder. Choose another name: saving never replaces another file.", map[string]any{"File": name}))
			f.problem.Show()
			return
		}
		f.d.Hide()
		if err := a.write(path); err != nil {
			a.showError(err)
			return
		}
		if then != nil {
			then()
		}
	}
	f.name.OnSubmitted = func(string) { f.save() }
	f.folder.OnSubmitted = f.name.OnSubmitted
	saveBtn := widget.NewButtonWithIcon(lang.X("unsaved.save", "Save"), theme.DocumentSaveIcon(), f.save)
	saveBtn.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.X("unsaved.cancel", "Cancel"), theme.CancelIcon(), func() { f.d.Hide() })
	f.d = dialog.NewCustomWithoutButtons(lang.X("saveas.title", "Save as"), container.NewVBox(form, f.problem), a.win)
	f.d.SetButtons([]fyne.CanvasObject{cancel, saveBtn})
	f.d.Resize(fyne.NewSize(640, 220))
	a.trackDialog(f.d, f.save)
	// The name is selected: typing replaces it.
	a.win.Canvas().Focus(f.name)
	f.name.TypedShortcut(&fyne.ShortcutSelectAll{})
	return f
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

// autosaveTick runs on the UI thread every autosaveEvery: unsaved work
// (a library process, or a new process that has no file yet) goes to the
// recovery folder when it changed since the last tick, and the lock's
// heartbeat is renewed; a lock someone else took over makes the process
// read-only at once, so its holder does not keep saving over theirs.
func (a *App) autosaveTick() {
	doc := a.doc
	if doc == nil {
		return
	}
	if a.lib != nil && doc.held != nil && doc.ldoc != nil {
		a.retakeLock(doc)
	}
	if doc.lock != nil {
		if err := doc.lock.Refresh(); err != nil {
			var le *library.ErrLocked
			if errors.As(err, &le) {
				a.lockLost(doc, le)
			} else {
				a.status.setHint(libraryMessage(err))
			}
		}
	}
	a.autosave(doc)
}

// autosave writes doc to the recovery folder when it has unsaved changes
// made since the last autosave.
func (a *App) autosave(doc *document) {
	if doc == nil || !doc.dirty() || doc.autosaved == doc.rev+1 {
		return
	}
	var err error
	switch {
	case doc.ldoc != nil && a.lib != nil:
		err = a.lib.lib.Autosave(doc.ldoc)
	case doc.path == "":
		r, rerr := a.recovery()
		if rerr != nil {
			err = rerr
			break
		}
		if doc.rdoc == nil {
			doc.rdoc = library.NewDoc("", doc.defs)
		}
		doc.rdoc.Defs, doc.rdoc.Src = doc.defs, doc.src
		err = r.Save("", doc.rdoc)
	default:
		return // a file outside any library: nothing to key it by
	}
	if err != nil {
		a.status.setHint(libraryMessage(err))
		return
	}
	doc.autosaved = doc.rev + 1 // +1: the zero value means never
}

// recovery is the recovery folder: the open library's, else the user's
// default one (where the library keeps it too).
func (a *App) recovery() (*library.Recovery, error) {
	if a.lib != nil {
		if r := a.lib.lib.Recovery(); r != nil {
			return r, nil
		}
	}
	return library.OpenRecovery("")
}

// lockLost makes doc read-only because someone else broke our lock: its
// banner says who and offers Save as copy, so the unsaved work is kept
// without overwriting theirs.
func (a *App) lockLost(doc *document, le *library.ErrLocked) {
	doc.lock = nil
	held := *le
	if held.Since.IsZero() {
		held.Since = time.Now()
	}
	doc.held, doc.takenOver = &held, true
	doc.lockedBy = doc.heldText()
	doc.sess.ReadOnly = true
	if a.doc == doc {
		a.palette.setEnabled(false)
		a.showBanner()
		a.updateTitle()
		a.status.setHint(doc.lockedBy)
	}
}

// startAutosave runs autosaveTick until the window closes.
func (a *App) startAutosave() {
	t := time.NewTicker(autosaveEvery)
	a.stopAutosave = t.Stop
	go func() {
		for range t.C {
			fyne.Do(a.autosaveTick)
		}
	}()
}

// offerRecovery asks, one item at a time, whether to restore autosaved
// work of the open library (file's own first: "" = none) and of new
// processes that never got a file. Declined items are discarded; after a
// restore the rest stay in the folder for the next start, so no copy goes
// that the user was not asked about. then runs when nothing was restored
// (it opens what was asked for). It reports whether it asked.
func (a *App) offerRecovery(file string, then func()) bool {
	r, err := a.recovery()
	if err != nil {
		return false
	}
	items, err := r.List()
	if err != nil {
		return false
	}
	rel := ""
	if file != "" {
		rel, _ = a.relInLibrary(file)
	}
	var mine, others []library.RecoveryItem
	for _, it := range items {
		switch {
		case it.Library == "" && it.Path == "":
			if a.offeredNew[it.Key] {
				continue // asked already in this run
			}
			others = append(others, it)
		case a.lib == nil || it.Library != a.lib.dir:
			continue
		case rel != "" && it.Path == rel:
			mine = append(mine, it)
		default:
			others = append(others, it)
		}
	}
	queue := append(mine, others...)
	if len(queue) == 0 {
		return false
	}
	a.askRecovery(r, queue, then)
	return true
}

// askRecovery asks about queue[0], then the rest.
func (a *App) askRecovery(r *library.Recovery, queue []library.RecoveryItem, then func()) {
	if len(queue) == 0 {
		if then != nil && a.doc == nil {
			then()
		}
		return
	}
	it := queue[0]
	if it.Library == "" {
		if a.offeredNew == nil {
			a.offeredNew = map[string]bool{}
		}
		a.offeredNew[it.Key] = true
	}
	name := it.Name
	if name == "" {
		name = it.Path
	}
	if name == "" {
		name = lang.X("recover.new", "a new process")
	}
	msg := lang.X("recover.message", "Lanemap found unsaved work on “{{.Name}}” from {{.Time}}, kept when the program stopped unexpectedly. Restore it?",
		map[string]any{"Name": name, "Time": it.Saved.Local().Format("2006-01-02 15:04")})
	d := dialog.NewConfirm(lang.X("recover.title", "Restore unsaved work?"), msg, func(ok bool) {
		if !ok {
			r.Discard(it)
			a.askRecovery(r, queue[1:], then)
			return
		}
		ld, err := r.Restore(it)
		if err != nil {
			a.showError(fmt.Errorf("%s", libraryMessage(err)))
			a.askRecovery(r, queue[1:], then)
			return
		}
		var doc *document
		if it.Library == "" {
			// A new process: unsaved, no file; Save asks for a name.
			doc = &document{defs: ld.Defs, src: ld.Src, warnings: ld.Warnings, sess: edit.NewSession(ld.Defs, nil), rdoc: ld}
		} else {
			doc = fromLibrary(a.lib, ld)
		}
		doc.restored = true
		a.setDocument(doc)
	}, a.win)
	d.SetConfirmText(lang.X("recover.restore", "Restore"))
	d.SetDismissText(lang.X("recover.discard", "Discard it"))
	d.Show() // not tracked: Escape would discard the work
}
