package content

import (
	"strings"
	"testing"

	"lanemap/export/site/fixture"
	"lanemap/model"
)

func TestDecide(t *testing.T) {
	tests := []struct {
		name      string
		meta      model.Meta
		drafts    bool
		wantDraft bool
		want      Reason
	}{
		{"approved", model.Meta{Publish: true, Status: model.StatusApproved}, false, false, Included},
		{"approved with drafts", model.Meta{Publish: true, Status: model.StatusApproved}, true, false, Included},
		{"not marked", model.Meta{Status: model.StatusApproved}, true, false, NotForPublish},
		{"draft without flag", model.Meta{Publish: true, Status: model.StatusDraft}, false, false, NotApproved},
		{"review without flag", model.Meta{Publish: true, Status: model.StatusReview}, false, false, NotApproved},
		{"no status without flag", model.Meta{Publish: true}, false, false, NotApproved},
		{"draft with flag", model.Meta{Publish: true, Status: model.StatusDraft}, true, true, Included},
		{"review with flag", model.Meta{Publish: true, Status: model.StatusReview}, true, true, Included},
		{"classified 2", model.Meta{Publish: true, Status: model.StatusApproved, Classification: 2}, true, false, Classified},
		{"classified 3 not marked", model.Meta{Status: model.StatusApproved, Classification: 3}, true, false, Classified},
		{"classified 1", model.Meta{Publish: true, Status: model.StatusApproved, Classification: 1}, false, false, Included},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			draft, r := Decide(tc.meta, tc.drafts)
			if draft != tc.wantDraft || r != tc.want {
				t.Errorf("Decide = (%v, %v), want (%v, %v)", draft, r, tc.wantDraft, tc.want)
			}
		})
	}
}

func TestDigestChain(t *testing.T) {
	d := fixture.Chain("a", "Ansökan", "Mottagning", "Handläggare", "Mottagning")
	dg := Make(d, d.Diagrams[0], "fil")
	if dg.Title != "Ansökan" {
		t.Errorf("Title = %q", dg.Title)
	}
	var ids []string
	for i, s := range dg.Steps {
		if s.Number != i+1 {
			t.Errorf("step %s has number %d at %d", s.ID, s.Number, i)
		}
		ids = append(ids, s.ID)
	}
	want := "Start_a Task_a_1 Task_a_2 Task_a_3 Gateway_a End_a"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("reading order\n got %s\nwant %s", got, want)
	}
	if len(dg.Pools) != 1 || len(dg.Pools[0].Lanes) != 2 {
		t.Fatalf("pools/lanes wrong: %+v", dg.Pools)
	}
	if got := strings.Join(dg.Roles, ","); got != "Mottagning,Handläggare" {
		t.Errorf("Roles = %s", got)
	}
	// Task 1 → 2 and 2 → 3 cross lanes; the "Nej" loop from the gateway in
	// Mottagning back to task 1 in Mottagning does not.
	// Unnamed flows without data: the result of the step they leave.
	var hs []string
	sv, _ := NewWords(Swedish)
	for _, h := range dg.Handovers {
		hs = append(hs, h.FromRole+">"+h.ToRole+":"+sv.Handed(h))
	}
	if got := strings.Join(hs, "|"); got != "Mottagning>Handläggare:Resultatet av 2. Steg 1 i Ansökan|Handläggare>Mottagning:Resultatet av 3. Steg 2 i Ansökan" {
		t.Errorf("Handovers = %s", got)
	}
	gw := dg.Step("Gateway_a")
	if len(gw.Next) != 2 || gw.Next[0].Label != "Ja" || gw.Next[1].To.ID != "Task_a_1" {
		t.Errorf("gateway next = %+v", gw.Next)
	}
	if len(dg.Activities()) != 3 {
		t.Errorf("Activities = %d", len(dg.Activities()))
	}
	if !strings.Contains(dg.Text(), "Komplett?") {
		t.Errorf("Text lacks gateway name")
	}
}

func TestDigestOddFiles(t *testing.T) {
	// Nodes in no lane, a boundary event, a dangling flow and a nameless
	// file: nothing may be lost or crash.
	b := fixture.New("x", "")
	b.D.Name, b.D.Collaborations[0].Participants[0].Name, b.D.Processes[0].Name = "", "", ""
	l := b.Lane("L1", "Chef", "Enhetschef")
	task := b.Node(l, model.Task, "T1", "Besluta")
	b.Node(nil, model.Task, "T2", "Arkivera")
	bnd := b.Node(nil, model.BoundaryEvent, "B1", "Tidsgräns")
	bnd.AttachedTo = task.ID
	b.Flow("F1", "T1", "T2", "")
	b.D.Flows = append(b.D.Flows, &model.Flow{ID: "F2", Kind: model.SequenceFlow, Source: "T2", Target: "Missing"})
	b.D.Touch()
	dg := Make(b.D, nil, "reserv")
	if dg.Title != "reserv" {
		t.Errorf("Title = %q", dg.Title)
	}
	if len(dg.Steps) != 3 {
		t.Fatalf("steps = %d", len(dg.Steps))
	}
	if s := dg.Step("B1"); s.Role != "Enhetschef" || s.AttachedTo == nil || s.Number != 2 {
		t.Errorf("boundary event: role %q attached %v number %d", s.Role, s.AttachedTo, s.Number)
	}
	lanes := dg.Pools[0].Lanes
	if len(lanes) != 2 || lanes[1].ID != "" || lanes[1].Steps[0].ID != "T2" {
		t.Errorf("lane grouping wrong: %+v", lanes)
	}
	if len(dg.Handovers) != 0 {
		t.Errorf("handovers from a lane to no lane: %+v", dg.Handovers)
	}
}

// TestTextsComplete makes sure every UI string exists in both languages.
func TestTextsComplete(t *testing.T) {
	for k, v := range Keys() {
		if v[0] == "" || v[1] == "" {
			t.Errorf("text %q lacks a language: %q", k, v)
		}
		if strings.Count(v[0], "%") != strings.Count(v[1], "%") {
			t.Errorf("text %q: placeholders differ", k)
		}
	}
}
