package ui

import (
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lanemap/bpmn"
	"lanemap/model"
)

// openPublish opens the Publish… dialog on a copy of the examples, with
// the output folder set to a fresh temporary folder.
func openPublish(t *testing.T) (*App, *publishDialog, string) {
	t.Helper()
	a, _ := openApp(t, "lex-sarah.bpmn")
	p := a.newPublishDialog()
	p.d.Show()
	out := filepath.Join(t.TempDir(), "webb")
	p.outDir.SetText(out)
	return a, p, out
}

// waitDone waits until the publication has ended and the dialog says how.
// The bound only keeps a hung publication from hanging the test run.
func waitDone(t *testing.T, p *publishDialog) {
	t.Helper()
	var done chan struct{}
	p.locked(func() { done = p.done })
	if done == nil {
		t.Fatal("no publication started")
	}
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("publication did not end")
	}
}

func hasButton(p *publishDialog, b *widget.Button) bool { return slices.Contains(p.buttons, b) }

func TestPublishDialogPublishes(t *testing.T) {
	a, p, out := openPublish(t)
	if lib, _ := filepath.Abs(p.libDir.Text); lib != a.lib.dir {
		t.Errorf("library folder %q, want the open library %q", p.libDir.Text, a.lib.dir)
	}
	if p.siteLang.Selected != "English" {
		t.Errorf("site language %q, want the UI's (English)", p.siteLang.Selected)
	}
	if !p.pdf.Checked || p.drafts.Checked || p.paper.Selected != "A4" {
		t.Errorf("defaults: pdf %v drafts %v paper %q", p.pdf.Checked, p.drafts.Checked, p.paper.Selected)
	}
	p.pdf.SetChecked(false)
	if !p.paper.Disabled() {
		t.Error("paper stays choosable without a handbook")
	}
	p.pdf.SetChecked(true)
	p.paper.SetSelected("A3")

	test.Tap(p.publishBtn)
	waitDone(t, p)
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Fatalf("no index.html: %v (dialog says %q: %q)", err, p.heading.Text, p.summary.Text)
	}
	if _, err := os.Stat(filepath.Join(out, "handbok.pdf")); err != nil {
		t.Errorf("no handbook: %v", err)
	}
	if p.heading.Text != "Published." {
		t.Errorf("heading %q", p.heading.Text)
	}
	for _, want := range []string{
		"skyddade-personuppgifter.bpmn: classification 2 or higher is never published",
		"bistandsbeslut-till-hemtjanst.bpmn: status is", // a draft, left out without the option
		"Published 3 processes", // lex-sarah, orosanmalan-barn, ekonomiskt-bistand
	} {
		if !strings.Contains(p.summary.Text, want) {
			t.Errorf("summary lacks %q:\n%s", want, p.summary.Text)
		}
	}
	if !p.result.Visible() || p.progress.Visible() || p.form.Visible() {
		t.Error("the report is not what the dialog shows")
	}
	if !hasButton(p, p.openBtn) || !hasButton(p, p.closeBtn) || hasButton(p, p.cancelBtn) {
		t.Errorf("buttons after publishing: %d", len(p.buttons))
	}
	var opened *url.URL
	p.openURL = func(u *url.URL) error { opened = u; return nil }
	test.Tap(p.openBtn)
	if opened == nil || opened.Scheme != "file" || filepath.FromSlash(opened.Path) != filepath.Join(out, "index.html") {
		t.Errorf("opened %v, want file://…/index.html", opened)
	}
	// The output folder is remembered for next time.
	if next := a.newPublishDialog(); next.outDir.Text != out {
		t.Errorf("next dialog's output folder %q, want %q", next.outDir.Text, out)
	}
}

