// Package assets embeds the files every output shares: the one font used by
// the UI, the PDF and label measuring (so line breaks match everywhere), and
// the UI's Swedish and English translations.
package assets
