package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

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

func (v *libraryView) contains(path string) bool {
	_, ok := v.rel(path)
	return ok
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
			it.Problem = e.Err
		}
		out = append(out, it)
	}
	return out
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
