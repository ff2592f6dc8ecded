package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lanemap/library"
	"lanemap/model"
)

// merging is a merge of the open process with the version on disk that
// waits for the user's choices: the disk version (loaded, so saving the
// result checks against it), the common base and the conflicts.
type merging struct {
	theirs    *library.Doc
	base      *model.Definitions
	conflicts []library.Conflict
	// pick holds the user's side per conflict (index in conflicts).
	pick []library.Side
}

// conflictKey identifies a conflict across merges.
func conflictKey(c library.Conflict) string { return c.Kind + ":" + c.ID }

// startMerge reads the disk version and merges; with no conflicts it
// saves at once, otherwise it shows the conflicts side by side.
func (a *App) startMerge(then func()) error {
	doc := a.doc
	theirs, err := a.lib.lib.Load(doc.ldoc.Path)
	if err != nil {
		var le *library.Error
		if errors.As(err, &le) && le.Kind == library.KindNotBPMN {
			a.askNotBPMN(then)
			return nil
		}
		return fmt.Errorf("%s", libraryMessage(err))
	}
	base, err := doc.ldoc.Base()
	if err != nil {
		a.lib.lib.Close(theirs)
		return fmt.Errorf("%s", libraryMessage(err))
	}
	merged, conflicts := library.Merge(base, doc.defs, theirs.Defs)
	if len(conflicts) == 0 {
		if err := a.finishMerge(theirs, merged); err != nil {
			return err
		}
		a.status.setHint(lang.X("conflict.merged", "Merged with the other version and saved."))
		if then != nil {
			then()
		}
		return nil
	}
	m := &merging{theirs: theirs, base: base, conflicts: conflicts, pick: make([]library.Side, len(conflicts))}
	a.showConflicts(m, then)
	return nil
}

// finishMerge makes defs (merged on top of the disk version ld) the open
// process and saves it.
func (a *App) finishMerge(ld *library.Doc, defs *model.Definitions) error {
	old := a.doc
	ld.Defs = defs
	next := fromLibrary(a.lib, ld)
	next.restored = true // unsaved until the save below
	a.replaceDocument(next)
	a.dropRecovery(old)
	return a.write(next.path)
}

