package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPublishVerb(t *testing.T) {
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

	// Again in English with drafts and an A3 handbook elsewhere: the
	// process under review appears, the handbook is where asked.
	stderr.Reset()
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
