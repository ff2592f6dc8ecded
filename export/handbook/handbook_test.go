package handbook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/sfnt"

	"lanemap/assets"
	"lanemap/draw"
	"lanemap/export/pdf"
	"lanemap/export/site/content"
	"lanemap/export/site/fixture"
	"lanemap/internal/gen"
	"lanemap/model"
)

func procOf(d *model.Definitions, draft bool) Process {
	dg := content.Make(d, d.Diagrams[0], "x")
	return Process{Title: dg.Title, Meta: d.Meta, Defs: d, Digest: dg, Scene: draw.Build(d, d.Diagrams[0], draw.Options{MarkHandovers: true}), Draft: draft, Page: "processer/x.html"}
}

func testProcs() []Process {
	a := fixture.Chain("a", "Ansökan om försörjningsstöd", "Mottagning", "Handläggare", "Mottagning")
	a.Meta.Owner = "Enhetschef Åsa Öberg"
	a.Meta.Links = []model.Link{{Title: "Rutin (ny)", Href: "https://intranät.example/rutin (ny).pdf"}}
	a.Node("Task_a_1").Documentation = "Kontrollera att ansökan är komplett och underskriven."
	b := fixture.Chain("b", "Uppföljning av insats", "Handläggare", "Enhetschef")
	b.Node("Task_b_1").Kind = model.CallActivity
	b.Node("Task_b_1").CalledElement = "Process_a"
	b.Meta.Status = model.StatusDraft
	big := gen.Collaboration(60)
	big.Name = "Stor process med många steg"
	return []Process{procOf(a, false), procOf(b, true), procOf(big, false)}
}