func TestPublishDialogDrafts(t *testing.T) {
	_, p, out := openPublish(t)
	p.pdf.SetChecked(false)
	p.drafts.SetChecked(true)
	p.siteLang.SetSelected("Swedish")
	test.Tap(p.publishBtn)
	waitDone(t, p)
	if p.heading.Text != "Published." {
		t.Fatalf("heading %q: %s", p.heading.Text, p.summary.Text)
	}
	// Left-out processes are listed indented; warnings start "Varning:".
	if strings.Contains(p.summary.Text, "\n  bistandsbeslut-till-hemtjanst.bpmn:") {
		t.Errorf("the draft was left out although drafts were asked for:\n%s", p.summary.Text)
	}
	if !strings.Contains(p.summary.Text, "skyddade-personuppgifter.bpmn: informationsklass 2") {
		t.Errorf("the classified process is not reported left out, in Swedish:\n%s", p.summary.Text)
	}
	if _, err := os.Stat(filepath.Join(out, "handbok.pdf")); err == nil {
		t.Error("a handbook was written with the handbook off")
	}
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `lang="sv"`) {
		t.Error("the site is not in Swedish")
	}
}

func TestPublishDialogCancel(t *testing.T) {
	_, p, out := openPublish(t)
	// Cancel right away: before the worker can report anything.
	p.locked(func() {
		p.start()
		if !hasButton(p, p.cancelBtn) || hasButton(p, p.publishBtn) || !p.progress.Visible() {
			t.Error("while publishing the dialog does not offer Cancel with the progress")
		}
		p.stop()
	})
	waitDone(t, p)
	if p.heading.Text != "Publishing was cancelled." {
		t.Errorf("heading %q, want cancelled", p.heading.Text)
	}
	if hasButton(p, p.openBtn) || p.index != "" {
		t.Error("a cancelled site is offered for opening")
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err == nil {
		t.Error("a cancelled publication wrote index.html")
	}
	if !strings.Contains(p.summary.Text, "publish again") {
		t.Errorf("no word on what to do: %q", p.summary.Text)
	}
}

func TestPublishDialogRefuses(t *testing.T) {
	for _, c := range []struct {
		name, lib, out, want string
	}{
		{"no output folder", "", "", "Choose the output folder"},
		{"output is the library", "", "LIB", "must not be the library folder"},
		{"no library folder", " ", "x", "Choose the library folder"},
		{"missing library", "missing", "x", "does not exist"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, p, _ := openPublish(t)
			if c.lib != "" {
				p.libDir.SetText(strings.ReplaceAll(c.lib, "missing", filepath.Join(t.TempDir(), "saknas")))
			}
			p.outDir.SetText(strings.ReplaceAll(c.out, "LIB", a.lib.dir))
			test.Tap(p.publishBtn)
			if !p.problem.Visible() || !strings.Contains(p.problem.Text, c.want) {
				t.Errorf("problem %q (shown %v), want %q", p.problem.Text, p.problem.Visible(), c.want)
			}
			if p.phase != phaseChoose || p.done != nil {
				t.Error("publishing started anyway")
			}
		})
	}
}

func TestPublishDialogFailure(t *testing.T) {
	a, p, _ := openPublish(t)
	// A file where the output folder should be: nothing can be written.
	blocker := filepath.Join(t.TempDir(), "webb")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	p.outDir.SetText(blocker)
	p.pdf.SetChecked(false)
	test.Tap(p.publishBtn)
	waitDone(t, p)
	if p.heading.Text != "Publishing failed." {
		t.Fatalf("heading %q: %s", p.heading.Text, p.summary.Text)
	}
	if !strings.Contains(p.summary.Text, "publish again") || a.errorShown == "" || !strings.Contains(p.summary.Text, a.errorShown) {
		t.Errorf("failure does not say what happened and what to do: %q", p.summary.Text)
	}
	if hasButton(p, p.openBtn) {
		t.Error("a failed site is offered for opening")
	}
}

