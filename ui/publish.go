package ui

// The Publish… dialog: the editor's face of export/site, as `lanemap
// publish` is the command line's. One dialog goes through three phases —
// the choices, the progress with Cancel, the report — so the user never
// loses sight of what is happening. Publishing reads the files on disk
// through a library of its own (the window's library serves the UI thread;
// a second one keeps the publication off it), in a goroutine that touches
// widgets only through fyne.Do.
//
// The dialog's texts live in assets/translations/publish/ (a folder of
// their own, so this file and the shell's en.json can be edited apart);
// pubText reads them, and TestPublishTranslations keeps that folder in
// step with this file.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lanemap/export/site"
	"lanemap/library"
)

// prefPublishOut remembers the output folder between publications: the
// last one used (for a library published the first time), and per library
// as prefPublishOut + "." + a hash of the library's folder.
const prefPublishOut = "publishOutDir"

// publishOutKey is the preference key of libDir's output folder.
func publishOutKey(libDir string) string {
	if abs, err := filepath.Abs(libDir); err == nil {
		libDir = abs
	}
	h := sha256.Sum256([]byte(filepath.Clean(libDir)))
	return prefPublishOut + "." + hex.EncodeToString(h[:8])
}

// rememberedOut is the output folder last used for libDir, else the last
// one used for any library.
func rememberedOut(prefs fyne.Preferences, libDir string) string {
	if libDir != "" {
		if out := prefs.String(publishOutKey(libDir)); out != "" {
			return out
		}
	}
	return prefs.String(prefPublishOut)
}

// pubText is lang.X for the publish dialog's keys (kept in
// assets/translations/publish/, checked by TestPublishTranslations).
func pubText(key, fallback string, data ...any) string {
	return lang.LocalizeKey(key, fallback, data...)
}

// publishPhase is where the dialog is.
type publishPhase int

const (
	phaseChoose publishPhase = iota
	phaseRunning
	phaseDone // published, failed or cancelled
)

// publishDialog is one open Publish… dialog.
type publishDialog struct {
	a *App
	d *dialog.CustomDialog

	libDir, outDir *dialogEntry
	siteLang       *widget.RadioGroup
	drafts, pdf    *widget.Check
	paper          *widget.RadioGroup
	unsavedBox     *fyne.Container
	problem        *widget.Label // why Publish did not start
	form           *fyne.Container

	step     *widget.Label
	bar      *widget.ProgressBar
	progress *fyne.Container

	heading *widget.Label
	summary *widget.Label
	result  *fyne.Container

	publishBtn, closeBtn, cancelBtn, openBtn *widget.Button
	buttons                                  []*widget.Button // shown now

	// mu serialises the dialog's UI work. With a real driver all of it runs
	// on the UI thread anyway; Fyne's test driver runs fyne.Do at once on
	// the worker's goroutine, and this keeps that from racing with taps.
	mu     sync.Mutex
	phase  publishPhase
	cancel context.CancelFunc
	index  string // index.html of the finished site, "" when none
	// done is closed when a publication has ended and the dialog shows how.
	done chan struct{}
	// openURL opens a URL in the system browser (tests replace it).
	openURL func(*url.URL) error
	// tracked: shown through trackDialog (Escape and Enter answer it).
	tracked bool
	// asked is the open "publish into this folder anyway?" question.
	asked dialog.Dialog
}

// showPublishDialog opens Publicera…/Publish…: library folder (the open
// library by default), output folder (remembered in preferences), language
// (the UI's by default), drafts, handbook PDF and its paper; then progress
// with Cancel; then the report, with a button to open the site's
// index.html in the browser.
func (a *App) showPublishDialog() { a.openPublishDialog() }

// openPublishDialog shows the dialog and returns it (for tests).
func (a *App) openPublishDialog() *publishDialog {
	p := a.newPublishDialog()
	// Tracked: Escape closes it (cancelling a running publication first),
	// Enter publishes in the form and closes the report.
	a.trackDialog(p.d, func() { p.locked(p.enter) })
	p.tracked = true
	return p
}

// enter is the dialog's Enter key: Publish in the form, Close on the
// report; nothing while publishing. Holds p.mu.
func (p *publishDialog) enter() {
	switch p.phase {
	case phaseChoose:
		p.start()
	case phaseDone:
		p.d.Hide()
	}
}

