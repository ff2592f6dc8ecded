package handbook

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"lanemap/export/site/fixture"
)

// TestLongHandoverTable: a handover table over several pages repeats its
// header on each, and no page holds fewer than three of its rows.
func TestLongHandoverTable(t *testing.T) {
	lanes := make([]string, 70)
	for i := range lanes {
		lanes[i] = []string{"Mottagning", "Handläggare"}[i%2]
	}
	d := fixture.Chain("l", "Lång process", lanes...)
	for i, f := range d.Flows {
		f.Name = fmt.Sprintf("Ö%03d", i)
	}
	file := filepath.Join(t.TempDir(), "bok.pdf")
	if k := os.Getenv("LANEMAP_KEEP_PDF"); k != "" {
		file = k // to look at by hand
	}
	if err := os.WriteFile(file, write(t, []Process{procOf(d, false)}, Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(run(t, "pdftotext", "-layout", file, "-"), "\f")
	row := regexp.MustCompile(`Ö\d{3}\s`)
	in, tablePages := false, 0
	for i, p := range pages {
		head := strings.Index(p, "Från roll")
		if !in {
			if head < 0 {
				continue
			}
			in = true
		}
		if head < 0 {
			if row.MatchString(p) {
				t.Errorf("page %d has table rows but no header", i+1)
			}
			continue
		}
		tablePages++
		if n := len(row.FindAllString(p[head:], -1)); n < 3 {
			t.Errorf("page %d holds %d rows of the table", i+1, n)
		}
	}
	if tablePages < 2 {
		t.Errorf("the table spans %d pages; the test wants a break", tablePages)
	}
}
