package cli

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lanemap/bpmn"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = Main(args, &o, &e)
	return code, o.String(), e.String()
}

func TestHelpVersionUnknown(t *testing.T) {
	code, out, _ := run(t, "help")
	if code != 0 {
		t.Fatalf("help exit %d", code)
	}
	for _, v := range []string{"check", "convert", "stats", "gen"} {
		if !strings.Contains(out, "\n  "+v+" ") {
			t.Errorf("help does not list %s:\n%s", v, out)
		}
	}
	if code, out, _ := run(t, "version"); code != 0 || !strings.HasPrefix(out, "lanemap ") {
		t.Errorf("version: %d %q", code, out)
	}
	if code, _, _ := run(t, "frobnicate"); code != 2 {
		t.Errorf("unknown verb exit %d, want 2", code)
	}
	for _, v := range []string{"check", "convert", "stats", "gen"} {
		code, _, errOut := run(t, v, "-h")
		if code != 0 || !strings.Contains(errOut, "Usage: lanemap "+v) {
			t.Errorf("%s -h: exit %d, %q", v, code, errOut)
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		want     []string // substrings of stdout
		wantNone bool     // stdout must be empty
	}{
		{"clean file", []string{"testdata/lanes.bpmn"}, 0, nil, true},
		{"warning has file:line", []string{"testdata/dangling.bpmn"}, 0, []string{"testdata/dangling.bpmn:5: ", "Nowhere"}, false},
		{"malformed has file:line:col", []string{"testdata/malformed.bpmn"}, 1, []string{"testdata/malformed.bpmn:4:"}, false},
		{"missing file", []string{"testdata/absent.bpmn"}, 1, []string{"testdata/absent.bpmn: no such file"}, false},
		{"folder recursively", []string{"testdata"}, 1, []string{"malformed.bpmn:4:", "dangling.bpmn:5:"}, false},
		{"no arguments", nil, 2, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, append([]string{"check"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:%s\nstderr:%s", code, tt.code, out, errOut)
			}
			if tt.wantNone && out != "" {
				t.Fatalf("unexpected output:\n%s", out)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestStats(t *testing.T) {
	code, out, errOut := run(t, "stats", "testdata/lanes.bpmn")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := `endEvent: 1
sequenceFlow: 3
startEvent: 1
task: 1
userTask: 1
pools: 1
lanes: 2
handovers: 1
`
	if out != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
	if code, _, _ := run(t, "stats"); code != 2 {
		t.Errorf("stats without file: exit %d", code)
	}
}

func TestConvertAndGen(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.bpmn")
	if code, _, e := run(t, "convert", "testdata/lanes.bpmn", out); code != 0 {
		t.Fatalf("convert: %d %s", code, e)
	}
	d, _, warns, err := bpmn.ReadFile(out)
	if err != nil || len(warns) > 0 || len(d.Nodes) != 4 {
		t.Fatalf("converted file: err %v, warnings %v, %d nodes", err, warns, len(d.Nodes))
	}
	bad := filepath.Join(dir, "bad.bpmn")
	if code, _, e := run(t, "convert", "testdata/malformed.bpmn", bad); code != 1 || !strings.Contains(e, "malformed.bpmn:4:") {
		t.Fatalf("convert malformed: %d %q", code, e)
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Fatalf("convert of a malformed file created %s", bad)
	}
	if code, _, _ := run(t, "convert", "only-one"); code != 2 {
		t.Fatalf("convert usage: exit %d", code)
	}

	g := filepath.Join(dir, "gen.bpmn")
	if code, _, e := run(t, "gen", "120", g); code != 0 {
		t.Fatalf("gen: %d %s", code, e)
	}
	code, stats, _ := run(t, "stats", g)
	if code != 0 || !strings.Contains(stats, "lanes: 8\n") || !strings.Contains(stats, "startEvent: 1\n") {
		t.Fatalf("stats of generated file:\n%s", stats)
	}
	for _, bad := range []string{"x", "1", "-5"} {
		if code, _, _ := run(t, "gen", bad, g); code != 2 {
			t.Errorf("gen %s: exit %d, want 2", bad, code)
		}
	}
}

// TestConvertSurvivesKill kills a converting child process at random
// moments: the target must always hold the old or the new complete file.
func TestConvertSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("kill test skipped in -short mode")
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "big.bpmn")
	if code, _, e := run(t, "gen", "4000", big); code != 0 {
		t.Fatal(e)
	}
	want := filepath.Join(dir, "want.bpmn")
	if code, _, e := run(t, "convert", big, want); code != 0 {
		t.Fatal(e)
	}
	newBytes, _ := os.ReadFile(want)
	oldBytes, _ := os.ReadFile("testdata/lanes.bpmn")
	target := filepath.Join(dir, "target.bpmn")
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 12 {
		os.WriteFile(target, oldBytes, 0o644)
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "LANEMAP_CONVERT_CHILD="+big+"|"+target)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(60)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		got, _ := os.ReadFile(target)
		if !bytes.Equal(got, oldBytes) && !bytes.Equal(got, newBytes) {
			t.Fatalf("round %d: target is neither the old nor the new file (%d bytes)", i, len(got))
		}
	}
}

// TestMain lets the test binary act as the converting child of
// TestConvertSurvivesKill: it converts in a loop until it is killed.
func TestMain(m *testing.M) {
	if spec := os.Getenv("LANEMAP_CONVERT_CHILD"); spec != "" {
		in, out, _ := strings.Cut(spec, "|")
		for {
			Main([]string{"convert", in, out}, os.Stdout, os.Stderr)
		}
	}
	os.Exit(m.Run())
}
