package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lanemap/model"
)

// propsTarget is what the properties panel changes: one method per field,
// each one undoable command. *edit.Session provides it; the panel never
// touches the model directly, so every edit lands on the undo stack.
type propsTarget interface {
	Rename(id, name string) error
	SetDocumentation(id, text string) error
	SetLinks(id string, links []model.Link) error
	SetLaneRole(laneID, role string) error
	SetMeta(m model.Meta) error
	SetKind(id string, k model.Kind) error
	SetEventDefinitions(id string, defs []string) error
	SetDefault(nodeID, flowID string) error
	SetCondition(flowID, expr string) error
}

// commitEntry is an Entry that reports its text when the user is done with
// it: Enter on a single line, or leaving the field. Typing alone changes
// nothing, so one edited field is one undo step, not one per key.
type commitEntry struct {
	widget.Entry
	onCommit func(string)
	focused  bool
}

func newCommitEntry(multi bool, onCommit func(string)) *commitEntry {
	e := &commitEntry{onCommit: onCommit}
	e.MultiLine = multi
	if multi {
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(4)
	}
	e.ExtendBaseWidget(e)
	e.OnSubmitted = func(s string) { e.commit() }
	return e
}

func (e *commitEntry) commit() {
	if e.onCommit != nil && (e.Validator == nil || e.Validator(e.Text) == nil) {
		e.onCommit(e.Text)
	}
}

// FocusGained notes the focus so a refresh does not overwrite typing.
func (e *commitEntry) FocusGained() {
	e.focused = true
	e.Entry.FocusGained()
}

// FocusLost commits the text.
func (e *commitEntry) FocusLost() {
	e.focused = false
	e.Entry.FocusLost()
	e.commit()
}

// show sets the text unless the user is typing in the field.
func (e *commitEntry) show(s string) {
	if !e.focused && e.Text != s {
		e.SetText(s)
	}
}

// propsPanel is the right-hand panel: the selected element's name,
// documentation, links and (for lanes) role, or the process metadata when
// nothing is selected.
type propsPanel struct {
	box     *fyne.Container
	scroll  *container.Scroll
	target  propsTarget
	defs    *model.Definitions
	id      string // selected element, "" = the process metadata
	onError func(error)

	// refresh updates the shown values after an undo or any other change;
	// it is rebuilt with the form.
	refresh func()
	// fields by name, for tests.
	fields map[string]*commitEntry
	// selects and checks by name (type, trigger, default), for tests.
	selects map[string]*widget.Select
	checks  map[string]*widget.Check
}

func newPropsPanel(onError func(error)) *propsPanel {
	p := &propsPanel{box: container.NewVBox(), onError: onError}
	p.scroll = container.NewVScroll(p.box)
	p.scroll.SetMinSize(fyne.NewSize(260, 0))
	return p
}

// setDocument points the panel at a document (target nil = nothing open).
func (p *propsPanel) setDocument(t propsTarget, d *model.Definitions) {
	p.target, p.defs, p.id = t, d, ""
	p.rebuild()
}

// setSelection shows the element with this id ("" = process metadata).
func (p *propsPanel) setSelection(ids []string) {
	id := ""
	if len(ids) == 1 {
		id = ids[0]
	}
	if id == p.id && p.refresh != nil {
		p.refresh()
		return
	}
	p.id = id
	p.rebuild()
}

// modelChanged updates the values after any change to the document.
func (p *propsPanel) modelChanged() {
	if p.defs != nil && p.id != "" && p.defs.Element(p.id) == nil {
		p.id = "" // the element was deleted
		p.rebuild()
		return
	}
	if p.refresh != nil {
		p.refresh()
	}
}

// refreshValues shows the model's values again (after a refused edit).
func (p *propsPanel) refreshValues() {
	if p.refresh != nil {
		p.refresh()
	}
}

func (p *propsPanel) do(err error) {
	if err != nil && p.onError != nil {
		p.onError(err)
	}
}

func (p *propsPanel) rebuild() {
	// A field still being typed in commits before the form goes away (the
	// selection moved without the field losing focus first): nothing typed
	// is lost.
	for _, f := range p.fields {
		if f.focused {
			f.focused = false
			f.commit()
		}
	}
	p.fields = map[string]*commitEntry{}
	p.selects = map[string]*widget.Select{}
	p.checks = map[string]*widget.Check{}
	p.refresh = nil
	p.box.Objects = nil
	switch {
	case p.target == nil || p.defs == nil:
		p.box.Add(widget.NewLabel(lang.X("props.none", "No process open")))
	case p.id == "":
		p.buildMeta()
	default:
		p.buildElement()
	}
	p.box.Refresh()
	p.scroll.ScrollToTop()
}

