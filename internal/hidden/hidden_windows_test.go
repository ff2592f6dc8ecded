//go:build windows

package hidden

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestMarkSetsTheAttribute(t *testing.T) {
	p := filepath.Join(t.TempDir(), ".lanemap-library.json")
	if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	Mark(p)
	u, _ := syscall.UTF16PtrFromString(p)
	attrs, err := syscall.GetFileAttributes(u)
	if err != nil {
		t.Fatal(err)
	}
	if attrs&syscall.FILE_ATTRIBUTE_HIDDEN == 0 {
		t.Errorf("attributes %#x: not hidden", attrs)
	}
}
