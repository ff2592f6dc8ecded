package library

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"lanemap/bpmn"
)

// The test binary doubles as the worker process of the multi-process tests:
// LANEMAP_LIBRARY_WORKER selects a role, the other variables its job.
func TestMain(m *testing.M) {
	switch os.Getenv("LANEMAP_LIBRARY_WORKER") {
	case "edit":
		os.Exit(editWorker())
	case "crash":
		os.Exit(crashWorker())
	}
	os.Exit(m.Run())
}

type workerReport struct {
	Saves, Refusals, Conflicts int
}

// editWorker makes N edits to the library file, each followed by a save;
// a refused save is merged with the disk version and saved again.
func editWorker() int {
	dir, who := os.Getenv("LANEMAP_DIR"), os.Getenv("LANEMAP_WHO")
	n, _ := strconv.Atoi(os.Getenv("LANEMAP_N"))
	own := os.Getenv("LANEMAP_OWN_NODE")
	opt := Options{NoCache: true, NoFSNotify: true, Backups: 2, RecoveryDir: filepath.Join(dir, "..", "recovery-"+who)}
	l, err := Open(dir, opt)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	doc, err := l.Load("p.bpmn")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	var rep workerReport
	rng := rand.New(rand.NewPCG(uint64(os.Getpid()), 1))
	for i := range n {
		addTask(doc.Defs, fmt.Sprintf("Task_%s_%d", who, i), fmt.Sprintf("%s steg %d", who, i))
		rename(doc.Defs, own, fmt.Sprintf("%s %d", who, i))
		for {
			err := l.Save(doc)
			if err == nil {
				rep.Saves++
				break
			}
			var ch *ErrChangedOnDisk
			if !errors.As(err, &ch) {
				fmt.Fprintln(os.Stderr, "save:", err)
				return 1
			}
			rep.Refusals++
			merged, conflicts, err := l.MergeDisk(doc)
			if err != nil {
				fmt.Fprintln(os.Stderr, "merge:", err)
				return 1
			}
			rep.Conflicts += len(conflicts)
			doc = merged
		}
		if rng.IntN(4) == 0 {
			time.Sleep(time.Duration(rng.IntN(500)) * time.Microsecond)
		}
	}
	json.NewEncoder(os.Stdout).Encode(rep)
	return 0
}

