package site

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"lanemap/export/site/content"
	"lanemap/export/site/fixture"
	"lanemap/model"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

const hostile = `<script>alert("x")</script> & 'Ö'`

// memLib is an in-memory process library for tests.
type memLib struct{ files map[string]*model.Definitions }

func (l *memLib) inputs() []Input {
	var out []Input
	for rel, d := range l.files {
		d := d
		out = append(out, Input{Rel: rel, Load: func() (*model.Definitions, error) {
			if d == nil {
				return nil, errors.New("syntax error at line 3")
			}
			return d, nil
		}})
	}
	return out
}

func testLibrary() *memLib {
	l := &memLib{files: map[string]*model.Definitions{}}
	a := fixture.Chain("ansokan", "Ansökan om bistånd", "Mottagning", "Handläggare", "Mottagning")
	a.Meta.ReviewDate = "2027-01-31"
	a.Meta.Links = []model.Link{{Title: "Rutin för mottagning", Href: "https://intranat.example/rutin"}, {Title: "Lokal mall", Href: `K:\Mallar\mall.docx`}}
	a.Node("Task_ansokan_1").Documentation = "Kontrollera att ansökan är komplett.\nRing vid behov."
	l.files["Försörjning/Ansökan om bistånd.bpmn"] = a

	h := fixture.Chain("evil", hostile, hostile, "Handläggare")
	h.Meta.Owner = `<b>Ägare</b>`
	h.Meta.Links = []model.Link{{Title: `<i>x</i>`, Href: "javascript:alert(1)"}, {Title: "mejl", Href: "mailto:a@example.se"}}
	h.Node("Task_evil_1").Documentation = `</p><script>alert(2)</script>`
	h.Node("Task_evil_1").Links = []model.Link{{Title: "ok", Href: "http://example.se/?a=1&b=<2>"}}
	h.Node("Task_evil_2").Name = `"><svg onload=alert(3)>`
	l.files["../CON.bpmn"] = h

	c := fixture.Chain("uppf", "Uppföljning", "Handläggare", "Enhetschef")
	c.Node("Task_uppf_2").Kind = model.CallActivity
	c.Node("Task_uppf_2").CalledElement = "Process_ansokan"
	c.Node("Task_uppf_1").CalledElement = ""
	l.files["Uppföljning.bpmn"] = c

	d := fixture.Chain("utkast", "Utkast till process", "Handläggare")
	d.Meta.Status = model.StatusDraft
	l.files["utkast.bpmn"] = d

	s := fixture.Chain("hemlig", "Skyddade personuppgifter", "Handläggare")
	s.Meta.Classification = 2
	l.files["hemlig.bpmn"] = s

	n := fixture.Chain("ej", "Inte markerad", "Handläggare")
	n.Meta.Publish = false
	l.files["ej.bpmn"] = n

	l.files["trasig.bpmn"] = nil
	return l
}

func publish(t *testing.T, l *memLib, dir string, opts Options) Report {
	t.Helper()
	opts.NoPDF = true
	rep, err := PublishInputs(context.Background(), l.inputs(), dir, opts)
	if err != nil {
		t.Fatalf("publish: %v", err)
	}
	return rep
}

func TestPublishSelection(t *testing.T) {
	for _, drafts := range []bool{false, true} {
		t.Run(fmt.Sprint("drafts=", drafts), func(t *testing.T) {
			rep := publish(t, testLibrary(), t.TempDir(), Options{Drafts: drafts})
			var pub []string
			for _, p := range rep.Published {
				pub = append(pub, p.Rel)
			}
			want := []string{"../CON.bpmn", "Försörjning/Ansökan om bistånd.bpmn", "Uppföljning.bpmn"}
			if drafts {
				want = append(want, "utkast.bpmn")
			}
			sort.Strings(pub)
			sort.Strings(want)
			if !slices.Equal(pub, want) {
				t.Errorf("published %q, want %q", pub, want)
			}
			why := map[string]content.Reason{}
			for _, o := range rep.Omitted {
				why[o.Rel] = o.Reason
				if o.Why == "" {
					t.Errorf("%s left out without a reason", o.Rel)
				}
			}
			wantWhy := map[string]content.Reason{"hemlig.bpmn": content.Classified, "ej.bpmn": content.NotForPublish, "trasig.bpmn": content.Unreadable}
			if !drafts {
				wantWhy["utkast.bpmn"] = content.NotApproved
			}
			if fmt.Sprint(why) != fmt.Sprint(wantWhy) {
				t.Errorf("omitted %v, want %v", why, wantWhy)
			}
			// fixture.Chain gives every file its own process id and a map.
			if len(rep.Warnings) != 0 {
				t.Errorf("warnings: %q", rep.Warnings)
			}
		})
	}
}

