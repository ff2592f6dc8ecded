package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPublishVerb(t *testing.T) {
	t.Setenv("LC_ALL", "sv_SE.UTF-8")
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := Main([]string{"publish", filepath.Join("..", "examples"), out, "--no-pdf"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"skyddade-personuppgifter.bpmn: informationsklass 2", "under granskning", "Publicerade"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("no index.html: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "processer", "skyddade-personuppgifter.html")); err == nil {
		t.Errorf("a classified process was published")
	}

	// Again with an English locale and drafts and an A3 handbook elsewhere: the
	// process under review appears, the handbook is where asked.
	stderr.Reset()
	t.Setenv("LC_ALL", "en_GB.UTF-8")
	book := filepath.Join(t.TempDir(), "book.pdf")
	if code := Main([]string{"publish", "--lang", "en", "--drafts", "--page", "a3", "--pdf", book, "--date", "2026-11-23", filepath.Join("..", "examples"), out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"1 not approved", "Handbook: " + book} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if b, err := os.ReadFile(book); err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Errorf("no PDF at %s: %v", book, err)
	}
}

func TestPublishUsage(t *testing.T) {
	t.Setenv("LC_ALL", "C")
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"publish"}, 2, "Usage"},
		{[]string{"publish", "a"}, 2, "Usage"},
		{[]string{"publish", "--lang", "de", "a", "b"}, 2, "sv or en"},
		{[]string{"publish", "--page", "a5", "a", "b"}, 2, "a4 or a3"},
		{[]string{"publish", "--date", "23/11", "a", "b"}, 2, "YYYY-MM-DD"},
		{[]string{"publish", "no-such-folder", "b"}, 1, "not a folder"},
		{[]string{"publish", ".", "."}, 2, "must not be the library"},
	}
	for _, tc := range tests {
		var stdout, stderr bytes.Buffer
		if code := Main(tc.args, &stdout, &stderr); code != tc.code || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr.String(), tc.code, tc.want)
		}
	}
}

// TestPublishBadOutput: a folder we cannot write fails before anything is
// published, with no success summary and nothing written.
func TestPublishBadOutput(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "en_US.UTF-8")
	dir := t.TempDir()
	file := filepath.Join(dir, "notadir")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, out string
		extra     []string
		want      string
	}{
		{"file", file, nil, file + " is a file, not a folder"},
		{"file below", filepath.Join(file, "site"), nil, "cannot create the output folder"},
		{"pdf in a file", filepath.Join(dir, "ok"), []string{"--pdf", filepath.Join(file, "book.pdf")}, file + " is a file"},
		{"pdf is a folder", filepath.Join(dir, "ok2"), []string{"--pdf", dir}, "it is a folder"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := append([]string{"publish"}, tc.extra...)
			args = append(args, filepath.Join("..", "examples"), tc.out)
			code := Main(args, &stdout, &stderr)
			if code != 1 || !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr.String(), tc.want)
			}
			for _, bad := range []string{"Published", "Handbook:", "Publicerade"} {
				if strings.Contains(stderr.String(), bad) {
					t.Errorf("stderr claims success (%q):\n%s", bad, stderr.String())
				}
			}
			if fi, err := os.Stat(file); err != nil || fi.Size() != 1 {
				t.Errorf("the file in the way was touched")
			}
			if _, err := os.Stat(filepath.Join(tc.out, "index.html")); err == nil {
				t.Errorf("pages were written")
			}
		})
	}
}