// TestTwoProcessesEditingOneFile runs two worker processes that interleave
// hundreds of edits and saves on the same file through the library. Every
// save that would overwrite the other's work must be refused and merged:
// in the end every edit of both is in the file.
func TestTwoProcessesEditingOneFile(t *testing.T) {
	const n = 150
	root := t.TempDir()
	dir := filepath.Join(root, "lib")
	writeProcess(t, dir, "p.bpmn", process("Stress", 12))
	var cmds []*exec.Cmd
	var outs []*strings.Builder
	for _, w := range []struct{ who, node string }{{"A", "Node_1"}, {"B", "Node_2"}} {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "LANEMAP_LIBRARY_WORKER=edit", "LANEMAP_DIR="+dir,
			"LANEMAP_WHO="+w.who, "LANEMAP_N="+strconv.Itoa(n), "LANEMAP_OWN_NODE="+w.node)
		out := &strings.Builder{}
		cmd.Stdout, cmd.Stderr = out, out
		must(t, cmd.Start())
		cmds, outs = append(cmds, cmd), append(outs, out)
	}
	var total workerReport
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("worker %d: %v\n%s", i, err, outs[i])
		}
		var rep workerReport
		must(t, json.Unmarshal([]byte(outs[i].String()), &rep))
		total.Saves += rep.Saves
		total.Refusals += rep.Refusals
		total.Conflicts += rep.Conflicts
	}
	t.Logf("saves %d, refused and merged %d, conflicts %d", total.Saves, total.Refusals, total.Conflicts)
	if total.Saves != 2*n || total.Conflicts != 0 {
		t.Fatalf("saves %d (want %d), conflicts %d (edits touch different elements)", total.Saves, 2*n, total.Conflicts)
	}
	if total.Refusals == 0 {
		t.Fatal("the workers never collided; the test proved nothing")
	}
	d, _, warns, err := bpmn.ReadFile(filepath.Join(dir, "p.bpmn"))
	must(t, err)
	if len(warns) != 0 {
		t.Errorf("final file warns: %v", warns)
	}
	lost := 0
	for _, who := range []string{"A", "B"} {
		for i := range n {
			if d.Node(fmt.Sprintf("Task_%s_%d", who, i)) == nil {
				lost++
			}
		}
	}
	if lost != 0 {
		t.Fatalf("%d edits lost", lost)
	}
	if d.Node("Node_1").Name != fmt.Sprintf("A %d", n-1) || d.Node("Node_2").Name != fmt.Sprintf("B %d", n-1) {
		t.Fatalf("last renames lost: %q %q", d.Node("Node_1").Name, d.Node("Node_2").Name)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if e.Name() != "p.bpmn" && e.Name() != BackupDir {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// crashWorker saves version after version until it is killed.
func crashWorker() int {
	dir := os.Getenv("LANEMAP_DIR")
	l, err := Open(dir, Options{NoCache: true, NoFSNotify: true, Backups: 3, RecoveryDir: filepath.Join(dir, "..", "recovery")})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for k := 0; ; k++ {
		doc, err := l.Load("p.bpmn")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		// Vary the size so a torn write could not pass for a whole file.
		for j := range k % 5 {
			addTask(doc.Defs, fmt.Sprintf("Task_%d_%d_%d", os.Getpid(), k, j), "fyllnad")
		}
		rename(doc.Defs, "Node_1", fmt.Sprintf("v%d", k))
		if err := l.Save(doc); err != nil {
			var ch *ErrChangedOnDisk
			if !errors.As(err, &ch) {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
		}
		l.Close(doc)
	}
}

// TestKillDuringSave kills a saving process at random moments, again and
// again; the file must always be a complete old or new version, and the
// next process must be able to save (no wedged commit lock).
func TestKillDuringSave(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "lib")
	writeProcess(t, dir, "p.bpmn", process("Krasch", 10))
	rng := rand.New(rand.NewPCG(7, 7))
	seen := map[string]bool{}
	for round := range 12 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "LANEMAP_LIBRARY_WORKER=crash", "LANEMAP_DIR="+dir)
		var out strings.Builder
		cmd.Stderr = &out
		must(t, cmd.Start())
		time.Sleep(time.Duration(40+rng.IntN(200)) * time.Millisecond)
		must(t, cmd.Process.Signal(syscall.SIGKILL))
		cmd.Wait()
		if strings.TrimSpace(out.String()) != "" {
			t.Fatalf("round %d: worker failed: %s", round, out.String())
		}
		d, _, warns, err := bpmn.ReadFile(filepath.Join(dir, "p.bpmn"))
		if err != nil {
			t.Fatalf("round %d: file torn by kill: %v", round, err)
		}
		if len(warns) != 0 || len(d.Nodes) < 10 {
			t.Fatalf("round %d: incomplete file: %d nodes, %v", round, len(d.Nodes), warns)
		}
		seen[d.Node("Node_1").Name] = true
	}
	if len(seen) < 2 {
		t.Fatalf("the workers saved nothing between kills: %v", seen)
	}
	// Whatever the kills left behind, the library opens, lists one process
	// and saves.
	l, err := Open(dir, testOpts(t))
	must(t, err)
	if es := l.Entries(); len(es) != 1 || es[0].Err != "" {
		t.Fatalf("entries after kills: %+v", es)
	}
	doc := mustLoad(t, l, "p.bpmn")
	rename(doc.Defs, "Node_1", "efter krascherna")
	must(t, l.Save(doc))
}
