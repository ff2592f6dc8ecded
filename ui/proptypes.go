package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"lanemap/model"
)

// activityKinds are what a task may turn into (edit.SetKind's activity
// family); a task that becomes a sub-process is a collapsed one.
var activityKinds = []model.Kind{
	model.Task, model.UserTask, model.ManualTask, model.ServiceTask, model.ScriptTask,
	model.SendTask, model.ReceiveTask, model.BusinessRuleTask, model.CallActivity,
	model.SubProcess, model.Transaction,
}

// eventKinds are the events one may turn into another.
var eventKinds = []model.Kind{model.StartEvent, model.IntermediateCatchEvent, model.IntermediateThrowEvent, model.EndEvent}

// gatewayKinds are the gateway types.
var gatewayKinds = []model.Kind{model.ExclusiveGateway, model.ParallelGateway, model.InclusiveGateway, model.ComplexGateway, model.EventBasedGateway}

// noDef stands for a plain event (no trigger) in the trigger lists.
const noDef = ""

// eventDefs lists the triggers BPMN 2.0 allows for an event of kind k
// (spec tables 10.84–10.93); noDef where a plain event is allowed. A start
// event in an event sub-process may also catch errors, escalations and
// compensations.
func eventDefs(k model.Kind, inEventSub bool) []string {
	switch k {
	case model.StartEvent:
		if inEventSub {
			return []string{noDef, model.MessageDef, model.TimerDef, model.ConditionalDef, model.SignalDef, model.ErrorDef, model.EscalationDef, model.CompensationDef}
		}
		return []string{noDef, model.MessageDef, model.TimerDef, model.ConditionalDef, model.SignalDef}
	case model.IntermediateCatchEvent:
		return []string{model.MessageDef, model.TimerDef, model.ConditionalDef, model.LinkDef, model.SignalDef}
	case model.IntermediateThrowEvent:
		return []string{noDef, model.MessageDef, model.EscalationDef, model.LinkDef, model.CompensationDef, model.SignalDef}
	case model.EndEvent:
		return []string{noDef, model.MessageDef, model.ErrorDef, model.EscalationDef, model.CancelDef, model.CompensationDef, model.SignalDef, model.TerminateDef}
	case model.BoundaryEvent:
		return []string{model.MessageDef, model.TimerDef, model.ConditionalDef, model.SignalDef, model.ErrorDef, model.EscalationDef, model.CancelDef, model.CompensationDef}
	}
	return nil
}

// DefName is the translated name of an event trigger (Swedish: Meddelande,
// Timer, Villkor, …); noDef is a plain event.
func DefName(def string) string {
	switch def {
	case noDef:
		return lang.X("def.none", "None (plain)")
	case model.MessageDef:
		return lang.X("def.message", "Message")
	case model.TimerDef:
		return lang.X("def.timer", "Timer")
	case model.SignalDef:
		return lang.X("def.signal", "Signal")
	case model.ConditionalDef:
		return lang.X("def.conditional", "Conditional")
	case model.ErrorDef:
		return lang.X("def.error", "Error")
	case model.EscalationDef:
		return lang.X("def.escalation", "Escalation")
	case model.CompensationDef:
		return lang.X("def.compensation", "Compensation")
	case model.LinkDef:
		return lang.X("def.link", "Link")
	case model.TerminateDef:
		return lang.X("def.terminate", "Terminate")
	case model.CancelDef:
		return lang.X("def.cancel", "Cancel")
	}
	return def
}

// defsAllowed reports whether every trigger in defs suits kind k.
func defsAllowed(defs []string, k model.Kind, inEventSub bool) bool {
	ok := eventDefs(k, inEventSub)
	if len(defs) == 0 {
		return slices.Contains(ok, noDef)
	}
	for _, d := range defs {
		if !slices.Contains(ok, d) {
			return false
		}
	}
	return true
}

// kindSelect is a Select over kinds that calls change when the user picks
// another one; show sets it without calling.
type kindSelect struct {
	*widget.Select
	kinds []model.Kind
	quiet bool
}

func newKindSelect(kinds []model.Kind, cur model.Kind, change func(model.Kind)) *kindSelect {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = KindName(k)
		if k == model.SubProcess {
			names[i] = lang.X("kind.subProcess.type", "Sub-process (collapsed from a task)")
		}
	}
	s := &kindSelect{kinds: kinds}
	s.Select = widget.NewSelect(names, func(string) {
		if i := s.SelectedIndex(); !s.quiet && i >= 0 {
			change(s.kinds[i])
		}
	})
	s.show(cur)
	return s
}

func (s *kindSelect) show(k model.Kind) {
	s.quiet = true
	defer func() { s.quiet = false }()
	if i := slices.Index(s.kinds, k); i >= 0 {
		s.SetSelectedIndex(i)
	} else {
		s.ClearSelected()
	}
}

// inEventSub reports whether n lies in an event sub-process.
func inEventSub(d *model.Definitions, n *model.Node) bool {
	c := d.Node(n.Container)
	return c != nil && c.TriggeredByEvent
}

