package pdf_test

import (
	"bytes"
	"image"
	"image/color"
	_ "image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"lanemap/draw"
	"lanemap/draw/raster/rastertest"
	"lanemap/export/pdf"
	"lanemap/internal/gen"
	"lanemap/model"
)

func write(t testing.TB, s *draw.Scene, opt pdf.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Write(&buf, s, opt); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("output does not start with %%PDF-")
	}
	return buf.Bytes()
}

// poppler runs a poppler tool on data and returns its output; the check is
// skipped (only this sub-check) when poppler-utils is not installed.
func poppler(t *testing.T, data []byte, tool string, args ...string) string {
	return popplerOut(t, data, tool, args, nil)
}

// popplerOut is poppler with arguments after the file name too.
func popplerOut(t *testing.T, data []byte, tool string, args, after []string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		t.Skipf("%s not installed (apt-get install poppler-utils); PDF content not checked", tool)
	}
	f := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(path, append(append(args, f), after...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, out)
	}
	return string(out)
}

func TestFontsEmbedded(t *testing.T) {
	out := poppler(t, write(t, rastertest.Sample(), pdf.Options{Title: "Ansökan"}), "pdffonts")
	var fonts int
	for _, l := range strings.Split(out, "\n")[2:] {
		f := strings.Fields(l)
		if len(f) < 5 {
			continue
		}
		fonts++
		if !strings.Contains(strings.ToLower(l), "notosans") {
			t.Errorf("unexpected font: %s", l)
		}
		// columns: name type encoding emb sub uni object ID
		if emb := f[len(f)-5]; emb != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
	if fonts != 2 {
		t.Errorf("want regular and bold, pdffonts says:\n%s", out)
	}
}

func TestTextExtractable(t *testing.T) {
	out := popplerOut(t, write(t, rastertest.Sample(), pdf.Options{Title: "Ansökan om bistånd"}), "pdftotext", nil, []string{"-"})
	for _, want := range []string{"Ansökan om bistånd", "Ta emot", "ansökan", "Beslut & åtgärd", "Åsa, Örjan & Märta", `<script>alert("x")</script>`} {
		if !strings.Contains(out, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, out)
		}
	}
}

func TestPaper(t *testing.T) {
	s := rastertest.Sample()
	tests := []struct {
		paper pdf.Paper
		w, h  float64 // points
	}{
		{pdf.A4, 841.89, 595.28},
		{pdf.A3, 1190.55, 841.89},
		// Natural size: 820×320 units at 0.75 pt plus 2×10 mm margins.
		{pdf.Fit, 800*0.75 + 2*28.35, 300*0.75 + 2*28.35},
	}
	re := regexp.MustCompile(`Page size:\s+([0-9.]+) x ([0-9.]+) pts`)
	for _, tc := range tests {
		out := poppler(t, write(t, s, pdf.Options{Paper: tc.paper}), "pdfinfo")
		m := re.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("%v: no page size in\n%s", tc.paper, out)
		}
		w, _ := strconv.ParseFloat(m[1], 64)
		h, _ := strconv.ParseFloat(m[2], 64)
		if math.Abs(w-tc.w) > 1 || math.Abs(h-tc.h) > 1 {
			t.Errorf("%v: page %gx%g pt, want %gx%g", tc.paper, w, h, tc.w, tc.h)
		}
	}
}

// render rasterises page 1 at dpi with pdftoppm.
func render(t *testing.T, data []byte, dpi int) *image.RGBA {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not installed (apt-get install poppler-utils); PDF pixels not checked")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	os.WriteFile(in, data, 0o644)
	if out, err := exec.Command("pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-singlefile", in, filepath.Join(dir, "out")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "out.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	rgba := image.NewRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			rgba.Set(x, y, img.At(x, y))
		}
	}
	return rgba
}

func close(a color.RGBA, b color.NRGBA, tol int) bool {
	d := func(x, y uint8) bool { return math.Abs(float64(x)-float64(y)) <= float64(tol) }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B)
}

