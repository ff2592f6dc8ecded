package site

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

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
