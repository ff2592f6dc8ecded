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
// Texts come from assets/translations via Fyne's lang package (lang.X with
// an English fallback; TestTranslationsComplete keeps en.json and sv.json in
// step with the code), so the shell speaks Swedish when the system locale
// is Swedish.
package ui
