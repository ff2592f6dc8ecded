package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lanemap/library"
)

func TestLibraryVerb(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	code, out, errOut := run(t, "library", "../examples")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) < 6 || !strings.HasPrefix(lines[0], "FILE") {
		t.Fatalf("table:\n%s", out)
	}
	// Aligned: every row's NAME cell starts where the header's does.
	col := strings.Index(lines[0], "NAME")
	for _, l := range lines[1:] {
		r := []rune(l)
		if len(r) <= col || r[col-1] != ' ' || r[col] == ' ' {
			t.Errorf("row not aligned at column %d: %q", col, l)
		}
	}
	for _, want := range []string{"ekonomiskt-bistand.bpmn", "Ansökan om ekonomiskt bistånd", "fastställd", "utkast", "Mottagningsgrupp"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q", want)
		}
	}
	if !strings.Contains(errOut, "process(es)") {
		t.Errorf("stderr %q", errOut)
	}

	code, out, _ = run(t, "library", "--json", "../examples", "--search", "lex sarah")
	if code != 0 {
		t.Fatalf("json exit %d", code)
	}
	var es []library.Entry
	if err := json.Unmarshal([]byte(out), &es); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if len(es) != 1 || es[0].Path != "lex-sarah.bpmn" || es[0].Owner == "" || len(es[0].Roles) == 0 {
		t.Fatalf("entries %+v", es)
	}
}

func TestLibraryVerbErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "trasig.bpmn"), []byte("<definitions"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		out  string // substring of stdout+stderr
	}{
		{"no folder", []string{"library"}, 2, "Usage: lanemap library"},
		{"missing folder", []string{"library", filepath.Join(dir, "nope")}, 1, "cannot be reached"},
		{"broken file listed", []string{"library", "--no-cache", dir}, 1, "ERROR: trasig.bpmn:1:"},
		{"empty json is a list", []string{"library", "--json", "--no-cache", "--search", "zzz", dir}, 0, "[]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := run(t, tc.args...)
			if code != tc.code || !strings.Contains(out+errOut, tc.out) {
				t.Fatalf("exit %d, want %d; output lacks %q:\n%s%s", code, tc.code, tc.out, out, errOut)
			}
		})
	}
}
