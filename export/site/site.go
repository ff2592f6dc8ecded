package site

import (
	"context"
	"fmt"
	"path"
	"sort"
	"strings"

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
	// Load reads the file.
	Load func() (*model.Definitions, error)
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
}

// Report says what a publication did.
type Report struct {
	Published []Published
	Omitted   []Omission
	// Written, Unchanged and Removed are slash paths in the output folder.
	Written, Unchanged, Removed []string
	// Handbook is the path of the PDF handbook written ("" = none).
	Handbook string
	// Warnings are problems that did not stop the publication.
	Warnings []string
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
func buildWith(ctx context.Context, inputs []Input, opts Options, rep *Report, prog func(string), handbook string) (map[string][]byte, []*proc, error) {
	t, err := content.NewWords(opts.Lang)
	if err != nil {
		return nil, nil, err
	}
	ins := append([]Input(nil), inputs...)
	sort.Slice(ins, func(i, j int) bool { return ins[i].Rel < ins[j].Rel })

	var procs []*proc
	names := newNamer()
	for _, in := range ins {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		prog(in.Rel)
		if in.Meta != nil {
			if _, r := content.Decide(*in.Meta, opts.Drafts); r != content.Included {
				rep.Omitted = append(rep.Omitted, Omission{Rel: in.Rel, Reason: r, Why: t.Reason(r, in.Meta.Status)})
				continue
			}
		}
		d, err := in.Load()
		if err != nil {
			rep.Omitted = append(rep.Omitted, Omission{Rel: in.Rel, Reason: content.Unreadable, Why: t.Reason(content.Unreadable, ""), Err: err})
			continue
		}
		draft, r := content.Decide(d.Meta, opts.Drafts)
		if r != content.Included {
			rep.Omitted = append(rep.Omitted, Omission{Rel: in.Rel, Reason: r, Why: t.Reason(r, d.Meta.Status)})
			continue
		}
		p := &proc{in: in, d: d, draft: draft}
		if len(d.Diagrams) > 0 {
			p.g = d.Diagrams[0]
		}
		base := strings.TrimSuffix(path.Base(in.Rel), path.Ext(in.Rel))
		p.dg = content.Make(d, p.g, base)
		p.slug = names.name(base, "process")
		p.page = procDir + "/" + p.slug + ".html"
		procs = append(procs, p)
		rep.Published = append(rep.Published, Published{Rel: in.Rel, Title: p.dg.Title, Page: p.page, Draft: draft})
	}
	r, err := newRenderer(t, opts)
	if err != nil {
		return nil, nil, err
	}
	r.handbook = handbook
	files, err := r.site(ctx, procs, prog)
	if err != nil {
		return nil, nil, err
	}
	return files, procs, nil
}

// errorf names the file in an error.
func errorf(rel string, err error) error { return fmt.Errorf("%s: %w", rel, err) }
