package bpmn

import (
	"strconv"
	"strings"

	"github.com/beevik/etree"

	"lanemap/model"
)

// ourChildren lists the Lanemap-namespace elements directly inside e's
// extensionElements.
func (s *Source) ourChildren(e *etree.Element) (ext *etree.Element, ours []*etree.Element) {
	for _, c := range e.Child {
		x, ok := c.(*etree.Element)
		if !ok || x.Tag != "extensionElements" || s.nsURI(x) != Namespace {
			continue
		}
		ext = x
		for _, y := range childElems(x) {
			if s.nsURI(y) == LanemapNS {
				ours = append(ours, y)
			}
		}
		return ext, ours
	}
	return nil, nil
}

func (dc *decoder) links(e *etree.Element) []model.Link {
	_, ours := dc.s.ourChildren(e)
	var out []model.Link
	for _, x := range ours {
		if x.Tag == "link" {
			out = append(out, model.Link{Title: attrv(x, "title"), Href: attrv(x, "href")})
		}
	}
	return out
}

func (dc *decoder) laneRole(e *etree.Element) string {
	_, ours := dc.s.ourChildren(e)
	for _, x := range ours {
		if x.Tag == "role" {
			return strings.TrimSpace(text(x))
		}
	}
	return ""
}

// metaFields maps Meta's string fields to their element names, in the
// order they are written.
var metaFields = []struct {
	name string
	get  func(*model.Meta) *string
}{
	{"owner", func(m *model.Meta) *string { return &m.Owner }},
	{"maintainer", func(m *model.Meta) *string { return &m.Maintainer }},
	{"version", func(m *model.Meta) *string { return &m.Version }},
	{"status", func(m *model.Meta) *string { return &m.Status }},
	{"approved", func(m *model.Meta) *string { return &m.ApprovedDate }},
	{"review", func(m *model.Meta) *string { return &m.ReviewDate }},
}

// meta reads the file-level metadata from the first holder that has it.
func (dc *decoder) meta() {
	var holders []string
	for _, c := range dc.d.Collaborations {
		holders = append(holders, c.ID)
	}
	for _, p := range dc.d.Processes {
		holders = append(holders, p.ID)
	}
	for _, id := range holders {
		e := dc.s.byID[id]
		if e == nil {
			continue
		}
		_, ours := dc.s.ourChildren(e)
		for _, x := range ours {
			if x.Tag == "meta" {
				dc.d.Meta = readMeta(x)
				return
			}
		}
	}
}

func readMeta(x *etree.Element) model.Meta {
	var m model.Meta
	for _, c := range childElems(x) {
		v := strings.TrimSpace(text(c))
		switch c.Tag {
		case "classification":
			m.Classification, _ = strconv.Atoi(v)
		case "publish":
			m.Publish = parseBool(v)
		case "link":
			m.Links = append(m.Links, model.Link{Title: attrv(c, "title"), Href: attrv(c, "href")})
		case "tag":
			m.Tags = append(m.Tags, v)
		default:
			for _, f := range metaFields {
				if f.name == c.Tag {
					*f.get(&m) = v
				}
			}
		}
	}
	return m
}

// metaHolder is the id of the element whose extensionElements carry Meta.
func metaHolder(d *model.Definitions) string {
	if len(d.Collaborations) > 0 {
		return d.Collaborations[0].ID
	}
	if len(d.Processes) > 0 {
		return d.Processes[0].ID
	}
	return ""
}

func metaEmpty(m *model.Meta) bool {
	return m.Owner == "" && m.Maintainer == "" && m.Version == "" && m.Status == "" &&
		m.ApprovedDate == "" && m.ReviewDate == "" && m.Classification == 0 && !m.Publish &&
		len(m.Links) == 0 && len(m.Tags) == 0
}

func linksEqual(a, b []model.Link) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func metaEqual(a, b *model.Meta) bool {
	if !linksEqual(a.Links, b.Links) || len(a.Tags) != len(b.Tags) {
		return false
	}
	for i := range a.Tags {
		if a.Tags[i] != b.Tags[i] {
			return false
		}
	}
	return a.Owner == b.Owner && a.Maintainer == b.Maintainer && a.Version == b.Version &&
		a.Status == b.Status && a.ApprovedDate == b.ApprovedDate && a.ReviewDate == b.ReviewDate &&
		a.Classification == b.Classification && a.Publish == b.Publish
}

// writeOurs replaces the Lanemap elements in e's extensionElements with
// build's, creating extensionElements when needed and dropping it when it
// ends up empty and only ever held ours.
func (en *encoder) writeOurs(e *etree.Element, build func(add func(tag string) *etree.Element)) {
	s := en.s
	ext, ours := s.ourChildren(e)
	for _, x := range ours {
		detach(x)
	}
	created := false
	add := func(tag string) *etree.Element {
		if ext == nil {
			ext = en.newChild(e, Namespace, "extensionElements")
			created = true
		}
		return en.newChild(ext, LanemapNS, tag)
	}
	build(add)
	if ext != nil && !created && len(ours) > 0 && len(childElems(ext)) == 0 && len(ext.Attr) == 0 {
		onlySpace := true
		for _, c := range ext.Child {
			if cd, ok := c.(*etree.CharData); !ok || !isSpace(cd.Data) {
				onlySpace = false
			}
		}
		if onlySpace {
			detach(ext)
		}
	}
}

func (en *encoder) writeLinks(e *etree.Element, links []model.Link, role string) {
	en.writeOurs(e, func(add func(string) *etree.Element) {
		if role != "" {
			setText(add("role"), role)
		}
		for _, l := range links {
			x := add("link")
			x.CreateAttr("title", l.Title)
			x.CreateAttr("href", l.Href)
		}
	})
}

func (en *encoder) writeMeta(e *etree.Element, m *model.Meta) {
	en.writeOurs(e, func(add func(string) *etree.Element) {
		if metaEmpty(m) {
			return
		}
		x := add("meta")
		child := func(tag, v string) {
			c := en.newChild(x, LanemapNS, tag)
			setText(c, v)
		}
		for _, f := range metaFields {
			if v := *f.get(m); v != "" {
				child(f.name, v)
			}
		}
		if m.Classification != 0 {
			child("classification", strconv.Itoa(m.Classification))
		}
		if m.Publish {
			child("publish", "true")
		}
		for _, l := range m.Links {
			c := en.newChild(x, LanemapNS, "link")
			c.CreateAttr("title", l.Title)
			c.CreateAttr("href", l.Href)
		}
		for _, t := range m.Tags {
			child("tag", t)
		}
	})
}
