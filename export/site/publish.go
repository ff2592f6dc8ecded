package site

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"

	"lanemap/export/handbook"
	"lanemap/export/site/content"
	"lanemap/internal/atomicfile"
)

// PublishInputs publishes the given process files into outDir: it selects
// what may be published, renders the site, writes only files whose bytes
// changed and removes pages an earlier publication wrote that are gone.
// The context cancels it between files; what was written by then is
// complete and listed in the folder's manifest. An output folder (or
// handbook folder) that cannot be created or written fails first, with an
// error wrapping ErrOutput and nothing rendered; Report.Handbook is set
// only once the handbook is written.
func PublishInputs(ctx context.Context, inputs []Input, outDir string, opts Options) (Report, error) {
	var rep Report
	// A folder we cannot write fails before any work, so nothing is
	// rendered or reported as published for nothing (and no id file is
	// made for a publication that does not happen).
	lib := identify(opts.Library, false)
	if err := checkTargets(outDir, opts, lib); err != nil {
		return rep, err
	}
	if lib.dir != "" && lib.id == "" && lib.err == nil {
		// The site will record the library: give it its id now. Made
		// now, the id matches no manifest, so ownership stands as checked
		// (by folder).
		lib = identify(opts.Library, true)
	}
	rep.LibraryID = lib.id
	if m, err := readManifest(outDir); err == nil {
		rep.addNotes(opts.Lang, lib.ownerNotes(m))
		_, rep.LibraryID = lib.recorded(m)
	}
	pdfOut, pdfRel := handbookTarget(outDir, opts)
	// Progress counts a unit per file read, per page rendered, per process
	// in the handbook, and one for writing.
	total := 2*len(inputs) + 1
	if pdfOut != "" {
		total += len(inputs)
	}
	done := 0
	prog := func(what string) {
		if opts.Progress != nil {
			opts.Progress(min(done, total), total, what)
		}
		done++
	}
	files, keys, procs, err := buildWith(ctx, inputs, opts, &rep, prog, pdfRel, reuser(outDir, lib))
	if err != nil {
		return rep, err
	}
	// Files left out are not rendered: count them as done.
	done += len(inputs) - len(procs)
	if pdfOut != "" {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		base := done
		b, err := handbookPDF(ctx, procs, opts, pdfRel != "", func(n, _ int) {
			done = base + n
			prog(filepath.Base(pdfOut))
		})
		if err != nil {
			return rep, err
		}
		done = base + len(inputs)
		if pdfRel != "" {
			files[pdfRel] = b
		} else {
			if err := writeIfChanged(pdfOut, b); err != nil {
				return rep, err
			}
			rep.Handbook = pdfOut
		}
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	prog("")
	same := map[string]bool{}
	for _, rel := range rep.Reused {
		same[rel] = true
	}
	res, err := syncDir(outDir, files, keys, same, lib)
	rep.Written, rep.Unchanged, rep.Removed = res.Written, res.Unchanged, res.Removed
	if err != nil {
		return rep, err
	}
	// The report names the handbook only once it is on disk.
	if pdfRel != "" {
		rep.Handbook = pdfOut
	}
	if opts.Progress != nil {
		opts.Progress(total, total, "")
	}
	return rep, nil
}

// addNotes adds notes to the report, worded in the site's language lang.
func (r *Report) addNotes(lang string, notes []note) {
	t, err := content.NewWords(lang)
	if err != nil {
		t, _ = content.NewWords(Swedish)
	}
	for _, n := range notes {
		r.Notes = append(r.Notes, t.Must(n.key, n.args...))
		r.infos = append(r.infos, n)
	}
}

// handbookPDF makes the handbook of the published processes, in the
// site's order. linkPages adds links to the site's pages (when the PDF
// sits in the site folder, so relative links resolve).
func handbookPDF(ctx context.Context, procs []*proc, opts Options, linkPages bool, progress func(done, total int)) ([]byte, error) {
	hp := make([]handbook.Process, 0, len(procs))
	for _, p := range procs {
		x := handbook.Process{Title: p.dg.Title, Meta: p.d.Meta, Defs: p.d, Digest: p.dg, Scene: p.scene(), Draft: p.draft}
		if linkPages {
			x.Page = p.page
		}
		hp = append(hp, x)
	}
	var b bytes.Buffer
	err := handbook.Write(ctx, &b, hp, handbook.Options{Lang: opts.Lang, Title: opts.Title, Paper: opts.Paper, Date: opts.Date, Drafts: opts.Drafts, Progress: progress})
	if err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeIfChanged writes a file outside the site folder atomically, and
// only when its bytes differ.
func writeIfChanged(p string, b []byte) error {
	if cur, err := os.ReadFile(p); err == nil && bytes.Equal(cur, b) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return atomicfile.WriteFile(p, b, 0o644)
}

// handbookTarget says where the PDF goes, and its slash path inside outDir
// when it goes there ("" when it goes elsewhere or not at all).
func handbookTarget(outDir string, opts Options) (abs, rel string) {
	if opts.NoPDF {
		return "", ""
	}
	if opts.PDF == "" {
		return filepath.Join(outDir, handbookName), handbookName
	}
	abs = opts.PDF
	if r, err := filepath.Rel(outDir, opts.PDF); err == nil && filepath.IsLocal(r) {
		rel = filepath.ToSlash(r)
		if strings.HasPrefix(rel, ".") {
			rel = ""
		}
	}
	return abs, rel
}
