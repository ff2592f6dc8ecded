package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"lanemap/model"
)

// handoverRow is one line of the handover list.
type handoverRow struct {
	Flow             string
	FromRole, ToRole string
	FromStep, ToStep string
}

// handoverRows lists the document's handovers in flow order, with the
// lanes' role names and the steps' names (their kind when unnamed).
func handoverRows(d *model.Definitions) []handoverRow {
	step := func(id string) string {
		n := d.Node(id)
		switch {
		case n == nil:
			return id
		case n.Name != "":
			return n.Name
		}
		return KindName(n.Kind)
	}
	var rows []handoverRow
	for _, h := range d.Handovers() {
		rows = append(rows, handoverRow{
			Flow:     h.Flow.ID,
			FromRole: h.FromLane.RoleName(),
			ToRole:   h.ToLane.RoleName(),
			FromStep: step(h.Flow.Source),
			ToStep:   step(h.Flow.Target),
		})
	}
	return rows
}

// handoverList is the table under the canvas that the handovers toggle
// opens: from role → to role, from step → to step. Selecting a row selects
// that flow on the canvas. It is a List of four-column rows rather than a
// Table so that a whole row highlights.
type handoverList struct {
	rows     []handoverRow
	list     *widget.List
	title    *widget.Label
	box      fyne.CanvasObject
	selected int // highlighted row, -1 for none
	onSelect func(flowID string)
}

func newHandoverList(onSelect func(flowID string)) *handoverList {
	h := &handoverList{onSelect: onSelect, selected: -1}
	cell := func(s string, bold bool) *widget.Label {
		l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: bold})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	header := container.NewGridWithColumns(4,
		cell(lang.X("handovers.fromRole", "From role"), true),
		cell(lang.X("handovers.toRole", "To role"), true),
		cell(lang.X("handovers.fromStep", "From step"), true),
		cell(lang.X("handovers.toStep", "To step"), true),
	)
	h.list = widget.NewList(
		func() int { return len(h.rows) },
		func() fyne.CanvasObject {
			return container.NewGridWithColumns(4, cell("", false), cell("", false), cell("", false), cell("", false))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < 0 || i >= len(h.rows) {
				return
			}
			r := h.rows[i]
			for c, s := range [...]string{r.FromRole, "→ " + r.ToRole, r.FromStep, "→ " + r.ToStep} {
				o.(*fyne.Container).Objects[c].(*widget.Label).SetText(s)
			}
		})
	h.list.OnUnselected = func(widget.ListItemID) { h.selected = -1 }
	h.list.OnSelected = func(i widget.ListItemID) {
		h.selected = i
		if i >= 0 && i < len(h.rows) && h.onSelect != nil {
			h.onSelect(h.rows[i].Flow)
		}
	}
	h.title = heading("")
	h.box = container.NewBorder(container.NewVBox(h.title, header, widget.NewSeparator()), nil, nil, nil, h.list)
	return h
}

// show replaces the rows with the document's current handovers.
func (h *handoverList) show(d *model.Definitions) {
	h.rows = nil
	if d != nil {
		h.rows = handoverRows(d)
	}
	h.title.SetText(lang.X("handovers.title", "Handovers ({{.Count}})", map[string]any{"Count": len(h.rows)}))
	h.list.UnselectAll()
	h.list.Refresh()
}

// selectRow selects row i as if the user clicked it.
func (h *handoverList) selectRow(i int) { h.list.Select(i) }

// follow highlights the row of a handover selected on the canvas.
func (h *handoverList) follow(ids []string) {
	if len(ids) == 1 {
		for i, r := range h.rows {
			if r.Flow == ids[0] {
				h.list.Select(i) // selecting the same flow again changes nothing
				return
			}
		}
	}
	h.list.UnselectAll()
}
