package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// statusBar is the line under everything: file, dirty marker, zoom, the
// canvas's hints and the number of reading warnings (click for the list).
type statusBar struct {
	file     *widget.Label
	dirty    *widget.Label
	zoom     *widget.Label
	hint     *widget.Label
	warnings *widget.Button
	box      fyne.CanvasObject
}

func newStatusBar(onWarnings func()) *statusBar {
	s := &statusBar{
		file:  widget.NewLabel(""),
		dirty: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		zoom:  widget.NewLabel(""),
		hint:  widget.NewLabel(""),
	}
	s.file.Truncation = fyne.TextTruncateEllipsis
	s.hint.Truncation = fyne.TextTruncateEllipsis
	s.warnings = widget.NewButtonWithIcon("", theme.WarningIcon(), onWarnings)
	s.warnings.Importance = widget.LowImportance
	s.warnings.Hide()
	left := container.NewHBox(s.dirty, s.warnings)
	right := container.NewHBox(s.zoom)
	mid := container.NewGridWithColumns(2, s.file, s.hint)
	s.box = container.NewBorder(widget.NewSeparator(), nil, left, right, mid)
	return s
}

// show updates the file, dirty and warnings parts for doc (nil = none open);
// a file in the library is named by the library folder and its path there.
func (s *statusBar) show(doc *document, lib *libraryView) {
	if doc == nil {
		s.file.SetText(lang.X("status.nofile", "No process open"))
		s.dirty.SetText("")
		s.warnings.Hide()
		return
	}
	name := doc.path
	if lib != nil && doc.ldoc != nil {
		name = filepath.Base(lib.dir) + " › " + doc.ldoc.Path
	}
	if name == "" {
		name = lang.X("status.new", "New process (not saved yet)")
	}
	s.file.SetText(name)
	switch {
	case doc.readOnly():
		s.dirty.SetText(lang.X("status.readonly", "Read-only"))
	case doc.dirty():
		s.dirty.SetText("• " + lang.X("status.unsaved", "Unsaved"))
	case doc.path == "":
		s.dirty.SetText(lang.X("status.notSavedYet", "Not saved yet"))
	default:
		s.dirty.SetText(lang.X("status.saved.mark", "Saved"))
	}
	if n := len(doc.warnings); n > 0 {
		s.warnings.SetText(lang.X("status.warnings", "Warnings: {{.Count}}", map[string]any{"Count": n}))
		s.warnings.Show()
	} else {
		s.warnings.Hide()
	}
}

func (s *statusBar) setHint(h string) { s.hint.SetText(h) }

func (s *statusBar) setZoom(z float64) {
	s.zoom.SetText(lang.X("status.zoom", "Zoom {{.Percent}} %", map[string]any{"Percent": int(z*100 + 0.5)}))
}
