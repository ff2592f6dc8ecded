package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"lanemap/bpmn"
	"lanemap/library"
)

// libraryView is the open library as the window uses it: the sidebar's
// entries, and the bridge between absolute paths (what the window and the
// file dialogs speak) and the library's relative ones.
type libraryView struct {
	lib       *library.Library
	dir       string // absolute
	stopWatch func()
}

// openLibraryView opens dir as a library and watches it; onChange runs on
// the watcher's goroutine with what others changed.
func openLibraryView(dir string, onChange func([]library.Change)) (*libraryView, error) {
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		return nil, err
	}
	// The editor opens a library read-write: give it its identity now, so
	// that publishing it later, from any mount, finds one. A read-only
	// library works without (publishing then knows it by its folder).
	lib.EnsureID()
	v := &libraryView{lib: lib, dir: lib.Dir()}
	if onChange != nil {
		v.stopWatch = lib.Watch(onChange)
	}
	return v, nil
}

func (v *libraryView) close() {
	if v.stopWatch != nil {
		v.stopWatch()
		v.stopWatch = nil
	}
}

// rel returns path relative to the library, ok false when it lies outside.
func (v *libraryView) rel(path string) (string, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	r, err := filepath.Rel(v.dir, abs)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// items lists the processes matching q (all for ""), for the sidebar.
func (v *libraryView) items(q string) []sideItem {
	var es []library.Entry
	if q == "" {
		es = v.lib.Entries()
	} else {
		es = v.lib.Search(q)
	}
	out := make([]sideItem, 0, len(es))
	for _, e := range es {
		it := sideItem{Path: v.lib.Abs(e.Path), Name: e.Name, Status: e.Status, Owner: e.Owner}
		if it.Name == "" {
			it.Name = strings.TrimSuffix(filepath.Base(e.Path), ".bpmn")
		}
		if e.Err != "" {
			it.Problem = lang.X("sidebar.unreadable", "Could not be read: {{.Detail}}", map[string]any{"Detail": e.Err})
		}
		out = append(out, it)
	}
	if q == "" {
		sortByName(out)
	}
	return out
}

// sortByName orders the processes by name as the user's language sorts
// (å, ä, ö after z in Swedish) with numbers by value (2 before 10), then
// by file.
func sortByName(items []sideItem) {
	tag := language.English
	if uiLang() == "sv" {
		tag = language.Swedish
	}
	c := collate.New(tag, collate.IgnoreCase, collate.Numeric)
	slices.SortStableFunc(items, func(a, b sideItem) int {
		if r := c.CompareString(a.Name, b.Name); r != 0 {
			return r
		}
		return strings.Compare(a.Path, b.Path)
	})
}

// firstReadable is the first process in items that could be read, or "".
func firstReadable(items []sideItem) string {
	for _, it := range items {
		if it.Problem == "" {
			return it.Path
		}
	}
	return ""
}

// readError says that path could not be read as a process map and where
// (file:line:col), for an error from reading it.
func readError(path string, err error) error {
	where := filepath.Base(path)
	detail := err.Error()
	var se *bpmn.SyntaxError
	if errors.As(err, &se) {
		if se.Line > 0 {
			where = fmt.Sprintf("%s:%d:%d", where, se.Line, se.Col)
		}
		detail = se.Msg
	}
	return fmt.Errorf("%s\n\n%s", lang.X("err.unreadable", "“{{.File}}” could not be read as a process map (BPMN 2.0 XML). The problem is at {{.Where}}: {{.Detail}}",
		map[string]any{"File": filepath.Base(path), "Where": where, "Detail": detail}),
		lang.X("err.open.advice", "Check that it is a .bpmn file; if it came from another tool, export it from there again as BPMN 2.0."))
}

// uiLang is the language code the library's own messages should use.
func uiLang() string {
	if strings.HasPrefix(string(lang.SystemLocale()), "sv") {
		return "sv"
	}
	return "en"
}

// libraryMessage is err in the user's language when the library has both.
func libraryMessage(err error) string { return library.Message(err, uiLang()) }

// isChangedOnDisk reports the library's "someone else saved meanwhile".
func isChangedOnDisk(err error) bool {
	var c *library.ErrChangedOnDisk
	return errors.As(err, &c)
}

// listerFor is the folder URI file dialogs start in.
func listerFor(dir string) (fyne.ListableURI, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, err
	}
	return storage.ListerForURI(storage.NewFileURI(dir))
}
