//go:build unix

package rastertest

import (
	"syscall"
	"time"
)

// CPU is the user plus system CPU time this process has used so far.
func CPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