// newPublishDialog builds the dialog without showing it.
func (a *App) newPublishDialog() *publishDialog {
	p := &publishDialog{a: a, openURL: a.fyneApp.OpenURL}
	prefs := a.fyneApp.Preferences()

	p.libDir = newDialogEntry(a)
	p.libDir.SetPlaceHolder(pubText("pubdlg.lib.placeholder", "The folder that holds the .bpmn files"))
	if a.lib != nil {
		p.libDir.SetText(a.lib.dir)
	} else {
		p.libDir.SetText(LastLibrary(prefs))
	}
	p.outDir = newDialogEntry(a)
	p.outDir.SetPlaceHolder(pubText("pubdlg.out.placeholder", "The intranet folder the site is written to"))
	p.outDir.SetText(rememberedOut(prefs, p.libDir.Text))
	// Enter in a field publishes, as the dialog's Enter does.
	p.libDir.OnSubmitted = func(string) { p.locked(p.enter) }
	p.outDir.OnSubmitted = p.libDir.OnSubmitted
	// Another library folder brings its own output folder along.
	p.libDir.OnChanged = func(dir string) {
		if out := prefs.String(publishOutKey(strings.TrimSpace(dir))); out != "" {
			p.outDir.SetText(out)
		}
	}

	sv, en := pubText("pubdlg.lang.sv", "Swedish"), pubText("pubdlg.lang.en", "English")
	// A focused radio or check keeps Enter: after a choice the focus goes
	// back to the output folder, so Enter publishes as it does elsewhere.
	refocus := func() {
		if p.d != nil {
			a.win.Canvas().Focus(p.outDir)
		}
	}
	p.siteLang = widget.NewRadioGroup([]string{sv, en}, func(string) { refocus() })
	p.siteLang.Horizontal = true
	p.siteLang.Required = true
	if uiLanguage() == site.Swedish {
		p.siteLang.SetSelected(sv)
	} else {
		p.siteLang.SetSelected(en)
	}
	p.drafts = widget.NewCheck(pubText("pubdlg.drafts", "Also publish drafts and processes under review, marked as such"), func(bool) { refocus() })
	p.paper = widget.NewRadioGroup([]string{"A4", "A3"}, func(string) { refocus() })
	p.paper.Horizontal = true
	p.paper.Required = true
	p.paper.SetSelected("A4")
	p.pdf = widget.NewCheck(pubText("pubdlg.pdf", "Make the PDF handbook (handbok.pdf in the output folder)"), func(on bool) {
		defer refocus()
		if on {
			p.paper.Enable()
		} else {
			p.paper.Disable()
		}
	})
	p.pdf.SetChecked(true)

	rule := widget.NewLabel(pubText("pubdlg.rule", "Processes with classification 2 or higher are never published. Only approved processes are, unless drafts are included."))
	rule.Wrapping = fyne.TextWrapWord

	p.problem = widget.NewLabel("")
	p.problem.Wrapping = fyne.TextWrapWord
	p.problem.Importance = widget.DangerImportance
	p.problem.Hide()

	p.unsavedBox = container.NewVBox()
	p.showUnsaved()

	form := widget.NewForm(
		widget.NewFormItem(pubText("pubdlg.lib", "Library folder"), folderField(p.libDir, a.win)),
		widget.NewFormItem(pubText("pubdlg.out", "Output folder"), folderField(p.outDir, a.win)),
		widget.NewFormItem(pubText("pubdlg.lang", "Language of the site"), p.siteLang),
		widget.NewFormItem(pubText("pubdlg.content", "Content"), p.drafts),
		widget.NewFormItem(pubText("pubdlg.handbook", "Handbook"), container.NewVBox(p.pdf, p.paper)),
	)
	p.form = container.NewVBox(form, rule, p.unsavedBox, p.problem)

	p.step = widget.NewLabel("")
	p.step.Truncation = fyne.TextTruncateEllipsis
	p.bar = widget.NewProgressBar()
	p.progress = container.NewVBox(p.step, p.bar)
	p.progress.Hide()

	p.heading = widget.NewLabel("")
	p.heading.TextStyle = fyne.TextStyle{Bold: true}
	p.heading.Wrapping = fyne.TextWrapWord
	p.summary = widget.NewLabel("")
	p.summary.Wrapping = fyne.TextWrapWord
	p.summary.Selectable = true // a user may copy it into an e-mail
	scroll := container.NewVScroll(p.summary)
	scroll.SetMinSize(fyne.NewSize(0, 220))
	p.result = container.NewBorder(p.heading, nil, nil, nil, scroll)
	p.result.Hide()

	p.publishBtn = widget.NewButtonWithIcon(pubText("pubdlg.publish", "Publish"), theme.UploadIcon(), func() { p.locked(p.start) })
	p.publishBtn.Importance = widget.HighImportance
	p.closeBtn = widget.NewButton(pubText("pubdlg.close", "Close"), func() { p.d.Hide() })
	p.cancelBtn = widget.NewButtonWithIcon(pubText("pubdlg.cancel", "Cancel"), theme.CancelIcon(), func() { p.locked(p.stop) })
	p.openBtn = widget.NewButtonWithIcon(pubText("pubdlg.open", "Open the site in the browser"), theme.ComputerIcon(), func() { p.locked(p.openSite) })

	content := container.NewVBox(p.form, p.progress, p.result)
	p.d = dialog.NewCustomWithoutButtons(pubText("pubdlg.title", "Publish"), content, a.win)
	// Escape hides the dialog; a running publication must not go on
	// unseen, so closing cancels it (the status bar then says so).
	p.d.SetOnClosed(func() {
		if p.phase == phaseRunning {
			p.cancel()
		}
	})
	p.setButtons(p.closeBtn, p.publishBtn)
	p.d.Resize(fyne.NewSize(720, 560))
	return p
}

