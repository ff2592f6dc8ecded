package handbook

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"lanemap/draw"
	"lanemap/export/pdf"
	"lanemap/export/site/content"
	"lanemap/model"
)

// Process is one process in the handbook.
type Process struct {
	Title  string
	Meta   model.Meta
	Defs   *model.Definitions
	Digest *content.Digest
	// Scene is the drawn map; nil when the file has no diagram.
	Scene *draw.Scene
	Draft bool
	// Page, when set, is a URL (relative to the PDF) of the process's
	// page on the published site.
	Page string
}

// Options control the handbook.
type Options struct {
	// Lang is "sv" (default) or "en".
	Lang string
	// Title is the handbook's title ("" = "Processhandbok").
	Title string
	// Paper is the maps' sheet, "a4" (default) or "a3", always landscape;
	// text pages are A4.
	Paper string
	// Date is the edition date, "YYYY-MM-DD"; "" means today.
	Date string
	// Drafts says drafts are included (the cover then says so).
	Drafts bool
	// Progress, when set, hears after each process.
	Progress func(done, total int)
}

// textPaper is the sheet of the cover, contents and text pages: A4
// portrait whatever the maps are printed on, so an A3 handbook has A3 maps
// and readable A4 text.
const textPaper = "A4"

// Page geometry in millimetres.
const (
	margin  = 15.0
	headerY = 8.0  // top of the header text
	bodyTop = 22.0 // first line of body text
	footerH = 14.0 // from the bottom edge to the footer's baseline area
	lineH   = 5.2  // body line height at 10 pt
	tocLine = 7.0
)

// writer holds the state of one Write call.
type writer struct {
	f     *gofpdf.Fpdf
	w     content.Words
	opts  Options
	title string
	date  string
	cur   *Process // the process the current page belongs to; nil for front matter
	size  string
	// called maps process ids to the index of the handbook's process
	// that defines them; links holds each process's internal link.
	called map[string]int
	links  []int
	procs  []Process
}

// Write writes the handbook for procs to out. Cancelling ctx stops it
// between processes, with ctx's error and nothing written to out.
func Write(ctx context.Context, out io.Writer, procs []Process, opts Options) (err error) {
	words, err := content.NewWords(opts.Lang)
	if err != nil {
		return err
	}
	size := "A4"
	switch strings.ToLower(opts.Paper) {
	case "", "a4":
	case "a3":
		size = "A3"
	default:
		return fmt.Errorf("unknown paper %q (want a4 or a3)", opts.Paper)
	}
	date := opts.Date
	if date == "" {
		date = time.Now().Format("2006-01-02")
	}
	day, err := time.Parse("2006-01-02", date)
	if err != nil {
		return fmt.Errorf("bad edition date %q (want YYYY-MM-DD)", date)
	}
	title := strings.TrimSpace(opts.Title)
	if title == "" {
		title = words.Must("hb.title")
	}
	f := gofpdf.New("P", "mm", size, "")
	if err := pdf.RegisterFonts(f); err != nil {
		return err
	}
	// The same edition gives the same bytes, so re-publishing leaves an
	// unchanged handbook alone.
	f.SetCreationDate(day)
	f.SetModificationDate(day)
	f.SetCatalogSort(true)
	f.SetTitle(title, true)
	f.SetCreator("Lanemap", true)
	f.SetMargins(margin, bodyTop, margin)
	f.SetAutoPageBreak(true, footerH+6)
	f.AliasNbPages("{nb}")
	f.SetLineJoinStyle("round")
	h := &writer{f: f, w: words, opts: opts, title: title, date: date, size: size, called: map[string]int{}}
	for i, p := range procs {
		if p.Digest == nil {
			return fmt.Errorf("handbook: %s has no digest", p.Title)
		}
		for _, id := range p.Digest.ProcessIDs {
			if _, dup := h.called[id]; !dup {
				h.called[id] = i
			}
		}
	}
	f.SetHeaderFuncMode(h.header, false)
	f.SetFooterFunc(h.footer)

	// gofpdf panics on some broken input (fonts, images); turn that into
	// an error rather than a crash of the whole publication.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("handbook: %v", r)
		}
	}()

	h.cover(len(procs))
	tocFirst, tocLinks := h.reserveTOC(len(procs))
	h.links = tocLinks
	h.procs = procs
	starts := make([]int, len(procs))
	for i := range procs {
		if err := ctx.Err(); err != nil {
			return err
		}
		p := &procs[i]
		starts[i] = h.process(p)
		f.SetLink(tocLinks[i], 0, starts[i])
		if opts.Progress != nil {
			opts.Progress(i+1, len(procs))
		}
		if err := f.Error(); err != nil {
			return fmt.Errorf("handbook: %s: %w", p.Title, err)
		}
	}
	h.fillTOC(tocFirst, procs, starts, tocLinks)
	if err := f.Error(); err != nil {
		return fmt.Errorf("handbook: %w", err)
	}
	return f.Output(out)
}

