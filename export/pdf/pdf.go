package pdf

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"lanemap/assets"
	"lanemap/draw"
	"lanemap/model"
)

// Paper is the page format of a single-map PDF.
type Paper int

// Paper formats. A4 and A3 are landscape with the map fitted inside the
// margins; Fit makes the page the map's own size.
const (
	A4 Paper = iota
	A3
	Fit
)

// String is the paper's name as the CLI spells it.
func (p Paper) String() string {
	switch p {
	case A4:
		return "a4"
	case A3:
		return "a3"
	case Fit:
		return "fit"
	}
	return fmt.Sprintf("Paper(%d)", int(p))
}

// ParsePaper reads "a4", "a3" or "fit" (any case).
func ParsePaper(s string) (Paper, error) {
	switch strings.ToLower(s) {
	case "a4":
		return A4, nil
	case "a3":
		return A3, nil
	case "fit":
		return Fit, nil
	}
	return 0, fmt.Errorf("unknown paper %q (want a4, a3 or fit)", s)
}

// Options control a single-map PDF.
type Options struct {
	Paper Paper
	// Title goes in the document information and as a heading above the map.
	Title string
	// Subject goes in the document information.
	Subject string
}

// FontFamily is the family name the embedded Noto Sans is registered under
// (styles "" and "B").
const FontFamily = "NotoSans"

const (
	// NaturalScale is millimetres per scene unit at natural size (a scene
	// unit is a 96 dpi pixel).
	NaturalScale = 25.4 / 96
	// MarginMM is the white border of a single-map page.
	MarginMM = 10
	// maxEnlarge caps how far FitScale blows a small map up.
	maxEnlarge = 1.5
	// maxPageMM is PDF's page size limit (200 inches).
	maxPageMM = 5080
	ptPerMM   = 72 / 25.4
)

// RegisterFonts adds the embedded Noto Sans Regular and Bold to pdf as
// FontFamily. gofpdf reports font trouble only later, and then by
// panicking, so the error is checked here at once.
func RegisterFonts(pdf *gofpdf.Fpdf) error {
	pdf.AddUTF8FontFromBytes(FontFamily, "", assets.FontRegular)
	pdf.AddUTF8FontFromBytes(FontFamily, "B", assets.FontBold)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("pdf: cannot register the embedded font: %w", err)
	}
	return nil
}

// NewDocument starts a document in millimetres with the fonts registered,
// the metadata set and no page yet: A4 and A3 are landscape; for Fit, add
// pages with AddPageFormat. Automatic page breaks are off.
func NewDocument(opt Options) (*gofpdf.Fpdf, error) {
	size := "A4"
	if opt.Paper == A3 {
		size = "A3"
	}
	pdf := gofpdf.New("L", "mm", size, "")
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(MarginMM, MarginMM, MarginMM)
	pdf.SetCreator("Lanemap", true)
	if opt.Title != "" {
		pdf.SetTitle(SafeText(opt.Title), true)
	}
	if opt.Subject != "" {
		pdf.SetSubject(SafeText(opt.Subject), true)
	}
	if err := RegisterFonts(pdf); err != nil {
		return nil, err
	}
	pdf.SetLineJoinStyle("round")
	pdf.SetLineCapStyle("butt")
	return pdf, nil
}

// FitScale is the scale (mm per scene unit) that fits s into box: as large
// as fits, but at most 1.5 times natural size.
func FitScale(s *draw.Scene, box model.Rect) float64 {
	sc := NaturalScale * maxEnlarge
	if s.Bounds.W > 0 {
		sc = math.Min(sc, box.W/s.Bounds.W)
	}
	if s.Bounds.H > 0 {
		sc = math.Min(sc, box.H/s.Bounds.H)
	}
	if !(sc > 0) {
		return NaturalScale
	}
	return sc
}