func write(t *testing.T, procs []Process, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if opts.Date == "" {
		opts.Date = "2026-11-23"
	}
	if err := Write(context.Background(), &buf, procs, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func poppler(t *testing.T, tool string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		t.Skipf("%s not installed (apt-get install poppler-utils); skipping this check", tool)
	}
	return p
}

func run(t *testing.T, tool string, args ...string) string {
	t.Helper()
	out, err := exec.Command(poppler(t, tool), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

func TestHandbookPDF(t *testing.T) {
	for _, paper := range []string{"a4", "a3"} {
		t.Run(paper, func(t *testing.T) {
			pdfBytes := write(t, testProcs(), Options{Paper: paper, Drafts: true})
			file := filepath.Join(t.TempDir(), "h.pdf")
			if dir := os.Getenv("LANEMAP_KEEP_PDF_DIR"); dir != "" {
				file = filepath.Join(dir, "handbok-"+paper+".pdf") // to look at by hand
			}
			os.WriteFile(file, pdfBytes, 0o644)

			t.Run("pages", func(t *testing.T) {
				info := run(t, "pdfinfo", file)
				m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
				if m == nil {
					t.Fatalf("no page count in\n%s", info)
				}
				if n, _ := strconv.Atoi(m[1]); n < 6 {
					t.Errorf("only %d pages", n)
				}
				if !strings.Contains(info, "Title:           Processhandbok") {
					t.Errorf("title missing:\n%s", info)
				}
			})
			t.Run("sizes", func(t *testing.T) {
				// Maps on the chosen paper in landscape, text on A4 portrait.
				txt := strings.Split(run(t, "pdftotext", "-layout", file, "-"), "\f")
				info := run(t, "pdfinfo", "-f", "1", "-l", "9999", file)
				sizes := regexp.MustCompile(`Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)`).FindAllStringSubmatch(info, -1)
				if len(sizes) < 6 {
					t.Fatalf("no page sizes in\n%s", info)
				}
				wantMap := "1190.55x841.89" // A3 landscape
				if paper == "a4" {
					wantMap = "841.89x595.28"
				}
				for _, m := range sizes {
					n := mustAtoi(m[1])
					got := m[2] + "x" + m[3]
					isMap := n-1 < len(txt) && strings.Contains(txt[n-1], "Processkarta")
					switch {
					case isMap && got != wantMap:
						t.Errorf("map page %d is %s, want %s", n, got, wantMap)
					case !isMap && got != "595.28x841.89":
						t.Errorf("text page %d is %s, want A4 portrait", n, got)
					}
				}
			})
			t.Run("fonts", func(t *testing.T) {
				out := run(t, "pdffonts", file)
				lines := strings.Split(strings.TrimSpace(out), "\n")
				if len(lines) < 3 {
					t.Fatalf("no fonts:\n%s", out)
				}
				for _, l := range lines[2:] {
					if f := strings.Fields(l); len(f) < 5 || f[len(f)-5] != "yes" {
						t.Errorf("font not embedded: %s", l)
					}
				}
			})
			t.Run("text", func(t *testing.T) {
				txt := run(t, "pdftotext", "-layout", file, "-")
				for _, want := range []string{
					"Processhandbok", "Innehåll", "Ansökan om försörjningsstöd", "Enhetschef Åsa Öberg",
					"Steg för steg", "Roll: Mottagning", "Kontrollera att ansökan är komplett",
					"Överlämningar", "Sida 2 av ", "Utgåva 2026-11-23", "UTKAST",
					"Anropar processen: Ansökan om försörjningsstöd", "Processkarta",
				} {
					if !strings.Contains(txt, want) {
						t.Errorf("text lacks %q", want)
					}
				}
				// Every page but the cover says "Sida n av m" with the real total.
				info := run(t, "pdfinfo", file)
				total := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)[1]
				if n := len(regexp.MustCompile(`Sida \d+ av `+total+`\b`).FindAllString(txt, -1)); n != mustAtoi(total)-1 {
					t.Errorf("%d footers say \"av %s\", want %d", n, total, mustAtoi(total)-1)
				}
			})
			t.Run("tiles repeat lane headers", func(t *testing.T) {
				txt := run(t, "pdftotext", file, "-")
				big := testProcs()[2]
				size := gofpdf.SizeType{Wd: 210, Ht: 297}
				if paper == "a3" {
					size = gofpdf.SizeType{Wd: 297, Ht: 420}
				}
				area := sheetArea(size)
				pl := planMap(big.Scene, area.W, area.H, func(id string) bool { return big.Defs.Node(id) != nil })
				var sheets []string
				for _, page := range strings.Split(txt, "\f") {
					if strings.Contains(page, "Stor process med många steg – Processkarta") {
						sheets = append(sheets, page)
					}
				}
				if len(sheets) != len(pl.Tiles) {
					t.Fatalf("%d map sheets, plan has %d", len(sheets), len(pl.Tiles))
				}
				if paper == "a4" && len(sheets) < 2 {
					t.Errorf("the large map is on %d sheet(s), want it tiled", len(sheets))
				}
				// Every sheet names every lane it shows.
				shapes := big.Defs.Diagrams[0].ShapeIndex()
				for i, tl := range pl.Tiles {
					for _, l := range big.Defs.AllLanes() {
						b := shapes[l.ID].Bounds
						if b.Y+b.H/2 > tl.Window.Y+20 && b.Y+b.H/2 < tl.Window.Y+tl.Window.H-20 && !strings.Contains(sheets[i], l.Name) {
							t.Errorf("sheet %d lacks the lane header %q", i+1, l.Name)
						}
					}
				}
			})
			t.Run("bookmarks", func(t *testing.T) {
				titles := outlineTitles(pdfBytes)
				joined := strings.Join(titles, "|")
				for _, want := range []string{"Innehåll", "Ansökan om försörjningsstöd", "Uppföljning av insats", "Processkarta", "Steg för steg", "Överlämningar"} {
					if !strings.Contains(joined, want) {
						t.Errorf("no bookmark %q in %q", want, joined)
					}
				}
			})
			t.Run("links", func(t *testing.T) {
				if !bytes.Contains(pdfBytes, []byte("/URI (https://intran%C3%A4t.example/rutin%20%28ny%29.pdf)")) {
					t.Errorf("document link not percent-encoded in the PDF")
				}
				// Three contents rows (title, dot leaders and page number
				// each) and the call activity's link to its process.
				links := regexp.MustCompile(`/Subtype /Link /Rect \[[^\]]*\] /Border \[0 0 0\] /Dest`).FindAll(pdfBytes, -1)
				if len(links) != 3*3+1 {
					t.Errorf("%d internal links, want 10", len(links))
				}
			})
		})
	}
}

func mustAtoi(s string) int { n, _ := strconv.Atoi(s); return n }

// outlineTitles reads the /Title strings of the outline items; gofpdf
// writes them as UTF-16BE with a byte-order mark, backslash-escaped.
func outlineTitles(pdf []byte) []string {
	var out []string
	re := regexp.MustCompile(`(?s)/Title \((.*?[^\\])\)\s*/Parent`)
	for _, m := range re.FindAllSubmatch(pdf, -1) {
		raw := unescape(m[1])
		if len(raw) >= 2 && raw[0] == 0xFE && raw[1] == 0xFF {
			var u []uint16
			for i := 2; i+1 < len(raw); i += 2 {
				u = append(u, uint16(raw[i])<<8|uint16(raw[i+1]))
			}
			out = append(out, string(utf16.Decode(u)))
		} else {
			out = append(out, string(raw))
		}
	}
	return out
}

func unescape(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) {
			i++
			switch b[i] {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			default:
				out = append(out, b[i])
			}
			continue
		}
		out = append(out, b[i])
	}
	return out
}