func (h *writer) font(style string, pt float64) { h.f.SetFont(pdf.FontFamily, style, pt) }

func (h *writer) grey()  { h.f.SetTextColor(75, 75, 75) }
func (h *writer) black() { h.f.SetTextColor(20, 20, 20) }

// header runs on every new page: the process (or handbook) name on the
// left; owner, version and classification on the right; a draft mark.
func (h *writer) header() {
	f := h.f
	if f.PageNo() == 1 {
		return // the cover has none
	}
	pw, _ := f.GetPageSize()
	x, y := f.GetXY()
	left := h.title
	right := ""
	if p := h.cur; p != nil {
		left = p.Title
		owner := p.Meta.Owner
		if owner == "" {
			owner = "–"
		}
		version := p.Meta.Version
		if version == "" {
			version = "–"
		}
		right = h.w.Must("hb.header", owner, version, p.Meta.Classification)
	}
	h.font("B", 9)
	h.black()
	f.SetXY(margin, headerY)
	mark := ""
	if h.cur != nil && h.cur.Draft {
		mark = h.w.Must("hb.draftmark")
	}
	rw := 0.0
	if right != "" {
		h.font("", 8.5)
		rw = f.GetStringWidth(right) + 2
	}
	mw := 0.0
	if mark != "" {
		h.font("B", 9)
		mw = f.GetStringWidth(mark) + 6
	}
	h.font("B", 9)
	f.CellFormat(pw-2*margin-rw-mw, 5, fit(f, left, pw-2*margin-rw-mw), "", 0, "L", false, 0, "")
	if mark != "" {
		f.SetFillColor(255, 236, 179)
		f.SetDrawColor(138, 90, 0)
		f.SetTextColor(107, 61, 0)
		f.CellFormat(mw-2, 5, mark, "1", 0, "C", true, 0, "")
		f.SetX(f.GetX() + 2)
	}
	if right != "" {
		h.font("", 8.5)
		h.grey()
		f.CellFormat(rw, 5, right, "", 0, "R", false, 0, "")
	}
	f.SetDrawColor(150, 150, 150)
	f.SetLineWidth(0.2)
	f.Line(margin, headerY+6.5, pw-margin, headerY+6.5)
	h.black()
	f.SetXY(x, y)
}

// footer: handbook title and edition on the left, "sida n av m" right.
func (h *writer) footer() {
	f := h.f
	if f.PageNo() == 1 {
		return
	}
	pw, ph := f.GetPageSize()
	y := ph - footerH + 2
	f.SetDrawColor(150, 150, 150)
	f.SetLineWidth(0.2)
	f.Line(margin, y, pw-margin, y)
	h.font("", 8.5)
	h.grey()
	f.SetXY(margin, y+1.5)
	f.CellFormat((pw-2*margin)/2, 5, h.title+" · "+h.w.Must("hb.edition", h.date), "", 0, "L", false, 0, "")
	f.CellFormat((pw-2*margin)/2, 5, h.w.Must("hb.page", f.PageNo(), "{nb}"), "", 0, "R", false, 0, "")
	h.black()
}

// fit shortens s with an ellipsis until it fits w millimetres.
func fit(f *gofpdf.Fpdf, s string, w float64) string {
	if f.GetStringWidth(s) <= w {
		return s
	}
	// Widths add up rune by rune (gofpdf does not kern), so one pass
	// finds the cut; trimming and re-measuring would be quadratic.
	room := w - f.GetStringWidth("…")
	var used float64
	rs := []rune(s)
	n := 0
	for n < len(rs) {
		cw := f.GetStringWidth(string(rs[n]))
		if used+cw > room && n > 0 {
			break
		}
		used += cw
		n++
	}
	return string(rs[:n]) + "…"
}

