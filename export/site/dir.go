package site

import (
	"io/fs"
	"path/filepath"
	"strings"

	"lanemap/bpmn"
	"lanemap/model"
)

// FromDir offers every *.bpmn file under dir, in any sub-folder; hidden
// folders (names starting with ".") are skipped. Reader warnings do not
// stop a file: a map with a dangling reference is still worth publishing.
func FromDir(dir string) ([]Input, error) {
	var out []Input
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if p != dir && strings.HasPrefix(e.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.EqualFold(filepath.Ext(p), ".bpmn") || strings.HasPrefix(e.Name(), ".") {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		out = append(out, Input{Rel: filepath.ToSlash(rel), Load: func() (*model.Definitions, error) {
			d, _, _, err := bpmn.ReadFile(p)
			return d, err
		}})
		return nil
	})
	return out, err
}
