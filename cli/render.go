package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"lanemap/bpmn"
	"lanemap/draw"
	"lanemap/export/pdf"
	"lanemap/export/png"
	"lanemap/export/svg"
	"lanemap/internal/atomicfile"
	"lanemap/model"
)

func init() {
	Register(Verb{
		Name:    "render",
		Args:    "IN.bpmn OUT.svg|OUT.pdf|OUT.png [--diagram ID] [--scale N] [--page a4|a3|fit] [--handovers]",
		Summary: "draw a process map as SVG, PDF or PNG (the format follows OUT's extension)",
		Run:     runRender,
	})
}

func runRender(env *Env, args []string) int {
	flags := NewFlags(env, verbs["render"])
	diagram := flags.String("diagram", "", "id of the BPMNDiagram to draw (default: the first)")
	scale := flags.Float64("scale", 1, "PNG: pixels per diagram unit (2 gives sharp pictures on dense screens)")
	page := flags.String("page", "a4", "PDF: paper, a4 or a3 (landscape, map fitted) or fit (page the map's size)")
	handovers := flags.Bool("handovers", false, "mark handovers (flows that cross lanes) with a highlight")
	pos, code, ok := ParseArgs(flags, args, 2, 2)
	if !ok {
		return code
	}
	in, out := pos[0], pos[1]
	format := strings.ToLower(filepath.Ext(out))
	if format != ".svg" && format != ".pdf" && format != ".png" {
		fmt.Fprintf(env.Stderr, "lanemap render: cannot tell the format of %q: use .svg, .pdf or .png\n", out)
		return 2
	}
	paper, err := pdf.ParsePaper(*page)
	if err != nil {
		fmt.Fprintf(env.Stderr, "lanemap render: --page: %v\n", err)
		return 2
	}
	if !(*scale > 0) || *scale > 100 {
		fmt.Fprintf(env.Stderr, "lanemap render: --scale must be above 0 and at most 100, not %g\n", *scale)
		return 2
	}

	d, _, warns, err := bpmn.ReadFile(in)
	for _, w := range warns {
		fmt.Fprintf(env.Stderr, "%s:%d: %s\n", in, w.Line, w.Msg)
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	g, err := pickDiagram(d, *diagram)
	if err != nil {
		fmt.Fprintf(env.Stderr, "%s: %v\n", in, err)
		return 1
	}
	scene := draw.Build(d, g, draw.Options{MarkHandovers: *handovers})
	title := mapTitle(d, g, in)

	var fill func(io.Writer) error
	switch format {
	case ".svg":
		fill = func(w io.Writer) error { return svg.Write(w, scene, svg.Options{Title: title}) }
	case ".pdf":
		fill = func(w io.Writer) error {
			return pdf.Write(w, scene, pdf.Options{Paper: paper, Title: title, Subject: "BPMN process map"})
		}
	case ".png":
		sc := *scale
		if maxSc := png.MaxScale(scene); sc > maxSc {
			fmt.Fprintf(env.Stderr, "%s: the map is too large for a PNG at scale %g; drawing it at scale %.3g\n", out, sc, maxSc)
			sc = maxSc
		}
		fill = func(w io.Writer) error { return png.Write(w, scene, sc) }
	}
	if err := atomicfile.Write(out, 0o644, fill); err != nil {
		fmt.Fprintf(env.Stderr, "%s: %v\n", out, err)
		return 1
	}
	return 0
}

// pickDiagram returns the diagram with id, or the first one for "".
func pickDiagram(d *model.Definitions, id string) (*model.Diagram, error) {
	if len(d.Diagrams) == 0 {
		return nil, fmt.Errorf("no diagram (BPMNDiagram) to draw")
	}
	if id == "" {
		return d.Diagrams[0], nil
	}
	ids := make([]string, 0, len(d.Diagrams))
	for _, g := range d.Diagrams {
		if g.ID == id {
			return g, nil
		}
		ids = append(ids, g.ID)
	}
	return nil, fmt.Errorf("no diagram %q (the file has %s)", id, strings.Join(ids, ", "))
}

// mapTitle names the map: the diagram's name, else the definitions', the
// first named process or pool, else the file name.
func mapTitle(d *model.Definitions, g *model.Diagram, path string) string {
	if g.Name != "" {
		return g.Name
	}
	if d.Name != "" {
		return d.Name
	}
	for _, p := range d.Processes {
		if p.Name != "" {
			return p.Name
		}
	}
	for _, c := range d.Collaborations {
		for _, p := range c.Participants {
			if p.Name != "" {
				return p.Name
			}
		}
	}
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}