// heading is a bold section title.
func heading(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// elementInfo reads the common properties of any element kind.
type elementInfo struct {
	kind   string
	name   string
	doc    string
	links  []model.Link
	lane   *model.Lane
	hasDoc bool
}

func (p *propsPanel) info() (elementInfo, bool) {
	switch e := p.defs.Element(p.id).(type) {
	case *model.Node:
		name := e.Name
		if e.Kind == model.TextAnnotation {
			name = e.Text
		}
		return elementInfo{kind: KindName(e.Kind), name: name, doc: e.Documentation, links: e.Links, hasDoc: true}, true
	case *model.Flow:
		// Say what the flow joins: an unnamed flow is otherwise anonymous.
		kind := KindName(e.Kind) + ": " + p.endName(e.Source) + " → " + p.endName(e.Target)
		return elementInfo{kind: kind, name: e.Name, doc: e.Documentation, hasDoc: true}, true
	case *model.Lane:
		return elementInfo{kind: KindName(model.LaneKind), name: e.Name, doc: e.Documentation, lane: e, hasDoc: true}, true
	case *model.Participant:
		return elementInfo{kind: KindName(model.ParticipantKind), name: e.Name, doc: e.Documentation, links: e.Links, hasDoc: true}, true
	case *model.Process:
		return elementInfo{kind: KindName(model.ProcessKind), name: e.Name, doc: e.Documentation, hasDoc: true}, true
	case *model.Collaboration:
		return elementInfo{kind: KindName(model.CollaborationKind), name: e.Name, doc: e.Documentation, hasDoc: true}, true
	}
	return elementInfo{}, false
}

// endName names a flow's end: its name, else its kind.
func (p *propsPanel) endName(id string) string {
	switch e := p.defs.Element(id).(type) {
	case *model.Node:
		if e.Name != "" {
			return e.Name
		}
		return KindName(e.Kind)
	case *model.Participant:
		return e.Name
	}
	return id
}

func (p *propsPanel) buildElement() {
	id := p.id
	in, ok := p.info()
	if !ok {
		p.box.Add(widget.NewLabel(lang.X("props.unknown", "Unknown element")))
		return
	}
	kind := widget.NewLabel(in.kind)
	kind.Wrapping = fyne.TextWrapWord
	p.box.Add(heading(lang.X("props.element", "Selected element")))
	p.box.Add(kind)
	sig := p.typeSignature(id)
	typeRefresh := p.buildType(id)

	name := newCommitEntry(false, func(s string) {
		if cur, _ := p.info(); cur.name != s {
			p.do(p.target.Rename(id, s))
		}
	})
	name.SetText(in.name)
	p.fields["name"] = name
	p.box.Add(widget.NewLabel(lang.X("props.name", "Name")))
	p.box.Add(name)

	var role *commitEntry
	if in.lane != nil {
		lane := in.lane
		role = newCommitEntry(false, func(s string) {
			if lane.Role != s {
				p.do(p.target.SetLaneRole(id, s))
			}
		})
		role.SetPlaceHolder(lang.X("props.role.same", "Same as the lane name"))
		role.SetText(lane.Role)
		p.fields["role"] = role
		p.box.Add(widget.NewLabel(lang.X("props.role", "Role")))
		p.box.Add(role)
	}

	doc := newCommitEntry(true, func(s string) {
		if cur, _ := p.info(); cur.doc != s {
			p.do(p.target.SetDocumentation(id, s))
		}
	})
	doc.SetText(in.doc)
	p.fields["documentation"] = doc
	p.box.Add(widget.NewLabel(lang.X("props.documentation", "Documentation")))
	p.box.Add(doc)

	var links *linksEditor
	if _, isNode := p.defs.Element(id).(*model.Node); isNode || isParticipant(p.defs, id) {
		links = newLinksEditor(in.links, func(ls []model.Link) { p.do(p.target.SetLinks(id, ls)) })
		p.box.Add(widget.NewLabel(lang.X("props.links", "Links (routines, documents)")))
		p.box.Add(links.box)
	}

	p.refresh = func() {
		cur, ok := p.info()
		if !ok {
			return
		}
		if p.typeSignature(id) != sig {
			p.rebuild() // another type brings other fields
			return
		}
		if typeRefresh != nil {
			typeRefresh()
		}
		kind.SetText(cur.kind)
		name.show(cur.name)
		doc.show(cur.doc)
		if role != nil && cur.lane != nil {
			role.show(cur.lane.Role)
		}
		if links != nil {
			links.show(cur.links)
		}
	}
}

func isParticipant(d *model.Definitions, id string) bool {
	_, ok := d.Element(id).(*model.Participant)
	return ok
}

// statuses in the order the approval cycle goes.
var statuses = []string{model.StatusDraft, model.StatusReview, model.StatusApproved}

// StatusName is the translated name of a process status.
func StatusName(s string) string {
	switch s {
	case model.StatusDraft:
		return lang.X("status.draft", "Draft")
	case model.StatusReview:
		return lang.X("status.review", "In review")
	case model.StatusApproved:
		return lang.X("status.approved", "Approved")
	case "":
		return ""
	}
	return s
}

func validDate(s string) error {
	if s == "" {
		return nil
	}
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return fmt.Errorf("%s", lang.X("props.date.invalid", "Write the date as YYYY-MM-DD"))
	}
	return nil
}

