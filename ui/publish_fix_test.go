package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestPublishDialogEscapeAndEnter(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	c := a.win.Canvas()
	// Escape in a field closes the dialog.
	p := a.openPublishDialog()
	c.Focus(p.outDir)
	p.outDir.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Overlays().Top() != nil {
		t.Fatal("Escape in the output folder field did not close the dialog")
	}
	// Escape with nothing focused closes it too.
	a.openPublishDialog()
	a.typedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Overlays().Top() != nil {
		t.Fatal("Escape did not close the dialog")
	}
	// Enter in a field publishes; Enter on the report closes it.
	p = a.openPublishDialog()
	out := filepath.Join(t.TempDir(), "webb")
	p.outDir.SetText(out)
	p.pdf.SetChecked(false)
	c.Focus(p.outDir)
	p.outDir.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	waitDone(t, p)
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Fatalf("Enter did not publish: %v (%q)", err, p.summary.Text)
	}
	a.typedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if c.Overlays().Top() != nil {
		t.Error("Enter on the report did not close the dialog")
	}
}

func TestPublishCancelledSaysSoInTheStatusBar(t *testing.T) {
	a, p, out := openPublish(t)
	a.status.setHint("The site is published in " + out) // an earlier publication
	p.locked(func() {
		p.start()
		p.stop()
	})
	waitDone(t, p)
	if h := a.status.hint.Text; !strings.Contains(h, "cancelled") {
		t.Errorf("status bar says %q after a cancelled publication", h)
	}
}

func TestPublishOutputRememberedPerLibrary(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	libA := a.lib.dir
	libB := examples(t)
	outA, outB := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, c := range []struct{ lib, out string }{{libA, outA}, {libB, outB}} {
		p := a.newPublishDialog()
		p.libDir.SetText(c.lib)
		p.outDir.SetText(c.out)
		p.pdf.SetChecked(false)
		p.locked(p.start)
		waitDone(t, p)
	}
	p := a.newPublishDialog() // the open library: A
	if p.outDir.Text != outA {
		t.Errorf("output folder for library A is %q; want %q", p.outDir.Text, outA)
	}
	p.libDir.SetText(libB)
	if p.outDir.Text != outB {
		t.Errorf("output folder for library B is %q; want %q", p.outDir.Text, outB)
	}
}

func TestPublishAsksBeforeReplacingAnotherSite(t *testing.T) {
	for _, other := range []string{"another library", "other files"} {
		t.Run(other, func(t *testing.T) {
			a, _ := openApp(t, "lex-sarah.bpmn")
			out := filepath.Join(t.TempDir(), "webb")
			if other == "another library" {
				p := a.newPublishDialog()
				p.libDir.SetText(examples(t))
				p.outDir.SetText(out)
				p.pdf.SetChecked(false)
				p.locked(p.start)
				waitDone(t, p)
			} else {
				os.MkdirAll(out, 0o755)
				os.WriteFile(filepath.Join(out, "viktigt.txt"), []byte("x"), 0o644)
			}
			before, _ := os.ReadDir(out)
			p := a.openPublishDialog()
			p.outDir.SetText(out)
			p.pdf.SetChecked(false)
			test.Tap(p.publishBtn)
			if p.asked == nil || p.phase != phaseChoose {
				t.Fatal("published without asking")
			}
			text := flattenText(a.win.Canvas().Overlays().Top())
			want := map[string]string{"another library": "another site", "other files": "not empty"}[other]
			if !strings.Contains(text, want) {
				t.Errorf("the question says %q; want %q", text, want)
			}
			// Enter must not overwrite.
			a.typedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			if after, _ := os.ReadDir(out); len(after) != len(before) || p.phase != phaseChoose {
				t.Fatal("Enter on the question published")
			}
			test.Tap(p.publishBtn)
			anyway := findButton(a.win.Canvas().Overlays().Top(), "Publish anyway")
			if anyway == nil {
				t.Fatal("no Publish anyway button")
			}
			test.Tap(anyway)
			waitDone(t, p)
			if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil || p.heading.Text != "Published." {
				t.Fatalf("Publish anyway did not publish: %v (%q %q)", err, p.heading.Text, p.summary.Text)
			}
		})
	}
}

// flattenText joins the texts of the labels under o.
func flattenText(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + " ")
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	if o != nil {
		walk(o)
	}
	return b.String()
}
