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
// that flow on the canvas.
type handoverList struct {
	rows     []handoverRow
	table    *widget.Table
	title    *widget.Label
	box      fyne.CanvasObject
	onSelect func(flowID string)
}

func newHandoverList(onSelect func(flowID string)) *handoverList {
	h := &handoverList{onSelect: onSelect}
	headers := []string{
		lang.X("handovers.fromRole", "From role"),
		lang.X("handovers.toRole", "To role"),
		lang.X("handovers.fromStep", "From step"),
		lang.X("handovers.toStep", "To step"),
	}
	h.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(h.rows), len(headers) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < 0 || id.Row >= len(h.rows) {
				return
			}
			r := h.rows[id.Row]
			text := [...]string{r.FromRole, "→ " + r.ToRole, r.FromStep, "→ " + r.ToStep}[id.Col]
			o.(*widget.Label).SetText(text)
		})
	h.table.ShowHeaderColumn = false
	h.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	h.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(headers) {
			o.(*widget.Label).SetText(headers[id.Col])
		}
	}
	for c, w := range []float32{170, 170, 230, 230} {
		h.table.SetColumnWidth(c, w)
	}
	h.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(h.rows) && h.onSelect != nil {
			h.onSelect(h.rows[id.Row].Flow)
		}
	}
	h.title = heading("")
	h.box = container.NewBorder(h.title, nil, nil, nil, h.table)
	return h
}

// show replaces the rows with the document's current handovers.
func (h *handoverList) show(d *model.Definitions) {
	h.rows = nil
	if d != nil {
		h.rows = handoverRows(d)
	}
	h.title.SetText(lang.X("handovers.title", "Handovers ({{.Count}})", map[string]any{"Count": len(h.rows)}))
	h.table.UnselectAll()
	h.table.Refresh()
}

// selectRow selects row i as if the user clicked it.
func (h *handoverList) selectRow(i int) {
	h.table.Select(widget.TableCellID{Row: i, Col: 0})
}
