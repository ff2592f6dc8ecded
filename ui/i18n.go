package ui

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"lanemap/assets"
)

// LoadTranslations adds every message file under assets/translations (the
// shell's en.json and sv.json and any part's folder such as canvas/) to
// Fyne's lang bundle. lang.AddTranslationsFS reads one folder only and
// stumbles on sub-folders, so the walk is done here; go-i18n merges the
// messages of all files for one language. Fyne then picks the language
// from the system locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
func LoadTranslations() error {
	return loadTranslations(assets.Translations, "translations")
}

func loadTranslations(fsys fs.FS, root string) error {
	return fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || path.Ext(p) != ".json" {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		// "sv.json" or "prefix.sv.json": the language is the last dotted part.
		name := strings.TrimSuffix(path.Base(p), ".json")
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			name = name[i+1:]
		}
		if err := lang.AddTranslationsForLocale(data, fyne.Locale(name)); err != nil {
			return fmt.Errorf("translations %s: %w", p, err)
		}
		return nil
	})
}
