package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme modes the View menu offers.
const (
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"
)

// fixedVariant is the default theme pinned to light or dark. Fyne has no
// switch for the variant, so the toggle installs this wrapper; "follow the
// system" puts the plain default theme back.
type fixedVariant struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

var _ fyne.Theme = fixedVariant{}

// Color answers for the pinned variant whatever the system asks for.
func (t fixedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// applyTheme installs the theme for mode and reports whether the result is
// dark, which the canvas needs to pick its own colours.
func applyTheme(a fyne.App, mode string) (dark bool) {
	switch mode {
	case themeLight:
		a.Settings().SetTheme(fixedVariant{theme.DefaultTheme(), theme.VariantLight})
		return false
	case themeDark:
		a.Settings().SetTheme(fixedVariant{theme.DefaultTheme(), theme.VariantDark})
		return true
	}
	a.Settings().SetTheme(theme.DefaultTheme())
	return a.Settings().ThemeVariant() == theme.VariantDark
}