// showConflicts lists each element both sides changed, mine beside
// theirs, with a choice per element; Merge applies the choices and saves.
func (a *App) showConflicts(m *merging, then func()) {
	mine := a.doc.defs
	head := container.NewGridWithColumns(3,
		widget.NewLabelWithStyle(lang.X("conflicts.element", "Element"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(lang.X("conflicts.mine", "Mine"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(lang.X("conflicts.theirs", "Theirs (on disk)"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	rows := container.NewVBox()
	a.conflictChoices = nil
	for i, c := range m.conflicts {
		i := i
		what := widget.NewLabelWithStyle(conflictTitle(c), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		what.Wrapping = fyne.TextWrapWord
		left := widget.NewLabel(describeSide(c, c.Mine, mine))
		left.Wrapping = fyne.TextWrapWord
		right := widget.NewLabel(describeSide(c, c.Theirs, m.theirs.Defs))
		right.Wrapping = fyne.TextWrapWord
		mineOpt, theirsOpt := lang.X("conflicts.keepMine", "Keep mine"), lang.X("conflicts.takeTheirs", "Take theirs")
		choice := widget.NewRadioGroup([]string{mineOpt, theirsOpt}, func(s string) {
			if s == theirsOpt {
				m.pick[i] = library.Theirs
			} else {
				m.pick[i] = library.Mine
			}
		})
		choice.Horizontal = true
		choice.Required = true
		choice.SetSelected(mineOpt)
		a.conflictChoices = append(a.conflictChoices, choice)
		rows.Add(container.NewGridWithColumns(3, what, left, right))
		rows.Add(container.NewHBox(choice))
		rows.Add(widget.NewSeparator())
	}
	intro := widget.NewLabel(lang.X("conflicts.intro", "You and someone else changed the same elements. Choose for each one which version to keep; everything else is merged."))
	intro.Wrapping = fyne.TextWrapWord
	content := container.NewBorder(container.NewVBox(intro, head), nil, nil, nil, container.NewVScroll(rows))
	d := dialog.NewCustomWithoutButtons(lang.X("conflicts.title", "Choose between the versions"), content, a.win)
	apply := widget.NewButtonWithIcon(lang.X("conflicts.apply", "Merge and save"), theme.ConfirmIcon(), func() {
		d.Hide()
		pick := map[string]library.Side{}
		for i, c := range m.conflicts {
			pick[conflictKey(c)] = m.pick[i]
		}
		merged, _ := library.MergeWith(m.base, a.doc.defs, m.theirs.Defs, func(c library.Conflict) library.Side { return pick[conflictKey(c)] })
		if err := a.finishMerge(m.theirs, merged); err != nil {
			if isChangedOnDisk(err) {
				a.askConflict(then)
				return
			}
			a.showError(err)
			return
		}
		a.status.setHint(lang.X("conflict.merged", "Merged with the other version and saved."))
		if then != nil {
			then()
		}
	})
	apply.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.X("unsaved.cancel", "Cancel"), theme.CancelIcon(), func() {
		d.Hide()
		a.lib.lib.Close(m.theirs)
	})
	d.SetButtons([]fyne.CanvasObject{cancel, apply})
	d.Resize(fyne.NewSize(900, 560))
	a.conflictApply = apply
	a.trackDialog(d, apply.OnTapped)
}

// conflictTitle names a conflicting element for the user.
func conflictTitle(c library.Conflict) string {
	kind := map[string]string{
		"node": lang.X("conflicts.kind.node", "Step"), "flow": lang.X("conflicts.kind.flow", "Flow"),
		"lane": lang.X("conflicts.kind.lane", "Lane"), "participant": lang.X("conflicts.kind.pool", "Pool"),
		"shape": lang.X("conflicts.kind.shape", "Position"), "edge": lang.X("conflicts.kind.edge", "Route"),
		"meta": lang.X("conflicts.kind.meta", "Process information"),
	}[c.Kind]
	if kind == "" {
		kind = c.Kind
	}
	name := c.Name
	if name == "" {
		name = c.ID
	}
	if name == "" {
		return kind
	}
	return kind + ": " + name
}

// describeSide is one side of a conflict: the differing fields' values,
// and the lane for a step; "(deleted)" when the side removed it.
func describeSide(c library.Conflict, v any, d *model.Definitions) string {
	if v == nil || reflect.ValueOf(v).IsNil() {
		return lang.X("conflicts.deleted", "(deleted)")
	}
	rv := reflect.ValueOf(v).Elem()
	var lines []string
	for _, f := range c.Fields {
		switch f {
		case "Lanes":
			lane := ""
			if d != nil {
				if l := d.LaneOf(c.ID); l != nil {
					lane = l.Name
				}
			}
			lines = append(lines, fieldName(f)+": "+lane)
			continue
		case "Parent", "deleted":
			continue
		}
		fv := rv.FieldByName(f)
		if !fv.IsValid() {
			continue
		}
		lines = append(lines, fieldName(f)+": "+formatValue(fv.Interface()))
	}
	if len(lines) == 0 {
		return lang.X("conflicts.same", "(changed)")
	}
	return strings.Join(lines, "\n")
}

// fieldName is a model field's name for the user.
func fieldName(f string) string {
	switch f {
	case "Name":
		return lang.X("conflicts.field.name", "Name")
	case "Documentation":
		return lang.X("conflicts.field.doc", "Documentation")
	case "Lanes":
		return lang.X("conflicts.field.lane", "Lane")
	case "Bounds":
		return lang.X("conflicts.field.position", "Position")
	case "Waypoints":
		return lang.X("conflicts.field.route", "Route")
	case "Kind":
		return lang.X("conflicts.field.kind", "Type")
	}
	return f
}

// formatValue shows a field's value briefly.
func formatValue(v any) string {
	switch x := v.(type) {
	case string:
		if x == "" {
			return "—"
		}
		if r := []rune(x); len(r) > 160 {
			return string(r[:160]) + "…"
		}
		return x
	case model.Rect:
		return fmt.Sprintf("x %.0f, y %.0f (%.0f × %.0f)", x.X, x.Y, x.W, x.H)
	case model.Kind:
		return KindName(x)
	}
	s := fmt.Sprintf("%v", v)
	if r := []rune(s); len(r) > 160 {
		s = string(r[:160]) + "…"
	}
	return s
}

// askNotBPMN is the way out when the file on disk was replaced by
// something that is not a process map: no merging, no taking theirs.
func (a *App) askNotBPMN(then func()) {
	doc := a.doc
	name := filepath.Base(doc.path)
	msg := widget.NewLabel(lang.X("notbpmn.message", "“{{.File}}” on disk was replaced by something that is not a process map (it cannot be read as BPMN). Your version is still open here. Save it as a copy, or overwrite the file on disk with your version (the replaced file is kept in .lanemap-backup).", map[string]any{"File": name}))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons(lang.X("notbpmn.title", "The file was replaced"), msg, a.win)
	copyBtn := widget.NewButton(lang.X("conflict.copy", "Keep mine as a copy"), func() {
		d.Hide()
		rel := a.lib.lib.CopyName(doc.ldoc.Path)
		if err := a.write(a.lib.lib.Abs(rel)); err != nil {
			a.showError(err)
			return
		}
		if then != nil {
			then()
		}
	})
	copyBtn.Importance = widget.HighImportance
	over := widget.NewButton(lang.X("notbpmn.overwrite", "Overwrite with mine"), func() {
		d.Hide()
		if _, hash, err := a.lib.lib.DiskState(doc.ldoc); err == nil {
			doc.ldoc.ReadHash = hash // we have seen it; it is no process
		}
		if err := a.write(doc.path); err != nil {
			a.showError(err)
			return
		}
		if then != nil {
			then()
		}
	})
	over.Importance = widget.DangerImportance
	cancel := widget.NewButton(lang.X("unsaved.cancel", "Cancel"), func() { d.Hide() })
	d.SetButtons([]fyne.CanvasObject{cancel, over, copyBtn})
	d.Resize(fyne.NewSize(640, 220))
	a.notBPMNButtons = map[string]*widget.Button{"copy": copyBtn, "overwrite": over, "cancel": cancel}
	a.trackDialog(d, nil)
}
