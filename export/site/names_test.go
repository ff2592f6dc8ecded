package site

import (
	"regexp"
	"testing"
)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ansökan om försörjningsstöd", "ansokan-om-forsorjningsstod"},
		{"  Åtgärd / Uppföljning  ", "atgard-uppfoljning"},
		{"../../etc/passwd", "etc-passwd"},
		{"..", "x"},
		{"CON", "con-1"},
		{"nul", "nul-1"},
		{"Lpt1", "lpt1-1"},
		{"index", "index-1"},
		{"<script>alert(1)</script>", "script-alert-1-script"},
		{"", "x"},
		{"日本語", "x"},
		{"a\x00b", "a-b"},
		{"C:\\Windows\\x.bpmn", "c-windows-x-bpmn"},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
	}
	for _, tc := range tests {
		if got := Slug(tc.in, "x"); got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNamerUnique(t *testing.T) {
	n := newNamer()
	var got []string
	for _, s := range []string{"Ansökan", "ansokan", "ANSÖKAN!", "", "", "index"} {
		got = append(got, n.name(s, "process"))
	}
	want := []string{"ansokan", "ansokan-2", "ansokan-3", "process", "process-2", "index-1"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("name %d = %q, want %q", i, got[i], want[i])
		}
	}
}

var slugShape = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// FuzzSlug: whatever the name, the slug is a plain, safe file-name stem.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Ansökan", "../x", "CON", "<script>", "", "a--b", "ÅÄÖ åäö", "lpt9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s, "x")
		if !slugShape.MatchString(got) || len(got) > maxSlug+2 {
			t.Fatalf("Slug(%q) = %q", s, got)
		}
		if reserved[got] {
			t.Fatalf("Slug(%q) = reserved %q", s, got)
		}
	})
}

func TestAnchor(t *testing.T) {
	tests := []struct {
		id   string
		n    int
		want string
	}{
		{"Task_1", 3, "steg-Task_1"},
		{"_x.y-z", 3, "steg-_x.y-z"},
		{"1abc", 3, "steg--3"},
		{"-ingen-1", 4, "steg--4"},
		{"a b", 5, "steg--5"},
		{"Åtgärd", 6, "steg--6"},
		{"", 7, "steg--7"},
	}
	for _, tc := range tests {
		if got := anchor("steg-", tc.id, tc.n); got != tc.want {
			t.Errorf("anchor(%q) = %q, want %q", tc.id, got, tc.want)
		}
	}
}
