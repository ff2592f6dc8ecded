package site

import (
	"html/template"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"lanemap/export/site/content"
	"lanemap/model"
)

// docDir is where documents linked by relative path are copied.
const docDir = assetDir + "/dokument"

// docKey names one relative link as written in one process file.
func docKey(p *proc, target string) string { return p.in.Rel + "\x00" + target }

// allLinks are a process's document links: its own and its steps'.
func allLinks(p *proc) []model.Link {
	out := append([]model.Link(nil), p.d.Meta.Links...)
	if p.dg != nil {
		for _, s := range p.dg.Steps {
			out = append(out, s.Links...)
		}
	}
	return out
}

// collectDocs finds the files that relative document links point to in
// the library (from the process file's folder, else from the library's
// top; never outside it), copies each once into files under docDir with
// a safe, unique name, and warns about links to files that do not exist.
// The results (r.docRes, r.docOut) are fixed before any page is rendered,
// and summed into the pages' context key, so a page is rendered again
// when a document it links appears, moves or goes.
func (r *renderer) collectDocs(files map[string][]byte) {
	r.docRes = map[string]string{}
	r.docOut = map[string]string{}
	if r.opts.Library == "" {
		return // nothing to resolve against: relative links stay text
	}
	root, err := os.OpenRoot(r.opts.Library)
	if err != nil {
		return
	}
	defer root.Close()
	found := map[string]bool{}
	for _, p := range r.procs {
		for _, l := range allLinks(p) {
			kind, t := content.DocLink(l.Href)
			if kind != content.LinkRelative {
				continue
			}
			k := docKey(p, t)
			if _, done := r.docRes[k]; done {
				continue
			}
			r.docRes[k] = ""
			if !copyable(t) {
				// A process file (perhaps a classified one) or a hidden
				// file of the library is never copied out of it.
				r.warn("warn.docrefused", p.in.Rel, strings.TrimSpace(l.Href))
				continue
			}
			inside := false
			for _, c := range []string{path.Join(path.Dir(p.in.Rel), t), t} {
				if !filepath.IsLocal(filepath.FromSlash(c)) {
					continue
				}
				inside = true
				if fi, err := root.Stat(filepath.FromSlash(c)); err == nil && fi.Mode().IsRegular() {
					r.docRes[k] = c
					found[c] = true
					break
				}
			}
			switch {
			case r.docRes[k] != "":
			case inside:
				r.warn("warn.nodoc", p.in.Rel, strings.TrimSpace(l.Href))
			default:
				r.warn("warn.docoutside", p.in.Rel, strings.TrimSpace(l.Href))
			}
		}
	}
	libPaths := make([]string, 0, len(found))
	for c := range found {
		libPaths = append(libPaths, c)
	}
	sort.Strings(libPaths)
	names := newNamer()
	for _, c := range libPaths {
		b, err := readIn(root, c)
		if err != nil {
			r.warn("warn.docread", c, err.Error())
			continue
		}
		ext := docExt(path.Ext(c))
		out := docDir + "/" + names.name(strings.TrimSuffix(path.Base(c), path.Ext(c)), "dokument") + ext
		r.docOut[c] = out
		files[out] = b
	}
}

// copyable says whether a linked file may be copied into the site: not a
// process file (publishing rules decide what of those goes out) and
// nothing hidden (the library's own lock, cache and index files).
func copyable(rel string) bool {
	if strings.EqualFold(path.Ext(rel), ".bpmn") {
		return false
	}
	for _, seg := range strings.Split(rel, "/") {
		if strings.HasPrefix(seg, ".") && seg != "." && seg != ".." {
			return false
		}
	}
	return true
}

// readIn reads a library file through root, which refuses paths (and
// symbolic links) that lead out of the library.
func readIn(root *os.Root, rel string) ([]byte, error) {
	f, err := root.Open(filepath.FromSlash(rel))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err == nil && b == nil {
		b = []byte{}
	}
	return b, err
}

// docExt keeps a file's extension when it is short and plain ASCII
// (".pdf", ".docx"), so the browser knows what it is; else none.
func docExt(ext string) string {
	ext = strings.ToLower(ext)
	if len(ext) < 2 || len(ext) > 10 {
		return ""
	}
	for _, c := range ext[1:] {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return ""
		}
	}
	return ext
}

// docKeyPart is what the documents add to the pages' context key.
func (r *renderer) docKeyPart() []string {
	keys := make([]string, 0, len(r.docRes))
	for k, c := range r.docRes {
		keys = append(keys, k+"\x00"+c+"\x00"+r.docOut[c])
	}
	sort.Strings(keys)
	return keys
}

// userLink makes a document link of p safe to show on a page in dir: web,
// mail and file URLs become links; UNC and absolute paths become file:
// links with a note that they open only on the organisation's network;
// a relative path to a file in the library links its copy in the site;
// anything else (a missing file, an odd scheme) is shown as text.
func (r *renderer) userLink(p *proc, dir string, l model.Link) linkView {
	href := strings.TrimSpace(l.Href)
	title := strings.TrimSpace(l.Title)
	if title == "" {
		title = href
	}
	kind, t := content.DocLink(href)
	switch kind {
	case content.LinkURL:
		if strings.HasPrefix(t, "file:") {
			return linkView{Title: title, File: template.URL(t), External: true}
		}
		return linkView{Title: title, Href: t, External: true}
	case content.LinkNetwork:
		return linkView{Title: title, File: template.URL(t), External: true, Note: r.t.Must("link.network")}
	case content.LinkRelative:
		if out := r.docOut[r.docRes[docKey(p, t)]]; out != "" {
			return linkView{Title: title, Href: relTo(dir, out)}
		}
	}
	v := linkView{Title: title}
	if href != title {
		v.Path = href
	}
	return v
}
