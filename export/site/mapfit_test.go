package site

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"lanemap/export/site/fixture"
	"lanemap/model"
)

// TestMapFit: every map page carries what the stylesheet needs to fit the
// map to the column (its natural width), a very wide map is marked to keep
// a readable scale, and the full-size button is there for the script
// (hidden without it, so the map then simply fits).
func TestMapFit(t *testing.T) {
	lanes := make([]string, 30)
	for i := range lanes {
		lanes[i] = []string{"Mottagning", "Handläggare"}[i%2]
	}
	l := &memLib{files: map[string]*model.Definitions{
		"kort.bpmn": fixture.Chain("k", "Kort process", "Mottagning", "Handläggare", "Enhetschef", "Nämnd"),
		"bred.bpmn": fixture.Chain("b", "Bred process", lanes...),
	}}
	dir := t.TempDir()
	if out := os.Getenv("LANEMAP_SITE_OUT"); out != "" {
		dir = out // to look at by hand
	}
	rep := publish(t, l, dir, Options{})
	if len(rep.Published) != 2 {
		t.Fatalf("published %+v", rep.Published)
	}
	fig := regexp.MustCompile(`<figure class="(map[^"]*)" id="karta"[^>]*style="--map-w: ([\d.]+)(?:; --wide: ([\d.]+))?"`)
	svgSz := regexp.MustCompile(`<svg [^>]*width="([\d.]+)" height="([\d.]+)"`)
	for _, p := range rep.Published {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p.Page)))
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		m, s := fig.FindStringSubmatch(page), svgSz.FindStringSubmatch(page)
		if m == nil || s == nil {
			t.Errorf("%s: no map figure with its width, or no sized SVG", p.Page)
			continue
		}
		w, _ := strconv.ParseFloat(s[1], 64)
		h, _ := strconv.ParseFloat(s[2], 64)
		if m[2] != s[1] {
			t.Errorf("%s: --map-w %s, SVG width %s", p.Page, m[2], s[1])
		}
		wide := w/h > maxFitAspect
		if got := strings.Contains(m[1], "wide"); got != wide {
			t.Errorf("%s: aspect %.2f, class %q", p.Page, w/h, m[1])
		}
		if wide {
			k, _ := strconv.ParseFloat(m[3], 64)
			if want := w / h / maxFitAspect; k < want-0.01 || k > want+0.01 {
				t.Errorf("%s: --wide %s, want %.3f", p.Page, m[3], want)
			}
		}
		if !strings.Contains(page, `id="karta-zoom" aria-controls="karta" aria-pressed="false"`) || !strings.Contains(page, "Visa i full storlek") {
			t.Errorf("%s: no full-size button", p.Page)
		}
		if !strings.Contains(page, `<svg`) || !strings.Contains(page, `viewBox=`) {
			t.Errorf("%s: the SVG has no viewBox to scale by", p.Page)
		}
	}
	css, _ := os.ReadFile(filepath.Join(dir, "resurser", "site.css"))
	for _, rule := range []string{".map svg { display: block; width: 100%; height: auto;", ".map.wide svg { min-width: min(100% * var(--wide), var(--map-w) * 1px); }", ".map.full svg { width: calc(var(--map-w) * 1px)"} {
		if !strings.Contains(string(css), rule) {
			t.Errorf("site.css lacks %q", rule)
		}
	}
	js, _ := os.ReadFile(filepath.Join(dir, "resurser", "site.js"))
	if !strings.Contains(string(js), "btn.hidden = false") || !strings.Contains(string(js), "aria-pressed") {
		t.Errorf("site.js does not show and toggle the full-size button")
	}
}

// TestRoleHandoverText: a role page names a handover's condition with its
// gateway's question, not a bare "Nej".
func TestRoleHandoverText(t *testing.T) {
	dir := t.TempDir()
	publish(t, testLibrary(), dir, Options{})
	b, err := os.ReadFile(filepath.Join(dir, "roller", "handlaggare.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Enhetschef → 2. Steg 1 i Uppföljning (Komplett? Nej)"; !strings.Contains(string(b), want) {
		t.Errorf("role page lacks %q", want)
	}
}
