package site

import (
	"context"
	"fmt"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"lanemap/draw"
	"lanemap/export/site/content"
	"lanemap/model"
)

// Input is one process file offered for publishing.
type Input struct {
	// Rel is the file's path in the library, slash-separated.
	Rel string
	// Meta, when not nil, is the file's metadata as the library's index
	// already knows it: files it rules out are then never read.
	Meta *model.Meta
	// Load reads the file. It may be called from several goroutines at
	// once (for different inputs).
	Load func() (*model.Definitions, error)
	// Hash, when set, identifies the file's content (the library's
	// SHA-256): a process page whose file and surroundings did not change
	// since the last publication is then taken from disk, not rendered.
	Hash string
}

// Options control a publication.
type Options struct {
	// Lang is the site's language: "sv" (default) or "en".
	Lang string
	// Title heads every page; "" gives "Processer"/"Processes".
	Title string
	// Drafts also publishes processes that are not fastställd, marked as such.
	Drafts bool
	// PDF is where the handbook goes: "" means handbok.pdf in the output
	// folder; NoPDF leaves it out.
	PDF   string
	NoPDF bool
	// Paper is the handbook's sheet: "a4" (default) or "a3".
	Paper string
	// Date is the handbook's edition date, "YYYY-MM-DD" ("" = today).
	Date string
	// Progress, when set, is told how far the publication has come.
	Progress func(done, total int, what string)
	// Library is the folder of the library published (Publish sets it
	// from the library). The output folder records it, and a folder
	// holding another library's site, or in the library, is refused.
	Library string
	// Force publishes into a folder that holds another library's site
	// (replacing it) or other files (which are never overwritten).
	Force bool
}

// Report says what a publication did.
type Report struct {
	Published []Published
	Omitted   []Omission
	// Written, Unchanged and Removed are slash paths in the output folder.
	Written, Unchanged, Removed []string
	// Reused lists the pages taken unchanged from the last publication
	// without rendering them (their file and surroundings were the same).
	Reused []string
	// Handbook is the path of the PDF handbook written ("" = none).
	Handbook string
	// Warnings are problems that did not stop the publication, in the
	// site's language (Summary words them in its own).
	Warnings []string
	notes    []note
	// LibraryID is the library's id as the site's manifest now records
	// it (library.IDFile); "" when the library has none and could not be
	// given one: the site then knows it by its folder, and Notes says so.
	LibraryID string
	// Notes are facts about the library's identity worth knowing (it is
	// known by its folder only; the site was last published from another
	// folder holding the same library), in the site's language.
	Notes []string
	infos []note
}

// Summary says in a few lines, in lang ("sv" or "en"), what was
// published, left out (and why), removed and warned about: what the CLI
// prints and the editor's publish dialog shows.
func (r Report) Summary(lang, outDir string) string {
	t, err := content.NewWords(lang)
	if err != nil {
		t, _ = content.NewWords(Swedish)
	}
	var drafts int
	for _, p := range r.Published {
		if p.Draft {
			drafts++
		}
	}
	draftNote := "" // only when drafts went out
	if drafts > 0 {
		draftNote = " (" + t.Count("draft", drafts) + ")"
	}
	var b strings.Builder
	b.WriteString(t.Must("rep.done", t.Count("process", len(r.Published)), draftNote, outDir,
		t.Count("written", len(r.Written)), t.Count("unchanged", len(r.Unchanged)), t.Count("removed", len(r.Removed))))
	b.WriteByte('\n')
	for i, n := range r.Notes {
		if len(r.infos) == len(r.Notes) {
			if s, err := t.T(r.infos[i].key, r.infos[i].args...); err == nil {
				n = s
			}
		}
		b.WriteString(t.Must("rep.note", n) + "\n")
	}
	if len(r.Omitted) > 0 {
		b.WriteString(t.Must("rep.omitted") + "\n")
		for _, o := range r.Omitted {
			// The reason in the summary's language, not the site's.
			why := t.Reason(o.Reason, o.Status)
			if why == "" {
				why = o.Why
			}
			if o.Err != nil {
				why += ": " + o.Err.Error()
			}
			fmt.Fprintf(&b, "  %s: %s\n", o.Rel, why)
		}
	}
	for _, rel := range r.Removed {
		b.WriteString(t.Must("rep.removed", rel) + "\n")
	}
	for i, w := range r.Warnings {
		if len(r.notes) == len(r.Warnings) {
			if s, err := t.T(r.notes[i].key, r.notes[i].args...); err == nil {
				w = s
			}
		}
		b.WriteString(t.Must("rep.warning", w) + "\n")
	}
	if r.Handbook != "" {
		b.WriteString(t.Must("rep.handbook", r.Handbook) + "\n")
	}
	return b.String()
}

// Published is one process on the site.
type Published struct {
	Rel   string // library path
	Title string
	Page  string // slash path of its page in the output folder
	Draft bool
}

