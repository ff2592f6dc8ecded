package ui

import (
	"os"
	"path/filepath"
	"testing"

	"lanemap/library"
)

// TestOpenLibraryGivesItAnID: the editor opening a library read-write
// makes its id file once (a publication from a read-only mount then finds
// it), and the file is no item in the sidebar.
func TestOpenLibraryGivesItAnID(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join("..", "examples", "lex-sarah.bpmn"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "lex-sarah.bpmn"), b, 0o644)
	v, err := openLibraryView(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer v.close()
	id, err := library.ReadID(dir)
	if err != nil || id == "" {
		t.Fatalf("no id after opening: %q, %v", id, err)
	}
	if items := v.items(""); len(items) != 1 || filepath.Base(items[0].Path) != "lex-sarah.bpmn" {
		t.Errorf("sidebar items %+v", items)
	}
	again, err := openLibraryView(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer again.close()
	if got, _ := library.ReadID(dir); got != id {
		t.Errorf("reopening changed the id: %q, was %q", got, id)
	}
}
