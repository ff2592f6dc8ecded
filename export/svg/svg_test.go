package svg_test

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lanemap/draw"
	"lanemap/draw/raster/rastertest"
	"lanemap/export/svg"
	"lanemap/model"
)

var update = flag.Bool("update", false, "rewrite testdata goldens")

func write(t testing.TB, s *draw.Scene, opt svg.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := svg.Write(&buf, s, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		file string
		opt  svg.Options
	}{
		{"sample.svg", svg.Options{Title: "Ansökan om bistånd"}},
		{"sample-interactive.svg", svg.Options{Title: "Ansökan <om> bistånd", Interactive: true, IDPrefix: "m1-"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			got := write(t, rastertest.Sample(), tc.opt)
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (go test -update after checking the change)", path)
			}
		})
	}
}

// element is a parsed XML element with what the tests look at.
type element struct {
	name  string
	attrs map[string]string
	text  string
}

func parse(t *testing.T, data []byte) []element {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var out []element
	var stack []int
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			el := element{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				el.attrs[a.Name.Local] = a.Value
			}
			out = append(out, el)
			stack = append(stack, len(out)-1)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			for _, i := range stack {
				out[i].text += string(tok)
			}
		}
	}
	return out
}

func TestWellFormedAndEscaped(t *testing.T) {
	s := rastertest.Sample()
	hostileID := `Task"<&>'1`
	s.Items = append(s.Items,
		rastertest.Label(hostileID, draw.PartLabel, model.Rect{X: 10, Y: 10, W: 100, H: 20}, 10, draw.AlignLeft, false, false, "nul\x00 esc\x1b end", "  two  spaces"))
	data := write(t, s, svg.Options{Title: `T&"<itle>`, Interactive: true, IDPrefix: `p"`})
	if bytes.Contains(data, []byte("<script")) {
		t.Errorf("raw <script in output")
	}
	els := parse(t, data)
	if els[0].name != "svg" || els[0].attrs["viewBox"] != "-10 -10 820 320" {
		t.Errorf("root %v", els[0])
	}
	texts := map[string]bool{}
	groups := map[string]int{}
	ids := map[string]int{}
	for _, el := range els {
		switch el.name {
		case "text", "title":
			texts[el.text] = true
		case "g":
			groups[el.attrs["data-element"]]++
			if id, ok := el.attrs["id"]; ok {
				ids[id]++
				if el.attrs["tabindex"] != "0" || el.attrs["role"] != "button" {
					t.Errorf("interactive group %q lacks tabindex/role: %v", id, el.attrs)
				}
			}
		}
	}
	for _, want := range []string{rastertest.Hostile + "Åsa, Örjan & Märta", `T&"<itle>`, "Ta emotansökan", "nul\uFFFD esc\uFFFD end  two  spaces"} {
		if !texts[want] {
			t.Errorf("text %q did not come back; have %v", want, texts)
		}
	}
	if groups[hostileID] != 1 || ids[`p"`+hostileID] != 1 {
		t.Errorf("hostile id group lost: groups %v ids %v", groups, ids)
	}
	for id, n := range ids {
		if n != 1 {
			t.Errorf("id %q used %d times", id, n)
		}
	}
	// The task label is drawn apart from its body: two groups, one id, on
	// the body's group, with the label text as its accessible name.
	if groups["Task_1"] != 2 || ids["p\"Task_1"] != 1 {
		t.Errorf("Task_1: %d groups, %d ids", groups["Task_1"], ids[`p"Task_1`])
	}
	for _, el := range els {
		if el.attrs["id"] == `p"Task_1` && el.attrs["aria-label"] != "Ta emot ansökan" {
			t.Errorf("Task_1 aria-label %q", el.attrs["aria-label"])
		}
	}
}

func TestAttributes(t *testing.T) {
	data := string(write(t, rastertest.Sample(), svg.Options{}))
	for _, want := range []string{
		`font-family="'Noto Sans', sans-serif"`,
		`stroke-dasharray="10 6"`,                 // dashed message flow
		`fill="#008000" fill-opacity="0.302"`,     // translucent group
		`stroke="#ff8c00" stroke-opacity="0.353"`, // handover highlight
		`font-weight="bold"`,
		`transform="rotate(-90 15 150)"`, // vertical header about its centre
		`text-anchor="middle"`,
		`text-anchor="end"`,
		` C`, // curves stay curves
		`<path class="lm-handover"`,
		`<text class="lm-lane-header"`,
	} {
		if !strings.Contains(data, want) {
			t.Errorf("missing %s", want)
		}
	}
	if strings.Contains(data, "tabindex") || strings.Contains(data, " id=") {
		t.Errorf("non-interactive output has ids or tabindex")
	}
}

func TestLabelOption(t *testing.T) {
	data := write(t, rastertest.Sample(), svg.Options{Interactive: true, Label: func(id string) string { return "Uppgift " + id }})
	if !bytes.Contains(data, []byte(`id="Task_1" class="lm-element" tabindex="0" role="button" aria-label="Uppgift Task_1"`)) {
		t.Errorf("Label option not used")
	}
}

func TestDegenerate(t *testing.T) {
	for name, s := range map[string]*draw.Scene{
		"empty":       {},
		"no segments": {Items: []draw.Item{{Element: "a", Path: &draw.Path{}, Style: draw.Style{Stroke: rastertest.Black, Width: 1}}}},
		"line first":  {Items: []draw.Item{{Element: "a", Path: &draw.Path{Segs: []draw.Seg{{Op: draw.LineTo}, {Op: draw.Close}}}, Style: draw.Style{Stroke: rastertest.Black, Width: 1}}}},
	} {
		t.Run(name, func(t *testing.T) { parse(t, write(t, s, svg.Options{Interactive: true})) })
	}
	if err := svg.Write(io.Discard, nil, svg.Options{}); err == nil {
		t.Errorf("nil scene: no error")
	}
}
