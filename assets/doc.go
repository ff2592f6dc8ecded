// Package assets embeds the files every output shares: the one font used by
// the UI, the PDF and label measuring.
package assets