// setButtons puts bs at the foot of the dialog.
func (p *publishDialog) setButtons(bs ...*widget.Button) {
	p.buttons = bs
	objs := make([]fyne.CanvasObject, len(bs))
	for i, b := range bs {
		objs[i] = b
	}
	p.d.SetButtons(objs)
}

// dialogEntry is an entry in a tracked dialog: Escape, which a focused
// entry would swallow, closes the dialog as it does elsewhere.
type dialogEntry struct {
	widget.Entry
	a *App
}

func newDialogEntry(a *App) *dialogEntry {
	e := &dialogEntry{a: a}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey hands Escape to the dialog; every other key is the Entry's.
func (e *dialogEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.a.dialogKey(fyne.KeyEscape) {
		return
	}
	e.Entry.TypedKey(ev)
}

// folderField is an entry with a Choose… button opening a folder dialog.
func folderField(e *dialogEntry, win fyne.Window) fyne.CanvasObject {
	choose := widget.NewButtonWithIcon(pubText("pubdlg.choose", "Choose…"), theme.FolderOpenIcon(), func() {
		fd := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err != nil || u == nil {
				return
			}
			e.SetText(u.Path())
		}, win)
		if l, err := listerFor(strings.TrimSpace(e.Text)); err == nil {
			fd.SetLocation(l)
		}
		fd.Resize(fyne.NewSize(900, 600))
		fd.Show()
	})
	return container.NewBorder(nil, nil, nil, choose, e)
}

// uiLanguage is the site language matching the UI's: Swedish when the
// system locale is Swedish (the shell then speaks Swedish), else English.
func uiLanguage() string {
	if strings.HasPrefix(strings.ToLower(string(lang.SystemLocale())), "sv") {
		return site.Swedish
	}
	return site.English
}

// locked runs f holding the dialog's lock (see publishDialog.mu).
func (p *publishDialog) locked(f func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f()
}

// do runs f on the UI thread, holding the dialog's lock.
func (p *publishDialog) do(f func()) { fyne.Do(func() { p.locked(f) }) }

// showUnsaved warns that unsaved work is not published, with Save now.
func (p *publishDialog) showUnsaved() {
	a := p.a
	p.unsavedBox.RemoveAll()
	if !a.Dirty() {
		return
	}
	msg := widget.NewLabel(pubText("pubdlg.unsaved", "“{{.Name}}” has changes that are not saved. Publishing uses the files as they are saved on disk, so these changes will not be on the site.", map[string]any{"Name": a.doc.name()}))
	msg.Wrapping = fyne.TextWrapWord
	msg.Importance = widget.WarningImportance
	save := widget.NewButtonWithIcon(pubText("pubdlg.saveFirst", "Save now"), theme.DocumentSaveIcon(), func() {
		a.save(func() { p.locked(p.showUnsaved) })
	})
	p.unsavedBox.Add(msg)
	p.unsavedBox.Add(container.NewHBox(save))
}

