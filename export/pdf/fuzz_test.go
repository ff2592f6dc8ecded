package pdf_test

import (
	"bytes"
	"testing"

	"lanemap/draw"
	"lanemap/draw/raster/rastertest"
	"lanemap/export/pdf"
	"lanemap/model"
)

// FuzzText checks that no label, title or subject makes gofpdf fail or
// panic (it panics on invalid UTF-8 and on characters beyond U+FFFF).
func FuzzText(f *testing.F) {
	for _, s := range []string{"Åsa & Örjan", "\xff\xfe", "😀 emoji", "\U0010FFFF", "\u202e rtl", "(paren) \\ back", "漢字", "\ufeff", "a\x00b", "tab\there"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sc := &draw.Scene{Bounds: model.Rect{W: 100, H: 50}, Items: []draw.Item{
			rastertest.Label("x", draw.PartLabel, model.Rect{W: 100, H: 20}, 10, draw.AlignCenter, true, false, s),
			rastertest.Label("x", draw.PartLabel, model.Rect{W: 100, H: 20}, 10, draw.AlignRight, false, true, s),
		}}
		var buf bytes.Buffer
		if err := pdf.Write(&buf, sc, pdf.Options{Title: s, Subject: s}); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	})
}

func TestSafeText(t *testing.T) {
	for in, want := range map[string]string{
		"Åsa, Örjan & Märta": "Åsa, Örjan & Märta",
		"a\x00b\tc\n":        "ab c",
		"bad\xffbyte":        "bad\uFFFDbyte",
		"emoji 😀":            "emoji \uFFFD",
	} {
		if got := pdf.SafeText(in); got != want {
			t.Errorf("SafeText(%q) = %q, want %q", in, got, want)
		}
	}
}
