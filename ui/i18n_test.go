package ui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// usedKeys finds every lang.X("key", "fallback") in the package's non-test
// sources: the keys the UI can ask for, with their English fallbacks.
func usedKeys(t *testing.T) map[string]string {
	return textKeys(t, "lang.X")
}

// textKeys finds the key and English fallback of every call of fn ("f" or
// "pkg.f") with literal arguments in the package's non-test sources.
func textKeys(t *testing.T, fn string) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 2 || callName(call.Fun) != fn {
				return true
			}
			k, ok1 := call.Args[0].(*ast.BasicLit)
			v, ok2 := call.Args[1].(*ast.BasicLit)
			if !ok1 || !ok2 {
				t.Errorf("%s: %s needs literal key and fallback", fset.Position(call.Pos()), fn)
				return true
			}
			key, _ := strconv.Unquote(k.Value)
			val, _ := strconv.Unquote(v.Value)
			if old, dup := keys[key]; dup && old != val {
				t.Errorf("%s: key %q has two fallbacks: %q and %q", fset.Position(call.Pos()), key, old, val)
			}
			keys[key] = val
			return true
		})
	}
	return keys
}

// callName is "f" or "pkg.f" for a called function, "" for anything else.
func callName(e ast.Expr) string {
	switch f := e.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		if id, ok := f.X.(*ast.Ident); ok {
			return id.Name + "." + f.Sel.Name
		}
	}
	return ""
}

// noKeysElsewhere fails for a key of used that another translation file
// (a path under assets/translations) also has: go-i18n merges all files,
// so the other would silently win or lose.
func noKeysElsewhere(t *testing.T, used map[string]string, others ...string) {
	t.Helper()
	for _, other := range others {
		for k := range readMessages(t, filepath.Join("..", "assets", "translations", other)) {
			if _, dup := used[k]; dup {
				t.Errorf("%q is also a key in %s", k, other)
			}
		}
	}
}

func readMessages(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

// TestTranslationsComplete fails when a key the UI uses is missing from
// en.json or sv.json, when the two files' keys differ, or when a message is
// empty. -update rewrites en.json from the English fallbacks in the code
// (sv.json is written by hand).
func TestTranslationsComplete(t *testing.T) {
	dir := filepath.Join("..", "assets", "translations")
	used := usedKeys(t)
	if len(used) < 50 {
		t.Fatalf("found only %d lang.X keys; the scanner is broken", len(used))
	}
	checkMessages(t, dir, used)
}

// checkMessages compares a translation folder's en.json and sv.json with the
// keys and English fallbacks the code uses: every key present, no key the
// code dropped, no empty message, the same {{fields}}. -update rewrites
// en.json from the code (sv.json is written by hand).
func checkMessages(t *testing.T, dir string, used map[string]string) {
	t.Helper()
	enPath := filepath.Join(dir, "en.json")
	if *update {
		data, err := json.MarshalIndent(used, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(enPath, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	en, sv := readMessages(t, enPath), readMessages(t, filepath.Join(dir, "sv.json"))
	for _, k := range slices.Sorted(maps.Keys(used)) {
		if _, ok := en[k]; !ok {
			t.Errorf("%s/en.json lacks %q (-update)", dir, k)
		} else if en[k] != used[k] {
			t.Errorf("%s/en.json %q = %q, code says %q", dir, k, en[k], used[k])
		}
		if _, ok := sv[k]; !ok {
			t.Errorf("%s/sv.json lacks %q (English: %q)", dir, k, used[k])
		}
	}
	for name, m := range map[string]map[string]string{"en.json": en, "sv.json": sv} {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if _, ok := used[k]; !ok {
				t.Errorf("%s/%s has %q, which the code no longer uses", dir, name, k)
			}
			if strings.TrimSpace(m[k]) == "" {
				t.Errorf("%s/%s: %q is empty", dir, name, k)
			}
			// Template fields must survive translation.
			if strings.Count(m[k], "{{") != strings.Count(used[k], "{{") {
				t.Errorf("%s/%s: %q = %q has other {{fields}} than %q", dir, name, k, m[k], used[k])
			}
		}
	}
}

// TestTranslationFolders checks that every folder under assets/translations
// (the shell's and other parts', such as canvas/) has the same keys in
// en.json and sv.json.
func TestTranslationFolders(t *testing.T) {
	root := filepath.Join("..", "assets", "translations")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		en, sv := filepath.Join(p, "en.json"), filepath.Join(p, "sv.json")
		_, e1 := os.Stat(en)
		_, e2 := os.Stat(sv)
		if e1 != nil && e2 != nil {
			return nil
		}
		if e1 != nil || e2 != nil {
			t.Errorf("%s: en.json and sv.json must both exist", p)
			return nil
		}
		a, b := readMessages(t, en), readMessages(t, sv)
		for k := range a {
			if _, ok := b[k]; !ok {
				t.Errorf("%s lacks %q", sv, k)
			}
		}
		for k := range b {
			if _, ok := a[k]; !ok {
				t.Errorf("%s lacks %q", en, k)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