// options reads the choices; it says what is wrong and what to do when
// they cannot be published.
func (p *publishDialog) options() (libDir, outDir string, opts site.Options, err error) {
	libDir, outDir = strings.TrimSpace(p.libDir.Text), strings.TrimSpace(p.outDir.Text)
	if libDir == "" {
		return "", "", opts, errors.New(pubText("pubdlg.err.noLib", "Choose the library folder: the folder that holds the .bpmn files to publish."))
	}
	if fi, err := os.Stat(libDir); err != nil || !fi.IsDir() {
		return "", "", opts, errors.New(pubText("pubdlg.err.libMissing", "The library folder {{.Path}} does not exist or cannot be read. Check that the network folder is reachable, or choose another folder.", map[string]any{"Path": libDir}))
	}
	if outDir == "" {
		return "", "", opts, errors.New(pubText("pubdlg.err.noOut", "Choose the output folder: where the intranet site is written (it is created if missing)."))
	}
	la, _ := filepath.Abs(libDir)
	oa, _ := filepath.Abs(outDir)
	if la == oa {
		return "", "", opts, errors.New(pubText("pubdlg.err.same", "The output folder must not be the library folder. Choose another folder for the site, for example a folder on the intranet's share."))
	}
	opts = site.Options{Lang: site.Swedish, Drafts: p.drafts.Checked, NoPDF: !p.pdf.Checked, Paper: strings.ToLower(p.paper.Selected)}
	if p.siteLang.Selected == pubText("pubdlg.lang.en", "English") {
		opts.Lang = site.English
	}
	return la, oa, opts, nil
}

// start checks the choices and the output folder and publishes in a
// goroutine; a folder that holds another library's site, or other files,
// is published into only after the user confirms. Holds p.mu.
func (p *publishDialog) start() {
	if p.phase != phaseChoose || p.asked != nil {
		return
	}
	libDir, outDir, opts, err := p.options()
	if err != nil {
		p.problem.SetText(err.Error())
		p.problem.Show()
		return
	}
	p.problem.Hide()
	opts.Library = libDir
	var oe *site.OutputError
	if err := site.CheckTargets(outDir, opts); errors.As(err, &oe) && (oe.Problem == site.OutputOtherLibrary || oe.Problem == site.OutputNotASite) {
		p.askOverwrite(libDir, outDir, opts, oe)
		return
	}
	// Other problems (not writable, inside the library) are reported by
	// the publication itself, in the report.
	p.run(libDir, outDir, opts)
}

// askOverwrite asks before publishing into a folder that is not empty
// and holds no site of this library. Holds p.mu.
func (p *publishDialog) askOverwrite(libDir, outDir string, opts site.Options, oe *site.OutputError) {
	msg := pubText("pubdlg.other.notasite", "The folder {{.Path}} is not empty and holds no Lanemap site. Publish into it anyway? The files already there are left as they are.", map[string]any{"Path": outDir})
	if oe.Problem == site.OutputOtherLibrary {
		msg = pubText("pubdlg.other.library", "The folder {{.Path}} holds another site, published from the library {{.Library}}. Overwrite it with this library's site?", map[string]any{"Path": outDir, "Library": oe.Library})
	}
	d := dialog.NewConfirm(pubText("pubdlg.other.title", "Publish into this folder?"), msg, func(ok bool) {
		p.locked(func() {
			p.asked = nil
			if !ok || p.phase != phaseChoose {
				return
			}
			opts.Force = true
			p.run(libDir, outDir, opts)
		})
	}, p.a.win)
	d.SetConfirmText(pubText("pubdlg.other.confirm", "Publish anyway"))
	d.SetDismissText(pubText("pubdlg.cancel", "Cancel"))
	p.asked = d
	if p.tracked {
		p.a.trackDialog(d, nil) // Enter must not overwrite: only a click does
	} else {
		d.Show()
	}
}

// run publishes in a goroutine. Holds p.mu.
func (p *publishDialog) run(libDir, outDir string, opts site.Options) {
	prefs := p.a.fyneApp.Preferences()
	prefs.SetString(prefPublishOut, outDir)
	prefs.SetString(publishOutKey(libDir), outDir)

	ctx, cancel := context.WithCancel(context.Background())
	p.phase, p.cancel, p.done = phaseRunning, cancel, make(chan struct{})
	p.form.Hide()
	p.step.SetText(pubText("pubdlg.step.start", "Reading the library…"))
	p.bar.SetValue(0)
	p.progress.Show()
	p.cancelBtn.Enable()
	p.setButtons(p.cancelBtn)

	var (
		pmu  sync.Mutex
		best int // progress may arrive from several goroutines: never go back
	)
	opts.Progress = func(done, total int, what string) {
		pmu.Lock()
		if done < best || total <= 0 {
			pmu.Unlock()
			return
		}
		best = done
		pmu.Unlock()
		p.do(func() {
			if p.phase != phaseRunning || p.cancelBtn.Disabled() {
				return // cancelling: keep saying so
			}
			p.bar.SetValue(float64(done) / float64(total))
			p.step.SetText(stepText(what))
		})
	}
	go func() {
		rep, err := publish(ctx, libDir, outDir, opts)
		p.do(func() { p.finish(ctx, outDir, opts.Lang, rep, err) })
	}()
}

