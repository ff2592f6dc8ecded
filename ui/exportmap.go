package ui

// The Export map… dialog (Arkiv › Exportera kartan…): the open map as a
// PDF page, a PNG picture or an SVG drawing, for pasting into a routine
// document or sending to someone, as `lanemap render` does on the command
// line. It exports what is on screen, unsaved changes included, always in
// the light palette. Its texts live in assets/translations/export/ (kept
// in step with this file by TestExportTranslations).

import (
	"io"
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

	"lanemap/draw"
	"lanemap/export/pdf"
	"lanemap/export/png"
	"lanemap/export/svg"
	"lanemap/internal/atomicfile"
)

// prefExportDir remembers the folder of the last export.
const prefExportDir = "exportDir"

// expText is lang.X for the export dialog's keys.
func expText(key, fallback string, data ...any) string {
	return lang.LocalizeKey(key, fallback, data...)
}

// mapFormat is one of the formats the dialog offers.
type mapFormat struct {
	ext   string
	label string
}

func mapFormats() []mapFormat {
	return []mapFormat{
		{".pdf", expText("expdlg.format.pdf", "PDF (for printing)")},
		{".png", expText("expdlg.format.png", "PNG picture")},
		{".svg", expText("expdlg.format.svg", "SVG drawing")},
	}
}

// exportDialog is one open Export map… dialog.
type exportDialog struct {
	a *App
	d *dialog.CustomDialog

	format       *widget.RadioGroup
	paper        *widget.RadioGroup
	scale        *widget.RadioGroup
	handovers    *widget.Check
	name, folder *dialogEntry
	note         *widget.Label // the map's classification, when it is confidential
	problem      *widget.Label
	form         *widget.Form
	option       *widget.FormItem // paper or size, as the format has

	// replace is the path the user was told exists: a second Export
	// replaces it.
	replace string
}

// showExportDialog opens Exportera kartan…/Export map….
func (a *App) showExportDialog() { a.openExportDialog() }

// openExportDialog shows the dialog and returns it (for tests); nil when
// no map is open.
func (a *App) openExportDialog() *exportDialog {
	if a.doc == nil {
		a.status.setHint(expText("expdlg.noMap", "Open a process to export its map."))
		return nil
	}
	x := a.newExportDialog()
	a.trackDialog(x.d, x.export)
	a.win.Canvas().Focus(x.name)
	return x
}

func (a *App) newExportDialog() *exportDialog {
	x := &exportDialog{a: a}
	formats := mapFormats()
	labels := make([]string, len(formats))
	for i, f := range formats {
		labels[i] = f.label
	}
	x.format = widget.NewRadioGroup(labels, func(string) { x.formatChanged() })
	x.format.Required = true

	paperA4, paperA3, paperFit := expText("expdlg.paper.a4", "A4, landscape"), expText("expdlg.paper.a3", "A3, landscape"), expText("expdlg.paper.fit", "The map's own size")
	x.paper = widget.NewRadioGroup([]string{paperA4, paperA3, paperFit}, nil)
	x.paper.Horizontal = true
	x.paper.Required = true
	x.paper.SetSelected(paperA4)
	x.scale = widget.NewRadioGroup([]string{"1×", "2×", "3×"}, nil)
	x.scale.Horizontal = true
	x.scale.Required = true
	x.scale.SetSelected("2×")
	x.handovers = widget.NewCheck(expText("expdlg.handovers", "Mark handovers between roles"), nil)
	x.handovers.SetChecked(a.showHandovers)

	x.name, x.folder = newDialogEntry(a), newDialogEntry(a)
	x.name.SetText(safeFileName(a.doc.name()) + ".pdf")
	x.folder.SetText(a.exportFolder())
	x.name.OnSubmitted = func(string) { x.export() }
	x.folder.OnSubmitted = x.name.OnSubmitted
	// Typing a new name or folder withdraws the offer to replace.
	x.name.OnChanged = func(string) { x.replace = "" }
	x.folder.OnChanged = x.name.OnChanged

	x.note = widget.NewLabel("")
	x.note.Wrapping = fyne.TextWrapWord
	x.note.Importance = widget.WarningImportance
	if c := a.doc.defs.Meta.Classification; c >= 2 {
		x.note.SetText(expText("expdlg.confidential", "This map is classified {{.Class}} (confidential): it is never published. Give the exported file only to those who may see the map.", map[string]any{"Class": c}))
	} else {
		x.note.Hide()
	}
	x.problem = widget.NewLabel("")
	x.problem.Wrapping = fyne.TextWrapWord
	x.problem.Importance = widget.DangerImportance
	x.problem.Hide()

	// One row for the chosen format's option: paper for PDF, size for PNG.
	x.option = widget.NewFormItem("", container.NewStack(x.paper, x.scale))
	x.form = widget.NewForm(
		widget.NewFormItem(expText("expdlg.format", "Format"), x.format),
		x.option,
		widget.NewFormItem("", x.handovers),
		widget.NewFormItem(expText("expdlg.name", "File name"), x.name),
		widget.NewFormItem(expText("expdlg.folder", "Folder"), folderField(x.folder, a.win)),
	)
	exportBtn := widget.NewButtonWithIcon(expText("expdlg.export", "Export"), theme.DownloadIcon(), x.export)
	exportBtn.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(expText("expdlg.cancel", "Cancel"), theme.CancelIcon(), func() { x.d.Hide() })
	x.d = dialog.NewCustomWithoutButtons(expText("expdlg.title", "Export the map"), container.NewVBox(x.form, x.note, x.problem), a.win)
	x.d.SetButtons([]fyne.CanvasObject{cancel, exportBtn})
	x.d.Resize(fyne.NewSize(680, 420))
	x.format.SetSelected(formats[0].label)
	return x
}

