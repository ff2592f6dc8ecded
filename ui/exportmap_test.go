package ui

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lanemap/model"
)

// exportTo opens File › Export the map… and points it at a fresh folder.
func exportTo(t *testing.T, a *App, format string) (*exportDialog, string) {
	t.Helper()
	menuItem(t, a, "Export the map…").Action()
	x := a.openExportDialog() // the menu's dialog is the same kind; tests drive this one
	if x == nil {
		t.Fatal("no export dialog")
	}
	dir := t.TempDir()
	x.folder.SetText(dir)
	x.format.SetSelected(format)
	return x, dir
}

func TestExportMapFormats(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	name := a.doc.name()
	for _, c := range []struct {
		format, ext string
		check       func(t *testing.T, data []byte)
	}{
		{"PDF (for printing)", ".pdf", func(t *testing.T, data []byte) {
			if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data, []byte("%%EOF")) {
				t.Errorf("not a whole PDF (%d bytes)", len(data))
			}
		}},
		{"PNG picture", ".png", func(t *testing.T, data []byte) {
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("not a PNG: %v", err)
			}
			// 2× by default: the map is wider than a screen.
			if b := img.Bounds(); b.Dx() < 2000 {
				t.Errorf("picture %v: not drawn at twice the map's size", b)
			}
		}},
		{"SVG drawing", ".svg", func(t *testing.T, data []byte) {
			dec := xml.NewDecoder(bytes.NewReader(data))
			for {
				if _, err := dec.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("not well-formed XML: %v", err)
				}
			}
			if !bytes.Contains(data, []byte(">"+name+"</title>")) {
				t.Errorf("the drawing's title is not %q", name)
			}
		}},
	} {
		t.Run(c.ext, func(t *testing.T) {
			x, dir := exportTo(t, a, c.format)
			if got := x.name.Text; !strings.HasSuffix(got, c.ext) {
				t.Fatalf("file name %q does not follow the format", got)
			}
			x.export()
			if x.problem.Visible() {
				t.Fatalf("export refused: %s", x.problem.Text)
			}
			data, err := os.ReadFile(filepath.Join(dir, x.name.Text))
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, data)
			if !strings.Contains(a.status.hint.Text, dir) {
				t.Errorf("status %q does not say where the map went", a.status.hint.Text)
			}
		})
	}
}

// The export shows what is on screen, unsaved changes included, and never
// replaces a file without being asked twice.
func TestExportMapUnsavedAndReplace(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	task := firstNode(t, a.doc.sess.Doc, func(n *model.Node) bool { return n.Kind == "userTask" || n.Kind == "task" })
	if err := a.doc.sess.Rename(task.ID, "Workshopsteget"); err != nil {
		t.Fatal(err)
	}
	x, dir := exportTo(t, a, "SVG drawing")
	path := filepath.Join(dir, x.name.Text)
	if err := os.WriteFile(path, []byte("someone's file"), 0o644); err != nil {
		t.Fatal(err)
	}
	x.export()
	if !x.problem.Visible() || !strings.Contains(x.problem.Text, "already exists") {
		t.Fatalf("an existing file was not reported: %q", x.problem.Text)
	}
	if data, _ := os.ReadFile(path); string(data) != "someone's file" {
		t.Fatal("the existing file was replaced without asking")
	}
	x.export() // the second time replaces it
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("Workshopsteget")) {
		t.Error("the unsaved rename is not in the export")
	}
	if a.fyneApp.Preferences().String(prefExportDir) != dir {
		t.Error("the export folder is not remembered")
	}
}

func TestExportMapRefusals(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	x, dir := exportTo(t, a, "PDF (for printing)")
	x.name.SetText("sub/map.pdf")
	x.export()
	if !strings.Contains(x.problem.Text, "without folders") {
		t.Errorf("a name with a folder: %q", x.problem.Text)
	}
	x.name.SetText("map.pdf")
	x.folder.SetText(filepath.Join(dir, "missing"))
	x.export()
	if !strings.Contains(x.problem.Text, "does not exist") {
		t.Errorf("a missing folder: %q", x.problem.Text)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused exports wrote %d files", len(entries))
	}
}

// A confidential map may be exported (as it may be printed), with a word
// about who may see it.
func TestExportMapConfidentialNote(t *testing.T) {
	a, _ := openApp(t, "lex-sarah.bpmn")
	x, _ := exportTo(t, a, "PDF (for printing)")
	if x.note.Visible() {
		t.Errorf("a note on a map of classification %d", a.doc.defs.Meta.Classification)
	}
	x.d.Hide()
	a.doc.defs.Meta.Classification = 2
	x, _ = exportTo(t, a, "PDF (for printing)")
	if !x.note.Visible() || !strings.Contains(x.note.Text, "never published") {
		t.Errorf("no note on a confidential map: %q", x.note.Text)
	}
}

// TestExportTranslations keeps assets/translations/export/ in step with
// the expText calls (-update rewrites en.json from the English fallbacks).
func TestExportTranslations(t *testing.T) {
	used := textKeys(t, "expText")
	if len(used) < 15 {
		t.Fatalf("found only %d expText keys; the scanner is broken", len(used))
	}
	checkMessages(t, filepath.Join("..", "assets", "translations", "export"), used)
	noKeysElsewhere(t, used, "en.json", filepath.Join("canvas", "en.json"), filepath.Join("publish", "en.json"))
	setLang(t, "sv_SE.UTF-8")
	t.Cleanup(func() {
		os.Setenv("LANG", "en_US.UTF-8")
		LoadTranslations()
	})
	if got := expText("expdlg.title", "Export the map"); got != "Exportera kartan" {
		t.Errorf("Swedish title %q, want Exportera kartan", got)
	}
}