// publish opens libDir as a library of its own and publishes it.
func publish(ctx context.Context, libDir, outDir string, opts site.Options) (site.Report, error) {
	lib, err := library.Open(libDir, library.Options{})
	if err != nil {
		return site.Report{}, fmt.Errorf("%s", libraryMessage(err))
	}
	return site.Publish(ctx, lib, outDir, opts)
}

// stepText names the step Progress reported: a file, the handbook, or
// writing the site.
func stepText(what string) string {
	switch {
	case what == "":
		return pubText("pubdlg.step.write", "Writing the site's files…")
	case strings.EqualFold(filepath.Ext(what), ".pdf"):
		return pubText("pubdlg.step.handbook", "Making the handbook…")
	default:
		return pubText("pubdlg.step.file", "Working on {{.File}}", map[string]any{"File": what})
	}
}

// stop cancels the running publication; finish reports when it has
// stopped. Holds p.mu.
func (p *publishDialog) stop() {
	if p.phase != phaseRunning {
		return
	}
	p.cancel()
	p.cancelBtn.Disable()
	p.step.SetText(pubText("pubdlg.step.cancelling", "Cancelling… files being written are finished first."))
}

// finish shows how the publication ended. Holds p.mu.
func (p *publishDialog) finish(ctx context.Context, outDir, siteLang string, rep site.Report, err error) {
	defer close(p.done)
	cancelled := err != nil && (errors.Is(err, context.Canceled) || ctx.Err() != nil)
	p.cancel() // releases the context's resources
	p.phase = phaseDone
	p.progress.Hide()
	p.index = ""
	buttons := []*widget.Button{p.closeBtn}
	switch {
	case cancelled:
		p.a.status.setHint(pubText("pubdlg.status.cancelled", "Publishing to {{.Path}} was cancelled; the site there is not complete.", map[string]any{"Path": outDir}))
		p.heading.SetText(pubText("pubdlg.cancelled", "Publishing was cancelled."))
		p.summary.SetText(pubText("pubdlg.cancelled.what", "The site in {{.Path}} is not complete. Files written before you cancelled are whole and listed in the folder's manifest; publish again to finish the site.", map[string]any{"Path": outDir}))
		p.heading.Importance = widget.WarningImportance
	case err != nil:
		p.a.status.setHint(pubText("pubdlg.failed", "Publishing failed."))
		p.a.errorShown = err.Error()
		p.heading.SetText(pubText("pubdlg.failed", "Publishing failed."))
		p.heading.Importance = widget.DangerImportance
		p.summary.SetText(failureText(err, outDir))
	default:
		p.heading.SetText(pubText("pubdlg.done", "Published."))
		p.heading.Importance = widget.SuccessImportance
		p.summary.SetText(rep.Summary(siteLang, outDir))
		index := filepath.Join(outDir, "index.html")
		if _, err := os.Stat(index); err == nil {
			p.index = index
			p.openBtn.Importance = widget.HighImportance
			buttons = append(buttons, p.openBtn)
		}
		p.a.status.setHint(pubText("pubdlg.status", "The site is published in {{.Path}}", map[string]any{"Path": outDir}))
	}
	p.heading.Refresh()
	p.result.Show()
	p.setButtons(buttons...)
	// The form's fields are hidden now: give Escape and Enter back to the
	// window, which answers the dialog with them.
	p.a.win.Canvas().Unfocus()
}

// failureText says what went wrong and what to do.
func failureText(err error, outDir string) string {
	what := pubText("pubdlg.failed.what", "Nothing more was written. Files already in {{.Path}} are whole; check the message above, then publish again.", map[string]any{"Path": outDir})
	if errors.Is(err, os.ErrPermission) {
		what = pubText("pubdlg.failed.permission", "You may not write to {{.Path}}. Choose a folder you may write to, or ask the intranet's administrator for access.", map[string]any{"Path": outDir})
	}
	return err.Error() + "\n\n" + what
}

// openSite opens the published index.html in the system browser. Holds p.mu.
func (p *publishDialog) openSite() {
	if p.index == "" {
		return
	}
	u, err := url.Parse(storage.NewFileURI(p.index).String())
	if err == nil {
		err = p.openURL(u)
	}
	if err != nil {
		p.a.showError(fmt.Errorf("%v\n\n%s", err, pubText("pubdlg.err.open", "Open {{.Path}} in your web browser yourself.", map[string]any{"Path": p.index})))
	}
}