func TestDeterministic(t *testing.T) {
	a := write(t, testProcs(), Options{})
	b := write(t, testProcs(), Options{})
	if !bytes.Equal(a, b) {
		t.Errorf("two writes of the same edition differ")
	}
}

func TestBadOptions(t *testing.T) {
	for _, o := range []Options{{Paper: "letter"}, {Date: "23/11/2026"}, {Lang: "fi"}} {
		if err := Write(context.Background(), &bytes.Buffer{}, testProcs(), o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	if err := Write(ctx, &buf, testProcs(), Options{}); !errors.Is(err, context.Canceled) || buf.Len() != 0 {
		t.Errorf("err = %v, wrote %d bytes", err, buf.Len())
	}
}

func TestEmptyAndMaplessProcesses(t *testing.T) {
	d := &model.Definitions{Name: "Tom process"}
	p := Process{Title: "Tom process", Defs: d, Digest: content.Make(d, nil, "tom")}
	out := write(t, []Process{p}, Options{Lang: "en"})
	file := filepath.Join(t.TempDir(), "h.pdf")
	os.WriteFile(file, out, 0o644)
	txt := run(t, "pdftotext", file, "-")
	for _, want := range []string{"Process handbook", "The process has no steps.", "no handovers"} {
		if !strings.Contains(txt, want) {
			t.Errorf("text lacks %q", want)
		}
	}
}

func TestPlanMap(t *testing.T) {
	wide := gen.Collaboration(300)
	sc := draw.Build(wide, wide.Diagrams[0], draw.Options{})
	solid := func(id string) bool {
		n := wide.Node(id)
		return n != nil
	}
	small := fixture.Chain("s", "Liten", "A", "B")
	ssc := draw.Build(small, small.Diagrams[0], draw.Options{})

	tests := []struct {
		name      string
		sc        *draw.Scene
		w, h      float64
		wantTiles func(n int) bool
	}{
		{"small fits one A4", ssc, 267, 160, func(n int) bool { return n == 1 }},
		{"wide is tiled on A4", sc, 267, 160, func(n int) bool { return n > 3 }},
		{"wide needs fewer A3 sheets", sc, 390, 240, func(n int) bool { return n > 1 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := planMap(tc.sc, tc.w, tc.h, solid)
			if !tc.wantTiles(len(p.Tiles)) {
				t.Fatalf("%d tiles", len(p.Tiles))
			}
			if len(p.Tiles) == 1 {
				return
			}
			// Readable: the smallest label at this scale is at least MinTextPt.
			if pt := smallestText(tc.sc) * p.Scale * 72 / 25.4; pt < MinTextPt-1e-9 {
				t.Errorf("labels at %.2f pt", pt)
			}
			boxes := solidBoxes(tc.sc, solid)
			for i, tl := range p.Tiles {
				room := tc.w / p.Scale
				if tl.Header {
					room -= p.HeaderW
				}
				if tl.Window.W > room+1e-6 || tl.Window.H > tc.h/p.Scale+1e-6 {
					t.Errorf("tile %d window %v does not fit %v×%v", i, tl.Window, room, tc.h/p.Scale)
				}
				if tl.Header != (tl.Window.X > tc.sc.Bounds.X) {
					t.Errorf("tile %d: header %v at x %v", i, tl.Header, tl.Window.X)
				}
				// No cut through a task: every cut edge inside the scene lies
				// outside every solid box.
				for _, x := range []float64{tl.Window.X, tl.Window.X + tl.Window.W} {
					if x <= tc.sc.Bounds.X || x >= tc.sc.Bounds.X+tc.sc.Bounds.W {
						continue
					}
					for _, b := range boxes {
						if b.X < x && x < b.X+b.W && b.Y < tl.Window.Y+tl.Window.H && tl.Window.Y < b.Y+b.H {
							t.Errorf("tile %d cut at x=%.1f goes through %v", i, x, b)
						}
					}
				}
			}
			// Neighbouring sheets in a row overlap.
			for i := 1; i < len(p.Tiles); i++ {
				a, b := p.Tiles[i-1].Window, p.Tiles[i].Window
				if a.Y == b.Y && b.X >= a.X+a.W {
					t.Errorf("tiles %d and %d do not overlap: %v %v", i-1, i, a, b)
				}
			}
		})
	}
}

func TestCuts(t *testing.T) {
	// Tasks 100 wide with 50-unit gaps, as in a typical swimlane map.
	var tasks []span
	for x := 100.0; x < 3000; x += 150 {
		tasks = append(tasks, span{x, x + 100})
	}
	tests := []struct {
		name                string
		lo, hi, first, next float64
		solid               []span
		windows             int
	}{
		{"fits", 0, 800, 1000, 900, tasks, 1},
		{"three sheets", 0, 3000, 1000, 900, tasks, 4},
		{"no tasks", 0, 3000, 1000, 1000, nil, 4},
		{"one task longer than a sheet", 0, 3000, 1000, 900, []span{{500, 2500}}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := cuts(tc.lo, tc.hi, tc.first, tc.next, tc.solid)
			if tc.windows > 0 && len(got) != tc.windows {
				t.Errorf("%d windows, want %d: %v", len(got), tc.windows, got)
			}
			if got[0].lo != tc.lo || got[len(got)-1].hi != tc.hi {
				t.Errorf("windows do not cover [%v, %v]: %v", tc.lo, tc.hi, got)
			}
			for i, w := range got {
				if i > 0 && (w.lo >= got[i-1].hi || w.lo <= got[i-1].lo) {
					t.Errorf("window %d does not overlap and advance: %v", i, got)
				}
				long := len(tc.solid) == 1
				for _, e := range []float64{w.lo, w.hi} {
					if _, in := inside(e, tc.solid); in && !long && e != tc.lo && e != tc.hi {
						t.Errorf("window %d edge %v cuts a task: %v", i, e, got)
					}
				}
			}
		})
	}
}

// TestTextsHaveGlyphs: every text the handbook may print exists in the
// embedded font (a missing glyph prints as a box).
func TestTextsHaveGlyphs(t *testing.T) {
	f, err := sfnt.Parse(assets.FontRegular)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	check := func(where, s string) {
		for _, r := range s {
			if r == '\n' || r == '%' {
				continue
			}
			if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
				t.Errorf("%s: %q has no glyph for %q", where, s, r)
			}
		}
	}
	for k, v := range content.Keys() {
		check(k+" (sv)", v[0])
		check(k+" (en)", v[1])
	}
	// The separators and marks handbook.go writes itself.
	check("handbook", "· … – ()")
}

