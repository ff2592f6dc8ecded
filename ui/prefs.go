package ui

import (
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
)

// Preference keys. They live in Fyne's per-app store, so the app ID
// (se.lanemap.editor) must stay stable.
const (
	prefRecent      = "recentFiles"
	prefLastLibrary = "lastLibrary"
	prefThemeMode   = "themeMode" // "system", "light" or "dark"
	maxRecent       = 10
)

// LastLibrary returns the folder or file opened last, "" the first time.
func LastLibrary(p fyne.Preferences) string { return p.String(prefLastLibrary) }

func setLastLibrary(p fyne.Preferences, path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	p.SetString(prefLastLibrary, path)
}

// recentFiles lists recently opened or saved files, newest first.
func recentFiles(p fyne.Preferences) []string { return p.StringList(prefRecent) }

// addRecent puts path first in the recent list, without duplicates, keeping
// at most maxRecent entries.
func addRecent(p fyne.Preferences, path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	list := slices.DeleteFunc(recentFiles(p), func(s string) bool { return s == path })
	list = append([]string{path}, list...)
	if len(list) > maxRecent {
		list = list[:maxRecent]
	}
	p.SetStringList(prefRecent, list)
}
