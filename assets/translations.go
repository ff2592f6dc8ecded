package assets

import "embed"

// Translations holds the UI's message files: translations/{en,sv}.json for
// the application shell and, when present, translations/<part>/{en,sv}.json
// for other parts (the editor canvas). The ui package loads every JSON file
// it finds, so a new part needs no change here.
//
//go:embed translations
var Translations embed.FS
