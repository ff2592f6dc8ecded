package site

import (
	"context"
	"path/filepath"
	"strings"
)

// PublishInputs publishes the given process files into outDir: it selects
// what may be published, renders the site, writes only files whose bytes
// changed and removes pages an earlier publication wrote that are gone.
// The context cancels it between files; what was written by then is
// complete and listed in the folder's manifest.
func PublishInputs(ctx context.Context, inputs []Input, outDir string, opts Options) (Report, error) {
	var rep Report
	total := 2*len(inputs) + 1
	done := 0
	prog := func(what string) {
		if opts.Progress != nil {
			opts.Progress(done, total, what)
		}
		done++
	}
	handbookPath, handbookRel := handbookTarget(outDir, opts)
	files, procs, err := buildWith(ctx, inputs, opts, &rep, prog, handbookRel)
	if err != nil {
		return rep, err
	}
	_ = procs
	_ = handbookPath
	prog("")
	res, err := sync(outDir, files)
	rep.Written, rep.Unchanged, rep.Removed = res.Written, res.Unchanged, res.Removed
	if err != nil {
		return rep, err
	}
	if opts.Progress != nil {
		opts.Progress(total, total, "")
	}
	return rep, nil
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
