package site

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"

	"lanemap/draw"
	"lanemap/export/svg"
)

// scene draws a process's map once; the page and the handbook share it.
func (p *proc) scene() *draw.Scene {
	if p.sc == nil && p.g != nil {
		p.sc = draw.Build(p.d, p.g, draw.Options{MarkHandovers: true})
	}
	return p.sc
}

// mapSVG writes the map as inline SVG in which every element is a
// keyboard-reachable button named after its step ("3. Bedöm ansökan,
// Uppgift, Handläggare"). svg escapes every text it writes.
func (r *renderer) mapSVG(p *proc) (template.HTML, error) {
	sc := p.scene()
	if sc == nil || len(sc.Items) == 0 {
		return "", nil
	}
	var b bytes.Buffer
	// No Title: svg would make the map role="img", which hides the
	// buttons inside it from screen readers. The page's figure names the
	// map instead.
	err := svg.Write(&b, sc, svg.Options{Interactive: true, IDPrefix: "k-", Label: func(id string) string {
		return r.elementLabel(p, id)
	}})
	if err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil // #nosec: svg.Write escapes all text and attributes
}

// svgSize reads the width and height attributes of the SVG's root element:
// its natural size in CSS pixels (0, 0 when absent).
func svgSize(svg string) (w, h float64) {
	i := strings.Index(svg, "<svg")
	if i < 0 {
		return 0, 0
	}
	tag := svg[i:]
	if j := strings.IndexByte(tag, '>'); j >= 0 {
		tag = tag[:j]
	}
	attr := func(name string) float64 {
		k := strings.Index(tag, " "+name+`="`)
		if k < 0 {
			return 0
		}
		v := tag[k+len(name)+3:]
		v, _, _ = strings.Cut(v, `"`)
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f > 1e7 {
			return 0
		}
		return f
	}
	return attr("width"), attr("height")
}

// elementLabel is the accessible name of a map element.
func (r *renderer) elementLabel(p *proc, id string) string {
	if s := p.dg.Step(id); s != nil {
		parts := []string{strconv.Itoa(s.Number) + ". " + r.stepName(s), r.t.Kind(s)}
		if s.Role != "" {
			parts = append(parts, s.Role)
		}
		return strings.Join(parts, ", ")
	}
	if l := p.d.Lane(id); l != nil {
		return r.t.Must("steps.role", strings.TrimSpace(l.RoleName()))
	}
	if f := p.d.Flow(id); f != nil {
		from, to := p.dg.Step(f.Source), p.dg.Step(f.Target)
		name := strings.TrimSpace(f.Name)
		if name == "" {
			name = r.t.Must("kind.flow")
		}
		if from != nil && to != nil {
			return name + ": " + r.t.Must("flow.from", r.stepName(from), r.stepName(to))
		}
		return name
	}
	if n := p.d.Node(id); n != nil {
		if s := strings.TrimSpace(n.Name); s != "" {
			return s
		}
		if s := strings.TrimSpace(n.Text); s != "" {
			return s
		}
	}
	if pt := p.d.Participant(id); pt != nil && strings.TrimSpace(pt.Name) != "" {
		return strings.TrimSpace(pt.Name)
	}
	return ""
}

// noMaps leaves the maps out (for golden files of the text alone).
var noMaps bool
