package cli

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func renderRun(t *testing.T, args ...string) (code int, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = Main(append([]string{"render"}, args...), &o, &e)
	return code, e.String()
}

func TestRenderFormats(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		out  string
		args []string
		ok   func([]byte) bool
	}{
		{"map.svg", nil, func(b []byte) bool {
			d := xml.NewDecoder(bytes.NewReader(b))
			for {
				if _, err := d.Token(); err == io.EOF {
					return bytes.Contains(b, []byte("Utreda ansökan")) && bytes.Contains(b, []byte(`data-element="Task_A"`))
				} else if err != nil {
					return false
				}
			}
		}},
		{"map.PDF", []string{"--page", "a3"}, func(b []byte) bool { return bytes.HasPrefix(b, []byte("%PDF-")) }},
		{"map-fit.pdf", []string{"--page=fit", "--handovers"}, func(b []byte) bool { return bytes.HasPrefix(b, []byte("%PDF-")) }},
		{"map.png", []string{"--scale", "2"}, func(b []byte) bool {
			img, err := png.Decode(bytes.NewReader(b))
			// 600×300 units (plus stroke) and 10-unit margins, at scale 2.
			return err == nil && img.Bounds().Dx() >= 1240 && img.Bounds().Dx() < 1250 && img.Bounds().Dy() >= 640 && img.Bounds().Dy() < 650
		}},
	} {
		out := filepath.Join(dir, tc.out)
		code, errOut := renderRun(t, append([]string{"testdata/lanes.bpmn", out}, tc.args...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.out, code, errOut)
		}
		b, err := os.ReadFile(out)
		if err != nil || !tc.ok(b) {
			t.Errorf("%s: bad output (%v, %d bytes)", tc.out, err, len(b))
		}
	}
}

func TestRenderHandovers(t *testing.T) {
	dir := t.TempDir()
	plain, marked := filepath.Join(dir, "a.svg"), filepath.Join(dir, "b.svg")
	if code, e := renderRun(t, "testdata/lanes.bpmn", plain); code != 0 {
		t.Fatal(e)
	}
	if code, e := renderRun(t, "--handovers", "testdata/lanes.bpmn", marked); code != 0 {
		t.Fatal(e)
	}
	a, _ := os.ReadFile(plain)
	b, _ := os.ReadFile(marked)
	if bytes.Contains(a, []byte("lm-handover")) || !bytes.Contains(b, []byte("lm-handover")) {
		t.Errorf("--handovers does not switch the handover highlight (plain %v, marked %v)",
			bytes.Contains(a, []byte("lm-handover")), bytes.Contains(b, []byte("lm-handover")))
	}
}

func TestRenderErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no arguments", nil, 2, "Usage: lanemap render"},
		{"one argument", []string{"testdata/lanes.bpmn"}, 2, "Usage: lanemap render"},
		{"unknown extension", []string{"testdata/lanes.bpmn", filepath.Join(dir, "x.jpg")}, 2, ".svg, .pdf or .png"},
		{"no extension", []string{"testdata/lanes.bpmn", filepath.Join(dir, "x")}, 2, ".svg, .pdf or .png"},
		{"bad page", []string{"--page", "letter", "testdata/lanes.bpmn", filepath.Join(dir, "x.pdf")}, 2, "letter"},
		{"bad scale", []string{"--scale", "0", "testdata/lanes.bpmn", filepath.Join(dir, "x.png")}, 2, "--scale"},
		{"unknown flag", []string{"--frob", "testdata/lanes.bpmn", filepath.Join(dir, "x.png")}, 2, "frob"},
		{"missing input", []string{"testdata/absent.bpmn", filepath.Join(dir, "x.svg")}, 1, "testdata/absent.bpmn"},
		{"malformed input", []string{"testdata/malformed.bpmn", filepath.Join(dir, "x.svg")}, 1, "testdata/malformed.bpmn:4:"},
		{"unknown diagram", []string{"--diagram", "Nope", "testdata/lanes.bpmn", filepath.Join(dir, "x.svg")}, 1, `no diagram "Nope" (the file has Diagram_1)`},
		{"unwritable output", []string{"testdata/lanes.bpmn", filepath.Join(dir, "absent", "x.svg")}, 1, "absent"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, errOut := renderRun(t, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, tc.code, tc.want)
			}
		})
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("failed renders left files: %v", left)
	}
}

func TestRenderDiagramFlag(t *testing.T) {
	out := filepath.Join(t.TempDir(), "x.svg")
	if code, e := renderRun(t, "--diagram", "Diagram_1", "testdata/lanes.bpmn", out); code != 0 {
		t.Fatalf("exit %d: %s", code, e)
	}
}