// TestPublishMessageLanguage: messages follow the locale, --lang only the site.
func TestPublishMessageLanguage(t *testing.T) {
	tests := []struct {
		lcAll, lcMessages, lang string
		args                    []string
		want                    string
	}{
		{"", "", "sv_SE.UTF-8", []string{"--page", "a5"}, "--page ska vara a4 eller a3"},
		{"", "", "en_US.UTF-8", []string{"--page", "a5"}, "--page must be a4 or a3"},
		{"", "", "", []string{"--page", "a5"}, "--page must be a4 or a3"},
		{"C", "", "sv_SE.UTF-8", []string{"--page", "a5"}, "--page must be a4 or a3"},
		{"", "sv_FI.UTF-8", "en_US.UTF-8", []string{"--page", "a5"}, "ska vara"},
		{"", "", "en_US.UTF-8", []string{"--lang", "sv", "--no-pdf"}, "Published 4 processes"},
		{"", "", "sv_SE.UTF-8", []string{"--lang", "en", "--no-pdf"}, "Publicerade 4 processer"},
	}
	for _, tc := range tests {
		t.Setenv("LC_ALL", tc.lcAll)
		t.Setenv("LC_MESSAGES", tc.lcMessages)
		t.Setenv("LANG", tc.lang)
		out := t.TempDir()
		var stdout, stderr bytes.Buffer
		args := append(append([]string{"publish", "--drafts"}, tc.args...), filepath.Join("..", "examples"), out)
		Main(args, &stdout, &stderr)
		if !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("LC_ALL=%q LC_MESSAGES=%q LANG=%q %v: stderr %q lacks %q", tc.lcAll, tc.lcMessages, tc.lang, tc.args, stderr.String(), tc.want)
		}
		// The site's language is --lang's, whatever the messages speak.
		if b, err := os.ReadFile(filepath.Join(out, "index.html")); err == nil {
			wantLang := `lang="` + map[bool]string{true: "sv", false: "en"}[strings.Contains(strings.Join(tc.args, " "), "--lang sv")] + `"`
			if !strings.Contains(string(b), wantLang) {
				t.Errorf("%v: index.html lacks %s", tc.args, wantLang)
			}
		}
	}
}

// TestPublishForeignFolder: publishing a library into the folder of
// another library's site, or into a folder that is no site, is refused
// in the locale's language and changes nothing; --force replaces the
// other library's site; a folder inside the library is always refused.
func TestPublishForeignFolder(t *testing.T) {
	t.Setenv("LC_ALL", "sv_SE.UTF-8")
	root := t.TempDir()
	libA := filepath.Join("..", "examples")
	libB := filepath.Join(root, "B")
	os.MkdirAll(libB, 0o755)
	b, err := os.ReadFile(filepath.Join(libA, "skyddade-personuppgifter.bpmn"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(libB, "x.bpmn"), b, 0o644)
	run := func(args ...string) (int, string) {
		var stdout, stderr bytes.Buffer
		code := Main(append([]string{"publish", "--no-pdf"}, args...), &stdout, &stderr)
		return code, stderr.String()
	}
	site := filepath.Join(root, "site")
	if code, msg := run(libA, site); code != 0 {
		t.Fatalf("first publication: %d %s", code, msg)
	}
	before, _ := os.ReadDir(filepath.Join(site, "processer"))
	absA, _ := filepath.Abs(libA)
	code, msg := run(libB, site)
	if code != 1 || !strings.Contains(msg, "innehåller webbplatsen för ett annat bibliotek (senast publicerat från "+absA+")") || !strings.Contains(msg, "--force") {
		t.Errorf("B into A's site: exit %d, %q", code, msg)
	}
	if after, _ := os.ReadDir(filepath.Join(site, "processer")); len(after) != len(before) || len(before) == 0 {
		t.Errorf("A's pages changed: %d before, %d after", len(before), len(after))
	}
	if code, msg := run("--force", libB, site); code != 0 || !strings.Contains(msg, "borttagna") {
		t.Errorf("--force: exit %d, %q", code, msg)
	}

	// Into a folder that is no site (here library B itself from outside):
	// refused, nothing written.
	t.Setenv("LC_ALL", "en_GB.UTF-8")
	other := filepath.Join(root, "other")
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("x"), 0o644)
	code, msg = run(libA, other)
	if code != 1 || !strings.Contains(msg, "holds no Lanemap site") {
		t.Errorf("into a non-site folder: exit %d, %q", code, msg)
	}
	if ents, _ := os.ReadDir(other); len(ents) != 1 {
		t.Errorf("files written into a refused folder: %v", ents)
	}
	code, msg = run("--force", libB, filepath.Join(libB, "webb"))
	if code != 1 || !strings.Contains(msg, "inside the library") {
		t.Errorf("into the library: exit %d, %q", code, msg)
	}
	if _, err := os.Stat(filepath.Join(libB, "webb")); err == nil {
		t.Errorf("a folder was made in the library")
	}

	var stdout, stderr bytes.Buffer
	Main([]string{"publish", "--help"}, &stdout, &stderr)
	if !strings.Contains(stderr.String(), "-force") {
		t.Errorf("--force not in the help:\n%s", stderr.String())
	}
}

