package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"lanemap/bpmn"
	"lanemap/model"
)

// libraryView is the sidebar's view of a folder of processes.
type libraryView struct {
	dir     string
	entries []sideItem
}

func openLibraryView(dir string, onChange func()) (*libraryView, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	v := &libraryView{dir: abs}
	if err := v.scan(); err != nil {
		return nil, err
	}
	return v, nil
}

func (v *libraryView) scan() error {
	files, err := filepath.Glob(filepath.Join(v.dir, "*.bpmn"))
	if err != nil {
		return err
	}
	v.entries = nil
	for _, f := range files {
		it := sideItem{Path: f, Name: strings.TrimSuffix(filepath.Base(f), ".bpmn")}
		if d, _, _, err := bpmn.ReadFile(f); err == nil {
			it.Name = processTitle(d)
			it.Status, it.Owner = d.Meta.Status, d.Meta.Owner
		}
		v.entries = append(v.entries, it)
	}
	slices.SortFunc(v.entries, func(a, b sideItem) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	return nil
}

func (v *libraryView) items(q string) []sideItem {
	if q == "" {
		return v.entries
	}
	q = strings.ToLower(q)
	var out []sideItem
	for _, it := range v.entries {
		if strings.Contains(strings.ToLower(it.Name+" "+it.Owner), q) {
			out = append(out, it)
		}
	}
	return out
}

func (v *libraryView) close()                      {}
func (v *libraryView) lock(path string) string     { return "" }
func (v *libraryView) unlock(path string)          {}
func (v *libraryView) discardRecovery(path string) {}

func (v *libraryView) contains(path string) bool {
	rel, err := filepath.Rel(v.dir, path)
	return err == nil && !strings.HasPrefix(rel, "..")
}

func (v *libraryView) save(path string, d *model.Definitions, src *bpmn.Source) error {
	if err := bpmn.WriteFile(path, d, src); err != nil {
		return err
	}
	return v.scan()
}

// listerFor is the folder URI file dialogs start in.
func listerFor(dir string) (fyne.ListableURI, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, err
	}
	return storage.ListerForURI(storage.NewFileURI(dir))
}
