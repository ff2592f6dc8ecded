package handbook

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lanemap/export/site/fixture"
	"lanemap/model"
)

// TestDocumentLinks: UNC and absolute paths become file: links with a
// note; relative paths (files the PDF does not carry) and odd schemes
// stay text.
func TestDocumentLinks(t *testing.T) {
	d := fixture.Chain("l", "Länkar", "Handläggare")
	d.Meta.Links = []model.Link{
		{Title: "Nätverksrutin", Href: `\\server\share\Rutin för ärenden.docx`},
		{Title: "Diskrutin", Href: `C:\Rutiner\Öppen.pdf`},
		{Title: "Biblioteksrutin", Href: "rutiner/ekonomiskt-bistand.pdf"},
		{Title: "Skript", Href: "javascript:alert(1)"},
	}
	b := write(t, []Process{procOf(d, false)}, Options{})
	for _, want := range []string{
		"/URI (file://server/share/Rutin%20f%C3%B6r%20%C3%A4renden.docx)",
		"/URI (file:///C:/Rutiner/%C3%96ppen.pdf)",
	} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("no link %s", want)
		}
	}
	for _, bad := range []string{"/URI (rutiner", "/URI (javascript"} {
		if bytes.Contains(b, []byte(bad)) {
			t.Errorf("a link %s… that cannot work", bad)
		}
	}
	file := filepath.Join(t.TempDir(), "l.pdf")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	txt := strings.Join(strings.Fields(run(t, "pdftotext", file, "-")), " ")
	for _, want := range []string{
		"Nätverksrutin (öppnas bara i organisationens nätverk)",
		"Biblioteksrutin (rutiner/ekonomiskt-bistand.pdf)",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("text lacks %q", want)
		}
	}
}
