package site

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"io/fs"
	"math"
	"path"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"lanemap/export/site/content"
	"lanemap/model"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static/site.css static/site.js
var staticFS embed.FS

// renderer turns the selected processes into page bytes.
type renderer struct {
	t         content.Words
	opts      Options
	siteTitle string
	handbook  string // slash path of the handbook in the folder, "" = none
	pages     map[string]*template.Template
	maps      bool // draw the maps (tests of the text alone turn it off)
	coll      *collate.Collator

	// reuse finds a page published before under the same key; keys
	// collects the key of every process page rendered or reused.
	reuse    reuseFunc
	keys     map[string]string
	reused   []string
	warnings []string
	// notes are the warnings as keys and arguments, so the report can
	// word them in its own language.
	notes []note

	procs    []*proc
	byProcID map[string]*proc // process id → the file that defines it
	roles    map[string]*role // folded role name → role
	roleList []*role

	// docRes maps a relative document link (docKey) to the library file
	// it resolves to ("" = none), docOut that file to its copy's path.
	docRes, docOut map[string]string
}

// role is one role across the library.
type role struct {
	name  string
	slug  string
	page  string
	procs []*proc
}

func newRenderer(t content.Words, opts Options) (*renderer, error) {
	r := &renderer{t: t, opts: opts, pages: map[string]*template.Template{}, maps: !noMaps}
	r.siteTitle = strings.TrimSpace(opts.Title)
	if r.siteTitle == "" {
		r.siteTitle = t.Must("site.title")
	}
	tag := language.Swedish
	if t.Lang() == content.English {
		tag = language.English
	}
	r.coll = collate.New(tag, collate.IgnoreCase)
	funcs := template.FuncMap{"t": t.T}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	for _, name := range []string{"index", "process", "roles", "role", "handovers"} {
		c, err := base.Clone()
		if err != nil {
			return nil, err
		}
		files := []string{"templates/" + name + ".html"}
		if name == "handovers" {
			// The overview reuses the process page's handover table.
			files = append(files, "templates/process.html")
		}
		for _, f := range files {
			b, err := templateFS.ReadFile(f)
			if err != nil {
				return nil, err
			}
			s := string(b)
			if name == "handovers" && f == "templates/process.html" {
				s = s[strings.Index(s, `{{define "hotable"}}`):]
			}
			if _, err := c.Parse(s); err != nil {
				return nil, err
			}
		}
		r.pages[name] = c
	}
	return r, nil
}

// page is what the layout needs, plus one page kind's data.
type page struct {
	Lang      string
	SiteTitle string
	Title     string
	Root      string // "" or "../": the way back to the folder's top
	Nav       string
	Current   string // aria-current of the Nav entry: "page" on the entry's own page, else "true"
	Handbook  string
	Crumbs    []crumb

	Index     *indexData
	Proc      *procData
	Roles     []roleRow
	Role      *roleData
	Handovers *hosData
}

type crumb struct{ Name, Href string }

// linkView is a link, or plain text when the target cannot be linked.
type linkView struct {
	Title    string
	Href     string
	External bool
	Path     string // the unlinkable target, shown as text
	Note     string // said after the link (where it opens)
	// File is a vetted file: URL (built by content.DocLink), which
	// html/template would otherwise replace as unsafe.
	File template.URL
}

type statusView struct{ Value, Class, Text string }

func (r *renderer) status(s string) statusView {
	class := "none"
	switch s {
	case model.StatusApproved:
		class = "approved"
	case model.StatusReview:
		class = "review"
	case model.StatusDraft:
		class = "draft"
	}
	return statusView{Value: s, Class: class, Text: r.t.Status(s)}
}

// relTo is target (a slash path from the folder's top) as seen from a page
// in dir ("" for the top).
func relTo(dir, target string) string {
	if dir == "" {
		return target
	}
	return strings.Repeat("../", strings.Count(dir, "/")+1) + target
}