func TestPublishDialogUnsavedWork(t *testing.T) {
	a, p, _ := openPublish(t)
	if len(p.unsavedBox.Objects) != 0 {
		t.Fatal("warns about unsaved work with nothing unsaved")
	}
	task := firstNode(t, a.doc.defs, func(n *model.Node) bool { return n.Kind.IsTask() })
	if err := a.doc.sess.Rename(task.ID, "Ta emot rapporten"); err != nil {
		t.Fatal(err)
	}
	p = a.newPublishDialog()
	if len(p.unsavedBox.Objects) != 2 || !containsText(p.unsavedBox, "not saved") {
		t.Fatal("no warning that unsaved changes are not published")
	}
	save := p.unsavedBox.Objects[1].(*fyne.Container).Objects[0].(*widget.Button)
	test.Tap(save)
	if a.Dirty() || len(p.unsavedBox.Objects) != 0 {
		t.Errorf("after Save now: dirty %v, warning shown %v", a.Dirty(), len(p.unsavedBox.Objects) != 0)
	}
	if d, _, _, err := bpmn.ReadFile(a.doc.path); err != nil || d.Node(task.ID).Name != "Ta emot rapporten" {
		t.Errorf("Save now did not write the change (%v)", err)
	}
}

func TestStepText(t *testing.T) {
	english(t)
	for what, want := range map[string]string{
		"":                     "Writing the site's files…",
		"handbok.pdf":          "Making the handbook…",
		"HANDBOK.PDF":          "Making the handbook…",
		"sub/lex-sarah.bpmn":   "Working on sub/lex-sarah.bpmn",
		"orosanmalan-barn.bpm": "Working on orosanmalan-barn.bpm",
	} {
		if got := stepText(what); got != want {
			t.Errorf("stepText(%q) = %q, want %q", what, got, want)
		}
	}
}

// pubKeys finds every pubText("key", "fallback").
func pubKeys(t *testing.T) map[string]string { return textKeys(t, "pubText") }

// TestPublishTranslations keeps assets/translations/publish/ in step with
// publish.go, as TestTranslationsComplete does for the shell's files;
// -update rewrites en.json from the code's English fallbacks.
func TestPublishTranslations(t *testing.T) {
	dir := filepath.Join("..", "assets", "translations", "publish")
	used := pubKeys(t)
	if len(used) < 20 {
		t.Fatalf("found only %d pubText keys; the scanner is broken", len(used))
	}
	checkMessages(t, dir, used)
	noKeysElsewhere(t, used, "en.json", filepath.Join("canvas", "en.json"), filepath.Join("export", "en.json"))
	// The folder is loaded with the rest: the dialog speaks Swedish.
	setLang(t, "sv_SE.UTF-8")
	t.Cleanup(func() {
		os.Setenv("LANG", "en_US.UTF-8")
		LoadTranslations()
	})
	if got := pubText("pubdlg.title", "Publish"); got != "Publicera" {
		t.Errorf("Swedish title %q, want Publicera", got)
	}
	if uiLanguage() != "sv" {
		t.Error("the site language does not follow a Swedish UI")
	}
}

func TestPublishFromTheFileMenu(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	if top := a.win.Canvas().Overlays().Top(); top != nil {
		t.Fatal("an overlay is open before File › Publish…")
	}
	menuItem(t, a, "Publish…").Action()
	if a.win.Canvas().Overlays().Top() == nil {
		t.Fatal("File › Publish… opened no dialog")
	}
}

// A choice made with a radio or a check hands the focus back to the output
// folder, so Enter publishes (a focused radio would keep it).
func TestPublishChoiceKeepsEnter(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	p := a.openPublishDialog()
	for name, choose := range map[string]func(){
		"paper": func() { p.paper.SetSelected("A3") },
		"language": func() {
			other := p.siteLang.Options[0]
			if p.siteLang.Selected == other {
				other = p.siteLang.Options[1]
			}
			p.siteLang.SetSelected(other)
		},
		"drafts":   func() { p.drafts.SetChecked(true) },
		"handbook": func() { p.pdf.SetChecked(false) },
	} {
		a.win.Canvas().Focus(p.libDir)
		choose()
		if got := a.win.Canvas().Focused(); got != p.outDir {
			t.Errorf("after the %s choice the focus is on %T, not the output folder", name, got)
		}
	}
}