// Omission is a process file left out, and why.
type Omission struct {
	Rel    string
	Reason content.Reason
	// Why says it in words in the site's language.
	Why string
	// Status is the file's status, which NotApproved's words name.
	Status string
	// Err is the read error for content.Unreadable.
	Err error
}

// proc is one published process while the site is built.
type proc struct {
	in    Input
	d     *model.Definitions
	g     *model.Diagram
	dg    *content.Digest
	draft bool
	slug  string
	page  string // "processer/slug.html"
	sc    *draw.Scene
}

// Folder and file names inside the output folder.
// Languages of the site.
const (
	Swedish = content.Swedish
	English = content.English
)

const (
	procDir      = "processer"
	roleDir      = "roller"
	assetDir     = "resurser"
	handoverPage = "overlamningar.html"
	handbookName = "handbok.pdf"
)

// buildWith lays out the site for inputs: it reads and selects the files
// and returns every output file's bytes by slash path, without touching
// disk. handbook is the PDF's slash path in the folder ("" = none).
func buildWith(ctx context.Context, inputs []Input, opts Options, rep *Report, prog func(string), handbook string, reuse reuseFunc) (map[string][]byte, map[string]string, []*proc, error) {
	t, err := content.NewWords(opts.Lang)
	if err != nil {
		return nil, nil, nil, err
	}
	ins := append([]Input(nil), inputs...)
	sort.Slice(ins, func(i, j int) bool { return ins[i].Rel < ins[j].Rel })

	// Reading and digesting files is independent per file: spread it over
	// the cores, then take the results in library order.
	type result struct {
		p    *proc
		omit *Omission
	}
	results := make([]result, len(ins))
	var mu sync.Mutex
	next := 0
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(ins))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				if i < len(ins) && ctx.Err() == nil {
					prog(ins[i].Rel)
				}
				mu.Unlock()
				if i >= len(ins) || ctx.Err() != nil {
					return
				}
				p, omit := load(ins[i], opts, t)
				results[i] = result{p, omit}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, nil, err
	}

	var procs []*proc
	names := newNamer()
	for _, res := range results {
		if res.omit != nil {
			rep.Omitted = append(rep.Omitted, *res.omit)
			continue
		}
		p := res.p
		base := strings.TrimSuffix(path.Base(p.in.Rel), path.Ext(p.in.Rel))
		p.slug = names.name(base, "process")
		p.page = procDir + "/" + p.slug + ".html"
		procs = append(procs, p)
		rep.Published = append(rep.Published, Published{Rel: p.in.Rel, Title: p.dg.Title, Page: p.page, Draft: p.draft})
	}
	r, err := newRenderer(t, opts)
	if err != nil {
		return nil, nil, nil, err
	}
	r.handbook = handbook
	r.reuse = reuse
	files, err := r.site(ctx, procs, prog)
	if err != nil {
		return nil, nil, nil, err
	}
	rep.Reused = r.reused
	if len(rep.Warnings) == len(rep.notes) {
		rep.notes = append(rep.notes, r.notes...)
	}
	rep.Warnings = append(rep.Warnings, r.warnings...)
	return files, r.keys, procs, nil
}

// load reads one input and applies the publishing rules: a published
// process, or the reason it is left out.
func load(in Input, opts Options, t content.Words) (*proc, *Omission) {
	if in.Meta != nil {
		if _, r := content.Decide(*in.Meta, opts.Drafts); r != content.Included {
			return nil, &Omission{Rel: in.Rel, Reason: r, Why: t.Reason(r, in.Meta.Status), Status: in.Meta.Status}
		}
	}
	d, err := in.Load()
	if err != nil {
		return nil, &Omission{Rel: in.Rel, Reason: content.Unreadable, Why: t.Reason(content.Unreadable, ""), Err: err}
	}
	if d == nil {
		return nil, &Omission{Rel: in.Rel, Reason: content.Unreadable, Why: t.Reason(content.Unreadable, ""), Err: fmt.Errorf("no content")}
	}
	draft, r := content.Decide(d.Meta, opts.Drafts)
	if r != content.Included {
		return nil, &Omission{Rel: in.Rel, Reason: r, Why: t.Reason(r, d.Meta.Status), Status: d.Meta.Status}
	}
	p := &proc{in: in, d: d, draft: draft}
	if len(d.Diagrams) > 0 {
		p.g = d.Diagrams[0]
	}
	base := strings.TrimSuffix(path.Base(in.Rel), path.Ext(in.Rel))
	p.dg = content.Make(d, p.g, base)
	if !opts.NoPDF {
		p.scene() // the handbook draws every map: draw it here, on all cores
	}
	return p, nil
}

// errorf names the file in an error.
func errorf(rel string, err error) error { return fmt.Errorf("%s: %w", rel, err) }
