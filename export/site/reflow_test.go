package site

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestTablesReflow checks what the narrow-screen CSS needs (WCAG 1.4.10):
// every table is a table.stack, keeps its <thead> (real table semantics
// for wide screens), and every body cell carries a data-label equal to its
// column's heading, in both languages. The layout itself was checked in
// Chromium at 320, 390 and 1400 px (no page wider than the viewport).
func TestTablesReflow(t *testing.T) {
	for _, lang := range []string{Swedish, English} {
		dir := t.TempDir()
		publish(t, testLibrary(), dir, Options{Lang: lang, Drafts: true})
		pages := checkSite(t, dir, lang)
		var tables int
		for rel, doc := range pages {
			for _, tb := range find(doc, "table") {
				tables++
				if !slices.Contains(strings.Fields(attr(tb, "class")), "stack") {
					t.Errorf("%s %s: a table without class stack", lang, rel)
				}
				heads := find(tb, "thead")
				if len(heads) != 1 {
					t.Errorf("%s %s: %d thead, want 1", lang, rel, len(heads))
					continue
				}
				var cols []string
				for _, th := range find(heads[0], "th") {
					cols = append(cols, strings.TrimSpace(text(th)))
				}
				for _, tbody := range find(tb, "tbody") {
					for _, tr := range find(tbody, "tr") {
						var i int
						for c := tr.FirstChild; c != nil; c = c.NextSibling {
							if c.Type != html.ElementNode {
								continue
							}
							label, ok := attrOK(c, "data-label")
							if i >= len(cols) || !ok || label != cols[i] {
								t.Errorf("%s %s: cell %d data-label %q (set %v), want the heading %q", lang, rel, i, label, ok, cols[min(i, len(cols)-1)])
							}
							i++
						}
						if i != len(cols) {
							t.Errorf("%s %s: a row of %d cells under %d headings", lang, rel, i, len(cols))
						}
					}
				}
			}
		}
		if tables < 4 {
			t.Errorf("%s: only %d tables checked; the index, roles, handovers and process pages each have one", lang, tables)
		}
	}
}

// TestReflowCSS: the stylesheet stacks table.stack under a narrow-screen
// query, labels the cells from data-label, wraps long words and keeps
// the scrolling to the map's own box.
func TestReflowCSS(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("static", "site.css"))
	if err != nil {
		t.Fatal(err)
	}
	css := string(b)
	m := regexp.MustCompile(`(?s)@media \(max-width: (\d+)rem\) \{(.*?)\n\}`).FindAllStringSubmatch(css, -1)
	var narrow string
	for _, x := range m {
		if strings.Contains(x[2], "table.stack") {
			narrow = x[2]
			if x[1] != "40" {
				t.Errorf("tables stack below %srem; want 40rem (640 px) so 320–390 px phones get cards", x[1])
			}
		}
	}
	for _, want := range []string{"table.stack tr", "display: block", "attr(data-label)", "table.stack thead"} {
		if !strings.Contains(narrow, want) {
			t.Errorf("the narrow-screen rules lack %q", want)
		}
	}
	for _, want := range []string{"overflow-wrap: anywhere", ".map { margin: 0; flex: 1 1 auto; min-width: 0; overflow: auto;", "flex-wrap: wrap", "[hidden] { display: none !important; }"} {
		if !strings.Contains(css, want) {
			t.Errorf("site.css lacks %q", want)
		}
	}
}
