package edit

import (
	"bytes"
	"path/filepath"
	"testing"

	"lanemap/bpmn"
	"lanemap/internal/corpus"
)

// TestCorpusOps runs random edit sequences on every file of the shared
// BPMN corpus (foreign tools' files: nested lanes, vertical pools,
// sub-processes, missing DI) and checks the same promises as on our own
// diagrams: refused actions change nothing, undo and redo are exact, and
// the edited model still saves and reads back.
func TestCorpusOps(t *testing.T) {
	files := corpus.Files(t)
	for i, path := range files {
		name, _ := filepath.Rel(corpus.Dir(t), path)
		t.Run(name, func(t *testing.T) {
			d, src, _, err := bpmn.ReadFile(path)
			if err != nil {
				t.Skipf("unreadable corpus file (the reader's concern): %v", err)
			}
			s := NewSession(d, nil)
			f := &fixture{d: d, s: s, horiz: true, loose: true}
			for _, p := range d.Participants() {
				if p.ProcessRef != "" && s.Shape(p.ID) != nil {
					f.pool, f.proc = p.ID, p.ProcessRef
					break
				}
			}
			// Foreign files often lack DI or pools, so fewer actions apply;
			// one without any DI allows only semantic edits, maybe none.
			least := 1
			if len(s.Diagram.Shapes) < 3 {
				least = 0
			}
			randomOpsMin(t, f, uint64(1000+i), 40, least)
			var buf bytes.Buffer
			if err := bpmn.Encode(&buf, d, src); err != nil {
				t.Fatalf("edited model does not save: %v", err)
			}
			if _, _, _, err := bpmn.Decode(bytes.NewReader(buf.Bytes())); err != nil {
				t.Fatalf("saved model does not read back: %v", err)
			}
		})
	}
}
