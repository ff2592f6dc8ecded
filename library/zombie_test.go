package library

import (
	"os"
	"os/exec"
	"runtime"
	"testing"
	"time"
)

// A crashed editor whose parent has not reaped it yet is a zombie: its pid
// answers signal 0, but its lock must count as stale at once.
func TestZombieHoldsNoLock(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("zombie detection reads /proc, which only Linux has")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	defer cmd.Wait()
	deadline := time.Now().Add(10 * time.Second)
	for !zombie(pid) {
		if time.Now().After(deadline) {
			t.Fatal("child never became a zombie")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if processAlive(pid) {
		t.Fatalf("processAlive(%d) = true for a zombie", pid)
	}
	if !processAlive(os.Getpid()) {
		t.Fatal("processAlive(own pid) = false")
	}
}