// Write writes s as a one-page PDF.
func Write(w io.Writer, s *draw.Scene, opt Options) error {
	if s == nil {
		return errors.New("pdf: no scene")
	}
	if opt.Paper < A4 || opt.Paper > Fit {
		return fmt.Errorf("pdf: unknown paper %d", int(opt.Paper))
	}
	pdf, err := NewDocument(opt)
	if err != nil {
		return err
	}
	const titleMM = 10 // height of the heading band
	head := 0.0
	if opt.Title != "" {
		head = titleMM
	}
	var box model.Rect
	scale := 0.0
	if opt.Paper == Fit {
		scale = NaturalScale
		w, h := s.Bounds.W*scale, s.Bounds.H*scale
		// PDF viewers refuse pages over 200 inches: shrink such maps.
		if k := math.Min((maxPageMM-2*MarginMM)/math.Max(w, 1), (maxPageMM-2*MarginMM-head)/math.Max(h, 1)); k < 1 {
			scale, w, h = scale*k, w*k, h*k
		}
		if opt.Title != "" {
			w = math.Max(w, 120)
		}
		w, h = math.Max(w, 20), math.Max(h, 20)
		pw, ph := w+2*MarginMM, h+2*MarginMM+head
		// "P" takes the size as given; "L" would swap it.
		pdf.AddPageFormat("P", gofpdf.SizeType{Wd: pw, Ht: ph})
		box = model.Rect{X: MarginMM, Y: MarginMM + head, W: w, H: h}
	} else {
		pdf.AddPage()
		pw, ph := pdf.GetPageSize()
		box = model.Rect{X: MarginMM, Y: MarginMM + head, W: pw - 2*MarginMM, H: ph - 2*MarginMM - head}
	}
	if opt.Title != "" {
		pdf.SetFont(FontFamily, "B", 14)
		pdf.SetTextColor(0, 0, 0)
		pdf.Text(MarginMM, MarginMM+5, SafeText(opt.Title))
	}
	if err := DrawScene(pdf, s, box, scale); err != nil {
		return err
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// DrawScene paints s on pdf's current page into box (millimetres), at
// scale millimetres per scene unit, or fitted with FitScale when scale is
// 0, and centred in box. Nothing is painted outside box. pdf must use
// millimetres and have the fonts registered (NewDocument or RegisterFonts).
func DrawScene(pdf *gofpdf.Fpdf, s *draw.Scene, box model.Rect, scale float64) error {
	if s == nil {
		return errors.New("pdf: no scene")
	}
	if err := pdf.Error(); err != nil {
		return err
	}
	if b := s.Bounds; !finite(b.X+b.Y+b.W+b.H) || math.Abs(b.X)+math.Abs(b.Y)+b.W+b.H > 1e9 {
		return fmt.Errorf("pdf: scene bounds %v are not finite", b)
	}
	if scale == 0 {
		scale = FitScale(s, box)
	}
	if !(scale > 0) || !finite(scale) || !finite(box.X+box.Y+box.W+box.H) {
		return fmt.Errorf("pdf: bad scale %g or box %v", scale, box)
	}
	p := &painter{pdf: pdf, scale: scale, lastWidth: -1, alpha: 1}
	p.ox = box.X + (box.W-s.Bounds.W*scale)/2 - s.Bounds.X*scale
	p.oy = box.Y + (box.H-s.Bounds.H*scale)/2 - s.Bounds.Y*scale
	pdf.ClipRect(box.X, box.Y, box.W, box.H, false)
	for i := range s.Items {
		it := &s.Items[i]
		switch {
		case it.Path != nil:
			p.path(it.Path, &it.Style)
		case it.Text != nil:
			p.text(it.Text)
		}
	}
	p.setAlpha(1)
	if p.dashed {
		pdf.SetDashPattern(nil, 0)
	}
	pdf.ClipEnd()
	// ClipEnd's Q restored the PDF's graphics state, but gofpdf still
	// believes in what was set inside; set it again so the caller's next
	// Text or path gets what gofpdf reports.
	if p.haveStrk {
		pdf.SetDrawColor(int(p.stroke.R), int(p.stroke.G), int(p.stroke.B))
	}
	if p.haveFill {
		pdf.SetFillColor(int(p.fill.R), int(p.fill.G), int(p.fill.B))
	}
	if p.lastWidth >= 0 {
		pdf.SetLineWidth(p.lastWidth)
	}
	if p.fontSize > 0 {
		pdf.SetFont(FontFamily, p.font, p.fontSize)
	}
	return pdf.Error()
}

// Link makes r (millimetres) on the current page a link to url, which is
// percent-encoded first (gofpdf writes link targets raw).
func Link(pdf *gofpdf.Fpdf, r model.Rect, url string) {
	pdf.LinkString(r.X, r.Y, r.W, r.H, EscapeURL(url))
}

// EscapeURL percent-encodes every byte of u that is not an unreserved or
// plain reserved URL character, including spaces, non-ASCII letters,
// parentheses and backslashes. A '%' that already starts an escape stays.
func EscapeURL(u string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("-._~:/?#@!$&*+,;=", c) >= 0:
			b.WriteByte(c)
		case c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// SafeText makes s safe to hand to gofpdf, which panics on invalid UTF-8
// and on characters beyond U+FFFF (emoji) when it subsets the font: those
// become U+FFFD. A tab becomes a space and other control characters,
// which no font draws, go, as draw.Measure gives them no width.
func SafeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
			return -1
		case r > 0xffff:
			return '\uFFFD'
		}
		return r
	}, s)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// painter writes items, remembering the graphics state it last set.
