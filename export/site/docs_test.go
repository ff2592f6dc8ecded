package site

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"lanemap/export/site/fixture"
	"lanemap/model"
)

// docLibrary is a library folder on disk with documents, and two process
// files whose links point at them by relative, UNC and absolute path.
func docLibrary(t *testing.T) (lib string, inputs []Input) {
	t.Helper()
	root := t.TempDir()
	lib = filepath.Join(root, "bibliotek")
	put := func(rel, body string) {
		p := filepath.Join(lib, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	put("rutiner/ekonomiskt-bistand.pdf", "%PDF rutin")
	put("Försörjning/Mall för beslut.DOCX", "mall")
	put("Försörjning/rutiner/ekonomiskt-bistand.pdf", "en annan med samma namn")
	put("hemlig.bpmn", "<definitions/>")
	put(".lanemap/index.json", "{}")
	// Outside the library: must never be copied.
	if err := os.WriteFile(filepath.Join(root, "hemlig.pdf"), []byte("nej"), 0o644); err != nil {
		t.Fatal(err)
	}

	a := fixture.Chain("a", "Ansökan", "Mottagning", "Handläggare")
	a.Meta.Links = []model.Link{
		{Title: "Ekonomiskt bistånd", Href: "../rutiner/ekonomiskt-bistand.pdf"},
		{Title: "Beslutsmall", Href: `Mall för beslut.DOCX`},
		{Title: "Lokal rutin", Href: "rutiner/ekonomiskt-bistand.pdf"},
		{Title: "Nätverksrutin", Href: `\\server\share\Rutin för ärenden.docx`},
		{Title: "Saknas", Href: "rutiner/saknas.pdf"},
		{Title: "Utanför", Href: "../../hemlig.pdf"},
		{Title: "Processfil", Href: "../hemlig.bpmn"},
		{Title: "Dold", Href: "../.lanemap/index.json"},
	}
	a.Node("Task_a_1").Links = []model.Link{{Title: "Rutin i steget", Href: "rutiner/ekonomiskt-bistand.pdf"}, {Title: "Disk", Href: `C:\Rutiner\Öppen.pdf`}}
	b := fixture.Chain("b", "Uppföljning", "Handläggare")
	b.Meta.Links = []model.Link{{Title: "Ekonomiskt bistånd", Href: "rutiner/ekonomiskt-bistand.pdf"}}
	files := map[string]*model.Definitions{"Försörjning/ansokan.bpmn": a, "uppfoljning.bpmn": b}
	for rel, d := range files {
		d := d
		inputs = append(inputs, Input{Rel: rel, Hash: "h-" + rel, Load: func() (*model.Definitions, error) { return d, nil }})
	}
	return lib, inputs
}

// links maps each link's text on a page to its href ("" = shown as text).
func pageLinks(t *testing.T, dir, rel string) (map[string]string, string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, a := range find(doc, "a") {
		out[strings.TrimSpace(text(a))] = attr(a, "href")
	}
	return out, text(doc)
}

func TestDocumentLinks(t *testing.T) {
	lib, inputs := docLibrary(t)
	dir := t.TempDir()
	opts := Options{NoPDF: true, Library: lib}
	rep, err := PublishInputs(context.Background(), inputs, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	checkSite(t, dir, "sv") // every href resolves, file names are safe

	read := func(page, href string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path.Join(path.Dir(page), href))))
		if err != nil {
			t.Errorf("%s: %q: %v", page, href, err)
		}
		return string(b)
	}
	const pa, pb = "processer/ansokan.html", "processer/uppfoljning.html"
	la, ta := pageLinks(t, dir, pa)
	lb, _ := pageLinks(t, dir, pb)
	copies := map[string]string{
		"Ekonomiskt bistånd": "%PDF rutin",
		"Beslutsmall":        "mall",
		"Lokal rutin":        "en annan med samma namn",
		"Rutin i steget":     "en annan med samma namn",
	}
	for title, want := range copies {
		href := la[title]
		if !strings.HasPrefix(href, "../"+docDir+"/") {
			t.Errorf("%s: %q links %q, want a copy under %s", pa, title, href, docDir)
			continue
		}
		if got := read(pa, href); got != want {
			t.Errorf("%s: %q is %q, want %q", pa, title, got, want)
		}
	}
	if la["Ekonomiskt bistånd"] != lb["Ekonomiskt bistånd"] {
		t.Errorf("one document copied twice: %q and %q", la["Ekonomiskt bistånd"], lb["Ekonomiskt bistånd"])
	}
	if la["Lokal rutin"] == la["Ekonomiskt bistånd"] {
		t.Errorf("two files with the same name share a copy: %q", la["Lokal rutin"])
	}
	if h := la["Beslutsmall"]; !strings.HasSuffix(h, ".docx") {
		t.Errorf("copy %q lost its extension", h)
	}
	for title, want := range map[string]string{
		"Nätverksrutin": "file://server/share/Rutin%20f%C3%B6r%20%C3%A4renden.docx",
		"Disk":          "file:///C:/Rutiner/%C3%96ppen.pdf",
	} {
		if la[title] != want {
			t.Errorf("%q links %q, want %q", title, la[title], want)
		}
	}
	if !strings.Contains(ta, "öppnas bara i organisationens nätverk") {
		t.Error("no note that file: links open only on the network")
	}
	for _, title := range []string{"Saknas", "Utanför", "Processfil", "Dold"} {
		if h, ok := la[title]; ok {
			t.Errorf("%q is a link (%q), want text", title, h)
		}
		if !strings.Contains(ta, title) {
			t.Errorf("%q not shown", title)
		}
	}
	warns := strings.Join(rep.Warnings, "\n")
	for _, want := range []string{"länken ”rutiner/saknas.pdf” pekar på en fil som inte finns", "länken ”../../hemlig.pdf” pekar utanför biblioteket", "länken ”../hemlig.bpmn” pekar på en processfil", "länken ”../.lanemap/index.json” pekar på en processfil eller dold fil"} {
		if !strings.Contains(warns, want) {
			t.Errorf("warnings %q lack %q", warns, want)
		}
	}
	m, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	copied := path.Join(path.Dir(pa), la["Ekonomiskt bistånd"])
	if !slices.Contains(m.Files, copied) {
		t.Errorf("manifest %v lacks %s", m.Files, copied)
	}
	var nCopies int
	for _, f := range m.Files {
		if path.Dir(f) == docDir {
			nCopies++
		}
	}
	if nCopies != 3 {
		t.Errorf("%d copies in the manifest, want 3: %v", nCopies, m.Files)
	}

	// Unchanged: nothing written. A changed document: its copy is updated.
	again, err := PublishInputs(context.Background(), inputs, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Written) != 0 {
		t.Errorf("unchanged library wrote %v", again.Written)
	}
	if err := os.WriteFile(filepath.Join(lib, "rutiner", "ekonomiskt-bistand.pdf"), []byte("%PDF ny"), 0o644); err != nil {
		t.Fatal(err)
	}
	upd, err := PublishInputs(context.Background(), inputs, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(upd.Written, []string{copied}) {
		t.Errorf("changed document wrote %v, want only %s", upd.Written, copied)
	}

	// The document deleted: its copy goes, and the link turns to text
	// (the reused pages are rendered again) with a warning.
	if err := os.Remove(filepath.Join(lib, "rutiner", "ekonomiskt-bistand.pdf")); err != nil {
		t.Fatal(err)
	}
	gone, err := PublishInputs(context.Background(), inputs, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(gone.Removed, copied) {
		t.Errorf("copy %s not removed (removed %v)", copied, gone.Removed)
	}
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(copied))); err == nil {
		t.Errorf("%s still on disk", copied)
	}
	checkSite(t, dir, "sv")
	if lb2, _ := pageLinks(t, dir, pb); lb2["Ekonomiskt bistånd"] != "" {
		t.Errorf("%s still links the deleted document: %q", pb, lb2["Ekonomiskt bistånd"])
	}
	if w := strings.Join(gone.Warnings, "\n"); !strings.Contains(w, "uppfoljning.bpmn: länken ”rutiner/ekonomiskt-bistand.pdf” pekar på en fil som inte finns") {
		t.Errorf("no warning for the deleted document: %q", w)
	}
}