func (h *writer) cover(n int) {
	f := h.f
	h.cur = nil
	f.AddPageFormat("P", f.GetPageSizeStr(textPaper))
	pw, ph := f.GetPageSize()
	f.SetFillColor(18, 53, 91)
	f.Rect(0, 0, pw, ph*0.38, "F")
	f.SetTextColor(255, 255, 255)
	h.font("B", 30)
	f.SetXY(margin+5, ph*0.18)
	f.MultiCell(pw-2*margin-10, 13, h.title, "", "L", false)
	h.font("", 14)
	f.SetX(margin + 5)
	f.CellFormat(pw-2*margin-10, 9, h.w.Must("hb.edition", h.date)+" · "+h.w.Count("process", n), "", 1, "L", false, 0, "")
	h.black()
	f.SetXY(margin+5, ph*0.38+15)
	h.font("", 11)
	if h.opts.Drafts {
		f.MultiCell(pw-2*margin-10, 6, h.w.Must("hb.drafts"), "", "L", false)
	}
	f.Bookmark(h.title, 0, 0)
}

// tocPerPage is how many entries fit on one contents page.
func (h *writer) tocPerPage() int {
	ph := h.f.GetPageSizeStr(textPaper).Ht    // contents pages are portrait
	usable := ph - bodyTop - footerH - 6 - 16 // room for the heading on the first page
	return max(1, int(usable/tocLine))
}

// reserveTOC adds the contents pages (empty for now) and a link per entry.
func (h *writer) reserveTOC(n int) (first int, links []int) {
	f := h.f
	per := h.tocPerPage()
	pages := max(1, (n+per-1)/per)
	for i := range pages {
		f.AddPageFormat("P", f.GetPageSizeStr(textPaper))
		if i == 0 {
			first = f.PageNo()
			h.font("B", 9)
			f.Bookmark(h.w.Must("hb.toc"), 0, bodyTop)
		}
	}
	for range n {
		links = append(links, f.AddLink())
	}
	return first, links
}

// fillTOC writes the contents on the reserved pages.
func (h *writer) fillTOC(first int, procs []Process, starts, links []int) {
	f := h.f
	last := f.PageNo()
	f.SetAutoPageBreak(false, 0)
	per := h.tocPerPage()
	f.SetPage(first)
	pw, _ := f.GetPageSize()
	h.font("B", 18)
	h.black()
	f.SetXY(margin, bodyTop)
	f.CellFormat(0, 12, h.w.Must("hb.toc"), "", 1, "L", false, 0, "")
	y := bodyTop + 16
	for i, p := range procs {
		if i > 0 && i%per == 0 {
			f.SetPage(first + i/per)
			y = bodyTop
		}
		num := strconv.Itoa(starts[i])
		h.font("", 11)
		nw := f.GetStringWidth(num)
		title := p.Title
		if p.Draft {
			title += " (" + h.w.Must("hb.draftmark") + ")"
		}
		avail := pw - 2*margin - nw - 8
		title = fit(f, title, avail)
		tw := f.GetStringWidth(title)
		f.SetXY(margin, y)
		f.CellFormat(tw, tocLine, title, "", 0, "L", false, links[i], "")
		// Dot leaders make the row easy to follow across the page.
		h.grey()
		dots := ""
		for f.GetStringWidth(dots+" .") < pw-2*margin-tw-nw-4 {
			dots += " ."
		}
		f.CellFormat(pw-2*margin-tw-nw, tocLine, dots, "", 0, "L", false, links[i], "")
		h.black()
		f.CellFormat(nw, tocLine, num, "", 0, "R", false, links[i], "")
		y += tocLine
	}
	f.SetPage(last)
}

// process writes one process and returns its first page.
func (h *writer) process(p *Process) int {
	f := h.f
	h.cur = p
	first := 0
	mark := func() {
		if first == 0 {
			first = f.PageNo()
			h.font("B", 9)
			f.Bookmark(p.Title, 0, 0)
		}
	}
	if p.Scene != nil && len(p.Scene.Items) > 0 {
		h.maps(p, mark)
	}
	h.text(p, mark)
	return first
}