func (p *propsPanel) buildMeta() {
	d := p.defs
	setMeta := func(change func(m *model.Meta)) {
		m := d.Meta
		m.Links = slices.Clone(m.Links)
		m.Tags = slices.Clone(m.Tags)
		change(&m)
		if !metaEqual(m, d.Meta) {
			p.do(p.target.SetMeta(m))
		}
	}
	p.box.Add(heading(lang.X("props.process", "Process")))
	title := widget.NewLabel(processTitle(d))
	title.Wrapping = fyne.TextWrapWord
	p.box.Add(title)

	form := widget.NewForm()
	text := func(key, label string, get func(model.Meta) string, set func(*model.Meta, string), validate func(string) error) *commitEntry {
		e := newCommitEntry(false, func(s string) { setMeta(func(m *model.Meta) { set(m, strings.TrimSpace(s)) }) })
		e.Validator = validate
		e.SetText(get(d.Meta))
		p.fields[key] = e
		form.Append(label, e)
		return e
	}
	owner := text("owner", lang.X("meta.owner", "Owner"), func(m model.Meta) string { return m.Owner }, func(m *model.Meta, s string) { m.Owner = s }, nil)
	maint := text("maintainer", lang.X("meta.maintainer", "Maintainer"), func(m model.Meta) string { return m.Maintainer }, func(m *model.Meta, s string) { m.Maintainer = s }, nil)
	version := text("version", lang.X("meta.version", "Version"), func(m model.Meta) string { return m.Version }, func(m *model.Meta, s string) { m.Version = s }, nil)

	statusNames := make([]string, len(statuses))
	for i, s := range statuses {
		statusNames[i] = StatusName(s)
	}
	status := widget.NewSelect(statusNames, nil)
	status.PlaceHolder = lang.X("select.placeholder", "(Choose one)")
	showStatus := func() {
		if i := slices.Index(statuses, d.Meta.Status); i >= 0 {
			status.SetSelectedIndex(i)
		} else {
			status.ClearSelected()
		}
	}
	showStatus()
	status.OnChanged = func(string) {
		if i := status.SelectedIndex(); i >= 0 {
			setMeta(func(m *model.Meta) { m.Status = statuses[i] })
		}
	}
	form.Append(lang.X("meta.status", "Status"), status)

	approved := text("approved", lang.X("meta.approved", "Approved on"), func(m model.Meta) string { return m.ApprovedDate }, func(m *model.Meta, s string) { m.ApprovedDate = s }, validDate)
	approved.SetPlaceHolder(lang.X("meta.date.hint", "YYYY-MM-DD"))
	review := text("review", lang.X("meta.review", "Review by"), func(m model.Meta) string { return m.ReviewDate }, func(m *model.Meta, s string) { m.ReviewDate = s }, validDate)
	review.SetPlaceHolder(lang.X("meta.date.hint", "YYYY-MM-DD"))

	classes := []string{
		"0 – " + lang.X("meta.class0.short", "open"),
		"1 – " + lang.X("meta.class1.short", "internal"),
		"2 – " + lang.X("meta.class2.short", "confidential"),
		"3 – " + lang.X("meta.class3.short", "strictly confidential"),
	}
	class := widget.NewSelect(classes, nil)
	class.PlaceHolder = lang.X("select.placeholder", "(Choose one)")
	showClass := func() {
		if c := d.Meta.Classification; c >= 0 && c < len(classes) {
			class.SetSelectedIndex(c)
		}
	}
	showClass()
	class.OnChanged = func(string) {
		if i := class.SelectedIndex(); i >= 0 {
			setMeta(func(m *model.Meta) { m.Classification = i })
		}
	}
	form.Append(lang.X("meta.classification", "Classification"), class)

	publish := widget.NewCheck(lang.X("meta.publish.check", "Publish on the intranet"), nil)
	publish.SetChecked(d.Meta.Publish)
	publish.OnChanged = func(b bool) { setMeta(func(m *model.Meta) { m.Publish = b }) }
	// Classification 2 and above is never published, whatever the box says.
	never := widget.NewLabel(lang.X("meta.publish.never", "Classification 2 and above is never published."))
	never.Wrapping = fyne.TextWrapWord
	never.Importance = widget.WarningImportance
	showNever := func() { never.Hidden = !(d.Meta.Publish && d.Meta.Classification >= 2) }
	showNever()
	form.Append(lang.X("meta.publish", "Publish"), container.NewVBox(publish, never))

	tags := text("tags", lang.X("meta.tags", "Tags"), func(m model.Meta) string { return strings.Join(m.Tags, ", ") },
		func(m *model.Meta, s string) { m.Tags = splitTags(s) }, nil)
	tags.SetPlaceHolder(lang.X("meta.tags.hint", "comma-separated"))
	p.box.Add(form)

	links := newLinksEditor(d.Meta.Links, func(ls []model.Link) { setMeta(func(m *model.Meta) { m.Links = ls }) })
	p.box.Add(widget.NewLabel(lang.X("props.links", "Links (routines, documents)")))
	p.box.Add(links.box)

	p.refresh = func() {
		m := d.Meta
		title.SetText(processTitle(d))
		owner.show(m.Owner)
		maint.show(m.Maintainer)
		version.show(m.Version)
		approved.show(m.ApprovedDate)
		review.show(m.ReviewDate)
		tags.show(strings.Join(m.Tags, ", "))
		// Setting a Select fires OnChanged; with equal values setMeta is a no-op.
		showStatus()
		showClass()
		publish.SetChecked(m.Publish)
		showNever()
		never.Refresh()
		links.show(m.Links)
	}
}

