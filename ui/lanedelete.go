package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lanemap/model"
)

// lanesWithSteps lists the selected lanes that hold nodes (in themselves
// or a sub-lane); deleting those asks what becomes of the steps.
func (a *App) lanesWithSteps(ids []string) []*model.Lane {
	if a.doc == nil {
		return nil
	}
	var out []*model.Lane
	for _, id := range ids {
		if l := a.doc.defs.Lane(id); l != nil && len(laneNodes(l)) > 0 {
			out = append(out, l)
		}
	}
	return out
}

// laneNodes is every node in l and its sub-lanes.
func laneNodes(l *model.Lane) []string {
	out := slices.Clone(l.NodeRefs)
	for _, c := range l.Children {
		out = append(out, laneNodes(c)...)
	}
	return out
}

// askDeleteLanes asks whether the steps of the lanes being deleted move to
// the neighbouring lane or go too; Cancel keeps everything.
func (a *App) askDeleteLanes(sel []string, lanes []*model.Lane) {
	names := ""
	for i, l := range lanes {
		if i > 0 {
			names += ", "
		}
		n := l.Name
		if n == "" {
			n = l.ID
		}
		names += "“" + n + "”"
	}
	steps := 0
	for _, l := range lanes {
		steps += len(laneNodes(l))
	}
	msg := widget.NewLabel(lang.X("lanedel.message", "The lane {{.Names}} has {{.Count}} step(s). What should happen to them?",
		map[string]any{"Names": names, "Count": steps}))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons(lang.X("lanedel.title", "Delete lane"), msg, a.win)
	run := func(ids []string) {
		d.Hide()
		a.laneAsked = true
		defer func() { a.laneAsked = false }()
		if err := a.doc.sess.Delete(ids); err != nil {
			a.showError(err)
			return
		}
		a.editor.SetSelection(nil)
		a.editor.FocusCanvas()
	}
	move := widget.NewButton(lang.X("lanedel.move", "Move the steps to the neighbouring lane"), func() { run(sel) })
	move.Importance = widget.HighImportance
	del := widget.NewButtonWithIcon(lang.X("lanedel.delete", "Delete the steps"), theme.DeleteIcon(), func() {
		ids := slices.Clone(sel)
		for _, l := range lanes {
			ids = append(ids, laneNodes(l)...)
		}
		run(ids)
	})
	del.Importance = widget.DangerImportance
	cancel := widget.NewButtonWithIcon(lang.X("unsaved.cancel", "Cancel"), theme.CancelIcon(), func() {
		d.Hide()
		a.editor.FocusCanvas()
	})
	d.SetButtons([]fyne.CanvasObject{cancel, del, move})
	d.Resize(fyne.NewSize(560, 180))
	a.laneButtons = map[string]*widget.Button{"move": move, "delete": del, "cancel": cancel}
	a.trackDialog(d, move.OnTapped)
}