// maps draws the map on one or more landscape sheets.
func (h *writer) maps(p *Process, mark func()) {
	f := h.f
	size := f.GetPageSizeStr(h.size)
	_, ph := size.Ht, size.Wd // landscape
	area := sheetArea(size)
	solid := func(id string) bool {
		if p.Defs == nil {
			return true
		}
		if p.Defs.Lane(id) != nil || p.Defs.Participant(id) != nil {
			return false
		}
		if n := p.Defs.Node(id); n != nil {
			return !(n.Kind.IsSubProcess() || n.Kind == model.Group)
		}
		return p.Defs.Flow(id) == nil
	}
	// Map sheets place everything themselves; a note near the foot must
	// not spill onto a page of its own.
	f.SetAutoPageBreak(false, 0)
	defer f.SetAutoPageBreak(true, footerH+6)
	pl := planMap(p.Scene, area.W, area.H, solid)
	heads := headerItems(p.Scene, pl.HeaderW)
	tops := topHeaderItems(p.Scene, pl.HeaderH)
	bands := bandsOf(p.Scene)
	mapTitle := h.w.Must("map.h2")
	for i, t := range pl.Tiles {
		f.AddPageFormat("L", size)
		mark()
		if i == 0 {
			h.font("B", 9)
			f.Bookmark(mapTitle, 1, bodyTop)
		}
		heading := p.Title + " – " + mapTitle
		if len(pl.Tiles) > 1 {
			heading = h.w.Must("hb.sheet", heading, i+1, len(pl.Tiles))
		}
		h.font("B", 12)
		h.black()
		f.SetXY(margin, bodyTop-2)
		f.CellFormat(area.W, titleH, fit(f, heading, area.W), "", 0, "L", false, 0, "")
		// The map's window goes right of the repeated left header and
		// below the repeated top header; each header lines up with it.
		x, y := area.X, area.Y
		if t.Header {
			x += pl.HeaderW * pl.Scale
		}
		if t.Top {
			y += pl.HeaderH * pl.Scale
		}
		if t.Header {
			hw := model.Rect{X: p.Scene.Bounds.X, Y: t.Window.Y, W: pl.HeaderW, H: t.Window.H}
			// Lane names a row cut would split follow the same rule as
			// the map's labels, over the header's windows.
			hdr := make([]tile, len(pl.Tiles))
			for j, u := range pl.Tiles {
				hdr[j] = tile{Window: model.Rect{X: hw.X, Y: u.Window.Y, W: hw.W, H: u.Window.H}}
			}
			hs := &draw.Scene{Bounds: hw, Items: tileItems(placeNames(heads, bands, hw), hdr, i)}
			box := model.Rect{X: area.X, Y: y, W: hw.W * pl.Scale, H: hw.H * pl.Scale}
			if err := pdf.DrawScene(f, hs, box, pl.Scale); err != nil {
				f.SetError(err)
				return
			}
		}
		if t.Top {
			hh := model.Rect{X: t.Window.X, Y: p.Scene.Bounds.Y, W: t.Window.W, H: pl.HeaderH}
			// Lane names a column cut would split: as above, over the
			// top header's windows.
			hdr := make([]tile, len(pl.Tiles))
			for j, u := range pl.Tiles {
				hdr[j] = tile{Window: model.Rect{X: u.Window.X, Y: hh.Y, W: u.Window.W, H: hh.H}}
			}
			hs := &draw.Scene{Bounds: hh, Items: tileItems(placeNames(tops, bands, hh), hdr, i)}
			box := model.Rect{X: x, Y: area.Y, W: hh.W * pl.Scale, H: hh.H * pl.Scale}
			if err := pdf.DrawScene(f, hs, box, pl.Scale); err != nil {
				f.SetError(err)
				return
			}
		}
		// The window is clipped to its own box, beside the header bands,
		// and labels it would cut are left to the sheet that shows them.
		// Lane names go where this sheet shows their band whole.
		win := &draw.Scene{Bounds: t.Window, Items: tileItems(placeNames(p.Scene.Items, bands, t.Window), pl.Tiles, i)}
		box := model.Rect{X: x, Y: y, W: t.Window.W * pl.Scale, H: t.Window.H * pl.Scale}
		if err := pdf.DrawScene(f, win, box, pl.Scale); err != nil {
			f.SetError(err)
			return
		}
		if len(pl.Tiles) > 1 && i == 0 {
			h.font("", 8.5)
			h.grey()
			f.SetXY(margin, ph-footerH-4)
			note := "hb.sheets"
			if pl.HeaderH > 0 && pl.HeaderW == 0 {
				note = "hb.sheetsTop" // a vertical pool: names along the top
			}
			f.CellFormat(area.W, 4, h.w.Must(note, len(pl.Tiles)), "", 0, "L", false, 0, "")
			h.black()
		}
	}
}

// titleH is the height of a map sheet's heading.
const titleH = 8.0

