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