// TestSiteIsSelfContained parses every page: links resolve, nothing is
// loaded from outside, hostile names stay text, landmarks are there.
func TestSiteIsSelfContained(t *testing.T) {
	for _, lang := range []string{"sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			publish(t, testLibrary(), dir, Options{Lang: lang, Drafts: true})
			pages := checkSite(t, dir, lang)
			if len(pages) < 8 {
				t.Errorf("only %d pages", len(pages))
			}
			evil := pages["processer/con-1.html"]
			if evil == nil {
				t.Fatalf("hostile process page missing; have %v", keys(pages))
			}
			if h1 := text(find(evil, "h1")[0]); h1 != hostile {
				t.Errorf("h1 = %q, want the name as text", h1)
			}
			// The call activity links to the called process's page.
			up := pages["processer/uppfoljning.html"]
			if !hasLink(up, "ansokan-om-bistand.html") {
				t.Errorf("call activity does not link to the called process")
			}
			// javascript: never becomes a link.
			if hasLink(evil, "javascript") {
				t.Errorf("javascript: link survived")
			}
			if !hasLink(evil, "mailto:a@example.se") {
				t.Errorf("mailto link lost")
			}
		})
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// checkSite checks every HTML file under dir and returns them parsed.
func checkSite(t *testing.T, dir, lang string) map[string]*html.Node {
	t.Helper()
	pages := map[string]*html.Node{}
	m, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	ours := map[string]bool{ManifestName: true}
	for _, f := range m.Files {
		ours[f] = true
	}
	err = filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if e.IsDir() || !ours[rel] {
			return nil
		}
		base := path.Base(rel)
		safe := regexp.MustCompile(`^[a-z0-9][a-z0-9-]*\.(html|css|js|pdf)$`)
		if path.Dir(rel) == docDir {
			// Copied documents keep a plain extension, or none.
			safe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*(\.[a-z0-9]{1,9})?$`)
		}
		if base != ManifestName && !safe.MatchString(base) {
			t.Errorf("unsafe file name %q", rel)
		}
		if strings.HasSuffix(rel, ".html") {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			doc, err := html.Parse(bytes.NewReader(b))
			if err != nil {
				t.Errorf("%s: %v", rel, err)
				return nil
			}
			pages[rel] = doc
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	idCache := map[string]map[string]bool{}
	for rel, doc := range pages {
		ids := idsOf(doc)
		htm := find(doc, "html")[0]
		if attr(htm, "lang") != lang {
			t.Errorf("%s: lang=%q", rel, attr(htm, "lang"))
		}
		if n := len(find(doc, "h1")); n != 1 {
			t.Errorf("%s: %d h1", rel, n)
		}
		for _, tag := range []string{"main", "header", "nav", "footer", "title"} {
			if len(find(doc, tag)) == 0 {
				t.Errorf("%s: no <%s>", rel, tag)
			}
		}
		walk(doc, func(n *html.Node) {
			// A focusable control inside role="img" is hidden from
			// screen readers.
			if attr(n, "tabindex") == "0" {
				for up := n.Parent; up != nil; up = up.Parent {
					if up.Type == html.ElementNode && attr(up, "role") == "img" {
						t.Errorf("%s: focusable <%s> inside role=img", rel, n.Data)
						break
					}
				}
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: event handler attribute %s on <%s>", rel, a.Key, n.Data)
				}
			}
			if n.Data == "script" {
				typ := attr(n, "type")
				if src := attr(n, "src"); src == "" && typ != "application/json" {
					t.Errorf("%s: inline script %q", rel, text(n))
				}
			}
			for _, k := range []string{"href", "src", "xlink:href"} {
				v, ok := attrOK(n, k)
				if !ok {
					continue
				}
				checkRef(t, dir, rel, ids, n, v, idCache)
			}
		})
	}
	return pages
}

// checkRef checks one reference; idCache holds the ids of pages already
// parsed during this check, by page.
func checkRef(t *testing.T, dir, rel string, ids map[string]bool, n *html.Node, ref string, idCache map[string]map[string]bool) {
	t.Helper()
	u, err := url.Parse(ref)
	if err != nil {
		t.Errorf("%s: bad URL %q", rel, ref)
		return
	}
	if u.Scheme != "" || u.Host != "" {
		ok := n.Data == "a" && strings.Contains(attr(n, "rel"), "external") && slices.Contains([]string{"http", "https", "mailto", "file"}, u.Scheme)
		if !ok {
			t.Errorf("%s: <%s> refers outside the site: %q", rel, n.Data, ref)
		}
		return
	}
	if u.Path == "" {
		if !ids[u.Fragment] {
			t.Errorf("%s: anchor #%s not on the page", rel, u.Fragment)
		}
		return
	}
	target := path.Join(path.Dir(rel), u.Path)
	if !filepath.IsLocal(filepath.FromSlash(target)) {
		t.Errorf("%s: %q leaves the folder", rel, ref)
		return
	}
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(target)))
	if err != nil {
		t.Errorf("%s: %q does not resolve: %v", rel, ref, err)
		return
	}
	if u.Fragment != "" && strings.HasSuffix(target, ".html") {
		ids := idCache[target]
		if ids == nil {
			doc, _ := html.Parse(bytes.NewReader(b))
			ids = idsOf(doc)
			idCache[target] = ids
		}
		if !ids[u.Fragment] {
			t.Errorf("%s: %q: no #%s in %s", rel, ref, u.Fragment, target)
		}
	}
}

func walk(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func find(doc *html.Node, tag string) []*html.Node {
	var out []*html.Node
	walk(doc, func(n *html.Node) {
		if n.Data == tag {
			out = append(out, n)
		}
	})
	return out
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		k := a.Key
		if a.Namespace != "" {
			k = a.Namespace + ":" + a.Key
		}
		if k == key {
			return a.Val, true
		}
	}
	return "", false
}

func attr(n *html.Node, key string) string { v, _ := attrOK(n, key); return v }

func text(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

func idsOf(doc *html.Node) map[string]bool {
	ids := map[string]bool{}
	walk(doc, func(n *html.Node) {
		if id := attr(n, "id"); id != "" {
			ids[id] = true
		}
	})
	return ids
}

func hasLink(doc *html.Node, part string) bool {
	found := false
	walk(doc, func(n *html.Node) {
		if n.Data == "a" && strings.Contains(attr(n, "href"), part) {
			found = true
		}
	})
	return found
}

func TestRepublish(t *testing.T) {
	l := testLibrary()
	dir := t.TempDir()
	first := publish(t, l, dir, Options{})
	if len(first.Written) == 0 || len(first.Unchanged) != 0 {
		t.Fatalf("first run wrote %d, kept %d", len(first.Written), len(first.Unchanged))
	}
	// A file of the site's owner in the folder is never touched.
	own := filepath.Join(dir, "egen.txt")
	os.WriteFile(own, []byte("min"), 0o644)

	again := publish(t, l, dir, Options{})
	if len(again.Written) != 0 || len(again.Removed) != 0 {
		t.Errorf("unchanged library rewrote %v, removed %v", again.Written, again.Removed)
	}

	l.files["Försörjning/Ansökan om bistånd.bpmn"].Meta.Version = "2.0"
	changed := publish(t, l, dir, Options{})
	if want := []string{"index.html", "processer/ansokan-om-bistand.html"}; !slices.Equal(changed.Written, want) {
		t.Errorf("one change wrote %v, want %v", changed.Written, want)
	}

	l.files["Uppföljning.bpmn"].Meta.Status = model.StatusReview // withdrawn
	delete(l.files, "../CON.bpmn")                               // deleted
	gone := publish(t, l, dir, Options{})
	for _, rel := range []string{"processer/uppfoljning.html", "processer/con-1.html"} {
		if !slices.Contains(gone.Removed, rel) {
			t.Errorf("%s not removed (removed %v)", rel, gone.Removed)
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel))); err == nil {
			t.Errorf("%s still on disk", rel)
		}
	}
	if b, err := os.ReadFile(own); err != nil || string(b) != "min" {
		t.Errorf("a file we did not write was touched: %q %v", b, err)
	}
	checkSite(t, dir, "sv")
}

func TestRefusesForeignFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("intranätets startsida"), 0o644)
	_, err := PublishInputs(context.Background(), testLibrary().inputs(), dir, Options{NoPDF: true})
	var oe *OutputError
	if !errors.As(err, &oe) || oe.Problem != OutputNotASite {
		t.Fatalf("err = %v, want OutputNotASite", err)
	}
	// Even with Force, a file we did not write is never overwritten.
	_, err = PublishInputs(context.Background(), testLibrary().inputs(), dir, Options{NoPDF: true, Force: true})
	if err == nil || !strings.Contains(err.Error(), "not written by Lanemap") {
		t.Fatalf("forced: err = %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(b) != "intranätets startsida" {
		t.Errorf("foreign index.html overwritten")
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := PublishInputs(ctx, testLibrary().inputs(), t.TempDir(), Options{NoPDF: true})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestProgress(t *testing.T) {
	for _, noPDF := range []bool{true, false} {
		var last, total, calls int
		_, err := PublishInputs(context.Background(), testLibrary().inputs(), t.TempDir(), Options{NoPDF: noPDF, Progress: func(d, n int, _ string) {
			if d < last || d > n || total != 0 && n != total {
				t.Errorf("noPDF=%v: progress went %d → %d of %d (total was %d)", noPDF, last, d, n, total)
			}
			last, total = d, n
			calls++
		}})
		if err != nil {
			t.Fatal(err)
		}
		if last != total || calls < 5 {
			t.Errorf("noPDF=%v: progress ended at %d/%d after %d calls", noPDF, last, total, calls)
		}
	}
}

func TestBadLanguage(t *testing.T) {
	_, err := PublishInputs(context.Background(), nil, t.TempDir(), Options{Lang: "de", NoPDF: true})
	if err == nil || !strings.Contains(err.Error(), "de") {
		t.Errorf("err = %v", err)
	}
}

func TestGoldenProcessPage(t *testing.T) {
	noMaps = true // the map's drawing is other packages' golden
	defer func() { noMaps = false }()
	l := &memLib{files: map[string]*model.Definitions{}}
	a := fixture.Chain("g", "Ansökan om bistånd", "Mottagning", "Handläggare")
	a.Meta.ReviewDate = "2027-01-31"
	l.files["ansokan.bpmn"] = a
	for _, lang := range []string{"sv", "en"} {
		var rep Report
		files, _, _, err := buildWith(context.Background(), l.inputs(), Options{Lang: lang}, &rep, func(string) {}, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		got := files["processer/ansokan.html"]
		golden := filepath.Join("testdata", "process-"+lang+".html")
		if *update {
			os.MkdirAll("testdata", 0o755)
			os.WriteFile(golden, got, 0o644)
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs; run go test -update and review the diff", golden)
		}
	}
}

func TestWarnings(t *testing.T) {
	l := &memLib{files: map[string]*model.Definitions{}}
	a := fixture.Chain("a", "Första", "Handläggare")
	b := fixture.Chain("a", "Andra med samma id", "Handläggare")
	b.Diagrams = nil
	l.files["a.bpmn"], l.files["b.bpmn"] = a, b
	rep := publish(t, l, t.TempDir(), Options{})
	got := strings.Join(rep.Warnings, "\n")
	for _, want := range []string{"b.bpmn och a.bpmn definierar samma process (Process_a)", "b.bpmn: filen har ingen ritad karta"} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
}
