package library

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"lanemap/bpmn"
	"lanemap/internal/gen"
	"lanemap/model"
)

// testOpts keeps tests away from the real user's cache and recovery folders.
func testOpts(t testing.TB) Options {
	base := t.TempDir()
	return Options{CacheDir: filepath.Join(base, "cache"), RecoveryDir: filepath.Join(base, "recovery"),
		PollInterval: 20 * time.Millisecond}
}

// process is a generated collaboration of n nodes named name.
func process(name string, n int) *model.Definitions {
	d := gen.Collaboration(n)
	d.Collaborations[0].Name = name
	d.Meta.Owner = "Enhetschef " + name
	return d
}

// writeProcess writes d to dir/rel through the bpmn package.
func writeProcess(t testing.TB, dir, rel string, d *model.Definitions) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := bpmn.WriteFile(p, d, nil); err != nil {
		t.Fatal(err)
	}
}

// age sets a file's times into the past, beyond the scan's "recently
// modified" window, as a file edited some time ago would be.
func age(t testing.TB, p string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(p, old, old); err != nil {
		t.Fatal(err)
	}
}

// addTask appends a task with id to the first lane of d's first process,
// with a shape, as the editor would.
func addTask(d *model.Definitions, id, name string) {
	p := d.Processes[0]
	d.Nodes = append(d.Nodes, &model.Node{ID: id, Kind: model.Task, Name: name, Container: p.ID})
	lane := p.Lanes[0]
	lane.NodeRefs = append(lane.NodeRefs, id)
	g := d.Diagrams[0]
	x := 200 + float64(len(d.Nodes))*3
	g.Shapes = append(g.Shapes, &model.Shape{ID: id + "_di", Element: id, Bounds: model.Rect{X: x, Y: 30, W: 100, H: 80}})
	d.Touch()
}

// rename sets the name of node id.
func rename(d *model.Definitions, id, name string) {
	if n := d.Node(id); n != nil {
		n.Name = name
	}
}

// mustLoad loads rel or fails the test.
func mustLoad(t testing.TB, l *Library, rel string) *Doc {
	t.Helper()
	doc, err := l.Load(rel)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// waitChange waits (up to a generous bound, so slow machines pass) for a
// batch of changes on ch that includes rel.
func waitChange(t *testing.T, ch <-chan []Change, rel string) Change {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case cs := <-ch:
			for _, c := range cs {
				if c.Path == rel {
					return c
				}
			}
		case <-deadline:
			t.Fatalf("no change reported for %s", rel)
		}
	}
}

func names(es []Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Path
	}
	return out
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var _ = fmt.Sprint

func asError[T any](err error, target *T) bool { return errors.As(err, target) }