// The Fit page at 96 dpi shows scene units as pixels, offset by the margin.
func TestPixels(t *testing.T) {
	img := render(t, write(t, rastertest.Sample(), pdf.Options{Paper: pdf.Fit}), 96)
	m := 10 / 25.4 * 96 // margin in pixels
	at := func(x, y float64) color.RGBA { return img.RGBAAt(int(x+m), int(y+m)) }
	blend := func(c color.NRGBA) color.NRGBA {
		a := float64(c.A) / 255
		f := func(v uint8) uint8 { return uint8(math.Round(float64(v)*a + 255*(1-a))) }
		return color.NRGBA{f(c.R), f(c.G), f(c.B), 255}
	}
	for _, tc := range []struct {
		name string
		x, y float64
		want color.NRGBA
	}{
		{"solid fill", rastertest.SolidBox.Center().X, rastertest.SolidBox.Center().Y, rastertest.Red},
		{"task fill", rastertest.TaskBox.X + 50, rastertest.TaskBox.Y + 70, rastertest.TaskFill},
		{"translucent group", rastertest.GroupBox.Center().X, rastertest.GroupBox.Center().Y, blend(rastertest.GroupFill)},
		{"translucent handover", 100, 84, blend(rastertest.Handover)},
		{"page margin", -m / 2, -m / 2, rastertest.White},
	} {
		if got := at(tc.x, tc.y); !close(got, tc.want, 6) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	// The vertical header leaves a tall, narrow patch of ink in its band.
	var box image.Rectangle
	for y := int(m + 5); y < int(m+295); y++ {
		for x := int(m + 3); x < int(m+27); x++ {
			if c := img.RGBAAt(x, y); c.R < 128 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if box.Dy() < 100 || box.Dx() > 16 || box.Dx() < 5 {
		t.Errorf("vertical header ink box %v", box)
	}
}

// DrawScene into a box on a page the caller owns, as the handbook does,
// and the caller's later text still works and stays outside the box.
func TestDrawSceneInBox(t *testing.T) {
	doc, err := pdf.NewDocument(pdf.Options{Paper: pdf.A4, Title: "Handbok"})
	if err != nil {
		t.Fatal(err)
	}
	doc.AddPage()
	box := model.Rect{X: 20, Y: 40, W: 120, H: 60}
	s := rastertest.Sample()
	if err := pdf.DrawScene(doc, s, box, 0); err != nil {
		t.Fatal(err)
	}
	doc.SetFont(pdf.FontFamily, "", 10)
	doc.Text(20, 120, "Efter kartan: Öppna rutinen")
	pdf.Link(doc, model.Rect{X: 20, Y: 115, W: 60, H: 6}, "file:///G:/Rutiner/Åtgärd (ny).docx")
	var buf bytes.Buffer
	if err := doc.Output(&buf); err != nil {
		t.Fatal(err)
	}
	out := popplerOut(t, buf.Bytes(), "pdftotext", nil, []string{"-"})
	if !strings.Contains(out, "Efter kartan: Öppna rutinen") || !strings.Contains(out, "Åsa") {
		t.Errorf("text missing:\n%s", out)
	}
	if !bytes.Contains(buf.Bytes(), []byte("file:///G:/Rutiner/%C3%85tg%C3%A4rd%20%28ny%29.docx")) {
		t.Errorf("link not percent-encoded")
	}
	if sc := pdf.FitScale(s, box); math.Abs(sc-120.0/800) > 1e-9 {
		t.Errorf("FitScale = %g, want width-bound 0.15", sc)
	}
	small := &draw.Scene{Bounds: model.Rect{W: 10, H: 10}}
	if sc := pdf.FitScale(small, box); math.Abs(sc-1.5*pdf.NaturalScale) > 1e-9 {
		t.Errorf("FitScale of a tiny map = %g, want 1.5 × natural", sc)
	}
}

func TestEscapeURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://intranet.example/rutin?id=4&v=2#del": "https://intranet.example/rutin?id=4&v=2#del",
		"G:\\Rutiner\\Ärende (2).pdf":                 "G:%5CRutiner%5C%C3%84rende%20%282%29.pdf",
		"a%20b%zz%":                                   "a%20b%25zz%25",
		"x)\n/JavaScript":                             "x%29%0A/JavaScript",
	} {
		if got := pdf.EscapeURL(in); got != want {
			t.Errorf("EscapeURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBadInput(t *testing.T) {
	nan := math.NaN()
	p := func(x, y float64) model.Point { return model.Point{X: x, Y: y} }
	s := &draw.Scene{Bounds: model.Rect{W: 100, H: 100}, Items: []draw.Item{
		{Path: &draw.Path{}, Style: draw.Style{Fill: rastertest.Red}},
		{Path: rastertest.Poly(true, p(nan, 1), p(2, 3)), Style: draw.Style{Fill: rastertest.Red}},
		{Path: &draw.Path{Segs: []draw.Seg{{Op: draw.LineTo, Pts: [3]model.Point{p(5, 5)}}, {Op: draw.LineTo, Pts: [3]model.Point{p(50, 50)}}}}, Style: draw.Style{Stroke: rastertest.Black, Width: 1, Dash: []float64{0, 0}}},
		{Path: &draw.Path{Segs: []draw.Seg{{Op: draw.MoveTo}}}, Style: draw.Style{Stroke: rastertest.Black, Width: 1}},
		{Path: &draw.Path{Segs: []draw.Seg{{Op: 42}}}, Style: draw.Style{Stroke: rastertest.Black, Width: 1}},
		{Text: &draw.Text{Lines: []string{"\x00\uffff"}, Size: 10, Color: rastertest.Black}},
		{Text: &draw.Text{Lines: []string{"x"}, Size: nan, Color: rastertest.Black}},
	}}
	for _, paper := range []pdf.Paper{pdf.A4, pdf.Fit} {
		write(t, s, pdf.Options{Paper: paper})
	}
	write(t, &draw.Scene{}, pdf.Options{Paper: pdf.Fit})
	huge := &draw.Scene{Bounds: model.Rect{W: 1e6, H: 10}}
	write(t, huge, pdf.Options{Paper: pdf.Fit})
	if err := pdf.Write(&bytes.Buffer{}, &draw.Scene{Bounds: model.Rect{W: nan, H: 10}}, pdf.Options{}); err == nil {
		t.Errorf("NaN bounds accepted")
	}
	if err := pdf.Write(&bytes.Buffer{}, s, pdf.Options{Paper: 7}); err == nil {
		t.Errorf("paper 7 accepted")
	}
	if _, err := pdf.ParsePaper("letter"); err == nil {
		t.Errorf("ParsePaper(letter) accepted")
	}
}

// BenchmarkBuildPDF is draw.Build plus a one-page A3 PDF of a generated
// map (the 5,000-node map is a single 283,000-unit-wide pool, fitted).
func BenchmarkBuildPDF(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		d := gen.Collaboration(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			start := rastertest.CPU()
			for range b.N {
				s := draw.Build(d, d.Diagrams[0], draw.Options{MarkHandovers: true})
				if err := pdf.Write(io.Discard, s, pdf.Options{Paper: pdf.A3, Title: "Benchmark"}); err != nil {
					b.Fatal(err)
				}
			}
			rastertest.ReportCPU(b, start)
		})
	}
}