// sheetArea is where a map goes on a landscape sheet of size (given
// portrait), in millimetres.
func sheetArea(size gofpdf.SizeType) model.Rect {
	pw, ph := size.Ht, size.Wd
	return model.Rect{X: margin, Y: bodyTop + titleH, W: pw - 2*margin, H: ph - bodyTop - titleH - footerH - 4}
}

// text writes the process's metadata, steps per lane and handovers.
func (h *writer) text(p *Process, mark func()) {
	f := h.f
	w := h.w
	f.AddPageFormat("P", f.GetPageSizeStr(textPaper))
	mark()
	pw, _ := f.GetPageSize()
	tw := pw - 2*margin
	f.SetXY(margin, bodyTop)
	h.font("B", 18)
	h.black()
	f.MultiCell(tw, 8, p.Title, "", "L", false)
	f.Ln(2)

	// Metadata as label: value rows.
	m := p.Meta
	rows := [][2]string{
		{w.Must("meta.owner"), m.Owner}, {w.Must("meta.maintainer"), m.Maintainer},
		{w.Must("meta.version"), m.Version}, {w.Must("meta.status"), w.Status(m.Status)},
		{w.Must("meta.approved"), m.ApprovedDate}, {w.Must("meta.review"), m.ReviewDate},
		{w.Must("meta.class"), w.Class(m.Classification)}, {w.Must("meta.tags"), strings.Join(m.Tags, ", ")},
		{w.Must("meta.roles"), strings.Join(p.Digest.Roles, ", ")},
	}
	for _, r := range rows {
		if strings.TrimSpace(r[1]) == "" {
			continue
		}
		h.font("B", 9.5)
		h.grey()
		f.SetX(margin)
		f.CellFormat(42, lineH, r[0], "", 0, "L", false, 0, "")
		h.font("", 10)
		h.black()
		f.MultiCell(tw-42, lineH, r[1], "", "L", false)
	}
	if len(m.Links) > 0 {
		h.font("B", 9.5)
		h.grey()
		f.SetX(margin)
		f.CellFormat(42, lineH, w.Must("meta.links"), "", 0, "L", false, 0, "")
		h.black()
		for i, l := range m.Links {
			if i > 0 {
				f.SetX(margin + 42)
			}
			h.link(l, lineH)
			f.Ln(lineH)
		}
	}
	if p.Page != "" {
		f.Ln(1)
		f.SetX(margin)
		h.font("", 10)
		f.SetTextColor(11, 79, 156)
		f.WriteLinkString(lineH, w.Must("hb.online"), pdf.EscapeURL(p.Page))
		h.black()
		f.Ln(lineH)
	}
	for _, pool := range p.Digest.Pools {
		if pool.Documentation != "" {
			f.Ln(2)
			h.font("", 10)
			f.SetX(margin)
			f.MultiCell(tw, lineH, pool.Documentation, "", "L", false)
		}
	}

	// Steps per lane.
	h.heading(w.Must("steps.h2"), 1)
	if len(p.Digest.Steps) == 0 {
		h.font("", 10)
		f.MultiCell(tw, lineH, w.Must("hb.nosteps"), "", "L", false)
	}
	multi := len(p.Digest.Pools) > 1
	for _, pool := range p.Digest.Pools {
		if multi && pool.Name != "" {
			h.sub(pool.Name, 13)
		}
		for _, l := range pool.Lanes {
			name := w.Must("steps.nolane")
			if l.ID != "" {
				who := l.Role
				if who == "" {
					who = w.Must("steps.unnamed")
				}
				name = w.Must("steps.role", who)
				if l.Name != "" && !strings.EqualFold(l.Name, l.Role) {
					name += " – " + l.Name
				}
			}
			h.sub(name, 12)
			for _, s := range l.Steps {
				h.step(p, s, l.ID)
			}
		}
	}

	// Handovers.
	cols, widths, hos := h.handoverTable(p)
	if len(hos) > 0 {
		// The heading stays with the table's first rows.
		h.needs(headingRoom + h.tableLead(cols, widths, hos))
	}
	h.heading(w.Must("ho.h2"), 1)
	if len(p.Digest.Handovers) == 0 {
		h.font("", 10)
		f.SetX(margin)
		f.MultiCell(tw, lineH, w.Must("ho.none"), "", "L", false)
		return
	}
	h.table(cols, widths, hos)
}