// anchor is the page-local id of a step or lane: readable ids stay, others
// fall back to a number.
func anchor(prefix, id string, n int) string {
	// Like an NCName, but ASCII only: a letter or '_' first, so the
	// fallbacks ("n3", "-ingen-1") can never equal a readable one.
	ok := id != "" && (id[0] == '_' || id[0] >= 'a' && id[0] <= 'z' || id[0] >= 'A' && id[0] <= 'Z')
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			ok = false
			break
		}
	}
	if ok {
		return prefix + id
	}
	return prefix + "-" + strconv.Itoa(n)
}

func stepAnchor(s *content.Step) string { return anchor("steg-", s.ID, s.Number) }

func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// site renders every file of the site.
func (r *renderer) site(ctx context.Context, procs []*proc, prog func(string)) (map[string][]byte, error) {
	r.procs = procs
	sort.SliceStable(r.procs, func(i, j int) bool {
		return r.coll.CompareString(procs[i].dg.Title, procs[j].dg.Title) < 0
	})
	r.byProcID = map[string]*proc{}
	r.roles = map[string]*role{}
	roleNames := newNamer()
	dups := map[string][]string{}
	var dupOrder []string
	for _, p := range r.procs {
		for _, id := range p.dg.ProcessIDs {
			if _, dup := r.byProcID[id]; dup {
				dups[id] = append(dups[id], p.in.Rel)
			} else {
				r.byProcID[id] = p
				dupOrder = append(dupOrder, id)
			}
		}
		if p.g == nil {
			r.warn("warn.nomap", p.in.Rel)
		}
		for _, name := range p.dg.Roles {
			k := fold(name)
			ro := r.roles[k]
			if ro == nil {
				ro = &role{name: name}
				r.roles[k] = ro
				r.roleList = append(r.roleList, ro)
			}
			ro.procs = append(ro.procs, p)
		}
	}
	// One warning per process id defined in several files.
	for _, id := range dupOrder {
		if others := dups[id]; len(others) > 0 {
			list := others
			if len(list) > 3 {
				list = append(slices.Clone(list[:3]), "…")
			}
			r.warn("warn.dupid", r.byProcID[id].in.Rel, strings.Join(list, ", "), id)
		}
	}
	sort.SliceStable(r.roleList, func(i, j int) bool { return r.coll.CompareString(r.roleList[i].name, r.roleList[j].name) < 0 })
	for _, ro := range r.roleList {
		ro.slug = roleNames.name(ro.name, "roll")
		ro.page = roleDir + "/" + ro.slug + ".html"
	}

	files := map[string][]byte{}
	r.collectDocs(files)
	r.keys = map[string]string{}
	around := r.contextKey()
	// emit renders one page into files; process pages are rendered by
	// several goroutines at once, so the shared maps sit behind mu.
	var mu sync.Mutex
	store := func(rel, key string, b []byte, reused bool) {
		mu.Lock()
		defer mu.Unlock()
		if b != nil {
			files[rel] = b
		}
		if key != "" {
			r.keys[rel] = key
		}
		if reused {
			r.reused = append(r.reused, rel)
		}
	}
	emit := func(rel string, kind string, pg *page) error {
		var b strings.Builder
		pg.Lang, pg.SiteTitle, pg.Handbook = r.t.Lang(), r.siteTitle, r.handbook
		pg.Current = "true"
		if rel == "index.html" || rel == roleDir+"/index.html" || rel == handoverPage {
			pg.Current = "page"
		}
		pg.Root = relTo(path.Dir(rel), "")
		if path.Dir(rel) == "." {
			pg.Root = ""
		}
		// Overview pages are keyed by their data: encoding it is far
		// cheaper than running the escaping templates over it.
		if kind != "process" {
			if data, err := json.Marshal(pg); err == nil {
				sum := sha256.Sum256(append([]byte(programKey+kind+rel), data...))
				key := hex.EncodeToString(sum[:])
				if r.reuse != nil {
					if b := r.reuse(rel, key); b != nil {
						store(rel, key, b, true)
						return nil
					}
				}
				store(rel, key, nil, false)
			}
		}
		if err := r.pages[kind].ExecuteTemplate(&b, "layout", pg); err != nil {
			return errorf(rel, err)
		}
		store(rel, "", []byte(b.String()), false)
		return nil
	}
	procPage := func(p *proc) error {
		if p.in.Hash != "" {
			key := pageKey(around, p)
			if r.reuse != nil {
				if b := r.reuse(p.page, key); b != nil {
					store(p.page, key, b, true)
					return nil
				}
			}
			store(p.page, key, nil, false)
		}
		pd, err := r.procPage(p)
		if err != nil {
			return errorf(p.in.Rel, err)
		}
		return emit(p.page, "process", &page{Title: p.dg.Title, Nav: "index", Proc: pd, Crumbs: []crumb{
			{r.t.Must("crumbs.home"), "../index.html"}, {p.dg.Title, ""},
		}})
	}
	// Process pages are independent: render them on every core.
	var wg sync.WaitGroup
	var firstErr error
	next := 0
	for range max(1, min(runtime.GOMAXPROCS(0), len(r.procs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				stop := i >= len(r.procs) || firstErr != nil || ctx.Err() != nil
				if !stop {
					prog(r.procs[i].in.Rel)
				}
				mu.Unlock()
				if stop {
					return
				}
				if err := procPage(r.procs[i]); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if firstErr != nil {
		return nil, firstErr
	}
	if err := emit("index.html", "index", &page{Title: r.t.Must("index.h1"), Nav: "index", Index: r.indexData()}); err != nil {
		return nil, err
	}
	rolesT := r.t.Must("roles.h1")
	if err := emit(roleDir+"/index.html", "roles", &page{Title: rolesT, Nav: "roles", Roles: r.roleRows(), Crumbs: []crumb{
		{r.t.Must("crumbs.home"), "../index.html"}, {rolesT, ""},
	}}); err != nil {
		return nil, err
	}
	for _, ro := range r.roleList {
		if err := emit(ro.page, "role", &page{Title: r.t.Must("role.h1", ro.name), Nav: "roles", Role: r.roleData(ro), Crumbs: []crumb{
			{r.t.Must("crumbs.home"), "../index.html"}, {rolesT, "index.html"}, {ro.name, ""},
		}}); err != nil {
			return nil, err
		}
	}
	hosT := r.t.Must("hos.h1")
	if err := emit(handoverPage, "handovers", &page{Title: hosT, Nav: "handovers", Handovers: r.hosData(), Crumbs: []crumb{
		{r.t.Must("crumbs.home"), "index.html"}, {hosT, ""},
	}}); err != nil {
		return nil, err
	}
	for _, name := range []string{"site.css", "site.js"} {
		b, err := staticFS.ReadFile("static/" + name)
		if err != nil {
			return nil, err
		}
		files[assetDir+"/"+name] = b
	}
	sort.Strings(r.reused)
	return files, nil
}

// reuseFunc returns the bytes of a page published before under key, or
// nil when there is none or it changed.
type reuseFunc func(rel, key string) []byte

// contextKey sums up everything a process page shows that does not come
// from its own file: the options, the program that renders it, and every
// published process's page, title and process ids (call links) and every
// role's page.
func (r *renderer) contextKey() string {
	h := sha256.New()
	put := func(ss ...string) {
		for _, s := range ss {
			h.Write([]byte(s))
			h.Write([]byte{0})
		}
	}
	put(programKey, r.t.Lang(), r.siteTitle, r.handbook, strconv.FormatBool(r.opts.Drafts), strconv.FormatBool(r.maps))
	for _, p := range r.procs {
		put(p.page, p.dg.Title)
		put(p.dg.ProcessIDs...)
	}
	for _, ro := range r.roleList {
		put(ro.name, ro.page)
	}
	put(r.docKeyPart()...)
	return hex.EncodeToString(h.Sum(nil))
}

// pageKey identifies a process page: its surroundings and its file.
func pageKey(around string, p *proc) string {
	h := sha256.New()
	for _, s := range []string{around, p.in.Rel, p.in.Hash, p.page, strconv.FormatBool(p.draft)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// programKey changes whenever the program that renders pages may have:
// the embedded templates, the Go version and the source revision.
var programKey = func() string {
	h := sha256.New()
	fs.WalkDir(templateFS, ".", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			b, _ := templateFS.ReadFile(p)
			h.Write(b)
		}
		return nil
	})
	h.Write([]byte(runtime.Version()))
	if bi, ok := debug.ReadBuildInfo(); ok {
		h.Write([]byte(bi.Main.Version))
		for _, s := range bi.Settings {
			if strings.HasPrefix(s.Key, "vcs.") {
				h.Write([]byte(s.Key + "=" + s.Value))
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}()

// roleLink links a role name to its page as seen from dir.
func (r *renderer) roleLink(dir, name string) linkView {
	if ro := r.roles[fold(name)]; ro != nil && name != "" {
		return linkView{Title: name, Href: relTo(dir, ro.page)}
	}
	if name == "" {
		name = r.t.Must("steps.nolane")
	}
	return linkView{Title: name}
}

// --- index ---

type indexData struct {
	Drafts   bool
	Rows     []indexRow
	Roles    []string
	Statuses []statusView
	Search   []searchEntry
}

type indexRow struct {
	Title, Href, Owner, Version, Review string
	Status                              statusView
	Draft                               bool
	Roles                               []linkView
}

// searchEntry is one row's search data: folded text and role names.
type searchEntry struct {
	Text  string   `json:"t"`
	Roles []string `json:"r"`
}

func (r *renderer) indexData() *indexData {
	x := &indexData{Drafts: r.opts.Drafts}
	seenStatus := map[string]bool{}
	for _, p := range r.procs {
		m := p.d.Meta
		row := indexRow{Title: p.dg.Title, Href: p.page, Owner: m.Owner, Version: m.Version, Review: m.ReviewDate, Status: r.status(m.Status), Draft: p.draft}
		for _, name := range p.dg.Roles {
			row.Roles = append(row.Roles, r.roleLink("", name))
		}
		x.Rows = append(x.Rows, row)
		if !seenStatus[m.Status] {
			seenStatus[m.Status] = true
			x.Statuses = append(x.Statuses, r.status(m.Status))
		}
		text := strings.Join([]string{p.dg.Title, m.Owner, m.Maintainer, strings.Join(m.Tags, " "), strings.Join(p.dg.Roles, " "), p.dg.Text()}, "\n")
		x.Search = append(x.Search, searchEntry{Text: strings.ToLower(text), Roles: p.dg.Roles})
	}
	for _, ro := range r.roleList {
		x.Roles = append(x.Roles, ro.name)
	}
	sort.Slice(x.Statuses, func(i, j int) bool { return statusRank(x.Statuses[i].Value) < statusRank(x.Statuses[j].Value) })
	return x
}

func statusRank(s string) int {
	switch s {
	case model.StatusApproved:
		return 0
	case model.StatusReview:
		return 1
	case model.StatusDraft:
		return 2
	}
	return 3
}

// --- process page ---

// maxFitAspect is the widest map (width over height) shown fitted to the
// column: a wider one is shown at the scale it would have at this aspect,
// as wide as it needs, and scrolls sideways, so its labels stay as large
// as on a map of this shape.
const maxFitAspect = 3.0

type procData struct {
	Title     string
	Draft     bool
	DraftText string
	Meta      []metaRow
	Docs      []string
	SVG       template.HTML
	MapLabel  string
	// MapW is the map's natural width in CSS pixels; MapWide, when above
	// zero, is its aspect ratio over maxFitAspect: the figure is then
	// kept that many times the column's width (see site.css).
	MapW, MapWide float64
	FlowData      map[string]flowInfo
	Pools         []poolView
	hoTable
}

type hoTable struct {
	HandoverCaption string
	Handovers       []hoRow
	// Conditions says a row has a condition: the table gets the column.
	Conditions bool
}

type metaRow struct {
	Label  string
	Value  string
	Status *statusView
	Links  []linkView
}

type poolView struct {
	ID, Name string
	Lanes    []laneView
}

type laneView struct {
	ID, Anchor, Heading, RoleHref, Path string
	Sub                                 bool
	Steps                               []stepView
}

type stepView struct {
	Number      int
	ID, Anchor  string
	Name, Kind  string
	Class, Role string
	Doc         string
	On          *stepRef
	Call        *linkView
	CallMissing string
	Links       []linkView
	Next        []stepRef
	End         bool
}

type stepRef struct {
	Number             int
	Anchor, Name, Role string
	Label              string
}

type hoRow struct {
	Flow             string
	FromRole, ToRole linkView
	FromStep, ToStep string
	FromHref, ToHref string
	What, Condition  string
}

// flowInfo tells the map's details panel about a flow, which has no entry
// in the step list.
type flowInfo struct {
	Title string `json:"n"`
	Text  string `json:"d"`
	Href  string `json:"h"`
}

func (r *renderer) stepName(s *content.Step) string {
	if s.Name != "" {
		return s.Name
	}
	return r.t.Kind(s)
}

func (r *renderer) ref(s *content.Step, fromLane string) stepRef {
	ref := stepRef{Number: s.Number, Anchor: stepAnchor(s), Name: r.stepName(s)}
	if s.LaneID != fromLane {
		ref.Role = s.Role
		if ref.Role == "" {
			ref.Role = r.t.Must("steps.nolane")
		}
	}
	return ref
}

func (r *renderer) procPage(p *proc) (*procData, error) {
	const dir = procDir
	m := p.d.Meta
	pd := &procData{Title: p.dg.Title, Draft: p.draft}
	if p.draft {
		pd.DraftText = r.t.Must("draft.banner", r.t.Status(m.Status))
	}
	add := func(label, value string) {
		if strings.TrimSpace(value) != "" {
			pd.Meta = append(pd.Meta, metaRow{Label: r.t.Must(label), Value: value})
		}
	}
	add("meta.owner", m.Owner)
	add("meta.maintainer", m.Maintainer)
	add("meta.version", m.Version)
	st := r.status(m.Status)
	pd.Meta = append(pd.Meta, metaRow{Label: r.t.Must("meta.status"), Status: &st})
	add("meta.approved", m.ApprovedDate)
	add("meta.review", m.ReviewDate)
	add("meta.class", r.t.Class(m.Classification))
	add("meta.tags", strings.Join(m.Tags, ", "))
	if len(p.dg.Roles) > 0 {
		row := metaRow{Label: r.t.Must("meta.roles")}
		for _, name := range p.dg.Roles {
			row.Links = append(row.Links, r.roleLink(dir, name))
		}
		pd.Meta = append(pd.Meta, row)
	}
	if len(m.Links) > 0 {
		row := metaRow{Label: r.t.Must("meta.links")}
		for _, l := range m.Links {
			row.Links = append(row.Links, r.userLink(p, dir, l))
		}
		pd.Meta = append(pd.Meta, row)
	}
	add("meta.file", p.in.Rel)
	for _, pool := range p.dg.Pools {
		if pool.Documentation != "" {
			pd.Docs = append(pd.Docs, pool.Documentation)
		}
	}

	if r.maps && p.g != nil {
		pd.MapLabel = r.t.Must("map.label", p.dg.Title)
		svg, err := r.mapSVG(p)
		if err != nil {
			return nil, err
		}
		pd.SVG = svg
		pd.FlowData = r.flowData(p)
		if w, h := svgSize(string(svg)); w > 0 && h > 0 {
			pd.MapW = w
			if a := w / h; a > maxFitAspect {
				pd.MapWide = math.Round(a/maxFitAspect*1000) / 1000
			}
		}
	}

	multi := len(p.dg.Pools) > 1
	for _, pool := range p.dg.Pools {
		pv := poolView{ID: pool.ID}
		if multi {
			pv.Name = pool.Name
			if pv.Name == "" {
				pv.Name = r.t.Must("kind.pool") + " " + pool.ID
			}
		}
		for i, l := range pool.Lanes {
			lv := laneView{ID: l.ID, Sub: multi, Path: strings.Join(l.Path, " › ")}
			lv.Anchor = anchor("roll-", l.ID, i+1)
			if l.ID == "" {
				lv.Anchor = "roll--ingen-" + strconv.Itoa(len(pd.Pools)+1)
				lv.Heading = r.t.Must("steps.nolane")
			} else {
				who := l.Role
				if who == "" {
					who = r.t.Must("steps.unnamed")
				}
				lv.Heading = r.t.Must("steps.role", who)
				if l.Name != "" && fold(l.Name) != fold(l.Role) {
					lv.Heading += " – " + l.Name
				}
				if ro := r.roles[fold(l.Role)]; ro != nil && l.Role != "" {
					lv.RoleHref = relTo(dir, ro.page)
				}
			}
			for _, s := range l.Steps {
				lv.Steps = append(lv.Steps, r.stepView(p, s))
			}
			pv.Lanes = append(pv.Lanes, lv)
		}
		pd.Pools = append(pd.Pools, pv)
	}
	pd.hoTable = r.hoTable(dir, p)
	return pd, nil
}

func (r *renderer) stepView(p *proc, s *content.Step) stepView {
	v := stepView{Number: s.Number, ID: s.ID, Anchor: stepAnchor(s), Name: r.stepName(s), Kind: r.t.Kind(s), Doc: s.Documentation, Role: s.Role}
	if v.Role == "" {
		v.Role = r.t.Must("steps.nolane")
	}
	switch {
	case s.Kind.IsActivity():
		v.Class = "activity"
	case s.Kind.IsEvent():
		v.Class = "event"
	default:
		v.Class = "gateway"
	}
	if s.AttachedTo != nil {
		ref := r.ref(s.AttachedTo, s.LaneID)
		v.On = &ref
	}
	if s.CalledElement != "" {
		if target := r.byProcID[s.CalledElement]; target != nil {
			v.Call = &linkView{Title: target.dg.Title, Href: relTo(procDir, target.page)}
		} else {
			v.CallMissing = r.t.Must("steps.calls.ext", s.CalledElement)
		}
	}
	for _, l := range s.Links {
		v.Links = append(v.Links, r.userLink(p, procDir, l))
	}
	for _, e := range s.Next {
		ref := r.ref(e.To, s.LaneID)
		ref.Label = e.Label
		v.Next = append(v.Next, ref)
	}
	v.End = len(s.Next) == 0 && s.Kind == model.EndEvent
	return v
}

func (r *renderer) hoTable(dir string, p *proc) hoTable {
	h := hoTable{HandoverCaption: r.t.Must("ho.caption", p.dg.Title)}
	base := ""
	if dir != procDir {
		base = relTo(dir, p.page)
	}
	for _, ho := range p.dg.Handovers {
		h.Handovers = append(h.Handovers, hoRow{
			Flow:     ho.Flow,
			FromRole: r.roleLink(dir, ho.FromRole), ToRole: r.roleLink(dir, ho.ToRole),
			FromStep: strconv.Itoa(ho.From.Number) + ". " + r.stepName(ho.From),
			ToStep:   strconv.Itoa(ho.To.Number) + ". " + r.stepName(ho.To),
			FromHref: base + "#" + stepAnchor(ho.From), ToHref: base + "#" + stepAnchor(ho.To),
			What: r.t.Handed(ho), Condition: r.t.Condition(ho),
		})
		h.Conditions = h.Conditions || ho.Condition != ""
	}
	return h
}

// flowData describes every sequence flow for the details panel.
func (r *renderer) flowData(p *proc) map[string]flowInfo {
	out := map[string]flowInfo{}
	for _, s := range p.dg.Steps {
		for _, e := range s.Next {
			name := e.Label
			if name == "" {
				name = r.t.Must("kind.flow")
			}
			out[e.Flow] = flowInfo{
				Title: name,
				Text:  r.t.Must("flow.from", strconv.Itoa(s.Number)+". "+r.stepName(s), strconv.Itoa(e.To.Number)+". "+r.stepName(e.To)),
				Href:  "#" + stepAnchor(e.To),
			}
		}
	}
	return out
}

// --- roles ---

type roleRow struct {
	Name, Href            string
	Activities, Processes int
}

func (r *renderer) roleRows() []roleRow {
	var out []roleRow
	for _, ro := range r.roleList {
		row := roleRow{Name: ro.name, Href: ro.slug + ".html", Processes: len(ro.procs)}
		for _, p := range ro.procs {
			for _, s := range p.dg.Activities() {
				if fold(s.Role) == fold(ro.name) {
					row.Activities++
				}
			}
		}
		out = append(out, row)
	}
	return out
}

type roleData struct {
	Heading, Intro string
	Processes      []roleProc
}

type roleProc struct {
	Title, Href, Anchor string
	Draft               bool
	Steps               []roleStep
	Receives, Gives     []roleHandover
}

type roleStep struct {
	Number          int
	Name, Kind, Doc string
	Href            string
}

type roleHandover struct{ Text, Href string }

func (r *renderer) roleData(ro *role) *roleData {
	rd := &roleData{Heading: r.t.Must("role.h1", ro.name), Intro: r.t.Must("role.intro", ro.name)}
	key := fold(ro.name)
	for i, p := range ro.procs {
		href := relTo(roleDir, p.page)
		rp := roleProc{Title: p.dg.Title, Href: href, Anchor: "p" + strconv.Itoa(i+1), Draft: p.draft}
		for _, s := range p.dg.Activities() {
			if fold(s.Role) == key {
				rp.Steps = append(rp.Steps, roleStep{Number: s.Number, Name: r.stepName(s), Kind: r.t.Kind(s), Doc: s.Documentation, Href: href + "#" + stepAnchor(s)})
			}
		}
		for _, h := range p.dg.Handovers {
			// "Handläggare → 6. Utreda: Ansökan (Komplett? Ja)": who,
			// which step, what by the handover rule and on what condition.
			if fold(h.ToRole) == key && fold(h.FromRole) != key {
				rp.Receives = append(rp.Receives, roleHandover{Text: r.handoverText(h.FromRole, h), Href: href + "#" + stepAnchor(h.To)})
			}
			if fold(h.FromRole) == key && fold(h.ToRole) != key {
				rp.Gives = append(rp.Gives, roleHandover{Text: r.handoverText(h.ToRole, h), Href: href + "#" + stepAnchor(h.To)})
			}
		}
		rd.Processes = append(rd.Processes, rp)
	}
	return rd
}

func (r *renderer) handoverText(other string, h content.Handover) string {
	if other == "" {
		other = r.t.Must("steps.nolane")
	}
	s := other + " → " + strconv.Itoa(h.To.Number) + ". " + r.stepName(h.To)
	if w := h.What(); w != "" {
		s += ": " + w
	}
	if c := r.t.Condition(h); c != "" {
		s += " (" + c + ")"
	}
	return s
}

// --- handovers overview ---

type hosData struct {
	Pairs []hoPair
	Procs []hoProc
}

type hoPair struct {
	From, To linkView
	Count    int
	Procs    []linkView
}

type hoProc struct {
	Title, Href, Anchor string
	hoTable
}

func (r *renderer) hosData() *hosData {
	x := &hosData{}
	type key struct{ from, to string }
	pairs := map[key]*hoPair{}
	var order []key
	for i, p := range r.procs {
		if len(p.dg.Handovers) == 0 {
			continue
		}
		x.Procs = append(x.Procs, hoProc{Title: p.dg.Title, Href: p.page, Anchor: "p" + strconv.Itoa(i+1), hoTable: r.hoTable("", p)})
		for _, h := range p.dg.Handovers {
			k := key{fold(h.FromRole), fold(h.ToRole)}
			hp := pairs[k]
			if hp == nil {
				hp = &hoPair{From: r.roleLink("", h.FromRole), To: r.roleLink("", h.ToRole)}
				pairs[k] = hp
				order = append(order, k)
			}
			hp.Count++
			if n := len(hp.Procs); n == 0 || hp.Procs[n-1].Href != p.page {
				hp.Procs = append(hp.Procs, linkView{Title: p.dg.Title, Href: p.page})
			}
		}
	}
	for _, k := range order {
		x.Pairs = append(x.Pairs, *pairs[k])
	}
	sort.SliceStable(x.Pairs, func(i, j int) bool {
		a, b := x.Pairs[i], x.Pairs[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if c := r.coll.CompareString(a.From.Title, b.From.Title); c != 0 {
			return c < 0
		}
		return r.coll.CompareString(a.To.Title, b.To.Title) < 0
	})
	return x
}

// note is a warning as its text key and arguments.
type note struct {
	key  string
	args []any
}

// warn records a warning in the site's language and as a note.
func (r *renderer) warn(key string, args ...any) {
	r.warnings = append(r.warnings, r.t.Must(key, args...))
	r.notes = append(r.notes, note{key, args})
}
