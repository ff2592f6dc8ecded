package content

import "testing"

func TestCount(t *testing.T) {
	tests := []struct {
		lang, noun string
		n          int
		want       string
	}{
		{Swedish, "process", 1, "1 process"},
		{Swedish, "process", 0, "0 processer"},
		{Swedish, "process", 2, "2 processer"},
		{English, "process", 1, "1 process"},
		{English, "process", 700, "700 processes"},
		{Swedish, "draft", 1, "1 ej fastställd"},
		{Swedish, "written", 1, "1 fil skriven"},
		{Swedish, "written", 3, "3 filer skrivna"},
		{English, "written", 1, "1 file written"},
		{Swedish, "unchanged", 1, "1 oförändrad"},
		{Swedish, "removed", 1, "1 borttagen"},
		{Swedish, "removed", 700, "700 borttagna"},
	}
	for _, tc := range tests {
		w, _ := NewWords(tc.lang)
		if got := w.Count(tc.noun, tc.n); got != tc.want {
			t.Errorf("%s Count(%q, %d) = %q, want %q", tc.lang, tc.noun, tc.n, got, tc.want)
		}
	}
}
