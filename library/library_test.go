package library

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestIndexExamples(t *testing.T) {
	l, err := Open("../examples", testOpts(t))
	must(t, err)
	es := l.Entries()
	if len(es) < 5 {
		t.Fatalf("examples hold %d processes, want at least 5", len(es))
	}
	var sawConfidential, sawDraft bool
	for _, e := range es {
		if e.Err != "" || e.Warnings != 0 {
			t.Errorf("%s: err %q, %d warnings", e.Path, e.Err, e.Warnings)
		}
		if e.Name == "" || e.Owner == "" || e.Version == "" || e.Status == "" || len(e.Roles) < 3 || e.Hash == "" {
			t.Errorf("%s: incomplete entry %+v", e.Path, e)
		}
		if e.Classification >= 2 {
			sawConfidential = true
			if e.Publishable() {
				t.Errorf("%s: classification %d must never be publishable", e.Path, e.Classification)
			}
		}
		if e.Status == "utkast" {
			sawDraft = true
		}
	}
	if !sawConfidential || !sawDraft {
		t.Errorf("examples should include a draft (%v) and a classification-2 process (%v)", sawDraft, sawConfidential)
	}
}

func TestSearch(t *testing.T) {
	dir := t.TempDir()
	a := process("Ansökan om ekonomiskt bistånd", 6)
	a.Nodes[2].Documentation = "Beräkna enligt riksnormen."
	b := process("Orosanmälan gällande barn", 6)
	b.Processes[0].Lanes[2].Role = "Biståndshandläggare"
	writeProcess(t, dir, "a.bpmn", a)
	writeProcess(t, dir, "sub/b.bpmn", b)
	l, err := Open(dir, testOpts(t))
	must(t, err)
	tests := []struct {
		q    string
		want []string
	}{
		{"", []string{"a.bpmn", "sub/b.bpmn"}},
		{"ekonomiskt", []string{"a.bpmn"}},
		{"EKONOMISKT bistånd", []string{"a.bpmn"}},
		{"riksnormen", []string{"a.bpmn"}},                 // documentation
		{"biståndshandläggare", []string{"sub/b.bpmn"}},    // lane role
		{"steg 3", []string{"a.bpmn", "sub/b.bpmn"}},       // step names
		{"bistånd", []string{"a.bpmn", "sub/b.bpmn"}},      // name match ranks first
		{"orosanmälan riksnormen", nil},                    // every word must match
		{"mottagning", []string{"a.bpmn", "sub/b.bpmn"}},   // lane names
		{"Enhetschef Orosanmälan", []string{"sub/b.bpmn"}}, // owner
	}
	for _, tc := range tests {
		got := names(l.Search(tc.q))
		if !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
			t.Errorf("Search(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
	if roles := l.Roles(); !slices.Equal(roles["Biståndshandläggare"], []string{"sub/b.bpmn"}) {
		t.Errorf("role catalogue: %v", roles)
	}
}

func TestScanSkipsHiddenAndReportsBrokenFiles(t *testing.T) {
	dir := t.TempDir()
	writeProcess(t, dir, "ok.bpmn", process("OK", 4))
	writeProcess(t, dir, ".lanemap-backup/ok.20260101T000000.000000000.bpmn", process("Backup", 4))
	writeProcess(t, dir, ".hidden.bpmn", process("Hidden", 4))
	must(t, os.WriteFile(filepath.Join(dir, "broken.bpmn"), []byte("<definitions><oops"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644))
	l, err := Open(dir, testOpts(t))
	must(t, err)
	got := names(l.Entries())
	if !slices.Equal(got, []string{"broken.bpmn", "ok.bpmn"}) {
		t.Fatalf("entries %v", got)
	}
	e, _ := l.Entry("broken.bpmn")
	if !strings.HasPrefix(e.Err, "broken.bpmn:1:") || e.Name != "broken" {
		t.Errorf("broken entry: name %q err %q (want file:line:col)", e.Name, e.Err)
	}
}

func TestCacheIsUsedAndRefreshed(t *testing.T) {
	dir := t.TempDir()
	opt := testOpts(t)
	p := filepath.Join(dir, "a.bpmn")
	writeProcess(t, dir, "a.bpmn", process("Alfa", 6))
	age(t, p)
	if _, err := Open(dir, opt); err != nil {
		t.Fatal(err)
	}
	// Same size and time, different content: only a reader that trusts
	// the cache keeps the old name. That proves the cache is read.
	data, _ := os.ReadFile(p)
	fi, _ := os.Stat(p)
	swapped := strings.Replace(string(data), "Alfa", "Beta", 1)
	must(t, os.WriteFile(p, []byte(swapped), 0o644))
	must(t, os.Chtimes(p, fi.ModTime(), fi.ModTime()))
	l, err := Open(dir, opt)
	must(t, err)
	if e, _ := l.Entry("a.bpmn"); e.Name != "Alfa" {
		t.Fatalf("warm open re-read the file (name %q): cache not used", e.Name)
	}
	noCache := opt
	noCache.NoCache = true
	l2, err := Open(dir, noCache)
	must(t, err)
	if e, _ := l2.Entry("a.bpmn"); e.Name != "Beta" {
		t.Fatalf("cold open name %q", e.Name)
	}
	// A real edit changes the time: the cache entry is refreshed.
	writeProcess(t, dir, "a.bpmn", process("Gamma", 6))
	l3, err := Open(dir, opt)
	must(t, err)
	if e, _ := l3.Entry("a.bpmn"); e.Name != "Gamma" {
		t.Fatalf("after edit name %q", e.Name)
	}
	// The cache lives in CacheDir, not in the shared folder.
	if ents, _ := os.ReadDir(opt.CacheDir); len(ents) != 1 {
		t.Fatalf("cache dir holds %d files", len(ents))
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Fatalf("library folder holds %d files, want only a.bpmn", len(ents))
	}
}

func TestCorruptCacheIsIgnored(t *testing.T) {
	dir := t.TempDir()
	opt := testOpts(t)
	writeProcess(t, dir, "a.bpmn", process("Alfa", 4))
	l, err := Open(dir, opt)
	must(t, err)
	must(t, os.WriteFile(l.cachePath(), []byte("{not json"), 0o600))
	l, err = Open(dir, opt)
	must(t, err)
	if e, _ := l.Entry("a.bpmn"); e.Name != "Alfa" {
		t.Fatalf("name %q", e.Name)
	}
}

func TestOpenMissingFolder(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "gone"), testOpts(t))
	var le *Error
	if !asError(err, &le) || le.Kind != KindFolderGone {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(Message(err, "en"), "cannot be reached") {
		t.Errorf("english: %s", Message(err, "en"))
	}
}

func TestPathsStayInside(t *testing.T) {
	l, err := Open(t.TempDir(), testOpts(t))
	must(t, err)
	for _, bad := range []string{"../x.bpmn", "/etc/passwd", "a/../../x.bpmn", ".."} {
		if _, err := l.Load(bad); err == nil || !strings.Contains(err.Error(), "ogiltig") {
			t.Errorf("Load(%q) = %v", bad, err)
		}
	}
}

// TestExamplesSaveUnchanged: the bundled examples are written the way the
// writer writes, so saving one without edits changes no byte (no noisy
// diffs in version control the first time someone saves).
func TestExamplesSaveUnchanged(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadDir("../examples")
	must(t, err)
	for _, e := range src {
		if filepath.Ext(e.Name()) == ".bpmn" {
			data, err := os.ReadFile(filepath.Join("..", "examples", e.Name()))
			must(t, err)
			must(t, os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644))
		}
	}
	l, err := Open(dir, testOpts(t))
	must(t, err)
	for _, e := range l.Entries() {
		before, _ := os.ReadFile(l.Abs(e.Path))
		doc := mustLoad(t, l, e.Path)
		must(t, l.Save(doc))
		after, _ := os.ReadFile(l.Abs(e.Path))
		if string(before) != string(after) {
			t.Errorf("%s: saving without edits changed the file", e.Path)
		}
	}
}