// TestPublishSummaryOneLanguage: with an English locale and a Swedish
// site, the summary and its reasons are all English (and the other way).
func TestPublishSummaryOneLanguage(t *testing.T) {
	for _, tc := range []struct{ locale, lang, want, bad string }{
		{"en_GB.UTF-8", "sv", "lss-ansokan.bpmn: not marked for publishing", "inte markerad"},
		{"sv_SE.UTF-8", "en", "lss-ansokan.bpmn: inte markerad för publicering", "not marked"},
	} {
		t.Setenv("LC_ALL", tc.locale)
		var stdout, stderr bytes.Buffer
		if code := Main([]string{"publish", "--no-pdf", "--lang", tc.lang, filepath.Join("..", "examples"), t.TempDir()}, &stdout, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		if !strings.Contains(stderr.String(), tc.want) || strings.Contains(stderr.String(), tc.bad) {
			t.Errorf("%s, site %s: want %q and no %q:\n%s", tc.locale, tc.lang, tc.want, tc.bad, stderr.String())
		}
	}
}

// TestPublishSameLibraryTwoPaths: one library reached by two paths (a
// link, as a share mounted elsewhere; a copy of the folder, as a moved
// share) publishes into the same folder without --force and rewrites
// nothing; the summary names the folder the site was last published from.
// A different library is still refused. The library's id file is made by
// the first publication and never listed as a process.
func TestPublishSameLibraryTwoPaths(t *testing.T) {
	t.Setenv("LC_ALL", "en_GB.UTF-8")
	root := t.TempDir()
	lib := filepath.Join(root, "share")
	os.MkdirAll(lib, 0o755)
	for _, name := range []string{"ekonomiskt-bistand.bpmn", "lex-sarah.bpmn"} {
		b, err := os.ReadFile(filepath.Join("..", "examples", name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(lib, name), b, 0o644)
	}
	run := func(args ...string) (int, string) {
		var stdout, stderr bytes.Buffer
		code := Main(append([]string{"publish", "--no-pdf", "--drafts"}, args...), &stdout, &stderr)
		return code, stderr.String()
	}
	site := filepath.Join(root, "site")
	if code, msg := run(lib, site); code != 0 {
		t.Fatalf("first publication: %d %s", code, msg)
	}
	if _, err := os.Stat(filepath.Join(lib, ".lanemap-library.json")); err != nil {
		t.Fatalf("no id file after publishing: %v", err)
	}
	link := filepath.Join(root, "mnt")
	if err := os.Symlink(lib, link); err != nil {
		t.Fatal(err)
	}
	code, msg := run(link, site)
	if code != 0 || !strings.Contains(msg, "Published 2 processes") || !strings.Contains(msg, "0 files written") {
		t.Errorf("through a link: exit %d, %q", code, msg)
	}
	moved := filepath.Join(root, "new-server", "share")
	os.MkdirAll(filepath.Dir(moved), 0o755)
	if err := os.Rename(lib, moved); err != nil {
		t.Fatal(err)
	}
	code, msg = run(moved, site)
	if code != 0 || !strings.Contains(msg, "0 files written") || !strings.Contains(msg, "Note: the site was last published from "+link) {
		t.Errorf("moved: exit %d, %q", code, msg)
	}
	var stdout, stderr bytes.Buffer
	Main([]string{"library", moved}, &stdout, &stderr)
	if strings.Contains(stdout.String(), "lanemap-library") {
		t.Errorf("the id file is listed as a process:\n%s", stdout.String())
	}

	other := filepath.Join(root, "other")
	os.MkdirAll(other, 0o755)
	b, _ := os.ReadFile(filepath.Join(moved, "lex-sarah.bpmn"))
	os.WriteFile(filepath.Join(other, "lex-sarah.bpmn"), b, 0o644)
	code, msg = run(other, site)
	if code != 1 || !strings.Contains(msg, "another library (last published from "+moved+")") {
		t.Errorf("another library: exit %d, %q", code, msg)
	}
}
