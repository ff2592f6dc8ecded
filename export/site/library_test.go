package site

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"lanemap/bpmn"
	"lanemap/library"
)

// TestExamples publishes the repository's example library, the real test
// library: the right files go out, every page checks, the handbook is part
// of the site and a second run changes nothing.
func TestExamples(t *testing.T) {
	lib, err := library.Open(filepath.Join("..", "..", "examples"), library.Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	opts := Options{Drafts: true, Date: "2026-11-23"}
	rep, err := Publish(context.Background(), lib, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	var omitted []string
	for _, o := range rep.Omitted {
		omitted = append(omitted, o.Rel+": "+o.Why)
	}
	sort.Strings(omitted)
	if len(rep.Published) < 4 || !slices.ContainsFunc(omitted, func(s string) bool {
		return strings.HasPrefix(s, "skyddade-personuppgifter.bpmn: informationsklass 2")
	}) {
		t.Errorf("published %d, omitted %q", len(rep.Published), omitted)
	}
	pages := checkSite(t, dir, "sv")
	if _, ok := pages["processer/skyddade-personuppgifter.html"]; ok {
		t.Errorf("classified process published")
	}
	if !slices.Contains(rep.Written, handbookName) || rep.Handbook != filepath.Join(dir, handbookName) {
		t.Errorf("handbook not written into the site: %v, %q", rep.Written, rep.Handbook)
	}
	if !hasLink(pages["index.html"], handbookName) {
		t.Errorf("index does not link to the handbook")
	}
	again, err := Publish(context.Background(), lib, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Written) != 0 || len(again.Removed) != 0 {
		t.Errorf("second run wrote %v, removed %v", again.Written, again.Removed)
	}
	// Each process page carries its map with keyboard-reachable elements.
	for _, p := range rep.Published {
		doc := pages[p.Page]
		if doc == nil {
			t.Errorf("%s: no page", p.Rel)
			continue
		}
		var buttons int
		walk(doc, func(n *html.Node) {
			if attr(n, "data-element") != "" && attr(n, "tabindex") == "0" && attr(n, "aria-label") != "" {
				buttons++
			}
		})
		if buttons < 5 {
			t.Errorf("%s: %d focusable map elements", p.Page, buttons)
		}
	}
}

// TestHandbookElsewhere: --pdf outside the folder writes there, not into
// the site's manifest, and the site does not link to it.
func TestHandbookElsewhere(t *testing.T) {
	dir, other := t.TempDir(), t.TempDir()
	pdfPath := filepath.Join(other, "bok.pdf")
	rep, err := PublishInputs(context.Background(), testLibrary().inputs(), dir, Options{PDF: pdfPath, Date: "2026-11-23"})
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(pdfPath); err != nil || fi.Size() < 1000 {
		t.Fatalf("no handbook at %s: %v", pdfPath, err)
	}
	if rep.Handbook != pdfPath || slices.Contains(rep.Written, handbookName) {
		t.Errorf("report: %q %v", rep.Handbook, rep.Written)
	}
	pages := checkSite(t, dir, "sv")
	if hasLink(pages["index.html"], ".pdf") {
		t.Errorf("site links to a handbook outside it")
	}
}

// TestReuseFromLibrary: with the library's hashes, unchanged pages are
// taken from disk; a changed file, a hand-edited page or a renamed process
// are rendered again, and the result is what a fresh publication gives.
func TestReuseFromLibrary(t *testing.T) {
	src := filepath.Join("..", "..", "examples")
	lib := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".bpmn") {
			b, _ := os.ReadFile(filepath.Join(src, e.Name()))
			os.WriteFile(filepath.Join(lib, e.Name()), b, 0o644)
		}
	}
	out := t.TempDir()
	publishLib := func() Report {
		t.Helper()
		l, err := library.Open(lib, library.Options{NoCache: true})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := Publish(context.Background(), l, out, Options{NoPDF: true})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	publishLib()

	// Change one file's version: that page and the index.
	file := filepath.Join(lib, "lex-sarah.bpmn")
	d, s, _, err := bpmn.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	d.Meta.Version = "9.9"
	if err := bpmn.WriteFile(file, d, s); err != nil {
		t.Fatal(err)
	}
	one := publishLib()
	if !slices.Equal(one.Written, []string{"index.html", "processer/lex-sarah.html"}) {
		t.Errorf("after one change wrote %v", one.Written)
	}
	// Every other process page and the unaffected overviews were reused.
	for _, p := range []string{"processer/ekonomiskt-bistand.html", "processer/orosanmalan-barn.html", "roller/index.html", "overlamningar.html"} {
		if !slices.Contains(one.Reused, p) {
			t.Errorf("%s rendered again (reused %v)", p, one.Reused)
		}
	}
	if slices.Contains(one.Reused, "processer/lex-sarah.html") {
		t.Errorf("the changed page was reused")
	}

	// A hand-edited page is put back.
	page := filepath.Join(out, "processer", "orosanmalan-barn.html")
	want, _ := os.ReadFile(page)
	os.WriteFile(page, []byte("ändrad för hand"), 0o644)
	if got := publishLib().Written; !slices.Equal(got, []string{"processer/orosanmalan-barn.html"}) {
		t.Errorf("after a hand edit wrote %v", got)
	}
	if got, _ := os.ReadFile(page); !bytes.Equal(got, want) {
		t.Errorf("hand-edited page not restored")
	}

	// Renaming a process changes every page that names it.
	d.Processes[0].Name = "Lex Sarah – nytt namn"
	if err := bpmn.WriteFile(file, d, s); err != nil {
		t.Fatal(err)
	}
	rep := publishLib()
	if len(rep.Written) < 3 {
		t.Errorf("rename rewrote only %v", rep.Written)
	}
	// Whatever was reused equals a fresh publication.
	fresh := t.TempDir()
	l, _ := library.Open(lib, library.Options{NoCache: true})
	if _, err := Publish(context.Background(), l, fresh, Options{NoPDF: true}); err != nil {
		t.Fatal(err)
	}
	for _, p := range append(rep.Written, rep.Unchanged...) {
		a, _ := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		b, _ := os.ReadFile(filepath.Join(fresh, filepath.FromSlash(p)))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from a fresh publication", p)
		}
	}
}