// handoverTable is the handover table's header, column widths and rows;
// the condition column only when some handover has a condition.
func (h *writer) handoverTable(p *Process) (cols []string, widths []float64, rows [][]string) {
	w := h.w
	pw, _ := h.f.GetPageSize()
	tw := pw - 2*margin
	cols = []string{w.Must("col.fromrole"), w.Must("col.fromstep"), w.Must("col.torole"), w.Must("col.tostep"), w.Must("col.what")}
	widths = []float64{0.17, 0.24, 0.17, 0.24, 0.18}
	conds := false
	for _, ho := range p.Digest.Handovers {
		conds = conds || ho.Condition != ""
	}
	if conds {
		cols = append(cols, w.Must("col.condition"))
		widths = []float64{0.14, 0.19, 0.14, 0.19, 0.18, 0.16}
	}
	for i := range widths {
		widths[i] *= tw
	}
	for _, ho := range p.Digest.Handovers {
		r := []string{ho.FromRole, h.numbered(ho.From), ho.ToRole, h.numbered(ho.To), w.Handed(ho)}
		if conds {
			r = append(r, w.Condition(ho))
		}
		rows = append(rows, r)
	}
	return cols, widths, rows
}

func (h *writer) stepName(s *content.Step) string {
	if s.Name != "" {
		return s.Name
	}
	return h.w.Kind(s)
}

func (h *writer) numbered(s *content.Step) string {
	return strconv.Itoa(s.Number) + ". " + h.stepName(s)
}

// heading writes a section heading with a level-1 bookmark.
func (h *writer) heading(s string, level int) {
	f := h.f
	h.needs(20)
	f.Ln(4)
	h.font("B", 14)
	h.black()
	f.SetX(margin)
	f.Bookmark(s, level, -1)
	f.CellFormat(0, 8, s, "", 1, "L", false, 0, "")
	pw, _ := f.GetPageSize()
	f.SetDrawColor(170, 170, 170)
	f.Line(margin, f.GetY(), pw-margin, f.GetY())
	f.Ln(2)
}

func (h *writer) sub(s string, pt float64) {
	f := h.f
	h.needs(16)
	f.Ln(2)
	h.font("B", pt)
	h.black()
	f.SetX(margin)
	pw, _ := f.GetPageSize()
	f.MultiCell(pw-2*margin, 6.5, s, "", "L", false)
}

// needs starts a new page when fewer than mm millimetres are left, so a
// heading never sits alone at the foot of a page.
func (h *writer) needs(mm float64) {
	f := h.f
	mm = min(mm, h.pageRoom()) // more than a page cannot be kept together
	_, ph := f.GetPageSize()
	if f.GetY()+mm > ph-footerH-6 {
		f.AddPageFormat("P", f.GetPageSizeStr(textPaper))
		f.SetY(bodyTop)
	}
}

// step writes one numbered step: name and kind, documentation, links,
// what comes next.
func (h *writer) step(p *Process, s *content.Step, lane string) {
	f := h.f
	w := h.w
	pw, _ := f.GetPageSize()
	indent := 9.0
	tw := pw - 2*margin - indent
	h.needs(12)
	y := f.GetY()
	h.font("B", 10)
	h.black()
	f.SetXY(margin, y)
	f.CellFormat(indent, lineH, strconv.Itoa(s.Number)+".", "", 0, "R", false, 0, "")
	f.SetX(margin + indent + 1)
	f.MultiCell(tw-1, lineH, h.stepName(s)+"  ·  "+w.Kind(s), "", "L", false)
	body := func(style string, pt float64, text string) {
		h.font(style, pt)
		f.SetX(margin + indent + 1)
		f.MultiCell(tw-1, lineH*pt/10, text, "", "L", false)
	}
	if s.AttachedTo != nil {
		h.grey()
		body("", 9.5, w.Must("steps.on")+": "+h.numbered(s.AttachedTo))
		h.black()
	}
	if s.Documentation != "" {
		body("", 10, s.Documentation)
	}
	if s.CalledElement != "" {
		// A call of a process in the handbook links to its section.
		h.font("", 9.5)
		h.black()
		f.SetX(margin + indent + 1)
		f.Write(lineH*0.95, w.Must("steps.calls")+": ")
		if i, ok := h.called[s.CalledElement]; ok {
			f.SetTextColor(11, 79, 156)
			f.WriteLinkID(lineH*0.95, h.procs[i].Title, h.links[i])
			h.black()
		} else {
			f.Write(lineH*0.95, s.CalledElement)
		}
		f.Ln(lineH * 0.95)
	}
	for _, l := range s.Links {
		f.SetX(margin + indent + 1)
		h.font("", 9.5)
		h.link(l, lineH)
		f.Ln(lineH)
	}
	if len(s.Next) > 0 {
		var parts []string
		for _, e := range s.Next {
			t := h.numbered(e.To)
			if e.To.LaneID != lane {
				role := e.To.Role
				if role == "" {
					role = w.Must("steps.nolane")
				}
				t += " (" + role + ")"
			}
			if e.Label != "" {
				t = e.Label + ": " + t
			}
			parts = append(parts, t)
		}
		h.grey()
		body("", 9.5, w.Must("steps.next")+": "+strings.Join(parts, "; "))
		h.black()
	} else if s.Kind == model.EndEvent {
		h.grey()
		body("", 9.5, w.Must("steps.end"))
		h.black()
	}
	f.Ln(1.5)
}