// exportFolder is where exports go: the last export's folder, else the
// user's Documents (or home) folder. Not the library by default: it is
// for processes, and a shared one at that.
func (a *App) exportFolder() string {
	if dir := a.fyneApp.Preferences().String(prefExportDir); dir != "" {
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			return dir
		}
	}
	home, _ := os.UserHomeDir()
	for _, docs := range []string{"Dokument", "Documents"} {
		if fi, err := os.Stat(filepath.Join(home, docs)); err == nil && fi.IsDir() {
			return filepath.Join(home, docs)
		}
	}
	return home
}

// chosen is the selected format.
func (x *exportDialog) chosen() mapFormat {
	for _, f := range mapFormats() {
		if f.label == x.format.Selected {
			return f
		}
	}
	return mapFormats()[0]
}

// formatChanged shows the options of the chosen format and gives the file
// name its extension.
func (x *exportDialog) formatChanged() {
	f := x.chosen()
	if x.form == nil {
		return // still being built
	}
	x.paper.Hidden, x.scale.Hidden = f.ext != ".pdf", f.ext != ".png"
	switch f.ext {
	case ".pdf":
		x.option.Text = expText("expdlg.paper", "Paper")
	case ".png":
		x.option.Text = expText("expdlg.scale", "Size")
	default:
		x.option.Text = ""
	}
	x.form.Refresh()
	name := strings.TrimSpace(x.name.Text)
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf", ".png", ".svg":
		name = strings.TrimSuffix(name, filepath.Ext(name))
	}
	x.name.SetText(name + f.ext)
	if x.d != nil {
		// Back to the name, so Enter exports (a focused radio keeps Enter).
		x.a.win.Canvas().Focus(x.name)
	}
}

// export writes the map, or says in the dialog what stands in the way.
func (x *exportDialog) export() {
	a := x.a
	f := x.chosen()
	name, folder := strings.TrimSpace(x.name.Text), strings.TrimSpace(x.folder.Text)
	if name == "" || strings.ContainsAny(name, `/\`) {
		x.fail(expText("expdlg.err.name", "Write a file name (without folders), for example process.pdf."))
		return
	}
	if !strings.EqualFold(filepath.Ext(name), f.ext) {
		name += f.ext
	}
	if fi, err := os.Stat(folder); err != nil || !fi.IsDir() {
		x.fail(expText("expdlg.err.folder", "The folder {{.Path}} does not exist or cannot be read. Choose another folder.", map[string]any{"Path": folder}))
		return
	}
	path := filepath.Join(folder, name)
	if _, err := os.Stat(path); err == nil && x.replace != path {
		x.replace = path
		x.fail(expText("expdlg.err.exists", "{{.File}} already exists in that folder. Export again to replace it, or choose another name.", map[string]any{"File": name}))
		return
	}
	sess := a.doc.sess
	scene := draw.Build(sess.Doc, sess.Diagram, draw.Options{MarkHandovers: x.handovers.Checked})
	title := a.doc.name()
	var fill func(io.Writer) error
	note := ""
	switch f.ext {
	case ".pdf":
		paper := pdf.A4
		switch x.paper.Selected {
		case expText("expdlg.paper.a3", "A3, landscape"):
			paper = pdf.A3
		case expText("expdlg.paper.fit", "The map's own size"):
			paper = pdf.Fit
		}
		fill = func(w io.Writer) error {
			return pdf.Write(w, scene, pdf.Options{Paper: paper, Title: title, Subject: "BPMN process map"})
		}
	case ".png":
		sc := float64(1 + slices.Index(x.scale.Options, x.scale.Selected))
		if maxSc := png.MaxScale(scene); sc > maxSc {
			sc = maxSc
			note = expText("expdlg.smaller", "The map is too large for a picture of that size; it was made as large as a PNG may be.")
		}
		fill = func(w io.Writer) error { return png.Write(w, scene, sc) }
	case ".svg":
		fill = func(w io.Writer) error { return svg.Write(w, scene, svg.Options{Title: title}) }
	}
	if err := atomicfile.Write(path, 0o644, fill); err != nil {
		x.fail(expText("expdlg.err.write", "Could not write {{.File}}: {{.Err}}", map[string]any{"File": name, "Err": err.Error()}))
		return
	}
	a.fyneApp.Preferences().SetString(prefExportDir, folder)
	x.d.Hide()
	a.status.setHint(strings.TrimSpace(expText("expdlg.done", "Exported the map to {{.Path}}.", map[string]any{"Path": path}) + " " + note))
}

func (x *exportDialog) fail(msg string) {
	x.problem.SetText(msg)
	x.problem.Show()
}