// TestContentsPages: a contents list longer than a page still gives every
// process the page it really starts on.
func TestContentsPages(t *testing.T) {
	var procs []Process
	for i := range 45 {
		d := fixture.Chain(fmt.Sprintf("p%d", i), fmt.Sprintf("Process %02d", i+1), "Handläggare", "Enhetschef")
		procs = append(procs, procOf(d, false))
	}
	file := filepath.Join(t.TempDir(), "h.pdf")
	os.WriteFile(file, write(t, procs, Options{}), 0o644)
	pages := strings.Split(run(t, "pdftotext", "-layout", file, "-"), "\f")
	entry := regexp.MustCompile(`(Process \d\d)[ .]+(\d+)\s*$`)
	listed := map[string]int{}
	var tocPages int
	for _, pg := range pages[1:] {
		if !strings.Contains(pg, "Innehåll") && len(listed) == 0 || strings.Contains(pg, "Processkarta") {
			break
		}
		tocPages++
		for _, line := range strings.Split(pg, "\n") {
			if m := entry.FindStringSubmatch(line); m != nil {
				listed[m[1]], _ = strconv.Atoi(m[2])
			}
		}
	}
	if tocPages < 2 || len(listed) != len(procs) {
		t.Fatalf("contents: %d pages, %d entries", tocPages, len(listed))
	}
	for title, want := range listed {
		got := 0
		for i, pg := range pages {
			if strings.Contains(pg, title+" – Processkarta") {
				got = i + 1
				break
			}
		}
		if got != want {
			t.Errorf("%s listed on page %d, starts on page %d", title, want, got)
		}
	}
}

