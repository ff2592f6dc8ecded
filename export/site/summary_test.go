package site

import (
	"strings"
	"testing"
)

// TestSummaryLanguage: the summary words everything, the reasons for
// leaving files out and the warnings too, in its own language whatever the
// site's, and counts in the singular or plural as the number asks.
func TestSummaryLanguage(t *testing.T) {
	for _, site := range []string{Swedish, English} {
		rep := publish(t, testLibrary(), t.TempDir(), Options{Lang: site})
		if len(rep.Omitted) == 0 {
			t.Fatal("the test library leaves nothing out")
		}
		sv, en := rep.Summary(Swedish, "ut"), rep.Summary(English, "out")
		for _, bad := range []string{"not marked", "classification", "not approved)", "Warning"} {
			if strings.Contains(sv, bad) {
				t.Errorf("site %s: the Swedish summary has English %q:\n%s", site, bad, sv)
			}
		}
		for _, bad := range []string{"inte markerad", "informationsklass", "fastställd", "Varning", "filer"} {
			if strings.Contains(en, bad) {
				t.Errorf("site %s: the English summary has Swedish %q:\n%s", site, bad, en)
			}
		}
	}
	one := Report{Published: []Published{{Rel: "a.bpmn", Draft: true}}, Written: []string{"index.html"}, Removed: []string{"x.html"}}
	for lang, want := range map[string]string{
		Swedish: "Publicerade 1 process (1 ej fastställd) i ut: 1 fil skriven, 0 oförändrade, 1 borttagen.",
		English: "Published 1 process (1 not approved) in ut: 1 file written, 0 unchanged, 1 removed.",
	} {
		if got := one.Summary(lang, "ut"); !strings.HasPrefix(got, want) {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}

// With no drafts published the summary says nothing about drafts.
func TestSummaryWithoutDrafts(t *testing.T) {
	two := Report{Published: []Published{{Rel: "a.bpmn"}, {Rel: "b.bpmn"}}}
	for lang, want := range map[string]string{
		Swedish: "Publicerade 2 processer i ut: 0 filer skrivna",
		English: "Published 2 processes in ut: 0 files written",
	} {
		if got := two.Summary(lang, "ut"); !strings.HasPrefix(got, want) {
			t.Errorf("%s: %q, want prefix %q", lang, got, want)
		}
	}
}
