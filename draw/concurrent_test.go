package draw

import (
	"sync"
	"testing"
)

// TestConcurrentBuild: exports build scenes in goroutines while the editor
// measures labels; the font tables and caches must be safe for that.
func TestConcurrentBuild(t *testing.T) {
	want := func() string { f := symbols(); return Build(f.d, f.g, Options{}).Dump() }()
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := symbols()
			if got := Build(f.d, f.g, Options{}).Dump(); got != want {
				t.Errorf("goroutine %d built a different scene", i)
			}
			// Runes outside the precomputed table take the locked path.
			Measure("→ ✓ ☂ 漢字 🙂", 11, i%2 == 0)
			Wrap("Ärende ☂ mottaget → ✓ klart", 40, 11, false)
		}()
	}
	wg.Wait()
}
