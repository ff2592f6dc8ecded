package content

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"lanemap/bpmn"
	"lanemap/export/site/fixture"
	"lanemap/internal/corpus"
	"lanemap/model"
)

// joinProcess: a yes/no decision whose "no" branch (request completion,
// wait for it) joins the "yes" branch at a step in another lane. Breadth
// first, the join step (drawn before the branch) was numbered before the
// branch's last step, so lane A read 1 2 3 4 6 and lane B 5.
func joinProcess() *model.Definitions {
	b := fixture.New("j", "Ansökan")
	a := b.Lane("LA", "Mottagning", "")
	h := b.Lane("LB", "Handläggare", "")
	b.Node(a, model.StartEvent, "S", "Ansökan inkommer")
	b.Node(a, model.Task, "T1", "Registrera")
	b.Node(a, model.ExclusiveGateway, "G", "Komplett?")
	b.Node(h, model.Task, "T3", "Utreda")
	b.Node(a, model.Task, "T2", "Begär komplettering")
	b.Node(a, model.IntermediateCatchEvent, "E", "Komplettering inkommer")
	b.Node(h, model.EndEvent, "End", "Klart")
	b.Flow("F1", "S", "T1", "")
	b.Flow("F2", "T1", "G", "")
	b.Flow("F3", "G", "T2", "Nej")
	b.Flow("F4", "G", "T3", "Ja")
	b.Flow("F5", "T2", "E", "")
	b.Flow("F6", "E", "T3", "")
	b.Flow("F7", "T3", "End", "")
	// A loop back (more information needed) must not stall the order.
	b.Flow("F8", "T3", "T1", "Mer underlag")
	return b.D
}