type painter struct {
	pdf                 *gofpdf.Fpdf
	scale, ox, oy       float64
	fill, stroke, textC color.NRGBA
	haveFill, haveStrk  bool
	haveText            bool
	lastWidth           float64
	dashed              bool
	dash                []float64
	alpha               float64
	font                string
	fontSize            float64
}

func (p *painter) x(v float64) float64 { return p.ox + v*p.scale }
func (p *painter) y(v float64) float64 { return p.oy + v*p.scale }

func (p *painter) setAlpha(a float64) {
	if a != p.alpha {
		p.pdf.SetAlpha(a, "Normal")
		p.alpha = a
	}
}

func alphaOf(c color.NRGBA) float64 { return math.Round(float64(c.A)/255*1000) / 1000 }

func (p *painter) setFill(c color.NRGBA) {
	if !p.haveFill || c.R != p.fill.R || c.G != p.fill.G || c.B != p.fill.B {
		p.pdf.SetFillColor(int(c.R), int(c.G), int(c.B))
		p.fill, p.haveFill = c, true
	}
}

func (p *painter) setStroke(c color.NRGBA, w float64, dash []float64) {
	if !p.haveStrk || c.R != p.stroke.R || c.G != p.stroke.G || c.B != p.stroke.B {
		p.pdf.SetDrawColor(int(c.R), int(c.G), int(c.B))
		p.stroke, p.haveStrk = c, true
	}
	if w != p.lastWidth {
		p.pdf.SetLineWidth(w)
		p.lastWidth = w
	}
	if !dashOK(dash) {
		dash = nil
	}
	if len(dash) > 0 || p.dashed {
		if !sameDash(dash, p.dash) {
			mm := make([]float64, len(dash))
			for i, d := range dash {
				mm[i] = d * p.scale
			}
			p.pdf.SetDashPattern(mm, 0)
			p.dash, p.dashed = dash, len(dash) > 0
		}
	}
}