// link writes a document link: clickable when it is a web, mail or file
// URL, or a UNC or absolute path (as a file: URL, with a note that it
// opens only on the organisation's network); a relative path is text, as
// the PDF travels without the library's files.
func (h *writer) link(l model.Link, lh float64) {
	f := h.f
	title := strings.TrimSpace(l.Title)
	href := strings.TrimSpace(l.Href)
	if title == "" {
		title = href
	}
	switch kind, target := content.DocLink(href); kind {
	case content.LinkURL, content.LinkNetwork:
		if kind == content.LinkURL {
			target = href // as written; EscapeURL encodes what it must
		}
		h.font("", 10)
		f.SetTextColor(11, 79, 156)
		f.WriteLinkString(lh, title, pdf.EscapeURL(target))
		h.black()
		if kind == content.LinkNetwork {
			h.grey()
			f.Write(lh, " ("+h.w.Must("link.network")+")")
			h.black()
		}
		return
	}
	h.font("", 10)
	text := title
	if href != title && href != "" {
		text += " (" + href + ")"
	}
	f.Write(lh, text)
}

// maxCellLines is the most lines a table cell shows.
const maxCellLines = 12

// minRowsTogether is the fewest rows of a table a page holds: a table
// starts on a new page rather than with fewer rows under its header, and a
// break never leaves fewer on the last page.
const minRowsTogether = 3

// cellLine is a table's line height in millimetres.
const cellLine = 4.6

// tableRow is one measured row: each cell's lines and the row's height.
type tableRow struct {
	lines [][]string
	h     float64
	head  bool
}

// measure wraps every cell of a row; the row is as tall as its tallest
// cell. Very long cells are cut short, so a row always fits a page.
func (h *writer) measure(cells []string, widths []float64, head bool) tableRow {
	f := h.f
	style := ""
	if head {
		style = "B"
	}
	h.font(style, 9)
	r := tableRow{lines: make([][]string, len(cells)), head: head}
	n := 1
	for i, c := range cells {
		r.lines[i] = wrap(f, c, widths[i]-2)
		if len(r.lines[i]) > maxCellLines {
			r.lines[i] = append(r.lines[i][:maxCellLines-1], fit(f, r.lines[i][maxCellLines-1]+"…", widths[i]-2))
		}
		n = max(n, len(r.lines[i]))
	}
	r.h = float64(n)*cellLine + 2
	return r
}

// headingRoom is the height a heading above a table takes.
const headingRoom = 20.0

// tableLead is the height a table needs at its start: all of it when it
// is small (fits a page under a heading), else its header and first
// minRowsTogether rows. Callers keep a heading together with it.
func (h *writer) tableLead(cols []string, widths []float64, rows [][]string) float64 {
	lead := h.measure(cols, widths, true).h
	for i, r := range rows {
		if i == minRowsTogether && lead+h.restHeight(widths, rows[i:]) > h.pageRoom()-headingRoom {
			break
		}
		lead += h.measure(r, widths, false).h
	}
	return lead
}

func (h *writer) restHeight(widths []float64, rows [][]string) float64 {
	var t float64
	for _, r := range rows {
		t += h.measure(r, widths, false).h
	}
	return t
}

// pageRoom is the height of a text page's body.
func (h *writer) pageRoom() float64 {
	_, ph := h.f.GetPageSize()
	return ph - footerH - 6 - bodyTop - 2
}