func TestFlowOrder(t *testing.T) {
	d := joinProcess()
	dg := Make(d, d.Diagrams[0], "fil")
	var got []string
	for _, s := range dg.Steps {
		got = append(got, s.ID)
	}
	if want := "S T1 G T2 E T3 End"; strings.Join(got, " ") != want {
		t.Errorf("order\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	lanes := map[string]string{}
	for _, l := range dg.Pools[0].Lanes {
		var ns []string
		for _, s := range l.Steps {
			ns = append(ns, strconv.Itoa(s.Number))
		}
		lanes[l.Name] = strings.Join(ns, " ")
	}
	if lanes["Mottagning"] != "1 2 3 4 5" || lanes["Handläggare"] != "6 7" {
		t.Errorf("lane lists = %v, want Mottagning 1-5, Handläggare 6 7", lanes)
	}
	checkOrder(t, "join", dg)
}

// TestFlowOrderCorpus checks the order's promise on every file of the
// shared corpus and the examples: numbers are 1..n, each lane counts
// upwards, and a flow goes to a lower number only when it closes a loop.
func TestFlowOrderCorpus(t *testing.T) {
	files := corpus.Files(t)
	ex, _ := filepath.Glob(filepath.Join("..", "..", "..", "examples", "*.bpmn"))
	for _, f := range append(files, ex...) {
		d, _, _, err := bpmn.ReadFile(f)
		if err != nil {
			continue // unreadable corpus files are the reader's tests' business
		}
		var g *model.Diagram
		if len(d.Diagrams) > 0 {
			g = d.Diagrams[0]
		}
		checkOrder(t, filepath.Base(f), Make(d, g, "fil"))
	}
}

func checkOrder(t *testing.T, name string, dg *Digest) {
	t.Helper()
	for i, s := range dg.Steps {
		if s.Number != i+1 {
			t.Errorf("%s: step %s numbered %d at place %d", name, s.ID, s.Number, i+1)
		}
	}
	for _, p := range dg.Pools {
		for _, l := range p.Lanes {
			for i := 1; i < len(l.Steps); i++ {
				if l.Steps[i].Number <= l.Steps[i-1].Number {
					t.Errorf("%s: lane %q lists %d after %d", name, l.Name, l.Steps[i].Number, l.Steps[i-1].Number)
				}
			}
		}
	}
	for _, s := range dg.Steps {
		for _, e := range s.Next {
			if e.To.Number <= s.Number && !reaches(e.To, s) {
				t.Errorf("%s: flow %s goes back from %d to %d without a loop", name, e.Flow, s.Number, e.To.Number)
			}
		}
	}
}

// reaches says whether a sequence-flow path leads from a to b.
func reaches(a, b *Step) bool {
	seen := map[*Step]bool{a: true}
	stack := []*Step{a}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if s == b {
			return true
		}
		for _, e := range s.Next {
			if !seen[e.To] {
				seen[e.To] = true
				stack = append(stack, e.To)
			}
		}
	}
	return false
}

// TestHandoverWhat: what a handover passes on, and on what condition.
func TestHandoverWhat(t *testing.T) {
	b := fixture.New("h", "Ansökan")
	a := b.Lane("LA", "Mottagning", "")
	h := b.Lane("LB", "Handläggare", "")
	c := b.Lane("LC", "Chef", "")
	b.Node(a, model.StartEvent, "S", "Start")
	b.Node(a, model.Task, "T1", "Registrera")
	b.Node(a, model.ExclusiveGateway, "G", "Komplett?")
	b.Node(h, model.Task, "T2", "Utreda")
	b.Node(c, model.Task, "T3", "Besluta")
	b.Node(a, model.Task, "T4", "Arkivera")
	b.Node(h, model.ExclusiveGateway, "G2", "")
	b.Node(c, model.Task, "T5", "Följa upp")
	b.Node(a, model.ParallelGateway, "J", "")
	b.Node(c, model.Task, "T6", "Avsluta")
	b.Flow("F1", "S", "T1", "")
	b.Flow("F2", "T1", "G", "")
	b.Flow("F3", "G", "T2", "Ja")         // gateway answer; T1 writes Ansökan
	b.Flow("F4", "T2", "T3", "Utredning") // a named flow says what
	b.Flow("F5", "T3", "T4", "")          // T3 writes Beslut and Protokoll, T4 reads Beslut
	b.Flow("F6", "T3", "G2", "")
	f7 := b.Flow("F7", "G2", "T5", "") // condition text only, nameless gateway
	f7.Condition = "${uppfoljning}"
	b.Flow("F8", "T4", "J", "")
	b.Flow("F9", "T5", "J", "")
	b.Flow("F10", "J", "T6", "") // a join: no single step before it
	data := func(id, name, item, state string) {
		b.D.Nodes = append(b.D.Nodes, &model.Node{ID: id, Kind: model.DataObjectReference, Name: name, ItemRef: item, DataState: state, Container: "Process_h"})
	}
	b.D.Nodes = append(b.D.Nodes, &model.Node{ID: "DO_B", Kind: model.DataObject, Name: "Beslut", Container: "Process_h"})
	data("D1", "Ansökan", "", "")
	data("D2", "", "DO_B", "fattat")
	data("D3", "Protokoll", "", "")
	assoc := func(id string, kind model.Kind, from, to string) {
		b.D.Flows = append(b.D.Flows, &model.Flow{ID: id, Kind: kind, Source: from, Target: to, Container: "Process_h"})
	}
	assoc("A1", model.DataOutputAssociation, "T1", "D1")
	assoc("A2", model.DataOutputAssociation, "T3", "D3")
	assoc("A3", model.DataOutputAssociation, "T3", "D2")
	assoc("A4", model.DataInputAssociation, "D2", "T4")
	b.D.Touch()
	dg := Make(b.D, b.G, "fil")
	sv, _ := NewWords(Swedish)
	en, _ := NewWords(English)
	want := map[string][3]string{ // flow: handed (sv), condition (sv), handed (en)
		"F3":  {"Ansökan", "Komplett? Ja", "Ansökan"},
		"F4":  {"Utredning", "", "Utredning"},
		"F5":  {"Beslut [fattat]", "", "Beslut [fattat]"},
		"F7":  {"Protokoll, Beslut [fattat]", "${uppfoljning}", "Protokoll, Beslut [fattat]"}, // via the gateway: all T3 writes
		"F9":  {"Resultatet av " + strconv.Itoa(dg.Step("T5").Number) + ". Följa upp", "", "The result of " + strconv.Itoa(dg.Step("T5").Number) + ". Följa upp"},
		"F10": {"–", "", "–"},
	}
	seen := 0
	for _, ho := range dg.Handovers {
		w, ok := want[ho.Flow]
		if !ok {
			continue
		}
		seen++
		if got := [3]string{sv.Handed(ho), sv.Condition(ho), en.Handed(ho)}; got != w {
			t.Errorf("%s: got %q, want %q", ho.Flow, got, w)
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of %d handovers: %+v", seen, len(want), dg.Handovers)
	}
}
