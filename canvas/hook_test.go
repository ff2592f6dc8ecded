package canvas

import (
	"testing"

	"fyne.io/fyne/v2"
)

// TestUnhandledKeysReachTheApp checks that keys the editor has no use for
// (F1 for help) go to OnUnhandledKey, and the ones it uses do not.
func TestUnhandledKeysReachTheApp(t *testing.T) {
	tests := []struct {
		key  fyne.KeyName
		want bool
	}{
		{fyne.KeyF1, true},
		{fyne.KeyF5, true},
		{fyne.KeyF2, false},
		{fyne.KeyEscape, false},
		{fyne.KeyRight, false},
		{fyne.KeyHome, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.key), func(t *testing.T) {
			h := newHarness(t)
			var got []fyne.KeyName
			h.e.OnUnhandledKey = func(k *fyne.KeyEvent) { got = append(got, k.Name) }
			h.e.SetSelection([]string{"T1"})
			h.key(tt.key)
			if passed := len(got) == 1 && got[0] == tt.key; passed != tt.want {
				t.Errorf("%s: OnUnhandledKey got %v, want passed on = %v", tt.key, got, tt.want)
			}
		})
	}
	// Without a hook an unused key changes nothing and does not panic.
	h := newHarness(t)
	h.key(fyne.KeyF1)
}