// table writes a table whose header row is repeated on every page it
// spans. Page breaks are planned first: a table that fits one page is
// moved whole to the next page rather than split; a longer one starts
// with at least minRowsTogether rows under its header, and rows are moved
// forward so its last page holds at least that many too.
func (h *writer) table(cols []string, widths []float64, rows [][]string) {
	f := h.f
	head := h.measure(cols, widths, true)
	body := make([]tableRow, len(rows))
	for i, r := range rows {
		body[i] = h.measure(r, widths, false)
	}
	_, ph := f.GetPageSize()
	heights := make([]float64, len(body))
	for i, r := range body {
		heights[i] = r.h
	}
	newPage := func() {
		f.AddPageFormat("P", f.GetPageSizeStr(textPaper))
		f.SetY(bodyTop)
	}
	fresh, breaks := planTable(f.GetY(), bodyTop, ph-footerH-6, head.h, heights)
	if fresh {
		newPage()
	}
	h.drawRow(head, widths)
	next := 0
	for i, r := range body {
		if next < len(breaks) && breaks[next] == i {
			next++
			newPage()
			h.drawRow(head, widths)
		}
		h.drawRow(r, widths)
	}
}

// planTable plans a table's page breaks: y is where it would start, top
// and bottom the body's limits on every page, head the header row's height
// and rows the rows'. fresh says to start on a new page (a small table
// that does not fit here, or one that would start with fewer than
// minRowsTogether rows); breaks[k] is the first row of the (k+2)th page's
// part. The last part is given at least minRowsTogether rows by moving
// rows forward while the part before keeps as many.
func planTable(y, top, bottom, head float64, rows []float64) (fresh bool, breaks []int) {
	total := head
	for _, r := range rows {
		total += r
	}
	room := bottom - top
	if y > top && total <= room-headingRoom && y+total > bottom {
		return true, planBreaks(top, top, bottom, head, rows)
	}
	breaks = planBreaks(y, top, bottom, head, rows)
	if y > top && len(breaks) > 0 && breaks[0] < min(minRowsTogether, len(rows)) {
		return true, planBreaks(top, top, bottom, head, rows)
	}
	return false, breaks
}

// planBreaks fills pages greedily, then evens out the last part.
func planBreaks(y, top, bottom, head float64, rows []float64) []int {
	var breaks []int
	y += head
	start := 0
	for i, r := range rows {
		if y+r > bottom && i > start {
			breaks = append(breaks, i)
			start = i
			y = top + head
		}
		y += r
	}
	if k := len(breaks) - 1; k >= 0 {
		prev := 0
		if k > 0 {
			prev = breaks[k-1]
		}
		last := head
		for _, r := range rows[breaks[k]:] {
			last += r
		}
		for len(rows)-breaks[k] < minRowsTogether && breaks[k]-prev > minRowsTogether && top+last+rows[breaks[k]-1] <= bottom {
			breaks[k]--
			last += rows[breaks[k]]
		}
	}
	return breaks
}

// drawRow draws a measured row at the current position.
func (h *writer) drawRow(r tableRow, widths []float64) {
	f := h.f
	style := ""
	if r.head {
		style = "B"
	}
	h.font(style, 9)
	h.black()
	x, y := margin, f.GetY()
	if r.head {
		f.SetFillColor(235, 238, 243)
		f.Rect(x, y, sum(widths), r.h, "F")
	}
	for i := range r.lines {
		for j, line := range r.lines[i] {
			f.SetXY(x+1, y+1+float64(j)*cellLine)
			f.CellFormat(widths[i]-2, cellLine, line, "", 0, "L", false, 0, "")
		}
		x += widths[i]
	}
	f.SetDrawColor(190, 190, 190)
	f.Line(margin, y+r.h, margin+sum(widths), y+r.h)
	f.SetXY(margin, y+r.h)
}

func sum(xs []float64) float64 {
	var t float64
	for _, x := range xs {
		t += x
	}
	return t
}

// wrap breaks s into lines no wider than w mm in the current font. gofpdf's
// SplitLines measures bytes, which breaks UTF-8 text, so this measures
// whole strings and splits long words between runes.
func wrap(f *gofpdf.Fpdf, s string, w float64) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if f.GetStringWidth(try) <= w {
				line = try
				continue
			}
			if line != "" {
				out = append(out, line)
			}
			// A word wider than the cell is split between runes, in one
			// pass (widths add up rune by rune).
			line = ""
			var piece []rune
			var used float64
			for _, r := range word {
				cw := f.GetStringWidth(string(r))
				if used+cw > w && len(piece) > 0 {
					out = append(out, string(piece))
					piece, used = piece[:0], 0
				}
				piece = append(piece, r)
				used += cw
			}
			line = string(piece)
		}
		out = append(out, line)
	}
	return out
}