// typeSignature is what the type fields were built for; when it changes
// (a type change, an undo) the panel is built again.
func (p *propsPanel) typeSignature(id string) string {
	switch e := p.defs.Element(id).(type) {
	case *model.Node:
		return fmt.Sprint(e.Kind, e.EventDefs, e.Default)
	case *model.Flow:
		src := p.defs.Node(e.Source)
		if src == nil {
			return string(e.Kind)
		}
		return fmt.Sprint(e.Kind, src.Kind, src.Default == e.ID)
	}
	return ""
}

// buildType adds the type fields for element id: its type within its
// family, an event's trigger, or a sequence flow's default mark and
// condition. Each change is one undo step. It returns the refresh of the
// fields that can change without a rebuild.
func (p *propsPanel) buildType(id string) func() {
	switch e := p.defs.Element(id).(type) {
	case *model.Node:
		p.buildNodeType(e)
	case *model.Flow:
		return p.buildFlowType(e)
	}
	return nil
}

func (p *propsPanel) buildNodeType(n *model.Node) {
	id := n.ID
	var kinds []model.Kind
	switch {
	case n.Kind.IsActivity():
		kinds = activityKinds
		if n.Kind.IsSubProcess() && !slices.Contains(kinds, n.Kind) {
			kinds = append(slices.Clone(kinds), n.Kind)
		}
	case n.Kind == model.BoundaryEvent:
	case n.Kind.IsEvent():
		// Only the kinds whose triggers include this event's.
		sub := inEventSub(p.defs, n)
		for _, k := range eventKinds {
			if k == n.Kind || defsAllowed(n.EventDefs, k, sub) {
				kinds = append(kinds, k)
			}
		}
	case n.Kind.IsGateway():
		kinds = gatewayKinds
	}
	if len(kinds) > 1 {
		sel := newKindSelect(kinds, n.Kind, func(k model.Kind) {
			if cur := p.defs.Node(id); cur != nil && cur.Kind != k {
				p.doType(p.target.SetKind(id, k))
			}
		})
		p.selects["type"] = sel.Select
		p.box.Add(widget.NewLabel(lang.X("props.type", "Type")))
		p.box.Add(sel.Select)
	}
	if !n.Kind.IsEvent() {
		return
	}
	defs := eventDefs(n.Kind, inEventSub(p.defs, n))
	names := make([]string, len(defs))
	for i, d := range defs {
		names[i] = DefName(d)
	}
	trig := widget.NewSelect(names, nil)
	trig.PlaceHolder = lang.X("props.trigger.multiple", "Several (multiple)")
	if len(n.EventDefs) <= 1 {
		cur := noDef
		if len(n.EventDefs) == 1 {
			cur = n.EventDefs[0]
		}
		if i := slices.Index(defs, cur); i >= 0 {
			trig.SetSelectedIndex(i)
		} else {
			trig.PlaceHolder = DefName(cur)
		}
	}
	trig.OnChanged = func(string) {
		i := trig.SelectedIndex()
		cur := p.defs.Node(id)
		if i < 0 || cur == nil {
			return
		}
		var want []string
		if defs[i] != noDef {
			want = []string{defs[i]}
		}
		if !slices.Equal(want, cur.EventDefs) {
			p.doType(p.target.SetEventDefinitions(id, want))
		}
	}
	p.selects["trigger"] = trig
	p.box.Add(widget.NewLabel(lang.X("props.trigger", "Trigger (event type)")))
	p.box.Add(trig)
}

// defaultable reports whether a sequence flow out of a node of kind k may
// be its default flow and carry a condition.
func defaultable(k model.Kind) bool {
	return k == model.ExclusiveGateway || k == model.InclusiveGateway || k == model.ComplexGateway || k.IsActivity()
}

func (p *propsPanel) buildFlowType(f *model.Flow) func() {
	src := p.defs.Node(f.Source)
	if f.Kind != model.SequenceFlow || src == nil || !defaultable(src.Kind) {
		return nil
	}
	id, srcID := f.ID, src.ID
	def := widget.NewCheck(lang.X("props.defaultFlow", "Default flow (taken when no condition holds)"), nil)
	def.SetChecked(src.Default == id)
	def.OnChanged = func(on bool) {
		s := p.defs.Node(srcID)
		if s == nil || (s.Default == id) == on {
			return
		}
		want := ""
		if on {
			want = id
		}
		p.doType(p.target.SetDefault(srcID, want))
	}
	p.checks["default"] = def
	p.box.Add(def)

	cond := newCommitEntry(false, func(s string) {
		if cur := p.defs.Flow(id); cur != nil && cur.Condition != s {
			p.do(p.target.SetCondition(id, strings.TrimSpace(s)))
		}
	})
	cond.SetPlaceHolder(lang.X("props.condition.hint", "e.g. Beviljas"))
	cond.SetText(f.Condition)
	p.fields["condition"] = cond
	p.box.Add(widget.NewLabel(lang.X("props.condition", "Condition")))
	p.box.Add(cond)
	return func() {
		if cur := p.defs.Flow(id); cur != nil {
			cond.show(cur.Condition)
		}
	}
}

// doType reports a refused type change and shows the model's values
// again: the select or check box still shows the refused choice.
func (p *propsPanel) doType(err error) {
	if err != nil {
		p.do(err)
		p.rebuild()
	}
}
