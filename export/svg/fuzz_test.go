package svg_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"lanemap/draw"
	"lanemap/draw/raster/rastertest"
	"lanemap/export/svg"
	"lanemap/model"
)

// FuzzText checks that any label text and element id gives well-formed
// XML whose text reads back as written (characters XML cannot hold turn
// into U+FFFD).
func FuzzText(f *testing.F) {
	for _, s := range []string{rastertest.Hostile, "Åsa & Örjan", "\x00\x1b\uFFFE", "]]>", "\xff\xfe", "a\r\nb\tc"} {
		f.Add(s, "Task_1")
	}
	f.Fuzz(func(t *testing.T, text, id string) {
		s := &draw.Scene{Bounds: model.Rect{W: 100, H: 50}, Items: []draw.Item{
			rastertest.Label(id, draw.PartLabel, model.Rect{W: 100, H: 20}, 10, draw.AlignCenter, false, false, text),
		}}
		var buf bytes.Buffer
		if err := svg.Write(&buf, s, svg.Options{Title: text, Interactive: true, IDPrefix: id}); err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(&buf)
		var got strings.Builder
		inText := false
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("not well-formed for %q: %v", text, err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				inText = tok.Name.Local == "tspan"
			case xml.CharData:
				if inText {
					got.Write(tok)
				}
			case xml.EndElement:
				inText = false
			}
		}
		want := strings.Map(func(r rune) rune {
			if r == utf8.RuneError || !(r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000) {
				return '\uFFFD'
			}
			return r
		}, text)
		// XML reads a literal CR as LF; ours are escaped, so they survive.
		if got.String() != want {
			t.Errorf("text %q came back as %q", want, got.String())
		}
	})
}