func sameDash(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// dashOK reports a dash list PDF accepts: non-negative, not all zero.
func dashOK(d []float64) bool {
	var sum float64
	for _, v := range d {
		if v < 0 || !finite(v) {
			return false
		}
		sum += v
	}
	return sum > 0
}

// trace adds the path's segments; it reports false when nothing drawable
// was added (no segments, or non-finite coordinates).
func (p *painter) trace(path *draw.Path) bool {
	for _, s := range path.Segs {
		n := 1
		switch s.Op {
		case draw.Close:
			n = 0
		case draw.CubicTo:
			n = 3
		case draw.MoveTo, draw.LineTo:
		default:
			return false
		}
		for _, q := range s.Pts[:n] {
			if !finite(q.X) || !finite(q.Y) || math.Abs(q.X) > 1e7 || math.Abs(q.Y) > 1e7 {
				return false
			}
		}
	}
	open, any := false, false
	for _, s := range path.Segs {
		switch s.Op {
		case draw.MoveTo:
			p.pdf.MoveTo(p.x(s.Pts[0].X), p.y(s.Pts[0].Y))
			open = true
		case draw.LineTo, draw.CubicTo:
			if !open { // PDF needs a current point: start where this segment starts
				p.pdf.MoveTo(p.x(s.Pts[0].X), p.y(s.Pts[0].Y))
				open = true
			}
			if s.Op == draw.LineTo {
				p.pdf.LineTo(p.x(s.Pts[0].X), p.y(s.Pts[0].Y))
			} else {
				p.pdf.CurveBezierCubicTo(p.x(s.Pts[0].X), p.y(s.Pts[0].Y), p.x(s.Pts[1].X), p.y(s.Pts[1].Y), p.x(s.Pts[2].X), p.y(s.Pts[2].Y))
			}
			any = true
		case draw.Close:
			if open {
				p.pdf.ClosePath()
			}
		}
	}
	if open && !any {
		p.pdf.DrawPath("n") // a lone MoveTo: end the path unpainted
	}
	return any
}

func (p *painter) path(path *draw.Path, st *draw.Style) {
	hasFill := st.Fill.A > 0
	hasStroke := st.Stroke.A > 0 && st.Width > 0 && finite(st.Width)
	if !hasFill && !hasStroke {
		return
	}
	fa, sa := alphaOf(st.Fill), alphaOf(st.Stroke)
	if hasFill && hasStroke && fa == sa {
		p.setFill(st.Fill)
		p.setStroke(st.Stroke, st.Width*p.scale, st.Dash)
		p.setAlpha(fa)
		if p.trace(path) {
			p.pdf.DrawPath("B")
		}
		return
	}
	// Different opacities need two painting operations on the same path.
	if hasFill {
		p.setFill(st.Fill)
		p.setAlpha(fa)
		if p.trace(path) {
			p.pdf.DrawPath("f")
		}
	}
	if hasStroke {
		p.setStroke(st.Stroke, st.Width*p.scale, st.Dash)
		p.setAlpha(sa)
		if p.trace(path) {
			p.pdf.DrawPath("S")
		}
	}
}

func (p *painter) text(t *draw.Text) {
	if len(t.Lines) == 0 || !(t.Size > 0) || !finite(t.Size) || t.Color.A == 0 ||
		!finite(t.Box.X+t.Box.Y+t.Box.W+t.Box.H) || math.Abs(t.Box.X)+math.Abs(t.Box.Y) > 1e7 {
		return
	}
	style := ""
	if t.Bold {
		style = "B"
	}
	size := t.Size * p.scale * ptPerMM
	if size > 1000 {
		return
	}
	if style != p.font || size != p.fontSize {
		p.pdf.SetFont(FontFamily, style, size)
		p.font, p.fontSize = style, size
	}
	if !p.haveText || t.Color.R != p.textC.R || t.Color.G != p.textC.G || t.Color.B != p.textC.B {
		p.pdf.SetTextColor(int(t.Color.R), int(t.Color.G), int(t.Color.B))
		p.textC, p.haveText = t.Color, true
	}
	p.setAlpha(alphaOf(t.Color))
	asc, lh := t.Ascent, t.LineHeight
	if asc <= 0 {
		asc = t.Size * 1.069 // Noto Sans ascender
	}
	if lh <= 0 {
		lh = t.Size * 1.362 // Noto Sans line height
	}
	if t.Vertical {
		p.pdf.TransformBegin()
		p.pdf.TransformRotate(90, p.x(t.Box.X+t.Box.W/2), p.y(t.Box.Y+t.Box.H/2))
	}
	for i, l := range t.Lines {
		l = SafeText(l)
		if strings.TrimSpace(l) == "" {
			continue
		}
		x := p.x(t.Box.X)
		switch t.Align {
		case draw.AlignCenter:
			x = p.x(t.Box.X+t.Box.W/2) - p.pdf.GetStringWidth(l)/2
		case draw.AlignRight:
			x = p.x(t.Box.X+t.Box.W) - p.pdf.GetStringWidth(l)
		}
		p.pdf.Text(x, p.y(t.Box.Y+asc+float64(i)*lh), l)
	}
	if t.Vertical {
		p.pdf.TransformEnd()
	}
}
