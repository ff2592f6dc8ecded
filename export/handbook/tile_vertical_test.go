package handbook

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"

	"lanemap/internal/gen"
	"lanemap/model"
)

// transpose turns a horizontal collaboration into a vertical one: x and y
// swap, so lanes become columns with their header bands at the top.
func transpose(d *model.Definitions) {
	no := false
	flip := func(r model.Rect) model.Rect { return model.Rect{X: r.Y, Y: r.X, W: r.H, H: r.W} }
	for _, dg := range d.Diagrams {
		for _, s := range dg.Shapes {
			s.Bounds = flip(s.Bounds)
			if s.Label != nil {
				l := flip(*s.Label)
				s.Label = &l
			}
			if d.Lane(s.Element) != nil || d.Participant(s.Element) != nil {
				s.IsHorizontal = &no
			}
		}
		for _, e := range dg.Edges {
			for i, p := range e.Waypoints {
				e.Waypoints[i] = model.Point{X: p.Y, Y: p.X}
			}
			if e.Label != nil {
				l := flip(*e.Label)
				e.Label = &l
			}
		}
	}
}

// TestVerticalPoolHeaders: a tall vertical pool tiled over several rows
// of sheets repeats its lanes' header bands, with their names, along the
// top of every sheet that does not show the top of the pool.
func TestVerticalPoolHeaders(t *testing.T) {
	d := gen.Collaboration(60)
	d.Name = "Lodrät process"
	transpose(d)
	p := procOf(d, false)
	sc := p.Scene
	hh := headerHeight(sc)
	if hh <= 0 {
		t.Fatalf("no top header bands found in a vertical pool")
	}
	if hw := headerWidth(sc); hw != 0 {
		t.Errorf("vertical pool has a left header of width %v", hw)
	}
	area := sheetArea(gofpdf.SizeType{Wd: 210, Ht: 297}) // A4, as written below
	w, h := area.W, area.H
	pl := planMap(sc, w, h, func(id string) bool { return d.Node(id) != nil })
	rows := map[float64]bool{}
	for i, tl := range pl.Tiles {
		rows[tl.Window.Y] = true
		if tl.Top != (tl.Window.Y > sc.Bounds.Y) {
			t.Errorf("tile %d: top header %v at y %v", i, tl.Top, tl.Window.Y)
		}
		room := h / pl.Scale
		if tl.Top {
			room -= pl.HeaderH
		}
		if tl.Window.H > room+1e-6 {
			t.Errorf("tile %d window height %v does not fit under the header (%v)", i, tl.Window.H, room)
		}
	}
	if len(rows) < 2 {
		t.Fatalf("expected the tall pool on several rows of sheets, got %d tiles in %d rows", len(pl.Tiles), len(rows))
	}

	// Lane names each sheet shows: every lane whose column meets its window.
	var lanes []struct {
		name string
		x0   float64
		x1   float64
	}
	for _, l := range d.AllLanes() {
		if s := d.Diagrams[0].Shape(l.ID); s != nil && l.Name != "" {
			lanes = append(lanes, struct {
				name   string
				x0, x1 float64
			}{l.Name, s.Bounds.X, s.Bounds.X + s.Bounds.W})
		}
	}
	if len(lanes) == 0 {
		t.Fatal("no named lanes")
	}

	pdfBytes := write(t, []Process{p}, Options{})
	dir := t.TempDir()
	file := filepath.Join(dir, "h.pdf")
	if err := os.WriteFile(file, pdfBytes, 0o644); err != nil {
		t.Fatal(err)
	}
	info := run(t, "pdfinfo", file)
	n, _ := strconv.Atoi(regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)[1])
	sheet := regexp.MustCompile(`blad \d+ av \d+`)
	checked := 0
	for pg := 1; pg <= n; pg++ {
		txt := run(t, "pdftotext", "-f", strconv.Itoa(pg), "-l", strconv.Itoa(pg), "-layout", file, "-")
		if !sheet.MatchString(txt) {
			continue
		}
		// Which tile is this page? Sheets come in plan order after the
		// contents; count them.
		tl := pl.Tiles[checked]
		checked++
		for _, l := range lanes {
			if l.x1 <= tl.Window.X+1 || l.x0 >= tl.Window.X+tl.Window.W-1 {
				continue
			}
			// A name wider than the part of the column in view may be
			// drawn on a neighbouring sheet only; demand only the names
			// whose column is wholly in view.
			if l.x0 < tl.Window.X-0.5 || l.x1 > tl.Window.X+tl.Window.W+0.5 {
				continue
			}
			if !strings.Contains(txt, l.name) {
				t.Errorf("page %d (tile %d, window %v, top header %v) does not name lane %q:\n%s", pg, checked, tl.Window, tl.Top, l.name, txt)
			}
		}
	}
	if all := run(t, "pdftotext", file, "-"); !strings.Contains(all, "upprepas överst") {
		t.Error("the sheets note does not say the names are repeated at the top")
	}
	if checked != len(pl.Tiles) {
		t.Errorf("found %d map sheets, planned %d", checked, len(pl.Tiles))
	}
}