// processTitle is the name a process goes by: the definitions' name, else
// the first collaboration's, process's or pool's.
func processTitle(d *model.Definitions) string {
	if d.Name != "" {
		return d.Name
	}
	for _, c := range d.Collaborations {
		if c.Name != "" {
			return c.Name
		}
	}
	for _, p := range d.Processes {
		if p.Name != "" {
			return p.Name
		}
	}
	for _, p := range d.Participants() {
		if p.Name != "" {
			return p.Name
		}
	}
	return lang.X("props.untitled", "Untitled process")
}

func splitTags(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func metaEqual(a, b model.Meta) bool {
	return a.Owner == b.Owner && a.Maintainer == b.Maintainer && a.Version == b.Version &&
		a.Status == b.Status && a.ApprovedDate == b.ApprovedDate && a.ReviewDate == b.ReviewDate &&
		a.Classification == b.Classification && a.Publish == b.Publish &&
		slices.Equal(a.Links, b.Links) && slices.Equal(a.Tags, b.Tags)
}

// linksEditor edits a list of links: a title and an URL or file path per
// row, a remove button each and an add button. Every finished change
// reports the whole list once.
type linksEditor struct {
	box      *fyne.Container
	rows     *fyne.Container
	links    []model.Link
	onChange func([]model.Link)
}

func newLinksEditor(links []model.Link, onChange func([]model.Link)) *linksEditor {
	e := &linksEditor{rows: container.NewVBox(), onChange: onChange}
	add := widget.NewButtonWithIcon(lang.X("links.add", "Add link"), theme.ContentAddIcon(), func() {
		ls := append(slices.Clone(e.links), model.Link{Title: lang.X("links.new", "New link")})
		e.onChange(ls)
	})
	e.box = container.NewVBox(e.rows, add)
	e.show(links)
	return e
}

func (e *linksEditor) show(links []model.Link) {
	if slices.Equal(links, e.links) && len(e.rows.Objects) == len(links) {
		return
	}
	e.links = slices.Clone(links)
	e.rows.Objects = nil
	for i, l := range links {
		title := newCommitEntry(false, func(s string) {
			if i < len(e.links) && e.links[i].Title != s {
				ls := slices.Clone(e.links)
				ls[i].Title = s
				e.onChange(ls)
			}
		})
		title.SetPlaceHolder(lang.X("links.title", "Title"))
		title.SetText(l.Title)
		href := newCommitEntry(false, func(s string) {
			if i < len(e.links) && e.links[i].Href != s {
				ls := slices.Clone(e.links)
				ls[i].Href = strings.TrimSpace(s)
				e.onChange(ls)
			}
		})
		href.SetPlaceHolder(lang.X("links.href", "https://… or a file path"))
		href.SetText(l.Href)
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			if i < len(e.links) {
				e.onChange(slices.Delete(slices.Clone(e.links), i, i+1))
			}
		})
		remove.Importance = widget.LowImportance
		e.rows.Add(container.NewBorder(nil, nil, nil, remove, container.NewVBox(title, href)))
		if i < len(links)-1 {
			e.rows.Add(widget.NewSeparator())
		}
	}
	e.rows.Refresh()
}
