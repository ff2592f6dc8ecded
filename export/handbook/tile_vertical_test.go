package handbook

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"

	"lanemap/bpmn"
	"lanemap/draw"
	"lanemap/internal/corpus"
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
	checkVerticalSheets(t, d)
}

// TestVerticalPoolCorpus: the reference model A.4.1 (a vertical pool),
// enlarged three times so it must tile, names its lanes on every sheet.
func TestVerticalPoolCorpus(t *testing.T) {
	d, _, _, err := bpmn.ReadFile(filepath.Join(corpus.Dir(t), "reference", "A.4.1.bpmn"))
	if err != nil {
		t.Fatal(err)
	}
	const k = 3
	for _, g := range d.Diagrams {
		for _, s := range g.Shapes {
			s.Bounds = model.Rect{X: s.Bounds.X * k, Y: s.Bounds.Y * k, W: s.Bounds.W * k, H: s.Bounds.H * k}
			if s.Label != nil {
				l := model.Rect{X: s.Label.X * k, Y: s.Label.Y * k, W: s.Label.W * k, H: s.Label.H * k}
				s.Label = &l
			}
		}
		for _, e := range g.Edges {
			for i, p := range e.Waypoints {
				e.Waypoints[i] = model.Point{X: p.X * k, Y: p.Y * k}
			}
			if e.Label != nil {
				l := model.Rect{X: e.Label.X * k, Y: e.Label.Y * k, W: e.Label.W * k, H: e.Label.H * k}
				e.Label = &l
			}
		}
	}
	checkVerticalSheets(t, d)
}

// checkVerticalSheets writes d's handbook and checks that its map is
// tiled over several rows, that later rows repeat the top header, and
// that every sheet names each pool and lane whose band it shows enough of
// to hold the name.
func checkVerticalSheets(t *testing.T, d *model.Definitions) {
	t.Helper()
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

	// The pools' and lanes' names and their bands.
	type name struct {
		text   string
		width  float64
		x0, x1 float64
	}
	var lanes []name
	bands := bandsOf(sc)
	for _, it := range topHeaderItems(sc, hh) {
		if b, ok := bands[it.Element]; ok && it.Text != nil {
			var w float64
			for _, l := range it.Text.Lines {
				w = max(w, draw.Measure(l, it.Text.Size, it.Text.Bold))
			}
			lanes = append(lanes, name{strings.Join(it.Text.Lines, " "), w, b.X, b.X + b.W})
		}
	}
	if len(lanes) == 0 {
		t.Fatal("no named lanes in the header")
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
	checked, named := 0, 0
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
			// Every band the sheet shows enough of to hold its name
			// whole must name it, however wide the lane.
			if min(l.x1, tl.Window.X+tl.Window.W)-max(l.x0, tl.Window.X) < l.width+4 {
				continue
			}
			named++
			if !containsWords(txt, l.text) {
				t.Errorf("page %d (tile %d, window %v, top header %v) does not name lane %q:\n%s", pg, checked, tl.Window, tl.Top, l.text, txt)
			}
		}
	}
	if all := run(t, "pdftotext", file, "-"); !strings.Contains(all, "upprepas överst") {
		t.Error("the sheets note does not say the names are repeated at the top")
	}
	if named < len(pl.Tiles) {
		t.Errorf("only %d lane names checked on %d sheets", named, len(pl.Tiles))
	}
	if checked != len(pl.Tiles) {
		t.Errorf("found %d map sheets, planned %d", checked, len(pl.Tiles))
	}
}

// containsWords says whether every word of name is in txt (a wrapped
// name's lines come out apart in pdftotext's layout).
func containsWords(txt, name string) bool {
	words := strings.Fields(txt)
	for _, w := range strings.Fields(name) {
		if !slices.Contains(words, w) {
			return false
		}
	}
	return true
}
