package ui

import (
	"bytes"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files (and cmd/lanemap/Icon.png)")

// TestIconFile checks that the packaging icon is the one the code draws;
// go test ./ui -run TestIconFile -update rewrites it.
func TestIconFile(t *testing.T) {
	want := Icon().Content()
	path := filepath.Join("..", "cmd", "lanemap", "Icon.png")
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui -run TestIconFile -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from the drawn icon; run go test ./ui -run TestIconFile -update", path)
	}
	img, err := png.Decode(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 512 {
		t.Fatalf("icon is %v, want 512×512", b)
	}
	// The corners are transparent (rounded tile), the centre is not.
	if _, _, _, a := img.At(2, 2).RGBA(); a != 0 {
		t.Errorf("corner alpha %d, want 0", a)
	}
	if _, _, _, a := img.At(256, 256).RGBA(); a == 0 {
		t.Error("centre is transparent")
	}
}