func TestLongWordsAndFarShapes(t *testing.T) {
	d := fixture.Chain("w", strings.Repeat("Långtord", 3000), "Handläggare", "Enhetschef")
	d.Node("Task_w_1").Name = strings.Repeat("ö", 20000)
	// A shape a million units away would need thousands of sheets.
	d.Diagrams[0].Shape("End_w").Bounds.X = 1e6
	p := procOf(d, false)
	out := write(t, []Process{p}, Options{})
	file := filepath.Join(t.TempDir(), "h.pdf")
	os.WriteFile(file, out, 0o644)
	info := run(t, "pdfinfo", file)
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
	if n := mustAtoi(m[1]); n > 60 {
		t.Errorf("%d pages", n)
	}
}

func TestFitAndWrap(t *testing.T) {
	f := gofpdf.New("P", "mm", "A4", "")
	if err := pdf.RegisterFonts(f); err != nil {
		t.Fatal(err)
	}
	f.SetFont(pdf.FontFamily, "", 10)
	for _, s := range []string{"", "kort", "Ansökan om ekonomiskt bistånd", strings.Repeat("å", 500)} {
		got := fit(f, s, 40)
		if f.GetStringWidth(got) > 40+1e-6 && len([]rune(got)) > 2 {
			t.Errorf("fit(%q) = %q is %.1f mm", s, got, f.GetStringWidth(got))
		}
		if f.GetStringWidth(s) <= 40 && got != s {
			t.Errorf("fit changed %q that fits", s)
		}
		lines := wrap(f, s+" och "+s, 30)
		if strings.Join(lines, "") == "" && s != "" {
			t.Errorf("wrap lost %q", s)
		}
		var runes int
		for _, l := range lines {
			if f.GetStringWidth(l) > 30+1e-6 && len([]rune(l)) > 1 {
				t.Errorf("wrap line %q is %.1f mm", l, f.GetStringWidth(l))
			}
			runes += len([]rune(strings.ReplaceAll(l, " ", "")))
		}
		if want := len([]rune(strings.ReplaceAll(s+" och "+s, " ", ""))); runes != want {
			t.Errorf("wrap kept %d runes of %d", runes, want)
		}
	}
}
