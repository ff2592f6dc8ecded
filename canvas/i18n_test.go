package canvas

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"lanemap/assets"
)

// TestTranslations checks that every message id the package uses exists
// in English and Swedish, and that the two files hold the same ids.
func TestTranslations(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	reX := regexp.MustCompile(`lang\.X\("(canvas\.[a-z.]+[a-z])",`)
	reK := regexp.MustCompile(`\bk\("([a-z]+)", "`)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range reX.FindAllSubmatch(src, -1) {
			used[string(m[1])] = true
		}
		for _, m := range reK.FindAllSubmatch(src, -1) {
			used["canvas.key."+string(m[1])] = true
			used["canvas.keys."+string(m[1])] = true
		}
	}
	if len(used) < 20 {
		t.Fatalf("found only %d message ids; the scan is broken", len(used))
	}
	msgs := map[string]map[string]string{}
	for _, l := range []string{"en", "sv"} {
		data, err := fs.ReadFile(assets.Translations, "translations/canvas/"+l+".json")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s.json: %v", l, err)
		}
		msgs[l] = m
		for id := range used {
			if m[id] == "" {
				t.Errorf("%s.json lacks %q", l, id)
			}
		}
	}
	for id := range msgs["en"] {
		if _, ok := msgs["sv"][id]; !ok {
			t.Errorf("sv.json lacks %q", id)
		}
	}
	if len(KeyMap()) < 20 {
		t.Errorf("KeyMap has %d entries", len(KeyMap()))
	}
}
