// Package ui is Lanemap's desktop application shell: the window around the
// editor canvas, with the library sidebar (processes, status, search), the
// properties panel (name, documentation, links, lane role, or the process
// metadata), the palette, the quick-add field, the handover list, menus with
// the platform's shortcuts, the status bar, save/open/recent files and the
// dialogs that ask before unsaved work is lost.
//
// Why a package of its own: ARCHITECTURE.md makes canvas/ the only importer
// of Fyne, but canvas/ is the editor widget — one reusable control that
// knows the Scene, tools and selection. The window, sidebar, panels and
// dialogs are an application around that widget; they change for other
// reasons (menus, translations, files, libraries) and would bloat the
// widget's package. So Fyne has two importers: canvas/ for the control and
// ui/ for the shell; cmd/lanemap only wires ui to the command line.
//
// Design: App owns one open document (model, loaded XML for lossless saves,
// reading warnings, edit.Session). Every change the panels make is one
// Session command, so the stack's clean mark is the dirty flag shown as •
// in the title and status bar. Switching process, closing it and closing
// the window all go through confirmUnsaved (Save / Discard / Cancel).
// A library file another instance holds the lock on opens read-only: the
// session's ReadOnly flag refuses every edit, Save is disabled, and a
// banner over the map names the holder and offers "Break the lock…" (after
// a warning) and "Save as copy…" (which takes the lock on the copy). The
// session's Guard asks before a Delete takes a lane that still holds steps
// (move them to the neighbour, delete them, or cancel). Dialogs are shown
// through trackDialog so Escape and Enter answer them, and menu and
// shortcut actions do nothing while a modal dialog is open. A save that
// meets someone else's newer version merges by element and lets the user
// pick mine or theirs for each element both changed; a file replaced by
// something that is not BPMN offers only a copy or an overwrite.
// Insert lists every element the renderer draws (it arms the map's create
// tool; a collapsed sub-process is placed as a task and changed, a
// boundary event goes on the selected activity's lower edge, since the
// map's drop target for a click is a lane, not a task). Arrange aligns
// and distributes the selected steps, Lane acts on the selected lane or
// the lane of the selected step (a lane's Delete goes through the same
// question as Delete on the map) and adds pools. The properties panel
// changes an element's type within its family, an event's trigger (only
// those BPMN allows for that event) and a flow's default mark and
// condition, each one undo step; a change of type rebuilds the panel.
// Texts come from assets/translations via Fyne's lang package (lang.X with
// an English fallback; TestTranslationsComplete keeps en.json and sv.json in
// step with the code), so the shell speaks Swedish when the system locale
// is Swedish.
package ui
